import { css } from 'lit'

export const annotationListStyles = css`
  :host {
    display: block;
  }
  .group + .group {
    margin-top: 1rem;
  }
  .group-title {
    font-weight: 700;
    font-size: 1.05rem;
    margin: 0 0 0.4rem;
  }
  .count {
    font-weight: 400;
    color: var(--rt-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .annotation {
    border: 1px solid var(--rt-line);
    border-left: 4px solid var(--rt-border);
    border-radius: var(--rt-radius);
    padding: 0.5rem 0.7rem;
    display: grid;
    gap: 0.3rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .annotation.active {
    border-color: var(--rt-primary);
    border-left-color: var(--rt-primary);
    box-shadow: 0 0 0 2px var(--rt-primary) inset;
  }
  .annotation.detached {
    border-left-color: var(--rt-warning);
    background: var(--rt-warning-bg);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.6rem;
    align-items: center;
    font-size: 0.92rem;
  }
  .kind {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-weight: 600;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 1rem;
    border-radius: 3px;
    background: var(--fill);
    border: 2px solid var(--line);
  }
  .swatch.underline {
    background: linear-gradient(to top, var(--line) 30%, transparent 30%);
  }
  .badge {
    border-radius: 999px;
    padding: 0 0.5rem;
    border: 1px solid var(--rt-border);
    color: var(--rt-muted);
    font-size: 0.85rem;
  }
  .badge.faction {
    border-color: var(--rt-success);
    color: var(--rt-success);
    background: var(--rt-success-bg);
  }
  blockquote {
    margin: 0;
    padding-left: 0.6rem;
    border-left: 3px solid var(--rt-line);
    font-style: italic;
  }
  p {
    margin: 0;
  }
  .comment {
    white-space: pre-wrap;
  }
  .where,
  .muted {
    color: var(--rt-muted);
    font-size: 0.92rem;
  }
  .detached-note {
    color: var(--rt-warning);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .actions .button,
  .actions button {
    min-height: 2.25rem;
    padding: 0.2rem 0.7rem;
  }
`
