import { describe, expect, it } from 'vitest'
import type { MeetingConfidentialDoc, MeetingDoc } from '@ratstisch/domain'
import { renderDemoPdf } from '../../../sync-server/src/demo/demo-pdf.ts'
import { LocalCipher } from '../services/local-cipher.ts'
import { SearchIndexHost } from './search-index-host.ts'
import { meetingPartSource, meetingRefOf } from './search-sources.ts'
import type { ByteStore } from './sealed-index-store.ts'
import { loadNodePdfJs } from './testing/node-pdfjs.ts'

class MemoryBytes implements ByteStore {
  bytes: Uint8Array | undefined
  writes = 0
  async read() {
    return this.bytes
  }
  async write(bytes: Uint8Array) {
    this.bytes = bytes
    this.writes++
  }
}

const SECRET_TITLE = 'Grundstücksverkauf Flurstück 815 an die Firma Geheimbau'
const SECRET_PAGE = 'Der Kaufpreis beträgt 123.456 Euro'

const meeting: MeetingDoc = {
  type: 'meeting', id: 'm1', name: '3. Sitzung des Hauptausschusses', start: '2026-03-18T17:00:00+01:00', state: 'invited', agendaItems: [],
  organization: { id: 'org-haupt', name: 'Hauptausschuss', shortName: 'HA' }, location: { description: 'Rathaus' },
}

async function confidentialPart(): Promise<{ doc: MeetingConfidentialDoc; pdf: Uint8Array; sha256: string }> {
  const pdf = await renderDemoPdf({
    town: { id: 'b', name: 'Stadt Musterstadt', shortName: 'Musterstadt', website: 'https://musterstadt.example', contactEmail: 'info@musterstadt.example' },
    title: 'Grundstücksangelegenheit',
    paragraphs: ['Sachverhalt', SECRET_PAGE + '.', 'Seite zwei folgt.'],
    pages: 2,
  })
  const sha256 = 'e'.repeat(64)
  const doc: MeetingConfidentialDoc = {
    type: 'meeting-confidential', meetingId: 'm1',
    agendaItems: [{ id: 'n1', number: 'N 1', order: 1, title: SECRET_TITLE, public: false, files: [{ sha256, name: 'Vorlage.pdf', mime: 'application/pdf', size: pdf.byteLength }] }],
  }
  return { doc, pdf, sha256 }
}

function contains(haystack: Uint8Array, needle: string): boolean {
  const n = new TextEncoder().encode(needle)
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer
    return true
  }
  return false
}

describe('SearchIndexHost', () => {
  it('indexes PDF text with pdf.js and keeps the index sealed at rest', async () => {
    const bytes = new MemoryBytes()
    const key = await LocalCipher.generateKey()
    const host = new SearchIndexHost({ byteStore: () => bytes, pdfjs: loadNodePdfJs, saveDelayMs: 10 })
    expect(await host.handle('open', { dbName: 'ratstisch-search-u1', key })).toMatchObject({ restored: 'new', documents: 0 })

    const { doc, pdf, sha256 } = await confidentialPart()
    const state = await host.handle('put-sources', { sources: [meetingPartSource('conf', 'h1', doc, meetingRefOf(meeting))] })
    expect(state.wanted).toEqual([{ sha256, name: 'Vorlage.pdf' }])
    const copy = pdf.slice()
    expect(await host.handle('index-file', { sha256, name: 'Vorlage.pdf', bytes: copy.buffer })).toMatchObject({ pages: 2 })
    const page = (await host.handle('search', { query: 'Kaufpreis', options: {} })).hits[0]
    expect(page.file).toMatchObject({ sha256, page: 1, pages: 2 })
    expect(page.snippet.text).toContain(SECRET_PAGE)

    await host.handle('flush', {})
    const sealed = bytes.bytes!
    expect(sealed[0]).toBe(1)
    // nothing readable at rest: neither the item title nor the PDF text
    for (const secret of ['Grundst', 'Geheimbau', 'Kaufpreis', '123.456', 'Flurst']) expect(contains(sealed, secret), secret).toBe(false)
    // and it is the cipher that hides it (gzip inside), not an accident of compression
    const opened = await new LocalCipher(key).open(sealed)
    expect([opened[0], opened[1]]).toEqual([0x1f, 0x8b])
  })

  it('reopens the stored index with the same key, and discards it with another', async () => {
    const bytes = new MemoryBytes()
    const key = await LocalCipher.generateKey()
    const first = new SearchIndexHost({ byteStore: () => bytes, pdfjs: loadNodePdfJs, saveDelayMs: 10 })
    await first.handle('open', { dbName: 'x', key })
    const { doc } = await confidentialPart()
    await first.handle('put-sources', { sources: [meetingPartSource('conf', 'h1', doc, meetingRefOf(meeting))] })
    // written shortly after the change without being asked
    await new Promise((r) => setTimeout(r, 60))
    expect(bytes.writes).toBe(1)

    const again = new SearchIndexHost({ byteStore: () => bytes, pdfjs: loadNodePdfJs })
    expect(await again.handle('open', { dbName: 'x', key })).toMatchObject({ restored: 'loaded', stamps: { 'meeting-confidential:conf': 'h1' } })
    expect((await again.handle('search', { query: 'Geheimbau', options: {} })).hits).toHaveLength(1)

    const stranger = new SearchIndexHost({ byteStore: () => bytes, pdfjs: loadNodePdfJs })
    expect(await stranger.handle('open', { dbName: 'x', key: await LocalCipher.generateKey() })).toMatchObject({ restored: 'discarded', documents: 0, stamps: {} })
    expect((await stranger.handle('search', { query: 'Geheimbau', options: {} })).hits).toEqual([])
  })

  it('remembers a file that is not a PDF as indexed without text, so it is not read again', async () => {
    const host = new SearchIndexHost({ byteStore: () => new MemoryBytes(), pdfjs: loadNodePdfJs })
    await host.handle('open', { dbName: 'x', key: await LocalCipher.generateKey() })
    const { doc, sha256 } = await confidentialPart()
    await host.handle('put-sources', { sources: [meetingPartSource('conf', 'h1', doc, meetingRefOf(meeting))] })
    expect(await host.handle('index-file', { sha256, name: 'Vorlage.pdf', bytes: new TextEncoder().encode('kein PDF').buffer })).toMatchObject({ pages: 0 })
    expect((await host.handle('state', {})).wanted).toEqual([])
  })

  it('refuses work before it is opened', async () => {
    const host = new SearchIndexHost({ byteStore: () => new MemoryBytes(), pdfjs: loadNodePdfJs })
    await expect(host.handle('search', { query: 'x', options: {} })).rejects.toThrow(/not opened/)
  })
})
