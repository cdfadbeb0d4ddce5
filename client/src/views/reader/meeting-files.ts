/**
 * The files a member can open in a meeting's reader (pure): the invitation and the latest released
 * agendas, the files of the public and the non-public agenda items, and the member's own uploads.
 * Each carries the document that references it (the relay checks access by that document) and
 * its file key (stable across versions, the key annotations use).
 */
import type { AgendaItem, FileRef, MeetingConfidentialDoc, MeetingDoc, NotesDoc } from '@ratstisch/domain'
import { fileKeyOf } from '../../services/file-versions.ts'

export type FileGroup = 'meeting' | 'public' | 'confidential' | 'upload'

export interface MeetingFile {
  sha256: string
  ref: FileRef
  /** the document whose audience decides who may download it */
  documentId: string
  fileKey: string
  group: FileGroup
  item?: Pick<AgendaItem, 'id' | 'number' | 'title'>
  /** what a list shows: "Ö 3 Bebauungsplan Nr. 42 – Vorlage.pdf" */
  label: string
}

interface Part<T> {
  doc: T | undefined
  documentId: string | undefined
}

/**
 * Only files everybody may read can carry shared annotations: the faction's audience is not the
 * audience of the non-public part (colleagues outside the committee), and an upload is private.
 * The relay enforces the same rule; the app does not offer what it would refuse.
 */
export function isShareable(file: Pick<MeetingFile, 'group'> | undefined): boolean {
  return file?.group === 'meeting' || file?.group === 'public'
}

export interface MeetingFileSources {
  meeting: Part<MeetingDoc>
  confidential: Part<MeetingConfidentialDoc>
  notes: Part<NotesDoc>
  /** names of the released agenda PDFs ("Tagesordnung", "Tagesordnung (nichtöffentlich)") */
  agendaLabel?: string
  confidentialAgendaLabel?: string
  invitationLabel?: string
}

function latest<T extends { version: number }>(list: readonly T[] | undefined): T | undefined {
  return (list ?? []).reduce<T | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined)
}

function itemFiles(items: readonly AgendaItem[] | undefined, documentId: string, group: FileGroup): MeetingFile[] {
  const out: MeetingFile[] = []
  for (const item of [...(items ?? [])].sort((a, b) => a.order - b.order)) {
    for (const ref of item.files ?? []) {
      out.push({
        sha256: ref.sha256,
        ref,
        documentId,
        fileKey: fileKeyOf(ref, item.paper?.id),
        group,
        item: { id: item.id, number: item.number, title: item.title },
        label: `${item.number} ${item.title} – ${ref.name}`,
      })
    }
  }
  return out
}

export function meetingFiles(src: MeetingFileSources): MeetingFile[] {
  const out: MeetingFile[] = []
  const { meeting, confidential, notes } = src
  if (meeting.doc && meeting.documentId) {
    const id = meeting.documentId
    const inv = meeting.doc.invitation
    if (inv) out.push({ sha256: inv.sha256, ref: inv, documentId: id, fileKey: inv.sha256, group: 'meeting', label: `${src.invitationLabel ?? 'Einladung'} – ${inv.name}` })
    const agenda = latest(meeting.doc.releases)?.agenda
    if (agenda) out.push({ sha256: agenda.sha256, ref: agenda, documentId: id, fileKey: agenda.sha256, group: 'meeting', label: `${src.agendaLabel ?? 'Tagesordnung'} – ${agenda.name}` })
  }
  if (confidential.doc && confidential.documentId) {
    const agenda = latest(confidential.doc.releases)?.agenda
    if (agenda)
      out.push({
        sha256: agenda.sha256,
        ref: agenda,
        documentId: confidential.documentId,
        fileKey: agenda.sha256,
        group: 'meeting',
        label: `${src.confidentialAgendaLabel ?? 'Tagesordnung (nichtöffentlich)'} – ${agenda.name}`,
      })
  }
  if (meeting.doc && meeting.documentId) out.push(...itemFiles(meeting.doc.agendaItems, meeting.documentId, 'public'))
  if (confidential.doc && confidential.documentId) out.push(...itemFiles(confidential.doc.agendaItems, confidential.documentId, 'confidential'))
  if (notes.doc && notes.documentId) {
    for (const u of notes.doc.uploads ?? []) {
      if (typeof u?.sha256 !== 'string') continue
      const ref: FileRef = { sha256: u.sha256, name: u.name, mime: u.mime, size: u.size }
      if (u.pages) ref.pages = u.pages
      out.push({ sha256: u.sha256, ref, documentId: notes.documentId, fileKey: u.sha256, group: 'upload', label: u.name })
    }
  }
  // one entry per file: the same PDF on two items opens once (the first place it appears)
  const seen = new Set<string>()
  return out.filter((f) => !seen.has(f.sha256) && !!seen.add(f.sha256))
}

/** The file to open for an annotation: its own version if the meeting has it, else the newest of the same file key. */
export function fileForAnnotation(files: readonly MeetingFile[], target: { fileKey: string; sha256: string }): MeetingFile | undefined {
  const exact = files.find((f) => f.sha256 === target.sha256)
  if (exact) return exact
  const same = files.filter((f) => f.fileKey === target.fileKey)
  return same.reduce<MeetingFile | undefined>((a, f) => (!a || (f.ref.version ?? 0) > (a.ref.version ?? 0) ? f : a), undefined)
}
