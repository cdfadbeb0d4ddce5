/**
 * Which statute version, and which allowance type of it, applies on a given day. A version runs
 * from its validFrom to its validTo, or, without one, to the day before the next version starts.
 */
import { dayNumber } from './calendar-date.ts'
import type { AllowanceKind, AllowanceType, Statute, StatuteVersion } from './statute.ts'

export const OPEN_END = 1e9
export const OPEN_START = -1e9

export interface ResolvedVersion {
  version: StatuteVersion
  index: number
  /** day numbers, inclusive */
  from: number
  to: number
  types: Map<string, AllowanceType>
}

export class StatuteTimeline {
  readonly versions: ResolvedVersion[]
  private readonly kinds = new Map<string, AllowanceKind>()

  constructor(readonly statute: Statute) {
    this.versions = statute.versions.map((version, index) => {
      const next = statute.versions[index + 1]
      const own = version.validTo !== undefined ? dayNumber(version.validTo) : OPEN_END
      const to = next ? Math.min(own, dayNumber(next.validFrom) - 1) : own
      return { version, index, from: dayNumber(version.validFrom), to, types: new Map(version.types.map((t) => [t.id, t])) }
    })
    for (const v of statute.versions) for (const t of v.types) if (!this.kinds.has(t.id)) this.kinds.set(t.id, t.kind)
  }

  versionOn(day: number): ResolvedVersion | null {
    for (const v of this.versions) if (day >= v.from && day <= v.to) return v
    return null
  }

  typeOn(typeId: string, day: number): AllowanceType | null {
    return this.versionOn(day)?.types.get(typeId) ?? null
  }

  typesOfKindOn(kind: AllowanceKind, day: number): AllowanceType[] {
    const v = this.versionOn(day)
    return v ? v.version.types.filter((t) => t.kind === kind) : []
  }

  /** the kind of a type id (stable across versions; validation checks it), or null if unknown */
  kindOf(typeId: string): AllowanceKind | null {
    return this.kinds.get(typeId) ?? null
  }
}
