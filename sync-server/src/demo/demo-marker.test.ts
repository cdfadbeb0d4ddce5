/**
 * The leak-test marker (RATSTISCH_DEMO_MARKER) in a really seeded relay: it is in every non-public
 * title, text and file of the demo town, in every kind of non-public record, and in nothing the
 * public may read (documents whose readers include `public`, the files they reference).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { Repo, type AutomergeUrl } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import type { MeetingDoc, PaperDoc, RatstischDoc } from '@ratstisch/domain'
import '@ratstisch/paper-pdf/node-pdfjs-shim'
import type { Relay } from '../relay.ts'
import { demoRelay, demoSeedReport } from '../testing/demo-relay.ts'
import { LEAK_TEST_MARKER, markedEmail, markedFileName, markMeeting } from './demo-marker.ts'
import type { SeedReport } from './seed.ts'

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')

const MARKER = LEAK_TEST_MARKER
let relay: Relay
let report: SeedReport
let dataDir: string

interface Stored {
  id: string
  type: RatstischDoc['type']
  readers: string[]
  doc: RatstischDoc
  json: string
}
const docs: Stored[] = []

beforeAll(async () => {
  // the town the test run seeded once with the marker (demo-templates.setup.ts), copied
  relay = await demoRelay({ marker: true, config: { demoMarker: MARKER } })
  report = demoSeedReport({ marker: true })
  dataDir = relay.config.dataDir
  // read back from disk, as a relay restarted on this data directory would
  const repo = new Repo({ storage: new NodeFSStorageAdapter(path.join(dataDir, 'automerge')) })
  for (const row of relay.db.prepare('SELECT id, type, readers FROM documents').all() as { id: string; type: RatstischDoc['type']; readers: string }[]) {
    const doc = (await repo.find<RatstischDoc>(`automerge:${row.id}` as AutomergeUrl, { signal: AbortSignal.timeout(5000) })).doc()
    docs.push({ id: row.id, type: row.type, readers: JSON.parse(row.readers) as string[], doc, json: JSON.stringify(doc) })
  }
}, 180_000)
afterAll(async () => {
  await relay?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const isPublic = (d: Stored) => d.readers.includes('public')
const has = (text: string | undefined | null) => !!text && text.includes(MARKER)
const counts: Record<string, number> = {}
const count = (kind: string, n = 1) => {
  counts[kind] = (counts[kind] ?? 0) + n
}

describe('leak-test marker: helpers', () => {
  it('writes the marker where an address or file name stays valid', () => {
    expect(markedEmail('anna.becker@musterstadt.example', 'abc-123')).toBe('anna.becker+abc-123@musterstadt.example')
    expect(markedFileName('Anlage 1 Lageplan BV 160.pdf', 'abc-123')).toBe('abc-123 Anlage 1 Lageplan BV 160.pdf')
  })

  it('marks a planned meeting in name and every item, a released one in its non-public items only', () => {
    const meeting = {
      id: 'm', organizationId: 'o', name: '5. Sitzung des Bauausschusses', start: '', end: '', location: { description: '' }, state: 'invited' as const,
      items: [
        { id: 'a', number: 'Ö 1', order: 1, title: 'Eröffnung', public: true },
        { id: 'b', number: 'N 1', order: 2, title: 'Grundstücksangelegenheit', public: false, resolutionProposal: 'Der Ausschuss stimmt zu.' },
      ],
    }
    const released = markMeeting(meeting, 'abc-123', { officeOnly: false })
    expect(released.name).toBe(meeting.name)
    expect(released.items[0]).toEqual(meeting.items[0])
    expect(released.items[1].title).toBe('[abc-123] Grundstücksangelegenheit')
    expect(released.items[1].resolutionProposal).toContain('abc-123')
    const planned = markMeeting(meeting, 'abc-123', { officeOnly: true })
    expect(planned.name).toContain('abc-123')
    expect(planned.items.every((i) => i.title.includes('abc-123'))).toBe(true)
  })
})

describe('leak-test marker in the seeded demo town', () => {
  it('seeds the whole town with the marker in under two minutes', () => {
    expect(report.skipped).toBe(false)
    expect(report.seconds).toBeLessThan(120)
    expect(report.documents).toBe(docs.length)
  })

  it('writes the marker into no document the public may read, and into every non-public one with content', () => {
    const publicDocs = docs.filter(isPublic)
    expect(publicDocs.length).toBeGreaterThan(300)
    for (const d of publicDocs) expect(d.json.includes(MARKER), `${d.type} ${d.id}`).toBe(false)
    for (const d of docs.filter((x) => !isPublic(x))) {
      // a meeting without a non-public part has an empty non-public document: nothing to mark
      if (d.doc.type === 'meeting-confidential' && d.doc.agendaItems.length === 0) continue
      expect(has(d.json), `${d.type} ${d.id}`).toBe(true)
    }
  })

  it('marks every non-public agenda item: title and Beschlussvorschlag', () => {
    for (const d of docs) {
      if (d.doc.type !== 'meeting-confidential') continue
      expect(isPublic(d)).toBe(false)
      for (const item of d.doc.agendaItems) {
        expect(has(item.title), item.id).toBe(true)
        if (item.resolutionProposal) expect(has(item.resolutionProposal), item.id).toBe(true)
        count('non-public agenda items')
        if (item.paper) expect(has(item.paper.name), item.id).toBe(true)
      }
    }
  })

  it('marks non-public and unreleased papers in name, summary and every section', () => {
    const states = new Map(relay.papers.all().map((p) => [p.id, p.state]))
    for (const d of docs) {
      if (d.doc.type !== 'paper') continue
      const paper = d.doc as PaperDoc
      if (isPublic(d)) {
        expect(paper.public, paper.id).toBe(true)
        continue
      }
      const draft = ['draft', 'cosigning', 'approval', 'withdrawn'].includes(states.get(paper.id) ?? '')
      count(draft ? 'unreleased papers (drafts)' : 'non-public papers')
      expect(has(paper.name), paper.id).toBe(true)
      expect(has(paper.summary), paper.id).toBe(true)
      for (const section of paper.sections) expect(has(section.text), `${paper.id} ${section.key}`).toBe(true)
      for (const attachment of paper.attachments) {
        expect(has(attachment.title), attachment.id).toBe(true)
        for (const version of attachment.versions) expect(has(version.name), attachment.id).toBe(true)
        count('non-public paper attachments')
      }
    }
  })

  it('marks meetings still being planned (office only) in name and every item title, released ones nowhere', () => {
    for (const d of docs) {
      if (d.doc.type !== 'meeting') continue
      const meeting = d.doc as MeetingDoc
      if (isPublic(d)) {
        expect(meeting.state, meeting.id).not.toBe('planned')
        continue
      }
      expect(meeting.state, meeting.id).toBe('planned')
      count('planned meetings')
      expect(has(meeting.name), meeting.id).toBe(true)
      for (const item of meeting.agendaItems) expect(has(item.title), `${meeting.id} ${item.number}`).toBe(true)
    }
    // the read model the portal lists meetings from
    const rows = relay.meetings.all()
    for (const row of rows) expect(has(row.name), row.id).toBe(!!row.publicDocId && !relay.registry.get(row.publicDocId)?.readers.includes('public'))
  })

  it('keeps the read model in step: paper names and file names carry the marker exactly where the document is not public', () => {
    const readersOf = new Map(docs.map((d) => [d.id, d.readers]))
    for (const p of relay.papers.all()) expect(has(p.name), p.id).toBe(!readersOf.get(p.url.slice('automerge:'.length))?.includes('public'))
    const refs = relay.db.prepare('SELECT document_id, display_name FROM blob_refs').all() as { document_id: string; display_name: string }[]
    for (const r of refs) if (readersOf.get(r.document_id)?.includes('public')) expect(has(r.display_name), r.display_name).toBe(false)
    expect(refs.filter((r) => has(r.display_name)).length).toBeGreaterThan(0)
  })

  it('marks minutes while they are not public: the non-public part always, the public part until approved', () => {
    for (const d of docs) {
      if (d.doc.type !== 'minutes') continue
      const approved = d.doc.events.some((e) => e.kind === 'approved')
      if (d.doc.part === 'public' && approved) {
        expect(isPublic(d), d.id).toBe(true)
        count('approved public minutes (free of the marker)')
      } else {
        expect(isPublic(d), d.id).toBe(false)
        expect(has(d.json), d.id).toBe(true)
        count(d.doc.part === 'public' ? 'draft public minutes' : 'non-public minutes')
      }
    }
  })

  it("marks members' private notes and the faction's shared notes", () => {
    for (const d of docs) {
      if (d.doc.type !== 'notes' && d.doc.type !== 'faction-notes') continue
      expect(isPublic(d)).toBe(false)
      expect(d.readers.every((r) => r.startsWith('user:') || r.startsWith('org:org-fraktion'))).toBe(true)
      for (const text of Object.values(d.doc.notes)) expect(has(text)).toBe(true)
      for (const annotation of Object.values(d.doc.annotations ?? {})) expect(has(annotation.text)).toBe(true)
      count(d.doc.type === 'notes' ? 'private notes' : 'faction notes')
    }
  })

  it('marks non-public resolutions, the reports on them and non-public circulars; public ones nowhere', () => {
    const clerk = relay.users.byUsername('clerk')!.id
    for (const r of relay.resolutions.list(clerk)) {
      if (r.public) {
        expect(has(r.title) || has(r.text) || r.reports.some((x) => has(x.text)), r.id).toBe(false)
        continue
      }
      count('non-public resolutions')
      expect(has(r.title), r.id).toBe(true)
      expect(has(r.text), r.id).toBe(true)
      for (const report of r.reports) {
        expect(has(report.text), r.id).toBe(true)
        count('reports on non-public resolutions')
      }
    }
    for (const r of relay.resolutions.publicList()) expect(JSON.stringify(r).includes(MARKER), r.id).toBe(false)
    const circulars = relay.db.prepare('SELECT title, motion, public FROM circulars').all() as { title: string; motion: string; public: number }[]
    for (const c of circulars) {
      expect(has(c.title)).toBe(!c.public)
      expect(has(c.motion)).toBe(!c.public)
      if (!c.public) count('non-public circulars')
    }
  })

  it('marks the contact details of persons without consent to publication, never a name', () => {
    const persons = relay.db.prepare('SELECT name, given_name, family_name, email, publish_consent FROM persons').all() as {
      name: string; given_name: string; family_name: string; email: string; publish_consent: number
    }[]
    for (const p of persons) {
      expect(has(p.name) || has(p.given_name) || has(p.family_name), p.name).toBe(false)
      expect(has(p.email), p.name).toBe(!p.publish_consent)
      if (!p.publish_consent) count('contact details without consent')
    }
    expect(relay.db.prepare('SELECT COUNT(*) AS n FROM persons WHERE publish_consent = 1').get()).not.toEqual({ n: 0 })
  })

  it('puts the marker into every non-public file (visible text, Subject and Keywords, raw bytes) and into no public file', async () => {
    const readersOf = new Map(docs.map((d) => [d.id, d.readers]))
    const blobs = relay.db.prepare('SELECT sha256, mime FROM blobs').all() as { sha256: string; mime: string }[]
    expect(blobs.length).toBeGreaterThan(500)
    const marker = Buffer.from(MARKER, 'latin1')
    for (const { sha256, mime } of blobs) {
      const refs = relay.blobs.refs(sha256)
      expect(refs.length, `orphan blob ${sha256}`).toBeGreaterThan(0)
      const open = refs.some((r) => readersOf.get(r.documentId)?.includes('public'))
      const bytes = fs.readFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256))
      expect(mime).toBe('application/pdf')
      const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 })
      const pdf = await task.promise
      let text = ''
      for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent()
        text += content.items.map((i) => ('str' in i ? i.str : '')).join('') + '\n'
      }
      const { info } = (await pdf.getMetadata()) as { info: { Subject?: string; Keywords?: string } }
      await task.destroy()
      const names = refs.map((r) => r.displayName).join(' | ')
      if (open) {
        expect(bytes.includes(marker), `public file ${names}`).toBe(false)
        expect(text.includes(MARKER), `public file ${names}`).toBe(false)
        count('public files (free of the marker)')
        continue
      }
      expect(text.includes(MARKER), `non-public file ${names}: page text`).toBe(true)
      expect(info.Subject ?? '', `non-public file ${names}: Subject`).toContain(MARKER)
      expect(info.Keywords ?? '', `non-public file ${names}: Keywords`).toContain(MARKER)
      expect(bytes.includes(marker), `non-public file ${names}: raw bytes`).toBe(true)
      expect(refs.some((r) => has(r.displayName)), names).toBe(true)
      const types = new Set(refs.map((r) => relay.registry.get(r.documentId)?.type))
      if (types.has('paper')) count('non-public paper PDFs')
      else if (types.has('meeting-confidential')) count('non-public agenda PDFs')
      if (types.has('paper') && types.has('meeting-confidential')) count('files of non-public agenda items')
    }
  }, 120_000)

  it('found every class of non-public content, each at least once', () => {
    console.log(`[marker] per class: ${JSON.stringify(counts)}`)
    for (const kind of [
      'non-public agenda items',
      'non-public papers',
      'unreleased papers (drafts)',
      'non-public paper attachments',
      'planned meetings',
      'draft public minutes',
      'non-public minutes',
      'approved public minutes (free of the marker)',
      'private notes',
      'faction notes',
      'non-public resolutions',
      'reports on non-public resolutions',
      'non-public circulars',
      'contact details without consent',
      'non-public paper PDFs',
      'non-public agenda PDFs',
      'files of non-public agenda items',
      'public files (free of the marker)',
    ]) {
      expect(counts[kind] ?? 0, kind).toBeGreaterThan(0)
    }
  })
})
