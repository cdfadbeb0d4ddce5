/**
 * The search service against the worker's real code (run in-process) and fakes of the session's
 * parts. The access tests are adversarial: documents that are on the device or referenced by a
 * readable document, but not listed in the catalogue (the relay's list of what this user may read),
 * must never reach the index; revocation and unpinning must take them out again.
 */
import { describe, expect, it } from 'vitest'
import type { MeetingConfidentialDoc, MeetingDoc, MeetingMeta, PaperDoc } from '@ratstisch/domain'
import { renderDemoPdf } from '../../../sync-server/src/demo/demo-pdf.ts'
import type { CatalogueRow } from '../services/local-db.ts'
import { LocalCipher } from '../services/local-cipher.ts'
import { SearchIndexHost } from './search-index-host.ts'
import { isSearchResponse, type SearchWorkerRequest } from './search-protocol.ts'
import { SearchService, type WatchedHandle, type WorkerLike } from './search-service.ts'
import type { ByteStore } from './sealed-index-store.ts'
import { loadNodePdfJs } from './testing/node-pdfjs.ts'

type Listener = (payload: unknown) => void

class Events {
  private readonly listeners = new Map<string, Set<Listener>>()
  on(event: string, fn: Listener): () => void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set())
    this.listeners.get(event)!.add(fn)
    return () => this.off(event, fn)
  }
  off(event: string, fn: Listener): void {
    this.listeners.get(event)?.delete(fn)
  }
  emit(event: string, payload?: unknown): void {
    for (const fn of this.listeners.get(event) ?? []) fn(payload)
  }
}

class FakeHandle<T> extends Events implements WatchedHandle<T> {
  constructor(
    readonly documentId: string,
    public value: T,
    public version = 1,
  ) {
    super()
  }
  doc(): T {
    return this.value
  }
  heads(): string[] {
    return [`h${this.version}`]
  }
  change(value: T): void {
    this.value = value
    this.version++
    this.emit('change')
  }
}

/** The worker's code in this thread: same messages, answered asynchronously. */
class InProcessWorker implements WorkerLike {
  readonly calls: string[] = []
  private readonly listeners: ((e: MessageEvent) => void)[] = []
  constructor(private readonly host: SearchIndexHost) {}
  postMessage(message: unknown): void {
    const req = message as SearchWorkerRequest
    this.calls.push(req.call)
    void this.host.handle(req.call, req.request).then(
      (result) => this.deliver({ rt: req.rt, id: req.id, ok: true, result }),
      (e: Error) => this.deliver({ rt: req.rt, id: req.id, ok: false, error: e.message }),
    )
  }
  private deliver(data: unknown): void {
    expect(isSearchResponse(data)).toBe(true)
    for (const l of this.listeners) l({ data } as MessageEvent)
  }
  addEventListener(type: string, listener: (e: MessageEvent) => void): void {
    if (type === 'message') this.listeners.push(listener)
  }
  terminate(): void {}
}

const META: MeetingMeta = { name: '5. Sitzung des Bauausschusses', start: '2026-03-04T17:00:00+01:00', state: 'invited', organizationId: 'org-bau', organizationName: 'Bauausschuss' }
const PDF_SHA = 'a'.repeat(64)
const CONF_PDF_SHA = 'b'.repeat(64)
const OWN_PDF_SHA = 'f'.repeat(64)

async function pdf(text: string): Promise<Blob> {
  const bytes = await renderDemoPdf({
    town: { id: 'b', name: 'Stadt Musterstadt', shortName: 'Musterstadt', website: 'https://musterstadt.example', contactEmail: 'info@musterstadt.example' },
    title: 'Vorlage',
    paragraphs: [text],
    pages: 1,
  })
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })
}

