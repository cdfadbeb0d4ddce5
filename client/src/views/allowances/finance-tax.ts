/**
 * Tax per calendar year (by the day of payment): per person the total, the tax-free part per the
 * state's rule and the taxable rest, and the list of people paid 3,000 € or more for the report to
 * the tax office (Mitteilungsverordnung), with missing tax ids flagged and a CSV for the report.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { BASE, formatCents, type TaxSummary } from './allowance-api.ts'
import { ta } from './messages-allowances.ts'

export class FinanceTax extends FinanceSection {
  static override properties = {
    year: { state: true },
    summary: { state: true },
  }

  declare year: number
  declare summary: TaxSummary | null

  constructor() {
    super()
    this.year = new Date().getFullYear()
    this.summary = null
  }

  protected async fetch(): Promise<void> {
    this.loading = true
    try {
      this.summary = await this.calls.get<TaxSummary>(`/tax/${this.year}`)
    } catch (e) {
      this.summary = null
      throw e
    }
  }

  private show(e: SubmitEvent): void {
    e.preventDefault()
    const year = Number(new FormData(e.currentTarget as HTMLFormElement).get('year'))
    if (Number.isInteger(year) && year >= 2000 && year <= 2100) {
      this.year = year
      void this.load()
    }
  }

  override render() {
    const s = this.summary
    return html`
      <h2>${ta('tax.title')}</h2>
      <form class="row" @submit=${(e: SubmitEvent) => this.show(e)}>
        <div class="field"><label for="tax-year">${ta('tax.year')}</label><input id="tax-year" name="year" type="number" min="2000" max="2100" .value=${String(this.year)} /></div>
        <button type="submit">${ta('tax.show')}</button>
      </form>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.loading ? html`<p role="status">${ta('common.loading')}</p>` : nothing}
      ${s
        ? html`
            <p class="meta">${s.rule ? ta('tax.rule', { source: s.rule.source }) : ta('tax.noRule')}</p>
            ${s.notes.length > 0
              ? html`<ul>
                  ${s.notes.map((n) => html`<li>${n}</li>`)}
                </ul>`
              : nothing}
            <section aria-labelledby="tax-report-title">
              <h3 id="tax-report-title">${ta('tax.report')}</h3>
              ${s.report.length === 0
                ? html`<p>${ta('tax.report.empty', { year: s.year })}</p>`
                : html`<ul>
                    ${s.report.map((r) => html`<li>${r.name}: ${formatCents(r.totalCents)} · ${r.taxId ?? html`<span class="badge blocked">${ta('tax.taxIdMissing')}</span>`}</li>`)}
                  </ul>`}
              <p><a class="button" href="${BASE}/tax/${s.year}/report.csv" download>${ta('tax.report.csv')}</a></p>
            </section>
            <section aria-labelledby="tax-members-title">
              <h3 id="tax-members-title">${ta('tax.members', { year: s.year })}</h3>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${ta('common.person')}</th>
                      <th scope="col" class="num">${ta('tax.col.total')}</th>
                      <th scope="col" class="num">${ta('tax.col.free')}</th>
                      <th scope="col" class="num">${ta('tax.col.taxable')}</th>
                      <th scope="col">${ta('tax.col.report')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${s.members.map(
                      (m) => html`<tr>
                        <td>${m.name}</td>
                        <td class="num">${formatCents(m.totalCents)}</td>
                        <td class="num">${formatCents(m.taxFreeCents + m.exemptCents)}</td>
                        <td class="num">${formatCents(m.taxableCents)}</td>
                        <td>${m.reportable ? ta('tax.yes') : ta('tax.no')}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          `
        : nothing}
    `
  }
}

customElements.define('rt-finance-tax', FinanceTax)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-tax': FinanceTax
  }
}
