/**
 * The import's tables (migration 7): runs with their list checkpoints and report entries, the
 * staged objects of each system (normalised OParl, by URL), downloaded files, `modified_since`
 * baselines, and the mapping source URL -> Ratstisch id (`import_sources`).
 *
 * A crawled page is saved in one transaction: its objects, its report entries and the list's new
 * position. A run that dies between two pages resumes at the page it had not saved.
 */
import {
  mergeObjects,
  ReportTally,
  type CrawledPage,
  type CrawlStore,
  type ListPosition,
  type ObjectKind,
  type OParlObject,
  type ReportEntry,
  type ReportSummaryLine,
} from '@ratstisch/oparl'
import type { Statement } from 'better-sqlite3'
import type { RelayDatabase } from '../db/database.ts'

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled'
export type RunPhase = 'crawl' | 'files' | 'apply' | 'done'

export interface RunRow {
  id: string
  systemUrl: string
  startedAt: string
  finishedAt: string | null
  status: RunStatus
  phase: RunPhase
  options: Record<string, unknown>
  error: string | null
  stats: Record<string, unknown>
  reportFile: string | null
}

export interface ListRow {
  listKey: string
  nextUrl: string | null
  done: boolean
  since: string | null
  pages: number
  objects: number
  totalPages: number | null
  totalElements: number | null
}

export interface SourceRow {
  url: string
  kind: string
  localId: string
  documentId: string | null
  confidentialDocumentId: string | null
  hash: string | null
  deleted: boolean
}

export interface FileRow {
  url: string
  status: 'ok' | 'missing' | 'failed'
  sha256: string | null
  size: number | null
  mime: string | null
  sourceModified: string | null
}

interface RawRun {
  id: string
  system_url: string
  started_at: string
  finished_at: string | null
  status: RunStatus
  phase: RunPhase
  options: string
  error: string | null
  stats: string
  report_file: string | null
}

const toRun = (r: RawRun): RunRow => ({
  id: r.id,
  systemUrl: r.system_url,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  phase: r.phase,
  options: JSON.parse(r.options) as Record<string, unknown>,
  error: r.error,
  stats: JSON.parse(r.stats) as Record<string, unknown>,
  reportFile: r.report_file,
})

/** References whose targets are fetched one by one when no list holds them. */
const REFERENCE_FIELDS: Array<{ kind: ObjectKind; field: string; target: ObjectKind; many: boolean }> = [
  { kind: 'meeting', field: 'organizationUrls', target: 'organization', many: true },
  { kind: 'consultation', field: 'organizationUrls', target: 'organization', many: true },
  { kind: 'consultation', field: 'meetingUrl', target: 'meeting', many: false },
  { kind: 'membership', field: 'organizationUrl', target: 'organization', many: false },
  { kind: 'paper', field: 'underDirectionOfUrls', target: 'organization', many: true },
]

export class ImportStore {
  private readonly statements = new Map<string, Statement<unknown[]>>()

  constructor(private readonly db: RelayDatabase) {}

