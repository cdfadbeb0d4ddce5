/**
 * The app announces a new notes document only after registering it (its share policy offers only
 * registered documents). The relay's first reply then concerns a handle that is not ready yet; it
 * must not try to flush it (that closed the socket with 1011 and later crashed the relay).
 */
import { it, expect } from 'vitest'
import { Repo, type PeerId, type DocumentId } from '@automerge/automerge-repo'
import { startFixture } from '../testing/relay-fixture.ts'
import { NodeSyncClientAdapter } from '../testing/node-sync-client.ts'

it('accepts a notes document the client announces only after registering it', async () => {
  const fx = await startFixture()
  const cookie = await fx.login('member-a')
  const me = (await (await fetch(`${fx.origin}/api/me`, { headers: { cookie } })).json()) as { id: string }
  const known = new Set<string>()
  const adapter = new NodeSyncClientAdapter(`${fx.origin.replace('http', 'ws')}/sync`, { cookie, origin: fx.origin })
  const repo = new Repo({
    network: [adapter],
    peerId: `u-${me.id}-dev9` as PeerId,
    shareConfig: { announce: async (_p, d) => !!d && known.has(d), access: async () => true },
  })
  await new Promise((r) => setTimeout(r, 500))
  const handle = repo.create<{ type: string; owner: string; meetingId: string; notes: Record<string, string> }>({ type: 'notes', owner: me.id, meetingId: 'mtg-1', notes: {} })
  handle.change((d) => { d.notes.x = 'hallo' })
  const res = await fetch(`${fx.origin}/api/documents`, { method: 'POST', headers: { cookie, origin: fx.origin, 'content-type': 'application/json' }, body: JSON.stringify({ url: handle.url, type: 'notes', meetingId: 'mtg-1' }) })
  expect(res.status).toBe(201)
  known.add(handle.documentId)
  repo.shareConfigChanged()
  const started = Date.now()
  for (;;) {
    const h = fx.relay.relayRepo.repo.handles[handle.documentId as DocumentId]
    if (h?.isReady() && (h.doc() as { notes?: Record<string, string> }).notes?.x) break
    if (Date.now() - started > 8000) throw new Error(`never arrived; relay handle state ${h?.state}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  await fx.close()
}, 30_000)
