/**
 * Corrections are made by re-running a period; `diffRuns` shows what changed against the earlier
 * run, per member and line item (added, removed, changed) with the amount difference.
 */
import type { CalculationRun, LineItem } from './calculation-run.ts'
import { compareCodeUnits } from './canonical-json.ts'

export interface ItemChange {
  itemId: string
  change: 'added' | 'removed' | 'changed'
  label: string
  month: string
  date?: string
  beforeCents: number | null
  afterCents: number | null
  /** after − before (0 when only the explanation changed) */
  differenceCents: number
  before?: string
  after?: string
}

export interface MemberDiff {
  personId: string
  name: string
  beforeCents: number
  afterCents: number
  differenceCents: number
  changes: ItemChange[]
}

export interface RunDiff {
  samePeriod: boolean
  sameStatute: boolean
  /** the input hashes are equal: the runs must be identical */
  sameInput: boolean
  earlierInputHash: string
  laterInputHash: string
  /** members with at least one change, by person id */
  members: MemberDiff[]
  differenceCents: number
}

function itemsById(run: CalculationRun): Map<string, { item: LineItem; name: string }> {
  const map = new Map<string, { item: LineItem; name: string }>()
  for (const m of run.members) for (const item of m.items) map.set(item.id, { item, name: m.name })
  return map
}

function base(item: LineItem): Pick<ItemChange, 'itemId' | 'label' | 'month' | 'date'> {
  return { itemId: item.id, label: item.label, month: item.month, ...(item.date ? { date: item.date } : {}) }
}

export function diffRuns(earlier: CalculationRun, later: CalculationRun): RunDiff {
  const before = itemsById(earlier)
  const after = itemsById(later)
  const byPerson = new Map<string, MemberDiff>()
  const memberOf = (personId: string, name: string): MemberDiff => {
    let m = byPerson.get(personId)
    if (!m) {
      const b = earlier.members.find((x) => x.personId === personId)?.totalCents ?? 0
      const a = later.members.find((x) => x.personId === personId)?.totalCents ?? 0
      byPerson.set(personId, (m = { personId, name, beforeCents: b, afterCents: a, differenceCents: a - b, changes: [] }))
    }
    return m
  }
  for (const [id, { item, name }] of after) {
    const old = before.get(id)
    if (!old) {
      memberOf(item.personId, name).changes.push({ ...base(item), change: 'added', beforeCents: null, afterCents: item.amountCents, differenceCents: item.amountCents, after: item.explanation })
    } else if (old.item.amountCents !== item.amountCents || old.item.explanation !== item.explanation) {
      memberOf(item.personId, name).changes.push({
        ...base(item),
        change: 'changed',
        beforeCents: old.item.amountCents,
        afterCents: item.amountCents,
        differenceCents: item.amountCents - old.item.amountCents,
        before: old.item.explanation,
        after: item.explanation,
      })
    }
  }
  for (const [id, { item, name }] of before) {
    if (after.has(id)) continue
    memberOf(item.personId, name).changes.push({ ...base(item), change: 'removed', beforeCents: item.amountCents, afterCents: null, differenceCents: -item.amountCents, before: item.explanation })
  }
  const members = [...byPerson.values()].sort((a, b) => compareCodeUnits(a.personId, b.personId))
  for (const m of members) m.changes.sort((a, b) => compareCodeUnits(a.month, b.month) || compareCodeUnits(a.date ?? '', b.date ?? '') || compareCodeUnits(a.itemId, b.itemId))
  return {
    samePeriod: earlier.period.from === later.period.from && earlier.period.to === later.period.to,
    sameStatute: earlier.statuteId === later.statuteId,
    sameInput: earlier.inputHash === later.inputHash,
    earlierInputHash: earlier.inputHash,
    laterInputHash: later.inputHash,
    members,
    differenceCents: later.totalCents - earlier.totalCents,
  }
}
