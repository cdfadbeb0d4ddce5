import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from './api-client.ts'
import { outcomeOfFailure, retryDelayMs } from './outbox-policy.ts'

describe('outbox policy', () => {
  it('retries on network trouble and server errors', () => {
    expect(outcomeOfFailure(new NetworkError())).toBe('retry')
    expect(outcomeOfFailure(new ApiError(503, undefined, 'x'))).toBe('retry')
    expect(outcomeOfFailure(new ApiError(429, undefined, 'x'))).toBe('retry')
  })
  it('stops when signed out and drops refused commands', () => {
    expect(outcomeOfFailure(new ApiError(401, undefined, 'x'))).toBe('stop')
    expect(outcomeOfFailure(new ApiError(403, undefined, 'x'))).toBe('drop')
    expect(outcomeOfFailure(new ApiError(400, undefined, 'x'))).toBe('drop')
  })
  it('backs off up to a minute', () => {
    expect(retryDelayMs(1)).toBe(2000)
    expect(retryDelayMs(3)).toBe(8000)
    expect(retryDelayMs(20)).toBe(60_000)
  })
})
