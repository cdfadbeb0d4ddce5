import { css } from 'lit'

/**
 * Page frame shared by the clerk's meeting workspaces (agenda builder, live meeting, minutes): one
 * heading rhythm so moving between them feels like one tool.
 */
export const workspaceStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0.2rem 0 0.3rem;
    line-height: 1.25;
  }
  h2 {
    margin: 1.4rem 0 0.5rem;
    font-size: 1.25rem;
    border-bottom: 2px solid var(--rt-line);
    padding-bottom: 0.2rem;
  }
  h3 {
    margin: 1rem 0 0.4rem;
    font-size: 1.05rem;
  }
  .subtitle {
    margin: 0 0 1rem;
    color: var(--rt-muted);
  }
`