  /** prepared once (a large import writes thousands of rows) */
  private statement(sql: string): Statement<unknown[]> {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  // ------------------------------------------------------------------ runs

  createRun(id: string, systemUrl: string, options: Record<string, unknown>, now: string): RunRow {
    this.db
      .prepare(`INSERT INTO import_runs (id, system_url, started_at, status, phase, options) VALUES (?, ?, ?, 'running', 'crawl', ?)`)
      .run(id, systemUrl, now, JSON.stringify(options))
    return this.run(id)!
  }

  run(id: string): RunRow | undefined {
    const row = this.db.prepare('SELECT * FROM import_runs WHERE id = ?').get(id) as RawRun | undefined
    return row && toRun(row)
  }

  runs(limit = 20): RunRow[] {
    return (this.db.prepare('SELECT * FROM import_runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as RawRun[]).map(toRun)
  }

  /** the last run of a system that did not finish (failed, cancelled, or running when the relay stopped) */
  unfinishedRun(systemUrl: string): RunRow | undefined {
    const row = this.db
      .prepare("SELECT * FROM import_runs WHERE system_url = ? AND status != 'done' ORDER BY started_at DESC, rowid DESC LIMIT 1")
      .get(systemUrl) as RawRun | undefined
    const last = this.db.prepare('SELECT * FROM import_runs WHERE system_url = ? ORDER BY started_at DESC, rowid DESC LIMIT 1').get(systemUrl) as RawRun | undefined
    // only when it is the latest run of the system
    return row && last && row.id === last.id ? toRun(row) : undefined
  }

  setRun(id: string, fields: Partial<Pick<RunRow, 'status' | 'phase' | 'error' | 'stats' | 'finishedAt' | 'reportFile'>>): void {
    const sets: string[] = []
    const values: unknown[] = []
    const put = (column: string, value: unknown) => (sets.push(`${column} = ?`), values.push(value))
    if (fields.status !== undefined) put('status', fields.status)
    if (fields.phase !== undefined) put('phase', fields.phase)
    if (fields.error !== undefined) put('error', fields.error)
    if (fields.stats !== undefined) put('stats', JSON.stringify(fields.stats))
    if (fields.finishedAt !== undefined) put('finished_at', fields.finishedAt)
    if (fields.reportFile !== undefined) put('report_file', fields.reportFile)
    if (!sets.length) return
    this.db.prepare(`UPDATE import_runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
  }

  /** runs left 'running' by a relay that stopped: failed (they resume on the next start of the same system) */
  markInterrupted(now: string): number {
    return this.db.prepare("UPDATE import_runs SET status = 'failed', error = 'interrupted: the relay stopped during the import', finished_at = ? WHERE status = 'running'").run(now).changes
  }

  // ------------------------------------------------------------------ lists (checkpoints)

  lists(runId: string): ListRow[] {
    return (this.db.prepare('SELECT * FROM import_lists WHERE run_id = ? ORDER BY list_key').all(runId) as Array<Record<string, unknown>>).map((r) => ({
      listKey: String(r.list_key),
      nextUrl: (r.next_url as string | null) ?? null,
      done: r.done === 1,
      since: (r.since as string | null) ?? null,
      pages: Number(r.pages),
      objects: Number(r.objects),
      totalPages: (r.total_pages as number | null) ?? null,
      totalElements: (r.total_elements as number | null) ?? null,
    }))
  }

  baseline(systemUrl: string, listKey: string): string | null {
    const row = this.statement('SELECT since FROM import_baselines WHERE system_url = ? AND list_key = ?').get(systemUrl, listKey) as { since: string } | undefined
    return row?.since ?? null
  }

  /** after a run completed: its start is the next run's modified_since for every list it read to the end */
  advanceBaselines(runId: string, systemUrl: string, since: string): void {
    const upsert = this.db.prepare(
      'INSERT INTO import_baselines (system_url, list_key, since) VALUES (?, ?, ?) ON CONFLICT(system_url, list_key) DO UPDATE SET since = excluded.since',
    )
    this.db.transaction(() => {
      for (const l of this.lists(runId)) if (l.done && l.listKey.includes('#')) upsert.run(systemUrl, l.listKey, since)
    })()
  }

  /** forgets the baselines: the next run reads every list from the start */
  clearBaselines(systemUrl: string): void {
    this.db.prepare('DELETE FROM import_baselines WHERE system_url = ?').run(systemUrl)
  }

  /** The crawl's view of this run (positions, since, page saving, missing references). */
  crawlStore(run: RunRow, options: { full: boolean; now: () => string; onSaved?: (page: CrawledPage) => void }): CrawlStore {
    const systemUrl = run.systemUrl
    const selectObject = this.db.prepare('SELECT data FROM import_objects WHERE system_url = ? AND url = ?')
    const upsertObject = this.db.prepare(
      `INSERT INTO import_objects (system_url, url, kind, modified, deleted, data, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(system_url, url) DO UPDATE SET kind = excluded.kind, modified = excluded.modified, deleted = excluded.deleted, data = excluded.data, run_id = excluded.run_id`,
    )
    const upsertList = this.db.prepare(
      `INSERT INTO import_lists (run_id, list_key, next_url, done, since, pages, objects, total_pages, total_elements, updated_at)
       VALUES (@run_id, @list_key, @next_url, @done, @since, 1, @objects, @total_pages, @total_elements, @now)
       ON CONFLICT(run_id, list_key) DO UPDATE SET next_url = excluded.next_url, done = excluded.done, pages = pages + 1,
         objects = objects + excluded.objects, total_pages = COALESCE(excluded.total_pages, total_pages),
         total_elements = COALESCE(excluded.total_elements, total_elements), updated_at = excluded.updated_at`,
    )
    const insertEntry = this.db.prepare('INSERT OR IGNORE INTO import_report (run_id, outcome, code, url, message) VALUES (?, ?, ?, ?, ?)')
    const save = this.db.transaction((page: CrawledPage) => {
      for (const o of page.objects) {
        const existing = selectObject.get(systemUrl, o.url) as { data: string } | undefined
        const merged = existing ? mergeObjects(JSON.parse(existing.data) as OParlObject, o) : o
        upsertObject.run(systemUrl, merged.url, merged.kind, merged.modified, merged.deleted ? 1 : 0, JSON.stringify(merged), run.id)
      }
      for (const e of page.entries) insertEntry.run(run.id, e.outcome, e.code, e.url, e.message.slice(0, 500))
      if (page.listKey.includes('#')) {
        upsertList.run({
          run_id: run.id,
          list_key: page.listKey,
          next_url: page.nextUrl,
          done: page.nextUrl ? 0 : 1,
          since: options.full ? null : this.baseline(systemUrl, page.listKey),
          objects: page.objects.filter((o) => !o.embeddedIn).length,
          total_pages: page.totalPages,
          total_elements: page.totalElements,
          now: options.now(),
        })
      }
    })
    return {
      position: (listKey): ListPosition | undefined => {
        const row = this.db.prepare('SELECT next_url, done FROM import_lists WHERE run_id = ? AND list_key = ?').get(run.id, listKey) as { next_url: string | null; done: number } | undefined
        return row ? { nextUrl: row.next_url, done: row.done === 1 } : undefined
      },
      since: (listKey) => (options.full ? null : this.baseline(systemUrl, listKey)),
      savePage: (page) => {
        save(page)
        options.onSaved?.(page)
      },
      missingReferences: () => this.missingReferences(systemUrl),
    }
  }

  /** URLs referenced by staged objects and staged nowhere (the crawl fetches them one by one) */
  missingReferences(systemUrl: string): Array<{ url: string; kind: ObjectKind }> {
    const staged = new Set((this.db.prepare('SELECT url FROM import_objects WHERE system_url = ?').all(systemUrl) as Array<{ url: string }>).map((r) => r.url))
    const missing = new Map<string, ObjectKind>()
    for (const ref of REFERENCE_FIELDS) {
      for (const row of this.db.prepare('SELECT data FROM import_objects WHERE system_url = ? AND kind = ? AND deleted = 0').iterate(systemUrl, ref.kind) as Iterable<{ data: string }>) {
        const o = JSON.parse(row.data) as Record<string, unknown>
        const value = o[ref.field]
        for (const url of ref.many ? ((value as string[] | null) ?? []) : value ? [value as string] : []) if (!staged.has(url)) missing.set(url, ref.target)
      }
    }
    return [...missing].map(([url, kind]) => ({ url, kind }))
  }

  // ------------------------------------------------------------------ staged objects

  /** every staged object of a system, by kind */
  stagedObjects(systemUrl: string): OParlObject[] {
    return (this.db.prepare('SELECT data FROM import_objects WHERE system_url = ? ORDER BY url').all(systemUrl) as Array<{ data: string }>).map((r) => JSON.parse(r.data) as OParlObject)
  }

  countStaged(systemUrl: string): Record<string, { live: number; deleted: number }> {
    const out: Record<string, { live: number; deleted: number }> = {}
    for (const r of this.db.prepare('SELECT kind, deleted, COUNT(*) AS n FROM import_objects WHERE system_url = ? GROUP BY kind, deleted').all(systemUrl) as Array<{ kind: string; deleted: number; n: number }>) {
      out[r.kind] ??= { live: 0, deleted: 0 }
      if (r.deleted) out[r.kind].deleted = r.n
      else out[r.kind].live = r.n
    }
    return out
  }

  // ------------------------------------------------------------------ files

  files(systemUrl: string): Map<string, FileRow> {
    const out = new Map<string, FileRow>()
    for (const r of this.db.prepare('SELECT * FROM import_files WHERE system_url = ?').all(systemUrl) as Array<Record<string, unknown>>) {
      out.set(String(r.url), {
        url: String(r.url),
        status: r.status as FileRow['status'],
        sha256: (r.sha256 as string | null) ?? null,
        size: (r.size as number | null) ?? null,
        mime: (r.mime as string | null) ?? null,
        sourceModified: (r.source_modified as string | null) ?? null,
      })
    }
    return out
  }

  setFile(systemUrl: string, file: FileRow & { error?: string | null }, now: string): void {
    this
      .statement(
        `INSERT INTO import_files (system_url, url, status, sha256, size, mime, source_modified, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(system_url, url) DO UPDATE SET status = excluded.status, sha256 = excluded.sha256, size = excluded.size, mime = excluded.mime,
           source_modified = excluded.source_modified, error = excluded.error, updated_at = excluded.updated_at`,
      )
      .run(systemUrl, file.url, file.status, file.sha256, file.size, file.mime, file.sourceModified, file.error ?? null, now)
  }

  // ------------------------------------------------------------------ sources (URL -> Ratstisch id)

  sources(systemUrl: string): Map<string, SourceRow> {
    const out = new Map<string, SourceRow>()
    for (const r of this.db.prepare('SELECT * FROM import_sources WHERE system_url = ?').all(systemUrl) as Array<Record<string, unknown>>) {
      out.set(String(r.url), {
        url: String(r.url),
        kind: String(r.kind),
        localId: String(r.local_id),
        documentId: (r.document_id as string | null) ?? null,
        confidentialDocumentId: (r.confidential_document_id as string | null) ?? null,
        hash: (r.hash as string | null) ?? null,
        deleted: r.deleted === 1,
      })
    }
    return out
  }

  setSource(systemUrl: string, row: SourceRow, now: string): void {
    this
      .statement(
        `INSERT INTO import_sources (system_url, url, kind, local_id, document_id, confidential_document_id, hash, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(system_url, url) DO UPDATE SET kind = excluded.kind, local_id = excluded.local_id, document_id = excluded.document_id,
           confidential_document_id = excluded.confidential_document_id, hash = excluded.hash, deleted = excluded.deleted, updated_at = excluded.updated_at`,
      )
      .run(systemUrl, row.url, row.kind, row.localId, row.documentId, row.confidentialDocumentId, row.hash, row.deleted ? 1 : 0, now)
  }

  // ------------------------------------------------------------------ report

  addEntries(runId: string, entries: readonly ReportEntry[]): void {
    const insert = this.statement('INSERT OR IGNORE INTO import_report (run_id, outcome, code, url, message) VALUES (?, ?, ?, ?, ?)')
    this.db.transaction(() => {
      for (const e of entries) insert.run(runId, e.outcome, e.code, e.url, e.message.slice(0, 500))
    })()
  }

  reportSummary(runId: string, examples = 5): ReportSummaryLine[] {
    const tally = new ReportTally(examples)
    const counts = this.db.prepare('SELECT outcome, code, COUNT(*) AS n FROM import_report WHERE run_id = ? GROUP BY outcome, code').all(runId) as Array<{ outcome: ReportEntry['outcome']; code: ReportEntry['code']; n: number }>
    const sample = this.db.prepare('SELECT url FROM import_report WHERE run_id = ? AND outcome = ? AND code = ? ORDER BY url LIMIT ?')
    for (const c of counts) {
      const urls = (sample.all(runId, c.outcome, c.code, examples) as Array<{ url: string }>).map((r) => r.url)
      tally.add({ outcome: c.outcome, code: c.code, url: urls[0] ?? '' }, c.n)
      for (const url of urls.slice(1)) tally.add({ outcome: c.outcome, code: c.code, url }, 0)
    }
    return tally.summary()
  }

  reportEntries(runId: string): ReportEntry[] {
    return this.db.prepare('SELECT outcome, code, url, message FROM import_report WHERE run_id = ? ORDER BY outcome, code, url').all(runId) as ReportEntry[]
  }
}
