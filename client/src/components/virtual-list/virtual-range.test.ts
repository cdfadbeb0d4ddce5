import { describe, expect, it } from 'vitest'
import { indexAfterKey, pageSize, rowRange, scrollTopToReveal, tabStopIndex } from './virtual-range.ts'

const state = { scrollTop: 0, viewportHeight: 500, rowHeight: 50, count: 5000, overscan: 5 }

describe('rowRange', () => {
  it('renders the visible rows plus overscan below at the top', () => {
    expect(rowRange(state)).toEqual({ start: 0, end: 15, firstVisible: 0, endVisible: 10, offsetTop: 0, totalHeight: 250_000 })
  })

  it('renders overscan on both sides in the middle and counts partly visible rows', () => {
    const r = rowRange({ ...state, scrollTop: 1025 })
    expect(r.firstVisible).toBe(20)
    // 1025..1525 touches rows 20..30 (row 30 starts at 1500)
    expect(r.endVisible).toBe(31)
    expect([r.start, r.end]).toEqual([15, 36])
    expect(r.offsetTop).toBe(750)
  })

  it('stops at the end of the list, also when the scroll position overshoots', () => {
    const bottom = rowRange({ ...state, scrollTop: 250_000 - 500 })
    expect([bottom.firstVisible, bottom.endVisible, bottom.start, bottom.end]).toEqual([4990, 5000, 4985, 5000])
    expect(rowRange({ ...state, scrollTop: 10_000_000 })).toEqual(bottom)
    expect(rowRange({ ...state, scrollTop: -40 })).toEqual(rowRange(state))
  })

  it('copes with a stale scroll position after the list shrank', () => {
    const r = rowRange({ ...state, count: 3, scrollTop: 90_000 })
    expect(r).toEqual({ start: 0, end: 3, firstVisible: 0, endVisible: 3, offsetTop: 0, totalHeight: 150 })
  })

  it('renders nothing for an empty list or an unknown row height, at least one row before layout', () => {
    expect(rowRange({ ...state, count: 0 }).end).toBe(0)
    expect(rowRange({ ...state, rowHeight: 0 }).end).toBe(0)
    expect(rowRange({ ...state, rowHeight: Number.NaN }).end).toBe(0)
    const unlaid = rowRange({ ...state, viewportHeight: 0, overscan: 0 })
    expect([unlaid.start, unlaid.end]).toEqual([0, 1])
  })

  it('keeps the DOM small whatever the list length', () => {
    for (const count of [10, 1000, 100_000]) {
      const r = rowRange({ ...state, count, scrollTop: (count * 50) / 2 })
      expect(r.end - r.start).toBeLessThanOrEqual(21)
    }
  })
})

describe('scrollTopToReveal', () => {
  it('scrolls up to a row above, down to a row below, and not at all for a visible row', () => {
    expect(scrollTopToReveal(3, 50, 400, 500)).toBe(150)
    expect(scrollTopToReveal(20, 50, 400, 500)).toBe(550)
    expect(scrollTopToReveal(10, 50, 400, 500)).toBe(400)
    // partly visible at the bottom edge: scroll just enough
    expect(scrollTopToReveal(17, 50, 400, 500)).toBe(400)
    expect(scrollTopToReveal(18, 50, 400, 500)).toBe(450)
  })

  it('never scrolls above the top for a viewport smaller than a row', () => {
    expect(scrollTopToReveal(0, 50, 0, 20)).toBe(0)
  })
})

describe('keyboard', () => {
  it('moves by one, by a page and to both ends, clamped', () => {
    expect(indexAfterKey('ArrowDown', 4, 10, 3)).toBe(5)
    expect(indexAfterKey('ArrowDown', 9, 10, 3)).toBe(9)
    expect(indexAfterKey('ArrowUp', 0, 10, 3)).toBe(0)
    expect(indexAfterKey('PageDown', 4, 10, 3)).toBe(7)
    expect(indexAfterKey('PageDown', 8, 10, 3)).toBe(9)
    expect(indexAfterKey('PageUp', 2, 10, 3)).toBe(0)
    expect(indexAfterKey('Home', 7, 10, 3)).toBe(0)
    expect(indexAfterKey('End', 2, 10, 3)).toBe(9)
  })

  it('leaves other keys to the browser and does nothing in an empty list', () => {
    expect(indexAfterKey('Tab', 2, 10, 3)).toBeNull()
    expect(indexAfterKey('Enter', 2, 10, 3)).toBeNull()
    expect(indexAfterKey('ArrowDown', 0, 0, 3)).toBeNull()
  })

  it('pages by the rows that fit, at least one', () => {
    expect(pageSize(500, 50)).toBe(10)
    expect(pageSize(520, 50)).toBe(10)
    expect(pageSize(20, 50)).toBe(1)
    expect(pageSize(500, 0)).toBe(1)
  })

  it('puts the Tab stop on the last focused row while it is rendered, else on the first visible row', () => {
    const r = rowRange({ ...state, scrollTop: 1025 })
    expect(tabStopIndex(17, r)).toBe(17)
    expect(tabStopIndex(400, r)).toBe(20)
    expect(tabStopIndex(0, r)).toBe(20)
  })
})
