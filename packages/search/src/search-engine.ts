/**
 * Full-text search over meetings, agenda items, papers and the text of every PDF page. Pure (no
 * I/O): the member app's search worker runs it over what the device holds, the relay's portal
 * search over the public model, tests and benchmarks in Node. MiniSearch does the indexing and
 * BM25+ scoring; this file decides what a German query should find:
 *
 * - Words are folded (german-fold.ts): case, umlauts written as ä or ae, ß as ss; and stemmed
 *   lightly (german-stem.ts), so "des Ortschaftsrates" is found by "Ortschaftsrat".
 * - Compounds are indexed with their parts (compound-splitter.ts), in separate fields weighed
 *   below the words themselves, so "Sanierung" finds "Spielplatzsanierung" but a paper that says
 *   "Sanierung" outright ranks higher.
 * - Prefix matching for words of three letters or more, fuzzy matching (one edit per five letters,
 *   at most two) for words of five or more; neither for terms with digits, so "BV 160" never finds
 *   BV 161. A reference also yields one joined term ("bv160"), so "BV 160" and "BV160" both match
 *   it exactly.
 * - All query words must match (AND); only when nothing does, any word may (the results say so).
 * - A reference or number (meta) weighs most: "BV 234" should lead to the paper, not to the
 *   page headers that repeat it; then titles, then the text; the meeting and body an item
 *   belongs to (context) weigh little.
 *
 * Units of indexing are sources: what one Automerge document (or one catalogue entry) contributes,
 * replaced as a whole when its stamp (the document's heads) changes; and files: the pages of one
 * PDF, by SHA-256, indexed once however many meetings present the file. Which meetings, items and
 * attachment versions a file belongs to comes from the sources (FileContext), so a hit on a page
 * can say where the file is presented and which version it is.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions, type SearchResult } from 'minisearch'
import { CompoundSplitter } from './compound-splitter.ts'
import { foldWord, GERMAN_STOP_WORDS, WORD_PATTERN } from './german-fold.ts'
import { stemGerman } from './german-stem.ts'
import { marksOf, snippetOf, type Mark, type Snippet } from './snippet.ts'

export type SearchKind = 'meeting' | 'agenda-item' | 'paper' | 'file'
export const SEARCH_KINDS: readonly SearchKind[] = ['meeting', 'agenda-item', 'paper', 'file']

export interface MeetingRef {
  id: string
  name: string
  /** ISO 8601 with offset */
  start: string
  bodyId: string
  bodyName: string
}

export interface PaperRef {
  id: string
  reference: string
  paperType: string
}

/** A meeting, agenda item or paper as the app hands it to the index. */
export interface SearchRecord {
  id: string
  kind: Exclude<SearchKind, 'file'>
  title: string
  /** reference, item number, paper type: searchable, weighed between title and text */
  meta: string
  /** meeting, body and file names: searchable, weighed lightly */
  context: string
  text: string
  /** bodies for the body filter: the meeting's body, or a paper's consultation bodies */
  bodyIds: string[]
  /** ISO date (YYYY-MM-DD) for the date filter and the display */
  date?: string
  meeting?: MeetingRef
  itemNumber?: string
  paper?: PaperRef
  /** from a non-public part (shown as such) */
  confidential?: boolean
}

/**
 * Where a file (one version, by SHA-256) is presented: on a meeting (the app), or, on the public
 * portal, also only on a paper (an attachment version no public agenda shows), dated and filed under
 * bodies by `date` and `bodyIds` instead.
 */
export interface FileContext {
  sha256: string
  name: string
  pages?: number
  meeting?: MeetingRef
  /** ISO date for the date filter when there is no meeting */
  date?: string
  /** bodies for the body filter when there is no meeting */
  bodyIds?: string[]
  itemNumber?: string
  itemTitle?: string
  reference?: string
  attachmentId?: string
  version?: number
  confidential: boolean
  /** a document the member uploaded for themself (private notes) */
  own?: boolean
}

/** One version of a paper attachment (from the paper document: all versions, not only presented ones). */
export interface AttachmentVersion {
  attachmentId: string
  version: number
  sha256: string
  name: string
}

