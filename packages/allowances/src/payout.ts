/**
 * A payout run: from approved calculation runs and the ledger of what was already paid, the
 * amounts still to pay per member (one transfer each), blocked transfers (bank data missing or
 * invalid) and reclaims (a correction left a member owing money). Idempotent: items in the ledger
 * are paid only for the difference, so building a payout twice never pays twice, and a rebuilt
 * transfer keeps its EndToEndId.
 */
import { z } from 'zod'
import { bicProblems, ibanProblems, normalizeIban } from './bank-account.ts'
import type { CalculationRun, LineItem } from './calculation-run.ts'
import { canonicalJson, compareCodeUnits, sha256Hex } from './canonical-json.ts'
import { ConfigError, messageKey, problem, problemsFromZod, type ConfigProblem } from './config-problems.ts'
import { toSepaText } from './sepa-text.ts'
import { ALLOWANCE_KINDS, type AllowanceKind } from './statute.ts'
import { isoDateSchema } from './statute-validation.ts'

/** Bank and address data of a member (only the payout sees it). */
export interface Payee {
  personId: string
  name: string
  iban: string
  bic?: string
  street?: string
  postalCode?: string
  town?: string
  /** ISO country code, "DE" */
  country?: string
}

/** The town's account (Auftraggeber); banks need at least town and country of the address. */
export interface Debtor {
  name: string
  iban: string
  bic?: string
  street?: string
  postalCode?: string
  town: string
  country: string
}

/** One item (or part of it) settled by a payout; the relay keeps these as its ledger. */
export interface PaidEntry {
  itemId: string
  personId: string
  kind: AllowanceKind
  month: string
  amountCents: number
  payoutId: string
  endToEndId: string
  /** date the bank executed (or the clerk confirmed) the payout */
  paidOn: string
}

export interface PayoutInput {
  /** approved runs; for the same item id a later run in the list wins */
  runs: CalculationRun[]
  /** the ledger of earlier payouts */
  paid?: PaidEntry[]
  payees: Payee[]
  debtor: Debtor
  /** requested execution date (ReqdExctnDt) */
  executionDate: string
  /** creation time of the file (CreDtTm), local "2026-04-01T10:00:00"; given by the caller, the engine has no clock */
  createdAt: string
  /** only items due on or before this day (default: all) */
  dueBy?: string
  /** start of the remittance text; default "Aufwandsentschädigung" */
  remittancePrefix?: string
  /** default: derived from the transfers */
  messageId?: string
}

export interface PayoutLine {
  itemId: string
  kind: AllowanceKind
  label: string
  month: string
  /** what this payout pays for the item (negative: a correction offset against the rest) */
  amountCents: number
}

export interface Settlement {
  personId: string
  name: string
  amountCents: number
  lines: PayoutLine[]
  /**
   * transfer: paid by SEPA; blocked: bank data missing or invalid (`problems`); reclaim: the member
   * owes the amount back; offset: corrections cancel out, nothing to transfer
   */
  status: 'transfer' | 'blocked' | 'reclaim' | 'offset'
  problems: string[]
  /** transfers only */
  endToEndId?: string
  remittance?: string
  payee?: Payee
}

export interface Payout {
  messageId: string
  paymentInfoId: string
  createdAt: string
  executionDate: string
  debtor: Debtor
  /** all members with something to settle, by person id */
  settlements: Settlement[]
  /** the settlements with status `transfer` */
  transfers: Settlement[]
  numberOfTransactions: number
  controlSumCents: number
}

const MAX_SEPA_AMOUNT = 99_999_999_999

const debtorSchema = z.strictObject({
  name: z.string().min(1).max(140),
  iban: z.string().min(1),
  bic: z.string().optional(),
  street: z.string().max(70).optional(),
  postalCode: z.string().max(16).optional(),
  town: z.string().min(1).max(35),
  country: z.string().regex(/^[A-Z]{2}$/),
})

const payoutSchema = z.object({
  executionDate: isoDateSchema,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, { error: messageKey('timestamp') }),
  dueBy: isoDateSchema.optional(),
  debtor: debtorSchema,
  messageId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/).optional(),
  remittancePrefix: z.string().min(1).max(60).optional(),
})

function debtorProblems(d: Debtor): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  for (const p of ibanProblems(d.iban)) problems.push(problem('debtor.iban', p, 'invalid IBAN'))
  if (d.bic) for (const p of bicProblems(d.bic)) problems.push(problem('debtor.bic', p, 'invalid BIC'))
  return problems
}

function payeeProblems(p: Payee | undefined): string[] {
  if (!p) return ['keine Bankverbindung hinterlegt']
  const problems = [...ibanProblems(p.iban)]
  if (p.bic) problems.push(...bicProblems(p.bic))
  if (!toSepaText(p.name, 70)) problems.push('Name des Zahlungsempfängers fehlt')
  if ((p.town && !p.country) || (!p.town && p.country)) problems.push('Anschrift braucht Ort und Land')
  if (p.country && !/^[A-Z]{2}$/.test(p.country)) problems.push(`Land ${p.country}: zweistelliges Länderkennzeichen erwartet (DE)`)
  return problems
}

