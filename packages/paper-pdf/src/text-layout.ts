/**
 * Line breaking for the paper PDF: greedy, left-aligned, breaking at spaces and after hyphens or
 * slashes inside long compounds ("Bau-/Vergabeausschuss"), and inside a word only when the word
 * alone is wider than the line. Pure: widths come from a measuring function.
 */
import type { FontStyle } from './pdf-fonts.ts'

export interface TextRun {
  /** "\n" is a hard line break */
  text: string
  style: FontStyle
  /** index of the link this text belongs to */
  link?: number
}

export interface LinePiece {
  text: string
  style: FontStyle
  link?: number
  /** offset from the line's start, in points */
  x: number
  width: number
}

export interface TextLine {
  pieces: LinePiece[]
  width: number
}

/** Width in points of `text` set in `style` (at the size the caller lays out for). */
export type MeasureText = (text: string, style: FontStyle) => number

interface Piece {
  text: string
  style: FontStyle
  link?: number
  width: number
}

interface Word {
  pieces: Piece[]
  width: number
  /** a space separates this word from the previous one (else: a break after a hyphen) */
  spaceBefore: boolean
  spaceStyle: FontStyle
  spaceLink?: number
}

const BREAK = 'break' as const

function isBreakAfter(c: string): boolean {
  return c === '-' || c === '–' || c === '/'
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && c !== ' ' && c !== '\n' && !isBreakAfter(c)
}

/** Control characters, soft hyphens and zero-width marks never reach the PDF. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
}

/** Cuts runs into words (split at spaces; after a hyphen or slash without space). */
function wordsOf(runs: readonly TextRun[], measure: MeasureText): (Word | typeof BREAK)[] {
  const words: (Word | typeof BREAK)[] = []
  let current: Word | undefined
  let pendingSpace: { style: FontStyle; link?: number } | undefined
  const addPiece = (run: TextRun, text: string) => {
    if (!text) return
    if (!current) {
      current = { pieces: [], width: 0, spaceBefore: pendingSpace !== undefined, spaceStyle: pendingSpace?.style ?? run.style, spaceLink: pendingSpace?.link }
      pendingSpace = undefined
      words.push(current)
    }
    const width = measure(text, run.style)
    const last = current.pieces[current.pieces.length - 1]
    if (last && last.style === run.style && last.link === run.link) {
      last.text += text
      last.width += width
    } else current.pieces.push({ text, style: run.style, link: run.link, width })
    current.width += width
  }
  for (const run of runs) {
    const text = run.text
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (c === ' ') {
        addPiece(run, text.slice(start, i))
        current = undefined
        pendingSpace ??= { style: run.style, link: run.link }
        start = i + 1
      } else if (c === '\n') {
        addPiece(run, text.slice(start, i))
        current = undefined
        pendingSpace = undefined
        words.push(BREAK)
        start = i + 1
      } else if (isBreakAfter(c) && isWordChar(text[i + 1]) && (current !== undefined || i > start)) {
        addPiece(run, text.slice(start, i + 1))
        current = undefined
        start = i + 1
      }
    }
    addPiece(run, text.slice(start))
  }
  return words
}

/** Splits a word wider than the line into chunks that fit (at least one character each). */
function splitWord(word: Word, maxWidth: number, measure: MeasureText): Word[] {
  const chunks: Word[] = []
  let chunk: Word = { pieces: [], width: 0, spaceBefore: word.spaceBefore, spaceStyle: word.spaceStyle, spaceLink: word.spaceLink }
  for (const piece of word.pieces) {
    for (const ch of piece.text) {
      const w = measure(ch, piece.style)
      if (chunk.width + w > maxWidth && chunk.pieces.length > 0) {
        chunks.push(chunk)
        chunk = { pieces: [], width: 0, spaceBefore: false, spaceStyle: piece.style }
      }
      const last = chunk.pieces[chunk.pieces.length - 1]
      if (last && last.style === piece.style && last.link === piece.link) {
        last.text += ch
        last.width += w
      } else chunk.pieces.push({ text: ch, style: piece.style, link: piece.link, width: w })
      chunk.width += w
    }
  }
  if (chunk.pieces.length > 0) chunks.push(chunk)
  return chunks
}

class LineBuilder {
  readonly lines: TextLine[] = []
  private pieces: Piece[] = []
  width = 0

  get empty(): boolean {
    return this.pieces.length === 0
  }

  add(word: Word, withSpace: boolean, spaceWidth: number): void {
    if (withSpace) {
      const prev = this.pieces[this.pieces.length - 1]
      const next = word.pieces[0]
      // The space belongs to a link only when the link goes on after it.
      this.push({ text: ' ', style: word.spaceStyle, link: prev.link !== undefined && prev.link === next.link ? prev.link : undefined, width: spaceWidth })
      this.width += spaceWidth
    }
    for (const p of word.pieces) this.push({ ...p })
    this.width += word.width
  }

  private push(piece: Piece): void {
    const last = this.pieces[this.pieces.length - 1]
    if (last && last.style === piece.style && last.link === piece.link) {
      last.text += piece.text
      last.width += piece.width
    } else this.pieces.push(piece)
  }

  finish(): void {
    const pieces: LinePiece[] = []
    let x = 0
    for (const p of this.pieces) {
      pieces.push({ text: p.text, style: p.style, ...(p.link !== undefined ? { link: p.link } : {}), x, width: p.width })
      x += p.width
    }
    this.lines.push({ pieces, width: x })
    this.pieces = []
    this.width = 0
  }
}

/** Breaks runs into lines no wider than `maxWidth`. No runs (or only spaces) give no lines. */
export function breakLines(runs: readonly TextRun[], maxWidth: number, measure: MeasureText): TextLine[] {
  const builder = new LineBuilder()
  for (const item of wordsOf(runs, measure)) {
    if (item === BREAK) {
      builder.finish()
      continue
    }
    const spaceWidth = item.spaceBefore ? measure(' ', item.spaceStyle) : 0
    if (!builder.empty && builder.width + spaceWidth + item.width > maxWidth) builder.finish()
    if (builder.empty && item.width > maxWidth) {
      const chunks = splitWord(item, maxWidth, measure)
      for (let i = 0; i < chunks.length - 1; i++) {
        builder.add(chunks[i], false, 0)
        builder.finish()
      }
      builder.add(chunks[chunks.length - 1], false, 0)
      continue
    }
    builder.add(item, !builder.empty && item.spaceBefore, spaceWidth)
  }
  // A hard break at the very end adds no empty line; one in the middle keeps its (empty) line.
  if (!builder.empty) builder.finish()
  return builder.lines
}

/** Narrowest (widest single word) and widest (no wrapping) layout of runs, for table columns. */
export function measureRuns(runs: readonly TextRun[], measure: MeasureText): { min: number; max: number } {
  let min = 0
  let max = 0
  let line = 0
  for (const item of wordsOf(runs, measure)) {
    if (item === BREAK) {
      max = Math.max(max, line)
      line = 0
      continue
    }
    min = Math.max(min, item.width)
    line += (line > 0 && item.spaceBefore ? measure(' ', item.spaceStyle) : 0) + item.width
  }
  return { min, max: Math.max(max, line) }
}
