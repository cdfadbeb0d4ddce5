import { describe, expect, it } from 'vitest'
import { instantOf, isNoticeItem } from './live-ops.ts'

describe('live meeting helpers', () => {
  it('reads a typed time as town time of the day (winter and summer offsets)', () => {
    expect(instantOf('17:45', new Date('2027-01-14T12:00:00Z'))).toBe('2027-01-14T16:45:00.000Z')
    expect(instantOf('17:45', new Date('2027-07-14T12:00:00Z'))).toBe('2027-07-14T15:45:00.000Z')
    // late evening UTC is already the next day in Berlin
    expect(instantOf('00:30', new Date('2027-01-14T23:10:00Z'))).toBe('2027-01-14T23:30:00.000Z')
  })

  it('takes now for an empty or malformed time', () => {
    const now = new Date('2027-01-14T12:00:00Z')
    expect(instantOf('', now)).toBe(now.toISOString())
    expect(instantOf('7.30', now)).toBe(now.toISOString())
  })

  it('lets information papers and communications be noted without a vote', () => {
    expect(isNoticeItem({ paper: { id: 'p', url: 'automerge:x', reference: 'IV 1', name: 'x', paperType: 'Informationsvorlage' } })).toBe(true)
    expect(isNoticeItem({ paper: { id: 'p', url: 'automerge:x', reference: 'M 1', name: 'x', paperType: 'Mitteilung' } })).toBe(true)
    expect(isNoticeItem({ paper: { id: 'p', url: 'automerge:x', reference: 'BV 1', name: 'x', paperType: 'Beschlussvorlage' } })).toBe(false)
    expect(isNoticeItem({})).toBe(false)
  })
})
