/**
 * The crawler as a checker: a small hand-made API, first correct (no problem reported), then with
 * one fault at a time, each of which it must report.
 */
import { describe, expect, it } from 'vitest'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { crawlOparl } from './oparl-crawler.ts'
import { createOparlValidator } from './oparl-validator.ts'

const B = 'https://api.example/oparl/v1'
const T = 'https://schema.oparl.org/1.1/'
const times = { created: '2026-01-01T10:00:00+01:00', modified: '2026-01-02T10:00:00+01:00' }
type Json = Record<string, any>

function api(): Map<string, Json> {
  const meeting = (n: number): Json => ({ id: `${B}/meeting/${n}`, type: `${T}Meeting`, name: `Sitzung ${n}`, start: '2026-02-01T17:00:00+01:00', organization: [`${B}/organization/1`], ...times })
  const page = (n: number, total: number): Json => ({
    data: [meeting(2 * n - 1), meeting(2 * n)],
    pagination: { totalElements: 2 * total, elementsPerPage: 2, currentPage: n, totalPages: total },
    links: {
      first: `${B}/body/1/meeting`,
      ...(n > 1 ? { prev: n === 2 ? `${B}/body/1/meeting` : `${B}/body/1/meeting?page=${n - 1}` } : {}),
      self: n === 1 ? `${B}/body/1/meeting` : `${B}/body/1/meeting?page=${n}`,
      ...(n < total ? { next: `${B}/body/1/meeting?page=${n + 1}` } : {}),
      last: `${B}/body/1/meeting?page=${total}`,
    },
  })
  const body: Json = {
    id: `${B}/body/1`,
    type: `${T}Body`,
    name: 'Stadt',
    organization: `${B}/body/1/organization`,
    person: `${B}/body/1/person`,
    meeting: `${B}/body/1/meeting`,
    paper: `${B}/body/1/paper`,
    legislativeTerm: [],
    ...times,
  }
  const empty = (url: string): Json => ({ data: [], pagination: { totalElements: 0, elementsPerPage: 2, currentPage: 1, totalPages: 1 }, links: { first: url, self: url, last: url } })
  const organization: Json = { id: `${B}/organization/1`, type: `${T}Organization`, name: 'Stadtrat', ...times }
  return new Map<string, Json>([
    [`${B}/system`, { id: `${B}/system`, type: `${T}System`, oparlVersion: T, body: `${B}/body`, ...times }],
    [`${B}/body`, { data: [body], pagination: { totalElements: 1, elementsPerPage: 2, currentPage: 1, totalPages: 1 }, links: { first: `${B}/body`, self: `${B}/body`, last: `${B}/body` } }],
    [`${B}/body/1`, body],
    [`${B}/body/1/meeting`, page(1, 2)],
    [`${B}/body/1/meeting?page=2`, page(2, 2)],
    [`${B}/meeting/1`, meeting(1)],
    [`${B}/meeting/2`, meeting(2)],
    [`${B}/meeting/3`, meeting(3)],
    [`${B}/meeting/4`, meeting(4)],
    [`${B}/organization/1`, organization],
    ...[`organization`, 'person', 'paper'].map((l): [string, Json] => [`${B}/body/1/${l}`, empty(`${B}/body/1/${l}`)]),
  ])
}

function crawl(routes: Map<string, Json>, headers: Record<string, string> = { 'access-control-allow-origin': '*' }, withSchemas = false) {
  const schemaDir = withSchemas ? sharedPath('oparl/schema') : null
  return crawlOparl({
    start: `${B}/system`,
    base: B,
    validator: schemaDir ? createOparlValidator(schemaDir) : undefined,
    fetch: async (url) => {
      const value = routes.get(url)
      return value
        ? new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
        : new Response('{"type":"https://schema.oparl.org/1.1/Error","message":"nicht gefunden"}', { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
    },
  })
}

describe('OParl crawler', () => {
  it('walks a correct API without complaint and counts what it found', async () => {
    const report = await crawl(api())
    expect(report.problems).toEqual([])
    expect(report.counts).toEqual({ System: { live: 1, deleted: 0 }, Body: { live: 1, deleted: 0 }, Meeting: { live: 4, deleted: 0 }, Organization: { live: 1, deleted: 0 } })
    expect(report.pages.filter((p) => p.list === `${B}/body/1/meeting`).map((p) => p.currentPage).sort()).toEqual([1, 2])
  })

  it('reports an id that is not the URL, a reference that does not resolve, and two contents for one id', async () => {
    const routes = api()
    routes.set(`${B}/meeting/1`, { ...routes.get(`${B}/meeting/1`), id: `${B}/meeting/one` })
    routes.get(`${B}/body/1/meeting?page=2`)!.data[1].name = 'anders'
    routes.get(`${B}/meeting/3`)!.location = { id: `${B}/location/9`, type: `${T}Location`, ...times }
    const problems = (await crawl(routes)).problems.join('\n')
    expect(problems).toMatch(/meeting\/1: id is ".*meeting\/one", not the URL/)
    expect(problems).toMatch(/location\/9: HTTP 404/)
    expect(problems).toMatch(/meeting\/4 appears with different content/)
  })

  it('reports pages that do not add up: totals, a page never reached, links to the wrong page', async () => {
    const routes = api()
    routes.get(`${B}/body/1/meeting?page=2`)!.pagination.totalElements = 5
    expect((await crawl(routes)).problems.join('\n')).toMatch(/totalElements 5, other pages of the list say 4/)
    const broken = api()
    delete broken.get(`${B}/body/1/meeting`)!.links.next
    const problems = (await crawl(broken)).problems.join('\n')
    expect(problems).toMatch(/links.next missing before the last page/)
    const wrong = api()
    wrong.get(`${B}/body/1/meeting?page=2`)!.links.prev = `${B}/body/1/meeting?page=2`
    expect((await crawl(wrong)).problems.join('\n')).toMatch(/links.prev leads to page 2 .* not page 1/)
  })

  it('reports a missing CORS header', async () => {
    expect((await crawl(api(), {})).problems.join('\n')).toMatch(/no Access-Control-Allow-Origin/)
  })

  it.skipIf(!sharedPath('oparl/schema'))('reports schema violations and missing times of embedded objects', async () => {
    const routes = api()
    routes.get(`${B}/meeting/2`)!.start = 'morgen'
    const { created: _c, ...undated } = routes.get(`${B}/organization/1`)!
    routes.get(`${B}/meeting/3`)!.location = { id: `${B}/location/9`, type: `${T}Location`, description: 'Rathaus', modified: times.modified }
    routes.set(`${B}/location/9`, routes.get(`${B}/meeting/3`)!.location)
    routes.set(`${B}/organization/1`, undated)
    const problems = (await crawl(routes, undefined, true)).problems.join('\n')
    expect(problems).toMatch(/schema .*meeting\/2\/start: must match format "date-time"/)
    expect(problems).toMatch(/rule .*location: created missing/)
    expect(problems).toMatch(/rule .*organization\/1: created missing/)
  })
})
