import { css } from 'lit'

export const paperListsViewStyles = css`
  :host {
    display: block;
    --rt-virtual-list-height: clamp(18rem, calc(100vh - 24rem), 60rem);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
  }
  h1 {
    margin: 0 0 0.5rem;
  }
  h2 {
    font-size: 1.25rem;
    margin: 1.5rem 0 0.6rem;
  }
  .stand,
  .notice {
    margin: 0.5rem 0;
  }

  /* list switch (my tasks / all / overdue) */
  .views ul {
    list-style: none;
    margin: 0.75rem 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 2px solid var(--rt-line);
  }
  .views a {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.9rem;
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: var(--rt-radius) var(--rt-radius) 0 0;
    text-decoration: none;
    font-weight: 600;
  }
  .views a[aria-current='page'] {
    background: var(--rt-surface);
    border-color: var(--rt-line);
    color: var(--rt-text);
    box-shadow: inset 0 -3px 0 var(--rt-primary);
  }
  .badge {
    min-width: 1.6rem;
    padding: 0 0.45rem;
    border-radius: 999px;
    background: var(--rt-primary);
    color: #fff;
    font-size: 0.85rem;
    text-align: center;
  }

  /* filters */
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1rem;
    margin: 1rem 0 0.5rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-weight: 600;
    min-width: 10rem;
  }
  .field.search {
    flex: 1 1 16rem;
  }
  .field select {
    max-width: 18rem;
  }
  .count {
    margin: 0.25rem 0 0.5rem;
    color: var(--rt-muted);
  }
  .empty {
    color: var(--rt-muted);
  }

  /* rows of the virtual list */
  .rt-vl-viewport {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
  }
  .rt-vl-viewport > ul > li {
    border-bottom: 1px solid var(--rt-line);
  }
  .row {
    position: relative;
    padding: 0.45rem 0.9rem 0.5rem;
    border-left: 5px solid var(--rt-primary);
  }
  .row.overdue {
    border-left-color: var(--rt-error);
  }
  .row:hover {
    background: var(--rt-surface);
  }
  .title {
    display: flex;
    gap: 0.75rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    text-decoration: none;
    font-weight: 700;
    line-height: 1.6;
  }
  /* the whole row is the link's click target */
  .title::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .title:focus-visible {
    outline: none;
  }
  .title:focus-visible::after {
    outline: 3px solid var(--rt-focus);
    outline-offset: -3px;
  }
  .title:hover .name {
    text-decoration: underline;
  }
  .ref {
    flex: none;
    min-width: 7.5rem;
    font-variant-numeric: tabular-nums;
  }
  .ref.none {
    color: var(--rt-muted);
    font-weight: 400;
    font-style: italic;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .meta {
    display: flex;
    gap: 0.2rem 1rem;
    white-space: nowrap;
    overflow: hidden;
    color: var(--rt-muted);
    font-size: 0.9rem;
    line-height: 1.6;
  }
  .state {
    font-weight: 600;
    color: var(--rt-text);
  }
  .task {
    font-weight: 700;
    color: var(--rt-warning);
  }
  .late {
    font-weight: 700;
    color: var(--rt-error);
  }

  /* overview tables */
  .summary {
    font-size: 1.05rem;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    min-width: 100%;
  }
  caption {
    text-align: left;
    color: var(--rt-muted);
    padding-bottom: 0.4rem;
  }
  th,
  td {
    border: 1px solid var(--rt-line);
    padding: 0.35rem 0.4rem;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  thead th {
    font-size: 0.85rem;
    vertical-align: bottom;
  }
  th[scope='row'] {
    min-width: 9rem;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
  }
  thead th,
  tfoot th,
  tfoot td,
  td.sum {
    background: var(--rt-surface);
    font-weight: 700;
  }
  td a {
    font-weight: 700;
  }
  .zero {
    color: var(--rt-muted);
  }
`
