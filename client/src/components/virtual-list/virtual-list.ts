/**
 * <rt-virtual-list>: a list of thousands of rows that keeps only the visible ones (plus a margin)
 * in the DOM. All rows have one height, measured from the first rendered row (`row-height` is the
 * estimate until then), so the scroll height is count × height without laying out every row.
 *
 * Keyboard: the list is one Tab stop (roving tabindex on the row's link); ArrowUp/ArrowDown,
 * PageUp/PageDown, Home/End move between rows and scroll them into view. Screen readers get list
 * semantics with aria-setsize/aria-posinset, so "row 412 of 5,000" is announced although only a
 * few dozen rows exist.
 *
 * Rows render into the light DOM so that the host's shadow styles reach them: the host includes
 * `virtualListStyles` and gives each row's focusable element the `tabindex` from the row context.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { styleMap } from 'lit/directives/style-map.js'
import { indexAfterKey, pageSize, rowRange, scrollTopToReveal, tabStopIndex, type RowRange } from './virtual-range.ts'

export interface RowContext {
  index: number
  /** 0 for the list's one Tab stop, -1 for every other row */
  tabIndex: 0 | -1
}

export type RowRenderer<T> = (item: T, context: RowContext) => TemplateResult

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]'

export class VirtualList<T = unknown> extends LitElement {
  static override properties = {
    items: { attribute: false },
    renderRow: { attribute: false },
    keyOf: { attribute: false },
    rowHeight: { type: Number, attribute: 'row-height' },
    overscan: { type: Number },
    label: { type: String },
    describedBy: { type: String, attribute: 'described-by' },
  }

  declare items: readonly T[]
  declare renderRow: RowRenderer<T> | undefined
  /** stable key per item, so a focused row keeps its element while the list scrolls */
  declare keyOf: ((item: T) => string) | undefined
  declare rowHeight: number
  declare overscan: number
  /** accessible name of the list */
  declare label: string
  /** id of an element (in the same shadow root) describing the list, e.g. a keyboard hint */
  declare describedBy: string | undefined

  private scrollPos = 0
  private viewportHeight = 0
  private measuredHeight = 0
  private measured = false
  private active = 0
  private range: RowRange = rowRange({ scrollTop: 0, viewportHeight: 0, rowHeight: 1, count: 0, overscan: 0 })
  private resizeObserver: ResizeObserver | undefined
  private observedWidth = 0

  constructor() {
    super()
    this.items = []
    this.rowHeight = 56
    this.overscan = 8
    this.label = ''
  }

  /** Rows render into the host's shadow tree (see the module comment). */
  protected override createRenderRoot(): HTMLElement {
    return this
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.resizeObserver?.disconnect()
    this.resizeObserver = undefined
  }

  private get viewport(): HTMLElement | null {
    return this.querySelector<HTMLElement>(':scope > .rt-vl-viewport')
  }

  private get height(): number {
    return this.measuredHeight || this.rowHeight
  }

  private computeRange(): RowRange {
    return rowRange({
      scrollTop: this.scrollPos,
      // before the first layout the viewport is 0 high: render a screenful rather than one row
      viewportHeight: this.viewportHeight || window.innerHeight,
      rowHeight: this.height,
      count: this.items.length,
      overscan: this.overscan,
    })
  }

  /** Scrolls so that row `index` is fully visible. */
  scrollToIndex(index: number): void {
    const viewport = this.viewport
    if (!viewport) return
    const top = scrollTopToReveal(index, this.height, viewport.scrollTop, viewport.clientHeight)
    if (top !== viewport.scrollTop) viewport.scrollTop = top
    this.scrollPos = viewport.scrollTop
    this.requestUpdate()
  }

  /** Moves keyboard focus to row `index`, scrolling it into view. */
  async focusRow(index: number): Promise<void> {
    if (index < 0 || index >= this.items.length) return
    this.active = index
    this.scrollToIndex(index)
    await this.updateComplete
    const row = this.querySelector(`li[data-index="${index}"]`)
    row?.querySelector<HTMLElement>(FOCUSABLE)?.focus({ preventScroll: true })
  }

