import { describe, expect, it } from 'vitest'
import { breakLines, cleanText, measureRuns, type MeasureText } from './text-layout.ts'

/** Every character 1 point wide, bold 2: easy arithmetic. */
const measure: MeasureText = (text, style) => [...text].length * (style === 'bold' ? 2 : 1)
const texts = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.pieces.map((p) => p.text).join(''))

describe('breakLines', () => {
  it('fills lines greedily at spaces and collapses runs of spaces', () => {
    expect(texts(breakLines([{ text: 'aa bb  cc dd', style: 'regular' }], 5, measure))).toEqual(['aa bb', 'cc dd'])
    expect(breakLines([{ text: '   ', style: 'regular' }], 5, measure)).toEqual([])
  })

  it('breaks after a hyphen or slash inside a long compound, keeping the hyphen', () => {
    expect(texts(breakLines([{ text: 'Bau-/Vergabeausschuss', style: 'regular' }], 12, measure))).toEqual(['Bau-/', 'Vergabeaussc', 'huss'])
    expect(texts(breakLines([{ text: 'Stadt-Entwicklung', style: 'regular' }], 12, measure))).toEqual(['Stadt-', 'Entwicklung'])
  })

  it('splits a word wider than the line at characters only', () => {
    expect(texts(breakLines([{ text: 'abcdefghij k', style: 'regular' }], 4, measure))).toEqual(['abcd', 'efgh', 'ij k'])
  })

  it('keeps hard breaks, including empty lines between them', () => {
    expect(texts(breakLines([{ text: 'a\n\nb\n', style: 'regular' }], 10, measure))).toEqual(['a', '', 'b'])
  })

  it('positions pieces of different styles and keeps words across style changes together', () => {
    const lines = breakLines(
      [
        { text: 'ab ', style: 'regular' },
        { text: 'cd', style: 'bold' },
        { text: 'ef gh', style: 'regular' },
      ],
      9,
      measure,
    )
    expect(texts(lines)).toEqual(['ab cdef', 'gh'])
    expect(lines[0].pieces).toEqual([
      { text: 'ab ', style: 'regular', x: 0, width: 3 },
      { text: 'cd', style: 'bold', x: 3, width: 4 },
      { text: 'ef', style: 'regular', x: 7, width: 2 },
    ])
    expect(lines[0].width).toBe(9)
  })

  it('gives the space between two parts of one link to the link, otherwise to the text', () => {
    const lines = breakLines(
      [
        { text: 'siehe ', style: 'regular' },
        { text: 'Bericht 2025', style: 'regular', link: 0 },
        { text: ' hier', style: 'regular' },
      ],
      100,
      measure,
    )
    expect(lines[0].pieces.map((p) => [p.text, p.link])).toEqual([
      ['siehe ', undefined],
      ['Bericht 2025', 0],
      [' hier', undefined],
    ])
  })
})

describe('measureRuns', () => {
  it('gives the widest word and the unwrapped width', () => {
    expect(measureRuns([{ text: 'Maßnahme in  Planung\nlang', style: 'regular' }], measure)).toEqual({ min: 8, max: 19 })
  })
})

describe('cleanText', () => {
  it('drops control characters and invisible marks', () => {
    expect(cleanText('a\tb\u0000c\u00adé\u200bf')).toBe('a b céf')
    expect(cleanText('Zeile\nneu')).toBe('Zeile\nneu')
  })
})
