/**
 * Papers (Vorlagen): types configured as data, structured sections, attachments with versions,
 * the consultation sequence (Beratungsfolge), and who acts in which workflow role on a paper.
 *
 * Section texts are Markdown-subset strings (see rich-text.ts) held as Automerge text, so that
 * concurrent edits merge character by character.
 */
import type { FileRef, PaperType } from './documents.ts'
import { DEFAULT_PAPER_WORKFLOW, deriveWorkflow, type DerivedWorkflow, type WorkflowDefinition, type WorkflowEvent, type WorkflowRole } from './paper-workflow.ts'

export interface PaperSectionDef {
  key: string
  title: string
}

export interface PaperTypeDef {
  id: PaperType
  label: string
  /** reference prefix, e.g. "BV" */
  prefix: string
  sections: readonly PaperSectionDef[]
  workflowId: string
  /** does a consultation of this type end with a decision (Beschluss)? */
  decides: boolean
}

const S = {
  sachverhalt: { key: 'sachverhalt', title: 'Sachverhalt' },
  beschlussvorschlag: { key: 'beschlussvorschlag', title: 'Beschlussvorschlag' },
  finanzen: { key: 'finanzielle-auswirkungen', title: 'Finanzielle Auswirkungen' },
  begruendung: { key: 'begruendung', title: 'Begründung' },
  antragstext: { key: 'antragstext', title: 'Antragstext' },
  fragen: { key: 'fragen', title: 'Fragen' },
  antwort: { key: 'antwort', title: 'Antwort der Verwaltung' },
  mitteilung: { key: 'mitteilung', title: 'Mitteilung' },
} as const

/** Paper types of Musterstadt; a town configures its own list (same shape). */
export const DEFAULT_PAPER_TYPES: readonly PaperTypeDef[] = [
  { id: 'Beschlussvorlage', label: 'Beschlussvorlage', prefix: 'BV', workflowId: 'default', decides: true, sections: [S.beschlussvorschlag, S.sachverhalt, S.finanzen, S.begruendung] },
  { id: 'Informationsvorlage', label: 'Informationsvorlage', prefix: 'IV', workflowId: 'default', decides: false, sections: [S.sachverhalt, S.finanzen] },
  { id: 'Antrag', label: 'Antrag', prefix: 'AN', workflowId: 'default', decides: true, sections: [S.antragstext, S.begruendung] },
  { id: 'Anfrage', label: 'Anfrage', prefix: 'AF', workflowId: 'default', decides: false, sections: [S.fragen, S.antwort] },
  { id: 'Mitteilung', label: 'Mitteilung', prefix: 'MI', workflowId: 'default', decides: false, sections: [S.mitteilung] },
]

/**
 * Papers imported from another system (OParl): their history happened there, so they start done
 * (erledigt), never enter a body's queue and are not edited in Ratstisch.
 */
export const IMPORTED_PAPER_WORKFLOW: WorkflowDefinition = { ...DEFAULT_PAPER_WORKFLOW, id: 'imported', initial: 'done' }

export const WORKFLOWS: Readonly<Record<string, WorkflowDefinition>> = { default: DEFAULT_PAPER_WORKFLOW, imported: IMPORTED_PAPER_WORKFLOW }

export function paperTypeDef(id: string, types: readonly PaperTypeDef[] = DEFAULT_PAPER_TYPES): PaperTypeDef | undefined {
  return types.find((t) => t.id === id)
}

export function workflowOf(paper: { workflowId: string }): WorkflowDefinition {
  return WORKFLOWS[paper.workflowId] ?? DEFAULT_PAPER_WORKFLOW
}

export interface PaperSection {
  key: string
  title: string
  /** Markdown subset (rich-text.ts) */
  text: string
}

/** One uploaded version of an attachment; older versions are kept. */
export interface FileVersion extends FileRef {
  version: number
  uploadedAt: string
  uploadedBy: string
  uploadedByName: string
  /** why this version was uploaded ("Korrektur Kostenschätzung") */
  comment: string
}

export interface Attachment {
  id: string
  title: string
  /** oldest first; the last one is current */
  versions: FileVersion[]
}

/** Anhörung: an Ortschaftsrat is heard before the decision (§ 84 KVG LSA). */
export const CONSULTATION_ROLES = ['Vorberatung', 'Anhörung', 'Entscheidung', 'Kenntnisnahme'] as const
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number]

