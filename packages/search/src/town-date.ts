/**
 * Dates as the town reads them: meetings are dated in Berlin, and a meeting is found by its date
 * written either way ("Donnerstag, 12. März 2026" or "12.03.2026").
 */
export const TOWN_TIME_ZONE = 'Europe/Berlin'

const longDate = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TOWN_TIME_ZONE })
const shortDate = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TOWN_TIME_ZONE })
const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: TOWN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The town's calendar day (YYYY-MM-DD) of an ISO timestamp. */
export function townDate(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10)
  return isoDate.format(d)
}

/** "Donnerstag, 12. März 2026 12.03.2026": searchable words for a meeting's date. */
export function dateWords(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : `${longDate.format(d)} ${shortDate.format(d)}`
}
