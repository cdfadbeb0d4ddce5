/**
 * Faction notes against a real relay, real automerge-repo clients over WebSockets and raw sockets
 * that cheat. Anna (member-a) and Carla (member-c) are in the CDU faction, Bernd (member-b) in the
 * SPD faction, the clerk in none. Every access rule must fail closed.
 */
import * as A from '@automerge/automerge'
import { cbor, type AutomergeUrl, type DocHandle, type DocumentId } from '@automerge/automerge-repo'
import type { Annotation, FactionNotesDoc, MeetingDoc } from '@ratstisch/domain'
import { defaultAccess } from '@ratstisch/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startFixture, waitFor, TEST_PASSWORD, type Fixture, type TestClient } from '../testing/relay-fixture.ts'
import type { PushSender, PushTarget } from '../notify/push-sender.ts'

let fx: Fixture

/** Records pushes instead of sending them (the payload is what a push service would carry). */
class RecordingPush implements PushSender {
  readonly publicKey = 'test-key'
  readonly sent: Array<{ endpoint: string; payload: Record<string, string> }> = []
  async send(target: PushTarget, payload: string) {
    this.sent.push({ endpoint: target.endpoint, payload: JSON.parse(payload) as Record<string, string> })
    return { ok: true as const }
  }
}
let push: RecordingPush

const MARKER = 'VERTRAULICH-7731'

beforeEach(async () => {
  fx = await startFixture({ pushHosts: ['push.example'], noticeDelayMs: 60_000 })
  fx.relay.db.exec(`
    INSERT INTO organizations (id, name, short_name, organization_type, classification) VALUES
      ('org-f-cdu','Fraktion CDU','CDU','Fraktion','Fraktion'),
      ('org-f-spd','Fraktion SPD','SPD','Fraktion','Fraktion');
    INSERT INTO persons (id, name) VALUES ('p-c','Carla Meyer');
    INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date) VALUES
      ('m-a-cdu','p-a','org-f-cdu','Mitglied',1,'2024-07-01'),
      ('m-c-cdu','p-c','org-f-cdu','Mitglied',1,'2024-07-01'),
      ('m-c-rat','p-c','org-rat','Mitglied',1,'2024-07-01'),
      ('m-b-spd','p-b','org-f-spd','Mitglied',1,'2024-07-01');
  `)
  await fx.relay.users.create({ id: 'uc', username: 'member-c', name: 'Carla Meyer', password: TEST_PASSWORD, roles: ['member'], personId: 'p-c' })
  fx.relay.registry.invalidateUsers('all')
  push = new RecordingPush()
  Object.assign(fx.relay.notifier, { push })
}, 30_000)
afterEach(async () => {
  await fx.close()
}, 30_000)

async function post(cookie: string | undefined, path: string, body?: unknown, origin: string | null = fx.origin) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (cookie) headers.cookie = cookie
  if (origin) headers.origin = origin
  const res = await fetch(`${fx.origin}${path}`, { method: 'POST', headers, body: body === undefined ? '' : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

async function manifest(cookie: string) {
  const res = await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie } })
  return ((await res.json()) as { documents: { url: string; type: string; meeting?: string; access: string }[] }).documents
}

async function openNotes(client: TestClient, url: string): Promise<DocHandle<FactionNotesDoc>> {
  return client.repo.find<FactionNotesDoc>(url as AutomergeUrl, { signal: AbortSignal.timeout(10_000) })
}

async function closedWithin(client: TestClient, ms = 10_000): Promise<number> {
  const closed = await Promise.race([client.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), ms))])
  return closed.code
}

async function relayDoc(url: string): Promise<FactionNotesDoc> {
  return (await fx.relay.relayRepo.localDoc(url.slice('automerge:'.length) as DocumentId)) as FactionNotesDoc
}

function annotation(over: Partial<Annotation> & Pick<Annotation, 'id' | 'author' | 'authorName'>): Annotation {
  return {
    kind: 'highlight',
    color: 'yellow',
    target: { fileKey: fx.publicSha, sha256: fx.publicSha, name: 'Vorlage.pdf' },
    page: 1,
    quote: { exact: 'Ratstisch', prefix: '', suffix: '' },
    start: 0,
    end: 9,
    rects: [[0.1, 0.1, 0.3, 0.02]],
    createdAt: new Date().toISOString(),
    ...over,
  }
}

