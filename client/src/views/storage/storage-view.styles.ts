import { css } from 'lit'

export const storageViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0.2rem 0 0.4rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 1.4rem 0 0.5rem;
  }
  .intro {
    margin: 0 0 1rem;
  }
  .setting {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.7rem 1rem;
  }
  .setting label {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
    font-weight: 600;
    min-height: 44px;
  }
  .setting input {
    width: 1.3rem;
    height: 1.3rem;
    margin-top: 0.15rem;
    flex: none;
  }
  .hint {
    color: var(--rt-muted);
    font-size: 0.9rem;
    margin: 0.25rem 0 0;
  }
  .meetings {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .meetings li {
    border: 1px solid var(--rt-line);
    border-left: 5px solid var(--rt-success);
    border-radius: var(--rt-radius);
    padding: 0.7rem 1rem;
    display: grid;
    gap: 0.35rem;
  }
  .name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.1rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--rt-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* phones: each figure under its label */
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd {
      margin-bottom: 0.3rem;
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .figures p {
    margin: 0.3rem 0;
  }
`
