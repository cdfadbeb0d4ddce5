import { describe, expect, it } from 'vitest'
import { DEFAULT_PUSH_PREFERENCES, PUSH_NOTICE_TYPES, parsePushPreferencesUpdate } from './push-preferences.ts'

describe('push preferences', () => {
  it('has every type on by default', () => {
    expect(PUSH_NOTICE_TYPES.every((t) => DEFAULT_PUSH_PREFERENCES[t])).toBe(true)
  })

  it('accepts partial updates of known types with booleans', () => {
    expect(parsePushPreferencesUpdate({ faction: false })).toEqual({ faction: false })
    expect(parsePushPreferencesUpdate({ invitation: true, documents: false, faction: true })).toEqual({ invitation: true, documents: false, faction: true })
  })

  it('refuses anything else with a German message', () => {
    expect(parsePushPreferencesUpdate(null)).toMatch(/Ungültige Einstellungen/)
    expect(parsePushPreferencesUpdate([true])).toMatch(/Ungültige Einstellungen/)
    expect(parsePushPreferencesUpdate({})).toBe('Keine Einstellung angegeben')
    expect(parsePushPreferencesUpdate({ marketing: true })).toMatch(/Unbekannte Benachrichtigungsart „marketing“/)
    expect(parsePushPreferencesUpdate({ faction: 'false' })).toMatch(/true\/false/)
    expect(parsePushPreferencesUpdate({ faction: 0 })).toMatch(/true\/false/)
    expect(parsePushPreferencesUpdate({ __proto__: { faction: true } } as unknown)).toBe('Keine Einstellung angegeben')
  })
})
