import { css } from 'lit'

export const pdfViewerStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    min-width: 0;
  }
  .toolbar,
  .findbar,
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.75rem;
    padding: 0.4rem 0.5rem;
    background: var(--rt-surface, #f3f5f7);
    border: 1px solid var(--rt-line, #d5dbe1);
  }
  .toolbar {
    border-radius: 6px 6px 0 0;
  }
  .findbar,
  .tools {
    border-top: none;
  }
  .toolbar .group {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  .toolbar input {
    width: 4.2em;
    text-align: right;
  }
  .toolbar button,
  .findbar button {
    min-width: 2.5rem;
    justify-content: center;
    padding-inline: 0.6rem;
  }
  .toolbar select {
    max-width: 12rem;
  }
  .findbar input {
    flex: 1 1 10rem;
    min-width: 8rem;
  }
  .find-status {
    color: var(--rt-muted);
    min-width: 0;
  }
  .tools .color {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 1.2rem;
    height: 1.2rem;
    border-radius: 3px;
    border: 2px solid var(--rt-border);
  }
  .swatch.yellow {
    background: #ffe14d;
  }
  .swatch.green {
    background: #8fe39f;
  }
  .swatch.blue {
    background: #8ccdff;
  }
  .swatch.pink {
    background: #ffa8d2;
  }
  .swatch.orange {
    background: #ffbe70;
  }
  .tools button[aria-disabled='true'] {
    border-color: #8c949c;
    color: #4f5861;
    background: #eceff2;
  }
  .tools button[aria-pressed='true'] {
    background: var(--rt-primary);
    color: #fff;
  }
  .tools .hint {
    flex-basis: 100%;
    margin: 0;
    color: var(--rt-muted);
    font-size: 0.92rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.6rem;
  }
  .body {
    display: flex;
    align-items: stretch;
    min-width: 0;
  }
  .thumbs {
    flex: 0 0 9.5rem;
    overflow-y: auto;
    max-height: calc(100vh - 12rem);
    background: #e6e9ec;
    border: 1px solid var(--rt-line, #d5dbe1);
    border-top: none;
    border-right: none;
  }
  .thumbs ol {
    list-style: none;
    margin: 0;
    padding: 0.5rem;
    display: grid;
    gap: 0.5rem;
  }
  .thumbs button {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.2rem;
    width: 100%;
    padding: 0.3rem;
    min-height: 0;
    border: 2px solid transparent;
    background: transparent;
    color: var(--rt-text);
    font-weight: 400;
  }
  .thumbs button[aria-current='page'] {
    border-color: var(--rt-primary);
    background: #fff;
    font-weight: 700;
  }
  .thumbs canvas {
    display: block;
    width: 100%;
    max-width: 112px;
    aspect-ratio: 210 / 297;
    background: #fff;
    box-shadow: 0 1px 3px rgb(0 0 0 / 35%);
  }
  .stage {
    flex: 1 1 auto;
    min-width: 0;
    overflow: auto;
    max-height: calc(100vh - 12rem);
    min-height: 16rem;
    background: #5b6570;
    padding: 1rem;
    border: 1px solid var(--rt-line, #d5dbe1);
    border-top: none;
    border-radius: 0 0 6px 6px;
  }
  .page {
    position: relative;
    margin: 0 auto;
    background: #fff;
    box-shadow: 0 1px 4px rgb(0 0 0 / 40%);
    --scale-round-x: 1px;
    --scale-round-y: 1px;
  }
  canvas.main {
    display: block;
  }
  /* pdf.js text layer (from pdfjs-dist/web/pdf_viewer.css): invisible, selectable, read aloud */
  .textLayer {
    position: absolute;
    text-align: initial;
    inset: 0;
    overflow: clip;
    opacity: 1;
    line-height: 1;
    letter-spacing: normal;
    word-spacing: normal;
    text-size-adjust: none;
    forced-color-adjust: none;
    transform-origin: 0 0;
    caret-color: CanvasText;
    z-index: 1;
    --min-font-size: 1;
    --text-scale-factor: calc(var(--total-scale-factor) * var(--min-font-size));
    --min-font-size-inv: calc(1 / var(--min-font-size));
  }
  .textLayer :is(span, br) {
    color: transparent;
    position: absolute;
    white-space: pre;
    cursor: text;
    transform-origin: 0% 0%;
  }
  .textLayer > :not(.markedContent),
  .textLayer .markedContent span:not(.markedContent) {
    z-index: 1;
    --font-height: 0;
    font-size: calc(var(--text-scale-factor) * var(--font-height));
    --scale-x: 1;
    --rotate: 0deg;
    transform: rotate(var(--rotate)) scaleX(var(--scale-x)) scale(var(--min-font-size-inv));
  }
  .textLayer .markedContent {
    display: contents;
  }
  .textLayer ::selection {
    background: rgb(0 0 255 / 25%);
  }
  .message {
    padding: 1rem;
    color: #fff;
  }
  .label {
    margin-left: 0.3rem;
  }
  /* narrow panes (phones, split view): thumbnails above the page, labels shortened */
  @container (max-width: 34rem) {
    .body {
      flex-direction: column;
    }
    .thumbs {
      flex: none;
      max-height: 11rem;
      border-right: 1px solid var(--rt-line, #d5dbe1);
    }
    .thumbs ol {
      grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr));
    }
    .toolbar .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    .stage {
      padding: 0.5rem;
    }
  }
`
