/**
 * The lock screen in two modes: `setup` (choose the first PIN after sign-in, before anything is
 * stored) and `unlock` (PIN, or the device lock where set up; "PIN vergessen" signs out and
 * deletes the local data). Errors are announced (role=alert) and tied to the field; focus goes to
 * the PIN field on arrival and after every error.
 *
 * Events (bubbling, composed): `unlocked` (UnlockedDetail: the LocalCipher and a notice to show
 * in the app, if any), `forget` (the user confirmed
 * "PIN vergessen"), `exhausted` (the tenth wrong PIN destroyed the key).
 */
import { LitElement, html, nothing } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { tl, type LockKey } from '../../i18n/messages-lock.ts'
import { PinRejectedError, type AppLock, type PinFailure } from '../../services/app-lock.ts'
import type { LocalCipher } from '../../services/local-cipher.ts'
import type { Me } from '../../services/relay-contract.ts'
import { appLockStyles } from './app-lock.styles.ts'

export type AppLockMode = 'setup' | 'unlock'

export interface UnlockedDetail {
  cipher: LocalCipher
  /** e.g. the device lock could not be set up along with the PIN */
  notice?: string
}

/** The sentence the lock screen shows for a failed PIN attempt. */
export function pinFailureMessage(failure: PinFailure, now = Date.now()): string {
  switch (failure.reason) {
    case 'wrong': {
      const wrong = failure.attemptsLeft === 1 ? tl('lock.locked.wrongLast') : tl('lock.locked.wrong', { left: failure.attemptsLeft })
      // from the fourth wrong PIN on, say at once how long the next try has to wait
      return failure.retryAt > now ? `${wrong} ${waitMessage(failure.retryAt, now)}` : wrong
    }
    case 'wait':
      return waitMessage(failure.retryAt, now)
    default:
      return tl('lock.wiped')
  }
}

function waitMessage(retryAt: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000))
  return seconds > 90 ? tl('lock.locked.waitMinutes', { minutes: Math.ceil(seconds / 60) }) : tl('lock.locked.wait', { seconds })
}

export class AppLockScreen extends LitElement {
  static override styles = [themeStyles, appLockStyles]
  static override properties = {
    lock: { attribute: false },
    me: { attribute: false },
    mode: { type: String },
    unsynced: { type: Number },
    error: { state: true },
    busy: { state: true },
    deviceOffered: { state: true },
    pinKind: { state: true },
    forgetOpen: { state: true },
  }

  declare lock: AppLock
  declare me: Me
  declare mode: AppLockMode
  /** unsynced changes that "PIN vergessen" would delete */
  declare unsynced: number
  declare error: string
  declare busy: boolean
  declare deviceOffered: boolean
  declare pinKind: 'pin' | 'passphrase'
  declare forgetOpen: boolean
  private errorField: 'pin' | 'repeat' | undefined

  constructor() {
    super()
    this.mode = 'unlock'
    this.unsynced = 0
    this.error = ''
    this.busy = false
    this.deviceOffered = false
    this.pinKind = 'pin'
    this.forgetOpen = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.title = `${tl(this.mode === 'setup' ? 'lock.setup.title' : 'lock.locked.title')} – Ratstisch`
    void this.prepare()
  }

  private async prepare(): Promise<void> {
    const available = await this.lock.deviceUnlockAvailable()
    if (this.mode === 'setup') {
      this.deviceOffered = available
    } else {
      const row = await this.lock.row(this.me.id)
      this.pinKind = row?.kind ?? 'pin'
      this.deviceOffered = available && !!row?.device
    }
    await this.updateComplete
    this.field('pin')?.focus()
  }

