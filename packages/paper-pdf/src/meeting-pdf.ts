/**
 * The meeting's documents as tagged, accessible PDFs, on the same layout machinery as the paper
 * PDF (pdf-layout.ts):
 *
 * - the invitation letter (Einladung, Nachtrag zur Tagesordnung, Absage): letterhead, date, time
 *   and place, the attached agenda, changes of a Nachtrag, the reason for a shortened
 *   Ladungsfrist, the chair's name. It never lists agenda items: the letter goes to the public
 *   document, the agenda of each part is its own file with that part's audience.
 * - the agenda of one part (public or non-public), with numbers, titles, paper references and
 *   indented sub-items; the non-public agenda is marked "vertraulich" on every page.
 * - the minutes (Niederschrift) of one part: every section (rich-text Markdown subset), the state
 *   (Entwurf / unterzeichnet / genehmigt), the signature block and the version.
 *
 * Deterministic like the paper PDF: the date printed and stored in the metadata is the caller's
 * `ctx.date`, never the clock.
 */
import { deriveMinutes, formatLocation, orderedAgenda, parseRichText, type AgendaItem, type DerivedMinutes, type MeetingDoc, type MinutesDoc, type MinutesEvent } from '@ratstisch/domain'
import type { FontSubset } from './font-subset.ts'
import { germanDate } from './paper-pdf-input.ts'
import { ACCENT, BODY_SIZE, FOOTER_BASELINE, HEADER_BASELINE, LEFT, LayoutWriter, MUTED, RULE, SMALL_SIZE, WIDTH, num, writeTaggedPdf } from './pdf-layout.ts'
import type { FontStyle, PdfFonts } from './pdf-fonts.ts'
import type { StructElement } from './struct-tree.ts'
import { breakLines, type TextLine, type TextRun } from './text-layout.ts'

export interface MeetingPdfContext {
  townName: string
  organizationName: string
  /** ISO date printed on the letter */
  date: string
}

export type InvitationKind = 'invitation' | 'nachtrag' | 'cancellation'

export interface InvitationPdfContext extends MeetingPdfContext {
  kind: InvitationKind
  version: number
  /** changes of a Nachtrag, already limited to public items */
  changes: readonly string[]
  /** why the Ladungsfrist was shortened (Dringlichkeit) */
  urgencyReason?: string
  chairName?: string
}

/** The marker on every page of a non-public document. */
export const CONFIDENTIAL_MARKER = 'Nichtöffentlicher Teil – vertraulich'

const CONFIDENTIAL_INK = '0.6 0.1 0.1'
const FACT_LABEL_WIDTH = 110
const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag']

/** "Donnerstag, 12.03.2026" from the wall-clock date of an ISO date-time (its own offset). */
export function germanWeekdayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()
  return `${WEEKDAYS[day] ?? ''}, ${germanDate(iso)}`
}

/** "17:00" from the wall-clock time of an ISO date-time, as written (the offset is Berlin's). */
function clockTime(iso: string | undefined): string | undefined {
  const m = iso ? /T(\d{2}):(\d{2})/.exec(iso) : null
  return m ? `${m[1]}:${m[2]}` : undefined
}

function timeRange(meeting: Pick<MeetingDoc, 'start' | 'end'>): string {
  const start = clockTime(meeting.start)
  const end = clockTime(meeting.end)
  if (!start) return '–'
  return end ? `${start} bis ${end} Uhr` : `${start} Uhr`
}

/** "Einladung zur 3. Sitzung des Bauausschusses" or, for a name without "Sitzung", "… zur Sitzung: Name". */
function sessionPhrase(prefix: string, meeting: Pick<MeetingDoc, 'name'>, organizationName: string): string {
  const name = meeting.name.trim()
  if (!name) return `${prefix} Sitzung: ${organizationName}`
  return /sitzung/i.test(name) ? `${prefix} ${name}` : `${prefix} Sitzung: ${name}`
}

/** Agenda items as shown: top-level items (domain's orderedAgenda order), each with its sub-items. */
function agendaTree(items: readonly AgendaItem[]): { item: AgendaItem; children: AgendaItem[] }[] {
  const ids = new Set(items.map((i) => i.id))
  const tree: { item: AgendaItem; children: AgendaItem[] }[] = []
  for (const item of orderedAgenda(items)) {
    const isTop = !item.parentId || !ids.has(item.parentId) || item.parentId === item.id
    if (isTop || tree.length === 0) tree.push({ item, children: [] })
    else tree[tree.length - 1].children.push(item)
  }
  return tree
}

