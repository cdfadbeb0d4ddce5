/**
 * The browser half of bench/reader.ts (built with Vite, run in Chromium): the app's PDF viewer
 * (rt-pdf-viewer) on a given PDF — time to the first rendered page (canvas and text layer), against
 * plain pdf.js rendering the same page the same way in the same run; the cost of rendering every
 * thumbnail; and copy correctness: selections across lines on every page, copied with Ctrl+C
 * through the viewer's copy handler and through the browser's own copy, each compared with the
 * text the layer shows (span texts in order, a line break at each line end).
 */
import '../../client/src/components/pdf-viewer/pdf-viewer.ts'
import { loadPdfJs, type PdfViewer } from '../../client/src/components/pdf-viewer/pdf-viewer.ts'

interface Options {
  pdfUrl: string
  runs: number
}

const stage = document.getElementById('stage')!

function rendered(viewer: PdfViewer): Promise<number> {
  return new Promise((resolve) => viewer.addEventListener('page-rendered', () => resolve(performance.now()), { once: true }))
}

async function viewerFirstPage(bytes: Uint8Array): Promise<{ ms: number; viewer: PdfViewer }> {
  const viewer = document.createElement('rt-pdf-viewer')
  viewer.fileName = 'Bench.pdf'
  stage.replaceChildren(viewer)
  await viewer.updateComplete
  const started = performance.now()
  const done = rendered(viewer)
  viewer.data = bytes
  return { ms: (await done) - started, viewer }
}

/** Plain pdf.js: open, render page 1 at the viewer's scale, build its text layer. */
async function plainFirstPage(bytes: Uint8Array, scale: number): Promise<number> {
  const pdfjs = await loadPdfJs()
  const canvas = document.createElement('canvas')
  const text = document.createElement('div')
  text.style.position = 'relative'
  stage.replaceChildren(canvas, text)
  const started = performance.now()
  const task = pdfjs.getDocument({ data: bytes.slice() })
  const doc = await task.promise
  const page = await doc.getPage(1)
  const viewport = page.getViewport({ scale })
  canvas.width = Math.floor(viewport.width)
  canvas.height = Math.floor(viewport.height)
  const content = await page.getTextContent()
  const render = page.render({ canvas, viewport }).promise
  await Promise.all([render, new pdfjs.TextLayer({ textContentSource: content, container: text, viewport }).render()])
  const ms = performance.now() - started
  await task.destroy()
  return ms
}

/** Opens the thumbnail sidebar and scrolls through it until every page has its thumbnail. */
async function allThumbnails(viewer: PdfViewer, pages: number): Promise<{ wallMs: number; renderMs: number; rendered: number }> {
  const root = viewer.shadowRoot!
  const started = performance.now()
  root.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click()
  await viewer.updateComplete
  const list = root.querySelector<HTMLElement>('.thumbs')!
  while (viewer.thumbnailStats.rendered < pages) {
    list.scrollTop += list.clientHeight / 2
    await new Promise((r) => setTimeout(r, 16))
    if (performance.now() - started > 60_000) break
  }
  return { wallMs: performance.now() - started, renderMs: viewer.thumbnailStats.ms, rendered: viewer.thumbnailStats.rendered }
}

/** Deterministic pseudo-random numbers (the same selections in every run). */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

/** The text a selection from (a, i) to (b, j) covers as the layer shows it. */
function shownText(nodes: ChildNode[], a: number, i: number, b: number, j: number): string {
  let out = ''
  for (let k = a; k <= b; k++) {
    const n = nodes[k]
    if (n.nodeName === 'BR') out += '\n'
    else if (n.nodeName === 'SPAN') out += (n.textContent ?? '').slice(k === a ? i : 0, k === b ? j : undefined)
  }
  return out
}

/** Selections across line ends, the same in every run: where they are and what the layer shows there. */
function selectionsOf(viewer: PdfViewer, perPage: number, next: () => number): { expected: string; select: () => void }[] {
  const layer = viewer.shadowRoot!.querySelector('.textLayer')!
  const nodes = [...layer.childNodes]
  const spans = nodes.map((node, index) => ({ node, index })).filter((x) => x.node.nodeName === 'SPAN' && x.node.firstChild)
  if (spans.length < 2) return []
  const out: { expected: string; select: () => void }[] = []
  for (let s = 0; s < perPage; s++) {
    // from somewhere in one span to somewhere in a later one
    const from = Math.floor(next() * (spans.length - 1))
    const to = Math.min(spans.length - 1, from + 1 + Math.floor(next() * 12))
    const a = spans[from]
    const b = spans[to]
    const startText = a.node.firstChild as Text
    const endText = b.node.firstChild as Text
    const i = Math.floor(next() * startText.length)
    const j = 1 + Math.floor(next() * endText.length)
    out.push({ expected: shownText(nodes, a.index, i, b.index, j), select: () => document.getSelection()!.setBaseAndExtent(startText, i, endText, j) })
  }
  return out
}

let viewerForCopy: PdfViewer | undefined
let pendingSelections: { expected: string; select: () => void }[] = []
const rng = random(42)

/** Goes to page n and prepares its selections; returns how many. */
async function copyPage(n: number, perPage: number): Promise<number> {
  const viewer = viewerForCopy!
  if (viewer.page !== n) {
    const done = rendered(viewer)
    viewer.page = n
    await done
  }
  pendingSelections = selectionsOf(viewer, perPage, rng)
  return pendingSelections.length
}

/** Makes selection k of the page; returns the text the layer shows there. */
function selectCopy(k: number): string {
  pendingSelections[k].select()
  return pendingSelections[k].expected
}

/** With `on`, copy events never reach the viewer: the browser's own copy runs (for comparison). */
let blockViewer = false
window.addEventListener('copy', (e) => blockViewer && e.stopImmediatePropagation(), { capture: true })
function browserCopy(on: boolean): void {
  blockViewer = on
}

async function runReaderBench(o: Options) {
  const bytes = new Uint8Array(await (await fetch(o.pdfUrl)).arrayBuffer())
  const viewerRuns: number[] = []
  const plainRuns: number[] = []
  let viewer: PdfViewer | undefined
  let pages = 0
  // one unmeasured round of each warms up the worker and the fonts
  for (let r = 0; r <= o.runs; r++) {
    const v = await viewerFirstPage(bytes)
    const scale = v.viewer.zoom * (96 / 72)
    pages = v.viewer.pages
    viewer = v.viewer
    const plain = await plainFirstPage(bytes, scale)
    if (r > 0) {
      viewerRuns.push(v.ms)
      plainRuns.push(plain)
    }
  }
  // a fresh viewer for the thumbnails and the copies
  const fresh = await viewerFirstPage(bytes)
  viewer = fresh.viewer
  const thumbs = await allThumbnails(viewer, pages)
  viewerForCopy = viewer
  return { pages, bytes: bytes.byteLength, viewerRuns, plainRuns, thumbs, zoom: viewer.zoom }
}

Object.assign(window, { runReaderBench, copyPage, selectCopy, browserCopy })