export interface SearchSource {
  /** e.g. "meeting:<documentId>" */
  key: string
  /** changes whenever the content may have changed (document heads, catalogue metadata) */
  stamp: string
  records: SearchRecord[]
  files: FileContext[]
  versions: AttachmentVersion[]
}

export interface SearchFilters {
  bodyId?: string
  /** ISO dates, inclusive */
  from?: string
  to?: string
  kinds?: SearchKind[]
}

export interface FileVersionRef {
  sha256: string
  version: number
  name: string
  /** its text is in the index (the file is on this device) */
  indexed: boolean
}

export interface FileHit {
  sha256: string
  name: string
  page: number
  pages?: number
  /** further pages of the same file with hits, ascending */
  morePages: number[]
  attachmentId?: string
  version?: number
  /** highest version known for the attachment */
  versionCount?: number
  otherVersions: FileVersionRef[]
  itemNumber?: string
  itemTitle?: string
  reference?: string
  /** other meetings presenting the same file */
  alsoIn: MeetingRef[]
  /** uploaded by the member for themself */
  own?: boolean
}

export interface SearchHit {
  id: string
  kind: SearchKind
  score: number
  title: string
  titleMarks: Mark[]
  snippet: Snippet
  date?: string
  confidential: boolean
  meeting?: MeetingRef
  itemNumber?: string
  paper?: PaperRef
  file?: FileHit
}

export interface SearchResults {
  query: string
  hits: SearchHit[]
  /** groups found before the limit was applied */
  total: number
  /** not every query word matched anywhere: these hits match some of them */
  relaxed: boolean
  tookMs: number
}

export interface SearchRequestOptions {
  filters?: SearchFilters
  limit?: number
  /** hits to skip (paging); `total` counts them */
  offset?: number
  /**
   * A last say per indexed document (a record, or a page of the file `sha256`), asked while
   * searching: the relay's portal search hides what stopped being public before its index caught
   * up. A function, so never across a worker boundary.
   */
  accept?: (doc: { kind: SearchKind; id: string; sha256?: string }) => boolean
}

/** A stored PDF page. */
interface PageRecord {
  id: string
  kind: 'file'
  sha256: string
  page: number
  title: string
  text: string
}

type StoredDoc = SearchRecord | PageRecord

interface SourceEntry {
  stamp: string
  ids: string[]
  files: FileContext[]
  versions: AttachmentVersion[]
}

interface FileEntry {
  name: string
  pages: number
}

/** What MiniSearch indexes; built per add, never stored. */
interface IndexedDoc {
  id: string
  title: string
  meta: string
  context: string
  text: string
  titleParts: string
  textParts: string
}

/** Bump when analysis changes (folding, splitting, fields): a persisted index of another version is rebuilt. */
export const ENGINE_VERSION = 1

export interface SerializedEngine {
  version: number
  index: AsPlainObject
  docs: StoredDoc[]
  sources: [string, SourceEntry][]
  files: [string, FileEntry][]
}

const FIELDS = ['title', 'meta', 'context', 'text', 'titleParts', 'textParts'] as const
const PART_FIELDS = new Set<string>(['titleParts', 'textParts'])
const BOOST = { title: 4, meta: 5, titleParts: 2, text: 1, context: 0.6, textParts: 0.5 }
const MIN_LOCAL_WORD = 5
const HAS_DIGIT = /\d/
const REFERENCE_PREFIX = /^\p{L}{1,4}$/u
const NUMBER = /^\d+$/

/** Words of a text, plus a joined term for "BV 160"-like references. */
export function tokenizeGerman(text: string): string[] {
  const words = text.match(WORD_PATTERN) ?? []
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    out.push(words[i])
    const next = words[i + 1]
    if (next && NUMBER.test(next) && REFERENCE_PREFIX.test(words[i]) && words[i] === words[i].toUpperCase()) out.push(words[i] + next)
  }
  return out
}

