/**
 * The public model: everything the public portal, the OParl API, the portal search and the feeds
 * may show — and nothing else. One class (Publisher, publisher.ts) decides what is public; every
 * public surface reads only from it (`PublicReader`). See docs/PORTAL.md.
 *
 * Rules (tested adversarially in publisher.test.ts and by the marker crawl in leak.test.ts):
 * - Meetings, agenda items, papers, consultations and files come only from documents whose
 *   audience in the access registry includes `public`, and only their public parts (no
 *   non-public agenda items: they live in another document; no drafts; no notes).
 * - A reader checks the source's audience again on every read (fail closed): a document that stops
 *   being public disappears at once, before the publisher has written its tombstones.
 * - Persons and their memberships appear only with the person's consent (`publish_consent`); a
 *   meeting's attendance lists person ids, resolved to names only for persons that are public.
 * - Objects carry `created`/`modified` (publication times) and stay as tombstones (`deleted`,
 *   without data) when they stop being public, so OParl clients can follow deletions.
 */
import type { ConsultationResult, ConsultationRole, ItemResult, ItemStatus, LocationInfo, MeetingState } from '@ratstisch/domain'

export const PUBLIC_KINDS = [
  'body',
  'term',
  'organization',
  'person',
  'membership',
  'location',
  'meeting',
  'agenda-item',
  'paper',
  'consultation',
  'file',
  'minutes',
] as const
export type PublicKind = (typeof PUBLIC_KINDS)[number]

/** One version of a public file as an object shows it. */
export interface PublicFileRef {
  sha256: string
  /** the name the uploader gave, e.g. "Lageplan.pdf" */
  name: string
  /** a meaningful download name, e.g. "2026-03-12 Bauausschuss - Ö 3 Bebauungsplan Nr. 42 - Lageplan.pdf" */
  fileName: string
  mime: string
  size: number
  pages: number | null
  /** paper attachments: which attachment and version */
  attachmentId?: string
  version?: number
}

export interface PublicBody {
  id: 'body'
  name: string
  shortName: string
}

export interface PublicTerm {
  id: string
  name: string
  startDate: string
  endDate: string
}

export interface PublicOrganization {
  id: string
  name: string
  shortName: string
  organizationType: 'Gremium' | 'Fraktion'
  classification: string
  startDate: string | null
  endDate: string | null
  /**
   * current members whose person did not consent to publication: counted (the portal says "sowie
   * 3 weitere Mitglieder"), never named; not part of OParl's Organization
   */
  membersWithoutConsent: number
  /** the same object on the system it was imported from (OParl `equivalent`) */
  equivalent: string[]
}

export interface PublicPerson {
  id: string
  name: string
  formOfAddress: string | null
  title: string | null
  givenName: string | null
  familyName: string | null
  /** portrait (public only with consent, like the person) */
  portraitSha256: string | null
  /** the same object on the system it was imported from (OParl `equivalent`) */
  equivalent: string[]
}

export interface PublicMembership {
  id: string
  personId: string
  organizationId: string
  role: string
  votingRight: boolean
  startDate: string | null
  endDate: string | null
  /** the faction the member sits for */
  onBehalfOfId: string | null
}

export interface PublicLocation {
  id: string
  description: string
  room: string | null
  streetAddress: string | null
  postalCode: string | null
  locality: string | null
  accessibility: string | null
}

export interface PublicAttendance {
  personId: string
  kind: 'member' | 'substitute' | 'guest' | 'staff'
}

export interface PublicMeeting {
  id: string
  name: string
  organizationId: string
  organizationName: string
  organizationShortName: string
  /** ISO 8601 with offset */
  start: string
  end: string | null
  state: MeetingState
  cancelledReason: string | null
  location: LocationInfo
  locationId: string | null
  accessibility: string | null
  /** public agenda items in agenda order */
  agendaItemIds: string[]
  invitation: PublicFileRef | null
  /** released public agendas (invitation, Nachträge), oldest first */
  agendas: Array<PublicFileRef & { releaseVersion: number; kind: 'invitation' | 'nachtrag'; at: string }>
  releasedAt: string | null
  agendaVersion: number
  /** attendance as recorded (held meetings); names come from public persons only */
  attendance: PublicAttendance[]
  /** further documents outside the agenda (imported protocols and auxiliary files) */
  files: PublicFileRef[]
  /** the same object on the system it was imported from (OParl `equivalent`) */
  equivalent: string[]
}

