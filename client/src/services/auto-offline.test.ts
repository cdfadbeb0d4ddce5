import { describe, expect, it } from 'vitest'
import { AUTO_UNPIN_AFTER_MS, autoPinPlan, isUpcoming, MAX_AUTO_PINS, type AutoMeeting } from './auto-offline.ts'

const now = new Date('2026-03-10T12:00:00+01:00')
const meeting = (id: string, start: string, extra: Partial<AutoMeeting> = {}): AutoMeeting => ({
  meetingId: id,
  start,
  state: 'invited',
  organizationId: 'org-bau',
  ...extra,
})
const bodies = new Set(['org-bau', 'org-rat'])

describe('isUpcoming', () => {
  it('invited meetings that have not ended', () => {
    expect(isUpcoming(meeting('m', '2026-03-12T17:00:00+01:00'), now)).toBe(true)
    expect(isUpcoming(meeting('m', '2026-03-01T17:00:00+01:00'), now)).toBe(false)
  })
  it('a running meeting counts until its end', () => {
    expect(isUpcoming(meeting('m', '2026-03-10T10:00:00+01:00', { state: 'running', end: '2026-03-10T14:00:00+01:00' }), now)).toBe(true)
    expect(isUpcoming(meeting('m', '2026-03-10T10:00:00+01:00', { state: 'running' }), now)).toBe(true)
  })
  it('planned, held and cancelled meetings are not kept', () => {
    for (const state of ['planned', 'held', 'cancelled']) expect(isUpcoming(meeting('m', '2026-03-12T17:00:00+01:00', { state }), now)).toBe(false)
  })
})

describe('autoPinPlan', () => {
  const meetings = [
    meeting('next', '2026-03-12T17:00:00+01:00'),
    meeting('later', '2026-04-02T17:00:00+01:00', { organizationId: 'org-rat' }),
    meeting('other-body', '2026-03-13T17:00:00+01:00', { organizationId: 'org-ortschaft' }),
    meeting('planned', '2026-03-20T17:00:00+01:00', { state: 'planned' }),
    meeting('past', '2026-03-01T17:00:00+01:00', { state: 'held' }),
  ]

  it('pins upcoming meetings of my bodies that are not pinned yet, soonest first', () => {
    const plan = autoPinPlan({ meetings, pins: [{ meetingId: 'later', auto: false }], bodies, now, enabled: true })
    expect(plan.pin).toEqual(['next'])
    expect(plan.unpin).toEqual([])
  })

  it('pins nothing while the option is off, but still tidies automatic pins', () => {
    const plan = autoPinPlan({ meetings, pins: [{ meetingId: 'past', auto: true }], bodies, now, enabled: false })
    expect(plan.pin).toEqual([])
    expect(plan.unpin).toEqual(['past'])
  })

  it('removes automatic pins some days after the meeting, never manual ones', () => {
    const ended = meeting('ended', '2026-03-08T17:00:00+01:00', { state: 'held', end: '2026-03-08T20:00:00+01:00' })
    const longAgo = meeting('long-ago', '2026-02-01T17:00:00+01:00', { state: 'held' })
    const plan = autoPinPlan({
      meetings: [ended, longAgo],
      pins: [
        { meetingId: 'ended', auto: true },
        { meetingId: 'long-ago', auto: true },
        { meetingId: 'manual-old', auto: false },
      ],
      bodies,
      now,
      enabled: true,
    })
    // "ended" is over less than AUTO_UNPIN_AFTER_MS ago: kept for the minutes and follow-up
    expect(Date.parse('2026-03-08T20:00:00+01:00') + AUTO_UNPIN_AFTER_MS).toBeGreaterThan(now.getTime())
    expect(plan.unpin).toEqual(['long-ago'])
  })

  it('removes automatic pins of cancelled meetings, of bodies I left and of meetings no longer listed', () => {
    const plan = autoPinPlan({
      meetings: [meeting('cancelled', '2026-03-12T17:00:00+01:00', { state: 'cancelled' }), meeting('left', '2026-03-12T17:00:00+01:00', { organizationId: 'org-old' })],
      pins: [
        { meetingId: 'cancelled', auto: true },
        { meetingId: 'left', auto: true },
        { meetingId: 'gone', auto: true },
      ],
      bodies,
      now,
      enabled: true,
    })
    expect(plan.unpin.sort()).toEqual(['cancelled', 'gone', 'left'])
  })

  it('keeps at most MAX_AUTO_PINS automatic pins', () => {
    const many = Array.from({ length: MAX_AUTO_PINS + 5 }, (_, i) => meeting(`m${String(i).padStart(2, '0')}`, `2026-04-${String(i + 1).padStart(2, '0')}T17:00:00+02:00`))
    const plan = autoPinPlan({ meetings: many, pins: [{ meetingId: 'x', auto: true }], bodies, now, enabled: true })
    expect(plan.pin).toHaveLength(MAX_AUTO_PINS - 1)
    expect(plan.pin[0]).toBe('m00')
  })
})
