/**
 * POST /api/meetings/:meetingId/faction-notes  {factionId?}
 * The signed-in member's faction notes document for a meeting (created on first use):
 * 201 {url, factionId, factionName} when created, 200 when it existed; 404 when the meeting is not
 * readable or the member has no (such) faction.
 */
import { Hono } from 'hono'
import type { RelayEnv } from '../http/context.ts'
import { FactionNotesError, type FactionNotesService } from './faction-notes-service.ts'

export function factionNotesRoutes(service: FactionNotesService): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.post('/meetings/:meetingId/faction-notes', async (c) => {
    const raw = await c.req.text()
    let body: Record<string, unknown> = {}
    if (raw.trim()) {
      const parsed = (() => {
        try {
          return JSON.parse(raw) as unknown
        } catch {
          return undefined
        }
      })()
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return c.json({ error: 'Ungültige Anfrage: JSON erwartet', code: 'bad-request' }, 400)
      body = parsed as Record<string, unknown>
    }
    const factionId = body.factionId
    if (factionId !== undefined && (typeof factionId !== 'string' || factionId.length > 100)) {
      return c.json({ error: 'Ungültige Fraktion', code: 'bad-request' }, 400)
    }
    try {
      const opened = await service.open(c.get('userId'), c.req.param('meetingId'), factionId)
      return c.json({ url: opened.url, factionId: opened.factionId, factionName: opened.factionName }, opened.created ? 201 : 200)
    } catch (error) {
      if (error instanceof FactionNotesError) return c.json({ error: error.message, errorEn: error.messageEn, code: error.code }, error.status)
      throw error
    }
  })

  return app
}
