/**
 * How German words are compared in the local search: one folded form per word, used for the
 * index and for queries alike, so "Bürgerhaus", "Buergerhaus" and "Burgerhaus" are the same term.
 *
 * The rules are those of Lucene's GermanNormalizationFilter (the German2 Snowball heuristic):
 * lower case; ß -> ss; ä, ö, ü -> a, o, u; "ae" and "oe" -> a, o; "ue" -> u unless it follows a
 * vowel or q (so "Feuer", "neue", "Quelle" keep their "ue"). Other diacritics are dropped
 * (é -> e). Folding both sides the same way is what makes ae/oe/ue spellings exact matches rather
 * than fuzzy ones; the price is a few harmless merges ("Poet" and "Pot").
 */

/** Word characters of a token: letters and digits of any script. */
export const WORD_PATTERN = /[\p{L}\p{N}]+/gu

const N = 0 // after a consonant or at the start
const V = 1 // after a vowel that does not start an umlaut spelling
const U = 2 // after a, o, or u-after-consonant: a following "e" is an umlaut spelling

export function foldGerman(word: string): string {
  // lower case first, then strip combining marks except on äöü (which fold below)
  const lower = word.toLowerCase()
  let out = ''
  let state = N
  for (const raw of lower) {
    let c = raw
    if (c > '\u007f' && c !== 'ä' && c !== 'ö' && c !== 'ü' && c !== 'ß') {
      c = c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      if (c === '') continue
      if (c.length > 1) {
        // ligatures and the like ("ﬁ" -> "fi"): no umlaut logic needed
        out += c
        state = N
        continue
      }
    }
    switch (c) {
      case 'a':
      case 'o':
        out += c
        state = U
        break
      case 'u':
        out += c
        state = state === N ? U : V
        break
      case 'e':
        if (state !== U) out += c
        state = V
        break
      case 'i':
      case 'q':
      case 'y':
        out += c
        state = V
        break
      case 'ä':
        out += 'a'
        state = V
        break
      case 'ö':
        out += 'o'
        state = V
        break
      case 'ü':
        out += 'u'
        state = V
        break
      case 'ß':
        out += 'ss'
        state = N
        break
      default:
        out += c
        state = N
    }
  }
  return out
}

const folded = new Map<string, string>()

/** foldGerman with a memo: running text repeats its words a lot, and indexing folds every one. */
export function foldWord(word: string): string {
  let f = folded.get(word)
  if (f === undefined) {
    f = foldGerman(word)
    if (folded.size > 100_000) folded.clear()
    folded.set(word, f)
  }
  return f
}

/**
 * Function words that carry no meaning on their own; dropped from the index and from queries so
 * that "Sanierung der Grundschule" does not require (or prefix-match on) "der". Folded forms.
 */
export const GERMAN_STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'aber', 'als', 'am', 'an', 'auch', 'auf', 'aus', 'bei', 'beim', 'bis', 'bzw', 'da', 'damit', 'dass', 'daß', 'dem', 'den', 'denen', 'der',
    'des', 'die', 'dies', 'diese', 'diesem', 'diesen', 'dieser', 'dieses', 'doch', 'durch', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines',
    'es', 'für', 'gegen', 'hat', 'haben', 'hier', 'im', 'in', 'ins', 'ist', 'ja', 'kann', 'mit', 'nach', 'noch', 'nur', 'ob', 'oder', 'ohne',
    'sich', 'sie', 'sind', 'so', 'sowie', 'über', 'um', 'und', 'uns', 'unter', 'vom', 'von', 'vor', 'war', 'waren', 'was', 'wenn', 'werden',
    'wie', 'wird', 'wurde', 'wurden', 'zu', 'zum', 'zur', 'zwischen',
  ].map(foldGerman),
)

/** A word as it stands in a text, with where it stands. */
export interface WordToken {
  word: string
  folded: string
  start: number
  end: number
}

/** The words of a text with their offsets (for snippets and highlighting). */
export function wordsOf(text: string): WordToken[] {
  const out: WordToken[] = []
  for (const m of text.matchAll(WORD_PATTERN)) {
    out.push({ word: m[0], folded: foldWord(m[0]), start: m.index, end: m.index + m[0].length })
  }
  return out
}
