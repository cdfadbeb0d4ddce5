/**
 * Tax figures per member and calendar year from what was paid (the payout ledger, by the day of
 * payment): the tax-free part of the flat allowances per the state's rule, the taxable rest, and
 * the list of people paid 3,000 € or more for the report to the tax office
 * (Mitteilungsverordnung). The state's rule is configuration with a validity period
 * (tax-rules/sachsen-anhalt.json); docs/ALLOWANCES.md cites the source.
 */
import { z } from 'zod'
import { isIsoDate } from './calendar-date.ts'
import { compareCodeUnits } from './canonical-json.ts'
import { ConfigError, problemsFromZod } from './config-problems.ts'
import { formatEuro } from './money.ts'
import type { PaidEntry } from './payout.ts'
import { ALLOWANCE_KINDS, type AllowanceKind } from './statute.ts'
import { centsSchema, isoDateSchema } from './statute-validation.ts'
import saxonyAnhalt from '../tax-rules/sachsen-anhalt.json' with { type: 'json' }

export interface TaxRule {
  id: string
  /** two-letter state code, as the statute's `state` */
  state: string
  validFrom: string
  validTo?: string
  /** the decree and where it is published */
  source: string
  /** tax-free amount per month by size of the town; `maxInhabitants` null = any size */
  brackets: { maxInhabitants: number | null; taxFreeMonthlyCents: number }[]
  /** kinds the monthly tax-free amount is set against (flat allowance and Sitzungsgeld) */
  flatAllowanceKinds: AllowanceKind[]
  /** taxable in full (loss of earnings) */
  taxableKinds: AllowanceKind[]
  /** reimbursed costs, tax-free in full (travel, care) */
  exemptKinds: AllowanceKind[]
  /** a month's unused tax-free amount may be used in other months of the year */
  unusedMonthlyAmountCarriesOver: boolean
  /** report to the tax office from this yearly total per person */
  reportThresholdCents: number
  /** kinds that count towards the report threshold */
  reportKinds: AllowanceKind[]
}

const kinds = z.array(z.enum(ALLOWANCE_KINDS))
const ruleSchema = z.strictObject({
  id: z.string().min(1).max(60),
  state: z.string().regex(/^[A-Z]{2}$/),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.optional(),
  source: z.string().min(1).max(500),
  brackets: z.array(z.strictObject({ maxInhabitants: z.number().int().min(1).nullable(), taxFreeMonthlyCents: centsSchema })).min(1),
  flatAllowanceKinds: kinds,
  taxableKinds: kinds,
  exemptKinds: kinds,
  unusedMonthlyAmountCarriesOver: z.boolean(),
  reportThresholdCents: centsSchema,
  reportKinds: kinds,
})

export function parseTaxRules(value: unknown): TaxRule[] {
  const parsed = z.array(ruleSchema).safeParse(value, { reportInput: true })
  if (!parsed.success) throw new ConfigError('Steuerregel ungültig', problemsFromZod(parsed.error.issues))
  return parsed.data
}

/** Saxony-Anhalt (decree of 31.03.2022). */
export const SAXONY_ANHALT_TAX_RULES: TaxRule[] = parseTaxRules(saxonyAnhalt)

export interface TaxPerson {
  personId: string
  name: string
  /** steuerliche Identifikationsnummer (needed for the report) */
  taxId?: string
  /** months the office was held in the year, when the clerk knows better than the payments show */
  monthsOfActivity?: number
}

export interface YearlyTaxInput {
  year: number
  /** the town: state and inhabitants (the statute has both) */
  town: { state: string; inhabitants: number }
  payments: PaidEntry[]
  persons: TaxPerson[]
  rules: TaxRule[]
}

export interface MemberTaxYear {
  personId: string
  name: string
  taxId: string | null
  totalCents: number
  byKind: Record<AllowanceKind, number>
  flatAllowanceCents: number
  monthsOfActivity: number
  /** the tax-free part of the flat allowances */
  taxFreeCents: number
  /** flat allowances above the tax-free amount */
  taxableFlatCents: number
  /** taxable in full (loss of earnings) */
  taxableOtherCents: number
  /** reimbursed costs (tax-free) */
  exemptCents: number
  taxableCents: number
  /** payments of the kinds that count for the report */
  reportCents: number
  reportable: boolean
  /** German, for the member's statement */
  explanation: string
}

export interface YearlyTaxSummary {
  year: number
  rule: { id: string; source: string; taxFreeMonthlyCents: number } | null
  members: MemberTaxYear[]
  /** people with payments of at least the threshold: the tax office report */
  report: { personId: string; name: string; taxId: string | null; totalCents: number }[]
  notes: string[]
}

function ruleFor(rules: TaxRule[], state: string, year: number): TaxRule | null {
  const end = `${year}-12-31`
  const start = `${year}-01-01`
  const valid = rules.filter((r) => r.state === state && r.validFrom <= end && (r.validTo === undefined || r.validTo >= start))
  return valid.sort((a, b) => compareCodeUnits(b.validFrom, a.validFrom))[0] ?? null
}

