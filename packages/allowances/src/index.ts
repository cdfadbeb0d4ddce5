/**
 * @ratstisch/allowances: the Sitzungsgeld engine. Pure functions over plain data; README.md
 * documents the API, docs/ALLOWANCES.md the statute schema and the rules.
 */
export * from './statute.ts'
export { validateStatute, parseStatute, type StatuteValidation } from './statute-validation.ts'
export { ConfigError, formatProblem, type ConfigProblem } from './config-problems.ts'
export type * from './calculation-input.ts'
export { assertCalculationInput } from './calculation-input.ts'
export { effectiveAssignments, type AssignmentSpan } from './assignments.ts'
export { calculate, normalizeInput } from './calculate.ts'
export { RUN_FORMAT, type CalculationRun, type LineItem, type MemberResult } from './calculation-run.ts'
export type { Statement, StatementItem } from './statement.ts'
export { diffRuns, type ItemChange, type MemberDiff, type RunDiff } from './run-diff.ts'
export { buildPayout, paidEntriesOf, type Debtor, type PaidEntry, type Payee, type Payout, type PayoutInput, type PayoutLine, type Settlement } from './payout.ts'
export { pain001Xml, PAIN_001_NAMESPACE } from './pain001-xml.ts'
export { toSepaText } from './sepa-text.ts'
export { ibanProblems, bicProblems, normalizeIban, formatIban } from './bank-account.ts'
export {
  bookingCsv,
  encodeBookingCsv,
  parseBookingCsvConfig,
  DEFAULT_BOOKING_CSV,
  BOOKING_FIELDS,
  type BookingCsvConfig,
  type BookingField,
} from './booking-csv.ts'
export { yearlyTaxSummary, parseTaxRules, SAXONY_ANHALT_TAX_RULES, type TaxRule, type TaxPerson, type YearlyTaxInput, type YearlyTaxSummary, type MemberTaxYear } from './tax.ts'
export { formatEuro, formatDecimalComma, formatDecimalPoint } from './money.ts'
