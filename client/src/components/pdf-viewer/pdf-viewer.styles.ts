import { css } from 'lit'

export const pdfViewerStyles = css`
  :host {
    display: block;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem;
    background: var(--rt-surface, #f3f5f7);
    border: 1px solid var(--rt-line, #d5dbe1);
    border-radius: 6px 6px 0 0;
    position: sticky;
    top: 0;
    z-index: 2;
  }
  .toolbar .group {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .toolbar input {
    width: 4.5em;
    text-align: right;
  }
  .toolbar button {
    min-width: 2.5rem;
    justify-content: center;
  }
  .stage {
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
  canvas {
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
    z-index: 0;
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
  .textLayer .endOfContent {
    display: block;
    position: absolute;
    inset: 100% 0 0;
    z-index: 0;
    cursor: default;
    user-select: none;
  }
  .message {
    padding: 1rem;
    color: #fff;
  }
`
