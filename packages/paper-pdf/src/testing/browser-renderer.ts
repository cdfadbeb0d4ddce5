/**
 * The paper renderer running in Chromium, built the way the app builds it (Vite, fonts as hashed
 * assets fetched by fonts-browser.ts), for the browser-vs-Node identity test and the benchmark.
 * No app and no relay: a temporary Vite build served by a tiny static server on 127.0.0.1.
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { PaperPdfInput } from '../paper-pdf-input.ts'
import type { BrowserPaperPdfApi } from './browser-entry.ts'

const SRC = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

export interface BrowserRenderer {
  /** renders in the page and returns the PDF bytes */
  render(input: PaperPdfInput): Promise<Uint8Array>
  /** renders `runs` times in the page (after `warmup` runs) and returns each duration in ms */
  time(input: PaperPdfInput, runs: number, warmup: number): Promise<number[]>
  /** evaluates a page-side benchmark of pdf-lib writing blank pages, for a baseline */
  timeBlankPages(pages: number, runs: number, warmup: number): Promise<number[]>
  close(): Promise<void>
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.ttf': 'font/ttf', '.map': 'application/json' }

export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return fs.existsSync(candidate) ? candidate : undefined
}

export async function startBrowserRenderer(): Promise<BrowserRenderer> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-paper-pdf-'))
  const rel = (file: string) => './' + path.relative(dir, path.join(SRC, file)).split(path.sep).join('/')
  const entry = './' + path.relative(dir, path.join(SRC, 'testing', 'browser-entry.ts')).split(path.sep).join('/')
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="de"><meta charset="utf-8"><title>paper-pdf</title><script type="module" src="${entry}"></script></html>`)
  await build({
    configFile: false,
    root: dir,
    base: './',
    logLevel: 'silent',
    build: { outDir: path.join(dir, 'dist'), emptyOutDir: true, target: 'esnext', reportCompressedSize: false },
  })
  const dist = path.join(dir, 'dist')
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)))
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  let browser: Browser | undefined
  let page: Page
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
    page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => document.title === 'ready')
  } catch (error) {
    await browser?.close()
    server.close()
    fs.rmSync(dir, { recursive: true, force: true })
    throw error
  }
  type PageApi = BrowserPaperPdfApi
  return {
    async render(input) {
      const base64 = await page.evaluate((input) => (window as unknown as { paperPdf: PageApi }).paperPdf.render(input), input)
      return new Uint8Array(Buffer.from(base64, 'base64'))
    },
    time: (input, runs, warmup) => page.evaluate(([input, runs, warmup]) => (window as unknown as { paperPdf: PageApi }).paperPdf.time(input, runs, warmup), [input, runs, warmup] as const),
    timeBlankPages: (pages, runs, warmup) => page.evaluate(([pages, runs, warmup]) => (window as unknown as { paperPdf: PageApi }).paperPdf.timeBlankPages(pages, runs, warmup), [pages, runs, warmup] as const),
    async close() {
      await browser?.close()
      await new Promise((resolve) => server.close(resolve))
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
