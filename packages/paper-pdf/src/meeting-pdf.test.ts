import { describe, expect, it } from 'vitest'
import { PDFDocument } from 'pdf-lib'
import { deriveMinutes, type AgendaItem, type MinutesEvent } from '@ratstisch/domain'
import { loadPdfFonts } from './fonts-node.ts'
import { CONFIDENTIAL_MARKER, meetingPdfFileName, renderAgendaPdf, renderInvitationPdf, renderMinutesPdf } from './meeting-pdf.ts'
import { sampleAgendaItems, sampleMeeting, sampleMinutes } from './sample-meeting.ts'
import { elementsOfType, inspectPdf, readStructTree, type InspectedPdf } from './testing/inspect-pdf.ts'

const fonts = await loadPdfFonts()
const ctx = { townName: 'Stadt Musterstadt', organizationName: 'Bau- und Vergabeausschuss', date: '2026-02-26' }
const publicItems = sampleAgendaItems(12, 'public')
const confidentialItems: AgendaItem[] = [
  { id: 'n1', number: 'N 1', order: 1, title: 'Grundstücksankauf Flurstück 17/4 – Kaufpreis 480.000 €', public: false, files: [] },
  { id: 'n2', number: 'N 2', order: 2, title: 'Personalangelegenheit Bauhof', public: false, files: [] },
]
const meeting = sampleMeeting(publicItems)

const textOf = (pdf: InspectedPdf) =>
  pdf.pages
    .map((p) => p.text)
    .join('\n')
    .replace(/\s+/g, ' ')
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

const invitation = (extra: Partial<Parameters<typeof renderInvitationPdf>[1]> = {}) =>
  renderInvitationPdf(meeting, { ...ctx, kind: 'invitation', version: 1, changes: [], chairName: 'Dr. Jürgen Weiß', ...extra }, fonts)

describe('renderInvitationPdf', { timeout: 30_000 }, () => {
  it('shows the letterhead, heading, date, time, place, accessibility, attachment sentence and chair', async () => {
    const pdf = await inspectPdf(await invitation())
    const text = textOf(pdf)
    for (const expected of [
      'Stadt Musterstadt',
      'Einladung zur 5. Sitzung des Bau- und Vergabeausschusses',
      '26.02.2026',
      'Donnerstag, 12.03.2026',
      '17:00 bis 19:30 Uhr',
      'Rathaus Musterstadt, Großer Sitzungssaal, Marktplatz 1, 12345 Musterstadt',
      'Stufenloser Zugang über den Hof; Induktionsschleife vorhanden.',
      'Die Tagesordnung ist als Anlage beigefügt.',
      'Mit freundlichen Grüßen',
      'Dr. Jürgen Weiß',
    ])
      expect(text, expected).toContain(expected)
    expect(text).not.toContain('Ladungsfrist')
    expect(pdf.info.Language).toBe('de-DE')
    expect(pdf.info.Title).toBe('Einladung zur 5. Sitzung des Bau- und Vergabeausschusses am 12.03.2026')
    expect(pdf.xmpTitle).toBe(pdf.info.Title)
    expect(pdf.info.CreationDate).toBe('D:20260226000000Z')
  })

  it('never lists agenda item titles or paper references, public or not', async () => {
    for (const kind of ['invitation', 'nachtrag', 'cancellation'] as const) {
      const m = sampleMeeting([...publicItems, ...confidentialItems])
      const text = textOf(await inspectPdf(await renderInvitationPdf(m, { ...ctx, kind, version: 2, changes: [] }, fonts)))
      for (const item of [...publicItems, ...confidentialItems]) {
        expect(text, `${kind}: ${item.title}`).not.toContain(item.title)
        if (item.paper) expect(text).not.toContain(item.paper.reference)
      }
      expect(text).not.toContain('Flurstück')
    }
  })

  it('lists the changes of a Nachtrag and the reason for a shortened Ladungsfrist', async () => {
    const changes = ['Neu: Ö 13 Anfrage zur Straßenreinigung', 'Entfallen: Ö 4 Haushaltssatzung 2027']
    const pdf = await inspectPdf(await invitation({ kind: 'nachtrag', version: 2, changes, urgencyReason: 'Förderfrist endet am 15.03.2026.' }))
    const text = textOf(pdf)
    expect(text).toContain('Nachtrag zur Tagesordnung der 5. Sitzung')
    for (const change of changes) expect(text).toContain(change)
    expect(text).toContain('Die geänderte Tagesordnung (Version 2) ist als Anlage beigefügt.')
    expect(text).toContain('Verkürzte Ladungsfrist')
    expect(text).toContain('Förderfrist endet am 15.03.2026.')
    const tree = await readStructTree(await invitation({ kind: 'nachtrag', version: 2, changes }))
    const lists = elementsOfType(tree, 'L')
    expect(lists).toHaveLength(1)
    expect(elementsOfType(lists[0], 'LI')).toHaveLength(2)
  })

  it('states a cancellation with its reason and no attached agenda', async () => {
    const m = { ...sampleMeeting(publicItems), state: 'cancelled' as const, cancelledReason: 'Beschlussunfähigkeit absehbar – Ersatztermin folgt.' }
    const text = textOf(await inspectPdf(await renderInvitationPdf(m, { ...ctx, kind: 'cancellation', version: 1, changes: [] }, fonts)))
    expect(text).toContain('Absage der 5. Sitzung')
    expect(text).toContain('findet nicht statt')
    expect(text).toContain('Beschlussunfähigkeit absehbar – Ersatztermin folgt.')
    expect(text).not.toContain('Anlage beigefügt')
  })
})

