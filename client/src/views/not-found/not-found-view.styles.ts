import { css } from 'lit'

export const notFoundViewStyles = css`
  :host {
    display: block;
  }
  code {
    overflow-wrap: anywhere;
  }
`
