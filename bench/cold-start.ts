/**
 * Relay cold start on the demo data and on --scale 10: time to /health, time to serve a member's
 * manifest, RSS after a full sync of one member (all documents of their manifest). Baselines in the
 * same run: a bare Node HTTP server started the same way (for /health), and /health itself (for the
 * manifest request).
 *
 *   npm run bench:coldstart -- [scales=1,10]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Repo, type AutomergeUrl, type PeerId } from '@automerge/automerge-repo'
import { NodeSyncClientAdapter } from '../sync-server/src/testing/node-sync-client.ts'
import { ROOT, rssMiB } from './support/processes.ts'

const scales = (process.argv[2] ?? '1,10').split(',').map(Number)
const PASSWORD = 'ratstisch-demo'

async function timeToHealth(args: string[], env: Record<string, string>, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] })
  // never leave a relay behind on a fixed port, whatever happens to this script
  process.once('exit', () => child.kill('SIGKILL'))
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`)
      if (res.ok) return { child, ms: performance.now() - started }
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function stop(child: ChildProcess) {
  child.kill('SIGKILL')
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
}

const bare = await timeToHealth(['--import', 'tsx', 'bench/support/bare-server.ts'], {}, 18990)
await stop(bare.child)
console.log(`baseline: bare Node HTTP server (tsx) to /health: ${bare.ms.toFixed(0)} ms`)

for (const scale of scales) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ratstisch-cold-${scale}-`))
  const seedStarted = performance.now()
  execFileSync(process.execPath, ['--import', 'tsx', 'sync-server/src/demo/seed-cli.ts', '--scale', String(scale), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: 'ignore',
  })
  const seedSeconds = (performance.now() - seedStarted) / 1000
  const port = 18991 + scale
  const relay = await timeToHealth(['--import', 'tsx', 'sync-server/src/main.ts'], { DATA_DIR: dataDir, RATSTISCH_DEMO: '1' }, port)
  const origin = `http://127.0.0.1:${port}`
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'member-a', password: PASSWORD }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  let t = performance.now()
  const manifest = (await (await fetch(`${origin}/api/sync/manifest`, { headers: { cookie } })).json()) as { documents: { url: string; type: string }[] }
  const manifestMs = performance.now() - t
  t = performance.now()
  await (await fetch(`${origin}/health`)).json()
  const healthMs = performance.now() - t
  const rssBefore = rssMiB(relay.child.pid!)

  const adapter = new NodeSyncClientAdapter(`ws://127.0.0.1:${port}/sync`, { cookie, origin })
  const me = (await (await fetch(`${origin}/api/me`, { headers: { cookie } })).json()) as { id: string }
  const repo = new Repo({ network: [adapter], peerId: `u-${me.id}-bench` as PeerId })
  await adapter.whenReady()
  t = performance.now()
  const queue = [...manifest.documents]
  const failed: string[] = []
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        try {
          await repo.find(d.url as AutomergeUrl, { signal: AbortSignal.timeout(20_000) })
        } catch (error) {
          failed.push(`${d.type} ${d.url}: ${String(error)}`)
        }
      }
    }),
  )
  const syncSeconds = (performance.now() - t) / 1000
  const rssAfter = rssMiB(relay.child.pid!)
  if (failed.length) console.log(`  ${failed.length} documents did not sync:\n  ${failed.slice(0, 5).join('\n  ')}`)
  adapter.disconnect()
  await stop(relay.child)
  console.log(
    `scale ${String(scale).padStart(2)}: seed ${seedSeconds.toFixed(1)} s | cold start to /health ${relay.ms.toFixed(0)} ms (${(relay.ms / bare.ms).toFixed(2)}× bare) | ` +
      `manifest of member-a (${manifest.documents.length} docs) ${manifestMs.toFixed(1)} ms (${(manifestMs / healthMs).toFixed(1)}× /health) | ` +
      `full sync ${syncSeconds.toFixed(1)} s | relay RSS ${rssBefore} MiB idle, ${rssAfter} MiB after member-a's full sync`,
  )
  fs.rmSync(dataDir, { recursive: true, force: true })
}
process.exit(0)