/** member-a's faction document for the fixture's meeting. */
async function cduNotes(): Promise<string> {
  const a = await fx.login('member-a')
  const res = await post(a, '/api/meetings/mtg-1/faction-notes')
  expect(res.status).toBe(201)
  return res.body.url
}

describe('POST /api/meetings/:id/faction-notes', { timeout: 30_000 }, () => {
  it('creates the faction’s document once and gives every member of the faction the same one', async () => {
    const a = await fx.login('member-a')
    const first = await post(a, '/api/meetings/mtg-1/faction-notes')
    expect(first).toMatchObject({ status: 201, body: { factionId: 'org-f-cdu', factionName: 'Fraktion CDU' } })
    expect(first.body.url).toMatch(/^automerge:/)
    expect(await post(a, '/api/meetings/mtg-1/faction-notes')).toEqual({ status: 200, body: first.body })
    const c = await fx.login('member-c')
    expect((await post(c, '/api/meetings/mtg-1/faction-notes')).body.url).toBe(first.body.url)
    // the SPD gets its own
    const b = await fx.login('member-b')
    const spd = await post(b, '/api/meetings/mtg-1/faction-notes')
    expect(spd.status).toBe(201)
    expect(spd.body.factionId).toBe('org-f-spd')
    expect(spd.body.url).not.toBe(first.body.url)
    const entry = fx.relay.registry.get(first.body.url.slice('automerge:'.length))!
    expect(entry).toMatchObject({ type: 'faction-notes', meetingId: 'mtg-1', ownerId: null, readers: ['org:org-f-cdu'], writers: ['org:org-f-cdu'] })
  })

  it('is race-free: many devices asking at once get one document', async () => {
    const cookies = await Promise.all([fx.login('member-a'), fx.login('member-a'), fx.login('member-c'), fx.login('member-c')])
    const answers = await Promise.all(cookies.flatMap((cookie) => [post(cookie, '/api/meetings/mtg-1/faction-notes'), post(cookie, '/api/meetings/mtg-1/faction-notes')]))
    expect(new Set(answers.map((r) => r.body.url)).size).toBe(1)
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1)
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM faction_notes').get()).toEqual({ n: 1 })
    expect(fx.relay.registry.readable('ua').filter((r) => r.entry.type === 'faction-notes')).toHaveLength(1)
  })

  it('answers 404 to members without a faction, for other factions and for meetings they cannot read', async () => {
    const clerk = await fx.login('clerk')
    const none = await post(clerk, '/api/meetings/mtg-1/faction-notes')
    expect(none.status).toBe(404)
    expect(none.body).toMatchObject({ code: 'no-faction', error: expect.stringMatching(/keiner Fraktion/), errorEn: expect.stringMatching(/not a member of a faction/) })
    const a = await fx.login('member-a')
    expect(await post(a, '/api/meetings/mtg-1/faction-notes', { factionId: 'org-f-spd' })).toMatchObject({ status: 404, body: { code: 'not-member' } })
    expect(await post(a, '/api/meetings/mtg-404/faction-notes')).toMatchObject({ status: 404, body: { code: 'not-found' } })
    // a meeting still being planned is the office's only
    const draft: MeetingDoc = { type: 'meeting', id: 'mtg-2', organization: { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'Bauausschuss' }, name: 'Planung', start: '2026-05-01T17:00:00+02:00', location: { description: 'Rathaus' }, state: 'planned', agendaItems: [] }
    const handle = fx.relay.relayRepo.repo.create(draft)
    fx.relay.registry.register({ documentId: handle.documentId, type: 'meeting', meetingId: 'mtg-2', ownerId: null, ...defaultAccess('meeting', { draft: true }) })
    fx.relay.projection.project(handle.documentId, draft)
    expect(await post(a, '/api/meetings/mtg-2/faction-notes')).toMatchObject({ status: 404, body: { code: 'not-found' } })
    expect(await post(a, '/api/meetings/mtg-1/faction-notes', [1])).toMatchObject({ status: 400 })
    expect(await post(a, '/api/meetings/mtg-1/faction-notes', undefined, 'https://evil.example')).toMatchObject({ status: 403 })
    expect(await post(undefined, '/api/meetings/mtg-1/faction-notes')).toMatchObject({ status: 401 })
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM faction_notes').get()).toEqual({ n: 0 })
  })
})

