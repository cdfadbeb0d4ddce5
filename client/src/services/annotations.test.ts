// @vitest-environment happy-dom
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import type { Annotation, FactionNotesDoc, NotesDoc } from '@ratstisch/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from './api-client.ts'
import { MeetingAnnotations, ShareError, validAnnotations, type AnnotationInput, type AnnotationServices } from './annotations.ts'
import type { CatalogueRow } from './local-db.ts'

const SHA = 'a'.repeat(64)
const me = { id: 'u-anna', name: 'Anna Beispiel', memberships: [{ organizationId: 'f-gruen', organizationName: 'Grüne Fraktion', organizationType: 'Fraktion' as const, role: '', votingRight: false, startDate: null, endDate: null }] }

const input = (over: Partial<AnnotationInput> = {}): AnnotationInput => ({
  kind: 'highlight',
  color: 'yellow',
  target: { fileKey: 'p1/a1', sha256: SHA, name: 'Vorlage.pdf' },
  page: 1,
  quote: { exact: 'Bebauungsplan', prefix: 'Der ', suffix: ' Nr. 42' },
  start: 4,
  end: 17,
  rects: [[0.1, 0.2, 0.3, 0.02]],
  ...over,
})

function colleague(id: string, over: Partial<Annotation> = {}): Annotation {
  return { ...input(), id, author: 'u-bernd', authorName: 'Bernd Muster', createdAt: '2026-03-01T10:00:00.000Z', ...over }
}

interface Fake {
  services: AnnotationServices
  rows: CatalogueRow[]
  posts: string[]
  answer: () => Promise<{ status: number; body: unknown }>
  notes: DocHandle<NotesDoc> | undefined
}

let repo: Repo
let faction: DocHandle<FactionNotesDoc>

beforeEach(() => {
  repo = new Repo({ network: [] })
  faction = repo.create<FactionNotesDoc>({ type: 'faction-notes', factionId: 'f-gruen', meetingId: 'm1', annotations: {}, notes: {} })
  Object.defineProperty(navigator, 'onLine', { value: true, configurable: true })
})

afterEach(async () => {
  await repo.shutdown()
})

function fake(): Fake {
  const f: Fake = {
    rows: [],
    posts: [],
    notes: undefined,
    answer: async () => ({ status: 201, body: { url: faction.url, factionId: 'f-gruen', factionName: 'Grüne Fraktion' } }),
    services: undefined as unknown as AnnotationServices,
  }
  const on = () => () => undefined
  f.services = {
    me,
    notes: {
      on,
      open: async () => f.notes,
      ensure: async () => (f.notes ??= repo.create<NotesDoc>({ type: 'notes', owner: me.id, meetingId: 'm1', notes: {} })),
    },
    repo: {
      find: async (url: string) => repo.find(url as never),
      sharingChanged: () => undefined,
    },
    catalogue: {
      on,
      forMeeting: async () => ({ factionNotes: f.rows.find((r) => r.type === 'faction-notes') }),
      put: async (row: CatalogueRow) => void f.rows.push(row),
    },
    tracker: { change: (h: DocHandle<unknown>, fn: (d: unknown) => void) => h.change(fn), watch: () => undefined },
    api: {
      postJson: async (path: string) => {
        f.posts.push(path)
        return f.answer()
      },
    },
  } as unknown as AnnotationServices
  return f
}

