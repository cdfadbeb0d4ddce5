/**
 * Header control to turn Web Push notifications on this device on or off. The button's label says
 * what it will do; results and problems are announced in a polite live region (German first).
 */
import { LitElement, css, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { tn, type NotifyKey } from '../../i18n/messages-notify.ts'
import { ApiClient, isNetworkError } from '../../services/api-client.ts'
import { PushService, PushSetupError, type PushState } from '../../services/push.ts'

export class NotificationSettings extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        align-items: flex-end;
        max-width: 22rem;
      }
      .message {
        font-size: 0.85rem;
        color: var(--rt-text);
        text-align: end;
      }
      .message:empty {
        display: none;
      }
      .message.problem {
        color: var(--rt-error);
      }
    `,
  ]

  static override properties = {
    api: { attribute: false },
    state: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
  }

  declare api: ApiClient | undefined
  declare state: PushState | 'loading'
  declare busy: boolean
  declare message: string
  declare problem: boolean
  private service: PushService | undefined

  constructor() {
    super()
    this.state = 'loading'
    this.busy = false
    this.message = ''
    this.problem = false
  }

  private get push(): PushService {
    this.service ??= new PushService(this.api ?? new ApiClient())
    return this.service
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.refresh()
  }

  private async refresh(): Promise<void> {
    try {
      this.state = await this.push.state()
    } catch {
      this.state = 'off'
    }
  }

  private say(key: NotifyKey, problem: boolean, params?: Record<string, string>): void {
    this.message = tn(key, params)
    this.problem = problem
  }

  private async toggle(): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.message = ''
    const enabling = this.state !== 'on'
    try {
      if (enabling) {
        await this.push.enable()
        this.say('notify.enabled', false)
      } else {
        await this.push.disable()
        this.say('notify.disabled', false)
      }
    } catch (error) {
      if (error instanceof PushSetupError) {
        if (error.reason === 'denied') this.say('notify.denied', true)
        else if (error.reason === 'unsupported') this.say('notify.unsupported', true)
        else if (error.reason === 'server') this.say('notify.serverError', true, { reason: error.message })
        else this.say('notify.subscribeFailed', true)
      } else if (isNetworkError(error)) {
        this.say('notify.offline', true)
      } else {
        this.say('notify.subscribeFailed', true)
      }
    } finally {
      await this.refresh()
      this.busy = false
    }
  }

  override render() {
    if (this.state === 'loading' || this.state === 'unsupported') return nothing
    const on = this.state === 'on'
    return html`
      <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} aria-describedby="notify-message" @click=${() => void this.toggle()}>
        ${this.busy ? tn('notify.working') : on ? tn('notify.disable') : tn('notify.enable')}
      </button>
      <span id="notify-message" class="message ${this.problem ? 'problem' : ''}" role="status">${this.message}</span>
    `
  }
}

customElements.define('rt-notification-settings', NotificationSettings)

declare global {
  interface HTMLElementTagNameMap {
    'rt-notification-settings': NotificationSettings
  }
}
