// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { joinTextItems } from '@ratstisch/search'
import { normalisedRects, TextLayerMap } from './text-layer-map.ts'

/** A text layer as pdf.js builds it: a span per item (empty ones not attached), <br> at line ends. */
function layerOf(items: { str: string; hasEOL?: boolean }[]) {
  const container = document.createElement('div')
  document.body.append(container)
  const divs: HTMLElement[] = []
  for (const item of items) {
    const span = document.createElement('span')
    span.textContent = item.str
    divs.push(span)
    if (item.str) container.append(span)
    if (item.hasEOL) container.append(document.createElement('br'))
  }
  const { text, itemOffsets } = joinTextItems(items)
  return { container, divs, map: TextLayerMap.fromLayer(text, divs, itemOffsets) }
}

const items = [
  { str: 'Der Bebauungs-', hasEOL: true },
  { str: 'plan Nr. 42' },
  { str: '', hasEOL: false },
  { str: ' wird', hasEOL: true },
  { str: 'geändert.' },
]

describe('TextLayerMap', () => {
  it('maps a selection across spans to page-text offsets and copies it in reading order with line breaks', () => {
    const { divs, map } = layerOf(items)
    const range = document.createRange()
    range.setStart(divs[0].firstChild!, 4)
    range.setEnd(divs[4].firstChild!, 8)
    expect(map.offsetsOf(range)).toEqual({ start: 4, end: map.text.indexOf('geändert') + 8 })
    expect(map.textOf(range)).toBe('Bebauungs-\nplan Nr. 42 wird\ngeändert')
  })

  it('handles boundaries on elements instead of text nodes', () => {
    const { container, divs, map } = layerOf(items)
    const range = document.createRange()
    // from before the second span to after the fourth (container child indices)
    const children = [...container.childNodes]
    range.setStart(container, children.indexOf(divs[1]))
    range.setEnd(container, children.indexOf(divs[3]) + 1)
    expect(map.textOf(range)).toBe('plan Nr. 42 wird')
  })

  it('returns nothing for a range outside the layer or without text', () => {
    const { map } = layerOf(items)
    const outside = document.createElement('p')
    outside.textContent = 'anderswo'
    document.body.append(outside)
    const range = document.createRange()
    range.selectNodeContents(outside)
    expect(map.offsetsOf(range)).toBeUndefined()
    const collapsed = document.createRange()
    collapsed.setStart(map.spans[0].node, 3)
    expect(map.offsetsOf(collapsed)).toBeUndefined()
  })

  it('turns offsets back into a DOM range (for highlights and search hits)', () => {
    const { map } = layerOf(items)
    const start = map.text.indexOf('Nr. 42')
    const range = map.rangeOf(start, map.text.indexOf('geändert') + 3)!
    expect(range.toString()).toBe('Nr. 42 wirdgeä')
    expect(map.offsetsOf(range)).toEqual({ start, end: map.text.indexOf('geändert') + 3 })
    // offsets on a line break start at the next span
    const eol = map.text.indexOf('\n')
    expect(map.rangeOf(eol, eol + 3)!.toString()).toBe('pl')
    expect(map.rangeOf(5, 5)).toBeUndefined()
    expect(map.rangeOf(map.text.length + 2, map.text.length + 9)).toBeUndefined()
  })

  it('skips items pdf.js did not attach and items marked as without text', () => {
    const { text, itemOffsets } = joinTextItems([{ str: 'A', hasEOL: true }, {}, { str: 'B' }])
    const a = document.createElement('span')
    a.textContent = 'A'
    const b = document.createElement('span')
    b.textContent = 'B'
    document.body.append(a, b)
    const map = TextLayerMap.fromLayer(text, [a, b], itemOffsets)
    expect(map.spans.map((s) => [s.node.data, s.offset])).toEqual([
      ['A', 0],
      ['B', 2],
    ])
  })
})

describe('normalisedRects', () => {
  const page = { getBoundingClientRect: () => ({ left: 100, top: 50, width: 400, height: 800 }) } as unknown as HTMLElement
  const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height })

  it('merges the spans of one line and normalises to the page', () => {
    const range = {
      getClientRects: () => [rect(140, 90, 100, 20), rect(240, 92, 60, 16), rect(140, 130, 200, 20), rect(0, 0, 0, 0)],
    } as unknown as Range
    expect(normalisedRects(range, page)).toEqual([
      [0.1, 0.05, 0.4, 0.025],
      [0.1, 0.1, 0.5, 0.025],
    ])
  })
})
