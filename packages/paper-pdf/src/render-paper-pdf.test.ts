import { describe, expect, it } from 'vitest'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib'
import { loadPdfFonts } from './fonts-node.ts'
import type { PaperPdfInput } from './paper-pdf-input.ts'
import { renderPaperPdf } from './render-paper-pdf.ts'
import { samplePaperInput } from './sample-paper.ts'
import { elementsOfType, inspectPdf, readStructTree } from './testing/inspect-pdf.ts'

const fonts = await loadPdfFonts()

const base: PaperPdfInput = {
  townName: 'Stadt Musterstadt',
  title: 'Bebauungsplan Nr. 42 „Am Mühlenberg“ – Aufstellungsbeschluss',
  paperType: 'Beschlussvorlage',
  reference: 'BV 160 (VIII/2024-2029)',
  date: '2026-03-12',
  department: 'Amt für Stadtentwicklung und Bauen',
  stateLabel: 'in Beratung',
  consultations: [
    { organizationName: 'Bau- und Vergabeausschuss', role: 'Vorberatung', meeting: 'Sitzung am 05.03.2026', result: 'beschlossen am 05.03.2026' },
    { organizationName: 'Stadtrat', role: 'Entscheidung', meeting: '', result: '' },
  ],
  sections: [
    { title: 'Beschlussvorschlag', text: 'Der Stadtrat **beschließt** die Aufstellung des Bebauungsplans „Am Mühlenberg“.' },
    {
      title: 'Sachverhalt',
      text: [
        '# Ausgangslage',
        'Die Straße ist in *schlechtem* Zustand; Größere Maßnahmen kosten 1.250.000,00 € – siehe [Zustandsbericht](https://www.musterstadt.de/bericht?jahr=2025).',
        '- erstens\n- zweitens\n  - zwei a\n- drittens',
        '1. Öffentlichkeitsbeteiligung\n2. Trägerbeteiligung',
        '| Maßnahme | Kosten |\n|---|--:|\n| **Straßenbau** | 1.000.000 € |\n| Beleuchtung | 250.000 € |',
      ].join('\n\n'),
    },
    { title: 'Finanzielle Auswirkungen', text: '' },
  ],
  attachments: [
    { title: 'Lageplan', fileName: 'Lageplan Mühlenberg.pdf', version: 2 },
    { title: 'Stellungnahme', fileName: '', version: 0 },
  ],
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b))
}

