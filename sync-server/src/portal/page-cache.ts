/**
 * HTTP caching of rendered portal pages: an in-memory cache keyed by URL that empties itself when
 * its key changes (the public model's generation, the resolutions' fingerprint and the calendar
 * day), weak ETags over the body, Last-Modified from the public model, conditional GET (304), and
 * gzip/brotli variants compressed once per cached page instead of once per request.
 */
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export interface CachedPage {
  body: Buffer
  etag: string
  /** HTTP date */
  lastModified: string
  gzip?: Buffer
  br?: Buffer
}

export const PAGE_CACHE_CONTROL = 'public, max-age=60'

/** A bounded LRU of rendered pages; everything goes when the key changes. */
export class PageCache {
  private key = ''
  private readonly entries = new Map<string, CachedPage>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** empties the cache when the state it was rendered from changed */
  validate(key: string): void {
    if (key === this.key) return
    this.key = key
    this.entries.clear()
    this.bytes = 0
  }

  get(url: string): CachedPage | undefined {
    const entry = this.entries.get(url)
    if (entry) {
      // most recently used last
      this.entries.delete(url)
      this.entries.set(url, entry)
      this.hits++
    } else this.misses++
    return entry
  }

  set(url: string, entry: CachedPage): void {
    const old = this.entries.get(url)
    if (old) this.bytes -= size(old)
    this.entries.set(url, entry)
    this.bytes += size(entry)
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.entries.delete(k)
      this.bytes -= size(v)
    }
  }

  get size(): number {
    return this.entries.size
  }
}

const size = (e: CachedPage) => e.body.length + (e.gzip?.length ?? 0) + (e.br?.length ?? 0)

export function makePage(html: string, lastModifiedIso: string): CachedPage {
  const body = Buffer.from(html, 'utf8')
  return { body, etag: weakEtag(body), lastModified: new Date(lastModifiedIso).toUTCString() }
}

export const weakEtag = (body: Uint8Array): string => `W/"${createHash('sha1').update(body).digest('base64url')}"`

/** RFC 9110 13.1.2: a weak comparison of If-None-Match against our ETag */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const ours = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === ours)
}

/** Whether the client's copy is current: If-None-Match wins; If-Modified-Since only without it. */
export function isNotModified(headers: { ifNoneMatch?: string; ifModifiedSince?: string }, etag: string, lastModified: string): boolean {
  if (headers.ifNoneMatch) return matchesEtag(headers.ifNoneMatch, etag)
  if (headers.ifModifiedSince) {
    const since = Date.parse(headers.ifModifiedSince)
    const modified = Date.parse(lastModified)
    return !Number.isNaN(since) && !Number.isNaN(modified) && Math.floor(modified / 1000) <= Math.floor(since / 1000)
  }
  return false
}

/** The best encoding the client accepts: br, then gzip, else none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    accepted.set(name.trim(), q ? Number(q[1]) : 1)
  }
  const wants = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0
  if (wants('br')) return 'br'
  if (wants('gzip')) return 'gzip'
  return null
}

/** The body in the chosen encoding, compressed once and kept with the page. */
export function encodedBody(page: CachedPage, encoding: 'br' | 'gzip' | null): Buffer {
  if (!encoding || page.body.length < 1024) return page.body
  if (encoding === 'br') return (page.br ??= brotliCompressSync(page.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length } }))
  return (page.gzip ??= gzipSync(page.body, { level: 6 }))
}
