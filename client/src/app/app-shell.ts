/**
 * The app frame: skip link, header (brand, navigation, sync status, user, sign-out), main
 * landmark, and the router. Decides at start whether to show the login view or the user's data:
 * signed in at the relay, or — offline — the last signed-in user from the device database.
 */
import { LitElement, html, nothing } from 'lit'
import '../components/sync-status/sync-status.ts'
import '../components/notification-settings/notification-settings.ts'
import { t } from '../i18n/messages.ts'
import { ApiClient } from '../services/api-client.ts'
import { PushService } from '../services/push.ts'
import { AuthService } from '../services/auth.ts'
import { DeviceDb } from '../services/local-db.ts'
import type { Me } from '../services/relay-contract.ts'
import { Session, wipePending } from '../services/session.ts'
import type { SyncStatus } from '../services/sync-status-state.ts'
import '../views/login/login-view.ts'
import '../views/meeting/meeting-view.ts'
import '../views/meetings/meetings-view.ts'
import '../views/not-found/not-found-view.ts'
import '../views/admin/admin-view.ts'
import '../views/paper/paper-new-view.ts'
import '../views/paper/paper-view.ts'
import '../views/paper-lists/paper-lists-view.ts'
import '../views/resolutions/resolutions-view.ts'
import '../views/circulars/circulars-view.ts'
import { tr } from '../i18n/messages-resolutions.ts'
import '../views/planning/planning-view.ts'
import '../views/agenda/agenda-view.ts'
import '../views/live/live-view.ts'
import '../views/minutes/minutes-view.ts'
import { tp } from '../i18n/messages-planning.ts'
import { appShellStyles } from './app-shell.styles.ts'
import { APP_BASE, hrefFor, parseRoute, type Route } from './routes.ts'
import { themeStyles } from './theme.styles.ts'

type Phase = 'starting' | 'login' | 'app' | 'error'

/** Staff of the administration work with papers (Amtsinfo). */
const isStaff = (roles: readonly string[]) => roles.some((r) => r === 'author' || r === 'approver' || r === 'clerk' || r === 'admin')

export class AppShell extends LitElement {
  static override styles = [themeStyles, appShellStyles]
  static override properties = {
    phase: { state: true },
    route: { state: true },
    session: { state: true },
    syncStatus: { state: true },
    notice: { state: true },
    errorDetail: { state: true },
    updateReady: { type: Boolean, attribute: 'update-ready' },
  }

  declare phase: Phase
  declare route: Route
  declare session: Session | undefined
  declare syncStatus: SyncStatus
  declare notice: string
  declare errorDetail: string
  declare updateReady: boolean

  private readonly device = new DeviceDb()
  private readonly api = new ApiClient({ onUnauthorized: () => void this.onUnauthorized() })
  private readonly auth = new AuthService(this.api, this.device)
  private offStatus: (() => void) | undefined

