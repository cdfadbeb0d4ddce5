/**
 * Persists the generated demo town into an empty relay: structure and users into SQLite, papers and
 * meetings as Automerge documents with their audiences, attachments as blobs. Documents are flushed
 * and evicted as they are written, so memory stays flat even with --scale 10.
 */
import * as A from '@automerge/automerge'
import { generateAutomergeUrl, parseAutomergeUrl, type AutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import {
  currentFiles,
  DEFAULT_REFERENCE_PREFIXES,
  defaultAccess,
  derivePaperWorkflow,
  paperAccess,
  type AgendaItem,
  type AgendaRelease,
  type Consultation,
  type ConsultationResult,
  type FileRef,
  type FileVersion,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type PaperDoc,
  type PaperSummary,
  type RatstischDoc,
  type WorkflowEvent,
} from '@ratstisch/domain'
import { meetingPdfFileName, renderAgendaPdf, type PdfFonts } from '@ratstisch/paper-pdf'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-node'
import { getSetting, setSetting } from '../db/database.ts'
import { seedDemoAllowances } from '../allowances/demo-allowances.ts'
import { outcomeCommandId } from '../minutes/meeting-outcomes.ts'
import type { Relay } from '../relay.ts'
import { storedBodySettings } from '../structure/structure-store.ts'
import { seedDemoDrafts } from './demo-drafts.ts'
import { demoMeetingOutcome, demoRoster, seedDemoLocations } from './demo-meetings.ts'
import { followUpDemoResolutions } from './demo-resolutions.ts'
import { DEMO_PASSWORD, generateDemoTown, type DemoAgendaItem, type DemoMeeting, type DemoPaper, type DemoTown } from './demo-town.ts'
import { addMarkerToPdf, renderDemoPdf } from './demo-pdf.ts'
import { markedEmail, markedFileName, markMeeting, markPaper } from './demo-marker.ts'
import { seedLeakTestRecords } from './demo-leak-records.ts'

export interface SeedReport {
  skipped: boolean
  users: number
  organizations: number
  persons: number
  papers: number
  /** papers in the administration's workflow (not yet released) */
  drafts: number
  meetings: number
  /** entries of the Beschlusskontrolle recorded from the held meetings */
  resolutions: number
  documents: number
  files: number
  bytes: number
  seconds: number
}

/**
 * Today in the town (Europe/Berlin): the demo's default anchor, so meetings before today are held
 * with their results and the ones ahead are invited or still being planned.
 */
export function townToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/**
 * `marker` (default: the relay's RATSTISCH_DEMO_MARKER) turns on the leak-test marker: see
 * demo-marker.ts for where it is written, demo-leak-records.ts for what is added with it.
 */
export async function seedDemoTown(
  relay: Relay,
  options: { anchorDate?: string; scale?: number; log?: (line: string) => void; marker?: string | null } = {},
): Promise<SeedReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const marker = options.marker === undefined ? relay.config.demoMarker : options.marker
  const empty: SeedReport = { skipped: true, users: 0, organizations: 0, persons: 0, papers: 0, drafts: 0, meetings: 0, resolutions: 0, documents: 0, files: 0, bytes: 0, seconds: 0 }
  if (getSetting(relay.db, 'demo.seeded') || relay.users.count() > 0) {
    if (marker) log('demo: RATSTISCH_DEMO_MARKER is ignored, the data directory already holds data (the marker is written into a fresh DATA_DIR only)')
    return empty
  }

  const town = generateDemoTown({ anchorDate: options.anchorDate ?? townToday(), scale: options.scale ?? 1 })
  writeStructure(relay, town, marker)
  // before the meetings: the invitation letters carry the town's name
  setSetting(relay.db, 'town.name', town.body.name)
  for (const user of town.users) {
    await relay.users.create({ ...user, password: DEMO_PASSWORD })
  }
  log(`demo: ${town.users.length} users, ${town.organizations.length} organizations, ${town.persons.length} persons`)

  const seeder = new DocumentSeeder(relay, marker)
  const papers = new Map<string, { summary: PaperSummary; files: FileRef[]; public: boolean }>()
  const consultations = consultationsOf(town)
  for (const paper of town.papers) {
    // a released non-public paper keeps that audience (only the public ones become public)
    const written = marker && !paper.public ? markPaper(paper, marker) : paper
    papers.set(paper.id, await seeder.paper(town, written, consultations.byPaper.get(paper.id) ?? [], consultations.itemOf))
  }
  log(`demo: ${town.papers.length} papers, ${seeder.files} files`)
  const locationOf = seedDemoLocations(relay.db, town)
  const nextOfBody = nextMeetingOfEachBody(town.meetings)
  for (const meeting of town.meetings) {
    // each body's next meeting has its invitation out, so members always see what comes next;
    // meetings further ahead are still being planned (office only until the release)
    const seeded: DemoMeeting = meeting.state === 'planned' && nextOfBody.has(meeting.id) ? { ...meeting, state: 'invited' } : meeting
    const written = marker ? markMeeting(seeded, marker, { officeOnly: seeded.state === 'planned' }) : seeded
    await seeder.meeting(written, town, papers, locationOf, consultations.ofItem)
    // the relay's own result flow (as after a real meeting): the papers already carry these
    // results under the same command ids, so only the Beschlusskontrolle is filled
    if (seeded.state === 'held') await relay.outcomes.settle(seeded.id)
  }
  const resolutions = followUpDemoResolutions(relay, town, undefined, marker)
  log(`demo: ${resolutions} resolutions in the Beschlusskontrolle`)
  const drafts = await seedDemoDrafts(town, (doc, access) => seeder.createPaper(doc, access), undefined, marker)
  log(`demo: ${drafts} papers in the administration's workflow`)
  const allowances = await seedDemoAllowances(relay, town, { anchorDate: options.anchorDate ?? townToday(), marker })
  log(`demo: allowances — Musterstadt statute, ${allowances.payees} bank accounts, ${allowances.claims} claims, ${allowances.assignments} assignments`)
  if (marker) {
    const extra = await seedLeakTestRecords(relay, town, marker, (doc, meetingId, access, ownerId) => seeder.createDocument(doc, meetingId, access, ownerId))
    // the member's notes went through the seeder; minutes and faction notes through the relay's services
    seeder.documents += extra.minutes + extra.factionNotes
    log(`demo (leak-test marker): ${extra.minutes} minutes, ${extra.circulars} circular, ${extra.notes + extra.factionNotes} notes documents`)
  }

  setSetting(relay.db, 'demo.seeded', new Date().toISOString())
  const report: SeedReport = {
    skipped: false,
    users: town.users.length,
    organizations: town.organizations.length,
    persons: town.persons.length,
    papers: town.papers.length,
    drafts,
    meetings: town.meetings.length,
    resolutions,
    documents: seeder.documents,
    files: seeder.files,
    bytes: seeder.bytes,
    seconds: (performance.now() - started) / 1000,
  }
  log(`demo: ${report.meetings} meetings, ${report.documents} documents, ${report.files} files in ${report.seconds.toFixed(1)} s`)
  return report
}

