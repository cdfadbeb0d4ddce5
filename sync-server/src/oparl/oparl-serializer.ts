/**
 * Public model -> OParl 1.1 objects. Reads only the PublicReader (every read checks that the source
 * is still public) and renders an object the same way wherever it appears, on its own URL, in a
 * list or embedded in another object, so a client never sees two versions of one id.
 *
 * Rules beyond the schema:
 * - a reference (URL) is given only to an object that is public right now; persons without
 *   consent are never in the model, so they are never referenced (Meeting.participant …);
 * - an object that stopped being public answers as a tombstone: id, type, created, modified and
 *   `deleted: true`, nothing else;
 * - null values are left out (the schemas allow absent properties, not nulls);
 * - `modified` is the effective time from OparlIndex (changes with embedded objects).
 */
import type { ItemResult, ItemStatus, MeetingState } from '@ratstisch/domain'
import type { PublicAgendaItem, PublicData, PublicFile, PublicReader, PublicRecord } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import type { OparlIndex } from './oparl-index.ts'
import { BODY_LISTS, OPARL_SCHEMA_BASE, ORGANIZATION_LISTS, oparlType, type OparlKind, type OparlUrls } from './oparl-urls.ts'

export type OparlObject = Record<string, unknown>

/** Where Ratstisch comes from (System.vendor/product): a placeholder until the project has a public home. */
export const RATSTISCH_HOMEPAGE = 'https://github.com/ratstisch/ratstisch'

export interface SerializerOptions {
  /** licence URL of the published data (System.license, Body.license, File.fileLicense); null: not stated */
  license: string | null
  /** SHA-512 of a file's bytes when known */
  checksum: (sha256: string) => string | undefined
}

