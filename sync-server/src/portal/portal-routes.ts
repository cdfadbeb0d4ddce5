/**
 * Public portal (Bürgerinfo), first pages: upcoming released meetings and a meeting page with the
 * public agenda and, once recorded, its results. Server-rendered, no JavaScript, accessible.
 * Only documents whose audience is `public` in the access registry are ever read here — a meeting
 * being planned (office audience) or the non-public part never reaches a page. The full portal
 * (calendar, papers, search, feeds, OParl) is its own issue.
 */
import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { formatLocation, orderedAgenda, type AgendaItem, type MeetingDoc } from '@ratstisch/domain'
import type { DocumentId } from '@automerge/automerge-repo'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { MeetingCatalogue, MeetingRow } from '../read-model/meeting-catalogue.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'
import type { PortalResolutions } from '../config.ts'
import type { ResolutionStore } from '../resolutions/resolution-store.ts'

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long',
  day: '2-digit',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
})

const STATE_LABELS: Record<string, string> = { invited: 'eingeladen', running: 'läuft', held: 'abgehalten', cancelled: 'abgesagt' }

export interface PortalDeps {
  meetings: MeetingCatalogue
  registry: AccessRegistry
  relayRepo: RelayRepo
  townName: () => string
  resolutions: ResolutionStore
  /** what the portal shows of resolution tracking (PORTAL_RESOLUTIONS) */
  portalResolutions: PortalResolutions
}

const dayFormat = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
const germanDay = (isoDate: string) => dayFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
const RESOLUTION_STATUSES = ['offen', 'in Arbeit', 'erledigt', 'gegenstandslos'] as const

