/**
 * The allowance tables of the relay database (migration 8): statute versions, the finance clerk's
 * assignments and absences, members' bank data, claims with their proofs, calculation runs, payouts
 * and the paid ledger. Plain SQL over typed rows; who may call what is decided in
 * allowance-service.ts. None of this is ever written into an Automerge document, the read model or
 * the public model, so it cannot sync to anybody's device nor reach the portal, OParl or search.
 */
import { randomUUID } from 'node:crypto'
import type { AbsenceRecord, AssignmentOverride, CalculationRun, PaidEntry, Payout } from '@ratstisch/allowances'
import type { RelayDatabase } from '../db/database.ts'

export const CLAIM_KINDS = ['travel', 'lostEarnings', 'care'] as const
export type ClaimKind = (typeof CLAIM_KINDS)[number]
export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** What a member states for a claim, per kind (amounts in cents, distances in km). */
export type ClaimData =
  | { mode: 'car'; km: number; inTown: boolean }
  | { mode: 'publicTransport'; receiptCents: number; inTown: boolean }
  | { basis: 'employee' | 'selfEmployed'; minutes: number; hourlyRateCents: number }
  | { basis: 'household'; minutes: number }
  | { minutes: number; receiptCents: number }

export interface ClaimFile {
  sha256: string
  name: string
  mime: string
  size: number
}

export interface ClaimRecord {
  id: string
  personId: string
  kind: ClaimKind
  date: string
  meetingId: string | null
  data: ClaimData
  note: string | null
  status: ClaimStatus
  reason: string | null
  submittedAt: string
  submittedBy: string
  decidedAt: string | null
  decidedBy: string | null
  files: ClaimFile[]
}

export interface StatuteRecord {
  version: number
  statuteId: string
  title: string
  json: string
  sha256: string
  uploadedAt: string
  uploadedBy: string | null
}

export interface AssignmentRecord extends AssignmentOverride {
  id: string
  createdAt: string
  createdBy: string | null
}

export interface AbsenceEntry extends AbsenceRecord {
  id: string
  createdAt: string
  createdBy: string | null
}

export interface PayeeRecord {
  personId: string
  accountHolder: string | null
  iban: string
  bic: string | null
  street: string | null
  postalCode: string | null
  town: string | null
  country: string | null
  taxId: string | null
  updatedAt: string
  updatedBy: string | null
}

export interface RunRecord {
  id: string
  periodFrom: string
  periodTo: string
  statuteVersion: number
  inputHash: string
  totalCents: number
  memberCount: number
  createdAt: string
  createdBy: string | null
  approvedAt: string | null
  approvedBy: string | null
}

export interface PayoutRecord {
  id: string
  messageId: string
  createdAt: string
  createdBy: string | null
  executionDate: string
  dueBy: string | null
  runIds: string[]
  transfers: number
  controlSumCents: number
  csvEncoding: string
  status: 'created' | 'cancelled'
  cancelledAt: string | null
  cancelledBy: string | null
}

export const newId = (prefix: string): string => `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 16)}`

interface ClaimRow {
  id: string
  person_id: string
  kind: ClaimKind
  date: string
  meeting_id: string | null
  data: string
  note: string | null
  status: ClaimStatus
  reason: string | null
  submitted_at: string
  submitted_by: string
  decided_at: string | null
  decided_by: string | null
}

interface RunRow {
  id: string
  period_from: string
  period_to: string
  statute_version: number
  input_hash: string
  total_cents: number
  member_count: number
  created_at: string
  created_by: string | null
  approved_at: string | null
  approved_by: string | null
}

interface PayoutRow {
  id: string
  message_id: string
  created_at: string
  created_by: string | null
  execution_date: string
  due_by: string | null
  run_ids: string
  transfers: number
  control_sum_cents: number
  csv_encoding: string
  status: 'created' | 'cancelled'
  cancelled_at: string | null
  cancelled_by: string | null
}

const RUN_COLUMNS = 'id, period_from, period_to, statute_version, input_hash, total_cents, member_count, created_at, created_by, approved_at, approved_by'
const PAYOUT_COLUMNS = 'id, message_id, created_at, created_by, execution_date, due_by, run_ids, transfers, control_sum_cents, csv_encoding, status, cancelled_at, cancelled_by'

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  statuteVersion: r.statute_version,
  inputHash: r.input_hash,
  totalCents: r.total_cents,
  memberCount: r.member_count,
  createdAt: r.created_at,
  createdBy: r.created_by,
  approvedAt: r.approved_at,
  approvedBy: r.approved_by,
})

