/**
 * Compare two versions of a file of a meeting (route /app/meetings/:id/compare/:older/:newer):
 * both PDFs come from the blob cache (offline) or the relay, pdf.js extracts each page's text
 * (pageText, the app's one definition of page text) and the view shows a word-level diff per page.
 * Insertions and deletions are <ins>/<del> with underline or strike-through and are named for
 * screen readers, never marked by colour alone; the counts say how much changed where.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import type { PDFDocumentProxy } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import type { MeetingConfidentialDoc, MeetingDoc } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatShortDate, formatTime } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import { to } from '../../i18n/messages-offline.ts'
import { documentPageTexts } from '@ratstisch/search'
import { isNetworkError } from '../../services/api-client.ts'
import { logicalFileOf, type VersionEntry } from '../../services/file-versions.ts'
import type { MeetingFileSet, PlannedFile } from '../../services/meeting-pinner.ts'
import type { Session } from '../../services/session.ts'
import { compareViewStyles } from './compare-view.styles.ts'
import { diffVersions, type DiffPart, type VersionDiff } from './version-diff.ts'

type PdfJs = typeof import('pdfjs-dist')
let pdfjsPromise: Promise<PdfJs> | undefined

/** pdf.js on first use, with its bundled (precached) worker, as the viewer loads it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
    return pdfjs
  })
  return pdfjsPromise
}

async function pageTextsOf(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({ data: bytes })
  let pdf: PDFDocumentProxy | undefined
  try {
    pdf = await task.promise
    return await documentPageTexts(pdf)
  } finally {
    await task.destroy()
  }
}

interface Described {
  title: string
  older: VersionEntry
  newer: VersionEntry
}

/** Version labels of the two files: from the attachment both belong to, else from the files themselves. */
export function describeVersions(set: MeetingFileSet, a: PlannedFile, b: PlannedFile): Described {
  for (const handle of set.handles) {
    const doc = handle.doc() as MeetingDoc | MeetingConfidentialDoc | undefined
    if (doc?.type !== 'meeting' && doc?.type !== 'meeting-confidential') continue
    for (const item of doc.agendaItems ?? []) {
      for (const ref of item.files ?? []) {
        const paperHandle = item.paper?.id ? set.papers.get(item.paper.id) : undefined
        const file = logicalFileOf(ref, item.paper?.id, paperHandle?.isReady() ? paperHandle.doc() : undefined)
        const older = file.versions.find((v) => v.sha256 === a.ref.sha256)
        const newer = file.versions.find((v) => v.sha256 === b.ref.sha256)
        if (older && newer) return { title: file.title, older, newer }
      }
    }
  }
  const entry = (f: PlannedFile, version: number): VersionEntry => ({ sha256: f.ref.sha256, version: f.ref.version ?? version, name: f.ref.name, mime: f.ref.mime, size: f.ref.size })
  return { title: a.ref.name === b.ref.name ? a.ref.name : `${a.ref.name} / ${b.ref.name}`, older: entry(a, 1), newer: entry(b, 2) }
}

export class CompareView extends LitElement {
  static override styles = [themeStyles, compareViewStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    shaA: { type: String, attribute: 'sha-a' },
    shaB: { type: String, attribute: 'sha-b' },
    phase: { state: true },
    error: { state: true },
    described: { state: true },
    diff: { state: true },
    showUnchanged: { state: true },
  }

  declare session: Session
  declare meetingId: string
  declare shaA: string
  declare shaB: string
  declare phase: 'loading' | 'ready' | 'error'
  declare error: string
  declare described: Described | undefined
  declare diff: VersionDiff | undefined
  declare showUnchanged: boolean
  private seq = 0

  constructor() {
    super()
    this.meetingId = ''
    this.shaA = ''
    this.shaB = ''
    this.phase = 'loading'
    this.error = ''
    this.showUnchanged = false
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId') || changed.has('shaA') || changed.has('shaB')) void this.load()
  }

  protected override updated(): void {
    const title = this.described ? to('compare.heading', { name: this.described.title, a: this.described.older.version, b: this.described.newer.version }) : to('compare.title')
    document.title = `${title} – ${t('app.name')}`
  }

