/**
 * Allowances (Sitzungsgeld) on the relay: the finance clerk's statute, assignments, absences, bank
 * data, claims, calculation runs and payouts, and each member's own claims and statements. The
 * arithmetic is the engine's (`@ratstisch/allowances`); this service gathers its input, stores what
 * it returns and decides who may see what:
 *
 * - users with the `finance` role (Finanzsachbearbeitung) see and change everything here;
 * - a member (a user linked to a person) sees their own claims, bank data and statements, and
 *   submits and withdraws their own claims;
 * - nobody else sees anything — neither admin nor clerk. Another member's claim answers 404.
 *
 * Audit entries carry ids only: never amounts, IBANs, names or the text of a claim.
 */
import type { DocumentId } from '@automerge/automerge-repo'
import { createHash } from 'node:crypto'
import {
  ConfigError,
  DEFAULT_BOOKING_CSV,
  SAXONY_ANHALT_TAX_RULES,
  assertCalculationInput,
  bicProblems,
  bookingCsv,
  buildPayout,
  calculate,
  diffRuns,
  effectiveAssignments,
  encodeBookingCsv,
  formatIban,
  ibanProblems,
  normalizeIban,
  normalizeInput,
  paidEntriesOf,
  pain001Xml,
  parseBookingCsvConfig,
  parseStatute,
  toSepaText,
  validateStatute,
  yearlyTaxSummary,
  ALLOWANCE_KINDS,
  type AllowanceKind,
  type AssignmentOverride,
  type BookingCsvConfig,
  type CalculationRun,
  type ConfigProblem,
  type Debtor,
  type LineItem,
  type Payee,
  type Payout,
  type RunDiff,
  type Statement,
  type StatementItem,
  type Statute,
} from '@ratstisch/allowances'
import type { MeetingDoc, Role } from '@ratstisch/domain'
import type { PdfFonts } from '@ratstisch/paper-pdf'
import { fileTypeFromBuffer } from 'file-type'
import type { Readable } from 'node:stream'
import { todayInBerlin } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import { getSetting, setSetting, type RelayDatabase } from '../db/database.ts'
import { BlobTooLargeError, type BlobStore } from '../files/blob-store.ts'
import { gatherInput } from './allowance-inputs.ts'
import {
  AllowanceStore,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  newId,
  type ClaimData,
  type ClaimFile,
  type ClaimKind,
  type ClaimRecord,
  type ClaimStatus,
  type PayeeRecord,
  type PayoutRecord,
  type RunRecord,
} from './allowance-store.ts'
import { monthName, renderStatementPdf, statementFileName } from './statement-pdf.ts'

export class AllowanceError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly problems?: { path: string; message: string }[],
  ) {
    super(message)
    this.name = 'AllowanceError'
  }
}

export interface AllowanceServiceDeps {
  db: RelayDatabase
  users: UserStore
  audit: AuditLog
  blobStore: BlobStore
  maxUploadBytes: number
  /** the relay's copy of a public meeting document */
  loadMeeting(documentId: DocumentId): Promise<MeetingDoc | undefined>
  townName(): string
  loadFonts(): Promise<PdfFonts>
  /** the clock (tests pin it) */
  now?: () => Date
}

interface Actor {
  userId: string
  roles: Role[]
  personId: string | null
  finance: boolean
}

/** What the finance clerk keeps per town besides the statute: the town's account and the booking file layout. */
export interface AllowanceSettings {
  debtor: Debtor | null
  bookingCsv: BookingCsvConfig
  remittancePrefix: string
}

export interface ClaimView extends Omit<ClaimRecord, 'submittedBy' | 'decidedBy'> {
  personName: string
  meetingName: string | null
  decidedByName: string | null
}

export interface RunSummary extends RunRecord {
  label: string
  createdByName: string | null
  approvedByName: string | null
  /** a later run of the same period exists */
  superseded: boolean
  notes: string[]
}

const SETTING_DEBTOR = 'allowances.debtor'
const SETTING_BOOKING = 'allowances.bookingCsv'
const SETTING_REMITTANCE = 'allowances.remittancePrefix'
const MAX_FILES = 5
const ALLOWED_PROOF_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])

const isIsoDate = (v: unknown): v is string => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}
const isMonth = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v)
const lastDayOf = (month: string): string => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
  return d.toISOString().slice(0, 10)
}
const addMonths = (month: string, n: number): string => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1))
  return d.toISOString().slice(0, 7)
}
const text = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return null
  const t = v.trim()
  return t ? t.slice(0, max) : null
}
const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10_000_000

function periodLabel(from: string, to: string): string {
  const a = from.slice(0, 7)
  const b = to.slice(0, 7)
  return a === b ? monthName(a) : `${monthName(a)} – ${monthName(b)}`
}

function problemsOf(problems: ConfigProblem[]): { path: string; message: string }[] {
  return problems.map((p) => ({ path: p.path, message: p.message }))
}

export class AllowanceService {
  readonly store: AllowanceStore
  /** the clock (tests pin it) */
  clock: () => Date

  constructor(private readonly deps: AllowanceServiceDeps) {
    this.store = new AllowanceStore(deps.db)
    this.clock = deps.now ?? (() => new Date())
  }

  private today(): string {
    return todayInBerlin(this.clock().getTime())
  }

  private stamp(): string {
    return this.clock().toISOString()
  }

  // -- who asks ---------------------------------------------------------------------------------

  actor(userId: string): Actor {
    const user = this.deps.users.byId(userId)
    const roles = this.deps.users.roles(userId)
    return { userId, roles, personId: user && !user.disabled ? user.personId : null, finance: !!user && !user.disabled && roles.includes('finance') }
  }

  private requireFinance(actor: Actor, what: string): void {
    if (actor.finance) return
    this.deps.audit.write('allowance-denied', actor.userId, what)
    throw new AllowanceError(403, 'forbidden', 'Nur für die Finanzsachbearbeitung')
  }

  private requireMember(actor: Actor): string {
    if (!actor.personId) throw new AllowanceError(404, 'no-person', 'Ihr Zugang ist mit keiner Person verbunden, die eine Entschädigung erhält')
    return actor.personId
  }

  private personName(personId: string): string | undefined {
    return (this.deps.db.prepare('SELECT name FROM persons WHERE id = ?').get(personId) as { name: string } | undefined)?.name
  }

  private userName(userId: string | null): string | null {
    return userId ? (this.deps.users.byId(userId)?.name ?? null) : null
  }

  // -- statute ----------------------------------------------------------------------------------

  private currentStatute(): { version: number; statute: Statute } | undefined {
    const record = this.store.currentStatute()
    if (!record) return undefined
    return { version: record.version, statute: parseStatute(JSON.parse(record.json) as unknown) }
  }

