/**
 * Meetings end to end (Sitzungsdienst): the shapes of planning, the live meeting, minutes,
 * resolution tracking and circular decisions. Rules (quorum, majority, numbering, Ladungsfrist,
 * series, conflicts) are in meeting-rules.ts; minutes in minutes.ts; circular decisions in
 * circular.ts. See docs/MEETINGS.md for where each piece lives and who may change it.
 */
import type { FileRef, OrganizationRef } from './documents.ts'

// ---------------------------------------------------------------------------------------------
// Agenda items: what the live meeting records per item (fields on AgendaItem, all optional so that
// meetings planned before this issue stay valid)
// ---------------------------------------------------------------------------------------------

/** What happened to an item in the meeting. */
export const ITEM_STATUSES = ['behandelt', 'vertagt', 'zurückgezogen', 'verwiesen'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** Outcome of a vote (derived by `voteOutcome`, stored with the item once recorded). */
export const ITEM_RESULTS = ['angenommen', 'abgelehnt', 'zur Kenntnis genommen'] as const
export type ItemResult = (typeof ITEM_RESULTS)[number]

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const
export type VoteChoice = (typeof VOTE_CHOICES)[number]

/**
 * A vote on an item. `counts`: the clerk types yes/no/abstain; `roll-call`: per member (counts are
 * derived); `unanimous`: "einstimmig" = every present, non-recused voting member voted yes (counts
 * filled in from attendance at the time of the vote).
 */
export interface VoteRecord {
  mode: 'counts' | 'roll-call' | 'unanimous'
  yes: number
  no: number
  abstain: number
  /** roll call: personId -> choice */
  roll?: Record<string, VoteChoice>
  /** when the vote was taken (ISO) — quorum is evaluated at this moment */
  at: string
}

/** § 33 KVG LSA: the member declared a conflict of interest, left the table, is not counted. */
export interface Recusal {
  personId: string
  name: string
  reason?: string
  at: string
}

/** A statement recorded verbatim on a member's request (§ 58). */
export interface Statement {
  id: string
  personId: string
  name: string
  text: string
}

export type AgendaItemKind = 'standard' | 'paper' | 'motion' | 'other'

// ---------------------------------------------------------------------------------------------
// Meetings: roster, attendance, releases
// ---------------------------------------------------------------------------------------------

/** A seat of the body at the time the meeting was planned (snapshot; refreshed on release). */
export interface RosterEntry {
  personId: string
  name: string
  /** membership role, e.g. "Mitglied", "Vorsitz", "stellvertretendes Mitglied" */
  role: string
  votingRight: boolean
  factionName?: string
  /** a substitute: whom they stand in for */
  substituteForPersonId?: string
}

export type AttendeeKind = 'member' | 'substitute' | 'guest' | 'staff'

/** Presence of one person: several periods when they left and came back. */
export interface AttendanceEntry {
  personId: string
  name: string
  kind: AttendeeKind
  /** counts for quorum and votes (members with a vote; substitutes standing in for one) */
  votingRight: boolean
  substituteForPersonId?: string
  /** arrival / departure times (ISO); an open period (no `left`) = present now */
  periods: { arrived: string; left?: string }[]
  /** e.g. "entschuldigt" for absent members */
  note?: string
  /** expelled for gross misconduct at (loses the day's allowance) */
  expelledAt?: string
}

/** One released version of the agenda: the invitation and each Nachtrag. */
export interface AgendaRelease {
  version: number
  kind: 'invitation' | 'nachtrag'
  at: string
  byName: string
  /** invitation letter (version 1) or Nachtrag letter */
  letter?: FileRef
  /** the public agenda as released */
  agenda?: FileRef
  /** human-readable list of changes against the previous version ("neu: Ö 5 …"), public items only */
  changes: string[]
  /** Ladungsfrist shortened: the recorded reason */
  urgencyReason?: string
}

export interface LiveState {
  startedAt?: string
  /** the clerk closed the meeting; results flow into the papers from here on */
  endedAt?: string
  currentItemId?: string
  /** public part closed at */
  publicEndedAt?: string
}

/** A place meetings happen (relay table `locations`, maintained by clerks). */
export interface MeetingLocation {
  id: string
  description: string
  room?: string
  streetAddress?: string
  postalCode?: string
  locality?: string
  /** barrier-free access, hearing loop … */
  accessibility?: string
}

/** Recurrence of a meeting series (Sitzungsreihe). */
export interface SeriesRule {
  /** weekly: every `interval` weeks on the weekday of `firstStart`; monthly-nth: the same nth weekday of the month */
  frequency: 'weekly' | 'monthly-nth'
  interval: number
  /** local start of the first meeting, "2027-01-14T17:00" (Europe/Berlin) */
  firstStart: string
  /** duration in minutes */
  durationMinutes: number
  /** ISO date of the last possible meeting (inclusive) */
  until: string
  /** ISO dates to skip (holidays) */
  except?: string[]
}

export interface MeetingConflict {
  kind: 'room' | 'members'
  meetingId: string
  meetingName: string
  organizationName: string
  start: string
  end?: string
  /** room conflicts: the location; member conflicts: the people sitting in both bodies */
  detail: string
  personNames?: string[]
}

/** Per-body standard items (Regel-TOPs) inserted into every new agenda. */
/** One meeting of the office's planning calendar (GET /api/meetings/calendar), released or not. */
export interface CalendarEntry {
  id: string
  name: string
  organizationId: string
  organizationName: string
  start: string
  end: string | null
  state: string
  location: string | null
  locationId: string | null
  seriesId: string | null
  released: boolean
  agendaVersion: number
  url: string | null
  confidentialUrl: string | null
}

export interface StandardItemTemplate {
  key: string
  title: string
  public: boolean
  /** start = before the papers, end = after them (within its part) */
  position: 'start' | 'end'
}

// ---------------------------------------------------------------------------------------------
// Minutes (Niederschrift) — document type "minutes", one per part
// ---------------------------------------------------------------------------------------------

export interface MinutesSection {
  key: string
  title: string
  /** Markdown subset (rich-text.ts), Automerge text */
  text: string
}

export interface MinutesEvent {
  id: string
  kind: 'generated' | 'signed' | 'approved' | 'corrected'
  at: string
  by: string
  /** who acted; for a signature: who signed (the chair's name when the office records the chair's signature) */
  byName: string
  /** signed on somebody's behalf: the office member who recorded it */
  recordedByName?: string
  /** signed: as chair or as minute-taker */
  role?: 'chair' | 'minute-taker'
  /** approved: in which meeting / item */
  approvedIn?: { meetingId: string; meetingName: string; itemId?: string }
  /** corrected: why and which version it produced */
  reason?: string
  version?: number
}

/** A recorded earlier state of the minutes, kept when a correction is made after approval. */
export interface MinutesVersion {
  version: number
  at: string
  byName: string
  reason: string
  sections: { key: string; title: string; text: string }[]
}

export type MinutesState = 'draft' | 'signed' | 'approved'

// ---------------------------------------------------------------------------------------------
// Resolution tracking (Beschlusskontrolle) — relay tables, API /api/resolutions
// ---------------------------------------------------------------------------------------------

export const RESOLUTION_STATUSES = ['offen', 'in Arbeit', 'erledigt', 'gegenstandslos'] as const
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number]

