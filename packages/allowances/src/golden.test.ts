/**
 * Golden cases: the five of issue 7 (Könnern 2025, March 2026) and one or more for every rule of
 * DOMAIN.md § Allowances. Each row: who sits where, what happened, and the expected totals in
 * cents per person (and, where it matters, words the explanation must contain).
 */
import { describe, expect, it } from 'vitest'
import { calculate } from './calculate.ts'
import type { CalculationInput } from './calculation-input.ts'
import type { Statute } from './statute.ts'
import { parseStatute } from './statute-validation.ts'
import { KOENNERN, MUSTERSTADT, attended, scenario, seat } from './testing/scenario.ts'

/** A copy of a statute with a change, validated like a file. */
function variant(base: Statute, change: (s: Statute) => void): Statute {
  const copy = structuredClone(base)
  change(copy)
  return parseStatute(copy)
}
const lastVersion = (s: Statute) => s.versions[s.versions.length - 1]
const typeOf = (s: Statute, id: string) => lastVersion(s).types.find((t) => t.id === id)! as never as Record<string, unknown>

const MUSTERSTADT_HIGHEST = variant(MUSTERSTADT, (s) => {
  for (const v of s.versions) v.rules.supplementCombination = 'highest'
})
const KOENNERN_PER_DAY = variant(KOENNERN, (s) => {
  typeOf(s, 'session-fee').mode = 'perDay'
})
const KOENNERN_NO_CONTINUATION = variant(KOENNERN, (s) => {
  typeOf(s, 'session-fee').continuationCountsAsNewMeeting = false
})
const KOENNERN_NO_SUBSTITUTES = variant(KOENNERN, (s) => {
  typeOf(s, 'session-fee').paySubstitutes = false
})
const KOENNERN_CALENDAR_DAYS = variant(KOENNERN, (s) => {
  s.versions[0].rules.partMonth = 'calendarDays'
})
const KOENNERN_FULL_MONTH = variant(KOENNERN, (s) => {
  s.versions[0].rules.partMonth = 'fullMonth'
})
/** an amendment effective 16.03.2026: 130 €/month, 25 € Sitzungsgeld */
const KOENNERN_AMENDED = variant(KOENNERN, (s) => {
  const next = structuredClone(s.versions[0])
  next.validFrom = '2026-03-16'
  next.label = 'Änderung zum 16.03.2026'
  for (const t of next.types) {
    if (t.id === 'flat-council' && t.kind === 'monthlyFlat') t.amountCents = 13000
    if (t.id === 'session-fee' && t.kind === 'sessionFee') t.amountCents = 2500
  }
  s.versions.push(next)
})

const COUNCIL = [seat('m', 'stadtrat')]
const COUNCIL_AND_COMMITTEE = [seat('m', 'stadtrat'), seat('m', 'bau')]

interface GoldenCase {
  name: string
  input: CalculationInput
  /** expected total per person, in cents */
  totals: Record<string, number>
  /** words the person's explanations must contain */
  explains?: Record<string, string[]>
}

