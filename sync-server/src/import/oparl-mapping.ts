/**
 * Normalised OParl objects -> Ratstisch data: structure rows (terms, bodies and factions,
 * departments, persons, memberships, places) and documents (one public meeting document per
 * meeting, a non-public one where the source marks items non-public, one paper document per
 * paper). Pure: the caller passes the staged objects, the downloaded files and the document ids,
 * and writes what comes back (import-writer.ts).
 *
 * Ids are derived from the source URL (`mtg-333-3fa9c1`): stable across runs and machines, so a
 * re-run maps every object to the same Ratstisch object, and agenda items and consultations
 * inside documents keep their ids too.
 *
 * OParl data is public (the source published it): meetings and papers get the public audience,
 * persons `publish_consent = 1`. Their addresses, e-mail and phone are not imported at all.
 */
import { createHash } from 'node:crypto'
import {
  BODY_CLASSIFICATIONS,
  type AgendaItem,
  type Attachment,
  type Consultation,
  type ConsultationResult,
  type ConsultationRole,
  type FileRef,
  type FileVersion,
  type ItemResult,
  type ItemStatus,
  type LocationInfo,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type PaperDoc,
  type PaperSummary,
  type PaperType,
} from '@ratstisch/domain'
import {
  parseResultText,
  type AgendaItemObject,
  type BodyObject,
  type ConsultationObject,
  type FileObject,
  type LegislativeTermObject,
  type LocationObject,
  type MeetingObject,
  type MembershipObject,
  type OParlObject,
  type OrganizationObject,
  type PaperObject,
  type PersonObject,
  type ReportEntry,
  type SystemObject,
} from '@ratstisch/oparl'

export type LocalKind = 'term' | 'organization' | 'department' | 'person' | 'membership' | 'location' | 'meeting' | 'paper'

const ID_PREFIX = {
  term: 'term',
  organization: 'org',
  department: 'dept',
  person: 'person',
  membership: 'ms',
  location: 'loc',
  meeting: 'mtg',
  paper: 'paper',
  agendaItem: 'top',
  consultation: 'cons',
  file: 'file',
} as const

/** A stable Ratstisch id for a source object: readable tail of the URL plus a short hash of it. */
export function localIdFor(kind: keyof typeof ID_PREFIX, url: string): string {
  let tail = ''
  try {
    const u = new URL(url)
    const last = u.pathname.split('/').filter(Boolean).pop() ?? ''
    const query = [...u.searchParams.values()].join('-')
    tail = `${last.replace(/\.(asp|aspx|php|json)$/i, '')}${query ? `-${query}` : ''}`
  } catch {
    tail = ''
  }
  tail = tail
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/, '')
  const hash = createHash('sha1').update(url).digest('hex').slice(0, 6)
  return [ID_PREFIX[kind], tail, hash].filter(Boolean).join('-')
}

export interface StructureRow<T> {
  /** source URLs mapped onto this row (several where duplicates were merged) */
  urls: string[]
  id: string
  row: T
}

export interface OrganizationRow {
  name: string
  shortName: string
  organizationType: 'Gremium' | 'Fraktion'
  classification: string
  startDate: string | null
  endDate: string | null
}

export interface DepartmentRow {
  name: string
  shortName: string
  active: boolean
}

export interface PersonRow {
  name: string
  givenName: string | null
  familyName: string | null
  formOfAddress: string | null
  title: string | null
}

export interface MembershipRow {
  personId: string
  organizationId: string
  role: string
  votingRight: boolean
  startDate: string | null
  endDate: string | null
  onBehalfOf: string | null
}

export interface TermRow {
  name: string
  startDate: string
  endDate: string
}

export interface LocationRow {
  description: string
  room: string | null
  streetAddress: string | null
  postalCode: string | null
  locality: string | null
}

export interface MeetingDocs {
  url: string
  id: string
  organizationId: string
  public: MeetingDoc
  /** the items the source marks non-public (audience: the body's members and the office) */
  confidential: MeetingConfidentialDoc | null
}

