/**
 * What a portal page renders from: the site (theme, town), one snapshot of the public model, the
 * configured static content and the clock. Pages are functions `(view, request) => PageSpec`.
 */
import type { PortalSearch } from '../public/portal-search-api.ts'
import type { PortalContent } from './portal-content.ts'
import type { PortalData } from './portal-data.ts'
import type { PageSpec, PortalSite } from './portal-layout.ts'

export interface PortalView {
  site: PortalSite
  data: PortalData
  content: PortalContent
  search?: PortalSearch
  now: Date
  /** the calendar day in Berlin (ISO date) */
  today: string
}

export interface PortalRequest {
  param(name: string): string
  query(name: string): string | undefined
}

export type PortalPage = (view: PortalView, req: PortalRequest) => PageSpec
