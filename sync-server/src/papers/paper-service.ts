/**
 * Papers on the relay: creation, server-checked workflow commands (with numbering at release),
 * the audience that follows the workflow, and the per-change write rules for the sync gate.
 *
 * Commands are serialized by the relay: reading the document, deciding, assigning a number and
 * appending the event happen without an `await` in between, so two releases arriving at the same
 * moment (two clients coming back online) get one number and one "not applied" entry, never two
 * numbers. The event's `at` is the relay's clock, so the history has one order for everyone.
 */
import * as A from '@automerge/automerge'
import type { DocHandle, DocumentId } from '@automerge/automerge-repo'
import {
  CONSULTATION_RESULTS,
  checkPaperWrite,
  derivePaperWorkflow,
  fileRefsOf,
  formatPaperReference,
  isPaperDraft,
  isConsultationClosed,
  nextPaperNumber,
  paperAccess,
  paperRolesOf,
  paperTypeDef,
  workflowOf,
  type ConsultationResult,
  type PaperActor,
  type PaperDoc,
  type PaperListEntry,
  type PaperType,
  type WorkflowEvent,
} from '@ratstisch/domain'
import { randomUUID } from 'node:crypto'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { Projection } from '../read-model/projection.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'
import type { PaperCatalogue } from './paper-catalogue.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'

export class PaperError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface PaperCommand {
  /** chosen by the client once; sending it again returns the first outcome */
  id: string
  action: string
  clientAt?: string
  comment?: string
  departments?: string[]
  dueDate?: string
  consultationId?: string
  result?: string
}

export interface CommandOutcome {
  applied: boolean
  reason?: string
  state: string
  reference: string
  event: WorkflowEvent
  /** the same command id had been processed before */
  repeated: boolean
}

export interface PaperServiceDeps {
  db: RelayDatabase
  users: UserStore
  registry: AccessRegistry
  audit: AuditLog
  relayRepo: RelayRepo
  catalogue: PaperCatalogue
  projection: Projection
  /** for the file-reference rule of the write gate (who uploaded a blob, where it is referenced) */
  blobs?: BlobRegistry
}

const isStr = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max
const ID = /^[A-Za-z0-9_-]{8,100}$/

/** The relay itself as the actor of results it records (meeting outcomes, circular decisions). */
export const SYSTEM_ACTOR = 'system'
const SYSTEM_ACTOR_NAME = 'Ratstisch (automatisch)'

/** JSON round trip: Automerge rejects `undefined` values. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/** A body's result for a paper, from a meeting's outcome or a circular decision. */
export interface ConsultationResultInput {
  paperId: string
  organizationId: string
  result: ConsultationResult
  note?: string
  /** idempotency: the same id again answers `repeated` and changes nothing */
  commandId: string
  meetingId?: string
  /** the consultation the agenda item handles (optional): used even when already closed, so a corrected result replaces it */
  consultationId?: string
}

export interface ConsultationResultAnswer {
  applied: boolean
  repeated: boolean
  reason?: string
}

/** What meeting outcomes and circulars need of the paper service. */
export interface ConsultationRecorder {
  recordConsultationResult(input: ConsultationResultInput): Promise<ConsultationResultAnswer>
}

export class PaperService {
  constructor(private readonly deps: PaperServiceDeps) {}

  actor(userId: string): PaperActor {
    const user = this.deps.users.byId(userId)
    return { userId, roles: this.deps.users.roles(userId), departmentId: user?.departmentId ?? null }
  }

  /** The list entry of a paper the user may read, else 404 (same answer for "missing" and "hidden"). */
  visible(userId: string, paperId: string): PaperListEntry {
    const entry = this.deps.catalogue.byId(paperId)
    if (!entry || !this.deps.registry.canRead(userId, entry.url.slice('automerge:'.length))) throw new PaperError(404, 'not-found', 'Vorlage nicht gefunden')
    return entry
  }

  async doc(userId: string, paperId: string): Promise<{ entry: PaperListEntry; doc: A.Doc<PaperDoc> }> {
    const entry = this.visible(userId, paperId)
    const handle = await this.deps.relayRepo.handle<PaperDoc>(entry.url.slice('automerge:'.length) as DocumentId)
    return { entry, doc: handle.doc() }
  }

