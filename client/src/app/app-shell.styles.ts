import { css } from 'lit'

export const appShellStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    background: var(--rt-bg);
  }
  .skip-link {
    position: absolute;
    left: 0.5rem;
    top: -10rem;
    z-index: 10;
    background: var(--rt-bg);
    padding: 0.5rem 1rem;
    border: 2px solid var(--rt-primary);
    border-radius: var(--rt-radius);
    font-weight: 600;
  }
  .skip-link:focus {
    top: 0.5rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    padding: 0.6rem 1.25rem;
    border-bottom: 3px solid var(--rt-primary);
    background: var(--rt-bg);
  }
  .brand {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 800;
    font-size: 1.25rem;
    color: var(--rt-primary);
    text-decoration: none;
  }
  .brand img {
    width: 2rem;
    height: 2rem;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    font-weight: 600;
  }
  nav a[aria-current='page'] {
    text-decoration-thickness: 3px;
  }
  .spacer {
    flex: 1;
  }
  .user {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    color: var(--rt-muted);
  }
  /* phones: nothing in the header may push the page sideways (WCAG 1.4.10 reflow) */
  header,
  nav,
  .user {
    min-width: 0;
    max-width: 100%;
  }
  main {
    flex: 1;
    width: 100%;
    max-width: 60rem;
    margin: 0 auto;
    padding: 1rem 1.25rem 3rem;
  }
  /* the reader shows documents side by side: it takes the whole width */
  main.wide {
    max-width: none;
  }
  main:focus {
    outline: none;
  }
  .update {
    display: flex;
    gap: 1rem;
    align-items: center;
    justify-content: center;
    padding: 0.4rem 1rem;
    background: var(--rt-surface);
    border-bottom: 1px solid var(--rt-line);
  }
`
