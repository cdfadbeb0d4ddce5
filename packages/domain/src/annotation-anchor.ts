/**
 * Text anchors of annotations: the quote taken from a page, and re-anchoring that quote in another
 * version of the file (pure).
 *
 * Re-anchoring looks for the quote in every page of the new version, tolerating changed spacing,
 * line breaks and hyphenation (it compares the texts without white space and hyphens). Among the
 * places found it prefers the one whose surrounding text matches the quote's prefix and suffix,
 * then the one nearest to the old page and offset. A long passage edited in the middle is still
 * found by its beginning and end (reported as `changed`). When nothing is found the annotation is
 * detached: the caller keeps it and shows it as such.
 */
import type { TextQuote } from './annotations.ts'
import { indicesOf, normaliseText, originalRange, type NormalisedText } from './text-match.ts'

/** Characters of context kept before and after a quote. */
export const QUOTE_CONTEXT = 32

export interface TextAnchor {
  /** 1-based page in the version the anchor was made on */
  page: number
  start?: number
  end?: number
  quote: TextQuote
}

export interface AnchorMatch {
  page: number
  start: number
  end: number
  /** the quote as it reads in the new version (same exact text unless `changed`) */
  quote: TextQuote
  /** the text between the quote's beginning and end was edited */
  changed: boolean
}

/** The quote for [start, end) of a page text, with up to 32 characters of context either side. */
export function textQuoteAt(pageText: string, start: number, end: number, context = QUOTE_CONTEXT): TextQuote {
  const s = Math.max(0, Math.min(start, pageText.length))
  const e = Math.max(s, Math.min(end, pageText.length))
  return { exact: pageText.slice(s, e), prefix: pageText.slice(Math.max(0, s - context), s), suffix: pageText.slice(e, e + context) }
}

const skeleton = (text: string): NormalisedText => normaliseText(text, { whitespace: 'remove' })

/** Length of the common run of `a` ending before `aEnd` and `b` ending at its end. */
function commonTail(a: string, aEnd: number, b: string): number {
  let k = 0
  while (k < b.length && aEnd - 1 - k >= 0 && a[aEnd - 1 - k] === b[b.length - 1 - k]) k++
  return k
}

/** Length of the common run of `a` starting at `aStart` and `b` from its start. */
function commonHead(a: string, aStart: number, b: string): number {
  let k = 0
  while (k < b.length && aStart + k < a.length && a[aStart + k] === b[k]) k++
  return k
}

interface Candidate {
  page: number
  start: number
  end: number
  score: number
  changed: boolean
}

/** A quote this long (without spaces) may be found by its ends when its middle was edited. */
const MIN_CHANGED_QUOTE = 40
const END_PROBE = 16

export function reanchor(pages: readonly string[], anchor: TextAnchor): AnchorMatch | undefined {
  const { quote } = anchor
  const exact = skeleton(quote.exact).text
  if (!exact) return undefined
  // unchanged text at the old place: nothing to search
  const old = pages[anchor.page - 1]
  if (old !== undefined && anchor.start !== undefined && anchor.end !== undefined && old.slice(anchor.start, anchor.end) === quote.exact) {
    const here = textQuoteAt(old, anchor.start, anchor.end)
    if (here.prefix.endsWith(quote.prefix.slice(-8)) && here.suffix.startsWith(quote.suffix.slice(0, 8)))
      return { page: anchor.page, start: anchor.start, end: anchor.end, quote: here, changed: false }
  }
  const prefix = skeleton(quote.prefix).text
  const suffix = skeleton(quote.suffix).text
  const contextLength = prefix.length + suffix.length
  const skeletons = pages.map(skeleton)

  const score = (page: number, norm: NormalisedText, from: number, to: number, changed: boolean): Candidate => {
    const { start, end } = originalRange(norm, from, to)
    const context = contextLength ? (commonTail(norm.text, from, prefix) + commonHead(norm.text, to, suffix)) / contextLength : 0
    const sameText = pages[page - 1].slice(start, end) === quote.exact ? 1 : 0
    const pageDistance = Math.min(Math.abs(page - anchor.page), 20)
    const offsetDistance =
      pageDistance === 0 && anchor.start !== undefined ? Math.min(1, Math.abs(start - anchor.start) / Math.max(1, pages[page - 1].length)) : 1
    // context outweighs position: text moved to another page keeps its neighbours
    return { page, start, end, changed, score: context * 4 + sameText * 0.5 - pageDistance * 0.25 - offsetDistance * 0.5 - (changed ? 2 : 0) }
  }

  const candidates: Candidate[] = []
  skeletons.forEach((norm, index) => {
    for (const at of indicesOf(norm.text, exact, true)) candidates.push(score(index + 1, norm, at, at + exact.length, false))
  })
  if (!candidates.length && exact.length >= MIN_CHANGED_QUOTE) {
    // edited in the middle: find the quote's beginning and a following end at a similar distance
    const head = exact.slice(0, END_PROBE)
    const tail = exact.slice(-END_PROBE)
    skeletons.forEach((norm, index) => {
      for (const h of indicesOf(norm.text, head, true)) {
        for (const t of indicesOf(norm.text, tail, true)) {
          const length = t + END_PROBE - h
          if (t < h + END_PROBE || length < exact.length * 0.5 || length > exact.length * 1.5) continue
          candidates.push(score(index + 1, norm, h, t + END_PROBE, true))
        }
      }
    })
  }
  if (!candidates.length) return undefined
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a))
  return { page: best.page, start: best.start, end: best.end, changed: best.changed, quote: textQuoteAt(pages[best.page - 1], best.start, best.end) }
}
