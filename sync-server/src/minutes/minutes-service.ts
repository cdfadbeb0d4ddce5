/**
 * Minutes (Niederschrift, § 58 KVG LSA) on the relay: one `minutes` document per part of a meeting,
 * generated from the meeting data, edited by the office while a draft, signed by the chair and the
 * minute-taker, approved in a later meeting of the same body, corrected afterwards only as a new
 * recorded version. `events` and `versions` are written by the relay only (docs/MEETINGS.md).
 *
 * generate-minutes while the minutes are a draft: sections the office has not touched since the
 * last generation are regenerated from the meeting data (new items appear, changed results are
 * picked up); sections the office edited are kept as they are. "Untouched" is decided from the
 * document's own history: the section text equals the text at the change that recorded the last
 * `generated` event. Once signed, generate-minutes is refused (409 `minutes-locked`).
 *
 * Commands are serialized like the paper commands: no `await` between reading a document and
 * writing the event. A repeated command id returns the first answer (table `meeting_commands`).
 */
import * as A from '@automerge/automerge'
import type { DocHandle, DocumentId } from '@automerge/automerge-repo'
// namespace import: resolved at call time, see minutes-routes.ts
import * as domain from '@ratstisch/domain'
import {
  defaultAccess,
  type MeetingCommand,
  type MeetingCommandResult,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type MinutesDoc,
  type MinutesEvent,
  type MinutesSection,
} from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import { MeetingError } from '../meetings/meeting-service.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { MeetingCatalogue, MeetingRow } from '../read-model/meeting-catalogue.ts'
import type { Projection } from '../read-model/projection.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'

/** Refusals use the meeting command route's error (status, code, German message). */
export { MeetingError as MinutesError }

export const MINUTES_ACTIONS = ['generate-minutes', 'sign-minutes', 'approve-minutes', 'correct-minutes'] as const
export type Part = MinutesDoc['part']
const PARTS: readonly Part[] = ['public', 'confidential']

export interface MinutesServiceDeps {
  db: RelayDatabase
  users: UserStore
  registry: AccessRegistry
  audit: AuditLog
  relayRepo: RelayRepo
  meetings: MeetingCatalogue
  projection: Projection
  townName: () => string
}

export interface MinutesRow {
  documentId: string
  meetingId: string
  part: Part
  state: string
  approvedAt: string | null
  updatedAt: string
}

