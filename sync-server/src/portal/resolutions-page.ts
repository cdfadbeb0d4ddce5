/**
 * Resolution tracking on the portal (/beschluesse): the public resolutions with their
 * implementation status, filtered by status; progress reports only with PORTAL_RESOLUTIONS=reports.
 */
import { RESOLUTION_STATUSES } from '@ratstisch/domain'
import { portalPaths } from '../public/public-urls.ts'
import { h, notFound } from './portal-html.ts'
import { resolutionHtml } from './paper-pages.ts'
import type { PortalPage } from './portal-view.ts'

export const resolutionsPage: PortalPage = (view, req) => {
  const mode = view.site.portalResolutions
  if (mode === 'off') throw notFound('Seite nicht gefunden')
  // an unknown status filter is ignored (as before), a known one filters
  const status = RESOLUTION_STATUSES.find((s) => s === req.query('status'))
  const list = status ? view.data.resolutions.filter((r) => r.status === status) : view.data.resolutions
  const body = h`<h1>Beschlüsse und ihre Umsetzung</h1>
<form class="filter" method="get" action="${portalPaths.resolutions()}">
<label>Stand der Umsetzung<select name="status"><option value="">alle</option>${RESOLUTION_STATUSES.map(
    (s) => h`<option value="${s}"${s === status ? h` selected` : ''}>${s}</option>`,
  )}</select></label>
<button type="submit">Anzeigen</button>
</form>
<p role="status">${list.length === 1 ? '1 Beschluss' : `${list.length} Beschlüsse`}</p>
${list.map((r) => resolutionHtml(r, mode, 2, view.data))}`
  return { title: `Beschlüsse${status ? `: ${status}` : ''}`, breadcrumb: [], section: 'resolutions', body }
}
