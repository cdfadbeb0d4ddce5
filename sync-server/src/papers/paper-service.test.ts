/**
 * Papers end to end on a real relay: drafting, co-signing, approval, numbering, audiences, and
 * clients that try to cheat (reading other departments' drafts by URL, approving without the
 * right, editing sections as a co-signer, writing workflow events themselves).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as A from '@automerge/automerge'
import type { AutomergeUrl, DocumentId } from '@automerge/automerge-repo'
import type { PaperDoc, PaperListEntry } from '@ratstisch/domain'
import { startFixture, TEST_PASSWORD, waitFor, type Fixture } from '../testing/relay-fixture.ts'
import { CLOSE_POLICY } from '../sync/gated-websocket-adapter.ts'

let fx: Fixture
const cookies: Record<string, string> = {}

beforeAll(async () => {
  fx = await startFixture()
  const add = (id: string, roles: Array<'author' | 'approver' | 'clerk' | 'member'>, departmentId?: string) =>
    fx.relay.users.create({ id, username: id, name: id, password: TEST_PASSWORD, roles, departmentId })
  await add('author', ['author'], 'dept-bau')
  await add('author-2', ['author'], 'dept-bau')
  await add('kaemmerei', ['author'], 'dept-finanzen')
  await add('ordnungsamt', ['author'], 'dept-ordnung')
  await add('mayor', ['approver', 'member'])
  await add('mayor-deputy', ['approver'])
  for (const u of ['author', 'author-2', 'kaemmerei', 'ordnungsamt', 'mayor', 'mayor-deputy', 'clerk', 'member-a', 'member-b']) cookies[u] = await fx.login(u)
}, 60_000)
afterAll(async () => {
  await fx.close()
})

async function api(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fx.origin}/api${path}`, {
    method,
    headers: { cookie: cookies[user], origin: fx.origin, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> }
}

let seq = 0
const cmd = (action: string, extra: Record<string, unknown> = {}) => ({ id: `cmd-${Date.now()}-${++seq}`, action, ...extra })

async function relayPaper(entry: PaperListEntry): Promise<A.Doc<PaperDoc>> {
  return (await fx.relay.relayRepo.doc<PaperDoc>(entry.url.slice('automerge:'.length) as DocumentId))!
}

async function newDraft(name = 'Neubau der Kita „Sonnenschein“'): Promise<PaperListEntry> {
  const res = await api('author', 'POST', '/papers', { paperType: 'Beschlussvorlage', name })
  expect(res.status).toBe(201)
  return res.json as unknown as PaperListEntry
}

async function manifestUrls(user: string): Promise<string[]> {
  const res = await api(user, 'GET', '/sync/manifest')
  return (res.json.documents as Array<{ url: string }>).map((d) => d.url)
}

describe('drafting and reading', () => {
  it('creates a draft in the author’s department that only that department, the office and approvers can read', async () => {
    const paper = await newDraft()
    expect(paper).toMatchObject({ state: 'draft', reference: '', departmentId: 'dept-bau' })
    expect((await api('author-2', 'GET', `/papers/${paper.id}`)).status).toBe(200)
    expect((await api('clerk', 'GET', `/papers/${paper.id}`)).status).toBe(200)
    expect((await api('mayor', 'GET', `/papers/${paper.id}`)).status).toBe(200)
    // another department, a member: the same 404 as for a paper that does not exist
    expect((await api('kaemmerei', 'GET', `/papers/${paper.id}`)).status).toBe(404)
    expect((await api('member-a', 'GET', `/papers/${paper.id}`)).status).toBe(404)
    expect(await manifestUrls('member-a')).not.toContain(paper.url)
    expect(await manifestUrls('kaemmerei')).not.toContain(paper.url)
    expect(await manifestUrls('author-2')).toContain(paper.url)
    // not in the portal, not in the anonymous API
    const portal = await (await fetch(`${fx.origin}/`)).text()
    expect(portal).not.toContain(paper.name)
    expect((await fetch(`${fx.origin}/api/papers`)).status).toBe(401)
    expect((await fetch(`${fx.origin}/api/papers/${paper.id}`)).status).toBe(401)
    expect((await fetch(`${fx.origin}/api/papers/${paper.id}/pdf`)).status).toBe(401)
    expect((await api('member-a', 'GET', `/papers/${paper.id}/pdf`)).status).toBe(404)
  })

  it('refuses the draft of department X to an author of department Y who has its URL', async () => {
    const paper = await newDraft()
    const spy = await fx.client('kaemmerei')
    await expect(spy.repo.find(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(3000) })).rejects.toThrow()
    expect(fx.relay.audit.recent('sync-denied').some((e) => e.actor === 'kaemmerei')).toBe(true)
  })

  it('rejects bad input with a clear message and creates nothing', async () => {
    expect((await api('author', 'POST', '/papers', { paperType: 'Kochrezept', name: 'x' })).json.error).toMatch(/Vorlagenart/)
    expect((await api('author', 'POST', '/papers', { paperType: 'Antrag', name: '  ' })).status).toBe(400)
    expect((await api('member-a', 'POST', '/papers', { paperType: 'Antrag', name: 'Mein Antrag' })).status).toBe(403)
    const paper = await newDraft()
    expect((await api('author', 'POST', `/papers/${paper.id}/commands`, { id: 'x', action: 'release' })).status).toBe(400)
    expect((await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('fly-to-moon'))).status).toBe(400)
  })
})

describe('workflow', () => {
  it('goes through co-signing, a return, approval and release with a number, and shows every step', { timeout: 20_000 }, async () => {
    const paper = await newDraft('Sanierung der Turnhalle')
    const author = await fx.client('author')
    const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    handle.change((d) => {
      A.splice(d, ['sections', 1, 'text'], 0, 0, 'Das Dach ist undicht.')
      d.consultations.push({ id: 'c1', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Entscheidung' })
    })
    await waitFor(await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice(10) as DocumentId), (d) => d.consultations.length === 1)

    const ask = await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-cosigning', { departments: ['dept-finanzen', 'dept-ordnung'], dueDate: '2026-12-10' }))
    expect(ask.status).toBe(201)
    expect(ask.json.state).toBe('cosigning')
    // the asked departments can now read it
    expect((await api('kaemmerei', 'GET', `/papers/${paper.id}`)).json.state).toBe('cosigning')
    // a member cannot approve or release, an author cannot release, a co-signer cannot approve
    expect((await api('member-a', 'POST', `/papers/${paper.id}/commands`, cmd('release'))).status).toBe(404)
    expect((await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('release'))).status).toBe(403)
    expect((await api('kaemmerei', 'POST', `/papers/${paper.id}/commands`, cmd('release'))).status).toBe(403)

    const back = await api('kaemmerei', 'POST', `/papers/${paper.id}/commands`, cmd('return-cosigning', { comment: 'Finanzierung unklar' }))
    expect(back.json.state).toBe('draft')
    // the author's inbox knows it came back
    expect((await api('author', 'GET', `/papers/${paper.id}`)).json.returnedAt).toBeTruthy()
    // the author's device edits once it has seen the paper back in draft (as the editor does)
    await waitFor(handle, (d) => d.events.length === 2)
    handle.change((d) => A.splice(d, ['sections', 2, 'text'], 0, 0, 'Haushaltsstelle 2.1.1.01, 86.000 €'))
    await waitFor(await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice(10) as DocumentId), (d) => d.sections[2].text.includes('86.000'))

    await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-cosigning', { departments: ['dept-finanzen', 'dept-ordnung'] }))
    expect((await api('kaemmerei', 'POST', `/papers/${paper.id}/commands`, cmd('cosign'))).json.state).toBe('cosigning')
    expect((await api('ordnungsamt', 'POST', `/papers/${paper.id}/commands`, cmd('cosign'))).json.state).toBe('approval')

    const released = await api('mayor', 'POST', `/papers/${paper.id}/commands`, cmd('release'))
    expect(released.status).toBe(201)
    expect(released.json.reference).toMatch(/^BV \d+ \(VIII\/2024-2029\)$/)
    expect(released.json.state).toBe('released')

    const doc = await relayPaper(paper)
    expect(doc.events.map((e) => e.action)).toEqual(['request-cosigning', 'return-cosigning', 'request-cosigning', 'cosign', 'cosign', 'release'])
    expect(doc.events.every((e) => e.actor && e.at)).toBe(true)
    expect(doc.reference).toBe(released.json.reference)

    // after release: the consultation body's members read it, it waits in the body's queue
    expect(await manifestUrls('member-a')).toContain(paper.url)
    expect(await manifestUrls('member-b')).not.toContain(paper.url)
    const queue = await api('clerk', 'GET', '/organizations/org-bau/queue')
    expect((queue.json.papers as PaperListEntry[]).map((p) => p.id)).toContain(paper.id)
    expect((queue.json.papers as PaperListEntry[]).find((p) => p.id === paper.id)).toMatchObject({ nextOrganizationName: 'Bauausschuss', nextRole: 'Entscheidung', returnedAt: null })
    // and it is still not public
    expect(doc.public).toBe(false)

    // a consultation result moves it along: the only (deciding) consultation closes it
    const result = await api('clerk', 'POST', `/papers/${paper.id}/commands`, cmd('consultation-result', { consultationId: 'c1', result: 'beschlossen' }))
    expect(result.json.state).toBe('done')
    expect(((await api('clerk', 'GET', '/organizations/org-bau/queue')).json.papers as PaperListEntry[]).map((p) => p.id)).not.toContain(paper.id)
  })

  it('assigns one number when two approvers release at the same moment; both steps stay in the history', async () => {
    const paper = await newDraft('Gleichzeitige Freigabe')
    await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-approval'))
    const [a, b] = await Promise.all([
      api('mayor', 'POST', `/papers/${paper.id}/commands`, cmd('release', { clientAt: '2026-11-01T10:00:00Z' })),
      api('mayor-deputy', 'POST', `/papers/${paper.id}/commands`, cmd('release', { clientAt: '2026-11-01T10:00:00Z' })),
    ])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    const doc = await relayPaper(paper)
    expect(doc.events.filter((e) => e.action === 'release')).toHaveLength(2)
    const numbers = fx.relay.db.prepare('SELECT number FROM paper_numbers WHERE paper_id = ?').all(paper.id)
    expect(numbers).toHaveLength(1)
    const other = await newDraft('Nächste Vorlage')
    await api('author', 'POST', `/papers/${other.id}/commands`, cmd('request-approval'))
    const next = await api('mayor', 'POST', `/papers/${other.id}/commands`, cmd('release'))
    expect(Number(/BV (\d+)/.exec(String(next.json.reference))![1])).toBe(doc.number! + 1)
  })

  it('answers a repeated command (outbox retry) with the first outcome and records it once', async () => {
    const paper = await newDraft()
    const once = cmd('request-approval')
    expect((await api('author', 'POST', `/papers/${paper.id}/commands`, once)).status).toBe(201)
    expect((await api('author', 'POST', `/papers/${paper.id}/commands`, once)).status).toBe(200)
    expect((await relayPaper(paper)).events).toHaveLength(1)
  })
})

describe('write rules at the sync gate', () => {
  it('refuses workflow events written by a client, relay copy unchanged', async () => {
    const paper = await newDraft()
    const author = await fx.client('author', { device: 'forger' })
    const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const heads = A.getHeads(await relayPaper(paper))
    handle.change((d) => {
      d.events.push({ id: 'forged-1', at: new Date().toISOString(), actor: 'mayor', roles: ['approver'], action: 'release' })
      d.reference = 'BV 999 (VIII/2024-2029)'
    })
    const closed = await Promise.race([author.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(A.getHeads(await relayPaper(paper))).toEqual(heads)
    expect(fx.relay.audit.recent('invalid-change')[0]).toMatchObject({ actor: 'author' })
  })

  it('refuses a file the author neither uploaded nor may read (a known SHA-256 of a non-public file), accepts their own upload', async () => {
    // a non-public file on another department's draft
    const secret = await fx.relay.blobStore.put(new TextEncoder().encode('%PDF-1.4 Vertrauliche Kalkulation der Kämmerei'))
    fx.relay.blobs.add(secret.sha256, secret.size, 'application/pdf', 'kaemmerei')
    const theirs = await api('kaemmerei', 'POST', '/papers', { paperType: 'Beschlussvorlage', name: 'Kalkulation' })
    const theirDoc = await fx.relay.relayRepo.doc<PaperDoc>((theirs.json.url as string).slice('automerge:'.length) as DocumentId)
    expect(theirDoc).toBeDefined()
    const paper = await newDraft()
    const author = await fx.client('author', { device: 'hash-guesser' })
    const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const heads = A.getHeads(await relayPaper(paper))
    const version = (sha256: string) => ({ sha256, name: 'Anlage.pdf', mime: 'application/pdf', size: 10, version: 1, uploadedAt: new Date().toISOString(), uploadedBy: 'author', uploadedByName: 'author', comment: '' })
    handle.change((d) => {
      d.attachments.push({ id: 'stolen', title: 'Anlage', versions: [version(secret.sha256)] })
    })
    const closed = await Promise.race([author.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(A.getHeads(await relayPaper(paper))).toEqual(heads)
    expect(fx.relay.blobs.refs(secret.sha256).some((r) => r.documentId === paper.url.slice('automerge:'.length))).toBe(false)
    // the author's own upload is fine
    const own = await fx.relay.blobStore.put(new TextEncoder().encode('%PDF-1.4 Lageplan des Bauamts'))
    fx.relay.blobs.add(own.sha256, own.size, 'application/pdf', 'author')
    const honest = await fx.client('author', { device: 'honest' })
    const h2 = await honest.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    h2.change((d) => {
      d.attachments.push({ id: 'own', title: 'Lageplan', versions: [version(own.sha256)] })
    })
    await expect.poll(async () => (await relayPaper(paper)).attachments.some((a) => a.id === 'own'), { timeout: 5000 }).toBe(true)
  })

  it('does not let a co-signer edit sections', async () => {
    const paper = await newDraft()
    await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-cosigning', { departments: ['dept-finanzen'] }))
    const cosigner = await fx.client('kaemmerei')
    const handle = await cosigner.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const heads = A.getHeads(await relayPaper(paper))
    handle.change((d) => A.splice(d, ['sections', 0, 'text'], 0, 0, 'Von der Kämmerei geändert. '))
    const closed = await Promise.race([cosigner.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(A.getHeads(await relayPaper(paper))).toEqual(heads)
  })

  it('merges an author’s offline edit made while it was a draft, but refuses edits after the author saw co-signing', async () => {
    const paper = await newDraft()
    const offline = await fx.client('author-2', { device: 'laptop' })
    const handle = await offline.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    offline.adapter.disconnect()
    handle.change((d) => A.splice(d, ['sections', 1, 'text'], 0, 0, 'Offline geschrieben. '))
    await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-cosigning', { departments: ['dept-finanzen'] }))

    // reconnect with a fresh adapter on the same repo state: the offline edit merges
    const again = await fx.client('author-2', { device: 'laptop2' })
    const h2 = await again.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    h2.merge(handle)
    const relayHandle = await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice(10) as DocumentId)
    await waitFor(relayHandle, (d) => d.sections[1].text.startsWith('Offline geschrieben.'))
    expect(relayHandle.doc().events.map((e) => e.action)).toEqual(['request-cosigning'])

    // now this device has seen co-signing: a further edit is refused
    await waitFor(h2, (d) => d.events.length === 1)
    const heads = A.getHeads(relayHandle.doc())
    h2.change((d) => A.splice(d, ['sections', 1, 'text'], 0, 0, 'Zu spät. '))
    const closed = await Promise.race([again.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(A.getHeads(relayHandle.doc())).toEqual(heads)
  })

  it('keeps attachment versions: a client cannot drop an old version', async () => {
    const paper = await newDraft()
    const author = await fx.client('author', { device: 'files' })
    const handle = await author.repo.find<PaperDoc>(paper.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const version = (n: number) => ({
      sha256: String(n).repeat(64).slice(0, 64), name: `Plan v${n}.pdf`, mime: 'application/pdf', size: 10, version: n,
      uploadedAt: new Date().toISOString(), uploadedBy: 'author', uploadedByName: 'author', comment: n === 1 ? '' : 'Korrektur',
    })
    handle.change((d) => d.attachments.push({ id: 'a1', title: 'Lageplan', versions: [version(1)] }))
    handle.change((d) => d.attachments[0].versions.push(version(2)))
    const relayHandle = await fx.relay.relayRepo.handle<PaperDoc>(paper.url.slice(10) as DocumentId)
    await waitFor(relayHandle, (d) => d.attachments[0]?.versions.length === 2)
    handle.change((d) => d.attachments[0].versions.splice(0, 1))
    const closed = await Promise.race([author.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(relayHandle.doc().attachments[0].versions.map((v) => v.version)).toEqual([1, 2])
  })
})
