import { describe, expect, it } from 'vitest'
import type { AgendaItem, FileRef, MeetingConfidentialDoc, MeetingDoc, NotesDoc } from '@ratstisch/domain'
import { fileForAnnotation, meetingFiles } from './meeting-files.ts'

const sha = (c: string) => c.repeat(64)
const ref = (c: string, over: Partial<FileRef> = {}): FileRef => ({ sha256: sha(c), name: `${c}.pdf`, mime: 'application/pdf', size: 10, ...over })
const item = (id: string, order: number, files: FileRef[], over: Partial<AgendaItem> = {}): AgendaItem => ({ id, number: `Ö ${order}`, order, title: `Punkt ${order}`, public: true, files, ...over })

const meeting = {
  type: 'meeting',
  invitation: ref('1'),
  releases: [
    { version: 1, agenda: ref('2') },
    { version: 2, agenda: ref('3') },
  ],
  agendaItems: [
    item('i2', 2, [ref('b')]),
    item('i1', 1, [ref('a', { attachmentId: 'att1', version: 2 })], { paper: { url: 'automerge:p', id: 'p1', reference: 'BV 1', name: 'x', paperType: 'Beschlussvorlage' } }),
  ],
} as unknown as MeetingDoc
const confidential = { type: 'meeting-confidential', meetingId: 'm', agendaItems: [item('n1', 1, [ref('c'), ref('b')], { number: 'N 1', public: false })] } as unknown as MeetingConfidentialDoc
const notes = { type: 'notes', owner: 'u', meetingId: 'm', notes: {}, uploads: [{ id: 'u1', sha256: sha('d'), name: 'Eigene.pdf', mime: 'application/pdf', size: 5, uploadedAt: '2026-01-01' }] } as NotesDoc

describe('meetingFiles', () => {
  const files = meetingFiles({
    meeting: { doc: meeting, documentId: 'doc-m' },
    confidential: { doc: confidential, documentId: 'doc-c' },
    notes: { doc: notes, documentId: 'doc-n' },
  })

  it('lists invitation, latest agenda, item files in order, non-public files and own uploads, each once', () => {
    expect(files.map((f) => [f.sha256[0], f.group, f.documentId])).toEqual([
      ['1', 'meeting', 'doc-m'],
      ['3', 'meeting', 'doc-m'],
      ['a', 'public', 'doc-m'],
      ['b', 'public', 'doc-m'],
      ['c', 'confidential', 'doc-c'],
      ['d', 'upload', 'doc-n'],
    ])
    expect(files[2].label).toBe('Ö 1 Punkt 1 – a.pdf')
  })

  it('keys a paper attachment by paper and attachment, everything else by its SHA-256', () => {
    expect(files[2].fileKey).toBe('p1/att1')
    expect(files[3].fileKey).toBe(sha('b'))
    expect(files[5].fileKey).toBe(sha('d'))
  })

  it('leaves out parts the member cannot read', () => {
    const only = meetingFiles({ meeting: { doc: meeting, documentId: 'doc-m' }, confidential: { doc: undefined, documentId: undefined }, notes: { doc: undefined, documentId: undefined } })
    expect(only.some((f) => f.group === 'confidential' || f.group === 'upload')).toBe(false)
  })

  it('finds the file of an annotation: its version, else the newest of the same file key', () => {
    expect(fileForAnnotation(files, { fileKey: sha('b'), sha256: sha('b') })?.sha256).toBe(sha('b'))
    expect(fileForAnnotation(files, { fileKey: 'p1/att1', sha256: sha('9') })?.sha256).toBe(sha('a'))
    expect(fileForAnnotation(files, { fileKey: 'p9/x', sha256: sha('9') })).toBeUndefined()
  })
})
