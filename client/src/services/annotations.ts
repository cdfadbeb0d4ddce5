/**
 * A member's annotations on the files of one meeting: private ones in their own notes document
 * (created on the device, offline too, see NotesService), shared ones in the faction's
 * `faction-notes` document of the meeting. One audience per document: sharing moves an annotation
 * from the notes document into the faction's, "nicht mehr teilen" moves it back.
 *
 * The faction document's URL comes from the relay (POST /api/meetings/:id/faction-notes, which
 * creates it on first use and answers 404 when the member has no faction). After that it is in the
 * manifest like any other document: offline sharing works once it is on the device.
 *
 * Everything read from the documents is validated (annotationProblems) before it reaches the UI:
 * the faction document is written by colleagues' devices. In the faction document only the author
 * changes or removes an annotation (the relay enforces the same rule).
 */
import { updateText } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { annotationProblems, type Annotation, type FactionNotesDoc, type NotesDoc } from '@ratstisch/domain'
import { ApiError, isNetworkError, type ApiClient } from './api-client.ts'
import type { Catalogue } from './catalogue.ts'
import type { CatalogueRow } from './local-db.ts'
import type { ChangeTracker } from './change-tracker.ts'
import { Emitter } from './emitter.ts'
import type { NotesService } from './notes.ts'
import { AUTOMERGE_URL_PREFIX, documentIdOf, type Me } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export type AnnotationScope = 'private' | 'faction'

export interface AnnotationEntry {
  annotation: Annotation
  scope: AnnotationScope
  /** written by the signed-in member (only the author edits a shared annotation) */
  mine: boolean
}

/** What the viewer produced plus the file; the service adds id, author and time. */
export type AnnotationInput = Omit<Annotation, 'id' | 'author' | 'authorName' | 'createdAt' | 'updatedAt'>

/** Fields an edit may change (what it says, or where it is anchored). */
export type AnnotationPatch = Partial<Pick<Annotation, 'color' | 'text' | 'page' | 'start' | 'end' | 'quote' | 'rects' | 'target' | 'detached'>>

export type ShareProblem = 'needs-connection' | 'no-faction' | 'failed'

export class ShareError extends Error {
  constructor(
    readonly problem: ShareProblem,
    message: string = problem,
  ) {
    super(message)
    this.name = 'ShareError'
  }
}

export interface AnnotationServices {
  me: Pick<Me, 'id' | 'name' | 'memberships'>
  notes: NotesService
  repo: RepoService
  catalogue: Catalogue
  tracker: ChangeTracker
  api: ApiClient
}

export interface MeetingAnnotationsEvents extends Record<string, unknown> {
  change: void
}

/** Automerge rejects `undefined`; documents hold plain copies (never objects of another document). */
export function plainAnnotation<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Well-formed annotations of a map read from a document; anything else is left out. */
export function validAnnotations(map: unknown): Annotation[] {
  if (!map || typeof map !== 'object') return []
  const out: Annotation[] = []
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    if (annotationProblems(value, key).length === 0 && (value as Annotation).id === key) out.push(value as Annotation)
  }
  return out
}

/** Reading order: by file, page, then position on the page. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  const pos = (x: Annotation) => x.start ?? Math.round((x.rects?.[0]?.[1] ?? 0) * 100_000)
  return a.target.name.localeCompare(b.target.name, 'de') || a.target.fileKey.localeCompare(b.target.fileKey) || a.page - b.page || pos(a) - pos(b) || a.createdAt.localeCompare(b.createdAt)
}

/** member and meeting pairs the relay said have no faction (asked once per app start) */
const withoutFaction = new Set<string>()

export class MeetingAnnotations extends Emitter<MeetingAnnotationsEvents> {
  private notesHandle: DocHandle<NotesDoc> | undefined
  private factionHandle: DocHandle<FactionNotesDoc> | undefined
  private notesCreating: Promise<DocHandle<NotesDoc>> | undefined
  private readonly cache = new WeakMap<object, AnnotationEntry[]>()
  private offs: (() => void)[] = []
  private closed = false
  /** the faction's name as the relay told it, else from the member's memberships */
  factionName: string | undefined

  constructor(
    private readonly services: AnnotationServices,
    readonly meetingId: string,
  ) {
    super()
  }

  async open(): Promise<void> {
    this.offs.push(
      this.services.notes.on('switched', ({ meetingId }) => {
        if (meetingId === this.meetingId) void this.openNotes()
      }),
      this.services.catalogue.on('change', () => {
        if (!this.factionHandle) void this.openFaction()
      }),
    )
    await Promise.all([this.openNotes(), this.openFaction()])
    // colleagues' shares arrive live only while the faction's document is open: ask for it once
    if (!this.factionHandle && navigator.onLine) await this.discoverFaction()
  }

