/**
 * The leak test (issue 6): the demo town is seeded with RATSTISCH_DEMO_MARKER, which the generator
 * writes into every non-public title, text and file and nowhere else. Then everything an anonymous
 * visitor can reach is crawled — every portal page, download, meeting ZIP (entries unpacked, PDF
 * text extracted), search results, feeds, iCal and the whole OParl API — and the marker must never
 * appear. Positive controls prove that the crawl reaches every kind of page and that the scanner
 * does find the marker where it is (a non-public PDF, the clerk's own API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingConfidentialDoc } from '@ratstisch/domain'
import { LEAK_TEST_MARKER } from '../demo/demo-marker.ts'
import type { Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import { crawlPublic, pdfText, type CrawlReport } from '../testing/public-crawl.ts'
import { portalPaths } from './public-urls.ts'

const MARKER = LEAK_TEST_MARKER
const ORIGIN = 'http://leak-test.example'
let relay: Relay
let report: CrawlReport
const leaks: string[] = []

/** the marker, also as pdf.js or an XML/HTML/JSON escaper might have turned it */
const hasMarker = (text: string) => text.includes(MARKER) || text.replace(/\s+/g, '').includes(MARKER)

beforeAll(async () => {
  relay = await demoRelay({ marker: true, config: { publicUrl: ORIGIN, demoMarker: MARKER } })
  // the marker in lower case: the search folds case, so a leaked text would be found and shown in
  // its own spelling, while the page's echo of the query does not count as a finding
  const searches = [MARKER.toLowerCase(), 'Interner Vermerk', 'Grundstücksangelegenheit', 'Personalangelegenheit', 'vertraulich', 'Dienstgebrauch']
  report = await crawlPublic({
    origin: ORIGIN,
    fetch: async (p) => relay.app.request(`${ORIGIN}${p}`),
    start: [
      portalPaths.home(),
      portalPaths.meetings(),
      portalPaths.papers(),
      portalPaths.organizations(),
      portalPaths.factions(),
      portalPaths.resolutions(),
      portalPaths.icsAll(),
      portalPaths.rssPapers(),
      portalPaths.rssMeetings(),
      portalPaths.atomPapers(),
      portalPaths.atomMeetings(),
      portalPaths.accessibility(),
      portalPaths.imprint(),
      portalPaths.privacy(),
      portalPaths.oparlSystem(),
      ...searches.map((q) => portalPaths.search(q)),
      '/oparl/v1/body',
      '/gibt-es-nicht',
    ],
    maxRequests: 30_000,
    inspect: (body) => {
      if (hasMarker(body.text) || Buffer.from(body.bytes).includes(MARKER)) leaks.push(`${body.path} (${body.contentType})`)
    },
  })
}, 600_000)
afterAll(async () => {
  await relay.close()
})

describe('leak test with RATSTISCH_DEMO_MARKER', () => {
  it('finds the marker nowhere a visitor can reach', () => {
    expect(leaks).toEqual([])
  })

  it('reached every kind of public page, file and feed (the crawl is not empty)', () => {
    const reached = (pattern: RegExp) => report.paths.filter((p) => pattern.test(p)).length
    const coverage = {
      meetingPages: reached(/^\/sitzungen\/[^/?]+$/),
      agendaItemPages: reached(/^\/sitzungen\/[^/]+\/top\//),
      meetingZips: reached(/\/dokumente\.zip$/),
      papers: reached(/^\/vorlagen\/[^/?]+$/),
      organizations: reached(/^\/gremien\/[^/?]+$/),
      persons: reached(/^\/personen\/[^/?]+$/),
      downloads: reached(/^\/dokumente\//),
      calendars: reached(/\.ics$/),
      feeds: reached(/^\/feeds\//),
      searches: reached(/^\/suche/),
      oparl: reached(/^\/oparl\/v1\//),
    }
    const published = relay.publisher
    expect(coverage.meetingPages).toBeGreaterThanOrEqual(published.all('meeting').length)
    expect(coverage.papers).toBeGreaterThanOrEqual(published.all('paper').length)
    expect(coverage.persons).toBeGreaterThanOrEqual(published.all('person').length)
    for (const [kind, count] of Object.entries(coverage)) expect(count, kind).toBeGreaterThan(0)
    expect(report.pdfs).toBeGreaterThan(50)
    expect(report.zipEntries).toBeGreaterThan(10)
    console.log(`[leak] ${report.requests} requests, ${report.pdfs} PDFs read, ${report.zipEntries} ZIP entries; ${JSON.stringify(coverage)}`)
  })

  it('positive control: the marker is in the non-public data and the scanner finds it there', async () => {
    // a non-public agenda item's PDF: the same text extraction the crawl uses finds the marker
    let found = false
    for (const m of relay.meetings.all()) {
      if (!m.confidentialDocId || found) continue
      const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
      for (const item of doc?.agendaItems ?? []) {
        expect(item.title).toContain(MARKER)
        const file = item.files[0]
        if (!file) continue
        const chunks: Buffer[] = []
        for await (const chunk of relay.blobStore.read(file.sha256)) chunks.push(chunk as Buffer)
        expect(hasMarker(await pdfText(new Uint8Array(Buffer.concat(chunks))))).toBe(true)
        // and the public download route refuses it
        const res = await relay.app.request(`${ORIGIN}${portalPaths.file(file.sha256, 'x.pdf')}`)
        expect(res.status).toBe(404)
        found = true
        break
      }
    }
    expect(found).toBe(true)
  })
})
