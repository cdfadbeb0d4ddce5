/**
 * What the public model contributes to the portal's search index, as sources of the shared search
 * engine (@ratstisch/search), built from `PublicReader` only:
 *
 * - one source per public meeting: the meeting (name, body, place, date in words, public minutes)
 *   and its public agenda items (title, number, paper reference and type, resolution proposal and
 *   text), with where each of its files is presented (invitation, agendas, item files);
 * - one source per public paper: the paper (name, reference, type, department, summary, section
 *   texts) and every version of its attachments, filed under the paper's date and the bodies of
 *   its Beratungsfolge (a version no public agenda presents is still found).
 *
 * Record ids carry their kind (`meeting:`, `item:`, `paper:`); stamps are hashes of the content,
 * so an unchanged source is not re-indexed.
 */
import { createHash } from 'node:crypto'
import { formatLocation, richTextToPlainText } from '@ratstisch/domain'
import { dateWords, townDate, type AttachmentVersion, type FileContext, type MeetingRef, type SearchRecord, type SearchSource } from '@ratstisch/search'
import type { PortalSearchKind } from '../public/portal-search-api.ts'
import type { PublicAgendaItem, PublicFileRef, PublicMeeting, PublicPaper, PublicReader } from '../public/public-model.ts'

const RECORD_PREFIX = { meeting: 'meeting:', 'agenda-item': 'item:', paper: 'paper:' } as const

export const recordId = (kind: Exclude<PortalSearchKind, 'file'>, id: string): string => RECORD_PREFIX[kind] + id

/** The public model id of an indexed record id. */
export function publicIdOf(kind: Exclude<PortalSearchKind, 'file'>, recordIdValue: string): string {
  return recordIdValue.slice(RECORD_PREFIX[kind].length)
}

const STATE_WORDS: Record<string, string> = { cancelled: 'abgesagt', held: 'abgehalten', invited: 'eingeladen', running: 'läuft' }

function plain(text: string | null | undefined): string {
  if (!text) return ''
  try {
    return richTextToPlainText(text)
  } catch {
    return text
  }
}

function stampOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url')
}

export function meetingRefOf(meeting: PublicMeeting): MeetingRef {
  return { id: meeting.id, name: meeting.name, start: meeting.start, bodyId: meeting.organizationId, bodyName: meeting.organizationName }
}

function fileContext(ref: PublicFileRef, extra: Partial<FileContext>): FileContext {
  const ctx: FileContext = { sha256: ref.sha256, name: ref.name, confidential: false, ...extra }
  if (ref.pages) ctx.pages = ref.pages
  if (ref.attachmentId) ctx.attachmentId = ref.attachmentId
  if (ref.version !== undefined) ctx.version = ref.version
  return ctx
}

export function meetingSource(reader: PublicReader, meeting: PublicMeeting): SearchSource {
  const ref = meetingRefOf(meeting)
  const date = townDate(meeting.start)
  const minutes = reader.get('minutes', meeting.id)
  const records: SearchRecord[] = [
    {
      id: recordId('meeting', meeting.id),
      kind: 'meeting',
      title: meeting.name,
      meta: '',
      context: [meeting.organizationName, meeting.organizationShortName].join('\n'),
      text: [
        formatLocation(meeting.location),
        dateWords(meeting.start),
        meeting.state === 'cancelled' ? [STATE_WORDS.cancelled, meeting.cancelledReason ?? ''].join(' ') : '',
        ...(minutes ? [minutes.title, ...minutes.sections.map((s) => `${s.title}\n${plain(s.text)}`)] : []),
      ]
        .filter(Boolean)
        .join('\n'),
      bodyIds: [meeting.organizationId],
      date,
      meeting: ref,
    },
  ]
  const files: FileContext[] = []
  const onItems = new Set<string>()
  for (const itemId of meeting.agendaItemIds) {
    const item = reader.get('agenda-item', itemId)
    if (!item) continue
    records.push(itemRecord(reader, item, ref, date))
    for (const f of item.files) {
      onItems.add(f.sha256)
      files.push(fileContext(f, { meeting: ref, itemNumber: item.number, itemTitle: item.title, ...(item.paperReference ? { reference: item.paperReference } : {}) }))
    }
  }
  for (const f of [...(meeting.invitation ? [meeting.invitation] : []), ...meeting.agendas]) if (!onItems.has(f.sha256)) files.push(fileContext(f, { meeting: ref }))
  return { key: `meeting:${meeting.id}`, stamp: stampOf([records, files]), records, files, versions: [] }
}

function itemRecord(reader: PublicReader, item: PublicAgendaItem, meeting: MeetingRef, date: string): SearchRecord {
  const paperType = item.paperId ? reader.get('paper', item.paperId)?.paperType : undefined
  const record: SearchRecord = {
    id: recordId('agenda-item', item.id),
    kind: 'agenda-item',
    title: item.title,
    meta: [item.number, item.paperReference ?? '', paperType ?? ''].filter(Boolean).join(' '),
    context: [meeting.name, meeting.bodyName, ...item.files.map((f) => f.name)].join('\n'),
    text: [
      item.paperName && item.paperName !== item.title ? item.paperName : '',
      plain(item.resolutionProposal),
      plain(item.resolutionText),
      item.referredTo ? `verwiesen an ${item.referredTo}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    bodyIds: [meeting.bodyId],
    date,
    meeting,
    itemNumber: item.number,
  }
  if (item.paperId && item.paperReference) record.paper = { id: item.paperId, reference: item.paperReference, paperType: paperType ?? '' }
  return record
}

export function paperSource(reader: PublicReader, paper: PublicPaper): SearchSource {
  const consultations = paper.consultationIds.map((id) => reader.get('consultation', id)).filter((c) => c !== undefined)
  const bodyIds = [...new Set(consultations.map((c) => c.organizationId))]
  const record: SearchRecord = {
    id: recordId('paper', paper.id),
    kind: 'paper',
    title: paper.name,
    meta: [paper.reference, paper.paperType].filter(Boolean).join(' '),
    // like an agenda item's: the department, the bodies, and the names of the current attachments
    context: [paper.department, ...new Set(consultations.map((c) => c.organizationName)), ...paper.attachments.flatMap((a) => a.versions.slice(-1).map((v) => v.name))].join('\n'),
    text: [paper.summary, ...paper.sections.map((s) => `${s.title}\n${plain(s.text)}`)].filter(Boolean).join('\n\n'),
    bodyIds,
    date: paper.date,
    paper: { id: paper.id, reference: paper.reference, paperType: paper.paperType },
  }
  const versions: AttachmentVersion[] = []
  const files: FileContext[] = []
  for (const attachment of paper.attachments) {
    for (const v of attachment.versions) {
      versions.push({ attachmentId: attachment.id, version: v.version, sha256: v.sha256, name: v.name })
      files.push(fileContext(v, { date: paper.date, bodyIds, reference: paper.reference, attachmentId: attachment.id, version: v.version }))
    }
  }
  return { key: `paper:${paper.id}`, stamp: stampOf([record, files]), records: [record], files, versions }
}

/** Every source of the public model, meetings first. */
export function publicSearchSources(reader: PublicReader): SearchSource[] {
  return [...reader.all('meeting').map((m) => meetingSource(reader, m)), ...reader.all('paper').map((p) => paperSource(reader, p))]
}
