import { describe, expect, it } from 'vitest'
import { foldGerman, GERMAN_STOP_WORDS, wordsOf } from './german-fold.ts'
import { stemGerman } from './german-stem.ts'

describe('foldGerman', () => {
  it('makes umlauts written as ä, ae or a the same term', () => {
    for (const w of ['Bürgerhaus', 'Buergerhaus', 'Burgerhaus', 'BÜRGERHAUS']) expect(foldGerman(w)).toBe('burgerhaus')
    expect(foldGerman('Gebühr')).toBe(foldGerman('Gebuehr'))
    expect(foldGerman('Änderung')).toBe(foldGerman('Aenderung'))
    expect(foldGerman('Förderung')).toBe(foldGerman('Foerderung'))
  })
  it('writes ß as ss', () => {
    expect(foldGerman('Straße')).toBe('strasse')
    expect(foldGerman('Strasse')).toBe('strasse')
  })
  it('keeps "ue" after a vowel or q (Feuer, neue, Quelle)', () => {
    expect(foldGerman('Feuer')).toBe('feuer')
    expect(foldGerman('neue')).toBe('neue')
    expect(foldGerman('Quelle')).toBe('quelle')
    expect(foldGerman('Mauer')).toBe('mauer')
  })
  it('drops other diacritics', () => {
    expect(foldGerman('Café')).toBe('cafe')
  })
  it('knows German stop words in folded form', () => {
    expect(GERMAN_STOP_WORDS.has(foldGerman('über'))).toBe(true)
    expect(GERMAN_STOP_WORDS.has(foldGerman('für'))).toBe(true)
    expect(GERMAN_STOP_WORDS.has('haushalt')).toBe(false)
  })
  it('lists words with their offsets', () => {
    const text = 'Umbau des Bürgerhauses, 2. BA'
    const words = wordsOf(text)
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Umbau', 'des', 'Bürgerhauses', '2', 'BA'])
    expect(words[2].folded).toBe('burgerhauses')
  })
})

describe('stemGerman', () => {
  const stem = (w: string) => stemGerman(foldGerman(w))
  it('lets inflected forms meet', () => {
    expect(stem('Ortschaftsrates')).toBe(stem('Ortschaftsrat'))
    expect(stem('Spielplätze')).toBe(stem('Spielplatz'))
    expect(stem('Sitzungen')).toBe(stem('Sitzung'))
    expect(stem('Schulen')).toBe(stem('Schule'))
    expect(stem('Anträge')).toBe(stem('Antrag'))
    expect(stem('Straßen')).toBe(stem('Straße'))
  })
  it('protects doubled letters and short words', () => {
    expect(stem('Strasse')).toBe('strass')
    expect(stem('Rat')).toBe('rat')
    expect(stem('Amt')).toBe('amt')
  })
  it('does not stem numbers or references', () => {
    expect(stemGerman('bv160')).toBe('bv160')
    expect(stemGerman('2026')).toBe('2026')
  })
})
