/**
 * One-time sealing of what a version before encryption at rest left in the clear on this device:
 * Automerge documents, cached files, outbox commands, the staff paper list and cached relay
 * answers in `kv`.
 *
 * Everything is sealed in place, nothing is dropped: the documents may hold changes the relay has
 * not seen yet (made offline), and the outbox commands not sent yet. It runs after the first unlock
 * and before the repo or any service touches the data; every step skips what is already sealed, so
 * an interrupted run (tab closed) simply runs again at the next unlock until it finishes and the
 * marker is removed.
 */
import { sha256Hex } from './files.ts'
import type { LocalCipher } from './local-cipher.ts'
import { openExistingDatabase, outboxEnvelope, PLAIN_DATA_MARKER, type OutboxCommand, type PlainPaperListRow, type UserDb } from './local-db.ts'

/** kv prefixes under which the previous version cached relay answers with content (now in `cache`). */
const CONTENT_KV_PREFIXES = ['paper:', 'queue:', 'outcomes:']
const AUTOMERGE_STORE = 'documents'
const BATCH = 200

export interface SealReport {
  documents: number
  files: number
  droppedFiles: number
  commands: number
  cached: number
}

export async function needsSealing(db: UserDb): Promise<boolean> {
  return (await db.kv.get(PLAIN_DATA_MARKER)) !== undefined
}

export async function sealLegacyData(db: UserDb, automergeDbName: string): Promise<SealReport> {
  const report: SealReport = { documents: 0, files: 0, droppedFiles: 0, commands: 0, cached: 0 }
  report.documents = await sealAutomergeStore(automergeDbName, db.cipher)
  Object.assign(report, await sealFiles(db))
  report.commands = await sealOutbox(db)
  await sealPaperList(db)
  report.cached = await moveCachedAnswers(db)
  await db.kv.delete(PLAIN_DATA_MARKER)
  return report
}

async function isSealed(cipher: LocalCipher, bytes: Uint8Array): Promise<boolean> {
  try {
    await cipher.open(bytes)
    return true
  } catch {
    return false
  }
}

/** Automerge storage (IndexedDBStorageAdapter: `{ key, binary }` per storage key), batch by batch. */
async function sealAutomergeStore(name: string, cipher: LocalCipher): Promise<number> {
  const idb = await openExistingDatabase(name)
  if (!idb) return 0
  let sealed = 0
  try {
    if (!idb.objectStoreNames.contains(AUTOMERGE_STORE)) return 0
    let after: IDBValidKey | undefined
    for (;;) {
      const batch = await readBatch(idb, after)
      if (!batch.length) break
      after = batch[batch.length - 1].primaryKey
      const writes: { primaryKey: IDBValidKey; value: { key: unknown; binary: Uint8Array } }[] = []
      for (const { primaryKey, value } of batch) {
        if (!(value?.binary instanceof Uint8Array) || (await isSealed(cipher, value.binary))) continue
        writes.push({ primaryKey, value: { ...value, binary: await cipher.seal(value.binary) } })
      }
      if (writes.length) await writeBatch(idb, writes)
      sealed += writes.length
    }
  } finally {
    idb.close()
  }
  return sealed
}

interface StoredChunk {
  primaryKey: IDBValidKey
  value: { key: unknown; binary: Uint8Array } | undefined
}

function readBatch(idb: IDBDatabase, after: IDBValidKey | undefined): Promise<StoredChunk[]> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(AUTOMERGE_STORE, 'readonly')
    const out: StoredChunk[] = []
    const request = tx.objectStore(AUTOMERGE_STORE).openCursor(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true))
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor || out.length >= BATCH) return
      out.push({ primaryKey: cursor.primaryKey, value: cursor.value as StoredChunk['value'] })
      cursor.continue()
    }
    tx.oncomplete = () => resolve(out)
    tx.onerror = () => reject(tx.error)
  })
}

function writeBatch(idb: IDBDatabase, writes: { primaryKey: IDBValidKey; value: unknown }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(AUTOMERGE_STORE, 'readwrite')
    const store = tx.objectStore(AUTOMERGE_STORE)
    for (const w of writes) store.put(w.value, w.primaryKey)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
}

/** Cached files: sealed after their hash is checked once more; a damaged plain copy is dropped (downloaded again). */
async function sealFiles(db: UserDb): Promise<{ files: number; droppedFiles: number }> {
  let files = 0
  let droppedFiles = 0
  for (const sha256 of await db.blobs.toCollection().primaryKeys()) {
    const row = await db.blobs.get(sha256)
    if (!row) continue
    const bytes = new Uint8Array(await row.blob.arrayBuffer())
    if (await isSealed(db.cipher, bytes)) continue
    if ((await sha256Hex(bytes)) !== sha256) {
      await db.blobs.delete(sha256)
      droppedFiles++
      continue
    }
    const blob = new Blob([await db.cipher.seal(bytes)], { type: 'application/octet-stream' })
    await db.blobs.update(sha256, { blob })
    files++
  }
  return { files, droppedFiles }
}

async function sealOutbox(db: UserDb): Promise<number> {
  let count = 0
  for (const row of await db.outbox.toArray()) {
    if (row.sealed || row.id === undefined) continue
    const command = row.command as unknown as OutboxCommand
    const sealed = await db.cipher.sealText(JSON.stringify(command))
    await db.outbox.update(row.id, { command: outboxEnvelope(command), sealed })
    count++
  }
  return count
}

async function sealPaperList(db: UserDb): Promise<void> {
  const row = (await db.paperLists.get('staff')) as Partial<PlainPaperListRow> & { sealed?: Uint8Array } | undefined
  if (!row || row.sealed || typeof row.body !== 'string') return
  const sealed = await db.cipher.sealText(JSON.stringify({ body: row.body, departmentNames: row.departmentNames ?? {} }))
  await db.paperLists.put({ key: 'staff', sealed, etag: row.etag ?? null, serverTime: row.serverTime ?? '', confirmedAt: row.confirmedAt ?? '' })
}

/** Relay answers with content that the previous version kept in the plain `kv`. */
async function moveCachedAnswers(db: UserDb): Promise<number> {
  const rows = await db.kv.filter((r) => CONTENT_KV_PREFIXES.some((p) => r.key.startsWith(p))).toArray()
  for (const row of rows) {
    await db.cache.put(row)
    await db.kv.delete(row.key)
  }
  return rows.length
}
