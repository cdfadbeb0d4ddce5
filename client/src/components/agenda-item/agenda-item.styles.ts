import { css } from 'lit'

export const agendaItemStyles = css`
  :host {
    display: block;
  }
  article {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.9rem 1rem;
    background: var(--rt-bg);
  }
  h4 {
    margin: 0 0 0.25rem;
    font-size: 1.1rem;
    display: flex;
    gap: 0.6rem;
    align-items: baseline;
  }
  .number {
    flex: none;
    font-variant-numeric: tabular-nums;
    color: var(--rt-primary);
    min-width: 3.2em;
  }
  /* long German compounds in titles must not push a phone's screen sideways (WCAG 1.4.10) */
  h4 .title {
    min-width: 0;
    overflow-wrap: anywhere;
    hyphens: auto;
  }
  .paper {
    margin: 0.1rem 0 0.5rem;
    color: var(--rt-muted);
  }
  .proposal {
    margin: 0.5rem 0;
  }
  .proposal summary {
    cursor: pointer;
    color: var(--rt-primary);
  }
  .edit-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0.4rem 0 0.6rem;
  }
  .edit-row input {
    flex: 1 1 20rem;
  }
  .tool {
    min-height: 2rem;
    padding: 0.15rem 0.6rem;
    font-size: 0.9rem;
  }
  .files {
    list-style: none;
    padding: 0;
    margin: 0.5rem 0;
    display: grid;
    gap: 0.4rem;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.8rem;
    align-items: center;
    padding: 0.35rem 0.5rem;
    background: var(--rt-surface);
    border-radius: var(--rt-radius);
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-meta {
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  .files .button {
    margin-left: auto;
    min-height: 2rem;
    padding: 0.15rem 0.8rem;
  }
  .note label {
    display: block;
    font-weight: 600;
    margin-top: 0.6rem;
  }
  .note .hint {
    display: block;
    color: var(--rt-muted);
    font-size: 0.85rem;
    margin-bottom: 0.25rem;
  }
  textarea {
    width: 100%;
    min-height: 4.5rem;
    resize: vertical;
  }
  .error {
    color: var(--rt-error);
    margin: 0.25rem 0;
  }
  /* live meeting state (read-only) */
  article.current {
    border-left: 4px solid #1f4fa3;
    padding-left: 0.6rem;
  }
  .live {
    margin: 0.4rem 0;
  }
  .live p {
    margin: 0.2rem 0;
  }
  .current-marker {
    color: #1f4fa3;
  }
`
