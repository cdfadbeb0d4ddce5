/**
 * "Offline verfügbar machen" / "Offline-Daten entfernen" with a progress bar (files and bytes).
 * Emits `pin` and `unpin`; the meeting view does the work and feeds progress back.
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
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
  }

  declare pinned: boolean
  declare busy: boolean
  declare progress: PinProgress | undefined
  declare message: string
  declare error: string

  constructor() {
    super()
    this.pinned = false
    this.busy = false
    this.message = ''
    this.error = ''
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
    return html`
      <div class="row">
        ${this.pinned
          ? html`<button type="button" @click=${() => this.fire('unpin')} ?disabled=${this.busy}>${t('pin.remove')}</button>`
          : html`<button type="button" class="primary" @click=${() => this.fire('pin')} ?disabled=${this.busy} aria-describedby="pin-status">
              ${this.busy ? t('pin.working') : t('pin.make')}
            </button>`}
      </div>
      ${this.renderProgress()}
      <div id="pin-status" aria-live="polite">
        ${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}
        ${this.message && !this.error ? html`<p class="notice success">${this.message}</p>` : nothing}
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
