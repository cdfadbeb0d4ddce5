/**
 * The search index at rest: JSON, gzip-compressed, then sealed with the session's LocalCipher
 * (AES-GCM), in an IndexedDB database of its own per user (`ratstisch-search-<userId>`), which
 * sign-out deletes. The index holds the text of non-public documents, so it is never stored in
 * the clear; bytes that do not open with the current key are treated as absent (the index is
 * rebuilt from the documents). The database name is `searchDbName` in services/local-db.ts.
 */
import type { LocalCipher } from '../services/local-cipher.ts'

/** Where the sealed bytes live (IndexedDB in the worker, memory in tests). */
export interface ByteStore {
  read(): Promise<Uint8Array | undefined>
  write(bytes: Uint8Array): Promise<void>
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(piped).arrayBuffer())
}

export class SealedIndexStore<T> {
  constructor(
    private readonly bytes: ByteStore,
    private readonly cipher: LocalCipher,
  ) {}

  /** The stored value; undefined when nothing is stored or it cannot be opened with this key. */
  async load(): Promise<{ value: T | undefined; present: boolean }> {
    const sealed = await this.bytes.read()
    if (!sealed) return { value: undefined, present: false }
    try {
      const plain = await transform(await this.cipher.open(sealed), new DecompressionStream('gzip'))
      return { value: JSON.parse(new TextDecoder().decode(plain)) as T, present: true }
    } catch {
      return { value: undefined, present: true }
    }
  }

  /** Seals and stores; returns the stored size in bytes. */
  async save(value: T): Promise<number> {
    const json = new TextEncoder().encode(JSON.stringify(value))
    const sealed = await this.cipher.seal(await transform(json, new CompressionStream('gzip')))
    await this.bytes.write(sealed)
    return sealed.byteLength
  }
}

const STORE = 'snapshots'
const KEY = 'index'

/** One IndexedDB database with one record; the connection is opened per operation, so deleting the database (sign-out) is never blocked by an idle worker. */
export class IdbByteStore implements ByteStore {
  constructor(private readonly dbName: string) {}

  private open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(this.dbName, 1)
      req.onupgradeneeded = () => req.result.createObjectStore(STORE)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
  }

  async read(): Promise<Uint8Array | undefined> {
    const db = await this.open()
    try {
      return await new Promise<Uint8Array | undefined>((resolve, reject) => {
        const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY)
        req.onsuccess = () => resolve(req.result instanceof Uint8Array ? req.result : req.result instanceof ArrayBuffer ? new Uint8Array(req.result) : undefined)
        req.onerror = () => reject(req.error)
      })
    } finally {
      db.close()
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const db = await this.open()
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite')
        tx.objectStore(STORE).put(bytes, KEY)
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
        tx.onabort = () => reject(tx.error)
      })
    } finally {
      db.close()
    }
  }
}
