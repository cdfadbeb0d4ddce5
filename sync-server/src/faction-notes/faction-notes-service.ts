/**
 * The faction's shared notes on a meeting (`faction-notes` documents, see
 * packages/domain/src/annotations.ts): one document per meeting and faction, audience the
 * faction's current members (read and write) — neither the office nor other factions.
 *
 * - `open` finds or creates the document of the member's current faction for a meeting the member
 *   may read. Creating is race-free: deciding and inserting happen without an `await` in between,
 *   and the table's primary key (meeting, faction) settles it between relays.
 * - One current faction per member: a council member belongs to one faction at a time. When two
 *   faction memberships overlap (a change of faction recorded with overlapping dates), the one that
 *   started last is the current one; a client may name another of its active factions explicitly.
 * - Write rules on top of the structural validation (sync gate): an annotation belongs to its
 *   author (annotationAuthorshipProblems); shared annotations may only point at public files and
 *   shared notes only at public agenda items, because the faction's audience is not the audience of
 *   the meeting's non-public part (a faction colleague outside the committee must not read quotes
 *   from its non-public papers).
 * - Colleagues hear of new shared annotations and notes by Web Push (type "faction"), batched, with
 *   public facts only; the author never.
 */
import type * as A from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import {
  annotationAuthorshipProblems,
  changedNoteKeys,
  defaultAccess,
  isMembershipActive,
  sharedAdditions,
  type FactionNotesDoc,
  type MeetingDoc,
} from '@ratstisch/domain'
import { createHash } from 'node:crypto'
import { todayInBerlin, type AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'
import { NoticeBatcher } from '../notify/notice-batcher.ts'
import { meetingNotice, type BodyNotice } from '../notify/notice-text.ts'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'

export class FactionNotesError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
    /** the same in English, for clients that show English */
    readonly messageEn: string,
  ) {
    super(message)
  }
}

export interface FactionNotesDeps {
  db: RelayDatabase
  users: UserStore
  registry: AccessRegistry
  audit: AuditLog
  relayRepo: RelayRepo
  meetings: MeetingCatalogue
  blobs: BlobRegistry
  /** sends a notice (the notifier); absent: colleagues are not told */
  notify?: (notice: BodyNotice) => Promise<unknown>
  /** notices about shared notes are collected this long (default one minute) */
  noticeDelayMs?: number
  today?: () => string
}

export interface FactionRef {
  id: string
  name: string
}

export interface OpenedFactionNotes {
  url: string
  factionId: string
  factionName: string
  created: boolean
}

const NO_MEETING = () => new FactionNotesError(404, 'not-found', 'Sitzung nicht gefunden', 'Meeting not found')

export class FactionNotesService {
  private readonly notices: NoticeBatcher<string>
  private readonly today: () => string

  constructor(private readonly deps: FactionNotesDeps) {
    this.today = deps.today ?? todayInBerlin
    this.notices = new NoticeBatcher<string>(
      (batchKey, items) => this.noticeFor(batchKey, items),
      (notice) => deps.notify?.(notice) ?? Promise.resolve(),
      deps.noticeDelayMs ?? 60_000,
    )
  }

