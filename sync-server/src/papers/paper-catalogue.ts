/**
 * Read model of papers for the staff lists (Amtsinfo / Führungsinfo) and the bodies' queues: one
 * row per paper with its derived workflow state, kept in step with the paper documents by the
 * projection. Numbers assigned at release live in `paper_numbers` (unique per term and prefix).
 */
import { derivePaperWorkflow, nextConsultation, type PaperDoc, type PaperListEntry } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'

/** A row of the `papers` table. */
export interface PaperRow {
  id: string
  doc_id: string
  reference: string
  name: string
  paper_type: string
  department_id: string
  department: string
  state: string
  date: string
  public: number
  created_by: string | null
  updated_at: string
  cosigning: string
  cosigning_since: string | null
  cosigning_due: string | null
  next_organization_id: string | null
  next_organization_name: string | null
  next_role: string | null
  returned_at: string | null
}

const COSIGN_STATUSES = new Set(['pending', 'signed', 'returned'])

/** The projection writes this column; a damaged value lists as "no co-signing" rather than failing a whole list. */
function parseCosigning(json: string): PaperListEntry['cosigning'] {
  if (!json || json === '{}') return {}
  try {
    const value: unknown = JSON.parse(json)
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
    const out: PaperListEntry['cosigning'] = {}
    for (const [dept, status] of Object.entries(value as Record<string, unknown>)) {
      if (typeof status === 'string' && COSIGN_STATUSES.has(status)) out[dept] = status as 'pending' | 'signed' | 'returned'
    }
    return out
  } catch {
    return {}
  }
}

export const paperRowToEntry = (r: PaperRow): PaperListEntry => ({
  id: r.id,
  url: `automerge:${r.doc_id}`,
  reference: r.reference,
  name: r.name,
  paperType: r.paper_type,
  departmentId: r.department_id,
  department: r.department,
  state: r.state,
  date: r.date,
  updatedAt: r.updated_at,
  public: r.public === 1,
  createdBy: r.created_by,
  cosigning: parseCosigning(r.cosigning),
  cosigningSince: r.cosigning_since,
  cosigningDue: r.cosigning_due,
  nextOrganizationId: r.next_organization_id,
  nextOrganizationName: r.next_organization_name,
  nextRole: r.next_role,
  returnedAt: r.returned_at,
})

export class PaperCatalogue {
  constructor(private readonly db: RelayDatabase) {}

  upsertFromDoc(doc: PaperDoc, documentId: string): void {
    const derived = derivePaperWorkflow(doc)
    // the co-signing round in force: the last applied request for co-signing
    const request = [...derived.history].reverse().find((h) => h.applied && h.event.action === 'request-cosigning')
    const next = derived.state === 'released' || derived.state === 'consultation' ? nextConsultation(doc.consultations) : undefined
    const updatedAt = derived.history.at(-1)?.event.at ?? doc.createdAt
    const lastApplied = [...derived.history].reverse().find((h) => h.applied)
    const returned =
      derived.state === 'draft' && (lastApplied?.event.action === 'return-to-draft' || lastApplied?.event.action === 'return-cosigning') ? lastApplied : undefined
    this.db
      .prepare(
        `INSERT INTO papers (id, doc_id, reference, name, paper_type, department_id, department, state, date, public, created_by, updated_at,
                             cosigning, cosigning_since, cosigning_due, next_organization_id, next_organization_name, next_role, returned_at)
         VALUES (@id, @doc_id, @reference, @name, @paper_type, @department_id, @department, @state, @date, @public, @created_by, @updated_at,
                 @cosigning, @cosigning_since, @cosigning_due, @next_organization_id, @next_organization_name, @next_role, @returned_at)
         ON CONFLICT(id) DO UPDATE SET doc_id = excluded.doc_id, reference = excluded.reference, name = excluded.name,
           paper_type = excluded.paper_type, department_id = excluded.department_id, department = excluded.department,
           state = excluded.state, date = excluded.date, public = excluded.public, created_by = excluded.created_by,
           updated_at = excluded.updated_at, cosigning = excluded.cosigning, cosigning_since = excluded.cosigning_since,
           cosigning_due = excluded.cosigning_due, next_organization_id = excluded.next_organization_id, next_organization_name = excluded.next_organization_name, next_role = excluded.next_role,
           returned_at = excluded.returned_at`,
      )
      .run({
        id: doc.id,
        doc_id: documentId,
        reference: doc.reference ?? '',
        name: doc.name,
        paper_type: doc.paperType,
        department_id: doc.departmentId,
        department: doc.department,
        state: derived.state,
        date: doc.date,
        public: doc.public ? 1 : 0,
        created_by: doc.createdBy ?? null,
        updated_at: updatedAt,
        cosigning: JSON.stringify(derived.state === 'cosigning' || request ? derived.cosigning : {}),
        cosigning_since: request?.event.at ?? null,
        cosigning_due: request?.event.dueDate ?? null,
        next_organization_id: next?.organizationId ?? null,
        next_organization_name: next?.organizationName ?? null,
        next_role: next?.role ?? null,
        returned_at: returned?.event.at ?? null,
      })
  }

