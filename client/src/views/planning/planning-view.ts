/**
 * Meeting planning (/app/planning, office only): the calendar of the bodies' meetings (month grid
 * or list, filter by body) with state and place, a form for a new meeting that warns about
 * conflicts (same room, bodies sharing members) while it is filled in, and a form for a meeting
 * series with a preview of its dates. After creating, the agenda builder opens.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { expandSeries, type CalendarEntry, type MeetingConflict, type MeetingLocation, type SeriesRule } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatLongDate, formatShortDate, formatTime, townDay } from '../../i18n/format.ts'
import { tp, type PlanningKey } from '../../i18n/messages-planning.ts'
import { currentLocale, INTL_LOCALE, t } from '../../i18n/messages.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import { MeetingPlanningService, townDateTime, type PlanningBody } from '../../services/meeting-planning.ts'
import type { Session } from '../../services/session.ts'
import { monthWeeks, shiftMonth } from './planning-calendar.ts'
import { planningViewStyles } from './planning-view.styles.ts'

type Mode = 'month' | 'list'
type FormKind = 'none' | 'new' | 'series'

const STATES = ['planned', 'invited', 'running', 'held', 'cancelled']
export const planningStateLabel = (state: string): string => (STATES.includes(state) ? tp(`planning.state.${state}` as PlanningKey) : state)

function describe(e: unknown): string {
  if (isNetworkError(e)) return t('error.offline')
  return e instanceof Error ? e.message : String(e)
}

const addMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString()

export class PlanningView extends LitElement {
  static override styles = [themeStyles, planningViewStyles]
  static override properties = {
    session: { attribute: false },
    mode: { state: true },
    month: { state: true },
    bodyFilter: { state: true },
    bodies: { state: true },
    locations: { state: true },
    entries: { state: true },
    loadError: { state: true },
    loading: { state: true },
    form: { state: true },
    conflicts: { state: true },
    checking: { state: true },
    formError: { state: true },
    busy: { state: true },
    seriesPreview: { state: true },
    message: { state: true },
  }

  declare session: Session
  declare mode: Mode
  declare month: string
  declare bodyFilter: string
  declare bodies: PlanningBody[]
  declare locations: MeetingLocation[]
  declare entries: CalendarEntry[]
  declare loadError: string
  declare loading: boolean
  declare form: FormKind
  declare conflicts: MeetingConflict[] | undefined
  declare checking: boolean
  declare formError: string
  declare busy: boolean
  declare seriesPreview: { start: string; end: string }[] | undefined
  declare message: string

  private planning!: MeetingPlanningService
  private conflictTimer: ReturnType<typeof setTimeout> | undefined
  private conflictAbort: AbortController | undefined
  private loadSeq = 0

  constructor() {
    super()
    this.mode = 'month'
    this.month = townDay(new Date()).slice(0, 7)
    this.bodyFilter = ''
    this.bodies = []
    this.locations = []
    this.entries = []
    this.loadError = ''
    this.loading = true
    this.form = 'none'
    this.checking = false
    this.formError = ''
    this.busy = false
    this.message = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.title = `${tp('planning.title')} – ${t('app.name')}`
    this.planning = new MeetingPlanningService(this.session.api, this.session.db, this.session.repo, this.session.catalogue)
    void this.planning.bodies().then((b) => (this.bodies = b), (e) => (this.loadError = tp('planning.error', { reason: describe(e) })))
    void this.planning.locations().then((l) => (this.locations = l), () => undefined)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.conflictTimer)
    this.conflictAbort?.abort()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('month') || changed.has('bodyFilter')) void this.loadCalendar()
  }

  private async loadCalendar(): Promise<void> {
    const seq = ++this.loadSeq
    this.loading = true
    const from = `${this.month}-01`
    const last = new Date(Date.parse(`${shiftMonth(this.month, 1)}-01T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    try {
      const entries = await this.planning.calendar({ from, to: last, organizationId: this.bodyFilter || undefined })
      if (seq !== this.loadSeq) return
      this.entries = entries.sort((a, b) => a.start.localeCompare(b.start))
      this.loadError = ''
    } catch (e) {
      if (seq !== this.loadSeq) return
      this.loadError = isNetworkError(e) ? tp('planning.offline') : tp('planning.error', { reason: describe(e) })
    } finally {
      if (seq === this.loadSeq) this.loading = false
    }
  }

  private navigateTo(path: string): void {
    this.dispatchEvent(new CustomEvent('navigate', { detail: path, bubbles: true, composed: true }))
  }

  // --- new meeting -----------------------------------------------------------------------------

  private field(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim()
  }

  /** The new-meeting form as API input, or a German problem. */
  private newMeetingInput(): { input?: Parameters<MeetingPlanningService['create']>[0]; problem?: string } {
    const organizationId = this.field('new-body')
    const date = this.field('new-date')
    const startTime = this.field('new-start')
    const endTime = this.field('new-end')
    if (!organizationId || !date || !startTime) return { problem: tp('planning.form.required') }
    const start = townDateTime(date, startTime)
    const end = endTime ? townDateTime(date, endTime) : undefined
    if (end && new Date(end) <= new Date(start)) return { problem: tp('planning.form.endBeforeStart') }
    const name = this.field('new-name')
    const locationId = this.field('new-place')
    const invitationDate = this.field('new-invitation')
    return {
      input: { organizationId, start, ...(end ? { end } : {}), ...(name ? { name } : {}), ...(locationId ? { locationId } : {}), ...(invitationDate ? { invitationDate } : {}) },
    }
  }

  private scheduleConflictCheck(): void {
    clearTimeout(this.conflictTimer)
    this.conflictTimer = setTimeout(() => void this.checkConflicts(), 250)
  }

  private async checkConflicts(): Promise<void> {
    const { input } = this.newMeetingInput()
    this.conflictAbort?.abort()
    if (!input) {
      this.conflicts = undefined
      return
    }
    const abort = (this.conflictAbort = new AbortController())
    this.checking = true
    try {
      const conflicts = await this.planning.conflicts(
        { organizationId: input.organizationId, start: input.start, end: input.end ?? addMinutes(input.start, 180), locationId: input.locationId },
        abort.signal,
      )
      if (!abort.signal.aborted) this.conflicts = conflicts
    } catch (e) {
      if (!abort.signal.aborted) console.warn('planning: conflict check failed', e)
    } finally {
      if (!abort.signal.aborted) this.checking = false
    }
  }

  private async createMeeting(e: Event): Promise<void> {
    e.preventDefault()
    const { input, problem } = this.newMeetingInput()
    if (!input) {
      this.formError = problem ?? ''
      return
    }
    this.busy = true
    this.formError = ''
    try {
      const created = await this.planning.create(input)
      this.navigateTo(hrefFor({ name: 'agenda', meetingId: created.id }))
    } catch (err) {
      this.formError = isNetworkError(err) ? tp('planning.form.offline') : tp('planning.form.failed', { reason: err instanceof ApiError ? err.message : describe(err) })
    } finally {
      this.busy = false
    }
  }

  // --- series ------------------------------------------------------------------------------------

  private seriesRule(): SeriesRule | undefined {
    const date = this.field('series-first')
    const time = this.field('series-start')
    const until = this.field('series-until')
    const interval = Number(this.field('series-interval') || '1')
    const duration = Number(this.field('series-duration') || '180')
    if (!date || !time || !until || !(interval >= 1) || !(duration > 0)) return undefined
    const except = this.field('series-except')
      .split(/[\s,;]+/)
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    return {
      frequency: this.field('series-frequency') === 'monthly-nth' ? 'monthly-nth' : 'weekly',
      interval: Math.floor(interval),
      firstStart: `${date}T${time}`,
      durationMinutes: Math.floor(duration),
      until,
      ...(except.length ? { except } : {}),
    }
  }

  private updatePreview(): void {
    const rule = this.seriesRule()
    try {
      this.seriesPreview = rule ? expandSeries(rule) : undefined
    } catch {
      this.seriesPreview = undefined
    }
  }

  private async createSeries(e: Event): Promise<void> {
    e.preventDefault()
    const organizationId = this.field('series-body')
    const rule = this.seriesRule()
    if (!organizationId || !rule) {
      this.formError = tp('planning.form.required')
      return
    }
    this.busy = true
    this.formError = ''
    try {
      const name = this.field('series-name')
      const locationId = this.field('series-place')
      const created = await this.planning.createSeries({ organizationId, rule, ...(name ? { name } : {}), ...(locationId ? { locationId } : {}) })
      this.message = tp('planning.series.created', { count: created.meetings.length })
      const first = created.meetings[0]
      if (first) this.navigateTo(hrefFor({ name: 'agenda', meetingId: first.id }))
      else void this.loadCalendar()
    } catch (err) {
      this.formError = isNetworkError(err) ? tp('planning.form.offline') : tp('planning.form.failed', { reason: describe(err) })
    } finally {
      this.busy = false
    }
  }

  private openForm(kind: FormKind): void {
    this.form = this.form === kind ? 'none' : kind
    this.formError = ''
    this.conflicts = undefined
    this.seriesPreview = undefined
    if (this.form !== 'none') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${this.form}-body`)?.focus())
  }

  // --- rendering ---------------------------------------------------------------------------------

  private bodyOptions(id: string) {
    return html`<select id=${id} required>
      <option value="">${tp('planning.form.chooseBody')}</option>
      ${this.bodies.map((b) => html`<option value=${b.id} ?selected=${b.id === this.bodyFilter}>${b.name}</option>`)}
    </select>`
  }

  private placeOptions(id: string) {
    return html`<select id=${id}>
      <option value="">${tp('planning.form.noPlace')}</option>
      ${this.locations.map((l) => html`<option value=${l.id}>${l.description}${l.room ? `, ${l.room}` : ''}</option>`)}
    </select>`
  }

  private renderConflict(c: MeetingConflict) {
    const time = `${formatShortDate(c.start)}, ${formatTime(c.start)}`
    return html`<li>
      ${tp(c.kind === 'room' ? 'planning.conflict.room' : 'planning.conflict.members', { meeting: c.meetingName, body: c.organizationName, time, detail: c.detail })}
    </li>`
  }

  private renderNewForm() {
    return html`<form class="panel" aria-labelledby="new-heading" @submit=${this.createMeeting} @input=${this.scheduleConflictCheck} @change=${this.scheduleConflictCheck} novalidate>
      <h2 id="new-heading">${tp('planning.new')}</h2>
      <div class="grid">
        <div class="field"><label for="new-body">${tp('planning.form.body')}</label>${this.bodyOptions('new-body')}</div>
        <div class="field"><label for="new-name">${tp('planning.form.name')}</label><input id="new-name" autocomplete="off" /></div>
        <div class="field"><label for="new-date">${tp('planning.form.date')}</label><input id="new-date" type="date" required /></div>
        <div class="field"><label for="new-start">${tp('planning.form.start')}</label><input id="new-start" type="time" required value="17:00" /></div>
        <div class="field"><label for="new-end">${tp('planning.form.end')}</label><input id="new-end" type="time" /></div>
        <div class="field"><label for="new-place">${tp('planning.form.place')}</label>${this.placeOptions('new-place')}</div>
        <div class="field"><label for="new-invitation">${tp('planning.form.invitationDate')}</label><input id="new-invitation" type="date" /></div>
      </div>
      <div class="conflicts" role="status">
        ${this.checking
          ? html`<p class="muted">${tp('planning.conflicts.checking')}</p>`
          : this.conflicts?.length
            ? html`<div class="notice warning">
                <strong>${tp('planning.conflicts.title')}</strong>
                <ul>
                  ${this.conflicts.map((c) => this.renderConflict(c))}
                </ul>
              </div>`
            : this.conflicts
              ? html`<p class="muted">${tp('planning.conflicts.none')}</p>`
              : nothing}
      </div>
      ${this.formError ? html`<p class="notice error" role="alert">${this.formError}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? tp('planning.form.creating') : tp('planning.form.create')}</button>
    </form>`
  }

  private renderSeriesForm() {
    const preview = this.seriesPreview
    return html`<form class="panel" aria-labelledby="series-heading" @submit=${this.createSeries} @input=${this.updatePreview} @change=${this.updatePreview} novalidate>
      <h2 id="series-heading">${tp('planning.series')}</h2>
      <div class="grid">
        <div class="field"><label for="series-body">${tp('planning.form.body')}</label>${this.bodyOptions('series-body')}</div>
        <div class="field"><label for="series-name">${tp('planning.form.name')}</label><input id="series-name" autocomplete="off" /></div>
        <div class="field">
          <label for="series-frequency">${tp('planning.series.frequency')}</label>
          <select id="series-frequency">
            <option value="weekly">${tp('planning.series.weekly')}</option>
            <option value="monthly-nth">${tp('planning.series.monthly')}</option>
          </select>
        </div>
        <div class="field"><label for="series-interval">${tp('planning.series.interval')}</label><input id="series-interval" type="number" min="1" max="12" value="1" /></div>
        <div class="field"><label for="series-first">${tp('planning.series.first')}</label><input id="series-first" type="date" required /></div>
        <div class="field"><label for="series-start">${tp('planning.form.start')}</label><input id="series-start" type="time" value="17:00" required /></div>
        <div class="field"><label for="series-duration">${tp('planning.series.duration')}</label><input id="series-duration" type="number" min="15" step="15" value="180" /></div>
        <div class="field"><label for="series-until">${tp('planning.series.until')}</label><input id="series-until" type="date" required /></div>
        <div class="field wide"><label for="series-except">${tp('planning.series.except')}</label><input id="series-except" autocomplete="off" /></div>
        <div class="field"><label for="series-place">${tp('planning.form.place')}</label>${this.placeOptions('series-place')}</div>
      </div>
      <div role="status" class="preview">
        ${preview
          ? preview.length
            ? html`<h3>${tp('planning.series.preview', { count: preview.length })}</h3>
                <ol>
                  ${preview.map((p) => html`<li>${formatLongDate(p.start)}, ${formatTime(p.start)}</li>`)}
                </ol>`
            : html`<p class="muted">${tp('planning.series.previewEmpty')}</p>`
          : nothing}
      </div>
      ${this.formError ? html`<p class="notice error" role="alert">${this.formError}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? tp('planning.form.creating') : tp('planning.series.create')}</button>
    </form>`
  }

  private renderEntry(e: CalendarEntry, withDate: boolean) {
    return html`<a class="entry state-${e.state}" href=${hrefFor({ name: 'agenda', meetingId: e.id })}>
      <span class="entry-time">${withDate ? `${formatShortDate(e.start)}, ` : ''}${formatTime(e.start)}</span>
      <span class="entry-name">${e.name}</span>
      <span class="entry-meta">${planningStateLabel(e.state)}${
        // the month grid keeps cells short: the place is in the list view and the agenda builder
        withDate ? ` · ${e.location ?? tp('planning.noPlace')}` : ''
      }</span>
    </a>`
  }

  private renderMonth() {
    const weekdays = tp('planning.weekday.short').split(',')
    const longDays = tp('planning.weekday.long').split(',')
    const byDay = new Map<string, CalendarEntry[]>()
    for (const e of this.entries) {
      const day = townDay(e.start)
      byDay.set(day, [...(byDay.get(day) ?? []), e])
    }
    const today = townDay(new Date())
    return html`<table class="month">
      <caption class="visually-hidden">${formatMonth(this.month)}</caption>
      <thead>
        <tr>
          ${weekdays.map((d, i) => html`<th scope="col"><abbr title=${longDays[i]}>${d}</abbr></th>`)}
        </tr>
      </thead>
      <tbody>
        ${monthWeeks(this.month).map(
          (week) => html`<tr>
            ${week.map((day) =>
              day
                ? html`<td class=${day === today ? 'today' : ''} aria-current=${day === today ? 'date' : nothing}>
                    <span class="day">${Number(day.slice(8))}<span class="visually-hidden">. ${formatMonth(this.month)}</span></span>
                    ${(byDay.get(day) ?? []).map((e) => this.renderEntry(e, false))}
                  </td>`
                : html`<td class="outside"></td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`
  }

  private renderList() {
    if (!this.entries.length) return html`<p class="muted">${tp('planning.empty')}</p>`
    return html`<ul class="list">
      ${this.entries.map((e) => html`<li>${this.renderEntry(e, true)} <span class="muted">${e.organizationName}</span></li>`)}
    </ul>`
  }

  override render() {
    return html`
      <h1 tabindex="-1">${tp('planning.title')}</h1>
      <p class="muted">${tp('planning.intro')}</p>
      <div class="toolbar">
        <button type="button" aria-expanded=${this.form === 'new' ? 'true' : 'false'} @click=${() => this.openForm('new')}>${tp('planning.new')}</button>
        <button type="button" aria-expanded=${this.form === 'series' ? 'true' : 'false'} @click=${() => this.openForm('series')}>${tp('planning.series')}</button>
      </div>
      ${this.form === 'new' ? this.renderNewForm() : this.form === 'series' ? this.renderSeriesForm() : nothing}
      ${this.message ? html`<p class="notice success" role="status">${this.message}</p>` : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="body-filter">${tp('planning.body')}</label>
          <select id="body-filter" @change=${(e: Event) => (this.bodyFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${tp('planning.allBodies')}</option>
            ${this.bodies.map((b) => html`<option value=${b.id} ?selected=${b.id === this.bodyFilter}>${b.name}</option>`)}
          </select>
        </div>
        <fieldset class="mode">
          <legend>${tp('planning.view')}</legend>
          ${(['month', 'list'] as const).map(
            (m) => html`<label
              ><input type="radio" name="mode" value=${m} .checked=${this.mode === m} @change=${() => (this.mode = m)} /> ${tp(
                m === 'month' ? 'planning.view.month' : 'planning.view.list',
              )}</label
            >`,
          )}
        </fieldset>
      </div>
      <div class="month-nav">
        <button type="button" @click=${() => (this.month = shiftMonth(this.month, -1))} aria-label=${tp('planning.prevMonth')}>←</button>
        <h2 id="month-heading" aria-live="polite">${formatMonth(this.month)}</h2>
        <button type="button" @click=${() => (this.month = shiftMonth(this.month, 1))} aria-label=${tp('planning.nextMonth')}>→</button>
      </div>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.loading ? html`<p role="status" class="muted">${tp('planning.loading')}</p>` : nothing}
      ${this.mode === 'month' ? this.renderMonth() : this.renderList()}
    `
  }
}

function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(INTL_LOCALE[currentLocale()], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)))
}

customElements.define('rt-planning-view', PlanningView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-planning-view': PlanningView
  }
}
