/**
 * The structure API on a real relay: the clerk's office maintains the structure; members, authors,
 * anonymous callers and forged origins change nothing; bad input is refused with a message that
 * names the field, and a new or changed membership moves access at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { defaultAccess } from '@ratstisch/domain'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'

const PASSWORD = 'test-password-123'
let relay: Relay
let origin: string
let dataDir: string
const cookies: Record<string, string> = {}
const invalidated: string[] = []
let bauDocId = ''

/** A real PNG of one colour (what a browser can show as a preview). */
export function tinyPng(width = 4, height = 4, rgb: [number, number, number] = [11, 79, 138]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(typeAndData))
    return Buffer.concat([length, typeAndData, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bit, truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-structure-routes-'))
  relay = createRelay({ ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, demo: false, evictIdleMs: 0 })
  relay.db.exec(`
    INSERT INTO organizations (id, name, short_name, organization_type, classification) VALUES
      ('org-rat','Stadtrat','Stadtrat','Gremium','Stadtrat'),
      ('org-bau','Bau- und Vergabeausschuss','Bauausschuss','Gremium','Ausschuss'),
      ('org-cdu','CDU-Fraktion','CDU','Fraktion','Fraktion');
    INSERT INTO persons (id, name, given_name, family_name) VALUES ('p-a','Anna Becker','Anna','Becker'), ('p-b','Bernd Schulz','Bernd','Schulz');
    INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date) VALUES
      ('m-a-bau','p-a','org-bau','Mitglied',1,'2024-07-01'),
      ('m-b-rat','p-b','org-rat','Mitglied',1,'2024-07-01');
    INSERT INTO departments (id, name, short_name) VALUES ('dept-bau','Amt für Stadtentwicklung und Bauen','Bau');
  `)
  const users = [
    { id: 'admin', username: 'admin', roles: ['admin'] as const },
    { id: 'clerk', username: 'clerk', roles: ['clerk'] as const },
    { id: 'author', username: 'author', roles: ['author'] as const, departmentId: 'dept-bau' },
    { id: 'ua', username: 'member-a', roles: ['member'] as const, personId: 'p-a' },
    { id: 'ub', username: 'member-b', roles: ['member'] as const, personId: 'p-b' },
  ]
  for (const u of users) await relay.users.create({ ...u, roles: [...u.roles], name: u.username, password: PASSWORD })
  bauDocId = 'bauConfidentialDoc1'
  relay.registry.register({
    documentId: bauDocId,
    type: 'meeting-confidential',
    meetingId: 'mtg-1',
    ownerId: null,
    ...defaultAccess('meeting-confidential', { organizationIds: ['org-bau'] }),
  })
  relay.registry.onChange((ids) => {
    if (ids !== 'all') invalidated.push(...ids)
  })
  const port = await relay.listen()
  origin = `http://127.0.0.1:${port}`
  for (const u of users) {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: u.username, password: PASSWORD }),
    })
    expect(res.status).toBe(200)
    cookies[u.username] = res.headers.get('set-cookie')!.split(';')[0]
  }
})

