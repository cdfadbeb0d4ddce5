/**
 * The table of line items a member understands ("2 × Sitzungsgeld … am 12.03."): the member's
 * yearly statement and finance's view of one member in a calculation run show the same columns;
 * the statement adds what was paid.
 */
import { html, nothing } from 'lit'
import { formatCents, formatDay, formatMonth } from './allowance-api.ts'
import { ta } from './messages-allowances.ts'

export interface LineItemRow {
  date?: string | null
  month: string
  label: string
  explanation: string
  amountCents: number
  paidCents?: number
}

export function lineItemsTable(items: readonly LineItemRow[], options: { caption: string; captionHidden?: boolean; paid?: boolean }) {
  return html`<div class="table-wrap">
    <table>
      <caption class=${options.captionHidden ? 'visually-hidden' : nothing}>
        ${options.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${ta('member.statement.when')}</th>
          <th scope="col">${ta('member.statement.kind')}</th>
          <th scope="col">${ta('member.statement.explanation')}</th>
          <th scope="col" class="num">${ta('member.statement.amount')}</th>
          ${options.paid ? html`<th scope="col" class="num">${ta('member.statement.paid')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (i) => html`<tr>
            <td>${i.date ? formatDay(i.date) : formatMonth(i.month)}</td>
            <td>${i.label}</td>
            <td class="explanation">${i.explanation}</td>
            <td class="num">${formatCents(i.amountCents)}</td>
            ${options.paid ? html`<td class="num">${formatCents(i.paidCents ?? 0)}</td>` : nothing}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`
}
