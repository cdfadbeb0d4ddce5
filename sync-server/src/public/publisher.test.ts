/**
 * The public model over the seeded demo town: what is published, and what never is, including a
 * document that stops being public (read side fails closed at once, tombstones follow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingConfidentialDoc, NotesDoc, PaperDoc } from '@ratstisch/domain'
import type { Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import { Publisher } from './publisher.ts'

let relay: Relay

beforeAll(async () => {
  relay = await demoRelay()
}, 120_000)
afterAll(async () => {
  await relay.close()
})

const rows = <T>(sql: string, ...params: unknown[]) => relay.db.prepare(sql).all(...params) as T[]

describe('public model', () => {
  it('publishes the released meetings, their public items, public papers, files and the structure', () => {
    const p = relay.publisher
    const released = relay.meetings.all().filter((m) => m.publicDocId && relay.registry.get(m.publicDocId)!.readers.includes('public'))
    expect(released.length).toBeGreaterThan(20)
    expect(p.all('meeting').map((m) => m.id).sort()).toEqual(released.map((m) => m.id).sort())
    expect(p.all('agenda-item').length).toBeGreaterThan(100)
    expect(p.all('paper').length).toBeGreaterThan(20)
    expect(p.all('consultation').length).toBeGreaterThan(20)
    expect(p.all('file').length).toBeGreaterThan(50)
    expect(p.all('organization').length).toBeGreaterThan(5)
    expect(p.get('body', 'body')!.name).toContain('Musterstadt')
    // every agenda item's meeting and every file's user is public too
    for (const item of p.all('agenda-item')) expect(p.get('meeting', item.meetingId), item.id).toBeDefined()
    for (const file of p.all('file')) expect(file.usedBy.length, file.id).toBeGreaterThan(0)
  })

  it('never publishes a meeting being planned, a non-public item, a draft or a non-public paper', async () => {
    const p = relay.publisher
    const planned = relay.meetings.all().filter((m) => !relay.registry.get(m.publicDocId!)!.readers.includes('public'))
    expect(planned.length).toBeGreaterThan(0)
    for (const m of planned) expect(p.get('meeting', m.id)).toBeUndefined()
    const confidentialItemIds = new Set<string>()
    const confidentialFiles = new Set<string>()
    for (const m of relay.meetings.all()) {
      if (!m.confidentialDocId) continue
      const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
      for (const item of doc?.agendaItems ?? []) {
        confidentialItemIds.add(item.id)
        for (const f of item.files) confidentialFiles.add(f.sha256)
      }
    }
    expect(confidentialItemIds.size).toBeGreaterThan(0)
    for (const id of confidentialItemIds) expect(p.get('agenda-item', id)).toBeUndefined()
    const publicShas = new Set(p.all('file').map((f) => f.id))
    const publicPapers = new Set(p.all('paper').map((x) => x.id))
    for (const row of rows<{ id: string; public: number; state: string }>('SELECT id, public, state FROM papers')) {
      if (!row.public || row.state === 'draft') expect(publicPapers.has(row.id), row.id).toBe(false)
    }
    // a file shown only on non-public items is never public
    const publicDocFiles = new Set(p.all('agenda-item').flatMap((i) => i.files.map((f) => f.sha256)))
    for (const sha of confidentialFiles) if (!publicDocFiles.has(sha) && !p.all('paper').some((x) => x.attachments.some((a) => a.versions.some((v) => v.sha256 === sha)))) expect(publicShas.has(sha)).toBe(false)
  })

  it('shows persons and memberships only with consent', () => {
    const p = relay.publisher
    const without = rows<{ id: string }>('SELECT id FROM persons WHERE publish_consent = 0')
    expect(without.length).toBeGreaterThan(0)
    for (const { id } of without) {
      expect(p.get('person', id)).toBeUndefined()
      expect(p.all('membership').some((m) => m.personId === id)).toBe(false)
    }
    expect(p.all('person').length).toBe(rows('SELECT id FROM persons WHERE publish_consent = 1').length)
    // nothing but the published fields: no e-mail address
    expect(JSON.stringify(p.all('person'))).not.toMatch(/@/)
  })

  it('drops a paper at once when its audience narrows, and writes a tombstone', async () => {
    const p = relay.publisher
    const paper = p.all('paper')[0]
    const row = relay.db.prepare('SELECT doc_id FROM papers WHERE id = ?').get(paper.id) as { doc_id: string }
    const entry = relay.registry.get(row.doc_id)!
    const generation = p.generation
    relay.registry.register({ ...entry, readers: ['office'] })
    // read side first: not readable even before the publisher noticed
    expect(p.get('paper', paper.id)).toBeUndefined()
    expect(p.record('paper', paper.id)!.deleted).toBe(true)
    for (const c of paper.consultationIds) expect(p.get('consultation', c)).toBeUndefined()
    await p.reconcile()
    expect(p.generation).toBeGreaterThan(generation)
    const tomb = p.list('paper', { includeDeleted: true }).find((r) => r.id === paper.id)!
    expect(tomb).toMatchObject({ deleted: true, data: null })
    expect(p.list('paper').some((r) => r.id === paper.id)).toBe(false)
    // a fresh publisher on the same database keeps the tombstone (persisted)
    const reopened = new Publisher({ db: relay.db, registry: relay.registry, loadDoc: async () => undefined })
    expect(reopened.record('paper', paper.id)!.deleted).toBe(true)
    // public again: published again with the same creation time
    relay.registry.register(entry)
    await p.reconcile()
    expect(p.get('paper', paper.id)!.reference).toBe(paper.reference)
    expect(p.record('paper', paper.id)!.created).toBe(tomb.created)
  })

  it('refuses to publish from documents that are not public whatever they contain (a forged public flag)', async () => {
    const p = relay.publisher
    const draft = rows<{ doc_id: string; id: string }>("SELECT doc_id, id FROM papers WHERE state = 'draft'")[0]
    const doc = await relay.relayRepo.doc<PaperDoc>(draft.doc_id as DocumentId)
    expect(doc).toBeDefined()
    p.onDocument(draft.doc_id, { ...doc!, public: true, reference: 'BV 999' })
    expect(p.get('paper', draft.id)).toBeUndefined()
    // a member's notes registered public by mistake still publish nothing
    const notes: NotesDoc = { type: 'notes', owner: 'user-x', meetingId: 'm', notes: { a: 'secret' } }
    relay.registry.register({ documentId: 'notes-doc', type: 'notes', meetingId: 'm', ownerId: 'user-x', readers: ['public'], writers: [] })
    p.onDocument('notes-doc', notes)
    expect(JSON.stringify(p.list('meeting'))).not.toContain('secret')
  })
})
