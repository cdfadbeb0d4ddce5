import { css } from 'lit'

export const adminImportViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0 0 0.5rem;
  }
  h2 {
    margin: 1.5rem 0 0.5rem;
  }
  h3 {
    margin: 1rem 0 0.25rem;
    font-size: 1.05rem;
  }
  .intro,
  .hint,
  .muted {
    color: var(--rt-muted);
  }
  .hint {
    margin: 0.15rem 0 0;
    font-size: 0.92rem;
  }
  form {
    max-width: 48rem;
  }
  input[type='url'] {
    width: 100%;
  }
  details {
    margin: 0.75rem 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.5rem 1rem;
    margin-top: 0.5rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    margin: 0.35rem 0;
  }
  .actions {
    display: flex;
    gap: 0.75rem;
    flex-wrap: wrap;
    margin-top: 0.75rem;
  }
  dl.figures {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.3rem 1rem;
    margin: 0.5rem 0;
  }
  dl.figures dt {
    font-weight: 600;
  }
  dl.figures dd {
    margin: 0;
  }
  progress {
    width: 100%;
    max-width: 32rem;
    height: 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    max-width: 60rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.35rem 0.6rem;
    border-bottom: 1px solid var(--rt-line);
    vertical-align: top;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.url {
    word-break: break-all;
    font-size: 0.9rem;
  }
  ul.errors {
    margin: 0.25rem 0;
    padding-left: 1.2rem;
    font-size: 0.92rem;
    word-break: break-word;
  }
  .status-failed,
  .status-cancelled {
    color: var(--rt-danger, #a4001d);
    font-weight: 600;
  }
  .status-done {
    color: var(--rt-success, #1d6b2c);
    font-weight: 600;
  }
`
