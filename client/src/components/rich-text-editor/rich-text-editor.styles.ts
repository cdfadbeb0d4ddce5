import { css } from 'lit'

export const richTextEditorStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    margin: 0 0 1.5rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0.3rem;
    border: 1px solid var(--rt-border);
    border-bottom: none;
    border-radius: var(--rt-radius) var(--rt-radius) 0 0;
    background: var(--rt-surface);
  }
  .toolbar button {
    min-width: 2.5rem;
    min-height: 2.5rem;
    padding: 0.25rem 0.5rem;
    justify-content: center;
    border-width: 1px;
    border-color: transparent;
    background: transparent;
    color: var(--rt-text);
  }
  .toolbar button:hover {
    border-color: var(--rt-border);
    background: var(--rt-bg);
  }
  .toolbar button[aria-pressed='true'] {
    border-color: var(--rt-primary);
    background: var(--rt-bg);
    color: var(--rt-primary);
  }
  .toolbar .separator {
    width: 1px;
    align-self: stretch;
    margin: 0.2rem 0.25rem;
    background: var(--rt-line);
  }
  .toolbar .push {
    margin-left: auto;
  }
  .toolbar svg {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
  }
  .link-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px solid var(--rt-border);
    border-bottom: none;
    background: var(--rt-bg);
  }
  .link-form .field {
    display: flex;
    flex-direction: column;
    flex: 1 1 16rem;
  }
  .link-form label {
    font-weight: 600;
  }
  .link-form .error {
    flex-basis: 100%;
    margin: 0;
    color: var(--rt-error);
  }
  .panes {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0;
  }
  @container (min-width: 46rem) {
    .panes.with-preview {
      grid-template-columns: 1fr 1fr;
    }
    .panes.with-preview .preview {
      border-top: 1px solid var(--rt-border);
      border-left: none;
    }
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 12rem;
    resize: vertical;
    border-radius: 0 0 0 var(--rt-radius);
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.95rem;
    line-height: 1.5;
    tab-size: 4;
  }
  .panes:not(.with-preview) textarea {
    border-radius: 0 0 var(--rt-radius) var(--rt-radius);
  }
  textarea[readonly] {
    background: var(--rt-surface);
  }
  .preview {
    min-width: 0;
    padding: 0.5rem 1rem;
    border: 1px solid var(--rt-border);
    border-top: none;
    border-radius: 0 0 var(--rt-radius) 0;
    background: var(--rt-bg);
    overflow-wrap: anywhere;
  }
  .preview-title {
    margin: 0 0 0.25rem;
    font-size: 0.8rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--rt-muted);
  }
  .preview h3,
  .preview h4,
  .preview h5 {
    margin: 0.8rem 0 0.4rem;
    line-height: 1.25;
  }
  .preview h3 {
    font-size: 1.2rem;
  }
  .preview h4 {
    font-size: 1.08rem;
  }
  .preview h5 {
    font-size: 1rem;
  }
  .preview p,
  .preview ul,
  .preview ol {
    margin: 0.4rem 0;
  }
  .preview table {
    border-collapse: collapse;
    margin: 0.5rem 0;
    max-width: 100%;
  }
  .preview th,
  .preview td {
    border: 1px solid var(--rt-border);
    padding: 0.25rem 0.5rem;
    vertical-align: top;
  }
  .preview th {
    background: var(--rt-surface);
  }
  .preview .empty {
    color: var(--rt-muted);
    font-style: italic;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.85rem;
    color: var(--rt-muted);
  }
  .notice {
    margin: 0 0 0.5rem;
  }
`
