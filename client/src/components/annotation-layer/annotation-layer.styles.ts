import { css } from 'lit'

export const annotationLayerStyles = css`
  :host {
    position: absolute;
    inset: 0;
    z-index: 2;
    pointer-events: none;
  }
  svg.marks {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    overflow: visible;
  }
  .highlight,
  .hit {
    mix-blend-mode: multiply;
  }
  .highlight {
    opacity: 0.55;
  }
  .hit {
    fill: #ffd84d;
    opacity: 0.45;
  }
  /* the current hit differs by outline, not colour alone */
  .hit.current {
    fill: #ff9f1a;
    opacity: 0.55;
    stroke: #7a3a00;
    stroke-width: 2px;
    vector-effect: non-scaling-stroke;
  }
  .ink {
    fill: none;
    stroke-width: 2.5px;
    stroke-linecap: round;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }
  .active {
    fill: none;
    stroke: #0b4f8a;
    stroke-width: 2px;
    stroke-dasharray: 5 3;
    vector-effect: non-scaling-stroke;
  }
  .note {
    pointer-events: auto;
    position: absolute;
    transform: translate(-50%, -50%);
    width: 2rem;
    height: 2rem;
    min-height: 0;
    padding: 0.2rem;
    border-radius: 4px;
    border: 2px solid var(--note-line);
    background: var(--note-fill);
    color: var(--note-line);
    cursor: pointer;
    box-shadow: 0 1px 3px rgb(0 0 0 / 45%);
  }
  .note svg {
    width: 100%;
    height: 100%;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .note.active {
    outline: 3px dashed #0b4f8a;
    outline-offset: 2px;
  }
  .note:focus-visible {
    outline: 3px solid #0b4f8a;
    outline-offset: 2px;
  }
  .capture {
    pointer-events: auto;
    position: absolute;
    inset: 0;
  }
  .capture.ink {
    cursor: crosshair;
    touch-action: none;
  }
  .capture.note {
    cursor: copy;
  }
`
