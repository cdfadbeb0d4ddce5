/**
 * The portal's calendars and feeds (mounted before the portal pages): iCalendar for all meetings,
 * per body and per meeting; RSS 2.0 and Atom 1.0 of new papers and of upcoming meetings. They read
 * only the public model (`PublicReader`).
 *
 * HTTP caching: a rendered body is kept per path for the current public-model generation (and, for
 * lists that depend on today's date, the current hour); its ETag is a hash of the bytes, so it
 * stays right across restarts. Before a kept body is served, the meetings and papers it shows are
 * checked against the public model again (fail closed: a withdrawn meeting is never served from the
 * cache). `Cache-Control: no-cache` makes clients revalidate; unchanged feeds cost a 304.
 */
import { createHash } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import type { PublicMeeting, PublicReader } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import { meetingEntry, meetingEvent, paperEntries, type FeedContext } from './feed-content.ts'
import { renderCalendar } from './ical-calendar.ts'
import { renderAtom, renderRss, type Feed } from './syndication-feed.ts'

export interface FeedDeps {
  reader: PublicReader
  /** the relay's public origin (PUBLIC_URL) */
  publicUrl: string
  townName: () => string
  /** clock, for tests */
  now?: () => Date
}

const HOUR = 3_600_000
const YEAR = 365 * 24 * HOUR
const PAPER_ENTRIES = 50
const MEETING_ENTRIES = 100

const CALENDAR = 'text/calendar; charset=utf-8'
const RSS = 'application/rss+xml; charset=utf-8'
const ATOM = 'application/atom+xml; charset=utf-8'

interface Rendered {
  body: string
  /** the meetings and papers shown, checked again before the body is served from the cache */
  shows: Array<{ kind: 'meeting' | 'paper' | 'organization'; id: string }>
}

interface CacheEntry extends Rendered {
  generation: number
  hour: number
  etag: string
}

