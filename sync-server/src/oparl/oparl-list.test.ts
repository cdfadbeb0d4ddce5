/** Query parameters and pages of OParl lists, without a server. */
import { describe, expect, it } from 'vitest'
import { listPage, OparlQueryError, parseFilterTime, parseListQuery } from './oparl-list.ts'

const entries = Array.from({ length: 7 }, (_, i) => ({ id: `e${i}`, created: `2026-01-0${i + 1}T00:00:00.000Z`, modified: `2026-02-0${i + 1}T00:00:00.000Z` }))
const LIST = 'https://api.example/oparl/v1/body/b/paper'
const q = (search: string) => parseListQuery(new URLSearchParams(search))

describe('OParl list queries', () => {
  it('reads date-times with offset, also with an unencoded plus, and stores them as UTC', () => {
    expect(parseFilterTime('created_since', '2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z')
    expect(parseFilterTime('created_since', '2026-01-01T01:00:00 01:00')).toBe('2026-01-01T00:00:00.000Z')
    expect(parseFilterTime('created_since', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z')
    expect(parseFilterTime('created_since', '2026-01-01T00:00:00-0230')).toBe('2026-01-01T02:30:00.000Z')
    for (const bad of ['2026-01-01', '2026-01-01T00:00:00', 'gestern', '2026-13-01T00:00:00Z', '']) {
      expect(() => parseFilterTime('modified_since', bad), bad).toThrow(OparlQueryError)
    }
  })

  it('refuses bad limits, pages, cursors and omit_internal values; caps large limits', () => {
    for (const bad of ['limit=0', 'limit=-1', 'limit=x', 'page=0', 'page=1.5', 'omit_internal=ja', 'after=***', 'after=' + Buffer.from('no newline').toString('base64url')]) {
      expect(() => q(bad), bad).toThrow(OparlQueryError)
    }
    expect(q('limit=100000').limit).toBe(250)
    expect(q('omit_internal').omitInternal).toBe(true)
    expect(q('omit_internal=false').omitInternal).toBe(false)
  })
})

describe('OParl list pages', () => {
  it('pages by number and by cursor with consistent links', () => {
    const first = listPage(entries, q('limit=3'), LIST)!
    expect(first.entries.map((e) => e.id)).toEqual(['e0', 'e1', 'e2'])
    expect(first.pagination).toEqual({ totalElements: 7, elementsPerPage: 3, currentPage: 1, totalPages: 3 })
    expect(first.links.prev).toBeUndefined()
    expect(first.links.first).toBe(`${LIST}?limit=3`)
    expect(first.links.last).toBe(`${LIST}?limit=3&page=3`)
    const second = listPage(entries, parseListQuery(new URL(first.links.next!).searchParams), LIST)!
    expect(second.entries.map((e) => e.id)).toEqual(['e3', 'e4', 'e5'])
    expect(second.pagination.currentPage).toBe(2)
    expect(second.links.prev).toBe(first.links.first)
    expect(second.links.self).toBe(first.links.next)
    const third = listPage(entries, parseListQuery(new URL(second.links.next!).searchParams), LIST)!
    expect(third.entries.map((e) => e.id)).toEqual(['e6'])
    expect(third.links.next).toBeUndefined()
    expect(listPage(entries, q('limit=3&page=3'), LIST)!.entries).toEqual(third.entries)
    expect(listPage(entries, q('limit=3&page=4'), LIST)).toBeUndefined()
    // an empty list is one empty page
    expect(listPage([], q(''), LIST)!.pagination).toEqual({ totalElements: 0, elementsPerPage: 100, currentPage: 1, totalPages: 1 })
  })

  it('a cursor page does not shift when an earlier entry changes while the client pages', () => {
    const first = listPage(entries, q('limit=3'), LIST)!
    // e1 is modified: it moves to the end of the order
    const changed = [...entries.filter((e) => e.id !== 'e1'), { ...entries[1], modified: '2026-03-01T00:00:00.000Z' }]
    const next = listPage(changed, parseListQuery(new URL(first.links.next!).searchParams), LIST)!
    expect(next.entries.map((e) => e.id)).toEqual(['e3', 'e4', 'e5'])
    const rest = listPage(changed, parseListQuery(new URL(next.links.next!).searchParams), LIST)!
    expect(rest.entries.map((e) => e.id)).toEqual(['e6', 'e1'])
  })

  it('filters inclusively and keeps the filters on every link', () => {
    const page = listPage(entries, q(`modified_since=${encodeURIComponent('2026-02-03T01:00:00+01:00')}&created_until=2026-01-06T00:00:00Z&limit=2`), LIST)!
    expect(page.pagination.totalElements).toBe(4)
    expect(page.entries.map((e) => e.id)).toEqual(['e2', 'e3'])
    for (const link of Object.values(page.links)) {
      const params = new URL(link).searchParams
      expect(params.get('modified_since')).toBe('2026-02-03T00:00:00.000Z')
      expect(params.get('created_until')).toBe('2026-01-06T00:00:00.000Z')
      expect(params.get('limit')).toBe('2')
    }
  })
})
