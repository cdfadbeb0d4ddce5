import { describe, expect, it } from 'vitest'
import { evaluateCircular } from './circular.ts'
import type { CircularAnswer, CircularVoter } from './meetings.ts'
import { DEFAULT_BODY_SETTINGS } from './structure.ts'

const voters = (...answers: (CircularAnswer | undefined)[]): CircularVoter[] => answers.map((answer, i) => ({ personId: `p${i}`, name: `P${i}`, ...(answer ? { answer } : {}) }))
const settings = { ...DEFAULT_BODY_SETTINGS }

describe('evaluateCircular (§ 54)', () => {
  it('fails at once on an objection, even before everybody answered', () => {
    const r = evaluateCircular({ voters: voters('yes', 'objection', undefined), deadlinePassed: false, settings })
    expect(r).toMatchObject({ decided: true, state: 'failed', objections: 1, missing: 1 })
    expect(r.resultText).toContain('Widerspruch')
  })

  it('stays open while answers are missing before the deadline', () => {
    expect(evaluateCircular({ voters: voters('yes', 'yes', undefined), deadlinePassed: false, settings })).toMatchObject({ decided: false, state: 'open', missing: 1 })
  })

  it('passes when everybody answered with more yes than no and no objection', () => {
    const r = evaluateCircular({ voters: voters('yes', 'yes', 'no', 'abstain'), deadlinePassed: false, settings })
    expect(r).toMatchObject({ decided: true, state: 'passed', yes: 2, no: 1, abstain: 1 })
    expect(r.resultText).toBe('angenommen: 2 Ja, 1 Nein, 1 Enthaltung, kein Widerspruch')
  })

  it('fails when all abstain and on a tie', () => {
    expect(evaluateCircular({ voters: voters('abstain', 'abstain', 'abstain'), deadlinePassed: false, settings }).state).toBe('failed')
    expect(evaluateCircular({ voters: voters('yes', 'no'), deadlinePassed: false, settings }).state).toBe('failed')
  })

  it('counts missing answers after the deadline as not agreeing', () => {
    expect(evaluateCircular({ voters: voters('yes', 'yes', undefined), deadlinePassed: true, settings })).toMatchObject({ decided: true, state: 'passed', missing: 1 })
    const r = evaluateCircular({ voters: voters('yes', 'no', undefined, undefined), deadlinePassed: true, settings })
    expect(r).toMatchObject({ decided: true, state: 'failed', missing: 2 })
    expect(r.resultText).toContain('2 ohne Antwort')
  })

  it('applies the absolute majority over all voters', () => {
    expect(evaluateCircular({ voters: voters('yes', 'yes', 'abstain', 'abstain'), deadlinePassed: false, settings: { ...settings, majority: 'absolute' } }).state).toBe('failed')
    expect(evaluateCircular({ voters: voters('yes', 'yes', 'yes', 'abstain'), deadlinePassed: false, settings: { ...settings, majority: 'absolute' } }).state).toBe('passed')
  })
})
