/**
 * The user's personal notes on the agenda items of a meeting: one Automerge document per meeting,
 * audience the owner only. Created locally on the first keystroke (works offline), registered with
 * the relay through the outbox, then shared with the relay. If another device registered notes for
 * the meeting first, the relay answers `existing`: our notes are copied into that document and the
 * app switches to it.
 */
import { updateText } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import type { NotesDoc } from '@ratstisch/domain'
import type { ApiClient } from './api-client.ts'
import type { Catalogue } from './catalogue.ts'
import type { ChangeTracker } from './change-tracker.ts'
import { Emitter } from './emitter.ts'
import type { OutboxCommand, UserDb } from './local-db.ts'
import { notesToCopy } from './notes-merge.ts'
import type { Outbox } from './outbox.ts'
import { documentIdOf, parseRegisterResult } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export interface NotesEvents extends Record<string, unknown> {
  /** the notes document of a meeting changed (created, or replaced by the relay's) */
  switched: { meetingId: string; url: string }
}

export class NotesService extends Emitter<NotesEvents> {
  private readonly creating = new Map<string, Promise<DocHandle<NotesDoc>>>()
  /** local notes documents not yet registered (the relay must not be asked for them yet) */
  private readonly unregistered = new Set<string>()

  constructor(
    private readonly ownerId: string,
    private readonly db: UserDb,
    private readonly repo: RepoService,
    private readonly tracker: ChangeTracker,
    private readonly catalogue: Catalogue,
    private readonly outbox: Outbox,
    private readonly api: ApiClient,
  ) {
    super()
  }

  /** Registered notes documents are shared with the relay like catalogue entries. */
  async load(): Promise<Set<string>> {
    const registered = new Set<string>()
    for (const row of await this.db.notes.toArray()) {
      if (row.registered) registered.add(documentIdOf(row.url))
      else this.unregistered.add(documentIdOf(row.url))
    }
    return registered
  }

  isUnregistered(documentId: string): boolean {
    return this.unregistered.has(documentId)
  }

  /** The URL of this meeting's notes document, if there is one (relay's or local). */
  async urlFor(meetingId: string): Promise<string | undefined> {
    const local = await this.db.notes.get(meetingId)
    if (local) return local.url
    return (await this.catalogue.forMeeting(meetingId)).notes?.url
  }

  async open(meetingId: string, timeoutMs = 15_000): Promise<DocHandle<NotesDoc> | undefined> {
    const url = await this.urlFor(meetingId)
    if (!url) return undefined
    const handle = await this.repo.find<NotesDoc>(url, timeoutMs)
    this.tracker.watch(handle as DocHandle<unknown>)
    return handle
  }

  /** The notes document of the meeting, created locally if there is none yet. */
  ensure(meetingId: string): Promise<DocHandle<NotesDoc>> {
    let pending = this.creating.get(meetingId)
    if (!pending) {
      pending = this.createOrOpen(meetingId).finally(() => this.creating.delete(meetingId))
      this.creating.set(meetingId, pending)
    }
    return pending
  }

  private async createOrOpen(meetingId: string): Promise<DocHandle<NotesDoc>> {
    const existing = await this.open(meetingId).catch(() => undefined)
    if (existing) return existing
    const handle = this.repo.create<NotesDoc>({ type: 'notes', owner: this.ownerId, meetingId, notes: {} })
    this.unregistered.add(handle.documentId)
    this.tracker.markDirty(handle as DocHandle<unknown>)
    await this.db.notes.put({ meetingId, url: handle.url, registered: false })
    await this.outbox.add({ kind: 'register-notes', meetingId, url: handle.url })
    this.emit('switched', { meetingId, url: handle.url })
    return handle
  }

  setNote(handle: DocHandle<NotesDoc>, itemId: string, text: string): void {
    const current = handle.doc()?.notes?.[itemId]
    if (current === text) return
    this.tracker.change(handle, (d) => {
      if (!d.notes) d.notes = {}
      if (typeof d.notes[itemId] !== 'string') d.notes[itemId] = text
      else updateText(d, ['notes', itemId], text)
    })
  }

  /** Outbox handler: registers a locally created notes document (throws to retry). */
  async register(command: Extract<OutboxCommand, { kind: 'register-notes' }>): Promise<void> {
    const local = await this.db.notes.get(command.meetingId)
    if (!local || local.url !== command.url) return // replaced meanwhile: nothing to register
    const { body } = await this.api.postJson('/api/documents', { url: command.url, type: 'notes', meetingId: command.meetingId })
    const result = parseRegisterResult(body)
    const localId = documentIdOf(command.url)
    if (!result.existing || result.url === command.url) {
      await this.db.notes.put({ meetingId: command.meetingId, url: command.url, registered: true })
      await this.catalogue.put({ documentId: localId, url: command.url, type: 'notes', access: 'write', meeting: command.meetingId })
      this.unregistered.delete(localId)
      this.repo.sharingChanged()
      return
    }
    // The relay already has notes for this meeting: copy ours into them, then switch over.
    const targetId = documentIdOf(result.url)
    await this.catalogue.put({ documentId: targetId, url: result.url, type: 'notes', access: 'write', meeting: command.meetingId })
    const target = await this.repo.find<NotesDoc>(result.url, 20_000)
    const source = await this.repo.find<NotesDoc>(command.url, 10_000)
    const copy = notesToCopy(target.doc()?.notes ?? {}, source.doc()?.notes ?? {})
    if (Object.keys(copy).length) {
      this.tracker.change(target, (d) => {
        if (!d.notes) d.notes = {}
        for (const [itemId, text] of Object.entries(copy)) {
          if (typeof d.notes[itemId] !== 'string') d.notes[itemId] = text
          else updateText(d, ['notes', itemId], text)
        }
      })
    }
    // annotations made offline on this device move over too (ids are random: no clashes)
    const theirs = target.doc()?.annotations ?? {}
    const annotations = Object.entries(source.doc()?.annotations ?? {}).filter(([id]) => !(id in theirs))
    if (annotations.length) {
      this.tracker.change(target, (d) => {
        if (!d.annotations) d.annotations = {}
        for (const [id, annotation] of annotations) d.annotations[id] = JSON.parse(JSON.stringify(annotation)) as typeof annotation
      })
    }
    await this.repo.flush([targetId])
    await this.db.notes.put({ meetingId: command.meetingId, url: result.url, registered: true })
    this.unregistered.delete(localId)
    this.tracker.forget(localId)
    this.repo.delete(localId)
    this.emit('switched', { meetingId: command.meetingId, url: result.url })
  }
}
