/**
 * The portal search over the seeded demo town: relevance of German queries, filters, paging,
 * snippets and PDF hits, and the access rule — only the public model is ever found: neither a
 * non-public agenda item's title nor a non-public or draft paper's text, and a file that stops
 * being public drops out at once (before the index caught up) and out of the index after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DocumentId } from '@automerge/automerge-repo'
import { richTextToPlainText, type MeetingConfidentialDoc, type PaperDoc } from '@ratstisch/domain'
import { foldWord, townDate, wordsOf } from '@ratstisch/search'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import type { PortalSearchHit, PortalSearchKind, PortalSearchQuery } from '../public/portal-search-api.ts'
import { portalPaths } from '../public/public-urls.ts'
import { PdfTextStore } from './pdf-text-store.ts'
import { publicSearchSources } from './portal-search-sources.ts'

let relay: Relay
let dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-portal-search-'))
let buildMs = 0

beforeAll(async () => {
  relay = await demoRelay()
  dataDir = relay.config.dataDir
  const started = performance.now()
  await relay.portalSearch.whenIdle()
  buildMs = performance.now() - started
}, 180_000)
afterAll(async () => {
  await relay?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const search = (q: string, extra: Partial<PortalSearchQuery> = {}) => relay.portalSearch.search({ q, page: 1, pageSize: 10, ...extra })

interface Expected {
  kind?: PortalSearchKind
  id?: string
  title?: RegExp
  page?: number
}

interface Row {
  query: string
  why: string
  expect: Expected
  filters?: Partial<PortalSearchQuery>
  within?: 1 | 3
}

/**
 * What a citizen types and what must come first. "within 3" only where the demo town has several
 * equally right answers (the same paper on the agendas of several bodies, papers with one title).
 */
const ROWS: Row[] = [
  { query: 'Hundesteuer', why: 'exact word in a title', expect: { title: /Hundesteuer/ } },
  { query: 'Bebauungsplan Mühlenberg', why: 'two words, any order', expect: { title: /Bebauungsplan Nr\. 39 „Wohngebiet Am Mühlenberg“/ } },
  { query: 'Lindenhof Grundschule', why: 'word order does not matter', expect: { title: /Grundschule „Am Lindenhof“/ } },
  // umlauts and ß written out or dropped
  { query: 'Buergerhaus', why: 'ü written as ue', expect: { title: /Bürgerhaus/ } },
  { query: 'Burgerhaus', why: 'umlaut dots dropped', expect: { title: /Bürgerhaus/ } },
  { query: 'Muehlgraben', why: 'ü as ue', expect: { title: /Mühlgraben/ } },
  { query: 'Strassenbeleuchtung', why: 'ß written as ss', expect: { title: /Straßenbeleuchtung/ } },
  { query: 'Ausserplanmaessige Auszahlung', why: 'ß as ss and ä as ae', expect: { title: /Außerplanmäßige Auszahlung/ } },
  // typos
  { query: 'Feurwehr', why: 'a letter missing', expect: { title: /Feuerwehr/ } },
  { query: 'Hundesteur', why: 'a letter missing', expect: { title: /Hundesteuer/ } },
  { query: 'Bebaungsplan Muehlenberg', why: 'a typo and ü as ue', expect: { title: /Bebauungsplan Nr\. 39 „Wohngebiet Am Mühlenberg“/ } },
  // prefixes and compounds
  { query: 'Glasfas', why: 'beginning of a word', expect: { title: /Glasfaser/ } },
  { query: 'Beleuchtung', why: 'last part of "Straßenbeleuchtung"', expect: { title: /Straßenbeleuchtung/ } },
  { query: 'Bibliothek', why: 'last part of "Stadtbibliothek"', expect: { title: /Stadtbibliothek/ } },
  { query: 'Haushalt', why: 'first part with Fugen-s: "Haushaltssatzung"', expect: { title: /Haushalt/ } },
  // inflection
  { query: 'Ortschaftsrat Musterdorf', why: 'genitive "des Ortschaftsrates" in the meeting name', expect: { kind: 'meeting', title: /Ortschaftsrates Musterdorf/ } },
  { query: 'Schulen', why: 'plural of "Schule"', expect: { title: /Schul/ } },
  // references
  { query: 'BV 451', why: 'paper reference as printed', expect: { kind: 'paper', title: /^BV 451 / } },
  { query: 'BV451', why: 'paper reference without the space', expect: { kind: 'paper', title: /^BV 451 / } },
  { query: 'AN 102', why: 'motion reference', expect: { kind: 'paper', title: /^AN 102 / } },
  // a meeting by body and month
  { query: 'Stadtrat Oktober 2026', why: 'body and month in words', expect: { kind: 'meeting', id: 'mtg-stadtrat-2026-10-22' } },
  // only inside a PDF
  { query: 'Spielplatzprogramm', why: 'a word only the PDF text has (Haushaltsplan annex, page 3)', expect: { kind: 'file', page: 3 }, within: 3 },
  // filters
  { query: 'Hundesteuer', filters: { kind: 'paper' }, why: 'type filter: papers only', expect: { kind: 'paper', title: /Hundesteuer/ } },
  { query: 'Hundesteuer', filters: { kind: 'file' }, why: 'type filter: documents only', expect: { kind: 'file', page: 1 } },
  { query: 'Hundesteuer', filters: { organizationId: 'org-finanzausschuss', kind: 'agenda-item' }, why: 'body filter', expect: { kind: 'agenda-item', title: /Hundesteuer/ } },
]

