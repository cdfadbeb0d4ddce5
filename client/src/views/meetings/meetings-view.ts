/**
 * Meeting list: meetings of the user's bodies from the local catalogue (no Automerge document is
 * opened), upcoming first, then past; filter by body; badge for meetings available offline, and
 * "Offline verfügbar machen" on each meeting (one click, progress shown in place).
 */
import { LitElement, html, nothing } from 'lit'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatShortDate, formatTime, townDay } from '../../i18n/format.ts'
import { t, type MessageKey } from '../../i18n/messages.ts'
import '../../components/pin-control/pin-control.ts'
import { to } from '../../i18n/messages-offline.ts'
import { isNetworkError } from '../../services/api-client.ts'
import { PinCancelledError, type PinActivity } from '../../services/meeting-pinner.ts'
import { FindTimeoutError } from '../../services/repo.ts'
import { activeBodyIds } from '../../services/relay-contract.ts'
import type { Session } from '../../services/session.ts'
import { bodiesOf, defaultFilter, filterMeetings, groupMeetings, meetingEntries, type BodyFilter, type MeetingListEntry } from './meeting-groups.ts'
import { meetingsViewStyles } from './meetings-view.styles.ts'

const STATES = ['planned', 'invited', 'running', 'held', 'cancelled']
export function stateLabel(state: string): string {
  return STATES.includes(state) ? t(`state.${state}` as MessageKey) : state
}

export class MeetingsView extends LitElement {
  static override styles = [themeStyles, meetingsViewStyles]
  static override properties = {
    session: { attribute: false },
    entries: { state: true },
    pinned: { state: true },
    filter: { state: true },
    loaded: { state: true },
    activity: { state: true },
    pinErrors: { state: true },
    autoPinned: { state: true },
  }

  declare session: Session
  declare entries: MeetingListEntry[]
  declare pinned: Set<string>
  declare filter: BodyFilter | undefined
  declare loaded: boolean
  /** running pins by meeting id */
  declare activity: ReadonlyMap<string, PinActivity>
  declare pinErrors: ReadonlyMap<string, string>
  declare autoPinned: ReadonlySet<string>
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.entries = []
    this.pinned = new Set()
    this.loaded = false
    this.activity = new Map()
    this.pinErrors = new Map()
    this.autoPinned = new Set()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.title = `${t('meetings.title')} – ${t('app.name')}`
    this.offs.push(
      this.session.catalogue.on('change', () => void this.load()),
      this.session.pinner.on('change', () => void this.load()),
      this.session.pinner.on('progress', (a) => {
        const next = new Map(this.activity)
        if (a.busy) next.set(a.meetingId, a)
        else next.delete(a.meetingId)
        this.activity = next
        // the pin is recorded before its run ends: show the badge now, not after the next load
        if (!a.busy && a.error === undefined) this.pinned = new Set([...this.pinned, a.meetingId])
      }),
    )
    void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
  }

  private get myBodies(): Set<string> {
    return activeBodyIds(this.session.me, townDay(new Date()))
  }

  private async load(): Promise<void> {
    const [rows, pins] = await Promise.all([this.session.catalogue.meetings(), this.session.pinner.all()])
    this.entries = meetingEntries(rows)
    this.pinned = new Set(pins.map((p) => p.meetingId))
    this.autoPinned = new Set(pins.filter((p) => p.auto).map((p) => p.meetingId))
    this.filter ??= this.entries.length ? defaultFilter(this.entries, this.myBodies) : undefined
    this.loaded = true
  }

  private async pin(meetingId: string): Promise<void> {
    const errors = new Map(this.pinErrors)
    errors.delete(meetingId)
    this.pinErrors = errors
    try {
      await this.session.pinner.pin(meetingId)
    } catch (e) {
      if (e instanceof PinCancelledError) return
      const reason = isNetworkError(e) ? t('error.offline') : e instanceof FindTimeoutError ? t('pin.needsConnection') : e instanceof Error ? e.message : String(e)
      this.pinErrors = new Map(this.pinErrors).set(meetingId, t('pin.failed', { reason }))
    }
  }

  private onFilter(e: Event): void {
    this.filter = (e.target as HTMLSelectElement).value as BodyFilter
  }

  private renderEntry(e: MeetingListEntry, past: boolean) {
    return html`<li class=${past ? 'past' : ''}>
      <a class="name" href=${hrefFor({ name: 'meeting', meetingId: e.meetingId })}>${e.name}</a>
      <span class="meta">
        <span>${formatShortDate(e.start)}, ${formatTime(e.start)}</span>
        <span>${e.organizationName}</span>
        <span>${stateLabel(e.state)}</span>
      </span>
      ${this.pinned.has(e.meetingId) && !this.activity.has(e.meetingId)
        ? html`<span class="badge"
            ><svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="3"/></svg>${t(
              'meetings.pinned',
            )}${this.autoPinned.has(e.meetingId) ? html` (${to('offline.auto')})` : nothing}</span
          >`
        : html`<rt-pin-control
            compact
            subject=${e.name}
            ?busy=${this.activity.has(e.meetingId)}
            .progress=${this.activity.get(e.meetingId)?.progress}
            error=${this.pinErrors.get(e.meetingId) ?? ''}
            @pin=${() => void this.pin(e.meetingId)}
          ></rt-pin-control>`}
    </li>`
  }

  private renderGroup(id: string, title: string, list: MeetingListEntry[], past: boolean) {
    return html`<section aria-labelledby=${id}>
      <h2 id=${id}>${title}</h2>
      ${list.length ? html`<ul>${list.map((e) => this.renderEntry(e, past))}</ul>` : html`<p class="empty">${t('meetings.none')}</p>`}
    </section>`
  }

  override render() {
    const filter = this.filter ?? 'all'
    const visible = filterMeetings(this.entries, filter, this.myBodies)
    const { upcoming, past } = groupMeetings(visible, new Date())
    const hasMine = this.entries.some((e) => this.myBodies.has(e.organizationId))
    return html`
      <div class="head">
        <h1 tabindex="-1">${t('meetings.title')}</h1>
        ${this.entries.length
          ? html`<label class="filter"
              >${t('meetings.filter')}
              <select @change=${this.onFilter} .value=${filter}>
                ${hasMine ? html`<option value="mine" ?selected=${filter === 'mine'}>${t('meetings.filter.mine')}</option>` : nothing}
                <option value="all" ?selected=${filter === 'all'}>${t('meetings.filter.all')}</option>
                ${bodiesOf(this.entries).map((b) => html`<option value=${`org:${b.id}`} ?selected=${filter === `org:${b.id}`}>${b.name}</option>`)}
              </select>
            </label>`
          : nothing}
      </div>
      <p class="storage-link"><a href=${hrefFor({ name: 'offline' })}>${to('offline.storageLink')}</a></p>
      ${!this.loaded
        ? html`<p role="status">${t('meetings.loading')}</p>`
        : !this.entries.length
          ? html`<p class="notice" role="status">${this.session.catalogue.lastRefresh ? t('meetings.none') : t('meetings.empty')}</p>`
          : html`${this.renderGroup('upcoming', t('meetings.upcoming'), upcoming, false)} ${this.renderGroup('past', t('meetings.past'), past, true)}`}
    `
  }
}

customElements.define('rt-meetings-view', MeetingsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-meetings-view': MeetingsView
  }
}