const toPayout = (r: PayoutRow): PayoutRecord => ({
  id: r.id,
  messageId: r.message_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  executionDate: r.execution_date,
  dueBy: r.due_by,
  runIds: JSON.parse(r.run_ids) as string[],
  transfers: r.transfers,
  controlSumCents: r.control_sum_cents,
  csvEncoding: r.csv_encoding,
  status: r.status,
  cancelledAt: r.cancelled_at,
  cancelledBy: r.cancelled_by,
})

export class AllowanceStore {
  constructor(readonly db: RelayDatabase) {}

  // -- statute --------------------------------------------------------------------------------

  currentStatute(): StatuteRecord | undefined {
    const row = this.db.prepare('SELECT * FROM allowance_statutes ORDER BY version DESC LIMIT 1').get() as
      | { version: number; statute_id: string; title: string; json: string; sha256: string; uploaded_at: string; uploaded_by: string | null }
      | undefined
    return row && { version: row.version, statuteId: row.statute_id, title: row.title, json: row.json, sha256: row.sha256, uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by }
  }

  statute(version: number): StatuteRecord | undefined {
    const row = this.db.prepare('SELECT * FROM allowance_statutes WHERE version = ?').get(version) as
      | { version: number; statute_id: string; title: string; json: string; sha256: string; uploaded_at: string; uploaded_by: string | null }
      | undefined
    return row && { version: row.version, statuteId: row.statute_id, title: row.title, json: row.json, sha256: row.sha256, uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by }
  }

  statuteVersions(): Omit<StatuteRecord, 'json'>[] {
    return (
      this.db.prepare('SELECT version, statute_id, title, sha256, uploaded_at, uploaded_by FROM allowance_statutes ORDER BY version DESC').all() as {
        version: number
        statute_id: string
        title: string
        sha256: string
        uploaded_at: string
        uploaded_by: string | null
      }[]
    ).map((r) => ({ version: r.version, statuteId: r.statute_id, title: r.title, sha256: r.sha256, uploadedAt: r.uploaded_at, uploadedBy: r.uploaded_by }))
  }

