// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { AppLock, MemoryAppLockStore } from '../../services/app-lock.ts'
import type { Me } from '../../services/relay-contract.ts'
import { pinFailureMessage, type AppLockScreen, type UnlockedDetail } from './app-lock.ts'
import './app-lock.ts'


const me: Me = { id: 'user-member-a', username: 'member-a', name: 'Anna Beispiel', roles: ['member'], memberships: [], departmentId: null, departmentName: null }

async function mount(mode: 'setup' | 'unlock', lock: AppLock): Promise<AppLockScreen> {
  const el = document.createElement('rt-app-lock')
  el.lock = lock
  el.me = me
  el.mode = mode
  document.body.append(el)
  await el.updateComplete
  await new Promise((r) => setTimeout(r, 0))
  await el.updateComplete
  return el
}

const $ = <T extends Element>(el: AppLockScreen, sel: string) => el.shadowRoot!.querySelector<T>(sel)!
const submit = async (el: AppLockScreen) => {
  $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }))
  for (let i = 0; i < 50 && !$(el, '[role="alert"]').textContent?.trim(); i++) await new Promise((r) => setTimeout(r, 10))
  await el.updateComplete
}

describe('<rt-app-lock>', () => {
  it('sets up: labelled fields, the reason, errors announced and tied to the field', async () => {
    const lock = new AppLock(new MemoryAppLockStore(), { iterations: 1000 })
    const el = await mount('setup', lock)
    expect($(el, 'h1').textContent).toContain('App-Sperre einrichten')
    expect(el.shadowRoot!.textContent).toContain('bevor Ratstisch Sitzungsunterlagen auf diesem Gerät speichert')
    expect($(el, 'label[for="pin"]').textContent).toContain('Neue PIN')
    expect($(el, 'label[for="repeat"]').textContent).toContain('PIN wiederholen')
    $<HTMLInputElement>(el, '#pin').value = '246810'
    $<HTMLInputElement>(el, '#repeat').value = '246811'
    await submit(el)
    expect($(el, '[role="alert"]').textContent).toContain('stimmen nicht überein')
    expect($(el, '#repeat').getAttribute('aria-invalid')).toBe('true')
    expect($(el, '#repeat').getAttribute('aria-describedby')).toBe('lock-error')
    expect(await lock.state(me.id)).toBe('none')

    const unlocked = new Promise<UnlockedDetail>((resolve) => el.addEventListener('unlocked', (e) => resolve((e as CustomEvent<UnlockedDetail>).detail)))
    $<HTMLInputElement>(el, '#repeat').value = '246810'
    $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }))
    const detail = await unlocked
    expect(detail.cipher).toBeDefined()
    expect(await lock.state(me.id)).toBe('locked')
    el.remove()
  })

  it('unlocks: wrong PIN announced with the tries left, right PIN unlocks, "PIN vergessen" explains and asks', async () => {
    const lock = new AppLock(new MemoryAppLockStore(), { iterations: 1000 })
    await lock.setUp(me.id, '246810', '246810')
    const el = await mount('unlock', lock)
    el.unsynced = 2
    expect($(el, 'h1').textContent).toContain('Ratstisch ist gesperrt')
    expect(el.shadowRoot!.textContent).toContain('Anna Beispiel')
    expect($(el, '#pin').getAttribute('inputmode')).toBe('numeric')
    // no device unlock without an authenticator
    expect(el.shadowRoot!.textContent).not.toContain('Mit Gerätesperre entsperren')

    $<HTMLInputElement>(el, '#pin').value = '975310'
    await submit(el)
    expect($(el, '[role="alert"]').textContent).toContain('Noch 9 Versuche')
    expect($(el, '#pin').getAttribute('aria-invalid')).toBe('true')

    const forget = $<HTMLButtonElement>(el, 'button.link')
    expect(forget.getAttribute('aria-expanded')).toBe('false')
    forget.click()
    await el.updateComplete
    expect(forget.getAttribute('aria-expanded')).toBe('true')
    expect($(el, '#forget').textContent).toContain('2 Änderungen')
    let forgotten = false
    el.addEventListener('forget', () => (forgotten = true))
    $<HTMLButtonElement>(el, '#forget button.primary').click()
    expect(forgotten).toBe(true)

    const unlocked = new Promise<UnlockedDetail>((resolve) => el.addEventListener('unlocked', (e) => resolve((e as CustomEvent<UnlockedDetail>).detail)))
    $<HTMLInputElement>(el, '#pin').value = '246810'
    $<HTMLFormElement>(el, 'form').dispatchEvent(new Event('submit', { cancelable: true }))
    expect((await unlocked).cipher).toBeDefined()
    el.remove()
  })

  it('words waits and the last try', () => {
    expect(pinFailureMessage({ ok: false, reason: 'wrong', attemptsLeft: 1, retryAt: 0 })).toContain('Noch ein Versuch')
    expect(pinFailureMessage({ ok: false, reason: 'wait', retryAt: 31_000 }, 1_000)).toContain('30 Sekunden')
    expect(pinFailureMessage({ ok: false, reason: 'wait', retryAt: 600_000 }, 0)).toContain('10 Minuten')
    const fourth = pinFailureMessage({ ok: false, reason: 'wrong', attemptsLeft: 6, retryAt: 30_000 }, 0)
    expect(fourth).toContain('Noch 6 Versuche')
    expect(fourth).toContain('in 30 Sekunden')
  })
})
