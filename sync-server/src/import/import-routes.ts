/**
 * Admin API of the OParl import (mounted at /api/admin/import, administrators only):
 *   GET  /                 the running import (or the last one) and recent runs
 *   POST /                 start or resume an import  {systemUrl, concurrency?, requestsPerSecond?, timeoutSeconds?, retries?, stallSeconds?, files?, full?, restart?}
 *   POST /cancel           stop the running import (it resumes when started again)
 *   GET  /runs/:id         one run's progress
 *   GET  /runs/:id/report  every report entry of a run (JSON; ?format=text for the printed report)
 * The admin view polls GET / once a second while an import runs.
 */
import { Hono } from 'hono'
import { formatReport } from '@ratstisch/oparl'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayEnv } from '../http/context.ts'
import { ImportAlreadyRunning, type ImportOptions, type ImportService } from './import-service.ts'

interface Bound {
  min: number
  max: number
}

const BOUNDS: Record<string, Bound> = {
  concurrency: { min: 1, max: 16 },
  requestsPerSecond: { min: 0, max: 100 },
  timeoutSeconds: { min: 1, max: 600 },
  retries: { min: 0, max: 10 },
  stallSeconds: { min: 5, max: 86_400 },
}

const LABELS: Record<string, string> = {
  concurrency: 'Parallele Anfragen',
  requestsPerSecond: 'Anfragen pro Sekunde',
  timeoutSeconds: 'Zeitlimit je Anfrage (Sekunden)',
  retries: 'Wiederholungen',
  stallSeconds: 'Abbruch ohne Fortschritt nach (Sekunden)',
}

class BadRequest extends Error {
  constructor(
    readonly messageDe: string,
    readonly field: string,
  ) {
    super(messageDe)
  }
}

/** Reads and checks the start request (runtime validation at the edge). */
export function readImportRequest(body: unknown): ImportOptions {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('Ungültige Anfrage: ein JSON-Objekt wird erwartet.', 'body')
  const b = body as Record<string, unknown>
  const allowed = new Set(['systemUrl', ...Object.keys(BOUNDS), 'files', 'full', 'restart'])
  for (const key of Object.keys(b)) if (!allowed.has(key)) throw new BadRequest(`Unbekanntes Feld „${key}“.`, key)
  const systemUrl = typeof b.systemUrl === 'string' ? b.systemUrl.trim() : ''
  let ok = false
  try {
    const u = new URL(systemUrl)
    ok = (u.protocol === 'https:' || u.protocol === 'http:') && systemUrl.length <= 2000
  } catch {
    ok = false
  }
  if (!ok) throw new BadRequest('Bitte die Adresse des OParl-Systems angeben (https://…).', 'systemUrl')
  const number = (key: string): number | undefined => {
    const v = b[key]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'string' ? Number(v) : v
    const bound = BOUNDS[key]
    if (typeof n !== 'number' || !Number.isFinite(n) || n < bound.min || n > bound.max) throw new BadRequest(`„${LABELS[key]}“ muss zwischen ${bound.min} und ${bound.max} liegen.`, key)
    return n
  }
  const flag = (key: string): boolean | undefined => {
    const v = b[key]
    if (v === undefined) return undefined
    if (typeof v !== 'boolean') throw new BadRequest(`„${key}“ muss ja oder nein sein.`, key)
    return v
  }
  const options: ImportOptions = { systemUrl }
  const concurrency = number('concurrency')
  if (concurrency !== undefined) options.concurrency = Math.round(concurrency)
  const rps = number('requestsPerSecond')
  if (rps !== undefined) options.requestsPerSecond = rps
  const timeout = number('timeoutSeconds')
  if (timeout !== undefined) options.timeoutMs = timeout * 1000
  const retries = number('retries')
  if (retries !== undefined) options.retries = Math.round(retries)
  const stall = number('stallSeconds')
  if (stall !== undefined) options.stallTimeoutMs = stall * 1000
  for (const key of ['files', 'full', 'restart'] as const) {
    const v = flag(key)
    if (v !== undefined) options[key] = v
  }
  return options
}

export function importRoutes(deps: { imports: ImportService; users: UserStore; audit: AuditLog }): Hono<RelayEnv> {
  const { imports, users, audit } = deps
  const app = new Hono<RelayEnv>()

  // importing rewrites the town's public record and makes the relay fetch URLs: administrators only
  app.use('*', async (c, next) => {
    const userId = c.get('userId')
    if (!users.roles(userId).includes('admin')) {
      audit.write('import-denied', userId, c.req.path)
      return c.json({ error: 'Der Import ist nur für die Administration', code: 'forbidden' }, 403)
    }
    await next()
  })

  app.get('/', (c) => c.json({ current: imports.current(), running: imports.running, runs: imports.runs(10).map(({ lists: _l, errors: _e, report: _r, ...summary }) => summary) }))

  app.post('/', async (c) => {
    let options: ImportOptions
    try {
      options = readImportRequest(await c.req.json().catch(() => null))
    } catch (error) {
      if (error instanceof BadRequest) return c.json({ error: error.messageDe, code: 'bad-request', field: error.field }, 400)
      throw error
    }
    try {
      const progress = imports.start(options, c.get('userId'))
      return c.json({ progress }, 202)
    } catch (error) {
      if (error instanceof ImportAlreadyRunning) return c.json({ error: 'Es läuft bereits ein Import', code: 'conflict', runId: error.runId }, 409)
      throw error
    }
  })

  app.post('/cancel', (c) => {
    const cancelled = imports.cancel()
    if (cancelled) audit.write('oparl-import-cancel', c.get('userId'), null)
    return c.json({ cancelled })
  })

  app.get('/runs/:id', (c) => {
    const progress = imports.progress(c.req.param('id'))
    return progress ? c.json({ progress }) : c.json({ error: 'Import nicht gefunden', code: 'not-found' }, 404)
  })

  app.get('/runs/:id/report', (c) => {
    const id = c.req.param('id')
    const progress = imports.progress(id)
    if (!progress) return c.json({ error: 'Import nicht gefunden', code: 'not-found' }, 404)
    if (c.req.query('format') === 'text') return c.text(formatReport(imports.store.reportSummary(id)))
    return c.json({ summary: imports.store.reportSummary(id), entries: imports.store.reportEntries(id) })
  })

  return app
}
