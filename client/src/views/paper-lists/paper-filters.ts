/**
 * What the staff paper lists show: the user's tasks (inbox), all papers, overdue co-signings, and
 * the filters on top — as plain functions over the relay's PaperListEntry rows, so thousands of
 * rows are filtered on the device (also offline) and the rules are tested without a browser.
 * Filters live in the URL query string, so a count in the executive overview links to its list.
 */
import { DEFAULT_PAPER_TYPES, DEFAULT_PAPER_WORKFLOW, type PaperListEntry } from '@ratstisch/domain'

export const LIST_VIEWS = ['inbox', 'all', 'overdue'] as const
export type ListView = (typeof LIST_VIEWS)[number]

export interface PaperListQuery {
  view: ListView
  /** free text over reference and title */
  q: string
  state: string
  /** owning department */
  dept: string
  /** department whose co-signature is still pending */
  waiting: string
  /** body whose queue holds the paper (next open consultation) */
  body: string
  type: string
}

export const EMPTY_QUERY: PaperListQuery = { view: 'inbox', q: '', state: '', dept: '', waiting: '', body: '', type: '' }

const FILTER_KEYS = ['q', 'state', 'dept', 'waiting', 'body', 'type'] as const

export function parseListQuery(search: string): PaperListQuery {
  const params = new URLSearchParams(search)
  const view = params.get('view')
  const query: PaperListQuery = { ...EMPTY_QUERY, view: (LIST_VIEWS as readonly string[]).includes(view ?? '') ? (view as ListView) : 'inbox' }
  for (const key of FILTER_KEYS) query[key] = (params.get(key) ?? '').slice(0, 200)
  return query
}

/** "?view=all&state=draft" — defaults left out, so the plain list has a plain URL. */
export function listQueryString(query: Partial<PaperListQuery>): string {
  const params = new URLSearchParams()
  if (query.view && query.view !== 'inbox') params.set('view', query.view)
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim()
    if (value) params.set(key, value)
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

export const hasFilters = (query: PaperListQuery): boolean => FILTER_KEYS.some((k) => query[k].trim() !== '')

/** The signed-in user as far as the lists care. */
export interface ListActor {
  id: string
  roles: readonly string[]
  departmentId: string | null
}

export type TaskKind = 'cosign' | 'approve' | 'returned' | 'draft' | 'consult'

const STAFF_ROLES = new Set(['author', 'approver', 'clerk', 'admin'])

/**
 * Why a paper is in the user's inbox, or null:
 * - cosign: the user's department is asked to co-sign and has not answered yet;
 * - approve: waiting for approval, and the user is an approver;
 * - returned / draft: a draft of the user's department that came back (from co-signing or approval), or one the
 *   user started (authors);
 * - consult: released, and the clerk's office puts it into consultation.
 */
export function taskOf(p: PaperListEntry, actor: ListActor): TaskKind | null {
  const roles = actor.roles
  switch (p.state) {
    case 'cosigning':
      return actor.departmentId && p.cosigning[actor.departmentId] === 'pending' && roles.some((r) => STAFF_ROLES.has(r)) ? 'cosign' : null
    case 'approval':
      return roles.includes('approver') ? 'approve' : null
    case 'draft': {
      if (!roles.includes('author') || !actor.departmentId || p.departmentId !== actor.departmentId) return null
      if (p.returnedAt || Object.values(p.cosigning).includes('returned')) return 'returned'
      return p.createdBy === actor.id ? 'draft' : null
    }
    case 'released':
      return roles.includes('clerk') || roles.includes('admin') ? 'consult' : null
    default:
      return null
  }
}

/** Co-signing still pending after its due date (`today` as YYYY-MM-DD in the town's time zone). */
export function isOverdue(p: PaperListEntry, today: string): boolean {
  return (
    p.state === 'cosigning' &&
    !!p.cosigningDue &&
    p.cosigningDue.slice(0, 10) < today &&
    Object.values(p.cosigning).includes('pending')
  )
}

/** Departments that still owe a co-signature on a paper. */
export const waitingDepartments = (p: PaperListEntry): string[] =>
  Object.entries(p.cosigning)
    .filter(([, status]) => status === 'pending')
    .map(([dept]) => dept)

const searchText = new WeakMap<PaperListEntry, string>()
// toLowerCase folds German umlauts like the locale-aware variant, at a fraction of the cost
const fold = (s: string) => s.toLowerCase()

function haystack(p: PaperListEntry): string {
  let text = searchText.get(p)
  if (text === undefined) searchText.set(p, (text = fold(`${p.reference}\n${p.name}`)))
  return text
}

const byDueThenNewest = (a: PaperListEntry, b: PaperListEntry) =>
  (a.cosigningDue ?? '9999').localeCompare(b.cosigningDue ?? '9999') || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id)
