/**
 * A town's Entschädigungssatzung as configuration (docs/ALLOWANCES.md, "Statute schema").
 * JSON-serialisable; `validateStatute` (statute-validation.ts) checks a file against these types
 * and the rules between fields. Amounts are integer cents.
 *
 * A statute has one or more versions (Fassungen) with validity dates: an amendment that changes a
 * rate is a new version from its effective date. The allowance types of a version are identified
 * by stable ids, so assignments of types to members keep their meaning across versions.
 */

export const ALLOWANCE_KINDS = ['monthlyFlat', 'supplement', 'sessionFee', 'lostEarnings', 'travel', 'care'] as const
/**
 * - `monthlyFlat`: Aufwandsentschädigung as a monthly flat rate;
 * - `supplement`: monthly supplement for a function (Vorsitz, Stellvertretung, Fraktionsvorsitz …);
 * - `sessionFee`: Sitzungsgeld per meeting or per day;
 * - `lostEarnings`: Verdienstausfall (employees, self-employed, household);
 * - `travel`: Fahrtkosten; `care`: Kinder-/Angehörigenbetreuung.
 */
export type AllowanceKind = (typeof ALLOWANCE_KINDS)[number]

/** Kinds paid per month (monthly flat rate and supplements). */
export const MONTHLY_KINDS: readonly AllowanceKind[] = ['monthlyFlat', 'supplement']
/** Kinds that are forfeited for the day of an expulsion when the statute says so. */
export const DAY_KINDS: readonly AllowanceKind[] = ['sessionFee', 'lostEarnings', 'travel', 'care']

/**
 * Kinds of meetings an attendance record can have:
 * council (Stadt-/Gemeinderat), committee (Ausschuss), localCouncil (Ortschaftsrat),
 * faction (Fraktionssitzung), conference (Tagung, Schulung, Konferenz), other (Ortsbegehung …).
 */
export const MEETING_KINDS = ['council', 'committee', 'localCouncil', 'faction', 'conference', 'other'] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]

export const SUPPLEMENT_FUNCTIONS = ['chair', 'deputyChair', 'factionLeader', 'deputyFactionLeader', 'committeeChair', 'localMayor', 'other'] as const
export type SupplementFunction = (typeof SUPPLEMENT_FUNCTIONS)[number]

interface TypeBase {
  /** stable id, lower case letters, digits and hyphens: "flat-council" */
  id: string
  /** German label on statements: "Aufwandsentschädigung Stadtratsmitglied" */
  label: string
}

export interface MonthlyFlatType extends TypeBase {
  kind: 'monthlyFlat'
  amountCents: number
}

export interface SupplementType extends TypeBase {
  kind: 'supplement'
  amountCents: number
  function: SupplementFunction
  /**
   * The supplement passes to the holder of `role` in the same body when the function holder has
   * been absent for more than `afterMonths` months without a break (Zerbst: chair → deputy after
   * more than 3 months).
   */
  passesToDeputy?: { afterMonths: number; role: string }
}

export interface SessionFeeType extends TypeBase {
  kind: 'sessionFee'
  /** the Sitzungsgeld */
  amountCents: number
  /** a different amount for some meeting kinds (e.g. faction meetings) */
  amountCentsByMeetingKind?: Partial<Record<MeetingKind, number>>
  /** `perMeeting`: each counted meeting; `perDay`: one fee per day with at least one counted meeting */
  mode: 'perMeeting' | 'perDay'
  /** meeting kinds that count */
  meetingKinds: MeetingKind[]
  /** conferences count only where the council ordered the member to attend (`ordered` on the attendance record) */
  conferencesOnlyIfOrdered: boolean
  /** several meetings on one day: at most this multiple of `amountCents` (2.5); absent = no cap */
  dailyCapMultiple?: number
  /** present for less than this (sum of the attendance periods) does not count; absent = any presence */
  minimumPresenceMinutes?: number
  /** a substitute (Vertreter/in) who attends gets the meeting's fee even without this type assigned */
  paySubstitutes: boolean
  /** a meeting continued on another day counts again (Goldene Aue 2024: "gilt als neue Sitzung") */
  continuationCountsAsNewMeeting: boolean
}

