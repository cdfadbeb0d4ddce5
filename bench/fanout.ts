/**
 * Fan-out: one writer and 50 readers (Node automerge-repo clients over WebSocket) on one meeting
 * document. Prints p50/p95 of the time from a change to all readers having it, for the gated relay
 * and for automerge-repo's stock relay (baseline, no access control, no flush-before-ack) in the
 * same run, and the ratio between them.
 *
 *   npm run bench:fanout -- [readers=50] [changes=40]
 */
import { Repo, type DocHandle, type PeerId, type AutomergeUrl } from '@automerge/automerge-repo'
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MeetingDoc } from '@ratstisch/domain'
import { NodeSyncClientAdapter } from '../sync-server/src/testing/node-sync-client.ts'
import { sampleMeeting, TEST_PASSWORD } from '../sync-server/src/testing/relay-fixture.ts'
import { percentile, startScript } from './support/processes.ts'

const READERS = Number(process.argv[2] ?? 50)
const CHANGES = Number(process.argv[3] ?? 40)

interface Setup {
  writer: DocHandle<MeetingDoc>
  readers: DocHandle<MeetingDoc>[]
  repos: Repo[]
  stop(): void
}

async function gatedSetup(): Promise<Setup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-bench-'))
  const { child, port } = await startScript('sync-server/src/testing/fixture-server.ts', { DATA_DIR: dataDir, PORT: '0' }, process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [])
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
  const readerCookie = await login('member-b')
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
  const readers: DocHandle<MeetingDoc>[] = []
  for (let i = 0; i < READERS; i++) readers.push(await open(readerCookie, `u-ub-reader${String(i).padStart(3, '0')}`))
  return { writer, readers, repos, stop: () => child.kill('SIGTERM') }
}

async function stockSetup(): Promise<Setup> {
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
  const writer = writerRepo.create<MeetingDoc>(sampleMeeting())
  await new Promise((r) => setTimeout(r, 300))
  const readers: DocHandle<MeetingDoc>[] = []
  for (let i = 0; i < READERS; i++) {
    const repo = await connect(`reader-${i}`)
    readers.push(await repo.find<MeetingDoc>(writer.url, { signal: AbortSignal.timeout(30_000) }))
  }
  return { writer, readers, repos, stop: () => child.kill('SIGKILL') }
}

async function measure(setup: Setup): Promise<{ p50: number; p95: number; max: number }> {
  const allReaders: number[] = []
  for (let n = 0; n < CHANGES; n++) {
    const title = `Titel ${n} ${Math.random().toString(36).slice(2)}`
    const started = performance.now()
    const arrived = setup.readers.map(
      (h) =>
        new Promise<number>((resolve) => {
          const check = () => {
            if (h.doc()?.agendaItems[1]?.title === title) {
              h.off('change', check)
              resolve(performance.now() - started)
            }
          }
          h.on('change', check)
        }),
    )
    setup.writer.change((d) => {
      d.agendaItems[1].title = title
    })
    const times = await Promise.all(arrived)
    allReaders.push(Math.max(...times))
    await new Promise((r) => setTimeout(r, 50))
  }
  return { p50: percentile(allReaders, 50), p95: percentile(allReaders, 95), max: Math.max(...allReaders) }
}

async function run(name: string, create: () => Promise<Setup>) {
  const setup = await create()
  await measure({ ...setup, readers: setup.readers }) // warm-up pass is part of the first run; measure again
  const result = await measure(setup)
  for (const repo of setup.repos) repo.networkSubsystem.adapters.forEach((a) => a.disconnect())
  setup.stop()
  console.log(`${name.padEnd(28)} p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms   max ${result.max.toFixed(1)} ms`)
  return result
}

console.log(`fan-out: 1 writer, ${READERS} readers, ${CHANGES} changes (time until ALL readers have a change)`)
const stock = await run('stock automerge-repo relay', stockSetup)
const gated = await run('Ratstisch gated relay', gatedSetup)
console.log(`ratio gated/stock            p50 ${(gated.p50 / stock.p50).toFixed(2)}×   p95 ${(gated.p95 / stock.p95).toFixed(2)}×`)
process.exit(0)
