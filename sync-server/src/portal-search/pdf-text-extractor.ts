/**
 * Extracts the text of public PDFs in the background, one file at a time, for the portal search.
 *
 * - Works off the public model only: the files `PublicReader.all('file')` lists, rescanned when it
 *   changes; a file that stopped being public while it waited is skipped.
 * - Never on a request's path: requests only read what is already stored. pdf.js (legacy build,
 *   with paper-pdf's Node 20 shim) runs in this thread through its in-thread "fake worker"; the
 *   queue yields to the event loop between files, and parsing a page is a few milliseconds.
 * - Page text is the app's one definition (`extractPageTexts` from @ratstisch/search), so a hit's
 *   page is the page the reader shows.
 * - Results are persisted per SHA-256 (PdfTextStore); a file pdf.js cannot read is recorded as
 *   failed, logged once by a short hash (never its name or content) and skipped from then on.
 */
import { extractPageTexts, type PdfJsTextApi } from '@ratstisch/search'
import type { BlobStore } from '../files/blob-store.ts'
import type { PublicReader } from '../public/public-model.ts'
import type { PdfTextStore } from './pdf-text-store.ts'

export const PDF_MIME = 'application/pdf'
const LOG_EVERY_MS = 60_000

/** pdf.js for Node 20: the legacy build, after paper-pdf's shim added what it misses. */
export async function loadNodePdfJs(): Promise<PdfJsTextApi> {
  await import('@ratstisch/paper-pdf/node-pdfjs-shim')
  return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJsTextApi
}

export interface PdfTextExtractorDeps {
  reader: PublicReader
  blobStore: BlobStore
  store: PdfTextStore
  /** pdf.js (default: the legacy build on Node) */
  loadPdfJs?: () => Promise<PdfJsTextApi>
  /** larger files are recorded as failed without being parsed (default 64 MiB) */
  maxBytes?: number
  log?: (line: string) => void
}

export class PdfTextExtractor {
  private readonly queue: string[] = []
  private readonly queued = new Set<string>()
  private readonly listeners = new Set<(sha256: string) => void>()
  private readonly idleWaiters: Array<() => void> = []
  private running: Promise<void> | undefined
  private pdfjs: Promise<PdfJsTextApi> | undefined
  private unsubscribe: (() => void) | undefined
  private stopped = true
  private current: string | undefined
  /** totals since the last log line (logged when the queue drains, at most every LOG_EVERY_MS) */
  private batch = { files: 0, pages: 0, failed: 0, ms: 0, since: 0 }
  private lastLog = 0

  constructor(private readonly deps: PdfTextExtractorDeps) {}

  /** Scans the public files now and after every change of the public model. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe = this.deps.reader.onChange(() => this.scan())
    this.scan()
  }

  /** Stops taking new files and waits for the one being extracted. */
  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.queue.length = 0
    this.queued.clear()
    await this.running
    this.wakeIdle()
  }

  /** files waiting or being extracted */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0)
  }

  /** Called with the SHA-256 of every file whose text was stored. */
  onExtracted(listener: (sha256: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves once nothing waits for extraction (tests, benchmarks). */
  idle(): Promise<void> {
    if (!this.pending) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Queues every public PDF without a recorded outcome. */
  scan(): void {
    if (this.stopped) return
    const known = this.deps.store.known()
    for (const file of this.deps.reader.all('file')) {
      if (file.mime !== PDF_MIME || known.has(file.id) || this.queued.has(file.id) || file.id === this.current) continue
      this.queued.add(file.id)
      this.queue.push(file.id)
    }
    this.kick()
  }

  private kick(): void {
    if (this.running || this.stopped || !this.queue.length) return
    this.running = this.run().finally(() => {
      this.running = undefined
      // files queued while the last one was finishing
      if (this.queue.length && !this.stopped) this.kick()
      else this.wakeIdle()
    })
  }

  private async run(): Promise<void> {
    if (!this.batch.since) this.batch.since = performance.now()
    while (this.queue.length && !this.stopped) {
      const sha256 = this.queue.shift()!
      this.queued.delete(sha256)
      // still public? (it may have waited while its meeting or paper was withdrawn)
      if (!this.deps.reader.get('file', sha256) || this.deps.store.status(sha256)) continue
      this.current = sha256
      try {
        await this.extract(sha256)
      } finally {
        this.current = undefined
      }
      // let requests in between files
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    const b = this.batch
    if ((b.files || b.failed) && (performance.now() - this.lastLog >= LOG_EVERY_MS || !this.lastLog)) {
      this.log(`[portal-search] PDF text: ${b.files} files, ${b.pages} pages in ${Math.round(performance.now() - b.since)} ms (${b.ms} ms parsing)${b.failed ? `, ${b.failed} unreadable` : ''}`)
      this.batch = { files: 0, pages: 0, failed: 0, ms: 0, since: 0 }
      this.lastLog = performance.now()
    }
  }

  private async extract(sha256: string): Promise<void> {
    const { blobStore, store } = this.deps
    // bytes not (yet) in the store: nothing recorded, so the next change of the public model retries
    if (!(await blobStore.exists(sha256))) return
    const started = performance.now()
    const size = await blobStore.size(sha256)
    if (size > (this.deps.maxBytes ?? 64 * 1024 * 1024)) {
      store.putFailure(sha256, 0)
      this.batch.failed++
      this.log(`[portal-search] PDF ${sha256.slice(0, 12)} is ${size} bytes, above the extraction limit: skipped`)
      return
    }
    let pages: string[]
    try {
      const bytes = await readAll(blobStore, sha256)
      this.pdfjs ??= (this.deps.loadPdfJs ?? loadNodePdfJs)()
      pages = await extractPageTexts(await this.pdfjs, bytes)
    } catch (error) {
      if (this.stopped) return
      const ms = performance.now() - started
      store.putFailure(sha256, ms)
      this.batch.failed++
      // the error's kind only: pdf.js messages may quote bytes of the file
      this.log(`[portal-search] PDF ${sha256.slice(0, 12)} unreadable (${error instanceof Error ? error.name : typeof error}): skipped`)
      return
    }
    if (this.stopped) return
    const ms = performance.now() - started
    store.putPages(sha256, pages, ms)
    this.batch.files++
    this.batch.pages += pages.length
    this.batch.ms += Math.round(ms)
    for (const listener of this.listeners) listener(sha256)
  }

  private wakeIdle(): void {
    if ((this.pending || this.running) && !this.stopped) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  private log(line: string): void {
    ;(this.deps.log ?? console.log)(line)
  }
}

async function readAll(blobStore: BlobStore, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of blobStore.read(sha256)) chunks.push(chunk as Buffer)
  return new Uint8Array(Buffer.concat(chunks))
}
