/**
 * What each kind of local data contributes to the search index (pure; the search service feeds
 * these with documents this user may read, the relevance test with the demo town):
 *
 * - a catalogue entry (every meeting the user may read, also without its documents on the device):
 *   one meeting record from the manifest's metadata;
 * - a meeting document (public or non-public part, for meetings available offline): one record per
 *   agenda item, and where each of its files is presented (FileContext);
 * - a paper document referenced by such an item: the paper with its sections, and every version
 *   of its attachments;
 * - the member's notes document of such a meeting: the documents they uploaded for themself.
 * Source keys name the document they come from, so revoking a document removes exactly its records.
 */
import {
  fileRefsOf,
  richTextToPlainText,
  type AgendaItem,
  type FileRef,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type MeetingMeta,
  type NotesDoc,
  type PaperDoc,
} from '@ratstisch/domain'
import { dateWords, townDate, type AttachmentVersion, type FileContext, type MeetingRef, type SearchRecord, type SearchSource } from '@ratstisch/search'

export const catalogueSourceKey = (meetingId: string): string => `catalogue:${meetingId}`
export const documentSourceKey = (type: 'meeting' | 'meeting-confidential' | 'paper' | 'notes', documentId: string): string => `${type}:${documentId}`

export function meetingRefOf(doc: Pick<MeetingDoc, 'id' | 'name' | 'start' | 'organization'>): MeetingRef {
  return { id: doc.id, name: doc.name, start: doc.start, bodyId: doc.organization.id, bodyName: doc.organization.name }
}

export function meetingRefFromMeta(meetingId: string, meta: MeetingMeta): MeetingRef {
  return { id: meetingId, name: meta.name, start: meta.start, bodyId: meta.organizationId, bodyName: meta.organizationName }
}

/** The meeting itself, from the catalogue (manifest metadata). */
export function catalogueSource(meetingId: string, meta: MeetingMeta): SearchSource {
  const meeting = meetingRefFromMeta(meetingId, meta)
  const record: SearchRecord = {
    id: `meeting:${meetingId}`,
    kind: 'meeting',
    title: meta.name,
    meta: '',
    context: meta.organizationName,
    text: [meta.location ?? '', dateWords(meta.start)].filter(Boolean).join('\n'),
    bodyIds: [meta.organizationId],
    date: townDate(meta.start),
    meeting,
  }
  return { key: catalogueSourceKey(meetingId), stamp: JSON.stringify(meta), records: [record], files: [], versions: [] }
}

function itemRecord(item: AgendaItem, meeting: MeetingRef, confidential: boolean): SearchRecord {
  const paperName = item.paper && item.paper.name !== item.title ? item.paper.name : ''
  const text = [paperName, item.resolutionProposal ?? '', item.resolutionText ? richTextToPlainText(item.resolutionText) : '', item.minutesNote ?? '']
    .filter(Boolean)
    .join('\n\n')
  const record: SearchRecord = {
    id: `item:${meeting.id}:${item.id}`,
    kind: 'agenda-item',
    title: item.title,
    meta: [item.number, item.paper?.reference ?? '', item.paper?.paperType ?? ''].filter(Boolean).join(' '),
    context: [meeting.name, meeting.bodyName, ...(item.files ?? []).map((f) => f.name)].join('\n'),
    text,
    bodyIds: [meeting.bodyId],
    date: townDate(meeting.start),
    meeting,
    itemNumber: item.number,
    confidential,
  }
  if (item.paper) record.paper = { id: item.paper.id, reference: item.paper.reference, paperType: item.paper.paperType }
  return record
}

function contextOf(ref: FileRef, meeting: MeetingRef, confidential: boolean, item?: AgendaItem): FileContext {
  const ctx: FileContext = { sha256: ref.sha256, name: ref.name, meeting, confidential }
  if (ref.pages) ctx.pages = ref.pages
  if (ref.attachmentId) ctx.attachmentId = ref.attachmentId
  if (ref.version !== undefined) ctx.version = ref.version
  if (item) {
    ctx.itemNumber = item.number
    ctx.itemTitle = item.title
    if (item.paper?.reference) ctx.reference = item.paper.reference
  }
  return ctx
}