function minutesStateLabel(status: DerivedMinutes): string {
  if (status.state === 'approved' && status.approval) {
    const where = status.approval.approvedIn?.meetingName ? ` in der Sitzung „${status.approval.approvedIn.meetingName}“` : ''
    return `genehmigt am ${germanDate(status.approval.at)}${where}`
  }
  if (status.state === 'signed') {
    const dates = [status.chairSignature?.at, status.minuteTakerSignature?.at].filter((d): d is string => !!d).sort()
    return `unterzeichnet am ${germanDate(dates[dates.length - 1] ?? '')}`
  }
  return 'Entwurf – noch nicht unterzeichnet'
}

interface Furniture {
  /** left part of the running header on pages 2 … */
  header: string
  /** right part of the running header (e.g. the confidential marker), on every page after the first */
  headerRight?: string
  headerRightColor?: string
  footer: string
}

/** Letterhead, facts and running header/footer shared by the three meeting documents. */
class MeetingPdfWriter extends LayoutWriter {
  constructor(fonts: Record<FontStyle, FontSubset>) {
    super(fonts)
  }

  get root(): StructElement {
    return this.tree.root
  }

  start(): void {
    this.newPage()
  }

  letterhead(ctx: MeetingPdfContext, subtitle: string): void {
    const doc = this.tree.root
    this.paragraph(doc, this.plainRuns(ctx.townName, 'bold'), { size: 12, color: ACCENT })
    this.paragraph(doc, this.plainRuns(subtitle), { color: MUTED })
    this.y -= 4
  }

  title(text: string): void {
    this.heading(this.tree.root, 'H1', this.plainRuns(text || 'Ohne Titel', 'bold'), 16, 0)
    this.page.graphics(`${RULE} RG 0.75 w ${num(LEFT)} ${num(this.y)} m ${num(LEFT + WIDTH)} ${num(this.y)} l S`)
    this.y -= 8
  }

  h2(text: string): void {
    this.heading(this.tree.root, 'H2', this.plainRuns(text, 'bold'), 13, 14)
  }

  facts(rows: readonly [string, string][]): void {
    for (const [label, value] of rows) this.fact(this.tree.root, label, value.trim() || '–', FACT_LABEL_WIDTH)
  }

  text(text: string, style: FontStyle = 'regular', color?: string): void {
    this.paragraph(this.tree.root, this.plainRuns(text, style), color ? { color } : {})
    this.y -= 6
  }

  runs(runs: TextRun[]): void {
    this.paragraph(this.tree.root, runs)
    this.y -= 6
  }

  gap(points: number): void {
    this.space(points)
  }

  /** Paragraphs, lists and tables from the rich-text Markdown subset. */
  rich(text: string, empty = 'Keine Angaben.'): void {
    const blocks = parseRichText(text)
    if (blocks.length === 0) this.text(empty, 'italic')
    for (const block of blocks) this.block(this.tree.root, block)
  }

  bullets(items: readonly string[]): void {
    this.list(
      this.tree.root,
      false,
      1,
      items.map((text) => this.plainRuns(text)),
      LEFT,
    )
    this.y -= 6
  }

  confidentialMarker(): void {
    this.paragraph(this.tree.root, this.plainRuns(CONFIDENTIAL_MARKER, 'bold'), { size: 12, color: CONFIDENTIAL_INK })
    this.y -= 6
  }

  /** The items of one part: number as label, title and paper reference, sub-items indented. */
  agenda(items: readonly AgendaItem[]): void {
    const tree = agendaTree(items)
    const runsOf = (item: AgendaItem): TextRun[] => {
      const runs = this.plainRuns(item.title || 'Ohne Titel')
      const paper = item.paper
      if (paper) {
        const reference = [paper.reference || 'Vorlage ohne Nummer', paper.paperType].filter(Boolean).join(', ')
        runs.push(...this.plainRuns(`\nVorlage: ${reference}`, 'italic'))
      }
      return runs
    }
    this.labelledList(
      this.tree.root,
      'None',
      tree.map(({ item }) => item.number || '–'),
      tree.map(({ item }) => runsOf(item)),
      LEFT,
      tree.map(({ children }) =>
        children.length === 0
          ? undefined
          : (body: StructElement, x: number) =>
              this.labelledList(
                body,
                'None',
                children.map((c) => c.number || '–'),
                children.map(runsOf),
                x,
                [],
                'bold',
              ),
      ),
      'bold',
    )
  }

