/**
 * Member searches offline: member-a makes a meeting with a Bebauungsplan available offline, loses
 * the network and searches on the device — "Bebauungsplan", an umlaut query written with "ae" and
 * "ss" ("ordnungsgemaesse Ladung"), and a typo ("Bebaungsplan") — gets hits with snippet and page,
 * and opens a PDF hit in the reader at that page. axe on the search view; no sideways scrolling at
 * 320 px.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, manifestOf, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'

/** A meeting of her bodies whose agenda has a Bebauungsplan with files: the nearest in time first. */
async function meetingWithBebauungsplan(page: Page): Promise<{ id: string; name: string }> {
  const me = (await (await page.request.get('/api/me')).json()) as { memberships: { organizationId: string; organizationType: string }[] }
  const bodies = new Set(me.memberships.filter((m) => m.organizationType === 'Gremium').map((m) => m.organizationId))
  const now = Date.now()
  const candidates = (await manifestOf(page.request))
    .filter((e) => e.type === 'meeting' && e.meeting && e.meta && bodies.has(e.meta.organizationId) && ['invited', 'held'].includes(e.meta.state))
    .sort((a, b) => Math.abs(Date.parse(a.meta!.start) - now) - Math.abs(Date.parse(b.meta!.start) - now))
  for (const c of candidates.slice(0, 16)) {
    await page.goto(`/app/meetings/${encodeURIComponent(c.meeting!)}`)
    const item = page.locator('rt-agenda-item', { hasText: 'Bebauungsplan' })
    await expect(page.locator('rt-agenda-item').first()).toBeVisible({ timeout: 30_000 })
    if ((await item.count()) > 0 && (await item.first().getByRole('link', { name: /^Öffnen/ }).count()) > 0) return { id: c.meeting!, name: c.meta!.name }
  }
  throw new Error('no meeting of member-a has a Bebauungsplan with files')
}

test('member searches her offline meetings without a network and opens a PDF at the hit', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'member-a')
  await waitForServiceWorker(page)
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })

  const meeting = await meetingWithBebauungsplan(page)
  // "Offline verfügbar machen" (unless keeping upcoming meetings offline already did it)
  const make = page.getByRole('button', { name: 'Offline verfügbar machen' })
  if (await make.isVisible()) await make.click()
  await expect(page.getByRole('button', { name: 'Offline-Daten entfernen' })).toBeVisible({ timeout: 60_000 })

  // No network from here on; the app starts again from the service worker, the search worker and
  // its index come from the device.
  await context.setOffline(true)
  await page.goto('/app/')
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible({ timeout: 30_000 })
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'offline')
  await page.getByRole('navigation').getByRole('link', { name: 'Suche' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Suche' })).toBeVisible()
  const box = page.getByRole('searchbox', { name: 'Suchbegriff' })
  const count = page.getByRole('status').filter({ hasText: /Treffer/ })
  const hits = page.locator('rt-search-view li.hit')

  // The meeting's files are read in the worker after pinning; wait until a page of a PDF is found.
  await box.fill('Bebauungsplan')
  const pdfHit = hits.filter({ hasText: 'Dokument' }).filter({ hasText: /Seite \d+/ }).first()
  await expect(async () => {
    await box.fill('')
    await box.fill('Bebauungsplan')
    await expect(pdfHit).toBeVisible({ timeout: 3000 })
  }).toPass({ timeout: 60_000 })
  await expect(count).toHaveText(/^\d+ Treffer für „Bebauungsplan“/)
  await expect(pdfHit.locator('.snippet mark').first()).toHaveText(/Bebauungsplan/i)
  await expect(pdfHit).toContainText(meeting.name)
  await expect(page).toHaveURL(/\/app\/search\?q=Bebauungsplan$/)
  await expectAccessible(page, 'search results offline')

  // An umlaut and ß written out ("ordnungsgemäßen Ladung", a standard item of every agenda).
  await box.fill('ordnungsgemaesse Ladung')
  const item = hits.filter({ hasText: 'Tagesordnungspunkt' }).filter({ hasText: meeting.name }).first()
  await expect(item.locator('.hit-title mark').first()).toHaveText('ordnungsgemäßen')
  await expect(count).toHaveText(/Treffer für „ordnungsgemaesse Ladung“/)

  // A typo still finds the Bebauungsplan.
  await box.fill('Bebaungsplan')
  await expect(count).toHaveText(/^\d+ Treffer für „Bebaungsplan“/)
  await expect(hits.first().locator('mark').first()).toHaveText(/Bebauungsplan/i)
  await expect(page.getByText('Kein Eintrag enthält alle Suchwörter')).toBeHidden()

  // Filters narrow it down: documents only, keyboard only.
  await page.getByLabel('Art').selectOption({ label: 'Dokumente (PDF)' })
  await expect(hits.first()).toContainText('Dokument')
  for (const text of await hits.locator('.kind-label').allInnerTexts()) expect(text.trim().toLowerCase()).toBe('dokument')
  await expectAccessible(page, 'search with filters')

  // The hit opens the file in the reader at its page, with the query to find there.
  const title = hits.first().locator('.hit-title a')
  const pageNo = Number((await hits.first().locator('.meta').innerText()).match(/Seite (\d+)/)?.[1])
  await title.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/app/meetings/[^/]+/files/[0-9a-f]{64}\\?page=${pageNo}&q=Bebaungsplan$`))
  await expect(page.locator('rt-reader-view')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/\.pdf|Bebauungsplan|Anlage/i, { timeout: 30_000 })

  // Back to the results: the query is still there. On a 320 px phone nothing scrolls sideways.
  await page.goBack()
  await expect(box).toHaveValue('Bebaungsplan')
  await page.setViewportSize({ width: 320, height: 800 })
  await expect(hits.first()).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await context.close()
})
