import { css } from 'lit'

export const fileVersionsStyles = css`
  :host {
    display: block;
    flex-basis: 100%;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.5rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-size: 0.85rem;
    font-weight: 600;
    padding: 0.05rem 0.55rem;
    border-radius: 999px;
    border: 1px solid currentColor;
  }
  .badge svg {
    flex: none;
  }
  .current {
    color: var(--rt-success);
    background: var(--rt-success-bg);
  }
  .newer,
  .changed {
    color: var(--rt-warning);
    background: var(--rt-warning-bg);
  }
  .none {
    color: var(--rt-muted);
    background: var(--rt-surface);
  }
  details {
    margin-top: 0.35rem;
  }
  summary {
    cursor: pointer;
    color: var(--rt-primary);
    font-weight: 600;
    /* a 44 px touch target that keeps the disclosure triangle */
    padding: 0.6rem 0;
  }
  ol {
    margin: 0.3rem 0 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.5rem;
  }
  li {
    border-left: 3px solid var(--rt-line);
    padding: 0.2rem 0 0.2rem 0.6rem;
    display: grid;
    gap: 0.15rem;
  }
  li.is-current {
    border-left-color: var(--rt-success);
  }
  .version-head {
    font-weight: 600;
  }
  .meta,
  .comment {
    color: var(--rt-muted);
    font-size: 0.9rem;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .actions a {
    font-size: 0.9rem;
  }
`
