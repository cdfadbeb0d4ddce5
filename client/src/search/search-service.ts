/**
 * The app's side of the local search: starts the search worker, keeps its index in step with what
 * this user may read on this device, and asks it queries. Nothing heavy runs here — tokenising,
 * indexing, PDF parsing, encryption and storage are the worker's; this side reads documents the
 * app already holds and posts small records (and file bytes, transferred, not copied).
 *
 * What is indexed (see search-sources.ts): every meeting in the catalogue (its metadata); for
 * meetings available offline, the agenda items of both parts, the papers they present, the
 * member's own uploads, and the text of every cached file version they reference. Only documents the catalogue lists are read —
 * the catalogue is the relay's list of what this user may read — so a revoked or unpinned meeting
 * drops out of the index at the next reconcile, which runs on every catalogue, pin or document
 * change. Each source carries a stamp (document heads): unchanged documents are not re-sent, file
 * texts are indexed once per SHA-256.
 */
import type { AgendaItem, MeetingConfidentialDoc, MeetingDoc, NotesDoc, PaperDoc } from '@ratstisch/domain'
import type { Catalogue } from '../services/catalogue.ts'
import { Emitter } from '../services/emitter.ts'
import type { FileCache } from '../services/files.ts'
import type { LocalCipher } from '../services/local-cipher.ts'
import { searchDbName } from '../services/local-db.ts'
import type { MeetingPinner } from '../services/meeting-pinner.ts'
import { documentIdOf } from '../services/relay-contract.ts'
import type { MeetingRef, SearchRequestOptions, SearchResults, SearchSource } from '@ratstisch/search'
import { isSearchResponse, SEARCH_ENVELOPE, type IndexState, type SearchCall, type SearchWorkerCalls } from './search-protocol.ts'
import { catalogueSource, documentSourceKey, meetingPartSource, meetingRefFromMeta, meetingRefOf, notesSource, paperSource } from './search-sources.ts'

/** The part of a DocHandle the service uses (automerge-repo's DocHandle fits). */
export interface WatchedHandle<T> {
  readonly documentId: string
  doc(): T | undefined
  heads(): readonly string[] | undefined
  on(event: 'change', listener: () => void): unknown
  off(event: 'change', listener: () => void): unknown
}

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent | ErrorEvent) => void): void
  terminate(): void
}

export interface SearchServiceDeps {
  userId: string
  cipher: LocalCipher
  catalogue: {
    meetings: Catalogue['meetings']
    forMeeting(meetingId: string): Promise<Pick<Awaited<ReturnType<Catalogue['forMeeting']>>, 'meeting' | 'confidential' | 'notes'>>
    has: Catalogue['has']
    on: Catalogue['on']
  }
  pinner: Pick<MeetingPinner, 'pinnedIds' | 'on'>
  repo: { find<T>(url: string, timeoutMs?: number): Promise<WatchedHandle<T>> }
  files: Pick<FileCache, 'get'>
  /** tests run the worker's code in-process */
  createWorker?: () => WorkerLike
  /** pause before a reconcile after a change, so a burst of edits costs one pass */
  debounceMs?: number
}

export type SearchPhase = 'starting' | 'indexing' | 'ready' | 'failed'

export interface SearchIndexStatus {
  phase: SearchPhase
  /** documents (records and PDF pages) in the index */
  documents: number
  /** files still to read in this pass */
  pendingFiles: number
  error?: string
}

export interface SearchServiceEvents extends Record<string, unknown> {
  status: SearchIndexStatus
  /** the index changed: results shown may be stale */
  updated: void
}

const FIND_TIMEOUT_MS = 8000
const PAPER_FIND_TIMEOUT_MS = 4000
const PUT_BATCH = 25

export function createSearchWorker(): WorkerLike {
  return new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'ratstisch-search' }) as unknown as WorkerLike
}

export class SearchService extends Emitter<SearchServiceEvents> {
  private worker: WorkerLike | undefined
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private opened: Promise<unknown> | undefined
  private readonly watched = new Map<string, { handle: WatchedHandle<unknown>; listener: () => void }>()
  private readonly offs: (() => void)[] = []
  private running: Promise<void> = Promise.resolve()
  private timer: ReturnType<typeof setTimeout> | undefined
  private queued = false
  private disposed = false
  private current: SearchIndexStatus = { phase: 'starting', documents: 0, pendingFiles: 0 }

  constructor(private readonly deps: SearchServiceDeps) {
    super()
  }

  get status(): SearchIndexStatus {
    return this.current
  }

