/**
 * The structure API (docs/API.md, "Structure") as the admin views use it: typed calls, answers
 * checked before they reach the UI, refusals as `StructureApiError` carrying the field to correct
 * and the message in German and English.
 *
 * The option lists and record shapes come from @ratstisch/domain (structure.ts), as the relay's
 * validation uses them; the relay has the last word, the app only offers the choices.
 */
import {
  DEFAULT_BODY_SETTINGS,
  MAJORITY_RULES,
  QUORUM_RULES,
  TIE_BREAK_RULES,
  type BodySettings,
  type StandardItemTemplate,
  type DepartmentInfo,
  type LegislativeTerm,
  type Organization,
  type Person,
  type StructureMembership,
} from '@ratstisch/domain'
import { NetworkError, type ApiClient } from '../../services/api-client.ts'

export type Department = DepartmentInfo

/** A refusal of the relay: which field to correct and why, in both languages. */
export class StructureApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly messageDe: string,
    readonly messageEn: string,
    readonly field: string | undefined,
  ) {
    super(messageDe)
    this.name = 'StructureApiError'
  }
}

export class StructureContractError extends Error {
  constructor(what: string) {
    super(`relay answer does not match the structure API: ${what}`)
    this.name = 'StructureContractError'
  }
}

// ---------------------------------------------------------------------------------------------
// Answer parsing

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const req = (o: Obj, key: string, what: string): string => {
  const v = o[key]
  if (typeof v !== 'string') throw new StructureContractError(`${what}.${key}`)
  return v
}
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const oneOf = <T extends string>(v: unknown, values: readonly T[], fallback: T): T => ((values as readonly unknown[]).includes(v) ? (v as T) : fallback)

function list<T>(body: unknown, key: string, item: (v: unknown) => T): T[] {
  if (!isObj(body) || !Array.isArray(body[key])) throw new StructureContractError(key)
  return (body[key] as unknown[]).map(item)
}

function single<T>(body: unknown, key: string, item: (v: unknown) => T): T {
  if (!isObj(body)) throw new StructureContractError(key)
  return item(body[key])
}

export function parseTerm(v: unknown): LegislativeTerm {
  if (!isObj(v)) throw new StructureContractError('term')
  return { id: req(v, 'id', 'term'), name: req(v, 'name', 'term'), startDate: req(v, 'startDate', 'term'), endDate: req(v, 'endDate', 'term') }
}

export function parseSettings(v: unknown): BodySettings {
  const o = isObj(v) ? v : {}
  const d = DEFAULT_BODY_SETTINGS
  return {
    invitationPeriodDays: num(o.invitationPeriodDays, d.invitationPeriodDays),
    urgentInvitationPeriodDays: num(o.urgentInvitationPeriodDays, d.urgentInvitationPeriodDays),
    quorum: oneOf(o.quorum, QUORUM_RULES, d.quorum),
    majority: oneOf(o.majority, MAJORITY_RULES, d.majority),
    minimumMembers: num(o.minimumMembers, d.minimumMembers),
    public: typeof o.public === 'boolean' ? o.public : d.public,
    tieBreak: oneOf(o.tieBreak, TIE_BREAK_RULES, d.tieBreak),
    ...(Array.isArray(o.standardItems) ? { standardItems: o.standardItems.filter(isTemplate).map((t) => ({ key: t.key, title: t.title, public: t.public, position: t.position })) } : {}),
  }
}

/** A template entry as the relay stores it (the relay validated it; this only guards the shape). */
function isTemplate(v: unknown): v is StandardItemTemplate {
  return isObj(v) && typeof v.key === 'string' && typeof v.title === 'string' && typeof v.public === 'boolean' && (v.position === 'start' || v.position === 'end')
}

export function parseOrganization(v: unknown): Organization {
  if (!isObj(v)) throw new StructureContractError('organization')
  const organizationType = v.organizationType === 'Fraktion' ? 'Fraktion' : 'Gremium'
  return {
    id: req(v, 'id', 'organization'),
    name: req(v, 'name', 'organization'),
    shortName: str(v.shortName) ?? req(v, 'name', 'organization'),
    organizationType,
    classification: str(v.classification) ?? '',
    startDate: str(v.startDate),
    endDate: str(v.endDate),
    settings: organizationType === 'Gremium' ? parseSettings(v.settings) : null,
  }
}

export function parseDepartment(v: unknown): Department {
  if (!isObj(v)) throw new StructureContractError('department')
  return { id: req(v, 'id', 'department'), name: req(v, 'name', 'department'), shortName: str(v.shortName) ?? '', active: v.active !== false }
}

export function parsePerson(v: unknown): Person {
  if (!isObj(v)) throw new StructureContractError('person')
  return {
    id: req(v, 'id', 'person'),
    name: req(v, 'name', 'person'),
    formOfAddress: str(v.formOfAddress),
    title: str(v.title),
    givenName: str(v.givenName),
    familyName: str(v.familyName),
    email: str(v.email),
    publishConsent: v.publishConsent === true,
    portraitSha256: str(v.portraitSha256),
  }
}

