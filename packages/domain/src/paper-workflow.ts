/**
 * Workflow of papers (Vorlagen) as data, and the state derived from an event list.
 *
 * Workflow steps are events appended to the paper's document (an Automerge list), never a
 * mutable "state" field: two people acting at the same time, even offline, both end up in the
 * history, and every device derives the same state by replaying the events in one order
 * (time, then id). An event that is not allowed in the state it meets is kept and shown as
 * "not applied" with the reason, so nothing is silently overwritten.
 */
import type { PaperType } from './documents.ts'

export type WorkflowRole = 'author' | 'cosigner' | 'approver' | 'clerk'

export interface WorkflowStateDef {
  label: string
  /** who may edit the paper's sections in this state */
  editors: readonly WorkflowRole[]
  /**
   * who may add attachments and new file versions besides the editors: the office keeps a paper's
   * documents current while the bodies consult it (a corrected plan, an updated annex)
   */
  fileEditors?: readonly WorkflowRole[]
  final?: boolean
}

export interface WorkflowTransitionDef {
  action: string
  label: string
  from: readonly string[]
  to: string
  by: readonly WorkflowRole[]
  requiresComment?: boolean
  /** a privileged step the relay performs as a checked command (e.g. release assigns the number) */
  serverChecked?: boolean
}

export interface WorkflowDefinition {
  id: string
  initial: string
  states: Record<string, WorkflowStateDef>
  transitions: readonly WorkflowTransitionDef[]
  /** state entered when co-signing starts, and the one reached when every department signed */
  cosigning?: { state: string; complete: string; returned: string }
  /** state reached when the last consultation has a result */
  completed?: string
}

/** The default: Entwurf → Mitzeichnung → Freigabe → freigegeben → in Beratung → erledigt / zurückgezogen. */
export const DEFAULT_PAPER_WORKFLOW: WorkflowDefinition = {
  id: 'default',
  initial: 'draft',
  states: {
    draft: { label: 'Entwurf', editors: ['author', 'clerk'] },
    cosigning: { label: 'Mitzeichnung', editors: [] },
    approval: { label: 'Freigabe', editors: ['approver'] },
    released: { label: 'freigegeben', editors: ['clerk'], fileEditors: ['clerk'] },
    consultation: { label: 'in Beratung', editors: [], fileEditors: ['clerk'] },
    done: { label: 'erledigt', editors: [], final: true },
    withdrawn: { label: 'zurückgezogen', editors: [], final: true },
  },
  transitions: [
    { action: 'request-cosigning', label: 'Zur Mitzeichnung senden', from: ['draft'], to: 'cosigning', by: ['author', 'clerk'] },
    { action: 'request-approval', label: 'Zur Freigabe senden', from: ['draft'], to: 'approval', by: ['author', 'clerk'] },
    { action: 'return-to-draft', label: 'Zurück an die Verfasser', from: ['approval'], to: 'draft', by: ['approver', 'clerk'], requiresComment: true },
    { action: 'release', label: 'Freigeben', from: ['approval'], to: 'released', by: ['approver'], serverChecked: true },
    { action: 'start-consultation', label: 'In Beratung geben', from: ['released'], to: 'consultation', by: ['clerk'], serverChecked: true },
    { action: 'complete', label: 'Erledigt', from: ['consultation'], to: 'done', by: ['clerk'], serverChecked: true },
    { action: 'consultation-result', label: 'Beratungsergebnis erfassen', from: ['released', 'consultation'], to: 'consultation', by: ['clerk'], serverChecked: true },
    { action: 'share', label: 'Freigeben für Abteilung', from: ['draft', 'cosigning', 'approval'], to: '', by: ['author', 'clerk'], serverChecked: true },
    { action: 'withdraw', label: 'Zurückziehen', from: ['draft', 'cosigning', 'approval', 'released', 'consultation'], to: 'withdrawn', by: ['author', 'clerk'], requiresComment: true },
  ],
  cosigning: { state: 'cosigning', complete: 'approval', returned: 'draft' },
  completed: 'done',
}

export interface WorkflowEvent {
  /** the command id the client chose (idempotency key) */
  id: string
  /** ISO time at which the relay recorded the step (one clock for all events) */
  at: string
  /** ISO time on the acting device, when the step was taken offline and sent later */
  clientAt?: string
  actor: string
  actorName?: string
  roles: readonly WorkflowRole[]
  action: string
  comment?: string
  /** request-cosigning: the departments asked; cosign / return-cosigning: the acting department */
  departments?: readonly string[]
  department?: string
  /** request-cosigning: due date (ISO date) */
  dueDate?: string
  /** release: the reference the relay assigned */
  reference?: string
  /** consultation-result: which consultation, the result, and whether it was the last open one */
  consultationId?: string
  result?: string
  completes?: boolean
}

export type CosignStatus = 'pending' | 'signed' | 'returned'

export interface HistoryEntry {
  event: WorkflowEvent
  applied: boolean
  /** state after this entry */
  state: string
  reason?: string
}

