import { css } from 'lit'

export const annotationEditorStyles = css`
  :host {
    display: block;
  }
  .editor {
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem 0.7rem;
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    background: var(--rt-bg);
  }
  .fields {
    display: grid;
    gap: 0.5rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  textarea {
    width: 100%;
    resize: vertical;
    font-weight: 400;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .confirm {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  button.danger {
    border-color: var(--rt-error);
    color: var(--rt-error);
  }
  .muted {
    color: var(--rt-muted);
    margin: 0;
  }
  .comment {
    margin: 0;
    white-space: pre-wrap;
  }
  .status {
    margin: 0;
    color: var(--rt-success);
  }
  .status:empty {
    display: none;
  }
`
