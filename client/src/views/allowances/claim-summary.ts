/** One line about what a claim asks for: "24 km mit dem Auto", "Arbeitnehmer/in, 90 Min. à 28,00 €/Std." */
import { formatCents, type Claim } from './allowance-api.ts'
import { ta } from './messages-allowances.ts'

export function claimSummary(c: Pick<Claim, 'kind' | 'data'>): string {
  const d = c.data
  switch (c.kind) {
    case 'travel': {
      const trip =
        d.mode === 'car'
          ? ta('claim.travel.car', { km: String(d.km ?? 0).replace('.', ',') })
          : ta('claim.travel.publicTransport', { amount: formatCents(d.receiptCents ?? 0) })
      return d.inTown ? `${trip}, ${ta('claim.travel.inTown')}` : trip
    }
    case 'lostEarnings':
      return d.basis === 'household'
        ? ta('claim.lostEarnings.household', { minutes: d.minutes ?? 0 })
        : ta(d.basis === 'selfEmployed' ? 'claim.lostEarnings.selfEmployed' : 'claim.lostEarnings.employee', { minutes: d.minutes ?? 0, rate: formatCents(d.hourlyRateCents ?? 0) })
    case 'care':
      return ta('claim.care', { minutes: d.minutes ?? 0, amount: formatCents(d.receiptCents ?? 0) })
  }
}