export interface PaperDocs {
  url: string
  id: string
  doc: PaperDoc
}

export interface Mapping {
  town: { name: string | null; shortName: string | null; ags: string | null }
  terms: StructureRow<TermRow>[]
  organizations: StructureRow<OrganizationRow>[]
  departments: StructureRow<DepartmentRow>[]
  persons: StructureRow<PersonRow>[]
  memberships: StructureRow<MembershipRow>[]
  locations: StructureRow<LocationRow>[]
  meetings: MeetingDocs[]
  papers: PaperDocs[]
  /** source URLs deleted on the server (tombstones), by local kind */
  deleted: Array<{ url: string; kind: LocalKind }>
  entries: ReportEntry[]
}

export interface DownloadedFile {
  sha256: string
  size: number
  mime: string
}

export interface MappingInput {
  systemUrl: string
  objects: readonly OParlObject[]
  /** downloaded file contents by File URL (absent: not downloadable) */
  files: ReadonlyMap<string, DownloadedFile>
  /** the Automerge URL of each paper's document (existing or about to be created), by paper URL */
  paperDocumentUrl: (paperUrl: string) => string | undefined
  /** "now" (meetings before it are held) */
  now: string
}

const PLACEHOLDER_PREFIX = 'Gremium aus dem Altsystem'

/** OParl's free paper type -> the closest Ratstisch type. */
export function mapPaperType(value: string | null): PaperType {
  const v = (value ?? '').toLowerCase()
  if (/antrag/.test(v) && !/beantwortung/.test(v)) return 'Antrag'
  if (/anfrage|beantwortung/.test(v)) return 'Anfrage'
  if (/mitteilung|bericht/.test(v)) return 'Mitteilung'
  if (/information|kenntnis/.test(v)) return 'Informationsvorlage'
  return 'Beschlussvorlage'
}

/** A body's classification in Ratstisch terms from its name and OParl classification. */
export function classifyBody(name: string, classification: string | null): string {
  const text = `${name} ${classification ?? ''}`.toLowerCase()
  if (/stadtrat|stadtverordnet|rat der stadt/.test(text)) return 'Stadtrat'
  if (/gemeinderat|rat der gemeinde|gemeindevertretung/.test(text)) return 'Gemeinderat'
  if (/ortschaftsrat|ortsbeirat|ortsrat|bezirksvertretung|bezirksbeirat|ortsvorsteher/.test(text)) return 'Ortschaftsrat'
  if (/kreistag/.test(text)) return 'Stadtrat'
  if (classification && (BODY_CLASSIFICATIONS as readonly string[]).includes(classification)) return classification
  return 'Ausschuss'
}

function consultationRoleOf(c: ConsultationObject): ConsultationRole {
  const role = (c.role ?? '').toLowerCase()
  if (/anhörung|anhoerung/.test(role)) return 'Anhörung'
  if (/kenntnis/.test(role)) return 'Kenntnisnahme'
  if (c.authoritative || /entscheid|beschluss|beschließ/.test(role)) return 'Entscheidung'
  return 'Vorberatung'
}

function consultationResultOf(status: ItemStatus | undefined, result: ItemResult | undefined): ConsultationResult | undefined {
  if (status === 'vertagt' || status === 'verwiesen' || status === 'zurückgezogen') return status
  if (result === 'angenommen') return 'beschlossen'
  if (result === 'abgelehnt') return 'abgelehnt'
  if (result === 'zur Kenntnis genommen') return 'zur Kenntnis genommen'
  return undefined
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : null)

