import { describe, expect, it } from 'vitest'
import type { PaidEntry } from './payout.ts'
import { parseTaxRules, SAXONY_ANHALT_TAX_RULES, yearlyTaxSummary } from './tax.ts'

const TOWN = { state: 'ST', inhabitants: 8200 }

/** A year of payments: monthly flat 120 + Sitzungsgeld, some lost earnings and travel. */
function year(personId: string, flat: number, feesPerMonth: number, months = 12): PaidEntry[] {
  const out: PaidEntry[] = []
  for (let m = 1; m <= months; m++) {
    const month = `2026-${String(m).padStart(2, '0')}`
    const base = { personId, month, payoutId: 'x', endToEndId: 'y', paidOn: `${month}-28` }
    out.push({ ...base, itemId: `${personId}|flat|${month}`, kind: 'monthlyFlat', amountCents: flat })
    if (feesPerMonth) out.push({ ...base, itemId: `${personId}|fee|${month}`, kind: 'sessionFee', amountCents: feesPerMonth })
  }
  return out
}

describe('yearly tax summary (Saxony-Anhalt, decree of 31.03.2022)', () => {
  it('250 €/month of flat allowance and Sitzungsgeld are tax-free, carried over within the year', () => {
    const payments = [
      ...year('m', 12000, 6300), // 183 €/month: all tax-free
      ...year('chair', 27000, 4200), // 312 €/month: 62 €/month taxable
      { personId: 'm', itemId: 'm|le', kind: 'lostEarnings', month: '2026-03', amountCents: 6250, payoutId: 'x', endToEndId: 'y', paidOn: '2026-04-02' },
      { personId: 'm', itemId: 'm|t', kind: 'travel', month: '2026-03', amountCents: 720, payoutId: 'x', endToEndId: 'y', paidOn: '2026-04-02' },
    ] satisfies PaidEntry[]
    const summary = yearlyTaxSummary({
      year: 2026,
      town: TOWN,
      payments,
      persons: [
        { personId: 'm', name: 'Max Mitglied', taxId: '12345678901' },
        { personId: 'chair', name: 'Clara Vorsitz' },
      ],
      rules: SAXONY_ANHALT_TAX_RULES,
    })
    expect(summary.rule).toMatchObject({ id: 'st-2022', taxFreeMonthlyCents: 25000 })
    const [chair, m] = summary.members
    expect(m).toMatchObject({ totalCents: 12 * 18300 + 6250 + 720, flatAllowanceCents: 219600, taxFreeCents: 219600, taxableFlatCents: 0, taxableOtherCents: 6250, exemptCents: 720, taxableCents: 6250, monthsOfActivity: 12, reportable: false })
    expect(chair).toMatchObject({ totalCents: 374400, taxFreeCents: 300000, taxableFlatCents: 74400, reportable: true })
    expect(chair.explanation).toBe(
      '2026: Aufwandsentschädigung und Sitzungsgeld 3.744,00 €, davon steuerfrei 3.000,00 € (12 Monate × 250,00 €, im Jahr übertragbar), steuerpflichtig 744,00 €; Mitteilung an das Finanzamt (ab 3.000,00 € im Jahr)',
    )
    expect(summary.report).toEqual([{ personId: 'chair', name: 'Clara Vorsitz', taxId: null, totalCents: 374400 }])
    expect(summary.notes).toEqual(['Steuer-ID von Clara Vorsitz fehlt (für die Mitteilung an das Finanzamt nötig)'])
  })

  it('counts payments by the day they were paid (a December item paid in January belongs to the next year)', () => {
    const payments: PaidEntry[] = [
      { personId: 'm', itemId: 'a', kind: 'monthlyFlat', month: '2025-12', amountCents: 12000, payoutId: 'x', endToEndId: 'y', paidOn: '2026-01-02' },
      { personId: 'm', itemId: 'b', kind: 'monthlyFlat', month: '2025-11', amountCents: 12000, payoutId: 'x', endToEndId: 'y', paidOn: '2025-12-01' },
    ]
    const summary = yearlyTaxSummary({ year: 2026, town: TOWN, payments, persons: [], rules: SAXONY_ANHALT_TAX_RULES })
    expect(summary.members.map((x) => [x.personId, x.totalCents])).toEqual([['m', 12000]])
  })

  it('exactly 3,000 € is reported, 2,999.99 € is not', () => {
    const at = (cents: number): PaidEntry => ({ personId: `p${cents}`, itemId: 'i', kind: 'sessionFee', month: '2026-05', amountCents: cents, payoutId: 'x', endToEndId: 'y', paidOn: '2026-06-01' })
    const summary = yearlyTaxSummary({ year: 2026, town: TOWN, payments: [at(300000), at(299999)], persons: [], rules: SAXONY_ANHALT_TAX_RULES })
    expect(summary.report.map((r) => r.totalCents)).toEqual([300000])
  })

  it('without carry-over, each month is capped on its own', () => {
    const rules = parseTaxRules([{ ...SAXONY_ANHALT_TAX_RULES[0], unusedMonthlyAmountCarriesOver: false }])
    const payments: PaidEntry[] = [
      { personId: 'm', itemId: 'a', kind: 'monthlyFlat', month: '2026-01', amountCents: 40000, payoutId: 'x', endToEndId: 'y', paidOn: '2026-02-01' },
      { personId: 'm', itemId: 'b', kind: 'monthlyFlat', month: '2026-02', amountCents: 10000, payoutId: 'x', endToEndId: 'y', paidOn: '2026-03-01' },
    ]
    const [m] = yearlyTaxSummary({ year: 2026, town: TOWN, payments, persons: [], rules }).members
    expect(m.taxFreeCents).toBe(25000 + 10000)
    expect(m.taxableFlatCents).toBe(15000)
  })

  it('shows no tax-free part where the rule has no amount for the town size or no rule applies', () => {
    const big = yearlyTaxSummary({ year: 2026, town: { state: 'ST', inhabitants: 240000 }, payments: year('m', 50000, 0), persons: [], rules: SAXONY_ANHALT_TAX_RULES })
    expect(big.rule).toBeNull()
    expect(big.notes[0]).toContain('keinen Betrag für Gemeinden mit 240000 Einwohnern')
    expect(big.members[0].taxFreeCents).toBe(0)
    const early = yearlyTaxSummary({ year: 2021, town: TOWN, payments: [], persons: [], rules: SAXONY_ANHALT_TAX_RULES })
    expect(early.notes[0]).toContain('Keine Steuerregel für ST im Jahr 2021')
  })

  it('validates tax rule files', () => {
    expect(() => parseTaxRules([{ ...SAXONY_ANHALT_TAX_RULES[0], validFrom: '31.03.2022' }])).toThrowError(/\[0\]\.validFrom: kein gültiges Datum/)
  })
})
