import { describe, expect, it } from 'vitest'
import type { AgendaItem, FileRef, MeetingConfidentialDoc, MeetingDoc, PaperDoc } from '@ratstisch/domain'
import { SearchEngine } from '@ratstisch/search'
import { catalogueSource, meetingPartSource, meetingRefOf, paperSource } from './search-sources.ts'

const sha = (c: string) => c.repeat(64)

function file(c: string, extra: Partial<FileRef> = {}): FileRef {
  return { sha256: sha(c), name: `Vorlage ${c}.pdf`, mime: 'application/pdf', size: 100, pages: 2, ...extra }
}

function item(id: string, title: string, files: FileRef[] = [], extra: Partial<AgendaItem> = {}): AgendaItem {
  return { id, number: `Ö ${id}`, order: 1, title, public: true, files, ...extra }
}

function meeting(id: string, bodyId: string, start: string, items: AgendaItem[]): MeetingDoc {
  return {
    type: 'meeting', id, name: `1. Sitzung ${bodyId}`, start, state: 'invited', agendaItems: items,
    organization: { id: bodyId, name: bodyId === 'org-bau' ? 'Bauausschuss' : 'Stadtrat', shortName: bodyId },
    location: { description: 'Rathaus' },
  }
}

function paper(id: string, versions: FileRef[]): PaperDoc {
  return {
    type: 'paper', id, reference: 'BV 42 (VIII/2024-2029)', name: 'Bebauungsplan Nr. 42 „Am Anger“', paperType: 'Beschlussvorlage', date: '2026-02-01',
    public: true, departmentId: 'd', department: 'Bauamt', summary: 'Aufstellung des Bebauungsplans.', workflowId: 'default', createdBy: 'x',
    createdAt: '2026-01-01T00:00:00Z', sections: [{ key: 'sachverhalt', title: 'Sachverhalt', text: 'Die **Spielplatzsanierung** ist Teil des Plans.' }],
    attachments: [{ id: `${id}-a1`, title: 'Vorlage', versions: versions.map((v, i) => ({ ...v, version: i + 1, uploadedAt: '', uploadedBy: '', uploadedByName: '', comment: '' })) }],
    consultations: [{ id: 'c1', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Vorberatung' }], sharedWith: [], events: [],
  }
}

describe('SearchEngine', () => {
  it('indexes a source once per stamp and replaces it when the stamp changes', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Neubau Kita Pusteblume')])
    expect(engine.putSource(meetingPartSource('doc-m1', 'h1', m, meetingRefOf(m)))).toBe(true)
    expect(engine.putSource(meetingPartSource('doc-m1', 'h1', m, meetingRefOf(m)))).toBe(false)
    expect(engine.search('Pusteblume').hits.map((h) => h.id)).toEqual(['item:m1:1'])
    const renamed = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Neubau Kita Sonnenschein')])
    expect(engine.putSource(meetingPartSource('doc-m1', 'h2', renamed, meetingRefOf(renamed)))).toBe(true)
    expect(engine.search('Pusteblume').hits).toEqual([])
    expect(engine.search('Sonnenschein').hits.map((h) => h.id)).toEqual(['item:m1:1'])
    expect(engine.stamps()).toEqual({ 'meeting:doc-m1': 'h2' })
  })

  it('removes sources not retained, and the texts of files no source presents any more', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Vergabe Gerüstbau', [file('a')])])
    const conf: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: 'm1', agendaItems: [item('2', 'Grundstücksverkauf Flurstück 7', [file('b')], { public: false })] }
    engine.putSource(meetingPartSource('pub', 'h', m, meetingRefOf(m)))
    engine.putSource(meetingPartSource('conf', 'h', conf, meetingRefOf(m)))
    expect(engine.wantedFiles().map((f) => f.sha256).sort()).toEqual([sha('a'), sha('b')])
    engine.putFile(sha('a'), ['Gerüstbau am Rathaus', 'Seite zwei'])
    engine.putFile(sha('b'), ['Kaufpreis 120.000 Euro für das Flurstück'])
    expect(engine.search('Kaufpreis').hits.map((h) => h.kind)).toEqual(['file'])
    expect(engine.search('Kaufpreis').hits[0].confidential).toBe(true)

    // the non-public part is revoked: its items and its file's text leave the index
    engine.retainSources(['meeting:pub'])
    expect(engine.search('Grundstücksverkauf').hits).toEqual([])
    expect(engine.search('Kaufpreis').hits).toEqual([])
    expect(engine.indexedFiles()).toEqual([sha('a')])
    expect(engine.search('Gerüstbau').hits.length).toBeGreaterThan(0)
  })

  it('keeps an item that moved from one part of the meeting to the other when the old part changes', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Grundstücksverkauf Flurstück 7')])
    engine.putSource(meetingPartSource('pub', 'h1', m, meetingRefOf(m)))
    const conf: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: 'm1', agendaItems: [item('1', 'Grundstücksverkauf Flurstück 7', [], { public: false })] }
    engine.putSource(meetingPartSource('conf', 'h1', conf, meetingRefOf(m)))
    engine.putSource(meetingPartSource('pub', 'h2', { ...m, agendaItems: [] }, meetingRefOf(m)))
    const hits = engine.search('Flurstück').hits
    expect(hits.map((h) => [h.id, h.confidential])).toEqual([['item:m1:1', true]])
  })

  it('groups the pages of one file under its best page, and names the meeting and item it is presented in', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('3', 'Bebauungsplan Nr. 42', [file('a', { attachmentId: 'p1-a1', version: 2 })])])
    engine.putSource(meetingPartSource('pub', 'h', m, meetingRefOf(m)))
    engine.putFile(sha('a'), ['Deckblatt', 'Die Lärmschutzwand am Anger', 'Lärmschutzwand und Lärmschutzwand: Kosten der Lärmschutzwand'])
    const hits = engine.search('Lärmschutzwand').hits
    expect(hits).toHaveLength(1)
    expect(hits[0].file).toMatchObject({ sha256: sha('a'), page: 3, morePages: [2], itemNumber: 'Ö 3', itemTitle: 'Bebauungsplan Nr. 42', version: 2 })
    expect(hits[0].meeting?.id).toBe('m1')
  })

  it('says which version a hit is in and offers the other versions', () => {
    const engine = new SearchEngine()
    const v1 = file('a')
    const v2 = file('b')
    const v3 = file('c')
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [
      item('3', 'Bebauungsplan Nr. 42', [{ ...v2, attachmentId: 'p1-a1', version: 2 }], { paper: { url: 'automerge:p1', id: 'p1', reference: 'BV 42 (VIII/2024-2029)', name: 'x', paperType: 'Beschlussvorlage' } }),
    ])
    engine.putSource(meetingPartSource('pub', 'h', m, meetingRefOf(m)))
    engine.putSource(paperSource('p1doc', 'h', paper('p1', [v1, v2, v3]), meetingRefOf(m)))
    engine.putFile(sha('a'), ['Lärmschutzwand alt'])
    engine.putFile(sha('b'), ['Lärmschutzwand neu'])
    const hit = engine.search('Lärmschutzwand', { filters: { kinds: ['file'] } }).hits.find((h) => h.file?.sha256 === sha('b'))
    expect(hit?.file).toMatchObject({ version: 2, versionCount: 3 })
    expect(hit?.file?.otherVersions).toEqual([
      { sha256: sha('a'), version: 1, name: v1.name, indexed: true },
      { sha256: sha('c'), version: 3, name: v3.name, indexed: false },
    ])
  })

  it('filters by body, date and kind; a file passes when any meeting presenting it does', () => {
    const engine = new SearchEngine()
    const bau = meeting('m-bau', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Radweg Magdeburger Straße', [file('a')])])
    const rat = meeting('m-rat', 'org-rat', '2026-03-26T18:00:00+01:00', [item('1', 'Radweg Magdeburger Straße', [file('a')])])
    engine.putSource(meetingPartSource('bau', 'h', bau, meetingRefOf(bau)))
    engine.putSource(meetingPartSource('rat', 'h', rat, meetingRefOf(rat)))
    engine.putFile(sha('a'), ['Der Radweg wird verbreitert.'])
    const ids = (filters: object) => engine.search('Radweg', { filters }).hits.map((h) => `${h.kind}:${h.meeting?.id}`)
    expect(ids({ bodyId: 'org-rat' }).sort()).toEqual(['agenda-item:m-rat', 'file:m-rat'])
    expect(ids({ from: '2026-03-01', to: '2026-03-10' }).sort()).toEqual(['agenda-item:m-bau', 'file:m-bau'])
    expect(ids({ kinds: ['file'] })).toEqual(['file:m-rat'])
    // the file hit names the latest meeting and mentions the other
    expect(engine.search('Radweg', { filters: { kinds: ['file'] } }).hits[0].file?.alsoIn.map((m) => m.id)).toEqual(['m-bau'])
  })

  it('falls back to any word only when no result has all words, and says so', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Neubau Kita Pusteblume')])
    engine.putSource(meetingPartSource('pub', 'h', m, meetingRefOf(m)))
    expect(engine.search('Kita Pusteblume')).toMatchObject({ relaxed: false, total: 1 })
    expect(engine.search('Kita Feuerwehr')).toMatchObject({ relaxed: true, total: 1 })
    expect(engine.search('   ').hits).toEqual([])
  })

  it('survives serialisation with the same results, and refuses another format version', () => {
    const engine = new SearchEngine()
    const m = meeting('m1', 'org-bau', '2026-03-04T17:00:00+01:00', [item('1', 'Haushaltssatzung 2026', [file('a')])])
    engine.putSource(catalogueSource('m1', { name: '1. Sitzung', start: m.start, state: 'invited', organizationId: 'org-bau', organizationName: 'Bauausschuss' }))
    engine.putSource(meetingPartSource('pub', 'h', m, meetingRefOf(m)))
    engine.putFile(sha('a'), ['Der Haushalt ist ausgeglichen.'])
    const json = JSON.parse(JSON.stringify(engine.toJSON()))
    const restored = SearchEngine.fromJSON(json)!
    expect(restored.search('Haushalt')).toMatchObject({ hits: engine.search('Haushalt').hits.map((h) => ({ id: h.id, score: h.score })) })
    expect(restored.stamps()).toEqual(engine.stamps())
    expect(restored.indexedFiles()).toEqual([sha('a')])
    expect(SearchEngine.fromJSON({ ...json, version: 0 })).toBeUndefined()
  })

  it('finds a meeting by its date written out', () => {
    const engine = new SearchEngine()
    engine.putSource(catalogueSource('m1', { name: '12. Sitzung des Stadtrates', start: '2026-03-26T18:00:00+01:00', state: 'invited', organizationId: 'org-rat', organizationName: 'Stadtrat' }))
    expect(engine.search('März 2026').hits.map((h) => h.id)).toEqual(['meeting:m1'])
    expect(engine.search('26.03.2026').hits.map((h) => h.id)).toEqual(['meeting:m1'])
    expect(engine.search('Donnerstag Stadtrat').hits.map((h) => h.id)).toEqual(['meeting:m1'])
  })
})
