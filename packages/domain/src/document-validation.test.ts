import { describe, expect, it } from 'vitest'
import { validateDocument } from './document-validation.ts'

const item = (over: Record<string, unknown> = {}) => ({ id: 'i1', number: 'Ö 1', order: 1, title: 'Eröffnung', public: true, files: [], ...over })
const meeting = (over: Record<string, unknown> = {}) => ({
  type: 'meeting',
  id: 'mtg-1',
  organization: { id: 'org-rat', name: 'Stadtrat', shortName: 'Stadtrat' },
  name: '1. Sitzung des Stadtrates',
  start: '2026-03-12T17:00:00+01:00',
  location: { description: 'Ratssaal' },
  state: 'invited',
  agendaItems: [item()],
  ...over,
})

describe('validateDocument', () => {
  it('accepts well-formed documents', () => {
    expect(validateDocument('meeting', meeting(), { meetingId: 'mtg-1' })).toEqual([])
    expect(validateDocument('meeting-confidential', { type: 'meeting-confidential', meetingId: 'mtg-1', agendaItems: [item({ public: false, number: 'N 1' })] }, { meetingId: 'mtg-1' })).toEqual([])
    expect(validateDocument('notes', { type: 'notes', owner: 'ua', meetingId: 'mtg-1', notes: { i1: 'Text' } }, { ownerId: 'ua', meetingId: 'mtg-1' })).toEqual([])
  })

  it('enforces one audience per document', () => {
    expect(validateDocument('meeting', meeting({ agendaItems: [item({ public: false })] }), {})).toEqual(['agenda item 0: non-public item in the public part'])
    expect(validateDocument('meeting-confidential', { type: 'meeting-confidential', meetingId: 'm', agendaItems: [item()] }, {})).toEqual([
      'agenda item 0: public item in the non-public part',
    ])
  })

  it('keeps identity fields from the registry', () => {
    expect(validateDocument('meeting', meeting({ type: 'notes', id: 'mtg-2' }), { meetingId: 'mtg-1' })).toEqual(['type must stay "meeting"', 'id must stay the meeting id'])
    expect(validateDocument('notes', { type: 'notes', owner: 'ub', meetingId: 'mtg-1', notes: {} }, { ownerId: 'ua', meetingId: 'mtg-1' })).toEqual([
      'owner must stay the registered owner',
    ])
  })

  it('rejects broken structure', () => {
    expect(validateDocument('meeting', meeting({ start: 'morgen', state: 'party', agendaItems: [{ title: 1 }] }), {})).toEqual([
      'start must be an ISO date-time',
      'unknown meeting state',
      'agenda item 0: needs id, number, order and title',
    ])
    expect(validateDocument('meeting', meeting({ agendaItems: [item({ files: [{ sha256: 'xyz' }] })] }), {})).toEqual(['agenda item 0: file 0 is not {sha256, name, mime, size}'])
    expect(validateDocument('notes', { type: 'notes', owner: 'ua', meetingId: 'm', notes: { a: 42 } }, {})).toEqual(['note a must be text up to 100,000 characters'])
    expect(validateDocument('paper', null, {})).toEqual(['document is not a map'])
  })

  it('accepts the live-meeting fields of items and meetings', () => {
    const live = item({
      status: 'behandelt',
      kind: 'paper',
      vote: { mode: 'roll-call', yes: 1, no: 1, abstain: 0, roll: { p1: 'yes', p2: 'no' }, at: '2026-03-12T17:40:00+01:00' },
      result: 'abgelehnt',
      recusals: [{ personId: 'p3', name: 'C', at: '2026-03-12T17:30:00+01:00' }],
      statements: [{ id: 's1', personId: 'p1', name: 'A', text: 'Wörtlich.' }],
      resolutionText: 'Beschluss',
      minutesNote: 'Notiz',
    })
    const doc = meeting({
      agendaItems: [live, item({ id: 'i2', number: 'Ö 1.1', parentId: 'i1' })],
      roster: [{ personId: 'p1', name: 'A', role: 'Mitglied', votingRight: true }],
      attendance: [{ personId: 'p1', name: 'A', kind: 'member', votingRight: true, periods: [{ arrived: '2026-03-12T17:00:00+01:00', left: '2026-03-12T18:00:00+01:00' }] }],
      live: { startedAt: '2026-03-12T17:00:00+01:00', currentItemId: 'i1' },
      releases: [{ version: 1, kind: 'invitation', at: '2026-03-01T10:00:00Z', byName: 'Büro', changes: [] }],
    })
    expect(validateDocument('meeting', doc, { meetingId: 'mtg-1' })).toEqual([])
  })

  it('refuses malformed live-meeting fields', () => {
    const bad = item({
      status: 'erledigt',
      vote: { mode: 'counts', yes: -1, no: 1.5, abstain: 0, roll: { p1: 'vielleicht' }, at: 'gestern' },
      result: 'vielleicht',
      recusals: [{ personId: 'p3' }],
      statements: Array.from({ length: 101 }, (_, i) => ({ id: `s${i}`, personId: 'p', name: 'n', text: 't' })),
      resolutionText: 'x'.repeat(100_001),
    })
    expect(validateDocument('meeting', meeting({ agendaItems: [bad] }), {})).toEqual([
      'agenda item 0: unknown status',
      'agenda item 0: unknown result',
      'agenda item 0: resolutionText must be text up to 100,000 characters',
      'agenda item 0: vote counts must be non-negative whole numbers',
      'agenda item 0: vote needs the time it was taken',
      'agenda item 0: roll choices must be yes, no or abstain',
      'agenda item 0: recusal 0 needs personId, name and time',
      'too many agenda item 0 statements',
    ])
  })

  it('allows sub-items only one level deep and within the same document', () => {
    const items = [item(), item({ id: 'i2', parentId: 'i1' }), item({ id: 'i3', parentId: 'i2' }), item({ id: 'i4', parentId: 'elsewhere' }), item({ id: 'i5', parentId: 'i5' })]
    expect(validateDocument('meeting', meeting({ agendaItems: items }), {})).toEqual([
      'agenda item 2: sub-items go only one level deep',
      'agenda item 3: parentId must refer to another item of this document',
      'agenda item 4: parentId must refer to another item of this document',
    ])
  })

  it('refuses malformed roster, attendance, live state and releases', () => {
    const doc = meeting({
      roster: [{ personId: 'p1', name: 'A', role: 'Mitglied' }],
      attendance: [{ personId: 'p1', name: 'A', kind: 'boss', votingRight: true, periods: [{ arrived: '2026-03-12T18:00:00+01:00', left: '2026-03-12T17:00:00+01:00' }] }],
      live: { endedAt: 'bald' },
      releases: [{ version: -1, kind: 'invitation', at: '2026-03-01T10:00:00Z', byName: 'Büro', changes: 'neu' }],
    })
    expect(validateDocument('meeting', doc, {})).toEqual([
      'roster 0 needs personId, name, role and votingRight',
      'attendance 0 has an unknown kind',
      'attendance 0 period 0 ends before it starts',
      'live.endedAt must be an ISO date-time',
      'release 0 needs version, kind, time and author',
      'release 0: changes must be a list of text',
    ])
  })
})

describe('imported documents (OParl import)', () => {
  const sha = 'a'.repeat(64)
  it('accepts the meeting\'s further files and the source, and refuses malformed ones', () => {
    const source = { system: 'https://ris.example/oparl/system', url: 'https://ris.example/oparl/meeting/1' }
    expect(validateDocument('meeting', meeting({ files: [{ sha256: sha, name: 'Protokoll.pdf', mime: 'application/pdf', size: 10 }], source }), { meetingId: 'mtg-1' })).toEqual([])
    expect(validateDocument('meeting', meeting({ files: [{ sha256: 'x', name: 'a' }] }), { meetingId: 'mtg-1' }).length).toBeGreaterThan(0)
    expect(validateDocument('meeting', meeting({ files: 'nope' }), { meetingId: 'mtg-1' }).length).toBeGreaterThan(0)
    expect(validateDocument('meeting', meeting({ source: { url: 5 } }), { meetingId: 'mtg-1' })).toContain('source needs system and url')
  })
})
