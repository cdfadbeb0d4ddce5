/**
 * Demo PDF rendering speed: a 3-page paper of the demo town, against a baseline of pdf-lib saving
 * three blank pages in the same run.
 *
 *   npx tsx bench/demo-pdf.ts [runs=50]
 */
import { PDFDocument } from 'pdf-lib'
import { demoAttachmentPdfInput, renderDemoPdf } from '../sync-server/src/demo/demo-pdf.ts'
import { generateDemoTown } from '../sync-server/src/demo/demo-town.ts'

const RUNS = Number(process.argv[2] ?? 50)
const town = generateDemoTown({ anchorDate: '2026-11-01' })
const paper = town.papers.find((p) => p.attachments.some((a) => a.pages === 3))!
const job = demoAttachmentPdfInput(town, paper, paper.attachments.find((a) => a.pages === 3)!)

async function blank(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < 3; i++) doc.addPage()
  return doc.save()
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await fn()
  const started = performance.now()
  for (let i = 0; i < RUNS; i++) await fn()
  return (performance.now() - started) / RUNS
}

const base = await time(blank)
const demo = await time(() => renderDemoPdf(job))
console.log(`pdf-lib, 3 blank pages        ${base.toFixed(2)} ms`)
console.log(`demo paper, 3 pages of text   ${demo.toFixed(2)} ms  (${(demo / base).toFixed(1)}× blank)`)