  addStatute(input: { statuteId: string; title: string; json: string; sha256: string; by: string | null; at: string }): number {
    const result = this.db
      .prepare('INSERT INTO allowance_statutes (statute_id, title, json, sha256, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.statuteId, input.title, input.json, input.sha256, input.at, input.by)
    return Number(result.lastInsertRowid)
  }

  // -- assignments and absences -----------------------------------------------------------------

  assignments(): AssignmentRecord[] {
    const rows = this.db.prepare('SELECT * FROM allowance_assignments ORDER BY person_id, from_date, id').all() as {
      id: string
      person_id: string
      type_id: string
      action: 'add' | 'remove'
      from_date: string
      to_date: string | null
      organization_id: string | null
      note: string | null
      created_at: string
      created_by: string | null
    }[]
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      typeId: r.type_id,
      action: r.action,
      from: r.from_date,
      to: r.to_date,
      ...(r.organization_id ? { organizationId: r.organization_id } : {}),
      ...(r.note ? { note: r.note } : {}),
      createdAt: r.created_at,
      createdBy: r.created_by,
    }))
  }

  addAssignment(a: AssignmentOverride, by: string | null, at: string): string {
    const id = newId('as')
    this.db
      .prepare('INSERT INTO allowance_assignments (id, person_id, type_id, action, from_date, to_date, organization_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.personId, a.typeId, a.action, a.from, a.to ?? null, a.organizationId ?? null, a.note ?? null, at, by)
    return id
  }

  deleteAssignment(id: string): boolean {
    return this.db.prepare('DELETE FROM allowance_assignments WHERE id = ?').run(id).changes > 0
  }

  absences(): AbsenceEntry[] {
    const rows = this.db.prepare('SELECT * FROM allowance_absences ORDER BY person_id, from_date, id').all() as {
      id: string
      person_id: string
      from_date: string
      to_date: string | null
      note: string | null
      created_at: string
      created_by: string | null
    }[]
    return rows.map((r) => ({ id: r.id, personId: r.person_id, from: r.from_date, to: r.to_date, ...(r.note ? { note: r.note } : {}), createdAt: r.created_at, createdBy: r.created_by }))
  }

  addAbsence(a: AbsenceRecord, by: string | null, at: string): string {
    const id = newId('ab')
    this.db
      .prepare('INSERT INTO allowance_absences (id, person_id, from_date, to_date, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.personId, a.from, a.to ?? null, a.note ?? null, at, by)
    return id
  }

  deleteAbsence(id: string): boolean {
    return this.db.prepare('DELETE FROM allowance_absences WHERE id = ?').run(id).changes > 0
  }

  // -- bank data ------------------------------------------------------------------------------

  payees(): PayeeRecord[] {
    return (this.db.prepare('SELECT * FROM allowance_payees ORDER BY person_id').all() as PayeeRow[]).map(toPayee)
  }

  payee(personId: string): PayeeRecord | undefined {
    const row = this.db.prepare('SELECT * FROM allowance_payees WHERE person_id = ?').get(personId) as PayeeRow | undefined
    return row && toPayee(row)
  }

  savePayee(p: Omit<PayeeRecord, 'updatedAt' | 'updatedBy'>, by: string | null, at: string): void {
    this.db
      .prepare(
        `INSERT INTO allowance_payees (person_id, account_holder, iban, bic, street, postal_code, town, country, tax_id, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(person_id) DO UPDATE SET account_holder = excluded.account_holder, iban = excluded.iban, bic = excluded.bic,
           street = excluded.street, postal_code = excluded.postal_code, town = excluded.town, country = excluded.country,
           tax_id = excluded.tax_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(p.personId, p.accountHolder, p.iban, p.bic, p.street, p.postalCode, p.town, p.country, p.taxId, at, by)
  }

  deletePayee(personId: string): boolean {
    return this.db.prepare('DELETE FROM allowance_payees WHERE person_id = ?').run(personId).changes > 0
  }

  // -- claims ---------------------------------------------------------------------------------

  private claimsWhere(where: string, ...params: unknown[]): ClaimRecord[] {
    const rows = this.db.prepare(`SELECT * FROM allowance_claims ${where}`).all(...params) as ClaimRow[]
    if (rows.length === 0) return []
    const files = this.db
      .prepare('SELECT claim_id, sha256, name, mime, size FROM allowance_claim_files WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY name')
      .all(JSON.stringify(rows.map((r) => r.id))) as (ClaimFile & { claim_id: string })[]
    const byClaim = new Map<string, ClaimFile[]>()
    for (const f of files) {
      const list = byClaim.get(f.claim_id) ?? []
      list.push({ sha256: f.sha256, name: f.name, mime: f.mime, size: f.size })
      byClaim.set(f.claim_id, list)
    }
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      kind: r.kind,
      date: r.date,
      meetingId: r.meeting_id,
      data: JSON.parse(r.data) as ClaimData,
      note: r.note,
      status: r.status,
      reason: r.reason,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      files: byClaim.get(r.id) ?? [],
    }))
  }

  claim(id: string): ClaimRecord | undefined {
    return this.claimsWhere('WHERE id = ?', id)[0]
  }

  claimsOf(personId: string): ClaimRecord[] {
    return this.claimsWhere('WHERE person_id = ? ORDER BY date DESC, submitted_at DESC', personId)
  }

  claims(filter: { status?: ClaimStatus; from?: string; to?: string } = {}): ClaimRecord[] {
    return this.claimsWhere(
      'WHERE (? IS NULL OR status = ?) AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?) ORDER BY date DESC, submitted_at DESC',
      filter.status ?? null,
      filter.status ?? null,
      filter.from ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.to ?? null,
    )
  }

  addClaim(c: Omit<ClaimRecord, 'status' | 'reason' | 'decidedAt' | 'decidedBy'>): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO allowance_claims (id, person_id, kind, date, meeting_id, data, note, status, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(c.id, c.personId, c.kind, c.date, c.meetingId, JSON.stringify(c.data), c.note, 'pending', c.submittedAt, c.submittedBy)
      const file = this.db.prepare('INSERT OR IGNORE INTO allowance_claim_files (claim_id, sha256, name, mime, size) VALUES (?, ?, ?, ?, ?)')
      for (const f of c.files) file.run(c.id, f.sha256, f.name, f.mime, f.size)
    })()
  }

  /** Sets the status of a pending claim; false when it is no longer pending (decided meanwhile). */
  decideClaim(id: string, status: Exclude<ClaimStatus, 'pending'>, reason: string | null, by: string, at: string): boolean {
    return (
      this.db
        .prepare("UPDATE allowance_claims SET status = ?, reason = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'")
        .run(status, reason, at, by, id).changes > 0
    )
  }

  /** Whether any claim still references the blob (proofs are content-addressed and may be shared). */
  claimFileOwners(sha256: string): { claimId: string; personId: string }[] {
    return this.db
      .prepare('SELECT f.claim_id AS claimId, c.person_id AS personId FROM allowance_claim_files f JOIN allowance_claims c ON c.id = f.claim_id WHERE f.sha256 = ?')
      .all(sha256) as { claimId: string; personId: string }[]
  }

  // -- runs -----------------------------------------------------------------------------------

  addRun(input: { id: string; run: CalculationRun; input: string; statuteVersion: number; by: string | null; at: string }): void {
    const { run } = input
    this.db
      .prepare(`INSERT INTO allowance_runs (id, period_from, period_to, statute_version, input_hash, input, result, total_cents, member_count, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(input.id, run.period.from, run.period.to, input.statuteVersion, run.inputHash, input.input, JSON.stringify(run), run.totalCents, run.members.length, input.at, input.by)
  }

  runs(): RunRecord[] {
    return (this.db.prepare(`SELECT ${RUN_COLUMNS} FROM allowance_runs ORDER BY period_from DESC, period_to DESC, created_at DESC, rowid DESC`).all() as RunRow[]).map(toRun)
  }

  run(id: string): RunRecord | undefined {
    const row = this.db.prepare(`SELECT ${RUN_COLUMNS} FROM allowance_runs WHERE id = ?`).get(id) as RunRow | undefined
    return row && toRun(row)
  }

  runResult(id: string): CalculationRun | undefined {
    const row = this.db.prepare('SELECT result FROM allowance_runs WHERE id = ?').get(id) as { result: string } | undefined
    return row && (JSON.parse(row.result) as CalculationRun)
  }

  runInput(id: string): unknown {
    const row = this.db.prepare('SELECT input FROM allowance_runs WHERE id = ?').get(id) as { input: string } | undefined
    return row && (JSON.parse(row.input) as unknown)
  }

  /** The run of the same period calculated just before this one (for the difference). */
  previousRun(id: string): RunRecord | undefined {
    const run = this.run(id)
    if (!run) return undefined
    const row = this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM allowance_runs WHERE period_from = ? AND period_to = ? AND id != ?
           AND (created_at < ? OR (created_at = ? AND rowid < (SELECT rowid FROM allowance_runs WHERE id = ?)))
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(run.periodFrom, run.periodTo, id, run.createdAt, run.createdAt, id) as RunRow | undefined
    return row && toRun(row)
  }

  approveRun(id: string, by: string, at: string): boolean {
    return this.db.prepare('UPDATE allowance_runs SET approved_at = ?, approved_by = ? WHERE id = ? AND approved_at IS NULL').run(at, by, id).changes > 0
  }

  /** Per period the latest approved run, oldest approval first (a later one wins for an item). */
  latestApprovedRuns(): RunRecord[] {
    const rows = this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM allowance_runs r WHERE approved_at IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM allowance_runs s WHERE s.period_from = r.period_from AND s.period_to = r.period_to AND s.approved_at IS NOT NULL
             AND (s.approved_at > r.approved_at OR (s.approved_at = r.approved_at AND s.rowid > r.rowid)))
         ORDER BY approved_at, rowid`,
      )
      .all() as RunRow[]
    return rows.map(toRun)
  }

  // -- payouts and the ledger -------------------------------------------------------------------

  ledger(filter: { personId?: string; paidFrom?: string; paidTo?: string } = {}): PaidEntry[] {
    const rows = this.db
      .prepare(
        `SELECT l.* FROM allowance_ledger l JOIN allowance_payouts p ON p.id = l.payout_id
         WHERE p.status = 'created' AND (? IS NULL OR l.person_id = ?) AND (? IS NULL OR l.paid_on >= ?) AND (? IS NULL OR l.paid_on <= ?)
         ORDER BY l.paid_on, l.payout_id, l.item_id`,
      )
      .all(filter.personId ?? null, filter.personId ?? null, filter.paidFrom ?? null, filter.paidFrom ?? null, filter.paidTo ?? null, filter.paidTo ?? null) as {
      payout_id: string
      item_id: string
      person_id: string
      kind: PaidEntry['kind']
      month: string
      amount_cents: number
      end_to_end_id: string
      paid_on: string
    }[]
    return rows.map((r) => ({
      itemId: r.item_id,
      personId: r.person_id,
      kind: r.kind,
      month: r.month,
      amountCents: r.amount_cents,
      payoutId: r.payout_id,
      endToEndId: r.end_to_end_id,
      paidOn: r.paid_on,
    }))
  }

  /** Stores the payout and its ledger entries in one transaction. */
  addPayout(input: {
    id: string
    payout: Payout
    runIds: string[]
    dueBy: string | null
    xml: string
    csv: Uint8Array
    csvEncoding: string
    entries: PaidEntry[]
    by: string | null
    at: string
  }): void {
    const { payout } = input
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO allowance_payouts (id, message_id, created_at, created_by, execution_date, due_by, run_ids, payout, xml, csv, csv_encoding, transfers, control_sum_cents, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created')`,
        )
        .run(
          input.id,
          payout.messageId,
          input.at,
          input.by,
          payout.executionDate,
          input.dueBy,
          JSON.stringify(input.runIds),
          JSON.stringify(payout),
          input.xml,
          Buffer.from(input.csv),
          input.csvEncoding,
          payout.numberOfTransactions,
          payout.controlSumCents,
        )
      const entry = this.db.prepare(
        'INSERT INTO allowance_ledger (payout_id, item_id, person_id, kind, month, amount_cents, end_to_end_id, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      for (const e of input.entries) entry.run(input.id, e.itemId, e.personId, e.kind, e.month, e.amountCents, e.endToEndId, e.paidOn)
    })()
  }

  payouts(): PayoutRecord[] {
    return (this.db.prepare(`SELECT ${PAYOUT_COLUMNS} FROM allowance_payouts ORDER BY created_at DESC, rowid DESC`).all() as PayoutRow[]).map(toPayout)
  }

  payout(id: string): PayoutRecord | undefined {
    const row = this.db.prepare(`SELECT ${PAYOUT_COLUMNS} FROM allowance_payouts WHERE id = ?`).get(id) as PayoutRow | undefined
    return row && toPayout(row)
  }

  payoutContent(id: string): { payout: Payout; xml: string; csv: Uint8Array } | undefined {
    const row = this.db.prepare('SELECT payout, xml, csv FROM allowance_payouts WHERE id = ?').get(id) as { payout: string; xml: string; csv: Buffer } | undefined
    return row && { payout: JSON.parse(row.payout) as Payout, xml: row.xml, csv: new Uint8Array(row.csv) }
  }

  /** The bank refused the file: the payout stays for the record, its ledger entries go (so the items are open again). */
  cancelPayout(id: string, by: string, at: string): boolean {
    return this.db.transaction(() => {
      const changed = this.db.prepare("UPDATE allowance_payouts SET status = 'cancelled', cancelled_at = ?, cancelled_by = ? WHERE id = ? AND status = 'created'").run(at, by, id).changes
      if (changed > 0) this.db.prepare('DELETE FROM allowance_ledger WHERE payout_id = ?').run(id)
      return changed > 0
    })()
  }
}

interface PayeeRow {
  person_id: string
  account_holder: string | null
  iban: string
  bic: string | null
  street: string | null
  postal_code: string | null
  town: string | null
  country: string | null
  tax_id: string | null
  updated_at: string
  updated_by: string | null
}

const toPayee = (r: PayeeRow): PayeeRecord => ({
  personId: r.person_id,
  accountHolder: r.account_holder,
  iban: r.iban,
  bic: r.bic,
  street: r.street,
  postalCode: r.postal_code,
  town: r.town,
  country: r.country,
  taxId: r.tax_id,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
})
