/**
 * Agenda builder (/app/meetings/:id/agenda, office only): the public and the non-public part of a
 * meeting as two numbered lists, edited directly in the two Automerge documents (works offline).
 * Items come from the body's queue of papers awaiting consultation (motions as a filter), the
 * body's standard items (Regel-TOPs) and free items. Reordering by drag and drop and by keyboard
 * (buttons, Alt+Arrow keys), sub-items (one level), moving between Ö and N (between the two
 * documents in one action), renumbering after every change (renumberAgenda). Ladungsfrist check
 * and the release command (invitation / Nachtrag) with its history.
 *
 * Rendering is keyed (lit `repeat`); titles are written on `change`, not per keystroke, so a
 * 150-item agenda stays responsive.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { guard } from 'lit/directives/guard.js'
import { repeat } from 'lit/directives/repeat.js'
import { getHeads } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import {
  checkInvitationPeriod,
  currentFiles,
  DEFAULT_BODY_SETTINGS,
  isConsultationClosed,
  standardItemsFor,
  type AgendaItem,
  type BodySettings,
  type MeetingCommandResult,
  type MeetingConfidentialDoc,
  type MeetingDoc,
  type PaperListEntry,
  type StandardItemTemplate,
} from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { workspaceStyles } from '../../app/workspace.styles.ts'
import { MeetingDocsController, type MeetingDocsPhase } from '../../controllers/meeting-docs-controller.ts'
import { formatMeetingTime, formatShortDate, townDay } from '../../i18n/format.ts'
import { tp, type PlanningKey } from '../../i18n/messages-planning.ts'
import { t } from '../../i18n/messages.ts'
import { isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { applyWrites, find, hasWrites, indent, layoutOf, moveBy, moveTo, outdent, placements, planPlacements, remove, type Layout, type Part, type Placement } from './agenda-ops.ts'
import { agendaViewStyles } from './agenda-view.styles.ts'

type QueueFilter = 'all' | 'motions' | 'others'

interface Row {
  item: AgendaItem
  part: Part
  sub: boolean
  first: boolean
  last: boolean
  /** a main item with a main item above it and no sub-items of its own */
  canIndent: boolean
}

