/**
 * Notification settings in the header and the service worker's push handling. Headless Chromium
 * has no push service, so PushManager.subscribe may fail: then the user gets a clear German message
 * instead of a silent failure. A push message delivered through DevTools shows a notification with
 * the payload's public facts, whose click target stays inside the app.
 */
import { expect, test } from '@playwright/test'
import { expectAccessible, focusedElement, signIn, waitForServiceWorker } from './journey-helpers.ts'

test('a member turns notifications on by keyboard and the worker shows pushed notices', async ({ browser, baseURL }) => {
  const context = await browser.newContext()
  await context.grantPermissions(['notifications'], { origin: baseURL })
  const page = await context.newPage()
  await signIn(page, 'member-a')
  await waitForServiceWorker(page)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()

  const enable = page.getByRole('button', { name: 'Benachrichtigungen aktivieren' })
  await expect(enable).toBeVisible()
  await expectAccessible(page, 'header with notification settings')

  // keyboard only: focus the button and press Enter
  await enable.focus()
  expect((await focusedElement(page)).text).toBe('Benachrichtigungen aktivieren')
  await page.keyboard.press('Enter')

  const settings = page.locator('rt-notification-settings')
  const status = settings.getByRole('status')
  await expect(status).toHaveText(/Benachrichtigungen/, { timeout: 30_000 })
  const text = (await status.textContent())?.trim() ?? ''
  if (text.startsWith('Benachrichtigungen auf diesem Gerät sind aktiv')) {
    // a push service was reachable: the subscription is registered and the button turns it off
    await expect(page.getByRole('button', { name: 'Benachrichtigungen deaktivieren' })).toBeVisible()
    await page.getByRole('button', { name: 'Benachrichtigungen deaktivieren' }).click()
    await expect(status).toHaveText('Benachrichtigungen auf diesem Gerät sind ausgeschaltet.')
  } else {
    expect(text).toBe(
      'Benachrichtigungen konnten nicht aktiviert werden: Der Browser erreicht keinen Push-Dienst. Einladungen erhalten Sie weiterhin per E-Mail.',
    )
    await expect(enable).toBeVisible()
  }
  await expectAccessible(page, 'notification settings with message')

  // the service worker shows a pushed notice (delivered by DevTools, as a push service would)
  const cdp = await context.newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
      const reg = event.registrations.find((r) => r.scopeURL.endsWith('/app/') && !r.isDeleted)
      if (reg) resolve(reg.registrationId)
    })
  })
  const payload = { title: 'Einladung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr', body: 'Ort: Rathaus, Ratssaal', path: '/app/meetings/x', tag: 'e2e:1' }
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(baseURL!).origin, registrationId, data: JSON.stringify(payload) })
  await expect
    .poll(async () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration()
        const list = (await reg?.getNotifications()) ?? []
        return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }))
      }),
    )
    .toEqual([{ title: payload.title, body: payload.body, tag: 'e2e:1', data: { path: '/app/meetings/x' } }])

  // a payload pointing outside the app is turned into the app's start
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(baseURL!).origin,
    registrationId,
    data: JSON.stringify({ title: 'X', body: '', path: 'https://evil.example/', tag: 'e2e:2' }),
  })
  await expect
    .poll(async () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration()
        const n = ((await reg?.getNotifications({ tag: 'e2e:2' })) ?? [])[0]
        return n?.data as unknown
      }),
    )
    .toEqual({ path: '/app/' })
  await context.close()
})
