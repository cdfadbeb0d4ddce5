/**
 * Portal under load on loopback: a relay (sync-server/src/main.ts) with the demo town in its own
 * process, and a load generator in this one (keep-alive connections, a fixed number of requests in
 * flight for a fixed time). Targets: the largest public meeting page, a paper page and a search.
 * Baseline for each, in the same run: a static file of the same size served by the same relay
 * (its static route under /app/), loaded the same way; target and baseline alternate.
 * Reports requests/s, p50 and p95 latency and the ratios. Page caching is on, as in production:
 * a second variant asks for pages the cache has not seen (cold renders: `?v=<n>` busts the key).
 *
 *   npm run bench:portal -- [scale=1] [seconds=4] [connections=16]
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { percentile } from './support/processes.ts'
import { freePort, startRelay, waitIdle } from './support/relay-process.ts'

const SCALE = Number(process.argv[2] ?? 1)
const SECONDS = Number(process.argv[3] ?? 4)
const CONNECTIONS = Number(process.argv[4] ?? 16)

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-portalbench-'))
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-portalbench-static-'))
process.env.CLIENT_DIR = clientDir
process.env.DEMO_ANCHOR_DATE = '2026-11-01'
process.env.DEMO_SCALE = String(SCALE)
const port = await freePort()
const seeded = performance.now()
const relay = await startRelay({ port, dataDir, demo: true })
console.log(`demo town (scale ${SCALE}) seeded, relay up in ${((performance.now() - seeded) / 1000).toFixed(1)} s`)
for (;;) {
  const res = await fetch(`${relay.origin}/oparl/v1/body/body/meeting?limit=1`)
  if (res.ok && ((await res.json()) as { pagination: { totalElements: number } }).pagination.totalElements > 0) break
  await new Promise((r) => setTimeout(r, 200))
}
await waitIdle(relay.child.pid!, 'start')

// the targets: the public meeting with the most agenda items, the paper with the most documents
const meetings = (await (await fetch(`${relay.origin}/oparl/v1/body/body/meeting?limit=250`)).json()) as { data: Array<{ web: string; agendaItem?: unknown[] }> }
const meeting = meetings.data.reduce((a, b) => ((b.agendaItem?.length ?? 0) > (a.agendaItem?.length ?? 0) ? b : a))
const papers = (await (await fetch(`${relay.origin}/oparl/v1/body/body/paper?limit=250`)).json()) as { data: Array<{ web: string; auxiliaryFile?: unknown[] }> }
const paper = papers.data.reduce((a, b) => ((b.auxiliaryFile?.length ?? 0) > (a.auxiliaryFile?.length ?? 0) ? b : a))
const local = (url: string) => new URL(url).pathname
const targets = [
  { name: `meeting page (${meeting.agendaItem?.length ?? 0} public items)`, path: local(meeting.web) },
  { name: `paper page (${paper.auxiliaryFile?.length ?? 0} documents)`, path: local(paper.web) },
  { name: 'search "Bebauungsplan"', path: '/suche?q=Bebauungsplan' },
]

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })

function get(pathname: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }))
    })
    req.on('error', reject)
  })
}

/** CONNECTIONS loops, each sending its next request when the last answered, for SECONDS */
async function load(paths: () => string): Promise<{ rps: number; p50: number; p95: number; bytes: number }> {
  const latencies: number[] = []
  let bytes = 0
  const until = performance.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now()
        const res = await get(paths())
        if (res.status !== 200) throw new Error(`${paths()}: ${res.status}`)
        latencies.push(performance.now() - started)
        bytes = res.bytes
      }
    }),
  )
  return { rps: latencies.length / SECONDS, p50: percentile(latencies, 50), p95: percentile(latencies, 95), bytes }
}

const rows: string[] = []
for (const target of targets) {
  // a static file as large as the page (uncompressed), served by the same relay
  const page = Buffer.from(await (await fetch(`${relay.origin}${target.path}`)).arrayBuffer())
  const file = `static-${targets.indexOf(target)}.html`
  fs.writeFileSync(path.join(clientDir, file), page)
  await load(() => target.path) // warm-up
  const cached = await load(() => target.path)
  const baseline = await load(() => `/app/${file}`)
  let n = 0
  const cold = await load(() => `${target.path}${target.path.includes('?') ? '&' : '?'}v=${++n}`)
  const ratio = (x: number) => (x / baseline.rps).toFixed(2)
  rows.push(
    `| ${target.name} | ${(page.length / 1024).toFixed(0)} KiB | ${baseline.rps.toFixed(0)} / ${baseline.p95.toFixed(1)} ms | ${cached.rps.toFixed(0)} / ${cached.p95.toFixed(1)} ms | **${ratio(cached.rps)}×** | ${cold.rps.toFixed(0)} / ${cold.p95.toFixed(1)} ms | ${ratio(cold.rps)}× |`,
  )
}
console.log(`\nscale ${SCALE}, ${CONNECTIONS} connections, ${SECONDS} s per run, gzip; req/s / p95 latency`)
console.log('| target | size | static file | portal (cached) | ratio | portal (uncached) | ratio |')
console.log('|---|---|---|---|---|---|---|')
for (const row of rows) console.log(row)
agent.destroy()
relay.child.kill('SIGTERM')
fs.rmSync(dataDir, { recursive: true, force: true })
fs.rmSync(clientDir, { recursive: true, force: true })
process.exit(0)
