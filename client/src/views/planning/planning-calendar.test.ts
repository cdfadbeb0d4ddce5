import { describe, expect, it } from 'vitest'
import { monthWeeks, shiftMonth } from './planning-calendar.ts'

describe('planning calendar', () => {
  it('lays out a month in Monday-first weeks', () => {
    const weeks = monthWeeks('2027-03')
    // 1 March 2027 is a Monday, 31 March a Wednesday
    expect(weeks[0][0]).toBe('2027-03-01')
    expect(weeks).toHaveLength(5)
    expect(weeks[4].slice(0, 4)).toEqual(['2027-03-29', '2027-03-30', '2027-03-31', null])
    const feb = monthWeeks('2026-02')
    // 1 February 2026 is a Sunday
    expect(feb[0]).toEqual([null, null, null, null, null, null, '2026-02-01'])
    expect(feb.flat().filter(Boolean)).toHaveLength(28)
  })

  it('moves between months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2027-01', -1)).toBe('2026-12')
  })
})
