/**
 * <rt-rich-text-editor>: one section of a paper (`paper.sections[i].text`, a Markdown subset held
 * as Automerge text), edited by several colleagues at once, online or offline.
 *
 * The source is a plain <textarea> (every screen reader and IME handles it); a toolbar inserts the
 * Markdown, and a live preview renders the parsed text with Lit templates (no HTML is ever
 * interpreted).
 *
 * Sync: the element remembers the text it shows and the document heads that text belongs to.
 * - A local edit becomes the minimal splice between the shown text and the textarea's value, made
 *   as a change at those heads (`changeAt`), so it merges character by character even if remote
 *   changes arrived meanwhile.
 * - A remote change is read as Automerge patches from the remembered heads to the current ones;
 *   the textarea gets the new text and the caret/selection moves through the same splices.
 * - While an IME composition is running the textarea is left alone; the composed text is taken
 *   and remote changes are shown when the composition ends.
 *
 * Fires `input` (bubbling, composed) after every local edit, typed or from the toolbar.
 */
import * as A from '@automerge/automerge'
import type { DocHandle, UrlHeads } from '@automerge/automerge-repo'
import {
  isAllowedLinkUrl,
  parseRichText,
  type PaperDoc,
  type RichTextBlock,
  type RichTextInline,
  type RichTextList,
} from '@ratstisch/domain'
import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { t, type MessageKey } from '../../i18n/messages.ts'
import { richTextEditorStyles } from './rich-text-editor.styles.ts'
import {
  applyFormat,
  applySplices,
  insertLink,
  insertTable,
  mapSelection,
  snapToCodePoint,
  spliceBetween,
  splicesFromPatches,
  toggleBold,
  toggleBulletList,
  toggleHeading,
  toggleItalic,
  toggleOrderedList,
  type EditorState,
  type FormatResult,
  type TextSplice,
} from './rich-text-ops.ts'

interface ToolbarAction {
  id: string
  label: MessageKey
  keys?: MessageKey
  /** aria-keyshortcuts */
  shortcut?: string
  icon: SVGTemplateResult
  run(editor: RichTextEditor): void
}

const ACTIONS: readonly ToolbarAction[] = [
  {
    id: 'heading',
    label: 'editor.heading',
    icon: svg`<path d="M5 4v16M15 4v16M5 12h10" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" fill="none"/><path d="M18.5 13.5c.6-1 2.5-1 2.5.5 0 1.6-2.8 2.6-2.8 4.5H21" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" fill="none"/>`,
    run: (e) => e.format((s) => toggleHeading(s, 2)),
  },
  {
    id: 'bold',
    label: 'editor.bold',
    keys: 'editor.bold.keys',
    shortcut: 'Control+B',
    icon: svg`<path d="M7 4h6a4 4 0 0 1 0 8H7zM7 12h7a4 4 0 0 1 0 8H7z" stroke="currentColor" stroke-width="2.6" stroke-linejoin="round" fill="none"/>`,
    run: (e) => e.format(toggleBold),
  },
  {
    id: 'italic',
    label: 'editor.italic',
    keys: 'editor.italic.keys',
    shortcut: 'Control+I',
    icon: svg`<path d="M10 4h8M6 20h8M14 4l-4 16" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/>`,
    run: (e) => e.format(toggleItalic),
  },
  {
    id: 'bullet-list',
    label: 'editor.bulletList',
    icon: svg`<circle cx="5" cy="6.5" r="1.7" fill="currentColor"/><circle cx="5" cy="12" r="1.7" fill="currentColor"/><circle cx="5" cy="17.5" r="1.7" fill="currentColor"/><path d="M10 6.5h10M10 12h10M10 17.5h10" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
    run: (e) => e.format(toggleBulletList),
  },
  {
    id: 'ordered-list',
    label: 'editor.orderedList',
    icon: svg`<path d="M4 4.5h1.5v4M3.8 8.5h3M3.8 13.2c.5-1 3-1.1 3 .4 0 1.2-3 2-3 3.4h3.2" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round" fill="none"/><path d="M10 6.5h10M10 12h10M10 17.5h10" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
    run: (e) => e.format(toggleOrderedList),
  },
  {
    id: 'link',
    label: 'editor.link',
    keys: 'editor.link.keys',
    shortcut: 'Control+K',
    icon: svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2" stroke="currentColor" stroke-width="2" stroke-linecap="round" fill="none"/>`,
    run: (e) => void e.openLinkForm(),
  },
  {
    id: 'table',
    label: 'editor.table',
    icon: svg`<rect x="3.5" y="4.5" width="17" height="15" rx="1.5" stroke="currentColor" stroke-width="2" fill="none"/><path d="M3.5 9.5h17M3.5 14.5h17M12 4.5v15" stroke="currentColor" stroke-width="1.6"/>`,
    run: (e) => e.format((s) => insertTable(s, { headers: [t('editor.table.column', { n: 1 }), t('editor.table.column', { n: 2 })] })),
  },
]

