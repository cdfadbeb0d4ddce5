/**
 * Bank data of the members (IBAN, optional BIC and address, tax id for the report to the tax
 * office), checked by the relay (IBAN check digits, BIC, the SEPA character set), and the town's own
 * account, the remittance text and the booking file's layout for the finance system.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { sendWithProblems, type AllowanceSettings, type PayeeRow } from './allowance-api.ts'
import { failure, renderFeedback } from './feedback.ts'
import { ta } from './messages-allowances.ts'

export class FinancePayees extends FinanceSection {
  static override properties = {
    rows: { state: true },
    settings: { state: true },
    editing: { state: true },
    busy: { state: true },
  }

  declare rows: PayeeRow[]
  declare settings: AllowanceSettings | null
  declare editing: string
  declare busy: boolean

  constructor() {
    super()
    this.rows = []
    this.settings = null
    this.editing = ''
    this.busy = false
  }

  protected async fetch(): Promise<void> {
    const calls = this.calls
    this.rows = (await calls.get<{ payees: PayeeRow[] }>('/payees')).payees
    this.settings = await calls.get<AllowanceSettings>('/settings')
  }

  private async put(path: string, body: unknown, after: () => void): Promise<void> {
    this.busy = true
    this.feedback = null
    try {
      const result = await sendWithProblems(this.session.api, path, { method: 'PUT', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
      if (result.ok) {
        this.feedback = { kind: 'success', text: ta('common.saved') }
        after()
        await this.load()
      } else this.feedback = { kind: 'error', text: ta('common.refused', { reason: result.message }), problems: result.problems }
    } catch (err) {
      this.feedback = failure(err)
    } finally {
      this.busy = false
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#payees-feedback')?.focus()
  }

  private savePayee(e: SubmitEvent, row: PayeeRow): void {
    e.preventDefault()
    const body = Object.fromEntries(new FormData(e.currentTarget as HTMLFormElement).entries())
    void this.put(`/payees/${encodeURIComponent(row.personId)}`, body, () => (this.editing = ''))
  }

  private saveSettings(e: SubmitEvent): void {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    const get = (k: string) => String(data.get(k) ?? '')
    let booking: unknown
    try {
      booking = JSON.parse(get('bookingCsv'))
    } catch {
      this.feedback = { kind: 'error', text: ta('statute.notJson'), problems: [{ path: 'bookingCsv', message: ta('statute.notJson') }] }
      return
    }
    void this.put(
      '/settings',
      {
        debtor: { name: get('debtorName'), iban: get('debtorIban'), bic: get('debtorBic'), street: get('debtorStreet'), postalCode: get('debtorPostalCode'), town: get('debtorTown'), country: get('debtorCountry') },
        remittancePrefix: get('remittancePrefix'),
        bookingCsv: booking,
      },
      () => undefined,
    )
  }

  private renderEdit(row: PayeeRow) {
    const p = row.payee
    const id = (k: string) => `payee-${k}`
    return html`<form class="grid" @submit=${(e: SubmitEvent) => this.savePayee(e, row)} aria-label=${ta('payees.edit', { name: row.name })}>
      <div class="field"><label for=${id('iban')}>${ta('payees.iban')}</label><input id=${id('iban')} name="iban" required autocomplete="off" .value=${p?.iban ?? ''} /></div>
      <div class="field"><label for=${id('bic')}>${ta('payees.bic')}</label><input id=${id('bic')} name="bic" autocomplete="off" .value=${p?.bic ?? ''} /></div>
      <div class="field"><label for=${id('holder')}>${ta('payees.holder')}</label><input id=${id('holder')} name="accountHolder" .value=${p?.accountHolder ?? ''} /></div>
      <div class="field"><label for=${id('tax')}>${ta('payees.taxId')}</label><input id=${id('tax')} name="taxId" inputmode="numeric" .value=${p?.taxId ?? ''} /></div>
      <div class="field"><label for=${id('street')}>${ta('payees.street')}</label><input id=${id('street')} name="street" .value=${p?.street ?? ''} /></div>
      <div class="row">
        <div class="field"><label for=${id('plz')}>${ta('payees.postalCode')}</label><input id=${id('plz')} name="postalCode" .value=${p?.postalCode ?? ''} /></div>
        <div class="field"><label for=${id('town')}>${ta('payees.town')}</label><input id=${id('town')} name="town" .value=${p?.town ?? ''} /></div>
        <div class="field"><label for=${id('country')}>${ta('payees.country')}</label><input id=${id('country')} name="country" maxlength="2" .value=${p?.country ?? ''} /></div>
      </div>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${ta('payees.save')}</button>
        <button type="button" @click=${() => (this.editing = '')}>${ta('common.cancel')}</button>
      </div>
    </form>`
  }

  private renderSettings(s: AllowanceSettings) {
    const d = s.debtor
    return html`<section aria-labelledby="settings-title">
      <h2 id="settings-title">${ta('payees.settings')}</h2>
      <form class="grid" @submit=${(e: SubmitEvent) => this.saveSettings(e)}>
        <div class="field"><label for="debtor-name">${ta('payees.debtor.name')}</label><input id="debtor-name" name="debtorName" required .value=${d?.name ?? ''} /></div>
        <div class="field"><label for="debtor-iban">${ta('payees.debtor.iban')}</label><input id="debtor-iban" name="debtorIban" required .value=${d?.iban ?? ''} /></div>
        <div class="field"><label for="debtor-bic">${ta('payees.bic')}</label><input id="debtor-bic" name="debtorBic" .value=${d?.bic ?? ''} /></div>
        <div class="field"><label for="debtor-street">${ta('payees.street')}</label><input id="debtor-street" name="debtorStreet" .value=${d?.street ?? ''} /></div>
        <div class="row">
          <div class="field"><label for="debtor-plz">${ta('payees.postalCode')}</label><input id="debtor-plz" name="debtorPostalCode" .value=${d?.postalCode ?? ''} /></div>
          <div class="field"><label for="debtor-town">${ta('payees.town')}</label><input id="debtor-town" name="debtorTown" required .value=${d?.town ?? ''} /></div>
          <div class="field"><label for="debtor-country">${ta('payees.country')}</label><input id="debtor-country" name="debtorCountry" maxlength="2" required .value=${d?.country ?? 'DE'} /></div>
        </div>
        <div class="field"><label for="remittance">${ta('payees.remittance')}</label><input id="remittance" name="remittancePrefix" required .value=${s.remittancePrefix} /></div>
        <div class="field">
          <label for="booking-csv">${ta('payees.booking')}</label>
          <textarea id="booking-csv" name="bookingCsv" class="json" spellcheck="false" .value=${JSON.stringify(s.bookingCsv, null, 2)}></textarea>
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${ta('payees.settingsSave')}</button></div>
      </form>
    </section>`
  }

  override render() {
    return html`
      <div id="payees-feedback" tabindex="-1">${renderFeedback(this.feedback)}</div>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      <section aria-labelledby="payees-title">
        <h2 id="payees-title">${ta('payees.title')}</h2>
        ${this.loading
          ? html`<p role="status">${ta('common.loading')}</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${ta('payees.person')}</th>
                    <th scope="col">${ta('payees.iban')}</th>
                    <th scope="col">${ta('payees.taxId')}</th>
                    <th scope="col"><span class="visually-hidden">${ta('common.save')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (r) => html`<tr>
                        <td>${r.name}<div class="meta">${r.bodies.join(', ')}</div></td>
                        <td>
                          ${r.payee ? r.payee.iban : html`<span class="badge blocked">${ta('payees.missing')}</span>`}
                          ${r.payee && r.payee.problems.length > 0 ? html`<div class="meta">${r.payee.problems.join('; ')}</div>` : nothing}
                        </td>
                        <td>${r.payee?.taxId ?? '–'}</td>
                        <td>
                          <button type="button" aria-expanded=${this.editing === r.personId ? 'true' : 'false'} @click=${() => (this.editing = this.editing === r.personId ? '' : r.personId)}>
                            ${ta('payees.edit', { name: r.name })}
                          </button>
                        </td>
                      </tr>
                      ${this.editing === r.personId
                        ? html`<tr>
                            <td colspan="4">${this.renderEdit(r)}</td>
                          </tr>`
                        : nothing}`,
                  )}
                </tbody>
              </table>
            </div>`}
      </section>
      ${this.settings ? this.renderSettings(this.settings) : nothing}
    `
  }
}

customElements.define('rt-finance-payees', FinancePayees)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-payees': FinancePayees
  }
}
