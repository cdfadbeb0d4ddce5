/** Server-side sessions. The cookie holds a random token; the database only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto'
import type { RelayDatabase } from '../db/database.ts'

export const SESSION_COOKIE = 'rt_session'

/** The stored form of a session token; also names a session's sync sockets (logout closes only those). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export class SessionStore {
  constructor(
    private readonly db: RelayDatabase,
    private readonly ttlHours: number,
  ) {}

  create(userId: string): { token: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url')
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.ttlHours * 3600_000)
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), userId, now.toISOString(), expiresAt.toISOString())
    return { token, expiresAt }
  }

  /** The user id of a valid session, or undefined. */
  userIdFor(token: string | undefined): string | undefined {
    if (!token || token.length > 100) return undefined
    const row = this.db
      .prepare(
        `SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND u.disabled = 0`,
      )
      .get(hashToken(token)) as { user_id: string; expires_at: string } | undefined
    if (!row) return undefined
    if (row.expires_at < new Date().toISOString()) {
      this.delete(token)
      return undefined
    }
    return row.user_id
  }

  delete(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token))
  }

  deleteAllOf(userId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
  }
}

/** Reads one cookie from a Cookie header (also used for WebSocket upgrades, outside Hono). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}
