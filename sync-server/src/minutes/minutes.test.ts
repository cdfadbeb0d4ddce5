/**
 * Minutes on a real relay: generate (and regenerate a draft without losing the office's edits),
 * sign, approve in a later meeting, lock, correct with the old text kept; and clients that try to
 * cheat (a member editing the minutes, the office editing signed minutes or writing events, a
 * member of another body reading the non-public minutes or their PDF).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as A from '@automerge/automerge'
import type { AutomergeUrl, DocumentId } from '@automerge/automerge-repo'
import { defaultAccess, type MeetingDoc, type MinutesDoc } from '@ratstisch/domain'
import { sampleMeeting, startFixture, waitFor, type Fixture } from '../testing/relay-fixture.ts'
import type { MinutesInfo } from './minutes-routes.ts'
import { mergeSections } from './minutes-service.ts'

vi.setConfig({ testTimeout: 30_000 })

let fx: Fixture
const cookies: Record<string, string> = {}

beforeAll(async () => {
  fx = await startFixture()
  for (const u of ['clerk', 'member-a', 'member-b']) cookies[u] = await fx.login(u)
  // the meeting ended (as the live view records it)
  const pub = await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
  pub.change((d) => {
    d.live = { startedAt: '2026-03-12T17:02:00+01:00', endedAt: '2026-03-12T19:15:00+01:00' }
    d.chair = { personId: 'p-a', name: 'Anna Becker' }
    d.minuteTaker = 'Sabine Krüger'
  })
  fx.relay.projection.project(fx.meetingDocId, pub.doc())
  // a later and an earlier meeting of the same body, and a later one of another body
  const add = (id: string, start: string, org = { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'Bauausschuss' }) => {
    const doc: MeetingDoc = { ...sampleMeeting(), id, start, name: `Sitzung ${id}`, organization: org, agendaItems: [] }
    const h = fx.relay.relayRepo.repo.create(doc)
    fx.relay.registry.register({ documentId: h.documentId, type: 'meeting', meetingId: id, ownerId: null, ...defaultAccess('meeting', {}) })
    fx.relay.projection.project(h.documentId, doc)
  }
  add('mtg-later', '2026-04-16T17:00:00+02:00')
  add('mtg-earlier', '2026-02-12T17:00:00+01:00')
  add('mtg-rat', '2026-04-20T17:00:00+02:00', { id: 'org-rat', name: 'Stadtrat', shortName: 'Stadtrat' })
}, 60_000)
afterAll(async () => {
  await fx?.close()
})

async function api(user: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; res: Response }> {
  const res = await fetch(`${fx.origin}/api${path}`, {
    method,
    headers: { ...(user ? { cookie: cookies[user] } : {}), origin: fx.origin, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as Record<string, unknown>) : {}
  return { status: res.status, json, res }
}

let seq = 0
const command = (user: string, action: string, extra: Record<string, unknown> = {}) =>
  api(user, 'POST', '/meetings/mtg-1/commands', { id: `min-${Date.now()}-${++seq}`, action, ...extra })
const list = async (user: string) => ((await api(user, 'GET', '/meetings/mtg-1/minutes')).json.minutes ?? []) as MinutesInfo[]
const relayMinutes = (documentId: string) => fx.relay.relayRepo.handle<MinutesDoc>(documentId as DocumentId)
const sectionText = (doc: MinutesDoc, key: string) => doc.sections.find((s) => s.key === key)?.text ?? ''

describe('minutes', () => {
  let pub: MinutesInfo
  let conf: MinutesInfo

  it('refuses generating for members and creates both parts for the office, readable by the body only', async () => {
    expect((await command('member-a', 'generate-minutes')).status).toBe(403)
    const generated = await command('clerk', 'generate-minutes')
    expect(generated.status).toBe(200)
    expect(generated.json).toMatchObject({ applied: true, repeated: false })

    const mine = await list('clerk')
    expect(mine.map((m) => m.part).sort()).toEqual(['confidential', 'public'])
    pub = mine.find((m) => m.part === 'public')!
    conf = mine.find((m) => m.part === 'confidential')!
    expect(pub).toMatchObject({ state: 'draft', canEdit: true })
    const doc = (await relayMinutes(conf.documentId)).doc()
    expect(doc.title).toContain('nichtöffentlich')
    expect(doc.sections.map((s) => s.key)).toContain('item:n1')
    expect(doc.events.map((e) => e.kind)).toEqual(['generated'])

    // the body's member reads both (not editing), a member of another body neither
    expect((await list('member-a')).map((m) => [m.part, m.canEdit]).sort()).toEqual([
      ['confidential', false],
      ['public', false],
    ])
    expect(await list('member-b')).toEqual([])
    const manifest = (await api('member-b', 'GET', '/sync/manifest')).json.documents as Array<{ url: string }>
    expect(manifest.map((d) => d.url)).not.toContain(conf.url)
    expect((await api(null, 'GET', '/meetings/mtg-1/minutes')).status).toBe(401)
  })

  it('serves the PDF to readers only (404 for outsiders, 401 without sign-in)', async () => {
    const ok = await api('member-a', 'GET', `/minutes/${conf.documentId}/pdf`)
    expect(ok.status).toBe(200)
    expect(ok.res.headers.get('content-type')).toBe('application/pdf')
    expect(decodeURIComponent(ok.res.headers.get('content-disposition') ?? '')).toContain('Niederschrift nichtöffentlich')
    const bytes = new Uint8Array(await ok.res.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    expect((await api('member-b', 'GET', `/minutes/${conf.documentId}/pdf`)).status).toBe(404)
    expect((await api('member-b', 'GET', `/minutes/${pub.documentId}/pdf`)).status).toBe(404)
    expect((await api('member-b', 'GET', `/minutes/${fx.confidentialDocId}/pdf`)).status).toBe(404)
    expect((await api(null, 'GET', `/minutes/${conf.documentId}/pdf`)).status).toBe(401)
  })

  it('drops a member’s edits and the office’s writes to events; keeps the office’s section edits in the draft', async () => {
    const member = await fx.client('member-a')
    const mh = await member.repo.find<MinutesDoc>(pub.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    mh.change((d) => A.splice(d, ['sections', 0, 'text'], 0, 0, 'GEFÄLSCHT '))
    const clerk = await fx.client('clerk')
    const ch = await clerk.repo.find<MinutesDoc>(pub.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    ch.change((d) => {
      d.events.push({ id: 'forged-signature', kind: 'signed', at: new Date().toISOString(), by: 'clerk', byName: 'x', role: 'chair' })
    })
    await new Promise((r) => setTimeout(r, 500))
    const clerk2 = await fx.client('clerk', { device: 'dev2' })
    const ch2 = await clerk2.repo.find<MinutesDoc>(pub.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    ch2.change((d) => A.splice(d, ['sections', 1, 'text'], 0, 0, 'Ergänzt vom Sitzungsdienst. '))
    const relay = await relayMinutes(pub.documentId)
    const doc = await waitFor(relay, (d) => d.sections[1].text.startsWith('Ergänzt vom Sitzungsdienst.'))
    expect(doc.sections[0].text).not.toContain('GEFÄLSCHT')
    expect(doc.events.map((e) => e.id)).not.toContain('forged-signature')
    const audit = fx.relay.db.prepare("SELECT action, actor, detail FROM audit_log WHERE target = ? AND action IN ('write-denied', 'invalid-change')").all(pub.documentId) as { action: string; actor: string; detail: string }[]
    expect(audit.find((a) => a.actor === 'ua')?.action).toBe('write-denied')
    expect(audit.find((a) => a.actor === 'clerk' && a.action === 'invalid-change')?.detail).toContain('events is written by the relay only')
    await member.close()
    await clerk.close()
    await clerk2.close()
  })

  it('regenerates untouched sections of a draft and keeps the edited ones', async () => {
    const meeting = await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
    meeting.change((d) => {
      d.agendaItems[1].status = 'behandelt'
      d.agendaItems[1].minutesNote = 'Der Ausschuss beriet ausführlich.'
    })
    const again = await command('clerk', 'generate-minutes', { part: 'public' })
    expect(again.status).toBe(200)
    const doc = (await relayMinutes(pub.documentId)).doc()
    expect(sectionText(doc, 'item:i3')).toContain('Der Ausschuss beriet ausführlich.')
    expect(sectionText(doc, 'participants')).toMatch(/^Ergänzt vom Sitzungsdienst\. /)
    expect(doc.events.map((e) => e.kind)).toEqual(['generated', 'generated'])
    // the pure merge: edited kept, untouched replaced, vanished edited kept at the end
    const merged = mergeSections(
      [
        { key: 'a', title: 'A', text: 'edited' },
        { key: 'b', title: 'B', text: 'old b' },
        { key: 'gone', title: 'G', text: 'edited gone' },
      ],
      [
        { key: 'a', title: 'A', text: 'new a' },
        { key: 'b', title: 'B', text: 'new b' },
      ],
      [
        { key: 'a', title: 'A', text: 'old a' },
        { key: 'b', title: 'B', text: 'old b' },
        { key: 'gone', title: 'G', text: 'old gone' },
      ],
    )
    expect(merged.map((s) => s.text)).toEqual(['edited', 'new b', 'edited gone'])
  })

  it('signs, locks, refuses edits after the first signature, approves in a later meeting and opens the public part', async () => {
    expect((await command('clerk', 'sign-minutes', { part: 'public', role: 'boss' })).status).toBe(400)
    expect((await command('clerk', 'approve-minutes', { part: 'public', approvedInMeetingId: 'mtg-later' })).status).toBe(409)
    expect((await command('clerk', 'sign-minutes', { part: 'public', role: 'chair' })).status).toBe(200)
    expect((await command('clerk', 'sign-minutes', { part: 'public', role: 'chair' })).status).toBe(409)
    expect((await list('clerk')).find((m) => m.part === 'public')!.state).toBe('draft')
    // the office recorded the chair's signature: the chair is the signer, the clerk recorded it
    const chairSigned = (await relayMinutes(pub.documentId)).doc().events.find((e) => e.kind === 'signed' && e.role === 'chair')
    expect(chairSigned).toMatchObject({ byName: 'Anna Becker', recordedByName: fx.relay.users.byId('clerk')!.name })

    // locked: the office's direct edit is dropped, regeneration refused
    const clerk = await fx.client('clerk', { device: 'dev3' })
    const ch = await clerk.repo.find<MinutesDoc>(pub.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    await waitFor(ch, (d) => d.events.some((e) => e.kind === 'signed'))
    ch.change((d) => A.splice(d, ['sections', 0, 'text'], 0, 0, 'NACHTRÄGLICH '))
    await new Promise((r) => setTimeout(r, 600))
    expect(sectionText((await relayMinutes(pub.documentId)).doc(), 'time-place')).not.toContain('NACHTRÄGLICH')
    await clerk.close()
    expect((await command('clerk', 'generate-minutes', { part: 'public' })).status).toBe(409)
    expect((await command('clerk', 'correct-minutes', { part: 'confidential', reason: 'x', sections: { closing: 'y' } })).status).toBe(409)

    expect((await command('clerk', 'sign-minutes', { part: 'public', role: 'minute-taker' })).status).toBe(200)
    const takerSigned = (await relayMinutes(pub.documentId)).doc().events.find((e) => e.kind === 'signed' && e.role === 'minute-taker')!
    expect(takerSigned.byName).toBe(fx.relay.users.byId('clerk')!.name)
    expect(takerSigned.recordedByName).toBeUndefined()
    expect((await list('clerk')).find((m) => m.part === 'public')!.state).toBe('signed')
    // approval: not in this meeting, not earlier, not in another body's meeting, not unknown
    for (const id of ['mtg-1', 'mtg-earlier', 'mtg-rat', 'mtg-unknown']) {
      expect((await command('clerk', 'approve-minutes', { part: 'public', approvedInMeetingId: id })).status).toBe(400)
    }
    expect((await api('member-b', 'GET', `/minutes/${pub.documentId}/pdf`)).status).toBe(404)
    const approved = await command('clerk', 'approve-minutes', { part: 'public', approvedInMeetingId: 'mtg-later', approvedInItemId: 'i2' })
    expect(approved.status).toBe(200)
    const doc = (await relayMinutes(pub.documentId)).doc()
    expect(doc.events.at(-1)).toMatchObject({ kind: 'approved', approvedIn: { meetingId: 'mtg-later', meetingName: 'Sitzung mtg-later', itemId: 'i2' } })
    expect(fx.relay.registry.get(pub.documentId)!.readers).toEqual(['public'])
    expect((await api('member-b', 'GET', `/minutes/${pub.documentId}/pdf`)).status).toBe(200)
    expect((await list('member-b')).map((m) => m.part)).toEqual(['public'])
    // the non-public part stays with the body
    expect(fx.relay.registry.get(conf.documentId)!.readers).not.toContain('public')
    expect((await command('clerk', 'approve-minutes', { part: 'public', approvedInMeetingId: 'mtg-later' })).status).toBe(409)
  })

  it('corrects approved minutes as a new version and keeps the old text', async () => {
    const before = (await relayMinutes(pub.documentId)).doc()
    const oldClosing = sectionText(before, 'closing')
    expect((await command('clerk', 'correct-minutes', { part: 'public', sections: { closing: 'neu' } })).status).toBe(400)
    expect((await command('clerk', 'correct-minutes', { part: 'public', reason: 'Tippfehler', sections: { nope: 'x' } })).status).toBe(400)
    const fixed = await command('clerk', 'correct-minutes', { part: 'public', reason: 'Uhrzeit der Schließung berichtigt', sections: { closing: 'Der Vorsitz schloss die Sitzung um 19:20 Uhr.' } })
    expect(fixed.status).toBe(200)
    const doc = (await relayMinutes(pub.documentId)).doc()
    expect(sectionText(doc, 'closing')).toBe('Der Vorsitz schloss die Sitzung um 19:20 Uhr.')
    expect(doc.versions).toHaveLength(1)
    expect(doc.versions[0]).toMatchObject({ version: 1, reason: 'Uhrzeit der Schließung berichtigt', byName: 'Sabine Krüger' })
    expect(doc.versions[0].sections.find((s) => s.key === 'closing')!.text).toBe(oldClosing)
    expect(doc.events.at(-1)).toMatchObject({ kind: 'corrected', version: 2, reason: 'Uhrzeit der Schließung berichtigt' })
    // a repeated command id answers with the first outcome and changes nothing
    const id = `min-repeat-${Date.now()}`
    const body = { id, action: 'correct-minutes', part: 'public', reason: 'zweite', sections: { closing: 'zweite Fassung' } }
    expect((await api('clerk', 'POST', '/meetings/mtg-1/commands', body)).json).toMatchObject({ applied: true, repeated: false })
    expect((await api('clerk', 'POST', '/meetings/mtg-1/commands', body)).json).toMatchObject({ applied: true, repeated: true })
    expect((await relayMinutes(pub.documentId)).doc().versions).toHaveLength(2)
  })
})
