/**
 * Sitzungsgeld: per member and day, the meetings that count (kind, conference ordered, minimum
 * presence, continuation), the fee per meeting or per day, the daily cap, and the loss of the
 * day's fee after an expulsion. One line item per member, type and day.
 */
import { dayNumber, firstOfMonth, formatDayMonth, nextMonth } from './calendar-date.ts'
import type { AttendanceRecord } from './calculation-input.ts'
import type { LineItem } from './calculation-run.ts'
import { compareCodeUnits } from './canonical-json.ts'
import { formatPresence, formatTimeOfDay, presenceMinutes } from './meeting-time.ts'
import { divideRounded, formatEuro, formatMultiple, hundredths } from './money.ts'
import type { RunContext } from './run-context.ts'
import type { MeetingKind, SessionFeeType } from './statute.ts'
import type { ResolvedVersion } from './statute-timeline.ts'

const KIND_NAMES: Record<MeetingKind, string> = {
  council: 'Ratssitzung',
  committee: 'Ausschusssitzung',
  localCouncil: 'Ortschaftsratssitzung',
  faction: 'Fraktionssitzung',
  conference: 'Konferenz/Tagung',
  other: 'sonstiger Termin',
}

function meetingName(ctx: RunContext, r: AttendanceRecord): string {
  return r.meetingName ?? ctx.organizations.get(r.organizationId)?.name ?? r.meetingId
}

function meetingText(ctx: RunContext, r: AttendanceRecord): string {
  const time = formatPresence(r.periods, ctx.timeZone)
  const sub = r.substituteFor ? ` als Vertretung für ${ctx.members.get(r.substituteFor)?.name ?? r.substituteFor}` : ''
  return `${meetingName(ctx, r)}${time ? ` ${time}` : ''}${sub}`
}

/** per statute version and meeting kind: the fee types that count it, by id */
const candidateCache = new WeakMap<ResolvedVersion, Map<MeetingKind, SessionFeeType[]>>()

function feeCandidates(v: ResolvedVersion, kind: MeetingKind): SessionFeeType[] {
  let byKind = candidateCache.get(v)
  if (!byKind) candidateCache.set(v, (byKind = new Map()))
  let list = byKind.get(kind)
  if (!list) {
    list = v.version.types.filter((t): t is SessionFeeType => t.kind === 'sessionFee' && t.meetingKinds.includes(kind)).sort((a, b) => compareCodeUnits(a.id, b.id))
    byKind.set(kind, list)
  }
  return list
}

/** The fee type a record falls under: an assigned one for its meeting kind, else (substitutes) one that pays substitutes. */
function feeTypeFor(ctx: RunContext, v: ResolvedVersion, personId: string, r: AttendanceRecord, day: number): SessionFeeType | null {
  const candidates = feeCandidates(v, r.meetingKind)
  const assigned = candidates.find((t) => ctx.assignments.has(personId, t.id, day))
  if (assigned) return assigned
  if (r.substituteFor) return candidates.find((t) => t.paySubstitutes) ?? null
  return null
}

/** Why a record of an eligible type does not count, or null when it counts. */
function notCountedBecause(ctx: RunContext, t: SessionFeeType, personId: string, r: AttendanceRecord, day: number): string | null {
  if (r.meetingKind === 'conference' && t.conferencesOnlyIfOrdered && !r.ordered) return 'Teilnahme nicht vom Rat angeordnet'
  if (t.minimumPresenceMinutes !== undefined && presenceMinutes(r.periods) < t.minimumPresenceMinutes) {
    return `weniger als ${t.minimumPresenceMinutes} Minuten anwesend`
  }
  if (!t.continuationCountsAsNewMeeting) {
    const first = ctx.firstMeetingDay.get(personId)?.get(r.meetingId)
    if (first !== undefined && first < day) return 'Fortsetzung einer Sitzung, die schon vergütet wurde'
  }
  return null
}

function firstArrival(r: AttendanceRecord): number {
  let first = Number.POSITIVE_INFINITY
  for (const p of r.periods) first = Math.min(first, Date.parse(p.arrived))
  return first
}

function feeOf(t: SessionFeeType, r: AttendanceRecord): number {
  return t.amountCentsByMeetingKind?.[r.meetingKind] ?? t.amountCents
}

interface TypeDay {
  type: SessionFeeType
  counted: AttendanceRecord[]
  skipped: { record: AttendanceRecord; why: string }[]
}

