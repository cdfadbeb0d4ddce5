/**
 * Beschlusskontrolle on a real relay: the store's upsert keeps what the office tracked, the list
 * shows each user only what they may read, and assign / report are refused to everybody but the
 * office and the owning department (adversarial clients included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResolutionEntry } from '@ratstisch/domain'
import { startFixture, type Fixture } from '../testing/relay-fixture.ts'

let fx: Fixture
const cookies: Record<string, string> = {}
let publicRat: ResolutionEntry
let secretBau: ResolutionEntry
let secretRat: ResolutionEntry

const get = async (user: string | null, path: string) => {
  const res = await fetch(`${fx.origin}${path}`, { headers: user ? { cookie: cookies[user] } : {} })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const post = async (user: string | null, path: string, body: unknown) => {
  const res = await fetch(`${fx.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: fx.origin, ...(user ? { cookie: cookies[user] } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const listIds = async (user: string, query = '') => {
  const { status, body } = await get(user, `/api/resolutions${query}`)
  expect(status).toBe(200)
  return (body.resolutions as ResolutionEntry[]).map((r) => r.id).sort()
}
let seq = 0
const cmdId = () => `cmd-test-${++seq}-${Date.now()}`

beforeAll(async () => {
  fx = await startFixture()
  const { users } = fx.relay
  await users.create({ id: 'author-bau', username: 'author-bau', name: 'Tom Bauer', password: 'test-password-123', roles: ['author'], departmentId: 'dept-bau' })
  await users.create({ id: 'author-fin', username: 'author-fin', name: 'Fiona Geld', password: 'test-password-123', roles: ['author'], departmentId: 'dept-finanzen' })
  await users.create({ id: 'nobody', username: 'nobody', name: 'Niemand', password: 'test-password-123', roles: [] })
  for (const u of ['clerk', 'member-a', 'member-b', 'author-bau', 'author-fin', 'nobody']) cookies[u] = await fx.login(u)
  const store = fx.relay.resolutions
  publicRat = store.record({ sourceKey: 'meeting:m1:i1', source: 'meeting', organizationId: 'org-rat', meetingId: 'mtg-1', itemId: 'i1', itemNumber: 'Ö 1', decidedOn: '2026-01-10', title: 'Spielplatz', text: 'Der Spielplatz wird saniert.', public: true })
  secretBau = store.record({ sourceKey: 'meeting:m1:n1', source: 'meeting', organizationId: 'org-bau', meetingId: 'mtg-1', itemId: 'n1', itemNumber: 'N 1', decidedOn: '2026-01-11', title: 'Grundstücksverkauf', text: 'Flurstück 17 wird verkauft.', public: false })
  secretRat = store.record({ sourceKey: 'meeting:m2:n2', source: 'meeting', organizationId: 'org-rat', decidedOn: '2026-01-12', title: 'Personalsache', text: 'Vertraulich.', public: false })
}, 60_000)

afterAll(async () => {
  await fx.close()
})

describe('ResolutionStore.record', () => {
  it('upserts by source key: texts refresh, owner, due date, status and reports stay', async () => {
    const a = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'assign', ownerDepartmentId: 'dept-bau', ownerPersonName: 'Herr Bauer', dueDate: '2099-06-30' })
    expect(a.status).toBe(201)
    const r = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'in Arbeit', text: 'Angebote eingeholt' })
    expect(r.status).toBe(201)
    const again = fx.relay.resolutions.record({ sourceKey: 'meeting:m1:i1', source: 'meeting', organizationId: 'org-rat', meetingId: 'mtg-1', itemId: 'i1', itemNumber: 'Ö 2', decidedOn: '2026-01-10', title: 'Spielplatz Nord', text: 'Der Spielplatz Nord wird saniert.', public: true })
    expect(again.id).toBe(publicRat.id)
    expect(again.title).toBe('Spielplatz Nord')
    expect(again.itemNumber).toBe('Ö 2')
    expect(again.text).toBe('Der Spielplatz Nord wird saniert.')
    expect(again.ownerDepartmentId).toBe('dept-bau')
    expect(again.ownerDepartmentName).toBe('Amt für Stadtentwicklung und Bauen')
    expect(again.ownerPersonName).toBe('Herr Bauer')
    expect(again.dueDate).toBe('2099-06-30')
    expect(again.status).toBe('in Arbeit')
    expect(again.reports.map((x) => x.text)).toEqual(['Angebote eingeholt'])
    expect(fx.relay.db.prepare(`SELECT COUNT(*) AS n FROM resolutions WHERE source_key = 'meeting:m1:i1'`).get()).toEqual({ n: 1 })
  })
})

describe('GET /api/resolutions access', () => {
  it('staff see every resolution', async () => {
    expect(await listIds('clerk')).toEqual([publicRat.id, secretBau.id, secretRat.id].sort())
    expect(await listIds('author-fin')).toEqual([publicRat.id, secretBau.id, secretRat.id].sort())
  })

  it('members see public ones and the non-public ones of their own bodies only', async () => {
    expect(await listIds('member-a')).toEqual([publicRat.id, secretBau.id, secretRat.id].sort())
    // member-b sits in the Stadtrat only: never the Bauausschuss' non-public resolution
    expect(await listIds('member-b')).toEqual([publicRat.id, secretRat.id].sort())
    expect((await get('member-b', `/api/resolutions/${secretBau.id}`)).status).toBe(404)
    expect(await listIds('member-b', '?organizationId=org-bau')).toEqual([])
  })

  it('a membership that has ended no longer opens non-public resolutions', async () => {
    fx.relay.db.prepare(`UPDATE memberships SET end_date = '2025-01-01' WHERE id = 'm-a-bau'`).run()
    fx.relay.registry.invalidateUsers(['ua'])
    try {
      expect(await listIds('member-a')).toEqual([publicRat.id, secretRat.id].sort())
    } finally {
      fx.relay.db.prepare(`UPDATE memberships SET end_date = NULL WHERE id = 'm-a-bau'`).run()
      fx.relay.registry.invalidateUsers(['ua'])
    }
  })

  it('users without role or membership see public ones only; anonymous callers nothing', async () => {
    expect(await listIds('nobody')).toEqual([publicRat.id])
    expect((await get('nobody', `/api/resolutions/${secretRat.id}`)).status).toBe(404)
    expect((await get(null, '/api/resolutions')).status).toBe(401)
  })

  it('filters by body, status and overdue', async () => {
    expect(await listIds('clerk', '?organizationId=org-bau')).toEqual([secretBau.id])
    expect(await listIds('clerk', '?status=in%20Arbeit')).toEqual([publicRat.id])
    expect((await get('clerk', '/api/resolutions?status=kaputt')).status).toBe(400)
    const past = await post('clerk', `/api/resolutions/${secretBau.id}/commands`, { id: cmdId(), action: 'assign', ownerDepartmentId: 'dept-finanzen', dueDate: '2020-01-31' })
    expect(past.status).toBe(201)
    expect(await listIds('clerk', '?overdue=1')).toEqual([secretBau.id])
    // done is never overdue
    await post('clerk', `/api/resolutions/${secretBau.id}/commands`, { id: cmdId(), action: 'report', status: 'erledigt', text: 'Vertrag beurkundet' })
    expect(await listIds('clerk', '?overdue=1')).toEqual([])
  })
})

describe('POST /api/resolutions/:id/commands', () => {
  it('assign: only the office; a member or an author is refused with 403', async () => {
    const member = await post('member-a', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'assign', ownerDepartmentId: 'dept-ordnung', dueDate: '2027-01-01' })
    expect(member.status).toBe(403)
    const author = await post('author-bau', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'assign', dueDate: '2027-01-01' })
    expect(author.status).toBe(403)
    expect(fx.relay.resolutions.entry(publicRat.id)!.ownerDepartmentId).toBe('dept-bau')
  })

  it('assign validates department and due date with German errors', async () => {
    const bad = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'assign', ownerDepartmentId: 'dept-gibtsnicht' })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatch(/Amt/)
    const date = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'assign', dueDate: '2026-02-30' })
    expect(date.status).toBe(400)
    expect(date.body.error).toMatch(/Frist/)
    expect((await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'delete' })).status).toBe(400)
    expect((await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { action: 'assign' })).status).toBe(400)
  })

  it('report: the owning department may, another department and members may not', async () => {
    const own = await post('author-bau', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'in Arbeit', text: 'Auftrag vergeben' })
    expect(own.status).toBe(201)
    expect((own.body.resolution as ResolutionEntry).reports.at(-1)).toMatchObject({ byName: 'Tom Bauer', status: 'in Arbeit', text: 'Auftrag vergeben' })
    expect((await post('author-fin', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'erledigt', text: 'erledigt' })).status).toBe(403)
    expect((await post('member-a', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'erledigt', text: 'erledigt' })).status).toBe(403)
    // not visible → 404, not 403 (existence does not leak)
    expect((await post('member-b', `/api/resolutions/${secretBau.id}/commands`, { id: cmdId(), action: 'report', status: 'erledigt', text: 'x' })).status).toBe(404)
    expect(fx.relay.resolutions.entry(publicRat.id)!.status).toBe('in Arbeit')
  })

  it('report validates status and text', async () => {
    const s = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'fertig', text: 'x' })
    expect(s.status).toBe(400)
    expect(s.body.error).toMatch(/Stand/)
    const t = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'erledigt', text: '   ' })
    expect(t.status).toBe(400)
    expect(t.body.error).toMatch(/Sachstand/)
  })

  it('is idempotent by command id: a repeated report is stored once', async () => {
    const id = cmdId()
    const before = fx.relay.resolutions.entry(secretRat.id)!.reports.length
    const first = await post('clerk', `/api/resolutions/${secretRat.id}/commands`, { id, action: 'report', status: 'in Arbeit', text: 'Gespräch geführt' })
    const second = await post('clerk', `/api/resolutions/${secretRat.id}/commands`, { id, action: 'report', status: 'in Arbeit', text: 'Gespräch geführt' })
    expect(first.status).toBe(201)
    expect(second.status).toBe(200)
    expect(second.body.repeated).toBe(true)
    expect(fx.relay.resolutions.entry(secretRat.id)!.reports.length).toBe(before + 1)
    // the same id for another resolution is refused
    expect((await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id, action: 'report', status: 'erledigt', text: 'x' })).status).toBe(409)
    const assignId = cmdId()
    expect((await post('clerk', `/api/resolutions/${secretRat.id}/commands`, { id: assignId, action: 'assign', dueDate: '2027-03-01' })).status).toBe(201)
    await post('clerk', `/api/resolutions/${secretRat.id}/commands`, { id: cmdId(), action: 'assign', dueDate: '2027-04-01' })
    // an old assign delivered again does not undo the later one
    expect((await post('clerk', `/api/resolutions/${secretRat.id}/commands`, { id: assignId, action: 'assign', dueDate: '2027-03-01' })).status).toBe(200)
    expect(fx.relay.resolutions.entry(secretRat.id)!.dueDate).toBe('2027-04-01')
  })
})

describe('the public portal /beschluesse', () => {
  const portal = async (origin: string, query = '') => {
    const res = await fetch(`${origin}/beschluesse${query}`)
    return { status: res.status, text: await res.text() }
  }

  it('lists public resolutions with their status, never a non-public one (anonymous visitor)', async () => {
    const current = fx.relay.resolutions.entry(publicRat.id)!
    const { status, text } = await portal(fx.origin)
    expect(status).toBe(200)
    expect(text).toContain(current.title)
    expect(text).toContain(current.text)
    for (const secret of ['Grundstücksverkauf', 'Flurstück 17', 'Personalsache', 'Vertraulich.']) expect(text).not.toContain(secret)
    // a forged status filter is ignored, a real one filters
    expect((await portal(fx.origin, '?status=%3Cscript%3E')).text).not.toContain('<script>')
    expect((await portal(fx.origin, '?status=gegenstandslos')).text).not.toContain(current.text)
    expect((await portal(fx.origin, `?status=${encodeURIComponent(current.status)}`)).text).toContain(current.text)
  })

  it('shows progress reports only when configured, and nothing when switched off', async () => {
    const r = await post('clerk', `/api/resolutions/${publicRat.id}/commands`, { id: cmdId(), action: 'report', status: 'in Arbeit', text: 'Angebote eingeholt <b>bald</b>' })
    expect(r.status).toBe(201)
    expect((await portal(fx.origin)).text).not.toContain('Angebote eingeholt')
    const withReports = await startFixture({ portalResolutions: 'reports' })
    const off = await startFixture({ portalResolutions: 'off' })
    try {
      withReports.relay.resolutions.record({ sourceKey: 'meeting:x:1', source: 'meeting', organizationId: 'org-rat', decidedOn: '2026-02-01', title: 'Radweg', text: 'Der Radweg wird gebaut.', public: true })
      const entry = withReports.relay.resolutions.bySourceKey('meeting:x:1')!
      const clerk = await withReports.login('clerk')
      const res = await fetch(`${withReports.origin}/api/resolutions/${entry.id}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: withReports.origin, cookie: clerk },
        body: JSON.stringify({ id: cmdId(), action: 'report', status: 'in Arbeit', text: 'Planung <b>läuft</b>' }),
      })
      expect(res.status).toBe(201)
      const page = await portal(withReports.origin)
      expect(page.text).toContain('Planung &lt;b&gt;läuft&lt;/b&gt;')
      expect((await portal(off.origin)).status).toBe(404)
    } finally {
      await withReports.close()
      await off.close()
    }
  })
})
