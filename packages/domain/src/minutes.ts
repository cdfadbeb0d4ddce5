/**
 * Minutes (Niederschrift, § 58 KVG LSA): the draft the relay generates from the meeting data, and
 * the state the relay-only event list implies. The draft is editable sections (Markdown subset of
 * rich-text.ts) so the clerk can polish the wording before signing; every element § 58 requires is
 * its own section so that none can be forgotten: time and place, participants, agenda, per item the
 * wording of motions and resolutions, the vote results, recusals and verbatim statements.
 */
import type { AgendaItem, MeetingDoc } from './documents.ts'
import { formatLocation } from './documents.ts'
import type { AttendanceEntry, MinutesEvent, MinutesSection, MinutesState, VoteRecord } from './meetings.ts'
import { orderedAgenda, TOWN_TIME_ZONE } from './meeting-rules.ts'

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: TOWN_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: TOWN_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

const germanDate = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : dateFormat.format(new Date(iso)))
const germanTime = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : `${timeFormat.format(new Date(iso))} Uhr`)

/** Names, titles and statements are the members' words, not markup: escape what the parser would read. */
export function escapeMarkdown(text: string): string {
  // a list marker at the start: "\- " and "1\. " (a backslash before a digit is no escape and would show)
  return text
    .replace(/([\\*_[\]|#`])/g, '\\$1')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)([.)])(\s)/gm, '$1$2\\$3$4')
}

const partLabel = (part: 'public' | 'confidential') => (part === 'public' ? 'öffentlicher Teil' : 'nichtöffentlicher Teil')
/** Accusative after "den": "den öffentlichen Teil". */
const partLabelAccusative = (part: 'public' | 'confidential') => (part === 'public' ? 'öffentlichen Teil' : 'nichtöffentlichen Teil')

/** "Niederschrift – 3. Sitzung des Bauausschusses am 12.03.2026 (öffentlicher Teil)" */
export function minutesTitle(meeting: MeetingDoc, part: 'public' | 'confidential'): string {
  return `Niederschrift – ${meeting.name} am ${germanDate(meeting.start)} (${partLabel(part)})`
}

function periodsText(a: AttendanceEntry): string {
  const periods = a.periods ?? []
  if (periods.length === 0) return ''
  return periods.map((p) => (p.left ? `${germanTime(p.arrived)} bis ${germanTime(p.left)}` : `ab ${germanTime(p.arrived)}`)).join(', ')
}

function participantsText(meeting: MeetingDoc): string {
  const attendance = meeting.attendance ?? []
  const attended = attendance.filter((a) => (a.periods ?? []).length > 0)
  const attendedIds = new Set(attended.map((a) => a.personId))
  const nameOf = (id: string) => meeting.roster?.find((r) => r.personId === id)?.name ?? attendance.find((a) => a.personId === id)?.name ?? id
  const line = (a: AttendanceEntry, extra = '') => {
    const times = periodsText(a)
    const expelled = a.expelledAt ? `; ausgeschlossen um ${germanTime(a.expelledAt)}` : ''
    return `- ${escapeMarkdown(a.name)}${extra}${times ? ` (anwesend ${times}${expelled})` : ''}`
  }
  const blocks: string[] = []
  const members = attended.filter((a) => a.kind === 'member')
  const chairId = meeting.chair?.personId
  blocks.push('**Anwesende Mitglieder:**', '', ...(members.length ? members.map((a) => line(a, a.personId === chairId ? ', Vorsitz' : '')) : ['- keine']), '')
  const substitutes = attended.filter((a) => a.kind === 'substitute')
  if (substitutes.length) {
    blocks.push('**Vertretungen:**', '', ...substitutes.map((a) => line(a, a.substituteForPersonId ? `, in Vertretung für ${escapeMarkdown(nameOf(a.substituteForPersonId))}` : '')), '')
  }
  const absent = (meeting.roster ?? []).filter((r) => !r.substituteForPersonId && !attendedIds.has(r.personId))
  blocks.push('**Abwesende Mitglieder:**', '')
  blocks.push(
    ...(absent.length
      ? absent.map((r) => {
          const note = attendance.find((a) => a.personId === r.personId)?.note
          return `- ${escapeMarkdown(r.name)}${note ? ` (${escapeMarkdown(note)})` : ''}`
        })
      : ['- keine']),
    '',
  )
  const guests = attended.filter((a) => a.kind === 'guest')
  if (guests.length) blocks.push('**Gäste:**', '', ...guests.map((a) => line(a)), '')
  const staff = attended.filter((a) => a.kind === 'staff')
  if (staff.length) blocks.push('**Verwaltung:**', '', ...staff.map((a) => line(a)), '')
  if (meeting.minuteTaker) blocks.push(`**Protokoll:** ${escapeMarkdown(meeting.minuteTaker)}`, '')
  return blocks.join('\n').trim()
}

function voteText(vote: VoteRecord, meeting: MeetingDoc): string {
  const counts = `${vote.yes} Ja, ${vote.no} Nein, ${vote.abstain} ${vote.abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`
  const mode = vote.mode === 'unanimous' ? 'einstimmig' : vote.mode === 'roll-call' ? 'namentliche Abstimmung' : ''
  const lines = [`**Abstimmungsergebnis:** ${counts}${mode ? ` (${mode})` : ''}`]
  if (vote.mode === 'roll-call' && vote.roll) {
    const label = { yes: 'Ja', no: 'Nein', abstain: 'Enthaltung' } as const
    const nameOf = (id: string) => meeting.roster?.find((r) => r.personId === id)?.name ?? meeting.attendance?.find((a) => a.personId === id)?.name ?? id
    lines.push('', ...Object.entries(vote.roll).map(([id, choice]) => `- ${escapeMarkdown(nameOf(id))}: ${label[choice] ?? choice}`))
  }
  return lines.join('\n')
}

function itemText(item: AgendaItem, meeting: MeetingDoc): string {
  const blocks: string[] = []
  if (item.paper) blocks.push(`Vorlage: ${escapeMarkdown(item.paper.reference)} – ${escapeMarkdown(item.paper.name)}`)
  if (item.status) {
    const referred = item.status === 'verwiesen' && item.referredTo ? ` an ${escapeMarkdown(item.referredTo.name)}` : ''
    blocks.push(`**Status:** ${item.status}${referred}`)
  }
  for (const r of item.recusals ?? []) {
    blocks.push(
      `${escapeMarkdown(r.name)} erklärte sich für befangen (§ 33 KVG LSA)${r.reason ? ` – ${escapeMarkdown(r.reason)}` : ''}, hat an Beratung und Abstimmung nicht mitgewirkt und wurde nicht mitgezählt.`,
    )
  }
  if (item.minutesNote) blocks.push(item.minutesNote)
  // the proposal is the motion's wording; the resolution text (if the clerk edited one) what was decided
  if (item.resolutionProposal) blocks.push(`**Beschlussvorschlag:**\n\n${item.resolutionProposal}`)
  if (item.resolutionText && item.resolutionText !== item.resolutionProposal) blocks.push(`**Beschlusstext:**\n\n${item.resolutionText}`)
  if (item.vote) blocks.push(voteText(item.vote, meeting))
  if (item.result) blocks.push(`**Ergebnis:** ${item.result}`)
  for (const s of item.statements ?? []) {
    blocks.push(`**Erklärung von ${escapeMarkdown(s.name)} (auf Verlangen wörtlich zu Protokoll):**\n\n„${escapeMarkdown(s.text)}“`)
  }
  return blocks.join('\n\n') || 'Ohne Aussprache.'
}

/**
 * The § 58 elements as editable sections, in this order: `time-place`, `participants`, `agenda`,
 * one `item:<id>` per agenda item (number, title, status, motion/resolution wording, vote result,
 * recusals, verbatim statements, note) and `closing`. `items` are the part's items (the public
 * document's or the confidential one's); the participants are the same for both parts.
 */
export function buildMinutesSections(input: { meeting: MeetingDoc; items: readonly AgendaItem[]; part: 'public' | 'confidential'; organizationName: string; townName: string }): MinutesSection[] {
  const { meeting, part } = input
  const items = orderedAgenda(input.items)
  const live = meeting.live ?? {}
  const started = live.startedAt ?? meeting.start
  const place = formatLocation(meeting.location)
  const timePlace = [
    `**Gremium:** ${escapeMarkdown(input.organizationName)} der ${escapeMarkdown(input.townName)}`,
    `**Sitzung:** ${escapeMarkdown(meeting.name)} (${partLabel(part)})`,
    `**Datum:** ${germanDate(meeting.start)}`,
    `**Beginn:** ${germanTime(started)}`,
    ...(part === 'public' && live.publicEndedAt ? [`**Ende des öffentlichen Teils:** ${germanTime(live.publicEndedAt)}`] : []),
    ...(live.endedAt ? [`**Ende:** ${germanTime(live.endedAt)}`] : []),
    `**Ort:** ${escapeMarkdown(place || '–')}`,
    ...(meeting.chair ? [`**Vorsitz:** ${escapeMarkdown(meeting.chair.name)}`] : []),
  ].join('  \n')
  const agenda = items.length
    ? items.map((i) => `${i.parentId ? '  ' : ''}- ${escapeMarkdown(i.number)} ${escapeMarkdown(i.title)}`).join('\n')
    : 'Keine Tagesordnungspunkte.'
  const closingTime = part === 'public' ? (live.publicEndedAt ?? live.endedAt) : live.endedAt
  const closing = [
    closingTime
      ? `Der Vorsitz schloss den ${partLabelAccusative(part)} der Sitzung um ${germanTime(closingTime)}.`
      : `Der Vorsitz schloss den ${partLabelAccusative(part)} der Sitzung.`,
    '',
    `Vorsitz: ${escapeMarkdown(meeting.chair?.name ?? '')}  \nProtokoll: ${escapeMarkdown(meeting.minuteTaker ?? '')}`,
  ].join('\n')
  return [
    { key: 'time-place', title: 'Zeit und Ort', text: timePlace },
    { key: 'participants', title: 'Teilnehmende', text: participantsText(meeting) },
    { key: 'agenda', title: 'Tagesordnung', text: agenda },
    ...items.map((i) => ({ key: `item:${i.id}`, title: `${i.number} ${i.title}`.trim(), text: itemText(i, meeting) })),
    { key: 'closing', title: 'Schließung', text: closing },
  ]
}

export interface DerivedMinutes {
  state: MinutesState
  chairSignature?: MinutesEvent
  minuteTakerSignature?: MinutesEvent
  approval?: MinutesEvent
  /** 1 for the generated text, +1 per recorded correction */
  version: number
  /** no direct edits of sections any more (from the first signature on): changes are corrections */
  locked: boolean
}

/**
 * The minutes' state from the relay-written event list: a draft until both the chair and the
 * minute-taker signed (§ 58: signed by both), then signed, approved once the body approved them in a
 * later meeting. The first signature locks the text, so what the second person signs is what the
 * first signed; later changes are recorded corrections with a reason.
 */
export function deriveMinutes(events: readonly MinutesEvent[]): DerivedMinutes {
  let chairSignature: MinutesEvent | undefined
  let minuteTakerSignature: MinutesEvent | undefined
  let approval: MinutesEvent | undefined
  let version = 1
  for (const e of events) {
    if (e.kind === 'signed' && e.role === 'chair') chairSignature ??= e
    else if (e.kind === 'signed' && e.role === 'minute-taker') minuteTakerSignature ??= e
    else if (e.kind === 'approved') approval ??= e
    else if (e.kind === 'corrected') version = typeof e.version === 'number' && e.version > version ? e.version : version + 1
  }
  const state: MinutesState = approval ? 'approved' : chairSignature && minuteTakerSignature ? 'signed' : 'draft'
  return {
    state,
    ...(chairSignature ? { chairSignature } : {}),
    ...(minuteTakerSignature ? { minuteTakerSignature } : {}),
    ...(approval ? { approval } : {}),
    version,
    locked: !!(chairSignature || minuteTakerSignature || approval),
  }
}
