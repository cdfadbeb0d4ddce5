/**
 * The crawl: System -> Body list -> every list of every body (following `links.next`), then the
 * objects referenced but found in no list (fetched one by one; a 404 is reported). Every page is
 * handed to the store together with the list's new position, so the store can persist objects and
 * checkpoint atomically and a crashed or failed run resumes at the page it stopped on.
 *
 * Incremental runs ask each list for `modified_since` (the store says since when); servers that
 * ignore the filter cost a full crawl, never a wrong result.
 */
import type { OParlHttpClient } from './http-client.ts'
import { HttpError } from './http-client.ts'
import type { ReportEntry } from './import-report.ts'
import {
  BODY_LIST_NAMES,
  KIND_OF_LIST,
  type BodyListName,
  type BodyObject,
  type ObjectKind,
  type OParlObject,
  type OParlVersion,
  type SystemObject,
} from './model.ts'
import { normalizeObject, readListPage } from './normalize.ts'

/** Where a list stands in the current run. */
export interface ListPosition {
  /** the page to fetch next; null when done */
  nextUrl: string | null
  done: boolean
}

export interface CrawledPage {
  /** 'system', 'bodies', 'references' or `<body url>#<list>` */
  listKey: string
  list: BodyListName | 'system' | 'bodies' | 'references'
  bodyUrl: string | null
  pageUrl: string
  objects: OParlObject[]
  entries: ReportEntry[]
  /** the list's next page; null: the list is complete */
  nextUrl: string | null
  totalPages: number | null
  totalElements: number | null
}

export interface CrawlStore {
  /** where a list stands in this run (undefined: not started) */
  position(listKey: string): ListPosition | undefined
  /** `modified_since` for a list: the start of its last complete crawl (null: crawl everything) */
  since(listKey: string): string | null
  /** persists the page's objects and entries and the list's new position, atomically */
  savePage(page: CrawledPage): void | Promise<void>
  /** URLs referenced by staged objects but staged nowhere (organizations, meetings, papers) */
  missingReferences(): Array<{ url: string; kind: ObjectKind }>
}

export type CrawlEvent =
  | { type: 'list-start'; listKey: string; list: string; url: string; resumed: boolean; since: string | null }
  | { type: 'page'; page: CrawledPage; pagesDone: number }
  | { type: 'list-done'; listKey: string }
  | { type: 'reference'; url: string; found: boolean }

export interface CrawlOptions {
  systemUrl: string
  http: OParlHttpClient
  store: CrawlStore
  /** lists crawled at the same time (requests still go through the client's limits) */
  listConcurrency?: number
  /** lists to leave out (e.g. 'file' on 1.1 servers, when embedded files suffice) */
  skipLists?: readonly BodyListName[]
  /** fetch objects referenced but listed nowhere (default true) */
  resolveReferences?: boolean
  /** most pages per list (loop guard; default 100,000) */
  maxPagesPerList?: number
  signal?: AbortSignal
  onEvent?: (event: CrawlEvent) => void
}

export interface CrawlResult {
  system: SystemObject
  bodies: BodyObject[]
  version: OParlVersion
  lists: string[]
}

export class CrawlError extends Error {
  constructor(
    message: string,
    readonly url: string,
    cause?: unknown,
  ) {
    super(message, { cause })
    this.name = 'CrawlError'
  }
}

const FLOAT_NOISE = /"coordinates"\s*:\s*\[[^\]]*?(-?\d+\.\d{12,})/

/** Adds (or replaces) a query parameter. */
export function withParam(url: string, name: string, value: string): string {
  const u = new URL(url)
  u.searchParams.set(name, value)
  return u.toString()
}

export class OParlCrawler {
  constructor(private readonly options: CrawlOptions) {}

  async run(): Promise<CrawlResult> {
    const { http, store, systemUrl } = this.options
    // the system and the body list are read on every run (one or two requests)
    const systemEntries: ReportEntry[] = []
    const systemJson = await this.get(systemUrl)
    const normalized = normalizeObject(systemJson, { version: '1.0', expectedKind: 'system', report: (e) => systemEntries.push(e) })
    const system = normalized.find((o): o is SystemObject => o.kind === 'system')
    if (!system) throw new CrawlError(`${systemUrl} is not an OParl System object`, systemUrl)
    const version = system.version
    await store.savePage({ listKey: 'system', list: 'system', bodyUrl: null, pageUrl: systemUrl, objects: normalized, entries: systemEntries, nextUrl: null, totalPages: 1, totalElements: 1 })
    if (!system.bodyListUrl) throw new CrawlError('the System names no body list', systemUrl)

    const bodies: BodyObject[] = []
    await this.crawlList('bodies', 'bodies', null, system.bodyListUrl, 'body', version, false, (page) => {
      for (const o of page.objects) if (o.kind === 'body' && !o.deleted) bodies.push(o)
    })
    if (bodies.length > 1) {
      await store.savePage({
        listKey: 'bodies', list: 'bodies', bodyUrl: null, pageUrl: system.bodyListUrl, objects: [], nextUrl: null, totalPages: null, totalElements: null,
        entries: [{ outcome: 'warning', code: 'multiple-bodies', url: system.bodyListUrl, message: `${bodies.length} bodies: all are imported into one town` }],
      })
    }

    const skip = new Set(this.options.skipLists ?? [])
    const jobs: Array<() => Promise<void>> = []
    const lists: string[] = []
    for (const body of bodies) {
      for (const list of BODY_LIST_NAMES) {
        const url = body.lists[list]
        if (!url || skip.has(list)) continue
        const key = `${body.url}#${list}`
        lists.push(key)
        jobs.push(() => this.crawlList(key, list, body.url, url, KIND_OF_LIST[list], version, true))
      }
    }
    await pool(jobs, Math.max(1, this.options.listConcurrency ?? 4))

    if (this.options.resolveReferences !== false) await this.resolveReferences(version)
    void http
    return { system, bodies, version, lists }
  }

