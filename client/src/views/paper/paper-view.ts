/**
 * One paper (Vorlage): facts, the workflow (state, next steps as commands, co-signing status),
 * the sections in collaborative editors, the Beratungsfolge, attachments with versions, the PDF
 * (made on this device, also offline, or by the relay) and the history (Verlauf).
 *
 * Editing rights follow the workflow state (paper-rules.ts); the relay checks them again for
 * every change, and workflow steps are commands it executes (queued while offline).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { updateText } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import {
  CONSULTATION_RESULTS,
  CONSULTATION_ROLES,
  availableActions,
  canAddFiles,
  canEditSections,
  derivePaperWorkflow,
  nextConsultation,
  paperRolesOf,
  workflowOf,
  type Attachment,
  type ConsultationRole,
  type DerivedWorkflow,
  type FileVersion,
  type HistoryEntry,
  type PaperDoc,
  type PaperListEntry,
  type WorkflowRole,
} from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import '../../components/rich-text-editor/rich-text-editor.ts'
import { DocController } from '../../controllers/doc-controller.ts'
import { formatFileSize, formatShortDate, formatTime } from '../../i18n/format.ts'
import { t, type MessageKey } from '../../i18n/messages.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { paperViewStyles } from './paper-view.styles.ts'

type Phase = 'loading' | 'ready' | 'missing' | 'unavailable'

interface Organization {
  id: string
  name: string
  organizationType: string
}

interface Department {
  id: string
  name: string
}

/** Steps that need more input before they are sent. */
const NEEDS_COMMENT = new Set(['return-to-draft', 'return-cosigning', 'withdraw'])
const NEEDS_DEPARTMENTS = new Set(['request-cosigning', 'share'])

export function actionLabel(action: string): string {
  const key = `paper.action.${action}` as MessageKey
  const text = t(key)
  return text === key ? action : text
}

export class PaperView extends LitElement {
  static override styles = [themeStyles, paperViewStyles]
  static override properties = {
    session: { attribute: false },
    paperId: { type: String, attribute: 'paper-id' },
    phase: { state: true },
    entry: { state: true },
    form: { state: true },
    formError: { state: true },
    announcement: { state: true },
    pending: { state: true },
    organizations: { state: true },
    departments: { state: true },
    uploadBusy: { state: true },
    uploadError: { state: true },
    pdfBusy: { state: true },
    pdfLink: { state: true },
    online: { state: true },
  }

  declare session: Session
  declare paperId: string
  declare phase: Phase
  declare entry: PaperListEntry | undefined
  /** the step whose form is open */
  declare form: string | undefined
  declare formError: string
  declare announcement: string
  declare pending: string[]
  declare organizations: Organization[]
  declare departments: Department[]
  declare uploadBusy: boolean
  declare uploadError: string
  declare pdfBusy: boolean
  declare pdfLink: { url: string; name: string } | undefined
  declare online: boolean

