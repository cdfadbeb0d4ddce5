/**
 * Staff paper lists at scale (Amtsinfo with 5,000+ papers) in Debian's Chromium:
 * - relay: GET /api/papers for the clerk (all rows), a department author, and the 304 revalidation;
 * - app: time from page.goto to the first row of "Alle Vorlagen" (first visit: network; later
 *   visits: IndexedDB copy + 304; offline: service worker + IndexedDB), a filter keystroke, and long
 *   tasks (> 50 ms, PerformanceObserver 'longtask') while scrolling through the whole list;
 * - baselines in the same run: the same rows rendered non-virtualised by a plain page (fetch +
 *   DOM, no framework) on the same origin, and the app's own start to its meeting list.
 *   Every app page load passes the app lock (PIN typed by the script, unlock included in the time).
 *
 * Data: seeding the demo town at --scale 17 would take minutes (it creates every paper as an
 * Automerge document), so by default the script fills the `papers` read model and the access
 * registry of a fresh data directory directly (no documents behind the rows; the lists never open
 * them). Pass a seeded directory to measure that instead:
 *
 *   npm run bench:paper-lists -- [papers=6000] [runs=3]
 *   npm run bench:paper-lists -- --data-dir ./data-scale17 [runs=3]   (signs in as demo "clerk")
 */
import { type Page } from '@playwright/test'
import { signInApp, unlockApp } from './support/app-lock.ts'
import { startRelay } from './support/relay-process.ts'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultAccess, type PaperListEntry } from '@ratstisch/domain'
import { AccessRegistry } from '../sync-server/src/access/access-registry.ts'
import { UserStore } from '../sync-server/src/auth/user-store.ts'
import { openDatabase } from '../sync-server/src/db/database.ts'
import { LONG_TASK_OBSERVER } from './support/measure.ts'
import { percentile, ROOT } from './support/processes.ts'
import { launchChromium } from './support/browser.ts'

const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' } }, allowPositionals: true })
const seededDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined
const PAPERS = seededDir ? 0 : Number(positionals[0] ?? 6000)
const RUNS = Number(positionals[seededDir ? 0 : 1] ?? 3)
const PORT = 18310
const ORIGIN = `http://127.0.0.1:${PORT}`
const PASSWORD = 'ratstisch-demo'

if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
  console.error('build the app first: npm run build')
  process.exit(1)
}

// --- data ---

const DEPARTMENTS = [
  ['dept-bau', 'Amt für Stadtentwicklung und Bauen', 'Bauamt'],
  ['dept-finanzen', 'Amt für Finanzen', 'Kämmerei'],
  ['dept-bks', 'Amt für Bildung, Kultur und Soziales', 'Sozialamt'],
  ['dept-ordnung', 'Amt für Ordnung und Umwelt', 'Ordnungsamt'],
  ['dept-haupt', 'Hauptamt', 'Hauptamt'],
  ['dept-buergermeister', 'Büro des Bürgermeisters', 'Bürgermeisterbüro'],
  ['dept-wirtschaft', 'Stabsstelle Wirtschaftsförderung', 'Wirtschaftsförderung'],
  ['dept-rpa', 'Rechnungsprüfungsamt', 'RPA'],
] as const
const STATES: Array<[string, number]> = [
  ['draft', 10],
  ['cosigning', 8],
  ['approval', 5],
  ['released', 5],
  ['consultation', 20],
  ['done', 47],
  ['withdrawn', 5],
]
const TYPES: Array<[string, string, number]> = [
  ['Beschlussvorlage', 'BV', 50],
  ['Informationsvorlage', 'IV', 20],
  ['Antrag', 'AN', 15],
  ['Anfrage', 'AF', 10],
  ['Mitteilung', 'MI', 5],
]
const SUBJECTS = ['Sanierung', 'Neubau', 'Satzung über', 'Haushaltsplan', 'Bebauungsplan', 'Zuschuss für', 'Bericht zu', 'Vergabe', 'Erweiterung', 'Förderantrag']
const OBJECTS = ['Grundschule Mühlbach', 'Feuerwehrhaus Nord', 'Kita Sonnenblume', 'Straßenbeleuchtung', 'Radweg Lindenallee', 'Sporthalle West', 'Friedhofsgebühren', 'Marktplatz', 'Stadtbücherei', 'Kläranlage']

