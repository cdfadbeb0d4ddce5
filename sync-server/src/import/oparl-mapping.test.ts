/** The pure mapping OParl -> Ratstisch on small hand-made objects. */
import { describe, expect, it } from 'vitest'
import { normalizeObject, type OParlObject, type ReportEntry } from '@ratstisch/oparl'
import { classifyBody, localIdFor, mapObjects, mapPaperType, type MappingInput } from './oparl-mapping.ts'

const B = 'https://ris.example.de/oparl/body/1'
const T = (t: string) => `https://schema.oparl.org/1.1/${t}`
const at = '2024-01-10T10:00:00+01:00'

function objects(...raw: Array<Record<string, unknown>>): OParlObject[] {
  const entries: ReportEntry[] = []
  return raw.flatMap((r) => normalizeObject({ created: at, modified: at, ...r }, { version: '1.1', report: (e) => entries.push(e) }))
}

const input = (objs: OParlObject[], extra: Partial<MappingInput> = {}): MappingInput => ({
  systemUrl: 'https://ris.example.de/oparl/system',
  objects: objs,
  files: new Map(),
  paperDocumentUrl: (u) => `automerge:${localIdFor('paper', u)}`,
  now: '2025-06-01T00:00:00Z',
  ...extra,
})

describe('ids from source URLs', () => {
  it('are stable, readable and distinct', () => {
    expect(localIdFor('meeting', `${B}/meeting/333`)).toMatch(/^mtg-333-[0-9a-f]{6}$/)
    expect(localIdFor('meeting', `${B}/meeting/333`)).toBe(localIdFor('meeting', `${B}/meeting/333`))
    expect(localIdFor('meeting', `${B}/meeting/333`)).not.toBe(localIdFor('meeting', `https://other.example/body/1/meeting/333`))
    expect(localIdFor('organization', 'https://ratsinfo.leipzig.de/bi/oparl/1.0/organizations.asp?id=2387')).toMatch(/^org-organizations-2387-/)
    expect(localIdFor('membership', `${B}/membership/9-2-1-13`)).toMatch(/^ms-9-2-1-13-/)
  })
})

describe('types and classifications', () => {
  it('maps free paper types to Ratstisch types', () => {
    expect(mapPaperType('Beschlussvorlage')).toBe('Beschlussvorlage')
    expect(mapPaperType('Tischvorlage')).toBe('Beschlussvorlage')
    expect(mapPaperType('Mitteilungsvorlage')).toBe('Mitteilung')
    expect(mapPaperType('Beantwortung einer Anfrage')).toBe('Anfrage')
    expect(mapPaperType('Antrag der Fraktion')).toBe('Antrag')
    expect(mapPaperType(null)).toBe('Beschlussvorlage')
  })

  it('classifies bodies', () => {
    expect(classifyBody('Gemeinderat', 'Gremien')).toBe('Gemeinderat')
    expect(classifyBody('Rat der Stadt Köln', null)).toBe('Stadtrat')
    expect(classifyBody('Bezirksvertretung Mitte', null)).toBe('Ortschaftsrat')
    expect(classifyBody('Haupt- und Finanzausschuss', 'Gremien')).toBe('Ausschuss')
  })
})

