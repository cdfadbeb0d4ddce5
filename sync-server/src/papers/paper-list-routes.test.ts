/**
 * GET /api/papers: lists exactly the papers whose documents the user may read (the manifest's
 * check), with ETag revalidation. Adversarial: authors of another department, members and
 * anonymous callers try to see drafts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo'
import { defaultAccess, type AudienceContext, type PaperList } from '@ratstisch/domain'
import { startFixture, TEST_PASSWORD, type Fixture } from '../testing/relay-fixture.ts'

let fx: Fixture
const cookies: Record<string, string> = {}

interface PaperSpec {
  id: string
  state: string
  departmentId: string
  audience: AudienceContext
  cosigning?: Record<string, string>
  cosigningDue?: string
  /** false: the row exists but its document is not in the access registry */
  registered?: boolean
}

function addPaper(spec: PaperSpec): string {
  const { documentId } = parseAutomergeUrl(generateAutomergeUrl())
  if (spec.registered !== false) {
    fx.relay.registry.register({ documentId, type: 'paper', meetingId: null, ownerId: null, ...defaultAccess('paper', spec.audience) })
  }
  fx.relay.db
    .prepare(
      `INSERT INTO papers (id, doc_id, reference, name, paper_type, department_id, department, state, date, public, created_by, updated_at,
                           cosigning, cosigning_since, cosigning_due)
       VALUES (?, ?, ?, ?, 'Beschlussvorlage', ?, ?, ?, '2026-03-01', ?, 'someone', ?, ?, ?, ?)`,
    )
    .run(
      spec.id,
      documentId,
      spec.state === 'draft' || spec.state === 'cosigning' || spec.state === 'approval' ? '' : `BV ${spec.id}`,
      `Vorlage ${spec.id}`,
      spec.departmentId,
      spec.departmentId === 'dept-x' ? 'Bauamt' : 'Kämmerei',
      spec.state,
      spec.audience.public ? 1 : 0,
      new Date().toISOString(),
      JSON.stringify(spec.cosigning ?? {}),
      spec.cosigning ? '2026-02-20' : null,
      spec.cosigningDue ?? null,
    )
  return documentId
}

const list = async (user: string | null, query = '', headers: Record<string, string> = {}) => {
  const res = await fetch(`${fx.origin}/api/papers${query}`, { headers: { ...(user ? { cookie: cookies[user] } : {}), ...headers } })
  return { res, body: res.status === 200 ? ((await res.json()) as PaperList) : undefined }
}
const ids = async (user: string, query = '') => (await list(user, query)).body!.papers.map((p) => p.id).sort()

beforeAll(async () => {
  fx = await startFixture()
  fx.relay.db.exec(`INSERT INTO departments (id, name, short_name) VALUES ('dept-x', 'Bauamt', 'BA'), ('dept-y', 'Kämmerei', 'KÄ')`)
  await fx.relay.users.create({ id: 'ax', username: 'author-x', name: 'Xaver Bau', password: TEST_PASSWORD, roles: ['author'], departmentId: 'dept-x' })
  await fx.relay.users.create({ id: 'ay', username: 'author-y', name: 'Yvonne Geld', password: TEST_PASSWORD, roles: ['author'], departmentId: 'dept-y' })
  await fx.relay.users.create({ id: 'ap', username: 'approver', name: 'Bürgermeister', password: TEST_PASSWORD, roles: ['approver'] })

  const draft = (departmentIds: string[], readerDepartmentIds: string[] = []): AudienceContext => ({ draft: true, departmentIds, readerDepartmentIds })
  addPaper({ id: 'x-draft', state: 'draft', departmentId: 'dept-x', audience: draft(['dept-x']) })
  addPaper({ id: 'x-approval', state: 'approval', departmentId: 'dept-x', audience: draft(['dept-x']) })
  addPaper({ id: 'y-draft', state: 'draft', departmentId: 'dept-y', audience: draft(['dept-y']) })
  // dept-x asks dept-y to co-sign: dept-y reads it, nothing else of dept-x
  addPaper({
    id: 'x-cosign',
    state: 'cosigning',
    departmentId: 'dept-x',
    audience: draft(['dept-x'], ['dept-y']),
    cosigning: { 'dept-y': 'pending' },
    cosigningDue: '2026-03-01',
  })
  addPaper({ id: 'x-released-bau', state: 'released', departmentId: 'dept-x', audience: { organizationIds: ['org-bau'], departmentIds: ['dept-x'] } })
  addPaper({ id: 'y-public', state: 'consultation', departmentId: 'dept-y', audience: { public: true } })
  addPaper({ id: 'orphan', state: 'released', departmentId: 'dept-x', audience: { public: true }, registered: false })
  fx.relay.db.prepare(`UPDATE papers SET cosigning = 'not json' WHERE id = 'y-public'`).run()

  for (const user of ['clerk', 'member-a', 'member-b', 'author-x', 'author-y', 'approver']) cookies[user] = await fx.login(user)
})
afterAll(async () => {
  await fx?.close()
})

