import { describe, expect, it } from 'vitest'
import type { FileRef } from '@ratstisch/domain'
import { agendaPapers, filesToFree, Limiter, planFiles, runLimited } from './meeting-pinner.ts'

const sha = (c: string) => c.repeat(64)
const ref = (c: string, size = 10): FileRef => ({ sha256: sha(c), name: `${c}.pdf`, mime: 'application/pdf', size })

describe('runLimited', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await runLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, 5 + (n % 3)))
      done.push(n)
      running--
    })
    expect(peak).toBe(3)
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('rethrows the first failure and starts no new work after it', async () => {
    const started: number[] = []
    await expect(
      runLimited([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n)
        if (n === 2) throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(started).toEqual([1, 2])
  })

  it('handles an empty list', async () => {
    await expect(runLimited([], 4, async () => undefined)).resolves.toBeUndefined()
  })
})

describe('planFiles', () => {
  it('lists each file once with every document that references it', () => {
    const plan = planFiles([
      { documentId: 'meeting', refs: [ref('a'), ref('b')] },
      { documentId: 'paper', refs: [ref('a'), ref('c')] },
      { documentId: 'paper', refs: [ref('a')] },
    ])
    expect([...plan.keys()]).toEqual([sha('a'), sha('b'), sha('c')])
    expect(plan.get(sha('a'))?.documents).toEqual(['meeting', 'paper'])
  })

  it('skips references that are not SHA-256 digests', () => {
    const plan = planFiles([{ documentId: 'd', refs: [{ ...ref('a'), sha256: '../../etc/passwd' }] }])
    expect(plan.size).toBe(0)
  })
})

describe('agendaPapers', () => {
  it('collects the papers of public and non-public items once', () => {
    const pub = { agendaItems: [{ paper: { id: 'p1', url: 'automerge:1' } }, {}, { paper: { id: 'p2', url: 'automerge:2' } }] }
    const conf = { agendaItems: [{ paper: { id: 'p3', url: 'automerge:3' } }, { paper: { id: 'p1', url: 'automerge:1' } }] }
    expect([...agendaPapers(pub, conf, undefined).entries()]).toEqual([
      ['p1', 'automerge:1'],
      ['p2', 'automerge:2'],
      ['p3', 'automerge:3'],
    ])
  })
})

describe('filesToFree', () => {
  it('keeps files other pinned meetings use and files still waiting to be uploaded', () => {
    const pin = { meetingId: 'm1', files: ['a', 'b', 'c', 'd'] }
    const others = [pin, { meetingId: 'm2', files: ['b'] }]
    expect(filesToFree(pin, others, new Set(['d']))).toEqual(['a', 'c'])
  })
})

describe('Limiter', () => {
  it('keeps at most `limit` tasks running while tasks keep being added', async () => {
    const limiter = new Limiter(2)
    let running = 0
    let peak = 0
    const task = (ms: number) => async () => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, ms))
      running--
      return ms
    }
    const first = [limiter.run(task(10)), limiter.run(task(5)), limiter.run(task(5))]
    // added while the first ones run: a freed slot goes to the waiting task, not to a newcomer on top
    await new Promise((r) => setTimeout(r, 6))
    const later = [limiter.run(task(1)), limiter.run(task(1))]
    expect(await Promise.all([...first, ...later])).toEqual([10, 5, 5, 1, 1])
    expect(peak).toBe(2)
  })

  it('frees the slot when a task fails', async () => {
    const limiter = new Limiter(1)
    await expect(limiter.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok')
  })
})
