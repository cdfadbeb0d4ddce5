// @vitest-environment happy-dom
import * as A from '@automerge/automerge'
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import type { PaperDoc } from '@ratstisch/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RichTextEditor } from './rich-text-editor.ts'
import './rich-text-editor.ts'

function paperDoc(sachverhalt: string): PaperDoc {
  return {
    type: 'paper',
    id: 'paper-1',
    reference: '',
    name: 'Sanierung Hauptstraße',
    paperType: 'Beschlussvorlage',
    date: '2026-03-01',
    public: false,
    departmentId: 'dept-bau',
    department: 'Amt für Stadtentwicklung und Bauen',
    summary: '',
    workflowId: 'default',
    createdBy: 'author',
    createdAt: '2026-03-01T09:00:00Z',
    sections: [
      { key: 'beschlussvorschlag', title: 'Beschlussvorschlag', text: 'Der Rat beschließt.' },
      { key: 'sachverhalt', title: 'Sachverhalt', text: sachverhalt },
    ],
    attachments: [],
    consultations: [],
    sharedWith: [],
    events: [],
  }
}

const PATH = ['sections', 1, 'text']
let repo: Repo
let handle: DocHandle<PaperDoc>
let el: RichTextEditor

async function mount(text: string, props: Partial<Pick<RichTextEditor, 'readonly' | 'readonlyReason'>> = {}): Promise<void> {
  handle = repo.create<PaperDoc>(paperDoc(text))
  el = document.createElement('rt-rich-text-editor')
  el.handle = handle
  el.sectionIndex = 1
  el.label = 'Sachverhalt'
  Object.assign(el, props)
  document.body.append(el)
  await el.updateComplete
  await el.updateComplete
}

const area = () => el.shadowRoot!.querySelector('textarea')!
const docText = () => handle.doc().sections[1].text
const button = (action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!

/** What a browser does when the user types at the caret. */
function type(keys: string): void {
  const a = area()
  for (const key of keys) {
    const at = a.selectionStart
    const end = a.selectionEnd
    a.value = a.value.slice(0, at) + key + a.value.slice(end)
    a.setSelectionRange(at + key.length, at + key.length)
    a.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: key }))
  }
}

function backspace(): void {
  const a = area()
  const at = a.selectionStart
  // a whole code point, as browsers do for an emoji
  const width = /[\uDC00-\uDFFF]/.test(a.value[at - 1]) ? 2 : 1
  a.value = a.value.slice(0, at - width) + a.value.slice(at)
  a.setSelectionRange(at - width, at - width)
  a.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContentBackward' }))
}

/** A colleague's change: made on another copy of the document and merged in, like sync does. */
function remote(fn: (d: PaperDoc) => void): void {
  const other = repo.clone(handle)
  other.change(fn)
  handle.merge(other)
}

beforeEach(() => {
  repo = new Repo({ network: [] })
})

afterEach(async () => {
  el?.remove()
  await repo.shutdown()
})

