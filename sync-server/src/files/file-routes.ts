/**
 * POST /api/files?doc=<documentId>  upload (writers of that document)
 * GET  /api/files/:sha256           download (readers of any document that references the blob)
 */
import { Hono } from 'hono'
import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayEnv } from '../http/context.ts'
import { BlobTooLargeError, isSha256, type BlobStore } from './blob-store.ts'
import type { BlobRegistry } from './blob-registry.ts'

export const ALLOWED_UPLOAD_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif'])

export interface FileRoutesDeps {
  store: BlobStore
  blobs: BlobRegistry
  registry: AccessRegistry
  audit: AuditLog
  maxUploadBytes: number
}

export function fileRoutes({ store, blobs, registry, audit, maxUploadBytes }: FileRoutesDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.post('/', async (c) => {
    const userId = c.get('userId')
    const documentId = c.req.query('doc') ?? ''
    if (!registry.canWrite(userId, documentId)) {
      audit.write('upload-denied', userId, documentId || null)
      return c.json({ error: 'Keine Berechtigung, Dateien zu diesem Dokument hochzuladen', code: 'forbidden' }, 403)
    }
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > maxUploadBytes) return tooLarge(c, maxUploadBytes)
    const body = c.req.raw.body
    if (!body) return c.json({ error: 'Leere Datei', code: 'empty' }, 400)
    let staged
    try {
      staged = await store.stage(body, maxUploadBytes)
    } catch (error) {
      if (error instanceof BlobTooLargeError) return tooLarge(c, maxUploadBytes)
      throw error
    }
    if (staged.size === 0) {
      await store.discard(staged)
      return c.json({ error: 'Leere Datei', code: 'empty' }, 400)
    }
    const type = await fileTypeFromBuffer(await store.head(staged, 4100))
    if (!type || !ALLOWED_UPLOAD_TYPES.has(type.mime)) {
      await store.discard(staged)
      return c.json(
        { error: 'Nur PDF-Dateien und Bilder (PNG, JPEG, WebP, GIF) können hochgeladen werden', code: 'unsupported-type' },
        415,
      )
    }
    await store.commit(staged)
    blobs.add(staged.sha256, staged.size, type.mime, userId)
    const name = c.req.header('x-file-name')
    blobs.addRef(staged.sha256, documentId, decodeFileName(name) ?? `${staged.sha256.slice(0, 12)}.${type.ext}`)
    audit.write('file-uploaded', userId, documentId, { sha256: staged.sha256, size: staged.size, mime: type.mime })
    return c.json({ sha256: staged.sha256, size: staged.size, mime: type.mime }, 201)
  })

  app.on(['GET', 'HEAD'], '/:sha256', async (c) => {
    const userId = c.get('userId')
    const sha256 = c.req.param('sha256')
    const notFound = () => c.json({ error: 'Datei nicht gefunden', code: 'not-found' }, 404)
    if (!isSha256(sha256)) return notFound()
    // 404 rather than 403: an outsider must not learn that the file exists.
    const ref = blobs.refs(sha256).find((r) => registry.canRead(userId, r.documentId))
    const meta = blobs.get(sha256)
    if (!ref || !meta || !(await store.exists(sha256))) return notFound()

    const etag = `"${sha256}"`
    const headers: Record<string, string> = {
      'Content-Type': meta.mime,
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Content-Disposition': contentDisposition(ref.displayName, c.req.query('download') === '1'),
      'X-Content-Type-Options': 'nosniff',
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)

    const size = meta.size
    const range = parseRange(c.req.header('range'), size)
    if (range === 'invalid') {
      return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` })
    }
    const status = range ? 206 : 200
    const length = range ? range.end - range.start + 1 : size
    headers['Content-Length'] = String(length)
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`
    if (c.req.method === 'HEAD') return c.body(null, status, headers)
    const stream = Readable.toWeb(store.read(sha256, range ?? undefined)) as ReadableStream<Uint8Array>
    return c.body(stream, status, headers)
  })

  return app
}

function tooLarge(c: { json: (body: unknown, status: 413) => Response }, limit: number): Response {
  return c.json({ error: `Die Datei ist größer als ${Math.round(limit / 1024 / 1024)} MB`, code: 'too-large' }, 413)
}

function decodeFileName(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value).replace(/[\\/\u0000-\u001f]/g, ' ').slice(0, 200)
  } catch {
    return undefined
  }
}

/** RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(name: string, attachment: boolean): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  return `${attachment ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** Single byte ranges only (what PDF viewers ask for); null = whole file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid'
  let start: number
  let end: number
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return 'invalid'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start > end || start >= size) return 'invalid'
  return { start, end }
}