describe('MeetingAnnotations', () => {
  it('stores a new annotation privately, in the member’s notes document, with author and time', async () => {
    const f = fake()
    const ann = new MeetingAnnotations(f.services, 'm1')
    await ann.open()
    const a = await ann.create(input())
    expect(a.author).toBe(me.id)
    expect(a.authorName).toBe(me.name)
    expect(f.notes?.doc()?.annotations?.[a.id]).toMatchObject({ kind: 'highlight', quote: { exact: 'Bebauungsplan' } })
    expect(ann.entries()).toEqual([{ annotation: expect.objectContaining({ id: a.id }), scope: 'private', mine: true }])
    // nothing reached the faction (its document is open, for colleagues' shares to arrive live)
    expect(f.rows.map((r) => r.type)).toEqual(['faction-notes'])
    expect(Object.keys(faction.doc()?.annotations ?? {})).toEqual([])
  })

  it('edits colour and comment, and drops fields set to undefined', async () => {
    const f = fake()
    const ann = new MeetingAnnotations(f.services, 'm1')
    await ann.open()
    const a = await ann.create(input())
    ann.update(a.id, { color: 'green', text: 'Rückfrage' })
    ann.update(a.id, { text: 'Rückfrage an die Verwaltung', rects: undefined })
    const stored = f.notes!.doc()!.annotations![a.id]
    expect(stored.color).toBe('green')
    expect(stored.text).toBe('Rückfrage an die Verwaltung')
    expect('rects' in stored).toBe(false)
    expect(stored.updatedAt).toBeTruthy()
    ann.remove(a.id)
    expect(ann.entries()).toEqual([])
  })

  it('shares by moving the annotation into the faction document the relay names, and back', async () => {
    const f = fake()
    const ann = new MeetingAnnotations(f.services, 'm1')
    await ann.open()
    // opening asked the relay once for the faction's document
    expect(f.posts).toEqual(['/api/meetings/m1/faction-notes'])
    const a = await ann.create(input({ text: 'Für die Fraktionssitzung' }))
    await ann.share(a.id)
    expect(f.posts).toHaveLength(1)
    expect(f.rows).toEqual([{ documentId: faction.documentId, url: faction.url, type: 'faction-notes', access: 'write', meeting: 'm1' }])
    expect(faction.doc()!.annotations[a.id]).toMatchObject({ text: 'Für die Fraktionssitzung', author: me.id })
    expect(f.notes!.doc()!.annotations![a.id]).toBeUndefined()
    expect(ann.factionName).toBe('Grüne Fraktion')
    expect(ann.entries().map((e) => e.scope)).toEqual(['faction'])
    await ann.unshare(a.id)
    expect(faction.doc()!.annotations[a.id]).toBeUndefined()
    expect(ann.entries().map((e) => e.scope)).toEqual(['private'])
    // the faction document is known now: the relay is not asked again
    await ann.share(a.id)
    expect(f.posts).toHaveLength(1)
  })

  it('explains why sharing fails: no faction (404), no connection, nothing half moved', async () => {
    const f = fake()
    f.answer = async () => {
      throw new ApiError(404, 'no-faction', 'Sie gehören keiner Fraktion an')
    }
    const ann = new MeetingAnnotations(f.services, 'm-without-faction')
    await ann.open()
    expect(f.posts).toHaveLength(1)
    // the relay is not asked again when the reader opens the meeting again
    const again = new MeetingAnnotations(f.services, 'm-without-faction')
    await again.open()
    again.close()
    expect(f.posts).toHaveLength(1)
    const a = await ann.create(input())
    await expect(ann.share(a.id)).rejects.toMatchObject({ name: 'ShareError', problem: 'no-faction' })
    f.answer = async () => {
      throw new NetworkError()
    }
    await expect(ann.share(a.id)).rejects.toMatchObject({ problem: 'needs-connection' })
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    await expect(ann.share(a.id)).rejects.toBeInstanceOf(ShareError)
    expect(ann.entries().map((e) => e.scope)).toEqual(['private'])
    expect(f.rows).toEqual([])
  })

  it('does not ask the relay while offline', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    const f = fake()
    const ann = new MeetingAnnotations(f.services, 'm-offline')
    await ann.open()
    expect(f.posts).toEqual([])
    await ann.create(input())
    expect(ann.entries()).toHaveLength(1)
  })

  it('shares offline when the faction document is already on the device', async () => {
    const f = fake()
    f.rows.push({ documentId: faction.documentId, url: faction.url, type: 'faction-notes', access: 'write', meeting: 'm1' })
    const ann = new MeetingAnnotations(f.services, 'm1')
    await ann.open()
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    const a = await ann.create(input())
    await ann.share(a.id)
    expect(f.posts).toEqual([])
    expect(faction.doc()!.annotations[a.id]).toBeTruthy()
  })

  it('shows colleagues’ shared annotations live, read-only, and leaves out malformed ones', async () => {
    const f = fake()
    f.rows.push({ documentId: faction.documentId, url: faction.url, type: 'faction-notes', access: 'write', meeting: 'm1' })
    const ann = new MeetingAnnotations(f.services, 'm1')
    let changes = 0
    ann.on('change', () => changes++)
    await ann.open()
    const before = changes
    faction.change((d) => {
      d.annotations['c-1'] = colleague('c-1', { text: 'Bitte ansprechen' })
      // hostile or broken entries from another device
      d.annotations['c-2'] = { ...colleague('c-2'), kind: 'script' } as unknown as Annotation
      d.annotations['c-3'] = { ...colleague('c-3'), id: 'other-key' }
      d.annotations['c-4'] = { ...colleague('c-4'), target: { fileKey: 'x', sha256: 'not-a-sha', name: 'x' } }
    })
    expect(changes).toBeGreaterThan(before)
    const entries = ann.entries()
    expect(entries.map((e) => [e.annotation.id, e.scope, e.mine])).toEqual([['c-1', 'faction', false]])
    expect(() => ann.update('c-1', { text: 'geändert' })).toThrow(/author/)
    expect(() => ann.remove('c-1')).toThrow(/author/)
    await ann.unshare('c-1')
    expect(faction.doc()!.annotations['c-1'].text).toBe('Bitte ansprechen')
  })
})

describe('validAnnotations', () => {
  it('accepts well-formed annotations keyed by their id only', () => {
    expect(validAnnotations({ a: colleague('a') }).map((a) => a.id)).toEqual(['a'])
    expect(validAnnotations({ a: colleague('b') })).toEqual([])
    expect(validAnnotations(undefined)).toEqual([])
    expect(validAnnotations({ a: { ...colleague('a'), page: 0 } })).toEqual([])
  })
})
