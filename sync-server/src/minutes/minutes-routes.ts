/**
 * Minutes API: which minutes of a meeting the user may read (with their state), and the minutes
 * PDF (same access as the document; 404 for everyone else, so outsiders learn nothing).
 */
import type { DocumentId } from '@automerge/automerge-repo'
// namespace imports: the relay must start even while a module is mid-change in a checkout
// (a missing named export would fail at link time and take every route down with it)
import * as domain from '@ratstisch/domain'
import type { MeetingDoc, MinutesDoc } from '@ratstisch/domain'
import * as paperPdf from '@ratstisch/paper-pdf'
import type { PdfFonts } from '@ratstisch/paper-pdf'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-node'
import { Hono } from 'hono'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { SessionStore } from '../auth/session-store.ts'
import { requireUser, type RelayEnv } from '../http/context.ts'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'
import type { MinutesService } from './minutes-service.ts'

export interface MinutesInfo {
  documentId: string
  url: string
  part: 'public' | 'confidential'
  state: string
  approvedAt: string | null
  /** the user may edit the draft's section texts (office) */
  canEdit: boolean
  pdfUrl: string
}

export function minutesRoutes(deps: {
  minutes: MinutesService
  registry: AccessRegistry
  sessions: SessionStore
  meetings: MeetingCatalogue
  relayRepo: RelayRepo
  townName: () => string
}): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  const auth = requireUser(deps.sessions)
  let fonts: Promise<PdfFonts> | undefined
  const notFound = { error: 'Niederschrift nicht gefunden', code: 'not-found' }

  app.get('/meetings/:id/minutes', auth, (c) => {
    const userId = c.get('userId')
    const meetingId = c.req.param('id')
    const row = deps.meetings.get(meetingId)
    // a meeting the user cannot see at all answers like an unknown one
    const visible = row && [row.publicDocId, row.confidentialDocId].some((id) => id && deps.registry.canRead(userId, id))
    if (!row || !visible) return c.json({ error: 'Sitzung nicht gefunden', code: 'not-found' }, 404)
    const minutes: MinutesInfo[] = deps.minutes
      .rows(meetingId)
      .filter((r) => deps.registry.canRead(userId, r.documentId))
      .map((r) => ({
        documentId: r.documentId,
        url: `automerge:${r.documentId}`,
        part: r.part,
        state: r.state,
        approvedAt: r.approvedAt,
        canEdit: deps.registry.canWrite(userId, r.documentId),
        pdfUrl: `/api/minutes/${encodeURIComponent(r.documentId)}/pdf`,
      }))
    return c.json({ minutes })
  })

  app.get('/minutes/:documentId/pdf', auth, async (c) => {
    const userId = c.get('userId')
    const documentId = c.req.param('documentId')
    const entry = deps.registry.get(documentId)
    if (!entry || entry.type !== 'minutes' || !deps.registry.canRead(userId, documentId)) return c.json(notFound, 404)
    const minutes = (await deps.relayRepo.handle<MinutesDoc>(documentId as DocumentId)).doc()
    const row = deps.meetings.get(minutes?.meetingId ?? '')
    if (!minutes || !row?.publicDocId) return c.json(notFound, 404)
    const meeting = (await deps.relayRepo.handle<MeetingDoc>(row.publicDocId as DocumentId)).doc()
    fonts ??= loadPdfFonts()
    const date = domain.deriveMinutes(minutes.events ?? []).approval?.at ?? new Date().toISOString()
    const bytes = await paperPdf.renderMinutesPdf(minutes, meeting, { townName: deps.townName(), organizationName: row.organizationName, date: date.slice(0, 10) }, await fonts)
    const fileName = paperPdf.meetingPdfFileName(meeting, 'minutes', minutes.part)
    c.header('Content-Type', 'application/pdf')
    c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    c.header('Cache-Control', 'private, no-cache')
    return c.body(bytes as Uint8Array<ArrayBuffer>)
  })

  return app
}
