/**
 * Counts failed login attempts per key in a sliding window. In memory: a restart resets it,
 * which is acceptable for brute-force protection of a single relay.
 */
export class RateLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.prune(key)
    if (recent.length < this.maxFailures) return 0
    return recent[0] + this.windowMs - this.now()
  }

  fail(key: string): void {
    const recent = this.prune(key)
    recent.push(this.now())
    this.failures.set(key, recent)
  }

  reset(key: string): void {
    this.failures.delete(key)
  }

  private prune(key: string): number[] {
    const cutoff = this.now() - this.windowMs
    const recent = (this.failures.get(key) ?? []).filter((t) => t > cutoff)
    if (recent.length) this.failures.set(key, recent)
    else this.failures.delete(key)
    return recent
  }
}
