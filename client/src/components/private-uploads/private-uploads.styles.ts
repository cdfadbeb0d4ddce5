import { css } from 'lit'

export const privateUploadsStyles = css`
  :host {
    display: block;
    margin-top: 0.6rem;
  }
  h5 {
    font-size: 1rem;
    margin: 0 0 0.3rem;
  }
  ul {
    list-style: none;
    margin: 0 0 0.4rem;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3rem 0.75rem;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  .failed {
    color: var(--rt-error);
    font-size: 0.9rem;
  }
  summary {
    cursor: pointer;
    color: var(--rt-primary);
    font-weight: 600;
    /* a 44 px touch target that keeps the disclosure triangle */
    padding: 0.6rem 0;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 0.75rem;
    margin: 0.3rem 0 0.5rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    min-width: 0;
    max-width: 100%;
  }
  input[type='file'] {
    max-width: 100%;
  }
  .hint {
    color: var(--rt-muted);
    font-size: 0.9rem;
    margin: 0;
  }
`
