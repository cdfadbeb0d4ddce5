/**
 * Offline sync: wall time and bytes of the app's "Offline verfügbar machen" for the largest demo
 * meeting of member-a (one click in the meeting list until the meeting shows "offline verfügbar"),
 * in Debian's Chromium against a real relay with the demo town. Baseline in the same run: a plain
 * HTTP download of the same files (the same URLs, `fetch` in the page, all at once, bodies read).
 * Each app run starts on a fresh device (browser context): nothing of the meeting is cached.
 * Runs alternate baseline and app so both see the same server warmth. Two network profiles: the
 * loopback, and a mobile connection emulated by DevTools (what a member on the road has).
 *
 *   npm run bench:offline-sync -- [runs=3]
 */
import { type BrowserContext, type CDPSession, type Page } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { percentile, ROOT } from './support/processes.ts'
import { startRelay } from './support/relay-process.ts'
import { launchChromium } from './support/browser.ts'

const RUNS = Number(process.argv[2] ?? 3)
const PORT = 18440
const ORIGIN = `http://127.0.0.1:${PORT}`
const PIN = '246810'
const clientDir = process.env.CLIENT_DIR ?? path.join(ROOT, 'dist/client')
if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
  console.error('build the app first: npm run build')
  process.exit(1)
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-offlinebench-'))
const relay = await startRelay({ port: PORT, dataDir, demo: true })

const browser = await launchChromium()

/** A fresh device: signed in as member-a, app lock set, meeting list shown. */
async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  // tsx (esbuild keepNames) wraps named functions in __name(); evaluated code runs without it
  await context.addInitScript({ content: 'window.__name = (fn) => fn' })
  const page = await context.newPage()
  await page.goto(`${ORIGIN}/app/`)
  await page.getByLabel('Benutzername').fill('member-a')
  await page.getByLabel('Passwort').fill('ratstisch-demo')
  await page.getByRole('button', { name: 'Anmelden' }).click()
  const setup = page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })
  const list = page.getByRole('heading', { level: 1, name: 'Sitzungen' })
  await setup.or(list).waitFor({ timeout: 60_000 })
  if (await setup.isVisible()) {
    await page.getByLabel('Neue PIN').fill(PIN)
    await page.getByLabel('PIN wiederholen').fill(PIN)
    await page.getByRole('button', { name: 'PIN festlegen' }).click()
  }
  await list.waitFor({ timeout: 60_000 })
  // the first sync cycle (manifest) has filled the list
  await page.locator('rt-meetings-view a.name').first().waitFor({ timeout: 60_000 })
  return { context, page }
}

interface SessionHandle {
  pinner: {
    collect(id: string): Promise<{ files: Map<string, { ref: { size: number } }> }>
    get(id: string): Promise<{ files: string[]; bytes: number; documentBytes?: number; missing?: number } | undefined>
  }
  catalogue: { meetings(): Promise<Array<{ meeting?: string; meta?: { name: string; organizationId: string } }>> }
  me: { memberships: Array<{ organizationId: string; organizationType: string }> }
}

/** Bytes received over HTTP and the sync WebSocket while `fn` runs (DevTools network events). */
async function counted(cdp: CDPSession, fn: () => Promise<void>): Promise<{ http: number; ws: number }> {
  const totals = { http: 0, ws: 0 }
  const onData = (e: { encodedDataLength: number }) => (totals.http += e.encodedDataLength)
  const onFrame = (e: { response: { opcode: number; payloadData: string } }) =>
    (totals.ws += e.response.opcode === 2 ? Math.floor((e.response.payloadData.length * 3) / 4) : e.response.payloadData.length)
  cdp.on('Network.dataReceived', onData)
  cdp.on('Network.webSocketFrameReceived', onFrame)
  try {
    await fn()
  } finally {
    cdp.off('Network.dataReceived', onData)
    cdp.off('Network.webSocketFrameReceived', onFrame)
  }
  return totals
}

