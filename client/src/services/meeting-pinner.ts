/**
 * "Offline verfügbar machen": keeps everything a meeting needs on this device — both meeting
 * documents, the papers on its agenda, the member's notes, the faction's notes, and every version
 * of every file they reference (all attachment versions, released agendas and letters, the
 * member's private uploads) — with progress in bytes and files. Files download a few at a time.
 *
 * Pinning is incremental: a second run only fetches what is missing. Pinned meetings are watched
 * (their documents stay open, so they sync) and re-pinned quietly when a document changes, so a
 * new paper version or a new item's files arrive without anyone asking.
 * "Offline-Daten entfernen" frees the files again (documents stay: they are small and may hold
 * unsynced notes).
 */
import { save } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { fileRefsOf, type FileRef, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc } from '@ratstisch/domain'
import { ApiError, isNetworkError, type ApiClient } from './api-client.ts'
import type { Catalogue } from './catalogue.ts'
import { Emitter } from './emitter.ts'
import type { FileCache, VerifiedFile } from './files.ts'
import type { CatalogueRow, PinRow, UserDb } from './local-db.ts'
import type { NotesService } from './notes.ts'
import { documentIdOf } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export interface PinProgress {
  files: number
  totalFiles: number
  bytes: number
  totalBytes: number
}

export interface PinActivity {
  meetingId: string
  progress: PinProgress
  busy: boolean
  /** set when the run ended with an error */
  error?: unknown
}

export interface PinnerEvents extends Record<string, unknown> {
  /** a meeting was pinned, refreshed or unpinned */
  change: string
  /** progress of a running pin (also of quiet refreshes and automatic pins) */
  progress: PinActivity
}

export interface PinOptions {
  /** pinned by "keep upcoming meetings offline" rather than by the user */
  auto?: boolean
  onProgress?: (p: PinProgress) => void
  signal?: AbortSignal
}

/** One file the meeting needs and the documents that reference it (they grant access to it). */
export interface PlannedFile {
  ref: FileRef
  documents: string[]
}

export interface MeetingFileSet {
  handles: DocHandle<unknown>[]
  /** paper id -> its document, for the papers on the agenda this user may read */
  papers: Map<string, DocHandle<PaperDoc>>
  files: Map<string, PlannedFile>
  /** documents that could not be opened (offline, timeout): the pin is incomplete */
  unavailable: number
  /** the member's and the faction's notes among the handles */
  personal: Set<string>
}

export interface MeetingUsage {
  meetingId: string
  name: string
  start: string
  auto: boolean
  files: number
  fileBytes: number
  documentBytes: number
  missing: number
  pinnedAt: string
}

/** A running pin was stopped because the meeting is being unpinned: not an error to show. */
export class PinCancelledError extends Error {
  constructor() {
    super('pin cancelled')
    this.name = 'PinCancelledError'
  }
}

/** Parallel downloads: as many as a browser opens to one host over HTTP/1.1. */
export const PIN_CONCURRENCY = 6
/** Documents requested from the relay at once (each is a sync conversation on the one socket). */
const DOCUMENT_CONCURRENCY = 8
const PROGRESS_INTERVAL_MS = 100
/** how long a pin waits for the member's own and the faction's notes */
const PERSONAL_TIMEOUT_MS = 5000

/** At most `limit` tasks at a time; tasks can be added while others run. */
export class Limiter {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++
    // a finished task hands its slot over directly, so nobody can slip in between
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time; the first error stops new work and is rethrown. */
export async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw failure.error
}

type AgendaLike = { agendaItems?: readonly { paper?: { id: string; url: string } }[] } | undefined

/** Papers on the agenda (public and non-public part), by id, with their document URL. */
export function agendaPapers(...docs: readonly AgendaLike[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const doc of docs) for (const item of doc?.agendaItems ?? []) if (item.paper?.url && item.paper.id) out.set(item.paper.id, item.paper.url)
  return out
}

/** Every file of the given documents, once per SHA-256, with all documents that reference it. */
export function planFiles(docs: ReadonlyArray<{ documentId: string; refs: readonly FileRef[] }>): Map<string, PlannedFile> {
  const out = new Map<string, PlannedFile>()
  for (const { documentId, refs } of docs) {
    for (const ref of refs) {
      if (!/^[0-9a-f]{64}$/.test(ref.sha256)) continue
      const entry = out.get(ref.sha256)
      if (!entry) out.set(ref.sha256, { ref, documents: [documentId] })
      else if (!entry.documents.includes(documentId)) entry.documents.push(documentId)
    }
  }
  return out
}

