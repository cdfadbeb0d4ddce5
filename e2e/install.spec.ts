/**
 * The app can be installed and started: a valid web app manifest with real icons, a service
 * worker that controls the page, and a login that works by keyboard, including its error states.
 */
import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, DEMO_PIN, expectAccessible, focusedElement, setPin, signIn, waitForServiceWorker } from './journey-helpers.ts'

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test('web app manifest is valid and its icons exist', async ({ request }) => {
  const res = await request.get('/app/manifest.webmanifest')
  expect(res.status()).toBe(200)
  const manifest = (await res.json()) as {
    name: string
    short_name: string
    lang: string
    start_url: string
    scope: string
    display: string
    theme_color: string
    icons: { src: string; sizes: string; type: string; purpose?: string }[]
  }
  expect(manifest).toMatchObject({ name: 'Ratstisch', lang: 'de', start_url: '/app/', scope: '/app/', display: 'standalone' })
  expect(manifest.short_name).toBeTruthy()
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
  for (const size of [192, 512]) {
    for (const purpose of ['any', 'maskable']) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png' && (i.purpose ?? 'any').split(' ').includes(purpose))
      expect(icon, `${size}px ${purpose} icon`).toBeTruthy()
      const img = await request.get(new URL(icon!.src, `http://x/app/manifest.webmanifest`).pathname)
      expect(img.status()).toBe(200)
      expect(img.headers()['content-type']).toContain('image/png')
      expect(pngSize(await img.body())).toEqual({ width: size, height: size })
    }
  }
})

test('service worker is registered and controls the app', async ({ page }) => {
  await page.goto('/app/')
  await waitForServiceWorker(page)
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)
  expect(scope).toMatch(/\/app\/$/)
  // a deep link is answered by the service worker with the app
  await page.goto('/app/meetings/gibt-es-nicht')
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  await expect(page.locator('rt-app-shell')).toBeAttached()
})

test('unknown address shows the not-found view', async ({ page }) => {
  await page.goto('/app/keine/solche/seite')
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
  await page.getByLabel('Benutzername').fill('member-c')
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
  await page.getByLabel('Passwort').press('Enter')
  await setPin(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible()
  await expect(page.getByText('/app/keine/solche/seite')).toBeVisible()
  await expectAccessible(page, 'not found')
  await page.getByRole('link', { name: 'Zur Sitzungsübersicht' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
})

test('login works by keyboard and explains its errors', async ({ page }) => {
  await page.goto('/app/')
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
  await expectAccessible(page, 'login')

  // skip link first, then the brand link, then the form
  await page.keyboard.press('Tab')
  expect((await focusedElement(page)).text).toBe('Zum Inhalt springen')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  expect((await focusedElement(page)).id).toBe('username')

  // nothing entered
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toHaveText('Bitte Benutzername und Passwort eingeben')
  expect((await focusedElement(page)).id).toBe('username')

  // wrong password
  await page.keyboard.type('member-c')
  await page.keyboard.press('Tab')
  expect((await focusedElement(page)).id).toBe('password')
  await page.keyboard.type('falsches-passwort')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toHaveText('Benutzername oder Passwort ist falsch')
  expect((await focusedElement(page)).id).toBe('password')
  await expect(page.getByLabel('Passwort')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page, 'login with error')

  // correct password, still only the keyboard; then the app lock PIN, also by keyboard
  await page.keyboard.type(DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })).toBeVisible()
  await expect.poll(async () => (await focusedElement(page)).id).toBe('pin')
  await page.keyboard.type(DEMO_PIN)
  await page.keyboard.press('Tab')
  expect((await focusedElement(page)).id).toBe('repeat')
  await page.keyboard.type(DEMO_PIN)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()

  // sign out by keyboard: back to the login, local data gone
  await page.getByRole('button', { name: 'Abmelden' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
})

test('login explains throttling and a missing connection', async ({ browser }) => {
  // These relay answers cannot be provoked without locking accounts, so the network is stubbed here.
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const page = await context.newPage()
  await page.goto('/app/')
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()

  await context.route('**/api/auth/login', (route) =>
    route.fulfill({ status: 429, headers: { 'Retry-After': '600' }, contentType: 'application/json', body: '{"error":"Zu viele Anmeldeversuche","code":"too-many-attempts"}' }),
  )
  await page.getByLabel('Benutzername').fill('member-c')
  await page.getByLabel('Passwort').fill('irgendwas')
  await page.getByLabel('Passwort').press('Enter')
  await expect(page.getByRole('alert')).toContainText('Zu viele Versuche – bitte später erneut')
  await expect(page.getByRole('alert')).toContainText('10 Minuten')
  await expectAccessible(page, 'login throttled')

  await context.unroute('**/api/auth/login')
  await context.route('**/api/auth/login', (route) => route.abort('internetdisconnected'))
  await page.getByRole('button', { name: 'Anmelden' }).press('Enter')
  await expect(page.getByRole('alert')).toContainText('Keine Verbindung zum Server')
  await context.close()
})

// the public portal's journeys are in portal.spec.ts

test('on a 320 px wide phone nothing scrolls sideways (WCAG 1.4.10 reflow), even with every navigation entry', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } })
  const page = await context.newPage()
  await signIn(page, 'clerk')
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  /** what sticks out on the right, looking through shadow roots (for the failure message) */
  const wide = () =>
    page.evaluate(() => {
      const out: string[] = []
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          const r = el.getBoundingClientRect()
          if (r.width > 0 && r.right > window.innerWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}px`)
          if (el.shadowRoot) walk(el.shadowRoot)
        }
      }
      walk(document)
      return out.slice(0, 8).join(', ')
    })
  expect(await overflow()).toBeLessThanOrEqual(0)
  for (const [link, heading] of [
    ['Beschlüsse', 'Beschlusskontrolle'],
    ['Umlaufverfahren', 'Umlaufverfahren'],
    ['Sitzungsplanung', 'Sitzungsplanung'],
  ]) {
    await page.getByRole('link', { name: link, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await page.waitForTimeout(500) // lists arrive from the relay
    expect(await overflow(), `${heading}: ${await wide()}`).toBeLessThanOrEqual(0)
  }
  await page.goto('/')
  expect(await overflow()).toBeLessThanOrEqual(0)
  await context.close()
})
