/**
 * Local search in Chromium: the built search worker (the one the app ships) indexes a demo-town
 * corpus of 2,000 documents (meetings, agenda items, papers and PDF pages; `--scale 5` for 10,000)
 * from records and real PDF bytes, as the app feeds it. Reported:
 *
 * - index build: records plus PDF text extraction (pdf.js in the worker) and the sealed write;
 * - query latency p50/p95 over a mixed set of German queries (exact, umlauts written out, typos,
 *   prefixes, compound parts, references), in the worker and round trip from the page;
 * - loading the persisted (encrypted, compressed) index in a fresh worker;
 * - main-thread long tasks (> 50 ms) on the page while the worker indexed.
 * Baselines in the same run and page: a naive lower-case substring scan over the same texts (what
 * a search without an index costs per query), and rebuilding the index instead of loading it.
 *
 *   npm run build && npm run bench:search -- [--scale 1] [--runs 5]
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { extractPageTexts, type SearchSource } from '@ratstisch/search'
import { demoSearchCorpus } from '../client/src/search/testing/demo-search-corpus.ts'
import { loadNodePdfJs } from '../client/src/search/testing/node-pdfjs.ts'
import { LONG_TASK_OBSERVER } from './support/measure.ts'
import { percentile, ROOT } from './support/processes.ts'
import { launchChromium } from './support/browser.ts'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const SCALE = arg('scale', 1)
const RUNS = arg('runs', 5)
const TARGET_DOCS = Math.round(2000 * SCALE)
const CLIENT_DIR = process.env.CLIENT_DIR ?? path.join(ROOT, 'dist/client')
const QUERIES = [
  'Bebauungsplan', 'Bebaungsplan', 'Buergerhaus', 'Strassenbeleuchtung', 'Haushalt', 'Haushaltssatzunng', 'Beleuchtung', 'Gerätehaus',
  'BV 234', 'Glasfas', 'Sanierung Grundschule', 'Ortschaftsrat Musterdorf', 'Hundesteuer', 'Feurwehr', 'Winterdienst', 'Kita',
  'Stadtrat Dezember 2025', 'Spielplatz', 'Friedhofsgebuehren', 'Lärmschutz',
]

const workerFile = fs.existsSync(path.join(CLIENT_DIR, 'assets')) ? fs.readdirSync(path.join(CLIENT_DIR, 'assets')).find((f) => /^search-worker-.*\.js$/.test(f)) : undefined
if (!workerFile) {
  console.error(`no built search worker in ${CLIENT_DIR}/assets: build the app first (npm run build)`)
  process.exit(1)
}

// --- corpus (Node) ------------------------------------------------------------------------------
const started = performance.now()
// one demo town (scale 1) holds about 1,900 documents of released meetings
const corpus = await demoSearchCorpus({ anchorDate: '2026-03-01', scale: Math.max(1, Math.ceil(TARGET_DOCS / 1500)) })
const pdfjs = await loadNodePdfJs()
/** sources and files in the app's order until the target number of documents (records + pages) */
const sources: SearchSource[] = []
const files: { sha256: string; name: string }[] = []
const texts: string[] = []
const seen = new Set<string>()
let docs = 0
for (const source of corpus.sources) {
  if (docs >= TARGET_DOCS) break
  sources.push(source)
  for (const r of source.records) texts.push(`${r.title}\n${r.meta}\n${r.context}\n${r.text}`)
  docs += source.records.length
  for (const f of source.files) {
    const pdf = corpus.pdfs.get(f.sha256)
    if (!pdf || seen.has(f.sha256)) continue
    seen.add(f.sha256)
    const pages = await extractPageTexts(pdfjs, pdf.bytes)
    files.push({ sha256: f.sha256, name: f.name })
    texts.push(...pages.map((p) => `${f.name}\n${p}`))
    docs += pages.length
  }
}
const recordCount = sources.reduce((n, x) => n + x.records.length, 0)
console.log(`corpus: ${docs} documents (${recordCount} records, ${files.length} PDFs with ${docs - recordCount} pages), prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// --- a static server for the built app and the corpus ---------------------------------------------
const MIME: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' }
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  if (url.pathname === '/bench.html') {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><html lang="de"><title>search bench</title><body><p>search bench</p></body></html>')
    return
  }
  const pdf = /^\/bench\/pdf\/([0-9a-f]{64})$/.exec(url.pathname)
  if (pdf) {
    const bytes = corpus.pdfs.get(pdf[1])?.bytes
    res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/pdf' })
    res.end(bytes ? Buffer.from(bytes) : undefined)
    return
  }
  const file = path.join(CLIENT_DIR, path.normalize(url.pathname.replace(/^\/app\//, '/')))
  if (!url.pathname.startsWith('/app/') || !file.startsWith(CLIENT_DIR) || !fs.existsSync(file)) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' })
  fs.createReadStream(file).pipe(res)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const browser = await launchChromium()
try {
  const context = await browser.newContext()
  await context.addInitScript(LONG_TASK_OBSERVER)
  // tsx names functions with an `__name` helper that does not exist in the page
  await context.addInitScript({ content: 'window.__name = (f) => f' })
  const page = await context.newPage()
  await page.goto(`${origin}/bench.html`)

  const result = await page.evaluate(
    async ({ workerUrl, sources, files, texts, queries, runs }) => {
      const ENVELOPE = 'ratstisch-search'
      let nextId = 1
      const start = () => {
        const worker = new Worker(workerUrl, { type: 'module' })
        const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
        worker.addEventListener('message', (e: MessageEvent) => {
          const d = e.data
          if (!d || d.rt !== ENVELOPE) return
          const p = pending.get(d.id)
          pending.delete(d.id)
          if (d.ok) p?.resolve(d.result)
          else p?.reject(new Error(d.error))
        })
        const call = (name: string, request: unknown, transfer: Transferable[] = []): Promise<any> =>
          new Promise((resolve, reject) => {
            const id = nextId++
            pending.set(id, { resolve, reject })
            worker.postMessage({ rt: ENVELOPE, id, call: name, request }, transfer)
          })
        return { worker, call }
      }
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
      // the file bytes are in memory before timing starts (the app reads them from its cache)
      const pdfs: { sha256: string; name: string; bytes: ArrayBuffer }[] = []
      for (let i = 0; i < files.length; i += 16) {
        const batch = files.slice(i, i + 16)
        pdfs.push(...(await Promise.all(batch.map(async (f) => ({ ...f, bytes: await (await fetch(`/bench/pdf/${f.sha256}`)).arrayBuffer() })))))
      }
      const longTasks = () => (window as unknown as { __longTasks: number[] }).__longTasks

      const build = async (dbName: string) => {
        const w = start()
        await w.call('open', { dbName, key })
        const before = longTasks().length
        const t0 = performance.now()
        // frames keep coming while the worker indexes: measure the page's main thread meanwhile
        let frames = 0
        let framing = true
        const tick = () => {
          frames++
          if (framing) requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
        // as the app sends them: 25 sources per message
        for (let i = 0; i < sources.length; i += 25) await w.call('put-sources', { sources: sources.slice(i, i + 25) })
        const recordsMs = performance.now() - t0
        for (const f of pdfs) {
          const bytes = f.bytes.slice(0)
          await w.call('index-file', { sha256: f.sha256, name: f.name, bytes }, [bytes])
        }
        const indexMs = performance.now() - t0
        const { bytes } = await w.call('flush', {})
        const totalMs = performance.now() - t0
        framing = false
        const state = await w.call('state', {})
        return { w, recordsMs, indexMs, totalMs, bytes, documents: state.documents, longTasks: longTasks().slice(before), frames }
      }

      // the same page doing nothing but frames, as long as a build takes: what the machine adds on its own
      const idle = async (ms: number) => {
        const before = longTasks().length
        await new Promise((resolve) => setTimeout(resolve, ms))
        return longTasks().slice(before)
      }
      const built = await build('bench-search')
      const quiet = await idle(Math.min(built.totalMs, 15_000))
      // queries: warm up once, then `runs` rounds over the mixed set
      for (const q of queries) await built.w.call('search', { query: q, options: { limit: 20 } })
      const inWorker: number[] = []
      const roundTrip: number[] = []
      const hits: Record<string, number> = {}
      for (let r = 0; r < runs; r++) {
        for (const q of queries) {
          const t = performance.now()
          const res = await built.w.call('search', { query: q, options: { limit: 20 } })
          roundTrip.push(performance.now() - t)
          inWorker.push(res.tookMs)
          hits[q] = res.total
        }
      }
      // baseline: a naive lower-case substring scan over the same texts, in the page
      const lower = texts.map((t) => t.toLowerCase())
      const naive: number[] = []
      const naiveHits: Record<string, number> = {}
      for (let r = 0; r < runs + 1; r++) {
        for (const q of queries) {
          const t = performance.now()
          const needle = q.toLowerCase()
          let n = 0
          for (const text of lower) if (text.includes(needle)) n++
          if (r > 0) naive.push(performance.now() - t)
          naiveHits[q] = n
        }
      }
      built.w.worker.terminate()

      // loading the persisted index in a fresh worker (decrypt, decompress, parse)
      const loads: { roundTrip: number; inWorker: number; documents: number; restored: string }[] = []
      for (let r = 0; r < Math.max(3, Math.min(runs, 5)); r++) {
        const w = start()
        const t = performance.now()
        const opened = await w.call('open', { dbName: 'bench-search', key })
        const first = await w.call('search', { query: 'Bebauungsplan', options: { limit: 20 } })
        loads.push({ roundTrip: performance.now() - t, inWorker: opened.loadMs, documents: opened.documents, restored: `${opened.restored}/${first.total}` })
        w.worker.terminate()
      }
      return { built: { ...built, w: undefined }, quiet, inWorker, roundTrip, hits, naive, naiveHits, loads }
    },
    { workerUrl: `/app/assets/${workerFile}`, sources, files, texts, queries: QUERIES, runs: RUNS },
  )

  const p = (v: number[], q: number) => percentile(v, q)
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`
  const b = result.built
  console.log(`\nlocal search, Chromium headless, built worker ${workerFile}`)
  console.log(`index build: ${b.documents} documents in ${ms(b.totalMs)} (records ${ms(b.recordsMs)}, + ${files.length} PDFs extracted and indexed: ${ms(b.indexMs)}, sealed write ${(b.bytes / 1e6).toFixed(2)} MB)`)
  console.log(`  ${((b.documents / b.totalMs) * 1000).toFixed(0)} documents/s; page main thread meanwhile: ${b.longTasks.length} long tasks${b.longTasks.length ? ` (max ${Math.max(...b.longTasks).toFixed(0)} ms)` : ''}, ${b.frames} frames in ${(b.totalMs / 1000).toFixed(1)} s`)
  const q = result.quiet
  console.log(`  baseline: the same page idle for ${(Math.min(b.totalMs, 15_000) / 1000).toFixed(1)} s: ${q.length} long tasks${q.length ? ` (max ${Math.max(...q).toFixed(0)} ms)` : ''} (machine load average ${os.loadavg()[0].toFixed(1)})`)
  const base95 = p(result.naive, 95)
  console.log(`queries (${QUERIES.length} mixed × ${RUNS}):`)
  console.log(`  in the worker      p50 ${ms(p(result.inWorker, 50))}  p95 ${ms(p(result.inWorker, 95))}  (${(p(result.inWorker, 95) / base95).toFixed(2)}× the baseline p95)`)
  console.log(`  round trip (page)  p50 ${ms(p(result.roundTrip, 50))}  p95 ${ms(p(result.roundTrip, 95))}  (${(p(result.roundTrip, 95) / base95).toFixed(2)}× the baseline p95)`)
  console.log(`  baseline: naive substring scan over the same ${texts.length} texts  p50 ${ms(p(result.naive, 50))}  p95 ${ms(base95)}`)
  const misses = QUERIES.filter((q) => !result.naiveHits[q])
  console.log(`  found something: search ${QUERIES.filter((q) => result.hits[q] > 0).length}/${QUERIES.length} queries, naive scan ${QUERIES.length - misses.length}/${QUERIES.length} (misses: ${misses.join(', ')})`)
  const loadRt = result.loads.map((l) => l.roundTrip)
  console.log(`persisted index load (fresh worker: read, decrypt, gunzip, parse; then first query): p50 ${ms(p(loadRt, 50))}, in worker ${ms(p(result.loads.map((l) => l.inWorker), 50))}  (${(p(loadRt, 50) / b.totalMs).toFixed(3)}× rebuilding; ${result.loads[0].restored})`)
} finally {
  await browser.close()
  server.close()
}
process.exit(0)
