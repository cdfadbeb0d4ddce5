// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { Annotation } from '@ratstisch/domain'
import type { AnnotationEntry } from '../../services/annotations.ts'
import './annotation-editor.ts'
import type { AnnotationEditor } from './annotation-editor.ts'

const annotation: Annotation = {
  id: 'a1',
  kind: 'highlight',
  color: 'yellow',
  target: { fileKey: 'k', sha256: 'a'.repeat(64), name: 'V.pdf' },
  page: 1,
  text: 'Rückfrage',
  author: 'u1',
  authorName: 'Anna',
  createdAt: '2026-01-01T00:00:00Z',
}

async function editor(entry: AnnotationEntry, faction = ''): Promise<AnnotationEditor> {
  const el = document.createElement('rt-annotation-editor')
  el.entry = entry
  el.factionName = faction
  el.shareable = true
  document.body.append(el)
  await el.updateComplete
  return el
}

const button = (el: AnnotationEditor, text: RegExp) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => text.test(b.textContent!.trim()))

afterEach(() => document.body.replaceChildren())

describe('rt-annotation-editor', () => {
  it('edits colour and comment of an own annotation and offers sharing with the faction by name', async () => {
    const el = await editor({ annotation, scope: 'private', mine: true }, 'CDU-Fraktion')
    const events: { type: string; detail: unknown }[] = []
    for (const type of ['annotation-change', 'annotation-share', 'annotation-delete']) el.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }))
    const text = el.shadowRoot!.querySelector('textarea')!
    expect(text.value).toBe('Rückfrage')
    text.value = 'Rückfrage an das Bauamt'
    text.dispatchEvent(new Event('input'))
    button(el, /^Mit Fraktion CDU-Fraktion teilen$/)!.click()
    expect(events).toEqual([
      { type: 'annotation-change', detail: { id: 'a1', patch: { text: 'Rückfrage an das Bauamt' } } },
      { type: 'annotation-share', detail: { id: 'a1' } },
    ])
  })

  it('asks before deleting, in place', async () => {
    const el = await editor({ annotation, scope: 'faction', mine: true })
    let deleted = false
    el.addEventListener('annotation-delete', () => (deleted = true))
    button(el, /^Löschen$/)!.click()
    await el.updateComplete
    expect(deleted).toBe(false)
    expect(el.shadowRoot!.textContent).toContain('Diese Anmerkung wirklich löschen?')
    button(el, /^Ja, löschen$/)!.click()
    expect(deleted).toBe(true)
    expect(button(el, /^Nicht mehr teilen$/)).toBeTruthy()
  })

  it('shows a colleague’s annotation read-only', async () => {
    const el = await editor({ annotation: { ...annotation, authorName: 'Bernd' }, scope: 'faction', mine: false })
    expect(el.shadowRoot!.querySelector('textarea')).toBeNull()
    expect(button(el, /^Löschen$/)).toBeUndefined()
    expect(el.shadowRoot!.textContent).toContain('Nur Bernd kann diese Anmerkung ändern.')
  })
})
