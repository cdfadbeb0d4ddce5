import { css } from 'lit'

export const pinControlStyles = css`
  :host {
    display: block;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .bar {
    width: min(24rem, 100%);
    height: 0.9rem;
    border: 1px solid var(--rt-border);
    border-radius: 999px;
    overflow: hidden;
    background: var(--rt-surface);
  }
  .fill {
    height: 100%;
    background: var(--rt-primary);
    transition: width 0.2s;
  }
  .progress-text {
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  .notice {
    margin-top: 0.5rem;
  }
  .notice.warning {
    border-color: var(--rt-warning);
    background: var(--rt-warning-bg);
    color: var(--rt-warning);
  }
  :host([compact]) .notice {
    margin-top: 0.25rem;
  }
`