/** Hourly rate caps of one group of earners. */
export interface EarningsCap {
  hourlyCapCents: number
  dailyCapCents?: number
}

export interface LostEarningsType extends TypeBase {
  kind: 'lostEarnings'
  /** employees: the certified hourly rate (Arbeitgeberbescheinigung), at most the cap */
  employee?: EarningsCap
  /** self-employed: the credibly shown hourly rate, at most the cap */
  selfEmployed?: EarningsCap
  /** people running a household (no provable earnings): a flat hourly rate */
  household?: { hourlyRateCents: number; dailyCapCents?: number }
  /** hours in working time are rounded to this unit: every started half hour = {30, 'up'} */
  rounding: { unitMinutes: number; mode: 'up' | 'down' | 'nearest' }
}

export interface TravelType extends TypeBase {
  kind: 'travel'
  /** per km by car (state travel rules: 30 ct) */
  kmRateCents: number
  /** trips inside the town are reimbursed */
  inTownReimbursed: boolean
  /** public transport tickets are reimbursed on receipts */
  publicTransport: boolean
}

export interface CareType extends TypeBase {
  kind: 'care'
  hourlyCapCents?: number
  dailyCapCents?: number
}

export type AllowanceType = MonthlyFlatType | SupplementType | SessionFeeType | LostEarningsType | TravelType | CareType

export interface VersionRules {
  /**
   * Months with days without entitlement:
   * `thirtieths` (Wallhausen: reduced by 1/30 of the monthly rate per day without entitlement),
   * `calendarDays` (pro rata per calendar day), `fullMonth` (one day of entitlement = whole month).
   */
  partMonth: 'thirtieths' | 'calendarDays' | 'fullMonth'
  /** monthly rates due at the start of the month (in advance, Zerbst) or after it */
  flatRatePayment: 'advance' | 'arrears'
  /** several supplements of one person: all, or only the highest */
  supplementCombination: 'cumulative' | 'highest'
  /** monthly rates lapse for the time beyond this many months of continuous absence (Köthen: 3); null = never */
  absenceLapseMonths: number | null
  /** kinds lost for the day of an expulsion from a meeting (KVG LSA: the day's allowance) */
  expulsionForfeits: AllowanceKind[]
}

export interface StatuteVersion {
  /** first day, YYYY-MM-DD */
  validFrom: string
  /** last day (inclusive); absent = until the next version starts, or open */
  validTo?: string
  /** "Fassung der 1. Änderungssatzung vom 11.12.2025" */
  label?: string
  rules: VersionRules
  types: AllowanceType[]
}

/**
 * Which types a membership brings by default. All given conditions must hold; an absent condition
 * matches any membership. Roles and classifications are the words the structure uses
 * ("Mitglied", "Vorsitz", "sachkundiger Einwohner"; "Stadtrat", "Ausschuss", "Ortschaftsrat", "Fraktion").
 */
export interface DefaultAssignmentRule {
  roles?: string[]
  classifications?: string[]
  organizationIds?: string[]
  types: string[]
}

export interface Statute {
  schemaVersion: 1
  /** "koennern-2025" */
  id: string
  /** "Satzung über die Entschädigung … der Stadt Könnern" */
  title: string
  municipality: string
  /** two-letter state code (tax rules): "ST" = Sachsen-Anhalt */
  state: string
  /** inhabitants (the tax-free amount depends on the size of the town) */
  inhabitants: number
  /** where the statute is published */
  source?: string
  /** time zone of meeting times in explanations; default Europe/Berlin */
  timeZone?: string
  defaults: DefaultAssignmentRule[]
  versions: StatuteVersion[]
}
