/**
 * The public portal (Bürgerinfo) as a citizen uses it, without signing in: every page type is
 * checked with axe (WCAG 2.1 AA), the main journeys work by keyboard alone, a phone shows no
 * sideways scrolling, and an anonymous visitor never gets a sync socket.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './journey-helpers.ts'

/** the first link in the main content whose address matches */
const firstLink = (page: Page, href: RegExp) =>
  page
    .locator('main a[href]')
    .evaluateAll((links, source) => (links as HTMLAnchorElement[]).map((a) => a.getAttribute('href') ?? '').find((h) => new RegExp(source).test(h)) ?? null, href.source)

test('every page type of the portal passes axe, and missing pages say so', async ({ page }) => {
  const visited: string[] = []
  const check = async (path: string, heading: string | RegExp, view: string) => {
    const res = await page.goto(path)
    expect(res?.status(), path).toBeLessThan(400)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expectAccessible(page, view)
    visited.push(path)
  }
  await check('/', 'Bürgerinfo', 'portal home')
  await check('/sitzungen', /Sitzungskalender/, 'calendar list')
  await check('/sitzungen?ansicht=monat', /Sitzungen im/, 'calendar month')
  const meeting = await firstLink(page, /^\/sitzungen\/[^/?]+$/)
  expect(meeting).not.toBeNull()
  // a held meeting (results, attendance, minutes) has more to check: take one from the past
  await page.goto('/sitzungen?zeit=vergangen')
  const held = (await firstLink(page, /^\/sitzungen\/[^/?]+$/)) ?? meeting!
  await check(held, /./, 'meeting page')
  await expect(page.getByText(/nichtöffentlich/i)).toHaveCount(0)
  const item = await firstLink(page, /^\/sitzungen\/[^/]+\/top\//)
  expect(item).not.toBeNull()
  await check(item!, /./, 'agenda item page')
  await check('/vorlagen', /^Vorlagen/, 'paper list')
  const paper = await firstLink(page, /^\/vorlagen\/[^/?]+$/)
  await check(paper!, /./, 'paper page')
  await check('/gremien', 'Gremien', 'bodies')
  const body = await firstLink(page, /^\/gremien\/[^/?]+$/)
  await check(body!, /./, 'body page')
  const person = await firstLink(page, /^\/personen\/[^/?]+$/)
  expect(person).not.toBeNull()
  await check(person!, /./, 'person page')
  await check('/fraktionen', 'Fraktionen', 'factions')
  await check('/suche?q=Haushalt', 'Suche', 'search results')
  await expect(page.locator('main mark').first()).toBeVisible()
  await check('/suche?q=xyzzyquux', 'Suche', 'search without results')
  await check('/beschluesse', 'Beschlüsse und ihre Umsetzung', 'resolutions')
  await check('/barrierefreiheit', 'Erklärung zur Barrierefreiheit', 'accessibility statement')
  await check('/impressum', /Impressum/, 'imprint')
  await check('/datenschutz', /Datenschutz/, 'privacy')
  const missing = await page.goto('/sitzungen/gibt-es-nicht')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzung nicht gefunden' })).toBeVisible()
  await expectAccessible(page, 'not found')
  const bad = await page.goto('/sitzungen?ansicht=monat&monat=2026-13')
  expect(bad?.status()).toBe(400)
  await expectAccessible(page, 'bad request')
  expect(visited.length).toBeGreaterThanOrEqual(17)
})

test('keyboard only: skip link, main navigation, a meeting, and a search to a hit', async ({ page }) => {
  await page.goto('/')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()
  // Tab to "Sitzungen" in the main navigation; the focus is visible on every stop
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  for (let i = 0; i < 20 && !(await nav.getByRole('link', { name: 'Sitzungen' }).evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return 'none'
      const s = getComputedStyle(el)
      return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : s.textDecorationLine
    })
    expect(outline, 'focus indicator').not.toBe('none')
  }
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/sitzungen$/)
  // into the first meeting of the list by keyboard
  const firstMeeting = page.locator('main a[href^="/sitzungen/"]').first()
  await firstMeeting.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/sitzungen\/[^/?]+$/)
  await expect(page.getByRole('heading', { level: 2, name: /Tagesordnung/ })).toBeVisible()

  // search: type, submit with Enter, open a hit with Enter
  await page.goto('/suche')
  await page.getByLabel('Suchbegriff').focus()
  await page.keyboard.type('Bebauungsplan')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/q=Bebauungsplan/)
  await expect(page.getByRole('status')).toContainText(/Treffer|Ergebnis/)
  const hit = page.locator('main ol a, main ul.results a').first()
  await hit.focus()
  const target = await hit.getAttribute('href')
  await page.keyboard.press('Enter')
  await expect(page).not.toHaveURL(/\/suche/)
  expect(target).toBeTruthy()
})

test('on a 320 px phone the meeting and paper pages do not scroll sideways; no sync socket for visitors', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } })
  const page = await context.newPage()
  await page.goto('/sitzungen?zeit=vergangen')
  const meeting = await firstLink(page, /^\/sitzungen\/[^/?]+$/)
  for (const path of ['/', meeting!, '/vorlagen', '/sitzungen?ansicht=monat', '/suche?q=Haushalt']) {
    await page.goto(path)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0)
  }
  const status = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/sync`)
        ws.onopen = () => resolve('open')
        ws.onerror = () => resolve('refused')
      }),
  )
  expect(status).toBe('refused')
  await context.close()
})
