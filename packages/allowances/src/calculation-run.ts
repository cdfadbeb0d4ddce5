/**
 * What a calculation run returns: per member the line items, each with an amount in cents and an
 * explanation in German the member understands. Plain data, JSON-serialisable and deterministic:
 * the same input gives a byte-identical `JSON.stringify` of the run (no clock, no random ids).
 */
import type { CalculationPeriod } from './calculation-input.ts'
import type { AllowanceKind } from './statute.ts'

export const RUN_FORMAT = 'ratstisch-allowances-run/1'

export interface LineItem {
  /**
   * Stable across re-runs of the same period: person, kind, type and month or day (or the claim).
   * Payouts and corrections key on it.
   */
  id: string
  personId: string
  kind: AllowanceKind
  /** the statute's allowance type; null when a claim found no type (amount 0, see explanation) */
  typeId: string | null
  /** the type's label: "Aufwandsentschädigung Stadtratsmitglied" */
  label: string
  /** the month the item is for (YYYY-MM) */
  month: string
  /** the day (session fees and claims) */
  date?: string
  amountCents: number
  /** when the item falls due (monthly rates in advance: the first of their month) */
  dueDate: string
  /** "2 × Sitzungsgeld 21,00 € am 12.03., Tageshöchstbetrag 52,50 € (…)" */
  explanation: string
  /** meetings the item pays for */
  meetingIds?: string[]
  claimId?: string
}

export interface MemberResult {
  personId: string
  name: string
  totalCents: number
  items: LineItem[]
}

export interface CalculationRun {
  format: typeof RUN_FORMAT
  statuteId: string
  statuteTitle: string
  period: CalculationPeriod
  /** SHA-256 of the canonical input (statute, period and all records, order-independent) */
  inputHash: string
  /** members with at least one item, by person id */
  members: MemberResult[]
  totalCents: number
  totalsByKind: Record<AllowanceKind, number>
  /** remarks for the clerk (German), e.g. attendance of people outside the run */
  notes: string[]
}
