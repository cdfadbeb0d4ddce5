/**
 * Resolution tracking (Beschlusskontrolle, docs/MEETINGS.md "Relay API (outcomes)"): accepted
 * resolutions of meetings and circular decisions, who carries them out by when, and the progress
 * reports. Rows live in the relay database (migration 3: resolutions, resolution_reports) and are
 * checked per request: staff see every row, members the public ones and the non-public ones of the
 * bodies they currently belong to, everybody else the public ones only.
 */
import { randomUUID } from 'node:crypto'
import { RESOLUTION_STATUSES, type Principal, type ResolutionEntry, type ResolutionReport, type ResolutionStatus } from '@ratstisch/domain'
import { todayInBerlin, type AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'

export class ResolutionError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ResolutionError'
  }
}

export interface ResolutionInput {
  sourceKey: string
  source: 'meeting' | 'circular'
  organizationId: string
  meetingId?: string
  itemId?: string
  itemNumber?: string
  decidedOn: string
  title: string
  text: string
  public: boolean
  paperId?: string
  paperReference?: string
}

export interface ResolutionFilter {
  organizationId?: string
  status?: ResolutionStatus
  /** due date before today and still offen / in Arbeit */
  overdue?: boolean
}

export interface ResolutionCommandResult {
  applied: boolean
  repeated: boolean
  resolution: ResolutionEntry
}

interface ResolutionRow {
  id: string
  source: 'meeting' | 'circular'
  source_key: string
  organization_id: string
  organization_name: string | null
  meeting_id: string | null
  meeting_name: string | null
  item_id: string | null
  item_number: string | null
  decided_on: string
  title: string
  text: string
  public: number
  paper_id: string | null
  paper_reference: string | null
  owner_department_id: string | null
  owner_department_name: string | null
  owner_person_name: string | null
  due_date: string | null
  status: ResolutionStatus
  updated_at: string
}

interface ReportRow {
  id: string
  resolution_id: string
  at: string
  by_name: string
  status: ResolutionStatus
  text: string
}

const SELECT = `SELECT r.*, o.name AS organization_name, m.name AS meeting_name, d.name AS owner_department_name
  FROM resolutions r
  LEFT JOIN organizations o ON o.id = r.organization_id
  LEFT JOIN meetings m ON m.id = r.meeting_id
  LEFT JOIN departments d ON d.id = r.owner_department_id`

/** Roles of the administration that see every resolution. */
const STAFF_ROLES: readonly Principal[] = ['role:clerk', 'role:admin', 'role:approver', 'role:author']
const OFFICE: readonly Principal[] = ['role:clerk', 'role:admin']
const OPEN_STATUSES: readonly ResolutionStatus[] = ['offen', 'in Arbeit']
const MAX_TEXT = 20_000
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)

export function isOverdue(entry: Pick<ResolutionEntry, 'dueDate' | 'status'>, today = todayInBerlin()): boolean {
  return !!entry.dueDate && entry.dueDate < today && OPEN_STATUSES.includes(entry.status)
}

export interface ResolutionStoreDeps {
  registry?: AccessRegistry
  users?: UserStore
  audit?: AuditLog
  today?: () => string
}

export class ResolutionStore {
  private readonly deps: ResolutionStoreDeps

  constructor(
    private readonly db: RelayDatabase,
    deps: ResolutionStoreDeps = {},
  ) {
    this.deps = deps
  }

  private get today(): string {
    return (this.deps.today ?? todayInBerlin)()
  }

