/** Which blobs exist and which documents reference them (access to a blob follows its documents). */
import type { RelayDatabase } from '../db/database.ts'

export interface BlobRef {
  documentId: string
  displayName: string
}

export class BlobRegistry {
  constructor(private readonly db: RelayDatabase) {}

  add(sha256: string, size: number, mime: string, createdBy: string | null): void {
    this.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(sha256, size, mime, new Date().toISOString(), createdBy)
  }

  get(sha256: string): { size: number; mime: string } | undefined {
    return this.db.prepare('SELECT size, mime FROM blobs WHERE sha256 = ?').get(sha256) as { size: number; mime: string } | undefined
  }

  /** who uploaded the blob first (null: written by the relay itself) */
  uploadedBy(sha256: string): string | null | undefined {
    const row = this.db.prepare('SELECT created_by FROM blobs WHERE sha256 = ?').get(sha256) as { created_by: string | null } | undefined
    return row ? row.created_by : undefined
  }

  refs(sha256: string): BlobRef[] {
    return (
      this.db.prepare('SELECT document_id, display_name FROM blob_refs WHERE sha256 = ?').all(sha256) as {
        document_id: string
        display_name: string
      }[]
    ).map((r) => ({ documentId: r.document_id, displayName: r.display_name }))
  }

  addRef(sha256: string, documentId: string, displayName: string): void {
    this.db
      .prepare(
        `INSERT INTO blob_refs (sha256, document_id, display_name) VALUES (?, ?, ?)
         ON CONFLICT(sha256, document_id) DO UPDATE SET display_name = excluded.display_name`,
      )
      .run(sha256, documentId, displayName)
  }

  /**
   * Replaces the references of a document with what it now contains. Blobs uploaded for the
   * document but not yet referenced (an upload in progress) keep their reference.
   */
  replaceRefs(documentId: string, refs: Array<{ sha256: string; displayName: string }>): void {
    this.db.transaction(() => {
      const keep = new Set(refs.map((r) => r.sha256))
      const existing = this.db.prepare('SELECT sha256 FROM blob_refs WHERE document_id = ?').all(documentId) as { sha256: string }[]
      const del = this.db.prepare('DELETE FROM blob_refs WHERE sha256 = ? AND document_id = ?')
      const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString()
      const pendingUpload = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ? AND created_by IS NOT NULL AND created_at > ?')
      for (const row of existing) {
        if (!keep.has(row.sha256) && !pendingUpload.get(row.sha256, dayAgo)) del.run(row.sha256, documentId)
      }
      for (const r of refs) this.addRef(r.sha256, documentId, r.displayName)
    })()
  }
}
