/**
 * Matching text from PDFs, whose line breaks, hyphenation and spacing change between versions and
 * between what a reader types and what the page holds (pure).
 *
 * A normalised text keeps a map back to the original, so a match found in the normalised text is
 * reported as offsets into the page text (the offsets annotations and the viewer use).
 */

/** A text after normalisation, with `map[i]` = index in the original of normalised character i. */
export interface NormalisedText {
  text: string
  map: number[]
}

export interface NormaliseOptions {
  /**
   * `collapse`: every run of white space becomes one space, and a word hyphenated at a line end
   * ("Bebauungs-\nplan") is joined. `remove`: white space and hyphens are dropped altogether (the
   * "skeleton", robust against any change in spacing or hyphenation).
   */
  whitespace: 'collapse' | 'remove'
  /** case and diacritic folding, German style: ä → ae, ö → oe, ü → ue, ß → ss, é → e */
  fold?: boolean
}

const SOFT_HYPHEN = '\u00ad'
const HYPHENS = new Set(['-', '\u2010', '\u2011', SOFT_HYPHEN])
const GERMAN_FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' }

const isSpace = (c: string): boolean => /\s/.test(c)
const isLowercaseLetter = (c: string | undefined): boolean => !!c && /\p{Ll}/u.test(c)
const isLetter = (c: string | undefined): boolean => !!c && /\p{L}/u.test(c)

function foldChar(c: string): string {
  const lower = c.toLowerCase()
  let out = ''
  for (const l of lower) out += GERMAN_FOLD[l] ?? l.normalize('NFD').replace(/\p{M}/gu, '')
  return out
}

export function normaliseText(text: string, options: NormaliseOptions): NormalisedText {
  let out = ''
  const map: number[] = []
  const emit = (s: string, at: number) => {
    out += s
    for (let k = 0; k < s.length; k++) map.push(at)
  }
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text[i]
    if (c === SOFT_HYPHEN) continue
    if (options.whitespace === 'remove') {
      if (HYPHENS.has(c) || isSpace(c)) continue
    } else {
      if (HYPHENS.has(c) && isLetter(text[i - 1])) {
        // a hyphen at a line end before a lower-case letter splits one word: join it
        let j = i + 1
        let newline = false
        while (j < n && isSpace(text[j])) {
          if (text[j] === '\n') newline = true
          j++
        }
        if (newline && isLowercaseLetter(text[j])) {
          i = j - 1
          continue
        }
      }
      if (isSpace(c)) {
        let j = i
        while (j + 1 < n && isSpace(text[j + 1])) j++
        if (out.length > 0 && j + 1 < n) emit(' ', i)
        i = j
        continue
      }
    }
    emit(options.fold ? foldChar(c) : c, i)
  }
  return { text: out, map }
}

/** Original [start, end) of the normalised range [from, to). */
export function originalRange(normalised: NormalisedText, from: number, to: number): { start: number; end: number } {
  return { start: normalised.map[from], end: normalised.map[to - 1] + 1 }
}

/** Start indices of every occurrence of `needle` (overlapping ones too when `overlapping`). */
export function indicesOf(haystack: string, needle: string, overlapping = false): number[] {
  const out: number[] = []
  if (!needle) return out
  let at = haystack.indexOf(needle)
  while (at >= 0) {
    out.push(at)
    at = haystack.indexOf(needle, at + (overlapping ? 1 : needle.length))
  }
  return out
}

export interface PageHit {
  /** 1-based page */
  page: number
  /** offsets into the page text */
  start: number
  end: number
}

/**
 * The reader's "find in document": every occurrence of `query` in the pages, in reading order,
 * ignoring case, umlaut spelling (ae/ä), spacing and line-end hyphenation.
 */
export function findInPages(pages: readonly string[], query: string): PageHit[] {
  const needle = normaliseText(query.trim(), { whitespace: 'collapse', fold: true }).text
  if (!needle) return []
  const hits: PageHit[] = []
  pages.forEach((pageText, index) => {
    const norm = normaliseText(pageText, { whitespace: 'collapse', fold: true })
    for (const at of indicesOf(norm.text, needle)) hits.push({ page: index + 1, ...originalRange(norm, at, at + needle.length) })
  })
  return hits
}

/** Edit distance (insert, delete, substitute, swap neighbours), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prevPrev: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1)
      row.push(v)
      best = Math.min(best, v)
    }
    if (best > max) return max + 1
    prevPrev = prev
    prev = row
  }
  return prev[b.length]
}

const allowedTypos = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0)

/**
 * Places in the pages that read like `query` with typos: word by word, each word of the query
 * matches a word of the page within one or two edits (by length), the last one also as the start
 * of a longer word ("Bebaungsplan" finds "Bebauungsplanverfahren"). For when findInPages finds
 * nothing (a query carried over from the search, which tolerates typos).
 */
export function findSimilarInPages(pages: readonly string[], query: string): PageHit[] {
  const words = normaliseText(query.trim(), { whitespace: 'collapse', fold: true })
    .text.split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  if (!words.length || words.every((w) => allowedTypos(w) === 0)) return []
  const hits: PageHit[] = []
  pages.forEach((pageText, index) => {
    const norm = normaliseText(pageText, { whitespace: 'collapse', fold: true })
    const tokens = [...norm.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }))
    for (let i = 0; i + words.length <= tokens.length; i++) {
      const ok = words.every((w, k) => {
        const token = tokens[i + k].text
        const last = k === words.length - 1
        const head = last && token.length > w.length ? token.slice(0, w.length + 1) : token
        return token === w || (last && token.startsWith(w)) || editDistance(w, head, allowedTypos(w)) <= allowedTypos(w) || editDistance(w, token, allowedTypos(w)) <= allowedTypos(w)
      })
      if (ok) hits.push({ page: index + 1, ...originalRange(norm, tokens[i].start, tokens[i + words.length - 1].end) })
    }
  })
  return hits
}
