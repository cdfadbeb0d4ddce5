/**
 * The reader of a meeting's files (route `file`, /app/meetings/:id/files/:sha256?page=N&q=term):
 * several documents open as tabs (ARIA tabs) and, side by side, a second pane (split view, stacked
 * on narrow screens); a picker lists the meeting's files (public and non-public items, invitation
 * and agendas, the member's own uploads). Open tabs are remembered per meeting on the device.
 *
 * Annotations: created in the viewer, stored privately (MeetingAnnotations), listed in a panel with
 * an editor (colour, comment, delete, share with the faction). Annotations made on another version
 * of the same file are re-anchored on the fly (annotation-placement.ts); editing one stores its
 * anchor on the open version; detached ones stay in the list.
 *
 * Files come from the blob cache (offline) or the relay, through session.files.open.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import { displayFileName, type AgendaItem } from '@ratstisch/domain'
import { hrefFor, type Route } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import '../../components/annotation-list/annotation-list.ts'
import type { AnnotationList, AnnotationListItem, EditorState } from '../../components/annotation-list/annotation-list.ts'
import '../../components/pdf-viewer/pdf-viewer.ts'
import type { AnnotationDraft, PdfViewer, ViewerAnnotation } from '../../components/pdf-viewer/pdf-viewer.ts'
import { FileStatusController } from '../../controllers/file-status-controller.ts'
import { formatFileSize, formatPages } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { trd } from '../../i18n/messages-reader.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import { MeetingAnnotations, ShareError, type AnnotationEntry, type AnnotationInput, type AnnotationPatch } from '../../services/annotations.ts'
import { IntegrityError } from '../../services/files.ts'
import type { Session } from '../../services/session.ts'
import { anchorUpdate, placeAnnotation, type Placement } from './annotation-placement.ts'
import { fileForAnnotation, isShareable, type FileGroup, type MeetingFile } from './meeting-files.ts'
import { MemberMeetingController } from './member-meeting-controller.ts'
import { closeSplit, closeTab, EMPTY_TABS, openInSplit, openTab, parseTabs, rememberPage, swapPanes, type ReaderTabs } from './reader-tabs.ts'
import { readerViewStyles } from './reader-view.styles.ts'

type FileRoute = Extract<Route, { name: 'file' }>

const tabsKey = (meetingId: string) => `reader-tabs:${meetingId}`
/** a short, stable id fragment for a file (element ids) */
const idOf = (sha: string) => sha.slice(0, 16)

function describeError(e: unknown): string {
  if (isNetworkError(e)) return t('pdf.notCached')
  if (e instanceof IntegrityError) return e.message
  if (e instanceof ApiError) return e.status === 404 || e.status === 403 ? t('error.notFound') : e.message
  return e instanceof Error ? e.message : String(e)
}

export class ReaderView extends LitElement {
  static override styles = [themeStyles, readerViewStyles]
  static override properties = {
    session: { attribute: false },
    route: { attribute: false },
    tabs: { state: true },
    tabFocus: { state: true },
    pickerOpen: { state: true },
    panelOpen: { state: true },
    activeId: { state: true },
    editingId: { state: true },
    focusEditor: { state: true },
    editor: { state: true },
    panelMessage: { state: true },
    query: { state: true },
  }

  declare session: Session
  declare route: FileRoute
  declare tabs: ReaderTabs
  declare tabFocus: string
  declare pickerOpen: boolean
  declare panelOpen: boolean
  declare activeId: string
  declare editingId: string
  declare focusEditor: boolean
  declare editor: EditorState
  declare panelMessage: string
  /** find text handed to the viewer of one file (from ?q=) */
  declare query: { sha: string; q: string } | undefined

