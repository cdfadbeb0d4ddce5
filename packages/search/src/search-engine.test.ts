/**
 * The engine's parts the relay's portal search relies on beyond the app's use (the app's own tests
 * are in client/src/search): paging, a last say per document while searching, and files filed
 * under a paper (date and bodies) rather than a meeting.
 */
import { describe, expect, it } from 'vitest'
import { SearchEngine, type SearchRecord, type SearchSource } from './search-engine.ts'

const sha = (c: string) => c.repeat(64)

function paper(n: number, extra: Partial<SearchRecord> = {}): SearchRecord {
  return {
    id: `paper:p${n}`,
    kind: 'paper',
    title: `Sanierung der Brücke Nr. ${n}`,
    meta: `BV ${100 + n} (VIII/2024-2029) Beschlussvorlage`,
    context: 'Bauamt',
    text: 'Die Brücke über den Mühlgraben ist zu sanieren.',
    bodyIds: ['org-bau'],
    date: `2026-03-${String(n).padStart(2, '0')}`,
    ...extra,
  }
}

function source(key: string, records: SearchRecord[], files: SearchSource['files'] = []): SearchSource {
  return { key, stamp: 'v1', records, files, versions: [] }
}

describe('SearchEngine on the relay', () => {
  it('pages with offset and limit; total counts every hit', () => {
    const engine = new SearchEngine()
    for (let n = 1; n <= 25; n++) engine.putSource(source(`paper:p${n}`, [paper(n)]))
    const first = engine.search('Brücke', { limit: 10 })
    const third = engine.search('Brücke', { limit: 10, offset: 20 })
    expect(first.total).toBe(25)
    expect(third.total).toBe(25)
    expect(first.hits).toHaveLength(10)
    expect(third.hits).toHaveLength(5)
    const all = engine.search('Brücke', { limit: 30 }).hits.map((h) => h.id)
    expect(third.hits.map((h) => h.id)).toEqual(all.slice(20))
    expect(engine.search('Brücke', { limit: 10, offset: 40 }).hits).toEqual([])
  })

  it('asks `accept` about every candidate, records and file pages, and leaves out what it refuses', () => {
    const engine = new SearchEngine()
    engine.putSource(source('paper:p1', [paper(1)], [{ sha256: sha('a'), name: 'Anlage.pdf', confidential: false, date: '2026-03-01', bodyIds: ['org-bau'] }]))
    engine.putSource(source('paper:p2', [paper(2)]))
    engine.putFile(sha('a'), ['Brücke Seite eins', 'Brücke Seite zwei'], 'Anlage.pdf')
    const asked: string[] = []
    const result = engine.search('Brücke', {
      accept: (doc) => {
        asked.push(doc.kind === 'file' ? `file ${doc.sha256}` : doc.id)
        return doc.id !== 'paper:p2' && doc.sha256 !== sha('a')
      },
    })
    expect(result.hits.map((h) => h.id)).toEqual(['paper:p1'])
    expect(result.total).toBe(1)
    expect(asked).toContain('paper:p2')
    expect(asked).toContain(`file ${sha('a')}`)
  })

  it('files under a paper only: found by the paper date and bodies, and the date shown is the paper date', () => {
    const engine = new SearchEngine()
    engine.putSource(source('paper:p1', [paper(1)], [{ sha256: sha('b'), name: 'Gutachten.pdf', confidential: false, date: '2026-03-01', bodyIds: ['org-bau'], reference: 'BV 101' }]))
    engine.putFile(sha('b'), ['Tragfähigkeit der Widerlager'], 'Gutachten.pdf')
    const hit = engine.search('Widerlager').hits[0]
    expect(hit).toMatchObject({ kind: 'file', date: '2026-03-01' })
    expect(hit.meeting).toBeUndefined()
    expect(hit.file).toMatchObject({ page: 1, reference: 'BV 101', alsoIn: [] })
    expect(engine.search('Widerlager', { filters: { bodyId: 'org-bau' } }).total).toBe(1)
    expect(engine.search('Widerlager', { filters: { bodyId: 'org-stadtrat' } }).total).toBe(0)
    expect(engine.search('Widerlager', { filters: { from: '2026-03-01', to: '2026-03-01' } }).total).toBe(1)
    expect(engine.search('Widerlager', { filters: { from: '2026-04-01' } }).total).toBe(0)
  })
})
