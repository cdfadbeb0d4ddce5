/**
 * Content-addressed blob storage. The filesystem store is the default; an S3-compatible store can
 * implement the same interface for larger deployments.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'

export interface StagedBlob {
  sha256: string
  size: number
  /** where the bytes wait until they are committed or discarded */
  tempPath: string
}

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file exceeds the limit of ${limit} bytes`)
  }
}

export interface BlobStore {
  /** Streams bytes to a staging area, hashing them; throws BlobTooLargeError past maxBytes. */
  stage(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>
  commit(staged: StagedBlob): Promise<void>
  discard(staged: StagedBlob): Promise<void>
  exists(sha256: string): Promise<boolean>
  size(sha256: string): Promise<number>
  read(sha256: string, range?: { start: number; end: number }): Readable
  /** first bytes of a staged blob, for type detection */
  head(staged: StagedBlob, bytes: number): Promise<Uint8Array>
  /** writes bytes that are already in memory (seeding, server-generated PDFs) */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>
}

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value)

export class FsBlobStore implements BlobStore {
  private readonly tmpDir: string

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, 'tmp')
    fs.mkdirSync(this.tmpDir, { recursive: true })
  }

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('invalid sha256')
    return path.join(this.root, sha256.slice(0, 2), sha256)
  }

  async stage(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const tempPath = path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`)
    const hash = createHash('sha256')
    const file = await fsp.open(tempPath, 'w')
    let size = 0
    try {
      const iterable: AsyncIterable<Uint8Array> =
        Symbol.asyncIterator in body ? body : readableToIterable(body as ReadableStream<Uint8Array>)
      for await (const chunk of iterable) {
        size += chunk.byteLength
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes)
        hash.update(chunk)
        await file.write(chunk)
      }
      await file.sync()
    } catch (error) {
      await file.close()
      await fsp.rm(tempPath, { force: true })
      throw error
    }
    await file.close()
    return { sha256: hash.digest('hex'), size, tempPath }
  }

  async head(staged: StagedBlob, bytes: number): Promise<Uint8Array> {
    const file = await fsp.open(staged.tempPath, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(bytes, staged.size))
      await file.read(buffer, 0, buffer.length, 0)
      return buffer
    } finally {
      await file.close()
    }
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256)
    if (await this.exists(staged.sha256)) {
      await fsp.rm(staged.tempPath, { force: true })
      return
    }
    await fsp.mkdir(path.dirname(target), { recursive: true })
    await fsp.rename(staged.tempPath, target)
  }

  async discard(staged: StagedBlob): Promise<void> {
    await fsp.rm(staged.tempPath, { force: true })
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(sha256))
      return true
    } catch {
      return false
    }
  }

  async size(sha256: string): Promise<number> {
    return (await fsp.stat(this.pathOf(sha256))).size
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(sha256), range)
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const target = this.pathOf(sha256)
    if (!(await this.exists(sha256))) {
      await fsp.mkdir(path.dirname(target), { recursive: true })
      const temp = path.join(this.tmpDir, `${sha256}-${randomBytes(4).toString('hex')}`)
      await fsp.writeFile(temp, bytes)
      await fsp.rename(temp, target)
    }
    return { sha256, size: bytes.byteLength }
  }
}

async function* readableToIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}
