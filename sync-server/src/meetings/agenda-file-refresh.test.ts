/**
 * New file versions reach the meetings: the office adds a version to a paper under consultation
 * (through sync, as the app does), the relay refreshes the agenda items presenting the paper in
 * open meetings (public and non-public part), leaves held meetings alone, and tells the body's
 * members by push ("documents") with public facts only, once per state of the files.
 */
import type { AutomergeUrl, DocumentId } from '@automerge/automerge-repo'
import {
  defaultAccess,
  derivePaperWorkflow,
  paperAccess,
  type FileRef,
  type FileVersion,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type PaperDoc,
  type WorkflowEvent,
} from '@ratstisch/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PushSender, PushTarget } from '../notify/push-sender.ts'
import { minimalPdf, sampleMeeting, startFixture, waitFor, type Fixture } from '../testing/relay-fixture.ts'

class RecordingPush implements PushSender {
  readonly publicKey = 'test-key'
  readonly sent: Array<{ endpoint: string; payload: Record<string, string> }> = []
  async send(target: PushTarget, payload: string) {
    this.sent.push({ endpoint: target.endpoint, payload: JSON.parse(payload) as Record<string, string> })
    return { ok: true as const }
  }
}

let fx: Fixture
let push: RecordingPush
let paperDocId: string
let v1: FileVersion
let heldDocId: string

const event = (action: string, at: string): WorkflowEvent => ({ id: `e-${action}`, at, actor: 'system', roles: ['approver', 'clerk'], action })

async function storedPdf(text: string, name: string, version: number, by = 'clerk'): Promise<FileVersion> {
  const bytes = minimalPdf(text)
  const { sha256, size } = await fx.relay.blobStore.put(bytes)
  fx.relay.blobs.add(sha256, size, 'application/pdf', null)
  return { sha256, name, mime: 'application/pdf', size, version, uploadedAt: new Date().toISOString(), uploadedBy: by, uploadedByName: 'Sabine Krüger', comment: '' }
}

const fileOf = (v: FileVersion): FileRef => ({ sha256: v.sha256, name: v.name, mime: v.mime, size: v.size })

beforeEach(async () => {
  fx = await startFixture({ pushHosts: ['push.example'], noticeDelayMs: 60_000 })
  push = new RecordingPush()
  Object.assign(fx.relay.notifier, { push })
  v1 = await storedPdf('Lageplan Fassung 1', 'Lageplan.pdf', 1, 'author')
  const paper: PaperDoc = {
    type: 'paper',
    id: 'paper-42',
    reference: 'BV 42 (VIII/2024-2029)',
    number: 42,
    termId: 'term-viii',
    name: 'Bebauungsplan Nr. 42',
    paperType: 'Beschlussvorlage',
    date: '2026-02-01',
    public: true,
    departmentId: 'dept-bau',
    department: 'Bauamt',
    summary: '',
    workflowId: 'default',
    createdBy: 'author',
    createdAt: '2026-01-20T09:00:00.000Z',
    sections: [],
    attachments: [{ id: 'a1', title: 'Lageplan', versions: [v1] }],
    consultations: [{ id: 'c1', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Entscheidung' }],
    sharedWith: [],
    events: [event('request-approval', '2026-01-25T09:00:00.000Z'), event('release', '2026-01-26T09:00:00.000Z'), event('start-consultation', '2026-01-27T09:00:00.000Z')],
  }
  expect(derivePaperWorkflow(paper).state).toBe('consultation')
  const repo = fx.relay.relayRepo.repo
  const paperHandle = repo.create(paper)
  paperDocId = paperHandle.documentId
  fx.relay.registry.register({ documentId: paperDocId, type: 'paper', meetingId: null, ownerId: null, ...paperAccess(paper, derivePaperWorkflow(paper)) })
  fx.relay.projection.project(paperDocId, paper)
  const summary = { url: paperHandle.url, id: paper.id, reference: paper.reference, name: paper.name, paperType: paper.paperType }

  // the fixture's meeting (invited) presents the paper on Ö 3 and, for the test, on N 1; an old-style snapshot without attachmentId
  const pub = await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
  pub.change((d) => {
    d.agendaItems[1].paper = summary
    d.agendaItems[1].files = [fileOf(v1)]
    d.releases = [{ version: 1, kind: 'invitation', at: '2026-02-20T09:00:00.000Z', byName: 'Sabine Krüger', changes: [] }]
  })
  const conf = await fx.relay.relayRepo.handle<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId)
  conf.change((d) => {
    d.agendaItems[0].paper = summary
    d.agendaItems[0].files.push(fileOf(v1))
  })
  fx.relay.projection.project(fx.meetingDocId, pub.doc())
  fx.relay.projection.project(fx.confidentialDocId, conf.doc())

  // a meeting held earlier presents the version it had: it stays as it was
  const held: MeetingDoc = { ...sampleMeeting([fileOf(v1)]), id: 'mtg-held', state: 'held', start: '2026-02-05T17:00:00+01:00' }
  held.agendaItems[1].paper = summary
  const heldHandle = repo.create(held)
  heldDocId = heldHandle.documentId
  fx.relay.registry.register({ documentId: heldDocId, type: 'meeting', meetingId: 'mtg-held', ownerId: null, ...defaultAccess('meeting', {}) })
  fx.relay.projection.project(heldDocId, held)
  await repo.flush()
}, 30_000)
afterEach(async () => {
  await fx.close()
}, 30_000)

async function subscribe(user: string, name: string): Promise<string> {
  const cookie = await fx.login(user)
  const keys = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') }
  const res = await fetch(`${fx.origin}/api/push/subscriptions`, {
    method: 'POST',
    headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: `https://push.example/${name}`, keys }),
  })
  expect(res.status).toBe(201)
  return cookie
}

