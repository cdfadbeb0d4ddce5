/**
 * Normalisation of real captures and the specification's examples: every quirk listed in
 * ../shared/oparl/real/README.md is repaired or handled and reported with its object URL. Quirks
 * the README describes from servers not in the captures (SOMACOS 1.1) are checked on small objects
 * written after the README's description.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import type { ReportEntry } from './import-report.ts'
import type { AgendaItemObject, BodyObject, LocationObject, MeetingObject, OParlObject, PaperObject, SystemObject } from './model.ts'
import { mergeObjects } from './model.ts'
import { berlinOffset, normalizeObject, readListPage, type NormalizeContext } from './normalize.ts'

const real = sharedPath('oparl/real')
const examples11 = sharedPath('oparl/examples')
const examples10 = sharedPath('oparl/examples-1.0')
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown

function run(raw: unknown, ctx: Partial<NormalizeContext> = {}): { objects: OParlObject[]; entries: ReportEntry[]; codes: Set<string> } {
  const entries: ReportEntry[] = []
  const objects = normalizeObject(raw, { version: '1.0', report: (e) => entries.push(e), ...ctx })
  return { objects, entries, codes: new Set(entries.map((e) => `${e.outcome}:${e.code}`)) }
}

describe.skipIf(!real)('SD.NET RIM (Hürtgenwald, OParl 1.0)', () => {
  const dir = join(real ?? '', 'sdnet-rim-huertgenwald-1.0')

  it('repairs the body: ags padded, terms missing reported, [lat, lon] swapped, no-break space trimmed', () => {
    const list = json(join(dir, 'body.json'))
    const page = readListPage(list, 'https://x/body', () => {})
    const { objects, entries, codes } = run(page.items[0], { expectedKind: 'body' })
    const body = objects[0] as BodyObject
    expect(body.ags).toBe('05358016')
    expect(body.legislativeTermUrls).toEqual([])
    expect(codes).toContain('repaired:ags-leading-zero-lost')
    expect(codes).toContain('repaired:body-legislative-term-missing')
    const location = objects.find((o): o is LocationObject => o.kind === 'location')!
    expect(location.postalCode).toBe('52393')
    expect(location.point!.coordinates).toEqual([6.395776, 50.722007])
    expect(codes).toContain('repaired:geojson-lat-lon-swapped')
    expect(codes).toContain('repaired:whitespace-trimmed')
    // the embedded location has no timestamps of its own (allowed in 1.0): it takes the body's
    expect(entries.find((e) => e.code === 'embedded-without-timestamps')!.url).toBe(location.url)
    for (const e of entries) expect(e.url).toMatch(/^https:\/\//)
  })

  it('reads meetings with their embedded agenda items, files and locations as objects of their own', () => {
    const page = readListPage(json(join(dir, 'body/1/meeting.json')), 'https://x/meeting', () => {})
    expect(page.next).toMatch(/meeting\?page=2$/)
    expect(page.totalElements).toBe(367)
    const { objects, codes } = run(page.items[0], { expectedKind: 'meeting' })
    const meeting = objects[0] as MeetingObject
    const items = objects.filter((o): o is AgendaItemObject => o.kind === 'agendaItem')
    expect(meeting.agendaItemUrls).toEqual(items.map((i) => i.url))
    expect(items.every((i) => i.meetingUrl === meeting.url)).toBe(true)
    expect(items.map((i) => i.order)).toEqual(items.map((_, n) => n))
    expect(objects.filter((o) => o.kind === 'file').length).toBeGreaterThan(0)
    // Meeting.body and File.body are not in the specification
    expect(codes).toContain('skipped:non-spec-property')
    expect(meeting.modified).toBe('2013-06-13T12:59:21+02:00')
  })

  it('reports vendor properties and the 1970 placeholder timestamps of organizations', () => {
    const page = readListPage(json(join(dir, 'body/1/organization.json')), 'https://x/org', () => {})
    const all = page.items.map((item) => run(item, { expectedKind: 'organization' }))
    const codes = new Set(all.flatMap((r) => [...r.codes]))
    expect(codes).toContain('skipped:vendor-property')
    expect(codes).toContain('repaired:placeholder-timestamp')
    expect(codes).toContain('repaired:organization-type-nonstandard')
    const types = all.map((r) => (r.objects[0] as { organizationType: string }).organizationType)
    expect(new Set(types)).toEqual(new Set(['Fraktion', 'Gremium', 'Verwaltungsbereich']))
    expect(all[0].objects[0].created).toBeNull()
  })

  it('keeps composite ids as they are (organization/1-9, membership/9-2-1-13) and drops a person\'s address', () => {
    const page = readListPage(json(join(dir, 'body/1/person.json')), 'https://x/person', () => {})
    const { objects } = run(page.items[0], { expectedKind: 'person' })
    const memberships = objects.filter((o) => o.kind === 'membership')
    expect(memberships.map((m) => m.url)).toContain('https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/body/1/membership/9-2-1-13')
    expect(memberships.every((m) => m.kind === 'membership' && m.personUrl === objects[0].url)).toBe(true)
    expect(JSON.stringify(objects)).not.toMatch(/location\/1-9|"email"|"phone"/)
  })

  it('turns list entries without type (tombstones) into deleted objects of the list\'s kind', () => {
    const { objects } = run({ id: 'https://x/body/1/paper/3419', created: '2020-01-23T12:23:05+01:00', modified: '2020-03-17T10:53:34+01:00', deleted: true }, { expectedKind: 'paper' })
    expect(objects[0]).toMatchObject({ kind: 'paper', deleted: true, name: null })
  })
})

describe.skipIf(!real)('SOMACOS Session (Wuppertal, OParl 1.0)', () => {
  const dir = join(real ?? '', 'meine-stadt-transparent/oparl-missing')

  it('repairs and reports the system quirks', () => {
    const { objects, codes } = run(json(join(dir, 'system.json')), { expectedKind: 'system' })
    const system = objects[0] as SystemObject
    expect(system.name).toBeNull()
    expect(system.license).toBe('Stadt Wuppertal')
    for (const code of ['repaired:other-oparl-versions-case', 'repaired:license-not-url', 'repaired:product-not-url', 'repaired:system-name-is-version', 'warning:plain-http', 'warning:placeholder-timestamp']) {
      expect(codes, code).toContain(code)
    }
  })

  it('does not take "Instance 0001" as the town\'s name and drops equivalent [""]', () => {
    const { objects, codes } = run(json(join(dir, 'body.json')), { expectedKind: 'body' })
    expect((objects[0] as BodyObject).name).toBeNull()
    expect(codes).toContain('repaired:body-placeholder-name')
    expect(codes).toContain('repaired:equivalent-empty')
  })
})

describe.skipIf(!real)('ALLRIS and the 29 systems of meine-stadt-transparent', () => {
  const dir = join(real ?? '', 'meine-stadt-transparent')

  it('normalises every captured System and Body without failing', () => {
    let warnings = 0
    for (const sub of ['systems', 'bodies']) {
      for (const file of readdirSync(join(dir, sub))) {
        const { objects, entries } = run(json(join(dir, sub, file)), { expectedKind: sub === 'systems' ? 'system' : 'body' })
        expect(objects.length, file).toBeGreaterThan(0)
        warnings += entries.filter((e) => e.code === 'license-restrictive').length
      }
    }
    // Märkisch-Oderland and Erkelenz: "Nutzung nur nach Genehmigung."
    expect(warnings).toBeGreaterThanOrEqual(2)
  })

  it('treats ALLRIS placeholders ("N/A", created "", shortName "") as absent', () => {
    const system = run(json(join(dir, 'systems/Stadt Leipzig.json')), { expectedKind: 'system' })
    expect((system.objects[0] as SystemObject).name).toBeNull()
    expect((system.objects[0] as SystemObject).website).toBeNull()
    expect(system.codes).toContain('repaired:not-available-placeholder')
    const body = run(json(join(dir, 'bodies/Stadt Leipzig.json')), { expectedKind: 'body' })
    expect(body.objects[0].created).toBeNull()
    expect((body.objects[0] as BodyObject).shortName).toBeNull()
    expect(body.codes).toContain('repaired:empty-string')
    expect(body.objects.filter((o) => o.kind === 'legislativeTerm').length).toBe(2)
  })
})

describe('SOMACOS Session 1.1 quirks (as described in the README)', () => {
  const base = 'https://ris.example.de/oparl/bodies/0001'

  it('drops a meeting end at midnight before its start and reads empty strings as absent', () => {
    const { objects, codes } = run(
      {
        id: `${base}/meetings/1`,
        type: 'https://schema.oparl.org/1.1/Meeting',
        name: 'Sitzung',
        start: '2023-05-04T17:00:00+02:00',
        end: '2023-05-04T00:00:00+02:00',
        location: { id: `${base}/locations/si/1`, type: 'https://schema.oparl.org/1.1/Location', streetAddress: '', created: '2023-05-01T10:00:00+02:00', modified: '2023-05-01T10:00:00+02:00' },
        agendaItem: [{ id: `${base}/agendaitems/1`, type: 'https://schema.oparl.org/1.1/AgendaItem', number: '', order: 1, name: 'Eröffnung', public: true, created: '2023-05-01T10:00:00+02:00', modified: '2023-05-01T10:00:00+02:00' }],
        created: '2023-05-01T10:00:00+02:00',
        modified: '2023-05-01T10:00:00+02:00',
      },
      { version: '1.1' },
    )
    const meeting = objects[0] as MeetingObject
    expect(meeting.end).toBeNull()
    expect(codes).toContain('repaired:meeting-end-before-start')
    expect(codes).toContain('repaired:empty-string')
    const item = objects.find((o): o is AgendaItemObject => o.kind === 'agendaItem')!
    expect(item.number).toBeNull()
    // order 1 is kept here; the mapping shifts it (one place for the rule)
    expect(item.order).toBe(1)
    expect((objects.find((o) => o.kind === 'location') as LocationObject).streetAddress).toBeNull()
  })

  it('takes a deleted paper with leftovers (name "", modified == created) as a tombstone', () => {
    const { objects, codes } = run(
      { id: `${base}/papers/9`, type: 'https://schema.oparl.org/1.1/Paper', name: '', paperType: '', reference: '', deleted: true, created: '2022-01-01T10:00:00+01:00', modified: '2022-01-01T10:00:00+01:00' },
      { version: '1.1' },
    )
    expect(objects[0]).toMatchObject({ kind: 'paper', deleted: true, reference: null })
    expect(codes).toContain('repaired:tombstone-not-modified')
  })

  it('reads timestamps without offset as Europe/Berlin', () => {
    const { objects, codes } = run({ id: `${base}/papers/10`, type: 'https://schema.oparl.org/1.1/Paper', name: 'X', created: '2023-01-15T10:00:00', modified: '2023-07-15T10:00:00' }, { version: '1.1' })
    expect(objects[0].created).toBe('2023-01-15T10:00:00+01:00')
    expect(objects[0].modified).toBe('2023-07-15T10:00:00+02:00')
    expect(codes).toContain('repaired:timestamp-without-offset')
    expect(berlinOffset(2023, 3, 26, 3, 30)).toBe('+02:00')
  })

  it('skips entries without an id or with a foreign type, reporting them', () => {
    expect(run({ type: 'https://schema.oparl.org/1.1/Paper', name: 'no id' }).codes).toContain('skipped:invalid-object')
    expect(run({ id: 'https://x/1', type: 'https://example.org/Thing' }).codes).toContain('skipped:invalid-object')
    expect(run('a string').objects).toEqual([])
  })
})

describe.skipIf(!examples11 || !examples10)('specification examples', () => {
  for (const [version, dir] of [['1.1', examples11], ['1.0', examples10]] as const) {
    it(`normalises every ${version} example without failures`, () => {
      for (const file of readdirSync(dir!).filter((f) => f.endsWith('.json'))) {
        const { objects, entries } = run(json(join(dir!, file)), { version })
        expect(objects.length, file).toBeGreaterThan(0)
        expect(entries.filter((e) => e.outcome === 'failed'), file).toEqual([])
      }
      const paper = run(json(join(dir!, 'Paper-01.json')), { version }).objects
      expect((paper[0] as PaperObject).consultationUrls.length).toBeGreaterThan(0)
      expect(paper.filter((o) => o.kind === 'consultation').every((c) => c.kind === 'consultation' && c.paperUrl === paper[0].url)).toBe(true)
    })
  }
})

describe('merging two copies of one object', () => {
  const item = (modified: string | null, embeddedIn: string | null, meetingUrl: string | null): AgendaItemObject => ({
    url: 'https://x/item/1', kind: 'agendaItem', created: null, modified, deleted: false, web: null, embeddedIn,
    meetingUrl, number: '1', order: 0, name: modified ?? 'none', public: true, consultationUrl: null, result: null, resolutionText: null,
    resolutionFileUrl: null, auxiliaryFileUrls: [], start: null, end: null,
  })

  it('keeps the newer one, prefers a listed copy on a tie, and keeps the parent link', () => {
    const embedded = item('2020-01-01T00:00:00Z', 'https://x/meeting/1', 'https://x/meeting/1')
    const listed = item('2021-01-01T00:00:00Z', null, null)
    const merged = mergeObjects(embedded, listed)
    expect(merged.name).toBe('2021-01-01T00:00:00Z')
    expect(merged.meetingUrl).toBe('https://x/meeting/1')
    expect(mergeObjects(listed, embedded).name).toBe('2021-01-01T00:00:00Z')
    expect(mergeObjects(item('2020-01-01T00:00:00Z', null, null), embedded).embeddedIn).toBe(null)
  })
})
