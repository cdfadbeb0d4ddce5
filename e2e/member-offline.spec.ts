/**
 * Member annotates offline: member-a signs in, sees the meetings of her bodies (Stadtrat,
 * Bauausschuss — not the Ortschaftsrat), reads a paper in the viewer, makes the meeting available
 * offline, loses the network, reopens the app from the service worker, writes a personal note,
 * sees it is only on this device, goes online, and finds the note on her second device.
 */
import { expect, test, type Page } from '@playwright/test'
import { BODY, expectAccessible, manifestOf, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

async function openMeetingWithFiles(page: Page, meetingIds: string[]): Promise<string> {
  for (const id of meetingIds) {
    await page.goto(`/app/meetings/${encodeURIComponent(id)}`)
    await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    if ((await page.getByRole('link', { name: /^Öffnen/ }).count()) > 0) return id
  }
  throw new Error('no meeting of member-a has files')
}

test('member annotates a meeting offline and finds the note on a second device', async ({ browser }) => {
  const device1 = await browser.newContext()
  const page = await device1.newPage()

  await signIn(page, 'member-a')
  await waitForServiceWorker(page)
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })
  await expectAccessible(page, 'meeting list')

  // Only meetings of the bodies member-a sits in are listed by default.
  const me = (await (await page.request.get('/api/me')).json()) as { memberships: { organizationName: string; organizationType: string }[] }
  const myBodies = me.memberships.filter((m) => m.organizationType === 'Gremium').map((m) => m.organizationName)
  expect(myBodies.some((b) => BODY.stadtrat.test(b))).toBe(true)
  expect(myBodies.some((b) => BODY.bauausschuss.test(b))).toBe(true)
  const list = page.locator('rt-meetings-view li')
  await expect(list.first()).toBeVisible()
  const listed = await list.allInnerTexts()
  expect(listed.some((t) => BODY.bauausschuss.test(t))).toBe(true)
  expect(listed.some((t) => BODY.ortschaftsrat.test(t))).toBe(false)
  // everything listed belongs to one of her bodies
  for (const text of listed) expect(myBodies.some((b) => text.includes(b)), text).toBe(true)
  await expect(page.getByRole('heading', { name: 'Kommende Sitzungen' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Vergangene Sitzungen' })).toBeVisible()

  // A meeting of her bodies that has papers attached: prefer the next upcoming ones.
  const manifest = await manifestOf(page.request)
  const now = new Date().toISOString()
  const candidates = manifest
    .filter((e) => e.type === 'meeting' && e.meta && myBodies.includes(e.meta.organizationName) && e.meeting)
    .sort((a, b) => (a.meta!.start < now ? 1 : 0) - (b.meta!.start < now ? 1 : 0) || a.meta!.start.localeCompare(b.meta!.start))
    .map((e) => e.meeting!)
  // open the first one through the list (the way a member does), the rest by address
  await page.goto('/app/')
  await page.locator(`rt-meetings-view a[href="/app/meetings/${encodeURIComponent(candidates[0])}"]`).click()
  const meetingId = await openMeetingWithFiles(page, candidates.slice(0, 8))
  const meetingUrl = `/app/meetings/${encodeURIComponent(meetingId)}`
  const meetingName = (await page.getByRole('heading', { level: 1 }).innerText()).trim()
  await expectAccessible(page, 'meeting')

  // Read a paper in the in-app viewer.
  const openLink = page.getByRole('link', { name: /^Öffnen/ }).first()
  await openLink.click()
  await expect(page).toHaveURL(/\/files\/[0-9a-f]{64}$/)
  const viewer = page.locator('rt-pdf-viewer')
  await expect(viewer.locator('canvas')).toBeVisible({ timeout: 30_000 })
  await expect(viewer.getByRole('region', { name: /^Seite 1 von \d+/ })).toBeVisible()
  // the demo town's papers carry real text: it is in the text layer (selectable, read aloud)
  if (!process.env.RATSTISCH_E2E_PASSWORD)
    await expect.poll(async () => (await viewer.locator('.textLayer').innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0)
  const fileUrl = new URL(page.url()).pathname
  await expectAccessible(page, 'pdf viewer')
  await page.getByRole('link', { name: /Zurück zur Sitzung/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: meetingName })).toBeVisible()

  // Make it available offline: one click from the meeting.
  await page.getByRole('button', { name: 'Offline verfügbar machen' }).click()
  await expect(page.getByRole('progressbar', { name: 'Offline-Speicherung' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 })
  await expect(page.getByText('Diese Sitzung ist offline verfügbar.')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('button', { name: 'Offline-Daten entfernen' })).toBeVisible()
  await expectAccessible(page, 'meeting, offline available')

  // No network. Close the app and start it again: it comes from the service worker cache.
  await device1.setOffline(true)
  await page.close()
  const offlinePage = await device1.newPage()
  await offlinePage.goto('/app/')
  await expect(offlinePage.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible({ timeout: 30_000 })
  await expect(syncStatus(offlinePage)).toHaveAttribute('data-status', 'offline')
  await expect(syncStatus(offlinePage)).toHaveText('Offline')
  const pinnedEntry = offlinePage.locator('rt-meetings-view li', { has: offlinePage.getByRole('link', { name: meetingName }) }).first()
  await expect(pinnedEntry.getByText('offline verfügbar')).toBeVisible()
  await expectAccessible(offlinePage, 'meeting list offline')

  await pinnedEntry.getByRole('link', { name: meetingName }).click()
  await expect(offlinePage).toHaveURL(new RegExp(`${meetingUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
  await expect(offlinePage.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible()

  // The paper opens from the blob cache (deep link, offline).
  await offlinePage.goto(fileUrl)
  await expect(offlinePage.locator('rt-pdf-viewer canvas')).toBeVisible({ timeout: 30_000 })
  await offlinePage.getByRole('link', { name: /Zurück zur Sitzung/ }).click()

  // A personal note, written offline.
  const note = `Offline notiert ${Date.now()}: Rückfrage zur Kostenschätzung`
  const noteField = offlinePage.getByRole('textbox', { name: /^Persönliche Notiz/ }).first()
  await noteField.click()
  await noteField.pressSequentially(note.slice(0, 12))
  await noteField.fill(note)
  await expect(syncStatus(offlinePage)).toHaveAttribute('data-status', 'local-only')
  await expect(syncStatus(offlinePage)).toHaveText('Änderungen nur auf diesem Gerät')
  await expectAccessible(offlinePage, 'meeting offline with a note')

  // Back online: the note reaches the relay.
  await device1.setOffline(false)
  await expect(syncStatus(offlinePage)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })
  await expect(syncStatus(offlinePage)).toHaveText('Synchronisiert')

  // Second device, same member: the note is there.
  const device2 = await browser.newContext()
  const page2 = await device2.newPage()
  await signIn(page2, 'member-a')
  await page2.goto(meetingUrl)
  await expect(page2.getByRole('textbox', { name: /^Persönliche Notiz/ }).first()).toHaveValue(note, { timeout: 30_000 })
  await expectAccessible(page2, 'meeting on second device')

  await device2.close()
  await device1.close()
})
