import { describe, expect, it } from 'vitest'
import { effectiveAssignments } from './assignments.ts'
import { calculate } from './calculate.ts'
import type { CalculationInput } from './calculation-input.ts'
import { canonicalJson, compareCodeUnits, sha256Hex } from './canonical-json.ts'
import { ConfigError } from './config-problems.ts'
import { diffRuns } from './run-diff.ts'
import { KOENNERN, MUSTERSTADT, attended, scenario, seat } from './testing/scenario.ts'

function march(): CalculationInput {
  return scenario({
    statute: MUSTERSTADT,
    members: [
      { personId: 'anna', name: 'Dr. Anna Becker' },
      { personId: 'bernd', name: 'Bernd Krause' },
      { personId: 'eva', name: 'Eva Lorenz' },
    ],
    memberships: [
      seat('anna', 'stadtrat'),
      seat('anna', 'bau', 'Vorsitz'),
      seat('bernd', 'stadtrat', 'Vorsitz'),
      seat('bernd', 'fraktion-a', 'Fraktionsvorsitz'),
      seat('eva', 'bau', 'sachkundige Einwohnerin'),
    ],
    attendance: [
      attended('anna', 'bau', '2026-03-05', '17:00', '18:30'),
      attended('eva', 'bau', '2026-03-05', '17:00', '18:30'),
      attended('anna', 'stadtrat', '2026-03-12', '19:00', '21:30'),
      attended('bernd', 'stadtrat', '2026-03-12', '19:00', '21:30'),
      attended('bernd', 'fraktion-a', '2026-03-10', '18:00', '19:30'),
      attended('staff', 'stadtrat', '2026-03-12', '19:00', '21:30'),
    ],
    claims: [
      { id: 'c1', personId: 'anna', kind: 'travel', date: '2026-03-12', mode: 'car', km: 18, inTown: false },
      { id: 'c2', personId: 'bernd', kind: 'lostEarnings', date: '2026-03-12', basis: 'employee', minutes: 90, hourlyRateCents: 2400 },
    ],
  })
}

