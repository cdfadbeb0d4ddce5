/**
 * The body's structure as the clerk's office maintains it: legislative terms, bodies and factions
 * (organizations) with their rules-of-procedure settings, administrative departments, persons and
 * memberships. Typed CRUD over the relay database with validation where the data enters: every
 * error names the field and says what to fix, in German for the clerk and in English for the
 * English UI and the logs. Each write is one statement or one transaction, so a refused input
 * changes nothing.
 *
 * Access follows memberships (AccessRegistry): callers that create or change a membership must tell
 * the registry (`usersOfPerson` lists whom to invalidate); this store does no I/O beyond SQLite.
 */
import { randomBytes } from 'node:crypto'
import {
  ADVISORY_ROLES,
  BODY_CLASSIFICATIONS,
  BODY_ONLY_ROLES,
  DEFAULT_BODY_SETTINGS,
  FACTION_ONLY_ROLES,
  FORMS_OF_ADDRESS,
  MAJORITY_RULES,
  MEMBERSHIP_ROLES,
  QUORUM_RULES,
  TIE_BREAK_RULES,
  MAX_STANDARD_ITEMS,
  MAX_STANDARD_ITEM_TITLE,
  type StandardItemTemplate,
  type BodySettings,
  type DepartmentInfo,
  type LegislativeTerm,
  type Organization,
  type OrganizationType,
  type Person,
  type StructureMembership,
} from '@ratstisch/domain'
import { todayInBerlin } from '../access/access-registry.ts'
import type { RelayDatabase } from '../db/database.ts'

// ---------------------------------------------------------------------------------------------
// Types (option lists, body settings and the record shapes shared with the app are in
// @ratstisch/domain, structure.ts)

const MAX_NOTICE_DAYS = 60
const MAX_MINIMUM_MEMBERS = 200

/** What the relay stores and answers: the shared shapes plus when the record last changed. */
export interface OrganizationRecord extends Organization {
  updatedAt: string | null
}

export type DepartmentRecord = DepartmentInfo

export interface PersonRecord extends Person {
  updatedAt: string | null
}

export interface MembershipRecord extends StructureMembership {
  updatedAt: string | null
}

export interface TermInput {
  name?: unknown
  startDate?: unknown
  endDate?: unknown
}

export interface OrganizationInput {
  name?: unknown
  shortName?: unknown
  organizationType?: unknown
  classification?: unknown
  startDate?: unknown
  endDate?: unknown
  settings?: unknown
}

export interface DepartmentInput {
  name?: unknown
  shortName?: unknown
  active?: unknown
}

export interface PersonInput {
  formOfAddress?: unknown
  title?: unknown
  givenName?: unknown
  familyName?: unknown
  email?: unknown
  publishConsent?: unknown
}

export interface MembershipInput {
  personId?: unknown
  organizationId?: unknown
  role?: unknown
  votingRight?: unknown
  startDate?: unknown
  endDate?: unknown
  onBehalfOf?: unknown
  substituteForPersonId?: unknown
}

// ---------------------------------------------------------------------------------------------
// Errors

export type StructureErrorCode = 'invalid' | 'not-found' | 'conflict'

/** A refused input: `messageDe` for the clerk, `message` (English) for logs and the English UI. */
export class StructureError extends Error {
  constructor(
    readonly code: StructureErrorCode,
    readonly messageDe: string,
    messageEn: string,
    /** the input field to correct (dotted for settings, e.g. "settings.quorum") */
    readonly field?: string,
  ) {
    super(messageEn)
    this.name = 'StructureError'
  }
}

const LABELS: Record<string, readonly [de: string, en: string]> = {
  name: ['Name', 'name'],
  shortName: ['Kurzname', 'short name'],
  startDate: ['Beginn', 'start date'],
  endDate: ['Ende', 'end date'],
  organizationType: ['Art (Gremium oder Fraktion)', 'type (body or faction)'],
  classification: ['Art des Gremiums', 'kind of body'],
  settings: ['Einstellungen', 'settings'],
  'settings.invitationPeriodDays': ['Ladungsfrist (Tage)', 'notice period (days)'],
  'settings.urgentInvitationPeriodDays': ['Verkürzte Ladungsfrist (Tage)', 'shortened notice period (days)'],
  'settings.quorum': ['Beschlussfähigkeit', 'quorum rule'],
  'settings.majority': ['Mehrheit', 'majority rule'],
  'settings.minimumMembers': ['Mindestzahl anwesender Mitglieder', 'minimum members present'],
  'settings.public': ['Sitzungen öffentlich', 'public meetings'],
  'settings.tieBreak': ['Stimmengleichheit', 'tie rule'],
  'settings.standardItems': ['Regel-Tagesordnungspunkte', 'standard agenda items'],
  active: ['Aktiv', 'active'],
  formOfAddress: ['Anrede', 'form of address'],
  title: ['Titel', 'title'],
  givenName: ['Vorname', 'given name'],
  familyName: ['Nachname', 'family name'],
  email: ['E-Mail', 'e-mail'],
  publishConsent: ['Einwilligung zur Veröffentlichung', 'consent to publication'],
  personId: ['Person', 'person'],
  organizationId: ['Gremium oder Fraktion', 'body or faction'],
  role: ['Rolle', 'role'],
  votingRight: ['Stimmrecht', 'voting right'],
  onBehalfOf: ['Fraktion', 'faction'],
  substituteForPersonId: ['Vertretung für', 'substitute for'],
}

const label = (field: string): readonly [string, string] => LABELS[field] ?? [field, field]

const invalid = (field: string | undefined, de: string, en: string) => new StructureError('invalid', de, en, field)

function missing(field: string): StructureError {
  const [de, en] = label(field)
  return invalid(field, `Bitte „${de}“ angeben.`, `Please enter the ${en}.`)
}

