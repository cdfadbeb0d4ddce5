/**
 * Shared layout machinery of the tagged PDFs (paper, invitation, agenda, minutes): A4 page flow,
 * tagged text with links, headings, paragraphs, label/value facts, lists and tables from the
 * rich-text Markdown subset, and the final assembly of a tagged, deterministic PDF file
 * (fonts, structure tree, metadata, file ID).
 *
 * - Tagged: every piece of text is marked content of a structure element (struct-tree.ts);
 *   running headers, page numbers, rules and repeated table headers are artifacts.
 * - Fonts: DejaVu Sans subsets with ToUnicode maps (font-subset.ts).
 * - Deterministic: no clock, no randomness. Dates come from the caller, the file ID from a hash of
 *   the input, compression from pdf-lib's bundled pako in Node and in the browser alike.
 */
import { sha256 } from '@noble/hashes/sha2'
import { PDFDocument, PDFHexString, PDFName, PDFStreamWriter, type PDFRef } from 'pdf-lib'
import type { RichTextAlign, RichTextBlock, RichTextInline, RichTextList, RichTextTable } from '@ratstisch/domain'
import { FontSubset } from './font-subset.ts'
import { FONT_STYLES, type FontStyle, type PdfFonts } from './pdf-fonts.ts'
import { StructTree, type StructElement, type StructType } from './struct-tree.ts'
import { breakLines, cleanText, measureRuns, type MeasureText, type TextLine, type TextRun } from './text-layout.ts'

export const PAGE_WIDTH = 595.28
export const PAGE_HEIGHT = 841.89
export const LEFT = 70.87 // 25 mm
export const RIGHT = 56.69 // 20 mm
export const TOP = PAGE_HEIGHT - 56.69
export const BOTTOM = 70
export const WIDTH = PAGE_WIDTH - LEFT - RIGHT
export const FOOTER_BASELINE = 40
export const HEADER_BASELINE = PAGE_HEIGHT - 36

export const BODY_SIZE = 10.5
export const TABLE_SIZE = 9.5
export const SMALL_SIZE = 8
export const LEADING = 1.4
export const CELL_PAD_X = 4
export const CELL_PAD_Y = 3
export const LIST_GAP = 6

/** DejaVu Sans: ascent 0.928 em, descent 0.236 em; text sits centred in its line box. */
export const ASCENT = 0.928
export const DESCENT = 0.236

export const INK = '0.1 0.1 0.1'
export const ACCENT = '0.11 0.27 0.45'
export const MUTED = '0.3 0.3 0.3'
export const RULE = '0.55 0.55 0.55'
export const HEADER_FILL = '0.9 0.93 0.96'

export const PRODUCER = 'Ratstisch (pdf-lib)'
/** When a paper has no valid date, output must still not depend on the clock. */
export const FALLBACK_DATE = '2000-01-01'

/** Points with at most two decimals: short content streams, identical on every engine. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100
  return rounded === 0 ? '0' : String(rounded)
}

export type ArtifactKind = 'header' | 'footer' | 'table-header'

/** One page's content stream, written as text while the layout runs. */
export class PageCanvas {
  readonly ops: string[] = []
  private tag: StructElement | ArtifactKind | undefined
  private font: FontSubset | undefined
  private size = 0
  private color = ''
  /** link underlines, drawn after the text object they belong to ends */
  private underlines: string[] = []

  constructor(
    readonly index: number,
    private readonly tree: StructTree,
  ) {}

  beginText(): void {
    this.ops.push('BT')
    this.font = undefined
  }

  endText(): void {
    this.closeTag()
    this.ops.push('ET')
    if (this.underlines.length > 0) {
      this.graphics(`${ACCENT} RG 0.5 w ${this.underlines.join(' ')}`)
      this.underlines = []
    }
  }

  setTag(tag: StructElement | ArtifactKind): void {
    if (tag === this.tag) return
    this.closeTag()
    if (typeof tag === 'string') {
      const subtype = tag === 'header' ? ' /Subtype /Header' : tag === 'footer' ? ' /Subtype /Footer' : ''
      this.ops.push(`/Artifact <</Type /Pagination${subtype}>> BDC`)
    } else {
      this.ops.push(`/${tag.type} <</MCID ${this.tree.mark(tag, this.index)}>> BDC`)
    }
    this.tag = tag
  }