/** The indexed (and queried) form of a word: folded and stemmed; null for stop words and single letters. */
export function termOf(word: string): string | null {
  const folded = foldWord(word)
  if (GERMAN_STOP_WORDS.has(folded)) return null
  if (folded.length < 2 && !HAS_DIGIT.test(folded)) return null
  return stemGerman(folded)
}

const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => tokenizeGerman(text),
  // part fields hold folded parts already
  processTerm: (term, fieldName) => (fieldName && PART_FIELDS.has(fieldName) ? stemGerman(term) : termOf(term)),
  logger: () => undefined,
}

/**
 * A page and the paper or item it belongs to often match alike (the file name repeats the paper's
 * title, every page header its reference); the record describing the matter then leads, its pages
 * follow.
 */
const PAGE_WEIGHT = 0.7

const QUERY_OPTIONS: SearchOptions = {
  boost: BOOST,
  boostDocument: (id: string) => (id.startsWith('file:') ? PAGE_WEIGHT : 1),
  prefix: (term) => term.length >= 3 && !HAS_DIGIT.test(term),
  fuzzy: (term) => (term.length >= 5 && !HAS_DIGIT.test(term) ? 0.2 : false),
  maxFuzzy: 2,
  weights: { fuzzy: 0.3, prefix: 0.45 },
  processTerm: (term) => termOf(term),
  tokenize: (text) => tokenizeGerman(text),
}

const MAX_MORE_PAGES = 12

export class SearchEngine {
  private index: MiniSearch<IndexedDoc>
  private readonly docs = new Map<string, StoredDoc>()
  private readonly sources = new Map<string, SourceEntry>()
  private readonly files = new Map<string, FileEntry>()
  private readonly splitter = new CompoundSplitter()
  /** sha256 -> contexts, rebuilt after sources change (filters ask it for every page hit) */
  private contextCache: Map<string, FileContext[]> | undefined

  constructor() {
    this.index = new MiniSearch<IndexedDoc>(MINISEARCH_OPTIONS)
  }

  /** Restores a serialised engine; undefined when it was made by another ENGINE_VERSION. */
  static fromJSON(data: SerializedEngine): SearchEngine | undefined {
    if (!data || data.version !== ENGINE_VERSION) return undefined
    const engine = new SearchEngine()
    engine.index = MiniSearch.loadJS<IndexedDoc>(data.index, MINISEARCH_OPTIONS)
    for (const doc of data.docs) engine.docs.set(doc.id, doc)
    for (const [key, entry] of data.sources) engine.sources.set(key, entry)
    for (const [sha, entry] of data.files) engine.files.set(sha, entry)
    return engine
  }

  toJSON(): SerializedEngine {
    return {
      version: ENGINE_VERSION,
      index: this.index.toJSON(),
      docs: [...this.docs.values()],
      sources: [...this.sources.entries()],
      files: [...this.files.entries()],
    }
  }

  get documentCount(): number {
    return this.index.documentCount
  }

