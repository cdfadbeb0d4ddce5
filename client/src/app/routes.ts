/** URLs of the app under /app/ (History API; the service worker serves index.html for all of them). */
export const APP_BASE = '/app/'

export type Route =
  | { name: 'meetings' }
  | { name: 'meeting'; meetingId: string }
  /** the reader; `page`, `q` (find in document) and `annotation` come from the query string */
  | { name: 'file'; meetingId: string; sha256: string; page?: number; q?: string; annotation?: string }
  | { name: 'annotations'; meetingId: string }
  | { name: 'compare'; meetingId: string; shaA: string; shaB: string }
  | { name: 'offline' }
  | { name: 'papers' }
  | { name: 'papers-overview' }
  | { name: 'paper-new' }
  | { name: 'paper'; paperId: string }
  | { name: 'admin'; section: AdminSection }
  /** the OParl import (administrators) */
  | { name: 'admin-import' }
  | { name: 'planning' }
  | { name: 'agenda'; meetingId: string }
  | { name: 'live'; meetingId: string }
  | { name: 'minutes'; meetingId: string }
  | { name: 'resolutions' }
  | { name: 'circulars' }
  | { name: 'circular'; circularId: string }
  /** Sitzungsgeld: the member's claims and statements */
  | { name: 'allowances' }
  /** Sitzungsgeld: the finance clerk's work */
  | { name: 'finance'; section: FinanceSection }
  /** local full-text search; query and filters come from the query string */
  | ({ name: 'search' } & SearchParams)
  | { name: 'not-found'; path: string }

/** What the search view shows: the query and its filters (body, date range, type of result). */
export interface SearchParams {
  q?: string
  body?: string
  /** ISO dates, inclusive */
  from?: string
  to?: string
  type?: 'meeting' | 'agenda-item' | 'paper' | 'file'
}

const SEARCH_TYPES: readonly NonNullable<SearchParams['type']>[] = ['meeting', 'agenda-item', 'paper', 'file']
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The search view's parameters from a query string; anything malformed is left out. */
export function searchParams(search: string): SearchParams {
  const params = new URLSearchParams(search)
  const out: SearchParams = {}
  const q = params.get('q')?.trim()
  if (q) out.q = q.slice(0, 200)
  const body = params.get('body')
  if (body && body.length <= 100) out.body = body
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key)
    if (value && ISO_DATE.test(value)) out[key] = value
  }
  const type = params.get('type')
  if (type && (SEARCH_TYPES as readonly string[]).includes(type)) out.type = type as SearchParams['type']
  return out
}

export function searchQueryString(p: SearchParams): string {
  const query = new URLSearchParams()
  for (const key of ['q', 'body', 'from', 'to', 'type'] as const) if (p[key]) query.set(key, p[key] as string)
  const s = query.toString()
  return s ? `?${s}` : ''
}

export const ADMIN_SECTIONS = ['terms', 'bodies', 'factions', 'departments', 'persons', 'memberships'] as const
export type AdminSection = (typeof ADMIN_SECTIONS)[number]

export const FINANCE_SECTIONS = ['claims', 'runs', 'payouts', 'statute', 'assignments', 'payees', 'tax'] as const
export type FinanceSection = (typeof FINANCE_SECTIONS)[number]

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment)
    return value && !value.includes('/') ? value : null
  } catch {
    return null
  }
}

/** The reader's query parameters: a page to open at, a find text, an annotation to show. */
function readerParams(search: string): { page?: number; q?: string; annotation?: string } {
  const params = new URLSearchParams(search)
  const out: { page?: number; q?: string; annotation?: string } = {}
  const page = Number(params.get('page'))
  if (Number.isInteger(page) && page > 0 && page < 100_000) out.page = page
  const q = params.get('q')?.trim()
  if (q) out.q = q.slice(0, 200)
  const annotation = params.get('annotation')
  if (annotation && annotation.length <= 100) out.annotation = annotation
  return out
}

