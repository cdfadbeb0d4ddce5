import { describe, expect, it } from 'vitest'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { flowBlocks, toBlocks } from './demo-layout.ts'
import { renderAgendaPdf } from '@ratstisch/paper-pdf'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-node'
import type { MeetingDoc } from '@ratstisch/domain'
import { markPaper } from './demo-marker.ts'
import { addMarkerToPdf, demoAttachmentPdfInput, demoInvitationPdfInput, renderDemoPdf, type DemoPdfInput } from './demo-pdf.ts'
import { generateDemoTown } from './demo-town.ts'

const town = generateDemoTown({ anchorDate: '2026-11-01' })

const input: DemoPdfInput = {
  town: town.body,
  title: 'Bebauungsplan Nr. 42 „Am Mühlenberg“ – Aufstellungsbeschluss',
  subtitle: 'Beschlussvorlage',
  reference: 'BV 160 (VIII/2024-2029)',
  date: '2026-03-12',
  paragraphs: ['Sachverhalt', 'Die Straße wird für 1.250.000,00 € grundhaft ausgebaut. Größere Maßnahmen folgen.', 'Beschlussvorschlag', 'Der Stadtrat beschließt die Aufstellung.'],
  pages: 3,
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  // updateMetadata: false, or pdf-lib would overwrite producer and dates while loading.
  return PDFDocument.load(bytes, { updateMetadata: false })
}

