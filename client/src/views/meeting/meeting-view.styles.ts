import { css } from 'lit'

export const meetingViewStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0.2rem 0 0.6rem;
    line-height: 1.25;
  }
  h2 {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.35rem;
  }
  h3 {
    margin: 1.2rem 0 0.5rem;
    font-size: 1.15rem;
    padding-bottom: 0.2rem;
    border-bottom: 2px solid var(--rt-line);
  }
  h3.confidential {
    border-bottom-color: #8a4b00;
  }
  .agenda {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .invitation {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0.5rem 0;
  }
  .file-title {
    margin: 0.2rem 0;
    overflow-wrap: anywhere;
  }
  .subtitle {
    margin: 0 0 0.8rem;
    color: var(--rt-muted);
  }
  .muted {
    color: var(--rt-muted);
  }
`
