/**
 * Shapes of the Automerge documents Ratstisch syncs, plus runtime guards.
 *
 * Rule from ARCHITECTURE.md: everything inside one document has one audience. A meeting
 * therefore lives in two documents: the public part (`meeting`) and the non-public part
 * (`meeting-confidential`), each with its own audience in the relay's access registry.
 */
import type { Annotation, FactionNotesDoc, PrivateUpload } from './annotations.ts'
import type { Attachment, Consultation, PaperRecipient, PaperSection } from './papers.ts'
import type { WorkflowEvent } from './paper-workflow.ts'
import type {
  AgendaItemKind,
  AgendaRelease,
  AttendanceEntry,
  ItemResult,
  ItemStatus,
  LiveState,
  MinutesEvent,
  MinutesSection,
  MinutesVersion,
  Recusal,
  RosterEntry,
  Statement,
  VoteRecord,
} from './meetings.ts'

/** One version of a file (PDF, image) stored as a content-addressed blob on the relay. */
export interface FileRef {
  sha256: string
  /** Human-readable file name shown in the UI, without path. */
  name: string
  mime: string
  size: number
  pages?: number
  /** on agenda items: the paper attachment this file is a version of, and which version */
  attachmentId?: string
  version?: number
}

/** Summary of a paper (Vorlage) as presented on an agenda item. */
export interface PaperSummary {
  /** automerge URL of the paper document */
  url: string
  id: string
  /** e.g. "BV 160 (VIII/2024-2029)" */
  reference: string
  name: string
  /** e.g. "Beschlussvorlage" */
  paperType: string
}

export interface AgendaItem {
  id: string
  /** Display number, e.g. "Ö 3", "Ö 3.1", "N 1" */
  number: string
  order: number
  title: string
  public: boolean
  paper?: PaperSummary
  /** Documents presented with this item (snapshot of the paper's files at invitation time). */
  files: FileRef[]
  /** Proposed resolution (Beschlussvorschlag), if any. */
  resolutionProposal?: string
  /** sub-item of (one level: "Ö 3.1") */
  parentId?: string
  kind?: AgendaItemKind
  /** standard item template key (opening, quorum …) */
  standardKey?: string
  /** the paper's consultation this item handles */
  consultationId?: string
  // --- recorded in the live meeting (clerk) ---
  status?: ItemStatus
  /** verwiesen: to which body */
  referredTo?: OrganizationRef
  recusals?: Recusal[]
  vote?: VoteRecord
  result?: ItemResult
  /** wording of the resolution, edited from the Beschlussvorschlag (Markdown subset) */
  resolutionText?: string
  statements?: Statement[]
  /** short record of the discussion for the minutes */
  minutesNote?: string
}

export interface OrganizationRef {
  id: string
  name: string
  shortName: string
}

export interface LocationInfo {
  description: string
  room?: string
  streetAddress?: string
  postalCode?: string
  locality?: string
}

export type MeetingState = 'planned' | 'invited' | 'running' | 'held' | 'cancelled'

/**
 * Where an imported document came from (the OParl import): the source system and the object's
 * URL there, re-exported by the OParl API as `equivalent`.
 */
export interface ImportSource {
  /** the OParl System URL */
  system: string
  /** the object's URL on that system */
  url: string
  /** the source's own type name where Ratstisch mapped it to one of its types (e.g. "Tischvorlage") */
  type?: string
}

/** Public part of a meeting. Audience: everyone (portal) once released. */
export interface MeetingDoc {
  type: 'meeting'
  id: string
  organization: OrganizationRef
  name: string
  /** ISO 8601 with offset, e.g. 2026-03-12T17:00:00+01:00 */
  start: string
  end?: string
  location: LocationInfo
  state: MeetingState
  agendaItems: AgendaItem[]
  invitation?: FileRef
  locationId?: string
  /** accessibility of the place (step-free access, hearing loop …) */
  accessibility?: string
  seriesId?: string
  /** planned day the invitation goes out (ISO date) */
  invitationDate?: string
  /** members of the body (snapshot, refreshed on release) */
  roster?: RosterEntry[]
  chair?: { personId: string; name: string }
  minuteTaker?: string
  attendance?: AttendanceEntry[]
  live?: LiveState
  /** every released version of the agenda (invitation, Nachträge) */
  releases?: AgendaRelease[]
  cancelledReason?: string
  /** further documents of the meeting outside the agenda (imported protocols and auxiliary files) */
  files?: FileRef[]
  /** imported from another system (OParl) */
  source?: ImportSource
}

/** Non-public part of a meeting. Audience: members of the body, clerks. */
export interface MeetingConfidentialDoc {
  type: 'meeting-confidential'
  meetingId: string
  agendaItems: AgendaItem[]
  /** the non-public agenda as released (PDF), per version */
  releases?: { version: number; agenda: FileRef }[]
}

