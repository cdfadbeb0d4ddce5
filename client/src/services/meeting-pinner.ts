/**
 * "Offline verfügbar machen": stores a meeting's documents (public part, non-public part, own
 * notes) and every file they reference on this device, with progress; "Offline-Daten entfernen"
 * frees the files again (documents stay: they are small and may hold unsynced notes).
 */
import { fileRefsOf, type FileRef, type MeetingConfidentialDoc, type MeetingDoc } from '@ratstisch/domain'
import type { DocHandle } from '@automerge/automerge-repo'
import type { Catalogue } from './catalogue.ts'
import { Emitter } from './emitter.ts'
import type { FileCache } from './files.ts'
import type { PinRow, UserDb } from './local-db.ts'
import type { NotesService } from './notes.ts'
import type { RepoService } from './repo.ts'

export interface PinProgress {
  files: number
  totalFiles: number
  bytes: number
  totalBytes: number
}

export interface PinnerEvents extends Record<string, unknown> {
  change: string
}

export class MeetingPinner extends Emitter<PinnerEvents> {
  constructor(
    private readonly db: UserDb,
    private readonly repo: RepoService,
    private readonly catalogue: Catalogue,
    private readonly files: FileCache,
    private readonly notes: NotesService,
  ) {
    super()
  }

  async pinnedIds(): Promise<Set<string>> {
    return new Set(await this.db.pins.toCollection().primaryKeys())
  }

  async get(meetingId: string): Promise<PinRow | undefined> {
    return this.db.pins.get(meetingId)
  }

  async pin(meetingId: string, onProgress: (p: PinProgress) => void, signal?: AbortSignal): Promise<PinRow> {
    const docs = await this.catalogue.forMeeting(meetingId)
    if (!docs.meeting) throw new Error(`meeting ${meetingId} is not in the catalogue`)
    const meeting = await this.repo.find<MeetingDoc>(docs.meeting.url, 30_000)
    const handles: DocHandle<unknown>[] = [meeting as DocHandle<unknown>]
    const refs: { ref: FileRef; documentId: string }[] = fileRefsOf(meeting.doc()).map((ref) => ({ ref, documentId: meeting.documentId }))
    if (docs.confidential) {
      const confidential = await this.repo.find<MeetingConfidentialDoc>(docs.confidential.url, 30_000)
      handles.push(confidential as DocHandle<unknown>)
      for (const ref of fileRefsOf(confidential.doc())) refs.push({ ref, documentId: confidential.documentId })
    }
    const notes = await this.notes.open(meetingId, 30_000).catch(() => undefined)
    if (notes) handles.push(notes as DocHandle<unknown>)
    await this.repo.flush(handles.map((h) => h.documentId))

    const bySha = new Map<string, { ref: FileRef; documents: string[] }>()
    for (const { ref, documentId } of refs) {
      const entry = bySha.get(ref.sha256)
      if (entry) entry.documents.push(documentId)
      else bySha.set(ref.sha256, { ref, documents: [documentId] })
    }
    const all = [...bySha.values()]
    const progress: PinProgress = { files: 0, totalFiles: all.length, bytes: 0, totalBytes: all.reduce((s, f) => s + (f.ref.size || 0), 0) }
    onProgress({ ...progress })
    for (const { ref, documents } of all) {
      signal?.throwIfAborted()
      const before = progress.bytes
      const blob = await this.files.open(ref, documents, (received) => onProgress({ ...progress, bytes: before + received }), signal)
      progress.files += 1
      progress.bytes = before + (ref.size || blob.size)
      onProgress({ ...progress })
    }
    const row: PinRow = { meetingId, pinnedAt: new Date().toISOString(), files: [...bySha.keys()], bytes: progress.bytes }
    await this.db.pins.put(row)
    this.emit('change', meetingId)
    return row
  }

  async unpin(meetingId: string): Promise<void> {
    const pin = await this.db.pins.get(meetingId)
    if (!pin) return
    const keep = new Set<string>()
    for (const other of await this.db.pins.toArray()) if (other.meetingId !== meetingId) for (const f of other.files) keep.add(f)
    await this.files.delete(pin.files.filter((f) => !keep.has(f)))
    await this.db.pins.delete(meetingId)
    this.emit('change', meetingId)
  }
}
