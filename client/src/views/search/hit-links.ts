/**
 * Where a search hit leads. A page of a PDF opens the reader at that page with the query to find
 * there; agenda items and papers open the meeting that presents them (always on the device when the
 * hit came from a meeting available offline); a paper also offers its own view.
 */
import { hrefFor } from '../../app/routes.ts'
import type { SearchHit } from '@ratstisch/search'

export function hitHref(hit: SearchHit, query: string): string | undefined {
  const q = query.trim() || undefined
  if (hit.kind === 'file' && hit.file && hit.meeting) {
    return hrefFor({ name: 'file', meetingId: hit.meeting.id, sha256: hit.file.sha256, page: hit.file.page, ...(q ? { q } : {}) })
  }
  if (hit.meeting) return hrefFor({ name: 'meeting', meetingId: hit.meeting.id })
  if (hit.paper) return hrefFor({ name: 'paper', paperId: hit.paper.id })
  return undefined
}

export function pageHref(hit: SearchHit, page: number, query: string): string | undefined {
  if (!hit.file || !hit.meeting) return undefined
  const q = query.trim()
  return hrefFor({ name: 'file', meetingId: hit.meeting.id, sha256: hit.file.sha256, page, ...(q ? { q } : {}) })
}

/** Another version of the hit's file, opened with the same query (its pages differ, so no page). */
export function versionHref(hit: SearchHit, sha256: string, query: string): string | undefined {
  if (!hit.meeting) return undefined
  const q = query.trim()
  return hrefFor({ name: 'file', meetingId: hit.meeting.id, sha256, ...(q ? { q } : {}) })
}
