import { describe, expect, it } from 'vitest'
import type { CatalogueRow } from './local-db.ts'
import { diffManifest } from './manifest-diff.ts'
import { parseManifest } from './relay-contract.ts'

describe('manifest diff', () => {
  const row = (id: string, extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
    documentId: id,
    url: `automerge:${id}`,
    type: 'meeting',
    access: 'read',
    ...extra,
  })
  it('finds new, changed and revoked documents', () => {
    const current = [row('A'), row('B'), row('C', { type: 'meeting-confidential', meeting: 'm1' })]
    const manifest = parseManifest({
      serverTime: '2026-01-01T00:00:00Z',
      documents: [
        { url: 'automerge:A', type: 'meeting', access: 'read' },
        { url: 'automerge:B', type: 'meeting', access: 'write' },
        { url: 'automerge:D', type: 'notes', access: 'write', meeting: 'm1' },
      ],
    })
    const diff = diffManifest(current, manifest.documents)
    expect(diff.upserts.map((r) => r.documentId).sort()).toEqual(['B', 'D'])
    expect(diff.removed.map((r) => r.documentId)).toEqual(['C'])
    expect(diff.next).toHaveLength(3)
  })
})
