/**
 * Font files for rendering on the relay (Node): read once from the `dejavu-fonts-ttf` package and
 * kept, so every render hands the renderer the same byte arrays (and its parsed-font cache hits).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { FONT_FILES, FONT_STYLES, type FontStyle, type PdfFonts } from './pdf-fonts.ts'

let loading: Promise<PdfFonts> | undefined

export function loadPdfFonts(): Promise<PdfFonts> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url)
    const entries = await Promise.all(
      FONT_STYLES.map(async (style): Promise<[FontStyle, Uint8Array]> => {
        const file = require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[style]}`)
        const buffer = await readFile(file)
        return [style, new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)]
      }),
    )
    return Object.fromEntries(entries) as Record<FontStyle, Uint8Array>
  })()
  loading.catch(() => {
    loading = undefined
  })
  return loading
}
