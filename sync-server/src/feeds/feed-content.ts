/**
 * What the calendars and feeds say about meetings and papers, from the public model only
 * (`PublicReader`): a meeting's event (with its public agenda, titles only) and the feed entries of
 * upcoming meetings and newly published papers. Deep links come from `portalPaths`, made absolute
 * with the relay's public URL.
 */
import { formatLocation } from '@ratstisch/domain'
import { TOWN_TIME_ZONE } from '@ratstisch/search'
import type { PublicMeeting, PublicReader } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import type { IcalEvent } from './ical-calendar.ts'
import type { FeedEntry } from './syndication-feed.ts'

const dateTime = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TOWN_TIME_ZONE })
const day = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })

/** "Donnerstag, 12.03.2026, 17:00 Uhr" */
export const germanDateTime = (iso: string): string => `${dateTime.format(new Date(iso))} Uhr`
/** "28.10.2026" for an ISO date */
export const germanDay = (isoDate: string): string => day.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))

export interface FeedContext {
  reader: PublicReader
  /** absolute origin, without a trailing slash */
  origin: string
  /** host part of the public URL, for iCalendar UIDs */
  host: string
}

/** "Ö 1 Eröffnung …": the public agenda, titles only, sub-items indented. */
export function agendaLines(reader: PublicReader, meeting: PublicMeeting): string[] {
  const lines: string[] = []
  for (const id of meeting.agendaItemIds) {
    const item = reader.get('agenda-item', id)
    if (!item) continue
    lines.push(`${item.parentId ? '  ' : ''}${[item.number, item.title].filter(Boolean).join(' ')}`)
  }
  return lines
}

export function meetingEvent(ctx: FeedContext, meeting: PublicMeeting): IcalEvent {
  const record = ctx.reader.record('meeting', meeting.id)
  const url = ctx.origin + portalPaths.meeting(meeting.id)
  const cancelled = meeting.state === 'cancelled'
  const agenda = agendaLines(ctx.reader, meeting)
  const description = [
    meeting.organizationName,
    ...(cancelled ? [`Die Sitzung ist abgesagt.${meeting.cancelledReason ? ` ${meeting.cancelledReason}` : ''}`] : []),
    ...(agenda.length ? ['', 'Öffentliche Tagesordnung:', ...agenda] : []),
    '',
    `Sitzungsseite: ${url}`,
  ].join('\n')
  return {
    uid: `${meeting.id}@${ctx.host}`,
    // when the public meeting last changed: stable across requests, so ETags hold
    stamp: record?.modified ?? meeting.start,
    ...(record ? { created: record.created, lastModified: record.modified } : {}),
    start: meeting.start,
    end: meeting.end,
    summary: `${cancelled ? 'Abgesagt: ' : ''}${meeting.name}`,
    description,
    location: formatLocation(meeting.location),
    url,
    // the release version of the agenda; a cancellation is one revision more
    sequence: meeting.agendaVersion + (cancelled ? 1 : 0),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    categories: [meeting.organizationShortName || meeting.organizationName],
  }
}

export function meetingEntry(ctx: FeedContext, meeting: PublicMeeting): FeedEntry {
  const record = ctx.reader.record('meeting', meeting.id)
  const cancelled = meeting.state === 'cancelled'
  const agenda = agendaLines(ctx.reader, meeting)
  const where = formatLocation(meeting.location)
  return {
    url: ctx.origin + portalPaths.meeting(meeting.id),
    title: `${cancelled ? 'Abgesagt: ' : ''}${meeting.name} – ${germanDateTime(meeting.start)}`,
    summary: [
      `${meeting.organizationName}, ${germanDateTime(meeting.start)}${where ? `, ${where}` : ''}.`,
      ...(cancelled ? [`Die Sitzung ist abgesagt.${meeting.cancelledReason ? ` ${meeting.cancelledReason}` : ''}`] : []),
      ...(agenda.length ? [`Öffentliche Tagesordnung: ${agenda.map((l) => l.trim()).join('; ')}`] : []),
    ].join(' '),
    published: meeting.releasedAt ?? record?.created ?? meeting.start,
    updated: record?.modified ?? meeting.releasedAt ?? meeting.start,
    categories: [meeting.organizationName],
  }
}

/** Newly published papers first (publication time, then the paper's date), with their ids. */
export function paperEntries(ctx: FeedContext, limit: number): Array<{ paperId: string; entry: FeedEntry }> {
  const entries: Array<FeedEntry & { date: string; paperId: string }> = []
  for (const record of ctx.reader.list('paper')) {
    const paper = ctx.reader.get('paper', record.id)
    if (!paper) continue
    entries.push({
      url: ctx.origin + portalPaths.paper(paper.id),
      title: `${paper.reference}: ${paper.name}`,
      summary: [`${paper.paperType} vom ${germanDay(paper.date)}, ${paper.department}.`, paper.summary].filter(Boolean).join(' '),
      published: record.created,
      updated: record.modified,
      categories: [paper.paperType],
      date: paper.date,
      paperId: paper.id,
    })
  }
  entries.sort((a, b) => b.published.localeCompare(a.published) || b.date.localeCompare(a.date) || a.url.localeCompare(b.url))
  return entries.slice(0, limit).map(({ date: _date, paperId, ...entry }) => ({ paperId, entry }))
}
