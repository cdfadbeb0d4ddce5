/**
 * A local OParl server for tests and benchmarks (node:http): serves captured or example JSON
 * documents under their live URLs rewritten to its own origin, filters list pages by
 * `modified_since`, answers file URLs with small generated PDFs (or 404, as configured), lets a
 * test change an object (as if it was edited on the server), and injects faults on request: HTTP
 * 500, responses slower than the client's timeout, JSON cut off mid-list, hanging requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { minimalPdf } from './minimal-pdf.ts'

export type FaultKind = '500' | '503-retry-after' | 'slow' | 'broken-json' | 'hang' | 'reset'

export interface Fault {
  /** which requests (path + query as served, e.g. "/…/paper?page=3") */
  match: (pathAndQuery: string) => boolean
  kind: FaultKind
  /** how many matching requests fail (then the fault is used up) */
  times: number
  /** 'slow': how long to wait before answering (default 2 s) */
  delayMs?: number
}

export interface FixtureSource {
  /** the live origin in the documents, e.g. "https://sdnetrim.kdvz-frechen.de" (rewritten to the fixture's) */
  liveOrigin: string
  /** JSON documents by live URL (path and query exactly as linked) */
  documents: Map<string, unknown>
  /** the verbatim text of documents (served as captured, e.g. with float noise, when nothing was changed) */
  texts?: Map<string, string>
  /** further live URLs that answer with another document (e.g. "?page=1" -> the first page) */
  aliases?: Map<string, string>
  /** is this (live) path a file download? */
  isFile: (path: string) => boolean
  /** the system URL (live) */
  systemUrl: string
}

export interface FixtureOptions {
  /** which file downloads answer 404 (default: none) */
  fileMissing?: (path: string) => boolean
}

interface ListPageDoc {
  data: Array<Record<string, unknown>>
  [key: string]: unknown
}

const isListPage = (doc: unknown): doc is ListPageDoc =>
  typeof doc === 'object' && doc !== null && Array.isArray((doc as ListPageDoc).data)

export class OParlFixtureServer {
  origin = ''
  /** every request served (path + query), in order */
  readonly requests: string[] = []
  readonly faults: Fault[] = []
  /** objects changed by the test, by live URL (served in their lists and by id) */
  private readonly changed = new Map<string, Record<string, unknown>>()
  private readonly hanging = new Set<ServerResponse>()
  private server: Server | undefined

  private constructor(
    private readonly source: FixtureSource,
    private readonly options: FixtureOptions,
  ) {}

  static async start(source: FixtureSource, options: FixtureOptions = {}): Promise<OParlFixtureServer> {
    const fixture = new OParlFixtureServer(source, options)
    await fixture.listen()
    return fixture
  }

  /** the system URL as served */
  get systemUrl(): string {
    return this.toFixture(this.source.systemUrl)
  }

  /** live URL -> the URL this server answers it at */
  toFixture(liveUrl: string): string {
    return liveUrl.startsWith(this.source.liveOrigin) ? this.origin + liveUrl.slice(this.source.liveOrigin.length) : liveUrl
  }

  toLive(fixtureUrl: string): string {
    return fixtureUrl.startsWith(this.origin) ? this.source.liveOrigin + fixtureUrl.slice(this.origin.length) : fixtureUrl
  }

  /** Changes an object on the "server" (by live or fixture URL): its list page and its own URL serve the new version. */
  changeObject(url: string, change: (object: Record<string, unknown>) => Record<string, unknown>): void {
    const live = this.toLive(url)
    const current = this.changed.get(live) ?? this.findObject(live)
    if (!current) throw new Error(`fixture: no object ${live}`)
    this.changed.set(live, change(structuredClone(current)))
  }

  /** The object with this id as the fixture has it (live URLs inside). */
  findObject(liveUrl: string): Record<string, unknown> | undefined {
    const changed = this.changed.get(liveUrl)
    if (changed) return changed
    const own = this.source.documents.get(liveUrl)
    if (own && !isListPage(own)) return own as Record<string, unknown>
    for (const doc of this.source.documents.values()) {
      if (!isListPage(doc)) continue
      const item = doc.data.find((d) => d.id === liveUrl)
      if (item) return item
    }
    return undefined
  }