function explainDay(ctx: RunContext, g: TypeDay, date: string, amount: number, sum: number, cap: number | null, forfeitedBy: AttendanceRecord | null): string {
  const t = g.type
  const dm = formatDayMonth(date)
  const skipped = g.skipped.length > 0 ? `; nicht berücksichtigt: ${g.skipped.map((s) => `${meetingText(ctx, s.record)} (${s.why})`).join(', ')}` : ''
  if (forfeitedBy) {
    const at = forfeitedBy.expelledAt ? ` um ${formatTimeOfDay(forfeitedBy.expelledAt, ctx.timeZone)}` : ''
    return `${t.label} am ${dm} entfällt: Ausschluss aus der Sitzung (${meetingName(ctx, forfeitedBy)}${at}) = ${formatEuro(0)}`
  }
  const n = g.counted.length
  if (n === 0) return `kein ${t.label} am ${dm}${skipped.replace(/^; nicht berücksichtigt/, ': nicht berücksichtigt')}`
  const meetings = g.counted.map((r) => meetingText(ctx, r)).join(', ')
  const capText = cap !== null ? `Tageshöchstbetrag ${formatEuro(cap)}` : ''
  if (t.mode === 'perDay') {
    return `${t.label} ${formatEuro(amount)} am ${dm} (ein Betrag je Sitzungstag) – ${meetings}${skipped}`
  }
  const fees = g.counted.map((r) => feeOf(t, r))
  const same = fees.every((f) => f === fees[0])
  if (n === 1 && amount === sum) return `${t.label} ${formatEuro(fees[0])} am ${dm} – ${meetings}${skipped}`
  const capped = amount < sum
  if (same) {
    const head = `${n} × ${t.label} ${formatEuro(fees[0])} am ${dm}`
    if (!capped) return `${head}${capText ? `, ${capText}` : ''} – ${meetings}${skipped}`
    return `${head} = ${formatEuro(sum)}, gekürzt auf den ${capText} (${formatMultiple(t.dailyCapMultiple!)}) – ${meetings}${skipped}`
  }
  const listed = g.counted.map((r) => `${meetingText(ctx, r)} ${formatEuro(feeOf(t, r))}`).join(', ')
  if (!capped) return `${t.label} am ${dm}: ${listed} = ${formatEuro(sum)}${capText ? `, ${capText}` : ''}${skipped}`
  return `${t.label} am ${dm}: ${listed} = ${formatEuro(sum)}, gekürzt auf den ${capText} (${formatMultiple(t.dailyCapMultiple!)})${skipped}`
}

export function sessionFeeItems(ctx: RunContext): LineItem[] {
  const items: LineItem[] = []
  for (const [personId, records] of ctx.attendanceByPerson) {
    const byDate = new Map<string, AttendanceRecord[]>()
    for (const r of records) {
      const list = byDate.get(r.date) ?? []
      list.push(r)
      byDate.set(r.date, list)
    }
    for (const date of [...byDate.keys()].sort(compareCodeUnits)) {
      const day = dayNumber(date)
      const v = ctx.timeline.versionOn(day)
      if (!v) continue
      const dayRecords = byDate.get(date)!.sort((a, b) => firstArrival(a) - firstArrival(b) || compareCodeUnits(a.meetingId, b.meetingId))
      const groups = new Map<string, TypeDay>()
      const noFee: AttendanceRecord[] = []
      for (const r of dayRecords) {
        const t = feeTypeFor(ctx, v, personId, r, day)
        if (!t) {
          noFee.push(r)
          continue
        }
        let g = groups.get(t.id)
        if (!g) groups.set(t.id, (g = { type: t, counted: [], skipped: [] }))
        const why = notCountedBecause(ctx, t, personId, r, day)
        if (why) g.skipped.push({ record: r, why })
        else g.counted.push(r)
      }
      const expelled = ctx.expelledDays.get(personId)?.has(day) ? dayRecords.find((r) => r.expelledAt) ?? null : null
      const forfeitedBy = expelled && v.version.rules.expulsionForfeits.includes('sessionFee') ? expelled : null
      const dayItems: LineItem[] = []
      for (const typeId of [...groups.keys()].sort(compareCodeUnits)) {
        const g = groups.get(typeId)!
        const t = g.type
        const fees = g.counted.map((r) => feeOf(t, r))
        const sum = t.mode === 'perDay' ? Math.max(0, ...fees) : fees.reduce((a, b) => a + b, 0)
        const cap = t.dailyCapMultiple !== undefined ? divideRounded(t.amountCents * hundredths(t.dailyCapMultiple), 100) : null
        const amount = forfeitedBy ? 0 : cap !== null ? Math.min(sum, cap) : sum
        dayItems.push({
          id: `${personId}|sessionFee|${typeId}|${date}`,
          personId,
          kind: 'sessionFee',
          typeId,
          label: t.label,
          month: date.slice(0, 7),
          date,
          amountCents: amount,
          dueDate: firstOfMonth(nextMonth(date.slice(0, 7))),
          explanation: explainDay(ctx, g, date, amount, sum, cap, forfeitedBy),
          meetingIds: [...new Set(g.counted.map((r) => r.meetingId))].sort(compareCodeUnits),
        })
      }
      if (dayItems.length > 0 && noFee.length > 0) {
        dayItems[0].explanation += `; ohne Sitzungsgeld: ${noFee.map((r) => `${meetingText(ctx, r)} (${KIND_NAMES[r.meetingKind]}, kein Anspruch)`).join(', ')}`
      }
      items.push(...dayItems)
    }
  }
  return items
}
