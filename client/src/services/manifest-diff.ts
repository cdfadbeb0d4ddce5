/** What changes in the local catalogue when a new manifest arrives (pure). */
import type { CatalogueRow } from './local-db.ts'
import { documentIdOf, type ManifestEntry } from './relay-contract.ts'
import { catalogueRowOf } from './catalogue-row.ts'

export interface ManifestDiff {
  /** rows to write (new or changed) */
  upserts: CatalogueRow[]
  /** rows no longer listed: the user may not read these any more (revocation) */
  removed: CatalogueRow[]
  /** all rows after the update */
  next: CatalogueRow[]
}

export function diffManifest(current: readonly CatalogueRow[], entries: readonly ManifestEntry[]): ManifestDiff {
  const before = new Map(current.map((r) => [r.documentId, r]))
  const next = new Map<string, CatalogueRow>()
  for (const entry of entries) next.set(documentIdOf(entry.url), catalogueRowOf(entry, documentIdOf(entry.url)))
  const upserts: CatalogueRow[] = []
  for (const [id, row] of next) {
    const old = before.get(id)
    if (!old || JSON.stringify(old) !== JSON.stringify(row)) upserts.push(row)
  }
  const removed = current.filter((r) => !next.has(r.documentId))
  return { upserts, removed, next: [...next.values()] }
}
