/**
 * Shared look: colours with at least 4.5:1 contrast for text and 3:1 for borders and focus rings,
 * a focus ring that is always visible on keyboard focus, buttons and form fields, and the parts the
 * detail views share (back link, facts list).
 */
import { css } from 'lit'

export const themeStyles = css`
  :host {
    --rt-primary: #0b4f8a;
    --rt-primary-dark: #073a66;
    --rt-text: #1b1f24;
    --rt-muted: #4a5560;
    --rt-border: #6f7a85;
    --rt-line: #d5dbe1;
    --rt-surface: #f3f5f7;
    --rt-bg: #ffffff;
    --rt-error: #a4161a;
    --rt-error-bg: #fdecec;
    --rt-success: #1e6b34;
    --rt-success-bg: #e6f4ea;
    --rt-warning: #7a4300;
    --rt-warning-bg: #fff3e0;
    --rt-focus: #0b4f8a;
    --rt-radius: 6px;
    color: var(--rt-text);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif;
    line-height: 1.5;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--rt-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--rt-primary);
  }
  a:hover {
    color: var(--rt-primary-dark);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2.5rem;
    padding: 0.4rem 1rem;
    border-radius: var(--rt-radius);
    border: 2px solid var(--rt-primary);
    background: var(--rt-bg);
    color: var(--rt-primary);
    cursor: pointer;
    text-decoration: none;
    font-weight: 600;
  }
  button:hover,
  .button:hover {
    background: var(--rt-surface);
  }
  button.primary,
  .button.primary {
    background: var(--rt-primary);
    color: #fff;
  }
  button.primary:hover,
  .button.primary:hover {
    background: var(--rt-primary-dark);
    border-color: var(--rt-primary-dark);
  }
  button[disabled] {
    cursor: not-allowed;
    border-color: #8c949c;
    color: #4f5861;
    background: #eceff2;
  }
  /* German compounds ("Beschlusskontrolle") are long: on a phone they hyphenate or break */
  h1,
  h2,
  h3,
  h4 {
    hyphens: auto;
    overflow-wrap: break-word;
  }
  label,
  fieldset,
  .field {
    max-width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--rt-text);
    background: var(--rt-bg);
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    padding: 0.45rem 0.6rem;
    /* a long option or value never widens the page on a phone */
    max-width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--rt-error);
  }
  .notice {
    padding: 0.75rem 1rem;
    border-radius: var(--rt-radius);
    border-left: 5px solid var(--rt-primary);
    background: var(--rt-surface);
  }
  .notice.error {
    border-color: var(--rt-error);
    background: var(--rt-error-bg);
    color: var(--rt-error);
  }
  .notice.success {
    border-color: var(--rt-success);
    background: var(--rt-success-bg);
    color: var(--rt-success);
  }
  /* detail views (meeting, paper): the link back to the list and the facts as a definition list */
  .back {
    display: inline-block;
    margin-bottom: 0.5rem;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 1rem;
    margin: 0 0 1rem;
  }
  .facts dt {
    font-weight: 600;
    color: var(--rt-muted);
  }
  .facts dd {
    margin: 0;
  }
  h1:focus,
  h2:focus {
    outline: none;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`
