/**
 * Downloads of the portal: a public file under a meaningful name, the ZIP of all public documents
 * of a meeting, and portraits of persons who consented. Bytes come from the blob store, and only
 * for what the public model lists: a file is public iff `reader.get('file', sha256)` is defined, a
 * portrait iff its person is public.
 */
import { Readable } from 'node:stream'
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { fileTypeFromBuffer } from 'file-type'
import { extensionFor, safeFileName } from '@ratstisch/domain'
import type { BlobStore } from '../files/blob-store.ts'
import type { PublicMeeting, PublicReader } from '../public/public-model.ts'
import { berlinDate } from './portal-format.ts'
import type { PortalData } from './portal-data.ts'
import { matchesEtag } from './page-cache.ts'
import { meetingDocuments } from './meeting-pages.ts'
import { uniqueName, zipLength, zipNameComponent, zipStream, type ZipEntry } from './zip-writer.ts'

export interface DownloadDeps {
  reader: PublicReader
  blobStore: BlobStore
  data: () => PortalData
  /** the themed 404 page */
  notFound: (c: Context, heading: string, detail: string) => Response | Promise<Response>
}

const IMMUTABLE = 'public, max-age=31536000, immutable'
/** types a browser may show inline; everything else is a download (an uploaded HTML file never runs on our origin) */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'])
const PORTRAIT_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
const SHA256 = /^[0-9a-f]{64}$/

const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' }

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 name for every current browser. */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .replace(/[äöüÄÖÜß]/g, (ch) => TRANSLITERATION[ch])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** The name from the URL, cleaned, with the extension the file's type calls for. */
export function downloadName(requested: string, fallback: string, mime: string): string {
  let name = safeFileName(requested.replace(/^\.+/, '')) || fallback
  const ext = extensionFor(mime)
  if (ext && !name.toLowerCase().endsWith(ext)) name = `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}${ext}`
  return name
}

const nodeToWeb = (stream: Readable) => Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>

function iterableToStream(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = iterable[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await it.next()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (error) {
        console.error(`[portal] ZIP aborted: ${error instanceof Error ? error.message : String(error)}`)
        controller.error(error)
      }
    },
    async cancel() {
      await it.return?.()
    },
  })
}

