/**
 * In-app PDF viewer (pdf.js): one page at a time on a canvas with pdf.js' text layer on top (the
 * page text is selectable and read by screen readers), a thumbnail sidebar rendered lazily, zoom
 * (steps and page width), find in document, and annotation tools (highlight, underline, sticky
 * note, free hand) drawn by rt-annotation-layer.
 *
 * Keyboard: PageUp/PageDown, Home/End, +/- in the page area; Ctrl/Cmd+F anywhere in the viewer
 * opens the find field; Escape closes it or leaves a drawing mode. A find hit can be highlighted
 * with the keyboard ("Treffer markieren"), so creating a highlight never needs a mouse.
 *
 * Copy builds the text from the page text (reading order, line breaks), see TextLayerMap.
 * The bytes are handed in by the caller (blob cache or relay), never fetched here. The viewer owns
 * no annotations: it draws what it is given and emits `annotation-create` {AnnotationDraft},
 * `annotation-activate` {id}, `page-change` {page} and `page-rendered` {page, ms}.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask, TextLayer } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { ANNOTATION_COLORS, findInPages, findSimilarInPages, textQuoteAt, type AnnotationColor, type AnnotationKind, type PageHit, type TextQuote } from '@ratstisch/domain'
import { themeStyles } from '../../app/theme.styles.ts'
import { t } from '../../i18n/messages.ts'
import { trd } from '../../i18n/messages-reader.ts'
import { joinTextItems } from '@ratstisch/search'
import '../annotation-layer/annotation-layer.ts'
import { boundsOf, markAt, noteLabel, type HitMark, type LayerTool, type PageMark } from '../annotation-layer/annotation-layer.ts'
import { pdfViewerStyles } from './pdf-viewer.styles.ts'
import { normalisedRects, selectionRangeIn, TextLayerMap } from './text-layer-map.ts'

type PdfJs = typeof import('pdfjs-dist')
let pdfjsPromise: Promise<PdfJs> | undefined

/** Loads pdf.js on first use and points it at the bundled (precached) worker. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
    return pdfjs
  })
  return pdfjsPromise
}

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]
const CSS_PER_PT = 96 / 72
const THUMB_WIDTH = 112

/** An annotation as the viewer draws it: already placed on this version of the file. */
export interface ViewerAnnotation {
  id: string
  kind: AnnotationKind
  color: AnnotationColor
  page: number
  start?: number
  end?: number
  rects?: number[][]
  ink?: number[][]
  text?: string
  /** set for annotations of colleagues (shown with their name) */
  authorName?: string
}

/** What the user marked; the caller adds id, author and target and stores it. */
export interface AnnotationDraft {
  kind: AnnotationKind
  color: AnnotationColor
  page: number
  quote?: TextQuote
  start?: number
  end?: number
  rects?: number[][]
  ink?: number[][]
}

export class PdfViewer extends LitElement {
  static override styles = [themeStyles, pdfViewerStyles]
  static override properties = {
    data: { attribute: false },
    fileName: { type: String, attribute: 'file-name' },
    page: { type: Number },
    query: { type: String },
    annotations: { attribute: false },
    activeId: { type: String, attribute: 'active-id' },
    canAnnotate: { type: Boolean, attribute: 'can-annotate' },
    pages: { state: true },
    zoom: { state: true },
    fit: { state: true },
    loading: { state: true },
    failed: { state: true },
    thumbsOpen: { state: true },
    thumbFocus: { state: true },
    findOpen: { state: true },
    findText: { state: true },
    hits: { state: true },
    hitIndex: { state: true },
    finding: { state: true },
    similar: { state: true },
    color: { state: true },
    tool: { state: true },
    pendingInk: { state: true },
    hasSelection: { state: true },
    marks: { state: true },
    hitMarks: { state: true },
    message: { state: true },
  }

  declare data: Uint8Array | undefined
  declare fileName: string
  declare page: number
  /** starts the find in document with this text (e.g. from the search view) */
  declare query: string
  declare annotations: ViewerAnnotation[]
  declare activeId: string
  declare canAnnotate: boolean
  declare pages: number
  declare zoom: number
  /** zoom follows the page width */
  declare fit: boolean
  declare loading: boolean
  declare failed: boolean
  declare thumbsOpen: boolean
  declare thumbFocus: number
  declare findOpen: boolean
  declare findText: string
  declare hits: PageHit[]
  declare hitIndex: number
  declare finding: boolean
  /** no exact hits: the hits are words that read alike (typos) */
  declare similar: boolean
  declare color: AnnotationColor
  declare tool: LayerTool
  declare pendingInk: number[][]
  declare hasSelection: boolean
  declare marks: PageMark[]
  declare hitMarks: HitMark[]
  declare message: string