describe('renderPaperPdf: content', { timeout: 30_000 }, () => {
  it('shows the header, Beratungsfolge, sections and Anlagen with German characters intact', async () => {
    const pdf = await inspectPdf(await renderPaperPdf(base, fonts))
    // line ends read as spaces: table cells and paragraphs wrap
    const text = pdf.pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ')
    for (const expected of [
      'Stadt Musterstadt',
      'Beschlussvorlage',
      'Bebauungsplan Nr. 42 „Am Mühlenberg“ – Aufstellungsbeschluss',
      'BV 160 (VIII/2024-2029)',
      '12.03.2026',
      'Amt für Stadtentwicklung und Bauen',
      'in Beratung',
      'Beratungsfolge',
      'Bau- und Vergabeausschuss',
      'beschlossen am 05.03.2026',
      'Größere Maßnahmen kosten 1.250.000,00 € – siehe',
      'Zustandsbericht',
      'Straßenbau',
      'Öffentlichkeitsbeteiligung',
      'Keine Angaben.',
      'Lageplan Mühlenberg.pdf (Version 2)',
      'noch ohne Datei',
    ])
      expect(text).toContain(expected)
  })

  it('marks a draft without a number', async () => {
    const pdf = await inspectPdf(await renderPaperPdf({ ...base, reference: '  ' }, fonts))
    expect(pdf.pages[0].text).toContain('Entwurf – noch ohne Nummer')
    expect(pdf.info.Title).toBe(base.title)
  })

  it('sets bold and italic text in the bold and oblique fonts', async () => {
    const pdf = await inspectPdf(await renderPaperPdf(base, fonts))
    const page = pdf.pages[0]
    const fontNameOf = (text: string) => {
      const item = page.items.find((i) => i.text.includes(text))
      expect(item, text).toBeDefined()
      return item!.font
    }
    expect(fontNameOf('beschließt')).toBe(fontNameOf('Beratungsfolge'))
    expect(fontNameOf('beschließt')).not.toBe(fontNameOf('Der Stadtrat'))
    expect(fontNameOf('schlechtem')).not.toBe(fontNameOf('Der Stadtrat'))
    expect(fontNameOf('schlechtem')).not.toBe(fontNameOf('beschließt'))
  })

  it('renders an empty paper on one page with placeholders', async () => {
    const pdf = await inspectPdf(await renderPaperPdf({ ...base, title: '', reference: '', date: '', department: '', stateLabel: '', consultations: [], sections: [], attachments: [] }, fonts))
    expect(pdf.pageCount).toBe(1)
    expect(pdf.pages[0].text).toContain('Keine Beratungsfolge festgelegt.')
    expect(pdf.pages[0].text).toContain('Keine Anlagen.')
    expect(pdf.pages[0].text).toContain('Seite 1 von 1')
  })

  it('keeps hostile input as text and links only http(s) and mailto', async () => {
    const pdf = await inspectPdf(
      await renderPaperPdf(
        {
          ...base,
          sections: [{ title: '<b>Titel</b>', text: '<script>alert("x")</script> [Klick](javascript:alert(1)) [Mail](mailto:rat@musterstadt.de) [Web](https://musterstadt.de/a(b)c)' }],
        },
        fonts,
      ),
    )
    const text = pdf.pages.map((p) => p.text).join('\n')
    expect(text).toContain('<b>Titel</b>')
    expect(text).toContain('<script>alert("x")</script> Klick Mail Web')
    const links = pdf.pages.flatMap((p) => p.links)
    expect(links.map((l) => l.url)).toEqual(['mailto:rat@musterstadt.de', 'https://musterstadt.de/a(b)c'])
    expect(links.map((l) => l.contents)).toEqual(['Mail', 'Web'])
  })

  it('survives characters the font lacks, control characters and endless words', async () => {
    const bytes = await renderPaperPdf(
      {
        ...base,
        title: 'Prüfung 漢字 🚒 Tab\tEnde\u0000',
        sections: [{ title: 'Text', text: 'Ein'.repeat(200) + '\n\n' + 'https://musterstadt.de/' + 'x'.repeat(300) + '\n\n| ' + 'a'.repeat(400) + ' | b |\n|---|---|\n| c | d |' }],
      },
      fonts,
    )
    const pdf = await inspectPdf(bytes)
    expect(pdf.pages[0].text).toContain('Prüfung')
    expect(pdf.pages[0].text).toContain('Tab Ende')
    // nothing is set outside the page
    for (const page of pdf.pages) for (const item of page.items) expect(item.x + 0).toBeLessThan(595)
  })
})

