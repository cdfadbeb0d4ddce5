import { css } from 'lit'

export const loginViewStyles = css`
  :host {
    display: block;
    max-width: 26rem;
    margin: 2rem auto;
  }
  h1 {
    margin: 0 0 0.3rem;
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
  input {
    width: 100%;
    min-height: 2.6rem;
  }
  button {
    justify-content: center;
  }
  .hint {
    margin: 0.3rem 0 0;
    font-size: 0.95rem;
  }
`
