import { css } from 'lit'

export const planningViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0.2rem 0 0.3rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.8rem;
    align-items: end;
    margin: 0.8rem 0;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  fieldset.mode {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    display: flex;
    gap: 1rem;
    padding: 0.3rem 0.8rem;
    margin: 0;
  }
  .panel {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 1rem 1rem;
    margin: 0.8rem 0;
    background: var(--rt-surface);
  }
  .panel h2 {
    margin: 0.2rem 0 0.6rem;
    font-size: 1.2rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.6rem 1rem;
    margin-bottom: 0.8rem;
  }
  .notice.warning {
    border-color: var(--rt-warning);
    background: var(--rt-warning-bg);
    color: var(--rt-warning);
    margin-bottom: 0.8rem;
  }
  .month-nav {
    display: flex;
    align-items: center;
    gap: 1rem;
  }
  .month-nav h2 {
    margin: 0.6rem 0;
    font-size: 1.25rem;
    min-width: min(12rem, 50vw);
    text-align: center;
  }
  table.month {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  table.month th {
    text-align: left;
    padding: 0.2rem 0.4rem;
    color: var(--rt-muted);
  }
  table.month td {
    border: 1px solid var(--rt-line);
    vertical-align: top;
    height: 5.5rem;
    padding: 0.2rem 0.3rem;
  }
  table.month td.outside {
    background: var(--rt-surface);
  }
  table.month td.today .day {
    font-weight: 700;
    color: var(--rt-primary);
  }
  .entry {
    display: block;
    margin-top: 0.2rem;
    padding: 0.15rem 0.3rem;
    border-left: 4px solid var(--rt-primary);
    background: var(--rt-surface);
    font-size: 0.85rem;
    text-decoration: none;
    color: var(--rt-text);
    hyphens: auto;
    overflow-wrap: break-word;
  }
  .entry:hover {
    text-decoration: underline;
  }
  .entry.state-cancelled {
    border-left-color: var(--rt-error);
  }
  .entry.state-planned {
    border-left-style: dashed;
  }
  .entry-time,
  .entry-meta {
    display: block;
    color: var(--rt-muted);
  }
  .entry-name {
    display: block;
    font-weight: 600;
  }
  ul.list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .muted {
    color: var(--rt-muted);
  }
`