  private async discoverFaction(): Promise<void> {
    const key = `${this.services.me.id}:${this.meetingId}`
    if (withoutFaction.has(key)) return
    try {
      if (!(await this.services.catalogue.forMeeting(this.meetingId)).factionNotes) await this.requestFaction()
      await this.openFaction()
    } catch (e) {
      if (e instanceof ShareError && e.problem === 'no-faction') withoutFaction.add(key)
    }
  }

  close(): void {
    this.closed = true
    for (const off of this.offs) off()
    this.offs = []
    this.notesHandle?.off('change', this.onChange)
    this.factionHandle?.off('change', this.onChange)
    this.clear()
  }

  private readonly onChange = () => this.emit('change', undefined)

  private timeout(): number {
    return navigator.onLine ? 15_000 : 3000
  }

  private setNotes(handle: DocHandle<NotesDoc> | undefined): void {
    if (handle === this.notesHandle) return
    this.notesHandle?.off('change', this.onChange)
    this.notesHandle = handle
    handle?.on('change', this.onChange)
    this.emit('change', undefined)
  }

  private setFaction(handle: DocHandle<FactionNotesDoc> | undefined): void {
    if (handle === this.factionHandle) return
    this.factionHandle?.off('change', this.onChange)
    this.factionHandle = handle
    handle?.on('change', this.onChange)
    const factionId = handle?.doc()?.factionId
    this.factionName ??= this.services.me.memberships.find((m) => m.organizationId === factionId)?.organizationName
    this.emit('change', undefined)
  }

  private async openNotes(): Promise<void> {
    try {
      const handle = await this.services.notes.open(this.meetingId, this.timeout())
      if (!this.closed && handle) this.setNotes(handle)
    } catch (e) {
      console.warn('annotations: notes not available', e)
    }
  }

  private async openFaction(): Promise<void> {
    const row = (await this.services.catalogue.forMeeting(this.meetingId)).factionNotes
    if (!row || this.closed || this.factionHandle?.url === row.url) return
    try {
      const handle = await this.services.repo.find<FactionNotesDoc>(row.url, this.timeout())
      this.services.tracker.watch(handle as DocHandle<unknown>)
      if (!this.closed) this.setFaction(handle)
    } catch (e) {
      console.warn('annotations: faction notes not available', e)
    }
  }

  /** Whether the faction's document is open on this device (sharing then works offline). */
  get factionReady(): boolean {
    return !!this.factionHandle?.isReady()
  }

  private entriesOf(handle: DocHandle<NotesDoc> | DocHandle<FactionNotesDoc> | undefined, scope: AnnotationScope): AnnotationEntry[] {
    const doc = handle?.isReady() ? handle.doc() : undefined
    if (!doc) return []
    const cached = this.cache.get(doc)
    if (cached) return cached
    const me = this.services.me.id
    const entries = validAnnotations(doc.annotations).map((annotation) => ({ annotation, scope, mine: annotation.author === me }))
    this.cache.set(doc, entries)
    return entries
  }

  /** All annotations of the meeting this member can see, in reading order. */
  entries(): AnnotationEntry[] {
    const all = [...this.entriesOf(this.notesHandle, 'private'), ...this.entriesOf(this.factionHandle, 'faction')]
    // a private copy never hides its shared twin (a move interrupted between the two documents)
    const seen = new Set<string>()
    const out: AnnotationEntry[] = []
    for (const e of all.reverse()) {
      if (seen.has(e.annotation.id)) continue
      seen.add(e.annotation.id)
      out.push(e)
    }
    return out.sort((a, b) => compareAnnotations(a.annotation, b.annotation))
  }

  get(id: string): AnnotationEntry | undefined {
    return this.entries().find((e) => e.annotation.id === id)
  }

  private async ensureNotes(): Promise<DocHandle<NotesDoc>> {
    if (this.notesHandle) return this.notesHandle
    this.notesCreating ??= this.services.notes.ensure(this.meetingId).finally(() => (this.notesCreating = undefined))
    const handle = await this.notesCreating
    this.setNotes(handle)
    return handle
  }

  /** Stores a new private annotation (works offline: the notes document is created locally). */
  async create(input: AnnotationInput): Promise<Annotation> {
    const handle = await this.ensureNotes()
    const { me } = this.services
    const annotation = plainAnnotation({ ...input, id: crypto.randomUUID(), author: me.id, authorName: me.name, createdAt: new Date().toISOString() } as Annotation)
    const problems = annotationProblems(annotation, 'new annotation')
    if (problems.length) throw new Error(problems.join('; '))
    this.services.tracker.change(handle, (d) => {
      if (!d.annotations) d.annotations = {}
      d.annotations[annotation.id] = annotation
    })
    return annotation
  }

