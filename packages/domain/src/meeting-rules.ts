/**
 * Rules of the meeting service (docs/MEETINGS.md): standard items, agenda order and numbering,
 * Ladungsfrist, series, conflicts, attendance, quorum and majorities. Plain functions over plain
 * data; the relay and the app both call them, so a clerk offline sees what the relay will decide.
 *
 * Dates: meetings happen in Europe/Berlin. Calendar arithmetic (days before a meeting, the nth
 * weekday of a month) works on Berlin calendar dates; offsets come from Intl for the day in
 * question, so a series crossing the DST change keeps its local time ("17:00" stays 17:00).
 */
import type { AgendaItem } from './documents.ts'
import type {
  AttendanceEntry,
  MeetingConflict,
  Recusal,
  RosterEntry,
  SeriesRule,
  StandardItemTemplate,
  VoteChoice,
  VoteRecord,
} from './meetings.ts'
import { agendaNumber } from './agenda-number.ts'
import type { BodySettings } from './structure.ts'

export const TOWN_TIME_ZONE = 'Europe/Berlin'

// ---------------------------------------------------------------------------------------------
// Standard items (Regel-TOPs)
// ---------------------------------------------------------------------------------------------

/**
 * The typical order of a council session in Saxony-Anhalt (DOMAIN.md "Meetings"): opening and
 * formalities first, reports and questions after the papers, then the non-public part with its own
 * approval of minutes and closing. Bodies replace it with `settings.standardItems`.
 */
export const DEFAULT_STANDARD_ITEMS: readonly StandardItemTemplate[] = Object.freeze(([
  { key: 'opening', title: 'Eröffnung und Begrüßung', public: true, position: 'start' },
  { key: 'quorum', title: 'Feststellung der ordnungsgemäßen Ladung und der Beschlussfähigkeit', public: true, position: 'start' },
  { key: 'residents-questions', title: 'Einwohnerfragestunde', public: true, position: 'start' },
  { key: 'agenda', title: 'Feststellung der Tagesordnung', public: true, position: 'start' },
  { key: 'minutes', title: 'Genehmigung der Niederschrift der letzten Sitzung', public: true, position: 'start' },
  { key: 'report', title: 'Bericht des Bürgermeisters / Mitteilungen der Verwaltung', public: true, position: 'start' },
  { key: 'questions', title: 'Anfragen und Anregungen', public: true, position: 'end' },
  { key: 'close-public', title: 'Schließung des öffentlichen Teils', public: true, position: 'end' },
  { key: 'minutes-confidential', title: 'Genehmigung der Niederschrift (nichtöffentlicher Teil)', public: false, position: 'start' },
  { key: 'questions-confidential', title: 'Anfragen', public: false, position: 'end' },
  { key: 'close', title: 'Schließung der Sitzung', public: false, position: 'end' },
] satisfies StandardItemTemplate[]).map((t) => Object.freeze(t)))

/** The body's template, or the default when the body has none (an empty list means: no standard items). */
export function standardItemsFor(settings: BodySettings): StandardItemTemplate[] {
  return (settings.standardItems ?? DEFAULT_STANDARD_ITEMS).map((t) => ({ ...t }))
}

/** `order` of end items: far above anything a start item or a paper gets, so papers go in between. */
const END_ORDER_BASE = 1000

/**
 * New agenda items from the template, split by part (each part lives in its own document). Start
 * items get orders 1, 2 …, end items 1000, 1001 … so papers added later fit between them without
 * touching the standard items. Numbers are left empty for `renumberAgenda`.
 */
export function agendaItemsFromTemplate(template: readonly StandardItemTemplate[], newId: () => string): { public: AgendaItem[]; confidential: AgendaItem[] } {
  const parts = { public: [] as AgendaItem[], confidential: [] as AgendaItem[] }
  for (const isPublic of [true, false]) {
    const own = template.filter((t) => t.public === isPublic)
    const ordered = [...own.filter((t) => t.position === 'start'), ...own.filter((t) => t.position === 'end')]
    let start = 0
    let end = 0
    for (const t of ordered) {
      parts[isPublic ? 'public' : 'confidential'].push({
        id: newId(),
        number: '',
        order: t.position === 'start' ? ++start : END_ORDER_BASE + end++,
        title: t.title,
        public: isPublic,
        files: [],
        kind: 'standard',
        standardKey: t.key,
      })
    }
  }
  return parts
}

// ---------------------------------------------------------------------------------------------
// Agenda order and numbers
// ---------------------------------------------------------------------------------------------

