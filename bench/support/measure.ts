/** Timing helpers shared by the benchmark scripts. */
import { PDFDocument } from 'pdf-lib'

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns each run's milliseconds. */
export async function timed(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    out.push(performance.now() - started)
  }
  return out
}

/** The PDF baseline: pdf-lib saving a document of `pages` empty pages. */
export async function blankPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++) doc.addPage()
  return doc.save()
}

/**
 * Counts long tasks from page start into `window.__longTasks` (pass to `addInitScript`, so it
 * runs before any page script).
 */
export const LONG_TASK_OBSERVER = () => {
  const w = window as unknown as { __longTasks: number[] }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration)
  }).observe({ type: 'longtask', buffered: true })
}
