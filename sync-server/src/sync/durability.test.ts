/**
 * "Nothing lost": a change the relay has acknowledged (its heads, as reported back to the client,
 * include the change) survives kill -9 of the relay process and a restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Repo, type PeerId, type StorageId } from '@automerge/automerge-repo'
import type { AutomergeUrl } from '@automerge/automerge-repo'
import type { MeetingDoc } from '@ratstisch/domain'
import { NodeSyncClientAdapter } from '../testing/node-sync-client.ts'
import { TEST_PASSWORD } from '../testing/relay-fixture.ts'
import { startScript } from '../testing/child-process.ts'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children) c.kill('SIGKILL')
})

async function startRelayProcess(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const started = await startScript('sync-server/src/testing/fixture-server.ts', { DATA_DIR: dataDir, PORT: '0' })
  children.push(started.child)
  return started
}

async function connect(port: number, device: string) {
  const origin = `http://127.0.0.1:${port}`
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'clerk', password: TEST_PASSWORD }),
  })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const manifest = (await (await fetch(`${origin}/api/sync/manifest`, { headers: { cookie } })).json()) as {
    documents: { url: string; type: string }[]
  }
  const adapter = new NodeSyncClientAdapter(`ws://127.0.0.1:${port}/sync`, { cookie, origin })
  const repo = new Repo({ network: [adapter], peerId: `u-clerk-${device}` as PeerId })
  await adapter.whenReady()
  const url = manifest.documents.find((d) => d.type === 'meeting')!.url as AutomergeUrl
  return { repo, adapter, url }
}

describe('durability', () => {
  it('keeps an acknowledged change across kill -9 and restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-crash-'))
    const first = await startRelayProcess(dataDir)
    const c1 = await connect(first.port, 'laptop')
    const relayStorageId = c1.repo.peerMetadataByPeerId['relay' as PeerId]?.storageId as StorageId
    expect(relayStorageId).toBeTruthy()
    const handle = await c1.repo.find<MeetingDoc>(c1.url, { signal: AbortSignal.timeout(10_000) })
    for (let i = 0; i < 20; i++) {
      handle.change((d) => {
        d.agendaItems[0].title = `Eröffnung (Änderung ${i})`
      })
    }
    const localHeads = handle.heads()
    // Acknowledged = the relay reported heads that contain our change.
    const started = Date.now()
    for (;;) {
      const remote: string[] = handle.getSyncInfo(relayStorageId)?.lastHeads ?? []
      if (localHeads.every((h) => remote.includes(h))) break
      if (Date.now() - started > 10_000) throw new Error('relay never acknowledged')
      await new Promise((r) => setTimeout(r, 2))
    }
    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))
    c1.adapter.disconnect()

    const second = await startRelayProcess(dataDir)
    const c2 = await connect(second.port, 'tablet')
    const h2 = await c2.repo.find<MeetingDoc>(c2.url, { signal: AbortSignal.timeout(10_000) })
    expect(h2.doc().agendaItems[0].title).toBe('Eröffnung (Änderung 19)')
    c2.adapter.disconnect()
    second.child.kill('SIGKILL')
  }, 60_000)
})
