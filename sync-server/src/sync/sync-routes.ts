/** GET /api/sync/manifest and POST /api/documents (registering a client-created personal document). */
import { Hono } from 'hono'
import { isValidAutomergeUrl, parseAutomergeUrl, type AutomergeUrl } from '@automerge/automerge-repo'
import { defaultAccess, type ManifestEntry } from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayEnv } from '../http/context.ts'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'

export interface SyncRoutesDeps {
  registry: AccessRegistry
  meetings: MeetingCatalogue
  audit: AuditLog
  /** a personal document was registered: let the relay fetch it from the owner's devices */
  onRegistered?: (documentId: string) => void
}

export function buildManifest(registry: AccessRegistry, meetings: MeetingCatalogue, userId: string): ManifestEntry[] {
  const readable = registry.readable(userId)
  const meetingIds = [...new Set(readable.filter((r) => r.entry.type === 'meeting' && r.entry.meetingId).map((r) => r.entry.meetingId!))]
  const rows = new Map(meetings.all(meetingIds).map((m) => [m.id, m]))
  return readable
    .map(({ entry, access }): ManifestEntry => {
      const item: ManifestEntry = { url: `automerge:${entry.documentId}`, type: entry.type, access }
      if (entry.meetingId) item.meeting = entry.meetingId
      const row = entry.type === 'meeting' && entry.meetingId ? rows.get(entry.meetingId) : undefined
      if (row) {
        item.meta = {
          name: row.name,
          start: row.start,
          state: row.state,
          organizationId: row.organizationId,
          organizationName: row.organizationName,
          ...(row.end ? { end: row.end } : {}),
          ...(row.location ? { location: row.location } : {}),
        }
      }
      return item
    })
    .sort((a, b) => (a.meta?.start ?? '').localeCompare(b.meta?.start ?? '') || a.url.localeCompare(b.url))
}

export function syncRoutes({ registry, meetings, audit, onRegistered }: SyncRoutesDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.get('/sync/manifest', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ documents: buildManifest(registry, meetings, c.get('userId')), serverTime: new Date().toISOString() })
  })

  app.post('/documents', async (c) => {
    const userId = c.get('userId')
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null
    const url = body?.url
    const meetingId = body?.meetingId
    if (body?.type !== 'notes' || typeof url !== 'string' || !isValidAutomergeUrl(url) || typeof meetingId !== 'string') {
      return c.json({ error: 'Ungültige Anfrage: erwartet {url, type: "notes", meetingId}', code: 'bad-request' }, 400)
    }
    const meeting = meetings.get(meetingId)
    if (!meeting?.publicDocId || !registry.canRead(userId, meeting.publicDocId)) {
      return c.json({ error: 'Sitzung nicht gefunden', code: 'not-found' }, 404)
    }
    const existing = registry.personalDocument('notes', meetingId, userId)
    if (existing) {
      const existingUrl = `automerge:${existing.documentId}`
      return c.json({ url: existingUrl, existing: existingUrl !== url }, 200)
    }
    const { documentId } = parseAutomergeUrl(url as AutomergeUrl)
    if (registry.get(documentId)) {
      audit.write('register-denied', userId, documentId, { reason: 'taken' })
      return c.json({ error: 'Dokument ist bereits vergeben', code: 'conflict' }, 409)
    }
    registry.register({ documentId, type: 'notes', meetingId, ownerId: userId, ...defaultAccess('notes', { ownerId: userId }) })
    audit.write('document-registered', userId, documentId, { type: 'notes', meetingId })
    onRegistered?.(documentId)
    return c.json({ url, existing: false }, 201)
  })

  return app
}