  private closeTag(): void {
    if (this.tag !== undefined) this.ops.push('EMC')
    this.tag = undefined
  }

  /** Shows text; a position starts a new line of text, without one the text follows on. */
  show(font: FontSubset, size: number, color: string, text: string, at?: { x: number; y: number }): void {
    if (font !== this.font || size !== this.size) {
      this.ops.push(`/${font.resourceName} ${num(size)} Tf`)
      this.font = font
      this.size = size
    }
    if (color !== this.color) {
      this.ops.push(`${color} rg`)
      this.color = color
    }
    if (at) this.ops.push(`1 0 0 1 ${num(at.x)} ${num(at.y)} Tm`)
    this.ops.push(`(${font.encode(text)}) Tj`)
  }

  underline(x1: number, x2: number, y: number): void {
    this.underlines.push(`${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`)
  }

  /** Lines and fills: decoration only, so an artifact outside any text object. */
  graphics(ops: string): void {
    this.ops.push(`/Artifact BMC q ${ops} Q EMC`)
  }
}

export interface LinkTarget {
  uri: string
  text: string
}

export interface CellLayout {
  lines: TextLine[]
  align: RichTextAlign | undefined
  header: boolean
}
/** Lays out tagged content page by page; subclasses add the document parts and page furniture. */
export class LayoutWriter {
  readonly tree = new StructTree()
  readonly pages: PageCanvas[] = []
  protected page!: PageCanvas
  protected y = TOP
  protected readonly links: LinkTarget[] = []
  protected readonly linkElements = new Map<number, StructElement>()

  constructor(protected readonly fonts: Record<FontStyle, FontSubset>) {}

  // -- page flow ------------------------------------------------------------------------------

  protected newPage(): void {
    this.page = new PageCanvas(this.pages.length, this.tree)
    this.pages.push(this.page)
    this.y = TOP
  }

  protected get atPageTop(): boolean {
    return this.y >= TOP
  }

  /** Starts a new page unless `height` still fits on this one. */
  protected ensure(height: number): void {
    if (this.y - height < BOTTOM && !this.atPageTop) this.newPage()
  }

  protected space(points: number): void {
    if (!this.atPageTop) this.y -= points
  }

  protected readonly measures = new Map<number, MeasureText>()

  protected measure(size: number): MeasureText {
    let measure = this.measures.get(size)
    if (!measure) {
      measure = (text, style) => this.fonts[style].widthOf(text, size)
      this.measures.set(size, measure)
    }
    return measure
  }

  // -- text -----------------------------------------------------------------------------------

  /** Runs from rich-text inlines; consecutive inlines with one href form one link. */
  protected runsOf(inlines: readonly RichTextInline[], bold = false): TextRun[] {
    const runs: TextRun[] = []
    let lastHref: string | undefined
    let link: number | undefined
    for (const inline of inlines) {
      const text = cleanText(inline.text)
      if (!text) continue
      if (inline.href) {
        if (inline.href !== lastHref || link === undefined) {
          link = this.links.length
          this.links.push({ uri: inline.href, text: '' })
        }
        this.links[link].text += text
      } else link = undefined
      lastHref = inline.href
      const isBold = bold || inline.bold === true
      const style: FontStyle = isBold && inline.italic ? 'boldItalic' : isBold ? 'bold' : inline.italic ? 'italic' : 'regular'
      runs.push({ text, style, ...(link !== undefined ? { link } : {}) })
    }
    return runs
  }

  protected plainRuns(text: string, style: FontStyle = 'regular'): TextRun[] {
    const clean = cleanText(text)
    return clean ? [{ text: clean, style }] : []
  }

  protected linkElement(link: number, owner: StructElement): StructElement {
    let element = this.linkElements.get(link)
    if (!element) {
      element = owner.add('Link')
      this.linkElements.set(link, element)
    }
    return element
  }

