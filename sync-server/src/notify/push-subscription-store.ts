/** Web Push subscriptions per user (table push_subscriptions). */
import type { RelayDatabase } from '../db/database.ts'
import type { PushTarget } from './push-sender.ts'

export const MAX_SUBSCRIPTIONS_PER_USER = 20
const MAX_ENDPOINT_LENGTH = 2048

export interface StoredSubscription extends PushTarget {
  userId: string
}

function base64urlBytes(value: unknown, max: number): number | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return undefined
  return Buffer.from(value.replace(/=+$/, ''), 'base64url').length
}

/** Whether the endpoint's host is one of the allowed push services (or a subdomain of one). */
export function isAllowedPushHost(endpoint: string, allowedHosts: readonly string[]): boolean {
  let host: string
  try {
    host = new URL(endpoint).hostname.toLowerCase()
  } catch {
    return false
  }
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}

/**
 * Validates an untrusted subscription (PushSubscription.toJSON() shape); returns a German error or
 * the clean target. Only endpoints at the allowed push services pass.
 */
export function parseSubscription(input: unknown, allowedHosts: readonly string[]): PushTarget | string {
  if (!input || typeof input !== 'object') return 'Ungültiges Abonnement'
  const { endpoint, keys } = input as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } }
  if (typeof endpoint !== 'string' || endpoint.length > MAX_ENDPOINT_LENGTH) return 'Ungültige Push-Adresse'
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'Ungültige Push-Adresse'
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.hash) return 'Die Push-Adresse muss eine https-Adresse sein'
  if (!isAllowedPushHost(endpoint, allowedHosts)) return 'Dieser Push-Dienst wird nicht unterstützt'
  if (!keys || typeof keys !== 'object') return 'Schlüssel des Abonnements fehlen'
  // p256dh: an uncompressed P-256 point (65 bytes); auth: 16 random bytes (RFC 8291)
  if (base64urlBytes(keys.p256dh, 100) !== 65 || !Buffer.from(String(keys.p256dh), 'base64url').subarray(0, 1).equals(Buffer.from([4]))) {
    return 'Ungültiger Schlüssel (p256dh)'
  }
  if (base64urlBytes(keys.auth, 32) !== 16) return 'Ungültiger Schlüssel (auth)'
  return { endpoint, keys: { p256dh: String(keys.p256dh), auth: String(keys.auth) } }
}

export class PushSubscriptionStore {
  constructor(private readonly db: RelayDatabase) {}

  /**
   * Stores the subscription for this user. An endpoint belongs to one browser; when another user
   * signs in there and subscribes, the endpoint moves to them. Oldest subscriptions beyond the limit go.
   */
  save(userId: string, target: PushTarget): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
             created_at = excluded.created_at, last_error = NULL`,
        )
        .run(target.endpoint, userId, target.keys.p256dh, target.keys.auth, new Date().toISOString())
      this.db
        .prepare(
          `DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint NOT IN (
             SELECT endpoint FROM push_subscriptions WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
        )
        .run(userId, userId, MAX_SUBSCRIPTIONS_PER_USER)
    })()
  }

  /** removes the user's own subscription; true when there was one */
  remove(userId: string, endpoint: string): boolean {
    return this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?').run(endpoint, userId).changes > 0
  }

  removeEndpoint(endpoint: string): void {
    this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
  }

  markError(endpoint: string, error: string): void {
    this.db.prepare('UPDATE push_subscriptions SET last_error = ? WHERE endpoint = ?').run(error.slice(0, 200), endpoint)
  }

  has(userId: string, endpoint: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM push_subscriptions WHERE endpoint = ? AND user_id = ?').get(endpoint, userId)
  }

  forUsers(userIds: readonly string[]): StoredSubscription[] {
    if (userIds.length === 0) return []
    const rows = this.db
      .prepare(`SELECT endpoint, user_id, p256dh, auth FROM push_subscriptions WHERE user_id IN (${userIds.map(() => '?').join(',')}) ORDER BY user_id, created_at`)
      .all(...userIds) as { endpoint: string; user_id: string; p256dh: string; auth: string }[]
    return rows.map((r) => ({ endpoint: r.endpoint, userId: r.user_id, keys: { p256dh: r.p256dh, auth: r.auth } }))
  }
}
