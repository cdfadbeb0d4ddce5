/**
 * Renders the demo town's documents (Vorlagen, Anlagen, Einladungen) as small, plausible A4 PDFs.
 *
 * Output is byte-for-byte deterministic for identical input: the blob store dedupes by SHA-256,
 * and reseeding must not create new blobs. Only the PDF standard fonts are used, so no font file
 * is embedded and rendering stays in the low milliseconds.
 */
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import {
  A4,
  flowBlocks,
  fontMetrics,
  HEADING_SIZE,
  BODY_SIZE,
  LEADING,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  MAX_SUBTITLE_LINES,
  MAX_TITLE_LINES,
  pagesNeeded,
  SUBTITLE_SIZE,
  TEXT_WIDTH,
  TITLE_SIZE,
  TITLE_TOP,
  sanitizeWinAnsi,
  toBlocks,
  widthOf,
  wrap,
  type FontMetrics,
} from './demo-layout.ts'
import { TOWN_ADDRESS, type DemoAttachment, type DemoMeeting, type DemoPaper, type DemoTown } from './demo-town.ts'

export interface DemoPdfInput {
  town: DemoTown['body']
  title: string
  subtitle?: string
  /** e.g. "BV 160 (VIII/2024-2029)" */
  reference?: string
  /** ISO date; also fixes the PDF's creation and modification date */
  date?: string
  /**
   * Body text. A short paragraph without colon, comma or closing punctuation (e.g. "Sachverhalt")
   * is set as a bold heading; "\n" inside a paragraph forces a line break (lists, amounts).
   */
  paragraphs: string[]
  /** Exact number of pages; text is truncated, or repeated while pages would stay empty. */
  pages: number
  /**
   * Leak tests (RATSTISCH_DEMO_MARKER, non-public documents only): also written into Subject and
   * Keywords; the visible text carries it through `paragraphs` (see markPaper).
   */
  marker?: string
}

const FOOTER_Y = 36
const GREY = rgb(0.35, 0.35, 0.35)
const ACCENT = rgb(0.12, 0.27, 0.45)
/** Used when the input has no date, so output stays deterministic. */
const FALLBACK_DATE = '2024-07-01'

function germanDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${d}.${m}.${y}`
}

/** Cuts wrapped lines to `max`, marking the cut with an ellipsis. */
function limitLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines
  const kept = lines.slice(0, max)
  kept[max - 1] = kept[max - 1].replace(/\s*\S*$/, '') + ' …'
  return kept
}

interface Fonts {
  regular: PDFFont
  bold: PDFFont
}

/** Renders a multi-page A4 document with letterhead, title block, flowing text and page numbers. */
export async function renderDemoPdf(input: DemoPdfInput): Promise<Uint8Array> {
  const pageCount = Math.max(1, Math.floor(input.pages))
  const metrics = fontMetrics()
  const clean = (s: string) => sanitizeWinAnsi(s, metrics.regular.charset)
  const title = clean(input.title)
  const subtitle = input.subtitle ? clean(input.subtitle) : undefined
  const reference = input.reference ? clean(input.reference) : undefined
  const dateIso = input.date && /^\d{4}-\d{2}-\d{2}/.test(input.date) ? input.date.slice(0, 10) : undefined
  const letterhead = clean(`${input.town.name} – Der Bürgermeister`)

  const doc = await PDFDocument.create({ updateMetadata: false })
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) }
  const fixedDate = new Date(`${dateIso ?? FALLBACK_DATE}T08:00:00Z`)
  doc.setTitle(title)
  doc.setAuthor(clean(input.town.name))
  doc.setSubject([reference, subtitle].filter(Boolean).join(' – ') || title)
  doc.setKeywords([clean(input.town.shortName), ...(reference ? [reference] : [])])
  if (input.marker) setMarkerMetadata(doc, input.marker)
  doc.setCreator('Ratstisch')
  doc.setProducer('Ratstisch (pdf-lib)')
  doc.setLanguage('de-DE')
  doc.setCreationDate(fixedDate)
  doc.setModificationDate(fixedDate)

  const pages: PDFPage[] = []
  for (let i = 0; i < pageCount; i++) pages.push(doc.addPage(A4))
  drawFirstPageHeader(pages[0], fonts, metrics, { letterhead, title, subtitle, reference, dateIso })
  const running = reference ?? (title.length > 60 ? title.slice(0, 57) + '...' : title)
  for (let i = 1; i < pageCount; i++) {
    const page = pages[i]
    page.drawText(letterhead, { x: MARGIN_LEFT, y: 805, size: 8.5, font: fonts.regular, color: GREY })
    page.drawText(running, { x: A4[0] - MARGIN_RIGHT - widthOf(metrics.regular, running, 8.5), y: 805, size: 8.5, font: fonts.regular, color: GREY })
    page.drawLine({ start: { x: MARGIN_LEFT, y: 798 }, end: { x: A4[0] - MARGIN_RIGHT, y: 798 }, thickness: 0.5, color: GREY })
  }

  const blocks = toBlocks(input.paragraphs)
  if (blocks.length === 0) blocks.push(...toBlocks([title + '.']))
  // One text object per run of evenly spaced lines (a paragraph on one page): far fewer operators
  // than one drawText per line, which is what keeps rendering in the single-digit milliseconds.
  const placed = flowBlocks(blocks, pageCount).lines
  for (let i = 0; i < placed.length; ) {
    const first = placed[i]
    let j = i + 1
    while (j < placed.length && placed[j].page === first.page && placed[j].heading === first.heading && Math.abs(placed[j - 1].y - placed[j].y - LEADING) < 0.01) j++
    pages[first.page].drawText(placed.slice(i, j).map((l) => l.text).join('\n'), {
      x: MARGIN_LEFT,
      y: first.y,
      lineHeight: LEADING,
      size: first.heading ? HEADING_SIZE : BODY_SIZE,
      font: first.heading ? fonts.bold : fonts.regular,
      color: first.heading ? ACCENT : undefined,
    })
    i = j
  }

  const footerLeft = clean(`${input.town.website.replace(/^https?:\/\//, '')} · ${input.town.contactEmail}`)
  pages.forEach((page, i) => {
    const label = `Seite ${i + 1} von ${pageCount}`
    page.drawLine({ start: { x: MARGIN_LEFT, y: FOOTER_Y + 14 }, end: { x: A4[0] - MARGIN_RIGHT, y: FOOTER_Y + 14 }, thickness: 0.5, color: GREY })
    page.drawText(footerLeft, { x: MARGIN_LEFT, y: FOOTER_Y, size: 8, font: fonts.regular, color: GREY })
    page.drawText(label, { x: A4[0] - MARGIN_RIGHT - widthOf(metrics.regular, label, 8), y: FOOTER_Y, size: 8, font: fonts.regular, color: GREY })
  })

  // objectsPerTick: the default yields to the event loop every 50 objects, which costs milliseconds.
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY })
}

