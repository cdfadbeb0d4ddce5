/**
 * SHA-512 checksums of public files for OParl's `File.sha512Checksum` (the model knows SHA-256,
 * which OParl 1.1 has no field for). Blobs are content-addressed, so a checksum never changes and
 * is computed once, on first use, from the blob store's bytes.
 */
import { createHash } from 'node:crypto'
import type { BlobStore } from '../files/blob-store.ts'

/** blobs hashed at the same time */
const PARALLEL = 4

export class FileChecksums {
  /** sha256 -> sha512 hex; null when the bytes are not in the store */
  private readonly known = new Map<string, string | null>()
  private readonly pending = new Map<string, Promise<void>>()

  constructor(private readonly store: BlobStore) {}

  /** the checksum if known; null when the blob is missing; undefined when not computed yet */
  peek(sha256: string): string | null | undefined {
    return this.known.get(sha256)
  }

  async compute(sha256s: Iterable<string>): Promise<void> {
    const queue = [...new Set(sha256s)].filter((sha) => !this.known.has(sha))
    const worker = async () => {
      for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) await this.one(sha)
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker))
  }

  private one(sha256: string): Promise<void> {
    let running = this.pending.get(sha256)
    if (!running) {
      running = this.hash(sha256)
        .then((hex) => {
          if (hex !== undefined) this.known.set(sha256, hex)
        })
        .finally(() => this.pending.delete(sha256))
      this.pending.set(sha256, running)
    }
    return running
  }

  /** null: not in the store; undefined: could not be read this time (asked again next time) */
  private async hash(sha256: string): Promise<string | null | undefined> {
    try {
      if (!(await this.store.exists(sha256))) return null
      const hash = createHash('sha512')
      for await (const chunk of this.store.read(sha256)) hash.update(chunk as Buffer)
      return hash.digest('hex')
    } catch (error) {
      console.error(`[oparl] checksum of ${sha256}: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  }
}
