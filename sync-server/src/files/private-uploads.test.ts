/**
 * A member's own documents in a meeting: uploaded for their registered notes document, listed in
 * NotesDoc.uploads, downloadable by the owner only. The blob registry learns the references from the
 * notes document when it syncs — and never lets a member open somebody else's file by naming its hash.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { NotesDoc, PrivateUpload } from '@ratstisch/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { minimalPdf, startFixture, type Fixture, type TestClient } from '../testing/relay-fixture.ts'

let fx: Fixture
let clerk: string
beforeEach(async () => {
  fx = await startFixture()
  clerk = await fx.login('clerk')
}, 30_000)
afterEach(async () => {
  await fx.close()
}, 30_000)

const upload = (cookie: string, doc: string, body: Uint8Array, name: string) =>
  fetch(`${fx.origin}/api/files?doc=${doc}`, {
    method: 'POST',
    headers: { cookie, origin: fx.origin, 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
    body: body as BodyInit,
  })
const download = (cookie: string, sha256: string) => fetch(`${fx.origin}/api/files/${sha256}`, { headers: { cookie } })

/** A member's notes document for the fixture's meeting, created on the device and registered. */
async function registeredNotes(user: string): Promise<{ client: TestClient; handle: DocHandle<NotesDoc> }> {
  const client = await fx.client(user, { device: `notes-${user}` })
  const handle = client.repo.create<NotesDoc>({ type: 'notes', owner: client.userId, meetingId: 'mtg-1', notes: {} })
  const res = await fetch(`${fx.origin}/api/documents`, {
    method: 'POST',
    headers: { cookie: client.cookie, origin: fx.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ url: handle.url, type: 'notes', meetingId: 'mtg-1' }),
  })
  expect(res.status).toBe(201)
  return { client, handle }
}

/** Waits until the relay projected the notes document with this many uploads. */
async function relayKnows(documentId: string, check: (doc: NotesDoc) => boolean): Promise<void> {
  const started = Date.now()
  for (;;) {
    const doc = (await fx.relay.relayRepo.localDoc(documentId as never)) as Partial<NotesDoc>
    if (doc.type === 'notes' && check(doc as NotesDoc)) break
    if (Date.now() - started > 10_000) throw new Error('the notes document never reached the relay')
    await new Promise((r) => setTimeout(r, 20))
  }
  // the projection runs debounced after the change
  await new Promise((r) => setTimeout(r, 400))
}

const entry = (sha256: string, name: string, size: number): PrivateUpload => ({
  id: `u-${sha256.slice(0, 8)}`,
  sha256,
  name,
  mime: 'application/pdf',
  size,
  itemId: 'i3',
  uploadedAt: new Date().toISOString(),
})

describe('private uploads into a meeting', { timeout: 30_000 }, () => {
  it('lets the owner upload into their notes document and download it; another member and the clerk get 404', async () => {
    const { client, handle } = await registeredNotes('member-a')
    const pdf = minimalPdf('Anna: mein Gutachten zum Bebauungsplan')
    const res = await upload(client.cookie, handle.documentId, pdf, 'Gutachten.pdf')
    expect(res.status).toBe(201)
    const { sha256, size } = (await res.json()) as { sha256: string; size: number }
    handle.change((d) => {
      d.uploads = [entry(sha256, 'Mein Gutachten (privat).pdf', size)]
    })
    await relayKnows(handle.documentId, (d) => (d.uploads ?? []).length === 1)

    const own = await download(client.cookie, sha256)
    expect(own.status).toBe(200)
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(pdf)
    // the name comes from the notes document, as the member named it
    expect(own.headers.get('content-disposition')).toContain(encodeURIComponent('Mein Gutachten (privat).pdf'))

    const bernd = await fx.login('member-b')
    expect((await download(bernd, sha256)).status).toBe(404)
    expect((await download(clerk, sha256)).status).toBe(404)
    expect((await fetch(`${fx.origin}/api/files/${sha256}`, { method: 'HEAD', headers: { cookie: bernd } })).status).toBe(404)
  })

  it('refuses uploads into somebody else’s notes document', async () => {
    const { handle } = await registeredNotes('member-b')
    const anna = await fx.login('member-a')
    expect((await upload(anna, handle.documentId, minimalPdf('fremd'), 'x.pdf')).status).toBe(403)
    expect((await upload(clerk, handle.documentId, minimalPdf('fremd'), 'x.pdf')).status).toBe(403)
  })

  it('does not open a non-public file to a member who lists its hash among their uploads', async () => {
    const { client, handle } = await registeredNotes('member-b')
    expect((await download(client.cookie, fx.confidentialSha)).status).toBe(404)
    handle.change((d) => {
      d.uploads = [entry(fx.confidentialSha, 'geklaut.pdf', 100), entry(fx.publicSha, 'Kopie der Vorlage.pdf', 100)]
    })
    await relayKnows(handle.documentId, (d) => (d.uploads ?? []).length === 2)
    expect((await download(client.cookie, fx.confidentialSha)).status).toBe(404)
    const refs = fx.relay.blobs.refs(fx.confidentialSha).map((r) => r.documentId)
    expect(refs).not.toContain(handle.documentId)
    // a file the member may read anyway can be listed (a copy kept with their own documents)
    expect(fx.relay.blobs.refs(fx.publicSha).map((r) => r.documentId)).toContain(handle.documentId)
  })

  it('forgets a reference when the member removes the upload from the notes document', async () => {
    const { client, handle } = await registeredNotes('member-a')
    handle.change((d) => {
      d.uploads = [entry(fx.publicSha, 'Vorlage (Kopie).pdf', 100)]
    })
    await relayKnows(handle.documentId, (d) => (d.uploads ?? []).length === 1)
    expect(fx.relay.blobs.refs(fx.publicSha).map((r) => r.documentId)).toContain(handle.documentId)
    handle.change((d) => {
      d.uploads = []
    })
    await relayKnows(handle.documentId, (d) => (d.uploads ?? []).length === 0)
    expect(fx.relay.blobs.refs(fx.publicSha).map((r) => r.documentId)).not.toContain(handle.documentId)
    // the meeting's own reference is untouched
    expect((await fetch(`${fx.origin}/api/files/${fx.publicSha}`, { method: 'HEAD', headers: { cookie: client.cookie } })).status).toBe(200)
  })

  it('refuses a malformed upload entry at the sync gate', async () => {
    const { client, handle } = await registeredNotes('member-a')
    await relayKnows(handle.documentId, () => true)
    handle.change((d) => {
      d.uploads = [{ ...entry(fx.publicSha, 'x.pdf', 1), sha256: '../../etc/passwd' }]
    })
    const closed = await Promise.race([client.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 10_000))])
    expect(closed.code).toBe(1008)
    expect(String(fx.relay.audit.recent('invalid-change')[0]?.detail?.error)).toMatch(/sha256 must be 64 hex digits/)
  })
})

