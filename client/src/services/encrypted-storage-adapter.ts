/**
 * automerge-repo storage that keeps documents encrypted at rest: every value (snapshot,
 * incremental change, sync state, the storage id) is sealed with the user's data key before the
 * wrapped adapter (IndexedDB) sees it, and opened again on load.
 *
 * Keys stay plain: they are document ids, chunk kinds and hashes, never content, and the wrapped
 * adapter needs them for its range queries.
 *
 * A value that does not open with the key is an error, not "missing": after the one-time sealing
 * of a previous version's plain data (seal-legacy-data.ts) nothing plain belongs in the store, and
 * quietly accepting plain chunks would let anyone with access to the browser profile plant
 * changes that the app would then sync to the relay as the user's own.
 */
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo'
import type { LocalCipher } from './local-cipher.ts'

export class SealedValueError extends Error {
  constructor(readonly key: StorageKey) {
    super(`stored value ${key.join('/')} is not sealed with this device's key`)
    this.name = 'SealedValueError'
  }
}

export class EncryptedStorageAdapter implements StorageAdapterInterface {
  constructor(
    private readonly inner: StorageAdapterInterface,
    private readonly cipher: LocalCipher,
  ) {}

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const sealed = await this.inner.load(key)
    return sealed === undefined ? undefined : this.open(key, sealed)
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    await this.inner.save(key, await this.cipher.seal(data))
  }

  remove(key: StorageKey): Promise<void> {
    return this.inner.remove(key)
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const chunks = await this.inner.loadRange(keyPrefix)
    return Promise.all(chunks.map(async (c) => ({ key: c.key, data: c.data === undefined ? undefined : await this.open(c.key, c.data) })))
  }

  removeRange(keyPrefix: StorageKey): Promise<void> {
    return this.inner.removeRange(keyPrefix)
  }

  private async open(key: StorageKey, sealed: Uint8Array): Promise<Uint8Array> {
    try {
      return await this.cipher.open(sealed)
    } catch {
      throw new SealedValueError(key)
    }
  }
}