function matches(hit: PortalSearchHit, e: Expected): boolean {
  if (e.kind && hit.kind !== e.kind) return false
  if (e.id && hit.id !== e.id) return false
  if (e.title && !e.title.test(hit.title)) return false
  if (e.page !== undefined && hit.pageNumber !== e.page) return false
  return true
}

describe('portal search relevance over the demo town', () => {
  it('indexes meetings, items, papers and the text of every public PDF', () => {
    const stats = relay.portalSearch.stats()
    const files = relay.publisher.all('file')
    expect(stats.files).toBe(files.length)
    expect(stats.documents).toBeGreaterThan(1000)
    console.log(`[portal-search test] index caught up ${Math.round(buildMs)} ms after seeding: ${stats.documents} documents, ${stats.files} PDFs; last update ${Math.round(stats.lastUpdateMs)} ms`)
    for (const kind of ['meeting', 'agenda-item', 'paper', 'file'] as const) expect(search('Musterstadt', { kind }).total, kind).toBeGreaterThan(0)
  })

  it('has at least 15 queries', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(15)
  })

  it.each(ROWS)('"$query" ($why)', ({ query, filters, expect: expected, within }) => {
    const result = search(query, filters)
    const top = result.hits.slice(0, within ?? 1)
    const shown = result.hits.slice(0, 5).map((h) => `${h.kind} ${h.title}${h.pageNumber ? ` S. ${h.pageNumber}` : ''}`)
    expect(top.some((h) => matches(h, expected)), `top ${within ?? 1} of "${query}": ${JSON.stringify(shown, null, 1)}`).toBe(true)
    expect(result.anyWord).toBe(false)
    expect(result.indexing).toBe(false)
  })

  it('"BV 451" never finds BV 450 or BV 452, and a word the town never used finds nothing', () => {
    const hits = search('BV 451', { kind: 'paper', pageSize: 50 }).hits
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(hit.title).not.toMatch(/^BV 45[02] /)
    const none = search('Zeppelinlandeplatz')
    expect(none).toMatchObject({ total: 0, hits: [], anyWord: false })
  })

  it('falls back to any word, and says so, when no hit has every word', () => {
    const result = search('Hundesteuer Zeppelinlandeplatz')
    expect(result.anyWord).toBe(true)
    expect(result.hits[0].title).toMatch(/Hundesteuer/)
  })

  it('a PDF hit links to the file at its page, names the paper or meeting, and marks the word', () => {
    const hit = search('Spielplatzprogramm', { kind: 'file' }).hits[0]
    const file = relay.publisher.get('file', hit.id)!
    expect(hit.url).toBe(`/dokumente/${file.id}/${encodeURIComponent(file.fileName)}#page=3`)
    expect(hit.pageNumber).toBe(3)
    expect(hit.title).toBe(file.name)
    expect(hit.context?.url).toMatch(/^\/(vorlagen|sitzungen)\//)
    expect(hit.context?.title).toBeTruthy()
    expect(hit.snippet.marks.length).toBeGreaterThan(0)
    const [start, end] = hit.snippet.marks[0]
    expect(hit.snippet.text.slice(start, end)).toBe('Spielplatzprogramm')
  })

  it('is the search the portal renders at /suche', async () => {
    const res = await relay.app.request(portalPaths.search('Spielplatzprogramm'))
    expect(res.status).toBe(200)
    const html = await res.text()
    const hit = search('Spielplatzprogramm', { kind: 'file' }).hits[0]
    expect(html).toContain(hit.url)
  })

  it('marks umlaut spellings in snippets and links every kind to its portal page', () => {
    for (const hit of search('Buergerhaus', { pageSize: 30 }).hits) {
      expect(hit.url).toMatch(/^\/(sitzungen|vorlagen|dokumente)\//)
      for (const [a, b] of hit.snippet.marks) expect(foldWord(hit.snippet.text.slice(a, b))).toMatch(/burgerhaus/)
    }
  })
})

describe('portal search filters and paging', () => {
  it('keeps to a kind, a body and a date range', () => {
    for (const kind of ['meeting', 'agenda-item', 'paper', 'file'] as const) {
      for (const hit of search('Sanierung', { kind, pageSize: 50 }).hits) expect(hit.kind).toBe(kind)
    }
    const org = 'org-bauausschuss'
    const orgName = relay.publisher.get('organization', org)!.name
    const inBody = search('Sanierung', { organizationId: org, pageSize: 50 })
    expect(inBody.hits.length).toBeGreaterThan(3)
    for (const hit of inBody.hits) {
      if (hit.kind === 'meeting') expect(relay.publisher.get('meeting', hit.id)!.organizationId).toBe(org)
      if (hit.kind === 'agenda-item') expect(relay.publisher.get('meeting', relay.publisher.get('agenda-item', hit.id)!.meetingId)!.organizationId).toBe(org)
      if (hit.kind === 'paper') {
        const bodies = relay.publisher.get('paper', hit.id)!.consultationIds.map((id) => relay.publisher.get('consultation', id)!.organizationId)
        expect(bodies).toContain(org)
      }
      if (hit.kind === 'file') expect(hit.organizationName === orgName || hit.context?.url.startsWith('/vorlagen/')).toBe(true)
    }
    const inRange = search('Sanierung', { from: '2026-03-01', to: '2026-03-31', pageSize: 50 })
    expect(inRange.hits.length).toBeGreaterThan(0)
    for (const hit of inRange.hits) {
      const day = townDate(hit.date!)
      expect(day >= '2026-03-01' && day <= '2026-03-31', `${hit.kind} ${hit.id} ${hit.date}`).toBe(true)
    }
  })

  it('pages through the results without repeating a hit', () => {
    const first = search('Musterstadt', { page: 1, pageSize: 10 })
    const second = search('Musterstadt', { page: 2, pageSize: 10 })
    expect(first.total).toBeGreaterThan(20)
    expect(second.total).toBe(first.total)
    expect(first.hits).toHaveLength(10)
    expect(second.hits).toHaveLength(10)
    const key = (h: PortalSearchHit) => `${h.kind}:${h.id}`
    const ids = new Set(first.hits.map(key))
    for (const hit of second.hits) expect(ids.has(key(hit))).toBe(false)
    const beyond = search('Musterstadt', { page: Math.ceil(first.total / 10) + 1, pageSize: 10 })
    expect(beyond.hits).toEqual([])
    // the page size is bounded, bad filters are dropped
    const big = search('Musterstadt', { pageSize: 10_000 })
    expect(big.hits.length).toBe(50)
    expect(search('Musterstadt', { from: 'gestern', kind: 'person' as PortalSearchKind }).query).toEqual({ q: 'Musterstadt', page: 1, pageSize: 10 })
  })
})

describe('portal search shows only the public model', () => {
  /** every word of the public model, of what the index derives from it (dates in words) and of public PDF texts, folded */
  function publicWords(): Set<string> {
    const p = relay.publisher
    const texts = new PdfTextStore(relay.db)
    const words = new Set<string>()
    const add = (text: string) => {
      for (const w of wordsOf(text)) words.add(w.folded)
    }
    for (const kind of ['meeting', 'agenda-item', 'paper', 'consultation', 'file', 'minutes', 'organization', 'location'] as const) for (const o of p.all(kind)) add(JSON.stringify(o))
    for (const source of publicSearchSources(p)) add(JSON.stringify(source.records))
    for (const f of p.all('file')) for (const page of texts.pages(f.id) ?? []) add(page)
    return words
  }

  async function confidentialTexts(): Promise<{ titles: string[]; paperTexts: string[] }> {
    const titles: string[] = []
    for (const m of relay.meetings.all()) {
      if (!m.confidentialDocId) continue
      const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
      for (const item of doc?.agendaItems ?? []) titles.push(item.title)
    }
    const paperTexts: string[] = []
    const rows = relay.db.prepare("SELECT doc_id FROM papers WHERE public = 0 OR state = 'draft'").all() as Array<{ doc_id: string }>
    for (const row of rows) {
      const doc = await relay.relayRepo.doc<PaperDoc>(row.doc_id as DocumentId)
      if (!doc) continue
      paperTexts.push([doc.name, doc.summary ?? '', ...(doc.sections ?? []).map((s) => richTextToPlainText(s.text ?? ''))].join('\n'))
    }
    return { titles, paperTexts }
  }

  it('never finds a non-public item title or a non-public or draft paper by a word only they have', async () => {
    const { titles, paperTexts } = await confidentialTexts()
    expect(titles.length).toBeGreaterThan(10)
    const drafts = relay.db.prepare("SELECT COUNT(*) AS n FROM papers WHERE state = 'draft'").get() as { n: number }
    expect(drafts.n).toBeGreaterThan(0)
    const known = publicWords()
    const secret = (texts: string[]) => [...new Set(texts.flatMap((t) => wordsOf(t).filter((w) => w.word.length >= 8 && !/\d/.test(w.word) && !known.has(w.folded)).map((w) => w.word)))]
    const titleWords = secret(titles).slice(0, 80)
    const paperWords = secret(paperTexts).slice(0, 80)
    // the demo town has such words: the test is not vacuous
    expect(titleWords.length).toBeGreaterThan(5)
    expect(paperWords.length).toBeGreaterThan(5)
    for (const word of [...titleWords, ...paperWords]) {
      const result = search(word, { pageSize: 50 })
      // a fuzzy or prefix match on a public word is fine; the word itself is never shown
      for (const hit of result.hits) {
        const shown = wordsOf(`${hit.title} ${hit.snippet.text}`).map((w) => w.folded)
        expect(shown.includes(foldWord(word)), `"${word}" → ${hit.kind} ${hit.title}`).toBe(false)
      }
    }
    // the strongest ones: whole confidential titles find nothing with every word
    for (const title of titles.filter((t) => t.startsWith('Grundstücksangelegenheit') || t.startsWith('Personalangelegenheit'))) {
      const result = search(title)
      expect(result.anyWord || result.total === 0, title).toBe(true)
      for (const hit of result.hits) expect(hit.title).not.toBe(title)
    }
  }, 60_000)

  it('drops a file that stops being public at once, and from the index after, and finds it again when it is public again', async () => {
    const p = relay.publisher
    const hit = search('Spielplatzprogramm', { kind: 'file' }).hits[0]
    const file = p.get('file', hit.id)!
    // every public document presenting the file: its paper and the meetings showing it
    const docIds = new Set<string>()
    for (const use of file.usedBy) {
      if (use.kind === 'paper') docIds.add((relay.db.prepare('SELECT doc_id FROM papers WHERE id = ?').get(use.id) as { doc_id: string }).doc_id)
      else {
        const meetingId = use.kind === 'meeting' ? use.id : p.get('agenda-item', use.id)!.meetingId
        docIds.add(relay.meetings.get(meetingId)!.publicDocId!)
      }
    }
    const entries = [...docIds].map((id) => relay.registry.get(id)!)
    const filesBefore = relay.portalSearch.stats().files
    for (const entry of entries) relay.registry.register({ ...entry, readers: ['office'] })
    // read side first: gone before the publisher or the index noticed
    expect(search('Spielplatzprogramm', { kind: 'file', pageSize: 50 }).hits.some((h) => h.id === file.id)).toBe(false)
    expect(search(file.name.replace(/\.pdf$/, ''), { pageSize: 50 }).hits.some((h) => h.id === file.id)).toBe(false)
    await p.reconcile()
    expect(search('Spielplatzprogramm').indexing).toBe(true)
    await relay.portalSearch.whenIdle()
    expect(relay.portalSearch.stats().files).toBeLessThan(filesBefore)
    expect(search('Spielplatzprogramm', { kind: 'file', pageSize: 50 }).hits.some((h) => h.id === file.id)).toBe(false)
    // public again: indexed again from the stored text, without extracting it again
    for (const entry of entries) relay.registry.register(entry)
    await p.reconcile()
    await relay.portalSearch.whenIdle()
    expect(relay.portalSearch.stats().files).toBe(filesBefore)
    expect(search('Spielplatzprogramm', { kind: 'file', pageSize: 50 }).hits.some((h) => h.id === file.id)).toBe(true)
  })

  it('keeps the extracted texts across a restart: nothing is extracted again', async () => {
    const stored = new PdfTextStore(relay.db).stats()
    expect(stored.ok).toBe(relay.publisher.all('file').length)
    await relay.close()
    relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
    await relay.publisher.reconcile()
    expect(relay.pdfTexts.pending).toBe(0)
    const started = performance.now()
    await relay.portalSearch.whenIdle()
    console.log(`[portal-search test] index rebuilt after a restart in ${Math.round(performance.now() - started)} ms (${relay.portalSearch.stats().documents} documents)`)
    expect(new PdfTextStore(relay.db).stats()).toEqual(stored)
    expect(search('Spielplatzprogramm', { kind: 'file' }).hits[0]?.pageNumber).toBe(3)
  }, 60_000)
})
