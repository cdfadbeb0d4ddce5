/**
 * Beschlusskontrolle (/app/resolutions): the resolutions the user may read, filtered by body,
 * status and "overdue". The office assigns the responsible department / person and a due date;
 * the office and the responsible department add progress reports (status + text) whose history
 * is listed. Members read their bodies' resolutions. The list is remembered for offline reading.
 */
import { LitElement, css, html, nothing } from 'lit'
import { RESOLUTION_STATUSES, type ResolutionEntry, type ResolutionStatus } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatLongDate, formatShortDate, formatTime, townDay } from '../../i18n/format.ts'
import { tr } from '../../i18n/messages-resolutions.ts'
import { t } from '../../i18n/messages.ts'
import { isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { describeError, fetchCached, loadResolutions, newCommandId } from './outcomes-data.ts'

interface Department {
  id: string
  name: string
  active?: boolean
}

const isOffice = (roles: readonly string[]) => roles.includes('clerk') || roles.includes('admin')
const isStaff = (roles: readonly string[]) => roles.some((r) => r === 'clerk' || r === 'admin' || r === 'author' || r === 'approver')

export function isOverdue(r: Pick<ResolutionEntry, 'dueDate' | 'status'>, today = townDay(new Date())): boolean {
  return !!r.dueDate && r.dueDate < today && (r.status === 'offen' || r.status === 'in Arbeit')
}

export class ResolutionsView extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.8rem 1.2rem;
        align-items: end;
        border: 1px solid var(--rt-line);
        border-radius: var(--rt-radius);
        padding: 0.4rem 1rem 0.8rem;
        margin: 0.8rem 0;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      .check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      ol.list {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.8rem;
      }
      article {
        overflow-wrap: break-word;
        border: 1px solid var(--rt-line);
        border-radius: var(--rt-radius);
        padding: 0.6rem 1rem;
        background: var(--rt-surface);
      }
      article h2 {
        margin: 0.1rem 0 0.3rem;
        font-size: 1.15rem;
      }
      .meta {
        color: var(--rt-muted);
        margin: 0 0 0.4rem;
      }
      .badge {
        display: inline-block;
        border: 1px solid currentColor;
        border-radius: 0.8rem;
        padding: 0 0.5rem;
        font-size: 0.9rem;
      }
      .badge.overdue {
        color: var(--rt-error);
        font-weight: 600;
      }
      .text {
        white-space: pre-wrap;
      }
      dl.facts {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 1rem;
        margin: 0.4rem 0;
      }
      dl.facts dt {
        font-weight: 600;
      }
      dl.facts dd {
        margin: 0;
      }
      details {
        margin: 0.4rem 0;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      form {
        display: grid;
        gap: 0.5rem;
        max-width: 38rem;
        margin: 0.5rem 0;
      }
      textarea {
        min-height: 5rem;
      }
      ol.history {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
      .history-text {
        white-space: pre-wrap;
        margin: 0.1rem 0 0.4rem;
      }
    `,
  ]
  static override properties = {
    session: { attribute: false },
    items: { state: true },
    loadedAt: { state: true },
    stale: { state: true },
    loading: { state: true },
    loadError: { state: true },
    bodyFilter: { state: true },
    statusFilter: { state: true },
    overdueOnly: { state: true },
    departments: { state: true },
    message: { state: true },
    busy: { state: true },
  }

  declare session: Session
  declare items: ResolutionEntry[]
  declare loadedAt: string
  declare stale: boolean
  declare loading: boolean
  declare loadError: string
  declare bodyFilter: string
  declare statusFilter: string
  declare overdueOnly: boolean
  declare departments: Department[]
  declare message: { id: string; kind: 'success' | 'error'; text: string } | null
  declare busy: boolean

  constructor() {
    super()
    this.items = []
    this.loadedAt = ''
    this.stale = false
    this.loading = true
    this.loadError = ''
    this.bodyFilter = ''
    this.statusFilter = ''
    this.overdueOnly = false
    this.departments = []
    this.message = null
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    const q = new URLSearchParams(location.search)
    this.bodyFilter = q.get('organizationId') ?? ''
    this.statusFilter = q.get('status') ?? ''
    this.overdueOnly = q.get('overdue') === '1'
    void this.load()
    if (isStaff(this.session.me.roles)) {
      void fetchCached(this.session.api, this.session.db, 'outcomes:departments', '/api/structure/departments', (b) => (b as { departments: Department[] }).departments).then(
        (d) => (this.departments = d.value.filter((x) => x.active !== false)),
        () => undefined,
      )
    }
  }

  private async load(): Promise<void> {
    try {
      const { value, at, stale } = await loadResolutions(this.session.api, this.session.db)
      this.items = value
      this.loadedAt = at
      this.stale = stale
      this.loadError = ''
    } catch (e) {
      this.loadError = isNetworkError(e) ? t('error.offline') : tr('res.error', { reason: describeError(e) })
    } finally {
      this.loading = false
    }
  }

  private setFilter(): void {
    const q = new URLSearchParams()
    if (this.bodyFilter) q.set('organizationId', this.bodyFilter)
    if (this.statusFilter) q.set('status', this.statusFilter)
    if (this.overdueOnly) q.set('overdue', '1')
    const search = q.toString()
    history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`)
  }

  private canReport(r: ResolutionEntry): boolean {
    const me = this.session.me
    if (isOffice(me.roles)) return true
    return !!r.ownerDepartmentId && me.departmentId === r.ownerDepartmentId && me.roles.some((x) => x === 'author' || x === 'approver')
  }

  private async send(r: ResolutionEntry, body: Record<string, unknown>, form: HTMLFormElement, success: string): Promise<void> {
    this.busy = true
    try {
      const { body: answer } = await this.session.api.postJson(`/api/resolutions/${encodeURIComponent(r.id)}/commands`, { id: newCommandId(), ...body })
      const updated = (answer as { resolution: ResolutionEntry }).resolution
      this.items = this.items.map((x) => (x.id === updated.id ? updated : x))
      await this.session.db.cache.put({ key: 'outcomes:resolutions', value: JSON.stringify({ value: this.items, at: new Date().toISOString() }) })
      this.message = { id: r.id, kind: 'success', text: success }
      if (body.action === 'report') form.reset()
    } catch (e) {
      this.message = { id: r.id, kind: 'error', text: isNetworkError(e) ? tr('res.needsConnection') : tr('res.refused', { reason: describeError(e) }) }
    } finally {
      this.busy = false
    }
  }

  private onAssign(e: SubmitEvent, r: ResolutionEntry): void {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    void this.send(
      r,
      { action: 'assign', ownerDepartmentId: data.get('department') || null, ownerPersonName: String(data.get('person') ?? ''), dueDate: data.get('due') || null },
      form,
      tr('res.assign.saved'),
    )
  }

  private onReport(e: SubmitEvent, r: ResolutionEntry): void {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    void this.send(r, { action: 'report', status: data.get('status'), text: String(data.get('text') ?? '') }, form, tr('res.report.saved'))
  }

  private renderFilters(bodies: [string, string][]) {
    return html`<fieldset class="filters">
      <legend>${tr('res.filters')}</legend>
      <div class="field">
        <label for="res-filter-body">${tr('res.filter.body')}</label>
        <select
          id="res-filter-body"
          @change=${(e: Event) => {
            this.bodyFilter = (e.target as HTMLSelectElement).value
            this.setFilter()
          }}
        >
          <option value="">${tr('res.filter.allBodies')}</option>
          ${bodies.map(([id, name]) => html`<option value=${id} ?selected=${id === this.bodyFilter}>${name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="res-filter-status">${tr('res.filter.status')}</label>
        <select
          id="res-filter-status"
          @change=${(e: Event) => {
            this.statusFilter = (e.target as HTMLSelectElement).value
            this.setFilter()
          }}
        >
          <option value="">${tr('res.filter.allStatuses')}</option>
          ${RESOLUTION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.statusFilter}>${s}</option>`)}
        </select>
      </div>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.overdueOnly}
          @change=${(e: Event) => {
            this.overdueOnly = (e.target as HTMLInputElement).checked
            this.setFilter()
          }}
        />${tr('res.filter.overdue')}</label
      >
    </fieldset>`
  }

  private renderEntry(r: ResolutionEntry, today: string) {
    const overdue = isOverdue(r, today)
    const office = isOffice(this.session.me.roles)
    const headingId = `res-${r.id}-h`
    return html`<li>
      <article aria-labelledby=${headingId}>
        <h2 id=${headingId}>${r.itemNumber ? `${r.itemNumber} ` : ''}${r.title}</h2>
        <p class="meta">
          ${r.organizationName} · ${tr('res.decidedOn', { date: formatShortDate(`${r.decidedOn}T12:00:00Z`) })} ·
          ${r.source === 'circular' ? tr('res.source.circular') : (r.meetingName ?? tr('res.source.meeting'))}
          ${r.paperReference ? html` · ${tr('res.paper', { reference: r.paperReference })}` : nothing}
          ${r.public ? nothing : html` · <span class="badge">${tr('res.nonPublic')}</span>`}
        </p>
        <p class="text">${r.text}</p>
        <dl class="facts">
          <dt>${tr('res.status')}</dt>
          <dd>${r.status} ${overdue ? html`<span class="badge overdue">${tr('res.overdue')}</span>` : nothing}</dd>
          <dt>${tr('res.owner')}</dt>
          <dd>${[r.ownerDepartmentName, r.ownerPersonName].filter(Boolean).join(', ') || tr('res.owner.none')}</dd>
          <dt>${tr('res.due')}</dt>
          <dd>${r.dueDate ? formatShortDate(`${r.dueDate}T12:00:00Z`) : tr('res.due.none')}</dd>
        </dl>
        <details>
          <summary>${tr('res.history')} (${r.reports.length})</summary>
          ${r.reports.length === 0
            ? html`<p>${tr('res.history.empty')}</p>`
            : html`<ol class="history">
                ${r.reports.map(
                  (x) =>
                    html`<li>
                      ${tr('res.history.entry', { date: `${formatShortDate(x.at)} ${formatTime(x.at)}`, name: x.byName, status: x.status })}
                      <p class="history-text">${x.text}</p>
                    </li>`,
                )}
              </ol>`}
        </details>
        ${office
          ? html`<details>
              <summary>${tr('res.assign')}</summary>
              <form @submit=${(e: SubmitEvent) => this.onAssign(e, r)}>
                <div class="field">
                  <label for=${`${r.id}-dept`}>${tr('res.assign.department')}</label>
                  <select id=${`${r.id}-dept`} name="department">
                    <option value="">${tr('res.assign.noDepartment')}</option>
                    ${this.departments.map((d) => html`<option value=${d.id} ?selected=${d.id === r.ownerDepartmentId}>${d.name}</option>`)}
                  </select>
                </div>
                <label class="field">${tr('res.assign.person')} <input name="person" maxlength="200" .value=${r.ownerPersonName ?? ''} /></label>
                <label class="field">${tr('res.assign.due')} <input name="due" type="date" .value=${r.dueDate ?? ''} /></label>
                <div><button type="submit" ?disabled=${this.busy}>${tr('res.assign.save')}</button></div>
              </form>
            </details>`
          : nothing}
        ${this.canReport(r)
          ? html`<details>
              <summary>${tr('res.report')}</summary>
              <form @submit=${(e: SubmitEvent) => this.onReport(e, r)}>
                <div class="field">
                  <label for=${`${r.id}-status`}>${tr('res.report.status')}</label>
                  <select id=${`${r.id}-status`} name="status">
                    ${RESOLUTION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === r.status}>${s}</option>`)}
                  </select>
                </div>
                <label class="field">${tr('res.report.text')} <textarea name="text" required maxlength="20000"></textarea></label>
                <div><button type="submit" ?disabled=${this.busy}>${tr('res.report.save')}</button></div>
              </form>
            </details>`
          : nothing}
        ${this.message?.id === r.id
          ? html`<p class="notice ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</p>`
          : nothing}
      </article>
    </li>`
  }

  override render() {
    const today = townDay(new Date())
    const bodies = [...new Map(this.items.map((r) => [r.organizationId, r.organizationName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'de'))
    const shown = this.items.filter(
      (r) =>
        (!this.bodyFilter || r.organizationId === this.bodyFilter) &&
        (!this.statusFilter || r.status === (this.statusFilter as ResolutionStatus)) &&
        (!this.overdueOnly || isOverdue(r, today)),
    )
    return html`
      <h1>${tr('res.title')}</h1>
      <p>${tr('res.intro')}</p>
      ${this.stale ? html`<p class="notice" role="status">${tr('res.offline', { time: `${formatLongDate(this.loadedAt)}, ${formatTime(this.loadedAt)}` })}</p>` : nothing}
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.renderFilters(bodies)}
      ${this.loading
        ? html`<p role="status">${tr('res.loading')}</p>`
        : html`<p role="status">${tr('res.count', { count: shown.length })}</p>
            ${shown.length === 0 ? html`<p>${tr('res.empty')}</p>` : html`<ol class="list">${shown.map((r) => this.renderEntry(r, today))}</ol>`}`}
    `
  }
}

customElements.define('rt-resolutions-view', ResolutionsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-resolutions-view': ResolutionsView
  }
}
