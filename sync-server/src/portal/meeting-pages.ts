/**
 * Calendar (list and month view), meeting page and agenda item page of the portal.
 */
import { formatLocation } from '@ratstisch/domain'
import type { PublicAgendaItem, PublicFileRef, PublicMeeting, PublicOrganization } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import {
  ATTENDANCE_LABELS,
  MEETING_STATE_LABELS,
  berlinDate,
  berlinMonth,
  formatItemOutcome,
  formatLongDate,
  formatMeetingTime,
  formatMonth,
  formatShortDate,
  formatSize,
  formatTime,
  formatWeekdayDay,
  morePersons,
} from './portal-format.ts'
import { badRequest, fileLink, h, notFound, pageParam, pagerNav, paginate, query, tableRegion, type Html } from './portal-html.ts'
import type { PortalData } from './portal-data.ts'
import type { PageSpec } from './portal-layout.ts'
import type { PortalPage, PortalView } from './portal-view.ts'
import { richTextHtml } from './rich-text-html.ts'

const PAGE_SIZE = 20
const WEEKDAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']
const WEEKDAY_SHORT = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']

/** "?gremium=" must name a public body; "" means all */
function organizationFilter(data: PortalData, value: string | undefined): PublicOrganization | null {
  if (!value) return null
  const org = data.organization(value)
  if (!org) throw notFound('Gremium nicht gefunden', 'Dieses Gremium gibt es nicht. Bitte wählen Sie eines aus der Liste.')
  return org
}

function organizationSelect(data: PortalData, selected: PublicOrganization | null): Html {
  const bodies = data.organizations.filter((o) => data.meetingsByOrganization.has(o.id))
  return h`<label>Gremium<select name="gremium"><option value="">alle Gremien</option>${bodies.map(
    (o) => h`<option value="${o.id}"${selected?.id === o.id ? h` selected` : ''}>${o.name}</option>`,
  )}</select></label>`
}

function meetingLine(m: PublicMeeting): Html {
  const place = formatLocation(m.location)
  return h`<li><strong><a href="${portalPaths.meeting(m.id)}">${m.name}</a></strong><br>
${formatMeetingTime(m.start, m.end)}${place ? h` · ${place}` : ''}<br>
<span class="muted">${m.organizationName}${m.state === 'cancelled' ? '' : m.state === 'invited' ? '' : h` · ${MEETING_STATE_LABELS[m.state]}`}</span>${
    m.state === 'cancelled' ? h` <strong class="status">abgesagt</strong>` : ''
  }</li>`
}

