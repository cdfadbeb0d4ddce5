/**
 * "Kommende Sitzungen meiner Gremien automatisch offline halten": a setting on this device. After
 * every sync cycle the upcoming meetings of the user's bodies that are not pinned yet are pinned
 * (marked automatic), and automatic pins of meetings that are over for a few days are removed
 * again. Pins the user made stay until the user removes them.
 */
import { townDay } from '../i18n/format.ts'
import type { Catalogue } from './catalogue.ts'
import { Emitter } from './emitter.ts'
import type { UserDb } from './local-db.ts'
import type { MeetingPinner } from './meeting-pinner.ts'
import { activeBodyIds, type Me } from './relay-contract.ts'

export interface AutoMeeting {
  meetingId: string
  start: string
  end?: string
  state: string
  organizationId: string
}

export interface AutoPinInput {
  meetings: readonly AutoMeeting[]
  pins: readonly { meetingId: string; auto?: boolean }[]
  /** bodies the user sits in today */
  bodies: ReadonlySet<string>
  now: Date
  enabled: boolean
}

/** automatic pins are removed this long after the meeting ended */
export const AUTO_UNPIN_AFTER_MS = 3 * 24 * 60 * 60 * 1000
/** a meeting without an end time counts as running this long after its start */
const ASSUMED_DURATION_MS = 6 * 60 * 60 * 1000
/** bounds the storage the option can take: the next meetings only */
export const MAX_AUTO_PINS = 12

function endOf(m: AutoMeeting): number {
  const end = m.end ? Date.parse(m.end) : NaN
  if (Number.isFinite(end)) return end
  const start = Date.parse(m.start)
  return Number.isFinite(start) ? start + ASSUMED_DURATION_MS : NaN
}

/** Upcoming: invited (or running) and not over yet. Planned meetings have no agenda to keep yet. */
export function isUpcoming(m: AutoMeeting, now: Date): boolean {
  return (m.state === 'invited' || m.state === 'running') && endOf(m) > now.getTime()
}

/** Which meetings to pin and which automatic pins to remove (pure). */
export function autoPinPlan(input: AutoPinInput): { pin: string[]; unpin: string[] } {
  const byId = new Map(input.meetings.map((m) => [m.meetingId, m]))
  const pinned = new Set(input.pins.map((p) => p.meetingId))
  const pin = input.enabled
    ? input.meetings
        .filter((m) => !pinned.has(m.meetingId) && input.bodies.has(m.organizationId) && isUpcoming(m, input.now))
        .sort((a, b) => a.start.localeCompare(b.start))
        .slice(0, Math.max(0, MAX_AUTO_PINS - input.pins.filter((p) => p.auto).length))
        .map((m) => m.meetingId)
    : []
  const unpin = input.pins
    .filter((p) => {
      if (!p.auto) return false
      const m = byId.get(p.meetingId)
      if (!m || m.state === 'cancelled' || !input.bodies.has(m.organizationId)) return true
      return endOf(m) + AUTO_UNPIN_AFTER_MS < input.now.getTime()
    })
    .map((p) => p.meetingId)
  return { pin, unpin }
}

const SETTING_KEY = 'setting:auto-offline'

export interface AutoOfflineEvents extends Record<string, unknown> {
  change: boolean
}

export class AutoOffline extends Emitter<AutoOfflineEvents> {
  private running: Promise<void> | undefined
  private again = false

  constructor(
    private readonly db: UserDb,
    private readonly catalogue: Catalogue,
    private readonly pinner: MeetingPinner,
    private readonly me: Me,
  ) {
    super()
  }

  async enabled(): Promise<boolean> {
    return (await this.db.kv.get(SETTING_KEY))?.value === '1'
  }

  async setEnabled(on: boolean): Promise<void> {
    await this.db.kv.put({ key: SETTING_KEY, value: on ? '1' : '0' })
    this.emit('change', on)
    if (on) void this.run()
  }

  /** One pass (after a sync cycle); a call while a pass runs queues one more. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.pass()
      .catch((e) => console.warn('auto offline failed', e))
      .finally(() => {
        this.running = undefined
        if (this.again) {
          this.again = false
          void this.run()
        }
      })
    return this.running
  }

  private async pass(): Promise<void> {
    const rows = await this.catalogue.meetings()
    const meetings: AutoMeeting[] = []
    for (const r of rows) {
      if (!r.meeting || !r.meta) continue
      meetings.push({ meetingId: r.meeting, start: r.meta.start, end: r.meta.end, state: r.meta.state, organizationId: r.meta.organizationId })
    }
    const plan = autoPinPlan({
      meetings,
      pins: await this.pinner.all(),
      bodies: activeBodyIds(this.me, townDay(new Date())),
      now: new Date(),
      enabled: await this.enabled(),
    })
    for (const id of plan.unpin) await this.pinner.unpin(id)
    for (const id of plan.pin) {
      if (!navigator.onLine || !(await this.enabled())) return
      await this.pinner.pin(id, { auto: true }).catch((e) => console.warn('auto offline: cannot pin', id, e))
    }
  }
}
