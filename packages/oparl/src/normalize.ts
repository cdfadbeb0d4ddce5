/**
 * OParl 1.0 and 1.1 objects as real servers send them -> the normalised model (model.ts).
 * Runtime validation happens here, where foreign data enters: every property is read through a
 * typed reader that repairs what it can (and reports it) and ignores what it cannot use.
 *
 * Embedded objects (a meeting's agenda items, a paper's consultations and files, a person's
 * memberships, a body's legislative terms and locations) come back as objects of their own,
 * after their parent, with the link to the parent set.
 */
import {
  OBJECT_KINDS,
  type AgendaItemObject,
  type BaseObject,
  type BodyObject,
  type ConsultationObject,
  type FileObject,
  type GeoPoint,
  type LegislativeTermObject,
  type LocationObject,
  type MeetingObject,
  type MembershipObject,
  type ObjectKind,
  type OParlObject,
  type OParlVersion,
  type OrganizationObject,
  type PaperObject,
  type PersonObject,
  type SystemObject,
} from './model.ts'
import type { QuirkCode, ReportEntry, ReportOutcome } from './import-report.ts'

export interface NormalizeContext {
  version: OParlVersion
  /** the kind the list or property holds: used when `type` is missing (tombstones) */
  expectedKind?: ObjectKind
  /** set for embedded objects */
  parent?: { url: string; kind: ObjectKind; created: string | null; modified: string | null }
  report: (entry: ReportEntry) => void
}

