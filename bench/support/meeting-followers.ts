/**
 * One meeting document, one writer (the clerk) and many read-only followers (member devices) as
 * Node automerge-repo clients over WebSocket — on the gated relay (the test fixture server: signed
 * in, access-checked, flush-before-ack) or, as the baseline, on automerge-repo's stock relay.
 * Shared by the fan-out and live-latency benchmarks.
 */
import { Repo, type AutomergeUrl, type DocHandle, type PeerId } from '@automerge/automerge-repo'
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MeetingDoc } from '@ratstisch/domain'
import { NodeSyncClientAdapter } from '../../sync-server/src/testing/node-sync-client.ts'
import { sampleMeeting, TEST_PASSWORD } from '../../sync-server/src/testing/relay-fixture.ts'
import { startScript } from './processes.ts'

export interface Followers {
  writer: DocHandle<MeetingDoc>
  followers: DocHandle<MeetingDoc>[]
  repos: Repo[]
  stop(): void
}

/** The gated relay: the clerk writes, member-b (public part only) follows on `count` devices. */
export async function gatedFollowers(count: number, nodeArgs: string[] = []): Promise<Followers> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-bench-'))
  const { child, port } = await startScript('sync-server/src/testing/fixture-server.ts', { DATA_DIR: dataDir, PORT: '0' }, nodeArgs)
  const origin = `http://127.0.0.1:${port}`
  const login = async (username: string) => {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    })
    return res.headers.get('set-cookie')!.split(';')[0]
  }
  const clerkCookie = await login('clerk')
  const memberCookie = await login('member-b')
  const manifest = (await (await fetch(`${origin}/api/sync/manifest`, { headers: { cookie: clerkCookie } })).json()) as {
    documents: { url: string; type: string }[]
  }
  const url = manifest.documents.find((d) => d.type === 'meeting')!.url as AutomergeUrl
  const repos: Repo[] = []
  const open = async (cookie: string, peerId: string) => {
    const adapter = new NodeSyncClientAdapter(`ws://127.0.0.1:${port}/sync`, { cookie, origin })
    const repo = new Repo({ network: [adapter], peerId: peerId as PeerId })
    repos.push(repo)
    await adapter.whenReady()
    return repo.find<MeetingDoc>(url, { signal: AbortSignal.timeout(30_000) })
  }
  const writer = await open(clerkCookie, 'u-clerk-benchwriter')
  const followers: DocHandle<MeetingDoc>[] = []
  for (let i = 0; i < count; i++) followers.push(await open(memberCookie, `u-ub-follower${String(i).padStart(3, '0')}`))
  return { writer, followers, repos, stop: () => child.kill('SIGTERM') }
}

/** automerge-repo's stock relay (no access control, no flush-before-ack) with the same roles. */
export async function stockFollowers(count: number, initial: MeetingDoc = sampleMeeting()): Promise<Followers> {
  const { child, port } = await startScript('bench/support/stock-relay.ts')
  const repos: Repo[] = []
  const connect = async (peerId: string) => {
    const adapter = new WebSocketClientAdapter(`ws://127.0.0.1:${port}`)
    const repo = new Repo({ network: [adapter], peerId: peerId as PeerId })
    repos.push(repo)
    await adapter.whenReady()
    return repo
  }
  const writerRepo = await connect('writer')
  const writer = writerRepo.create<MeetingDoc>(initial)
  await new Promise((r) => setTimeout(r, 300))
  const followers: DocHandle<MeetingDoc>[] = []
  for (let i = 0; i < count; i++) {
    const repo = await connect(`follower-${i}`)
    // the stock relay may not have the writer's new document yet under load: ask again
    for (let attempt = 0; ; attempt++) {
      try {
        followers.push(await repo.find<MeetingDoc>(writer.url, { signal: AbortSignal.timeout(30_000) }))
        break
      } catch (e) {
        if (attempt >= 10) throw e
        await new Promise((r) => setTimeout(r, 300))
      }
    }
  }
  return { writer, followers, repos, stop: () => child.kill('SIGKILL') }
}