describe('renderAgendaPdf', { timeout: 60_000 }, () => {
  it('lists numbers, titles and paper references with sub-items nested', async () => {
    const bytes = await renderAgendaPdf(meeting, publicItems, 'public', { ...ctx, version: 2 }, fonts)
    const pdf = await inspectPdf(bytes)
    const text = textOf(pdf)
    for (const expected of ['Tagesordnung – Öffentlicher Teil', '5. Sitzung des Bau- und Vergabeausschusses', 'Donnerstag, 12.03.2026', '2 vom 26.02.2026', 'Ö 1', 'Ö 5.1', 'Ö 5.2', 'Vorlage: BV 101 (VIII/2024-2029), Beschlussvorlage', 'Teilbereich 1 – Größe 1000 m²'])
      expect(text, expected).toContain(expected)
    for (const item of publicItems) expect(text).toContain(item.title)
    // Ö 5.1 and Ö 5.2 sit in a list inside Ö 5's body, drawn further right.
    const tree = await readStructTree(bytes)
    const nested = elementsOfType(tree, 'LBody').filter((b) => b.kids.some((k) => k.type === 'L'))
    expect(nested).toHaveLength(1)
    const x = (label: string) => pdf.pages.flatMap((p) => p.items).find((i) => i.text === label)!.x
    expect(x('Ö 5.1')).toBeGreaterThan(x('Ö 5') + 10)
    for (const li of elementsOfType(tree, 'LI')) expect(li.kids.map((k) => k.type).slice(0, 2)).toEqual(['Lbl', 'LBody'])
    const roles = new Set(pdf.pages.flatMap((p) => [...p.roles]))
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody']) expect(roles, role).toContain(role)
    expect(pdf.marked).toBe(true)
    expect(pdf.pages.flatMap((p) => p.fonts).every((f) => f.embedded)).toBe(true)
  })

  it('marks only the confidential agenda as "vertraulich", on every page', async () => {
    const pub = textOf(await inspectPdf(await renderAgendaPdf(meeting, sampleAgendaItems(150, 'public'), 'public', { ...ctx, version: 1 }, fonts)))
    expect(pub).not.toContain('vertraulich')
    expect(pub).not.toContain('Nichtöffentlich')
    const conf = await inspectPdf(await renderAgendaPdf(meeting, sampleAgendaItems(150, 'confidential'), 'confidential', { ...ctx, version: 1 }, fonts))
    expect(conf.pageCount).toBeGreaterThan(2)
    expect(conf.pages[0].content).toContain(CONFIDENTIAL_MARKER)
    for (const page of conf.pages.slice(1)) expect(page.artifacts).toContain(CONFIDENTIAL_MARKER)
    expect(textOf(conf)).toContain('Tagesordnung – Nichtöffentlicher Teil')
  })

  it('breaks a long agenda across pages with every item once and numbered pages', async () => {
    const items = sampleAgendaItems(150, 'public')
    const pdf = await inspectPdf(await renderAgendaPdf(meeting, items, 'public', { ...ctx, version: 1 }, fonts))
    expect(pdf.pageCount).toBeGreaterThanOrEqual(5)
    const labels = pdf.pages.flatMap((p) => p.items.filter((i) => !i.artifact && /^Ö \d+(\.\d+)?$/.test(i.text)).map((i) => i.text))
    expect(labels).toEqual(items.map((i) => i.number))
    pdf.pages.forEach((page, n) => expect(page.artifacts).toContain(`Seite ${n + 1} von ${pdf.pageCount}`))
    for (const page of pdf.pages) for (const item of page.items) if (!item.artifact) expect(item.tag, item.text).toBeDefined()
  })

  it('is deterministic and independent of the clock and of item order in the input', async () => {
    const a = await renderAgendaPdf(meeting, publicItems, 'public', { ...ctx, version: 1 }, fonts)
    const realNow = Date.now
    Date.now = () => realNow() + 400 * 24 * 3600 * 1000
    try {
      expect(sameBytes(a, await renderAgendaPdf(meeting, publicItems, 'public', { ...ctx, version: 1 }, fonts))).toBe(true)
    } finally {
      Date.now = realNow
    }
    const b = await renderAgendaPdf(meeting, [...publicItems].reverse(), 'public', { ...ctx, version: 1 }, fonts)
    expect(textOf(await inspectPdf(b))).toBe(textOf(await inspectPdf(a)))
    expect(sameBytes(a, await renderAgendaPdf(meeting, publicItems, 'public', { ...ctx, version: 2 }, fonts))).toBe(false)
  })
})

