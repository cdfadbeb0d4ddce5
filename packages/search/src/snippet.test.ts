import { describe, expect, it } from 'vitest'
import { marksOf, snippetOf } from './snippet.ts'

const marked = (s: { text: string; marks: [number, number][] }) => s.marks.map(([a, b]) => s.text.slice(a, b))

describe('snippetOf', () => {
  it('highlights words by their stem, whatever the spelling of the query was', () => {
    const s = snippetOf('Umbau des Bürgerhauses am Markt', new Set(['burgerhaus']))
    expect(marked(s)).toEqual(['Bürgerhauses'])
  })
  it('highlights the compound a matched part stands in', () => {
    expect(marked(snippetOf('Die Spielplatzsanierung beginnt im Mai.', new Set(['sanierung'])))).toEqual(['Spielplatzsanierung'])
  })
  it('shows the densest window of a long text, cut at word boundaries, with ellipses', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(30)
    const text = `${filler}Der Bebauungsplan Nr. 42 regelt die Bebauung am Anger.\n${filler}`
    const s = snippetOf(text, new Set(['bebauungsplan', 'anger']), 120)
    expect(s.text.startsWith('… ')).toBe(true)
    expect(s.text.endsWith(' …')).toBe(true)
    expect(s.text.length).toBeLessThanOrEqual(124)
    expect(marked(s)).toEqual(['Bebauungsplan', 'Anger'])
    expect(s.text).not.toContain('\n')
  })
  it('starts at the beginning when nothing matches, and returns short texts whole', () => {
    expect(snippetOf('Kurzer Text', new Set(['zzz']))).toEqual({ text: 'Kurzer Text', marks: [] })
    expect(snippetOf('', new Set(['a']))).toEqual({ text: '', marks: [] })
  })
})

describe('marksOf', () => {
  it('marks every occurrence in a title', () => {
    const title = 'Hundesteuer: Neufassung der Hundesteuersatzung'
    expect(marksOf(title, new Set(['hundesteu'])).map(([a, b]) => title.slice(a, b))).toEqual(['Hundesteuer', 'Hundesteuersatzung'])
  })
})
