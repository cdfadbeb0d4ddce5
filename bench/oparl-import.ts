/**
 * OParl import of the full SD.NET RIM crawl of Hürtgenwald (2,115 papers, 367 meetings, 49 persons,
 * 22 organizations, 6,947 files) from the local fixture server: throughput (objects/s), time per
 * step and peak memory (RSS, heap) of a first import into an empty relay, then of an incremental
 * re-run.
 * Baseline in the same run, same fixture server: a plain crawl of the same pages with fetch and
 * JSON.parse (lists in parallel, pages following links.next), counting the same objects (embedded
 * ones included), and the same file downloads with fetch alone. Ratios import / baseline.
 * The relay's portal search and PDF text extraction are stopped (they follow the public model in
 * the background and are measured by their own benchmarks).
 *
 *   npm run bench:oparl-import -- [--no-files]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { OParlFixtureServer, oneIn, sdnetSource } from '../packages/oparl/src/testing/index.ts'
import { sharedPath } from '../scripts/shared-dir.ts'
import { loadConfig } from '../sync-server/src/config.ts'
import { createRelay } from '../sync-server/src/relay.ts'

const archive = sharedPath('oparl/real/sdnet-rim-huertgenwald-1.0/cache_huertgenwald.tar.zst')
if (!archive) {
  console.log('skipped: the shared reference data (../shared/oparl) is absent')
  process.exit(0)
}
const withFiles = !process.argv.includes('--no-files')
const CONCURRENCY = 6

/** peak RSS and heap while `fn` runs (sampled every 50 ms) */
async function peakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; rss: number; heap: number; seconds: number }> {
  global.gc?.()
  let rss = 0
  let heap = 0
  const sample = () => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
  }
  const timer = setInterval(sample, 50)
  const started = performance.now()
  try {
    const result = await fn()
    sample()
    return { result, rss, heap, seconds: (performance.now() - started) / 1000 }
  } finally {
    clearInterval(timer)
  }
}

/** plain crawl: fetch + JSON.parse, every list page by links.next, counting objects and embedded objects */
async function plainCrawl(systemUrl: string): Promise<{ objects: number; pages: number; fileUrls: string[] }> {
  const get = async (url: string) => (await (await fetch(url)).json()) as Record<string, unknown>
  let objects = 0
  let pages = 0
  const fileUrls = new Set<string>()
  const count = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(count)
    if (!value || typeof value !== 'object') return
    const o = value as Record<string, unknown>
    if (typeof o.id === 'string') objects++
    if (typeof o.downloadUrl === 'string') fileUrls.add(o.downloadUrl)
    for (const v of Object.values(o)) if (v && typeof v === 'object') count(v)
  }
  const system = await get(systemUrl)
  count(system)
  const crawl = async (url: string | undefined) => {
    while (url) {
      const page = await get(url)
      pages++
      count(page.data)
      url = (page.links as { next?: string } | undefined)?.next
    }
  }
  const bodies: Array<Record<string, unknown>> = []
  let next = system.body as string | undefined
  while (next) {
    const page = await get(next)
    pages++
    count(page.data)
    bodies.push(...(page.data as Array<Record<string, unknown>>))
    next = (page.links as { next?: string } | undefined)?.next
  }
  await Promise.all(bodies.flatMap((b) => ['organization', 'person', 'meeting', 'paper'].map((l) => crawl(b[l] as string | undefined))))
  return { objects, pages, fileUrls: [...fileUrls] }
}

async function plainDownloads(urls: string[]): Promise<number> {
  let next = 0
  let bytes = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const res = await fetch(urls[next++])
        bytes += (await res.arrayBuffer()).byteLength
      }
    }),
  )
  return bytes
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`
const server = await OParlFixtureServer.start(sdnetSource(archive), { fileMissing: oneIn(40) })
console.log(`fixture server: ${server.origin} (SD.NET RIM, Hürtgenwald)`)

// --- baseline: plain fetch + JSON.parse of the same pages, then the same file downloads
const baseline = await peakMemory(async () => {
  const crawl = await plainCrawl(server.systemUrl)
  const crawlSeconds = performance.now()
  const bytes = withFiles ? await plainDownloads(crawl.fileUrls) : 0
  return { ...crawl, bytes, crawlDone: crawlSeconds }
})
const baselineStarted = performance.now() - baseline.seconds * 1000
const baselineCrawlSeconds = (baseline.result.crawlDone - baselineStarted) / 1000

// --- the import into an empty relay
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-importbench-'))
const relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
await relay.portalSearch.stop()
await relay.pdfTexts.stop()
const first = await peakMemory(async () => {
  relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0, concurrency: CONCURRENCY, files: withFiles })
  return (await relay.imports.wait())!
})
if (first.result.status !== 'done') throw new Error(`import ${first.result.status}: ${first.result.error}`)
const again = await peakMemory(async () => {
  relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0, concurrency: CONCURRENCY, files: withFiles })
  return (await relay.imports.wait())!
})
await relay.close()
await server.close()

const p = first.result
const rows = [
  ['', 'time', 'objects/s', 'peak RSS', 'peak heap'],
  ['plain crawl (fetch + JSON.parse)', `${baselineCrawlSeconds.toFixed(1)} s`, (baseline.result.objects / baselineCrawlSeconds).toFixed(0), mb(baseline.rss), mb(baseline.heap)],
  ...(withFiles ? [['plain crawl + file downloads', `${baseline.seconds.toFixed(1)} s`, (baseline.result.objects / baseline.seconds).toFixed(0), '', '']] : []),
  ['import: crawl step', `${p.timings.crawl.toFixed(1)} s`, (p.objects / p.timings.crawl).toFixed(0), '', ''],
  ...(withFiles ? [['import: files step', `${p.timings.files.toFixed(1)} s`, `${(p.files.total / p.timings.files).toFixed(0)} files/s`, '', '']] : []),
  ['import: writing step', `${p.timings.apply.toFixed(1)} s`, `${(p.apply.total / p.timings.apply).toFixed(0)} docs/s`, '', ''],
  ['import: total (first run)', `${first.seconds.toFixed(1)} s`, (p.objects / first.seconds).toFixed(0), mb(first.rss), mb(first.heap)],
  ['import: incremental re-run', `${again.seconds.toFixed(1)} s`, '', mb(again.rss), mb(again.heap)],
]
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  '))
console.log(
  `\n${p.objects} objects (${baseline.result.objects} by the plain count) on ${baseline.result.pages} pages; ${p.files.downloaded} files downloaded, ${p.files.missing} not downloadable;` +
    ` ${p.apply.created} objects created.`,
)
console.log(
  `ratio import crawl / plain crawl: ${(p.timings.crawl / baselineCrawlSeconds).toFixed(2)}× the time;` +
    ` whole import / plain crawl${withFiles ? ' + downloads' : ''}: ${(first.seconds / baseline.seconds).toFixed(1)}× the time; peak RSS ${(first.rss / baseline.rss).toFixed(1)}×`,
)
console.log(
  JSON.stringify({
    bench: 'oparl-import',
    files: withFiles,
    objects: p.objects,
    seconds: +first.seconds.toFixed(2),
    objectsPerSecond: Math.round(p.objects / first.seconds),
    timings: p.timings,
    peakRssMB: Math.round(first.rss / 1048576),
    peakHeapMB: Math.round(first.heap / 1048576),
    baselineSeconds: +baseline.seconds.toFixed(2),
    baselineCrawlSeconds: +baselineCrawlSeconds.toFixed(2),
    incrementalSeconds: +again.seconds.toFixed(2),
  }),
)
process.exit(0)
