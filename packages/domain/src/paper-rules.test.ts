import { describe, expect, it } from 'vitest'
import type { PaperDoc } from './documents.ts'
import { checkPaperWrite, isPaperDraft, paperAccess } from './paper-rules.ts'
import type { WorkflowEvent } from './paper-workflow.ts'
import { derivePaperWorkflow, paperRolesOf } from './papers.ts'

const base = (): PaperDoc => ({
  type: 'paper',
  id: 'p1',
  reference: '',
  name: 'Radweg Mühlenstraße',
  paperType: 'Beschlussvorlage',
  date: '2026-11-20',
  public: false,
  departmentId: 'dept-bau',
  department: 'Bauamt',
  summary: '',
  workflowId: 'default',
  createdBy: 'u-author',
  createdAt: '2026-11-20T08:00:00Z',
  sections: [{ key: 'sachverhalt', title: 'Sachverhalt', text: 'Alt.' }],
  attachments: [],
  consultations: [{ id: 'c1', organizationId: 'org-bau', organizationName: 'Bauausschuss', role: 'Entscheidung' }],
  sharedWith: [],
  events: [],
})

const author = { userId: 'u-author', roles: ['author'], departmentId: 'dept-bau' }
const kaemmerei = { userId: 'u-k', roles: ['author'], departmentId: 'dept-finanzen' }
const ev = (action: string, extra: Partial<WorkflowEvent> = {}): WorkflowEvent => ({
  id: `e-${action}-${Math.random()}`,
  at: '2026-11-21T10:00:00Z',
  actor: 'x',
  roles: ['author', 'clerk', 'approver', 'cosigner'],
  action,
  ...extra,
})
const edit = (p: PaperDoc, fn: (d: PaperDoc) => void): PaperDoc => {
  const copy = JSON.parse(JSON.stringify(p)) as PaperDoc
  fn(copy)
  return copy
}

describe('paper roles', () => {
  it('makes staff of the owning or a shared department authors, and asked departments co-signers', () => {
    const p = base()
    expect(paperRolesOf(author, p)).toEqual(['author'])
    expect(paperRolesOf(kaemmerei, p)).toEqual([])
    expect(paperRolesOf(kaemmerei, { ...p, sharedWith: [{ id: 'dept-finanzen', name: 'Kämmerei' }] })).toEqual(['author'])
    expect(paperRolesOf(kaemmerei, p, { cosigning: { 'dept-finanzen': 'pending' } })).toEqual(['cosigner'])
    expect(paperRolesOf({ userId: 'm', roles: ['member'], departmentId: null }, p, { cosigning: { 'dept-finanzen': 'pending' } })).toEqual([])
    expect(paperRolesOf({ userId: 'c', roles: ['clerk'] }, p)).toEqual(['clerk'])
  })
})

