import { describe, expect, it } from 'vitest'
import { annotationAuthorshipProblems, annotationMapProblems, annotationProblems, changedNoteKeys, sharedAdditions } from './annotation-rules.ts'
import type { Annotation } from './annotations.ts'
import { validateDocument } from './document-validation.ts'

const SHA = 'a'.repeat(64)
const note = (over: Partial<Annotation> = {}): Annotation => ({
  id: 'x1',
  kind: 'highlight',
  color: 'yellow',
  target: { fileKey: 'paper-1/a1', sha256: SHA, name: 'Vorlage.pdf' },
  page: 2,
  quote: { exact: 'Bebauungsplan Nr. 42', prefix: 'über den ', suffix: ' wird' },
  start: 10,
  end: 30,
  rects: [[0.1, 0.2, 0.5, 0.02]],
  author: 'ua',
  authorName: 'Anna Becker',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
})
const map = (...xs: Annotation[]): Record<string, Annotation> => Object.fromEntries(xs.map((a) => [a.id, a]))

describe('annotationProblems', () => {
  it('accepts highlights, ink and sticky notes', () => {
    expect(annotationProblems(note(), 'a')).toEqual([])
    expect(annotationProblems(note({ kind: 'ink', quote: undefined, start: undefined, end: undefined, rects: undefined, ink: [[0.1, 0.1, 0.2, 0.25, 0.3, 0.3]] }), 'a')).toEqual([])
    expect(annotationProblems(note({ kind: 'note', color: 'pink', text: 'Nachfragen: Kosten?', detached: true, updatedAt: '2026-03-02T10:00:00Z' }), 'a')).toEqual([])
  })

  it('rejects unknown kinds and colours, bad targets and non-finite numbers', () => {
    expect(annotationProblems(note({ kind: 'scribble' as never }), 'a')).toEqual(['a: unknown kind'])
    expect(annotationProblems(note({ color: 'red' as never }), 'a')).toEqual(['a: unknown colour'])
    expect(annotationProblems(note({ target: { fileKey: 'k', sha256: 'abc', name: 'x' } }), 'a')[0]).toMatch(/target needs/)
    expect(annotationProblems(note({ page: 0 }), 'a')[0]).toMatch(/page/)
    expect(annotationProblems(note({ page: 1.5 }), 'a')[0]).toMatch(/page/)
    expect(annotationProblems(note({ start: 30, end: 10 }), 'a')[0]).toMatch(/start ≤ end/)
    expect(annotationProblems(note({ rects: [[0.1, Number.NaN, 0.2, 0.1]] }), 'a')[0]).toMatch(/rect/)
    expect(annotationProblems(note({ rects: [[0.1, 0.2, 0.3]] }), 'a')[0]).toMatch(/rect/)
    expect(annotationProblems(note({ kind: 'ink', ink: [[0.1, 0.2, 0.3]] }), 'a')[0]).toMatch(/stroke/)
    expect(annotationProblems(note({ kind: 'ink', ink: [[0.1, Infinity]] }), 'a')[0]).toMatch(/stroke/)
    expect(annotationProblems(note({ detached: 'yes' as never }), 'a')[0]).toMatch(/detached/)
    expect(annotationProblems(note({ author: '' }), 'a')[0]).toMatch(/author/)
    expect(annotationProblems(note({ createdAt: 'gestern' }), 'a')[0]).toMatch(/createdAt/)
    expect(annotationProblems('text', 'a')).toEqual(['a is not a map'])
  })

  it('bounds sizes and counts so nobody can bloat a shared document', () => {
    expect(annotationProblems(note({ text: 'x'.repeat(20_001) }), 'a')[0]).toMatch(/text/)
    expect(annotationProblems(note({ quote: { exact: 'x'.repeat(5001), prefix: '', suffix: '' } }), 'a')[0]).toMatch(/quote/)
    expect(annotationProblems(note({ rects: Array.from({ length: 501 }, () => [0, 0, 0.1, 0.1]) }), 'a')[0]).toMatch(/rects/)
    expect(annotationProblems(note({ kind: 'ink', ink: Array.from({ length: 201 }, () => [0, 0]) }), 'a')[0]).toMatch(/strokes/)
    expect(annotationProblems(note({ kind: 'ink', ink: Array.from({ length: 100 }, () => Array.from({ length: 1002 }, () => 0.5)) }), 'a')[0]).toMatch(/too many ink points/)
    const many = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`n${i}`, note({ id: `n${i}` })]))
    expect(annotationMapProblems(many)).toEqual(['too many annotations (at most 5000)'])
    expect(annotationMapProblems({ wrong: note() })).toEqual(['annotation wrong: the key must be the annotation\'s id'])
  })
})