/** The properties of each type in OParl 1.0 and 1.1 together; anything else is reported and ignored. */
const SPEC_PROPERTIES: Record<ObjectKind, ReadonlySet<string>> = {
  system: new Set(['id', 'type', 'oparlVersion', 'otherOparlVersions', 'license', 'body', 'name', 'contactEmail', 'contactName', 'website', 'vendor', 'product', 'created', 'modified', 'web', 'deleted']),
  body: new Set([
    'id', 'type', 'system', 'shortName', 'name', 'website', 'license', 'licenseValidSince', 'oparlSince', 'ags', 'rgs', 'equivalent', 'contactEmail', 'contactName',
    'organization', 'person', 'meeting', 'paper', 'legislativeTerm', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership',
    'classification', 'location', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  legislativeTerm: new Set(['id', 'type', 'body', 'name', 'startDate', 'endDate', 'license', 'keyword', 'created', 'modified', 'web', 'deleted']),
  organization: new Set([
    'id', 'type', 'body', 'name', 'membership', 'meeting', 'consultation', 'shortName', 'post', 'subOrganizationOf', 'organizationType', 'classification',
    'startDate', 'endDate', 'website', 'location', 'externalBody', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  person: new Set([
    'id', 'type', 'body', 'name', 'familyName', 'givenName', 'formOfAddress', 'affix', 'title', 'gender', 'phone', 'email', 'location', 'locationObject',
    'status', 'membership', 'life', 'lifeSource', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  membership: new Set(['id', 'type', 'person', 'organization', 'role', 'votingRight', 'startDate', 'endDate', 'onBehalfOf', 'license', 'keyword', 'created', 'modified', 'web', 'deleted']),
  location: new Set([
    'id', 'type', 'description', 'geojson', 'streetAddress', 'room', 'postalCode', 'subLocality', 'locality', 'bodies', 'organizations', 'persons', 'meetings',
    'papers', 'organization', 'meeting', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  meeting: new Set([
    'id', 'type', 'name', 'meetingState', 'cancelled', 'start', 'end', 'location', 'organization', 'participant', 'invitation', 'resultsProtocol',
    'verbatimProtocol', 'auxiliaryFile', 'agendaItem', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  agendaItem: new Set([
    'id', 'type', 'meeting', 'number', 'order', 'name', 'public', 'consultation', 'result', 'resolutionText', 'resolutionFile', 'auxiliaryFile', 'start', 'end',
    'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  paper: new Set([
    'id', 'type', 'body', 'name', 'reference', 'date', 'paperType', 'relatedPaper', 'superordinatedPaper', 'subordinatedPaper', 'mainFile', 'auxiliaryFile',
    'location', 'originatorPerson', 'underDirectionOf', 'originatorOrganization', 'consultation', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
  consultation: new Set(['id', 'type', 'paper', 'agendaItem', 'meeting', 'organization', 'authoritative', 'role', 'license', 'keyword', 'created', 'modified', 'web', 'deleted']),
  file: new Set([
    'id', 'type', 'name', 'fileName', 'mimeType', 'date', 'size', 'sha1Checksum', 'sha512Checksum', 'text', 'accessUrl', 'downloadUrl', 'externalServiceUrl',
    'masterFile', 'derivativeFile', 'fileLicense', 'meeting', 'agendaItem', 'paper', 'license', 'keyword', 'created', 'modified', 'web', 'deleted',
  ]),
}

/** The spec's organization types; others (SD.NET's "Dienststellen") are mapped. */
export const ORGANIZATION_TYPES = ['Gremium', 'Partei', 'Fraktion', 'Verwaltungsbereich', 'externes Gremium', 'Institution', 'Sonstiges'] as const

/** "https://schema.oparl.org/1.0/AgendaItem" -> agendaItem */
export function kindOfType(type: unknown): ObjectKind | null {
  if (typeof type !== 'string') return null
  const m = /schema\.oparl\.org\/1\.[01]\/([A-Za-z]+)\/?$/.exec(type.trim())
  if (!m) return null
  const kind = m[1].charAt(0).toLowerCase() + m[1].slice(1)
  return (OBJECT_KINDS as readonly string[]).includes(kind) ? (kind as ObjectKind) : null
}

/** "https://schema.oparl.org/1.1/" (or a type URL) -> 1.1; anything unreadable -> null */
export function versionOf(value: unknown): OParlVersion | null {
  if (typeof value !== 'string') return null
  const m = /schema\.oparl\.org\/(1\.[01])\b/.exec(value)
  return m ? (m[1] as OParlVersion) : null
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value)
    return u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
}

type Raw = Record<string, unknown>
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/
const TRIM = /^[\s\u00a0\u2007\u202f\ufeff]+|[\s\u00a0\u2007\u202f\ufeff]+$/g

/** Offset of Europe/Berlin at a local wall-clock time ("+01:00" or "+02:00"). */
export function berlinOffset(y: number, mo: number, d: number, h: number, mi: number): string {
  const guess = Date.UTC(y, mo - 1, d, h, mi)
  for (const offset of [1, 2]) {
    const utc = new Date(guess - offset * 3_600_000)
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(utc)
      .reduce<Record<string, string>>((acc, p) => ((acc[p.type] = p.value), acc), {})
    if (Number(local.hour) % 24 === h && Number(local.minute) === mi && Number(local.day) === d) return `+0${offset}:00`
  }
  return '+01:00'
}

/** Reads one raw object's properties, repairing and reporting as it goes. */
class Reader {
  private readonly reported = new Set<string>()

  constructor(
    readonly raw: Raw,
    readonly url: string,
    private readonly ctx: NormalizeContext,
  ) {}

  note(outcome: ReportOutcome, code: QuirkCode, message: string, url = this.url): void {
    const key = `${outcome}|${code}|${url}`
    if (this.reported.has(key)) return
    this.reported.add(key)
    this.ctx.report({ outcome, code, url, message })
  }

  /** A text value: trimmed; "", "N/A" count as absent. */
  str(key: string): string | null {
    const v = this.raw[key]
    if (v === undefined || v === null) return null
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    if (typeof v !== 'string') {
      this.note('skipped', 'invalid-value', `${key}: expected text, got ${Array.isArray(v) ? 'a list' : typeof v}`)
      return null
    }
    const trimmed = v.replace(TRIM, '')
    if (trimmed !== v && trimmed) this.note('repaired', 'whitespace-trimmed', `${key}: ${JSON.stringify(v.slice(-12))} trimmed`)
    if (!trimmed) {
      this.note('repaired', 'empty-string', `${key}: "" treated as absent`)
      return null
    }
    if (/^(n\/a|n\.a\.|null|undefined)$/i.test(trimmed)) {
      this.note('repaired', 'not-available-placeholder', `${key}: ${JSON.stringify(trimmed)} treated as absent`)
      return null
    }
    return trimmed
  }

  url_(key: string, value: unknown = this.raw[key]): string | null {
    if (value === undefined || value === null) return null
    if (typeof value !== 'string') {
      this.note('skipped', 'invalid-value', `${key}: expected a URL`)
      return null
    }
    const v = value.trim()
    if (!v) {
      this.note('repaired', key === 'equivalent' ? 'equivalent-empty' : 'empty-string', `${key}: "" dropped`)
      return null
    }
    if (/^n\/a$/i.test(v)) {
      this.note('repaired', 'not-available-placeholder', `${key}: "N/A" treated as absent`)
      return null
    }
    if (!isHttpUrl(v)) {
      this.note('skipped', 'invalid-value', `${key}: ${JSON.stringify(v.slice(0, 80))} is not a URL`)
      return null
    }
    return v
  }

  bool(key: string): boolean | null {
    const v = this.raw[key]
    if (v === undefined || v === null) return null
    if (typeof v === 'boolean') return v
    if (v === 'true' || v === 1) return true
    if (v === 'false' || v === 0) return false
    this.note('skipped', 'invalid-value', `${key}: expected true/false`)
    return null
  }

  int(key: string): number | null {
    const v = this.raw[key]
    if (v === undefined || v === null || v === '') return null
    const n = typeof v === 'string' ? Number(v) : v
    if (typeof n === 'number' && Number.isInteger(n)) return n
    this.note('skipped', 'invalid-value', `${key}: expected an integer`)
    return null
  }

  date(key: string): string | null {
    const v = this.str(key)
    if (!v) return null
    if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`))) return v
    const dt = ISO_DATETIME.exec(v)
    if (dt) {
      this.note('repaired', 'invalid-value', `${key}: date-time ${v} read as the date`)
      return `${dt[1]}-${dt[2]}-${dt[3]}`
    }
    this.note('skipped', 'invalid-value', `${key}: ${JSON.stringify(v)} is not a date`)
    return null
  }

  datetime(key: string, opts: { timestamp?: boolean } = {}): string | null {
    const v = this.str(key)
    if (!v) return null
    const m = ISO_DATETIME.exec(v)
    if (!m) {
      if (ISO_DATE.test(v)) {
        this.note('repaired', 'timestamp-without-offset', `${key}: date ${v} read as midnight in Europe/Berlin`)
        const [y, mo, d] = v.split('-').map(Number)
        return `${v}T00:00:00${berlinOffset(y, mo, d, 0, 0)}`
      }
      this.note('skipped', 'invalid-value', `${key}: ${JSON.stringify(v)} is not a date-time`)
      return null
    }
    const [, y, mo, d, h, mi, s = '00'] = m
    if (Number(y) <= 1970 && opts.timestamp) {
      this.note('repaired', 'placeholder-timestamp', `${key}: ${v} is a placeholder, treated as unknown`)
      return null
    }
    let offset = m[7]
    if (!offset) {
      offset = berlinOffset(Number(y), Number(mo), Number(d), Number(h), Number(mi))
      this.note('repaired', 'timestamp-without-offset', `${key}: ${v} read as Europe/Berlin (${offset})`)
    } else if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`
    if (Number.isNaN(Date.parse(iso))) {
      this.note('skipped', 'invalid-value', `${key}: ${JSON.stringify(v)} is not a valid date-time`)
      return null
    }
    if (opts.timestamp && h === '00' && mi === '00' && s === '00') {
      this.note('warning', 'placeholder-timestamp', `${key}: ${v} (midnight) looks like a date without time`)
    }
    return iso
  }

  /** a reference: a URL, or an embedded object (normalised into `out`, its URL returned) */
  ref(key: string, kind: ObjectKind, out: OParlObject[], self: BaseObject, value: unknown = this.raw[key]): string | null {
    if (isRaw(value)) {
      const embedded = normalizeObject(value, { ...this.ctx, expectedKind: kind, parent: { url: self.url, kind: self.kind, created: self.created, modified: self.modified } })
      out.push(...embedded)
      return embedded[0]?.url ?? null
    }
    return this.url_(key, value)
  }

  refs(key: string, kind: ObjectKind, out: OParlObject[], self: BaseObject): string[] {
    const v = this.raw[key]
    if (v === undefined || v === null) return []
    const items = Array.isArray(v) ? v : [v]
    if (!Array.isArray(v)) this.note('repaired', 'invalid-value', `${key}: a single value where a list is expected`)
    const result: string[] = []
    for (const item of items) {
      const url = this.ref(key, kind, out, self, item)
      if (url && !result.includes(url)) result.push(url)
    }
    return result
  }

  /** reports properties outside the specification (vendor prefixes separately) */
  checkProperties(kind: ObjectKind): void {
    const allowed = SPEC_PROPERTIES[kind]
    for (const key of Object.keys(this.raw)) {
      if (allowed.has(key)) continue
      if (key === 'otherOParlVersions' && kind === 'system') continue
      if (/^[A-Za-z][\w-]*:/.test(key)) this.note('skipped', 'vendor-property', `${kind}.${key} ignored`)
      else this.note('skipped', 'non-spec-property', `${kind}.${key} ignored`)
    }
  }
}

function base(kind: ObjectKind, url: string, r: Reader, ctx: NormalizeContext): BaseObject {
  let created = r.datetime('created', { timestamp: true })
  let modified = r.datetime('modified', { timestamp: true })
  if (ctx.parent && !('created' in r.raw) && !('modified' in r.raw)) {
    r.note('repaired', 'embedded-without-timestamps', `embedded ${kind} without created/modified: took the ${ctx.parent.kind}'s`)
    created = ctx.parent.created
    modified = ctx.parent.modified
  }
  return { url, kind, created, modified, deleted: false, web: r.url_('web'), embeddedIn: ctx.parent?.url ?? null }
}

/**
 * Normalises one raw object (and everything embedded in it). Returns [] (and reports) when the
 * object is unusable: no id, or a type that is not OParl.
 */
export function normalizeObject(raw: unknown, ctx: NormalizeContext): OParlObject[] {
  if (!isRaw(raw)) {
    ctx.report({ outcome: 'skipped', code: 'invalid-object', url: ctx.parent?.url ?? '(list)', message: 'an entry that is not an object' })
    return []
  }
  const id = typeof raw.id === 'string' ? raw.id.trim() : ''
  if (!id || !isHttpUrl(id)) {
    ctx.report({ outcome: 'skipped', code: 'invalid-object', url: ctx.parent?.url ?? (typeof raw.id === 'string' ? raw.id : '(list)'), message: `object without a usable id (${JSON.stringify(raw.id ?? null)})` })
    return []
  }
  const kind = kindOfType(raw.type) ?? (raw.deleted === true || raw.type === undefined ? (ctx.expectedKind ?? null) : null)
  if (!kind) {
    ctx.report({ outcome: 'skipped', code: 'invalid-object', url: id, message: `unknown type ${JSON.stringify(raw.type ?? null)}` })
    return []
  }
  const r = new Reader(raw, id, ctx)
  if (raw.deleted === true) return [tombstone(kind, id, r, ctx)]
  r.checkProperties(kind)
  const out: OParlObject[] = []
  const b = base(kind, id, r, ctx)
  const main = read(kind, b, r, out, ctx)
  return [main, ...out]
}

function tombstone(kind: ObjectKind, url: string, r: Reader, ctx: NormalizeContext): OParlObject {
  const created = r.datetime('created', { timestamp: true })
  const modified = r.datetime('modified', { timestamp: true })
  if (created && modified && created === modified) r.note('repaired', 'tombstone-not-modified', `deleted ${kind} with modified == created: deleted anyway`)
  const b: BaseObject = { url, kind, created, modified, deleted: true, web: null, embeddedIn: ctx.parent?.url ?? null }
  // a tombstone carries no data: every other field empty
  return emptyOf(kind, b)
}

/** An object of the kind with every field empty (tombstones; placeholders). */
export function emptyOf(kind: ObjectKind, b: BaseObject): OParlObject {
  switch (kind) {
    case 'system':
      return { ...b, kind, name: null, version: '1.1', bodyListUrl: null, website: null, vendor: null, product: null, license: null }
    case 'body':
      return { ...b, kind, systemUrl: null, name: null, shortName: null, ags: null, website: null, license: null, lists: emptyLists(), legislativeTermUrls: [], locationUrl: null, classification: null }
    case 'legislativeTerm':
      return { ...b, kind, bodyUrl: null, name: null, startDate: null, endDate: null }
    case 'organization':
      return { ...b, kind, bodyUrl: null, name: null, shortName: null, organizationType: null, classification: null, startDate: null, endDate: null, subOrganizationOf: null, locationUrl: null, website: null }
    case 'person':
      return { ...b, kind, bodyUrl: null, name: null, familyName: null, givenName: null, formOfAddress: null, title: null, affix: null, membershipUrls: [] }
    case 'membership':
      return { ...b, kind, personUrl: null, organizationUrl: null, role: null, votingRight: null, startDate: null, endDate: null, onBehalfOfUrl: null }
    case 'location':
      return { ...b, kind, description: null, streetAddress: null, room: null, postalCode: null, subLocality: null, locality: null, point: null }
    case 'meeting':
      return { ...b, kind, name: null, meetingState: null, cancelled: false, start: null, end: null, locationUrl: null, organizationUrls: [], invitationUrl: null, resultsProtocolUrl: null, verbatimProtocolUrl: null, auxiliaryFileUrls: [], agendaItemUrls: [] }
    case 'agendaItem':
      return { ...b, kind, meetingUrl: null, number: null, order: null, name: null, public: true, consultationUrl: null, result: null, resolutionText: null, resolutionFileUrl: null, auxiliaryFileUrls: [], start: null, end: null }
    case 'paper':
      return { ...b, kind, bodyUrl: null, name: null, reference: null, date: null, paperType: null, mainFileUrl: null, auxiliaryFileUrls: [], consultationUrls: [], underDirectionOfUrls: [], originatorOrganizationUrls: [], originatorPersonUrls: [], relatedPaperUrls: [] }
    case 'consultation':
      return { ...b, kind, paperUrl: null, agendaItemUrl: null, meetingUrl: null, organizationUrls: [], authoritative: null, role: null }
    case 'file':
      return { ...b, kind, name: null, fileName: null, mimeType: null, date: null, size: null, sha1Checksum: null, accessUrl: null, downloadUrl: null, license: null }
  }
}

function emptyLists(): BodyObject['lists'] {
  return { organization: null, person: null, meeting: null, paper: null, legislativeTerm: null, agendaItem: null, consultation: null, file: null, location: null, membership: null }
}

function read(kind: ObjectKind, b: BaseObject, r: Reader, out: OParlObject[], ctx: NormalizeContext): OParlObject {
  switch (kind) {
    case 'system':
      return readSystem(b, r)
    case 'body':
      return readBody(b, r, out)
    case 'legislativeTerm': {
      const o: LegislativeTermObject = {
        ...b,
        kind,
        bodyUrl: r.url_('body') ?? (ctx.parent?.kind === 'body' ? ctx.parent.url : null),
        name: r.str('name'),
        startDate: r.date('startDate'),
        endDate: r.date('endDate'),
      }
      return o
    }
    case 'organization': {
      let organizationType = r.str('organizationType')
      if (organizationType && !(ORGANIZATION_TYPES as readonly string[]).includes(organizationType)) {
        const mapped = mapOrganizationType(organizationType)
        r.note('repaired', 'organization-type-nonstandard', `organizationType ${JSON.stringify(organizationType)} read as ${JSON.stringify(mapped)}`)
        organizationType = mapped
      }
      const o: OrganizationObject = {
        ...b,
        kind,
        bodyUrl: r.url_('body'),
        name: r.str('name'),
        shortName: r.str('shortName'),
        organizationType,
        classification: r.str('classification'),
        startDate: r.date('startDate'),
        endDate: r.date('endDate'),
        subOrganizationOf: r.url_('subOrganizationOf'),
        locationUrl: r.ref('location', 'location', out, b),
        website: r.url_('website'),
      }
      // memberships are listed as URLs (or embedded in 1.0 servers): embedded ones are taken
      const memberships = r.raw.membership
      if (Array.isArray(memberships)) for (const m of memberships) if (isRaw(m)) r.ref('membership', 'membership', out, b, m)
      return o
    }
    case 'person': {
      const membershipUrls = r.refs('membership', 'membership', out, b)
      for (const m of out) if (m.kind === 'membership' && m.embeddedIn === b.url && !m.personUrl) m.personUrl = b.url
      const title = r.raw.title
      const o: PersonObject = {
        ...b,
        kind,
        bodyUrl: r.url_('body'),
        name: r.str('name'),
        familyName: r.str('familyName'),
        givenName: r.str('givenName'),
        formOfAddress: r.str('formOfAddress'),
        // 1.0/1.1: an array of titles; some servers send one string
        title: Array.isArray(title) ? title.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim()).join(' ') || null : r.str('title'),
        affix: r.str('affix'),
        membershipUrls,
      }
      // the person's address (location), e-mail and phone are not imported (not needed, personal)
      return o
    }
    case 'membership': {
      const o: MembershipObject = {
        ...b,
        kind,
        personUrl: r.url_('person') ?? (ctx.parent?.kind === 'person' ? ctx.parent.url : null),
        organizationUrl: r.url_('organization'),
        role: r.str('role'),
        votingRight: r.bool('votingRight'),
        startDate: r.date('startDate'),
        endDate: r.date('endDate'),
        onBehalfOfUrl: r.url_('onBehalfOf'),
      }
      return o
    }
    case 'location': {
      const o: LocationObject = {
        ...b,
        kind,
        description: r.str('description'),
        streetAddress: r.str('streetAddress'),
        room: r.str('room'),
        postalCode: r.str('postalCode'),
        subLocality: r.str('subLocality'),
        locality: r.str('locality'),
        point: readPoint(r),
      }
      return o
    }
    case 'meeting': {
      let start = r.datetime('start')
      let end = r.datetime('end')
      if (start && end && Date.parse(end) < Date.parse(start)) {
        r.note('repaired', 'meeting-end-before-start', `end ${end} before start ${start}: end dropped`)
        end = null
      }
      if (!start && end) {
        start = end
        end = null
        r.note('repaired', 'missing-property-repaired', 'start missing: took end')
      }
      const o: MeetingObject = {
        ...b,
        kind,
        name: r.str('name'),
        meetingState: r.str('meetingState'),
        cancelled: r.bool('cancelled') ?? false,
        start,
        end,
        locationUrl: r.ref('location', 'location', out, b),
        organizationUrls: r.refs('organization', 'organization', out, b),
        invitationUrl: r.ref('invitation', 'file', out, b),
        resultsProtocolUrl: r.ref('resultsProtocol', 'file', out, b),
        verbatimProtocolUrl: r.ref('verbatimProtocol', 'file', out, b),
        auxiliaryFileUrls: r.refs('auxiliaryFile', 'file', out, b),
        agendaItemUrls: [],
      }
      o.agendaItemUrls = r.refs('agendaItem', 'agendaItem', out, b)
      let index = 0
      for (const item of out) {
        if (item.kind !== 'agendaItem' || item.embeddedIn !== b.url) continue
        item.meetingUrl ??= b.url
        if (item.order === null) item.order = index
        index++
      }
      return o
    }
    case 'agendaItem': {
      const o: AgendaItemObject = {
        ...b,
        kind,
        meetingUrl: r.url_('meeting') ?? (ctx.parent?.kind === 'meeting' ? ctx.parent.url : null),
        number: r.str('number'),
        order: r.int('order'),
        name: r.str('name'),
        public: r.bool('public') ?? true,
        consultationUrl: r.url_('consultation'),
        result: r.str('result'),
        resolutionText: r.str('resolutionText'),
        resolutionFileUrl: r.ref('resolutionFile', 'file', out, b),
        auxiliaryFileUrls: r.refs('auxiliaryFile', 'file', out, b),
        start: r.datetime('start'),
        end: r.datetime('end'),
      }
      return o
    }
    case 'paper': {
      const o: PaperObject = {
        ...b,
        kind,
        bodyUrl: r.url_('body'),
        name: r.str('name'),
        reference: r.str('reference'),
        date: r.date('date'),
        paperType: r.str('paperType'),
        mainFileUrl: r.ref('mainFile', 'file', out, b),
        auxiliaryFileUrls: r.refs('auxiliaryFile', 'file', out, b),
        consultationUrls: r.refs('consultation', 'consultation', out, b),
        underDirectionOfUrls: r.refs('underDirectionOf', 'organization', out, b),
        originatorOrganizationUrls: r.refs('originatorOrganization', 'organization', out, b),
        originatorPersonUrls: r.refs('originatorPerson', 'person', out, b),
        relatedPaperUrls: r.refs('relatedPaper', 'paper', out, b),
      }
      for (const c of out) if (c.kind === 'consultation' && c.embeddedIn === b.url && !c.paperUrl) c.paperUrl = b.url
      return o
    }
    case 'consultation': {
      const o: ConsultationObject = {
        ...b,
        kind,
        paperUrl: r.url_('paper') ?? (ctx.parent?.kind === 'paper' ? ctx.parent.url : null),
        agendaItemUrl: r.url_('agendaItem'),
        meetingUrl: r.url_('meeting'),
        organizationUrls: r.refs('organization', 'organization', out, b),
        authoritative: r.bool('authoritative'),
        role: r.str('role'),
      }
      return o
    }
    case 'file': {
      const size = r.int('size')
      const o: FileObject = {
        ...b,
        kind,
        name: r.str('name'),
        fileName: r.str('fileName'),
        mimeType: r.str('mimeType'),
        date: r.date('date'),
        size: size !== null && size >= 0 ? size : null,
        sha1Checksum: (() => {
          const s = r.str('sha1Checksum')?.toLowerCase() ?? null
          return s && /^[0-9a-f]{40}$/.test(s) ? s : null
        })(),
        accessUrl: r.url_('accessUrl'),
        downloadUrl: r.url_('downloadUrl'),
        license: r.str('license'),
      }
      if (!o.accessUrl && !o.downloadUrl) r.note('skipped', 'missing-required', 'file without accessUrl: cannot be downloaded')
      return o
    }
  }
}

function readSystem(b: BaseObject, r: Reader): SystemObject {
  const version = versionOf(r.raw.oparlVersion) ?? versionOf(r.raw.type) ?? '1.0'
  let name = r.str('name')
  if (name && /schnittstelle|oparl|\b\d+\.\d+\.\d+\b/i.test(name)) {
    r.note('repaired', 'system-name-is-version', `System.name ${JSON.stringify(name)} is a version string: ignored`)
    name = null
  }
  if ('otherOParlVersions' in r.raw && !('otherOparlVersions' in r.raw)) r.note('repaired', 'other-oparl-versions-case', 'otherOParlVersions read as otherOparlVersions')
  const license = r.str('license')
  if (license && !isHttpUrl(license)) r.note('repaired', 'license-not-url', `license ${JSON.stringify(license)} is not a URL: kept as text`)
  if (license && /genehmigung|permission|nicht gestattet|untersagt/i.test(license)) r.note('warning', 'license-restrictive', `license: ${JSON.stringify(license)}`)
  const productRaw = r.str('product')
  let product: string | null = productRaw
  if (productRaw && !isHttpUrl(productRaw)) r.note('repaired', 'product-not-url', `product ${JSON.stringify(productRaw)} is not a URL: kept as text`)
  if (product && product.length > 300) product = product.slice(0, 300)
  if (b.url.startsWith('http:')) r.note('warning', 'plain-http', 'the system is reached over plain http')
  return {
    ...b,
    kind: 'system',
    name,
    version,
    bodyListUrl: r.url_('body'),
    website: r.url_('website'),
    vendor: r.url_('vendor'),
    product,
    license,
  }
}

function readBody(b: BaseObject, r: Reader, out: OParlObject[]): BodyObject {
  let ags = r.str('ags')
  if (ags && /^\d{7}$/.test(ags)) {
    r.note('repaired', 'ags-leading-zero-lost', `ags ${ags} padded to 0${ags}`)
    ags = `0${ags}`
  } else if (ags && !/^\d{8}$/.test(ags)) {
    r.note('skipped', 'invalid-value', `ags ${JSON.stringify(ags)} is not 8 digits`)
    ags = null
  }
  let name = r.str('name')
  if (name && /^instance\s*\d+$/i.test(name)) {
    r.note('repaired', 'body-placeholder-name', `Body.name ${JSON.stringify(name)} is a placeholder: not used`)
    name = null
  }
  const license = r.str('license')
  if (license && !isHttpUrl(license)) r.note('repaired', 'license-not-url', `license ${JSON.stringify(license)} is not a URL: kept as text`)
  if (license && /genehmigung|permission|nicht gestattet|untersagt/i.test(license)) r.note('warning', 'license-restrictive', `license: ${JSON.stringify(license)}`)
  const equivalent = r.raw.equivalent
  if (Array.isArray(equivalent)) for (const e of equivalent) r.url_('equivalent', e)
  const lists: BodyObject['lists'] = {
    organization: r.url_('organization'),
    person: r.url_('person'),
    meeting: r.url_('meeting'),
    paper: r.url_('paper'),
    legislativeTerm: r.url_('legislativeTermList'),
    agendaItem: r.url_('agendaItem'),
    consultation: r.url_('consultation'),
    file: r.url_('file'),
    location: r.url_('locationList'),
    membership: r.url_('membership'),
  }
  let legislativeTermUrls: string[] = []
  if (r.raw.legislativeTerm === undefined || r.raw.legislativeTerm === null) {
    if (!lists.legislativeTerm) r.note('repaired', 'body-legislative-term-missing', 'Body.legislativeTerm is missing: no legislative terms')
  } else legislativeTermUrls = r.refs('legislativeTerm', 'legislativeTerm', out, b)
  for (const t of out) if (t.kind === 'legislativeTerm' && t.embeddedIn === b.url && !t.bodyUrl) t.bodyUrl = b.url
  return {
    ...b,
    kind: 'body',
    systemUrl: r.url_('system'),
    name,
    shortName: r.str('shortName'),
    ags,
    website: r.url_('website'),
    license,
    lists,
    legislativeTermUrls,
    locationUrl: r.ref('location', 'location', out, b),
    classification: r.str('classification'),
  }
}

/** SD.NET's "Dienststellen" and similar -> the spec's value. */
export function mapOrganizationType(value: string): string {
  const v = value.toLowerCase()
  if (/dienststelle|verwaltung|amt\b|ämter|abteilung|fachbereich|dezernat/.test(v)) return 'Verwaltungsbereich'
  if (/fraktion/.test(v)) return 'Fraktion'
  if (/partei/.test(v)) return 'Partei'
  if (/extern/.test(v)) return 'externes Gremium'
  if (/gremi|ausschuss|rat|beirat|kommission/.test(v)) return 'Gremium'
  return 'Sonstiges'
}

/** A GeoJSON point in [lon, lat], repaired: SD.NET sends [lat, lon] with float noise. */
function readPoint(r: Reader): GeoPoint | null {
  const g = r.raw.geojson
  if (!isRaw(g)) return null
  const geometry = g.type === 'Feature' && isRaw(g.geometry) ? g.geometry : g
  if (geometry.type !== 'Point' || !Array.isArray(geometry.coordinates) || geometry.coordinates.length < 2) return null
  const [rawA, rawB] = geometry.coordinates as unknown[]
  if (typeof rawA !== 'number' || typeof rawB !== 'number' || !Number.isFinite(rawA) || !Number.isFinite(rawB)) {
    r.note('skipped', 'invalid-value', 'geojson: coordinates are not numbers')
    return null
  }
  let a = rawA
  let b = rawB
  const decimals = (n: number) => (String(n).split('.')[1] ?? '').length
  if (decimals(a) > 7 || decimals(b) > 7) {
    r.note('repaired', 'geojson-float-noise', `geojson: [${a}, ${b}] rounded to 7 decimals`)
    a = Math.round(a * 1e7) / 1e7
    b = Math.round(b * 1e7) / 1e7
  }
  // German places lie at latitude 47–55.1, longitude 5.8–15.1: [lat, lon] shows as a first value in the latitude band
  if (a >= 47 && a <= 55.2 && b >= 5.5 && b <= 15.5) {
    r.note('repaired', 'geojson-lat-lon-swapped', `geojson: [${a}, ${b}] is [lat, lon]: swapped`)
    ;[a, b] = [b, a]
  }
  if (a < -180 || a > 180 || b < -90 || b > 90) {
    r.note('skipped', 'invalid-value', `geojson: [${a}, ${b}] is outside WGS 84`)
    return null
  }
  return { coordinates: [a, b] }
}

/** One list page: objects (raw), the next page's URL and the pagination numbers, as far as present. */
export interface ListPage {
  items: unknown[]
  next: string | null
  totalPages: number | null
  totalElements: number | null
  currentPage: number | null
}

/** Reads a list page (`data`, `links.next`, `pagination`); a bare array or a single object is tolerated. */
export function readListPage(json: unknown, pageUrl: string, report: (e: ReportEntry) => void): ListPage {
  if (Array.isArray(json)) {
    report({ outcome: 'repaired', code: 'invalid-value', url: pageUrl, message: 'list page is a bare array, not {data, links}' })
    return { items: json, next: null, totalPages: null, totalElements: null, currentPage: null }
  }
  if (!isRaw(json)) throw new Error('list page is not a JSON object')
  if (!Array.isArray(json.data)) {
    if (typeof json.id === 'string') {
      report({ outcome: 'repaired', code: 'invalid-value', url: pageUrl, message: 'a single object where a list page is expected' })
      return { items: [json], next: null, totalPages: null, totalElements: null, currentPage: null }
    }
    throw new Error('list page without data array')
  }
  const links = isRaw(json.links) ? json.links : {}
  const pagination = isRaw(json.pagination) ? json.pagination : {}
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  let next = typeof links.next === 'string' && links.next.trim() ? links.next.trim() : null
  if (next && !isHttpUrl(next)) {
    try {
      next = new URL(next, pageUrl).toString()
    } catch {
      next = null
    }
  }
  return { items: json.data, next, totalPages: num(pagination.totalPages), totalElements: num(pagination.totalElements), currentPage: num(pagination.currentPage) }
}
