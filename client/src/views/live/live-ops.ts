/** Pure helpers of the live meeting view (kept apart from the element so they can be tested in Node). */
import type { AgendaItem } from '@ratstisch/domain'
import { townDay } from '../../i18n/format.ts'
import { townDateTime } from '../../services/meeting-planning.ts'

/** Items the body only takes note of without a vote (Informationsvorlage, Mitteilung). */
export function isNoticeItem(item: Pick<AgendaItem, 'paper'>): boolean {
  const type = item.paper?.paperType ?? ''
  return /informationsvorlage|mitteilung/i.test(type)
}

/** "17:45" (town time, on the town day of `now`) → ISO instant; empty or malformed → now. */
export function instantOf(hhmm: string, now: Date = new Date()): string {
  if (!/^\d{1,2}:\d{2}$/.test(hhmm)) return now.toISOString()
  return new Date(townDateTime(townDay(now), hhmm)).toISOString()
}