const PREVIEW_ICON = svg`<path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" stroke="currentColor" stroke-width="2" fill="none"/><circle cx="12" cy="12" r="2.8" fill="currentColor"/>`

const sameHeads = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((h) => b.includes(h))

export class RichTextEditor extends LitElement {
  static override styles = [themeStyles, richTextEditorStyles]
  static override properties = {
    handle: { attribute: false },
    sectionIndex: { type: Number, attribute: 'section-index' },
    label: { type: String },
    readonly: { type: Boolean, reflect: true },
    readonlyReason: { type: String, attribute: 'readonly-reason' },
    previewOpen: { type: Boolean, attribute: 'preview-open' },
    text: { state: true },
    status: { state: true },
    linkOpen: { state: true },
    linkError: { state: true },
    focusIndex: { state: true },
    failure: { state: true },
  }

  declare handle: DocHandle<PaperDoc> | undefined
  declare sectionIndex: number
  /** the section title: accessible name of the text field */
  declare label: string
  declare readonly: boolean
  /** shown while read-only, e.g. "Im Status Mitzeichnung nicht bearbeitbar" */
  declare readonlyReason: string
  declare previewOpen: boolean
  /** the textarea's value, for the preview */
  declare text: string
  declare status: 'loading' | 'ready' | 'missing'
  declare linkOpen: boolean
  declare linkError: string
  /** roving tabindex of the toolbar */
  declare focusIndex: number
  declare failure: string

  /** the text the textarea shows, as of `syncedHeads` */
  private syncedValue = ''
  private syncedHeads: UrlHeads | undefined
  private composing = false
  private localEdit = false
  /** the selection the link is for, kept up to date while the address is typed */
  private linkSelection: { start: number; end: number } | undefined
  private subscribed: DocHandle<PaperDoc> | undefined
  private needsReset = false
  private readonly onDocChange = () => {
    if (!this.localEdit) this.syncFromDoc()
  }
  private readonly onDocDelete = () => {
    this.status = 'missing'
  }

  constructor() {
    super()
    this.sectionIndex = 0
    this.label = ''
    this.readonly = false
    this.readonlyReason = ''
    this.previewOpen = true
    this.text = ''
    this.status = 'loading'
    this.linkOpen = false
    this.linkError = ''
    this.focusIndex = 0
    this.failure = ''
  }

  private get path(): [string, number, string] {
    return ['sections', this.sectionIndex, 'text']
  }

