/**
 * Dates, times and sizes as a German reader expects them ("Donnerstag, 12. März 2026, 17:00 Uhr",
 * "1,2 MB"). Meeting times are shown in the town's time zone, not the device's, so a member
 * travelling abroad still sees the time printed on the invitation.
 */
import { currentLocale, INTL_LOCALE, t, type Locale } from './messages.ts'

export const TOWN_TIME_ZONE = 'Europe/Berlin'

const cache = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options)
  let fmt = cache.get(key)
  if (!fmt) cache.set(key, (fmt = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TOWN_TIME_ZONE, ...options })))
  return fmt
}

function parse(iso: string): Date | null {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

/** "17:00 Uhr" (de) / "17:00" (en) */
export function formatTime(iso: string, locale: Locale = currentLocale()): string {
  const d = parse(iso)
  if (!d) return iso
  const time = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
  return locale === 'de' ? `${time} Uhr` : time
}

/** "Donnerstag, 12. März 2026" */
export function formatLongDate(iso: string, locale: Locale = currentLocale()): string {
  const d = parse(iso)
  if (!d) return iso
  return dateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d)
}

/** "Do., 12.03.2026" */
export function formatShortDate(iso: string, locale: Locale = currentLocale()): string {
  const d = parse(iso)
  if (!d) return iso
  return dateTimeFormat(locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d)
}

/** "Donnerstag, 12. März 2026, 17:00 – 19:30 Uhr" */
export function formatMeetingTime(start: string, end?: string, locale: Locale = currentLocale()): string {
  const date = formatLongDate(start, locale)
  const from = formatTime(start, locale)
  if (!end || !parse(end)) return `${date}, ${from}`
  const sameDay = formatLongDate(end, locale) === date
  if (!sameDay) return `${date}, ${from} – ${formatLongDate(end, locale)}, ${formatTime(end, locale)}`
  const fromPlain = from.replace(/ Uhr$/, '')
  return `${date}, ${fromPlain} – ${formatTime(end, locale)}`
}

/** The calendar day of an instant in the town's time zone, "2026-03-12". */
export function townDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? parse(iso) : iso
  if (!d) return ''
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: TOWN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** "812 Bytes", "45 KB", "1,2 MB" (decimal units, as file managers show them) */
export function formatFileSize(bytes: number, locale: Locale = currentLocale()): string {
  const nf = (max: number) => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: max })
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1000) return `${nf(0).format(bytes)} ${bytes === 1 ? 'Byte' : 'Bytes'}`
  if (bytes < 1_000_000) return `${nf(0).format(Math.round(bytes / 1000))} KB`
  if (bytes < 1_000_000_000) return `${nf(1).format(bytes / 1_000_000)} MB`
  return `${nf(1).format(bytes / 1_000_000_000)} GB`
}

export function formatPages(pages: number, locale: Locale = currentLocale()): string {
  return pages === 1 ? t('item.pages.one', undefined, locale) : t('item.pages.other', { count: pages }, locale)
}
