/**
 * Portal search on the relay (sync-server/src/portal-search/): for the demo town and larger scales,
 * - PDF text extraction from scratch in the background: time, pages, and what it costs requests
 *   meanwhile: a probe sets a 50 ms timer, then searches; how late the timer fires is the wait a
 *   request would see (the background work blocking the event loop), the search time is the answer;
 * - index build on a restart (texts already stored): time to caught up, documents;
 * - 20 queries, each answered 25 times: p50/p95 per query answer.
 * Baseline in the same run: a naive case-insensitive substring scan over the same public texts
 * (what a portal without an index would do), for the same queries.
 *
 *   npm run bench:portal-search -- [scales=1,10]
 *   npm run bench:portal-search -- 10 --data-dir ./data-scale10   # a town seeded before (npm run seed), kept
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../sync-server/src/config.ts'
import { seedDemoTown } from '../sync-server/src/demo/seed.ts'
import { PdfTextStore } from '../sync-server/src/portal-search/pdf-text-store.ts'
import { publicSearchSources } from '../sync-server/src/portal-search/portal-search-sources.ts'
import { createRelay, type Relay } from '../sync-server/src/relay.ts'

const args = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' } } })
const scales = (args.positionals[0] ?? '1,10').split(',').map(Number)
const givenDir = args.values['data-dir']
if (givenDir && scales.length !== 1) throw new Error('--data-dir takes one scale')
const QUERIES = [
  'Hundesteuer',
  'Buergerhaus',
  'Feurwehr',
  'Bebauungsplan Mühlenberg',
  'Strassenbeleuchtung',
  'BV 451',
  'AN 102',
  'Spielplatzprogramm',
  'Haushalt',
  'Sanierung Grundschule',
  'Glasfas',
  'Bibliothek',
  'Stadtrat Oktober 2026',
  'Ortschaftsrat Musterdorf',
  'Kita',
  'Radweg',
  'Klimaschutzkonzept',
  'Satzung Gebühren',
  'Haushaltssatzunng',
  'Musterstadt',
]
const REPEAT = 25

const quiet = () => undefined
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`

function open(dataDir: string): Relay {
  return createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
}

for (const scale of scales) {
  const dataDir = givenDir ? path.resolve(givenDir) : fs.mkdtempSync(path.join(os.tmpdir(), `ratstisch-bench-portal-search-${scale}-`))
  const log = console.log
  console.log = quiet
  const seeded = open(dataDir)
  const seedStarted = performance.now()
  await seedDemoTown(seeded, { anchorDate: '2026-11-01', scale })
  await seeded.publisher.reconcile()
  await seeded.portalSearch.whenIdle()
  await seeded.close()
  const seedSeconds = (performance.now() - seedStarted) / 1000

  // 1. extraction from scratch, in the background of a running relay
  {
    const relay = open(dataDir)
    await relay.pdfTexts.stop()
    await relay.portalSearch.stop()
    // the relay's own start (the publisher reconciling with the documents) is not measured here
    await relay.publisher.reconcile()
    relay.db.prepare('DELETE FROM pdf_texts').run()
    const lateness: number[] = []
    const answers: number[] = []
    const started = performance.now()
    relay.pdfTexts.start()
    relay.portalSearch.start()
    let probing = true
    const probe = (async () => {
      while (probing) {
        const t = performance.now()
        await new Promise<void>((resolve) => setTimeout(resolve, 50))
        const asked = performance.now()
        lateness.push(Math.max(0, asked - t - 50))
        relay.portalSearch.search({ q: QUERIES[answers.length % QUERIES.length], page: 1, pageSize: 10 })
        answers.push(performance.now() - asked)
      }
    })()
    await relay.portalSearch.whenIdle()
    const extractionMs = performance.now() - started
    probing = false
    await probe
    const stats = new PdfTextStore(relay.db).stats()
    console.log = log
    console.log(`scale ${scale}: ${givenDir ? `data from ${givenDir} (opened in ${seedSeconds.toFixed(1)} s)` : `seeded in ${seedSeconds.toFixed(1)} s`}; ${relay.publisher.all('meeting').length} public meetings, ${relay.publisher.all('paper').length} papers, ${relay.publisher.all('file').length} PDFs`)
    console.log(
      `  PDF text extraction from scratch (background): ${stats.ok} files, ${stats.pages} pages in ${ms(extractionMs)} (${(extractionMs / Math.max(1, stats.pages)).toFixed(1)} ms/page incl. indexing), ${stats.failed} unreadable`,
    )
    console.log(
      `  meanwhile, ${answers.length} probes: waited for the event loop p50 ${ms(percentile(lateness, 50))}, p95 ${ms(percentile(lateness, 95))}, max ${ms(Math.max(...lateness))}; searches answered in p50 ${ms(percentile(answers, 50))}, p95 ${ms(percentile(answers, 95))}`,
    )
    console.log = quiet
    await relay.close()
  }

  // 2. restart: the index is rebuilt from the stored texts
  const relay = open(dataDir)
  const started = performance.now()
  await relay.portalSearch.whenIdle()
  const buildMs = performance.now() - started
  const stats = relay.portalSearch.stats()
  console.log = log
  console.log(`  index build after a restart (texts stored, nothing extracted): ${ms(buildMs)} for ${stats.documents} documents (${stats.files} PDFs)`)

  // 3. queries
  const times: number[] = []
  const totals: number[] = []
  for (let r = 0; r < REPEAT; r++) {
    for (const q of QUERIES) {
      const t = performance.now()
      const result = relay.portalSearch.search({ q, page: 1, pageSize: 10 })
      times.push(performance.now() - t)
      if (r === 0) totals.push(result.total)
    }
  }
  // baseline: substring scan over the same texts (records and PDF pages)
  const texts = new PdfTextStore(relay.db)
  const haystack: string[] = []
  for (const source of publicSearchSources(relay.publisher)) for (const rec of source.records) haystack.push(`${rec.title}\n${rec.meta}\n${rec.context}\n${rec.text}`.toLowerCase())
  for (const f of relay.publisher.all('file')) for (const page of texts.pages(f.id) ?? []) haystack.push(page.toLowerCase())
  const scanTimes: number[] = []
  let scanFound = 0
  let found = 0
  for (let r = 0; r < REPEAT; r++) {
    for (const [i, q] of QUERIES.entries()) {
      const words = q.toLowerCase().split(/\s+/)
      const t = performance.now()
      let n = 0
      for (const text of haystack) if (words.every((w) => text.includes(w))) n++
      scanTimes.push(performance.now() - t)
      if (r === 0) {
        if (n > 0) scanFound++
        if (totals[i] > 0) found++
      }
    }
  }
  console.log(
    `  ${QUERIES.length} queries × ${REPEAT}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(Math.max(...times))}; finds ${found} of ${QUERIES.length}`,
  )
  console.log(
    `  baseline substring scan over ${haystack.length} texts: p50 ${ms(percentile(scanTimes, 50))}, p95 ${ms(percentile(scanTimes, 95))} (ratio p95 ${(percentile(times, 95) / percentile(scanTimes, 95)).toFixed(2)}×); finds ${scanFound} of ${QUERIES.length}`,
  )
  console.log = quiet
  await relay.close()
  console.log = log
  if (!givenDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
