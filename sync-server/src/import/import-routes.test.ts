/**
 * The import's admin API on a listening relay: only administrators start, watch and cancel
 * imports (not the clerk, not members, not anonymous callers, not a forged origin); bad requests
 * are refused with a German message naming the field; the CLI imports through the same API and
 * prints the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { OParlFixtureServer, specExamplesSource } from '@ratstisch/oparl/testing'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { importViaRelay, parseArgs, progressLine, summary } from '../cli/import-oparl.ts'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { readImportRequest } from './import-routes.ts'
import type { ImportProgress as ImportRoutesProgress } from './import-service.ts'

const examples = sharedPath('oparl/examples')
const PASSWORD = 'test-password-123'

describe.skipIf(!examples)('admin API of the import', () => {
  let relay: Relay
  let server: OParlFixtureServer
  let origin: string
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    server = await OParlFixtureServer.start(specExamplesSource(examples!))
    relay = createRelay({ ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-import-api-')), demo: false, evictIdleMs: 0 })
    await relay.portalSearch.stop()
    await relay.pdfTexts.stop()
    for (const [username, role] of [['admin', 'admin'], ['clerk', 'clerk'], ['member', 'member']] as const) {
      await relay.users.create({ username, name: username, password: PASSWORD, roles: [role] })
    }
    origin = `http://127.0.0.1:${await relay.listen()}`
    for (const username of ['admin', 'clerk', 'member']) {
      const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username, password: PASSWORD }) })
      cookies[username] = res.headers.get('set-cookie')!.split(';')[0]
    }
  }, 30_000)
  afterAll(async () => {
    await relay?.close()
    await server?.close()
  })

  const call = (method: string, url: string, opts: { user?: string; body?: unknown; origin?: string | null } = {}) =>
    fetch(`${origin}${url}`, {
      method,
      headers: {
        ...(opts.user ? { cookie: cookies[opts.user] } : {}),
        ...(opts.origin === null ? {} : { origin: opts.origin ?? origin }),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })

  it('refuses anonymous callers, members and the clerk, and a forged origin; starts nothing', async () => {
    const body = { systemUrl: server.systemUrl }
    expect((await call('GET', '/api/admin/import')).status).toBe(401)
    expect((await call('POST', '/api/admin/import', { body })).status).toBe(401)
    for (const user of ['member', 'clerk']) {
      expect((await call('GET', '/api/admin/import', { user })).status, user).toBe(403)
      expect((await call('POST', '/api/admin/import', { user, body })).status, user).toBe(403)
      expect((await call('POST', '/api/admin/import/cancel', { user })).status, user).toBe(403)
      expect((await call('GET', '/api/admin/import/runs/x/report', { user })).status, user).toBe(403)
    }
    // an administrator's cookie from a page on another origin (CSRF)
    expect((await call('POST', '/api/admin/import', { user: 'admin', body, origin: 'https://evil.example' })).status).toBe(403)
    expect((await call('POST', '/api/admin/import', { user: 'admin', body, origin: null })).status).toBe(403)
    expect(relay.imports.store.runs().length).toBe(0)
    expect(server.requests.length).toBe(0)
    // every refusal is in the audit log (members are already turned away by the admin area)
    const denied = relay.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('import-denied', 'admin-denied')").get() as { n: number }
    expect(denied.n).toBe(8)
  })

  it('refuses bad requests with a message naming the field', async () => {
    for (const [body, field] of [
      [{ systemUrl: 'file:///etc/passwd' }, 'systemUrl'],
      [{ systemUrl: 'ftp://x.example/oparl' }, 'systemUrl'],
      [{}, 'systemUrl'],
      [{ systemUrl: server.systemUrl, concurrency: 99 }, 'concurrency'],
      [{ systemUrl: server.systemUrl, requestsPerSecond: -1 }, 'requestsPerSecond'],
      [{ systemUrl: server.systemUrl, files: 'yes' }, 'files'],
      [{ systemUrl: server.systemUrl, evil: 1 }, 'evil'],
    ] as const) {
      const res = await call('POST', '/api/admin/import', { user: 'admin', body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { field: string }).field).toBe(field)
    }
    expect(readImportRequest({ systemUrl: 'https://ris.example/oparl/system', timeoutSeconds: 5, stallSeconds: 60 })).toMatchObject({ timeoutMs: 5000, stallTimeoutMs: 60_000 })
  })

  it('starts an import, shows its progress, refuses a second one while it runs, and keeps the report', async () => {
    server.faults.push({ match: (p) => p.includes('/body/0/papers'), kind: 'slow', delayMs: 500, times: 1 })
    const res = await call('POST', '/api/admin/import', { user: 'admin', body: { systemUrl: server.systemUrl, requestsPerSecond: 0 } })
    expect(res.status).toBe(202)
    const { progress } = (await res.json()) as { progress: ImportRoutesProgress }
    expect(progress).toMatchObject({ status: 'running', systemUrl: server.systemUrl })
    expect((await call('POST', '/api/admin/import', { user: 'admin', body: { systemUrl: server.systemUrl } })).status).toBe(409)
    const watching = (await (await call('GET', '/api/admin/import', { user: 'admin' })).json()) as { running: boolean; current: ImportRoutesProgress }
    expect(watching.running).toBe(true)
    expect(watching.current.runId).toBe(progress.runId)
    await relay.imports.wait()
    const run = (await (await call('GET', `/api/admin/import/runs/${progress.runId}`, { user: 'admin' })).json()) as { progress: ImportRoutesProgress }
    expect(run.progress).toMatchObject({ status: 'done', phase: 'done' })
    expect(run.progress.apply.created).toBeGreaterThan(0)
    const report = (await (await call('GET', `/api/admin/import/runs/${progress.runId}/report`, { user: 'admin' })).json()) as { entries: Array<{ code: string }> }
    expect(report.entries.some((e) => e.code === 'reference-not-found')).toBe(true)
    const text = await (await call('GET', `/api/admin/import/runs/${progress.runId}/report?format=text`, { user: 'admin' })).text()
    expect(text).toMatch(/reference-not-found/)
    expect((await call('GET', '/api/admin/import/runs/nope', { user: 'admin' })).status).toBe(404)
  })

  it('the CLI imports through the running relay and prints progress and report', async () => {
    const cli = parseArgs([server.systemUrl, '--relay', origin, '--user', 'admin', '--rps', '0', '--full'], {})
    expect(cli.request).toEqual({ requestsPerSecond: 0, full: true })
    const lines: string[] = []
    const done = await importViaRelay(cli, (l) => lines.push(l), PASSWORD)
    expect(done.status).toBe('done')
    expect(done.apply).toMatchObject({ created: 0, failed: 0 })
    expect(summary(done)).toMatch(/^Import completed/)
    expect(progressLine(done)).toMatch(/^\[done\]/)
    await expect(importViaRelay({ ...cli, user: 'member' }, () => {}, PASSWORD)).rejects.toThrow(/HTTP 403/)
    expect(() => parseArgs([], {})).toThrow(/system URL/)
    expect(() => parseArgs(['https://x', '--relay', 'http://a', '--data-dir', 'd'], {})).toThrow(/either/)
    expect(parseArgs(['https://x'], { PORT: '9090' }).relay).toBe('http://localhost:9090')
  })
})
