/**
 * Search (/app/search?q=…): one search box, filters (Gremium, Zeitraum, Art), results as you
 * type. Everything runs on the device against the local index (search worker), so it works with
 * the network off. Results: title, type, meeting, body and date, a snippet with the hits marked,
 * and for PDF pages the page and the file version, with links to further pages and to the other
 * versions of the file that are on the device. The number of results is announced politely.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { hrefFor, searchQueryString, type SearchParams } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatShortDate } from '../../i18n/format.ts'
import { ts, type SearchMessageKey } from '../../i18n/messages-search.ts'
import { t } from '../../i18n/messages.ts'
import type { SearchFilters, SearchHit, SearchKind, SearchResults, Mark } from '@ratstisch/search'
import type { SearchIndexStatus } from '../../search/search-service.ts'
import type { Session } from '../../services/session.ts'
import { hitHref, pageHref, versionHref } from './hit-links.ts'
import { searchViewStyles } from './search-view.styles.ts'

const TYPES: readonly SearchKind[] = ['meeting', 'agenda-item', 'paper', 'file']
const LIMIT = 50
const TYPING_DELAY_MS = 250

/** Text with its marked ranges as <mark> elements. */
function marked(text: string, marks: readonly Mark[]): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = []
  let at = 0
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue
    if (start > at) out.push(text.slice(at, start))
    out.push(html`<mark>${text.slice(start, end)}</mark>`)
    at = end
  }
  if (at < text.length) out.push(text.slice(at))
  return out
}

function filtersOf(p: SearchParams): SearchFilters {
  return {
    ...(p.body ? { bodyId: p.body } : {}),
    ...(p.from ? { from: p.from } : {}),
    ...(p.to ? { to: p.to } : {}),
    ...(p.type ? { kinds: [p.type] } : {}),
  }
}

export class SearchView extends LitElement {
  static override styles = [themeStyles, searchViewStyles]
  static override properties = {
    session: { attribute: false },
    params: { attribute: false },
    current: { state: true },
    results: { state: true },
    searching: { state: true },
    error: { state: true },
    bodies: { state: true },
    indexStatus: { state: true },
  }

  declare session: Session
  /** from the route (the address bar) */
  declare params: SearchParams
  /** what the form shows and the results answer */
  declare current: SearchParams
  declare results: SearchResults | undefined
  declare searching: boolean
  declare error: string
  declare bodies: { id: string; name: string }[]
  declare indexStatus: SearchIndexStatus | undefined

  private seq = 0
  private typingTimer: ReturnType<typeof setTimeout> | undefined
  private refreshTimer: ReturnType<typeof setTimeout> | undefined
  private offs: (() => void)[] = []

  constructor() {
    super()
    this.params = {}
    this.current = {}
    this.searching = false
    this.error = ''
    this.bodies = []
  }

