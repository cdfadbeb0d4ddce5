import { describe, expect, it } from 'vitest'
import type { FileRef } from './documents.ts'
import { currentFiles, refreshItemFiles, type Attachment, type FileVersion } from './papers.ts'

const version = (n: number, sha: string, name = `Plan v${n}.pdf`): FileVersion => ({
  sha256: sha.repeat(64), name, mime: 'application/pdf', size: 100 * n, version: n, uploadedAt: '2026-03-01T10:00:00Z', uploadedBy: 'clerk', uploadedByName: 'Sabine Krüger', comment: '',
})
const plan: Attachment = { id: 'a1', title: 'Lageplan', versions: [version(1, 'a'), version(2, 'b')] }
const annex: Attachment = { id: 'a2', title: 'Kostenschätzung', versions: [version(1, 'c', 'Kosten.pdf')] }
const ref = (v: FileVersion, attachmentId?: string): FileRef => ({ sha256: v.sha256, name: v.name, mime: v.mime, size: v.size, ...(attachmentId ? { attachmentId, version: v.version } : {}) })

describe('refreshItemFiles', () => {
  it('moves each of the paper’s files to its current version and appends new attachments', () => {
    const item = [ref(plan.versions[0], 'a1')]
    expect(refreshItemFiles(item, [plan, annex])).toEqual(currentFiles([plan, annex]))
  })

  it('recognises older snapshots without attachmentId by their SHA-256', () => {
    expect(refreshItemFiles([ref(plan.versions[0])], [plan])).toEqual([{ ...ref(plan.versions[1], 'a1') }])
  })

  it('keeps files that are not the paper’s, in place, and is stable when nothing changed', () => {
    const foreign: FileRef = { sha256: 'f'.repeat(64), name: 'Stellungnahme.pdf', mime: 'application/pdf', size: 5 }
    const files = [foreign, ref(plan.versions[1], 'a1')]
    expect(refreshItemFiles(files, [plan])).toEqual(files)
    expect(refreshItemFiles([ref(plan.versions[0], 'a1'), foreign], [plan])).toEqual([ref(plan.versions[1], 'a1'), foreign])
  })

  it('lists an attachment once even if the snapshot had two of its versions', () => {
    expect(refreshItemFiles([ref(plan.versions[0], 'a1'), ref(plan.versions[1], 'a1')], [plan])).toEqual([ref(plan.versions[1], 'a1')])
  })
})
