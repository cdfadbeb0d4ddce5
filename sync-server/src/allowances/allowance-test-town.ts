/**
 * The relay fixture (two bodies, member-a in Stadtrat and Bauausschuss, member-b in the Stadtrat)
 * made ready for allowance tests: a finance user and an admin, the Könnern statute, the fixture's
 * Bauausschuss meeting held on 12.03.2026 17:00–18:30 and a Stadtrat meeting the same evening
 * 19:00–21:30 with both members present (golden case 3 for member-a: 162,00 €), and the clock
 * pinned to 02.04.2026 so the tests do not depend on the day they run.
 */
import type { DocumentId } from '@automerge/automerge-repo'
import { defaultAccess, type MeetingDoc } from '@ratstisch/domain'
import { readFileSync } from 'node:fs'
import { startFixture, TEST_PASSWORD, type Fixture } from '../testing/relay-fixture.ts'

export const KOENNERN = JSON.parse(readFileSync(new URL('../../../packages/allowances/statutes/koennern-2025.json', import.meta.url), 'utf8')) as Record<string, unknown>
export const TEST_NOW = new Date('2026-04-02T08:00:00Z')

export interface AllowanceTown {
  fx: Fixture
  cookies: { finance: string; clerk: string; admin: string; memberA: string; memberB: string }
  /** fetch against the relay with a session cookie and the right Origin */
  api(cookie: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
}

export async function startAllowanceTown(): Promise<AllowanceTown> {
  const fx = await startFixture()
  const { relay } = fx
  relay.allowances.clock = () => TEST_NOW
  await relay.users.create({ id: 'fin', username: 'finance', name: 'Petra Lange', password: TEST_PASSWORD, roles: ['finance'] })
  await relay.users.create({ id: 'adm', username: 'admin', name: 'Administration', password: TEST_PASSWORD, roles: ['admin'] })

  // the fixture's Bauausschuss meeting took place: member-a 17:00–18:30
  const bau = await relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
  bau.change((d) => {
    d.state = 'held'
    d.end = '2026-03-12T18:30:00+01:00'
    d.attendance = [
      { personId: 'p-a', name: 'Anna Becker', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T18:30:00+01:00' }] },
    ]
  })
  relay.projection.project(fx.meetingDocId, bau.doc() as MeetingDoc)
  // the Stadtrat the same evening: both members 19:00–21:30, a guest who is not paid
  const council: MeetingDoc = {
    type: 'meeting',
    id: 'mtg-rat',
    organization: { id: 'org-rat', name: 'Stadtrat', shortName: 'Stadtrat' },
    name: '12. Sitzung des Stadtrates',
    start: '2026-03-12T19:00:00+01:00',
    end: '2026-03-12T21:30:00+01:00',
    location: { description: 'Rathaus, Ratssaal' },
    state: 'held',
    agendaItems: [{ id: 'r1', number: 'Ö 1', order: 1, title: 'Eröffnung', public: true, files: [] }],
    attendance: [
      { personId: 'p-a', name: 'Anna Becker', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T19:00:00+01:00', left: '2026-03-12T21:30:00+01:00' }] },
      { personId: 'p-b', name: 'Bernd Schulz', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T19:00:00+01:00', left: '2026-03-12T21:30:00+01:00' }] },
      { personId: 'p-guest', name: 'Gast', kind: 'guest', votingRight: false, periods: [{ arrived: '2026-03-12T19:00:00+01:00' }] },
    ],
  }
  const handle = relay.relayRepo.repo.create(council)
  relay.registry.register({ documentId: handle.documentId, type: 'meeting', meetingId: 'mtg-rat', ownerId: null, ...defaultAccess('meeting', {}) })
  relay.projection.project(handle.documentId, council)
  await relay.relayRepo.repo.flush()

  const [finance, clerk, admin, memberA, memberB] = await Promise.all(['finance', 'clerk', 'admin', 'member-a', 'member-b'].map((u) => fx.login(u)))
  const api: AllowanceTown['api'] = (cookie, method, path, body, headers = {}) =>
    fetch(`${fx.origin}${path}`, {
      method,
      headers: { cookie, origin: fx.origin, ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
    })
  const saved = await api(finance, 'PUT', '/api/allowances/statute', KOENNERN)
  if (saved.status !== 200) throw new Error(`statute: ${saved.status} ${await saved.text()}`)
  return { fx, cookies: { finance, clerk, admin, memberA, memberB }, api }
}