/** Files only this pin uses: what unpinning may delete. */
export function filesToFree(pin: Pick<PinRow, 'meetingId' | 'files'>, others: readonly Pick<PinRow, 'meetingId' | 'files'>[], keep: ReadonlySet<string>): string[] {
  const used = new Set(keep)
  for (const other of others) if (other.meetingId !== pin.meetingId) for (const f of other.files) used.add(f)
  return pin.files.filter((f) => !used.has(f))
}

const REFRESH_DELAY_MS = 1500

export class MeetingPinner extends Emitter<PinnerEvents> {
  private readonly jobs = new Map<string, { promise: Promise<PinRow>; cancel: AbortController }>()
  private readonly activity = new Map<string, PinActivity>()
  /** pinned meetings whose documents are open and watched: meeting id -> unsubscribers */
  private readonly watched = new Map<string, { offs: (() => void)[]; documents: Set<string> }>()
  private readonly refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private watching = false
  private pinCount: number | undefined
  /** meetings for which the relay said the user has no faction (asked once per session) */
  private readonly withoutFaction = new Set<string>()

  constructor(
    private readonly db: UserDb,
    private readonly repo: RepoService,
    private readonly catalogue: Catalogue,
    private readonly files: FileCache,
    private readonly notes: NotesService,
    private readonly api?: ApiClient,
  ) {
    super()
  }

  async pinnedIds(): Promise<Set<string>> {
    return new Set(await this.db.pins.toCollection().primaryKeys())
  }

  async get(meetingId: string): Promise<PinRow | undefined> {
    return this.db.pins.get(meetingId)
  }

  async all(): Promise<PinRow[]> {
    return this.db.pins.toArray()
  }

  /** The running pin of a meeting, if any (for views that open while it runs). */
  activityOf(meetingId: string): PinActivity | undefined {
    return this.activity.get(meetingId)
  }

  /**
   * Pins a meeting (or fetches what is missing of a pinned one). Joins a run that is already
   * going. A manual pin turns an automatic one into a manual one (it is then kept).
   */
  pin(meetingId: string, onProgressOrOptions?: ((p: PinProgress) => void) | PinOptions, signal?: AbortSignal): Promise<PinRow> {
    const options: PinOptions = typeof onProgressOrOptions === 'function' ? { onProgress: onProgressOrOptions, signal } : { ...onProgressOrOptions }
    if (!options.auto) void this.requestPersistence()
    const running = this.jobs.get(meetingId)
    if (running) {
      const off = options.onProgress ? this.on('progress', (a) => a.meetingId === meetingId && options.onProgress!(a.progress)) : undefined
      return running.promise.then(
        async (row) => {
          off?.()
          if (!options.auto && row.auto) return this.markManual(meetingId)
          return row
        },
        (e) => {
          off?.()
          throw e
        },
      )
    }
    // unpinning cancels a running pin (its files are freed, nothing is written afterwards)
    const cancel = new AbortController()
    const job = this.run(meetingId, { ...options, signal: options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal }).finally(() =>
      this.jobs.delete(meetingId),
    )
    this.jobs.set(meetingId, { promise: job, cancel })
    return job
  }

  private async markManual(meetingId: string): Promise<PinRow> {
    const row = await this.db.pins.get(meetingId)
    if (!row) throw new Error(`meeting ${meetingId} is not pinned`)
    if (row.auto) await this.db.pins.update(meetingId, { auto: false })
    this.emit('change', meetingId)
    return { ...row, auto: false }
  }

  /**
   * Asks the browser to keep our storage under pressure when the first meeting is pinned
   * (otherwise "offline verfügbar" data could be evicted silently).
   */
  private async requestPersistence(): Promise<void> {
    try {
      this.pinCount ??= await this.db.pins.count()
      if (this.pinCount > 0) return
      const storage = navigator.storage
      if (storage?.persist && !(await storage.persisted?.())) await storage.persist()
    } catch {
      // not offered by this browser: the data is kept as long as the browser allows
    }
  }