export function newItemId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10))
  return `i-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

const MOTION_TYPE = 'Antrag'

export class AgendaView extends LitElement {
  static override styles = [themeStyles, workspaceStyles, agendaViewStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    queue: { state: true },
    queueError: { state: true },
    queueFilter: { state: true },
    adding: { state: true },
    freeError: { state: true },
    announcement: { state: true },
    askReason: { state: true },
    reasonError: { state: true },
    releasePending: { state: true },
    releaseAnswer: { state: true },
    dropTarget: { state: true },
  }

  declare session: Session
  declare meetingId: string
  declare queue: PaperListEntry[] | undefined
  declare queueError: string
  declare queueFilter: QueueFilter
  declare adding: string
  declare freeError: string
  declare announcement: string
  declare askReason: boolean
  declare reasonError: string
  declare releasePending: string
  declare releaseAnswer: { result: MeetingCommandResult } | undefined
  declare dropTarget: string

  private readonly docs = new MeetingDocsController(this, {
    label: 'agenda',
    onReady: (meetingId) => {
      void this.loadQueue(meetingId)
      void this.loadPendingRelease()
    },
  })
  private get meeting() {
    return this.docs.meeting
  }
  private get confidential() {
    return this.docs.confidential
  }
  private get planning() {
    return this.docs.planning
  }
  private get access() {
    return this.docs.access
  }
  private get phase(): MeetingDocsPhase {
    return this.docs.phase
  }
  /** undefined until the body's rules are known (no Ladungsfrist verdict on guessed rules) */
  private get settings(): BodySettings | undefined {
    return this.docs.settingsKnown ? this.docs.settings : undefined
  }
  private dragId = ''
  private focusAfter: { id: string; control: string } | undefined
  private readonly nonPublic = new Set<string>()
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.meetingId = ''
    this.queueError = ''
    this.queueFilter = 'all'
    this.adding = ''
    this.freeError = ''
    this.announcement = ''
    this.askReason = false
    this.reasonError = ''
    this.releasePending = ''
    this.dropTarget = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.offs.push(
      this.session.meetingCommands.on('answered', (a) => {
        if (a.meetingId !== this.meetingId || a.action !== 'release') return
        this.releasePending = ''
        this.releaseAnswer = { result: a.result }
      }),
    )
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) this.docs.open(this.meetingId)
  }

  protected override updated(): void {
    document.title = `${tp('agenda.title')}: ${this.meeting.doc?.name ?? tp('agenda.loading')} – ${t('app.name')}`
    const target = this.focusAfter
    if (!target) return
    this.focusAfter = undefined
    const li = this.renderRoot.querySelector<HTMLElement>(`li.item[data-id="${CSS.escape(target.id)}"]`)
    if (!li) return
    const control =
      target.control === 'item'
        ? null
        : target.control === 'title'
          ? li.querySelector<HTMLInputElement>('input')
          : li.querySelector<HTMLButtonElement>(`button[data-action="${target.control}"]`)
    ;(control && !(control as HTMLButtonElement).disabled ? control : li).focus()
  }

  private async loadQueue(meetingId: string): Promise<void> {
    const orgId = this.meeting.doc?.organization?.id
    if (!orgId) return
    try {
      const queue = await this.planning.queue(orgId)
      if (meetingId === this.meetingId) {
        this.queue = queue
        this.queueError = ''
      }
    } catch (e) {
      if (meetingId === this.meetingId) this.queueError = tp('agenda.queue.error', { reason: isNetworkError(e) ? t('error.offline') : e instanceof Error ? e.message : String(e) })
    }
  }

  private async loadPendingRelease(): Promise<void> {
    const pending = await this.session.meetingCommands.pending(this.meetingId)
    const release = pending.find((c) => c.command.action === 'release')
    this.releasePending = release ? release.command.id : ''
  }

  // --- the model -------------------------------------------------------------------------------

  private get canEdit(): boolean {
    return this.access.meeting === 'write' && !!this.meeting.handle
  }

  private get canEditConfidential(): boolean {
    return this.access.confidential === 'write' && !!this.confidential.doc
  }

  private items(part: Part): readonly AgendaItem[] {
    return (part === 'public' ? this.meeting.doc?.agendaItems : this.confidential.doc?.agendaItems) ?? []
  }

  private layout(): Layout {
    return layoutOf(this.items('public'), this.items('confidential'))
  }

  private itemById(id: string): AgendaItem | undefined {
    return this.items('public').find((i) => i.id === id) ?? this.items('confidential').find((i) => i.id === id)
  }

  /**
   * Writes a new layout into both documents in one user action: items moved between the parts are
   * inserted into one document and deleted from the other; order, parent and number everywhere.
   */
  private commit(next: Layout | undefined, options: { added?: AgendaItem[]; focus?: { id: string; control: string }; announce?: (placed: ReadonlyMap<string, Placement>) => string } = {}): void {
    if (!next || !this.canEdit) return
    const placed = placements(next)
    const pubHandle = this.meeting.handle as DocHandle<MeetingDoc>
    const confHandle = this.confidential.handle as DocHandle<MeetingConfidentialDoc> | undefined
    const added = options.added ?? []
    const into = (part: Part) => [...this.items(part === 'public' ? 'confidential' : 'public'), ...added].filter((i) => placed.get(i.id)?.part === part)
    const incomingPublic = into('public')
    const incomingConfidential = into('confidential')
    if (incomingConfidential.length && !(confHandle && this.canEditConfidential)) return
    const confWrites = planPlacements(this.items('confidential'), 'confidential', placed, incomingConfidential)
    const pubWrites = planPlacements(this.items('public'), 'public', placed, incomingPublic)
    // insert before delete: the item is never missing from both documents
    if (confHandle && this.canEditConfidential && hasWrites(confWrites)) this.session.tracker.change(confHandle, (d) => applyWrites(d.agendaItems, confWrites))
    if (hasWrites(pubWrites)) this.session.tracker.change(pubHandle, (d) => applyWrites(d.agendaItems, pubWrites))
    this.focusAfter = options.focus
    if (options.announce) this.announcement = options.announce(placed)
    this.requestUpdate()
  }

  private movedMessage(id: string) {
    return (placed: ReadonlyMap<string, Placement>) => tp('agenda.moved', { title: this.itemById(id)?.title ?? '', number: placed.get(id)?.number ?? '' })
  }

  private move(id: string, delta: -1 | 1, control: string): void {
    this.commit(moveBy(this.layout(), id, delta), { focus: { id, control }, announce: this.movedMessage(id) })
  }

  private indent(id: string): void {
    this.commit(indent(this.layout(), id), { focus: { id, control: 'outdent' }, announce: this.movedMessage(id) })
  }

  private outdent(id: string): void {
    this.commit(outdent(this.layout(), id), { focus: { id, control: 'indent' }, announce: this.movedMessage(id) })
  }

  private switchPart(id: string, to: Part): void {
    this.commit(moveTo(this.layout(), id, to), { focus: { id, control: to === 'public' ? 'to-confidential' : 'to-public' }, announce: this.movedMessage(id) })
  }

  private removeItem(id: string): void {
    const title = this.itemById(id)?.title ?? ''
    const layout = this.layout()
    const pos = find(layout, id)
    const next = remove(layout, id)
    if (!next || !pos) return
    // focus the neighbour that takes its place
    const nodes = next[pos.part]
    const neighbour = pos.child >= 0 ? (nodes[pos.index].children[pos.child] ?? nodes[pos.index].id) : (nodes[pos.index]?.id ?? nodes[pos.index - 1]?.id)
    this.commit(next, { focus: neighbour ? { id: neighbour, control: 'item' } : undefined, announce: () => tp('agenda.removed', { title }) })
  }

  private saveTitle(id: string, value: string): void {
    const title = value.trim()
    if (!title || !this.canEdit) return
    for (const [ctl, part] of [
      [this.meeting, 'public'],
      [this.confidential, 'confidential'],
    ] as const) {
      const index = ctl.doc?.agendaItems?.findIndex((i) => i.id === id) ?? -1
      if (index < 0 || !ctl.handle) continue
      if (part === 'confidential' && !this.canEditConfidential) return
      if (ctl.doc?.agendaItems[index].title === title) return
      this.session.tracker.change(ctl.handle as DocHandle<MeetingDoc>, (d) => {
        d.agendaItems[index].title = title
      })
      return
    }
  }

  private addItem(item: AgendaItem, part: Part, at: number | 'end'): void {
    const layout = this.layout()
    const nodes = layout[part]
    nodes.splice(at === 'end' ? nodes.length : at, 0, { id: item.id, children: [] })
    this.commit(layout, { added: [{ ...item, public: part === 'public' }], announce: (placed) => tp('agenda.added', { title: item.title, number: placed.get(item.id)?.number ?? '' }) })
  }

  private templates(): StandardItemTemplate[] {
    return standardItemsFor(this.settings ?? DEFAULT_BODY_SETTINGS)
  }

  /** Where a paper or free item goes: before the closing standard items of the part. */
  private insertionIndex(part: Part): number | 'end' {
    const endKeys = new Set(this.templates().filter((s) => s.position === 'end').map((s) => s.key))
    const nodes = this.layout()[part]
    const index = nodes.findIndex((n) => {
      const item = this.itemById(n.id)
      return item?.kind === 'standard' && !!item.standardKey && endKeys.has(item.standardKey)
    })
    return index < 0 ? 'end' : index
  }

  private addStandard(template: StandardItemTemplate): void {
    const part: Part = template.public ? 'public' : 'confidential'
    const item: AgendaItem = { id: newItemId(), number: '', order: 0, title: template.title, public: template.public, files: [], kind: 'standard', standardKey: template.key }
    let at: number | 'end' = 'end'
    if (template.position === 'start') {
      // after the opening standard items that are already there, before everything else
      const startKeys = this.templates().filter((s) => s.position === 'start').map((s) => s.key)
      const mine = startKeys.indexOf(template.key)
      const nodes = this.layout()[part]
      at = nodes.findIndex((n) => {
        const other = this.itemById(n.id)
        return !(other?.kind === 'standard' && other.standardKey && startKeys.indexOf(other.standardKey) >= 0 && startKeys.indexOf(other.standardKey) < mine)
      })
      if (at < 0) at = 'end'
    }
    this.addItem(item, part, at)
  }

  private addFree(e: Event): void {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const input = form.querySelector<HTMLInputElement>('#free-title')
    const box = form.querySelector<HTMLInputElement>('#free-nonpublic')
    const title = input?.value.trim() ?? ''
    if (!title) {
      this.freeError = tp('agenda.free.required')
      input?.focus()
      return
    }
    this.freeError = ''
    const part: Part = box?.checked && this.canEditConfidential ? 'confidential' : 'public'
    this.addItem({ id: newItemId(), number: '', order: 0, title, public: part === 'public', files: [], kind: 'other' }, part, this.insertionIndex(part))
    if (input) input.value = ''
    if (box) box.checked = false
  }

  private async addPaper(entry: PaperListEntry): Promise<void> {
    if (this.adding) return
    this.adding = entry.id
    const part: Part = this.nonPublic.has(entry.id) && this.canEditConfidential ? 'confidential' : 'public'
    const orgId = this.meeting.doc?.organization?.id
    const item: AgendaItem = {
      id: newItemId(),
      number: '',
      order: 0,
      title: entry.name,
      public: part === 'public',
      files: [],
      kind: entry.paperType === MOTION_TYPE ? 'motion' : 'paper',
      paper: { url: entry.url, id: entry.id, reference: entry.reference, name: entry.name, paperType: entry.paperType },
    }
    try {
      // the clerk reads released papers: Beschlussvorschlag, the consultation of this body, the current files
      const handle = await this.session.papers.open(entry, navigator.onLine ? 10_000 : 3000)
      const doc = handle.doc()
      if (doc) {
        const proposal = doc.sections?.find((s) => s.key === 'beschlussvorschlag' || s.key === 'antragstext')?.text?.trim()
        const text = proposal || doc.summary?.trim()
        if (text) item.resolutionProposal = text
        const consultation = doc.consultations?.find((c) => c.organizationId === orgId && !isConsultationClosed(c))
        if (consultation) item.consultationId = consultation.id
        item.files = currentFiles(doc.attachments)
      }
    } catch (e) {
      console.warn('agenda: paper document not available, adding the item without its text', e)
    }
    try {
      if (!this.itemsOnAgenda().has(entry.id)) this.addItem(item, part, this.insertionIndex(part))
    } finally {
      this.adding = ''
      this.nonPublic.delete(entry.id)
    }
  }

  private itemsOnAgenda(): Set<string> {
    const ids = new Set<string>()
    for (const part of ['public', 'confidential'] as const) for (const i of this.items(part)) if (i.paper?.id) ids.add(i.paper.id)
    return ids
  }

  // --- Ladungsfrist and release ------------------------------------------------------------

  /** The Ladungsfrist against the day the invitation went out, or else the planned (or today's) day. */
  private periodCheck() {
    const doc = this.meeting.doc
    if (!doc?.start || !this.settings) return undefined
    const sent = doc.releases?.[0]?.at
    return checkInvitationPeriod(doc.start, sent ? townDay(sent) : doc.invitationDate || townDay(new Date()), this.settings)
  }

  private setInvitationDate(value: string): void {
    if (!this.canEdit) return
    this.session.tracker.change(this.meeting.handle as DocHandle<MeetingDoc>, (d) => {
      if (value) d.invitationDate = value
      else delete d.invitationDate
    })
  }

  private startRelease(): void {
    this.releaseAnswer = undefined
    const check = this.periodCheck()
    if (check && !check.ok && !this.askReason) {
      this.askReason = true
      this.reasonError = ''
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#urgency-reason')?.focus())
      return
    }
    void this.release(undefined)
  }

  private confirmRelease(e: Event): void {
    e.preventDefault()
    const field = this.renderRoot.querySelector<HTMLTextAreaElement>('#urgency-reason')
    const reason = field?.value.trim() ?? ''
    if (!reason) {
      this.reasonError = tp('agenda.release.reasonRequired')
      field?.focus()
      return
    }
    void this.release(reason)
  }

  private async release(urgencyReason: string | undefined): Promise<void> {
    const pub = this.meeting.handle
    const conf = this.confidential.handle
    const pubDoc = this.meeting.doc
    if (!pub || !pubDoc) return
    const heads: Record<string, string[]> = { [pub.documentId]: getHeads(pubDoc) }
    const confDoc = this.confidential.doc
    if (conf && confDoc) heads[conf.documentId] = getHeads(confDoc)
    const id = await this.session.meetingCommands.command(this.meetingId, { action: 'release', ...(urgencyReason ? { urgencyReason } : {}), heads })
    this.releasePending = id
    this.askReason = false
    this.reasonError = ''
  }

  // --- drag and drop -------------------------------------------------------------------------

  private onDragStart(e: DragEvent, id: string): void {
    this.dragId = id
    e.dataTransfer?.setData('text/plain', id)
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move'
  }

  private onDragOver(e: DragEvent, key: string): void {
    if (!this.dragId) return
    e.preventDefault()
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move'
    if (this.dropTarget !== key) this.dropTarget = key
  }

  private onDrop(e: DragEvent, part: Part, beforeId?: string): void {
    e.preventDefault()
    e.stopPropagation()
    const id = this.dragId || e.dataTransfer?.getData('text/plain') || ''
    this.dragId = ''
    this.dropTarget = ''
    if (!id || id === beforeId) return
    if (part === 'confidential' && !this.canEditConfidential) return
    this.commit(moveTo(this.layout(), id, part, beforeId), { focus: { id, control: 'item' }, announce: this.movedMessage(id) })
  }

  private onDragEnd(): void {
    this.dragId = ''
    this.dropTarget = ''
  }

  private onItemKeydown(e: KeyboardEvent, id: string): void {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
    e.preventDefault()
    const target = e.target as HTMLElement
    const control = target === e.currentTarget ? 'item' : target.tagName === 'INPUT' ? 'title' : (target.dataset.action ?? 'item')
    this.move(id, e.key === 'ArrowUp' ? -1 : 1, control)
  }

  // --- rendering -----------------------------------------------------------------------------

  private rows(part: Part, layout: Layout): Row[] {
    const items = this.items(part)
    const byId = new Map(items.map((i) => [i.id, i]))
    const rows: Row[] = []
    const nodes = layout[part]
    nodes.forEach((node, i) => {
      const item = byId.get(node.id)
      if (!item) return
      rows.push({ item, part, sub: false, first: i === 0, last: i === nodes.length - 1, canIndent: i > 0 && node.children.length === 0 })
      node.children.forEach((c, j) => {
        const child = byId.get(c)
        if (child) rows.push({ item: child, part, sub: true, first: j === 0, last: j === node.children.length - 1, canIndent: false })
      })
    })
    return rows
  }

  private renderRow(row: Row, editable: boolean, canSwitch: boolean) {
    const { item, part } = row
    const id = item.id
    const title = item.title
    const label = (key: PlanningKey) => tp('agenda.actionsFor', { action: tp(key), title: `${item.number} ${title}` })
    const other: Part = part === 'public' ? 'confidential' : 'public'
    return html`<li
      class="item ${row.sub ? 'sub' : ''} ${this.dropTarget === id ? 'drop-target' : ''}"
      data-id=${id}
      tabindex="0"
      draggable=${editable ? 'true' : 'false'}
      aria-describedby="item-help"
      aria-label=${`${item.number} ${title}`}
      @keydown=${(e: KeyboardEvent) => editable && this.onItemKeydown(e, id)}
      @dragstart=${(e: DragEvent) => this.onDragStart(e, id)}
      @dragend=${this.onDragEnd}
      @dragover=${(e: DragEvent) => this.onDragOver(e, id)}
      @drop=${(e: DragEvent) => this.onDrop(e, part, id)}
    >
      <span class="num">${item.number}</span>
      <span class="title-field">
        <label class="visually-hidden" for="title-${id}">${tp('agenda.titleOf', { number: item.number })}</label>
        <input id="title-${id}" .value=${title} ?readonly=${!editable} @change=${(e: Event) => this.saveTitle(id, (e.target as HTMLInputElement).value)} />
      </span>
      ${item.paper || item.kind === 'standard'
        ? html`<span class="meta"
            >${item.paper ? `${item.paper.paperType} ${item.paper.reference}` : tp('agenda.kind.standard')}${item.files?.length
              ? ` · ${tp('agenda.files', { count: item.files.length })}`
              : ''}</span
          >`
        : nothing}
      ${editable
        ? html`<span class="actions">
            <button type="button" data-action="up" ?disabled=${row.first} aria-label=${label('agenda.up')} @click=${() => this.move(id, -1, 'up')}>↑ ${tp('agenda.up')}</button>
            <button type="button" data-action="down" ?disabled=${row.last} aria-label=${label('agenda.down')} @click=${() => this.move(id, 1, 'down')}>↓ ${tp('agenda.down')}</button>
            ${row.sub
              ? html`<button type="button" data-action="outdent" aria-label=${label('agenda.outdent')} @click=${() => this.outdent(id)}>← ${tp('agenda.outdent')}</button>`
              : html`<button type="button" data-action="indent" ?disabled=${!row.canIndent} aria-label=${label('agenda.indent')} @click=${() => this.indent(id)}>→ ${tp('agenda.indent')}</button>`}
            <button
              type="button"
              data-action=${part === 'public' ? 'to-confidential' : 'to-public'}
              ?disabled=${!canSwitch}
              aria-label=${label(part === 'public' ? 'agenda.toConfidential' : 'agenda.toPublic')}
              @click=${() => this.switchPart(id, other)}
            >
              ${tp(part === 'public' ? 'agenda.toConfidential' : 'agenda.toPublic')}
            </button>
            <button type="button" data-action="remove" aria-label=${label('agenda.remove')} @click=${() => this.removeItem(id)}>${tp('agenda.remove')}</button>
          </span>`
        : nothing}
    </li>`
  }

  private renderPart(part: Part, layout: Layout) {
    const editable = part === 'public' ? this.canEdit : this.canEdit && this.canEditConfidential
    const rows = this.rows(part, layout)
    const canSwitch = editable && (part === 'confidential' || this.canEditConfidential)
    const headingId = `part-${part}`
    const zone = `end-${part}`
    return html`<section class="part ${part}" aria-labelledby=${headingId}>
      <h2 id=${headingId}>${tp(part === 'public' ? 'agenda.public' : 'agenda.confidential')}</h2>
      ${part === 'confidential' && !this.confidential.doc ? html`<p class="notice">${tp('agenda.unavailable')}</p>` : nothing}
      ${rows.length
        ? html`<ol class="items" aria-labelledby=${headingId}>
            ${repeat(
              rows,
              (r) => r.item.id,
              // Automerge keeps unchanged items identical: only rows whose item or place changed render again
              (r) =>
                guard([r.item, r.first, r.last, r.sub, r.canIndent, editable, canSwitch, this.dropTarget === r.item.id], () =>
                  this.renderRow(r, editable, canSwitch),
                ),
            )}
          </ol>`
        : html`<p class="muted">${tp('agenda.empty')}</p>`}
      ${editable
        ? html`<div
            class="dropzone ${this.dropTarget === zone ? 'drop-target' : ''}"
            data-part=${part}
            @dragover=${(e: DragEvent) => this.onDragOver(e, zone)}
            @dragleave=${() => this.dropTarget === zone && (this.dropTarget = '')}
            @drop=${(e: DragEvent) => this.onDrop(e, part)}
          >
            ${tp('agenda.dropHere')}
          </div>`
        : nothing}
    </section>`
  }

  private renderQueue() {
    const onAgenda = this.itemsOnAgenda()
    const papers = (this.queue ?? []).filter((p) => !onAgenda.has(p.id))
    const shown = papers.filter((p) => this.queueFilter === 'all' || (this.queueFilter === 'motions') === (p.paperType === MOTION_TYPE))
    const motions = shown.filter((p) => p.paperType === MOTION_TYPE)
    const others = shown.filter((p) => p.paperType !== MOTION_TYPE)
    const renderPaper = (p: PaperListEntry) => html`<li>
      <span class="paper-name">${p.name}</span>
      <span class="muted">${p.paperType}${p.reference ? ` ${p.reference}` : ''}</span>
      <span class="row">
        <label
          ><input
            type="checkbox"
            id="np-${p.id}"
            aria-label=${`${tp('agenda.nonPublic')}: ${p.name}`}
            ?disabled=${!this.canEditConfidential}
            @change=${(e: Event) => ((e.target as HTMLInputElement).checked ? this.nonPublic.add(p.id) : this.nonPublic.delete(p.id))}
          />
          ${tp('agenda.nonPublic')}</label
        >
        <button type="button" aria-label=${`${tp('agenda.queue.add')}: ${p.name}`} ?disabled=${!!this.adding || !this.canEdit} @click=${() => void this.addPaper(p)}>
          ${this.adding === p.id ? tp('agenda.queue.adding') : tp('agenda.queue.add')}
        </button>
      </span>
    </li>`
    return html`<section aria-labelledby="queue-heading">
      <h2 id="queue-heading">${tp('agenda.queue')}</h2>
      <div class="field">
        <label for="queue-filter">${tp('agenda.queue.filter')}</label>
        <select id="queue-filter" .value=${this.queueFilter} @change=${(e: Event) => (this.queueFilter = (e.target as HTMLSelectElement).value as QueueFilter)}>
          <option value="all">${tp('agenda.queue.all')}</option>
          <option value="motions">${tp('agenda.queue.motions')}</option>
          <option value="others">${tp('agenda.queue.others')}</option>
        </select>
      </div>
      ${this.queueError ? html`<p class="notice error">${this.queueError}</p>` : nothing}
      ${!this.queue && !this.queueError ? html`<p role="status">${tp('agenda.queue.loading')}</p>` : nothing}
      ${this.queue && !shown.length ? html`<p class="muted">${tp('agenda.queue.empty')}</p>` : nothing}
      ${motions.length
        ? html`<h3 id="queue-motions">${tp('agenda.queue.motions')}</h3>
            <ul aria-labelledby="queue-motions">
              ${motions.map(renderPaper)}
            </ul>`
        : nothing}
      ${others.length
        ? html`<h3 id="queue-others">${tp('agenda.queue.others')}</h3>
            <ul aria-labelledby="queue-others">
              ${others.map(renderPaper)}
            </ul>`
        : nothing}
    </section>`
  }

  private renderStandard() {
    const present = new Set<string>()
    for (const part of ['public', 'confidential'] as const) for (const i of this.items(part)) if (i.standardKey) present.add(i.standardKey)
    const missing = this.templates().filter((s) => !present.has(s.key) && (s.public || this.canEditConfidential))
    return html`<section aria-labelledby="standard-heading">
      <h2 id="standard-heading">${tp('agenda.standard')}</h2>
      ${missing.length
        ? html`<ul>
            ${missing.map(
              (s) => html`<li>
                <span class="paper-name">${s.title}</span>
                <span class="muted">${tp(s.public ? 'agenda.public' : 'agenda.confidential')}</span>
                <button type="button" aria-label=${`${tp('agenda.standard.add')}: ${s.title}`} ?disabled=${!this.canEdit} @click=${() => this.addStandard(s)}>
                  ${tp('agenda.standard.add')}
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${tp('agenda.standard.none')}</p>`}
    </section>`
  }

  private renderFree() {
    return html`<section aria-labelledby="free-heading">
      <h2 id="free-heading">${tp('agenda.free')}</h2>
      <form @submit=${this.addFree} novalidate>
        <div class="field">
          <label for="free-title">${tp('agenda.free.title')}</label>
          <input id="free-title" autocomplete="off" aria-invalid=${this.freeError ? 'true' : 'false'} aria-describedby=${this.freeError ? 'free-error' : nothing} />
          ${this.freeError ? html`<span id="free-error" class="notice error" role="alert">${this.freeError}</span>` : nothing}
        </div>
        <div class="row">
          <label><input type="checkbox" id="free-nonpublic" ?disabled=${!this.canEditConfidential} /> ${tp('agenda.nonPublic')}</label>
          <button type="submit" ?disabled=${!this.canEdit}>${tp('agenda.free.add')}</button>
        </div>
      </form>
    </section>`
  }

  private renderPeriod(doc: MeetingDoc) {
    const check = this.periodCheck()
    const firstRelease = doc.releases?.[0]
    const released = !!firstRelease || doc.state !== 'planned'
    // a meeting whose day has passed is not invited any more (the relay refuses it too)
    const past = (!released && townDay(doc.start) < townDay(new Date())) || doc.state === 'held' || doc.state === 'cancelled'
    const answer = this.releaseAnswer?.result
    return html`<section class="period" aria-labelledby="period-heading">
      <h2 id="period-heading">${tp('agenda.period')}</h2>
      ${firstRelease
        ? nothing
        : html`<div class="field">
            <label for="invitation-date">${tp('agenda.period.date')}</label>
            <input
              id="invitation-date"
              type="date"
              .value=${doc.invitationDate ?? ''}
              ?readonly=${!this.canEdit}
              @change=${(e: Event) => this.setInvitationDate((e.target as HTMLInputElement).value)}
            />
          </div>`}
      ${firstRelease
        ? html`<p class="muted">${tp('agenda.period.sent', { date: formatShortDate(firstRelease.at) })}</p>`
        : !doc.invitationDate
          ? html`<p class="muted">${tp('agenda.period.none')}</p>`
          : nothing}
      ${past
        ? html`<p class="notice">${tp(doc.state === 'cancelled' ? 'agenda.period.cancelled' : 'agenda.period.past')}</p>`
        : released && !check?.ok && firstRelease?.urgencyReason
        ? html`<p class="notice">${tp('agenda.period.urgent', { reason: firstRelease.urgencyReason })}</p>`
        : check && !check.ok && check.daysBefore < 0
        ? html`<p class="notice error" role="alert">${tp('agenda.period.after')}</p>`
        : check && !check.ok
        ? html`<p class="notice error" role="alert">
            ${tp('agenda.period.violated', {
              days: check.daysBefore,
              required: check.requiredDays,
              latestRegular: formatShortDate(check.latestRegular),
              latestUrgent: formatShortDate(check.latestUrgent),
            })}
            ${!check.urgentOk ? tp('agenda.period.urgentToo', { urgent: check.urgentDays }) : nothing}
          </p>`
        : check && (doc.invitationDate || firstRelease)
          ? html`<p class="notice success">${tp('agenda.period.ok', { days: check.daysBefore, required: check.requiredDays })}</p>`
          : nothing}
      <div class="row">
        <button type="button" class="primary" ?disabled=${!this.canEdit || !!this.releasePending || this.askReason || past} @click=${this.startRelease}>
          ${tp(released ? 'agenda.release.nachtrag' : 'agenda.release.invitation')}
        </button>
      </div>
      ${this.askReason
        ? html`<form class="field" @submit=${this.confirmRelease} novalidate>
            <label for="urgency-reason">${tp('agenda.release.reason')}</label>
            <textarea id="urgency-reason" rows="3" required aria-invalid=${this.reasonError ? 'true' : 'false'} aria-describedby="urgency-hint"></textarea>
            <p id="urgency-hint" class="notice error" role="alert">${this.reasonError || tp('agenda.release.reasonRequired')}</p>
            <span class="row">
              <button type="submit" class="primary">${tp('agenda.release.confirm')}</button>
              <button type="button" @click=${() => (this.askReason = false)}>${tp('agenda.release.cancel')}</button>
            </span>
          </form>`
        : nothing}
      ${this.releasePending ? html`<p class="notice" role="status">${tp('agenda.release.pending')}</p>` : nothing}
      ${answer
        ? answer.applied
          ? html`<p class="notice success" role="status">
              ${tp('agenda.release.applied', { version: answer.version ?? '', mails: answer.notified?.mails ?? 0, pushes: answer.notified?.pushes ?? 0 })}
            </p>`
          : html`<p class="notice error" role="alert">${tp('agenda.release.refused', { reason: answer.reason ?? '' })}</p>`
        : nothing}
      ${this.renderReleases(doc)}
    </section>`
  }

  private renderReleases(doc: MeetingDoc) {
    const releases = doc.releases ?? []
    const fileHref = (sha256: string) => hrefFor({ name: 'file', meetingId: this.meetingId, sha256 })
    return html`<h3>${tp('agenda.releases')}</h3>
      ${releases.length
        ? html`<ul class="releases">
            ${releases.map((r) => {
              const confidentialAgenda = this.confidential.doc?.releases?.find((c) => c.version === r.version)?.agenda
              return html`<li>
                ${tp('agenda.releases.entry', {
                  version: r.version,
                  kind: tp(r.kind === 'invitation' ? 'agenda.releases.kind.invitation' : 'agenda.releases.kind.nachtrag'),
                  date: formatShortDate(r.at),
                  by: r.byName,
                })}
                ${r.urgencyReason ? html`<br />${tp('agenda.releases.urgency', { reason: r.urgencyReason })}` : nothing}
                <span class="row">
                  ${r.letter ? html`<a href=${fileHref(r.letter.sha256)}>${tp('agenda.releases.letter')} (${r.letter.name})</a>` : nothing}
                  ${r.agenda ? html`<a href=${fileHref(r.agenda.sha256)}>${tp('agenda.releases.agenda')} (${r.agenda.name})</a>` : nothing}
                  ${confidentialAgenda
                    ? html`<a href=${fileHref(confidentialAgenda.sha256)}>${tp('agenda.releases.confidentialAgenda')} (${confidentialAgenda.name})</a>`
                    : nothing}
                </span>
              </li>`
            })}
          </ul>`
        : html`<p class="muted">${tp('agenda.releases.none')}</p>`}`
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${tp('agenda.back')}</a>`
    const doc = this.meeting.doc
    if (this.phase === 'loading' || (this.phase === 'ready' && !doc)) return html`${back}<p role="status">${tp('agenda.loading')}</p>`
    if (this.phase === 'unavailable' || !doc)
      return html`${back}
        <h1 tabindex="-1">${tp('agenda.title')}</h1>
        <p class="notice">${tp('agenda.unavailable')}</p>
        <button type="button" @click=${() => this.docs.open(this.meetingId)}>${tp('agenda.retry')}</button>`
    const layout = this.layout()
    return html`
      ${back}
      <h1 tabindex="-1">${tp('agenda.title')}</h1>
      <p class="subtitle">${doc.name} · ${formatMeetingTime(doc.start, doc.end)}</p>
      ${this.canEdit ? nothing : html`<p class="notice">${tp('agenda.readonly')}</p>`}
      ${this.renderPeriod(doc)}
      <p id="item-help" class="visually-hidden">${tp('agenda.itemHelp')}</p>
      <div class="live visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="builder">
        <div>${this.renderPart('public', layout)} ${this.renderPart('confidential', layout)}</div>
        <aside aria-label=${tp('agenda.side')}>${this.renderQueue()} ${this.renderStandard()} ${this.renderFree()}</aside>
      </div>
    `
  }
}

customElements.define('rt-agenda-view', AgendaView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-agenda-view': AgendaView
  }
}
