import { describe, expect, it } from 'vitest'
import { formatDuration, readOverview, readProgress, stalledSeconds, stepPercent } from './import-progress.ts'

const base = {
  runId: 'r1', systemUrl: 'https://ris.example/oparl/system', status: 'running', phase: 'crawl', startedAt: '2026-01-01T10:00:00Z',
  lists: [
    { key: 'b#paper', list: 'paper', pages: 40, totalPages: 85, objects: 1000, totalElements: 2115, done: false },
    { key: 'b#meeting', list: 'meeting', pages: 15, totalPages: 15, objects: 367, totalElements: 367, done: true },
  ],
}

describe('import progress', () => {
  it('reads what the relay sends and tolerates missing parts', () => {
    const p = readProgress(base)!
    expect(p.files).toEqual({ total: 0, done: 0, downloaded: 0, missing: 0, failed: 0, bytes: 0 })
    expect(p.lists[0].totalPages).toBe(85)
    expect(readProgress({ status: 'done' })).toBeNull()
    expect(readProgress({ ...base, status: 'weird', report: [{ outcome: 'repaired', code: 'x', count: 2, examples: ['u', 3] }] })).toMatchObject({ status: 'failed', report: [{ examples: ['u'] }] })
    expect(readOverview({ running: true, current: base, runs: [base, null] })).toMatchObject({ running: true, runs: [{ runId: 'r1' }] })
  })

  it('tells how far the current step is', () => {
    expect(stepPercent(readProgress(base)!)).toBe(55)
    expect(stepPercent(readProgress({ ...base, lists: [{ ...base.lists[0], totalPages: null }] })!)).toBeNull()
    expect(stepPercent(readProgress({ ...base, phase: 'files', files: { total: 200, done: 50 } })!)).toBe(25)
    expect(stepPercent(readProgress({ ...base, phase: 'apply', apply: { total: 0, done: 0 } })!)).toBe(100)
  })

  it('formats durations and reads a stall', () => {
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(200)).toBe('3 min 20 s')
    expect(formatDuration(3840)).toBe('1 Std. 4 min')
    expect(stalledSeconds('stalled: no progress for 120 s (last: page x)')).toBe(120)
    expect(stalledSeconds('HTTP 500')).toBeNull()
  })
})
