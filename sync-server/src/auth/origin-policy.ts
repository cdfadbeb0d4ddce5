/**
 * Origin checks against cross-site request forgery and cross-site WebSocket hijacking.
 * Allowed: the relay's configured public origin, extra configured origins, and the origin that
 * matches the request's own Host header (same-origin through any host name the relay answers on).
 */
export class OriginPolicy {
  private readonly allowed: Set<string>

  constructor(publicUrl: string, extra: readonly string[]) {
    this.allowed = new Set([new URL(publicUrl).origin, ...extra.map((o) => new URL(o).origin)])
  }

  isAllowed(origin: string | undefined | null, host: string | undefined | null): boolean {
    if (!origin || origin === 'null') return false
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      return false
    }
    if (this.allowed.has(parsed.origin)) return true
    return !!host && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host
  }
}
