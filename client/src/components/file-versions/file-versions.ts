/**
 * Status and versions of one file on an agenda item: a badge saying whether the current version is
 * on this device ("aktuell auf diesem Gerät", "neuere Version online", "nicht heruntergeladen"),
 * "geändert seit Sie es gelesen haben", and — when the file has several versions — the list of
 * versions with date, author and reason, each to open or to compare with the current one.
 * Badges are words with an icon, never colour alone.
 */
import { LitElement, html, nothing, svg } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatFileSize, formatShortDate, formatTime } from '../../i18n/format.ts'
import { to } from '../../i18n/messages-offline.ts'
import type { CacheBadge, FileStatus } from '../../services/file-versions.ts'
import { fileVersionsStyles } from './file-versions.styles.ts'

const ICONS: Record<CacheBadge | 'changed', ReturnType<typeof svg>> = {
  current: svg`<path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="3"/>`,
  'newer-online': svg`<path d="M12 4v12M6 10l6 6 6-6M5 20h14" fill="none" stroke="currentColor" stroke-width="2.5"/>`,
  'not-downloaded': svg`<circle cx="12" cy="12" r="7.5" fill="none" stroke="currentColor" stroke-width="2.5"/>`,
  changed: svg`<path d="M12 3l10 18H2z" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="M12 10v5M12 17.5v1" stroke="currentColor" stroke-width="2.2"/>`,
}

const BADGE_TEXT: Record<CacheBadge, () => string> = {
  current: () => to('file.badge.current'),
  'newer-online': () => to('file.badge.newer'),
  'not-downloaded': () => to('file.badge.none'),
}

const BADGE_CLASS: Record<CacheBadge, string> = { current: 'current', 'newer-online': 'newer', 'not-downloaded': 'none' }

/** The words of the badges, for other views and tests. */
export function badgeTexts(status: Pick<FileStatus, 'badge' | 'changedSinceRead'>): string[] {
  return [BADGE_TEXT[status.badge](), ...(status.changedSinceRead ? [to('file.badge.changed')] : [])]
}

export class FileVersionsView extends LitElement {
  static override styles = [themeStyles, fileVersionsStyles]
  static override properties = {
    status: { attribute: false },
    openHref: { attribute: false },
    compareHref: { attribute: false },
    open: { state: true },
  }

  declare status: FileStatus | undefined
  /** link that opens a version in the reader */
  declare openHref: (sha256: string) => string
  /** link to the comparison of two versions (older first) */
  declare compareHref: (olderSha: string, newerSha: string) => string
  /** the version list is rendered only while its disclosure is open: a long agenda stays light */
  declare open: boolean

  constructor() {
    super()
    this.openHref = () => '#'
    this.compareHref = () => '#'
    this.open = false
  }

  private icon(kind: CacheBadge | 'changed') {
    return html`<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">${ICONS[kind]}</svg>`
  }

  override render() {
    const s = this.status
    if (!s) return nothing
    const name = s.file.title
    const current = s.current
    return html`
      <ul class="badges" aria-label=${to('file.status', { name })}>
        <li class="badge ${BADGE_CLASS[s.badge]}" data-badge=${s.badge}>${this.icon(s.badge)}${BADGE_TEXT[s.badge]()}</li>
        ${s.changedSinceRead ? html`<li class="badge changed" data-badge="changed">${this.icon('changed')}${to('file.badge.changed')}</li>` : nothing}
      </ul>
      ${s.file.versions.length > 1
        ? html`<details @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
            <summary>${to('file.versions', { count: s.file.versions.length })}<span class="visually-hidden">: ${name}</span></summary>
            ${this.open ? this.renderVersions(s) : nothing}
          </details>`
        : nothing}
    `
  }

  private renderVersions(s: FileStatus) {
    const name = s.file.title
    const current = s.current
    return html`<ol aria-label=${to('file.versionsOf', { name })}>
              ${[...s.file.versions].reverse().map((v) => {
                const isCurrent = v.sha256 === current.sha256
                const flags = [
                  isCurrent ? to('file.version.current') : '',
                  v.sha256 === s.file.shown.sha256 ? to('file.version.shown') : '',
                  s.cachedVersions.includes(v.version) ? to('file.version.onDevice') : '',
                  s.read?.sha256 === v.sha256 ? to('file.version.read') : '',
                ].filter(Boolean)
                return html`<li class=${isCurrent ? 'is-current' : ''}>
                  <span class="version-head">${to('file.version', { version: v.version })}${flags.length ? html` – ${flags.join(', ')}` : nothing}</span>
                  <span class="meta"
                    >${v.name} · ${formatFileSize(v.size)}${v.uploadedAt
                      ? html` · ${to('file.version.by', { date: `${formatShortDate(v.uploadedAt)} ${formatTime(v.uploadedAt)}`, name: v.uploadedByName ?? '' })}`
                      : nothing}</span
                  >
                  ${v.comment ? html`<span class="comment">„${v.comment}“</span>` : nothing}
                  <span class="actions">
                    <a href=${this.openHref(v.sha256)}>${to('file.open')}<span class="visually-hidden">: ${to('file.openVersion', { version: v.version, name })}</span></a>
                    ${isCurrent
                      ? nothing
                      : html`<a class="compare" href=${this.compareHref(v.sha256, current.sha256)}
                          >${to('file.compare', { version: current.version })}<span class="visually-hidden"
                            >: ${to('file.compareLabel', { a: v.version, b: current.version, name })}</span
                          ></a
                        >`}
                  </span>
                </li>`
              })}
            </ol>`
  }
}

customElements.define('rt-file-versions', FileVersionsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-file-versions': FileVersionsView
  }
}