export function feedRoutes(deps: FeedDeps): Hono {
  const app = new Hono()
  const now = () => deps.now?.() ?? new Date()
  const origin = deps.publicUrl.replace(/\/+$/, '')
  const ctx: FeedContext = { reader: deps.reader, origin, host: new URL(origin).host }
  const cache = new Map<string, CacheEntry>()
  let cacheGeneration = -1

  const live = (entry: Rendered) => entry.shows.every((s) => deps.reader.get(s.kind, s.id) !== undefined)

  function serve(c: Context, contentType: string, dependsOnTime: boolean, render: () => Rendered | null): Response {
    const generation = deps.reader.generation
    const hour = dependsOnTime ? Math.floor(now().getTime() / HOUR) : 0
    const key = new URL(c.req.url).pathname
    if (cacheGeneration !== generation) {
      cache.clear()
      cacheGeneration = generation
    }
    let entry = cache.get(key)
    if (!entry || entry.hour !== hour || !live(entry)) {
      const rendered = render()
      if (!rendered) {
        cache.delete(key)
        // the relay's not-found page (the portal's)
        return c.notFound() as Response
      }
      entry = { ...rendered, generation, hour, etag: `W/"${createHash('sha256').update(rendered.body).digest('base64url').slice(0, 22)}"` }
      cache.set(key, entry)
    }
    const headers: Record<string, string> = {
      ETag: entry.etag,
      'Cache-Control': 'public, no-cache',
      'Last-Modified': new Date(deps.reader.lastModified).toUTCString(),
    }
    if (matchesEtag(c.req.header('If-None-Match'), entry.etag)) return c.body(null, 304, headers)
    return c.body(entry.body, 200, { ...headers, 'Content-Type': contentType })
  }

  /** meetings of the last year and all future ones, by start */
  const calendarMeetings = (filter: (m: PublicMeeting) => boolean) => {
    const since = new Date(now().getTime() - YEAR).toISOString()
    return deps.reader
      .all('meeting')
      .filter((m) => filter(m) && new Date(m.start).toISOString() >= since)
      .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime() || a.id.localeCompare(b.id))
  }

  const calendar = (name: string, meetings: PublicMeeting[], extra: Rendered['shows'] = []): Rendered => ({
    body: renderCalendar({
      prodId: `-//Ratstisch//Bürgerinfo ${deps.townName()}//DE`,
      name,
      description: `Öffentliche Sitzungen – Bürgerinfo ${deps.townName()}`,
      events: meetings.map((m) => meetingEvent(ctx, m)),
    }),
    shows: [...extra, ...meetings.map((m) => ({ kind: 'meeting' as const, id: m.id }))],
  })

  app.get(portalPaths.icsAll(), compress(), (c) => serve(c, CALENDAR, true, () => calendar(`Sitzungen – ${deps.townName()}`, calendarMeetings(() => true))))

  app.get('/kalender/:file{.+\\.ics}', compress(), (c) => {
    const organizationId = c.req.param('file').replace(/\.ics$/, '')
    return serve(c, CALENDAR, true, () => {
      const organization = deps.reader.get('organization', organizationId)
      if (!organization) return null
      return calendar(`${organization.name} – ${deps.townName()}`, calendarMeetings((m) => m.organizationId === organization.id), [{ kind: 'organization', id: organization.id }])
    })
  })

  app.get('/sitzungen/:meetingId/termin.ics', (c) => {
    const meetingId = c.req.param('meetingId')
    return serve(c, CALENDAR, false, () => {
      const meeting = deps.reader.get('meeting', meetingId)
      return meeting ? calendar(meeting.name, [meeting]) : null
    })
  })

  const papersFeed = (): Feed & { shows: Rendered['shows'] } => {
    const papers = paperEntries(ctx, PAPER_ENTRIES)
    return {
      title: `Neue Vorlagen – Bürgerinfo ${deps.townName()}`,
      description: `Neu veröffentlichte Vorlagen (Beschlussvorlagen, Anträge, Anfragen, Mitteilungen) der Stadt ${deps.townName()}`,
      selfUrl: '',
      pageUrl: origin + portalPaths.papers(),
      author: deps.townName(),
      updated: deps.reader.lastModified,
      entries: papers.map((p) => p.entry),
      shows: papers.map((p) => ({ kind: 'paper' as const, id: p.paperId })),
    }
  }

  const meetingsFeed = (): Feed & { shows: Rendered['shows'] } => {
    const at = now().getTime()
    const upcoming = deps.reader
      .all('meeting')
      .filter((m) => new Date(m.end ?? m.start).getTime() >= at)
      .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime() || a.id.localeCompare(b.id))
      .slice(0, MEETING_ENTRIES)
    return {
      title: `Kommende Sitzungen – Bürgerinfo ${deps.townName()}`,
      description: `Die nächsten öffentlichen Sitzungen des Stadtrates und seiner Ausschüsse in ${deps.townName()}`,
      selfUrl: '',
      pageUrl: origin + portalPaths.meetings(),
      author: deps.townName(),
      updated: deps.reader.lastModified,
      entries: upcoming.map((m) => meetingEntry(ctx, m)),
      shows: upcoming.map((m) => ({ kind: 'meeting' as const, id: m.id })),
    }
  }

  const feed = (path: string, contentType: string, dependsOnTime: boolean, build: () => Feed & { shows: Rendered['shows'] }, render: (f: Feed) => string) =>
    app.get(path, compress(), (c) =>
      serve(c, contentType, dependsOnTime, () => {
        const f = build()
        return { body: render({ ...f, selfUrl: origin + path }), shows: f.shows }
      }),
    )

  feed(portalPaths.rssPapers(), RSS, false, papersFeed, renderRss)
  feed(portalPaths.atomPapers(), ATOM, false, papersFeed, renderAtom)
  feed(portalPaths.rssMeetings(), RSS, true, meetingsFeed, renderRss)
  feed(portalPaths.atomMeetings(), ATOM, true, meetingsFeed, renderAtom)

  return app
}

/** If-None-Match: a list of (weak or strong) tags or "*"; compared weakly (RFC 9110 13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => bare(tag) === bare(etag))
}
