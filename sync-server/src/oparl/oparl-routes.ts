/**
 * The OParl 1.1 API at `/oparl/v1` (mounted at `/oparl`): System, the Body with its external
 * lists, every object at its own URL, and the bytes of public files. Reads only the public model
 * (PublicReader) and, for file bytes, the blob store, and only for files the model calls public.
 * Anonymous, read-only, CORS open to every origin; JSON with ETag (304 on If-None-Match),
 * compressed. Layout and rules: docs/OPARL.md.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import { cors } from 'hono/cors'
import type { BlobStore } from '../files/blob-store.ts'
import type { PublicReader } from '../public/public-model.ts'
import { FileChecksums } from './file-checksums.ts'
import { OparlIndex } from './oparl-index.ts'
import { listPage, OparlQueryError, parseListQuery } from './oparl-list.ts'
import { omitInternal, OparlSerializer, type OparlObject } from './oparl-serializer.ts'
import { BODY_LISTS, kindOfSegment, OPARL_PREFIX, OPARL_SCHEMA_BASE, ORGANIZATION_LISTS, OparlUrls, type OparlKind } from './oparl-urls.ts'

export interface OparlDeps {
  publisher: PublicReader
  /** bytes of public files (downloadUrl, sha512Checksum) */
  blobStore: BlobStore
  /** public origin (PUBLIC_URL): every `id` is an absolute URL below it */
  publicUrl: string
  /** licence URL of the published data (OPARL_LICENSE); null: not stated */
  license: string | null
}

const JSON_TYPE = 'application/json; charset=utf-8'
const ERROR_TYPE = `${OPARL_SCHEMA_BASE}Error`

/** OParl's error object (Ausnahmebehandlung) */
function oparlError(c: Context, status: 400 | 404 | 500, message: string, debug?: string) {
  return c.body(JSON.stringify({ type: ERROR_TYPE, message, ...(debug ? { debug } : {}) }), status, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' })
}

/** JSON with a strong ETag (the compression turns it weak); 304 when the client has it */
function json(c: Context, value: unknown) {
  const body = JSON.stringify(value)
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
  const headers = { ETag: etag, 'Cache-Control': 'public, no-cache' }
  const ifNoneMatch = c.req.header('If-None-Match')
  if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))) {
    return c.body(null, 304, headers)
  }
  return c.body(body, 200, { ...headers, 'Content-Type': JSON_TYPE })
}

