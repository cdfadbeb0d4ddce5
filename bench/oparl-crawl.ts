/**
 * Full OParl crawl of the demo town over real HTTP: a relay (sync-server/src/main.ts) in its own
 * process, a client in this one that starts at /oparl/v1/system and follows every URL (lists with
 * links.next, objects, embedded objects' ids) with 4 requests in flight, without checking what it
 * reads (the conformance test does). Reports time, objects/s,
 * requests/s and bytes, cold (first crawl: the relay computes the files' SHA-512 checksums) and warm.
 * Baseline in the same run: as many requests to a static JSON file of the crawl's mean response
 * size, served by the same relay (its static file route under /app/, compressed the same way),
 * read and parsed the same way, same concurrency. Crawl and baseline alternate.
 *
 *   npm run bench:oparl-crawl -- [scale=1] [rounds=3]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { crawlOparl, type CrawlReport } from '../sync-server/src/oparl/oparl-crawler.ts'
import { freePort, startRelay, waitIdle } from './support/relay-process.ts'

const SCALE = Number(process.argv[2] ?? 1)
const ROUNDS = Number(process.argv[3] ?? 3)
const CONCURRENCY = 4

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-oparlbench-'))
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-oparlbench-static-'))
process.env.CLIENT_DIR = clientDir
process.env.DEMO_ANCHOR_DATE = '2026-11-01'
process.env.DEMO_SCALE = String(SCALE)
const port = await freePort()
const seedStarted = performance.now()
const relay = await startRelay({ port, dataDir, demo: true })
console.log(`demo town (scale ${SCALE}) seeded and relay up in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)
// the publisher fills the public model shortly after start; then the relay extracts PDF texts
for (;;) {
  const res = await fetch(`${relay.origin}/oparl/v1/body/body/paper?limit=1`)
  if (res.ok && ((await res.json()) as { pagination: { totalElements: number } }).pagination.totalElements > 0) break
  await new Promise((r) => setTimeout(r, 200))
}
await waitIdle(relay.child.pid!, 'start')

const system = `${relay.origin}/oparl/v1/system`
const crawl = () => crawlOparl({ start: system, base: `${relay.origin}/oparl/v1`, fetch: (url) => fetch(url), concurrency: CONCURRENCY, compareCopies: false })

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await run()
  return { value, seconds: (performance.now() - started) / 1000 }
}

const describeCrawl = (label: string, r: CrawlReport, seconds: number) =>
  console.log(
    `${label}: ${seconds.toFixed(2)} s, ${r.requests} requests (${(r.requests / seconds).toFixed(0)}/s), ${r.objects.size} objects (${(r.objects.size / seconds).toFixed(0)}/s), ` +
      `${(r.bytes / 1e6).toFixed(1)} MB JSON (${(r.bytes / 1e6 / seconds).toFixed(1)} MB/s), ${r.problems.length} problems`,
  )

const cold = await timed(crawl)
describeCrawl('cold crawl', cold.value, cold.seconds)
if (cold.value.problems.length) console.log(cold.value.problems.slice(0, 10).join('\n'))
const counts = Object.entries(cold.value.counts)
  .map(([type, c]) => `${type} ${c.live}${c.deleted ? ` (+${c.deleted} deleted)` : ''}`)
  .join(', ')
console.log(`objects: ${counts}; ${cold.value.pages.length} list pages`)

// the baseline file: real OParl objects up to the crawl's mean response size, as one JSON document
const meanBytes = Math.round(cold.value.bytes / cold.value.requests)
const sample: unknown[] = []
for (const object of cold.value.objects.values()) {
  if (JSON.stringify({ data: [...sample, object] }).length > meanBytes) break
  sample.push(object)
}
let staticJson = JSON.stringify({ data: sample })
staticJson += ' '.repeat(Math.max(0, meanBytes - Buffer.byteLength(staticJson)))
fs.writeFileSync(path.join(clientDir, 'static.json'), staticJson)
const staticUrl = `${relay.origin}/app/static.json`

async function baseline(requests: number): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < requests) {
        const res = await fetch(staticUrl)
        if (res.status !== 200) throw new Error(`static.json: HTTP ${res.status}`)
        JSON.parse(await res.text())
      }
    }),
  )
}

const crawlTimes: number[] = []
const baselineTimes: number[] = []
let warm = cold.value
for (let round = 1; round <= ROUNDS; round++) {
  const c = await timed(crawl)
  warm = c.value
  crawlTimes.push(c.seconds)
  describeCrawl(`warm crawl ${round}`, c.value, c.seconds)
  const b = await timed(() => baseline(c.value.requests))
  baselineTimes.push(b.seconds)
  console.log(`baseline ${round}: ${c.value.requests} requests for static.json (${meanBytes} bytes) in ${b.seconds.toFixed(2)} s (${(c.value.requests / b.seconds).toFixed(0)}/s)`)
}

const crawlSeconds = median(crawlTimes)
const baselineSeconds = median(baselineTimes)
console.log(
  `\nmedian of ${ROUNDS} (scale ${SCALE}, ${CONCURRENCY} in flight): crawl ${crawlSeconds.toFixed(2)} s = ${(warm.objects.size / crawlSeconds).toFixed(0)} objects/s, ` +
    `${(warm.requests / crawlSeconds).toFixed(0)} requests/s; static JSON of the same size ${(warm.requests / baselineSeconds).toFixed(0)} requests/s; ` +
    `ratio crawl/static ${(crawlSeconds / baselineSeconds).toFixed(2)}x; cold crawl ${cold.seconds.toFixed(2)} s`,
)

relay.child.kill('SIGKILL')
fs.rmSync(dataDir, { recursive: true, force: true })
fs.rmSync(clientDir, { recursive: true, force: true })
process.exit(0)