  private async get(url: string): Promise<unknown> {
    return (await this.getText(url)).json
  }

  private async getText(url: string): Promise<{ json: unknown; text: string }> {
    try {
      return await this.options.http.getJsonText(url)
    } catch (error) {
      if (this.options.signal?.aborted) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new CrawlError(`${url}: ${reason}`, url, error)
    }
  }

  /**
   * Follows one list from where it stands. `checkpointed` lists resume from their stored position
   * and use modified_since; the body list is read whole every time.
   */
  private async crawlList(
    listKey: string,
    list: CrawledPage['list'],
    bodyUrl: string | null,
    listUrl: string,
    kind: ObjectKind,
    version: OParlVersion,
    checkpointed: boolean,
    onPage?: (page: CrawledPage) => void,
  ): Promise<void> {
    const { store } = this.options
    const position = checkpointed ? store.position(listKey) : undefined
    if (position?.done) return
    const since = checkpointed ? store.since(listKey) : null
    let url: string | null = position?.nextUrl ?? (since ? withParam(listUrl, 'modified_since', since) : listUrl)
    this.options.onEvent?.({ type: 'list-start', listKey, list, url, resumed: !!position, since })
    const origin = new URL(listUrl).origin
    const seen = new Set<string>()
    let pages = 0
    const maxPages = this.options.maxPagesPerList ?? 100_000
    while (url) {
      this.options.signal?.throwIfAborted()
      seen.add(url)
      const entries: ReportEntry[] = []
      const report = (e: ReportEntry) => entries.push(e)
      const { json, text } = await this.getText(url)
      // float noise (50.722006999999998) is gone once parsed: look for it in the text
      const noisy = FLOAT_NOISE.exec(text)
      if (noisy) report({ outcome: 'repaired', code: 'geojson-float-noise', url, message: `coordinates such as ${noisy[1]} carry float noise: read rounded to 7 decimals` })
      let page
      try {
        page = readListPage(json, url, report)
      } catch (error) {
        throw new CrawlError(`${url}: ${error instanceof Error ? error.message : String(error)}`, url, error)
      }
      const objects: OParlObject[] = []
      for (const item of page.items) objects.push(...normalizeObject(item, { version, expectedKind: kind, report }))
      const pageHost = new URL(url).host
      for (const o of objects) {
        if (o.embeddedIn) continue
        if (new URL(o.url).host !== pageHost) report({ outcome: 'repaired', code: 'foreign-host-id', url: o.url, message: `id under ${new URL(o.url).host}, list reached at ${pageHost}: the id is kept as the object's key` })
      }
      let next = page.next
      if (next && new URL(next).origin !== origin) {
        const fixed = origin + next.slice(new URL(next).origin.length)
        report({ outcome: 'repaired', code: 'foreign-host-id', url: next, message: `next page under another host: fetched from ${origin}` })
        next = fixed
      }
      pages++
      if (next && (seen.has(next) || pages >= maxPages)) {
        report({ outcome: 'failed', code: 'list-page-failed', url: next, message: seen.has(next) ? 'links.next points back to a page already read: list ends here' : `more than ${maxPages} pages: list ends here` })
        next = null
      }
      const crawled: CrawledPage = { listKey, list, bodyUrl, pageUrl: url, objects, entries, nextUrl: next, totalPages: page.totalPages, totalElements: page.totalElements }
      await store.savePage(crawled)
      onPage?.(crawled)
      this.options.onEvent?.({ type: 'page', page: crawled, pagesDone: pages })
      url = next
    }
    this.options.onEvent?.({ type: 'list-done', listKey })
  }

  /** Objects referenced but in no list (SOMACOS: organizations that answer 404): fetched one by one. */
  private async resolveReferences(version: OParlVersion): Promise<void> {
    const missing = this.options.store.missingReferences().slice(0, 5000)
    const jobs = missing.map(({ url, kind }) => async () => {
      this.options.signal?.throwIfAborted()
      const entries: ReportEntry[] = []
      let objects: OParlObject[] = []
      try {
        const json = await this.options.http.getJson(url)
        objects = normalizeObject(json, { version, expectedKind: kind, report: (e) => entries.push(e) })
        if (!objects.length) entries.push({ outcome: 'failed', code: 'reference-not-found', url, message: `referenced ${kind} is not an OParl object` })
      } catch (error) {
        if (this.options.signal?.aborted) throw error
        const status = error instanceof HttpError ? error.status : 0
        entries.push({ outcome: 'failed', code: 'reference-not-found', url, message: `referenced ${kind} answers ${status ? `HTTP ${status}` : (error as Error).message}` })
      }
      await this.options.store.savePage({ listKey: 'references', list: 'references', bodyUrl: null, pageUrl: url, objects, entries, nextUrl: null, totalPages: null, totalElements: null })
      this.options.onEvent?.({ type: 'reference', url, found: objects.length > 0 })
    })
    await pool(jobs, Math.max(1, this.options.listConcurrency ?? 4))
  }
}

/** Runs jobs with at most `limit` at once; the first failure stops the rest and is thrown. */
export async function pool(jobs: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0
  let failed: unknown
  const worker = async () => {
    while (next < jobs.length && failed === undefined) {
      const job = jobs[next++]
      try {
        await job()
      } catch (error) {
        failed ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  if (failed !== undefined) throw failed
}
