import { describe, expect, it } from 'vitest'
import type { AgendaItem, MeetingDoc } from './documents.ts'
import type { MinutesEvent } from './meetings.ts'
import { buildMinutesSections, deriveMinutes, escapeMarkdown, minutesTitle } from './minutes.ts'
import { richTextToPlainText } from './rich-text.ts'

const meeting: MeetingDoc = {
  type: 'meeting',
  id: 'mtg-1',
  organization: { id: 'bau', name: 'Bauausschuss', shortName: 'BA' },
  name: '3. Sitzung des Bauausschusses',
  start: '2026-03-12T17:00:00+01:00',
  location: { description: 'Rathaus', room: 'Ratssaal', streetAddress: 'Markt 1', postalCode: '06406', locality: 'Bernburg' },
  state: 'held',
  agendaItems: [],
  chair: { personId: 'p1', name: 'Anna Becker' },
  minuteTaker: 'Clara Schreiber',
  roster: [
    { personId: 'p1', name: 'Anna Becker', role: 'Vorsitz', votingRight: true },
    { personId: 'p2', name: 'Bernd Schulz', role: 'Mitglied', votingRight: true },
    { personId: 'p3', name: 'Dora Krause', role: 'Mitglied', votingRight: true },
  ],
  attendance: [
    { personId: 'p1', name: 'Anna Becker', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] },
    { personId: 'p2', name: 'Bernd Schulz', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T18:10:00+01:00' }] },
    { personId: 'p3', name: 'Dora Krause', kind: 'member', votingRight: true, periods: [], note: 'entschuldigt' },
    { personId: 's3', name: 'Emil Vogt', kind: 'substitute', votingRight: true, substituteForPersonId: 'p3', periods: [{ arrived: '2026-03-12T17:20:00+01:00' }] },
    { personId: 'g1', name: 'Frau Gast', kind: 'guest', votingRight: false, periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] },
    { personId: 'v1', name: 'Herr Amt', kind: 'staff', votingRight: false, periods: [{ arrived: '2026-03-12T17:00:00+01:00' }] },
  ],
  live: { startedAt: '2026-03-12T17:03:00+01:00', publicEndedAt: '2026-03-12T18:45:00+01:00', endedAt: '2026-03-12T19:10:00+01:00' },
}

const items: AgendaItem[] = [
  { id: 'i1', number: 'Ö 1', order: 1, title: 'Eröffnung', public: true, files: [], status: 'behandelt' },
  {
    id: 'i2',
    number: 'Ö 2',
    order: 2,
    title: 'Bebauungsplan Nr. 12',
    public: true,
    files: [],
    paper: { url: 'automerge:x', id: 'pa', reference: 'BV 160 (VIII/2024-2029)', name: 'B-Plan 12', paperType: 'Beschlussvorlage' },
    resolutionProposal: 'Der Bauausschuss empfiehlt den Beschluss.',
    resolutionText: 'Der Bauausschuss empfiehlt den Beschluss mit Änderung.',
    status: 'behandelt',
    vote: { mode: 'counts', yes: 2, no: 0, abstain: 0, at: '2026-03-12T17:40:00+01:00' },
    result: 'angenommen',
    recusals: [{ personId: 'p2', name: 'Bernd Schulz', reason: 'Grundstücksnachbar', at: '2026-03-12T17:30:00+01:00' }],
    statements: [{ id: 'st1', personId: 'p1', name: 'Anna Becker', text: 'Ich stimme *nur* unter Vorbehalt zu.' }],
    minutesNote: 'Aussprache zur Verkehrsführung.',
  },
  { id: 'i21', number: 'Ö 2.1', order: 1, title: 'Änderungsantrag', public: true, files: [], parentId: 'i2', status: 'vertagt' },
]