function shuffled<T>(list: T[] | undefined, seed: number): T[] {
  const out = [...(list ?? [])]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('calculate', () => {
  it('is deterministic: the same input in any order gives byte-identical JSON and the same input hash', () => {
    const a = march()
    const first = JSON.stringify(calculate(a))
    for (const seed of [1, 2, 3]) {
      const b: CalculationInput = {
        ...a,
        members: shuffled(a.members, seed),
        memberships: shuffled(a.memberships, seed),
        attendance: shuffled(a.attendance, seed).map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r),
        claims: shuffled(a.claims, seed),
        organizations: shuffled(a.organizations, seed),
      }
      expect(JSON.stringify(calculate(b))).toBe(first)
    }
    expect(calculate(a).inputHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('hashes exactly the canonical JSON of the input with every list sorted (docs/ALLOWANCES.md)', () => {
    const input = march()
    const sortedList = (list: unknown[] | undefined) => [...(list ?? [])].sort((a, b) => compareCodeUnits(canonicalJson(a), canonicalJson(b)))
    const expected = sha256Hex(
      canonicalJson({
        absences: sortedList(input.absences),
        assignments: sortedList(input.assignments),
        attendance: sortedList(input.attendance),
        claims: sortedList(input.claims),
        members: sortedList(input.members),
        memberships: sortedList(input.memberships),
        organizations: sortedList(input.organizations),
        period: input.period,
        statute: input.statute,
      }),
    )
    expect(calculate(input).inputHash).toBe(expected)
  })

  it('changes the input hash when any record changes', () => {
    const a = march()
    const b = march()
    b.attendance[0] = attended('anna', 'bau', '2026-03-05', '17:00', '18:31')
    expect(calculate(a).inputHash).not.toBe(calculate(b).inputHash)
  })

  it('returns per member line items with totals, totals by kind and notes', () => {
    const run = calculate(march())
    expect(run.members.map((m) => m.personId)).toEqual(['anna', 'bernd', 'eva'])
    const anna = run.members[0]
    // flat 160 + committee chair 50 + 2 × 27 (two days) + 18 km × 0.30
    expect(anna.totalCents).toBe(16000 + 5000 + 2700 + 2700 + 540)
    expect(anna.items.map((i) => i.kind)).toEqual(['monthlyFlat', 'supplement', 'sessionFee', 'sessionFee', 'travel'])
    expect(run.members[2].items.map((i) => i.kind)).toEqual(['sessionFee'])
    expect(run.totalCents).toBe(run.members.reduce((s, m) => s + m.totalCents, 0))
    expect(Object.values(run.totalsByKind).reduce((a, b) => a + b, 0)).toBe(run.totalCents)
    expect(run.notes).toEqual(['1 Anwesenheit(en) von Personen außerhalb dieser Abrechnung nicht berücksichtigt'])
    // Musterstadt pays monthly rates in advance: due on the first of their month
    expect(anna.items[0].dueDate).toBe('2026-03-01')
    expect(anna.items[2].dueDate).toBe('2026-04-01')
  })

  it('gives every item an id that stays the same across re-runs and is unique in the run', () => {
    const run = calculate(march())
    const ids = run.members.flatMap((m) => m.items.map((i) => i.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain('anna|sessionFee|session-fee|2026-03-05')
    expect(ids).toContain('bernd|claim|c2')
  })

  it('ignores attendance and claims outside the period, and claims of people outside the run', () => {
    const input = march()
    input.attendance.push(attended('anna', 'stadtrat', '2026-04-02'))
    input.claims!.push({ id: 'c9', personId: 'anna', kind: 'travel', date: '2026-02-27', mode: 'car', km: 50, inTown: false })
    input.claims!.push({ id: 'c10', personId: 'mallory', kind: 'travel', date: '2026-03-12', mode: 'car', km: 500, inTown: false })
    const run = calculate(input)
    expect(run.members.find((m) => m.personId === 'anna')!.totalCents).toBe(calculate(march()).members[0].totalCents)
    expect(run.members.map((m) => m.personId)).not.toContain('mallory')
  })

  it('adversarial: hostile numbers and shapes in records are refused, not calculated', () => {
    const cases: [string, (i: CalculationInput) => void, RegExp][] = [
      ['negative km', (i) => ((i.claims![0] as any).km = -500), /claims\[0\]\.km: muss eine Kilometerzahl/],
      ['absurd km', (i) => ((i.claims![0] as any).km = 1e9), /claims\[0\]\.km/],
      ['fractional cents', (i) => ((i.claims![1] as any).hourlyRateCents = 2400.5), /claims\[1\]\.hourlyRateCents: muss ein Betrag in ganzen Cent sein/],
      ['a day of 2000 minutes', (i) => ((i.claims![1] as any).minutes = 2000), /claims\[1\]\.minutes/],
      ['an unknown meeting kind', (i) => ((i.attendance[0] as any).meetingKind = 'party'), /attendance\[0\]\.meetingKind: unzulässiger Wert/],
      ['an extra field', (i) => ((i.attendance[0] as any).amountCents = 99999), /attendance\[0\]: unbekannte Angabe: amountCents/],
      ['a timestamp that is not one', (i) => (i.attendance[0].periods[0].arrived = 'gestern'), /attendance\[0\]\.periods\[0\]\.arrived: kein gültiger Zeitpunkt/],
      ['a prototype key', (i) => ((i as any).members = JSON.parse('[{"personId":"x","name":"y","__proto__":{"admin":true}}]')), /members\[0\]: unbekannte Angabe: __proto__/],
    ]
    for (const [name, change, message] of cases) {
      const input = march()
      change(input)
      expect(() => calculate(input), name).toThrowError(message)
    }
  })

  it('refuses invalid input with the path of the problem', () => {
    const bad = march()
    ;(bad.attendance[2] as any).date = '2026-03-32'
    expect(() => calculate(bad)).toThrowError(ConfigError)
    expect(() => calculate(bad)).toThrowError(/attendance\[2\]\.date: kein gültiges Datum/)
    const period = march()
    period.period = { from: '2026-03-02', to: '2026-03-30' }
    expect(() => calculate(period)).toThrowError(/period\.from: muss der Erste eines Monats sein; period\.to: muss der Letzte eines Monats sein/)
    const claim = march()
    ;(claim.claims![1] as any).hourlyRateCents = undefined
    expect(() => calculate(claim)).toThrowError(/claims\[1\]\.hourlyRateCents: Stundensatz fehlt/)
    const assignment = march()
    assignment.assignments = [{ personId: 'anna', typeId: 'flat-mayor', action: 'add', from: '2026-03-01' }]
    expect(() => calculate(assignment)).toThrowError(/assignments\[0\]\.typeId: unbekannte Art "flat-mayor"/)
    const statute = march()
    statute.statute = { ...MUSTERSTADT, versions: [] }
    expect(() => calculate(statute)).toThrowError(/Satzung ungültig: versions: zu kurz/)
  })

  it('accepts a statute as parsed JSON (the relay stores the file)', () => {
    const input = march()
    input.statute = JSON.parse(JSON.stringify(MUSTERSTADT))
    expect(calculate(input).totalCents).toBe(calculate(march()).totalCents)
  })
})

describe('effectiveAssignments', () => {
  it('lists the statute defaults per membership and the clerk’s changes, a removal cutting a span', () => {
    const spans = effectiveAssignments(KOENNERN, {
      memberships: [seat('m', 'stadtrat', 'Vorsitz', '2024-07-01', null), seat('e', 'bau', 'sachkundiger Einwohner', '2025-01-01', '2026-06-30')],
      organizations: scenario({}).organizations,
      assignments: [
        { personId: 'm', typeId: 'care', action: 'remove', from: '2026-01-01', to: '2026-03-31' },
        { personId: 'e', typeId: 'travel', action: 'add', from: '2026-02-01', note: 'wohnt außerhalb' },
      ],
    })
    const of = (p: string, t: string) => spans.filter((s) => s.personId === p && s.typeId === t).map((s) => [s.from, s.to, s.source])
    expect(of('m', 'flat-council')).toEqual([['2024-07-01', null, 'statute']])
    expect(of('m', 'supplement-council-chair')).toEqual([['2024-07-01', null, 'statute']])
    expect(of('m', 'care')).toEqual([
      ['2024-07-01', '2025-12-31', 'statute'],
      ['2026-04-01', null, 'statute'],
    ])
    expect(of('e', 'session-fee')).toEqual([['2025-01-01', '2026-06-30', 'statute']])
    expect(of('e', 'travel')).toEqual([['2026-02-01', null, 'clerk']])
    expect(of('e', 'flat-council')).toEqual([])
  })
})

describe('diffRuns', () => {
  it('shows a correction per member and line: added, removed, changed, with the difference', () => {
    const earlier = calculate(march())
    const corrected = march()
    corrected.attendance = corrected.attendance.filter((a) => !(a.personId === 'eva'))
    corrected.attendance.push(attended('eva', 'bau', '2026-03-19'))
    corrected.claims![0] = { id: 'c1', personId: 'anna', kind: 'travel', date: '2026-03-12', mode: 'car', km: 28, inTown: false }
    const later = calculate(corrected)
    const diff = diffRuns(earlier, later)
    expect(diff.samePeriod).toBe(true)
    expect(diff.sameInput).toBe(false)
    expect(diff.members.map((m) => m.personId)).toEqual(['anna', 'eva'])
    const anna = diff.members[0]
    expect(anna.changes).toEqual([
      expect.objectContaining({ itemId: 'anna|claim|c1', change: 'changed', beforeCents: 540, afterCents: 840, differenceCents: 300 }),
    ])
    const eva = diff.members[1]
    expect(eva.changes.map((c) => [c.change, c.date, c.differenceCents])).toEqual([
      ['removed', '2026-03-05', -2700],
      ['added', '2026-03-19', 2700],
    ])
    expect(eva.differenceCents).toBe(0)
    expect(diff.differenceCents).toBe(300)
  })

  it('finds nothing between two runs of the same input', () => {
    const diff = diffRuns(calculate(march()), calculate(march()))
    expect(diff.sameInput).toBe(true)
    expect(diff.members).toEqual([])
  })
})
