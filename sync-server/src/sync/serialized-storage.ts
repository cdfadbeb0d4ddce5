/**
 * A storage adapter that runs the operations on one document one at a time.
 *
 * automerge-repo does not order a document's loads against its saves. Compacting writes a new
 * snapshot and then deletes the old chunks; a load that lists the chunks before the deletion and
 * reads them after it finds nothing, and the repo then holds an empty document as if it were the
 * real one (seen when a document was evicted and asked for again while a save was running). With
 * one queue per document every operation sees whole states: the snapshot is written before the
 * old chunks go, so a load between the steps reads the snapshot, the old chunks or both.
 */
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'

export class SerializedStorageAdapter implements StorageAdapterInterface {
  /** the last operation queued per document (first key part); removed when the queue runs dry */
  private readonly tails = new Map<string, Promise<unknown>>()

  constructor(private readonly inner: StorageAdapterInterface) {}

  load(key: StorageKey): Promise<Uint8Array | undefined> {
    return this.queue(key, () => this.inner.load(key))
  }

  save(key: StorageKey, data: Uint8Array): Promise<void> {
    return this.queue(key, () => this.inner.save(key, data))
  }

  remove(key: StorageKey): Promise<void> {
    return this.queue(key, () => this.inner.remove(key))
  }

  loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    return this.queue(keyPrefix, () => this.inner.loadRange(keyPrefix))
  }

  removeRange(keyPrefix: StorageKey): Promise<void> {
    return this.queue(keyPrefix, () => this.inner.removeRange(keyPrefix))
  }

  /** Operations without a document (an empty prefix) are not ordered. */
  private queue<T>(key: StorageKey, run: () => Promise<T>): Promise<T> {
    const documentId = key[0]
    if (!documentId) return run()
    const previous = this.tails.get(documentId) ?? Promise.resolve()
    const result = previous.then(run, run)
    const tail = result.catch(() => undefined)
    this.tails.set(documentId, tail)
    void tail.then(() => {
      if (this.tails.get(documentId) === tail) this.tails.delete(documentId)
    })
    return result
  }
}
