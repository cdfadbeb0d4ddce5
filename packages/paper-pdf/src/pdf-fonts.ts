/**
 * The font files a paper PDF is set in: DejaVu Sans (free licence, wide Latin/Greek/Cyrillic
 * coverage) from the `dejavu-fonts-ttf` package. The relay reads them from disk
 * (fonts-node.ts), the app fetches them as Vite assets (fonts-browser.ts); the renderer only sees
 * bytes, which is what keeps its output identical in both places.
 */
export interface PdfFonts {
  regular: Uint8Array
  bold: Uint8Array
  italic: Uint8Array
  boldItalic: Uint8Array
}

export type FontStyle = keyof PdfFonts

export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic']

/** File names inside `dejavu-fonts-ttf/ttf/`. */
export const FONT_FILES: Readonly<Record<FontStyle, string>> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
}