  /** Draws one line at a baseline; links get their annotation and underline. */
  protected drawLine(line: TextLine, x: number, baseline: number, size: number, color: string, owner: StructElement | ArtifactKind): void {
    let first = true
    for (const piece of line.pieces) {
      const isLink = piece.link !== undefined && typeof owner !== 'string'
      const tag = isLink ? this.linkElement(piece.link!, owner as StructElement) : owner
      this.page.setTag(tag)
      this.page.show(this.fonts[piece.style], size, isLink ? ACCENT : color, piece.text, first ? { x: x + piece.x, y: baseline } : undefined)
      first = false
      if (isLink && piece.text.trim()) {
        const x1 = x + piece.x
        const x2 = x1 + piece.width
        this.page.underline(x1, x2, baseline - size * 0.12)
        const target = this.links[piece.link!]
        this.tree.link({ page: this.page.index, element: tag as StructElement, rect: [x1, baseline - DESCENT * size, x2, baseline + ASCENT * size], uri: target.uri, contents: target.text })
      }
    }
  }

  protected baselineIn(top: number, size: number, lineHeight: number): number {
    return top - (lineHeight - (ASCENT + DESCENT) * size) / 2 - ASCENT * size
  }

  /** Flows lines down the page, breaking pages between lines. */
  protected flowLines(lines: readonly TextLine[], options: { x: number; size: number; color: string; element: StructElement; keepLines?: number }): void {
    const lineHeight = options.size * LEADING
    this.ensure(Math.min(lines.length, options.keepLines ?? 2) * lineHeight)
    let open = false
    for (const line of lines) {
      if (this.y - lineHeight < BOTTOM && !this.atPageTop) {
        if (open) this.page.endText()
        open = false
        this.newPage()
      }
      if (!open) {
        this.page.beginText()
        open = true
      }
      this.drawLine(line, options.x, this.baselineIn(this.y, options.size, lineHeight), options.size, options.color, options.element)
      this.y -= lineHeight
    }
    if (open) this.page.endText()
  }

  protected paragraph(parent: StructElement, runs: TextRun[], options: { type?: StructType; size?: number; color?: string; x?: number; width?: number } = {}): void {
    const size = options.size ?? BODY_SIZE
    const x = options.x ?? LEFT
    const lines = breakLines(runs, options.width ?? WIDTH - (x - LEFT), this.measure(size))
    if (lines.length === 0) return
    this.flowLines(lines, { x, size, color: options.color ?? INK, element: parent.add(options.type ?? 'P') })
  }

  protected heading(parent: StructElement, type: StructType, runs: TextRun[], size: number, spaceBefore: number): void {
    const lines = breakLines(runs, WIDTH, this.measure(size))
    if (lines.length === 0) return
    this.space(spaceBefore)
    // Keep a heading with at least two lines of what follows it.
    this.ensure(lines.length * size * LEADING + 2 * BODY_SIZE * LEADING + 6)
    this.flowLines(lines, { x: LEFT, size, color: ACCENT, element: parent.add(type), keepLines: lines.length })
    this.y -= 3
  }

  /** One line of the letterhead block: label column and value, read as one paragraph. */
  protected fact(parent: StructElement, label: string, value: string, labelWidth = 90): void {
    const element = parent.add('P')
    const lineHeight = BODY_SIZE * LEADING
    const valueLines = breakLines(this.plainRuns(value), WIDTH - labelWidth, this.measure(BODY_SIZE))
    this.ensure(lineHeight)
    this.page.beginText()
    const labelLines = breakLines(this.plainRuns(`${label}:`, 'bold'), labelWidth, this.measure(BODY_SIZE))
    this.drawLine(labelLines[0], LEFT, this.baselineIn(this.y, BODY_SIZE, lineHeight), BODY_SIZE, MUTED, element)
    this.page.endText()
    this.flowLines(valueLines, { x: LEFT + labelWidth, size: BODY_SIZE, color: INK, element, keepLines: 1 })
  }

  protected block(parent: StructElement, block: RichTextBlock): void {
    switch (block.type) {
      case 'heading': {
        const type: StructType = block.level === 1 ? 'H3' : block.level === 2 ? 'H4' : 'H5'
        const size = block.level === 1 ? 12 : block.level === 2 ? 11 : BODY_SIZE
        this.heading(parent, type, this.runsOf(block.inlines, true), size, 8)
        break
      }
      case 'paragraph':
        this.paragraph(parent, this.runsOf(block.inlines))
        this.y -= 6
        break
      case 'list':
        this.richList(parent, block, LEFT)
        this.y -= 6
        break
      case 'table':
        this.richTable(parent, block)
        this.y -= 8
        break
      default:
        break
    }
  }

