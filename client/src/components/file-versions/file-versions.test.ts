// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { fileStatus, logicalFileOf } from '../../services/file-versions.ts'
import { badgeTexts, FileVersionsView } from './file-versions.ts'

const sha = (c: string) => c.repeat(64)
const version = (n: number, c: string) => ({
  sha256: sha(c),
  name: `Plan v${n}.pdf`,
  mime: 'application/pdf',
  size: 2000,
  version: n,
  uploadedAt: '2026-03-02T10:00:00.000Z',
  uploadedBy: 'u',
  uploadedByName: 'Sitzungsdienst',
  comment: n === 2 ? 'Korrektur Kostenschätzung' : '',
})
const paper = { attachments: [{ id: 'a1', title: 'Lageplan', versions: [version(1, 'a'), version(2, 'b')] }] }
const file = logicalFileOf({ sha256: sha('a'), name: 'Plan.pdf', mime: 'application/pdf', size: 2000, attachmentId: 'a1', version: 1 }, 'p1', paper)

async function render(cached: string[], readSha?: string): Promise<ShadowRoot> {
  const el = document.createElement('rt-file-versions') as FileVersionsView
  const reads = new Map(readSha ? [['p1/a1', { fileKey: 'p1/a1', sha256: readSha, version: 1, meetingId: 'm', at: '' }]] : [])
  el.status = fileStatus(file, new Set(cached), reads)
  el.openHref = (s) => `/open/${s}`
  el.compareHref = (a, b) => `/compare/${a}/${b}`
  document.body.append(el)
  await el.updateComplete
  return el.shadowRoot!
}

describe('rt-file-versions', () => {
  it('says in words that a newer version is online and that the file changed since it was read', async () => {
    const root = await render([sha('a')], sha('a'))
    const badges = [...root.querySelectorAll('.badge')].map((b) => b.textContent?.trim())
    expect(badges).toEqual(['neuere Version online', 'geändert seit Sie es gelesen haben'])
    expect(root.querySelector('ul.badges')?.getAttribute('aria-label')).toBe('Status von Lageplan')
  })

  it('lists the versions newest first with reason, and links to open and compare', async () => {
    const root = await render([sha('a'), sha('b')])
    expect(root.querySelector('.badge')?.textContent?.trim()).toBe('aktuell auf diesem Gerät')
    expect(root.querySelector('summary')?.textContent).toContain('Versionen (2)')
    // the list is rendered once the disclosure opens
    expect(root.querySelector('ol')).toBeNull()
    const el = root.host as FileVersionsView
    el.open = true
    await el.updateComplete
    const items = [...root.querySelectorAll('ol li')]
    expect(items[0].textContent).toContain('Version 2 – aktuell')
    expect(items[0].textContent).toContain('„Korrektur Kostenschätzung“')
    expect(items[1].textContent).toContain('zur Sitzung vorgelegt')
    expect(items[1].querySelector<HTMLAnchorElement>('a.compare')?.getAttribute('href')).toBe(`/compare/${sha('a')}/${sha('b')}`)
    expect(items[0].querySelector('a.compare')).toBeNull()
  })

  it('badgeTexts matches what the element shows', () => {
    expect(badgeTexts({ badge: 'not-downloaded', changedSinceRead: false })).toEqual(['nicht heruntergeladen'])
  })
})
