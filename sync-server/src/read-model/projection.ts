/**
 * Keeps the read model (meeting catalogue, blob references with readable file names) in step with
 * the documents: on every change of a loaded document, debounced per document.
 */
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo'
import { displayFileName, fileRefsOf, type FileRef, type MeetingConfidentialDoc, type MeetingDoc, type MinutesDoc, type NotesDoc, type PaperDoc, type RatstischDoc } from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'
import type { PaperCatalogue } from '../papers/paper-catalogue.ts'
import type { MeetingCatalogue } from './meeting-catalogue.ts'

export class Projection {
  private readonly timers = new Map<DocumentId, NodeJS.Timeout>()
  private readonly watched = new WeakSet<DocHandle<unknown>>()

  constructor(
    private readonly registry: AccessRegistry,
    private readonly meetings: MeetingCatalogue,
    private readonly blobs: BlobRegistry,
    private readonly papers: PaperCatalogue,
    private readonly debounceMs = 250,
  ) {}

  /** Called after a paper was projected (the relay keeps the paper's audience in step). */
  onPaper: ((documentId: string, doc: PaperDoc) => void) | undefined
  /** Called after a meeting document (either part) was projected (results flow into the papers). */
  onMeeting: ((documentId: string, doc: MeetingDoc | MeetingConfidentialDoc) => void) | undefined
  /** Projects a minutes document into the read model (table `minutes`, written by the minutes service). */
  onMinutes: ((documentId: string, doc: MinutesDoc) => void) | undefined

  attach(repo: Repo): void {
    repo.on('document', ({ handle }) => this.watch(handle as DocHandle<unknown>))
    // automerge-repo 2.x announces no new handles: start watching a document when a peer's sync
    // message for it arrives (emitted before the message is applied, so its change is seen)
    repo.on('doc-metrics', (event) => {
      if (event.type !== 'receive-sync-message') return
      const handle = repo.handles[event.documentId]
      if (handle) this.watch(handle as DocHandle<unknown>)
    })
    for (const handle of Object.values(repo.handles)) this.watch(handle as DocHandle<unknown>)
  }

  private watch(handle: DocHandle<unknown>): void {
    if (this.watched.has(handle)) return
    this.watched.add(handle)
    handle.on('change', () => this.schedule(handle))
  }

  private schedule(handle: DocHandle<unknown>): void {
    const id = handle.documentId
    clearTimeout(this.timers.get(id))
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id)
        if (handle.isReady()) this.project(id, handle.doc() as RatstischDoc)
      }, this.debounceMs),
    )
  }

  /** Projects one document now (also used by the seeder). */
  project(documentId: string, doc: RatstischDoc): void {
    const entry = this.registry.get(documentId)
    if (!entry || !doc || doc.type !== entry.type) return
    switch (doc.type) {
      case 'meeting':
        this.meetings.upsertFromDoc(doc, documentId)
        this.blobs.replaceRefs(documentId, this.meetingFileNames(doc, doc))
        this.onMeeting?.(documentId, doc)
        break
      case 'meeting-confidential': {
        const row = this.meetings.get(doc.meetingId)
        const context = { start: row?.start, organization: { name: row?.organizationName } }
        this.blobs.replaceRefs(documentId, this.meetingFileNames(context, doc))
        this.onMeeting?.(documentId, doc)
        break
      }
      case 'minutes':
        this.onMinutes?.(documentId, doc)
        break
      case 'notes':
        this.blobs.replaceRefs(documentId, this.uploadFileNames(documentId, entry.ownerId, doc))
        break
      case 'paper':
        this.blobs.replaceRefs(documentId, this.paperFileNames(doc))
        this.papers.upsertFromDoc(doc, documentId)
        this.onPaper?.(documentId, doc)
        break
      default:
        break
    }
  }

  flushPending(): void {
    for (const id of this.timers.keys()) clearTimeout(this.timers.get(id))
    this.timers.clear()
  }

  private meetingFileNames(
    meeting: { start?: string; organization?: { name?: string; shortName?: string } },
    doc: MeetingDoc | MeetingConfidentialDoc,
  ): Array<{ sha256: string; displayName: string }> {
    const result: Array<{ sha256: string; displayName: string }> = []
    const bodyName = meeting.organization?.shortName ?? meeting.organization?.name
    if (doc.type === 'meeting' && doc.invitation) {
      result.push({
        sha256: doc.invitation.sha256,
        displayName: displayFileName({ meetingStart: meeting.start, bodyName, title: 'Einladung' }, doc.invitation.name, doc.invitation.mime),
      })
    }
    // released letters and agendas (invitation, Nachträge; the non-public agenda in its own document)
    for (const release of Array.isArray(doc.releases) ? doc.releases : []) {
      const r = release as { letter?: FileRef; agenda?: FileRef }
      for (const file of [r.letter, r.agenda]) {
        if (file && typeof file.sha256 === 'string' && typeof file.name === 'string') result.push({ sha256: file.sha256, displayName: file.name })
      }
    }
    // further documents of the meeting (imported protocols and auxiliary files)
    if (doc.type === 'meeting') {
      for (const file of Array.isArray(doc.files) ? doc.files : []) {
        if (file && typeof file.sha256 === 'string' && typeof file.name === 'string') {
          result.push({ sha256: file.sha256, displayName: displayFileName({ meetingStart: meeting.start, bodyName }, file.name, file.mime) })
        }
      }
    }
    for (const item of doc.agendaItems ?? []) {
      for (const file of item.files ?? []) {
        result.push({
          sha256: file.sha256,
          displayName: displayFileName({ meetingStart: meeting.start, bodyName, itemNumber: item.number, title: item.title }, file.name, file.mime),
        })
      }
    }
    return dedupe(result)
  }

  /**
   * A member's own uploads (NotesDoc.uploads). The notes document is written by its owner alone, so
   * a listed SHA-256 is taken only for a blob the owner uploaded or may read anyway: naming the hash
   * of somebody else's non-public file must not open it to the owner.
   */
  private uploadFileNames(documentId: string, ownerId: string | null, doc: NotesDoc): Array<{ sha256: string; displayName: string }> {
    if (!ownerId || !Array.isArray(doc.uploads)) return []
    const result: Array<{ sha256: string; displayName: string }> = []
    for (const upload of doc.uploads) {
      if (typeof upload?.sha256 !== 'string' || typeof upload.name !== 'string') continue
      const refs = this.blobs.refs(upload.sha256)
      const mayName =
        this.blobs.uploadedBy(upload.sha256) === ownerId ||
        refs.some((r) => r.documentId === documentId || this.registry.canRead(ownerId, r.documentId))
      if (mayName) result.push({ sha256: upload.sha256, displayName: upload.name.slice(0, 300) })
    }
    return dedupe(result)
  }

  private paperFileNames(doc: PaperDoc): Array<{ sha256: string; displayName: string }> {
    return dedupe(
      fileRefsOf(doc).map((file) => ({
        sha256: file.sha256,
        displayName: displayFileName({ title: `${doc.reference || 'Entwurf'} ${doc.name}` }, file.name, file.mime),
      })),
    )
  }
}

function dedupe<T extends { sha256: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((i) => (seen.has(i.sha256) ? false : (seen.add(i.sha256), true)))
}
