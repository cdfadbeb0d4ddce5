/**
 * What a calculation run takes, gathered from the relay: the structure (persons, organizations,
 * memberships), the finance clerk's assignments and absences, the approved claims (allowance
 * tables) and the attendance recorded in the held meetings of the period (the public meeting
 * documents' `attendance`, loaded from the relay's repo). The engine validates all of it again.
 */
import type { DocumentId } from '@automerge/automerge-repo'
import type { AttendanceRecord, CalculationInput, CalculationPeriod, Claim, MeetingKind } from '@ratstisch/allowances'
import type { MeetingDoc } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'
import type { AllowanceStore, ClaimRecord } from './allowance-store.ts'

/** The engine's meeting kind of a body by its classification (Stadtrat → council …). */
export function meetingKindOf(classification: string): MeetingKind {
  switch (classification) {
    case 'Stadtrat':
    case 'Gemeinderat':
      return 'council'
    case 'Ausschuss':
      return 'committee'
    case 'Ortschaftsrat':
      return 'localCouncil'
    case 'Fraktion':
      return 'faction'
    default:
      return 'other'
  }
}

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The day (Europe/Berlin) of an ISO timestamp; undefined when it is not one. */
export function berlinDateOf(iso: string): string | undefined {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : berlinDay.format(ms)
}

const isTimestamp = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))

/** Whether the meeting took place (the clerk ended it, or it is recorded as held). */
export function meetingWasHeld(doc: Pick<MeetingDoc, 'state' | 'live'>): boolean {
  return doc.state === 'held' || (doc.state !== 'cancelled' && isTimestamp(doc.live?.endedAt))
}

/**
 * The attendance records of one held meeting: members and substitutes who were present (at least
 * one period), with their periods, expulsion and whom a substitute stood in for. Guests and staff
 * are not paid; malformed periods (from a peer's document) are left out, the meeting is not.
 */
export function attendanceRecordsOf(doc: MeetingDoc, meetingKind: MeetingKind): { records: AttendanceRecord[]; skipped: number } {
  const date = berlinDateOf(doc.start)
  const records: AttendanceRecord[] = []
  let skipped = 0
  if (!date || !Array.isArray(doc.attendance)) return { records, skipped }
  for (const entry of doc.attendance) {
    if (!entry || typeof entry.personId !== 'string' || !entry.personId) continue
    if (entry.kind !== 'member' && entry.kind !== 'substitute') continue
    const periods: { arrived: string; left?: string }[] = []
    for (const p of Array.isArray(entry.periods) ? entry.periods : []) {
      if (!p || !isTimestamp(p.arrived) || (p.left !== undefined && !isTimestamp(p.left))) {
        skipped++
        continue
      }
      periods.push(p.left !== undefined ? { arrived: p.arrived, left: p.left } : { arrived: p.arrived })
    }
    if (periods.length === 0) continue
    records.push({
      personId: entry.personId,
      meetingId: doc.id,
      meetingKind,
      organizationId: doc.organization.id,
      date,
      periods: periods.slice(0, 50),
      ...(isTimestamp(entry.expelledAt) ? { expelledAt: entry.expelledAt } : {}),
      ...(entry.kind === 'substitute' && typeof entry.substituteForPersonId === 'string' && entry.substituteForPersonId ? { substituteFor: entry.substituteForPersonId } : {}),
    })
  }
  return { records, skipped }
}

/** A stored claim as the engine takes it. */
export function engineClaimOf(c: ClaimRecord): Claim {
  const base = { id: c.id, personId: c.personId, date: c.date, ...(c.meetingId ? { meetingId: c.meetingId } : {}) }
  const proof = c.files.length > 0 ? { proof: c.files.map((f) => f.name).join(', ').slice(0, 500) } : {}
  const d = c.data as Record<string, unknown>
  switch (c.kind) {
    case 'travel':
      return d.mode === 'car'
        ? { ...base, kind: 'travel', mode: 'car', km: d.km as number, inTown: d.inTown === true }
        : { ...base, kind: 'travel', mode: 'publicTransport', receiptCents: d.receiptCents as number, inTown: d.inTown === true }
    case 'lostEarnings':
      return {
        ...base,
        kind: 'lostEarnings',
        basis: d.basis as 'employee' | 'selfEmployed' | 'household',
        minutes: d.minutes as number,
        ...(typeof d.hourlyRateCents === 'number' ? { hourlyRateCents: d.hourlyRateCents } : {}),
        ...proof,
      }
    case 'care':
      return { ...base, kind: 'care', minutes: d.minutes as number, receiptCents: d.receiptCents as number, ...proof }
  }
}

