import { describe, expect, it } from 'vitest'
import { editDistance, findInPages, findSimilarInPages, indicesOf, normaliseText, originalRange } from './text-match.ts'

describe('normaliseText', () => {
  it('collapses white space runs and keeps a map back to the original', () => {
    const n = normaliseText('  Die  Stadt\n\nplant ', { whitespace: 'collapse' })
    expect(n.text).toBe('Die Stadt plant')
    expect(n.map.length).toBe(n.text.length)
    expect(n.map[0]).toBe(2)
    // "plant" starts after the two line breaks
    expect(n.map[n.text.indexOf('plant')]).toBe(14)
  })

  it('joins words hyphenated at a line end, but keeps real hyphens', () => {
    expect(normaliseText('Bebauungs-\nplan Nr. 42', { whitespace: 'collapse' }).text).toBe('Bebauungsplan Nr. 42')
    expect(normaliseText('Bebauungs- \n  plan', { whitespace: 'collapse' }).text).toBe('Bebauungsplan')
    // before a capital letter the hyphen belongs to the compound ("Bau-\nVergabe")
    expect(normaliseText('Bau-\nVergabe', { whitespace: 'collapse' }).text).toBe('Bau- Vergabe')
    // not at a line end
    expect(normaliseText('Bau- und Vergabe', { whitespace: 'collapse' }).text).toBe('Bau- und Vergabe')
    expect(normaliseText('Nr. 42-A', { whitespace: 'collapse' }).text).toBe('Nr. 42-A')
  })

  it('drops soft hyphens always', () => {
    expect(normaliseText('Haus\u00adhalt', { whitespace: 'collapse' }).text).toBe('Haushalt')
  })

  it('folds case, umlauts and diacritics, mapping expansions to their original character', () => {
    const n = normaliseText('Größe Café', { whitespace: 'collapse', fold: true })
    expect(n.text).toBe('groesse cafe')
    expect(n.map.slice(0, 7)).toEqual([0, 1, 2, 2, 3, 3, 4])
    expect(originalRange(n, 2, 4)).toEqual({ start: 2, end: 3 })
  })

  it('skeleton mode drops all white space and hyphens', () => {
    const n = normaliseText('Bebauungs-\nplan  Nr.\u00a042', { whitespace: 'remove' })
    expect(n.text).toBe('BebauungsplanNr.42')
    expect(originalRange(n, 0, 13)).toEqual({ start: 0, end: 15 })
  })
})

describe('indicesOf', () => {
  it('finds every occurrence, overlapping when asked', () => {
    expect(indicesOf('aaaa', 'aa')).toEqual([0, 2])
    expect(indicesOf('aaaa', 'aa', true)).toEqual([0, 1, 2])
    expect(indicesOf('abc', '')).toEqual([])
  })
})

describe('findInPages', () => {
  const pages = ['Der Bebauungs-\nplan Nr. 42 wird\ngeändert.', 'Kein Treffer hier.', 'BEBAUUNGSPLAN und noch ein Bebauungsplan']

  it('finds hits on every page in reading order, across line-end hyphenation and case', () => {
    const hits = findInPages(pages, 'Bebauungsplan')
    expect(hits.map((h) => h.page)).toEqual([1, 3, 3])
    expect(pages[0].slice(hits[0].start, hits[0].end)).toBe('Bebauungs-\nplan')
    expect(pages[2].slice(hits[2].start, hits[2].end)).toBe('Bebauungsplan')
  })

  it('matches umlauts written as ae/oe/ue and spacing differences', () => {
    const hits = findInPages(pages, 'wird  geaendert')
    expect(hits).toHaveLength(1)
    expect(pages[0].slice(hits[0].start, hits[0].end)).toBe('wird\ngeändert')
  })

  it('returns nothing for an empty query or a missing word', () => {
    expect(findInPages(pages, '   ')).toEqual([])
    expect(findInPages(pages, 'Flächennutzungsplan')).toEqual([])
  })
})

describe('editDistance', () => {
  it('counts edits and swaps of neighbours, and stops above the limit', () => {
    expect(editDistance('bebaungsplan', 'bebauungsplan', 2)).toBe(1)
    expect(editDistance('haushlat', 'haushalt', 2)).toBe(1)
    expect(editDistance('abc', 'abc', 1)).toBe(0)
    expect(editDistance('kita', 'schule', 2)).toBe(3)
  })
})

describe('findSimilarInPages', () => {
  const pages = ['Zum Bebauungsplanverfahren Nr. 42\nund zum Haushalt 2027.', 'Der Bebauungsplan liegt aus.']

  it('finds words with typos and as the start of longer compounds', () => {
    const hits = findSimilarInPages(pages, 'Bebaungsplan')
    expect(hits.map((h) => h.page)).toEqual([1, 2])
    expect(pages[0].slice(hits[0].start, hits[0].end)).toBe('Bebauungsplanverfahren')
    expect(pages[1].slice(hits[1].start, hits[1].end)).toBe('Bebauungsplan')
  })

  it('matches a phrase word by word across line breaks', () => {
    const hits = findSimilarInPages(pages, 'Nr 42 und zum Hausalt')
    expect(hits).toHaveLength(1)
    expect(pages[0].slice(hits[0].start, hits[0].end)).toBe('Nr. 42\nund zum Haushalt')
  })

  it('does not guess for short words or unrelated text', () => {
    expect(findSimilarInPages(pages, 'zum')).toEqual([])
    expect(findSimilarInPages(pages, 'Flächennutzung')).toEqual([])
  })
})