export const calendarPage: PortalPage = (view, req) => {
  const { data } = view
  const view_ = req.query('ansicht') ?? 'liste'
  if (view_ !== 'liste' && view_ !== 'monat') throw badRequest('Ungültige Ansicht', 'Die Ansicht ist „liste“ oder „monat“.')
  const org = organizationFilter(data, req.query('gremium'))
  const meetings = org ? (data.meetingsByOrganization.get(org.id) ?? []) : data.meetings
  const base = { ansicht: undefined as string | undefined, gremium: org?.id }
  const filterForm = (hidden: Html) => h`<form class="filter" method="get" action="${portalPaths.meetings()}">
${hidden}${organizationSelect(data, org)}
<button type="submit">Anzeigen</button>
</form>`
  const ics = h`<ul class="actions">
<li><a href="${portalPaths.icsAll()}">Alle Sitzungen als Kalender abonnieren (iCal)</a></li>
${org ? h`<li><a href="${portalPaths.icsOrganization(org.id)}">Sitzungen: ${org.shortName || org.name} abonnieren (iCal)</a></li>` : ''}
</ul>`
  const viewTabs = (current: 'liste' | 'monat') => h`<ul class="tabs" aria-label="Ansicht">
<li><a href="${portalPaths.meetings()}${query({ ...base })}"${current === 'liste' ? h` aria-current="page"` : ''}>Liste</a></li>
<li><a href="${portalPaths.meetings()}${query({ ansicht: 'monat', gremium: org?.id })}"${current === 'monat' ? h` aria-current="page"` : ''}>Monatsansicht</a></li>
</ul>`
  const orgSuffix = org ? `: ${org.shortName || org.name}` : ''

  if (view_ === 'monat') {
    const month = req.query('monat') ?? berlinMonth(view.now)
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || Number(month.slice(0, 4)) < 1990 || Number(month.slice(0, 4)) > 2100)
      throw badRequest('Ungültiger Monat', 'Bitte geben Sie den Monat als Jahr und Monat an, zum Beispiel 2026-03.')
    const [year, mon] = month.split('-').map(Number)
    const shift = (delta: number) => {
      const d = new Date(Date.UTC(year, mon - 1 + delta, 1))
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
    }
    const byDay = new Map<string, PublicMeeting[]>()
    for (const m of meetings) {
      const day = berlinDate(m.start)
      if (day.startsWith(month)) byDay.set(day, [...(byDay.get(day) ?? []), m])
    }
    const first = new Date(Date.UTC(year, mon - 1, 1))
    const daysInMonth = new Date(Date.UTC(year, mon, 0)).getUTCDate()
    const lead = (first.getUTCDay() + 6) % 7
    const cells: Array<string | null> = [...Array(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)]
    while (cells.length % 7) cells.push(null)
    const weeks: Array<Array<string | null>> = []
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
    const count = [...byDay.values()].reduce((n, l) => n + l.length, 0)
    const title = `Sitzungen im ${formatMonth(month)}${orgSuffix}`
    const body = h`<h1>${title}</h1>
${viewTabs('monat')}
${filterForm(h`<input type="hidden" name="ansicht" value="monat"><input type="hidden" name="monat" value="${month}">`)}
<nav aria-label="Monate"><ul class="pager">
<li><a href="${portalPaths.meetings()}${query({ ansicht: 'monat', monat: shift(-1), gremium: org?.id })}">← ${formatMonth(shift(-1))}</a></li>
<li><a href="${portalPaths.meetings()}${query({ ansicht: 'monat', monat: shift(1), gremium: org?.id })}">${formatMonth(shift(1))} →</a></li>
</ul></nav>
<p>${count === 0 ? 'In diesem Monat sind keine Sitzungen veröffentlicht.' : count === 1 ? '1 Sitzung in diesem Monat.' : `${count} Sitzungen in diesem Monat.`}</p>
${
  count
    ? h`<ul class="plain month-list">${[...byDay.keys()].sort().map(
        (day) => h`<li><strong>${formatWeekdayDay(day)}</strong>${byDay.get(day)!.map(
          (m) => h`<br><a href="${portalPaths.meeting(m.id)}">${formatTime(m.start)} Uhr ${m.organizationShortName || m.organizationName}</a>${m.state === 'cancelled' ? ' (abgesagt)' : ''}`,
        )}</li>`,
      )}</ul>`
    : ''
}
${tableRegion(
  `Sitzungen im ${formatMonth(month)}`,
  h`<table class="month">
<caption>Sitzungen im ${formatMonth(month)}</caption>
<thead><tr>${WEEKDAYS.map((d, i) => h`<th scope="col"><abbr title="${d}">${WEEKDAY_SHORT[i]}</abbr></th>`)}</tr></thead>
<tbody>${weeks.map(
    (week) =>
      h`<tr>${week.map((day) =>
        day
          ? h`<td${day === view.today ? h` class="today" aria-current="date"` : ''}><span class="day"><span aria-hidden="true">${Number(day.slice(8))}</span><span class="visually-hidden">${formatWeekdayDay(day)}</span></span>${
              byDay.has(day)
                ? h`<ul>${byDay.get(day)!.map(
                    (m) => h`<li><a href="${portalPaths.meeting(m.id)}">${formatTime(m.start)} ${m.organizationShortName || m.organizationName}</a>${m.state === 'cancelled' ? ' (abgesagt)' : ''}</li>`,
                  )}</ul>`
                : ''
            }</td>`
          : h`<td class="out"></td>`,
      )}</tr>`,
  )}</tbody>
</table>`,
  'month-grid',
)}
${ics}`
    return { title, breadcrumb: [{ label: 'Sitzungen', href: portalPaths.meetings() }], section: 'meetings', body }
  }

  const time = req.query('zeit') ?? 'kommend'
  if (time !== 'kommend' && time !== 'vergangen') throw badRequest('Ungültiger Zeitraum', 'Der Zeitraum ist „kommend“ oder „vergangen“.')
  const page = pageParam(req.query('seite'))
  const list = time === 'kommend' ? meetings.filter((m) => berlinDate(m.start) >= view.today) : meetings.filter((m) => berlinDate(m.start) < view.today).reverse()
  const { items, pages } = paginate(list, page, PAGE_SIZE)
  const heading = time === 'kommend' ? 'Kommende Sitzungen' : 'Vergangene Sitzungen'
  const title = `${time === 'kommend' ? 'Sitzungskalender' : 'Vergangene Sitzungen'}${orgSuffix}${page > 1 ? `, Seite ${page}` : ''}`
  const body = h`<h1>${time === 'kommend' ? 'Sitzungskalender' : 'Vergangene Sitzungen'}${orgSuffix}</h1>
${viewTabs('liste')}
${filterForm(time === 'vergangen' ? h`<input type="hidden" name="zeit" value="vergangen">` : h``)}
<ul class="tabs" aria-label="Zeitraum">
<li><a href="${portalPaths.meetings()}${query({ gremium: org?.id })}"${time === 'kommend' ? h` aria-current="page"` : ''}>Kommende Sitzungen</a></li>
<li><a href="${portalPaths.meetings()}${query({ zeit: 'vergangen', gremium: org?.id })}"${time === 'vergangen' ? h` aria-current="page"` : ''}>Vergangene Sitzungen</a></li>
</ul>
<h2>${heading}</h2>
<p>${list.length === 0 ? 'Keine Sitzungen gefunden.' : list.length === 1 ? '1 Sitzung' : `${list.length} Sitzungen`}${pages > 1 ? `, Seite ${page} von ${pages}` : ''}</p>
${items.length ? h`<ul class="plain">${items.map(meetingLine)}</ul>` : ''}
${pagerNav({ page, pages, href: (p) => `${portalPaths.meetings()}${query({ zeit: time === 'vergangen' ? 'vergangen' : undefined, gremium: org?.id, seite: p > 1 ? p : undefined })}` })}
${ics}`
  return { title, breadcrumb: [], section: 'meetings', body }
}

