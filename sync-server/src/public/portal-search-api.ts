/**
 * The contract between the portal search (sync-server/src/portal-search/) and the portal pages:
 * search across all public metadata and the text of public PDFs. Reads only the public model.
 */
export const PORTAL_SEARCH_KINDS = ['meeting', 'agenda-item', 'paper', 'file'] as const
export type PortalSearchKind = (typeof PORTAL_SEARCH_KINDS)[number]

export interface PortalSearchQuery {
  q: string
  kind?: PortalSearchKind
  organizationId?: string
  /** ISO dates, inclusive */
  from?: string
  to?: string
  /** 1-based */
  page: number
  pageSize: number
}

export interface PortalSearchHit {
  kind: PortalSearchKind
  id: string
  title: string
  /** deep link (portalPaths); for a PDF hit the file URL with `#page=N` */
  url: string
  /** plain text around the match; marks are [start, end) offsets into it */
  snippet: { text: string; marks: Array<[number, number]> }
  /** meeting start, paper date or file date (ISO) */
  date: string | null
  organizationName: string | null
  /** PDF hits: the page and the object the file belongs to */
  pageNumber?: number
  context?: { title: string; url: string }
}

export interface PortalSearchResult {
  query: PortalSearchQuery
  total: number
  hits: PortalSearchHit[]
  /** no hit had every word: these hits have some */
  anyWord: boolean
  /** PDF texts still being extracted (results may grow) */
  indexing: boolean
}

export interface PortalSearch {
  search(query: PortalSearchQuery): PortalSearchResult
  /** a key that changes whenever results may change; null while indexing (pages are not cached then) */
  stamp?(): string | null
}
