/**
 * Sitzungsgeld for a member (/app/allowances): submit a claim (travel by car or public transport,
 * loss of earnings, care costs) with proofs, follow one's claims, and read the statements of a year
 * — each line item with the engine's explanation, what was paid, the tax-free part per the state's
 * rule — with the yearly statement as a tagged PDF. Allowance data is personal: it is fetched from
 * the relay each time and never stored on the device; offline the view says so, and the claim form
 * keeps what was typed until the connection is back.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatLongDate } from '../../i18n/format.ts'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import {
  BASE,
  allowanceApi,
  formatCents,
  formatDay,
  parseEuroInput,
  parseKmInput,
  sendWithProblems,
  type Claim,
  type ClaimKind,
  type MemberHome,
  type Problem,
  type Statement,
} from './allowance-api.ts'
import { claimSummary } from './claim-summary.ts'
import { lineItemsTable } from './line-items-table.ts'
import { allowancesStyles } from './allowances.styles.ts'
import { ta, type AllowancesKey } from './messages-allowances.ts'

const describe = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e))

export class AllowancesView extends LitElement {
  static override styles = [themeStyles, allowancesStyles]
  static override properties = {
    session: { attribute: false },
    home: { state: true },
    claims: { state: true },
    statement: { state: true },
    year: { state: true },
    loading: { state: true },
    loadError: { state: true },
    online: { state: true },
    kind: { state: true },
    mode: { state: true },
    basis: { state: true },
    meetingId: { state: true },
    sending: { state: true },
    message: { state: true },
    problems: { state: true },
  }

  declare session: Session
  declare home: MemberHome | null
  declare claims: Claim[]
  declare statement: Statement | null
  declare year: number
  declare loading: boolean
  declare loadError: string
  declare online: boolean
  declare kind: ClaimKind
  declare mode: 'car' | 'publicTransport'
  declare basis: 'employee' | 'selfEmployed' | 'household'
  declare meetingId: string
  declare sending: boolean
  declare message: { kind: 'success' | 'error'; text: string } | null
  declare problems: Problem[]

  constructor() {
    super()
    this.home = null
    this.claims = []
    this.statement = null
    this.year = new Date().getFullYear()
    this.loading = true
    this.loadError = ''
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine
    this.kind = 'travel'
    this.mode = 'car'
    this.basis = 'employee'
    this.meetingId = ''
    this.sending = false
    this.message = null
    this.problems = []
  }

  private readonly onOnline = () => {
    this.online = true
    if (!this.home) void this.load()
  }
  private readonly onOffline = () => (this.online = false)

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOffline)
    void this.load()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOffline)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('year') && changed.get('year') !== undefined) void this.loadStatement()
  }

  private get calls() {
    return allowanceApi(this.session.api)
  }

  private async load(): Promise<void> {
    this.loading = true
    try {
      this.home = await this.calls.get<MemberHome>('/me')
      this.claims = (await this.calls.get<{ claims: Claim[] }>('/me/claims')).claims
      this.loadError = ''
      await this.loadStatement()
    } catch (e) {
      this.loadError = isNetworkError(e) ? ta('common.offline') : e instanceof ApiError && e.status === 404 ? ta('member.noPerson') : ta('common.error', { reason: describe(e) })
    } finally {
      this.loading = false
    }
  }

  private async loadStatement(): Promise<void> {
    try {
      this.statement = await this.calls.get<Statement>(`/me/statements/${this.year}`)
    } catch (e) {
      this.statement = null
      this.loadError = isNetworkError(e) ? ta('common.offline') : ta('common.error', { reason: describe(e) })
    }
  }

  private field(form: FormData, name: string): string {
    const v = form.get(name)
    return typeof v === 'string' ? v : ''
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    this.message = null
    this.problems = []
    if (!this.online) {
      this.message = { kind: 'error', text: ta('member.claim.offline') }
      return
    }
    const problems: Problem[] = []
    const claim: Record<string, unknown> = { kind: this.kind, note: this.field(data, 'note') }
    if (this.meetingId) claim.meetingId = this.meetingId
    else claim.date = this.field(data, 'date')
    if (this.kind === 'travel') {
      claim.mode = this.mode
      claim.inTown = data.get('inTown') === 'on'
      if (this.mode === 'car') {
        const km = parseKmInput(this.field(data, 'km'))
        if (km === undefined) problems.push({ path: 'km', message: ta('member.claim.km') })
        claim.km = km
      } else {
        const cents = parseEuroInput(this.field(data, 'receipt'))
        if (cents === undefined) problems.push({ path: 'receiptCents', message: ta('member.claim.receipt') })
        claim.receiptCents = cents
      }
    } else if (this.kind === 'lostEarnings') {
      claim.basis = this.basis
      claim.minutes = Number(this.field(data, 'minutes'))
      if (this.basis !== 'household') {
        const cents = parseEuroInput(this.field(data, 'rate'))
        if (cents === undefined) problems.push({ path: 'hourlyRateCents', message: ta('member.claim.rate') })
        claim.hourlyRateCents = cents
      }
    } else {
      claim.minutes = Number(this.field(data, 'minutes'))
      const cents = parseEuroInput(this.field(data, 'careAmount'))
      if (cents === undefined) problems.push({ path: 'receiptCents', message: ta('member.claim.careAmount') })
      claim.receiptCents = cents
    }
    if (problems.length > 0) {
      this.problems = problems
      return
    }
    const body = new FormData()
    body.set('claim', JSON.stringify(claim))
    for (const file of data.getAll('files')) if (file instanceof File && file.size > 0) body.append('files', file, file.name)
    this.sending = true
    try {
      const result = await sendWithProblems(this.session.api, '/me/claims', { method: 'POST', body })
      if (result.ok) {
        this.claims = [result.body as Claim, ...this.claims]
        this.message = { kind: 'success', text: ta('member.claim.sent') }
        form.reset()
        this.meetingId = ''
      } else {
        this.problems = result.problems
        this.message = { kind: 'error', text: ta('common.refused', { reason: result.message }) }
      }
    } catch (err) {
      this.message = { kind: 'error', text: isNetworkError(err) ? ta('member.claim.offline') : ta('common.refused', { reason: describe(err) }) }
    } finally {
      this.sending = false
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#claim-message')?.focus()
  }

  private async withdraw(claim: Claim): Promise<void> {
    if (!window.confirm(ta('member.claims.withdrawConfirm'))) return
    try {
      const updated = await this.calls.post<Claim>(`/me/claims/${encodeURIComponent(claim.id)}/withdraw`)
      this.claims = this.claims.map((c) => (c.id === updated.id ? updated : c))
    } catch (err) {
      this.message = { kind: 'error', text: isNetworkError(err) ? ta('common.needsConnection') : ta('common.refused', { reason: describe(err) }) }
    }
  }

  private problemFor(path: string) {
    const p = this.problems.find((x) => x.path === path)
    return p ? html`<span class="notice error" id="err-${path}">${p.message}</span>` : nothing
  }

  private invalid(path: string): 'true' | 'false' {
    return this.problems.some((p) => p.path === path) ? 'true' : 'false'
  }

  private renderKindFields() {
    switch (this.kind) {
      case 'travel':
        return html`<fieldset>
            <legend>${ta('member.claim.mode')}</legend>
            <label class="check"
              ><input type="radio" name="mode" value="car" .checked=${this.mode === 'car'} @change=${() => (this.mode = 'car')} />${ta('member.claim.car')}</label
            >
            <label class="check"
              ><input type="radio" name="mode" value="publicTransport" .checked=${this.mode === 'publicTransport'} @change=${() => (this.mode = 'publicTransport')} />${ta(
                'member.claim.publicTransport',
              )}</label
            >
          </fieldset>
          ${this.mode === 'car'
            ? html`<div class="field">
                <label for="claim-km">${ta('member.claim.km')}</label>
                <input id="claim-km" name="km" inputmode="decimal" required aria-invalid=${this.invalid('km')} aria-describedby="err-km" />${this.problemFor('km')}
              </div>`
            : html`<div class="field">
                <label for="claim-receipt">${ta('member.claim.receipt')}</label>
                <input id="claim-receipt" name="receipt" inputmode="decimal" required aria-invalid=${this.invalid('receiptCents')} aria-describedby="err-receiptCents" />${this.problemFor(
                  'receiptCents',
                )}
              </div>`}
          <label class="check"><input type="checkbox" name="inTown" />${ta('member.claim.inTown')}</label>`
      case 'lostEarnings':
        return html`<fieldset>
            <legend>${ta('member.claim.basis')}</legend>
            ${(['employee', 'selfEmployed', 'household'] as const).map(
              (b) =>
                html`<label class="check"
                  ><input type="radio" name="basis" value=${b} .checked=${this.basis === b} @change=${() => (this.basis = b)} />${ta(`member.claim.basis.${b}` as AllowancesKey)}</label
                >`,
            )}
          </fieldset>
          <div class="field">
            <label for="claim-minutes">${ta('member.claim.minutes')}</label>
            <input id="claim-minutes" name="minutes" type="number" min="1" max="1440" step="1" required aria-invalid=${this.invalid('minutes')} aria-describedby="err-minutes" />${this.problemFor(
              'minutes',
            )}
          </div>
          ${this.basis !== 'household'
            ? html`<div class="field">
                <label for="claim-rate">${ta('member.claim.rate')}</label>
                <input id="claim-rate" name="rate" inputmode="decimal" required aria-invalid=${this.invalid('hourlyRateCents')} aria-describedby="err-hourlyRateCents" />${this.problemFor(
                  'hourlyRateCents',
                )}
              </div>`
            : nothing}`
      case 'care':
        return html`<div class="field">
            <label for="claim-minutes">${ta('member.claim.careMinutes')}</label>
            <input id="claim-minutes" name="minutes" type="number" min="1" max="1440" step="1" required aria-invalid=${this.invalid('minutes')} aria-describedby="err-minutes" />${this.problemFor(
              'minutes',
            )}
          </div>
          <div class="field">
            <label for="claim-care-amount">${ta('member.claim.careAmount')}</label>
            <input id="claim-care-amount" name="careAmount" inputmode="decimal" required aria-invalid=${this.invalid('receiptCents')} aria-describedby="err-receiptCents" />${this.problemFor(
              'receiptCents',
            )}
          </div>`
    }
  }

  private renderClaimForm(home: MemberHome) {
    return html`<section aria-labelledby="claim-title">
      <h2 id="claim-title">${ta('member.claim.title')}</h2>
      ${this.online ? nothing : html`<p class="notice" role="status">${ta('member.claim.offline')}</p>`}
      <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
        <div class="field">
          <label for="claim-kind">${ta('member.claim.kind')}</label>
          <select id="claim-kind" name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as ClaimKind)}>
            ${(['travel', 'lostEarnings', 'care'] as const).map((k) => html`<option value=${k} ?selected=${this.kind === k}>${ta(`kind.${k}` as AllowancesKey)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="claim-meeting">${ta('member.claim.meeting')}</label>
          <select id="claim-meeting" name="meetingId" @change=${(e: Event) => (this.meetingId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.meetingId}>${ta('member.claim.noMeeting')}</option>
            ${home.meetings.map((m) => html`<option value=${m.id} ?selected=${this.meetingId === m.id}>${formatDay(m.start)} – ${m.name} (${m.organizationName})</option>`)}
          </select>
          ${this.problemFor('meetingId')}
        </div>
        ${this.meetingId
          ? nothing
          : html`<div class="field">
              <label for="claim-date">${ta('member.claim.date')}</label>
              <input id="claim-date" name="date" type="date" required aria-invalid=${this.invalid('date')} aria-describedby="err-date" />${this.problemFor('date')}
            </div>`}
        ${this.renderKindFields()}
        <div class="field">
          <label for="claim-files">${ta('member.claim.files')}</label>
          <input id="claim-files" name="files" type="file" multiple accept="application/pdf,image/png,image/jpeg,image/webp" aria-describedby="claim-files-hint err-files" />
          <p class="hint" id="claim-files-hint">${ta('member.claim.filesHint')}</p>
          ${this.problemFor('files')}
        </div>
        <div class="field">
          <label for="claim-note">${ta('common.note')}</label>
          <textarea id="claim-note" name="note" maxlength="1000" rows="2"></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.sending}>${this.sending ? ta('member.claim.sending') : ta('member.claim.submit')}</button>
        </div>
      </form>
      <div id="claim-message" tabindex="-1">
        ${this.message ? html`<p class="notice ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</p>` : nothing}
        ${this.problems.length > 0 && !this.problems.every((p) => ['km', 'receiptCents', 'minutes', 'hourlyRateCents', 'date', 'files', 'meetingId'].includes(p.path))
          ? html`<p>${ta('common.problems')}</p>
              <ul class="problems">
                ${this.problems.map((p) => html`<li>${p.path ? `${p.path}: ` : ''}${p.message}</li>`)}
              </ul>`
          : nothing}
      </div>
    </section>`
  }

  private renderClaims() {
    return html`<section aria-labelledby="claims-title">
      <h2 id="claims-title">${ta('member.claims.title')}</h2>
      ${this.claims.length === 0
        ? html`<p>${ta('member.claims.empty')}</p>`
        : html`<ul class="cards">
            ${this.claims.map(
              (c) => html`<li>
                <strong>${ta(`kind.${c.kind}` as AllowancesKey)}</strong> · ${formatDay(c.date)} · <span class="badge ${c.status}">${ta(`claim.status.${c.status}` as AllowancesKey)}</span>
                <div>${claimSummary(c)}</div>
                ${c.meetingName ? html`<div class="meta">${ta('claim.meeting', { name: c.meetingName })}</div>` : nothing}
                ${c.reason ? html`<div>${ta('claim.reason', { reason: c.reason })}</div>` : nothing}
                ${c.files.length > 0
                  ? html`<div>
                      ${ta('claim.proofs')}:
                      ${c.files.map(
                        (f, i) => html`${i > 0 ? ', ' : ''}<a href="${BASE}/claims/${encodeURIComponent(c.id)}/files/${f.sha256}" target="_blank" rel="noopener">${f.name}</a>`,
                      )}
                    </div>`
                  : nothing}
                <div class="meta">${ta('claim.submittedOn', { date: formatLongDate(c.submittedAt) })}</div>
                ${c.status === 'pending' ? html`<button type="button" @click=${() => void this.withdraw(c)}>${ta('member.claims.withdraw')}</button>` : nothing}
              </li>`,
            )}
          </ul>`}
    </section>`
  }

  private renderStatement(home: MemberHome) {
    const s = this.statement
    const years = [...new Set([...home.years, this.year])].sort((a, b) => b - a)
    return html`<section aria-labelledby="statement-title">
      <h2 id="statement-title">${ta('member.statement.title')}</h2>
      <div class="field" style="max-width: 12rem">
        <label for="statement-year">${ta('member.statement.year')}</label>
        <select id="statement-year" @change=${(e: Event) => (this.year = Number((e.target as HTMLSelectElement).value))}>
          ${years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${y}</option>`)}
        </select>
      </div>
      ${!s
        ? nothing
        : s.items.length === 0
          ? html`<p>${ta('member.statement.empty', { year: s.year })}</p>`
          : html`${lineItemsTable(s.items, { caption: ta('member.statement.caption', { year: s.year }), paid: true })}
              <p><strong>${ta('member.statement.totals', { total: formatCents(s.totalCents), paid: formatCents(s.paidCents), open: formatCents(s.openCents) })}</strong></p>`}
      ${s
        ? html`<h3>${ta('member.statement.tax')}</h3>
            ${s.tax
              ? html`<p>${ta('member.statement.taxFree', { amount: formatCents(s.tax.taxFreeCents + s.tax.exemptCents) })} · ${ta('member.statement.taxable', { amount: formatCents(s.tax.taxableCents) })}</p>
                  <p class="explanation">${s.tax.explanation}</p>
                  ${s.tax.reportable ? html`<p>${ta('member.statement.reportable')}</p>` : nothing}`
              : html`<p>${ta('member.statement.taxNone', { year: s.year })}</p>`}
            ${s.items.length > 0
              ? html`<p><a class="button" href="${BASE}/me/statements/${s.year}/pdf?download=1" download>${ta('member.statement.pdf', { year: s.year })}</a></p>`
              : nothing}`
        : nothing}
    </section>`
  }

  override render() {
    const home = this.home
    const finance = this.session.me.roles.includes('finance')
    return html`
      <h1>${ta('member.title')}</h1>
      <p>${ta('member.intro')}</p>
      ${finance ? html`<p><a href=${hrefFor({ name: 'finance', section: 'claims' })}>${ta('member.financeLink')}</a></p>` : nothing}
      ${this.loading && !home ? html`<p role="status">${ta('common.loading')}</p>` : nothing}
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${home
        ? html`<section aria-labelledby="bank-title">
              <h2 id="bank-title">${ta('member.bank')}</h2>
              <p>${home.bankAccount ? ta('member.bank.value', { iban: home.bankAccount.iban }) : ta('member.bank.none')}</p>
            </section>
            ${this.renderStatement(home)} ${this.renderClaimForm(home)} ${this.renderClaims()}`
        : nothing}
    `
  }
}

customElements.define('rt-allowances-view', AllowancesView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-allowances-view': AllowancesView
  }
}
