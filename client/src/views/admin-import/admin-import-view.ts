/**
 * The OParl import for administrators (/app/admin/import): start (or resume) an import from an
 * OParl system, watch it live (objects per second, per-list counts, ETA of the current step,
 * files, documents written, the latest errors), cancel it, read the report when it is over, and
 * see earlier runs. Polls the relay once a second while an import runs (GET /api/admin/import).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { QUIRKS, type QuirkCode } from '@ratstisch/oparl'
import { themeStyles } from '../../app/theme.styles.ts'
import { currentLocale } from '../../i18n/messages.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { ti, type AdminImportKey } from './admin-import-messages.ts'
import { adminImportViewStyles } from './admin-import-view.styles.ts'
import { formatDuration, readOverview, stalledSeconds, stepPercent, type ImportOverview, type ImportProgress, type ReportOutcome } from './import-progress.ts'

const API = '/api/admin/import'
const NUMBER_FIELDS = ['concurrency', 'requestsPerSecond', 'timeoutSeconds', 'retries', 'stallSeconds'] as const
type NumberField = (typeof NUMBER_FIELDS)[number]
const DEFAULTS: Record<NumberField, number> = { concurrency: 4, requestsPerSecond: 10, timeoutSeconds: 30, retries: 5, stallSeconds: 120 }
/** the relay's names of the fields in its error messages (import-routes.ts) */
const RELAY_LABELS: Record<NumberField, string> = {
  concurrency: 'Parallele Anfragen',
  requestsPerSecond: 'Anfragen pro Sekunde',
  timeoutSeconds: 'Zeitlimit je Anfrage (Sekunden)',
  retries: 'Wiederholungen',
  stallSeconds: 'Abbruch ohne Fortschritt nach (Sekunden)',
}

export class AdminImportView extends LitElement {
  static override styles = [themeStyles, adminImportViewStyles]
  static override properties = {
    session: { attribute: false },
    overview: { state: true },
    loading: { state: true },
    error: { state: true },
    fieldError: { state: true },
    submitting: { state: true },
    systemUrl: { state: true },
    numbers: { state: true },
    files: { state: true },
    full: { state: true },
    restart: { state: true },
  }

  session: Session | undefined
  overview: ImportOverview | undefined
  loading = true
  error = ''
  fieldError: { field: string; message: string } | undefined
  submitting = false
  systemUrl = ''
  numbers: Record<NumberField, number> = { ...DEFAULTS }
  files = true
  full = false
  restart = false
  private timer: ReturnType<typeof setTimeout> | undefined

