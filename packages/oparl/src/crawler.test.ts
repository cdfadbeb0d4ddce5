/**
 * The crawl over the fixture server with the complete SD.NET RIM capture (list paging as on the
 * live server), with an in-memory store: counts, checkpoints and resume after a page that keeps
 * failing, modified_since on the next run, next links under a foreign host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { decompress } from 'fzstd'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { OParlCrawler, type CrawledPage, type CrawlStore } from './crawler.ts'
import { OParlHttpClient } from './http-client.ts'
import type { ReportEntry } from './import-report.ts'
import { mergeObjects, type OParlObject } from './model.ts'
import { OParlFixtureServer, SDNET_COUNTS, readTar, sdnetSource, type FixtureSource } from './testing/index.ts'

const archive = sharedPath('oparl/real/sdnet-rim-huertgenwald-1.0/cache_huertgenwald.tar.zst')

class MemoryStore implements CrawlStore {
  objects = new Map<string, OParlObject>()
  entries: ReportEntry[] = []
  positions = new Map<string, { nextUrl: string | null; done: boolean }>()
  baselines = new Map<string, string>()
  pages: CrawledPage[] = []
  position(key: string) {
    return this.positions.get(key)
  }
  since(key: string) {
    return this.baselines.get(key) ?? null
  }
  savePage(page: CrawledPage) {
    this.pages.push(page)
    for (const o of page.objects) {
      const existing = this.objects.get(o.url)
      this.objects.set(o.url, existing ? mergeObjects(existing, o) : o)
    }
    this.entries.push(...page.entries)
    if (page.listKey.includes('#')) this.positions.set(page.listKey, { nextUrl: page.nextUrl, done: !page.nextUrl })
  }
  missingReferences() {
    return []
  }
  count(kind: string, deleted?: boolean) {
    return [...this.objects.values()].filter((o) => o.kind === kind && !o.embeddedIn && (deleted === undefined || o.deleted === deleted)).length
  }
}

describe.skipIf(!archive)('crawl of the SD.NET RIM capture', () => {
  let server: OParlFixtureServer
  let source: FixtureSource
  beforeAll(async () => {
    source = sdnetSource(archive!)
    server = await OParlFixtureServer.start(source)
  })
  afterAll(async () => server?.close())

  it('unpacks the archive with fzstd and the tar reader (108 entries, 106 files)', () => {
    const members = readTar(decompress(new Uint8Array(readFileSync(archive!))))
    expect(members.length).toBe(106)
    expect(members.filter((m) => m.name.startsWith('body/1/paper')).length).toBe(85)
  })

  it('reads every list page by page: 2,115 papers, 367 meetings, 49 persons, 22 organizations', async () => {
    const store = new MemoryStore()
    const http = new OParlHttpClient({ requestsPerSecond: 0, concurrency: 4 })
    const result = await new OParlCrawler({ systemUrl: server.systemUrl, http, store }).run()
    expect(result.version).toBe('1.0')
    expect(result.bodies.length).toBe(1)
    expect(store.count('paper')).toBe(SDNET_COUNTS.papers)
    expect(store.count('meeting')).toBe(SDNET_COUNTS.meetings)
    expect(store.count('person')).toBe(SDNET_COUNTS.persons)
    expect(store.count('organization')).toBe(SDNET_COUNTS.organizations)
    expect(store.count('paper', true)).toBe(18)
    expect(store.count('meeting', true)).toBe(21)
    const pagesOf = (list: string) => store.pages.filter((p) => p.list === list).length
    expect([pagesOf('paper'), pagesOf('meeting'), pagesOf('person'), pagesOf('organization')]).toEqual([85, 15, 2, 1])
    // URLs were rewritten to the fixture: objects keep the URL they were reached at
    expect([...store.objects.keys()].every((u) => u.startsWith(server.origin))).toBe(true)
    // float noise in the body's coordinates is found in the text the parser sees no more
    expect(store.entries.some((e) => e.code === 'geojson-float-noise')).toBe(true)
    expect(http.stats.requests).toBe(2 + 85 + 15 + 2 + 1)
  })

  it('stops at a page that keeps failing, keeps the checkpoint, and resumes there', async () => {
    const store = new MemoryStore()
    server.faults.push({ match: (p) => p.endsWith('/paper?page=40'), kind: '500', times: 3 })
    const http = new OParlHttpClient({ requestsPerSecond: 0, retries: 2, backoffBaseMs: 1 })
    await expect(new OParlCrawler({ systemUrl: server.systemUrl, http, store }).run()).rejects.toThrow(/paper\?page=40: HTTP 500/)
    const paperKey = [...store.positions.keys()].find((k) => k.endsWith('#paper'))!
    expect(store.positions.get(paperKey)).toEqual({ nextUrl: `${server.origin}/rim4220/webservice/oparl/v1.0/body/1/paper?page=40`, done: false })
    const before = server.requests.length
    await new OParlCrawler({ systemUrl: server.systemUrl, http: new OParlHttpClient({ requestsPerSecond: 0 }), store }).run()
    const again = server.requests.slice(before)
    expect(again.filter((p) => /paper\?page=([1-9]|[1-3]\d)$/.test(p))).toEqual([])
    expect(again.filter((p) => /paper\?page=\d+$/.test(p)).length).toBe(46)
    expect(store.count('paper')).toBe(SDNET_COUNTS.papers)
  })

  it('asks for modified_since on the next run and sees only what changed', async () => {
    const store = new MemoryStore()
    await new OParlCrawler({ systemUrl: server.systemUrl, http: new OParlHttpClient({ requestsPerSecond: 0 }), store }).run()
    const since = new Date(Date.now() - 60_000).toISOString()
    const next = new MemoryStore()
    for (const key of store.positions.keys()) next.baselines.set(key, since)
    const paperUrl = `${server.origin}/rim4220/webservice/oparl/v1.0/body/1/paper/60`
    server.changeObject(paperUrl, (o) => ({ ...o, name: 'Umbesetzungen im Bauausschuss (geändert)', modified: new Date().toISOString() }))
    const before = server.requests.length
    await new OParlCrawler({ systemUrl: server.systemUrl, http: new OParlHttpClient({ requestsPerSecond: 0 }), store: next }).run()
    expect(server.requests.slice(before).filter((p) => p.includes('modified_since=')).length).toBeGreaterThan(0)
    const papers = [...next.objects.values()].filter((o) => o.kind === 'paper' && !o.embeddedIn)
    expect(papers.map((p) => p.url)).toEqual([paperUrl])
  })
})

describe('next links under another host', () => {
  it('are fetched from the host the list was reached at, and reported', async () => {
    const live = 'https://ris.example.de'
    const documents = new Map<string, unknown>([
      [`${live}/oparl/system`, { id: `${live}/oparl/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', body: `${live}/oparl/bodies` }],
      [`${live}/oparl/bodies`, { data: [{ id: `${live}/oparl/bodies/1`, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt', paper: `${live}/oparl/bodies/1/papers`, legislativeTerm: [] }], links: {} }],
      [`${live}/oparl/bodies/1/papers`, { data: [{ id: 'https://intern.example.de/oparl/papers/1', type: 'https://schema.oparl.org/1.1/Paper', name: 'A' }], links: { next: 'https://intern.example.de/oparl/bodies/1/papers?page=2' } }],
      [`${live}/oparl/bodies/1/papers?page=2`, { data: [{ id: 'https://intern.example.de/oparl/papers/2', type: 'https://schema.oparl.org/1.1/Paper', name: 'B' }], links: {} }],
    ])
    const server = await OParlFixtureServer.start({ liveOrigin: live, documents, systemUrl: `${live}/oparl/system`, isFile: () => false })
    try {
      const store = new MemoryStore()
      await new OParlCrawler({ systemUrl: server.systemUrl, http: new OParlHttpClient({ requestsPerSecond: 0 }), store }).run()
      expect(store.count('paper')).toBe(2)
      expect(store.entries.filter((e) => e.code === 'foreign-host-id').length).toBe(3)
    } finally {
      await server.close()
    }
  })
})
