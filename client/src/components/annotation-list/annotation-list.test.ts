// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { Annotation } from '@ratstisch/domain'
import './annotation-list.ts'
import type { AnnotationList, AnnotationListItem } from './annotation-list.ts'

const a = (id: string, over: Partial<Annotation> = {}): Annotation => ({
  id,
  kind: 'highlight',
  color: 'green',
  target: { fileKey: 'k', sha256: 'a'.repeat(64), name: 'Vorlage.pdf' },
  page: 2,
  quote: { exact: 'Bebauungsplan  Nr.\n42', prefix: '', suffix: '' },
  text: 'Rückfrage',
  author: 'u1',
  authorName: 'Anna',
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
})

async function render(items: AnnotationListItem[]): Promise<AnnotationList> {
  const el = document.createElement('rt-annotation-list')
  el.items = items
  document.body.append(el)
  await el.updateComplete
  return el
}

afterEach(() => document.body.replaceChildren())

describe('rt-annotation-list', () => {
  it('shows quote, comment, file, page and whether it is private or shared, grouped by author', async () => {
    const el = await render([
      { entry: { annotation: a('1'), scope: 'private', mine: true }, fileLabel: 'Ö 1 – Vorlage.pdf', href: '/app/x?page=2', page: 2, shareable: true },
      { entry: { annotation: a('2', { author: 'u2', authorName: 'Bernd', text: undefined }), scope: 'faction', mine: false }, fileLabel: 'Ö 1 – Vorlage.pdf', href: '/app/x', page: 3, status: 'moved', shareable: true },
    ])
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ')
    expect(text).toContain('„Bebauungsplan Nr. 42“')
    expect(text).toContain('Rückfrage')
    expect(text).toContain('privat')
    expect(text).toContain('geteilt von Bernd')
    expect(text).toContain('in dieser Version auf Seite 3')
    const groups = [...el.shadowRoot!.querySelectorAll('[role="heading"]')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim())
    expect(groups).toEqual(['Meine (1)', 'Von der Fraktion geteilt (1)'])
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).toBe('/app/x?page=2')
  })

  it('keeps detached annotations with their quote and without a page link', async () => {
    const el = await render([{ entry: { annotation: a('1'), scope: 'private', mine: true }, fileLabel: 'V.pdf', href: '/app/x', page: 2, status: 'detached', shareable: true }])
    expect(el.shadowRoot!.textContent).toContain('abgelöst – Text nicht mehr vorhanden')
    expect(el.shadowRoot!.textContent).toContain('Bebauungsplan')
    expect(el.shadowRoot!.querySelector('a')).toBeNull()
  })

  it('lets the reader handle "open at page" in place (cancelable event)', async () => {
    const el = await render([{ entry: { annotation: a('1'), scope: 'private', mine: true }, fileLabel: 'V.pdf', href: '/app/x', page: 2, shareable: true }])
    let opened = ''
    el.addEventListener('annotation-open', (e) => {
      opened = (e as CustomEvent<{ id: string }>).detail.id
      e.preventDefault()
    })
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 })
    el.shadowRoot!.querySelector('a')!.dispatchEvent(click)
    expect(opened).toBe('1')
    expect(click.defaultPrevented).toBe(true)
  })

  it('offers sharing only for annotations on public files', async () => {
    const share = async (shareable: boolean) => {
      const el = await render([{ entry: { annotation: a('1'), scope: 'private', mine: true }, fileLabel: 'N 1 – Vorlage.pdf', href: '/app/x', page: 1, shareable }])
      el.editingId = '1'
      await el.updateComplete
      const editor = el.shadowRoot!.querySelector('rt-annotation-editor')!
      await editor.updateComplete
      const text = editor.shadowRoot!.textContent!.replace(/\s+/g, ' ')
      document.body.replaceChildren()
      return text
    }
    expect(await share(true)).toContain('Mit Fraktion teilen')
    const closed = await share(false)
    expect(closed).not.toContain('Mit Fraktion teilen')
    expect(closed).toContain('bleiben privat')
  })
})
