/**
 * App start: time from page.goto('/app/') to an interactive meeting list (first meeting link
 * visible and enabled) in Debian's Chromium, online and offline (service worker + IndexedDB only).
 * Every start shows the app lock first: the figures include unlocking with the PIN (typed by the
 * script, so without a person's typing time), and the time to the lock screen and the unlock
 * itself are shown separately.
 * Baseline in the same run: the relay's server-rendered portal page (goto to its heading visible).
 *
 *   npm run bench:app -- [runs=5]
 */
import { signInApp, unlockApp } from './support/app-lock.ts'
import { startRelay } from './support/relay-process.ts'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { percentile, ROOT } from './support/processes.ts'
import { launchChromium } from './support/browser.ts'

const RUNS = Number(process.argv[2] ?? 5)
const PORT = 18300
const ORIGIN = `http://127.0.0.1:${PORT}`
if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
  console.error('build the app first: npm run build')
  process.exit(1)
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-appbench-'))
const relay = await startRelay({ port: PORT, dataDir, demo: true })

const browser = await launchChromium()
try {
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  const page = await context.newPage()
  await signInApp(page, ORIGIN, 'member-a', 'ratstisch-demo')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  await page.close()

  const toLock: number[] = []
  const unlocks: number[] = []
  async function timeList(): Promise<number> {
    const p = await context.newPage()
    const started = performance.now()
    await p.goto(`${ORIGIN}/app/`)
    await p.getByRole('heading', { level: 1, name: 'Ratstisch ist gesperrt' }).waitFor({ timeout: 30_000 })
    toLock.push(performance.now() - started)
    unlocks.push(await unlockApp(p))
    const first = p.locator('rt-meetings-view a.name').first()
    await first.waitFor({ state: 'visible', timeout: 30_000 })
    await first.isEnabled()
    const ms = performance.now() - started
    await p.close()
    return ms
  }
  async function timePortal(): Promise<number> {
    const p = await context.newPage()
    const started = performance.now()
    await p.goto(`${ORIGIN}/`)
    await p.getByRole('heading', { level: 1 }).waitFor()
    const ms = performance.now() - started
    await p.close()
    return ms
  }

  const portal: number[] = []
  const online: number[] = []
  const offline: number[] = []
  for (let i = 0; i < RUNS; i++) portal.push(await timePortal())
  for (let i = 0; i < RUNS; i++) online.push(await timeList())
  await context.setOffline(true)
  for (let i = 0; i < RUNS; i++) offline.push(await timeList())
  const fmt = (v: number[]) => `p50 ${percentile(v, 50).toFixed(0)} ms, max ${Math.max(...v).toFixed(0)} ms`
  const base = percentile(portal, 50)
  console.log(`app start to interactive meeting list (member-a, ${RUNS} runs each, Chromium headless)`)
  console.log(`baseline: server-rendered portal page   ${fmt(portal)}`)
  console.log(`app online                              ${fmt(online)}  (${(percentile(online, 50) / base).toFixed(1)}× portal)`)
  console.log(`app offline (service worker + IndexedDB) ${fmt(offline)}  (${(percentile(offline, 50) / base).toFixed(1)}× portal)`)
  console.log(`  of which: to the lock screen ${fmt(toLock)}; unlock (PIN key, session open) ${fmt(unlocks)}`)
} finally {
  await browser.close()
  relay.child.kill('SIGTERM')
}
process.exit(0)