  /**
   * Opens every document the meeting needs and lists the files they reference. Documents are
   * opened in parallel (the papers as soon as the agenda that names them is there) and handed to
   * `onDocument` the moment each is ready, so downloads can start before the last one arrived.
   */
  async collect(
    meetingId: string,
    options: { timeoutMs?: number; factionNotes?: boolean; onDocument?: (handle: DocHandle<unknown>) => void } = {},
  ): Promise<MeetingFileSet> {
    const timeoutMs = options.timeoutMs ?? (navigator.onLine ? 30_000 : 4000)
    const docs = await this.catalogue.forMeeting(meetingId)
    if (!docs.meeting) throw new Error(`meeting ${meetingId} is not in the catalogue`)
    const handles: DocHandle<unknown>[] = []
    const papers = new Map<string, DocHandle<PaperDoc>>()
    const personal = new Set<string>()
    const finds = new Limiter(DOCUMENT_CONCURRENCY)
    let unavailable = 0
    const ready = (h: DocHandle<unknown>) => {
      handles.push(h)
      options.onDocument?.(h)
    }

    // papers the user may read (the manifest lists them); others stay summaries on the item
    const paperJobs: Promise<void>[] = []
    const requested = new Set<string>()
    const openPapers = (doc: AgendaLike) => {
      for (const [paperId, url] of agendaPapers(doc)) {
        if (requested.has(paperId) || !this.catalogue.has(documentIdOf(url))) continue
        requested.add(paperId)
        paperJobs.push(
          finds.run(() => this.repo.find<PaperDoc>(url, timeoutMs)).then(
            (h) => {
              papers.set(paperId, h)
              ready(h as DocHandle<unknown>)
            },
            () => void (unavailable += 1),
          ),
        )
      }
    }
    // The member's and the faction's notes do not depend on the agenda: fetched alongside, and
    // briefly — a notes document the relay does not offer (yet) must not hold up the meeting.
    const personalTimeout = Math.min(timeoutMs, PERSONAL_TIMEOUT_MS)
    const personalJob = Promise.all([
      this.notes.open(meetingId, personalTimeout).catch(() => undefined) as Promise<DocHandle<unknown> | undefined>,
      this.factionNotes(meetingId, options.factionNotes === true, personalTimeout),
    ]).then((found) => {
      for (const h of found) {
        if (!h) continue
        personal.add(h.documentId)
        ready(h)
      }
    })
    const meetingJob = this.repo.find<MeetingDoc>(docs.meeting.url, timeoutMs).then((h) => {
      ready(h as DocHandle<unknown>)
      openPapers(h.doc())
    })
    const confidentialJob = docs.confidential
      ? this.repo.find<MeetingConfidentialDoc>(docs.confidential.url, timeoutMs).then(
          (h) => {
            ready(h as DocHandle<unknown>)
            openPapers(h.doc())
          },
          () => void (unavailable += 1),
        )
      : Promise.resolve()
    const [meetingResult] = await Promise.allSettled([meetingJob, confidentialJob, personalJob])
    if (meetingResult.status === 'rejected') throw meetingResult.reason
    // papers found later (from the non-public part) are in paperJobs by now
    while (paperJobs.length) await Promise.all(paperJobs.splice(0))

    const files = planFiles(handles.map((h) => ({ documentId: h.documentId, refs: fileRefsOf(h.doc() as Parameters<typeof fileRefsOf>[0]) })))
    return { handles, papers, files, unavailable, personal }
  }

  /**
   * The faction's shared notes of the meeting: from the catalogue, else (when asked) from
   * POST /api/meetings/:id/faction-notes, which answers 404 for members without a faction.
   */
  private async factionNotes(meetingId: string, ask: boolean, timeoutMs: number): Promise<DocHandle<unknown> | undefined> {
    let row: CatalogueRow | undefined = await this.db.catalogue
      .where('meeting')
      .equals(meetingId)
      .filter((r) => r.type === 'faction-notes')
      .first()
    if (!row && ask && this.api && navigator.onLine && !this.withoutFaction.has(meetingId)) {
      try {
        const { body } = await this.api.postJson(`/api/meetings/${encodeURIComponent(meetingId)}/faction-notes`, {}, { timeoutMs: 10_000 })
        const url = (body as { url?: unknown } | null)?.url
        if (typeof url === 'string' && url.startsWith('automerge:')) {
          row = { documentId: documentIdOf(url), url, type: 'faction-notes', access: 'write', meeting: meetingId }
          if (!this.catalogue.has(row.documentId)) {
            await this.catalogue.put(row)
            this.repo.sharingChanged()
          }
        }
      } catch (e) {
        // no faction (404: not asked again in this session), or no answer: nothing to keep
        if (e instanceof ApiError && e.status === 404) this.withoutFaction.add(meetingId)
        else if (!(e instanceof ApiError) && !isNetworkError(e)) console.warn('pin: faction notes', e)
      }
    }
    if (!row) return undefined
    return this.repo.find<unknown>(row.url, timeoutMs).catch(() => undefined)
  }