async function setup() {
  const meetingDoc: MeetingDoc = {
    type: 'meeting', id: 'm1', name: META.name, start: META.start, state: 'invited', location: { description: 'Rathaus' },
    organization: { id: 'org-bau', name: 'Bauausschuss', shortName: 'BA' },
    agendaItems: [{
      id: 'i1', number: 'Ö 3', order: 3, title: 'Bebauungsplan Nr. 42 „Am Anger“', public: true,
      paper: { url: 'automerge:paper1', id: 'p1', reference: 'BV 42 (VIII/2024-2029)', name: 'Bebauungsplan Nr. 42', paperType: 'Beschlussvorlage' },
      files: [{ sha256: PDF_SHA, name: 'BV 42.pdf', mime: 'application/pdf', size: 1 }],
    }, {
      id: 'i2', number: 'Ö 4', order: 4, title: 'Anfrage zum Winterdienst', public: true,
      // a paper this member may not read (not in the catalogue), though its URL is on the agenda
      paper: { url: 'automerge:paper2', id: 'p2', reference: 'AF 9', name: 'Anfrage', paperType: 'Anfrage' },
      files: [],
    }],
  }
  const confDoc: MeetingConfidentialDoc = {
    type: 'meeting-confidential', meetingId: 'm1',
    agendaItems: [{ id: 'n1', number: 'N 1', order: 1, title: 'Grundstücksverkauf an die Firma Geheimbau', public: false, files: [{ sha256: CONF_PDF_SHA, name: 'Kaufvertrag.pdf', mime: 'application/pdf', size: 1 }] }],
  }
  const paper1 = { type: 'paper', id: 'p1', reference: 'BV 42 (VIII/2024-2029)', name: 'Bebauungsplan Nr. 42 „Am Anger“', paperType: 'Beschlussvorlage', date: '2026-02-01', public: true, summary: 'Lärmschutzwand entlang der Bahn.', sections: [], attachments: [], consultations: [] } as unknown as PaperDoc
  const paper2 = { ...paper1, id: 'p2', name: 'Geheime Anfrage', summary: 'Vertrauliche Begründung Zeppelin.' } as unknown as PaperDoc
  const handles = new Map<string, FakeHandle<unknown>>([
    ['automerge:meeting1', new FakeHandle('meeting1', meetingDoc)],
    ['automerge:conf1', new FakeHandle('conf1', confDoc)],
    ['automerge:paper1', new FakeHandle('paper1', paper1)],
    ['automerge:paper2', new FakeHandle('paper2', paper2)],
    ['automerge:notes1', new FakeHandle('notes1', {
      type: 'notes', owner: 'u1', meetingId: 'm1', notes: { i1: 'nachfragen' },
      uploads: [{ id: 'up1', sha256: OWN_PDF_SHA, name: 'Stellungnahme Bürgerverein.pdf', mime: 'application/pdf', size: 1, itemId: 'i1', uploadedAt: '2026-03-01T10:00:00Z' }],
    })],
  ])
  const found: string[] = []
  const rows = new Map<string, CatalogueRow>([
    ['meeting1', { documentId: 'meeting1', url: 'automerge:meeting1', type: 'meeting', access: 'read', meeting: 'm1', meta: META }],
    ['conf1', { documentId: 'conf1', url: 'automerge:conf1', type: 'meeting-confidential', access: 'read', meeting: 'm1' }],
    ['paper1', { documentId: 'paper1', url: 'automerge:paper1', type: 'paper', access: 'read' }],
    ['notes1', { documentId: 'notes1', url: 'automerge:notes1', type: 'notes', access: 'write', meeting: 'm1' }],
  ])
  const catalogueEvents = new Events()
  const catalogue = {
    rows,
    async meetings() {
      return [...rows.values()].filter((r) => r.type === 'meeting')
    },
    async forMeeting(meetingId: string) {
      const of = [...rows.values()].filter((r) => r.meeting === meetingId)
      return { meeting: of.find((r) => r.type === 'meeting'), confidential: of.find((r) => r.type === 'meeting-confidential'), notes: of.find((r) => r.type === 'notes') }
    },
    has: (id: string) => rows.has(id),
    on: (event: 'change', fn: () => void) => catalogueEvents.on(event, fn),
    changed: () => catalogueEvents.emit('change'),
  }
  const pinned = new Set<string>(['m1'])
  const pinnerEvents = new Events()
  const pinner = { pinnedIds: async () => new Set(pinned), on: (event: 'change', fn: () => void) => pinnerEvents.on(event, fn) }
  const blobs = new Map<string, Blob>([
    [PDF_SHA, await pdf('Die Lärmschutzwand wird 4 Meter hoch.')],
    [CONF_PDF_SHA, await pdf('Der Kaufpreis beträgt 99.000 Euro.')],
    [OWN_PDF_SHA, await pdf('Der Bürgerverein lehnt die Lärmschutzwand aus Glas ab.')],
  ])
  const bytes: ByteStore & { value?: Uint8Array } = {
    async read() {
      return this.value
    },
    async write(b) {
      this.value = b
    },
  }
  const worker = new InProcessWorker(new SearchIndexHost({ byteStore: () => bytes, pdfjs: loadNodePdfJs, saveDelayMs: 5 }))
  const service = new SearchService({
    userId: 'u1',
    cipher: new LocalCipher(await LocalCipher.generateKey()),
    catalogue: catalogue as never,
    pinner: pinner as never,
    repo: {
      async find<T>(url: string) {
        found.push(url)
        const h = handles.get(url)
        if (!h) throw new Error('unavailable')
        return h as unknown as WatchedHandle<T>
      },
    },
    files: { get: async (sha: string) => blobs.get(sha) },
    createWorker: () => worker,
    debounceMs: 0,
  })
  const titles = async (query: string) => (await service.search(query)).hits.map((h) => h.title)
  return { service, worker, catalogue, pinned, pinnerEvents, handles, found, blobs, titles, meetingDoc }
}

