import { css } from 'lit'

export const meetingsViewStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: 1rem;
  }
  h1 {
    margin: 0 0 0.5rem;
  }
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-weight: 600;
  }
  section {
    margin-top: 1.5rem;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.6rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  li {
    border: 1px solid var(--rt-line);
    border-left: 5px solid var(--rt-primary);
    border-radius: var(--rt-radius);
    padding: 0.7rem 1rem;
    display: grid;
    gap: 0.15rem;
  }
  li.past {
    border-left-color: var(--rt-border);
  }
  .name {
    font-size: 1.1rem;
    font-weight: 700;
  }
  .meta {
    color: var(--rt-muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 1rem;
  }
  .badge {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-size: 0.85rem;
    font-weight: 600;
    padding: 0.05rem 0.55rem;
    border-radius: 999px;
    color: var(--rt-success);
    background: var(--rt-success-bg);
    border: 1px solid var(--rt-success);
  }
  .empty {
    color: var(--rt-muted);
  }
  .storage-link {
    margin: 0.25rem 0 0;
  }
  li rt-pin-control {
    margin-top: 0.35rem;
  }
`