export function downloadRoutes(deps: DownloadDeps): Hono {
  const app = new Hono()
  /** CRC-32 per blob: a blob never changes under its sha256 */
  const crcs = new Map<string, number>()
  const crcOf = async (sha256: string): Promise<number> => {
    const known = crcs.get(sha256)
    if (known !== undefined) return known
    let crc = 0
    for await (const chunk of deps.blobStore.read(sha256)) crc = crc32(chunk as Buffer, crc)
    crcs.set(sha256, crc)
    return crc
  }

  app.get('/dokumente/:sha256/:fileName', async (c) => {
    const sha256 = c.req.param('sha256')
    const file = SHA256.test(sha256) ? deps.reader.get('file', sha256) : undefined
    const missing = () => deps.notFound(c, 'Dokument nicht gefunden', 'Dieses Dokument gibt es nicht oder es ist nicht öffentlich.')
    if (!file) return missing()
    let size: number
    try {
      size = await deps.blobStore.size(sha256)
    } catch {
      return missing()
    }
    const etag = `"${sha256}"`
    const type = INLINE_TYPES.has(file.mime) ? file.mime : file.mime === 'application/octet-stream' || !/^[\w.+-]+\/[\w.+-]+$/.test(file.mime) ? 'application/octet-stream' : file.mime
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': IMMUTABLE,
      'Content-Type': type,
      'Content-Disposition': contentDisposition(INLINE_TYPES.has(file.mime) ? 'inline' : 'attachment', downloadName(c.req.param('fileName'), file.fileName, file.mime)),
      'X-Content-Type-Options': 'nosniff',
    }
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
    headers['Content-Length'] = String(size)
    return new Response(c.req.method === 'HEAD' ? null : nodeToWeb(deps.blobStore.read(sha256)), { status: 200, headers })
  })

  app.get('/sitzungen/:meetingId/dokumente.zip', async (c) => {
    const meeting = deps.reader.get('meeting', c.req.param('meetingId'))
    if (!meeting) return deps.notFound(c, 'Sitzung nicht gefunden', 'Diese Sitzung gibt es nicht oder sie ist (noch) nicht veröffentlicht.')
    const planned = zipPlan(deps.data(), meeting)
    if (!planned.length) return deps.notFound(c, 'Keine Dokumente', 'Zu dieser Sitzung sind keine Dokumente veröffentlicht.')
    const etag = `"zip-${createHash('sha1')
      .update(planned.map((p) => `${p.name}\u0000${p.sha256}`).join('\n'))
      .digest('base64url')}"`
    const zipName = `${berlinDate(meeting.start)} ${meeting.organizationShortName || meeting.organizationName} - Sitzungsunterlagen.zip`
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': 'public, max-age=60',
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition('attachment', safeFileName(zipName)),
    }
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
    const entries: ZipEntry[] = []
    for (const p of planned) {
      // a public file whose bytes are not (yet) on this relay is left out rather than breaking the archive
      let size: number
      try {
        size = await deps.blobStore.size(p.sha256)
      } catch {
        continue
      }
      entries.push({ name: p.name, size, crc32: await crcOf(p.sha256), modified: new Date(meeting.start), open: () => deps.blobStore.read(p.sha256) })
    }
    headers['Content-Length'] = String(zipLength(entries))
    return new Response(c.req.method === 'HEAD' ? null : iterableToStream(zipStream(entries)), { status: 200, headers })
  })

  app.get('/personen/:personId/bild', async (c) => {
    const person = deps.reader.get('person', c.req.param('personId'))
    const missing = () => deps.notFound(c, 'Bild nicht gefunden', 'Zu dieser Person ist kein Bild veröffentlicht.')
    const sha256 = person?.portraitSha256
    if (!sha256 || !SHA256.test(sha256)) return missing()
    let size: number
    let type: string | undefined
    try {
      size = await deps.blobStore.size(sha256)
      const head: Buffer[] = []
      for await (const chunk of deps.blobStore.read(sha256, { start: 0, end: Math.min(size, 4100) - 1 })) head.push(chunk as Buffer)
      type = (await fileTypeFromBuffer(Buffer.concat(head)))?.mime
    } catch {
      return missing()
    }
    if (!type || !PORTRAIT_TYPES.has(type)) return missing()
    const etag = `"${sha256}"`
    const headers: Record<string, string> = {
      ETag: etag,
      // the same URL shows a new portrait when the person changes it: revalidate after an hour
      'Cache-Control': 'public, max-age=3600',
      'Content-Type': type,
      'Content-Disposition': contentDisposition('inline', `${safeFileName(person.name)}${extensionFor(type)}`),
    }
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
    headers['Content-Length'] = String(size)
    return new Response(c.req.method === 'HEAD' ? null : nodeToWeb(deps.blobStore.read(sha256)), { status: 200, headers })
  })

  return app
}

/** the archive's entries: meeting documents at the top, a folder per agenda item */
export function zipPlan(data: PortalData, meeting: PublicMeeting): Array<{ name: string; sha256: string }> {
  const docs = meetingDocuments(data, meeting)
  const taken = new Set<string>()
  const plan: Array<{ name: string; sha256: string }> = []
  for (const { zipName, file } of docs.meetingFiles) plan.push({ name: uniqueName(`${zipNameComponent(zipName)}${extensionFor(file.mime)}`, taken), sha256: file.sha256 })
  for (const { item, files } of docs.items) {
    const folder = zipNameComponent(`${item.number} ${item.title}`, 80)
    for (const file of files) {
      const own = zipNameComponent(file.name, 100)
      const ext = extensionFor(file.mime)
      plan.push({ name: uniqueName(`${folder}/${ext && !own.toLowerCase().endsWith(ext) ? `${own}${ext}` : own}`, taken), sha256: file.sha256 })
    }
  }
  return plan
}
