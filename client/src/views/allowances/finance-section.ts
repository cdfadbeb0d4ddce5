/**
 * What every section of the finance clerk's Sitzungsgeld view shares: the session, the first load
 * when it is shown (with a loading state and a load error in words), the feedback of the last
 * action, and the relay's allowance API. A section says what to fetch (`fetch`).
 */
import { LitElement, type PropertyDeclarations } from 'lit'
import { themeStyles } from '../../app/theme.styles.ts'
import type { Session } from '../../services/session.ts'
import { allowanceApi } from './allowance-api.ts'
import { allowancesStyles } from './allowances.styles.ts'
import { loadFailure, type Feedback } from './feedback.ts'

export abstract class FinanceSection extends LitElement {
  static override styles = [themeStyles, allowancesStyles]
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
    loading: { state: true },
    loadError: { state: true },
    feedback: { state: true },
  }

  declare session: Session
  declare loading: boolean
  declare loadError: string
  declare feedback: Feedback | null

  constructor() {
    super()
    this.loading = true
    this.loadError = ''
    this.feedback = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  protected get calls() {
    return allowanceApi(this.session.api)
  }

  /** reads what the section shows; throws when the relay cannot be asked */
  protected abstract fetch(): Promise<void>

  protected async load(): Promise<void> {
    try {
      await this.fetch()
      this.loadError = ''
    } catch (e) {
      this.loadError = loadFailure(e)
    } finally {
      this.loading = false
    }
  }
}
