/**
 * Encryption at rest, measured in Debian's Chromium with the app's own storage stack:
 * - loading N meeting-sized documents (20 agenda items each) one by one with fresh repos (a cold
 *   start), through IndexedDBStorageAdapter plain (baseline, same run) and wrapped in
 *   EncryptedStorageAdapter (AES-GCM per stored chunk), document by document in alternation so
 *   that a busy machine slows both alike — ratio sealed / plain;
 * - creating and flushing them both ways;
 * - AES-GCM on a 4 MiB file (a large PDF) sealed and opened;
 * - the app lock: setting the first PIN and unlocking (PBKDF2-SHA-256 at the app's iteration count).
 *
 *   npm run bench:encrypted-store -- [documents=200] [rounds=3]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import wasm from 'vite-plugin-wasm'
import { percentile, ROOT } from './support/processes.ts'
import { launchChromium, serveDirectory } from './support/browser.ts'

const DOCUMENTS = Number(process.argv[2] ?? 200)
const ROUNDS = Number(process.argv[3] ?? 3)
const ITEMS = 20
const PORT = 18350

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-encbench-'))
await build({
  configFile: false,
  logLevel: 'warn',
  root: ROOT,
  plugins: [wasm()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'esnext',
    lib: { entry: path.join(ROOT, 'bench/support/encrypted-store-page.ts'), formats: ['es'], fileName: () => 'bench.js' },
  },
})
fs.writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>')

const server = await serveDirectory(outDir, PORT, 'index.html')

const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${PORT}/`)
  await page.waitForFunction(() => 'runBench' in window)
  const r = await page.evaluate(
    (o) => (window as unknown as { runBench: (o: unknown) => Promise<Record<string, number & number[]>> }).runBench(o),
    { documents: DOCUMENTS, items: ITEMS, rounds: ROUNDS },
  )
  const plain = percentile(r.plainLoads, 50)
  const sealed = percentile(r.sealedLoads, 50)
  const fmt = (ms: number) => `${ms.toFixed(0)} ms (${(ms / DOCUMENTS).toFixed(2)} ms per document)`
  console.log(`encryption at rest, ${DOCUMENTS} meeting documents of ${ITEMS} agenda items, Chromium headless, median of ${ROUNDS} cold loads (interleaved)`)
  console.log(`baseline: load through IndexedDBStorageAdapter (plain)   ${fmt(plain)}`)
  console.log(`load through EncryptedStorageAdapter (AES-GCM)          ${fmt(sealed)}  (${(sealed / plain).toFixed(2)}× plain)`)
  console.log(`  per round (plain/sealed ms): ${r.plainLoads.map((p, i) => `${p.toFixed(0)}/${r.sealedLoads[i].toFixed(0)}`).join(', ')}`)
  console.log(`create + flush, one after the other (not interleaved, so only indicative): plain ${r.createPlainMs.toFixed(0)} ms, sealed ${r.createSealedMs.toFixed(0)} ms`)
  console.log(`AES-GCM on ${(r.bigBytes / 2 ** 20).toFixed(0)} MiB (a large PDF): seal ${r.sealMs.toFixed(1)} ms, open ${r.openMs.toFixed(1)} ms`)
  console.log(
    `app lock, PBKDF2-SHA-256 ${r.iterations.toLocaleString('en')} iterations: first PIN ${r.setupMs.toFixed(0)} ms, unlock p50 ${percentile(r.unlocks, 50).toFixed(0)} ms, max ${Math.max(...r.unlocks).toFixed(0)} ms`,
  )
} finally {
  await browser.close()
  server.close()
  fs.rmSync(outDir, { recursive: true, force: true })
}
process.exit(0)
