/**
 * Faults during an import, against the SD.NET capture cut to its first pages (fast): 500s,
 * responses slower than the timeout and JSON cut off mid-list are retried within the run; a page
 * that keeps failing fails the run with an error, and the next start resumes at that page; a
 * server that stops answering is reported as stalled; a relay process killed mid-import (kill -9)
 * resumes from its checkpoint. Every variant ends with the same data as an undisturbed import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { OParlFixtureServer, sdnetSource, sdnetSubset, type FixtureSource } from '@ratstisch/oparl/testing'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { ROOT } from '../testing/child-process.ts'
import type { ImportOptions } from './import-service.ts'

const archive = sharedPath('oparl/real/sdnet-rim-huertgenwald-1.0/cache_huertgenwald.tar.zst')
const PAGES = { paper: 6, meeting: 3 }

async function newRelay(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-import-faults-'))): Promise<Relay> {
  const relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
  await relay.portalSearch.stop()
  await relay.pdfTexts.stop()
  return relay
}

/** what an import leaves behind, comparable across relays */
function fingerprint(relay: Relay) {
  const count = (sql: string) => (relay.db.prepare(sql).get() as { n: number }).n
  return {
    papers: count('SELECT COUNT(*) AS n FROM papers'),
    meetings: count('SELECT COUNT(*) AS n FROM meetings'),
    persons: count('SELECT COUNT(*) AS n FROM persons'),
    organizations: count('SELECT COUNT(*) AS n FROM organizations'),
    memberships: count('SELECT COUNT(*) AS n FROM memberships'),
    blobs: count('SELECT COUNT(*) AS n FROM blobs'),
    sources: count('SELECT COUNT(*) AS n FROM import_sources'),
    documents: count('SELECT COUNT(*) AS n FROM documents'),
  }
}

describe.skipIf(!archive)('faults during an import', () => {
  let source: FixtureSource
  let server: OParlFixtureServer
  let clean: ReturnType<typeof fingerprint>
  const paperPage = (n: number) => (p: string) => p.endsWith(`/body/1/paper?page=${n}`)
  const fast: Partial<ImportOptions> = { requestsPerSecond: 0, backoffBaseMs: 5 }

  beforeAll(async () => {
    source = sdnetSubset(sdnetSource(archive!), PAGES)
    server = await OParlFixtureServer.start(source)
    const relay = await newRelay()
    relay.imports.start({ systemUrl: server.systemUrl, ...fast })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('done')
    clean = fingerprint(relay)
    expect(clean.papers).toBeGreaterThan(100)
    await relay.close()
  }, 60_000)
  afterAll(async () => server?.close())

  it('retries 500s, a timeout and JSON cut off mid-list within the run', async () => {
    const relay = await newRelay()
    server.faults.push(
      { match: paperPage(3), kind: '500', times: 2 },
      { match: (p) => p.endsWith('/body/1/meeting?page=2'), kind: 'broken-json', times: 1 },
      { match: paperPage(5), kind: 'slow', delayMs: 1500, times: 1 },
      { match: (p) => p.includes('/files/'), kind: '503-retry-after', times: 3 },
    )
    relay.imports.start({ systemUrl: server.systemUrl, ...fast, timeoutMs: 1000 })
    const done = (await relay.imports.wait())!
    expect(done.error).toBeNull()
    expect(done.status).toBe('done')
    expect(done.http.retries).toBeGreaterThanOrEqual(2 + 1 + 1 + 3)
    expect(done.errors.join('\n')).toMatch(/HTTP 500/)
    expect(done.errors.join('\n')).toMatch(/unreadable JSON/)
    expect(done.errors.join('\n')).toMatch(/timed out/)
    expect(fingerprint(relay)).toEqual(clean)
    await relay.close()
  }, 60_000)

  it('fails on a page that keeps failing, then resumes at that page and finishes', async () => {
    const relay = await newRelay()
    server.faults.push({ match: paperPage(4), kind: '500', times: 1000 })
    relay.imports.start({ systemUrl: server.systemUrl, ...fast, retries: 2 })
    const failed = (await relay.imports.wait())!
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/paper\?page=4: HTTP 500/)
    expect(relay.imports.store.lists(failed.runId).find((l) => l.listKey.endsWith('#paper'))).toMatchObject({ pages: 3, done: false })
    server.faults.length = 0
    const before = server.requests.length
    const resumed = relay.imports.start({ systemUrl: server.systemUrl, ...fast })
    expect(resumed).toMatchObject({ runId: failed.runId, resumed: true })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('done')
    const again = server.requests.slice(before).filter((p) => /\/body\/1\/paper\?page=\d$/.test(p) || p.endsWith('/body/1/paper'))
    expect(again).toEqual([4, 5, 6].map((n) => `/rim4220/webservice/oparl/v1.0/body/1/paper?page=${n}`))
    expect(fingerprint(relay)).toEqual(clean)
    await relay.close()
  }, 60_000)

  it('reports a server that stops answering as stalled, never silently', async () => {
    const relay = await newRelay()
    server.faults.push({ match: paperPage(2), kind: 'hang', times: 1 })
    const started = Date.now()
    relay.imports.start({ systemUrl: server.systemUrl, ...fast, timeoutMs: 60_000, stallTimeoutMs: 1500 })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('failed')
    expect(done.error).toMatch(/^stalled: no progress for 2 s/)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(relay.imports.store.run(done.runId)).toMatchObject({ status: 'failed' })
    server.faults.length = 0
    await relay.close()
  }, 30_000)

  it('resumes from its checkpoint after the relay process was killed mid-import', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-import-crash-'))
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/import-oparl.ts', server.systemUrl, '--data-dir', dataDir, '--rps', '8', '--concurrency', '1'], {
      cwd: ROOT,
      env: { ...process.env, RATSTISCH_DEMO: '0' },
      stdio: 'ignore',
    })
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    // wait until some pages of the paper list are checkpointed, then kill without warning
    const dbFile = path.join(dataDir, 'ratstisch.sqlite')
    let pages = 0
    for (let i = 0; i < 400 && pages < 2; i++) {
      await new Promise((r) => setTimeout(r, 50))
      if (!fs.existsSync(dbFile)) continue
      try {
        const db = new Database(dbFile, { readonly: true, fileMustExist: true })
        pages = (db.prepare("SELECT pages FROM import_lists WHERE list_key LIKE '%#paper'").get() as { pages: number } | undefined)?.pages ?? 0
        db.close()
      } catch {
        pages = 0
      }
    }
    child.kill('SIGKILL')
    await exited
    expect(pages).toBeGreaterThanOrEqual(2)

    const relay = await newRelay(dataDir)
    const [interrupted] = relay.imports.store.runs(1)
    expect(interrupted).toMatchObject({ status: 'failed' })
    const checkpointed = relay.imports.store.lists(interrupted.id).find((l) => l.listKey.endsWith('#paper'))!.pages
    const before = server.requests.length
    expect(relay.imports.start({ systemUrl: server.systemUrl, ...fast })).toMatchObject({ runId: interrupted.id, resumed: true })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('done')
    const paperPages = server.requests.slice(before).filter((p) => /\/body\/1\/paper(\?page=\d+)?$/.test(p))
    expect(paperPages.length).toBe(PAGES.paper - checkpointed)
    expect(fingerprint(relay)).toEqual(clean)
    await relay.close()
  }, 90_000)
})
