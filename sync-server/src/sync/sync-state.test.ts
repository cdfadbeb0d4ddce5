/**
 * The relay never stores a device's sync state. A device can lose changes it had acknowledged (a
 * page reload before its throttled save, a wiped store); a stored sync state would tell the relay
 * the device has them, and they would not be sent again.
 */
import { expect, it } from 'vitest'
import { Repo, type Chunk, type PeerId, type StorageAdapterInterface, type StorageKey } from '@automerge/automerge-repo'
import type { AutomergeUrl } from '@automerge/automerge-repo'
import type { MeetingDoc } from '@ratstisch/domain'
import { startFixture, waitFor } from '../testing/relay-fixture.ts'
import { NodeSyncClientAdapter } from '../testing/node-sync-client.ts'

/** A device's store in memory, so the device announces a storage id and says it is not ephemeral. */
class MemoryStorage implements StorageAdapterInterface {
  readonly data = new Map<string, Uint8Array>()
  async load(key: StorageKey) {
    return this.data.get(key.join('/'))
  }
  async save(key: StorageKey, value: Uint8Array) {
    this.data.set(key.join('/'), value)
  }
  async remove(key: StorageKey) {
    this.data.delete(key.join('/'))
  }
  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const p = prefix.join('/')
    return [...this.data].filter(([k]) => k.startsWith(p)).map(([k, v]) => ({ key: k.split('/'), data: v }))
  }
  async removeRange(prefix: StorageKey) {
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix.join('/'))) this.data.delete(k)
  }
}

it('treats devices as ephemeral: no sync state of a device is stored or reloaded by the relay', async () => {
  const fx = await startFixture()
  try {
    const cookie = await fx.login('member-a')
    const me = (await (await fetch(`${fx.origin}/api/me`, { headers: { cookie } })).json()) as { id: string }
    const manifest = (await (await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie } })).json()) as { documents: { url: string; type: string }[] }
    const url = manifest.documents.find((d) => d.type === 'meeting')!.url as AutomergeUrl
    const adapter = new NodeSyncClientAdapter(`${fx.origin.replace('http', 'ws')}/sync`, { cookie, origin: fx.origin })
    const peerId = `u-${me.id}-tablet` as PeerId
    const device = new Repo({ network: [adapter], peerId, storage: new MemoryStorage() })
    await adapter.whenReady()
    const handle = await device.find<MeetingDoc>(url, { signal: AbortSignal.timeout(10_000) })

    // the office changes the meeting; the device receives it (and acknowledges it)
    const clerk = await fx.client('clerk')
    const clerkHandle = await clerk.repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(10_000) })
    clerkHandle.change((d) => {
      d.agendaItems[0].title = 'Eröffnung, Begrüßung und Gedenken'
    })
    await waitFor(handle, (d) => d.agendaItems[0].title === 'Eröffnung, Begrüßung und Gedenken')
    await new Promise((r) => setTimeout(r, 400)) // longer than automerge-repo's save throttle

    const relayRepo = fx.relay.relayRepo.repo
    expect(relayRepo.peerMetadataByPeerId[peerId]?.isEphemeral).toBe(true)
    const storageId = relayRepo.peerMetadataByPeerId[peerId]?.storageId
    expect(storageId).toBeTruthy()
    expect(await relayRepo.storageSubsystem!.loadSyncState(handle.documentId, storageId!)).toBeUndefined()
    adapter.disconnect()
    await device.shutdown().catch(() => {})
  } finally {
    await fx.close()
  }
}, 30_000)
