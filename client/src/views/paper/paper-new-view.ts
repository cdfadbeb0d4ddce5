/**
 * "Neue Vorlage": type and title (clerks also choose the lead department); the relay creates the
 * draft with the type's sections and its audience, then the paper opens for writing.
 */
import { LitElement, html, nothing } from 'lit'
import { DEFAULT_PAPER_TYPES } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { t } from '../../i18n/messages.ts'
import { isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { paperViewStyles } from './paper-view.styles.ts'

export class PaperNewView extends LitElement {
  static override styles = [themeStyles, paperViewStyles]
  static override properties = {
    session: { attribute: false },
    busy: { state: true },
    error: { state: true },
    departments: { state: true },
    online: { state: true },
  }

  declare session: Session
  declare busy: boolean
  declare error: string
  declare departments: Array<{ id: string; name: string }>
  declare online: boolean
  private readonly onOnline = () => (this.online = navigator.onLine)

  constructor() {
    super()
    this.busy = false
    this.error = ''
    this.departments = []
    this.online = navigator.onLine
  }

  private get isClerk(): boolean {
    return this.session.me.roles.some((r) => r === 'clerk' || r === 'admin')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOnline)
    document.title = `${t('paperNew.title')} – ${t('app.name')}`
    if (this.isClerk) {
      this.session.api
        .getJson('/api/structure/departments')
        .then((b) => (this.departments = (b as { departments: Array<{ id: string; name: string; active?: boolean }> }).departments.filter((d) => d.active !== false)))
        .catch(() => undefined)
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOnline)
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const name = String(data.get('name') ?? '').trim()
    if (!name) {
      this.error = t('paperNew.nameRequired')
      this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus()
      return
    }
    this.busy = true
    this.error = ''
    try {
      const departmentId = String(data.get('departmentId') ?? '')
      const entry = await this.session.papers.create({ paperType: String(data.get('paperType')), name, ...(departmentId ? { departmentId } : {}) })
      this.dispatchEvent(new CustomEvent('navigate', { detail: hrefFor({ name: 'paper', paperId: entry.id }), bubbles: true, composed: true }))
    } catch (err) {
      // the typed title stays in the form
      this.error = isNetworkError(err) ? t('paperNew.offline') : err instanceof Error ? err.message : String(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`<a class="back" href=${hrefFor({ name: 'papers' })}>← ${t('paper.back')}</a>
      <h1>${t('paperNew.title')}</h1>
      <p>${t('paperNew.intro')}</p>
      ${this.online ? nothing : html`<p class="pending" role="status">${t('paperNew.offline')}</p>`}
      <form class="step-form" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
        <label for="type">${t('paperNew.type')}</label>
        <select id="type" name="paperType">
          ${DEFAULT_PAPER_TYPES.map((type) => html`<option value=${type.id}>${type.label}</option>`)}
        </select>
        <label for="name">${t('paperNew.name')}</label>
        <input id="name" name="name" required maxlength="1000" aria-describedby=${this.error ? 'new-error' : nothing} />
        ${this.isClerk && this.departments.length
          ? html`<label for="dept">${t('paperNew.department')}</label>
              <select id="dept" name="departmentId">
                ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === this.session.me.departmentId}>${d.name}</option>`)}
              </select>`
          : nothing}
        ${this.error ? html`<p id="new-error" class="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy || !this.online}>${this.busy ? t('paperNew.creating') : t('paperNew.submit')}</button>
        </div>
      </form>`
  }
}

customElements.define('rt-paper-new-view', PaperNewView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-paper-new-view': PaperNewView
  }
}
