/** Steps shared by the journeys: signing in, accessibility checks, reading the relay's answers. */
import AxeBuilder from '@axe-core/playwright'
import { expect, type APIRequestContext, type Page } from '@playwright/test'

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

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/app/')
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible()
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort').fill(password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
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