/**
 * The leak-test marker in the document information: Subject (as a text string, what readers show)
 * and Keywords as a plain ASCII literal, so that a raw byte search of the file finds it too (the
 * page contents are compressed). Only useful in files written without object streams.
 */
function setMarkerMetadata(doc: PDFDocument, marker: string): void {
  const subject = doc.getSubject()
  doc.setSubject(subject ? `${subject} (${marker})` : marker)
  const keywords = doc.getKeywords()
  doc.setKeywords([]) // creates the Info dictionary entry; replaced by the literal below
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
  info.set(PDFName.of('Keywords'), PDFString.of(pdfLiteralText([keywords, marker].filter(Boolean).join(' '))))
}

/** Text for a PDF literal string: printable ASCII (umlauts folded), with \ ( ) escaped. */
function pdfLiteralText(text: string): string {
  return text
    .replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue').replaceAll('Ä', 'Ae').replaceAll('Ö', 'Oe').replaceAll('Ü', 'Ue').replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, (c) => (/[\u0300-\u036f]/.test(c) ? '' : ' '))
    .replace(/[\\()]/g, (c) => `\\${c}`)
}

/**
 * A PDF made by another renderer (the release's non-public agenda) with the leak-test marker in
 * Subject and Keywords, rewritten without object streams so the Keywords literal is plain in the
 * file. Everything else (pages, structure tree, file ID) is kept.
 */
export async function addMarkerToPdf(bytes: Uint8Array, marker: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  setMarkerMetadata(doc, marker)
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY })
}