// Long papers are parsed back with pdf.js page by page: generous time on a busy 2-core machine.
describe('renderPaperPdf: pagination', { timeout: 30_000 }, () => {
  const long = samplePaperInput(20)

  it('lays a 20-page paper out on about 20 pages, every page numbered "Seite n von m"', async () => {
    const pdf = await inspectPdf(await renderPaperPdf(long, fonts))
    expect(pdf.pageCount).toBeGreaterThanOrEqual(18)
    expect(pdf.pageCount).toBeLessThanOrEqual(24)
    pdf.pages.forEach((page, i) => {
      expect(page.artifacts).toContain(`Seite ${i + 1} von ${pdf.pageCount}`)
      // page numbers are artifacts, not content
      expect(page.content).not.toContain('Seite ')
      for (const item of page.items) {
        if (item.artifact) continue
        expect(item.y, item.text).toBeGreaterThanOrEqual(70)
        expect(item.y, item.text).toBeLessThanOrEqual(800)
      }
    })
    // the text arrives in full: the last section and the Anlagen are on the last page
    expect(pdf.pages[pdf.pageCount - 1].content).toContain('Anlagen')
    expect(pdf.pages[pdf.pageCount - 1].content).toContain('Lageplan Bahnhofstraße.pdf (Version 3)')
    const all = pdf.pages.map((p) => p.content).join('\n')
    for (let n = 1; n <= long.sections.length - 2; n++) expect(all).toContain(`${n}. Abschnitt:`)
  })

  it('never cuts a table row across pages and repeats the header row as an artifact', async () => {
    const bytes = await renderPaperPdf(long, fonts)
    const tree = await readStructTree(bytes)
    const rows = elementsOfType(tree, 'TR')
    expect(rows.length).toBeGreaterThan(100)
    for (const row of rows) expect(row.pages.size).toBe(1)
    const tables = elementsOfType(tree, 'Table')
    const continued = tables.filter((t) => t.pages.size > 1)
    expect(continued.length).toBeGreaterThan(0)
    const pdf = await inspectPdf(bytes)
    // A page where a table continues starts with the repeated header, marked as artifact.
    const page = [...continued[0].pages][1]
    expect(pdf.pages[page].artifacts).toContain('Kosten (brutto)')
  })

  it('splits a row only when it is taller than a page', async () => {
    const tall = Array.from({ length: 700 }, (_, i) => `Zeile ${i + 1}`).join(' ')
    const bytes = await renderPaperPdf({ ...base, sections: [{ title: 'Lang', text: `| A | B |\n|---|---|\n| ${tall} | kurz |\n| danach | ende |` }] }, fonts)
    const tree = await readStructTree(bytes)
    const rows = elementsOfType(tree, 'TR').filter((r) => r.kids[0].type === 'TD')
    const sectionRows = rows.slice(-2)
    expect(sectionRows[0].pages.size).toBeGreaterThan(1)
    const pdf = await inspectPdf(bytes)
    const all = pdf.pages.map((p) => p.content).join('\n')
    expect(all).toContain('Zeile 1')
    expect(all).toContain('Zeile 700')
    expect(all).toContain('danach')
  })
})

describe('renderPaperPdf: tagged PDF', { timeout: 30_000 }, () => {
  it('has a structure tree with all element types, marked content and document metadata', async () => {
    const bytes = await renderPaperPdf(base, fonts)
    const pdf = await inspectPdf(bytes)
    expect(pdf.marked).toBe(true)
    const roles = new Set(pdf.pages.flatMap((p) => [...p.roles]))
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Link']) expect(roles, role).toContain(role)
    expect(pdf.info.Language).toBe('de-DE')
    expect(pdf.info.Title).toBe(`${base.reference} – ${base.title}`)
    expect(pdf.xmpTitle).toBe(`${base.reference} – ${base.title}`)
    expect(pdf.info.CreationDate).toBe('D:20260312000000Z')

    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict)
    expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).toBe('true')
    expect(String(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked')))).toBe('true')
    for (const page of doc.getPages()) {
      expect(page.node.get(PDFName.of('StructParents'))).toBeDefined()
      expect(String(page.node.get(PDFName.of('Tabs')))).toBe('/S')
    }
  })

  it('gives header cells a column scope and lists their numbering', async () => {
    const tree = await readStructTree(await renderPaperPdf(base, fonts))
    const th = elementsOfType(tree, 'TH')
    expect(th.length).toBe(6)
    for (const cell of th) expect(cell.attributes).toMatchObject({ O: 'Table', Scope: 'Column' })
    expect(elementsOfType(tree, 'L').map((l) => l.attributes.ListNumbering)).toEqual(['Disc', 'Circle', 'Decimal', 'Decimal'])
    // Every list item has a label and a body; the nested list sits in its parent's body.
    for (const li of elementsOfType(tree, 'LI')) expect(li.kids.map((k) => k.type).slice(0, 2)).toEqual(['Lbl', 'LBody'])
    expect(elementsOfType(tree, 'LBody').some((b) => b.kids.some((k) => k.type === 'L'))).toBe(true)
  })

  it('puts links into Link elements with a real URI annotation', async () => {
    const pdf = await inspectPdf(await renderPaperPdf(base, fonts))
    const links = pdf.pages.flatMap((p) => p.links)
    expect(links).toHaveLength(1)
    expect(links[0].url).toBe('https://www.musterstadt.de/bericht?jahr=2025')
    expect(links[0].contents).toBe('Zustandsbericht')
    const item = pdf.pages[0].items.find((i) => i.text === 'Zustandsbericht')
    expect(item?.tag).toBe('Link')
  })

  it('marks running headers, page numbers and repeated table headers as artifacts only', async () => {
    const pdf = await inspectPdf(await renderPaperPdf(samplePaperInput(3), fonts))
    expect(pdf.pageCount).toBeGreaterThan(1)
    expect(pdf.pages[1].artifacts).toContain('BV 160 (VIII/2024-2029)')
    expect(pdf.pages[1].artifacts).toContain('Stadt Musterstadt · Beschlussvorlage')
    for (const page of pdf.pages) for (const item of page.items) if (!item.artifact) expect(item.tag, item.text).toBeDefined()
  })
})

