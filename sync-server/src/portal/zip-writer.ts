/**
 * A small store-only ZIP writer (PKWARE APPNOTE 6.3): the documents are PDFs that do not shrink,
 * so nothing is compressed; CRC-32 comes from node:zlib. Entries are streamed one after another
 * (the whole archive is never in memory) with their sizes and CRCs in the local headers, so every
 * unzip tool reads it, and the total length is known before the first byte (Content-Length).
 * Names are UTF-8 (general purpose flag bit 11). No ZIP64: a town's meeting stays far below 4 GiB.
 */
import { safeFileName } from '@ratstisch/domain'

export interface ZipEntry {
  /** path inside the archive, "/"-separated, e.g. "Ö 3 Bebauungsplan Nr. 42/Lageplan.pdf" */
  name: string
  size: number
  crc32: number
  modified: Date
  /** the bytes, exactly `size` of them */
  open: () => AsyncIterable<Uint8Array>
}

const LOCAL = 30
const CENTRAL = 46
const END = 22
const UTF8 = 0x0800
const VERSION = 20
const MAX = 0xffffffff

const encoder = new TextEncoder()

/** the archive's length in bytes for these entries */
export function zipLength(entries: readonly Pick<ZipEntry, 'name' | 'size'>[]): number {
  let total = END
  for (const e of entries) {
    const n = encoder.encode(e.name).length
    total += LOCAL + n + e.size + CENTRAL + n
  }
  return total
}

function dosDateTime(d: Date): { date: number; time: number } {
  // local time of the town; ZIP has no time zone
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>
  const year = Math.min(2107, Math.max(1980, parts.year))
  return { date: ((year - 1980) << 9) | (parts.month << 5) | parts.day, time: (parts.hour << 11) | (parts.minute << 5) | Math.floor(parts.second / 2) }
}

function localHeader(e: ZipEntry, name: Uint8Array): Uint8Array {
  const b = new Uint8Array(LOCAL + name.length)
  const v = new DataView(b.buffer)
  const { date, time } = dosDateTime(e.modified)
  v.setUint32(0, 0x04034b50, true)
  v.setUint16(4, VERSION, true)
  v.setUint16(6, UTF8, true)
  v.setUint16(8, 0, true) // stored
  v.setUint16(10, time, true)
  v.setUint16(12, date, true)
  v.setUint32(14, e.crc32 >>> 0, true)
  v.setUint32(18, e.size, true)
  v.setUint32(22, e.size, true)
  v.setUint16(26, name.length, true)
  v.setUint16(28, 0, true)
  b.set(name, LOCAL)
  return b
}

function centralHeader(e: ZipEntry, name: Uint8Array, offset: number): Uint8Array {
  const b = new Uint8Array(CENTRAL + name.length)
  const v = new DataView(b.buffer)
  const { date, time } = dosDateTime(e.modified)
  v.setUint32(0, 0x02014b50, true)
  v.setUint16(4, (3 << 8) | VERSION, true) // made by: Unix, 2.0 (permissions below)
  v.setUint16(6, VERSION, true)
  v.setUint16(8, UTF8, true)
  v.setUint16(10, 0, true)
  v.setUint16(12, time, true)
  v.setUint16(14, date, true)
  v.setUint32(16, e.crc32 >>> 0, true)
  v.setUint32(20, e.size, true)
  v.setUint32(24, e.size, true)
  v.setUint16(28, name.length, true)
  v.setUint16(30, 0, true)
  v.setUint16(32, 0, true)
  v.setUint16(34, 0, true)
  v.setUint16(36, 0, true)
  v.setUint32(38, (0o100644 << 16) >>> 0, true) // a regular file, rw-r--r--
  v.setUint32(42, offset, true)
  b.set(name, CENTRAL)
  return b
}

/** Streams the archive; fails (and ends the stream with an error) if an entry's bytes do not match its size. */
export async function* zipStream(entries: readonly ZipEntry[]): AsyncGenerator<Uint8Array> {
  if (entries.length >= 0xffff) throw new Error('too many entries for a ZIP without ZIP64')
  if (zipLength(entries) > MAX) throw new Error('archive too large for a ZIP without ZIP64')
  const names = entries.map((e) => encoder.encode(e.name))
  if (new Set(entries.map((e) => e.name)).size !== entries.length) throw new Error('duplicate entry names')
  const offsets: number[] = []
  let offset = 0
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    offsets.push(offset)
    const header = localHeader(e, names[i])
    yield header
    offset += header.length
    let written = 0
    for await (const chunk of e.open()) {
      written += chunk.length
      if (written > e.size) throw new Error(`entry ${e.name} is longer than its size`)
      yield chunk
    }
    if (written !== e.size) throw new Error(`entry ${e.name} is shorter than its size`)
    offset += written
  }
  const start = offset
  for (let i = 0; i < entries.length; i++) {
    const central = centralHeader(entries[i], names[i], offsets[i])
    yield central
    offset += central.length
  }
  const end = new Uint8Array(END)
  const v = new DataView(end.buffer)
  v.setUint32(0, 0x06054b50, true)
  v.setUint16(8, entries.length, true)
  v.setUint16(10, entries.length, true)
  v.setUint32(12, offset - start, true)
  v.setUint32(16, start, true)
  yield end
}

/** One path component of a ZIP name: no separators, no "..", at most `max` characters. */
export function zipNameComponent(name: string, max = 100): string {
  const cleaned = safeFileName(name, max).replace(/^[.\s]+/, '').trim()
  return cleaned || 'Dokument'
}

/** Makes names unique by adding " (2)", " (3)" … before the extension. */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) {
    taken.add(name)
    return name
  }
  const dot = name.lastIndexOf('.')
  const slash = name.lastIndexOf('/')
  const hasExt = dot > slash + 1
  const stem = hasExt ? name.slice(0, dot) : name
  const ext = hasExt ? name.slice(dot) : ''
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`
    if (!taken.has(candidate)) {
      taken.add(candidate)
      return candidate
    }
  }
}
