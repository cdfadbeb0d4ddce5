/**
 * Calendars and feeds over the seeded demo town: what they contain (public meetings and papers
 * only, titles of public items only), that calendar clients and XML parsers read them back exactly
 * even with hostile titles, stable UIDs, and conditional GET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingConfidentialDoc, MeetingDoc, PaperDoc } from '@ratstisch/domain'
import type { Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import { portalPaths } from '../public/public-urls.ts'
import { feedRoutes } from './feed-routes.ts'

const ORIGIN = 'https://rats.musterstadt.example'
const NOW = new Date('2026-11-01T12:00:00Z')
let relay: Relay
let feeds: ReturnType<typeof feedRoutes>
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-feeds-'))

beforeAll(async () => {
  relay = await demoRelay({ config: { publicUrl: ORIGIN } })
  // the same routes with a fixed clock, so the windows (last year, upcoming) are deterministic
  feeds = feedRoutes({ reader: relay.publisher, publicUrl: ORIGIN, townName: () => 'Musterstadt', now: () => NOW })
}, 120_000)
afterAll(async () => {
  await relay?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const get = (p: string, headers: Record<string, string> = {}) => feeds.request(`${ORIGIN}${p}`, { headers })

interface ParsedEvent {
  uid: string
  summary: string
  description: string
  location: string
  url: string
  status: string
  sequence: number
  start: string
  end: string | null
}

function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const tz = calendar.getFirstSubcomponent('vtimezone')
  expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin')
  ICAL.TimezoneService.register(tz!)
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v)
    expect(v.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin')
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location,
      url: String(v.getFirstPropertyValue('url')),
      status: String(v.getFirstPropertyValue('status')),
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: v.hasProperty('dtend') ? e.endDate.toJSDate().toISOString() : null,
    }
  })
}

function checkLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true)
  // CRLF only, never a bare CR or LF
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75)
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name) })

/** titles that only the non-public part of the town has: non-public items, non-public and draft papers */
async function secretTitles(): Promise<string[]> {
  const p = relay.publisher
  const publicTitles = new Set([...p.all('agenda-item').map((i) => i.title), ...p.all('paper').map((x) => x.name), ...p.all('meeting').map((m) => m.name)])
  const out = new Set<string>()
  for (const m of relay.meetings.all()) {
    if (!m.confidentialDocId) continue
    const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
    for (const item of doc?.agendaItems ?? []) if (!publicTitles.has(item.title)) out.add(item.title)
  }
  for (const row of relay.db.prepare("SELECT doc_id FROM papers WHERE public = 0 OR state = 'draft'").all() as Array<{ doc_id: string }>) {
    const doc = await relay.relayRepo.doc<PaperDoc>(row.doc_id as DocumentId)
    if (doc && !publicTitles.has(doc.name)) out.add(doc.name)
  }
  // meetings still being planned (office only)
  for (const m of relay.meetings.all()) if (!p.get('meeting', m.id) && !publicTitles.has(m.name)) out.add(m.name)
  return [...out]
}

