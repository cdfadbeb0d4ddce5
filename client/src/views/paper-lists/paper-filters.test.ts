import { describe, expect, it } from 'vitest'
import type { PaperListEntry } from '@ratstisch/domain'
import {
  departmentNames,
  departmentOptions,
  filterPapers,
  isOverdue,
  listQueryString,
  papersOfView,
  parseListQuery,
  queueBodiesOf,
  statesOf,
  taskOf,
  typesOf,
  EMPTY_QUERY,
  type ListActor,
} from './paper-filters.ts'
import { countByStateAndDepartment, overdueByWaitingDepartment } from './paper-overview.ts'

const paper = (id: string, over: Partial<PaperListEntry> = {}): PaperListEntry => ({
  id,
  url: `automerge:${id}`,
  reference: '',
  name: `Vorlage ${id}`,
  paperType: 'Beschlussvorlage',
  departmentId: 'dept-bau',
  department: 'Amt für Stadtentwicklung und Bauen',
  state: 'draft',
  date: '2026-03-01',
  updatedAt: '2026-03-01T10:00:00Z',
  public: false,
  createdBy: 'user-author',
  cosigning: {},
  cosigningSince: null,
  cosigningDue: null,
  nextOrganizationId: null,
  nextRole: null,
  returnedAt: null,
  nextOrganizationName: null,
  ...over,
})

const TODAY = '2026-03-10'
const papers: PaperListEntry[] = [
  paper('own-draft'),
  paper('colleague-draft', { createdBy: 'user-other' }),
  paper('returned', { createdBy: 'user-other', cosigning: { 'dept-finanzen': 'returned' } }),
  paper('fin-draft', { departmentId: 'dept-finanzen', department: 'Amt für Finanzen' }),
  paper('cosign-bau', { state: 'cosigning', departmentId: 'dept-finanzen', department: 'Amt für Finanzen', cosigning: { 'dept-bau': 'pending', 'dept-ordnung': 'signed' }, cosigningDue: '2026-03-09', updatedAt: '2026-03-02T00:00:00Z' }),
  paper('cosign-ordnung', { state: 'cosigning', cosigning: { 'dept-ordnung': 'pending' }, cosigningDue: '2026-03-20', updatedAt: '2026-03-05T00:00:00Z' }),
  paper('cosign-due-today', { state: 'cosigning', cosigning: { 'dept-ordnung': 'pending' }, cosigningDue: TODAY }),
  paper('cosign-signed-late', { state: 'cosigning', cosigning: { 'dept-ordnung': 'signed', 'dept-bau': 'signed' }, cosigningDue: '2026-01-01' }),
  paper('approval', { state: 'approval', updatedAt: '2026-03-08T00:00:00Z' }),
  paper('released', { state: 'released', reference: 'BV 12/2026', name: 'Sanierung Grundschule Mühlbach', paperType: 'Beschlussvorlage' }),
  paper('consultation', { state: 'consultation', reference: 'IV 3/2026', paperType: 'Informationsvorlage', name: 'Bericht Straßenbeleuchtung' }),
  paper('odd-state', { state: 'archived', paperType: 'Sonderform' }),
]

const author: ListActor = { id: 'user-author', roles: ['author'], departmentId: 'dept-bau' }
const approver: ListActor = { id: 'user-mayor', roles: ['approver', 'member'], departmentId: 'dept-buergermeister' }
const clerk: ListActor = { id: 'user-clerk', roles: ['clerk'], departmentId: 'dept-haupt' }
const member: ListActor = { id: 'user-a', roles: ['member'], departmentId: null }
const ids = (list: PaperListEntry[]) => list.map((p) => p.id)

describe('my tasks (inbox)', () => {
  it("an author: co-signature asked of their department, their own drafts, drafts returned to the department", () => {
    expect(ids(papersOfView(papers, 'inbox', author, TODAY)).sort()).toEqual(['cosign-bau', 'own-draft', 'returned'])
    expect(taskOf(papers[0], author)).toBe('draft')
    expect(taskOf(papers[2], author)).toBe('returned')
    expect(taskOf(papers[4], author)).toBe('cosign')
    // a colleague's fresh draft and another department's draft are not this author's task
    expect(taskOf(papers[1], author)).toBeNull()
    expect(taskOf(papers[3], author)).toBeNull()
  })

  it('an approver: papers waiting for approval', () => {
    expect(ids(papersOfView(papers, 'inbox', approver, TODAY))).toEqual(['approval'])
  })

  it('the clerk: released papers to put into consultation', () => {
    expect(ids(papersOfView(papers, 'inbox', clerk, TODAY))).toEqual(['released'])
    expect(taskOf(papers[9], { ...clerk, roles: ['admin'] })).toBe('consult')
  })

  it('staff of a department asked to co-sign, whatever their role; members never', () => {
    expect(taskOf(papers[5], { id: 'x', roles: ['approver'], departmentId: 'dept-ordnung' })).toBe('cosign')
    expect(taskOf(papers[5], { id: 'x', roles: ['member'], departmentId: 'dept-ordnung' })).toBeNull()
    expect(papersOfView(papers, 'inbox', member, TODAY)).toEqual([])
  })

  it('lists the earliest due co-signing first', () => {
    const actor: ListActor = { id: 'x', roles: ['author'], departmentId: 'dept-ordnung' }
    expect(ids(papersOfView(papers, 'inbox', actor, TODAY))).toEqual(['cosign-due-today', 'cosign-ordnung'])
  })
})

