/**
 * Staff paper lists. `mode="work"` (Amtsinfo): my tasks, all papers and overdue co-signings, with
 * filters, drawn by a virtual list so thousands of papers scroll smoothly. `mode="overview"`
 * (Führungsinfo): papers per department and state and overdue co-signings per department, every
 * figure a link into the work list with its filters in the URL.
 *
 * The list comes from GET /api/papers (PaperListStore: memory, IndexedDB, ETag revalidation);
 * filtering happens on the device, so it works offline on the last list with its date.
 */
import { LitElement, html, nothing } from 'lit'
import { DEFAULT_PAPER_WORKFLOW, type PaperListEntry } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import '../../components/virtual-list/virtual-list.ts'
import type { RowContext, VirtualList } from '../../components/virtual-list/virtual-list.ts'
import { virtualListStyles } from '../../components/virtual-list/virtual-list.styles.ts'
import { formatShortDate, formatTime, TOWN_TIME_ZONE, townDay } from '../../i18n/format.ts'
import { currentLocale, INTL_LOCALE, t, type MessageKey } from '../../i18n/messages.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import { paperListStore, type PaperListSnapshot, type PaperListStore } from '../../services/paper-list-store.ts'
import type { Session } from '../../services/session.ts'
import {
  departmentNames,
  departmentOptions,
  EMPTY_QUERY,
  filterPapers,
  hasFilters,
  isOverdue,
  LIST_VIEWS,
  listQueryString,
  papersOfView,
  parseListQuery,
  statesOf,
  taskOf,
  queueBodiesOf,
  typesOf,
  waitingDepartments,
  type ListActor,
  type ListView,
  type Option,
  type PaperListQuery,
} from './paper-filters.ts'
import { countByStateAndDepartment, overdueByWaitingDepartment } from './paper-overview.ts'
import { paperListsViewStyles } from './paper-lists-view.styles.ts'

export type PaperListsMode = 'work' | 'overview'

/** Refresh while the view is open (a 304 when nothing changed). */
const REFRESH_MS = 60_000
const ANNOUNCE_DELAY_MS = 600

const KNOWN_STATES = new Set(Object.keys(DEFAULT_PAPER_WORKFLOW.states))
export function paperStateLabel(state: string): string {
  return KNOWN_STATES.has(state) ? t(`paperLists.state.${state}` as MessageKey) : state
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()
/** "01.03.2026" */
function formatDay(isoDate: string): string {
  const locale = INTL_LOCALE[currentLocale()]
  let fmt = dayFormats.get(locale)
  if (!fmt) dayFormats.set(locale, (fmt = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TOWN_TIME_ZONE })))
  // date-only strings are UTC midnight: noon keeps them on their day in any European zone
  const d = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate)
  return Number.isNaN(d.getTime()) ? isoDate : fmt.format(d)
}

interface Derived {
  papers: readonly PaperListEntry[]
  today: string
  names: Map<string, string>
  byView: Record<ListView, PaperListEntry[]>
  stateOptions: Option[]
  deptOptions: Option[]
  typeOptions: Option[]
  bodyOptions: Option[]
}

export class PaperListsView extends LitElement {
  static override styles = [themeStyles, virtualListStyles, paperListsViewStyles]
  static override properties = {
    session: { attribute: false },
    mode: { type: String },
    snapshot: { state: true },
    query: { state: true },
    offline: { state: true },
    error: { state: true },
    announcement: { state: true },
  }

  declare session: Session
  declare mode: PaperListsMode
  declare snapshot: PaperListSnapshot | undefined
  declare query: PaperListQuery
  declare offline: boolean
  declare error: string
  declare announcement: string