  private readonly parts = new MemberMeetingController(this)
  private readonly fileStatus = new FileStatusController(this, () => this.session)
  private meetingId = ''
  private annotations: MeetingAnnotations | undefined
  private tabsLoaded = false
  /** the tabs remembered on this device, read before the meeting's files are known */
  private storedTabs: string | undefined
  private pending: { sha: string; page?: number; q?: string; annotation?: string } | undefined
  /** an annotation to show once its place in the opened version is known */
  private reveal: { sha: string; id: string } | undefined
  private readonly bytes = new Map<string, Uint8Array>()
  private readonly loadingFiles = new Set<string>()
  private readonly fileErrors = new Map<string, string>()
  private readonly texts = new Map<string, string[]>()
  private readonly placements = new Map<string, Placement | undefined>()
  private downloadUrl: { sha: string; url: string } | undefined
  private persistTimer: ReturnType<typeof setTimeout> | undefined
  private readonly markedRead = new Set<string>()

  constructor() {
    super()
    this.tabs = EMPTY_TABS
    this.tabFocus = ''
    this.pickerOpen = false
    this.panelOpen = true
    this.activeId = ''
    this.editingId = ''
    this.focusEditor = false
    this.editor = { busy: false, status: '', error: '' }
    this.panelMessage = ''
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.annotations?.close()
    this.annotations = undefined
    this.meetingId = ''
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl.url)
    this.downloadUrl = undefined
    if (this.persistTimer) {
      clearTimeout(this.persistTimer)
      void this.persistTabs()
    }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // reconnected (e.g. moved in the DOM): open the meeting again
    if (this.route && !this.meetingId) this.applyRoute()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route')) this.applyRoute()
    this.fileStatus.track(this.trackedItems())
    this.resolvePending()
  }

  protected override updated(): void {
    for (const sha of [this.tabs.active, this.tabs.split]) if (sha) void this.loadFile(sha)
    this.revealPending()
    const active = this.tabs.active ? this.fileBySha(this.tabs.active) : undefined
    document.title = `${active?.ref.name ?? this.parts.meeting.doc?.name ?? t('pdf.loading')} – ${t('app.name')}`
  }

  // --- meeting, route and tabs -----------------------------------------------------------------

  private applyRoute(): void {
    const r = this.route
    if (!r || r.name !== 'file' || !this.session) return
    if (r.meetingId !== this.meetingId) {
      this.meetingId = r.meetingId
      this.annotations?.close()
      const annotations = new MeetingAnnotations(this.session, r.meetingId)
      this.annotations = annotations
      annotations.on('change', () => this.requestUpdate())
      void annotations.open()
      this.parts.open(r.meetingId)
      this.tabs = EMPTY_TABS
      this.tabsLoaded = false
      this.bytes.clear()
      this.fileErrors.clear()
      this.texts.clear()
      this.placements.clear()
      void this.loadTabs(r.meetingId)
    }
    this.pending = { sha: r.sha256, page: r.page, q: r.q, annotation: r.annotation }
  }

  private async loadTabs(meetingId: string): Promise<void> {
    const row = await this.session.db.kv.get(tabsKey(meetingId)).catch(() => undefined)
    if (meetingId !== this.meetingId) return
    // only files of this meeting are kept (parseTabs, once the files are known)
    this.storedTabs = row?.value
    this.tabsLoaded = true
    this.requestUpdate()
  }

  private schedulePersist(): void {
    clearTimeout(this.persistTimer)
    this.persistTimer = setTimeout(() => void this.persistTabs(), 400)
  }

  private async persistTabs(): Promise<void> {
    this.persistTimer = undefined
    if (!this.meetingId || !this.session) return
    await this.session.db.kv.put({ key: tabsKey(this.meetingId), value: JSON.stringify(this.tabs) }).catch(() => undefined)
  }

  private setTabs(next: ReaderTabs, syncUrl = true): void {
    if (next === this.tabs) return
    const activeChanged = next.active !== this.tabs.active
    this.tabs = next
    this.tabFocus = next.active ?? ''
    // bytes of closed documents are not kept
    for (const sha of [...this.bytes.keys()]) if (!next.tabs.includes(sha)) this.bytes.delete(sha)
    this.schedulePersist()
    if (syncUrl && activeChanged && next.active) history.replaceState(null, '', hrefFor({ name: 'file', meetingId: this.meetingId, sha256: next.active }))
  }

  /** Applies the route's file, page, find text and annotation once the meeting's files are known. */
  private resolvePending(): void {
    const p = this.pending
    if (!p || !this.tabsLoaded || this.parts.phase !== 'ready') return
    const file = this.fileBySha(p.sha)
    if (!file) return
    this.pending = undefined
    let next = this.tabs.tabs.length ? this.tabs : parseTabs(this.storedTabs, new Set(this.allFiles().map((f) => f.sha256)))
    next = openTab(next, p.sha)
    if (p.page) next = rememberPage(next, p.sha, p.page)
    this.setTabs(next, false)
    if (p.q) this.query = { sha: p.sha, q: p.q }
    if (p.annotation) {
      this.activeId = p.annotation
      this.reveal = { sha: p.sha, id: p.annotation }
    }
  }

  /** Once an annotation's place in the open version is known, the viewer goes there. */
  private revealPending(): void {
    const r = this.reveal
    if (!r) return
    const entry = this.annotations?.get(r.id)
    const file = this.fileBySha(r.sha)
    if (!entry || !file) return
    const placement = this.placementOf(entry, file)
    if (!placement) return
    this.reveal = undefined
    if (placement.status !== 'detached') this.setTabs(rememberPage(this.tabs, r.sha, placement.page), false)
  }

  private trackedItems(): { item: AgendaItem; documentId: string }[] {
    const out: { item: AgendaItem; documentId: string }[] = []
    for (const ctl of [this.parts.meeting, this.parts.confidential] as const) {
      const handle = ctl.handle
      if (handle) for (const item of ctl.doc?.agendaItems ?? []) out.push({ item, documentId: handle.documentId })
    }
    return out
  }

  private allFiles(): MeetingFile[] {
    return this.parts.files()
  }

  /** A file of the meeting, or another version of an item's attachment (through its paper). */
  private fileBySha(sha: string): MeetingFile | undefined {
    const listed = this.allFiles().find((f) => f.sha256 === sha)
    if (listed) return listed
    const located = this.fileStatus.locate(sha)
    if (!located) return undefined
    const item = located.item
    return {
      sha256: sha,
      ref: { ...located.ref, version: located.version.version },
      documentId: located.documentId,
      fileKey: located.file.key,
      group: item?.public === false ? 'confidential' : 'public',
      item: item && { id: item.id, number: item.number, title: item.title },
      label: `${item ? `${item.number} ${item.title} – ` : ''}${located.ref.name} (${located.version.version})`,
    }
  }

  private async loadFile(sha: string): Promise<void> {
    if (this.bytes.has(sha) || this.loadingFiles.has(sha) || this.fileErrors.has(sha)) return
    const file = this.fileBySha(sha)
    if (!file) return
    this.loadingFiles.add(sha)
    this.requestUpdate()
    try {
      const blob = await this.session.files.open(file.ref, [file.documentId])
      const data = new Uint8Array(await blob.arrayBuffer())
      if (this.tabs.tabs.includes(sha)) this.bytes.set(sha, data)
      this.markRead(file)
    } catch (e) {
      this.fileErrors.set(sha, describeError(e))
    } finally {
      this.loadingFiles.delete(sha)
      this.requestUpdate()
    }
  }

  /** Records which version of the file the user opened ("geändert seit Sie es gelesen haben"). */
  private markRead(file: MeetingFile): void {
    if (this.markedRead.has(file.sha256)) return
    this.markedRead.add(file.sha256)
    const located = this.fileStatus.locate(file.sha256)
    void this.session.fileVersions.markRead(this.meetingId, located?.file.key ?? file.fileKey, located?.version.version ?? file.ref.version ?? 1, file.sha256)
  }

  private retry(sha: string): void {
    this.fileErrors.delete(sha)
    this.requestUpdate()
  }

  // --- tabs, picker, panes ---------------------------------------------------------------------

  private activate(sha: string): void {
    this.setTabs(openTab(this.tabs, sha))
  }

  private close(sha: string): void {
    this.setTabs(closeTab(this.tabs, sha))
    this.fileErrors.delete(sha)
    if (!this.tabs.active) return
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${idOf(this.tabs.active!)}`)?.focus())
  }

  private onTabKey(e: KeyboardEvent): void {
    const tabs = this.tabs.tabs
    const index = tabs.indexOf(this.tabFocus || this.tabs.active || '')
    let next: string | undefined
    if (e.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length]
    else if (e.key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length]
    else if (e.key === 'Home') next = tabs[0]
    else if (e.key === 'End') next = tabs[tabs.length - 1]
    else if (e.key === 'Delete' && this.tabFocus) {
      e.preventDefault()
      this.close(this.tabFocus)
      return
    }
    if (!next) return
    e.preventDefault()
    this.tabFocus = next
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${idOf(next)}`)?.focus())
  }

  private pick(sha: string, where: 'tab' | 'split'): void {
    this.setTabs(where === 'tab' ? openTab(this.tabs, sha) : openInSplit(this.tabs, sha))
    this.pickerOpen = false
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(where === 'tab' ? `#tab-${idOf(sha)}` : '#pane-split h2')?.focus())
  }

  private onPickerKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return
    e.preventDefault()
    this.pickerOpen = false
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#picker-toggle')?.focus())
  }

  // --- annotations -----------------------------------------------------------------------------

  private entries(): AnnotationEntry[] {
    return this.annotations?.entries() ?? []
  }

  private belongsTo(entry: AnnotationEntry, file: MeetingFile): boolean {
    const target = entry.annotation.target
    return target.sha256 === file.sha256 || target.fileKey === file.fileKey
  }

  private placementOf(entry: AnnotationEntry, file: MeetingFile): Placement | undefined {
    const a = entry.annotation
    const key = `${a.id}|${a.updatedAt ?? a.createdAt}|${file.sha256}`
    if (this.placements.has(key)) return this.placements.get(key)
    const placement = placeAnnotation(a, file.sha256, this.texts.get(file.sha256))
    if (placement) this.placements.set(key, placement)
    return placement
  }

  private viewerAnnotations(file: MeetingFile): ViewerAnnotation[] {
    const out: ViewerAnnotation[] = []
    for (const entry of this.entries()) {
      if (!this.belongsTo(entry, file)) continue
      const p = this.placementOf(entry, file)
      if (!p || p.status === 'detached') continue
      const a = entry.annotation
      out.push({
        id: a.id,
        kind: a.kind,
        color: a.color,
        page: p.page,
        start: p.start,
        end: p.end,
        rects: p.rects,
        ink: a.ink,
        text: a.text,
        authorName: entry.mine ? undefined : a.authorName,
      })
    }
    return out
  }

  /** Page texts of a version are extracted only when annotations of another version need them. */
  private onDocumentLoaded(file: MeetingFile, e: Event): void {
    const needs = this.entries().some((en) => this.belongsTo(en, file) && en.annotation.target.sha256 !== file.sha256)
    if (!needs || this.texts.has(file.sha256)) return
    const viewer = e.currentTarget as PdfViewer
    void viewer.pageTexts().then((texts) => {
      this.texts.set(file.sha256, texts)
      this.markDetached(file)
      this.requestUpdate()
    })
  }

  /** Own annotations whose text is gone from the current version are marked detached (stored). */
  private markDetached(file: MeetingFile): void {
    const located = this.fileStatus.locate(file.sha256)
    const isCurrent = !located || located.file.versions[located.file.versions.length - 1]?.sha256 === file.sha256
    if (!isCurrent || !this.annotations) return
    for (const entry of this.entries()) {
      if (!entry.mine || !this.belongsTo(entry, file) || entry.annotation.target.sha256 === file.sha256) continue
      const detached = this.placementOf(entry, file)?.status === 'detached'
      if (detached !== !!entry.annotation.detached) this.annotations.update(entry.annotation.id, { detached: detached || undefined })
    }
  }

  private async onCreate(file: MeetingFile, e: CustomEvent<AnnotationDraft>): Promise<void> {
    if (!this.annotations) return
    const draft = e.detail
    const input: AnnotationInput = { ...draft, target: { fileKey: file.fileKey, sha256: file.sha256, name: file.ref.name } }
    try {
      const a = await this.annotations.create(input)
      this.activeId = a.id
      this.editingId = a.id
      this.focusEditor = draft.kind === 'note'
      this.editor = { busy: false, status: '', error: '' }
      this.panelOpen = true
      await this.updateComplete
      this.list?.reveal(a.id)
    } catch (err) {
      console.error('annotation not saved', err)
      this.panelMessage = err instanceof Error ? err.message : String(err)
    }
  }

  private get list(): AnnotationList | null {
    return this.renderRoot.querySelector('rt-annotation-list')
  }

  private onActivate(e: CustomEvent<{ id: string }>): void {
    this.activeId = e.detail.id
    this.editingId = e.detail.id
    this.focusEditor = false
    this.editor = { busy: false, status: '', error: '' }
    this.panelOpen = true
    this.list?.reveal(e.detail.id)
  }

  private onEdit(e: CustomEvent<{ id: string }>): void {
    this.editingId = e.detail.id
    this.focusEditor = false
    this.editor = { busy: false, status: '', error: '' }
    if (e.detail.id) this.activeId = e.detail.id
  }

  /** An edit of an annotation shown on another version moves its anchor to the open version. */
  private onChange(e: CustomEvent<{ id: string; patch: AnnotationPatch }>): void {
    const entry = this.annotations?.get(e.detail.id)
    if (!entry?.mine || !this.annotations) return
    let patch: AnnotationPatch = e.detail.patch
    for (const sha of [this.tabs.active, this.tabs.split]) {
      const file = sha ? this.fileBySha(sha) : undefined
      if (!file || !this.belongsTo(entry, file) || entry.annotation.target.sha256 === file.sha256) continue
      const update = anchorUpdate(entry.annotation, this.placementOf(entry, file), { sha256: file.sha256, name: file.ref.name })
      if (update) patch = { ...update, ...patch }
      break
    }
    this.annotations.update(e.detail.id, patch)
  }

  private onDelete(e: CustomEvent<{ id: string }>): void {
    this.annotations?.remove(e.detail.id)
    if (this.editingId === e.detail.id) this.editingId = ''
    if (this.activeId === e.detail.id) this.activeId = ''
    this.panelMessage = trd('editor.deleted')
  }

  private async onShare(e: CustomEvent<{ id: string }>, share: boolean): Promise<void> {
    if (!this.annotations) return
    this.editor = { busy: true, status: '', error: '' }
    try {
      if (share) await this.annotations.share(e.detail.id)
      else await this.annotations.unshare(e.detail.id)
      this.editor = { busy: false, status: share ? trd('editor.sharedNow') : trd('editor.unsharedNow'), error: '' }
    } catch (err) {
      const error =
        err instanceof ShareError
          ? err.problem === 'needs-connection'
            ? trd('share.needsConnection')
            : err.problem === 'no-faction'
              ? trd('share.noFaction')
              : trd('share.failed', { reason: err.message })
          : trd('share.failed', { reason: err instanceof Error ? err.message : String(err) })
      this.editor = { busy: false, status: '', error }
    }
  }

  /** "Auf Seite N öffnen" inside the reader: no navigation, the tab and page change in place. */
  private onOpenAnnotation(e: CustomEvent<{ id: string; page: number }>): void {
    const entry = this.annotations?.get(e.detail.id)
    const file = entry ? fileForAnnotation(this.allFiles(), entry.annotation.target) : undefined
    if (!entry || !file) return
    e.preventDefault()
    let next = openTab(this.tabs, file.sha256)
    if (this.tabs.split === file.sha256) next = { ...this.tabs }
    next = rememberPage(next, file.sha256, e.detail.page)
    this.setTabs(next)
    this.activeId = entry.annotation.id
    this.reveal = { sha: file.sha256, id: entry.annotation.id }
    void this.updateComplete.then(() => {
      const pane = this.tabs.split === file.sha256 ? '#pane-split' : '#pane-main'
      this.renderRoot.querySelector<PdfViewer>(`${pane} rt-pdf-viewer`)?.focusPage()
    })
  }

  private listItems(): AnnotationListItem[] {
    const files = this.allFiles()
    const visible = [this.tabs.active, this.tabs.split].filter((s): s is string => !!s).map((s) => this.fileBySha(s)).filter((f): f is MeetingFile => !!f)
    return this.entries().map((entry) => {
      const a = entry.annotation
      const file = visible.find((f) => this.belongsTo(entry, f)) ?? fileForAnnotation(files, a.target)
      const placement = file && visible.includes(file) ? this.placementOf(entry, file) : undefined
      const page = placement && placement.status !== 'detached' ? placement.page : a.page
      return {
        entry,
        fileLabel: file?.label ?? a.target.name,
        href: file ? hrefFor({ name: 'file', meetingId: this.meetingId, sha256: file.sha256, page, annotation: a.id }) : undefined,
        page,
        status: placement?.status,
        shareable: isShareable(file),
      }
    })
  }

  // --- rendering -------------------------------------------------------------------------------

  private downloadHref(sha: string): string | undefined {
    const data = this.bytes.get(sha)
    if (!data) return undefined
    if (this.downloadUrl?.sha === sha) return this.downloadUrl.url
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl.url)
    this.downloadUrl = { sha, url: URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: this.fileBySha(sha)?.ref.mime || 'application/pdf' })) }
    return this.downloadUrl.url
  }

  private downloadName(file: MeetingFile): string {
    const doc = this.parts.meeting.doc
    return displayFileName(
      { meetingStart: doc?.start, bodyName: doc?.organization?.shortName || doc?.organization?.name, itemNumber: file.item?.number, title: file.item?.title },
      file.ref.name,
      file.ref.mime,
    )
  }

  private renderViewer(file: MeetingFile, pane: 'main' | 'split') {
    const sha = file.sha256
    const error = this.fileErrors.get(sha)
    if (error)
      return html`<p class="notice error" role="alert">${error}</p>
        <button type="button" @click=${() => this.retry(sha)}>${t('meeting.retry')}</button>`
    const data = this.bytes.get(sha)
    if (!data) return html`<p role="status">${t('pdf.loading')}</p>`
    const otherVersion = this.entries().some((e) => this.belongsTo(e, file) && e.annotation.target.sha256 !== sha)
    return html`${otherVersion ? html`<p class="muted small">${trd('reader.otherVersion')}</p>` : nothing}
    ${keyed(
      `${pane}:${sha}`,
      html`<rt-pdf-viewer
        .data=${data}
        file-name=${file.ref.name}
        .page=${this.tabs.pages?.[sha] ?? 1}
        .query=${this.query?.sha === sha ? this.query.q : ''}
        .annotations=${this.viewerAnnotations(file)}
        active-id=${this.activeId}
        can-annotate
        @document-loaded=${(e: Event) => this.onDocumentLoaded(file, e)}
        @page-change=${(e: CustomEvent<{ page: number }>) => this.setTabs(rememberPage(this.tabs, sha, e.detail.page), false)}
        @annotation-create=${(e: CustomEvent<AnnotationDraft>) => void this.onCreate(file, e)}
        @annotation-activate=${this.onActivate}
      ></rt-pdf-viewer>`,
    )}`
  }

  private renderTabs(files: Map<string, MeetingFile>) {
    if (this.tabs.tabs.length < 1) return nothing
    return html`<div class="tablist" role="tablist" aria-label=${trd('reader.tabs')} @keydown=${this.onTabKey}>
      ${this.tabs.tabs.map((sha) => {
        const file = files.get(sha) ?? this.fileBySha(sha)
        const selected = sha === this.tabs.active
        const focusable = sha === (this.tabFocus || this.tabs.active)
        return html`<button
          type="button"
          role="tab"
          id=${`tab-${idOf(sha)}`}
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="pane-main"
          tabindex=${focusable ? 0 : -1}
          class=${sha === this.tabs.split ? 'in-split' : ''}
          title=${file?.label ?? sha}
          @click=${() => this.activate(sha)}
        >
          ${file?.ref.name ?? sha.slice(0, 8)}${sha === this.tabs.split ? html`<span class="visually-hidden"> (${trd('reader.split')})</span>` : nothing}
        </button>`
      })}
    </div>`
  }

  private renderPicker(files: MeetingFile[]) {
    if (!this.pickerOpen) return nothing
    const groups: [FileGroup, string][] = [
      ['meeting', trd('reader.groupMeeting')],
      ['public', trd('reader.groupPublic')],
      ['confidential', trd('reader.groupConfidential')],
      ['upload', trd('reader.groupUploads')],
    ]
    return html`<div class="picker" id="picker" role="region" aria-label=${trd('reader.picker')} @keydown=${this.onPickerKey}>
      ${files.length === 0 ? html`<p>${trd('reader.noFiles')}</p>` : nothing}
      ${groups.map(([group, title]) => {
        const list = files.filter((f) => f.group === group)
        if (!list.length) return nothing
        return html`<h2 class="group-title">${title}</h2>
          <ul>
            ${list.map(
              (f) => html`<li>
                <span class="file-label">${f.label}${this.tabs.tabs.includes(f.sha256) ? html` <span class="open-mark">(${trd('reader.isOpen')})</span>` : nothing}</span>
                <span class="file-actions">
                  <button type="button" @click=${() => this.pick(f.sha256, 'tab')}>${trd('reader.openTab')}<span class="visually-hidden"> ${f.label}</span></button>
                  <button type="button" @click=${() => this.pick(f.sha256, 'split')}>${trd('reader.openSplit')}<span class="visually-hidden"> ${f.label}</span></button>
                </span>
              </li>`,
            )}
          </ul>`
      })}
    </div>`
  }

  private renderPanel() {
    if (!this.panelOpen) return nothing
    const items = this.listItems()
    return html`<aside class="panel" id="annotations-panel" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading">${trd('reader.annotations')} <span class="count">(${items.length})</span></h2>
      <p class="visually-hidden" role="status">${this.panelMessage}</p>
      <rt-annotation-list
        .items=${items}
        editing-id=${this.editingId}
        active-id=${this.activeId}
        ?focus-editor=${this.focusEditor}
        .editor=${this.editor}
        faction-name=${this.annotations?.factionName ?? ''}
        heading-level="3"
        @annotation-edit=${this.onEdit}
        @annotation-open=${this.onOpenAnnotation}
        @annotation-change=${this.onChange}
        @annotation-delete=${this.onDelete}
        @annotation-share=${(e: CustomEvent<{ id: string }>) => void this.onShare(e, true)}
        @annotation-unshare=${(e: CustomEvent<{ id: string }>) => void this.onShare(e, false)}
      ></rt-annotation-list>
    </aside>`
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${t('pdf.close')}</a>`
    const phase = this.parts.phase
    if (phase === 'loading') return html`${back}<h1 tabindex="-1">${t('pdf.loading')}</h1>`
    if (phase === 'missing') return html`${back}<h1 tabindex="-1">${t('meeting.notFound')}</h1><p>${t('meeting.notFound.text')}</p>`
    const meeting = this.parts.meeting.doc
    if (phase === 'unavailable' || !meeting)
      return html`${back}<h1 tabindex="-1">${this.parts.docs?.meeting?.meta?.name ?? t('meeting.notFound')}</h1>
        <p class="notice" role="status">${t('meeting.unavailable')}</p>`
    const files = this.allFiles()
    const byId = new Map(files.map((f) => [f.sha256, f]))
    const active = this.tabs.active ? this.fileBySha(this.tabs.active) : undefined
    const split = this.tabs.split ? this.fileBySha(this.tabs.split) : undefined
    const notFound = !!this.pending && !active && this.parts.confidentialState !== 'loading' && this.tabsLoaded
    const download = active ? this.downloadHref(active.sha256) : undefined
    return html`
      ${back}
      <h1 tabindex="-1" class="file-title">${active?.ref.name ?? (notFound ? t('pdf.notFound') : t('pdf.loading'))}</h1>
      <p class="subtitle">
        ${meeting.name}${active
          ? html` · ${formatFileSize(active.ref.size)}${active.ref.pages ? html` · ${formatPages(active.ref.pages)}` : nothing}`
          : nothing}
      </p>
      ${notFound ? html`<p class="notice error" role="alert">${t('pdf.notFound')}</p>` : nothing}
      <div class="bar">
        <button type="button" id="picker-toggle" aria-expanded=${this.pickerOpen ? 'true' : 'false'} aria-controls=${this.pickerOpen ? 'picker' : nothing} @click=${() => (this.pickerOpen = !this.pickerOpen)}>
          ${trd('reader.pickerOpen')}
        </button>
        <button type="button" aria-expanded=${this.panelOpen ? 'true' : 'false'} aria-controls=${this.panelOpen ? 'annotations-panel' : nothing} @click=${() => (this.panelOpen = !this.panelOpen)}>
          ${this.panelOpen ? trd('reader.hideAnnotations') : trd('reader.showAnnotations')}
        </button>
        ${active && download ? html`<a class="button" href=${download} download=${this.downloadName(active)}>${t('pdf.download')}</a>` : nothing}
      </div>
      ${this.renderPicker(files)} ${this.renderTabs(byId)}
      <div class="workspace ${split ? 'split' : ''} ${this.panelOpen ? 'with-panel' : ''}">
        ${active
          ? html`<section class="pane" id="pane-main" role="tabpanel" aria-labelledby=${`tab-${idOf(active.sha256)}`}>
              <div class="pane-head">
                <span class="pane-name">${active.label}</span>
                <button type="button" class="small" @click=${() => this.close(active.sha256)}>
                  ${trd('reader.closeTab')}<span class="visually-hidden">: ${active.ref.name}</span>
                </button>
              </div>
              ${this.renderViewer(active, 'main')}
            </section>`
          : nothing}
        ${split
          ? html`<section class="pane" id="pane-split" aria-labelledby="split-heading">
              <div class="pane-head">
                <h2 id="split-heading" class="pane-name" tabindex="-1"><span class="visually-hidden">${trd('reader.split')}: </span>${split.label}</h2>
                <button type="button" class="small" @click=${() => this.setTabs(swapPanes(this.tabs))}>${trd('reader.swap')}</button>
                <button type="button" class="small" @click=${() => this.setTabs(closeSplit(this.tabs))}>${trd('reader.closeSplit')}</button>
              </div>
              ${this.renderViewer(split, 'split')}
            </section>`
          : nothing}
        ${this.renderPanel()}
      </div>
    `
  }
}

customElements.define('rt-reader-view', ReaderView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-reader-view': ReaderView
  }
}
