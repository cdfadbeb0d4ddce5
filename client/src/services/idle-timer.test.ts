import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IdleTimer } from './idle-timer.ts'

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('fires once after the time without input, and input postpones it', () => {
    const target = new EventTarget()
    const onIdle = vi.fn()
    const timer = new IdleTimer(2, onIdle, target, target)
    timer.start()
    vi.advanceTimersByTime(90_000)
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(90_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(31_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10 * 60_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('locks at once when the page comes back after the deadline passed', () => {
    const target = new EventTarget()
    const onIdle = vi.fn()
    const timer = new IdleTimer(1, onIdle, target, target)
    timer.start()
    // a sleeping device: the clock moves, the timer did not fire
    vi.setSystemTime(Date.now() + 5 * 60_000)
    target.dispatchEvent(new Event('visibilitychange'))
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('applies a new setting to the running countdown and stops cleanly', () => {
    const target = new EventTarget()
    const onIdle = vi.fn()
    const timer = new IdleTimer(10, onIdle, target, target)
    timer.start()
    vi.advanceTimersByTime(2 * 60_000)
    timer.setMinutes(1)
    vi.advanceTimersByTime(1000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    const other = vi.fn()
    const stopped = new IdleTimer(1, other, target, target)
    stopped.start()
    stopped.stop()
    vi.advanceTimersByTime(5 * 60_000)
    expect(other).not.toHaveBeenCalled()
  })
})
