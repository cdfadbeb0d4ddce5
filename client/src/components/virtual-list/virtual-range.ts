/**
 * Range arithmetic of the virtual list: which rows to put in the DOM for a scroll position, where
 * to scroll so a row is fully visible, and where arrow/page keys move. Pure, so it is tested
 * without a browser.
 */

export interface ViewportState {
  scrollTop: number
  /** height of the scrolling box in px */
  viewportHeight: number
  /** height of every row in px */
  rowHeight: number
  count: number
  /** rows rendered beyond each edge of the visible area (smooth scrolling, Tab into the next row) */
  overscan: number
}

export interface RowRange {
  /** first rendered row */
  start: number
  /** one past the last rendered row */
  end: number
  /** first row at least partly visible */
  firstVisible: number
  /** one past the last row at least partly visible */
  endVisible: number
  /** px above the first rendered row (the spacer the rendered rows are moved down by) */
  offsetTop: number
  /** px of the whole list */
  totalHeight: number
}

const EMPTY: RowRange = { start: 0, end: 0, firstVisible: 0, endVisible: 0, offsetTop: 0, totalHeight: 0 }

export function rowRange({ scrollTop, viewportHeight, rowHeight, count, overscan }: ViewportState): RowRange {
  if (count <= 0 || !(rowHeight > 0)) return EMPTY
  const totalHeight = count * rowHeight
  const height = Math.max(0, viewportHeight)
  // browsers overshoot while rubber-banding and keep stale scroll positions after the list shrank
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - height))
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight))
  const endVisible = Math.min(count, Math.max(firstVisible + 1, Math.ceil((top + height) / rowHeight)))
  const margin = Math.max(0, Math.floor(overscan))
  const start = Math.max(0, firstVisible - margin)
  const end = Math.min(count, endVisible + margin)
  return { start, end, firstVisible, endVisible, offsetTop: start * rowHeight, totalHeight }
}

/** The smallest scroll move that shows row `index` completely (unchanged when it already is). */
export function scrollTopToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const top = index * rowHeight
  const bottom = top + rowHeight
  if (top < scrollTop) return top
  // a row taller than the viewport shows its top
  if (bottom > scrollTop + viewportHeight) return Math.max(0, Math.min(top, bottom - viewportHeight))
  return scrollTop
}

/** Rows that fit into the viewport, for PageUp/PageDown (at least one). */
export function pageSize(viewportHeight: number, rowHeight: number): number {
  return rowHeight > 0 ? Math.max(1, Math.floor(viewportHeight / rowHeight)) : 1
}

/**
 * The row a navigation key moves to from `index`, or null for keys the list does not handle
 * (the browser keeps them: Tab, Enter on a link, typing).
 */
export function indexAfterKey(key: string, index: number, count: number, page: number): number | null {
  if (count <= 0) return null
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i))
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1)
    case 'ArrowUp':
      return clamp(index - 1)
    case 'PageDown':
      return clamp(index + Math.max(1, page))
    case 'PageUp':
      return clamp(index - Math.max(1, page))
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}

/** The row that takes Tab into the list: the last focused one while it is rendered, else the first visible. */
export function tabStopIndex(active: number, range: RowRange): number {
  return active >= range.start && active < range.end ? active : range.firstVisible
}