export function parseMembership(v: unknown): StructureMembership {
  if (!isObj(v)) throw new StructureContractError('membership')
  return {
    id: req(v, 'id', 'membership'),
    personId: req(v, 'personId', 'membership'),
    personName: str(v.personName) ?? req(v, 'personId', 'membership'),
    organizationId: req(v, 'organizationId', 'membership'),
    organizationName: str(v.organizationName) ?? req(v, 'organizationId', 'membership'),
    organizationType: v.organizationType === 'Fraktion' ? 'Fraktion' : 'Gremium',
    role: str(v.role) ?? '',
    votingRight: v.votingRight === true,
    startDate: str(v.startDate),
    endDate: str(v.endDate),
    onBehalfOf: str(v.onBehalfOf),
    onBehalfOfName: str(v.onBehalfOfName),
    substituteForPersonId: str(v.substituteForPersonId),
    substituteForName: str(v.substituteForName),
  }
}

/** Turns an error answer into a StructureApiError (German and English message, field). */
export async function refusalOf(res: Response): Promise<StructureApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not JSON
  }
  const o = isObj(body) ? body : {}
  const de = str(o.error) ?? `Serverfehler ${res.status}`
  return new StructureApiError(res.status, str(o.code) ?? undefined, de, str(o.errorEn) ?? de, str(o.field) ?? undefined)
}

// ---------------------------------------------------------------------------------------------
// Client

export type Payload = Record<string, unknown>

export class StructureClient {
  constructor(private readonly api: ApiClient) {}

  /**
   * One request. Network failures throw NetworkError (the typed input stays in the form), refusals
   * StructureApiError; a 401 also tells the app, which asks for a new sign-in.
   */
  private async send(method: string, path: string, body?: Payload | Blob): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    let payload: BodyInit | undefined
    if (body instanceof Blob) {
      payload = body
      headers['Content-Type'] = body.type || 'application/octet-stream'
    } else if (body !== undefined) {
      payload = JSON.stringify(body)
      headers['Content-Type'] = 'application/json'
    }
    let res: Response
    try {
      res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(30_000) })
    } catch (e) {
      throw new NetworkError(e)
    }
    if (!res.ok) {
      if (res.status === 401) this.api.onUnauthorized?.()
      throw await refusalOf(res)
    }
    const text = await res.text()
    return text ? (JSON.parse(text) as unknown) : null
  }

  async terms(): Promise<LegislativeTerm[]> {
    return list(await this.send('GET', '/api/admin/structure/terms'), 'terms', parseTerm)
  }
  async saveTerm(id: string | null, payload: Payload): Promise<LegislativeTerm> {
    return single(await this.write('terms', id, payload), 'term', parseTerm)
  }

  async organizations(): Promise<Organization[]> {
    return list(await this.send('GET', '/api/admin/structure/organizations'), 'organizations', parseOrganization)
  }
  async saveOrganization(id: string | null, payload: Payload): Promise<Organization> {
    return single(await this.write('organizations', id, payload), 'organization', parseOrganization)
  }

  async departments(): Promise<Department[]> {
    return list(await this.send('GET', '/api/admin/structure/departments'), 'departments', parseDepartment)
  }
  async saveDepartment(id: string | null, payload: Payload): Promise<Department> {
    return single(await this.write('departments', id, payload), 'department', parseDepartment)
  }

  async persons(): Promise<Person[]> {
    return list(await this.send('GET', '/api/admin/structure/persons'), 'persons', parsePerson)
  }
  async savePerson(id: string | null, payload: Payload): Promise<Person> {
    return single(await this.write('persons', id, payload), 'person', parsePerson)
  }
  async uploadPortrait(personId: string, file: Blob): Promise<Person> {
    return single(await this.send('PUT', `/api/admin/structure/persons/${encodeURIComponent(personId)}/portrait`, file), 'person', parsePerson)
  }
  async removePortrait(personId: string): Promise<Person> {
    return single(await this.send('DELETE', `/api/admin/structure/persons/${encodeURIComponent(personId)}/portrait`), 'person', parsePerson)
  }

  async memberships(): Promise<StructureMembership[]> {
    return list(await this.send('GET', '/api/admin/structure/memberships'), 'memberships', parseMembership)
  }
  async saveMembership(id: string | null, payload: Payload): Promise<StructureMembership> {
    return single(await this.write('memberships', id, payload), 'membership', parseMembership)
  }
  /** Ends a membership through the relay's revocation path: access ends after `endDate`. */
  async endMembership(id: string, endDate: string): Promise<void> {
    await this.send('POST', `/api/admin/memberships/${encodeURIComponent(id)}/end`, { endDate })
  }

  private write(collection: string, id: string | null, payload: Payload): Promise<unknown> {
    return id === null
      ? this.send('POST', `/api/admin/structure/${collection}`, payload)
      : this.send('PATCH', `/api/admin/structure/${collection}/${encodeURIComponent(id)}`, payload)
  }
}

/** The portrait URL for <img>; the hash makes a new portrait show at once. */
export function portraitUrl(person: Pick<Person, 'id' | 'portraitSha256'>): string | null {
  return person.portraitSha256 ? `/api/structure/persons/${encodeURIComponent(person.id)}/portrait?v=${person.portraitSha256.slice(0, 12)}` : null
}
