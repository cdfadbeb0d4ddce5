/**
 * A calculation run for a period of whole months: validates the statute and the input, normalizes
 * the input (records sorted, so their order does not matter), hashes it, and returns per member
 * the line items with explanations. Pure: no clock, no I/O; the same input gives a byte-identical
 * result.
 */
import { assertCalculationInput, type CalculationInput } from './calculation-input.ts'
import { RUN_FORMAT, type CalculationRun, type LineItem, type MemberResult } from './calculation-run.ts'
import { canonicalJson, compareCodeUnits, createTextHasher } from './canonical-json.ts'
import { claimItems } from './claim-items.ts'
import { ConfigError, problem } from './config-problems.ts'
import { monthlyItems } from './monthly-items.ts'
import { buildRunContext } from './run-context.ts'
import { sessionFeeItems } from './session-fee-items.ts'
import { ALLOWANCE_KINDS, type AllowanceKind, type Statute } from './statute.ts'
import { parseStatute } from './statute-validation.ts'

const KIND_ORDER = new Map<AllowanceKind, number>(ALLOWANCE_KINDS.map((k, i) => [k, i]))

/** The records of a list sorted by their canonical JSON, with those JSON texts (hashing reuses them). */
function canonicalList<T>(list: readonly T[] | undefined): { items: T[]; json: string[] } {
  const pairs = (list ?? []).map((item) => ({ item, json: canonicalJson(item) }))
  pairs.sort((a, b) => compareCodeUnits(a.json, b.json))
  return { items: pairs.map((p) => p.item), json: pairs.map((p) => p.json) }
}

/**
 * The input in a canonical order and its SHA-256. Two inputs with the same records in any order
 * have the same hash and give the same run. The hash is over the canonical JSON of
 * `{absences, assignments, attendance, claims, members, memberships, organizations, period, statute}`,
 * fed to the hasher record by record.
 */
export function normalizeInput(input: CalculationInput): { input: CalculationInput; hash: string } {
  const statute = parseStatute(input.statute)
  const lists = {
    absences: canonicalList(input.absences),
    assignments: canonicalList(input.assignments),
    attendance: canonicalList(input.attendance),
    claims: canonicalList(input.claims),
    members: canonicalList(input.members),
    memberships: canonicalList(input.memberships),
    organizations: canonicalList(input.organizations),
  }
  const hasher = createTextHasher()
  const feed = (text: string) => hasher.update(text)
  let first = true
  for (const [name, list] of Object.entries(lists)) {
    feed(`${first ? '{' : ','}${JSON.stringify(name)}:[`)
    first = false
    list.json.forEach((json, i) => feed(i === 0 ? json : `,${json}`))
    feed(']')
  }
  feed(`,"period":${canonicalJson(input.period)},"statute":${canonicalJson(statute)}}`)
  return {
    hash: hasher.hex(),
    input: {
      statute,
      period: { from: input.period.from, to: input.period.to },
      absences: lists.absences.items,
      assignments: lists.assignments.items,
      attendance: lists.attendance.items,
      claims: lists.claims.items,
      members: lists.members.items,
      memberships: lists.memberships.items,
      organizations: lists.organizations.items,
    },
  }
}

function compareItems(a: LineItem, b: LineItem): number {
  return (
    compareCodeUnits(a.month, b.month) ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
    compareCodeUnits(a.date ?? '', b.date ?? '') ||
    compareCodeUnits(a.id, b.id)
  )
}

function emptyTotals(): Record<AllowanceKind, number> {
  return Object.fromEntries(ALLOWANCE_KINDS.map((k) => [k, 0])) as Record<AllowanceKind, number>
}

/**
 * Calculates the allowances of a period. Throws a ConfigError (with `problems`, German messages
 * and paths) when the statute or the input is invalid.
 */
export function calculate(raw: CalculationInput): CalculationRun {
  assertCalculationInput(raw)
  const { input, hash } = normalizeInput(raw)
  const statute = input.statute as Statute
  const ctx = buildRunContext(input, statute)
  const unknownTypes = (raw.assignments ?? []).flatMap((a, i) =>
    ctx.timeline.kindOf(a.typeId) ? [] : [problem(`assignments[${i}].typeId`, `unbekannte Art "${a.typeId}" (nicht in der Satzung)`, `unknown type "${a.typeId}" (not in the statute)`)],
  )
  if (unknownTypes.length > 0) throw new ConfigError('Eingabe ungültig', unknownTypes)
  const all = [...monthlyItems(ctx), ...sessionFeeItems(ctx), ...claimItems(ctx, input.claims ?? [])]

  const byPerson = new Map<string, LineItem[]>()
  for (const item of all) {
    const list = byPerson.get(item.personId) ?? []
    list.push(item)
    byPerson.set(item.personId, list)
  }
  const totalsByKind = emptyTotals()
  const members: MemberResult[] = []
  for (const personId of [...byPerson.keys()].sort(compareCodeUnits)) {
    const items = byPerson.get(personId)!.sort(compareItems)
    let total = 0
    for (const item of items) {
      total += item.amountCents
      totalsByKind[item.kind] += item.amountCents
    }
    members.push({ personId, name: ctx.members.get(personId)!.name, totalCents: total, items })
  }
  return {
    format: RUN_FORMAT,
    statuteId: statute.id,
    statuteTitle: statute.title,
    period: { from: input.period.from, to: input.period.to },
    inputHash: hash,
    members,
    totalCents: members.reduce((sum, m) => sum + m.totalCents, 0),
    totalsByKind,
    notes: ctx.notes,
  }
}
