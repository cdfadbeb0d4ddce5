/**
 * Monthly flat rates and function supplements: per member, month and type, the days with and
 * without entitlement, then the month's amount by the statute's part-month rule.
 *
 * A day has no entitlement when the type is not assigned (no membership, the clerk removed it),
 * the statute has no rate, the member has been absent beyond the lapse period, a chair's supplement
 * has passed to the deputy, or ("only the highest supplement") a higher supplement is paid.
 */
import {
  dayNumber,
  firstOfMonth,
  formatDate,
  formatDayMonth,
  formatDayRange,
  formatMonth,
  isoFromDayNumber,
  lastOfMonth,
  monthsBetween,
  nextMonth,
} from './calendar-date.ts'
import type { LineItem } from './calculation-run.ts'
import { compareCodeUnits } from './canonical-json.ts'
import { divideRounded, formatEuro } from './money.ts'
import type { RunContext } from './run-context.ts'
import type { AllowanceType, MonthlyFlatType, SupplementType, VersionRules } from './statute.ts'
import type { ResolvedVersion } from './statute-timeline.ts'

type MonthlyType = MonthlyFlatType | SupplementType

interface DayState {
  amount: number
  entitled: boolean
  /** why not entitled (German), '' when entitled */
  reason: string
  /** received as the deputy of an absent function holder */
  deputyFor?: { chairId: string; since: number }
}

interface Handover {
  since: number
  /** the deputy who receives the supplement (null: nobody holds the deputy role) */
  deputyId: string | null
  chairId: string
}

/** personId → typeId → day → handover */
type HandoverMap = Map<string, Map<string, Map<number, Handover>>>

function put(map: HandoverMap, personId: string, typeId: string, day: number, h: Handover): void {
  let types = map.get(personId)
  if (!types) map.set(personId, (types = new Map()))
  let days = types.get(typeId)
  if (!days) types.set(typeId, (days = new Map()))
  days.set(day, h)
}

function isMonthly(t: AllowanceType | null | undefined): t is MonthlyType {
  return t?.kind === 'monthlyFlat' || t?.kind === 'supplement'
}

/** The holder of `role` in the body on the day, other than the absent person (earliest start first). */
function deputyOf(ctx: RunContext, organizationId: string, role: string, day: number, absentId: string): string | null {
  const iso = isoFromDayNumber(day)
  const holders = (ctx.membershipsByOrganization.get(organizationId) ?? [])
    .filter((m) => m.role === role && m.personId !== absentId && (m.startDate === null || m.startDate <= iso) && (m.endDate === null || m.endDate >= iso))
    .sort((a, b) => compareCodeUnits(a.startDate ?? '', b.startDate ?? '') || compareCodeUnits(a.personId, b.personId))
  return holders[0]?.personId ?? null
}

/** Supplements that pass from absent function holders to their deputies, day by day. */
function handovers(ctx: RunContext): { passed: HandoverMap; received: HandoverMap } {
  const passed: HandoverMap = new Map()
  const received: HandoverMap = new Map()
  for (const personId of ctx.members.keys()) {
    for (const typeId of ctx.assignments.typesBetween(personId, ctx.from, ctx.to)) {
      if (ctx.timeline.kindOf(typeId) !== 'supplement') continue
      for (let day = ctx.from; day <= ctx.to; day++) {
        const t = ctx.timeline.typeOn(typeId, day)
        if (t?.kind !== 'supplement' || !t.passesToDeputy || !ctx.assignments.has(personId, typeId, day)) continue
        const since = ctx.absences.absentBeyond(personId, day, t.passesToDeputy.afterMonths)
        if (since === null) continue
        const org = ctx.assignments.organizationOn(personId, typeId, day)
        const deputyId = org ? deputyOf(ctx, org, t.passesToDeputy.role, day, personId) : null
        const h = { since, deputyId, chairId: personId }
        put(passed, personId, typeId, day, h)
        if (deputyId && ctx.members.has(deputyId)) put(received, deputyId, typeId, day, h)
      }
    }
  }
  return { passed, received }
}

/** Consecutive days with the same value, as [first, last, value]. */
function runs<T>(days: number[], valueOf: (i: number) => T): { first: number; last: number; value: T }[] {
  const out: { first: number; last: number; value: T }[] = []
  for (let i = 0; i < days.length; i++) {
    const v = valueOf(i)
    const prev = out[out.length - 1]
    if (prev && prev.value === v && prev.last === days[i] - 1) prev.last = days[i]
    else out.push({ first: days[i], last: days[i], value: v })
  }
  return out
}

function dayRange(first: number, last: number): string {
  return formatDayRange(isoFromDayNumber(first), isoFromDayNumber(last))
}

