import { describe, expect, it } from 'vitest'
import type { CatalogueRow } from '../../services/local-db.ts'
import { bodiesOf, defaultFilter, filterMeetings, groupMeetings, meetingEntries } from './meeting-groups.ts'

const row = (meeting: string, start: string, org: [string, string]): CatalogueRow => ({
  documentId: `d-${meeting}`,
  url: `automerge:d-${meeting}`,
  type: 'meeting',
  access: 'read',
  meeting,
  meta: { name: `Sitzung ${meeting}`, start, state: 'invited', organizationId: org[0], organizationName: org[1] },
})

const rat: [string, string] = ['rat', 'Stadtrat']
const bau: [string, string] = ['bau', 'Bauausschuss']
const ort: [string, string] = ['ort', 'Ortschaftsrat Nord']

const rows: CatalogueRow[] = [
  row('a', '2026-03-20T17:00:00+01:00', rat),
  row('b', '2026-03-12T18:00:00+01:00', bau),
  row('c', '2026-02-01T17:00:00+01:00', rat),
  row('d', '2026-03-10T09:00:00+01:00', ort), // earlier today: still upcoming
  row('e', '2026-01-15T17:00:00+01:00', bau),
  { documentId: 'x', url: 'automerge:x', type: 'meeting-confidential', access: 'read', meeting: 'a' },
]

describe('meeting list', () => {
  const now = new Date('2026-03-10T15:00:00+01:00')
  const entries = meetingEntries(rows)

  it('uses only meeting rows with metadata', () => {
    expect(entries.map((e) => e.meetingId)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('puts today and later first (soonest first), then the past (latest first)', () => {
    const { upcoming, past } = groupMeetings(entries, now)
    expect(upcoming.map((e) => e.meetingId)).toEqual(['d', 'b', 'a'])
    expect(past.map((e) => e.meetingId)).toEqual(['c', 'e'])
  })

  it('filters by my bodies, all, or one body', () => {
    const mine = new Set(['rat', 'bau'])
    expect(filterMeetings(entries, 'mine', mine).map((e) => e.meetingId)).toEqual(['a', 'b', 'c', 'e'])
    expect(filterMeetings(entries, 'all', mine)).toHaveLength(5)
    expect(filterMeetings(entries, 'org:ort', mine).map((e) => e.meetingId)).toEqual(['d'])
    expect(defaultFilter(entries, mine)).toBe('mine')
    expect(defaultFilter(entries, new Set())).toBe('all')
  })

  it('lists the bodies alphabetically', () => {
    expect(bodiesOf(entries).map((b) => b.name)).toEqual(['Bauausschuss', 'Ortschaftsrat Nord', 'Stadtrat'])
  })
})
