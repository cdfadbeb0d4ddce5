/**
 * The OParl import end to end, against a local fixture server serving the complete SD.NET RIM
 * crawl of Hürtgenwald (from the shared `.tar.zst`, with its list paging and generated PDFs for the
 * file URLs, one in 40 answering 404): counts, audiences, what the public model, the portal, OParl
 * and the member app see, the report of the known quirks; then incremental re-runs (nothing
 * changes; one paper changed on the server updates exactly that paper; one deleted leaves the
 * public record).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingDoc, PaperDoc } from '@ratstisch/domain'
import { SDNET_COUNTS, OParlFixtureServer, oneIn, sdnetSource } from '@ratstisch/oparl/testing'
import type { FileObject } from '@ratstisch/oparl'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { portalPaths } from '../public/public-urls.ts'
import { localIdFor } from './oparl-mapping.ts'

const archive = sharedPath('oparl/real/sdnet-rim-huertgenwald-1.0/cache_huertgenwald.tar.zst')
const fileMissing = oneIn(40)

describe.skipIf(!archive)('import of the SD.NET RIM crawl (OParl 1.0)', () => {
  let relay: Relay
  let server: OParlFixtureServer
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-import-'))
  const base = () => `${server.origin}/rim4220/webservice/oparl/v1.0/body/1`
  const rows = <T>(sql: string, ...params: unknown[]) => relay.db.prepare(sql).all(...params) as T[]

  beforeAll(async () => {
    server = await OParlFixtureServer.start(sdnetSource(archive!), { fileMissing })
    relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
    // the portal search follows the public model in the background (a full rebuild every 250 ms
    // while documents arrive) and extracts the text of every public PDF: not under test while
    // importing (it costs CPU); started again below to check the imported papers are found
    await relay.portalSearch.stop()
    await relay.pdfTexts.stop()
  }, 30_000)
  afterAll(async () => {
    await relay?.close()
    await server?.close()
  })

  it('imports the whole crawl with the expected counts, audiences and report', async () => {
    const started = performance.now()
    const first = relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0, concurrency: 6 })
    expect(first.status).toBe('running')
    const done = (await relay.imports.wait())!
    const seconds = (performance.now() - started) / 1000
    console.log(`[test] SD.NET import: ${seconds.toFixed(1)} s (crawl ${done.timings.crawl.toFixed(1)}, files ${done.timings.files.toFixed(1)}, apply ${done.timings.apply.toFixed(1)}), ${(done.objects / seconds).toFixed(0)} objects/s`)
    expect(done.error).toBeNull()
    expect(done.status).toBe('done')
    const list = (name: string) => done.lists.find((l) => l.list === name)!
    expect(list('paper')).toMatchObject({ objects: SDNET_COUNTS.papers, totalElements: 2115, pages: 85, done: true })
    expect(list('meeting')).toMatchObject({ objects: SDNET_COUNTS.meetings, pages: 15 })
    expect(list('person')).toMatchObject({ objects: SDNET_COUNTS.persons, pages: 2 })
    expect(list('organization')).toMatchObject({ objects: SDNET_COUNTS.organizations, pages: 1 })

    // 18 papers and 21 meetings are tombstones in the capture; 4 "Dienststellen" are departments
    const p = relay.publisher
    await p.reconcile()
    expect(p.all('paper').length).toBe(2115 - 18)
    expect(p.all('meeting').length).toBe(367 - 21)
    expect(p.all('person').length).toBe(49)
    expect(p.all('organization').length).toBe(22 - 4)
    expect(rows('SELECT id FROM departments').length).toBe(4)
    expect(p.all('agenda-item').length).toBe(5106)
    expect(p.all('consultation').length).toBeGreaterThan(2000)

    // files: every downloadable one is in the blob store; the 404s are reported, not fatal
    const files = relay.imports.store.stagedObjects(server.systemUrl).filter((o): o is FileObject => o.kind === 'file')
    const missing = files.filter((f) => fileMissing(new URL(f.downloadUrl!).pathname)).length
    expect(missing).toBeGreaterThan(50)
    expect(done.files).toMatchObject({ total: files.length, downloaded: files.length - missing, missing, failed: 0 })
    const report = new Map(done.report.map((l) => [`${l.outcome}:${l.code}`, l.count]))
    expect(report.get('skipped:file-not-downloadable')).toBe(missing)
    // the SD.NET quirks of the README, each counted
    for (const code of [
      'repaired:body-legislative-term-missing',
      'repaired:ags-leading-zero-lost',
      'repaired:geojson-lat-lon-swapped',
      'repaired:geojson-float-noise',
      'repaired:whitespace-trimmed',
      'repaired:embedded-without-timestamps',
      'skipped:non-spec-property',
      'skipped:vendor-property',
      'repaired:organization-type-nonstandard',
    ]) expect(report.get(code), code).toBeGreaterThan(0)
    expect(report.get('repaired:ags-leading-zero-lost')).toBe(1)
    expect(done.reportFile && fs.existsSync(done.reportFile)).toBeTruthy()
    const reportFile = JSON.parse(fs.readFileSync(done.reportFile!, 'utf8')) as { entries: Array<{ code: string; url: string }> }
    expect(reportFile.entries.filter((e) => e.code === 'file-not-downloadable').length).toBe(missing)
    expect(reportFile.entries.every((e) => e.url.startsWith('http'))).toBe(true)

    // OParl data is public: documents registered for everyone, persons with publish_consent, no e-mail
    const paperUrl = `${base()}/paper/60`
    const paperId = localIdFor('paper', paperUrl)
    const paperRow = rows<{ doc_id: string; state: string; public: number }>('SELECT doc_id, state, public FROM papers WHERE id = ?', paperId)[0]
    expect(paperRow).toMatchObject({ state: 'done', public: 1 })
    expect(relay.registry.get(paperRow.doc_id)!.readers).toEqual(['public'])
    expect(rows('SELECT id FROM persons WHERE publish_consent = 0 OR email IS NOT NULL').length).toBe(0)
    const paper = p.get('paper', paperId)!
    expect(paper).toMatchObject({ reference: '102/2002', name: 'Umbesetzungen im Bauausschuss', equivalent: [paperUrl] })
    expect(paper.attachments.length).toBeGreaterThan(0)
    const person = p.get('person', localIdFor('person', `${base()}/person/13`))!
    expect(person).toMatchObject({ familyName: 'Huppertz', equivalent: [`${base()}/person/13`] })
    expect(p.get('organization', localIdFor('organization', `${base()}/organization/1-9`))!.equivalent).toEqual([`${base()}/organization/1-9`])

    // a meeting with its agenda, results and the paper behind an item
    const meetingId = localIdFor('meeting', `${base()}/meeting/333`)
    const meeting = p.get('meeting', meetingId)!
    expect(meeting).toMatchObject({ state: 'held', equivalent: [`${base()}/meeting/333`], organizationShortName: 'JKV' })
    expect(meeting.agendaItemIds.length).toBe(11)
    const withPaper = meeting.agendaItemIds.map((id) => p.get('agenda-item', id)!).find((i) => i.paperId)
    expect(withPaper).toBeDefined()
    expect(p.get('paper', withPaper!.paperId!)).toBeDefined()

    // the portal, the OParl API and the member app see it
    const page = await relay.app.request(portalPaths.paper(paperId))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Umbesetzungen im Bauausschuss')
    const oparl = await relay.app.request(`/oparl/v1/paper/${encodeURIComponent(paperId)}`)
    expect(oparl.status).toBe(200)
    const exported = (await oparl.json()) as { name: string; equivalent?: string[] }
    expect(exported.name).toBe('Umbesetzungen im Bauausschuss')
    // re-exported under our own URL, with a link to the original
    expect(exported.equivalent).toHaveLength(1)
    expect(exported.equivalent![0]).toMatch(/\/paper\//)
    expect(exported.equivalent![0]).toBe(rows<{ url: string }>("SELECT url FROM import_sources WHERE kind = 'paper' AND local_id = ?", paperId)[0]?.url)
    const member = await relay.users.create({ username: 'leser', name: 'Lea Leser', password: 'leser-passwort-123', roles: ['member'] })
    const source = rows<{ document_id: string }>('SELECT document_id FROM import_sources WHERE url = ?', `${base()}/meeting/333`)[0]
    expect(relay.registry.canRead(member.id, source.document_id)).toBe(true)
    expect(relay.registry.canWrite(member.id, source.document_id)).toBe(false)
    // and the portal search finds it once it caught up
    relay.portalSearch.start()
    await relay.portalSearch.whenIdle()
    const found = relay.portalSearch.search({ q: 'Umbesetzungen Bauausschuss', page: 1, pageSize: 10 })
    expect(JSON.stringify(found)).toContain(paperId)
    await relay.portalSearch.stop()
  }, 180_000)

  it('a second run asks for modified_since and changes nothing', async () => {
    const before = server.requests.length
    relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0, concurrency: 6 })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('done')
    const requests = server.requests.slice(before)
    expect(requests.filter((r) => r.includes('/paper') && !r.includes('modified_since'))).toEqual([])
    expect(done.files.total).toBe(0)
    expect(done.apply).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 })
    expect(rows('SELECT id FROM papers').length).toBe(2115 - 18)
  }, 60_000)

  it('a paper changed on the server updates exactly that paper', async () => {
    const paperUrl = `${base()}/paper/60`
    const paperId = localIdFor('paper', paperUrl)
    const docId = rows<{ doc_id: string }>('SELECT doc_id FROM papers WHERE id = ?', paperId)[0].doc_id
    const generation = relay.publisher.generation
    server.changeObject(paperUrl, (o) => ({ ...o, name: 'Umbesetzungen im Bauausschuss (berichtigt)', modified: new Date(Date.now() + 1000).toISOString() }))
    relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0 })
    const done = (await relay.imports.wait())!
    expect(done.status).toBe('done')
    expect(done.apply).toMatchObject({ created: 0, updated: 1, deleted: 0 })
    const doc = await relay.relayRepo.doc<PaperDoc>(docId as DocumentId)
    expect(doc!.name).toBe('Umbesetzungen im Bauausschuss (berichtigt)')
    expect(rows('SELECT doc_id FROM papers WHERE id = ?', paperId)).toEqual([{ doc_id: docId }])
    await relay.publisher.reconcile()
    expect(relay.publisher.get('paper', paperId)!.name).toBe('Umbesetzungen im Bauausschuss (berichtigt)')
    expect(relay.publisher.generation).toBeGreaterThan(generation)
  }, 60_000)

  it('a meeting deleted on the server leaves the public record (tombstone)', async () => {
    const meetingUrl = `${base()}/meeting/333`
    const meetingId = localIdFor('meeting', meetingUrl)
    server.changeObject(meetingUrl, (o) => ({ id: o.id, created: o.created, modified: new Date(Date.now() + 2000).toISOString(), deleted: true }))
    relay.imports.start({ systemUrl: server.systemUrl, requestsPerSecond: 0 })
    const done = (await relay.imports.wait())!
    // the papers whose consultations named the meeting lose that link; nothing else changes
    const papersOfMeeting = new Set(
      relay.imports.store.stagedObjects(server.systemUrl).flatMap((o) => (o.kind === 'consultation' && o.meetingUrl === meetingUrl && o.paperUrl ? [o.paperUrl] : [])),
    )
    expect(papersOfMeeting.size).toBeGreaterThan(0)
    expect(done.apply).toMatchObject({ created: 0, updated: papersOfMeeting.size, deleted: 1 })
    await relay.publisher.reconcile()
    expect(relay.publisher.get('meeting', meetingId)).toBeUndefined()
    expect(relay.publisher.record('meeting', meetingId)!.deleted).toBe(true)
    const row = relay.meetings.get(meetingId)!
    expect(relay.registry.get(row.publicDocId!)!.readers).not.toContain('public')
    // the office keeps the record
    expect((await relay.relayRepo.doc<MeetingDoc>(row.publicDocId! as DocumentId))!.name).toContain('Ausschuss für Jugend')
  }, 60_000)
})
