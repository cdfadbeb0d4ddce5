/**
 * Text layout shared by the PDF renderer and the generator: the generator uses it to give every
 * attachment exactly the number of pages its text fills, so rendered PDFs neither cut off nor repeat
 * text. Pure and synchronous: it only needs the metrics of the PDF standard fonts.
 */
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib'

export const A4: [number, number] = [595.28, 841.89]
export const MARGIN_LEFT = 70.87 // 25 mm, the usual left margin of German administrative letters
export const MARGIN_RIGHT = 56.69 // 20 mm
export const TEXT_WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
export const BODY_SIZE = 10.5
export const HEADING_SIZE = 11.5
export const TITLE_SIZE = 15
export const SUBTITLE_SIZE = 11
export const LEADING = 14.2
export const TITLE_TOP = 718
/** Title (up to 3 lines) and subtitle (up to 2) get a fixed block, so page counts don't depend on them. */
export const MAX_TITLE_LINES = 3
export const MAX_SUBTITLE_LINES = 2
export const FIRST_PAGE_TOP = 616
export const NEXT_PAGE_TOP = 770
export const BOTTOM = 70

export interface FontMetrics {
  fontName: StandardFonts
  /** code points the font's WinAnsi encoding can represent */
  charset: Set<number>
  /** advance width per character at size 1; cached because measuring dominates layout time */
  widths: Map<string, number>
  /** advance width per word at size 1; German text repeats words a lot */
  wordWidths: Map<string, number>
  embedder: StandardFontEmbedder
}

function metricsFor(fontName: StandardFonts): FontMetrics {
  // StandardFonts and @pdf-lib/standard-fonts' FontNames are the same strings under two enum types.
  const embedder = StandardFontEmbedder.for(fontName as unknown as Parameters<typeof StandardFontEmbedder.for>[0])
  return { fontName, embedder, charset: new Set(embedder.encoding.supportedCodePoints), widths: new Map(), wordWidths: new Map() }
}

let cached: { regular: FontMetrics; bold: FontMetrics } | undefined
export function fontMetrics(): { regular: FontMetrics; bold: FontMetrics } {
  cached ??= { regular: metricsFor(StandardFonts.Helvetica), bold: metricsFor(StandardFonts.HelveticaBold) }
  return cached
}

/** Characters outside WinAnsi that occur in German text, mapped to close equivalents. */
const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2015': '—',
  '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u2007': ' ',
  '\u200b': '', '\u00ad': '', '\ufeff': '',
  '\u2264': '<=', '\u2265': '>=', '\u2192': '->', '\u2190': '<-', '\u2248': '~', '\u2260': '!=',
  '\u201f': '"', '\u201b': "'", '\u2032': "'", '\u2033': '"', '\u2116': 'Nr.',
  '\u1e9e': 'SS', '\u2500': '-', '\u25cf': '•',
}

/** Makes text encodable with the standard fonts; pdf-lib throws on anything outside WinAnsi. */
const unsupportedPattern = new WeakMap<Set<number>, RegExp>()

export function sanitizeWinAnsi(text: string, charset: Set<number> = fontMetrics().regular.charset): string {
  // Fast path: almost all text is already encodable.
  let unsupported = unsupportedPattern.get(charset)
  if (!unsupported) {
    const allowed = [...charset].filter((cp) => cp >= 0x20).map((cp) => `\\u{${cp.toString(16)}}`).join('')
    unsupported = new RegExp(`[^\\n${allowed}]`, 'u')
    unsupportedPattern.set(charset, unsupported)
  }
  if (!unsupported.test(text)) return text
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 63
    if (ch === '\n' || charset.has(cp)) {
      out += ch
      continue
    }
    if (ch === '\t' || ch === '\r') {
      out += ' '
      continue
    }
    const mapped = REPLACEMENTS[ch]
    if (mapped !== undefined) {
      out += mapped
      continue
    }
    // Strip diacritics the encoding lacks (e.g. "ő" -> "o") before giving up.
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    out += base && [...base].every((c) => charset.has(c.codePointAt(0) ?? -1)) ? base : '?'
  }
  return out
}

export function widthOf(metrics: FontMetrics, text: string, size: number): number {
  let w = 0
  for (const ch of text) {
    let cw = metrics.widths.get(ch)
    if (cw === undefined) {
      cw = metrics.embedder.widthOfTextAtSize(ch, 1)
      metrics.widths.set(ch, cw)
    }
    w += cw
  }
  return w * size
}