export function yearlyTaxSummary(input: YearlyTaxInput): YearlyTaxSummary {
  const notes: string[] = []
  const rule = ruleFor(input.rules, input.town.state, input.year)
  const bracket = rule?.brackets
    .filter((b) => b.maxInhabitants === null || input.town.inhabitants <= b.maxInhabitants)
    .sort((a, b) => (a.maxInhabitants ?? Infinity) - (b.maxInhabitants ?? Infinity))[0]
  if (!rule) notes.push(`Keine Steuerregel für ${input.town.state} im Jahr ${input.year} hinterlegt: steuerfreier Anteil nicht berechnet`)
  else if (!bracket) notes.push(`Steuerregel ${rule.id} hat keinen Betrag für Gemeinden mit ${input.town.inhabitants} Einwohnern: steuerfreier Anteil nicht berechnet`)
  const monthly = rule && bracket ? bracket.taxFreeMonthlyCents : 0

  const persons = new Map(input.persons.map((p) => [p.personId, p]))
  const byPerson = new Map<string, PaidEntry[]>()
  for (const p of input.payments) {
    if (!isIsoDate(p.paidOn) || Number(p.paidOn.slice(0, 4)) !== input.year) continue
    byPerson.set(p.personId, [...(byPerson.get(p.personId) ?? []), p])
  }
  const members: MemberTaxYear[] = []
  for (const personId of [...byPerson.keys()].sort(compareCodeUnits)) {
    const entries = byPerson.get(personId)!
    const person = persons.get(personId)
    const byKind = Object.fromEntries(ALLOWANCE_KINDS.map((k) => [k, 0])) as Record<AllowanceKind, number>
    const flatByMonth = new Map<string, number>()
    for (const e of entries) {
      byKind[e.kind] += e.amountCents
      if (rule?.flatAllowanceKinds.includes(e.kind)) flatByMonth.set(e.month, (flatByMonth.get(e.month) ?? 0) + e.amountCents)
    }
    const sumOf = (ks: readonly AllowanceKind[] | undefined) => (ks ?? []).reduce((s, k) => s + byKind[k], 0)
    const total = ALLOWANCE_KINDS.reduce((s, k) => s + byKind[k], 0)
    const flat = sumOf(rule?.flatAllowanceKinds)
    const months = Math.min(12, person?.monthsOfActivity ?? [...flatByMonth.values()].filter((v) => v > 0).length)
    let taxFree = 0
    if (rule && bracket) {
      taxFree = rule.unusedMonthlyAmountCarriesOver
        ? Math.min(flat, months * monthly)
        : [...flatByMonth.values()].reduce((s, v) => s + Math.max(0, Math.min(v, monthly)), 0)
    }
    const taxableFlat = rule && bracket ? flat - taxFree : 0
    const taxableOther = sumOf(rule?.taxableKinds)
    const exempt = sumOf(rule?.exemptKinds)
    const reportTotal = rule ? sumOf(rule.reportKinds) : total
    const reportable = rule !== null && reportTotal >= rule.reportThresholdCents
    const parts: string[] = []
    if (rule && bracket) {
      parts.push(
        `Aufwandsentschädigung und Sitzungsgeld ${formatEuro(flat)}, davon steuerfrei ${formatEuro(taxFree)} ` +
          `(${months} ${months === 1 ? 'Monat' : 'Monate'} × ${formatEuro(monthly)}${rule.unusedMonthlyAmountCarriesOver ? ', im Jahr übertragbar' : ', je Monat'}), steuerpflichtig ${formatEuro(taxableFlat)}`,
      )
      if (taxableOther > 0) parts.push(`Verdienstausfall ${formatEuro(taxableOther)} steuerpflichtig`)
      if (exempt > 0) parts.push(`Fahrt- und Betreuungskosten ${formatEuro(exempt)} steuerfrei erstattet`)
    } else parts.push(`Summe ${formatEuro(total)}; steuerfreier Anteil nicht berechnet (keine Regel)`)
    if (reportable) parts.push(`Mitteilung an das Finanzamt (ab ${formatEuro(rule!.reportThresholdCents)} im Jahr)`)
    members.push({
      personId,
      name: person?.name ?? personId,
      taxId: person?.taxId ?? null,
      totalCents: total,
      byKind,
      flatAllowanceCents: flat,
      monthsOfActivity: months,
      taxFreeCents: taxFree,
      taxableFlatCents: taxableFlat,
      taxableOtherCents: taxableOther,
      exemptCents: exempt,
      taxableCents: taxableFlat + taxableOther,
      reportCents: reportTotal,
      reportable,
      explanation: `${input.year}: ${parts.join('; ')}`,
    })
  }
  const report = members
    .filter((m) => m.reportable)
    .map((m) => ({ personId: m.personId, name: m.name, taxId: m.taxId, totalCents: m.reportCents }))
  for (const r of report) if (!r.taxId) notes.push(`Steuer-ID von ${r.name} fehlt (für die Mitteilung an das Finanzamt nötig)`)
  return { year: input.year, rule: rule && bracket ? { id: rule.id, source: rule.source, taxFreeMonthlyCents: monthly } : null, members, report, notes }
}
