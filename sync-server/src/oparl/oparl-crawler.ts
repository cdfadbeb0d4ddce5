/**
 * Crawls an OParl 1.1 API from its System object: follows every URL below the API base found in
 * any object, embedded object or list page (`links` included) until nothing new is left, and checks
 * on the way what a client relies on:
 * - every referenced URL answers 200 with JSON and `Access-Control-Allow-Origin: *`;
 * - an object fetched from a URL has that URL as `id`; objects in lists and embedded objects are
 *   fetched from their `id` too, and an id never shows two different contents;
 * - the pages of each list are consistent: same totals on every page, pages 1…totalPages present
 *   with full pages before the last, no entry twice, `first`/`prev`/`self`/`next`/`last` lead to the
 *   pages they name;
 * - optionally every object against the schemas and spec rules (OparlValidator), and every
 *   `downloadUrl`: bytes, size, type and checksum as the File object says.
 * Used by the conformance test (in-process requests) and the benchmark (real HTTP).
 */
import { createHash } from 'node:crypto'
import { listPageViolations, specRuleViolations, type OparlValidator } from './oparl-validator.ts'

type JsonObject = Record<string, unknown>

export interface CrawlOptions {
  /** the System URL */
  start: string
  /** URLs starting with this are part of the API and followed */
  base: string
  fetch: (url: string) => Response | Promise<Response>
  /** schema and spec-rule checks of every object (off for timing runs) */
  validator?: OparlValidator
  /** also fetch every File's downloadUrl and check its bytes */
  downloads?: boolean
  /** compare every further copy of an object with the first one (default; off for timing runs) */
  compareCopies?: boolean
  /** requests in flight at once */
  concurrency?: number
}

export interface ListPageRecord {
  url: string
  /** the list this page belongs to: its URL without page and cursor */
  list: string
  currentPage: number
  totalPages: number
  totalElements: number
  elementsPerPage: number
  ids: string[]
  links: Record<string, string>
}

export interface CrawlReport {
  /** every object by id (top-level, listed and embedded) */
  objects: Map<string, JsonObject>
  /** objects per OParl type name (`Meeting` …), live and deleted */
  counts: Record<string, { live: number; deleted: number }>
  pages: ListPageRecord[]
  requests: number
  downloads: number
  bytes: number
  problems: string[]
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)
const isOparlObject = (value: unknown): value is JsonObject => isObject(value) && typeof value.type === 'string' && value.type.startsWith('https://schema.oparl.org/')

/** key-order independent serialisation, for comparing two copies of an object */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** a list URL without its paging parameters */
function listKey(url: string): string {
  const u = new URL(url)
  u.searchParams.delete('page')
  u.searchParams.delete('after')
  u.searchParams.sort()
  return u.toString()
}

export async function crawlOparl(options: CrawlOptions): Promise<CrawlReport> {
  const report: CrawlReport = { objects: new Map(), counts: {}, pages: [], requests: 0, downloads: 0, bytes: 0, problems: [] }
  const problem = (message: string) => report.problems.push(message)
  const queued = new Set<string>()
  const queue: string[] = []
  const downloads = new Map<string, JsonObject>()
  const pageByUrl = new Map<string, ListPageRecord>()
  const canonicalOf = new Map<string, string>()

  const enqueue = (url: string) => {
    if (!url.startsWith(options.base) || queued.has(url)) return
    queued.add(url)
    queue.push(url)
  }

  const visitObject = (object: JsonObject, where: string) => {
    if (options.validator) {
      for (const p of options.validator.validate(object, where)) problem(`schema ${p}`)
      for (const p of specRuleViolations(object, where, { bareTombstones: true })) problem(`rule ${p}`)
    }
    const walk = (value: JsonObject, at: string) => {
      const id = typeof value.id === 'string' ? value.id : undefined
      if (!id) return problem(`${at}: object without id`)
      const seen = report.objects.get(id)
      if (!seen) report.objects.set(id, value)
      else if (options.compareCopies !== false && seen !== value) {
        let first = canonicalOf.get(id)
        if (first === undefined) canonicalOf.set(id, (first = canonical(seen)))
        if (first !== canonical(value)) problem(`${at}: ${id} appears with different content elsewhere`)
      }
      enqueue(id)
      for (const [key, v] of Object.entries(value)) {
        if (key === 'id') continue
        const each = Array.isArray(v) ? v : [v]
        each.forEach((item, i) => {
          const here = Array.isArray(v) ? `${at}/${key}/${i}` : `${at}/${key}`
          if (typeof item === 'string' && item.startsWith(options.base)) {
            if (key === 'downloadUrl') downloads.set(item, value)
            else enqueue(item)
          } else if (isOparlObject(item)) walk(item, here)
        })
      }
    }
    walk(object, where)
  }

  const visitPage = (url: string, page: JsonObject) => {
    for (const p of listPageViolations(page, url)) problem(`list ${p}`)
    const data = Array.isArray(page.data) ? page.data : []
    const pagination = isObject(page.pagination) ? page.pagination : {}
    const links = isObject(page.links) ? (page.links as Record<string, string>) : {}
    const record: ListPageRecord = {
      url,
      list: listKey(url),
      currentPage: Number(pagination.currentPage),
      totalPages: Number(pagination.totalPages),
      totalElements: Number(pagination.totalElements),
      elementsPerPage: Number(pagination.elementsPerPage),
      ids: [],
      links,
    }
    data.forEach((entry, i) => {
      if (!isOparlObject(entry)) return problem(`${url} data/${i}: not an OParl object`)
      record.ids.push(String(entry.id))
      visitObject(entry, `${url} data/${i}`)
    })
    report.pages.push(record)
    pageByUrl.set(url, record)
    for (const link of Object.values(links)) if (typeof link === 'string') enqueue(link)
  }

  const fetchOne = async (url: string) => {
    let response: Response
    try {
      response = await options.fetch(url)
    } catch (error) {
      return problem(`${url}: ${error instanceof Error ? error.message : String(error)}`)
    }
    report.requests++
    const body = await response.text()
    report.bytes += Buffer.byteLength(body)
    if (response.status !== 200) return problem(`${url}: HTTP ${response.status}`)
    if (response.headers.get('access-control-allow-origin') !== '*') problem(`${url}: no Access-Control-Allow-Origin: *`)
    if (!/^application\/json;\s*charset=utf-8$/i.test(response.headers.get('content-type') ?? '')) problem(`${url}: content type ${response.headers.get('content-type')}`)
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      return problem(`${url}: not JSON`)
    }
    if (!isObject(value)) return problem(`${url}: not a JSON object`)
    if (Array.isArray(value.data)) return visitPage(url, value)
    if (value.id !== url) problem(`${url}: id is ${JSON.stringify(value.id)}, not the URL it was fetched from`)
    visitObject(value, url)
  }

  enqueue(options.start)
  const concurrency = options.concurrency ?? 1
  let active = 0
  const workers = Array.from({ length: concurrency }, async () => {
    // workers wait while others may still add URLs
    for (;;) {
      const url = queue.shift()
      if (url !== undefined) {
        active++
        await fetchOne(url)
        active--
      } else if (active === 0) return
      else await new Promise((resolve) => setImmediate(resolve))
    }
  })
  await Promise.all(workers)

  checkLists(report, pageByUrl, problem)

  if (options.downloads) {
    for (const [url, file] of downloads) {
      const response = await options.fetch(url)
      report.downloads++
      const bytes = Buffer.from(await response.arrayBuffer())
      if (response.status !== 200) {
        problem(`${url}: HTTP ${response.status}`)
        continue
      }
      if (response.headers.get('access-control-allow-origin') !== '*') problem(`${url}: no Access-Control-Allow-Origin: *`)
      if (typeof file.size === 'number' && bytes.length !== file.size) problem(`${url}: ${bytes.length} bytes, the File says ${file.size}`)
      if (typeof file.mimeType === 'string' && response.headers.get('content-type') !== file.mimeType) problem(`${url}: type ${response.headers.get('content-type')}, the File says ${file.mimeType}`)
      if (typeof file.sha512Checksum === 'string' && createHash('sha512').update(bytes).digest('hex') !== file.sha512Checksum) problem(`${url}: bytes do not match sha512Checksum`)
      if (!/^attachment;/.test(response.headers.get('content-disposition') ?? '')) problem(`${url}: no Content-Disposition: attachment`)
    }
  }

  for (const object of report.objects.values()) {
    const name = String(object.type).replace(/^.*\//, '')
    const count = (report.counts[name] ??= { live: 0, deleted: 0 })
    if (object.deleted === true) count.deleted++
    else count.live++
  }
  return report
}

