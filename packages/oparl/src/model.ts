/**
 * The normalised OParl model: one flat shape per object type, the same for OParl 1.0 and 1.1,
 * after every known quirk of real servers was repaired (normalize.ts). Embedded objects are taken
 * out of their parents and become objects of their own, linked by URL (an agenda item knows its
 * meeting, a consultation its paper), so a list crawl and an embedded copy of the same object
 * merge by URL.
 *
 * Only what Ratstisch imports is kept. Personal data the import does not need (a person's e-mail,
 * phone and address) is dropped here, at the edge.
 */

export type OParlVersion = '1.0' | '1.1'

export const OBJECT_KINDS = [
  'system',
  'body',
  'legislativeTerm',
  'organization',
  'person',
  'membership',
  'location',
  'meeting',
  'agendaItem',
  'paper',
  'consultation',
  'file',
] as const
export type ObjectKind = (typeof OBJECT_KINDS)[number]

export function isObjectKind(value: unknown): value is ObjectKind {
  return typeof value === 'string' && (OBJECT_KINDS as readonly string[]).includes(value)
}

/** Fields every normalised object has. Timestamps are ISO 8601 with offset, or null when unknown. */
export interface BaseObject {
  url: string
  kind: ObjectKind
  created: string | null
  modified: string | null
  /** a tombstone: the object was deleted on the server (no other data) */
  deleted: boolean
  /** HTML page of the object on the source system */
  web: string | null
  /** the object came embedded in another one (URL), not from a list or its own URL */
  embeddedIn: string | null
}

export interface SystemObject extends BaseObject {
  kind: 'system'
  name: string | null
  version: OParlVersion
  bodyListUrl: string | null
  website: string | null
  vendor: string | null
  product: string | null
  license: string | null
}

/** The lists a body offers (1.0 has the first four only). */
export interface BodyLists {
  organization: string | null
  person: string | null
  meeting: string | null
  paper: string | null
  legislativeTerm: string | null
  agendaItem: string | null
  consultation: string | null
  file: string | null
  location: string | null
  membership: string | null
}

export const BODY_LIST_NAMES = ['organization', 'person', 'meeting', 'paper', 'legislativeTerm', 'agendaItem', 'consultation', 'file', 'location', 'membership'] as const
export type BodyListName = (typeof BODY_LIST_NAMES)[number]

/** The object kind each body list holds. */
export const KIND_OF_LIST: Record<BodyListName, ObjectKind> = {
  organization: 'organization',
  person: 'person',
  meeting: 'meeting',
  paper: 'paper',
  legislativeTerm: 'legislativeTerm',
  agendaItem: 'agendaItem',
  consultation: 'consultation',
  file: 'file',
  location: 'location',
  membership: 'membership',
}

export interface BodyObject extends BaseObject {
  kind: 'body'
  systemUrl: string | null
  name: string | null
  shortName: string | null
  /** Amtlicher Gemeindeschlüssel, 8 digits */
  ags: string | null
  website: string | null
  license: string | null
  lists: BodyLists
  legislativeTermUrls: string[]
  locationUrl: string | null
  classification: string | null
}

export interface LegislativeTermObject extends BaseObject {
  kind: 'legislativeTerm'
  bodyUrl: string | null
  name: string | null
  startDate: string | null
  endDate: string | null
}

export interface OrganizationObject extends BaseObject {
  kind: 'organization'
  bodyUrl: string | null
  name: string | null
  shortName: string | null
  /** one of the spec's values (Gremium, Partei, Fraktion, Verwaltungsbereich, externes Gremium, Institution, Sonstiges) */
  organizationType: string | null
  classification: string | null
  startDate: string | null
  endDate: string | null
  subOrganizationOf: string | null
  locationUrl: string | null
  website: string | null
}

export interface PersonObject extends BaseObject {
  kind: 'person'
  bodyUrl: string | null
  name: string | null
  familyName: string | null
  givenName: string | null
  formOfAddress: string | null
  title: string | null
  affix: string | null
  membershipUrls: string[]
}

