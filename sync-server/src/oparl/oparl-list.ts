/**
 * External object lists of OParl 1.1: query parameters, filters and pages.
 *
 * - Order: by (effective modified, id), stable; objects that change move to the end, so a client
 *   that pages through a list while it changes sees every object at least once.
 * - `links.next` carries a cursor (the last entry of the page), not an offset: entries changing
 *   while a client pages never shift the next page. `first`, `prev`, `last` are page numbers.
 * - Filters `created_since`, `created_until`, `modified_since`, `modified_until` (inclusive; a full
 *   date-time with offset, as OParl requires) stay on every link, as do `limit` and `omit_internal`.
 * - Tombstones (deleted objects) are always listed, with or without filters, so a client that
 *   syncs with `modified_since` learns about deletions.
 */
import type { ListEntry } from './oparl-index.ts'

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 250

/** A request a client can fix: answered with 400 and an OParl error object. */
export class OparlQueryError extends Error {}

export interface ListQuery {
  createdSince?: string
  createdUntil?: string
  modifiedSince?: string
  modifiedUntil?: string
  omitInternal: boolean
  /** page size */
  limit: number
  /** whether the client asked for a page size (kept on links) */
  limitGiven: boolean
  /** 1-based page number (ignored with a cursor) */
  page: number
  /** the page starts after this entry */
  after?: { modified: string; id: string }
}


const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i
const FILTERS = [
  ['created_since', 'createdSince'],
  ['created_until', 'createdUntil'],
  ['modified_since', 'modifiedSince'],
  ['modified_until', 'modifiedUntil'],
] as const

/** A filter value as the model stores times (UTC, `toISOString`), or an error a client can act on. */
export function parseFilterTime(name: string, raw: string): string {
  // an unencoded "+" arrives as a space: "2026-01-01T00:00:00 01:00"
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1')
  const match = DATE_TIME.exec(value)
  const time = match ? Date.parse(`${match[1]}${match[2].length === 5 ? `${match[2].slice(0, 3)}:${match[2].slice(3)}` : match[2]}`) : NaN
  if (!match || Number.isNaN(time)) {
    throw new OparlQueryError(
      `Ungültiger Wert für ${name}: "${raw}". Erwartet wird Datum und Uhrzeit mit Zeitzone, z. B. 2026-01-01T00:00:00+01:00 (das Pluszeichen in der URL als %2B).`,
    )
  }
  return new Date(time).toISOString()
}

function positiveInteger(name: string, raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new OparlQueryError(`Ungültiger Wert für ${name}: "${raw}". Erwartet wird eine ganze Zahl ab 1.`)
  return Number(raw)
}

type Cursor = { modified: string; id: string }

function encodeCursor(entry: Cursor): string {
  return Buffer.from(`${entry.modified}\n${entry.id}`, 'utf8').toString('base64url')
}

function decodeCursor(raw: string): Cursor {
  const decoded = /^[A-Za-z0-9_-]+$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : ''
  const newline = decoded.indexOf('\n')
  const modified = decoded.slice(0, newline)
  if (newline < 1 || Number.isNaN(Date.parse(modified))) throw new OparlQueryError('Ungültiger Wert für after: diese Listenseite gibt es nicht. Bitte die Liste von vorn abrufen.')
  return { modified, id: decoded.slice(newline + 1) }
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = { omitInternal: false, limit: DEFAULT_PAGE_SIZE, limitGiven: false, page: 1 }
  for (const [param, key] of FILTERS) {
    const raw = params.get(param)
    if (raw !== null) query[key] = parseFilterTime(param, raw)
  }
  const omit = params.get('omit_internal')
  if (omit !== null) {
    if (!['', 'true', '1', 'false', '0'].includes(omit)) throw new OparlQueryError(`Ungültiger Wert für omit_internal: "${omit}". Erlaubt sind true und false.`)
    query.omitInternal = omit === '' || omit === 'true' || omit === '1'
  }
  const limit = params.get('limit')
  if (limit !== null) {
    // OParl: a client must not expect the server to honour its page size; larger ones are capped
    query.limit = Math.min(positiveInteger('limit', limit), MAX_PAGE_SIZE)
    query.limitGiven = true
  }
  const page = params.get('page')
  if (page !== null) query.page = positiveInteger('page', page)
  const after = params.get('after')
  if (after !== null) query.after = decodeCursor(after)
  return query
}

export interface ListPage {
  entries: ListEntry[]
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number }
  links: { first: string; prev?: string; self: string; next?: string; last: string }
}

/** The page of a list the query asks for; undefined when the page number is past the end. */
export function listPage(all: readonly ListEntry[], query: ListQuery, listUrl: string): ListPage | undefined {
  const filtered = all.filter(
    (e) =>
      !(query.createdSince && e.created < query.createdSince) &&
      !(query.createdUntil && e.created > query.createdUntil) &&
      !(query.modifiedSince && e.modified < query.modifiedSince) &&
      !(query.modifiedUntil && e.modified > query.modifiedUntil),
  )
  const size = query.limit
  const totalPages = Math.max(1, Math.ceil(filtered.length / size))
  let start: number
  if (query.after) {
    const after = query.after
    const index = filtered.findIndex((e) => e.modified > after.modified || (e.modified === after.modified && e.id > after.id))
    start = index < 0 ? filtered.length : index
  } else {
    if (query.page > totalPages) return undefined
    start = (query.page - 1) * size
  }
  const currentPage = Math.min(totalPages, Math.floor(start / size) + 1)
  const entries = filtered.slice(start, start + size)
  const link = (page: { page?: number; after?: Cursor }) => {
    const params = new URLSearchParams()
    for (const [param, key] of FILTERS) if (query[key]) params.set(param, query[key]!)
    if (query.omitInternal) params.set('omit_internal', 'true')
    if (query.limitGiven) params.set('limit', String(size))
    if (page.page && page.page > 1) params.set('page', String(page.page))
    if (page.after) params.set('after', encodeCursor(page.after))
    const search = params.toString()
    return search ? `${listUrl}?${search}` : listUrl
  }
  const last = entries[entries.length - 1]
  return {
    entries,
    pagination: { totalElements: filtered.length, elementsPerPage: size, currentPage, totalPages },
    links: {
      first: link({}),
      ...(currentPage > 1 ? { prev: link({ page: currentPage - 1 }) } : {}),
      self: query.after ? link({ after: query.after }) : link({ page: currentPage }),
      ...(start + size < filtered.length ? { next: link({ after: last }) } : {}),
      last: link({ page: totalPages }),
    },
  }
}
