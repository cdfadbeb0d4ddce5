/**
 * The search worker (module worker, started by search-service.ts): the index, PDF text extraction
 * and the encrypted persistence all run here, never on the UI thread.
 *
 * pdf.js normally starts a worker of its own. Here its worker code runs inside this worker: once
 * `pdf.worker.mjs` is imported it sets `globalThis.pdfjsWorker`, and `getDocument` then talks to it
 * in this thread through a loopback port (pdf.js's "fake worker"), so no nested worker is needed.
 * Importing it also makes pdf.js listen on this worker's port and announce itself to the page with
 * a message of its own; the app ignores messages without the search envelope, and pdf.js ignores
 * ours (they carry no pdf.js target).
 */
import type { PdfJsTextApi } from '@ratstisch/search'
import { SearchIndexHost } from './search-index-host.ts'
import { SEARCH_ENVELOPE, type SearchWorkerRequest, type SearchWorkerResponse } from './search-protocol.ts'
import { IdbByteStore } from './sealed-index-store.ts'

interface WorkerScope {
  postMessage(message: SearchWorkerResponse): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}
const scope = self as unknown as WorkerScope

async function loadPdfJs(): Promise<PdfJsTextApi> {
  await import('pdfjs-dist/build/pdf.worker.min.mjs')
  return (await import('pdfjs-dist')) as unknown as PdfJsTextApi
}

const host = new SearchIndexHost({ byteStore: (name) => new IdbByteStore(name), pdfjs: loadPdfJs })

scope.addEventListener('message', (event) => {
  const data = event.data as SearchWorkerRequest | undefined
  if (!data || data.rt !== SEARCH_ENVELOPE) return
  host.handle(data.call, data.request).then(
    (result) => scope.postMessage({ rt: SEARCH_ENVELOPE, id: data.id, ok: true, result }),
    (error: unknown) => scope.postMessage({ rt: SEARCH_ENVELOPE, id: data.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})