describe('GET /api/papers', () => {
  it('gives the clerk and approvers every registered paper, with the read model fields', async () => {
    expect(await ids('clerk')).toEqual(['x-approval', 'x-cosign', 'x-draft', 'x-released-bau', 'y-draft', 'y-public'])
    expect(await ids('approver')).toEqual(['x-approval', 'x-cosign', 'x-draft', 'x-released-bau', 'y-draft', 'y-public'])
    const { res, body } = await list('clerk')
    expect(res.headers.get('cache-control')).toBe('private, no-cache')
    expect(Date.parse(body!.serverTime)).not.toBeNaN()
    const cosign = body!.papers.find((p) => p.id === 'x-cosign')!
    expect(cosign).toMatchObject({
      url: expect.stringMatching(/^automerge:/),
      reference: '',
      departmentId: 'dept-x',
      department: 'Bauamt',
      state: 'cosigning',
      public: false,
      cosigning: { 'dept-y': 'pending' },
      cosigningSince: '2026-02-20',
      cosigningDue: '2026-03-01',
      nextOrganizationId: null,
    })
    // a damaged co-signing column lists as "none" instead of failing the list
    expect(body!.papers.find((p) => p.id === 'y-public')!.cosigning).toEqual({})
  })

  it('never lists a row whose document the registry does not know (fail closed)', async () => {
    expect(await ids('clerk')).not.toContain('orphan')
    expect(await ids('member-b')).not.toContain('orphan')
  })

  it("never gives an author another department's drafts", async () => {
    expect(await ids('author-x')).toEqual(['x-approval', 'x-cosign', 'x-draft', 'x-released-bau', 'y-public'])
    // dept-y reads the paper it is asked to co-sign, but no other draft of dept-x
    expect(await ids('author-y')).toEqual(['x-cosign', 'y-draft', 'y-public'])
    // filters cannot widen the list
    expect(await ids('author-y', '?department=dept-x')).toEqual(['x-cosign'])
    expect(await ids('author-y', '?state=draft')).toEqual(['y-draft'])
  })

  it('never gives members unreleased papers; only released ones of their bodies and public ones', async () => {
    const a = (await list('member-a')).body!.papers
    expect(a.map((p) => p.id).sort()).toEqual(['x-released-bau', 'y-public'])
    expect(a.every((p) => !['draft', 'cosigning', 'approval'].includes(p.state))).toBe(true)
    expect(await ids('member-b')).toEqual(['y-public'])
    expect(await ids('member-b', '?state=draft,cosigning,approval')).toEqual([])
  })

  it('refuses anonymous callers and unknown sessions', async () => {
    expect((await list(null)).res.status).toBe(401)
    expect((await list(null, '', { cookie: 'rt_session=forged' })).res.status).toBe(401)
  })

  it('answers 304 to If-None-Match while the list is unchanged, 200 with a new ETag once it changes', async () => {
    const first = await list('author-x')
    const tag = first.res.headers.get('etag')!
    expect(tag).toMatch(/^W\/"/)
    const again = await list('author-x', '', { 'if-none-match': tag })
    expect(again.res.status).toBe(304)
    expect(again.res.headers.get('etag')).toBe(tag)
    // another user's list has a different validator
    expect((await list('author-y')).res.headers.get('etag')).not.toBe(tag)

    fx.relay.db.prepare(`UPDATE papers SET state = 'cosigning', updated_at = ? WHERE id = 'x-draft'`).run(new Date().toISOString())
    const changed = await list('author-x', '', { 'if-none-match': tag })
    expect(changed.res.status).toBe(200)
    expect(changed.res.headers.get('etag')).not.toBe(tag)
    expect(changed.body!.papers.find((p) => p.id === 'x-draft')!.state).toBe('cosigning')
  })

  it('follows access changes at once, although the rows did not change', async () => {
    const before = await list('member-b')
    expect(before.body!.papers.map((p) => p.id)).not.toContain('y-draft')
    // y-draft released to the Stadtrat: only its audience in the registry changes
    const docId = (fx.relay.db.prepare(`SELECT doc_id FROM papers WHERE id = 'y-draft'`).get() as { doc_id: string }).doc_id
    fx.relay.registry.register({ documentId: docId, type: 'paper', meetingId: null, ownerId: null, ...defaultAccess('paper', { organizationIds: ['org-rat'] }) })
    const after = await list('member-b', '', { 'if-none-match': before.res.headers.get('etag')! })
    expect(after.res.status).toBe(200)
    expect(after.body!.papers.map((p) => p.id)).toContain('y-draft')
    // and a deleted row disappears
    fx.relay.db.prepare(`DELETE FROM papers WHERE id = 'y-draft'`).run()
    expect(await ids('member-b')).not.toContain('y-draft')
  })

  it('compresses the list for clients that accept gzip', async () => {
    const res = await fetch(`${fx.origin}/api/papers`, { headers: { cookie: cookies.clerk, 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(((await res.json()) as PaperList).papers.length).toBeGreaterThan(3)
  })
})
