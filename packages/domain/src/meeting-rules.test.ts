import { describe, expect, it } from 'vitest'
import type { AgendaItem } from './documents.ts'
import type { AttendanceEntry, RosterEntry } from './meetings.ts'
import {
  agendaItemsFromTemplate,
  berlinIso,
  checkInvitationPeriod,
  checkVote,
  DEFAULT_STANDARD_ITEMS,
  expandSeries,
  findConflicts,
  orderedAgenda,
  presentAt,
  quorumFor,
  renumberAgenda,
  standardItemsFor,
  tallyRollCall,
  voteOutcome,
  type ConflictCandidate,
} from './meeting-rules.ts'
import { DEFAULT_BODY_SETTINGS, type BodySettings } from './structure.ts'

const settings = (over: Partial<BodySettings> = {}): BodySettings => ({ ...DEFAULT_BODY_SETTINGS, ...over })

describe('standard items', () => {
  it('defaults to the typical order of DOMAIN.md, split into the two parts', () => {
    expect(standardItemsFor(settings()).map((t) => t.title)).toContain('Einwohnerfragestunde')
    let n = 0
    const parts = agendaItemsFromTemplate(DEFAULT_STANDARD_ITEMS, () => `i${++n}`)
    expect(parts.public.every((i) => i.public && i.kind === 'standard' && i.files.length === 0)).toBe(true)
    expect(parts.confidential.map((i) => i.title)).toEqual(['Genehmigung der Niederschrift (nichtöffentlicher Teil)', 'Anfragen', 'Schließung der Sitzung'])
    const numbers = renumberAgenda(parts.public, parts.confidential)
    const pub = orderedAgenda(parts.public).map((i) => `${numbers.get(i.id)} ${i.title}`)
    expect(pub[0]).toBe('Ö 1 Eröffnung und Begrüßung')
    expect(pub.at(-1)).toBe('Ö 8 Schließung des öffentlichen Teils')
    expect(numbers.get(parts.confidential[2].id)).toBe('N 3')
  })

  it('uses the body template and honours an empty one', () => {
    const own = [{ key: 'x', title: 'Eigener TOP', public: true, position: 'end' as const }]
    expect(standardItemsFor(settings({ standardItems: own }))).toEqual(own)
    expect(standardItemsFor(settings({ standardItems: [] }))).toEqual([])
  })

  it('places start items before papers and end items after them', () => {
    const parts = agendaItemsFromTemplate(
      [
        { key: 'close', title: 'Ende', public: true, position: 'end' },
        { key: 'open', title: 'Anfang', public: true, position: 'start' },
      ],
      () => Math.random().toString(36),
    )
    const paper: AgendaItem = { id: 'p', number: '', order: 50, title: 'Vorlage', public: true, files: [] }
    expect(orderedAgenda([...parts.public, paper]).map((i) => i.title)).toEqual(['Anfang', 'Vorlage', 'Ende'])
  })
})

const it_ = (id: string, order: number, isPublic = true, parentId?: string): AgendaItem => ({ id, number: '', order, title: id, public: isPublic, files: [], ...(parentId ? { parentId } : {}) })

describe('agenda numbering', () => {
  it('numbers sub-items under their parent and renumbers both parts when an item moves between Ö and N', () => {
    const pub = [it_('a', 1), it_('b', 2), it_('b1', 1, true, 'b'), it_('b2', 2, true, 'b'), it_('c', 3)]
    const conf = [it_('x', 1, false), it_('y', 2, false)]
    let numbers = renumberAgenda(pub, conf)
    expect([...numbers.entries()]).toEqual([
      ['a', 'Ö 1'],
      ['b', 'Ö 2'],
      ['b1', 'Ö 2.1'],
      ['b2', 'Ö 2.2'],
      ['c', 'Ö 3'],
      ['x', 'N 1'],
      ['y', 'N 2'],
    ])
    // move b (with its sub-items) into the non-public part, at the front
    const moved = pub.filter((i) => i.id === 'b' || i.parentId === 'b').map((i) => ({ ...i, public: false, order: i.id === 'b' ? 0 : i.order }))
    numbers = renumberAgenda(
      pub.filter((i) => !moved.some((m) => m.id === i.id)),
      [...conf, ...moved],
    )
    expect(numbers.get('a')).toBe('Ö 1')
    expect(numbers.get('c')).toBe('Ö 2')
    expect(numbers.get('b')).toBe('N 1')
    expect(numbers.get('b1')).toBe('N 1.1')
    expect(numbers.get('b2')).toBe('N 1.2')
    expect(numbers.get('x')).toBe('N 2')
    expect(numbers.get('y')).toBe('N 3')
  })

  it('shows a sub-item whose parent stayed in the other part as a top-level item', () => {
    const numbers = renumberAgenda([it_('a', 1), it_('orphan', 2, true, 'gone')], [])
    expect(numbers.get('orphan')).toBe('Ö 2')
  })
})

