/**
 * Who may change what in a paper, checked by the relay on every writer's change (on top of the
 * structural validation), and the paper's audience in each phase of its life.
 *
 * Rights are checked against the workflow state the writer saw: the state derived from the events
 * present at the dependencies of the writer's changes. An author who typed offline while the paper
 * was still a draft gets those edits merged even if the paper went to co-signing meanwhile (the
 * history shows when); an author who has seen the co-signing step cannot edit any more.
 */
import { defaultAccess, type AccessEntry } from './access-policy.ts'
import type { PaperDoc } from './documents.ts'
import { canAddFiles, canEditSections, deriveWorkflow, type DerivedWorkflow, type WorkflowEvent } from './paper-workflow.ts'
import { paperRolesOf, workflowOf, type PaperActor } from './papers.ts'

/** Fields only the relay writes (through checked commands or at creation). */
export const PAPER_PROTECTED_FIELDS = [
  'type', 'id', 'reference', 'number', 'termId', 'public', 'paperType', 'departmentId', 'department',
  'workflowId', 'createdBy', 'createdAt', 'sharedWith', 'events',
] as const

/** Fields editors change in the states that allow editing. */
export const PAPER_CONTENT_FIELDS = ['name', 'summary', 'date', 'sections', 'attachments', 'consultations'] as const

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export interface PaperWriteCheck {
  before: PaperDoc
  after: PaperDoc
  /** the events the writer had seen when making the change */
  seenEvents: readonly WorkflowEvent[]
  actor: PaperActor
}

/** Problems with a writer's change to a paper (English, for the audit log); empty = allowed. */
export function checkPaperWrite({ before, after, seenEvents, actor }: PaperWriteCheck): string[] {
  const problems: string[] = []
  for (const field of PAPER_PROTECTED_FIELDS) {
    if (!same(before[field], after[field])) problems.push(`${field} is changed only by the relay`)
  }
  const changed = PAPER_CONTENT_FIELDS.filter((field) => !same(before[field], after[field]))
  if (changed.length === 0) return problems

  const def = workflowOf(before)
  const seen = deriveWorkflow(def, seenEvents)
  const roles = paperRolesOf(actor, before, seen)
  const onlyFiles = changed.every((field) => field === 'attachments')
  if (!canEditSections(def, seen.state, roles) && !(onlyFiles && canAddFiles(def, seen.state, roles))) {
    problems.push(`${changed.join(', ')}: not editable by ${roles.join('+') || 'this user'} in state ${seen.state}`)
    return problems
  }

  if (changed.includes('sections')) {
    const shape = (d: PaperDoc) => (d.sections ?? []).map((s) => `${s.key}\u0000${s.title}`)
    if (!same(shape(before), shape(after))) problems.push('sections are fixed by the paper type; only their text changes')
  }

  if (changed.includes('attachments')) {
    for (const old of before.attachments ?? []) {
      const now = (after.attachments ?? []).find((a) => a.id === old.id)
      if (!now) {
        problems.push(`attachment ${old.id} was removed (attachments and their versions are kept)`)
        continue
      }
      if (!same(old.versions, now.versions.slice(0, old.versions.length))) problems.push(`attachment ${old.id}: earlier versions must stay unchanged`)
      // after release the office adds files; what the bodies were given keeps its title
      if (!canEditSections(def, seen.state, roles) && old.title !== now.title) problems.push(`attachment ${old.id}: the title stays in state ${seen.state}`)
    }
    for (const attachment of after.attachments ?? []) {
      const old = (before.attachments ?? []).find((a) => a.id === attachment.id)
      const added = attachment.versions.slice(old?.versions.length ?? 0)
      added.forEach((v, i) => {
        if (v.uploadedBy !== actor.userId) problems.push(`attachment ${attachment.id}: a new version must name its uploader`)
        if (v.version !== (old?.versions.length ?? 0) + i + 1) problems.push(`attachment ${attachment.id}: versions are numbered 1, 2, 3 …`)
      })
    }
  }

  if (changed.includes('consultations')) {
    const resultOf = (c: { result?: string; resultAt?: string; resultNote?: string } | undefined) => [c?.result, c?.resultAt, c?.resultNote]
    for (const c of after.consultations ?? []) {
      const old = (before.consultations ?? []).find((o) => o.id === c.id)
      if (!same(resultOf(old), resultOf(c))) problems.push(`consultation ${c.id}: results are recorded only by the relay`)
    }
    for (const old of before.consultations ?? []) {
      if (old.result && !(after.consultations ?? []).some((c) => c.id === old.id)) problems.push(`consultation ${old.id} has a result and stays`)
    }
  }
  return problems
}

const DRAFT_STATES = new Set(['draft', 'cosigning', 'approval'])

/** Is the paper still inside the administration (not released to the bodies)? */
export function isPaperDraft(paper: Pick<PaperDoc, 'reference'>, derived: Pick<DerivedWorkflow, 'state'>): boolean {
  return DRAFT_STATES.has(derived.state) || (derived.state === 'withdrawn' && !paper.reference)
}

/**
 * The paper's audience: while drafting, its departments (owner and shared: write; asked to
 * co-sign: read), the office and the approvers; once released, additionally the members of the
 * consultation bodies (read); public only when the paper is marked public (on a released public
 * agenda, set by the meeting workflow), never before.
 */
export function paperAccess(paper: PaperDoc, derived: DerivedWorkflow): AccessEntry {
  const departmentIds = [paper.departmentId, ...(paper.sharedWith ?? []).map((d) => d.id)]
  const readerDepartmentIds = Object.keys(derived.cosigning)
  if (isPaperDraft(paper, derived)) return defaultAccess('paper', { draft: true, departmentIds, readerDepartmentIds })
  return defaultAccess('paper', {
    public: paper.public,
    organizationIds: (paper.consultations ?? []).map((c) => c.organizationId),
    departmentIds,
    readerDepartmentIds,
  })
}