/** JSON round trip: Automerge rejects `undefined` values. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const ID = /^[A-Za-z0-9_-]{8,100}$/

export class MinutesService {
  constructor(private readonly deps: MinutesServiceDeps) {}

  // -------------------------------------------------------------------------------------------
  // read model (table `minutes`)
  // -------------------------------------------------------------------------------------------

  rows(meetingId: string): MinutesRow[] {
    return (
      this.deps.db
        .prepare('SELECT doc_id, meeting_id, part, state, approved_at, updated_at FROM minutes WHERE meeting_id = ? ORDER BY part DESC')
        .all(meetingId) as { doc_id: string; meeting_id: string; part: Part; state: string; approved_at: string | null; updated_at: string }[]
    ).map((r) => ({ documentId: r.doc_id, meetingId: r.meeting_id, part: r.part, state: r.state, approvedAt: r.approved_at, updatedAt: r.updated_at }))
  }

  /** Projection of a minutes document into the read model (called by the projection on every change). */
  upsertRow(documentId: string, doc: MinutesDoc): void {
    if (!doc.meetingId || (doc.part !== 'public' && doc.part !== 'confidential')) return
    const derived = domain.deriveMinutes(doc.events ?? [])
    this.deps.db
      .prepare(
        `INSERT INTO minutes (doc_id, meeting_id, part, state, approved_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, approved_at = excluded.approved_at, updated_at = excluded.updated_at`,
      )
      .run(documentId, doc.meetingId, doc.part, derived.state, derived.approval?.at ?? null, new Date().toISOString())
  }

  // -------------------------------------------------------------------------------------------
  // commands
  // -------------------------------------------------------------------------------------------

  async command(userId: string, meetingId: string, cmd: MeetingCommand): Promise<MeetingCommandResult> {
    if (!cmd || typeof cmd.id !== 'string' || !ID.test(cmd.id)) throw new MeetingError(400, 'bad-request', 'Ungültige Befehls-ID')
    if (!(MINUTES_ACTIONS as readonly string[]).includes(cmd.action)) throw new MeetingError(400, 'bad-request', `Unbekannter Schritt „${String(cmd.action)}“`)
    const previous = this.deps.db.prepare('SELECT result, user_id FROM meeting_commands WHERE id = ?').get(cmd.id) as { result: string; user_id: string } | undefined
    if (previous) {
      if (previous.user_id !== userId) throw new MeetingError(409, 'duplicate-id', 'Diese Befehls-ID wurde bereits verwendet')
      return { ...(JSON.parse(previous.result) as MeetingCommandResult), repeated: true }
    }
    const row = this.deps.meetings.get(meetingId)
    if (!row || !row.publicDocId) throw new MeetingError(404, 'not-found', 'Sitzung nicht gefunden')
    const roles = this.deps.users.roles(userId)
    const staff = roles.includes('clerk') || roles.includes('admin')
    const user = this.deps.users.byId(userId)
    const meetingHandle = await this.deps.relayRepo.handle<MeetingDoc>(row.publicDocId as DocumentId)
    const meeting = meetingHandle.doc()
    const mayChair = cmd.action === 'sign-minutes' && cmd.role === 'chair' && !!user?.personId && meeting?.chair?.personId === user.personId
    if (!staff && !mayChair) throw new MeetingError(403, 'forbidden', 'Nur die Verwaltung (Sitzungsdienst) bearbeitet Niederschriften')
    if (cmd.part !== undefined && !PARTS.includes(cmd.part)) throw new MeetingError(400, 'bad-request', 'Unbekannter Teil der Niederschrift')

    let result: MeetingCommandResult
    if (cmd.action === 'generate-minutes') result = await this.generate(userId, row, meeting, cmd)
    else {
      if (!cmd.part) throw new MeetingError(400, 'bad-request', 'Bitte den Teil (öffentlich / nichtöffentlich) angeben')
      const minutesRow = this.rows(meetingId).find((r) => r.part === cmd.part)
      if (!minutesRow) throw new MeetingError(409, 'no-minutes', 'Für diesen Teil ist noch keine Niederschrift erstellt')
      const handle = await this.deps.relayRepo.handle<MinutesDoc>(minutesRow.documentId as DocumentId)
      const by = { userId, name: user?.name ?? userId }
      if (cmd.action === 'sign-minutes') result = this.sign(handle, cmd, by, meeting, user?.personId ?? null)
      else if (cmd.action === 'approve-minutes') result = this.approve(handle, row, cmd, by)
      else result = this.correct(handle, cmd, by)
      await this.afterChange(minutesRow.documentId, handle, row)
    }
    this.deps.db
      .prepare('INSERT OR IGNORE INTO meeting_commands (id, meeting_id, user_id, action, at, result) VALUES (?, ?, ?, ?, ?, ?)')
      .run(cmd.id, meetingId, userId, cmd.action, new Date().toISOString(), JSON.stringify(result))
    this.deps.audit.write('minutes-command', userId, row.publicDocId, { meetingId, action: cmd.action, part: cmd.part ?? null, applied: result.applied })
    return result
  }

  private async generate(userId: string, row: MeetingRow, meeting: MeetingDoc, cmd: MeetingCommand): Promise<MeetingCommandResult> {
    if (!meeting?.live?.endedAt && meeting?.state !== 'held') throw new MeetingError(409, 'not-held', 'Die Niederschrift wird nach dem Ende der Sitzung erstellt')
    let confidential: MeetingConfidentialDoc | undefined
    if (row.confidentialDocId) confidential = (await this.deps.relayRepo.handle<MeetingConfidentialDoc>(row.confidentialDocId as DocumentId)).doc()
    const existing = this.rows(row.id)
    const parts = cmd.part ? [cmd.part] : PARTS
    const user = this.deps.users.byId(userId)
    const at = new Date().toISOString()
    // refuse before writing anything when a part is locked
    for (const part of parts) {
      const r = existing.find((x) => x.part === part)
      if (!r) continue
      const doc = (await this.deps.relayRepo.handle<MinutesDoc>(r.documentId as DocumentId)).doc()
      if (domain.deriveMinutes(doc.events ?? []).locked) throw new MeetingError(409, 'minutes-locked', 'Die Niederschrift ist unterschrieben und kann nicht neu erstellt werden – bitte „Berichtigen“ verwenden')
    }
    let regenerated = 0
    for (const part of parts) {
      const items = part === 'public' ? (meeting.agendaItems ?? []) : (confidential?.agendaItems ?? [])
      if (part === 'confidential' && !row.confidentialDocId) continue
      const sections = domain.buildMinutesSections({ meeting, items, part, organizationName: row.organizationName, townName: this.deps.townName() })
      const event: MinutesEvent = { id: `${cmd.id}-${part === 'public' ? 'p' : 'c'}`, kind: 'generated', at, by: userId, byName: user?.name ?? userId }
      const r = existing.find((x) => x.part === part)
      if (!r) {
        const doc: MinutesDoc = { type: 'minutes', meetingId: row.id, part, title: domain.minutesTitle(meeting, part), sections: plain(sections), events: [event], versions: [] }
        const handle = this.deps.relayRepo.repo.create<MinutesDoc>(doc)
        this.deps.registry.register({
          documentId: handle.documentId,
          type: 'minutes',
          meetingId: row.id,
          ownerId: null,
          ...defaultAccess('minutes', { organizationIds: [row.organizationId], public: false }),
        })
        await this.afterChange(handle.documentId, handle, row)
      } else {
        const handle = await this.deps.relayRepo.handle<MinutesDoc>(r.documentId as DocumentId)
        // --- serialized: read, compare, write ---
        const doc = handle.doc()
        if (domain.deriveMinutes(doc.events ?? []).locked) throw new MeetingError(409, 'minutes-locked', 'Die Niederschrift ist unterschrieben und kann nicht neu erstellt werden')
        const baseline = sectionsAtLastGeneration(doc)
        const next = mergeSections(doc.sections, sections, baseline)
        handle.change((d) => {
          d.title = domain.minutesTitle(meeting, part)
          const sameShape = d.sections.length === next.length && d.sections.every((s, i) => s.key === next[i].key)
          if (sameShape) {
            next.forEach((s, i) => {
              if (d.sections[i].title !== s.title) d.sections[i].title = s.title
              if (d.sections[i].text !== s.text) A.updateText(d, ['sections', i, 'text'], s.text)
            })
          } else d.sections = plain(next)
          d.events.push(plain(event))
        })
        regenerated++
        await this.afterChange(r.documentId, handle, row)
      }
    }
    return { applied: true, repeated: false, ...(regenerated ? { reason: 'Unveränderte Abschnitte wurden neu erstellt, bearbeitete Abschnitte blieben erhalten' } : {}) }
  }

  /**
   * Records a signature. The chair signs in the app when they have an account; otherwise the
   * office records the chair's (paper) signature: the event names the chair as the signer and the
   * office member as the one who recorded it. The minute-taker's signature is the signer's own.
   */
  private sign(
    handle: DocHandle<MinutesDoc>,
    cmd: MeetingCommand,
    by: { userId: string; name: string },
    meeting: MeetingDoc | undefined,
    personId: string | null,
  ): MeetingCommandResult {
    if (cmd.role !== 'chair' && cmd.role !== 'minute-taker') throw new MeetingError(400, 'bad-request', 'Bitte angeben, ob als Vorsitz oder als Protokollführung unterschrieben wird')
    const doc = handle.doc()
    const derived = domain.deriveMinutes(doc.events)
    if (derived.state === 'approved') throw new MeetingError(409, 'minutes-approved', 'Die Niederschrift ist bereits genehmigt')
    if ((cmd.role === 'chair' ? derived.chairSignature : derived.minuteTakerSignature) !== undefined) {
      throw new MeetingError(409, 'already-signed', cmd.role === 'chair' ? 'Der Vorsitz hat bereits unterschrieben' : 'Die Protokollführung hat bereits unterschrieben')
    }
    const chair = meeting?.chair
    const onBehalf = cmd.role === 'chair' && !!chair?.name && chair.personId !== personId
    const event: MinutesEvent = {
      id: cmd.id,
      kind: 'signed',
      at: new Date().toISOString(),
      by: by.userId,
      byName: onBehalf ? chair!.name : by.name,
      ...(onBehalf ? { recordedByName: by.name } : {}),
      role: cmd.role,
    }
    handle.change((d) => {
      d.events.push(plain(event))
    })
    return { applied: true, repeated: false }
  }

  private approve(handle: DocHandle<MinutesDoc>, row: MeetingRow, cmd: MeetingCommand, by: { userId: string; name: string }): MeetingCommandResult {
    const doc = handle.doc()
    const derived = domain.deriveMinutes(doc.events)
    if (derived.state === 'approved') throw new MeetingError(409, 'minutes-approved', 'Die Niederschrift ist bereits genehmigt')
    if (derived.state !== 'signed') throw new MeetingError(409, 'not-signed', 'Vor der Genehmigung unterschreiben Vorsitz und Protokollführung')
    if (typeof cmd.approvedInMeetingId !== 'string') throw new MeetingError(400, 'bad-request', 'Bitte die Sitzung angeben, in der genehmigt wurde')
    const later = this.deps.meetings.get(cmd.approvedInMeetingId)
    if (!later || later.organizationId !== row.organizationId || later.id === row.id) throw new MeetingError(400, 'bad-meeting', 'Genehmigt wird in einer späteren Sitzung desselben Gremiums')
    if (Date.parse(later.start) <= Date.parse(row.start)) throw new MeetingError(400, 'bad-meeting', 'Die genehmigende Sitzung muss nach dieser Sitzung stattfinden')
    if (cmd.approvedInItemId !== undefined && (typeof cmd.approvedInItemId !== 'string' || cmd.approvedInItemId.length > 100)) throw new MeetingError(400, 'bad-request', 'Ungültiger Tagesordnungspunkt')
    const event: MinutesEvent = {
      id: cmd.id,
      kind: 'approved',
      at: new Date().toISOString(),
      by: by.userId,
      byName: by.name,
      approvedIn: { meetingId: later.id, meetingName: later.name, ...(cmd.approvedInItemId ? { itemId: cmd.approvedInItemId } : {}) },
    }
    handle.change((d) => {
      d.events.push(plain(event))
    })
    return { applied: true, repeated: false }
  }

  private correct(handle: DocHandle<MinutesDoc>, cmd: MeetingCommand, by: { userId: string; name: string }): MeetingCommandResult {
    const reason = typeof cmd.reason === 'string' ? cmd.reason.trim() : ''
    if (!reason || reason.length > 2000) throw new MeetingError(400, 'bad-request', 'Bitte den Grund der Berichtigung angeben (höchstens 2.000 Zeichen)')
    const changes = cmd.sections && typeof cmd.sections === 'object' ? Object.entries(cmd.sections) : []
    if (changes.length === 0) throw new MeetingError(400, 'bad-request', 'Keine geänderten Abschnitte')
    const doc = handle.doc()
    const derived = domain.deriveMinutes(doc.events)
    if (!derived.locked) throw new MeetingError(409, 'not-locked', 'Der Entwurf wird direkt bearbeitet; berichtigt wird erst nach der Unterschrift')
    for (const [key, text] of changes) {
      if (!doc.sections.some((s) => s.key === key)) throw new MeetingError(400, 'bad-request', `Unbekannter Abschnitt „${key}“`)
      if (typeof text !== 'string' || text.length > 200_000) throw new MeetingError(400, 'bad-request', 'Abschnittstext ungültig oder zu lang')
    }
    if (changes.every(([key, text]) => doc.sections.find((s) => s.key === key)!.text === text)) throw new MeetingError(409, 'unchanged', 'Der Text ist unverändert')
    const at = new Date().toISOString()
    const version = derived.version + 1
    const event: MinutesEvent = { id: cmd.id, kind: 'corrected', at, by: by.userId, byName: by.name, reason, version }
    handle.change((d) => {
      d.versions.push({ version: derived.version, at, byName: by.name, reason, sections: doc.sections.map((s) => ({ key: s.key, title: s.title, text: s.text })) })
      for (const [key, text] of changes) {
        const i = d.sections.findIndex((s) => s.key === key)
        if (d.sections[i].text !== text) A.updateText(d, ['sections', i, 'text'], text)
      }
      d.events.push(plain(event))
    })
    return { applied: true, repeated: false }
  }

  /** Persist, keep the audience in step (approved public part → public), project. */
  private async afterChange(documentId: string, handle: DocHandle<MinutesDoc>, row: MeetingRow): Promise<void> {
    await this.deps.relayRepo.persist(documentId as DocumentId)
    const doc = handle.doc()
    this.updateAccess(documentId, doc, row.organizationId)
    this.deps.projection.project(documentId, doc)
  }

  /** The public part becomes public once approved; otherwise the body and the office read. */
  updateAccess(documentId: string, doc: MinutesDoc, organizationId: string): void {
    const current = this.deps.registry.get(documentId)
    if (!current || current.type !== 'minutes') return
    const approved = domain.deriveMinutes(doc.events ?? []).state === 'approved'
    const next = defaultAccess('minutes', { organizationIds: [organizationId], public: doc.part === 'public' && approved })
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
    if (same(current.readers, next.readers) && same(current.writers, next.writers)) return
    this.deps.registry.register({ ...current, ...next })
  }

  // -------------------------------------------------------------------------------------------
  // sync gate
  // -------------------------------------------------------------------------------------------

  /**
   * Writers' direct changes to a minutes document: only section texts, only while no signature
   * exists (judged on the relay's copy, so an edit made offline before the signature is refused
   * once the minutes are signed). Everything else is the relay's. Returns problems; empty = allowed.
   */
  checkWrite(_userId: string, before: A.Doc<unknown>, fork: A.Doc<unknown>): string[] {
    const prev = before as Partial<MinutesDoc> | undefined
    if (!prev || prev.type !== 'minutes') return ['the relay does not have these minutes yet']
    const next = fork as Partial<MinutesDoc>
    const problems: string[] = []
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    for (const field of ['type', 'meetingId', 'part', 'title', 'events', 'versions'] as const) {
      if (!same(prev[field], next[field])) problems.push(`minutes: ${field} is written by the relay only`)
    }
    const a = prev.sections ?? []
    const b = next.sections ?? []
    if (a.length !== b.length || a.some((s, i) => s.key !== b[i]?.key || s.title !== b[i]?.title)) problems.push('minutes: sections are added, removed or renamed by the relay only')
    else if (a.some((s, i) => s.text !== b[i].text) && domain.deriveMinutes(prev.events ?? []).locked) problems.push('minutes: signed minutes are changed by a correction only')
    return problems
  }
}