  private pdf: PDFDocumentProxy | undefined
  private loadingTask: PDFDocumentLoadingTask | undefined
  private renderTask: RenderTask | undefined
  private textLayer: TextLayer | undefined
  private renderSeq = 0
  private layerMap: TextLayerMap | undefined
  private layerPage = 0
  private texts: Promise<string[]> | undefined
  private openedAt = 0
  private firstRendered = false
  private resize: ResizeObserver | undefined
  private stageWidth = 0
  private thumbObserver: IntersectionObserver | undefined
  private readonly thumbsDone = new Set<number>()
  private readonly thumbQueue: number[] = []
  private thumbBusy = false
  private findTimer: ReturnType<typeof setTimeout> | undefined
  /** rendering cost of thumbnails so far (read by the benchmark) */
  readonly thumbnailStats = { rendered: 0, ms: 0 }

  constructor() {
    super()
    this.fileName = ''
    this.page = 1
    this.query = ''
    this.annotations = []
    this.activeId = ''
    this.canAnnotate = false
    this.pages = 0
    this.zoom = 1
    this.fit = true
    this.loading = false
    this.failed = false
    this.thumbsOpen = false
    this.thumbFocus = 1
    this.findOpen = false
    this.findText = ''
    this.hits = []
    this.hitIndex = -1
    this.finding = false
    this.similar = false
    this.color = 'yellow'
    this.tool = 'none'
    this.pendingInk = []
    this.hasSelection = false
    this.marks = []
    this.hitMarks = []
    this.message = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('selectionchange', this.onSelectionChange)
    document.addEventListener('copy', this.onCopy)
    this.addEventListener('keydown', this.onHostKey)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('selectionchange', this.onSelectionChange)
    document.removeEventListener('copy', this.onCopy)
    this.removeEventListener('keydown', this.onHostKey)
    this.resize?.disconnect()
    this.resize = undefined
    this.thumbObserver?.disconnect()
    this.thumbObserver = undefined
    clearTimeout(this.findTimer)
    void this.closeDocument()
  }