/**
 * One part of a meeting (public or non-public document). `meeting` describes the meeting; for the
 * non-public part it comes from the public document or the catalogue.
 */
export function meetingPartSource(documentId: string, stamp: string, doc: MeetingDoc | MeetingConfidentialDoc, meeting: MeetingRef): SearchSource {
  const confidential = doc.type === 'meeting-confidential'
  const records: SearchRecord[] = []
  const files: FileContext[] = []
  const onItems = new Set<string>()
  for (const item of doc.agendaItems ?? []) {
    records.push(itemRecord(item, meeting, confidential))
    for (const ref of item.files ?? []) {
      files.push(contextOf(ref, meeting, confidential, item))
      onItems.add(ref.sha256)
    }
  }
  // invitation letters and released agendas
  for (const ref of fileRefsOf(doc)) if (!onItems.has(ref.sha256)) files.push(contextOf(ref, meeting, confidential))
  return { key: documentSourceKey(doc.type, documentId), stamp, records, files, versions: [] }
}

/**
 * A paper, reached through an agenda item of `via` (the meeting used for links to its files,
 * including versions not presented on that agenda).
 */
export function paperSource(documentId: string, stamp: string, paper: PaperDoc, via: MeetingRef): SearchSource {
  const confidential = paper.public === false
  const sections = (paper.sections ?? []).map((s) => `${s.title}\n${richTextToPlainText(s.text ?? '')}`)
  const record: SearchRecord = {
    id: `paper:${paper.id}`,
    kind: 'paper',
    title: paper.name,
    meta: [paper.reference, paper.paperType].filter(Boolean).join(' '),
    context: [paper.department, ...(paper.consultations ?? []).map((c) => c.organizationName)].join('\n'),
    text: [paper.summary ?? '', ...sections].filter(Boolean).join('\n\n'),
    bodyIds: [...new Set((paper.consultations ?? []).map((c) => c.organizationId))],
    date: paper.date,
    meeting: via,
    paper: { id: paper.id, reference: paper.reference, paperType: paper.paperType },
    confidential,
  }
  const versions: AttachmentVersion[] = []
  const files: FileContext[] = []
  for (const attachment of paper.attachments ?? []) {
    for (const v of attachment.versions ?? []) {
      versions.push({ attachmentId: attachment.id, version: v.version, sha256: v.sha256, name: v.name })
      const ctx: FileContext = { sha256: v.sha256, name: v.name, meeting: via, attachmentId: attachment.id, version: v.version, confidential }
      if (v.pages) ctx.pages = v.pages
      if (paper.reference) ctx.reference = paper.reference
      files.push(ctx)
    }
  }
  return { key: documentSourceKey('paper', documentId), stamp, records: [record], files, versions }
}

/**
 * The member's own notes document of a meeting: the documents they uploaded for themself (their
 * text is searchable like any file of the meeting, marked as their own). `items` names the agenda
 * items an upload belongs to.
 */
export function notesSource(documentId: string, stamp: string, notes: NotesDoc, meeting: MeetingRef, items: ReadonlyMap<string, AgendaItem>): SearchSource {
  const files: FileContext[] = []
  for (const upload of notes.uploads ?? []) {
    if (!upload || typeof upload.sha256 !== 'string') continue
    const item = upload.itemId ? items.get(upload.itemId) : undefined
    const ctx: FileContext = { sha256: upload.sha256, name: upload.name, meeting, confidential: false, own: true }
    if (upload.pages) ctx.pages = upload.pages
    if (item) {
      ctx.itemNumber = item.number
      ctx.itemTitle = item.title
    }
    files.push(ctx)
  }
  return { key: documentSourceKey('notes', documentId), stamp, records: [], files, versions: [] }
}
