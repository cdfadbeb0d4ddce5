/**
 * Approved claims: loss of earnings (hours in working time rounded by the statute, hourly and
 * daily caps, flat rate for people running a household), travel (km rate, receipts, no in-town
 * trips where the statute says so) and care costs. One line item per claim; daily caps apply over
 * a member's claims of the same day in claim order.
 */
import { dayNumber, firstOfMonth, formatDayMonth, nextMonth } from './calendar-date.ts'
import type { CareClaim, Claim, LostEarningsClaim, TravelClaim } from './calculation-input.ts'
import type { LineItem } from './calculation-run.ts'
import { compareCodeUnits } from './canonical-json.ts'
import { divideRounded, formatEuro, formatHours } from './money.ts'
import type { RunContext } from './run-context.ts'
import type { AllowanceKind, AllowanceType, CareType, LostEarningsType, TravelType } from './statute.ts'

const KIND_LABELS: Record<Claim['kind'], string> = {
  travel: 'Fahrtkosten',
  lostEarnings: 'Verdienstausfall',
  care: 'Betreuungskosten',
}

const BASIS_NAMES: Record<LostEarningsClaim['basis'], string> = {
  employee: 'Arbeitnehmer/in',
  selfEmployed: 'Selbstständige/r',
  household: 'Haushaltsführung',
}

type Outcome = { amount: number; explanation: string }

function unitsOf(minutes: number, unit: number, mode: 'up' | 'down' | 'nearest'): number {
  if (mode === 'up') return Math.ceil(minutes / unit)
  if (mode === 'down') return Math.floor(minutes / unit)
  return Math.floor((2 * minutes + unit) / (2 * unit))
}