  /** upsert by sourceKey: text/title/public/number refresh; owner, due date, status and reports are kept */
  record(input: ResolutionInput): ResolutionEntry {
    // what the decision says; owner, due date, status and reports belong to the tracking and stay
    const decided = {
      organization_id: input.organizationId,
      meeting_id: input.meetingId ?? null,
      item_id: input.itemId ?? null,
      item_number: input.itemNumber ?? null,
      decided_on: input.decidedOn,
      title: input.title,
      text: input.text,
      public: input.public ? 1 : 0,
      paper_id: input.paperId ?? null,
      paper_reference: input.paperReference ?? null,
      updated_at: new Date().toISOString(),
    }
    const columns = Object.keys(decided)
    const existing = this.db.prepare('SELECT id FROM resolutions WHERE source_key = ?').get(input.sourceKey) as { id: string } | undefined
    if (existing) {
      this.db.prepare(`UPDATE resolutions SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...decided, id: existing.id })
      return this.entry(existing.id)!
    }
    const id = `res-${randomUUID().replaceAll('-', '').slice(0, 20)}`
    this.db
      .prepare(
        `INSERT INTO resolutions (id, source, source_key, status, ${columns.join(', ')})
         VALUES (@id, @source, @source_key, 'offen', ${columns.map((c) => `@${c}`).join(', ')})`,
      )
      .run({ ...decided, id, source: input.source, source_key: input.sourceKey })
    return this.entry(id)!
  }

  /** One resolution with its reports (no access check). */
  entry(id: string): ResolutionEntry | undefined {
    const row = this.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ResolutionRow | undefined
    if (!row) return undefined
    return this.toEntry(row, this.reportsOf([id]).get(id) ?? [])
  }

  bySourceKey(sourceKey: string): ResolutionEntry | undefined {
    const row = this.db.prepare('SELECT id FROM resolutions WHERE source_key = ?').get(sourceKey) as { id: string } | undefined
    return row && this.entry(row.id)
  }

  private principals(userId: string): ReadonlySet<Principal> {
    if (!this.deps.registry) throw new Error('ResolutionStore: access checks need the registry')
    return this.deps.registry.principals(userId)
  }

  private static canRead(principals: ReadonlySet<Principal>, row: Pick<ResolutionRow, 'public' | 'organization_id'>): boolean {
    if (row.public === 1) return true
    if (STAFF_ROLES.some((p) => principals.has(p))) return true
    return principals.has(`org:${row.organization_id}`)
  }

  /** Resolutions the user may read, newest decision first. */
  list(userId: string, filter: ResolutionFilter = {}): ResolutionEntry[] {
    const principals = this.principals(userId)
    return this.query(filter, (r) => ResolutionStore.canRead(principals, r))
  }

  /** The public resolutions only (the portal's list; no sign-in, no principals). */
  publicList(filter: ResolutionFilter = {}): ResolutionEntry[] {
    return this.query(filter, (r) => r.public === 1, 'r.public = 1')
  }

  /**
   * Changes whenever a resolution is recorded, changed or reported on (count and latest update):
   * the portal's page cache keys on it. Reveals nothing but that something changed.
   */
  publicFingerprint(): string {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM resolutions').get() as { n: number; at: string | null }
    return `${row.n}|${row.at ?? ''}`
  }

  private query(filter: ResolutionFilter, canRead: (r: ResolutionRow) => boolean, condition?: string): ResolutionEntry[] {
    const where: string[] = condition ? [condition] : []
    const params: unknown[] = []
    if (filter.organizationId) {
      where.push('r.organization_id = ?')
      params.push(filter.organizationId)
    }
    if (filter.status) {
      where.push('r.status = ?')
      params.push(filter.status)
    }
    if (filter.overdue) {
      where.push(`r.due_date IS NOT NULL AND r.due_date < ? AND r.status IN ('offen', 'in Arbeit')`)
      params.push(this.today)
    }
    const rows = (
      this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.decided_on DESC, r.id`).all(...params) as ResolutionRow[]
    ).filter(canRead)
    const reports = this.reportsOf(rows.map((r) => r.id))
    return rows.map((r) => this.toEntry(r, reports.get(r.id) ?? []))
  }

