/**
 * The HTML building blocks of the portal pages. `h` is hono/html's `html` tag: every interpolated
 * string is escaped, only our own templates are raw. The pages never pass promises into it, so
 * its result is always synchronous (typed here as such). Never use `raw()` on data.
 */
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { PublicFileRef } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import { formatFileFacts } from './portal-format.ts'

export type Html = HtmlEscapedString

/** hono/html's `html`, synchronous because no value is ever a promise */
export const h = html as unknown as (strings: TemplateStringsArray, ...values: unknown[]) => Html

/** An HTTP error a page throws; the routes render it as a themed error page. */
export class PortalHttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly heading: string,
    readonly detail: string,
  ) {
    super(heading)
  }
}

export const notFound = (heading: string, detail = 'Diese Seite gibt es nicht oder sie ist (noch) nicht veröffentlicht.') => new PortalHttpError(404, heading, detail)
export const badRequest = (heading: string, detail: string) => new PortalHttpError(400, heading, detail)

/** A download link with type, pages and size ("PDF, 3 Seiten, 8,5 KB"). */
export function fileLink(file: PublicFileRef, label?: string): Html {
  return h`<a href="${portalPaths.file(file.sha256, file.fileName)}">${label ?? file.name}</a> <span class="muted">(${formatFileFacts(file)})</span>`
}

/** A horizontally scrollable table region, reachable by keyboard (WCAG 2.1.1 on small screens). */
export function tableRegion(label: string, table: Html, className = ''): Html {
  return h`<div class="table-wrap${className ? ` ${className}` : ''}" role="region" aria-label="${label}" tabindex="0">${table}</div>`
}

export interface Pager {
  page: number
  pages: number
  /** URL of a page number */
  href: (page: number) => string
}

/** "Seite 2 von 5" with previous/next links (no JavaScript). */
export function pagerNav(p: Pager, label = 'Seiten'): Html {
  if (p.pages <= 1) return h``
  return h`<nav aria-label="${label}"><ul class="pager">
${p.page > 1 ? h`<li><a href="${p.href(p.page - 1)}" rel="prev">← Vorherige Seite</a></li>` : ''}
<li><span aria-current="page">Seite ${p.page} von ${p.pages}</span></li>
${p.page < p.pages ? h`<li><a href="${p.href(p.page + 1)}" rel="next">Nächste Seite →</a></li>` : ''}
</ul></nav>`
}

/** Parses a 1-based page number from the query (`seite`); throws 400 on nonsense. */
export function pageParam(value: string | undefined): number {
  if (value === undefined || value === '') return 1
  if (!/^[1-9]\d{0,4}$/.test(value)) throw badRequest('Ungültige Seitenzahl', 'Die Seitenzahl muss eine positive ganze Zahl sein.')
  return Number(value)
}

/** Slices a list for a page; a page past the end is a 404. */
export function paginate<T>(all: readonly T[], page: number, size: number): { items: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(all.length / size))
  if (page > pages) throw notFound('Seite nicht gefunden', `Diese Liste hat nur ${pages === 1 ? 'eine Seite' : `${pages} Seiten`}.`)
  return { items: all.slice((page - 1) * size, page * size), pages }
}

/** Builds a query string from the set parameters, in the given order (stable cache keys and links). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}