  private handleOf(entry: AnnotationEntry): DocHandle<NotesDoc> | DocHandle<FactionNotesDoc> | undefined {
    return entry.scope === 'private' ? this.notesHandle : this.factionHandle
  }

  private writable(id: string): { entry: AnnotationEntry; handle: DocHandle<NotesDoc> | DocHandle<FactionNotesDoc> } {
    const entry = this.get(id)
    const handle = entry && this.handleOf(entry)
    if (!entry || !handle) throw new Error(`annotation ${id} not found`)
    if (!entry.mine) throw new Error('only the author changes an annotation')
    return { entry, handle }
  }

  update(id: string, patch: AnnotationPatch): void {
    const { handle } = this.writable(id)
    const clean = plainAnnotation(patch)
    this.services.tracker.change(handle as DocHandle<NotesDoc>, (d) => {
      const a = d.annotations?.[id]
      if (!a) return
      for (const key of Object.keys(patch) as (keyof AnnotationPatch)[]) {
        const value = clean[key]
        if (value === undefined) delete a[key]
        else if (key === 'text' && typeof a.text === 'string') updateText(d, ['annotations', id, 'text'], value as string)
        else (a as unknown as Record<string, unknown>)[key] = value
      }
      a.updatedAt = new Date().toISOString()
    })
  }

  remove(id: string): void {
    const { handle } = this.writable(id)
    this.services.tracker.change(handle as DocHandle<NotesDoc>, (d) => {
      if (d.annotations) delete d.annotations[id]
    })
  }

  /** Asks the relay for the faction's document of the meeting (created on first use) and lists it. */
  private async requestFaction(): Promise<CatalogueRow> {
    const { catalogue, api, repo } = this.services
    if (!navigator.onLine) throw new ShareError('needs-connection')
    let body: unknown
    try {
      body = (await api.postJson(`/api/meetings/${encodeURIComponent(this.meetingId)}/faction-notes`, {})).body
    } catch (e) {
      if (isNetworkError(e)) throw new ShareError('needs-connection')
      if (e instanceof ApiError && e.status === 404) throw new ShareError('no-faction', e.message)
      throw new ShareError('failed', e instanceof Error ? e.message : String(e))
    }
    const answer = body as { url?: unknown; factionId?: unknown; factionName?: unknown } | null
    if (!answer || typeof answer.url !== 'string' || !answer.url.startsWith(AUTOMERGE_URL_PREFIX)) throw new ShareError('failed', 'unexpected answer')
    if (typeof answer.factionName === 'string') this.factionName = answer.factionName
    const row: CatalogueRow = { documentId: documentIdOf(answer.url), url: answer.url, type: 'faction-notes', access: 'write', meeting: this.meetingId }
    await catalogue.put(row)
    repo.sharingChanged()
    return row
  }

  /** The faction's document of this meeting: from the device, else asked from the relay once. */
  private async ensureFaction(): Promise<DocHandle<FactionNotesDoc>> {
    if (this.factionHandle?.isReady()) return this.factionHandle
    const { catalogue, repo, tracker } = this.services
    const row = (await catalogue.forMeeting(this.meetingId)).factionNotes ?? (await this.requestFaction())
    let handle: DocHandle<FactionNotesDoc>
    try {
      handle = await repo.find<FactionNotesDoc>(row.url, navigator.onLine ? 20_000 : 3000)
    } catch {
      throw new ShareError('needs-connection')
    }
    tracker.watch(handle as DocHandle<unknown>)
    this.setFaction(handle)
    return handle
  }

  /** "Mit Fraktion teilen": moves the annotation into the faction's document. */
  async share(id: string): Promise<void> {
    const entry = this.get(id)
    if (!entry || entry.scope !== 'private' || !this.notesHandle) return
    const faction = await this.ensureFaction()
    const copy = plainAnnotation(entry.annotation)
    // written to the faction first: an interruption leaves a duplicate, never a loss
    this.services.tracker.change(faction, (d) => {
      if (!d.annotations) d.annotations = {}
      d.annotations[id] = copy
    })
    this.services.tracker.change(this.notesHandle, (d) => {
      if (d.annotations) delete d.annotations[id]
    })
  }

  /** "Nicht mehr teilen": moves an own shared annotation back into the private notes. */
  async unshare(id: string): Promise<void> {
    const entry = this.get(id)
    if (!entry || entry.scope !== 'faction' || !entry.mine || !this.factionHandle) return
    const notes = await this.ensureNotes()
    const copy = plainAnnotation(entry.annotation)
    this.services.tracker.change(notes, (d) => {
      if (!d.annotations) d.annotations = {}
      d.annotations[id] = copy
    })
    this.services.tracker.change(this.factionHandle, (d) => {
      if (d.annotations) delete d.annotations[id]
    })
  }
}
