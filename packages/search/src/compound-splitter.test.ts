import { describe, expect, it } from 'vitest'
import { CompoundSplitter } from './compound-splitter.ts'
import { foldGerman } from './german-fold.ts'

const splitter = new CompoundSplitter()
const parts = (w: string, local?: string[]) => splitter.split(foldGerman(w), local ? new Set(local.map(foldGerman)) : undefined)
const terms = (w: string) => splitter.termsOf(foldGerman(w))

describe('CompoundSplitter', () => {
  it('splits municipal compounds into known parts', () => {
    expect(parts('Spielplatzsanierung')).toEqual(['spiel', 'platz', 'sanierung'])
    // runs of parts are terms too: "Spielplatz" finds "Spielplatzsanierung" exactly
    expect(terms('Spielplatzsanierung')).toEqual(expect.arrayContaining(['spielplatz', 'sanierung', 'platzsanierung']))
    expect(parts('Bebauungsplan')).toEqual(['bebauung', 'plan'])
    expect(parts('Feuerwehrgerätehaus')).toEqual(['feuerwehr', 'gerat', 'haus'])
    expect(parts('Bauausschuss')).toEqual(['bau', 'ausschuss'])
  })
  it('allows linking elements between parts (Fugen-s, -en-) and an inflection ending', () => {
    expect(parts('Haushaltssatzung')).toEqual(['haushalt', 'satzung'])
    expect(parts('Tagesordnung')).toEqual(['tag', 'ordnung'])
    expect(parts('Abwassergebührensatzung')).toEqual(['abwasser', 'gebuhr', 'satzung'])
    expect(parts('Kindertageseinrichtungen')).toEqual(['kinder', 'tag', 'einrichtung'])
  })
  it('emits runs of parts as written, with their linking elements', () => {
    const t = terms('Abwassergebührensatzung')
    expect(t).toContain('gebuhrensatzung')
    expect(t).toContain('abwassergebuhr')
    expect(t).not.toContain('abwassergebuhrensatzung')
  })
  it('leaves ordinary words alone', () => {
    for (const w of ['Beratung', 'Verwaltung', 'Ausschuss', 'Inanspruchnahme', 'Musterstadt2025']) expect(parts(w), w).toEqual([])
  })
  it("uses the document's own words as parts, and only those of five letters or more", () => {
    expect(parts('Mühlgrabenbrücke', ['Mühlgraben'])).toEqual(['muhlgraben', 'brucke'])
    expect(parts('Lindenhofschule')).toEqual([])
    expect(parts('Lindenhofschule', ['Lindenhof'])).toEqual(['lindenhof', 'schule'])
    expect(parts('Abcdschule', ['Abcd'])).toEqual([])
  })
  it('prefers fewer, longer parts', () => {
    // "feuerwehr" is listed: one part rather than "feuer" + "wehr"
    expect(parts('Feuerwehrgerätehaus')[0]).toBe('feuerwehr')
    // a local word wins over two lexicon parts
    expect(parts('Hochwasserschutz')).toEqual(['hoch', 'wasser', 'schutz'])
    expect(parts('Hochwasserschutz', ['Hochwasser'])).toEqual(['hochwasser', 'schutz'])
  })
})
