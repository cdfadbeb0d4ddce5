/**
 * German formatting for the portal pages: dates and times in Europe/Berlin, file sizes, labels of
 * states and results. Pure functions, no I/O.
 */
import type { ConsultationRole, MeetingState } from '@ratstisch/domain'
import type { PublicAgendaItem, PublicAttendance } from '../public/public-model.ts'

const TIME_ZONE = 'Europe/Berlin'

const longDate = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE })
const shortDate = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE })
const time = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE })
const monthYear = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const weekdayDay = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
const ymd = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONE })

/** "Donnerstag, 12. März 2026" */
export const formatLongDate = (iso: string): string => longDate.format(new Date(iso))
/** "12.03.2026" for a date-time; a plain ISO date is taken as that calendar day */
export const formatShortDate = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? shortDate.format(new Date(`${iso}T12:00:00Z`)) : shortDate.format(new Date(iso))
/** "17:00" */
export const formatTime = (iso: string): string => time.format(new Date(iso))
/** "Donnerstag, 12. März 2026, 17:00–19:00 Uhr" */
export function formatMeetingTime(start: string, end: string | null): string {
  const from = formatTime(start)
  const sameDay = end && berlinDate(end) === berlinDate(start)
  return `${formatLongDate(start)}, ${from}${sameDay ? `–${formatTime(end)}` : ''} Uhr`
}
/** "März 2026" for "2026-03" */
export const formatMonth = (month: string): string => monthYear.format(new Date(`${month}-01T00:00:00Z`))
/** "Dienstag, 3. März" for "2026-03-03" */
export const formatWeekdayDay = (isoDate: string): string => weekdayDay.format(new Date(`${isoDate}T00:00:00Z`))

/** the calendar day in Berlin, "2026-03-12" */
export const berlinDate = (isoOrDate: string | Date): string => ymd.format(typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate)

/** "1,2 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Byte`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toLocaleString('de-DE', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`
}

/** "PDF, 3 Seiten, 8,5 KB" */
export function formatFileFacts(file: { mime: string; size: number; pages: number | null }): string {
  const type = FILE_TYPE_LABELS[file.mime] ?? 'Datei'
  const pages = file.pages ? `, ${file.pages === 1 ? '1 Seite' : `${file.pages} Seiten`}` : ''
  return `${type}${pages}, ${formatSize(file.size)}`
}

const FILE_TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG-Bild',
  'image/jpeg': 'JPEG-Bild',
  'image/webp': 'WebP-Bild',
  'image/gif': 'GIF-Bild',
}

export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  planned: 'in Planung',
  invited: 'eingeladen',
  running: 'läuft',
  held: 'abgehalten',
  cancelled: 'abgesagt',
}

export const ATTENDANCE_LABELS: Record<PublicAttendance['kind'], string> = {
  member: 'Mitglieder',
  substitute: 'Vertretungen',
  guest: 'Gäste',
  staff: 'Verwaltung',
}

export const ROLE_LABELS: Record<ConsultationRole, string> = {
  Vorberatung: 'Vorberatung',
  Anhörung: 'Anhörung',
  Entscheidung: 'Entscheidung',
  Kenntnisnahme: 'Kenntnisnahme',
}

/** "Ja 7, Nein 2, Enthaltungen 1" or "einstimmig (7 Ja)" */
export function formatVote(vote: NonNullable<PublicAgendaItem['vote']>): string {
  if (vote.unanimous) return `einstimmig (${vote.yes} Ja)`
  return `Ja ${vote.yes}, Nein ${vote.no}, Enthaltungen ${vote.abstain}`
}

/** "abgehalten · angenommen · Ja 7, Nein 2, Enthaltungen 1", empty when nothing is recorded */
export function formatItemOutcome(item: Pick<PublicAgendaItem, 'status' | 'result' | 'vote' | 'referredTo'>): string {
  const parts: string[] = []
  if (item.status) parts.push(item.status === 'verwiesen' && item.referredTo ? `verwiesen an ${item.referredTo}` : item.status)
  if (item.result) parts.push(item.result)
  if (item.vote) parts.push(formatVote(item.vote))
  return parts.join(' · ')
}

/** "3 weitere Personen" / "1 weitere Person" */
export const morePersons = (n: number): string => (n === 1 ? '1 weitere Person' : `${n} weitere Personen`)

/** ISO date-time of "now" shifted to the Berlin calendar: the ISO month "2026-03" */
export const berlinMonth = (now: Date): string => berlinDate(now).slice(0, 7)
