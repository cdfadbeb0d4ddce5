import { describe, expect, it } from 'vitest'
import { accessLevel, defaultAccess, isMembershipActive, isPeerIdOf, principalsOf } from './access-policy.ts'

describe('principalsOf', () => {
  const subject = {
    userId: 'ua',
    roles: ['member'] as const,
    memberships: [
      { organizationId: 'org-rat', startDate: '2024-07-01' },
      { organizationId: 'org-bau', startDate: '2024-07-01', endDate: '2026-03-31' },
      { organizationId: 'org-future', startDate: '2027-01-01' },
    ],
  }
  it('includes active memberships only, inclusive of the end date', () => {
    expect([...principalsOf(subject, '2026-03-31')].sort()).toEqual(['org:org-bau', 'org:org-rat', 'public', 'role:member', 'user:ua'])
    expect(principalsOf(subject, '2026-04-01').has('org:org-bau')).toBe(false)
    expect(principalsOf(subject, '2026-04-01').has('org:org-future')).toBe(false)
  })
  it('isMembershipActive treats missing dates as open', () => {
    expect(isMembershipActive({ organizationId: 'x' }, '1999-01-01')).toBe(true)
  })
})

describe('accessLevel', () => {
  const confidential = defaultAccess('meeting-confidential', { organizationIds: ['org-bau'] })
  it('fails closed', () => {
    expect(accessLevel(new Set(['public', 'org:org-rat']), confidential)).toBeNull()
    expect(accessLevel(new Set(['public']), undefined)).toBeNull()
  })
  it('grants read to body members and write to office', () => {
    expect(accessLevel(new Set(['org:org-bau']), confidential)).toBe('read')
    expect(accessLevel(new Set(['role:clerk']), confidential)).toBe('write')
  })
  it('makes notes private to their owner', () => {
    const notes = defaultAccess('notes', { ownerId: 'ua' })
    expect(accessLevel(new Set(['user:ua']), notes)).toBe('write')
    expect(accessLevel(new Set(['user:ub', 'role:clerk', 'role:admin']), notes)).toBeNull()
    expect(() => defaultAccess('notes', {})).toThrow()
  })
  it('keeps non-public papers to their bodies', () => {
    expect(defaultAccess('paper', { public: false, organizationIds: ['org-bau'] }).readers).not.toContain('public')
    expect(defaultAccess('paper', { public: true }).readers).toContain('public')
  })
})

describe('isPeerIdOf', () => {
  it('binds peer ids to users', () => {
    expect(isPeerIdOf('u-ua-abcd1234', 'ua')).toBe(true)
    expect(isPeerIdOf('u-ua-abcd1234', 'u')).toBe(false)
    expect(isPeerIdOf('u-ub-abcd1234', 'ua')).toBe(false)
    expect(isPeerIdOf('u-ua-x', 'ua')).toBe(false)
    expect(isPeerIdOf('u-ua-abc/../1', 'ua')).toBe(false)
    expect(isPeerIdOf('relay', 'ua')).toBe(false)
  })
})

describe('the finance role', () => {
  it('is a role, and no document audience names it: allowance data lives in relay tables only', async () => {
    const { isRole, ROLES } = await import('./access-policy.ts')
    expect(isRole('finance')).toBe(true)
    expect(ROLES).toContain('finance')
    const contexts = [{}, { draft: true }, { public: true }, { organizationIds: ['org-x'] }, { departmentIds: ['d'], draft: true }]
    for (const type of ['meeting', 'meeting-confidential', 'minutes', 'paper'] as const) {
      for (const ctx of contexts) {
        const entry = defaultAccess(type, ctx)
        expect([...entry.readers, ...entry.writers]).not.toContain('role:finance')
      }
    }
  })
})
