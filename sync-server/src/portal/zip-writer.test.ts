/**
 * The store-only ZIP writer: names with umlauts in folders, exact length, CRCs that unzip accepts,
 * and refusal of entries whose bytes do not match their size.
 */
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { readZip } from '../testing/public-crawl.ts'
import { uniqueName, zipLength, zipNameComponent, zipStream, type ZipEntry } from './zip-writer.ts'

const entry = (name: string, bytes: Uint8Array, size = bytes.length): ZipEntry => ({
  name,
  size,
  crc32: crc32(bytes),
  modified: new Date('2026-03-12T17:00:00+01:00'),
  open: async function* () {
    // in two chunks, as a file stream would
    yield bytes.subarray(0, Math.floor(bytes.length / 2))
    yield bytes.subarray(Math.floor(bytes.length / 2))
  },
})

async function collect(entries: ZipEntry[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of zipStream(entries)) chunks.push(chunk)
  return new Uint8Array(Buffer.concat(chunks))
}

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describe('zip writer', () => {
  const big = new Uint8Array(300_000).map((_, i) => (i * 31) % 251)
  const entries = [
    entry('Einladung.pdf', new TextEncoder().encode('%PDF-1.7 Einladung')),
    entry('Ö 3 Bebauungsplan Nr. 42 „Am Mühlenberg“/Lageplan.pdf', big),
    entry('Ö 3 Bebauungsplan Nr. 42 „Am Mühlenberg“/Begründung.pdf', new TextEncoder().encode('Begründung')),
    entry('leer.txt', new Uint8Array(0)),
  ]

  it('writes an archive of the announced length whose entries read back with names and bytes', async () => {
    const zip = await collect(entries)
    expect(zip.length).toBe(zipLength(entries))
    const read = readZip(zip)
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name))
    expect(Buffer.from(read[1].data).equals(Buffer.from(big))).toBe(true)
    expect(read[3].data.length).toBe(0)
  })

  it.skipIf(!hasUnzip)('passes unzip -t and lists UTF-8 names', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'test.zip')
    fs.writeFileSync(file, await collect(entries))
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected in compressed data')
    const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' })
    expect(listing).toContain('Ö 3 Bebauungsplan Nr. 42 „Am Mühlenberg“/Lageplan.pdf')
  })

  it('refuses an entry whose bytes do not match its size, and duplicate names', async () => {
    await expect(collect([entry('a.pdf', new Uint8Array(10), 11)])).rejects.toThrow(/shorter/)
    await expect(collect([entry('a.pdf', new Uint8Array(10), 9)])).rejects.toThrow(/longer/)
    await expect(collect([entry('a.pdf', new Uint8Array(1)), entry('a.pdf', new Uint8Array(1))])).rejects.toThrow(/duplicate/)
  })

  it('makes safe, unique path components', () => {
    expect(zipNameComponent('..')).toBe('Dokument')
    expect(zipNameComponent('../../etc/passwd')).not.toMatch(/\/|^\./)
    expect(zipNameComponent('Ö 3: Plan <neu>?')).toBe('Ö 3 Plan neu')
    const taken = new Set<string>()
    expect(uniqueName('a/Plan.pdf', taken)).toBe('a/Plan.pdf')
    expect(uniqueName('a/Plan.pdf', taken)).toBe('a/Plan (2).pdf')
    expect(uniqueName('a/Plan.pdf', taken)).toBe('a/Plan (3).pdf')
    expect(uniqueName('a.b/Plan', taken)).toBe('a.b/Plan')
    expect(uniqueName('a.b/Plan', taken)).toBe('a.b/Plan (2)')
  })
})