afterAll(async () => {
  await relay?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Json = Record<string, unknown>

async function call(method: string, url: string, options: { user?: string; body?: unknown; origin?: string | null; raw?: BodyInit; type?: string } = {}) {
  const headers: Record<string, string> = {}
  if (options.user) headers.cookie = cookies[options.user]
  if (options.origin !== null) headers.origin = options.origin ?? origin
  let body: BodyInit | undefined
  if (options.raw !== undefined) {
    body = options.raw
    headers['content-type'] = options.type ?? 'application/octet-stream'
  } else if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const res = await fetch(`${origin}${url}`, { method, headers, body })
  const text = await res.text()
  let json: Json = {}
  try {
    json = text ? (JSON.parse(text) as Json) : {}
  } catch {
    // not JSON (portrait bytes)
  }
  return { status: res.status, json, headers: res.headers }
}

/** Every row of the structure tables. */
const snapshot = () =>
  ['legislative_terms', 'organizations', 'departments', 'persons', 'memberships'].map((t) => relay.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all())

describe('the clerk maintains the structure', () => {
  it('creates and changes a term', async () => {
    const created = await call('POST', '/api/admin/structure/terms', { user: 'clerk', body: { name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' } })
    expect(created.status).toBe(201)
    expect(created.json.term).toEqual({ id: 'term-viii', name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' })
    const changed = await call('PATCH', '/api/admin/structure/terms/term-viii', { user: 'clerk', body: { name: 'VIII.' } })
    expect(changed.status).toBe(200)
    expect((await call('GET', '/api/admin/structure/terms', { user: 'clerk' })).json.terms).toEqual([{ ...created.json.term as Json, name: 'VIII.' }])
  })

  it('creates a committee with settings and a faction; lists them with the default settings', async () => {
    const committee = await call('POST', '/api/admin/structure/organizations', {
      user: 'admin',
      body: {
        name: 'Ausschuss für Umwelt und Klima',
        shortName: 'Umweltausschuss',
        organizationType: 'Gremium',
        classification: 'Ausschuss',
        startDate: '2024-07-01',
        settings: { invitationPeriodDays: 10, quorum: 'half', public: false },
      },
    })
    expect(committee.status).toBe(201)
    expect(committee.json.organization).toMatchObject({
      id: 'org-umweltausschuss',
      settings: { invitationPeriodDays: 10, urgentInvitationPeriodDays: 3, quorum: 'half', majority: 'simple', minimumMembers: 0, public: false },
    })
    const faction = await call('POST', '/api/admin/structure/organizations', { user: 'clerk', body: { name: 'Fraktion Freie Wähler', shortName: 'FW', organizationType: 'Fraktion' } })
    expect(faction.status).toBe(201)
    const list = await call('GET', '/api/admin/structure/organizations?type=Fraktion', { user: 'clerk' })
    expect((list.json.organizations as Json[]).map((o) => o.id)).toEqual(['org-cdu', 'org-fw'])
    expect(list.json.defaultSettings).toMatchObject({ invitationPeriodDays: 7, quorum: 'more-than-half' })
    const patched = await call('PATCH', '/api/admin/structure/organizations/org-umweltausschuss', { user: 'clerk', body: { settings: { majority: 'two-thirds' } } })
    expect(patched.json.organization).toMatchObject({ settings: { majority: 'two-thirds', invitationPeriodDays: 10, public: false } })
  })

  it('creates a department and a person with consent', async () => {
    const dept = await call('POST', '/api/admin/structure/departments', { user: 'clerk', body: { name: 'Kämmerei', shortName: 'Finanzen' } })
    expect(dept.json.department).toEqual({ id: 'dept-finanzen', name: 'Kämmerei', shortName: 'Finanzen', active: true })
    expect((await call('PATCH', '/api/admin/structure/departments/dept-finanzen', { user: 'clerk', body: { active: false } })).json.department).toMatchObject({ active: false })
    const person = await call('POST', '/api/admin/structure/persons', {
      user: 'clerk',
      body: { formOfAddress: 'Frau', title: 'Dr.', givenName: 'Clara', familyName: 'Neumann', publishConsent: true },
    })
    expect(person.status).toBe(201)
    expect(person.json.person).toMatchObject({ name: 'Dr. Clara Neumann', publishConsent: true, portraitSha256: null })
    const persons = (await call('GET', '/api/admin/structure/persons', { user: 'clerk' })).json.persons as Json[]
    expect(persons.map((p) => p.name)).toEqual(['Anna Becker', 'Dr. Clara Neumann', 'Bernd Schulz'])
  })
})

describe('memberships move access at once', () => {
  it('a new seat in the Bauausschuss gives member-b its non-public documents; ending it takes them away', async () => {
    expect(relay.registry.canRead('ub', bauDocId)).toBe(false)
    invalidated.length = 0
    const created = await call('POST', '/api/admin/structure/memberships', {
      user: 'clerk',
      body: { personId: 'p-b', organizationId: 'org-bau', role: 'Mitglied', startDate: '2024-07-01', onBehalfOf: 'org-cdu', substituteForPersonId: 'p-a' },
    })
    expect(created.status).toBe(201)
    const membership = created.json.membership as Json
    expect(membership).toMatchObject({ personName: 'Bernd Schulz', organizationName: 'Bau- und Vergabeausschuss', votingRight: true, onBehalfOfName: 'CDU-Fraktion', substituteForName: 'Anna Becker' })
    expect(invalidated).toEqual(['ub'])
    expect(relay.registry.canRead('ub', bauDocId)).toBe(true)

    // role changes leave access alone; the foundation's revocation endpoint ends the seat
    invalidated.length = 0
    expect((await call('PATCH', `/api/admin/structure/memberships/${membership.id}`, { user: 'clerk', body: { role: 'stellv. Vorsitz' } })).status).toBe(200)
    expect(invalidated).toEqual([])
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    const ended = await call('POST', `/api/admin/memberships/${membership.id}/end`, { user: 'clerk', body: { endDate: yesterday } })
    expect(ended.status).toBe(200)
    expect(relay.registry.canRead('ub', bauDocId)).toBe(false)
    const list = await call('GET', '/api/admin/structure/memberships?organization=org-bau&current=1', { user: 'clerk' })
    expect((list.json.memberships as Json[]).map((m) => m.personId)).toEqual(['p-a'])
  })

  it('moving a start date into the future revokes until then', async () => {
    invalidated.length = 0
    const res = await call('PATCH', '/api/admin/structure/memberships/m-a-bau', { user: 'clerk', body: { startDate: '2099-01-01' } })
    expect(res.status).toBe(200)
    expect(invalidated).toEqual(['ua'])
    expect(relay.registry.canRead('ua', bauDocId)).toBe(false)
    await call('PATCH', '/api/admin/structure/memberships/m-a-bau', { user: 'clerk', body: { startDate: '2024-07-01' } })
    expect(relay.registry.canRead('ua', bauDocId)).toBe(true)
  })
})

describe('nobody else changes the structure', () => {
  const writes: Array<[string, string, Json]> = [
    ['POST', '/api/admin/structure/terms', { name: 'IX', startDate: '2029-07-01', endDate: '2034-06-30' }],
    ['PATCH', '/api/admin/structure/terms/term-viii', { name: 'gekapert' }],
    ['POST', '/api/admin/structure/organizations', { name: 'Geheimrat', organizationType: 'Gremium', classification: 'Ausschuss' }],
    ['PATCH', '/api/admin/structure/organizations/org-bau', { name: 'gekapert' }],
    ['POST', '/api/admin/structure/departments', { name: 'Schattenamt', shortName: 'Schatten' }],
    ['PATCH', '/api/admin/structure/departments/dept-bau', { active: false }],
    ['POST', '/api/admin/structure/persons', { familyName: 'Eindringling' }],
    ['PATCH', '/api/admin/structure/persons/p-a', { publishConsent: true }],
    ['POST', '/api/admin/structure/memberships', { personId: 'p-b', organizationId: 'org-bau', role: 'Vorsitz', startDate: '2024-07-01' }],
    ['PATCH', '/api/admin/structure/memberships/m-a-bau', { endDate: '2024-07-01' }],
  ]

  it('members and authors get 403, anonymous callers 401, on every read and write', async () => {
    const before = snapshot()
    for (const [method, url, body] of writes) {
      for (const user of ['member-a', 'author']) expect((await call(method, url, { user, body })).status, `${user} ${method} ${url}`).toBe(403)
      expect((await call(method, url, { body })).status, `anonymous ${method} ${url}`).toBe(401)
    }
    for (const section of ['terms', 'organizations', 'departments', 'persons', 'memberships']) {
      expect((await call('GET', `/api/admin/structure/${section}`, { user: 'member-a' })).status).toBe(403)
      expect((await call('GET', `/api/admin/structure/${section}`)).status).toBe(401)
    }
    expect((await call('PUT', '/api/admin/structure/persons/p-a/portrait', { user: 'member-a', raw: tinyPng() as BodyInit })).status).toBe(403)
    expect((await call('DELETE', '/api/admin/structure/persons/p-a/portrait', { user: 'author' })).status).toBe(403)
    expect(snapshot()).toEqual(before)
    // refusals are audited (by the admin sub-app's guard or this one's, whichever answers first)
    expect(relay.audit.recent(undefined, 20).some((e) => e.action.endsWith('-denied') && e.actor === 'ua')).toBe(true)
  })

  it('a clerk’s cookie from a forged or missing Origin gets 403 and changes nothing', async () => {
    const before = snapshot()
    for (const [method, url, body] of writes) {
      expect((await call(method, url, { user: 'clerk', body, origin: 'https://evil.example' })).status).toBe(403)
      expect((await call(method, url, { user: 'clerk', body, origin: null })).status).toBe(403)
    }
    expect((await call('PUT', '/api/admin/structure/persons/p-a/portrait', { user: 'clerk', raw: tinyPng() as BodyInit, origin: 'https://evil.example' })).status).toBe(403)
    expect(snapshot()).toEqual(before)
  })
})

describe('bad input is refused with a clear message and loses nothing', () => {
  it('answers 400 with German and English messages and the field', async () => {
    const before = snapshot()
    const cases: Array<[string, string, unknown, string | undefined]> = [
      ['POST', '/api/admin/structure/terms', { name: 'IX', startDate: '2034-06-30', endDate: '2029-07-01' }, 'endDate'],
      ['POST', '/api/admin/structure/terms', { name: 'IX', startDate: '30.06.2029', endDate: '2034-06-30' }, 'startDate'],
      ['PATCH', '/api/admin/structure/terms/term-viii', { startDate: '2030-01-01' }, 'endDate'],
      ['POST', '/api/admin/structure/organizations', { name: 'X', organizationType: 'Gremium', classification: 'Ausschuss', settings: { quorum: 'alle' } }, 'settings.quorum'],
      ['PATCH', '/api/admin/structure/organizations/org-bau', { settings: { invitationPeriodDays: -1 } }, 'settings.invitationPeriodDays'],
      ['PATCH', '/api/admin/structure/organizations/org-bau', { name: '   ' }, 'name'],
      ['PATCH', '/api/admin/structure/persons/p-a', { email: 'kein-mail' }, 'email'],
      ['PATCH', '/api/admin/structure/persons/p-a', { familyName: null }, 'familyName'],
      ['POST', '/api/admin/structure/memberships', { personId: 'p-a', organizationId: 'org-rat', role: 'Mitglied', startDate: '2024-07-01', substituteForPersonId: 'p-x' }, 'substituteForPersonId'],
      ['POST', '/api/admin/structure/memberships', { personId: 'p-a', organizationId: 'org-rat', role: 'Mitglied' }, 'startDate'],
      ['PATCH', '/api/admin/structure/memberships/m-a-bau', { organizationId: 'org-rat' }, 'organizationId'],
      ['PATCH', '/api/admin/structure/memberships/m-a-bau', { endDate: '2020-01-01' }, 'endDate'],
      ['PATCH', '/api/admin/structure/persons/p-a', { isAdmin: true }, 'isAdmin'],
      ['POST', '/api/admin/structure/persons', '{"familyName": "Kaputt"', undefined],
      ['POST', '/api/admin/structure/persons', '[1,2]', undefined],
    ]
    for (const [method, url, body, field] of cases) {
      const res = await call(method, url, { user: 'clerk', body })
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400)
      expect(res.json).toMatchObject({ code: 'bad-request' })
      expect(res.json.field).toBe(field)
      expect(String(res.json.error)).toMatch(/[A-ZÄÖÜ„]/)
      expect(String(res.json.errorEn)).toMatch(/[a-z]/)
    }
    expect(snapshot()).toEqual(before)
  })

  it('answers 409 for duplicates and overlaps, 404 for unknown ids, 413 for huge bodies', async () => {
    const before = snapshot()
    const dup = await call('POST', '/api/admin/structure/memberships', { user: 'clerk', body: { personId: 'p-a', organizationId: 'org-bau', role: 'Mitglied', startDate: '2025-01-01' } })
    expect(dup.status).toBe(409)
    expect(dup.json.error).toMatch(/Anna Becker.*Bau- und Vergabeausschuss/)
    expect((await call('POST', '/api/admin/structure/organizations', { user: 'clerk', body: { name: 'Stadtrat', organizationType: 'Gremium', classification: 'Stadtrat' } })).status).toBe(409)
    expect((await call('PATCH', '/api/admin/structure/persons/p-nope', { user: 'clerk', body: { title: 'Dr.' } })).status).toBe(404)
    expect((await call('PATCH', '/api/admin/structure/memberships/m-nope', { user: 'clerk', body: { role: 'Mitglied' } })).status).toBe(404)
    expect((await call('POST', '/api/admin/structure/persons', { user: 'clerk', body: { familyName: 'x'.repeat(100_000) } })).status).toBe(413)
    expect(snapshot()).toEqual(before)
  })
})

describe('portraits', () => {
  it('stores a PNG for a person and serves it to signed-in users only', async () => {
    const png = tinyPng()
    const up = await call('PUT', '/api/admin/structure/persons/p-a/portrait', { user: 'clerk', raw: png as BodyInit, type: 'image/png' })
    expect(up.status).toBe(200)
    const sha = (up.json.person as Json).portraitSha256 as string
    expect(sha).toMatch(/^[0-9a-f]{64}$/)
    const res = await fetch(`${origin}/api/structure/persons/p-a/portrait`, { headers: { cookie: cookies['member-b'] } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(png))
    const again = await fetch(`${origin}/api/structure/persons/p-a/portrait`, { headers: { cookie: cookies['member-b'], 'if-none-match': `"${sha}"` } })
    expect(again.status).toBe(304)
    expect((await call('GET', '/api/structure/persons/p-a/portrait')).status).toBe(401)
    // the blob is no document file: /api/files does not hand it out
    expect((await call('GET', `/api/files/${sha}`, { user: 'member-b' })).status).toBe(404)
  })

  it('refuses other file types and oversized images, keeping the old portrait', async () => {
    const before = snapshot()
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;')
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    for (const bytes of [svg, gif, pdf]) {
      const res = await call('PUT', '/api/admin/structure/persons/p-a/portrait', { user: 'clerk', raw: bytes as BodyInit, type: 'image/png' })
      expect(res.status).toBe(415)
      expect(res.json.error).toMatch(/JPEG, PNG oder WebP|JPEG-, PNG- oder WebP/)
    }
    const big = new Uint8Array(3 * 1024 * 1024)
    big.set(tinyPng())
    expect((await call('PUT', '/api/admin/structure/persons/p-a/portrait', { user: 'clerk', raw: big as BodyInit })).status).toBe(413)
    expect((await call('PUT', '/api/admin/structure/persons/p-nope/portrait', { user: 'clerk', raw: tinyPng() as BodyInit })).status).toBe(404)
    expect(snapshot()).toEqual(before)
  })

  it('removes a portrait', async () => {
    const res = await call('DELETE', '/api/admin/structure/persons/p-a/portrait', { user: 'admin' })
    expect(res.status).toBe(200)
    expect((res.json.person as Json).portraitSha256).toBeNull()
    expect((await call('GET', '/api/structure/persons/p-a/portrait', { user: 'member-b' })).status).toBe(404)
  })
})

describe('read-only lists', () => {
  it('gives every signed-in user the bodies and factions, without settings', async () => {
    const res = await call('GET', '/api/structure/organizations', { user: 'member-a' })
    expect(res.status).toBe(200)
    const orgs = res.json.organizations as Json[]
    expect(orgs.map((o) => o.id)).toContain('org-cdu')
    expect(orgs[0]).not.toHaveProperty('settings')
    expect((await call('GET', '/api/structure/organizations')).status).toBe(401)
  })

  it('gives staff the departments, members not', async () => {
    const res = await call('GET', '/api/structure/departments', { user: 'author' })
    expect(res.status).toBe(200)
    expect((res.json.departments as Json[]).map((d) => d.id)).toContain('dept-bau')
    expect((await call('GET', '/api/structure/departments', { user: 'member-a' })).status).toBe(403)
    expect((await call('GET', '/api/structure/departments')).status).toBe(401)
  })
})