describe('annotationAuthorshipProblems', () => {
  const anna = { userId: 'ua', name: 'Anna Becker' }
  const carl = { userId: 'uc', name: 'Carl Meyer' }

  it('lets a member add their own annotation under their own name only', () => {
    expect(annotationAuthorshipProblems({}, map(note()), anna)).toEqual([])
    expect(annotationAuthorshipProblems({}, map(note()), carl)[0]).toMatch(/must name its writer/)
    expect(annotationAuthorshipProblems({}, map(note({ author: 'uc', authorName: 'Anna Becker' })), carl)[0]).toMatch(/authorName/)
  })

  it('lets only the author change what an annotation says, or remove it', () => {
    const before = map(note())
    expect(annotationAuthorshipProblems(before, map(note({ text: 'Meine Ergänzung' })), anna)).toEqual([])
    expect(annotationAuthorshipProblems(before, map(note({ text: 'Untergeschoben' })), carl)[0]).toMatch(/only its author changes/)
    expect(annotationAuthorshipProblems(before, map(note({ color: 'green' })), carl)[0]).toMatch(/only its author changes/)
    expect(annotationAuthorshipProblems(before, map(note({ author: 'uc', authorName: 'Carl Meyer' })), carl)[0]).toMatch(/only its author changes/)
    expect(annotationAuthorshipProblems(before, map(note({ author: 'uc' })), anna)[0]).toMatch(/author stays/)
    expect(annotationAuthorshipProblems(before, {}, carl)[0]).toMatch(/only its author removes/)
    expect(annotationAuthorshipProblems(before, {}, anna)).toEqual([])
  })

  it('lets any colleague’s app move the anchor to a newer version of the file', () => {
    const before = map(note())
    const moved = note({ target: { fileKey: 'paper-1/a1', sha256: 'b'.repeat(64), name: 'Vorlage v2.pdf' }, page: 3, start: 4, end: 24, quote: { exact: 'Bebauungsplan Nr. 42', prefix: 'zum ', suffix: '.' } })
    expect(annotationAuthorshipProblems(before, map(moved), carl)).toEqual([])
    expect(annotationAuthorshipProblems(before, map(note({ detached: true })), carl)).toEqual([])
    // the logical file stays the author's choice
    expect(annotationAuthorshipProblems(before, map(note({ target: { fileKey: 'other', sha256: SHA, name: 'x' } })), carl)[0]).toMatch(/only its author/)
  })
})

describe('sharedAdditions', () => {
  it('reports new annotations and notes that got text, not edits', () => {
    const before = { annotations: map(note()), notes: { i1: 'alt', i2: '' } }
    const after = { annotations: map(note({ text: 'geändert' }), note({ id: 'x2' })), notes: { i1: 'alt und neu', i2: 'jetzt mit Text', i3: 'neu', i4: '  ' } }
    expect(sharedAdditions(before, after)).toEqual({ annotations: ['x2'], notes: ['i2', 'i3'] })
    expect(sharedAdditions(after, after)).toEqual({ annotations: [], notes: [] })
  })

  it('names the agenda items whose shared note changed', () => {
    expect(changedNoteKeys({ i1: 'a', i2: 'b' }, { i1: 'a', i2: 'c', i3: 'd' }).sort()).toEqual(['i2', 'i3'])
    expect(changedNoteKeys({ i1: 'a' }, {})).toEqual(['i1'])
  })
})