// ------------------------------------------------------------------------------------------------

function meetingOf(view: PortalView, id: string): PublicMeeting {
  const meeting = view.data.reader.get('meeting', id)
  if (!meeting) throw notFound('Sitzung nicht gefunden', 'Diese Sitzung gibt es nicht oder sie ist (noch) nicht veröffentlicht.')
  return meeting
}

/** everything the meeting ZIP holds: meeting documents first, then item files */
export function meetingDocuments(
  data: PortalData,
  meeting: PublicMeeting,
): { meetingFiles: Array<{ label: string; zipName: string; file: PublicFileRef }>; items: Array<{ item: PublicAgendaItem; files: PublicFileRef[] }> } {
  const meetingFiles: Array<{ label: string; zipName: string; file: PublicFileRef }> = []
  if (meeting.invitation) meetingFiles.push({ label: 'Einladung', zipName: 'Einladung', file: meeting.invitation })
  for (const a of meeting.agendas) {
    const nachtrag = a.kind === 'nachtrag' ? a.releaseVersion - 1 : 0
    meetingFiles.push({
      label: nachtrag ? `Tagesordnung, Nachtrag ${nachtrag} vom ${formatShortDate(a.at)}` : `Tagesordnung vom ${formatShortDate(a.at)}`,
      zipName: nachtrag ? `Tagesordnung Nachtrag ${nachtrag}` : 'Tagesordnung',
      file: a,
    })
  }
  // further documents outside the agenda (imported protocols and auxiliary files)
  for (const f of meeting.files ?? []) meetingFiles.push({ label: f.name, zipName: f.name.replace(/\.[A-Za-z0-9]{2,5}$/, ''), file: f })
  const items = data
    .agendaItems(meeting)
    .filter((i) => i.files.length > 0)
    .map((item) => ({ item, files: item.files }))
  return { meetingFiles, items }
}

function itemRow(meeting: PublicMeeting, item: PublicAgendaItem, data: PortalData): Html {
  const paper = item.paperId ? data.reader.get('paper', item.paperId) : undefined
  const outcome = formatItemOutcome(item)
  return h`<tr${item.parentId ? h` class="sub"` : ''}>
<th scope="row" class="num">${item.number}</th>
<td><a href="${portalPaths.agendaItem(meeting.id, item.id)}">${item.title}</a>${
    item.paperReference ? h`<br><span class="muted">Vorlage ${paper ? h`<a href="${portalPaths.paper(paper.id)}">${item.paperReference}</a>` : item.paperReference}</span>` : ''
  }${item.files.length ? h`<br><span class="muted">${item.files.length === 1 ? '1 Dokument' : `${item.files.length} Dokumente`}</span>` : ''}</td>
<td>${outcome || h`<span class="muted">–</span>`}</td>
</tr>`
}