describe('Ladungsfrist', () => {
  const s = settings({ invitationPeriodDays: 7, urgentInvitationPeriodDays: 3 })
  it('is kept on the exact boundary day and violated one day later', () => {
    const meeting = '2026-03-12T17:00:00+01:00'
    const ok = checkInvitationPeriod(meeting, '2026-03-05', s)
    expect(ok).toMatchObject({ ok: true, urgentOk: true, daysBefore: 7, latestRegular: '2026-03-05', latestUrgent: '2026-03-09' })
    expect(checkInvitationPeriod(meeting, '2026-03-06', s)).toMatchObject({ ok: false, urgentOk: true, daysBefore: 6 })
  })

  it('accepts a shortened period only down to the urgent days', () => {
    const meeting = '2026-03-12T17:00:00+01:00'
    expect(checkInvitationPeriod(meeting, '2026-03-09', s)).toMatchObject({ ok: false, urgentOk: true, daysBefore: 3 })
    expect(checkInvitationPeriod(meeting, '2026-03-10', s)).toMatchObject({ ok: false, urgentOk: false, daysBefore: 2 })
  })

  it('counts Berlin calendar days across the DST change and for late-evening invitations', () => {
    // DST starts 2026-03-29: a week spanning it has 167 hours, still 7 days
    expect(checkInvitationPeriod('2026-04-02T17:00:00+02:00', '2026-03-26T18:00:00+01:00', s)).toMatchObject({ ok: true, daysBefore: 7 })
    // 23:30 Berlin on the 5th is 22:30 UTC: still the 5th
    expect(checkInvitationPeriod('2026-03-12T17:00:00+01:00', '2026-03-05T22:30:00Z', s)).toMatchObject({ ok: true, daysBefore: 7 })
    // 00:30 Berlin on the 6th is 23:30 UTC on the 5th: already the 6th
    expect(checkInvitationPeriod('2026-03-12T17:00:00+01:00', '2026-03-05T23:30:00Z', s)).toMatchObject({ ok: false, daysBefore: 6 })
  })

  it('refuses an invitation after the meeting, even with zero urgent days', () => {
    const r = checkInvitationPeriod('2026-03-12T17:00:00+01:00', '2026-03-13', settings({ invitationPeriodDays: 0, urgentInvitationPeriodDays: 0 }))
    expect(r).toMatchObject({ ok: false, urgentOk: false, daysBefore: -1 })
  })
})