  private setActivity(meetingId: string, progress: PinProgress, busy: boolean, error?: unknown): void {
    const a: PinActivity = { meetingId, progress: { ...progress }, busy, ...(error !== undefined ? { error } : {}) }
    if (busy) this.activity.set(meetingId, a)
    else this.activity.delete(meetingId)
    this.emit('progress', a)
  }

  /**
   * One pin run as a pipeline: each document's files are queued the moment the document is
   * ready; cached files count at once, missing ones download a few at a time (verified, sealed,
   * stored by FileCache) while further documents are still arriving.
   */
  private async run(meetingId: string, options: PinOptions): Promise<PinRow> {
    const progress: PinProgress = { files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 }
    const received = new Map<string, number>()
    const inFlight = () => [...received.values()].reduce((s, n) => s + n, 0)
    // Progress goes out at most every PROGRESS_INTERVAL_MS: every chunk of every download would
    // otherwise re-render the views listening (the meeting list re-renders as a whole).
    let reportTimer: ReturnType<typeof setTimeout> | undefined
    const emitProgress = () => {
      reportTimer = undefined
      const shown = { ...progress, bytes: progress.bytes + inFlight() }
      options.onProgress?.(shown)
      this.setActivity(meetingId, shown, true)
    }
    const report = () => {
      reportTimer ??= setTimeout(emitProgress, PROGRESS_INTERVAL_MS)
    }
    emitProgress()
    const planned = new Map<string, PlannedFile>()
    const stored = new Set<string>()
    const downloads = new Limiter(PIN_CONCURRENCY)
    const jobs: Promise<void>[] = []
    let failed = 0
    let firstError: unknown
    const done = (f: PlannedFile, size: number) => {
      received.delete(f.ref.sha256)
      stored.add(f.ref.sha256)
      progress.files += 1
      progress.bytes += f.ref.size || size
      report()
    }
    // Downloads run in parallel; what arrived is written in batches (one IndexedDB transaction
    // for all files that finished meanwhile) — IndexedDB serialises write transactions per store.
    const arrived: { f: PlannedFile; file: VerifiedFile }[] = []
    let writing: Promise<void> | undefined
    const write = (): Promise<void> =>
      (writing ??= (async () => {
        while (arrived.length) {
          const batch = arrived.splice(0)
          // a cancelled (unpinned) run stores nothing more
          if (options.signal?.aborted) return
          await this.files.storeMany(batch.map(({ f, file }) => ({ ...file, documents: f.documents })))
          for (const { f, file } of batch) done(f, file.bytes.byteLength)
        }
      })().finally(() => (writing = undefined)))
    const download = (f: PlannedFile) =>
      downloads.run(async () => {
        options.signal?.throwIfAborted()
        try {
          const file = await this.files.fetchVerified(
            f.ref,
            (n) => {
              received.set(f.ref.sha256, n)
              report()
            },
            options.signal,
          )
          arrived.push({ f, file })
        } catch (e) {
          received.delete(f.ref.sha256)
          if (options.signal?.aborted) throw e
          failed += 1
          firstError ??= e
          return
        }
        // the slot is free for the next download while this batch is written
        jobs.push(write())
      })
    /** queues the files of a document that just became ready */
    const enqueue = (handle: DocHandle<unknown>) => {
      const fresh: PlannedFile[] = []
      for (const [sha, f] of planFiles([{ documentId: handle.documentId, refs: fileRefsOf(handle.doc() as Parameters<typeof fileRefsOf>[0]) }])) {
        const known = planned.get(sha)
        if (known) {
          if (!known.documents.includes(handle.documentId)) known.documents.push(handle.documentId)
          continue
        }
        planned.set(sha, f)
        fresh.push(f)
        progress.totalFiles += 1
        progress.totalBytes += f.ref.size || 0
      }
      if (!fresh.length) return
      report()
      jobs.push(
        this.files.cachedOf(fresh.map((f) => f.ref.sha256)).then(async (cached) => {
          for (const f of fresh) {
            if (cached.has(f.ref.sha256)) done(f, f.ref.size)
            else jobs.push(download(f))
          }
        }),
      )
    }

    try {
      const set = await abortable(this.collect(meetingId, { factionNotes: true, onDocument: enqueue }), options.signal)
      const flushed = this.repo.flush(set.handles.map((h) => h.documentId))
      // jobs add jobs (a document's downloads, a download's write); a file can arrive just as a
      // batch finishes writing, so look at `arrived` once everything has settled
      for (;;) {
        if (jobs.length) await Promise.all(jobs.splice(0))
        else if (arrived.length) jobs.push(write())
        else break
      }
      await flushed
      options.signal?.throwIfAborted()
      // every referencing document on every cached file (revocation deletes by them)
      await this.files.rememberDocuments([...planned.values()].map((f) => ({ sha256: f.ref.sha256, documents: f.documents })))

      const previous = await this.db.pins.get(meetingId)
      options.signal?.throwIfAborted()
      // nothing could be fetched for a meeting that was not pinned: leave no half pin behind
      if (failed && !stored.size && !previous) throw firstError
      const sizes: Record<string, number> = {}
      for (const f of planned.values()) if (stored.has(f.ref.sha256)) sizes[f.ref.sha256] = f.ref.size || 0
      // Files of an earlier run that no document references any more (a replaced upload) stay
      // until the meeting is unpinned: a view may still show them.
      for (const f of previous?.files ?? []) if (sizes[f] === undefined && previous?.sizes?.[f] !== undefined) sizes[f] = previous.sizes[f]
      const row: PinRow = {
        meetingId,
        pinnedAt: previous?.pinnedAt ?? new Date().toISOString(),
        files: Object.keys(sizes),
        bytes: Object.values(sizes).reduce((s, n) => s + n, 0),
        auto: previous ? previous.auto === true && options.auto === true : options.auto === true,
        sizes,
        documents: set.handles.map((h) => h.documentId),
        documentBytes: set.handles.reduce((s, h) => s + documentSize(h), 0),
        missing: failed + set.unavailable,
        refreshedAt: new Date().toISOString(),
      }
      await this.db.pins.put(row)
      this.pinCount = undefined
      clearTimeout(reportTimer)
      options.onProgress?.({ ...progress })
      this.setActivity(meetingId, progress, false, failed ? firstError : undefined)
      this.emit('change', meetingId)
      if (this.watching) this.watch(meetingId, set)
      return row
    } catch (e) {
      // wait for downloads already running, so none writes after the caller heard of the failure
      await Promise.allSettled(jobs)
      // a cancelled run fails with the cancellation, whichever await noticed it first
      const error = options.signal?.aborted && options.signal.reason instanceof PinCancelledError ? options.signal.reason : e
      clearTimeout(reportTimer)
      this.setActivity(meetingId, progress, false, error)
      throw error
    }
  }