describe('<rt-rich-text-editor>', () => {
  it('shows the section text with the section title as accessible name', async () => {
    await mount('Die Hauptstraße wird saniert.')
    expect(area().value).toBe('Die Hauptstraße wird saniert.')
    expect(area().getAttribute('aria-label')).toBe('Sachverhalt')
    expect(area().readOnly).toBe(false)
    const toolbar = el.shadowRoot!.querySelector('[role="toolbar"]')!
    expect(toolbar.getAttribute('aria-label')).toBe('Formatierung: Sachverhalt')
    expect(button('bold').getAttribute('aria-label')).toBe('Fett (Strg+B)')
    expect(button('bold').getAttribute('aria-keyshortcuts')).toBe('Control+B')
    expect(button('italic').getAttribute('aria-label')).toBe('Kursiv (Strg+I)')
    expect(button('link').getAttribute('aria-label')).toBe('Link (Strg+K)')
    expect(button('heading').getAttribute('aria-label')).toBe('Überschrift')
    expect(button('table').getAttribute('aria-label')).toBe('Tabelle einfügen')
  })

  it('writes typing into the document as splices, umlauts and emoji included', async () => {
    await mount('Die Straße.')
    let inputs = 0
    el.addEventListener('input', () => inputs++)
    area().setSelectionRange(10, 10)
    type(' wird saniert 🚧')
    expect(docText()).toBe('Die Straße wird saniert 🚧.')
    backspace()
    expect(docText()).toBe('Die Straße wird saniert .')
    backspace()
    expect(docText()).toBe('Die Straße wird saniert.')
    expect(inputs).toBeGreaterThan(0)
  })

  it('merges a concurrent edit: typing and a colleague\'s change both survive', async () => {
    await mount('Die Straße wird saniert.')
    // a colleague's copy from before the user typed
    const colleague = repo.clone(handle)
    area().setSelectionRange(10, 10)
    type(' (Nord)')
    colleague.change((d) => A.splice(d, PATH, 0, 0, 'Hinweis: '))
    handle.merge(colleague)
    expect(docText()).toBe('Hinweis: Die Straße (Nord) wird saniert.')
    expect(area().value).toBe(docText())
  })

  it('keeps the caret in place when a colleague types before or after it', async () => {
    await mount('Der Rat tagt.')
    area().focus()
    area().setSelectionRange(7, 7) // after "Der Rat"
    remote((d) => A.splice(d, PATH, 0, 0, 'Heute: '))
    expect(area().value).toBe('Heute: Der Rat tagt.')
    expect(area().selectionStart).toBe(14)
    expect(area().selectionEnd).toBe(14)
    remote((d) => A.splice(d, PATH, 19, 0, ' öffentlich'))
    expect(area().value).toBe('Heute: Der Rat tagt öffentlich.')
    expect(area().selectionStart).toBe(14)
    // a colleague typing right at the caret: the caret stays in front of their text
    remote((d) => A.splice(d, PATH, 14, 0, 'sversammlung'))
    expect(area().selectionStart).toBe(14)
    type('!')
    expect(docText()).toBe('Heute: Der Rat!sversammlung tagt öffentlich.')
  })

  it('moves a selection with the text and shrinks it when a colleague deletes part of it', async () => {
    await mount('eins zwei drei')
    area().setSelectionRange(5, 9) // "zwei"
    remote((d) => A.splice(d, PATH, 0, 5, ''))
    expect(area().value).toBe('zwei drei')
    expect([area().selectionStart, area().selectionEnd]).toEqual([0, 4])
    remote((d) => A.splice(d, PATH, 2, 4, ''))
    expect(area().value).toBe('zwrei')
    expect([area().selectionStart, area().selectionEnd]).toEqual([0, 2])
  })

  it('does not touch the textarea during IME composition and merges afterwards', async () => {
    await mount('Text: ')
    area().setSelectionRange(6, 6)
    area().dispatchEvent(new CompositionEvent('compositionstart', { data: '' }))
    // the IME writes provisional text
    area().value = 'Text: に'
    area().setSelectionRange(7, 7)
    area().dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: 'に', isComposing: true }))
    expect(docText()).toBe('Text: ')
    // a colleague's change arrives in the middle of the composition
    remote((d) => A.splice(d, PATH, 0, 0, '> '))
    expect(area().value).toBe('Text: に')
    area().value = 'Text: 日本'
    area().setSelectionRange(8, 8)
    area().dispatchEvent(new CompositionEvent('compositionend', { data: '日本' }))
    expect(docText()).toBe('> Text: 日本')
    expect(area().value).toBe('> Text: 日本')
    expect(area().selectionStart).toBe(10)
  })

  it('formats with the toolbar and with keyboard shortcuts', async () => {
    await mount('Die Bürgermeisterin eröffnet')
    let inputs = 0
    el.addEventListener('input', () => inputs++)
    area().setSelectionRange(6, 6)
    area().dispatchEvent(new KeyboardEvent('keydown', { key: 'b', ctrlKey: true, bubbles: true, cancelable: true }))
    expect(docText()).toBe('Die **Bürgermeisterin** eröffnet')
    expect(area().selectionStart).toBe(8)
    button('bullet-list').click()
    expect(docText()).toBe('- Die **Bürgermeisterin** eröffnet')
    button('heading').click()
    expect(docText()).toBe('## Die **Bürgermeisterin** eröffnet')
    area().setSelectionRange(area().value.length, area().value.length)
    button('table').click()
    expect(docText()).toBe('## Die **Bürgermeisterin** eröffnet\n\n| Spalte 1 | Spalte 2 |\n| --- | --- |\n|  |  |')
    expect(area().value.slice(area().selectionStart, area().selectionEnd)).toBe('Spalte 1')
    expect(inputs).toBe(4)
  })

  it('asks for the link address in an inline field, checks it and inserts the link', async () => {
    await mount('Siehe Satzung')
    area().setSelectionRange(6, 13)
    area().dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }))
    await el.updateComplete
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#link-url')!
    expect(input).toBeTruthy()
    expect(el.shadowRoot!.activeElement).toBe(input)
    expect(button('link').getAttribute('aria-expanded')).toBe('true')
    input.value = 'javascript:alert(1)'
    el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await el.updateComplete
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(el.shadowRoot!.querySelector('#link-error')!.textContent).toContain('https://')
    expect(docText()).toBe('Siehe Satzung')
    // a colleague edits meanwhile: the remembered selection follows
    remote((d) => A.splice(d, PATH, 0, 0, 'Bitte: '))
    input.value = 'https://musterstadt.de/satzung'
    el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await el.updateComplete
    expect(docText()).toBe('Bitte: Siehe [Satzung](https://musterstadt.de/satzung)')
    expect(el.shadowRoot!.querySelector('#link-url')).toBeNull()
    expect(el.shadowRoot!.activeElement).toBe(area())
  })

  it('closes the link field with Escape without changing the text', async () => {
    await mount('Text')
    button('link').click()
    await el.updateComplete
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#link-url')!
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }))
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('#link-url')).toBeNull()
    expect(docText()).toBe('Text')
  })

  it('renders the preview with Lit templates: safe links, tables, no HTML', async () => {
    await mount('## Kosten\n\nSiehe [Plan](https://x.de/plan) und **<script>alert(1)</script>**\n\n| A | B |\n| --- | --: |\n| 1 | 2 |')
    const preview = el.shadowRoot!.querySelector('.preview')!
    expect(preview.getAttribute('aria-label')).toBe('Vorschau: Sachverhalt')
    expect(preview.querySelector('h4')!.textContent).toBe('Kosten')
    const link = preview.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://x.de/plan')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(preview.querySelector('script')).toBeNull()
    expect(preview.querySelector('strong')!.textContent).toBe('<script>alert(1)</script>')
    expect(preview.querySelectorAll('th[scope="col"]').length).toBe(2)
    expect(preview.querySelector('td:last-child')!.getAttribute('style')).toContain('right')
    // the preview follows typing and can be hidden
    area().setSelectionRange(0, 0)
    type('# Neu\n\n')
    await el.updateComplete
    expect(preview.querySelector('h3')!.textContent).toBe('Neu')
    button('preview').click()
    await el.updateComplete
    expect(button('preview').getAttribute('aria-pressed')).toBe('false')
    expect(el.shadowRoot!.querySelector('.preview')).toBeNull()
  })

  it('is read-only with a reason: no formatting, no shortcuts, text still follows the document', async () => {
    await mount('Fester Text', { readonly: true, readonlyReason: 'Im Status Mitzeichnung nicht bearbeitbar' })
    expect(area().readOnly).toBe(true)
    const reason = el.shadowRoot!.querySelector('#readonly-reason')!
    expect(reason.textContent).toContain('Im Status Mitzeichnung nicht bearbeitbar')
    expect(area().getAttribute('aria-describedby')).toContain('readonly-reason')
    expect(el.shadowRoot!.querySelector('[data-action="bold"]')).toBeNull()
    area().setSelectionRange(0, 5)
    area().dispatchEvent(new KeyboardEvent('keydown', { key: 'b', ctrlKey: true, bubbles: true, cancelable: true }))
    expect(docText()).toBe('Fester Text')
    remote((d) => A.splice(d, PATH, 0, 0, 'Sehr '))
    expect(area().value).toBe('Sehr Fester Text')
  })

  it('has one tab stop in the toolbar and moves with the arrow keys', async () => {
    await mount('x')
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')]
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1)
    buttons[0].focus()
    buttons[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }))
    await el.updateComplete
    expect(el.shadowRoot!.activeElement).toBe(buttons[1])
    expect(buttons[1].tabIndex).toBe(0)
    expect(buttons[0].tabIndex).toBe(-1)
    buttons[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }))
    await el.updateComplete
    expect(el.shadowRoot!.activeElement).toBe(buttons[buttons.length - 1])
    buttons[buttons.length - 1].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }))
    await el.updateComplete
    expect(el.shadowRoot!.activeElement).toBe(buttons[0])
  })

  it('switches to another section and shows when a section does not exist', async () => {
    await mount('Sachverhalt-Text')
    el.sectionIndex = 0
    await el.updateComplete
    expect(area().value).toBe('Der Rat beschließt.')
    el.sectionIndex = 7
    await el.updateComplete
    await el.updateComplete
    expect(el.shadowRoot!.textContent).toContain('nicht vorhanden')
  })
})
