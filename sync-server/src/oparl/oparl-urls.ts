/**
 * The URLs of the OParl API (`/oparl/v1`). An object's `id` is its absolute URL, built from
 * PUBLIC_URL; the routes parse the same paths back. One definition for the routes, the serialiser,
 * the crawler and the tests.
 */
import type { PublicKind } from '../public/public-model.ts'

export const OPARL_PREFIX = '/oparl/v1'
export const OPARL_SCHEMA_BASE = 'https://schema.oparl.org/1.1/'

/** The public kinds OParl shows (the minutes have no OParl object of their own). */
export const OPARL_KINDS = ['body', 'term', 'organization', 'person', 'membership', 'location', 'meeting', 'agenda-item', 'paper', 'consultation', 'file'] as const
export type OparlKind = (typeof OPARL_KINDS)[number] & PublicKind

/** OParl type name per public kind */
export const OPARL_TYPE_NAMES: Record<OparlKind, string> = {
  body: 'Body',
  term: 'LegislativeTerm',
  organization: 'Organization',
  person: 'Person',
  membership: 'Membership',
  location: 'Location',
  meeting: 'Meeting',
  'agenda-item': 'AgendaItem',
  paper: 'Paper',
  consultation: 'Consultation',
  file: 'File',
}

/** path segment of an object's URL per kind: `/oparl/v1/<segment>/<id>` */
export const OPARL_SEGMENTS: Record<OparlKind, string> = {
  body: 'body',
  term: 'legislative-term',
  organization: 'organization',
  person: 'person',
  membership: 'membership',
  location: 'location',
  meeting: 'meeting',
  'agenda-item': 'agenda-item',
  paper: 'paper',
  consultation: 'consultation',
  file: 'file',
}

/** the external lists of a Body: OParl property -> kind listed (path segment = the kind's segment) */
export const BODY_LISTS = {
  organization: 'organization',
  person: 'person',
  meeting: 'meeting',
  paper: 'paper',
  agendaItem: 'agenda-item',
  consultation: 'consultation',
  file: 'file',
  locationList: 'location',
  legislativeTermList: 'term',
  membership: 'membership',
} as const satisfies Record<string, Exclude<OparlKind, 'body'>>

/** the external lists of an Organization */
export const ORGANIZATION_LISTS = { meeting: 'meeting', consultation: 'consultation' } as const satisfies Record<string, OparlKind>

export const kindOfSegment = (segment: string): OparlKind | undefined =>
  (Object.keys(OPARL_SEGMENTS) as OparlKind[]).find((kind) => OPARL_SEGMENTS[kind] === segment)

export const oparlType = (kind: OparlKind): string => `${OPARL_SCHEMA_BASE}${OPARL_TYPE_NAMES[kind]}`

const e = encodeURIComponent

export class OparlUrls {
  /** absolute base, e.g. https://rats.musterstadt.de/oparl/v1 */
  readonly base: string

  constructor(readonly publicUrl: string) {
    this.base = `${publicUrl.replace(/\/$/, '')}${OPARL_PREFIX}`
  }

  system(): string {
    return `${this.base}/system`
  }

  bodies(): string {
    return `${this.base}/body`
  }

  object(kind: OparlKind, id: string): string {
    return `${this.base}/${OPARL_SEGMENTS[kind]}/${e(id)}`
  }

  /** an external list of the body, e.g. /oparl/v1/body/<id>/meeting */
  bodyList(bodyId: string, kind: OparlKind): string {
    return `${this.object('body', bodyId)}/${OPARL_SEGMENTS[kind]}`
  }

  organizationList(organizationId: string, kind: OparlKind): string {
    return `${this.object('organization', organizationId)}/${OPARL_SEGMENTS[kind]}`
  }

  /** the bytes of a public file, as an attachment under its meaningful name */
  download(sha256: string): string {
    return `${this.object('file', sha256)}/download`
  }

  /** a portal path (portalPaths) as an absolute URL */
  portal(path: string): string {
    return `${this.publicUrl.replace(/\/$/, '')}${path}`
  }
}