  private get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.hasUpdated) {
      this.subscribe()
      this.syncFromDoc()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.unsubscribe()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('handle') || changed.has('sectionIndex')) {
      this.subscribe()
      const text = this.sectionText()
      this.status = !this.handle?.isReady() ? 'loading' : text === undefined ? 'missing' : 'ready'
      this.text = text ?? ''
      this.needsReset = true
    }
  }

  protected override updated(): void {
    // the textarea exists only now
    if (!this.needsReset) return
    this.needsReset = false
    this.resetFromDoc()
  }

  private subscribe(): void {
    if (this.subscribed === this.handle) return
    this.unsubscribe()
    const handle = this.handle
    if (!handle || !this.isConnected) return
    handle.on('change', this.onDocChange)
    handle.on('delete', this.onDocDelete)
    this.subscribed = handle
    if (!handle.isReady()) {
      void handle.whenReady().then(
        () => {
          if (this.handle === handle) this.resetFromDoc()
        },
        () => {},
      )
    }
  }

  private unsubscribe(): void {
    this.subscribed?.off('change', this.onDocChange)
    this.subscribed?.off('delete', this.onDocDelete)
    this.subscribed = undefined
  }

  private sectionText(): string | undefined {
    const handle = this.handle
    if (!handle?.isReady()) return undefined
    const value = handle.doc()?.sections?.[this.sectionIndex]?.text
    return typeof value === 'string' ? value : undefined
  }

  /** Shows the document's text as it is now (a new handle or section). */
  private resetFromDoc(): void {
    const area = this.textarea
    const handle = this.handle
    this.syncedHeads = undefined
    if (!area || !handle?.isReady()) {
      this.status = 'loading'
      return
    }
    const text = this.sectionText()
    if (text === undefined) {
      this.status = 'missing'
      return
    }
    this.status = 'ready'
    area.value = text
    this.syncedValue = text
    this.syncedHeads = handle.heads()
    this.text = text
  }

  /** Brings the textarea up to the document, moving the selection through the remote splices. */
  private syncFromDoc(): void {
    const area = this.textarea
    const handle = this.handle
    if (!area || !handle?.isReady() || this.composing) return
    if (!this.syncedHeads) return this.resetFromDoc()
    if (area.value !== this.syncedValue) return this.takeLocalInput()
    const heads = handle.heads()
    if (sameHeads(heads, this.syncedHeads)) return
    const text = this.sectionText()
    if (text === undefined) {
      this.status = 'missing'
      return
    }
    this.status = 'ready'
    let splices: TextSplice[] | undefined
    try {
      splices = splicesFromPatches(handle.diff(this.syncedHeads, heads), this.path)
    } catch {
      splices = undefined
    }
    if (!splices || applySplices(this.syncedValue, splices) !== text) {
      const whole = spliceBetween(this.syncedValue, text)
      splices = whole ? [whole] : []
    }
    if (text !== area.value) {
      const selection = mapSelection({ start: area.selectionStart, end: area.selectionEnd }, splices)
      const direction = area.selectionDirection
      const scrollTop = area.scrollTop
      area.value = text
      area.setSelectionRange(snapToCodePoint(text, selection.start), snapToCodePoint(text, selection.end), direction)
      area.scrollTop = scrollTop
      if (this.linkSelection) this.linkSelection = mapSelection(this.linkSelection, splices)
    }
    this.syncedValue = text
    this.syncedHeads = heads
    this.text = text
  }

  /** Turns what the user changed in the textarea into a splice of the document. */
  private takeLocalInput(): void {
    const area = this.textarea
    if (!area) return
    const value = area.value
    if (value === this.syncedValue) return this.syncFromDoc()
    if (this.readonly || !this.syncedHeads || !this.handle?.isReady()) {
      area.value = this.syncedValue
      return
    }
    const splice = spliceBetween(this.syncedValue, value, area.selectionEnd)
    this.applyLocal(splice ? [splice] : [], value)
  }

  /**
   * Applies sequential splices of the shown text to the document: directly when the document is
   * at the shown heads, else as a concurrent change at those heads. Then catches up with anything
   * that arrived in between.
   */
  private applyLocal(splices: readonly TextSplice[], value: string): void {
    const handle = this.handle
    const from = this.syncedHeads
    if (!handle || !from) return
    const path = this.path
    const edit = (d: PaperDoc) => {
      for (const s of splices) A.splice(d, path, s.index, s.deleteCount, s.insert)
    }
    let heads: UrlHeads | undefined
    this.localEdit = true
    try {
      if (sameHeads(handle.heads(), from)) {
        handle.change(edit)
        heads = handle.heads()
      } else {
        heads = handle.changeAt(from, edit)
      }
      this.failure = ''
    } catch (e) {
      // e.g. the section disappeared under a concurrent change: show the document's text again
      console.warn('rich-text-editor: local edit failed', e)
      this.failure = t('editor.saveFailed', { reason: e instanceof Error ? e.message : String(e) })
      this.localEdit = false
      this.resetFromDoc()
      return
    } finally {
      this.localEdit = false
    }
    this.syncedValue = value
    if (heads) this.syncedHeads = heads
    this.text = value
    this.syncFromDoc()
  }

  /** Runs a toolbar transformation on the textarea and the document. */
  format(op: (state: EditorState) => FormatResult): void {
    const area = this.textarea
    if (!area || this.readonly || this.status !== 'ready') return
    this.takeLocalInput()
    const state: EditorState = { text: area.value, selectionStart: area.selectionStart, selectionEnd: area.selectionEnd }
    const result = op(state)
    const next = applyFormat(state, result)
    area.focus()
    if (result.splices.length) area.value = next.text
    area.setSelectionRange(next.selectionStart, next.selectionEnd)
    if (result.splices.length) {
      this.applyLocal(result.splices, next.text)
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
    }
  }

  // --- events -------------------------------------------------------------------------------

  private onInput(e: InputEvent): void {
    if (this.composing || e.isComposing) {
      this.text = (e.target as HTMLTextAreaElement).value
      return
    }
    this.takeLocalInput()
  }

  private onCompositionStart(): void {
    this.composing = true
  }

  private onCompositionEnd(): void {
    this.composing = false
    this.takeLocalInput()
  }

  private onSourceKeydown(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || this.readonly || e.isComposing) return
    const key = e.key.toLowerCase()
    const action = key === 'b' ? 'bold' : key === 'i' ? 'italic' : key === 'k' ? 'link' : undefined
    if (!action) return
    e.preventDefault()
    ACTIONS.find((a) => a.id === action)!.run(this)
  }

  private toolbarButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.toolbar button')]
  }

  private onToolbarKeydown(e: KeyboardEvent): void {
    const buttons = this.toolbarButtons()
    const current = buttons.indexOf(e.target as HTMLButtonElement)
    if (current < 0) return
    let next = current
    if (e.key === 'ArrowRight') next = (current + 1) % buttons.length
    else if (e.key === 'ArrowLeft') next = (current - 1 + buttons.length) % buttons.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = buttons.length - 1
    else return
    e.preventDefault()
    this.focusIndex = next
    buttons[next].focus()
  }

  private onToolbarFocusIn(e: FocusEvent): void {
    const index = this.toolbarButtons().indexOf(e.target as HTMLButtonElement)
    if (index >= 0) this.focusIndex = index
  }

  // --- link form ------------------------------------------------------------------------------

  async openLinkForm(): Promise<void> {
    const area = this.textarea
    if (!area || this.readonly || this.status !== 'ready') return
    this.takeLocalInput()
    this.linkSelection = { start: area.selectionStart, end: area.selectionEnd }
    this.linkError = ''
    this.linkOpen = true
    await this.updateComplete
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url')
    if (input) {
      const selected = area.value.slice(this.linkSelection.start, this.linkSelection.end).trim()
      input.value = isAllowedLinkUrl(selected) ? selected : input.value || 'https://'
      input.focus()
      input.select()
    }
  }

  private closeLinkForm(): void {
    const area = this.textarea
    const selection = this.linkSelection
    this.linkOpen = false
    this.linkError = ''
    this.linkSelection = undefined
    if (area) {
      area.focus()
      if (selection) area.setSelectionRange(selection.start, selection.end)
    }
  }

  private submitLink(e: Event): void {
    e.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link-url')
    const url = input?.value.trim() ?? ''
    if (!isAllowedLinkUrl(url)) {
      this.linkError = t('editor.link.invalid')
      input?.focus()
      return
    }
    this.closeLinkForm()
    this.format((s) => insertLink(s, url))
  }

  private onLinkKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return
    e.preventDefault()
    e.stopPropagation()
    this.closeLinkForm()
  }

  // --- rendering ------------------------------------------------------------------------------

  private renderInlines(inlines: readonly RichTextInline[]): unknown[] {
    return inlines.map((inline) => {
      const parts = inline.text.split('\n')
      let content: unknown = parts.map((part, i) => (i === 0 ? part : html`<br />${part}`))
      if (inline.italic) content = html`<em>${content}</em>`
      if (inline.bold) content = html`<strong>${content}</strong>`
      if (inline.href) content = html`<a href=${inline.href} rel="noopener noreferrer" target="_blank">${content}</a>`
      return content
    })
  }

  private renderList(list: RichTextList): TemplateResult {
    const items = list.items.map(
      (item) => html`<li>${this.renderInlines(item.inlines)}${item.sublist ? this.renderList(item.sublist) : nothing}</li>`,
    )
    return list.ordered ? html`<ol start=${list.start === 1 ? nothing : list.start}>${items}</ol>` : html`<ul>${items}</ul>`
  }

  /** Headings inside a section sit below the section title (h2 in the paper view). */
  private renderBlock(block: RichTextBlock): TemplateResult {
    switch (block.type) {
      case 'heading': {
        const content = this.renderInlines(block.inlines)
        if (block.level === 1) return html`<h3>${content}</h3>`
        if (block.level === 2) return html`<h4>${content}</h4>`
        return html`<h5>${content}</h5>`
      }
      case 'paragraph':
        return html`<p>${this.renderInlines(block.inlines)}</p>`
      case 'list':
        return this.renderList(block)
      case 'table': {
        const style = (i: number) => (block.align[i] ? `text-align: ${block.align[i]}` : nothing)
        return html`<table>
          <thead>
            <tr>
              ${block.header.map((cell, i) => html`<th scope="col" style=${style(i)}>${this.renderInlines(cell)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${block.rows.map(
              (row) => html`<tr>
                ${row.map((cell, i) => html`<td style=${style(i)}>${this.renderInlines(cell)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>`
      }
    }
  }

  private renderPreview() {
    const blocks = parseRichText(this.text)
    return html`<section class="preview" aria-label=${t('editor.preview.label', { label: this.label })}>
      <p class="preview-title" aria-hidden="true">${t('editor.preview')}</p>
      ${blocks.length ? blocks.map((b) => this.renderBlock(b)) : html`<p class="empty">${t('editor.preview.empty')}</p>`}
    </section>`
  }

  private renderToolbar() {
    const actions = this.readonly ? [] : ACTIONS
    const total = actions.length + 1
    const focusIndex = Math.min(this.focusIndex, total - 1)
    const buttons = actions.map((a, i) => {
      const name = a.keys ? t('editor.withKeys', { action: t(a.label), keys: t(a.keys) }) : t(a.label)
      return html`<button
          type="button"
          data-action=${a.id}
          tabindex=${i === focusIndex ? 0 : -1}
          aria-label=${name}
          title=${name}
          aria-keyshortcuts=${a.shortcut ?? nothing}
          aria-expanded=${a.id === 'link' ? String(this.linkOpen) : nothing}
          aria-controls=${a.id === 'link' && this.linkOpen ? 'link-form' : nothing}
          @click=${() => a.run(this)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${a.icon}</svg>
        </button>
        ${a.id === 'italic' || a.id === 'ordered-list' ? html`<span class="separator" aria-hidden="true"></span>` : nothing}`
    })
    return html`<div
      class="toolbar"
      role="toolbar"
      aria-label=${t('editor.toolbar', { label: this.label })}
      aria-controls="source"
      @keydown=${this.onToolbarKeydown}
      @focusin=${this.onToolbarFocusIn}
    >
      ${buttons}
      <button
        type="button"
        class="push"
        data-action="preview"
        tabindex=${focusIndex === total - 1 ? 0 : -1}
        aria-pressed=${String(this.previewOpen)}
        title=${t('editor.preview')}
        @click=${() => (this.previewOpen = !this.previewOpen)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${PREVIEW_ICON}</svg>
        <span>${t('editor.preview')}</span>
      </button>
    </div>`
  }

  private renderLinkForm() {
    return html`<form id="link-form" class="link-form" aria-label=${t('editor.link.form')} novalidate @submit=${this.submitLink} @keydown=${this.onLinkKeydown}>
      <div class="field">
        <label for="link-url">${t('editor.link.url')}</label>
        <input
          id="link-url"
          type="url"
          inputmode="url"
          autocomplete="url"
          spellcheck="false"
          aria-invalid=${this.linkError ? 'true' : 'false'}
          aria-describedby=${this.linkError ? 'link-error' : nothing}
        />
      </div>
      <button type="submit" class="primary">${t('editor.link.insert')}</button>
      <button type="button" @click=${() => this.closeLinkForm()}>${t('editor.link.cancel')}</button>
      ${this.linkError ? html`<p id="link-error" class="error" role="alert">${this.linkError}</p>` : nothing}
    </form>`
  }

  override render() {
    const describedBy = ['hint', this.readonly ? 'readonly-reason' : '', this.failure ? 'failure' : ''].filter(Boolean).join(' ')
    return html`
      ${this.readonly ? html`<p id="readonly-reason" class="notice">${this.readonlyReason || t('editor.readonly')}</p>` : nothing}
      ${this.status === 'missing' ? html`<p class="notice error">${t('editor.missing')}</p>` : nothing}
      ${this.failure ? html`<p id="failure" class="notice error" role="alert">${this.failure}</p>` : nothing}
      ${this.renderToolbar()} ${this.linkOpen && !this.readonly ? this.renderLinkForm() : nothing}
      <div class="panes ${this.previewOpen ? 'with-preview' : ''}">
        <div class="source-pane">
          <textarea
            id="source"
            rows="10"
            spellcheck="true"
            lang="de"
            aria-label=${this.label}
            aria-describedby=${describedBy}
            aria-busy=${this.status === 'loading' ? 'true' : 'false'}
            placeholder=${this.status === 'loading' ? t('editor.loading') : ''}
            ?readonly=${this.readonly || this.status !== 'ready'}
            @input=${this.onInput}
            @compositionstart=${this.onCompositionStart}
            @compositionend=${this.onCompositionEnd}
            @keydown=${this.onSourceKeydown}
          ></textarea>
          <p id="hint" class="hint">${t('editor.hint')}</p>
        </div>
        ${this.previewOpen ? this.renderPreview() : nothing}
      </div>
    `
  }
}

customElements.define('rt-rich-text-editor', RichTextEditor)

declare global {
  interface HTMLElementTagNameMap {
    'rt-rich-text-editor': RichTextEditor
  }
}
