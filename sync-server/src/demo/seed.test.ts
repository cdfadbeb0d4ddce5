/**
 * Seeding the demo town: every registered document is in storage with its content (an earlier
 * version left empty snapshots behind), audiences follow the one-audience rule, and the demo
 * accounts see what the README promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { Repo, type AutomergeUrl } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import { DEFAULT_BODY_SETTINGS, quorumFor, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc, type RatstischDoc } from '@ratstisch/domain'
import type { Relay } from '../relay.ts'
import { demoRelay, demoSeedReport } from '../testing/demo-relay.ts'
import { buildManifest } from '../sync/sync-routes.ts'
import { LEAK_TEST_MARKER, markerNote } from './demo-marker.ts'
import { seedDemoTown, type SeedReport } from './seed.ts'

// the town the test run seeded once (demo-templates.setup.ts, same seeder, same anchor date), copied
let relay: Relay
let report: SeedReport
let dataDir: string

beforeAll(async () => {
  relay = await demoRelay()
  report = demoSeedReport()
  dataDir = relay.config.dataDir
})
afterAll(async () => {
  await relay.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const userId = (username: string) => relay.users.byUsername(username)!.id

describe('demo seeding', () => {
  it('writes the whole town in under two minutes', () => {
    expect(report.skipped).toBe(false)
    expect(report.meetings).toBeGreaterThanOrEqual(60)
    expect(report.documents).toBe(report.papers + report.drafts + 2 * report.meetings)
    expect(report.seconds).toBeLessThan(120)
    expect(report.resolutions).toBeGreaterThan(20)
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

  it('gives every demo person a plausible e-mail address of the town', () => {
    const rows = relay.db.prepare('SELECT name, email FROM persons').all() as { name: string; email: string | null }[]
    expect(rows.length).toBe(report.persons)
    for (const row of rows) expect(row.email, row.name).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+\d*@musterstadt\.example$/)
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length)
  })

  it('records held meetings as the live meeting would have: attendance, votes matching the roster, results matching the papers', async () => {
    const repo = new Repo({ storage: new NodeFSStorageAdapter(path.join(dataDir, 'automerge')) })
    const load = async <T,>(id: string) => (await repo.find<T>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })).doc()
    const held = relay.meetings.all().filter((m) => m.state === 'held')
    expect(held.length).toBeGreaterThan(20)
    const papers = new Map<string, PaperDoc>()
    let votes = 0
    for (const row of held) {
      const meeting = await load<MeetingDoc>(row.publicDocId!)
      const confidential = await load<MeetingConfidentialDoc>(row.confidentialDocId!)
      expect(meeting.live?.endedAt, row.id).toBe(meeting.end)
      expect(row.endedAt, row.id).toBe(meeting.end)
      const attendance = meeting.attendance ?? []
      expect(attendance.map((a) => a.personId).sort()).toEqual((meeting.roster ?? []).map((r) => r.personId).sort())
      for (const item of [...meeting.agendaItems, ...confidential.agendaItems]) {
        expect(item.status, `${row.id} ${item.number}`).toBe('behandelt')
        if (item.vote) {
          votes++
          const q = quorumFor({ roster: meeting.roster ?? [], attendance, recusals: item.recusals, at: item.vote.at, settings: DEFAULT_BODY_SETTINGS })
          expect(q.quorate, `${row.id} ${item.number}`).toBe(true)
          expect(item.vote.yes + item.vote.no + item.vote.abstain, `${row.id} ${item.number}`).toBe(q.presentVoting)
          expect(item.vote.yes).toBeGreaterThan(item.vote.no)
          expect(item.result).toBe('angenommen')
          expect(item.resolutionText).toBeTruthy()
        }
        if (!item.paper) continue
        const entry = relay.papers.byId(item.paper.id)!
        if (!papers.has(entry.id)) papers.set(entry.id, await load<PaperDoc>(entry.url.slice(10)))
        const consultation = papers.get(entry.id)!.consultations.find((c) => c.id === item.consultationId)
        expect(consultation?.meetingId, `${row.id} ${item.number}`).toBe(row.id)
        expect(consultation?.result).toBe(item.result === 'angenommen' ? 'beschlossen' : item.result)
      }
    }
    expect(votes).toBeGreaterThan(50)
    // the relay's result flow found the results recorded: no paper carries one twice
    for (const paper of papers.values()) {
      const results = paper.events.filter((e) => e.action === 'consultation-result').map((e) => e.consultationId)
      expect(new Set(results).size, paper.reference).toBe(results.length)
    }
    expect(relay.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'meeting-result'`).get()).toEqual({ n: 0 })
  }, 60_000)

  it('fills the Beschlusskontrolle: owners, due dates, reports, some done, some overdue; non-public ones for the body only', () => {
    const all = relay.resolutions.list(userId('clerk'))
    expect(all.length).toBe(report.resolutions)
    const statuses = new Set(all.map((r) => r.status))
    for (const status of ['offen', 'in Arbeit', 'erledigt']) expect(statuses, status).toContain(status)
    expect(all.filter((r) => r.ownerDepartmentId && r.dueDate).length).toBeGreaterThan(5)
    expect(all.filter((r) => r.reports.length > 0).length).toBeGreaterThan(5)
    expect(all.filter((r) => !r.ownerDepartmentId && r.status === 'offen').length).toBeGreaterThan(0)
    const overdue = relay.resolutions.list(userId('clerk'), { overdue: true })
    expect(overdue.length).toBeGreaterThanOrEqual(2)
    for (const r of overdue) expect(['offen', 'in Arbeit']).toContain(r.status)

    // a non-public resolution of the Bauausschuss: member-a (in the body) reads it, member-b does not
    const bau = all.find((r) => !r.public && r.organizationName === 'Bau- und Vergabeausschuss')
    expect(bau).toBeTruthy()
    expect(relay.resolutions.list(userId('member-a')).some((r) => r.id === bau!.id)).toBe(true)
    expect(relay.resolutions.list(userId('member-b')).some((r) => r.id === bau!.id)).toBe(false)
    // the portal's list (/beschluesse) holds the public ones only
    expect(relay.resolutions.publicList().some((r) => !r.public)).toBe(false)
    expect(relay.resolutions.publicList().length).toBe(all.filter((r) => r.public).length)
    // every resolution comes from an item of the same part
    for (const r of all) expect(r.public, r.itemNumber ?? r.id).toBe(r.itemNumber!.startsWith('Ö'))
  })

  it('keeps the wording of non-public resolutions out of every public document', async () => {
    const secret = relay.resolutions.list(userId('clerk')).filter((r) => !r.public).map((r) => r.text)
    expect(secret.length).toBeGreaterThan(0)
    const repo = new Repo({ storage: new NodeFSStorageAdapter(path.join(dataDir, 'automerge')) })
    const publicIds = (relay.db.prepare(`SELECT id FROM documents WHERE readers LIKE '%"public"%'`).all() as { id: string }[]).map((r) => r.id)
    expect(publicIds.length).toBeGreaterThan(50)
    for (const id of publicIds) {
      const text = JSON.stringify((await repo.find<RatstischDoc>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })).doc())
      for (const s of secret) expect(text.includes(s), id).toBe(false)
    }
  }, 60_000)

  it('gives each invited meeting the invitation and agendas of its release, readable as the file route checks', () => {
    const invited = relay.meetings.all().filter((m) => m.state === 'invited')
    expect(invited.length).toBeGreaterThanOrEqual(8)
    const readable = (username: string, sha256: string) => relay.blobs.refs(sha256).some((r) => relay.registry.canRead(userId(username), r.documentId))
    const everyone = (sha256: string) => relay.blobs.refs(sha256).some((r) => relay.registry.get(r.documentId)?.readers.includes('public'))
    let confidentialAgendas = 0
    for (const row of invited) {
      expect(row.agendaVersion, row.id).toBe(1)
      const refs = relay.db.prepare('SELECT sha256, display_name FROM blob_refs WHERE document_id = ?').all(row.publicDocId) as { sha256: string; display_name: string }[]
      const letter = refs.find((r) => /Einladung/.test(r.display_name))
      const agenda = refs.find((r) => /Tagesordnung/.test(r.display_name) && !/nichtöffentlich/.test(r.display_name))
      expect(letter, row.id).toBeTruthy()
      expect(agenda, row.id).toBeTruthy()
      expect(everyone(agenda!.sha256)).toBe(true)
      const conf = relay.db.prepare('SELECT sha256, display_name FROM blob_refs WHERE document_id = ?').all(row.confidentialDocId) as { sha256: string; display_name: string }[]
      const confAgenda = conf.find((r) => /Tagesordnung/.test(r.display_name))
      if (confAgenda) {
        confidentialAgendas++
        expect(everyone(confAgenda.sha256), row.id).toBe(false)
        if (row.organizationName === 'Bau- und Vergabeausschuss') {
          expect(readable('member-a', confAgenda.sha256)).toBe(true)
          expect(readable('member-b', confAgenda.sha256)).toBe(false)
        }
      }
    }
    expect(confidentialAgendas).toBeGreaterThan(0)
    // a later Nachtrag compares against the seeded release
    const noted = relay.db.prepare(`SELECT COUNT(*) AS n FROM meeting_commands WHERE action = 'release'`).get() as { n: number }
    expect(noted.n).toBe(invited.length)
  })

  it('writes nothing of the leak-test marker without RATSTISCH_DEMO_MARKER: no document, table row or file carries it', async () => {
    expect(relay.config.demoMarker).toBeNull()
    const note = markerNote('').split(' ').slice(0, 2).join(' ') // "Interner Vermerk"
    const repo = new Repo({ storage: new NodeFSStorageAdapter(path.join(dataDir, 'automerge')) })
    for (const { id } of relay.db.prepare('SELECT id FROM documents').all() as { id: string }[]) {
      const text = JSON.stringify((await repo.find<RatstischDoc>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })).doc())
      expect(text.includes(LEAK_TEST_MARKER) || text.includes(note), id).toBe(false)
    }
    for (const table of ['persons', 'meetings', 'papers', 'resolutions', 'resolution_reports', 'circulars', 'minutes', 'blob_refs', 'settings']) {
      const text = JSON.stringify(relay.db.prepare(`SELECT * FROM ${table}`).all())
      expect(text.includes(LEAK_TEST_MARKER) || text.includes(note), table).toBe(false)
    }
    // nothing of the marker mode's extra records either
    expect(relay.db.prepare('SELECT COUNT(*) AS n FROM minutes').get()).toEqual({ n: 0 })
    expect(relay.db.prepare('SELECT COUNT(*) AS n FROM circulars').get()).toEqual({ n: 0 })
    for (const { sha256 } of relay.db.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]) {
      expect(fs.readFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256)).includes(LEAK_TEST_MARKER), sha256).toBe(false)
    }
  }, 60_000)
})