  /** Back to the first row (e.g. after the host changed its filters). */
  reset(): void {
    this.active = 0
    const viewport = this.viewport
    if (viewport) viewport.scrollTop = 0
    this.scrollPos = 0
    this.requestUpdate()
  }

  private readonly onScroll = (e: Event): void => {
    this.scrollPos = (e.currentTarget as HTMLElement).scrollTop
    const next = this.computeRange()
    // re-render only when rows enter or leave, not on every scrolled pixel
    if (next.start !== this.range.start || next.end !== this.range.end || next.firstVisible !== this.range.firstVisible) this.requestUpdate()
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
    const row = (e.target as Element).closest<HTMLElement>('li[data-index]')
    if (!row) return
    const viewportHeight = this.viewport?.clientHeight ?? 0
    const next = indexAfterKey(e.key, Number(row.dataset.index), this.items.length, pageSize(viewportHeight, this.height))
    if (next === null) return
    e.preventDefault()
    void this.focusRow(next)
  }

  private readonly onFocusIn = (e: FocusEvent): void => {
    const row = (e.target as Element).closest<HTMLElement>('li[data-index]')
    const index = row ? Number(row.dataset.index) : NaN
    if (Number.isInteger(index) && index !== this.active) {
      this.active = index
      this.requestUpdate()
    }
  }

  protected override firstUpdated(): void {
    const viewport = this.viewport
    if (!viewport) return
    this.viewportHeight = viewport.clientHeight
    this.observedWidth = viewport.clientWidth
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const { height, width } = entry.contentRect
      // a new width may mean another font size or zoom: measure the rows again
      if (Math.abs(width - this.observedWidth) > 0.5) this.measured = false
      this.observedWidth = width
      this.viewportHeight = height
      this.requestUpdate()
    })
    this.resizeObserver.observe(viewport)
  }

  protected override updated(): void {
    if (this.measured) return
    const first = this.querySelector<HTMLElement>(':scope > .rt-vl-viewport > ul > li > *')
    if (!first) return
    this.measured = true
    // the row's own height plus the li's borders and padding (the host may draw separators there)
    const box = getComputedStyle(first.parentElement!)
    const frame = ['borderTopWidth', 'borderBottomWidth', 'paddingTop', 'paddingBottom'].reduce(
      (sum, prop) => sum + (parseFloat(box[prop as 'paddingTop']) || 0),
      0,
    )
    const height = Math.ceil(first.getBoundingClientRect().height + frame)
    if (height > 0 && height !== this.height) {
      this.measuredHeight = height
      this.requestUpdate()
    }
  }

  override render() {
    if (this.active >= this.items.length) this.active = Math.max(0, this.items.length - 1)
    const range = (this.range = this.computeRange())
    const height = this.height
    const count = this.items.length
    const stop = tabStopIndex(this.active, range)
    const render = this.renderRow
    const rows = this.items.slice(range.start, range.end)
    const rowStyle = styleMap({ height: `${height}px` })
    return html`<div class="rt-vl-viewport" style=${styleMap({ height: `${range.totalHeight}px` })} @scroll=${this.onScroll}>
      <ul
        role="list"
        aria-label=${this.label}
        aria-describedby=${this.describedBy || nothing}
        style=${styleMap({ height: `${range.totalHeight}px`, paddingTop: `${range.offsetTop}px` })}
        @keydown=${this.onKeyDown}
        @focusin=${this.onFocusIn}
      >
        ${repeat(
          rows,
          (item, i) => (this.keyOf ? this.keyOf(item) : range.start + i),
          (item, i) => {
            const index = range.start + i
            return html`<li aria-setsize=${count} aria-posinset=${index + 1} data-index=${index} style=${rowStyle}>
              ${render ? render(item, { index, tabIndex: index === stop ? 0 : -1 }) : String(item)}
            </li>`
          },
        )}
      </ul>
    </div>`
  }
}

customElements.define('rt-virtual-list', VirtualList)

declare global {
  interface HTMLElementTagNameMap {
    'rt-virtual-list': VirtualList
  }
}
