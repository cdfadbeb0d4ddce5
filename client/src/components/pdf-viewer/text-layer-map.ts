/**
 * Maps between the pdf.js text layer (one span per text item) and offsets into the page text
 * (packages/search/src/page-text.ts): a selection becomes (start, end) for anchors and copy, and
 * offsets become a DOM range again for drawing highlights and search hits at any zoom.
 *
 * Copying builds the text from the page text, not from the spans: the page text is in reading
 * (content stream) order with a line break at every line end, while the browser's own copy of
 * absolutely positioned spans loses line breaks and may join words.
 */

export interface TextSpan {
  node: Text
  /** where the item's text starts in the page text */
  offset: number
}

export class TextLayerMap {
  constructor(
    readonly text: string,
    readonly spans: readonly TextSpan[],
  ) {}

  /**
   * `divs` are pdf.js' text divs (one per item that has a `str`, in item order, also the empty
   * ones it does not attach), `itemOffsets` the page text's item offsets (-1 for items without
   * `str`, see joinTextItems).
   */
  static fromLayer(text: string, divs: readonly HTMLElement[], itemOffsets: readonly number[]): TextLayerMap {
    const spans: TextSpan[] = []
    let d = 0
    for (const offset of itemOffsets) {
      if (offset < 0) continue
      const div = divs[d++]
      const node = div?.firstChild
      if (div?.isConnected && node && node.nodeType === 3) spans.push({ node: node as Text, offset })
    }
    return new TextLayerMap(text, spans)
  }

  contains(node: Node): boolean {
    return this.spans.some((s) => s.node === node || s.node.parentNode === node)
  }

  /** Page-text offsets covered by the range, or undefined when it covers no text of this layer. */
  offsetsOf(range: Range | StaticRange): { start: number; end: number } | undefined {
    const live = toRange(range)
    let start = -1
    let end = -1
    for (const { node, offset } of this.spans) {
      if (!live.intersectsNode(node)) continue
      const from = node === live.startContainer ? live.startOffset : isBefore(node, live.startContainer, live.startOffset) ? node.length : 0
      const to = node === live.endContainer ? live.endOffset : isBefore(node, live.endContainer, live.endOffset) ? node.length : 0
      if (to <= from) continue
      if (start < 0) start = offset + from
      end = offset + to
    }
    return start < 0 ? undefined : { start, end }
  }

  /** The text of the range in reading order (what copy puts on the clipboard). */
  textOf(range: Range | StaticRange): string | undefined {
    const o = this.offsetsOf(range)
    return o ? this.text.slice(o.start, o.end) : undefined
  }

  /** A DOM range over the spans showing page text [start, end). */
  rangeOf(start: number, end: number): Range | undefined {
    if (end <= start) return undefined
    const first = this.spans.find((s) => s.offset + s.node.length > start)
    let last: TextSpan | undefined
    for (const s of this.spans) if (s.offset < end) last = s
    if (!first || !last || last.offset + last.node.length <= start) return undefined
    const range = first.node.ownerDocument.createRange()
    range.setStart(first.node, Math.max(0, Math.min(first.node.length, start - first.offset)))
    range.setEnd(last.node, Math.max(0, Math.min(last.node.length, end - last.offset)))
    return range
  }

  /** The span text nearest to a point (normalised page coordinates), for anchoring ink and notes. */
  nearestSpan(x: number, y: number, page: HTMLElement): { start: number; end: number } | undefined {
    const box = page.getBoundingClientRect()
    if (!box.width || !box.height) return undefined
    let best: { start: number; end: number; d: number } | undefined
    for (const { node, offset } of this.spans) {
      if (!node.data.trim()) continue
      const r = node.parentElement?.getBoundingClientRect()
      if (!r) continue
      const cx = (Math.max(r.left, Math.min(x * box.width + box.left, r.right)) - box.left) / box.width
      const cy = (Math.max(r.top, Math.min(y * box.height + box.top, r.bottom)) - box.top) / box.height
      const d = Math.hypot(cx - x, cy - y)
      if (!best || d < best.d) best = { start: offset, end: offset + node.length, d }
    }
    return best && { start: best.start, end: best.end }
  }
}

function toRange(range: Range | StaticRange): Range {
  if ('intersectsNode' in range) return range
  const live = range.startContainer.ownerDocument!.createRange()
  live.setStart(range.startContainer, range.startOffset)
  live.setEnd(range.endContainer, range.endOffset)
  return live
}

/** True when the whole of `node` lies before the boundary point (container, offset). */
function isBefore(node: Node, container: Node, offset: number): boolean {
  const probe = node.ownerDocument!.createRange()
  probe.setStart(container, offset)
  // comparePoint: 1 means (node, node.length) is after the probe's boundary point
  return probe.comparePoint(node, (node as Text).length) <= 0
}

/**
 * The range's rectangles in normalised page coordinates [x, y, width, height] (0..1, origin top
 * left), one per line: pdf.js splits lines into several spans, and a line is one highlight.
 */
export function normalisedRects(range: Range, page: HTMLElement): number[][] {
  const box = page.getBoundingClientRect()
  if (!box.width || !box.height) return []
  const rects = [...range.getClientRects()]
    .filter((r) => r.width > 0.5 && r.height > 0.5)
    .map((r) => ({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top }))
    .sort((a, b) => a.top - b.top || a.left - b.left)
  const lines: { left: number; top: number; right: number; bottom: number }[] = []
  for (const r of rects) {
    const line = lines.find((l) => {
      const overlap = Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top)
      return overlap > 0.5 * Math.min(l.bottom - l.top, r.bottom - r.top)
    })
    if (line) {
      line.left = Math.min(line.left, r.left)
      line.right = Math.max(line.right, r.right)
      line.top = Math.min(line.top, r.top)
      line.bottom = Math.max(line.bottom, r.bottom)
    } else lines.push({ ...r })
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000
  return lines.map((l) => [round(l.left / box.width), round(l.top / box.height), round((l.right - l.left) / box.width), round((l.bottom - l.top) / box.height)])
}

/**
 * The selection's range inside `root` (a shadow root). Browsers expose selections in shadow trees
 * differently: getComposedRanges (current Chromium, Firefox, Safari), the older
 * ShadowRoot.getSelection (Chromium), or plain getRangeAt (Firefox).
 */
export function selectionRangeIn(root: ShadowRoot | Document): Range | undefined {
  const selection = document.getSelection()
  if (!selection || selection.rangeCount === 0) return undefined
  const composed = (selection as Selection & { getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[] }).getComposedRanges
  if (typeof composed === 'function' && root instanceof ShadowRoot) {
    try {
      const [r] = composed.call(selection, { shadowRoots: [root] })
      if (r && !r.collapsed && root.contains(r.startContainer)) return toRange(r)
    } catch {
      // older signature (shadow roots as arguments) or not supported: try the others
    }
  }
  const legacy = (root as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.()
  const sel = legacy && legacy.rangeCount ? legacy : selection
  const range = sel.getRangeAt(0)
  return range.collapsed || !root.contains(range.startContainer) ? undefined : range
}
