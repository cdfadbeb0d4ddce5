/**
 * Shapes of the relay's HTTP answers (docs/API.md) and their runtime validation: whatever the
 * network hands us is checked before it reaches Dexie or the UI.
 */
import { isRole, isDocType, type DocType, type Manifest, type ManifestEntry, type Me, type MeetingMeta, type Membership, type RegisterDocumentResult, type Role } from '@ratstisch/domain'

export type { Manifest, ManifestEntry, Me, MeetingMeta, Membership, RegisterDocumentResult } from '@ratstisch/domain'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): v is string => typeof v === 'string'
const optStr = (v: unknown): v is string | undefined | null => v === undefined || v === null || typeof v === 'string'

export class ContractError extends Error {
  constructor(what: string) {
    super(`relay answer does not match the API contract: ${what}`)
    this.name = 'ContractError'
  }
}

function parseMembership(v: unknown): Membership | null {
  if (!isObj(v) || !str(v.organizationId)) return null
  return {
    organizationId: v.organizationId,
    organizationName: str(v.organizationName) ? v.organizationName : v.organizationId,
    organizationType: v.organizationType === 'Fraktion' ? 'Fraktion' : 'Gremium',
    role: str(v.role) ? v.role : '',
    votingRight: v.votingRight === true,
    startDate: str(v.startDate) ? v.startDate : null,
    endDate: str(v.endDate) ? v.endDate : null,
  }
}

export function parseMe(v: unknown): Me {
  if (!isObj(v) || !str(v.id) || !str(v.username)) throw new ContractError('Me')
  return {
    id: v.id,
    username: v.username,
    name: str(v.name) && v.name ? v.name : v.username,
    roles: Array.isArray(v.roles) ? v.roles.filter(isRole) : [],
    memberships: Array.isArray(v.memberships)
      ? v.memberships.map(parseMembership).filter((m): m is Membership => m !== null)
      : [],
    departmentId: str(v.departmentId) && v.departmentId ? v.departmentId : null,
    departmentName: str(v.departmentName) && v.departmentName ? v.departmentName : null,
  }
}

export const AUTOMERGE_URL_PREFIX = 'automerge:'

export function documentIdOf(url: string): string {
  return url.startsWith(AUTOMERGE_URL_PREFIX) ? url.slice(AUTOMERGE_URL_PREFIX.length) : url
}

function parseMeta(v: unknown): MeetingMeta | undefined {
  if (!isObj(v) || !str(v.name) || !str(v.start) || !str(v.organizationId)) return undefined
  return {
    name: v.name,
    start: v.start,
    end: str(v.end) ? v.end : undefined,
    state: str(v.state) ? v.state : '',
    organizationId: v.organizationId,
    organizationName: str(v.organizationName) ? v.organizationName : v.organizationId,
    location: str(v.location) ? v.location : undefined,
  }
}

/** Entries that do not validate are skipped (and so treated as not readable): fail closed. */
export function parseManifestEntry(v: unknown): ManifestEntry | null {
  if (!isObj(v) || !str(v.url) || !v.url.startsWith(AUTOMERGE_URL_PREFIX) || !isDocType(v.type)) return null
  if (!optStr(v.meeting)) return null
  const entry: ManifestEntry = { url: v.url, type: v.type, access: v.access === 'write' ? 'write' : 'read' }
  if (str(v.meeting)) entry.meeting = v.meeting
  const meta = v.type === 'meeting' ? parseMeta(v.meta) : undefined
  if (meta) entry.meta = meta
  return entry
}

export function parseManifest(v: unknown): Manifest {
  if (!isObj(v) || !Array.isArray(v.documents)) throw new ContractError('manifest')
  return {
    documents: v.documents.map(parseManifestEntry).filter((e): e is ManifestEntry => e !== null),
    serverTime: str(v.serverTime) ? v.serverTime : new Date().toISOString(),
  }
}

export function parseRegisterResult(v: unknown): RegisterDocumentResult {
  if (!isObj(v) || !str(v.url) || !v.url.startsWith(AUTOMERGE_URL_PREFIX)) throw new ContractError('register document')
  return { url: v.url, existing: v.existing === true }
}

/** Organizations (bodies) whose meetings the user sits in today. */
export function activeBodyIds(me: Me, today: string): Set<string> {
  const ids = new Set<string>()
  for (const m of me.memberships) {
    if (m.organizationType !== 'Gremium') continue
    if (m.startDate && m.startDate > today) continue
    if (m.endDate && m.endDate < today) continue
    ids.add(m.organizationId)
  }
  return ids
}

export const isOfficeStaff = (me: Me): boolean => me.roles.includes('clerk') || me.roles.includes('admin')