describe('meeting PDFs: odd input', { timeout: 30_000 }, () => {
  it('survives empty fields, control characters, missing glyphs and orphaned sub-items', async () => {
    const odd = { ...sampleMeeting([]), name: '', start: '', end: undefined, location: { description: '' }, accessibility: undefined }
    const letter = textOf(await inspectPdf(await renderInvitationPdf(odd, { ...ctx, kind: 'invitation', version: 1, changes: [] }, fonts)))
    expect(letter).toContain('Einladung zur Sitzung: Bau- und Vergabeausschuss')
    expect(letter).toContain('Die/Der Vorsitzende')
    const items: AgendaItem[] = [
      { id: 'a', number: 'Ö 1', order: 1, title: 'Tab\tEnde\u0000 🚒 漢字', public: true, files: [] },
      { id: 'b', number: 'Ö 2.1', order: 1, title: 'Verwaister Unterpunkt', public: true, files: [], parentId: 'gone' },
      { id: 'c', number: 'Ö 3', order: 3, title: 'x'.repeat(400), public: true, files: [] },
    ]
    const agenda = await inspectPdf(await renderAgendaPdf(odd, items, 'public', { ...ctx, version: 1 }, fonts))
    const text = textOf(agenda)
    expect(text).toContain('Verwaister Unterpunkt')
    expect(text).toContain('Tab Ende')
    expect(text).not.toContain('\u0000')
    const empty = textOf(await inspectPdf(await renderAgendaPdf(odd, [], 'confidential', { ...ctx, version: 1 }, fonts)))
    expect(empty).toContain('Keine Tagesordnungspunkte.')
    const minutes = { ...sampleMinutes(odd), title: '', sections: [{ key: 'x', title: '', text: '' }] }
    expect(textOf(await inspectPdf(await renderMinutesPdf(minutes, odd, ctx, fonts)))).toContain('Keine Angaben.')
  })
})

const signed = (role: 'chair' | 'minute-taker', byName: string, at: string): MinutesEvent => ({ id: `${role}-${at}`, kind: 'signed', at, by: role, byName, role })