function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function fillDataDir(dataDir: string, count: number): Promise<void> {
  const db = openDatabase(dataDir)
  const users = new UserStore(db)
  const insertDept = db.prepare('INSERT INTO departments (id, name, short_name) VALUES (?, ?, ?)')
  for (const d of DEPARTMENTS) insertDept.run(...d)
  await users.create({ id: 'user-clerk', username: 'clerk', name: 'Sabine Krüger', password: PASSWORD, roles: ['clerk'], departmentId: 'dept-haupt' })
  await users.create({ id: 'user-author', username: 'author', name: 'Martin Vogel', password: PASSWORD, roles: ['author'], departmentId: 'dept-bau' })
  const registry = new AccessRegistry(db, users)
  const rnd = mulberry32(42)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]
  const weighted = <T extends [string, ...unknown[]]>(xs: readonly T[]): T => {
    const total = xs.reduce((s, x) => s + (x[x.length - 1] as number), 0)
    let r = rnd() * total
    for (const x of xs) if ((r -= x[x.length - 1] as number) < 0) return x
    return xs[0]
  }
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  const insert = db.prepare(
    `INSERT INTO papers (id, doc_id, reference, name, paper_type, department_id, department, state, date, public, created_by, updated_at,
                         cosigning, cosigning_since, cosigning_due, next_organization_id, next_role)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  )
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const [deptId, deptName] = pick(DEPARTMENTS)
      const [state] = weighted(STATES)
      const [type, prefix] = weighted(TYPES)
      const inAdministration = state === 'draft' || state === 'cosigning' || state === 'approval'
      const cosigning: Record<string, string> = {}
      let due: string | null = null
      if (state === 'cosigning') {
        for (const [other] of DEPARTMENTS) if (other !== deptId && rnd() < 0.25) cosigning[other] = rnd() < 0.6 ? 'pending' : 'signed'
        if (!Object.values(cosigning).includes('pending')) cosigning['dept-finanzen'] = 'pending'
        due = day(Math.round(rnd() * 40 - 20))
      }
      const documentId = `bench${String(i).padStart(8, '0')}`
      const audience = inAdministration
        ? defaultAccess('paper', { draft: true, departmentIds: [deptId], readerDepartmentIds: Object.keys(cosigning) })
        : defaultAccess('paper', { public: rnd() < 0.8, organizationIds: ['org-rat'], departmentIds: [deptId] })
      registry.register({ documentId, type: 'paper', meetingId: null, ownerId: null, ...audience })
      insert.run(
        `paper-${i}`,
        documentId,
        inAdministration ? '' : `${prefix} ${1 + (i % 400)}/${2022 + (i % 5)}`,
        `${pick(SUBJECTS)} ${pick(OBJECTS)} (${i})`,
        type,
        deptId,
        deptName,
        state,
        day(-Math.round(rnd() * 1500)),
        inAdministration ? 0 : 1,
        rnd() < 0.3 ? 'user-author' : 'user-other',
        new Date(Date.now() - i * 60_000).toISOString(),
        JSON.stringify(cosigning),
        due ? day(-30) : null,
        due,
      )
    }
  })()
  db.close()
}

// --- relay ---

const loadAtStart = os.loadavg()[0].toFixed(1)
const dataDir = seededDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-paperbench-'))
if (!seededDir) {
  const started = performance.now()
  await fillDataDir(dataDir, PAPERS)
  console.log(`filled ${PAPERS} paper rows + registry entries in ${((performance.now() - started) / 1000).toFixed(1)} s (${dataDir})`)
}
const relay = await startRelay({ port: PORT, dataDir, demo: !!seededDir })

const fmt = (v: number[]) => `p50 ${percentile(v, 50).toFixed(0)} ms, max ${Math.max(...v).toFixed(0)} ms`
const ratio = (a: number[], b: number[]) => `${(percentile(a, 50) / percentile(b, 50)).toFixed(2)}×`

const cookieOf = (username: string) => relay.cookieOf(username, PASSWORD)

async function timeGet(cookie: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number; bytes: number; rows: number; etag: string }> {
  const started = performance.now()
  const res = await fetch(`${ORIGIN}/api/papers`, { headers: { cookie, ...headers } })
  const text = await res.text()
  const ms = performance.now() - started
  return { ms, status: res.status, bytes: Number(res.headers.get('content-length') ?? text.length), rows: res.status === 200 ? (JSON.parse(text) as { papers: unknown[] }).papers.length : 0, etag: res.headers.get('etag') ?? '' }
}

/** GET /api/papers with gzip, counting the bytes on the wire (fetch would hide them by decompressing). */
function timeGzip(cookie: string): Promise<{ ms: number; wireBytes: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    http
      .get(`${ORIGIN}/api/papers`, { headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
        let wireBytes = 0
        res.on('data', (chunk: Buffer) => (wireBytes += chunk.length))
        res.on('end', () => resolve({ ms: performance.now() - started, wireBytes }))
      })
      .on('error', reject)
  })
}

async function timeHealth(): Promise<number> {
  const started = performance.now()
  await (await fetch(`${ORIGIN}/health`)).text()
  return performance.now() - started
}

const clerkCookie = await cookieOf('clerk')
const authorCookie = await cookieOf('author')
const first = await timeGet(clerkCookie, { 'accept-encoding': 'identity' })
if (first.rows < 5000) console.warn(`warning: the clerk's list has only ${first.rows} papers (< 5,000)`)
const server = { health: [] as number[], clerk: [] as number[], gzip: [] as number[], author: [] as number[], notModified: [] as number[] }
let gzipBytes = 0
let authorRows = 0
for (let i = 0; i < Math.max(5, RUNS * 3); i++) {
  server.health.push(await timeHealth())
  server.clerk.push((await timeGet(clerkCookie, { 'accept-encoding': 'identity' })).ms)
  const gz = await timeGzip(clerkCookie)
  gzipBytes = gz.wireBytes
  server.gzip.push(gz.ms)
  const author = await timeGet(authorCookie, { 'accept-encoding': 'identity' })
  server.author.push(author.ms)
  authorRows = author.rows
  const nm = await timeGet(clerkCookie, { 'if-none-match': first.etag })
  if (nm.status !== 304) throw new Error(`expected 304, got ${nm.status}`)
  server.notModified.push(nm.ms)
}

// --- browser ---

/** A plain page on the relay's origin that renders every row into the DOM (no framework, no virtualisation). */
const PLAIN_PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>plain list</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}#vp{height:70vh;overflow-y:auto;border:1px solid #ccc}
ul{list-style:none;margin:0;padding:0}li{border-bottom:1px solid #ddd;padding:.45rem .9rem;border-left:5px solid #0b4f8a}
li a{display:flex;gap:.75rem;font-weight:700;white-space:nowrap;overflow:hidden}li div{display:flex;gap:1rem;color:#4a5560;font-size:.9rem;white-space:nowrap;overflow:hidden}</style>
</head><body><h1>Alle Vorlagen</h1><div id="vp"><ul id="list" aria-label="Vorlagen"></ul></div>
<script>
fetch('/api/papers', { credentials: 'same-origin' }).then((r) => r.json()).then(({ papers }) => {
  const list = document.getElementById('list')
  const frag = document.createDocumentFragment()
  for (const p of papers) {
    const li = document.createElement('li')
    const a = document.createElement('a')
    a.href = '/app/papers/' + encodeURIComponent(p.id)
    const ref = document.createElement('span'); ref.textContent = p.reference || 'ohne Nummer'
    const name = document.createElement('span'); name.textContent = p.name
    a.append(ref, name)
    const meta = document.createElement('div')
    for (const text of [p.state, p.paperType, p.department, p.date]) { const s = document.createElement('span'); s.textContent = text; meta.append(s) }
    li.append(a, meta)
    frag.append(li)
  }
  list.append(frag)
})
</script></body></html>`

interface ScrollResult {
  longTasks: number
  longestTask: number
  frames: number
  p95Frame: number
  seconds: number
}

/**
 * Scrolls a list's scroll box from top to bottom, one step per animation frame, and reports the
 * long tasks and frame intervals on the way. `find` locates the scroll box (through shadow roots).
 */
async function scrollThrough(page: Page, find: string): Promise<ScrollResult> {
  return page.evaluate(async (findSource) => {
    const box = new Function(`return (${findSource})()`)() as HTMLElement
    const w = window as unknown as { __longTasks: number[] }
    const before = w.__longTasks.length
    const frames: number[] = []
    const step = Math.round(box.clientHeight * 1.5)
    const started = performance.now()
    let last = started
    box.scrollTop = 0
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames.push(now - last)
        last = now
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) return resolve()
        box.scrollTop += step
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    // long tasks are reported asynchronously: give the observer a moment
    await new Promise((r) => setTimeout(r, 300))
    const tasks = w.__longTasks.slice(before)
    const sorted = [...frames].sort((a, b) => a - b)
    return {
      longTasks: tasks.length,
      longestTask: tasks.length ? Math.max(...tasks) : 0,
      frames: frames.length,
      p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      seconds: (performance.now() - started) / 1000,
    }
  }, find)
}

const APP_VIEWPORT = `() => document.querySelector('rt-app-shell').shadowRoot.querySelector('rt-paper-lists-view').shadowRoot.querySelector('.rt-vl-viewport')`
const PLAIN_VIEWPORT = `() => document.getElementById('vp')`

const browser = await launchChromium()
try {
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } })
  // tsx (esbuild keepNames) wraps named functions in __name(); evaluated code runs without it
  await context.addInitScript({ content: 'window.__name = (fn) => fn' })
  await context.addInitScript(LONG_TASK_OBSERVER)
  await context.route(`${ORIGIN}/bench/plain-list`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PLAIN_PAGE }))
  const login = await context.newPage()
  await signInApp(login, ORIGIN, 'clerk', PASSWORD)
  await login.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await login.waitForFunction(() => navigator.serviceWorker.controller !== null)
  await login.close()

  const firstRow = (p: Page) => p.locator('rt-paper-lists-view .rt-vl-viewport li[aria-posinset="1"] a')

  async function openAppList(): Promise<{ ms: number; page: Page }> {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(`${ORIGIN}/app/papers?view=all`)
    await unlockApp(page)
    await firstRow(page).waitFor({ state: 'visible', timeout: 60_000 })
    return { ms: performance.now() - started, page }
  }
  async function openPlainList(): Promise<{ ms: number; page: Page }> {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(`${ORIGIN}/bench/plain-list`)
    await page.locator('#list li a').first().waitFor({ state: 'visible', timeout: 60_000 })
    return { ms: performance.now() - started, page }
  }
  async function openMeetings(): Promise<{ ms: number; page: Page }> {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(`${ORIGIN}/app/`)
    await unlockApp(page)
    await page.getByRole('heading', { level: 1, name: 'Sitzungen' }).waitFor()
    return { ms: performance.now() - started, page }
  }
  const longTasksOf = (page: Page) => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice())

  // first visit: nothing on the device yet (the list is fetched, parsed and saved)
  const firstVisit = await openAppList()
  const rows = await firstVisit.page.locator('rt-paper-lists-view .count').innerText()
  await firstVisit.page.close()

  const meetings: number[] = []
  const meetingLoadTasks: number[] = []
  const app: number[] = []
  const plain: number[] = []
  const appLoadTasks: number[] = []
  const plainLoadTasks: number[] = []
  const appScroll: ScrollResult[] = []
  const plainScroll: ScrollResult[] = []
  const filter: number[] = []
  const firstKey: number[] = []
  const domRows = { app: 0, plain: 0 }
  for (let i = 0; i < RUNS; i++) {
    const m = await openMeetings()
    meetings.push(m.ms)
    await m.page.waitForTimeout(500)
    meetingLoadTasks.push((await longTasksOf(m.page)).length)
    await m.page.close()

    const a = await openAppList()
    app.push(a.ms)
    await a.page.waitForTimeout(500)
    appLoadTasks.push((await longTasksOf(a.page)).length)
    domRows.app = await a.page.locator('rt-paper-lists-view .rt-vl-viewport li').count()
    appScroll.push(await scrollThrough(a.page, APP_VIEWPORT))
    // keystrokes in the search box until the filtered list is drawn (the first one also folds
    // every title to lower case once)
    for (const text of ['s', 'sc', 'sch', 'schu', 'schul', 'schule']) {
      const ms = await a.page.evaluate(async (value) => {
        const view = document.querySelector('rt-app-shell')!.shadowRoot!.querySelector('rt-paper-lists-view') as HTMLElement & { updateComplete: Promise<unknown> }
        const input = view.shadowRoot!.querySelector('input[type="search"]') as HTMLInputElement
        const started = performance.now()
        input.value = value
        input.dispatchEvent(new Event('input', { bubbles: true }))
        await view.updateComplete
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
        return performance.now() - started
      }, text)
      ;(text === 's' ? firstKey : filter).push(ms)
    }
    await a.page.close()

    const p = await openPlainList()
    plain.push(p.ms)
    await p.page.waitForTimeout(500)
    plainLoadTasks.push((await longTasksOf(p.page)).length)
    domRows.plain = await p.page.locator('#list li').count()
    plainScroll.push(await scrollThrough(p.page, PLAIN_VIEWPORT))
    await p.page.close()
  }

  await context.setOffline(true)
  const offline: number[] = []
  let standShown = false
  for (let i = 0; i < RUNS; i++) {
    const o = await openAppList()
    offline.push(o.ms)
    standShown ||= await o.page.locator('rt-paper-lists-view .stand').isVisible()
    await o.page.close()
  }
  await context.setOffline(false)

  const sum = (xs: ScrollResult[], key: keyof ScrollResult) => xs.map((x) => x[key])
  console.log(`\nstaff paper lists, ${first.rows} papers for the clerk, ${authorRows} for a department author (${RUNS} runs, Chromium headless, 1280×900)`)
  console.log(`load average at start ${loadAtStart}, now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (long-task counts need an idle machine)`)
  console.log(`\nrelay GET /api/papers`)
  console.log(`  baseline: GET /health                 ${fmt(server.health)}`)
  console.log(`  clerk, all rows (${(first.bytes / 1e6).toFixed(1)} MB JSON)     ${fmt(server.clerk)}  (${ratio(server.clerk, server.health)} /health)`)
  console.log(`  clerk, gzip (${(gzipBytes / 1e3).toFixed(0)} kB on the wire)        ${fmt(server.gzip)}`)
  console.log(`  author, readable rows only            ${fmt(server.author)}`)
  console.log(`  clerk, If-None-Match → 304            ${fmt(server.notModified)}  (${ratio(server.notModified, server.clerk)} of a full answer)`)
  console.log(`\ntime to first row (goto → first row visible)`)
  console.log(`  baseline: plain page, all ${domRows.plain} rows in the DOM   ${fmt(plain)}`)
  console.log(`  baseline: app start to meeting list   ${fmt(meetings)}`)
  console.log(`  app, first visit (fetch + save)       ${firstVisit.ms.toFixed(0)} ms  (${rows})`)
  console.log(`  app, IndexedDB copy + 304             ${fmt(app)}  (${ratio(app, plain)} plain page, ${ratio(app, meetings)} meeting list)`)
  console.log(`  app offline (service worker + IDB)    ${fmt(offline)}  (${ratio(offline, plain)} plain page; "Stand" note shown: ${standShown})`)
  console.log(`  long tasks during load: app ${appLoadTasks.join('/')}, meeting list ${meetingLoadTasks.join('/')}, plain page ${plainLoadTasks.join('/')}`)
  console.log(`\nscrolling through the whole list (1.5 viewports per frame)`)
  console.log(`  rows in the DOM: app ${domRows.app}, plain page ${domRows.plain}`)
  console.log(
    `  app (virtual list)   long tasks > 50 ms: ${sum(appScroll, 'longTasks').join('/')}, longest ${Math.max(...sum(appScroll, 'longestTask')).toFixed(0)} ms, frames ${sum(appScroll, 'frames').join('/')}, p95 frame ${Math.max(...sum(appScroll, 'p95Frame')).toFixed(1)} ms`,
  )
  console.log(
    `  plain page           long tasks > 50 ms: ${sum(plainScroll, 'longTasks').join('/')}, longest ${Math.max(...sum(plainScroll, 'longestTask')).toFixed(0)} ms, frames ${sum(plainScroll, 'frames').join('/')}, p95 frame ${Math.max(...sum(plainScroll, 'p95Frame')).toFixed(1)} ms`,
  )
  console.log(`\nsearch keystroke to drawn list: first ${fmt(firstKey)}; following ${fmt(filter)}`)
} finally {
  await browser.close()
  relay.child.kill('SIGTERM')
}
process.exit(0)