describe('buildMinutesSections', () => {
  const sections = buildMinutesSections({ meeting, items, part: 'public', organizationName: 'Bauausschuss', townName: 'Stadt Bernburg' })
  const text = (key: string) => sections.find((s) => s.key === key)?.text ?? ''

  it('contains every § 58 element as its own section', () => {
    expect(sections.map((s) => s.key)).toEqual(['time-place', 'participants', 'agenda', 'item:i1', 'item:i2', 'item:i21', 'closing'])
  })

  it('records time and place', () => {
    expect(text('time-place')).toContain('12.03.2026')
    expect(text('time-place')).toContain('17:03 Uhr')
    expect(text('time-place')).toContain('Ratssaal')
    expect(text('time-place')).toContain('18:45 Uhr')
  })

  it('names participants: present, substitutes, absent, guests, staff', () => {
    const p = text('participants')
    expect(p).toContain('Anna Becker, Vorsitz')
    expect(p).toContain('Bernd Schulz (anwesend 17:00 Uhr bis 18:10 Uhr)')
    expect(p).toContain('Emil Vogt, in Vertretung für Dora Krause')
    expect(p).toMatch(/Abwesende Mitglieder:\*\*\n\n- Dora Krause \(entschuldigt\)/)
    expect(p).toContain('Frau Gast')
    expect(p).toContain('Herr Amt')
    expect(p).toContain('Clara Schreiber')
  })

  it('lists the agenda with sub-items', () => {
    expect(text('agenda')).toBe('- Ö 1 Eröffnung\n- Ö 2 Bebauungsplan Nr. 12\n  - Ö 2.1 Änderungsantrag')
  })

  it('records wording, vote result, recusals and verbatim statements per item', () => {
    const t = text('item:i2')
    expect(t).toContain('BV 160 (VIII/2024-2029)')
    expect(t).toContain('Der Bauausschuss empfiehlt den Beschluss.')
    expect(t).toContain('Der Bauausschuss empfiehlt den Beschluss mit Änderung.')
    expect(t).toContain('2 Ja, 0 Nein, 0 Enthaltungen')
    expect(t).toContain('**Ergebnis:** angenommen')
    expect(t).toContain('Bernd Schulz erklärte sich für befangen (§ 33 KVG LSA) – Grundstücksnachbar')
    // the statement is kept word for word (markup escaped, not interpreted)
    expect(t).toContain('„Ich stimme \\*nur\\* unter Vorbehalt zu.“')
    expect(t).toContain('Aussprache zur Verkehrsführung.')
    expect(text('item:i21')).toContain('**Status:** vertagt')
    expect(text('closing')).toContain('18:45 Uhr')
  })

  it('titles the parts', () => {
    expect(minutesTitle(meeting, 'public')).toBe('Niederschrift – 3. Sitzung des Bauausschusses am 12.03.2026 (öffentlicher Teil)')
    expect(minutesTitle(meeting, 'confidential')).toContain('nichtöffentlicher Teil')
    const conf = buildMinutesSections({ meeting, items: [], part: 'confidential', organizationName: 'Bauausschuss', townName: 'Stadt Bernburg' })
    expect(conf.find((s) => s.key === 'closing')?.text).toContain('19:10 Uhr')
  })

  it('escapes markup in names', () => {
    expect(escapeMarkdown('# [x](y) *a* 1. b')).toBe('\\# \\[x\\](y) \\*a\\* 1. b')
    expect(escapeMarkdown('- Liste')).toBe('\\- Liste')
    // a numbered meeting name: the period is escaped, the number stays as it is
    expect(escapeMarkdown('11. Sitzung')).toBe('11\\. Sitzung')
    expect(richTextToPlainText(`**Sitzung:** ${escapeMarkdown('11. Sitzung')}`)).toBe('Sitzung: 11. Sitzung')
    expect(richTextToPlainText(escapeMarkdown('11. Sitzung'))).toBe('11. Sitzung')
  })
})

describe('deriveMinutes', () => {
  const ev = (over: Partial<MinutesEvent>): MinutesEvent => ({ id: Math.random().toString(36), kind: 'generated', at: '2026-03-20T10:00:00Z', by: 'u', byName: 'U', ...over })
  it('goes draft → signed (both signatures) → approved, locked from the first signature', () => {
    const gen = ev({})
    expect(deriveMinutes([gen])).toMatchObject({ state: 'draft', locked: false, version: 1 })
    const chair = ev({ kind: 'signed', role: 'chair' })
    expect(deriveMinutes([gen, chair])).toMatchObject({ state: 'draft', locked: true, chairSignature: chair })
    const taker = ev({ kind: 'signed', role: 'minute-taker' })
    expect(deriveMinutes([gen, chair, taker])).toMatchObject({ state: 'signed', locked: true, minuteTakerSignature: taker })
    const approved = ev({ kind: 'approved', approvedIn: { meetingId: 'm2', meetingName: '4. Sitzung' } })
    expect(deriveMinutes([gen, chair, taker, approved])).toMatchObject({ state: 'approved', approval: approved })
  })

  it('counts corrections as versions', () => {
    const events = [ev({}), ev({ kind: 'signed', role: 'chair' }), ev({ kind: 'signed', role: 'minute-taker' }), ev({ kind: 'corrected', reason: 'Tippfehler', version: 2 }), ev({ kind: 'corrected', reason: 'Name' })]
    expect(deriveMinutes(events)).toMatchObject({ state: 'signed', version: 3, locked: true })
  })
})
