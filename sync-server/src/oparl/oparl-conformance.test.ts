/**
 * OParl 1.1 conformance of `/oparl/v1` on the seeded demo town: a crawler starts at the System
 * object and follows every URL; every object validates against the official schemas (from
 * ../shared/oparl, skipped with a note when absent) and the spec rules they do not express; lists
 * page consistently; the crawl finds exactly the public model, and nothing that is not public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingConfidentialDoc } from '@ratstisch/domain'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import type { Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import { crawlOparl, type CrawlReport } from './oparl-crawler.ts'
import { createOparlValidator, listPageViolations, specRuleViolations, type OparlValidator } from './oparl-validator.ts'
import { OPARL_KINDS, OPARL_TYPE_NAMES, OparlUrls } from './oparl-urls.ts'

const schemaDir = sharedPath('oparl/schema')
const examplesDir = sharedPath('oparl/examples')
const validator: OparlValidator | undefined = schemaDir ? createOparlValidator(schemaDir) : undefined
if (!validator) console.warn('[oparl] schema files absent: the crawl runs without schema validation')

type Json = Record<string, any>

describe.skipIf(!schemaDir || !examplesDir)('OParl validator on the official examples', () => {
  const examples = examplesDir ? fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')) : []
  const example = (file: string): Json => JSON.parse(fs.readFileSync(path.join(examplesDir!, file), 'utf8'))

  it('accepts every official 1.1 example (positive control)', () => {
    expect(examples.length).toBe(8)
    for (const file of examples) expect(validator!.validate(example(file), file, { embedded: false }), file).toEqual([])
    // with embedded objects checked too, the spec's own Meeting example shows its one defect
    const embedded = examples.flatMap((file) => validator!.validate(example(file), file))
    expect(embedded).toEqual(["Meeting-01.json/agendaItem/0: must have required property 'order'"])
  })

  it('rejects broken variants (negative control): missing type, bad created, broken embedded object', () => {
    const meeting = example('Meeting-01.json')
    const { type: _type, ...untyped } = meeting
    expect(validator!.validate(untyped, 'untyped')).toEqual(['untyped: unknown type undefined'])
    expect(validator!.validate(untyped, 'as Meeting', { type: 'Meeting' }).join()).toMatch(/must have required property 'type'/)
    expect(validator!.validate({ ...meeting, created: '4. Januar 2013' }, 'm').join()).toMatch(/m\/created: must match format "date-time"/)
    expect(validator!.validate({ ...meeting, created: '2013-01-04T08:00:00' }, 'm').join()).toMatch(/date-time/)
    // embedded objects are checked too: an agenda item without its required `order`
    const item = { ...meeting.agendaItem[0] }
    delete item.order
    expect(validator!.validate({ ...meeting, agendaItem: [item] }, 'm').join()).toMatch(/m\/agendaItem\/0: must have required property 'order'/)
    expect(validator!.validate({ ...meeting, invitation: { ...meeting.invitation, accessUrl: 'not a url' } }, 'm').join()).toMatch(/m\/invitation\/accessUrl: must match format "url"/)
    // rules beyond the schema
    expect(specRuleViolations({ ...meeting, modified: '2011-01-01T00:00:00+01:00' }, 'm').join()).toMatch(/modified .* is before created/)
    const { created: _created, ...undated } = meeting.agendaItem[0]
    expect(specRuleViolations({ ...meeting, agendaItem: [undated] }, 'm')).toEqual(['m/agendaItem/0: created missing'])
    expect(specRuleViolations({ ...meeting, name: null }, 'm')).toEqual(['m/name: null (leave the property out instead)'])
    expect(listPageViolations({ data: [], pagination: { currentPage: 1, totalPages: 2 }, links: {} }, 'p')).toEqual(['p: links.next missing before the last page'])
  })

  it('accepts tombstones and rejects them with leftover data only where asked to', () => {
    const tomb = { id: 'https://oparl.example.org/meeting/1', type: 'https://schema.oparl.org/1.1/AgendaItem', created: '2012-01-06T12:01:00+01:00', modified: '2013-01-06T12:01:00+01:00', deleted: true }
    expect(validator!.validate(tomb, 't')).toEqual([])
    expect(validator!.validate({ ...tomb, deleted: undefined }, 't').join()).toMatch(/order/)
    expect(specRuleViolations({ ...tomb, name: 'x' }, 't', { bareTombstones: true })).toEqual(['t: a deleted object still shows name'])
  })
})

describe('OParl API of the demo town', () => {
  let relay: Relay
  let urls: OparlUrls
  let crawl: CrawlReport
  let dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-oparl-'))
  const get = (url: string, init?: RequestInit) => relay.app.request(url, init)
  const getJson = async (url: string): Promise<Json> => {
    const res = await get(url)
    expect(res.status, url).toBe(200)
    return (await res.json()) as Json
  }
  /** every entry of a list, following links.next */
  const allPages = async (url: string): Promise<Json[]> => {
    const entries: Json[] = []
    for (let next: string | undefined = url; next; ) {
      const page = await getJson(next)
      entries.push(...page.data)
      next = page.links.next
    }
    return entries
  }
  const rows = <T>(sql: string) => relay.db.prepare(sql).all() as T[]

  beforeAll(async () => {
    relay = await demoRelay({ config: { publicUrl: 'https://rats.musterstadt.example', oparlLicense: 'https://creativecommons.org/licenses/by/4.0/' } })
    dataDir = relay.config.dataDir
    urls = new OparlUrls(relay.config.publicUrl)
    const started = performance.now()
    crawl = await crawlOparl({ start: urls.system(), base: urls.base, fetch: (url) => get(url), validator, downloads: true })
    console.log(
      `[oparl] crawl: ${crawl.objects.size} objects, ${crawl.pages.length} list pages, ${crawl.requests} requests, ${crawl.downloads} downloads, ` +
        `${(crawl.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  }, 300_000)
  afterAll(async () => {
    await relay?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('crawls the whole API from /oparl/v1/system without a single problem', () => {
    expect(crawl.problems.slice(0, 30)).toEqual([])
    expect(crawl.pages.length).toBeGreaterThan(20)
    // downloads: every public file once, bytes as its File object says
    expect(crawl.downloads).toBe(relay.publisher.all('file').length)
  })

  it('finds exactly the public model: as many objects per type, tombstones included', () => {
    const p = relay.publisher
    for (const kind of OPARL_KINDS) {
      const live = p.all(kind).length
      const deleted = p.list(kind, { includeDeleted: true }).length - live
      expect(crawl.counts[OPARL_TYPE_NAMES[kind]] ?? { live: 0, deleted: 0 }, kind).toEqual({ live, deleted })
      expect(live, kind).toBeGreaterThan(0)
      for (const object of p.all(kind)) expect(crawl.objects.has(urls.object(kind, object.id)), `${kind} ${object.id}`).toBe(true)
    }
    expect(crawl.counts.System).toEqual({ live: 1, deleted: 0 })
  })

  it('never shows what is not public: planned meetings, non-public items and files, unpublished papers, persons without consent', async () => {
    const text = JSON.stringify([...crawl.objects.values()])
    const ids = new Set([...crawl.objects.keys()])
    const p = relay.publisher
    // planned meetings (their public document is not public yet)
    const planned = relay.meetings.all().filter((m) => !m.publicDocId || !relay.registry.get(m.publicDocId)?.readers.includes('public'))
    expect(planned.length).toBeGreaterThan(0)
    for (const m of planned) expect(ids.has(urls.object('meeting', m.id)), m.id).toBe(false)
    // non-public agenda items and the files only they show
    const publicFiles = new Set(p.all('file').map((f) => f.id))
    let confidentialItems = 0
    let confidentialOnlyFiles = 0
    for (const m of relay.meetings.all()) {
      if (!m.confidentialDocId) continue
      const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
      for (const item of doc?.agendaItems ?? []) {
        confidentialItems++
        expect(text.includes(`/agenda-item/${encodeURIComponent(item.id)}"`), item.id).toBe(false)
        const alsoPublic = p.all('agenda-item').some((i) => i.title === item.title)
        if (item.title && !alsoPublic) expect(text.includes(JSON.stringify(item.title).slice(1, -1)), item.title).toBe(false)
        for (const f of item.files) {
          if (publicFiles.has(f.sha256)) continue
          confidentialOnlyFiles++
          expect(text.includes(f.sha256), f.sha256).toBe(false)
          // asked for directly: neither the object nor the bytes, though the blob is on disk
          expect(await relay.blobStore.exists(f.sha256)).toBe(true)
          expect((await get(urls.object('file', f.sha256))).status).toBe(404)
          expect((await get(urls.download(f.sha256))).status).toBe(404)
        }
      }
    }
    expect(confidentialItems).toBeGreaterThan(0)
    expect(confidentialOnlyFiles).toBeGreaterThan(0)
    // papers that are drafts, not public or not yet released
    const publicPapers = new Set(p.all('paper').map((x) => x.id))
    const hidden = rows<{ id: string; reference: string }>('SELECT id, reference FROM papers').filter((r) => !publicPapers.has(r.id))
    expect(hidden.length).toBeGreaterThan(0)
    for (const r of hidden) expect(text.includes(`/paper/${encodeURIComponent(r.id)}"`), r.id).toBe(false)
    // persons without consent: never an object, never a reference (participants, memberships)
    const without = rows<{ id: string; name: string }>('SELECT id, name FROM persons WHERE publish_consent = 0')
    expect(without.length).toBeGreaterThan(0)
    const persons = [...crawl.objects.values()].filter((o) => o.type === 'https://schema.oparl.org/1.1/Person')
    for (const person of without) {
      expect(text.includes(`/person/${encodeURIComponent(person.id)}"`), person.id).toBe(false)
      // (their names may stand in public texts such as minutes; no Person object names them)
      expect(persons.some((o) => o.name === person.name), person.name).toBe(false)
    }
    // the meetings did record them as present: the references were left out, not absent
    const attendees = new Set(p.all('meeting').flatMap((m) => m.attendance.map((a) => a.personId)))
    expect(without.some((person) => attendees.has(person.id))).toBe(true)
    expect(persons.length).toBe(rows('SELECT id FROM persons WHERE publish_consent = 1').length)
    expect(JSON.stringify(persons)).not.toMatch(/@/)
  })

  it('System and Body as the spec describes them', async () => {
    const system = await getJson(urls.system())
    expect(system).toMatchObject({
      id: urls.system(),
      type: 'https://schema.oparl.org/1.1/System',
      oparlVersion: 'https://schema.oparl.org/1.1/',
      otherOparlVersions: [],
      body: urls.bodies(),
      website: 'https://rats.musterstadt.example/',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    })
    expect(system.vendor).toMatch(/^https:\/\//)
    expect((await get('https://rats.musterstadt.example/oparl/v1')).headers.get('location')).toBe(urls.system())
    const [body] = await allPages(urls.bodies())
    expect(body.name).toContain('Musterstadt')
    expect(body.legislativeTerm.map((t: Json) => t.name)).toEqual(['VIII'])
    for (const list of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership']) {
      expect(body[list], list).toMatch(new RegExp(`^${urls.base}/body/`))
    }
    // a meeting with its embedded agenda, location and files, linking the portal
    const objects = [...crawl.objects.values()] as Json[]
    const meeting = objects.find((o) => o.type.endsWith('/Meeting') && o.meetingState === 'durchgeführt' && o.participant?.length)!
    expect(meeting.agendaItem.length).toBeGreaterThan(0)
    expect(meeting.agendaItem.map((i: Json) => i.order)).toEqual(meeting.agendaItem.map((_: Json, n: number) => n + 1))
    expect(meeting.location.type).toBe('https://schema.oparl.org/1.1/Location')
    expect(meeting.web).toMatch(/^https:\/\/rats\.musterstadt\.example\/sitzungen\//)
    const file = objects.find((o) => o.type.endsWith('/File'))!
    expect(file).toMatchObject({ mimeType: 'application/pdf', fileLicense: 'https://creativecommons.org/licenses/by/4.0/' })
    expect(file.sha512Checksum).toMatch(/^[0-9a-f]{128}$/)
    expect(file.accessUrl).toMatch(/^https:\/\/rats\.musterstadt\.example\/dokumente\/[0-9a-f]{64}\//)
    expect(file.downloadUrl).toBe(`${file.id}/download`)
    expect(file).not.toHaveProperty('sha256')
  })

  it('links the portal: every accessUrl serves the file, a web link of each type its page', async () => {
    const objects = [...crawl.objects.values()] as Json[]
    const files = objects.filter((o) => o.type.endsWith('/File') && !o.deleted)
    for (const file of files) {
      const res = await get(file.accessUrl)
      expect(res.status, file.accessUrl).toBe(200)
      expect((await res.arrayBuffer()).byteLength, file.accessUrl).toBe(file.size)
    }
    const byType = new Map<string, string>()
    for (const o of objects) if (typeof o.web === 'string' && !byType.has(o.type)) byType.set(o.type, o.web)
    expect([...byType.keys()].map((t) => t.replace(/^.*\//, '')).sort()).toEqual(['AgendaItem', 'Body', 'Meeting', 'Organization', 'Paper', 'Person', 'System'])
    for (const [type, web] of byType) {
      const res = await get(web)
      expect(res.status, `${type} ${web}`).toBe(200)
      expect(res.headers.get('content-type'), web).toMatch(/^text\/html/)
    }
  })

  it('answers JSON with CORS, ETag/304 and compression; errors as OParl error objects', async () => {
    const res = await get(urls.system(), { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const list = await get(urls.bodyList('body', 'agenda-item'), { headers: { 'Accept-Encoding': 'gzip' } })
    expect(list.headers.get('content-encoding')).toBe('gzip')
    const etag = list.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    const again = await get(urls.bodyList('body', 'agenda-item'), { headers: { 'If-None-Match': etag, Origin: 'https://example.org' } })
    expect(again.status).toBe(304)
    expect(again.headers.get('access-control-allow-origin')).toBe('*')
    const head = await get(urls.system(), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const sha = relay.publisher.all('file')[0].id
    const download = await get(urls.download(sha), { method: 'HEAD' })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-length')).toBe(String(relay.publisher.get('file', sha)!.size))
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/)
    const preflight = await get(urls.system(), { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET')
    for (const [url, status] of [
      [`${urls.base}/meeting/nope`, 404],
      [`${urls.base}/unknown/x`, 404],
      [`${urls.bodyList('body', 'meeting')}?page=999`, 404],
      [`${urls.bodyList('body', 'meeting')}?modified_since=yesterday`, 400],
      [`${urls.bodyList('body', 'meeting')}?created_until=2026-01-01T00:00:00`, 400],
      [`${urls.bodyList('body', 'meeting')}?limit=0`, 400],
      [`${urls.bodyList('body', 'meeting')}?omit_internal=maybe`, 400],
      [`${urls.bodyList('body', 'meeting')}?after=%%%`, 400],
    ] as const) {
      const r = await get(url)
      expect(r.status, url).toBe(status)
      expect(r.headers.get('access-control-allow-origin'), url).toBe('*')
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
      const error = (await r.json()) as Json
      expect(error.type, url).toBe('https://schema.oparl.org/1.1/Error')
      expect(error.message, url).toBeTruthy()
    }
  })

  it('filters by created and modified times, keeps filters on every link, pages by limit and leaves out embedded objects on request', async () => {
    const papers = await allPages(`${urls.bodyList('body', 'paper')}?limit=250`)
    expect(papers.length).toBe(relay.publisher.list('paper', { includeDeleted: true }).length)
    const times = papers.map((p) => p.modified).sort()
    const since = times[Math.floor(times.length / 2)]
    // "+01:00" form of the same instant, URL-encoded as OParl asks
    const local = new Date(Date.parse(since) + 3_600_000).toISOString().replace('Z', '+01:00')
    const filtered = await allPages(`${urls.bodyList('body', 'paper')}?modified_since=${encodeURIComponent(local)}&limit=10`)
    expect(filtered.length).toBe(times.filter((t) => t >= since).length)
    expect(filtered.length).toBeGreaterThan(0)
    for (const p of filtered) expect(p.modified >= since).toBe(true)
    const firstPage = await getJson(`${urls.bodyList('body', 'paper')}?modified_since=${encodeURIComponent(local)}&limit=10`)
    expect(firstPage.pagination.elementsPerPage).toBe(10)
    for (const link of Object.values(firstPage.links) as string[]) expect(new URL(link).searchParams.get('modified_since')).toBe(since)
    const until = await allPages(`${urls.bodyList('body', 'paper')}?modified_until=${encodeURIComponent(since)}`)
    expect(until.length).toBe(times.filter((t) => t <= since).length)
    const created = papers.map((p) => p.created).sort()[0]
    expect((await allPages(`${urls.bodyList('body', 'paper')}?created_since=${encodeURIComponent(created)}&created_until=${encodeURIComponent(created)}`)).every((p) => p.created === created)).toBe(true)
    // a client cannot ask for giant pages
    expect((await getJson(`${urls.bodyList('body', 'agenda-item')}?limit=100000`)).pagination.elementsPerPage).toBe(250)
    const lean = await getJson(`${urls.bodyList('body', 'meeting')}?omit_internal=true`)
    expect(lean.data.some((m: Json) => 'agendaItem' in m || 'location' in m || 'invitation' in m)).toBe(false)
    expect(lean.links.first).toContain('omit_internal=true')
    const full = await getJson(urls.bodyList('body', 'meeting'))
    expect(full.data.some((m: Json) => m.agendaItem?.length)).toBe(true)
    // an organization's meetings: exactly the public meetings of that body
    const council = relay.publisher.all('organization').find((o) => o.shortName === 'Stadtrat')!
    const own = await allPages(urls.organizationList(council.id, 'meeting'))
    expect(own.map((m) => m.id).sort()).toEqual(relay.publisher.all('meeting').filter((m) => m.organizationId === council.id).map((m) => urls.object('meeting', m.id)).sort())
  })

  it('answers an object that stopped being public as a tombstone, on its URL and in the lists, and bumps what showed it', async () => {
    const p = relay.publisher
    const paper = p.all('paper').find((x) => x.consultationIds.some((c) => p.get('consultation', c)?.agendaItemId))!
    const consultationId = paper.consultationIds.find((c) => p.get('consultation', c)?.agendaItemId)!
    const itemId = p.get('consultation', consultationId)!.agendaItemId!
    const meetingId = p.get('agenda-item', itemId)!.meetingId
    const paperUrl = urls.object('paper', paper.id)
    const before = await getJson(paperUrl)
    const since = new Date(Date.now() - 1).toISOString()
    const row = relay.db.prepare('SELECT doc_id FROM papers WHERE id = ?').get(paper.id) as { doc_id: string }
    const entry = relay.registry.get(row.doc_id)!
    try {
      relay.registry.register({ ...entry, readers: ['office'] })
      // fail closed at once, before the publisher noticed
      expect(Object.keys(await getJson(paperUrl)).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type'])
      await p.reconcile()
      const tomb = await getJson(paperUrl)
      expect(tomb).toEqual({ id: paperUrl, type: 'https://schema.oparl.org/1.1/Paper', created: before.created, modified: tomb.modified, deleted: true })
      expect(tomb.modified >= since).toBe(true)
      if (validator) expect(validator.validate(tomb, 'tomb')).toEqual([])
      // in the list without filters (tombstones are always listed) and with modified_since
      expect((await allPages(urls.bodyList('body', 'paper'))).find((x) => x.id === paperUrl)).toEqual(tomb)
      const changed = await allPages(`${urls.bodyList('body', 'paper')}?modified_since=${encodeURIComponent(since)}`)
      expect(changed.map((x) => x.id)).toEqual([paperUrl])
      // its consultations are gone too, and the agenda item and meeting that linked one changed
      expect((await getJson(urls.object('consultation', consultationId))).deleted).toBe(true)
      const item = await getJson(urls.object('agenda-item', itemId))
      expect(item.consultation).toBeUndefined()
      expect(item.modified >= since).toBe(true)
      const meetings = await allPages(`${urls.bodyList('body', 'meeting')}?modified_since=${encodeURIComponent(since)}`)
      expect(meetings.map((m) => m.id)).toContain(urls.object('meeting', meetingId))
      // a second crawl with the tombstones in place is as clean as the first
      const again = await crawlOparl({ start: urls.system(), base: urls.base, fetch: (url) => get(url), validator })
      expect(again.problems.slice(0, 30)).toEqual([])
      expect(again.counts.Paper.deleted).toBe(crawl.counts.Paper.deleted + 1)
    } finally {
      relay.registry.register(entry)
      await p.reconcile()
    }
    const back = await getJson(paperUrl)
    expect(back.deleted).toBeUndefined()
    expect(back.created).toBe(before.created)
  }, 120_000)

  it('withdrawn consent: the person and their memberships become tombstones and vanish from meetings and organizations', async () => {
    const p = relay.publisher
    const attended = new Set(p.all('meeting').flatMap((m) => m.attendance.map((a) => a.personId)))
    const person = p.all('person').find((x) => attended.has(x.id) && p.all('membership').some((m) => m.personId === x.id))!
    const memberships = p.all('membership').filter((m) => m.personId === person.id)
    const meeting = p.all('meeting').find((m) => m.attendance.some((a) => a.personId === person.id))!
    const personUrl = urls.object('person', person.id)
    expect((await getJson(urls.object('meeting', meeting.id))).participant).toContain(personUrl)
    const since = new Date(Date.now() - 1).toISOString()
    const consent = relay.db.prepare('UPDATE persons SET publish_consent = ? WHERE id = ?')
    try {
      consent.run(0, person.id)
      await p.reconcile()
      expect(Object.keys(await getJson(personUrl)).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type'])
      for (const m of memberships) expect((await getJson(urls.object('membership', m.id))).deleted, m.id).toBe(true)
      const organization = await getJson(urls.object('organization', memberships[0].organizationId))
      expect(organization.membership.some((u: string) => memberships.some((m) => u === urls.object('membership', m.id)))).toBe(false)
      expect(organization.modified >= since).toBe(true)
      const shown = await getJson(urls.object('meeting', meeting.id))
      expect(shown.participant).not.toContain(personUrl)
      expect(shown.modified >= since).toBe(true)
      const changed = await allPages(`${urls.bodyList('body', 'meeting')}?modified_since=${encodeURIComponent(since)}`)
      expect(changed.map((m) => m.id)).toContain(urls.object('meeting', meeting.id))
      const persons = await allPages(`${urls.bodyList('body', 'person')}?modified_since=${encodeURIComponent(since)}`)
      expect(persons.find((x) => x.id === personUrl)?.deleted).toBe(true)
      expect(JSON.stringify(await allPages(urls.bodyList('body', 'membership')))).not.toContain(`"person":"${personUrl}"`)
    } finally {
      consent.run(1, person.id)
      await p.reconcile()
    }
    expect((await getJson(personUrl)).name).toBe(person.name)
  }, 120_000)
})
