/**
 * Seeding the demo town: every registered document is in storage with its content (an earlier
 * version left empty snapshots behind), audiences follow the one-audience rule, and the demo
 * accounts see what the README promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Repo, type AutomergeUrl } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import type { RatstischDoc } from '@ratstisch/domain'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { buildManifest } from '../sync/sync-routes.ts'
import { seedDemoTown, type SeedReport } from './seed.ts'

let relay: Relay
let report: SeedReport
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-seed-'))

beforeAll(async () => {
  relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
  report = await seedDemoTown(relay, { anchorDate: '2026-11-01' })
}, 120_000)
afterAll(async () => {
  await relay.close()
})

const userId = (username: string) => relay.users.byUsername(username)!.id

describe('demo seeding', () => {
  it('writes the whole town in under two minutes', () => {
    expect(report.skipped).toBe(false)
    expect(report.meetings).toBeGreaterThanOrEqual(60)
    expect(report.documents).toBe(report.papers + report.drafts + 2 * report.meetings)
    expect(report.seconds).toBeLessThan(120)
  })

  it('stores every registered document with its content', async () => {
    const repo = new Repo({ storage: new NodeFSStorageAdapter(path.join(dataDir, 'automerge')) })
    const ids = (relay.db.prepare('SELECT id, type FROM documents').all() as { id: string; type: string }[])
    expect(ids.length).toBe(report.documents)
    for (const { id, type } of ids) {
      const handle = await repo.find<RatstischDoc>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
      expect(handle.doc().type, id).toBe(type)
    }
  }, 60_000)

  it('does not seed twice', async () => {
    expect((await seedDemoTown(relay)).skipped).toBe(true)
  })

  it('gives each demo member the non-public parts of their bodies only', () => {
    const confidentialOrgs = (username: string) =>
      new Set(
        buildManifest(relay.registry, relay.meetings, userId(username))
          .filter((d) => d.type === 'meeting-confidential')
          .map((d) => relay.meetings.get(d.meeting!)!.organizationName),
      )
    for (const username of ['member-a', 'member-b', 'member-c', 'mayor']) {
      const bodies = relay.users
        .memberships(userId(username))
        .filter((m) => m.organizationType === 'Gremium' && (!m.endDate || m.endDate >= new Date().toISOString().slice(0, 10)))
        .map((m) => m.organizationName)
      expect([...confidentialOrgs(username)].sort(), username).toEqual([...new Set(bodies)].sort())
    }
    expect(confidentialOrgs('member-a').has('Bau- und Vergabeausschuss')).toBe(true)
    expect(confidentialOrgs('member-b').has('Bau- und Vergabeausschuss')).toBe(false)
    expect([...confidentialOrgs('member-c')]).toEqual([expect.stringMatching(/^Ortschaftsrat/)])
    const clerkDocs = buildManifest(relay.registry, relay.meetings, userId('clerk'))
    expect(clerkDocs.filter((d) => d.access === 'write').length).toBe(report.documents)
  })

  it('keeps non-public papers away from members of other bodies', () => {
    const rows = relay.db.prepare("SELECT id, readers FROM documents WHERE type = 'paper' AND readers NOT LIKE '%\"public\"%'").all() as {
      id: string
      readers: string
    }[]
    expect(rows.length).toBeGreaterThan(0)
    const c = userId('member-c')
    for (const row of rows) {
      if (!JSON.parse(row.readers).some((p: string) => p.startsWith('org:org-ortschaftsrat'))) expect(relay.registry.canRead(c, row.id)).toBe(false)
    }
  })

  it('fills the Amtsinfo: papers in every workflow state, drafts only for their departments', () => {
    const states = new Set(relay.papers.all().map((p) => p.state))
    for (const state of ['draft', 'cosigning', 'approval', 'released', 'consultation', 'done', 'withdrawn']) expect(states, state).toContain(state)
    const drafts = relay.papers.all().filter((p) => ['draft', 'cosigning', 'approval'].includes(p.state))
    for (const member of ['member-a', 'member-b', 'member-c']) {
      for (const d of drafts) expect(relay.registry.canRead(userId(member), d.url.slice(10)), `${member} ${d.id}`).toBe(false)
    }
    const cosigning = drafts.find((p) => p.state === 'cosigning' && p.departmentId === 'dept-bau')!
    expect(relay.registry.canRead(userId('author'), cosigning.url.slice(10))).toBe(true)
    expect(relay.registry.canRead(userId('kaemmerei'), cosigning.url.slice(10))).toBe(true)
    expect(relay.registry.canWrite(userId('kaemmerei'), cosigning.url.slice(10))).toBe(false)
    expect(cosigning.cosigning).toEqual({ 'dept-finanzen': 'pending', 'dept-ordnung': 'signed' })
    // the next release continues the demo's numbering
    expect(relay.papers.takenNumbers('term-viii', 'BV').length).toBeGreaterThan(10)
  })
})
