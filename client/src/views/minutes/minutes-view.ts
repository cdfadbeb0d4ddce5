/**
 * The minutes of a meeting (/app/meetings/:id/minutes): one Niederschrift per part. The office
 * generates them from the meeting data, edits the sections while they are a draft (direct
 * Automerge edits, offline-capable), records the chair's and the minute-taker's signatures, the
 * approval in a later meeting of the body, and corrections with a reason after signing. Members
 * of the body read. Steps are server-checked meeting commands queued in the outbox with the heads
 * of the documents they were made on; the relay keeps `events` and `versions`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { getHeads } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { deriveMinutes, type CalendarEntry, type MinutesDoc, type MinutesEvent, type PaperDoc } from '@ratstisch/domain'
import '../../components/rich-text-editor/rich-text-editor.ts'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { workspaceStyles } from '../../app/workspace.styles.ts'
import { formatLongDate, formatShortDate, formatTime } from '../../i18n/format.ts'
import { tm } from '../../i18n/messages-minutes.ts'
import { t } from '../../i18n/messages.ts'
import type { MeetingCommandInput } from '../../services/meeting-commands.ts'
import { MeetingPlanningService } from '../../services/meeting-planning.ts'
import { isOfficeStaff } from '../../services/relay-contract.ts'
import type { Session } from '../../services/session.ts'
import { minutesViewStyles } from './minutes-view.styles.ts'

type Part = 'public' | 'confidential'

/** One entry of GET /api/meetings/:id/minutes. */
interface MinutesInfo {
  documentId: string
  url: string
  part: Part
  state: string
  approvedAt: string | null
  canEdit: boolean
  pdfUrl: string
}

interface Opened {
  info: MinutesInfo
  handle: DocHandle<MinutesDoc>
}

export class MinutesView extends LitElement {
  static override styles = [themeStyles, workspaceStyles, minutesViewStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    phase: { state: true },
    parts: { state: true },
    laterMeetings: { state: true },
    approveIn: { state: true },
    correctPart: { state: true },
    correctKey: { state: true },
    correctText: { state: true },
    correctReason: { state: true },
    correctError: { state: true },
    message: { state: true },
  }

  declare session: Session
  declare meetingId: string
  declare phase: 'loading' | 'ready' | 'unavailable'
  declare parts: Opened[]
  declare laterMeetings: CalendarEntry[]
  declare approveIn: Record<string, string>
  declare correctPart: Part | ''
  declare correctKey: string
  declare correctText: string
  declare correctReason: string
  declare correctError: string
  declare message: string

  private offs: (() => void)[] = []
  private loadSeq = 0
  private meetingName = ''
  private readonly onDocChange = () => this.requestUpdate()

  constructor() {
    super()
    this.meetingId = ''
    this.phase = 'loading'
    this.parts = []
    this.laterMeetings = []
    this.approveIn = {}
    this.correctPart = ''
    this.correctKey = ''
    this.correctText = ''
    this.correctReason = ''
    this.correctError = ''
    this.message = ''
  }

