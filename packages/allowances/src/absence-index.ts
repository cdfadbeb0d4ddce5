/**
 * Continuous absences per member (periods in which the member did not exercise the office, as the
 * clerk recorded them). Overlapping and adjoining records merge into one absence, so "more than 3
 * months without a break" counts from the first day.
 */
import { addMonths, dayNumber, isoFromDayNumber } from './calendar-date.ts'
import type { AbsenceRecord } from './calculation-input.ts'
import { OPEN_END } from './statute-timeline.ts'

export class AbsenceIndex {
  private readonly byPerson = new Map<string, { from: number; to: number }[]>()

  constructor(absences: readonly AbsenceRecord[]) {
    const raw = new Map<string, { from: number; to: number }[]>()
    for (const a of absences) {
      const list = raw.get(a.personId) ?? []
      list.push({ from: dayNumber(a.from), to: a.to ? dayNumber(a.to) : OPEN_END })
      raw.set(a.personId, list)
    }
    for (const [personId, list] of raw) {
      list.sort((a, b) => a.from - b.from || a.to - b.to)
      const merged: { from: number; to: number }[] = []
      for (const s of list) {
        const last = merged[merged.length - 1]
        if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to)
        else merged.push({ ...s })
      }
      this.byPerson.set(personId, merged)
    }
  }

  /** any absence touches [from, to] */
  overlaps(personId: string, from: number, to: number): boolean {
    for (const s of this.byPerson.get(personId) ?? []) if (s.from <= to && s.to >= from) return true
    return false
  }

  /** first day of the continuous absence that covers `day`, or null */
  absentSince(personId: string, day: number): number | null {
    for (const s of this.byPerson.get(personId) ?? []) if (day >= s.from && day <= s.to) return s.from
    return null
  }

  /** absent on `day` for more than `months` months without a break (from start + months on) */
  absentBeyond(personId: string, day: number, months: number): number | null {
    const since = this.absentSince(personId, day)
    if (since === null) return null
    return day >= dayNumber(addMonths(isoFromDayNumber(since), months)) ? since : null
  }
}
