import { describe, expect, it } from 'vitest'
import { formatFileSize, formatLongDate, formatMeetingTime, formatPages, formatShortDate, formatTime, townDay } from './format.ts'
import { de, en, t } from './messages.ts'

describe('German date formatting', () => {
  it('formats a meeting start in the town time zone', () => {
    expect(formatLongDate('2026-03-12T17:00:00+01:00', 'de')).toBe('Donnerstag, 12. März 2026')
    expect(formatTime('2026-03-12T17:00:00+01:00', 'de')).toBe('17:00 Uhr')
    expect(formatShortDate('2026-03-12T17:00:00+01:00', 'de')).toBe('Do., 12.03.2026')
  })

  it('shows Berlin time even for instants given in UTC (summer time)', () => {
    expect(formatTime('2026-06-01T16:30:00Z', 'de')).toBe('18:30 Uhr')
  })

  it('formats a time range on one day', () => {
    expect(formatMeetingTime('2026-03-12T17:00:00+01:00', '2026-03-12T19:30:00+01:00', 'de')).toBe(
      'Donnerstag, 12. März 2026, 17:00 – 19:30 Uhr',
    )
    expect(formatMeetingTime('2026-03-12T17:00:00+01:00', undefined, 'de')).toBe('Donnerstag, 12. März 2026, 17:00 Uhr')
  })

  it('falls back to the raw value for invalid dates', () => {
    expect(formatLongDate('kein Datum', 'de')).toBe('kein Datum')
  })

  it('knows the calendar day in the town', () => {
    expect(townDay('2026-03-12T23:30:00Z')).toBe('2026-03-13')
  })

  it('formats in English too', () => {
    expect(formatTime('2026-03-12T17:00:00+01:00', 'en')).toBe('17:00')
  })
})

describe('sizes and pages', () => {
  it('uses German decimal commas', () => {
    expect(formatFileSize(812, 'de')).toBe('812 Bytes')
    expect(formatFileSize(45_300, 'de')).toBe('45 KB')
    expect(formatFileSize(1_234_567, 'de')).toBe('1,2 MB')
    expect(formatFileSize(1_234_567, 'en')).toBe('1.2 MB')
  })
  it('counts pages', () => {
    expect(formatPages(1, 'de')).toBe('1 Seite')
    expect(formatPages(12, 'de')).toBe('12 Seiten')
  })
})

describe('messages', () => {
  it('has every German key in English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort())
  })
  it('fills placeholders', () => {
    expect(t('app.signedInAs', { name: 'Anna' }, 'de')).toBe('Angemeldet als Anna')
    expect(t('sync.local-only', undefined, 'de')).toBe('Änderungen nur auf diesem Gerät')
  })
})
