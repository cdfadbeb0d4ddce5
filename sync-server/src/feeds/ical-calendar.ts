/**
 * iCalendar (RFC 5545) for the portal's meeting calendars. A small writer for the one shape the
 * portal needs, because each rule is easy to state and must hold exactly:
 *
 * - lines end in CRLF and are folded at 75 octets, never inside a UTF-8 sequence (a continuation
 *   line starts with one space, which counts);
 * - TEXT values escape backslash, semicolon, comma and line breaks; characters iCalendar does not
 *   allow (controls other than tab, lone surrogates) are dropped, so hostile titles cannot end a
 *   line or forge a property;
 * - times are local to Europe/Berlin with TZID and the calendar carries that VTIMEZONE (CET/CEST
 *   rules since 1996), so clients in any zone show the town's wall-clock time; DTSTAMP, CREATED and
 *   LAST-MODIFIED are UTC.
 */
import { TOWN_TIME_ZONE } from '@ratstisch/search'

export interface IcalEvent {
  uid: string
  /** UTC instants (ISO) */
  stamp: string
  created?: string
  lastModified?: string
  /** ISO with offset; written as Berlin local time */
  start: string
  end?: string | null
  summary: string
  description?: string
  location?: string
  url?: string
  sequence: number
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  categories?: string[]
}

export interface IcalCalendar {
  /** product identifier, e.g. "-//Ratstisch//Bürgerinfo Musterstadt//DE" */
  prodId: string
  name: string
  description?: string
  events: IcalEvent[]
}

const CRLF = '\r\n'
/** controls other than tab, CR and LF, DEL, and lone surrogates (not encodable in UTF-8) */
const NOT_ALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDFFF]/gu

/** A TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(NOT_ALLOWED, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** Folds a content line into lines of at most 75 octets (RFC 5545 3.1), at code point boundaries. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line
  const parts: string[] = []
  let current = ''
  let size = 0
  let limit = 75
  for (const ch of line) {
    const n = Buffer.byteLength(ch)
    if (size + n > limit) {
      parts.push(current)
      current = ''
      size = 0
      // a continuation line begins with a space
      limit = 74
    }
    current += ch
    size += n
  }
  parts.push(current)
  return parts.join(`${CRLF} `)
}

const berlinParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TOWN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "20260312T170000": the instant as wall-clock time in Berlin. */
export function berlinLocal(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date: ${iso}`)
  const p = Object.fromEntries(berlinParts.formatToParts(date).map((x) => [x.type, x.value]))
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`
}

/** "20260312T160000Z" */
export function utcStamp(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date: ${iso}`)
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  `TZID:${TOWN_TIME_ZONE}`,
  `X-LIC-LOCATION:${TOWN_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

/** A URI value: no escaping, but nothing that could end the line. */
function uri(value: string): string {
  return value.replace(/[\u0000-\u0020\u007F]/g, (c) => encodeURIComponent(c))
}

function eventLines(event: IcalEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    ...(event.created ? [`CREATED:${utcStamp(event.created)}`] : []),
    ...(event.lastModified ? [`LAST-MODIFIED:${utcStamp(event.lastModified)}`] : []),
    `DTSTART;TZID=${TOWN_TIME_ZONE}:${berlinLocal(event.start)}`,
    ...(event.end && new Date(event.end) > new Date(event.start) ? [`DTEND;TZID=${TOWN_TIME_ZONE}:${berlinLocal(event.end)}`] : []),
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `STATUS:${event.status}`,
    'CLASS:PUBLIC',
    'TRANSP:OPAQUE',
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${uri(event.url)}`] : []),
    ...(event.categories?.length ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    'END:VEVENT',
  ]
  return lines
}

/** The whole calendar as text (CRLF line ends, folded). */
export function renderCalendar(calendar: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(calendar.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    `X-WR-TIMEZONE:${TOWN_TIME_ZONE}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...VTIMEZONE_BERLIN,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join(CRLF) + CRLF
}