export type PaperType =
  | 'Beschlussvorlage'
  | 'Informationsvorlage'
  | 'Antrag'
  | 'Anfrage'
  | 'Mitteilung'

/**
 * A paper (Vorlage). Audience while drafting: the owning department (+ departments it is shared
 * with or asked to co-sign) and the office; after release: the consultation bodies; public once on
 * a released public agenda. Workflow steps are `events`, appended only by the relay (commands).
 */
export interface PaperDoc {
  type: 'paper'
  id: string
  /** "BV 160 (VIII/2024-2029)"; empty until the relay assigns the number at release */
  reference: string
  number?: number
  termId?: string
  name: string
  paperType: PaperType
  /** ISO date, e.g. 2026-03-01 */
  date: string
  public: boolean
  /** owning department: id and display name */
  departmentId: string
  department: string
  /** short abstract for lists and agendas */
  summary: string
  workflowId: string
  createdBy: string
  createdAt: string
  sections: PaperSection[]
  attachments: Attachment[]
  consultations: Consultation[]
  /** departments that may see and edit the draft besides the owner */
  sharedWith: PaperRecipient[]
  events: WorkflowEvent[]
  /** imported from another system (OParl) */
  source?: ImportSource
}

/** A member's personal notes on the agenda items of one meeting. Audience: the owner only. */
export interface NotesDoc {
  type: 'notes'
  owner: string
  meetingId: string
  /** agenda item id -> note text */
  notes: Record<string, string>
  /** private annotations on the meeting's files, by id */
  annotations?: Record<string, Annotation>
  /** documents the member uploaded into the meeting for themself */
  uploads?: PrivateUpload[]
}

/**
 * Minutes (Niederschrift) of one part of a meeting. Audience: the public part is read by the body
 * and the office until approved, then by everyone; the non-public part by the body and the office.
 * `events` and `versions` are written by the relay only (commands); sections are editable by the
 * office while the minutes are a draft (no signature yet).
 */
export interface MinutesDoc {
  type: 'minutes'
  meetingId: string
  part: 'public' | 'confidential'
  /** "Niederschrift über die öffentliche Sitzung des Bauausschusses am 12.03.2026" */
  title: string
  sections: MinutesSection[]
  events: MinutesEvent[]
  versions: MinutesVersion[]
}

export type RatstischDoc = MeetingDoc | MeetingConfidentialDoc | PaperDoc | NotesDoc | MinutesDoc | FactionNotesDoc
export type DocType = RatstischDoc['type']
export const DOC_TYPES: readonly DocType[] = ['meeting', 'meeting-confidential', 'paper', 'notes', 'minutes', 'faction-notes']

export function isDocType(value: unknown): value is DocType {
  return typeof value === 'string' && (DOC_TYPES as readonly string[]).includes(value)
}

/** All file versions a document refers to; used to decide who may download a blob. */
export function fileRefsOf(doc: Partial<RatstischDoc> | undefined): FileRef[] {
  if (!doc || typeof doc !== 'object') return []
  const refs: FileRef[] = []
  const push = (f: unknown) => {
    if (f && typeof f === 'object' && typeof (f as FileRef).sha256 === 'string') refs.push(f as FileRef)
  }
  switch (doc.type) {
    case 'meeting':
      push((doc as MeetingDoc).invitation)
      // the released letters and agendas (invitation, Nachträge)
      for (const r of (doc as MeetingDoc).releases ?? []) {
        push(r?.letter)
        push(r?.agenda)
      }
      for (const f of (doc as MeetingDoc).files ?? []) push(f)
      for (const item of (doc as MeetingDoc).agendaItems ?? []) for (const f of item.files ?? []) push(f)
      break
    case 'meeting-confidential':
      for (const r of (doc as MeetingConfidentialDoc).releases ?? []) push(r?.agenda)
      for (const item of (doc as MeetingConfidentialDoc).agendaItems ?? []) for (const f of item.files ?? []) push(f)
      break
    case 'paper':
      for (const a of (doc as PaperDoc).attachments ?? []) for (const v of a.versions ?? []) push(v)
      break
    case 'notes':
      for (const u of (doc as NotesDoc).uploads ?? []) push(u)
      break
    default:
      break
  }
  return refs
}

/** One line for a meeting place; skips parts the description already names ("Rathaus, Raum 2.14"). */
export function formatLocation(l: LocationInfo | undefined): string {
  if (!l) return ''
  const place = [l.postalCode, l.locality].filter(Boolean).join(' ')
  const parts: string[] = []
  for (const part of [l.description, l.room, l.streetAddress, place]) if (part && !parts.some((p) => p.includes(part))) parts.push(part)
  return parts.join(', ')
}