function monthsText(months: string[]): string {
  const mm = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`
  if (months.length <= 3) return months.map(mm).join(', ')
  return `${mm(months[0])}-${mm(months[months.length - 1])}`
}

/** What is still to pay per item: the latest amount minus what the ledger paid. */
function openLines(input: PayoutInput): Map<string, { name: string; lines: PayoutLine[] }> {
  const current = new Map<string, { item: LineItem; name: string }>()
  for (const run of input.runs) for (const m of run.members) for (const item of m.items) current.set(item.id, { item, name: m.name })
  const paid = new Map<string, { sum: number; entry: PaidEntry }>()
  for (const e of input.paid ?? []) {
    const p = paid.get(e.itemId)
    paid.set(e.itemId, { sum: (p?.sum ?? 0) + e.amountCents, entry: e })
  }
  const covered = (month: string) => input.runs.some((r) => month >= r.period.from.slice(0, 7) && month <= r.period.to.slice(0, 7))
  const names = new Map<string, string>()
  for (const run of input.runs) for (const m of run.members) names.set(m.personId, m.name)

  const byPerson = new Map<string, { name: string; lines: PayoutLine[] }>()
  const add = (personId: string, name: string, line: PayoutLine) => {
    const entry = byPerson.get(personId) ?? { name, lines: [] }
    entry.lines.push(line)
    byPerson.set(personId, entry)
  }
  for (const [id, { item, name }] of current) {
    if (input.dueBy && item.dueDate > input.dueBy) continue
    const open = item.amountCents - (paid.get(id)?.sum ?? 0)
    if (open !== 0) add(item.personId, name, { itemId: id, kind: item.kind, label: item.label, month: item.month, amountCents: open })
  }
  // paid items a later run of the same period no longer has: the payment is corrected to 0
  for (const [id, { sum, entry }] of paid) {
    if (current.has(id) || sum === 0 || !covered(entry.month)) continue
    add(entry.personId, names.get(entry.personId) ?? entry.personId, { itemId: id, kind: entry.kind, label: 'Korrektur (Posten entfällt)', month: entry.month, amountCents: -sum })
  }
  return byPerson
}

export function buildPayout(input: PayoutInput): Payout {
  const parsed = payoutSchema.safeParse(input, { reportInput: true })
  if (!parsed.success) throw new ConfigError('Auszahlung ungültig', problemsFromZod(parsed.error.issues))
  const dProblems = debtorProblems(input.debtor)
  if (dProblems.length > 0) throw new ConfigError('Auftraggeberkonto ungültig', dProblems)

  const payees = new Map(input.payees.map((p) => [p.personId, p]))
  const prefix = input.remittancePrefix ?? 'Aufwandsentschädigung'
  const settlements: Settlement[] = []
  const open = openLines(input)
  for (const personId of [...open.keys()].sort(compareCodeUnits)) {
    const { name, lines } = open.get(personId)!
    lines.sort((a, b) => compareCodeUnits(a.month, b.month) || ALLOWANCE_KINDS.indexOf(a.kind) - ALLOWANCE_KINDS.indexOf(b.kind) || compareCodeUnits(a.itemId, b.itemId))
    const amount = lines.reduce((s, l) => s + l.amountCents, 0)
    const base = { personId, name, amountCents: amount, lines }
    if (amount < 0) {
      settlements.push({ ...base, status: 'reclaim', problems: [] })
      continue
    }
    if (amount === 0) {
      settlements.push({ ...base, status: 'offset', problems: [] })
      continue
    }
    const payee = payees.get(personId)
    const problems = payeeProblems(payee)
    if (amount > MAX_SEPA_AMOUNT) problems.push('Betrag zu hoch für eine SEPA-Überweisung')
    if (problems.length > 0 || !payee) {
      settlements.push({ ...base, status: 'blocked', problems })
      continue
    }
    const endToEndId = `SG-${sha256Hex(canonicalJson({ personId, lines: lines.map((l) => [l.itemId, l.amountCents]) })).slice(0, 32)}`
    const months = [...new Set(lines.map((l) => l.month))].sort(compareCodeUnits)
    settlements.push({
      ...base,
      status: 'transfer',
      problems: [],
      endToEndId,
      remittance: toSepaText(`${prefix} ${monthsText(months)}`, 140),
      payee: { ...payee, iban: normalizeIban(payee.iban), ...(payee.bic ? { bic: payee.bic.toUpperCase() } : {}) },
    })
  }
  const transfers = settlements.filter((s) => s.status === 'transfer')
  const messageId =
    input.messageId ?? `SG-${sha256Hex(canonicalJson({ executionDate: input.executionDate, transfers: transfers.map((t) => t.endToEndId) })).slice(0, 29)}`
  return {
    messageId,
    paymentInfoId: `${messageId}-P1`,
    createdAt: input.createdAt,
    executionDate: input.executionDate,
    debtor: { ...input.debtor, iban: normalizeIban(input.debtor.iban) },
    settlements,
    transfers,
    numberOfTransactions: transfers.length,
    controlSumCents: transfers.reduce((s, t) => s + t.amountCents, 0),
  }
}

/**
 * The ledger entries to record once the bank accepted the file (transfers) and for settlements
 * whose corrections cancel out. Reclaims and blocked transfers stay open.
 */
export function paidEntriesOf(payout: Payout, paidOn: string): PaidEntry[] {
  const entries: PaidEntry[] = []
  for (const s of payout.settlements) {
    if (s.status !== 'transfer' && s.status !== 'offset') continue
    for (const l of s.lines) {
      entries.push({
        itemId: l.itemId,
        personId: s.personId,
        kind: l.kind,
        month: l.month,
        amountCents: l.amountCents,
        payoutId: payout.messageId,
        endToEndId: s.endToEndId ?? '',
        paidOn,
      })
    }
  }
  return entries
}
