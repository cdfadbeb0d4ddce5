import { css } from 'lit'

export const lockSettingsStyles = css`
  :host {
    display: inline-block;
    position: relative;
    max-width: 100%;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    color: var(--rt-primary);
    min-height: 2.5rem;
    display: flex;
    align-items: center;
  }
  .panel {
    position: absolute;
    right: 0;
    z-index: 5;
    width: min(22rem, calc(100vw - 2rem));
    box-sizing: border-box;
    padding: 1rem;
    background: var(--rt-bg);
    color: var(--rt-text);
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    display: grid;
    gap: 1rem;
  }
  form,
  fieldset {
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.75rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
  }
  input,
  select {
    width: 100%;
  }
  .message {
    margin: 0;
    font-size: 0.95rem;
  }
  .message.problem {
    color: var(--rt-error);
  }
  .message:empty {
    display: none;
  }
  @media (max-width: 40rem) {
    .panel {
      position: static;
      width: 100%;
    }
  }
`