export interface PublicAgendaItem {
  id: string
  meetingId: string
  number: string
  order: number
  title: string
  parentId: string | null
  paperId: string | null
  paperReference: string | null
  paperName: string | null
  consultationId: string | null
  files: PublicFileRef[]
  resolutionProposal: string | null
  status: ItemStatus | null
  result: ItemResult | null
  vote: { yes: number; no: number; abstain: number; unanimous: boolean } | null
  resolutionText: string | null
  /** referred to (verwiesen) */
  referredTo: string | null
}

export interface PublicPaper {
  id: string
  reference: string
  name: string
  paperType: string
  date: string
  department: string
  summary: string
  sections: Array<{ key: string; title: string; text: string }>
  attachments: Array<{ id: string; title: string; versions: Array<PublicFileRef & { version: number; uploadedAt: string; comment: string }> }>
  consultationIds: string[]
  /** the same object on the system it was imported from (OParl `equivalent`) */
  equivalent: string[]
}

export interface PublicConsultation {
  id: string
  paperId: string
  organizationId: string
  organizationName: string
  role: ConsultationRole
  meetingId: string | null
  /** the public agenda item that handles it, when one does */
  agendaItemId: string | null
  result: ConsultationResult | null
  resultAt: string | null
  resultNote: string | null
}

/** A public file (by SHA-256) and where it is shown. */
export interface PublicFile extends PublicFileRef {
  id: string
  /** first publication date of the file (ISO date) */
  date: string
  usedBy: Array<{ kind: 'meeting' | 'agenda-item' | 'paper'; id: string }>
}

/** The approved public minutes of a meeting (id = meeting id). */
export interface PublicMinutes {
  id: string
  meetingId: string
  title: string
  approvedAt: string | null
  sections: Array<{ key: string; title: string; text: string }>
}

export interface PublicData {
  body: PublicBody
  term: PublicTerm
  organization: PublicOrganization
  person: PublicPerson
  membership: PublicMembership
  location: PublicLocation
  meeting: PublicMeeting
  'agenda-item': PublicAgendaItem
  paper: PublicPaper
  consultation: PublicConsultation
  file: PublicFile
  minutes: PublicMinutes
}

/** A published object with its publication times; a tombstone has `deleted: true` and no data. */
export interface PublicRecord<K extends PublicKind = PublicKind> {
  kind: K
  id: string
  created: string
  modified: string
  deleted: boolean
  data: PublicData[K] | null
}

export interface ListFilter {
  createdSince?: string
  createdUntil?: string
  modifiedSince?: string
  modifiedUntil?: string
  /** include tombstones (OParl lists do; portal pages do not) */
  includeDeleted?: boolean
}

/** What every public surface reads. Objects are frozen; never mutate them. */
export interface PublicReader {
  /** bumps on every change of the public model (page caches and ETags key on it) */
  readonly generation: number
  /** when the public model last changed (ISO) */
  readonly lastModified: string
  get<K extends PublicKind>(kind: K, id: string): PublicData[K] | undefined
  /** the record including tombstones (OParl answers a deleted object with its tombstone) */
  record<K extends PublicKind>(kind: K, id: string): PublicRecord<K> | undefined
  /** live objects of a kind, in a stable order (by id) */
  all<K extends PublicKind>(kind: K): PublicData[K][]
  /** records for lists with OParl's date filters, sorted by (modified, id) */
  list<K extends PublicKind>(kind: K, filter?: ListFilter): PublicRecord<K>[]
  onChange(listener: () => void): () => void
}
