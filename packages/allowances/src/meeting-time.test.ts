import { describe, expect, it } from 'vitest'
import { formatPresence, formatTimeOfDay, presenceMinutes } from './meeting-time.ts'

describe('meeting times', () => {
  it('formats times of day in Berlin time, also across the summer time switches', () => {
    const intl = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    // every 7 minutes through the days around both switches of 2026 and a normal day
    for (const start of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z', '2026-06-15T00:00:00Z']) {
      for (let m = 0; m < 3 * 1440; m += 7) {
        const iso = new Date(Date.parse(start) + m * 60_000).toISOString()
        expect(formatTimeOfDay(iso, 'Europe/Berlin')).toBe(intl.format(new Date(iso)))
      }
    }
    expect(formatTimeOfDay('2026-03-12T19:00:00+01:00', 'Europe/Berlin')).toBe('19:00')
    expect(formatTimeOfDay('2026-03-12T19:00:00+01:00', 'Asia/Kolkata')).toBe('23:30')
  })

  it('lists periods and sums presence', () => {
    const periods = [
      { arrived: '2026-03-12T18:00:00+01:00', left: '2026-03-12T18:20:00+01:00' },
      { arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T17:15:00+01:00' },
    ]
    expect(formatPresence(periods, 'Europe/Berlin')).toBe('17:00–17:15 und 18:00–18:20')
    expect(presenceMinutes(periods)).toBe(35)
    expect(presenceMinutes([{ arrived: '2026-03-12T18:00:00+01:00' }])).toBe(Infinity)
    expect(formatPresence([{ arrived: '2026-03-12T18:00:00+01:00' }], 'Europe/Berlin')).toBe('ab 18:00')
  })
})
