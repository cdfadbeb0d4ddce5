/** Deadlines typed as the town's wall-clock time become the right instant, summer and winter. */
import { describe, expect, it } from 'vitest'
import { townInstant } from './outcomes-data.ts'

describe('townInstant', () => {
  it('uses CET in winter and CEST in summer', () => {
    expect(townInstant('2026-12-05', '12:00')).toBe('2026-12-05T11:00:00.000Z')
    expect(townInstant('2026-07-01', '18:30')).toBe('2026-07-01T16:30:00.000Z')
  })

  it('handles the days the clocks change', () => {
    expect(townInstant('2026-03-29', '12:00')).toBe('2026-03-29T10:00:00.000Z')
    expect(townInstant('2026-10-25', '12:00')).toBe('2026-10-25T11:00:00.000Z')
    expect(townInstant('2026-03-29', '01:00')).toBe('2026-03-29T00:00:00.000Z')
  })
})
