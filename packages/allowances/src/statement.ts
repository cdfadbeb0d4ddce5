/**
 * A member's yearly statement as the relay answers it and the app shows it (and the statement PDF
 * prints): the year's line items of approved runs with what was paid, and the tax figures.
 */
import type { LineItem } from './calculation-run.ts'
import type { AllowanceKind } from './statute.ts'

export interface StatementItem extends LineItem {
  paidCents: number
}

export interface Statement {
  personId: string
  name: string
  year: number
  runs: { id: string; label: string; approvedAt: string }[]
  items: StatementItem[]
  totalsByKind: { kind: AllowanceKind; amountCents: number }[]
  totalCents: number
  paidCents: number
  openCents: number
  /** from the payments of the year (day of payment), per the state's rule; null before the first payment */
  tax: {
    totalCents: number
    taxFreeCents: number
    exemptCents: number
    taxableCents: number
    taxFreeMonthlyCents: number | null
    explanation: string
    rule: string | null
    reportable: boolean
  } | null
}
