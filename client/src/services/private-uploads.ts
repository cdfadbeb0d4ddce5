/**
 * A member's own documents in a meeting ("Eigenes Dokument hinzufügen"): a PDF chosen on this
 * device is kept in the blob cache at once, recorded in the member's notes document
 * (NotesDoc.uploads, audience: the member only) and uploaded through the outbox with
 * POST /api/files?doc=<notes document> — so adding works offline and the upload follows when the
 * relay answers. The notes document is registered first (its registration is queued earlier).
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { NotesDoc, PrivateUpload } from '@ratstisch/domain'
import { ApiError, type ApiClient } from './api-client.ts'
import type { ChangeTracker } from './change-tracker.ts'
import { Emitter } from './emitter.ts'
import { sha256Hex, type FileCache } from './files.ts'
import type { OutboxCommand, UserDb } from './local-db.ts'
import type { NotesService } from './notes.ts'
import type { Outbox } from './outbox.ts'
import { documentIdOf } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export type UploadCommand = Extract<OutboxCommand, { kind: 'upload-file' }>

/** The relay's default limit (MAX_UPLOAD_BYTES); checked here so the member hears it at once. */
export const MAX_PRIVATE_UPLOAD_BYTES = 100 * 1024 * 1024

export type UploadProblem = 'not-pdf' | 'too-large' | 'empty'

/** Why a chosen file cannot be added, or undefined when it can (PDF by its first bytes, not its name). */
export function uploadProblem(head: Uint8Array, size: number): UploadProblem | undefined {
  if (size === 0) return 'empty'
  if (size > MAX_PRIVATE_UPLOAD_BYTES) return 'too-large'
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d] // "%PDF-"
  // PDF readers accept the header within the first 1024 bytes
  const limit = Math.min(head.length - magic.length, 1024)
  for (let i = 0; i <= limit; i++) if (magic.every((b, j) => head[i + j] === b)) return undefined
  return 'not-pdf'
}

/** A file name the notes document accepts (1-300 characters, no path). */
export function uploadName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f]/g, ' ').trim() ?? ''
  return (base || 'Dokument.pdf').slice(0, 300)
}

export class UploadRejectedError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem)
    this.name = 'UploadRejectedError'
  }
}

export interface PrivateUploadsEvents extends Record<string, unknown> {
  /** uploads of this meeting changed state (added, sent, refused) */
  change: string
}

const FAILED_PREFIX = 'upload-failed:'

export class PrivateUploads extends Emitter<PrivateUploadsEvents> {
  constructor(
    private readonly db: UserDb,
    private readonly files: FileCache,
    private readonly notes: NotesService,
    private readonly tracker: ChangeTracker,
    private readonly outbox: Outbox,
    private readonly repo: RepoService,
    private readonly api: ApiClient,
  ) {
    super()
  }

  /** Adds a PDF to the meeting (optionally to one agenda item); resolves once it is on this device. */
  async add(meetingId: string, file: Blob & { name?: string }, itemId?: string): Promise<PrivateUpload> {
    const bytes = new Uint8Array(await file.arrayBuffer())
    const problem = uploadProblem(bytes.subarray(0, 1100), bytes.byteLength)
    if (problem) throw new UploadRejectedError(problem)
    const sha256 = await sha256Hex(bytes)
    const handle = await this.notes.ensure(meetingId)
    const existing = (handle.doc()?.uploads ?? []).find((u) => u.sha256 === sha256 && (u.itemId ?? '') === (itemId ?? ''))
    if (existing) return existing
    await this.files.store(sha256, new Blob([bytes], { type: 'application/pdf' }), [handle.documentId])
    const upload: PrivateUpload = {
      id: crypto.randomUUID(),
      sha256,
      name: uploadName(file.name ?? ''),
      mime: 'application/pdf',
      size: bytes.byteLength,
      uploadedAt: new Date().toISOString(),
      ...(itemId ? { itemId } : {}),
    }
    this.record(handle, upload)
    await this.outbox.add({ kind: 'upload-file', meetingId, uploadId: upload.id, sha256, name: upload.name, mime: upload.mime, ...(itemId ? { itemId } : {}) })
    this.emit('change', meetingId)
    return upload
  }

  private record(handle: DocHandle<NotesDoc>, upload: PrivateUpload): void {
    this.tracker.change(handle, (d) => {
      if (!d.uploads) d.uploads = []
      if (!d.uploads.some((u) => u.id === upload.id)) d.uploads.push(upload)
    })
  }

  /** Upload ids still waiting on this device to reach the relay. */
  async pending(meetingId: string): Promise<Set<string>> {
    const ids = new Set<string>()
    for (const row of await this.outbox.pending()) if (row.command.kind === 'upload-file' && row.command.meetingId === meetingId) ids.add(row.command.uploadId)
    return ids
  }

  /** Upload id -> the relay's reason for refusing it. */
  async failures(): Promise<Map<string, string>> {
    const rows = await this.db.kv.where('key').startsWith(FAILED_PREFIX).toArray()
    return new Map(rows.map((r) => [r.key.slice(FAILED_PREFIX.length), r.value]))
  }

  /** Outbox handler: sends the bytes to the relay for the member's (registered) notes document. */
  async send(command: UploadCommand): Promise<void> {
    // The upload needs the notes document registered. A notes document made on this device is
    // registered here if its queued registration has not gone through yet (never wait for the
    // queue's order: a retried upload in front of the registration would block both; registering
    // is idempotent). Notes another device registered come from the catalogue: no local row.
    const local = await this.db.notes.get(command.meetingId)
    if (local && !local.registered) await this.notes.register({ kind: 'register-notes', meetingId: command.meetingId, url: local.url })
    const row = await this.db.notes.get(command.meetingId)
    if (row && !row.registered) throw new Error('notes document not registered yet')
    const url = await this.notes.urlFor(command.meetingId)
    if (!url) throw new Error('the meeting has no notes document yet')
    const notes = { url }
    const documentId = documentIdOf(url)
    const blob = await this.files.get(command.sha256)
    if (!blob) {
      await this.fail(command, 'missing')
      return
    }
    try {
      const res = await this.api.request(`/api/files?doc=${encodeURIComponent(documentId)}`, {
        method: 'POST',
        headers: { 'Content-Type': command.mime, 'X-File-Name': encodeURIComponent(command.name) },
        body: blob,
        timeoutMs: 300_000,
      })
      const stored = (await res.json()) as { sha256?: string }
      if (stored.sha256 !== command.sha256) console.warn('upload: relay stored different bytes', command.uploadId)
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401 && e.status !== 408 && e.status !== 429 && e.status < 500) await this.fail(command, e.message)
      throw e
    }
    // The notes may have switched to another device's document meanwhile: the record goes there too.
    const handle = await this.repo.find<NotesDoc>(notes.url, 10_000).catch(() => undefined)
    if (handle && !(handle.doc()?.uploads ?? []).some((u) => u.id === command.uploadId)) {
      this.record(handle, {
        id: command.uploadId,
        sha256: command.sha256,
        name: command.name,
        mime: command.mime,
        size: blob.size,
        uploadedAt: new Date().toISOString(),
        ...(command.itemId ? { itemId: command.itemId } : {}),
      })
    }
    await this.files.rememberDocuments([{ sha256: command.sha256, documents: [documentId] }])
    this.emit('change', command.meetingId)
  }

  private async fail(command: UploadCommand, reason: string): Promise<void> {
    await this.db.kv.put({ key: FAILED_PREFIX + command.uploadId, value: reason })
    this.emit('change', command.meetingId)
  }
}