const byOrder = (a: AgendaItem, b: AgendaItem): number => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Items in display order: top-level items by `order`, each followed by its sub-items by `order`.
 * Sub-items whose parent is missing (e.g. moved to the other part) are shown as top-level items
 * rather than hidden — a lost item on an agenda is worse than a wrongly indented one.
 */
export function orderedAgenda(items: readonly AgendaItem[]): AgendaItem[] {
  const ids = new Set(items.map((i) => i.id))
  const isTop = (i: AgendaItem) => !i.parentId || !ids.has(i.parentId) || i.parentId === i.id
  const children = new Map<string, AgendaItem[]>()
  for (const item of items) {
    if (isTop(item)) continue
    const list = children.get(item.parentId!) ?? []
    list.push(item)
    children.set(item.parentId!, list)
  }
  const result: AgendaItem[] = []
  for (const top of items.filter(isTop).sort(byOrder)) {
    result.push(top)
    // one level only: a grandchild is listed under its parent's parent (validation refuses them anyway)
    for (const child of (children.get(top.id) ?? []).sort(byOrder)) {
      result.push(child)
      for (const grandchild of (children.get(child.id) ?? []).sort(byOrder)) result.push(grandchild)
    }
  }
  return result
}

/** Display numbers of both parts ("Ö 1", "Ö 1.1", "N 1"): id -> number. Each part counts on its own. */
export function renumberAgenda(publicItems: readonly AgendaItem[], confidentialItems: readonly AgendaItem[]): Map<string, string> {
  const numbers = new Map<string, string>()
  for (const [isPublic, items] of [[true, publicItems], [false, confidentialItems]] as const) {
    const ids = new Set(items.map((i) => i.id))
    let top = 0
    let sub = 0
    for (const item of orderedAgenda(items)) {
      const isSub = !!item.parentId && ids.has(item.parentId) && item.parentId !== item.id
      if (!isSub || top === 0) {
        top++
        sub = 0
        numbers.set(item.id, agendaNumber(isPublic, top))
      } else {
        numbers.set(item.id, agendaNumber(isPublic, top, ++sub))
      }
    }
  }
  return numbers
}

// ---------------------------------------------------------------------------------------------
// Europe/Berlin calendar helpers (Intl only: no date library needed for one fixed zone)
// ---------------------------------------------------------------------------------------------

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TOWN_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function localTimeOf(ms: number): LocalTime {
  const p: Record<string, number> = {}
  for (const part of berlinParts.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second }
}

