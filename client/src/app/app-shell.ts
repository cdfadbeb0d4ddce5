/**
 * The app frame: skip link, header (brand, navigation, sync status, user, sign-out), main
 * landmark, and the router. Decides at start whether to show the login view or the user's data:
 * signed in at the relay, or — offline — the last signed-in user from the device database.
 *
 * Between sign-in and the data stands the app lock: the first time on a device the user chooses a
 * PIN before anything is stored, afterwards every start (and every lock: button, auto-lock, another
 * tab) shows the lock screen. Locking stops the session and drops it, the data key and every view
 * holding decrypted data; unlocking opens the session again on the same route.
 */
import { LitElement, html, nothing } from 'lit'
import '../components/sync-status/sync-status.ts'
import '../components/notification-settings/notification-settings.ts'
import '../components/app-lock/app-lock.ts'
import '../components/lock-settings/lock-settings.ts'
import type { UnlockedDetail } from '../components/app-lock/app-lock.ts'
import { tl } from '../i18n/messages-lock.ts'
import { AppLock, DeviceAppLockStore } from '../services/app-lock.ts'
import { AUTO_LOCK_DEFAULT_MINUTES } from '../services/app-lock-policy.ts'
import { IdleTimer } from '../services/idle-timer.ts'
import type { LocalCipher } from '../services/local-cipher.ts'
import { WebAuthnPrfAuthenticator } from '../services/platform-authenticator.ts'
import { t } from '../i18n/messages.ts'
import { ApiClient } from '../services/api-client.ts'
import { PushService } from '../services/push.ts'
import { AuthService } from '../services/auth.ts'
import { DeviceDb, unsyncedChanges } from '../services/local-db.ts'
import type { Me } from '../services/relay-contract.ts'
import { Session, wipePending, wipeUserData } from '../services/session.ts'
import type { SyncStatus } from '../services/sync-status-state.ts'
import '../views/login/login-view.ts'
import '../views/meeting/meeting-view.ts'
import '../views/reader/reader-view.ts'
import '../views/reader/annotations-view.ts'
import '../views/meetings/meetings-view.ts'
import '../views/storage/storage-view.ts'
import '../views/search/search-view.ts'
import { ts } from '../i18n/messages-search.ts'
import '../views/compare/compare-view.ts'
import '../views/not-found/not-found-view.ts'
import '../views/admin/admin-view.ts'
import '../views/admin-import/admin-import-view.ts'
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
import '../views/allowances/allowances-view.ts'
import '../views/allowances/finance-view.ts'
import { ta } from '../views/allowances/messages-allowances.ts'
import { appShellStyles } from './app-shell.styles.ts'
import { APP_BASE, hrefFor, parseRoute, type Route } from './routes.ts'
import { themeStyles } from './theme.styles.ts'

type Phase = 'starting' | 'login' | 'setup' | 'locked' | 'app' | 'error'

