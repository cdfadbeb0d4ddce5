/**
 * The portal's home page: next meetings, newest papers and resolutions, search and the feeds.
 */
import { portalPaths } from '../public/public-urls.ts'
import { berlinDate, formatMeetingTime, formatShortDate } from './portal-format.ts'
import { h } from './portal-html.ts'
import type { PortalPage } from './portal-view.ts'

export const homePage: PortalPage = (view) => {
  const { data, site } = view
  const upcoming = data.meetings.filter((m) => berlinDate(m.start) >= view.today).slice(0, 8)
  const papers = data.papers.slice(0, 8)
  const resolutions = site.portalResolutions === 'off' ? [] : data.resolutions.slice(0, 5)
  const body = h`<h1>Bürgerinfo</h1>
<p class="lead">Sitzungen, Vorlagen und Beschlüsse des Rates, der Ausschüsse und Ortschaftsräte: ${site.townName()}.</p>
<h2>Nächste Sitzungen</h2>
${
  upcoming.length
    ? h`<ul class="plain">${upcoming.map(
        (m) => h`<li><a href="${portalPaths.meeting(m.id)}"><strong>${m.name}</strong></a><br>${formatMeetingTime(m.start, m.end)}${m.state === 'cancelled' ? h` · <strong>abgesagt</strong>` : ''}</li>`,
      )}</ul>`
    : h`<p>Derzeit sind keine Sitzungen geplant.</p>`
}
<p><a href="${portalPaths.meetings()}">Zum Sitzungskalender</a></p>
<h2>Neue Vorlagen</h2>
${
  papers.length
    ? h`<ul class="plain">${papers.map((p) => h`<li><a href="${portalPaths.paper(p.id)}">${p.reference}</a> – ${p.name}<br><span class="muted">${p.paperType}, ${formatShortDate(p.date)}</span></li>`)}</ul>`
    : h`<p>Noch keine Vorlagen veröffentlicht.</p>`
}
<p><a href="${portalPaths.papers()}">Alle Vorlagen</a></p>
${
  site.portalResolutions !== 'off'
    ? h`<h2>Neue Beschlüsse</h2>
${
  resolutions.length
    ? h`<ul class="plain">${resolutions.map(
        (r) => h`<li><a href="${portalPaths.resolutions()}#b-${r.id}">${r.title}</a><br><span class="muted">${r.organizationName}, ${formatShortDate(r.decidedOn)} · Umsetzung: ${r.status}</span></li>`,
      )}</ul>`
    : h`<p>Noch keine Beschlüsse veröffentlicht.</p>`
}
<p><a href="${portalPaths.resolutions()}">Alle Beschlüsse und ihre Umsetzung</a></p>`
    : ''
}
<h2>Suchen</h2>
<form class="search" method="get" action="${portalPaths.search()}" role="search">
<div class="q"><label>Suchbegriff<input type="search" name="q" maxlength="200"></label><button type="submit">Suchen</button></div>
</form>
<h2>Weitere Angebote</h2>
<ul>
<li><a href="${portalPaths.organizations()}">Gremien und ihre Mitglieder</a></li>
<li><a href="${portalPaths.factions()}">Fraktionen</a></li>
<li><a href="${portalPaths.icsAll()}">Alle Sitzungen als Kalender (iCal)</a></li>
<li><a href="${portalPaths.rssMeetings()}">Kommende Sitzungen als RSS-Feed</a>, <a href="${portalPaths.rssPapers()}">neue Vorlagen als RSS-Feed</a></li>
<li><a href="${portalPaths.oparlSystem()}">Offene Daten über die OParl-Schnittstelle</a></li>
</ul>`
  return { title: 'Startseite', breadcrumb: [], section: 'home', body }
}
