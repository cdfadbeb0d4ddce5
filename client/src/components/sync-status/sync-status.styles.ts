import { css } from 'lit'

export const syncStatusStyles = css`
  :host {
    display: inline-block;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    padding: 0.2rem 0.65rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.9rem;
    font-weight: 600;
    white-space: nowrap;
  }
  svg {
    width: 1.1em;
    height: 1.1em;
    flex: none;
  }
  :host([data-status='synced']) .status {
    color: #1e6b34;
    background: #e6f4ea;
  }
  :host([data-status='syncing']) .status {
    color: #0b4f8a;
    background: #e8f0f8;
  }
  :host([data-status='syncing']) svg {
    animation: spin 1.6s linear infinite;
  }
  :host([data-status='offline']) .status,
  :host([data-status='unreachable']) .status {
    color: #3d4650;
    background: #eef0f2;
  }
  :host([data-status='local-only']) .status {
    color: #7a4300;
    background: #fff3e0;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host([data-status='syncing']) svg {
      animation: none;
    }
  }
`