  override connectedCallback(): void {
    super.connectedCallback()
    const search = this.session.search
    this.indexStatus = search.status
    this.offs.push(
      search.on('status', (s) => (this.indexStatus = s)),
      // the index grew (a file was read, a meeting synced): the results shown may be incomplete
      search.on('updated', () => {
        clearTimeout(this.refreshTimer)
        this.refreshTimer = setTimeout(() => void this.run(false), 600)
      }),
      this.session.catalogue.on('change', () => void this.loadBodies()),
    )
    void this.loadBodies()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const off of this.offs) off()
    this.offs = []
    clearTimeout(this.typingTimer)
    clearTimeout(this.refreshTimer)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) {
      const { q, body, from, to, type } = this.params
      this.current = { ...(q ? { q } : {}), ...(body ? { body } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(type ? { type } : {}) }
      void this.run(false)
    }
  }

  protected override updated(): void {
    // a <select>'s value set before its options exist is lost: align it once they are rendered
    for (const [id, value] of [['body', this.current.body], ['type', this.current.type]] as const) {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`#${id}`)
      if (select && select.value !== (value ?? '')) select.value = value ?? ''
    }
  }

  private async loadBodies(): Promise<void> {
    const byId = new Map<string, string>()
    for (const row of await this.session.catalogue.meetings()) if (row.meta) byId.set(row.meta.organizationId, row.meta.organizationName)
    this.bodies = [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'))
  }

  /** Runs the current query; `remember` writes it to the address bar (replacing, not adding history). */
  private async run(remember: boolean): Promise<void> {
    const p = this.current
    document.title = `${p.q ? `„${p.q}“ – ` : ''}${ts('search.title')} – ${t('app.name')}`
    if (remember) {
      const url = `${hrefFor({ name: 'search' })}${searchQueryString(p)}`
      if (url !== location.pathname + location.search) history.replaceState(null, '', url)
    }
    const seq = ++this.seq
    if (!p.q) {
      this.results = undefined
      this.searching = false
      this.error = ''
      return
    }
    this.searching = true
    try {
      const results = await this.session.search.search(p.q, { filters: filtersOf(p), limit: LIMIT })
      if (seq !== this.seq) return
      this.results = results
      this.error = ''
    } catch (e) {
      if (seq !== this.seq) return
      this.results = undefined
      this.error = ts('search.failed', { error: e instanceof Error ? e.message : String(e) })
    } finally {
      if (seq === this.seq) this.searching = false
    }
  }

  private setParams(patch: Partial<SearchParams>, delay: number): void {
    const next: SearchParams = { ...this.current, ...patch }
    for (const key of Object.keys(next) as (keyof SearchParams)[]) if (!next[key]) delete next[key]
    this.current = next
    clearTimeout(this.typingTimer)
    this.typingTimer = setTimeout(() => void this.run(true), delay)
  }

  private onInput(e: InputEvent): void {
    this.setParams({ q: (e.target as HTMLInputElement).value.trimStart() }, TYPING_DELAY_MS)
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault()
    const q = (this.renderRoot.querySelector<HTMLInputElement>('#q')?.value ?? '').trim()
    this.setParams({ q }, 0)
  }

  private onFilter(key: 'body' | 'from' | 'to' | 'type', e: Event): void {
    this.setParams({ [key]: (e.target as HTMLInputElement | HTMLSelectElement).value || undefined }, 0)
  }

  private resetFilters(): void {
    this.setParams({ body: undefined, from: undefined, to: undefined, type: undefined }, 0)
  }

  private countText(): string {
    const r = this.results
    if (!this.current.q) return this.searching ? '' : ts('search.empty')
    if (this.searching && !r) return ts('search.searching')
    if (!r) return ''
    const q = r.query
    const count = r.total === 0 ? ts('search.count.none', { q }) : r.total === 1 ? ts('search.count.one', { q }) : ts('search.count.other', { q, count: r.total })
    return r.total > r.hits.length ? `${count} ${ts('search.count.shown', { shown: r.hits.length })}` : count
  }

  private renderIndexStatus() {
    const s = this.indexStatus
    if (!s) return nothing
    const count = s.documents.toLocaleString('de-DE')
    switch (s.phase) {
      case 'failed':
        return html`<p class="notice error" role="alert">${ts('search.index.failed', { error: s.error ?? '' })}</p>`
      case 'starting':
        return html`<p class="index-status">${ts('search.index.starting')}</p>`
      case 'indexing':
        return html`<p class="index-status">${ts('search.index.indexing', { count: s.pendingFiles })}</p>`
      case 'ready':
        return html`<p class="index-status">${ts('search.index.ready', { count })}</p>`
    }
  }

  private renderFilters() {
    const p = this.current
    const filtered = !!(p.body || p.from || p.to || p.type)
    return html`
      <fieldset class="filters">
        <legend>${ts('search.filters')}</legend>
        <div class="field">
          <label for="body">${ts('search.body')}</label>
          <select id="body" @change=${(e: Event) => this.onFilter('body', e)}>
            <option value="" ?selected=${!p.body}>${ts('search.body.all')}</option>
            ${this.bodies.map((b) => html`<option value=${b.id} ?selected=${p.body === b.id}>${b.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${ts('search.from')}</label>
          <input id="from" type="date" .value=${p.from ?? ''} max=${p.to ?? nothing} @change=${(e: Event) => this.onFilter('from', e)} />
        </div>
        <div class="field">
          <label for="to">${ts('search.to')}</label>
          <input id="to" type="date" .value=${p.to ?? ''} min=${p.from ?? nothing} @change=${(e: Event) => this.onFilter('to', e)} />
        </div>
        <div class="field">
          <label for="type">${ts('search.type')}</label>
          <select id="type" @change=${(e: Event) => this.onFilter('type', e)}>
            <option value="" ?selected=${!p.type}>${ts('search.type.all')}</option>
            ${TYPES.map((k) => html`<option value=${k} ?selected=${p.type === k}>${ts(`search.type.${k}` as SearchMessageKey)}</option>`)}
          </select>
        </div>
        ${filtered ? html`<button type="button" class="reset" @click=${this.resetFilters}>${ts('search.reset')}</button>` : nothing}
      </fieldset>
    `
  }

  private renderHit(hit: SearchHit) {
    const q = this.results?.query ?? ''
    const href = hitHref(hit, q)
    const file = hit.file
    const title = marked(hit.title, hit.titleMarks)
    const date = hit.meeting?.start ?? hit.date
    const meta: (string | TemplateResult)[] = []
    if (file) {
      meta.push(file.pages ? ts('search.pageOf', { page: file.page, pages: file.pages }) : ts('search.page', { page: file.page }))
      if (file.version !== undefined)
        meta.push(file.versionCount && file.versionCount > 1 ? ts('search.version', { version: file.version, count: file.versionCount }) : ts('search.versionOnly', { version: file.version }))
    }
    const item = hit.itemNumber ?? file?.itemNumber
    if (item) meta.push(ts('search.item', { number: item }))
    const reference = hit.paper?.reference ?? file?.reference
    if (reference) meta.push(reference)
    if (hit.meeting && hit.kind !== 'meeting') meta.push(hit.meeting.name)
    if (hit.meeting) meta.push(hit.meeting.bodyName)
    if (date) meta.push(formatShortDate(date.length === 10 ? `${date}T12:00:00Z` : date))
    const others = file?.otherVersions ?? []
    return html`
      <li class="hit">
        <p class="kind">
          <span class="kind-label">${ts(`search.kind.${hit.kind}` as SearchMessageKey)}</span>
          ${hit.confidential ? html`<span class="badge confidential">${ts('search.confidential')}</span>` : nothing}
          ${file?.own ? html`<span class="badge own">${ts('search.own')}</span>` : nothing}
        </p>
        <h3 class="hit-title">${href ? html`<a href=${href}>${title}</a>` : title}</h3>
        <p class="meta">${meta.map((m) => html`<span>${m}</span>`)}</p>
        ${hit.snippet.text ? html`<p class="snippet">${marked(hit.snippet.text, hit.snippet.marks)}</p>` : nothing}
        ${file?.morePages.length
          ? html`<p class="more">
              ${ts('search.morePages')}
              ${file.morePages.map(
                (page, i) => html`${i ? ', ' : ' '}<a href=${pageHref(hit, page, q) ?? '#'} aria-label=${ts('search.openPage', { page })}>${ts('search.page', { page })}</a>`,
              )}
            </p>`
          : nothing}
        ${others.length
          ? html`<p class="versions">
              ${ts('search.otherVersions')}
              ${others.map((v, i) => {
                const link = v.indexed ? versionHref(hit, v.sha256, q) : undefined
                return html`${i ? ', ' : ' '}${link ? html`<a href=${link}>${ts('search.versionOnly', { version: v.version })}</a>` : ts('search.versionNotHere', { version: v.version })}`
              })}
            </p>`
          : nothing}
        ${file?.alsoIn.length ? html`<p class="also">${ts('search.alsoIn', { meetings: file.alsoIn.map((m) => `${m.name} (${m.bodyName})`).join('; ') })}</p>` : nothing}
        ${hit.kind === 'paper' && hit.paper && hit.meeting
          ? html`<p class="links"><a href=${hrefFor({ name: 'paper', paperId: hit.paper.id })}>${ts('search.openPaper')}<span class="visually-hidden"> ${hit.title}</span></a></p>`
          : nothing}
      </li>
    `
  }

  override render() {
    const p = this.current
    const r = this.results
    return html`
      <h1>${ts('search.title')}</h1>
      <form role="search" class="search" @submit=${this.onSubmit}>
        <div class="query">
          <label for="q">${ts('search.label')}</label>
          <div class="query-row">
            <input id="q" type="search" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-describedby="q-hint" .value=${p.q ?? ''} @input=${this.onInput} />
            <button type="submit">${ts('search.submit')}</button>
          </div>
          <p id="q-hint" class="hint">${ts('search.hint')}</p>
        </div>
        ${this.renderFilters()}
      </form>
      <p class="scope">${ts('search.scope')}</p>
      ${this.renderIndexStatus()}
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">${ts('search.results')}</h2>
        <p class="count" role="status" aria-live="polite">${this.countText()}</p>
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        ${r?.relaxed ? html`<p class="notice">${ts('search.relaxed')}</p>` : nothing}
        ${r && r.hits.length ? html`<ol class="hits" aria-busy=${this.searching ? 'true' : 'false'}>${r.hits.map((h) => this.renderHit(h))}</ol>` : nothing}
      </section>
    `
  }
}

customElements.define('rt-search-view', SearchView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-search-view': SearchView
  }
}
