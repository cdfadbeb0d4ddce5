/**
 * The reader's PDF viewer in Debian's Chromium on a 30-page demo paper (rendered by the demo town's
 * PDF writer):
 * - time to the first page (canvas and text layer, page width), against plain pdf.js rendering the
 *   same page at the same scale in the same run (ratio = the viewer's overhead);
 * - thumbnails: rendering all of them while scrolling the sidebar, per thumbnail and in total;
 * - copy correctness: random selections across line ends on every page, copied with Ctrl+C by the
 *   viewer (built from the page text) and by the browser's own copy, each compared on the real
 *   clipboard with what the text layer shows.
 *
 *   npm run bench:reader -- [runs=7] [pages=30]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import { demoAttachmentPdfInput, renderDemoPdf } from '../sync-server/src/demo/demo-pdf.ts'
import { generateDemoTown } from '../sync-server/src/demo/demo-town.ts'
import { LONG_TASK_OBSERVER } from './support/measure.ts'
import { percentile, ROOT } from './support/processes.ts'
import { launchChromium, serveDirectory } from './support/browser.ts'

const RUNS = Number(process.argv[2] ?? 7)
const PAGES = Number(process.argv[3] ?? 30)
const PORT = 18320
const SELECTIONS_PER_PAGE = 3

const town = generateDemoTown({ anchorDate: '2026-11-01' })
const paper = town.papers.find((p) => p.attachments.some((a) => a.pages >= 3))!
const pdf = await renderDemoPdf({ ...demoAttachmentPdfInput(town, paper, paper.attachments.find((a) => a.pages >= 3)!), pages: PAGES })

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-readerbench-'))
await build({
  configFile: false,
  logLevel: 'warn',
  root: path.join(ROOT, 'bench/support'),
  base: './',
  build: { outDir, emptyOutDir: true, target: 'esnext', rollupOptions: { input: path.join(ROOT, 'bench/support/reader-page.html') } },
})
fs.writeFileSync(path.join(outDir, 'paper.pdf'), pdf)

const server = await serveDirectory(outDir, PORT, 'reader-page.html')

const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 })
  await page.addInitScript(LONG_TASK_OBSERVER)
  await page.goto(`http://127.0.0.1:${PORT}/reader-page.html`)
  await page.waitForFunction(() => 'runReaderBench' in window)
  const r = await page.evaluate(
    (o) =>
      (
        window as unknown as {
          runReaderBench: (o: unknown) => Promise<{
            pages: number
            bytes: number
            zoom: number
            viewerRuns: number[]
            plainRuns: number[]
            thumbs: { wallMs: number; renderMs: number; rendered: number }
          }>
        }
      ).runReaderBench(o),
    { pdfUrl: './paper.pdf', runs: RUNS },
  )
  // Copy: the real clipboard after Ctrl+C, once through the viewer and once the browser's own copy.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${PORT}` })
  type CopyWindow = { copyPage: (n: number, k: number) => Promise<number>; selectCopy: (k: number) => string; browserCopy: (on: boolean) => void }
  const copy = { selections: 0, app: 0, native: 0, example: undefined as { shown: string; browser: string } | undefined }
  const clipboard = async (native: boolean): Promise<string> => {
    await page.evaluate((on) => (window as unknown as CopyWindow).browserCopy(on), native)
    await page.evaluate(() => navigator.clipboard.writeText(''))
    await page.keyboard.press('Control+C')
    return page.evaluate(() => navigator.clipboard.readText())
  }
  for (let n = 1; n <= r.pages; n++) {
    const count = await page.evaluate(([p, k]) => (window as unknown as CopyWindow).copyPage(p, k), [n, SELECTIONS_PER_PAGE])
    for (let k = 0; k < count; k++) {
      const shown = await page.evaluate((i) => (window as unknown as CopyWindow).selectCopy(i), k)
      const app = await clipboard(false)
      const native = await clipboard(true)
      copy.selections++
      if (app === shown) copy.app++
      if (native === shown) copy.native++
      else if (!copy.example && shown.includes('\n')) copy.example = { shown: shown.slice(0, 100), browser: native.slice(0, 100) }
    }
  }
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
  const viewer = percentile(r.viewerRuns, 50)
  const plain = percentile(r.plainRuns, 50)
  const pct = (n: number) => `${((100 * n) / copy.selections).toFixed(1)} %`
  console.log(`reader, ${r.pages}-page demo paper (${(r.bytes / 1024).toFixed(0)} KiB), Chromium headless, page width ${Math.round(r.zoom * 100)} %, median of ${RUNS}`)
  console.log(`baseline: plain pdf.js, page 1 with text layer   p50 ${plain.toFixed(0)} ms`)
  console.log(`viewer: first page (canvas + text layer)         p50 ${viewer.toFixed(0)} ms, max ${Math.max(...r.viewerRuns).toFixed(0)} ms  (${(viewer / plain).toFixed(2)}× plain pdf.js)`)
  console.log(
    `thumbnails: ${r.thumbs.rendered} rendered in ${r.thumbs.wallMs.toFixed(0)} ms while scrolling, ${(r.thumbs.renderMs / Math.max(1, r.thumbs.rendered)).toFixed(1)} ms each (${(r.thumbs.renderMs / Math.max(1, r.thumbs.rendered) / viewer).toFixed(2)}× a first page)`,
  )
  console.log(`copy (Ctrl+C, clipboard), ${copy.selections} selections across line ends: viewer exact ${pct(copy.app)}, browser's own copy exact ${pct(copy.native)}`)
  if (copy.example) console.log(`  e.g. shown   ${JSON.stringify(copy.example.shown)}\n       browser ${JSON.stringify(copy.example.browser)}`)
  console.log(`long tasks over the whole run: ${longTasks.length}, longest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms`)
} finally {
  await browser.close()
  server.close()
  fs.rmSync(outDir, { recursive: true, force: true })
}