interface Profile {
  name: string
  /** DevTools network emulation; undefined = the loopback as it is */
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number }
}

/** The loopback, and a member on a mobile connection (emulated by DevTools). */
const PROFILES: Profile[] = [
  { name: 'loopback (relay on this machine)' },
  { name: 'mobile (DevTools emulation: 20 Mbit/s down, 5 Mbit/s up, 60 ms latency)', network: { latency: 60, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 } },
]

interface Largest {
  meetingId: string
  name: string
  files: number
  bytes: number
  shas: string[]
}

async function measure(profile: Profile, largest: Largest) {
  const appMs: number[] = []
  const baseMs: number[] = []
  const firstFileMs: number[] = []
  const lastFileMs: number[] = []
  const endedMs: number[] = []
  let appBytes = { http: 0, ws: 0 }
  let baseBytes = { http: 0, ws: 0 }
  const network = async (cdp: CDPSession) => {
    await cdp.send('Network.enable')
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network })
  }
  for (let run = 0; run < RUNS; run++) {
    // baseline: a plain download of the same files, in a page of the same origin
    {
      const { context, page } = await device()
      const cdp = await context.newCDPSession(page)
      await network(cdp)
      let ms = 0
      baseBytes = await counted(cdp, async () => {
        ms = await page.evaluate(async (shas) => {
          const started = performance.now()
          await Promise.all(
            shas.map(async (sha) => {
              const res = await fetch(`/api/files/${sha}`, { credentials: 'same-origin', cache: 'no-store' })
              if (!res.ok) throw new Error(`${sha}: ${res.status}`)
              await res.arrayBuffer()
            }),
          )
          return performance.now() - started
        }, largest.shas)
      })
      baseMs.push(ms)
      await context.close()
    }
    // the app: one click in the meeting list until the meeting shows "offline verfügbar"
    {
      const { context, page } = await device()
      const cdp = await context.newCDPSession(page)
      await network(cdp)
      const entry = page.locator('rt-meetings-view li', { has: page.getByRole('link', { name: largest.name, exact: true }) }).first()
      const button = entry.getByRole('button', { name: /^Offline verfügbar machen/ })
      await button.waitFor()
      // phases: when the first document named its files, when the last file was stored, when the pin was recorded
      await page.evaluate((id) => {
        type Activity = { meetingId: string; busy: boolean; progress: { files: number; totalFiles: number } }
        const w = window as unknown as { __firstFile?: number; __lastFile?: number; __ended?: number }
        const session = (document.querySelector('rt-app-shell') as unknown as { session: { pinner: { on(e: string, f: (a: Activity) => void): void } } }).session
        session.pinner.on('progress', (a) => {
          if (a.meetingId !== id) return
          if (a.progress.totalFiles > 0) w.__firstFile ??= performance.now()
          if (a.progress.files === a.progress.totalFiles && a.progress.totalFiles > 0) w.__lastFile ??= performance.now()
          if (!a.busy) w.__ended = performance.now()
        })
      }, largest.meetingId)
      // timed in the page: the click, until the list shows the meeting's "offline verfügbar" badge
      let ms = 0
      let clickedAt = 0
      appBytes = await counted(cdp, async () => {
        const timing = await page.evaluate(async (name) => {
          const entryOf = () => {
            const view = document.querySelector('rt-app-shell')!.shadowRoot!.querySelector('rt-meetings-view')!
            return [...view.shadowRoot!.querySelectorAll('li')].find((li) => li.querySelector('a.name')?.textContent?.trim() === name)
          }
          const button = entryOf()!.querySelector('rt-pin-control')!.shadowRoot!.querySelector('button')!
          const started = performance.now()
          button.click()
          await new Promise<void>((resolve) => {
            const tick = () => (entryOf()?.querySelector('.badge') ? resolve() : requestAnimationFrame(tick))
            tick()
          })
          return { started, ms: performance.now() - started }
        }, largest.name)
        clickedAt = timing.started
        ms = timing.ms
      })
      await entry.getByText('offline verfügbar', { exact: true }).waitFor()
      const marks = await page.evaluate(() => {
        const w = window as unknown as { __firstFile?: number; __lastFile?: number; __ended?: number }
        return { first: w.__firstFile ?? NaN, last: w.__lastFile ?? NaN, ended: w.__ended ?? NaN }
      })
      firstFileMs.push(marks.first - clickedAt)
      lastFileMs.push(marks.last - clickedAt)
      endedMs.push(marks.ended - clickedAt)
      const pin = await page.evaluate(
        (id) => (document.querySelector('rt-app-shell') as unknown as { session: SessionHandle }).session.pinner.get(id),
        largest.meetingId,
      )
      if (!pin || pin.missing || pin.files.length !== largest.files) throw new Error(`incomplete pin: ${JSON.stringify({ files: pin?.files.length, missing: pin?.missing })}`)
      appMs.push(ms)
      await context.close()
    }
  }
  return { appMs, baseMs, firstFileMs, lastFileMs, endedMs, appBytes, baseBytes }
}

