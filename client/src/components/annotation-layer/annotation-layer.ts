/**
 * Draws annotations and search hits over a PDF page (normalised page coordinates, so it follows
 * any zoom) and takes free-hand strokes and note placement from the pointer.
 *
 * Highlights and hits are drawn above the text layer with `pointer-events: none` and a multiply
 * blend, so the text under them stays selectable and readable. Sticky notes are buttons (focusable,
 * named by their text). Emits `mark-activate` {id}, `ink-stroke` {points} and `note-place` {x, y}.
 */
import { LitElement, html, nothing, svg } from 'lit'
import type { AnnotationColor, AnnotationKind } from '@ratstisch/domain'
import { trd } from '../../i18n/messages-reader.ts'
import { MARK_FILL, MARK_LINE } from './annotation-colors.ts'
import { annotationLayerStyles } from './annotation-layer.styles.ts'

export interface PageMark {
  id: string
  kind: AnnotationKind
  color: AnnotationColor
  /** one rectangle per line for text marks; a note's position is rects[0] (x, y) */
  rects: number[][]
  ink?: number[][]
  /** accessible name of a note button */
  label: string
  active?: boolean
}

export interface HitMark {
  rects: number[][]
  current: boolean
}

export type LayerTool = 'none' | 'ink' | 'note'

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000

export class AnnotationLayer extends LitElement {
  static override styles = [annotationLayerStyles]
  static override properties = {
    marks: { attribute: false },
    hits: { attribute: false },
    pending: { attribute: false },
    tool: { type: String },
    color: { type: String },
    drawing: { state: true },
  }

  declare marks: PageMark[]
  declare hits: HitMark[]
  /** strokes drawn in ink mode and not saved yet */
  declare pending: number[][]
  declare tool: LayerTool
  declare color: AnnotationColor
  declare drawing: number[] | undefined

  constructor() {
    super()
    this.marks = []
    this.hits = []
    this.pending = []
    this.tool = 'none'
    this.color = 'yellow'
  }

  private point(e: PointerEvent | MouseEvent): [number, number] {
    const box = this.getBoundingClientRect()
    return [round((e.clientX - box.left) / box.width), round((e.clientY - box.top) / box.height)]
  }

