import { css } from 'lit'

export const notificationSettingsStyles = css`
  :host {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.35rem;
    max-width: min(22rem, 100%);
    min-width: 0;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.4rem;
    max-width: 100%;
  }
  .message {
    font-size: 0.85rem;
    color: var(--rt-text);
    text-align: end;
  }
  .message:empty {
    display: none;
  }
  .message.problem {
    color: var(--rt-error);
  }
  .types {
    width: 100%;
    text-align: start;
    color: var(--rt-text);
  }
  .types[hidden] {
    display: none;
  }
  fieldset {
    margin: 0;
    padding: 0.5rem 0.75rem 0.6rem;
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    background: var(--rt-bg);
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  label {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    padding: 0.3rem 0;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  input[type='checkbox'] {
    flex: none;
    width: 1.15rem;
    height: 1.15rem;
    margin: 0.2rem 0 0;
    padding: 0;
  }
  .hint {
    margin: 0.35rem 0 0;
    font-size: 0.85rem;
    color: var(--rt-muted);
  }
`
