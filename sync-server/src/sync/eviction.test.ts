/**
 * Evicting idle documents from the relay's memory loses nothing: the stored document stays whole
 * (automerge-repo's own unload writes an empty document over it, automerge-repo#435), clients that
 * ask while an eviction runs get the whole document, and a change made after a reload survives a
 * restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as A from '@automerge/automerge'
import type { AutomergeUrl, DocHandle, DocumentId } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import type { MeetingConfidentialDoc, MeetingDoc } from '@ratstisch/domain'
import path from 'node:path'
import { startFixture, waitFor, type Fixture } from '../testing/relay-fixture.ts'

let fx: Fixture
beforeAll(async () => {
  fx = await startFixture()
  // every document counts as idle at the fake "now" the tests pass to evictIdle
  ;(fx.relay.relayRepo as unknown as { options: { evictIdleMs: number } }).options.evictIdleMs = 60_000
})
afterAll(async () => {
  await fx.close()
})

const later = () => Date.now() + 10 * 60_000

/** What is on disk for a document, read with a storage adapter of its own. */
async function storedChunks(documentId: string): Promise<{ kind: string; bytes: number }[]> {
  const chunks = await new NodeFSStorageAdapter(path.join(fx.dataDir, 'automerge')).loadRange([documentId])
  return chunks.filter((c) => c.data).map((c) => ({ kind: c.key[1], bytes: c.data!.byteLength }))
}

async function clientFind<T>(device: string, documentId: string): Promise<{ doc: T; close: () => Promise<void> }> {
  const client = await fx.client('member-a', { device })
  await client.adapter.whenReady()
  const handle = (await client.repo.find<T>(`automerge:${documentId}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })) as DocHandle<T>
  return { doc: handle.doc() as T, close: () => client.close() }
}

describe('eviction', () => {
  it('keeps the stored document whole through repeated evictions and reloads', async () => {
    const id = fx.confidentialDocId as DocumentId
    const before = await storedChunks(id)
    expect(before.length).toBeGreaterThan(0)
    for (let round = 0; round < 4; round++) {
      // loading announces the loaded document as a change (the repo schedules a save); evict at once
      expect((await fx.relay.relayRepo.doc<MeetingConfidentialDoc>(id))?.agendaItems).toHaveLength(1)
      expect(await fx.relay.relayRepo.evictIdle(later())).toBeGreaterThan(0)
      expect(Object.keys(fx.relay.relayRepo.repo.handles)).not.toContain(id)
      await new Promise((r) => setTimeout(r, 250)) // longer than the repo's save throttle
      const stored = await storedChunks(id)
      expect(stored.reduce((n, c) => n + c.bytes, 0), `round ${round}: the stored document is not emptied`).toBeGreaterThan(100)
      const fromDisk = await fx.relay.relayRepo.repo.storageSubsystem!.loadDoc<MeetingConfidentialDoc>(id)
      expect(fromDisk?.agendaItems?.[0]?.title).toBe('Grundstücksverkauf Flurstück 17')
    }
    const { doc, close } = await clientFind<MeetingConfidentialDoc>('device-after-evictions', id)
    expect(doc.agendaItems[0].title).toBe('Grundstücksverkauf Flurstück 17')
    await close()
  })

  it('gives clients that ask while the relay evicts the whole document', async () => {
    const id = fx.confidentialDocId as DocumentId
    for (let i = 0; i < 12; i++) {
      await fx.relay.relayRepo.doc(id)
      const client = await fx.client('member-a', { device: `device-race-${i}` })
      await client.adapter.whenReady()
      const evicting = fx.relay.relayRepo.evictIdle(later())
      await new Promise((r) => setTimeout(r, i % 4))
      const handle = await client.repo.find<MeetingConfidentialDoc>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
      expect(handle.doc().agendaItems, `attempt ${i}`).toHaveLength(1)
      await evicting
      await client.close()
    }
  })

  it('keeps a change written after a reload across a restart of the relay', async () => {
    const id = fx.meetingDocId as DocumentId
    await fx.relay.relayRepo.evictIdle(later())
    const clerk = await fx.client('clerk', { device: 'device-clerk-evict' })
    const handle = await clerk.repo.find<MeetingDoc>(`automerge:${id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    handle.change((d) => {
      d.agendaItems[0].title = 'Eröffnung und Begrüßung'
    })
    const relayHandle = await fx.relay.relayRepo.handle<MeetingDoc>(id)
    await waitFor(relayHandle, (d) => d.agendaItems[0].title === 'Eröffnung und Begrüßung')
    await clerk.close()
    await fx.relay.relayRepo.persist(id)
    const heads = A.getHeads(relayHandle.doc() as A.Doc<MeetingDoc>)
    await new Promise((r) => setTimeout(r, 50))
    expect(await fx.relay.relayRepo.evictIdle(later())).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 250))

    const dataDir = fx.dataDir
    await fx.close()
    fx = await startFixture({}, dataDir)
    ;(fx.relay.relayRepo as unknown as { options: { evictIdleMs: number } }).options.evictIdleMs = 60_000
    const reloaded = await fx.relay.relayRepo.doc<MeetingDoc>(id)
    expect(reloaded?.agendaItems[0].title).toBe('Eröffnung und Begrüßung')
    expect(A.getHeads(reloaded as A.Doc<MeetingDoc>)).toEqual(heads)
  })
})