function page(town: string, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Bürgerinfo ${town}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.5}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #0b5394}
a{color:#0b5394}a:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
li{margin:.5rem 0}
ol.agenda{list-style:none;padding:0}ol.agenda li{border-top:1px solid #ccc;padding:.5rem 0}
.num{display:inline-block;min-width:4rem;font-weight:bold}.sub{margin-left:2rem}
.result{color:#333}
article.resolution{border-top:1px solid #ccc;padding:.5rem 0}article.resolution h2{font-size:1.1rem;margin:.25rem 0}
.status{display:inline-block;padding:0 .4rem;border:1px solid #555;border-radius:.25rem}
form.filter{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}
</style>
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header><p><strong>${town}</strong> – Ratsinformationssystem</p></header>
<main id="inhalt">
${body}
</main>
<footer><p><a href="/">Bürgerinfo</a> · <a href="/beschluesse">Beschlüsse</a> · <a href="/app/">Zur App für Mitglieder und Verwaltung</a></p></footer>
</body>
</html>`
}

export function portalRoutes(deps: PortalDeps): Hono {
  const app = new Hono()
  /** a meeting is on the portal once its public document is public (released by the clerk) */
  const isPublished = (m: MeetingRow) => m.publicDocId !== null && (deps.registry.get(m.publicDocId)?.readers.includes('public') ?? false)

  app.get('/', (c) => {
    const today = new Date().toISOString().slice(0, 10)
    const upcoming = deps.meetings
      .all()
      .filter((m) => m.start >= today && m.state !== 'cancelled' && isPublished(m))
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, 12)
    const town = deps.townName()
    c.header('Cache-Control', 'public, max-age=60')
    return c.html(
      page(
        town,
        'Startseite',
        html`<h1>Bürgerinfo</h1>
<p>Das öffentliche Bürgerinformationsportal mit Sitzungen, Vorlagen und Beschlüssen wird hier aufgebaut.
Mitglieder der Gremien und die Verwaltung melden sich in der <a href="/app/">Ratstisch-App</a> an.</p>
<h2>Nächste Sitzungen</h2>
${upcoming.length === 0
  ? html`<p>Derzeit sind keine Sitzungen geplant.</p>`
  : html`<ul>${upcoming.map(
      (m) => html`<li><a href="/sitzungen/${encodeURIComponent(m.id)}"><strong>${m.name}</strong></a><br>${m.organizationName} · ${dateFormat.format(new Date(m.start))} Uhr${m.location ? raw(' · ') : ''}${m.location ?? ''}</li>`,
    )}</ul>`}`,
      ),
    )
  })

  app.get('/sitzungen/:id', async (c) => {
    const row = deps.meetings.get(c.req.param('id'))
    const town = deps.townName()
    const doc = row && isPublished(row) ? await deps.relayRepo.doc<MeetingDoc>(row.publicDocId as DocumentId) : undefined
    if (!row || !doc) {
      c.status(404)
      return c.html(page(town, 'Nicht gefunden', html`<h1>Sitzung nicht gefunden</h1><p>Diese Sitzung gibt es nicht oder sie ist (noch) nicht veröffentlicht.</p><p><a href="/">Zur Startseite</a></p>`))
    }
    c.header('Cache-Control', 'public, max-age=30')
    const items = orderedAgenda(doc.agendaItems ?? []).filter((i) => i.public)
    const itemLine = (i: AgendaItem) =>
      html`<li class="${i.parentId ? 'sub' : ''}"><span class="num">${i.number}</span> ${i.title}${i.paper?.reference ? html` <span>(${i.paper.reference})</span>` : ''}${
        i.status || i.result
          ? html`<br><span class="result">${[i.status, i.result, i.vote ? `Ja ${i.vote.yes}, Nein ${i.vote.no}, Enthaltungen ${i.vote.abstain}` : ''].filter(Boolean).join(' · ')}</span>`
          : ''
      }</li>`
    const location = formatLocation(doc.location)
    return c.html(
      page(
        town,
        doc.name,
        html`<h1>${doc.name}</h1>
<p>${doc.organization.name} · ${dateFormat.format(new Date(doc.start))} Uhr${location ? raw(' · ') : ''}${location}${
          STATE_LABELS[doc.state] ? html` · ${STATE_LABELS[doc.state]}` : ''
        }</p>
${doc.accessibility ? html`<p>Barrierefreiheit: ${doc.accessibility}</p>` : ''}
<h2>Tagesordnung – öffentlicher Teil</h2>
${items.length ? html`<ol class="agenda">${items.map(itemLine)}</ol>` : html`<p>Die Tagesordnung liegt noch nicht vor.</p>`}`,
      ),
    )
  })
  if (deps.portalResolutions !== 'off') {
    app.get('/beschluesse', (c) => {
      const town = deps.townName()
      const status = RESOLUTION_STATUSES.find((st) => st === c.req.query('status'))
      const list = deps.resolutions.publicList(status ? { status } : {})
      const withReports = deps.portalResolutions === 'reports'
      c.header('Cache-Control', 'public, max-age=60')
      const entry = (r: (typeof list)[number]) => html`<article class="resolution" aria-labelledby="b-${r.id}">
<h2 id="b-${r.id}">${r.title}</h2>
<p>${r.organizationName} · ${germanDay(r.decidedOn)}${r.meetingId && r.meetingName ? html` · <a href="/sitzungen/${encodeURIComponent(r.meetingId)}">${r.meetingName}</a>` : ''}${
        r.itemNumber ? html` · ${r.itemNumber}` : ''
      }${r.paperReference ? html` · Vorlage ${r.paperReference}` : ''}</p>
<p>${r.text}</p>
<p>Umsetzung: <span class="status">${r.status}</span>${r.ownerDepartmentName ? html` · zuständig: ${r.ownerDepartmentName}` : ''}${
        r.dueDate ? html` · Frist: ${germanDay(r.dueDate)}` : ''
      }</p>
${withReports && r.reports.length
  ? html`<details><summary>Sachstand (${r.reports.length})</summary><ul>${r.reports.map(
      (rep) => html`<li>${germanDay(rep.at)} – ${rep.status}: ${rep.text}</li>`,
    )}</ul></details>`
  : ''}
</article>`
      return c.html(
        page(
          town,
          'Beschlüsse',
          html`<h1>Beschlüsse und ihre Umsetzung</h1>
<form class="filter" method="get" action="/beschluesse">
<label>Stand der Umsetzung<br><select name="status"><option value="">alle</option>${RESOLUTION_STATUSES.map(
            (st) => html`<option value="${st}"${st === status ? raw(' selected') : ''}>${st}</option>`,
          )}</select></label>
<button type="submit">Anzeigen</button>
</form>
<p role="status">${list.length === 1 ? '1 Beschluss' : `${list.length} Beschlüsse`}</p>
${list.map(entry)}`,
        ),
      )
    })
  }
  return app
}
