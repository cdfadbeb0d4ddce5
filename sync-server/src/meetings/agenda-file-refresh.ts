/**
 * New file versions reach the meetings. When the office adds a version (or an annex) to a paper,
 * the agenda items presenting that paper in meetings not yet held or cancelled get the paper's
 * current files — in the public and the non-public part alike, each in its own document — so the
 * members' apps show "neuere Version online" and fetch it. Earlier versions stay readable through
 * the paper. Triggered by the sync gate when a writer's change moves a paper's current files.
 */
import * as A from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { currentFiles, refreshItemFiles, type AgendaItem, type FileRef, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc } from '@ratstisch/domain'
import { createHash } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayDatabase } from '../db/database.ts'
import { meetingNotice, type BodyNotice } from '../notify/notice-text.ts'
import type { Projection } from '../read-model/projection.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'

export interface AgendaFileRefreshDeps {
  db: RelayDatabase
  relayRepo: RelayRepo
  projection: Projection
  audit: AuditLog
  /** the set of files of a meeting changed (used for the "documents" notice) */
  onMeetingFilesChanged?: (meetingId: string) => void
  /** how long to wait for the accepted change to be applied before refreshing (default 100 ms) */
  settleMs?: number
}

/** JSON round trip: Automerge rejects `undefined` values. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
const shaSet = (files: readonly FileRef[]): string => [...new Set(files.map((f) => f.sha256))].sort().join(',')

/** Meetings whose agendas still change: not held (ended) and not cancelled. */
const OPEN_STATES = ['planned', 'invited', 'running']

export class AgendaFileRefresh {
  private readonly timers = new Map<DocumentId, NodeJS.Timeout>()
  private readonly running = new Set<Promise<unknown>>()

  constructor(private readonly deps: AgendaFileRefreshDeps) {}

  /** Sync gate hook: a writer's accepted change to a paper; refreshes meetings if its current files moved. */
  onPaperWrite(documentId: DocumentId, before: A.Doc<unknown>, fork: A.Doc<unknown>): void {
    const old = currentFiles((before as Partial<PaperDoc>).attachments)
    const now = currentFiles((fork as Partial<PaperDoc>).attachments)
    if (same(old, now)) return
    const heads = A.getHeads(fork)
    clearTimeout(this.timers.get(documentId))
    const timer = setTimeout(() => {
      this.timers.delete(documentId)
      const run = this.refresh(documentId, heads)
        .catch((error: unknown) => console.error(`[agenda-files] ${documentId}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.running.delete(run))
      this.running.add(run)
    }, this.deps.settleMs ?? 100)
    timer.unref()
    this.timers.set(documentId, timer)
  }

  /**
   * Sync gate hook: the office changed a meeting document directly (a file added to an item, an
   * item with documents added after the invitation): the members hear of it like of a new version.
   */
  onMeetingWrite(meetingId: string | null, before: A.Doc<unknown>, fork: A.Doc<unknown>): void {
    if (!meetingId) return
    const filesOf = (doc: A.Doc<unknown>) => shaSet(((doc as Partial<MeetingDoc>).agendaItems ?? []).flatMap((i) => i.files ?? []))
    if (filesOf(before) !== filesOf(fork)) this.deps.onMeetingFilesChanged?.(meetingId)
  }

  /** Waits for scheduled refreshes (tests). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await Promise.all([...this.running])
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, 20))
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  /**
   * Brings the files of every open meeting's items presenting this paper up to date. `heads`: the
   * paper's state to wait for (the change the gate accepted). Returns the meetings changed.
   */
  async refresh(paperDocumentId: DocumentId, heads?: A.Heads): Promise<string[]> {
    const paperHandle = await this.deps.relayRepo.handle<PaperDoc>(paperDocumentId)
    const deadline = Date.now() + 10_000
    while (heads && !A.hasHeads(paperHandle.doc(), heads) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
    const paper = paperHandle.doc()
    if (paper?.type !== 'paper') return []
    const rows = this.deps.db
      .prepare(
        `SELECT id, public_doc_id AS publicDocId, confidential_doc_id AS confidentialDocId FROM meetings
         WHERE state IN (SELECT value FROM json_each(?)) AND ended_at IS NULL`,
      )
      .all(JSON.stringify(OPEN_STATES)) as { id: string; publicDocId: string | null; confidentialDocId: string | null }[]
    const changedMeetings: string[] = []
    for (const row of rows) {
      let filesMoved = false
      for (const documentId of [row.publicDocId, row.confidentialDocId]) {
        if (!documentId) continue
        const result = await this.refreshDocument(documentId as DocumentId, paper)
        if (result.items > 0) {
          this.deps.audit.write('agenda-files-refreshed', null, documentId, { meetingId: row.id, paperId: paper.id, items: result.items, by: 'relay' })
        }
        filesMoved ||= result.filesMoved
      }
      if (filesMoved) {
        changedMeetings.push(row.id)
        this.deps.onMeetingFilesChanged?.(row.id)
      }
    }
    return changedMeetings
  }

  private async refreshDocument(documentId: DocumentId, paper: PaperDoc): Promise<{ items: number; filesMoved: boolean }> {
    const handle = await this.deps.relayRepo.handle<MeetingDoc | MeetingConfidentialDoc>(documentId)
    const doc = handle.doc()
    const updates = new Map<string, FileRef[]>()
    let filesMoved = false
    for (const item of (doc?.agendaItems ?? []) as AgendaItem[]) {
      if (item.paper?.id !== paper.id) continue
      const files = plain(item.files ?? [])
      const next = refreshItemFiles(files, paper.attachments)
      if (same(files, next)) continue
      updates.set(item.id, next)
      if (shaSet(files) !== shaSet(next)) filesMoved = true
    }
    if (updates.size === 0) return { items: 0, filesMoved: false }
    handle.change((d) => {
      for (const item of d.agendaItems) {
        const next = updates.get(item.id)
        if (next) item.files = plain(next)
      }
    })
    await this.deps.relayRepo.persist(documentId)
    // the read model learns the new blobs (readable by the meeting's audience) and their names
    this.deps.projection.project(documentId, handle.doc() as MeetingDoc | MeetingConfidentialDoc)
    return { items: updates.size, filesMoved }
  }

  /**
   * The "documents" notice of a meeting: public facts only, keyed by the meeting's current set of
   * files so the same state is never announced twice. Nothing for meetings members were not
   * invited to yet, or that were held or cancelled meanwhile.
   */
  async noticeFor(meetingId: string): Promise<BodyNotice | undefined> {
    const row = this.deps.db.prepare('SELECT public_doc_id AS publicDocId, confidential_doc_id AS confidentialDocId FROM meetings WHERE id = ?').get(meetingId) as
      | { publicDocId: string | null; confidentialDocId: string | null }
      | undefined
    if (!row?.publicDocId) return undefined
    const meeting = await this.deps.relayRepo.doc<MeetingDoc>(row.publicDocId as DocumentId)
    if (!meeting || !(meeting.releases ?? []).length || !OPEN_STATES.includes(meeting.state) || meeting.live?.endedAt) return undefined
    const confidential = row.confidentialDocId ? await this.deps.relayRepo.doc<MeetingConfidentialDoc>(row.confidentialDocId as DocumentId) : undefined
    const files = [...(meeting.agendaItems ?? []), ...(confidential?.agendaItems ?? [])].flatMap((i) => i.files ?? [])
    const state = createHash('sha256').update(shaSet(files)).digest('hex').slice(0, 16)
    return meetingNotice(meeting, 'documents', `documents:${meetingId}:${state}`)
  }
}
