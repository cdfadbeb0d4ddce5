import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, TEST_PASSWORD, type Fixture } from '../testing/relay-fixture.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { RateLimiter } from './rate-limiter.ts'
import { OriginPolicy } from './origin-policy.ts'

let fx: Fixture
beforeAll(async () => {
  fx = await startFixture()
})
afterAll(async () => {
  await fx.close()
})

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fx.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: fx.origin, ...headers },
    body: JSON.stringify(body),
  })

describe('login', () => {
  it('sets an HttpOnly session cookie and returns the user with roles and memberships', async () => {
    const res = await post('/api/auth/login', { username: 'member-a', password: TEST_PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/rt_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const body = (await res.json()) as { user: { username: string; roles: string[]; memberships: { organizationId: string }[] } }
    expect(body.user.username).toBe('member-a')
    expect(body.user.roles).toEqual(['member'])
    expect(body.user.memberships.map((m) => m.organizationId).sort()).toEqual(['org-bau', 'org-rat'])
    const me = await fetch(`${fx.origin}/api/me`, { headers: { cookie: cookie.split(';')[0] } })
    expect(me.status).toBe(200)
    expect(JSON.stringify(await me.json())).not.toMatch(/password|scrypt/)
  })

  it('answers 401 for a wrong password and an unknown user alike', async () => {
    const wrong = await post('/api/auth/login', { username: 'clerk', password: 'falsch-falsch' })
    const unknown = await post('/api/auth/login', { username: 'nobody', password: 'falsch-falsch' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('rejects malformed bodies with 400', async () => {
    const res = await fetch(`${fx.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: fx.origin },
      body: '{"username":',
    })
    expect(res.status).toBe(400)
    expect((await post('/api/auth/login', { username: 42 })).status).toBe(400)
  })

  it('rate-limits repeated failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await post('/api/auth/login', { username: 'member-b', password: `nope-${i}-xxxx` })).status).toBe(401)
    const blocked = await post('/api/auth/login', { username: 'member-b', password: TEST_PASSWORD })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('refuses state-changing requests from a foreign or missing Origin', async () => {
    expect((await post('/api/auth/login', { username: 'clerk', password: TEST_PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403)
    const res = await fetch(`${fx.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: TEST_PASSWORD }),
    })
    expect(res.status).toBe(403)
  })

  it('logout ends the session and closes its sync sockets; the same user on another device stays connected', async () => {
    const client = await fx.client('clerk')
    const otherDevice = await fx.client('clerk', { device: 'dev2' })
    await client.adapter.whenReady()
    await otherDevice.adapter.whenReady()
    const connected = fx.relay.relayRepo.adapter.connectionCount
    const res = await post('/api/auth/logout', {}, { cookie: client.cookie })
    expect(res.status).toBe(204)
    expect((await client.adapter.closed).code).toBe(4401)
    await new Promise((r) => setTimeout(r, 200))
    expect(fx.relay.relayRepo.adapter.connectionCount).toBe(connected - 1)
    expect((await fetch(`${fx.origin}/api/me`, { headers: { cookie: otherDevice.cookie } })).status).toBe(200)
    expect((await fetch(`${fx.origin}/api/me`, { headers: { cookie: client.cookie } })).status).toBe(401)
    expect((await fetch(`${fx.origin}/api/sync/manifest`, { headers: { cookie: client.cookie } })).status).toBe(401)
  })
})

describe('password hashing', () => {
  it('uses salted scrypt and verifies', async () => {
    const a = await hashPassword('ratstisch-demo')
    const b = await hashPassword('ratstisch-demo')
    expect(a).not.toBe(b)
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true)
    expect(await verifyPassword('ratstisch-demo', a)).toBe(true)
    expect(await verifyPassword('ratstisch-dem0', a)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })
})

describe('rate limiter', () => {
  it('forgets failures after the window', () => {
    let now = 0
    const limiter = new RateLimiter(2, 1000, () => now)
    limiter.fail('k')
    limiter.fail('k')
    expect(limiter.retryAfterMs('k')).toBe(1000)
    now = 1001
    expect(limiter.retryAfterMs('k')).toBe(0)
  })
})

describe('origin policy', () => {
  const policy = new OriginPolicy('https://rat.musterstadt.de', ['https://intranet.musterstadt.de'])
  it.each([
    ['https://rat.musterstadt.de', 'rat.musterstadt.de', true],
    ['https://intranet.musterstadt.de', 'rat.musterstadt.de', true],
    ['http://localhost:8080', 'localhost:8080', true],
    ['https://evil.example', 'rat.musterstadt.de', false],
    ['null', 'rat.musterstadt.de', false],
    [undefined, 'rat.musterstadt.de', false],
    ['javascript:alert(1)', 'rat.musterstadt.de', false],
  ])('%s via %s -> %s', (origin, host, expected) => {
    expect(policy.isAllowed(origin, host)).toBe(expected)
  })
})
