/** Shared Hono types and middleware: session lookup, sign-in requirement, Origin check. */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE, type SessionStore } from '../auth/session-store.ts'
import type { OriginPolicy } from '../auth/origin-policy.ts'

export interface RelayEnv {
  Variables: { userId: string }
}

export function requireUser(sessions: SessionStore): MiddlewareHandler<RelayEnv> {
  return async (c, next) => {
    const userId = sessions.userIdFor(getCookie(c, SESSION_COOKIE))
    if (!userId) return c.json({ error: 'Nicht angemeldet', code: 'unauthenticated' }, 401)
    c.set('userId', userId)
    await next()
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** State-changing requests must come from an allowed origin (CSRF protection). */
export function checkOrigin(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !policy.isAllowed(c.req.header('origin'), c.req.header('host'))) {
      return c.json({ error: 'Anfrage von einer nicht zugelassenen Herkunft', code: 'bad-origin' }, 403)
    }
    await next()
  }
}

export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}
