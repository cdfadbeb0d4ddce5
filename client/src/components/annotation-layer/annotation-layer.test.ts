// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { boundsOf, markAt, type PageMark } from './annotation-layer.ts'

const mark = (id: string, kind: PageMark['kind'], rects: number[][], ink?: number[][]): PageMark => ({ id, kind, color: 'yellow', rects, ink, label: id })

describe('annotation layer geometry', () => {
  it('bounds rectangles and strokes', () => {
    const box = boundsOf({ rects: [[0.1, 0.2, 0.3, 0.05]], ink: [[0.5, 0.5, 0.6, 0.7]] })!
    ;[0.1, 0.2, 0.5, 0.5].forEach((v, i) => expect(box[i]).toBeCloseTo(v))
    expect(boundsOf({ rects: [] })).toBeUndefined()
  })

  it('finds the topmost mark under a point, never a note (notes are buttons)', () => {
    const marks = [mark('h1', 'highlight', [[0.1, 0.1, 0.5, 0.02]]), mark('u1', 'underline', [[0.3, 0.1, 0.1, 0.02]]), mark('n1', 'note', [[0.35, 0.11, 0, 0]])]
    expect(markAt(marks, 0.35, 0.11)?.id).toBe('u1')
    expect(markAt(marks, 0.15, 0.11)?.id).toBe('h1')
    expect(markAt(marks, 0.9, 0.9)).toBeUndefined()
    expect(markAt([mark('i1', 'ink', [], [[0.2, 0.2, 0.4, 0.4]])], 0.3, 0.3)?.id).toBe('i1')
  })
})