  constructor() {
    super()
    this.phase = 'starting'
    this.route = parseRoute(location.pathname)
    this.syncStatus = 'syncing'
    this.notice = ''
    this.errorDetail = ''
    this.updateReady = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('popstate', this.onPopState)
    window.addEventListener('click', this.onLinkClick)
    this.addEventListener('navigate', this.onNavigate as EventListener)
    void this.boot()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.onPopState)
    window.removeEventListener('click', this.onLinkClick)
  }

  private async boot(): Promise<void> {
    try {
      await wipePending(this.device)
      const resumed = await this.auth.resume()
      if (resumed) await this.openSession(resumed.me)
      else this.phase = 'login'
    } catch (e) {
      console.error('start failed', e)
      this.errorDetail = e instanceof Error ? e.message : String(e)
      this.phase = 'error'
    }
  }

  private async openSession(me: Me): Promise<void> {
    const session = await Session.open(me, await this.auth.deviceId(), this.api, this.device)
    this.session = session
    this.syncStatus = session.status.status
    this.offStatus = session.status.on('status', (s) => (this.syncStatus = s))
    this.notice = ''
    this.phase = 'app'
  }

  private async onSignedIn(e: CustomEvent<Me>): Promise<void> {
    try {
      await this.openSession(e.detail)
      await this.focusMain()
    } catch (err) {
      this.errorDetail = err instanceof Error ? err.message : String(err)
      this.phase = 'error'
    }
  }

  /** The relay no longer accepts our session cookie: keep the local data, ask to sign in. */
  private async onUnauthorized(): Promise<void> {
    if (this.phase !== 'app') return
    const session = this.session
    this.offStatus?.()
    this.session = undefined
    this.notice = t('app.sessionExpired')
    this.phase = 'login'
    await session?.stop()
  }

  private async logout(): Promise<void> {
    const session = this.session
    if (!session) return
    if ((session.tracker.count > 0 || session.outbox.count > 0) && !window.confirm(t('app.logout.unsynced'))) return
    this.offStatus?.()
    // this device stops receiving the signed-out user's notices (best effort, bounded: the
    // relay also drops subscriptions whose push service answers 410)
    await Promise.race([new PushService(this.api).disable().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000))])
    await this.auth.signOut(session.me.id)
    await session.wipe(this.device)
    // a fresh page: no handle, socket or connection of the signed-out user survives
    location.assign(APP_BASE)
  }

  /** Views ask for navigation with a composed `navigate` event carrying the path. */
  private readonly onNavigate = (e: CustomEvent<string>) => {
    if (typeof e.detail === 'string' && e.detail.startsWith(APP_BASE)) this.navigate(e.detail)
  }

  private readonly onPopState = () => {
    this.route = parseRoute(location.pathname)
    void this.focusMain()
  }

  /** In-app links navigate with the History API (the service worker serves index.html for deep links). */
  private readonly onLinkClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement)
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return
    const url = new URL(anchor.href, location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith(APP_BASE) || anchor.classList.contains('skip-link')) return
    e.preventDefault()
    this.navigate(url.pathname + url.search)
  }

  navigate(path: string): void {
    if (path !== location.pathname + location.search) history.pushState(null, '', path)
    this.route = parseRoute(new URL(path, location.href).pathname)
    void this.focusMain()
  }

  private async focusMain(): Promise<void> {
    await this.updateComplete
    const main = this.renderRoot.querySelector<HTMLElement>('main')
    main?.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }

  private skipToContent(e: Event): void {
    e.preventDefault()
    void this.focusMain()
  }

  private renderRoute(session: Session) {
    const r = this.route
    switch (r.name) {
      case 'meetings':
        return html`<rt-meetings-view .session=${session}></rt-meetings-view>`
      case 'meeting':
        return html`<rt-meeting-view .session=${session} meeting-id=${r.meetingId}></rt-meeting-view>`
      case 'file':
        return html`<rt-meeting-view .session=${session} meeting-id=${r.meetingId} file-sha=${r.sha256}></rt-meeting-view>`
      case 'papers':
        return html`<rt-paper-lists-view .session=${session} mode="work"></rt-paper-lists-view>`
      case 'papers-overview':
        return html`<rt-paper-lists-view .session=${session} mode="overview"></rt-paper-lists-view>`
      case 'paper-new':
        return html`<rt-paper-new-view .session=${session}></rt-paper-new-view>`
      case 'paper':
        return html`<rt-paper-view .session=${session} paper-id=${r.paperId}></rt-paper-view>`
      case 'admin':
        return html`<rt-admin-view .session=${session} section=${r.section}></rt-admin-view>`
      case 'planning':
        return html`<rt-planning-view .session=${session}></rt-planning-view>`
      case 'agenda':
        return html`<rt-agenda-view .session=${session} meeting-id=${r.meetingId}></rt-agenda-view>`
      case 'live':
        return html`<rt-live-view .session=${session} meeting-id=${r.meetingId}></rt-live-view>`
      case 'minutes':
        return html`<rt-minutes-view .session=${session} meeting-id=${r.meetingId}></rt-minutes-view>`
      case 'resolutions':
        return html`<rt-resolutions-view .session=${session}></rt-resolutions-view>`
      case 'circulars':
        return html`<rt-circulars-view .session=${session}></rt-circulars-view>`
      case 'circular':
        return html`<rt-circulars-view .session=${session} circular-id=${r.circularId}></rt-circulars-view>`
      case 'not-found':
        return html`<rt-not-found-view kind="not-found" path=${r.path}></rt-not-found-view>`
    }
  }

  private renderMain() {
    switch (this.phase) {
      case 'starting':
        return html`<p role="status">${t('app.starting')}</p>`
      case 'login':
        return html`<rt-login-view .auth=${this.auth} notice=${this.notice} @signed-in=${this.onSignedIn}></rt-login-view>`
      case 'error':
        return html`<rt-not-found-view kind="error" detail=${this.errorDetail}></rt-not-found-view>`
      case 'app':
        return this.session ? this.renderRoute(this.session) : nothing
    }
  }

  override render() {
    const session = this.phase === 'app' ? this.session : undefined
    return html`
      <a class="skip-link" href="#main" @click=${this.skipToContent}>${t('app.skipLink')}</a>
      ${this.updateReady
        ? html`<div class="update" role="status">
            ${t('app.update')} <button type="button" @click=${() => location.reload()}>${t('app.update.reload')}</button>
          </div>`
        : nothing}
      <header>
        <a class="brand" href=${hrefFor({ name: 'meetings' })}>
          <img src="${APP_BASE}icons/icon.svg" alt="" width="32" height="32" />${t('app.name')}
        </a>
        ${session
          ? html`<nav aria-label=${t('app.nav')}>
                <ul>
                  <li>
                    <a href=${hrefFor({ name: 'meetings' })} aria-current=${this.route.name === 'meetings' ? 'page' : nothing}>${t('app.nav.meetings')}</a>
                  </li>
                  ${isStaff(session.me.roles)
                    ? html`<li>
                        <a href=${hrefFor({ name: 'papers' })} aria-current=${this.route.name === 'papers' ? 'page' : nothing}>${t('app.nav.papers')}</a>
                      </li>`
                    : nothing}
                  ${session.me.roles.some((r) => r === 'approver' || r === 'clerk' || r === 'admin')
                    ? html`<li>
                        <a href=${hrefFor({ name: 'papers-overview' })} aria-current=${this.route.name === 'papers-overview' ? 'page' : nothing}
                          >${t('app.nav.overview')}</a
                        >
                      </li>`
                    : nothing}
                  ${session.me.roles.some((r) => r === 'clerk' || r === 'admin')
                    ? html`<li>
                        <a href=${hrefFor({ name: 'planning' })} aria-current=${this.route.name === 'planning' ? 'page' : nothing}>${tp('planning.title')}</a>
                      </li>`
                    : nothing}
                  <li>
                    <a href=${hrefFor({ name: 'resolutions' })} aria-current=${this.route.name === 'resolutions' ? 'page' : nothing}>${tr('nav.resolutions')}</a>
                  </li>
                  ${session.me.roles.some((r) => r === 'clerk' || r === 'admin' || r === 'member')
                    ? html`<li>
                        <a href=${hrefFor({ name: 'circulars' })} aria-current=${this.route.name === 'circulars' || this.route.name === 'circular' ? 'page' : nothing}
                          >${tr('nav.circulars')}</a
                        >
                      </li>`
                    : nothing}
                  ${session.me.roles.some((r) => r === 'clerk' || r === 'admin')
                    ? html`<li>
                        <a href=${hrefFor({ name: 'admin', section: 'terms' })} aria-current=${this.route.name === 'admin' ? 'page' : nothing}
                          >${t('app.nav.admin')}</a
                        >
                      </li>`
                    : nothing}
                </ul>
              </nav>
              <span class="spacer"></span>
              <rt-sync-status .status=${this.syncStatus}></rt-sync-status>
              <span class="user">
                <span>${t('app.signedInAs', { name: session.me.name })}</span>
                <rt-notification-settings .api=${this.api}></rt-notification-settings>
                <button type="button" @click=${() => void this.logout()}>${t('app.logout')}</button>
              </span>`
          : nothing}
      </header>
      <main id="main" tabindex="-1">${this.renderMain()}</main>
    `
  }
}

customElements.define('rt-app-shell', AppShell)

declare global {
  interface HTMLElementTagNameMap {
    'rt-app-shell': AppShell
  }
}