describe('mapping', () => {
  it('splits a meeting by audience, shifts 1-based order, links items to papers, keeps the raw result', () => {
    const m = mapObjects(
      input(
        objects(
          { id: `${B}/organization/1`, type: T('Organization'), name: 'Rat', organizationType: 'Gremium' },
          {
            id: `${B}/meeting/1`, type: T('Meeting'), name: '1. Sitzung', start: '2024-02-01T18:00:00+01:00', organization: [`${B}/organization/1`],
            agendaItem: [
              { id: `${B}/top/2`, type: T('AgendaItem'), number: 'N 1', order: 2, name: 'Grundstück', public: false, created: at, modified: at },
              { id: `${B}/top/1`, type: T('AgendaItem'), number: 'Ö 1', order: 1, name: 'Bebauungsplan', public: true, consultation: `${B}/cons/1`, result: '12 Ja-Stimmen, 3 Nein-Stimmen, 1 Enthaltung', created: at, modified: at },
            ],
          },
          { id: `${B}/paper/1`, type: T('Paper'), name: 'Bebauungsplan Nr. 1', reference: 'BV 1/2024', paperType: 'Tischvorlage', consultation: [{ id: `${B}/cons/1`, type: T('Consultation'), meeting: `${B}/meeting/1`, agendaItem: `${B}/top/1`, organization: [`${B}/organization/1`], authoritative: true, created: at, modified: at }] },
        ),
      ),
    )
    const meeting = m.meetings[0]
    expect(meeting.public.agendaItems.map((i) => [i.number, i.order])).toEqual([['Ö 1', 0]])
    expect(meeting.confidential!.agendaItems.map((i) => i.number)).toEqual(['N 1'])
    const item = meeting.public.agendaItems[0]
    expect(item).toMatchObject({ status: 'behandelt', result: 'angenommen', vote: { mode: 'counts', yes: 12, no: 3, abstain: 1 }, minutesNote: '12 Ja-Stimmen, 3 Nein-Stimmen, 1 Enthaltung' })
    expect(item.paper).toMatchObject({ reference: 'BV 1/2024', url: `automerge:${localIdFor('paper', `${B}/paper/1`)}` })
    const paper = m.papers[0].doc
    expect(paper).toMatchObject({ paperType: 'Beschlussvorlage', workflowId: 'imported', public: true, source: { url: `${B}/paper/1`, type: 'Tischvorlage' } })
    expect(paper.consultations[0]).toMatchObject({ role: 'Entscheidung', result: 'beschlossen', meetingId: meeting.id })
    expect(m.entries.some((e) => e.code === 'agenda-order-one-based')).toBe(true)
  })

  it('makes administrative units departments, skips memberships in them, never imports contact data', () => {
    const m = mapObjects(
      input(
        objects(
          { id: `${B}/organization/9`, type: T('Organization'), name: 'Abteilung 1', organizationType: 'Verwaltungsbereich' },
          { id: `${B}/person/1`, type: T('Person'), name: 'Frau Dr. Erika Muster', familyName: 'Muster', givenName: 'Erika', title: ['Dr.'], email: ['erika@example.org'], phone: ['+49 1'], membership: [{ id: `${B}/membership/1`, type: T('Membership'), organization: `${B}/organization/9`, role: 'Leitung', created: at, modified: at }] },
          { id: `${B}/paper/2`, type: T('Paper'), name: 'Bericht', reference: 'MI 2', underDirectionOf: [`${B}/organization/9`] },
        ),
      ),
    )
    expect(m.departments.map((d) => d.row.name)).toEqual(['Abteilung 1'])
    expect(m.organizations).toEqual([])
    expect(m.memberships).toEqual([])
    expect(m.entries.some((e) => e.code === 'membership-in-department')).toBe(true)
    expect(m.persons[0].row).toEqual({ name: 'Dr. Erika Muster', givenName: 'Erika', familyName: 'Muster', formOfAddress: null, title: 'Dr.' })
    expect(JSON.stringify(m)).not.toMatch(/erika@|\+49/)
    expect(m.papers[0].doc).toMatchObject({ departmentId: localIdFor('department', `${B}/organization/9`), department: 'Abteilung 1' })
  })

  it('keeps a meeting whose body is unknown under one deterministic placeholder, and reports deletions', () => {
    const objs = objects(
      { id: `${B}/meeting/5`, type: T('Meeting'), name: 'X', start: '2024-03-01T18:00:00+01:00', organization: [`${B}/organizations/gr/230`] },
      { id: `${B}/meeting/6`, type: T('Meeting'), name: 'Y', start: '2024-03-02T18:00:00+01:00', organization: [`${B}/organizations/gr/230`] },
    )
    objs.push(...normalizeObject({ id: `${B}/paper/7`, deleted: true, modified: at }, { version: '1.1', expectedKind: 'paper', report: () => {} }))
    const a = mapObjects(input(objs))
    const b = mapObjects(input([...objs].reverse()))
    expect(a.organizations.length).toBe(1)
    expect(a.organizations[0].id).toBe(b.organizations[0].id)
    expect(a.meetings.every((m) => m.organizationId === a.organizations[0].id)).toBe(true)
    expect(a.deleted).toEqual([{ url: `${B}/paper/7`, kind: 'paper' }])
  })
})
