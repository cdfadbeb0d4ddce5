/**
 * A polite HTTP client for OParl servers: at most `concurrency` requests at once, at most
 * `requestsPerSecond` started per second, a timeout per request (headers and body), retries with
 * exponential backoff and jitter on network errors, timeouts, 429/5xx and unreadable JSON
 * (honouring Retry-After). 404 and other client errors are not retried.
 */

export interface HttpClientOptions {
  /** parallel requests (default 4) */
  concurrency?: number
  /** requests started per second; 0 = no limit (default 10) */
  requestsPerSecond?: number
  /** per request, until the whole body is read (default 30 s) */
  timeoutMs?: number
  /** retries after the first attempt (default 5) */
  retries?: number
  /** first backoff (default 500 ms), doubled per retry, with ±25 % jitter */
  backoffBaseMs?: number
  /** longest backoff (default 30 s) */
  backoffMaxMs?: number
  userAgent?: string
  /** cancels everything (the import was stopped) */
  signal?: AbortSignal
  fetch?: typeof fetch
  /** called before each retry (progress, log) */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void
}

export class HttpError extends Error {
  constructor(
    readonly url: string,
    /** HTTP status, or 0 for network errors, timeouts and unreadable bodies */
    readonly status: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export interface HttpStats {
  requests: number
  retries: number
  failures: number
  bytes: number
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export class OParlHttpClient {
  readonly stats: HttpStats = { requests: 0, retries: 0, failures: 0, bytes: 0 }
  private readonly concurrency: number
  private readonly interval: number
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly backoffBaseMs: number
  private readonly backoffMaxMs: number
  private readonly fetchImpl: typeof fetch
  private active = 0
  private readonly waiting: Array<() => void> = []
  private nextSlot = 0

  constructor(private readonly options: HttpClientOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4)
    const rps = options.requestsPerSecond ?? 10
    this.interval = rps > 0 ? 1000 / rps : 0
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = Math.max(0, options.retries ?? 5)
    this.backoffBaseMs = options.backoffBaseMs ?? 500
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000
    this.fetchImpl = options.fetch ?? fetch
  }

  /** GET a JSON document. Unreadable JSON (a truncated body, an HTML error page) is retried. */
  async getJson(url: string): Promise<unknown> {
    return (await this.getJsonText(url)).json
  }

  /** GET a JSON document, with its text (what parsing loses, e.g. float noise, can be checked there). */
  async getJsonText(url: string): Promise<{ json: unknown; text: string }> {
    return this.withRetries(url, async (response) => {
      const text = await response.text()
      this.stats.bytes += text.length
      try {
        return { json: JSON.parse(text) as unknown, text }
      } catch {
        throw new HttpError(url, 0, `unreadable JSON (${text.length} bytes${text.length ? `, starts ${JSON.stringify(text.slice(0, 40))}` : ''})`, true)
      }
    }, 'application/json')
  }

  /** GET a file's bytes (at most maxBytes). */
  async getBytes(url: string, maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string | null }> {
    return this.withRetries(url, async (response) => {
      const declared = Number(response.headers.get('content-length') ?? NaN)
      if (Number.isFinite(declared) && declared > maxBytes) throw new HttpError(url, response.status, `file larger than ${maxBytes} bytes (${declared})`, false)
      const buffer = new Uint8Array(await response.arrayBuffer())
      if (buffer.byteLength > maxBytes) throw new HttpError(url, response.status, `file larger than ${maxBytes} bytes`, false)
      this.stats.bytes += buffer.byteLength
      return { bytes: buffer, contentType: response.headers.get('content-type') }
    }, '*/*')
  }

  private async withRetries<T>(url: string, read: (response: Response) => Promise<T>, accept: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, read, accept)
      } catch (error) {
        if (this.options.signal?.aborted) throw this.options.signal.reason
        const e = error instanceof HttpError ? error : new HttpError(url, 0, error instanceof Error ? error.message : String(error), true)
        if (!e.retryable || attempt >= this.retries) {
          this.stats.failures++
          throw e
        }
        const retryAfter = (e as HttpError & { retryAfterMs?: number }).retryAfterMs
        const backoff = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt)
        const delayMs = Math.round(retryAfter ?? backoff * (0.75 + Math.random() * 0.5))
        this.stats.retries++
        this.options.onRetry?.({ url, attempt: attempt + 1, delayMs, reason: e.message })
        await sleep(delayMs, this.options.signal)
      }
    }
  }

  private async once<T>(url: string, read: (response: Response) => Promise<T>, accept: string): Promise<T> {
    await this.acquire()
    try {
      await this.rateLimit()
      this.stats.requests++
      const timeout = AbortSignal.timeout(this.timeoutMs)
      const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout
      let response: Response
      try {
        response = await this.fetchImpl(url, {
          headers: { accept, 'user-agent': this.options.userAgent ?? 'Ratstisch-OParl-Import/1.0' },
          redirect: 'follow',
          signal,
        })
      } catch (error) {
        if (this.options.signal?.aborted) throw this.options.signal.reason
        throw new HttpError(url, 0, timeout.aborted ? `timed out after ${this.timeoutMs} ms` : `network error: ${causeOf(error)}`, true)
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {})
        const retryable = response.status === 429 || response.status === 408 || response.status >= 500
        const e = new HttpError(url, response.status, `HTTP ${response.status}`, retryable) as HttpError & { retryAfterMs?: number }
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
        if (retryAfter !== undefined) e.retryAfterMs = Math.min(retryAfter, this.backoffMaxMs)
        throw e
      }
      try {
        return await read(response)
      } catch (error) {
        if (error instanceof HttpError) throw error
        if (this.options.signal?.aborted) throw this.options.signal.reason
        throw new HttpError(url, 0, timeout.aborted ? `timed out after ${this.timeoutMs} ms (reading the body)` : `body not readable: ${causeOf(error)}`, true)
      }
    } finally {
      this.release()
    }
  }

  private async rateLimit(): Promise<void> {
    if (!this.interval) return
    const now = Date.now()
    const slot = Math.max(now, this.nextSlot)
    this.nextSlot = slot + this.interval
    if (slot > now) await sleep(slot - now, this.options.signal)
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(() => (this.active++, resolve())))
  }

  private release(): void {
    this.active--
    this.waiting.shift()?.()
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}

/** Retry-After in seconds or as an HTTP date -> milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