export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/app' || pathname === APP_BASE || pathname === `${APP_BASE}index.html` || pathname === `${APP_BASE}meetings` || pathname === `${APP_BASE}meetings/`)
    return { name: 'meetings' }
  if (!pathname.startsWith(APP_BASE)) return { name: 'not-found', path: pathname }
  const parts = pathname.slice(APP_BASE.length).replace(/\/$/, '').split('/')
  if (parts[0] === 'meetings' && parts.length === 2) {
    const meetingId = decode(parts[1])
    if (meetingId) return { name: 'meeting', meetingId }
  }
  if (parts[0] === 'meetings' && parts.length === 3 && (parts[2] === 'agenda' || parts[2] === 'live' || parts[2] === 'minutes')) {
    const meetingId = decode(parts[1])
    if (meetingId) return { name: parts[2], meetingId }
  }
  if (parts[0] === 'planning' && parts.length === 1) return { name: 'planning' }
  if (parts[0] === 'offline' && parts.length === 1) return { name: 'offline' }
  if (parts[0] === 'search' && parts.length === 1) return { name: 'search', ...searchParams(search) }
  if (parts[0] === 'meetings' && parts.length === 5 && parts[2] === 'compare') {
    const meetingId = decode(parts[1])
    const [shaA, shaB] = [parts[3].toLowerCase(), parts[4].toLowerCase()]
    if (meetingId && /^[0-9a-f]{64}$/.test(shaA) && /^[0-9a-f]{64}$/.test(shaB)) return { name: 'compare', meetingId, shaA, shaB }
  }
  if (parts[0] === 'resolutions' && parts.length === 1) return { name: 'resolutions' }
  if (parts[0] === 'circulars' && parts.length === 1) return { name: 'circulars' }
  if (parts[0] === 'circulars' && parts.length === 2) {
    const circularId = decode(parts[1])
    if (circularId) return { name: 'circular', circularId }
  }
  if (parts[0] === 'meetings' && parts.length === 4 && parts[2] === 'files') {
    const meetingId = decode(parts[1])
    const sha = parts[3].toLowerCase()
    if (meetingId && /^[0-9a-f]{64}$/.test(sha)) return { name: 'file', meetingId, sha256: sha, ...readerParams(search) }
  }
  if (parts[0] === 'meetings' && parts.length === 3 && parts[2] === 'annotations') {
    const meetingId = decode(parts[1])
    if (meetingId) return { name: 'annotations', meetingId }
  }
  if (parts[0] === 'papers' && parts.length === 1) return { name: 'papers' }
  if (parts[0] === 'papers' && parts.length === 2) {
    if (parts[1] === 'overview') return { name: 'papers-overview' }
    if (parts[1] === 'new') return { name: 'paper-new' }
    const paperId = decode(parts[1])
    if (paperId) return { name: 'paper', paperId }
  }
  if (parts[0] === 'admin' && parts.length === 2 && parts[1] === 'import') return { name: 'admin-import' }
  if (parts[0] === 'allowances' && parts.length === 1) return { name: 'allowances' }
  if (parts[0] === 'allowances' && parts[1] === 'finance' && parts.length <= 3) {
    const section = parts[2] ?? 'claims'
    if ((FINANCE_SECTIONS as readonly string[]).includes(section)) return { name: 'finance', section: section as FinanceSection }
  }
  if (parts[0] === 'admin' && parts.length <= 2) {
    const section = parts[1] ?? 'terms'
    if ((ADMIN_SECTIONS as readonly string[]).includes(section)) return { name: 'admin', section: section as AdminSection }
  }
  return { name: 'not-found', path: pathname }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'meetings':
      return APP_BASE
    case 'meeting':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}`
    case 'file': {
      const query = new URLSearchParams()
      if (route.page) query.set('page', String(route.page))
      if (route.q) query.set('q', route.q)
      if (route.annotation) query.set('annotation', route.annotation)
      const search = query.toString()
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/files/${route.sha256}${search ? `?${search}` : ''}`
    }
    case 'annotations':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/annotations`
    case 'compare':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/compare/${route.shaA}/${route.shaB}`
    case 'offline':
      return `${APP_BASE}offline`
    case 'search': {
      const { name: _name, ...params } = route
      return `${APP_BASE}search${searchQueryString(params)}`
    }
    case 'papers':
      return `${APP_BASE}papers`
    case 'papers-overview':
      return `${APP_BASE}papers/overview`
    case 'paper-new':
      return `${APP_BASE}papers/new`
    case 'paper':
      return `${APP_BASE}papers/${encodeURIComponent(route.paperId)}`
    case 'admin':
      return `${APP_BASE}admin/${route.section}`
    case 'admin-import':
      return `${APP_BASE}admin/import`
    case 'planning':
      return `${APP_BASE}planning`
    case 'agenda':
    case 'live':
    case 'minutes':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/${route.name}`
    case 'resolutions':
      return `${APP_BASE}resolutions`
    case 'circulars':
      return `${APP_BASE}circulars`
    case 'circular':
      return `${APP_BASE}circulars/${encodeURIComponent(route.circularId)}`
    case 'allowances':
      return `${APP_BASE}allowances`
    case 'finance':
      return `${APP_BASE}allowances/finance/${route.section}`
    case 'not-found':
      return route.path
  }
}