  /** Starts the worker, opens the stored index and schedules the first reconcile. Idempotent. */
  start(): void {
    if (this.worker || this.disposed) return
    try {
      this.worker = (this.deps.createWorker ?? createSearchWorker)()
    } catch (e) {
      this.setStatus({ phase: 'failed', error: e instanceof Error ? e.message : String(e) })
      return
    }
    this.worker.addEventListener('message', (event) => this.onMessage(event as MessageEvent))
    this.worker.addEventListener('error', (event) => this.fail((event as ErrorEvent).message || 'search worker failed'))
    this.opened = this.call('open', { dbName: searchDbName(this.deps.userId), key: this.deps.cipher.key }).then((r) => {
      // searchable from here on (with what the device had); reconciling may still add to it
      this.setStatus({ phase: 'ready', documents: r.documents })
      return r
    })
    this.opened.catch((e: unknown) => this.fail(e instanceof Error ? e.message : String(e)))
    this.offs.push(
      this.deps.catalogue.on('change', () => this.refresh()),
      this.deps.pinner.on('change', () => this.refresh()),
    )
    this.refresh(0)
  }

  /** Queues a reconcile (after the debounce delay, or `delayMs`). */
  refresh(delayMs = this.deps.debounceMs ?? 300): void {
    if (this.disposed || !this.worker) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.runQueued(), delayMs)
  }

  /** Resolves once queued work (reconcile, file indexing) is done; for tests and benchmarks. */
  async settled(): Promise<void> {
    for (;;) {
      const running = this.running
      await running
      if (running === this.running && !this.queued && this.timer === undefined) return
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  async search(query: string, options: SearchRequestOptions = {}): Promise<SearchResults> {
    if (!this.opened) throw new Error('search is not running')
    await this.opened
    return this.call('search', { query, options })
  }

  /** Writes the index now (it is otherwise written shortly after each change). */
  async flush(): Promise<number> {
    if (!this.opened) return 0
    await this.opened
    return (await this.call('flush', {})).bytes
  }

  /** Stops the worker; pending calls fail. `flush` first keeps the latest changes on the device. */
  async dispose(options: { flush?: boolean } = {}): Promise<void> {
    if (this.disposed) return
    if (options.flush && this.worker) {
      await Promise.race([this.flush().catch(() => 0), new Promise((r) => setTimeout(r, 2000))])
    }
    this.disposed = true
    clearTimeout(this.timer)
    for (const off of this.offs) off()
    for (const { handle, listener } of this.watched.values()) handle.off('change', listener)
    this.watched.clear()
    this.worker?.terminate()
    this.worker = undefined
    for (const p of this.pending.values()) p.reject(new Error('search stopped'))
    this.pending.clear()
    this.clear()
  }

  // --- worker calls ----------------------------------------------------------------------------

  private call<K extends SearchCall>(call: K, request: SearchWorkerCalls[K]['request'], transfer: Transferable[] = []): Promise<SearchWorkerCalls[K]['result']> {
    const worker = this.worker
    if (!worker) return Promise.reject(new Error('search stopped'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      worker.postMessage({ rt: SEARCH_ENVELOPE, id, call, request }, transfer)
    })
  }

  private onMessage(event: MessageEvent): void {
    if (!isSearchResponse(event.data)) return
    const p = this.pending.get(event.data.id)
    if (!p) return
    this.pending.delete(event.data.id)
    if (event.data.ok) p.resolve(event.data.result)
    else p.reject(new Error(event.data.error))
  }

  private fail(error: string): void {
    this.setStatus({ phase: 'failed', error })
  }

  private setStatus(patch: Partial<SearchIndexStatus>): void {
    this.current = { ...this.current, ...patch }
    if (this.current.phase !== 'failed') delete this.current.error
    this.emit('status', this.current)
  }

  // --- reconcile -------------------------------------------------------------------------------

  private runQueued(): void {
    this.timer = undefined
    if (this.queued) return
    this.queued = true
    this.running = this.running.then(async () => {
      this.queued = false
      if (this.disposed) return
      try {
        await this.opened
        await this.reconcile()
      } catch (e) {
        if (!this.disposed) console.warn('search index update failed', e)
      }
    })
  }

  private async find<T>(url: string, timeoutMs: number): Promise<WatchedHandle<T> | undefined> {
    try {
      const handle = await this.deps.repo.find<T>(url, timeoutMs)
      return handle.doc() ? handle : undefined
    } catch {
      // not on this device and no relay to ask: what the index has stays until it can be checked
      return undefined
    }
  }

  private watch(handle: WatchedHandle<unknown>, into: Set<string>): void {
    into.add(handle.documentId)
    if (this.watched.has(handle.documentId)) return
    const listener = () => this.refresh()
    handle.on('change', listener)
    this.watched.set(handle.documentId, { handle, listener })
  }

  private async reconcile(): Promise<void> {
    const before = await this.call('state', {})
    const keep = new Set<string>()
    const put: SearchSource[] = []
    const watching = new Set<string>()
    const offer = (source: SearchSource) => {
      keep.add(source.key)
      if (before.stamps[source.key] !== source.stamp) put.push(source)
    }
    /** a document that cannot be read right now keeps its indexed content while the catalogue still lists it */
    const keepStale = (key: string) => {
      if (before.stamps[key] !== undefined) keep.add(key)
    }

    for (const row of await this.deps.catalogue.meetings()) {
      if (row.meeting && row.meta) offer(catalogueSource(row.meeting, row.meta))
    }

    const papers = new Set<string>()
    for (const meetingId of [...(await this.deps.pinner.pinnedIds())].sort()) {
      if (this.disposed) return
      const docs = await this.deps.catalogue.forMeeting(meetingId)
      if (!docs.meeting) continue
      const publicKey = documentSourceKey('meeting', docs.meeting.documentId)
      const meetingHandle = await this.find<MeetingDoc>(docs.meeting.url, FIND_TIMEOUT_MS)
      const meetingDoc = meetingHandle?.doc()
      const ref: MeetingRef | undefined = meetingDoc ? meetingRefOf(meetingDoc) : docs.meeting.meta ? meetingRefFromMeta(meetingId, docs.meeting.meta) : undefined
      if (!ref) continue
      const parts: { key: string; doc: MeetingDoc | MeetingConfidentialDoc | undefined; handle: WatchedHandle<unknown> | undefined; documentId: string }[] = [
        { key: publicKey, doc: meetingDoc, handle: meetingHandle as WatchedHandle<unknown> | undefined, documentId: docs.meeting.documentId },
      ]
      if (docs.confidential) {
        const handle = await this.find<MeetingConfidentialDoc>(docs.confidential.url, FIND_TIMEOUT_MS)
        parts.push({ key: documentSourceKey('meeting-confidential', docs.confidential.documentId), doc: handle?.doc(), handle: handle as WatchedHandle<unknown> | undefined, documentId: docs.confidential.documentId })
      }
      for (const part of parts) {
        if (!part.doc || !part.handle) {
          keepStale(part.key)
          continue
        }
        this.watch(part.handle, watching)
        offer(meetingPartSource(part.documentId, stampOf(part.handle), part.doc, ref))
        for (const item of part.doc.agendaItems ?? []) {
          const url = item.paper?.url
          if (!url) continue
          const paperId = documentIdOf(url)
          // only papers the relay lets this user read (listed in the catalogue)
          if (papers.has(paperId) || !this.deps.catalogue.has(paperId)) continue
          papers.add(paperId)
          const key = documentSourceKey('paper', paperId)
          const handle = await this.find<PaperDoc>(url, PAPER_FIND_TIMEOUT_MS)
          const paper = handle?.doc()
          if (!handle || !paper || paper.type !== 'paper') {
            keepStale(key)
            continue
          }
          this.watch(handle as WatchedHandle<unknown>, watching)
          offer(paperSource(paperId, `${stampOf(handle)}|${ref.id}`, paper, ref))
        }
      }
      // the member's own uploads into the meeting
      if (docs.notes) {
        const key = documentSourceKey('notes', docs.notes.documentId)
        const handle = await this.find<NotesDoc>(docs.notes.url, FIND_TIMEOUT_MS)
        const notes = handle?.doc()
        if (!handle || !notes || notes.type !== 'notes') keepStale(key)
        else {
          this.watch(handle as WatchedHandle<unknown>, watching)
          const items = new Map<string, AgendaItem>()
          for (const part of parts) for (const item of part.doc?.agendaItems ?? []) items.set(item.id, item)
          offer(notesSource(docs.notes.documentId, stampOf(handle), notes, ref, items))
        }
      }
    }

    if (this.disposed) return
    let state: IndexState = before
    // small messages: cloning one for hundreds of meetings at once would hold up the UI thread
    for (let i = 0; i < put.length; i += PUT_BATCH) state = await this.call('put-sources', { sources: put.slice(i, i + PUT_BATCH) })
    state = await this.call('retain-sources', { keys: [...keep] })
    for (const [id, { handle, listener }] of this.watched) {
      if (watching.has(id)) continue
      handle.off('change', listener)
      this.watched.delete(id)
    }
    const changed = put.length > 0 || state.documents !== before.documents
    this.setStatus({ documents: state.documents })
    if (changed) this.emit('updated', undefined)
    await this.indexFiles(state.wanted)
  }

  /** Reads cached files the index wants, one at a time (their bytes move to the worker). */
  private async indexFiles(wanted: IndexState['wanted']): Promise<void> {
    const available: { sha256: string; name: string; blob: Blob }[] = []
    for (const file of wanted) {
      const blob = await this.deps.files.get(file.sha256)
      if (blob) available.push({ ...file, blob })
    }
    if (!available.length) {
      this.setStatus({ phase: 'ready', pendingFiles: 0 })
      return
    }
    this.setStatus({ phase: 'indexing', pendingFiles: available.length })
    for (const [i, file] of available.entries()) {
      if (this.disposed) return
      const bytes = await file.blob.arrayBuffer()
      await this.call('index-file', { sha256: file.sha256, name: file.name, bytes }, [bytes])
      this.setStatus({ pendingFiles: available.length - i - 1 })
    }
    const state = await this.call('state', {})
    this.setStatus({ phase: 'ready', pendingFiles: 0, documents: state.documents })
    this.emit('updated', undefined)
  }
}

function stampOf(handle: WatchedHandle<unknown>): string {
  return [...(handle.heads() ?? [])].sort().join(',')
}
