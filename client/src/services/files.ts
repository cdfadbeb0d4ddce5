/**
 * Blob cache for files referenced by documents (PDFs). Bytes come from GET /api/files/:sha256 and
 * are stored only after their SHA-256 matches the reference, so a cached file is exactly the one
 * the document names. Offline, files are served from the cache.
 *
 * The bytes are sealed with the user's data key before they reach IndexedDB (encryption at rest);
 * SHA-256, size and type stay plain, so lists, storage figures and clean-up need no key. The hash
 * is checked on the plain bytes, as before.
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

/** A file's bytes as the relay sent them, checked against their SHA-256. */
export interface VerifiedFile {
  sha256: string
  bytes: Uint8Array<ArrayBuffer>
  mime: string
}

export class FileCache {
  constructor(
    private readonly db: UserDb,
    private readonly api: ApiClient,
  ) {}

  async get(sha256: string): Promise<Blob | undefined> {
    const row = await this.db.blobs.get(sha256)
    return row ? this.opened(row) : undefined
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
    const cached = row && (await this.opened(row))
    if (row && cached) {
      await this.addDocuments(row, documents)
      onBytes?.(row.size)
      return cached
    }
    return this.download(ref, documents, onBytes, signal)
  }

  async download(ref: FileRef, documents: readonly string[], onBytes?: (received: number) => void, signal?: AbortSignal): Promise<Blob> {
    const fetched = await this.fetchVerified(ref, onBytes, signal)
    await this.storeMany([{ ...fetched, documents }])
    return new Blob([fetched.bytes], { type: fetched.mime })
  }

  /**
   * The file's bytes from the relay, verified against the reference's SHA-256, not stored yet:
   * a caller fetching many files stores them together (storeMany), because IndexedDB runs write
   * transactions on one store one after the other.
   */
  async fetchVerified(ref: FileRef, onBytes?: (received: number) => void, signal?: AbortSignal): Promise<VerifiedFile> {
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
    return { sha256: sha, bytes, mime: ref.mime || res.headers.get('Content-Type') || 'application/octet-stream' }
  }

  /** Stores verified files (sealed) in one transaction, adding the documents that reference them. */
  async storeMany(files: readonly (VerifiedFile & { documents: readonly string[] })[]): Promise<void> {
    if (!files.length) return
    const sealed = await Promise.all(files.map((f) => this.sealed(f.bytes)))
    const storedAt = new Date().toISOString()
    await this.db.transaction('rw', this.db.blobs, async () => {
      const existing = await this.db.blobs.bulkGet(files.map((f) => f.sha256))
      await this.db.blobs.bulkPut(
        files.map((f, i) => ({
          sha256: f.sha256,
          blob: sealed[i],
          size: f.bytes.byteLength,
          mime: f.mime,
          documents: [...new Set([...(existing[i]?.documents ?? []), ...f.documents])],
          storedAt,
        })),
      )
    })
  }

  /** Records more referencing documents for cached files (without reading their bytes). */
  async rememberDocuments(entries: readonly { sha256: string; documents: readonly string[] }[]): Promise<void> {
    if (!entries.length) return
    const wanted = new Map(entries.map((e) => [e.sha256, e.documents]))
    await this.db.blobs
      .where('sha256')
      .anyOf([...wanted.keys()])
      .modify((row) => {
        const add = (wanted.get(row.sha256) ?? []).filter((d) => !row.documents.includes(d))
        if (add.length) row.documents = [...row.documents, ...add]
      })
  }

  /**
   * Keeps bytes made on this device (a member's own upload, before or after it reached the relay)
   * in the cache, verified against their SHA-256 like downloads.
   */
  async store(sha256: string, blob: Blob, documents: readonly string[]): Promise<void> {
    const sha = sha256.toLowerCase()
    const bytes = new Uint8Array(await blob.arrayBuffer())
    if ((await sha256Hex(bytes)) !== sha) throw new IntegrityError(sha)
    const sealed = await this.sealed(bytes)
    await this.db.transaction('rw', this.db.blobs, async () => {
      const existing = await this.db.blobs.get(sha)
      const docs = new Set([...(existing?.documents ?? []), ...documents])
      await this.db.blobs.put({ sha256: sha, blob: sealed, size: blob.size, mime: blob.type || 'application/octet-stream', documents: [...docs], storedAt: new Date().toISOString() })
    })
  }

  /** Sealed before the transaction: awaiting WebCrypto inside it would let it commit early. */
  private async sealed(bytes: Uint8Array): Promise<Blob> {
    return new Blob([await this.db.cipher.seal(bytes)], { type: 'application/octet-stream' })
  }

  /** The plain file of a cached row; a row that does not open with this key is dropped (downloaded again). */
  private async opened(row: BlobRow): Promise<Blob | undefined> {
    try {
      const plain = await this.db.cipher.open(new Uint8Array(await row.blob.arrayBuffer()))
      return new Blob([plain], { type: row.mime })
    } catch {
      await this.db.blobs.delete(row.sha256)
      return undefined
    }
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