/** The month's amount in cents by the part-month rule (one rounding). */
function monthAmount(states: DayState[], rule: VersionRules['partMonth']): number {
  const d = states.length
  let sum = 0
  let entitledSum = 0
  let notEntitledSum = 0
  let entitledDays = 0
  for (const s of states) {
    sum += s.amount
    if (s.entitled) {
      entitledSum += s.amount
      entitledDays++
    } else notEntitledSum += s.amount
  }
  if (entitledDays === 0) return 0
  switch (rule) {
    case 'thirtieths':
      // the month's rate (the average if the statute changed within the month), less 1/30 of the daily rate per day without entitlement
      return Math.max(0, divideRounded(30 * sum - d * notEntitledSum, 30 * d))
    case 'calendarDays':
      return divideRounded(entitledSum, d)
    case 'fullMonth':
      return divideRounded(sum, d)
  }
}

function explain(
  ctx: RunContext,
  label: string,
  month: string,
  days: number[],
  states: DayState[],
  rule: VersionRules['partMonth'],
  amount: number,
): string {
  const title = `${label} ${formatMonth(month)}`
  const rates = runs(days, (i) => states[i].amount).filter((r) => r.value > 0)
  const base =
    rates.length <= 1
      ? formatEuro(rates[0]?.value ?? 0)
      : `anteilig ${rates
          .map((r, i) => (i === 0 ? `${formatEuro(r.value)} bis ${formatDayMonth(isoFromDayNumber(r.last))}` : `${formatEuro(r.value)} ab ${formatDayMonth(isoFromDayNumber(r.first))}`))
          .join(', ')}`
  const without = runs(days, (i) => states[i].reason)
    .filter((r) => r.value !== '')
    .map((r) => `${dayRange(r.first, r.last)}: ${r.value}`)
    .join('; ')
  const deputy = runs(days, (i) => (states[i].deputyFor && states[i].entitled ? `${states[i].deputyFor!.chairId}|${states[i].deputyFor!.since}` : ''))
    .filter((r) => r.value !== '')
    .map((r) => {
      const [chairId, since] = r.value.split('|')
      return `in Vertretung für ${ctx.members.get(chairId)?.name ?? chairId} (verhindert seit ${formatDate(isoFromDayNumber(Number(since)))}) ${dayRange(r.first, r.last)}`
    })
    .join('; ')
  const deputyText = deputy ? ` – ${deputy}` : ''
  const entitledDays = states.filter((s) => s.entitled).length
  const lostDays = states.filter((s) => !s.entitled && s.amount > 0).length
  if (entitledDays === 0) return `${title}: kein Anspruch (${without}) = ${formatEuro(0)}`
  if (entitledDays === states.length) return rates.length <= 1 ? `${title}: ${base}${deputyText}` : `${title}: ${base} = ${formatEuro(amount)}${deputyText}`
  switch (rule) {
    case 'thirtieths':
      return `${title}: ${base} abzüglich ${lostDays}/30 für ${lostDays} ${lostDays === 1 ? 'Tag' : 'Tage'} ohne Anspruch (${without}) = ${formatEuro(amount)}${deputyText}`
    case 'calendarDays':
      return `${title}: ${base} × ${entitledDays}/${states.length} Tage mit Anspruch (ohne Anspruch ${without}) = ${formatEuro(amount)}${deputyText}`
    case 'fullMonth':
      return `${title}: ${base}, voller Monatsbetrag bei Anspruch an ${entitledDays} von ${states.length} Tagen (ohne Anspruch ${without}) = ${formatEuro(amount)}${deputyText}`
  }
}

