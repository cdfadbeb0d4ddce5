/**
 * Papers over HTTP (docs/API.md): create a draft, read one list entry, run a workflow command,
 * the bodies' "awaiting consultation" queues, the rendered PDF, and
 * the town's name (the app puts it on PDFs it renders offline).
 * The list of all papers (GET /api/papers) is in paper-list-routes.ts.
 */
import { Hono, type Context } from 'hono'
import type { RelayEnv } from '../http/context.ts'
import { PaperError, type PaperService } from './paper-service.ts'

function fail(c: Context, error: unknown) {
  if (error instanceof PaperError) return c.json({ error: error.message, code: error.code }, error.status)
  throw error
}

export interface PaperRoutesDeps {
  papers: PaperService
  /** renders the paper's PDF (same renderer as the app's offline one) */
  renderPdf?: (userId: string, paperId: string) => Promise<{ bytes: Uint8Array; fileName: string }>
  townName: () => string
}

export function paperRoutes({ papers, renderPdf, townName }: PaperRoutesDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.post('/papers', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null
    if (!body) return c.json({ error: 'Ungültige Anfrage: JSON erwartet', code: 'bad-request' }, 400)
    try {
      return c.json(await papers.create(c.get('userId'), body), 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/papers/:id{[A-Za-z0-9_-]+}', (c) => {
    try {
      c.header('Cache-Control', 'no-store')
      return c.json(papers.visible(c.get('userId'), c.req.param('id')))
    } catch (e) {
      return fail(c, e)
    }
  })

  app.post('/papers/:id/commands', async (c) => {
    const body = await c.req.json().catch(() => null)
    try {
      const outcome = await papers.command(c.get('userId'), c.req.param('id'), body)
      if (!outcome.applied) return c.json({ ...outcome, error: outcome.reason ?? 'Schritt nicht möglich', code: 'conflict' }, 409)
      return c.json(outcome, outcome.repeated ? 200 : 201)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/papers/:id/pdf', async (c) => {
    if (!renderPdf) return c.json({ error: 'PDF-Erzeugung ist nicht verfügbar', code: 'unavailable' }, 503)
    try {
      const { bytes, fileName } = await renderPdf(c.get('userId'), c.req.param('id'))
      c.header('Content-Type', 'application/pdf')
      c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      c.header('Cache-Control', 'private, no-cache')
      return c.body(bytes as Uint8Array<ArrayBuffer>)
    } catch (e) {
      return fail(c, e)
    }
  })

  app.get('/organizations/:id/queue', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ papers: papers.queue(c.get('userId'), c.req.param('id')), serverTime: new Date().toISOString() })
  })

  app.get('/town', (c) => c.json({ name: townName() }))


  return app
}
