/**
 * Header control for Web Push: turns notifications on this device on or off (the button's label says
 * what it will do) and, behind the disclosure "Benachrichtigungsarten", lets the user choose per type
 * which notices are pushed (kept on the relay for all of the user's devices). Results and problems
 * are announced in a polite live region (German first). Fully keyboard usable: the disclosure is a
 * button with aria-expanded, Escape closes the panel and returns focus to it.
 */
import { LitElement, html, nothing } from 'lit'
import { DEFAULT_PUSH_PREFERENCES, PUSH_NOTICE_TYPES, type PushNoticeType, type PushPreferences } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { tn, type NotifyKey } from '../../i18n/messages-notify.ts'
import { ApiClient, ApiError, isNetworkError } from '../../services/api-client.ts'
import { PushService, PushSetupError, type PushState } from '../../services/push.ts'
import { notificationSettingsStyles } from './notification-settings.styles.ts'

const TYPE_LABEL: Record<PushNoticeType, NotifyKey> = {
  invitation: 'notify.type.invitation',
  documents: 'notify.type.documents',
  faction: 'notify.type.faction',
}

/** The relay's answer to GET/PUT /api/push/preferences, checked before use. */
export function preferencesFrom(body: unknown): PushPreferences | undefined {
  const prefs = (body as { preferences?: unknown } | null)?.preferences
  if (!prefs || typeof prefs !== 'object') return undefined
  const result = { ...DEFAULT_PUSH_PREFERENCES }
  for (const type of PUSH_NOTICE_TYPES) {
    const value = (prefs as Record<string, unknown>)[type]
    if (typeof value !== 'boolean') return undefined
    result[type] = value
  }
  return result
}

export class NotificationSettings extends LitElement {
  static override styles = [themeStyles, notificationSettingsStyles]

  static override properties = {
    api: { attribute: false },
    state: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
    open: { state: true },
    preferences: { state: true },
    saving: { state: true },
  }

  declare api: ApiClient | undefined
  declare state: PushState | 'loading'
  declare busy: boolean
  declare message: string
  declare problem: boolean
  /** the panel with the notice types is shown */
  declare open: boolean
  /** undefined until loaded from the relay */
  declare preferences: PushPreferences | undefined
  /** the type whose change is being saved */
  declare saving: PushNoticeType | undefined
  private service: PushService | undefined

  constructor() {
    super()
    this.state = 'loading'
    this.busy = false
    this.message = ''
    this.problem = false
    this.open = false
    this.preferences = undefined
    this.saving = undefined
  }

  private get client(): ApiClient {
    this.api ??= new ApiClient()
    return this.api
  }

  private get push(): PushService {
    this.service ??= new PushService(this.client)
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

  private reason(error: unknown): string {
    if (isNetworkError(error)) return tn('notify.offline')
    return error instanceof Error ? error.message : String(error)
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

  private async togglePanel(): Promise<void> {
    this.open = !this.open
    if (this.open && !this.preferences) await this.loadPreferences()
  }

  private async loadPreferences(): Promise<void> {
    try {
      const loaded = preferencesFrom(await this.client.getJson('/api/push/preferences'))
      if (!loaded) throw new Error(tn('notify.types.badAnswer'))
      this.preferences = loaded
    } catch (error) {
      this.say(isNetworkError(error) ? 'notify.offline' : 'notify.types.loadFailed', true, { reason: this.reason(error) })
    }
  }

  private async choose(type: PushNoticeType, enabled: boolean): Promise<void> {
    if (!this.preferences || this.saving) return
    const previous = this.preferences
    this.preferences = { ...previous, [type]: enabled }
    this.saving = type
    try {
      const res = await this.client.request('/api/push/preferences', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ [type]: enabled }),
      })
      this.preferences = preferencesFrom(await res.json()) ?? this.preferences
      this.say('notify.types.saved', false)
    } catch (error) {
      this.preferences = previous
      if (isNetworkError(error)) this.say('notify.offline', true)
      else this.say('notify.types.saveFailed', true, { reason: error instanceof ApiError ? error.message : this.reason(error) })
    } finally {
      this.saving = undefined
    }
  }

  private onPanelKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    this.open = false
    this.renderRoot.querySelector<HTMLButtonElement>('#notify-types-toggle')?.focus()
  }

  private renderTypes() {
    const prefs = this.preferences
    return html`<div id="notify-types" class="types" ?hidden=${!this.open} @keydown=${(e: KeyboardEvent) => this.onPanelKeydown(e)}>
      <fieldset aria-busy=${prefs ? 'false' : 'true'}>
        <legend>${tn('notify.types.legend')}</legend>
        ${prefs
          ? PUSH_NOTICE_TYPES.map(
              (type) => html`<label>
                <input
                  type="checkbox"
                  name=${type}
                  .checked=${prefs[type]}
                  ?disabled=${this.saving !== undefined && this.saving !== type}
                  @change=${(e: Event) => void this.choose(type, (e.target as HTMLInputElement).checked)}
                />
                <span>${tn(TYPE_LABEL[type])}</span>
              </label>`,
            )
          : html`<p class="hint">${tn('notify.types.loading')}</p>`}
        <p class="hint">${tn('notify.types.hint')}</p>
      </fieldset>
    </div>`
  }

  override render() {
    if (this.state === 'loading' || this.state === 'unsupported') return nothing
    const on = this.state === 'on'
    return html`
      <div class="controls">
        <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} aria-describedby="notify-message" @click=${() => void this.toggle()}>
          ${this.busy ? tn('notify.working') : on ? tn('notify.disable') : tn('notify.enable')}
        </button>
        <button
          type="button"
          id="notify-types-toggle"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="notify-types"
          @click=${() => void this.togglePanel()}
        >
          ${tn('notify.types')}
        </button>
      </div>
      <span id="notify-message" class="message ${this.problem ? 'problem' : ''}" role="status">${this.message}</span>
      ${this.renderTypes()}
    `
  }
}

customElements.define('rt-notification-settings', NotificationSettings)

declare global {
  interface HTMLElementTagNameMap {
    'rt-notification-settings': NotificationSettings
  }
}