export const meetingPage: PortalPage = (view, req) => {
  const { data } = view
  const meeting = meetingOf(view, req.param('meetingId'))
  const org = data.organization(meeting.organizationId)
  const items = data.agendaItems(meeting)
  const place = formatLocation(meeting.location)
  const location = meeting.locationId ? data.reader.get('location', meeting.locationId) : undefined
  const accessibility = meeting.accessibility ?? location?.accessibility ?? null
  const docs = meetingDocuments(data, meeting)
  const fileCount = docs.meetingFiles.length + docs.items.reduce((n, i) => n + i.files.length, 0)
  const totalSize = docs.meetingFiles.reduce((n, f) => n + f.file.size, 0) + docs.items.reduce((n, i) => n + i.files.reduce((s, f) => s + f.size, 0), 0)
  const minutes = data.reader.get('minutes', meeting.id)
  const hasResults = items.some((i) => formatItemOutcome(i))

  const attendance = attendanceHtml(view, meeting)
  const body = h`<h1>${meeting.name}</h1>
${
  meeting.state === 'cancelled'
    ? h`<div class="notice alert"><p><strong>Diese Sitzung wurde abgesagt.</strong>${meeting.cancelledReason ? h` Grund: ${meeting.cancelledReason}` : ''}</p></div>`
    : ''
}
<dl class="facts">
<dt>Gremium</dt><dd>${org ? h`<a href="${portalPaths.organization(org.id)}">${meeting.organizationName}</a>` : meeting.organizationName}</dd>
<dt>Termin</dt><dd>${formatMeetingTime(meeting.start, meeting.end)}</dd>
${place ? h`<dt>Ort</dt><dd>${place}</dd>` : ''}
${accessibility ? h`<dt>Barrierefreiheit</dt><dd>${accessibility}</dd>` : ''}
<dt>Status</dt><dd>${MEETING_STATE_LABELS[meeting.state]}</dd>
</dl>
<ul class="actions">
<li><a href="${portalPaths.meetingIcs(meeting.id)}">Termin in den Kalender (iCal)</a></li>
${fileCount ? h`<li><a href="${portalPaths.meetingZip(meeting.id)}">Alle Dokumente als ZIP</a> <span class="muted">(${fileCount === 1 ? '1 Datei' : `${fileCount} Dateien`}, ${formatSize(totalSize)})</span></li>` : ''}
</ul>
<h2>Tagesordnung – öffentlicher Teil</h2>
${
  items.length
    ? tableRegion(
        'Tagesordnung',
        h`<table>
<caption>Öffentliche Tagesordnung${hasResults ? ' mit Ergebnissen' : ''}</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">Gegenstand</th><th scope="col">Ergebnis</th></tr></thead>
<tbody>${items.map((i) => itemRow(meeting, i, data))}</tbody>
</table>`,
      )
    : h`<p>Die Tagesordnung liegt noch nicht vor.</p>`
}
<h2>Dokumente</h2>
${
  fileCount === 0
    ? h`<p>Zu dieser Sitzung sind keine Dokumente veröffentlicht.</p>`
    : h`${docs.meetingFiles.length ? h`<ul>${docs.meetingFiles.map((f) => h`<li>${fileLink(f.file, f.label)}</li>`)}</ul>` : ''}
${docs.items.map(
  (entry) => h`<h3>${entry.item.number} ${entry.item.title}</h3><ul>${entry.files.map((f) => h`<li>${fileLink(f)}</li>`)}</ul>`,
)}`
}
${
  minutes
    ? h`<h2>Niederschrift</h2>
<p>${minutes.title}${minutes.approvedAt ? h` <span class="muted">(genehmigt am ${formatShortDate(minutes.approvedAt)})</span>` : ''}</p>
${minutes.sections.map((s) => h`<h3>${s.title}</h3>${richTextHtml(s.text, 4)}`)}`
    : ''
}
${attendance}`
  return {
    title: `${meeting.name} am ${formatShortDate(meeting.start)}`,
    breadcrumb: [{ label: 'Sitzungen', href: portalPaths.meetings() }],
    section: 'meetings',
    body,
  }
}

/** names of public persons, the others only counted */
function attendanceHtml(view: PortalView, meeting: PublicMeeting): Html {
  if (!meeting.attendance.length) return h``
  const groups = (['member', 'substitute', 'guest', 'staff'] as const)
    .map((kind) => {
      const entries = meeting.attendance.filter((a) => a.kind === kind)
      const named = entries.map((a) => view.data.persons.get(a.personId)).filter((p) => p !== undefined).sort((a, b) => (a.familyName ?? a.name).localeCompare(b.familyName ?? b.name, 'de'))
      return { kind, named, hidden: entries.length - named.length }
    })
    .filter((g) => g.named.length + g.hidden > 0)
  return h`<h2>Anwesenheit</h2>
${groups.map(
  (g) => h`<h3>${ATTENDANCE_LABELS[g.kind]}</h3>
<p>${g.named.map((p, i) => h`${i > 0 ? ', ' : ''}<a href="${portalPaths.person(p.id)}">${p.name}</a>`)}${
    g.hidden ? h`${g.named.length ? ' sowie ' : ''}${morePersons(g.hidden)}` : ''
  }</p>`,
)}`
}

