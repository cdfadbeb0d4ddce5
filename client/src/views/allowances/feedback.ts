/** What the Sitzungsgeld views say after an action: success, refusal (with the relay's problems), offline. */
import { html, nothing } from 'lit'
import { ApiError, isNetworkError } from '../../services/api-client.ts'
import type { Problem } from './allowance-api.ts'
import { ta } from './messages-allowances.ts'

export interface Feedback {
  kind: 'success' | 'error'
  text: string
  problems?: Problem[]
}

/** The text for a failed call: offline, or the relay's German message. */
export function failure(e: unknown): Feedback {
  if (isNetworkError(e)) return { kind: 'error', text: ta('common.needsConnection') }
  return { kind: 'error', text: ta('common.refused', { reason: e instanceof ApiError || e instanceof Error ? e.message : String(e) }) }
}

/** A load that failed: offline (allowance data is never kept on the device) or another reason. */
export function loadFailure(e: unknown): string {
  if (isNetworkError(e)) return ta('common.offline')
  if (e instanceof ApiError && e.status === 403) return ta('finance.forbidden')
  return ta('common.error', { reason: e instanceof Error ? e.message : String(e) })
}

/** role=status for success, role=alert for errors, with the problems listed by path. */
export function renderFeedback(f: Feedback | null) {
  if (!f) return nothing
  return html`<div class="notice ${f.kind}" role=${f.kind === 'error' ? 'alert' : 'status'}>
    <p style="margin: 0">${f.text}</p>
    ${f.problems && f.problems.length > 0
      ? html`<ul class="problems">
          ${f.problems.map((p) => html`<li>${p.path ? html`<code>${p.path}</code>: ` : nothing}${p.message}</li>`)}
        </ul>`
      : nothing}
  </div>`
}
