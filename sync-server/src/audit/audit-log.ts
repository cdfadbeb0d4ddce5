/** Append-only audit log in the relay database. Details must never contain document content. */
import type { RelayDatabase } from '../db/database.ts'

export interface AuditEntry {
  at: string
  actor: string | null
  action: string
  target: string | null
  detail: Record<string, unknown> | null
}

export class AuditLog {
  private readonly insert
  constructor(private readonly db: RelayDatabase) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
  }

  write(action: string, actor: string | null, target: string | null, detail?: Record<string, unknown>): void {
    this.insert.run(new Date().toISOString(), actor, action, target, detail ? JSON.stringify(detail) : null)
  }

  recent(action?: string, limit = 100): AuditEntry[] {
    const rows = (
      action
        ? this.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT ?').all(action, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit)
    ) as { at: string; actor: string | null; action: string; target: string | null; detail: string | null }[]
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }))
  }
}