  protected override firstUpdated(): void {
    const stage = this.stage
    if (!stage) return
    this.stageWidth = stage.clientWidth
    this.resize = new ResizeObserver(() => {
      const width = stage.clientWidth
      if (Math.abs(width - this.stageWidth) < 8) return
      this.stageWidth = width
      if (this.fit && this.pdf) void this.renderPage()
    })
    this.resize.observe(stage)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('annotations') || changed.has('activeId')) this.marks = this.computeMarks()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('data')) {
      void this.openDocument()
      return
    }
    if (!this.pdf) return
    if (changed.has('page')) {
      const clamped = Math.min(Math.max(1, Math.round(this.page) || 1), this.pages)
      if (clamped !== this.page) {
        this.page = clamped
        return
      }
      if (changed.get('page') !== undefined) this.dispatchEvent(new CustomEvent('page-change', { detail: { page: this.page }, bubbles: true, composed: true }))
      this.thumbFocus = this.page
    }
    // in page-width mode the zoom is the result of rendering, not a request
    if (changed.has('page') || changed.has('fit') || (changed.has('zoom') && !this.fit)) void this.renderPage()
    if (changed.has('query') && this.query) void this.startFind(this.query)
    if (changed.has('hitIndex') || changed.has('hits')) this.hitMarks = this.computeHitMarks()
    if (this.thumbsOpen) this.observeThumbs()
    if (changed.has('page') && this.thumbsOpen) this.renderRoot.querySelector(`[data-thumb="${this.page}"]`)?.scrollIntoView({ block: 'nearest' })
  }

  private get stage(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.stage')
  }

  private get pageEl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.page')
  }

  /** Texts of all pages of the open file (cached; the same texts search and anchors use). */
  pageTexts(): Promise<string[]> {
    const pdf = this.pdf
    if (!pdf) return Promise.resolve([])
    this.texts ??= (async () => {
      const out: string[] = []
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n)
        out.push(joinTextItems((await page.getTextContent()).items as { str?: string; hasEOL?: boolean }[]).text)
      }
      return out
    })()
    return this.texts
  }

  /** Moves the keyboard focus to the page area (after the reader opened a place in the file). */
  focusPage(): void {
    void this.updateComplete.then(() => this.stage?.focus())
  }

  /** Goes to a page and outlines the annotation (used by the reader's list). */
  showAnnotation(id: string, page: number): void {
    this.activeId = id
    this.go(page)
  }

  private async openDocument(): Promise<void> {
    await this.closeDocument()
    if (!this.data) return
    this.openedAt = performance.now()
    this.firstRendered = false
    this.loading = true
    this.failed = false
    try {
      const pdfjs = await loadPdfJs()
      // pdf.js transfers the buffer to its worker: hand it a copy so the caller's bytes stay usable
      this.loadingTask = pdfjs.getDocument({ data: this.data.slice() })
      this.pdf = await this.loadingTask.promise
      this.pages = this.pdf.numPages
      this.page = Math.min(Math.max(1, Math.round(this.page) || 1), this.pages)
      this.thumbFocus = this.page
      this.loading = false
      this.dispatchEvent(new CustomEvent('document-loaded', { detail: { pages: this.pages }, bubbles: true, composed: true }))
      await this.updateComplete
      await this.renderPage()
      if (this.query) await this.startFind(this.query)
    } catch (e) {
      console.error('pdf: cannot open document', e)
      this.loading = false
      this.failed = true
    }
  }

  private async closeDocument(): Promise<void> {
    this.renderTask?.cancel()
    this.textLayer?.cancel()
    const task = this.loadingTask
    this.loadingTask = undefined
    this.pdf = undefined
    this.texts = undefined
    this.layerMap = undefined
    this.layerPage = 0
    this.pages = 0
    this.hits = []
    this.hitIndex = -1
    this.thumbsDone.clear()
    this.thumbQueue.length = 0
    this.thumbObserver?.disconnect()
    this.thumbObserver = undefined
    if (task) await task.destroy().catch(() => undefined)
  }

  /** The zoom factor to render with: a step, or what makes the page as wide as the stage. */
  private scaleFor(widthPt: number): number {
    if (!this.fit) return this.zoom
    const available = (this.stage?.clientWidth ?? 0) - 34
    if (available < 50) return 1
    return Math.min(4, Math.max(0.25, available / (widthPt * CSS_PER_PT)))
  }

  private async renderPage(): Promise<void> {
    const pdf = this.pdf
    const pageEl = this.pageEl
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.main')
    const textEl = this.renderRoot.querySelector<HTMLDivElement>('.textLayer')
    if (!pdf || !pageEl || !canvas || !textEl) return
    const seq = ++this.renderSeq
    this.renderTask?.cancel()
    this.textLayer?.cancel()
    try {
      const pdfjs = await loadPdfJs()
      const number = this.page
      const page = await pdf.getPage(number)
      if (seq !== this.renderSeq) return
      const scale = this.scaleFor(page.getViewport({ scale: 1 }).width)
      if (this.fit && Math.abs(scale - this.zoom) > 0.001) this.zoom = scale
      const viewport = page.getViewport({ scale: scale * CSS_PER_PT })
      const ratio = window.devicePixelRatio || 1
      canvas.width = Math.floor(viewport.width * ratio)
      canvas.height = Math.floor(viewport.height * ratio)
      canvas.style.width = `${Math.floor(viewport.width)}px`
      canvas.style.height = `${Math.floor(viewport.height)}px`
      pageEl.style.width = `${Math.floor(viewport.width)}px`
      pageEl.style.height = `${Math.floor(viewport.height)}px`
      pageEl.style.setProperty('--total-scale-factor', String(viewport.scale))
      this.renderTask = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined })
      // the text is extracted while the canvas renders (both run in the pdf.js worker)
      const content = await page.getTextContent()
      if (seq !== this.renderSeq) return
      // the text layer and the page text come from the same items, so offsets match the spans
      const text = joinTextItems(content.items as { str?: string; hasEOL?: boolean }[])
      textEl.replaceChildren()
      const layer = new pdfjs.TextLayer({ textContentSource: content, container: textEl, viewport })
      this.textLayer = layer
      await Promise.all([this.renderTask.promise, layer.render()])
      if (seq !== this.renderSeq) return
      this.layerMap = TextLayerMap.fromLayer(text.text, layer.textDivs, text.itemOffsets)
      this.layerPage = number
      this.marks = this.computeMarks()
      this.hitMarks = this.computeHitMarks()
      const ms = performance.now() - this.openedAt
      this.dispatchEvent(new CustomEvent('page-rendered', { detail: { page: number, ms: this.firstRendered ? undefined : ms }, bubbles: true, composed: true }))
      this.firstRendered = true
      this.pumpThumbs()
    } catch (e) {
      if (e instanceof Error && (e.name === 'RenderingCancelledException' || e.name === 'AbortException')) return
      if (seq === this.renderSeq) console.warn('pdf: page render failed', e)
    }
  }

  // --- annotations on the page ---------------------------------------------------------------

  private computeMarks(): PageMark[] {
    const map = this.layerPage === this.page ? this.layerMap : undefined
    const page = this.pageEl
    const out: PageMark[] = []
    for (const a of this.annotations ?? []) {
      if (a.page !== this.page) continue
      let rects = a.rects ?? []
      if ((a.kind === 'highlight' || a.kind === 'underline') && map && page && a.start !== undefined && a.end !== undefined) {
        const range = map.rangeOf(a.start, a.end)
        const fresh = range ? normalisedRects(range, page) : []
        if (fresh.length) rects = fresh
      }
      const label = a.kind === 'note' ? noteLabel(a.text, a.authorName) : trd(`kind.${a.kind}`)
      out.push({ id: a.id, kind: a.kind, color: a.color, rects, ink: a.ink, label, active: a.id === this.activeId })
    }
    return out
  }

  private computeHitMarks(): HitMark[] {
    const map = this.layerPage === this.page ? this.layerMap : undefined
    const page = this.pageEl
    if (!map || !page || !this.findOpen) return []
    const out: HitMark[] = []
    this.hits.forEach((hit, i) => {
      if (hit.page !== this.page) return
      const range = map.rangeOf(hit.start, hit.end)
      if (range) out.push({ rects: normalisedRects(range, page), current: i === this.hitIndex })
    })
    return out
  }

  /** The text the tools act on: a selection in this page's text layer, else the current find hit. */
  private textTarget(): { start: number; end: number } | undefined {
    const map = this.layerPage === this.page ? this.layerMap : undefined
    if (!map) return undefined
    const range = selectionRangeIn(this.renderRoot as ShadowRoot)
    const selected = range ? map.offsetsOf(range) : undefined
    if (selected && map.text.slice(selected.start, selected.end).trim()) return selected
    const hit = this.hits[this.hitIndex]
    if (this.findOpen && hit && hit.page === this.page) return { start: hit.start, end: hit.end }
    return undefined
  }

  private readonly onSelectionChange = () => {
    const map = this.layerPage === this.page ? this.layerMap : undefined
    const range = map ? selectionRangeIn(this.renderRoot as ShadowRoot) : undefined
    const has = !!(range && map?.offsetsOf(range))
    // focus moving to a tool button may collapse the selection; keep the state until then
    if (has !== this.hasSelection) this.hasSelection = has
  }

  private readonly onCopy = (e: ClipboardEvent) => {
    const map = this.layerPage === this.page ? this.layerMap : undefined
    if (!map || !e.clipboardData) return
    const range = selectionRangeIn(this.renderRoot as ShadowRoot)
    const text = range ? map.textOf(range) : undefined
    if (text === undefined) return
    e.clipboardData.setData('text/plain', text)
    e.preventDefault()
  }

  private emitDraft(draft: AnnotationDraft, created: 'highlight' | 'underline' | 'ink' | 'note'): void {
    this.dispatchEvent(new CustomEvent<AnnotationDraft>('annotation-create', { detail: draft, bubbles: true, composed: true }))
    this.message = trd(`viewer.created.${created}`)
  }

  private createTextMark(kind: 'highlight' | 'underline'): void {
    const target = this.textTarget()
    const map = this.layerMap
    const page = this.pageEl
    if (!target || !map || !page) {
      this.message = trd('viewer.toolHint')
      return
    }
    const range = map.rangeOf(target.start, target.end)
    const rects = range ? normalisedRects(range, page) : []
    this.emitDraft(
      { kind, color: this.color, page: this.page, quote: textQuoteAt(map.text, target.start, target.end), start: target.start, end: target.end, rects },
      kind,
    )
    document.getSelection()?.removeAllRanges()
    this.hasSelection = false
  }

  private startNote(): void {
    const target = this.textTarget()
    const map = this.layerMap
    const page = this.pageEl
    if (target && map && page) {
      const range = map.rangeOf(target.start, target.end)
      const first = range ? normalisedRects(range, page)[0] : undefined
      if (first) {
        this.placeNote(Math.max(0.02, first[0] - 0.02), first[1] + first[3] / 2, target)
        document.getSelection()?.removeAllRanges()
        return
      }
    }
    this.tool = this.tool === 'note' ? 'none' : 'note'
  }

  private placeNote(x: number, y: number, target?: { start: number; end: number }): void {
    const map = this.layerMap
    const anchor = target ?? (map && this.pageEl ? map.nearestSpan(x, y, this.pageEl) : undefined)
    const draft: AnnotationDraft = { kind: 'note', color: this.color, page: this.page, rects: [[x, y, 0, 0]] }
    if (anchor && map) Object.assign(draft, { quote: textQuoteAt(map.text, anchor.start, anchor.end), start: anchor.start, end: anchor.end })
    this.tool = 'none'
    this.emitDraft(draft, 'note')
  }

  private placeNoteAtMargin(): void {
    const onPage = this.marks.filter((m) => m.kind === 'note').length
    this.placeNote(0.95, Math.min(0.95, 0.06 + (onPage % 18) * 0.05))
  }

  private saveInk(): void {
    const strokes = this.pendingInk
    if (!strokes.length) return
    const box = boundsOf({ rects: [], ink: strokes })
    const map = this.layerMap
    const draft: AnnotationDraft = { kind: 'ink', color: this.color, page: this.page, ink: strokes }
    if (box) {
      draft.rects = [box]
      const near = map && this.pageEl ? map.nearestSpan(box[0] + box[2] / 2, box[1] + box[3] / 2, this.pageEl) : undefined
      if (near && map) Object.assign(draft, { quote: textQuoteAt(map.text, near.start, near.end), start: near.start, end: near.end })
    }
    this.pendingInk = []
    this.tool = 'none'
    this.emitDraft(draft, 'ink')
  }

  private cancelTool(): void {
    this.tool = 'none'
    this.pendingInk = []
  }

  private onPageClick(e: MouseEvent): void {
    if (this.tool !== 'none') return
    const selection = selectionRangeIn(this.renderRoot as ShadowRoot)
    if (selection && !selection.collapsed) return
    const box = this.pageEl?.getBoundingClientRect()
    if (!box?.width) return
    const mark = markAt(this.marks, (e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height)
    if (mark) this.activate(mark.id)
  }

  private activate(id: string): void {
    this.activeId = id
    this.dispatchEvent(new CustomEvent('annotation-activate', { detail: { id }, bubbles: true, composed: true }))
  }

  // --- find in document ------------------------------------------------------------------------

  private async openFind(): Promise<void> {
    this.findOpen = true
    await this.updateComplete
    const input = this.renderRoot.querySelector<HTMLInputElement>('#find')
    input?.focus()
    input?.select()
  }

  private closeFind(): void {
    this.findOpen = false
    this.hitMarks = []
    this.stage?.focus()
  }

  private async startFind(query: string): Promise<void> {
    this.findOpen = true
    this.findText = query
    await this.runFind(true)
  }

  private onFindInput(e: Event): void {
    this.findText = (e.target as HTMLInputElement).value
    clearTimeout(this.findTimer)
    this.findTimer = setTimeout(() => void this.runFind(true), 250)
  }

  private async runFind(fromCurrentPage: boolean): Promise<void> {
    clearTimeout(this.findTimer)
    const query = this.findText
    if (!query.trim()) {
      this.hits = []
      this.hitIndex = -1
      return
    }
    this.finding = true
    const texts = await this.pageTexts()
    if (query !== this.findText) return
    const exact = findInPages(texts, query)
    const hits = exact.length ? exact : findSimilarInPages(texts, query)
    this.finding = false
    this.similar = !exact.length && hits.length > 0
    this.hits = hits
    const from = fromCurrentPage ? hits.findIndex((h) => h.page >= this.page) : 0
    this.selectHit(hits.length ? Math.max(0, from) : -1)
  }

  private selectHit(index: number): void {
    this.hitIndex = index
    const hit = this.hits[index]
    if (hit && hit.page !== this.page) this.go(hit.page)
  }

  private stepHit(direction: 1 | -1): void {
    if (!this.hits.length) return
    this.selectHit((this.hitIndex + direction + this.hits.length) % this.hits.length)
  }

  private onFindKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault()
      if (this.findTimer || this.hits.length === 0) void this.runFind(true)
      else this.stepHit(e.shiftKey ? -1 : 1)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      this.closeFind()
    }
  }

  private findStatus(): string {
    if (this.finding) return trd('viewer.findWorking')
    if (!this.findText.trim()) return ''
    if (!this.hits.length) return trd('viewer.findNone', { query: this.findText.trim() })
    const hit = this.hits[this.hitIndex]
    const status = trd('viewer.findHitPage', { index: this.hitIndex + 1, total: this.hits.length, page: hit?.page ?? this.page })
    return this.similar ? `${trd('viewer.findSimilar', { query: this.findText.trim() })} ${status}` : status
  }

  // --- navigation and zoom ---------------------------------------------------------------------

  private go(page: number): void {
    if (!this.pages) return
    this.page = Math.min(Math.max(1, page), this.pages)
  }

  private zoomBy(direction: 1 | -1): void {
    const current = this.zoom
    const next = direction > 0 ? ZOOM_STEPS.find((z) => z > current + 0.001) : [...ZOOM_STEPS].reverse().find((z) => z < current - 0.001)
    if (next === undefined) return
    this.fit = false
    this.zoom = next
  }

  private onZoomSelect(e: Event): void {
    const value = (e.target as HTMLSelectElement).value
    if (value === 'fit') this.fit = true
    else {
      this.fit = false
      this.zoom = Number(value)
    }
  }

  private readonly onHostKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
      e.preventDefault()
      void this.openFind()
    } else if (e.key === 'Escape' && this.tool !== 'none') {
      e.preventDefault()
      this.cancelTool()
    }
  }

  private onStageKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const keys: Record<string, () => void> = {
      PageDown: () => this.go(this.page + 1),
      PageUp: () => this.go(this.page - 1),
      Home: () => this.go(1),
      End: () => this.go(this.pages),
      '+': () => this.zoomBy(1),
      '=': () => this.zoomBy(1),
      '-': () => this.zoomBy(-1),
    }
    const action = keys[e.key]
    if (action) {
      e.preventDefault()
      action()
    }
  }

  private onPageInput(e: Event): void {
    const value = Number((e.target as HTMLInputElement).value)
    if (Number.isFinite(value)) this.go(Math.round(value))
  }

  // --- thumbnails ------------------------------------------------------------------------------

  private toggleThumbs(): void {
    this.thumbsOpen = !this.thumbsOpen
    if (!this.thumbsOpen) {
      this.thumbObserver?.disconnect()
      this.thumbObserver = undefined
      this.thumbQueue.length = 0
    }
  }

  private observeThumbs(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('.thumbs')
    if (!list) return
    this.thumbObserver ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const n = Number((entry.target as HTMLElement).dataset.thumb)
          if (entry.isIntersecting && !this.thumbsDone.has(n) && !this.thumbQueue.includes(n)) this.thumbQueue.push(n)
        }
        this.pumpThumbs()
      },
      { root: list, rootMargin: '200px 0px' },
    )
    for (const el of list.querySelectorAll<HTMLElement>('[data-thumb]')) {
      if (el.dataset.observed) continue
      el.dataset.observed = '1'
      this.thumbObserver.observe(el)
    }
  }

  /** Renders queued thumbnails one at a time, after the page itself (one pdf.js worker). */
  private pumpThumbs(): void {
    if (this.thumbBusy || !this.firstRendered || !this.thumbsOpen) return
    const n = this.thumbQueue.shift()
    const pdf = this.pdf
    if (n === undefined || !pdf) return
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`[data-thumb="${n}"] canvas`)
    if (!canvas || this.thumbsDone.has(n)) return this.pumpThumbs()
    this.thumbBusy = true
    const started = performance.now()
    void (async () => {
      try {
        const page = await pdf.getPage(n)
        const ratio = window.devicePixelRatio || 1
        const viewport = page.getViewport({ scale: (THUMB_WIDTH * ratio) / page.getViewport({ scale: 1 }).width })
        canvas.width = Math.floor(viewport.width)
        canvas.height = Math.floor(viewport.height)
        canvas.style.aspectRatio = `${viewport.width} / ${viewport.height}`
        await page.render({ canvas, viewport }).promise
        this.thumbsDone.add(n)
        this.thumbnailStats.rendered += 1
        this.thumbnailStats.ms += performance.now() - started
      } catch (e) {
        if (!(e instanceof Error && e.name === 'RenderingCancelledException')) console.warn('pdf: thumbnail failed', e)
      } finally {
        this.thumbBusy = false
        if (this.pdf === pdf) this.pumpThumbs()
      }
    })()
  }

  private onThumbKey(e: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity }
    const move = moves[e.key]
    if (move === undefined) return
    e.preventDefault()
    const next = Math.min(Math.max(1, Number.isFinite(move) ? this.thumbFocus + move : move > 0 ? this.pages : 1), this.pages)
    this.thumbFocus = next
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`[data-thumb="${next}"]`)?.focus())
  }

  // --- rendering -------------------------------------------------------------------------------

  private renderThumbs() {
    if (!this.thumbsOpen || !this.pages) return nothing
    const numbers = Array.from({ length: this.pages }, (_, i) => i + 1)
    return html`<nav class="thumbs" id="thumbs" aria-label=${trd('viewer.thumbs')}>
      <ol @keydown=${this.onThumbKey}>
        ${numbers.map(
          (n) => html`<li>
            <button
              type="button"
              data-thumb=${n}
              tabindex=${n === this.thumbFocus ? 0 : -1}
              aria-current=${n === this.page ? 'page' : nothing}
              @click=${() => this.go(n)}
              @focus=${() => (this.thumbFocus = n)}
            >
              <canvas aria-hidden="true"></canvas>
              <span>${trd('viewer.thumbPage', { page: n })}</span>
            </button>
          </li>`,
        )}
      </ol>
    </nav>`
  }

  private renderFind() {
    if (!this.findOpen) return nothing
    const status = this.findStatus()
    const hasHit = this.hitIndex >= 0 && this.hits[this.hitIndex]?.page === this.page
    return html`<div class="findbar" role="search" aria-label=${trd('viewer.findLabel')}>
      <label for="find" class="visually-hidden">${trd('viewer.findLabel')}</label>
      <input
        id="find"
        type="search"
        enterkeyhint="search"
        autocomplete="off"
        placeholder=${trd('viewer.findLabel')}
        .value=${this.findText}
        @input=${this.onFindInput}
        @keydown=${this.onFindKey}
      />
      <button type="button" @click=${() => this.stepHit(-1)} ?disabled=${this.hits.length === 0}>
        <span aria-hidden="true">↑</span><span class="visually-hidden">${trd('viewer.findPrev')}</span>
      </button>
      <button type="button" @click=${() => this.stepHit(1)} ?disabled=${this.hits.length === 0}>
        <span aria-hidden="true">↓</span><span class="visually-hidden">${trd('viewer.findNext')}</span>
      </button>
      <span class="find-status" role="status">${status}</span>
      ${this.canAnnotate
        ? html`<button type="button" class="mark-hit" ?disabled=${!hasHit} @click=${() => this.createTextMark('highlight')}>${trd('viewer.markHit')}</button>`
        : nothing}
      <button type="button" @click=${() => this.closeFind()}>
        <span aria-hidden="true">×</span><span class="visually-hidden">${trd('viewer.findClose')}</span>
      </button>
    </div>`
  }

  private renderTools() {
    if (!this.canAnnotate) return nothing
    const textReady = this.hasSelection || (this.findOpen && this.hits[this.hitIndex]?.page === this.page)
    // keep the selection when a tool button is pressed with the mouse
    const keepSelection = (e: Event) => e.preventDefault()
    return html`<div class="tools" role="group" aria-label=${trd('viewer.tools')}>
      <label class="color">
        <span>${trd('viewer.color')}</span>
        <select .value=${this.color} @change=${(e: Event) => (this.color = (e.target as HTMLSelectElement).value as AnnotationColor)}>
          ${ANNOTATION_COLORS.map((c) => html`<option value=${c} ?selected=${c === this.color}>${trd(`color.${c}`)}</option>`)}
        </select>
        <span class="swatch ${this.color}" aria-hidden="true"></span>
      </label>
      <button type="button" aria-disabled=${textReady ? 'false' : 'true'} aria-describedby="tool-hint" @mousedown=${keepSelection} @click=${() => this.createTextMark('highlight')}>
        ${trd('viewer.highlight')}
      </button>
      <button type="button" aria-disabled=${textReady ? 'false' : 'true'} aria-describedby="tool-hint" @mousedown=${keepSelection} @click=${() => this.createTextMark('underline')}>
        ${trd('viewer.underline')}
      </button>
      <button type="button" aria-pressed=${this.tool === 'note' ? 'true' : 'false'} @mousedown=${keepSelection} @click=${() => this.startNote()}>${trd('viewer.note')}</button>
      <button type="button" aria-pressed=${this.tool === 'ink' ? 'true' : 'false'} @click=${() => (this.tool = this.tool === 'ink' ? 'none' : 'ink')}>
        ${trd('viewer.ink')}
      </button>
      <p class="hint" id="tool-hint">
        ${this.tool === 'note'
          ? html`${trd('viewer.noteHint')}
              <button type="button" @click=${() => this.placeNoteAtMargin()}>${trd('viewer.noteAtMargin')}</button>
              <button type="button" @click=${() => this.cancelTool()}>${trd('viewer.cancel')}</button>`
          : this.tool === 'ink'
            ? html`${trd('viewer.inkHint')}
                <button type="button" class="primary" ?disabled=${!this.pendingInk.length} @click=${() => this.saveInk()}>${trd('viewer.inkDone')}</button>
                <button type="button" @click=${() => this.cancelTool()}>${trd('viewer.cancel')}</button>`
            : trd('viewer.toolHint')}
      </p>
    </div>`
  }

  override render() {
    const zoomPercent = Math.round(this.zoom * 100)
    const status = this.pages ? t('pdf.pageStatus', { page: this.page, pages: this.pages }) : ''
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t('pdf.region', { name: this.fileName })}>
        <span class="group">
          <button type="button" aria-pressed=${this.thumbsOpen ? 'true' : 'false'} aria-controls=${this.thumbsOpen ? 'thumbs' : nothing} @click=${() => this.toggleThumbs()} ?disabled=${!this.pages}>
            <span aria-hidden="true">▤</span><span class="label">${trd('viewer.thumbs')}</span>
          </button>
        </span>
        <span class="group">
          <button type="button" @click=${() => this.go(this.page - 1)} ?disabled=${this.page <= 1 || !this.pages}>
            <span aria-hidden="true">‹</span><span class="visually-hidden">${t('pdf.prev')}</span>
          </button>
          <label for="page">${t('pdf.pageInput')}</label>
          <input id="page" type="number" inputmode="numeric" min="1" max=${this.pages || 1} .value=${String(this.page)} @change=${this.onPageInput} ?disabled=${!this.pages} />
          <span>${t('pdf.pageOf', { pages: this.pages || '–' })}</span>
          <button type="button" @click=${() => this.go(this.page + 1)} ?disabled=${this.page >= this.pages}>
            <span aria-hidden="true">›</span><span class="visually-hidden">${t('pdf.next')}</span>
          </button>
        </span>
        <span class="group">
          <button type="button" @click=${() => this.zoomBy(-1)} ?disabled=${this.zoom <= ZOOM_STEPS[0] + 0.001}>
            <span aria-hidden="true">−</span><span class="visually-hidden">${t('pdf.zoomOut')}</span>
          </button>
          <select aria-label=${trd('viewer.zoomMode')} @change=${this.onZoomSelect}>
            <option value="fit" ?selected=${this.fit}>${this.fit ? trd('viewer.fitWidthPercent', { percent: zoomPercent }) : trd('viewer.fitWidth')}</option>
            ${ZOOM_STEPS.map((z) => html`<option value=${z} ?selected=${!this.fit && Math.abs(z - this.zoom) < 0.001}>${trd('viewer.percent', { percent: Math.round(z * 100) })}</option>`)}
          </select>
          <button type="button" @click=${() => this.zoomBy(1)} ?disabled=${this.zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1] - 0.001}>
            <span aria-hidden="true">+</span><span class="visually-hidden">${t('pdf.zoomIn')}</span>
          </button>
        </span>
        <span class="group">
          <button type="button" aria-expanded=${this.findOpen ? 'true' : 'false'} aria-keyshortcuts="Control+F Meta+F" @click=${() => (this.findOpen ? this.closeFind() : void this.openFind())} ?disabled=${!this.pages}>
            <span aria-hidden="true">⌕</span><span class="label">${trd('viewer.find')}</span>
          </button>
        </span>
        <span class="visually-hidden" aria-live="polite">${status}</span>
      </div>
      ${this.renderFind()} ${this.renderTools()}
      <div class="body">
        ${this.renderThumbs()}
        <div class="stage" tabindex="0" role="region" aria-label=${status || t('pdf.region', { name: this.fileName })} @keydown=${this.onStageKey}>
          ${this.loading ? html`<p class="message" role="status">${t('pdf.loading')}</p>` : nothing}
          ${this.failed ? html`<p class="message" role="alert">${t('pdf.error')}</p>` : nothing}
          <div class="page" ?hidden=${!this.pages} data-page=${this.page} @click=${this.onPageClick}>
            <canvas class="main" aria-hidden="true"></canvas>
            <div class="textLayer" lang="de" aria-label=${t('pdf.pageText', { page: this.page })} role="document"></div>
            <rt-annotation-layer
              .marks=${this.marks}
              .hits=${this.hitMarks}
              .pending=${this.pendingInk}
              tool=${this.tool}
              color=${this.color}
              @ink-stroke=${(e: CustomEvent<{ points: number[] }>) => (this.pendingInk = [...this.pendingInk, e.detail.points])}
              @note-place=${(e: CustomEvent<{ x: number; y: number }>) => this.placeNote(e.detail.x, e.detail.y)}
              @mark-activate=${(e: CustomEvent<{ id: string }>) => this.activate(e.detail.id)}
            ></rt-annotation-layer>
          </div>
        </div>
      </div>
      <p class="visually-hidden" role="status">${this.message}</p>
    `
  }
}

customElements.define('rt-pdf-viewer', PdfViewer)

declare global {
  interface HTMLElementTagNameMap {
    'rt-pdf-viewer': PdfViewer
  }
}