export interface ResolutionReport {
  id: string
  at: string
  byName: string
  status: ResolutionStatus
  text: string
}

export interface ResolutionEntry {
  id: string
  source: 'meeting' | 'circular'
  organizationId: string
  organizationName: string
  meetingId: string | null
  meetingName: string | null
  /** date of the decision (ISO date) */
  decidedOn: string
  itemId: string | null
  /** e.g. "Ö 5" */
  itemNumber: string | null
  title: string
  /** wording of the resolution */
  text: string
  public: boolean
  paperId: string | null
  paperReference: string | null
  ownerDepartmentId: string | null
  ownerDepartmentName: string | null
  ownerPersonName: string | null
  dueDate: string | null
  status: ResolutionStatus
  updatedAt: string
  reports: ResolutionReport[]
}

// ---------------------------------------------------------------------------------------------
// Circular decisions (Umlaufverfahren, § 54 KVG LSA) — relay tables, API /api/circulars
// ---------------------------------------------------------------------------------------------

export const CIRCULAR_ANSWERS = ['yes', 'no', 'abstain', 'objection'] as const
export type CircularAnswer = (typeof CIRCULAR_ANSWERS)[number]

export type CircularState = 'open' | 'passed' | 'failed' | 'cancelled'

export interface CircularVoter {
  personId: string
  name: string
  answer?: CircularAnswer
  answeredAt?: string
}

export interface CircularDecision {
  id: string
  organizationId: string
  organizationName: string
  title: string
  /** the motion's wording (Beschlussvorschlag) */
  motion: string
  paperId: string | null
  paperReference: string | null
  /** answers after this moment (ISO) are refused; the result is determined then at the latest */
  deadline: string
  createdAt: string
  createdByName: string
  state: CircularState
  /** explanation of the result ("angenommen: 9 Ja, 2 Nein, 1 Enthaltung, kein Widerspruch") */
  resultText: string | null
  decidedAt: string | null
  public: boolean
  /** the clerk sees everyone's answers; a member sees the voters and only their own answer */
  voters: CircularVoter[]
  /** the signed-in member's own answer, if they are a voter */
  myAnswer?: CircularAnswer | null
  /** is the signed-in user a voter? */
  canAnswer?: boolean
}

// ---------------------------------------------------------------------------------------------
// Meeting commands (POST /api/meetings/:id/commands) — server-checked, queued offline
// ---------------------------------------------------------------------------------------------

export const MEETING_ACTIONS = ['release', 'cancel', 'generate-minutes', 'sign-minutes', 'approve-minutes', 'correct-minutes'] as const
export type MeetingAction = (typeof MEETING_ACTIONS)[number]

export interface MeetingCommand {
  /** client-chosen id; a repeated id returns the first answer (idempotent outbox delivery) */
  id: string
  action: MeetingAction
  clientAt?: string
  /** release with a shortened Ladungsfrist */
  urgencyReason?: string
  /** cancel: reason shown to members */
  reason?: string
  /** minutes commands: which part */
  part?: 'public' | 'confidential'
  /** sign-minutes */
  role?: 'chair' | 'minute-taker'
  /** approve-minutes: the meeting (and item) in which the minutes were approved */
  approvedInMeetingId?: string
  approvedInItemId?: string
  /** correct-minutes: new section texts (key -> Markdown) */
  sections?: Record<string, string>
  /**
   * The heads of the documents (documentId -> heads) as the client saw them when it queued the
   * command. The relay waits (briefly) until its copies contain them, so a command made offline
   * after offline edits acts on those edits; if they have not arrived yet it answers 503 and the
   * client retries.
   */
  heads?: Record<string, string[]>
}

export interface MeetingCommandResult {
  applied: boolean
  reason?: string
  repeated: boolean
  /** release: the version released; notifications queued */
  version?: number
  notified?: { mails: number; pushes: number }
}