  private requireStatute(): { version: number; statute: Statute } {
    const current = this.currentStatute()
    if (!current) throw new AllowanceError(409, 'no-statute', 'Es ist noch keine Entschädigungssatzung hinterlegt')
    return current
  }

  statuteInfo(userId: string) {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'statute')
    const record = this.store.currentStatute()
    const statute = record ? parseStatute(JSON.parse(record.json) as unknown) : null
    return {
      current: record
        ? { version: record.version, statuteId: record.statuteId, title: record.title, uploadedAt: record.uploadedAt, uploadedByName: this.userName(record.uploadedBy), statute }
        : null,
      versions: this.store.statuteVersions().map((v) => ({ version: v.version, statuteId: v.statuteId, title: v.title, uploadedAt: v.uploadedAt, uploadedByName: this.userName(v.uploadedBy) })),
    }
  }

  /** A statute as uploaded; nothing changes unless it is valid. Stored as a new version. */
  saveStatute(userId: string, json: unknown): { version: number; statuteId: string; title: string; unchanged: boolean } {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'statute')
    const checked = validateStatute(json)
    if (!checked.ok) throw new AllowanceError(400, 'invalid-statute', 'Die Satzung enthält Fehler und wurde nicht gespeichert', problemsOf(checked.problems))
    const text = JSON.stringify(checked.statute, null, 2)
    const sha256 = createHash('sha256').update(text).digest('hex')
    const current = this.store.currentStatute()
    if (current?.sha256 === sha256) return { version: current.version, statuteId: current.statuteId, title: current.title, unchanged: true }
    const version = this.store.addStatute({ statuteId: checked.statute.id, title: checked.statute.title, json: text, sha256, by: userId, at: this.stamp() })
    this.deps.audit.write('allowance-statute-saved', userId, `statute-v${version}`)
    return { version, statuteId: checked.statute.id, title: checked.statute.title, unchanged: false }
  }

  // -- persons, assignments, absences -----------------------------------------------------------

  /** Persons with a membership in the last two years or later: whom the finance forms offer. */
  private memberPersons(): { personId: string; name: string; bodies: string[] }[] {
    const since = `${Number(this.today().slice(0, 4)) - 2}-01-01`
    const rows = this.deps.db
      .prepare(
        `SELECT p.id, p.name, p.family_name, o.short_name, o.name AS org_name, m.role FROM memberships m JOIN persons p ON p.id = m.person_id JOIN organizations o ON o.id = m.organization_id
         WHERE m.end_date IS NULL OR m.end_date >= ? ORDER BY COALESCE(p.family_name, p.name), p.name, o.name`,
      )
      .all(since) as { id: string; name: string; short_name: string; org_name: string; role: string }[]
    const byPerson = new Map<string, { personId: string; name: string; bodies: string[] }>()
    for (const r of rows) {
      const entry = byPerson.get(r.id) ?? { personId: r.id, name: r.name, bodies: [] }
      entry.bodies.push(`${r.short_name || r.org_name} (${r.role})`)
      byPerson.set(r.id, entry)
    }
    return [...byPerson.values()]
  }

  members(userId: string) {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'members')
    const payees = new Map(this.store.payees().map((p) => [p.personId, p]))
    return this.memberPersons().map((p) => {
      const payee = payees.get(p.personId)
      return { ...p, hasBankAccount: !!payee, bankProblems: payee ? ibanProblems(payee.iban) : ['keine Bankverbindung hinterlegt'], taxId: payee?.taxId ?? null }
    })
  }

  assignments(userId: string) {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'assignments')
    const current = this.currentStatute()
    const overrides = this.store.assignments()
    const names = new Map(this.memberPersons().map((p) => [p.personId, p.name]))
    const organizations = this.deps.db.prepare('SELECT id, name, classification FROM organizations ORDER BY name').all() as { id: string; name: string; classification: string }[]
    const types = current ? this.typesOf(current.statute) : []
    const labels = new Map(types.map((t) => [t.id, t.label]))
    const memberships = (
      this.deps.db.prepare('SELECT person_id, organization_id, role, start_date, end_date FROM memberships ORDER BY person_id').all() as {
        person_id: string
        organization_id: string
        role: string
        start_date: string | null
        end_date: string | null
      }[]
    ).map((m) => ({ personId: m.person_id, organizationId: m.organization_id, role: m.role, startDate: m.start_date, endDate: m.end_date }))
    const effective = current
      ? effectiveAssignments(current.statute, {
          memberships,
          organizations: organizations.map((o) => ({ id: o.id, name: o.name, classification: o.classification || 'Sonstiges' })),
          assignments: overrides.map(({ id: _id, createdAt: _a, createdBy: _b, ...a }) => a),
        })
      : []
    const orgNames = new Map(organizations.map((o) => [o.id, o.name]))
    return {
      types,
      organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
      persons: this.memberPersons(),
      overrides: overrides.map((o) => ({
        ...o,
        personName: names.get(o.personId) ?? this.personName(o.personId) ?? o.personId,
        typeLabel: labels.get(o.typeId) ?? o.typeId,
        organizationName: o.organizationId ? (orgNames.get(o.organizationId) ?? null) : null,
        createdByName: this.userName(o.createdBy),
      })),
      effective: effective
        .filter((s) => !s.to || s.to >= `${Number(this.today().slice(0, 4)) - 2}-01-01`)
        .map((s) => ({
          ...s,
          personName: names.get(s.personId) ?? this.personName(s.personId) ?? s.personId,
          typeLabel: labels.get(s.typeId) ?? s.typeId,
          organizationName: s.organizationId ? (orgNames.get(s.organizationId) ?? null) : null,
        })),
      absences: this.store.absences().map((a) => ({ ...a, personName: names.get(a.personId) ?? this.personName(a.personId) ?? a.personId })),
    }
  }

  private typesOf(statute: Statute): { id: string; kind: AllowanceKind; label: string }[] {
    const seen = new Map<string, { id: string; kind: AllowanceKind; label: string }>()
    for (const v of statute.versions) for (const t of v.types) seen.set(t.id, { id: t.id, kind: t.kind, label: t.label })
    return [...seen.values()]
  }

  addAssignment(userId: string, body: unknown): { id: string } {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'assignments')
    const b = (body ?? {}) as Record<string, unknown>
    const problems: { path: string; message: string }[] = []
    const current = this.requireStatute()
    const personId = typeof b.personId === 'string' ? b.personId : ''
    if (!personId || !this.personName(personId)) problems.push({ path: 'personId', message: 'Person nicht gefunden' })
    const typeId = typeof b.typeId === 'string' ? b.typeId : ''
    if (!this.typesOf(current.statute).some((t) => t.id === typeId)) problems.push({ path: 'typeId', message: 'Diese Art kennt die Satzung nicht' })
    if (b.action !== 'add' && b.action !== 'remove') problems.push({ path: 'action', message: 'hinzufügen oder entziehen angeben' })
    if (!isIsoDate(b.from)) problems.push({ path: 'from', message: 'Beginn als Datum (JJJJ-MM-TT) angeben' })
    if (b.to !== undefined && b.to !== null && b.to !== '' && (!isIsoDate(b.to) || (isIsoDate(b.from) && b.to < b.from))) problems.push({ path: 'to', message: 'Ende fehlt oder liegt vor dem Beginn' })
    const organizationId = typeof b.organizationId === 'string' && b.organizationId ? b.organizationId : undefined
    if (organizationId && !this.deps.db.prepare('SELECT 1 FROM organizations WHERE id = ?').get(organizationId)) problems.push({ path: 'organizationId', message: 'Gremium nicht gefunden' })
    if (problems.length > 0) throw new AllowanceError(400, 'invalid', 'Zuordnung unvollständig', problems)
    const override: AssignmentOverride = {
      personId,
      typeId,
      action: b.action as 'add' | 'remove',
      from: b.from as string,
      to: isIsoDate(b.to) ? b.to : null,
      ...(organizationId ? { organizationId } : {}),
      ...(text(b.note, 500) ? { note: text(b.note, 500)! } : {}),
    }
    const id = this.store.addAssignment(override, userId, this.stamp())
    this.deps.audit.write('allowance-assignment-added', userId, id, { personId })
    return { id }
  }

  deleteAssignment(userId: string, id: string): void {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'assignments')
    if (!this.store.deleteAssignment(id)) throw new AllowanceError(404, 'not-found', 'Zuordnung nicht gefunden')
    this.deps.audit.write('allowance-assignment-removed', userId, id)
  }

  addAbsence(userId: string, body: unknown): { id: string } {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'absences')
    const b = (body ?? {}) as Record<string, unknown>
    const problems: { path: string; message: string }[] = []
    const personId = typeof b.personId === 'string' ? b.personId : ''
    if (!personId || !this.personName(personId)) problems.push({ path: 'personId', message: 'Person nicht gefunden' })
    if (!isIsoDate(b.from)) problems.push({ path: 'from', message: 'Beginn als Datum (JJJJ-MM-TT) angeben' })
    if (b.to !== undefined && b.to !== null && b.to !== '' && (!isIsoDate(b.to) || (isIsoDate(b.from) && b.to < b.from))) problems.push({ path: 'to', message: 'Ende fehlt oder liegt vor dem Beginn' })
    if (problems.length > 0) throw new AllowanceError(400, 'invalid', 'Abwesenheit unvollständig', problems)
    const note = text(b.note, 500)
    const id = this.store.addAbsence({ personId, from: b.from as string, to: isIsoDate(b.to) ? b.to : null, ...(note ? { note } : {}) }, userId, this.stamp())
    this.deps.audit.write('allowance-absence-added', userId, id, { personId })
    return { id }
  }

  deleteAbsence(userId: string, id: string): void {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'absences')
    if (!this.store.deleteAbsence(id)) throw new AllowanceError(404, 'not-found', 'Abwesenheit nicht gefunden')
    this.deps.audit.write('allowance-absence-removed', userId, id)
  }

  // -- bank data and settings -------------------------------------------------------------------

  private payeeView(p: PayeeRecord) {
    return {
      personId: p.personId,
      accountHolder: p.accountHolder,
      iban: formatIban(p.iban),
      bic: p.bic,
      street: p.street,
      postalCode: p.postalCode,
      town: p.town,
      country: p.country,
      taxId: p.taxId,
      updatedAt: p.updatedAt,
      problems: ibanProblems(p.iban),
    }
  }

  payees(userId: string) {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'payees')
    const payees = new Map(this.store.payees().map((p) => [p.personId, p]))
    return this.memberPersons().map((person) => {
      const p = payees.get(person.personId)
      return { personId: person.personId, name: person.name, bodies: person.bodies, payee: p ? this.payeeView(p) : null }
    })
  }

  savePayee(userId: string, personId: string, body: unknown): ReturnType<AllowanceService['payeeView']> {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'payees')
    if (!this.personName(personId)) throw new AllowanceError(404, 'not-found', 'Person nicht gefunden')
    const b = (body ?? {}) as Record<string, unknown>
    const problems: { path: string; message: string }[] = []
    const iban = typeof b.iban === 'string' ? normalizeIban(b.iban) : ''
    for (const p of ibanProblems(iban)) problems.push({ path: 'iban', message: p })
    const bic = text(b.bic, 11)?.toUpperCase().replace(/\s+/g, '') ?? null
    if (bic) for (const p of bicProblems(bic)) problems.push({ path: 'bic', message: p })
    const country = text(b.country, 2)?.toUpperCase() ?? null
    const town = text(b.town, 35)
    if (country && !/^[A-Z]{2}$/.test(country)) problems.push({ path: 'country', message: 'zweistelliges Länderkennzeichen (DE)' })
    if ((town && !country) || (!town && country)) problems.push({ path: 'town', message: 'Anschrift braucht Ort und Land' })
    const taxId = text(b.taxId, 11)?.replace(/\s+/g, '') ?? null
    if (taxId && !/^\d{11}$/.test(taxId)) problems.push({ path: 'taxId', message: 'Die Steuer-ID hat 11 Ziffern' })
    const accountHolder = text(b.accountHolder, 70)
    if (accountHolder !== null && !toSepaText(accountHolder, 70)) problems.push({ path: 'accountHolder', message: 'Name enthält keine überweisbaren Zeichen' })
    if (problems.length > 0) throw new AllowanceError(400, 'invalid', 'Bankverbindung nicht gespeichert', problems)
    this.store.savePayee(
      { personId, accountHolder, iban, bic, street: text(b.street, 70), postalCode: text(b.postalCode, 16), town, country, taxId },
      userId,
      this.stamp(),
    )
    this.deps.audit.write('allowance-payee-saved', userId, personId)
    return this.payeeView(this.store.payee(personId)!)
  }

  settings(userId: string): AllowanceSettings {
    this.requireFinance(this.actor(userId), 'settings')
    return this.readSettings()
  }

  private readSettings(): AllowanceSettings {
    const debtor = getSetting(this.deps.db, SETTING_DEBTOR)
    const booking = getSetting(this.deps.db, SETTING_BOOKING)
    return {
      debtor: debtor ? (JSON.parse(debtor) as Debtor) : null,
      bookingCsv: booking ? parseBookingCsvConfig(JSON.parse(booking) as unknown) : DEFAULT_BOOKING_CSV,
      remittancePrefix: getSetting(this.deps.db, SETTING_REMITTANCE) ?? 'Aufwandsentschädigung',
    }
  }

  saveSettings(userId: string, body: unknown): AllowanceSettings {
    this.requireFinance(this.actor(userId), 'settings')
    const b = (body ?? {}) as Record<string, unknown>
    const problems: { path: string; message: string }[] = []
    let debtor: Debtor | undefined
    if (b.debtor !== undefined) {
      const d = (b.debtor ?? {}) as Record<string, unknown>
      const iban = typeof d.iban === 'string' ? normalizeIban(d.iban) : ''
      for (const p of ibanProblems(iban)) problems.push({ path: 'debtor.iban', message: p })
      const bic = text(d.bic, 11)?.toUpperCase().replace(/\s+/g, '')
      if (bic) for (const p of bicProblems(bic)) problems.push({ path: 'debtor.bic', message: p })
      const name = text(d.name, 140)
      if (!name) problems.push({ path: 'debtor.name', message: 'Name des Auftraggebers fehlt' })
      const town = text(d.town, 35)
      if (!town) problems.push({ path: 'debtor.town', message: 'Ort fehlt (Banken verlangen Ort und Land)' })
      const country = text(d.country, 2)?.toUpperCase() ?? 'DE'
      if (!/^[A-Z]{2}$/.test(country)) problems.push({ path: 'debtor.country', message: 'zweistelliges Länderkennzeichen (DE)' })
      debtor = {
        name: name ?? '',
        iban,
        ...(bic ? { bic } : {}),
        ...(text(d.street, 70) ? { street: text(d.street, 70)! } : {}),
        ...(text(d.postalCode, 16) ? { postalCode: text(d.postalCode, 16)! } : {}),
        town: town ?? '',
        country,
      }
    }
    let booking: BookingCsvConfig | undefined
    if (b.bookingCsv !== undefined) {
      try {
        booking = parseBookingCsvConfig(b.bookingCsv)
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e
        problems.push(...e.problems.map((p) => ({ path: `bookingCsv.${p.path}`, message: p.message })))
      }
    }
    const remittance = b.remittancePrefix === undefined ? undefined : text(b.remittancePrefix, 60)
    if (b.remittancePrefix !== undefined && !remittance) problems.push({ path: 'remittancePrefix', message: 'Verwendungszweck fehlt' })
    if (problems.length > 0) throw new AllowanceError(400, 'invalid', 'Einstellungen nicht gespeichert', problems)
    if (debtor) setSetting(this.deps.db, SETTING_DEBTOR, JSON.stringify(debtor))
    if (booking) setSetting(this.deps.db, SETTING_BOOKING, JSON.stringify(booking))
    if (remittance) setSetting(this.deps.db, SETTING_REMITTANCE, remittance)
    this.deps.audit.write('allowance-settings-saved', userId, null)
    return this.readSettings()
  }

  // -- claims -----------------------------------------------------------------------------------

  private meetingName(meetingId: string | null): string | null {
    if (!meetingId) return null
    const row = this.deps.db.prepare('SELECT m.name, o.name AS org FROM meetings m JOIN organizations o ON o.id = m.organization_id WHERE m.id = ?').get(meetingId) as
      | { name: string; org: string }
      | undefined
    return row ? row.name || row.org : null
  }

  private claimView(c: ClaimRecord): ClaimView {
    const { submittedBy: _s, decidedBy, ...rest } = c
    return { ...rest, personName: this.personName(c.personId) ?? c.personId, meetingName: this.meetingName(c.meetingId), decidedByName: this.userName(decidedBy) }
  }

  /** The member's own page: who they are for the finance office, their bank account, the meetings they may claim for. */
  me(userId: string) {
    const actor = this.actor(userId)
    const personId = this.requireMember(actor)
    const payee = this.store.payee(personId)
    const since = `${Number(this.today().slice(0, 4)) - 1}-01-01`
    const meetings = this.deps.db
      .prepare(
        `SELECT DISTINCT m.id, m.name, m.start, o.name AS org FROM meetings m JOIN organizations o ON o.id = m.organization_id
         JOIN memberships ms ON ms.organization_id = m.organization_id AND ms.person_id = ?
         WHERE substr(m.start, 1, 10) >= ? AND substr(m.start, 1, 10) <= ? AND m.state != 'cancelled'
           AND (ms.start_date IS NULL OR ms.start_date <= substr(m.start, 1, 10)) AND (ms.end_date IS NULL OR ms.end_date >= substr(m.start, 1, 10))
         ORDER BY m.start DESC LIMIT 200`,
      )
      .all(personId, since, this.today()) as { id: string; name: string; start: string; org: string }[]
    const years = new Set<number>([Number(this.today().slice(0, 4))])
    for (const r of this.store.latestApprovedRuns()) {
      years.add(Number(r.periodFrom.slice(0, 4)))
      years.add(Number(r.periodTo.slice(0, 4)))
    }
    return {
      personId,
      name: this.personName(personId) ?? '',
      bankAccount: payee ? { iban: formatIban(payee.iban), accountHolder: payee.accountHolder } : null,
      meetings: meetings.map((m) => ({ id: m.id, name: m.name || m.org, organizationName: m.org, start: m.start })),
      years: [...years].sort((a, b) => b - a),
    }
  }

  myClaims(userId: string): ClaimView[] {
    const personId = this.requireMember(this.actor(userId))
    return this.store.claimsOf(personId).map((c) => this.claimView(c))
  }

  private validateClaim(b: Record<string, unknown>, personId: string): { kind: ClaimKind; date: string; meetingId: string | null; data: ClaimData; note: string | null; proofRequired: boolean } {
    const problems: { path: string; message: string }[] = []
    const kind = b.kind as ClaimKind
    if (!(CLAIM_KINDS as readonly string[]).includes(kind)) throw new AllowanceError(400, 'invalid', 'Antrag unvollständig', [{ path: 'kind', message: 'Art des Antrags wählen' }])
    let meetingId: string | null = null
    let date = typeof b.date === 'string' ? b.date : ''
    if (typeof b.meetingId === 'string' && b.meetingId) {
      const meeting = this.deps.db.prepare('SELECT id, start FROM meetings WHERE id = ?').get(b.meetingId) as { id: string; start: string } | undefined
      if (!meeting) problems.push({ path: 'meetingId', message: 'Sitzung nicht gefunden' })
      else {
        meetingId = meeting.id
        if (!date) date = meeting.start.slice(0, 10)
      }
    }
    if (!isIsoDate(date)) problems.push({ path: 'date', message: 'Datum (TT.MM.JJJJ) angeben' })
    else if (date > this.today()) problems.push({ path: 'date', message: 'Das Datum liegt in der Zukunft' })
    const int = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN)
    const minutes = int(b.minutes)
    const minutesOk = Number.isInteger(minutes) && minutes > 0 && minutes <= 1440
    let data: ClaimData | undefined
    let proofRequired = false
    if (kind === 'travel') {
      const inTown = b.inTown === true
      if (b.mode === 'car') {
        const km = int(b.km)
        if (!(km > 0 && km <= 2000 && Math.abs(Math.round(km * 10) - km * 10) < 1e-6)) problems.push({ path: 'km', message: 'Kilometer (hin und zurück, höchstens eine Nachkommastelle) angeben' })
        else data = { mode: 'car', km, inTown }
      } else if (b.mode === 'publicTransport') {
        const cents = int(b.receiptCents)
        if (!isCents(cents) || cents === 0) problems.push({ path: 'receiptCents', message: 'Betrag laut Fahrschein angeben' })
        else data = { mode: 'publicTransport', receiptCents: cents, inTown }
        proofRequired = true
      } else problems.push({ path: 'mode', message: 'Auto oder öffentliche Verkehrsmittel wählen' })
    } else if (kind === 'lostEarnings') {
      if (!minutesOk) problems.push({ path: 'minutes', message: 'Minuten in der Arbeitszeit angeben (1 bis 1440)' })
      if (b.basis === 'household') {
        if (minutesOk) data = { basis: 'household', minutes }
      } else if (b.basis === 'employee' || b.basis === 'selfEmployed') {
        const rate = int(b.hourlyRateCents)
        if (!isCents(rate) || rate === 0) problems.push({ path: 'hourlyRateCents', message: 'Stundensatz angeben' })
        else if (minutesOk) data = { basis: b.basis, minutes, hourlyRateCents: rate }
        proofRequired = true
      } else problems.push({ path: 'basis', message: 'Arbeitnehmer/in, selbstständig oder Haushaltsführung wählen' })
    } else {
      if (!minutesOk) problems.push({ path: 'minutes', message: 'Dauer der Betreuung in Minuten angeben' })
      const cents = int(b.receiptCents)
      if (!isCents(cents) || cents === 0) problems.push({ path: 'receiptCents', message: 'Betrag laut Beleg angeben' })
      else if (minutesOk) data = { minutes, receiptCents: cents }
      proofRequired = true
    }
    const note = text(b.note, 1000)
    if (problems.length > 0 || !data) throw new AllowanceError(400, 'invalid', 'Antrag unvollständig', problems)
    // the engine must accept it as it will in the run
    try {
      assertCalculationInput({
        statute: null,
        period: { from: `${date.slice(0, 7)}-01`, to: lastDayOf(date.slice(0, 7)) },
        members: [],
        organizations: [],
        memberships: [],
        attendance: [],
        claims: [{ id: 'check', personId, kind, date, ...data }],
      })
    } catch (e) {
      if (e instanceof ConfigError) throw new AllowanceError(400, 'invalid', 'Antrag unvollständig', problemsOf(e.problems).map((p) => ({ ...p, path: p.path.replace(/^claims\[0\]\./, '') })))
      throw e
    }
    return { kind, date, meetingId, data, note, proofRequired }
  }

  /** A member submits a claim with its proofs (PDF or photo). Everything is checked before anything is stored. */
  async submitClaim(userId: string, body: unknown, files: { name: string; stream: ReadableStream<Uint8Array> }[]): Promise<ClaimView> {
    const actor = this.actor(userId)
    const personId = this.requireMember(actor)
    const claim = this.validateClaim((body ?? {}) as Record<string, unknown>, personId)
    if (files.length > MAX_FILES) throw new AllowanceError(400, 'too-many-files', `Höchstens ${MAX_FILES} Nachweise je Antrag`)
    if (claim.proofRequired && files.length === 0) {
      throw new AllowanceError(400, 'proof-missing', 'Bitte einen Nachweis anhängen (PDF oder Foto)', [{ path: 'files', message: 'Nachweis fehlt' }])
    }
    const staged: { staged: Awaited<ReturnType<BlobStore['stage']>>; name: string; mime: string }[] = []
    const discard = async () => {
      for (const s of staged) await this.deps.blobStore.discard(s.staged).catch(() => {})
    }
    try {
      for (const file of files) {
        const s = await this.deps.blobStore.stage(file.stream, this.deps.maxUploadBytes)
        const type = s.size > 0 ? await fileTypeFromBuffer(await this.deps.blobStore.head(s, 4100)) : undefined
        staged.push({ staged: s, name: file.name, mime: type?.mime ?? '' })
        if (s.size === 0) throw new AllowanceError(400, 'empty', `Die Datei „${file.name}“ ist leer`)
        if (!type || !ALLOWED_PROOF_TYPES.has(type.mime)) throw new AllowanceError(415, 'unsupported-type', 'Nachweise bitte als PDF oder Foto (PNG, JPEG, WebP)')
      }
    } catch (e) {
      await discard()
      if (e instanceof BlobTooLargeError) throw new AllowanceError(413, 'too-large', `Die Datei ist größer als ${Math.round(this.deps.maxUploadBytes / 1024 / 1024)} MB`)
      throw e
    }
    const claimFiles: ClaimFile[] = []
    for (const s of staged) {
      await this.deps.blobStore.commit(s.staged)
      claimFiles.push({ sha256: s.staged.sha256, name: s.name, mime: s.mime, size: s.staged.size })
    }
    const id = newId('cl')
    this.store.addClaim({
      id,
      personId,
      kind: claim.kind,
      date: claim.date,
      meetingId: claim.meetingId,
      data: claim.data,
      note: claim.note,
      submittedAt: this.stamp(),
      submittedBy: userId,
      files: claimFiles,
    })
    this.deps.audit.write('allowance-claim-submitted', userId, id)
    return this.claimView(this.store.claim(id)!)
  }

  withdrawClaim(userId: string, claimId: string): ClaimView {
    const personId = this.requireMember(this.actor(userId))
    const claim = this.store.claim(claimId)
    if (!claim || claim.personId !== personId) throw new AllowanceError(404, 'not-found', 'Antrag nicht gefunden')
    if (!this.store.decideClaim(claimId, 'withdrawn', null, userId, this.stamp())) throw new AllowanceError(409, 'decided', 'Über den Antrag wurde schon entschieden')
    this.deps.audit.write('allowance-claim-withdrawn', userId, claimId)
    return this.claimView(this.store.claim(claimId)!)
  }

  claims(userId: string, status?: string): ClaimView[] {
    this.requireFinance(this.actor(userId), 'claims')
    if (status !== undefined && !(CLAIM_STATUSES as readonly string[]).includes(status)) throw new AllowanceError(400, 'bad-status', `Unbekannter Stand „${status}“`)
    return this.store.claims({ status: status as ClaimStatus | undefined }).map((c) => this.claimView(c))
  }

  decideClaim(userId: string, claimId: string, body: unknown): ClaimView {
    this.requireFinance(this.actor(userId), 'claims')
    const b = (body ?? {}) as Record<string, unknown>
    const claim = this.store.claim(claimId)
    if (!claim) throw new AllowanceError(404, 'not-found', 'Antrag nicht gefunden')
    if (b.decision !== 'approve' && b.decision !== 'reject') throw new AllowanceError(400, 'invalid', 'Entscheidung fehlt', [{ path: 'decision', message: 'genehmigen oder ablehnen' }])
    const reason = text(b.reason, 500)
    if (b.decision === 'reject' && !reason) throw new AllowanceError(400, 'invalid', 'Bitte einen Grund für die Ablehnung angeben', [{ path: 'reason', message: 'Grund fehlt' }])
    if (!this.store.decideClaim(claimId, b.decision === 'approve' ? 'approved' : 'rejected', reason, userId, this.stamp())) {
      throw new AllowanceError(409, 'decided', 'Über den Antrag wurde schon entschieden')
    }
    this.deps.audit.write('allowance-claim-decided', userId, claimId, { decision: b.decision })
    return this.claimView(this.store.claim(claimId)!)
  }

  /** A proof of a claim: to its member and to finance; 404 for everybody else. */
  async claimFile(userId: string, claimId: string, sha256: string): Promise<{ file: ClaimFile; body: Readable }> {
    const actor = this.actor(userId)
    const claim = this.store.claim(claimId)
    const mine = !!claim && !!actor.personId && claim.personId === actor.personId
    const file = claim?.files.find((f) => f.sha256 === sha256)
    if (!claim || !file || (!mine && !actor.finance) || !(await this.deps.blobStore.exists(sha256))) {
      if (claim && !mine && !actor.finance) this.deps.audit.write('allowance-denied', userId, `claim-file:${claimId}`)
      throw new AllowanceError(404, 'not-found', 'Datei nicht gefunden')
    }
    return { file, body: this.deps.blobStore.read(sha256) }
  }

  // -- calculation runs -------------------------------------------------------------------------

  /** `withNotes`: read the stored run for its notes (a detail view; lists leave them out) */
  private runSummary(r: RunRecord, latestIds?: Set<string>, withNotes = true): RunSummary {
    const latest = latestIds ?? this.latestRunIds()
    const result = withNotes ? this.store.runResult(r.id) : undefined
    return {
      ...r,
      label: periodLabel(r.periodFrom, r.periodTo),
      createdByName: this.userName(r.createdBy),
      approvedByName: this.userName(r.approvedBy),
      superseded: !latest.has(r.id),
      notes: result?.notes ?? [],
    }
  }

  private latestRunIds(): Set<string> {
    const latest = new Map<string, string>()
    // runs() is newest first within a period
    for (const r of this.store.runs()) {
      const key = `${r.periodFrom}/${r.periodTo}`
      if (!latest.has(key)) latest.set(key, r.id)
    }
    return new Set(latest.values())
  }

  runs(userId: string): RunSummary[] {
    this.requireFinance(this.actor(userId), 'runs')
    const latest = this.latestRunIds()
    return this.store.runs().map((r) => this.runSummary(r, latest, false))
  }

  run(userId: string, runId: string): { run: RunSummary; result: CalculationRun; previous: RunSummary | null; diff: RunDiff | null } {
    this.requireFinance(this.actor(userId), 'runs')
    const record = this.store.run(runId)
    if (!record) throw new AllowanceError(404, 'not-found', 'Berechnung nicht gefunden')
    const result = this.store.runResult(runId)!
    const previous = this.store.previousRun(runId)
    const latest = this.latestRunIds()
    return {
      run: this.runSummary(record, latest),
      result,
      previous: previous ? this.runSummary(previous, latest) : null,
      diff: previous ? diffRuns(this.store.runResult(previous.id)!, result) : null,
    }
  }

  /** Calculates a period of whole months and stores the run (with its input); a re-run shows the difference. */
  async calculate(userId: string, body: unknown): Promise<{ run: RunSummary; result: CalculationRun; previous: RunSummary | null; diff: RunDiff | null }> {
    const actor = this.actor(userId)
    this.requireFinance(actor, 'runs')
    const b = (body ?? {}) as Record<string, unknown>
    const from = b.from
    const to = b.to ?? b.from
    if (!isMonth(from) || !isMonth(to) || to < from) throw new AllowanceError(400, 'invalid', 'Zeitraum als Monate angeben (von JJJJ-MM bis JJJJ-MM)', [{ path: 'from', message: 'Monat JJJJ-MM' }])
    if (addMonths(from, 11) < to) throw new AllowanceError(400, 'invalid', 'Höchstens zwölf Monate je Berechnung', [{ path: 'to', message: 'höchstens zwölf Monate' }])
    const latestAllowed = addMonths(this.today().slice(0, 7), 1)
    if (to > latestAllowed) throw new AllowanceError(400, 'invalid', 'Der Zeitraum liegt zu weit in der Zukunft', [{ path: 'to', message: `spätestens ${latestAllowed}` }])
    const { version, statute } = this.requireStatute()
    const period = { from: `${from}-01`, to: lastDayOf(to) }
    const gathered = await gatherInput({ db: this.deps.db, store: this.store, loadMeeting: this.deps.loadMeeting }, period, statute)
    let run: CalculationRun
    let canonical: string
    try {
      const normalized = normalizeInput(gathered.input)
      canonical = JSON.stringify(normalized.input)
      run = calculate(normalized.input)
    } catch (e) {
      if (e instanceof ConfigError) throw new AllowanceError(422, 'invalid-input', e.message, problemsOf(e.problems))
      throw e
    }
    run = { ...run, notes: [...gathered.notes, ...run.notes] }
    const id = newId('run')
    this.store.addRun({ id, run, input: canonical, statuteVersion: version, by: userId, at: this.stamp() })
    this.deps.audit.write('allowance-run-calculated', userId, id)
    return this.run(userId, id)
  }

  approveRun(userId: string, runId: string): RunSummary {
    this.requireFinance(this.actor(userId), 'runs')
    const record = this.store.run(runId)
    if (!record) throw new AllowanceError(404, 'not-found', 'Berechnung nicht gefunden')
    if (!this.latestRunIds().has(runId)) throw new AllowanceError(409, 'superseded', 'Für diesen Zeitraum gibt es eine neuere Berechnung – bitte diese freigeben')
    if (!this.store.approveRun(runId, userId, this.stamp())) throw new AllowanceError(409, 'approved', 'Die Berechnung ist schon freigegeben')
    this.deps.audit.write('allowance-run-approved', userId, runId)
    return this.runSummary(this.store.run(runId)!)
  }

  // -- payouts ----------------------------------------------------------------------------------

  private payeesForPayout(): Payee[] {
    return this.store.payees().map((p) => ({
      personId: p.personId,
      name: p.accountHolder ?? this.personName(p.personId) ?? p.personId,
      iban: p.iban,
      ...(p.bic ? { bic: p.bic } : {}),
      ...(p.street ? { street: p.street } : {}),
      ...(p.postalCode ? { postalCode: p.postalCode } : {}),
      ...(p.town ? { town: p.town } : {}),
      ...(p.country ? { country: p.country } : {}),
    }))
  }

  private buildPayoutNow(executionDate: string, dueBy: string): { payout: Payout; runs: RunRecord[] } {
    const settings = this.readSettings()
    if (!settings.debtor) throw new AllowanceError(409, 'no-debtor', 'Das Konto der Stadt (Auftraggeber) fehlt in den Einstellungen')
    const runs = this.store.latestApprovedRuns()
    if (runs.length === 0) throw new AllowanceError(409, 'no-runs', 'Es gibt keine freigegebene Berechnung')
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .format(this.clock())
      .replace(' ', 'T')
    try {
      const payout = buildPayout({
        runs: runs.map((r) => this.store.runResult(r.id)!),
        paid: this.store.ledger(),
        payees: this.payeesForPayout(),
        debtor: settings.debtor,
        executionDate,
        createdAt: local,
        dueBy,
        remittancePrefix: settings.remittancePrefix,
      })
      return { payout, runs }
    } catch (e) {
      if (e instanceof ConfigError) throw new AllowanceError(422, 'invalid-payout', e.message, problemsOf(e.problems))
      throw e
    }
  }

  private payoutDates(body: unknown): { executionDate: string; dueBy: string } {
    const b = (body ?? {}) as Record<string, unknown>
    const today = this.today()
    const executionDate = b.executionDate === undefined || b.executionDate === '' ? today : b.executionDate
    if (!isIsoDate(executionDate) || executionDate < today) throw new AllowanceError(400, 'invalid', 'Ausführungstag fehlt oder liegt in der Vergangenheit', [{ path: 'executionDate', message: 'Datum ab heute' }])
    const dueBy = b.dueBy === undefined || b.dueBy === '' ? executionDate : b.dueBy
    if (!isIsoDate(dueBy)) throw new AllowanceError(400, 'invalid', 'Fälligkeit als Datum angeben', [{ path: 'dueBy', message: 'Datum' }])
    return { executionDate, dueBy }
  }

  private settlementsView(payout: Payout) {
    return payout.settlements.map((s) => ({
      personId: s.personId,
      name: s.name,
      amountCents: s.amountCents,
      status: s.status,
      problems: s.problems,
      endToEndId: s.endToEndId ?? null,
      iban: s.payee ? formatIban(s.payee.iban) : null,
      lines: s.lines,
    }))
  }

  previewPayout(userId: string, body: unknown) {
    this.requireFinance(this.actor(userId), 'payouts')
    const { executionDate, dueBy } = this.payoutDates(body)
    const { payout, runs } = this.buildPayoutNow(executionDate, dueBy)
    return {
      executionDate,
      dueBy,
      runs: runs.map((r) => ({ id: r.id, label: periodLabel(r.periodFrom, r.periodTo) })),
      transfers: payout.numberOfTransactions,
      controlSumCents: payout.controlSumCents,
      settlements: this.settlementsView(payout),
    }
  }

  /**
   * Builds the payout from the approved runs and the ledger, writes the SEPA file and the booking
   * CSV, and records the paid items in the ledger — in one transaction, so a second payout pays
   * only what is still open (nothing, if nothing changed).
   */
  createPayout(userId: string, body: unknown): { payout: PayoutRecord; settlements: ReturnType<AllowanceService['settlementsView']> } {
    this.requireFinance(this.actor(userId), 'payouts')
    const { executionDate, dueBy } = this.payoutDates(body)
    const settings = this.readSettings()
    // synchronous from reading the ledger to writing it: no other payout can interleave
    const { payout, runs } = this.buildPayoutNow(executionDate, dueBy)
    if (payout.numberOfTransactions === 0) {
      const blocked = payout.settlements.filter((s) => s.status === 'blocked').length
      throw new AllowanceError(
        409,
        'nothing-to-pay',
        blocked > 0 ? `Nichts zu überweisen: ${blocked} Zahlung(en) sind wegen fehlender oder fehlerhafter Bankverbindung gesperrt` : 'Es ist nichts mehr auszuzahlen – alle freigegebenen Posten sind bezahlt',
      )
    }
    let csv: Uint8Array
    try {
      csv = encodeBookingCsv(bookingCsv(payout, settings.bookingCsv), settings.bookingCsv.encoding)
    } catch (e) {
      if (e instanceof ConfigError) throw new AllowanceError(422, 'invalid-booking-file', e.message, problemsOf(e.problems))
      throw e
    }
    const xml = pain001Xml(payout)
    const id = newId('po')
    this.store.addPayout({
      id,
      payout,
      runIds: runs.map((r) => r.id),
      dueBy,
      xml,
      csv,
      csvEncoding: settings.bookingCsv.encoding,
      entries: paidEntriesOf(payout, executionDate),
      by: userId,
      at: this.stamp(),
    })
    this.deps.audit.write('allowance-payout-created', userId, id, { runIds: runs.map((r) => r.id) })
    return { payout: this.store.payout(id)!, settlements: this.settlementsView(payout) }
  }

  payouts(userId: string) {
    this.requireFinance(this.actor(userId), 'payouts')
    return this.store.payouts().map((p) => ({ ...p, createdByName: this.userName(p.createdBy), cancelledByName: this.userName(p.cancelledBy) }))
  }

  payout(userId: string, payoutId: string) {
    this.requireFinance(this.actor(userId), 'payouts')
    const record = this.store.payout(payoutId)
    const content = record && this.store.payoutContent(payoutId)
    if (!record || !content) throw new AllowanceError(404, 'not-found', 'Auszahlung nicht gefunden')
    return { payout: { ...record, createdByName: this.userName(record.createdBy) }, settlements: this.settlementsView(content.payout) }
  }

  payoutFile(userId: string, payoutId: string, kind: 'xml' | 'csv'): { bytes: Uint8Array; name: string; mime: string } {
    this.requireFinance(this.actor(userId), 'payouts')
    const record = this.store.payout(payoutId)
    const content = record && this.store.payoutContent(payoutId)
    if (!record || !content) throw new AllowanceError(404, 'not-found', 'Auszahlung nicht gefunden')
    this.deps.audit.write('allowance-payout-downloaded', userId, payoutId, { file: kind })
    const base = `Sitzungsgeld ${record.executionDate} ${record.messageId}`
    return kind === 'xml'
      ? { bytes: new TextEncoder().encode(content.xml), name: `${base}.xml`, mime: 'application/xml; charset=utf-8' }
      : { bytes: content.csv, name: `${base}.csv`, mime: `text/csv; charset=${record.csvEncoding === 'windows-1252' ? 'windows-1252' : 'utf-8'}` }
  }

  cancelPayout(userId: string, payoutId: string) {
    this.requireFinance(this.actor(userId), 'payouts')
    if (!this.store.payout(payoutId)) throw new AllowanceError(404, 'not-found', 'Auszahlung nicht gefunden')
    if (!this.store.cancelPayout(payoutId, userId, this.stamp())) throw new AllowanceError(409, 'cancelled', 'Die Auszahlung ist schon storniert')
    this.deps.audit.write('allowance-payout-cancelled', userId, payoutId)
    return this.payout(userId, payoutId)
  }

  // -- statements and tax -----------------------------------------------------------------------

  private taxYear(year: number, personId?: string) {
    const statute = this.currentStatute()?.statute
    if (!statute) return null
    const ledger = this.store.ledger({ paidFrom: `${year}-01-01`, paidTo: `${year}-12-31`, ...(personId ? { personId } : {}) })
    const persons = new Map<string, { personId: string; name: string; taxId?: string }>()
    for (const e of ledger) if (!persons.has(e.personId)) persons.set(e.personId, { personId: e.personId, name: this.personName(e.personId) ?? e.personId })
    for (const p of this.store.payees()) {
      const person = persons.get(p.personId)
      if (person && p.taxId) person.taxId = p.taxId
    }
    return yearlyTaxSummary({ year, town: { state: statute.state, inhabitants: statute.inhabitants }, payments: ledger, persons: [...persons.values()], rules: SAXONY_ANHALT_TAX_RULES })
  }

  /** One member's year: approved items (a later approved run wins per item), what was paid, the tax part. */
  private statementOf(personId: string, year: number): Statement {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AllowanceError(400, 'invalid', 'Jahr angeben')
    const items = new Map<string, LineItem>()
    const runs: Statement['runs'] = []
    for (const r of this.store.latestApprovedRuns()) {
      if (Number(r.periodFrom.slice(0, 4)) > year || Number(r.periodTo.slice(0, 4)) < year) continue
      const result = this.store.runResult(r.id)!
      runs.push({ id: r.id, label: periodLabel(r.periodFrom, r.periodTo), approvedAt: r.approvedAt! })
      for (const m of result.members) if (m.personId === personId) for (const item of m.items) if (item.month.startsWith(`${year}-`)) items.set(item.id, item)
    }
    const paid = new Map<string, number>()
    for (const e of this.store.ledger({ personId })) paid.set(e.itemId, (paid.get(e.itemId) ?? 0) + e.amountCents)
    const list: StatementItem[] = [...items.values()]
      .map((i) => ({ ...i, paidCents: paid.get(i.id) ?? 0 }))
      .sort((a, b) => a.month.localeCompare(b.month) || (a.date ?? '').localeCompare(b.date ?? '') || ALLOWANCE_KINDS.indexOf(a.kind) - ALLOWANCE_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id))
    const totals = new Map<AllowanceKind, number>(ALLOWANCE_KINDS.map((k) => [k, 0]))
    for (const i of list) totals.set(i.kind, totals.get(i.kind)! + i.amountCents)
    const totalCents = list.reduce((s, i) => s + i.amountCents, 0)
    const paidCents = list.reduce((s, i) => s + i.paidCents, 0)
    const summary = this.taxYear(year, personId)
    const mine = summary?.members.find((m) => m.personId === personId)
    return {
      personId,
      name: this.personName(personId) ?? personId,
      year,
      runs,
      items: list,
      totalsByKind: ALLOWANCE_KINDS.map((kind) => ({ kind, amountCents: totals.get(kind)! })),
      totalCents,
      paidCents,
      openCents: totalCents - paidCents,
      tax: mine
        ? {
            totalCents: mine.totalCents,
            taxFreeCents: mine.taxFreeCents,
            exemptCents: mine.exemptCents,
            taxableCents: mine.taxableCents,
            taxFreeMonthlyCents: summary?.rule?.taxFreeMonthlyCents ?? null,
            explanation: mine.explanation,
            rule: summary?.rule?.source ?? null,
            reportable: mine.reportable,
          }
        : null,
    }
  }

  /** `personId` 'me': the member's own; anyone else's: finance only. */
  private statementPerson(userId: string, personId: string): string {
    const actor = this.actor(userId)
    if (personId === 'me') return this.requireMember(actor)
    if (actor.personId === personId) return personId
    this.requireFinance(actor, `statement:${personId}`)
    if (!this.personName(personId)) throw new AllowanceError(404, 'not-found', 'Person nicht gefunden')
    return personId
  }

  statement(userId: string, personId: string, year: number): Statement {
    return this.statementOf(this.statementPerson(userId, personId), year)
  }

  async statementPdf(userId: string, personId: string, year: number): Promise<{ bytes: Uint8Array; name: string }> {
    const statement = this.statementOf(this.statementPerson(userId, personId), year)
    const bytes = await renderStatementPdf(statement, { townName: this.deps.townName(), date: this.today() }, await this.deps.loadFonts())
    return { bytes, name: statementFileName(statement) }
  }

  taxSummary(userId: string, year: number) {
    this.requireFinance(this.actor(userId), 'tax')
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AllowanceError(400, 'invalid', 'Jahr angeben')
    const summary = this.taxYear(year)
    if (!summary) throw new AllowanceError(409, 'no-statute', 'Es ist noch keine Entschädigungssatzung hinterlegt')
    return summary
  }

  /** The list for the tax office (Mitteilungsverordnung) as CSV: UTF-8 with BOM, semicolons. */
  taxReportCsv(userId: string, year: number): { bytes: Uint8Array; name: string } {
    const summary = this.taxSummary(userId, year)
    const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
    const euros = (c: number) => `${Math.trunc(c / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`
    const lines = ['Jahr;Personennummer;Name;Steuer-ID;Summe der Zahlungen (EUR)']
    for (const r of summary.report) lines.push([String(year), r.personId, r.name, r.taxId ?? '', euros(r.totalCents)].map(quote).join(';'))
    this.deps.audit.write('allowance-tax-report-downloaded', userId, String(year))
    return { bytes: new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`), name: `Mitteilung Finanzamt ${year}.csv` }
  }
}
