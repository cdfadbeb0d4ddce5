/**
 * The text of a PDF page as Ratstisch uses it everywhere: search snippets, annotation anchors
 * (character offsets), version diffs. One definition, so an offset computed in the viewer points at
 * the same character in the search worker.
 *
 * Page text = pdf.js text items in content-stream order, each item's `str`, followed by "\n" when
 * the item ends a line (`hasEOL`). Marked-content entries (no `str`) are skipped.
 * `itemOffsets[i]` is where item i starts in the page text (-1 for skipped entries), so a text
 * layer span (one per item) can be mapped to offsets and back.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist'

export interface PageText {
  text: string
  itemOffsets: number[]
}

interface TextItemLike {
  str?: string
  hasEOL?: boolean
}

export function joinTextItems(items: readonly TextItemLike[]): PageText {
  let text = ''
  const itemOffsets: number[] = []
  for (const item of items) {
    if (typeof item.str !== 'string') {
      itemOffsets.push(-1)
      continue
    }
    itemOffsets.push(text.length)
    text += item.str
    if (item.hasEOL) text += '\n'
  }
  return { text, itemOffsets }
}

export async function pageText(page: PDFPageProxy): Promise<PageText> {
  const content = await page.getTextContent()
  return joinTextItems(content.items as TextItemLike[])
}

/** Texts of all pages, page 1 first. */
export async function documentPageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const out: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    out.push((await pageText(page)).text)
    page.cleanup()
  }
  return out
}