  async unpin(meetingId: string): Promise<void> {
    const running = this.jobs.get(meetingId)
    if (running) {
      running.cancel.abort(new PinCancelledError())
      await running.promise.catch(() => undefined)
    }
    const pin = await this.db.pins.get(meetingId)
    if (!pin) return
    this.unwatch(meetingId)
    const others = await this.db.pins.toArray()
    await this.files.delete(filesToFree(pin, others, await this.pendingUploads()))
    await this.db.pins.delete(meetingId)
    this.pinCount = undefined
    this.emit('change', meetingId)
  }

  /** Files the member added offline that are not uploaded yet: never freed. */
  private async pendingUploads(): Promise<Set<string>> {
    const keep = new Set<string>()
    for (const row of await this.db.outbox.toArray()) {
      const c = row.command as { kind: string; sha256?: unknown }
      if (c.kind === 'upload-file' && typeof c.sha256 === 'string') keep.add(c.sha256)
    }
    return keep
  }

  /** Storage used per pinned meeting (files as stored, documents as an estimate of their saved size). */
  async usage(): Promise<MeetingUsage[]> {
    const pins = await this.db.pins.toArray()
    const meetings = new Map((await this.catalogue.meetings()).map((r) => [r.meeting ?? '', r]))
    return pins
      .map((p) => {
        const meta = meetings.get(p.meetingId)?.meta
        return {
          meetingId: p.meetingId,
          name: meta?.name ?? p.meetingId,
          start: meta?.start ?? '',
          auto: p.auto === true,
          files: p.files.length,
          fileBytes: p.bytes,
          documentBytes: p.documentBytes ?? 0,
          missing: p.missing ?? 0,
          pinnedAt: p.pinnedAt,
        }
      })
      .sort((a, b) => a.start.localeCompare(b.start))
  }

