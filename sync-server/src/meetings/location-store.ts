/**
 * Meeting places (relay table `locations`), maintained by the office. Meetings copy the place into
 * their document (`location`, `accessibility`, `locationId`) when they are planned.
 */
import type { LocationInfo, MeetingLocation } from '@ratstisch/domain'
import { randomUUID } from 'node:crypto'
import type { RelayDatabase } from '../db/database.ts'

export class LocationError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

interface LocationRow {
  id: string
  description: string
  room: string | null
  street_address: string | null
  postal_code: string | null
  locality: string | null
  accessibility: string | null
  active: number
}

const FIELDS: Array<[keyof MeetingLocation, string, number, string]> = [
  ['room', 'room', 200, 'Raum'],
  ['streetAddress', 'street_address', 200, 'Straße und Hausnummer'],
  ['postalCode', 'postal_code', 10, 'Postleitzahl'],
  ['locality', 'locality', 200, 'Ort'],
  ['accessibility', 'accessibility', 2000, 'Barrierefreiheit'],
]

function toLocation(r: LocationRow): MeetingLocation {
  const l: MeetingLocation = { id: r.id, description: r.description }
  if (r.room) l.room = r.room
  if (r.street_address) l.streetAddress = r.street_address
  if (r.postal_code) l.postalCode = r.postal_code
  if (r.locality) l.locality = r.locality
  if (r.accessibility) l.accessibility = r.accessibility
  return l
}

/** What a meeting document records about its place. */
export function locationInfo(l: MeetingLocation): LocationInfo {
  const info: LocationInfo = { description: l.description }
  if (l.room) info.room = l.room
  if (l.streetAddress) info.streetAddress = l.streetAddress
  if (l.postalCode) info.postalCode = l.postalCode
  if (l.locality) info.locality = l.locality
  return info
}

/** Checks a location from the API; German messages for the clerk. */
export function parseLocation(input: unknown): Omit<MeetingLocation, 'id'> {
  const v = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const description = typeof v.description === 'string' ? v.description.trim() : ''
  if (!description) throw new LocationError(400, 'bad-request', 'Bitte eine Bezeichnung des Ortes angeben (z. B. „Rathaus, Ratssaal“)')
  if (description.length > 200) throw new LocationError(400, 'bad-request', 'Die Bezeichnung ist zu lang (höchstens 200 Zeichen)')
  const result: Omit<MeetingLocation, 'id'> = { description }
  for (const [key, , max, label] of FIELDS) {
    const raw = v[key]
    if (raw === undefined || raw === null || raw === '') continue
    if (typeof raw !== 'string') throw new LocationError(400, 'bad-request', `Ungültige Angabe: ${label}`)
    const value = raw.trim()
    if (value.length > max) throw new LocationError(400, 'bad-request', `${label} ist zu lang (höchstens ${max.toLocaleString('de-DE')} Zeichen)`)
    if (key === 'postalCode' && value && !/^\d{5}$/.test(value)) throw new LocationError(400, 'bad-request', 'Die Postleitzahl hat fünf Ziffern')
    if (value) (result as Record<string, string>)[key] = value
  }
  return result
}

export class LocationStore {
  constructor(private readonly db: RelayDatabase) {}

  list(includeInactive = false): MeetingLocation[] {
    const rows = this.db
      .prepare(`SELECT * FROM locations ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY description COLLATE NOCASE, room COLLATE NOCASE`)
      .all() as LocationRow[]
    return rows.map(toLocation)
  }

  get(id: string): MeetingLocation | undefined {
    const row = this.db.prepare('SELECT * FROM locations WHERE id = ?').get(id) as LocationRow | undefined
    return row ? toLocation(row) : undefined
  }

  create(input: unknown, id = `loc-${randomUUID().replaceAll('-', '').slice(0, 16)}`): MeetingLocation {
    const l = parseLocation(input)
    this.db
      .prepare(
        `INSERT INTO locations (id, description, room, street_address, postal_code, locality, accessibility, active, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(id, l.description, l.room ?? null, l.streetAddress ?? null, l.postalCode ?? null, l.locality ?? null, l.accessibility ?? null, new Date().toISOString())
    return this.get(id)!
  }

  update(id: string, input: unknown): MeetingLocation {
    if (!this.get(id)) throw new LocationError(404, 'not-found', 'Ort nicht gefunden')
    const l = parseLocation(input)
    const active = (input as Record<string, unknown>)?.active === false ? 0 : 1
    this.db
      .prepare(
        `UPDATE locations SET description = ?, room = ?, street_address = ?, postal_code = ?, locality = ?, accessibility = ?, active = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(l.description, l.room ?? null, l.streetAddress ?? null, l.postalCode ?? null, l.locality ?? null, l.accessibility ?? null, active, new Date().toISOString(), id)
    return this.get(id)!
  }
}