  // -- lists ----------------------------------------------------------------------------------

  protected richList(parent: StructElement, list: RichTextList, x: number): void {
    this.list(
      parent,
      list.ordered,
      list.start,
      list.items.map((item) => this.runsOf(item.inlines)),
      x,
      list.items.map((item) => item.sublist),
    )
  }

  protected list(parent: StructElement, ordered: boolean, start: number, items: TextRun[][], x: number, sublists: (RichTextList | undefined)[] = []): void {
    this.labelledList(
      parent,
      ordered ? 'Decimal' : x > LEFT ? 'Circle' : 'Disc',
      items.map((_, n) => (ordered ? `${start + n}.` : x > LEFT ? '–' : '•')),
      items,
      x,
      sublists.map((sub) => (sub ? (body: StructElement, subX: number) => this.richList(body, sub, subX) : undefined)),
    )
  }

  /**
   * A list with the given labels (right-aligned in their column): "1.", "•", or agenda numbers
   * such as "Ö 1.1". `children[n]` lays out nested content inside item n's body, indented.
   */
  protected labelledList(
    parent: StructElement,
    numbering: string,
    labels: readonly string[],
    items: TextRun[][],
    x: number,
    children: readonly (((body: StructElement, x: number) => void) | undefined)[] = [],
    labelStyle: FontStyle = 'regular',
  ): void {
    const L = parent.add('L', { O: 'List', ListNumbering: numbering })
    const measure = this.measure(BODY_SIZE)
    const labelWidth = Math.max(10, ...labels.map((l) => measure(l, labelStyle))) + LIST_GAP
    const lineHeight = BODY_SIZE * LEADING
    items.forEach((runs, n) => {
      const LI = L.add('LI')
      const lbl = LI.add('Lbl')
      const body = LI.add('LBody')
      const lines = breakLines(runs, WIDTH - (x - LEFT) - labelWidth, measure)
      this.ensure(Math.min(2, Math.max(1, lines.length)) * lineHeight)
      this.page.beginText()
      const labelLine = breakLines([{ text: labels[n], style: labelStyle }], labelWidth, measure)[0]
      this.drawLine(labelLine, x + labelWidth - LIST_GAP - labelLine.width, this.baselineIn(this.y, BODY_SIZE, lineHeight), BODY_SIZE, INK, lbl)
      this.page.endText()
      if (lines.length > 0) this.flowLines(lines, { x: x + labelWidth, size: BODY_SIZE, color: INK, element: body, keepLines: 1 })
      else this.y -= lineHeight
      children[n]?.(body, x + labelWidth)
      this.y -= 2
    })
  }

  // -- tables ---------------------------------------------------------------------------------

  protected richTable(parent: StructElement, table: RichTextTable): void {
    this.table(
      parent,
      table.header.map((cell) => this.runsOf(cell, true)),
      table.rows.map((row) => row.map((cell) => this.runsOf(cell))),
      table.align,
      false,
    )
  }

  /** Column widths from the cells' narrowest and widest possible layouts (auto table layout). */
  protected columnWidths(rows: TextRun[][][], fullWidth: boolean): number[] {
    const columns = rows[0].length
    const measure = this.measure(TABLE_SIZE)
    const min = new Array<number>(columns).fill(0)
    const max = new Array<number>(columns).fill(0)
    for (const row of rows)
      row.forEach((cell, c) => {
        const m = measureRuns(cell, measure)
        min[c] = Math.max(min[c], m.min + 2 * CELL_PAD_X)
        max[c] = Math.max(max[c], m.max + 2 * CELL_PAD_X)
      })
    const floor = Math.min(36, WIDTH / columns)
    for (let c = 0; c < columns; c++) {
      min[c] = Math.min(Math.max(min[c], floor), WIDTH / 2)
      max[c] = Math.max(max[c], min[c])
    }
    const sumMin = min.reduce((a, b) => a + b, 0)
    const sumMax = max.reduce((a, b) => a + b, 0)
    if (sumMax <= WIDTH) return fullWidth ? max.map((w) => (w * WIDTH) / sumMax) : max
    if (sumMin >= WIDTH) return min.map((w) => (w * WIDTH) / sumMin)
    const share = (WIDTH - sumMin) / (sumMax - sumMin)
    return min.map((w, c) => w + (max[c] - w) * share)
  }

