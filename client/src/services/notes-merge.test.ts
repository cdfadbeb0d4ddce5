import { describe, expect, it } from 'vitest'
import { notesToCopy } from './notes-merge.ts'

describe('notesToCopy', () => {
  it('fills empty notes and appends differing ones', () => {
    expect(notesToCopy({ a: '', b: 'alt', c: 'gleich' }, { a: 'neu', b: 'neu', c: 'gleich', d: '  ' })).toEqual({
      a: 'neu',
      b: 'alt\n\nneu',
    })
  })
})