const CASES: GoldenCase[] = [
  // --- issue 7 -------------------------------------------------------------------------------
  { name: '1. member, no meetings → 120.00', input: scenario({ memberships: COUNCIL }), totals: { m: 12000 }, explains: { m: ['Aufwandsentschädigung Stadtratsmitglied März 2026: 120,00 €'] } },
  {
    name: '2. committees on 05.03 and 19.03, council on 12.03 → 183.00',
    input: scenario({
      memberships: COUNCIL_AND_COMMITTEE,
      attendance: [attended('m', 'bau', '2026-03-05'), attended('m', 'stadtrat', '2026-03-12'), attended('m', 'bau', '2026-03-19')],
    }),
    totals: { m: 18300 },
    explains: { m: ['Sitzungsgeld 21,00 € am 05.03. – Bauausschuss 18:00–20:00'] },
  },
  {
    name: '3. committee 17:00–18:30 and council 19:00–21:30 on 12.03 → 162.00',
    input: scenario({
      memberships: COUNCIL_AND_COMMITTEE,
      attendance: [attended('m', 'bau', '2026-03-12', '17:00', '18:30'), attended('m', 'stadtrat', '2026-03-12', '19:00', '21:30')],
    }),
    totals: { m: 16200 },
    explains: { m: ['2 × Sitzungsgeld 21,00 € am 12.03., Tageshöchstbetrag 52,50 € – Bauausschuss 17:00–18:30, Stadtrat 19:00–21:30'] },
  },
  {
    name: '4. three committees on 05.03, council on 12.03 → 193.50',
    input: scenario({
      memberships: [...COUNCIL_AND_COMMITTEE, seat('m', 'haupt'), seat('m', 'finanz')],
      attendance: [
        attended('m', 'bau', '2026-03-05', '15:00', '16:00'),
        attended('m', 'haupt', '2026-03-05', '16:30', '17:30'),
        attended('m', 'finanz', '2026-03-05', '18:00', '19:00'),
        attended('m', 'stadtrat', '2026-03-12'),
      ],
    }),
    totals: { m: 19350 },
    explains: { m: ['3 × Sitzungsgeld 21,00 € am 05.03. = 63,00 €, gekürzt auf den Tageshöchstbetrag 52,50 € (2,5-fach)'] },
  },
  {
    name: '5. council chair, council on 12.03 → 291.00',
    input: scenario({ memberships: [seat('m', 'stadtrat', 'Vorsitz')], attendance: [attended('m', 'stadtrat', '2026-03-12')] }),
    totals: { m: 29100 },
    explains: { m: ['Zuschlag Vorsitz Stadtrat März 2026: 150,00 €'] },
  },

  // --- Sitzungsgeld: kinds, cap, conferences, presence, continuation, per day -----------------
  {
    name: 'four meetings on one day stay at the daily cap of 2.5 ×',
    input: scenario({
      memberships: COUNCIL,
      attendance: ['09:00', '11:00', '14:00', '18:00'].map((t) => attended('m', 'stadtrat', '2026-03-10', t, `${Number(t.slice(0, 2)) + 1}:30`)),
    }),
    totals: { m: 12000 + 5250 },
  },
  {
    name: 'a faction meeting earns no Sitzungsgeld under Könnern rules',
    input: scenario({ memberships: COUNCIL, attendance: [attended('m', 'fraktion-a', '2026-03-09')] }),
    totals: { m: 12000 },
  },
  {
    name: 'a conference the council did not order earns nothing (shown as 0)',
    input: scenario({ memberships: COUNCIL, attendance: [attended('m', 'stadtrat', '2026-03-21', '09:00', '16:00', { kind: 'conference', meetingName: 'Kommunalkongress' })] }),
    totals: { m: 12000 },
    explains: { m: ['kein Sitzungsgeld am 21.03.: nicht berücksichtigt: Kommunalkongress 09:00–16:00 (Teilnahme nicht vom Rat angeordnet)'] },
  },
  {
    name: 'a conference the council ordered counts',
    input: scenario({ memberships: COUNCIL, attendance: [attended('m', 'stadtrat', '2026-03-21', '09:00', '16:00', { kind: 'conference', ordered: true, meetingName: 'Kommunalkongress' })] }),
    totals: { m: 14100 },
  },
  {
    name: 'expulsion: the whole day’s Sitzungsgeld is lost, other days stay',
    input: scenario({
      memberships: COUNCIL_AND_COMMITTEE,
      attendance: [
        attended('m', 'bau', '2026-03-12', '17:00', '18:30'),
        attended('m', 'stadtrat', '2026-03-12', '19:00', '20:15', { expelledAt: '20:15' }),
        attended('m', 'bau', '2026-03-19'),
      ],
    }),
    totals: { m: 12000 + 2100 },
    explains: { m: ['Sitzungsgeld am 12.03. entfällt: Ausschluss aus der Sitzung (Stadtrat um 20:15) = 0,00 €'] },
  },
  {
    name: 'expulsion also forfeits that day’s loss of earnings (Könnern: sessionFee, lostEarnings)',
    input: scenario({
      memberships: COUNCIL,
      attendance: [attended('m', 'stadtrat', '2026-03-12', '16:00', '17:00', { expelledAt: '17:00' })],
      claims: [
        { id: 'c1', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'employee', minutes: 60, hourlyRateCents: 2000 },
        { id: 'c2', personId: 'm', kind: 'travel', date: '2026-03-12', mode: 'car', km: 10, inTown: false },
      ],
    }),
    totals: { m: 12000 + 300 },
  },
  {
    name: 'Musterstadt: less than 30 minutes present does not count; periods add up',
    input: scenario({
      statute: MUSTERSTADT,
      memberships: COUNCIL,
      attendance: [
        attended('m', 'stadtrat', '2026-03-05', '18:00', '18:20'),
        attended('m', 'stadtrat', '2026-03-12', '', '', { periods: [['18:00', '18:20'], ['19:00', '19:15']] }),
      ],
    }),
    totals: { m: 16000 + 2700 },
    explains: { m: ['weniger als 30 Minuten anwesend', 'Stadtrat 18:00–18:20 und 19:00–19:15'] },
  },
  {
    name: 'Musterstadt: an open attendance period (meeting still running) counts',
    input: scenario({ statute: MUSTERSTADT, memberships: COUNCIL, attendance: [attended('m', 'stadtrat', '2026-03-05', '', '', { periods: [['18:00', null]] })] }),
    totals: { m: 16000 + 2700 },
  },
  {
    name: 'Musterstadt: faction meeting 15 €, council and committee 27 €, capped at 2 × 27 €',
    input: scenario({
      statute: MUSTERSTADT,
      memberships: [...COUNCIL_AND_COMMITTEE, seat('m', 'fraktion-a')],
      attendance: [attended('m', 'fraktion-a', '2026-03-12', '16:00', '17:00'), attended('m', 'bau', '2026-03-12', '17:00', '18:00'), attended('m', 'stadtrat', '2026-03-12', '19:00', '21:00')],
    }),
    totals: { m: 16000 + 5400 },
    explains: { m: ['= 69,00 €, gekürzt auf den Tageshöchstbetrag 54,00 € (2-fach)'] },
  },
  {
    name: 'per-day mode: three meetings on one day earn one fee',
    input: scenario({
      statute: KOENNERN_PER_DAY,
      memberships: COUNCIL_AND_COMMITTEE,
      attendance: [attended('m', 'bau', '2026-03-05', '15:00', '16:00'), attended('m', 'bau', '2026-03-05', '16:30', '17:30'), attended('m', 'stadtrat', '2026-03-05', '18:00', '20:00')],
    }),
    totals: { m: 12000 + 2100 },
  },
  {
    name: 'a session continued on another day counts as a new session (Goldene Aue)',
    input: scenario({
      memberships: COUNCIL,
      attendance: [attended('m', 'stadtrat', '2026-03-12', '18:00', '23:00', { meetingId: 'sr-7' }), attended('m', 'stadtrat', '2026-03-13', '18:00', '20:00', { meetingId: 'sr-7' })],
    }),
    totals: { m: 12000 + 4200 },
  },
  {
    name: 'where the statute says so, a continuation does not count again',
    input: scenario({
      statute: KOENNERN_NO_CONTINUATION,
      memberships: COUNCIL,
      attendance: [attended('m', 'stadtrat', '2026-03-12', '18:00', '23:00', { meetingId: 'sr-7' }), attended('m', 'stadtrat', '2026-03-13', '18:00', '20:00', { meetingId: 'sr-7' })],
    }),
    totals: { m: 12000 + 2100 },
  },

  // --- expert residents and substitutes --------------------------------------------------------
  {
    name: 'expert resident: only Sitzungsgeld, no flat rate, no loss of earnings',
    input: scenario({
      memberships: [seat('e', 'bau', 'sachkundiger Einwohner')],
      attendance: [attended('e', 'bau', '2026-03-05'), attended('e', 'bau', '2026-03-19')],
      claims: [{ id: 'c1', personId: 'e', kind: 'lostEarnings', date: '2026-03-05', basis: 'employee', minutes: 120, hourlyRateCents: 2000 }],
    }),
    totals: { e: 4200 },
    explains: { e: ['Verdienstausfall am 05.03.: kein Anspruch laut Satzung bzw. Zuordnung'] },
  },
  {
    name: 'a substitute (not a member of the committee) who attends gets that meeting’s fee (Zerbst)',
    input: scenario({
      members: [
        { personId: 's', name: 'Sabine Vertreterin' },
        { personId: 'x', name: 'Xaver Mitglied' },
      ],
      memberships: [seat('s', 'bau', 'stellvertretendes Mitglied'), seat('x', 'bau', 'Mitglied')],
      attendance: [attended('s', 'bau', '2026-03-05', '18:00', '20:00', { substituteFor: 'x' })],
    }),
    totals: { s: 2100 },
    explains: { s: ['Bauausschuss 18:00–20:00 als Vertretung für Xaver Mitglied'] },
  },
  {
    name: 'the same person attending without standing in for anyone gets nothing',
    input: scenario({ memberships: [seat('s', 'bau', 'stellvertretendes Mitglied')], attendance: [attended('s', 'bau', '2026-03-05')] }),
    totals: {},
  },
  {
    name: 'a statute that does not pay substitutes',
    input: scenario({
      statute: KOENNERN_NO_SUBSTITUTES,
      memberships: [seat('s', 'bau', 'stellvertretendes Mitglied')],
      attendance: [attended('s', 'bau', '2026-03-05', '18:00', '20:00', { substituteFor: 'x' })],
    }),
    totals: {},
  },

  // --- part months (Wallhausen 1/30), other part-month rules ----------------------------------
  {
    name: 'joined on 15.03: 14 days without entitlement, 120 − 14/30 = 64.00',
    input: scenario({ memberships: [seat('m', 'stadtrat', 'Mitglied', '2026-03-15')] }),
    totals: { m: 6400 },
    explains: { m: ['120,00 € abzüglich 14/30 für 14 Tage ohne Anspruch (01.03.–14.03.: ohne Mitgliedschaft bzw. Zuordnung) = 64,00 €'] },
  },
  {
    name: 'left on 10.03: 21 days without entitlement = 36.00',
    input: scenario({ memberships: [seat('m', 'stadtrat', 'Mitglied', '2024-07-01', '2026-03-10')] }),
    totals: { m: 3600 },
  },
  {
    name: 'February (28 days), joined on 15.02: still 14/30 off = 64.00',
    input: scenario({ from: '2026-02-01', to: '2026-02-28', memberships: [seat('m', 'stadtrat', 'Mitglied', '2026-02-15')] }),
    totals: { m: 6400 },
  },
  {
    name: 'calendar-day rule: joined on 15.03 → 120 × 17/31 = 65.81',
    input: scenario({ statute: KOENNERN_CALENDAR_DAYS, memberships: [seat('m', 'stadtrat', 'Mitglied', '2026-03-15')] }),
    totals: { m: 6581 },
  },
  {
    name: 'full-month rule: joined on 15.03 → 120.00',
    input: scenario({ statute: KOENNERN_FULL_MONTH, memberships: [seat('m', 'stadtrat', 'Mitglied', '2026-03-15')] }),
    totals: { m: 12000 },
  },

  // --- absence: lapse beyond 3 months (Köthen) ------------------------------------------------
  {
    name: 'absent since 10.12.2025: the flat rate lapses from 10.03. (22 days × 4.00 off) = 32.00',
    input: scenario({ memberships: COUNCIL, absences: [{ personId: 'm', from: '2025-12-10', to: null }] }),
    totals: { m: 3200 },
    explains: { m: ['länger als 3 Monate verhindert (seit 10.12.2025)'] },
  },
  {
    name: 'absent exactly three months (01.12.–28.02.): March is paid in full',
    input: scenario({ memberships: COUNCIL, absences: [{ personId: 'm', from: '2025-12-01', to: '2026-02-28' }] }),
    totals: { m: 12000 },
  },
  {
    name: 'adjoining absence records are one continuous absence: nothing for March',
    input: scenario({
      memberships: COUNCIL,
      absences: [
        { personId: 'm', from: '2025-12-01', to: '2025-12-31' },
        { personId: 'm', from: '2026-01-01', to: null },
      ],
    }),
    totals: { m: 0 },
  },
  {
    name: 'a day back at work breaks the absence: March is paid in full',
    input: scenario({
      memberships: COUNCIL,
      absences: [
        { personId: 'm', from: '2025-12-01', to: '2026-01-14' },
        { personId: 'm', from: '2026-01-16', to: null },
      ],
    }),
    totals: { m: 12000 },
  },

  // --- supplements: cumulative, highest, passing to the deputy (Zerbst) -----------------------
  {
    name: 'Musterstadt (cumulative): council chair and faction leader get both supplements',
    input: scenario({ statute: MUSTERSTADT, memberships: [seat('m', 'stadtrat', 'Vorsitz'), seat('m', 'fraktion-a', 'Fraktionsvorsitz')] }),
    totals: { m: 16000 + 20000 + 8000 },
  },
  {
    name: 'only the highest supplement: chair 200 € instead of chair and faction leader',
    input: scenario({ statute: MUSTERSTADT_HIGHEST, memberships: [seat('m', 'stadtrat', 'Vorsitz'), seat('m', 'fraktion-a', 'Fraktionsvorsitz')] }),
    totals: { m: 16000 + 20000 },
    explains: { m: ['nur der höchste Zuschlag wird gezahlt (Zuschlag Vorsitz Stadtrat)'] },
  },
  {
    name: 'only the highest supplement, day by day: committee chair until 15.03., council chair from 16.03.',
    input: scenario({
      statute: MUSTERSTADT_HIGHEST,
      memberships: [seat('m', 'stadtrat', 'Mitglied', '2024-07-01', '2026-03-15'), seat('m', 'stadtrat', 'Vorsitz', '2026-03-16'), seat('m', 'bau', 'Vorsitz')],
    }),
    // flat 160 (both seats give it); chair 200 − 15/30 = 100.00; committee chair 50 − 16/30·50 = 23.33
    totals: { m: 16000 + 10000 + 2333 },
  },
  {
    name: 'chair absent beyond 3 months from 16.03.: supplement passes to the deputy for the rest of the month',
    input: scenario({
      statute: MUSTERSTADT,
      members: [
        { personId: 'chair', name: 'Clara Vorsitz' },
        { personId: 'dep', name: 'Dieter Stellvertreter' },
      ],
      memberships: [seat('chair', 'stadtrat', 'Vorsitz'), seat('dep', 'stadtrat', 'stellv. Vorsitz')],
      absences: [{ personId: 'chair', from: '2025-12-16', to: null }],
    }),
    // chair: flat 160 and supplement 200, each less 16/30 → 74.67 + 93.33; deputy: 160 + 50 + 200 less 15/30 = 100
    totals: { chair: 7467 + 9333, dep: 16000 + 5000 + 10000 },
    explains: { dep: ['01.03.–15.03.: keine Vertretung', 'in Vertretung für Clara Vorsitz (verhindert seit 16.12.2025) 16.03.–31.03.'], chair: ['Zuschlag geht an die Stellvertretung Dieter Stellvertreter'] },
  },
  {
    name: 'chair absent since November: the deputy gets the whole chair supplement in March',
    input: scenario({
      statute: MUSTERSTADT,
      memberships: [seat('chair', 'stadtrat', 'Vorsitz'), seat('dep', 'stadtrat', 'stellv. Vorsitz')],
      absences: [{ personId: 'chair', from: '2025-11-20', to: null }],
    }),
    totals: { chair: 0, dep: 16000 + 5000 + 20000 },
  },

  // --- clerk's assignments ----------------------------------------------------------------------
  {
    name: 'clerk removes the flat rate from 16.03. and adds a committee chair supplement from 16.03.',
    input: scenario({
      statute: MUSTERSTADT,
      memberships: COUNCIL,
      assignments: [
        { personId: 'm', typeId: 'flat-council', action: 'remove', from: '2026-03-16', to: null },
        { personId: 'm', typeId: 'supplement-committee-chair', action: 'add', from: '2026-03-16', organizationId: 'bau' },
      ],
    }),
    // 160 − 16/30 = 74.67; 50 − 15/30 = 25.00
    totals: { m: 7467 + 2500 },
  },
  {
    name: 'a removal wins over an addition on the same days (February paid, March not)',
    input: scenario({
      from: '2026-02-01',
      memberships: [],
      members: [{ personId: 'm', name: 'Person m' }],
      assignments: [
        { personId: 'm', typeId: 'flat-council', action: 'add', from: '2026-01-01' },
        { personId: 'm', typeId: 'flat-council', action: 'remove', from: '2026-03-01', to: '2026-03-31' },
      ],
    }),
    totals: { m: 12000 },
  },

  // --- rate changes over time ------------------------------------------------------------------
  {
    name: 'Musterstadt December 2025 to January 2026: old and new rates apply to their months',
    input: scenario({
      statute: MUSTERSTADT,
      from: '2025-12-01',
      to: '2026-01-31',
      memberships: COUNCIL,
      attendance: [attended('m', 'stadtrat', '2025-12-10'), attended('m', 'stadtrat', '2026-01-14')],
    }),
    totals: { m: 15000 + 16000 + 2500 + 2700 },
  },
  {
    name: 'an amendment effective 16.03.: month pro rata by days, fees at the rate of their day',
    input: scenario({
      statute: KOENNERN_AMENDED,
      memberships: COUNCIL,
      attendance: [attended('m', 'stadtrat', '2026-03-05'), attended('m', 'stadtrat', '2026-03-20')],
    }),
    // (15 × 120 + 16 × 130) / 31 = 125.16
    totals: { m: 12516 + 2100 + 2500 },
    explains: { m: ['anteilig 120,00 € bis 15.03., 130,00 € ab 16.03. = 125,16 €'] },
  },
  {
    name: 'three months at once (January to March 2026)',
    input: scenario({ from: '2026-01-01', to: '2026-03-31', memberships: COUNCIL }),
    totals: { m: 36000 },
  },
  {
    name: 'local council member and council member: both flat rates (Musterstadt)',
    input: scenario({ statute: MUSTERSTADT, memberships: [...COUNCIL, seat('m', 'or-dorf')], attendance: [attended('m', 'or-dorf', '2026-03-03')] }),
    totals: { m: 16000 + 4500 + 2700 },
  },

  // --- loss of earnings ------------------------------------------------------------------------
  {
    name: 'employee: 2 h 15 min rounded up to 2.5 h × certified 28 € capped at 25 € = 62.50',
    input: scenario({
      memberships: COUNCIL,
      claims: [{ id: 'c1', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'employee', minutes: 135, hourlyRateCents: 2800 }],
    }),
    totals: { m: 12000 + 6250 },
    explains: { m: ['2 Std. 15 Min., aufgerundet auf 2,5 Std. in der Arbeitszeit × 25,00 € (bescheinigter Stundensatz 28,00 €, höchstens 25,00 €) = 62,50 €'] },
  },
  {
    name: 'employee: 9 hours hit the daily cap of 200 €',
    input: scenario({
      memberships: COUNCIL,
      claims: [{ id: 'c1', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'employee', minutes: 540, hourlyRateCents: 2500 }],
    }),
    totals: { m: 12000 + 20000 },
  },
  {
    name: 'self-employed: two claims on one day share the daily cap (175 + 105 = 280)',
    input: scenario({
      memberships: COUNCIL,
      claims: [
        { id: 'c1', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'selfEmployed', minutes: 300, hourlyRateCents: 5000 },
        { id: 'c2', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'selfEmployed', minutes: 240, hourlyRateCents: 5000 },
      ],
    }),
    totals: { m: 12000 + 28000 },
  },
  {
    name: 'household: flat 15 € per hour, 3 h 20 min rounded up to 3.5 h = 52.50',
    input: scenario({ memberships: COUNCIL, claims: [{ id: 'c1', personId: 'm', kind: 'lostEarnings', date: '2026-03-12', basis: 'household', minutes: 200 }] }),
    totals: { m: 12000 + 5250 },
  },

  // --- travel and care ---------------------------------------------------------------------------
  {
    name: 'travel: 24 km and 12.5 km by car, a ticket of 5.80 €, a trip in town not reimbursed',
    input: scenario({
      memberships: COUNCIL,
      claims: [
        { id: 't1', personId: 'm', kind: 'travel', date: '2026-03-05', mode: 'car', km: 24, inTown: false },
        { id: 't2', personId: 'm', kind: 'travel', date: '2026-03-12', mode: 'car', km: 12.5, inTown: false },
        { id: 't3', personId: 'm', kind: 'travel', date: '2026-03-19', mode: 'publicTransport', receiptCents: 580, inTown: false },
        { id: 't4', personId: 'm', kind: 'travel', date: '2026-03-26', mode: 'car', km: 6, inTown: true },
      ],
    }),
    totals: { m: 12000 + 720 + 375 + 580 },
    explains: { m: ['24 km × 0,30 € = 7,20 €', 'Fahrten innerhalb des Stadtgebiets werden nicht erstattet = 0,00 €'] },
  },
  {
    name: 'care: 60 € for 3 h capped at 15 €/h = 45 €; 200 € for 10 h capped by the daily 120 €',
    input: scenario({
      memberships: COUNCIL,
      claims: [
        { id: 'k1', personId: 'm', kind: 'care', date: '2026-03-05', minutes: 180, receiptCents: 6000 },
        { id: 'k2', personId: 'm', kind: 'care', date: '2026-03-12', minutes: 600, receiptCents: 20000 },
      ],
    }),
    totals: { m: 12000 + 4500 + 12000 },
  },
]

describe('golden cases (Könnern 2025 and Musterstadt, March 2026 unless stated)', () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30))

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = calculate(c.input)
    if (process.env.SHOW_EXPLANATIONS) for (const m of run.members) for (const i of m.items) console.log(`${m.personId}: ${i.explanation}`)
    const totals = Object.fromEntries(run.members.map((m) => [m.personId, m.totalCents]))
    expect(totals).toEqual(c.totals)
    for (const m of run.members) for (const item of m.items) expect(Number.isInteger(item.amountCents)).toBe(true)
    for (const [personId, words] of Object.entries(c.explains ?? {})) {
      const text = run.members.find((m) => m.personId === personId)?.items.map((i) => i.explanation).join('\n') ?? ''
      for (const w of words) expect(text).toContain(w)
    }
  })
})
