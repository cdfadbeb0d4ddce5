/**
 * Paper PDF rendering speed (@ratstisch/paper-pdf): a ~20-page Beschlussvorlage with tables and
 * lists, rendered in Node (the relay) and in Chromium (the app, built with Vite), against
 * baselines measured in the same run and the same engine: pdf-lib saving as many blank pages,
 * and the same renderer on a one-page paper.
 *
 *   npm run bench:paper-pdf -- [runs=30]
 */
import { PDFDocument } from 'pdf-lib'
import { loadPdfFonts } from '../packages/paper-pdf/src/fonts-node.ts'
import { renderPaperPdf } from '../packages/paper-pdf/src/render-paper-pdf.ts'
import { samplePaperInput } from '../packages/paper-pdf/src/sample-paper.ts'
import { chromiumPath, startBrowserRenderer } from '../packages/paper-pdf/src/testing/browser-renderer.ts'
import { blankPdf, timed } from './support/measure.ts'
import { percentile } from './support/processes.ts'

const RUNS = Number(process.argv[2] ?? 30)
const WARMUP = 5
const long = samplePaperInput(20)
const short = samplePaperInput(1)
const fonts = await loadPdfFonts()
const pages = (await PDFDocument.load(await renderPaperPdf(long, fonts), { updateMetadata: false })).getPageCount()
const time = (fn: () => Promise<unknown>) => timed(fn, RUNS, WARMUP)


const row = (label: string, times: number[], base?: number[]) => {
  const median = percentile(times, 50)
  const ratio = base ? `  (${(median / percentile(base, 50)).toFixed(1)}× baseline)` : ''
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms${ratio}`)
}

console.log(`paper PDF, ${pages} pages (${long.sections.length} sections), ${RUNS} runs after ${WARMUP} warm-up runs\n`)
console.log('Node')
const nodeBlank = await time(() => blankPdf(pages))
const nodeShort = await time(() => renderPaperPdf(short, fonts))
const nodeLong = await time(() => renderPaperPdf(long, fonts))
row(`  pdf-lib, ${pages} blank pages (baseline)`, nodeBlank)
row('  paper, 1–2 pages', nodeShort, nodeBlank)
row(`  paper, ${pages} pages`, nodeLong, nodeBlank)
console.log(`  ${pages}-page paper / short paper: ${(percentile(nodeLong, 50) / percentile(nodeShort, 50)).toFixed(1)}×`)

if (!chromiumPath()) {
  console.log('\nChromium: skipped (no /usr/bin/chromium; set CHROMIUM_PATH)')
} else {
  const browser = await startBrowserRenderer()
  try {
    console.log('\nChromium (Vite build, fonts fetched as assets)')
    const chromeBlank = await browser.timeBlankPages(pages, RUNS, WARMUP)
    const chromeShort = await browser.time(short, RUNS, WARMUP)
    const chromeLong = await browser.time(long, RUNS, WARMUP)
    row(`  pdf-lib, ${pages} blank pages (baseline)`, chromeBlank)
    row('  paper, 1–2 pages', chromeShort, chromeBlank)
    row(`  paper, ${pages} pages`, chromeLong, chromeBlank)
    console.log(`  Chromium / Node, ${pages}-page paper: ${(percentile(chromeLong, 50) / percentile(nodeLong, 50)).toFixed(2)}×`)
  } finally {
    await browser.close()
  }
}
