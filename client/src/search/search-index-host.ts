/**
 * What runs inside the search worker, without the worker glue (so tests run it in Node): holds
 * the SearchEngine, answers the app's calls, extracts PDF text with pdf.js, and keeps the index
 * persisted — sealed (sealed-index-store.ts), written a moment after the last change so a burst of
 * updates costs one write.
 */
import { LocalCipher } from '../services/local-cipher.ts'
import { extractPageTexts, type PdfJsTextApi, SearchEngine, type SerializedEngine } from '@ratstisch/search'
import type { IndexState, OpenResult, SearchCall, SearchWorkerCalls } from './search-protocol.ts'
import { SealedIndexStore, type ByteStore } from './sealed-index-store.ts'

export interface SearchIndexHostDeps {
  byteStore(dbName: string): ByteStore
  pdfjs(): Promise<PdfJsTextApi>
  /** delay between the last change and the write; default 1500 ms */
  saveDelayMs?: number
}

export class SearchIndexHost {
  private engine = new SearchEngine()
  private store: SealedIndexStore<SerializedEngine> | undefined
  private opened: Promise<OpenResult> | undefined
  private saveTimer: ReturnType<typeof setTimeout> | undefined
  private saving: Promise<number> = Promise.resolve(0)
  private pdfjs: Promise<PdfJsTextApi> | undefined

  constructor(private readonly deps: SearchIndexHostDeps) {}

  async handle<K extends SearchCall>(call: K, request: SearchWorkerCalls[K]['request']): Promise<SearchWorkerCalls[K]['result']> {
    type R = SearchWorkerCalls[K]['result']
    if (call === 'open') {
      const { dbName, key } = request as SearchWorkerCalls['open']['request']
      this.opened ??= this.open(dbName, key)
      return (await this.opened) as R
    }
    if (!this.opened) throw new Error('search index not opened')
    await this.opened
    switch (call) {
      case 'state':
        return this.state() as R
      case 'put-sources': {
        let changed = false
        for (const source of (request as SearchWorkerCalls['put-sources']['request']).sources) changed = this.engine.putSource(source) || changed
        if (changed) this.scheduleSave()
        return this.state() as R
      }
      case 'retain-sources': {
        const before = this.engine.documentCount
        const removed = this.engine.retainSources((request as SearchWorkerCalls['retain-sources']['request']).keys)
        if (removed.length || before !== this.engine.documentCount) this.scheduleSave()
        return this.state() as R
      }
      case 'index-file':
        return (await this.indexFile(request as SearchWorkerCalls['index-file']['request'])) as R
      case 'drop-file':
        if (this.engine.removeFile((request as SearchWorkerCalls['drop-file']['request']).sha256)) this.scheduleSave()
        return this.state() as R
      case 'search': {
        const { query, options } = request as SearchWorkerCalls['search']['request']
        return this.engine.search(query, options) as R
      }
      case 'flush':
        return { bytes: await this.saveNow() } as R
      default:
        throw new Error(`unknown call ${String(call)}`)
    }
  }

  private async open(dbName: string, key: CryptoKey): Promise<OpenResult> {
    const started = performance.now()
    this.store = new SealedIndexStore<SerializedEngine>(this.deps.byteStore(dbName), new LocalCipher(key))
    const { value, present } = await this.store.load()
    const restoredEngine = value ? SearchEngine.fromJSON(value) : undefined
    let restored: OpenResult['restored'] = 'new'
    if (restoredEngine) {
      this.engine = restoredEngine
      restored = 'loaded'
    } else if (present) restored = 'discarded'
    return { ...this.state(), restored, loadMs: performance.now() - started }
  }

  private state(): IndexState {
    return { stamps: this.engine.stamps(), files: this.engine.indexedFiles(), wanted: this.engine.wantedFiles(), documents: this.engine.documentCount }
  }

  private async indexFile(request: SearchWorkerCalls['index-file']['request']): Promise<{ pages: number; ms: number }> {
    const started = performance.now()
    let texts: string[]
    try {
      this.pdfjs ??= this.deps.pdfjs()
      texts = await extractPageTexts(await this.pdfjs, new Uint8Array(request.bytes))
    } catch {
      // not a readable PDF: remembered as a file without text, so it is not offered again
      texts = []
    }
    this.engine.putFile(request.sha256, texts, request.name)
    this.scheduleSave()
    return { pages: texts.length, ms: performance.now() - started }
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.saveNow().catch(() => undefined), this.deps.saveDelayMs ?? 1500)
  }

  private saveNow(): Promise<number> {
    clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    const store = this.store
    if (!store) return Promise.resolve(0)
    // one write at a time, each with the engine as it is when the write starts
    this.saving = this.saving.catch(() => 0).then(() => store.save(this.engine.toJSON()))
    return this.saving
  }
}