describe('SearchService', () => {
  it('indexes the catalogue, the pinned meeting with both parts, its readable papers and cached files', async () => {
    const { service, titles } = await setup()
    service.start()
    await service.settled()
    expect(await titles('Bauausschuss März')).toContain(META.name)
    expect(await titles('Bebauungsplan')).toContain('Bebauungsplan Nr. 42 „Am Anger“')
    expect(await titles('Geheimbau')).toEqual(['Grundstücksverkauf an die Firma Geheimbau'])
    const page = (await service.search('Lärmschutzwand 4 Meter')).hits.find((h) => h.kind === 'file')
    expect(page?.file).toMatchObject({ sha256: PDF_SHA, page: 1, itemNumber: 'Ö 3' })
    expect(service.status).toMatchObject({ phase: 'ready', pendingFiles: 0 })
    // the member's own upload, on the item it belongs to
    const own = (await service.search('Bürgerverein Glas')).hits.find((h) => h.kind === 'file')
    expect(own?.file).toMatchObject({ sha256: OWN_PDF_SHA, own: true, itemNumber: 'Ö 3' })
    await service.dispose()
  })

  it('never reads documents the catalogue does not list, even when they are referenced and on the device', async () => {
    const { service, catalogue, found, titles } = await setup()
    catalogue.rows.delete('conf1') // member of another body: no non-public part
    service.start()
    await service.settled()
    expect(found).not.toContain('automerge:conf1')
    expect(found).not.toContain('automerge:paper2')
    expect(await titles('Geheimbau')).toEqual([])
    expect(await titles('Kaufpreis')).toEqual([])
    expect(await titles('Zeppelin')).toEqual([])
    await service.dispose()
  })

  it('takes revoked documents and their file texts out of the index', async () => {
    const { service, catalogue, titles } = await setup()
    service.start()
    await service.settled()
    expect(await titles('Kaufpreis')).toHaveLength(1)
    catalogue.rows.delete('conf1')
    catalogue.changed()
    await service.settled()
    expect(await titles('Geheimbau')).toEqual([])
    expect(await titles('Kaufpreis')).toEqual([])
    // the public part stays
    expect(await titles('Lärmschutzwand')).not.toEqual([])
    await service.dispose()
  })

  it("drops a meeting's documents and files when it is unpinned; the meeting stays findable by name", async () => {
    const { service, pinned, pinnerEvents, titles } = await setup()
    service.start()
    await service.settled()
    pinned.clear()
    pinnerEvents.emit('change', 'm1')
    await service.settled()
    expect(await titles('Lärmschutzwand')).toEqual([])
    expect(await titles('Geheimbau')).toEqual([])
    expect(await titles('Bauausschuss')).toEqual([META.name])
    await service.dispose()
  })

  it('updates incrementally: nothing is re-sent when nothing changed; a changed document is re-sent alone', async () => {
    const { service, worker, handles, meetingDoc, titles } = await setup()
    service.start()
    await service.settled()
    const indexed = worker.calls.filter((c) => c === 'index-file').length
    expect(indexed).toBe(3)
    worker.calls.length = 0
    service.refresh(0)
    await service.settled()
    expect(worker.calls).not.toContain('put-sources')
    expect(worker.calls).not.toContain('index-file')

    const meeting = handles.get('automerge:meeting1') as FakeHandle<MeetingDoc>
    meeting.change({ ...meetingDoc, agendaItems: [{ ...meetingDoc.agendaItems[0], title: 'Bebauungsplan Nr. 42 „Am Anger“ – Satzungsbeschluss' }] })
    await new Promise((r) => setTimeout(r, 20))
    await service.settled()
    expect(worker.calls.filter((c) => c === 'put-sources')).toHaveLength(1)
    expect(worker.calls).not.toContain('index-file')
    expect(await titles('Satzungsbeschluss')).toEqual(['Bebauungsplan Nr. 42 „Am Anger“ – Satzungsbeschluss'])
    expect(await titles('Winterdienst')).toEqual([])
    await service.dispose()
  })

  it('reports a worker that cannot start and rejects searches after dispose', async () => {
    const { service } = await setup()
    const broken = new SearchService({ ...(service as unknown as { deps: ConstructorParameters<typeof SearchService>[0] }).deps, createWorker: () => { throw new Error('no workers here') } })
    broken.start()
    expect(broken.status).toMatchObject({ phase: 'failed', error: 'no workers here' })
    service.start()
    await service.settled()
    await service.dispose()
    await expect(service.search('x')).rejects.toThrow()
  })
})
