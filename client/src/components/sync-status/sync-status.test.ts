// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import './sync-status.ts'

describe('<rt-sync-status>', () => {
  it('shows icon and text, reflects the status and announces politely', async () => {
    const el = document.createElement('rt-sync-status')
    document.body.append(el)
    el.status = 'local-only'
    await el.updateComplete
    expect(el.getAttribute('data-status')).toBe('local-only')
    const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!
    expect(live.textContent).toContain('Änderungen nur auf diesem Gerät')
    expect(live.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true')
    el.status = 'synced'
    await el.updateComplete
    expect(live.textContent).toContain('Synchronisiert')
    el.remove()
  })
})
