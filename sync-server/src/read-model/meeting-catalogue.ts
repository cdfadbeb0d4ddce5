/** Read model of meetings (projection of meeting documents) used by the manifest and the portal. */
import { formatLocation, type MeetingDoc } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'

export interface MeetingRow {
  id: string
  organizationId: string
  organizationName: string
  name: string
  start: string
  end: string | null
  state: string
  location: string | null
  publicDocId: string | null
  confidentialDocId: string | null
  locationId: string | null
  seriesId: string | null
  /** last release of the agenda (invitation or Nachtrag); null = not released */
  releasedAt: string | null
  /** released agenda versions (0 = never released) */
  agendaVersion: number
  /** the clerk closed the meeting (live.endedAt) */
  endedAt: string | null
}

export class MeetingCatalogue {
  constructor(private readonly db: RelayDatabase) {}

  upsertFromDoc(doc: MeetingDoc, publicDocId: string): void {
    const location = formatLocation(doc.location) || null
    const releases = (Array.isArray(doc.releases) ? doc.releases : []).filter((r) => r && typeof r.version === 'number' && typeof r.at === 'string')
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
    const last = releases.reduce<(typeof releases)[number] | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined)
    this.db
      .prepare(
        `INSERT INTO meetings (id, organization_id, name, start, end, state, location, public_doc_id, location_id, series_id, released_at, agenda_version, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name, start = excluded.start,
           end = excluded.end, state = excluded.state, location = excluded.location, public_doc_id = excluded.public_doc_id,
           location_id = excluded.location_id, series_id = excluded.series_id, released_at = excluded.released_at,
           agenda_version = excluded.agenda_version, ended_at = excluded.ended_at`,
      )
      .run(
        doc.id,
        doc.organization.id,
        doc.name,
        doc.start,
        doc.end ?? null,
        doc.state,
        location,
        publicDocId,
        str(doc.locationId),
        str(doc.seriesId),
        last?.at ?? null,
        last?.version ?? 0,
        str(doc.live?.endedAt),
      )
  }

  setConfidentialDoc(meetingId: string, documentId: string): void {
    this.db.prepare('UPDATE meetings SET confidential_doc_id = ? WHERE id = ?').run(documentId, meetingId)
  }

  get(meetingId: string): MeetingRow | undefined {
    return this.all([meetingId])[0]
  }

  /** Meetings by id (all when ids is undefined). */
  all(ids?: string[]): MeetingRow[] {
    const base = `SELECT m.*, o.name AS organization_name FROM meetings m JOIN organizations o ON o.id = m.organization_id`
    const rows = (
      ids ? this.db.prepare(`${base} WHERE m.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) : this.db.prepare(base).all()
    ) as {
      id: string
      organization_id: string
      organization_name: string
      name: string
      start: string
      end: string | null
      state: string
      location: string | null
      public_doc_id: string | null
      confidential_doc_id: string | null
      location_id: string | null
      series_id: string | null
      released_at: string | null
      agenda_version: number | null
      ended_at: string | null
    }[]
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      name: r.name,
      start: r.start,
      end: r.end,
      state: r.state,
      location: r.location,
      publicDocId: r.public_doc_id,
      confidentialDocId: r.confidential_doc_id,
      locationId: r.location_id ?? null,
      seriesId: r.series_id ?? null,
      releasedAt: r.released_at ?? null,
      agendaVersion: r.agenda_version ?? 0,
      endedAt: r.ended_at ?? null,
    }))
  }
}
