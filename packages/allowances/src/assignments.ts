/**
 * Which allowance types a member has on which days: the statute's defaults by role and body
 * (from the memberships), plus the clerk's additions, minus the clerk's removals. A removal wins on
 * the days it covers, whatever the order the clerk entered things in.
 */
import { dayNumber, isoFromDayNumber } from './calendar-date.ts'
import type { AssignmentOverride, MembershipRecord, OrganizationRef } from './calculation-input.ts'
import type { Statute } from './statute.ts'
import { OPEN_END, OPEN_START } from './statute-timeline.ts'
import { compareCodeUnits } from './canonical-json.ts'

export interface AssignmentSpan {
  personId: string
  typeId: string
  /** inclusive; null = open */
  from: string | null
  to: string | null
  /** `statute`: a default of the statute for a membership; `clerk`: the clerk's addition */
  source: 'statute' | 'clerk'
  /** the body whose membership brought it (or the clerk named) */
  organizationId?: string
}

interface DaySpan {
  from: number
  to: number
  source: 'statute' | 'clerk'
  organizationId?: string
}

/** Subtracts [from, to] from each span. */
function subtract(spans: DaySpan[], from: number, to: number): DaySpan[] {
  const out: DaySpan[] = []
  for (const s of spans) {
    if (s.to < from || s.from > to) {
      out.push(s)
      continue
    }
    if (s.from < from) out.push({ ...s, to: from - 1 })
    if (s.to > to) out.push({ ...s, from: to + 1 })
  }
  return out
}

export interface AssignmentSources {
  memberships: MembershipRecord[]
  organizations: OrganizationRef[]
  assignments?: AssignmentOverride[]
}

/** Per person and type the days (as spans of day numbers) the type is assigned. */
export class AssignmentIndex {
  private readonly byPerson = new Map<string, Map<string, DaySpan[]>>()

  constructor(statute: Statute, sources: AssignmentSources) {
    const orgs = new Map(sources.organizations.map((o) => [o.id, o]))
    const spansOf = (personId: string, typeId: string): DaySpan[] => {
      let types = this.byPerson.get(personId)
      if (!types) this.byPerson.set(personId, (types = new Map()))
      let spans = types.get(typeId)
      if (!spans) types.set(typeId, (spans = []))
      return spans
    }
    for (const m of sources.memberships) {
      const org = orgs.get(m.organizationId)
      const from = m.startDate ? dayNumber(m.startDate) : OPEN_START
      const to = m.endDate ? dayNumber(m.endDate) : OPEN_END
      if (to < from) continue
      for (const rule of statute.defaults) {
        if (rule.roles && !rule.roles.includes(m.role)) continue
        if (rule.classifications && !(org && rule.classifications.includes(org.classification))) continue
        if (rule.organizationIds && !rule.organizationIds.includes(m.organizationId)) continue
        for (const typeId of rule.types) spansOf(m.personId, typeId).push({ from, to, source: 'statute', organizationId: m.organizationId })
      }
    }
    const overrides = sources.assignments ?? []
    for (const o of overrides) {
      if (o.action !== 'add') continue
      spansOf(o.personId, o.typeId).push({ from: dayNumber(o.from), to: o.to ? dayNumber(o.to) : OPEN_END, source: 'clerk', organizationId: o.organizationId })
    }
    for (const o of overrides) {
      if (o.action !== 'remove') continue
      const types = this.byPerson.get(o.personId)
      const spans = types?.get(o.typeId)
      if (!types || !spans) continue
      types.set(o.typeId, subtract(spans, dayNumber(o.from), o.to ? dayNumber(o.to) : OPEN_END))
    }
    for (const types of this.byPerson.values()) {
      for (const [typeId, spans] of types) {
        spans.sort((a, b) => a.from - b.from || a.to - b.to || compareCodeUnits(a.organizationId ?? '', b.organizationId ?? ''))
        if (spans.length === 0) types.delete(typeId)
      }
    }
  }

  has(personId: string, typeId: string, day: number): boolean {
    const spans = this.byPerson.get(personId)?.get(typeId)
    if (!spans) return false
    for (const s of spans) if (day >= s.from && day <= s.to) return true
    return false
  }

  /** one span covers every day of [from, to] */
  coversAll(personId: string, typeId: string, from: number, to: number): boolean {
    const spans = this.byPerson.get(personId)?.get(typeId)
    for (const s of spans ?? []) if (s.from <= from && s.to >= to) return true
    return false
  }

  /** the body of the first span that covers the day (for supplements passing to a deputy) */
  organizationOn(personId: string, typeId: string, day: number): string | undefined {
    const spans = this.byPerson.get(personId)?.get(typeId)
    for (const s of spans ?? []) if (day >= s.from && day <= s.to && s.organizationId) return s.organizationId
    return undefined
  }

  /** type ids the person has on at least one day of [from, to] */
  typesBetween(personId: string, from: number, to: number): string[] {
    const out: string[] = []
    for (const [typeId, spans] of this.byPerson.get(personId) ?? []) {
      if (spans.some((s) => s.to >= from && s.from <= to)) out.push(typeId)
    }
    return out.sort()
  }

  /** every span, as dates, sorted by person, type and start */
  spans(): AssignmentSpan[] {
    const out: AssignmentSpan[] = []
    for (const [personId, types] of this.byPerson) {
      for (const [typeId, spans] of types) {
        for (const s of spans) {
          out.push({
            personId,
            typeId,
            from: s.from <= OPEN_START ? null : isoFromDayNumber(s.from),
            to: s.to >= OPEN_END ? null : isoFromDayNumber(s.to),
            source: s.source,
            ...(s.organizationId ? { organizationId: s.organizationId } : {}),
          })
        }
      }
    }
    return out.sort(
      (a, b) =>
        compareCodeUnits(a.personId, b.personId) ||
        compareCodeUnits(a.typeId, b.typeId) ||
        compareCodeUnits(a.from ?? '', b.from ?? '') ||
        compareCodeUnits(a.to ?? '9', b.to ?? '9'),
    )
  }
}

/** The effective assignments (statute defaults and the clerk's changes) as a list, for the clerk's view. */
export function effectiveAssignments(statute: Statute, sources: AssignmentSources): AssignmentSpan[] {
  return new AssignmentIndex(statute, sources).spans()
}