/** Tabs of the app tell each other when one locks: a lock holds for the whole device. */
const LOCK_CHANNEL = 'ratstisch-app-lock'

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
    account: { state: true },
    unsynced: { state: true },
    updateReady: { type: Boolean, attribute: 'update-ready' },
  }

  declare phase: Phase
  declare route: Route
  declare session: Session | undefined
  declare syncStatus: SyncStatus
  declare notice: string
  declare errorDetail: string
  declare updateReady: boolean
  /** the signed-in (or last) account while setting up, locked or unlocked */
  declare account: Me | undefined
  declare unsynced: number

  private readonly device = new DeviceDb()
  private readonly api = new ApiClient({ onUnauthorized: () => void this.onUnauthorized() })
  private readonly auth = new AuthService(this.api, this.device)
  private readonly appLock = new AppLock(new DeviceAppLockStore(this.device), { authenticator: new WebAuthnPrfAuthenticator() })
  private readonly idle = new IdleTimer(AUTO_LOCK_DEFAULT_MINUTES, () => void this.lockApp())
  private readonly lockChannel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(LOCK_CHANNEL)
  private offStatus: (() => void) | undefined

  constructor() {
    super()
    this.phase = 'starting'
    this.route = parseRoute(location.pathname, location.search)
    this.syncStatus = 'syncing'
    this.notice = ''
    this.errorDetail = ''
    this.updateReady = false
    this.account = undefined
    this.unsynced = 0
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('popstate', this.onPopState)
    window.addEventListener('click', this.onLinkClick)
    this.addEventListener('navigate', this.onNavigate as EventListener)
    this.lockChannel?.addEventListener('message', this.onLockMessage)
    void this.boot()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.onPopState)
    window.removeEventListener('click', this.onLinkClick)
    this.lockChannel?.removeEventListener('message', this.onLockMessage)
    this.idle.stop()
  }

  private async boot(): Promise<void> {
    try {
      await wipePending(this.device)
      const resumed = await this.auth.resume()
      if (resumed) await this.showLock(resumed.me)
      else this.phase = 'login'
    } catch (e) {
      console.error('start failed', e)
      this.errorDetail = e instanceof Error ? e.message : String(e)
      this.phase = 'error'
    }
  }

  /** The lock screen for `me`: choose a PIN the first time on this device, else unlock. */
  private async showLock(me: Me): Promise<void> {
    this.account = me
    this.unsynced = await unsyncedChanges(me.id).catch(() => 0)
    this.phase = (await this.appLock.state(me.id)) === 'none' ? 'setup' : 'locked'
  }

  private async openSession(me: Me, cipher: LocalCipher): Promise<void> {
    const session = await Session.open(me, await this.auth.deviceId(), this.api, this.device, cipher)
    this.session = session
    this.syncStatus = session.status.status
    this.offStatus = session.status.on('status', (s) => (this.syncStatus = s))
    this.phase = 'app'
    this.idle.setMinutes((await this.appLock.row(me.id))?.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES)
    this.idle.start()
  }

  private async onSignedIn(e: CustomEvent<Me>): Promise<void> {
    this.notice = ''
    await this.showLock(e.detail)
  }

  private async onUnlocked(e: CustomEvent<UnlockedDetail>): Promise<void> {
    const me = this.account
    if (!me) return
    try {
      await this.openSession(me, e.detail.cipher)
      this.notice = e.detail.notice ?? ''
      await this.focusMain()
    } catch (err) {
      this.errorDetail = err instanceof Error ? err.message : String(err)
      this.phase = 'error'
    }
  }

  /**
   * Locks: the session stops (sync, repo, database), and the session, the data key and the views
   * showing decrypted data are dropped; the route stays, so unlocking returns to it.
   */
  private async lockApp(broadcast = true): Promise<void> {
    if (this.phase !== 'app' || !this.session) return
    const session = this.session
    this.idle.stop()
    this.offStatus?.()
    this.session = undefined
    this.notice = ''
    await this.showLock(session.me)
    if (broadcast) this.lockChannel?.postMessage({ type: 'lock', userId: session.me.id })
    // the lock screen puts the focus on the PIN field itself
    await session.stop()
  }

  private readonly onLockMessage = (e: MessageEvent<{ type?: string; userId?: string }>) => {
    if (e.data?.type === 'lock' && e.data.userId === this.session?.me.id) void this.lockApp(false)
  }

  /**
   * "PIN vergessen", or the tenth wrong PIN: the key is gone (or goes now), the local data is
   * deleted and the user signs in again. Nothing of theirs stays readable on the device.
   */
  private async forgetAccount(notice: string): Promise<void> {
    const me = this.account
    if (!me) return
    const session = this.session
    this.session = undefined
    this.idle.stop()
    this.offStatus?.()
    await this.appLock.remove(me.id)
    await session?.stop()
    await this.auth.signOut(me.id)
    await wipeUserData(this.device, me.id)
    this.account = undefined
    this.notice = notice
    this.phase = 'login'
    await this.focusMain()
  }

  /** The relay no longer accepts our session cookie: keep the local data, ask to sign in. */
  private async onUnauthorized(): Promise<void> {
    if (this.phase !== 'app') return
    const session = this.session
    this.idle.stop()
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
    this.idle.stop()
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
    this.route = parseRoute(location.pathname, location.search)
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
    this.notice = ''
    if (path !== location.pathname + location.search) history.pushState(null, '', path)
    const url = new URL(path, location.href)
    this.route = parseRoute(url.pathname, url.search)
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
        return html`<rt-reader-view .session=${session} .route=${r}></rt-reader-view>`
      case 'annotations':
        return html`<rt-annotations-view .session=${session} meeting-id=${r.meetingId}></rt-annotations-view>`
      case 'compare':
        return html`<rt-compare-view .session=${session} meeting-id=${r.meetingId} sha-a=${r.shaA} sha-b=${r.shaB}></rt-compare-view>`
      case 'offline':
        return html`<rt-storage-view .session=${session}></rt-storage-view>`
      case 'search':
        return html`<rt-search-view .session=${session} .params=${r}></rt-search-view>`
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
      case 'admin-import':
        return html`<rt-admin-import-view .session=${session}></rt-admin-import-view>`
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
      case 'allowances':
        return html`<rt-allowances-view .session=${session}></rt-allowances-view>`
      case 'finance':
        return html`<rt-finance-view .session=${session} section=${r.section}></rt-finance-view>`
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
      case 'setup':
      case 'locked':
        return this.account
          ? html`<rt-app-lock
              .lock=${this.appLock}
              .me=${this.account}
              mode=${this.phase === 'setup' ? 'setup' : 'unlock'}
              unsynced=${this.unsynced}
              @unlocked=${this.onUnlocked}
              @forget=${() => void this.forgetAccount(tl('lock.forgotten'))}
              @exhausted=${() => void this.forgetAccount(tl('lock.wiped'))}
            ></rt-app-lock>`
          : nothing
      case 'error':
        return html`<rt-not-found-view kind="error" detail=${this.errorDetail}></rt-not-found-view>`
      case 'app':
        return this.session
          ? html`${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}${this.renderRoute(this.session)}`
          : nothing
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
                  <li>
                    <a href=${hrefFor({ name: 'search' })} aria-current=${this.route.name === 'search' ? 'page' : nothing}>${ts('search.nav')}</a>
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
                  ${session.me.roles.some((r) => r === 'member' || r === 'finance')
                    ? html`<li>
                        <a
                          href=${hrefFor(session.me.roles.includes('finance') ? { name: 'finance', section: 'claims' } : { name: 'allowances' })}
                          aria-current=${this.route.name === 'allowances' || this.route.name === 'finance' ? 'page' : nothing}
                          >${ta('nav.allowances')}</a
                        >
                      </li>`
                    : nothing}
                  ${session.me.roles.some((r) => r === 'clerk' || r === 'admin')
                    ? html`<li>
                        <a href=${hrefFor({ name: 'admin', section: 'terms' })} aria-current=${this.route.name === 'admin' || this.route.name === 'admin-import' ? 'page' : nothing}
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
                <rt-lock-settings
                  .lock=${this.appLock}
                  .me=${session.me}
                  @auto-lock-changed=${(e: CustomEvent<number>) => this.idle.setMinutes(e.detail)}
                  @exhausted=${() => void this.forgetAccount(tl('lock.wiped'))}
                ></rt-lock-settings>
                <button type="button" @click=${() => void this.lockApp()}>${tl('lock.button')}</button>
                <button type="button" @click=${() => void this.logout()}>${t('app.logout')}</button>
              </span>`
          : nothing}
      </header>
      <main id="main" tabindex="-1" class=${this.phase === 'app' && this.route.name === 'file' ? 'wide' : ''}>${this.renderMain()}</main>
    `
  }
}

customElements.define('rt-app-shell', AppShell)

declare global {
  interface HTMLElementTagNameMap {
    'rt-app-shell': AppShell
  }
}
