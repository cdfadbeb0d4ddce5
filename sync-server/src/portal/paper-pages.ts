/**
 * Papers (Vorlagen): the list with filters and paging, and the paper page with its sections,
 * Beratungsfolge, documents in all versions and the public resolutions with their implementation.
 */
import type { ResolutionEntry } from '@ratstisch/domain'
import type { PortalResolutions } from '../config.ts'
import type { PublicPaper } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import { formatFileFacts, formatShortDate, ROLE_LABELS } from './portal-format.ts'
import { badRequest, h, notFound, pageParam, pagerNav, paginate, query, tableRegion, type Html } from './portal-html.ts'
import type { PortalData } from './portal-data.ts'
import type { PortalPage } from './portal-view.ts'
import { richTextHtml } from './rich-text-html.ts'

const PAGE_SIZE = 25

export const papersPage: PortalPage = (view, req) => {
  const { data } = view
  const type = req.query('art') || undefined
  if (type && !data.paperTypes.includes(type)) throw badRequest('Unbekannte Vorlagenart', 'Bitte wählen Sie eine Art aus der Liste.')
  const orgId = req.query('gremium') || undefined
  const org = orgId ? data.organization(orgId) : undefined
  if (orgId && !org) throw notFound('Gremium nicht gefunden', 'Dieses Gremium gibt es nicht. Bitte wählen Sie eines aus der Liste.')
  const year = req.query('jahr') || undefined
  if (year && !/^\d{4}$/.test(year)) throw badRequest('Ungültiges Jahr', 'Bitte geben Sie das Jahr vierstellig an, zum Beispiel 2026.')
  const sort = req.query('sortierung') || 'neueste'
  if (sort !== 'neueste' && sort !== 'aelteste') throw badRequest('Ungültige Sortierung', 'Die Sortierung ist „neueste“ oder „aelteste“.')
  const page = pageParam(req.query('seite'))
  let papers = data.papers.filter((p) => (!type || p.paperType === type) && (!year || p.date.startsWith(year)) && (!org || data.organizationsByPaper.get(p.id)?.has(org.id)))
  if (sort === 'aelteste') papers = [...papers].reverse()
  const { items, pages } = paginate(papers, page, PAGE_SIZE)
  const filters = [type, org?.shortName || org?.name, year].filter(Boolean).join(', ')
  const params = { art: type, gremium: org?.id, jahr: year, sortierung: sort === 'aelteste' ? sort : undefined }
  const bodies = data.organizations.filter((o) => [...data.organizationsByPaper.values()].some((set) => set.has(o.id)))
  const body = h`<h1>Vorlagen${filters ? `: ${filters}` : ''}</h1>
<form class="filter" method="get" action="${portalPaths.papers()}">
<label>Art<select name="art"><option value="">alle Arten</option>${data.paperTypes.map((t) => h`<option value="${t}"${t === type ? h` selected` : ''}>${t}</option>`)}</select></label>
<label>Gremium<select name="gremium"><option value="">alle Gremien</option>${bodies.map((o) => h`<option value="${o.id}"${o.id === org?.id ? h` selected` : ''}>${o.name}</option>`)}</select></label>
<label>Jahr<select name="jahr"><option value="">alle Jahre</option>${data.paperYears.map((y) => h`<option value="${y}"${y === year ? h` selected` : ''}>${y}</option>`)}</select></label>
<label>Sortierung<select name="sortierung"><option value="neueste">neueste zuerst</option><option value="aelteste"${sort === 'aelteste' ? h` selected` : ''}>älteste zuerst</option></select></label>
<button type="submit">Anzeigen</button>
</form>
<p>${papers.length === 0 ? 'Keine Vorlagen gefunden.' : papers.length === 1 ? '1 Vorlage' : `${papers.length} Vorlagen`}${pages > 1 ? `, Seite ${page} von ${pages}` : ''}</p>
${
  items.length
    ? tableRegion(
        'Vorlagen',
        h`<table>
<caption>Vorlagen${filters ? ` (${filters})` : ''}</caption>
<thead><tr><th scope="col">Datum</th><th scope="col">Vorlage</th><th scope="col">Art</th><th scope="col">Federführung</th></tr></thead>
<tbody>${items.map(
          (p) => h`<tr><td class="num">${formatShortDate(p.date)}</td><td><a href="${portalPaths.paper(p.id)}">${p.reference}</a><br>${p.name}</td><td>${p.paperType}</td><td>${p.department}</td></tr>`,
        )}</tbody>
</table>`,
      )
    : ''
}
${pagerNav({ page, pages, href: (p) => `${portalPaths.papers()}${query({ ...params, seite: p > 1 ? p : undefined })}` })}
<ul class="actions"><li><a href="${portalPaths.rssPapers()}">Neue Vorlagen als RSS-Feed</a></li><li><a href="${portalPaths.atomPapers()}">als Atom-Feed</a></li></ul>`
  return { title: `Vorlagen${filters ? `: ${filters}` : ''}${sort === 'aelteste' ? ', älteste zuerst' : ''}${page > 1 ? `, Seite ${page}` : ''}`, breadcrumb: [], section: 'papers', body }
}