export interface InputSources {
  db: RelayDatabase
  store: AllowanceStore
  /** the relay's copy of a meeting document */
  loadMeeting(documentId: DocumentId): Promise<MeetingDoc | undefined>
}

export interface GatheredInput {
  input: CalculationInput
  /** for the clerk: held meetings whose document could not be read, pending claims … */
  notes: string[]
}

/** Everything a run of `period` needs, with the statute given (parsed JSON of the current version). */
export async function gatherInput(sources: InputSources, period: CalculationPeriod, statute: unknown): Promise<GatheredInput> {
  const { db, store } = sources
  const notes: string[] = []
  const organizations = (db.prepare('SELECT id, name, classification FROM organizations ORDER BY id').all() as { id: string; name: string; classification: string }[]).map(
    (o) => ({ id: o.id, name: o.name, classification: o.classification || 'Sonstiges' }),
  )
  const kindOf = new Map(organizations.map((o) => [o.id, meetingKindOf(o.classification)]))
  // memberships that touch the period; members are their persons
  const memberships = (
    db
      .prepare(
        `SELECT person_id, organization_id, role, start_date, end_date FROM memberships
         WHERE (start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date >= ?) ORDER BY person_id, organization_id, id`,
      )
      .all(period.to, period.from) as { person_id: string; organization_id: string; role: string; start_date: string | null; end_date: string | null }[]
  ).map((m) => ({ personId: m.person_id, organizationId: m.organization_id, role: m.role, startDate: m.start_date, endDate: m.end_date }))
  const personIds = [...new Set(memberships.map((m) => m.personId))]
  const members = (
    db.prepare('SELECT id, name FROM persons WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(personIds)) as { id: string; name: string }[]
  ).map((p) => ({ personId: p.id, name: p.name.trim() || p.id }))

  const attendance: AttendanceRecord[] = []
  const meetings = db
    .prepare(
      `SELECT m.id, m.public_doc_id, m.organization_id FROM meetings m
       WHERE substr(m.start, 1, 10) >= ? AND substr(m.start, 1, 10) <= ? AND m.state != 'cancelled' AND m.public_doc_id IS NOT NULL
       ORDER BY m.start, m.id`,
    )
    // one day of margin on each side: the stored start carries its own offset, the day is Berlin's
    .all(shiftDay(period.from, -1), shiftDay(period.to, 1)) as { id: string; public_doc_id: string; organization_id: string }[]
  let unreadable = 0
  let skippedPeriods = 0
  for (const m of meetings) {
    const doc = await sources.loadMeeting(m.public_doc_id as DocumentId)
    if (!doc || doc.type !== 'meeting') {
      unreadable++
      continue
    }
    if (!meetingWasHeld(doc)) continue
    const date = berlinDateOf(doc.start)
    if (!date || date < period.from || date > period.to) continue
    const { records, skipped } = attendanceRecordsOf(doc, kindOf.get(doc.organization.id) ?? 'other')
    skippedPeriods += skipped
    attendance.push(...records)
  }
  if (unreadable > 0) notes.push(`${unreadable} Sitzung(en) des Zeitraums konnten nicht gelesen werden; ihre Anwesenheit fehlt in dieser Berechnung.`)
  if (skippedPeriods > 0) notes.push(`${skippedPeriods} unvollständige Anwesenheitszeiten wurden nicht berücksichtigt.`)

  const claims = store.claims({ from: period.from, to: period.to })
  const pending = claims.filter((c) => c.status === 'pending').length
  if (pending > 0) notes.push(`${pending} Antrag/Anträge des Zeitraums warten noch auf eine Entscheidung und sind nicht enthalten.`)
  const approved = claims.filter((c) => c.status === 'approved').map(engineClaimOf)

  const input: CalculationInput = {
    statute,
    period,
    members,
    organizations,
    memberships,
    assignments: store.assignments().map(({ id: _id, createdAt: _at, createdBy: _by, ...a }) => a),
    absences: store.absences().map(({ id: _id, createdAt: _at, createdBy: _by, ...a }) => a),
    attendance,
    claims: approved,
  }
  return { input, notes }
}

function shiftDay(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