describe('renderMinutesPdf', { timeout: 60_000 }, () => {
  it('renders every § 58 section with headings, lists and tables, and the draft state', async () => {
    const minutes = sampleMinutes(meeting)
    const bytes = await renderMinutesPdf(minutes, meeting, ctx, fonts)
    const pdf = await inspectPdf(bytes)
    const text = textOf(pdf)
    expect(text).toContain(minutes.title)
    for (const section of minutes.sections) expect(text, section.title).toContain(section.title)
    for (const expected of ['Beginn: 17:00 Uhr', 'Änne Müller', 'Ömer Yılmaz', 'Sabine Groß (Schriftführung)', 'Ergebnis: angenommen', 'Befangen (§ 33): Björn Schäfer', '125.000 €', 'Entwurf – noch nicht unterzeichnet', 'Dr. Jürgen Weiß – noch nicht unterzeichnet', 'Sabine Groß – noch nicht unterzeichnet'])
      expect(text, expected).toContain(expected)
    expect(pdf.info.Title).toBe(minutes.title)
    expect(pdf.info.Language).toBe('de-DE')
    const tree = await readStructTree(bytes)
    expect(elementsOfType(tree, 'H1')).toHaveLength(1)
    expect(elementsOfType(tree, 'H2').length).toBe(minutes.sections.length + 1)
    const th = elementsOfType(tree, 'TH')
    expect(th.length).toBe(3 * publicItems.length)
    for (const cell of th) expect(cell.attributes).toMatchObject({ O: 'Table', Scope: 'Column' })
    expect(elementsOfType(tree, 'L').length).toBeGreaterThanOrEqual(3)
    expect(text).not.toContain('vertraulich')
  })

  it('shows signatures with their dates, the approval and the version', async () => {
    const events: MinutesEvent[] = [
      { id: 'g', kind: 'generated', at: '2026-03-13T09:00:00Z', by: 'clerk', byName: 'Sabine Groß' },
      signed('minute-taker', 'Sabine Groß', '2026-03-16T10:00:00Z'),
      signed('chair', 'Dr. Jürgen Weiß', '2026-03-18T08:00:00Z'),
    ]
    const signedText = textOf(await inspectPdf(await renderMinutesPdf(sampleMinutes(meeting, 'public', events), meeting, ctx, fonts)))
    expect(signedText).toContain('unterzeichnet am 18.03.2026')
    expect(signedText).toContain('Dr. Jürgen Weiß – unterzeichnet am 18.03.2026')
    expect(signedText).toContain('Sabine Groß – unterzeichnet am 16.03.2026')
    const approved = [
      ...events,
      { id: 'a', kind: 'approved', at: '2026-04-09T17:30:00+02:00', by: 'clerk', byName: 'Sabine Groß', approvedIn: { meetingId: 'm2', meetingName: '6. Sitzung des Bau- und Vergabeausschusses' } },
      { id: 'c', kind: 'corrected', at: '2026-04-20T08:00:00Z', by: 'clerk', byName: 'Sabine Groß', reason: 'Schreibfehler', version: 2 },
    ] satisfies MinutesEvent[]
    const approvedText = textOf(await inspectPdf(await renderMinutesPdf(sampleMinutes(meeting, 'public', approved), meeting, ctx, fonts)))
    expect(approvedText).toContain('genehmigt am 09.04.2026 in der Sitzung „6. Sitzung des Bau- und Vergabeausschusses“')
    expect(approvedText).toMatch(/Version: 2/)
    expect(deriveMinutes(approved)).toMatchObject({ state: 'approved', version: 2 })
    expect(deriveMinutes(events.slice(0, 2)).state).toBe('draft')
  })

  it('marks confidential minutes and stays deterministic', async () => {
    const minutes = sampleMinutes(meeting, 'confidential')
    const a = await renderMinutesPdf(minutes, meeting, ctx, fonts)
    expect(textOf(await inspectPdf(a))).toContain(CONFIDENTIAL_MARKER)
    expect(sameBytes(a, await renderMinutesPdf(minutes, meeting, ctx, fonts))).toBe(true)
    const changed = { ...minutes, sections: minutes.sections.map((s, i) => (i === 0 ? { ...s, text: s.text + '!' } : s)) }
    const b = await renderMinutesPdf(changed, meeting, ctx, fonts)
    expect(sameBytes(a, b)).toBe(false)
    const idOf = async (bytes: Uint8Array) => String((await PDFDocument.load(bytes, { updateMetadata: false })).context.trailerInfo.ID)
    expect(await idOf(a)).not.toBe(await idOf(b))
  })
})

describe('meetingPdfFileName', () => {
  it('names the files by date, body, kind, part and version', () => {
    expect(meetingPdfFileName(meeting, 'invitation')).toBe('2026-03-12 Bau- und Vergabeausschuss - Einladung.pdf')
    expect(meetingPdfFileName(meeting, 'agenda', 'confidential', 2)).toBe('2026-03-12 Bau- und Vergabeausschuss - Tagesordnung nichtöffentlich (Version 2).pdf')
    expect(meetingPdfFileName(meeting, 'agenda', 'public', 1)).toBe('2026-03-12 Bau- und Vergabeausschuss - Tagesordnung öffentlich.pdf')
    expect(meetingPdfFileName(meeting, 'nachtrag', undefined, 3)).toBe('2026-03-12 Bau- und Vergabeausschuss - Nachtrag zur Tagesordnung (Version 3).pdf')
    expect(meetingPdfFileName(meeting, 'minutes', 'public')).toBe('2026-03-12 Bau- und Vergabeausschuss - Niederschrift öffentlich.pdf')
    expect(meetingPdfFileName({ ...meeting, organization: { id: 'x', name: 'A/B: "C"', shortName: 'x' } }, 'cancellation')).toBe('2026-03-12 A-B- -C- - Absage.pdf')
  })
})