function writeStructure(relay: Relay, town: DemoTown, marker: string | null): void {
  const { db } = relay
  db.transaction(() => {
    const t = town.legislativeTerm
    db.prepare('INSERT INTO legislative_terms (id, name, start_date, end_date) VALUES (?, ?, ?, ?)').run(t.id, t.name, t.startDate, t.endDate)
    const dept = db.prepare('INSERT INTO departments (id, name, short_name, active) VALUES (?, ?, ?, 1)')
    for (const d of town.departments) dept.run(d.id, d.name, d.shortName)
    const org = db.prepare('INSERT INTO organizations (id, name, short_name, organization_type, classification) VALUES (?, ?, ?, ?, ?)')
    for (const o of town.organizations) org.run(o.id, o.name, o.shortName, o.organizationType, o.classification)
    const person = db.prepare(
      'INSERT INTO persons (id, name, given_name, family_name, form_of_address, title, publish_consent, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const taken = new Set<string>()
    for (const p of town.persons) {
      // without consent to publication a person's contact details are not public (the name is:
      // members appear in the public minutes)
      const email = marker && !p.publishConsent ? markedEmail(demoEmail(p, taken), marker) : demoEmail(p, taken)
      person.run(p.id, p.name, p.givenName, p.familyName, p.formOfAddress, p.title ?? null, p.publishConsent ? 1 : 0, email)
    }
    const membership = db.prepare(
      'INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const m of town.memberships) {
      membership.run(m.id, m.personId, m.organizationId, m.role, m.votingRight ? 1 : 0, m.startDate, m.endDate ?? null, m.onBehalfOf ?? null)
    }
  })()
}

/** "Jörg Müller-Weiß" -> "joerg.mueller-weiss@musterstadt.example" (a number added when taken). */
export function demoEmail(person: { givenName: string; familyName: string }, taken: Set<string>): string {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replaceAll('ä', 'ae')
      .replaceAll('ö', 'oe')
      .replaceAll('ü', 'ue')
      .replaceAll('ß', 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
  const local = `${fold(person.givenName)}.${fold(person.familyName)}`
  let address = `${local}@${DEMO_MAIL_DOMAIN}`
  for (let n = 2; taken.has(address); n++) address = `${local}${n}@${DEMO_MAIL_DOMAIN}`
  taken.add(address)
  return address
}

const DEMO_MAIL_DOMAIN = 'musterstadt.example'
/** the demo's Sitzungsdienst (user "clerk"): sends the invitations, keeps the minutes */
const DEMO_CLERK_ID = 'user-clerk'
const DEMO_MINUTE_TAKER = 'Sabine Krüger'

/** Writes documents one at a time straight to storage (see ARCHITECTURE.md, performance). */
class DocumentSeeder {
  documents = 0
  files = 0
  bytes = 0
  private readonly pdfCache = new Map<string, FileRef>()
  private fonts: Promise<PdfFonts> | undefined

  constructor(
    private readonly relay: Relay,
    /** the leak-test marker (RATSTISCH_DEMO_MARKER), if set */
    private readonly marker: string | null = null,
  ) {}

  async paper(
    town: DemoTown,
    paper: DemoPaper,
    consultations: Consultation[],
    itemOf: ReadonlyMap<string, string>,
  ): Promise<{ summary: PaperSummary; files: FileRef[]; public: boolean }> {
    const files: FileRef[] = []
    for (const attachment of paper.attachments) {
      const key = attachment.id
      let ref = this.pdfCache.get(key)
      if (!ref) {
        const bytes = await renderDemoPdf({
          town: town.body,
          title: attachment.title,
          reference: paper.reference,
          date: paper.date,
          paragraphs: attachment.paragraphs,
          pages: attachment.pages,
          ...(this.marker && !paper.public ? { marker: this.marker } : {}),
        })
        const { sha256, size } = await this.relay.blobStore.put(bytes)
        this.relay.blobs.add(sha256, size, 'application/pdf', null)
        ref = { sha256, name: attachment.name, mime: 'application/pdf', size, pages: attachment.pages }
        this.pdfCache.set(key, ref)
        this.files++
        this.bytes += size
      }
      files.push(ref)
    }
    const createdAt = `${addDays(paper.date, -14)}T09:00:00.000Z`
    const uploaded = (f: FileRef): FileVersion => ({
      ...f, version: 1, uploadedAt: createdAt, uploadedBy: 'demo', uploadedByName: paper.department, comment: '',
    })
    const doc: PaperDoc = {
      type: 'paper',
      id: paper.id,
      reference: paper.reference,
      name: paper.name,
      paperType: paper.paperType,
      date: paper.date,
      public: paper.public,
      departmentId: paper.departmentId,
      department: paper.department,
      summary: paper.summary,
      workflowId: 'default',
      createdBy: 'demo',
      createdAt,
      sections: paper.sections,
      attachments: files.map((f, i) => ({ id: `${paper.id}-a${i + 1}`, title: paper.attachments[i].title, versions: [uploaded(f)] })),
      consultations,
      sharedWith: [],
      events: historyOf(paper, consultations, createdAt, itemOf),
    }
    const number = parseReference(paper.reference)
    if (number) {
      doc.number = number.number
      doc.termId = town.legislativeTerm.id
      this.relay.papers.recordNumber(paper.id, town.legislativeTerm.id, number.prefix, number.number, createdAt)
    }
    await this.createPaper(doc, paperAccess(doc, derivePaperWorkflow(doc)))
    const handle = this.lastCreated!
    return {
      summary: { url: handle.url, id: paper.id, reference: paper.reference, name: paper.name, paperType: paper.paperType },
      // as a real agenda snapshots them: each file names its attachment and version, so a later
      // version is recognised as the same file (badges, re-anchored annotations)
      files: currentFiles(doc.attachments),
      public: paper.public,
    }
  }

  private lastCreated: { url: AutomergeUrl; documentId: DocumentId } | undefined

  async createPaper(doc: PaperDoc, access: { readers: string[]; writers: string[] }): Promise<{ url: AutomergeUrl; documentId: DocumentId }> {
    this.lastCreated = await this.create(doc, null, access)
    return this.lastCreated
  }

  async meeting(
    meeting: DemoMeeting,
    town: DemoTown,
    papers: Map<string, { summary: PaperSummary; files: FileRef[]; public: boolean }>,
    locationOf: (location: DemoMeeting['location']) => { id: string; accessibility?: string } | undefined = () => undefined,
    consultationOfItem: ReadonlyMap<string, { consultationId: string; result?: ConsultationResult }> = new Map(),
  ): Promise<void> {
    const organization = town.organizations.find((o) => o.id === meeting.organizationId)
    if (!organization) throw new Error(`demo meeting ${meeting.id} refers to unknown organization ${meeting.organizationId}`)
    const { roster, chair } = demoRoster(town, meeting)
    const outcome =
      meeting.state === 'held'
        ? demoMeetingOutcome({
            meeting,
            organizationName: organization.name,
            roster,
            chair,
            settings: storedBodySettings(null),
            minuteTaker: DEMO_MINUTE_TAKER,
            resultOf: (item) => consultationOfItem.get(item.id)?.result,
            paperReference: (item) => (item.paperId ? papers.get(item.paperId)?.summary.reference : undefined),
          })
        : undefined
    const toItem = (item: DemoAgendaItem): AgendaItem => {
      const paper = item.paperId ? papers.get(item.paperId) : undefined
      const consultation = consultationOfItem.get(item.id)
      return {
        id: item.id,
        number: item.number,
        order: item.order,
        title: item.title,
        public: item.public,
        files: paper ? paper.files : [],
        ...(paper ? { paper: paper.summary } : {}),
        ...(item.resolutionProposal ? { resolutionProposal: item.resolutionProposal } : {}),
        ...(consultation ? { consultationId: consultation.consultationId } : {}),
        ...(outcome?.items.get(item.id) ?? {}),
      }
    }
    const publicDoc: MeetingDoc = {
      type: 'meeting',
      id: meeting.id,
      organization: { id: organization.id, name: organization.name, shortName: organization.shortName },
      name: meeting.name,
      start: meeting.start,
      end: meeting.end,
      location: meeting.location,
      state: meeting.state,
      agendaItems: meeting.items.filter((i) => i.public).map(toItem),
    }
    const place = locationOf(meeting.location)
    if (place) publicDoc.locationId = place.id
    if (place?.accessibility) publicDoc.accessibility = place.accessibility
    publicDoc.roster = roster
    if (chair) publicDoc.chair = chair
    if (outcome) {
      publicDoc.attendance = outcome.attendance
      publicDoc.live = outcome.live
      publicDoc.minuteTaker = outcome.minuteTaker
    }
    const confidentialItems = meeting.items.filter((i) => !i.public).map(toItem)
    const confidential: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: meeting.id, agendaItems: confidentialItems }
    // an invited meeting has what the release command produces: letter, public and non-public agenda
    if (meeting.state === 'invited') await this.release(publicDoc, confidential, organization.name, chair?.name)
    // a meeting still being planned is seen by the office only until the release command
    const draft = meeting.state === 'planned'
    await this.create(publicDoc, meeting.id, defaultAccess('meeting', { draft }))
    const handle = await this.create(confidential, meeting.id, defaultAccess('meeting-confidential', { draft, organizationIds: [organization.id] }))
    this.relay.meetings.setConfidentialDoc(meeting.id, handle.documentId)
  }

  /**
   * The invitation as the release command makes it (MeetingService.renderReleasePdfs), sent
   * two weeks before the meeting (or today, if that is later), by the Sitzungsdienst. The release is
   * also noted as the relay notes a release command, so a Nachtrag lists its changes against it.
   */
  private async release(publicDoc: MeetingDoc, confidential: MeetingConfidentialDoc, organizationName: string, chairName: string | undefined): Promise<void> {
    const today = new Date().toISOString().slice(0, 10)
    const twoWeeksBefore = addDays(publicDoc.start.slice(0, 10), -14)
    const date = twoWeeksBefore < today ? twoWeeksBefore : today
    // with the leak-test marker the non-public agenda is rendered here, to carry the marker in its metadata too
    const separateConfAgenda = !!this.marker && confidential.agendaItems.length > 0
    const rendered = await this.relay.meetingService.renderReleasePdfs({
      meeting: publicDoc,
      confidentialItems: separateConfAgenda ? [] : confidential.agendaItems,
      organizationName,
      date,
      kind: 'invitation',
      version: 1,
      changes: [],
      ...(chairName ? { chairName } : {}),
    })
    const { letter, agenda } = rendered
    const confAgenda = separateConfAgenda ? await this.markedConfidentialAgenda(publicDoc, confidential, organizationName, date) : rendered.confAgenda
    const release: AgendaRelease = { version: 1, kind: 'invitation', at: new Date(`${date}T09:00:00+01:00`).toISOString(), byName: this.relay.users.byId(DEMO_CLERK_ID)?.name ?? DEMO_MINUTE_TAKER, letter, agenda, changes: [] }
    publicDoc.releases = [release]
    publicDoc.invitation = letter
    confidential.releases = confAgenda ? [{ version: 1, agenda: confAgenda }] : []
    this.relay.meetingService.noteRelease(publicDoc.id, DEMO_CLERK_ID, release.at, publicDoc.agendaItems)
    this.files += confAgenda ? 3 : 2
    this.bytes += letter.size + agenda.size + (confAgenda?.size ?? 0)
  }

  /**
   * The release's non-public agenda as MeetingService.renderReleasePdfs renders it, with the
   * leak-test marker added to its metadata before it is stored.
   */
  private async markedConfidentialAgenda(meeting: MeetingDoc, confidential: MeetingConfidentialDoc, organizationName: string, date: string): Promise<FileRef> {
    this.fonts ??= loadPdfFonts()
    const ctx = { townName: getSetting(this.relay.db, 'town.name') ?? 'Ratstisch', organizationName, date, version: 1 }
    const bytes = await addMarkerToPdf(await renderAgendaPdf(meeting, confidential.agendaItems, 'confidential', ctx, await this.fonts), this.marker!)
    const { sha256, size } = await this.relay.blobStore.put(bytes)
    this.relay.blobs.add(sha256, size, 'application/pdf', null)
    return { sha256, name: markedFileName(meetingPdfFileName(meeting, 'agenda', 'confidential', 1), this.marker!), mime: 'application/pdf', size }
  }

  /** A document of another kind (leak-test records: members' notes), written like the others. */
  createDocument<T extends RatstischDoc>(
    doc: T,
    meetingId: string | null,
    access: { readers: string[]; writers: string[] },
    ownerId: string | null = null,
  ): Promise<{ url: AutomergeUrl; documentId: DocumentId }> {
    return this.create(doc, meetingId, access, ownerId)
  }

  /**
   * Writes the document straight to the relay's storage, without a DocHandle: the relay loads it
   * lazily when someone asks. (Creating handles and unloading them raced automerge-repo's throttled
   * save, which could leave an empty snapshot behind; it also made memory grow with the town.)
   */
  private async create<T extends RatstischDoc>(
    doc: T,
    meetingId: string | null,
    access: { readers: string[]; writers: string[] },
    ownerId: string | null = null,
  ): Promise<{ url: AutomergeUrl; documentId: DocumentId }> {
    const storage = this.relay.relayRepo.repo.storageSubsystem
    if (!storage) throw new Error('the relay has no storage')
    const url = generateAutomergeUrl()
    const { documentId } = parseAutomergeUrl(url)
    const content = stripUndefined(doc)
    await storage.saveDoc(documentId, A.from(content as unknown as Record<string, unknown>))
    this.relay.registry.register({ documentId, type: doc.type, meetingId, ownerId, ...access })
    this.relay.projection.project(documentId, content)
    this.documents++
    return { url, documentId }
  }
}

/** The first meeting from now on of every body (not cancelled). */
function nextMeetingOfEachBody(meetings: readonly DemoMeeting[], now = Date.now()): Set<string> {
  const next = new Map<string, DemoMeeting>()
  for (const m of meetings) {
    if (m.state === 'cancelled' || Date.parse(m.start) < now) continue
    const current = next.get(m.organizationId)
    if (!current || Date.parse(m.start) < Date.parse(current.start)) next.set(m.organizationId, m)
  }
  return new Set([...next.values()].map((m) => m.id))
}

/** Automerge rejects `undefined` values; optional fields must be absent instead. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** "BV 160 (VIII/2024-2029)" -> { prefix: "BV", number: 160 } */
function parseReference(reference: string): { prefix: string; number: number } | undefined {
  const m = /^([A-Z]{1,4}) (\d+) \(/.exec(reference)
  if (!m || !Object.values(DEFAULT_REFERENCE_PREFIXES).includes(m[1])) return undefined
  return { prefix: m[1], number: Number(m[2]) }
}

/**
 * The Beratungsfolge of every demo paper, with results where its meeting has been held; and, per
 * agenda item, the consultation it handles (with that result) and per consultation its item.
 */
function consultationsOf(town: DemoTown): {
  byPaper: Map<string, Consultation[]>
  ofItem: Map<string, { consultationId: string; result?: ConsultationResult }>
  itemOf: Map<string, string>
} {
  const meetingOf = new Map<string, { meeting: DemoMeeting; itemId: string }>()
  for (const meeting of town.meetings) {
    for (const item of meeting.items) if (item.paperId) meetingOf.set(`${item.paperId}|${meeting.organizationId}`, { meeting, itemId: item.id })
  }
  const orgName = new Map(town.organizations.map((o) => [o.id, o.name]))
  const byPaper = new Map<string, Consultation[]>()
  const ofItem = new Map<string, { consultationId: string; result?: ConsultationResult }>()
  const itemOf = new Map<string, string>()
  for (const paper of town.papers) {
    byPaper.set(
      paper.id,
      paper.consultationOrganizationIds.map((organizationId, i) => {
        const role = paper.consultationRoles[i] ?? 'Vorberatung'
        const on = meetingOf.get(`${paper.id}|${organizationId}`)
        const meeting = on?.meeting
        const c: Consultation = { id: `${paper.id}-c${i + 1}`, organizationId, organizationName: orgName.get(organizationId) ?? organizationId, role }
        if (meeting) c.meetingId = meeting.id
        if (meeting?.state === 'held') {
          const outcome: ConsultationResult = role === 'Kenntnisnahme' ? 'zur Kenntnis genommen' : 'beschlossen'
          c.result = outcome
          c.resultAt = meeting.end
        }
        if (on) {
          ofItem.set(on.itemId, { consultationId: c.id, ...(c.result ? { result: c.result } : {}) })
          itemOf.set(c.id, on.itemId)
        }
        return c
      }),
    )
  }
  return { byPaper, ofItem, itemOf }
}

/**
 * A plausible history: sent for approval, released by the mayor, results of held meetings. A result
 * carries the command id the relay's result flow gives it (outcomeCommandId of meeting and item),
 * so when the relay settles the held meeting it finds the result recorded and does not add it twice.
 */
function historyOf(paper: DemoPaper, consultations: Consultation[], createdAt: string, itemOf: ReadonlyMap<string, string>): WorkflowEvent[] {
  const at = (date: string, time: string) => new Date(`${date}T${time}`).toISOString()
  const staff = { actor: 'demo', actorName: paper.department, roles: ['author' as const] }
  const events: WorkflowEvent[] = [
    { id: `${paper.id}-e1`, at: at(addDays(paper.date, -7), '09:30:00Z'), ...staff, action: 'request-approval' },
    {
      id: `${paper.id}-e2`, at: at(paper.date, '08:00:00Z'), actor: 'user-mayor', actorName: 'Bürgermeister', roles: ['approver'],
      action: 'release', reference: paper.reference,
    },
  ]
  const done = consultations.filter((c) => c.result)
  done.forEach((c, i) => {
    const itemId = itemOf.get(c.id)
    const id = c.meetingId && itemId && c.result ? outcomeCommandId(c.meetingId, itemId, c.result) : `${paper.id}-r${i + 1}`
    events.push({
      id, at: new Date(c.resultAt ?? createdAt).toISOString(), actor: 'user-clerk', actorName: 'Sitzungsdienst',
      roles: ['clerk'], action: 'consultation-result', consultationId: c.id, result: c.result, completes: i === consultations.length - 1,
    })
  })
  return events
}
