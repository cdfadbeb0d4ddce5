import { css } from 'lit'

export const minutesViewStyles = css`
  .doc-title {
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin: 0.5rem 0;
  }
  .hint {
    color: var(--rt-muted);
  }
  .signatures,
  .history {
    margin: 0.3rem 0;
    padding-left: 1.3rem;
  }
  .signatures li {
    margin: 0.3rem 0;
  }
  .correction {
    display: grid;
    gap: 0.35rem;
    max-width: 48rem;
    margin: 0.8rem 0;
    padding: 0.8rem;
    border: 1px solid var(--rt-line);
    border-radius: 6px;
  }
  .correction button {
    justify-self: start;
  }
  .error {
    color: var(--rt-danger, #a4000f);
  }
  rt-rich-text-editor {
    display: block;
    margin: 1rem 0;
  }
`