  byId(paperId: string): PaperListEntry | undefined {
    const row = this.db.prepare('SELECT * FROM papers WHERE id = ?').get(paperId) as PaperRow | undefined
    return row && paperRowToEntry(row)
  }

  byDocumentId(documentId: string): PaperListEntry | undefined {
    const row = this.db.prepare('SELECT * FROM papers WHERE doc_id = ?').get(documentId) as PaperRow | undefined
    return row && paperRowToEntry(row)
  }

  all(): PaperListEntry[] {
    return (this.db.prepare('SELECT * FROM papers ORDER BY date DESC, id').all() as PaperRow[]).map(paperRowToEntry)
  }

  /** Released papers whose next open consultation is in this body ("awaiting consultation"). */
  queue(organizationId: string): PaperListEntry[] {
    return (
      this.db
        .prepare("SELECT * FROM papers WHERE next_organization_id = ? AND state IN ('released', 'consultation') ORDER BY date, id")
        .all(organizationId) as PaperRow[]
    ).map(paperRowToEntry)
  }

  /** Numbers taken in a term for a prefix. */
  takenNumbers(termId: string, prefix: string): number[] {
    return (this.db.prepare('SELECT number FROM paper_numbers WHERE term_id = ? AND prefix = ?').all(termId, prefix) as { number: number }[]).map(
      (r) => r.number,
    )
  }

  numberOf(paperId: string): { termId: string; prefix: string; number: number } | undefined {
    const row = this.db.prepare('SELECT term_id, prefix, number FROM paper_numbers WHERE paper_id = ?').get(paperId) as
      | { term_id: string; prefix: string; number: number }
      | undefined
    return row && { termId: row.term_id, prefix: row.prefix, number: row.number }
  }

  /**
   * Assigns the next number of the term and prefix to the paper, once: the primary key makes two
   * assignments of the same number impossible, and a paper keeps the number it got first.
   */
  assignNumber(paperId: string, termId: string, prefix: string, next: (taken: number[]) => number): number {
    return this.db.transaction(() => {
      const existing = this.numberOf(paperId)
      if (existing) return existing.number
      const number = next(this.takenNumbers(termId, prefix))
      this.db
        .prepare('INSERT INTO paper_numbers (term_id, prefix, number, paper_id, assigned_at) VALUES (?, ?, ?, ?, ?)')
        .run(termId, prefix, number, paperId, new Date().toISOString())
      return number
    }).immediate()
  }

  recordNumber(paperId: string, termId: string, prefix: string, number: number, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO paper_numbers (term_id, prefix, number, paper_id, assigned_at) VALUES (?, ?, ?, ?, ?)').run(termId, prefix, number, paperId, at)
  }
}
