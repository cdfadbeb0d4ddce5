/**
 * The portal search (`PortalSearch`, public/portal-search-api.ts): meetings, agenda items, papers
 * and the text of public PDFs, over the public model only.
 *
 * - The engine is the member app's (`SearchEngine` from @ratstisch/search): the same German
 *   folding, stemming, compound parts, reference handling ("BV 160" never finds BV 161), field
 *   weights, prefix and fuzzy rules, AND with an any-word fallback, and snippets with marks.
 * - The index follows the public model: after a change (`PublicReader.onChange`, debounced) the
 *   sources are recomputed and only those whose content hash changed are re-indexed; PDF texts
 *   join as the background extractor stores them. Indexing runs in slices that yield to the event
 *   loop, so requests never wait for it; a search answers from the index as it is, with
 *   `indexing: true` while PDFs or changes are pending.
 * - Fail closed: every candidate is checked against the public model while searching, so an object
 *   (or a file) that stopped being public is never returned, even before the index caught up.
 */
import { SearchEngine, townDate, type SearchHit } from '@ratstisch/search'
import { PORTAL_SEARCH_KINDS, type PortalSearch, type PortalSearchHit, type PortalSearchKind, type PortalSearchQuery, type PortalSearchResult } from '../public/portal-search-api.ts'
import type { PublicFile, PublicReader } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import type { PdfTextExtractor } from './pdf-text-extractor.ts'
import type { PdfTextStore } from './pdf-text-store.ts'
import { meetingSource, paperSource, publicIdOf } from './portal-search-sources.ts'

export interface PortalSearchDeps {
  reader: PublicReader
  texts: PdfTextStore
  /** the background PDF text extraction (its progress makes `indexing` true) */
  extractor?: PdfTextExtractor
  /** wait this long after a change of the public model before re-indexing (default 250 ms) */
  debounceMs?: number
  /** index in slices of this many milliseconds, yielding in between (default 20 ms) */
  sliceMs?: number
}

