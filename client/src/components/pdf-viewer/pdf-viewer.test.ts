// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import './pdf-viewer.ts'
import type { PdfViewer } from './pdf-viewer.ts'

async function viewer(annotate = true): Promise<PdfViewer> {
  const el = document.createElement('rt-pdf-viewer')
  el.fileName = 'Vorlage.pdf'
  el.canAnnotate = annotate
  document.body.append(el)
  await el.updateComplete
  return el
}

afterEach(() => document.body.replaceChildren())

describe('rt-pdf-viewer (without a document)', () => {
  it('opens the find field with Ctrl+F anywhere in the viewer and closes it with Escape', async () => {
    const el = await viewer()
    el.shadowRoot!.querySelector('.stage')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, composed: true }))
    await el.updateComplete
    await new Promise((r) => setTimeout(r))
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#find')!
    expect(input).toBeTruthy()
    expect(el.shadowRoot!.activeElement).toBe(input)
    expect(el.shadowRoot!.querySelector('[role="search"]')!.getAttribute('aria-label')).toBe('Im Dokument suchen')
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('#find')).toBeNull()
  })

  it('offers the annotation tools only where annotating is allowed, explained when no text is chosen', async () => {
    const el = await viewer()
    const tools = el.shadowRoot!.querySelector('[role="group"]')!
    expect(tools.getAttribute('aria-label')).toBe('Anmerkungen')
    const highlight = [...tools.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Markieren')!
    expect(highlight.getAttribute('aria-disabled')).toBe('true')
    let created = 0
    el.addEventListener('annotation-create', () => created++)
    highlight.click()
    await el.updateComplete
    expect(created).toBe(0)
    expect(el.shadowRoot!.textContent).toContain('Text auswählen oder im Dokument suchen')
    expect((await viewer(false)).shadowRoot!.querySelector('[role="group"]')).toBeNull()
  })

  it('has a labelled toolbar with page-width zoom selected by default', async () => {
    const el = await viewer()
    expect(el.shadowRoot!.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).toBe('Dokument Vorlage.pdf')
    const zoom = el.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="Zoom"]')!
    expect(zoom.value).toBe('fit')
  })
})
