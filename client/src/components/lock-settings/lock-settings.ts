/**
 * Header control for the app lock while unlocked: auto-lock time, change PIN, and the device
 * unlock (where the platform authenticator offers it). Results are announced in a live region.
 * Events (bubbling, composed): `auto-lock-changed` with the minutes, `exhausted` when wrong
 * current PINs used up the tries (the key is destroyed, the app wipes the local data).
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { pinFailureMessage } from '../app-lock/app-lock.ts'
import { tl, type LockKey } from '../../i18n/messages-lock.ts'
import type { AppLock, ChangeResult, EnableDeviceResult } from '../../services/app-lock.ts'
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../services/app-lock-policy.ts'
import type { Me } from '../../services/relay-contract.ts'
import { lockSettingsStyles } from './lock-settings.styles.ts'

const CHOICES = [1, 2, 5, 10, 15, 30, 60]

export class LockSettings extends LitElement {
  static override styles = [themeStyles, lockSettingsStyles]
  static override properties = {
    lock: { attribute: false },
    me: { attribute: false },
    minutes: { state: true },
    deviceAvailable: { state: true },
    deviceOn: { state: true },
    message: { state: true },
    problem: { state: true },
    busy: { state: true },
  }

  declare lock: AppLock
  declare me: Me
  declare minutes: number
  declare deviceAvailable: boolean
  declare deviceOn: boolean
  declare message: string
  declare problem: boolean
  declare busy: boolean

  constructor() {
    super()
    this.minutes = AUTO_LOCK_DEFAULT_MINUTES
    this.deviceAvailable = false
    this.deviceOn = false
    this.message = ''
    this.problem = false
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.refresh()
  }

  private async refresh(): Promise<void> {
    const row = await this.lock.row(this.me.id)
    this.minutes = row?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES
    this.deviceOn = !!row?.device
    this.deviceAvailable = await this.lock.deviceUnlockAvailable()
  }

  private say(message: string, problem = false): void {
    this.message = message
    this.problem = problem
  }

  private async changeMinutes(e: Event): Promise<void> {
    const minutes = await this.lock.setAutoLock(this.me.id, Number((e.target as HTMLSelectElement).value))
    this.minutes = minutes
    this.dispatchEvent(new CustomEvent<number>('auto-lock-changed', { detail: minutes, bubbles: true, composed: true }))
    this.say(tl('lock.settings.saved', { minutes }))
  }

  /** true when the answer ended the session (tries used up) */
  private failed(result: Exclude<ChangeResult | EnableDeviceResult, { ok: true }>): boolean {
    switch (result.reason) {
      case 'exhausted':
      case 'no-lock':
        this.dispatchEvent(new CustomEvent('exhausted', { bubbles: true, composed: true }))
        return true
      case 'invalid':
        this.say(tl(`lock.problem.${result.problem}` as LockKey), true)
        return false
      case 'unsupported':
        this.say(tl('lock.settings.deviceUnsupported'), true)
        return false
      case 'cancelled':
        this.say(tl('lock.settings.deviceCancelled'), true)
        return false
      default:
        this.say(pinFailureMessage(result), true)
        return false
    }
  }

  private async changePin(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (this.busy) return
    const form = e.target as HTMLFormElement
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value
    this.busy = true
    const result = await this.lock.changePin(this.me.id, value('current'), value('next'), value('repeat'))
    this.busy = false
    if (result.ok) {
      form.reset()
      this.say(tl('lock.settings.changed'))
    } else this.failed(result)
  }

  private async enableDevice(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (this.busy) return
    const form = e.target as HTMLFormElement
    const pin = (form.elements.namedItem('device-pin') as HTMLInputElement).value
    if (!pin) return this.say(tl('lock.settings.deviceNeedsPin'), true)
    this.busy = true
    const result = await this.lock.enableDeviceUnlock(this.me.id, pin, { name: this.me.username, displayName: this.me.name })
    this.busy = false
    if (result.ok) {
      form.reset()
      this.deviceOn = true
      this.say(tl('lock.settings.deviceEnabled'))
    } else this.failed(result)
  }

  private async disableDevice(): Promise<void> {
    await this.lock.disableDeviceUnlock(this.me.id)
    this.deviceOn = false
    this.say(tl('lock.settings.deviceDisabled'))
  }

  /** The select shows the setting once its options exist (a binding on the select would come before them). */
  override updated(): void {
    const select = this.renderRoot.querySelector('select')
    if (select && select.value !== String(this.minutes)) select.value = String(this.minutes)
  }

  override render() {
    return html`<details>
      <summary>${tl('lock.settings')}</summary>
      <div class="panel">
        <label
          >${tl('lock.settings.autoLock')}
          <select @change=${this.changeMinutes}>
            ${CHOICES.map((m) => html`<option value=${m}>${tl('lock.settings.minutes', { minutes: m })}</option>`)}
          </select>
        </label>
        <form @submit=${this.changePin} novalidate>
          <fieldset>
            <legend>${tl('lock.settings.change')}</legend>
            <label>${tl('lock.settings.current')}<input name="current" type="password" autocomplete="off" required /></label>
            <label>${tl('lock.setup.pin')}<input name="next" type="password" autocomplete="new-password" required aria-describedby="lock-rules" /></label>
            <label>${tl('lock.setup.repeat')}<input name="repeat" type="password" autocomplete="new-password" required /></label>
            <p class="message" id="lock-rules">${tl('lock.setup.rules')}</p>
            <button type="submit" ?disabled=${this.busy}>${tl('lock.settings.change')}</button>
          </fieldset>
        </form>
        ${this.deviceAvailable || this.deviceOn
          ? html`<fieldset>
              <legend>${tl('lock.settings.device')}</legend>
              ${this.deviceOn
                ? html`<p class="message">${tl('lock.settings.deviceIsOn')}</p>
                    <button type="button" @click=${() => void this.disableDevice()}>${tl('lock.settings.deviceOff')}</button>`
                : html`<form @submit=${this.enableDevice} novalidate>
                    <label>${tl('lock.locked.pin')}<input name="device-pin" type="password" autocomplete="off" required /></label>
                    <button type="submit" ?disabled=${this.busy}>${tl('lock.settings.deviceOn')}</button>
                  </form>`}
            </fieldset>`
          : nothing}
        <p class="message ${this.problem ? 'problem' : ''}" role="status">${this.message}</p>
      </div>
    </details>`
  }
}

customElements.define('rt-lock-settings', LockSettings)

declare global {
  interface HTMLElementTagNameMap {
    'rt-lock-settings': LockSettings
  }
}
