/**
 * The app lock in the browser benchmarks: signing in sets the PIN on a fresh browser context, and
 * every page load shows the lock screen first (the data key lives in memory only), so a page that
 * opens the app unlocks it the way a member does, with the PIN.
 */
import type { Page } from '@playwright/test'

export const BENCH_PIN = '246810'

const lockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Ratstisch ist gesperrt' })
const setupHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })

/** Signs in on the login form, sets (or enters) the PIN and waits for the meeting list. */
export async function signInApp(page: Page, origin: string, username: string, password: string): Promise<void> {
  await page.goto(`${origin}/app/`)
  await page.getByLabel('Benutzername').fill(username)
  await page.getByLabel('Passwort').fill(password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await setupHeading(page).or(lockHeading(page)).waitFor()
  if (await setupHeading(page).isVisible()) {
    await page.getByLabel('Neue PIN').fill(BENCH_PIN)
    await page.getByLabel('PIN wiederholen').fill(BENCH_PIN)
    await page.getByRole('button', { name: 'PIN festlegen' }).click()
  } else await unlockApp(page)
  await page.getByRole('heading', { level: 1, name: 'Sitzungen' }).waitFor()
}

/** Waits for the lock screen and unlocks; resolves with the milliseconds from submitting the PIN to the lock screen gone. */
export async function unlockApp(page: Page, pin = BENCH_PIN): Promise<number> {
  await lockHeading(page).waitFor({ timeout: 60_000 })
  await page.getByLabel('PIN', { exact: true }).fill(pin)
  const started = performance.now()
  await page.getByRole('button', { name: 'Entsperren', exact: true }).click()
  await lockHeading(page).waitFor({ state: 'detached', timeout: 60_000 })
  return performance.now() - started
}
