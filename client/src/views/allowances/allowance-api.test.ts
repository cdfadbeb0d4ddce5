import { describe, expect, it } from 'vitest'
import { formatCents, parseEuroInput, parseKmInput } from './allowance-api.ts'
import { claimSummary } from './claim-summary.ts'

describe('money in the forms', () => {
  it('reads euros as a German types them, into cents', () => {
    expect(parseEuroInput('12,50')).toBe(1250)
    expect(parseEuroInput('12')).toBe(1200)
    expect(parseEuroInput('12.5')).toBe(1250)
    expect(parseEuroInput('1.234,56 €')).toBe(123456)
    expect(parseEuroInput('0,05')).toBe(5)
    for (const bad of ['', 'zwölf', '12,345', '-3', '1,2,3']) expect(parseEuroInput(bad), bad).toBeUndefined()
  })

  it('reads kilometres with at most one decimal', () => {
    expect(parseKmInput('24')).toBe(24)
    expect(parseKmInput('24,5')).toBe(24.5)
    expect(parseKmInput('24,55')).toBeUndefined()
    expect(parseKmInput('')).toBeUndefined()
  })

  it('shows cents as euros', () => {
    expect(formatCents(16200).replace(/\s/g, ' ')).toBe('162,00 €')
    expect(formatCents(123456).replace(/\s/g, ' ')).toBe('1.234,56 €')
  })
})

describe('claimSummary', () => {
  it('says what a claim asks for', () => {
    expect(claimSummary({ kind: 'travel', data: { mode: 'car', km: 24.5, inTown: false } })).toBe('24,5 km mit dem Auto')
    expect(claimSummary({ kind: 'travel', data: { mode: 'car', km: 6, inTown: true } })).toBe('6 km mit dem Auto, innerhalb des Stadtgebiets')
    expect(claimSummary({ kind: 'lostEarnings', data: { basis: 'employee', minutes: 90, hourlyRateCents: 2800 } }).replace(/\s/g, ' ')).toBe('Arbeitnehmer/in, 90 Min. à 28,00 €/Std.')
    expect(claimSummary({ kind: 'care', data: { minutes: 120, receiptCents: 3000 } }).replace(/\s/g, ' ')).toBe('120 Min. Betreuung, Beleg 30,00 €')
  })
})
