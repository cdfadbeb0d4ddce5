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
})