/** The clerk's app: uploads the bytes for the paper, then appends the version to the paper document. */
async function clerkAddsVersion(text: string, version: number): Promise<string> {
  const clerk = await fx.client('clerk', { device: `clerk${version}` })
  const bytes = minimalPdf(text)
  const res = await fetch(`${fx.origin}/api/files?doc=${paperDocId}`, {
    method: 'POST',
    headers: { cookie: clerk.cookie, origin: fx.origin, 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`Lageplan v${version}.pdf`) },
    body: bytes as BodyInit,
  })
  expect(res.status).toBe(201)
  const { sha256, size } = (await res.json()) as { sha256: string; size: number }
  const handle = await clerk.repo.find<PaperDoc>(`automerge:${paperDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(10_000) })
  handle.change((d) => {
    d.attachments[0].versions.push({ sha256, name: `Lageplan v${version}.pdf`, mime: 'application/pdf', size, version, uploadedAt: new Date().toISOString(), uploadedBy: clerk.userId, uploadedByName: 'Sabine Krüger', comment: 'Korrektur' })
  })
  const relayPaper = await fx.relay.relayRepo.handle<PaperDoc>(paperDocId as DocumentId)
  await waitFor(relayPaper, (d) => d.attachments[0].versions.length === version, 10_000)
  await fx.relay.agendaFiles.idle()
  return sha256
}

const itemFiles = async () => {
  const pub = (await fx.relay.relayRepo.doc<MeetingDoc>(fx.meetingDocId as DocumentId))!
  const conf = (await fx.relay.relayRepo.doc<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId))!
  const held = (await fx.relay.relayRepo.doc<MeetingDoc>(heldDocId as DocumentId))!
  return { pub: pub.agendaItems[1].files, conf: conf.agendaItems[0].files, held: held.agendaItems[1].files }
}

describe('new file versions reach the meetings', { timeout: 30_000 }, () => {
  it('refreshes open meetings’ items (both parts), not held ones, and the members can download the new version', async () => {
    const v2 = await clerkAddsVersion('Lageplan Fassung 2', 2)
    const files = await itemFiles()
    const current = { sha256: v2, name: 'Lageplan v2.pdf', mime: 'application/pdf', size: expect.any(Number), attachmentId: 'a1', version: 2 }
    expect(files.pub).toEqual([current])
    // the non-public item keeps its own file and gets the paper's new version
    expect(files.conf).toEqual([expect.objectContaining({ name: 'Kaufvertrag.pdf' }), current])
    expect(files.held).toEqual([fileOf(v1)])
    expect(fx.relay.blobs.refs(v2).map((r) => r.documentId)).toEqual(expect.arrayContaining([fx.meetingDocId, fx.confidentialDocId]))
    expect(fx.relay.blobs.refs(v2).map((r) => r.documentId)).not.toContain(heldDocId)
    const anna = await fx.login('member-a')
    const download = await fetch(`${fx.origin}/api/files/${v2}`, { method: 'HEAD', headers: { cookie: anna } })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain('Lageplan')
    expect(fx.relay.audit.recent('agenda-files-refreshed').map((e) => e.target).sort()).toEqual([fx.confidentialDocId, fx.meetingDocId].sort())
  })

  it('pushes "documents changed" to the body’s members once per state of the files, with public facts only', async () => {
    const annaCookie = await subscribe('member-a', 'anna')
    await subscribe('member-b', 'bernd')
    await clerkAddsVersion('Lageplan Fassung 2', 2)
    expect(fx.relay.documentNotices.pending).toBe(1)
    await fx.relay.documentNotices.flush()
    expect(push.sent.map((p) => p.endpoint)).toEqual(['https://push.example/anna'])
    expect(push.sent[0].payload).toMatchObject({ title: 'Unterlagen geändert: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr', path: '/app/meetings/mtg-1' })
    for (const secret of ['Bebauungsplan', 'Lageplan', 'Grundstück', 'Kaufvertrag', 'Korrektur']) expect(JSON.stringify(push.sent)).not.toContain(secret)
    // the same state again: nothing new
    expect(await fx.relay.agendaFiles.refresh(paperDocId as DocumentId)).toEqual([])
    await fx.relay.documentNotices.flush()
    expect(push.sent).toHaveLength(1)
    // no mail for document changes
    expect((fx.relay.db.prepare("SELECT DISTINCT channel FROM notifications WHERE key LIKE 'documents:%'").all() as { channel: string }[]).map((r) => r.channel)).toEqual(['push'])

    // Anna turns document notices off: version 3 reaches her app, but no push
    const res = await fetch(`${fx.origin}/api/push/preferences`, {
      method: 'PUT',
      headers: { cookie: annaCookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: false }),
    })
    expect(((await res.json()) as { preferences: Record<string, boolean> }).preferences).toEqual({ invitation: true, documents: false, faction: true })
    const v3 = await clerkAddsVersion('Lageplan Fassung 3', 3)
    expect((await itemFiles()).pub[0].sha256).toBe(v3)
    await fx.relay.documentNotices.flush()
    expect(push.sent).toHaveLength(1)
  })

  it('also tells the members when the office adds a document to an item of the released agenda directly', async () => {
    await subscribe('member-a', 'anna')
    const annex = await storedPdf('Stellungnahme Ortschaftsrat', 'Stellungnahme.pdf', 1)
    const clerk = await fx.client('clerk')
    const handle = await clerk.repo.find<MeetingDoc>(`automerge:${fx.meetingDocId}` as AutomergeUrl, { signal: AbortSignal.timeout(10_000) })
    // editing a title is not news; a new document is
    handle.change((d) => {
      d.agendaItems[0].title = 'Eröffnung und Begrüßung'
    })
    const relayMeeting = await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
    await waitFor(relayMeeting, (d) => d.agendaItems[0].title === 'Eröffnung und Begrüßung', 10_000)
    expect(fx.relay.documentNotices.pending).toBe(0)
    handle.change((d) => {
      d.agendaItems[0].files.push(fileOf(annex))
    })
    await waitFor(relayMeeting, (d) => d.agendaItems[0].files.length === 1, 10_000)
    expect(fx.relay.documentNotices.pending).toBe(1)
    await fx.relay.documentNotices.flush()
    expect(push.sent.map((p) => [p.endpoint, p.payload.title])).toEqual([['https://push.example/anna', 'Unterlagen geändert: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr']])
  })

  it('says nothing about meetings the members were not invited to yet', async () => {
    await subscribe('member-a', 'anna')
    const pub = await fx.relay.relayRepo.handle<MeetingDoc>(fx.meetingDocId as DocumentId)
    pub.change((d) => {
      d.releases = []
      d.state = 'planned'
    })
    fx.relay.projection.project(fx.meetingDocId, pub.doc())
    const v2 = await clerkAddsVersion('Lageplan Fassung 2', 2)
    // the office's planned agenda is refreshed all the same
    expect((await itemFiles()).pub[0].sha256).toBe(v2)
    await fx.relay.documentNotices.flush()
    expect(push.sent).toEqual([])
  })
})
