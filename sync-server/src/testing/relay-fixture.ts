/**
 * A real relay on a random port with a small, hand-made town: used by integration tests.
 * Two bodies (Stadtrat, Bauausschuss), a clerk, member-a (Bauausschuss + Stadtrat),
 * member-b (Stadtrat only), one meeting of the Bauausschuss with a public and a non-public part.
 */
import { Repo, type DocHandle, type PeerId } from '@automerge/automerge-repo'
import { defaultAccess, type FileRef, type MeetingConfidentialDoc, type MeetingDoc } from '@ratstisch/domain'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, type RelayConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { NodeSyncClientAdapter } from './node-sync-client.ts'

export const TEST_PASSWORD = 'test-password-123'

/** The fixture's public meeting document (also the benchmarks' document, so baselines compare alike). */
export function sampleMeeting(files: FileRef[] = []): MeetingDoc {
  return {
    type: 'meeting',
    id: 'mtg-1',
    organization: { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'Bauausschuss' },
    name: '5. Sitzung des Bauausschusses',
    start: '2026-03-12T17:00:00+01:00',
    location: { description: 'Rathaus, Ratssaal' },
    state: 'invited',
    agendaItems: [
      { id: 'i1', number: 'Ö 1', order: 1, title: 'Eröffnung', public: true, files: [] },
      { id: 'i3', number: 'Ö 3', order: 3, title: 'Bebauungsplan Nr. 42', public: true, files },
    ],
  }
}

export interface Fixture {
  relay: Relay
  port: number
  origin: string
  dataDir: string
  meetingDocId: string
  confidentialDocId: string
  /** a PDF blob referenced by the confidential document */
  confidentialSha: string
  publicSha: string
  login(username: string): Promise<string>
  client(username: string, options?: { device?: string; cookie?: string; origin?: string }): Promise<TestClient>
  close(): Promise<void>
}

export interface TestClient {
  repo: Repo
  adapter: NodeSyncClientAdapter
  cookie: string
  userId: string
  close(): Promise<void>
}

