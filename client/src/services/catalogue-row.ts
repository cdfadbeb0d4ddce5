/** A manifest entry as stored in the local catalogue (pure). */
import type { CatalogueRow } from './local-db.ts'
import type { ManifestEntry } from './relay-contract.ts'

export function catalogueRowOf(entry: ManifestEntry, documentId: string): CatalogueRow {
  const row: CatalogueRow = { documentId, url: entry.url, type: entry.type, access: entry.access }
  if (entry.meeting) row.meeting = entry.meeting
  if (entry.meta) row.meta = entry.meta
  return row
}
