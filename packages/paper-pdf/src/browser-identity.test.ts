/**
 * The same paper rendered on the relay (Node) and in the app (Chromium, Vite build) gives the
 * same bytes. Skipped when no Chromium is installed (see scripts/ensure-chromium.mjs).
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPdfFonts } from './fonts-node.ts'
import type { PaperPdfInput } from './paper-pdf-input.ts'
import { renderPaperPdf } from './render-paper-pdf.ts'
import { samplePaperInput } from './sample-paper.ts'
import { chromiumPath, startBrowserRenderer, type BrowserRenderer } from './testing/browser-renderer.ts'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe.skipIf(!chromiumPath())('paper PDF in Chromium and in Node', () => {
  let browser: BrowserRenderer

  beforeAll(async () => {
    browser = await startBrowserRenderer()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('is byte-identical for a long paper and for a draft with hostile input', async () => {
    const fonts = await loadPdfFonts()
    const draft: PaperPdfInput = {
      ...samplePaperInput(1),
      reference: '',
      title: 'Entwurf: Prüfung „Öffnungszeiten“ – 12 € Gebühr 漢字 🚒',
      sections: [{ title: 'Sachverhalt', text: '<script>x</script> [Link](javascript:alert(1)) **fett** _kursiv_ ***beides***\n\n| a | b |\n|---|---|\n| ä | ß |' }],
    }
    for (const input of [samplePaperInput(20), draft]) {
      const node = await renderPaperPdf(input, fonts)
      const chromium = await browser.render(input)
      expect(chromium.length).toBe(node.length)
      expect(sha256(chromium)).toBe(sha256(node))
    }
  }, 60_000)
})
