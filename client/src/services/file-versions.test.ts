import { describe, expect, it } from 'vitest'
import type { FileRef, PaperDoc } from '@ratstisch/domain'
import { cacheBadge, changedSinceRead, fileKeyOf, fileStatus, logicalFileOf, mergeRead, readFor, type ReadRecord } from './file-versions.ts'

const sha = (c: string) => c.repeat(64)
const v = (n: number, c: string, comment = '') => ({
  sha256: sha(c),
  name: `Plan v${n}.pdf`,
  mime: 'application/pdf',
  size: 1000 * n,
  version: n,
  uploadedAt: `2026-03-0${n}T10:00:00.000Z`,
  uploadedBy: 'u',
  uploadedByName: 'Sitzungsdienst',
  comment,
})
const paper: Pick<PaperDoc, 'attachments'> = {
  attachments: [
    { id: 'p1-a1', title: 'Lageplan', versions: [v(1, 'a'), v(2, 'b', 'Korrektur Kostenschätzung'), v(3, 'c')] },
    { id: 'p1-a2', title: 'Kosten', versions: [v(1, 'd')] },
  ],
}
const ref = (c: string, extra: Partial<FileRef> = {}): FileRef => ({ sha256: sha(c), name: 'Plan.pdf', mime: 'application/pdf', size: 1, ...extra })
const read = (c: string, version: number, fileKey = 'p1/p1-a1'): ReadRecord => ({ fileKey, sha256: sha(c), version, meetingId: 'm1', at: '2026-03-05T00:00:00Z' })

describe('fileKeyOf', () => {
  it('uses paper and attachment when both are known, else the SHA-256', () => {
    expect(fileKeyOf(ref('a', { attachmentId: 'p1-a1' }), 'p1')).toBe('p1/p1-a1')
    expect(fileKeyOf(ref('a', { attachmentId: 'p1-a1' }))).toBe(sha('a'))
    expect(fileKeyOf(ref('a'), 'p1')).toBe(sha('a'))
  })
})

describe('logicalFileOf', () => {
  it('lists every version of the attachment from the paper, oldest first, with date and comment', () => {
    const f = logicalFileOf(ref('b', { attachmentId: 'p1-a1', version: 2 }), 'p1', paper)
    expect(f.key).toBe('p1/p1-a1')
    expect(f.title).toBe('Lageplan')
    expect(f.versions.map((x) => x.version)).toEqual([1, 2, 3])
    expect(f.versions[1].comment).toBe('Korrektur Kostenschätzung')
    expect(f.versions[1].uploadedByName).toBe('Sitzungsdienst')
    expect(f.shown.version).toBe(2)
  })

  it('finds the attachment by SHA-256 when the snapshot has no attachment id', () => {
    const f = logicalFileOf(ref('d'), 'p1', paper)
    expect(f.key).toBe('p1/p1-a2')
    expect(f.versions).toHaveLength(1)
  })

  it('without the paper document the item file is its only version', () => {
    const f = logicalFileOf(ref('b', { attachmentId: 'p1-a1', version: 2 }), 'p1')
    expect(f.key).toBe('p1/p1-a1')
    expect(f.versions.map((x) => x.version)).toEqual([2])
    expect(logicalFileOf(ref('e')).key).toBe(sha('e'))
  })

  it('keeps a snapshot newer than this device’s copy of the paper as the latest version', () => {
    const f = logicalFileOf(ref('f', { attachmentId: 'p1-a1', version: 4 }), 'p1', paper)
    expect(f.versions.map((x) => x.version)).toEqual([1, 2, 3, 4])
    expect(f.shown.sha256).toBe(sha('f'))
  })
})

describe('cacheBadge', () => {
  const f = logicalFileOf(ref('b', { attachmentId: 'p1-a1' }), 'p1', paper)
  it('current version on the device', () => {
    expect(cacheBadge(f, new Set([sha('c')]))).toBe('current')
    expect(cacheBadge(f, new Set([sha('a'), sha('c')]))).toBe('current')
  })
  it('an older version on the device, the current one not', () => {
    expect(cacheBadge(f, new Set([sha('b')]))).toBe('newer-online')
    expect(cacheBadge(f, new Set([sha('a')]))).toBe('newer-online')
  })
  it('nothing of the file on the device', () => {
    expect(cacheBadge(f, new Set())).toBe('not-downloaded')
    expect(cacheBadge(f, new Set([sha('d')]))).toBe('not-downloaded')
  })
})

describe('changed since read', () => {
  const f = logicalFileOf(ref('b', { attachmentId: 'p1-a1' }), 'p1', paper)
  it('is false when never opened or when the current version was opened', () => {
    expect(changedSinceRead(f, undefined)).toBe(false)
    expect(changedSinceRead(f, read('c', 3))).toBe(false)
  })
  it('is true when an older version was opened', () => {
    expect(changedSinceRead(f, read('a', 1))).toBe(true)
    expect(changedSinceRead(f, read('b', 2))).toBe(true)
  })
  it('trusts the paper’s version numbers over the recorded ones', () => {
    expect(changedSinceRead(f, read('c', 1))).toBe(false)
  })
  it('a read recorded under a version’s SHA-256 counts for the attachment', () => {
    const reads = new Map([[sha('b'), read('b', 1, sha('b'))]])
    expect(readFor(f, reads)?.version).toBe(2)
    expect(fileStatus(f, new Set([sha('b')]), reads)).toMatchObject({ badge: 'newer-online', changedSinceRead: true, cachedVersions: [2] })
  })
  it('the highest version read wins', () => {
    const reads = new Map([
      ['p1/p1-a1', read('a', 1)],
      [sha('c'), read('c', 3, sha('c'))],
    ])
    expect(readFor(f, reads)?.sha256).toBe(sha('c'))
    expect(fileStatus(f, new Set([sha('c')]), reads).changedSinceRead).toBe(false)
  })
})

describe('mergeRead', () => {
  it('opening an old version after the new one keeps the new one', () => {
    expect(mergeRead(read('c', 3), read('a', 1)).version).toBe(3)
  })
  it('a newer read replaces the older one', () => {
    expect(mergeRead(read('a', 1), read('c', 3)).version).toBe(3)
    expect(mergeRead(undefined, read('a', 1)).version).toBe(1)
  })
})
