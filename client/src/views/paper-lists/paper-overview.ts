/**
 * Figures of the executive overview (Führungsinfo): papers per department and workflow state, and
 * overdue co-signings per department that still owes its signature.
 */
import type { PaperListEntry } from '@ratstisch/domain'
import { isOverdue, waitingDepartments } from './paper-filters.ts'

export interface DepartmentCounts {
  departmentId: string
  name: string
  byState: Record<string, number>
  total: number
}

export interface StateOverview {
  rows: DepartmentCounts[]
  totals: Record<string, number>
  total: number
}

export function countByStateAndDepartment(
  papers: readonly PaperListEntry[],
  states: readonly string[],
  names: ReadonlyMap<string, string>,
): StateOverview {
  const zero = () => Object.fromEntries(states.map((s) => [s, 0])) as Record<string, number>
  const rows = new Map<string, DepartmentCounts>()
  const totals = zero()
  for (const p of papers) {
    let row = rows.get(p.departmentId)
    if (!row) rows.set(p.departmentId, (row = { departmentId: p.departmentId, name: names.get(p.departmentId) ?? p.department, byState: zero(), total: 0 }))
    row.byState[p.state] = (row.byState[p.state] ?? 0) + 1
    row.total++
    totals[p.state] = (totals[p.state] ?? 0) + 1
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')),
    totals,
    total: papers.length,
  }
}

export interface OverdueRow {
  departmentId: string
  name: string
  count: number
  /** earliest due date among its overdue co-signings */
  oldestDue: string
}

/** Overdue co-signings counted per department that has not signed yet; most overdue first. */
export function overdueByWaitingDepartment(papers: readonly PaperListEntry[], today: string, names: ReadonlyMap<string, string>): OverdueRow[] {
  const rows = new Map<string, OverdueRow>()
  for (const p of papers) {
    if (!isOverdue(p, today)) continue
    const due = p.cosigningDue!.slice(0, 10)
    for (const dept of waitingDepartments(p)) {
      const row = rows.get(dept)
      if (!row) rows.set(dept, { departmentId: dept, name: names.get(dept) ?? dept, count: 1, oldestDue: due })
      else {
        row.count++
        if (due < row.oldestDue) row.oldestDue = due
      }
    }
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.oldestDue.localeCompare(b.oldestDue) || a.name.localeCompare(b.name, 'de'))
}
