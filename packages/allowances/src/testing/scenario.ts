/**
 * Builders for calculation inputs in tests and the benchmark: a small town (council, committees,
 * a local council, a faction), members with memberships, and attendance in local Berlin time.
 */
import koennern from '../../statutes/koennern-2025.json' with { type: 'json' }
import musterstadt from '../../statutes/musterstadt.json' with { type: 'json' }
import type { AttendanceRecord, CalculationInput, Claim, MembershipRecord, OrganizationRef } from '../calculation-input.ts'
import type { MeetingKind, Statute } from '../statute.ts'
import { parseStatute } from '../statute-validation.ts'

export const KOENNERN: Statute = parseStatute(koennern)
export const MUSTERSTADT: Statute = parseStatute(musterstadt)

export const ORGANIZATIONS: OrganizationRef[] = [
  { id: 'stadtrat', name: 'Stadtrat', classification: 'Stadtrat' },
  { id: 'bau', name: 'Bauausschuss', classification: 'Ausschuss' },
  { id: 'haupt', name: 'Hauptausschuss', classification: 'Ausschuss' },
  { id: 'finanz', name: 'Finanzausschuss', classification: 'Ausschuss' },
  { id: 'or-dorf', name: 'Ortschaftsrat Musterdorf', classification: 'Ortschaftsrat' },
  { id: 'fraktion-a', name: 'Fraktion A', classification: 'Fraktion' },
]

const KIND_OF_ORG: Record<string, MeetingKind> = {
  stadtrat: 'council',
  bau: 'committee',
  haupt: 'committee',
  finanz: 'committee',
  'or-dorf': 'localCouncil',
  'fraktion-a': 'faction',
}

/** Last Sunday of a month (EU summer time switches). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0))
  return last.getUTCDate() - last.getUTCDay()
}

/** "2026-03-12" + "19:00" in Europe/Berlin as an ISO timestamp with offset. */
export function berlin(date: string, time: string): string {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const summer = (m > 3 && m < 10) || (m === 3 && d >= lastSunday(y, 3)) || (m === 10 && d < lastSunday(y, 10))
  return `${date}T${time}:00${summer ? '+02:00' : '+01:00'}`
}

export interface MeetingOptions {
  kind?: MeetingKind
  expelledAt?: string
  substituteFor?: string
  ordered?: boolean
  meetingId?: string
  meetingName?: string
  /** several periods: [["17:00","17:40"],["18:10","19:00"]] */
  periods?: [string, string | null][]
}

/** Attendance of a person at a meeting of `org` on `date` from `from` to `to` (local time). */
export function attended(personId: string, org: string, date: string, from = '18:00', to = '20:00', o: MeetingOptions = {}): AttendanceRecord {
  const periods = (o.periods ?? [[from, to]]).map(([a, l]) => (l === null ? { arrived: berlin(date, a) } : { arrived: berlin(date, a), left: berlin(date, l) }))
  return {
    personId,
    meetingId: o.meetingId ?? `${org}-${date}-${from}`,
    meetingKind: o.kind ?? KIND_OF_ORG[org] ?? 'other',
    organizationId: org,
    date,
    periods,
    ...(o.expelledAt ? { expelledAt: berlin(date, o.expelledAt) } : {}),
    ...(o.substituteFor ? { substituteFor: o.substituteFor } : {}),
    ...(o.ordered !== undefined ? { ordered: o.ordered } : {}),
    ...(o.meetingName ? { meetingName: o.meetingName } : {}),
  }
}

export function seat(personId: string, organizationId: string, role = 'Mitglied', startDate: string | null = '2024-07-01', endDate: string | null = null): MembershipRecord {
  return { personId, organizationId, role, startDate, endDate }
}

export interface ScenarioParts {
  statute?: Statute
  from?: string
  to?: string
  members?: { personId: string; name: string }[]
  memberships?: MembershipRecord[]
  attendance?: AttendanceRecord[]
  claims?: Claim[]
  absences?: CalculationInput['absences']
  assignments?: CalculationInput['assignments']
}

/** A calculation input for March 2026 under the Könnern statute unless told otherwise. */
export function scenario(parts: ScenarioParts): CalculationInput {
  const memberships = parts.memberships ?? []
  const ids = new Set(memberships.map((m) => m.personId))
  for (const a of parts.attendance ?? []) ids.add(a.personId)
  return {
    statute: parts.statute ?? KOENNERN,
    period: { from: parts.from ?? '2026-03-01', to: parts.to ?? '2026-03-31' },
    members: parts.members ?? [...ids].sort().map((personId) => ({ personId, name: `Person ${personId}` })),
    organizations: ORGANIZATIONS,
    memberships,
    attendance: parts.attendance ?? [],
    claims: parts.claims ?? [],
    absences: parts.absences ?? [],
    assignments: parts.assignments ?? [],
  }
}