describe('who reads and writes the faction’s notes', { timeout: 30_000 }, () => {
  it('lists it in the faction members’ manifests only, grouped by meeting', async () => {
    const url = await cduNotes()
    const entryOf = async (user: string) => (await manifest(await fx.login(user))).find((d) => d.url === url)
    expect(await entryOf('member-a')).toEqual({ url, type: 'faction-notes', access: 'write', meeting: 'mtg-1' })
    expect(await entryOf('member-c')).toMatchObject({ access: 'write', meeting: 'mtg-1' })
    expect(await entryOf('member-b')).toBeUndefined()
    expect(await entryOf('clerk')).toBeUndefined()
  })

  it('syncs live between colleagues; another faction and the office get doc-unavailable', async () => {
    const url = await cduNotes()
    const anna = await fx.client('member-a')
    const carla = await fx.client('member-c')
    const ha = await openNotes(anna, url)
    const hc = await openNotes(carla, url)
    hc.change((d) => {
      d.annotations.c1 = annotation({ id: 'c1', author: 'uc', authorName: 'Carla Meyer', text: 'Kosten prüfen' })
      d.notes.i3 = 'Wir stimmen zu.'
    })
    await waitFor(ha, (d) => d.annotations.c1?.text === 'Kosten prüfen' && d.notes.i3 === 'Wir stimmen zu.', 10_000)

    for (const user of ['member-b', 'clerk']) {
      const other = await fx.client(user)
      await expect(openNotes(other, url)).rejects.toThrow()
      expect(fx.relay.audit.recent('sync-denied').some((e) => e.target === url.slice('automerge:'.length) && e.actor === other.userId)).toBe(true)
    }
  })

  it('drops a raw write from another faction’s member and answers as if the document did not exist', async () => {
    const url = await cduNotes()
    const documentId = url.slice('automerge:'.length)
    const before = A.getHeads(await relayDoc(url))
    const forged = A.change(A.clone((await relayDoc(url)) as A.Doc<FactionNotesDoc>), (d) => {
      d.notes.i3 = 'Von der SPD untergeschoben'
    })
    const cookie = await fx.login('member-b')
    const socket = new WebSocket(`ws://127.0.0.1:${fx.port}/sync`, { headers: { cookie, origin: fx.origin } })
    const messages: Array<Record<string, unknown>> = []
    socket.on('message', (data: Buffer) => messages.push(cbor.decode(new Uint8Array(data)) as Record<string, unknown>))
    await new Promise<void>((r) => socket.on('open', () => r()))
    socket.send(cbor.encode({ type: 'join', senderId: 'u-ub-raw1', peerMetadata: {}, supportedProtocolVersions: ['1'] }))
    const [, msg] = A.generateSyncMessage(forged, A.initSyncState())
    const withChange = A.encodeSyncMessage({ ...A.decodeSyncMessage(msg!), changes: [A.getLastLocalChange(forged)!] })
    socket.send(cbor.encode({ type: 'sync', senderId: 'u-ub-raw1', targetId: 'relay', documentId, data: withChange }))
    const started = Date.now()
    while (!messages.some((m) => m.type === 'doc-unavailable') && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10))
    socket.close()
    expect(messages.filter((m) => m.type === 'doc-unavailable')).toHaveLength(1)
    expect(messages.filter((m) => m.type === 'sync')).toHaveLength(0)
    expect(A.getHeads(await relayDoc(url))).toEqual(before)
  })

  it('ending the faction membership revokes the document', async () => {
    const url = await cduNotes()
    const carla = await fx.client('member-c')
    await openNotes(carla, url)
    const clerk = await fx.login('clerk')
    const yesterday = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10)
    const res = await fetch(`${fx.origin}/api/admin/memberships/m-c-cdu/end`, {
      method: 'POST',
      headers: { cookie: clerk, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ endDate: yesterday }),
    })
    expect(res.status).toBe(200)
    expect(await closedWithin(carla)).toBe(4401)
    expect((await manifest(carla.cookie)).map((d) => d.url)).not.toContain(url)
    const again = await fx.client('member-c', { cookie: carla.cookie, device: 'dev2' })
    await expect(openNotes(again, url)).rejects.toThrow()
    expect((await post(carla.cookie, '/api/meetings/mtg-1/faction-notes')).body.code).toBe('no-faction')
  })
})

