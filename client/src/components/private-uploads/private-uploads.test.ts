// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { PrivateUpload } from '@ratstisch/domain'
import { UploadRejectedError } from '../../services/private-uploads.ts'
import { PrivateUploadsView, uploadErrorText } from './private-uploads.ts'

const upload = (id: string, itemId?: string): PrivateUpload => ({
  id,
  sha256: id.repeat(64).slice(0, 64),
  name: `Stellungnahme ${id}.pdf`,
  mime: 'application/pdf',
  size: 2048,
  uploadedAt: '2026-03-01T10:00:00.000Z',
  ...(itemId ? { itemId } : {}),
})

async function render(props: Partial<PrivateUploadsView>): Promise<PrivateUploadsView> {
  const el = document.createElement('rt-private-uploads') as PrivateUploadsView
  Object.assign(el, props)
  document.body.append(el)
  await el.updateComplete
  return el
}

describe('rt-private-uploads', () => {
  it('lists only the documents of its item, says which still wait for a connection and which failed', async () => {
    const el = await render({
      uploads: [upload('a', 'i1'), upload('b'), upload('c', 'i1')],
      pending: new Set(['a']),
      failures: new Map([['c', 'Nur PDF-Dateien']]),
      itemId: 'i1',
      itemNumber: 'Ö 3',
    })
    const items = [...el.shadowRoot!.querySelectorAll('li')]
    expect(items.map((li) => li.querySelector('.name')?.textContent)).toEqual(['Stellungnahme a.pdf', 'Stellungnahme c.pdf'])
    expect(items[0].textContent).toContain('wird hochgeladen, sobald eine Verbindung besteht')
    expect(items[1].textContent).toContain('Hochladen fehlgeschlagen: Nur PDF-Dateien')
    expect(el.shadowRoot!.querySelector('ul')?.getAttribute('aria-label')).toBe('Eigene Dokumente zu Ö 3')
  })

  it('renders the form only while open and asks for a file when none is chosen', async () => {
    let added = 0
    const el = await render({ add: async () => void added++ })
    expect(el.shadowRoot!.querySelector('form')).toBeNull()
    el.open = true
    await el.updateComplete
    const form = el.shadowRoot!.querySelector('form')!
    expect(el.shadowRoot!.querySelector('label')?.textContent).toBe('PDF-Datei')
    form.dispatchEvent(new Event('submit', { cancelable: true }))
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('#upload-status')?.textContent).toContain('Bitte wählen Sie eine PDF-Datei.')
    expect(added).toBe(0)
  })

  it('explains refused files in words', () => {
    expect(uploadErrorText(new UploadRejectedError('not-pdf'))).toBe('Nur PDF-Dateien können hinzugefügt werden.')
    expect(uploadErrorText(new UploadRejectedError('too-large'))).toBe('Die Datei ist größer als 100 MB.')
  })
})
