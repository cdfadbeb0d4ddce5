import { css } from 'lit'

/**
 * Structure of <rt-virtual-list>; the host includes these in its own styles because the list
 * renders into the host's shadow tree. The host sets `--rt-virtual-list-height` (the most the list
 * may take; a shorter list takes its own height).
 */
export const virtualListStyles = css`
  rt-virtual-list {
    display: block;
  }
  .rt-vl-viewport {
    /* the list's own height (set inline) up to this: short lists take no more room than they need */
    max-height: var(--rt-virtual-list-height, 70vh);
    overflow-y: auto;
    overscroll-behavior: contain;
    position: relative;
  }
  .rt-vl-viewport > ul {
    box-sizing: border-box;
    list-style: none;
    margin: 0;
    padding-left: 0;
    padding-right: 0;
    padding-bottom: 0;
  }
  .rt-vl-viewport > ul > li {
    box-sizing: border-box;
    overflow: hidden;
    position: relative;
    contain: layout paint style;
  }
`
