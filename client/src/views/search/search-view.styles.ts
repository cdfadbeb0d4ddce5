import { css } from 'lit'

export const searchViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0 0 0.6rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 1.2rem 0 0.3rem;
  }
  form.search {
    display: grid;
    gap: 0.8rem;
  }
  .query label {
    display: block;
    font-weight: 700;
    margin-bottom: 0.2rem;
  }
  .query-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .query-row input {
    flex: 1 1 14rem;
    font-size: 1.1rem;
  }
  .hint,
  .scope,
  .index-status {
    color: var(--rt-muted);
    margin: 0.3rem 0 0;
    font-size: 0.95rem;
  }
  fieldset.filters {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    margin: 0;
    padding: 0.5rem 0.8rem 0.8rem;
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.6rem 1rem;
  }
  fieldset.filters legend {
    font-weight: 700;
    padding: 0 0.3rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    flex: 1 1 10rem;
  }
  .field label {
    font-weight: 600;
  }
  .count {
    font-weight: 600;
    margin: 0.2rem 0 0.6rem;
    min-height: 1.5em;
  }
  ol.hits {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.7rem;
  }
  .hit {
    border: 1px solid var(--rt-line);
    border-left: 5px solid var(--rt-primary);
    border-radius: var(--rt-radius);
    padding: 0.6rem 0.9rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .hit p {
    margin: 0.15rem 0;
  }
  .kind {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.85rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--rt-muted);
    font-weight: 700;
  }
  .badge.confidential {
    text-transform: none;
    letter-spacing: 0;
    padding: 0 0.5rem;
    border-radius: 999px;
    color: var(--rt-warning);
    background: var(--rt-warning-bg);
    border: 1px solid var(--rt-warning);
  }
  .badge.own {
    text-transform: none;
    letter-spacing: 0;
    padding: 0 0.5rem;
    border-radius: 999px;
    color: var(--rt-success);
    background: var(--rt-success-bg);
    border: 1px solid var(--rt-success);
  }
  .hit-title {
    font-size: 1.1rem;
    margin: 0.1rem 0;
  }
  .meta {
    color: var(--rt-muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.1rem 0.9rem;
    font-size: 0.95rem;
  }
  .snippet {
    line-height: 1.45;
  }
  mark {
    background: #fff1a8;
    color: inherit;
    font-weight: 600;
    padding: 0 0.05em;
  }
  .more,
  .versions,
  .also,
  .links {
    font-size: 0.95rem;
  }
  .also {
    color: var(--rt-muted);
  }
`
