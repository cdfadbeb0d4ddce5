/**
 * Results flow into papers on a real relay: the clerk records status, vote and result in the
 * meeting documents and ends the meeting; the relay records each paper item's consultation result
 * once (re-projection does not repeat it, a corrected result is a new event), the paper moves on,
 * accepted resolutions reach the Beschlusskontrolle, and nothing of the non-public part reaches
 * public data.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AutomergeUrl, DocumentId } from '@automerge/automerge-repo'
import { derivePaperWorkflow, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc, type PaperListEntry } from '@ratstisch/domain'
import { startFixture, TEST_PASSWORD, waitFor, type Fixture } from '../testing/relay-fixture.ts'
import { outcomeCommandId } from './meeting-outcomes.ts'

vi.setConfig({ testTimeout: 30_000 })

let fx: Fixture
const cookies: Record<string, string> = {}

beforeAll(async () => {
  fx = await startFixture()
  await fx.relay.users.create({ id: 'author', username: 'author', name: 'Autorin', password: TEST_PASSWORD, roles: ['author'], departmentId: 'dept-bau' })
  await fx.relay.users.create({ id: 'mayor', username: 'mayor', name: 'Bürgermeisterin', password: TEST_PASSWORD, roles: ['approver'] })
  for (const u of ['author', 'mayor', 'clerk', 'member-a', 'member-b']) cookies[u] = await fx.login(u)
}, 60_000)
afterAll(async () => {
  await fx?.close()
})

async function api(user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fx.origin}/api${path}`, {
    method,
    headers: { ...(user ? { cookie: cookies[user] } : {}), origin: fx.origin, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> }
}

let seq = 0
const cmd = (action: string, extra: Record<string, unknown> = {}) => ({ id: `cmd-${Date.now()}-${++seq}`, action, ...extra })

/** A released paper with the given consultations (id, body). */
async function releasedPaper(name: string, consultations: Array<{ id: string; organizationId: string; organizationName: string; role: 'Vorberatung' | 'Entscheidung' }>): Promise<PaperListEntry> {
  const created = await api('author', 'POST', '/papers', { paperType: 'Beschlussvorlage', name })
  expect(created.status).toBe(201)
  const paper = created.json as unknown as PaperListEntry
  const author = await fx.client('author')
  const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
  handle.change((d) => {
    for (const c of consultations) d.consultations.push(c)
  })
  await waitFor(await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice(10) as DocumentId), (d) => d.consultations.length === consultations.length)
  expect((await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-approval'))).status).toBe(201)
  const released = await api('mayor', 'POST', `/papers/${paper.id}/commands`, cmd('release'))
  expect(released.status).toBe(201)
  await author.close()
  return (await api('clerk', 'GET', `/papers/${paper.id}`)).json as unknown as PaperListEntry
}

const relayPaper = async (p: PaperListEntry) => (await fx.relay.relayRepo.handle<PaperDoc>(p.url.slice(10) as DocumentId)).doc()
const summary = (p: PaperListEntry) => ({ url: p.url, id: p.id, reference: p.reference, name: p.name, paperType: 'Beschlussvorlage' })

describe('results flow into papers when the meeting ends', () => {
  let p1: PaperListEntry
  let p2: PaperListEntry

  it('records each paper item’s result once, moves the papers on, and keeps the non-public wording out of public data', async () => {
    p1 = await releasedPaper('Bebauungsplan Nr. 42 „Am Mühlenteich“', [
      { id: 'c-bau', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Vorberatung' },
      { id: 'c-rat', organizationId: 'org-rat', organizationName: 'Stadtrat', role: 'Entscheidung' },
    ])
    p2 = await releasedPaper('Verkauf Flurstück 17', [{ id: 'c-bau', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Entscheidung' }])

    const clerk = await fx.client('clerk')
    const pub = await clerk.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const conf = await clerk.repo.find<MeetingConfidentialDoc>(`automerge:${fx.confidentialDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    pub.change((d) => {
      d.agendaItems.push({
        id: 'i5', number: 'Ö 5', order: 5, title: 'Bebauungsplan Nr. 42', public: true, files: [], kind: 'paper', paper: summary(p1), consultationId: 'c-bau',
        status: 'behandelt', vote: { mode: 'counts', yes: 7, no: 2, abstain: 0, at: '2026-03-12T18:10:00+01:00' }, result: 'angenommen',
        resolutionText: 'Der Bauausschuss empfiehlt dem Stadtrat, den Bebauungsplan zu beschließen.',
      })
      // an item without a paper and an item without a status: nothing to record
      d.agendaItems[1].status = 'behandelt'
    })
    conf.change((d) => {
      d.agendaItems.push({
        id: 'n2', number: 'N 2', order: 2, title: 'Verkauf Flurstück 17', public: false, files: [], kind: 'paper', paper: summary(p2),
        status: 'behandelt', vote: { mode: 'unanimous', yes: 9, no: 0, abstain: 0, at: '2026-03-12T19:00:00+01:00' }, result: 'angenommen',
        resolutionText: 'Verkauf an die Firma Geheim GmbH zum Preis von 123.456 €.',
      })
    })
    const relayConf = await fx.relay.relayRepo.handle<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId)
    await waitFor(relayConf, (d) => d.agendaItems.some((i) => i.id === 'n2'))
    // nothing flows before the meeting ended
    await new Promise((r) => setTimeout(r, 400))
    expect((await relayPaper(p1)).events.some((e) => e.action === 'consultation-result')).toBe(false)

    pub.change((d) => {
      d.live = { startedAt: '2026-03-12T17:00:00+01:00', endedAt: '2026-03-12T19:30:00+01:00' }
    })
    const relayP1 = await fx.relay.relayRepo.handle<PaperDoc>(p1.url.slice(10) as DocumentId)
    const doc1 = await waitFor(relayP1, (d) => d.consultations[0].result !== undefined, 8000)
    await fx.relay.outcomes.settle('mtg-1')
    expect(doc1.consultations[0]).toMatchObject({ result: 'beschlossen', resultNote: 'Der Bauausschuss empfiehlt dem Stadtrat, den Bebauungsplan zu beschließen.' })
    expect(doc1.consultations[1].result).toBeUndefined()
    // moves on to the Stadtrat, not done
    expect(derivePaperWorkflow(doc1).state).toBe('consultation')
    const results1 = doc1.events.filter((e) => e.action === 'consultation-result')
    expect(results1).toHaveLength(1)
    expect(results1[0]).toMatchObject({ id: outcomeCommandId('mtg-1', 'i5', 'beschlossen'), actor: 'system', consultationId: 'c-bau', result: 'beschlossen' })

    // the non-public item: its paper is decided (only consultation) but the wording stays out of it
    const doc2 = await waitFor(await fx.relay.relayRepo.handle<PaperDoc>(p2.url.slice(10) as DocumentId), (d) => d.consultations[0].result !== undefined, 8000)
    expect(doc2.consultations[0].result).toBe('beschlossen')
    expect(doc2.consultations[0].resultNote).toBeUndefined()
    expect(JSON.stringify(doc2)).not.toContain('Geheim GmbH')
    expect(derivePaperWorkflow(doc2).state).toBe('done')

    // the meeting is held (read model and document)
    const row = fx.relay.db.prepare('SELECT state, ended_at FROM meetings WHERE id = ?').get('mtg-1') as { state: string; ended_at: string }
    expect(row).toEqual({ state: 'held', ended_at: '2026-03-12T19:30:00+01:00' })
    await waitFor(pub, (d) => d.state === 'held')

    // accepted resolutions: public one public, non-public one for the body only
    const anon = await fetch(`${fx.origin}/api/resolutions`)
    expect(anon.status).toBe(401)
    const asB = await api('member-b', 'GET', '/resolutions')
    const textsB = JSON.stringify(asB.json)
    expect(textsB).toContain('Bebauungsplan zu beschließen')
    expect(textsB).not.toContain('Geheim GmbH')
    const asA = await api('member-a', 'GET', '/resolutions')
    expect(JSON.stringify(asA.json)).toContain('Geheim GmbH')
    const stored = fx.relay.db.prepare("SELECT source_key, public FROM resolutions WHERE meeting_id = 'mtg-1' ORDER BY source_key").all()
    expect(stored).toEqual([
      { source_key: 'meeting:mtg-1:i5', public: 1 },
      { source_key: 'meeting:mtg-1:n2', public: 0 },
    ])
    // the portal never shows the non-public wording
    expect(await (await fetch(`${fx.origin}/`)).text()).not.toContain('Geheim GmbH')
    // nor does the audit log
    const audit = JSON.stringify(fx.relay.db.prepare("SELECT * FROM audit_log WHERE action = 'meeting-result'").all())
    expect(audit).toContain('n2')
    expect(audit).not.toContain('Flurstück')
    await clerk.close()
  })

  it('does not record twice when the meeting is projected again', async () => {
    const before = (await relayPaper(p1)).events.length
    const pubDoc = (await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)).doc()
    fx.relay.projection.project(fx.meetingDocId, pubDoc)
    fx.relay.projection.project(fx.confidentialDocId, (await fx.relay.relayRepo.handle<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId)).doc())
    await fx.relay.outcomes.settle('mtg-1')
    await fx.relay.outcomes.settle('mtg-1')
    expect((await relayPaper(p1)).events.length).toBe(before)
    expect((await relayPaper(p2)).events.filter((e) => e.action === 'consultation-result')).toHaveLength(1)
    expect(fx.relay.db.prepare("SELECT COUNT(*) AS n FROM resolutions WHERE meeting_id = 'mtg-1'").get()).toEqual({ n: 2 })
  })

  it('records a corrected result as a new event on the same consultation', async () => {
    const clerk = await fx.client('clerk')
    const pub = await clerk.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    pub.change((d) => {
      const item = d.agendaItems.find((i) => i.id === 'i5')!
      item.result = 'abgelehnt'
    })
    const relayP1 = await fx.relay.relayRepo.handle<PaperDoc>(p1.url.slice(10) as DocumentId)
    const doc = await waitFor(relayP1, (d) => d.consultations[0].result === 'abgelehnt', 8000)
    const results = doc.events.filter((e) => e.action === 'consultation-result')
    expect(results.map((e) => e.id)).toEqual([outcomeCommandId('mtg-1', 'i5', 'beschlossen'), outcomeCommandId('mtg-1', 'i5', 'abgelehnt')])
    expect(doc.consultations[1].result).toBeUndefined()
    await clerk.close()
  })

  it('recordConsultationResult is idempotent by command id and refuses when the body has no open consultation', async () => {
    const input = { paperId: p1.id, organizationId: 'org-rat', result: 'beschlossen' as const, commandId: 'circ-test-0001', note: 'Umlaufbeschluss' }
    expect(await fx.relay.paperService.recordConsultationResult(input)).toMatchObject({ applied: true, repeated: false })
    expect(await fx.relay.paperService.recordConsultationResult(input)).toMatchObject({ applied: true, repeated: true })
    const doc = await relayPaper(p1)
    expect(doc.events.filter((e) => e.id === 'circ-test-0001')).toHaveLength(1)
    expect(derivePaperWorkflow(doc).state).toBe('done')
    expect(await fx.relay.paperService.recordConsultationResult({ ...input, commandId: 'circ-test-0002' })).toMatchObject({ applied: false, repeated: false })
    expect(await fx.relay.paperService.recordConsultationResult({ ...input, paperId: 'paper-unknown', commandId: 'circ-test-0003' })).toMatchObject({ applied: false })
  })
})
