/**
 * Who may read or write which document. Pure rules; the relay keeps the registry and calls these.
 *
 * A document's audience is a list of principals:
 *   "public"          every signed-in user (and the public portal, once published)
 *   "role:<role>"     everyone holding that role (e.g. role:clerk)
 *   "org:<id>"        current members of an organization (body or faction)
 *   "user:<id>"       one user (private notes and annotations)
 *   "dept:<id>"       staff of an administrative department (drafts of papers)
 * Write access implies read access. Anything not granted is denied (fail closed).
 */
import type { DocType } from './documents.ts'

/**
 * `finance` (Finanzsachbearbeitung) keeps the allowances (Sitzungsgeld): statute, assignments,
 * bank data, claims, runs and payouts. Allowance data lives in relay tables only, never in a
 * document, so no document audience ever names this role; neither admin nor clerk sees that data.
 */
export const ROLES = ['admin', 'clerk', 'author', 'approver', 'member', 'finance'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export type Principal = string
export type AccessLevel = 'read' | 'write'

export interface AccessEntry {
  readers: Principal[]
  writers: Principal[]
}

export interface MembershipPeriod {
  organizationId: string
  /** ISO date (inclusive); absent = since always */
  startDate?: string | null
  /** ISO date (inclusive); absent = open-ended */
  endDate?: string | null
}

export interface AccessSubject {
  userId: string
  roles: readonly Role[]
  memberships: readonly MembershipPeriod[]
  /** administrative department of staff users */
  departmentId?: string | null
}

/** A membership grants access from its start date through its end date (inclusive). */
export function isMembershipActive(m: MembershipPeriod, today: string): boolean {
  if (m.startDate && m.startDate > today) return false
  if (m.endDate && m.endDate < today) return false
  return true
}

export function principalsOf(subject: AccessSubject, today: string): Set<Principal> {
  const result = new Set<Principal>(['public', `user:${subject.userId}`])
  for (const role of subject.roles) result.add(`role:${role}`)
  if (subject.departmentId) result.add(`dept:${subject.departmentId}`)
  for (const m of subject.memberships) if (isMembershipActive(m, today)) result.add(`org:${m.organizationId}`)
  return result
}

export function accessLevel(principals: ReadonlySet<Principal>, entry: AccessEntry | undefined): AccessLevel | null {
  if (!entry) return null
  if (entry.writers.some((p) => principals.has(p))) return 'write'
  if (entry.readers.some((p) => principals.has(p))) return 'read'
  return null
}

export const canRead = (principals: ReadonlySet<Principal>, entry: AccessEntry | undefined): boolean =>
  accessLevel(principals, entry) !== null

export const canWrite = (principals: ReadonlySet<Principal>, entry: AccessEntry | undefined): boolean =>
  accessLevel(principals, entry) === 'write'

/** Staff who maintain meetings and papers. */
export const OFFICE_WRITERS: readonly Principal[] = ['role:clerk', 'role:admin']

export interface AudienceContext {
  /** organizations whose members may read non-public content */
  organizationIds?: readonly string[]
  /** owner of a personal document */
  ownerId?: string
  public?: boolean
  /** departments that draft a paper (owner first, then shared / co-signing ones) */
  departmentIds?: readonly string[]
  /** departments that only read a paper (asked to co-sign) */
  readerDepartmentIds?: readonly string[]
  /** a paper still in the administration (not released); a meeting not yet released (invited) */
  draft?: boolean
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)]

/** The default audience of a new document of the given type. */
export function defaultAccess(type: DocType, ctx: AudienceContext): AccessEntry {
  const office = [...OFFICE_WRITERS]
  const orgs = (ctx.organizationIds ?? []).map((id) => `org:${id}`)
  switch (type) {
    case 'meeting':
      // a meeting being planned is seen by the office only; the release command opens it to all
      if (ctx.draft) return { readers: office, writers: office }
      return { readers: ['public'], writers: office }
    case 'meeting-confidential':
      if (ctx.draft) return { readers: office, writers: office }
      return { readers: [...orgs, ...office], writers: office }
    case 'minutes':
      // public part: everyone once approved; until then (and the non-public part always) the body
      if (ctx.public) return { readers: ['public'], writers: office }
      return { readers: [...orgs, ...office], writers: office }
    case 'paper': {
      const depts = (ctx.departmentIds ?? []).map((id) => `dept:${id}`)
      const readingDepts = (ctx.readerDepartmentIds ?? []).map((id) => `dept:${id}`)
      if (ctx.draft) {
        // drafts: the departments work on them (fine-grained rights per workflow state are checked
        // per change), co-signing departments read, the office and the approvers see all
        const writers = [...depts, ...office, 'role:approver']
        return { readers: unique([...writers, ...readingDepts]), writers }
      }
      if (ctx.public) return { readers: ['public'], writers: office }
      return { readers: unique([...orgs, ...office, 'role:approver', ...depts, ...readingDepts]), writers: office }
    }
    case 'notes':
      if (!ctx.ownerId) throw new Error('notes need an owner')
      return { readers: [`user:${ctx.ownerId}`], writers: [`user:${ctx.ownerId}`] }
    case 'faction-notes': {
      // the faction's members only: neither the office nor other factions read a faction's notes
      if (orgs.length !== 1) throw new Error('faction notes need exactly one faction')
      return { readers: orgs, writers: orgs }
    }
  }
}

/** Peer ids are bound to users: "u-<userId>-<device>". The relay rejects any other form. */
export const peerIdPrefix = (userId: string): string => `u-${userId}-`

export function isPeerIdOf(peerId: string, userId: string): boolean {
  const prefix = peerIdPrefix(userId)
  return peerId.startsWith(prefix) && /^[A-Za-z0-9_-]{4,64}$/.test(peerId.slice(prefix.length))
}