export const CONSULTATION_RESULTS = ['beschlossen', 'abgelehnt', 'zur Kenntnis genommen', 'vertagt', 'verwiesen', 'zurückgezogen'] as const
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number]

export interface Consultation {
  id: string
  organizationId: string
  organizationName: string
  role: ConsultationRole
  /** optional target meeting id */
  meetingId?: string
  result?: ConsultationResult
  resultAt?: string
  /** resolution text or note recorded with the result */
  resultNote?: string
}

export interface PaperRecipient {
  /** department id */
  id: string
  name: string
}

/** The current version of every attachment. */
export function currentFiles(attachments: readonly Attachment[] | undefined): FileRef[] {
  const out: FileRef[] = []
  for (const a of attachments ?? []) {
    const v = a.versions[a.versions.length - 1]
    if (v) out.push({ sha256: v.sha256, name: v.name, mime: v.mime, size: v.size, ...(v.pages ? { pages: v.pages } : {}), attachmentId: a.id, version: v.version })
  }
  return out
}

/**
 * An agenda item's files after its paper changed: each of the paper's files moves to the current
 * version of its attachment (older snapshots without `attachmentId` are recognised by their
 * SHA-256), attachments added since are appended, and files that are not the paper's stay as they
 * are. An equal list comes back when nothing changed.
 */
export function refreshItemFiles(files: readonly FileRef[], attachments: readonly Attachment[] | undefined): FileRef[] {
  const current = new Map(currentFiles(attachments).map((f) => [f.attachmentId!, f]))
  const attachmentOfVersion = new Map<string, string>()
  for (const a of attachments ?? []) for (const v of a.versions) attachmentOfVersion.set(v.sha256, a.id)
  const out: FileRef[] = []
  const placed = new Set<string>()
  for (const file of files) {
    const id = file.attachmentId && current.has(file.attachmentId) ? file.attachmentId : attachmentOfVersion.get(file.sha256)
    const latest = id ? current.get(id) : undefined
    if (!id || !latest) {
      out.push(file)
      continue
    }
    if (placed.has(id)) continue
    placed.add(id)
    out.push(latest)
  }
  for (const [id, file] of current) if (!placed.has(id)) out.push(file)
  return out
}

/**
 * Results that end a consultation and let the paper move on to the next one. "vertagt" keeps the
 * consultation open (the body's queue still holds the paper).
 */
export function isConsultationClosed(c: Consultation): boolean {
  return c.result !== undefined && c.result !== 'vertagt'
}

/** The first consultation without a final result: the body whose queue holds the paper. */
export function nextConsultation(consultations: readonly Consultation[] | undefined): Consultation | undefined {
  return (consultations ?? []).find((c) => !isConsultationClosed(c))
}

/** The subject a paper's roles are computed for (a signed-in user). */
export interface PaperActor {
  userId: string
  roles: readonly string[]
  departmentId?: string | null
}

export interface PaperAccessFacts {
  departmentId: string
  sharedWith?: readonly PaperRecipient[]
}

/**
 * Workflow roles of a user on one paper. Authors are the staff of the owning department and of
 * departments the paper is shared with; co-signers are staff of a department asked to co-sign.
 */
export function paperRolesOf(actor: PaperActor, paper: PaperAccessFacts, derived?: Pick<DerivedWorkflow, 'cosigning'>): WorkflowRole[] {
  const roles: WorkflowRole[] = []
  const staff = actor.roles.some((r) => r === 'author' || r === 'approver' || r === 'clerk' || r === 'admin')
  if (actor.roles.includes('clerk') || actor.roles.includes('admin')) roles.push('clerk')
  if (actor.roles.includes('approver')) roles.push('approver')
  const dept = actor.departmentId ?? undefined
  if (dept && actor.roles.includes('author') && (paper.departmentId === dept || (paper.sharedWith ?? []).some((d) => d.id === dept))) roles.push('author')
  if (dept && staff && derived && dept in derived.cosigning) roles.push('cosigner')
  return roles
}

export function derivePaperWorkflow(paper: { workflowId: string; events: readonly WorkflowEvent[] }): DerivedWorkflow {
  return deriveWorkflow(workflowOf(paper), paper.events)
}
