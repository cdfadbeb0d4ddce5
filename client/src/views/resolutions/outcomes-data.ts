/**
 * Fetching resolutions and circular decisions from the relay, remembered in the user's device
 * database (sealed cache) so the lists show offline with the time they were loaded. Writes (assign, report,
 * create, cancel) need the relay; circular answers go through the outbox (meeting-commands.ts).
 */
import type { CircularDecision, ResolutionEntry } from '@ratstisch/domain'
import { ApiError, type ApiClient } from '../../services/api-client.ts'
import type { UserDb } from '../../services/local-db.ts'

export interface Cached<T> {
  value: T
  /** when the relay sent it (ISO) */
  at: string
  /** true: the relay could not be reached, this is the remembered copy */
  stale: boolean
}

/** GET `path` and remember the answer under `key`; offline, the remembered answer (or the error). */
export async function fetchCached<T>(api: ApiClient, db: UserDb, key: string, path: string, pick: (body: unknown) => T): Promise<Cached<T>> {
  try {
    const value = pick(await api.getJson(path, { timeoutMs: 8000 }))
    const at = new Date().toISOString()
    await db.cache.put({ key, value: JSON.stringify({ value, at }) })
    return { value, at, stale: false }
  } catch (e) {
    // refused (403/404: no longer allowed, gone): forget the copy instead of showing it
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
      await db.cache.delete(key)
      throw e
    }
    const row = await db.cache.get(key)
    if (row) {
      const { value, at } = JSON.parse(row.value) as { value: T; at: string }
      return { value, at, stale: true }
    }
    throw e
  }
}

export const loadResolutions = (api: ApiClient, db: UserDb) =>
  fetchCached(api, db, 'outcomes:resolutions', '/api/resolutions', (b) => (b as { resolutions: ResolutionEntry[] }).resolutions)

export const loadCirculars = (api: ApiClient, db: UserDb) =>
  fetchCached(api, db, 'outcomes:circulars', '/api/circulars', (b) => (b as { circulars: CircularDecision[] }).circulars)

export const loadCircular = (api: ApiClient, db: UserDb, id: string) =>
  fetchCached(api, db, `outcomes:circular:${id}`, `/api/circulars/${encodeURIComponent(id)}`, (b) => b as CircularDecision)

export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** Minutes east of UTC of Europe/Berlin at an instant. */
function berlinOffsetMinutes(ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

/** "2026-12-05" + "12:00" in the town's time zone → ISO instant. */
export function townInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number)
  const [h, mi] = time.split(':').map(Number)
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  let utc = wall - berlinOffsetMinutes(wall) * 60_000
  utc = wall - berlinOffsetMinutes(utc) * 60_000
  return new Date(utc).toISOString()
}

export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e))
