import { css } from 'lit'

export const readerViewStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  h1 {
    margin: 0.2rem 0;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .subtitle {
    margin: 0 0 0.6rem;
    color: var(--rt-muted);
  }
  .muted {
    color: var(--rt-muted);
  }
  .small {
    font-size: 0.92rem;
    margin: 0.2rem 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0 0 0.6rem;
  }
  .picker {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.5rem 0.8rem;
    margin: 0 0 0.8rem;
    background: var(--rt-bg);
  }
  .picker .group-title {
    font-size: 1rem;
    margin: 0.6rem 0 0.3rem;
  }
  .picker ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .picker li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.3rem 0.8rem;
    padding: 0.3rem 0;
    border-bottom: 1px solid var(--rt-line);
  }
  .file-label {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .open-mark {
    color: var(--rt-muted);
  }
  .file-actions {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  .file-actions button,
  .pane-head button {
    min-height: 2.25rem;
    padding: 0.2rem 0.7rem;
  }
  .tablist {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 2px solid var(--rt-primary);
    margin: 0 0 0.5rem;
  }
  .tablist [role='tab'] {
    /* keeps the visually hidden part of a long name inside the clipped tab (no sideways scroll) */
    position: relative;
    border-radius: var(--rt-radius) var(--rt-radius) 0 0;
    border-bottom: none;
    max-width: 16rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    display: block;
    font-weight: 400;
  }
  .tablist [role='tab'][aria-selected='true'] {
    background: var(--rt-primary);
    color: #fff;
    font-weight: 700;
  }
  .tablist [role='tab'].in-split {
    border-style: dashed;
  }
  .workspace {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    align-items: start;
  }
  .pane {
    min-width: 0;
  }
  .pane-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.6rem;
    margin: 0 0 0.4rem;
  }
  .pane-name {
    flex: 1 1 12rem;
    min-width: 0;
    font-size: 1rem;
    font-weight: 600;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .panel {
    min-width: 0;
    border-top: 2px solid var(--rt-line);
    padding-top: 0.5rem;
  }
  .panel h2 {
    font-size: 1.2rem;
    margin: 0 0 0.5rem;
  }
  .panel .count {
    font-weight: 400;
    color: var(--rt-muted);
  }
  /* side by side once there is room; the panel is a column of its own on wide screens */
  @container (min-width: 56rem) {
    .workspace.split {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .workspace.split .panel {
      grid-column: 1 / -1;
    }
  }
  @container (min-width: 72rem) {
    .workspace.with-panel {
      grid-template-columns: minmax(0, 1fr) 22rem;
    }
    .workspace.split.with-panel {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 22rem;
    }
    .workspace.split.with-panel .panel {
      grid-column: auto;
    }
    .workspace .panel {
      border-top: none;
      border-left: 2px solid var(--rt-line);
      padding: 0 0 0 0.8rem;
      max-height: calc(100vh - 8rem);
      overflow-y: auto;
      position: sticky;
      top: 0.5rem;
    }
  }
`