export interface DerivedWorkflow {
  state: string
  cosigning: Record<string, CosignStatus>
  history: HistoryEntry[]
}

const byTimeThenId = (a: WorkflowEvent, b: WorkflowEvent) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)

/** Replays the events in one deterministic order and returns the state, co-signing status and history. */
export function deriveWorkflow(def: WorkflowDefinition, events: readonly WorkflowEvent[]): DerivedWorkflow {
  let state = def.initial
  let cosigning: Record<string, CosignStatus> = {}
  const history: HistoryEntry[] = []
  const refuse = (event: WorkflowEvent, reason: string) => history.push({ event, applied: false, state, reason })

  for (const event of [...events].sort(byTimeThenId)) {
    if (event.action === 'cosign' || event.action === 'return-cosigning') {
      const department = event.department
      if (!def.cosigning || state !== def.cosigning.state) {
        refuse(event, `Mitzeichnung ist im Status „${def.states[state]?.label ?? state}“ nicht möglich`)
        continue
      }
      if (!event.roles.includes('cosigner') || !department || cosigning[department] !== 'pending') {
        refuse(event, 'Diese Abteilung ist nicht (mehr) zur Mitzeichnung aufgefordert')
        continue
      }
      if (event.action === 'return-cosigning' && !event.comment?.trim()) {
        refuse(event, 'Eine Rückgabe braucht eine Begründung')
        continue
      }
      cosigning = { ...cosigning, [department]: event.action === 'cosign' ? 'signed' : 'returned' }
      if (event.action === 'return-cosigning') state = def.cosigning.returned
      else if (Object.values(cosigning).every((s) => s === 'signed')) state = def.cosigning.complete
      history.push({ event, applied: true, state })
      continue
    }

    const transition = def.transitions.find((t) => t.action === event.action)
    if (!transition) {
      refuse(event, `Unbekannter Schritt „${event.action}“`)
      continue
    }
    if (!transition.from.includes(state)) {
      refuse(event, `„${transition.label}“ ist im Status „${def.states[state]?.label ?? state}“ nicht möglich`)
      continue
    }
    if (!transition.by.some((r) => event.roles.includes(r))) {
      refuse(event, `Keine Berechtigung für „${transition.label}“`)
      continue
    }
    if (transition.requiresComment && !event.comment?.trim()) {
      refuse(event, `„${transition.label}“ braucht eine Begründung`)
      continue
    }
    if (event.action === 'request-cosigning') {
      const departments = [...new Set(event.departments ?? [])]
      if (departments.length === 0) {
        refuse(event, 'Mindestens eine Abteilung zur Mitzeichnung auswählen')
        continue
      }
      cosigning = Object.fromEntries(departments.map((d) => [d, 'pending' as const]))
    }
    // a result of the last open consultation completes the paper; "share" keeps the state
    if (event.action === 'consultation-result') state = event.completes ? (def.completed ?? transition.to) : transition.to
    else if (transition.to) state = transition.to
    history.push({ event, applied: true, state })
  }
  return { state, cosigning, history }
}

/** Steps the actor may take now (for buttons), given the derived state. */
export function availableActions(def: WorkflowDefinition, derived: DerivedWorkflow, roles: readonly WorkflowRole[], department?: string): string[] {
  const actions = def.transitions.filter((t) => t.from.includes(derived.state) && t.by.some((r) => roles.includes(r))).map((t) => t.action)
  if (def.cosigning && derived.state === def.cosigning.state && roles.includes('cosigner') && department && derived.cosigning[department] === 'pending') {
    actions.push('cosign', 'return-cosigning')
  }
  return actions
}

export function canEditSections(def: WorkflowDefinition, state: string, roles: readonly WorkflowRole[]): boolean {
  return def.states[state]?.editors.some((r) => roles.includes(r)) ?? false
}

/** May these roles add attachments or new file versions in this state (editors always may)? */
export function canAddFiles(def: WorkflowDefinition, state: string, roles: readonly WorkflowRole[]): boolean {
  return canEditSections(def, state, roles) || (def.states[state]?.fileEditors?.some((r) => roles.includes(r)) ?? false)
}

/** Type prefixes of paper references; configurable per town, these are the defaults. */
export const DEFAULT_REFERENCE_PREFIXES: Record<PaperType, string> = {
  Beschlussvorlage: 'BV',
  Informationsvorlage: 'IV',
  Antrag: 'AN',
  Anfrage: 'AF',
  Mitteilung: 'MI',
}

/** "BV 160 (VIII/2024-2029)" */
export function formatPaperReference(prefix: string, number: number, term: { name: string; startDate: string; endDate: string }): string {
  return `${prefix} ${number} (${term.name}/${term.startDate.slice(0, 4)}-${term.endDate.slice(0, 4)})`
}

/** The next running number for a prefix within a term: one more than the highest taken. */
export function nextPaperNumber(taken: Iterable<number>): number {
  let max = 0
  for (const n of taken) if (Number.isInteger(n) && n > max) max = n
  return max + 1
}
