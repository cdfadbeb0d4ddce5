/**
 * The body's structure over HTTP (docs/API.md, "Structure"):
 *
 *   /api/admin/structure/...          clerk and admin: list, create (POST), change (PATCH) terms,
 *                                     organizations (bodies and factions), departments, persons
 *                                     (+ portrait upload), memberships
 *   GET /api/structure/organizations  any signed-in user (the paper editor's Beratungsfolge picker)
 *   GET /api/structure/departments    staff (author, approver, clerk, admin)
 *   GET /api/structure/persons/:id/portrait  any signed-in user
 *
 * Writes pass the API's Origin check (relay.ts) before they reach this sub-app. A membership that
 * is created or whose dates change tells the access registry, which closes the person's sync
 * sockets (4401) so their devices fetch a new manifest. Ending a membership keeps its own endpoint,
 * `POST /api/admin/memberships/:id/end` (admin-routes.ts), the foundation's revocation path.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import { DEFAULT_BODY_SETTINGS, MAX_PORTRAIT_BYTES, PORTRAIT_TYPES, type OrganizationType, type Role } from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { SessionStore } from '../auth/session-store.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import { BlobTooLargeError, type BlobStore } from '../files/blob-store.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'
import { requireUser, type RelayEnv } from '../http/context.ts'
import { StructureError, StructureStore } from './structure-store.ts'

export interface StructureRoutesDeps {
  db: RelayDatabase
  users: UserStore
  sessions: SessionStore
  registry: AccessRegistry
  audit: AuditLog
  blobs: BlobRegistry
  blobStore: BlobStore
  /** portrait upload limit in bytes (default 2 MiB) */
  maxPortraitBytes?: number
}

const MAX_JSON_BYTES = 64 * 1024

const OFFICE: readonly Role[] = ['clerk', 'admin']
const STAFF: readonly Role[] = ['author', 'approver', 'clerk', 'admin']

type AppContext = Context<RelayEnv>