function notFound(what: readonly [string, string], id: string, field?: string): StructureError {
  return new StructureError(
    field ? 'invalid' : 'not-found',
    `${what[0]} „${id}“ gibt es nicht.`,
    `${what[1]} "${id}" does not exist.`,
    field,
  )
}

const TERM: readonly [string, string] = ['Die Wahlperiode', 'The legislative term']
const ORGANIZATION: readonly [string, string] = ['Das Gremium bzw. die Fraktion', 'The body or faction']
const DEPARTMENT: readonly [string, string] = ['Das Amt', 'The department']
const PERSON: readonly [string, string] = ['Die Person', 'The person']
const MEMBERSHIP: readonly [string, string] = ['Die Mitgliedschaft', 'The membership']

// ---------------------------------------------------------------------------------------------
// Input reading

type Mode = 'create' | 'update'
type Input = Record<string, unknown>

function isPlainObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readInput(value: unknown, allowed: readonly string[]): Input {
  if (!isPlainObject(value)) {
    throw invalid(undefined, 'Ungültige Anfrage: ein JSON-Objekt wird erwartet.', 'Bad request: a JSON object is expected.')
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(key, `Unbekanntes Feld „${key}“.`, `Unknown field "${key}".`)
  }
  return value
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200
}

/**
 * Text field. Returns undefined when absent (keep on update), null when cleared; a required field
 * may be absent on update but never cleared.
 */
function readText(input: Input, field: string, mode: Mode, options: { required?: boolean; max?: number } = {}): string | null | undefined {
  const value = input[field]
  const [de, en] = label(field)
  if (value === undefined) {
    if (options.required && mode === 'create') throw missing(field)
    return undefined
  }
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    if (options.required) throw missing(field)
    return null
  }
  if (typeof value !== 'string') throw invalid(field, `„${de}“ muss ein Text sein.`, `The ${en} must be text.`)
  const text = value.trim().replace(/\s+/g, ' ')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw invalid(field, `„${de}“ enthält unzulässige Zeichen.`, `The ${en} contains control characters.`)
  const max = options.max ?? 200
  if (text.length > max) {
    throw invalid(field, `„${de}“ ist zu lang (höchstens ${max} Zeichen).`, `The ${en} is too long (at most ${max} characters).`)
  }
  return text
}

function readDate(input: Input, field: string, mode: Mode, options: { required?: boolean } = {}): string | null | undefined {
  const value = input[field]
  const [de, en] = label(field)
  if (value === undefined) {
    if (options.required && mode === 'create') throw missing(field)
    return undefined
  }
  if (value === null || value === '') {
    if (options.required) throw missing(field)
    return null
  }
  if (!isIsoDate(value)) {
    throw invalid(
      field,
      `„${de}“: bitte ein gültiges Datum im Format JJJJ-MM-TT angeben (z. B. 2024-07-01).`,
      `The ${en} must be a valid date written as YYYY-MM-DD (e.g. 2024-07-01).`,
    )
  }
  return value
}

function readBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') {
    const [de, en] = label(field)
    throw invalid(field, `„${de}“ muss ja oder nein sein (true/false).`, `The ${en} must be true or false.`)
  }
  return value
}

function readInteger(value: unknown, field: string, min: number, max: number): number {
  const [de, en] = label(field)
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `„${de}“ muss eine ganze Zahl von ${min} bis ${max} sein.`, `The ${en} must be a whole number from ${min} to ${max}.`)
  }
  return value
}

function readChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    const [de, en] = label(field)
    const list = choices.map((c) => `„${c}“`).join(', ')
    throw invalid(field, `„${de}“ muss einer dieser Werte sein: ${list}.`, `The ${en} must be one of: ${choices.join(', ')}.`)
  }
  return value as T
}

function checkPeriod(startDate: string | null, endDate: string | null): void {
  if (startDate && endDate && endDate < startDate) {
    throw invalid(
      'endDate',
      `Das Ende (${endDate}) liegt vor dem Beginn (${startDate}).`,
      `The end date (${endDate}) is before the start date (${startDate}).`,
    )
  }
}

/** Two periods (inclusive, null = open) share at least one day. */
function periodsOverlap(a: { start: string | null; end: string | null }, b: { start: string | null; end: string | null }): boolean {
  return (a.start === null || b.end === null || a.start <= b.end) && (b.start === null || a.end === null || b.start <= a.end)
}

// ---------------------------------------------------------------------------------------------
// Body settings

/**
 * Validates settings sent by a client: keys present replace those of `base`, unknown keys and
 * values out of range are refused with the field named.
 */
export function parseBodySettings(value: unknown, base: BodySettings = DEFAULT_BODY_SETTINGS): BodySettings {
  if (value === undefined || value === null) return { ...base }
  if (!isPlainObject(value)) {
    throw invalid('settings', '„Einstellungen“ müssen ein Objekt sein.', 'The settings must be an object.')
  }
  const allowed = [...Object.keys(DEFAULT_BODY_SETTINGS), 'standardItems']
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw invalid(`settings.${key}`, `Unbekannte Einstellung „${key}“.`, `Unknown setting "${key}".`)
    }
  }
  const result: BodySettings = { ...base }
  if ('invitationPeriodDays' in value) {
    result.invitationPeriodDays = readInteger(value.invitationPeriodDays, 'settings.invitationPeriodDays', 0, MAX_NOTICE_DAYS)
  }
  if ('urgentInvitationPeriodDays' in value) {
    result.urgentInvitationPeriodDays = readInteger(value.urgentInvitationPeriodDays, 'settings.urgentInvitationPeriodDays', 0, MAX_NOTICE_DAYS)
  }
  if ('quorum' in value) result.quorum = readChoice(value.quorum, 'settings.quorum', QUORUM_RULES)
  if ('majority' in value) result.majority = readChoice(value.majority, 'settings.majority', MAJORITY_RULES)
  if ('minimumMembers' in value) {
    result.minimumMembers = readInteger(value.minimumMembers, 'settings.minimumMembers', 0, MAX_MINIMUM_MEMBERS)
  }
  if ('public' in value) {
    if (typeof value.public !== 'boolean') {
      throw invalid('settings.public', '„Sitzungen öffentlich“ muss ja oder nein sein.', 'Public meetings must be true or false.')
    }
    result.public = value.public
  }
  if ('tieBreak' in value) result.tieBreak = readChoice(value.tieBreak, 'settings.tieBreak', TIE_BREAK_RULES)
  if ('standardItems' in value) {
    // null = back to the default template; a list (possibly empty) = the body's own
    if (value.standardItems === null) delete result.standardItems
    else result.standardItems = readStandardItems(value.standardItems)
  }
  if (result.urgentInvitationPeriodDays > result.invitationPeriodDays) {
    throw invalid(
      'settings.urgentInvitationPeriodDays',
      'Die verkürzte Ladungsfrist darf nicht länger sein als die Ladungsfrist.',
      'The shortened notice period must not be longer than the notice period.',
    )
  }
  return result
}

/**
 * A body's standard items template (Regel-TOPs): a bounded list of {key, title, public, position};
 * keys are unique (agenda items refer to them as `standardKey`) and titles are one line of text.
 */
function readStandardItems(value: unknown): StandardItemTemplate[] {
  const field = 'settings.standardItems'
  if (!Array.isArray(value)) {
    throw invalid(field, '„Regel-Tagesordnungspunkte“ müssen eine Liste sein.', 'The standard agenda items must be a list.')
  }
  if (value.length > MAX_STANDARD_ITEMS) {
    throw invalid(field, `Höchstens ${MAX_STANDARD_ITEMS} Regel-Tagesordnungspunkte sind möglich.`, `At most ${MAX_STANDARD_ITEMS} standard agenda items are allowed.`)
  }
  const keys = new Set<string>()
  return value.map((entry: unknown, i) => {
    const n = i + 1
    if (!isPlainObject(entry)) {
      throw invalid(field, `Regel-Tagesordnungspunkt ${n} ist ungültig.`, `Standard agenda item ${n} is not an object.`)
    }
    const title = typeof entry.title === 'string' ? entry.title.trim() : ''
    if (!title || title.length > MAX_STANDARD_ITEM_TITLE || /[\r\n]/.test(title)) {
      throw invalid(
        field,
        `Regel-Tagesordnungspunkt ${n} braucht einen einzeiligen Titel mit höchstens ${MAX_STANDARD_ITEM_TITLE} Zeichen.`,
        `Standard agenda item ${n} needs a one-line title of at most ${MAX_STANDARD_ITEM_TITLE} characters.`,
      )
    }
    const key = typeof entry.key === 'string' ? entry.key.trim() : ''
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(key) || keys.has(key)) {
      throw invalid(
        field,
        `Regel-Tagesordnungspunkt ${n} („${title}“) braucht einen eigenen Schlüssel aus Kleinbuchstaben, Ziffern und Bindestrichen.`,
        `Standard agenda item ${n} needs a unique key of lower-case letters, digits and hyphens.`,
      )
    }
    keys.add(key)
    if (typeof entry.public !== 'boolean') {
      throw invalid(field, `Bei Regel-Tagesordnungspunkt ${n} („${title}“) muss „öffentlich“ ja oder nein sein.`, `Standard agenda item ${n}: public must be true or false.`)
    }
    if (entry.position !== 'start' && entry.position !== 'end') {
      throw invalid(field, `Bei Regel-Tagesordnungspunkt ${n} („${title}“) muss die Stellung „Anfang“ oder „Ende“ sein.`, `Standard agenda item ${n}: position must be start or end.`)
    }
    for (const k of Object.keys(entry)) {
      if (!['key', 'title', 'public', 'position'].includes(k)) {
        throw invalid(field, `Regel-Tagesordnungspunkt ${n} hat ein unbekanntes Feld „${k}“.`, `Standard agenda item ${n} has an unknown field "${k}".`)
      }
    }
    return { key, title, public: entry.public, position: entry.position }
  })
}

/** Settings as stored: tolerant of older or hand-edited JSON, falls back to the defaults per key. */
export function storedBodySettings(json: string | null | undefined): BodySettings {
  let raw: unknown
  try {
    raw = json ? JSON.parse(json) : {}
  } catch {
    raw = {}
  }
  const result: BodySettings = { ...DEFAULT_BODY_SETTINGS }
  if (!isPlainObject(raw)) return result
  // each key on its own against a base that cannot fail the cross-check between the two periods
  const neutral: BodySettings = { ...DEFAULT_BODY_SETTINGS, invitationPeriodDays: MAX_NOTICE_DAYS, urgentInvitationPeriodDays: 0 }
  for (const key of [...Object.keys(DEFAULT_BODY_SETTINGS), 'standardItems'] as (keyof BodySettings)[]) {
    if (!(key in raw)) continue
    try {
      const parsed = parseBodySettings({ [key]: raw[key] }, neutral)
      ;(result as unknown as Record<string, unknown>)[key] = parsed[key]
    } catch {
      // keep the default of a key that does not validate
    }
  }
  if (result.urgentInvitationPeriodDays > result.invitationPeriodDays) result.urgentInvitationPeriodDays = result.invitationPeriodDays
  return result
}

// ---------------------------------------------------------------------------------------------
// Ids