  private readonly paper = new DocController<PaperDoc>(this)
  private loadSeq = 0
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.paperId = ''
    this.phase = 'loading'
    this.formError = ''
    this.announcement = ''
    this.pending = []
    this.organizations = []
    this.departments = []
    this.uploadBusy = false
    this.uploadError = ''
    this.pdfBusy = false
    this.online = navigator.onLine
  }

  override connectedCallback(): void {
    super.connectedCallback()
    const onOnline = () => (this.online = navigator.onLine)
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOnline)
    this.offs.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOnline),
      this.session.papers.on('answered', ({ paperId, result, action: step }) => {
        if (paperId !== this.paperId) return
        void this.refreshPending()
        const action = actionLabel(step)
        this.announcement = result.applied ? t('paper.answer.applied', { action }) : t('paper.answer.refused', { action, reason: result.reason ?? '' })
      }),
      this.session.outbox.on('change', () => void this.refreshPending()),
      this.session.repo.on('relay', ({ connected }) => {
        if (connected && (this.phase === 'unavailable' || this.phase === 'missing')) void this.load()
      }),
    )
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
    if (this.pdfLink) URL.revokeObjectURL(this.pdfLink.url)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('paperId')) void this.load()
  }

  protected override updated(): void {
    document.title = `${this.paper.doc?.name ?? t('paper.loading')} – ${t('app.name')}`
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq
    if (!this.paperId) return
    if (this.phase !== 'ready') this.phase = 'loading'
    void this.loadLookups()
    let entry: PaperListEntry | undefined
    try {
      entry = await this.session.papers.entry(this.paperId)
    } catch (e) {
      if (seq !== this.loadSeq) return
      this.phase = e instanceof ApiError && e.status === 404 ? 'missing' : 'unavailable'
      return
    }
    if (seq !== this.loadSeq || !entry) return
    this.entry = entry
    await this.refreshPending()
    try {
      const handle = await this.session.papers.open(entry, navigator.onLine ? 20_000 : 4000)
      if (seq !== this.loadSeq) return
      this.paper.setHandle(handle)
      this.session.tracker.watch(handle as DocHandle<unknown>)
      this.phase = 'ready'
    } catch (e) {
      if (seq !== this.loadSeq) return
      console.warn('paper: cannot open document', e)
      this.phase = 'unavailable'
    }
  }

  /** Bodies and departments to choose from: from the relay, remembered for offline use. */
  private async loadLookups(): Promise<void> {
    const remember = async <T>(key: string, path: string, pick: (body: unknown) => T[]): Promise<T[]> => {
      try {
        const list = pick(await this.session.api.getJson(path, { timeoutMs: 8000 }))
        await this.session.db.kv.put({ key, value: JSON.stringify(list) })
        return list
      } catch {
        const cached = await this.session.db.kv.get(key)
        return cached ? (JSON.parse(cached.value) as T[]) : []
      }
    }
    this.organizations = await remember<Organization>('lookup:organizations', '/api/structure/organizations', (b) =>
      ((b as { organizations?: Organization[] }).organizations ?? []).filter((o) => o.organizationType === 'Gremium'),
    )
    if (this.session.me.roles.some((r) => r !== 'member')) {
      this.departments = await remember<Department>('lookup:departments', '/api/structure/departments', (b) =>
        ((b as { departments?: Array<Department & { active?: boolean }> }).departments ?? []).filter((d) => d.active !== false),
      )
    }
  }

  private async refreshPending(): Promise<void> {
    this.pending = (await this.session.papers.pending(this.paperId)).map((c) => c.command.action)
  }

  private get handle(): DocHandle<PaperDoc> | undefined {
    return this.paper.handle
  }

  private roles(doc: PaperDoc, derived: DerivedWorkflow): WorkflowRole[] {
    const me = this.session.me
    return paperRolesOf({ userId: me.id, roles: me.roles, departmentId: me.departmentId }, doc, derived)
  }

  private change(fn: (d: PaperDoc) => void): void {
    const handle = this.handle
    if (handle) this.session.tracker.change(handle, fn)
  }

  // --- workflow -----------------------------------------------------------------------------

  private async send(action: string, extra: { comment?: string; departments?: string[]; dueDate?: string; consultationId?: string; result?: string } = {}): Promise<void> {
    await this.session.papers.command(this.paperId, { action, ...extra })
    this.form = undefined
    this.formError = ''
    await this.refreshPending()
    if (!navigator.onLine) this.announcement = t('paper.pending', { action: actionLabel(action) })
    this.session.sync()
  }

  private async openForm(action: string): Promise<void> {
    if (!NEEDS_COMMENT.has(action) && !NEEDS_DEPARTMENTS.has(action)) return this.send(action)
    this.form = action
    this.formError = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('.step-form input, .step-form textarea')?.focus()
  }

  private async submitForm(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const action = this.form
    if (!action) return
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const comment = String(data.get('comment') ?? '').trim()
    const departments = data.getAll('departments').map(String)
    if (NEEDS_COMMENT.has(action) && !comment) {
      this.formError = t('paper.comment.required')
      return
    }
    if (NEEDS_DEPARTMENTS.has(action) && departments.length === 0) {
      this.formError = t('paper.departments.required')
      return
    }
    const dueDate = String(data.get('dueDate') ?? '')
    await this.send(action, { ...(comment ? { comment } : {}), ...(departments.length ? { departments } : {}), ...(dueDate ? { dueDate } : {}) })
  }

  private cancelForm(): void {
    const action = this.form
    this.form = undefined
    this.formError = ''
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus())
  }

  // --- consultations --------------------------------------------------------------------------

  private addConsultation(e: SubmitEvent): void {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const org = this.organizations.find((o) => o.id === data.get('organizationId'))
    const role = String(data.get('role')) as ConsultationRole
    if (!org || !(CONSULTATION_ROLES as readonly string[]).includes(role)) return
    const id = `c-${crypto.getRandomValues(new Uint32Array(2)).join('')}`
    this.change((d) => {
      d.consultations.push({ id, organizationId: org.id, organizationName: org.name, role })
    })
  }

  private moveConsultation(index: number, delta: number): void {
    this.change((d) => {
      const target = index + delta
      if (target < 0 || target >= d.consultations.length) return
      const [a, b] = [d.consultations[index], d.consultations[target]]
      if (a.result || b.result) return
      const copy = (c: typeof a) => JSON.parse(JSON.stringify(c)) as typeof a
      const [ca, cb] = [copy(a), copy(b)]
      d.consultations.splice(Math.min(index, target), 2, ...(delta > 0 ? [cb, ca] : [ca, cb]))
    })
  }

  private removeConsultation(index: number): void {
    this.change((d) => {
      if (!d.consultations[index]?.result) d.consultations.splice(index, 1)
    })
  }

  private async recordResult(e: SubmitEvent, consultationId: string): Promise<void> {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const result = String(data.get('result'))
    const comment = String(data.get('note') ?? '').trim()
    await this.send('consultation-result', { consultationId, result, ...(comment ? { comment } : {}) })
  }

  // --- attachments ----------------------------------------------------------------------------

  private async upload(e: SubmitEvent, attachment?: Attachment): Promise<void> {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const file = data.get('file')
    const title = String(data.get('title') ?? attachment?.title ?? '').trim()
    const comment = String(data.get('comment') ?? '').trim()
    const handle = this.handle
    if (!(file instanceof File) || file.size === 0 || !title || !handle) {
      this.uploadError = t('paper.attachment.file')
      return
    }
    this.uploadBusy = true
    this.uploadError = ''
    try {
      const res = await this.session.api.request(`/api/files?doc=${encodeURIComponent(handle.documentId)}`, {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
        body: file,
        timeoutMs: 120_000,
      })
      const stored = (await res.json()) as { sha256: string; size: number; mime: string }
      const me = this.session.me
      this.change((d) => {
        let target = attachment ? d.attachments.find((a) => a.id === attachment.id) : undefined
        if (!target) {
          d.attachments.push({ id: `a-${stored.sha256.slice(0, 12)}-${d.attachments.length + 1}`, title, versions: [] })
          target = d.attachments[d.attachments.length - 1]
        }
        const version: FileVersion = {
          sha256: stored.sha256,
          name: file.name,
          mime: stored.mime,
          size: stored.size,
          version: target.versions.length + 1,
          uploadedAt: new Date().toISOString(),
          uploadedBy: me.id,
          uploadedByName: me.name,
          comment,
        }
        target.versions.push(version)
      })
      form.reset()
    } catch (err) {
      this.uploadError = isNetworkError(err) ? t('paper.attachment.offline') : err instanceof Error ? err.message : String(err)
    } finally {
      this.uploadBusy = false
    }
  }

  // --- PDF ------------------------------------------------------------------------------------

  private async makePdf(): Promise<void> {
    const doc = this.paper.doc
    if (!doc) return
    this.pdfBusy = true
    try {
      const { renderPaperPdfInBrowser } = await import('./paper-pdf-browser.ts')
      const derived = derivePaperWorkflow(doc)
      const starts = new Map((await this.session.catalogue.meetings()).map((row) => [row.meeting, row.meta?.start]))
      const { bytes, fileName } = await renderPaperPdfInBrowser(
        doc,
        workflowOf(doc).states[derived.state]?.label ?? derived.state,
        await this.session.papers.townName(),
        (id) => starts.get(id),
      )
      if (this.pdfLink) URL.revokeObjectURL(this.pdfLink.url)
      this.pdfLink = { url: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })), name: fileName }
      this.announcement = t('paper.pdf.ready', { name: fileName })
    } catch (e) {
      this.announcement = e instanceof Error ? e.message : String(e)
    } finally {
      this.pdfBusy = false
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  private renderFacts(doc: PaperDoc, derived: DerivedWorkflow) {
    const def = workflowOf(doc)
    return html`<dl class="facts" aria-label=${t('paper.meta')}>
      <dt>${t('paper.type')}</dt>
      <dd>${doc.paperType}</dd>
      <dt>${t('paper.reference')}</dt>
      <dd>${doc.reference || t('paper.noReference')}</dd>
      <dt>${t('paper.state')}</dt>
      <dd><span class="state state-${derived.state}">${def.states[derived.state]?.label ?? derived.state}</span></dd>
      <dt>${t('paper.department')}</dt>
      <dd>${doc.department}</dd>
      <dt>${t('paper.date')}</dt>
      <dd>${formatShortDate(doc.date)}</dd>
      ${doc.sharedWith.length
        ? html`<dt>${t('paper.sharedWith')}</dt>
            <dd>${doc.sharedWith.map((d) => d.name).join(', ')}</dd>`
        : nothing}
    </dl>`
  }

  private renderWorkflow(doc: PaperDoc, derived: DerivedWorkflow, roles: WorkflowRole[]) {
    const def = workflowOf(doc)
    const me = this.session.me
    const actions = availableActions(def, derived, roles, me.departmentId ?? undefined).filter((a) => a !== 'consultation-result')
    const departmentName = (id: string) => this.departments.find((d) => d.id === id)?.name ?? id
    const request = [...derived.history].reverse().find((h) => h.applied && h.event.action === 'request-cosigning')
    return html`<section aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">${t('paper.workflow')}</h2>
      ${this.pending.map((action) => html`<p class="pending">${t('paper.pending', { action: actionLabel(action) })}</p>`)}
      ${Object.keys(derived.cosigning).length
        ? html`<table class="cosigning">
            <caption>
              ${t('paper.cosigning')}${request?.event.dueDate ? html` – ${t('paper.cosigning.due', { date: formatShortDate(request.event.dueDate) })}` : nothing}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('paper.departments')}</th>
                <th scope="col">${t('paper.state')}</th>
              </tr>
            </thead>
            <tbody>
              ${Object.entries(derived.cosigning).map(
                ([dept, status]) => html`<tr>
                  <th scope="row">${departmentName(dept)}</th>
                  <td class="cosign-${status}">${t(`paper.cosigning.${status}` as MessageKey)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      <h3>${t('paper.actions')}</h3>
      ${actions.length
        ? html`<div class="actions">
            ${actions.map(
              (action) => html`<button type="button" data-action=${action} aria-expanded=${this.form === action ? 'true' : nothing} @click=${() => void this.openForm(action)}>
                ${actionLabel(action)}
              </button>`,
            )}
          </div>`
        : html`<p>${t('paper.noActions')}</p>`}
      ${this.form ? this.renderStepForm(this.form, doc) : nothing}
    </section>`
  }

  private renderStepForm(action: string, doc: PaperDoc) {
    const choices = this.departments.filter((d) => d.id !== doc.departmentId)
    return html`<form class="step-form" @submit=${(e: SubmitEvent) => void this.submitForm(e)} aria-labelledby="step-form-title" novalidate>
      <h4 id="step-form-title">${actionLabel(action)}</h4>
      ${NEEDS_DEPARTMENTS.has(action)
        ? html`<fieldset>
              <legend>${t('paper.departments')}</legend>
              ${choices.map(
                (d) => html`<label class="check"><input type="checkbox" name="departments" value=${d.id} />${d.name}</label>`,
              )}
            </fieldset>
            ${action === 'request-cosigning'
              ? html`<label for="due">${t('paper.dueDate')}</label><input id="due" name="dueDate" type="date" />`
              : nothing}`
        : nothing}
      ${NEEDS_COMMENT.has(action)
        ? html`<label for="comment">${t('paper.comment')}</label>
            <textarea id="comment" name="comment" rows="3" required aria-describedby=${this.formError ? 'step-error' : nothing}></textarea>`
        : nothing}
      ${this.formError ? html`<p id="step-error" class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button type="submit">${t('paper.confirm')}</button>
        <button type="button" class="secondary" @click=${() => this.cancelForm()}>${t('paper.cancel')}</button>
      </div>
    </form>`
  }

  private renderSections(doc: PaperDoc, editable: boolean, reason: string) {
    return html`<section aria-labelledby="sections-heading">
      <h2 id="sections-heading">${t('paper.sections')}</h2>
      ${editable ? nothing : html`<p class="readonly-note">${reason}</p>`}
      <div class="field">
        <label for="paper-title">${t('paper.title')}</label>
        <input
          id="paper-title"
          .value=${doc.name}
          ?readonly=${!editable}
          @change=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value.trim()
            if (value) this.change((d) => updateText(d, ['name'], value))
          }}
        />
      </div>
      <div class="field">
        <label for="paper-summary">${t('paper.summary')}</label>
        <textarea
          id="paper-summary"
          rows="2"
          .value=${doc.summary}
          ?readonly=${!editable}
          @input=${(e: Event) => {
            const value = (e.target as HTMLTextAreaElement).value
            this.change((d) => updateText(d, ['summary'], value))
          }}
        ></textarea>
      </div>
      ${doc.sections.map(
        (section, index) => html`<rt-rich-text-editor
          .handle=${this.handle}
          .sectionIndex=${index}
          .label=${section.title}
          .readonly=${!editable}
          .readonlyReason=${reason}
          @input=${() => this.handle && this.session.tracker.markDirty(this.handle as DocHandle<unknown>)}
        ></rt-rich-text-editor>`,
      )}
    </section>`
  }

  private renderConsultations(doc: PaperDoc, derived: DerivedWorkflow, roles: WorkflowRole[], editable: boolean) {
    const next = nextConsultation(doc.consultations)
    const canRecord = roles.includes('clerk') && (derived.state === 'released' || derived.state === 'consultation')
    return html`<section aria-labelledby="consultations-heading">
      <h2 id="consultations-heading">${t('paper.consultations')}</h2>
      ${doc.consultations.length === 0
        ? html`<p>${t('paper.consultations.none')}</p>`
        : html`<ol class="consultations">
            ${doc.consultations.map(
              (c, i) => html`<li>
                <span class="body">${c.organizationName}</span> – <span>${c.role}</span>
                ${c.meetingId ? html` <span class="muted">(${c.meetingId})</span>` : nothing}
                <span class="result ${c.result ? 'has-result' : ''}">${c.result ?? t('paper.consultation.open')}</span>
                ${editable && !c.result
                  ? html`<span class="row-actions">
                      <button type="button" class="icon" aria-label=${t('paper.consultation.up', { body: c.organizationName })} ?disabled=${i === 0} @click=${() => this.moveConsultation(i, -1)}>↑</button>
                      <button type="button" class="icon" aria-label=${t('paper.consultation.down', { body: c.organizationName })} ?disabled=${i === doc.consultations.length - 1} @click=${() => this.moveConsultation(i, 1)}>↓</button>
                      <button type="button" class="icon" aria-label=${t('paper.consultation.remove', { body: c.organizationName })} @click=${() => this.removeConsultation(i)}>✕</button>
                    </span>`
                  : nothing}
                ${canRecord && next?.id === c.id
                  ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => void this.recordResult(e, c.id)}>
                      <fieldset>
                        <legend>${t('paper.consultation.record', { body: c.organizationName })}</legend>
                        <label for="result-${c.id}">${t('paper.consultation.result')}</label>
                        <select id="result-${c.id}" name="result">
                          ${CONSULTATION_RESULTS.map((r) => html`<option value=${r}>${r}</option>`)}
                        </select>
                        <label for="note-${c.id}">${t('paper.consultation.note')}</label>
                        <input id="note-${c.id}" name="note" />
                        <button type="submit">${t('paper.action.consultation-result')}</button>
                      </fieldset>
                    </form>`
                  : nothing}
              </li>`,
            )}
          </ol>`}
      ${editable
        ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.addConsultation(e)}>
            <fieldset>
              <legend>${t('paper.consultation.add')}</legend>
              <label for="c-org">${t('paper.consultation.body')}</label>
              <select id="c-org" name="organizationId" required>
                ${this.organizations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
              </select>
              <label for="c-role">${t('paper.consultation.role')}</label>
              <select id="c-role" name="role">
                ${CONSULTATION_ROLES.map((r) => html`<option value=${r}>${r}</option>`)}
              </select>
              <button type="submit">${t('paper.consultation.add')}</button>
            </fieldset>
          </form>`
        : nothing}
    </section>`
  }

  private renderAttachments(doc: PaperDoc, editable: boolean) {
    const fileHref = (v: FileVersion) => `/api/files/${v.sha256}`
    return html`<section aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">${t('paper.attachments')}</h2>
      ${doc.attachments.length === 0
        ? html`<p>${t('paper.attachments.none')}</p>`
        : html`<ul class="attachments">
            ${doc.attachments.map(
              (a) => html`<li>
                <h3 class="attachment-title">${a.title}</h3>
                <ol class="versions" reversed>
                  ${[...a.versions].reverse().map(
                    (v, i) => html`<li>
                      <a href=${fileHref(v)} download=${v.name}>${v.name}</a>
                      <span>${t('paper.attachment.version', { version: v.version })}${i === 0 ? html` – <strong>${t('paper.attachment.current')}</strong>` : nothing}</span>
                      <span class="muted">${formatFileSize(v.size)} · ${t('paper.attachment.versionBy', { name: v.uploadedByName, date: `${formatShortDate(v.uploadedAt)} ${formatTime(v.uploadedAt)}` })}</span>
                      ${v.comment ? html`<span class="comment">„${v.comment}“</span>` : nothing}
                    </li>`,
                  )}
                </ol>
                ${editable
                  ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => void this.upload(e, a)}>
                      <fieldset>
                        <legend>${t('paper.attachment.newVersion', { title: a.title })}</legend>
                        <label for="v-file-${a.id}">${t('paper.attachment.file')}</label>
                        <input id="v-file-${a.id}" name="file" type="file" accept="application/pdf,image/*" required />
                        <label for="v-comment-${a.id}">${t('paper.attachment.versionComment')}</label>
                        <input id="v-comment-${a.id}" name="comment" />
                        <button type="submit" ?disabled=${this.uploadBusy || !this.online}>${t('paper.attachment.upload')}</button>
                      </fieldset>
                    </form>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
      ${editable
        ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => void this.upload(e)}>
            <fieldset>
              <legend>${t('paper.attachment.add')}</legend>
              <label for="a-title">${t('paper.attachment.title')}</label>
              <input id="a-title" name="title" required />
              <label for="a-file">${t('paper.attachment.file')}</label>
              <input id="a-file" name="file" type="file" accept="application/pdf,image/*" required />
              <button type="submit" ?disabled=${this.uploadBusy || !this.online}>
                ${this.uploadBusy ? t('paper.attachment.uploading') : t('paper.attachment.upload')}
              </button>
            </fieldset>
          </form>`
        : nothing}
      ${!this.online && editable ? html`<p class="muted">${t('paper.attachment.offline')}</p>` : nothing}
      ${this.uploadError ? html`<p class="error" role="alert">${this.uploadError}</p>` : nothing}
    </section>`
  }

  private renderPdf(doc: PaperDoc) {
    return html`<section aria-labelledby="pdf-heading">
      <h2 id="pdf-heading">${t('paper.pdf')}</h2>
      <div class="actions">
        <button type="button" @click=${() => void this.makePdf()} ?disabled=${this.pdfBusy}>${this.pdfBusy ? t('paper.pdf.busy') : t('paper.pdf.local')}</button>
        ${this.pdfLink ? html`<a class="button-link" href=${this.pdfLink.url} download=${this.pdfLink.name}>${this.pdfLink.name}</a>` : nothing}
        ${this.online ? html`<a href="/api/papers/${encodeURIComponent(doc.id)}/pdf" target="_blank" rel="noopener">${t('paper.pdf.server')}</a>` : nothing}
      </div>
    </section>`
  }

  private renderHistoryEntry(h: HistoryEntry) {
    const e = h.event
    const departmentName = (id: string) => this.departments.find((d) => d.id === id)?.name ?? id
    return html`<li class=${h.applied ? '' : 'not-applied'}>
      <time datetime=${e.at}>${formatShortDate(e.at)} ${formatTime(e.at)}</time>
      <span class="what">${actionLabel(e.action)}</span>
      <span class="who">${e.actorName ?? e.actor}</span>
      ${e.department ? html`<span class="muted">(${departmentName(e.department)})</span>` : nothing}
      ${e.departments?.length ? html`<span class="muted">${t('paper.history.departments', { departments: e.departments.map(departmentName).join(', ') })}</span>` : nothing}
      ${e.reference ? html`<span>${t('paper.history.number', { reference: e.reference })}</span>` : nothing}
      ${e.result ? html`<span>${t('paper.history.result', { result: e.result })}</span>` : nothing}
      ${e.comment ? html`<span class="comment">„${e.comment}“</span>` : nothing}
      ${e.clientAt && Math.abs(Date.parse(e.at) - Date.parse(e.clientAt)) > 60_000
        ? html`<span class="muted">${t('paper.history.offline', { time: `${formatShortDate(e.clientAt)} ${formatTime(e.clientAt)}` })}</span>`
        : nothing}
      ${h.applied ? nothing : html`<span class="reason">${t('paper.history.notApplied', { reason: h.reason ?? '' })}</span>`}
    </li>`
  }

  private renderHistory(doc: PaperDoc, derived: DerivedWorkflow) {
    return html`<section aria-labelledby="history-heading">
      <h2 id="history-heading">${t('paper.history')}</h2>
      <ol class="history">
        <li>
          <time datetime=${doc.createdAt}>${formatShortDate(doc.createdAt)} ${formatTime(doc.createdAt)}</time>
          <span class="what">${t('paper.history.created', { name: doc.createdBy === this.session.me.id ? this.session.me.name : doc.department })}</span>
        </li>
        ${derived.history.map((h) => this.renderHistoryEntry(h))}
      </ol>
    </section>`
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'papers' })}>← ${t('paper.back')}</a>`
    if (this.phase === 'loading') return html`${back}<p role="status">${t('paper.loading')}</p>`
    if (this.phase === 'missing')
      return html`${back}<h1>${t('paper.notFound')}</h1>
        <p>${t('paper.notFound.text')}</p>`
    const doc = this.paper.doc
    if (this.phase === 'unavailable' || !doc)
      return html`${back}<h1>${this.entry?.name ?? t('paper.notFound')}</h1>
        <p role="status">${t('paper.unavailable')}</p>`
    const derived = derivePaperWorkflow(doc)
    const roles = this.roles(doc, derived)
    const def = workflowOf(doc)
    // a step waiting in the outbox may change the state: no edits until the relay answered
    const editable = canEditSections(def, derived.state, roles) && this.pending.length === 0
    // the office keeps a released paper's files current (new versions reach the meetings)
    const filesEditable = canAddFiles(def, derived.state, roles) && this.pending.length === 0
    const reason = roles.length ? t('paper.readonly.state', { state: def.states[derived.state]?.label ?? derived.state }) : t('paper.readonly.access')
    return html`${back}
      <p class="kicker">${doc.paperType} · ${doc.reference || t('paper.noReference')}</p>
      <h1>${doc.name}</h1>
      ${this.renderFacts(doc, derived)}
      <div class="live" role="status" aria-live="polite">${this.announcement}</div>
      ${this.handle && this.session.tracker.isDirty(this.handle.documentId) ? html`<p class="pending">${t('paper.localOnly')}</p>` : nothing}
      ${this.renderWorkflow(doc, derived, roles)} ${this.renderSections(doc, editable, reason)}
      ${this.renderConsultations(doc, derived, roles, editable)} ${this.renderAttachments(doc, filesEditable)} ${this.renderPdf(doc)}
      ${this.renderHistory(doc, derived)}`
  }
}

customElements.define('rt-paper-view', PaperView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-paper-view': PaperView
  }
}
