/**
 * The body's structure as the relay stores it and the admin views edit it (docs/API.md,
 * "Structure"): the option lists, per-body settings and record shapes. The relay validates against
 * these lists (sync-server/src/structure/structure-store.ts); the app only offers the choices.
 */
import type { Membership } from './api.ts'
import type { StandardItemTemplate } from './meetings.ts'

export type OrganizationType = 'Gremium' | 'Fraktion'

/** Kinds of bodies (Gremien) that meet; factions are classified "Fraktion". */
export const BODY_CLASSIFICATIONS = ['Stadtrat', 'Gemeinderat', 'Ausschuss', 'Ortschaftsrat'] as const
export type BodyClassification = (typeof BODY_CLASSIFICATIONS)[number]

/**
 * Quorum (Beschlussfähigkeit), counted over the body's voting members:
 * - `more-than-half`: more than half present (KVG LSA default),
 * - `half`: at least half present,
 * - `third`: at least one third present (e.g. a repeated meeting on the same matter).
 */
export const QUORUM_RULES = ['more-than-half', 'half', 'third'] as const
export type QuorumRule = (typeof QUORUM_RULES)[number]

/**
 * Majority for ordinary resolutions:
 * - `simple`: more yes than no votes; abstentions not counted; a tie means rejected (default),
 * - `absolute`: yes votes from more than half of the body's voting members,
 * - `two-thirds`: at least two thirds of the yes and no votes cast.
 */
export const MAJORITY_RULES = ['simple', 'absolute', 'two-thirds'] as const
export type MajorityRule = (typeof MAJORITY_RULES)[number]

/**
 * Per-body rules of procedure the meeting service works with (DOMAIN.md: rules that differ between
 * councils are configuration per body with a sensible default). Stored as JSON in
 * `organizations.settings`; keys that are missing take the defaults below. Factions have none.
 */
export interface BodySettings {
  /** Ladungsfrist: whole days between sending the invitation and the meeting (0–60). */
  invitationPeriodDays: number
  /** shortened Ladungsfrist in urgent cases (Dringlichkeit), at most `invitationPeriodDays`. */
  urgentInvitationPeriodDays: number
  quorum: QuorumRule
  majority: MajorityRule
  /** fewest voting members that must be present for a quorum whatever the rule gives (0 = no floor). */
  minimumMembers: number
  /** meetings of the body are public by default (council and committees: yes). */
  public: boolean
  /**
   * What a tie (as many yes as no votes) means: `rejected` (KVG LSA default: a motion needs more yes
   * than no), or `chair` where the rules of procedure let the chair's vote decide (the chair's
   * roll-call choice; without a roll call the tie stays rejected).
   */
  tieBreak: TieBreakRule
  /**
   * Standard items (Regel-TOPs) every new agenda of the body starts with; absent = the typical
   * order of DOMAIN.md (`DEFAULT_STANDARD_ITEMS` in meeting-rules.ts). An empty list = none.
   */
  standardItems?: StandardItemTemplate[]
}

export const TIE_BREAK_RULES = ['rejected', 'chair'] as const
export type TieBreakRule = (typeof TIE_BREAK_RULES)[number]

/** Bounds of a standard items template (the relay refuses longer ones). */
export const MAX_STANDARD_ITEMS = 40
export const MAX_STANDARD_ITEM_TITLE = 300

export const DEFAULT_BODY_SETTINGS: Readonly<BodySettings> = Object.freeze({
  invitationPeriodDays: 7,
  urgentInvitationPeriodDays: 3,
  quorum: 'more-than-half',
  majority: 'simple',
  minimumMembers: 0,
  public: true,
  tieBreak: 'rejected',
})

export const FORMS_OF_ADDRESS = ['Frau', 'Herr'] as const

/** Roles in a membership; stored as these German words (as the demo town and OParl exports show them). */
export const MEMBERSHIP_ROLES = [
  'Mitglied',
  'Vorsitz',
  'stellv. Vorsitz',
  'Fraktionsvorsitz',
  'stellv. Fraktionsvorsitz',
  'sachkundige Einwohnerin',
  'sachkundiger Einwohner',
  'stellvertretendes Mitglied',
  'beratendes Mitglied',
] as const
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number]

/** Roles only a faction has. */
export const FACTION_ONLY_ROLES: readonly string[] = ['Fraktionsvorsitz', 'stellv. Fraktionsvorsitz']
/** Roles only a body (Gremium) has. */
export const BODY_ONLY_ROLES: readonly string[] = [
  'Vorsitz',
  'stellv. Vorsitz',
  'sachkundige Einwohnerin',
  'sachkundiger Einwohner',
  'stellvertretendes Mitglied',
  'beratendes Mitglied',
]
/** Roles without a vote unless the clerk says otherwise. */
export const ADVISORY_ROLES: readonly string[] = ['sachkundige Einwohnerin', 'sachkundiger Einwohner', 'stellvertretendes Mitglied', 'beratendes Mitglied']

/** Portraits: photographs only (no SVG with scripts, no GIF animations). */
export const PORTRAIT_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp']
/** Portrait upload limit in bytes; the relay's default (a deployment may set it lower). */
export const MAX_PORTRAIT_BYTES = 2 * 1024 * 1024

export interface LegislativeTerm {
  id: string
  /** e.g. "VIII" */
  name: string
  startDate: string
  endDate: string
}

export interface Organization {
  id: string
  name: string
  shortName: string
  organizationType: OrganizationType
  /** Stadtrat, Gemeinderat, Ausschuss, Ortschaftsrat; "Fraktion" for factions */
  classification: string
  startDate: string | null
  endDate: string | null
  /** bodies only; null for factions */
  settings: BodySettings | null
}

export interface Person {
  id: string
  /** display name, e.g. "Dr. Anna Becker" */
  name: string
  formOfAddress: string | null
  title: string | null
  givenName: string | null
  familyName: string | null
  email: string | null
  /** consent to publish the person's name details and portrait in the public portal (DSGVO) */
  publishConsent: boolean
  portraitSha256: string | null
}

/**
 * A membership as the structure administration sees it: the seat a user's `Membership` (/api/me)
 * describes, plus whose it is, the faction it belongs to and whom it stands in for.
 * `startDate` and `endDate` are ISO dates, inclusive: access ends after `endDate`.
 */
export interface StructureMembership extends Membership {
  id: string
  personId: string
  personName: string
  /** faction the seat belongs to (OParl onBehalfOf) */
  onBehalfOf: string | null
  onBehalfOfName: string | null
  /** the member this person stands in for (Vertreter/in) */
  substituteForPersonId: string | null
  substituteForName: string | null
}