/** Offset of Berlin local time against UTC in minutes at the instant `ms` (+60 winter, +120 summer). */
export function berlinOffsetMinutes(ms: number): number {
  const l = localTimeOf(ms)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

/** The instant of a Berlin wall-clock time (times in the DST gap or overlap resolve to one of the candidates). */
function instantOfLocal(year: number, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  let guess = wall - berlinOffsetMinutes(wall) * 60_000
  const second = wall - berlinOffsetMinutes(guess) * 60_000
  if (second !== guess) guess = Math.min(guess, second)
  return guess
}

const pad = (n: number, len = 2) => String(Math.abs(n)).padStart(len, '0')

/** ISO 8601 with the Berlin offset of that instant: "2027-03-25T17:00:00+01:00". */
export function berlinIso(ms: number): string {
  const l = localTimeOf(ms)
  const off = berlinOffsetMinutes(ms)
  const sign = off < 0 ? '-' : '+'
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
}

/** Berlin calendar date ("2026-03-12") of an ISO date-time; a plain ISO date is taken as it is. */
export function berlinDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const l = localTimeOf(ms)
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`
}

/** Calendar days from `a` to `b` (ISO dates); independent of DST because it counts dates, not hours. */
function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number)
  const [yb, mb, db] = b.split('-').map(Number)
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000)
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------------------------
// Ladungsfrist (invitation period)
// ---------------------------------------------------------------------------------------------

export interface InvitationPeriodCheck {
  /** the regular period is kept */
  ok: boolean
  /** the shortened (urgent) period is kept */
  urgentOk: boolean
  /** calendar days from the invitation day to the meeting day (negative: invitation after the meeting) */
  daysBefore: number
  requiredDays: number
  urgentDays: number
  /** the last day (ISO date) the invitation may go out regularly */
  latestRegular: string
  /** the last day it may go out with the shortened period */
  latestUrgent: string
}

/**
 * Ladungsfrist: calendar days between the invitation day and the meeting day, both as Berlin dates
 * (the invitation day counts, the meeting day does not: a 7-day period is kept by an invitation on
 * the same weekday one week before). Counting dates instead of hours keeps a DST change in between
 * from costing or gaining a day, and a late-evening delivery counts for its day (electronic delivery
 * through the member system is receipt, DOMAIN.md).
 */
export function checkInvitationPeriod(meetingStart: string, invitationDate: string, settings: BodySettings): InvitationPeriodCheck {
  const meetingDay = berlinDate(meetingStart)
  const invitationDay = berlinDate(invitationDate)
  const requiredDays = settings.invitationPeriodDays
  const urgentDays = Math.min(settings.urgentInvitationPeriodDays, requiredDays)
  const valid = meetingDay !== '' && invitationDay !== ''
  const daysBefore = valid ? daysBetween(invitationDay, meetingDay) : Number.NEGATIVE_INFINITY
  return {
    ok: valid && daysBefore >= requiredDays && daysBefore >= 0,
    urgentOk: valid && daysBefore >= urgentDays && daysBefore >= 0,
    daysBefore,
    requiredDays,
    urgentDays,
    latestRegular: meetingDay ? addDays(meetingDay, -requiredDays) : '',
    latestUrgent: meetingDay ? addDays(meetingDay, -urgentDays) : '',
  }
}

// ---------------------------------------------------------------------------------------------
// Series (Sitzungsreihe)
// ---------------------------------------------------------------------------------------------

/** Guard against runaway rules (a weekly series over decades). */
export const MAX_SERIES_OCCURRENCES = 260

/**
 * Occurrences of a series as ISO date-times with the Berlin offset of that day, so "17:00" stays
 * 17:00 local across the DST change. Weekly: every `interval` weeks on the first meeting's
 * weekday. Monthly-nth: the same nth weekday (e.g. 2nd Thursday) every `interval` months; a month
 * without it (5th Thursday) is skipped rather than moved, since a moved date would surprise
 * members. `except` dates are skipped. Malformed rules give no occurrences.
 */
export function expandSeries(rule: SeriesRule): { start: string; end: string }[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rule.firstStart ?? '')
  if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(rule.until ?? '')) return []
  const interval = Math.floor(rule.interval)
  const duration = Math.floor(rule.durationMinutes)
  if (!(interval >= 1) || !(duration >= 0)) return []
  const [year, month, day, hour, minute] = m.slice(1).map(Number)
  const except = new Set(rule.except ?? [])
  const first = `${m[1]}-${m[2]}-${m[3]}`
  const out: { start: string; end: string }[] = []
  const push = (date: string) => {
    if (except.has(date)) return
    const [y, mo, d] = date.split('-').map(Number)
    const start = instantOfLocal(y, mo, d, hour, minute)
    out.push({ start: berlinIso(start), end: berlinIso(start + duration * 60_000) })
  }
  if (rule.frequency === 'weekly') {
    for (let k = 0; out.length < MAX_SERIES_OCCURRENCES && k < 10_000; k++) {
      const date = addDays(first, k * 7 * interval)
      if (date > rule.until) break
      push(date)
    }
  } else if (rule.frequency === 'monthly-nth') {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
    const nth = Math.ceil(day / 7)
    for (let k = 0; out.length < MAX_SERIES_OCCURRENCES && k < 2_000; k++) {
      const first = new Date(Date.UTC(year, month - 1 + k * interval, 1))
      const y = first.getUTCFullYear()
      const mo = first.getUTCMonth()
      if (`${pad(y, 4)}-${pad(mo + 1)}-01` > rule.until) break
      const d = 1 + ((weekday - first.getUTCDay() + 7) % 7) + (nth - 1) * 7
      const candidate = new Date(Date.UTC(y, mo, d))
      if (candidate.getUTCMonth() !== mo) continue // no 5th such weekday this month
      const date = candidate.toISOString().slice(0, 10)
      if (date > rule.until) break
      push(date)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Conflicts
// ---------------------------------------------------------------------------------------------

export interface ConflictCandidate {
  meetingId: string
  name: string
  organizationId: string
  organizationName: string
  start: string
  end?: string
  locationId?: string
  locationName?: string
}

/** A meeting without a planned end is assumed to take three hours (evening sessions). */
export const DEFAULT_MEETING_MINUTES = 180

function spanOf(start: string, end?: string): [number, number] {
  const s = Date.parse(start)
  const e = end ? Date.parse(end) : Number.NaN
  return [s, Number.isNaN(e) || e <= s ? s + DEFAULT_MEETING_MINUTES * 60_000 : e]
}

/**
 * Overlapping meetings in the same room, or of bodies sharing members (seats: organizationId ->
 * personIds; names: personId -> name). Times are half-open: a meeting ending at 18:00 does not
 * conflict with one starting at 18:00 (back-to-back committee evenings are normal).
 */
export function findConflicts(
  candidate: Omit<ConflictCandidate, 'meetingId' | 'name' | 'organizationName'> & { meetingId?: string },
  others: readonly ConflictCandidate[],
  seats: ReadonlyMap<string, ReadonlySet<string>>,
  names: ReadonlyMap<string, string>,
): MeetingConflict[] {
  const [s, e] = spanOf(candidate.start, candidate.end)
  if (Number.isNaN(s)) return []
  const mine = seats.get(candidate.organizationId) ?? new Set<string>()
  const conflicts: MeetingConflict[] = []
  for (const other of others) {
    if (candidate.meetingId && other.meetingId === candidate.meetingId) continue
    const [os, oe] = spanOf(other.start, other.end)
    if (!(s < oe && os < e)) continue
    const base = { meetingId: other.meetingId, meetingName: other.name, organizationName: other.organizationName, start: other.start, ...(other.end ? { end: other.end } : {}) }
    if (candidate.locationId && other.locationId === candidate.locationId) {
      conflicts.push({ kind: 'room', ...base, detail: other.locationName ?? other.locationId })
    }
    const theirs = seats.get(other.organizationId)
    const shared = theirs ? [...mine].filter((p) => theirs.has(p)) : []
    if (shared.length > 0) {
      const personNames = shared.map((p) => names.get(p) ?? p).sort((a, b) => a.localeCompare(b, 'de'))
      conflicts.push({ kind: 'members', ...base, detail: personNames.join(', '), personNames })
    }
  }
  return conflicts
}

// ---------------------------------------------------------------------------------------------
// Attendance, quorum, votes
// ---------------------------------------------------------------------------------------------

/** Who is present at `at`: an open or enclosing attendance period, not expelled before. */
export function presentAt(attendance: readonly AttendanceEntry[], at: string): AttendanceEntry[] {
  const t = Date.parse(at)
  return attendance.filter((a) => {
    if (a.expelledAt && Date.parse(a.expelledAt) <= t) return false
    return (a.periods ?? []).some((p) => Date.parse(p.arrived) <= t && (!p.left || Date.parse(p.left) > t))
  })
}

export interface QuorumState {
  /** the body's voting seats (roster members with a vote, substitutes not counted separately) */
  votingSeats: number
  /** occupied, non-recused seats at the moment */
  presentVoting: number
  /** seats excluded for § 33 recusal */
  recused: number
  /** present voters needed */
  required: number
  quorate: boolean
  /** who may vote now: present seat holders or the substitutes standing in, recused ones left out */
  eligibleVoterIds: string[]
}

function requiredFor(base: number, settings: BodySettings): number {
  const byRule = settings.quorum === 'half' ? Math.ceil(base / 2) : settings.quorum === 'third' ? Math.ceil(base / 3) : Math.floor(base / 2) + 1
  return Math.max(byRule, settings.minimumMembers ?? 0, 1)
}

/**
 * Quorum at the moment `at`. Counted over voting seats: roster entries with a vote that are not
 * substitutes. A seat is occupied by its member when present, otherwise by a present substitute
 * standing in for that member (a substitute arriving late counts from arrival; if the member comes
 * too, the member holds the seat and the substitute does not count twice).
 *
 * § 33 recusal (DOMAIN.md: "not counted for quorum or vote on that item"): a seat whose occupant
 * (or, when empty, whose member) is recused leaves both the present count and the base — the
 * required number is computed from the remaining seats. Removing it from the base as well keeps a
 * body from becoming inquorate merely because honest members declared a conflict of interest; the
 * `minimumMembers` floor of the body still applies.
 */
export function quorumFor(input: { roster: readonly RosterEntry[]; attendance: readonly AttendanceEntry[]; recusals?: readonly Recusal[]; at: string; settings: BodySettings }): QuorumState {
  const seats = input.roster.filter((r) => r.votingRight && !r.substituteForPersonId)
  const present = presentAt(input.attendance, input.at)
  const presentIds = new Set(present.map((a) => a.personId))
  const recusedIds = new Set((input.recusals ?? []).map((r) => r.personId))
  const usedSubstitutes = new Set<string>()
  let presentVoting = 0
  let recused = 0
  const eligibleVoterIds: string[] = []
  for (const seat of seats) {
    let occupant: string | undefined
    if (presentIds.has(seat.personId)) occupant = seat.personId
    else {
      const sub = present.find((a) => a.substituteForPersonId === seat.personId && a.votingRight !== false && !usedSubstitutes.has(a.personId) && a.personId !== seat.personId)
      if (sub) {
        occupant = sub.personId
        usedSubstitutes.add(sub.personId)
      }
    }
    if (recusedIds.has(occupant ?? seat.personId)) {
      recused++
      continue
    }
    if (occupant) {
      presentVoting++
      eligibleVoterIds.push(occupant)
    }
  }
  const votingSeats = seats.length
  const required = requiredFor(votingSeats - recused, input.settings)
  return { votingSeats, presentVoting, recused, required, quorate: presentVoting >= required, eligibleVoterIds }
}

export function tallyRollCall(roll: Readonly<Record<string, VoteChoice>>): { yes: number; no: number; abstain: number } {
  const t = { yes: 0, no: 0, abstain: 0 }
  for (const choice of Object.values(roll)) if (choice === 'yes' || choice === 'no' || choice === 'abstain') t[choice]++
  return t
}

export interface VoteOutcome {
  result: 'angenommen' | 'abgelehnt'
  explanation: string
}

const counted = (v: Pick<VoteRecord, 'yes' | 'no' | 'abstain'>) =>
  `${v.yes} Ja, ${v.no} Nein, ${v.abstain} ${v.abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`

/**
 * The body's majority rule applied to a vote (structure.ts MAJORITY_RULES). A tie under the simple
 * majority is rejected (more yes than no is needed) unless the body's `tieBreak` is `chair` and a
 * roll call shows the chair voting yes or no — then the chair's vote decides; a chair who abstained
 * or without a roll call the tie stays rejected. When everybody abstains nothing is accepted.
 */
export function voteOutcome(vote: Pick<VoteRecord, 'yes' | 'no' | 'abstain' | 'roll'>, settings: BodySettings, quorum: Pick<QuorumState, 'votingSeats'>, chairPersonId?: string): VoteOutcome {
  const c = counted(vote)
  const yes = (explanation: string): VoteOutcome => ({ result: 'angenommen', explanation: `angenommen: ${c}${explanation}` })
  const no = (explanation: string): VoteOutcome => ({ result: 'abgelehnt', explanation: `abgelehnt: ${c}${explanation}` })
  if (vote.yes === 0 && vote.no === 0) return no(' – keine Ja-Stimme')
  switch (settings.majority) {
    case 'absolute': {
      const needed = Math.floor(quorum.votingSeats / 2) + 1
      return vote.yes >= needed ? yes(` (absolute Mehrheit: mindestens ${needed} Ja-Stimmen)`) : no(` (absolute Mehrheit nicht erreicht: ${needed} Ja-Stimmen nötig)`)
    }
    case 'two-thirds':
      return vote.yes * 3 >= (vote.yes + vote.no) * 2 ? yes(' (Zweidrittelmehrheit)') : no(' (Zweidrittelmehrheit nicht erreicht)')
    default: {
      if (vote.yes > vote.no) return yes('')
      if (vote.yes < vote.no) return no('')
      const chairChoice = chairPersonId ? vote.roll?.[chairPersonId] : undefined
      if (settings.tieBreak === 'chair' && chairChoice === 'yes') return yes(' – Stimmengleichheit, die Stimme des Vorsitzes gibt den Ausschlag')
      if (settings.tieBreak === 'chair' && chairChoice === 'no') return no(' – Stimmengleichheit, die Stimme des Vorsitzes gibt den Ausschlag')
      return no(' – Stimmengleichheit gilt als Ablehnung')
    }
  }
}

/** Problems with a vote the clerk typed (German): impossible numbers, more votes than voters present, no quorum. */
export function checkVote(vote: Pick<VoteRecord, 'yes' | 'no' | 'abstain'>, quorum: QuorumState): string[] {
  const problems: string[] = []
  for (const [key, label] of [['yes', 'Ja'], ['no', 'Nein'], ['abstain', 'Enthaltungen']] as const) {
    const n = vote[key]
    if (!Number.isInteger(n) || n < 0) problems.push(`„${label}“ muss eine ganze Zahl ab 0 sein.`)
  }
  const total = vote.yes + vote.no + vote.abstain
  const eligible = quorum.eligibleVoterIds.length
  if (Number.isFinite(total) && total > eligible) {
    problems.push(`Es sind ${total} Stimmen eingetragen, aber nur ${eligible} stimmberechtigte Mitglieder anwesend.`)
  }
  if (!quorum.quorate) {
    problems.push(`Das Gremium ist nicht beschlussfähig: ${quorum.presentVoting} stimmberechtigte Mitglieder anwesend, ${quorum.required} nötig.`)
  }
  return problems
}
