// @vitest-environment happy-dom
/** The import view: form for administrators only, live progress while running, report afterwards. */
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../services/session.ts'
import { ApiError } from '../../services/api-client.ts'
import './admin-import-view.ts'
import type { AdminImportView } from './admin-import-view.ts'

const progress = (over: Record<string, unknown> = {}) => ({
  runId: 'run-1',
  systemUrl: 'https://ris.example.de/oparl/system',
  status: 'running',
  phase: 'crawl',
  resumed: false,
  startedAt: '2026-01-01T10:00:00Z',
  elapsedSeconds: 12,
  objects: 4321,
  objectsPerSecond: 360,
  etaSeconds: 75,
  lists: [{ key: 'b#paper', list: 'paper', pages: 40, totalPages: 85, objects: 1000, totalElements: 2115, done: false }],
  files: { total: 0, done: 0, downloaded: 0, missing: 0, failed: 0, bytes: 0 },
  apply: { total: 0, done: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 },
  http: { requests: 50, retries: 2, failures: 0, bytes: 0 },
  errors: ['HTTP 500 — https://ris.example.de/oparl/paper?page=3 (retry 1 in 0.5 s)'],
  error: null,
  report: [],
  ...over,
})

function session(roles: string[], answers: unknown[], posts: unknown[] = []): Session {
  return {
    me: { id: 'u1', name: 'Admin', roles },
    api: {
      getJson: async () => answers.shift() ?? answers.at(-1),
      postJson: async (_path: string, body: unknown) => {
        posts.push(body)
        if ((body as { concurrency?: number }).concurrency === 99) throw new ApiError(400, 'bad-request', '„Parallele Anfragen“ muss zwischen 1 und 16 liegen.')
        return { status: 202, body: {} }
      },
    },
  } as unknown as Session
}

async function mount(s: Session): Promise<AdminImportView> {
  const el = document.createElement('rt-admin-import-view') as AdminImportView
  el.session = s
  document.body.append(el)
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await el.updateComplete
  }
  return el
}

afterEach(() => document.body.replaceChildren())

describe('rt-admin-import-view', () => {
  it('is for administrators only', async () => {
    const el = await mount(session(['clerk'], []))
    expect(el.shadowRoot!.textContent).toContain('nur für die Administration')
    expect(el.shadowRoot!.querySelector('form')).toBeNull()
  })

  it('shows the live progress of a running import and no form', async () => {
    const el = await mount(session(['admin'], [{ running: true, current: progress(), runs: [] }]))
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ')
    expect(el.shadowRoot!.querySelector('form')).toBeNull()
    expect(text).toContain('läuft')
    expect(text).toContain('Listen lesen')
    expect(text).toContain('4.321')
    expect(text).toContain('360 pro Sekunde')
    expect(text).toContain('etwa 1 min 15 s')
    expect(text).toContain('40 / 85')
    expect(text).toContain('HTTP 500')
    expect(el.shadowRoot!.querySelector('progress')!.getAttribute('max')).toBe('100')
    expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('abbrechen'))).toBe(true)
  })

  it('shows the report of a finished import and starts a new one with the form', async () => {
    const posts: unknown[] = []
    const done = progress({ status: 'done', phase: 'done', report: [{ outcome: 'repaired', code: 'ags-leading-zero-lost', count: 1, examples: ['https://ris.example.de/oparl/body/1'] }] })
    const el = await mount(session(['admin'], [{ running: false, current: done, runs: [done] }], posts))
    const text = el.shadowRoot!.textContent!
    expect(text).toContain('Gemeindeschlüssel ohne führende Null')
    expect(text).toContain('abgeschlossen')
    const url = el.shadowRoot!.querySelector<HTMLInputElement>('#f-systemUrl')!
    expect(url.value).toBe('https://ris.example.de/oparl/system')
    el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await new Promise((r) => setTimeout(r, 0))
    expect(posts[0]).toMatchObject({ systemUrl: 'https://ris.example.de/oparl/system', concurrency: 4, files: true, full: false })
  })

  it('names the field the relay refused', async () => {
    const done = progress({ status: 'failed', phase: 'crawl', error: 'stalled: no progress for 120 s (last: page x)' })
    const el = await mount(session(['admin'], [{ running: false, current: done, runs: [] }]))
    expect(el.shadowRoot!.textContent).toContain('120 Sekunden lang nicht voran')
    el.numbers = { ...el.numbers, concurrency: 99 }
    el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('#form-error')!.textContent).toContain('Parallele Anfragen')
    expect(el.shadowRoot!.querySelector('#f-concurrency')!.getAttribute('aria-invalid')).toBe('true')
  })
})
