import { describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import { berlinLocal, escapeText, foldLine, renderCalendar, utcStamp, type IcalEvent } from './ical-calendar.ts'

/** RFC 5545 3.1: a CRLF followed by one space or tab continues the line. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean)
}

const HOSTILE = '<script>alert("x")</script>, A; B \\ C\nzweite Zeile\u0001\ud800'
const LONG = `Übergroße Überschrift: ${'Größenänderung äöüÄÖÜß '.repeat(8)}`.slice(0, 200)

const event = (extra: Partial<IcalEvent> = {}): IcalEvent => ({
  uid: 'mtg-stadtrat-2026-03-26@rats.example',
  stamp: '2026-03-01T09:00:00.000Z',
  start: '2026-03-26T18:00:00+01:00',
  end: '2026-03-26T21:00:00+01:00',
  summary: 'Sitzung des Stadtrates',
  sequence: 1,
  status: 'CONFIRMED',
  ...extra,
})

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and line breaks, and drops what iCalendar cannot carry', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
    expect(escapeText('x\u0000\u0007\u001b\u007fy\ud800z')).toBe('xyz')
    expect(escapeText('Tab\tbleibt 😀')).toBe('Tab\tbleibt 😀')
  })

  it('folds at 75 octets without splitting a UTF-8 sequence, and unfolding gives the line back', () => {
    const line = `SUMMARY:${escapeText(LONG)}`
    const folded = foldLine(line)
    const physical = folded.split('\r\n')
    expect(physical.length).toBeGreaterThan(3)
    for (const [n, part] of physical.entries()) {
      expect(Buffer.byteLength(part), part).toBeLessThanOrEqual(75)
      if (n > 0) expect(part.startsWith(' ')).toBe(true)
      // each physical line is valid UTF-8 on its own: no sequence was cut
      expect(Buffer.from(Buffer.from(part).toString('utf8')).equals(Buffer.from(part))).toBe(true)
      expect(part).not.toContain('\ufffd')
    }
    expect(unfold(folded + '\r\n')).toEqual([line])
    // emoji (4 octets) are never split either
    const emoji = foldLine(`X:${'😀'.repeat(40)}`)
    for (const part of emoji.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75)
    expect(unfold(emoji)).toEqual([`X:${'😀'.repeat(40)}`])
  })

  it('writes Berlin wall-clock times in winter and summer, UTC stamps with Z', () => {
    expect(berlinLocal('2026-03-26T18:00:00+01:00')).toBe('20260326T180000')
    expect(berlinLocal('2026-07-16T18:00:00+02:00')).toBe('20260716T180000')
    expect(berlinLocal('2026-07-16T16:00:00Z')).toBe('20260716T180000')
    expect(utcStamp('2026-07-16T18:00:00+02:00')).toBe('20260716T160000Z')
  })

  it('renders a calendar that ical.js reads back exactly, hostile text included', () => {
    const text = renderCalendar({
      prodId: '-//Ratstisch//Bürgerinfo Musterstadt//DE',
      name: 'Sitzungen – Musterstadt',
      events: [
        event({ summary: HOSTILE, description: `${LONG}\nÖ 1 Eröffnung`, location: 'Rathaus, Saal; 1. OG', url: 'https://rats.example/sitzungen/a%20b' }),
        event({ uid: 'summer@rats.example', start: '2026-07-16T18:00:00+02:00', end: null, status: 'CANCELLED', sequence: 3 }),
      ],
    })
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    const calendar = new ICAL.Component(ICAL.parse(text))
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!)
    const [winter, summer] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(winter.summary).toBe('<script>alert("x")</script>, A; B \\ C\nzweite Zeile')
    expect(winter.description).toBe(`${LONG}\nÖ 1 Eröffnung`)
    expect(winter.location).toBe('Rathaus, Saal; 1. OG')
    expect(winter.startDate.toJSDate().toISOString()).toBe('2026-03-26T17:00:00.000Z')
    expect(winter.endDate.toJSDate().toISOString()).toBe('2026-03-26T20:00:00.000Z')
    expect(summer.startDate.toJSDate().toISOString()).toBe('2026-07-16T16:00:00.000Z')
    expect(summer.component.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(summer.sequence).toBe(3)
    expect(summer.component.hasProperty('dtend')).toBe(false)
    expect(unfold(text).filter((l) => l.startsWith('DTSTAMP:'))).toEqual(['DTSTAMP:20260301T090000Z', 'DTSTAMP:20260301T090000Z'])
  })
})