describe('renderPaperPdf: fonts', { timeout: 30_000 }, () => {
  it('embeds DejaVu subsets with ToUnicode maps and never falls back to a standard font', async () => {
    const bytes = await renderPaperPdf(base, fonts)
    const pdf = await inspectPdf(bytes)
    const used = pdf.pages.flatMap((p) => p.fonts)
    expect(used.length).toBeGreaterThan(0)
    for (const font of used) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?$/)
    }
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    const fontDict = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict)
    expect(fontDict.keys().length).toBe(3) // regular, bold, italic; bold italic is not used
    for (const key of fontDict.keys()) {
      const type0 = fontDict.lookup(key, PDFDict)
      expect(String(type0.get(PDFName.of('Subtype')))).toBe('/Type0')
      expect(type0.lookup(PDFName.of('ToUnicode'))).toBeInstanceOf(PDFStream)
      const cid = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict)
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict)
      const file = descriptor.lookup(PDFName.of('FontFile2'))
      expect(file).toBeInstanceOf(PDFRawStream)
      // a subset: far smaller than the 700 KB font file
      expect((file as PDFRawStream).getContents().length).toBeLessThan(120_000)
    }
  })
})

describe('renderPaperPdf: deterministic bytes', { timeout: 30_000 }, () => {
  it('gives identical bytes for identical input and different bytes for a different date', async () => {
    const a = await renderPaperPdf(base, fonts)
    const b = await renderPaperPdf(structuredClone(base), fonts)
    expect(sameBytes(a, b)).toBe(true)
    const c = await renderPaperPdf({ ...base, date: '2026-03-13' }, fonts)
    expect(sameBytes(a, c)).toBe(false)
    const pdf = await inspectPdf(c)
    expect(pdf.info.CreationDate).toBe('D:20260313000000Z')
  })

  it('falls back to a fixed date for a missing or impossible date', async () => {
    for (const date of ['', '2026-02-30', 'März 2026']) {
      const pdf = await inspectPdf(await renderPaperPdf({ ...base, date }, fonts))
      expect(pdf.info.CreationDate, date).toBe('D:20000101000000Z')
    }
    expect((await inspectPdf(await renderPaperPdf({ ...base, date: '2028-02-29' }, fonts))).info.CreationDate).toBe('D:20280229000000Z')
  })

  it('derives the file ID from the content', async () => {
    const idOf = async (input: PaperPdfInput) => {
      const doc = await PDFDocument.load(await renderPaperPdf(input, fonts), { updateMetadata: false })
      return String(doc.context.trailerInfo.ID)
    }
    const id = await idOf(base)
    expect(id).toMatch(/^\[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]$/)
    expect(await idOf(base)).toBe(id)
    expect(await idOf({ ...base, title: base.title + '!' })).not.toBe(id)
  })

  it('does not depend on the clock', async () => {
    const a = await renderPaperPdf(base, fonts)
    const realNow = Date.now
    Date.now = () => realNow() + 400 * 24 * 3600 * 1000
    try {
      expect(sameBytes(a, await renderPaperPdf(base, fonts))).toBe(true)
    } finally {
      Date.now = realNow
    }
  })
})
