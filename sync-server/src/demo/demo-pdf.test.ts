import { describe, expect, it } from 'vitest'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { flowBlocks, toBlocks } from './demo-layout.ts'
import { demoAttachmentPdfInput, demoInvitationPdfInput, renderDemoPdf, type DemoPdfInput } from './demo-pdf.ts'
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
})