  private onPointerDown(e: PointerEvent): void {
    if (this.tool !== 'ink' || e.button !== 0) return
    e.preventDefault()
    ;(e.currentTarget as Element).setPointerCapture(e.pointerId)
    this.drawing = this.point(e)
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.drawing) return
    const [x, y] = this.point(e)
    const px = this.drawing[this.drawing.length - 2]
    const py = this.drawing[this.drawing.length - 1]
    // a point per pixel is far more than a stroke needs
    if (Math.hypot(x - px, y - py) < 0.002) return
    this.drawing = [...this.drawing, x, y]
  }

  private onPointerUp(): void {
    const stroke = this.drawing
    this.drawing = undefined
    if (!stroke || stroke.length < 4) return
    this.dispatchEvent(new CustomEvent('ink-stroke', { detail: { points: stroke }, bubbles: true, composed: true }))
  }

  private onPlaceNote(e: MouseEvent): void {
    if (this.tool !== 'note') return
    const [x, y] = this.point(e)
    this.dispatchEvent(new CustomEvent('note-place', { detail: { x, y }, bubbles: true, composed: true }))
  }

  private activate(id: string): void {
    this.dispatchEvent(new CustomEvent('mark-activate', { detail: { id }, bubbles: true, composed: true }))
  }

  private strokeOf(points: readonly number[], color: AnnotationColor, cls = 'ink') {
    const list: string[] = []
    for (let i = 0; i + 1 < points.length; i += 2) list.push(`${points[i]},${points[i + 1]}`)
    return svg`<polyline class=${cls} points=${list.join(' ')} stroke=${MARK_LINE[color]}></polyline>`
  }

  private renderMark(m: PageMark) {
    if (m.kind === 'note') return nothing
    const parts = []
    if (m.kind === 'ink') for (const s of m.ink ?? []) parts.push(this.strokeOf(s, m.color))
    for (const [x, y, w, h] of m.rects) {
      if (m.kind === 'highlight') parts.push(svg`<rect class="highlight" x=${x} y=${y} width=${w} height=${h} fill=${MARK_FILL[m.color]}></rect>`)
      else if (m.kind === 'underline') {
        const thickness = Math.max(h * 0.09, 0.0015)
        parts.push(svg`<rect class="underline" x=${x} y=${y + h - thickness} width=${w} height=${thickness} fill=${MARK_LINE[m.color]}></rect>`)
      }
    }
    if (m.active) {
      const box = boundsOf(m)
      if (box) parts.push(svg`<rect class="active" x=${box[0] - 0.004} y=${box[1] - 0.004} width=${box[2] + 0.008} height=${box[3] + 0.008}></rect>`)
    }
    return parts
  }

  override render() {
    const notes = this.marks.filter((m) => m.kind === 'note' && m.rects[0])
    return html`
      <svg class="marks" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
        ${this.hits.map((h) => h.rects.map(([x, y, w, hh]) => svg`<rect class=${h.current ? 'hit current' : 'hit'} x=${x} y=${y} width=${w} height=${hh}></rect>`))}
        ${this.marks.map((m) => this.renderMark(m))}
        ${this.pending.map((s) => this.strokeOf(s, this.color))} ${this.drawing ? this.strokeOf(this.drawing, this.color) : nothing}
      </svg>
      ${notes.map(
        (m) => html`<button
          type="button"
          class="note ${m.active ? 'active' : ''}"
          style="left:${m.rects[0][0] * 100}%;top:${m.rects[0][1] * 100}%;--note-fill:${MARK_FILL[m.color]};--note-line:${MARK_LINE[m.color]}"
          aria-label=${m.label}
          title=${m.label}
          @click=${() => this.activate(m.id)}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 2h12v9l-3 3H2z M11 14v-3h3" /></svg>
        </button>`,
      )}
      ${this.tool !== 'none'
        ? html`<div
            class="capture ${this.tool}"
            @pointerdown=${this.onPointerDown}
            @pointermove=${this.onPointerMove}
            @pointerup=${this.onPointerUp}
            @pointercancel=${this.onPointerUp}
            @click=${this.onPlaceNote}
          ></div>`
        : nothing}
    `
  }
}

/** Bounding box [x, y, w, h] of a mark's rectangles or strokes. */
export function boundsOf(m: Pick<PageMark, 'rects' | 'ink'>): number[] | undefined {
  const xs: number[] = []
  const ys: number[] = []
  for (const [x, y, w, h] of m.rects) xs.push(x, x + w), ys.push(y, y + h)
  for (const s of m.ink ?? []) for (let i = 0; i + 1 < s.length; i += 2) xs.push(s[i]), ys.push(s[i + 1])
  if (!xs.length) return undefined
  const x0 = Math.min(...xs)
  const y0 = Math.min(...ys)
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0]
}

/** The mark under a point (normalised), topmost (last drawn) first; notes are buttons of their own. */
export function markAt(marks: readonly PageMark[], x: number, y: number): PageMark | undefined {
  const slack = 0.006
  for (let i = marks.length - 1; i >= 0; i--) {
    const m = marks[i]
    if (m.kind === 'note') continue
    if (m.kind === 'ink') {
      const box = boundsOf(m)
      if (box && x >= box[0] - slack && x <= box[0] + box[2] + slack && y >= box[1] - slack && y <= box[1] + box[3] + slack) return m
      continue
    }
    if (m.rects.some(([rx, ry, w, h]) => x >= rx && x <= rx + w && y >= ry - slack && y <= ry + h + slack)) return m
  }
  return undefined
}

customElements.define('rt-annotation-layer', AnnotationLayer)

declare global {
  interface HTMLElementTagNameMap {
    'rt-annotation-layer': AnnotationLayer
  }
}

export const noteLabel = (text: string | undefined, author?: string): string => {
  const body = text?.trim() ? text.trim().slice(0, 120) : trd('viewer.emptyNote')
  return author ? trd('viewer.noteMarkBy', { author, text: body }) : trd('viewer.noteMark', { text: body })
}