  protected table(parent: StructElement, header: TextRun[][], rows: TextRun[][][], align: (RichTextAlign | undefined)[], fullWidth: boolean): void {
    const columns = header.length
    if (columns === 0) return
    const widths = this.columnWidths([header, ...rows], fullWidth)
    const xs: number[] = []
    let x = LEFT
    for (const w of widths) {
      xs.push(x)
      x += w
    }
    const measure = this.measure(TABLE_SIZE)
    const layoutRow = (cells: TextRun[][], isHeader: boolean): CellLayout[] =>
      cells.map((runs, c) => ({ lines: breakLines(runs, widths[c] - 2 * CELL_PAD_X, measure), align: align[c], header: isHeader }))
    const lineHeight = TABLE_SIZE * LEADING
    const heightOf = (row: CellLayout[]) => Math.max(1, ...row.map((cell) => cell.lines.length)) * lineHeight + 2 * CELL_PAD_Y

    const table = parent.add('Table')
    const headerLayout = layoutRow(header, true)
    const headerHeight = heightOf(headerLayout)
    const bodyLayouts = rows.map((row) => layoutRow(row, false))

    // Header and first row stay together.
    this.ensure(headerHeight + (bodyLayouts[0] ? heightOf(bodyLayouts[0]) : 0))
    const headerRow = table.add('TR')
    const headerCells = headerLayout.map(() => headerRow.add('TH', { O: 'Table', Scope: 'Column' }))
    this.drawRow(headerLayout, headerCells, xs, widths, 0, Infinity)
    /** y just below the repeated header on a page the table continued on */
    let freshY = Infinity

    for (const layout of bodyLayouts) {
      const tr = table.add('TR')
      const cells = layout.map(() => tr.add('TD'))
      const total = Math.max(1, ...layout.map((cell) => cell.lines.length))
      let from = 0
      for (;;) {
        if (this.y - ((total - from) * lineHeight + 2 * CELL_PAD_Y) >= BOTTOM) {
          this.drawRow(layout, cells, xs, widths, from, total)
          break
        }
        // Rows move to the next page whole; only a row taller than a whole page is split.
        if (this.y >= freshY) {
          const fits = Math.max(1, Math.floor((this.y - BOTTOM - 2 * CELL_PAD_Y) / lineHeight))
          this.drawRow(layout, cells, xs, widths, from, from + fits)
          from += fits
          if (from >= total) break
        }
        this.newPage()
        this.drawRow(headerLayout, 'table-header', xs, widths, 0, Infinity)
        freshY = this.y
      }
    }
  }

  /** Draws lines [from, to) of each cell as one row band with its grid. */
  protected drawRow(row: CellLayout[], owners: StructElement[] | ArtifactKind, xs: number[], widths: number[], from: number, to: number): void {
    const lineHeight = TABLE_SIZE * LEADING
    const count = Math.max(1, ...row.map((cell) => Math.min(to, cell.lines.length) - from))
    const height = count * lineHeight + 2 * CELL_PAD_Y
    const top = this.y
    const bottom = top - height
    const left = xs[0]
    const right = xs[xs.length - 1] + widths[widths.length - 1]
    if (row[0]?.header) this.page.graphics(`${HEADER_FILL} rg ${num(left)} ${num(bottom)} ${num(right - left)} ${num(height)} re f`)
    this.page.beginText()
    row.forEach((cell, c) => {
      const owner = typeof owners === 'string' ? owners : owners[c]
      // An empty cell is still an element, so the table keeps its shape for a screen reader.
      for (let i = from; i < Math.min(to, cell.lines.length); i++) {
        const line = cell.lines[i]
        const inner = widths[c] - 2 * CELL_PAD_X
        const offset = cell.align === 'right' ? inner - line.width : cell.align === 'center' ? (inner - line.width) / 2 : 0
        const lineTop = top - CELL_PAD_Y - (i - from) * lineHeight
        this.drawLine(line, xs[c] + CELL_PAD_X + offset, this.baselineIn(lineTop, TABLE_SIZE, lineHeight), TABLE_SIZE, INK, owner)
      }
    })
    this.page.endText()
    let grid = `${RULE} RG 0.5 w ${num(left)} ${num(top)} ${num(right - left)} ${num(-height)} re S`
    for (let c = 1; c < xs.length; c++) grid += ` ${num(xs[c])} ${num(top)} m ${num(xs[c])} ${num(bottom)} l S`
    this.page.graphics(grid)
    this.y = bottom
  }