  private store: PaperListStore | undefined
  private derived: Derived | undefined
  private filtered: PaperListEntry[] = []
  private filteredKey = ''
  private filteredSource: readonly PaperListEntry[] | undefined
  private offs: (() => void)[] = []
  private timer: ReturnType<typeof setInterval> | undefined
  private announceTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.mode = 'work'
    this.query = { ...EMPTY_QUERY }
    this.offline = false
    this.error = ''
    this.announcement = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.query = parseListQuery(location.search)
    this.store = paperListStore(this.session.db, this.session.api)
    this.snapshot = this.store.current
    const onOnline = () => void this.refresh()
    const onVisible = () => document.visibilityState === 'visible' && void this.refresh()
    window.addEventListener('online', onOnline)
    window.addEventListener('popstate', this.onPopState)
    document.addEventListener('visibilitychange', onVisible)
    this.offs.push(
      this.store.on('change', (s) => (this.snapshot = s)),
      this.session.catalogue.on('change', () => void this.refresh()),
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('popstate', this.onPopState),
      () => document.removeEventListener('visibilitychange', onVisible),
    )
    this.timer = setInterval(() => document.visibilityState === 'visible' && navigator.onLine && void this.refresh(), REFRESH_MS)
    void this.start()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
    clearInterval(this.timer)
    clearTimeout(this.announceTimer)
  }

  private async start(): Promise<void> {
    const store = this.store!
    this.snapshot = store.current ?? (await store.load())
    await this.refresh()
  }

  private async refresh(): Promise<void> {
    if (!this.store) return
    try {
      await this.store.refresh()
      this.offline = false
      this.error = ''
    } catch (e) {
      if (isNetworkError(e)) this.offline = true
      else if (!(e instanceof ApiError && e.status === 401)) this.error = e instanceof Error ? e.message : String(e)
    }
  }

  private get actor(): ListActor {
    const me = this.session.me
    return { id: me.id, roles: me.roles, departmentId: me.departmentId ?? null }
  }

  private derive(): Derived | undefined {
    const papers = this.snapshot?.papers
    if (!papers) return undefined
    const today = townDay(new Date())
    if (this.derived?.papers === papers && this.derived.today === today) return this.derived
    const me = this.session.me
    const actor = this.actor
    const known = { ...this.snapshot!.departmentNames, ...(me.departmentId && me.departmentName ? { [me.departmentId]: me.departmentName } : {}) }
    const names = departmentNames(papers, known)
    this.derived = {
      papers,
      today,
      names,
      stateOptions: statesOf(papers).map((id) => ({ id, label: paperStateLabel(id) })),
      deptOptions: departmentOptions(names),
      typeOptions: typesOf(papers).map((id) => ({ id, label: id })),
      bodyOptions: queueBodiesOf(papers),
      byView: {
        inbox: papersOfView(papers, 'inbox', actor, today),
        all: papersOfView(papers, 'all', actor, today),
        overdue: papersOfView(papers, 'overdue', actor, today),
      },
    }
    return this.derived
  }

  protected override willUpdate(): void {
    document.title = `${t(this.mode === 'overview' ? 'paperLists.overview.title' : 'paperLists.title')} – ${t('app.name')}`
    const derived = this.derive()
    if (!derived || this.mode !== 'work') return
    const key = `${listQueryString(this.query)}|${derived.today}`
    const source = derived.byView[this.query.view]
    if (key === this.filteredKey && source === this.filteredSource) return
    const before = this.filtered.length
    const queryChanged = key !== this.filteredKey && this.filteredKey !== ''
    this.filtered = filterPapers(source, this.query)
    this.filteredKey = key
    this.filteredSource = source
    // new filters start at the top; a background refresh keeps the scroll position
    if (queryChanged) void this.updateComplete.then(() => this.list?.reset())
    if (queryChanged || this.filtered.length !== before || !this.announcement) this.scheduleAnnouncement()
  }

  private get list(): VirtualList<PaperListEntry> | null {
    return this.renderRoot.querySelector('rt-virtual-list') as VirtualList<PaperListEntry> | null
  }

  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer)
    this.announceTimer = setTimeout(() => (this.announcement = this.countText()), ANNOUNCE_DELAY_MS)
  }

  private countText(): string {
    const total = this.derived?.byView[this.query.view].length ?? 0
    const shown = this.filtered.length
    return shown === 1 ? t('paperLists.count.one', { total }) : t('paperLists.count', { shown, total })
  }

  private readonly onPopState = (): void => {
    this.query = parseListQuery(location.search)
  }

  private setQuery(patch: Partial<PaperListQuery>, push = false): void {
    this.query = { ...this.query, ...patch }
    const url = `${location.pathname}${listQueryString(this.query)}`
    if (push) history.pushState(null, '', url)
    else history.replaceState(history.state, '', url)
  }

  private onViewClick(e: MouseEvent, view: ListView): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    if (view !== this.query.view) this.setQuery({ view }, true)
  }

  private onFilter(key: Exclude<keyof PaperListQuery, 'view'>, e: Event): void {
    this.setQuery({ [key]: (e.target as HTMLInputElement | HTMLSelectElement).value })
  }

  private resetFilters(): void {
    this.setQuery({ ...EMPTY_QUERY, view: this.query.view })
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus()
  }

  private workHref(query: Partial<PaperListQuery>): string {
    return `${hrefFor({ name: 'papers' })}${listQueryString(query)}`
  }

  // --- rendering ---

  private renderNotices() {
    const s = this.snapshot
    return html`${this.offline && s
      ? html`<p class="notice stand">${t('paperLists.stand', { time: `${formatShortDate(s.confirmedAt)}, ${formatTime(s.confirmedAt)}` })}</p>`
      : nothing}
    ${this.error ? html`<p class="notice error" role="alert">${t('paperLists.loadFailed', { message: this.error })}</p>` : nothing}`
  }

  private renderPending() {
    if (this.offline) return html`<p class="notice" role="status">${t('paperLists.offlineEmpty')}</p>`
    if (this.error) return nothing
    return html`<p role="status">${t('paperLists.loading')}</p>`
  }

  override render() {
    return this.mode === 'overview' ? this.renderOverview() : this.renderWork()
  }

  private renderSelect(key: 'state' | 'dept' | 'waiting' | 'body' | 'type', label: string, options: Option[]) {
    const value = this.query[key]
    const known = !value || options.some((o) => o.id === value)
    return html`<label class="field"
      >${label}
      <select .value=${value} @change=${(e: Event) => this.onFilter(key, e)}>
        <option value="" ?selected=${!value}>${t('paperLists.filter.any')}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === value}>${o.label}</option>`)}
        ${known ? nothing : html`<option value=${value} selected>${value}</option>`}
      </select>
    </label>`
  }

  private renderWork() {
    const me = this.session.me
    const canCreate = me.roles.some((r) => r === 'author' || r === 'clerk' || r === 'admin')
    const derived = this.derived
    return html`
      <div class="head">
        <h1 tabindex="-1">${t('paperLists.title')}</h1>
        ${canCreate ? html`<a class="button primary" href=${hrefFor({ name: 'paper-new' })}>${t('paperLists.new')}</a>` : nothing}
      </div>
      ${this.renderNotices()}
      ${derived ? this.renderWorkBody(derived) : this.renderPending()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `
  }

  private renderWorkBody(derived: Derived) {
    const q = this.query
    const { stateOptions, deptOptions, typeOptions, bodyOptions } = derived
    const viewLabel = t(`paperLists.view.${q.view}`)
    return html`
      <nav class="views" aria-label=${t('paperLists.views')}>
        <ul>
          ${LIST_VIEWS.map(
            (view) => html`<li>
              <a
                href=${this.workHref({ ...q, view })}
                aria-current=${view === q.view ? 'page' : nothing}
                @click=${(e: MouseEvent) => this.onViewClick(e, view)}
                >${t(`paperLists.view.${view}`)} <span class="badge">${derived.byView[view].length}</span></a
              >
            </li>`,
          )}
        </ul>
      </nav>
      <form class="filters" role="search" aria-label=${t('paperLists.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <label class="field search"
          >${t('paperLists.filter.q')}
          <input type="search" .value=${q.q} @input=${(e: Event) => this.onFilter('q', e)} autocomplete="off" />
        </label>
        ${this.renderSelect('state', t('paperLists.filter.state'), stateOptions)}
        ${this.renderSelect('dept', t('paperLists.filter.dept'), deptOptions)}
        ${this.renderSelect('waiting', t('paperLists.filter.waiting'), deptOptions)}
        ${this.renderSelect('body', t('paperLists.filter.body'), bodyOptions)}
        ${this.renderSelect('type', t('paperLists.filter.type'), typeOptions)}
        ${hasFilters(q) ? html`<button type="button" class="reset" @click=${this.resetFilters}>${t('paperLists.filter.reset')}</button>` : nothing}
      </form>
      <p class="count" id="paper-count">${this.countText()}</p>
      ${this.filtered.length
        ? html`<p class="visually-hidden" id="paper-keys">${t('paperLists.keyboardHint')}</p>
            <rt-virtual-list
              .items=${this.filtered}
              .renderRow=${this.renderRow}
              .keyOf=${(p: PaperListEntry) => p.id}
              row-height="72"
              label=${t('paperLists.listLabel', { view: viewLabel, count: this.filtered.length })}
              described-by="paper-keys"
            ></rt-virtual-list>`
        : html`<p class="empty">${hasFilters(q) ? t('paperLists.empty.filtered') : t(`paperLists.empty.${q.view}`)}</p>`}
    `
  }

  private readonly renderRow = (p: PaperListEntry, { index, tabIndex }: RowContext) => {
    const derived = this.derived!
    const task = taskOf(p, this.actor)
    const overdue = isOverdue(p, derived.today)
    const waiting = p.state === 'cosigning' ? waitingDepartments(p) : []
    const metaId = `paper-meta-${index}`
    return html`<div class=${overdue ? 'row overdue' : 'row'}>
      <a class="title" href=${hrefFor({ name: 'paper', paperId: p.id })} tabindex=${tabIndex} aria-describedby=${metaId}
        ><span class=${p.reference ? 'ref' : 'ref none'}>${p.reference || t('paperLists.noReference')}</span>
        <span class="name">${p.name}</span></a
      >
      <div class="meta" id=${metaId}>
        <span class="state s-${p.state}">${paperStateLabel(p.state)}</span>
        ${task ? html`<span class="task">${t(`paperLists.task.${task}`)}</span>` : nothing}
        ${p.state === 'cosigning' && p.cosigningDue
          ? html`<span class=${overdue ? 'late' : ''}
              >${t(overdue ? 'paperLists.overdue' : 'paperLists.due', { date: formatDay(p.cosigningDue) })}</span
            >`
          : nothing}
        ${waiting.length ? html`<span>${t('paperLists.waitingFor', { departments: waiting.map((d) => derived.names.get(d) ?? d).join(', ') })}</span>` : nothing}
        ${p.nextOrganizationName
          ? html`<span>${t('paperLists.queue', { body: p.nextOrganizationName, role: p.nextRole ?? '' })}</span>`
          : nothing}
        <span>${p.paperType}</span>
        <span>${p.department}</span>
        <span>${formatDay(p.date)}</span>
      </div>
    </div>`
  }

  private renderOverview() {
    const derived = this.derived
    return html`
      <div class="head">
        <h1 tabindex="-1">${t('paperLists.overview.title')}</h1>
      </div>
      ${this.renderNotices()} ${derived ? this.renderOverviewBody(derived) : this.renderPending()}
    `
  }

  private countLink(count: number, query: Partial<PaperListQuery>, label: string) {
    if (!count) return html`<span class="zero">0</span>`
    return html`<a href=${this.workHref(query)}>${count}<span class="visually-hidden"> ${label}</span></a>`
  }

  private renderOverviewBody(derived: Derived) {
    if (!derived.papers.length) return html`<p class="empty">${t('paperLists.overview.empty')}</p>`
    const states = statesOf(derived.papers)
    const overview = countByStateAndDepartment(derived.papers, states, derived.names)
    const overdue = overdueByWaitingDepartment(derived.papers, derived.today, derived.names)
    const total = t('paperLists.overview.total')
    return html`
      <p class="summary">${t('paperLists.overview.summary', { total: overview.total, overdue: derived.byView.overdue.length })}</p>
      <section aria-labelledby="by-state">
        <h2 id="by-state">${t('paperLists.overview.byState')}</h2>
        <div class="table-wrap" role="region" aria-labelledby="by-state" tabindex="0">
          <table>
            <caption>
              ${t('paperLists.overview.byStateCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('paperLists.overview.department')}</th>
                ${states.map((s) => html`<th scope="col">${paperStateLabel(s)}</th>`)}
                <th scope="col">${total}</th>
              </tr>
            </thead>
            <tbody>
              ${overview.rows.map(
                (row) => html`<tr>
                  <th scope="row"><a href=${this.workHref({ view: 'all', dept: row.departmentId })}>${row.name}</a></th>
                  ${states.map(
                    (s) =>
                      html`<td>
                        ${this.countLink(
                          row.byState[s],
                          { view: 'all', state: s, dept: row.departmentId },
                          t('paperLists.overview.cellLink', { department: row.name, state: paperStateLabel(s) }),
                        )}
                      </td>`,
                  )}
                  <td class="sum">
                    ${this.countLink(row.total, { view: 'all', dept: row.departmentId }, t('paperLists.overview.cellLink', { department: row.name, state: total }))}
                  </td>
                </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">${total}</th>
                ${states.map(
                  (s) =>
                    html`<td>
                      ${this.countLink(overview.totals[s] ?? 0, { view: 'all', state: s }, t('paperLists.overview.cellLink', { department: total, state: paperStateLabel(s) }))}
                    </td>`,
                )}
                <td class="sum">${this.countLink(overview.total, { view: 'all' }, t('paperLists.overview.cellLink', { department: total, state: total }))}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section aria-labelledby="overdue">
        <h2 id="overdue">${t('paperLists.overview.overdue')}</h2>
        ${overdue.length
          ? html`<div class="table-wrap" role="region" aria-labelledby="overdue" tabindex="0">
              <table>
                <caption>
                  ${t('paperLists.overview.overdueCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('paperLists.overview.department')}</th>
                    <th scope="col">${t('paperLists.overview.overdueCount')}</th>
                    <th scope="col">${t('paperLists.overview.oldestDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${overdue.map(
                    (row) => html`<tr>
                      <th scope="row">${row.name}</th>
                      <td>${this.countLink(row.count, { view: 'overdue', waiting: row.departmentId }, t('paperLists.overview.overdueLink', { department: row.name }))}</td>
                      <td>${formatDay(row.oldestDue)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="empty">${t('paperLists.overview.noOverdue')}</p>`}
      </section>
    `
  }
}

customElements.define('rt-paper-lists-view', PaperListsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-paper-lists-view': PaperListsView
  }
}
