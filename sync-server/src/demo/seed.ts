/**
 * Persists the generated demo town into an empty relay: structure and users into SQLite, papers and
 * meetings as Automerge documents with their audiences, attachments as blobs. Documents are flushed
 * and evicted as they are written, so memory stays flat even with --scale 10.
 */
import * as A from '@automerge/automerge'
import { generateAutomergeUrl, parseAutomergeUrl, type AutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import { defaultAccess, type AgendaItem, type FileRef, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc, type PaperSummary, type RatstischDoc } from '@ratstisch/domain'
import { getSetting, setSetting } from '../db/database.ts'
import type { Relay } from '../relay.ts'
import { DEMO_PASSWORD, generateDemoTown, type DemoAgendaItem, type DemoMeeting, type DemoPaper, type DemoTown } from './demo-town.ts'
import { renderDemoPdf } from './demo-pdf.ts'

export interface SeedReport {
  skipped: boolean
  users: number
  organizations: number
  persons: number
  papers: number
  meetings: number
  documents: number
  files: number
  bytes: number
  seconds: number
}

export function firstOfMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`
}

export async function seedDemoTown(
  relay: Relay,
  options: { anchorDate?: string; scale?: number; log?: (line: string) => void } = {},
): Promise<SeedReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const empty: SeedReport = { skipped: true, users: 0, organizations: 0, persons: 0, papers: 0, meetings: 0, documents: 0, files: 0, bytes: 0, seconds: 0 }
  if (getSetting(relay.db, 'demo.seeded') || relay.users.count() > 0) return empty

  const town = generateDemoTown({ anchorDate: options.anchorDate ?? firstOfMonth(), scale: options.scale ?? 1 })
  writeStructure(relay, town)
  for (const user of town.users) {
    await relay.users.create({ ...user, password: DEMO_PASSWORD, department: user.department })
  }
  log(`demo: ${town.users.length} users, ${town.organizations.length} organizations, ${town.persons.length} persons`)

  const seeder = new DocumentSeeder(relay)
  const papers = new Map<string, { summary: PaperSummary; files: FileRef[]; public: boolean }>()
  for (const paper of town.papers) {
    papers.set(paper.id, await seeder.paper(town, paper))
  }
  log(`demo: ${town.papers.length} papers, ${seeder.files} files`)
  for (const meeting of town.meetings) await seeder.meeting(meeting, town, papers)

  setSetting(relay.db, 'town.name', town.body.name)
  setSetting(relay.db, 'demo.seeded', new Date().toISOString())
  const report: SeedReport = {
    skipped: false,
    users: town.users.length,
    organizations: town.organizations.length,
    persons: town.persons.length,
    papers: town.papers.length,
    meetings: town.meetings.length,
    documents: seeder.documents,
    files: seeder.files,
    bytes: seeder.bytes,
    seconds: (performance.now() - started) / 1000,
  }
  log(`demo: ${report.meetings} meetings, ${report.documents} documents, ${report.files} files in ${report.seconds.toFixed(1)} s`)
  return report
}

function writeStructure(relay: Relay, town: DemoTown): void {
  const { db } = relay
  db.transaction(() => {
    const org = db.prepare('INSERT INTO organizations (id, name, short_name, organization_type, classification) VALUES (?, ?, ?, ?, ?)')
    for (const o of town.organizations) org.run(o.id, o.name, o.shortName, o.organizationType, o.classification)
    const person = db.prepare(
      'INSERT INTO persons (id, name, given_name, family_name, form_of_address, title, publish_consent) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    for (const p of town.persons) person.run(p.id, p.name, p.givenName, p.familyName, p.formOfAddress, p.title ?? null, p.publishConsent ? 1 : 0)
    const membership = db.prepare(
      'INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const m of town.memberships) {
      membership.run(m.id, m.personId, m.organizationId, m.role, m.votingRight ? 1 : 0, m.startDate, m.endDate ?? null, m.onBehalfOf ?? null)
    }
  })()
}

/** Writes documents one at a time straight to storage (see ARCHITECTURE.md, performance). */
class DocumentSeeder {
  documents = 0
  files = 0
  bytes = 0
  private readonly pdfCache = new Map<string, FileRef>()

  constructor(private readonly relay: Relay) {}

  async paper(town: DemoTown, paper: DemoPaper): Promise<{ summary: PaperSummary; files: FileRef[]; public: boolean }> {
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
    const doc: PaperDoc = {
      type: 'paper',
      id: paper.id,
      reference: paper.reference,
      name: paper.name,
      paperType: paper.paperType,
      date: paper.date,
      public: paper.public,
      department: paper.department,
      summary: paper.summary,
      files,
    }
    const handle = await this.create(doc, null, defaultAccess('paper', { public: paper.public, organizationIds: paper.consultationOrganizationIds }))
    return {
      summary: { url: handle.url, id: paper.id, reference: paper.reference, name: paper.name, paperType: paper.paperType },
      files,
      public: paper.public,
    }
  }

  async meeting(
    meeting: DemoMeeting,
    town: DemoTown,
    papers: Map<string, { summary: PaperSummary; files: FileRef[]; public: boolean }>,
  ): Promise<void> {
    const organization = town.organizations.find((o) => o.id === meeting.organizationId)
    if (!organization) throw new Error(`demo meeting ${meeting.id} refers to unknown organization ${meeting.organizationId}`)
    const toItem = (item: DemoAgendaItem): AgendaItem => {
      const paper = item.paperId ? papers.get(item.paperId) : undefined
      return {
        id: item.id,
        number: item.number,
        order: item.order,
        title: item.title,
        public: item.public,
        files: paper ? paper.files : [],
        ...(paper ? { paper: paper.summary } : {}),
        ...(item.resolutionProposal ? { resolutionProposal: item.resolutionProposal } : {}),
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
    await this.create(publicDoc, meeting.id, defaultAccess('meeting', {}))
    const confidentialItems = meeting.items.filter((i) => !i.public).map(toItem)
    const confidential: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: meeting.id, agendaItems: confidentialItems }
    const handle = await this.create(confidential, meeting.id, defaultAccess('meeting-confidential', { organizationIds: [organization.id] }))
    this.relay.meetings.setConfidentialDoc(meeting.id, handle.documentId)
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
  ): Promise<{ url: AutomergeUrl; documentId: DocumentId }> {
    const storage = this.relay.relayRepo.repo.storageSubsystem
    if (!storage) throw new Error('the relay has no storage')
    const url = generateAutomergeUrl()
    const { documentId } = parseAutomergeUrl(url)
    const content = stripUndefined(doc)
    await storage.saveDoc(documentId, A.from(content as unknown as Record<string, unknown>))
    this.relay.registry.register({ documentId, type: doc.type, meetingId, ownerId: null, ...access })
    this.relay.projection.project(documentId, content)
    this.documents++
    return { url, documentId }
  }
}

/** Automerge rejects `undefined` values; optional fields must be absent instead. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