  /** ids of all objects in list pages whose path starts with `prefix` (live) */
  listedIds(prefix: string): string[] {
    const ids: string[] = []
    for (const [url, doc] of this.source.documents) if (url.startsWith(prefix) && isListPage(doc)) for (const d of doc.data) ids.push(String(d.id))
    return ids
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy()
    this.hanging.clear()
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
    this.server?.closeAllConnections()
    await closed
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.keepAliveTimeout = 1000
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathAndQuery = req.url ?? '/'
    this.requests.push(pathAndQuery)
    const fault = this.faults.find((f) => f.times > 0 && f.match(pathAndQuery))
    if (fault) {
      fault.times--
      if (await this.injectFault(fault, res, pathAndQuery)) return
    }
    const url = new URL(pathAndQuery, 'http://fixture')
    if (this.source.isFile(url.pathname)) return this.serveFile(url.pathname, res)
    const since = url.searchParams.get('modified_since')
    url.searchParams.delete('modified_since')
    const doc = this.lookup(this.source.liveOrigin + url.pathname + url.search) ?? this.lookup(this.source.liveOrigin + decodeURIComponent(url.pathname + url.search))
    if (doc === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }))
      return
    }
    this.sendJson(res, this.render(doc, since))
  }

  private verbatim(doc: unknown): string | undefined {
    if (!this.source.texts) return undefined
    for (const [url, d] of this.source.documents) if (d === doc) return this.source.texts.get(url)
    return undefined
  }

  private lookup(live: string): unknown {
    const changed = this.changed.get(live)
    if (changed) return changed
    const direct = this.source.documents.get(live)
    if (direct !== undefined) return direct
    const alias = this.source.aliases?.get(live)
    if (alias) return this.source.documents.get(alias)
    // an object's own URL: found in some list page
    return this.findObject(live)
  }

  /** a list page with changed objects swapped in and, with modified_since, only what changed since */
  private render(doc: unknown, since: string | null): string {
    const untouched = !since && (!isListPage(doc) || !doc.data.some((d) => this.changed.has(String(d.id))))
    const text = untouched ? this.verbatim(doc) : undefined
    if (text !== undefined) return text.replaceAll(this.source.liveOrigin, this.origin)
    let out = doc
    if (isListPage(doc)) {
      let data = doc.data.map((d) => this.changed.get(String(d.id)) ?? d)
      let links = doc.links
      if (since) {
        const t = Date.parse(since)
        data = data.filter((d) => typeof d.modified === 'string' && Date.parse(d.modified) >= t)
        // as a conforming server does: the page links keep the filter
        if (links && typeof links === 'object') {
          links = Object.fromEntries(
            Object.entries(links as Record<string, unknown>).map(([k, v]) => {
              if (typeof v !== 'string') return [k, v]
              const u = new URL(v)
              u.searchParams.set('modified_since', since)
              return [k, u.toString()]
            }),
          )
        }
      }
      out = { ...doc, data, ...(links ? { links } : {}) }
    }
    return JSON.stringify(out).replaceAll(this.source.liveOrigin, this.origin)
  }

  private sendJson(res: ServerResponse, body: string): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body)
  }

  private serveFile(path: string, res: ServerResponse): void {
    if (this.options.fileMissing?.(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const name = decodeURIComponent(path.split('/').pop() ?? 'file')
    const pdf = minimalPdf(`Fixture file ${name}`)
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.byteLength }).end(pdf)
  }

  /** returns true when the fault answered the request */
  private async injectFault(fault: Fault, res: ServerResponse, pathAndQuery: string): Promise<boolean> {
    switch (fault.kind) {
      case '500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>')
        return true
      case '503-retry-after':
        res.writeHead(503, { 'retry-after': '0' }).end()
        return true
      case 'slow':
        await new Promise((r) => setTimeout(r, fault.delayMs ?? 2000))
        return false
      case 'hang':
        this.hanging.add(res)
        res.on('close', () => this.hanging.delete(res))
        return true
      case 'reset':
        res.socket?.destroy()
        return true
      case 'broken-json': {
        const url = new URL(pathAndQuery, 'http://fixture')
        const doc = this.lookup(this.source.liveOrigin + url.pathname + url.search)
        const body = doc === undefined ? '{"data":[' : this.render(doc, null)
        const cut = body.slice(0, Math.max(10, Math.floor(body.length / 2)))
        res.writeHead(200, { 'content-type': 'application/json' }).end(cut)
        return true
      }
    }
  }
}

/** Deterministic "1 in n" choice by a path's hash (which file downloads answer 404). */
export function oneIn(n: number): (path: string) => boolean {
  return (path) => createHash('sha1').update(path).digest().readUInt32BE(0) % n === 0
}
