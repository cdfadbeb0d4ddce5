/**
 * The words of a notification. Built from a BodyNotice only, which holds nothing but public facts
 * (body, kind, meeting name, date, place, link): agenda titles cannot reach a mail or a push.
 */
import type { PushNoticeType } from '@ratstisch/domain'

export interface BodyNotice {
  /** idempotency key, e.g. "release:<meetingId>:v2"; the same key never mails/pushes a recipient twice */
  key: string
  /**
   * invitation, nachtrag, cancellation, circular: the body's formal notices (mail and push);
   * documents: documents of an upcoming meeting changed; faction: a colleague shared a note in the
   * faction's notes on a meeting (push only, never the note itself)
   */
  kind: 'invitation' | 'nachtrag' | 'cancellation' | 'circular' | 'documents' | 'faction'
  organizationId: string
  organizationName: string
  /** public facts only */
  meetingName: string
  start?: string
  location?: string
  /** app path the notification opens, e.g. /app/meetings/<id> */
  path: string
  /** faction notices: the faction whose members hear it instead of the body's (its name is public) */
  faction?: { id: string; name: string }
  /** users who do not hear it (the colleague whose change it is about) */
  exceptUserIds?: readonly string[]
}

/** The formal notices of a body also go by mail; notices about changes are pushed only. */
export function isMailedKind(kind: BodyNotice['kind']): boolean {
  return kind !== 'documents' && kind !== 'faction'
}

/** The push preference a notice falls under. */
export function pushTypeOf(kind: BodyNotice['kind']): PushNoticeType {
  if (kind === 'documents') return 'documents'
  if (kind === 'faction') return 'faction'
  return 'invitation'
}

export interface NoticeText {
  subject: string
  /** short second line for a push notification */
  short: string
  text: string
  html: string
  url: string
}

const KIND_LABEL: Record<BodyNotice['kind'], string> = {
  invitation: 'Einladung',
  nachtrag: 'Nachtrag zur Tagesordnung',
  cancellation: 'Absage',
  circular: 'Umlaufverfahren',
  documents: 'Unterlagen geändert',
  faction: 'Neue Notiz Ihrer Fraktion',
}

const INTRO: Record<BodyNotice['kind'], string> = {
  invitation: 'Sie sind zu der folgenden Sitzung eingeladen.',
  nachtrag: 'Die Tagesordnung der folgenden Sitzung wurde ergänzt.',
  cancellation: 'Die folgende Sitzung wurde abgesagt.',
  circular: 'Ihr Gremium entscheidet im Umlaufverfahren. Bitte geben Sie Ihre Stimme in Ratstisch ab.',
  documents: 'Zu der folgenden Sitzung gibt es neue oder geänderte Unterlagen, zum Beispiel eine neue Fassung einer Anlage.',
  faction: 'In Ihrer Fraktion wurde eine Anmerkung oder Notiz zu der folgenden Sitzung geteilt.',
}

const dayFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' })
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** "Donnerstag, 12.03.2026, 17:00 Uhr" (Europe/Berlin) */
export function formatWhen(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date: ${iso}`)
  return `${dayFormat.format(date)}, ${timeFormat.format(date)} Uhr`
}

/** app paths only: a notice can never link outside the relay's own app */
export function checkNoticePath(path: string): void {
  if (!/^\/app(\/[A-Za-z0-9._~%\-/]*)?$/.test(path) || path.includes('..') || path.includes('//')) {
    throw new Error('notice path must be an /app/ path')
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}

/** one line only: no header injection, no control characters */
function oneLine(s: string, max = 200): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max)
}

export function noticeText(notice: BodyNotice, publicUrl: string): NoticeText {
  checkNoticePath(notice.path)
  const body = oneLine(notice.organizationName)
  const when = notice.start ? formatWhen(notice.start) : undefined
  const label = KIND_LABEL[notice.kind]
  const subject =
    notice.kind === 'circular'
      ? `${label}: ${body}${when ? `, Antwort bis ${when}` : ''}`
      : `${label}: ${body}${when ? ` am ${when}` : ''}`
  const url = `${publicUrl.replace(/\/$/, '')}${notice.path}`
  const facts: [string, string][] = [['Gremium', body]]
  if (notice.faction) facts.unshift(['Fraktion', oneLine(notice.faction.name)])
  if (notice.meetingName) facts.push([notice.kind === 'circular' ? 'Gegenstand' : 'Sitzung', oneLine(notice.meetingName)])
  if (when) facts.push([notice.kind === 'circular' ? 'Frist' : 'Termin', when])
  if (notice.location && notice.kind !== 'circular') facts.push(['Ort', oneLine(notice.location)])
  const short = [notice.meetingName ? oneLine(notice.meetingName) : '', notice.location && notice.kind !== 'circular' ? `Ort: ${oneLine(notice.location)}` : '']
    .filter(Boolean)
    .join(' – ')
  const text = [
    'Guten Tag,',
    '',
    INTRO[notice.kind],
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    'Die Unterlagen finden Sie in Ratstisch:',
    url,
    '',
    'Diese Nachricht wurde automatisch versandt. Sie enthält nur öffentliche Angaben; die Tagesordnung lesen Sie nach der Anmeldung in Ratstisch.',
  ].join('\n')
  const html = [
    '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head><body>',
    '<p>Guten Tag,</p>',
    `<p>${escapeHtml(INTRO[notice.kind])}</p>`,
    '<table role="presentation">',
    ...facts.map(([k, v]) => `<tr><th scope="row" style="text-align:left;padding-right:1em">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(url)}">In Ratstisch öffnen</a></p>`,
    '<p style="color:#555">Diese Nachricht wurde automatisch versandt. Sie enthält nur öffentliche Angaben; die Tagesordnung lesen Sie nach der Anmeldung in Ratstisch.</p>',
    '</body></html>',
  ].join('\n')
  return { subject, short, text, html, url }
}

/** the meeting fields a notice may use; agenda items are deliberately not among them */
export type NoticeMeeting = {
  id: string
  name: string
  start: string
  organization: { id: string; name: string; shortName: string }
  location: { description: string; room?: string; streetAddress?: string; postalCode?: string; locality?: string }
}

/** "Rathaus, Ratssaal, Markt 1, 06108 Halle" from the public location */
export function locationLine(location: NoticeMeeting['location']): string {
  const town = [location.postalCode, location.locality].filter(Boolean).join(' ')
  return [location.description, location.room, location.streetAddress, town].filter((s) => s && s.trim()).join(', ')
}

/** A notice for a meeting (public document), e.g. `meetingNotice(doc, 'invitation', \`release:${doc.id}:v1\`)`. */
export function meetingNotice(meeting: NoticeMeeting, kind: Exclude<BodyNotice['kind'], 'circular'>, key: string): BodyNotice {
  return {
    key,
    kind,
    organizationId: meeting.organization.id,
    organizationName: meeting.organization.shortName || meeting.organization.name,
    meetingName: meeting.name,
    start: meeting.start,
    location: locationLine(meeting.location) || undefined,
    path: `/app/meetings/${encodeURIComponent(meeting.id)}`,
  }
}