describe('write rules of the faction document (sync gate)', { timeout: 30_000 }, () => {
  async function withCarlasAnnotation() {
    const url = await cduNotes()
    const carla = await fx.client('member-c', { device: 'carla1' })
    const hc = await openNotes(carla, url)
    hc.change((d) => {
      d.annotations.c1 = annotation({ id: 'c1', author: 'uc', authorName: 'Carla Meyer', text: 'Kosten prüfen' })
    })
    const started = Date.now()
    while (!(await relayDoc(url)).annotations?.c1) {
      if (Date.now() - started > 10_000) throw new Error('annotation never reached the relay')
      await new Promise((r) => setTimeout(r, 20))
    }
    const anna = await fx.client('member-a', { device: 'anna1' })
    const ha = await openNotes(anna, url)
    await waitFor(ha, (d) => !!d.annotations.c1, 10_000)
    return { url, anna, ha }
  }

  /** `before`: the relay's heads before the client made its change */
  async function expectRejected(client: TestClient, url: string, pattern: RegExp, before: A.Heads) {
    expect(await closedWithin(client)).toBe(1008)
    expect(A.getHeads(await relayDoc(url))).toEqual(before)
    const entry = fx.relay.audit.recent('invalid-change')[0]
    expect(entry).toMatchObject({ actor: client.userId, target: url.slice('automerge:'.length) })
    expect(String(entry.detail?.error)).toMatch(pattern)
  }

  it('refuses an annotation in a colleague’s name', async () => {
    const { url, anna, ha } = await withCarlasAnnotation()
    const before = A.getHeads(await relayDoc(url))
    ha.change((d) => {
      d.annotations.f1 = annotation({ id: 'f1', author: 'uc', authorName: 'Carla Meyer', text: 'Gefälscht' })
    })
    await expectRejected(anna, url, /must name its writer/, before)
    expect((await relayDoc(url)).annotations.f1).toBeUndefined()
  })

  it.each([
    ['the author', (d: FactionNotesDoc): void => void (d.annotations.c1.author = 'ua'), /only its author changes/],
    ['the words', (d: FactionNotesDoc): void => void (d.annotations.c1.text = 'Ganz anders gemeint'), /only its author changes/],
    ['the existence', (d: FactionNotesDoc): void => void delete d.annotations.c1, /only its author removes/],
  ] as const)('refuses changing %s of a colleague’s annotation', async (_what, edit, pattern) => {
    const { url, anna, ha } = await withCarlasAnnotation()
    const before = A.getHeads(await relayDoc(url))
    ha.change(edit)
    await expectRejected(anna, url, pattern, before)
    expect((await relayDoc(url)).annotations.c1).toMatchObject({ author: 'uc', text: 'Kosten prüfen' })
  })

  it('lets a colleague’s app move the anchor (re-anchoring on a new version)', async () => {
    const { url, ha } = await withCarlasAnnotation()
    ha.change((d) => {
      d.annotations.c1.page = 2
      d.annotations.c1.detached = true
    })
    const started = Date.now()
    while ((await relayDoc(url)).annotations.c1.page !== 2) {
      if (Date.now() - started > 10_000) throw new Error('re-anchoring never reached the relay')
      await new Promise((r) => setTimeout(r, 20))
    }
  })

  it('keeps non-public content out: no annotations on non-public files, no notes on non-public items', async () => {
    const url = await cduNotes()
    const anna = await fx.client('member-a')
    const ha = await openNotes(anna, url)
    const before = A.getHeads(await relayDoc(url))
    ha.change((d) => {
      d.annotations.x = annotation({
        id: 'x',
        author: 'ua',
        authorName: 'Anna Becker',
        target: { fileKey: fx.confidentialSha, sha256: fx.confidentialSha, name: 'Kaufvertrag.pdf' },
        quote: { exact: MARKER, prefix: '', suffix: '' },
      })
    })
    await expectRejected(anna, url, /only annotations on public documents/, before)

    const anna2 = await fx.client('member-a', { device: 'anna2' })
    const ha2 = await openNotes(anna2, url)
    ha2.change((d) => {
      d.notes.n1 = `Kaufpreis ${MARKER}`
    })
    await expectRejected(anna2, url, /public agenda items/, before)
    expect(JSON.stringify(await relayDoc(url))).not.toContain(MARKER)
  })

  it('refuses moving the document to another faction or meeting', async () => {
    const url = await cduNotes()
    const anna = await fx.client('member-a')
    const ha = await openNotes(anna, url)
    const before = A.getHeads(await relayDoc(url))
    ha.change((d) => {
      d.factionId = 'org-f-spd'
    })
    await expectRejected(anna, url, /factionId must stay/, before)
  })
})