describe('series', () => {
  it('keeps the local time across the DST change', () => {
    const occ = expandSeries({ frequency: 'weekly', interval: 1, firstStart: '2026-03-19T17:00', durationMinutes: 120, until: '2026-04-02' })
    expect(occ).toEqual([
      { start: '2026-03-19T17:00:00+01:00', end: '2026-03-19T19:00:00+01:00' },
      { start: '2026-03-26T17:00:00+01:00', end: '2026-03-26T19:00:00+01:00' },
      { start: '2026-04-02T17:00:00+02:00', end: '2026-04-02T19:00:00+02:00' },
    ])
    const autumn = expandSeries({ frequency: 'weekly', interval: 2, firstStart: '2026-10-15T18:30', durationMinutes: 60, until: '2026-10-29', except: [] })
    expect(autumn.map((o) => o.start)).toEqual(['2026-10-15T18:30:00+02:00', '2026-10-29T18:30:00+01:00'])
  })

  it('takes the same nth weekday each month and skips months without a 5th one', () => {
    // 2026-01-29 is the 5th Thursday of January
    const occ = expandSeries({ frequency: 'monthly-nth', interval: 1, firstStart: '2026-01-29T17:00', durationMinutes: 90, until: '2026-06-30' })
    // 5th Thursdays in 2026: Jan 29, Apr 30 (Feb, Mar, May, Jun have four)
    expect(occ.map((o) => o.start)).toEqual(['2026-01-29T17:00:00+01:00', '2026-04-30T17:00:00+02:00'])
  })

  it('handles month ends, intervals, exceptions and the until day inclusively', () => {
    // 2nd Tuesday, every 2 months
    const occ = expandSeries({ frequency: 'monthly-nth', interval: 2, firstStart: '2026-11-10T19:00', durationMinutes: 60, until: '2027-03-09', except: ['2027-01-12'] })
    expect(occ.map((o) => o.start)).toEqual(['2026-11-10T19:00:00+01:00', '2027-03-09T19:00:00+01:00'])
  })

  it('gives nothing for malformed rules', () => {
    expect(expandSeries({ frequency: 'weekly', interval: 0, firstStart: '2026-01-01T17:00', durationMinutes: 60, until: '2026-12-31' })).toEqual([])
    expect(expandSeries({ frequency: 'weekly', interval: 1, firstStart: 'morgen', durationMinutes: 60, until: '2026-12-31' })).toEqual([])
  })

  it('formats instants with the offset of their day', () => {
    expect(berlinIso(Date.parse('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00:00+02:00')
    expect(berlinIso(Date.parse('2026-12-31T23:30:00Z'))).toBe('2027-01-01T00:30:00+01:00')
  })
})

describe('conflicts', () => {
  const seats = new Map([
    ['bau', new Set(['p1', 'p2'])],
    ['fin', new Set(['p2', 'p3'])],
    ['kultur', new Set(['p9'])],
  ])
  const names = new Map([
    ['p1', 'Anna Becker'],
    ['p2', 'Bernd Schulz'],
  ])
  const other = (over: Partial<ConflictCandidate>): ConflictCandidate => ({
    meetingId: 'm2',
    name: 'Sitzung',
    organizationId: 'kultur',
    organizationName: 'Kulturausschuss',
    start: '2026-03-12T17:00:00+01:00',
    end: '2026-03-12T19:00:00+01:00',
    ...over,
  })

  it('finds a room overlap', () => {
    const c = findConflicts({ organizationId: 'bau', start: '2026-03-12T18:00:00+01:00', locationId: 'l1' }, [other({ locationId: 'l1', locationName: 'Ratssaal' })], seats, names)
    expect(c).toMatchObject([{ kind: 'room', meetingId: 'm2', detail: 'Ratssaal' }])
  })

  it('finds shared members and names them', () => {
    const c = findConflicts({ organizationId: 'bau', start: '2026-03-12T18:00:00+01:00', end: '2026-03-12T20:00:00+01:00' }, [other({ organizationId: 'fin', organizationName: 'Finanzausschuss' })], seats, names)
    expect(c).toMatchObject([{ kind: 'members', personNames: ['Bernd Schulz'], detail: 'Bernd Schulz' }])
  })

  it('does not flag adjacent meetings, other rooms, the meeting itself, or unrelated bodies', () => {
    const adjacent = findConflicts({ organizationId: 'bau', start: '2026-03-12T19:00:00+01:00', locationId: 'l1' }, [other({ organizationId: 'fin', locationId: 'l1' })], seats, names)
    expect(adjacent).toEqual([])
    expect(findConflicts({ organizationId: 'bau', start: '2026-03-12T17:30:00+01:00', locationId: 'l2' }, [other({ locationId: 'l1' })], seats, names)).toEqual([])
    expect(findConflicts({ meetingId: 'm2', organizationId: 'fin', start: '2026-03-12T17:30:00+01:00', locationId: 'l1' }, [other({ locationId: 'l1', organizationId: 'fin' })], seats, names)).toEqual([])
  })

  it('assumes three hours for a meeting without an end', () => {
    const c = findConflicts({ organizationId: 'bau', start: '2026-03-12T14:30:00+01:00', locationId: 'l1' }, [other({ locationId: 'l1' })], seats, names)
    expect(c).toHaveLength(1)
    expect(findConflicts({ organizationId: 'bau', start: '2026-03-12T14:00:00+01:00', locationId: 'l1' }, [other({ locationId: 'l1' })], seats, names)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// quorum and votes
// ---------------------------------------------------------------------------------------------

const roster: RosterEntry[] = [
  { personId: 'chair', name: 'Vorsitz', role: 'Vorsitz', votingRight: true },
  { personId: 'm2', name: 'M2', role: 'Mitglied', votingRight: true },
  { personId: 'm3', name: 'M3', role: 'Mitglied', votingRight: true },
  { personId: 'm4', name: 'M4', role: 'Mitglied', votingRight: true },
  { personId: 'm5', name: 'M5', role: 'Mitglied', votingRight: true },
  { personId: 'sk', name: 'Sachkundig', role: 'sachkundiger Einwohner', votingRight: false },
  { personId: 's4', name: 'S4', role: 'stellvertretendes Mitglied', votingRight: true, substituteForPersonId: 'm4' },
]
const member = (personId: string, periods: AttendanceEntry['periods'], over: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  personId,
  name: personId,
  kind: 'member',
  votingRight: true,
  periods,
  ...over,
})
const T = (hm: string) => `2026-03-12T${hm}:00+01:00`

describe('presence and quorum', () => {
  it('counts periods, departures and expulsions', () => {
    const a = [member('m2', [{ arrived: T('17:00'), left: T('18:00') }, { arrived: T('18:30') }]), member('m3', [{ arrived: T('17:00') }], { expelledAt: T('18:15') })]
    expect(presentAt(a, T('17:30')).map((x) => x.personId)).toEqual(['m2', 'm3'])
    expect(presentAt(a, T('18:00')).map((x) => x.personId)).toEqual(['m3'])
    expect(presentAt(a, T('18:20')).map((x) => x.personId)).toEqual([])
    expect(presentAt(a, T('18:30')).map((x) => x.personId)).toEqual(['m2'])
  })

  it('is lost mid-meeting when members leave', () => {
    const attendance = [
      member('chair', [{ arrived: T('17:00') }]),
      member('m2', [{ arrived: T('17:00') }]),
      member('m3', [{ arrived: T('17:00'), left: T('18:00') }]),
      member('sk', [{ arrived: T('17:00') }], { votingRight: false }),
    ]
    const before = quorumFor({ roster, attendance, at: T('17:30'), settings: settings() })
    expect(before).toMatchObject({ votingSeats: 5, presentVoting: 3, required: 3, quorate: true })
    const after = quorumFor({ roster, attendance, at: T('18:05'), settings: settings() })
    expect(after).toMatchObject({ presentVoting: 2, quorate: false })
  })

  it('counts a late substitute for the absent member from arrival on, and only once', () => {
    const attendance = [
      member('chair', [{ arrived: T('17:00') }]),
      member('m2', [{ arrived: T('17:00') }]),
      member('s4', [{ arrived: T('17:45') }], { kind: 'substitute', substituteForPersonId: 'm4' }),
    ]
    expect(quorumFor({ roster, attendance, at: T('17:30'), settings: settings() })).toMatchObject({ presentVoting: 2, quorate: false })
    const later = quorumFor({ roster, attendance, at: T('18:00'), settings: settings() })
    expect(later).toMatchObject({ presentVoting: 3, quorate: true })
    expect(later.eligibleVoterIds.sort()).toEqual(['chair', 'm2', 's4'])
    // the member arrives too: still one seat
    const both = quorumFor({ roster, attendance: [...attendance, member('m4', [{ arrived: T('18:10') }])], at: T('18:15'), settings: settings() })
    expect(both.presentVoting).toBe(3)
    expect(both.eligibleVoterIds).not.toContain('s4')
  })

  it('excludes a recused chair from presence and base', () => {
    const attendance = ['chair', 'm2', 'm3'].map((p) => member(p, [{ arrived: T('17:00') }]))
    const q = quorumFor({ roster, attendance, recusals: [{ personId: 'chair', name: 'Vorsitz', at: T('17:10') }], at: T('17:30'), settings: settings() })
    // base 4 → more than half = 3; present non-recused = 2
    expect(q).toMatchObject({ votingSeats: 5, recused: 1, presentVoting: 2, required: 3, quorate: false })
    expect(q.eligibleVoterIds).not.toContain('chair')
  })

  it('applies the rule and the minimum floor', () => {
    const attendance = ['chair', 'm2'].map((p) => member(p, [{ arrived: T('17:00') }]))
    expect(quorumFor({ roster, attendance, at: T('17:30'), settings: settings({ quorum: 'third' }) })).toMatchObject({ required: 2, quorate: true })
    expect(quorumFor({ roster, attendance, at: T('17:30'), settings: settings({ quorum: 'half' }) })).toMatchObject({ required: 3, quorate: false })
    expect(quorumFor({ roster, attendance, at: T('17:30'), settings: settings({ quorum: 'third', minimumMembers: 3 }) })).toMatchObject({ required: 3, quorate: false })
  })
})

describe('votes', () => {
  const seats = { votingSeats: 5 }
  it('rejects a tie by default', () => {
    expect(voteOutcome({ yes: 2, no: 2, abstain: 1 }, settings(), seats)).toEqual({ result: 'abgelehnt', explanation: 'abgelehnt: 2 Ja, 2 Nein, 1 Enthaltung – Stimmengleichheit gilt als Ablehnung' })
  })

  it("lets the chair's roll-call vote decide a tie when the body says so", () => {
    const roll = { chair: 'yes', m2: 'yes', m3: 'no', m4: 'no' } as const
    const s = settings({ tieBreak: 'chair' })
    expect(voteOutcome({ ...tallyRollCall(roll), roll }, s, seats, 'chair').result).toBe('angenommen')
    expect(voteOutcome({ ...tallyRollCall(roll), roll }, settings(), seats, 'chair').result).toBe('abgelehnt')
    const chairAbstains = { chair: 'abstain', m2: 'yes', m3: 'no' } as const
    expect(voteOutcome({ ...tallyRollCall(chairAbstains), roll: chairAbstains }, s, seats, 'chair').result).toBe('abgelehnt')
  })

  it('accepts nothing when everybody abstains', () => {
    expect(voteOutcome({ yes: 0, no: 0, abstain: 5 }, settings(), seats).result).toBe('abgelehnt')
    expect(voteOutcome({ yes: 0, no: 0, abstain: 5 }, settings({ majority: 'two-thirds' }), seats).result).toBe('abgelehnt')
  })

  it('applies simple, absolute and two-thirds majorities', () => {
    expect(voteOutcome({ yes: 2, no: 1, abstain: 2 }, settings(), seats).result).toBe('angenommen')
    expect(voteOutcome({ yes: 2, no: 1, abstain: 2 }, settings({ majority: 'absolute' }), seats).result).toBe('abgelehnt')
    expect(voteOutcome({ yes: 3, no: 0, abstain: 0 }, settings({ majority: 'absolute' }), seats).result).toBe('angenommen')
    expect(voteOutcome({ yes: 2, no: 1, abstain: 0 }, settings({ majority: 'two-thirds' }), seats).result).toBe('angenommen')
    expect(voteOutcome({ yes: 3, no: 2, abstain: 0 }, settings({ majority: 'two-thirds' }), seats).result).toBe('abgelehnt')
  })

  it('tallies roll calls and flags impossible votes', () => {
    expect(tallyRollCall({ a: 'yes', b: 'no', c: 'abstain', d: 'yes' })).toEqual({ yes: 2, no: 1, abstain: 1 })
    const q = { votingSeats: 5, presentVoting: 3, recused: 0, required: 3, quorate: true, eligibleVoterIds: ['a', 'b', 'c'] }
    expect(checkVote({ yes: 2, no: 1, abstain: 0 }, q)).toEqual([])
    expect(checkVote({ yes: 3, no: 1, abstain: 0 }, q)).toEqual(['Es sind 4 Stimmen eingetragen, aber nur 3 stimmberechtigte Mitglieder anwesend.'])
    expect(checkVote({ yes: -1, no: 1.5, abstain: 0 }, { ...q, quorate: false, presentVoting: 2 })).toEqual([
      '„Ja“ muss eine ganze Zahl ab 0 sein.',
      '„Nein“ muss eine ganze Zahl ab 0 sein.',
      'Das Gremium ist nicht beschlussfähig: 2 stimmberechtigte Mitglieder anwesend, 3 nötig.',
    ])
  })
})
