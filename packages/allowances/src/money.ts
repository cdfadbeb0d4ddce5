/**
 * Money is integer cents everywhere. Fractions of a cent only exist inside one calculation step
 * (1/30 of a monthly rate, a rounded hourly rate); they are carried as a numerator/denominator pair
 * and rounded once, half away from zero, where a line item gets its amount.
 */

/** Integer division of `numerator / denominator`, rounded half away from zero (kaufmännisch). */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`divideRounded needs safe integers and a non-zero denominator (${numerator}/${denominator})`)
  }
  const sign = Math.sign(numerator) * Math.sign(denominator)
  const n = Math.abs(numerator)
  const d = Math.abs(denominator)
  const q = Math.floor(n / d)
  const r = n - q * d
  return sign * (2 * r >= d ? q + 1 : q)
}

/** A multiple with at most two decimals (2.5 ×) as an integer number of hundredths (250). */
export function hundredths(multiple: number): number {
  const h = Math.round(multiple * 100)
  if (Math.abs(h - multiple * 100) > 1e-6) throw new RangeError(`${multiple} has more than two decimals`)
  return h
}

const GROUPING = /\B(?=(\d{3})+(?!\d))/g

/** German display of an amount: 1.234,56 € (minus sign for reclaims). */
export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '−' : ''
  const abs = Math.abs(cents)
  const euros = Math.floor(abs / 100).toString().replace(GROUPING, '.')
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`
}

/** German decimal without currency: 1234,56 (finance CSV files). */
export function formatDecimalComma(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** ISO 20022 amount: 1234.56 (always two decimals, no grouping). */
export function formatDecimalPoint(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A multiple for display: 2,5-fach. */
export function formatMultiple(multiple: number): string {
  return `${String(multiple).replace('.', ',')}-fach`
}

/** Durations for display: 2 Std., 2,5 Std., 2 Std. 15 Min. */
export function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (m === 0) return `${h} Std.`
  if (m === 30) return `${h},5 Std.`
  return h === 0 ? `${m} Min.` : `${h} Std. ${m} Min.`
}
