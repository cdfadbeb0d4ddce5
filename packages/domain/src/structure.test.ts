import { describe, expect, it } from 'vitest'
import {
  ADVISORY_ROLES,
  BODY_ONLY_ROLES,
  DEFAULT_BODY_SETTINGS,
  FACTION_ONLY_ROLES,
  MAJORITY_RULES,
  MEMBERSHIP_ROLES,
  QUORUM_RULES,
} from './structure.ts'

describe('structure option lists', () => {
  it('splits the roles into faction-only, body-only and shared ones', () => {
    const roles: readonly string[] = MEMBERSHIP_ROLES
    for (const role of [...FACTION_ONLY_ROLES, ...BODY_ONLY_ROLES]) expect(roles).toContain(role)
    expect(FACTION_ONLY_ROLES.filter((r) => BODY_ONLY_ROLES.includes(r))).toEqual([])
    expect(roles.filter((r) => !FACTION_ONLY_ROLES.includes(r) && !BODY_ONLY_ROLES.includes(r))).toEqual(['Mitglied'])
  })

  it('has advisory roles only in bodies', () => {
    for (const role of ADVISORY_ROLES) expect(BODY_ONLY_ROLES).toContain(role)
  })

  it('defaults to listed rules with the shortened notice period within the notice period', () => {
    expect(QUORUM_RULES).toContain(DEFAULT_BODY_SETTINGS.quorum)
    expect(MAJORITY_RULES).toContain(DEFAULT_BODY_SETTINGS.majority)
    expect(DEFAULT_BODY_SETTINGS.urgentInvitationPeriodDays).toBeLessThanOrEqual(DEFAULT_BODY_SETTINGS.invitationPeriodDays)
    expect(Object.isFrozen(DEFAULT_BODY_SETTINGS)).toBe(true)
  })
})
