/**
 * The portal search page (/suche), rendered from the PortalSearch contract: a form with query,
 * kind, body and date range, results with highlighted snippets, paging and the result count in a
 * live region. Works without JavaScript (a plain GET form).
 */
import { PORTAL_SEARCH_KINDS, type PortalSearchHit, type PortalSearchKind, type PortalSearchQuery } from '../public/portal-search-api.ts'
import { portalPaths } from '../public/public-urls.ts'
import { formatShortDate } from './portal-format.ts'
import { badRequest, h, notFound, pageParam, pagerNav, query, type Html } from './portal-html.ts'
import type { PortalPage } from './portal-view.ts'

const PAGE_SIZE = 20

/** the kinds under their German URL values */
const KIND_PARAM: Record<string, PortalSearchKind> = { sitzung: 'meeting', top: 'agenda-item', vorlage: 'paper', dokument: 'file' }
const KIND_LABEL: Record<PortalSearchKind, string> = { meeting: 'Sitzung', 'agenda-item': 'Tagesordnungspunkt', paper: 'Vorlage', file: 'Dokument (PDF)' }
const KIND_OPTION: Record<PortalSearchKind, string> = { meeting: 'Sitzungen', 'agenda-item': 'Tagesordnungspunkte', paper: 'Vorlagen', file: 'Dokumente (Volltext)' }
const paramOfKind = (kind: PortalSearchKind) => Object.keys(KIND_PARAM).find((k) => KIND_PARAM[k] === kind)!

const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)

/** the snippet with its marks as <mark>, everything escaped */
export function snippetHtml(snippet: PortalSearchHit['snippet']): Html {
  const text = snippet.text
  const marks = [...snippet.marks].filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s && e <= text.length).sort((a, b) => a[0] - b[0])
  const parts: Html[] = []
  let at = 0
  for (const [start, end] of marks) {
    if (start < at) continue
    parts.push(h`${text.slice(at, start)}<mark>${text.slice(start, end)}</mark>`)
    at = end
  }
  parts.push(h`${text.slice(at)}`)
  return h`${parts}`
}

/** only our own relative links leave the search (a hit's URL comes from the index) */
const safeUrl = (url: string) => (url.startsWith('/') && !url.startsWith('//') ? url : portalPaths.search())

function hitHtml(hit: PortalSearchHit): Html {
  return h`<li class="hit">
<p><a href="${safeUrl(hit.url)}"><strong>${hit.title}</strong></a></p>
<p class="muted">${KIND_LABEL[hit.kind] ?? hit.kind}${hit.date ? `, ${formatShortDate(hit.date)}` : ''}${hit.organizationName ? h`, ${hit.organizationName}` : ''}${hit.pageNumber ? `, Seite ${hit.pageNumber}` : ''}${
    hit.context ? h` – in <a href="${safeUrl(hit.context.url)}">${hit.context.title}</a>` : ''
  }</p>
${hit.snippet.text ? h`<p>${snippetHtml(hit.snippet)}</p>` : ''}
</li>`
}

