/**
 * Runs OParl imports inside the relay, one at a time: crawl (every page checkpointed), download
 * the files into the blob store, then map and write into Ratstisch (import-writer.ts). Keeps live
 * progress (objects/s, per-list counts, ETA, errors) for the admin view and the CLI, watches for
 * stalls (no progress for `stallTimeoutMs` fails the run with an error, never silently), and
 * keeps the report (table `import_report`, JSON file in DATA_DIR/imports/).
 *
 * A run that failed, was cancelled or was cut off by a relay stop resumes from its checkpoints
 * when the same system is imported again; a completed run makes the next one incremental
 * (`modified_since` per list).
 */
import { randomUUID, createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {
  CrawlError,
  HttpError,
  OParlCrawler,
  OParlHttpClient,
  formatReport,
  isHttpUrl,
  pool,
  type CrawlEvent,
  type FileObject,
  type ReportEntry,
  type ReportSummaryLine,
} from '@ratstisch/oparl'
import type { AuditLog } from '../audit/audit-log.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'
import type { BlobStore } from '../files/blob-store.ts'
import { ImportStore, type RunRow } from './import-store.ts'
import { ImportWriter, type ApplyCounts, type WriterRelay } from './import-writer.ts'
import { mapObjects, type DownloadedFile } from './oparl-mapping.ts'

export interface ImportOptions {
  /** the OParl System URL */
  systemUrl: string
  /** parallel requests (default 4) */
  concurrency?: number
  /** requests per second (default 10; 0 = unlimited) */
  requestsPerSecond?: number
  /** per request (default 30 s) */
  timeoutMs?: number
  /** retries per request (default 5) */
  retries?: number
  /** first retry delay (default 500 ms, doubled per retry) */
  backoffBaseMs?: number
  /** no progress for this long fails the run (default 120 s) */
  stallTimeoutMs?: number
  /** download file contents (default true) */
  files?: boolean
  /** ignore modified_since: read every list from the start */
  full?: boolean
  /** do not resume an unfinished run of this system; start a new one */
  restart?: boolean
}

export interface ListProgress {
  key: string
  list: string
  pages: number
  totalPages: number | null
  objects: number
  totalElements: number | null
  done: boolean
}

export interface ImportProgress {
  runId: string
  systemUrl: string
  status: RunRow['status']
  phase: RunRow['phase']
  resumed: boolean
  startedAt: string
  finishedAt: string | null
  elapsedSeconds: number
  /** OParl objects read so far in this run (embedded ones included) */
  objects: number
  /** of the current step: objects (crawl), files or documents per second */
  objectsPerSecond: number
  /** estimated seconds left in the current step; null when unknown */
  etaSeconds: number | null
  lists: ListProgress[]
  files: { total: number; done: number; downloaded: number; missing: number; failed: number; bytes: number }
  apply: ApplyCounts & { total: number; done: number }
  http: { requests: number; retries: number; failures: number; bytes: number }
  /** the last errors and warnings (newest last) */
  errors: string[]
  error: string | null
  /** counts by outcome and code (growing during the run) */
  report: ReportSummaryLine[]
  /** the report file in DATA_DIR/imports/ when the run is over */
  reportFile: string | null
  /** seconds spent per step of this run */
  timings: { crawl: number; files: number; apply: number }
}

export interface ImportServiceDeps {
  relay: WriterRelay
  blobStore: BlobStore
  blobs: BlobRegistry
  audit: AuditLog
  dataDir: string
  maxFileBytes: number
  /** for tests: the HTTP implementation */
  fetch?: typeof fetch
  log?: (line: string) => void
}

export class ImportAlreadyRunning extends Error {
  constructor(readonly runId: string) {
    super('an import is already running')
    this.name = 'ImportAlreadyRunning'
  }
}

/** Minutes subtracted from a run's start for the next run's modified_since (clocks of two machines). */
const CLOCK_SKEW_MS = 5 * 60_000

export class ImportService {
  readonly store: ImportStore
  private active: { progress: ImportProgress; controller: AbortController; done: Promise<ImportProgress> } | undefined
  private phaseStarted: number | undefined
  private last: ImportProgress | undefined

  constructor(private readonly deps: ImportServiceDeps) {
    this.store = new ImportStore(deps.relay.db)
    const interrupted = this.store.markInterrupted(new Date().toISOString())
    if (interrupted) deps.log?.(`[import] ${interrupted} import run(s) were interrupted by a relay stop; importing the same system again resumes them`)
  }

  /** the running import, or the last one (also from an earlier relay process) */
  current(): ImportProgress | null {
    if (this.active) return this.snapshot(this.active.progress)
    if (this.last) return this.last
    const run = this.store.runs(1)[0]
    return run ? this.fromRow(run) : null
  }

  progress(runId: string): ImportProgress | null {
    if (this.active?.progress.runId === runId) return this.snapshot(this.active.progress)
    if (this.last?.runId === runId) return this.last
    const run = this.store.run(runId)
    return run ? this.fromRow(run) : null
  }

  runs(limit = 20): ImportProgress[] {
    return this.store.runs(limit).map((r) => (this.active?.progress.runId === r.id ? this.snapshot(this.active.progress) : this.fromRow(r)))
  }

  get running(): boolean {
    return this.active !== undefined
  }

  /** Starts (or resumes) an import; resolves at once with the first progress. `wait()` follows it to the end. */
  start(options: ImportOptions, actor: string | null = null): ImportProgress {
    if (this.active) throw new ImportAlreadyRunning(this.active.progress.runId)
    if (!isHttpUrl(options.systemUrl)) throw new Error('the system URL must be an http(s) URL')
    const now = new Date().toISOString()
    const unfinished = options.restart ? undefined : this.store.unfinishedRun(options.systemUrl)
    const stored = { ...options }
    const run = unfinished ?? this.store.createRun(randomUUID(), options.systemUrl, stored, now)
    if (unfinished) this.store.setRun(run.id, { status: 'running', error: null, finishedAt: null })
    const progress = this.fromRow({ ...run, status: 'running', error: null, finishedAt: null })
    progress.resumed = !!unfinished
    progress.elapsedSeconds = 0
    const controller = new AbortController()
    const done = this.execute(run, options, progress, controller, actor)
    this.active = { progress, controller, done }
    this.deps.audit.write('oparl-import-start', actor, run.id, { systemUrl: options.systemUrl, resumed: !!unfinished })
    return this.snapshot(progress)
  }

  /** Resolves with the final progress of the running import (or the last one). */
  async wait(): Promise<ImportProgress | null> {
    if (this.active) return this.active.done
    return this.current()
  }

  cancel(): boolean {
    if (!this.active) return false
    this.active.controller.abort(new Error('cancelled by the administration'))
    return true
  }

  async close(): Promise<void> {
    if (!this.active) return
    this.active.controller.abort(new Error('the relay is shutting down'))
    await this.active.done.catch(() => {})
  }

  // ------------------------------------------------------------------ the run

  private async execute(run: RunRow, options: ImportOptions, progress: ImportProgress, controller: AbortController, actor: string | null): Promise<ImportProgress> {
    const started = Date.now()
    const log = this.deps.log ?? (() => {})
    let lastProgressAt = Date.now()
    let lastWhat = 'start'
    const touch = (what: string) => {
      lastProgressAt = Date.now()
      lastWhat = what
    }
    let stepStarted = Date.now()
    let stepDone = 0
    const rate = () => stepDone / Math.max(0.001, (Date.now() - stepStarted) / 1000)
    const stallMs = options.stallTimeoutMs ?? 120_000
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgressAt > stallMs) controller.abort(new StallError(stallMs, lastWhat))
    }, Math.min(1000, Math.max(50, stallMs / 4)))
    watchdog.unref()
    log(`[import] ${progress.resumed ? 'resuming' : 'starting'} run ${run.id}: ${options.systemUrl}${options.full ? ' (full)' : ''}`)
    const persist = throttle(() => this.store.setRun(run.id, { stats: this.snapshot(progress) as unknown as Record<string, unknown> }), 2000)
    const addError = (line: string) => {
      progress.errors.push(line)
      if (progress.errors.length > 20) progress.errors.shift()
    }
    const http = new OParlHttpClient({
      concurrency: options.concurrency ?? 4,
      requestsPerSecond: options.requestsPerSecond ?? 10,
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 5,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      signal: controller.signal,
      fetch: this.deps.fetch,
      onRetry: ({ url, attempt, delayMs, reason }) => addError(`${reason} — ${url} (retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s)`),
    })
    const updateRates = () => {
      progress.http = { ...http.stats }
      progress.elapsedSeconds = (Date.now() - started) / 1000
      progress.objectsPerSecond = rate()
    }
    try {
      // --- crawl
      this.phaseStarted = undefined
      progress.timings = { crawl: 0, files: 0, apply: 0 }
      this.setPhase(run.id, progress, 'crawl')
      const listState = new Map<string, ListProgress>(this.store.lists(run.id).map((l) => [l.listKey, { key: l.listKey, list: l.listKey.split('#').pop()!, pages: l.pages, totalPages: l.totalPages, objects: l.objects, totalElements: l.totalElements, done: l.done }]))
      progress.lists = [...listState.values()]
      const onEvent = (event: CrawlEvent) => {
        if (event.type === 'list-start') {
          if (!listState.has(event.listKey) && event.listKey.includes('#')) listState.set(event.listKey, { key: event.listKey, list: event.list, pages: 0, totalPages: null, objects: 0, totalElements: null, done: false })
          if (event.resumed) log(`[import] resuming ${event.url}`)
        } else if (event.type === 'page') {
          const { page } = event
          const l = listState.get(page.listKey)
          if (l) {
            l.pages++
            l.objects += page.objects.filter((o) => !o.embeddedIn).length
            l.totalPages = page.totalPages ?? l.totalPages
            l.totalElements = page.totalElements ?? l.totalElements
            l.done = !page.nextUrl
          }
          progress.objects += page.objects.length
          stepDone += page.objects.length
          for (const e of page.entries) if (e.outcome === 'failed') addError(`${e.code}: ${e.url} — ${e.message}`)
          progress.lists = [...listState.values()]
          touch(`page ${page.pageUrl}`)
        } else if (event.type === 'reference') {
          touch(`reference ${event.url}`)
        }
        updateRates()
        progress.etaSeconds = crawlEta(progress.lists, started)
        persist()
      }
      const crawler = new OParlCrawler({
        systemUrl: options.systemUrl,
        http,
        store: this.store.crawlStore(run, { full: !!options.full, now: () => new Date().toISOString() }),
        listConcurrency: options.concurrency ?? 4,
        // OParl 1.1's list of all places also holds persons' addresses: meetings embed their
        // places, so the list is not read (personal data the import does not keep)
        skipLists: ['location'],
        signal: controller.signal,
        onEvent,
      })
      await crawler.run()
      progress.report = this.store.reportSummary(run.id)

      // --- files
      this.setPhase(run.id, progress, 'files')
      stepStarted = Date.now()
      stepDone = 0
      if (options.files !== false) await this.downloadFiles(run, options, http, progress, controller.signal, () => {
        stepDone++
        touch('file')
        updateRates()
        const left = progress.files.total - progress.files.done
        progress.etaSeconds = rate() > 0 ? left / rate() : null
        persist()
      }, addError)

      // --- apply
      this.setPhase(run.id, progress, 'apply')
      stepStarted = Date.now()
      stepDone = 0
      touch('apply')
      const writer = new ImportWriter(this.deps.relay, this.store, options.systemUrl)
      const files = new Map<string, DownloadedFile>()
      for (const f of this.store.files(options.systemUrl).values()) if (f.status === 'ok' && f.sha256) files.set(f.url, { sha256: f.sha256, size: f.size ?? 0, mime: f.mime ?? 'application/octet-stream' })
      const mapping = mapObjects({ systemUrl: options.systemUrl, objects: this.store.stagedObjects(options.systemUrl), files, paperDocumentUrl: writer.paperDocumentUrl, now: new Date().toISOString() })
      this.store.addEntries(run.id, mapping.entries)
      progress.apply.total = mapping.papers.length + mapping.meetings.length
      const applied = await writer.apply(mapping, (done, total) => {
        controller.signal.throwIfAborted()
        progress.apply.done = done
        progress.apply.total = total
        stepDone = done
        touch('document')
        updateRates()
        progress.etaSeconds = rate() > 0 ? (total - done) / rate() : null
        persist()
      })
      this.store.addEntries(run.id, applied.entries)
      const both = (k: keyof ApplyCounts) => applied.structure[k] + applied.documents[k]
      progress.apply = { ...progress.apply, created: both('created'), updated: both('updated'), unchanged: both('unchanged'), deleted: both('deleted'), failed: both('failed') }
      ;(progress as ImportProgress & { byKind?: unknown }).byKind = applied.byKind

      // --- done: the next run asks for what changed since this one started
      this.store.advanceBaselines(run.id, options.systemUrl, new Date(Date.parse(run.startedAt) - CLOCK_SKEW_MS).toISOString())
      this.setPhase(run.id, progress, 'done')
      progress.status = 'done'
      progress.etaSeconds = 0
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error
      progress.status = reason instanceof StallError || !controller.signal.aborted ? 'failed' : 'cancelled'
      progress.error = describe(reason)
      addError(progress.error)
      log(`[import] ${progress.status}: ${progress.error}`)
    } finally {
      if (progress.phase !== 'done') {
        const phase = progress.phase
        this.setPhase(run.id, progress, phase)
      }
      clearInterval(watchdog)
      updateRates()
      progress.finishedAt = new Date().toISOString()
      progress.report = this.store.reportSummary(run.id)
      progress.reportFile = this.writeReportFile(run.id, progress)
      this.store.setRun(run.id, {
        status: progress.status,
        phase: progress.phase,
        error: progress.error,
        finishedAt: progress.finishedAt,
        reportFile: progress.reportFile,
        stats: this.snapshot(progress) as unknown as Record<string, unknown>,
      })
      this.deps.audit.write('oparl-import-end', actor, run.id, { status: progress.status, error: progress.error, created: progress.apply.created, updated: progress.apply.updated, deleted: progress.apply.deleted })
      log(`[import] ${progress.status} after ${progress.elapsedSeconds.toFixed(1)} s: ${progress.objects} objects, ${progress.files.downloaded} files, ${progress.apply.created} created, ${progress.apply.updated} updated, ${progress.apply.deleted} deleted`)
      this.last = this.snapshot(progress)
      this.active = undefined
    }
    return this.last!
  }

  private setPhase(runId: string, progress: ImportProgress, phase: RunRow['phase']): void {
    const now = performance.now()
    if (this.phaseStarted !== undefined && (progress.phase === 'crawl' || progress.phase === 'files' || progress.phase === 'apply')) {
      progress.timings[progress.phase] += (now - this.phaseStarted) / 1000
    }
    this.phaseStarted = now
    progress.phase = phase
    progress.etaSeconds = null
    this.store.setRun(runId, { phase })
  }

  /** Downloads the staged files not yet in the blob store (or changed since); 404s are reported, not fatal. */
  private async downloadFiles(
    run: RunRow,
    options: ImportOptions,
    http: OParlHttpClient,
    progress: ImportProgress,
    signal: AbortSignal,
    onFile: () => void,
    addError: (line: string) => void,
  ): Promise<void> {
    const known = this.store.files(options.systemUrl)
    const wanted = this.store
      .stagedObjects(options.systemUrl)
      .filter((o): o is FileObject => o.kind === 'file' && !o.deleted && !!(o.downloadUrl ?? o.accessUrl))
    const todo = wanted.filter((f) => {
      const k = known.get(f.url)
      if (!k) return true
      if (k.sourceModified !== f.modified) return true
      if (k.status === 'ok') return false
      return k.status === 'failed' || !!options.full
    })
    progress.files = { total: todo.length, done: 0, downloaded: 0, missing: 0, failed: 0, bytes: 0 }
    let networkFailuresInARow = 0
    const entries: ReportEntry[] = []
    const flush = () => {
      if (entries.length) this.store.addEntries(run.id, entries.splice(0))
    }
    await pool(
      todo.map((file) => async () => {
        signal.throwIfAborted()
        const url = file.downloadUrl ?? file.accessUrl!
        const now = new Date().toISOString()
        try {
          const { bytes, contentType } = await http.getBytes(url, this.deps.maxFileBytes)
          networkFailuresInARow = 0
          const mime = file.mimeType ?? contentType?.split(';')[0].trim() ?? 'application/octet-stream'
          if (file.sha1Checksum && createHash('sha1').update(bytes).digest('hex') !== file.sha1Checksum) {
            entries.push({ outcome: 'warning', code: 'file-checksum-mismatch', url: file.url, message: `sha1 of the download differs from sha1Checksum ${file.sha1Checksum}` })
          }
          const { sha256, size } = await this.deps.blobStore.put(bytes)
          this.deps.blobs.add(sha256, size, mime, null)
          this.store.setFile(options.systemUrl, { url: file.url, status: 'ok', sha256, size, mime, sourceModified: file.modified }, now)
          progress.files.downloaded++
          progress.files.bytes += size
        } catch (error) {
          if (signal.aborted) throw error
          const status = error instanceof HttpError ? error.status : 0
          const missing = status === 404 || status === 410 || status === 403
          this.store.setFile(options.systemUrl, { url: file.url, status: missing ? 'missing' : 'failed', sha256: null, size: null, mime: null, sourceModified: file.modified, error: describe(error) }, now)
          entries.push({ outcome: missing ? 'skipped' : 'failed', code: 'file-not-downloadable', url: file.url, message: `${url}: ${describe(error)}` })
          if (missing) progress.files.missing++
          else {
            progress.files.failed++
            addError(`file-not-downloadable: ${url} — ${describe(error)}`)
          }
          // the network is down (or the server gone): fail the run, it resumes later
          if (status === 0 && ++networkFailuresInARow >= 10) throw new Error(`10 file downloads in a row failed (${describe(error)}): stopping; importing again resumes`)
        } finally {
          progress.files.done++
          if (entries.length >= 100) flush()
          onFile()
        }
      }),
      options.concurrency ?? 4,
    ).finally(flush)
  }

  private writeReportFile(runId: string, progress: ImportProgress): string | null {
    try {
      const dir = path.join(this.deps.dataDir, 'imports')
      fs.mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `${runId}.json`)
      const body = {
        run: { id: runId, systemUrl: progress.systemUrl, status: progress.status, startedAt: progress.startedAt, finishedAt: progress.finishedAt, error: progress.error },
        counts: { objects: progress.objects, lists: progress.lists, files: progress.files, apply: progress.apply, http: progress.http },
        summary: progress.report,
        text: formatReport(progress.report),
        entries: this.store.reportEntries(runId),
      }
      fs.writeFileSync(file, JSON.stringify(body, null, 1))
      return file
    } catch (error) {
      this.deps.log?.(`[import] report file not written: ${describe(error)}`)
      return null
    }
  }

  private fromRow(run: RunRow): ImportProgress {
    const stats = run.stats as Partial<ImportProgress>
    return {
      runId: run.id,
      systemUrl: run.systemUrl,
      status: run.status,
      phase: run.phase,
      resumed: stats.resumed ?? false,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      elapsedSeconds: stats.elapsedSeconds ?? 0,
      objects: stats.objects ?? 0,
      objectsPerSecond: stats.objectsPerSecond ?? 0,
      etaSeconds: run.status === 'running' ? (stats.etaSeconds ?? null) : null,
      lists: stats.lists ?? [],
      files: stats.files ?? { total: 0, done: 0, downloaded: 0, missing: 0, failed: 0, bytes: 0 },
      apply: stats.apply ?? { total: 0, done: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
      http: stats.http ?? { requests: 0, retries: 0, failures: 0, bytes: 0 },
      errors: stats.errors ?? [],
      error: run.error,
      report: run.status === 'running' ? (stats.report ?? []) : this.store.reportSummary(run.id),
      reportFile: run.reportFile,
      timings: stats.timings ?? { crawl: 0, files: 0, apply: 0 },
    }
  }

  private snapshot(progress: ImportProgress): ImportProgress {
    return structuredClone(progress)
  }
}

/** The run made no progress for too long (server hangs, network gone): an error, never silence. */
export class StallError extends Error {
  constructor(
    readonly ms: number,
    readonly last: string,
  ) {
    super(`stalled: no progress for ${Math.round(ms / 1000)} s (last: ${last})`)
    this.name = 'StallError'
  }
}

function describe(error: unknown): string {
  if (error instanceof CrawlError || error instanceof HttpError || error instanceof StallError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}

/** Estimated seconds left in the crawl: remaining pages of lists with a known total at the pace so far. */
export function crawlEta(lists: readonly ListProgress[], startedMs: number, nowMs = Date.now()): number | null {
  const pages = lists.reduce((n, l) => n + l.pages, 0)
  if (!pages) return null
  const remaining = lists.reduce((n, l) => n + (l.done ? 0 : Math.max(0, (l.totalPages ?? l.pages + 1) - l.pages)), 0)
  const perPage = (nowMs - startedMs) / 1000 / pages
  return remaining * perPage
}

function throttle(fn: () => void, ms: number): () => void {
  let last = 0
  return () => {
    const now = Date.now()
    if (now - last < ms) return
    last = now
    fn()
  }
}
