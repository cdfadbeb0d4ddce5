import { describe, expect, it } from 'vitest'
import { joinTextItems } from './page-text.ts'

describe('joinTextItems', () => {
  it('joins items in order, ends lines at hasEOL and records where each item starts', () => {
    const { text, itemOffsets } = joinTextItems([{ str: 'Bebauungsplan', hasEOL: false }, { str: ' Nr. 42', hasEOL: true }, {}, { str: 'Begründung' }])
    expect(text).toBe('Bebauungsplan Nr. 42\nBegründung')
    expect(itemOffsets).toEqual([0, 13, -1, 21])
    expect(text.slice(itemOffsets[3], itemOffsets[3] + 'Begründung'.length)).toBe('Begründung')
  })
})
