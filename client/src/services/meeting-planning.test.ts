import { describe, expect, it } from 'vitest'
import { townDateTime } from './meeting-planning.ts'

describe('townDateTime', () => {
  it('gives the Europe/Berlin offset of that day (DST)', () => {
    expect(townDateTime('2027-01-14', '17:00')).toBe('2027-01-14T17:00:00+01:00')
    expect(townDateTime('2027-07-08', '9:30')).toBe('2027-07-08T09:30:00+02:00')
    // the day summer time starts (28 March 2027, 02:00 → 03:00) and ends (31 October 2027)
    expect(townDateTime('2027-03-28', '17:00')).toBe('2027-03-28T17:00:00+02:00')
    expect(townDateTime('2027-03-27', '17:00')).toBe('2027-03-27T17:00:00+01:00')
    expect(townDateTime('2027-10-31', '17:00')).toBe('2027-10-31T17:00:00+01:00')
    expect(new Date(townDateTime('2027-03-28', '17:00')).toISOString()).toBe('2027-03-28T15:00:00.000Z')
  })
})
