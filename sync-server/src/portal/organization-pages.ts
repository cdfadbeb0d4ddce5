/**
 * Bodies (Gremien), factions (Fraktionen), the organization page with its current members and
 * meetings, and the person page. Persons appear only with their consent (the public model holds no
 * other); members without consent are counted, never named.
 */
import { portalPaths } from '../public/public-urls.ts'
import type { PublicMembership, PublicOrganization, PublicPerson } from '../public/public-model.ts'
import { berlinDate, formatMeetingTime, formatShortDate, MEETING_STATE_LABELS } from './portal-format.ts'
import { h, notFound, query, tableRegion, type Html } from './portal-html.ts'
import { isCurrent, type PortalData } from './portal-data.ts'
import type { PortalPage } from './portal-view.ts'

const ROLE_ORDER = ['Vorsitz', 'Vorsitzende', 'Vorsitzender', 'stellv. Vorsitz', 'Stellvertretender Vorsitz', 'Fraktionsvorsitz']
const roleRank = (role: string) => {
  const i = ROLE_ORDER.findIndex((r) => role.toLowerCase().startsWith(r.toLowerCase()))
  return i < 0 ? ROLE_ORDER.length : i
}
const byFamilyName = (a: PublicPerson, b: PublicPerson) => (a.familyName ?? a.name).localeCompare(b.familyName ?? b.name, 'de') || a.name.localeCompare(b.name, 'de')

function currentMembers(data: PortalData, org: PublicOrganization, today: string): Array<{ membership: PublicMembership; person: PublicPerson }> {
  return (data.membershipsByOrganization.get(org.id) ?? [])
    .filter((m) => isCurrent(m, today))
    .map((membership) => ({ membership, person: data.persons.get(membership.personId) }))
    .filter((e): e is { membership: PublicMembership; person: PublicPerson } => e.person !== undefined)
    .sort((a, b) => roleRank(a.membership.role) - roleRank(b.membership.role) || byFamilyName(a.person, b.person))
}

const memberCount = (n: number) => (n === 1 ? '1 Mitglied' : `${n} Mitglieder`)

function organizationList(data: PortalData, type: PublicOrganization['organizationType'], today: string): Html {
  const orgs = data.organizations.filter((o) => o.organizationType === type && (!o.endDate || o.endDate >= today))
  if (!orgs.length) return h`<p>Keine ${type === 'Fraktion' ? 'Fraktionen' : 'Gremien'} veröffentlicht.</p>`
  const groups = new Map<string, PublicOrganization[]>()
  for (const o of orgs) groups.set(o.classification || type, [...(groups.get(o.classification || type) ?? []), o])
  const list = (items: PublicOrganization[]) =>
    h`<ul class="plain">${items.map((o) => {
      const members = currentMembers(data, o, today).length + o.membersWithoutConsent
      const next = (data.meetingsByOrganization.get(o.id) ?? []).find((m) => berlinDate(m.start) >= today && m.state !== 'cancelled')
      return h`<li><strong><a href="${portalPaths.organization(o.id)}">${o.name}</a></strong>${members ? h` <span class="muted">(${memberCount(members)})</span>` : ''}${
        next ? h`<br>Nächste Sitzung: <a href="${portalPaths.meeting(next.id)}">${formatShortDate(next.start)}</a>` : ''
      }</li>`
    })}</ul>`
  if (groups.size === 1) return list(orgs)
  return h`${[...groups].map(([classification, items]) => h`<h2>${classification}</h2>${list(items)}`)}`
}

export const organizationsPage: PortalPage = (view) => ({
  title: 'Gremien',
  breadcrumb: [],
  section: 'organizations',
  body: h`<h1>Gremien</h1>
<p>Rat, Ausschüsse und Ortschaftsräte mit ihren Mitgliedern und Sitzungen.</p>
${organizationList(view.data, 'Gremium', view.today)}`,
})

export const factionsPage: PortalPage = (view) => ({
  title: 'Fraktionen',
  breadcrumb: [],
  section: 'factions',
  body: h`<h1>Fraktionen</h1>
${organizationList(view.data, 'Fraktion', view.today)}`,
})