export function mapObjects(input: MappingInput): Mapping {
  const { systemUrl, files, now } = input
  const entries: ReportEntry[] = []
  const report = (outcome: ReportEntry['outcome'], code: ReportEntry['code'], url: string, message: string) => entries.push({ outcome, code, url, message })
  const byUrl = new Map<string, OParlObject>()
  for (const o of input.objects) byUrl.set(o.url, o)
  const live = <K extends OParlObject['kind']>(kind: K) => input.objects.filter((o): o is Extract<OParlObject, { kind: K }> => o.kind === kind && !o.deleted)
  const get = <K extends OParlObject['kind']>(url: string | null | undefined, kind: K) => {
    const o = url ? byUrl.get(url) : undefined
    return o && o.kind === kind && !o.deleted ? (o as Extract<OParlObject, { kind: K }>) : undefined
  }
  const deleted: Mapping['deleted'] = []
  const localKindOf: Partial<Record<OParlObject['kind'], LocalKind>> = {
    legislativeTerm: 'term', organization: 'organization', person: 'person', membership: 'membership', location: 'location', meeting: 'meeting', paper: 'paper',
  }
  for (const o of input.objects) {
    const kind = localKindOf[o.kind]
    if (o.deleted && kind) deleted.push({ url: o.url, kind })
  }

  // --- the town (first body)
  const system = input.objects.find((o): o is SystemObject => o.kind === 'system')
  const bodies = live('body') as BodyObject[]
  const body = bodies[0]
  const town = { name: body?.name ?? null, shortName: body?.shortName ?? null, ags: body?.ags ?? null }
  const systemName = system?.name ?? body?.name ?? new URL(systemUrl).host

  // --- legislative terms
  const terms: Mapping['terms'] = []
  for (const t of live('legislativeTerm') as LegislativeTermObject[]) {
    if (!t.startDate || !t.endDate) {
      report('skipped', 'missing-required', t.url, 'legislative term without start or end date')
      continue
    }
    terms.push({ urls: [t.url], id: localIdFor('term', t.url), row: { name: cut(t.name ?? `${t.startDate.slice(0, 4)}–${t.endDate.slice(0, 4)}`, 120), startDate: t.startDate, endDate: t.endDate } })
  }

  // --- organizations: administrative units become departments
  const organizations: Mapping['organizations'] = []
  const departments: Mapping['departments'] = []
  const orgIdOf = new Map<string, { id: string; name: string; department: boolean }>()
  for (const o of live('organization') as OrganizationObject[]) {
    const name = o.name ?? o.shortName
    if (!name) {
      report('skipped', 'missing-required', o.url, 'organization without a name')
      continue
    }
    if (o.organizationType === 'Verwaltungsbereich') {
      const id = localIdFor('department', o.url)
      departments.push({ urls: [o.url], id, row: { name: cut(name, 120), shortName: cut(o.shortName ?? name, 60), active: !o.endDate || o.endDate >= now.slice(0, 10) } })
      orgIdOf.set(o.url, { id, name, department: true })
      continue
    }
    const faction = o.organizationType === 'Fraktion'
    const id = localIdFor('organization', o.url)
    organizations.push({
      urls: [o.url],
      id,
      row: {
        name: cut(name, 120),
        shortName: cut(o.shortName ?? name, 60),
        organizationType: faction ? 'Fraktion' : 'Gremium',
        classification: faction ? 'Fraktion' : classifyBody(name, o.classification ?? o.organizationType),
        startDate: o.startDate,
        endDate: o.endDate,
      },
    })
    orgIdOf.set(o.url, { id, name, department: false })
  }
  /** a body that cannot be fetched (404): a placeholder keeps its meetings */
  const placeholder = (url: string | null, reason: string): { id: string; name: string } => {
    const key = url ?? `${systemUrl}#unknown-organization`
    const known = orgIdOf.get(key)
    if (known && !known.department) return known
    const id = localIdFor('organization', key)
    let label = 'unbekannt'
    try {
      label = url ? new URL(url).pathname.split('/').filter(Boolean).slice(-2).join('/') : 'unbekannt'
    } catch {
      label = 'unbekannt'
    }
    const name = cut(`${PLACEHOLDER_PREFIX} (${label})`, 120)
    organizations.push({ urls: url ? [url] : [], id, row: { name, shortName: cut(`Gremium ${label}`, 60), organizationType: 'Gremium', classification: 'Ausschuss', startDate: null, endDate: null } })
    orgIdOf.set(key, { id, name, department: false })
    report('repaired', 'placeholder-organization', key, reason)
    return { id, name }
  }
  const bodyOf = (urls: readonly string[], what: string, url: string): { id: string; name: string } => {
    for (const u of urls) {
      const known = orgIdOf.get(u)
      if (known && !known.department) return known
    }
    return placeholder(urls[0] ?? null, urls.length ? `${what} ${url}: organization ${urls[0]} cannot be fetched` : `${what} ${url} names no organization`)
  }

  // --- persons (public: the source published them) and memberships
  const persons: Mapping['persons'] = []
  const personIdOf = new Map<string, string>()
  for (const p of live('person') as PersonObject[]) {
    const parts = [p.title, p.givenName, p.familyName].filter(Boolean).join(' ')
    const name = p.familyName ? parts : p.name
    if (!name) {
      report('skipped', 'missing-required', p.url, 'person without a name')
      continue
    }
    const id = localIdFor('person', p.url)
    persons.push({ urls: [p.url], id, row: { name: cut(name, 200), givenName: p.givenName, familyName: p.familyName ?? p.name, formOfAddress: p.formOfAddress, title: p.title } })
    personIdOf.set(p.url, id)
  }
  const memberships: Mapping['memberships'] = []
  for (const m of live('membership') as MembershipObject[]) {
    const personId = m.personUrl ? personIdOf.get(m.personUrl) : undefined
    const org = m.organizationUrl ? orgIdOf.get(m.organizationUrl) : undefined
    if (org?.department) {
      report('skipped', 'membership-in-department', m.url, `membership in ${m.organizationUrl}`)
      continue
    }
    if (!personId || !org) {
      report('skipped', 'reference-unresolved', m.url, !personId ? `person ${m.personUrl} not imported` : `organization ${m.organizationUrl} not imported`)
      continue
    }
    const onBehalfOf = m.onBehalfOfUrl ? orgIdOf.get(m.onBehalfOfUrl) : undefined
    memberships.push({
      urls: [m.url],
      id: localIdFor('membership', m.url),
      row: { personId, organizationId: org.id, role: cut(m.role ?? 'Mitglied', 100), votingRight: m.votingRight ?? true, startDate: m.startDate, endDate: m.endDate, onBehalfOf: onBehalfOf && !onBehalfOf.department ? onBehalfOf.id : null },
    })
  }

  // --- places: only those of meetings, bodies and organizations (never a person's address); one per
  // address. A place's id comes from the first URL (sorted) of all staged places with its address,
  // so it stays the same however the meetings using it come and go.
  const locations: Mapping['locations'] = []
  const locationIdOf = new Map<string, string>()
  const usedLocationUrls = new Set<string>()
  for (const o of input.objects) {
    if (o.deleted) continue
    if (o.kind === 'meeting' && o.locationUrl) usedLocationUrls.add(o.locationUrl)
    if ((o.kind === 'body' || o.kind === 'organization') && o.locationUrl) usedLocationUrls.add(o.locationUrl)
  }
  const rowOf = (l: LocationObject): LocationRow => ({
    description: cut(l.description ?? ([l.room, l.streetAddress, [l.postalCode, l.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ') || ''), 300),
    room: l.room,
    streetAddress: l.streetAddress,
    postalCode: l.postalCode,
    locality: l.locality ?? l.subLocality,
  })
  const groups = new Map<string, LocationObject[]>()
  for (const l of (live('location') as LocationObject[]).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) {
    const row = rowOf(l)
    if (!row.description) continue
    const key = [row.description, row.room, row.streetAddress, row.postalCode, row.locality].map((v) => (v ?? '').toLowerCase().replace(/\s+/g, ' ')).join('|')
    groups.set(key, [...(groups.get(key) ?? []), l])
  }
  for (const group of groups.values()) {
    const used = group.filter((l) => usedLocationUrls.has(l.url))
    if (!used.length) continue
    const id = localIdFor('location', group[0].url)
    locations.push({ urls: used.map((l) => l.url), id, row: rowOf(used[0]) })
    for (const l of used) locationIdOf.set(l.url, id)
    for (const l of used.slice(1)) report('repaired', 'duplicate-location-merged', l.url, `same address as ${used[0].url}: merged`)
  }

  // --- files: only downloaded ones become file references
  const fileRef = (url: string | null | undefined): FileRef | undefined => {
    if (!url) return undefined
    const f = get(url, 'file') as FileObject | undefined
    const d = files.get(url)
    if (!f || !d) return undefined
    const ext = d.mime === 'application/pdf' ? '.pdf' : ''
    const name = f.fileName ?? (f.name ? `${f.name}${ext}` : `Dokument${ext}`)
    return { sha256: d.sha256, name: cut(name.replace(/[\\/\n\r\t]+/g, ' '), 240), mime: d.mime, size: d.size }
  }

  // --- consultations by paper and by agenda item (1.1 lists, 1.0 embedded)
  const consultationsOfPaper = new Map<string, ConsultationObject[]>()
  const consultationOfItem = new Map<string, ConsultationObject>()
  for (const c of live('consultation') as ConsultationObject[]) {
    if (c.paperUrl) consultationsOfPaper.set(c.paperUrl, [...(consultationsOfPaper.get(c.paperUrl) ?? []), c])
    if (c.agendaItemUrl) consultationOfItem.set(c.agendaItemUrl, c)
  }
  const itemsOfMeeting = new Map<string, AgendaItemObject[]>()
  for (const i of live('agendaItem') as AgendaItemObject[]) if (i.meetingUrl) itemsOfMeeting.set(i.meetingUrl, [...(itemsOfMeeting.get(i.meetingUrl) ?? []), i])
  const importedMeetings = new Set((live('meeting') as MeetingObject[]).filter((m) => m.start).map((m) => m.url))
  const importedPapers = new Set((live('paper') as PaperObject[]).map((p) => p.url))

  // --- papers
  const papers: Mapping['papers'] = []
  const paperSummaryOf = new Map<string, PaperSummary>()
  for (const p of live('paper') as PaperObject[]) {
    const id = localIdFor('paper', p.url)
    let reference = p.reference
    if (!reference) {
      reference = `ohne Nr. ${id.split('-').slice(1, -1).join('-') || id}`
      report('repaired', 'missing-property-repaired', p.url, `paper without reference: "${reference}"`)
    }
    let name = p.name
    if (!name) {
      name = reference
      report('repaired', 'missing-property-repaired', p.url, 'paper without a name: the reference is shown')
    }
    let date = p.date
    if (!date) {
      date = dateOf(p.created) ?? dateOf(p.modified) ?? now.slice(0, 10)
      report('repaired', 'missing-property-repaired', p.url, `paper without date: ${date} (from created)`)
    }
    const paperType = mapPaperType(p.paperType)
    const directing = p.underDirectionOfUrls.map((u) => orgIdOf.get(u)).find(Boolean)
    const uploadedAt = p.created ?? p.modified ?? `${date}T00:00:00.000Z`
    const attachments: Attachment[] = []
    for (const fileUrl of [p.mainFileUrl, ...p.auxiliaryFileUrls]) {
      const ref = fileRef(fileUrl)
      if (!ref || attachments.some((a) => a.id === localIdFor('file', fileUrl!))) continue
      const f = get(fileUrl, 'file') as FileObject
      const version: FileVersion = { ...ref, version: 1, uploadedAt: f.created ?? uploadedAt, uploadedBy: 'import', uploadedByName: cut(systemName, 200), comment: '' }
      attachments.push({ id: localIdFor('file', fileUrl!), title: cut(f.name ?? ref.name, 500), versions: [version] })
    }
    const consultations: Consultation[] = []
    const sources = [...p.consultationUrls.map((u) => get(u, 'consultation') as ConsultationObject | undefined), ...(consultationsOfPaper.get(p.url) ?? [])]
    for (const c of sources) {
      if (!c || consultations.some((x) => x.id === localIdFor('consultation', c.url))) continue
      const meeting = get(c.meetingUrl, 'meeting') as MeetingObject | undefined
      const org = c.organizationUrls.length || !meeting ? bodyOf(c.organizationUrls, 'consultation', c.url) : bodyOf(meeting.organizationUrls, 'consultation', c.url)
      const consultation: Consultation = { id: localIdFor('consultation', c.url), organizationId: org.id, organizationName: org.name, role: consultationRoleOf(c) }
      if (c.meetingUrl && importedMeetings.has(c.meetingUrl)) consultation.meetingId = localIdFor('meeting', c.meetingUrl)
      else if (c.meetingUrl) report('skipped', 'reference-unresolved', c.url, `meeting ${c.meetingUrl} is not imported (deleted or unknown)`)
      const item = get(c.agendaItemUrl, 'agendaItem') as AgendaItemObject | undefined
      if (item && meeting?.start) {
        const parsed = parseResultText(item.result)
        const result = consultationResultOf(parsed.status, parsed.result)
        if (result) {
          consultation.result = result
          consultation.resultAt = meeting.end ?? meeting.start
          if (item.resolutionText) consultation.resultNote = cut(item.resolutionText, 5000)
        }
      }
      consultations.push(consultation)
    }
    const doc: PaperDoc = {
      type: 'paper',
      id,
      reference: cut(reference, 100),
      name: cut(name, 1000),
      paperType,
      date,
      public: true,
      departmentId: directing?.department ? directing.id : '',
      department: cut(directing?.name ?? '', 300),
      summary: '',
      workflowId: 'imported',
      createdBy: 'import',
      createdAt: p.created ?? uploadedAt,
      sections: [],
      attachments,
      consultations,
      sharedWith: [],
      events: [],
      source: { system: systemUrl, url: p.url, ...(p.paperType && p.paperType !== paperType ? { type: cut(p.paperType, 300) } : {}) },
    }
    papers.push({ url: p.url, id, doc })
    const docUrl = input.paperDocumentUrl(p.url)
    if (docUrl) paperSummaryOf.set(p.url, { url: docUrl, id, reference: doc.reference, name: doc.name, paperType })
  }

  // --- meetings
  const meetings: Mapping['meetings'] = []
  for (const m of live('meeting') as MeetingObject[]) {
    if (!m.start) {
      report('skipped', 'missing-required', m.url, 'meeting without start')
      continue
    }
    const id = localIdFor('meeting', m.url)
    const org = bodyOf(m.organizationUrls, 'meeting', m.url)
    const orgRow = organizations.find((o) => o.id === org.id)!
    const place = get(m.locationUrl, 'location') as LocationObject | undefined
    const location: LocationInfo = { description: place?.description ?? '' }
    if (place?.room) location.room = place.room
    if (place?.streetAddress) location.streetAddress = place.streetAddress
    if (place?.postalCode) location.postalCode = place.postalCode
    if (place?.locality) location.locality = place.locality
    // items: the meeting's own order first, then items that name the meeting (1.1 lists)
    const ordered: AgendaItemObject[] = []
    for (const u of m.agendaItemUrls) {
      const item = get(u, 'agendaItem') as AgendaItemObject | undefined
      if (item && !ordered.includes(item)) ordered.push(item)
    }
    for (const item of itemsOfMeeting.get(m.url) ?? []) if (!ordered.includes(item)) ordered.push(item)
    const position = new Map(ordered.map((item, i) => [item.url, i]))
    ordered.sort((a, b) => (a.order ?? position.get(a.url)!) - (b.order ?? position.get(b.url)!) || position.get(a.url)! - position.get(b.url)!)
    const orders = ordered.map((i) => i.order).filter((o): o is number => o !== null)
    if (orders.length > 1 && Math.min(...orders) === 1 && !orders.includes(0)) {
      report('repaired', 'agenda-order-one-based', m.url, 'AgendaItem.order starts at 1: shifted to 0')
    }
    const held = Date.parse(m.start) < Date.parse(now)
    const toItem = (item: AgendaItemObject, order: number): AgendaItem => {
      const consultation = item.consultationUrl ? get(item.consultationUrl, 'consultation') as ConsultationObject | undefined : consultationOfItem.get(item.url)
      const paperUrl = consultation?.paperUrl ?? undefined
      const summary = paperUrl && importedPapers.has(paperUrl) ? paperSummaryOf.get(paperUrl) : undefined
      let number = item.number ?? ''
      if (number.length > 20) {
        report('repaired', 'invalid-value', item.url, `number ${JSON.stringify(number)} longer than 20 characters: shortened`)
        number = number.slice(0, 20)
      }
      const a: AgendaItem = {
        id: localIdFor('agendaItem', item.url),
        number,
        order,
        title: cut(item.name ?? (summary?.name ?? '(ohne Titel)'), 2000),
        public: item.public,
        files: [item.resolutionFileUrl, ...item.auxiliaryFileUrls].map(fileRef).filter((f): f is FileRef => !!f),
      }
      if (!item.name) report('repaired', 'missing-property-repaired', item.url, 'agenda item without a name')
      if (summary) {
        a.paper = summary
        a.kind = 'paper'
        a.consultationId = localIdFor('consultation', consultation!.url)
      }
      const parsed = held ? parseResultText(item.result) : {}
      if (parsed.status) a.status = parsed.status
      if (parsed.result) a.result = parsed.result
      if (parsed.vote) a.vote = { mode: 'counts', yes: parsed.vote.yes, no: parsed.vote.no, abstain: parsed.vote.abstain, at: m.start! }
      if (item.resolutionText) a.resolutionText = cut(item.resolutionText, 100_000)
      // the source's own wording of the result is kept as the item's note
      if (item.result) a.minutesNote = cut(item.result, 5000)
      return a
    }
    const items = ordered.map((item, i) => toItem(item, i))
    const publicItems = items.filter((i) => i.public)
    const confidentialItems = items.filter((i) => !i.public)
    const invitation = fileRef(m.invitationUrl)
    const extra = [m.resultsProtocolUrl, m.verbatimProtocolUrl, ...m.auxiliaryFileUrls].map(fileRef).filter((f): f is FileRef => !!f)
    const doc: MeetingDoc = {
      type: 'meeting',
      id,
      organization: { id: org.id, name: orgRow.row.name, shortName: orgRow.row.shortName },
      name: cut(m.name ?? `${orgRow.row.name} am ${m.start.slice(0, 10)}`, 300),
      start: m.start,
      location,
      state: m.cancelled ? 'cancelled' : held ? 'held' : 'invited',
      agendaItems: publicItems.slice(0, 500),
      source: { system: systemUrl, url: m.url },
    }
    if (m.end) doc.end = m.end
    if (m.locationUrl && locationIdOf.has(m.locationUrl)) doc.locationId = locationIdOf.get(m.locationUrl)!
    if (invitation) doc.invitation = invitation
    if (extra.length) doc.files = dedupeFiles(extra)
    if (m.cancelled) doc.cancelledReason = 'abgesagt (laut Altsystem)'
    if (publicItems.length > 500) report('skipped', 'invalid-value', m.url, `${publicItems.length} public agenda items: the first 500 are imported`)
    meetings.push({
      url: m.url,
      id,
      organizationId: org.id,
      public: doc,
      confidential: confidentialItems.length ? { type: 'meeting-confidential', meetingId: id, agendaItems: confidentialItems.slice(0, 500) } : null,
    })
  }

  return { town, terms, organizations, departments, persons, memberships, locations, meetings, papers, deleted, entries }
}

function dedupeFiles(files: FileRef[]): FileRef[] {
  const seen = new Set<string>()
  return files.filter((f) => (seen.has(f.sha256) ? false : (seen.add(f.sha256), true)))
}
