import { describe, expect, it } from 'vitest'
import type { PaperDoc } from '@ratstisch/domain'
import { germanDate, meetingLabel, paperPdfFileName, paperPdfInput } from './paper-pdf-input.ts'

const version = (n: number, name: string) => ({ sha256: `sha-${n}`, name, mime: 'application/pdf', size: 1000, version: n, uploadedAt: '2026-03-01T10:00:00Z', uploadedBy: 'u1', uploadedByName: 'Anna Becker', comment: '' })

const paper: PaperDoc = {
  type: 'paper',
  id: 'paper-1',
  reference: 'BV 160 (VIII/2024-2029)',
  name: 'Bebauungsplan Nr. 42 „Am Mühlenberg“',
  paperType: 'Beschlussvorlage',
  date: '2026-03-01',
  public: true,
  departmentId: 'dept-61',
  department: 'Amt für Stadtentwicklung und Bauen',
  summary: 'Aufstellungsbeschluss',
  workflowId: 'default',
  createdBy: 'u1',
  createdAt: '2026-02-20T09:00:00Z',
  sections: [
    { key: 'beschlussvorschlag', title: 'Beschlussvorschlag', text: 'Der Stadtrat **beschließt**.' },
    { key: 'sachverhalt', title: 'Sachverhalt', text: '' },
  ],
  attachments: [
    { id: 'a1', title: 'Lageplan', versions: [version(1, 'Lageplan alt.pdf'), version(2, 'Lageplan.pdf')] },
    { id: 'a2', title: 'Gutachten', versions: [] },
  ],
  consultations: [
    { id: 'c1', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Vorberatung', meetingId: 'm-1', result: 'beschlossen', resultAt: '2026-03-05T19:30:00+01:00' },
    { id: 'c2', organizationId: 'org-rat', organizationName: 'Stadtrat', role: 'Entscheidung', meetingId: 'm-unknown' },
    { id: 'c3', organizationId: 'org-hfa', organizationName: 'Hauptausschuss', role: 'Kenntnisnahme' },
  ],
  sharedWith: [],
  events: [],
}

describe('paperPdfInput', () => {
  it('maps a paper document to renderer input', () => {
    const input = paperPdfInput(paper, { name: 'Stadt Musterstadt' }, 'in Beratung', { meetingLabel: (id) => (id === 'm-1' ? 'Sitzung am 05.03.2026' : undefined) })
    expect(input).toEqual({
      townName: 'Stadt Musterstadt',
      title: 'Bebauungsplan Nr. 42 „Am Mühlenberg“',
      paperType: 'Beschlussvorlage',
      reference: 'BV 160 (VIII/2024-2029)',
      date: '2026-03-01',
      department: 'Amt für Stadtentwicklung und Bauen',
      stateLabel: 'in Beratung',
      consultations: [
        { organizationName: 'Bauausschuss', role: 'Vorberatung', meeting: 'Sitzung am 05.03.2026', result: 'beschlossen am 05.03.2026' },
        { organizationName: 'Stadtrat', role: 'Entscheidung', meeting: '', result: '' },
        { organizationName: 'Hauptausschuss', role: 'Kenntnisnahme', meeting: '', result: '' },
      ],
      sections: [
        { title: 'Beschlussvorschlag', text: 'Der Stadtrat **beschließt**.' },
        { title: 'Sachverhalt', text: '' },
      ],
      attachments: [
        { title: 'Lageplan', fileName: 'Lageplan.pdf', version: 2 },
        { title: 'Gutachten', fileName: '', version: 0 },
      ],
    })
  })

  it('keeps a draft without reference and tolerates missing arrays from older documents', () => {
    const draft = { ...paper, reference: '', consultations: undefined, attachments: undefined, sections: undefined } as unknown as PaperDoc
    const input = paperPdfInput(draft, { name: 'Gemeinde Beispiel' }, 'Entwurf')
    expect(input.reference).toBe('')
    expect(input.consultations).toEqual([])
    expect(input.sections).toEqual([])
    expect(input.attachments).toEqual([])
  })
})

describe('germanDate', () => {
  it('formats ISO dates and date-times as written', () => {
    expect(germanDate('2026-03-12')).toBe('12.03.2026')
    expect(germanDate('2026-03-12T23:30:00+01:00')).toBe('12.03.2026')
    expect(germanDate('irgendwann')).toBe('irgendwann')
  })
})

describe('meetingLabel', () => {
  it('names a meeting by its date, or nothing without one', () => {
    expect(meetingLabel('2026-03-12T17:00:00+01:00')).toBe('Sitzung am 12.03.2026')
    expect(meetingLabel(undefined)).toBeUndefined()
  })
})

describe('paperPdfFileName', () => {
  it('uses reference and name without characters file systems refuse', () => {
    expect(paperPdfFileName({ reference: 'BV 160 (VIII/2024-2029)', name: 'Radweg: Mühlenstraße?' })).toBe('BV 160 (VIII-2024-2029) Radweg- Mühlenstraße-.pdf')
    expect(paperPdfFileName({ reference: '', name: 'Neuer Antrag' })).toBe('Entwurf Neuer Antrag.pdf')
  })
})