  /** One resolution if the user may read it (404 otherwise, so existence does not leak). */
  visible(userId: string, id: string): ResolutionEntry {
    const row = this.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ResolutionRow | undefined
    if (!row || !ResolutionStore.canRead(this.principals(userId), row)) throw new ResolutionError(404, 'not-found', 'Beschluss nicht gefunden')
    return this.toEntry(row, this.reportsOf([id]).get(id) ?? [])
  }

  /**
   * POST /api/resolutions/:id/commands. `assign` (clerk/admin): owner department, owner person,
   * due date. `report` (clerk/admin, or author/approver of the owning department): status + text,
   * appended to the history. A repeated command id answers the first outcome.
   */
  command(userId: string, resolutionId: string, body: unknown): ResolutionCommandResult {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ResolutionError(400, 'bad-request', 'Ungültige Anfrage: JSON-Objekt erwartet')
    const cmd = body as Record<string, unknown>
    if (typeof cmd.id !== 'string' || !/^[A-Za-z0-9_-]{6,80}$/.test(cmd.id)) throw new ResolutionError(400, 'bad-request', 'Die Befehlskennung („id“) fehlt oder ist ungültig.')
    if (cmd.action !== 'assign' && cmd.action !== 'report') throw new ResolutionError(400, 'bad-request', 'Unbekannte Aktion – erlaubt sind „assign“ und „report“.')
    const principals = this.principals(userId)
    const row = this.db.prepare(`${SELECT} WHERE r.id = ?`).get(resolutionId) as ResolutionRow | undefined
    if (!row || !ResolutionStore.canRead(principals, row)) throw new ResolutionError(404, 'not-found', 'Beschluss nicht gefunden')
    const commandId = cmd.id
    const isOffice = OFFICE.some((p) => principals.has(p))

    if (cmd.action === 'assign') {
      const done = this.db.prepare('SELECT meeting_id FROM meeting_commands WHERE id = ?').get(commandId) as { meeting_id: string } | undefined
      if (done) {
        if (done.meeting_id !== resolutionId) throw new ResolutionError(409, 'command-id-reused', 'Diese Befehlskennung wurde bereits für einen anderen Vorgang verwendet.')
        return { applied: true, repeated: true, resolution: this.entry(resolutionId)! }
      }
      if (!isOffice) throw new ResolutionError(403, 'forbidden', 'Zuständigkeit und Frist legt nur das Sitzungsbüro fest.')
      const departmentId = cmd.ownerDepartmentId === undefined || cmd.ownerDepartmentId === null || cmd.ownerDepartmentId === '' ? null : cmd.ownerDepartmentId
      if (departmentId !== null) {
        if (typeof departmentId !== 'string' || !this.db.prepare('SELECT 1 FROM departments WHERE id = ?').get(departmentId)) {
          throw new ResolutionError(400, 'bad-department', 'Das zuständige Amt ist unbekannt.')
        }
      }
      const personName = cmd.ownerPersonName === undefined || cmd.ownerPersonName === null ? '' : cmd.ownerPersonName
      if (typeof personName !== 'string' || personName.length > 200) throw new ResolutionError(400, 'bad-person', 'Die zuständige Person darf höchstens 200 Zeichen lang sein.')
      const dueDate = cmd.dueDate === undefined || cmd.dueDate === null || cmd.dueDate === '' ? null : cmd.dueDate
      if (dueDate !== null && !isDate(dueDate)) throw new ResolutionError(400, 'bad-due-date', 'Die Frist muss ein gültiges Datum (JJJJ-MM-TT) sein.')
      const now = new Date().toISOString()
      this.db.transaction(() => {
        this.db
          .prepare('UPDATE resolutions SET owner_department_id = ?, owner_person_name = ?, due_date = ?, updated_at = ? WHERE id = ?')
          .run(departmentId, personName.trim() || null, dueDate, now, resolutionId)
        this.db
          .prepare(`INSERT INTO meeting_commands (id, meeting_id, user_id, action, at, result) VALUES (?, ?, ?, 'resolution-assign', ?, '{"applied":true}')`)
          .run(commandId, resolutionId, userId, now)
      })()
      this.deps.audit?.write('resolution-assign', userId, resolutionId, { ownerDepartmentId: departmentId, dueDate })
      return { applied: true, repeated: false, resolution: this.entry(resolutionId)! }
    }

    // report
    const done = this.db.prepare('SELECT resolution_id FROM resolution_reports WHERE id = ?').get(commandId) as { resolution_id: string } | undefined
    if (done) {
      if (done.resolution_id !== resolutionId) throw new ResolutionError(409, 'command-id-reused', 'Diese Befehlskennung wurde bereits für einen anderen Vorgang verwendet.')
      return { applied: true, repeated: true, resolution: this.entry(resolutionId)! }
    }
    const ownDepartment =
      row.owner_department_id !== null && principals.has(`dept:${row.owner_department_id}`) && (principals.has('role:author') || principals.has('role:approver'))
    if (!isOffice && !ownDepartment) {
      throw new ResolutionError(403, 'forbidden', 'Sachstandsberichte geben das Sitzungsbüro und das zuständige Amt.')
    }
    if (typeof cmd.status !== 'string' || !(RESOLUTION_STATUSES as readonly string[]).includes(cmd.status)) {
      throw new ResolutionError(400, 'bad-status', `Unbekannter Stand – erlaubt: ${RESOLUTION_STATUSES.join(', ')}.`)
    }
    const text = typeof cmd.text === 'string' ? cmd.text.trim() : ''
    if (!text) throw new ResolutionError(400, 'bad-text', 'Bitte den Sachstand beschreiben.')
    if (text.length > MAX_TEXT) throw new ResolutionError(400, 'bad-text', `Der Sachstand darf höchstens ${MAX_TEXT} Zeichen lang sein.`)
    const status = cmd.status as ResolutionStatus
    const now = new Date().toISOString()
    const byName = this.deps.users?.byId(userId)?.name ?? userId
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO resolution_reports (id, resolution_id, at, by_user_id, by_name, status, text) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(commandId, resolutionId, now, userId, byName, status, text)
      this.db.prepare('UPDATE resolutions SET status = ?, updated_at = ? WHERE id = ?').run(status, now, resolutionId)
    })()
    this.deps.audit?.write('resolution-report', userId, resolutionId, { status })
    return { applied: true, repeated: false, resolution: this.entry(resolutionId)! }
  }

  private reportsOf(ids: readonly string[]): Map<string, ResolutionReport[]> {
    const result = new Map<string, ResolutionReport[]>()
    if (ids.length === 0) return result
    const query = this.db.prepare('SELECT id, resolution_id, at, by_name, status, text FROM resolution_reports WHERE resolution_id = ? ORDER BY at, rowid')
    for (const id of ids) {
      const rows = query.all(id) as ReportRow[]
      if (rows.length) result.set(id, rows.map((r) => ({ id: r.id, at: r.at, byName: r.by_name, status: r.status, text: r.text })))
    }
    return result
  }

  private toEntry(r: ResolutionRow, reports: ResolutionReport[]): ResolutionEntry {
    return {
      id: r.id,
      source: r.source,
      organizationId: r.organization_id,
      organizationName: r.organization_name ?? r.organization_id,
      meetingId: r.meeting_id,
      meetingName: r.meeting_name,
      decidedOn: r.decided_on,
      itemId: r.item_id,
      itemNumber: r.item_number,
      title: r.title,
      text: r.text,
      public: r.public === 1,
      paperId: r.paper_id,
      paperReference: r.paper_reference,
      ownerDepartmentId: r.owner_department_id,
      ownerDepartmentName: r.owner_department_name,
      ownerPersonName: r.owner_person_name,
      dueDate: r.due_date,
      status: r.status,
      updatedAt: r.updated_at,
      reports,
    }
  }
}
