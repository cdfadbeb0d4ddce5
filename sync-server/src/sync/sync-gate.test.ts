/**
 * Adversarial tests of the sync gate: a real relay, real automerge-repo clients over real
 * WebSockets, and raw sockets that try to cheat. Every case must fail closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as A from '@automerge/automerge'
import { cbor, type DocumentId, type PeerId } from '@automerge/automerge-repo'
import type { AutomergeUrl } from '@automerge/automerge-repo'
import WebSocket from 'ws'
import type { MeetingConfidentialDoc, MeetingDoc, NotesDoc } from '@ratstisch/domain'
import { startFixture, waitFor, type Fixture } from '../testing/relay-fixture.ts'
import { CLOSE_MALFORMED, CLOSE_POLICY } from './gated-websocket-adapter.ts'

let fx: Fixture
beforeEach(async () => {
  fx = await startFixture()
})
afterEach(async () => {
  await fx.close()
})

/** Opens a raw socket, optionally joins, and collects what the relay sends. */
async function rawSocket(cookie: string | undefined, options: { origin?: string | null } = {}) {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (options.origin !== null) headers.origin = options.origin ?? fx.origin
  const socket = new WebSocket(`ws://127.0.0.1:${fx.port}/sync`, { headers })
  const messages: Array<Record<string, unknown>> = []
  const closed = new Promise<{ code: number; status?: number }>((resolve) => {
    socket.on('close', (code) => resolve({ code }))
    socket.on('unexpected-response', (_req, res) => {
      resolve({ code: -1, status: res.statusCode })
      socket.terminate()
    })
    socket.on('error', () => {})
  })
  socket.on('message', (data: Buffer) => messages.push(cbor.decode(new Uint8Array(data)) as Record<string, unknown>))
  return { socket, messages, closed, opened: new Promise<void>((r) => socket.on('open', () => r())) }
}