describe('overdue co-signings', () => {
  it('are co-signings still pending after the due day (not on it, not when all signed)', () => {
    expect(ids(papersOfView(papers, 'overdue', clerk, TODAY))).toEqual(['cosign-bau'])
    expect(isOverdue(papers[6], TODAY)).toBe(false)
    expect(isOverdue(papers[6], '2026-03-11')).toBe(true)
    expect(isOverdue(papers[7], TODAY)).toBe(false)
    expect(isOverdue(paper('t', { state: 'cosigning', cosigning: { a: 'pending' }, cosigningDue: '2026-03-09T23:00:00+01:00' }), TODAY)).toBe(true)
  })

  it('are counted per department that still owes its signature', () => {
    const late = [...papers, paper('late-2', { state: 'cosigning', cosigning: { 'dept-bau': 'pending', 'dept-ordnung': 'pending' }, cosigningDue: '2026-02-01' })]
    expect(overdueByWaitingDepartment(late, TODAY, departmentNames(late))).toEqual([
      { departmentId: 'dept-bau', name: 'Amt für Stadtentwicklung und Bauen', count: 2, oldestDue: '2026-02-01' },
      // a department that owns no paper: its id, unless the relay's department list names it
      { departmentId: 'dept-ordnung', name: 'dept-ordnung', count: 1, oldestDue: '2026-02-01' },
    ])
    const named = overdueByWaitingDepartment(late, TODAY, departmentNames(late, { 'dept-ordnung': 'Amt für Ordnung und Umwelt' }))
    expect(named[1].name).toBe('Amt für Ordnung und Umwelt')
  })
})

describe('filters', () => {
  const all = papersOfView(papers, 'all', clerk, TODAY)

  it('all papers, most recently changed first', () => {
    expect(all).toHaveLength(papers.length)
    expect(all[0].id).toBe('approval')
    expect(filterPapers(all, EMPTY_QUERY)).toBe(all)
  })

  it('by words in reference and title, case-insensitive, all words must match', () => {
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, q: 'bv 12' }))).toEqual(['released'])
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, q: 'MÜHLBACH sanierung' }))).toEqual(['released'])
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, q: 'mühlbach beleuchtung' }))).toEqual([])
  })

  it('by state, owning department, type and pending co-signature, combined', () => {
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, state: 'cosigning' })).sort()).toEqual(['cosign-bau', 'cosign-due-today', 'cosign-ordnung', 'cosign-signed-late'])
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, state: 'draft', dept: 'dept-finanzen' }))).toEqual(['fin-draft'])
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, type: 'Informationsvorlage' }))).toEqual(['consultation'])
    expect(ids(filterPapers(all, { ...EMPTY_QUERY, waiting: 'dept-bau' }))).toEqual(['cosign-bau'])
  })

  it('by the body whose queue holds the paper (awaiting consultation)', () => {
    const rows = [
      paper('q1', { state: 'released', nextOrganizationId: 'org-bau', nextOrganizationName: 'Bauausschuss', nextRole: 'Vorberatung' }),
      paper('q2', { state: 'consultation', nextOrganizationId: 'org-rat', nextOrganizationName: 'Stadtrat', nextRole: 'Entscheidung' }),
      paper('q3', { state: 'draft' }),
    ]
    expect(filterPapers(rows, { ...EMPTY_QUERY, view: 'all', body: 'org-bau' }).map((p) => p.id)).toEqual(['q1'])
    expect(queueBodiesOf(rows)).toEqual([
      { id: 'org-bau', label: 'Bauausschuss' },
      { id: 'org-rat', label: 'Stadtrat' },
    ])
    expect(parseListQuery(listQueryString({ view: 'all', body: 'org-bau' })).body).toBe('org-bau')
  })

  it('offers states in workflow order, departments by name, types in configured order', () => {
    expect(statesOf(papers)).toEqual(['draft', 'cosigning', 'approval', 'released', 'consultation', 'done', 'withdrawn', 'archived'])
    // only departments the rows mention, named from the relay's list when it has them
    const names = departmentNames(papers, { 'dept-ordnung': 'Amt für Ordnung und Umwelt', 'dept-haupt': 'Hauptamt' })
    expect(departmentOptions(names).map((o) => o.id)).toEqual(['dept-finanzen', 'dept-ordnung', 'dept-bau'])
    expect(typesOf(papers)).toEqual(['Beschlussvorlage', 'Informationsvorlage', 'Sonderform'])
  })
})

describe('URL query', () => {
  it('round-trips and leaves defaults out', () => {
    const query = { ...EMPTY_QUERY, view: 'overdue' as const, state: 'cosigning', waiting: 'dept-bau', q: 'Schule Nord' }
    const s = listQueryString(query)
    expect(s).toBe('?view=overdue&q=Schule+Nord&state=cosigning&waiting=dept-bau')
    expect(parseListQuery(s)).toEqual(query)
    expect(listQueryString(EMPTY_QUERY)).toBe('')
  })

  it('falls back to the inbox for unknown views', () => {
    expect(parseListQuery('?view=secret&dept=x').view).toBe('inbox')
    expect(parseListQuery('').view).toBe('inbox')
  })
})

describe('overview counts', () => {
  it('counts papers per department and state, with totals', () => {
    const states = statesOf(papers)
    const overview = countByStateAndDepartment(papers, states, departmentNames(papers))
    expect(overview.total).toBe(papers.length)
    expect(overview.rows.map((r) => [r.departmentId, r.total])).toEqual([
      ['dept-finanzen', 2],
      ['dept-bau', 10],
    ])
    const bau = overview.rows[1]
    expect(bau.byState).toMatchObject({ draft: 3, cosigning: 3, approval: 1, released: 1, consultation: 1, done: 0, archived: 1 })
    expect(overview.totals.draft).toBe(4)
    expect(Object.values(overview.totals).reduce((a, b) => a + b, 0)).toBe(papers.length)
  })
})
