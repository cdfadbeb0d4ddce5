/**
 * Crawls everything an anonymous visitor can reach from the given start paths — portal pages,
 * downloads, ZIPs, feeds, iCal, OParl JSON — following every link of the relay's own origin, and
 * hands each response (ZIP entries unpacked, PDF text extracted) to `inspect`. Used by the leak test
 * (a marker must never appear) and by the benchmarks (which pages exist).
 */
import { createHash } from 'node:crypto'
import { inflateRawSync } from 'node:zlib'
import '@ratstisch/paper-pdf/node-pdfjs-shim'

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')

export interface CrawledBody {
  /** path with query, or `zip-path!entry-name` for a ZIP entry */
  path: string
  status: number
  contentType: string
  bytes: Uint8Array
  /** decoded text: the body for text types, the extracted text of a PDF */
  text: string
}

export interface CrawlOptions {
  /** absolute origin the relay writes into links (config.publicUrl) */
  origin: string
  fetch: (path: string) => Promise<Response>
  start: string[]
  /** never follow these (the member app, the private API) */
  exclude?: RegExp
  maxRequests?: number
  /** at most this many query variants per path (calendars and filters are endless) */
  maxVariantsPerPath?: number
  inspect: (body: CrawledBody) => void
}

export interface CrawlReport {
  requests: number
  byType: Record<string, number>
  statuses: Record<number, number>
  zipEntries: number
  pdfs: number
  paths: string[]
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript|ld\+json))|\+xml|\+json/

export async function crawlPublic(options: CrawlOptions): Promise<CrawlReport> {
  const exclude = options.exclude ?? /^\/(app|api|sync)(\/|$)/
  const maxRequests = options.maxRequests ?? 20_000
  const maxVariants = options.maxVariantsPerPath ?? 40
  const queue: string[] = []
  const seen = new Set<string>()
  const variants = new Map<string, number>()
  const pdfTexts = new Map<string, string>()
  const report: CrawlReport = { requests: 0, byType: {}, statuses: {}, zipEntries: 0, pdfs: 0, paths: [] }

  const enqueue = (raw: string) => {
    const path = normalise(raw, options.origin)
    if (!path || exclude.test(path) || seen.has(path)) return
    const bare = path.split('?')[0]
    if (path.includes('?')) {
      const n = variants.get(bare) ?? 0
      if (n >= maxVariants) return
      variants.set(bare, n + 1)
    }
    seen.add(path)
    queue.push(path)
  }
  for (const s of options.start) enqueue(s)

  while (queue.length && report.requests < maxRequests) {
    const path = queue.shift()!
    const res = await options.fetch(path)
    report.requests++
    report.paths.push(path)
    report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
    report.byType[contentType] = (report.byType[contentType] ?? 0) + 1
    const bytes = new Uint8Array(await res.arrayBuffer())
    const location = res.headers.get('location')
    if (location) enqueue(location)
    for (const body of await unpack(path, res.status, contentType, bytes, pdfTexts, report)) {
      options.inspect(body)
      if (TEXT_TYPES.test(body.contentType)) for (const link of linksIn(body.text, body.contentType)) enqueue(link)
    }
  }
  return report
}

async function unpack(path: string, status: number, contentType: string, bytes: Uint8Array, pdfTexts: Map<string, string>, report: CrawlReport): Promise<CrawledBody[]> {
  if (contentType === 'application/zip' || isZip(bytes)) {
    const out: CrawledBody[] = [{ path, status, contentType, bytes, text: '' }]
    for (const entry of readZip(bytes)) {
      report.zipEntries++
      out.push(...(await unpack(`${path}!${entry.name}`, status, guessType(entry.name), entry.data, pdfTexts, report)))
    }
    return out
  }
  if (contentType === 'application/pdf' || isPdf(bytes)) {
    report.pdfs++
    const key = createHash('sha256').update(bytes).digest('hex')
    let text = pdfTexts.get(key)
    if (text === undefined) {
      text = await pdfText(bytes)
      pdfTexts.set(key, text)
    }
    return [{ path, status, contentType: 'application/pdf', bytes, text }]
  }
  const text = TEXT_TYPES.test(contentType) ? new TextDecoder().decode(bytes) : ''
  return [{ path, status, contentType, bytes, text }]
}

/** All text of a PDF as pdf.js extracts it, plus the metadata strings. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false })
  const doc = await task.promise
  try {
    const parts: string[] = []
    const meta = await doc.getMetadata().catch(() => undefined)
    if (meta?.info) parts.push(JSON.stringify(meta.info))
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i)
      const content = await page.getTextContent()
      parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
      // the same text without the spaces pdf.js puts between runs (a marker split across runs)
      parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''))
    }
    return parts.join('\n')
  } finally {
    await task.destroy()
  }
}

/** Links of the relay's own origin in HTML attributes, JSON strings, XML and iCal text. */
export function linksIn(text: string, contentType: string): string[] {
  const links: string[] = []
  if (contentType === 'text/html') {
    for (const m of text.matchAll(/\s(?:href|src|action)\s*=\s*"([^"]*)"/gi)) links.push(decodeEntities(m[1]))
    for (const m of text.matchAll(/\s(?:href|src)\s*=\s*'([^']*)'/gi)) links.push(decodeEntities(m[1]))
  } else {
    // JSON strings, XML text and attributes, iCal lines (unfolded)
    const unfolded = text.replace(/\r?\n[ \t]/g, '')
    for (const m of unfolded.matchAll(/(https?:\/\/[^\s"'<>\\]+)/g)) links.push(decodeEntities(m[1]))
    for (const m of unfolded.matchAll(/"(\/[^"\s]*)"/g)) links.push(m[1])
  }
  return links
}

function normalise(raw: string, origin: string): string | null {
  let value = raw.trim()
  if (!value || value.startsWith('#') || value.startsWith('mailto:') || value.startsWith('tel:') || value.startsWith('data:')) return null
  if (value.startsWith('//')) return null
  if (/^https?:\/\//i.test(value)) {
    if (!value.startsWith(origin)) return null
    value = value.slice(origin.length) || '/'
  }
  if (!value.startsWith('/')) return null
  const hash = value.indexOf('#')
  return hash >= 0 ? value.slice(0, hash) : value
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#0*39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
const isPdf = (b: Uint8Array) => b.length > 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46

function guessType(name: string): string {
  if (/\.pdf$/i.test(name)) return 'application/pdf'
  if (/\.(txt|md|csv|ics)$/i.test(name)) return 'text/plain'
  if (/\.(html?)$/i.test(name)) return 'text/html'
  if (/\.json$/i.test(name)) return 'application/json'
  return 'application/octet-stream'
}

/** Entries of a ZIP file from its central directory (stored and deflated entries). */
export function readZip(bytes: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory')
  const count = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const entries: Array<{ name: string; data: Uint8Array }> = []
  for (let n = 0; n < count; n++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('broken ZIP central directory')
    const method = view.getUint16(offset + 10, true)
    const compressed = view.getUint32(offset + 20, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const local = view.getUint32(offset + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    const localName = view.getUint16(local + 26, true)
    const localExtra = view.getUint16(local + 28, true)
    const start = local + 30 + localName + localExtra
    const raw = bytes.subarray(start, start + compressed)
    const data = method === 0 ? raw : method === 8 ? new Uint8Array(inflateRawSync(raw)) : new Uint8Array()
    if (!name.endsWith('/')) entries.push({ name, data })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
