import { css } from 'lit'

export const agendaViewStyles = css`
  .builder {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
    gap: 1.5rem;
    align-items: start;
  }
  @media (max-width: 60rem) {
    .builder {
      grid-template-columns: 1fr;
    }
  }
  .part h2 {
    border-bottom: 2px solid var(--rt-line);
    padding-bottom: 0.2rem;
  }
  .part.confidential h2 {
    border-bottom-color: #8a4b00;
  }
  ol.items {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.items > li + li {
    margin-top: 0.4rem;
  }
  li.item {
    display: grid;
    grid-template-columns: 4.2rem minmax(0, 1fr);
    gap: 0.2rem 0.6rem;
    align-items: center;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--rt-border);
    border-radius: var(--rt-radius);
    background: var(--rt-bg);
    /* long agendas: rows out of view are neither laid out nor painted */
    content-visibility: auto;
    contain-intrinsic-size: auto 7.5rem;
  }
  li.item.sub {
    margin-left: 2rem;
  }
  li.item.drop-target {
    border-top: 4px solid var(--rt-primary);
  }
  li.item.dragging {
    opacity: 0.5;
  }
  .num {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .title-field {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-width: 0;
  }
  .title-field input {
    flex: 1;
    min-width: 0;
  }
  .meta {
    grid-column: 2;
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  .actions {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .actions button {
    min-height: 2rem;
    padding: 0.1rem 0.5rem;
    font-size: 0.85rem;
  }
  .dropzone {
    margin-top: 0.4rem;
    padding: 0.5rem;
    border: 2px dashed var(--rt-line);
    border-radius: var(--rt-radius);
    color: var(--rt-muted);
    text-align: center;
    font-size: 0.9rem;
  }
  .dropzone.drop-target {
    border-color: var(--rt-primary);
  }
  aside {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 0.9rem;
    background: var(--rt-surface);
  }
  aside h2 {
    margin-top: 0.3rem;
  }
  aside ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  aside li {
    border-bottom: 1px solid var(--rt-line);
    padding-bottom: 0.4rem;
  }
  .paper-name {
    display: block;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    margin-bottom: 0.6rem;
  }
  .period,
  .release {
    border: 1px solid var(--rt-line);
    border-radius: var(--rt-radius);
    padding: 0.6rem 0.9rem;
    margin-bottom: 1rem;
  }
  .releases {
    padding-left: 1.2rem;
  }
  .muted {
    color: var(--rt-muted);
  }
`
