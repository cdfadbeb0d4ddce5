/** The meeting list: from catalogue rows to "Kommende" / "Vergangene" groups (pure). */
import { townDay } from '../../i18n/format.ts'
import type { MeetingMeta } from '@ratstisch/domain'
import type { CatalogueRow } from '../../services/local-db.ts'

export interface MeetingListEntry extends MeetingMeta {
  meetingId: string
}

export interface MeetingGroups {
  upcoming: MeetingListEntry[]
  past: MeetingListEntry[]
}

/** "mine": the bodies I sit in; "all": every meeting I may read; otherwise one organization id. */
export type BodyFilter = 'mine' | 'all' | `org:${string}`

export function meetingEntries(rows: readonly CatalogueRow[]): MeetingListEntry[] {
  const entries: MeetingListEntry[] = []
  for (const row of rows) {
    if (row.type !== 'meeting' || !row.meta || !row.meeting) continue
    entries.push({ meetingId: row.meeting, ...row.meta })
  }
  return entries
}

export function filterMeetings(entries: readonly MeetingListEntry[], filter: BodyFilter, myBodies: ReadonlySet<string>): MeetingListEntry[] {
  if (filter === 'all') return [...entries]
  if (filter === 'mine') return entries.filter((e) => myBodies.has(e.organizationId))
  const org = filter.slice('org:'.length)
  return entries.filter((e) => e.organizationId === org)
}

const startMs = (e: MeetingListEntry): number => {
  const ms = Date.parse(e.start)
  return Number.isNaN(ms) ? 0 : ms
}

/** Meetings from today on are upcoming (soonest first); earlier ones are past (latest first). */
export function groupMeetings(entries: readonly MeetingListEntry[], now: Date): MeetingGroups {
  const today = townDay(now)
  const upcoming: MeetingListEntry[] = []
  const past: MeetingListEntry[] = []
  for (const e of entries) (townDay(e.start) >= today ? upcoming : past).push(e)
  const byName = (a: MeetingListEntry, b: MeetingListEntry) => a.organizationName.localeCompare(b.organizationName, 'de')
  upcoming.sort((a, b) => startMs(a) - startMs(b) || byName(a, b))
  past.sort((a, b) => startMs(b) - startMs(a) || byName(a, b))
  return { upcoming, past }
}

/** Bodies that have meetings in the list, for the filter (sorted by German collation). */
export function bodiesOf(entries: readonly MeetingListEntry[]): { id: string; name: string }[] {
  const map = new Map<string, string>()
  for (const e of entries) map.set(e.organizationId, e.organizationName)
  return [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'))
}

/** "mine" when the user sits in a body that has meetings here, else "all" (e.g. clerks). */
export function defaultFilter(entries: readonly MeetingListEntry[], myBodies: ReadonlySet<string>): BodyFilter {
  return entries.some((e) => myBodies.has(e.organizationId)) ? 'mine' : 'all'
}
