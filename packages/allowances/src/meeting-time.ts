/**
 * Times of day of attendance periods, as a member reads them on a statement ("17:00–18:30"), in
 * the statute's time zone, and the minutes of presence.
 */
import type { AttendanceRecord } from './calculation-input.ts'

const formatters = new Map<string, Intl.DateTimeFormat>()
/** offset of local time from UTC in minutes, per time zone and UTC hour (offsets change on the hour) */
const offsets = new Map<string, Map<number, number>>()
const MS_PER_HOUR = 3_600_000

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('de-DE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  return f
}

function offsetMinutes(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / MS_PER_HOUR)
  let byHour = offsets.get(timeZone)
  if (!byHour) offsets.set(timeZone, (byHour = new Map()))
  let offset = byHour.get(hour)
  if (offset === undefined) {
    const [h, m] = formatter(timeZone).format(new Date(hour * MS_PER_HOUR)).split(':').map(Number)
    const utcMinutes = ((hour % 24) + 24) % 24 * 60
    offset = (((h * 60 + m - utcMinutes) % 1440) + 2160) % 1440 - 720
    byHour.set(hour, offset)
  }
  return offset
}

/** "17:00" in the time zone (Intl once per hour of UTC, arithmetic for the rest: a year of records is 60,000 times). */
export function formatTimeOfDay(iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  const local = Math.floor(ms / 60_000) + offsetMinutes(ms, timeZone)
  const minutes = ((local % 1440) + 1440) % 1440
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** "17:00–18:30"; several periods "18:00–18:20 und 19:00–19:15"; "ab 17:00" while a period is open */
export function formatPresence(periods: AttendanceRecord['periods'], timeZone: string): string {
  const sorted = [...periods].sort((a, b) => Date.parse(a.arrived) - Date.parse(b.arrived))
  const parts = sorted.map((p) => (p.left === undefined ? `ab ${formatTimeOfDay(p.arrived, timeZone)}` : `${formatTimeOfDay(p.arrived, timeZone)}–${formatTimeOfDay(p.left, timeZone)}`))
  if (parts.length <= 2) return parts.join(' und ')
  return `${parts.slice(0, -1).join(', ')} und ${parts[parts.length - 1]}`
}

/** minutes present (sum of the periods); Infinity while a period is open */
export function presenceMinutes(periods: AttendanceRecord['periods']): number {
  let ms = 0
  for (const p of periods) {
    if (p.left === undefined) return Number.POSITIVE_INFINITY
    ms += Math.max(0, Date.parse(p.left) - Date.parse(p.arrived))
  }
  return Math.floor(ms / 60_000)
}
