/**
 * Thin fetch wrapper for the relay API: same-origin credentials, JSON, typed errors. A 401 on any
 * call but login is reported to `onUnauthorized` so the app can send the user to the login view.
 */
import { t } from '../i18n/messages.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The relay could not be reached at all (offline, DNS, connection refused, CORS). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super(t('error.offline'), { cause })
    this.name = 'NetworkError'
  }
}

export function isNetworkError(e: unknown): e is NetworkError {
  return e instanceof NetworkError
}

export interface ApiClientOptions {
  onUnauthorized?: () => void
  /** default timeout per request */
  timeoutMs?: number
}

export class ApiClient {
  private readonly timeoutMs: number
  onUnauthorized?: () => void

  constructor(options: ApiClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.onUnauthorized = options.onUnauthorized
  }

  /** Raw request; throws NetworkError or ApiError, never returns a non-2xx response. */
  async request(path: string, init: RequestInit & { timeoutMs?: number; skipUnauthorizedHook?: boolean } = {}): Promise<Response> {
    const { timeoutMs, skipUnauthorizedHook, ...rest } = init
    const signal = rest.signal
      ? AbortSignal.any([rest.signal, AbortSignal.timeout(timeoutMs ?? this.timeoutMs)])
      : AbortSignal.timeout(timeoutMs ?? this.timeoutMs)
    let res: Response
    try {
      res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', ...rest, signal })
    } catch (e) {
      if (rest.signal?.aborted) throw e
      throw new NetworkError(e)
    }
    if (res.ok) return res
    let code: string | undefined
    let message = t('error.server', { status: res.status })
    try {
      const body: unknown = await res.json()
      if (body && typeof body === 'object') {
        const b = body as { error?: unknown; code?: unknown }
        if (typeof b.error === 'string') message = b.error
        if (typeof b.code === 'string') code = b.code
      }
    } catch {
      // not JSON: keep the generic message
    }
    const retryAfter = Number(res.headers.get('Retry-After'))
    if (res.status === 401 && !skipUnauthorizedHook) this.onUnauthorized?.()
    throw new ApiError(res.status, code, message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined)
  }

  async getJson(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<unknown> {
    const res = await this.request(path, { ...init, headers: { Accept: 'application/json', ...init.headers } })
    return res.json()
  }

  async postJson(
    path: string,
    body: unknown,
    init: RequestInit & { timeoutMs?: number; skipUnauthorizedHook?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const res = await this.request(path, {
      ...init,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...init.headers },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null }
  }
}
