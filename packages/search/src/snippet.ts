/**
 * The excerpt shown under a search hit: a window of the text around the densest cluster of
 * matched words, with the positions to highlight. Matching works on folded words (foldGerman), so
 * a query written "Buergerhaus" highlights "Bürgerhaus"; a matched compound part ("sanierung")
 * highlights the whole compound it stands in ("Spielplatzsanierung").
 */
import { wordsOf } from './german-fold.ts'
import { stemGerman } from './german-stem.ts'

/** [start, end) in the snippet text */
export type Mark = [number, number]

export interface Snippet {
  text: string
  marks: Mark[]
}

/** compound parts shorter than this are not looked for inside longer words */
const MIN_INNER_MATCH = 4
/** shorter words are no compounds (see compound-splitter.ts), so no part is looked for inside them */
const MIN_COMPOUND = 7

/** `terms` are index terms (stems, compound parts); a word matches its own stem or a part inside it. */
function matches(folded: string, terms: ReadonlySet<string>, inner: readonly string[]): string | undefined {
  if (terms.has(folded)) return folded
  const stem = stemGerman(folded)
  if (terms.has(stem)) return stem
  if (folded.length >= MIN_COMPOUND) for (const term of inner) if (folded.includes(term)) return term
  return undefined
}

interface Hit {
  start: number
  end: number
  term: string
}

function hitsIn(text: string, terms: ReadonlySet<string>): Hit[] {
  const out: Hit[] = []
  const inner = [...terms].filter((t) => t.length >= MIN_INNER_MATCH)
  // running text repeats its words: decide once per distinct word
  const seen = new Map<string, string | undefined>()
  for (const w of wordsOf(text)) {
    let term = seen.get(w.folded)
    if (term === undefined && !seen.has(w.folded)) {
      term = matches(w.folded, terms, inner)
      seen.set(w.folded, term)
    }
    if (term) out.push({ start: w.start, end: w.end, term })
  }
  return out
}

/** Highlight positions in a short text shown whole (a title). */
export function marksOf(text: string, terms: ReadonlySet<string>): Mark[] {
  return hitsIn(text, terms).map((h) => [h.start, h.end])
}

/** Line breaks of PDF page text become spaces: the snippet is one line. Same length, same offsets. */
function oneLine(text: string): string {
  return text.replace(/[\n\r\t]/g, ' ')
}

export function snippetOf(text: string, terms: ReadonlySet<string>, maxLength = 220): Snippet {
  if (!text) return { text: '', marks: [] }
  const hits = hitsIn(text, terms)
  if (text.length <= maxLength) return { text: oneLine(text), marks: hits.map((h) => [h.start, h.end]) }
  // the window that holds the most distinct matched terms (then the most hits), starting at a hit
  let bestIndex = 0
  let bestDistinct = -1
  let bestCount = -1
  const span = Math.floor(maxLength * 0.7)
  for (let i = 0; i < hits.length; i++) {
    const distinct = new Set<string>()
    let count = 0
    for (let j = i; j < hits.length && hits[j].end - hits[i].start <= span; j++) {
      distinct.add(hits[j].term)
      count++
    }
    if (distinct.size > bestDistinct || (distinct.size === bestDistinct && count > bestCount)) {
      bestIndex = i
      bestDistinct = distinct.size
      bestCount = count
    }
  }
  const anchor = hits.length ? hits[bestIndex].start : 0
  let start = Math.max(0, anchor - Math.floor(maxLength * 0.25))
  // begin at a word start
  if (start > 0) {
    const space = text.slice(start, anchor).search(/\s/)
    start = space >= 0 ? start + space + 1 : anchor
  }
  let end = Math.min(text.length, start + maxLength)
  if (end < text.length) {
    const lastSpace = text.slice(start, end).search(/\s\S*$/)
    if (lastSpace > 0) end = start + lastSpace
  }
  const prefix = start > 0 ? '… ' : ''
  const suffix = end < text.length ? ' …' : ''
  const marks: Mark[] = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => [h.start - start + prefix.length, h.end - start + prefix.length])
  return { text: prefix + oneLine(text.slice(start, end)).trim() + suffix, marks: trimShift(text.slice(start, end), prefix, marks) }
}

/** `trim()` above may drop leading spaces of the window: move the marks with it. */
function trimShift(window: string, prefix: string, marks: Mark[]): Mark[] {
  const lead = window.length - window.trimStart().length
  if (!lead) return marks
  return marks.map(([a, b]) => [a - lead, b - lead] as Mark).filter(([a]) => a >= prefix.length)
}
