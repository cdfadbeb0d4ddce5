/**
 * Resolution tracking over HTTP (docs/API.md "Beschlusskontrolle"), mounted at /api/resolutions
 * behind requireUser: the list with filters, one entry, and the assign / report commands.
 */
import { Hono, type Context } from 'hono'
import { RESOLUTION_STATUSES, type ResolutionStatus } from '@ratstisch/domain'
import type { RelayEnv } from '../http/context.ts'
import { ResolutionError, type ResolutionStore } from './resolution-store.ts'

function fail(c: Context, error: unknown) {
  if (error instanceof ResolutionError) return c.json({ error: error.message, code: error.code }, error.status)
  throw error
}

export function resolutionRoutes(store: ResolutionStore): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.get('/', (c) => {
    const status = c.req.query('status') || undefined
    if (status !== undefined && !(RESOLUTION_STATUSES as readonly string[]).includes(status)) {
      return c.json({ error: `Unbekannter Stand „${status}“`, code: 'bad-status' }, 400)
    }
    const overdue = c.req.query('overdue')
    c.header('Cache-Control', 'private, no-store')
    return c.json({
      resolutions: store.list(c.get('userId'), {
        organizationId: c.req.query('organizationId') || undefined,
        status: status as ResolutionStatus | undefined,
        overdue: overdue === '1' || overdue === 'true',
      }),
      serverTime: new Date().toISOString(),
    })
  })

  app.get('/:id', (c) => {
    try {
      c.header('Cache-Control', 'private, no-store')
      return c.json(store.visible(c.get('userId'), c.req.param('id')))
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/:id/commands', async (c) => {
    const body = await c.req.json().catch(() => null)
    try {
      const result = store.command(c.get('userId'), c.req.param('id'), body)
      return c.json(result, result.repeated ? 200 : 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  return app
}
