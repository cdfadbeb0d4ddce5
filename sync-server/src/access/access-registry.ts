/**
 * In-memory copy of the access registry (table `documents`): document -> audience and writers.
 * Answers every sync-gate question without touching SQLite; writes go to both.
 * Fail closed: an unknown document or user has no access.
 */
import {
  accessLevel,
  principalsOf,
  type AccessEntry,
  type AccessLevel,
  type DocType,
  type Principal,
} from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'
import type { UserStore } from '../auth/user-store.ts'

export interface RegistryEntry extends AccessEntry {
  documentId: string
  type: DocType
  meetingId: string | null
  ownerId: string | null
}

interface DocumentRow {
  id: string
  type: DocType
  meeting_id: string | null
  owner_id: string | null
  readers: string
  writers: string
}

const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })
let cachedDay = { until: 0, day: '' }

/**
 * Today's date in the municipality's time zone; memberships end at the end of their last day.
 * Asked on every sync message, so it is computed at most once a second (formatting is costly).
 */
export function todayInBerlin(now = Date.now()): string {
  if (now < cachedDay.until && now >= cachedDay.until - 1000) return cachedDay.day
  cachedDay = { until: now + 1000, day: berlinDate.format(now) }
  return cachedDay.day
}

export class AccessRegistry {
  private readonly entries = new Map<string, RegistryEntry>()
  /** principal -> documents it can read (readers or writers) */
  private readonly byPrincipal = new Map<Principal, Set<string>>()
  private readonly principalCache = new Map<string, { day: string; principals: Set<Principal> }>()
  private readonly listeners = new Set<(userIds: string[] | 'all') => void>()

  constructor(
    private readonly db: RelayDatabase,
    private readonly users: UserStore,
    private readonly today: () => string = todayInBerlin,
  ) {
    const rows = db.prepare('SELECT id, type, meeting_id, owner_id, readers, writers FROM documents').all() as DocumentRow[]
    for (const row of rows) this.index(rowToEntry(row))
  }

  get size(): number {
    return this.entries.size
  }

  get(documentId: string): RegistryEntry | undefined {
    return this.entries.get(documentId)
  }

  /** Registers a document or replaces its audience. Persisted before it takes effect. */
  register(entry: RegistryEntry): void {
    const now = new Date().toISOString()
    this.db
      .prepare(
        `INSERT INTO documents (id, type, meeting_id, owner_id, readers, writers, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET type = excluded.type, meeting_id = excluded.meeting_id, owner_id = excluded.owner_id,
           readers = excluded.readers, writers = excluded.writers, updated_at = excluded.updated_at`,
      )
      .run(
        entry.documentId,
        entry.type,
        entry.meetingId,
        entry.ownerId,
        JSON.stringify(entry.readers),
        JSON.stringify(entry.writers),
        now,
        now,
      )
    const previous = this.entries.get(entry.documentId)
    if (previous) this.unindex(previous)
    this.index(entry)
    if (previous) this.emit('all')
  }

  /** The personal document of a user for a meeting, if one is registered. */
  personalDocument(type: DocType, meetingId: string, ownerId: string): RegistryEntry | undefined {
    const row = this.db
      .prepare('SELECT id FROM documents WHERE type = ? AND meeting_id = ? AND owner_id = ?')
      .get(type, meetingId, ownerId) as { id: string } | undefined
    return row ? this.entries.get(row.id) : undefined
  }

  /** Documents everyone may read (audience `public`): what the public model is made of. */
  publicDocuments(): RegistryEntry[] {
    return [...(this.byPrincipal.get('public') ?? [])].map((id) => this.entries.get(id)!).filter((e) => e.readers.includes('public'))
  }

  documentsOfMeeting(meetingId: string): RegistryEntry[] {
    return [...this.entries.values()].filter((e) => e.meetingId === meetingId)
  }

  principals(userId: string): Set<Principal> {
    const day = this.today()
    const cached = this.principalCache.get(userId)
    if (cached && cached.day === day) return cached.principals
    if (!this.users.byId(userId) || this.users.byId(userId)?.disabled) return new Set()
    const principals = principalsOf(this.users.subject(userId), day)
    this.principalCache.set(userId, { day, principals })
    return principals
  }

  level(userId: string, documentId: string): AccessLevel | null {
    return accessLevel(this.principals(userId), this.entries.get(documentId))
  }

  canRead(userId: string, documentId: string): boolean {
    return this.level(userId, documentId) !== null
  }

  canWrite(userId: string, documentId: string): boolean {
    return this.level(userId, documentId) === 'write'
  }

  /** Every document the user may read, with the access level. */
  readable(userId: string): Array<{ entry: RegistryEntry; access: AccessLevel }> {
    const principals = this.principals(userId)
    const ids = new Set<string>()
    for (const p of principals) for (const id of this.byPrincipal.get(p) ?? []) ids.add(id)
    const result: Array<{ entry: RegistryEntry; access: AccessLevel }> = []
    for (const id of ids) {
      const entry = this.entries.get(id)!
      const access = accessLevel(principals, entry)
      if (access) result.push({ entry, access })
    }
    return result
  }

  /**
   * Call after roles or memberships changed: drops cached principals and tells listeners
   * (the sync layer closes sockets and re-evaluates sharing).
   */
  invalidateUsers(userIds: string[] | 'all'): void {
    if (userIds === 'all') this.principalCache.clear()
    else for (const id of userIds) this.principalCache.delete(id)
    this.emit(userIds)
  }

  onChange(listener: (userIds: string[] | 'all') => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(userIds: string[] | 'all'): void {
    for (const l of this.listeners) l(userIds)
  }

  private index(entry: RegistryEntry): void {
    this.entries.set(entry.documentId, entry)
    for (const p of new Set([...entry.readers, ...entry.writers])) {
      let set = this.byPrincipal.get(p)
      if (!set) this.byPrincipal.set(p, (set = new Set()))
      set.add(entry.documentId)
    }
  }

  private unindex(entry: RegistryEntry): void {
    for (const p of new Set([...entry.readers, ...entry.writers])) this.byPrincipal.get(p)?.delete(entry.documentId)
    this.entries.delete(entry.documentId)
  }
}

function rowToEntry(row: DocumentRow): RegistryEntry {
  return {
    documentId: row.id,
    type: row.type,
    meetingId: row.meeting_id,
    ownerId: row.owner_id,
    readers: JSON.parse(row.readers) as Principal[],
    writers: JSON.parse(row.writers) as Principal[],
  }
}