const byNewest = (a: PaperListEntry, b: PaperListEntry) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id)

/** The rows of a view before the filter form applies (for the counts on the view switch). */
export function papersOfView(papers: readonly PaperListEntry[], view: ListView, actor: ListActor, today: string): PaperListEntry[] {
  switch (view) {
    case 'inbox':
      return papers.filter((p) => taskOf(p, actor) !== null).sort(byDueThenNewest)
    case 'overdue':
      return papers.filter((p) => isOverdue(p, today)).sort(byDueThenNewest)
    case 'all':
      return [...papers].sort(byNewest)
  }
}

/** Applies the filter form to the rows of a view (order kept). */
export function filterPapers(papers: readonly PaperListEntry[], query: PaperListQuery): PaperListEntry[] {
  const words = fold(query.q).split(/\s+/).filter(Boolean)
  const { state, dept, waiting, body, type } = query
  if (!words.length && !state && !dept && !waiting && !body && !type) return papers as PaperListEntry[]
  return papers.filter(
    (p) =>
      (!state || p.state === state) &&
      (!dept || p.departmentId === dept) &&
      (!type || p.paperType === type) &&
      (!waiting || p.cosigning[waiting] === 'pending') &&
      (!body || p.nextOrganizationId === body) &&
      (!words.length || words.every((w) => haystack(p).includes(w))),
  )
}

export interface Option {
  id: string
  label: string
}

/** Workflow states in workflow order, then any unknown ones the relay sent. */
export function statesOf(papers: readonly PaperListEntry[]): string[] {
  const known = Object.keys(DEFAULT_PAPER_WORKFLOW.states)
  const extra = [...new Set(papers.map((p) => p.state))].filter((s) => !known.includes(s)).sort()
  return [...known, ...extra]
}

/**
 * Id -> name of every department the rows mention (owning or asked to co-sign). Names come from
 * `known` (the relay's department list), else from the rows, else the id.
 */
export function departmentNames(papers: readonly PaperListEntry[], known: Readonly<Record<string, string>> = {}): Map<string, string> {
  const names = new Map<string, string>()
  for (const p of papers) if (!names.has(p.departmentId)) names.set(p.departmentId, known[p.departmentId] || p.department || p.departmentId)
  for (const p of papers) for (const dept of Object.keys(p.cosigning)) if (!names.has(dept)) names.set(dept, known[dept] || dept)
  return names
}

export function departmentOptions(names: ReadonlyMap<string, string>): Option[] {
  return [...names].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label, 'de'))
}

/** Paper types in the configured order, then others found in the rows. */
/** Bodies whose queue ("awaiting consultation") holds at least one of the rows, by name. */
export function queueBodiesOf(papers: readonly PaperListEntry[]): Option[] {
  const names = new Map<string, string>()
  for (const p of papers) if (p.nextOrganizationId) names.set(p.nextOrganizationId, p.nextOrganizationName ?? p.nextOrganizationId)
  return [...names].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label, 'de'))
}

export function typesOf(papers: readonly PaperListEntry[]): string[] {
  const present = new Set(papers.map((p) => p.paperType))
  const configured = DEFAULT_PAPER_TYPES.map((t) => t.id as string).filter((id) => present.has(id))
  return [...configured, ...[...present].filter((t) => !configured.includes(t)).sort()]
}
