/**
 * Page script of the browser renderer (browser-renderer.ts): exposes the renderer and a pdf-lib
 * baseline on `window.paperPdf` for Playwright to call.
 */
import { PDFDocument } from 'pdf-lib'
import { loadPdfFonts } from '../fonts-browser.ts'
import type { PaperPdfInput } from '../paper-pdf-input.ts'
import { renderPaperPdf } from '../render-paper-pdf.ts'

export interface BrowserPaperPdfApi {
  /** the PDF as base64 (what page.evaluate can hand back cheaply) */
  render(input: PaperPdfInput): Promise<string>
  time(input: PaperPdfInput, runs: number, warmup: number): Promise<number[]>
  timeBlankPages(pages: number, runs: number, warmup: number): Promise<number[]>
}

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

async function timed(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    out.push(performance.now() - started)
  }
  return out
}

const api: BrowserPaperPdfApi = {
  render: async (input) => toBase64(await renderPaperPdf(input, await loadPdfFonts())),
  time: async (input, runs, warmup) => {
    const fonts = await loadPdfFonts()
    return timed(() => renderPaperPdf(input, fonts), runs, warmup)
  },
  timeBlankPages: (pages, runs, warmup) =>
    timed(
      async () => {
        const doc = await PDFDocument.create()
        for (let i = 0; i < pages; i++) doc.addPage()
        return doc.save()
      },
      runs,
      warmup,
    ),
}

;(window as unknown as { paperPdf: BrowserPaperPdfApi }).paperPdf = api
document.title = 'ready'