export function minimalPdf(text = 'Ratstisch'): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`
  return new TextEncoder().encode(body)
}

export async function startFixture(overrides: Partial<RelayConfig> = {}, existingDataDir?: string): Promise<Fixture> {
  const dataDir = existingDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-test-'))
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, demo: false, evictIdleMs: 0, ...overrides }
  const relay = createRelay(config)
  const fresh = relay.users.count() === 0
  let meetingDocId = ''
  let confidentialDocId = ''
  let confidentialSha = ''
  let publicSha = ''
  if (fresh) {
    const { db } = relay
    db.exec(`
      INSERT INTO organizations (id, name, short_name, organization_type, classification) VALUES
        ('org-rat','Stadtrat','Stadtrat','Gremium','Stadtrat'),
        ('org-bau','Bau- und Vergabeausschuss','Bauausschuss','Gremium','Ausschuss');
      INSERT INTO legislative_terms (id, name, start_date, end_date) VALUES ('term-viii','VIII','2024-07-01','2029-06-30');
      INSERT INTO departments (id, name, short_name) VALUES
        ('dept-bau','Amt für Stadtentwicklung und Bauen','Bauamt'),
        ('dept-finanzen','Amt für Finanzen','Kämmerei'),
        ('dept-ordnung','Amt für Ordnung und Umwelt','Ordnungsamt');
      INSERT INTO persons (id, name) VALUES ('p-a','Anna Becker'), ('p-b','Bernd Schulz');
      INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date) VALUES
        ('m-a-rat','p-a','org-rat','Mitglied',1,'2024-07-01'),
        ('m-a-bau','p-a','org-bau','Mitglied',1,'2024-07-01'),
        ('m-b-rat','p-b','org-rat','Mitglied',1,'2024-07-01');
    `)
    await relay.users.create({ id: 'clerk', username: 'clerk', name: 'Sabine Krüger', password: TEST_PASSWORD, roles: ['clerk'] })
    await relay.users.create({ id: 'ua', username: 'member-a', name: 'Anna Becker', password: TEST_PASSWORD, roles: ['member'], personId: 'p-a' })
    await relay.users.create({ id: 'ub', username: 'member-b', name: 'Bernd Schulz', password: TEST_PASSWORD, roles: ['member'], personId: 'p-b' })

    const pub = await relay.blobStore.put(minimalPdf('public'))
    const conf = await relay.blobStore.put(minimalPdf('confidential'))
    relay.blobs.add(pub.sha256, pub.size, 'application/pdf', null)
    relay.blobs.add(conf.sha256, conf.size, 'application/pdf', null)
    publicSha = pub.sha256
    confidentialSha = conf.sha256
    const file = (sha256: string, size: number, name: string) => ({ sha256, size, name, mime: 'application/pdf', pages: 1 })
    const meeting = sampleMeeting([file(pub.sha256, pub.size, 'Vorlage.pdf')])
    const confidential: MeetingConfidentialDoc = {
      type: 'meeting-confidential',
      meetingId: 'mtg-1',
      agendaItems: [
        { id: 'n1', number: 'N 1', order: 1, title: 'Grundstücksverkauf Flurstück 17', public: false, files: [file(conf.sha256, conf.size, 'Kaufvertrag.pdf')] },
      ],
    }
    const h1 = relay.relayRepo.repo.create(meeting)
    relay.registry.register({ documentId: h1.documentId, type: 'meeting', meetingId: 'mtg-1', ownerId: null, ...defaultAccess('meeting', {}) })
    const h2 = relay.relayRepo.repo.create(confidential)
    relay.registry.register({
      documentId: h2.documentId,
      type: 'meeting-confidential',
      meetingId: 'mtg-1',
      ownerId: null,
      ...defaultAccess('meeting-confidential', { organizationIds: ['org-bau'] }),
    })
    relay.projection.project(h1.documentId, meeting)
    relay.meetings.setConfidentialDoc('mtg-1', h2.documentId)
    relay.projection.project(h2.documentId, confidential)
    await relay.relayRepo.repo.flush()
  }
  const row = relay.meetings.get('mtg-1')!
  meetingDocId = row.publicDocId!
  confidentialDocId = row.confidentialDocId!
  if (!fresh) {
    const refs = relay.db.prepare('SELECT sha256, document_id FROM blob_refs').all() as { sha256: string; document_id: string }[]
    publicSha = refs.find((r) => r.document_id === meetingDocId)?.sha256 ?? ''
    confidentialSha = refs.find((r) => r.document_id === confidentialDocId)?.sha256 ?? ''
  }

  const port = await relay.listen()
  const origin = `http://127.0.0.1:${port}`
  const clients: TestClient[] = []

  async function login(username: string): Promise<string> {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    })
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`)
    return res.headers.get('set-cookie')!.split(';')[0]
  }

  return {
    relay,
    port,
    origin,
    dataDir,
    meetingDocId,
    confidentialDocId,
    confidentialSha,
    publicSha,
    login,
    async client(username, options = {}) {
      const cookie = options.cookie ?? (await login(username))
      const me = (await (await fetch(`${origin}/api/me`, { headers: { cookie } })).json()) as { id: string }
      const adapter = new NodeSyncClientAdapter(`ws://127.0.0.1:${port}/sync`, { cookie, origin: options.origin ?? origin })
      const repo = new Repo({ network: [adapter], peerId: `u-${me.id}-${options.device ?? 'dev1'}` as PeerId })
      const client: TestClient = {
        repo,
        adapter,
        cookie,
        userId: me.id,
        async close() {
          adapter.disconnect()
          await repo.shutdown().catch(() => {})
        },
      }
      clients.push(client)
      return client
    },
    async close() {
      for (const c of clients) await c.close()
      await relay.close()
    },
  }
}

/** Waits until a handle's document satisfies a predicate. */
export async function waitFor<T>(handle: DocHandle<T>, predicate: (doc: T) => boolean, timeoutMs = 5000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const doc = handle.doc()
    if (doc && predicate(doc as T)) return doc as T
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for document state')
    await new Promise((r) => setTimeout(r, 20))
  }
}
