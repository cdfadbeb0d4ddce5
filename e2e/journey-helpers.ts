/** Steps shared by the journeys: signing in, accessibility checks, reading the relay's answers. */
import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type BrowserContext, type Locator, type Page } from '@playwright/test'

/** The demo town's password (RATSTISCH_E2E_PASSWORD points the journeys at another relay). */
export const DEMO_PASSWORD = process.env.RATSTISCH_E2E_PASSWORD ?? 'ratstisch-demo'

/** Bodies of the demo town, matched by name ("Bau- und Vergabeausschuss" is the Bauausschuss). */
export const BODY = {
  stadtrat: /Stadtrat/,
  bauausschuss: /Bau.*ausschuss/i,
  ortschaftsrat: /Ortschaftsrat/,
}

export interface ManifestEntry {
  url: string
  type: 'meeting' | 'meeting-confidential' | 'paper' | 'notes'
  access: 'read' | 'write'
  meeting?: string
  meta?: { name: string; start: string; state: string; organizationId: string; organizationName: string }
}

/** Runs axe on what the page shows now (WCAG 2.1 A/AA) and expects no violations. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }))
  expect(violations, `accessibility violations in view "${view}"`).toEqual([])
}

/** The app lock PIN every journey sets on its devices. */
export const DEMO_PIN = '246810'

const lockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Ratstisch ist gesperrt' })
const setupHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })

/**
 * Signs in and passes the app lock: sets the demo PIN the first time on this device (browser
 * context), else unlocks with it. Every start of the app shows the lock screen (the data key lives
 * in memory only), so by default the page is unlocked again whenever it shows up after a reload, as
 * a member would type the PIN; journeys about the lock itself pass `{ unlockOnReload: false }`.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, options: { unlockOnReload?: boolean } = {}): Promise<void> {
  await page.goto('/app/')
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible()
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort').fill(password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await expect(setupHeading(page).or(lockHeading(page))).toBeVisible()
  if (await setupHeading(page).isVisible()) await setPin(page)
  else await unlock(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  if (options.unlockOnReload !== false) unlockOnReload(page)
}

/** Chooses the app lock PIN on the setup screen shown after the first sign-in on a device. */
export async function setPin(page: Page, pin = DEMO_PIN): Promise<void> {
  await expect(setupHeading(page)).toBeVisible()
  await page.getByLabel('Neue PIN').fill(pin)
  await page.getByLabel('PIN wiederholen').fill(pin)
  await page.getByRole('button', { name: 'PIN festlegen' }).click()
  await expect(setupHeading(page)).toBeHidden({ timeout: 30_000 })
}

/** Unlocks the lock screen with the PIN (waits for the lock screen first). */
export async function unlock(page: Page, pin = DEMO_PIN): Promise<void> {
  await expect(lockHeading(page)).toBeVisible({ timeout: 30_000 })
  await page.getByLabel('PIN', { exact: true }).fill(pin)
  await page.getByRole('button', { name: 'Entsperren', exact: true }).click()
  await expect(lockHeading(page)).toBeHidden({ timeout: 30_000 })
}

const watchedPages = new WeakSet<Page>()
const watchedContexts = new WeakSet<BrowserContext>()

/** Whenever this page (or a later page of its context) shows the lock screen, unlock it. */
export function unlockOnReload(page: Page): void {
  const watch = (p: Page) => {
    if (watchedPages.has(p)) return
    watchedPages.add(p)
    // Playwright runs the handler before any action or assertion that finds the lock screen shown
    void p.addLocatorHandler(lockHeading(p), async () => {
      await p.getByLabel('PIN', { exact: true }).fill(DEMO_PIN)
      await p.getByRole('button', { name: 'Entsperren', exact: true }).click()
    })
  }
  watch(page)
  if (!watchedContexts.has(page.context())) {
    watchedContexts.add(page.context())
    page.context().on('page', watch)
  }
}

export const syncStatus = (page: Page) => page.locator('rt-sync-status')

export async function manifestOf(request: APIRequestContext): Promise<ManifestEntry[]> {
  const res = await request.get('/api/sync/manifest')
  expect(res.status()).toBe(200)
  return ((await res.json()) as { documents: ManifestEntry[] }).documents
}

/** Waits until the service worker is active and controls the page (precache complete). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
}

/** The element that has keyboard focus, looking through shadow roots. */
export async function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim() }
  })
}

/**
 * The clerk opens a paper: its attachments region (where new versions are uploaded) and the title
 * of its first attachment, which also names the file on agendas ("Status von <title>").
 */
export async function paperAttachments(clerk: Page, paperId: string): Promise<{ attachments: Locator; title: string }> {
  await clerk.goto(`/app/papers/${encodeURIComponent(paperId)}`)
  const attachments = clerk.getByRole('region', { name: 'Anlagen' })
  const first = attachments.locator('h3.attachment-title').first()
  await expect(first).toBeVisible({ timeout: 30_000 })
  return { attachments, title: (await first.innerText()).trim() }
}
