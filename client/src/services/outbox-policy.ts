/**
 * What to do with an outbox command after an attempt (pure):
 *   done   accepted by the relay: remove it
 *   retry  no connection, timeout, overload, server error: keep it and try again later
 *   stop   not signed in any more: keep it, stop flushing until the user signs in again
 *   drop   the relay refused it for good (bad request, forbidden): remove it, keep a log line
 */
import { ApiError, NetworkError } from './api-client.ts'

export type OutboxOutcome = 'done' | 'retry' | 'stop' | 'drop'

export function outcomeOfFailure(error: unknown): OutboxOutcome {
  if (error instanceof NetworkError) return 'retry'
  if (error instanceof ApiError) {
    if (error.status === 401) return 'stop'
    if (error.status === 408 || error.status === 429 || error.status >= 500) return 'retry'
    return 'drop'
  }
  // timeouts of our own (documents not ready yet) and anything unexpected: try again later
  return 'retry'
}

/** Delay before the next automatic flush after `attempts` failed attempts (capped backoff). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1))
}