export const organizationPage: PortalPage = (view, req) => {
  const { data, today } = view
  const org = data.organization(req.param('organizationId'))
  if (!org) throw notFound('Gremium nicht gefunden', 'Dieses Gremium gibt es nicht oder es ist nicht veröffentlicht.')
  const isFaction = org.organizationType === 'Fraktion'
  const members = currentMembers(data, org, today)
  const meetings = data.meetingsByOrganization.get(org.id) ?? []
  const upcoming = meetings.filter((m) => berlinDate(m.start) >= today).slice(0, 5)
  const recent = meetings
    .filter((m) => berlinDate(m.start) < today)
    .slice(-5)
    .reverse()
  const hidden = org.membersWithoutConsent
  const meetingList = (list: typeof meetings) =>
    h`<ul class="plain">${list.map(
      (m) => h`<li><a href="${portalPaths.meeting(m.id)}">${m.name}</a><br>${formatMeetingTime(m.start, m.end)}${m.state === 'cancelled' ? h` · <strong>abgesagt</strong>` : m.state === 'held' ? ` · ${MEETING_STATE_LABELS.held}` : ''}</li>`,
    )}</ul>`
  const faction = (m: PublicMembership) => (m.onBehalfOfId ? data.organization(m.onBehalfOfId) : undefined)
  const body = h`<h1>${org.name}</h1>
<dl class="facts">
<dt>Art</dt><dd>${org.classification || org.organizationType}</dd>
${org.startDate ? h`<dt>Seit</dt><dd>${formatShortDate(org.startDate)}</dd>` : ''}
${org.endDate ? h`<dt>Bis</dt><dd>${formatShortDate(org.endDate)}</dd>` : ''}
</dl>
<h2>Mitglieder</h2>
${
  members.length
    ? tableRegion(
        'Mitglieder',
        h`<table>
<caption>Aktuelle Mitglieder (${memberCount(members.length + hidden)})</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Rolle</th>${isFaction ? '' : h`<th scope="col">Fraktion</th>`}</tr></thead>
<tbody>${members.map(({ membership, person }) => {
          const f = faction(membership)
          return h`<tr><th scope="row"><a href="${portalPaths.person(person.id)}">${person.name}</a></th><td>${membership.role}${membership.votingRight ? '' : ' (beratend)'}</td>${
            isFaction ? '' : h`<td>${f ? h`<a href="${portalPaths.organization(f.id)}">${f.shortName || f.name}</a>` : h`<span class="muted">–</span>`}</td>`
          }</tr>`
        })}</tbody>
</table>`,
      )
    : ''
}
${hidden ? h`<p>${members.length ? 'Sowie ' : ''}${hidden === 1 ? '1 weiteres Mitglied' : `${hidden} weitere Mitglieder`}, die einer Veröffentlichung ihres Namens nicht zugestimmt haben.</p>` : ''}
${!members.length && !hidden ? h`<p>Keine Mitglieder veröffentlicht.</p>` : ''}
${
  meetings.length
    ? h`<h2>Kommende Sitzungen</h2>
${upcoming.length ? meetingList(upcoming) : h`<p>Derzeit sind keine Sitzungen veröffentlicht.</p>`}
<h2>Letzte Sitzungen</h2>
${recent.length ? meetingList(recent) : h`<p>Noch keine Sitzungen.</p>`}
<ul class="actions">
<li><a href="${portalPaths.meetings()}${query({ gremium: org.id })}">Alle Sitzungen dieses Gremiums</a></li>
<li><a href="${portalPaths.icsOrganization(org.id)}">Sitzungen abonnieren (iCal)</a></li>
</ul>`
    : ''
}`
  return {
    title: org.name,
    breadcrumb: [isFaction ? { label: 'Fraktionen', href: portalPaths.factions() } : { label: 'Gremien', href: portalPaths.organizations() }],
    section: isFaction ? 'factions' : 'organizations',
    body,
  }
}

export const personPage: PortalPage = (view, req) => {
  const { data, today } = view
  const person = data.persons.get(req.param('personId'))
  if (!person) throw notFound('Person nicht gefunden', 'Zu dieser Person sind keine Angaben veröffentlicht.')
  const memberships = (data.membershipsByPerson.get(person.id) ?? [])
    .map((m) => ({ m, org: data.organization(m.organizationId) }))
    .filter((e): e is { m: PublicMembership; org: PublicOrganization } => e.org !== undefined)
  const current = memberships.filter((e) => isCurrent(e.m, today)).sort((a, b) => a.org.name.localeCompare(b.org.name, 'de'))
  const past = memberships.filter((e) => !isCurrent(e.m, today) && (!e.m.startDate || e.m.startDate <= today))
  const fullName = [person.title, person.name].filter(Boolean).join(' ')
  const row = ({ m, org }: { m: PublicMembership; org: PublicOrganization }) =>
    h`<tr><th scope="row"><a href="${portalPaths.organization(org.id)}">${org.name}</a></th><td>${m.role}</td><td>${m.startDate ? formatShortDate(m.startDate) : '–'}${m.endDate ? ` bis ${formatShortDate(m.endDate)}` : ''}</td></tr>`
  const table = (caption: string, rows: typeof memberships) =>
    tableRegion(caption, h`<table><caption>${caption}</caption><thead><tr><th scope="col">Gremium</th><th scope="col">Rolle</th><th scope="col">Zeitraum</th></tr></thead><tbody>${rows.map(row)}</tbody></table>`)
  const body = h`<h1>${fullName}</h1>
${person.portraitSha256 ? h`<p><img class="portrait" src="${portalPaths.portrait(person.id)}" alt="Porträt von ${person.name}" width="192"></p>` : ''}
<h2>Mitgliedschaften</h2>
${current.length ? table('Aktuelle Mitgliedschaften', current) : h`<p>Derzeit keine Mitgliedschaften.</p>`}
${past.length ? table('Frühere Mitgliedschaften', past) : ''}`
  return { title: fullName, breadcrumb: [{ label: 'Gremien', href: portalPaths.organizations() }], section: 'organizations', body }
}
