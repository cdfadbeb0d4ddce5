/**
 * "Offline verfügbar machen" / "Offline-Daten entfernen" with a progress bar (files and bytes).
 * Emits `pin` and `unpin`; the host does the work and feeds progress back. `compact` (meeting
 * list) shows only the pin button and the progress; `subject` names the meeting for screen
 * readers where several controls share a page; `missing` offers to fetch what a pin lacks.
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { to } from '../../i18n/messages-offline.ts'
import { hrefFor } from '../../app/routes.ts'
import type { PinProgress } from '../../services/meeting-pinner.ts'
import { pinControlStyles } from './pin-control.styles.ts'

export class PinControl extends LitElement {
  static override styles = [themeStyles, pinControlStyles]
  static override properties = {
    pinned: { type: Boolean },
    busy: { type: Boolean },
    progress: { attribute: false },
    message: { type: String },
    error: { type: String },
    missing: { type: Number },
    subject: { type: String },
    compact: { type: Boolean },
  }

  declare pinned: boolean
  declare busy: boolean
  declare progress: PinProgress | undefined
  declare message: string
  declare error: string
  declare missing: number
  declare subject: string
  declare compact: boolean

  constructor() {
    super()
    this.pinned = false
    this.busy = false
    this.message = ''
    this.error = ''
    this.missing = 0
    this.subject = ''
    this.compact = false
  }

  private fire(name: 'pin' | 'unpin'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }))
  }

  private renderProgress() {
    const p = this.progress
    if (!p || (!this.busy && !p.totalFiles)) return nothing
    const percent = p.totalBytes > 0 ? Math.min(100, Math.round((p.bytes / p.totalBytes) * 100)) : p.totalFiles ? Math.round((p.files / p.totalFiles) * 100) : 100
    const text = t('pin.progress', {
      files: p.files,
      totalFiles: p.totalFiles,
      bytes: formatFileSize(p.bytes),
      totalBytes: formatFileSize(p.totalBytes),
    })
    return html`<div class="row">
      <div
        class="bar"
        role="progressbar"
        aria-label=${t('pin.progressLabel')}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
        aria-valuetext=${text}
      >
        <div class="fill" style="width: ${percent}%"></div>
      </div>
      <span class="progress-text">${text}</span>
    </div>`
  }

  override render() {
    const subject = this.subject ? html`<span class="visually-hidden"> ${to('offline.pinFor', { name: this.subject })}</span>` : nothing
    return html`
      <div class="row">
        ${this.pinned
          ? this.compact
            ? nothing
            : html`<button type="button" @click=${() => this.fire('unpin')} ?disabled=${this.busy}>${t('pin.remove')}${subject}</button>
                ${this.missing > 0 && !this.busy
                  ? html`<button type="button" class="primary" @click=${() => this.fire('pin')}>${to('offline.retry')}${subject}</button>`
                  : nothing}
                <a href=${hrefFor({ name: 'offline' })}>${to('offline.storageLink')}</a>`
          : html`<button type="button" class=${this.compact ? '' : 'primary'} @click=${() => this.fire('pin')} ?disabled=${this.busy} aria-describedby="pin-status">
              ${this.busy ? t('pin.working') : t('pin.make')}${subject}
            </button>`}
      </div>
      ${this.renderProgress()}
      <div id="pin-status" aria-live="polite">
        ${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}
        ${this.message && !this.error ? html`<p class="notice success">${this.message}</p>` : nothing}
        ${this.pinned && this.missing > 0 && !this.busy ? html`<p class="notice warning">${to('offline.partial', { count: this.missing })}</p>` : nothing}
      </div>
    `
  }
}

customElements.define('rt-pin-control', PinControl)

declare global {
  interface HTMLElementTagNameMap {
    'rt-pin-control': PinControl
  }
}
