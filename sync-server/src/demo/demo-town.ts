/**
 * Deterministic generator for the demo town "Musterstadt" (Saxony-Anhalt, KVG LSA).
 *
 * Pure data: same options => deep-equal output. No clock, no Math.random(); all randomness comes
 * from a seeded mulberry32 stream per concern, so changing e.g. the paper templates does not
 * reshuffle the persons. Persistence (database, Automerge documents, blobs) is done by seed.ts.
 */
import { agendaNumber, DEFAULT_REFERENCE_PREFIXES, paperTypeDef, safeFileName, type ConsultationRole, type PaperDoc, type PaperSection, type PaperType } from '@ratstisch/domain'
import {
  annexContent,
  CLUBS,
  COMPANIES,
  DISTRICTS,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FINANCE_TEXT,
  formatEuro,
  GENERIC_NOTICES,
  INQUIRIES,
  KITAS,
  MALE_GIVEN,
  MOTIONS,
  POSITIONS,
  PROGRAMS,
  PROJECTS,
  PURPOSES,
  processText,
  standardSections,
  SCHOOLS,
  STREETS,
  TEMPLATES,
  VEHICLES,
  VILLAGE_AREAS,
  VILLAGE_STEMS,
  VILLAGE_STREETS,
  VILLAGE_SUFFIXES,
  BPLAN_AREAS,
  type Area,
  type InquiryTopic,
  type MotionTopic,
  type PaperTemplate,
  type Random,
  type RouteStep,
} from './demo-content.ts'
import { pagesNeeded } from './demo-layout.ts'

export type { PaperType }

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface DemoTownOptions {
  /** ISO date that counts as "today", e.g. "2026-11-01"; should lie within the term VIII */
  anchorDate: string
  /** multiplies meetings and papers roughly by this factor (extra committees and Ortschaftsräte); default 1 */
  scale?: number
  seed?: number
}

export interface DemoTown {
  body: { id: string; name: string; shortName: string; website: string; contactEmail: string }
  legislativeTerm: { id: string; name: string; startDate: string; endDate: string }
  departments: DemoDepartment[]
  organizations: DemoOrganization[]
  persons: DemoPerson[]
  memberships: DemoMembership[]
  users: DemoUser[]
  papers: DemoPaper[]
  meetings: DemoMeeting[]
}

export interface DemoOrganization {
  id: string
  name: string
  shortName: string
  organizationType: 'Gremium' | 'Fraktion'
  classification: 'Stadtrat' | 'Ausschuss' | 'Ortschaftsrat' | 'Fraktion'
}

export interface DemoPerson {
  id: string
  formOfAddress: 'Herr' | 'Frau'
  title?: string
  givenName: string
  familyName: string
  /** e.g. "Dr. Anna Becker" */
  name: string
  publishConsent: boolean
}

export interface DemoMembership {
  id: string
  personId: string
  organizationId: string
  /** 'Vorsitz' | 'stellv. Vorsitz' | 'Mitglied' | 'Fraktionsvorsitz' | 'stellv. Fraktionsvorsitz' | 'sachkundige Einwohnerin' | 'sachkundiger Einwohner' */
  role: string
  votingRight: boolean
  startDate: string
  endDate?: string
  /** faction organization id the seat belongs to */
  onBehalfOf?: string
}

export type DemoUserRole = 'admin' | 'clerk' | 'author' | 'approver' | 'member' | 'finance'

export interface DemoUser {
  id: string
  username: string
  name: string
  roles: DemoUserRole[]
  personId?: string
  departmentId?: string
}

export interface DemoAttachment {
  id: string
  /** file name, e.g. "Anlage 1 Lageplan BV 160.pdf" */
  name: string
  title: string
  pages: number
  /** body text used to render the pages (see renderDemoPdf for heading/line-break conventions) */
  paragraphs: string[]
}

/** A paper as the generator makes it: the document's fields plus what seeding needs. */
export interface DemoPaper
  extends Pick<PaperDoc, 'id' | 'reference' | 'name' | 'paperType' | 'date' | 'public' | 'department' | 'departmentId' | 'summary' | 'sections'> {
  resolutionProposal?: string
  /** Beratungsfolge: bodies in order with their role; the last one decides (or takes note) */
  consultationOrganizationIds: string[]
  consultationRoles: ConsultationRole[]
  /** first: the paper itself; then 0-2 annexes */
  attachments: DemoAttachment[]
}

export interface DemoAgendaItem {
  id: string
  /** "Ö 3" or "N 1" */
  number: string
  order: number
  title: string
  public: boolean
  paperId?: string
  resolutionProposal?: string
}

export interface DemoMeeting {
  id: string
  organizationId: string
  /** e.g. "23. Sitzung des Stadtrates" */
  name: string
  /** ISO 8601 with Europe/Berlin offset */
  start: string
  end: string
  location: { description: string; room?: string; streetAddress?: string; postalCode?: string; locality?: string }
  state: 'planned' | 'invited' | 'held' | 'cancelled'
  items: DemoAgendaItem[]
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

export const DEMO_PASSWORD = 'ratstisch-demo'
export const DEMO_USERNAMES = ['admin', 'clerk', 'author', 'author-2', 'kaemmerei', 'ordnungsamt', 'finance', 'mayor', 'member-a', 'member-b', 'member-c', 'member-d'] as const
export type DemoUsername = (typeof DEMO_USERNAMES)[number]

export const TOWN_ADDRESS = { streetAddress: 'Markt 1', postalCode: '06999', locality: 'Musterstadt' } as const

export const ORG_IDS = {
  stadtrat: 'org-stadtrat',
  hauptausschuss: 'org-hauptausschuss',
  bauausschuss: 'org-bauausschuss',
  finanzausschuss: 'org-finanzausschuss',
  sozialausschuss: 'org-sozialausschuss',
  ordnungsausschuss: 'org-ordnungsausschuss',
  ortschaftsratMusterdorf: 'org-ortschaftsrat-musterdorf',
  fraktionCdu: 'org-fraktion-cdu',
  fraktionSpd: 'org-fraktion-spd',
  fraktionGruene: 'org-fraktion-gruene',
  fraktionFw: 'org-fraktion-fw',
} as const

const TERM = { id: 'term-viii', name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' }
const TERM_SUFFIX = '(VIII/2024-2029)'
const DEFAULT_SEED = 20240701

/** Administrative departments (Ämter) of Musterstadt; staff users and papers belong to one. */
export const DEMO_DEPARTMENTS = {
  bau: { id: 'dept-bau', name: 'Amt für Stadtentwicklung und Bauen', shortName: 'Bauamt' },
  finanzen: { id: 'dept-finanzen', name: 'Amt für Finanzen', shortName: 'Kämmerei' },
  bks: { id: 'dept-bks', name: 'Amt für Bildung, Kultur und Soziales', shortName: 'Sozialamt' },
  ordnung: { id: 'dept-ordnung', name: 'Amt für Ordnung und Umwelt', shortName: 'Ordnungsamt' },
  haupt: { id: 'dept-haupt', name: 'Hauptamt', shortName: 'Hauptamt' },
  rat: { id: 'dept-buergermeister', name: 'Büro des Bürgermeisters', shortName: 'Bürgermeisterbüro' },
  wirtschaft: { id: 'dept-wirtschaft', name: 'Stabsstelle Wirtschaftsförderung', shortName: 'Wirtschaftsförderung' },
  rpa: { id: 'dept-rpa', name: 'Rechnungsprüfungsamt', shortName: 'RPA' },
  abwasser: { id: 'dept-abwasser', name: 'Eigenbetrieb Abwasser Musterstadt', shortName: 'Abwasser' },
  council: { id: 'dept-stadtrat', name: 'Büro des Stadtrates', shortName: 'Ratsbüro' },
} as const
export type DemoDepartment = (typeof DEMO_DEPARTMENTS)[keyof typeof DEMO_DEPARTMENTS]

const DEPARTMENTS: Record<Area, DemoDepartment> = {
  bau: DEMO_DEPARTMENTS.bau,
  finanzen: DEMO_DEPARTMENTS.finanzen,
  bks: DEMO_DEPARTMENTS.bks,
  ordnung: DEMO_DEPARTMENTS.ordnung,
  haupt: DEMO_DEPARTMENTS.haupt,
  rat: DEMO_DEPARTMENTS.rat,
  ortschaft: DEMO_DEPARTMENTS.haupt,
  wirtschaft: DEMO_DEPARTMENTS.wirtschaft,
  rpa: DEMO_DEPARTMENTS.rpa,
  abwasser: DEMO_DEPARTMENTS.abwasser,
}
const COUNCIL_OFFICE = DEMO_DEPARTMENTS.council

/** Funding programmes that plausibly fit a subject area. */
const PROGRAMS_BY_AREA: Partial<Record<Area, readonly string[]>> = {
  bau: [PROGRAMS[0], PROGRAMS[6], PROGRAMS[1]],
  bks: [PROGRAMS[1], PROGRAMS[5]],
  ordnung: [PROGRAMS[2], PROGRAMS[3]],
  wirtschaft: [PROGRAMS[4]],
  abwasser: [PROGRAMS[3]],
}

const PREFIX = DEFAULT_REFERENCE_PREFIXES
const TYPE_ORDER: PaperType[] = ['Beschlussvorlage', 'Antrag', 'Informationsvorlage', 'Mitteilung', 'Anfrage']

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

class Rng implements Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  /** mulberry32: tiny, fast, good enough for demo data */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((s, i) => s + weight(i), 0)
    let r = this.next() * total
    for (const item of items) {
      r -= weight(item)
      if (r < 0) return item
    }
    return items[items.length - 1]
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out
  }
}

