/**
 * Leak-test mode only (RATSTISCH_DEMO_MARKER set): the kinds of non-public records the demo town
 * does not write on its own, so that a leak test finds every kind in place, each carrying the
 * marker where it is not public:
 *
 * - minutes of the last two held meetings of every body: the older ones signed and approved in
 *   the newer meeting (their public part becomes public and stays free of the marker, the
 *   non-public part carries it), the newest a draft (both parts carry it until approved);
 * - an open circular decision (Umlaufverfahren) of the Hauptausschuss on a non-public matter;
 * - member-a's private notes on their next meeting, and the CDU faction's shared notes on it.
 *
 * Everything goes through the relay's own services (minutes commands of the Sitzungsdienst, the
 * circular service, the faction notes service) or, for the member's notes, is written as the app
 * writes them. No notices are sent.
 */
import * as A from '@automerge/automerge'
import { parseAutomergeUrl, type AutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import {
  defaultAccess,
  type AccessEntry,
  type AgendaItem,
  type Annotation,
  type FactionNotesDoc,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type MinutesDoc,
  type NotesDoc,
} from '@ratstisch/domain'
import type { MeetingRow } from '../read-model/meeting-catalogue.ts'
import type { Relay } from '../relay.ts'
import { markedResolution, markedText, markedTitle, markerNote } from './demo-marker.ts'
import { ORG_IDS, type DemoTown } from './demo-town.ts'

export interface LeakTestRecords {
  /** minutes documents (public and non-public parts) */
  minutes: number
  circulars: number
  /** members' private notes documents */
  notes: number
  factionNotes: number
}

type CreateDocument = (doc: NotesDoc, meetingId: string, access: AccessEntry, ownerId: string) => Promise<unknown>

export async function seedLeakTestRecords(relay: Relay, town: DemoTown, marker: string, create: CreateDocument): Promise<LeakTestRecords> {
  const clerk = relay.users.byUsername('clerk')?.id
  const member = relay.users.byUsername('member-a')
  if (!clerk || !member) throw new Error('demo: the clerk or member-a account is missing')
  const minutes = await seedMinutes(relay, clerk, marker)
  const circulars = await seedCircular(relay, clerk, town, marker)
  const { notes, factionNotes } = await seedNotes(relay, member.id, marker, create)
  return { minutes, circulars, notes, factionNotes }
}

// ---------------------------------------------------------------------------------------------
// minutes
// ---------------------------------------------------------------------------------------------

async function seedMinutes(relay: Relay, clerk: string, marker: string): Promise<number> {
  const heldByBody = new Map<string, MeetingRow[]>()
  for (const row of relay.meetings.all()) {
    if (row.state !== 'held' || !row.publicDocId) continue
    heldByBody.set(row.organizationId, [...(heldByBody.get(row.organizationId) ?? []), row])
  }
  let documents = 0
  for (const rows of heldByBody.values()) {
    rows.sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    const [older, newest] = rows.slice(-2)
    if (!newest) continue
    documents += await minutesOf(relay, clerk, older, marker, newest)
    documents += await minutesOf(relay, clerk, newest, marker)
  }
  return documents
}

/** Generates the minutes of a held meeting; with `approvedIn` signs them and records their approval there. */
async function minutesOf(relay: Relay, clerk: string, row: MeetingRow, marker: string, approvedIn?: MeetingRow): Promise<number> {
  const confidential = row.confidentialDocId ? await relay.relayRepo.doc<MeetingConfidentialDoc>(row.confidentialDocId as DocumentId) : undefined
  const parts: Array<'public' | 'confidential'> = confidential?.agendaItems.length ? ['public', 'confidential'] : ['public']
  const command = (part: string, step: string) => `demo-minutes-${row.id}-${part}-${step}`
  for (const part of parts) {
    await relay.minutes.command(clerk, row.id, { id: command(part, 'generate'), action: 'generate-minutes', part })
    const documentId = relay.minutes.rows(row.id).find((r) => r.part === part)?.documentId
    if (!documentId) throw new Error(`demo: minutes of ${row.id} (${part}) were not written`)
    // what is not public carries the marker: the non-public part always, the public part until approved
    if (part === 'confidential' || !approvedIn) await addMarkerToMinutes(relay, documentId, row, marker)
    if (!approvedIn) continue
    await relay.minutes.command(clerk, row.id, { id: command(part, 'sign-chair'), action: 'sign-minutes', part, role: 'chair' })
    await relay.minutes.command(clerk, row.id, { id: command(part, 'sign-taker'), action: 'sign-minutes', part, role: 'minute-taker' })
    const item = await approvalItem(relay, approvedIn, part)
    await relay.minutes.command(clerk, row.id, {
      id: command(part, 'approve'),
      action: 'approve-minutes',
      part,
      approvedInMeetingId: approvedIn.id,
      ...(item ? { approvedInItemId: item.id } : {}),
    })
  }
  return parts.length
}

/** An edit of the draft by the office, as in the app: the marker sentence closes the minutes. */
async function addMarkerToMinutes(relay: Relay, documentId: string, row: MeetingRow, marker: string): Promise<void> {
  const handle = await relay.relayRepo.handle<MinutesDoc>(documentId as DocumentId)
  handle.change((d) => {
    const i = Math.max(0, d.sections.findIndex((s) => s.key === 'closing'))
    A.updateText(d, ['sections', i, 'text'], markedText(d.sections[i].text, marker))
  })
  await relay.relayRepo.persist(documentId as DocumentId)
  relay.minutes.updateAccess(documentId, handle.doc(), row.organizationId)
  relay.projection.project(documentId, handle.doc())
}

/** The item "Genehmigung der Niederschrift … (öffentlicher / nichtöffentlicher Teil)" of the approving meeting. */
async function approvalItem(relay: Relay, meeting: MeetingRow, part: 'public' | 'confidential'): Promise<AgendaItem | undefined> {
  const docId = part === 'public' ? meeting.publicDocId : meeting.confidentialDocId
  if (!docId) return undefined
  const doc = await relay.relayRepo.doc<MeetingDoc | MeetingConfidentialDoc>(docId as DocumentId)
  const label = part === 'public' ? '(öffentlicher Teil)' : '(nichtöffentlicher Teil)'
  return doc?.agendaItems.find((i) => i.title.includes('Genehmigung der Niederschrift') && i.title.includes(label))
}

// ---------------------------------------------------------------------------------------------
// circular decision
// ---------------------------------------------------------------------------------------------

async function seedCircular(relay: Relay, clerk: string, town: DemoTown, marker: string): Promise<number> {
  const org = town.organizations.find((o) => o.id === ORG_IDS.hauptausschuss)
  if (!org) return 0
  const deadline = new Date(Date.now() + 10 * 86_400_000)
  deadline.setUTCHours(10, 0, 0, 0)
  // seeding sends no notices (the releases of the demo do not either)
  relay.circulars.setNotifier(undefined)
  try {
    await relay.circulars.create(clerk, {
      organizationId: org.id,
      title: markedTitle('Grundstücksangelegenheit: Verkauf einer Teilfläche des Flurstücks 112/4, Gemarkung Musterstadt', marker),
      motion: markedResolution(`Der ${org.name} stimmt dem Verkauf einer Teilfläche von rund 850 m² des Flurstücks 112/4 zum Kaufpreis von 68.000 € zu.`, marker),
      deadline: deadline.toISOString(),
      public: false,
    })
  } finally {
    relay.circulars.setNotifier(relay.notifier)
  }
  return 1
}

// ---------------------------------------------------------------------------------------------
// private and faction notes
// ---------------------------------------------------------------------------------------------

async function seedNotes(relay: Relay, userId: string, marker: string, create: CreateDocument): Promise<{ notes: number; factionNotes: number }> {
  // the member's next meeting (invited); a held one if none is ahead
  const readable = relay.meetings.all().filter((m) => m.publicDocId && relay.registry.canRead(userId, m.publicDocId) && m.confidentialDocId && relay.registry.canRead(userId, m.confidentialDocId))
  const next = readable.filter((m) => m.state === 'invited').sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0]
  const meeting = next ?? readable.filter((m) => m.state === 'held').sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0]
  if (!meeting?.publicDocId) return { notes: 0, factionNotes: 0 }
  const publicDoc = await relay.relayRepo.doc<MeetingDoc>(meeting.publicDocId as DocumentId)
  const confidential = meeting.confidentialDocId ? await relay.relayRepo.doc<MeetingConfidentialDoc>(meeting.confidentialDocId as DocumentId) : undefined
  const withFile = publicDoc?.agendaItems.find((i) => i.public && i.paper && i.files.length > 0)
  if (!publicDoc || !withFile) return { notes: 0, factionNotes: 0 }
  const user = relay.users.byId(userId)
  const name = user?.name ?? userId
  const at = new Date().toISOString()
  const annotation = (id: string, text: string): Annotation => {
    const file = withFile.files[0]
    return {
      id,
      kind: 'note',
      color: 'yellow',
      target: { fileKey: file.attachmentId ? `${withFile.paper!.id}/${file.attachmentId}` : file.sha256, sha256: file.sha256, name: file.name },
      page: 1,
      rects: [[0.1, 0.3, 0.3, 0.04]],
      text,
      author: userId,
      authorName: name,
      createdAt: at,
    }
  }

  // private: the member's own notes document (audience: the member only)
  const confItem = confidential?.agendaItems[0]
  const notes: NotesDoc = {
    type: 'notes',
    owner: userId,
    meetingId: meeting.id,
    notes: {
      [withFile.id]: `Nachfragen zur Kostenschätzung und zum Zeitplan. ${markerNote(marker)}`,
      ...(confItem ? { [confItem.id]: `Vor der Sitzung mit der Fraktion abstimmen. ${markerNote(marker)}` } : {}),
    },
    annotations: { [`demo-private-${meeting.id}`]: annotation(`demo-private-${meeting.id}`, `Zahlen prüfen. ${markerNote(marker)}`) },
    uploads: [],
  }
  await create(notes, meeting.id, defaultAccess('notes', { ownerId: userId }), userId)

  // shared with the faction (audience: the faction's members): notes on public items and public files only
  const opened = await relay.factionNotes.open(userId, meeting.id)
  const documentId = parseAutomergeUrl(opened.url as AutomergeUrl).documentId
  const handle = await relay.relayRepo.handle<FactionNotesDoc>(documentId)
  handle.change((d) => {
    d.notes[withFile.id] = `Position der Fraktion: zustimmen, Kostenrahmen im Ausschuss hinterfragen. ${markerNote(marker)}`
    d.annotations[`demo-faction-${meeting.id}`] = annotation(`demo-faction-${meeting.id}`, `Bitte in der Fraktionssitzung ansprechen. ${markerNote(marker)}`)
  })
  await relay.relayRepo.persist(documentId)
  return { notes: 1, factionNotes: opened.created ? 1 : 0 }
}
