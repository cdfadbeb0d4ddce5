import { css } from 'lit'

export const adminViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0 0 0.75rem;
  }
  h2 {
    margin: 1.25rem 0 0.25rem;
  }
  h3 {
    margin: 0 0 0.25rem;
  }
  .sections {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
    border-bottom: 2px solid var(--rt-line);
  }
  .sections a {
    display: inline-block;
    padding: 0.5rem 0.9rem;
    border-radius: var(--rt-radius) var(--rt-radius) 0 0;
    font-weight: 600;
    text-decoration: none;
  }
  .sections a:hover {
    text-decoration: underline;
  }
  .sections a[aria-current='page'] {
    background: var(--rt-primary);
    color: #fff;
  }
  .intro,
  .muted,
  .hint {
    color: var(--rt-muted);
  }
  .intro {
    margin: 0 0 0.75rem;
  }
  .hint {
    margin: 0.15rem 0 0;
    font-size: 0.92rem;
  }
  .notice.warning {
    border-color: var(--rt-warning);
    background: var(--rt-warning-bg);
    color: var(--rt-warning);
  }
  .notice p {
    margin: 0 0 0.5rem;
  }
  .status .notice {
    margin: 0.5rem 0;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1.5rem;
    margin: 0.75rem 0;
  }
  .filters label {
    font-weight: 600;
    margin-right: 0.5rem;
  }
  .table-wrap {
    overflow-x: auto;
    margin: 0.5rem 0 1.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.95rem;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding: 0.25rem 0 0.5rem;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.45rem 0.6rem;
    border-bottom: 1px solid var(--rt-line);
  }
  thead th {
    background: var(--rt-surface);
    border-bottom: 2px solid var(--rt-border);
    white-space: nowrap;
  }
  tbody th {
    font-weight: 600;
  }
  tr.editing {
    background: #e8f0f8;
  }
  td.actions {
    white-space: nowrap;
  }
  button.small {
    min-height: 2.25rem;
    padding: 0.2rem 0.6rem;
    font-size: 0.92rem;
  }
  td.actions button + button {
    margin-left: 0.4rem;
  }
  form.editor {
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    padding: 1rem 1.25rem 1.25rem;
    background: var(--rt-bg);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
    gap: 0.9rem 1.25rem;
    margin: 0.75rem 0;
  }
  .field {
    display: grid;
    align-content: start;
    gap: 0.25rem;
  }
  .label-line {
    display: flex;
    gap: 0.25rem;
  }
  .label-line label {
    font-weight: 600;
  }
  .field input:not([type='checkbox']),
  .field select {
    width: 100%;
    min-height: 2.5rem;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .check label {
    font-weight: 600;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  .check-field {
    align-self: end;
  }
  .required {
    color: var(--rt-error);
  }
  .field-error {
    margin: 0;
    color: var(--rt-error);
    font-weight: 600;
  }
  .field-error:empty {
    display: none;
  }
  select[aria-invalid='true'] {
    border: 2px solid var(--rt-error);
  }
  fieldset {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    margin: 0.75rem 0;
    padding: 0.5rem 1rem 0.75rem;
  }
  legend {
    font-weight: 700;
    padding: 0 0.4rem;
  }
  .portrait-row {
    display: flex;
    gap: 1rem;
    margin: 0.5rem 0;
  }
  .portrait-image {
    width: 120px;
    height: 150px;
    object-fit: cover;
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    background: var(--rt-surface);
  }
  .form-error:focus {
    outline: none;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 0.75rem;
  }
  button.danger {
    background: var(--rt-error);
    border-color: var(--rt-error);
  }
  button.danger:hover {
    background: #7d1014;
    border-color: #7d1014;
  }
  dialog {
    max-width: 32rem;
    width: calc(100% - 2rem);
    border: 2px solid var(--rt-border);
    border-radius: var(--rt-radius);
    padding: 1.25rem 1.5rem;
    color: var(--rt-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }
  dialog h2 {
    margin-top: 0;
  }
  .template-list {
    list-style: none;
    margin: 0.5rem 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .template-row {
    display: grid;
    grid-template-columns: minmax(14rem, 3fr) minmax(9rem, 1fr) minmax(7rem, 1fr) auto;
    gap: 0.5rem 0.75rem;
    align-items: start;
    padding: 0.5rem;
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
  }
  .template-row input {
    width: 100%;
    box-sizing: border-box;
  }
  .template-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    align-self: end;
  }
  @media (max-width: 48rem) {
    .template-row {
      grid-template-columns: 1fr;
    }
  }
`