  private async load(): Promise<void> {
    const seq = ++this.seq
    this.phase = 'loading'
    this.error = ''
    this.diff = undefined
    this.described = undefined
    try {
      const set = await this.session.pinner.collect(this.meetingId, { timeoutMs: navigator.onLine ? 20_000 : 4000 })
      if (seq !== this.seq) return
      const a = set.files.get(this.shaA)
      const b = set.files.get(this.shaB)
      if (!a || !b) {
        this.fail(to('compare.notFound'))
        return
      }
      const described = describeVersions(set, a, b)
      this.described = described
      const bytes = await Promise.all(
        [a, b].map(async (f, i) => {
          try {
            return new Uint8Array(await (await this.session.files.open(f.ref, f.documents)).arrayBuffer())
          } catch (e) {
            if (isNetworkError(e)) throw new Error(to('compare.notCached', { version: i === 0 ? described.older.version : described.newer.version }))
            throw e
          }
        }),
      )
      if (seq !== this.seq) return
      const [older, newer] = await Promise.all(bytes.map((b) => pageTextsOf(b)))
      if (seq !== this.seq) return
      this.diff = diffVersions(older, newer)
      this.phase = 'ready'
    } catch (e) {
      if (seq === this.seq) this.fail(e instanceof Error ? e.message : String(e))
    }
  }

  private fail(message: string): void {
    this.error = message
    this.phase = 'error'
  }

  private renderPart(p: DiffPart) {
    if (p.kind === 'same') return p.text
    // the bracketed words are for screen readers, which rarely announce <ins>/<del> by themselves
    return p.kind === 'ins'
      ? html`<ins><span class="visually-hidden">${to('compare.insStart')} </span>${p.text}<span class="visually-hidden">${to('compare.end')}</span></ins>`
      : html`<del><span class="visually-hidden">${to('compare.delStart')} </span>${p.text}<span class="visually-hidden">${to('compare.end')}</span></del>`
  }

  private renderVersion(label: string, v: VersionEntry) {
    return html`<dt>${label}</dt>
      <dd>
        ${to('file.version', { version: v.version })} · ${v.name}${v.uploadedAt
          ? html` · ${to('file.version.by', { date: `${formatShortDate(v.uploadedAt)} ${formatTime(v.uploadedAt)}`, name: v.uploadedByName ?? '' })}`
          : nothing}${v.comment ? html` · „${v.comment}“` : nothing}
      </dd>`
  }

  private renderDiff(diff: VersionDiff, d: Described) {
    if (!diff.hasText) return html`<p class="notice" role="status">${to('compare.noText')}</p>`
    const pages = diff.pages.filter((p) => this.showUnchanged || p.status !== 'same')
    const hidden = diff.pages.length - pages.length
    return html`
      <p class="summary" role="status">
        ${diff.changedPages === 0
          ? to('compare.identical')
          : to('compare.summary', { inserted: diff.inserted, deleted: diff.deleted, pages: diff.changedPages, total: diff.totalPages })}
      </p>
      <p class="legend">${to('compare.legend')} <ins>${to('compare.ins')}</ins> <del>${to('compare.del')}</del></p>
      <label class="toggle">
        <input type="checkbox" .checked=${this.showUnchanged} @change=${(e: Event) => (this.showUnchanged = (e.target as HTMLInputElement).checked)} />
        ${to('compare.showUnchanged')}
      </label>
      ${hidden ? html`<p class="counts">${to('compare.unchangedPages', { count: hidden })}</p>` : nothing}
      ${pages.map(
        (p) => html`<section aria-labelledby=${`page-${p.page}`}>
          <h2 id=${`page-${p.page}`}>
            ${p.status === 'added'
              ? to('compare.pageOnlyNew', { page: p.page, version: d.newer.version })
              : p.status === 'removed'
                ? to('compare.pageOnlyOld', { page: p.page, version: d.older.version })
                : to('compare.page', { page: p.page })}
          </h2>
          <p class="counts">${to('compare.pageCounts', { inserted: p.inserted, deleted: p.deleted })}</p>
          ${p.approximate ? html`<p class="counts">${to('compare.tooLong', { page: p.page })}</p>` : nothing}
          <div class="text">${p.parts.map((part) => this.renderPart(part))}</div>
        </section>`,
      )}
    `
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${to('compare.back')}</a>`
    const d = this.described
    return html`
      ${back}
      <h1 tabindex="-1">${to('compare.title')}</h1>
      ${d
        ? html`<p class="subtitle">${d.title}</p>
            <dl class="versions" aria-label=${to('compare.versions')}>${this.renderVersion(to('compare.older'), d.older)} ${this.renderVersion(to('compare.newer'), d.newer)}</dl>`
        : nothing}
      ${this.phase === 'loading' ? html`<p role="status">${to('compare.loading')}</p>` : nothing}
      ${this.phase === 'error' ? html`<p class="notice error" role="alert">${to('compare.failed', { reason: this.error })}</p>` : nothing}
      ${this.phase === 'ready' && this.diff && d ? this.renderDiff(this.diff, d) : nothing}
    `
  }
}

customElements.define('rt-compare-view', CompareView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-compare-view': CompareView
  }
}
