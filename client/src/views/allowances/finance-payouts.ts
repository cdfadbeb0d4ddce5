/**
 * Payouts: preview what the approved runs still owe (transfers, blocked ones with the reason,
 * reclaims), create the payout — SEPA pain.001.001.09 for the bank and the booking CSV for the
 * finance system, both for download — and cancel one the bank refused (its items are open again).
 * A second payout pays only what is still open, never twice.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { townDay } from '../../i18n/format.ts'
import { BASE, formatCents, formatDay, type PayoutPreview, type PayoutRecord, type SettlementView } from './allowance-api.ts'
import { failure, renderFeedback } from './feedback.ts'
import { ta, type AllowancesKey } from './messages-allowances.ts'

export class FinancePayouts extends FinanceSection {
  static override properties = {
    payouts: { state: true },
    preview: { state: true },
    busy: { state: true },
  }

  declare payouts: PayoutRecord[]
  declare preview: PayoutPreview | null
  declare busy: boolean

  constructor() {
    super()
    this.payouts = []
    this.preview = null
    this.busy = false
  }

  protected async fetch(): Promise<void> {
    this.payouts = (await this.calls.get<{ payouts: PayoutRecord[] }>('/payouts')).payouts
  }

  private executionDate(): string {
    return this.renderRoot.querySelector<HTMLInputElement>('#payout-date')?.value || townDay(new Date())
  }

  private async showPreview(): Promise<void> {
    this.busy = true
    this.feedback = null
    try {
      this.preview = await this.calls.post<PayoutPreview>('/payouts/preview', { executionDate: this.executionDate() })
    } catch (e) {
      this.preview = null
      this.feedback = failure(e)
    } finally {
      this.busy = false
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    this.busy = true
    this.feedback = null
    try {
      const created = await this.calls.post<{ payout: PayoutRecord }>('/payouts', { executionDate: this.executionDate() })
      this.feedback = { kind: 'success', text: ta('payouts.created', { count: created.payout.transfers, amount: formatCents(created.payout.controlSumCents) }) }
      this.preview = null
      await this.load()
    } catch (err) {
      this.feedback = failure(err)
    } finally {
      this.busy = false
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#payout-feedback')?.focus()
  }

  private async cancel(p: PayoutRecord): Promise<void> {
    if (!window.confirm(ta('payouts.cancelConfirm'))) return
    this.feedback = null
    try {
      await this.calls.post(`/payouts/${encodeURIComponent(p.id)}/cancel`)
      await this.load()
    } catch (e) {
      this.feedback = failure(e)
    }
  }

  private renderSettlements(settlements: SettlementView[]) {
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${ta('common.person')}</th>
            <th scope="col">${ta('common.status')}</th>
            <th scope="col">${ta('payees.iban')}</th>
            <th scope="col" class="num">${ta('common.amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${settlements.map(
            (s) => html`<tr>
              <td>${s.name}</td>
              <td>
                <span class="badge ${s.status}">${ta(`payouts.settlement.${s.status}` as AllowancesKey)}</span>
                ${s.problems.length > 0 ? html`<div class="meta">${s.problems.join('; ')}</div>` : nothing}
              </td>
              <td>${s.iban ?? '–'}</td>
              <td class="num">${formatCents(s.amountCents)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`
  }

  override render() {
    return html`
      <section aria-labelledby="payout-new-title">
        <h2 id="payout-new-title">${ta('payouts.new')}</h2>
        <p>${ta('payouts.intro')}</p>
        <form class="row" @submit=${(e: SubmitEvent) => void this.create(e)}>
          <div class="field">
            <label for="payout-date">${ta('payouts.executionDate')}</label>
            <input id="payout-date" name="executionDate" type="date" required .value=${townDay(new Date())} />
          </div>
          <button type="button" ?disabled=${this.busy} @click=${() => void this.showPreview()}>${ta('payouts.preview')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>${ta('payouts.create')}</button>
        </form>
      </section>
      <div id="payout-feedback" tabindex="-1">${renderFeedback(this.feedback)}</div>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.preview
        ? html`<section aria-labelledby="payout-preview-title">
            <h3 id="payout-preview-title">${ta('payouts.previewTitle', { count: this.preview.transfers, amount: formatCents(this.preview.controlSumCents) })}</h3>
            <p class="meta">${this.preview.runs.map((r) => r.label).join(', ')}</p>
            ${this.renderSettlements(this.preview.settlements)}
          </section>`
        : nothing}
      <section aria-labelledby="payout-list-title">
        <h2 id="payout-list-title">${ta('payouts.list')}</h2>
        ${this.loading
          ? html`<p role="status">${ta('common.loading')}</p>`
          : this.payouts.length === 0
            ? html`<p>${ta('payouts.list.empty')}</p>`
            : html`<ul class="cards">
                ${this.payouts.map(
                  (p) => html`<li>
                    <strong>${ta('payouts.row', { date: formatDay(p.executionDate), count: p.transfers, amount: formatCents(p.controlSumCents) })}</strong>
                    ${p.status === 'cancelled' && p.cancelledAt ? html` · <span class="badge rejected">${ta('payouts.cancelled', { date: formatDay(p.cancelledAt) })}</span>` : nothing}
                    <div class="meta">${p.messageId} · ${p.createdByName ?? ''}</div>
                    <div class="actions">
                      <a class="button" href="${BASE}/payouts/${encodeURIComponent(p.id)}/pain001.xml" download
                        >${ta('payouts.xml')}<span class="visually-hidden"> – ${p.messageId}</span></a
                      >
                      <a class="button" href="${BASE}/payouts/${encodeURIComponent(p.id)}/booking.csv" download
                        >${ta('payouts.csv')}<span class="visually-hidden"> – ${p.messageId}</span></a
                      >
                      ${p.status === 'created' ? html`<button type="button" @click=${() => void this.cancel(p)}>${ta('payouts.cancel')}</button>` : nothing}
                    </div>
                  </li>`,
                )}
              </ul>`}
      </section>
    `
  }
}

customElements.define('rt-finance-payouts', FinancePayouts)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-payouts': FinancePayouts
  }
}
