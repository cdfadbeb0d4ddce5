/**
 * Search relevance over what members really search: the deterministic demo town (every released
 * meeting, both parts, the papers on their agendas and the text of every attachment as pdf.js
 * extracts it from the rendered PDF), indexed by the engine the app's worker runs.
 *
 * Each row is a query a council member would type and what must come first. "within 3" is used
 * only where the demo town has several equally right answers (the same paper on the agendas of
 * several bodies, two papers with the same title), never to hide a ranking problem.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { type SearchFilters, type SearchHit, type SearchKind, SearchEngine } from '@ratstisch/search'
import { demoSearchCorpus, demoSearchEngine } from './testing/demo-search-corpus.ts'
import { loadNodePdfJs } from './testing/node-pdfjs.ts'

interface Expected {
  id?: string
  kind?: SearchKind
  title?: RegExp
  reference?: RegExp
  bodyId?: string
  date?: string
  page?: number
  confidential?: boolean
}

interface Row {
  query: string
  why: string
  expect: Expected
  filters?: SearchFilters
  within?: 1 | 3
}

const ROWS: Row[] = [
  // exact words
  { query: 'Bebauungsplan Pfarracker', why: 'two exact words', expect: { title: /^Bebauungsplan Nr\. \d+ „Am Pfarracker“/ } },
  { query: 'Hundesteuer', why: 'exact word in a title', expect: { title: /Hundesteuer/ } },
  { query: 'Winterdienst', why: 'exact stem (title says "Winterdienstes")', expect: { title: /Winterdienstes/ } },
  { query: 'Glasfaserausbau', why: 'exact compound', expect: { title: /Glasfaserausbau/ } },
  { query: 'Lindenhof Grundschule', why: 'word order and stop words do not matter', expect: { title: /Grundschule „Am Lindenhof“/ } },
  // umlauts and ß written out, or dropped
  { query: 'Buergerhaus', why: 'ü written as ue', expect: { title: /Bürgerhaus/ } },
  { query: 'Burgerhaus', why: 'umlaut dots dropped', expect: { title: /Bürgerhaus/ } },
  { query: 'Muehlgraben', why: 'ü written as ue', expect: { title: /Mühlgraben/ } },
  { query: 'Muehlenberg', why: 'ü written as ue, in a place name', expect: { title: /Mühlenberg/ } },
  { query: 'Strassenbeleuchtung', why: 'ß written as ss', expect: { title: /Straßenbeleuchtung/ } },
  { query: 'Friedhofsgebuehren', why: 'ü as ue inside a compound', expect: { title: /Friedhofsgebühren/ } },
  { query: 'Ausserplanmaessige Auszahlung', why: 'ß as ss and ä as ae', expect: { title: /^Außerplanmäßige Auszahlung/ } },
  { query: 'Entschaedigung Stadtraete', why: 'ä as ae in two words', expect: { title: /Entschädigung der ehrenamtlich tätigen Stadträte/ } },
  // typos
  { query: 'Bebaungsplan Pfarracker', why: 'a letter missing', expect: { title: /^Bebauungsplan Nr\. \d+ „Am Pfarracker“/ } },
  { query: 'Hundesteur', why: 'a letter missing', expect: { title: /Hundesteuer/ } },
  { query: 'Haushaltssatzunng', why: 'a letter doubled', expect: { title: /Haushaltssatzung/ } },
  { query: 'Feurwehr', why: 'a letter missing', expect: { title: /Feuerwehr/ } },
  { query: 'Winterdinst', why: 'a letter missing', expect: { title: /Winterdienst/ } },
  // prefixes
  { query: 'Glasfas', why: 'beginning of a word', expect: { title: /Glasfaser/ } },
  { query: 'Hochwassers', why: 'beginning of a compound', expect: { title: /Hochwasserschutz/ } },
  // compound words found by their parts
  { query: 'Beleuchtung', why: 'last part of "Straßenbeleuchtung"', expect: { title: /Straßenbeleuchtung/ } },
  { query: 'Gerätehaus', why: 'last parts of "Feuerwehrgerätehaus"', expect: { title: /Feuerwehrgerätehaus/ } },
  { query: 'Bibliothek', why: 'last part of "Stadtbibliothek"', expect: { title: /Stadtbibliothek/ } },
  { query: 'Steuerforderungen', why: 'last parts of "Gewerbesteuerforderungen"', expect: { title: /Gewerbesteuerforderungen/ } },
  { query: 'Haushalt', why: 'first part with Fugen-s: "Haushaltssatzung"', expect: { title: /Haushaltssatzung/ } },
  { query: 'Spielplatzprogramm', why: 'a word only the PDF text has (Haushaltsplan annex)', expect: { kind: 'file', page: 3 }, within: 3 },
  // inflection
  { query: 'Ortschaftsrat Musterdorf', why: 'genitive "des Ortschaftsrates" in the meeting name', expect: { kind: 'meeting', title: /Ortschaftsrates Musterdorf/ } },
  { query: 'Schulen', why: 'plural of "Schule"', expect: { title: /Schule/ } },
  // references
  { query: 'BV 234', why: 'paper reference as printed', expect: { reference: /^BV 234 / } },
  { query: 'BV234', why: 'paper reference without the space', expect: { reference: /^BV 234 / } },
  { query: 'AN 56', why: 'motion reference', expect: { reference: /^AN 56 / } },
  // meetings by body and date
  { query: 'Stadtrat Dezember 2025', why: 'body and month', expect: { id: 'meeting:mtg-stadtrat-2025-12-18' } },
  { query: 'Maerz 2026 Finanzausschuss', why: 'month with ä written as ae', expect: { id: 'meeting:mtg-finanzausschuss-2026-03-09' } },
  // filters
  { query: 'Kita', filters: { bodyId: 'org-sozialausschuss' }, why: 'body filter', expect: { title: /Kita/, bodyId: 'org-sozialausschuss' } },
  {
    query: 'Hundesteuer',
    filters: { from: '2025-11-01', to: '2025-12-31' },
    why: 'date filter keeps the Stadtrat meeting of November',
    expect: { kind: 'agenda-item', title: /Hundesteuer/, date: '2025-11-27' },
  },
  { query: 'Hundesteuer', filters: { kinds: ['paper'] }, why: 'type filter: papers only', expect: { kind: 'paper', title: /Hundesteuer/ } },
  { query: 'Hundesteuer', filters: { kinds: ['file'] }, why: 'type filter: documents only', expect: { kind: 'file', page: 1 } },
  // non-public part
  { query: 'Personalangelegenheit', why: 'items of the non-public part are found, marked as such', expect: { title: /^Personalangelegenheit/, confidential: true } },
]

function matches(hit: SearchHit, e: Expected): boolean {
  if (e.id && hit.id !== e.id) return false
  if (e.kind && hit.kind !== e.kind) return false
  if (e.title && !e.title.test(hit.title)) return false
  if (e.reference && !e.reference.test(hit.paper?.reference ?? '')) return false
  if (e.bodyId && hit.meeting?.bodyId !== e.bodyId) return false
  if (e.date && hit.date !== e.date) return false
  if (e.page !== undefined && hit.file?.page !== e.page) return false
  if (e.confidential !== undefined && hit.confidential !== e.confidential) return false
  return true
}

let engine: SearchEngine

beforeAll(async () => {
  const corpus = await demoSearchCorpus({ anchorDate: '2026-03-01' })
  engine = await demoSearchEngine(corpus, await loadNodePdfJs())
}, 120_000)

describe('search relevance over the demo town', () => {
  it('has a real corpus: meetings, items, papers and PDF pages', () => {
    const kinds = new Set(['meeting', 'agenda-item', 'paper', 'file'])
    expect(engine.documentCount).toBeGreaterThan(1500)
    for (const kind of kinds) expect(engine.search('Musterstadt', { filters: { kinds: [kind as SearchKind] } }).total, kind).toBeGreaterThan(0)
  })

  it.each(ROWS)('"$query" ($why)', ({ query, filters, expect: expected, within }) => {
    const results = engine.search(query, { filters, limit: 10 })
    const top = results.hits.slice(0, within ?? 1)
    const shown = results.hits.slice(0, 5).map((h) => `${h.kind} ${h.title}${h.file ? ` S. ${h.file.page}` : ''}`)
    expect(top.some((h) => matches(h, expected)), `top ${within ?? 1} of "${query}": ${JSON.stringify(shown, null, 1)}`).toBe(true)
    expect(results.relaxed).toBe(false)
  })

  it('has at least 30 queries', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30)
  })

  it('finds nothing rather than noise for a word the town never used', () => {
    expect(engine.search('Zeppelinlandeplatz').hits).toEqual([])
  })

  it('every hit of a filtered search passes the filter', () => {
    const bodyId = 'org-bauausschuss'
    for (const hit of engine.search('Sanierung', { filters: { bodyId }, limit: 50 }).hits) {
      if (hit.kind === 'paper') continue // a paper belongs to every body of its Beratungsfolge
      expect(hit.meeting?.bodyId, hit.id).toBe(bodyId)
    }
    for (const hit of engine.search('Sanierung', { filters: { from: '2026-01-01', to: '2026-01-31' }, limit: 50 }).hits) {
      expect(hit.date! >= '2026-01-01' && hit.date! <= '2026-01-31', `${hit.id} ${hit.date}`).toBe(true)
    }
  })

  it('a PDF hit carries its page, file version and a highlighted snippet', () => {
    const hit = engine.search('Spielplatzprogramm', { filters: { kinds: ['file'] } }).hits[0]
    expect(hit.file).toMatchObject({ page: 3, version: 1, versionCount: 1 })
    expect(hit.file?.attachmentId).toMatch(/-a\d+$/)
    expect(hit.snippet.marks.length).toBeGreaterThan(0)
    const [start, end] = hit.snippet.marks[0]
    expect(hit.snippet.text.slice(start, end)).toBe('Spielplatzprogramm')
    expect(hit.meeting?.id).toMatch(/^mtg-/)
  })

  it('answers a query over the whole town in milliseconds', () => {
    const started = performance.now()
    for (const row of ROWS) engine.search(row.query, { filters: row.filters })
    const perQuery = (performance.now() - started) / ROWS.length
    expect(perQuery).toBeLessThan(100)
  })
})
