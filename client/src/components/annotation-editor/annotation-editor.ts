/**
 * Edits one annotation: colour, comment (or the note's text), delete (with a confirmation step in
 * place, no browser dialog), "Mit Fraktion teilen" / "Nicht mehr teilen". A colleague's shared
 * annotation is shown read-only. Owns no document: emits `annotation-change` {id, patch},
 * `annotation-delete`, `annotation-share`, `annotation-unshare` {id} and `editor-close`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { ANNOTATION_COLORS, type AnnotationColor } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { trd } from '../../i18n/messages-reader.ts'
import type { AnnotationEntry } from '../../services/annotations.ts'
import { annotationEditorStyles } from './annotation-editor.styles.ts'

export class AnnotationEditor extends LitElement {
  static override styles = [themeStyles, annotationEditorStyles]
  static override properties = {
    entry: { attribute: false },
    factionName: { type: String, attribute: 'faction-name' },
    shareable: { type: Boolean },
    busy: { type: Boolean },
    status: { type: String },
    error: { type: String },
    autofocus: { type: Boolean },
    confirming: { state: true },
  }

  declare entry: AnnotationEntry | undefined
  declare factionName: string
  /** private annotations on non-public files and uploads stay private */
  declare shareable: boolean
  declare busy: boolean
  declare status: string
  declare error: string
  declare autofocus: boolean
  declare confirming: boolean

  constructor() {
    super()
    this.factionName = ''
    this.shareable = false
    this.busy = false
    this.status = ''
    this.error = ''
    this.autofocus = false
    this.confirming = false
  }

  protected override firstUpdated(): void {
    if (this.autofocus) this.focusText()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('entry') && changed.get('entry')?.annotation.id !== this.entry?.annotation.id) this.confirming = false
  }

  /** Puts the keyboard focus into the comment field (a new note needs its text). */
  focusText(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus())
  }

  private emit(name: string, detail: Record<string, unknown> = {}): void {
    const id = this.entry?.annotation.id
    if (id) this.dispatchEvent(new CustomEvent(name, { detail: { id, ...detail }, bubbles: true, composed: true }))
  }

  private renderReadOnly(entry: AnnotationEntry) {
    const a = entry.annotation
    return html`<p class="muted">${trd('editor.readOnly', { author: a.authorName })}</p>
      ${a.text ? html`<p class="comment">${a.text}</p>` : nothing}
      <div class="actions"><button type="button" @click=${() => this.emit('editor-close')}>${trd('editor.close')}</button></div>`
  }

  override render() {
    const entry = this.entry
    if (!entry) return nothing
    const a = entry.annotation
    const kind = trd(`kind.${a.kind}`)
    const id = a.id
    return html`<div class="editor" role="group" aria-label=${trd('editor.heading', { kind })}>
      ${!entry.mine
        ? this.renderReadOnly(entry)
        : html`
            <div class="fields">
              <label>
                <span>${trd('editor.color')}</span>
                <select @change=${(e: Event) => this.emit('annotation-change', { patch: { color: (e.target as HTMLSelectElement).value as AnnotationColor } })}>
                  ${ANNOTATION_COLORS.map((c) => html`<option value=${c} ?selected=${c === a.color}>${trd(`color.${c}`)}</option>`)}
                </select>
              </label>
              <label class="text">
                <span>${a.kind === 'note' ? trd('editor.noteText') : trd('editor.comment')}</span>
                <textarea
                  id=${`text-${id}`}
                  rows="3"
                  .value=${a.text ?? ''}
                  @input=${(e: Event) => this.emit('annotation-change', { patch: { text: (e.target as HTMLTextAreaElement).value } })}
                ></textarea>
              </label>
            </div>
            <p class="muted scope">${entry.scope === 'faction' ? trd('editor.sharedHint') : trd('editor.privateHint')}</p>
            <div class="actions">
              ${entry.scope === 'private' && !this.shareable
                ? html`<span class="muted">${trd('editor.notShareable')}</span>`
                : entry.scope === 'private'
                ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.emit('annotation-share')}>
                    ${this.busy ? trd('editor.sharing') : this.factionName ? trd('editor.shareWith', { faction: this.factionName }) : trd('editor.share')}
                  </button>`
                : html`<button type="button" ?disabled=${this.busy} @click=${() => this.emit('annotation-unshare')}>${trd('editor.unshare')}</button>`}
              ${this.confirming
                ? html`<span class="confirm" role="group" aria-label=${trd('editor.confirmDelete')}>
                    <span>${trd('editor.confirmDelete')}</span>
                    <button type="button" class="danger" @click=${() => this.emit('annotation-delete')}>${trd('editor.confirmYes')}</button>
                    <button type="button" @click=${() => (this.confirming = false)}>${trd('editor.confirmNo')}</button>
                  </span>`
                : html`<button type="button" class="danger" @click=${() => (this.confirming = true)}>${trd('editor.delete')}</button>`}
              <button type="button" @click=${() => this.emit('editor-close')}>${trd('editor.close')}</button>
            </div>
          `}
      <p class="status" role="status">${this.status}</p>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
    </div>`
  }
}

customElements.define('rt-annotation-editor', AnnotationEditor)

declare global {
  interface HTMLElementTagNameMap {
    'rt-annotation-editor': AnnotationEditor
  }
}