describe('push to faction colleagues', { timeout: 30_000 }, () => {
  async function subscribe(user: string, name: string) {
    const cookie = await fx.login(user)
    const keys = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'), auth: Buffer.alloc(16, 3).toString('base64url') }
    const res = await post(cookie, '/api/push/subscriptions', { endpoint: `https://push.example/${name}`, keys })
    expect(res.status).toBe(201)
    return cookie
  }

  it('tells the other members of the faction, with public facts only, never the author or other factions', async () => {
    const annaCookie = await subscribe('member-a', 'anna')
    await subscribe('member-b', 'bernd')
    await subscribe('member-c', 'carla')
    const url = await cduNotes()
    const carla = await fx.client('member-c')
    const hc = await openNotes(carla, url)
    hc.change((d) => {
      d.annotations.c1 = annotation({ id: 'c1', author: 'uc', authorName: 'Carla Meyer', text: `Notiz ${MARKER}`, quote: { exact: 'Ratstisch', prefix: MARKER, suffix: '' } })
      d.annotations.c2 = annotation({ id: 'c2', author: 'uc', authorName: 'Carla Meyer', kind: 'note', text: MARKER })
      d.notes.i3 = `Wir stimmen zu ${MARKER}`
    })
    const started = Date.now()
    while (Object.keys((await relayDoc(url)).annotations ?? {}).length < 2) {
      if (Date.now() - started > 10_000) throw new Error('notes never reached the relay')
      await new Promise((r) => setTimeout(r, 20))
    }
    await fx.relay.factionNotes.flushNotices()
    expect(push.sent.map((p) => p.endpoint)).toEqual(['https://push.example/anna'])
    const payload = push.sent[0].payload
    expect(payload.title).toBe('Neue Notiz Ihrer Fraktion: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr')
    expect(payload.path).toBe('/app/meetings/mtg-1')
    const everything = JSON.stringify(push.sent)
    for (const secret of [MARKER, 'Bebauungsplan', 'Carla', 'Kosten', 'Ratstisch']) expect(everything).not.toContain(secret)
    // no mail for faction notices; the notifications table holds the subject only
    const rows = fx.relay.db.prepare("SELECT channel, subject FROM notifications WHERE key LIKE 'faction:%'").all() as { channel: string; subject: string }[]
    expect(rows).toEqual([{ channel: 'push', subject: payload.title }])

    // the same batch again sends nothing; Anna turns faction notices off: the next note is not pushed
    await fx.relay.factionNotes.flushNotices()
    expect(push.sent).toHaveLength(1)
    const res = await fetch(`${fx.origin}/api/push/preferences`, {
      method: 'PUT',
      headers: { cookie: annaCookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ faction: false }),
    })
    expect(res.status).toBe(200)
    hc.change((d) => {
      d.annotations.c3 = annotation({ id: 'c3', author: 'uc', authorName: 'Carla Meyer' })
    })
    while (!(await relayDoc(url)).annotations?.c3) await new Promise((r) => setTimeout(r, 20))
    await fx.relay.factionNotes.flushNotices()
    expect(push.sent).toHaveLength(1)
  })
})