/** Independent stream per concern (FNV-1a of the label mixed into the seed). */
function stream(seed: number, label: string): Rng {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return new Rng(h >>> 0)
}

// ---------------------------------------------------------------------------------------------
// Calendar (all on ISO date strings, computed in UTC so the host time zone never matters)
// ---------------------------------------------------------------------------------------------

function isoDate(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)
}
function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))]
}
function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso)
  return isoDate(y, m, d + days)
}
function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso)
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate()
  return isoDate(y, m + months, Math.min(d, lastDay))
}
/** 0 = Sunday … 6 = Saturday */
function weekday(iso: string): number {
  const [y, m, d] = parts(iso)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}
function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a)
  const [yb, mb, db] = parts(b)
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86400000)
}
function nthWeekday(year: number, month: number, wd: number, n: number): string {
  const first = isoDate(year, month, 1)
  const offset = (wd - weekday(first) + 7) % 7
  return isoDate(year, month, 1 + offset + (n - 1) * 7)
}
function lastSunday(year: number, month: number): string {
  const last = isoDate(year, month + 1, 0)
  return addDays(last, -weekday(last))
}
function easterSunday(year: number): string {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return isoDate(year, month, day)
}
const holidayCache = new Map<number, Set<string>>()
/** Public holidays in Saxony-Anhalt (incl. Heilige Drei Könige and Reformationstag). */
function holidays(year: number): Set<string> {
  let set = holidayCache.get(year)
  if (!set) {
    const easter = easterSunday(year)
    set = new Set([
      isoDate(year, 1, 1), isoDate(year, 1, 6), addDays(easter, -2), addDays(easter, 1), isoDate(year, 5, 1),
      addDays(easter, 39), addDays(easter, 50), isoDate(year, 10, 3), isoDate(year, 10, 31), isoDate(year, 12, 25), isoDate(year, 12, 26),
    ])
    holidayCache.set(year, set)
  }
  return set
}
function isHoliday(iso: string): boolean {
  return holidays(parts(iso)[0]).has(iso)
}

