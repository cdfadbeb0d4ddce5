/**
 * Umlaufverfahren (§ 54 KVG LSA) on a real relay: who votes, who may answer (adversarial: members
 * of another body, forged voters, late and double answers), what each reader sees, and the
 * evaluation end to end — an objection fails it at once, a majority passes it and records a
 * resolution, the deadline decides with the answers given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AutomergeUrl, DocumentId } from '@automerge/automerge-repo'
import { derivePaperWorkflow, type CircularDecision, type PaperDoc, type PaperListEntry } from '@ratstisch/domain'
import { startFixture, TEST_PASSWORD, waitFor, type Fixture } from '../testing/relay-fixture.ts'

let fx: Fixture
const cookies: Record<string, string> = {}

const call = async (user: string | null, method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${fx.origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: fx.origin, ...(user ? { cookie: cookies[user] } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
let seq = 0
const cmdId = () => `ans-${++seq}-${Date.now()}`

async function create(input: Record<string, unknown> = {}): Promise<CircularDecision> {
  const res = await call('clerk', 'POST', '/api/circulars', { organizationId: 'org-rat', title: 'Zuschuss Sportverein', motion: 'Der Stadtrat gewährt 5.000 €.', deadline: inDays(7), ...input })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as unknown as CircularDecision
}
const answer = (user: string, id: string, a: string, commandId = cmdId()) => call(user, 'POST', `/api/circulars/${id}/answer`, { id: commandId, answer: a, clientAt: new Date().toISOString() })

beforeAll(async () => {
  fx = await startFixture()
  const { db, users } = fx.relay
  // Stadtrat: Anna (p-a), Bernd (p-b), Clara (p-c); Dieter substitutes Clara (no vote of his own);
  // Erik is an advisory member without a vote; Frieda's seat ended last year
  db.exec(`
    INSERT INTO persons (id, name) VALUES ('p-c','Clara Vogel'), ('p-d','Dieter Stell'), ('p-e','Erik Rat'), ('p-f','Frieda Alt');
    INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, substitute_for_person_id) VALUES
      ('m-c-rat','p-c','org-rat','Mitglied',1,'2024-07-01',NULL,NULL),
      ('m-d-rat','p-d','org-rat','stellvertretendes Mitglied',1,'2024-07-01',NULL,'p-c'),
      ('m-e-rat','p-e','org-rat','beratendes Mitglied',0,'2024-07-01',NULL,NULL),
      ('m-f-rat','p-f','org-rat','Mitglied',1,'2019-07-01','2024-06-30',NULL);
  `)
  await users.create({ id: 'uc', username: 'member-c', name: 'Clara Vogel', password: 'test-password-123', roles: ['member'], personId: 'p-c' })
  await users.create({ id: 'ud', username: 'member-d', name: 'Dieter Stell', password: 'test-password-123', roles: ['member'], personId: 'p-d' })
  await users.create({ id: 'author', username: 'author', name: 'Tom Bauer', password: 'test-password-123', roles: ['author'], departmentId: 'dept-bau' })
  await users.create({ id: 'mayor', username: 'mayor', name: 'Bürgermeisterin', password: TEST_PASSWORD, roles: ['approver'] })
  for (const u of ['clerk', 'member-a', 'member-b', 'member-c', 'member-d', 'author', 'mayor']) cookies[u] = await fx.login(u)
}, 60_000)

afterAll(async () => {
  await fx.close()
})

describe('creating a circular', () => {
  it('takes the voting members active today as voters (no substitutes, no advisory, no former members)', async () => {
    const c = await create()
    expect(c.state).toBe('open')
    expect(c.voters.map((v) => v.personId).sort()).toEqual(['p-a', 'p-b', 'p-c'])
    const rows = fx.relay.db.prepare('SELECT person_id, user_id FROM circular_voters WHERE circular_id = ? ORDER BY person_id').all(c.id)
    expect(rows).toEqual([
      { person_id: 'p-a', user_id: 'ua' },
      { person_id: 'p-b', user_id: 'ub' },
      { person_id: 'p-c', user_id: 'uc' },
    ])
  })

  it('only the office may start one; the input is validated', async () => {
    const body = { organizationId: 'org-rat', title: 'X', motion: 'Y', deadline: inDays(3) }
    expect((await call('member-a', 'POST', '/api/circulars', body)).status).toBe(403)
    expect((await call('author', 'POST', '/api/circulars', body)).status).toBe(403)
    expect((await call(null, 'POST', '/api/circulars', body)).status).toBe(401)
    const past = await call('clerk', 'POST', '/api/circulars', { ...body, deadline: inDays(-1) })
    expect(past.status).toBe(400)
    expect(past.body.error).toMatch(/Zukunft/)
    expect((await call('clerk', 'POST', '/api/circulars', { ...body, deadline: '2099-01-01' })).status).toBe(400)
    expect((await call('clerk', 'POST', '/api/circulars', { ...body, title: '' })).status).toBe(400)
    expect((await call('clerk', 'POST', '/api/circulars', { ...body, organizationId: 'org-nope' })).status).toBe(400)
    expect((await call('clerk', 'POST', '/api/circulars', { ...body, paperId: 'paper-nope' })).status).toBe(400)
  })
})

describe('who may answer and read', () => {
  it('a member of another body, a substitute and staff without a seat are refused with 403', async () => {
    const c = await create({ organizationId: 'org-bau', title: 'Vergabe Straßenbau' })
    expect(c.voters.map((v) => v.personId)).toEqual(['p-a'])
    expect((await answer('member-b', c.id, 'objection')).status).toBe(403)
    expect((await answer('member-d', c.id, 'no')).status).toBe(403)
    expect((await answer('clerk', c.id, 'yes')).status).toBe(403)
    // not a voter: the circular does not exist for them
    expect((await call('member-b', 'GET', `/api/circulars/${c.id}`)).status).toBe(404)
    expect(((await call('member-b', 'GET', '/api/circulars')).body.circulars as CircularDecision[]).map((x) => x.id)).not.toContain(c.id)
    expect(((await call('author', 'GET', '/api/circulars')).body.circulars as CircularDecision[])).toEqual([])
    // the Bauausschuss circular is still open: nobody's refused answer counted
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM circular_voters WHERE circular_id = ? AND answer IS NOT NULL').get(c.id)).toEqual({ n: 0 })
  })

  it('a forged voter in the body is ignored: the answer is always the signed-in person\'s', async () => {
    const c = await create()
    const res = await call('member-b', 'POST', `/api/circulars/${c.id}/answer`, { id: cmdId(), answer: 'yes', personId: 'p-a', userId: 'ua', clientAt: new Date().toISOString() })
    expect(res.status).toBe(201)
    const rows = fx.relay.db.prepare('SELECT person_id, answer FROM circular_voters WHERE circular_id = ? AND answer IS NOT NULL').all(c.id)
    expect(rows).toEqual([{ person_id: 'p-b', answer: 'yes' }])
  })

  it('members see only their own answer; the clerk sees every answer', async () => {
    const c = await create()
    expect((await answer('member-a', c.id, 'yes')).status).toBe(201)
    expect((await answer('member-b', c.id, 'no')).status).toBe(201)
    const asB = (await call('member-b', 'GET', `/api/circulars/${c.id}`)).body as unknown as CircularDecision
    expect(asB.myAnswer).toBe('no')
    expect(asB.canAnswer).toBe(false)
    expect(asB.voters.filter((v) => v.answer).map((v) => v.personId)).toEqual(['p-b'])
    const asC = (await call('member-c', 'GET', `/api/circulars/${c.id}`)).body as unknown as CircularDecision
    expect(asC.canAnswer).toBe(true)
    expect(asC.voters.some((v) => v.answer)).toBe(false)
    const asClerk = (await call('clerk', 'GET', `/api/circulars/${c.id}`)).body as unknown as CircularDecision
    expect(Object.fromEntries(asClerk.voters.map((v) => [v.personId, v.answer ?? null]))).toEqual({ 'p-a': 'yes', 'p-b': 'no', 'p-c': null })
  })

  it('answers once: the same command again gives the same result, a second answer 409', async () => {
    const c = await create()
    const id = cmdId()
    expect((await answer('member-a', c.id, 'yes', id)).status).toBe(201)
    const again = await answer('member-a', c.id, 'yes', id)
    expect(again.status).toBe(200)
    expect(again.body.repeated).toBe(true)
    const second = await answer('member-a', c.id, 'no')
    expect(second.status).toBe(409)
    expect(second.body.error).toMatch(/bereits geantwortet/)
    expect(fx.relay.db.prepare('SELECT answer FROM circular_voters WHERE circular_id = ? AND person_id = ?').get(c.id, 'p-a')).toEqual({ answer: 'yes' })
    expect((await answer('member-b', c.id, 'vielleicht')).status).toBe(400)
  })

  it('an answer after the deadline is refused with 409', async () => {
    const c = await create()
    fx.relay.db.prepare('UPDATE circulars SET deadline = ? WHERE id = ?').run(inDays(-0.01), c.id)
    const late = await answer('member-c', c.id, 'yes')
    expect(late.status).toBe(409)
    expect(late.body.code).toMatch(/deadline|closed/)
  })

  it('cancel: office only, then no more answers', async () => {
    const c = await create()
    expect((await call('member-a', 'POST', `/api/circulars/${c.id}/cancel`, {})).status).toBe(403)
    const res = await call('clerk', 'POST', `/api/circulars/${c.id}/cancel`, {})
    expect(res.status).toBe(201)
    expect((res.body.circular as CircularDecision).state).toBe('cancelled')
    expect((await answer('member-a', c.id, 'yes')).status).toBe(409)
  })
})

describe('§ 54 evaluation end to end', () => {
  it('one objection fails the circular at once', async () => {
    const c = await create({ title: 'Widerspruchstest' })
    expect((await answer('member-a', c.id, 'yes')).status).toBe(201)
    const res = await answer('member-c', c.id, 'objection')
    expect(res.status).toBe(201)
    const after = res.body.circular as CircularDecision
    expect(after.state).toBe('failed')
    expect(after.resultText).toBeTruthy()
    expect(after.decidedAt).toBeTruthy()
    expect((await answer('member-b', c.id, 'yes')).status).toBe(409)
    expect(fx.relay.resolutions.bySourceKey(`circular:${c.id}`)).toBeUndefined()
  })

  it('passes by majority when everybody answered and records a resolution', async () => {
    const c = await create({ title: 'Mehrheitstest', public: true })
    await answer('member-a', c.id, 'yes')
    await answer('member-b', c.id, 'no')
    expect(((await call('clerk', 'GET', `/api/circulars/${c.id}`)).body as unknown as CircularDecision).state).toBe('open')
    const last = await answer('member-c', c.id, 'yes')
    const after = last.body.circular as CircularDecision
    expect(after.state).toBe('passed')
    expect(after.resultText).toMatch(/2/)
    const resolution = fx.relay.resolutions.bySourceKey(`circular:${c.id}`)!
    expect(resolution).toMatchObject({ source: 'circular', organizationId: 'org-rat', title: 'Mehrheitstest', text: 'Der Stadtrat gewährt 5.000 €.', public: true, status: 'offen' })
    // members of the body read it in the Beschlusskontrolle
    const list = (await call('member-b', 'GET', '/api/resolutions')).body.resolutions as { id: string }[]
    expect(list.map((r) => r.id)).toContain(resolution.id)
  })

  it('fails when yes does not outnumber no', async () => {
    const c = await create({ title: 'Patt' })
    await answer('member-a', c.id, 'yes')
    await answer('member-b', c.id, 'no')
    const last = await answer('member-c', c.id, 'abstain')
    expect((last.body.circular as CircularDecision).state).toBe('failed')
  })

  it('at the deadline: decided with the answers given (sweep and read)', async () => {
    const c = await create({ title: 'Fristablauf' })
    await answer('member-a', c.id, 'yes')
    await answer('member-b', c.id, 'yes')
    fx.relay.db.prepare('UPDATE circulars SET deadline = ? WHERE id = ?').run(inDays(-0.001), c.id)
    expect(fx.relay.circulars.sweep()).toBeGreaterThanOrEqual(1)
    const after = (await call('clerk', 'GET', `/api/circulars/${c.id}`)).body as unknown as CircularDecision
    expect(after.state).not.toBe('open')
    expect(after.resultText).toBeTruthy()
    const c2 = await create({ title: 'Fristablauf ohne Antworten' })
    fx.relay.db.prepare('UPDATE circulars SET deadline = ? WHERE id = ?').run(inDays(-0.001), c2.id)
    const read = (await call('member-a', 'GET', `/api/circulars/${c2.id}`)).body as unknown as CircularDecision
    expect(read.state).toBe('failed')
    expect(fx.relay.resolutions.bySourceKey(`circular:${c2.id}`)).toBeUndefined()
  })

  it('the non-public title never reaches the notice; a non-public circular resolution stays with the body', async () => {
    const notices: unknown[] = []
    // a recording notifier in place of the mail/push one: what it is handed is what would be sent
    fx.relay.circulars.setNotifier({ notifyBody: async (n: unknown) => void notices.push(n) })
    try {
      const c = await create({ organizationId: 'org-bau', title: 'Geheimer Grundstückstausch' })
      expect(notices).toHaveLength(1)
      expect(JSON.stringify(notices[0])).not.toContain('Grundstückstausch')
      expect(notices[0]).toMatchObject({ kind: 'circular', organizationId: 'org-bau', meetingName: 'Neues Umlaufverfahren im Bau- und Vergabeausschuss', path: `/app/circulars/${c.id}` })
      await answer('member-a', c.id, 'yes')
      const resolution = fx.relay.resolutions.bySourceKey(`circular:${c.id}`)!
      expect(resolution.public).toBe(false)
      const asB = (await call('member-b', 'GET', '/api/resolutions')).body.resolutions as { id: string }[]
      expect(asB.map((r) => r.id)).not.toContain(resolution.id)
    } finally {
      fx.relay.circulars.setNotifier(fx.relay.notifier)
    }
  })
})

describe('a circular on a paper', () => {
  it('records the result on the paper\'s open consultation of the body, once', async () => {
    // a released paper to be decided by the Bauausschuss
    const created = await call('author', 'POST', '/api/papers', { paperType: 'Beschlussvorlage', name: 'Ersatzbeschaffung Streufahrzeug' })
    expect(created.status).toBe(201)
    const paper = created.body as unknown as PaperListEntry
    const author = await fx.client('author')
    const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    handle.change((d) => {
      d.consultations.push({ id: 'c-bau', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Entscheidung' })
    })
    const relayHandle = await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice('automerge:'.length) as DocumentId)
    await waitFor(relayHandle, (d) => d.consultations.length === 1)
    expect((await call('author', 'POST', `/api/papers/${paper.id}/commands`, { id: cmdId(), action: 'request-approval' })).status).toBe(201)
    expect((await call('mayor', 'POST', `/api/papers/${paper.id}/commands`, { id: cmdId(), action: 'release' })).status).toBe(201)
    await author.close()

    const c = await create({ organizationId: 'org-bau', title: 'Streufahrzeug', paperId: paper.id })
    expect(c.paperReference).toBeTruthy()
    expect((await answer('member-a', c.id, 'yes')).status).toBe(201)
    const doc = await waitFor(relayHandle, (d) => d.consultations[0].result === 'beschlossen', 8000)
    expect(doc.events.filter((e) => e.id === `circular:${c.id}`)).toHaveLength(1)
    expect(derivePaperWorkflow(doc).state).toBe('done')
    const resolution = fx.relay.resolutions.bySourceKey(`circular:${c.id}`)!
    expect(resolution).toMatchObject({ paperId: paper.id, paperReference: c.paperReference })
  }, 30_000)
})
