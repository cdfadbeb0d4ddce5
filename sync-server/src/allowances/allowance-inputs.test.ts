import type { MeetingDoc } from '@ratstisch/domain'
import { describe, expect, it } from 'vitest'
import { attendanceRecordsOf, berlinDateOf, engineClaimOf, meetingKindOf, meetingWasHeld } from './allowance-inputs.ts'

const meeting = (overrides: Partial<MeetingDoc> = {}): MeetingDoc => ({
  type: 'meeting',
  id: 'm1',
  organization: { id: 'org-bau', name: 'Bauausschuss', shortName: 'Bau' },
  name: '5. Sitzung',
  start: '2026-03-12T17:00:00+01:00',
  location: { description: 'Rathaus' },
  state: 'held',
  agendaItems: [],
  ...overrides,
})

describe('meeting kinds and days', () => {
  it('maps the structure classifications to the engine meeting kinds', () => {
    expect(['Stadtrat', 'Gemeinderat', 'Ausschuss', 'Ortschaftsrat', 'Fraktion', 'Beirat'].map(meetingKindOf)).toEqual(['council', 'council', 'committee', 'localCouncil', 'faction', 'other'])
  })

  it('takes the day in Europe/Berlin, also for a timestamp in UTC after midnight there', () => {
    expect(berlinDateOf('2026-03-12T17:00:00+01:00')).toBe('2026-03-12')
    expect(berlinDateOf('2026-03-12T23:30:00Z')).toBe('2026-03-13')
    expect(berlinDateOf('2026-07-01T22:30:00Z')).toBe('2026-07-02')
    expect(berlinDateOf('12.03.2026')).toBeUndefined()
  })

  it('counts held meetings and meetings the clerk ended; not cancelled or planned ones', () => {
    expect(meetingWasHeld({ state: 'held' })).toBe(true)
    expect(meetingWasHeld({ state: 'running', live: { endedAt: '2026-03-12T19:00:00+01:00' } })).toBe(true)
    expect(meetingWasHeld({ state: 'running' })).toBe(false)
    expect(meetingWasHeld({ state: 'cancelled', live: { endedAt: '2026-03-12T19:00:00+01:00' } })).toBe(false)
  })
})

describe('attendanceRecordsOf', () => {
  it('pays members and substitutes who were present; not guests, staff or the absent', () => {
    const { records } = attendanceRecordsOf(
      meeting({
        attendance: [
          { personId: 'a', name: 'A', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T17:40:00+01:00' }, { arrived: '2026-03-12T18:00:00+01:00' }] },
          { personId: 's', name: 'S', kind: 'substitute', votingRight: true, substituteForPersonId: 'x', periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T19:00:00+01:00' }] },
          { personId: 'x', name: 'X', kind: 'member', votingRight: true, periods: [], note: 'entschuldigt' },
          { personId: 'g', name: 'G', kind: 'guest', votingRight: false, periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] },
          { personId: 'st', name: 'St', kind: 'staff', votingRight: false, periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] },
        ],
      }),
      'committee',
    )
    expect(records).toEqual([
      {
        personId: 'a',
        meetingId: 'm1',
        meetingKind: 'committee',
        organizationId: 'org-bau',
        date: '2026-03-12',
        periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T17:40:00+01:00' }, { arrived: '2026-03-12T18:00:00+01:00' }],
      },
      { personId: 's', meetingId: 'm1', meetingKind: 'committee', organizationId: 'org-bau', date: '2026-03-12', periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T19:00:00+01:00' }], substituteFor: 'x' },
    ])
  })

  it('keeps the expulsion and leaves out malformed periods from a peer, not the meeting', () => {
    const { records, skipped } = attendanceRecordsOf(
      meeting({
        attendance: [
          {
            personId: 'a',
            name: 'A',
            kind: 'member',
            votingRight: true,
            expelledAt: '2026-03-12T18:10:00+01:00',
            periods: [{ arrived: 'gestern' }, { arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T18:10:00+01:00' }],
          },
          { personId: 'b', name: 'B', kind: 'member', votingRight: true, periods: [{ arrived: 17 as unknown as string }] },
        ],
      }),
      'council',
    )
    expect(skipped).toBe(2)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ personId: 'a', expelledAt: '2026-03-12T18:10:00+01:00', periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] })
  })
})

describe('engineClaimOf', () => {
  const base = { personId: 'p', date: '2026-03-12', meetingId: 'm1', note: null, status: 'approved' as const, reason: null, submittedAt: '', submittedBy: 'u', decidedAt: null, decidedBy: null }
  it('turns stored claims into the engine shapes, with the proofs named', () => {
    expect(engineClaimOf({ ...base, id: 'c1', kind: 'travel', data: { mode: 'car', km: 24, inTown: false }, files: [] })).toEqual({
      id: 'c1',
      personId: 'p',
      date: '2026-03-12',
      meetingId: 'm1',
      kind: 'travel',
      mode: 'car',
      km: 24,
      inTown: false,
    })
    expect(
      engineClaimOf({ ...base, id: 'c2', kind: 'lostEarnings', data: { basis: 'employee', minutes: 90, hourlyRateCents: 2800 }, files: [{ sha256: 'x', name: 'Bescheinigung.pdf', mime: 'application/pdf', size: 1 }] }),
    ).toMatchObject({ kind: 'lostEarnings', basis: 'employee', minutes: 90, hourlyRateCents: 2800, proof: 'Bescheinigung.pdf' })
    expect(engineClaimOf({ ...base, id: 'c3', kind: 'care', data: { minutes: 120, receiptCents: 3000 }, files: [] })).toMatchObject({ kind: 'care', minutes: 120, receiptCents: 3000 })
  })
})
