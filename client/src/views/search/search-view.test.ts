// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { SearchRequestOptions, SearchResults } from '@ratstisch/search'
import type { Session } from '../../services/session.ts'
import './search-view.ts'

const sha = 'a'.repeat(64)
const meeting = { id: 'm1', name: '5. Sitzung des Bauausschusses', start: '2026-03-04T17:00:00+01:00', bodyId: 'org-bau', bodyName: 'Bauausschuss' }

function fakeSession(calls: { query: string; options: SearchRequestOptions }[]): Session {
  const results = (query: string): SearchResults => ({
    query,
    total: 2,
    relaxed: false,
    tookMs: 1,
    hits: [
      {
        id: `file:${sha}:3`, kind: 'file', score: 9, title: 'BV 42 Bebauungsplan.pdf', titleMarks: [[6, 19]], confidential: false, meeting,
        snippet: { text: '… der Bebauungsplan Nr. 42 …', marks: [[6, 19]] },
        file: { sha256: sha, name: 'BV 42 Bebauungsplan.pdf', page: 3, pages: 5, morePages: [4], version: 2, versionCount: 3, attachmentId: 'p-a1', alsoIn: [],
          otherVersions: [{ sha256: 'b'.repeat(64), version: 1, name: 'v1.pdf', indexed: true }, { sha256: 'c'.repeat(64), version: 3, name: 'v3.pdf', indexed: false }] },
      },
      { id: 'item:m1:n1', kind: 'agenda-item', score: 5, title: 'Grundstücksverkauf', titleMarks: [], confidential: true, meeting, itemNumber: 'N 1', snippet: { text: '', marks: [] } },
    ],
  })
  const noop = () => () => undefined
  return {
    search: {
      status: { phase: 'ready', documents: 1234, pendingFiles: 0 },
      on: noop,
      search: async (query: string, options: SearchRequestOptions) => {
        calls.push({ query, options })
        return results(query)
      },
    },
    catalogue: { on: noop, meetings: async () => [{ meta: { organizationId: 'org-bau', organizationName: 'Bauausschuss' } }] },
  } as unknown as Session
}

async function settle(el: HTMLElement & { updateComplete: Promise<unknown> }) {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await el.updateComplete
  }
}

describe('<rt-search-view>', () => {
  it('searches with the query and filters of the address, and shows page, version, snippet and links', async () => {
    const calls: { query: string; options: SearchRequestOptions }[] = []
    const el = document.createElement('rt-search-view')
    el.session = fakeSession(calls)
    el.params = { q: 'Bebauungsplan', body: 'org-bau', type: 'file' }
    document.body.append(el)
    await settle(el)
    expect(calls[0]).toEqual({ query: 'Bebauungsplan', options: { filters: { bodyId: 'org-bau', kinds: ['file'] }, limit: 50 } })
    const root = el.shadowRoot!
    expect(root.querySelector('[role="status"]')?.textContent).toContain('2 Treffer für „Bebauungsplan“')
    expect(root.querySelector<HTMLInputElement>('#q')?.value).toBe('Bebauungsplan')
    expect(root.querySelector<HTMLSelectElement>('#type')?.value).toBe('file')
    const [pdf, item] = [...root.querySelectorAll('li.hit')]
    expect(pdf.querySelector('.snippet mark')?.textContent).toBe('Bebauungsplan')
    expect(pdf.querySelector('.hit-title a')?.getAttribute('href')).toBe(`/app/meetings/m1/files/${sha}?page=3&q=Bebauungsplan`)
    expect(pdf.querySelector('.meta')?.textContent).toContain('Seite 3 von 5')
    expect(pdf.querySelector('.meta')?.textContent).toContain('Version 2 von 3')
    expect(pdf.querySelector('.more a')?.getAttribute('aria-label')).toBe('Seite 4 öffnen')
    const versions = pdf.querySelector('.versions')!
    expect(versions.querySelector('a')?.getAttribute('href')).toBe(`/app/meetings/m1/files/${'b'.repeat(64)}?q=Bebauungsplan`)
    expect(versions.textContent).toContain('Version 3 (nicht auf diesem Gerät)')
    expect(item.querySelector('.badge.confidential')?.textContent).toBe('nichtöffentlich')
    expect(item.querySelector('.meta')?.textContent).toContain('TOP N 1')
    expect(root.querySelector('.index-status')?.textContent).toContain('1.234 Einträge')
    el.remove()
  })

  it('asks for a search term when there is none, and does not search', async () => {
    const calls: { query: string; options: SearchRequestOptions }[] = []
    const el = document.createElement('rt-search-view')
    el.session = fakeSession(calls)
    el.params = {}
    document.body.append(el)
    await settle(el)
    expect(calls).toEqual([])
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).toContain('Geben Sie einen Suchbegriff ein.')
    expect(el.shadowRoot!.querySelector('form[role="search"] label[for="q"]')?.textContent).toBe('Suchbegriff')
    el.remove()
  })
})
