import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from './routes.ts'

const sha = 'a'.repeat(64)

describe('routes', () => {
  it('parses the meeting list, a meeting and a file', () => {
    expect(parseRoute('/app/')).toEqual({ name: 'meetings' })
    expect(parseRoute('/app/meetings/m-2026-03%2F1')).toEqual({ name: 'not-found', path: '/app/meetings/m-2026-03%2F1' })
    expect(parseRoute('/app/meetings/m%C3%BC-1')).toEqual({ name: 'meeting', meetingId: 'mü-1' })
    expect(parseRoute(`/app/meetings/m1/files/${sha}`)).toEqual({ name: 'file', meetingId: 'm1', sha256: sha })
  })
  it('reports unknown paths', () => {
    expect(parseRoute('/app/gibtsnicht')).toEqual({ name: 'not-found', path: '/app/gibtsnicht' })
    expect(parseRoute('/app/meetings/m1/files/xyz')).toEqual({ name: 'not-found', path: '/app/meetings/m1/files/xyz' })
  })
  it('round-trips', () => {
    for (const route of [{ name: 'meetings' }, { name: 'meeting', meetingId: 'Bau 1' }, { name: 'file', meetingId: 'm1', sha256: sha }] as const) {
      expect(parseRoute(hrefFor(route))).toEqual(route)
    }
  })
})

describe('routes: offline storage and version comparison', () => {
  const other = 'b'.repeat(64)
  it('parses and round-trips /offline and /meetings/:id/compare/:a/:b', () => {
    expect(parseRoute('/app/offline')).toEqual({ name: 'offline' })
    expect(parseRoute(`/app/meetings/m1/compare/${sha}/${other.toUpperCase()}`)).toEqual({ name: 'compare', meetingId: 'm1', shaA: sha, shaB: other })
    for (const route of [{ name: 'offline' }, { name: 'compare', meetingId: 'Bau 1', shaA: sha, shaB: other }] as const) expect(parseRoute(hrefFor(route))).toEqual(route)
  })
  it('refuses comparisons of anything but two SHA-256 digests', () => {
    expect(parseRoute(`/app/meetings/m1/compare/${sha}/x`).name).toBe('not-found')
    expect(parseRoute(`/app/meetings/m1/compare/${sha}`).name).toBe('not-found')
  })
})

describe('routes: reader and annotations', () => {
  it('reads page, find text and annotation of the reader from the query string', () => {
    expect(parseRoute(`/app/meetings/m1/files/${sha}`, '?page=3&q=Bebauungsplan%20Nr.%2042&annotation=a-1')).toEqual({
      name: 'file',
      meetingId: 'm1',
      sha256: sha,
      page: 3,
      q: 'Bebauungsplan Nr. 42',
      annotation: 'a-1',
    })
    const route = { name: 'file', meetingId: 'm 1', sha256: sha, page: 12, q: 'Größe & Maß' } as const
    const href = hrefFor(route)
    const url = new URL(href, 'http://x')
    expect(parseRoute(url.pathname, url.search)).toEqual(route)
  })
  it('ignores malformed reader parameters', () => {
    expect(parseRoute(`/app/meetings/m1/files/${sha}`, '?page=-2&q=%20%20&annotation=')).toEqual({ name: 'file', meetingId: 'm1', sha256: sha })
    expect(parseRoute(`/app/meetings/m1/files/${sha}`, '?page=2.5')).toEqual({ name: 'file', meetingId: 'm1', sha256: sha })
  })
  it('parses and round-trips the annotation list of a meeting', () => {
    expect(parseRoute('/app/meetings/m1/annotations')).toEqual({ name: 'annotations', meetingId: 'm1' })
    expect(parseRoute(hrefFor({ name: 'annotations', meetingId: 'Bau 1' }))).toEqual({ name: 'annotations', meetingId: 'Bau 1' })
  })
})

describe('routes: search', () => {
  it('parses /search with its query and filters, and round-trips', () => {
    expect(parseRoute('/app/search')).toEqual({ name: 'search' })
    expect(parseRoute('/app/search', '?q=Bebauungsplan%20Nr.%2042&body=org-bau&from=2026-01-01&to=2026-03-31&type=file')).toEqual({
      name: 'search',
      q: 'Bebauungsplan Nr. 42',
      body: 'org-bau',
      from: '2026-01-01',
      to: '2026-03-31',
      type: 'file',
    })
    const route = { name: 'search', q: 'Bürgerhaus & Markt', type: 'paper' } as const
    const url = new URL(hrefFor(route), 'http://x')
    expect(url.pathname).toBe('/app/search')
    expect(parseRoute(url.pathname, url.search)).toEqual(route)
    expect(hrefFor({ name: 'search' })).toBe('/app/search')
  })
  it('drops malformed search parameters', () => {
    expect(parseRoute('/app/search', '?q=%20&from=12.03.2026&to=2026-3-1&type=alles')).toEqual({ name: 'search' })
    expect(parseRoute('/app/search/more').name).toBe('not-found')
  })
})
