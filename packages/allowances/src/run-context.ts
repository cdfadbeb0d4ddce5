/**
 * Everything the item builders of one calculation run share: the statute's timeline, the
 * assignments, absences and lookups, built once from the normalized input.
 */
import { dayNumber } from './calendar-date.ts'
import { AbsenceIndex } from './absence-index.ts'
import { AssignmentIndex } from './assignments.ts'
import type { AttendanceRecord, CalculationInput, MemberRef, MembershipRecord, OrganizationRef } from './calculation-input.ts'
import type { Statute } from './statute.ts'
import { StatuteTimeline } from './statute-timeline.ts'

export interface RunContext {
  statute: Statute
  timeline: StatuteTimeline
  assignments: AssignmentIndex
  absences: AbsenceIndex
  /** day numbers of the period, inclusive */
  from: number
  to: number
  members: Map<string, MemberRef>
  organizations: Map<string, OrganizationRef>
  membershipsByOrganization: Map<string, MembershipRecord[]>
  /** attendance in the period by person (input order, which is normalized) */
  attendanceByPerson: Map<string, AttendanceRecord[]>
  /** per person the days they were expelled from a meeting */
  expelledDays: Map<string, Set<number>>
  /** per person the meetings attended before a day: meetingId → first day */
  firstMeetingDay: Map<string, Map<string, number>>
  timeZone: string
  notes: string[]
}

export function buildRunContext(input: CalculationInput, statute: Statute): RunContext {
  const from = dayNumber(input.period.from)
  const to = dayNumber(input.period.to)
  const members = new Map(input.members.map((m) => [m.personId, m]))
  const membershipsByOrganization = new Map<string, MembershipRecord[]>()
  for (const m of input.memberships) {
    const list = membershipsByOrganization.get(m.organizationId) ?? []
    list.push(m)
    membershipsByOrganization.set(m.organizationId, list)
  }
  const attendanceByPerson = new Map<string, AttendanceRecord[]>()
  const expelledDays = new Map<string, Set<number>>()
  const firstMeetingDay = new Map<string, Map<string, number>>()
  let outside = 0
  for (const a of input.attendance) {
    const day = dayNumber(a.date)
    const seen = firstMeetingDay.get(a.personId) ?? new Map<string, number>()
    firstMeetingDay.set(a.personId, seen)
    if (!seen.has(a.meetingId) || seen.get(a.meetingId)! > day) seen.set(a.meetingId, day)
    if (day < from || day > to) continue
    if (!members.has(a.personId)) {
      outside++
      continue
    }
    const list = attendanceByPerson.get(a.personId) ?? []
    list.push(a)
    attendanceByPerson.set(a.personId, list)
    if (a.expelledAt) {
      const days = expelledDays.get(a.personId) ?? new Set<number>()
      days.add(day)
      expelledDays.set(a.personId, days)
    }
  }
  const notes: string[] = []
  if (outside > 0) notes.push(`${outside} Anwesenheit(en) von Personen außerhalb dieser Abrechnung nicht berücksichtigt`)
  return {
    statute,
    timeline: new StatuteTimeline(statute),
    assignments: new AssignmentIndex(statute, input),
    absences: new AbsenceIndex(input.absences ?? []),
    from,
    to,
    members,
    organizations: new Map(input.organizations.map((o) => [o.id, o])),
    membershipsByOrganization,
    attendanceByPerson,
    expelledDays,
    firstMeetingDay,
    timeZone: statute.timeZone ?? 'Europe/Berlin',
    notes,
  }
}
