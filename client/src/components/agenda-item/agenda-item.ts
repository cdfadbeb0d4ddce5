/**
 * One agenda item: number, title (editable inline for writers of the document), paper reference,
 * files with "Öffnen" (in-app viewer), and the member's personal note.
 * Emits `note-input` {itemId, text} and `title-save` {itemId, title}; owns no document itself.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit'
import type { AgendaItem, FileRef } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize, formatPages } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { tl, type LiveKey } from '../../i18n/messages-live.ts'
import { agendaItemStyles } from './agenda-item.styles.ts'

export interface NoteInputDetail {
  itemId: string
  text: string
}

export interface TitleSaveDetail {
  itemId: string
  title: string
}

export class AgendaItemView extends LitElement {
  static override styles = [themeStyles, agendaItemStyles]
  static override properties = {
    item: { attribute: false },
    note: { attribute: false },
    canEditTitle: { type: Boolean, attribute: 'can-edit-title' },
    current: { type: Boolean },
    fileHref: { attribute: false },
    fileExtras: { attribute: false },
    itemExtras: { attribute: false },
    editing: { state: true },
    titleError: { state: true },
  }

  declare item: AgendaItem
  declare note: string | undefined
  declare canEditTitle: boolean
  /** the item is being dealt with in the running meeting */
  declare current: boolean
  /** builds the link that opens a file in the viewer */
  declare fileHref: (sha256: string) => string
  /** more about one file, rendered under it (versions and device status) */
  declare fileExtras: ((file: FileRef) => TemplateResult | typeof nothing) | undefined
  /** more about the item, rendered after its files (the member's own documents) */
  declare itemExtras: ((item: AgendaItem) => TemplateResult | typeof nothing) | undefined
  declare editing: boolean
  declare titleError: string

  constructor() {
    super()
    this.canEditTitle = false
    this.current = false
    this.editing = false
    this.titleError = ''
    this.fileHref = () => '#'
  }

  private async startEdit(): Promise<void> {
    this.editing = true
    this.titleError = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLInputElement>('#title-input')?.focus()
  }

  private async endEdit(): Promise<void> {
    this.editing = false
    await this.updateComplete
    this.renderRoot.querySelector<HTMLButtonElement>('#edit-title')?.focus()
  }

  private save(e: Event): void {
    e.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#title-input')
    const title = input?.value.trim() ?? ''
    if (!title) {
      this.titleError = t('item.titleEmpty')
      input?.focus()
      return
    }
    if (title !== this.item.title) {
      this.dispatchEvent(new CustomEvent<TitleSaveDetail>('title-save', { detail: { itemId: this.item.id, title }, bubbles: true, composed: true }))
    }
    void this.endEdit()
  }

  private onTitleKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault()
      void this.endEdit()
    }
  }

  private onNoteInput(e: Event): void {
    const text = (e.target as HTMLTextAreaElement).value
    this.dispatchEvent(new CustomEvent<NoteInputDetail>('note-input', { detail: { itemId: this.item.id, text }, bubbles: true, composed: true }))
  }

  private renderTitle() {
    const item = this.item
    if (this.editing) {
      return html`<form class="edit-row" @submit=${this.save}>
        <label class="visually-hidden" for="title-input">${t('item.titleInput', { number: item.number })}</label>
        <input
          id="title-input"
          type="text"
          .value=${item.title}
          @keydown=${this.onTitleKey}
          aria-invalid=${this.titleError ? 'true' : 'false'}
          aria-describedby=${this.titleError ? 'title-error' : nothing}
        />
        <button type="submit" class="primary tool">${t('item.save')}</button>
        <button type="button" class="tool" @click=${() => void this.endEdit()}>${t('item.cancel')}</button>
        ${this.titleError ? html`<p id="title-error" class="error" role="alert">${this.titleError}</p>` : nothing}
      </form>`
    }
    return this.canEditTitle
      ? html`<div class="edit-row">
          <button id="edit-title" type="button" class="tool" @click=${() => void this.startEdit()}>
            ${t('item.editTitle')}<span class="visually-hidden"> ${item.number}</span>
          </button>
        </div>`
      : nothing
  }

  /** What the live meeting recorded for the item (read-only; the clerk records in the live view). */
  private renderLive(item: AgendaItem) {
    const v = item.vote
    const recusals = item.recusals ?? []
    const statements = item.statements ?? []
    if (!this.current && !item.status && !item.result && !v && !recusals.length && !item.resolutionText && !statements.length) return nothing
    return html`<div class="live" aria-live="polite">
      ${this.current ? html`<p class="current-marker"><strong>${tl('meetingLive.currentMarker')}</strong></p>` : nothing}
      ${item.status
        ? html`<p class="live-status">
            ${tl('meetingLive.status', { status: tl(`live.status.${item.status}` as LiveKey) })}${item.referredTo ? html` → ${item.referredTo.name}` : nothing}
          </p>`
        : nothing}
      ${recusals.length ? html`<p class="live-recusals">${tl('meetingLive.recusals', { names: recusals.map((r) => r.name).join(', ') })}</p>` : nothing}
      ${item.result
        ? html`<p class="live-result">
            <strong>${tl('live.result')}: ${tl(`live.result.${item.result}` as LiveKey)}</strong>${v
              ? html` – ${v.mode === 'unanimous' ? tl('live.vote.recordedUnanimous', { yes: v.yes }) : tl('live.vote.recorded', { yes: v.yes, no: v.no, abstain: v.abstain })}`
              : nothing}
          </p>`
        : nothing}
      ${item.resolutionText ? html`<div class="live-resolution"><strong>${tl('meetingLive.resolution')}:</strong> <p>${item.resolutionText}</p></div>` : nothing}
      ${statements.length
        ? html`<ul class="live-statements" aria-label=${tl('live.statements')}>
            ${statements.map((s) => html`<li><strong>${s.name}:</strong> „${s.text}“</li>`)}
          </ul>`
        : nothing}
    </div>`
  }

  override render() {
    const item = this.item
    if (!item) return nothing
    const files = item.files ?? []
    return html`<article aria-labelledby="heading" class=${this.current ? 'current' : ''} aria-current=${this.current ? 'step' : nothing}>
      <h4 id="heading"><span class="number">${item.number}</span> <span class="title">${item.title}</span></h4>
      ${this.renderTitle()}
      ${this.renderLive(item)}
      ${item.paper ? html`<p class="paper">${t('item.paper', { reference: item.paper.reference })}</p>` : nothing}
      ${item.resolutionProposal
        ? html`<details class="proposal"><summary>${t('item.resolutionProposal')}</summary><p>${item.resolutionProposal}</p></details>`
        : nothing}
      ${files.length
        ? html`<ul class="files" aria-label=${t('item.files', { number: item.number })}>
            ${files.map(
              (f) => html`<li>
                <span class="file-name">${f.name}</span>
                <span class="file-meta">${formatFileSize(f.size)}${f.pages ? html` · ${formatPages(f.pages)}` : nothing}</span>
                <a class="button" href=${this.fileHref(f.sha256)}>${t('item.open')}<span class="visually-hidden"> ${f.name}</span></a>
                ${this.fileExtras?.(f) ?? nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.itemExtras?.(item) ?? nothing}
      <div class="note">
        <label for="note">${t('item.note')}<span class="visually-hidden"> ${t('item.noteFor', { number: item.number })}</span></label>
        <span class="hint" id="note-hint">${t('item.noteHint')}</span>
        <textarea id="note" aria-describedby="note-hint" .value=${this.note ?? ''} @input=${this.onNoteInput}></textarea>
      </div>
    </article>`
  }
}

customElements.define('rt-agenda-item', AgendaItemView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-agenda-item': AgendaItemView
  }
}