  private department(id: unknown): { id: string; name: string } | undefined {
    if (!isStr(id, 100)) return undefined
    return this.deps.db.prepare('SELECT id, name FROM departments WHERE id = ? AND active = 1').get(id) as { id: string; name: string } | undefined
  }

  /** A new draft in the author's department (clerks may name any department). */
  async create(userId: string, input: { paperType?: unknown; name?: unknown; departmentId?: unknown }): Promise<PaperListEntry> {
    const actor = this.actor(userId)
    const isClerk = actor.roles.includes('clerk') || actor.roles.includes('admin')
    if (!isClerk && !actor.roles.includes('author')) throw new PaperError(403, 'forbidden', 'Nur Verfasserinnen und Verfasser der Verwaltung legen Vorlagen an')
    const type = typeof input.paperType === 'string' ? paperTypeDef(input.paperType) : undefined
    if (!type) throw new PaperError(400, 'bad-request', 'Unbekannte Vorlagenart')
    const name = typeof input.name === 'string' ? input.name.trim() : ''
    if (!name || name.length > 1000) throw new PaperError(400, 'bad-request', 'Bitte einen Titel angeben (höchstens 1.000 Zeichen)')
    const department = this.department(isClerk && input.departmentId ? input.departmentId : actor.departmentId)
    if (!department) throw new PaperError(400, 'bad-request', 'Keine gültige Abteilung: Ihrem Zugang ist keine Abteilung zugeordnet')
    const now = new Date()
    const doc: PaperDoc = {
      type: 'paper',
      id: `paper-${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      reference: '',
      name,
      paperType: type.id as PaperType,
      date: now.toISOString().slice(0, 10),
      public: false,
      departmentId: department.id,
      department: department.name,
      summary: '',
      workflowId: type.workflowId,
      createdBy: userId,
      createdAt: now.toISOString(),
      sections: type.sections.map((s) => ({ key: s.key, title: s.title, text: '' })),
      attachments: [],
      consultations: [],
      sharedWith: [],
      events: [],
    }
    const handle = this.deps.relayRepo.repo.create<PaperDoc>(doc)
    const access = paperAccess(doc, derivePaperWorkflow(doc))
    this.deps.registry.register({ documentId: handle.documentId, type: 'paper', meetingId: null, ownerId: null, ...access })
    await this.deps.relayRepo.persist(handle.documentId)
    this.deps.projection.project(handle.documentId, handle.doc())
    this.deps.audit.write('paper-created', userId, handle.documentId, { paperId: doc.id, paperType: doc.paperType })
    return this.deps.catalogue.byId(doc.id)!
  }

  async command(userId: string, paperId: string, input: unknown): Promise<CommandOutcome> {
    const cmd = parseCommand(input)
    const { entry } = await this.doc(userId, paperId)
    const documentId = entry.url.slice('automerge:'.length) as DocumentId
    const handle = await this.deps.relayRepo.handle<PaperDoc>(documentId)

    // --- from here to handle.change: no await (commands are serialized) ---
    const doc = handle.doc()
    const previous = doc.events.find((e) => e.id === cmd.id)
    if (previous) {
      const derived = derivePaperWorkflow(doc)
      const h = derived.history.find((x) => x.event.id === cmd.id)
      return { applied: !!h?.applied, reason: h?.reason, state: derived.state, reference: doc.reference, event: plain(previous), repeated: true }
    }
    const actor = this.actor(userId)
    const roles = paperRolesOf(actor, doc, derivePaperWorkflow(doc))
    const user = this.deps.users.byId(userId)
    return this.apply(documentId, handle, cmd, { userId, name: user?.name ?? userId, roles, departmentId: actor.departmentId ?? null }, paperId)
  }

  /**
   * Records a meeting's (or a circular decision's) result on the paper: the relay acts as the
   * clerk ("system" actor) through the same consultation-result path as a clerk's command.
   * Idempotent by `commandId` (the workflow event id); picks the paper's first open consultation
   * of that body (preferring `consultationId`, then one planned for `meetingId`). Not applied when the paper has no open
   * consultation of the body or its workflow state does not accept results.
   */
  async recordConsultationResult(input: ConsultationResultInput): Promise<ConsultationResultAnswer> {
    const entry = this.deps.catalogue.byId(input.paperId)
    if (!entry) return { applied: false, repeated: false, reason: 'Vorlage nicht gefunden' }
    const documentId = entry.url.slice('automerge:'.length) as DocumentId
    const handle = await this.deps.relayRepo.handle<PaperDoc>(documentId)
    // --- no await from here to handle.change (serialized with the clerks' commands) ---
    const doc = handle.doc()
    if (doc.events.some((e) => e.id === input.commandId)) {
      const h = derivePaperWorkflow(doc).history.find((x) => x.event.id === input.commandId)
      return { applied: !!h?.applied, repeated: true, reason: h?.reason }
    }
    const open = doc.consultations.filter((c) => c.organizationId === input.organizationId && !isConsultationClosed(c))
    const named = doc.consultations.find((c) => c.id === input.consultationId && c.organizationId === input.organizationId)
    const consultation = named ?? open.find((c) => input.meetingId && c.meetingId === input.meetingId) ?? open[0]
    if (!consultation) return { applied: false, repeated: false, reason: 'Keine offene Beratung dieses Gremiums' }
    const cmd: PaperCommand = { id: input.commandId, action: 'consultation-result', consultationId: consultation.id, result: input.result }
    if (input.note?.trim()) cmd.comment = input.note.trim().slice(0, 5000)
    const outcome = await this.apply(documentId, handle, cmd, { userId: SYSTEM_ACTOR, name: SYSTEM_ACTOR_NAME, roles: ['clerk'], departmentId: null }, doc.id, input.meetingId)
    return { applied: outcome.applied, repeated: false, reason: outcome.reason }
  }

  /** The serialized part of a command: decide, append the event, apply its effect (no await before handle.change). */
  private async apply(
    documentId: DocumentId,
    handle: DocHandle<PaperDoc>,
    cmd: PaperCommand,
    by: { userId: string; name: string; roles: WorkflowEvent['roles']; departmentId: string | null },
    paperId: string,
    meetingId?: string,
  ): Promise<CommandOutcome> {
    const userId = by.userId
    const doc = handle.doc()
    const def = workflowOf(doc)
    const roles = by.roles
    const actor = { departmentId: by.departmentId }

    const event: WorkflowEvent = {
      id: cmd.id,
      at: new Date().toISOString(),
      actor: userId,
      actorName: by.name,
      roles,
      action: cmd.action,
    }
    if (cmd.clientAt) event.clientAt = cmd.clientAt
    if (cmd.comment?.trim()) event.comment = cmd.comment.trim()

    if (cmd.action === 'cosign' || cmd.action === 'return-cosigning') {
      if (!roles.includes('cosigner') || !actor.departmentId) throw new PaperError(403, 'forbidden', 'Ihre Abteilung ist nicht zur Mitzeichnung aufgefordert')
      event.department = actor.departmentId
    } else {
      const transition = def.transitions.find((t) => t.action === cmd.action)
      if (!transition) throw new PaperError(400, 'bad-request', `Unbekannter Schritt „${cmd.action}“`)
      if (!transition.by.some((r) => roles.includes(r))) throw new PaperError(403, 'forbidden', `Keine Berechtigung für „${transition.label}“`)
    }
    if (cmd.action === 'request-cosigning' || cmd.action === 'share') {
      const departments = [...new Set(cmd.departments ?? [])].map((id) => this.department(id))
      if (departments.length === 0 || departments.some((d) => !d)) throw new PaperError(400, 'bad-request', 'Bitte gültige Abteilungen auswählen')
      if (departments.some((d) => d!.id === doc.departmentId)) throw new PaperError(400, 'bad-request', 'Die eigene Abteilung zeichnet nicht mit')
      event.departments = departments.map((d) => d!.id)
      if (cmd.dueDate) event.dueDate = cmd.dueDate
    }
    let consultationIndex = -1
    if (cmd.action === 'consultation-result') {
      consultationIndex = doc.consultations.findIndex((c) => c.id === cmd.consultationId)
      if (consultationIndex < 0) throw new PaperError(400, 'bad-request', 'Unbekannte Beratung')
      if (!cmd.result || !(CONSULTATION_RESULTS as readonly string[]).includes(cmd.result)) throw new PaperError(400, 'bad-request', 'Unbekanntes Beratungsergebnis')
      event.consultationId = cmd.consultationId
      event.result = cmd.result
      const after = doc.consultations.map((c, i) => (i === consultationIndex ? { ...c, result: cmd.result as PaperDoc['consultations'][number]['result'] } : c))
      event.completes = cmd.result !== 'vertagt' && after.every(isConsultationClosed)
    }

    const trial = derivePaperWorkflow({ workflowId: doc.workflowId, events: [...doc.events, event] })
    const outcome = trial.history.find((h) => h.event.id === event.id)!
    let numbering: { number: number; termId: string; reference: string } | undefined
    if (outcome.applied && cmd.action === 'release') {
      const term = this.currentTerm()
      const prefix = paperTypeDef(doc.paperType)?.prefix ?? 'V'
      const number = this.deps.catalogue.assignNumber(doc.id, term.id, prefix, nextPaperNumber)
      numbering = { number, termId: term.id, reference: formatPaperReference(prefix, number, { name: term.name, startDate: term.startDate, endDate: term.endDate }) }
      event.reference = numbering.reference
    }

    handle.change((d) => {
      d.events.push(plain(event))
      if (!outcome.applied) return
      if (numbering) {
        d.reference = numbering.reference
        d.number = numbering.number
        d.termId = numbering.termId
      }
      if (cmd.action === 'share') {
        for (const id of event.departments ?? []) {
          const dept = this.department(id)
          if (dept && !d.sharedWith.some((s) => s.id === id)) d.sharedWith.push({ id: dept.id, name: dept.name })
        }
      }
      if (consultationIndex >= 0) {
        const c = d.consultations[consultationIndex]
        c.result = cmd.result as PaperDoc['consultations'][number]['result']
        c.resultAt = event.at
        if (event.comment) c.resultNote = event.comment
      }
    })
    // --- end of the serialized part ---

    await this.deps.relayRepo.persist(documentId)
    const now = handle.doc()
    const derived = derivePaperWorkflow(now)
    this.updateAccess(documentId, now)
    this.deps.projection.project(documentId, now)
    this.deps.audit.write('paper-command', userId === SYSTEM_ACTOR ? null : userId, documentId, {
      paperId,
      action: cmd.action,
      applied: outcome.applied,
      ...(userId === SYSTEM_ACTOR ? { by: 'relay', ...(meetingId ? { meetingId } : {}) } : {}),
    })
    return { applied: outcome.applied, reason: outcome.reason, state: derived.state, reference: now.reference, event: plain(event), repeated: false }
  }

  /** Keeps the registry's audience in step with the paper (called after commands and by the projection). */
  updateAccess(documentId: string, doc: PaperDoc): void {
    const current = this.deps.registry.get(documentId)
    if (!current || current.type !== 'paper') return
    const next = paperAccess(doc, derivePaperWorkflow(doc))
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
    if (same(current.readers, next.readers) && same(current.writers, next.writers)) return
    this.deps.registry.register({ ...current, ...next })
  }

  /**
   * A released meeting put the paper on its public agenda: the relay sets `public = true` and the
   * audience follows (everyone). Papers still inside the administration (drafts) are left alone.
   * Returns whether the paper is public now.
   */
  async markPublic(paperId: string, by: { meetingId: string }): Promise<boolean> {
    const entry = this.deps.catalogue.byId(paperId)
    if (!entry) return false
    const documentId = entry.url.slice('automerge:'.length) as DocumentId
    const handle = await this.deps.relayRepo.handle<PaperDoc>(documentId)
    const doc = handle.doc()
    if (doc.public) return true
    if (isPaperDraft(doc, derivePaperWorkflow(doc))) return false
    handle.change((d) => {
      d.public = true
    })
    await this.deps.relayRepo.persist(documentId)
    const now = handle.doc()
    this.updateAccess(documentId, now)
    this.deps.projection.project(documentId, now)
    this.deps.audit.write('paper-published', null, documentId, { paperId, meetingId: by.meetingId, by: 'relay' })
    return true
  }

  /**
   * The sync gate's rule for writers' changes to a paper: rights by workflow state as the writer
   * saw it (see paper-rules.ts). Returns problems; empty = allowed.
   */
  checkWrite(userId: string, before: A.Doc<unknown>, fork: A.Doc<unknown>): string[] {
    const previous = before as A.Doc<PaperDoc>
    if (!previous || (previous as Partial<PaperDoc>).type !== 'paper') return ['the relay does not have this paper yet']
    const added = A.getChanges(previous, fork as A.Doc<PaperDoc>).map((c) => A.decodeChange(c))
    const addedHashes = new Set(added.map((c) => c.hash))
    const seenHeads = [...new Set(added.flatMap((c) => c.deps).filter((h) => !addedHashes.has(h)))]
    const seen = seenHeads.length ? (A.view(fork as A.Doc<PaperDoc>, seenHeads) as A.Doc<PaperDoc>) : undefined
    const errors = checkPaperWrite({ before: previous, after: fork as PaperDoc, seenEvents: seen?.events ?? [], actor: this.actor(userId) })
    return [...errors, ...this.checkFileReferences(userId, previous, fork as PaperDoc)]
  }

  /**
   * A file a writer adds to a paper must be one they uploaded or may read already: knowing the
   * SHA-256 of a non-public file must not let an author attach it to a paper that becomes public
   * (or readable by others) and so open it.
   */
  private checkFileReferences(userId: string, before: PaperDoc, after: PaperDoc): string[] {
    const blobs = this.deps.blobs
    if (!blobs) return []
    const known = new Set(fileRefsOf(before).map((f) => f.sha256))
    const errors: string[] = []
    for (const file of fileRefsOf(after)) {
      if (known.has(file.sha256)) continue
      known.add(file.sha256)
      const uploader = blobs.uploadedBy(file.sha256)
      if (uploader === undefined) continue // not uploaded yet: nothing to open (the download checks again)
      if (uploader === userId) continue
      if (blobs.refs(file.sha256).some((r) => this.deps.registry.canRead(userId, r.documentId))) continue
      errors.push(`file ${file.sha256.slice(0, 12)}… was neither uploaded by the writer nor readable by them`)
    }
    return errors
  }

  queue(userId: string, organizationId: string): PaperListEntry[] {
    return this.deps.catalogue.queue(organizationId).filter((p) => this.deps.registry.canRead(userId, p.url.slice('automerge:'.length)))
  }

  private currentTerm(): { id: string; name: string; startDate: string; endDate: string } {
    const today = new Date().toISOString().slice(0, 10)
    const row = this.deps.db
      .prepare(
        `SELECT id, name, start_date AS startDate, end_date AS endDate FROM legislative_terms
         WHERE start_date <= ? ORDER BY (end_date >= ?) DESC, start_date DESC LIMIT 1`,
      )
      .get(today, today) as { id: string; name: string; startDate: string; endDate: string } | undefined
    if (!row) throw new PaperError(409, 'no-term', 'Es ist keine Wahlperiode angelegt – bitte zuerst unter „Verwaltung“ eine Wahlperiode erfassen')
    return row
  }
}

function parseCommand(input: unknown): PaperCommand {
  const v = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  if (!isStr(v.id, 100) || !ID.test(v.id)) throw new PaperError(400, 'bad-request', 'Ungültige Befehls-ID')
  if (!isStr(v.action, 50)) throw new PaperError(400, 'bad-request', 'Schritt fehlt')
  const cmd: PaperCommand = { id: v.id, action: v.action }
  if (v.clientAt !== undefined) {
    if (!isStr(v.clientAt, 40) || Number.isNaN(Date.parse(v.clientAt))) throw new PaperError(400, 'bad-request', 'Ungültige Zeitangabe')
    cmd.clientAt = v.clientAt
  }
  if (v.comment !== undefined) {
    if (!isStr(v.comment, 5000)) throw new PaperError(400, 'bad-request', 'Kommentar zu lang (höchstens 5.000 Zeichen)')
    cmd.comment = v.comment
  }
  if (v.departments !== undefined) {
    if (!Array.isArray(v.departments) || v.departments.length > 50 || !v.departments.every((d) => isStr(d, 100))) throw new PaperError(400, 'bad-request', 'Ungültige Abteilungen')
    cmd.departments = v.departments as string[]
  }
  if (v.dueDate !== undefined && v.dueDate !== '') {
    if (!isStr(v.dueDate, 10) || !/^\d{4}-\d{2}-\d{2}$/.test(v.dueDate)) throw new PaperError(400, 'bad-request', 'Ungültiges Fristdatum')
    cmd.dueDate = v.dueDate
  }
  if (v.consultationId !== undefined) {
    if (!isStr(v.consultationId, 100)) throw new PaperError(400, 'bad-request', 'Ungültige Beratung')
    cmd.consultationId = v.consultationId
  }
  if (v.result !== undefined) {
    if (!isStr(v.result, 50)) throw new PaperError(400, 'bad-request', 'Ungültiges Ergebnis')
    cmd.result = v.result
  }
  return cmd
}
