/** Manifest and personal-document registration, including clients that try to cheat. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAutomergeUrl, type AutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import type { NotesDoc } from '@ratstisch/domain'
import { startFixture, waitFor, type Fixture } from '../testing/relay-fixture.ts'

let fx: Fixture
beforeAll(async () => {
  fx = await startFixture()
})
afterAll(async () => {
  await fx.close()
})

const register = (cookie: string, body: unknown) =>
  fetch(`${fx.origin}/api/documents`, {
    method: 'POST',
    headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

interface Manifest {
  documents: { url: string; type: string; access: string; meeting?: string; meta?: { name: string; organizationName: string } }[]
}
const manifestOf = async (cookie: string) =>
  (await (await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie } })).json()) as Manifest

describe('manifest', () => {
  it('lists exactly what the user may read, with access level and meeting metadata', async () => {
    const clerk = await manifestOf(await fx.login('clerk'))
    expect(clerk.documents.map((d) => [d.type, d.access]).sort()).toEqual([
      ['meeting', 'write'],
      ['meeting-confidential', 'write'],
    ])
    const a = await manifestOf(await fx.login('member-a'))
    expect(a.documents.map((d) => [d.type, d.access]).sort()).toEqual([
      ['meeting', 'read'],
      ['meeting-confidential', 'read'],
    ])
    const meeting = a.documents.find((d) => d.type === 'meeting')!
    expect(meeting.meeting).toBe('mtg-1')
    expect(meeting.meta).toMatchObject({ name: '5. Sitzung des Bauausschusses', organizationName: 'Bau- und Vergabeausschuss' })
    const b = await manifestOf(await fx.login('member-b'))
    expect(b.documents.map((d) => d.type)).toEqual(['meeting'])
  })

  it('requires a session', async () => {
    expect((await fetch(`${fx.origin}/api/sync/manifest`)).status).toBe(401)
  })
})

describe('personal notes', () => {
  it('registers a notes document created on a device, syncs it to the second device, and nobody else', async () => {
    const phone = await fx.client('member-a', { device: 'phone' })
    const handle = phone.repo.create<NotesDoc>({ type: 'notes', owner: phone.userId, meetingId: 'mtg-1', notes: {} })
    handle.change((d) => {
      d.notes.i3 = 'Nachfrage: Lärmschutz am Mühlenteich?'
    })
    const res = await register(phone.cookie, { url: handle.url, type: 'notes', meetingId: 'mtg-1' })
    expect(res.status).toBe(201)
    // Announce again now that the relay accepts the document.
    phone.repo.shareConfigChanged()

    const manifest = await manifestOf(phone.cookie)
    expect(manifest.documents.find((d) => d.type === 'notes')).toMatchObject({ url: handle.url, access: 'write', meeting: 'mtg-1' })

    // The relay receives the note …
    const started = Date.now()
    for (;;) {
      const doc = await fx.relay.relayRepo.doc<NotesDoc>(handle.documentId)
      if (doc?.notes?.i3) break
      if (Date.now() - started > 8000) throw new Error('note never reached the relay')
      await new Promise((r) => setTimeout(r, 50))
    }
    // … the second device gets it …
    const laptop = await fx.client('member-a', { device: 'laptop' })
    const onLaptop = await laptop.repo.find<NotesDoc>(handle.url, { signal: AbortSignal.timeout(5000) })
    await waitFor(onLaptop, (d) => d.notes.i3 === 'Nachfrage: Lärmschutz am Mühlenteich?')

    // … a second registration from another device is pointed at the canonical document …
    const other = generateAutomergeUrl()
    const second = await register(laptop.cookie, { url: other, type: 'notes', meetingId: 'mtg-1' })
    expect(second.status).toBe(200)
    expect(await second.json()).toEqual({ url: handle.url, existing: true })

    // … and no other user, not even the clerk, can read it.
    for (const username of ['member-b', 'clerk']) {
      const intruder = await fx.client(username, { device: 'snoop' })
      await expect(intruder.repo.find(handle.url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow()
      const m = await manifestOf(intruder.cookie)
      expect(m.documents.map((d) => d.url)).not.toContain(handle.url)
    }
  }, 30_000)

  it('refuses to register an existing document id (takeover) or notes for an unreadable meeting', async () => {
    const cookie = await fx.login('member-b')
    const takeover = await register(cookie, { url: `automerge:${fx.meetingDocId}`, type: 'notes', meetingId: 'mtg-1' })
    expect(takeover.status).toBe(409)
    expect(fx.relay.registry.get(fx.meetingDocId as DocumentId)?.readers).toEqual(['public'])
    const unknownMeeting = await register(cookie, { url: generateAutomergeUrl(), type: 'notes', meetingId: 'mtg-does-not-exist' })
    expect(unknownMeeting.status).toBe(404)
    const badType = await register(cookie, { url: generateAutomergeUrl(), type: 'meeting', meetingId: 'mtg-1' })
    expect(badType.status).toBe(400)
    const badUrl = await register(cookie, { url: 'automerge:not-a-doc', type: 'notes', meetingId: 'mtg-1' })
    expect(badUrl.status).toBe(400)
  })
})

describe('eviction', () => {
  it('evicts documents nobody follows and keeps followed ones', async () => {
    const client = await fx.client('member-a', { device: 'evict' })
    await client.repo.find(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    await fx.relay.relayRepo.doc(fx.confidentialDocId as DocumentId)
    const later = Date.now() + 10 * 60_000
    const relayRepo = fx.relay.relayRepo as unknown as { options: { evictIdleMs: number } }
    relayRepo.options.evictIdleMs = 60_000
    await fx.relay.relayRepo.evictIdle(later)
    const loaded = Object.keys(fx.relay.relayRepo.repo.handles)
    expect(loaded).toContain(fx.meetingDocId)
    expect(loaded).not.toContain(fx.confidentialDocId)
    // An evicted document loads again on demand with its content.
    expect((await fx.relay.relayRepo.doc<{ agendaItems: unknown[] }>(fx.confidentialDocId as DocumentId))?.agendaItems).toHaveLength(1)
  })
})