export function structureRoutes(deps: StructureRoutesDeps): Hono<RelayEnv> {
  const { users, sessions, registry, audit, blobs, blobStore } = deps
  const maxPortraitBytes = deps.maxPortraitBytes ?? MAX_PORTRAIT_BYTES
  const store = new StructureStore(deps.db)
  const app = new Hono<RelayEnv>()

  const requireRoles =
    (allowed: readonly Role[], what: string): MiddlewareHandler<RelayEnv> =>
    async (c, next) => {
      const userId = c.get('userId')
      if (!users.roles(userId).some((r) => allowed.includes(r))) {
        audit.write('structure-denied', userId, `${c.req.method} ${c.req.path}`)
        return c.json({ error: what, code: 'forbidden' }, 403)
      }
      await next()
    }

  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: (c) => c.json({ error: 'Die Anfrage ist zu groß', code: 'too-large' }, 413),
  })

  app.use('/structure/*', requireUser(sessions))
  app.use('/admin/structure/*', requireUser(sessions), requireRoles(OFFICE, 'Nur für Verwaltung und Sitzungsdienst'))
  app.use('/admin/structure/*', async (c, next) => (c.req.path.endsWith('/portrait') ? next() : jsonLimit(c, next)))

  /**
   * Runs a store write and answers `{<entity>: result}`, or the refusal (the store changed nothing).
   * The audit entry names the fields sent, not their values: the audit log holds no personal data.
   */
  async function write<T extends { id: string }>(
    c: AppContext,
    entity: 'term' | 'organization' | 'department' | 'person' | 'membership',
    op: 'created' | 'changed',
    run: (body: Record<string, unknown>) => T,
    after?: (result: T) => void,
  ): Promise<Response> {
    const body = await readJson(c)
    if (body instanceof Response) return body
    let result: T
    try {
      result = run(body)
    } catch (error) {
      if (error instanceof StructureError) return refusal(c, error)
      throw error
    }
    audit.write(`structure-${entity}-${op}`, c.get('userId'), result.id, { fields: Object.keys(body) })
    after?.(result)
    return c.json({ [entity]: result }, op === 'created' ? 201 : 200)
  }

  const id = (c: AppContext) => c.req.param('id') ?? ''

  // --- legislative terms ---------------------------------------------------------------------

  app.get('/admin/structure/terms', (c) => c.json({ terms: store.listTerms() }))
  app.post('/admin/structure/terms', (c) => write(c, 'term', 'created', (body) => store.createTerm(body)))
  app.patch('/admin/structure/terms/:id', (c) => write(c, 'term', 'changed', (body) => store.updateTerm(id(c), body)))

  // --- organizations (bodies and factions) ---------------------------------------------------

  app.get('/admin/structure/organizations', (c) => {
    const type = c.req.query('type')
    const organizationType: OrganizationType | undefined = type === 'Gremium' || type === 'Fraktion' ? type : undefined
    return c.json({ organizations: store.listOrganizations({ organizationType }), defaultSettings: DEFAULT_BODY_SETTINGS })
  })
  app.post('/admin/structure/organizations', (c) => write(c, 'organization', 'created', (body) => store.createOrganization(body)))
  app.patch('/admin/structure/organizations/:id', (c) => write(c, 'organization', 'changed', (body) => store.updateOrganization(id(c), body)))

  // --- departments ---------------------------------------------------------------------------

  app.get('/admin/structure/departments', (c) => c.json({ departments: store.listDepartments() }))
  app.post('/admin/structure/departments', (c) => write(c, 'department', 'created', (body) => store.createDepartment(body)))
  app.patch('/admin/structure/departments/:id', (c) => write(c, 'department', 'changed', (body) => store.updateDepartment(id(c), body)))

  // --- persons -------------------------------------------------------------------------------

  app.get('/admin/structure/persons', (c) => c.json({ persons: store.listPersons() }))
  app.post('/admin/structure/persons', (c) => write(c, 'person', 'created', (body) => store.createPerson(body)))
  app.patch('/admin/structure/persons/:id', (c) => write(c, 'person', 'changed', (body) => store.updatePerson(id(c), body)))

  app.put('/admin/structure/persons/:id/portrait', async (c) => {
    const userId = c.get('userId')
    if (!store.getPerson(id(c))) return c.json({ error: 'Person nicht gefunden', errorEn: 'Person not found', code: 'not-found' }, 404)
    const tooLarge = () =>
      c.json(
        {
          error: `Das Bild ist größer als ${formatMegabytes(maxPortraitBytes)} MB`,
          errorEn: `The image is larger than ${formatMegabytes(maxPortraitBytes)} MB`,
          code: 'too-large',
        },
        413,
      )
    if (Number(c.req.header('content-length') ?? '0') > maxPortraitBytes) return tooLarge()
    const raw = c.req.raw.body
    if (!raw) return c.json({ error: 'Leere Datei', errorEn: 'Empty file', code: 'empty' }, 400)
    let staged
    try {
      staged = await blobStore.stage(raw, maxPortraitBytes)
    } catch (error) {
      if (error instanceof BlobTooLargeError) return tooLarge()
      throw error
    }
    if (staged.size === 0) {
      await blobStore.discard(staged)
      return c.json({ error: 'Leere Datei', errorEn: 'Empty file', code: 'empty' }, 400)
    }
    const type = await fileTypeFromBuffer(await blobStore.head(staged, 4100))
    if (!type || !PORTRAIT_TYPES.includes(type.mime)) {
      await blobStore.discard(staged)
      return c.json(
        { error: 'Als Porträt sind nur JPEG-, PNG- oder WebP-Bilder möglich', errorEn: 'Portraits must be JPEG, PNG or WebP images', code: 'unsupported-type' },
        415,
      )
    }
    await blobStore.commit(staged)
    blobs.add(staged.sha256, staged.size, type.mime, userId)
    const person = store.setPortrait(id(c), staged.sha256)
    audit.write('structure-portrait-set', userId, person.id, { sha256: staged.sha256, size: staged.size, mime: type.mime })
    return c.json({ person })
  })

  app.delete('/admin/structure/persons/:id/portrait', (c) => {
    if (!store.getPerson(id(c))) return c.json({ error: 'Person nicht gefunden', errorEn: 'Person not found', code: 'not-found' }, 404)
    const person = store.setPortrait(id(c), null)
    audit.write('structure-portrait-removed', c.get('userId'), person.id)
    return c.json({ person })
  })

  // --- memberships ---------------------------------------------------------------------------

  app.get('/admin/structure/memberships', (c) =>
    c.json({
      memberships: store.listMemberships({
        organizationId: c.req.query('organization') || undefined,
        personId: c.req.query('person') || undefined,
        current: c.req.query('current') === '1',
      }),
    }),
  )

  // A new seat grants access from its start date, changed dates move access: the registry drops
  // the person's cached principals and closes their sockets, their devices refetch the manifest.
  app.post('/admin/structure/memberships', (c) =>
    write(c, 'membership', 'created', (body) => store.createMembership(body), (m) => registry.invalidateUsers(store.usersOfPerson(m.personId))),
  )
  app.patch('/admin/structure/memberships/:id', (c) => {
    const before = store.getMembership(id(c))
    return write(
      c,
      'membership',
      'changed',
      (body) => store.updateMembership(id(c), body),
      (m) => {
        if (before?.startDate !== m.startDate || before?.endDate !== m.endDate) registry.invalidateUsers(store.usersOfPerson(m.personId))
      },
    )
  })

  // --- read-only lists for everyone who needs them -------------------------------------------

  app.get('/structure/organizations', (c) =>
    c.json({
      organizations: store.listOrganizations().map(({ id, name, shortName, organizationType, classification, startDate, endDate }) => ({
        id,
        name,
        shortName,
        organizationType,
        classification,
        startDate,
        endDate,
      })),
    }),
  )

  app.get('/structure/departments', requireRoles(STAFF, 'Nur für Beschäftigte der Verwaltung'), (c) =>
    c.json({ departments: store.listDepartments() }),
  )

  app.get('/structure/persons/:id/portrait', async (c) => {
    const sha256 = store.portraitOf(c.req.param('id'))
    const meta = sha256 ? blobs.get(sha256) : undefined
    if (!sha256 || !meta || !PORTRAIT_TYPES.includes(meta.mime) || !(await blobStore.exists(sha256))) {
      return c.json({ error: 'Kein Porträt vorhanden', errorEn: 'No portrait', code: 'not-found' }, 404)
    }
    const etag = `"${sha256}"`
    const headers: Record<string, string> = {
      'Content-Type': meta.mime,
      ETag: etag,
      // the URL stays when the portrait changes: revalidate, the ETag makes that cheap
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
    headers['Content-Length'] = String(meta.size)
    return c.body(Readable.toWeb(blobStore.read(sha256)) as ReadableStream<Uint8Array>, 200, headers)
  })

  return app
}

/** The request's JSON body, or a 400 answer saying what was expected. */
async function readJson(c: AppContext): Promise<Record<string, unknown> | Response> {
  const body: unknown = await c.req.json().catch(() => undefined)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return c.json(
      { error: 'Ungültige Anfrage: ein JSON-Objekt wird erwartet', errorEn: 'Bad request: a JSON object is expected', code: 'bad-request' },
      400,
    )
  }
  return body as Record<string, unknown>
}

function refusal(c: AppContext, error: StructureError): Response {
  const status = error.code === 'not-found' ? 404 : error.code === 'conflict' ? 409 : 400
  return c.json(
    {
      error: error.messageDe,
      errorEn: error.message,
      code: error.code === 'invalid' ? 'bad-request' : error.code,
      ...(error.field ? { field: error.field } : {}),
    },
    status,
  )
}

const formatMegabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })
