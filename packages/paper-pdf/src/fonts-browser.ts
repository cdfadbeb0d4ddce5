/**
 * Font files for rendering in the app: Vite emits them as hashed assets and this fetches them on
 * first use (about 2.7 MB, then in the HTTP cache). They are the same files the relay reads, so a
 * PDF made offline in the app is byte-identical to the relay's.
 */
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url'
import italicUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf?url'
import boldItalicUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf?url'
import type { PdfFonts } from './pdf-fonts.ts'

let loading: Promise<PdfFonts> | undefined

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`Schriftart für das PDF konnte nicht geladen werden (${response.status})`)
  return new Uint8Array(await response.arrayBuffer())
}

export function loadPdfFonts(): Promise<PdfFonts> {
  loading ??= Promise.all([fetchFont(regularUrl), fetchFont(boldUrl), fetchFont(italicUrl), fetchFont(boldItalicUrl)]).then(([regular, bold, italic, boldItalic]) => ({
    regular,
    bold,
    italic,
    boldItalic,
  }))
  loading.catch(() => {
    loading = undefined
  })
  return loading
}
