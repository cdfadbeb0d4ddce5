import { css } from 'lit'

export const paperViewStyles = css`
  :host {
    display: block;
    max-width: 60rem;
  }
  .kicker {
    margin: 0;
    color: var(--rt-muted);
    font-weight: 600;
  }
  h1 {
    margin: 0.2rem 0 0.6rem;
    line-height: 1.25;
  }
  h2 {
    margin: 1.75rem 0 0.5rem;
    font-size: 1.35rem;
    border-bottom: 2px solid var(--rt-line);
    padding-bottom: 0.2rem;
  }
  h3 {
    font-size: 1.1rem;
    margin: 1rem 0 0.4rem;
  }
  h4 {
    margin: 0 0 0.5rem;
  }
  .state {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0.5rem 0;
  }
  .step-form,
  .inline-form fieldset {
    border: 1px solid var(--rt-line);
    border-radius: 6px;
    padding: 0.75rem;
    margin: 0.75rem 0;
    display: grid;
    gap: 0.35rem;
    max-width: 40rem;
  }
  .inline-form {
    margin: 0;
  }
  label.check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: normal;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin: 0.5rem 0 1rem;
  }
  input:not([type='checkbox']):not([type='file']),
  textarea,
  select {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--rt-border);
    border-radius: 4px;
    max-width: 100%;
  }
  input[readonly],
  textarea[readonly] {
    background: var(--rt-surface);
  }
  .pending,
  .readonly-note {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--rt-warning);
    background: var(--rt-warning-bg);
    color: var(--rt-text);
  }
  .error {
    color: var(--rt-error);
    font-weight: 600;
  }
  .muted {
    color: var(--rt-muted);
  }
  .live:empty {
    display: none;
  }
  .live {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--rt-primary);
    margin: 0.5rem 0;
  }
  table.cosigning {
    border-collapse: collapse;
    margin: 0.5rem 0;
  }
  table.cosigning caption {
    text-align: left;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  table.cosigning th,
  table.cosigning td {
    border: 1px solid var(--rt-line);
    padding: 0.3rem 0.6rem;
    text-align: left;
  }
  .cosign-returned {
    color: var(--rt-error);
    font-weight: 600;
  }
  .cosign-signed {
    color: var(--rt-success);
    font-weight: 600;
  }
  ol.consultations,
  ol.history,
  ol.versions,
  ul.attachments {
    padding-left: 1.4rem;
    display: grid;
    gap: 0.5rem;
  }
  ol.consultations li,
  ol.history li,
  ol.versions li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.6rem;
    align-items: baseline;
  }
  .result.has-result {
    font-weight: 600;
  }
  .row-actions {
    display: inline-flex;
    gap: 0.25rem;
  }
  button.icon {
    min-width: 2.75rem;
    min-height: 2.75rem;
  }
  .attachment-title {
    margin: 0.2rem 0;
    font-size: 1rem;
  }
  .history .what {
    font-weight: 600;
  }
  .history .not-applied .what {
    text-decoration: line-through;
  }
  .reason {
    color: var(--rt-error);
  }
  .comment {
    font-style: italic;
  }
  rt-rich-text-editor {
    display: block;
    margin: 1rem 0;
  }
`