export const MAX_PAGE_SIZE = 50
const MAX_QUERY_LENGTH = 200
const MAX_QUERY_WORDS = 10
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export interface IndexStats {
  documents: number
  generation: number
  /** duration of the last index update */
  lastUpdateMs: number
  files: number
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class PortalSearchService implements PortalSearch {
  private readonly engine = new SearchEngine()
  private builtGeneration = -1
  /** files stored by the extractor since the last update */
  private readonly extracted = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private dirty = false
  private stopped = true
  private readonly unsubscribe: Array<() => void> = []
  private lastUpdateMs = 0
  /** counts index updates: with the model's generation it says whether results may have changed */
  private updates = 0

  constructor(private readonly deps: PortalSearchDeps) {}

  /** Builds the index in the background and follows the public model and the extractor. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe.push(this.deps.reader.onChange(() => this.schedule()))
    if (this.deps.extractor) {
      this.unsubscribe.push(
        this.deps.extractor.onExtracted((sha256) => {
          this.extracted.add(sha256)
          this.schedule()
        }),
      )
    }
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const off of this.unsubscribe.splice(0)) off()
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running
  }

  /** Resolves once PDF extraction and indexing have caught up with the public model (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.deps.extractor?.idle()
      if (this.timer) {
        clearTimeout(this.timer)
        this.timer = undefined
        this.run()
      }
      await this.running
      if (!this.busy()) return
      if (this.stopped) return
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  /** A key that changes whenever results may change; null while indexing (results not final). */
  stamp(): string | null {
    return this.busy() ? null : `${this.deps.reader.generation}.${this.updates}`
  }

  stats(): IndexStats {
    return { documents: this.engine.documentCount, generation: this.builtGeneration, lastUpdateMs: this.lastUpdateMs, files: this.engine.indexedFiles().length }
  }

  private busy(): boolean {
    return (
      !!this.timer ||
      !!this.running ||
      this.dirty ||
      this.extracted.size > 0 ||
      this.builtGeneration !== this.deps.reader.generation ||
      (this.deps.extractor?.pending ?? 0) > 0
    )
  }

  private schedule(delay = this.deps.debounceMs ?? 250): void {
    if (this.stopped) return
    if (this.running) {
      this.dirty = true
      return
    }
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.run()
    }, delay)
    this.timer.unref?.()
  }

  private run(): void {
    if (this.running || this.stopped) return
    this.dirty = false
    this.running = this.update()
      .catch((error: unknown) => console.error(`[portal-search] index update failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined
        if (this.dirty) this.schedule()
      })
  }

  private async update(): Promise<void> {
    const started = performance.now()
    const { reader, texts } = this.deps
    const sliceMs = this.deps.sliceMs ?? 20
    let slice = performance.now()
    const maybeYield = async () => {
      if (performance.now() - slice < sliceMs) return
      await yieldToLoop()
      slice = performance.now()
    }
    const generation = reader.generation
    let wanted: Array<{ sha256: string }>
    if (generation !== this.builtGeneration) {
      // source by source (building one hashes its content), yielding between slices
      const keys: string[] = []
      const objects = [...reader.all('meeting').map((m) => () => meetingSource(reader, m)), ...reader.all('paper').map((p) => () => paperSource(reader, p))]
      for (const build of objects) {
        if (this.stopped) return
        const source = build()
        keys.push(source.key)
        this.engine.putSource(source)
        await maybeYield()
      }
      this.engine.retainSources(keys)
      this.extracted.clear()
      wanted = this.engine.wantedFiles()
    } else {
      wanted = [...this.extracted].filter((sha256) => !this.engine.hasFile(sha256)).map((sha256) => ({ sha256 }))
      this.extracted.clear()
    }
    for (const { sha256 } of wanted) {
      if (this.stopped) return
      const file = reader.get('file', sha256)
      const pages = file ? texts.pages(sha256) : undefined
      if (!file || !pages) continue
      this.engine.putFile(sha256, pages, file.name)
      await maybeYield()
    }
    this.builtGeneration = generation
    if (reader.generation !== generation) this.dirty = true
    this.lastUpdateMs = performance.now() - started
    this.updates++
  }

  // ------------------------------------------------------------------ searching

  search(input: PortalSearchQuery): PortalSearchResult {
    const query = normalizeQuery(input)
    const { reader } = this.deps
    const results = this.engine.search(query.q, {
      filters: {
        ...(query.kind ? { kinds: [query.kind] } : {}),
        ...(query.organizationId ? { bodyId: query.organizationId } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      },
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
      // fail closed: only what the public model shows right now
      accept: (doc) => (doc.kind === 'file' ? reader.get('file', doc.sha256 ?? '') !== undefined : reader.get(doc.kind, publicIdOf(doc.kind, doc.id)) !== undefined),
    })
    const hits: PortalSearchHit[] = []
    for (const hit of results.hits) {
      const mapped = this.hitOf(hit, query)
      if (mapped) hits.push(mapped)
    }
    return {
      query,
      total: results.total,
      hits,
      anyWord: results.relaxed,
      indexing: this.busy(),
    }
  }

  private hitOf(hit: SearchHit, query: PortalSearchQuery): PortalSearchHit | undefined {
    const { reader } = this.deps
    const snippet = { text: hit.snippet.text, marks: hit.snippet.marks.map(([a, b]) => [a, b] as [number, number]) }
    switch (hit.kind) {
      case 'meeting': {
        const meeting = reader.get('meeting', publicIdOf('meeting', hit.id))
        if (!meeting) return undefined
        return { kind: 'meeting', id: meeting.id, title: meeting.name, url: portalPaths.meeting(meeting.id), snippet, date: meeting.start, organizationName: meeting.organizationName }
      }
      case 'agenda-item': {
        const item = reader.get('agenda-item', publicIdOf('agenda-item', hit.id))
        const meeting = item && reader.get('meeting', item.meetingId)
        if (!item || !meeting) return undefined
        return {
          kind: 'agenda-item',
          id: item.id,
          title: [item.number, item.title].filter(Boolean).join(' '),
          url: portalPaths.agendaItem(meeting.id, item.id),
          snippet,
          date: meeting.start,
          organizationName: meeting.organizationName,
          context: { title: `${meeting.name} am ${germanDate(meeting.start)}`, url: portalPaths.meeting(meeting.id) },
        }
      }
      case 'paper': {
        const paper = reader.get('paper', publicIdOf('paper', hit.id))
        if (!paper) return undefined
        return {
          kind: 'paper',
          id: paper.id,
          title: `${paper.reference} – ${paper.name}`,
          url: portalPaths.paper(paper.id),
          snippet,
          date: paper.date,
          organizationName: this.leadingBodyOf(paper.consultationIds),
        }
      }
      case 'file': {
        const sha256 = hit.file?.sha256
        const file = sha256 ? reader.get('file', sha256) : undefined
        if (!file || !hit.file) return undefined
        const context = this.contextOf(file, query)
        return {
          kind: 'file',
          id: file.id,
          title: file.name,
          url: `${portalPaths.file(file.id, file.fileName)}#page=${hit.file.page}`,
          snippet,
          date: context?.date ?? file.date,
          organizationName: context?.organizationName ?? null,
          pageNumber: hit.file.page,
          ...(context ? { context: { title: context.title, url: context.url } } : {}),
        }
      }
    }
  }

  /** the deciding body of a paper's Beratungsfolge, else its first */
  private leadingBodyOf(consultationIds: readonly string[]): string | null {
    const consultations = consultationIds.map((id) => this.deps.reader.get('consultation', id)).filter((c) => c !== undefined)
    return (consultations.find((c) => c.role === 'Entscheidung') ?? consultations[0])?.organizationName ?? null
  }

  /**
   * The object a PDF hit belongs to: among the public places showing the file (those passing the
   * query's filters, if any do), the paper first, else the most recent agenda item, else meeting.
   */
  private contextOf(file: PublicFile, query: PortalSearchQuery): { title: string; url: string; date: string; organizationName: string | null } | undefined {
    const { reader } = this.deps
    type Candidate = { title: string; url: string; date: string; organizationIds: string[]; organizationName: string | null; rank: number }
    const candidates: Candidate[] = []
    for (const use of file.usedBy) {
      if (use.kind === 'paper') {
        const paper = reader.get('paper', use.id)
        if (!paper) continue
        const consultations = paper.consultationIds.map((id) => reader.get('consultation', id)).filter((c) => c !== undefined)
        candidates.push({
          title: `${paper.reference} – ${paper.name}`,
          url: portalPaths.paper(paper.id),
          date: paper.date,
          organizationIds: consultations.map((c) => c.organizationId),
          organizationName: this.leadingBodyOf(paper.consultationIds),
          rank: 0,
        })
      } else if (use.kind === 'agenda-item') {
        const item = reader.get('agenda-item', use.id)
        const meeting = item && reader.get('meeting', item.meetingId)
        if (!item || !meeting) continue
        candidates.push({
          title: `${meeting.name} am ${germanDate(meeting.start)}, ${[item.number, item.title].filter(Boolean).join(' ')}`,
          url: portalPaths.agendaItem(meeting.id, item.id),
          date: meeting.start,
          organizationIds: [meeting.organizationId],
          organizationName: meeting.organizationName,
          rank: 1,
        })
      } else {
        const meeting = reader.get('meeting', use.id)
        if (!meeting) continue
        candidates.push({
          title: `${meeting.name} am ${germanDate(meeting.start)}`,
          url: portalPaths.meeting(meeting.id),
          date: meeting.start,
          organizationIds: [meeting.organizationId],
          organizationName: meeting.organizationName,
          rank: 2,
        })
      }
    }
    const passes = (c: Candidate) => {
      const day = townDate(c.date)
      if (query.organizationId && !c.organizationIds.includes(query.organizationId)) return false
      if (query.from && day < query.from) return false
      if (query.to && day > query.to) return false
      return true
    }
    const pool = candidates.some(passes) ? candidates.filter(passes) : candidates
    pool.sort((a, b) => a.rank - b.rank || b.date.localeCompare(a.date))
    return pool[0]
  }
}

const dayFormat = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' })
function germanDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : dayFormat.format(d)
}

/** A query as the engine takes it: bounded length and word count, valid filters only, sane paging. */
export function normalizeQuery(input: PortalSearchQuery): PortalSearchQuery {
  const words = String(input.q ?? '')
    .slice(0, MAX_QUERY_LENGTH)
    .split(/\s+/)
    .filter(Boolean)
  const query: PortalSearchQuery = {
    q: words.slice(0, MAX_QUERY_WORDS).join(' '),
    page: clampInt(input.page, 1, 1000, 1),
    pageSize: clampInt(input.pageSize, 1, MAX_PAGE_SIZE, 10),
  }
  if (input.kind && (PORTAL_SEARCH_KINDS as readonly string[]).includes(input.kind)) query.kind = input.kind as PortalSearchKind
  if (typeof input.organizationId === 'string' && input.organizationId) query.organizationId = input.organizationId
  if (typeof input.from === 'string' && ISO_DATE.test(input.from)) query.from = input.from
  if (typeof input.to === 'string' && ISO_DATE.test(input.to)) query.to = input.to
  return query
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(n)) return fallback
  return Math.min(max, Math.max(min, Math.trunc(n)))
}
