// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { AppLock, MemoryAppLockStore } from '../../services/app-lock.ts'
import type { Me } from '../../services/relay-contract.ts'
import type { LockSettings } from './lock-settings.ts'
import './lock-settings.ts'


const me: Me = { id: 'user-member-a', username: 'member-a', name: 'Anna Beispiel', roles: ['member'], memberships: [], departmentId: null, departmentName: null }
const settle = async (el: LockSettings) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 5))
    await el.updateComplete
  }
}

describe('<rt-lock-settings>', () => {
  it('changes the auto-lock time and tells the app; changes the PIN with the current one', async () => {
    const store = new MemoryAppLockStore()
    const lock = new AppLock(store, { iterations: 1000 })
    await lock.setUp(me.id, '246810', '246810')
    const el = document.createElement('rt-lock-settings')
    el.lock = lock
    el.me = me
    document.body.append(el)
    await settle(el)
    const root = el.shadowRoot!
    const select = root.querySelector('select')!
    expect(select.closest('label')?.textContent).toContain('Automatisch sperren nach')
    expect(select.value).toBe('10')
    // no device unlock offered without an authenticator
    expect(root.textContent).not.toContain('Gerätesperre')

    let announced = 0
    el.addEventListener('auto-lock-changed', (e) => (announced = (e as CustomEvent<number>).detail))
    select.value = '5'
    select.dispatchEvent(new Event('change'))
    await settle(el)
    expect(announced).toBe(5)
    expect(store.rows.get(me.id)?.autoLockMinutes).toBe(5)
    expect(root.querySelector('[role="status"]')?.textContent).toContain('5 Minuten')

    const form = root.querySelector('form')!
    const field = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value)
    field('current', '000001')
    field('next', '13572468')
    field('repeat', '13572468')
    form.dispatchEvent(new Event('submit', { cancelable: true }))
    await settle(el)
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Die PIN ist falsch')
    field('current', '246810')
    form.dispatchEvent(new Event('submit', { cancelable: true }))
    await settle(el)
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Die PIN wurde geändert')
    expect((await lock.unlock(me.id, '13572468')).ok).toBe(true)
    el.remove()
  })
})
