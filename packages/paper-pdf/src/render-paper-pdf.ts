/**
 * Renders a paper (Vorlage) as an accessible, tagged A4 PDF: letterhead block, Beratungsfolge,
 * the sections' rich text, Anlagen, and "Seite n von m" on every page.
 *
 * - Tagged: every piece of text is marked content of a structure element (struct-tree.ts);
 *   running headers, page numbers, rules and repeated table headers are artifacts.
 * - Fonts: DejaVu Sans subsets with ToUnicode maps (font-subset.ts).
 * - Deterministic: no clock, no randomness. Dates come from the paper's date, the file ID from a
 *   hash of the input and the page contents, compression from pdf-lib's bundled pako in Node and
 *   in the browser alike, so the same input gives the same bytes on the relay and in the app.
 */
import { parseRichText } from '@ratstisch/domain'
import type { FontSubset } from './font-subset.ts'
import { germanDate, type PaperPdfInput } from './paper-pdf-input.ts'
import { LayoutWriter, ACCENT, BODY_SIZE, FOOTER_BASELINE, HEADER_BASELINE, LEFT, MUTED, RULE, SMALL_SIZE, WIDTH, num, writeTaggedPdf } from './pdf-layout.ts'
import type { FontStyle, PdfFonts } from './pdf-fonts.ts'
import { breakLines, type TextLine } from './text-layout.ts'

const DRAFT_REFERENCE = 'Entwurf – noch ohne Nummer'

class PaperPdfWriter extends LayoutWriter {
  constructor(
    private readonly input: PaperPdfInput,
    fonts: Record<FontStyle, FontSubset>,
  ) {
    super(fonts)
  }

  render(): void {
    const input = this.input
    const doc = this.tree.root
    this.newPage()

    this.paragraph(doc, this.plainRuns(input.townName, 'bold'), { size: 12, color: ACCENT })
    this.paragraph(doc, this.plainRuns(input.paperType || 'Vorlage'), { color: MUTED })
    this.y -= 4
    this.heading(doc, 'H1', this.plainRuns(input.title || 'Ohne Titel', 'bold'), 16, 0)
    this.page.graphics(`${RULE} RG 0.75 w ${num(LEFT)} ${num(this.y)} m ${num(LEFT + WIDTH)} ${num(this.y)} l S`)
    this.y -= 8
    const facts: [string, string][] = [
      ['Vorlage-Nr.', input.reference.trim() || DRAFT_REFERENCE],
      ['Datum', input.date ? germanDate(input.date) : '–'],
      ['Federführend', input.department || '–'],
      ['Status', input.stateLabel || '–'],
    ]
    for (const [label, value] of facts) this.fact(doc, label, value)

    this.heading(doc, 'H2', this.plainRuns('Beratungsfolge', 'bold'), 13, 14)
    if (input.consultations.length === 0) this.paragraph(doc, this.plainRuns('Keine Beratungsfolge festgelegt.', 'italic'))
    else
      this.table(
        doc,
        ['Gremium', 'Rolle', 'Sitzung', 'Ergebnis'].map((h) => this.plainRuns(h, 'bold')),
        input.consultations.map((c) => [this.plainRuns(c.organizationName), this.plainRuns(c.role), this.plainRuns(c.meeting || '–'), this.plainRuns(c.result || '–')]),
        [],
        true,
      )

    for (const section of input.sections) {
      this.heading(doc, 'H2', this.plainRuns(section.title || 'Abschnitt', 'bold'), 13, 14)
      const blocks = parseRichText(section.text)
      if (blocks.length === 0) this.paragraph(doc, this.plainRuns('Keine Angaben.', 'italic'))
      for (const block of blocks) this.block(doc, block)
    }

    this.heading(doc, 'H2', this.plainRuns('Anlagen', 'bold'), 13, 14)
    if (input.attachments.length === 0) this.paragraph(doc, this.plainRuns('Keine Anlagen.', 'italic'))
    else
      this.list(
        doc,
        true,
        1,
        input.attachments.map((a) => [
          ...this.plainRuns(a.title || 'Anlage', 'bold'),
          ...this.plainRuns(a.fileName ? ` – ${a.fileName} (Version ${a.version})` : ' – noch ohne Datei'),
        ]),
        LEFT,
      )

    this.pageFurniture()
  }

  private pageFurniture(): void {
    const input = this.input
    const total = this.pages.length
    const reference = input.reference.trim() || 'Entwurf'
    const small = this.measure(SMALL_SIZE)
    const lineOf = (text: string): TextLine => breakLines(this.plainRuns(text), Infinity, small)[0] ?? { pieces: [], width: 0 }
    const shortTitle = input.title.length > 70 ? `${input.title.slice(0, 69).trimEnd()}…` : input.title
    for (const page of this.pages) {
      this.page = page
      page.beginText()
      if (page.index > 0) {
        const left = lineOf(`${input.townName} · ${input.paperType}`)
        const right = lineOf(reference)
        this.drawLine(left, LEFT, HEADER_BASELINE, SMALL_SIZE, MUTED, 'header')
        this.drawLine(right, LEFT + WIDTH - right.width, HEADER_BASELINE, SMALL_SIZE, MUTED, 'header')
      }
      const footerLeft = lineOf(shortTitle)
      const footerRight = lineOf(`Seite ${page.index + 1} von ${total}`)
      if (footerLeft.width <= WIDTH - footerRight.width - 12) this.drawLine(footerLeft, LEFT, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      this.drawLine(footerRight, LEFT + WIDTH - footerRight.width, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      page.endText()
      page.graphics(`${RULE} RG 0.5 w ${num(LEFT)} ${num(FOOTER_BASELINE + 12)} m ${num(LEFT + WIDTH)} ${num(FOOTER_BASELINE + 12)} l S`)
    }
  }
}

/** The input's fields in a fixed order: equal content, equal hash, whatever the key order. */
function canonicalJson(input: PaperPdfInput): string {
  return JSON.stringify([
    input.townName,
    input.title,
    input.paperType,
    input.reference,
    input.date,
    input.department,
    input.stateLabel,
    input.consultations.map((c) => [c.organizationName, c.role, c.meeting, c.result]),
    input.sections.map((s) => [s.title, s.text]),
    input.attachments.map((a) => [a.title, a.fileName, a.version]),
  ])
}

/** Renders the paper. Same input and fonts, same bytes (in Node and in the browser). */
export async function renderPaperPdf(input: PaperPdfInput, fonts: PdfFonts): Promise<Uint8Array> {
  const reference = input.reference.trim()
  const title = reference ? `${reference} – ${input.title}` : input.title
  return writeTaggedPdf(
    fonts,
    (subsets) => {
      const writer = new PaperPdfWriter(input, subsets)
      writer.render()
      return writer
    },
    { title, author: input.townName, subject: input.paperType, date: input.date, idSource: canonicalJson(input) },
  )
}