function drawFirstPageHeader(
  page: PDFPage,
  fonts: Fonts,
  metrics: { regular: FontMetrics; bold: FontMetrics },
  h: { letterhead: string; title: string; subtitle?: string; reference?: string; dateIso?: string },
): void {
  const right = A4[0] - MARGIN_RIGHT
  page.drawRectangle({ x: MARGIN_LEFT, y: 790, width: 4, height: 28, color: ACCENT })
  page.drawText(h.letterhead, { x: MARGIN_LEFT + 12, y: 804, size: 14, font: fonts.bold, color: ACCENT })
  const address = `${TOWN_ADDRESS.streetAddress} · ${TOWN_ADDRESS.postalCode} ${TOWN_ADDRESS.locality}`
  page.drawText(address, { x: MARGIN_LEFT + 12, y: 791, size: 8.5, font: fonts.regular, color: GREY })
  page.drawLine({ start: { x: MARGIN_LEFT, y: 780 }, end: { x: right, y: 780 }, thickness: 0.8, color: ACCENT })

  // Reference block on the right, as on printed Vorlagen.
  let ry = 760
  const meta: Array<[string, string]> = []
  if (h.reference) meta.push(['Vorlage:', h.reference])
  if (h.dateIso) meta.push(['Datum:', germanDate(h.dateIso)])
  for (const [label, value] of meta) {
    const vw = widthOf(metrics.regular, value, 9.5)
    page.drawText(label, { x: right - vw - 52, y: ry, size: 9.5, font: fonts.bold })
    page.drawText(value, { x: right - vw, y: ry, size: 9.5, font: fonts.regular })
    ry -= 14
  }

  let y = TITLE_TOP
  for (const line of limitLines(wrap(metrics.bold, h.title, TITLE_SIZE, TEXT_WIDTH), MAX_TITLE_LINES)) {
    page.drawText(line, { x: MARGIN_LEFT, y, size: TITLE_SIZE, font: fonts.bold })
    y -= 19
  }
  if (h.subtitle) {
    for (const line of limitLines(wrap(metrics.regular, h.subtitle, SUBTITLE_SIZE, TEXT_WIDTH), MAX_SUBTITLE_LINES)) {
      page.drawText(line, { x: MARGIN_LEFT, y, size: SUBTITLE_SIZE, font: fonts.regular, color: GREY })
      y -= 15
    }
  }
  page.drawLine({ start: { x: MARGIN_LEFT, y: y + 6 }, end: { x: right, y: y + 6 }, thickness: 0.5, color: GREY })
}

/** Input for rendering one attachment of a paper; the paper's reference and date go on the letterhead. */
export function demoAttachmentPdfInput(town: DemoTown, paper: DemoPaper, attachment: DemoAttachment): DemoPdfInput {
  return {
    town: town.body,
    title: attachment.title,
    subtitle: attachment.title === paper.name ? paper.paperType : paper.name,
    reference: paper.reference,
    date: paper.date,
    paragraphs: attachment.paragraphs,
    pages: attachment.pages,
  }
}

/**
 * Input for a one-page invitation (Einladung) listing only the public agenda: the invitation is
 * attached to the public meeting document, whose audience is everyone.
 */
export function demoInvitationPdfInput(town: DemoTown, meeting: DemoMeeting): DemoPdfInput {
  const org = town.organizations.find((o) => o.id === meeting.organizationId)
  const papers = new Map(town.papers.map((p) => [p.id, p]))
  const chairId = town.memberships.find((m) => m.organizationId === meeting.organizationId && m.role === 'Vorsitz' && !m.endDate)?.personId
  const chair = town.persons.find((p) => p.id === chairId)
  const start = meeting.start
  const address = [meeting.location.streetAddress, [meeting.location.postalCode, meeting.location.locality].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ')
  const agenda = meeting.items
    .filter((i) => i.public)
    .map((i) => {
      const paper = i.paperId ? papers.get(i.paperId) : undefined
      return `${i.number}  ${i.title}${paper ? ` (${paper.reference})` : ''}`
    })
    .join('\n')
  const hasConfidential = meeting.items.some((i) => !i.public)
  const paragraphs = [
    'Sehr geehrte Damen und Herren,',
    `hiermit lade ich Sie zur ${meeting.name} am ${germanDate(start)} um ${start.slice(11, 16)} Uhr ein.`,
    `Sitzungsort: ${meeting.location.description}${address ? `, ${address}` : ''}`,
    'Tagesordnung – öffentlicher Teil',
    agenda,
    hasConfidential
      ? 'Im Anschluss findet ein nichtöffentlicher Teil statt. Dessen Tagesordnung erhalten die Mitglieder gesondert über das Ratsinformationssystem.'
      : 'Ein nichtöffentlicher Teil ist nicht vorgesehen.',
    'Die Sitzungsunterlagen stehen im Ratsinformationssystem zur Verfügung. Einwohnerinnen und Einwohner sind zum öffentlichen Teil herzlich eingeladen.',
    `Mit freundlichen Grüßen\n\n${chair ? `${chair.name}\n${chair.formOfAddress === 'Frau' ? 'Vorsitzende' : 'Vorsitzender'}` : 'Der Vorsitzende'}`,
  ]
  return {
    town: town.body,
    title: `Einladung zur ${meeting.name}`,
    subtitle: org?.name,
    date: shiftIsoDate(start.slice(0, 10), -8),
    pages: pagesNeeded(paragraphs),
    paragraphs,
  }
}

function shiftIsoDate(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
