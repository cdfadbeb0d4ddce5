/**
 * Meeting PDF rendering speed (@ratstisch/paper-pdf, meeting-pdf.ts) in Node (the relay renders
 * these on release and on demand): the minutes of a 100-item meeting (one § 58 section per item
 * with wording, vote table, recusal and statement) and the agenda of a 150-item part, each against
 * baselines measured in the same run: pdf-lib saving as many blank pages, and the paper renderer
 * on a 1–2 page paper (fixed costs: font subsetting, structure tree, compression).
 *
 *   npm run bench:meeting-pdf -- [runs=20]
 */
import { PDFDocument } from 'pdf-lib'
import { loadPdfFonts } from '../packages/paper-pdf/src/fonts-node.ts'
import { renderPaperPdf } from '../packages/paper-pdf/src/render-paper-pdf.ts'
import { samplePaperInput } from '../packages/paper-pdf/src/sample-paper.ts'
import { renderAgendaPdf, renderInvitationPdf, renderMinutesPdf } from '../packages/paper-pdf/src/meeting-pdf.ts'
import { sampleAgendaItems, sampleMeeting, sampleMinutes } from '../packages/paper-pdf/src/sample-meeting.ts'
import { blankPdf, timed } from './support/measure.ts'
import { percentile } from './support/processes.ts'

const RUNS = Number(process.argv[2] ?? 20)
const WARMUP = 3
const fonts = await loadPdfFonts()
const ctx = { townName: 'Stadt Musterstadt', organizationName: 'Bau- und Vergabeausschuss', date: '2026-02-26' }

const minutesMeeting = sampleMeeting(sampleAgendaItems(100))
const minutes = sampleMinutes(minutesMeeting)
const agendaItems = sampleAgendaItems(150)
const agendaMeeting = sampleMeeting(agendaItems)

const renderMinutes = () => renderMinutesPdf(minutes, minutesMeeting, ctx, fonts)
const renderAgenda = () => renderAgendaPdf(agendaMeeting, agendaItems, 'public', { ...ctx, version: 1 }, fonts)
const renderLetter = () => renderInvitationPdf(agendaMeeting, { ...ctx, kind: 'invitation', version: 1, changes: [], chairName: 'Dr. Jürgen Weiß' }, fonts)

const time = (fn: () => Promise<unknown>) => timed(fn, RUNS, WARMUP)
const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount()
const minutesPages = await pageCount(await renderMinutes())
const agendaPages = await pageCount(await renderAgenda())


const row = (label: string, times: number[], base?: number[]) => {
  const median = percentile(times, 50)
  const ratio = base ? `  (${(median / percentile(base, 50)).toFixed(1)}× baseline)` : ''
  console.log(`${label.padEnd(48)} median ${median.toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms${ratio}`)
}

console.log(`meeting PDFs in Node, ${RUNS} runs after ${WARMUP} warm-up runs\n`)
const minutesBlank = await time(() => blankPdf(minutesPages))
const minutesTimes = await time(renderMinutes)
row(`  pdf-lib, ${minutesPages} blank pages (baseline)`, minutesBlank)
row(`  minutes, 100 items (${minutes.sections.length} sections, ${minutesPages} pages)`, minutesTimes, minutesBlank)
const agendaBlank = await time(() => blankPdf(agendaPages))
const agendaTimes = await time(renderAgenda)
row(`  pdf-lib, ${agendaPages} blank pages (baseline)`, agendaBlank)
row(`  agenda, 150 items (${agendaPages} pages)`, agendaTimes, agendaBlank)
const shortPaper = samplePaperInput(1)
const paperTimes = await time(() => renderPaperPdf(shortPaper, fonts))
row('  paper PDF, 1–2 pages (reference)', paperTimes)
row(`  agenda, 150 items / short paper`, agendaTimes, paperTimes)
const letterBlank = await time(() => blankPdf(1))
const letterTimes = await time(renderLetter)
row('  pdf-lib, 1 blank page (baseline)', letterBlank)
row('  invitation letter (1 page)', letterTimes, letterBlank)
row('  invitation letter / short paper', letterTimes, paperTimes)