  private get isAdmin(): boolean {
    return !!this.session?.me.roles.includes('admin')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.isAdmin) void this.refresh()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.timer)
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer)
    if (!this.session) return
    try {
      this.overview = readOverview(await this.session.api.getJson(API))
      this.error = ''
      if (!this.systemUrl && this.overview.current) this.systemUrl = this.overview.current.systemUrl
    } catch (e) {
      this.error = isNetworkError(e) ? ti('import.offline') : e instanceof Error ? e.message : String(e)
    } finally {
      this.loading = false
    }
    // while an import runs: once a second; otherwise no polling
    if (this.overview?.running && this.isConnected) this.timer = setTimeout(() => void this.refresh(), 1000)
  }

  private async start(event: Event): Promise<void> {
    event.preventDefault()
    if (!this.session || this.submitting) return
    this.submitting = true
    this.fieldError = undefined
    try {
      const body: Record<string, unknown> = { systemUrl: this.systemUrl.trim(), files: this.files, full: this.full, restart: this.restart }
      for (const f of NUMBER_FIELDS) body[f] = this.numbers[f]
      await this.session.api.postJson(API, body)
      await this.refresh()
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        // the relay names the field in its message ("„Parallele Anfragen“ muss zwischen …")
        const field = NUMBER_FIELDS.find((f) => e.message.includes(`„${RELAY_LABELS[f]}“`)) ?? 'systemUrl'
        this.fieldError = { field, message: e.message }
        await this.updateComplete
        this.renderRoot.querySelector<HTMLElement>(`#f-${field}`)?.focus()
      } else {
        this.error = isNetworkError(e) ? ti('import.offline') : e instanceof Error ? e.message : String(e)
      }
    } finally {
      this.submitting = false
    }
  }

  private async cancel(): Promise<void> {
    if (!this.session) return
    try {
      await this.session.api.postJson(`${API}/cancel`, {})
    } finally {
      await this.refresh()
    }
  }

  override render(): TemplateResult {
    if (!this.isAdmin) return html`<h1>${ti('import.title')}</h1><p class="notice warning">${ti('import.forbidden')}</p>`
    const current = this.overview?.current ?? null
    const running = !!this.overview?.running
    return html`
      <h1>${ti('import.title')}</h1>
      <p class="intro">${ti('import.intro')}</p>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${running ? nothing : this.renderForm()}
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">${ti('import.current')}</h2>
        ${this.loading ? html`<p>${ti('import.loading')}</p>` : current ? this.renderProgress(current, running) : html`<p class="muted">${ti('import.none')}</p>`}
      </section>
      ${current && !running ? this.renderReport(current) : nothing} ${this.renderRuns()}
    `
  }

  private renderForm(): TemplateResult {
    const invalid = (field: string) => this.fieldError?.field === field
    const number = (f: NumberField) => html`<div class="field">
      <label for="f-${f}">${ti(`import.${f}` as AdminImportKey)}</label>
      <input
        id="f-${f}"
        type="number"
        inputmode="numeric"
        min="0"
        .value=${String(this.numbers[f])}
        aria-invalid=${invalid(f) ? 'true' : 'false'}
        aria-describedby=${invalid(f) ? 'form-error' : nothing}
        @input=${(e: Event) => (this.numbers = { ...this.numbers, [f]: Number((e.target as HTMLInputElement).value) })}
      />
    </div>`
    return html`<form @submit=${(e: Event) => this.start(e)} novalidate aria-labelledby="form-heading">
      <h2 id="form-heading">${ti('import.form')}</h2>
      ${this.fieldError ? html`<p class="notice error" id="form-error" role="alert">${ti('import.error.field', { message: this.fieldError.message })}</p>` : nothing}
      <div class="field">
        <label for="f-systemUrl">${ti('import.systemUrl')}</label>
        <input
          id="f-systemUrl"
          type="url"
          required
          autocomplete="url"
          .value=${this.systemUrl}
          aria-invalid=${invalid('systemUrl') ? 'true' : 'false'}
          aria-describedby="systemUrl-hint${invalid('systemUrl') ? ' form-error' : ''}"
          @input=${(e: Event) => (this.systemUrl = (e.target as HTMLInputElement).value)}
        />
        <p class="hint" id="systemUrl-hint">${ti('import.systemUrl.hint')}</p>
      </div>
      <details ?open=${!!this.fieldError && this.fieldError.field !== 'systemUrl'}>
        <summary>${ti('import.advanced')}</summary>
        <div class="grid">${NUMBER_FIELDS.map(number)}</div>
        <label class="check"><input type="checkbox" .checked=${this.files} @change=${(e: Event) => (this.files = (e.target as HTMLInputElement).checked)} />${ti('import.files')}</label>
        <label class="check"><input type="checkbox" .checked=${this.full} @change=${(e: Event) => (this.full = (e.target as HTMLInputElement).checked)} />${ti('import.full')}</label>
        <label class="check"><input type="checkbox" .checked=${this.restart} @change=${(e: Event) => (this.restart = (e.target as HTMLInputElement).checked)} />${ti('import.restart')}</label>
      </details>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.submitting}>${this.submitting ? ti('import.starting') : ti('import.start')}</button>
      </div>
    </form>`
  }

  private renderProgress(p: ImportProgress, running: boolean): TemplateResult {
    const locale = currentLocale()
    const nf = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'de-DE')
    const percent = running ? stepPercent(p) : null
    const stall = stalledSeconds(p.error)
    return html`
      <dl class="figures">
        <dt>${ti('import.source')}</dt>
        <dd>${p.systemUrl}</dd>
        <dt>${ti('import.state')}</dt>
        <dd>
          <span class="status-${p.status}" role="status">${ti(`import.status.${p.status}` as AdminImportKey)}${p.resumed ? ` (${ti('import.resumed')})` : ''}</span>
        </dd>
        <dt>${ti('import.step')}</dt>
        <dd>${ti(`import.phase.${p.phase}` as AdminImportKey)}</dd>
        <dt>${ti('import.objects')}</dt>
        <dd>${nf.format(p.objects)}${running ? ` · ${ti('import.rate', { rate: nf.format(Math.round(p.objectsPerSecond)) })}` : ''}</dd>
        ${running
          ? html`<dt>${ti('import.eta')}</dt>
              <dd>${p.etaSeconds === null ? ti('import.eta.unknown') : ti('import.eta.value', { time: formatDuration(p.etaSeconds, locale === 'en' ? 'en' : 'de') })}</dd>`
          : nothing}
        <dt>${ti('import.elapsed')}</dt>
        <dd>${formatDuration(p.elapsedSeconds, locale === 'en' ? 'en' : 'de')}</dd>
        <dt>${ti('import.filesHeading')}</dt>
        <dd>${ti('import.filesSummary', { done: nf.format(p.files.done), total: nf.format(p.files.total), downloaded: nf.format(p.files.downloaded), missing: nf.format(p.files.missing), failed: nf.format(p.files.failed) })}</dd>
        <dt>${ti('import.documents')}</dt>
        <dd>${ti('import.documentsSummary', { created: nf.format(p.apply.created), updated: nf.format(p.apply.updated), unchanged: nf.format(p.apply.unchanged), deleted: nf.format(p.apply.deleted), failed: nf.format(p.apply.failed) })}</dd>
        <dt>HTTP</dt>
        <dd>${ti('import.http', { requests: nf.format(p.http.requests), retries: nf.format(p.http.retries) })}</dd>
      </dl>
      ${running ? html`<progress aria-label=${ti(`import.phase.${p.phase}` as AdminImportKey)} max="100" .value=${percent ?? 0} ?indeterminate=${percent === null}></progress>` : nothing}
      ${p.error ? html`<p class="notice error">${stall !== null ? ti('import.stalled', { seconds: stall }) : `${ti('import.error')}: ${p.error}`}</p>` : nothing}
      ${running ? html`<div class="actions"><button type="button" @click=${() => this.cancel()}>${ti('import.cancel')}</button></div>` : nothing}
      ${p.lists.length
        ? html`<h3>${ti('import.lists')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">${ti('import.list')}</th>
                  <th scope="col" class="number">${ti('import.pages')}</th>
                  <th scope="col" class="number">${ti('import.listObjects')}</th>
                  <th scope="col">${ti('import.state')}</th>
                </tr>
              </thead>
              <tbody>
                ${p.lists.map(
                  (l) => html`<tr>
                    <th scope="row">${l.list}</th>
                    <td class="number">${nf.format(l.pages)}${l.totalPages !== null ? ` / ${nf.format(l.totalPages)}` : ''}</td>
                    <td class="number">${nf.format(l.objects)}${l.totalElements !== null ? ` / ${nf.format(l.totalElements)}` : ''}</td>
                    <td>${l.done ? ti('import.listDone') : ti('import.listOpen')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing}
      ${p.errors.length
        ? html`<h3>${ti('import.errors')}</h3>
            <ul class="errors">
              ${p.errors.slice(-10).map((e) => html`<li>${e}</li>`)}
            </ul>`
        : nothing}
    `
  }

  private renderReport(p: ImportProgress): TemplateResult {
    const label = (code: string) => (code in QUIRKS ? QUIRKS[code as QuirkCode][currentLocale() === 'en' ? 'en' : 'de'] : code)
    return html`<section aria-labelledby="report-heading">
      <h2 id="report-heading">${ti('import.report')}</h2>
      <p class="intro">${ti('import.report.intro')}</p>
      ${p.report.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${ti('import.report.outcome')}</th>
                <th scope="col">${ti('import.report.what')}</th>
                <th scope="col" class="number">${ti('import.report.count')}</th>
                <th scope="col">${ti('import.report.example')}</th>
              </tr>
            </thead>
            <tbody>
              ${p.report.map(
                (l) => html`<tr>
                  <td>${ti(`import.outcome.${l.outcome as ReportOutcome}` as AdminImportKey)}</td>
                  <td>${label(l.code)}</td>
                  <td class="number">${l.count}</td>
                  <td class="url">${l.examples[0] ?? ''}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${ti('import.report.none')}</p>`}
      <p><a href="${API}/runs/${encodeURIComponent(p.runId)}/report" download="import-${p.runId}.json">${ti('import.report.full')}</a></p>
    </section>`
  }

  private renderRuns(): TemplateResult | typeof nothing {
    const runs = this.overview?.runs ?? []
    if (runs.length < 2) return nothing
    return html`<section aria-labelledby="runs-heading">
      <h2 id="runs-heading">${ti('import.runs')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${ti('import.run.started')}</th>
            <th scope="col">${ti('import.source')}</th>
            <th scope="col">${ti('import.run.status')}</th>
            <th scope="col">${ti('import.run.written')}</th>
          </tr>
        </thead>
        <tbody>
          ${runs.slice(1).map(
            (r) => html`<tr>
              <td>${new Date(r.startedAt).toLocaleString(currentLocale() === 'en' ? 'en-GB' : 'de-DE')}</td>
              <td class="url">${r.systemUrl}</td>
              <td class="status-${r.status}">${ti(`import.status.${r.status}` as AdminImportKey)}</td>
              <td>${ti('import.documentsSummary', { ...r.apply })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`
  }
}

customElements.define('rt-admin-import-view', AdminImportView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-admin-import-view': AdminImportView
  }
}

