/**
 * Blob cache for files referenced by documents (PDFs). Bytes come from GET /api/files/:sha256 and
 * are stored only after their SHA-256 matches the reference, so a cached file is exactly the one
 * the document names. Offline, files are served from the cache.
 */
import type { FileRef } from '@ratstisch/domain'
import { ApiError, type ApiClient } from './api-client.ts'
import type { BlobRow, UserDb } from './local-db.ts'
import { t } from '../i18n/messages.ts'

export class IntegrityError extends Error {
  constructor(readonly sha256: string) {
    super(t('error.integrity'))
    this.name = 'IntegrityError'
  }
}

export async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export class FileCache {
  constructor(
    private readonly db: UserDb,
    private readonly api: ApiClient,
  ) {}

  async get(sha256: string): Promise<Blob | undefined> {
    return (await this.db.blobs.get(sha256))?.blob
  }

  async cachedOf(sha256s: readonly string[]): Promise<Set<string>> {
    const keys = await this.db.blobs.where('sha256').anyOf([...sha256s]).primaryKeys()
    return new Set(keys)
  }

  /**
   * The file's bytes: from the cache, else downloaded (verified and cached for the given documents).
   */
  async open(ref: FileRef, documents: readonly string[], onBytes?: (received: number) => void, signal?: AbortSignal): Promise<Blob> {
    const row = await this.db.blobs.get(ref.sha256)
    if (row) {
      await this.addDocuments(row, documents)
      onBytes?.(row.size)
      return row.blob
    }
    return this.download(ref, documents, onBytes, signal)
  }

  async download(ref: FileRef, documents: readonly string[], onBytes?: (received: number) => void, signal?: AbortSignal): Promise<Blob> {
    const sha = ref.sha256.toLowerCase()
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new IntegrityError(ref.sha256)
    const res = await this.api.request(`/api/files/${sha}`, { signal, timeoutMs: 120_000 })
    const chunks: Uint8Array<ArrayBuffer>[] = []
    let received = 0
    if (res.body) {
      const reader = res.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        chunks.push(value)
        received += value.byteLength
        onBytes?.(received)
      }
    } else {
      const buf = new Uint8Array(await res.arrayBuffer())
      chunks.push(buf)
      received = buf.byteLength
      onBytes?.(received)
    }
    const bytes = new Uint8Array(received)
    let offset = 0
    for (const c of chunks) {
      bytes.set(c, offset)
      offset += c.byteLength
    }
    if ((await sha256Hex(bytes)) !== sha) throw new IntegrityError(sha)
    const mime = ref.mime || res.headers.get('Content-Type') || 'application/octet-stream'
    const blob = new Blob([bytes], { type: mime })
    await this.db.transaction('rw', this.db.blobs, async () => {
      const existing = await this.db.blobs.get(sha)
      const docs = new Set([...(existing?.documents ?? []), ...documents])
      await this.db.blobs.put({ sha256: sha, blob, size: received, mime, documents: [...docs], storedAt: new Date().toISOString() })
    })
    return blob
  }

  private async addDocuments(row: BlobRow, documents: readonly string[]): Promise<void> {
    const missing = documents.filter((d) => !row.documents.includes(d))
    if (missing.length) await this.db.blobs.update(row.sha256, { documents: [...row.documents, ...missing] })
  }

  /** Forgets documents (revoked); blobs no document references any more are deleted. */
  async dropDocuments(documentIds: readonly string[]): Promise<string[]> {
    if (!documentIds.length) return []
    const gone = new Set(documentIds)
    const deleted: string[] = []
    await this.db.transaction('rw', this.db.blobs, this.db.pins, async () => {
      const rows = await this.db.blobs.where('documents').anyOf([...gone]).toArray()
      for (const row of rows) {
        const rest = row.documents.filter((d) => !gone.has(d))
        if (rest.length) await this.db.blobs.update(row.sha256, { documents: rest })
        else {
          await this.db.blobs.delete(row.sha256)
          deleted.push(row.sha256)
        }
      }
      if (deleted.length) {
        const removed = new Set(deleted)
        await this.db.pins.toCollection().modify((pin) => {
          pin.files = pin.files.filter((f) => !removed.has(f))
        })
      }
    })
    return deleted
  }

  async delete(sha256s: readonly string[]): Promise<void> {
    await this.db.blobs.bulkDelete([...sha256s])
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 404 || e.status === 403)
}