describe('checkPaperWrite', () => {
  it('lets an author edit sections of a draft', () => {
    const before = base()
    const after = edit(before, (d) => (d.sections[0].text = 'Neu.'))
    expect(checkPaperWrite({ before, after, seenEvents: [], actor: author })).toEqual([])
  })

  it('refuses protected fields: events, reference, audience, department', () => {
    const before = base()
    for (const fn of [
      (d: PaperDoc) => d.events.push(ev('release')),
      (d: PaperDoc) => (d.reference = 'BV 1 (VIII/2024-2029)'),
      (d: PaperDoc) => (d.public = true),
      (d: PaperDoc) => (d.departmentId = 'dept-finanzen'),
      (d: PaperDoc) => d.sharedWith.push({ id: 'dept-x', name: 'X' }),
    ]) {
      expect(checkPaperWrite({ before, after: edit(before, fn), seenEvents: [], actor: author }).length).toBeGreaterThan(0)
    }
  })

  it('checks rights against the state the writer saw', () => {
    const cosigning = [ev('request-cosigning', { departments: ['dept-finanzen'] })]
    const before = { ...base(), events: cosigning }
    const after = edit(before, (d) => (d.sections[0].text = 'Neu.'))
    // made while it was still a draft (offline): merges
    expect(checkPaperWrite({ before, after, seenEvents: [], actor: author })).toEqual([])
    // made after seeing co-signing: refused
    expect(checkPaperWrite({ before, after, seenEvents: cosigning, actor: author })[0]).toMatch(/not editable/)
  })

  it('keeps attachment versions and their uploaders honest', () => {
    const v = (n: number, by = 'u-author') => ({
      sha256: 'a'.repeat(64), name: 'x.pdf', mime: 'application/pdf', size: 1, version: n, uploadedAt: '2026-11-21T10:00:00Z', uploadedBy: by, uploadedByName: 'A', comment: '',
    })
    const before = { ...base(), attachments: [{ id: 'a1', title: 'Plan', versions: [v(1)] }] }
    expect(checkPaperWrite({ before, after: edit(before, (d) => d.attachments[0].versions.push(v(2))), seenEvents: [], actor: author })).toEqual([])
    expect(checkPaperWrite({ before, after: edit(before, (d) => d.attachments[0].versions.push(v(2, 'u-k'))), seenEvents: [], actor: author }).length).toBe(1)
    expect(checkPaperWrite({ before, after: edit(before, (d) => d.attachments[0].versions.push(v(5))), seenEvents: [], actor: author }).length).toBe(1)
    expect(checkPaperWrite({ before, after: edit(before, (d) => (d.attachments[0].versions[0].name = 'y.pdf')), seenEvents: [], actor: author }).length).toBe(1)
    expect(checkPaperWrite({ before, after: edit(before, (d) => d.attachments.splice(0, 1)), seenEvents: [], actor: author }).length).toBe(1)
  })

  it('lets the office add new file versions while the bodies consult the paper, nothing else', () => {
    const v = (n: number, by: string) => ({
      sha256: String(n).repeat(64), name: 'Plan.pdf', mime: 'application/pdf', size: 1, version: n, uploadedAt: '2026-11-25T10:00:00Z', uploadedBy: by, uploadedByName: 'K', comment: '',
    })
    const clerk: { userId: string; roles: string[]; departmentId: string | null } = { userId: 'u-clerk', roles: ['clerk'], departmentId: null }
    const events = [ev('request-approval'), ev('release', { at: '2026-11-22T10:00:00Z' }), ev('start-consultation', { at: '2026-11-23T10:00:00Z' })]
    const before = { ...base(), reference: 'BV 1 (VIII/2024-2029)', events, attachments: [{ id: 'a1', title: 'Plan', versions: [v(1, 'u-author')] }] }
    expect(derivePaperWorkflow(before).state).toBe('consultation')
    const check = (after: PaperDoc, actor = clerk) => checkPaperWrite({ before, after, seenEvents: events, actor })
    // a corrected plan (version 2) and a new annex
    expect(check(edit(before, (d) => d.attachments[0].versions.push(v(2, 'u-clerk'))))).toEqual([])
    expect(check(edit(before, (d) => d.attachments.push({ id: 'a2', title: 'Anlage 2', versions: [v(1, 'u-clerk')] })))).toEqual([])
    // not the sections, not the title of what the bodies were given, not for the department's author
    expect(check(edit(before, (d) => (d.sections[0].text = 'Neu.')))[0]).toMatch(/not editable/)
    expect(check(edit(before, (d) => (d.attachments[0].title = 'Anderer Plan')))[0]).toMatch(/title stays/)
    expect(check(edit(before, (d) => d.attachments[0].versions.push(v(2, 'u-author'))), author)[0]).toMatch(/not editable/)
    // once the paper is done, its files are final
    const done = [...events, ev('complete', { at: '2026-11-30T10:00:00Z' })]
    const closed = { ...before, events: done }
    expect(checkPaperWrite({ before: closed, after: edit(closed, (d) => d.attachments[0].versions.push(v(2, 'u-clerk'))), seenEvents: done, actor: clerk })[0]).toMatch(/not editable/)
  })

  it('lets nobody but the relay record consultation results', () => {
    const before = base()
    expect(checkPaperWrite({ before, after: edit(before, (d) => (d.consultations[0].result = 'beschlossen')), seenEvents: [], actor: author }).length).toBe(1)
  })
})

describe('paperAccess', () => {
  it('keeps drafts inside the administration and opens released papers to the consultation bodies only', () => {
    const draft = base()
    const access = paperAccess(draft, derivePaperWorkflow(draft))
    expect(access.readers).not.toContain('org:org-bau')
    expect(access.readers).not.toContain('public')
    expect(access.writers).toContain('dept:dept-bau')
    const cosigning = { ...draft, events: [ev('request-cosigning', { departments: ['dept-finanzen'] })] }
    const c = paperAccess(cosigning, derivePaperWorkflow(cosigning))
    expect(c.readers).toContain('dept:dept-finanzen')
    expect(c.writers).not.toContain('dept:dept-finanzen')
    const released = { ...draft, reference: 'BV 1 (VIII/2024-2029)', events: [ev('request-approval'), ev('release', { at: '2026-11-22T10:00:00Z' })] }
    const derived = derivePaperWorkflow(released)
    expect(isPaperDraft(released, derived)).toBe(false)
    const r = paperAccess(released, derived)
    expect(r.readers).toContain('org:org-bau')
    expect(r.readers).not.toContain('public')
    expect(r.writers).not.toContain('dept:dept-bau')
    expect(paperAccess({ ...released, public: true }, derived).readers).toContain('public')
  })
})

describe('imported papers', () => {
  it('are done from the start: public when marked public, never a draft, in no body\'s queue', () => {
    const paper: PaperDoc = { ...base(), workflowId: 'imported', events: [], reference: '102/2002', public: true, departmentId: '' }
    const derived = derivePaperWorkflow(paper)
    expect(derived.state).toBe('done')
    expect(isPaperDraft(paper, derived)).toBe(false)
    expect(paperAccess(paper, derived).readers).toEqual(['public'])
    expect(paperAccess({ ...paper, public: false }, derived).readers).not.toContain('public')
  })
})