describe('iCalendar feeds', () => {
  it('all meetings: the last year and every future one, RFC 5545 lines, Berlin times, stable UIDs', async () => {
    const res = await get(portalPaths.icsAll())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const text = await res.text()
    checkLines(text)
    const events = parseCalendar(text)
    const since = new Date(NOW.getTime() - 365 * 24 * 3600_000)
    const expected = relay.publisher.all('meeting').filter((m) => new Date(m.start) >= since)
    expect(expected.length).toBeGreaterThan(20)
    expect(events.map((e) => e.uid).sort()).toEqual(expected.map((m) => `${m.id}@rats.musterstadt.example`).sort())
    for (const m of expected) {
      const e = events.find((x) => x.uid === `${m.id}@rats.musterstadt.example`)!
      expect(e.start).toBe(new Date(m.start).toISOString())
      if (m.end) expect(e.end).toBe(new Date(m.end).toISOString())
      expect(e.url).toBe(`${ORIGIN}/sitzungen/${encodeURIComponent(m.id)}`)
      expect(e.sequence).toBe(m.agendaVersion + (m.state === 'cancelled' ? 1 : 0))
      expect(e.status).toBe(m.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')
      expect(e.location).toContain('Musterstadt')
      // the public agenda, titles only
      for (const id of m.agendaItemIds) expect(e.description).toContain(relay.publisher.get('agenda-item', id)!.title)
    }
    expect(events.some((e) => e.status === 'CANCELLED')).toBe(true)
    // the same meeting has the same UID in every calendar
    const perBody = parseCalendar(await (await get(portalPaths.icsOrganization('org-stadtrat'))).text())
    const single = parseCalendar(await (await get(portalPaths.meetingIcs(perBody[0].uid.split('@')[0]))).text())
    expect(single).toHaveLength(1)
    expect(single[0]).toEqual(perBody[0])
  })

  it('per body: only that body; unknown bodies and meetings not (yet) public are not found', async () => {
    const events = parseCalendar(await (await get(portalPaths.icsOrganization('org-bauausschuss'))).text())
    expect(events.length).toBeGreaterThan(3)
    for (const e of events) expect(relay.publisher.get('meeting', e.uid.split('@')[0])!.organizationId).toBe('org-bauausschuss')
    expect((await get(portalPaths.icsOrganization('org-gibt-es-nicht'))).status).toBe(404)
    const planned = relay.meetings.all().find((m) => !relay.publisher.get('meeting', m.id))!
    expect(planned).toBeDefined()
    expect((await get(portalPaths.meetingIcs(planned.id))).status).toBe(404)
  })

  it('the relay serves them before the portal pages', async () => {
    const res = await relay.app.request(`${ORIGIN}${portalPaths.icsAll()}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const meeting = relay.publisher.all('meeting')[0]
    expect((await relay.app.request(`${ORIGIN}${portalPaths.meetingIcs(meeting.id)}`)).status).toBe(200)
    expect((await relay.app.request(`${ORIGIN}${portalPaths.rssPapers()}`)).headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
  })
})

describe('RSS and Atom feeds', () => {
  it('new papers: public papers only, absolute links, stable guids, self link', async () => {
    for (const [p, type] of [
      [portalPaths.rssPapers(), 'application/rss+xml; charset=utf-8'],
      [portalPaths.atomPapers(), 'application/atom+xml; charset=utf-8'],
    ] as const) {
      const res = await get(p)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      expect(XMLValidator.validate(await res.clone().text())).toBe(true)
    }
    const rss = parser.parse(await (await get(portalPaths.rssPapers())).text()).rss.channel
    expect(rss['atom:link']['@href']).toBe(`${ORIGIN}/feeds/vorlagen.rss`)
    expect(rss.item.length).toBe(Math.min(50, relay.publisher.all('paper').length))
    const publicPapers = new Map(relay.publisher.all('paper').map((x) => [`${ORIGIN}/vorlagen/${encodeURIComponent(x.id)}`, x]))
    for (const item of rss.item) {
      expect(publicPapers.has(item.guid['#text']), item.guid['#text']).toBe(true)
      expect(item.link[0]).toBe(item.guid['#text'])
      const paper = publicPapers.get(item.guid['#text'])!
      expect(item.title).toBe(`${paper.reference}: ${paper.name}`)
    }
    const atom = parser.parse(await (await get(portalPaths.atomPapers())).text()).feed
    expect(atom.id).toBe(`${ORIGIN}/feeds/vorlagen.atom`)
    expect(atom.entry.map((e: { id: string }) => e.id)).toEqual(rss.item.map((i: { guid: { '#text': string } }) => i.guid['#text']))
  })

  it('upcoming meetings: from now on, in order', async () => {
    const rss = parser.parse(await (await get(portalPaths.rssMeetings())).text()).rss.channel
    const upcoming = relay.publisher.all('meeting').filter((m) => new Date(m.end ?? m.start) >= NOW)
    expect(rss.item.length).toBe(upcoming.length)
    const starts = rss.item.map((i: { guid: { '#text': string } }) => relay.publisher.get('meeting', decodeURIComponent(i.guid['#text'].split('/').pop()!))!.start)
    expect(starts.map((s: string) => new Date(s).getTime())).toEqual([...starts].map((s: string) => new Date(s).getTime()).sort((a: number, b: number) => a - b))
    const atom = parser.parse(await (await get(portalPaths.atomMeetings())).text()).feed
    expect(XMLValidator.validate(await (await get(portalPaths.atomMeetings())).text())).toBe(true)
    expect(atom.entry).toHaveLength(upcoming.length)
    expect(atom.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe(`${ORIGIN}/feeds/sitzungen.atom`)
  })

  it('no calendar or feed names anything that is not public', async () => {
    const secrets = await secretTitles()
    expect(secrets.length).toBeGreaterThan(10)
    const bodies: string[] = []
    for (const p of [portalPaths.icsAll(), portalPaths.rssPapers(), portalPaths.atomPapers(), portalPaths.rssMeetings(), portalPaths.atomMeetings()]) bodies.push(await (await get(p)).text())
    for (const o of relay.publisher.all('organization')) bodies.push(await (await get(portalPaths.icsOrganization(o.id))).text())
    // read back as text, as clients see it
    const texts = bodies.map((b) => (b.startsWith('BEGIN:VCALENDAR') ? b.replace(/\r\n[ \t]/g, '').replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1') : JSON.stringify(parser.parse(b))))
    for (const secret of secrets) for (const text of texts) expect(text.includes(secret), secret).toBe(false)
  })
})

describe('hostile titles and conditional GET', () => {
  const HOSTILE_MEETING = `<script>alert(1)</script>, Sitzung; mit \\ Backslash\nund Zeile\u0001 ${'Überörtliche Straßenbaumaßnahme '.repeat(6)}`.slice(0, 200)
  const HOSTILE_ITEM = '</title><script>x</script> & "TOP", A;B'
  const HOSTILE_PAPER = ']]><!-- <item> & \'Vorlage\' ä'

  it('survive folding, escaping and XML, and read back as written', async () => {
    const p = relay.publisher
    const meeting = p.all('meeting').find((m) => new Date(m.start) > NOW && m.agendaItemIds.length > 0)!
    const docId = relay.meetings.get(meeting.id)!.publicDocId!
    const original = (await relay.relayRepo.doc<MeetingDoc>(docId as DocumentId))!
    const firstItem = meeting.agendaItemIds[0]
    p.onDocument(docId, { ...original, name: HOSTILE_MEETING, agendaItems: original.agendaItems.map((i) => (i.id === firstItem ? { ...i, title: HOSTILE_ITEM } : i)) })
    const paper = p.all('paper')[0]
    const paperDocId = (relay.db.prepare('SELECT doc_id FROM papers WHERE id = ?').get(paper.id) as { doc_id: string }).doc_id
    const paperDoc = (await relay.relayRepo.doc<PaperDoc>(paperDocId as DocumentId))!
    p.onDocument(paperDocId, { ...paperDoc, name: HOSTILE_PAPER })
    try {
      const ics = await (await get(portalPaths.meetingIcs(meeting.id))).text()
      checkLines(ics)
      const [event] = parseCalendar(ics)
      const stripped = HOSTILE_MEETING.replace('\u0001', '')
      expect(event.summary).toBe(stripped)
      expect(event.description).toContain(HOSTILE_ITEM)
      expect(event.uid).toBe(`${meeting.id}@rats.musterstadt.example`)
      const all = parseCalendar(await (await get(portalPaths.icsAll())).text())
      expect(all.find((e) => e.uid === event.uid)!.summary).toBe(stripped)

      for (const feedPath of [portalPaths.rssMeetings(), portalPaths.atomMeetings(), portalPaths.rssPapers(), portalPaths.atomPapers()]) {
        const xml = await (await get(feedPath)).text()
        expect(XMLValidator.validate(xml), feedPath).toBe(true)
        expect(xml).not.toContain('<script>')
        expect(xml).not.toContain('</title><script>')
      }
      const rss = parser.parse(await (await get(portalPaths.rssMeetings())).text()).rss.channel
      const entry = rss.item.find((i: { guid: { '#text': string } }) => i.guid['#text'].endsWith(encodeURIComponent(meeting.id)))
      expect(entry.title.startsWith(stripped)).toBe(true)
      expect(entry.description).toContain(HOSTILE_ITEM)
      const atom = parser.parse(await (await get(portalPaths.atomPapers())).text()).feed
      expect(atom.entry.some((e: { title: { '#text': string } }) => e.title['#text'] === `${paper.reference}: ${HOSTILE_PAPER}`)).toBe(true)
    } finally {
      p.onDocument(docId, original)
      p.onDocument(paperDocId, paperDoc)
    }
  })

  it('answers 304 to a matching ETag until the public model changes, and never serves a withdrawn meeting from the cache', async () => {
    const first = await get(portalPaths.icsAll())
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/".+"$/)
    expect(first.headers.get('cache-control')).toBe('public, no-cache')
    expect(first.headers.get('last-modified')).toBeTruthy()
    const again = await get(portalPaths.icsAll(), { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect((await get(portalPaths.icsAll(), { 'If-None-Match': `"other", ${etag.replace(/^W\//, '')}` })).status).toBe(304)
    expect((await get(portalPaths.rssPapers(), { 'If-None-Match': etag })).status).toBe(200)

    // a meeting stops being public: gone at once
    const meeting = relay.publisher.all('meeting').find((m) => new Date(m.start) > NOW)!
    const docId = relay.meetings.get(meeting.id)!.publicDocId!
    const entry = relay.registry.get(docId)!
    const generation = relay.publisher.generation
    relay.registry.register({ ...entry, readers: ['office'] })
    try {
      const changed = await get(portalPaths.icsAll(), { 'If-None-Match': etag })
      expect(changed.status).toBe(200)
      expect(changed.headers.get('etag')).not.toBe(etag)
      expect(parseCalendar(await changed.text()).some((e) => e.uid.startsWith(`${meeting.id}@`))).toBe(false)
      expect((await get(portalPaths.meetingIcs(meeting.id))).status).toBe(404)
      // the publisher writes the tombstone: a new generation, still without the meeting
      await relay.publisher.reconcile()
      expect(relay.publisher.generation).toBeGreaterThan(generation)
      expect(parseCalendar(await (await get(portalPaths.icsAll())).text()).some((e) => e.uid.startsWith(`${meeting.id}@`))).toBe(false)
    } finally {
      relay.registry.register(entry)
      await relay.publisher.reconcile()
    }
    // public again: served again (the old ETag matches only if the publisher kept its times)
    const back = await get(portalPaths.icsAll())
    expect(parseCalendar(await back.text()).some((e) => e.uid.startsWith(`${meeting.id}@`))).toBe(true)
    expect((await get(portalPaths.icsAll(), { 'If-None-Match': back.headers.get('etag')! })).status).toBe(304)
  })
})
