import { describe, expect, it } from 'vitest'
import { activeBodyIds, parseManifest, parseMe, type Me } from './relay-contract.ts'

describe('relay contract', () => {
  it('skips manifest entries that do not validate (fail closed)', () => {
    const m = parseManifest({
      documents: [
        { url: 'automerge:A', type: 'meeting', access: 'read', meeting: 'm1', meta: { name: 'Sitzung', start: '2026-03-12T17:00:00+01:00', organizationId: 'o1', organizationName: 'Rat', state: 'invited' } },
        { url: 'http://evil', type: 'meeting', access: 'read' },
        { url: 'automerge:B', type: 'weird', access: 'read' },
      ],
    })
    expect(m.documents).toHaveLength(1)
    expect(m.documents[0].meta?.organizationName).toBe('Rat')
  })
  it('validates Me and finds the active bodies', () => {
    const me: Me = parseMe({
      id: 'u1',
      username: 'member-a',
      name: 'Anna',
      roles: ['member', 'bogus'],
      memberships: [
        { organizationId: 'rat', organizationName: 'Stadtrat', organizationType: 'Gremium', role: 'Mitglied', votingRight: true, startDate: '2024-01-01', endDate: null },
        { organizationId: 'alt', organizationName: 'Alt', organizationType: 'Gremium', role: 'Mitglied', votingRight: true, startDate: null, endDate: '2020-01-01' },
        { organizationId: 'f', organizationName: 'Fraktion', organizationType: 'Fraktion', role: 'Mitglied', votingRight: true, startDate: null, endDate: null },
      ],
    })
    expect(me.roles).toEqual(['member'])
    expect([...activeBodyIds(me, '2026-03-01')]).toEqual(['rat'])
  })
})