  /** The member's factions with a membership active today, the current one first. */
  factions(userId: string): FactionRef[] {
    const today = this.today()
    return this.deps.users
      .memberships(userId)
      .filter((m) => m.organizationType === 'Fraktion' && isMembershipActive(m, today))
      .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.organizationId.localeCompare(b.organizationId))
      .map((m) => ({ id: m.organizationId, name: m.organizationName }))
  }

  /** The faction's notes document for a meeting, created on first use. */
  async open(userId: string, meetingId: string, requestedFactionId?: string): Promise<OpenedFactionNotes> {
    const meeting = this.deps.meetings.get(meetingId)
    if (!meeting?.publicDocId || !this.deps.registry.canRead(userId, meeting.publicDocId)) throw NO_MEETING()
    const factions = this.factions(userId)
    if (factions.length === 0) {
      throw new FactionNotesError(
        404,
        'no-faction',
        'Sie gehören keiner Fraktion an: Notizen mit einer Fraktion teilen können nur Fraktionsmitglieder.',
        'You are not a member of a faction: only faction members can share notes with their faction.',
      )
    }
    const faction = requestedFactionId ? factions.find((f) => f.id === requestedFactionId) : factions[0]
    if (!faction) {
      throw new FactionNotesError(404, 'not-member', 'Sie sind nicht Mitglied dieser Fraktion.', 'You are not a member of this faction.')
    }

    // --- from here to the insert: no await (creation is decided once) ---
    const existing = this.documentOf(meetingId, faction.id)
    if (existing) {
      this.ensureRegistered(existing, meetingId, faction.id)
      return { url: `automerge:${existing}`, factionId: faction.id, factionName: faction.name, created: false }
    }
    const doc: FactionNotesDoc = { type: 'faction-notes', factionId: faction.id, meetingId, annotations: {}, notes: {} }
    const handle = this.deps.relayRepo.repo.create<FactionNotesDoc>(doc)
    const inserted = this.deps.db
      .prepare(
        `INSERT INTO faction_notes (meeting_id, faction_id, document_id, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id, faction_id) DO NOTHING`,
      )
      .run(meetingId, faction.id, handle.documentId, new Date().toISOString(), userId)
    if (inserted.changes === 0) {
      // another relay created it between our read and our insert: use theirs, drop ours
      this.deps.relayRepo.repo.delete(handle.documentId)
      const theirs = this.documentOf(meetingId, faction.id)!
      this.ensureRegistered(theirs, meetingId, faction.id)
      return { url: `automerge:${theirs}`, factionId: faction.id, factionName: faction.name, created: false }
    }
    this.ensureRegistered(handle.documentId, meetingId, faction.id)
    // --- end of the serialized part ---
    await this.deps.relayRepo.persist(handle.documentId)
    this.deps.audit.write('faction-notes-created', userId, handle.documentId, { meetingId, factionId: faction.id })
    return { url: handle.url, factionId: faction.id, factionName: faction.name, created: true }
  }

  private documentOf(meetingId: string, factionId: string): string | undefined {
    const row = this.deps.db.prepare('SELECT document_id FROM faction_notes WHERE meeting_id = ? AND faction_id = ?').get(meetingId, factionId) as
      | { document_id: string }
      | undefined
    return row?.document_id
  }

  private ensureRegistered(documentId: string, meetingId: string, factionId: string): void {
    if (this.deps.registry.get(documentId)?.type === 'faction-notes') return
    this.deps.registry.register({
      documentId,
      type: 'faction-notes',
      meetingId,
      ownerId: null,
      ...defaultAccess('faction-notes', { organizationIds: [factionId] }),
    })
  }

  /** Sync gate: problems with a faction member's change (English, for the audit log); empty = allowed. */
  async checkWrite(userId: string, documentId: string, before: A.Doc<unknown>, fork: A.Doc<unknown>): Promise<string[]> {
    const old = before as Partial<FactionNotesDoc>
    const now = fork as FactionNotesDoc
    if (old.type !== 'faction-notes') return ['the relay does not have this faction document yet']
    const user = this.deps.users.byId(userId)
    const problems = annotationAuthorshipProblems(old.annotations, now.annotations, { userId, name: user?.name ?? '' })

    // shared annotations point at public files only (new ones, and anchors moved to another version)
    for (const [id, annotation] of Object.entries(now.annotations ?? {})) {
      const sha256 = annotation?.target?.sha256
      if (old.annotations?.[id]?.target?.sha256 === sha256) continue
      if (!this.isPublicFile(sha256)) problems.push(`annotation ${id.slice(0, 40)}: only annotations on public documents can be shared with the faction`)
    }

    // shared notes on public agenda items only
    const written = changedNoteKeys(old.notes, now.notes).filter((key) => (now.notes?.[key] ?? '').trim() !== '')
    if (written.length > 0) {
      const publicItems = await this.publicItemIds(documentId)
      for (const key of written) if (!publicItems.has(key)) problems.push(`note ${key.slice(0, 40)}: shared notes belong to public agenda items of the meeting`)
    }
    return problems.slice(0, 20)
  }

  /** Sync gate: an accepted change; colleagues hear of new shared annotations and notes. */
  afterWrite(userId: string, documentId: string, before: A.Doc<unknown>, fork: A.Doc<unknown>): void {
    const added = sharedAdditions(before as Partial<FactionNotesDoc>, fork as FactionNotesDoc)
    const items = [...added.annotations.map((id) => `a:${id}`), ...added.notes.map((key) => `n:${key}`)]
    if (items.length > 0) this.notices.add(`${documentId}|${userId}`, items)
  }

  /** Sends collected notices now (tests). */
  flushNotices(): Promise<void> {
    return this.notices.flush()
  }

  stop(): void {
    this.notices.cancel()
  }

  /** A blob anybody signed in may read: referenced by a document whose audience is `public`. */
  private isPublicFile(sha256: unknown): boolean {
    if (typeof sha256 !== 'string') return false
    return this.deps.blobs.refs(sha256).some((ref) => this.deps.registry.get(ref.documentId)?.readers.includes('public'))
  }

  private async publicItemIds(documentId: string): Promise<Set<string>> {
    const meetingId = this.deps.registry.get(documentId)?.meetingId
    const publicDocId = meetingId ? this.deps.meetings.get(meetingId)?.publicDocId : undefined
    if (!publicDocId) return new Set()
    const meeting = await this.deps.relayRepo.doc<MeetingDoc>(publicDocId as DocumentId)
    return new Set((meeting?.agendaItems ?? []).filter((i) => i.public).map((i) => i.id))
  }

  /** The batch's notice: the meeting's public facts, to the faction's members except the author. */
  private async noticeFor(batchKey: string, items: ReadonlySet<string>): Promise<BodyNotice | undefined> {
    const [documentId, authorId] = batchKey.split('|')
    const entry = this.deps.registry.get(documentId)
    const factionId = entry?.writers[0]?.startsWith('org:') ? entry.writers[0].slice(4) : undefined
    const meetingRow = entry?.meetingId ? this.deps.meetings.get(entry.meetingId) : undefined
    if (!entry || !factionId || !meetingRow?.publicDocId) return undefined
    const meeting = await this.deps.relayRepo.doc<MeetingDoc>(meetingRow.publicDocId as DocumentId)
    if (!meeting) return undefined
    const faction = this.deps.db.prepare('SELECT name FROM organizations WHERE id = ?').get(factionId) as { name: string } | undefined
    const batch = createHash('sha256').update([...items].sort().join('\n')).digest('hex').slice(0, 16)
    return {
      ...meetingNotice(meeting, 'faction', `faction:${documentId}:${authorId}:${batch}`),
      faction: { id: factionId, name: faction?.name ?? '' },
      exceptUserIds: [authorId],
    }
  }
}
