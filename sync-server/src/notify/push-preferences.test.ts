/**
 * Per-type push preferences over HTTP, and the words of the notices about changes: what a push
 * may say (public facts only) and that these go by push only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type Fixture } from '../testing/relay-fixture.ts'
import { isMailedKind, noticeText, pushTypeOf, type BodyNotice } from './notice-text.ts'

let fx: Fixture
beforeAll(async () => {
  fx = await startFixture()
}, 30_000)
afterAll(async () => {
  await fx.close()
}, 30_000)

const preferences = (cookie: string | undefined, method: 'GET' | 'PUT', body?: unknown, origin: string | null = fx.origin) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (cookie) headers.cookie = cookie
  if (origin) headers.origin = origin
  return fetch(`${fx.origin}/api/push/preferences`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) })
}

describe('GET/PUT /api/push/preferences', { timeout: 30_000 }, () => {
  it('starts with every type on and keeps each user’s choice', async () => {
    const anna = await fx.login('member-a')
    const bernd = await fx.login('member-b')
    expect(await (await preferences(anna, 'GET')).json()).toEqual({ preferences: { invitation: true, documents: true, faction: true } })
    const put = await preferences(anna, 'PUT', { faction: false, documents: false })
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual({ preferences: { invitation: true, documents: false, faction: false } })
    expect(await (await preferences(anna, 'PUT', { documents: true })).json()).toEqual({ preferences: { invitation: true, documents: true, faction: false } })
    expect(await (await preferences(anna, 'GET')).json()).toEqual({ preferences: { invitation: true, documents: true, faction: false } })
    // another user is not affected
    expect(await (await preferences(bernd, 'GET')).json()).toEqual({ preferences: { invitation: true, documents: true, faction: true } })
    expect(fx.relay.notifier.preferences.wanting(['ua', 'ub'], 'faction')).toEqual(new Set(['ub']))
  })

  it('refuses malformed updates, foreign origins and anonymous callers', async () => {
    const anna = await fx.login('member-a')
    for (const body of ['{', '[]', '{}', '{"faction":"off"}', '{"newsletter":true}', '"x"'.repeat(3000)]) {
      const res = await preferences(anna, 'PUT', body)
      expect(res.status, body.slice(0, 30)).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBeTruthy()
    }
    expect((await preferences(anna, 'PUT', { faction: false }, 'https://evil.example')).status).toBe(403)
    expect((await preferences(undefined, 'GET')).status).toBe(401)
    expect((await preferences(undefined, 'PUT', { faction: false })).status).toBe(401)
  })
})

describe('notices about changes', { timeout: 30_000 }, () => {
  const base = {
    organizationId: 'org-bau',
    organizationName: 'Bauausschuss',
    meetingName: '5. Sitzung des Bauausschusses',
    start: '2026-03-12T17:00:00+01:00',
    location: 'Rathaus, Ratssaal',
    path: '/app/meetings/mtg-1',
  }

  it('words a documents notice and a faction notice with public facts only', () => {
    const documents = noticeText({ ...base, key: 'documents:mtg-1:x', kind: 'documents' }, 'https://rats.example')
    expect(documents.subject).toBe('Unterlagen geändert: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr')
    expect(documents.text).toContain('neue oder geänderte Unterlagen')
    const faction: BodyNotice = { ...base, key: 'faction:d:ua:x', kind: 'faction', faction: { id: 'org-f-cdu', name: 'Fraktion CDU' }, exceptUserIds: ['ua'] }
    const text = noticeText(faction, 'https://rats.example')
    expect(text.subject).toBe('Neue Notiz Ihrer Fraktion: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr')
    expect(text.text).toContain('Fraktion: Fraktion CDU')
    expect(text.short).toBe('5. Sitzung des Bauausschusses – Ort: Rathaus, Ratssaal')
  })

  it('maps kinds to preference types and mails only the formal notices', () => {
    expect(['invitation', 'nachtrag', 'cancellation', 'circular'].map((k) => pushTypeOf(k as BodyNotice['kind']))).toEqual(['invitation', 'invitation', 'invitation', 'invitation'])
    expect(pushTypeOf('documents')).toBe('documents')
    expect(pushTypeOf('faction')).toBe('faction')
    expect(isMailedKind('invitation') && isMailedKind('circular')).toBe(true)
    expect(isMailedKind('documents') || isMailedKind('faction')).toBe(false)
  })
})
