/**
 * Allowances over HTTP (docs/API.md "Sitzungsgeld"), mounted at /api/allowances behind
 * requireUser. `/me/…` is the member's own (claims, bank account, statements); everything else is
 * the finance clerk's. The service decides access; every answer is `private, no-store`, so no
 * cache (nor the app's service worker, which never touches /api) keeps allowance data.
 */
import { Hono, type Context } from 'hono'
import { Readable } from 'node:stream'
import { contentDisposition } from '../files/file-routes.ts'
import type { RelayEnv } from '../http/context.ts'
import { AllowanceError, type AllowanceService } from './allowance-service.ts'

function fail(c: Context, error: unknown) {
  if (error instanceof AllowanceError) {
    return c.json({ error: error.message, code: error.code, ...(error.problems ? { problems: error.problems } : {}) }, error.status)
  }
  throw error
}

const noStore = (c: Context) => c.header('Cache-Control', 'private, no-store')

function download(c: Context, bytes: Uint8Array, name: string, mime: string, attachment = true) {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': mime,
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': contentDisposition(name, attachment),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  })
}

export function allowanceRoutes(service: AllowanceService, options: { maxUploadBytes: number }): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  app.use('*', async (c, next) => {
    await next()
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-store')
  })

  /** Runs a handler, turning AllowanceErrors into JSON answers. */
  const handle =
    (fn: (c: Context<RelayEnv>, userId: string) => Response | Promise<Response>) =>
    async (c: Context<RelayEnv>) => {
      try {
        noStore(c)
        return await fn(c, c.get('userId'))
      } catch (e) {
        return fail(c, e)
      }
    }
  const json = async (c: Context): Promise<unknown> => c.req.json().catch(() => null)
  const param = (c: Context, name: string): string => c.req.param(name) ?? ''
  const year = (c: Context) => Number(param(c, 'year'))

  // -- the member's own ---------------------------------------------------------------------
  app.get('/me', handle((c, u) => c.json(service.me(u))))
  app.get('/me/claims', handle((c, u) => c.json({ claims: service.myClaims(u) })))
  app.post(
    '/me/claims',
    handle(async (c, u) => {
      const declared = Number(c.req.header('content-length') ?? '0')
      if (declared > options.maxUploadBytes) throw new AllowanceError(413, 'too-large', `Der Antrag mit Nachweisen ist größer als ${Math.round(options.maxUploadBytes / 1024 / 1024)} MB`)
      const type = c.req.header('content-type') ?? ''
      let body: unknown = null
      const files: { name: string; stream: ReadableStream<Uint8Array> }[] = []
      if (type.startsWith('multipart/form-data')) {
        const form = await c.req.parseBody({ all: true }).catch(() => null)
        if (!form) throw new AllowanceError(400, 'invalid', 'Antrag nicht lesbar')
        try {
          body = typeof form.claim === 'string' ? (JSON.parse(form.claim) as unknown) : null
        } catch {
          body = null
        }
        const raw = form.files
        for (const f of Array.isArray(raw) ? raw : raw ? [raw] : []) {
          if (typeof f === 'string') continue
          files.push({ name: (f.name || 'Nachweis').replace(/[\\/\u0000-\u001f]/g, ' ').slice(0, 200), stream: f.stream() })
        }
      } else body = await json(c)
      return c.json(await service.submitClaim(u, body, files), 201)
    }),
  )
  app.post('/me/claims/:id/withdraw', handle((c, u) => c.json(service.withdrawClaim(u, param(c, 'id')))))
  app.get('/me/statements/:year', handle((c, u) => c.json(service.statement(u, 'me', year(c)))))
  app.get(
    '/me/statements/:year/pdf',
    handle(async (c, u) => {
      const pdf = await service.statementPdf(u, 'me', year(c))
      return download(c, pdf.bytes, pdf.name, 'application/pdf', c.req.query('download') === '1')
    }),
  )

  // -- a claim's proof: its member or finance ----------------------------------------------
  app.get(
    '/claims/:id/files/:sha256',
    handle(async (c, u) => {
      const { file, body } = await service.claimFile(u, param(c, 'id'), param(c, 'sha256'))
      return c.body(Readable.toWeb(body) as ReadableStream<Uint8Array>, 200, {
        'Content-Type': file.mime,
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(file.name, c.req.query('download') === '1'),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      })
    }),
  )

  // -- finance --------------------------------------------------------------------------------
  app.get('/members', handle((c, u) => c.json({ members: service.members(u) })))
  app.get('/persons/:personId/statements/:year', handle((c, u) => c.json(service.statement(u, param(c, 'personId'), year(c)))))
  app.get(
    '/persons/:personId/statements/:year/pdf',
    handle(async (c, u) => {
      const pdf = await service.statementPdf(u, param(c, 'personId'), year(c))
      return download(c, pdf.bytes, pdf.name, 'application/pdf', c.req.query('download') === '1')
    }),
  )

  app.get('/statute', handle((c, u) => c.json(service.statuteInfo(u))))
  app.put(
    '/statute',
    handle(async (c, u) => {
      const text = await c.req.text()
      let parsed: unknown
      try {
        parsed = JSON.parse(text) as unknown
      } catch (e) {
        throw new AllowanceError(400, 'invalid-statute', 'Die Datei ist kein gültiges JSON und wurde nicht gespeichert', [{ path: '', message: e instanceof Error ? e.message : 'kein JSON' }])
      }
      return c.json(service.saveStatute(u, parsed))
    }),
  )

  app.get('/assignments', handle((c, u) => c.json(service.assignments(u))))
  app.post('/assignments', handle(async (c, u) => c.json(service.addAssignment(u, await json(c)), 201)))
  app.delete('/assignments/:id', handle((c, u) => (service.deleteAssignment(u, param(c, 'id')), c.json({ ok: true }))))
  app.post('/absences', handle(async (c, u) => c.json(service.addAbsence(u, await json(c)), 201)))
  app.delete('/absences/:id', handle((c, u) => (service.deleteAbsence(u, param(c, 'id')), c.json({ ok: true }))))

  app.get('/payees', handle((c, u) => c.json({ payees: service.payees(u) })))
  app.put('/payees/:personId', handle(async (c, u) => c.json(service.savePayee(u, param(c, 'personId'), await json(c)))))

  app.get('/settings', handle((c, u) => c.json(service.settings(u))))
  app.put('/settings', handle(async (c, u) => c.json(service.saveSettings(u, await json(c)))))

  app.get('/claims', handle((c, u) => c.json({ claims: service.claims(u, c.req.query('status') || undefined) })))
  app.post('/claims/:id/decision', handle(async (c, u) => c.json(service.decideClaim(u, param(c, 'id'), await json(c)))))

  app.get('/runs', handle((c, u) => c.json({ runs: service.runs(u) })))
  app.post('/runs', handle(async (c, u) => c.json(await service.calculate(u, await json(c)), 201)))
  app.get('/runs/:id', handle((c, u) => c.json(service.run(u, param(c, 'id')))))
  app.post('/runs/:id/approve', handle((c, u) => c.json(service.approveRun(u, param(c, 'id')))))

  app.post('/payouts/preview', handle(async (c, u) => c.json(service.previewPayout(u, await json(c)))))
  app.get('/payouts', handle((c, u) => c.json({ payouts: service.payouts(u) })))
  app.post('/payouts', handle(async (c, u) => c.json(service.createPayout(u, await json(c)), 201)))
  app.get('/payouts/:id', handle((c, u) => c.json(service.payout(u, param(c, 'id')))))
  app.get(
    '/payouts/:id/pain001.xml',
    handle((c, u) => {
      const f = service.payoutFile(u, param(c, 'id'), 'xml')
      return download(c, f.bytes, f.name, f.mime)
    }),
  )
  app.get(
    '/payouts/:id/booking.csv',
    handle((c, u) => {
      const f = service.payoutFile(u, param(c, 'id'), 'csv')
      return download(c, f.bytes, f.name, f.mime)
    }),
  )
  app.post('/payouts/:id/cancel', handle((c, u) => c.json(service.cancelPayout(u, param(c, 'id')))))

  app.get('/tax/:year', handle((c, u) => c.json(service.taxSummary(u, year(c)))))
  app.get(
    '/tax/:year/report.csv',
    handle((c, u) => {
      const f = service.taxReportCsv(u, year(c))
      return download(c, f.bytes, f.name, 'text/csv; charset=utf-8')
    }),
  )

  return app
}
