import { describe, expect, it } from 'vitest'
import {
  availableActions,
  canEditSections,
  DEFAULT_PAPER_WORKFLOW as WF,
  deriveWorkflow,
  formatPaperReference,
  nextPaperNumber,
  type WorkflowEvent,
} from './paper-workflow.ts'

let seq = 0
const ev = (at: string, action: string, extra: Partial<WorkflowEvent> = {}): WorkflowEvent => ({
  id: `e${String(++seq).padStart(3, '0')}`,
  at: `2026-03-${at}`,
  actor: 'u-author',
  roles: ['author'],
  action,
  ...extra,
})

describe('deriveWorkflow (default workflow)', () => {
  it('runs the whole way: draft, co-signing with a return, fix, all sign, approval, release', () => {
    const events = [
      ev('01T09:00:00Z', 'request-cosigning', { departments: ['Kämmerei', 'Ordnungsamt'] }),
      ev('01T10:00:00Z', 'cosign', { actor: 'u-kaem', roles: ['cosigner'], department: 'Kämmerei' }),
      ev('01T11:00:00Z', 'return-cosigning', { actor: 'u-ord', roles: ['cosigner'], department: 'Ordnungsamt', comment: 'Haftungsfrage klären' }),
      ev('02T09:00:00Z', 'request-cosigning', { departments: ['Kämmerei', 'Ordnungsamt'] }),
      ev('02T10:00:00Z', 'cosign', { actor: 'u-kaem', roles: ['cosigner'], department: 'Kämmerei' }),
      ev('02T10:30:00Z', 'cosign', { actor: 'u-ord', roles: ['cosigner'], department: 'Ordnungsamt' }),
      ev('03T08:00:00Z', 'release', { actor: 'u-mayor', roles: ['approver'] }),
    ]
    const steps = deriveWorkflow(WF, events)
    expect(steps.history.map((h) => [h.event.action, h.applied, h.state])).toEqual([
      ['request-cosigning', true, 'cosigning'],
      ['cosign', true, 'cosigning'],
      ['return-cosigning', true, 'draft'],
      ['request-cosigning', true, 'cosigning'],
      ['cosign', true, 'cosigning'],
      ['cosign', true, 'approval'],
      ['release', true, 'released'],
    ])
    expect(steps.state).toBe('released')
    expect(steps.cosigning).toEqual({ Kämmerei: 'signed', Ordnungsamt: 'signed' })
  })

  it('keeps both of two concurrent transitions in the history; the later one is not applied, with a reason', () => {
    const approval = [ev('01T09:00:00Z', 'request-approval')]
    const release = ev('02T10:00:00Z', 'release', { actor: 'u-mayor', roles: ['approver'] })
    const giveBack = ev('02T10:00:05Z', 'return-to-draft', { actor: 'u-clerk', roles: ['clerk'], comment: 'Anlage fehlt' })
    // whatever order the events arrive in (two devices, offline), every device derives the same
    const a = deriveWorkflow(WF, [...approval, release, giveBack])
    const b = deriveWorkflow(WF, [giveBack, ...approval, release])
    expect(a).toEqual(b)
    expect(a.state).toBe('released')
    expect(a.history.at(-1)).toMatchObject({ applied: false, reason: expect.stringMatching(/nicht möglich/) })
  })

  it('refuses steps by the wrong role or without the required comment, and records that', () => {
    const events = [
      ev('01T09:00:00Z', 'request-approval'),
      ev('01T10:00:00Z', 'release', { actor: 'u-member', roles: ['author'] }),
      ev('01T11:00:00Z', 'return-to-draft', { actor: 'u-mayor', roles: ['approver'] }),
      ev('01T12:00:00Z', 'withdraw', { comment: '' }),
      ev('01T13:00:00Z', 'teleport'),
    ]
    const d = deriveWorkflow(WF, events)
    expect(d.state).toBe('approval')
    expect(d.history.filter((h) => !h.applied).map((h) => h.reason)).toEqual([
      'Keine Berechtigung für „Freigeben“',
      '„Zurück an die Verfasser“ braucht eine Begründung',
      '„Zurückziehen“ braucht eine Begründung',
      'Unbekannter Schritt „teleport“',
    ])
  })

  it('only asked departments co-sign, each once', () => {
    const d = deriveWorkflow(WF, [
      ev('01T09:00:00Z', 'request-cosigning', { departments: ['Kämmerei'] }),
      ev('01T10:00:00Z', 'cosign', { roles: ['cosigner'], department: 'Bauamt' }),
      ev('01T10:00:01Z', 'cosign', { roles: ['author'], department: 'Kämmerei' }),
    ])
    expect(d.state).toBe('cosigning')
    expect(d.history.filter((h) => h.applied)).toHaveLength(1)
    expect(deriveWorkflow(WF, [ev('01T09:00:00Z', 'request-cosigning', { departments: [] })]).state).toBe('draft')
  })

  it('offers the actions a person may take now, and section editing by state', () => {
    const d = deriveWorkflow(WF, [ev('01T09:00:00Z', 'request-cosigning', { departments: ['Kämmerei'] })])
    expect(availableActions(WF, d, ['cosigner'], 'Kämmerei')).toEqual(['cosign', 'return-cosigning'])
    expect(availableActions(WF, d, ['cosigner'], 'Bauamt')).toEqual([])
    expect(availableActions(WF, d, ['author'])).toEqual(['share', 'withdraw'])
    expect(canEditSections(WF, 'draft', ['author'])).toBe(true)
    expect(canEditSections(WF, 'cosigning', ['cosigner', 'author'])).toBe(false)
  })
})

describe('paper references', () => {
  it('formats and counts per term', () => {
    const term = { name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' }
    expect(formatPaperReference('BV', 160, term)).toBe('BV 160 (VIII/2024-2029)')
    expect(nextPaperNumber([3, 159, 12])).toBe(160)
    expect(nextPaperNumber([])).toBe(1)
  })
})
