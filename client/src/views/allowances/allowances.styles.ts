/** Look shared by the Sitzungsgeld views: forms, tables that scroll sideways on a phone, badges. */
import { css } from 'lit'

export const allowancesStyles = css`
  :host {
    display: block;
  }
  section {
    margin: 1.5rem 0;
  }
  form.grid,
  fieldset.grid {
    display: grid;
    gap: 0.6rem;
    max-width: 40rem;
  }
  fieldset {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 1rem 0.9rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.8rem 1.2rem;
    align-items: end;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .hint {
    color: var(--rt-muted);
    font-size: 0.95rem;
    margin: 0;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.3rem 0;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.35rem 0.8rem 0.35rem 0;
    border-bottom: 1px solid var(--rt-line);
  }
  th.num,
  td.num {
    text-align: right;
    white-space: nowrap;
  }
  ul.cards {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  ul.cards > li {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 1rem;
    background: var(--rt-surface);
  }
  .badge {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: 0.8rem;
    padding: 0 0.5rem;
    font-size: 0.9rem;
    white-space: nowrap;
  }
  .badge.approved,
  .badge.transfer {
    color: var(--rt-success);
  }
  .badge.rejected,
  .badge.blocked,
  .badge.reclaim {
    color: var(--rt-error);
  }
  .badge.pending {
    color: var(--rt-warning);
  }
  .meta {
    color: var(--rt-muted);
  }
  .problems {
    margin: 0.3rem 0 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: end;
  }
  nav.tabs ul {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    padding: 0;
    margin: 0 0 1rem;
  }
  nav.tabs a {
    display: inline-block;
    padding: 0.35rem 0.8rem;
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    text-decoration: none;
  }
  nav.tabs a[aria-current='page'] {
    background: var(--rt-primary);
    border-color: var(--rt-primary);
    color: #fff;
    font-weight: 600;
  }
  details {
    margin: 0.4rem 0;
  }
  summary {
    cursor: pointer;
  }
  textarea.json {
    width: 100%;
    min-height: 18rem;
    font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
    font-size: 0.9rem;
  }
  .explanation {
    max-width: 48rem;
  }
`
