/**
 * A key-value store whose values are sealed with the user's data key: copies of relay answers
 * that carry content (paper list entries, a body's queue of papers, resolutions) kept for offline
 * use. Same calls as the plain `kv` table (get/put/delete with `{ key, value }`), so a cached
 * answer moves here by changing `db.kv` to `db.cache`.
 *
 * Sealing happens outside any IndexedDB transaction: WebCrypto's promises would let a Dexie
 * transaction commit early, so these calls cannot take part in one.
 */
import type { EntityTable } from 'dexie'
import type { LocalCipher } from './local-cipher.ts'

export interface SealedValueRow {
  key: string
  sealed: Uint8Array<ArrayBuffer>
}

export interface KeyValue {
  key: string
  value: string
}

export class SealedKeyValues {
  constructor(
    private readonly table: EntityTable<SealedValueRow, 'key'>,
    private readonly cipher: LocalCipher,
  ) {}

  /** The value, or undefined when there is none or it does not open with this key (dropped). */
  async get(key: string): Promise<KeyValue | undefined> {
    const row = await this.table.get(key)
    if (!row) return undefined
    try {
      return { key, value: await this.cipher.openText(row.sealed) }
    } catch {
      await this.table.delete(key)
      return undefined
    }
  }

  async put(row: KeyValue): Promise<void> {
    const sealed = await this.cipher.sealText(row.value)
    await this.table.put({ key: row.key, sealed })
  }

  async delete(key: string): Promise<void> {
    await this.table.delete(key)
  }
}