  private get staff(): boolean {
    return isOfficeStaff(this.session.me)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.offs.push(
      this.session.meetingCommands.on('answered', (a) => {
        if (a.meetingId !== this.meetingId) return
        this.message = a.result.applied ? tm('minutes.done') : tm('minutes.refused', { reason: a.result.reason ?? '' })
        void this.load()
      }),
      this.session.repo.on('relay', ({ connected }) => {
        if (connected && this.phase === 'unavailable') void this.load()
      }),
    )
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
    for (const p of this.parts) p.handle.off('change', this.onDocChange)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) void this.load()
  }

  protected override updated(): void {
    document.title = `${tm('minutes.title')}${this.meetingName ? `: ${this.meetingName}` : ''} – ${t('app.name')}`
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq
    if (!this.meetingId) return
    if (!this.parts.length) this.phase = 'loading'
    try {
      const { minutes } = (await this.session.api.getJson(`/api/meetings/${encodeURIComponent(this.meetingId)}/minutes`, { timeoutMs: 10_000 })) as { minutes: MinutesInfo[] }
      let added = false
      for (const info of minutes) {
        if (this.session.catalogue.has(info.documentId)) continue
        await this.session.catalogue.put({ documentId: info.documentId, url: info.url, type: 'minutes', access: info.canEdit ? 'write' : 'read', meeting: this.meetingId })
        added = true
      }
      if (added) this.session.repo.sharingChanged()
      const opened = await Promise.all(
        minutes
          .sort((a, b) => (a.part === b.part ? 0 : a.part === 'public' ? -1 : 1))
          .map(async (info) => ({ info, handle: await this.session.repo.find<MinutesDoc>(info.url, 20_000) })),
      )
      if (seq !== this.loadSeq) return
      for (const p of this.parts) p.handle.off('change', this.onDocChange)
      for (const p of opened) {
        p.handle.on('change', this.onDocChange)
        if (p.info.canEdit) this.session.tracker.watch(p.handle as DocHandle<unknown>)
      }
      this.parts = opened
      this.meetingName = opened[0]?.handle.doc()?.title ?? ''
      this.phase = 'ready'
      if (this.staff) void this.loadLaterMeetings(seq)
    } catch (e) {
      if (seq !== this.loadSeq) return
      console.warn('minutes: cannot load', e)
      this.phase = 'unavailable'
    }
  }

  /** Later meetings of the same body (for the approval). */
  private async loadLaterMeetings(seq: number): Promise<void> {
    try {
      const planning = new MeetingPlanningService(this.session.api, this.session.db, this.session.repo, this.session.catalogue)
      const all = await planning.calendar({})
      if (seq !== this.loadSeq) return
      const self = all.find((m) => m.id === this.meetingId)
      this.laterMeetings = self ? all.filter((m) => m.organizationId === self.organizationId && m.id !== self.id && m.start > self.start && m.state !== 'cancelled') : []
    } catch {
      this.laterMeetings = []
    }
  }

  // ---------------------------------------------------------------------------------------------
  // commands
  // ---------------------------------------------------------------------------------------------

  private async send(input: MeetingCommandInput): Promise<void> {
    const heads: Record<string, string[]> = {}
    for (const p of this.parts) {
      const doc = p.handle.doc()
      if (doc) heads[p.handle.documentId] = getHeads(doc)
    }
    await this.session.meetingCommands.command(this.meetingId, { ...input, ...(Object.keys(heads).length ? { heads } : {}) })
    this.message = tm('minutes.queued')
  }

  private generate(): void {
    void this.send({ action: 'generate-minutes' })
  }

  private sign(part: Part, role: 'chair' | 'minute-taker'): void {
    void this.send({ action: 'sign-minutes', part, role })
  }

  private approve(e: Event, part: Part): void {
    e.preventDefault()
    const meetingId = this.approveIn[part]
    if (!meetingId) return
    void this.send({ action: 'approve-minutes', part, approvedInMeetingId: meetingId })
  }

  private startCorrection(p: Opened): void {
    const doc = p.handle.doc()
    const first = doc?.sections[0]
    this.correctPart = p.info.part
    this.correctKey = first?.key ?? ''
    this.correctText = first?.text ?? ''
    this.correctReason = ''
    this.correctError = ''
  }

  private chooseCorrectionSection(p: Opened, key: string): void {
    this.correctKey = key
    this.correctText = p.handle.doc()?.sections.find((s) => s.key === key)?.text ?? ''
  }

  private correct(e: Event): void {
    e.preventDefault()
    if (!this.correctPart || !this.correctKey || !this.correctReason.trim()) {
      this.correctError = tm('minutes.correct.missing')
      return
    }
    void this.send({ action: 'correct-minutes', part: this.correctPart, reason: this.correctReason.trim(), sections: { [this.correctKey]: this.correctText } })
    this.correctPart = ''
  }

  // ---------------------------------------------------------------------------------------------
  // rendering
  // ---------------------------------------------------------------------------------------------

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${tm('minutes.back')}</a>`
    if (this.phase === 'loading') return html`${back}<h1>${tm('minutes.title')}</h1><p role="status">${tm('minutes.loading')}</p>`
    if (this.phase === 'unavailable') {
      return html`${back}<h1>${tm('minutes.title')}</h1>
        <p role="alert">${tm('minutes.unavailable')}</p>
        <button type="button" @click=${() => void this.load()}>${tm('minutes.retry')}</button>`
    }
    return html`${back}
      <h1>${tm('minutes.title')}</h1>
      <p class="live-message" role="status" aria-live="polite">${this.message}</p>
      ${this.parts.length === 0 ? html`<p>${this.staff ? tm('minutes.noneStaff') : tm('minutes.none')}</p>` : nothing}
      ${this.staff ? this.renderGenerate() : nothing} ${this.parts.map((p) => this.renderPart(p))}`
  }

  private renderGenerate() {
    const locked = this.parts.length > 0 && this.parts.every((p) => deriveMinutes(p.handle.doc()?.events ?? []).locked)
    if (locked) return nothing
    const first = this.parts.length === 0
    return html`<div class="row">
      <button type="button" class="primary" @click=${this.generate}>${first ? tm('minutes.generate') : tm('minutes.regenerate')}</button>
      ${first ? nothing : html`<span class="hint">${tm('minutes.regenerate.hint')}</span>`}
    </div>`
  }

  private renderPart(p: Opened) {
    const doc = p.handle.doc()
    if (!doc) return nothing
    const derived = deriveMinutes(doc.events ?? [])
    const part = p.info.part
    const partLabel = tm(part === 'public' ? 'minutes.part.public' : 'minutes.part.confidential')
    const editable = p.info.canEdit && !derived.locked
    const reason = derived.locked ? tm('minutes.locked') : p.info.canEdit ? '' : tm('minutes.readonly')
    const headingId = `part-${part}`
    return html`<section class="part" aria-labelledby=${headingId}>
      <h2 id=${headingId}>${partLabel}</h2>
      <p class="doc-title">${doc.title}</p>
      <p>
        ${tm('minutes.state', { state: tm(`minutes.state.${derived.state}`) })} · ${tm('minutes.version', { version: derived.version })}
        ${derived.approval?.approvedIn ? html` · ${tm('minutes.approvedIn', { meeting: derived.approval.approvedIn.meetingName })}` : nothing}
      </p>
      <p><a class="button" href=${p.info.pdfUrl} target="_blank" rel="noopener">${tm('minutes.pdf', { part: partLabel })}</a></p>
      ${this.renderSignatures(p, derived)} ${this.staff && derived.state === 'signed' ? this.renderApprove(p) : nothing}
      ${this.staff && derived.locked ? this.renderCorrection(p) : nothing}
      <h3>${tm('minutes.sections')}</h3>
      ${derived.locked && reason ? html`<p class="hint">${reason}</p>` : nothing}
      ${doc.sections.map(
        (section, index) => html`<rt-rich-text-editor
          .handle=${p.handle as unknown as DocHandle<PaperDoc>}
          .sectionIndex=${index}
          .label=${section.title}
          .readonly=${!editable}
          .readonlyReason=${reason}
          @input=${() => this.session.tracker.markDirty(p.handle as DocHandle<unknown>)}
        ></rt-rich-text-editor>`,
      )}
      ${this.renderHistory(doc.events ?? [])}
    </section>`
  }

  private renderSignatures(p: Opened, derived: ReturnType<typeof deriveMinutes>) {
    const line = (role: 'chair' | 'minute-taker', event: MinutesEvent | undefined) => {
      const roleLabel = tm(`minutes.role.${role}`)
      return html`<li>
        ${event
          ? html`${tm('minutes.signedBy', { role: roleLabel, name: event.byName, date: `${formatShortDate(event.at)} ${formatTime(event.at)}` })}${
              event.recordedByName ? ` ${tm('minutes.recordedBy', { name: event.recordedByName })}` : ''
            }`
          : html`${tm('minutes.notSigned', { role: roleLabel })}
            ${this.staff && derived.state !== 'approved'
              ? html`<button type="button" @click=${() => this.sign(p.info.part, role)}>${tm(`minutes.sign.${role}`)}</button>`
              : nothing}`}
      </li>`
    }
    return html`<h3>${tm('minutes.signatures')}</h3>
      <ul class="signatures">
        ${line('chair', derived.chairSignature)} ${line('minute-taker', derived.minuteTakerSignature)}
      </ul>`
  }

  private renderApprove(p: Opened) {
    const part = p.info.part
    const id = `approve-${part}`
    if (!this.laterMeetings.length) return html`<p class="hint">${tm('minutes.approve.none')}</p>`
    return html`<form class="row" @submit=${(e: Event) => this.approve(e, part)}>
      <label for=${id}>${tm('minutes.approve.meeting')}</label>
      <select id=${id} .value=${this.approveIn[part] ?? ''} @change=${(e: Event) => (this.approveIn = { ...this.approveIn, [part]: (e.target as HTMLSelectElement).value })}>
        <option value="">${tm('minutes.approve.choose')}</option>
        ${this.laterMeetings.map((m) => html`<option value=${m.id}>${m.name} (${formatLongDate(m.start)})</option>`)}
      </select>
      <button type="submit" ?disabled=${!this.approveIn[part]}>${tm('minutes.approve.submit')}</button>
    </form>`
  }

  private renderCorrection(p: Opened) {
    const part = p.info.part
    if (this.correctPart !== part) {
      return html`<p><button type="button" @click=${() => this.startCorrection(p)}>${tm('minutes.correct')}</button></p>`
    }
    const doc = p.handle.doc()
    return html`<form class="correction" @submit=${(e: Event) => this.correct(e)}>
      <h3>${tm('minutes.correct')}</h3>
      <label for="correct-section">${tm('minutes.correct.section')}</label>
      <select id="correct-section" .value=${this.correctKey} @change=${(e: Event) => this.chooseCorrectionSection(p, (e.target as HTMLSelectElement).value)}>
        ${(doc?.sections ?? []).map((s) => html`<option value=${s.key} ?selected=${s.key === this.correctKey}>${s.title}</option>`)}
      </select>
      <label for="correct-text">${tm('minutes.correct.text')}</label>
      <textarea id="correct-text" rows="8" .value=${this.correctText} @input=${(e: Event) => (this.correctText = (e.target as HTMLTextAreaElement).value)}></textarea>
      <label for="correct-reason">${tm('minutes.correct.reason')}</label>
      <input id="correct-reason" type="text" .value=${this.correctReason} @input=${(e: Event) => (this.correctReason = (e.target as HTMLInputElement).value)} />
      ${this.correctError ? html`<p class="error" role="alert">${this.correctError}</p>` : nothing}
      <button type="submit" class="primary">${tm('minutes.correct.submit')}</button>
    </form>`
  }

  private renderHistory(events: readonly MinutesEvent[]) {
    if (!events.length) return nothing
    const text = (e: MinutesEvent) => {
      switch (e.kind) {
        case 'generated':
          return tm('minutes.event.generated', { name: e.byName })
        case 'signed':
          return tm('minutes.event.signed', { name: e.byName, role: tm(`minutes.role.${e.role ?? 'chair'}`) })
        case 'approved':
          return tm('minutes.event.approved', { name: e.byName })
        case 'corrected':
          return tm('minutes.event.corrected', { name: e.byName, version: e.version ?? '', reason: e.reason ?? '' })
      }
    }
    return html`<h3>${tm('minutes.history')}</h3>
      <ol class="history">
        ${events.map((e) => html`<li><time datetime=${e.at}>${formatShortDate(e.at)} ${formatTime(e.at)}</time> – ${text(e)}</li>`)}
      </ol>`
  }
}

customElements.define('rt-minutes-view', MinutesView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-minutes-view': MinutesView
  }
}
