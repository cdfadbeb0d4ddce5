/**
 * The finance clerk's claim queue: open claims with what they ask for, the member's note and the
 * proofs (opened in a new tab), approve or reject with a reason; below, the decided ones.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { BASE, formatDay, type Claim } from './allowance-api.ts'
import { claimSummary } from './claim-summary.ts'
import { failure, renderFeedback } from './feedback.ts'
import { ta, type AllowancesKey } from './messages-allowances.ts'

export class FinanceClaims extends FinanceSection {
  static override properties = {
    claims: { state: true },
    busy: { state: true },
  }

  declare claims: Claim[]
  declare busy: string

  constructor() {
    super()
    this.claims = []
    this.busy = ''
  }

  protected async fetch(): Promise<void> {
    this.claims = (await this.calls.get<{ claims: Claim[] }>('/claims')).claims
  }

  private async decide(claim: Claim, decision: 'approve' | 'reject'): Promise<void> {
    const reason = this.renderRoot.querySelector<HTMLTextAreaElement>(`#reason-${claim.id}`)?.value ?? ''
    this.busy = claim.id
    this.feedback = null
    try {
      const updated = await this.calls.post<Claim>(`/claims/${encodeURIComponent(claim.id)}/decision`, { decision, reason })
      this.claims = this.claims.map((c) => (c.id === updated.id ? updated : c))
      this.feedback = { kind: 'success', text: ta(decision === 'approve' ? 'claims.approved' : 'claims.rejected', { name: claim.personName }) }
    } catch (e) {
      this.feedback = failure(e)
    } finally {
      this.busy = ''
    }
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#claims-feedback')?.focus()
  }

  private renderClaim(c: Claim, open: boolean) {
    const heading = ta('claims.of', { name: c.personName, kind: ta(`kind.${c.kind}` as AllowancesKey), date: formatDay(c.date) })
    return html`<li>
      <h3 style="margin: 0 0 0.3rem; font-size: 1.05rem">${heading}</h3>
      <div>${claimSummary(c)} · <span class="badge ${c.status}">${ta(`claim.status.${c.status}` as AllowancesKey)}</span></div>
      ${c.meetingName ? html`<div class="meta">${ta('claim.meeting', { name: c.meetingName })}</div>` : nothing}
      ${c.note ? html`<div>„${c.note}“</div>` : nothing}
      ${c.reason ? html`<div>${ta('claim.reason', { reason: c.reason })}</div>` : nothing}
      ${c.files.length > 0
        ? html`<div>
            ${ta('claim.proofs')}:
            ${c.files.map((f, i) => html`${i > 0 ? ', ' : ''}<a href="${BASE}/claims/${encodeURIComponent(c.id)}/files/${f.sha256}" target="_blank" rel="noopener">${f.name}</a>`)}
          </div>`
        : nothing}
      <div class="meta">${ta('claim.submittedOn', { date: formatDay(c.submittedAt) })}${c.decidedByName ? ` · ${c.decidedByName}` : ''}</div>
      ${open
        ? html`<div class="actions" role="group" aria-label=${heading}>
            <div class="field">
              <label for="reason-${c.id}">${ta('claims.reason')}</label>
              <textarea id="reason-${c.id}" rows="1" maxlength="500"></textarea>
            </div>
            <button type="button" class="primary" ?disabled=${this.busy === c.id} @click=${() => void this.decide(c, 'approve')}>${ta('claims.approve')}</button>
            <button type="button" ?disabled=${this.busy === c.id} @click=${() => void this.decide(c, 'reject')}>${ta('claims.reject')}</button>
          </div>`
        : nothing}
    </li>`
  }

  override render() {
    const open = this.claims.filter((c) => c.status === 'pending')
    const decided = this.claims.filter((c) => c.status !== 'pending')
    return html`
      <div id="claims-feedback" tabindex="-1">${renderFeedback(this.feedback)}</div>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      <h2>${ta('claims.pending')}</h2>
      ${this.loading
        ? html`<p role="status">${ta('common.loading')}</p>`
        : open.length === 0
          ? html`<p>${ta('claims.pending.empty')}</p>`
          : html`<ul class="cards">
              ${open.map((c) => this.renderClaim(c, true))}
            </ul>`}
      ${decided.length > 0
        ? html`<details>
            <summary>${ta('claims.decided')} (${decided.length})</summary>
            <ul class="cards">
              ${decided.map((c) => this.renderClaim(c, false))}
            </ul>
          </details>`
        : nothing}
    `
  }
}

customElements.define('rt-finance-claims', FinanceClaims)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-claims': FinanceClaims
  }
}
