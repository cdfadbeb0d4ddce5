/**
 * Calls `onIdle` once after a given time without user input (auto-lock). Input only stamps the
 * time; one timer checks at the earliest moment the time could be up, and the check runs again
 * when the page becomes visible (background tabs get their timers throttled). Wall-clock based, so
 * a device that slept past the deadline locks as soon as it wakes.
 */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input', 'scroll', 'focusin'] as const

export class IdleTimer {
  private last = Date.now()
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false

  constructor(
    private minutes: number,
    private readonly onIdle: () => void,
    private readonly target: EventTarget = window,
    private readonly visibility: EventTarget | undefined = typeof document === 'undefined' ? undefined : document,
  ) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.last = Date.now()
    for (const type of ACTIVITY) this.target.addEventListener(type, this.onActivity, { capture: true, passive: true })
    this.visibility?.addEventListener('visibilitychange', this.check)
    this.schedule()
  }

  stop(): void {
    this.running = false
    clearTimeout(this.timer)
    for (const type of ACTIVITY) this.target.removeEventListener(type, this.onActivity, { capture: true })
    this.visibility?.removeEventListener('visibilitychange', this.check)
  }

  setMinutes(minutes: number): void {
    this.minutes = minutes
    if (this.running) this.schedule()
  }

  private get limitMs(): number {
    return this.minutes * 60_000
  }

  private readonly onActivity = () => {
    this.last = Date.now()
  }

  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(this.check, Math.max(0, this.last + this.limitMs - Date.now()) + 50)
  }

  private readonly check = () => {
    if (!this.running) return
    if (Date.now() - this.last >= this.limitMs) {
      this.stop()
      this.onIdle()
    } else this.schedule()
  }
}
