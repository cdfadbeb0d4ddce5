/**
 * The text of public PDFs, per SHA-256, kept in SQLite (`pdf_texts`, migration 6) so a restart of
 * the relay re-indexes without re-extracting. A file that pdf.js cannot read is recorded as failed
 * and not tried again: the same bytes fail the same way.
 */
import type { RelayDatabase } from '../db/database.ts'

export type PdfTextStatus = 'ok' | 'failed'

export class PdfTextStore {
  constructor(private readonly db: RelayDatabase) {}

  status(sha256: string): PdfTextStatus | undefined {
    const row = this.db.prepare('SELECT status FROM pdf_texts WHERE sha256 = ?').get(sha256) as { status: PdfTextStatus } | undefined
    return row?.status
  }

  /** every file with a recorded outcome (extracted or failed) */
  known(): Set<string> {
    return new Set((this.db.prepare('SELECT sha256 FROM pdf_texts').all() as Array<{ sha256: string }>).map((r) => r.sha256))
  }

  /** page texts, page 1 first; undefined when not extracted (or unreadable) */
  pages(sha256: string): string[] | undefined {
    const row = this.db.prepare("SELECT pages FROM pdf_texts WHERE sha256 = ? AND status = 'ok'").get(sha256) as { pages: string } | undefined
    if (!row) return undefined
    const pages: unknown = JSON.parse(row.pages)
    return Array.isArray(pages) ? pages.map((p) => (typeof p === 'string' ? p : '')) : undefined
  }

  putPages(sha256: string, pages: readonly string[], ms: number): void {
    this.db
      .prepare(
        `INSERT INTO pdf_texts (sha256, status, pages, page_count, extracted_at, ms) VALUES (?, 'ok', ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET status = 'ok', pages = excluded.pages, page_count = excluded.page_count, extracted_at = excluded.extracted_at, ms = excluded.ms`,
      )
      .run(sha256, JSON.stringify(pages), pages.length, new Date().toISOString(), Math.round(ms))
  }

  putFailure(sha256: string, ms: number): void {
    this.db
      .prepare(
        `INSERT INTO pdf_texts (sha256, status, pages, page_count, extracted_at, ms) VALUES (?, 'failed', NULL, 0, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET status = 'failed', pages = NULL, page_count = 0, extracted_at = excluded.extracted_at, ms = excluded.ms`,
      )
      .run(sha256, new Date().toISOString(), Math.round(ms))
  }

  /** totals, for logs and benchmarks */
  stats(): { ok: number; failed: number; pages: number; ms: number } {
    const row = this.db
      .prepare("SELECT SUM(status = 'ok') AS ok, SUM(status = 'failed') AS failed, SUM(page_count) AS pages, SUM(ms) AS ms FROM pdf_texts")
      .get() as { ok: number | null; failed: number | null; pages: number | null; ms: number | null }
    return { ok: row.ok ?? 0, failed: row.failed ?? 0, pages: row.pages ?? 0, ms: row.ms ?? 0 }
  }
}