describe('validateDocument: faction notes and the new notes fields', () => {
  const faction = (over: Record<string, unknown> = {}) => ({ type: 'faction-notes', factionId: 'org-f-cdu', meetingId: 'mtg-1', annotations: map(note()), notes: { i1: 'Wir stimmen zu.' }, ...over })
  const ctx = { factionId: 'org-f-cdu', meetingId: 'mtg-1' }

  it('accepts a well-formed faction document', () => {
    expect(validateDocument('faction-notes', faction(), ctx)).toEqual([])
  })

  it('keeps faction and meeting from the registry and fails closed without them', () => {
    expect(validateDocument('faction-notes', faction({ factionId: 'org-f-spd' }), ctx)).toEqual(['factionId must stay the registered faction'])
    expect(validateDocument('faction-notes', faction({ meetingId: 'mtg-2' }), ctx)).toEqual(['meetingId must stay the registered meeting'])
    expect(validateDocument('faction-notes', faction(), {})).toEqual(['factionId must stay the registered faction', 'meetingId must stay the registered meeting'])
    expect(validateDocument('faction-notes', faction({ type: 'notes' }), ctx)).toEqual(['type must stay "faction-notes"'])
  })

  it('checks annotations and bounds the notes map', () => {
    expect(validateDocument('faction-notes', faction({ annotations: map(note({ color: 'black' as never })) }), ctx)).toEqual(['annotation x1: unknown colour'])
    expect(validateDocument('faction-notes', faction({ annotations: [] }), ctx)).toEqual(['annotations must be a map'])
    expect(validateDocument('faction-notes', faction({ notes: { i1: 7 } }), ctx)).toEqual(['note i1 must be text up to 100,000 characters'])
    const tooMany = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`i${i}`, 'x']))
    expect(validateDocument('faction-notes', faction({ notes: tooMany }), ctx)).toEqual(['too many notes'])
  })

  it('checks a member’s private annotations and uploads', () => {
    const upload = { id: 'u1', sha256: 'c'.repeat(64), name: 'Mein Gutachten.pdf', mime: 'application/pdf', size: 1234, pages: 3, itemId: 'i3', uploadedAt: '2026-03-01T10:00:00Z' }
    const notes = (over: Record<string, unknown> = {}) => ({ type: 'notes', owner: 'ua', meetingId: 'mtg-1', notes: {}, annotations: map(note()), uploads: [upload], ...over })
    const own = { ownerId: 'ua', meetingId: 'mtg-1' }
    expect(validateDocument('notes', notes(), own)).toEqual([])
    expect(validateDocument('notes', notes({ uploads: [{ ...upload, sha256: 'ZZ' }] }), own)).toEqual(['upload 0: sha256 must be 64 hex digits'])
    expect(validateDocument('notes', notes({ uploads: [{ ...upload, size: -1 }] }), own)).toEqual(['upload 0: size must be a byte count'])
    expect(validateDocument('notes', notes({ uploads: [{ ...upload, name: '' }] }), own)).toEqual(['upload 0 needs a name (up to 300 characters)'])
    expect(validateDocument('notes', notes({ uploads: [{ ...upload, mime: 'text/html; x' }] }), own)).toEqual(['upload 0: mime must be a media type'])
    expect(validateDocument('notes', notes({ uploads: [{ ...upload, uploadedAt: 'heute' }] }), own)).toEqual(['upload 0: uploadedAt must be an ISO date-time'])
    expect(validateDocument('notes', notes({ uploads: Array.from({ length: 201 }, () => upload) }), own)).toEqual(['too many uploads'])
    expect(validateDocument('notes', notes({ uploads: {} }), own)).toEqual(['uploads must be a list'])
    expect(validateDocument('notes', notes({ annotations: map(note({ page: -1 })) }), own)).toEqual(['annotation x1: page must be a page number'])
  })
})