export const paperPage: PortalPage = (view, req) => {
  const { data } = view
  const paper = data.reader.get('paper', req.param('paperId'))
  if (!paper) throw notFound('Vorlage nicht gefunden', 'Diese Vorlage gibt es nicht oder sie ist (noch) nicht veröffentlicht.')
  const consultations = data.consultations(paper)
  const sections = paper.sections.filter((s) => s.text.trim())
  const resolutions = view.site.portalResolutions === 'off' ? [] : (data.resolutionsByPaper.get(paper.id) ?? [])
  const body = h`<h1>${paper.name}</h1>
<dl class="facts">
<dt>Vorlage</dt><dd>${paper.reference}</dd>
<dt>Art</dt><dd>${paper.paperType}</dd>
<dt>Datum</dt><dd>${formatShortDate(paper.date)}</dd>
<dt>Federführung</dt><dd>${paper.department}</dd>
</dl>
${paper.summary ? h`<p class="lead">${paper.summary}</p>` : ''}
${sections.map((s) => h`<h2>${s.title}</h2>${richTextHtml(s.text, 3)}`)}
<h2>Beratungsfolge</h2>
${
  consultations.length
    ? tableRegion(
        'Beratungsfolge',
        h`<table>
<caption>Beratungsfolge mit Ergebnissen</caption>
<thead><tr><th scope="col">Gremium</th><th scope="col">Rolle</th><th scope="col">Sitzung</th><th scope="col">Ergebnis</th></tr></thead>
<tbody>${consultations.map((c) => {
          const meeting = c.meetingId ? data.reader.get('meeting', c.meetingId) : undefined
          const item = c.agendaItemId && meeting ? data.reader.get('agenda-item', c.agendaItemId) : undefined
          const org = data.organization(c.organizationId)
          return h`<tr>
<th scope="row">${org ? h`<a href="${portalPaths.organization(org.id)}">${c.organizationName}</a>` : c.organizationName}</th>
<td>${ROLE_LABELS[c.role] ?? c.role}</td>
<td>${meeting ? h`<a href="${portalPaths.meeting(meeting.id)}">${meeting.name}</a><br>${formatShortDate(meeting.start)}${meeting.state === 'cancelled' ? ' (abgesagt)' : ''}` : h`<span class="muted">noch nicht terminiert</span>`}</td>
<td>${c.result ? h`${c.result}${c.resultAt ? ` am ${formatShortDate(c.resultAt)}` : ''}` : h`<span class="muted">offen</span>`}${
            item ? h`<br><a href="${portalPaths.agendaItem(meeting!.id, item.id)}">${item.number} in dieser Sitzung</a>` : ''
          }</td>
</tr>`
        })}</tbody>
</table>`,
      )
    : h`<p>Für diese Vorlage ist keine Beratung vorgesehen.</p>`
}
<h2>Dokumente</h2>
${paper.attachments.length ? paper.attachments.map(attachmentHtml) : h`<p>Zu dieser Vorlage sind keine Dokumente veröffentlicht.</p>`}
${view.site.portalResolutions !== 'off' && resolutions.length ? resolutionsHtml(resolutions, view.site.portalResolutions, data) : ''}`
  return { title: `${paper.reference} ${paper.name}`, crumbLabel: paper.reference, breadcrumb: [{ label: 'Vorlagen', href: portalPaths.papers() }], section: 'papers', body }
}

function attachmentHtml(a: PublicPaper['attachments'][number]): Html {
  const versions = [...a.versions].sort((x, y) => y.version - x.version)
  if (!versions.length) return h``
  return h`<h3>${a.title}</h3>
<ul>${versions.map(
    (v, i) => h`<li><a href="${portalPaths.file(v.sha256, v.fileName)}">${v.name}</a> <span class="muted">(${formatFileFacts(v)})</span><br>
${i === 0 ? h`<strong>aktuelle Fassung</strong>` : 'frühere Fassung'}${versions.length > 1 ? ` ${v.version}` : ''}${v.uploadedAt ? ` vom ${formatShortDate(v.uploadedAt)}` : ''}${v.comment ? h` – ${v.comment}` : ''}</li>`,
  )}</ul>`
}

/** the public resolutions of a paper as /beschluesse shows them */
export function resolutionsHtml(list: readonly ResolutionEntry[], mode: PortalResolutions, data: PortalData): Html {
  return h`<h2>Beschlüsse und ihre Umsetzung</h2>${list.map((r) => resolutionHtml(r, mode, 3, data))}`
}

/** one public resolution; links only to what is public */
export function resolutionHtml(r: ResolutionEntry, mode: PortalResolutions, level: 2 | 3, data: PortalData): Html {
  const meeting = r.meetingId ? data.reader.get('meeting', r.meetingId) : undefined
  const paper = r.paperId ? data.reader.get('paper', r.paperId) : undefined
  const title = level === 2 ? h`<h2 id="b-${r.id}">${r.title}</h2>` : h`<h3 id="b-${r.id}">${r.title}</h3>`
  return h`<article class="resolution" aria-labelledby="b-${r.id}">
${title}
<p>${r.organizationName} · ${formatShortDate(r.decidedOn)}${meeting ? h` · <a href="${portalPaths.meeting(meeting.id)}">${meeting.name}</a>` : ''}${r.itemNumber ? h` · ${r.itemNumber}` : ''}${
    r.paperReference ? h` · Vorlage ${paper ? h`<a href="${portalPaths.paper(paper.id)}">${r.paperReference}</a>` : r.paperReference}` : ''
  }</p>
<p>${r.text}</p>
<p>Umsetzung: <span class="status">${r.status}</span>${r.ownerDepartmentName ? h` · zuständig: ${r.ownerDepartmentName}` : ''}${r.dueDate ? h` · Frist: ${formatShortDate(r.dueDate)}` : ''}</p>
${
  mode === 'reports' && r.reports.length
    ? h`<details><summary>Sachstand (${r.reports.length})</summary><ul>${r.reports.map((rep) => h`<li>${formatShortDate(rep.at)} – ${rep.status}: ${rep.text}</li>`)}</ul></details>`
    : ''
}
</article>`
}