  /** source key -> stamp */
  stamps(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [key, entry] of this.sources) out[key] = entry.stamp
    return out
  }

  hasFile(sha256: string): boolean {
    return this.files.has(sha256)
  }

  indexedFiles(): string[] {
    return [...this.files.keys()]
  }

  /** Files some source presents whose text is not indexed yet. */
  wantedFiles(): { sha256: string; name: string }[] {
    const out = new Map<string, string>()
    for (const entry of this.sources.values()) {
      for (const f of entry.files) if (!this.files.has(f.sha256) && !out.has(f.sha256)) out.set(f.sha256, f.name)
      for (const v of entry.versions) if (!this.files.has(v.sha256) && !out.has(v.sha256)) out.set(v.sha256, v.name)
    }
    return [...out].map(([sha256, name]) => ({ sha256, name }))
  }

  /** Adds or replaces a source; false (and nothing done) when its stamp is unchanged. */
  putSource(source: SearchSource): boolean {
    const current = this.sources.get(source.key)
    if (current && current.stamp === source.stamp) return false
    if (current) this.discardIds(current.ids)
    const ids: string[] = []
    for (const record of source.records) {
      // one id, one owner: an item that moved to the other part of its meeting belongs to the newer
      // source, and the older one must not take it along when it changes or goes
      if (this.docs.has(record.id)) {
        this.discardIds([record.id])
        for (const [key, entry] of this.sources) if (key !== source.key && entry.ids.includes(record.id)) entry.ids = entry.ids.filter((id) => id !== record.id)
      }
      this.addRecord(record)
      ids.push(record.id)
    }
    this.sources.set(source.key, { stamp: source.stamp, ids, files: source.files, versions: source.versions })
    this.contextCache = undefined
    return true
  }

  removeSource(key: string): boolean {
    const current = this.sources.get(key)
    if (!current) return false
    this.discardIds(current.ids)
    this.sources.delete(key)
    this.contextCache = undefined
    return true
  }

  /** Removes every source not in `keys`, then files no remaining source presents; returns removed source keys. */
  retainSources(keys: Iterable<string>): string[] {
    const keep = new Set(keys)
    const removed = [...this.sources.keys()].filter((k) => !keep.has(k))
    for (const key of removed) this.removeSource(key)
    this.pruneFiles()
    return removed
  }

  /** Indexes the pages of a file (page 1 first); replaces an earlier indexing of the same file. */
  putFile(sha256: string, pageTexts: readonly string[], name?: string): void {
    if (this.files.has(sha256)) this.removeFile(sha256)
    const fileName = name ?? this.contextsOf(sha256)[0]?.name ?? ''
    const local = this.localWords(pageTexts.join('\n'))
    pageTexts.forEach((text, i) => {
      const page: PageRecord = { id: pageId(sha256, i + 1), kind: 'file', sha256, page: i + 1, title: fileName, text }
      this.docs.set(page.id, page)
      this.index.add({
        id: page.id,
        title: fileName,
        meta: '',
        context: '',
        text,
        titleParts: this.partsOf(fileName, local),
        textParts: this.partsOf(text, local),
      })
    })
    this.files.set(sha256, { name: fileName, pages: pageTexts.length })
  }

  removeFile(sha256: string): boolean {
    const entry = this.files.get(sha256)
    if (!entry) return false
    const ids: string[] = []
    for (let n = 1; n <= entry.pages; n++) ids.push(pageId(sha256, n))
    this.discardIds(ids)
    this.files.delete(sha256)
    return true
  }

  /** Drops indexed files that no source presents any more (unpinned, revoked). */
  pruneFiles(): string[] {
    const referenced = new Set<string>()
    for (const entry of this.sources.values()) {
      for (const f of entry.files) referenced.add(f.sha256)
      for (const v of entry.versions) referenced.add(v.sha256)
    }
    const removed = [...this.files.keys()].filter((sha) => !referenced.has(sha))
    for (const sha of removed) this.removeFile(sha)
    return removed
  }

  search(query: string, options: SearchRequestOptions = {}): SearchResults {
    const started = performance.now()
    const filters = options.filters ?? {}
    const limit = options.limit ?? 30
    const offset = Math.max(0, options.offset ?? 0)
    const accept = options.accept
    const filter = (r: SearchResult) => this.passes(r.id as string, filters) && (!accept || this.accepted(r.id as string, accept))
    let relaxed = false
    let results = query.trim() ? this.index.search(query, { ...QUERY_OPTIONS, combineWith: 'AND', filter }) : []
    if (!results.length && query.trim()) {
      results = this.index.search(query, { ...QUERY_OPTIONS, combineWith: 'OR', filter })
      relaxed = results.length > 0
    }
    const groups = this.group(results)
    const hits = groups.slice(offset, offset + limit).map((g) => this.hitOf(g, filters))
    return { query, hits, total: groups.length, relaxed, tookMs: performance.now() - started }
  }

  // --- internals -------------------------------------------------------------------------------

  private addRecord(record: SearchRecord): void {
    this.docs.set(record.id, record)
    const local = this.localWords(`${record.title}\n${record.text}`)
    this.index.add({
      id: record.id,
      title: record.title,
      meta: record.meta,
      context: record.context,
      text: record.text,
      titleParts: this.partsOf(record.title, local),
      textParts: this.partsOf(record.text, local),
    })
  }

  private discardIds(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.index.has(id)) this.index.discard(id)
      this.docs.delete(id)
    }
  }

  /** The document's own words long enough to count as compound parts. */
  private localWords(text: string): Set<string> {
    const out = new Set<string>()
    for (const w of text.match(WORD_PATTERN) ?? []) {
      if (w.length < MIN_LOCAL_WORD) continue
      const f = foldWord(w)
      if (f.length >= MIN_LOCAL_WORD && !HAS_DIGIT.test(f)) out.add(f)
    }
    return out
  }

  /** Compound parts of the text's words, each once (space-separated, folded). */
  private partsOf(text: string, local: ReadonlySet<string>): string {
    const seen = new Set<string>()
    const out: string[] = []
    for (const w of text.match(WORD_PATTERN) ?? []) {
      if (w.length < 7) continue
      const f = foldWord(w)
      if (seen.has(f)) continue
      seen.add(f)
      for (const part of this.splitter.termsOf(f, local)) out.push(part)
    }
    return out.join(' ')
  }

  private contextsOf(sha256: string): FileContext[] {
    if (!this.contextCache) {
      this.contextCache = new Map()
      for (const entry of this.sources.values()) {
        for (const f of entry.files) {
          const list = this.contextCache.get(f.sha256)
          if (list) list.push(f)
          else this.contextCache.set(f.sha256, [f])
        }
      }
    }
    return this.contextCache.get(sha256) ?? []
  }

  private versionsOf(attachmentId: string): AttachmentVersion[] {
    const bySha = new Map<string, AttachmentVersion>()
    for (const entry of this.sources.values()) {
      for (const v of entry.versions) if (v.attachmentId === attachmentId) bySha.set(v.sha256, v)
      for (const f of entry.files) {
        if (f.attachmentId === attachmentId && f.version !== undefined && !bySha.has(f.sha256))
          bySha.set(f.sha256, { attachmentId, version: f.version, sha256: f.sha256, name: f.name })
      }
    }
    return [...bySha.values()].sort((a, b) => a.version - b.version)
  }

  private accepted(id: string, accept: NonNullable<SearchRequestOptions['accept']>): boolean {
    const doc = this.docs.get(id)
    if (!doc) return false
    return doc.kind === 'file' ? accept({ kind: 'file', id, sha256: doc.sha256 }) : accept({ kind: doc.kind, id })
  }

  private passes(id: string, filters: SearchFilters): boolean {
    const doc = this.docs.get(id)
    if (!doc) return false
    if (filters.kinds?.length && !filters.kinds.includes(doc.kind)) return false
    if (doc.kind === 'file') {
      if (!filters.bodyId && !filters.from && !filters.to) return true
      return this.contextsOf(doc.sha256).some((c) => contextPasses(c, filters))
    }
    if (filters.bodyId && !doc.bodyIds.includes(filters.bodyId)) return false
    if (filters.from && (!doc.date || doc.date < filters.from)) return false
    if (filters.to && (!doc.date || doc.date > filters.to)) return false
    return true
  }

  /** One group per record, one per file (its best page leads, other pages follow). */
  private group(results: SearchResult[]): { lead: SearchResult; pages: number[]; terms: Set<string> }[] {
    const groups: { lead: SearchResult; pages: number[]; terms: Set<string> }[] = []
    const byFile = new Map<string, (typeof groups)[number]>()
    for (const r of results) {
      const doc = this.docs.get(r.id as string)
      if (!doc) continue
      if (doc.kind !== 'file') {
        groups.push({ lead: r, pages: [], terms: new Set(r.terms) })
        continue
      }
      const group = byFile.get(doc.sha256)
      if (group) {
        group.pages.push(doc.page)
        continue
      }
      const created = { lead: r, pages: [], terms: new Set(r.terms) }
      byFile.set(doc.sha256, created)
      groups.push(created)
    }
    return groups
  }

  private hitOf(group: { lead: SearchResult; pages: number[]; terms: Set<string> }, filters: SearchFilters): SearchHit {
    const doc = this.docs.get(group.lead.id as string) as StoredDoc
    const terms = group.terms
    const base = {
      id: doc.id,
      kind: doc.kind,
      score: group.lead.score,
      title: doc.title,
      titleMarks: marksOf(doc.title, terms),
      snippet: snippetOf(doc.text, terms),
    }
    if (doc.kind !== 'file') {
      return {
        ...base,
        confidential: !!doc.confidential,
        ...(doc.date ? { date: doc.date } : {}),
        ...(doc.meeting ? { meeting: doc.meeting } : {}),
        ...(doc.itemNumber ? { itemNumber: doc.itemNumber } : {}),
        ...(doc.paper ? { paper: doc.paper } : {}),
      }
    }
    // the meeting to show: one that passes the filters, the most recent first
    const contexts = this.contextsOf(doc.sha256)
      .filter((c) => contextPasses(c, filters))
      // the most recent meeting; within one meeting the context that names the agenda item
      .sort((a, b) => contextDate(b).localeCompare(contextDate(a)) || Number(!!b.meeting) - Number(!!a.meeting) || Number(!!b.itemNumber) - Number(!!a.itemNumber))
    const ctx = contexts[0]
    const attachmentId = contexts.find((c) => c.attachmentId)?.attachmentId
    const versions = attachmentId ? this.versionsOf(attachmentId) : []
    const own = versions.find((v) => v.sha256 === doc.sha256)
    const version = own?.version ?? ctx?.version
    const file: FileHit = {
      sha256: doc.sha256,
      name: this.files.get(doc.sha256)?.name || ctx?.name || doc.title,
      page: doc.page,
      morePages: [...new Set(group.pages)].sort((a, b) => a - b).slice(0, MAX_MORE_PAGES),
      otherVersions: versions
        .filter((v) => v.sha256 !== doc.sha256)
        .map((v) => ({ sha256: v.sha256, version: v.version, name: v.name, indexed: this.files.has(v.sha256) })),
      alsoIn: dedupeMeetings(contexts.slice(1).flatMap((c) => (c.meeting ? [c.meeting] : []))).filter((m) => m.id !== ctx?.meeting?.id),
    }
    const pages = this.files.get(doc.sha256)?.pages ?? ctx?.pages
    if (pages) file.pages = pages
    if (attachmentId) file.attachmentId = attachmentId
    if (version !== undefined) file.version = version
    if (versions.length) file.versionCount = Math.max(...versions.map((v) => v.version))
    if (ctx?.itemNumber) file.itemNumber = ctx.itemNumber
    if (ctx?.itemTitle) file.itemTitle = ctx.itemTitle
    if (ctx?.reference) file.reference = ctx.reference
    if (ctx?.own) file.own = true
    return {
      ...base,
      confidential: contexts.length > 0 && contexts.every((c) => c.confidential),
      ...(ctx?.meeting ? { meeting: ctx.meeting } : {}),
      ...(ctx && contextDate(ctx) ? { date: contextDate(ctx).slice(0, 10) } : {}),
      file,
    }
  }
}

function pageId(sha256: string, page: number): string {
  return `file:${sha256}:${page}`
}

/** the meeting's start, else the context's own date; '' when it has neither */
function contextDate(c: FileContext): string {
  return c.meeting?.start ?? c.date ?? ''
}

function contextPasses(c: FileContext, filters: SearchFilters): boolean {
  const date = contextDate(c).slice(0, 10)
  if (filters.bodyId && !(c.meeting ? c.meeting.bodyId === filters.bodyId : (c.bodyIds ?? []).includes(filters.bodyId))) return false
  if ((filters.from || filters.to) && !date) return false
  if (filters.from && date < filters.from) return false
  if (filters.to && date > filters.to) return false
  return true
}

function dedupeMeetings(meetings: MeetingRef[]): MeetingRef[] {
  const seen = new Set<string>()
  return meetings.filter((m) => !seen.has(m.id) && seen.add(m.id))
}