  /** Bytes of all pinned files counted once (several meetings can share a file). */
  async totalFileBytes(): Promise<number> {
    const seen = new Map<string, number>()
    for (const p of await this.db.pins.toArray()) {
      for (const f of p.files) if (!seen.has(f)) seen.set(f, p.sizes?.[f] ?? 0)
    }
    return [...seen.values()].reduce((s, n) => s + n, 0)
  }

  // --- keeping pinned meetings current -----------------------------------------------------

  /**
   * Opens the documents of every pinned meeting (so they sync) and re-pins a meeting quietly
   * when one of them changes. Runs until stopWatching().
   */
  async watchAll(): Promise<void> {
    this.watching = true
    for (const id of await this.pinnedIds()) {
      if (!this.watching) return
      if (this.watched.has(id)) continue
      this.scheduleRefresh(id, 0)
    }
  }

  stopWatching(): void {
    this.watching = false
    for (const id of [...this.watched.keys()]) this.unwatch(id)
    for (const timer of this.refreshTimers.values()) clearTimeout(timer)
    this.refreshTimers.clear()
  }

  /** Re-pins every pinned meeting soon (e.g. after the catalogue changed). */
  refreshAll(): void {
    if (!this.watching) return
    void this.pinnedIds().then((ids) => ids.forEach((id) => this.scheduleRefresh(id, REFRESH_DELAY_MS)))
  }

  private scheduleRefresh(meetingId: string, delayMs = REFRESH_DELAY_MS): void {
    clearTimeout(this.refreshTimers.get(meetingId))
    this.refreshTimers.set(
      meetingId,
      setTimeout(() => {
        this.refreshTimers.delete(meetingId)
        void this.refresh(meetingId)
      }, delayMs),
    )
  }

  /** Fetches what a pinned meeting is missing; quiet (errors are logged, progress is emitted). */
  async refresh(meetingId: string): Promise<void> {
    if (!this.watching || !navigator.onLine) return
    const pin = await this.db.pins.get(meetingId)
    if (!pin) return
    try {
      await this.pin(meetingId, { auto: pin.auto === true })
    } catch (e) {
      if (!isNetworkError(e) && !(e instanceof PinCancelledError)) console.warn('pin refresh failed', meetingId, e)
    }
  }

  private watch(meetingId: string, set: MeetingFileSet): void {
    const ids = new Set(set.handles.map((h) => h.documentId as string))
    const current = this.watched.get(meetingId)
    if (current && current.documents.size === ids.size && [...ids].every((id) => current.documents.has(id))) return
    this.unwatch(meetingId)
    const offs: (() => void)[] = []
    // notes change with every keystroke and reference only the member's own uploads (kept anyway)
    for (const handle of set.handles.filter((h) => !set.personal.has(h.documentId))) {
      const listener = () => this.scheduleRefresh(meetingId)
      handle.on('change', listener)
      offs.push(() => handle.off('change', listener))
    }
    this.watched.set(meetingId, { offs, documents: ids })
  }

  private unwatch(meetingId: string): void {
    const w = this.watched.get(meetingId)
    if (!w) return
    for (const off of w.offs) off()
    this.watched.delete(meetingId)
    clearTimeout(this.refreshTimers.get(meetingId))
    this.refreshTimers.delete(meetingId)
  }
}

/** `promise`, or the signal's reason as soon as it aborts (the work itself goes on unobserved). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Saved size of an Automerge document: a fair estimate of what it takes in IndexedDB. */
function documentSize(handle: DocHandle<unknown>): number {
  try {
    return save(handle.doc() as object).byteLength
  } catch {
    return 0
  }
}