/** RFC 6266 filename parameters: an ASCII fallback and the UTF-8 name */
function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'dokument'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export function oparlRoutes(deps: OparlDeps): Hono {
  const app = new Hono()
  const reader = deps.publisher
  const urls = new OparlUrls(deps.publicUrl)
  const index = new OparlIndex(reader)
  const checksums = new FileChecksums(deps.blobStore)

  /**
   * Renders with the checksums of the files involved: a first pass notes the ones not computed
   * yet, they are computed from the blob store, and the second pass has them all.
   */
  async function render<T>(build: (serializer: OparlSerializer) => T): Promise<T> {
    const missing = new Set<string>()
    const first = build(
      new OparlSerializer(reader, index, urls, {
        license: deps.license,
        checksum: (sha256) => {
          const known = checksums.peek(sha256)
          if (known === undefined) missing.add(sha256)
          return known ?? undefined
        },
      }),
    )
    if (!missing.size) return first
    await checksums.compute(missing)
    return build(new OparlSerializer(reader, index, urls, { license: deps.license, checksum: (sha256) => checksums.peek(sha256) ?? undefined }))
  }

  /** one page of an external list of `kind`, restricted to `ids` when given */
  async function list(c: Context, kind: OparlKind, listUrl: string, ids?: ReadonlySet<string>) {
    let query
    try {
      query = parseListQuery(new URL(c.req.url).searchParams)
    } catch (error) {
      if (error instanceof OparlQueryError) return oparlError(c, 400, error.message)
      throw error
    }
    const entries = ids ? index.entries(kind).filter((e) => ids.has(e.id)) : index.entries(kind)
    const page = listPage(entries, query, listUrl)
    if (!page) return oparlError(c, 404, 'Diese Listenseite gibt es nicht.', `page ${query.page} is past the last page`)
    const data = await render((s) =>
      page.entries
        .map((e) => s.object(kind, e.id))
        .filter((o): o is OparlObject => o !== undefined)
        .map((o) => (query.omitInternal ? omitInternal(o) : o)),
    )
    return json(c, { data, pagination: page.pagination, links: page.links })
  }

  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'], maxAge: 86400 }))
  app.use('*', compress())

  // the OParl endpoint is the System object
  for (const path of ['/', '/v1', '/v1/']) app.get(path, (c) => c.redirect(urls.system(), 302))

  app.get('/v1/system', async (c) => json(c, await render((s) => s.system())))

  app.get('/v1/body', (c) => list(c, 'body', urls.bodies()))

  app.get('/v1/body/:bodyId/:list', (c) => {
    const bodyId = c.req.param('bodyId')
    const kind = kindOfSegment(c.req.param('list'))
    if (!reader.get('body', bodyId) || !kind || !(Object.values(BODY_LISTS) as OparlKind[]).includes(kind)) return oparlError(c, 404, 'Diese Liste gibt es nicht.')
    return list(c, kind, urls.bodyList(bodyId, kind))
  })

  // external lists of an organization: its meetings and the consultations in it (live objects only:
  // a tombstone no longer says which organization it belonged to)
  app.get('/v1/organization/:id/:list', (c) => {
    const organizationId = c.req.param('id')
    const kind = kindOfSegment(c.req.param('list'))
    if (!reader.get('organization', organizationId) || !kind || !(Object.values(ORGANIZATION_LISTS) as OparlKind[]).includes(kind)) {
      return oparlError(c, 404, 'Diese Liste gibt es nicht.')
    }
    const ids = kind === 'meeting' ? index.meetingsOfOrganization(organizationId) : index.consultationsOfOrganization(organizationId)
    return list(c, kind, urls.organizationList(organizationId, kind), new Set(ids))
  })

  app.get('/v1/file/:sha256/download', async (c) => {
    const sha256 = c.req.param('sha256')
    const file = reader.get('file', sha256)
    if (!file || !(await deps.blobStore.exists(sha256))) return oparlError(c, 404, 'Diese Datei gibt es nicht oder sie ist nicht öffentlich.')
    const size = await deps.blobStore.size(sha256)
    const headers = {
      'Content-Type': file.mime || 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(file.fileName),
      ETag: `"${sha256}"`,
      'Cache-Control': 'public, no-cache',
    }
    if (c.req.header('If-None-Match')?.includes(`"${sha256}"`)) return c.body(null, 304, { ETag: headers.ETag, 'Cache-Control': headers['Cache-Control'] })
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    return c.body(Readable.toWeb(deps.blobStore.read(sha256)) as ReadableStream<Uint8Array>, 200, headers)
  })

  app.get('/v1/:segment/:id', async (c) => {
    const kind = kindOfSegment(c.req.param('segment'))
    const id = c.req.param('id')
    const object = kind ? await render((s) => s.object(kind, id)) : undefined
    if (!object) return oparlError(c, 404, 'Dieses Objekt gibt es nicht.')
    return json(c, object)
  })

  app.all('*', (c) => oparlError(c, 404, 'Unbekannter Endpunkt der OParl-Schnittstelle.', `see ${OPARL_PREFIX}/system`))

  app.onError((error, c) => {
    console.error(`[oparl] ${c.req.method} ${new URL(c.req.url).pathname}: ${error instanceof Error ? error.message : String(error)}`)
    return oparlError(c, 500, 'Interner Fehler – bitte erneut versuchen.')
  })

  return app
}