/** A readable id from a name: "Bau- und Vergabeausschuss" -> "org-bau-und-vergabeausschuss". */
export function slugId(prefix: string, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return `${prefix}-${slug || randomBytes(4).toString('hex')}`
}

const randomId = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`

// ---------------------------------------------------------------------------------------------
// Rows

interface TermRow {
  id: string
  name: string
  start_date: string
  end_date: string
}

interface OrganizationRow {
  id: string
  name: string
  short_name: string
  organization_type: string
  classification: string
  settings: string | null
  start_date: string | null
  end_date: string | null
  updated_at: string | null
}

interface DepartmentRow {
  id: string
  name: string
  short_name: string
  active: number
}

interface PersonRow {
  id: string
  name: string
  form_of_address: string | null
  title: string | null
  given_name: string | null
  family_name: string | null
  email: string | null
  publish_consent: number
  portrait_sha256: string | null
  updated_at: string | null
}

interface MembershipRow {
  id: string
  person_id: string
  person_name: string
  organization_id: string
  organization_name: string
  organization_type: string
  role: string
  voting_right: number
  start_date: string | null
  end_date: string | null
  on_behalf_of: string | null
  on_behalf_of_name: string | null
  substitute_for_person_id: string | null
  substitute_for_name: string | null
  updated_at: string | null
}

const toTerm = (r: TermRow): LegislativeTerm => ({ id: r.id, name: r.name, startDate: r.start_date, endDate: r.end_date })

const toOrganization = (r: OrganizationRow): OrganizationRecord => {
  const organizationType: OrganizationType = r.organization_type === 'Fraktion' ? 'Fraktion' : 'Gremium'
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    organizationType,
    classification: r.classification,
    startDate: r.start_date,
    endDate: r.end_date,
    settings: organizationType === 'Gremium' ? storedBodySettings(r.settings) : null,
    updatedAt: r.updated_at,
  }
}

const toDepartment = (r: DepartmentRow): DepartmentRecord => ({ id: r.id, name: r.name, shortName: r.short_name, active: r.active === 1 })

const toPerson = (r: PersonRow): PersonRecord => ({
  id: r.id,
  name: r.name,
  formOfAddress: r.form_of_address,
  title: r.title,
  givenName: r.given_name,
  familyName: r.family_name,
  email: r.email,
  publishConsent: r.publish_consent === 1,
  portraitSha256: r.portrait_sha256,
  updatedAt: r.updated_at,
})

const toMembership = (r: MembershipRow): MembershipRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  organizationType: r.organization_type === 'Fraktion' ? 'Fraktion' : 'Gremium',
  role: r.role,
  votingRight: r.voting_right === 1,
  startDate: r.start_date,
  endDate: r.end_date,
  onBehalfOf: r.on_behalf_of,
  onBehalfOfName: r.on_behalf_of_name,
  substituteForPersonId: r.substitute_for_person_id,
  substituteForName: r.substitute_for_name,
  updatedAt: r.updated_at,
})

const MEMBERSHIP_SELECT = `
  SELECT m.id, m.person_id, p.name AS person_name, m.organization_id, o.name AS organization_name,
         o.organization_type, m.role, m.voting_right, m.start_date, m.end_date, m.on_behalf_of,
         f.name AS on_behalf_of_name, m.substitute_for_person_id, s.name AS substitute_for_name, m.updated_at
  FROM memberships m
  JOIN persons p ON p.id = m.person_id
  JOIN organizations o ON o.id = m.organization_id
  LEFT JOIN organizations f ON f.id = m.on_behalf_of
  LEFT JOIN persons s ON s.id = m.substitute_for_person_id`

/** "Dr. Anna Becker" from its parts. */
export function personDisplayName(parts: { title?: string | null; givenName?: string | null; familyName?: string | null }): string {
  return [parts.title, parts.givenName, parts.familyName].filter((p): p is string => !!p).join(' ')
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

// ---------------------------------------------------------------------------------------------
// Store

export interface MembershipFilter {
  organizationId?: string
  personId?: string
  /** only memberships active today (Europe/Berlin) */
  current?: boolean
}

export class StructureStore {
  constructor(
    private readonly db: RelayDatabase,
    private readonly today: () => string = todayInBerlin,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  // --- legislative terms ---------------------------------------------------------------------

  listTerms(): LegislativeTerm[] {
    return (this.db.prepare('SELECT * FROM legislative_terms ORDER BY start_date DESC').all() as TermRow[]).map(toTerm)
  }

  getTerm(id: string): LegislativeTerm | undefined {
    const row = this.db.prepare('SELECT * FROM legislative_terms WHERE id = ?').get(id) as TermRow | undefined
    return row && toTerm(row)
  }

  createTerm(input: TermInput): LegislativeTerm {
    const i = readInput(input, ['name', 'startDate', 'endDate'])
    const term: LegislativeTerm = {
      id: '',
      name: readText(i, 'name', 'create', { required: true, max: 60 })!,
      startDate: readDate(i, 'startDate', 'create', { required: true })!,
      endDate: readDate(i, 'endDate', 'create', { required: true })!,
    }
    return this.db.transaction(() => {
      this.checkTerm(term)
      term.id = this.freeId('legislative_terms', slugId('term', term.name))
      this.db.prepare('INSERT INTO legislative_terms (id, name, start_date, end_date) VALUES (?, ?, ?, ?)').run(term.id, term.name, term.startDate, term.endDate)
      return term
    })()
  }

  updateTerm(id: string, input: TermInput): LegislativeTerm {
    const i = readInput(input, ['name', 'startDate', 'endDate'])
    return this.db.transaction(() => {
      const current = this.getTerm(id)
      if (!current) throw notFound(TERM, id)
      const term: LegislativeTerm = {
        id,
        name: readText(i, 'name', 'update', { required: true, max: 60 }) ?? current.name,
        startDate: readDate(i, 'startDate', 'update', { required: true }) ?? current.startDate,
        endDate: readDate(i, 'endDate', 'update', { required: true }) ?? current.endDate,
      }
      this.checkTerm(term)
      this.db.prepare('UPDATE legislative_terms SET name = ?, start_date = ?, end_date = ? WHERE id = ?').run(term.name, term.startDate, term.endDate, id)
      return term
    })()
  }

  private checkTerm(term: LegislativeTerm): void {
    checkPeriod(term.startDate, term.endDate)
    for (const other of this.listTerms()) {
      if (other.id === term.id) continue
      if (other.name.toLowerCase() === term.name.toLowerCase()) {
        throw new StructureError('conflict', `Eine Wahlperiode „${term.name}“ gibt es schon.`, `A legislative term "${term.name}" already exists.`, 'name')
      }
      if (periodsOverlap({ start: term.startDate, end: term.endDate }, { start: other.startDate, end: other.endDate })) {
        throw new StructureError(
          'conflict',
          `Der Zeitraum überschneidet sich mit der Wahlperiode „${other.name}“ (${other.startDate} bis ${other.endDate}).`,
          `The period overlaps the legislative term "${other.name}" (${other.startDate} to ${other.endDate}).`,
          'startDate',
        )
      }
    }
  }

  // --- organizations (bodies and factions) -----------------------------------------------------

  listOrganizations(filter: { organizationType?: OrganizationType } = {}): OrganizationRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM organizations WHERE (? IS NULL OR organization_type = ?)
         ORDER BY CASE classification WHEN 'Stadtrat' THEN 0 WHEN 'Gemeinderat' THEN 0 WHEN 'Ausschuss' THEN 1 WHEN 'Ortschaftsrat' THEN 2 ELSE 3 END, name`,
      )
      .all(filter.organizationType ?? null, filter.organizationType ?? null) as OrganizationRow[]
    return rows.map(toOrganization)
  }

  getOrganization(id: string): OrganizationRecord | undefined {
    const row = this.db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined
    return row && toOrganization(row)
  }

  createOrganization(input: OrganizationInput): OrganizationRecord {
    const i = readInput(input, ['name', 'shortName', 'organizationType', 'classification', 'startDate', 'endDate', 'settings'])
    if (i.organizationType === undefined) throw missing('organizationType')
    const organizationType = readChoice(i.organizationType, 'organizationType', ['Gremium', 'Fraktion'] as const)
    const name = readText(i, 'name', 'create', { required: true, max: 120 })!
    const org: OrganizationRecord = {
      id: '',
      name,
      shortName: readText(i, 'shortName', 'create', { max: 60 }) ?? name,
      organizationType,
      classification: this.readClassification(i, organizationType, undefined),
      startDate: readDate(i, 'startDate', 'create') ?? null,
      endDate: readDate(i, 'endDate', 'create') ?? null,
      settings: this.readSettings(i, organizationType, DEFAULT_BODY_SETTINGS),
      updatedAt: this.now(),
    }
    checkPeriod(org.startDate, org.endDate)
    return this.db.transaction(() => {
      this.checkOrganizationName(org)
      org.id = this.freeId('organizations', slugId('org', org.shortName))
      this.db
        .prepare(
          `INSERT INTO organizations (id, name, short_name, organization_type, classification, settings, start_date, end_date, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(org.id, org.name, org.shortName, org.organizationType, org.classification, JSON.stringify(org.settings ?? {}), org.startDate, org.endDate, org.updatedAt)
      return org
    })()
  }

  updateOrganization(id: string, input: OrganizationInput): OrganizationRecord {
    const i = readInput(input, ['name', 'shortName', 'organizationType', 'classification', 'startDate', 'endDate', 'settings'])
    return this.db.transaction(() => {
      const current = this.getOrganization(id)
      if (!current) throw notFound(ORGANIZATION, id)
      if (i.organizationType !== undefined && i.organizationType !== current.organizationType) {
        throw invalid(
          'organizationType',
          'Ob es ein Gremium oder eine Fraktion ist, lässt sich nach dem Anlegen nicht mehr ändern.',
          'Whether it is a body or a faction cannot be changed after it was created.',
        )
      }
      const name = readText(i, 'name', 'update', { required: true, max: 120 }) ?? current.name
      const startDate = readDate(i, 'startDate', 'update')
      const endDate = readDate(i, 'endDate', 'update')
      const org: OrganizationRecord = {
        ...current,
        name,
        shortName: readText(i, 'shortName', 'update', { required: true, max: 60 }) ?? current.shortName,
        classification: this.readClassification(i, current.organizationType, current.classification),
        startDate: startDate === undefined ? current.startDate : startDate,
        endDate: endDate === undefined ? current.endDate : endDate,
        settings: this.readSettings(i, current.organizationType, current.settings ?? DEFAULT_BODY_SETTINGS),
        updatedAt: this.now(),
      }
      checkPeriod(org.startDate, org.endDate)
      this.checkOrganizationName(org)
      this.db
        .prepare(
          `UPDATE organizations SET name = ?, short_name = ?, classification = ?, settings = ?, start_date = ?, end_date = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(org.name, org.shortName, org.classification, JSON.stringify(org.settings ?? {}), org.startDate, org.endDate, org.updatedAt, id)
      return org
    })()
  }

  private readClassification(i: Input, type: OrganizationType, current: string | undefined): string {
    if (type === 'Fraktion') {
      if (i.classification !== undefined && i.classification !== 'Fraktion') {
        throw invalid('classification', 'Eine Fraktion hat keine Gremienart.', 'A faction has no kind of body.')
      }
      return 'Fraktion'
    }
    if (i.classification === undefined) {
      if (current) return current
      throw missing('classification')
    }
    return readChoice(i.classification, 'classification', BODY_CLASSIFICATIONS)
  }

  private readSettings(i: Input, type: OrganizationType, base: BodySettings): BodySettings | null {
    if (type === 'Fraktion') {
      if (i.settings !== undefined && i.settings !== null && !(isPlainObject(i.settings) && Object.keys(i.settings).length === 0)) {
        throw invalid('settings', 'Fraktionen haben keine Sitzungseinstellungen.', 'Factions have no meeting settings.')
      }
      return null
    }
    return parseBodySettings(i.settings, base)
  }

  private checkOrganizationName(org: OrganizationRecord): void {
    const clash = this.db
      .prepare('SELECT id FROM organizations WHERE id != ? AND (name = ? COLLATE NOCASE OR short_name = ? COLLATE NOCASE)')
      .get(org.id, org.name, org.shortName) as { id: string } | undefined
    if (clash) {
      throw new StructureError(
        'conflict',
        `Ein Gremium oder eine Fraktion mit dem Namen „${org.name}“ bzw. Kurznamen „${org.shortName}“ gibt es schon.`,
        `A body or faction named "${org.name}" or "${org.shortName}" already exists.`,
        'name',
      )
    }
  }

  // --- departments --------------------------------------------------------------------------

  listDepartments(filter: { activeOnly?: boolean } = {}): DepartmentRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM departments ${filter.activeOnly ? 'WHERE active = 1' : ''} ORDER BY name`)
      .all() as DepartmentRow[]
    return rows.map(toDepartment)
  }

  getDepartment(id: string): DepartmentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM departments WHERE id = ?').get(id) as DepartmentRow | undefined
    return row && toDepartment(row)
  }

  createDepartment(input: DepartmentInput): DepartmentRecord {
    const i = readInput(input, ['name', 'shortName', 'active'])
    const name = readText(i, 'name', 'create', { required: true, max: 120 })!
    const dept: DepartmentRecord = {
      id: '',
      name,
      shortName: readText(i, 'shortName', 'create', { required: true, max: 40 })!,
      active: readBoolean(i, 'active') ?? true,
    }
    return this.db.transaction(() => {
      this.checkDepartmentName(dept)
      dept.id = this.freeId('departments', slugId('dept', dept.shortName))
      this.db.prepare('INSERT INTO departments (id, name, short_name, active) VALUES (?, ?, ?, ?)').run(dept.id, dept.name, dept.shortName, dept.active ? 1 : 0)
      return dept
    })()
  }

  updateDepartment(id: string, input: DepartmentInput): DepartmentRecord {
    const i = readInput(input, ['name', 'shortName', 'active'])
    return this.db.transaction(() => {
      const current = this.getDepartment(id)
      if (!current) throw notFound(DEPARTMENT, id)
      const dept: DepartmentRecord = {
        id,
        name: readText(i, 'name', 'update', { required: true, max: 120 }) ?? current.name,
        shortName: readText(i, 'shortName', 'update', { required: true, max: 40 }) ?? current.shortName,
        active: readBoolean(i, 'active') ?? current.active,
      }
      this.checkDepartmentName(dept)
      this.db.prepare('UPDATE departments SET name = ?, short_name = ?, active = ? WHERE id = ?').run(dept.name, dept.shortName, dept.active ? 1 : 0, id)
      return dept
    })()
  }

  private checkDepartmentName(dept: DepartmentRecord): void {
    const clash = this.db
      .prepare('SELECT name FROM departments WHERE id != ? AND (name = ? COLLATE NOCASE OR short_name = ? COLLATE NOCASE)')
      .get(dept.id, dept.name, dept.shortName) as { name: string } | undefined
    if (clash) {
      throw new StructureError(
        'conflict',
        `Ein Amt mit dem Namen „${dept.name}“ bzw. Kurznamen „${dept.shortName}“ gibt es schon.`,
        `A department named "${dept.name}" or "${dept.shortName}" already exists.`,
        'name',
      )
    }
  }

  // --- persons ------------------------------------------------------------------------------

  listPersons(): PersonRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM persons ORDER BY COALESCE(family_name, name) COLLATE NOCASE, given_name COLLATE NOCASE, id')
      .all() as PersonRow[]
    return rows.map(toPerson)
  }

  getPerson(id: string): PersonRecord | undefined {
    const row = this.db.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined
    return row && toPerson(row)
  }

  createPerson(input: PersonInput): PersonRecord {
    const i = readInput(input, ['formOfAddress', 'title', 'givenName', 'familyName', 'email', 'publishConsent'])
    const person: PersonRecord = {
      id: randomId('p'),
      name: '',
      formOfAddress: this.readFormOfAddress(i) ?? null,
      title: readText(i, 'title', 'create', { max: 40 }) ?? null,
      givenName: readText(i, 'givenName', 'create', { max: 80 }) ?? null,
      familyName: readText(i, 'familyName', 'create', { required: true, max: 80 })!,
      email: this.readEmail(i) ?? null,
      publishConsent: readBoolean(i, 'publishConsent') ?? false,
      portraitSha256: null,
      updatedAt: this.now(),
    }
    person.name = personDisplayName(person)
    this.db
      .prepare(
        `INSERT INTO persons (id, name, given_name, family_name, form_of_address, title, publish_consent, email, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(person.id, person.name, person.givenName, person.familyName, person.formOfAddress, person.title, person.publishConsent ? 1 : 0, person.email, person.updatedAt)
    return person
  }

  updatePerson(id: string, input: PersonInput): PersonRecord {
    const i = readInput(input, ['formOfAddress', 'title', 'givenName', 'familyName', 'email', 'publishConsent'])
    return this.db.transaction(() => {
      const current = this.getPerson(id)
      if (!current) throw notFound(PERSON, id)
      const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value)
      const familyName = readText(i, 'familyName', 'update', { required: true, max: 80 })
      const person: PersonRecord = {
        ...current,
        formOfAddress: keep(this.readFormOfAddress(i), current.formOfAddress),
        title: keep(readText(i, 'title', 'update', { max: 40 }), current.title),
        givenName: keep(readText(i, 'givenName', 'update', { max: 80 }), current.givenName),
        familyName: familyName ?? current.familyName,
        email: keep(this.readEmail(i), current.email),
        publishConsent: readBoolean(i, 'publishConsent') ?? current.publishConsent,
        updatedAt: this.now(),
      }
      const nameTouched = ['title', 'givenName', 'familyName'].some((k) => i[k] !== undefined)
      if (nameTouched) {
        if (!person.familyName) throw missing('familyName')
        person.name = personDisplayName(person)
      }
      this.db
        .prepare(
          `UPDATE persons SET name = ?, given_name = ?, family_name = ?, form_of_address = ?, title = ?, publish_consent = ?, email = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(person.name, person.givenName, person.familyName, person.formOfAddress, person.title, person.publishConsent ? 1 : 0, person.email, person.updatedAt, id)
      return person
    })()
  }

  /** Sets or removes (null) the person's portrait, a blob already in the blob store. */
  setPortrait(id: string, sha256: string | null): PersonRecord {
    const result = this.db.prepare('UPDATE persons SET portrait_sha256 = ?, updated_at = ? WHERE id = ?').run(sha256, this.now(), id)
    if (result.changes === 0) throw notFound(PERSON, id)
    return this.getPerson(id)!
  }

  /**
   * The portrait to show. Signed-in users see every portrait; the public portal passes
   * `publicOnly` and gets only portraits of persons who consented to publication.
   */
  portraitOf(id: string, options: { publicOnly?: boolean } = {}): string | undefined {
    const person = this.getPerson(id)
    if (!person?.portraitSha256) return undefined
    if (options.publicOnly && !person.publishConsent) return undefined
    return person.portraitSha256
  }

  private readFormOfAddress(i: Input): string | null | undefined {
    const value = readText(i, 'formOfAddress', 'update', { max: 10 })
    if (value === undefined || value === null) return value
    return readChoice(value, 'formOfAddress', FORMS_OF_ADDRESS)
  }

  private readEmail(i: Input): string | null | undefined {
    const value = readText(i, 'email', 'update', { max: 200 })
    if (value && !EMAIL.test(value)) {
      throw invalid('email', '„E-Mail“: bitte eine gültige E-Mail-Adresse angeben.', 'Please enter a valid e-mail address.')
    }
    return value
  }

  // --- memberships --------------------------------------------------------------------------

  listMemberships(filter: MembershipFilter = {}): MembershipRecord[] {
    const today = this.today()
    const rows = this.db
      .prepare(
        `${MEMBERSHIP_SELECT}
         WHERE (? IS NULL OR m.organization_id = ?) AND (? IS NULL OR m.person_id = ?)
           AND (? = 0 OR ((m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)))
         ORDER BY o.name, COALESCE(p.family_name, p.name) COLLATE NOCASE, p.given_name COLLATE NOCASE, m.start_date`,
      )
      .all(
        filter.organizationId ?? null,
        filter.organizationId ?? null,
        filter.personId ?? null,
        filter.personId ?? null,
        filter.current ? 1 : 0,
        today,
        today,
      ) as MembershipRow[]
    return rows.map(toMembership)
  }

  getMembership(id: string): MembershipRecord | undefined {
    const row = this.db.prepare(`${MEMBERSHIP_SELECT} WHERE m.id = ?`).get(id) as MembershipRow | undefined
    return row && toMembership(row)
  }

  createMembership(input: MembershipInput): MembershipRecord {
    const i = readInput(input, ['personId', 'organizationId', 'role', 'votingRight', 'startDate', 'endDate', 'onBehalfOf', 'substituteForPersonId'])
    const personId = readText(i, 'personId', 'create', { required: true, max: 100 })!
    const organizationId = readText(i, 'organizationId', 'create', { required: true, max: 100 })!
    if (i.role === undefined) throw missing('role')
    const role = readChoice(i.role, 'role', MEMBERSHIP_ROLES)
    const startDate = readDate(i, 'startDate', 'create', { required: true })!
    const endDate = readDate(i, 'endDate', 'create') ?? null
    const votingRight = readBoolean(i, 'votingRight') ?? !ADVISORY_ROLES.includes(role)
    const onBehalfOf = readText(i, 'onBehalfOf', 'create', { max: 100 }) ?? null
    const substituteFor = readText(i, 'substituteForPersonId', 'create', { max: 100 }) ?? null
    return this.db.transaction(() => {
      const id = randomId('m')
      const candidate = { id, personId, organizationId, role, startDate, endDate, onBehalfOf, substituteForPersonId: substituteFor }
      this.checkMembership(candidate)
      this.db
        .prepare(
          `INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, on_behalf_of, substitute_for_person_id, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, personId, organizationId, role, votingRight ? 1 : 0, startDate, endDate, onBehalfOf, substituteFor, this.now())
      return this.getMembership(id)!
    })()
  }

  /**
   * Changes a membership. Person and organization stay (a different seat is a new membership);
   * the end date may be corrected here, though ending a membership goes through the admin's
   * revocation endpoint. Callers invalidate the person's users in the access registry.
   */
  updateMembership(id: string, input: MembershipInput): MembershipRecord {
    const i = readInput(input, ['personId', 'organizationId', 'role', 'votingRight', 'startDate', 'endDate', 'onBehalfOf', 'substituteForPersonId'])
    return this.db.transaction(() => {
      const current = this.getMembership(id)
      if (!current) throw notFound(MEMBERSHIP, id)
      for (const field of ['personId', 'organizationId'] as const) {
        if (i[field] !== undefined && i[field] !== current[field]) {
          throw invalid(
            field,
            'Person und Gremium einer Mitgliedschaft lassen sich nicht ändern: bitte die Mitgliedschaft beenden und eine neue anlegen.',
            'The person and body of a membership cannot be changed: end the membership and create a new one.',
          )
        }
      }
      const keep = <T>(value: T | undefined, old: T): T => (value === undefined ? old : value)
      const role = i.role === undefined ? current.role : readChoice(i.role, 'role', MEMBERSHIP_ROLES)
      const candidate = {
        id,
        personId: current.personId,
        organizationId: current.organizationId,
        role,
        startDate: readDate(i, 'startDate', 'update', { required: true }) ?? current.startDate,
        endDate: keep(readDate(i, 'endDate', 'update'), current.endDate),
        onBehalfOf: keep(readText(i, 'onBehalfOf', 'update', { max: 100 }), current.onBehalfOf),
        substituteForPersonId: keep(readText(i, 'substituteForPersonId', 'update', { max: 100 }), current.substituteForPersonId),
      }
      const votingRight = readBoolean(i, 'votingRight') ?? current.votingRight
      this.checkMembership(candidate)
      this.db
        .prepare(
          `UPDATE memberships SET role = ?, voting_right = ?, start_date = ?, end_date = ?, on_behalf_of = ?, substitute_for_person_id = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(candidate.role, votingRight ? 1 : 0, candidate.startDate, candidate.endDate, candidate.onBehalfOf, candidate.substituteForPersonId, this.now(), id)
      return this.getMembership(id)!
    })()
  }

  private checkMembership(m: {
    id: string
    personId: string
    organizationId: string
    role: string
    startDate: string | null
    endDate: string | null
    onBehalfOf: string | null
    substituteForPersonId: string | null
  }): void {
    const person = this.getPerson(m.personId)
    if (!person) throw notFound(PERSON, m.personId, 'personId')
    const org = this.getOrganization(m.organizationId)
    if (!org) throw notFound(ORGANIZATION, m.organizationId, 'organizationId')
    if (org.organizationType === 'Fraktion' && BODY_ONLY_ROLES.includes(m.role)) {
      throw invalid('role', `Die Rolle „${m.role}“ gibt es nur in Gremien, nicht in Fraktionen.`, `The role "${m.role}" exists only in bodies, not in factions.`)
    }
    if (org.organizationType === 'Gremium' && FACTION_ONLY_ROLES.includes(m.role)) {
      throw invalid('role', `Die Rolle „${m.role}“ gibt es nur in Fraktionen.`, `The role "${m.role}" exists only in factions.`)
    }
    checkPeriod(m.startDate, m.endDate)
    if (m.onBehalfOf) {
      if (org.organizationType === 'Fraktion') {
        throw invalid('onBehalfOf', 'Eine Fraktionsmitgliedschaft gehört zu keiner weiteren Fraktion.', 'A faction membership belongs to no other faction.')
      }
      const faction = this.getOrganization(m.onBehalfOf)
      if (!faction) throw notFound(['Die Fraktion', 'The faction'], m.onBehalfOf, 'onBehalfOf')
      if (faction.organizationType !== 'Fraktion') {
        throw invalid('onBehalfOf', `„${faction.name}“ ist keine Fraktion.`, `"${faction.name}" is not a faction.`)
      }
    }
    if (m.substituteForPersonId) {
      if (m.substituteForPersonId === m.personId) {
        throw invalid('substituteForPersonId', 'Eine Person kann nicht sich selbst vertreten.', 'A person cannot be their own substitute.')
      }
      if (!this.getPerson(m.substituteForPersonId)) throw notFound(PERSON, m.substituteForPersonId, 'substituteForPersonId')
    }
    const others = this.db
      .prepare('SELECT id, role, start_date, end_date FROM memberships WHERE person_id = ? AND organization_id = ? AND id != ?')
      .all(m.personId, m.organizationId, m.id) as { id: string; role: string; start_date: string | null; end_date: string | null }[]
    for (const other of others) {
      if (other.role !== m.role) continue
      if (periodsOverlap({ start: m.startDate, end: m.endDate }, { start: other.start_date, end: other.end_date })) {
        const period = `${other.start_date ?? '…'} bis ${other.end_date ?? 'offen'}`
        const periodEn = `${other.start_date ?? '…'} to ${other.end_date ?? 'open'}`
        throw new StructureError(
          'conflict',
          `${person.name} hat in „${org.name}“ für diesen Zeitraum schon die Rolle „${other.role}“ (${period}).`,
          `${person.name} already holds the role "${other.role}" in "${org.name}" in this period (${periodEn}).`,
          'startDate',
        )
      }
    }
  }

  /** Users whose access depends on this person's memberships (tell the access registry). */
  usersOfPerson(personId: string): string[] {
    return (this.db.prepare('SELECT id FROM users WHERE person_id = ?').all(personId) as { id: string }[]).map((r) => r.id)
  }

  // --- helpers ------------------------------------------------------------------------------

  private freeId(table: 'legislative_terms' | 'organizations' | 'departments', base: string): string {
    const taken = this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`)
    if (!taken.get(base)) return base
    for (let n = 2; n < 1000; n++) if (!taken.get(`${base}-${n}`)) return `${base}-${n}`
    return `${base}-${randomBytes(4).toString('hex')}`
  }
}
