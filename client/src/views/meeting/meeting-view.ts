/**
 * One meeting: header (name, body, date and time, location, state), the agenda from the public
 * `meeting` document and, for members of the body, the non-public part from the
 * `meeting-confidential` document; files open in the reader (views/reader, route `file`);
 * personal notes per item go into the user's own notes document; "Meine Anmerkungen" leads to the
 * member's annotations of the meeting. Writers (clerks) edit item titles inline. Also hosts
 * "Offline verfügbar machen".
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { updateText } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { formatLocation, type AgendaItem, type FileRef, type MeetingConfidentialDoc, type MeetingDoc, type NotesDoc } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import '../../components/agenda-item/agenda-item.ts'
import type { NoteInputDetail, TitleSaveDetail } from '../../components/agenda-item/agenda-item.ts'
import '../../components/pin-control/pin-control.ts'
import '../../components/file-versions/file-versions.ts'
import '../../components/private-uploads/private-uploads.ts'
import { DocController } from '../../controllers/doc-controller.ts'
import { FileStatusController } from '../../controllers/file-status-controller.ts'
import { to } from '../../i18n/messages-offline.ts'
import { formatFileSize, formatMeetingTime } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import type { MeetingDocuments } from '../../services/catalogue.ts'
import { IntegrityError } from '../../services/files.ts'
import { PinCancelledError, type PinProgress } from '../../services/meeting-pinner.ts'
import { FindTimeoutError } from '../../services/repo.ts'
import type { Session } from '../../services/session.ts'
import { stateLabel } from '../meetings/meetings-view.ts'
import { isOfficeStaff } from '../../services/relay-contract.ts'
import { tp } from '../../i18n/messages-planning.ts'
import { tl } from '../../i18n/messages-live.ts'
import { tm } from '../../i18n/messages-minutes.ts'
import { trd } from '../../i18n/messages-reader.ts'
import { meetingViewStyles } from './meeting-view.styles.ts'

type Phase = 'loading' | 'ready' | 'missing' | 'unavailable'
type PartState = 'none' | 'loading' | 'ready' | 'unavailable'

function describeError(e: unknown): string {
  if (isNetworkError(e)) return t('error.offline')
  if (e instanceof FindTimeoutError) return t('pin.needsConnection')
  if (e instanceof IntegrityError) return e.message
  if (e instanceof ApiError) return e.status === 404 || e.status === 403 ? t('error.notFound') : e.message
  return e instanceof Error ? e.message : String(e)
}


export class MeetingView extends LitElement {
  static override styles = [themeStyles, meetingViewStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    phase: { state: true },
    confidentialState: { state: true },
    docs: { state: true },
    pinned: { state: true },
    pinBusy: { state: true },
    pinProgress: { state: true },
    pinMessage: { state: true },
    pinError: { state: true },
    pinMissing: { state: true },
    uploadsPending: { state: true },
    uploadFailures: { state: true },
  }

  declare session: Session
  declare meetingId: string
  declare phase: Phase
  declare confidentialState: PartState
  declare docs: MeetingDocuments | undefined
  declare pinned: boolean
  declare pinBusy: boolean
  declare pinProgress: PinProgress | undefined
  declare pinMessage: string
  declare pinError: string
  /** files or documents the last pin could not fetch */
  declare pinMissing: number
  declare uploadsPending: ReadonlySet<string>
  declare uploadFailures: ReadonlyMap<string, string>

  private readonly meeting = new DocController<MeetingDoc>(this)
  private readonly confidential = new DocController<MeetingConfidentialDoc>(this)
  private readonly notes = new DocController<NotesDoc>(this)
  /** versions and device status of the items' files */
  private readonly fileStatus = new FileStatusController(this, () => this.session)
  private readonly pendingNotes = new Map<string, string>()
  private notesCreating: Promise<DocHandle<NotesDoc>> | undefined
  private loadSeq = 0
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.meetingId = ''
    this.phase = 'loading'
    this.confidentialState = 'none'
    this.pinned = false
    this.pinBusy = false
    this.pinMessage = ''
    this.pinError = ''
    this.pinMissing = 0
    this.uploadsPending = new Set()
    this.uploadFailures = new Map()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.offs.push(
      this.session.catalogue.on('change', () => {
        if (this.phase === 'missing' || this.phase === 'loading' || this.phase === 'unavailable') void this.load()
        else void this.refreshDocs()
      }),
      this.session.on('revoked', (ids) => {
        const mine = [this.docs?.meeting, this.docs?.confidential].some((r) => r && ids.includes(r.documentId))
        if (mine) void this.load()
      }),
      this.session.notes.on('switched', ({ meetingId }) => {
        if (meetingId === this.meetingId) void this.openNotes()
      }),
      this.session.repo.on('relay', ({ connected }) => {
        if (connected && (this.phase === 'unavailable' || this.confidentialState === 'unavailable')) void this.load()
      }),
      // a pin started elsewhere (meetings list, automatic) shows its progress here too
      this.session.pinner.on('progress', (a) => {
        if (a.meetingId !== this.meetingId) return
        this.pinBusy = a.busy
        this.pinProgress = a.progress
      }),
      this.session.pinner.on('change', (id) => id === this.meetingId && void this.refreshPin()),
      this.session.uploads.on('change', (id) => id === this.meetingId && void this.refreshUploads()),
      // an upload leaves the outbox after its handler returned: "wird hochgeladen" ends then
      this.session.outbox.on('change', () => void this.refreshUploads()),
    )
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) void this.load()
    this.fileStatus.track(this.trackedItems())
  }

  protected override updated(): void {
    document.title = `${this.meeting.doc?.name ?? t('meeting.loading')} – ${t('app.name')}`
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq
    const id = this.meetingId
    if (!id) return
    if (this.phase !== 'ready') this.phase = 'loading'
    const docs = await this.session.catalogue.forMeeting(id)
    if (seq !== this.loadSeq) return
    this.docs = docs
    await this.refreshPin()
    void this.refreshUploads()
    if (!docs.meeting) {
      this.meeting.setHandle(undefined)
      this.confidential.setHandle(undefined)
      // right after sign-in the manifest may still be on its way: the catalogue 'change' retries
      this.phase = !this.session.catalogue.lastRefresh && navigator.onLine ? 'loading' : 'missing'
      return
    }
    void this.openConfidential(seq, docs)
    void this.openNotes()
    try {
      const handle = await this.session.repo.find<MeetingDoc>(docs.meeting.url, navigator.onLine ? 20_000 : 4000)
      if (seq !== this.loadSeq) return
      this.meeting.setHandle(handle)
      this.session.tracker.watch(handle as DocHandle<unknown>)
      this.phase = 'ready'
    } catch (e) {
      if (seq !== this.loadSeq) return
      console.warn('meeting: cannot open document', e)
      this.phase = 'unavailable'
    }
  }

  private async refreshDocs(): Promise<void> {
    if (!this.meetingId) return
    const docs = await this.session.catalogue.forMeeting(this.meetingId)
    const confidentialChanged = docs.confidential?.url !== this.docs?.confidential?.url
    this.docs = docs
    if (confidentialChanged) void this.openConfidential(this.loadSeq, docs)
  }

  private async openConfidential(seq: number, docs: MeetingDocuments): Promise<void> {
    if (!docs.confidential) {
      this.confidential.setHandle(undefined)
      this.confidentialState = 'none'
      return
    }
    if (this.confidential.handle?.url !== docs.confidential.url) this.confidentialState = 'loading'
    try {
      const handle = await this.session.repo.find<MeetingConfidentialDoc>(docs.confidential.url, navigator.onLine ? 20_000 : 4000)
      if (seq !== this.loadSeq) return
      this.confidential.setHandle(handle)
      this.session.tracker.watch(handle as DocHandle<unknown>)
      this.confidentialState = 'ready'
    } catch {
      if (seq === this.loadSeq) this.confidentialState = 'unavailable'
    }
  }

  private async openNotes(): Promise<void> {
    const id = this.meetingId
    try {
      const handle = await this.session.notes.open(id, navigator.onLine ? 15_000 : 4000)
      if (id === this.meetingId && handle) this.notes.setHandle(handle)
    } catch (e) {
      console.warn('meeting: notes not available', e)
    }
  }

  private async onNoteInput(e: CustomEvent<NoteInputDetail>): Promise<void> {
    this.pendingNotes.set(e.detail.itemId, e.detail.text)
    let handle = this.notes.handle
    if (!handle) {
      const meetingId = this.meetingId
      this.notesCreating ??= this.session.notes.ensure(meetingId).finally(() => (this.notesCreating = undefined))
      handle = await this.notesCreating
      if (meetingId !== this.meetingId) return
      this.notes.setHandle(handle)
    }
    for (const [itemId, text] of this.pendingNotes) this.session.notes.setNote(handle, itemId, text)
    this.pendingNotes.clear()
  }

  private onTitleSave(e: CustomEvent<TitleSaveDetail>): void {
    const { itemId, title } = e.detail
    const targets: [DocController<MeetingDoc> | DocController<MeetingConfidentialDoc>, 'read' | 'write' | undefined][] = [
      [this.meeting, this.docs?.meeting?.access],
      [this.confidential, this.docs?.confidential?.access],
    ]
    for (const [ctl, access] of targets) {
      const index = ctl.doc?.agendaItems?.findIndex((i) => i.id === itemId) ?? -1
      const handle = ctl.handle as DocHandle<MeetingDoc> | undefined
      if (index < 0 || !handle || access !== 'write') continue
      this.session.tracker.change(handle, (d) => {
        const item = d.agendaItems[index]
        if (typeof item.title === 'string') updateText(d, ['agendaItems', index, 'title'], title)
        else item.title = title
      })
      return
    }
  }

  private async refreshPin(): Promise<void> {
    const id = this.meetingId
    const row = await this.session.pinner.get(id)
    if (id !== this.meetingId) return
    this.pinned = !!row
    this.pinMissing = row?.missing ?? 0
    const running = this.session.pinner.activityOf(id)
    if (running) {
      this.pinBusy = true
      this.pinProgress = running.progress
    }
  }

  private async refreshUploads(): Promise<void> {
    const id = this.meetingId
    const [pending, failures] = await Promise.all([this.session.uploads.pending(id), this.session.uploads.failures()])
    if (id !== this.meetingId) return
    this.uploadsPending = pending
    this.uploadFailures = failures
  }

  private readonly addUpload = async (file: File, itemId?: string): Promise<void> => {
    const meetingId = this.meetingId
    await this.session.uploads.add(meetingId, file, itemId)
    if (!this.notes.handle && meetingId === this.meetingId) void this.openNotes()
  }

  /** Items of both parts with the document each comes from (for file versions and access). */
  private trackedItems(): { item: AgendaItem; documentId: string }[] {
    const out: { item: AgendaItem; documentId: string }[] = []
    for (const ctl of [this.meeting, this.confidential] as const) {
      const handle = ctl.handle
      if (handle) for (const item of ctl.doc?.agendaItems ?? []) out.push({ item, documentId: handle.documentId })
    }
    return out
  }

  private async pin(): Promise<void> {
    this.pinBusy = true
    this.pinError = ''
    this.pinMessage = ''
    this.pinProgress = { files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 }
    try {
      const row = await this.session.pinner.pin(this.meetingId, { onProgress: (p) => (this.pinProgress = p) })
      this.pinned = true
      this.pinMissing = row.missing ?? 0
      this.pinMessage = t('pin.done')
    } catch (e) {
      if (e instanceof PinCancelledError) return
      this.pinError = t('pin.failed', { reason: describeError(e) })
    } finally {
      this.pinBusy = false
    }
  }

  private async unpin(): Promise<void> {
    this.pinBusy = true
    this.pinError = ''
    try {
      await this.session.pinner.unpin(this.meetingId)
      this.pinned = false
      this.pinProgress = undefined
      this.pinMessage = t('pin.removed')
    } finally {
      this.pinBusy = false
    }
  }

  /** The agendas of the latest release: the public one, and the non-public one for the body. */
  private releasedAgendas(): Array<{ label: string; ref: FileRef; documentId: string }> {
    const latest = <T extends { version: number }>(list: readonly T[] | undefined): T | undefined =>
      (list ?? []).reduce<T | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined)
    const result: Array<{ label: string; ref: FileRef; documentId: string }> = []
    const pub = latest(this.meeting.doc?.releases)?.agenda
    if (pub && this.meeting.handle) result.push({ label: t('meeting.agendaPdf'), ref: pub, documentId: this.meeting.handle.documentId })
    const conf = latest(this.confidential.doc?.releases)?.agenda
    if (conf && this.confidential.handle) result.push({ label: t('meeting.agendaPdfConfidential'), ref: conf, documentId: this.confidential.handle.documentId })
    return result
  }

  private compareHref = (shaA: string, shaB: string): string => hrefFor({ name: 'compare', meetingId: this.meetingId, shaA, shaB })

  private readonly fileExtras = (item: AgendaItem) => (file: FileRef) =>
    html`<rt-file-versions .status=${this.fileStatus.statusOf(item, file)} .openHref=${this.fileHref} .compareHref=${this.compareHref}></rt-file-versions>`

  private readonly itemExtras = (item: AgendaItem) =>
    html`<rt-private-uploads
      .uploads=${this.notes.doc?.uploads ?? []}
      .pending=${this.uploadsPending}
      .failures=${this.uploadFailures}
      item-id=${item.id}
      item-number=${item.number}
      .fileHref=${this.fileHref}
      .add=${this.addUpload}
    ></rt-private-uploads>`

  private fileHref = (sha256: string): string => hrefFor({ name: 'file', meetingId: this.meetingId, sha256 })

  /**
   * "Öffnen" on an item opens the file's current version — the one its badges speak of — even
   * while the item's snapshot still names an older one (the paper syncs before the meeting does).
   */
  private readonly itemFileHref = (item: AgendaItem) => (sha256: string): string => {
    const file = (item.files ?? []).find((f) => f.sha256 === sha256)
    return this.fileHref(file ? this.fileStatus.statusOf(item, file).current.sha256 : sha256)
  }

  private renderItems(items: readonly AgendaItem[], canEdit: boolean, notes: Readonly<Record<string, string>> | undefined) {
    if (!items.length) return html`<p class="muted">${t('meeting.noItems')}</p>`
    const sorted = [...items].sort((a, b) => a.order - b.order)
    return html`<ul class="agenda">
      ${sorted.map(
        (item) => html`<li>
          <rt-agenda-item
            .item=${item}
            .note=${this.pendingNotes.get(item.id) ?? notes?.[item.id]}
            ?can-edit-title=${canEdit}
            ?current=${!!this.meeting.doc?.live?.startedAt && !this.meeting.doc?.live?.endedAt && item.id === this.meeting.doc?.live?.currentItemId}
            .fileHref=${this.itemFileHref(item)}
            .fileExtras=${this.fileExtras(item)}
            .itemExtras=${this.itemExtras}
          ></rt-agenda-item>
        </li>`,
      )}
    </ul>`
  }

  private renderConfidential(notes: Readonly<Record<string, string>> | undefined) {
    if (this.confidentialState === 'none') return nothing
    const doc = this.confidential.doc
    return html`<section aria-labelledby="confidential-heading">
      <h3 id="confidential-heading" class="confidential">${t('meeting.confidential')}</h3>
      ${this.confidentialState === 'loading'
        ? html`<p role="status" class="muted loading">${t('meeting.confidentialLoading')}</p>`
        : this.confidentialState === 'unavailable' || !doc
          ? html`<p class="notice">${t('meeting.confidentialUnavailable')}</p>`
          : this.renderItems(doc.agendaItems ?? [], this.docs?.confidential?.access === 'write', notes)}
    </section>`
  }

  /** The live meeting as the clerk records it (read-only; updates through sync). */
  private renderLiveState(doc: MeetingDoc) {
    const live = doc.live
    if (!live?.startedAt) return nothing
    const current = live.currentItemId ? [...(doc.agendaItems ?? []), ...(this.confidential.doc?.agendaItems ?? [])].find((i) => i.id === live.currentItemId) : undefined
    return html`<p class="notice live-state" role="status" id="live-state">
      ${live.endedAt ? tl('meetingLive.ended') : tl('meetingLive.running')}
      ${!live.endedAt && current ? html` ${tl('meetingLive.current', { number: current.number, title: current.title })}` : nothing}
    </p>`
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meetings' })}>← ${t('meeting.back')}</a>`
    if (this.phase === 'loading') return html`${back}<h1 tabindex="-1">${t('meeting.loading')}</h1>`
    if (this.phase === 'missing')
      return html`${back}<h1 tabindex="-1">${t('meeting.notFound')}</h1>
        <p>${t('meeting.notFound.text')}</p>`
    const doc = this.meeting.doc
    if (this.phase === 'unavailable' || !doc) {
      const meta = this.docs?.meeting?.meta
      return html`${back}<h1 tabindex="-1">${meta?.name ?? t('meeting.notFound')}</h1>
        <p class="notice" role="status">${t('meeting.unavailable')}</p>
        <button type="button" @click=${() => void this.load()}>${t('meeting.retry')}</button>`
    }
    const notes = this.notes.doc?.notes
    const location = formatLocation(doc.location)
    return html`
      ${back}
      <h1 tabindex="-1">${doc.name}</h1>
      ${isOfficeStaff(this.session.me)
        ? html`<p><a class="button" href=${hrefFor({ name: 'agenda', meetingId: this.meetingId })}>${tp('meeting.editAgenda')}</a></p>`
        : nothing}
      ${isOfficeStaff(this.session.me) && doc.state !== 'cancelled'
        ? html`<p><a class="button" id="run-meeting" href=${hrefFor({ name: 'live', meetingId: this.meetingId })}>${tl('live.link')}</a></p>`
        : nothing}
      ${doc.live?.endedAt || doc.state === 'held'
        ? html`<p><a class="button" id="minutes-link" href=${hrefFor({ name: 'minutes', meetingId: this.meetingId })}>${tm('minutes.link')}</a></p>`
        : nothing}
      <p><a class="button" id="annotations-link" href=${hrefFor({ name: 'annotations', meetingId: this.meetingId })}>${trd('list.meetingLink')}</a></p>
      ${this.renderLiveState(doc)}
      <dl class="facts" aria-label=${t('meeting.details')}>
        <dt>${t('meeting.body')}</dt>
        <dd>${doc.organization?.name ?? ''}</dd>
        <dt>${t('meeting.when')}</dt>
        <dd>${formatMeetingTime(doc.start, doc.end)}</dd>
        ${location ? html`<dt>${t('meeting.where')}</dt><dd>${location}</dd>` : nothing}
        <dt>${t('meeting.state')}</dt>
        <dd>${stateLabel(doc.state)}</dd>
      </dl>
      <rt-pin-control
        ?pinned=${this.pinned}
        ?busy=${this.pinBusy}
        .progress=${this.pinProgress}
        message=${this.pinMessage}
        error=${this.pinError}
        missing=${this.pinned && !this.pinBusy ? this.pinMissing : 0}
        @pin=${() => void this.pin()}
        @unpin=${() => void this.unpin()}
      ></rt-pin-control>
      ${doc.invitation
        ? html`<p class="invitation">
            <span>${t('meeting.invitation')}: ${doc.invitation.name} (${formatFileSize(doc.invitation.size)})</span>
            <a class="button" href=${this.fileHref(doc.invitation.sha256)}>${t('item.open')}<span class="visually-hidden"> ${doc.invitation.name}</span></a>
          </p>`
        : nothing}
      ${this.releasedAgendas().map(
        (a) => html`<p class="invitation">
          <span>${a.label}: ${a.ref.name} (${formatFileSize(a.ref.size)})</span>
          <a class="button" href=${this.fileHref(a.ref.sha256)}>${t('item.open')}<span class="visually-hidden"> ${a.ref.name}</span></a>
        </p>`,
      )}
      <h2>${t('meeting.agenda')}</h2>
      <div @note-input=${(e: CustomEvent<NoteInputDetail>) => void this.onNoteInput(e)} @title-save=${(e: CustomEvent<TitleSaveDetail>) => this.onTitleSave(e)}>
        <section aria-labelledby="public-heading">
          <h3 id="public-heading">${t('meeting.public')}</h3>
          ${this.renderItems(doc.agendaItems ?? [], this.docs?.meeting?.access === 'write', notes)}
        </section>
        ${this.renderConfidential(notes)}
      </div>
      <section aria-labelledby="uploads-heading">
        <h2 id="uploads-heading">${to('uploads.meetingHeading')}</h2>
        <rt-private-uploads
          .uploads=${this.notes.doc?.uploads ?? []}
          .pending=${this.uploadsPending}
          .failures=${this.uploadFailures}
          .fileHref=${this.fileHref}
          .add=${this.addUpload}
        ></rt-private-uploads>
      </section>
    `
  }
}

customElements.define('rt-meeting-view', MeetingView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-meeting-view': MeetingView
  }
}
