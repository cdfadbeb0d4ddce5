/** POST /api/auth/login, POST /api/auth/logout, GET /api/me */
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AuditLog } from '../audit/audit-log.ts'
import { clientIp, requireUser, type RelayEnv } from '../http/context.ts'
import { dummyPasswordHash, verifyPassword } from './password.ts'
import { RateLimiter } from './rate-limiter.ts'
import { SESSION_COOKIE, type SessionStore } from './session-store.ts'
import type { UserStore } from './user-store.ts'

export interface AuthRoutesDeps {
  users: UserStore
  sessions: SessionStore
  audit: AuditLog
  secureCookies: boolean
  /** called on logout with the session's token so that session's sync sockets close */
  onLogout?: (userId: string, token: string) => void
  /** failed attempts per user name and per client address before 429 */
  limits?: { perUser: number; perIp: number; windowMs: number }
}

export function authRoutes(deps: AuthRoutesDeps): Hono<RelayEnv> {
  const { users, sessions, audit } = deps
  const limits = deps.limits ?? { perUser: 5, perIp: 30, windowMs: 15 * 60_000 }
  const perUser = new RateLimiter(limits.perUser, limits.windowMs)
  const perIp = new RateLimiter(limits.perIp, limits.windowMs)
  const app = new Hono<RelayEnv>()

  app.post('/auth/login', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json({ error: 'Ungültige Anfrage', code: 'bad-request' }, 400)
    }
    const { username, password } = (body ?? {}) as Record<string, unknown>
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 100 || password.length > 1000) {
      return c.json({ error: 'Benutzername und Passwort angeben', code: 'bad-request' }, 400)
    }
    const userKey = `u:${username.toLowerCase()}`
    const ipKey = `ip:${clientIp(c)}`
    const wait = Math.max(perUser.retryAfterMs(userKey), perIp.retryAfterMs(ipKey))
    if (wait > 0) {
      audit.write('login-throttled', null, username, { ip: clientIp(c) })
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      return c.json({ error: 'Zu viele Anmeldeversuche – bitte später erneut versuchen', code: 'too-many-attempts' }, 429)
    }
    const user = users.byUsername(username)
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummyPasswordHash()), false)
    if (!user || !ok) {
      perUser.fail(userKey)
      perIp.fail(ipKey)
      audit.write('login-failed', null, username, { ip: clientIp(c) })
      return c.json({ error: 'Benutzername oder Passwort ist falsch', code: 'invalid-credentials' }, 401)
    }
    perUser.reset(userKey)
    const { token, expiresAt } = sessions.create(user.id)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookies,
      path: '/',
      expires: expiresAt,
    })
    audit.write('login', user.id, null, { ip: clientIp(c) })
    return c.json({ user: users.me(user.id) })
  })

  app.post('/auth/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    const userId = sessions.userIdFor(token)
    if (token) sessions.delete(token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    if (userId && token) {
      audit.write('logout', userId, null)
      deps.onLogout?.(userId, token)
    }
    return c.body(null, 204)
  })

  app.get('/me', requireUser(sessions), (c) => {
    const me = users.me(c.get('userId'))
    return me ? c.json(me) : c.json({ error: 'Nicht angemeldet', code: 'unauthenticated' }, 401)
  })

  return app
}
