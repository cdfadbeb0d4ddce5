import { describe, expect, it } from 'vitest'
import { DEFAULT_BODY_SETTINGS, type Organization, type StructureMembership } from '@ratstisch/domain'
import { setLocale } from '../../i18n/messages.ts'
import {
  SECTION_FIELDS,
  TEMPLATE_DEFAULT,
  TEMPLATE_KEY,
  addTemplateItem,
  moveTemplateItem,
  templateOfDraft,
  withTemplate,
  draftOf, formatDay, isEnded, labelOfRole, payloadOf, rolesFor, validateDraft, votingRightFor } from './structure-forms.ts'

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
      settings: { invitationPeriodDays: 14, urgentInvitationPeriodDays: 3, quorum: 'more-than-half', majority: 'simple', minimumMembers: 0, tieBreak: 'rejected', public: true },
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

describe('standard items template', () => {
  it('shows the default template until the clerk changes it, and sends nothing for it', () => {
    const draft = draftOf('bodies', committee)
    expect(draft[TEMPLATE_KEY]).toBe('')
    expect(templateOfDraft(draft)[0].title).toBe('Eröffnung und Begrüßung')
    expect(payloadOf('bodies', draft, 'update').settings).not.toHaveProperty('standardItems')
  })

  it('adds, reorders, edits and removes entries and sends the list', () => {
    const own = [
      { key: 'a', title: 'Eröffnung', public: true, position: 'start' as const },
      { key: 'b', title: 'Schluss', public: false, position: 'end' as const },
    ]
    let draft = draftOf('bodies', { ...committee, settings: { ...committee.settings!, standardItems: own } })
    expect(templateOfDraft(draft)).toEqual(own)
    let list = addTemplateItem(templateOfDraft(draft))
    expect(list[2]).toEqual({ key: 'eigener-top-1', title: '', public: true, position: 'end' })
    expect(addTemplateItem(list)[3].key).toBe('eigener-top-2')
    list = moveTemplateItem(list, 2, -1)
    expect(list.map((t) => t.key)).toEqual(['a', 'eigener-top-1', 'b'])
    expect(moveTemplateItem(list, 0, -1)).toEqual(list)
    draft = withTemplate(draft, list)
    // a new entry without a title is caught before sending
    setLocale('de')
    expect(validateDraft('bodies', draft, 'update')).toEqual({ 'settings.standardItems.1': 'Regel-TOP 2: Bitte einen Titel angeben.' })
    draft = withTemplate(draft, list.map((t, i) => (i === 1 ? { ...t, title: 'Bürgerfragen' } : t)).filter((t) => t.key !== 'b'))
    expect(validateDraft('bodies', draft, 'update')).toEqual({})
    expect(payloadOf('bodies', { ...draft, 'settings.tieBreak': 'chair' }, 'update').settings).toMatchObject({
      tieBreak: 'chair',
      standardItems: [own[0], { key: 'eigener-top-1', title: 'Bürgerfragen', public: true, position: 'end' }],
    })
  })

  it('sends null to go back to the default template', () => {
    const draft = { ...draftOf('bodies', { ...committee, settings: { ...committee.settings!, standardItems: [] } }), [TEMPLATE_KEY]: TEMPLATE_DEFAULT }
    expect(payloadOf('bodies', draft, 'update').settings).toMatchObject({ standardItems: null })
    expect(payloadOf('bodies', draft, 'create').settings).not.toHaveProperty('standardItems')
  })

  it('keeps an empty template (no standard items) as the body’s own', () => {
    const draft = draftOf('bodies', { ...committee, settings: { ...committee.settings!, standardItems: [] } })
    expect(templateOfDraft(draft)).toEqual([])
    expect(payloadOf('bodies', draft, 'update').settings).toMatchObject({ standardItems: [] })
  })
})
