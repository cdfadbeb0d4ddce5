/**
 * Sign-in form: labelled fields, errors announced (role=alert) and linked to the fields, focus
 * returns to the field to correct. Emits `signed-in` with the user's `Me`.
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { t } from '../../i18n/messages.ts'
import { LoginError, type AuthService } from '../../services/auth.ts'
import type { Me } from '../../services/relay-contract.ts'
import { loginViewStyles } from './login-view.styles.ts'

export class LoginView extends LitElement {
  static override styles = [themeStyles, loginViewStyles]
  static override properties = {
    auth: { attribute: false },
    notice: { type: String },
    error: { state: true },
    hint: { state: true },
    busy: { state: true },
  }

  declare auth: AuthService
  declare notice: string
  declare error: string
  declare hint: string
  declare busy: boolean
  private errorField: 'username' | 'password' | 'both' | undefined

  constructor() {
    super()
    this.notice = ''
    this.error = ''
    this.hint = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.title = `${t('login.title')} – ${t('app.name')}`
  }

  private field(name: 'username' | 'password'): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${name}`)
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    if (this.busy) return
    const username = this.field('username')?.value ?? ''
    const password = this.field('password')?.value ?? ''
    this.busy = true
    this.error = ''
    this.hint = ''
    this.errorField = undefined
    try {
      const me: Me = await this.auth.login(username, password)
      this.dispatchEvent(new CustomEvent<Me>('signed-in', { detail: me, bubbles: true, composed: true }))
    } catch (err) {
      const kind = err instanceof LoginError ? err.kind : 'server'
      switch (kind) {
        case 'missing':
          this.error = t('login.error.missing')
          this.errorField = !username.trim() ? 'username' : 'password'
          break
        case 'invalid':
          this.error = t('login.error.invalid')
          this.errorField = 'both'
          break
        case 'throttled': {
          this.error = t('login.error.throttled')
          const seconds = err instanceof LoginError ? err.retryAfterSeconds : undefined
          if (seconds) this.hint = t('login.error.retryAfter', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
          break
        }
        case 'network':
          this.error = t('login.error.network')
          break
        default:
          this.error = t('login.error.server', { status: err instanceof LoginError && err.status ? err.status : '?' })
      }
      this.busy = false
      await this.updateComplete
      const target = this.errorField === 'username' ? this.field('username') : this.errorField ? this.field('password') : null
      if (target) {
        target.focus()
        target.select()
      }
      return
    }
    this.busy = false
  }

  override render() {
    const invalidUser = this.errorField === 'username' || this.errorField === 'both'
    const invalidPassword = this.errorField === 'password' || this.errorField === 'both'
    return html`
      <h1 tabindex="-1">${t('login.title')}</h1>
      <p>${t('login.intro')}</p>
      ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="username">${t('login.username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            aria-required="true"
            aria-invalid=${invalidUser ? 'true' : 'false'}
            aria-describedby=${invalidUser ? 'login-error' : nothing}
          />
        </div>
        <div class="field">
          <label for="password">${t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-required="true"
            aria-invalid=${invalidPassword ? 'true' : 'false'}
            aria-describedby=${invalidPassword ? 'login-error' : nothing}
          />
        </div>
        <div role="alert" id="login-error">
          ${this.error
            ? html`<p class="notice error">${this.error}${this.hint ? html`<span class="hint"><br />${this.hint}</span>` : nothing}</p>`
            : nothing}
        </div>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('login.submitting') : t('login.submit')}</button>
      </form>
    `
  }
}

customElements.define('rt-login-view', LoginView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-login-view': LoginView
  }
}
