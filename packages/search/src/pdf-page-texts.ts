/**
 * The text of every page of a PDF, for the search index, with the app's one definition of page
 * text (page-text.ts), so a search hit's page and the viewer's text layer agree.
 *
 * Runs where there is no DOM (the search worker; Node in tests): the caller passes the pdf.js
 * module (the browser build in the worker, the legacy build on Node 20). Nothing is rendered, so
 * font faces, offscreen canvases, image decoders and pdf.js's renderer worker are switched off.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist'
import { documentPageTexts } from './page-text.ts'

/** The part of the pdf.js API used here (both the browser and the legacy build fit it). */
export interface PdfJsTextApi {
  getDocument(src: {
    data: Uint8Array
    verbosity?: number
    isOffscreenCanvasSupported?: boolean
    isImageDecoderSupported?: boolean
    disableFontFace?: boolean
    useSystemFonts?: boolean
    disableWorkerRendering?: boolean
    stopAtErrors?: boolean
  }): { promise: Promise<PDFDocumentProxy>; destroy(): Promise<void> }
}

/** Page texts, page 1 first. Throws on bytes that are not a readable PDF. */
export async function extractPageTexts(pdfjs: PdfJsTextApi, bytes: Uint8Array): Promise<string[]> {
  const task = pdfjs.getDocument({
    // pdf.js transfers (detaches) the buffer it is given: keep the caller's bytes intact
    data: bytes.slice(),
    verbosity: 0,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableWorkerRendering: true,
    stopAtErrors: false,
  })
  try {
    const pdf = await task.promise
    return await documentPageTexts(pdf)
  } finally {
    await task.destroy()
  }
}