try {
  // --- the largest meeting member-a can pin (bytes of every file version it needs) ---
  const probe = await device()
  const largest = await probe.page.evaluate(async () => {
    const session = (document.querySelector('rt-app-shell') as unknown as { session: SessionHandle }).session
    const bodies = new Set(session.me.memberships.filter((m) => m.organizationType === 'Gremium').map((m) => m.organizationId))
    let best: Largest = { meetingId: '', name: '', files: 0, bytes: 0, shas: [] }
    for (const row of await session.catalogue.meetings()) {
      if (!row.meeting || !row.meta || !bodies.has(row.meta.organizationId)) continue
      const set = await session.pinner.collect(row.meeting)
      const bytes = [...set.files.values()].reduce((s, f) => s + (f.ref.size || 0), 0)
      if (bytes > best.bytes) best = { meetingId: row.meeting, name: row.meta.name, files: set.files.size, bytes, shas: [...set.files.keys()] }
    }
    return best
  })
  await probe.context.close()
  console.log(`largest meeting of member-a: ${largest.name} (${largest.files} files, ${(largest.bytes / 1e6).toFixed(2)} MB of files)`)

  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`
  console.log(`offline sync of the largest demo meeting (member-a, ${RUNS} runs each, Chromium headless, fresh device per run)`)
  for (const profile of PROFILES) {
    const r = await measure(profile, largest)
    const base = percentile(r.baseMs, 50)
    const app = percentile(r.appMs, 50)
    console.log(`\n${profile.name}`)
    console.log(`  baseline: plain fetch of the same ${largest.files} files   p50 ${base.toFixed(0)} ms, max ${Math.max(...r.baseMs).toFixed(0)} ms, ${mb(r.baseBytes.http)} over HTTP`)
    console.log(
      `  app "Offline verfügbar machen"               p50 ${app.toFixed(0)} ms, max ${Math.max(...r.appMs).toFixed(0)} ms, ${mb(r.appBytes.http)} over HTTP + ${mb(r.appBytes.ws)} sync (documents)`,
    )
    console.log(
      `    phases (p50 from the click): first files named ${percentile(r.firstFileMs, 50).toFixed(0)} ms, all files stored ${percentile(r.lastFileMs, 50).toFixed(0)} ms, pin recorded ${percentile(r.endedMs, 50).toFixed(0)} ms`,
    )
    console.log(`  ratio app / plain download: time ${(app / base).toFixed(2)}× (goal ≤ 1.3), bytes ${((r.appBytes.http + r.appBytes.ws) / r.baseBytes.http).toFixed(2)}×`)
  }
} finally {
  await browser.close()
  relay.child.kill('SIGTERM')
}
process.exit(0)