/** UTC offset of Europe/Berlin on an evening of the given date (EU rule: last Sunday of March/October). */
export function berlinOffset(iso: string): '+01:00' | '+02:00' {
  const year = parts(iso)[0]
  return iso >= lastSunday(year, 3) && iso < lastSunday(year, 10) ? '+02:00' : '+01:00'
}
function berlinDateTime(iso: string, minutesOfDay: number): string {
  const hh = String(Math.floor(minutesOfDay / 60)).padStart(2, '0')
  const mm = String(minutesOfDay % 60).padStart(2, '0')
  return `${iso}T${hh}:${mm}:00${berlinOffset(iso)}`
}
function germanDate(iso: string): string {
  const [y, m, d] = parts(iso)
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`
}
/** Moves a meeting off a public holiday to a neighbouring Monday-Thursday. */
function avoidHoliday(iso: string): string {
  if (!isHoliday(iso)) return iso
  for (const shift of [1, -1, 2, -2, 7]) {
    const candidate = addDays(iso, shift)
    const wd = weekday(candidate)
    if (wd >= 1 && wd <= 4 && !isHoliday(candidate)) return candidate
  }
  return iso
}
/** Papers are dated on working days. */
function workday(iso: string): string {
  let d = iso
  while (weekday(d) === 0 || weekday(d) === 6 || isHoliday(d)) d = addDays(d, -1)
  return d
}

// ---------------------------------------------------------------------------------------------
// Organizations and their meeting series
// ---------------------------------------------------------------------------------------------

type OrgKind = 'rat' | 'haupt' | 'committee' | 'ortschaft'

interface SeriesSpec {
  /** 1 = Monday … 4 = Thursday */
  weekday: number
  /** n-th weekday of the month */
  week: number
  startMinutes: number
  /** 2 = every other month; parity selects odd (1) or even (0) months */
  everyMonths: 1 | 2
  parity: 0 | 1
  /** first month with a meeting (YYYY-MM) */
  firstMonth: string
}

interface OrgSpec {
  org: DemoOrganization
  kind: OrgKind
  /** genitive for meeting names: "des Bauausschusses" */
  genitive: string
  areas: Area[]
  series: SeriesSpec
  /** council seats (committees) */
  seats: number
  /** sachkundige Einwohner */
  experts: number
  location: DemoMeeting['location']
  village?: string
}

const RATSSAAL: DemoMeeting['location'] = {
  description: 'Rathaus Musterstadt, Ratssaal',
  room: 'Ratssaal',
  ...TOWN_ADDRESS,
}
const SITZUNGSRAUM: DemoMeeting['location'] = {
  description: 'Rathaus Musterstadt, Sitzungsraum 2.14',
  room: 'Sitzungsraum 2.14',
  ...TOWN_ADDRESS,
}

function gremium(id: string, name: string, shortName: string, classification: DemoOrganization['classification']): DemoOrganization {
  return { id, name, shortName, organizationType: 'Gremium', classification }
}

function baseOrgSpecs(): OrgSpec[] {
  const committee = (
    id: string, name: string, shortName: string, genitive: string, areas: Area[], weekdayNo: number, week: number, experts: number,
  ): OrgSpec => ({
    org: gremium(id, name, shortName, 'Ausschuss'), kind: 'committee', genitive, areas, seats: 8, experts, location: SITZUNGSRAUM,
    series: { weekday: weekdayNo, week, startMinutes: 17 * 60, everyMonths: 1, parity: 0, firstMonth: '2024-09' },
  })
  return [
    {
      org: gremium(ORG_IDS.stadtrat, 'Stadtrat', 'Stadtrat', 'Stadtrat'), kind: 'rat', genitive: 'des Stadtrates', areas: ['rat'],
      seats: 28, experts: 0, location: RATSSAAL,
      series: { weekday: 4, week: 4, startMinutes: 18 * 60, everyMonths: 1, parity: 0, firstMonth: '2024-07' },
    },
    {
      org: gremium(ORG_IDS.hauptausschuss, 'Hauptausschuss', 'Hauptausschuss', 'Ausschuss'), kind: 'haupt', genitive: 'des Hauptausschusses',
      areas: ['haupt'], seats: 8, experts: 0, location: RATSSAAL,
      series: { weekday: 3, week: 3, startMinutes: 17 * 60, everyMonths: 1, parity: 0, firstMonth: '2024-09' },
    },
    committee(ORG_IDS.bauausschuss, 'Bau- und Vergabeausschuss', 'Bauausschuss', 'des Bauausschusses', ['bau'], 3, 1, 2),
    committee(ORG_IDS.finanzausschuss, 'Finanzausschuss', 'Finanzausschuss', 'des Finanzausschusses', ['finanzen'], 1, 2, 1),
    committee(ORG_IDS.sozialausschuss, 'Ausschuss für Bildung, Kultur und Soziales', 'Sozialausschuss', 'des Ausschusses für Bildung, Kultur und Soziales', ['bks'], 2, 1, 3),
    committee(ORG_IDS.ordnungsausschuss, 'Ordnungs- und Umweltausschuss', 'Ordnungsausschuss', 'des Ordnungs- und Umweltausschusses', ['ordnung'], 1, 1, 2),
    ortschaftSpec('Musterdorf', ORG_IDS.ortschaftsratMusterdorf, { weekday: 2, week: 2, parity: 1 }),
  ]
}

function ortschaftSpec(village: string, id: string, slot: { weekday: number; week: number; parity: 0 | 1 }, street = 'Dorfstraße 12'): OrgSpec {
  return {
    org: gremium(id, `Ortschaftsrat ${village}`, `OR ${village}`, 'Ortschaftsrat'),
    kind: 'ortschaft',
    genitive: `des Ortschaftsrates ${village}`,
    areas: ['ortschaft'],
    seats: 0,
    experts: 0,
    village,
    location: {
      description: `Dorfgemeinschaftshaus ${village}`,
      room: 'Saal',
      streetAddress: street,
      postalCode: TOWN_ADDRESS.postalCode,
      locality: `Musterstadt OT ${village}`,
    },
    series: { weekday: slot.weekday, week: slot.week, startMinutes: 18 * 60, everyMonths: 2, parity: slot.parity, firstMonth: '2024-07' },
  }
}

const EXTRA_COMMITTEES: Array<{ slug: string; name: string; shortName: string; genitive: string; areas: Area[]; weekday: number; week: number }> = [
  { slug: 'wirtschaftsausschuss', name: 'Ausschuss für Wirtschaft, Tourismus und Digitalisierung', shortName: 'Wirtschaftsausschuss', genitive: 'des Ausschusses für Wirtschaft, Tourismus und Digitalisierung', areas: ['wirtschaft'], weekday: 4, week: 1 },
  { slug: 'rechnungspruefungsausschuss', name: 'Rechnungsprüfungsausschuss', shortName: 'Rechnungsprüfungsausschuss', genitive: 'des Rechnungsprüfungsausschusses', areas: ['rpa'], weekday: 2, week: 2 },
  { slug: 'betriebsausschuss', name: 'Betriebsausschuss Eigenbetrieb Abwasser', shortName: 'Betriebsausschuss', genitive: 'des Betriebsausschusses Eigenbetrieb Abwasser', areas: ['abwasser'], weekday: 3, week: 2 },
  { slug: 'sportausschuss', name: 'Ausschuss für Sport, Jugend und Vereine', shortName: 'Sportausschuss', genitive: 'des Ausschusses für Sport, Jugend und Vereine', areas: ['bks'], weekday: 4, week: 2 },
  { slug: 'feuerwehrausschuss', name: 'Ausschuss für Feuerwehr und Katastrophenschutz', shortName: 'Feuerwehrausschuss', genitive: 'des Ausschusses für Feuerwehr und Katastrophenschutz', areas: ['ordnung'], weekday: 1, week: 3 },
  { slug: 'stadtentwicklungsausschuss', name: 'Ausschuss für Stadtentwicklung und Klimaschutz', shortName: 'Stadtentwicklungsausschuss', genitive: 'des Ausschusses für Stadtentwicklung und Klimaschutz', areas: ['bau'], weekday: 2, week: 3 },
]

function extraCommitteeSpec(i: number): OrgSpec {
  const c = EXTRA_COMMITTEES[i]
  return {
    org: gremium(`org-${c.slug}`, c.name, c.shortName, 'Ausschuss'), kind: 'committee', genitive: c.genitive, areas: c.areas,
    seats: 8, experts: 1, location: SITZUNGSRAUM,
    series: { weekday: c.weekday, week: c.week, startMinutes: 17 * 60, everyMonths: 1, parity: 0, firstMonth: '2024-09' },
  }
}

const FACTIONS = [
  { id: ORG_IDS.fraktionCdu, name: 'Fraktion CDU', shortName: 'CDU', size: 9 },
  { id: ORG_IDS.fraktionSpd, name: 'Fraktion SPD', shortName: 'SPD', size: 7 },
  { id: ORG_IDS.fraktionGruene, name: 'Fraktion Bündnis 90/Die Grünen', shortName: 'Grüne', size: 5 },
  { id: ORG_IDS.fraktionFw, name: 'Fraktion Freie Wähler Musterstadt', shortName: 'FW', size: 7 },
] as const

/**
 * Meeting dates of a series from its first month until `until` (exclusive).
 * Cycle per month: committees in weeks 1-2, Hauptausschuss week 3, Stadtrat week 4, so a paper can
 * pass through all of them within one month. No meetings in August (Sommerpause); in July and
 * December the Hauptausschuss and Stadtrat move one week earlier (holidays, Christmas).
 */
function seriesDates(series: SeriesSpec, until: string): string[] {
  const dates: string[] = []
  let [y, m] = series.firstMonth.split('-').map(Number)
  for (;;) {
    const monthStart = isoDate(y, m, 1)
    if (monthStart >= until) break
    const activeMonth = series.everyMonths === 1 || m % 2 === series.parity
    if (m !== 8 && activeMonth) {
      let week = series.week
      if ((m === 7 || m === 12) && week >= 3) week -= 1
      const date = avoidHoliday(nthWeekday(y, m, series.weekday, week))
      if (date < until) dates.push(date)
    }
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return dates
}

// ---------------------------------------------------------------------------------------------
// Persons and memberships
// ---------------------------------------------------------------------------------------------

interface PersonSeed {
  formOfAddress: 'Herr' | 'Frau'
  title?: string
  givenName: string
  familyName: string
}

const FIXED = {
  mayor: { formOfAddress: 'Herr', givenName: 'Thomas', familyName: 'Richter' },
  memberA: { formOfAddress: 'Frau', title: 'Dr.', givenName: 'Anna', familyName: 'Becker' },
  memberB: { formOfAddress: 'Herr', givenName: 'Jens', familyName: 'Hoffmann' },
  memberC: { formOfAddress: 'Frau', givenName: 'Heike', familyName: 'Schulze' },
  memberD: { formOfAddress: 'Herr', givenName: 'Stefan', familyName: 'Lorenz' },
} as const satisfies Record<string, PersonSeed>

class PersonRegistry {
  readonly persons: DemoPerson[] = []
  private readonly names = new Set<string>()
  constructor(private readonly rng: Rng) {}

  add(seed: PersonSeed, publishConsent = true): DemoPerson {
    const id = `person-${String(this.persons.length + 1).padStart(4, '0')}`
    const name = [seed.title, seed.givenName, seed.familyName].filter(Boolean).join(' ')
    this.names.add(`${seed.givenName} ${seed.familyName}`)
    const person: DemoPerson = { id, formOfAddress: seed.formOfAddress, givenName: seed.givenName, familyName: seed.familyName, name, publishConsent }
    if (seed.title) person.title = seed.title
    this.persons.push(person)
    return person
  }

  /**
   * Gives a person drawn at random a fixed name: the draw keeps the random stream (and so every
   * other generated name) unchanged, while a demo account gets the same name for every seed.
   */
  rename(person: DemoPerson, seed: PersonSeed): DemoPerson {
    this.names.add(`${seed.givenName} ${seed.familyName}`)
    Object.assign(person, { formOfAddress: seed.formOfAddress, givenName: seed.givenName, familyName: seed.familyName })
    person.name = [seed.title, seed.givenName, seed.familyName].filter(Boolean).join(' ')
    if (seed.title) person.title = seed.title
    else delete person.title
    return person
  }

  random(femaleShare = 0.4, titleShare = 0.07): DemoPerson {
    for (let attempt = 0; ; attempt++) {
      const female = this.rng.chance(femaleShare)
      const givenName = this.rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)
      const familyName = this.rng.pick(FAMILY_NAMES)
      // Names must be unique so users and screen readers can tell people apart; after many
      // collisions (very large scales) a second given name keeps them unique.
      let given: string = givenName
      if (attempt > 50) given = `${givenName} ${this.rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`
      if (this.names.has(`${given} ${familyName}`)) continue
      const title = this.rng.chance(titleShare) ? 'Dr.' : undefined
      return this.add({ formOfAddress: female ? 'Frau' : 'Herr', title, givenName: given, familyName }, this.rng.chance(0.8))
    }
  }
}

/** Hare-Niemeyer seat allocation, as used for committee seats in many rules of procedure. */
function allocateSeats(sizes: number[], seats: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0)
  const quotas = sizes.map((s) => (s * seats) / total)
  const result = quotas.map(Math.floor)
  const order = quotas
    .map((q, i) => ({ i, rest: q - Math.floor(q) }))
    .sort((a, b) => b.rest - a.rest || sizes[b.i] - sizes[a.i] || a.i - b.i)
  let left = seats - result.reduce((a, b) => a + b, 0)
  for (const { i } of order) {
    if (left <= 0) break
    result[i]++
    left--
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Papers
// ---------------------------------------------------------------------------------------------

interface MeetingPlan {
  id: string
  spec: OrgSpec
  date: string
  ordinal: number
  previousDate?: string
  state: DemoMeeting['state']
  durationMinutes: number
  targetPublic: number
  targetConfidential: number
  /** slots kept free for papers that originate here (motions, questions, notices) */
  reservePublic: number
  reserveConfidential: number
  publicPapers: PaperPlan[]
  confidentialPapers: PaperPlan[]
  usedTemplates: Set<string>
}

interface PaperPlan {
  seq: number
  type: PaperType
  isPublic: boolean
  origin: MeetingPlan
  appearances: MeetingPlan[]
  orgIds: string[]
  name: string
  date: string
  department: DemoDepartment
  summary: string
  resolutionProposal?: string
  roles: ConsultationRole[]
  mainParagraphs: string[]
  annexes: Array<{ label: string; title: string; paragraphs: string[] }>
  reference?: string
  id?: string
}

interface Councillor {
  person: DemoPerson
  factionId: string
}

interface BplanState {
  no: number
  area: string
  stage: number
  last: string
}

const TYPE_WEIGHTS: Record<OrgKind, Record<PaperType, number>> = {
  committee: { Beschlussvorlage: 55, Informationsvorlage: 15, Mitteilung: 8, Antrag: 12, Anfrage: 10 },
  haupt: { Beschlussvorlage: 55, Informationsvorlage: 10, Mitteilung: 15, Antrag: 10, Anfrage: 10 },
  rat: { Beschlussvorlage: 10, Informationsvorlage: 10, Mitteilung: 20, Antrag: 30, Anfrage: 30 },
  ortschaft: { Beschlussvorlage: 40, Informationsvorlage: 25, Mitteilung: 15, Antrag: 10, Anfrage: 10 },
}

const STEP_ORG: Record<RouteStep, string> = { bau: ORG_IDS.bauausschuss, haupt: ORG_IDS.hauptausschuss, rat: ORG_IDS.stadtrat }

function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, key: string) => vars[key] ?? whole)
}

function stripQuotes(s: string): string {
  return s.replace(/[„“”"]/g, '')
}

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

export function generateDemoTown(options: DemoTownOptions): DemoTown {
  const anchor = options.anchorDate.slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchor)) throw new Error(`anchorDate must be an ISO date, got ${options.anchorDate}`)
  const scale = Math.max(1, options.scale ?? 1)
  const seed = options.seed ?? DEFAULT_SEED
  const windowStart = addMonths(anchor, -9)
  const windowEnd = addMonths(anchor, 3)

  // --- organizations and series, scaled by adding committees and Ortschaftsräte ---
  const specs = baseOrgSpecs()
  const countInWindow = (spec: OrgSpec) => seriesDates(spec.series, windowEnd).filter((d) => d >= windowStart).length
  const baseCount = specs.reduce((s, spec) => s + countInWindow(spec), 0)
  const target = Math.round(baseCount * scale)
  let total = baseCount
  const villageRng = stream(seed, 'villages')
  const baseVillages = villageRng.shuffle(VILLAGE_STEMS.flatMap((stem) => VILLAGE_SUFFIXES.map((suffix) => stem + suffix)))
  // Large scales need more names; "Groß …"/"Klein …" pairs are common in the region.
  const villageNames = [
    ...baseVillages,
    ...['Groß', 'Klein', 'Neu', 'Alt', 'Ober', 'Nieder'].flatMap((prefix) => baseVillages.map((v) => `${prefix} ${v}`)),
  ]
  let extraCommittees = 0
  let extraVillages = 0
  while (total < target - 2) {
    let spec: OrgSpec
    if (extraCommittees < EXTRA_COMMITTEES.length) {
      spec = extraCommitteeSpec(extraCommittees++)
    } else {
      const i = extraVillages++
      const village = i < villageNames.length ? villageNames[i] : `${villageNames[i % villageNames.length]} ${Math.floor(i / villageNames.length) + 1}`
      const slug = village.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, '-')
      spec = ortschaftSpec(
        village,
        `org-ortschaftsrat-${slug}`,
        { weekday: 1 + (i % 4), week: 1 + (Math.floor(i / 4) % 3), parity: (i % 2) as 0 | 1 },
        `${villageRng.pick(VILLAGE_STREETS)} ${villageRng.int(1, 40)}`,
      )
    }
    specs.push(spec)
    total += countInWindow(spec)
  }
  const ortschaften = specs.filter((s) => s.kind === 'ortschaft').map((s) => s.village ?? '')
  const constituentDate = seriesDates(specs[0].series, '2024-12-31')[0]

  // --- persons and memberships ---
  const people = new PersonRegistry(stream(seed, 'persons'))
  const memberships: DemoMembership[] = []
  const membership = (person: DemoPerson, orgId: string, role: string, extra: Partial<DemoMembership> = {}): DemoMembership => {
    const m: DemoMembership = {
      id: `mem-${person.id.slice('person-'.length)}-${orgId.slice('org-'.length)}`,
      personId: person.id, organizationId: orgId, role, votingRight: true, startDate: TERM.startDate, ...extra,
    }
    memberships.push(m)
    return m
  }

  const mayor = people.add(FIXED.mayor)
  const councillors: Councillor[] = []
  const factionMembers = new Map<string, DemoPerson[]>()
  let memberA: DemoPerson | undefined
  let memberB: DemoPerson | undefined
  let memberD: DemoPerson | undefined
  for (const faction of FACTIONS) {
    const members: DemoPerson[] = []
    for (let i = 0; i < faction.size; i++) {
      let person: DemoPerson
      if (faction.id === ORG_IDS.fraktionSpd && i === 0) person = memberB = people.add(FIXED.memberB)
      else if (faction.id === ORG_IDS.fraktionCdu && i === 2) person = memberA = people.add(FIXED.memberA)
      // member-a's faction colleague (shared faction notes)
      else if (faction.id === ORG_IDS.fraktionCdu && i === 0) person = memberD = people.rename(people.random(), FIXED.memberD)
      else person = people.random()
      members.push(person)
      councillors.push({ person, factionId: faction.id })
    }
    factionMembers.set(faction.id, members)
  }
  if (!memberA || !memberB || !memberD) throw new Error('fixed demo members missing')

  // Stadtrat: the mayor chairs and votes (chair by Hauptsatzung); a councillor is deputy chair.
  membership(mayor, ORG_IDS.stadtrat, 'Vorsitz')
  councillors.forEach((c, i) => {
    membership(c.person, ORG_IDS.stadtrat, i === 1 ? 'stellv. Vorsitz' : 'Mitglied', { onBehalfOf: c.factionId })
  })
  for (const faction of FACTIONS) {
    const members = factionMembers.get(faction.id) ?? []
    members.forEach((p, i) =>
      membership(p, faction.id, i === 0 ? 'Fraktionsvorsitz' : i === 1 ? 'stellv. Fraktionsvorsitz' : 'Mitglied'),
    )
  }

  // Ortschaftsräte: own elected members, not in the Stadtrat. Musterdorf is staffed before any
  // scale-dependent body, so person ids of the base town do not change with the scale.
  const orRng = stream(seed, 'ortschaft')
  const orMembers = new Map<string, DemoPerson[]>()
  let memberC: DemoPerson | undefined
  const staffOrtschaftsrat = (spec: OrgSpec) => {
    const size = spec.org.id === ORG_IDS.ortschaftsratMusterdorf ? 7 : orRng.int(5, 9)
    const members: DemoPerson[] = []
    for (let i = 0; i < size; i++) {
      const person = spec.org.id === ORG_IDS.ortschaftsratMusterdorf && i === 3 ? (memberC = people.add(FIXED.memberC)) : people.random(0.4, 0.03)
      members.push(person)
      membership(person, spec.org.id, i === 0 ? 'Vorsitz' : i === 1 ? 'stellv. Vorsitz' : 'Mitglied')
    }
    orMembers.set(spec.org.id, members)
  }
  const ortschaftSpecs = specs.filter((s) => s.kind === 'ortschaft')
  staffOrtschaftsrat(ortschaftSpecs[0])

  // One change during the term, so consumers see an ended membership and its successor.
  const replaceOneExpert = () => {
    const orgId = ORG_IDS.ordnungsausschuss
    const leaving = memberships.find((m) => m.organizationId === orgId && !m.votingRight)
    if (leaving) {
      const end = addDays(addMonths(anchor, -4).slice(0, 8) + '01', -1)
      leaving.endDate = end
      const successor = people.random(0.45, 0.1)
      membership(successor, orgId, successor.formOfAddress === 'Frau' ? 'sachkundige Einwohnerin' : 'sachkundiger Einwohner', {
        votingRight: false, onBehalfOf: leaving.onBehalfOf, startDate: addDays(end, 1),
      })
    }
  }

  // Committees: seats per faction by Hare-Niemeyer; spread seats so everyone has one or two.
  const seatCount = new Map<string, number>()
  const seatRng = stream(seed, 'seats')
  const sizes = FACTIONS.map((f) => f.size)
  const committeeSpecs = specs.filter((s) => s.kind === 'committee' || s.kind === 'haupt')
  committeeSpecs.forEach((spec, ci) => {
    const orgId = spec.org.id
    const allocation = allocateSeats(sizes, spec.seats)
    const chosen: Councillor[] = []
    FACTIONS.forEach((faction, fi) => {
      const pool = councillors.filter((c) => c.factionId === faction.id && !(orgId === ORG_IDS.bauausschuss && c.person === memberB))
      const forced = orgId === ORG_IDS.bauausschuss ? pool.filter((c) => c.person === memberA) : []
      const rest = seatRng
        .shuffle(pool.filter((c) => !forced.includes(c)))
        .sort((a, b) => (seatCount.get(a.person.id) ?? 0) - (seatCount.get(b.person.id) ?? 0))
      chosen.push(...[...forced, ...rest].slice(0, allocation[fi]))
    })
    if (spec.kind === 'haupt') membership(mayor, orgId, 'Vorsitz', { startDate: constituentDate })
    const chairIndex = spec.kind === 'haupt' ? -1 : ci % chosen.length
    chosen.forEach((c, i) => {
      seatCount.set(c.person.id, (seatCount.get(c.person.id) ?? 0) + 1)
      const role = i === chairIndex ? 'Vorsitz' : i === (chairIndex + 3) % chosen.length ? 'stellv. Vorsitz' : 'Mitglied'
      membership(c.person, orgId, role, { onBehalfOf: c.factionId, startDate: constituentDate })
    })
    // Sachkundige Einwohner advise without a vote and are nominated by a faction.
    for (let e = 0; e < spec.experts; e++) {
      const person = people.random(0.45, 0.1)
      const faction = FACTIONS[(ci + e) % FACTIONS.length]
      const role = person.formOfAddress === 'Frau' ? 'sachkundige Einwohnerin' : 'sachkundiger Einwohner'
      membership(person, orgId, role, { votingRight: false, onBehalfOf: faction.id, startDate: addDays(constituentDate, 63) })
    }
    if (orgId === ORG_IDS.ordnungsausschuss) replaceOneExpert()
  })

  for (const spec of ortschaftSpecs.slice(1)) staffOrtschaftsrat(spec)
  if (!memberC) throw new Error('member-c missing')

  const users: DemoUser[] = [
    { id: 'user-admin', username: 'admin', name: 'Systemadministration', roles: ['admin'] },
    { id: 'user-clerk', username: 'clerk', name: 'Sabine Krüger, Sitzungsdienst', roles: ['clerk'], departmentId: DEMO_DEPARTMENTS.haupt.id },
    { id: 'user-author', username: 'author', name: 'Martin Vogel', roles: ['author'], departmentId: DEMO_DEPARTMENTS.bau.id },
    { id: 'user-author-2', username: 'author-2', name: 'Jana Winkler', roles: ['author'], departmentId: DEMO_DEPARTMENTS.bau.id },
    { id: 'user-kaemmerei', username: 'kaemmerei', name: 'Uwe Brandt, Kämmerei', roles: ['author'], departmentId: DEMO_DEPARTMENTS.finanzen.id },
    { id: 'user-ordnungsamt', username: 'ordnungsamt', name: 'Katrin Scholz, Ordnungsamt', roles: ['author'], departmentId: DEMO_DEPARTMENTS.ordnung.id },
    { id: 'user-finance', username: 'finance', name: 'Petra Lange, Finanzsachbearbeitung', roles: ['finance'] },
    { id: 'user-mayor', username: 'mayor', name: mayor.name, roles: ['approver', 'member'], personId: mayor.id, departmentId: DEMO_DEPARTMENTS.rat.id },
    { id: 'user-member-a', username: 'member-a', name: memberA.name, roles: ['member'], personId: memberA.id },
    { id: 'user-member-b', username: 'member-b', name: memberB.name, roles: ['member'], personId: memberB.id },
    { id: 'user-member-c', username: 'member-c', name: memberC.name, roles: ['member'], personId: memberC.id },
    { id: 'user-member-d', username: 'member-d', name: memberD.name, roles: ['member'], personId: memberD.id },
  ]

  // --- meetings ---
  const scheduleRng = stream(seed, 'schedule')
  const plans: MeetingPlan[] = []
  const plansByOrg = new Map<string, MeetingPlan[]>()
  for (const spec of specs) {
    const all = seriesDates(spec.series, windowEnd)
    const list: MeetingPlan[] = []
    all.forEach((date, i) => {
      if (date < windowStart) return
      const state: MeetingPlan['state'] = date < anchor ? 'held' : daysBetween(anchor, date) < 21 ? 'invited' : 'planned'
      const planned = state === 'planned'
      const r = scheduleRng
      let targetPublic: number
      let targetConfidential: number
      switch (spec.kind) {
        case 'rat':
          targetPublic = r.int(5, 8)
          targetConfidential = r.int(1, 3)
          break
        case 'haupt':
          targetPublic = r.int(4, 8)
          targetConfidential = r.int(1, 3)
          break
        case 'committee':
          targetPublic = r.int(3, 7)
          targetConfidential = spec.areas.includes('bau') ? r.int(1, 3) : r.chance(0.7) ? r.int(1, 2) : 0
          break
        case 'ortschaft':
          targetPublic = r.int(3, 5)
          targetConfidential = r.chance(0.25) ? 1 : 0
          break
      }
      // Far-ahead meetings only have a preliminary agenda.
      if (planned) {
        targetPublic = Math.min(targetPublic, r.int(3, 5))
        targetConfidential = Math.min(targetConfidential, r.int(0, 1))
      }
      const durationMinutes = spec.kind === 'rat' ? r.pick([150, 165, 180]) : r.pick([120, 135, 150, 165, 180])
      const plan: MeetingPlan = {
        id: `mtg-${spec.org.id.slice('org-'.length)}-${date}`,
        spec, date, ordinal: i + 1, previousDate: i > 0 ? all[i - 1] : undefined, state, durationMinutes,
        targetPublic, targetConfidential,
        reservePublic: spec.kind === 'rat' ? r.int(2, 3) : 1,
        reserveConfidential: spec.kind === 'rat' || spec.kind === 'haupt' ? 1 : 0,
        publicPapers: [], confidentialPapers: [], usedTemplates: new Set(),
      }
      list.push(plan)
      plans.push(plan)
    })
    plansByOrg.set(spec.org.id, list)
  }
  // One cancelled meeting: the Ordnungsausschuss about three months ago ("mangels Beratungsgegenständen" is
  // typical; here it was cancelled after invitation, so its papers move to the next meeting).
  {
    const list = plansByOrg.get(ORG_IDS.ordnungsausschuss) ?? []
    const aim = addMonths(anchor, -3)
    const held = list.filter((p) => p.state === 'held')
    held.sort((a, b) => Math.abs(daysBetween(aim, a.date)) - Math.abs(daysBetween(aim, b.date)) || a.date.localeCompare(b.date))
    if (held.length > 1) {
      held[0].state = 'cancelled'
      held[0].targetConfidential = 0
    }
  }
  const specOrder = new Map(specs.map((s, i) => [s.org.id, i]))
  plans.sort((a, b) => a.date.localeCompare(b.date) || a.spec.series.startMinutes - b.spec.series.startMinutes || (specOrder.get(a.spec.org.id) ?? 0) - (specOrder.get(b.spec.org.id) ?? 0))

  // --- papers ---
  const paperRng = stream(seed, 'papers')
  const papers: PaperPlan[] = []
  const usedOnce = new Set<string>()
  const bplans: BplanState[] = [
    { no: 36, area: BPLAN_AREAS[BPLAN_AREAS.length - 1], stage: 2, last: addDays(windowStart, -150) },
    { no: 37, area: BPLAN_AREAS[BPLAN_AREAS.length - 2], stage: 1, last: addDays(windowStart, -100) },
  ]
  let nextBplanNo = 38
  let nextFnpNo = 12
  const orgById = new Map(specs.map((s) => [s.org.id, s]))

  const nextMeeting = (orgId: string, after: string, isPublic: boolean, force = false): MeetingPlan | undefined => {
    const list = plansByOrg.get(orgId) ?? []
    let tries = 0
    for (const m of list) {
      if (m.date <= after || m.state === 'cancelled') continue
      const assigned = isPublic ? m.publicPapers.length : m.confidentialPapers.length
      const cap = isPublic ? m.targetPublic - m.reservePublic : m.targetConfidential - m.reserveConfidential
      if (assigned < cap || (force && assigned < cap + 2)) return m
      if (++tries >= 2) return undefined
    }
    return undefined
  }

  const onceKey = (t: PaperTemplate, m: MeetingPlan): string | undefined => {
    const [y, mo] = parts(m.date)
    const scope = t.area === 'ortschaft' ? m.spec.org.id : 'all'
    if (t.oncePerYear) return `${t.key}|${y}|${scope}`
    if (t.oncePerQuarter) return `${t.key}|${y}|${Math.ceil(mo / 3)}|${scope}`
    return undefined
  }
  const templateAvailable = (t: PaperTemplate, m: MeetingPlan): boolean => {
    const month = parts(m.date)[1]
    if (t.months && !t.months.includes(month)) return false
    const key = onceKey(t, m)
    return !key || !usedOnce.has(key)
  }

  type Choice =
    | { kind: 'template'; template: PaperTemplate }
    | { kind: 'motion'; topic: MotionTopic; area: Area }
    | { kind: 'inquiry'; topic: InquiryTopic; area: Area }

  const choose = (m: MeetingPlan, isPublic: boolean): Choice | undefined => {
    const areas = m.spec.areas
    const inArea = TEMPLATES.filter((t) => areas.includes(t.area) && t.public === isPublic && templateAvailable(t, m))
    // Seasonal must-haves (budget in November, meeting calendar in autumn …) come first.
    const forced = inArea.find((t) => (t.weight ?? 1) >= 10 && t.months)
    if (forced) return { kind: 'template', template: forced }
    const pool = inArea.filter((t) => (t.weight ?? 1) < 10 && (t.weight ?? 1) > 0)
    if (!isPublic) {
      const fresh = (t: PaperTemplate) => !m.usedTemplates.has(t.key)
      const candidates = pool.filter(fresh).length > 0 ? pool.filter(fresh) : pool
      return candidates.length ? { kind: 'template', template: paperRng.weighted(candidates, (t) => t.weight ?? 1) } : undefined
    }
    const motions = areas.flatMap((a) => (MOTIONS[a] ?? []).map((topic) => ({ topic, area: a })))
    const inquiries = areas.flatMap((a) => (INQUIRIES[a] ?? []).map((topic) => ({ topic, area: a })))
    const notices = GENERIC_NOTICES.filter((t) => templateAvailable(t, m))
    const options = (type: PaperType): Choice[] => {
      if (type === 'Antrag') return motions.map((x) => ({ kind: 'motion', ...x }))
      if (type === 'Anfrage') return inquiries.map((x) => ({ kind: 'inquiry', ...x }))
      const own = pool.filter((t) => t.type === type)
      return (type === 'Mitteilung' ? [...own, ...notices] : own).map((template) => ({ kind: 'template', template }))
    }
    const isFresh = (c: Choice) => !m.usedTemplates.has(c.kind === 'template' ? c.template.key : c.topic.title)
    const weights = TYPE_WEIGHTS[m.spec.kind]
    const allTypes = Object.keys(weights) as PaperType[]
    // Prefer types that still offer something not yet on this agenda, so no item repeats.
    const freshTypes = allTypes.filter((type) => options(type).some(isFresh))
    const types = freshTypes.length ? freshTypes : allTypes.filter((type) => options(type).length > 0)
    if (types.length === 0) return undefined
    const type = paperRng.weighted(types, (t) => weights[t])
    const all = options(type)
    const candidates = all.filter(isFresh).length ? all.filter(isFresh) : all
    return paperRng.weighted(candidates, (c) => (c.kind === 'template' ? c.template.weight ?? 1 : 1))
  }

  const resolveBplan = (template: PaperTemplate, date: string): { template: PaperTemplate; plan: BplanState } => {
    const ready = bplans.find((p) => p.stage < 3 && daysBetween(p.last, date) >= 90)
    let plan: BplanState
    if (ready) {
      ready.stage += 1
      ready.last = date
      plan = ready
    } else {
      const used = new Set(bplans.map((p) => p.area))
      const area = BPLAN_AREAS.find((a) => !used.has(a)) ?? `${BPLAN_AREAS[nextBplanNo % BPLAN_AREAS.length]} ${Math.floor(nextBplanNo / BPLAN_AREAS.length)}`
      plan = { no: nextBplanNo++, area, stage: 1, last: date }
      bplans.push(plan)
    }
    const staged = TEMPLATES.find((t) => t.bplanStage === plan.stage) ?? template
    return { template: staged, plan }
  }

  const pickCouncillor = (factionId?: string): Councillor => {
    const pool = factionId ? councillors.filter((c) => c.factionId === factionId) : councillors
    return paperRng.pick(pool)
  }

  const createPaper = (m: MeetingPlan, isPublic: boolean): boolean => {
    const choice = choose(m, isPublic)
    if (!choice) return false
    const r = paperRng
    let template = choice.kind === 'template' ? choice.template : undefined
    let bplan: BplanState | undefined
    if (template?.bplanStage) {
      const resolved = resolveBplan(template, m.date)
      template = resolved.template
      bplan = resolved.plan
    } else if (template?.key === 'or-anhoerung-bplan') {
      bplan = { no: nextBplanNo++, area: 'Wohnen am Dorfanger', stage: 1, last: m.date }
    }
    if (template) {
      const key = onceKey(template, m)
      if (key) usedOnce.add(key)
      m.usedTemplates.add(template.key)
    } else if (choice.kind !== 'template') {
      m.usedTemplates.add(choice.topic.title)
    }

    const type: PaperType = template ? template.type : choice.kind === 'motion' ? 'Antrag' : 'Anfrage'
    const originOrg = m.spec.org.id
    let route: RouteStep[]
    if (template) route = template.route
    else if (choice.kind === 'motion') route = m.spec.kind === 'committee' || m.spec.kind === 'haupt' ? ['rat'] : []
    else route = []
    const steps = route.map((s) => STEP_ORG[s]).filter((orgId) => orgId !== originOrg)

    // Beratungsfolge within the window: a cancelled meeting hands its papers to the next one.
    const appearances: MeetingPlan[] = [m]
    let t = m.date
    if (m.state === 'cancelled') {
      const next = nextMeeting(originOrg, m.date, isPublic, true)
      if (next) {
        appearances.push(next)
        t = next.date
      }
    }
    for (const orgId of steps) {
      const next = nextMeeting(orgId, t, isPublic)
      if (!next) break
      appearances.push(next)
      t = next.date
    }

    const orgIds = [originOrg, ...steps]
    const decider = orgById.get(orgIds[orgIds.length - 1])?.org ?? m.spec.org
    const firstDate = appearances[0].date
    let date = workday(addDays(firstDate, -r.int(9, 24)))
    if (date >= anchor) date = workday(addDays(anchor, -r.int(1, 5)))

    // Values shared by all sentences of this paper.
    const [year, month] = parts(firstDate)
    const prevQuarter = Math.ceil(month / 3) - 1
    const amountRange = template?.amount ?? [20000, 250000]
    const amount = Math.round(r.int(amountRange[0], amountRange[1]) / 10) * 10
    const percent = r.pick([50, 60, 70, 75, 80, 90])
    const street = r.pick(STREETS)
    let street2 = r.pick(STREETS)
    if (street2 === street) street2 = STREETS[(STREETS.indexOf(street) + 7) % STREETS.length]
    const ortschaft = m.spec.village ?? r.pick(ortschaften)
    const festFriday = nthWeekday(year, 6, 5, 2)
    const seasonMonth = ((month + 1) % 12) + 1
    const councillor = pickCouncillor()
    const position = r.pick(POSITIONS)
    const project = r.pick(PROJECTS)
    const vars: Record<string, string> = {
      year: String(year), nextYear: String(year + 1), nextYear2: String(year + 2), prevYear: String(year - 1), prevYear2: String(year - 2),
      quarter: String(prevQuarter === 0 ? 4 : prevQuarter), quarterYear: String(prevQuarter === 0 ? year - 1 : year),
      amount: formatEuro(amount), amount2: formatEuro(Math.round(amount * (0.12 + r.next() * 0.1))),
      ownShare: formatEuro(Math.round((amount * (100 - percent)) / 100)), amountSmall: formatEuro(r.int(20, 600) * 100),
      percent: String(percent), program: r.pick(PROGRAMS_BY_AREA[template?.department ?? template?.area ?? 'bau'] ?? PROGRAMS),
      account: `${r.pick(['11.1.01', '12.6.01', '21.1.01', '36.5.01', '42.4.01', '54.1.01', '55.1.01'])}.${r.int(10, 99)}/${r.int(421100, 785200)}`,
      account2: `${r.pick(['11.1.03', '54.1.02', '57.3.01'])}.${r.int(10, 99)}/${r.int(421100, 785200)}`,
      street, street2, houseNo: String(r.int(1, 120)), district: r.pick(DISTRICTS), ortschaft,
      school: r.pick(SCHOOLS), kita: r.pick(KITAS), vehicle: r.pick(VEHICLES), ffw: r.pick(['Musterstadt', ...ortschaften]),
      gewerk: r.pick(project.trades), project: project.name, company: r.pick(COMPANIES), los: String(r.int(1, 12)), bidders: String(r.int(2, 7)),
      sqm: formatEuro(r.int(2, 400) * 10, 0).replace(' €', ''), flurstueck: `${r.int(12, 980)}/${r.int(1, 9)}`, flur: String(r.int(1, 14)),
      gemarkung: r.pick(['Musterstadt', ...ortschaften]), purpose: r.pick(PURPOSES), position: position[0], payGrade: position[1], villageArea: r.pick(VILLAGE_AREAS),
      count: String(r.int(3, 19)), hectares: `${r.int(1, 12)},${r.int(0, 9)}`, hebesatz: String(r.int(38, 52) * 10), n: String(r.int(2, 9)),
      fnpNo: String(nextFnpNo), bplanNo: String(bplan?.no ?? nextBplanNo), bplanArea: bplan?.area ?? r.pick(BPLAN_AREAS),
      festDates: `${germanDate(festFriday).slice(0, 3)} bis ${germanDate(addDays(festFriday, 2))}`,
      season: seasonMonth <= 2 || seasonMonth === 12 ? 'Winter' : seasonMonth <= 5 ? 'Frühjahr' : seasonMonth <= 8 ? 'Sommer' : 'Herbst',
      meetingDate: germanDate(workday(addDays(firstDate, -r.int(20, 60)))),
      deadline: germanDate(addDays(isoDate(year + (month > 6 ? 1 : 0), month > 6 ? 7 : 1, 1), -1)),
      councillor: councillor.person.name, councillorTitle: councillor.person.formOfAddress === 'Frau' ? 'Stadträtin' : 'Stadtrat', club: r.pick(CLUBS),
    }
    if (template?.key === 'fnp') nextFnpNo++
    const fill = (s: string) => fillPlaceholders(s, vars)

    const mayorSignature = `gez. ${mayor.name}\nBürgermeister`
    const roles: ConsultationRole[] = orgIds.map((orgId, i) =>
      i === orgIds.length - 1
        ? type === 'Beschlussvorlage' || type === 'Antrag' ? 'Entscheidung' : 'Kenntnisnahme'
        : orgById.get(orgId)?.kind === 'ortschaft' ? 'Anhörung' : 'Vorberatung',
    )
    const consultationLines = orgIds.map((orgId, i) => {
      const spec = orgById.get(orgId)
      return `${i + 1}. ${spec?.org.name ?? orgId} – ${roles[i]} (${isPublic ? 'öffentlich' : 'nichtöffentlich'})`
    })

    let name: string
    let summary: string
    let resolutionProposal: string | undefined
    let department: DemoDepartment
    let mainParagraphs: string[]
    const annexes: PaperPlan['annexes'] = []

    if (template) {
      name = fill(template.name)
      const facts = template.facts.map(fill)
      const reasons = (template.reasons ?? []).map(fill)
      department = DEPARTMENTS[template.department ?? template.area]
      summary = facts.slice(0, 2).join(' ')
      if (template.proposal) resolutionProposal = `Der ${decider.name} ${fill(template.proposal)}`
      for (const kind of template.annexes ?? []) {
        if (annexes.length >= 2) break
        const content = annexContent({ kind, rng: r, fill, paperName: name, amountEuro: amount, facts })
        annexes.push({ label: content.label, title: `Anlage ${annexes.length + 1}: ${content.title.replace(/^Anlage: /, '')}`, paragraphs: content.paragraphs })
      }
      const isDecision = type === 'Beschlussvorlage'
      mainParagraphs = [
        'Sachverhalt', ...facts, ...(isDecision || type === 'Informationsvorlage' ? [processText(r, 3)] : []),
        ...(reasons.length || isDecision ? ['Begründung', ...reasons, processText(r, 2)] : []),
        ...(isDecision ? standardSections(r, template.department ?? template.area, isPublic && r.chance(0.6)) : []),
        ...(template.finance ? ['Finanzielle Auswirkungen', fill(FINANCE_TEXT[template.finance])] : []),
        'Beratungsfolge', consultationLines.join('\n'),
        ...(resolutionProposal ? ['Beschlussvorschlag', resolutionProposal] : []),
        ...(annexes.length ? ['Anlagen', annexes.map((a) => a.title).join('\n')] : ['Anlagen: keine']),
        mayorSignature,
      ]
    } else if (choice.kind === 'motion') {
      const orPerson = m.spec.kind === 'ortschaft' ? r.pick(orMembers.get(m.spec.org.id) ?? [mayor]) : undefined
      const faction = FACTIONS.find((f) => f.id === councillor.factionId) ?? FACTIONS[0]
      const leader = (factionMembers.get(faction.id) ?? [councillor.person])[0]
      const title = fill(choice.topic.title)
      name = orPerson
        ? `Antrag von ${orPerson.formOfAddress === 'Frau' ? 'Ortschaftsrätin' : 'Ortschaftsrat'} ${orPerson.name}: ${title}`
        : `Antrag der ${faction.name}: ${title}`
      department = COUNCIL_OFFICE
      resolutionProposal = `Der ${decider.name} ${fill(choice.topic.motion)}`
      const reasons = choice.topic.reasons.map(fill)
      summary = `${orPerson ? orPerson.name : `Die ${faction.name}`} beantragt: ${resolutionProposal} ${reasons.join(' ')}`
      mainParagraphs = [
        'Antrag', `${orPerson ? `${orPerson.name} beantragt` : `Die ${faction.name} beantragt`}, der ${decider.name} möge beschließen:`, resolutionProposal,
        'Begründung', ...reasons, `Die Antragstellenden bitten um Beratung in der ${appearances[0].spec.kind === 'rat' ? 'nächsten Sitzung des Stadtrates' : 'nächsten Sitzung des zuständigen Gremiums'}.`,
        'Beratungsfolge', consultationLines.join('\n'),
        orPerson ? `gez. ${orPerson.name}` : `Für die ${faction.name}\ngez. ${leader.name}, Fraktionsvorsitz`,
      ]
    } else if (choice.kind === 'inquiry') {
      const asker = m.spec.kind === 'ortschaft' ? r.pick(orMembers.get(m.spec.org.id) ?? [mayor]) : councillor.person
      const faction = FACTIONS.find((f) => f.id === councillor.factionId) ?? FACTIONS[0]
      const title = fill(choice.topic.title)
      const asFaction = m.spec.kind !== 'ortschaft' && r.chance(0.5)
      const askerRole = m.spec.kind === 'ortschaft'
        ? asker.formOfAddress === 'Frau' ? 'Ortschaftsrätin' : 'Ortschaftsrat'
        : asker.formOfAddress === 'Frau' ? 'Stadträtin' : 'Stadtrat'
      name = asFaction ? `Anfrage der ${faction.name}: ${title}` : `Anfrage von ${askerRole} ${asker.name}: ${title}`
      department = COUNCIL_OFFICE
      const context = fill(choice.topic.context)
      summary = context
      const questions = choice.topic.questions.map((q, i) => `${i + 1}. ${fill(q)}`)
      mainParagraphs = [
        'Anfrage', context, 'Ich bitte die Verwaltung um Beantwortung der folgenden Fragen:', 'Fragen', questions.join('\n'),
        asFaction ? `Für die ${faction.name}\ngez. ${(factionMembers.get(faction.id) ?? [asker])[0].name}` : `gez. ${asker.name}`,
      ]
      // Answered questions carry the administration's answer as an annex.
      if (firstDate < anchor) {
        annexes.push({
          label: 'Antwort der Verwaltung', title: 'Anlage 1: Antwort der Verwaltung',
          paragraphs: [
            'Antwort der Verwaltung', `Zur Anfrage „${title}“ nimmt die Verwaltung wie folgt Stellung:`,
            ...choice.topic.questions.map((_, i) => `Zu Frage ${i + 1}: ${fill(choice.topic.answers[i] ?? 'Die Prüfung ist noch nicht abgeschlossen.')}`),
            mayorSignature,
          ],
        })
      }
    } else {
      return false
    }

    const paper: PaperPlan = {
      seq: papers.length, type, isPublic, origin: m, appearances, orgIds, roles, name, date, department, summary, resolutionProposal,
      mainParagraphs, annexes,
    }
    for (const a of appearances) (isPublic ? a.publicPapers : a.confidentialPapers).push(paper)
    papers.push(paper)
    return true
  }

  for (const m of plans) {
    for (const isPublic of [true, false]) {
      const targetCount = isPublic ? m.targetPublic : m.targetConfidential
      const list = () => (isPublic ? m.publicPapers : m.confidentialPapers)
      let guard = 0
      while (list().length < targetCount && guard++ < 20) {
        if (!createPaper(m, isPublic)) break
      }
    }
  }

  // --- references: running number per type within the term, in order of paper date ---
  const monthsBefore = Math.max(0, daysBetween(TERM.startDate, windowStart) / 30.44)
  for (const type of TYPE_ORDER) {
    const ofType = papers.filter((p) => p.type === type).sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq)
    const offset = Math.round((monthsBefore * ofType.length) / 12)
    ofType.forEach((p, i) => {
      const num = offset + i + 1
      p.reference = `${PREFIX[type]} ${num} ${TERM_SUFFIX}`
      p.id = `paper-${PREFIX[type].toLowerCase()}-${num}`
    })
  }

  const demoPapers: DemoPaper[] = [...papers]
    .sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq)
    .map((p) => toDemoPaper(p))

  function toDemoPaper(p: PaperPlan): DemoPaper {
    const id = p.id ?? `paper-${p.seq}`
    const short = PREFIX[p.type] + ' ' + (p.reference ?? '').split(' ')[1]
    const mainName = safeFileName(`${short} ${stripQuotes(p.name)}`, 96).replace(/\.pdf$/, '') + '.pdf'
    const attachments: DemoAttachment[] = [
      // Page counts come from the real layout, so rendered PDFs neither cut off nor repeat text.
      { id: `${id}-1`, name: mainName, title: p.name, pages: pagesNeeded(p.mainParagraphs), paragraphs: p.mainParagraphs },
      ...p.annexes.map((a, i) => ({
        id: `${id}-${i + 2}`,
        name: safeFileName(`Anlage ${i + 1} ${a.label} ${short}.pdf`),
        title: a.title,
        pages: pagesNeeded(a.paragraphs),
        paragraphs: a.paragraphs,
      })),
    ]
    const paper: DemoPaper = {
      id, reference: p.reference ?? id, name: p.name, paperType: p.type, date: p.date, public: p.isPublic,
      department: p.department.name, departmentId: p.department.id, summary: p.summary,
      sections: sectionsOf(p.type, p.mainParagraphs, p.resolutionProposal),
      consultationOrganizationIds: p.orgIds, consultationRoles: p.roles, attachments,
    }
    if (p.resolutionProposal) paper.resolutionProposal = p.resolutionProposal
    return paper
  }

  // --- agendas ---
  const meetings: DemoMeeting[] = plans.map((m) => buildMeeting(m))

  function itemProposal(m: MeetingPlan, p: PaperPlan): string | undefined {
    if (!p.resolutionProposal) return undefined
    const deciderId = p.orgIds[p.orgIds.length - 1]
    if (m.spec.org.id === deciderId) return p.resolutionProposal
    const decider = orgById.get(deciderId)?.org.name ?? 'Stadtrat'
    if (m.spec.kind === 'ortschaft') return `Der ${m.spec.org.name} stimmt der Vorlage im Rahmen seines Anhörungsrechts zu und empfiehlt dem ${decider}: ${p.resolutionProposal}`
    return `Der ${m.spec.org.name} empfiehlt dem ${decider}, wie folgt zu beschließen: ${p.resolutionProposal}`
  }

  function buildMeeting(m: MeetingPlan): DemoMeeting {
    const spec = m.spec
    const byTypeThenRef = (a: PaperPlan, b: PaperPlan) =>
      TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || refNumber(a) - refNumber(b)
    const pub = [...m.publicPapers].sort(byTypeThenRef)
    const conf = [...m.confidentialPapers].sort(byTypeThenRef)
    const items: DemoAgendaItem[] = []
    let pubNo = 0
    let confNo = 0
    const add = (isPublic: boolean, title: string, paper?: PaperPlan) => {
      const order = items.length + 1
      const item: DemoAgendaItem = {
        id: `${m.id}-top-${order}`,
        number: agendaNumber(isPublic, isPublic ? ++pubNo : ++confNo),
        order, title, public: isPublic,
      }
      if (paper) {
        item.paperId = paper.id
        const proposal = itemProposal(m, paper)
        if (proposal) item.resolutionProposal = proposal
      }
      items.push(item)
    }
    const chair = spec.kind === 'ortschaft' ? (orMembers.get(spec.org.id) ?? [])[0] : undefined
    add(true, 'Eröffnung und Begrüßung')
    add(true, 'Feststellung der ordnungsgemäßen Ladung und der Beschlussfähigkeit')
    add(true, 'Feststellung der Tagesordnung')
    // Minutes to approve are those of the last meeting that took place (not a cancelled one).
    const siblings = plansByOrg.get(spec.org.id) ?? []
    const previous = siblings.slice(0, siblings.indexOf(m)).reverse().find((x) => x.state !== 'cancelled')
    const previousDate = previous?.date ?? m.previousDate
    const previousHadConfidential = previous ? previous.confidentialPapers.length > 0 : true
    if (previousDate) add(true, `Genehmigung der Niederschrift der Sitzung vom ${germanDate(previousDate)} (öffentlicher Teil)`)
    if (spec.kind === 'rat' || spec.kind === 'ortschaft') add(true, 'Einwohnerfragestunde')
    if (spec.kind === 'rat') {
      add(true, 'Bericht des Bürgermeisters über wichtige Angelegenheiten der Stadt')
      add(true, 'Bekanntgabe der in nichtöffentlicher Sitzung gefassten Beschlüsse')
    } else if (spec.kind === 'haupt') {
      add(true, 'Informationen des Bürgermeisters')
    } else if (spec.kind === 'ortschaft') {
      add(true, chair?.formOfAddress === 'Frau' ? 'Informationen der Ortsbürgermeisterin' : 'Informationen des Ortsbürgermeisters')
    } else {
      add(true, 'Informationen der Verwaltung')
    }
    for (const p of pub) add(true, p.name, p)
    add(true, spec.kind === 'rat' ? 'Anfragen und Anregungen der Stadträtinnen und Stadträte' : spec.kind === 'ortschaft' ? 'Anfragen und Anregungen der Ortschaftsräte' : 'Anfragen und Anregungen der Ausschussmitglieder')
    if (conf.length) {
      add(true, 'Schließung des öffentlichen Teils der Sitzung')
      if (previousDate && previousHadConfidential) add(false, `Genehmigung der Niederschrift der Sitzung vom ${germanDate(previousDate)} (nichtöffentlicher Teil)`)
      for (const p of conf) add(false, p.name, p)
      add(false, 'Schließung der Sitzung')
    } else {
      add(true, 'Schließung der Sitzung')
    }
    const startMinutes = spec.series.startMinutes
    return {
      id: m.id,
      organizationId: spec.org.id,
      name: `${m.ordinal}. Sitzung ${spec.genitive}`,
      start: berlinDateTime(m.date, startMinutes),
      end: berlinDateTime(m.date, startMinutes + m.durationMinutes),
      location: { ...spec.location },
      state: m.state,
      items,
    }
  }

  function refNumber(p: PaperPlan): number {
    return Number((p.reference ?? '').split(' ')[1] ?? 0)
  }

  // --- organizations output: Gremien first, then factions ---
  const organizations: DemoOrganization[] = [
    ...specs.map((s) => s.org),
    ...FACTIONS.map((f) => ({ id: f.id, name: f.name, shortName: f.shortName, organizationType: 'Fraktion' as const, classification: 'Fraktion' as const })),
  ]

  meetings.sort((a, b) => a.start.localeCompare(b.start) || a.organizationId.localeCompare(b.organizationId))

  return {
    body: {
      id: 'body-musterstadt',
      name: 'Stadt Musterstadt',
      shortName: 'Musterstadt',
      website: 'https://www.musterstadt.example',
      contactEmail: 'ratsbuero@musterstadt.example',
    },
    legislativeTerm: { ...TERM },
    departments: Object.values(DEMO_DEPARTMENTS),
    organizations,
    persons: people.persons,
    memberships,
    users,
    papers: demoPapers,
    meetings,
  }
}

/** Headings in the generated paper text that start a section of the paper, by section key. */
const SECTION_HEADINGS: Record<string, string> = {
  Sachverhalt: 'sachverhalt',
  Begründung: 'begruendung',
  'Finanzielle Auswirkungen': 'finanzielle-auswirkungen',
  Beschlussvorschlag: 'beschlussvorschlag',
  Antrag: 'antragstext',
  Anfrage: 'fragen',
  Fragen: 'fragen',
}
/** Blocks of the rendered paper that are not sections (they come from the paper's own data). */
const NOT_SECTIONS = new Set(['Beratungsfolge', 'Anlagen'])

/**
 * The structured sections of a generated paper, from the paragraphs its PDF is rendered from:
 * known headings start a section, other headings become sub-headings, numbered lines lists.
 */
function sectionsOf(type: PaperType, paragraphs: readonly string[], proposal: string | undefined): PaperSection[] {
  const def = paperTypeDef(type)
  const texts = new Map<string, string[]>()
  let current: string | null = null
  for (const paragraph of paragraphs) {
    if (paragraph in SECTION_HEADINGS) {
      current = SECTION_HEADINGS[paragraph]
      continue
    }
    if (NOT_SECTIONS.has(paragraph) || paragraph.startsWith('Anlagen:') || paragraph.startsWith('gez. ') || paragraph.startsWith('Für die ')) {
      current = NOT_SECTIONS.has(paragraph) ? null : current
      continue
    }
    if (!current) continue
    const isHeading = paragraph.length < 60 && !/[.:!?]$/.test(paragraph) && !paragraph.includes('\n')
    const text = isHeading
      ? `### ${paragraph}`
      : paragraph
          .split('\n')
          .map((line) => (/^\d+\. /.test(line) ? line : line.includes(': ') && paragraph.includes('\n') ? `- ${line}` : line))
          .join('\n')
    texts.set(current, [...(texts.get(current) ?? []), text])
  }
  if (proposal && !texts.has('beschlussvorschlag')) texts.set('beschlussvorschlag', [proposal])
  return (def?.sections ?? []).map((section) => ({ key: section.key, title: section.title, text: (texts.get(section.key) ?? []).join('\n\n') }))
}
