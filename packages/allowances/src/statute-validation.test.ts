import { describe, expect, it } from 'vitest'
import koennern from '../statutes/koennern-2025.json' with { type: 'json' }
import musterstadt from '../statutes/musterstadt.json' with { type: 'json' }
import { ConfigError, formatProblem } from './config-problems.ts'
import { parseStatute, validateStatute } from './statute-validation.ts'

/** The problems of a modified copy of the Könnern statute, as "path: message" lines. */
function problemsOf(change: (s: any) => void): string[] {
  const copy = structuredClone(koennern) as any
  change(copy)
  const result = validateStatute(copy)
  return result.ok ? [] : result.problems.map(formatProblem)
}

describe('statute validation', () => {
  it('accepts the shipped example statutes', () => {
    expect(validateStatute(koennern).ok).toBe(true)
    expect(validateStatute(musterstadt).ok).toBe(true)
  })

  it('names the path of an invalid date in German, with an English twin', () => {
    const copy = structuredClone(koennern) as any
    copy.versions[0].validFrom = '2025-02-30'
    const result = validateStatute(copy)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([{ path: 'versions[0].validFrom', message: 'kein gültiges Datum (JJJJ-MM-TT)', messageEn: 'not a valid date (YYYY-MM-DD)' }])
  })

  it.each([
    ['a missing field', (s: any) => delete s.versions[0].rules.partMonth, 'versions[0].rules.partMonth: Pflichtangabe fehlt'],
    ['a typo in a key', (s: any) => (s.versions[0].types[0].amountCent = 5), 'versions[0].types[0]: unbekannte Angabe: amountCent'],
    ['an amount in euros with decimals', (s: any) => (s.versions[0].types[0].amountCents = 120.5), 'versions[0].types[0].amountCents: muss ein Betrag in ganzen Cent sein'],
    ['a negative amount', (s: any) => (s.versions[0].types[1].amountCents = -1), 'versions[0].types[1].amountCents: muss ein Betrag in ganzen Cent sein'],
    ['an amount given as text', (s: any) => (s.versions[0].types[0].amountCents = '120'), 'versions[0].types[0].amountCents: muss ein Betrag in ganzen Cent sein'],
    ['an unknown kind', (s: any) => (s.versions[0].types[0].kind = 'bonus'), 'versions[0].types[0].kind: unbekannte Art'],
    ['an unknown meeting kind', (s: any) => (s.versions[0].types[2].meetingKinds = ['council', 'party']), 'versions[0].types[2].meetingKinds[1]: unzulässiger Wert'],
    ['a cap with three decimals', (s: any) => (s.versions[0].types[2].dailyCapMultiple = 2.555), 'versions[0].types[2].dailyCapMultiple: muss eine Zahl von 1 bis 10'],
    ['a rounding unit of 45 minutes', (s: any) => (s.versions[0].types[3].rounding.unitMinutes = 45), 'versions[0].types[3].rounding.unitMinutes: muss 60 ohne Rest teilen'],
    ['loss of earnings without any group', (s: any) => {
      const t = s.versions[0].types[3]
      delete t.employee
      delete t.selfEmployed
      delete t.household
    }, 'versions[0].types[3]: Verdienstausfall braucht employee, selfEmployed oder household'],
    ['a default naming an unknown type', (s: any) => s.defaults[0].types.push('flat-mayor'), 'defaults[0].types[5]: unbekannte Art "flat-mayor"'],
    ['a type id twice in one version', (s: any) => s.versions[0].types.push({ ...s.versions[0].types[0] }), 'versions[0].types[6].id: Art "flat-council" ist in dieser Fassung doppelt'],
    ['validTo before validFrom', (s: any) => (s.versions[0].validTo = '2024-12-31'), 'versions[0].validTo: liegt vor validFrom'],
    ['a monthly kind forfeited on expulsion', (s: any) => s.versions[0].rules.expulsionForfeits.push('monthlyFlat'), 'versions[0].rules.expulsionForfeits[2]: nur tageweise Arten entfallen'],
    ['an absence lapse of 0 months', (s: any) => (s.versions[0].rules.absenceLapseMonths = 0), 'versions[0].rules.absenceLapseMonths: muss eine ganze Zahl von 1 bis 60 sein'],
    ['an unknown time zone', (s: any) => (s.timeZone = 'Europe/Könnern'), 'timeZone: unbekannte Zeitzone'],
    ['an id with capitals', (s: any) => (s.id = 'Koennern'), 'id: nur Kleinbuchstaben, Ziffern und Bindestriche'],
    ['a fee for a meeting kind that does not count', (s: any) => (s.versions[0].types[2].amountCentsByMeetingKind = { faction: 1000 }), 'versions[0].types[2].amountCentsByMeetingKind.faction: Sitzungsart "faction" steht nicht in meetingKinds'],
  ])('rejects %s', (_name, change, expected) => {
    const problems = problemsOf(change)
    expect(problems.some((p) => p.startsWith(expected)), problems.join('\n')).toBe(true)
  })

  it('refuses overlapping, unsorted versions and a type that changes its kind', () => {
    const overlapping = problemsOf((s) => {
      s.versions[0].validTo = '2026-06-30'
      s.versions.push({ ...structuredClone(s.versions[0]), validFrom: '2026-01-01', validTo: undefined })
    })
    expect(overlapping).toContain('versions[1].validFrom: überschneidet sich mit der vorigen Fassung (gültig bis 2026-06-30)')
    const unsorted = problemsOf((s) => s.versions.push({ ...structuredClone(s.versions[0]), validFrom: '2024-01-01' }))
    expect(unsorted).toContain('versions[1].validFrom: Fassungen müssen nach validFrom aufsteigend sortiert sein')
    const kindChange = problemsOf((s) => {
      const next = structuredClone(s.versions[0])
      next.validFrom = '2026-01-01'
      next.types[0] = { kind: 'supplement', id: 'flat-council', label: 'x', amountCents: 1, function: 'chair' }
      s.versions.push(next)
    })
    expect(kindChange).toContain('versions[1].types[0].kind: Art "flat-council" war in einer früheren Fassung "monthlyFlat"')
  })

  it('parseStatute throws a ConfigError listing the problems', () => {
    const copy = structuredClone(koennern) as any
    copy.versions[0].validFrom = 'bald'
    copy.inhabitants = -3
    try {
      parseStatute(copy)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      expect((e as ConfigError).problems).toHaveLength(2)
      expect((e as Error).message).toContain('Satzung ungültig: ')
      expect((e as Error).message).toContain('versions[0].validFrom: kein gültiges Datum')
    }
  })

  it('rejects things that are not statutes at all', () => {
    expect(validateStatute(null).ok).toBe(false)
    expect(validateStatute('{}').ok).toBe(false)
    const empty = validateStatute({})
    expect(empty.ok ? [] : empty.problems.map((p) => p.path)).toContain('versions')
  })

  it('keeps statutes JSON-serialisable: a parsed statute survives a JSON round trip unchanged', () => {
    const s = parseStatute(musterstadt)
    expect(parseStatute(JSON.parse(JSON.stringify(s)))).toEqual(s)
  })
})
