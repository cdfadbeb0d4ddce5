import { css } from 'lit'

export const compareViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0.2rem 0 0.4rem;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.4rem 0 0.3rem;
    padding-bottom: 0.2rem;
    border-bottom: 2px solid var(--rt-line);
  }
  .subtitle {
    color: var(--rt-muted);
    margin: 0 0 0.8rem;
    overflow-wrap: anywhere;
  }
  .versions {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.2rem 1rem;
    margin: 0 0 0.8rem;
  }
  .versions dt {
    font-weight: 600;
  }
  .versions dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* phones: each version under its label */
  @media (max-width: 30rem) {
    .versions {
      grid-template-columns: minmax(0, 1fr);
    }
    .versions dd {
      margin-bottom: 0.4rem;
    }
  }
  .summary {
    font-weight: 600;
  }
  .legend {
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  .legend ins,
  .legend del {
    padding: 0 0.2rem;
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  .counts {
    color: var(--rt-muted);
    margin: 0 0 0.4rem;
    font-size: 0.9rem;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: inherit;
    line-height: 1.6;
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 0.8rem;
    margin: 0;
    max-width: 100%;
  }
  ins {
    text-decoration: underline;
    text-decoration-thickness: 2px;
    background: var(--rt-success-bg);
    color: var(--rt-success);
  }
  del {
    text-decoration: line-through;
    text-decoration-thickness: 2px;
    background: var(--rt-error-bg);
    color: var(--rt-error);
  }
`
