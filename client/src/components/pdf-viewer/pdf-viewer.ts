/**
 * In-app PDF viewer (pdf.js): one page at a time on a canvas with pdf.js' text layer on top, so
 * the page text can be selected and is read by screen readers. Page navigation and zoom by
 * toolbar and keyboard (PageUp/PageDown, +/-) inside the page area.
 * The bytes are handed in by the caller (blob cache or relay), never fetched here.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask, TextLayer } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { themeStyles } from '../../app/theme.styles.ts'
import { t } from '../../i18n/messages.ts'
import { pdfViewerStyles } from './pdf-viewer.styles.ts'

type PdfJs = typeof import('pdfjs-dist')
let pdfjsPromise: Promise<PdfJs> | undefined

/** Loads pdf.js on first use and points it at the bundled (precached) worker. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
    return pdfjs
  })
  return pdfjsPromise
}

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]

export class PdfViewer extends LitElement {
  static override styles = [themeStyles, pdfViewerStyles]
  static override properties = {
    data: { attribute: false },
    fileName: { type: String, attribute: 'file-name' },
    page: { state: true },
    pages: { state: true },
    zoom: { state: true },
    loading: { state: true },
    failed: { state: true },
  }

  declare data: Uint8Array | undefined
  declare fileName: string
  declare page: number
  declare pages: number
  declare zoom: number
  declare loading: boolean
  declare failed: boolean

  private pdf: PDFDocumentProxy | undefined
  private loadingTask: PDFDocumentLoadingTask | undefined
  private renderTask: RenderTask | undefined
  private textLayer: TextLayer | undefined
  private renderSeq = 0

  constructor() {
    super()
    this.fileName = ''
    this.page = 1
    this.pages = 0
    this.zoom = 1
    this.loading = false
    this.failed = false
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    void this.closeDocument()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('data')) void this.openDocument()
    else if ((changed.has('page') || changed.has('zoom')) && this.pdf) void this.renderPage()
  }

  private async openDocument(): Promise<void> {
    await this.closeDocument()
    if (!this.data) return
    this.loading = true
    this.failed = false
    try {
      const pdfjs = await loadPdfJs()
      // pdf.js transfers the buffer to its worker: hand it a copy so the caller's bytes stay usable
      this.loadingTask = pdfjs.getDocument({ data: this.data.slice() })
      this.pdf = await this.loadingTask.promise
      this.pages = this.pdf.numPages
      this.page = 1
      this.loading = false
      await this.updateComplete
      await this.renderPage()
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
    this.pages = 0
    if (task) await task.destroy().catch(() => undefined)
  }

  private async renderPage(): Promise<void> {
    const pdf = this.pdf
    const pageEl = this.renderRoot.querySelector<HTMLDivElement>('.page')
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas')
    const textEl = this.renderRoot.querySelector<HTMLDivElement>('.textLayer')
    if (!pdf || !pageEl || !canvas || !textEl) return
    const seq = ++this.renderSeq
    this.renderTask?.cancel()
    this.textLayer?.cancel()
    try {
      const pdfjs = await loadPdfJs()
      const page = await pdf.getPage(this.page)
      if (seq !== this.renderSeq) return
      const viewport = page.getViewport({ scale: this.zoom * (96 / 72) })
      const ratio = window.devicePixelRatio || 1
      canvas.width = Math.floor(viewport.width * ratio)
      canvas.height = Math.floor(viewport.height * ratio)
      canvas.style.width = `${Math.floor(viewport.width)}px`
      canvas.style.height = `${Math.floor(viewport.height)}px`
      pageEl.style.width = `${Math.floor(viewport.width)}px`
      pageEl.style.height = `${Math.floor(viewport.height)}px`
      pageEl.style.setProperty('--total-scale-factor', String(viewport.scale))
      this.renderTask = page.render({
        canvas,
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      })
      textEl.replaceChildren()
      this.textLayer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textEl, viewport })
      await Promise.all([this.renderTask.promise, this.textLayer.render()])
    } catch (e) {
      if (e instanceof Error && e.name === 'RenderingCancelledException') return
      if (seq === this.renderSeq) console.warn('pdf: page render failed', e)
    }
  }

  private go(page: number): void {
    if (!this.pages) return
    this.page = Math.min(Math.max(1, page), this.pages)
  }

  private zoomBy(direction: 1 | -1): void {
    const idx = ZOOM_STEPS.findIndex((z) => z >= this.zoom)
    const next = ZOOM_STEPS[Math.min(Math.max(0, (idx < 0 ? ZOOM_STEPS.length - 1 : idx) + direction), ZOOM_STEPS.length - 1)]
    this.zoom = next
  }

  private onStageKey(e: KeyboardEvent): void {
    const keys: Record<string, () => void> = {
      PageDown: () => this.go(this.page + 1),
      PageUp: () => this.go(this.page - 1),
      '+': () => this.zoomBy(1),
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

  override render() {
    const percent = Math.round(this.zoom * 100)
    return html`
      <div class="toolbar" role="toolbar" aria-label=${t('pdf.region', { name: this.fileName })}>
        <span class="group">
          <button type="button" @click=${() => this.go(this.page - 1)} ?disabled=${this.page <= 1 || !this.pages}>
            <span aria-hidden="true">‹</span><span class="visually-hidden">${t('pdf.prev')}</span>
          </button>
          <label for="page">${t('pdf.pageInput')}</label>
          <input
            id="page"
            type="number"
            inputmode="numeric"
            min="1"
            max=${this.pages || 1}
            .value=${String(this.page)}
            @change=${this.onPageInput}
            ?disabled=${!this.pages}
          />
          <span>${t('pdf.pageOf', { pages: this.pages || '–' })}</span>
          <button type="button" @click=${() => this.go(this.page + 1)} ?disabled=${this.page >= this.pages}>
            <span aria-hidden="true">›</span><span class="visually-hidden">${t('pdf.next')}</span>
          </button>
        </span>
        <span class="group">
          <button type="button" @click=${() => this.zoomBy(-1)} ?disabled=${this.zoom <= ZOOM_STEPS[0]}>
            <span aria-hidden="true">−</span><span class="visually-hidden">${t('pdf.zoomOut')}</span>
          </button>
          <span>${t('pdf.zoom', { percent })}</span>
          <button type="button" @click=${() => this.zoomBy(1)} ?disabled=${this.zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]}>
            <span aria-hidden="true">+</span><span class="visually-hidden">${t('pdf.zoomIn')}</span>
          </button>
        </span>
        <span class="visually-hidden" aria-live="polite">${this.pages ? t('pdf.pageStatus', { page: this.page, pages: this.pages }) : nothing}</span>
      </div>
      <div
        class="stage"
        tabindex="0"
        role="region"
        aria-label=${this.pages ? t('pdf.pageStatus', { page: this.page, pages: this.pages }) : t('pdf.region', { name: this.fileName })}
        @keydown=${this.onStageKey}
      >
        ${this.loading ? html`<p class="message" role="status">${t('pdf.loading')}</p>` : nothing}
        ${this.failed ? html`<p class="message" role="alert">${t('pdf.error')}</p>` : nothing}
        <div class="page" ?hidden=${!this.pages} data-page=${this.page}>
          <canvas aria-hidden="true"></canvas>
          <div class="textLayer" lang="de" aria-label=${t('pdf.pageText', { page: this.page })} role="document"></div>
        </div>
      </div>
    `
  }
}

customElements.define('rt-pdf-viewer', PdfViewer)

declare global {
  interface HTMLElementTagNameMap {
    'rt-pdf-viewer': PdfViewer
  }
}
