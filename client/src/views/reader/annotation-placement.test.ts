import { describe, expect, it } from 'vitest'
import { textQuoteAt, type Annotation } from '@ratstisch/domain'
import { anchorUpdate, placeAnnotation } from './annotation-placement.ts'

const OLD = 'a'.repeat(64)
const NEW = 'b'.repeat(64)
const oldPage = 'Beschluss\nDer Rat stimmt dem Bebauungsplan Nr. 42 zu.\n'
const newPages = ['Deckblatt\n', 'Beschluss\nNach Beratung stimmt der Rat dem Bebauungsplan Nr. 42 zu.\n']

function annotation(over: Partial<Annotation> = {}): Annotation {
  const start = oldPage.indexOf('Bebauungsplan Nr. 42')
  const end = start + 'Bebauungsplan Nr. 42'.length
  return {
    id: 'a1',
    kind: 'highlight',
    color: 'yellow',
    target: { fileKey: 'p1/att1', sha256: OLD, name: 'Vorlage.pdf' },
    page: 1,
    quote: textQuoteAt(oldPage, start, end),
    start,
    end,
    rects: [[0.1, 0.1, 0.2, 0.02]],
    author: 'u1',
    authorName: 'Anna',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...over,
  }
}

describe('placeAnnotation', () => {
  it('keeps annotations of the open version as stored', () => {
    expect(placeAnnotation(annotation(), OLD, undefined)).toMatchObject({ status: 'same', page: 1, rects: [[0.1, 0.1, 0.2, 0.02]] })
  })

  it('waits for the page texts of another version, then re-anchors by quote (without the old rectangles)', () => {
    expect(placeAnnotation(annotation(), NEW, undefined)).toBeUndefined()
    const p = placeAnnotation(annotation(), NEW, newPages)!
    expect(p.status).toBe('moved')
    expect(p.page).toBe(2)
    expect(newPages[1].slice(p.start, p.end)).toBe('Bebauungsplan Nr. 42')
    expect(p.rects).toBeUndefined()
  })

  it('detaches when the quoted text is gone, also for text marks without a quote', () => {
    expect(placeAnnotation(annotation(), NEW, ['Ganz anderer Text.'])).toMatchObject({ status: 'detached' })
    expect(placeAnnotation(annotation({ quote: undefined }), NEW, newPages)).toMatchObject({ status: 'detached' })
  })

  it('keeps notes and ink at their position, on the page their quote moved to', () => {
    const note = annotation({ kind: 'note', rects: [[0.9, 0.3, 0, 0]] })
    expect(placeAnnotation(note, NEW, newPages)).toMatchObject({ status: 'moved', page: 2, rects: [[0.9, 0.3, 0, 0]] })
    const ink = annotation({ kind: 'ink', quote: undefined, start: undefined, end: undefined, ink: [[0.1, 0.1, 0.2, 0.2]], page: 2 })
    expect(placeAnnotation(ink, NEW, newPages)).toMatchObject({ status: 'moved', page: 2 })
    expect(placeAnnotation({ ...ink, page: 5 }, NEW, newPages)).toMatchObject({ status: 'detached' })
  })
})

describe('anchorUpdate', () => {
  it('moves the anchor to the open version when a re-anchored annotation is edited', () => {
    const a = annotation({ detached: true })
    const p = placeAnnotation(a, NEW, newPages)
    const update = anchorUpdate(a, p, { sha256: NEW, name: 'Vorlage (2).pdf' })!
    expect(update.target).toEqual({ fileKey: 'p1/att1', sha256: NEW, name: 'Vorlage (2).pdf' })
    expect(update.page).toBe(2)
    expect(update.quote?.exact).toBe('Bebauungsplan Nr. 42')
    expect('detached' in update && update.detached).toBe(undefined)
    expect(anchorUpdate(a, placeAnnotation(a, OLD, undefined), { sha256: OLD, name: 'x' })).toBeUndefined()
    expect(anchorUpdate(a, { status: 'detached', page: 1 }, { sha256: NEW, name: 'x' })).toBeUndefined()
  })
})