export const searchPage: PortalPage = (view, req) => {
  const q = (req.query('q') ?? '').trim()
  if (q.length > 200) throw badRequest('Suchbegriff zu lang', 'Bitte verwenden Sie höchstens 200 Zeichen.')
  const kindParam = req.query('art') || undefined
  if (kindParam && !(kindParam in KIND_PARAM)) throw badRequest('Unbekannte Art', 'Bitte wählen Sie eine Art aus der Liste.')
  const kind = kindParam ? KIND_PARAM[kindParam] : undefined
  const orgId = req.query('gremium') || undefined
  const org = orgId ? view.data.organization(orgId) : undefined
  if (orgId && !org) throw notFound('Gremium nicht gefunden', 'Dieses Gremium gibt es nicht. Bitte wählen Sie eines aus der Liste.')
  const from = req.query('von') || undefined
  const to = req.query('bis') || undefined
  for (const d of [from, to]) if (d && !isIsoDate(d)) throw badRequest('Ungültiges Datum', 'Bitte geben Sie Daten als Jahr-Monat-Tag an, zum Beispiel 2026-03-12.')
  if (from && to && from > to) throw badRequest('Ungültiger Zeitraum', 'Das Datum „von“ liegt nach dem Datum „bis“.')
  const page = pageParam(req.query('seite'))
  const bodies = view.data.organizations.filter((o) => view.data.meetingsByOrganization.has(o.id))
  const params = { q, art: kindParam, gremium: org?.id, von: from, bis: to }

  const form = h`<form class="search" method="get" action="${portalPaths.search()}" role="search">
<div class="q"><label>Suchbegriff<input type="search" name="q" value="${q}" maxlength="200"></label><button type="submit">Suchen</button></div>
<fieldset><legend>Suche eingrenzen</legend>
<div class="filter">
<label>Art<select name="art"><option value="">alles</option>${PORTAL_SEARCH_KINDS.map((k) => h`<option value="${paramOfKind(k)}"${k === kind ? h` selected` : ''}>${KIND_OPTION[k]}</option>`)}</select></label>
<label>Gremium<select name="gremium"><option value="">alle Gremien</option>${bodies.map((o) => h`<option value="${o.id}"${o.id === org?.id ? h` selected` : ''}>${o.name}</option>`)}</select></label>
<label>von<input type="date" name="von" value="${from ?? ''}"></label>
<label>bis<input type="date" name="bis" value="${to ?? ''}"></label>
</div>
</fieldset>
</form>`

  let results: Html = h`<p>Geben Sie einen Suchbegriff ein, zum Beispiel eine Vorlagennummer („BV 160“), ein Thema („Radweg“) oder einen Ort.</p>`
  let title = 'Suche'
  if (q) {
    title = `Suche: ${q}${page > 1 ? `, Seite ${page}` : ''}`
    if (!view.search) {
      results = h`<p role="status">Die Suche ist derzeit nicht verfügbar. Bitte versuchen Sie es später erneut oder nutzen Sie die <a href="${portalPaths.papers()}">Vorlagenliste</a> und den <a href="${portalPaths.meetings()}">Sitzungskalender</a>.</p>`
    } else {
      const search: PortalSearchQuery = { q, page, pageSize: PAGE_SIZE }
      if (kind) search.kind = kind
      if (org) search.organizationId = org.id
      if (from) search.from = from
      if (to) search.to = to
      const result = view.search.search(search)
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE))
      if (page > pages && result.total > 0) throw notFound('Seite nicht gefunden', `Diese Suche hat nur ${pages === 1 ? 'eine Seite' : `${pages} Seiten`}.`)
      const count = result.total === 0 ? 'Keine Treffer' : result.total === 1 ? '1 Treffer' : `${result.total} Treffer`
      results = h`<h2>Ergebnisse</h2>
<p role="status" aria-live="polite">${count} für „${q}“${pages > 1 ? `, Seite ${page} von ${pages}` : ''}.</p>
${result.indexing ? h`<p class="notice">Die Texte neuer Dokumente werden gerade erfasst; es können noch Treffer hinzukommen.</p>` : ''}
${result.anyWord && result.total > 0 ? h`<p class="notice">Kein Treffer enthält alle Suchwörter. Gezeigt werden Treffer mit einzelnen Wörtern.</p>` : ''}
${
  result.total === 0
    ? h`<div class="notice"><p><strong>Tipps für die Suche:</strong></p><ul>
<li>Prüfen Sie die Schreibweise oder verwenden Sie weniger Wörter.</li>
<li>Suchen Sie nach einem allgemeineren Begriff, etwa „Straße“ statt „Straßenausbaubeitragssatzung“.</li>
<li>Vorlagen finden Sie auch über ihre Nummer, zum Beispiel „BV 160“.</li>
${kind || org || from || to ? h`<li><a href="${portalPaths.search()}${query({ q })}">Ohne Einschränkungen suchen</a></li>` : ''}
</ul></div>`
    : h`<ol class="plain">${result.hits.map(hitHtml)}</ol>`
}
${pagerNav({ page, pages, href: (p) => `${portalPaths.search()}${query({ ...params, seite: p > 1 ? p : undefined })}` }, 'Seiten der Ergebnisse')}`
    }
  }
  return { title, breadcrumb: [], section: 'search', body: h`<h1>Suche</h1>${form}${results}` }
}
