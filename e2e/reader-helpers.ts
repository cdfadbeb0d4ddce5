/** Steps of the reader journeys: selecting text in a viewer's text layer, copying it. */
import type { Page } from '@playwright/test'

/**
 * Selects the text layer of a pane's viewer from the start of its first line of text to the end of
 * the line after it; returns what the page text holds there (spans joined, "\n" at each line end).
 */
export async function selectTwoLines(page: Page, pane: '#pane-main' | '#pane-split'): Promise<string> {
  return page.evaluate((paneSelector) => {
    const deep = (root: Document | ShadowRoot, selector: string): Element | null => root.querySelector(selector)
    const shell = deep(document, 'rt-app-shell')!.shadowRoot!
    const reader = deep(shell, 'rt-reader-view')!.shadowRoot!
    const viewer = deep(reader, `${paneSelector} rt-pdf-viewer`)!.shadowRoot!
    const layer = deep(viewer, '.textLayer')!
    const nodes = [...layer.childNodes]
    const firstText = nodes.findIndex((n) => n.nodeName === 'SPAN' && (n.textContent ?? '').trim().length > 3)
    let breaks = 0
    let last = firstText
    let expected = ''
    for (let i = firstText; i < nodes.length; i++) {
      const n = nodes[i]
      if (n.nodeName === 'BR') {
        breaks++
        if (breaks === 2) break
        expected += '\n'
        continue
      }
      expected += n.textContent ?? ''
      last = i
    }
    const start = nodes[firstText].firstChild as Text
    const end = nodes[last].firstChild as Text
    document.getSelection()!.setBaseAndExtent(start, 0, end, end.length)
    return expected
  }, pane)
}

/** Fires a copy event as the browser does for Ctrl+C and returns what the app put on the clipboard. */
export async function copiedText(page: Page): Promise<{ app: string; native: string }> {
  return page.evaluate(() => {
    const data = new DataTransfer()
    const event = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true, composed: true })
    document.dispatchEvent(event)
    return { app: data.getData('text/plain'), native: document.getSelection()!.toString() }
  })
}
