import { Repo, type AutomergeUrl, type Chunk, type StorageAdapterInterface, type StorageKey } from '@automerge/automerge-repo'
import * as A from '@automerge/automerge'
import { describe, expect, it } from 'vitest'
import { EncryptedStorageAdapter, SealedValueError } from './encrypted-storage-adapter.ts'
import { LocalCipher } from './local-cipher.ts'

/** What IndexedDB would hold: plain keys, whatever bytes the adapter hands over. */
class MemoryStorage implements StorageAdapterInterface {
  readonly values = new Map<string, { key: StorageKey; data: Uint8Array }>()
  private id = (key: StorageKey) => JSON.stringify(key)
  private inRange = (key: StorageKey, prefix: StorageKey) => prefix.every((p, i) => key[i] === p)
  async load(key: StorageKey) {
    return this.values.get(this.id(key))?.data
  }
  async save(key: StorageKey, data: Uint8Array) {
    this.values.set(this.id(key), { key, data: data.slice() })
  }
  async remove(key: StorageKey) {
    this.values.delete(this.id(key))
  }
  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    return [...this.values.values()].filter((v) => this.inRange(v.key, prefix)).map((v) => ({ key: v.key, data: v.data }))
  }
  async removeRange(prefix: StorageKey) {
    for (const [id, v] of this.values) if (this.inRange(v.key, prefix)) this.values.delete(id)
  }
}

const cipherOf = async () => new LocalCipher(await LocalCipher.generateKey())
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes)
const SECRET = 'Grundstücksankauf Flurstück 4711 (nichtöffentlich)'

/** Whatever the bytes say when read as an Automerge document or change, as JSON text; '' if not Automerge. */
function automergeText(bytes: Uint8Array): string {
  try {
    return JSON.stringify(A.toJS(A.load(bytes)))
  } catch {
    try {
      return JSON.stringify(A.toJS(A.loadIncremental(A.init(), bytes)))
    } catch {
      return ''
    }
  }
}

describe('EncryptedStorageAdapter', () => {
  it('round-trips values through load and loadRange while the stored bytes are sealed', async () => {
    const inner = new MemoryStorage()
    const adapter = new EncryptedStorageAdapter(inner, await cipherOf())
    const plain = new TextEncoder().encode(SECRET)
    await adapter.save(['doc1', 'snapshot', 'abc'], plain)
    await adapter.save(['doc1', 'incremental', 'def'], new Uint8Array([1, 2, 3]))
    await adapter.save(['doc2', 'snapshot', 'xyz'], new Uint8Array([9]))

    expect(await adapter.load(['doc1', 'snapshot', 'abc'])).toEqual(plain)
    expect(await adapter.load(['doc1', 'snapshot', 'missing'])).toBeUndefined()
    const range = await adapter.loadRange(['doc1'])
    expect(range.map((c) => c.key).sort()).toEqual([
      ['doc1', 'incremental', 'def'],
      ['doc1', 'snapshot', 'abc'],
    ])
    expect(range.find((c) => c.key[1] === 'incremental')?.data).toEqual(new Uint8Array([1, 2, 3]))

    // keys stay plain (document ids and hashes), values do not
    expect([...inner.values.values()].map((v) => v.key[0]).sort()).toEqual(['doc1', 'doc1', 'doc2'])
    const stored = (await inner.load(['doc1', 'snapshot', 'abc']))!
    expect(stored[0]).toBe(1)
    expect(stored.byteLength).toBe(plain.byteLength + 1 + 12 + 16)
    expect(text(stored)).not.toContain('Flurstück')

    await adapter.removeRange(['doc1'])
    expect(await adapter.loadRange(['doc1'])).toEqual([])
    await adapter.remove(['doc2', 'snapshot', 'xyz'])
    expect(inner.values.size).toBe(0)
  })

  it('refuses values sealed with another key and plain values', async () => {
    const inner = new MemoryStorage()
    await new EncryptedStorageAdapter(inner, await cipherOf()).save(['doc', 'snapshot', 'h'], new Uint8Array([1, 2, 3]))
    const other = new EncryptedStorageAdapter(inner, await cipherOf())
    await expect(other.load(['doc', 'snapshot', 'h'])).rejects.toBeInstanceOf(SealedValueError)
    await expect(other.loadRange(['doc'])).rejects.toBeInstanceOf(SealedValueError)
    // a plain Automerge chunk planted in the store is not accepted as the user's data
    await inner.save(['doc', 'snapshot', 'planted'], A.save(A.from({ title: 'planted' })))
    await expect(other.load(['doc', 'snapshot', 'planted'])).rejects.toBeInstanceOf(SealedValueError)
  })

  it('keeps a repo document readable with the key and unreadable without it', async () => {
    const inner = new MemoryStorage()
    const cipher = await cipherOf()
    const repo = new Repo({ storage: new EncryptedStorageAdapter(inner, cipher), network: [] })
    const handle = repo.create<{ items: { title: string }[] }>({ items: [{ title: SECRET }] })
    handle.change((d) => d.items.push({ title: `${SECRET} – Nachtrag` }))
    await repo.flush()
    const url = handle.url
    await repo.shutdown()

    // positive control: the same document saved plainly is found by the reader below
    const plainStore = new MemoryStorage()
    const plainRepo = new Repo({ storage: plainStore, network: [] })
    plainRepo.create({ items: [{ title: SECRET }] })
    await plainRepo.flush()
    await plainRepo.shutdown()
    expect([...plainStore.values.values()].some((v) => automergeText(v.data).includes(SECRET))).toBe(true)

    // sealed: neither the bytes nor any Automerge reading of them shows the title
    expect(inner.values.size).toBeGreaterThan(0)
    for (const { data } of inner.values.values()) {
      expect(text(data)).not.toContain('Flurstück')
      expect(automergeText(data)).toBe('')
    }

    const reopened = new Repo({ storage: new EncryptedStorageAdapter(inner, cipher), network: [] })
    const again = await reopened.find<{ items: { title: string }[] }>(url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    expect(again.doc().items.map((i) => i.title)).toEqual([SECRET, `${SECRET} – Nachtrag`])
    await reopened.shutdown()

    // another device's (or a guessed) key reads nothing of it
    const wrongKey = new EncryptedStorageAdapter(inner, await cipherOf())
    await expect(wrongKey.loadRange([handle.documentId])).rejects.toBeInstanceOf(SealedValueError)
  })
})
