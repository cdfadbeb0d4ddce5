import { describe, expect, it } from 'vitest'
import { countWords, diffPage, diffVersions } from './version-diff.ts'

describe('countWords', () => {
  it('counts letter and digit runs, umlauts included', () => {
    expect(countWords('Bebauungsplan Nr. 42 „Südlich der Mühle“')).toBe(6)
    expect(countWords(' \n ')).toBe(0)
  })
})

describe('diffPage', () => {
  it('marks inserted and deleted words and counts them', () => {
    const d = diffPage(1, 'Die Kosten betragen 1,2 Mio. Euro.\n', 'Die Kosten betragen voraussichtlich 1,4 Mio. Euro.\n')
    expect(d.status).toBe('changed')
    expect(d.parts.filter((p) => p.kind === 'ins').map((p) => p.text.trim())).toEqual(['voraussichtlich 1,4'])
    expect(d.parts.filter((p) => p.kind === 'del').map((p) => p.text.trim())).toEqual(['1,2'])
    expect(d.inserted).toBe(3)
    expect(d.deleted).toBe(2)
    // reading the parts of the newer side gives the newer text back
    expect(d.parts.filter((p) => p.kind !== 'del').map((p) => p.text).join('')).toBe('Die Kosten betragen voraussichtlich 1,4 Mio. Euro.\n')
    expect(d.parts.filter((p) => p.kind !== 'ins').map((p) => p.text).join('')).toBe('Die Kosten betragen 1,2 Mio. Euro.\n')
  })

  it('treats whitespace-only differences (line breaks moved) as unchanged', () => {
    const d = diffPage(2, 'Der Rat\nbeschließt', 'Der Rat beschließt')
    expect(d.status).toBe('same')
    expect(d.inserted + d.deleted).toBe(0)
  })

  it('falls back to "replaced as a whole" when the word diff runs out of time', () => {
    const a = Array.from({ length: 4000 }, (_, i) => `alt${i}`).join(' ')
    const b = Array.from({ length: 4000 }, (_, i) => `neu${i}`).join(' ')
    const d = diffPage(3, a, b, 0)
    expect(d.approximate).toBe(true)
    expect(d.parts.map((p) => p.kind)).toEqual(['del', 'ins'])
    expect(d.deleted).toBe(4000)
  })
})

describe('diffVersions', () => {
  it('compares page by page and counts pages only one version has', () => {
    const d = diffVersions(['Seite eins', 'Seite zwei alt', 'Anhang A'], ['Seite eins', 'Seite zwei neu'])
    expect(d.pages.map((p) => p.status)).toEqual(['same', 'changed', 'removed'])
    expect(d.changedPages).toBe(2)
    expect(d.totalPages).toBe(3)
    expect(d.deleted).toBe(1 + 2)
    expect(d.inserted).toBe(1)
    const grown = diffVersions(['A'], ['A', 'Neue Seite'])
    expect(grown.pages[1]).toMatchObject({ status: 'added', inserted: 2 })
  })

  it('says when there is no text at all', () => {
    expect(diffVersions(['', ' '], ['']).hasText).toBe(false)
    expect(diffVersions(['x'], ['x']).hasText).toBe(true)
    expect(diffVersions(['x'], ['x']).changedPages).toBe(0)
  })
})
