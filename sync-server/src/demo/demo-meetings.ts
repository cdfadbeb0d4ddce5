/**
 * Meeting details of the demo town: the places (relay table `locations`, with accessibility
 * information), each meeting's roster and chair from the demo memberships, and what the held
 * meetings recorded live (attendance, votes, results).
 */
import {
  presentAt,
  quorumFor,
  voteOutcome,
  type AgendaItem,
  type AttendanceEntry,
  type BodySettings,
  type ConsultationResult,
  type LiveState,
  type MeetingLocation,
  type RosterEntry,
  type VoteRecord,
} from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'
import { TOWN_ADDRESS, type DemoAgendaItem, type DemoMeeting, type DemoTown } from './demo-town.ts'

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

/** Small deterministic random stream per meeting (FNV-1a of the label, then mulberry32). */
function streamOf(label: string): { next(): number; int(min: number, max: number): number; chance(p: number): boolean } {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  let state = h >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)), chance: (p) => next() < p }
}

/** The live fields of one agenda item. */
export type DemoItemOutcome = Pick<AgendaItem, 'status' | 'vote' | 'result' | 'resolutionText' | 'recusals' | 'minutesNote'>

/** What a held demo meeting recorded live: attendance, the closing times and each item's outcome. */
export interface DemoMeetingOutcome {
  attendance: AttendanceEntry[]
  live: LiveState
  minuteTaker: string
  /** item id -> the live fields of the agenda item */
  items: Map<string, DemoItemOutcome>
}

/**
 * The record of a held meeting as the clerk would have kept it in the live meeting: one or two
 * members excused, sometimes one arriving late and one leaving early; every item treated; papers
 * with the result their Beratungsfolge already carries (`resultOf`, from the seeder's consultations),
 * votes counted over the members present at that moment (quorumFor, so the counts always match the
 * roster and the attendance), now and then a § 33 recusal on a non-public matter. The wording of a
 * resolution is the item's Beschlussvorschlag.
 */
export function demoMeetingOutcome(input: {
  meeting: DemoMeeting
  organizationName: string
  roster: readonly RosterEntry[]
  chair?: { personId: string; name: string }
  settings: BodySettings
  minuteTaker: string
  /** the consultation result of the item's paper in this meeting, if any */
  resultOf: (item: DemoAgendaItem) => ConsultationResult | undefined
  paperReference: (item: DemoAgendaItem) => string | undefined
}): DemoMeetingOutcome {
  const { meeting, roster, settings } = input
  const rng = streamOf(`outcome|${meeting.id}`)
  const start = Date.parse(meeting.start)
  const end = Date.parse(meeting.end)
  const items = [...meeting.items].sort((a, b) => a.order - b.order)
  const slot = (end - start) / Math.max(1, items.length)
  const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString()
  const timeOf = (index: number, fraction: number) => start + slot * (index + fraction)

  // --- attendance: who was excused, who came late, who left early ---
  const seats = roster.filter((r) => r.votingRight && !r.substituteForPersonId)
  const required = quorumFor({ roster, attendance: [], at: meeting.start, settings }).required
  const spare = seats.length - required
  const candidates = seats.filter((s) => s.personId !== input.chair?.personId)
  const pickOne = (exclude: ReadonlySet<string>) => {
    const free = candidates.filter((c) => !exclude.has(c.personId))
    return free.length ? free[Math.floor(rng.next() * free.length)] : undefined
  }
  const excused = new Set<string>()
  const absentCount = Math.min(rng.int(0, 2), Math.max(0, spare - 2))
  for (let i = 0; i < absentCount; i++) {
    const p = pickOne(excused)
    if (p) excused.add(p.personId)
  }
  const late = spare - excused.size >= 2 && rng.chance(0.5) ? pickOne(excused) : undefined
  const taken = new Set([...excused, ...(late ? [late.personId] : [])])
  const early = spare - taken.size >= 2 && items.length > 6 && rng.chance(0.5) ? pickOne(taken) : undefined
  const arrivedLate = iso(timeOf(rng.int(1, 3), 0.4))
  const leftEarly = iso(timeOf(items.length - rng.int(2, 3), 0.2))
  const attendance: AttendanceEntry[] = roster.map((r) => {
    const entry: AttendanceEntry = { personId: r.personId, name: r.name, kind: r.substituteForPersonId ? 'substitute' : 'member', votingRight: r.votingRight, periods: [] }
    if (r.substituteForPersonId) entry.substituteForPersonId = r.substituteForPersonId
    if (excused.has(r.personId)) entry.note = 'entschuldigt'
    else entry.periods.push({ arrived: r.personId === late?.personId ? arrivedLate : meeting.start, ...(r.personId === early?.personId ? { left: leftEarly } : {}) })
    return entry
  })

  // --- items ---
  const outcomes: DemoMeetingOutcome['items'] = new Map()
  const confidentialFrom = items.findIndex((i) => !i.public)
  items.forEach((item, index) => {
    const at = iso(timeOf(index, 0.7))
    const outcome: DemoItemOutcome = { status: 'behandelt' }
    outcomes.set(item.id, outcome)
    if (item.title.startsWith('Feststellung der ordnungsgemäßen Ladung')) {
      const q = quorumFor({ roster, attendance, at, settings })
      outcome.minutesNote = `Die Sitzung wurde ordnungsgemäß einberufen. Anwesend sind ${q.presentVoting} von ${q.votingSeats} stimmberechtigten Mitgliedern; das Gremium ist beschlussfähig.`
      return
    }
    const result = input.resultOf(item)
    if (!result) return
    if (result === 'zur Kenntnis genommen') {
      outcome.result = 'zur Kenntnis genommen'
      return
    }
    // beschlossen: a vote that carried
    if (!item.public && rng.chance(0.2)) {
      const present = presentAt(attendance, at).filter((a) => a.votingRight && a.personId !== input.chair?.personId)
      const who = present.length ? present[Math.floor(rng.next() * present.length)] : undefined
      if (who) outcome.recusals = [{ personId: who.personId, name: who.name, reason: 'persönliche Beteiligung (§ 33 KVG LSA)', at: iso(timeOf(index, 0.1)) }]
    }
    const q = quorumFor({ roster, attendance, recusals: outcome.recusals, at, settings })
    const voters = q.presentVoting
    let vote: VoteRecord = { mode: 'unanimous', yes: voters, no: 0, abstain: 0, at }
    if (rng.chance(0.45) && voters >= 4) {
      const no = rng.int(0, Math.floor((voters - 1) / 3))
      const abstain = rng.int(no === 0 ? 1 : 0, Math.min(2, voters - 2 * no - 1))
      const counted: VoteRecord = { mode: 'counts', yes: voters - no - abstain, no, abstain, at }
      if (voteOutcome(counted, settings, q, input.chair?.personId).result === 'angenommen') vote = counted
    }
    outcome.vote = vote
    outcome.result = 'angenommen'
    const reference = input.paperReference(item)
    outcome.resolutionText = item.resolutionProposal ?? `Der ${input.organizationName} stimmt der Vorlage${reference ? ` ${reference}` : ''} zu.`
  })
  const live: LiveState = { startedAt: meeting.start, endedAt: meeting.end }
  if (confidentialFrom > 0) live.publicEndedAt = iso(timeOf(confidentialFrom, 0))
  return { attendance, live, minuteTaker: input.minuteTaker, items: outcomes }
}