/** the consistency of the pages of each list (see the module comment) */
function checkLists(report: CrawlReport, pageByUrl: Map<string, ListPageRecord>, problem: (message: string) => void): void {
  const lists = new Map<string, ListPageRecord[]>()
  for (const page of report.pages) lists.set(page.list, [...(lists.get(page.list) ?? []), page])
  for (const [list, pages] of lists) {
    const first = pages[0]
    for (const page of pages) {
      for (const key of ['totalPages', 'totalElements', 'elementsPerPage'] as const) {
        if (page[key] !== first[key]) problem(`${page.url}: ${key} ${page[key]}, other pages of the list say ${first[key]}`)
      }
    }
    const byNumber = new Map<number, ListPageRecord>()
    for (const page of pages) {
      const other = byNumber.get(page.currentPage)
      if (other && other.ids.join('\n') !== page.ids.join('\n')) problem(`${page.url} and ${other.url}: page ${page.currentPage} with different entries`)
      if (!other) byNumber.set(page.currentPage, page)
    }
    const all: string[] = []
    for (let n = 1; n <= first.totalPages; n++) {
      const page = byNumber.get(n)
      if (!page) {
        problem(`${list}: page ${n} of ${first.totalPages} never reached`)
        continue
      }
      all.push(...page.ids)
      if (n < first.totalPages && page.ids.length !== first.elementsPerPage) problem(`${page.url}: ${page.ids.length} entries on a page of ${first.elementsPerPage}`)
      if (page.ids.length > first.elementsPerPage) problem(`${page.url}: more entries than elementsPerPage`)
      if (n === 1 && page.links.prev) problem(`${page.url}: first page with links.prev`)
      if (n > 1 && !page.links.prev) problem(`${page.url}: links.prev missing`)
      if (n === first.totalPages && page.links.next) problem(`${page.url}: last page with links.next`)
      const expect: Record<string, number> = { first: 1, last: first.totalPages, self: n }
      if (page.links.prev) expect.prev = n - 1
      if (page.links.next) expect.next = n + 1
      for (const [rel, number] of Object.entries(expect)) {
        const target = page.links[rel] ? pageByUrl.get(page.links[rel]) : undefined
        if (!page.links[rel]) problem(`${page.url}: links.${rel} missing`)
        else if (!target) problem(`${page.url}: links.${rel} did not answer with a list page`)
        else if (target.currentPage !== number || target.list !== list) problem(`${page.url}: links.${rel} leads to page ${target.currentPage} of ${target.list}, not page ${number}`)
      }
    }
    if (all.length !== first.totalElements) problem(`${list}: ${all.length} entries on its pages, totalElements says ${first.totalElements}`)
    if (new Set(all).size !== all.length) problem(`${list}: an entry on two pages`)
  }
}