  private field(name: 'pin' | 'repeat'): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${name}`)
  }

  private async fail(message: string, field: 'pin' | 'repeat' | undefined = 'pin'): Promise<void> {
    this.error = message
    this.errorField = field
    this.busy = false
    await this.updateComplete
    const target = field ? this.field(field) : null
    if (target) {
      target.focus()
      target.select()
    }
  }

  private done(cipher: LocalCipher, notice?: string): void {
    this.dispatchEvent(new CustomEvent<UnlockedDetail>('unlocked', { detail: { cipher, notice }, bubbles: true, composed: true }))
  }

  private async submitSetup(e: Event): Promise<void> {
    e.preventDefault()
    if (this.busy) return
    const pin = this.field('pin')?.value ?? ''
    const repeat = this.field('repeat')?.value ?? ''
    const withDevice = this.deviceOffered && (this.renderRoot.querySelector<HTMLInputElement>('#device')?.checked ?? false)
    this.busy = true
    this.error = ''
    try {
      const { cipher, device } = await this.lock.setUp(this.me.id, pin, repeat, withDevice ? { name: this.me.username, displayName: this.me.name } : undefined)
      this.busy = false
      this.done(cipher, device && !device.ok ? tl('lock.setup.deviceFailed') : undefined)
    } catch (err) {
      if (err instanceof PinRejectedError) await this.fail(tl(`lock.problem.${err.problem}` as LockKey), err.problem === 'mismatch' ? 'repeat' : 'pin')
      else await this.fail(err instanceof Error ? err.message : String(err), undefined)
    }
  }

  private async submitUnlock(e: Event): Promise<void> {
    e.preventDefault()
    if (this.busy) return
    const pin = this.field('pin')?.value ?? ''
    if (!pin) return this.fail(tl('lock.locked.empty'))
    this.busy = true
    this.error = ''
    const result = await this.lock.unlock(this.me.id, pin)
    if (result.ok) {
      this.busy = false
      this.done(result.cipher)
      return
    }
    if (result.reason === 'exhausted' || result.reason === 'no-lock') {
      this.busy = false
      this.dispatchEvent(new CustomEvent('exhausted', { bubbles: true, composed: true }))
      return
    }
    await this.fail(pinFailureMessage(result))
  }

  private async unlockWithDevice(): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.error = ''
    const result = await this.lock.unlockWithDevice(this.me.id)
    if (result.ok) {
      this.busy = false
      this.done(result.cipher)
      return
    }
    await this.fail(tl(result.reason === 'cancelled' ? 'lock.locked.deviceCancelled' : 'lock.locked.deviceFailed'))
  }

  private async openForget(): Promise<void> {
    this.forgetOpen = true
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#forget-title')?.focus()
  }

  private async closeForget(): Promise<void> {
    this.forgetOpen = false
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('button.link')?.focus()
  }

  private forget(): void {
    this.dispatchEvent(new CustomEvent('forget', { bubbles: true, composed: true }))
  }

  private renderError(id: string) {
    return html`<div role="alert" id=${id}>${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>`
  }

  private renderSetup() {
    const invalidPin = this.error !== '' && this.errorField === 'pin'
    const invalidRepeat = this.error !== '' && this.errorField === 'repeat'
    return html`
      <h1 tabindex="-1">${tl('lock.setup.title')}</h1>
      <p>${tl('lock.setup.why')}</p>
      <form @submit=${this.submitSetup} novalidate>
        <div class="field">
          <label for="pin">${tl('lock.setup.pin')}</label>
          <input
            id="pin"
            type="password"
            autocomplete="new-password"
            required
            aria-required="true"
            aria-invalid=${invalidPin ? 'true' : 'false'}
            aria-describedby="pin-rules${invalidPin ? ' lock-error' : ''}"
          />
          <p class="hint" id="pin-rules">${tl('lock.setup.rules')}</p>
        </div>
        <div class="field">
          <label for="repeat">${tl('lock.setup.repeat')}</label>
          <input
            id="repeat"
            type="password"
            autocomplete="new-password"
            required
            aria-required="true"
            aria-invalid=${invalidRepeat ? 'true' : 'false'}
            aria-describedby=${invalidRepeat ? 'lock-error' : nothing}
          />
        </div>
        ${this.deviceOffered
          ? html`<label class="check"><input id="device" type="checkbox" checked />${tl('lock.setup.device')}</label>`
          : nothing}
        ${this.renderError('lock-error')}
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? tl('lock.setup.working') : tl('lock.setup.submit')}</button>
      </form>
    `
  }

  private renderUnlock() {
    const invalid = this.error !== '' && this.errorField === 'pin'
    return html`
      <h1 tabindex="-1">${tl('lock.locked.title')}</h1>
      <p>${tl('lock.locked.account', { name: this.me.name })}</p>
      <form @submit=${this.submitUnlock} novalidate>
        <div class="field">
          <label for="pin">${tl('lock.locked.pin')}</label>
          <input
            id="pin"
            type="password"
            inputmode=${this.pinKind === 'pin' ? 'numeric' : 'text'}
            autocomplete="off"
            required
            aria-required="true"
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? 'lock-error' : nothing}
          />
        </div>
        ${this.renderError('lock-error')}
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? tl('lock.locked.working') : tl('lock.locked.submit')}</button>
      </form>
      <div class="alternatives">
        ${this.deviceOffered
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.unlockWithDevice()}>${tl('lock.locked.device')}</button>`
          : nothing}
        <button type="button" class="link" aria-expanded=${this.forgetOpen ? 'true' : 'false'} aria-controls="forget" @click=${() => void this.openForget()}>
          ${tl('lock.forgot')}
        </button>
      </div>
      ${this.forgetOpen
        ? html`<section class="forgot" id="forget" aria-labelledby="forget-title">
            <h2 id="forget-title" tabindex="-1">${tl('lock.forgot')}</h2>
            <p>${tl('lock.forgot.explain')}</p>
            ${this.unsynced > 0 ? html`<p><strong>${tl('lock.forgot.unsynced', { count: this.unsynced })}</strong></p>` : nothing}
            <div class="actions">
              <button type="button" class="primary" @click=${this.forget}>${tl('lock.forgot.confirm')}</button>
              <button type="button" @click=${() => void this.closeForget()}>${tl('lock.forgot.cancel')}</button>
            </div>
          </section>`
        : nothing}
    `
  }

  override render() {
    return this.mode === 'setup' ? this.renderSetup() : this.renderUnlock()
  }
}

customElements.define('rt-app-lock', AppLockScreen)

declare global {
  interface HTMLElementTagNameMap {
    'rt-app-lock': AppLockScreen
  }
}
