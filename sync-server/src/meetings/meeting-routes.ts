/**
 * Meetings over HTTP (docs/MEETINGS.md "Relay API (planning)" and "Server-checked commands"):
 * locations, new meetings and series, conflicts, the office's calendar and meeting commands.
 */
import { Hono, type Context } from 'hono'
import type { RelayEnv } from '../http/context.ts'
import { LocationError } from './location-store.ts'
import { MeetingError, type MeetingService } from './meeting-service.ts'

function fail(c: Context, error: unknown) {
  if (error instanceof MeetingError) return c.json({ error: error.message, code: error.code, ...(error.details ?? {}) }, error.status)
  if (error instanceof LocationError) return c.json({ error: error.message, code: error.code }, error.status)
  throw error
}

async function body(c: Context): Promise<Record<string, unknown> | null> {
  const v = (await c.req.json().catch(() => null)) as unknown
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

const BAD_JSON = { error: 'Ungültige Anfrage: JSON erwartet', code: 'bad-request' }

/** Mounted at /api (the relay requires a signed-in user for /locations, /admin/locations, /meetings). */
export function meetingRoutes(service: MeetingService): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.get('/locations', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ locations: service.locations.list() })
  })

  app.post('/admin/locations', async (c) => {
    const input = await body(c)
    if (!input) return c.json(BAD_JSON, 400)
    try {
      service.requireOffice(c.get('userId'), 'Sitzungsorte pflegen')
      const location = service.locations.create(input)
      return c.json(location, 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.put('/admin/locations/:id', async (c) => {
    const input = await body(c)
    if (!input) return c.json(BAD_JSON, 400)
    try {
      service.requireOffice(c.get('userId'), 'Sitzungsorte pflegen')
      return c.json(service.locations.update(c.req.param('id'), input))
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/meetings', async (c) => {
    const input = await body(c)
    if (!input) return c.json(BAD_JSON, 400)
    try {
      const created = await service.create(c.get('userId'), input)
      return c.json({ id: created.id, url: created.url, confidentialUrl: created.confidentialUrl, conflicts: created.conflicts }, 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/meetings/series', async (c) => {
    const input = await body(c)
    if (!input) return c.json(BAD_JSON, 400)
    try {
      return c.json(await service.createSeries(c.get('userId'), input), 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/meetings/conflicts', (c) => {
    try {
      const q = c.req.query()
      return c.json({ conflicts: service.conflicts(c.get('userId'), { organizationId: q.organizationId, start: q.start, end: q.end, locationId: q.locationId, exclude: q.exclude }) })
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/meetings/calendar', (c) => {
    try {
      c.header('Cache-Control', 'no-store')
      const q = c.req.query()
      return c.json({ meetings: service.calendar(c.get('userId'), { from: q.from, to: q.to, organizationId: q.organizationId }) })
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/meetings/:id/commands', async (c) => {
    const input = await body(c)
    if (!input) return c.json(BAD_JSON, 400)
    try {
      return c.json(await service.command(c.get('userId'), c.req.param('id'), input))
    } catch (e) {
      return fail(c, e)
    }
  })

  return app
}
