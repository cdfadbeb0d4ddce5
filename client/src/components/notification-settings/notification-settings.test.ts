// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClient } from '../../services/api-client.ts'
import { preferencesFrom, type NotificationSettings } from './notification-settings.ts'
import './notification-settings.ts'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function mounted(fetchImpl: (input: string, init?: RequestInit) => Promise<Response>): Promise<NotificationSettings> {
  vi.stubGlobal('fetch', vi.fn(fetchImpl))
  const el = document.createElement('rt-notification-settings')
  el.api = new ApiClient()
  document.body.append(el)
  // no service worker in this environment: show the controls as for a device with push off
  await new Promise((r) => setTimeout(r, 0))
  el.state = 'off'
  await el.updateComplete
  return el
}

const root = (el: NotificationSettings) => el.shadowRoot!
const toggle = (el: NotificationSettings) => root(el).querySelector<HTMLButtonElement>('#notify-types-toggle')!
const boxes = (el: NotificationSettings) => [...root(el).querySelectorAll<HTMLInputElement>('input[type=checkbox]')]
const settle = async (el: NotificationSettings) => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await el.updateComplete
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('<rt-notification-settings> notice types', () => {
  it('opens a labelled group of checkboxes per type from the relay’s preferences', async () => {
    const el = await mounted(async () => json({ preferences: { invitation: true, documents: false, faction: true } }))
    expect(toggle(el).getAttribute('aria-expanded')).toBe('false')
    expect(root(el).querySelector('#notify-types')!.hasAttribute('hidden')).toBe(true)
    toggle(el).click()
    await settle(el)
    expect(toggle(el).getAttribute('aria-expanded')).toBe('true')
    expect(toggle(el).getAttribute('aria-controls')).toBe('notify-types')
    expect(root(el).querySelector('legend')!.textContent).toBe('Push-Benachrichtigungen erhalten über')
    expect(boxes(el).map((b) => [b.name, b.checked, b.closest('label')!.textContent!.trim()])).toEqual([
      ['invitation', true, 'Einladungen, Nachträge, Absagen und Umlaufverfahren meiner Gremien'],
      ['documents', false, 'neue oder geänderte Unterlagen meiner Sitzungen'],
      ['faction', true, 'Anmerkungen und Notizen, die meine Fraktion teilt'],
    ])
  })

  it('saves one type per change and announces it', async () => {
    const calls: Array<{ method: string; body?: string }> = []
    const el = await mounted(async (_url, init) => {
      calls.push({ method: init?.method ?? 'GET', ...(init?.body ? { body: String(init.body) } : {}) })
      if (init?.method === 'PUT') return json({ preferences: { invitation: true, documents: true, faction: false } })
      return json({ preferences: { invitation: true, documents: true, faction: true } })
    })
    toggle(el).click()
    await settle(el)
    const faction = boxes(el)[2]
    faction.click()
    await settle(el)
    expect(calls).toEqual([{ method: 'GET' }, { method: 'PUT', body: '{"faction":false}' }])
    expect(boxes(el)[2].checked).toBe(false)
    expect(root(el).querySelector('[role=status]')!.textContent).toBe('Einstellung gespeichert.')
  })

  it('puts the box back and says why when the relay refuses or is unreachable', async () => {
    let offline = false
    const el = await mounted(async (_url, init) => {
      if (init?.method === 'PUT') {
        if (offline) throw new TypeError('Failed to fetch')
        return json({ error: 'Unbekannte Benachrichtigungsart', code: 'bad-preferences' }, 400)
      }
      return json({ preferences: { invitation: true, documents: true, faction: true } })
    })
    toggle(el).click()
    await settle(el)
    boxes(el)[1].click()
    await settle(el)
    expect(boxes(el)[1].checked).toBe(true)
    const status = root(el).querySelector('[role=status]')!
    expect(status.textContent).toBe('Die Einstellung wurde nicht gespeichert: Unbekannte Benachrichtigungsart')
    expect(status.classList.contains('problem')).toBe(true)
    offline = true
    boxes(el)[0].click()
    await settle(el)
    expect(boxes(el)[0].checked).toBe(true)
    expect(status.textContent).toBe('Keine Verbindung zum Server – Benachrichtigungen können gerade nicht geändert werden.')
  })

  it('closes with Escape and returns focus to the disclosure button', async () => {
    const el = await mounted(async () => json({ preferences: { invitation: true, documents: true, faction: true } }))
    toggle(el).click()
    await settle(el)
    boxes(el)[0].focus()
    boxes(el)[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))
    await settle(el)
    expect(toggle(el).getAttribute('aria-expanded')).toBe('false')
    expect(root(el).activeElement).toBe(toggle(el))
  })

  it('accepts only complete, boolean preferences from the relay', () => {
    expect(preferencesFrom({ preferences: { invitation: false, documents: true, faction: true } })).toEqual({ invitation: false, documents: true, faction: true })
    expect(preferencesFrom({ preferences: { invitation: 'no', documents: true, faction: true } })).toBeUndefined()
    expect(preferencesFrom({ preferences: { invitation: true } })).toBeUndefined()
    expect(preferencesFrom(null)).toBeUndefined()
  })
})