export const agendaItemPage: PortalPage = (view, req) => {
  const { data } = view
  const meeting = meetingOf(view, req.param('meetingId'))
  const items = data.agendaItems(meeting)
  const index = items.findIndex((i) => i.id === req.param('itemId'))
  if (index < 0) throw notFound('Tagesordnungspunkt nicht gefunden', 'Diesen Tagesordnungspunkt gibt es nicht oder er ist nicht öffentlich.')
  const item = items[index]
  const paper = item.paperId ? data.reader.get('paper', item.paperId) : undefined
  const parent = item.parentId ? items.find((i) => i.id === item.parentId) : undefined
  const children = items.filter((i) => i.parentId === item.id)
  const outcome = formatItemOutcome(item)
  const prev = items[index - 1]
  const next = items[index + 1]
  const body = h`<h1>${item.number} ${item.title}</h1>
<dl class="facts">
<dt>Sitzung</dt><dd><a href="${portalPaths.meeting(meeting.id)}">${meeting.name}</a>, ${formatLongDate(meeting.start)}</dd>
<dt>Gremium</dt><dd>${meeting.organizationName}</dd>
${parent ? h`<dt>Gehört zu</dt><dd><a href="${portalPaths.agendaItem(meeting.id, parent.id)}">${parent.number} ${parent.title}</a></dd>` : ''}
${
  item.paperReference || item.paperName
    ? h`<dt>Vorlage</dt><dd>${paper ? h`<a href="${portalPaths.paper(paper.id)}">${item.paperReference ?? paper.reference}</a>` : (item.paperReference ?? '')}${item.paperName ? h` – ${item.paperName}` : ''}</dd>`
    : ''
}
${outcome ? h`<dt>Ergebnis</dt><dd>${outcome}</dd>` : ''}
</dl>
${meeting.state === 'cancelled' ? h`<div class="notice alert"><p><strong>Die Sitzung wurde abgesagt.</strong></p></div>` : ''}
${children.length ? h`<h2>Unterpunkte</h2><ul>${children.map((c) => h`<li><a href="${portalPaths.agendaItem(meeting.id, c.id)}">${c.number} ${c.title}</a></li>`)}</ul>` : ''}
${item.resolutionProposal ? h`<h2>Beschlussvorschlag</h2>${richTextHtml(item.resolutionProposal, 3)}` : ''}
${
  item.vote
    ? h`<h2>Abstimmung</h2>
${tableRegion(
  'Abstimmungsergebnis',
  h`<table><caption>Abstimmungsergebnis${item.vote.unanimous ? ' (einstimmig)' : ''}</caption>
<thead><tr><th scope="col">Ja</th><th scope="col">Nein</th><th scope="col">Enthaltungen</th></tr></thead>
<tbody><tr><td>${item.vote.yes}</td><td>${item.vote.no}</td><td>${item.vote.abstain}</td></tr></tbody></table>`,
)}`
    : ''
}
${item.resolutionText ? h`<h2>Beschluss</h2>${richTextHtml(item.resolutionText, 3)}` : ''}
<h2>Dokumente</h2>
${item.files.length ? h`<ul>${item.files.map((f) => h`<li>${fileLink(f)}</li>`)}</ul>` : h`<p>Zu diesem Tagesordnungspunkt sind keine Dokumente veröffentlicht.</p>`}
<nav aria-label="Weitere Tagesordnungspunkte"><ul class="pager">
${prev ? h`<li><a href="${portalPaths.agendaItem(meeting.id, prev.id)}" rel="prev">← ${prev.number} ${prev.title}</a></li>` : ''}
<li><a href="${portalPaths.meeting(meeting.id)}">Zur Tagesordnung</a></li>
${next ? h`<li><a href="${portalPaths.agendaItem(meeting.id, next.id)}" rel="next">${next.number} ${next.title} →</a></li>` : ''}
</ul></nav>`
  const spec: PageSpec = {
    title: `${item.number} ${item.title} – ${meeting.name} am ${formatShortDate(meeting.start)}`,
    crumbLabel: `${item.number} ${item.title}`,
    breadcrumb: [
      { label: 'Sitzungen', href: portalPaths.meetings() },
      { label: `${meeting.name} am ${formatShortDate(meeting.start)}`, href: portalPaths.meeting(meeting.id) },
    ],
    section: 'meetings',
    body,
  }
  return spec
}
