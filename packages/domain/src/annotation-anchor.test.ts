import { describe, expect, it } from 'vitest'
import { reanchor, textQuoteAt, type TextAnchor } from './annotation-anchor.ts'

const page1 = [
  'Beschlussvorlage BV 160\n',
  'Sachverhalt\n',
  'Der Bebauungsplan Nr. 42 "Am Mühlbach" soll im vereinfachten Verfahren geändert werden.\n',
  'Die Kosten trägt die Stadt.\n',
].join('')
const page2 = 'Beschlussvorschlag\nDer Rat beschließt die Änderung des Bebauungsplans Nr. 42.\nDie Kosten trägt die Stadt.\n'

function anchorOf(pages: string[], page: number, exact: string, occurrence = 0): TextAnchor {
  const text = pages[page - 1]
  let start = -1
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(exact, start + 1)
  if (start < 0) throw new Error(`"${exact}" not on page ${page}`)
  return { page, start, end: start + exact.length, quote: textQuoteAt(text, start, start + exact.length) }
}

describe('textQuoteAt', () => {
  it('takes the exact text and up to 32 characters of context', () => {
    const start = page1.indexOf('vereinfachten')
    const q = textQuoteAt(page1, start, start + 'vereinfachten'.length)
    expect(q.exact).toBe('vereinfachten')
    expect(q.prefix).toHaveLength(32)
    expect(page1.slice(0, start).endsWith(q.prefix)).toBe(true)
    expect(q.suffix).toBe(' Verfahren geändert werden.\nDie ')
  })

  it('clamps at the page edges', () => {
    expect(textQuoteAt('abc', -5, 99)).toEqual({ exact: 'abc', prefix: '', suffix: '' })
    expect(textQuoteAt('abcdef', 4, 2)).toEqual({ exact: '', prefix: 'abcd', suffix: 'ef' })
  })
})

describe('reanchor', () => {
  it('keeps an anchor whose text did not change', () => {
    const anchor = anchorOf([page1, page2], 1, 'vereinfachten Verfahren')
    expect(reanchor([page1, page2], anchor)).toEqual({ page: 1, start: anchor.start, end: anchor.end, quote: anchor.quote, changed: false })
  })

  it('follows text that moved on its page', () => {
    const anchor = anchorOf([page1, page2], 1, 'vereinfachten Verfahren')
    const next = page1.replace('Sachverhalt\n', 'Sachverhalt\nNach der Bürgerbeteiligung im Herbst ergibt sich:\n')
    const m = reanchor([next, page2], anchor)!
    expect(m.page).toBe(1)
    expect(next.slice(m.start, m.end)).toBe('vereinfachten Verfahren')
    expect(m.changed).toBe(false)
  })

  it('follows text that moved to another page', () => {
    const anchor = anchorOf([page1, page2], 1, 'Am Mühlbach')
    const m = reanchor(['Deckblatt\n', page1, page2], anchor)!
    expect(m.page).toBe(2)
    expect(m.quote.exact).toBe('Am Mühlbach')
  })

  it('tolerates new line breaks, hyphenation and spacing', () => {
    const anchor = anchorOf([page1, page2], 1, 'Bebauungsplan Nr. 42 "Am Mühlbach"')
    const rewrapped = page1.replace('Der Bebauungsplan Nr. 42 "Am Mühlbach" soll', 'Der Bebauungs-\nplan  Nr. 42\n"Am Mühlbach" soll')
    const m = reanchor([rewrapped, page2], anchor)!
    expect(m.page).toBe(1)
    expect(rewrapped.slice(m.start, m.end)).toBe('Bebauungs-\nplan  Nr. 42\n"Am Mühlbach"')
    // the quote is re-taken from the new text
    expect(m.quote.exact).toBe(rewrapped.slice(m.start, m.end))
  })

  it('and the other way round: a hyphenated quote is found in unbroken text', () => {
    const broken = page1.replace('Bebauungsplan', 'Bebauungs-\nplan')
    const anchor = anchorOf([broken, page2], 1, 'Bebauungs-\nplan Nr. 42')
    const m = reanchor([page1, page2], anchor)!
    expect(page1.slice(m.start, m.end)).toBe('Bebauungsplan Nr. 42')
  })

  it('picks the repeated phrase whose context matches, not the first one', () => {
    const pages = [page1, page2]
    // "Die Kosten trägt die Stadt." is on both pages; the anchor is on page 2
    const anchor = anchorOf(pages, 2, 'Die Kosten trägt die Stadt.')
    const m = reanchor(['Neues Deckblatt\n', page1, page2], anchor)!
    expect(m.page).toBe(3)
  })

  it('among equal contexts prefers the occurrence nearest to the old position', () => {
    const line = 'Zustimmung. '
    const text = line.repeat(6)
    const anchor: TextAnchor = { page: 1, start: line.length * 4, end: line.length * 4 + 10, quote: { exact: 'Zustimmung', prefix: '', suffix: '' } }
    const m = reanchor([text.slice(3)], anchor)!
    expect(m.start).toBe(line.length * 4 - 3)
  })

  it('prefers context over distance when text moved far', () => {
    const filler = 'Allgemeine Bestimmungen gelten fort.\n'
    const target = 'Die Verwaltung wird beauftragt, die Planung fortzuführen.\n'
    const old = [filler + target, filler, filler]
    const anchor = anchorOf(old, 1, 'beauftragt')
    // the same word appears on page 1 in another sentence; the original sentence moved to page 3
    const moved = ['Der Ausschuss hat niemanden beauftragt.\n' + filler, filler, filler + target]
    const m = reanchor(moved, anchor)!
    expect(m.page).toBe(3)
  })

  it('finds a long passage edited in the middle by its beginning and end', () => {
    const passage = 'Die Verwaltung wird beauftragt, die Änderung des Bebauungsplans im vereinfachten Verfahren durchzuführen'
    const old = [`Beschluss\n${passage}.\n`]
    const anchor = anchorOf(old, 1, passage)
    const edited = [`Beschluss\n${passage.replace('im vereinfachten Verfahren', 'im Regelverfahren')}.\n`]
    const m = reanchor(edited, anchor)!
    expect(m.changed).toBe(true)
    expect(edited[0].slice(m.start, m.end)).toBe(passage.replace('im vereinfachten Verfahren', 'im Regelverfahren'))
  })

  it('detaches when the text is gone', () => {
    const anchor = anchorOf([page1, page2], 1, 'vereinfachten Verfahren')
    expect(reanchor([page1.replace('vereinfachten Verfahren', 'Regelverfahren'), page2], anchor)).toBeUndefined()
    expect(reanchor([], anchor)).toBeUndefined()
  })

  it('detaches a short quote rather than guessing from its ends', () => {
    const anchor = anchorOf([page1, page2], 1, 'Mühlbach')
    expect(reanchor([page1.replace('Mühlbach', 'Mühlgraben')], anchor)).toBeUndefined()
  })

  it('never anchors a quote without text', () => {
    expect(reanchor([page1], { page: 1, start: 0, end: 2, quote: { exact: ' \n', prefix: '', suffix: '' } })).toBeUndefined()
  })

  it('works without old offsets (ink and notes carry only a page)', () => {
    const m = reanchor([page1, page2], { page: 2, quote: { exact: 'Beschlussvorschlag', prefix: '', suffix: '\nDer Rat' } })!
    expect(m.page).toBe(2)
    expect(m.start).toBe(0)
  })
})
