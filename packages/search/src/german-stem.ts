/**
 * Light German stemming for the local search, after CISTEM (Weissweiler & Fraser 2017, "Developing
 * a Stemmer for German Based on a Comparative Analysis of Publicly Available Stemmers"): strip
 * -em, -er, -nd (words longer than five letters) and -e, -s, -n repeatedly, protecting doubled
 * letters and the digraphs sch, ei, ie. It makes inflected forms meet: "Ortschaftsrates" and
 * "Ortschaftsrat", "Spielplätze" and "Spielplatz", "Sitzungen" and "Sitzung".
 *
 * Input is a folded word (foldGerman: lower case, umlauts folded). CISTEM's optional rule for a
 * final -t (verbs, only for words written in lower case) is left out: queries are typed in lower
 * case, documents capitalise nouns, and both must stem alike. Stems are index terms, not words.
 */
const DOUBLE = /(.)\1/g
const STEM_CACHE_LIMIT = 100_000
const cache = new Map<string, string>()

export function stemGerman(folded: string): string {
  let stem = cache.get(folded)
  if (stem !== undefined) return stem
  stem = compute(folded)
  if (cache.size > STEM_CACHE_LIMIT) cache.clear()
  cache.set(folded, stem)
  return stem
}

function compute(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word
  let w = word.replaceAll('sch', '$').replaceAll('ei', '%').replaceAll('ie', '&').replace(DOUBLE, '$1*')
  while (w.length > 3) {
    if (w.length > 5) {
      if (w.endsWith('em') || w.endsWith('er') || w.endsWith('nd')) {
        w = w.slice(0, -2)
        continue
      }
    }
    const last = w[w.length - 1]
    if (last === 'e' || last === 's' || last === 'n') {
      w = w.slice(0, -1)
      continue
    }
    break
  }
  return w.replace(/(.)\*/g, '$1$1').replaceAll('&', 'ie').replaceAll('%', 'ei').replaceAll('$', 'sch')
}
