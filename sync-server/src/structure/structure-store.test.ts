import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_BODY_SETTINGS } from '@ratstisch/domain'
import { openDatabase, type RelayDatabase } from '../db/database.ts'
import {
  StructureError,
  StructureStore,
  isIsoDate,
  parseBodySettings,
  slugId,
  storedBodySettings,
} from './structure-store.ts'

let dir: string
let db: RelayDatabase
let store: StructureStore

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-structure-'))
  db = openDatabase(dir)
  store = new StructureStore(db, () => '2026-03-01')
})
afterEach(() => {
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Every row of the structure tables: a refused input must leave this unchanged. */
const snapshot = () =>
  ['legislative_terms', 'organizations', 'departments', 'persons', 'memberships'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY id`).all())

function refused(action: () => unknown): StructureError {
  const before = snapshot()
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(StructureError)
    expect(snapshot()).toEqual(before)
    return error as StructureError
  }
  throw new Error('expected a StructureError')
}

describe('dates and ids', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-07-01')).toBe(true)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-13-01')).toBe(false)
    expect(isIsoDate('1.7.2024')).toBe(false)
    expect(isIsoDate('2024-07-01T00:00:00Z')).toBe(false)
  })

  it('makes readable ids from German names', () => {
    expect(slugId('org', 'Bau- und Vergabeausschuss')).toBe('org-bau-und-vergabeausschuss')
    expect(slugId('dept', 'Ordnungsamt & Bürgerbüro')).toBe('dept-ordnungsamt-buergerbuero')
    expect(slugId('term', 'VIII')).toBe('term-viii')
  })
})

describe('legislative terms', () => {
  it('creates, lists and updates a term', () => {
    const term = store.createTerm({ name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' })
    expect(term).toEqual({ id: 'term-viii', name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' })
    expect(store.updateTerm(term.id, { endDate: '2029-07-31' }).endDate).toBe('2029-07-31')
    expect(store.listTerms()).toHaveLength(1)
  })

  it('refuses missing, malformed and reversed dates, naming the field in German and English', () => {
    const noName = refused(() => store.createTerm({ startDate: '2024-07-01', endDate: '2029-06-30' }))
    expect(noName).toMatchObject({ code: 'invalid', field: 'name', messageDe: 'Bitte „Name“ angeben.' })
    const badDate = refused(() => store.createTerm({ name: 'VIII', startDate: '2024-02-30', endDate: '2029-06-30' }))
    expect(badDate.field).toBe('startDate')
    expect(badDate.messageDe).toMatch(/JJJJ-MM-TT/)
    expect(badDate.message).toMatch(/YYYY-MM-DD/)
    const reversed = refused(() => store.createTerm({ name: 'VIII', startDate: '2029-06-30', endDate: '2024-07-01' }))
    expect(reversed).toMatchObject({ field: 'endDate' })
    expect(reversed.messageDe).toMatch(/vor dem Beginn/)
  })

  it('refuses overlapping terms and duplicate names', () => {
    store.createTerm({ name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' })
    expect(refused(() => store.createTerm({ name: 'IX', startDate: '2029-06-01', endDate: '2034-06-30' })).code).toBe('conflict')
    expect(refused(() => store.createTerm({ name: 'viii', startDate: '2030-07-01', endDate: '2034-06-30' })).field).toBe('name')
    expect(store.createTerm({ name: 'IX', startDate: '2029-07-01', endDate: '2034-06-30' }).id).toBe('term-ix')
  })

  it('refuses unknown fields, non-objects and unknown ids', () => {
    expect(refused(() => store.createTerm({ name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30', id: 'x' } as never)).field).toBe('id')
    expect(refused(() => store.createTerm(null as never)).code).toBe('invalid')
    expect(refused(() => store.updateTerm('term-nope', { name: 'X' })).code).toBe('not-found')
  })
})

describe('body settings', () => {
  it('fills defaults and validates each key', () => {
    expect(parseBodySettings({})).toEqual(DEFAULT_BODY_SETTINGS)
    expect(parseBodySettings({ invitationPeriodDays: 14, quorum: 'half', public: false })).toMatchObject({
      invitationPeriodDays: 14,
      urgentInvitationPeriodDays: 3,
      quorum: 'half',
      majority: 'simple',
      public: false,
    })
    expect(() => parseBodySettings({ quorum: 'most' })).toThrow(/one of/)
    expect(() => parseBodySettings({ invitationPeriodDays: 2.5 })).toThrow(/whole number/)
    expect(() => parseBodySettings({ invitationPeriodDays: 5, urgentInvitationPeriodDays: 6 })).toThrow(/shortened/)
    expect(() => parseBodySettings({ votingMachine: true })).toThrow(/Unknown setting/)
    expect(() => parseBodySettings([])).toThrow(/object/)
  })

  it('reads stored JSON tolerantly', () => {
    expect(storedBodySettings('{}')).toEqual(DEFAULT_BODY_SETTINGS)
    expect(storedBodySettings('not json')).toEqual(DEFAULT_BODY_SETTINGS)
    expect(storedBodySettings('{"invitationPeriodDays":2,"quorum":"bogus","majority":"absolute"}')).toEqual({
      ...DEFAULT_BODY_SETTINGS,
      invitationPeriodDays: 2,
      urgentInvitationPeriodDays: 2,
      majority: 'absolute',
    })
  })

  it('validates the tie rule and the standard items template with German messages', () => {
    const template = [
      { key: 'opening', title: ' Eröffnung ', public: true, position: 'start' },
      { key: 'close', title: 'Schließung', public: false, position: 'end' },
    ]
    expect(parseBodySettings({ tieBreak: 'chair', standardItems: template })).toMatchObject({
      tieBreak: 'chair',
      standardItems: [{ key: 'opening', title: 'Eröffnung', public: true, position: 'start' }, { key: 'close', title: 'Schließung', public: false, position: 'end' }],
    })
    expect(parseBodySettings({ standardItems: [] }).standardItems).toEqual([])
    expect(parseBodySettings({ standardItems: null }, { ...DEFAULT_BODY_SETTINGS, standardItems: [] }).standardItems).toBeUndefined()
    const messageOf = (settings: unknown) => {
      try {
        parseBodySettings(settings)
      } catch (e) {
        return (e as StructureError).messageDe
      }
      return ''
    }
    expect(messageOf({ tieBreak: 'coin' })).toMatch(/Stimmengleichheit/)
    expect(messageOf({ standardItems: 'Eröffnung' })).toBe('„Regel-Tagesordnungspunkte“ müssen eine Liste sein.')
    expect(messageOf({ standardItems: [{ key: 'a', title: '', public: true, position: 'start' }] })).toMatch(/Regel-Tagesordnungspunkt 1 braucht einen einzeiligen Titel/)
    expect(messageOf({ standardItems: [{ key: 'a', title: 'X\nY', public: true, position: 'start' }] })).toMatch(/einzeiligen Titel/)
    expect(messageOf({ standardItems: [template[0], { ...template[1], key: 'opening' }] })).toMatch(/Regel-Tagesordnungspunkt 2 \(„Schließung“\) braucht einen eigenen Schlüssel/)
    expect(messageOf({ standardItems: [{ ...template[0], position: 'middle' }] })).toMatch(/„Anfang“ oder „Ende“/)
    expect(messageOf({ standardItems: [{ ...template[0], public: 'ja' }] })).toMatch(/öffentlich/)
    expect(messageOf({ standardItems: [{ ...template[0], html: '<b>' }] })).toMatch(/unbekanntes Feld „html“/)
    expect(messageOf({ standardItems: Array.from({ length: 41 }, (_, i) => ({ ...template[0], key: `k${i}` })) })).toMatch(/Höchstens 40/)
    // stored JSON: a broken template falls back to the default (absent), a good one is kept
    expect(storedBodySettings('{"standardItems":[{"key":"x"}],"tieBreak":"chair"}')).toEqual({ ...DEFAULT_BODY_SETTINGS, tieBreak: 'chair' })
    expect(storedBodySettings(JSON.stringify({ standardItems: template })).standardItems).toHaveLength(2)
  })
})

describe('organizations', () => {
  it('creates a committee with settings and a faction without', () => {
    const committee = store.createOrganization({
      name: 'Ausschuss für Umwelt und Klima',
      shortName: 'Umweltausschuss',
      organizationType: 'Gremium',
      classification: 'Ausschuss',
      startDate: '2024-07-01',
      settings: { invitationPeriodDays: 10, majority: 'absolute', minimumMembers: 3 },
    })
    expect(committee.id).toBe('org-umweltausschuss')
    expect(committee.settings).toEqual({ ...DEFAULT_BODY_SETTINGS, invitationPeriodDays: 10, majority: 'absolute', minimumMembers: 3 })
    const faction = store.createOrganization({ name: 'Fraktion Freie Wähler', shortName: 'FW', organizationType: 'Fraktion' })
    expect(faction).toMatchObject({ classification: 'Fraktion', settings: null })
    expect(store.listOrganizations({ organizationType: 'Fraktion' }).map((o) => o.id)).toEqual([faction.id])

    const updated = store.updateOrganization(committee.id, { settings: { quorum: 'third' } })
    expect(updated.settings).toMatchObject({ quorum: 'third', invitationPeriodDays: 10, majority: 'absolute' })
  })

  it('refuses bad kinds, settings on factions, type changes and duplicate names', () => {
    expect(refused(() => store.createOrganization({ name: 'X', organizationType: 'Verein' })).field).toBe('organizationType')
    expect(refused(() => store.createOrganization({ name: 'X', organizationType: 'Gremium' })).field).toBe('classification')
    expect(refused(() => store.createOrganization({ name: 'X', organizationType: 'Gremium', classification: 'Ausschuss', settings: { quorum: 'most' } })).field).toBe(
      'settings.quorum',
    )
    expect(refused(() => store.createOrganization({ name: 'F', organizationType: 'Fraktion', settings: { public: true } })).field).toBe('settings')
    const body = store.createOrganization({ name: 'Stadtrat', organizationType: 'Gremium', classification: 'Stadtrat' })
    expect(refused(() => store.updateOrganization(body.id, { organizationType: 'Fraktion' })).field).toBe('organizationType')
    expect(refused(() => store.createOrganization({ name: 'stadtrat', organizationType: 'Gremium', classification: 'Stadtrat' })).code).toBe('conflict')
    expect(refused(() => store.updateOrganization(body.id, { endDate: '2020-01-01', startDate: '2024-07-01' })).field).toBe('endDate')
    expect(refused(() => store.updateOrganization(body.id, { name: '' })).field).toBe('name')
  })
})

describe('departments', () => {
  it('creates, deactivates and lists departments', () => {
    const dept = store.createDepartment({ name: 'Amt für Stadtentwicklung und Bauen', shortName: 'Bau' })
    expect(dept).toEqual({ id: 'dept-bau', name: 'Amt für Stadtentwicklung und Bauen', shortName: 'Bau', active: true })
    store.createDepartment({ name: 'Kämmerei', shortName: 'Finanzen' })
    store.updateDepartment(dept.id, { active: false })
    expect(store.listDepartments({ activeOnly: true }).map((d) => d.id)).toEqual(['dept-finanzen'])
    expect(store.listDepartments()).toHaveLength(2)
    expect(refused(() => store.createDepartment({ name: 'Bauamt', shortName: 'bau' })).code).toBe('conflict')
    expect(refused(() => store.updateDepartment(dept.id, { active: 'ja' })).field).toBe('active')
  })
})

describe('persons', () => {
  it('composes the display name and keeps consent off unless given', () => {
    const p = store.createPerson({ formOfAddress: 'Frau', title: 'Dr.', givenName: 'Anna', familyName: 'Becker', email: 'anna.becker@example.org' })
    expect(p).toMatchObject({ name: 'Dr. Anna Becker', publishConsent: false, portraitSha256: null })
    expect(store.updatePerson(p.id, { familyName: 'Becker-Lange', publishConsent: true })).toMatchObject({ name: 'Dr. Anna Becker-Lange', publishConsent: true })
    expect(store.updatePerson(p.id, { title: null }).name).toBe('Anna Becker-Lange')
  })

  it('refuses missing family names, bad e-mail addresses and unknown forms of address', () => {
    expect(refused(() => store.createPerson({ givenName: 'Anna' })).field).toBe('familyName')
    expect(refused(() => store.createPerson({ familyName: 'Becker', email: 'becker@' })).field).toBe('email')
    expect(refused(() => store.createPerson({ familyName: 'Becker', formOfAddress: 'Exzellenz' })).field).toBe('formOfAddress')
    const p = store.createPerson({ familyName: 'Becker' })
    expect(refused(() => store.updatePerson(p.id, { familyName: '' })).field).toBe('familyName')
  })

  it('shows portraits to signed-in users and to the public only with consent', () => {
    const p = store.createPerson({ familyName: 'Becker' })
    const sha = 'a'.repeat(64)
    store.setPortrait(p.id, sha)
    expect(store.portraitOf(p.id)).toBe(sha)
    expect(store.portraitOf(p.id, { publicOnly: true })).toBeUndefined()
    store.updatePerson(p.id, { publishConsent: true })
    expect(store.portraitOf(p.id, { publicOnly: true })).toBe(sha)
    store.setPortrait(p.id, null)
    expect(store.portraitOf(p.id)).toBeUndefined()
    expect(() => store.setPortrait('p-nope', sha)).toThrow(StructureError)
  })
})

describe('memberships', () => {
  let rat: string
  let cdu: string
  let anna: string
  let bernd: string
  beforeEach(() => {
    rat = store.createOrganization({ name: 'Stadtrat', organizationType: 'Gremium', classification: 'Stadtrat' }).id
    cdu = store.createOrganization({ name: 'CDU-Fraktion', shortName: 'CDU', organizationType: 'Fraktion' }).id
    anna = store.createPerson({ givenName: 'Anna', familyName: 'Becker' }).id
    bernd = store.createPerson({ givenName: 'Bernd', familyName: 'Schulz' }).id
  })

  it('creates a membership with faction and substitute, and lists it with names', () => {
    const m = store.createMembership({
      personId: bernd,
      organizationId: rat,
      role: 'stellvertretendes Mitglied',
      startDate: '2024-07-01',
      onBehalfOf: cdu,
      substituteForPersonId: anna,
    })
    expect(m).toMatchObject({
      personName: 'Bernd Schulz',
      organizationName: 'Stadtrat',
      organizationType: 'Gremium',
      votingRight: false,
      onBehalfOfName: 'CDU-Fraktion',
      substituteForName: 'Anna Becker',
      endDate: null,
    })
    expect(store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01' }).votingRight).toBe(true)
    expect(store.listMemberships({ organizationId: rat }).map((r) => r.personName)).toEqual(['Anna Becker', 'Bernd Schulz'])
    expect(store.listMemberships({ personId: anna })).toHaveLength(1)
  })

  it('refuses an overlapping identical membership but allows the next one after the end', () => {
    const first = store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01', endDate: '2025-12-31' })
    const clash = refused(() => store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2025-12-31' }))
    expect(clash).toMatchObject({ code: 'conflict', field: 'startDate' })
    expect(clash.messageDe).toContain('Anna Becker')
    store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2026-01-01' })
    expect(refused(() => store.updateMembership(first.id, { endDate: null })).code).toBe('conflict')
  })

  it('refuses unknown persons, self-substitution, non-faction onBehalfOf and roles of the wrong kind', () => {
    const base = { personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01' }
    expect(refused(() => store.createMembership({ ...base, personId: 'p-nope' })).field).toBe('personId')
    expect(refused(() => store.createMembership({ ...base, organizationId: 'org-nope' })).field).toBe('organizationId')
    expect(refused(() => store.createMembership({ ...base, substituteForPersonId: 'p-nope' })).field).toBe('substituteForPersonId')
    expect(refused(() => store.createMembership({ ...base, substituteForPersonId: anna })).field).toBe('substituteForPersonId')
    expect(refused(() => store.createMembership({ ...base, onBehalfOf: rat })).field).toBe('onBehalfOf')
    expect(refused(() => store.createMembership({ ...base, role: 'Fraktionsvorsitz' })).field).toBe('role')
    expect(refused(() => store.createMembership({ ...base, organizationId: cdu, role: 'Vorsitz' })).field).toBe('role')
    expect(refused(() => store.createMembership({ ...base, role: 'Kaiser' })).field).toBe('role')
    expect(refused(() => store.createMembership({ ...base, startDate: undefined })).field).toBe('startDate')
    expect(refused(() => store.createMembership({ ...base, endDate: '2024-06-30' })).field).toBe('endDate')
  })

  it('updates role and voting right but not person or body', () => {
    const m = store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01' })
    expect(store.updateMembership(m.id, { role: 'Vorsitz', votingRight: false })).toMatchObject({ role: 'Vorsitz', votingRight: false })
    expect(refused(() => store.updateMembership(m.id, { personId: bernd })).field).toBe('personId')
    expect(refused(() => store.updateMembership('m-nope', { role: 'Mitglied' })).code).toBe('not-found')
  })

  it('filters current memberships by the Berlin day and lists the users of a person', () => {
    store.createMembership({ personId: anna, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01', endDate: '2026-02-28' })
    store.createMembership({ personId: bernd, organizationId: rat, role: 'Mitglied', startDate: '2024-07-01', endDate: '2026-03-01' })
    expect(store.listMemberships({ current: true }).map((m) => m.personName)).toEqual(['Bernd Schulz'])
    db.prepare("INSERT INTO users (id, username, name, password_hash, person_id, created_at) VALUES ('ua','member-a','Anna','x',?, '2024-01-01')").run(anna)
    expect(store.usersOfPerson(anna)).toEqual(['ua'])
    expect(store.usersOfPerson(bernd)).toEqual([])
  })
})