/** The sections as they were right after the last `generated` event (binary search over the history). */
export function sectionsAtLastGeneration(doc: A.Doc<MinutesDoc>): MinutesSection[] | undefined {
  const last = [...(doc.events ?? [])].reverse().find((e) => e.kind === 'generated')
  if (!last) return undefined
  const hashes = A.getAllChanges(doc).map((c) => A.decodeChange(c).hash!)
  let lo = 0
  let hi = hashes.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const view = A.view(doc, [hashes[mid]]) as A.Doc<MinutesDoc>
    if ((view.events ?? []).some((e) => e.id === last.id)) {
      found = mid
      hi = mid - 1
    } else lo = mid + 1
  }
  if (found < 0) return undefined
  return plain((A.view(doc, [hashes[found]]) as A.Doc<MinutesDoc>).sections)
}

/** New sections in the generated order; sections edited since the last generation keep their text (and stay even if gone from the meeting). */
export function mergeSections(current: readonly MinutesSection[], generated: readonly MinutesSection[], baseline: readonly MinutesSection[] | undefined): MinutesSection[] {
  const edited = (s: MinutesSection) => {
    const base = baseline?.find((b) => b.key === s.key)
    return !base || base.text !== s.text
  }
  const result = generated.map((g) => {
    const cur = current.find((c) => c.key === g.key)
    return cur && edited(cur) ? { key: g.key, title: g.title, text: cur.text } : { key: g.key, title: g.title, text: g.text }
  })
  for (const cur of current) if (!generated.some((g) => g.key === cur.key) && edited(cur)) result.push({ key: cur.key, title: cur.title, text: cur.text })
  return result
}
