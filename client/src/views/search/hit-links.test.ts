import { describe, expect, it } from 'vitest'
import type { SearchHit } from '@ratstisch/search'
import { hitHref, pageHref, versionHref } from './hit-links.ts'

const sha = 'c'.repeat(64)
const meeting = { id: 'mtg 1', name: '5. Sitzung', start: '2026-03-04T17:00:00+01:00', bodyId: 'org-bau', bodyName: 'Bauausschuss' }
const base: SearchHit = { id: 'x', kind: 'agenda-item', score: 1, title: 't', titleMarks: [], snippet: { text: '', marks: [] }, confidential: false }

describe('hit links', () => {
  it('opens a PDF hit in the reader at its page, with the query to find there', () => {
    const hit: SearchHit = { ...base, kind: 'file', meeting, file: { sha256: sha, name: 'a.pdf', page: 3, morePages: [5], otherVersions: [], alsoIn: [] } }
    expect(hitHref(hit, ' Bürgerhaus ')).toBe(`/app/meetings/mtg%201/files/${sha}?page=3&q=B%C3%BCrgerhaus`)
    expect(pageHref(hit, 5, 'x')).toBe(`/app/meetings/mtg%201/files/${sha}?page=5&q=x`)
    expect(versionHref(hit, 'd'.repeat(64), '')).toBe(`/app/meetings/mtg%201/files/${'d'.repeat(64)}`)
  })
  it('opens items and papers at their meeting, a paper without one in the paper view', () => {
    expect(hitHref({ ...base, meeting }, 'x')).toBe('/app/meetings/mtg%201')
    expect(hitHref({ ...base, kind: 'paper', paper: { id: 'p-1', reference: 'BV 1', paperType: 'Beschlussvorlage' } }, 'x')).toBe('/app/papers/p-1')
    expect(hitHref(base, 'x')).toBeUndefined()
  })
})
