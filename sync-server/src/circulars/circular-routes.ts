/**
 * Circular decisions over HTTP (docs/API.md "Umlaufverfahren"), mounted at /api/circulars behind
 * requireUser: list, one circular, create and cancel (office), answer (voters).
 */
import { Hono, type Context } from 'hono'
import type { RelayEnv } from '../http/context.ts'
import { CircularError, type CircularService } from './circular-service.ts'

function fail(c: Context, error: unknown) {
  if (error instanceof CircularError) return c.json({ error: error.message, code: error.code }, error.status)
  throw error
}

export function circularRoutes(circulars: CircularService): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.get('/', (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json({ circulars: circulars.list(c.get('userId')), serverTime: new Date().toISOString() })
  })

  app.post('/', async (c) => {
    const body = await c.req.json().catch(() => null)
    try {
      return c.json(await circulars.create(c.get('userId'), body), 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/:id', (c) => {
    try {
      c.header('Cache-Control', 'private, no-store')
      return c.json(circulars.get(c.get('userId'), c.req.param('id')))
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/:id/answer', async (c) => {
    const body = await c.req.json().catch(() => null)
    try {
      const result = circulars.answer(c.get('userId'), c.req.param('id'), body)
      return c.json(result, result.repeated ? 200 : 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/:id/cancel', (c) => {
    try {
      const result = circulars.cancel(c.get('userId'), c.req.param('id'))
      return c.json(result, result.repeated ? 200 : 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  return app
}