export interface MembershipObject extends BaseObject {
  kind: 'membership'
  personUrl: string | null
  organizationUrl: string | null
  role: string | null
  votingRight: boolean | null
  startDate: string | null
  endDate: string | null
  onBehalfOfUrl: string | null
}

export interface GeoPoint {
  /** WGS 84, [longitude, latitude] as GeoJSON wants it */
  coordinates: [number, number]
}

export interface LocationObject extends BaseObject {
  kind: 'location'
  description: string | null
  streetAddress: string | null
  room: string | null
  postalCode: string | null
  subLocality: string | null
  locality: string | null
  point: GeoPoint | null
}

export interface MeetingObject extends BaseObject {
  kind: 'meeting'
  name: string | null
  meetingState: string | null
  cancelled: boolean
  start: string | null
  end: string | null
  locationUrl: string | null
  organizationUrls: string[]
  invitationUrl: string | null
  resultsProtocolUrl: string | null
  verbatimProtocolUrl: string | null
  auxiliaryFileUrls: string[]
  /** agenda items in the order the meeting lists them */
  agendaItemUrls: string[]
}

export interface AgendaItemObject extends BaseObject {
  kind: 'agendaItem'
  meetingUrl: string | null
  number: string | null
  order: number | null
  name: string | null
  public: boolean
  consultationUrl: string | null
  result: string | null
  resolutionText: string | null
  resolutionFileUrl: string | null
  auxiliaryFileUrls: string[]
  start: string | null
  end: string | null
}

export interface PaperObject extends BaseObject {
  kind: 'paper'
  bodyUrl: string | null
  name: string | null
  reference: string | null
  date: string | null
  paperType: string | null
  mainFileUrl: string | null
  auxiliaryFileUrls: string[]
  consultationUrls: string[]
  underDirectionOfUrls: string[]
  originatorOrganizationUrls: string[]
  originatorPersonUrls: string[]
  relatedPaperUrls: string[]
}

export interface ConsultationObject extends BaseObject {
  kind: 'consultation'
  paperUrl: string | null
  agendaItemUrl: string | null
  meetingUrl: string | null
  organizationUrls: string[]
  authoritative: boolean | null
  role: string | null
}

export interface FileObject extends BaseObject {
  kind: 'file'
  name: string | null
  fileName: string | null
  mimeType: string | null
  date: string | null
  size: number | null
  sha1Checksum: string | null
  accessUrl: string | null
  downloadUrl: string | null
  license: string | null
}

export type OParlObject =
  | SystemObject
  | BodyObject
  | LegislativeTermObject
  | OrganizationObject
  | PersonObject
  | MembershipObject
  | LocationObject
  | MeetingObject
  | AgendaItemObject
  | PaperObject
  | ConsultationObject
  | FileObject

export type ObjectOfKind<K extends ObjectKind> = Extract<OParlObject, { kind: K }>

/** Properties that link an embedded object to its parent: a merge keeps them when a later copy lacks them. */
export const PARENT_LINKS: Partial<Record<ObjectKind, string>> = {
  agendaItem: 'meetingUrl',
  consultation: 'paperUrl',
  membership: 'personUrl',
  legislativeTerm: 'bodyUrl',
}

/**
 * Two copies of one object (from a list and embedded elsewhere, or from two pages): the newer
 * modification wins; on a tie a listed copy beats an embedded one. Parent links the winner lacks
 * are taken from the other copy.
 */
export function mergeObjects<T extends OParlObject>(existing: T, incoming: T): T {
  const newer = (a: string | null, b: string | null) => (a && b ? Date.parse(a) - Date.parse(b) : a ? 1 : b ? -1 : 0)
  const order = newer(incoming.modified, existing.modified)
  const incomingWins = order > 0 || (order === 0 && (incoming.embeddedIn === null || existing.embeddedIn !== null))
  const [winner, other] = incomingWins ? [incoming, existing] : [existing, incoming]
  const link = PARENT_LINKS[winner.kind]
  if (link && !(winner as unknown as Record<string, unknown>)[link] && (other as unknown as Record<string, unknown>)[link]) {
    return { ...winner, [link]: (other as unknown as Record<string, unknown>)[link] } as T
  }
  return winner as T
}
