/**
 * Sync indicator for the header: icon plus text (never colour alone), announced politely when it
 * changes. The status is reflected as `data-status` for styling and tests.
 */
import { LitElement, html, svg, type SVGTemplateResult } from 'lit'
import { t } from '../../i18n/messages.ts'
import type { SyncStatus } from '../../services/sync-status-state.ts'
import { syncStatusStyles } from './sync-status.styles.ts'

const ICONS: Record<SyncStatus, SVGTemplateResult> = {
  synced: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path d="M7.5 12.5l3 3 6-6.5" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
  syncing: svg`<path d="M20 12a8 8 0 0 1-13.7 5.6M4 12a8 8 0 0 1 13.7-5.6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/><path d="M18 2.5v4.5h-4.5M6 21.5V17h4.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`,
  offline: svg`<path d="M7 18h10.5a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.4 9.1 4.5 4.5 0 0 0 7 18z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M3 3l18 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`,
  unreachable: svg`<path d="M12 3.5L2.5 20h19z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M12 10v4.5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/><circle cx="12" cy="17.2" r="1.2" fill="currentColor"/>`,
  'local-only': svg`<rect x="6" y="2.5" width="12" height="19" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M10 18.5h4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><circle cx="12" cy="10" r="2.6" fill="currentColor"/>`,
}

export class SyncStatusIndicator extends LitElement {
  static override styles = syncStatusStyles
  static override properties = {
    status: { type: String, reflect: true, attribute: 'data-status' },
  }

  declare status: SyncStatus

  constructor() {
    super()
    this.status = 'syncing'
  }

  override render() {
    return html`<span class="status" role="status" aria-live="polite" aria-atomic="true">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[this.status]}</svg>
      <span class="text">${t(`sync.${this.status}`)}</span>
    </span>`
  }
}

customElements.define('rt-sync-status', SyncStatusIndicator)

declare global {
  interface HTMLElementTagNameMap {
    'rt-sync-status': SyncStatusIndicator
  }
}