  // -- running header, footer -----------------------------------------------------------------

}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
}

/** XMP metadata (ISO 16684-1) with title, author, language and dates, as PDF/UA expects. */
export function xmpMetadata(title: string, author: string, subject: string, isoDate: string): string {
  const t = xmlEscape(title)
  return `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${t}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xmlEscape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>de-DE</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>${isoDate}</xmp:CreateDate>
<xmp:ModifyDate>${isoDate}</xmp:ModifyDate>
<xmp:CreatorTool>Ratstisch</xmp:CreatorTool>
<pdf:Producer>${PRODUCER}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`
}

/**
 * "2026-03-12" from the start of an ISO date, if it is a real calendar day. Checked by hand:
 * JavaScript engines disagree on what Date.parse makes of "2026-02-30".
 */
export function validIsoDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth ? m[0] : undefined
}

export function hexOf(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

export interface TaggedPdfMeta {
  title: string
  author: string
  subject: string
  /** ISO date used for the creation and modification dates (a fallback when not a calendar day) */
  date: string
  /** canonical text of the input: the file ID is a hash of it and the font subsets */
  idSource: string
}

/**
 * Lays out with `layout` and writes the tagged PDF. Same input and fonts, same bytes (in Node and
 * in the browser).
 */
export async function writeTaggedPdf(fonts: PdfFonts, layout: (subsets: Record<FontStyle, FontSubset>) => LayoutWriter, meta: TaggedPdfMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const context = doc.context
  const subsets = {} as Record<FontStyle, FontSubset>
  FONT_STYLES.forEach((style, i) => {
    subsets[style] = new FontSubset(fonts[style], `F${i + 1}`, context.nextRef())
  })

  const writer = layout(subsets)

  const used = FONT_STYLES.filter((style) => subsets[style].used)
  const fontDict = context.obj({})
  for (const style of used) fontDict.set(PDFName.of(subsets[style].resourceName), subsets[style].ref)
  const resources = context.register(context.obj({ Font: fontDict }))

  const pages: { ref: PDFRef; node: ReturnType<typeof doc.addPage>['node'] }[] = []
  for (const canvas of writer.pages) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
    page.node.set(PDFName.of('Contents'), context.register(context.flateStream(canvas.ops.join('\n'))))
    page.node.set(PDFName.of('Resources'), resources)
    pages.push({ ref: page.ref, node: page.node })
  }
  for (const style of used) await subsets[style].embed(context)

  const structTreeRoot = writer.tree.write(context, pages)
  const catalog = doc.catalog
  catalog.set(PDFName.of('StructTreeRoot'), structTreeRoot)
  catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }))

  const dateIso = validIsoDate(meta.date) ?? FALLBACK_DATE
  const date = new Date(`${dateIso}T00:00:00Z`)
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  doc.setAuthor(meta.author)
  doc.setSubject(meta.subject)
  doc.setCreator('Ratstisch')
  doc.setProducer(PRODUCER)
  doc.setLanguage('de-DE')
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  const xmp = new TextEncoder().encode(xmpMetadata(meta.title, meta.author, meta.subject, `${dateIso}T00:00:00Z`))
  catalog.set(PDFName.of('Metadata'), context.register(context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length })))

  // The file ID: a hash of what the file shows (the page contents are a function of the input
  // and the fonts, whose subsets are named after their glyphs), so a re-render keeps its ID.
  const digest = sha256(new TextEncoder().encode([PRODUCER, ...used.map((style) => subsets[style].baseFont), meta.idSource].join('\u0000')))
  const id = PDFHexString.of(hexOf(digest.subarray(0, 16)).toUpperCase())
  context.trailerInfo.ID = context.obj([id, id])

  // Written directly rather than with doc.save(): that would yield to setTimeout every 50 objects
  // (slow in browsers) and pack only 50 objects per object stream; the structure tree makes
  // thousands of small objects, and every stream costs pako a fresh 200 KB of state.
  return PDFStreamWriter.forContext(context, Infinity, true, 500).serializeToBuffer()
}
