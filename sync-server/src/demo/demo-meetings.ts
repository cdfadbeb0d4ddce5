/**
 * Meeting details of the demo town: the places (relay table `locations`, with accessibility
 * information) and each meeting's roster and chair from the demo memberships.
 */
import type { MeetingLocation, RosterEntry } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'
import { TOWN_ADDRESS, type DemoMeeting, type DemoTown } from './demo-town.ts'

const TOWN_HALL_ACCESS =
  'Stufenloser Zugang über den Seiteneingang am Marktplatz, Aufzug zu allen Etagen, barrierefreies WC im Erdgeschoss.'

/** The places of the demo town; village halls are added per Ortschaftsrat. */
export const DEMO_LOCATIONS: MeetingLocation[] = [
  {
    id: 'loc-ratssaal',
    description: 'Rathaus Musterstadt, Ratssaal',
    room: 'Ratssaal',
    ...TOWN_ADDRESS,
    accessibility: `${TOWN_HALL_ACCESS} Induktive Höranlage im Ratssaal; Plätze für Rollstuhlnutzende in der ersten Reihe des Zuschauerbereichs.`,
  },
  {
    id: 'loc-sitzungsraum-214',
    description: 'Rathaus Musterstadt, Sitzungsraum 2.14',
    room: 'Sitzungsraum 2.14',
    ...TOWN_ADDRESS,
    accessibility: `${TOWN_HALL_ACCESS} Keine Höranlage – eine mobile Anlage bitte bis zwei Tage vorher beim Sitzungsdienst anfragen.`,
  },
  {
    id: 'loc-buergerhaus-musterdorf',
    description: 'Bürgerhaus Musterdorf',
    room: 'Großer Saal',
    streetAddress: 'Am Anger 3',
    postalCode: TOWN_ADDRESS.postalCode,
    locality: 'Musterstadt OT Musterdorf',
    accessibility: 'Ebenerdiger Eingang, barrierefreies WC; Parkplatz für Menschen mit Behinderung direkt vor dem Haus.',
  },
]

const slug = (s: string) =>
  s
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/**
 * Writes the places into `locations` and returns a lookup from a meeting's place to the location
 * (matched by description; village halls of the Ortschaftsräte become locations as they appear).
 */
export function seedDemoLocations(db: RelayDatabase, town: DemoTown): (location: DemoMeeting['location']) => MeetingLocation | undefined {
  const byDescription = new Map<string, MeetingLocation>(DEMO_LOCATIONS.map((l) => [l.description, l]))
  for (const meeting of town.meetings) {
    const l = meeting.location
    if (byDescription.has(l.description)) continue
    byDescription.set(l.description, {
      id: `loc-${slug(l.description)}`,
      ...l,
      accessibility: 'Ebenerdiger Zugang zum Saal, barrierefreies WC.',
    })
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO locations (id, description, room, street_address, postal_code, locality, accessibility, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  )
  const now = new Date().toISOString()
  for (const l of byDescription.values()) insert.run(l.id, l.description, l.room ?? null, l.streetAddress ?? null, l.postalCode ?? null, l.locality ?? null, l.accessibility ?? null, now)
  return (location) => byDescription.get(location.description)
}

/** The body's seats on the meeting day (snapshot) and the chair (membership role "Vorsitz"). */
export function demoRoster(town: DemoTown, meeting: Pick<DemoMeeting, 'organizationId' | 'start'>): { roster: RosterEntry[]; chair?: { personId: string; name: string } } {
  const day = meeting.start.slice(0, 10)
  const persons = new Map(town.persons.map((p) => [p.id, p.name]))
  const orgs = new Map(town.organizations.map((o) => [o.id, o.name]))
  const roster: RosterEntry[] = []
  for (const m of town.memberships) {
    if (m.organizationId !== meeting.organizationId || m.startDate > day || (m.endDate && m.endDate < day)) continue
    if (roster.some((e) => e.personId === m.personId)) continue
    const entry: RosterEntry = { personId: m.personId, name: persons.get(m.personId) ?? m.personId, role: m.role, votingRight: m.votingRight }
    const faction = m.onBehalfOf ? orgs.get(m.onBehalfOf) : undefined
    if (faction) entry.factionName = faction
    roster.push(entry)
  }
  roster.sort((a, b) => a.name.localeCompare(b.name, 'de'))
  const chair = roster.find((e) => e.role === 'Vorsitz')
  return { roster, chair: chair ? { personId: chair.personId, name: chair.name } : undefined }
}