export function monthlyItems(ctx: RunContext): LineItem[] {
  const items: LineItem[] = []
  const { passed, received } = handovers(ctx)
  for (const month of monthsBetween(isoFromDayNumber(ctx.from), isoFromDayNumber(ctx.to))) {
    const mFrom = dayNumber(firstOfMonth(month))
    const mTo = dayNumber(lastOfMonth(month))
    const days: number[] = []
    const versions: (ResolvedVersion | null)[] = []
    for (let d = mFrom; d <= mTo; d++) {
      days.push(d)
      versions.push(ctx.timeline.versionOn(d))
    }
    const monthVersion = versions.find((v) => v !== null)
    if (!monthVersion) continue
    const rules = monthVersion.version.rules

    for (const personId of ctx.members.keys()) {
      const assignedTypes = new Set(ctx.assignments.typesBetween(personId, mFrom, mTo))
      const typeIds = new Set([...assignedTypes].filter((id) => {
        const kind = ctx.timeline.kindOf(id)
        return kind === 'monthlyFlat' || kind === 'supplement'
      }))
      for (const [typeId, byDay] of received.get(personId) ?? []) {
        for (const d of byDay.keys()) if (d >= mFrom && d <= mTo) typeIds.add(typeId)
      }
      if (typeIds.size === 0) continue
      const sorted = [...typeIds].sort(compareCodeUnits)
      const dueDate = rules.flatRatePayment === 'advance' ? firstOfMonth(month) : firstOfMonth(nextMonth(month))

      // the common case needs no day-by-day look: one statute version all month, no absence, no
      // handover, and no "highest supplement" choice to make
      const supplements = sorted.filter((id) => ctx.timeline.kindOf(id) === 'supplement').length
      const plainMonth =
        monthVersion.from <= mFrom &&
        monthVersion.to >= mTo &&
        !ctx.absences.overlaps(personId, mFrom, mTo) &&
        !passed.has(personId) &&
        !received.has(personId) &&
        !(rules.supplementCombination === 'highest' && supplements > 1)
      const detailed: string[] = []
      for (const typeId of sorted) {
        const t = monthVersion.types.get(typeId)
        if (plainMonth && isMonthly(t) && ctx.assignments.coversAll(personId, typeId, mFrom, mTo)) {
          items.push({
            id: `${personId}|${t.kind}|${typeId}|${month}`,
            personId,
            kind: t.kind,
            typeId,
            label: t.label,
            month,
            amountCents: t.amountCents,
            dueDate,
            explanation: `${t.label} ${formatMonth(month)}: ${formatEuro(t.amountCents)}`,
          })
        } else detailed.push(typeId)
      }
      if (detailed.length === 0) continue

      const states = new Map<string, DayState[]>()
      for (const typeId of detailed) {
        const list: DayState[] = []
        // a deputy holds the type only while standing in
        const notAssignedReason = assignedTypes.has(typeId) ? 'ohne Mitgliedschaft bzw. Zuordnung' : 'keine Vertretung'
        for (let i = 0; i < days.length; i++) {
          const d = days[i]
          const t = versions[i]?.types.get(typeId)
          const amount = isMonthly(t) ? t.amountCents : 0
          const assigned = ctx.assignments.has(personId, typeId, d)
          const deputyFor = received.get(personId)?.get(typeId)?.get(d)
          if (!assigned && !deputyFor) {
            list.push({ amount, entitled: false, reason: notAssignedReason })
            continue
          }
          if (!isMonthly(t)) {
            list.push({ amount: 0, entitled: false, reason: 'Satzung sieht keinen Betrag vor' })
            continue
          }
          const handedOver = assigned ? passed.get(personId)?.get(typeId)?.get(d) : undefined
          if (handedOver) {
            const to = handedOver.deputyId ? ctx.members.get(handedOver.deputyId)?.name ?? handedOver.deputyId : null
            const since = formatDate(isoFromDayNumber(handedOver.since))
            list.push({ amount, entitled: false, reason: to ? `verhindert seit ${since}, Zuschlag geht an die Stellvertretung ${to}` : `verhindert seit ${since}, Zuschlag ruht` })
            continue
          }
          const lapseMonths = versions[i]!.version.rules.absenceLapseMonths
          const lapsedSince = lapseMonths === null ? null : ctx.absences.absentBeyond(personId, d, lapseMonths)
          if (lapsedSince !== null) {
            list.push({ amount, entitled: false, reason: `länger als ${lapseMonths} Monate verhindert (seit ${formatDate(isoFromDayNumber(lapsedSince))})` })
            continue
          }
          list.push({ amount, entitled: true, reason: '', ...(assigned ? {} : { deputyFor: { chairId: deputyFor!.chairId, since: deputyFor!.since } }) })
        }
        states.set(typeId, list)
      }

      // "only the highest supplement": per day, keep the highest entitled supplement
      for (let i = 0; i < days.length; i++) {
        if (versions[i]?.version.rules.supplementCombination !== 'highest') continue
        let best: string | null = null
        for (const typeId of detailed) {
          const s = states.get(typeId)![i]
          if (!s.entitled || ctx.timeline.kindOf(typeId) !== 'supplement') continue
          if (best === null || s.amount > states.get(best)![i].amount) best = typeId
        }
        if (best === null) continue
        const bestLabel = versions[i]!.types.get(best)!.label
        for (const typeId of detailed) {
          const s = states.get(typeId)![i]
          if (typeId === best || !s.entitled || ctx.timeline.kindOf(typeId) !== 'supplement') continue
          s.entitled = false
          s.reason = `nur der höchste Zuschlag wird gezahlt (${bestLabel})`
        }
      }

      for (const typeId of detailed) {
        const list = states.get(typeId)!
        const type = monthVersion.types.get(typeId) ?? versions.map((v) => v?.types.get(typeId)).find((t) => t)
        if (!isMonthly(type)) continue
        const amount = monthAmount(list, rules.partMonth)
        items.push({
          id: `${personId}|${type.kind}|${typeId}|${month}`,
          personId,
          kind: type.kind,
          typeId,
          label: type.label,
          month,
          amountCents: amount,
          dueDate,
          explanation: explain(ctx, type.label, month, days, list, rules.partMonth, amount),
        })
      }
    }
  }
  return items
}
