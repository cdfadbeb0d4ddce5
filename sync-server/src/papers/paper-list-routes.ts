/**
 * GET /api/papers: the staff paper lists (Amtsinfo / Führungsinfo) from the read model `papers`.
 * A row is listed only when the user may read the paper's document — the same registry check as
 * the sync manifest, so a list never shows more than the user could sync.
 *
 * Built for thousands of rows: the table is read and serialised once per change (PaperListCache),
 * each request checks access per row against the in-memory registry, and the ETag is derived
 * from the table version and the selected rows, so the app's periodic refresh costs a 304 without
 * building the body.
 */
import { createHash, randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { accessLevel } from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { SessionStore } from '../auth/session-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import { requireUser, type RelayEnv } from '../http/context.ts'
import { paperRowToEntry as toEntry, type PaperRow } from './paper-catalogue.ts'

export interface PaperListRoutesDeps {
  db: RelayDatabase
  registry: AccessRegistry
  sessions: SessionStore
}

export interface PaperListFilter {
  states?: ReadonlySet<string>
  departments?: ReadonlySet<string>
}

interface CachedRow {
  docId: string
  state: string
  departmentId: string
  /** the row as PaperListEntry JSON, serialised once per table version */
  json: string
}

/**
 * The `papers` table, read and serialised once per change. A TEMP trigger on this connection (the
 * relay's only one) counts inserts, updates and deletes, so finding out whether the cache is
 * current costs one tiny query; the access check is never cached and runs per request.
 */
export class PaperListCache {
  /** distinguishes validators across relay restarts (the counter starts again at 0) */
  private readonly instance = randomUUID()
  private version = -1
  private rows: CachedRow[] = []
  private readonly versionQuery
  private readonly rowsQuery

  constructor(db: RelayDatabase) {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS paper_list_version (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
      INSERT OR IGNORE INTO paper_list_version VALUES (1, 0);
      CREATE TEMP TRIGGER IF NOT EXISTS paper_list_insert AFTER INSERT ON main.papers BEGIN UPDATE paper_list_version SET v = v + 1 WHERE id = 1; END;
      CREATE TEMP TRIGGER IF NOT EXISTS paper_list_update AFTER UPDATE ON main.papers BEGIN UPDATE paper_list_version SET v = v + 1 WHERE id = 1; END;
      CREATE TEMP TRIGGER IF NOT EXISTS paper_list_delete AFTER DELETE ON main.papers BEGIN UPDATE paper_list_version SET v = v + 1 WHERE id = 1; END;
    `)
    this.versionQuery = db.prepare('SELECT v FROM temp.paper_list_version WHERE id = 1')
    this.rowsQuery = db.prepare('SELECT * FROM papers ORDER BY updated_at DESC, id')
  }

  current(): { tag: string; rows: readonly CachedRow[] } {
    const { v } = this.versionQuery.get() as { v: number }
    if (v !== this.version) {
      const rows = this.rowsQuery.all() as PaperRow[]
      this.rows = rows.map((r) => ({ docId: r.doc_id, state: r.state, departmentId: r.department_id, json: JSON.stringify(toEntry(r)) }))
      this.version = v
    }
    return { tag: `${this.instance}:${this.version}`, rows: this.rows }
  }
}

export interface ReadablePapers {
  /** JSON array of PaperListEntry (built on demand: a 304 never needs it) */
  json(): string
  /** validator: changes whenever the rows or the user's selection of them change */
  etag: string
  count: number
}

/** Every paper row the user may read (the manifest's registry check), newest change first. */
export function readablePapers(cache: PaperListCache, registry: AccessRegistry, userId: string, filter: PaperListFilter = {}): ReadablePapers {
  const { tag, rows } = cache.current()
  const principals = registry.principals(userId)
  const selected: CachedRow[] = []
  // which rows were selected, as a bitmap: with the table version it determines the body exactly
  const bits = new Uint8Array(Math.ceil(rows.length / 8))
  if (principals.size > 0) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      if (filter.states && !filter.states.has(row.state)) continue
      if (filter.departments && !filter.departments.has(row.departmentId)) continue
      // fail closed: a row whose document the registry does not know is never listed
      if (accessLevel(principals, registry.get(row.docId)) === null) continue
      selected.push(row)
      bits[i >> 3] |= 1 << (i & 7)
    }
  }
  const etag = createHash('sha1').update(tag).update(bits).digest('base64url')
  return { etag, count: selected.length, json: () => `[${selected.map((r) => r.json).join(',')}]` }
}

function listParam(value: string | undefined): Set<string> | undefined {
  const items = value?.split(',').map((s) => s.trim()).filter(Boolean)
  return items?.length ? new Set(items) : undefined
}

const weakMatch = (header: string | undefined, tag: string): boolean =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${tag}"`))

export function paperListRoutes({ db, registry, sessions }: PaperListRoutesDeps): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()
  const cache = new PaperListCache(db)

  // compress() outside: a 304 has no body to compress
  app.get('/', requireUser(sessions), compress(), (c) => {
    const list = readablePapers(cache, registry, c.get('userId'), {
      states: listParam(c.req.query('state')),
      departments: listParam(c.req.query('department')),
    })
    const headers = { 'Cache-Control': 'private, no-cache', ETag: `W/"${list.etag}"` }
    // the list is only serialised when the client's copy is outdated
    if (weakMatch(c.req.header('If-None-Match'), list.etag)) return c.body(null, 304, headers)
    return c.body(`{"papers":${list.json()},"serverTime":${JSON.stringify(new Date().toISOString())}}`, 200, {
      ...headers,
      'Content-Type': 'application/json; charset=UTF-8',
    })
  })

  return app
}
