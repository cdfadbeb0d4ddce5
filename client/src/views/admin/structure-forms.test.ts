import { describe, expect, it } from 'vitest'
import { DEFAULT_BODY_SETTINGS, type Organization, type StructureMembership } from '@ratstisch/domain'
import { setLocale } from '../../i18n/messages.ts'
import { SECTION_FIELDS, draftOf, formatDay, isEnded, labelOfRole, payloadOf, rolesFor, validateDraft, votingRightFor } from './structure-forms.ts'

const committee: Organization = {
  id: 'org-bau',
  name: 'Bau- und Vergabeausschuss',
  shortName: 'Bauausschuss',
  organizationType: 'Gremium',
  classification: 'Ausschuss',
  startDate: null,
  endDate: null,
  settings: { ...DEFAULT_BODY_SETTINGS, invitationPeriodDays: 10 },
}
const faction: Organization = { ...committee, id: 'org-cdu', name: 'CDU-Fraktion', organizationType: 'Fraktion', classification: 'Fraktion', settings: null }

describe('drafts and payloads', () => {
  it('turns a new body draft into the JSON the relay expects, settings nested and typed', () => {
    const draft = { ...draftOf('bodies', null), name: ' Umweltausschuss ', shortName: 'Umwelt', 'settings.invitationPeriodDays': '14' }
    expect(payloadOf('bodies', draft, 'create')).toEqual({
      name: 'Umweltausschuss',
      shortName: 'Umwelt',
      classification: 'Ausschuss',
      organizationType: 'Gremium',
      settings: { invitationPeriodDays: 14, urgentInvitationPeriodDays: 3, quorum: 'more-than-half', majority: 'simple', minimumMembers: 0, public: true },
    })
  })

  it('round-trips a body being edited; cleared optional fields are sent as null', () => {
    const draft = draftOf('bodies', { ...committee, startDate: '2024-07-01' })
    expect(draft['settings.invitationPeriodDays']).toBe('10')
    const payload = payloadOf('bodies', { ...draft, startDate: '' }, 'update')
    expect(payload).toMatchObject({ name: 'Bau- und Vergabeausschuss', startDate: null, endDate: null, settings: { invitationPeriodDays: 10 } })
    expect(payload).not.toHaveProperty('organizationType')
  })

  it('leaves out fields fixed after creation when a membership changes', () => {
    const m: StructureMembership = {
      id: 'm1', personId: 'p-a', personName: 'Anna Becker', organizationId: 'org-bau', organizationName: 'Bauausschuss', organizationType: 'Gremium',
      role: 'Mitglied', votingRight: true, startDate: '2024-07-01', endDate: null, onBehalfOf: 'org-cdu', onBehalfOfName: 'CDU',
      substituteForPersonId: null, substituteForName: null,
    }
    const payload = payloadOf('memberships', draftOf('memberships', m), 'update')
    expect(payload).toEqual({ role: 'Mitglied', votingRight: true, onBehalfOf: 'org-cdu', substituteForPersonId: null, startDate: '2024-07-01' })
    const created = payloadOf('memberships', { ...draftOf('memberships', null), personId: 'p-a', organizationId: 'org-bau', startDate: '2024-07-01' }, 'create')
    expect(created).toEqual({ personId: 'p-a', organizationId: 'org-bau', role: 'Mitglied', votingRight: true, startDate: '2024-07-01' })
  })

  it('persons: consent off by default, checkbox becomes a boolean', () => {
    expect(draftOf('persons', null).publishConsent).toBe(false)
    expect(payloadOf('persons', { ...draftOf('persons', null), familyName: 'Neumann', publishConsent: true }, 'create')).toEqual({ familyName: 'Neumann', publishConsent: true })
  })
})

describe('checks before sending', () => {
  it('names missing required fields and reversed periods', () => {
    setLocale('de')
    const errors = validateDraft('terms', { name: '', startDate: '2029-06-30', endDate: '2024-07-01' }, 'create')
    expect(errors).toEqual({ name: 'Bitte „Bezeichnung“ angeben.', endDate: 'Das Ende liegt vor dem Beginn.' })
  })

  it('checks number ranges, the shortened notice period, e-mail and self-substitution', () => {
    const body = { ...draftOf('bodies', null), name: 'A', shortName: 'A', 'settings.invitationPeriodDays': '2', 'settings.minimumMembers': '-1' }
    const errors = validateDraft('bodies', body, 'create')
    expect(Object.keys(errors).sort()).toEqual(['settings.minimumMembers', 'settings.urgentInvitationPeriodDays'])
    expect(validateDraft('persons', { familyName: 'X', email: 'x@' }, 'create')).toHaveProperty('email')
    expect(validateDraft('memberships', { personId: 'p', organizationId: 'o', role: 'Mitglied', startDate: '2024-07-01', substituteForPersonId: 'p' }, 'create')).toHaveProperty(
      'substituteForPersonId',
    )
  })

  it('answers in English when the app is English', () => {
    setLocale('en')
    expect(validateDraft('persons', { familyName: '' }, 'create').familyName).toBe('Please enter “Family name”.')
    expect(labelOfRole('sachkundige Einwohnerin')).toBe('Expert resident')
    setLocale('de')
    expect(labelOfRole('sachkundige Einwohnerin')).toBe('sachkundige Einwohnerin')
  })
})

describe('membership helpers', () => {
  it('offers the roles that fit the organization and defaults the vote', () => {
    expect(rolesFor(faction)).toEqual(['Mitglied', 'Fraktionsvorsitz', 'stellv. Fraktionsvorsitz'])
    expect(rolesFor(committee)).toContain('sachkundiger Einwohner')
    expect(rolesFor(committee)).not.toContain('Fraktionsvorsitz')
    expect(votingRightFor('sachkundige Einwohnerin')).toBe(false)
    expect(votingRightFor('Vorsitz')).toBe(true)
  })

  it('formats days without time zone surprises and knows ended memberships', () => {
    expect(formatDay('2024-07-01', 'de')).toBe('01.07.2024')
    expect(formatDay('2024-07-01', 'en')).toBe('01/07/2024')
    expect(isEnded({ endDate: '2026-02-28' }, '2026-03-01')).toBe(true)
    expect(isEnded({ endDate: '2026-03-01' }, '2026-03-01')).toBe(false)
    expect(isEnded({ endDate: null }, '2026-03-01')).toBe(false)
  })

  it('every section has fields with labels', () => {
    for (const fields of Object.values(SECTION_FIELDS)) expect(fields.length).toBeGreaterThan(0)
  })
})
