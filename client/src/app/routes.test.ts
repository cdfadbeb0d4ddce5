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