async function joinRaw(cookie: string, peerId: string) {
  const raw = await rawSocket(cookie)
  await raw.opened
  raw.socket.send(cbor.encode({ type: 'join', senderId: peerId, peerMetadata: {}, supportedProtocolVersions: ['1'] }))
  await until(() => raw.messages.some((m) => m.type === 'peer') || raw.socket.readyState === WebSocket.CLOSED)
  return raw
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function relayHeads(documentId: string): Promise<string[]> {
  const doc = await fx.relay.relayRepo.doc(documentId as DocumentId)
  return A.getHeads(doc!)
}

describe('sync socket admission', () => {
  it('rejects an unauthenticated upgrade with 401', async () => {
    const raw = await rawSocket(undefined)
    expect((await raw.closed).status).toBe(401)
  })

  it('rejects a forged session cookie with 401', async () => {
    const raw = await rawSocket('rt_session=forged-token-value')
    expect((await raw.closed).status).toBe(401)
  })

  it('rejects a foreign Origin with 403, even with a valid session', async () => {
    const cookie = await fx.login('member-a')
    const raw = await rawSocket(cookie, { origin: 'https://evil.example' })
    expect((await raw.closed).status).toBe(403)
    const missing = await rawSocket(cookie, { origin: null })
    expect((await missing.closed).status).toBe(403)
    expect(fx.relay.audit.recent('sync-origin-rejected').length).toBe(2)
  })

  it('closes a socket that announces a peer id of another user (peer-id takeover)', async () => {
    const victim = await fx.client('member-a')
    await victim.adapter.whenReady()
    expect(victim.adapter.remotePeerId).toBe('relay')
    const attackerCookie = await fx.login('member-b')
    const raw = await joinRaw(attackerCookie, `u-${victim.userId}-dev1`)
    expect((await raw.closed).code).toBe(CLOSE_POLICY)
    // the victim's connection is untouched
    expect(victim.adapter.socket?.readyState).toBe(WebSocket.OPEN)
    expect(fx.relay.audit.recent('peer-id-rejected')[0]?.actor).toBe('ub')
  })

  it('closes a socket whose messages claim another sender after joining', async () => {
    const cookie = await fx.login('member-b')
    const raw = await joinRaw(cookie, 'u-ub-dev9')
    raw.socket.send(cbor.encode({ type: 'request', senderId: 'u-ua-dev1', targetId: 'relay', documentId: fx.meetingDocId, data: new Uint8Array([1]) }))
    expect((await raw.closed).code).toBe(CLOSE_POLICY)
  })
})

describe('read access', () => {
  it('gives a member the documents of their bodies', async () => {
    const a = await fx.client('member-a')
    const conf = await a.repo.find<MeetingConfidentialDoc>(`automerge:${fx.confidentialDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    expect(conf.doc().agendaItems[0].title).toBe('Grundstücksverkauf Flurstück 17')
  })

  it('never gives a member of another body the non-public part, even with the URL from the clerk', async () => {
    const clerkCookie = await fx.login('clerk')
    const manifest = (await (await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie: clerkCookie } })).json()) as {
      documents: { url: string; type: string }[]
    }
    const confidentialUrl = manifest.documents.find((d) => d.type === 'meeting-confidential')!.url
    const b = await fx.client('member-b')
    await expect(b.repo.find(confidentialUrl as AutomergeUrl, { signal: AbortSignal.timeout(3000) })).rejects.toThrow()
    expect(fx.relay.audit.recent('sync-denied').some((e) => e.actor === 'ub' && e.target === fx.confidentialDocId)).toBe(true)

    const bManifest = (await (await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie: b.cookie } })).json()) as {
      documents: { url: string }[]
    }
    expect(bManifest.documents.map((d) => d.url)).not.toContain(confidentialUrl)
    expect(bManifest.documents.map((d) => d.url)).toContain(`automerge:${fx.meetingDocId}`)
  })

  it('answers a raw request for a forbidden document with doc-unavailable and no data', async () => {
    const cookie = await fx.login('member-b')
    const raw = await joinRaw(cookie, 'u-ub-rawdev')
    const state = A.initSyncState()
    const [, request] = A.generateSyncMessage(A.init(), state)
    raw.socket.send(cbor.encode({ type: 'request', senderId: 'u-ub-rawdev', targetId: 'relay', documentId: fx.confidentialDocId, data: request }))
    await until(() => raw.messages.some((m) => m.type === 'doc-unavailable'))
    expect(raw.messages.filter((m) => m.type === 'sync')).toHaveLength(0)
  })
})

describe('write access', () => {
  it('lets the clerk change a title and members receive it within a second', async () => {
    const clerk = await fx.client('clerk')
    const a = await fx.client('member-a', { device: 'tablet' })
    const b = await fx.client('member-b')
    const url = `automerge:${fx.meetingDocId}` as AutomergeUrl
    const ha = await a.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(5000) })
    const hb = await b.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(5000) })
    const hc = await clerk.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(5000) })
    const started = Date.now()
    hc.change((d) => {
      d.agendaItems[1].title = 'Bebauungsplan Nr. 42 „Am Mühlenteich“'
    })
    await waitFor(ha, (d) => d.agendaItems[1].title.includes('Mühlenteich'), 2000)
    await waitFor(hb, (d) => d.agendaItems[1].title.includes('Mühlenteich'), 2000)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('drops a change from a read-only member, leaves the relay copy unchanged and closes the socket', async () => {
    const a = await fx.client('member-a')
    const url = `automerge:${fx.meetingDocId}` as AutomergeUrl
    const handle = await a.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(5000) })
    const before = await relayHeads(fx.meetingDocId)
    handle.change((d) => {
      d.agendaItems[1].title = 'Gehackt'
    })
    const closed = await Promise.race([a.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(await relayHeads(fx.meetingDocId)).toEqual(before)
    const doc = (await fx.relay.relayRepo.doc<MeetingDoc>(fx.meetingDocId as DocumentId))!
    expect(doc.agendaItems[1].title).toBe('Bebauungsplan Nr. 42')
    expect(fx.relay.audit.recent('write-denied')[0]).toMatchObject({ actor: 'ua', target: fx.meetingDocId })
    // another member still gets the untouched document
    const b = await fx.client('member-b')
    const hb = await b.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(5000) })
    expect(hb.doc().agendaItems[1].title).toBe('Bebauungsplan Nr. 42')
  })

  it('rejects a read-only change smuggled in a raw sync message', async () => {
    const cookie = await fx.login('member-b')
    const relayDoc = (await fx.relay.relayRepo.doc<MeetingDoc>(fx.meetingDocId as DocumentId))!
    const forged = A.change(A.clone(relayDoc), (d) => {
      d.name = 'Gefälscht'
    })
    const before = await relayHeads(fx.meetingDocId)
    const raw = await joinRaw(cookie, 'u-ub-raw2')
    const state = A.initSyncState()
    // A sync message that carries the forged change: relay state claimed to be the old heads.
    const [, msg] = A.generateSyncMessage(forged, state)
    const decoded = A.decodeSyncMessage(msg!)
    const withChanges = A.encodeSyncMessage({ ...decoded, changes: [A.getLastLocalChange(forged)!] })
    expect(A.decodeSyncMessage(withChanges).changes).toHaveLength(1)
    raw.socket.send(cbor.encode({ type: 'sync', senderId: 'u-ub-raw2', targetId: 'relay', documentId: fx.meetingDocId, data: withChanges }))
    expect((await raw.closed).code).toBe(CLOSE_POLICY)
    expect(await relayHeads(fx.meetingDocId)).toEqual(before)
  })
})

describe('schema validation of writers’ changes', () => {
  it('rejects a clerk client that puts a non-public item into the public part, relay copy unchanged', async () => {
    const clerk = await fx.client('clerk')
    const handle = await clerk.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const before = await relayHeads(fx.meetingDocId)
    handle.change((d) => {
      d.agendaItems.push({ id: 'leak', number: 'N 9', order: 9, title: 'Personalangelegenheit Müller', public: false, files: [] })
    })
    const closed = await Promise.race([clerk.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(await relayHeads(fx.meetingDocId)).toEqual(before)
    const entry = fx.relay.audit.recent('invalid-change')[0]
    expect(entry).toMatchObject({ actor: 'clerk', target: fx.meetingDocId })
    expect(String(entry.detail?.error)).toMatch(/non-public item in the public part/)
  })

  it('rejects an owner who rewrites the owner of their notes document', async () => {
    const a = await fx.client('member-a', { device: 'owner1' })
    const notes = a.repo.create<NotesDoc>({ type: 'notes', owner: a.userId, meetingId: 'mtg-1', notes: { i1: 'ok' } })
    const res = await fetch(`${fx.origin}/api/documents`, {
      method: 'POST',
      headers: { cookie: a.cookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ url: notes.url, type: 'notes', meetingId: 'mtg-1' }),
    })
    expect(res.status).toBe(201)
    const started = Date.now()
    while (!(await fx.relay.relayRepo.localDoc(notes.documentId) as Partial<NotesDoc>).notes?.i1) {
      if (Date.now() - started > 5000) throw new Error('notes never arrived')
      await new Promise((r) => setTimeout(r, 50))
    }
    notes.change((d) => {
      d.owner = 'ub'
    })
    expect((await a.adapter.closed).code).toBe(CLOSE_POLICY)
    expect(((await fx.relay.relayRepo.localDoc(notes.documentId)) as NotesDoc).owner).toBe(a.userId)
  })
})

describe('malformed input', () => {
  it('closes sockets that send garbage or truncated messages and keeps serving others', async () => {
    const a = await fx.client('member-a')
    const handle = await a.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const cookie = await fx.login('member-b')

    const garbage = await joinRaw(cookie, 'u-ub-garbage1')
    garbage.socket.send(new Uint8Array([0xff, 0x00, 0x13, 0x37, 0x42]))
    expect((await garbage.closed).code).toBe(CLOSE_MALFORMED)

    const truncated = await joinRaw(cookie, 'u-ub-garbage2')
    const [, request] = A.generateSyncMessage(A.init(), A.initSyncState())
    const full = cbor.encode({ type: 'request', senderId: 'u-ub-garbage2', targetId: 'relay', documentId: fx.meetingDocId, data: request })
    truncated.socket.send(full.slice(0, Math.floor(full.byteLength / 2)))
    expect((await truncated.closed).code).toBe(CLOSE_MALFORMED)

    const badSync = await joinRaw(cookie, 'u-ub-garbage3')
    badSync.socket.send(cbor.encode({ type: 'sync', senderId: 'u-ub-garbage3', targetId: 'relay', documentId: fx.meetingDocId, data: new Uint8Array([0x42, 1, 2, 3]) }))
    expect((await badSync.closed).code).toBe(CLOSE_MALFORMED)

    const text = await rawSocket(cookie)
    await text.opened
    text.socket.send('{"type":"join"}')
    expect((await text.closed).code).toBe(CLOSE_MALFORMED)

    // The relay still serves the honest client
    const clerk = await fx.client('clerk')
    const hc = await clerk.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    hc.change((d) => {
      d.name = '5. Sitzung des Bau- und Vergabeausschusses'
    })
    await waitFor(handle, (d) => d.name === '5. Sitzung des Bau- und Vergabeausschusses')
    const health = (await (await fetch(`${fx.origin}/health`)).json()) as { status: string }
    expect(health.status).toBe('ok')
  })
})

describe('revocation', () => {
  it('ending a membership closes the member’s sockets and removes the documents from the manifest', async () => {
    const a = await fx.client('member-a')
    await a.repo.find(`automerge:${fx.confidentialDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const clerkCookie = await fx.login('clerk')
    const res = await fetch(`${fx.origin}/api/admin/memberships/m-a-bau/end`, {
      method: 'POST',
      headers: { cookie: clerkCookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ endDate: '2020-01-01' }),
    })
    expect(res.status).toBe(400) // before the start date
    const yesterday = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10)
    const ok = await fetch(`${fx.origin}/api/admin/memberships/m-a-bau/end`, {
      method: 'POST',
      headers: { cookie: clerkCookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ endDate: yesterday }),
    })
    expect(ok.status).toBe(200)
    expect((await a.adapter.closed).code).toBe(4401)
    const manifest = (await (await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie: a.cookie } })).json()) as {
      documents: { url: string }[]
    }
    expect(manifest.documents.map((d) => d.url)).not.toContain(`automerge:${fx.confidentialDocId}`)
    const again = await fx.client('member-a', { cookie: a.cookie, device: 'dev2' })
    await expect(again.repo.find(`automerge:${fx.confidentialDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(2000) })).rejects.toThrow()
  })

  it('a member cannot end memberships', async () => {
    const cookie = await fx.login('member-b')
    const res = await fetch(`${fx.origin}/api/admin/memberships/m-a-bau/end`, {
      method: 'POST',
      headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ endDate: '2026-01-01' }),
    })
    expect(res.status).toBe(403)
  })
})

export type { PeerId }
