/**
 * The demo town ("Musterstadt", sync-server/src/demo) as the search index sees it on a member's
 * device that holds every released meeting: the same documents the relay seeds (meeting parts,
 * papers with their attachments as rendered PDFs), turned into search sources by the app's own
 * builders (search-sources.ts). For the relevance test and the search benchmark; never bundled.
 */
import { createHash } from 'node:crypto'
import { currentFiles, type AgendaItem, type MeetingConfidentialDoc, type MeetingDoc, type MeetingMeta, type PaperDoc } from '@ratstisch/domain'
import { renderDemoPdf } from '../../../../sync-server/src/demo/demo-pdf.ts'
import { generateDemoTown, type DemoMeeting, type DemoPaper, type DemoTown } from '../../../../sync-server/src/demo/demo-town.ts'
import { extractPageTexts, type PdfJsTextApi, SearchEngine, type SearchSource } from '@ratstisch/search'
import { catalogueSource, meetingPartSource, meetingRefOf, paperSource } from '../search-sources.ts'

export interface DemoPdf {
  name: string
  bytes: Uint8Array
}

export interface DemoSearchCorpus {
  town: DemoTown
  meetings: MeetingDoc[]
  papers: PaperDoc[]
  /** in indexing order: catalogue entries, then per meeting its parts and papers */
  sources: SearchSource[]
  /** sha256 -> rendered PDF */
  pdfs: Map<string, DemoPdf>
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export async function demoSearchCorpus(options: { anchorDate: string; scale?: number }): Promise<DemoSearchCorpus> {
  const town = generateDemoTown({ anchorDate: options.anchorDate, scale: options.scale ?? 1 })
  const pdfs = new Map<string, DemoPdf>()
  const papers = new Map<string, PaperDoc>()
  const orgName = new Map(town.organizations.map((o) => [o.id, o]))
  for (const demo of town.papers) papers.set(demo.id, await paperDocOf(town, demo, pdfs, (id) => orgName.get(id)?.name ?? id))

  const sources: SearchSource[] = []
  const meetings: MeetingDoc[] = []
  const paperVia = new Map<string, string>()
  // members see released meetings; the ones still being planned are the office's
  const released = town.meetings.filter((m) => m.state !== 'planned').sort((a, b) => a.start.localeCompare(b.start))
  for (const m of released) sources.push(catalogueSource(m.id, metaOf(town, m)))
  for (const m of released) {
    const org = orgName.get(m.organizationId)
    if (!org) continue
    const toItem = (item: DemoMeeting['items'][number]): AgendaItem => {
      const paper = item.paperId ? papers.get(item.paperId) : undefined
      return {
        id: item.id,
        number: item.number,
        order: item.order,
        title: item.title,
        public: item.public,
        files: paper ? currentFiles(paper.attachments) : [],
        ...(paper ? { paper: { url: `automerge:${paper.id}`, id: paper.id, reference: paper.reference, name: paper.name, paperType: paper.paperType } } : {}),
        ...(item.resolutionProposal ? { resolutionProposal: item.resolutionProposal } : {}),
      }
    }
    const doc: MeetingDoc = {
      type: 'meeting',
      id: m.id,
      organization: { id: org.id, name: org.name, shortName: org.shortName },
      name: m.name,
      start: m.start,
      end: m.end,
      location: m.location,
      state: m.state,
      agendaItems: m.items.filter((i) => i.public).map(toItem),
    }
    const confidential: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: m.id, agendaItems: m.items.filter((i) => !i.public).map(toItem) }
    meetings.push(doc)
    const ref = meetingRefOf(doc)
    sources.push(meetingPartSource(`pub-${m.id}`, 'v1', doc, ref))
    sources.push(meetingPartSource(`conf-${m.id}`, 'v1', confidential, ref))
    for (const item of m.items) {
      const paper = item.paperId ? papers.get(item.paperId) : undefined
      if (!paper || paperVia.has(paper.id)) continue
      paperVia.set(paper.id, m.id)
      sources.push(paperSource(`doc-${paper.id}`, 'v1', paper, ref))
    }
  }
  return { town, meetings, papers: [...papers.values()].filter((p) => paperVia.has(p.id)), sources, pdfs }
}

/** An engine holding the whole corpus, PDF text extracted with pdf.js as in the search worker. */
export async function demoSearchEngine(corpus: DemoSearchCorpus, pdfjs: PdfJsTextApi): Promise<SearchEngine> {
  const engine = new SearchEngine()
  for (const source of corpus.sources) engine.putSource(source)
  for (const { sha256, name } of engine.wantedFiles()) {
    const pdf = corpus.pdfs.get(sha256)
    if (pdf) engine.putFile(sha256, await extractPageTexts(pdfjs, pdf.bytes), name)
  }
  return engine
}

function metaOf(town: DemoTown, m: DemoMeeting): MeetingMeta {
  const org = town.organizations.find((o) => o.id === m.organizationId)
  return {
    name: m.name,
    start: m.start,
    end: m.end,
    state: m.state,
    organizationId: m.organizationId,
    organizationName: org?.name ?? m.organizationId,
    location: m.location.description,
  }
}

/** The paper document as the relay seeds it (seed.ts), its attachments rendered as there. */
async function paperDocOf(town: DemoTown, paper: DemoPaper, pdfs: Map<string, DemoPdf>, orgName: (id: string) => string): Promise<PaperDoc> {
  const createdAt = `${paper.date}T09:00:00.000Z`
  const attachments: PaperDoc['attachments'] = []
  for (const [i, attachment] of paper.attachments.entries()) {
    const bytes = await renderDemoPdf({
      town: town.body,
      title: attachment.title,
      reference: paper.reference,
      date: paper.date,
      paragraphs: attachment.paragraphs,
      pages: attachment.pages,
    })
    const sha256 = sha256Hex(bytes)
    pdfs.set(sha256, { name: attachment.name, bytes })
    attachments.push({
      id: `${paper.id}-a${i + 1}`,
      title: attachment.title,
      versions: [
        {
          sha256, name: attachment.name, mime: 'application/pdf', size: bytes.byteLength, pages: attachment.pages,
          version: 1, uploadedAt: createdAt, uploadedBy: 'demo', uploadedByName: paper.department, comment: '',
        },
      ],
    })
  }
  return {
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
    attachments,
    consultations: paper.consultationOrganizationIds.map((organizationId, i) => ({
      id: `${paper.id}-c${i + 1}`,
      organizationId,
      organizationName: orgName(organizationId),
      role: paper.consultationRoles[i] ?? 'Vorberatung',
    })),
    sharedWith: [],
    events: [],
  }
}
