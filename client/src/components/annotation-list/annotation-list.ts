/**
 * The member's annotations of a meeting as an accessible list: per annotation its kind and
 * colour, the quoted text, the comment, file and page, private or shared (and by whom), detached
 * ones ("abgelöst – Text nicht mehr vorhanden") with their quote, a link that opens the file at the
 * page and an editor (rt-annotation-editor) that unfolds in place.
 *
 * The link emits a cancelable `annotation-open` {id, href} first: the reader handles it in place,
 * elsewhere the app navigates. Emits `annotation-edit` {id} ('' closes) for the editor.
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { trd } from '../../i18n/messages-reader.ts'
import '../annotation-editor/annotation-editor.ts'
import { MARK_FILL, MARK_LINE } from '../annotation-layer/annotation-colors.ts'
import type { AnnotationEntry } from '../../services/annotations.ts'
import { annotationListStyles } from './annotation-list.styles.ts'

export interface AnnotationListItem {
  entry: AnnotationEntry
  fileLabel: string
  /** opens the file at the annotation (absent when the file is not part of the meeting any more) */
  href?: string
  /** page in the version the link opens */
  page: number
  status?: 'same' | 'moved' | 'changed' | 'detached'
  /** the file is public, so the annotation may be shared with the faction */
  shareable: boolean
}

export interface EditorState {
  busy: boolean
  status: string
  error: string
}

const QUOTE_MAX = 280

export class AnnotationList extends LitElement {
  static override styles = [themeStyles, annotationListStyles]
  static override properties = {
    items: { attribute: false },
    editingId: { type: String, attribute: 'editing-id' },
    activeId: { type: String, attribute: 'active-id' },
    focusEditor: { type: Boolean, attribute: 'focus-editor' },
    editor: { attribute: false },
    factionName: { type: String, attribute: 'faction-name' },
    headingLevel: { type: Number, attribute: 'heading-level' },
  }

  declare items: AnnotationListItem[]
  declare editingId: string
  declare activeId: string
  /** move the keyboard focus into the editor when it opens (a new note) */
  declare focusEditor: boolean
  declare editor: EditorState
  declare factionName: string
  declare headingLevel: number

  constructor() {
    super()
    this.items = []
    this.editingId = ''
    this.activeId = ''
    this.focusEditor = false
    this.editor = { busy: false, status: '', error: '' }
    this.factionName = ''
    this.headingLevel = 3
  }

  private onOpen(e: MouseEvent, item: AnnotationListItem): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || !item.href) return
    const event = new CustomEvent('annotation-open', { detail: { id: item.entry.annotation.id, href: item.href, page: item.page }, bubbles: true, composed: true, cancelable: true })
    if (!this.dispatchEvent(event)) e.preventDefault()
  }

  private toggle(id: string): void {
    this.dispatchEvent(new CustomEvent('annotation-edit', { detail: { id: this.editingId === id ? '' : id }, bubbles: true, composed: true }))
  }

  /** Scrolls an annotation's entry into view (after it was activated on the page). */
  reveal(id: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector(`[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }))
  }

  private renderItem(item: AnnotationListItem) {
    const a = item.entry.annotation
    const kind = trd(`kind.${a.kind}`)
    const editing = this.editingId === a.id
    const quote = a.quote?.exact.replace(/\s+/g, ' ').trim()
    const detached = item.status === 'detached' || (item.status === undefined && a.detached)
    const scope = item.entry.scope === 'private' ? trd('list.private') : item.entry.mine ? trd('list.shared') : trd('list.sharedBy', { author: a.authorName })
    return html`<li class="annotation ${this.activeId === a.id ? 'active' : ''} ${detached ? 'detached' : ''}" data-id=${a.id}>
      <div class="meta">
        <span class="kind"
          ><span class="swatch ${a.kind}" style="--fill:${MARK_FILL[a.color]};--line:${MARK_LINE[a.color]}" aria-hidden="true"></span>${kind} ·
          ${trd(`color.${a.color}`)}</span
        >
        <span class="badge ${item.entry.scope}">${scope}</span>
      </div>
      ${quote ? html`<blockquote lang="de">„${quote.length > QUOTE_MAX ? `${quote.slice(0, QUOTE_MAX)} …` : quote}“</blockquote>` : html`<p class="muted">${trd('list.noQuote')}</p>`}
      ${a.text && !editing ? html`<p class="comment">${a.text}</p>` : nothing}
      <p class="where">
        <span>${item.fileLabel}</span> · <span>${trd('list.page', { page: item.page })}</span>
        ${item.status === 'moved' && item.page !== a.page ? html` · <span>${trd('list.moved', { page: item.page })}</span>` : nothing}
        ${item.status === 'changed' ? html` · <span>${trd('list.changed')}</span>` : nothing}
      </p>
      ${detached ? html`<p class="detached-note"><strong>${trd('list.detached')}</strong></p>` : nothing}
      ${!item.href ? html`<p class="muted">${trd('list.fileGone')}</p>` : nothing}
      <div class="actions">
        ${item.href && !detached
          ? html`<a class="button" href=${item.href} @click=${(e: MouseEvent) => this.onOpen(e, item)}
              >${trd('list.openAt', { page: item.page })}<span class="visually-hidden"> – ${kind}${quote ? ` „${quote.slice(0, 60)}“` : ''}</span></a
            >`
          : nothing}
        <button type="button" aria-expanded=${editing ? 'true' : 'false'} aria-controls=${`editor-${a.id}`} @click=${() => this.toggle(a.id)}>
          ${trd('list.edit')}<span class="visually-hidden"> – ${kind}${quote ? ` „${quote.slice(0, 60)}“` : ''}</span>
        </button>
      </div>
      ${editing
        ? html`<rt-annotation-editor
            id=${`editor-${a.id}`}
            .entry=${item.entry}
            ?shareable=${item.shareable}
            faction-name=${this.factionName}
            ?busy=${this.editor.busy}
            status=${this.editor.status}
            error=${this.editor.error}
            ?autofocus=${this.focusEditor}
            @editor-close=${() => this.toggle(a.id)}
          ></rt-annotation-editor>`
        : nothing}
    </li>`
  }

  private renderGroup(title: string, items: AnnotationListItem[]) {
    if (!items.length) return nothing
    return html`<div class="group">
      <div class="group-title" role="heading" aria-level=${this.headingLevel}>${title} <span class="count">(${items.length})</span></div>
      <ul>
        ${items.map((i) => this.renderItem(i))}
      </ul>
    </div>`
  }

  override render() {
    if (!this.items.length) return html`<p class="muted">${trd('list.empty')}</p>`
    const mine = this.items.filter((i) => i.entry.mine)
    const others = this.items.filter((i) => !i.entry.mine)
    return html`${this.renderGroup(trd('list.mine'), mine)} ${this.renderGroup(trd('list.faction'), others)}`
  }
}

customElements.define('rt-annotation-list', AnnotationList)

declare global {
  interface HTMLElementTagNameMap {
    'rt-annotation-list': AnnotationList
  }
}
