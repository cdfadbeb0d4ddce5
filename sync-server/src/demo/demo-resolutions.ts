/**
 * The Beschlusskontrolle of the demo town after the held meetings were settled: the Sitzungsdienst
 * has assigned most resolutions to a department with a due date, the departments have reported
 * progress, some resolutions are done, a few are overdue, the newest are still waiting for an
 * assignment. Everything goes through the ResolutionStore's own commands, as in the app.
 */
import type { ResolutionEntry, ResolutionStatus } from '@ratstisch/domain'
import { todayInBerlin } from '../access/access-registry.ts'
import type { Relay } from '../relay.ts'
import { markerNote } from './demo-marker.ts'
import { DEMO_DEPARTMENTS, type DemoTown } from './demo-town.ts'

const CLERK = 'clerk'

const PROGRESS = [
  'Die Umsetzung ist eingeleitet; die Vergabeunterlagen werden vorbereitet.',
  'Abstimmung mit den beteiligten Ämtern läuft; ein Zwischenbericht folgt in der nächsten Sitzung.',
  'Auftrag erteilt, die Ausführung ist terminiert.',
  'Fördermittelantrag gestellt; die Entscheidung des Landesverwaltungsamtes steht noch aus.',
] as const
const DONE = [
  'Der Beschluss ist umgesetzt.',
  'Umgesetzt: Vertrag unterzeichnet, Maßnahme abgeschlossen und abgerechnet.',
  'Der Beschluss wurde vollzogen; die Beteiligten sind schriftlich informiert.',
] as const
const DELAYED = 'Verzögerung: Rückfragen des Landkreises sind noch offen; neuer Termin wird abgestimmt.'
const FORWARDED = 'Die Empfehlung wurde dem beschließenden Gremium mit der Vorlage zugeleitet.'

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * Assigns owners, due dates and reports to the recorded resolutions; returns how many there are.
 * With the leak-test marker (RATSTISCH_DEMO_MARKER) every report on a non-public resolution
 * carries it.
 */
export function followUpDemoResolutions(relay: Relay, town: DemoTown, today = todayInBerlin(), marker: string | null = null): number {
  const clerk = relay.users.byUsername(CLERK)?.id
  if (!clerk) throw new Error('demo: the clerk account is missing')
  const departmentOf = new Map(town.papers.map((p) => [p.id, p.departmentId]))
  // a department's own staff report on its resolutions; others are reported by the Sitzungsdienst
  const reporterOf = new Map<string, { id: string; name: string }>()
  for (const user of town.users) {
    if (user.departmentId && user.roles.includes('author') && !reporterOf.has(user.departmentId)) reporterOf.set(user.departmentId, { id: user.id, name: user.name.split(',')[0] })
  }
  // in the order of the meetings and their items (not by the random ids), so every seed is alike
  const entries = relay.resolutions
    .list(clerk)
    .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || (a.meetingId ?? '').localeCompare(b.meetingId ?? '') || (a.itemId ?? '').localeCompare(b.itemId ?? '', 'en', { numeric: true }))
  const newest = entries.length ? entries[entries.length - 1].decidedOn : today

  const assign = (r: ResolutionEntry, departmentId: string, dueDate: string | null) => {
    const person = reporterOf.get(departmentId)?.name
    relay.resolutions.command(clerk, r.id, {
      id: `demo-assign-${r.id}`,
      action: 'assign',
      ownerDepartmentId: departmentId,
      ...(person ? { ownerPersonName: person } : {}),
      dueDate,
    })
  }
  let reports = 0
  const report = (r: ResolutionEntry, departmentId: string, status: ResolutionStatus, text: string) => {
    const by = reporterOf.get(departmentId)?.id ?? clerk
    const written = marker && !r.public ? `${text} ${markerNote(marker)}` : text
    relay.resolutions.command(by, r.id, { id: `demo-report-${++reports}-${r.id}`, action: 'report', status, text: written })
  }

  entries.forEach((r, i) => {
    const department = (r.paperId && departmentOf.get(r.paperId)) || DEMO_DEPARTMENTS.haupt.id
    // a committee's recommendation is carried out by passing it on with the paper
    if (/ empfiehlt dem | im Rahmen seines Anhörungsrechts /.test(r.text)) {
      assign(r, DEMO_DEPARTMENTS.haupt.id, null)
      report(r, DEMO_DEPARTMENTS.haupt.id, 'erledigt', FORWARDED)
      return
    }
    // the decisions of the last meeting day are still waiting for the Sitzungsdienst
    if (r.decidedOn === newest) return
    const due = (days: number) => addDays(r.decidedOn, days)
    const doneInTime = () => {
      assign(r, department, due(90))
      report(r, department, 'in Arbeit', PROGRESS[i % PROGRESS.length])
      if (due(60) < today) report(r, department, 'erledigt', DONE[i % DONE.length])
    }
    // decided within the last two months: the departments have only just started
    const recent = due(60) >= today
    switch (i % 8) {
      case 1:
        // assigned, nothing reported yet (overdue if the short deadline has passed)
        if (recent) assign(r, department, due(30))
        else doneInTime()
        break
      case 2:
        // now and then a measure runs late: in progress, past its due date
        if (i % 16 === 2 && due(45) < today) {
          assign(r, department, due(45))
          report(r, department, 'in Arbeit', PROGRESS[i % PROGRESS.length])
          report(r, department, 'in Arbeit', DELAYED)
        } else doneInTime()
        break
      case 3:
        // long-running measure
        assign(r, department, due(365))
        report(r, department, 'in Arbeit', PROGRESS[i % PROGRESS.length])
        break
      case 5:
        // done without a due date
        assign(r, department, null)
        report(r, department, 'erledigt', DONE[i % DONE.length])
        break
      case 6:
        // not yet assigned
        break
      case 7:
        // assigned with a half-year deadline
        assign(r, department, due(180))
        if (due(180) < today) report(r, department, 'erledigt', DONE[i % DONE.length])
        break
      default:
        doneInTime()
        break
    }
  })
  return entries.length
}