const MEETING_STATES: Record<MeetingState, string> = {
  planned: 'terminiert',
  invited: 'eingeladen',
  running: 'findet statt',
  held: 'durchgeführt',
  cancelled: 'abgesagt',
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const date = (value: string | null | undefined) => (value && ISO_DATE.test(value) ? value : undefined)
const dateTime = (value: string | null | undefined) => (value && ISO_DATE_TIME.test(value) ? value : undefined)
const text = (value: string | null | undefined) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** the object without null/undefined properties */
function compact(object: Record<string, unknown>): OparlObject {
  const out: OparlObject = {}
  for (const [key, value] of Object.entries(object)) if (value !== undefined && value !== null) out[key] = value
  return out
}

const defined = <T>(values: Array<T | undefined>): T[] => values.filter((v): v is T => v !== undefined)

/** OParl `equivalent`: the object's URLs on the system it was imported from (absent when none) */
const equivalent = (urls: readonly string[] | undefined): string[] | undefined => (urls?.length ? [...urls] : undefined)

/** What the agenda item's result reads like in OParl (free text; German, as in the minutes). */
export function itemResultText(item: Pick<PublicAgendaItem, 'status' | 'result' | 'vote' | 'referredTo'>): string | undefined {
  const status: ItemStatus | null = item.status
  if (status === 'vertagt') return 'vertagt'
  if (status === 'zurückgezogen') return 'zurückgezogen'
  if (status === 'verwiesen') return item.referredTo ? `verwiesen an ${item.referredTo}` : 'verwiesen'
  const result: ItemResult | null = item.result
  if (!result) return undefined
  if (result === 'zur Kenntnis genommen' || !item.vote) return result
  if (item.vote.unanimous) return `einstimmig ${result}`
  return `${result} (${item.vote.yes} Ja, ${item.vote.no} Nein, ${item.vote.abstain} ${item.vote.abstain === 1 ? 'Enthaltung' : 'Enthaltungen'})`
}

/** a file's display name without its extension ("Anlage 1 Lageplan") */
const fileTitle = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || name

/**
 * Removes embedded objects (omit_internal): every property holding an OParl object or an array of
 * them, except those the schema requires (Body.legislativeTerm).
 */
export function omitInternal(object: OparlObject): OparlObject {
  const isEmbedded = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && String((v as OparlObject).type ?? '').startsWith(OPARL_SCHEMA_BASE)
  const out: OparlObject = {}
  for (const [key, value] of Object.entries(object)) {
    const embedded = isEmbedded(value) || (Array.isArray(value) && value.length > 0 && value.every(isEmbedded))
    if (embedded && !(key === 'legislativeTerm' && object.type === oparlType('body'))) continue
    out[key] = value
  }
  return out
}

export class OparlSerializer {
  constructor(
    private readonly reader: PublicReader,
    private readonly index: OparlIndex,
    private readonly urls: OparlUrls,
    private readonly options: SerializerOptions,
  ) {}

  /** the body of this installation (one town) */
  bodyId(): string | undefined {
    return this.reader.all('body')[0]?.id
  }

  system(): OparlObject {
    const bodyId = this.bodyId()
    const body = bodyId ? this.reader.record('body', bodyId) : undefined
    const name = bodyId ? this.reader.get('body', bodyId)?.name : undefined
    return compact({
      id: this.urls.system(),
      type: `${OPARL_SCHEMA_BASE}System`,
      oparlVersion: OPARL_SCHEMA_BASE,
      otherOparlVersions: [],
      license: this.options.license,
      body: this.urls.bodies(),
      name: name ? `Ratsinformationssystem ${name}` : 'Ratsinformationssystem',
      website: this.urls.portal(portalPaths.home()),
      vendor: RATSTISCH_HOMEPAGE,
      product: RATSTISCH_HOMEPAGE,
      created: body?.created ?? this.reader.lastModified,
      modified: body?.modified ?? this.reader.lastModified,
      web: this.urls.portal(portalPaths.home()),
    })
  }

  /** The object at its own URL: the full object, its tombstone, or undefined (never public). */
  object(kind: OparlKind, id: string): OparlObject | undefined {
    const record = this.reader.record(kind, id)
    if (!record) return undefined
    const data = record.deleted ? undefined : this.reader.get(kind, id)
    if (!data) return this.tombstone(kind, record)
    return this.render(kind, data, record)
  }

  private tombstone(kind: OparlKind, record: PublicRecord): OparlObject {
    return { id: this.urls.object(kind, record.id), type: oparlType(kind), created: record.created, modified: record.modified, deleted: true }
  }

  private times(kind: OparlKind, record: PublicRecord) {
    return { created: record.created, modified: this.index.modified(kind, record.id) ?? record.modified }
  }

  /** a live object of a kind rendered for embedding; undefined when not public */
  private embedded(kind: OparlKind, id: string): OparlObject | undefined {
    const data = this.reader.get(kind, id)
    const record = data ? this.reader.record(kind, id) : undefined
    return data && record && !record.deleted ? this.render(kind, data, record) : undefined
  }

  /** the URL of an object that is public right now */
  private ref(kind: OparlKind, id: string | null | undefined): string | undefined {
    return id && this.reader.get(kind, id) !== undefined ? this.urls.object(kind, id) : undefined
  }

  private render(kind: OparlKind, data: PublicData[OparlKind], record: PublicRecord): OparlObject {
    switch (kind) {
      case 'body':
        return this.body(data as PublicData['body'], record)
      case 'term':
        return this.term(data as PublicData['term'], record)
      case 'organization':
        return this.organization(data as PublicData['organization'], record)
      case 'person':
        return this.person(data as PublicData['person'], record)
      case 'membership':
        return this.membership(data as PublicData['membership'], record)
      case 'location':
        return this.location(data as PublicData['location'], record)
      case 'meeting':
        return this.meeting(data as PublicData['meeting'], record)
      case 'agenda-item':
        return this.agendaItem(data as PublicData['agenda-item'], record)
      case 'paper':
        return this.paper(data as PublicData['paper'], record)
      case 'consultation':
        return this.consultation(data as PublicData['consultation'], record)
      case 'file':
        return this.file(data as PublicData['file'], record)
    }
  }

  private body(b: PublicData['body'], record: PublicRecord): OparlObject {
    const lists: Record<string, string> = {}
    for (const [property, kind] of Object.entries(BODY_LISTS)) lists[property] = this.urls.bodyList(b.id, kind)
    return compact({
      id: this.urls.object('body', b.id),
      type: oparlType('body'),
      system: this.urls.system(),
      shortName: text(b.shortName),
      name: b.name,
      license: this.options.license,
      organization: lists.organization,
      person: lists.person,
      meeting: lists.meeting,
      paper: lists.paper,
      legislativeTerm: defined(this.reader.all('term').map((t) => this.embedded('term', t.id))),
      agendaItem: lists.agendaItem,
      consultation: lists.consultation,
      file: lists.file,
      locationList: lists.locationList,
      legislativeTermList: lists.legislativeTermList,
      membership: lists.membership,
      web: this.urls.portal(portalPaths.home()),
      ...this.times('body', record),
    })
  }

  private term(t: PublicData['term'], record: PublicRecord): OparlObject {
    return compact({
      id: this.urls.object('term', t.id),
      type: oparlType('term'),
      body: this.ref('body', this.bodyId()),
      name: text(t.name),
      startDate: date(t.startDate),
      endDate: date(t.endDate),
      ...this.times('term', record),
    })
  }

  private organization(o: PublicData['organization'], record: PublicRecord): OparlObject {
    const memberships = this.index.membershipsOfOrganization(o.id).filter((id) => {
      const m = this.reader.get('membership', id)
      return m !== undefined && this.reader.get('person', m.personId) !== undefined
    })
    return compact({
      id: this.urls.object('organization', o.id),
      type: oparlType('organization'),
      body: this.ref('body', this.bodyId()),
      name: o.name,
      membership: memberships.map((id) => this.urls.object('membership', id)),
      meeting: this.urls.organizationList(o.id, ORGANIZATION_LISTS.meeting),
      consultation: this.urls.organizationList(o.id, ORGANIZATION_LISTS.consultation),
      shortName: text(o.shortName),
      organizationType: o.organizationType,
      classification: text(o.classification),
      startDate: date(o.startDate),
      endDate: date(o.endDate),
      web: this.urls.portal(portalPaths.organization(o.id)),
      equivalent: equivalent(o.equivalent),
      ...this.times('organization', record),
    })
  }

  private person(p: PublicData['person'], record: PublicRecord): OparlObject {
    return compact({
      id: this.urls.object('person', p.id),
      type: oparlType('person'),
      body: this.ref('body', this.bodyId()),
      name: p.name,
      familyName: text(p.familyName),
      givenName: text(p.givenName),
      formOfAddress: text(p.formOfAddress),
      title: text(p.title) ? p.title!.trim().split(/\s+/) : undefined,
      membership: defined(this.index.membershipsOfPerson(p.id).map((id) => this.embedded('membership', id))),
      web: this.urls.portal(portalPaths.person(p.id)),
      equivalent: equivalent(p.equivalent),
      ...this.times('person', record),
    })
  }

  private membership(m: PublicData['membership'], record: PublicRecord): OparlObject {
    return compact({
      id: this.urls.object('membership', m.id),
      type: oparlType('membership'),
      person: this.ref('person', m.personId),
      organization: this.ref('organization', m.organizationId),
      role: text(m.role),
      votingRight: m.votingRight,
      startDate: date(m.startDate),
      endDate: date(m.endDate),
      onBehalfOf: this.ref('organization', m.onBehalfOfId),
      ...this.times('membership', record),
    })
  }

  private location(l: PublicData['location'], record: PublicRecord): OparlObject {
    return compact({
      id: this.urls.object('location', l.id),
      type: oparlType('location'),
      description: text(l.description),
      streetAddress: text(l.streetAddress),
      room: text(l.room),
      postalCode: text(l.postalCode),
      locality: text(l.locality),
      ...this.times('location', record),
    })
  }

  private meeting(m: PublicData['meeting'], record: PublicRecord): OparlObject {
    const participants = [...new Set(m.attendance.map((a) => a.personId))].sort()
    return compact({
      id: this.urls.object('meeting', m.id),
      type: oparlType('meeting'),
      name: m.name,
      meetingState: MEETING_STATES[m.state],
      cancelled: m.state === 'cancelled',
      start: dateTime(m.start),
      end: dateTime(m.end),
      location: m.locationId ? this.embedded('location', m.locationId) : undefined,
      organization: defined([this.ref('organization', m.organizationId)]),
      participant: defined(participants.map((id) => this.ref('person', id))),
      invitation: m.invitation ? this.embedded('file', m.invitation.sha256) : undefined,
      auxiliaryFile: defined([...new Set([...m.agendas, ...(m.files ?? [])].map((a) => a.sha256))].map((sha) => this.embedded('file', sha))),
      agendaItem: defined(m.agendaItemIds.map((id) => this.embedded('agenda-item', id))),
      web: this.urls.portal(portalPaths.meeting(m.id)),
      equivalent: equivalent(m.equivalent),
      ...this.times('meeting', record),
    })
  }

  private agendaItem(i: PublicData['agenda-item'], record: PublicRecord): OparlObject {
    // OParl's `order` is the position in the meeting (an integer); the model's order may be fractional
    const position = this.reader.get('meeting', i.meetingId)?.agendaItemIds.indexOf(i.id) ?? -1
    return compact({
      id: this.urls.object('agenda-item', i.id),
      type: oparlType('agenda-item'),
      meeting: this.ref('meeting', i.meetingId),
      number: text(i.number),
      order: position >= 0 ? position + 1 : Math.round(i.order),
      name: i.title,
      public: true,
      consultation: this.ref('consultation', i.consultationId),
      result: itemResultText(i),
      resolutionText: text(i.resolutionText),
      auxiliaryFile: defined([...new Set(i.files.map((f) => f.sha256))].map((sha) => this.embedded('file', sha))),
      web: this.urls.portal(portalPaths.agendaItem(i.meetingId, i.id)),
      ...this.times('agenda-item', record),
    })
  }

  private paper(p: PublicData['paper'], record: PublicRecord): OparlObject {
    // the current version of each attachment; older versions stay public Files of their own
    const current = p.attachments.map((a) => a.versions.at(-1)?.sha256).filter((sha): sha is string => sha !== undefined)
    return compact({
      id: this.urls.object('paper', p.id),
      type: oparlType('paper'),
      body: this.ref('body', this.bodyId()),
      name: p.name,
      reference: text(p.reference),
      date: date(p.date),
      paperType: text(p.paperType),
      auxiliaryFile: defined([...new Set(current)].map((sha) => this.embedded('file', sha))),
      consultation: defined(p.consultationIds.map((id) => this.embedded('consultation', id))),
      web: this.urls.portal(portalPaths.paper(p.id)),
      equivalent: equivalent(p.equivalent),
      ...this.times('paper', record),
    })
  }

  private consultation(c: PublicData['consultation'], record: PublicRecord): OparlObject {
    return compact({
      id: this.urls.object('consultation', c.id),
      type: oparlType('consultation'),
      paper: this.ref('paper', c.paperId),
      agendaItem: this.ref('agenda-item', c.agendaItemId),
      meeting: this.ref('meeting', c.meetingId),
      organization: defined([this.ref('organization', c.organizationId)]),
      authoritative: c.role === 'Entscheidung',
      role: c.role,
      ...this.times('consultation', record),
    })
  }

  private file(f: PublicFile, record: PublicRecord): OparlObject {
    const users = (kind: 'meeting' | 'agenda-item' | 'paper') => defined(f.usedBy.filter((u) => u.kind === kind).map((u) => this.ref(kind, u.id)))
    return compact({
      id: this.urls.object('file', f.id),
      type: oparlType('file'),
      name: fileTitle(f.name),
      fileName: f.fileName,
      mimeType: f.mime,
      date: date(f.date),
      size: Number.isInteger(f.size) ? f.size : undefined,
      sha512Checksum: this.options.checksum(f.sha256),
      accessUrl: this.urls.portal(portalPaths.file(f.sha256, f.fileName)),
      downloadUrl: this.urls.download(f.sha256),
      fileLicense: this.options.license,
      meeting: users('meeting'),
      agendaItem: users('agenda-item'),
      paper: users('paper'),
      ...this.times('file', record),
    })
  }
}
