/** App-level "page not found" and "something went wrong" view. */
import { LitElement, html, nothing } from 'lit'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { t } from '../../i18n/messages.ts'
import { notFoundViewStyles } from './not-found-view.styles.ts'

export class NotFoundView extends LitElement {
  static override styles = [themeStyles, notFoundViewStyles]
  static override properties = {
    kind: { type: String },
    path: { type: String },
    detail: { type: String },
  }

  declare kind: 'not-found' | 'error'
  declare path: string
  declare detail: string

  constructor() {
    super()
    this.kind = 'not-found'
    this.path = ''
    this.detail = ''
  }

  override render() {
    const title = this.kind === 'error' ? t('error.title') : t('notFound.title')
    document.title = `${title} – ${t('app.name')}`
    if (this.kind === 'error') {
      return html`<h1 tabindex="-1">${title}</h1>
        ${this.detail ? html`<p class="notice error">${this.detail}</p>` : nothing}
        <p><button type="button" class="primary" @click=${() => location.reload()}>${t('error.reload')}</button></p>`
    }
    const [before, after] = t('notFound.text').split('{path}')
    return html`<h1 tabindex="-1">${title}</h1>
      <p>${before}<code>${this.path}</code>${after}</p>
      <p><a href=${hrefFor({ name: 'meetings' })}>${t('notFound.home')}</a></p>`
  }
}

customElements.define('rt-not-found-view', NotFoundView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-not-found-view': NotFoundView
  }
}
