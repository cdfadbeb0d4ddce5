import { css } from 'lit'

export const liveViewStyles = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin: 0.4rem 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
  }
  .quorum {
    border: 2px solid var(--rt-line);
    border-radius: 6px;
    padding: 0.6rem 0.9rem;
    margin: 0.8rem 0;
    font-size: 1.1rem;
  }
  .quorum.ok {
    border-color: #1d6b35;
  }
  .quorum.lost {
    border-color: #a4000f;
    background: #fff1f1;
  }
  .quorum strong {
    display: block;
    font-size: 1.25rem;
  }
  .quorum .lost-text {
    color: #a4000f;
    font-weight: 700;
    margin: 0.3rem 0 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.35rem 0.4rem;
    border-bottom: 1px solid var(--rt-line);
    vertical-align: top;
  }
  td.actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  ol.items {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ol.items li {
    display: flex;
    gap: 0.6rem;
    align-items: center;
    padding: 0.3rem 0.4rem;
    border-bottom: 1px solid var(--rt-line);
  }
  ol.items li.current {
    background: #eef4ff;
    border-left: 4px solid #1f4fa3;
  }
  ol.items li.confidential .number {
    color: #8a4b00;
  }
  .number {
    font-weight: 700;
    min-width: 3.5rem;
  }
  .item-title {
    flex: 1;
  }
  .badge {
    font-size: 0.85rem;
    border: 1px solid var(--rt-line);
    border-radius: 4px;
    padding: 0 0.35rem;
  }
  .panel {
    border: 1px solid var(--rt-line);
    border-radius: 6px;
    padding: 0.6rem 1rem 1rem;
    margin-top: 1rem;
  }
  fieldset {
    border: 1px solid var(--rt-line);
    border-radius: 6px;
    margin: 0.8rem 0;
    padding: 0.5rem 0.8rem;
  }
  legend {
    font-weight: 700;
    padding: 0 0.3rem;
  }
  input[type='number'] {
    width: 5rem;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
    box-sizing: border-box;
    font: inherit;
  }
  .result {
    font-size: 1.15rem;
    font-weight: 700;
  }
  .warnings {
    color: #a4000f;
    margin: 0.3rem 0;
  }
  .hint {
    color: var(--rt-muted);
    font-size: 0.9rem;
  }
  ul.plain {
    padding-left: 1.2rem;
  }
`
