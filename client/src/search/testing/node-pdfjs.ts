/**
 * pdf.js for Node 20 (tests, benchmarks): pdfjs-dist 6 targets Node 22; its legacy build needs
 * the two additions of @ratstisch/paper-pdf's node-pdfjs-shim on Node 20.
 */
import type { PdfJsTextApi } from '@ratstisch/search'

import '@ratstisch/paper-pdf/node-pdfjs-shim'

export async function loadNodePdfJs(): Promise<PdfJsTextApi> {
  return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJsTextApi
}
