/**
 * Sitzungsgeld for the finance clerk (/app/allowances/finance/:section): one heading, a tab list of
 * links (each section has its own URL, so the browser's back button and bookmarks work), and the
 * section's element. Only users with the finance role get here from the navigation; the relay
 * refuses everybody else anyway (403), which the sections show as such.
 */
import { LitElement, html, nothing } from 'lit'
import { FINANCE_SECTIONS, hrefFor, type FinanceSection } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import type { Session } from '../../services/session.ts'
import { allowancesStyles } from './allowances.styles.ts'
import { ta, type AllowancesKey } from './messages-allowances.ts'
import './finance-claims.ts'
import './finance-runs.ts'
import './finance-payouts.ts'
import './finance-statute.ts'
import './finance-assignments.ts'
import './finance-payees.ts'
import './finance-tax.ts'

export class FinanceView extends LitElement {
  static override styles = [themeStyles, allowancesStyles]
  static override properties = {
    session: { attribute: false },
    section: {},
  }

  declare session: Session
  declare section: FinanceSection

  constructor() {
    super()
    this.section = 'claims'
  }

  private renderSection() {
    const s = this.session
    switch (this.section) {
      case 'claims':
        return html`<rt-finance-claims .session=${s}></rt-finance-claims>`
      case 'runs':
        return html`<rt-finance-runs .session=${s}></rt-finance-runs>`
      case 'payouts':
        return html`<rt-finance-payouts .session=${s}></rt-finance-payouts>`
      case 'statute':
        return html`<rt-finance-statute .session=${s}></rt-finance-statute>`
      case 'assignments':
        return html`<rt-finance-assignments .session=${s}></rt-finance-assignments>`
      case 'payees':
        return html`<rt-finance-payees .session=${s}></rt-finance-payees>`
      case 'tax':
        return html`<rt-finance-tax .session=${s}></rt-finance-tax>`
    }
  }

  override render() {
    const finance = this.session.me.roles.includes('finance')
    return html`
      <h1>${ta('finance.title')}</h1>
      ${finance
        ? html`<nav class="tabs" aria-label=${ta('finance.nav')}>
              <ul>
                ${FINANCE_SECTIONS.map(
                  (section) =>
                    html`<li>
                      <a href=${hrefFor({ name: 'finance', section })} aria-current=${this.section === section ? 'page' : nothing}>${ta(`finance.section.${section}` as AllowancesKey)}</a>
                    </li>`,
                )}
              </ul>
            </nav>
            ${this.renderSection()}`
        : html`<p class="notice error" role="alert">${ta('finance.forbidden')}</p>`}
    `
  }
}

customElements.define('rt-finance-view', FinanceView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-view': FinanceView
  }
}
