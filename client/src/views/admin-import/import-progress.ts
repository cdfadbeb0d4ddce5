/**
 * The import's progress as the relay reports it (GET /api/admin/import), read defensively, and the
 * derived figures the view shows (percent of the current step, readable durations).
 */
export type ImportStatus = 'running' | 'done' | 'failed' | 'cancelled'
export type ImportPhase = 'crawl' | 'files' | 'apply' | 'done'
export type ReportOutcome = 'repaired' | 'skipped' | 'failed' | 'warning'

export interface ListProgress {
  key: string
  list: string
  pages: number
  totalPages: number | null
  objects: number
  totalElements: number | null
  done: boolean
}

export interface ReportLine {
  outcome: ReportOutcome
  code: string
  count: number
  examples: string[]
}

export interface ImportProgress {
  runId: string
  systemUrl: string
  status: ImportStatus
  phase: ImportPhase
  resumed: boolean
  startedAt: string
  finishedAt: string | null
  elapsedSeconds: number
  objects: number
  objectsPerSecond: number
  etaSeconds: number | null
  lists: ListProgress[]
  files: { total: number; done: number; downloaded: number; missing: number; failed: number; bytes: number }
  apply: { total: number; done: number; created: number; updated: number; unchanged: number; deleted: number; failed: number }
  http: { requests: number; retries: number; failures: number; bytes: number }
  errors: string[]
  error: string | null
  report: ReportLine[]
  reportFile: string | null
}

export interface ImportOverview {
  running: boolean
  current: ImportProgress | null
  runs: Array<Pick<ImportProgress, 'runId' | 'systemUrl' | 'status' | 'startedAt' | 'finishedAt' | 'apply' | 'error'>>
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** Reads a progress object from the relay (unknown shape at the edge): missing parts become zeros. */
export function readProgress(v: unknown): ImportProgress | null {
  if (!isObj(v) || typeof v.runId !== 'string') return null
  const files = isObj(v.files) ? v.files : {}
  const apply = isObj(v.apply) ? v.apply : {}
  const http = isObj(v.http) ? v.http : {}
  return {
    runId: v.runId,
    systemUrl: str(v.systemUrl),
    status: (['running', 'done', 'failed', 'cancelled'] as const).find((s) => s === v.status) ?? 'failed',
    phase: (['crawl', 'files', 'apply', 'done'] as const).find((s) => s === v.phase) ?? 'crawl',
    resumed: v.resumed === true,
    startedAt: str(v.startedAt),
    finishedAt: typeof v.finishedAt === 'string' ? v.finishedAt : null,
    elapsedSeconds: num(v.elapsedSeconds),
    objects: num(v.objects),
    objectsPerSecond: num(v.objectsPerSecond),
    etaSeconds: typeof v.etaSeconds === 'number' ? v.etaSeconds : null,
    lists: (Array.isArray(v.lists) ? v.lists : []).filter(isObj).map((l) => ({
      key: str(l.key),
      list: str(l.list),
      pages: num(l.pages),
      totalPages: typeof l.totalPages === 'number' ? l.totalPages : null,
      objects: num(l.objects),
      totalElements: typeof l.totalElements === 'number' ? l.totalElements : null,
      done: l.done === true,
    })),
    files: { total: num(files.total), done: num(files.done), downloaded: num(files.downloaded), missing: num(files.missing), failed: num(files.failed), bytes: num(files.bytes) },
    apply: { total: num(apply.total), done: num(apply.done), created: num(apply.created), updated: num(apply.updated), unchanged: num(apply.unchanged), deleted: num(apply.deleted), failed: num(apply.failed) },
    http: { requests: num(http.requests), retries: num(http.retries), failures: num(http.failures), bytes: num(http.bytes) },
    errors: (Array.isArray(v.errors) ? v.errors : []).filter((e): e is string => typeof e === 'string'),
    error: typeof v.error === 'string' ? v.error : null,
    report: (Array.isArray(v.report) ? v.report : []).filter(isObj).map((r) => ({
      outcome: (['repaired', 'skipped', 'failed', 'warning'] as const).find((o) => o === r.outcome) ?? 'warning',
      code: str(r.code),
      count: num(r.count),
      examples: (Array.isArray(r.examples) ? r.examples : []).filter((e): e is string => typeof e === 'string'),
    })),
    reportFile: typeof v.reportFile === 'string' ? v.reportFile : null,
  }
}

export function readOverview(v: unknown): ImportOverview {
  const o = isObj(v) ? v : {}
  return {
    running: o.running === true,
    current: readProgress(o.current),
    runs: (Array.isArray(o.runs) ? o.runs : []).map(readProgress).filter((r): r is ImportProgress => r !== null),
  }
}

/** How far the current step is, 0–100, or null when it cannot be told (lists without page counts). */
export function stepPercent(p: ImportProgress): number | null {
  if (p.status === 'done') return 100
  if (p.phase === 'crawl') {
    if (!p.lists.length || p.lists.some((l) => !l.done && l.totalPages === null)) return null
    const total = p.lists.reduce((n, l) => n + (l.totalPages ?? l.pages), 0)
    const done = p.lists.reduce((n, l) => n + (l.done ? (l.totalPages ?? l.pages) : l.pages), 0)
    return total ? Math.min(100, Math.round((done / total) * 100)) : null
  }
  if (p.phase === 'files') return p.files.total ? Math.round((p.files.done / p.files.total) * 100) : 100
  if (p.phase === 'apply') return p.apply.total ? Math.round((p.apply.done / p.apply.total) * 100) : 100
  return 100
}

/** "1 h 4 min", "3 min 20 s", "45 s" */
export function formatDuration(seconds: number, locale: 'de' | 'en' = 'de'): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  const hUnit = locale === 'de' ? 'Std.' : 'h'
  if (h) return `${h} ${hUnit} ${m} min`
  if (m) return `${m} min ${rest} s`
  return `${rest} s`
}

/** The stall timeout in seconds when the relay reported one ("stalled: no progress for 120 s …"). */
export function stalledSeconds(error: string | null): number | null {
  const m = /^stalled: no progress for (\d+) s/.exec(error ?? '')
  return m ? Number(m[1]) : null
}
