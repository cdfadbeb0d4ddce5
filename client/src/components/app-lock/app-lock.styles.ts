import { css } from 'lit'

export const appLockStyles = css`
  :host {
    display: block;
    max-width: 28rem;
    margin: 2rem auto;
  }
  h1 {
    margin: 0 0 0.4rem;
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  form {
    display: grid;
    gap: 1rem;
    margin-top: 1.2rem;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  label {
    font-weight: 600;
  }
  input[type='password'] {
    width: 100%;
    min-height: 2.6rem;
    letter-spacing: 0.15em;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
  }
  .check input {
    margin-top: 0.3rem;
    flex: none;
  }
  button {
    justify-content: center;
  }
  .hint {
    margin: 0;
    font-size: 0.95rem;
    color: var(--rt-muted);
  }
  .alternatives {
    display: grid;
    gap: 0.75rem;
    margin-top: 1.25rem;
  }
  button.link {
    background: none;
    border: none;
    padding: 0.25rem 0;
    min-height: 2.75rem;
    color: var(--rt-primary);
    text-decoration: underline;
    font-weight: 600;
    justify-content: flex-start;
  }
  .forgot {
    margin-top: 1rem;
    padding: 1rem;
    border: 2px solid var(--rt-warning);
    border-radius: var(--rt-radius);
    background: var(--rt-warning-bg);
  }
  .forgot .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
`
