/**
 * The town's Entschädigungssatzung as configuration: the version in force, earlier versions, and an
 * editor (a JSON file chosen from disk or edited in place). The relay checks it with the engine's
 * validation; every problem is listed with its path ("versions[0].validFrom: kein gültiges
 * Datum"), and nothing is saved unless the whole file is valid. Schema: docs/ALLOWANCES.md.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { formatLongDate } from '../../i18n/format.ts'
import { formatDay, sendWithProblems, type StatuteInfo } from './allowance-api.ts'
import { failure, renderFeedback } from './feedback.ts'
import { ta } from './messages-allowances.ts'

export class FinanceStatute extends FinanceSection {
  static override properties = {
    info: { state: true },
    text: { state: true },
    busy: { state: true },
  }

  declare info: StatuteInfo | null
  declare text: string
  declare busy: boolean

  constructor() {
    super()
    this.info = null
    this.text = ''
    this.busy = false
  }

  protected async fetch(): Promise<void> {
    this.info = await this.calls.get<StatuteInfo>('/statute')
    this.text = this.info.current ? JSON.stringify(this.info.current.statute, null, 2) : ''
  }

  private async pick(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0]
    if (!file) return
    this.text = await file.text()
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const text = (this.renderRoot.querySelector<HTMLTextAreaElement>('#statute-json')?.value ?? this.text).trim()
    this.text = text
    this.feedback = null
    try {
      JSON.parse(text)
    } catch (err) {
      this.feedback = { kind: 'error', text: ta('statute.notJson'), problems: [{ path: '', message: err instanceof Error ? err.message : String(err) }] }
      return
    }
    this.busy = true
    try {
      const result = await sendWithProblems(this.session.api, '/statute', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: text })
      if (result.ok) {
        const saved = result.body as { version: number; unchanged: boolean }
        this.feedback = { kind: 'success', text: saved.unchanged ? ta('statute.unchanged', { version: saved.version }) : ta('statute.saved', { version: saved.version }) }
        await this.load()
      } else this.feedback = { kind: 'error', text: result.problems.length > 0 ? ta('statute.invalid') : ta('common.refused', { reason: result.message }), problems: result.problems }
    } catch (err) {
      this.feedback = failure(err)
    } finally {
      this.busy = false
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#statute-feedback')?.focus()
  }

  override render() {
    const current = this.info?.current
    return html`
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      <section aria-labelledby="statute-current-title">
        <h2 id="statute-current-title">${ta('statute.current')}</h2>
        ${this.loading
          ? html`<p role="status">${ta('common.loading')}</p>`
          : current
            ? html`<p><strong>${current.title}</strong></p>
                <p class="meta">${ta('statute.facts', { version: current.version, id: current.statuteId, date: formatLongDate(current.uploadedAt), name: current.uploadedByName ?? '–' })}</p>`
            : html`<p>${ta('statute.none')}</p>`}
        ${this.info && this.info.versions.length > 1
          ? html`<details>
              <summary>${ta('statute.versions')} (${this.info.versions.length})</summary>
              <ul>
                ${this.info.versions.map((v) => html`<li>${v.version}: ${v.title} (${v.statuteId}) – ${formatDay(v.uploadedAt)}, ${v.uploadedByName ?? '–'}</li>`)}
              </ul>
            </details>`
          : nothing}
      </section>
      <section aria-labelledby="statute-upload-title">
        <h2 id="statute-upload-title">${ta('statute.upload')}</h2>
        <form class="grid" @submit=${(e: SubmitEvent) => void this.save(e)}>
          <div class="field">
            <label for="statute-file">${ta('statute.file')}</label>
            <input id="statute-file" type="file" accept="application/json,.json" @change=${(e: Event) => void this.pick(e)} />
          </div>
          <div class="field">
            <label for="statute-json">${ta('statute.json')}</label>
            <textarea id="statute-json" class="json" spellcheck="false" .value=${this.text}></textarea>
          </div>
          <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${ta('statute.save')}</button></div>
        </form>
        <div id="statute-feedback" tabindex="-1">${renderFeedback(this.feedback)}</div>
      </section>
    `
  }
}

customElements.define('rt-finance-statute', FinanceStatute)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-statute': FinanceStatute
  }
}