function kmText(km: number): string {
  const tenths = Math.round(km * 10)
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)},${tenths % 10}`
}

/** Remaining daily cap, booked as it is used. */
class DailyCaps {
  private readonly used = new Map<string, number>()
  apply(key: string, cap: number | undefined, amount: number): number {
    if (cap === undefined) return amount
    const used = this.used.get(key) ?? 0
    const granted = Math.max(0, Math.min(amount, cap - used))
    this.used.set(key, used + granted)
    return granted
  }
}

function lostEarnings(c: LostEarningsClaim, t: LostEarningsType, caps: DailyCaps): Outcome {
  const dm = formatDayMonth(c.date)
  const head = `${t.label} am ${dm} (${BASIS_NAMES[c.basis]})`
  let rate: number
  let rateNote: string
  let dailyCap: number | undefined
  if (c.basis === 'household') {
    if (!t.household) return { amount: 0, explanation: `${head}: die Satzung sieht dafür keinen Pauschalsatz vor = ${formatEuro(0)}` }
    rate = t.household.hourlyRateCents
    rateNote = 'Pauschalsatz für Haushaltsführende'
    dailyCap = t.household.dailyCapCents
  } else {
    const cfg = c.basis === 'employee' ? t.employee : t.selfEmployed
    if (!cfg) return { amount: 0, explanation: `${head}: die Satzung sieht dafür keinen Verdienstausfall vor = ${formatEuro(0)}` }
    const claimed = c.hourlyRateCents ?? 0
    const shown = c.basis === 'employee' ? 'bescheinigter Stundensatz' : 'glaubhaft gemachter Stundensatz'
    rate = Math.min(claimed, cfg.hourlyCapCents)
    rateNote = claimed > cfg.hourlyCapCents ? `${shown} ${formatEuro(claimed)}, höchstens ${formatEuro(cfg.hourlyCapCents)}` : shown
    dailyCap = cfg.dailyCapCents
  }
  const { unitMinutes, mode } = t.rounding
  const rounded = unitsOf(c.minutes, unitMinutes, mode) * unitMinutes
  const raw = divideRounded(rate * rounded, 60)
  const amount = caps.apply(`${c.personId}|${c.date}|lostEarnings|${c.basis}`, dailyCap, raw)
  const roundWord = mode === 'up' ? 'aufgerundet' : mode === 'down' ? 'abgerundet' : 'gerundet'
  const hours = rounded === c.minutes ? formatHours(c.minutes) : `${formatHours(c.minutes)}, ${roundWord} auf ${formatHours(rounded)}`
  const capNote = amount < raw ? `, begrenzt durch den Tageshöchstbetrag ${formatEuro(dailyCap ?? 0)} auf ${formatEuro(amount)}` : ''
  return { amount, explanation: `${head}: ${hours} in der Arbeitszeit × ${formatEuro(rate)} (${rateNote}) = ${formatEuro(raw)}${capNote}` }
}

function travel(c: TravelClaim, t: TravelType): Outcome {
  const head = `${t.label} am ${formatDayMonth(c.date)}`
  if (c.inTown && !t.inTownReimbursed) return { amount: 0, explanation: `${head}: Fahrten innerhalb des Stadtgebiets werden nicht erstattet = ${formatEuro(0)}` }
  if (c.mode === 'publicTransport') {
    if (!t.publicTransport) return { amount: 0, explanation: `${head}: Fahrkarten werden laut Satzung nicht erstattet = ${formatEuro(0)}` }
    const amount = c.receiptCents ?? 0
    return { amount, explanation: `${head}: Fahrkarte öffentlicher Nahverkehr laut Beleg ${formatEuro(amount)}` }
  }
  const tenths = Math.round((c.km ?? 0) * 10)
  const amount = divideRounded(tenths * t.kmRateCents, 10)
  return { amount, explanation: `${head}: ${kmText(c.km ?? 0)} km × ${formatEuro(t.kmRateCents)} = ${formatEuro(amount)}` }
}

function care(c: CareClaim, t: CareType, caps: DailyCaps): Outcome {
  const head = `${t.label} am ${formatDayMonth(c.date)}`
  let amount = c.receiptCents
  let text = `${head}: Beleg ${formatEuro(c.receiptCents)} für ${formatHours(c.minutes)}`
  if (t.hourlyCapCents !== undefined) {
    const limit = divideRounded(t.hourlyCapCents * c.minutes, 60)
    if (limit < amount) {
      amount = limit
      text += `, höchstens ${formatEuro(t.hourlyCapCents)} je Stunde = ${formatEuro(limit)}`
    }
  }
  const granted = caps.apply(`${c.personId}|${c.date}|care`, t.dailyCapCents, amount)
  if (granted < amount) text += `, begrenzt durch den Tageshöchstbetrag ${formatEuro(t.dailyCapCents ?? 0)} auf ${formatEuro(granted)}`
  else if (amount === c.receiptCents) text += ` = ${formatEuro(granted)}`
  return { amount: granted, explanation: text }
}

export function claimItems(ctx: RunContext, claims: readonly Claim[]): LineItem[] {
  const items: LineItem[] = []
  const caps = new DailyCaps()
  const inRun = claims
    .filter((c) => {
      const d = dayNumber(c.date)
      return d >= ctx.from && d <= ctx.to && ctx.members.has(c.personId)
    })
    .sort((a, b) => compareCodeUnits(a.personId, b.personId) || compareCodeUnits(a.date, b.date) || compareCodeUnits(a.id, b.id))
  for (const c of inRun) {
    const day = dayNumber(c.date)
    const v = ctx.timeline.versionOn(day)
    const type: AllowanceType | undefined = v?.version.types
      .filter((t) => t.kind === c.kind && ctx.assignments.has(c.personId, t.id, day))
      .sort((a, b) => compareCodeUnits(a.id, b.id))[0]
    const label = type?.label ?? KIND_LABELS[c.kind]
    let outcome: Outcome
    if (!type || !v) {
      outcome = { amount: 0, explanation: `${label} am ${formatDayMonth(c.date)}: kein Anspruch laut Satzung bzw. Zuordnung = ${formatEuro(0)}` }
    } else if (ctx.expelledDays.get(c.personId)?.has(day) && v.version.rules.expulsionForfeits.includes(c.kind as AllowanceKind)) {
      outcome = { amount: 0, explanation: `${label} am ${formatDayMonth(c.date)} entfällt: Ausschluss aus der Sitzung an diesem Tag = ${formatEuro(0)}` }
    } else if (c.kind === 'lostEarnings' && type.kind === 'lostEarnings') outcome = lostEarnings(c, type, caps)
    else if (c.kind === 'travel' && type.kind === 'travel') outcome = travel(c, type)
    else if (c.kind === 'care' && type.kind === 'care') outcome = care(c, type, caps)
    else throw new Error(`claim ${c.id}: kind ${c.kind} matched type ${type.id} of kind ${type.kind}`)
    const month = c.date.slice(0, 7)
    items.push({
      id: `${c.personId}|claim|${c.id}`,
      personId: c.personId,
      kind: c.kind,
      typeId: type?.id ?? null,
      label,
      month,
      date: c.date,
      amountCents: outcome.amount,
      dueDate: firstOfMonth(nextMonth(month)),
      explanation: outcome.explanation,
      ...(c.meetingId ? { meetingIds: [c.meetingId] } : {}),
      claimId: c.id,
    })
  }
  return items
}
