/**
 * Sign-in, the cached account that lets the app open offline, and sign-out.
 *
 * The last `Me` is kept in the device database: when /api/me cannot be reached the app opens
 * straight into that user's data. A 401 from /api/me means the session is gone: login view.
 */
import { ApiError, isNetworkError, type ApiClient } from './api-client.ts'
import type { DeviceDb } from './local-db.ts'
import { parseMe, type Me } from './relay-contract.ts'

export type LoginFailure = 'missing' | 'invalid' | 'throttled' | 'network' | 'server'

export class LoginError extends Error {
  constructor(
    readonly kind: LoginFailure,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`login failed: ${kind}`)
    this.name = 'LoginError'
  }
}

export interface ResumedSession {
  me: Me
  /** false: the relay was not reachable and the cached account is used */
  verified: boolean
}

const LAST_USER = 'lastUserId'
const SIGNED_OUT = 'signedOut'
const DEVICE_ID = 'deviceId'

export class AuthService {
  constructor(
    private readonly api: ApiClient,
    private readonly device: DeviceDb,
  ) {}

  /** Random id of this browser profile, the "<device>" part of the sync peer id. */
  async deviceId(): Promise<string> {
    const existing = await this.device.getSetting(DEVICE_ID)
    if (existing && /^[A-Za-z0-9_-]{4,64}$/.test(existing)) return existing
    const id = crypto.randomUUID().replace(/-/g, '')
    await this.device.setSetting(DEVICE_ID, id)
    return id
  }

  async login(username: string, password: string): Promise<Me> {
    if (!username.trim() || !password) throw new LoginError('missing')
    let body: unknown
    try {
      ;({ body } = await this.api.postJson('/api/auth/login', { username: username.trim(), password }, { skipUnauthorizedHook: true }))
    } catch (e) {
      if (isNetworkError(e)) throw new LoginError('network')
      if (e instanceof ApiError) {
        if (e.status === 401) throw new LoginError('invalid', 401)
        if (e.status === 429) throw new LoginError('throttled', 429, e.retryAfterSeconds)
        if (e.status === 400) throw new LoginError('missing', 400)
        throw new LoginError('server', e.status)
      }
      throw e
    }
    const me = parseMe((body as { user?: unknown } | null)?.user)
    await this.remember(me)
    await this.device.settings.delete(SIGNED_OUT)
    return me
  }

  /** The signed-in user: verified by the relay, or the cached account when it cannot be reached. */
  async resume(): Promise<ResumedSession | null> {
    if (await this.device.getSetting(SIGNED_OUT)) return null
    try {
      const me = parseMe(await this.api.getJson('/api/me', { timeoutMs: 8000 }))
      await this.remember(me)
      return { me, verified: true }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null
      if (isNetworkError(e) || (e instanceof ApiError && e.status >= 500)) {
        const cached = await this.cachedAccount()
        return cached ? { me: cached, verified: false } : null
      }
      throw e
    }
  }

  async cachedAccount(): Promise<Me | undefined> {
    const userId = await this.device.getSetting(LAST_USER)
    return userId ? (await this.device.accounts.get(userId))?.me : undefined
  }

  /** Ends the relay session (best effort when offline) and forgets the cached account. */
  async signOut(userId: string): Promise<void> {
    try {
      await this.api.request('/api/auth/logout', { method: 'POST', skipUnauthorizedHook: true, timeoutMs: 5000 })
    } catch {
      // offline: the cookie stays but the app will not resume it (signedOut flag)
    }
    await this.device.setSetting(SIGNED_OUT, '1')
    await this.device.accounts.delete(userId)
    if ((await this.device.getSetting(LAST_USER)) === userId) await this.device.settings.delete(LAST_USER)
  }

  private async remember(me: Me): Promise<void> {
    await this.device.accounts.put({ userId: me.id, me, lastSignIn: new Date().toISOString() })
    await this.device.setSetting(LAST_USER, me.id)
  }
}
