/**
 * Calculation runs: calculate a period of whole months, see every person's line items with the
 * engine's explanation, the difference to the period's previous run after a correction, approve the
 * run for payout. Earlier runs stay listed (a superseded one can no longer be approved).
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { formatLongDate, townDay } from '../../i18n/format.ts'
import { formatCents, formatDay, formatMonth, type RunDetail, type RunSummary } from './allowance-api.ts'
import { failure, renderFeedback } from './feedback.ts'
import { lineItemsTable } from './line-items-table.ts'
import { ta, type AllowancesKey } from './messages-allowances.ts'

/** The month before today's, "2026-02" on any day of March. */
function lastMonth(): string {
  const today = townDay(new Date())
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1))
  return d.toISOString().slice(0, 7)
}

export class FinanceRuns extends FinanceSection {
  static override properties = {
    runs: { state: true },
    detail: { state: true },
    busy: { state: true },
  }

  declare runs: RunSummary[]
  declare detail: RunDetail | null
  declare busy: boolean

  constructor() {
    super()
    this.runs = []
    this.detail = null
    this.busy = false
  }

  protected async fetch(): Promise<void> {
    this.runs = (await this.calls.get<{ runs: RunSummary[] }>('/runs')).runs
  }

  private async focusDetail(): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#run-detail')?.focus()
  }

  private async calculate(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    this.busy = true
    this.feedback = null
    try {
      const from = String(data.get('from') ?? '')
      const to = String(data.get('to') || from)
      this.detail = await this.calls.post<RunDetail>('/runs', { from, to })
      this.feedback = { kind: 'success', text: ta('runs.calculated', { label: this.detail.run.label, total: formatCents(this.detail.run.totalCents) }) }
      await this.load()
      await this.focusDetail()
    } catch (err) {
      this.feedback = failure(err)
    } finally {
      this.busy = false
    }
  }

  private async show(run: RunSummary): Promise<void> {
    this.feedback = null
    try {
      this.detail = await this.calls.get<RunDetail>(`/runs/${encodeURIComponent(run.id)}`)
      await this.focusDetail()
    } catch (e) {
      this.feedback = failure(e)
    }
  }

  private async approve(run: RunSummary): Promise<void> {
    this.busy = true
    this.feedback = null
    try {
      await this.calls.post<RunSummary>(`/runs/${encodeURIComponent(run.id)}/approve`)
      this.detail = await this.calls.get<RunDetail>(`/runs/${encodeURIComponent(run.id)}`)
      this.feedback = { kind: 'success', text: ta('runs.approved', { label: run.label }) }
      await this.load()
    } catch (e) {
      this.feedback = failure(e)
    } finally {
      this.busy = false
    }
  }

  private state(run: RunSummary): string {
    if (run.approvedAt) return ta('runs.state.approved', { date: formatDay(run.approvedAt) })
    return run.superseded ? ta('runs.state.superseded') : ta('runs.state.open')
  }

  private renderDiff(d: RunDetail) {
    if (!d.diff || !d.previous) return nothing
    const members = d.diff.members
    return html`<h3>${ta('runs.diff')}</h3>
      ${members.length === 0
        ? html`<p>${ta('runs.diff.none')}</p>`
        : html`<p><strong>${ta('runs.diff.total', { amount: formatCents(d.diff.differenceCents) })}</strong></p>
            <ul>
              ${members.map(
                (m) => html`<li>
                  ${m.name}: ${formatCents(m.beforeCents)} → ${formatCents(m.afterCents)} (${formatCents(m.differenceCents)})
                  <ul>
                    ${m.changes.map(
                      (c) =>
                        html`<li>
                          ${ta('runs.diff.line', {
                            change: ta(`runs.diff.change.${c.change}` as AllowancesKey),
                            label: `${c.label}${c.date ? ` (${formatDay(c.date)})` : ` (${formatMonth(c.month)})`}`,
                            before: c.beforeCents === null ? '–' : formatCents(c.beforeCents),
                            after: c.afterCents === null ? '–' : formatCents(c.afterCents),
                          })}
                          ${c.after ? html`<div class="meta explanation">${c.after}</div>` : nothing}
                        </li>`,
                    )}
                  </ul>
                </li>`,
              )}
            </ul>`}`
  }

  private renderDetail(d: RunDetail) {
    const { run, result } = d
    const open = !run.approvedAt && !run.superseded
    return html`<section id="run-detail" tabindex="-1" aria-labelledby="run-detail-title">
      <h2 id="run-detail-title">${ta('runs.detail', { label: run.label })}</h2>
      <p class="meta">${ta('runs.detail.facts', { date: formatLongDate(run.createdAt), name: run.createdByName ?? '–', hash: run.inputHash.slice(0, 12) })}</p>
      <p>
        <strong>${ta('common.total')}: ${formatCents(run.totalCents)}</strong> · ${ta('runs.members')}: ${run.memberCount} · <span class="badge ${run.approvedAt ? 'approved' : 'pending'}">${this.state(run)}</span>
      </p>
      ${open ? html`<p><button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.approve(run)}>${ta('runs.approve')}</button></p>` : nothing}
      ${result.notes.length > 0
        ? html`<h3>${ta('runs.notes')}</h3>
            <ul>
              ${result.notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
        : nothing}
      ${this.renderDiff(d)}
      <h3>${ta('runs.perMember')}</h3>
      ${[...result.members]
        .sort((a, b) => a.name.localeCompare(b.name, 'de'))
        .map(
        (m) => html`<details>
          <summary>${m.name}: ${formatCents(m.totalCents)}</summary>
          ${lineItemsTable(m.items, { caption: m.name, captionHidden: true })}
        </details>`,
      )}
    </section>`
  }

  override render() {
    const from = lastMonth()
    return html`
      <section aria-labelledby="run-new-title">
        <h2 id="run-new-title">${ta('runs.new')}</h2>
        <form class="row" @submit=${(e: SubmitEvent) => void this.calculate(e)}>
          <div class="field">
            <label for="run-from">${ta('runs.from')}</label>
            <input id="run-from" name="from" type="month" required .value=${from} />
          </div>
          <div class="field">
            <label for="run-to">${ta('runs.to')}</label>
            <input id="run-to" name="to" type="month" />
          </div>
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? ta('runs.calculating') : ta('runs.calculate')}</button>
        </form>
      </section>
      ${renderFeedback(this.feedback)} ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.detail ? this.renderDetail(this.detail) : nothing}
      <section aria-labelledby="run-list-title">
        <h2 id="run-list-title">${ta('runs.list')}</h2>
        ${this.loading
          ? html`<p role="status">${ta('common.loading')}</p>`
          : this.runs.length === 0
            ? html`<p>${ta('runs.list.empty')}</p>`
            : html`<div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${ta('runs.period')}</th>
                      <th scope="col">${ta('runs.created')}</th>
                      <th scope="col" class="num">${ta('runs.members')}</th>
                      <th scope="col" class="num">${ta('common.total')}</th>
                      <th scope="col">${ta('runs.state')}</th>
                      <th scope="col"><span class="visually-hidden">${ta('runs.show')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.runs.map(
                      (r) => html`<tr>
                        <td>${r.label}</td>
                        <td>${formatDay(r.createdAt)}</td>
                        <td class="num">${r.memberCount}</td>
                        <td class="num">${formatCents(r.totalCents)}</td>
                        <td>${this.state(r)}</td>
                        <td><button type="button" @click=${() => void this.show(r)} aria-label="${ta('runs.show')}: ${r.label}, ${formatDay(r.createdAt)}">${ta('runs.show')}</button></td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`}
      </section>
    `
  }
}

customElements.define('rt-finance-runs', FinanceRuns)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-runs': FinanceRuns
  }
}
