/**
 * The staff paper list (GET /api/papers) on this device: in memory, so switching between the work
 * list and the overview is instant; in IndexedDB, so the lists open offline with their date; and
 * revalidated with If-None-Match, so refreshing an unchanged list of thousands of papers costs a
 * 304 without a body. The saved copy is sealed with the user's data key (drafts are not public).
 */
import type { PaperList, PaperListEntry } from '@ratstisch/domain'
import { ApiError, type ApiClient } from './api-client.ts'
import { Emitter } from './emitter.ts'
import type { UserDb } from './local-db.ts'
import { ContractError } from './relay-contract.ts'

export interface PaperListSnapshot {
  papers: PaperListEntry[]
  /** the relay's time when it built the list */
  serverTime: string
  /** when the relay last confirmed the list (200 or 304) */
  confirmedAt: string
  /** department id -> name of every department the relay knows (empty if it did not say) */
  departmentNames: Record<string, string>
}

export interface PaperListStoreEvents extends Record<string, unknown> {
  change: PaperListSnapshot
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): v is string => typeof v === 'string'
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const COSIGN = new Set(['pending', 'signed', 'returned'])

function parseCosigning(v: unknown): PaperListEntry['cosigning'] {
  const out: PaperListEntry['cosigning'] = {}
  if (!isObj(v)) return out
  for (const [dept, status] of Object.entries(v)) if (str(status) && COSIGN.has(status)) out[dept] = status as 'pending' | 'signed' | 'returned'
  return out
}

/** One row; null when the required fields are missing (the row is left out: fail closed). */
export function parsePaperListEntry(v: unknown): PaperListEntry | null {
  if (!isObj(v) || !str(v.id) || !str(v.url) || !v.url.startsWith('automerge:') || !str(v.state) || !str(v.departmentId)) return null
  return {
    id: v.id,
    url: v.url,
    reference: str(v.reference) ? v.reference : '',
    name: str(v.name) ? v.name : '',
    paperType: str(v.paperType) ? v.paperType : '',
    departmentId: v.departmentId,
    department: str(v.department) ? v.department : v.departmentId,
    state: v.state,
    date: str(v.date) ? v.date : '',
    updatedAt: str(v.updatedAt) ? v.updatedAt : '',
    public: v.public === true,
    createdBy: strOrNull(v.createdBy),
    cosigning: parseCosigning(v.cosigning),
    cosigningSince: strOrNull(v.cosigningSince),
    cosigningDue: strOrNull(v.cosigningDue),
    nextOrganizationId: strOrNull(v.nextOrganizationId),
    nextOrganizationName: strOrNull(v.nextOrganizationName),
    nextRole: strOrNull(v.nextRole),
    returnedAt: strOrNull(v.returnedAt),
  }
}

/** GET /api/structure/departments → id -> name (unusable entries skipped). */
export function parseDepartmentNames(v: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isObj(v) || !Array.isArray(v.departments)) return out
  for (const d of v.departments) if (isObj(d) && str(d.id) && str(d.name) && d.name) out[d.id] = d.name
  return out
}

export function parsePaperList(v: unknown): PaperList {
  if (!isObj(v) || !Array.isArray(v.papers)) throw new ContractError('paper list')
  const papers: PaperListEntry[] = []
  for (const item of v.papers) {
    const entry = parsePaperListEntry(item)
    if (entry) papers.push(entry)
  }
  return { papers, serverTime: str(v.serverTime) ? v.serverTime : new Date().toISOString() }
}

const KEY = 'staff'

export class PaperListStore extends Emitter<PaperListStoreEvents> {
  private snapshot: PaperListSnapshot | undefined
  private etag: string | null = null
  private loading: Promise<PaperListSnapshot | undefined> | undefined
  private refreshing: Promise<PaperListSnapshot> | undefined

  constructor(
    private readonly db: UserDb,
    private readonly api: ApiClient,
  ) {
    super()
  }

  /** The list in memory (undefined until loaded or fetched). */
  get current(): PaperListSnapshot | undefined {
    return this.snapshot
  }

  /** The list saved on this device, read once. */
  load(): Promise<PaperListSnapshot | undefined> {
    this.loading ??= (async () => {
      const row = await this.db.paperLists.get(KEY).catch(() => undefined)
      if (!row || this.snapshot) return this.snapshot
      try {
        const { body, departmentNames } = JSON.parse(await this.db.cipher.openText(row.sealed)) as { body: string; departmentNames?: Record<string, string> }
        const list = parsePaperList(JSON.parse(body))
        this.snapshot = { papers: list.papers, serverTime: list.serverTime, confirmedAt: row.confirmedAt, departmentNames: departmentNames ?? {} }
        this.etag = row.etag
      } catch {
        // a damaged copy is as good as none: the next refresh replaces it
      }
      return this.snapshot
    })()
    return this.loading
  }

  /** Asks the relay for a newer list; throws NetworkError offline (the saved list stays). */
  refresh(): Promise<PaperListSnapshot> {
    this.refreshing ??= this.fetchList().finally(() => (this.refreshing = undefined))
    return this.refreshing
  }

  private async fetchList(): Promise<PaperListSnapshot> {
    await this.load()
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (this.snapshot && this.etag) headers['If-None-Match'] = this.etag
    let res: Response
    try {
      res = await this.api.request('/api/papers', { headers, timeoutMs: 60_000 })
    } catch (e) {
      // ApiClient reports every non-2xx as an error; 304 means "your copy is current"
      if (e instanceof ApiError && e.status === 304 && this.snapshot) return this.confirm()
      throw e
    }
    const body = await res.text()
    const list = parsePaperList(JSON.parse(body))
    const departmentNames = await this.departmentNames()
    const confirmedAt = new Date().toISOString()
    this.snapshot = { papers: list.papers, serverTime: list.serverTime, confirmedAt, departmentNames }
    this.etag = res.headers.get('ETag')
    const sealed = await this.db.cipher.sealText(JSON.stringify({ body, departmentNames }))
    await this.db.paperLists.put({ key: KEY, sealed, etag: this.etag, serverTime: list.serverTime, confirmedAt }).catch(() => undefined)
    this.emit('change', this.snapshot)
    return this.snapshot
  }

  /** Names of all departments (staff may ask); the previous ones when the relay does not answer. */
  private async departmentNames(): Promise<Record<string, string>> {
    try {
      return parseDepartmentNames(await this.api.getJson('/api/structure/departments'))
    } catch {
      return this.snapshot?.departmentNames ?? {}
    }
  }

  private async confirm(): Promise<PaperListSnapshot> {
    const confirmedAt = new Date().toISOString()
    this.snapshot = { ...this.snapshot!, confirmedAt }
    await this.db.paperLists.update(KEY, { confirmedAt }).catch(() => undefined)
    this.emit('change', this.snapshot)
    return this.snapshot
  }
}

const stores = new WeakMap<UserDb, PaperListStore>()

/** One store per signed-in user's database, shared by the list views. */
export function paperListStore(db: UserDb, api: ApiClient): PaperListStore {
  let store = stores.get(db)
  if (!store) stores.set(db, (store = new PaperListStore(db, api)))
  return store
}