  furniture(f: Furniture): void {
    const total = this.pages.length
    const small = this.measure(SMALL_SIZE)
    const lineOf = (text: string, style: FontStyle = 'regular'): TextLine => breakLines(this.plainRuns(text, style), Infinity, small)[0] ?? { pieces: [], width: 0 }
    const shortFooter = f.footer.length > 70 ? `${f.footer.slice(0, 69).trimEnd()}…` : f.footer
    for (const page of this.pages) {
      this.page = page
      page.beginText()
      if (page.index > 0) {
        const left = lineOf(f.header)
        const right = f.headerRight ? lineOf(f.headerRight, 'bold') : undefined
        if (!right || left.width <= WIDTH - right.width - 12) this.drawLine(left, LEFT, HEADER_BASELINE, SMALL_SIZE, MUTED, 'header')
        if (right) this.drawLine(right, LEFT + WIDTH - right.width, HEADER_BASELINE, SMALL_SIZE, f.headerRightColor ?? MUTED, 'header')
      }
      const footerLeft = lineOf(shortFooter)
      const footerRight = lineOf(`Seite ${page.index + 1} von ${total}`)
      if (footerLeft.width <= WIDTH - footerRight.width - 12) this.drawLine(footerLeft, LEFT, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      this.drawLine(footerRight, LEFT + WIDTH - footerRight.width, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      page.endText()
      page.graphics(`${RULE} RG 0.5 w ${num(LEFT)} ${num(FOOTER_BASELINE + 12)} m ${num(LEFT + WIDTH)} ${num(FOOTER_BASELINE + 12)} l S`)
    }
  }
}

function render(fonts: PdfFonts, meta: { title: string; author: string; subject: string; date: string; idSource: unknown }, layout: (w: MeetingPdfWriter) => void): Promise<Uint8Array> {
  return writeTaggedPdf(
    fonts,
    (subsets) => {
      const writer = new MeetingPdfWriter(subsets)
      writer.start()
      layout(writer)
      return writer
    },
    { ...meta, idSource: JSON.stringify(meta.idSource) },
  )
}

const INVITATION_TITLES: Record<InvitationKind, string> = {
  invitation: 'Einladung',
  nachtrag: 'Nachtrag zur Tagesordnung',
  cancellation: 'Absage',
}

/** The invitation letter (or Nachtrag, Absage). Contains no agenda items, only the meeting's public facts. */
export function renderInvitationPdf(meeting: MeetingDoc, ctx: InvitationPdfContext, fonts: PdfFonts): Promise<Uint8Array> {
  const heading =
    ctx.kind === 'invitation'
      ? sessionPhrase('Einladung zur', meeting, ctx.organizationName)
      : ctx.kind === 'nachtrag'
        ? sessionPhrase('Nachtrag zur Tagesordnung der', meeting, ctx.organizationName)
        : sessionPhrase('Absage der', meeting, ctx.organizationName)
  const place = formatLocation(meeting.location)
  const when = `${germanWeekdayDate(meeting.start)}, ${timeRange(meeting)}`
  const title = `${heading} am ${germanDate(meeting.start)}`
  const idSource = [
    'invitation',
    ctx.townName,
    ctx.organizationName,
    ctx.date,
    ctx.kind,
    ctx.version,
    [...ctx.changes],
    ctx.urgencyReason ?? '',
    ctx.chairName ?? '',
    meeting.name,
    meeting.start,
    meeting.end ?? '',
    place,
    meeting.accessibility ?? '',
    meeting.cancelledReason ?? '',
  ]
  return render(fonts, { title, author: ctx.townName, subject: `${INVITATION_TITLES[ctx.kind]} – ${ctx.organizationName}`, date: ctx.date, idSource }, (w) => {
    w.letterhead(ctx, ctx.organizationName)
    w.facts([['Datum', germanDate(ctx.date)]])
    w.gap(10)
    w.title(heading)
    w.text('Sehr geehrte Damen und Herren,')
    if (ctx.kind === 'invitation') w.text(`hiermit lade ich Sie zur Sitzung des Gremiums „${ctx.organizationName}“ ein.`)
    else if (ctx.kind === 'nachtrag') w.text(`die Tagesordnung der Sitzung des Gremiums „${ctx.organizationName}“ am ${germanDate(meeting.start)} wird ergänzt und geändert.`)
    else w.text(`die Sitzung des Gremiums „${ctx.organizationName}“ am ${germanDate(meeting.start)} findet nicht statt.`)

    w.facts([
      ['Tag', germanWeekdayDate(meeting.start)],
      ['Uhrzeit', timeRange(meeting)],
      ['Ort', place || '–'],
      ...(meeting.accessibility?.trim() ? ([['Barrierefreiheit', meeting.accessibility]] as [string, string][]) : []),
    ])
    w.gap(8)

    if (ctx.kind === 'cancellation') {
      if (meeting.cancelledReason?.trim()) w.text(`Grund: ${meeting.cancelledReason.trim()}`)
      w.text('Ein neuer Termin wird gesondert bekannt gegeben, sofern erforderlich.')
    } else {
      if (ctx.kind === 'nachtrag') {
        w.h2('Änderungen')
        if (ctx.changes.length === 0) w.text('Die Änderungen betreffen nur den nichtöffentlichen Teil.', 'italic')
        else w.bullets(ctx.changes)
      }
      if (ctx.urgencyReason?.trim()) {
        w.h2('Verkürzte Ladungsfrist')
        w.text(`Die Ladungsfrist wurde wegen Dringlichkeit verkürzt. Begründung: ${ctx.urgencyReason.trim()}`)
      }
      w.gap(6)
      w.text(
        ctx.kind === 'invitation'
          ? 'Die Tagesordnung ist als Anlage beigefügt. Die Sitzungsunterlagen stehen im Ratsinformationssystem bereit.'
          : `Die geänderte Tagesordnung (Version ${ctx.version}) ist als Anlage beigefügt. Die Sitzungsunterlagen stehen im Ratsinformationssystem bereit.`,
      )
    }
    w.gap(10)
    w.text('Mit freundlichen Grüßen')
    w.gap(18)
    w.text(ctx.chairName?.trim() || 'Die/Der Vorsitzende', 'bold')
    if (ctx.chairName?.trim()) w.text(`Vorsitz, ${ctx.organizationName}`, 'regular', MUTED)
    w.furniture({ header: `${ctx.townName} · ${ctx.organizationName}`, headerRight: INVITATION_TITLES[ctx.kind], footer: title })
  })
}

/** The agenda of one part; the non-public one is marked confidential on every page. */
export function renderAgendaPdf(meeting: MeetingDoc, items: readonly AgendaItem[], part: 'public' | 'confidential', ctx: MeetingPdfContext & { version: number }, fonts: PdfFonts): Promise<Uint8Array> {
  const confidential = part === 'confidential'
  const partLabel = confidential ? 'Nichtöffentlicher Teil' : 'Öffentlicher Teil'
  const heading = `Tagesordnung – ${partLabel}`
  const title = `${heading}: ${meeting.name || ctx.organizationName} am ${germanDate(meeting.start)}`
  const place = formatLocation(meeting.location)
  const idSource = [
    'agenda',
    part,
    ctx.townName,
    ctx.organizationName,
    ctx.date,
    ctx.version,
    meeting.name,
    meeting.start,
    meeting.end ?? '',
    place,
    items.map((i) => [i.id, i.number, i.order, i.title, i.parentId ?? '', i.paper?.reference ?? '', i.paper?.paperType ?? '']),
  ]
  return render(fonts, { title, author: ctx.townName, subject: `Tagesordnung – ${ctx.organizationName}`, date: ctx.date, idSource }, (w) => {
    w.letterhead(ctx, ctx.organizationName)
    if (confidential) w.confidentialMarker()
    w.title(heading)
    w.facts([
      ['Sitzung', meeting.name || ctx.organizationName],
      ['Tag', germanWeekdayDate(meeting.start)],
      ['Uhrzeit', timeRange(meeting)],
      ['Ort', place || '–'],
      ['Version', `${ctx.version} vom ${germanDate(ctx.date)}`],
    ])
    w.h2(partLabel)
    if (items.length === 0) w.text('Keine Tagesordnungspunkte.', 'italic')
    else w.agenda(items)
    w.furniture({
      header: `${ctx.townName} · ${ctx.organizationName} · Tagesordnung ${germanDate(meeting.start)}`,
      headerRight: confidential ? CONFIDENTIAL_MARKER : `Version ${ctx.version}`,
      ...(confidential ? { headerRightColor: CONFIDENTIAL_INK } : {}),
      footer: title,
    })
  })
}

/** The minutes of one part with every section, the state, the signatures and the version. */
export function renderMinutesPdf(minutes: MinutesDoc, meeting: MeetingDoc, ctx: MeetingPdfContext, fonts: PdfFonts): Promise<Uint8Array> {
  const confidential = minutes.part === 'confidential'
  const status = deriveMinutes(minutes.events ?? [])
  const title = minutes.title || `Niederschrift: ${meeting.name || ctx.organizationName}`
  const chairName = status.chairSignature?.byName || meeting.chair?.name || ''
  const takerName = status.minuteTakerSignature?.byName || meeting.minuteTaker || ''
  const idSource = [
    'minutes',
    minutes.part,
    ctx.townName,
    ctx.organizationName,
    ctx.date,
    title,
    meeting.name,
    meeting.start,
    (minutes.sections ?? []).map((s) => [s.key, s.title, String(s.text ?? '')]),
    (minutes.events ?? []).map((e) => [e.id, e.kind, e.at, e.byName, e.role ?? '', e.version ?? 0, e.approvedIn?.meetingName ?? '']),
    chairName,
    takerName,
  ]
  return render(fonts, { title, author: ctx.townName, subject: `Niederschrift – ${ctx.organizationName}`, date: ctx.date, idSource }, (w) => {
    w.letterhead(ctx, ctx.organizationName)
    if (confidential) w.confidentialMarker()
    w.title(title)
    w.facts([
      ['Sitzung', meeting.name || ctx.organizationName],
      ['Tag', germanWeekdayDate(meeting.start)],
      ['Stand', minutesStateLabel(status)],
      ['Version', String(status.version)],
    ])
    for (const section of minutes.sections ?? []) {
      w.h2(section.title || 'Abschnitt')
      w.rich(String(section.text ?? ''))
    }
    w.h2('Unterschriften')
    const signed = (event: MinutesEvent | undefined) => (event ? `unterzeichnet am ${germanDate(event.at)}` : 'noch nicht unterzeichnet')
    w.facts([
      ['Vorsitz', `${chairName || '–'} – ${signed(status.chairSignature)}`],
      ['Schriftführung', `${takerName || '–'} – ${signed(status.minuteTakerSignature)}`],
    ])
    if (status.approval) w.facts([['Genehmigung', minutesStateLabel(status)]])
    w.furniture({
      header: `${ctx.townName} · ${ctx.organizationName} · Niederschrift ${germanDate(meeting.start)}`,
      headerRight: confidential ? CONFIDENTIAL_MARKER : `Version ${status.version}`,
      ...(confidential ? { headerRightColor: CONFIDENTIAL_INK } : {}),
      footer: title,
    })
  })
}

const FILE_KIND_LABELS: Record<'invitation' | 'nachtrag' | 'cancellation' | 'agenda' | 'minutes', string> = {
  invitation: 'Einladung',
  nachtrag: 'Nachtrag zur Tagesordnung',
  cancellation: 'Absage',
  agenda: 'Tagesordnung',
  minutes: 'Niederschrift',
}

/** "2026-03-12 Bauausschuss - Einladung.pdf", "… - Tagesordnung nichtöffentlich (Version 2).pdf", "… - Niederschrift öffentlich.pdf" */
export function meetingPdfFileName(
  meeting: Pick<MeetingDoc, 'start' | 'organization'>,
  kind: 'invitation' | 'nachtrag' | 'cancellation' | 'agenda' | 'minutes',
  part?: 'public' | 'confidential',
  version?: number,
): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(meeting.start ?? '')?.[0] ?? ''
  const partLabel = part && (kind === 'agenda' || kind === 'minutes') ? ` ${part === 'confidential' ? 'nichtöffentlich' : 'öffentlich'}` : ''
  const versionLabel = version !== undefined && version > 1 && kind !== 'invitation' && kind !== 'minutes' ? ` (Version ${version})` : ''
  const base = `${day} ${meeting.organization?.name ?? ''} - ${FILE_KIND_LABELS[kind]}${partLabel}${versionLabel}`
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
  return `${base.slice(0, 140)}.pdf`
}