describe('renderDemoPdf', () => {
  it('is deterministic: identical input gives identical bytes', async () => {
    const a = await renderDemoPdf(input)
    const b = await renderDemoPdf({ ...input, paragraphs: [...input.paragraphs] })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const c = await renderDemoPdf({ ...input, date: '2026-03-13' })
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false)
  })

  it('produces exactly the requested number of A4 pages', async () => {
    for (const pages of [1, 2, 3, 7]) {
      const doc = await load(await renderDemoPdf({ ...input, pages }))
      expect(doc.getPageCount()).toBe(pages)
      const { width, height } = doc.getPage(0).getSize()
      expect(Math.round(width)).toBe(595)
      expect(Math.round(height)).toBe(842)
    }
    const long = Array.from({ length: 200 }, (_, i) => `Absatz ${i + 1}: Die Verwaltung hat die Unterlagen geprüft und mit den beteiligten Ämtern abgestimmt.`)
    expect((await load(await renderDemoPdf({ ...input, paragraphs: long, pages: 2 }))).getPageCount()).toBe(2)
  })

  it('sets document metadata with a fixed date derived from the input', async () => {
    const doc = await load(await renderDemoPdf(input))
    expect(doc.getTitle()).toBe(input.title)
    expect(doc.getAuthor()).toBe('Stadt Musterstadt')
    expect(doc.getCreator()).toBe('Ratstisch')
    expect(doc.getCreationDate()?.toISOString().slice(0, 10)).toBe('2026-03-12')
    expect(doc.getModificationDate()?.toISOString()).toBe(doc.getCreationDate()?.toISOString())
    const lang = doc.catalog.lookup(PDFName.of('Lang'))
    expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toContain('de-DE')
  })

  it('sanitizes characters outside WinAnsi instead of throwing', async () => {
    const bytes = await renderDemoPdf({
      ...input,
      title: 'Prüfung ≥ 3 Varianten → Ergebnis 漢字 🚒',
      paragraphs: ['Tab\tund geschütztes\u202fLeerzeichen, Ő, ≤ 5 %, „Zitat“ – 12 €, ß.', 'Einwortüberlänge'.repeat(20)],
      pages: 1,
    })
    expect((await load(bytes)).getPageCount()).toBe(1)
  })

  it('renders every attachment of the demo town with its exact page count and no truncation', async () => {
    const sample = town.papers.filter((_, i) => i % 7 === 0)
    for (const paper of sample) {
      for (const attachment of paper.attachments) {
        // The generator's page count is the layout's: the text fills the pages once.
        expect(flowBlocks(toBlocks(attachment.paragraphs), attachment.pages).pagesForText, attachment.id).toBe(attachment.pages)
        const doc = await load(await renderDemoPdf(demoAttachmentPdfInput(town, paper, attachment)))
        expect(doc.getPageCount(), attachment.id).toBe(attachment.pages)
      }
    }
  })

  it('renders an invitation with the public agenda', async () => {
    const meeting = town.meetings.find((m) => m.organizationId === 'org-stadtrat' && m.items.some((i) => !i.public))
    if (!meeting) throw new Error('no council meeting with non-public part')
    const inv = demoInvitationPdfInput(town, meeting)
    const agenda = inv.paragraphs.join('\n')
    expect(agenda).toContain('Ö 1')
    expect(agenda).not.toContain('N 1')
    const doc = await load(await renderDemoPdf(inv))
    expect(doc.getPageCount()).toBe(inv.pages)
  })

  it('writes the leak-test marker into Subject and a plain Keywords literal only when asked to', async () => {
    const marker = 'Leak-Check_7f3a'
    const plain = await renderDemoPdf(input)
    expect(Buffer.from(plain).includes(marker)).toBe(false)
    const marked = await renderDemoPdf({ ...input, marker })
    // raw bytes: the page contents are compressed, the document information is not
    expect(Buffer.from(marked).includes(marker)).toBe(true)
    const doc = await load(marked)
    expect(doc.getSubject()).toBe(`BV 160 (VIII/2024-2029) – Beschlussvorlage (${marker})`)
    expect(doc.getKeywords()).toBe(`Musterstadt BV 160 (VIII/2024-2029) ${marker}`)
    expect(doc.getTitle()).toBe(input.title)
  })

  it('puts the marker on the first page of a non-public paper without cutting text off', async () => {
    const paper = town.papers.find((p) => !p.public && p.attachments.length > 1)!
    const marked = markPaper(paper, 'Leak-Check_7f3a')
    for (const attachment of marked.attachments) {
      expect(attachment.paragraphs[0]).toContain('Leak-Check_7f3a')
      expect(flowBlocks(toBlocks(attachment.paragraphs), attachment.pages).pagesForText, attachment.id).toBe(attachment.pages)
    }
  })

  it('adds the marker to a tagged PDF of another renderer and keeps its pages, structure tree and file ID', async () => {
    const meeting: MeetingDoc = {
      type: 'meeting', id: 'm1', organization: { id: 'o', name: 'Hauptausschuss', shortName: 'HA' }, name: '12. Sitzung des Hauptausschusses',
      start: '2026-03-12T17:00:00+01:00', location: { description: 'Rathaus, Ratssaal' }, state: 'invited', agendaItems: [],
    }
    const items = [{ id: 'n1', number: 'N 1', order: 1, title: '[Leak-Check_7f3a] Grundstücksangelegenheit', public: false, files: [] }]
    const original = await renderAgendaPdf(meeting, items, 'confidential', { townName: 'Stadt Musterstadt', organizationName: 'Hauptausschuss', date: '2026-03-01', version: 1 }, await loadPdfFonts())
    expect(Buffer.from(original).includes('Leak-Check_7f3a')).toBe(false)
    const marked = await addMarkerToPdf(original, 'Leak-Check_7f3a')
    expect(Buffer.from(marked).includes('Leak-Check_7f3a')).toBe(true)
    const [before, after] = [await load(original), await load(marked)]
    expect(after.getPageCount()).toBe(before.getPageCount())
    expect(after.getKeywords()).toContain('Leak-Check_7f3a')
    expect(after.getSubject()).toBe(`${before.getSubject()} (Leak-Check_7f3a)`)
    expect(after.getTitle()).toBe(before.getTitle())
    expect(after.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined()
    expect(String(after.context.trailerInfo.ID)).toBe(String(before.context.trailerInfo.ID))
  })
})
