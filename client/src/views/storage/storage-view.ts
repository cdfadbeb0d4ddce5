/**
 * Offline storage (route /app/offline): the option to keep upcoming meetings of my bodies offline,
 * every pinned meeting with the bytes its files take and an estimate for its documents,
 * "Speicher freigeben" per meeting, the total, and what the browser reports (usage, quota,
 * whether it keeps the data under storage pressure).
 */
import { LitElement, html, nothing } from 'lit'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize, formatShortDate, formatTime } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { to } from '../../i18n/messages-offline.ts'
import type { MeetingUsage, PinActivity } from '../../services/meeting-pinner.ts'
import type { Session } from '../../services/session.ts'
import { storageViewStyles } from './storage-view.styles.ts'

interface BrowserStorage {
  usage?: number
  quota?: number
  persisted?: boolean
}

export class StorageView extends LitElement {
  static override styles = [themeStyles, storageViewStyles]
  static override properties = {
    session: { attribute: false },
    usage: { state: true },
    total: { state: true },
    browser: { state: true },
    auto: { state: true },
    busy: { state: true },
    activity: { state: true },
    message: { state: true },
  }

  declare session: Session
  declare usage: MeetingUsage[] | undefined
  declare total: number
  declare browser: BrowserStorage | undefined
  declare auto: boolean
  /** meetings being freed */
  declare busy: ReadonlySet<string>
  declare activity: ReadonlyMap<string, PinActivity>
  declare message: string
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.total = 0
    this.auto = false
    this.busy = new Set()
    this.activity = new Map()
    this.message = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.title = `${to('storage.title')} – ${t('app.name')}`
    this.offs.push(
      this.session.pinner.on('change', () => void this.load()),
      this.session.pinner.on('progress', (a) => {
        const next = new Map(this.activity)
        if (a.busy) next.set(a.meetingId, a)
        else next.delete(a.meetingId)
        this.activity = next
      }),
      this.session.autoOffline.on('change', (on) => (this.auto = on)),
    )
    void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
  }

  private async load(): Promise<void> {
    const [usage, total, auto, browser] = await Promise.all([
      this.session.pinner.usage(),
      this.session.pinner.totalFileBytes(),
      this.session.autoOffline.enabled(),
      this.browserStorage(),
    ])
    this.usage = usage
    this.total = total + usage.reduce((s, u) => s + u.documentBytes, 0)
    this.auto = auto
    this.browser = browser
  }

  private async browserStorage(): Promise<BrowserStorage> {
    const storage = navigator.storage
    const out: BrowserStorage = {}
    try {
      const estimate = await storage?.estimate?.()
      if (estimate) {
        out.usage = estimate.usage
        out.quota = estimate.quota
      }
      out.persisted = await storage?.persisted?.()
    } catch {
      // not offered (private window, old browser): the figures stay unknown
    }
    return out
  }

  private async toggleAuto(e: Event): Promise<void> {
    const on = (e.target as HTMLInputElement).checked
    this.auto = on
    this.message = on ? to('storage.autoOn') : to('storage.autoOff')
    await this.session.autoOffline.setEnabled(on)
  }

  private async free(u: MeetingUsage): Promise<void> {
    this.busy = new Set([...this.busy, u.meetingId])
    try {
      await this.session.pinner.unpin(u.meetingId)
      this.message = to('storage.freed', { name: u.name })
      await this.load()
      await this.updateComplete
      // the freed meeting's button is gone: keep the keyboard user in place
      this.renderRoot.querySelector<HTMLElement>('#storage-status')?.focus()
    } finally {
      const next = new Set(this.busy)
      next.delete(u.meetingId)
      this.busy = next
    }
  }

  private renderMeeting(u: MeetingUsage) {
    const running = this.activity.get(u.meetingId)
    return html`<li>
      <a class="name" href=${hrefFor({ name: 'meeting', meetingId: u.meetingId })}>${u.name}</a>
      <dl>
        ${u.start ? html`<dt>${t('meeting.when')}</dt><dd>${formatShortDate(u.start)}, ${formatTime(u.start)}${u.auto ? html` (${to('offline.auto')})` : nothing}</dd>` : nothing}
        <dt>${to('storage.files')}</dt>
        <dd>${to('storage.fileCount', { count: u.files, bytes: formatFileSize(u.fileBytes) })}${u.missing ? html` · ${to('storage.missing', { count: u.missing })}` : nothing}</dd>
        <dt>${to('storage.documents')}</dt>
        <dd>${formatFileSize(u.documentBytes)}</dd>
        <dt>${to('storage.total')}</dt>
        <dd><strong>${formatFileSize(u.fileBytes + u.documentBytes)}</strong>${running ? html` · ${to('offline.busy')}` : nothing}</dd>
      </dl>
      <div class="actions">
        <button type="button" @click=${() => void this.free(u)} ?disabled=${this.busy.has(u.meetingId)}>
          ${to('storage.free')}<span class="visually-hidden"> ${to('storage.freeFor', { name: u.name })}</span>
        </button>
      </div>
    </li>`
  }

  override render() {
    const b = this.browser
    return html`
      <a class="back" href=${hrefFor({ name: 'meetings' })}>← ${to('storage.back')}</a>
      <h1 tabindex="-1">${to('storage.title')}</h1>
      <p class="intro">${to('storage.intro')}</p>
      <div class="setting">
        <label>
          <input type="checkbox" .checked=${this.auto} @change=${(e: Event) => void this.toggleAuto(e)} aria-describedby="auto-hint" />
          <span>${to('storage.autoLabel')}</span>
        </label>
        <p class="hint" id="auto-hint">${to('storage.autoHint')}</p>
      </div>
      <p id="storage-status" tabindex="-1" role="status">${this.message}</p>
      <h2 id="pinned-heading">${to('storage.caption')}</h2>
      ${!this.usage
        ? html`<p role="status">${to('storage.loading')}</p>`
        : this.usage.length
          ? html`<ul class="meetings" aria-labelledby="pinned-heading">
              ${this.usage.map((u) => this.renderMeeting(u))}
            </ul>`
          : html`<p class="notice">${to('storage.none')}</p>`}
      <div class="figures">
        ${this.usage?.length ? html`<p id="storage-total">${to('storage.sum', { bytes: formatFileSize(this.total) })}</p>` : nothing}
        ${b?.quota ? html`<p>${to('storage.quota', { usage: formatFileSize(b.usage ?? 0), quota: formatFileSize(b.quota) })}</p>` : html`<p>${to('storage.quotaUnknown')}</p>`}
        ${b?.persisted !== undefined ? html`<p>${b.persisted ? to('storage.persisted') : to('storage.notPersisted')}</p>` : nothing}
      </div>
    `
  }
}

customElements.define('rt-storage-view', StorageView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-storage-view': StorageView
  }
}
