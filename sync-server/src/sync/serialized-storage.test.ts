import { describe, expect, it } from 'vitest'
import type { StorageAdapterInterface } from '@automerge/automerge-repo'
import { SerializedStorageAdapter } from './serialized-storage.ts'

const DOC = '3NQvrpFr5J8pLSPwbJD7gvNh7s2F'
const bytes = (n: number) => new Uint8Array(n).fill(7)

/** A compaction as automerge-repo does it: the new snapshot first, then the old chunks go. */
async function compact(storage: StorageAdapterInterface): Promise<void> {
  await storage.save([DOC, 'snapshot', 'new'], bytes(40))
  await storage.remove([DOC, 'snapshot', 'old'])
  await storage.remove([DOC, 'incremental', 'a'])
}

/**
 * In memory, but shaped like the filesystem adapter: a range load lists the keys, then reads each
 * one later (another operation may run in between).
 */
class ListThenReadStorage implements StorageAdapterInterface {
  readonly data = new Map<string, Uint8Array>()
  async load(key: string[]) {
    await new Promise((r) => setImmediate(r))
    return this.data.get(key.join('/'))
  }
  async save(key: string[], value: Uint8Array) {
    await new Promise((r) => setImmediate(r))
    this.data.set(key.join('/'), value)
  }
  async remove(key: string[]) {
    await new Promise((r) => setImmediate(r))
    this.data.delete(key.join('/'))
  }
  async loadRange(prefix: string[]) {
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix.join('/')))
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)) // listing a directory takes a while
    return Promise.all(keys.map(async (k) => ({ key: k.split('/'), data: await this.load(k.split('/')) })))
  }
  async removeRange(prefix: string[]) {
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix.join('/'))) this.data.delete(k)
  }
}

function seeded(): ListThenReadStorage {
  const storage = new ListThenReadStorage()
  storage.data.set(`${DOC}/snapshot/old`, bytes(30))
  storage.data.set(`${DOC}/incremental/a`, bytes(5))
  return storage
}

/** A load that overlaps a compaction: true when it saw no readable chunk at all. */
async function loadsEmpty(storage: StorageAdapterInterface): Promise<boolean> {
  const [chunks] = await Promise.all([storage.loadRange([DOC]), compact(storage)])
  return !chunks.some((c) => c.data && c.data.byteLength > 0)
}

describe('SerializedStorageAdapter', () => {
  it('never lets a load see a document half compacted away (the plain adapter does)', async () => {
    // positive control: without the queue the load finds nothing
    expect(await loadsEmpty(seeded())).toBe(true)
    const inner = seeded()
    const serialized = new SerializedStorageAdapter(inner)
    expect(await loadsEmpty(serialized)).toBe(false)
    expect([...inner.data.keys()]).toEqual([`${DOC}/snapshot/new`])
    // and the next load sees the compacted document
    expect((await serialized.loadRange([DOC])).map((c) => c.data?.byteLength)).toEqual([40])
  })

  it('keeps going after a failed operation', async () => {
    let calls = 0
    const failing: StorageAdapterInterface = {
      load: async () => {
        calls++
        if (calls === 1) throw new Error('disk error')
        return bytes(1)
      },
      save: async () => {},
      remove: async () => {},
      loadRange: async () => [],
      removeRange: async () => {},
    }
    const storage = new SerializedStorageAdapter(failing)
    await expect(storage.load([DOC, 'snapshot', 'x'])).rejects.toThrow('disk error')
    expect(await storage.load([DOC, 'snapshot', 'x'])).toEqual(bytes(1))
  })
})