function wordWidth(metrics: FontMetrics, word: string, size: number): number {
  let w = metrics.wordWidths.get(word)
  if (w === undefined) {
    w = widthOf(metrics, word, 1)
    // Bounded so very large scales cannot grow the cache without limit.
    if (metrics.wordWidths.size < 200_000) metrics.wordWidths.set(word, w)
  }
  return w * size
}

/** Greedy word wrap; "\n" forces a break, words wider than the line are split hard. */
export function wrap(metrics: FontMetrics, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  const space = widthOf(metrics, ' ', size)
  for (const rawLine of text.split('\n')) {
    let line = ''
    let lineWidth = 0
    for (let word of rawLine.split(' ')) {
      if (!word) continue
      let ww = wordWidth(metrics, word, size)
      while (ww > maxWidth) {
        if (line) {
          lines.push(line)
          line = ''
          lineWidth = 0
        }
        let cut = word.length - 1
        while (cut > 1 && widthOf(metrics, word.slice(0, cut), size) > maxWidth) cut--
        lines.push(word.slice(0, cut))
        word = word.slice(cut)
        ww = widthOf(metrics, word, size)
      }
      if (!line) {
        line = word
        lineWidth = ww
      } else if (lineWidth + space + ww <= maxWidth) {
        line += ' ' + word
        lineWidth += space + ww
      } else {
        lines.push(line)
        line = word
        lineWidth = ww
      }
    }
    lines.push(line)
  }
  return lines
}

/**
 * A paragraph of at most 60 characters without line break, colon, comma or closing punctuation
 * (e.g. "Sachverhalt", "§ 3 Gebühren") is a heading and set in bold.
 */
export function isHeading(paragraph: string): boolean {
  const p = paragraph.trim()
  return p.length <= 60 && !/[\n:,]/.test(p) && !p.startsWith('gez.') && !/[.;!?)\]“"€]$/.test(p)
}

export interface TextBlock {
  heading: boolean
  lines: string[]
}

export interface PlacedLine {
  page: number
  y: number
  text: string
  heading: boolean
}

export function toBlocks(paragraphs: string[]): TextBlock[] {
  const { regular, bold } = fontMetrics()
  return paragraphs
    .map((p) => sanitizeWinAnsi(p, regular.charset))
    .filter((p) => p.trim().length > 0)
    .map((p) =>
      isHeading(p)
        ? { heading: true, lines: wrap(bold, p, HEADING_SIZE, TEXT_WIDTH) }
        : { heading: false, lines: wrap(regular, p, BODY_SIZE, TEXT_WIDTH) },
    )
}

/**
 * Flows the blocks over at most `maxPages` pages: every block once, then (only while pages are
 * still empty) the blocks again, stopping at a block end on the last page or at its bottom.
 * `pagesForText` is the number of pages the blocks fill when placed once.
 */
export function flowBlocks(blocks: TextBlock[], maxPages: number, measureOnly = false): { lines: PlacedLine[]; pagesForText: number } {
  const lines: PlacedLine[] = []
  let page = 0
  let y = FIRST_PAGE_TOP
  let pagesForText = 0
  const newPage = (): boolean => {
    if (page >= maxPages - 1) return false
    page++
    y = NEXT_PAGE_TOP
    return true
  }
  // The bound only guards against endless loops with degenerate input.
  outer: for (let b = 0; blocks.length > 0 && b < blocks.length * (maxPages + 2) * 40; b++) {
    if (b === blocks.length) {
      pagesForText = page + 1
      if (measureOnly) break
    }
    if (b >= blocks.length && page === maxPages - 1) break
    const block = blocks[b % blocks.length]
    if (block.heading) {
      y -= 6
      // Keep a heading together with at least two lines of its paragraph.
      if (y - LEADING * 3 < BOTTOM && !newPage()) break
    }
    for (const text of block.lines) {
      if (y < BOTTOM && !newPage()) break outer
      if (text) lines.push({ page, y, text, heading: block.heading })
      y -= LEADING
    }
    y -= block.heading ? 1 : 6
  }
  // If the text did not fit, it needs more than maxPages; report what was filled.
  return { lines, pagesForText: pagesForText || page + 1 }
}

/** Pages the paragraphs fill when rendered once, without repetition or truncation. */
export function pagesNeeded(paragraphs: string[]): number {
  return flowBlocks(toBlocks(paragraphs), 100_000, true).pagesForText
}
