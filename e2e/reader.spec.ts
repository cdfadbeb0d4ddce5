/**
 * Member reads and annotates: member-a opens two papers of a meeting side by side, uses the page
 * overview and the find in document, selects text across lines and copies it (reading order, line
 * breaks kept), highlights a passage and writes a comment, finds it in the annotation list, reloads
 * and still has it; adds a sticky note and a free-hand stroke, creates a highlight with the keyboard
 * only (find, "Treffer markieren"), checks the reader at 320 px and sees all of it in "Meine
 * Anmerkungen". axe on the reader with annotations visible and on the list.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, focusedElement, manifestOf, signIn, syncStatus } from './journey-helpers.ts'
import { copiedText, selectTwoLines } from './reader-helpers.ts'

/** A meeting of member-a whose public agenda presents at least two files. */
async function meetingWithTwoFiles(page: Page): Promise<string> {
  const now = new Date().toISOString()
  const ids = (await manifestOf(page.request))
    .filter((e) => e.type === 'meeting' && e.meeting && e.meta)
    .sort((a, b) => (a.meta!.start < now ? 1 : 0) - (b.meta!.start < now ? 1 : 0) || a.meta!.start.localeCompare(b.meta!.start))
    .map((e) => e.meeting!)
  for (const id of ids.slice(0, 10)) {
    await page.goto(`/app/meetings/${encodeURIComponent(id)}`)
    await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    if ((await page.locator('rt-agenda-item').getByRole('link', { name: /^Öffnen/ }).count()) >= 2) return id
  }
  throw new Error('no meeting of member-a presents two files')
}

test('member reads two documents side by side, finds, copies and annotates', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const page = await context.newPage()
  await signIn(page, 'member-a')
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })
  const meetingId = await meetingWithTwoFiles(page)

  // The first paper opens in the reader.
  await page.locator('rt-agenda-item').getByRole('link', { name: /^Öffnen/ }).first().click()
  await expect(page).toHaveURL(/\/files\/[0-9a-f]{64}$/)
  const main = page.locator('rt-reader-view #pane-main rt-pdf-viewer')
  await expect(main.locator('canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect(main.getByRole('region', { name: /^Seite 1 von \d+/ })).toBeVisible()
  await expect.poll(async () => (await main.locator('.textLayer').innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0)
  await expect(page.getByRole('tablist', { name: 'Geöffnete Dokumente' }).getByRole('tab')).toHaveCount(1)

  // A second paper beside it, from the list of the meeting's documents.
  await page.getByRole('button', { name: 'Dokument öffnen' }).click()
  const picker = page.getByRole('region', { name: 'Dokumente der Sitzung' })
  await expect(picker).toBeVisible()
  const openBeside = picker.getByRole('button', { name: /^Daneben öffnen/ })
  const mainSha = new URL(page.url()).pathname.split('/').pop()!
  const count = await openBeside.count()
  expect(count).toBeGreaterThanOrEqual(2)
  // the first entry not shown in the main pane (the invitation or agenda may come first)
  const labels = await picker.locator('li').allInnerTexts()
  const besideIndex = labels.findIndex((l) => !l.includes('(geöffnet)'))
  await openBeside.nth(besideIndex).click()
  const split = page.locator('rt-reader-view #pane-split rt-pdf-viewer')
  await expect(split.locator('canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('tab')).toHaveCount(2)
  const [left, right] = [await main.boundingBox(), await split.boundingBox()]
  expect(left && right && right.x >= left.x + left.width - 1, 'the two documents are side by side').toBe(true)
  expect(new URL(page.url()).pathname.endsWith(mainSha)).toBe(true)

  // Page overview: the thumbnails are rendered and lead to a page, by keyboard.
  await main.getByRole('button', { name: 'Seitenübersicht' }).click()
  const thumbs = main.getByRole('navigation', { name: 'Seitenübersicht' })
  await expect(thumbs.getByRole('button', { name: 'Seite 1' })).toHaveAttribute('aria-current', 'page')
  await expect.poll(() => thumbs.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.width), { timeout: 15_000 }).toBeGreaterThan(0)
  const pages = await thumbs.getByRole('button').count()
  if (pages > 1) {
    await thumbs.getByRole('button', { name: 'Seite 1' }).focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(main.getByRole('region', { name: `Seite 2 von ${pages}` })).toBeVisible()
    await thumbs.getByRole('button', { name: 'Seite 1' }).click()
    await expect(main.getByRole('region', { name: `Seite 1 von ${pages}` })).toBeVisible()
  }

  // Find in document: Ctrl+F in the viewer, the hit count is announced and the hit highlighted.
  const word = await main.locator('.textLayer').evaluate((layer) => {
    const words = [...layer.querySelectorAll('span')].flatMap((s) => (s.textContent ?? '').split(/[^A-Za-zÄÖÜäöüß]+/)).filter((w) => w.length >= 8)
    return words[Math.min(2, words.length - 1)]
  })
  await main.locator('.stage').focus()
  await page.keyboard.press('Control+f')
  const find = main.getByRole('searchbox', { name: 'Im Dokument suchen' })
  await expect(find).toBeFocused()
  await find.fill(word)
  await expect(main.getByRole('status').filter({ hasText: /^Treffer 1 von \d+, Seite \d+$/ })).toBeVisible()
  await expect(main.locator('rt-annotation-layer rect.hit.current')).toHaveCount(1)
  await find.press('Escape')
  await expect(find).toBeHidden()

  // Copy keeps reading order and line breaks (built from the page text, not from the spans).
  const expected = await selectTwoLines(page, '#pane-main')
  expect(expected).toContain('\n')
  const copied = await copiedText(page)
  expect(copied.app).toBe(expected)
  await page.keyboard.press('Control+c')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected)

  // Highlight the selected passage and write a comment.
  await main.getByRole('button', { name: 'Markieren', exact: true }).click()
  const panel = page.getByRole('complementary', { name: /^Anmerkungen/ })
  const firstLine = expected.split('\n')[0].trim()
  const entry = panel.locator('li.annotation').filter({ hasText: firstLine.slice(0, 20) })
  await expect(entry).toHaveCount(1)
  await expect(main.locator('rt-annotation-layer rect.highlight').first()).toBeVisible()
  const comment = `Rückfrage zur Finanzierung ${Date.now()}`
  await entry.getByRole('textbox', { name: 'Kommentar' }).fill(comment)
  await entry.getByRole('button', { name: 'Schließen' }).click()
  await expect(entry.getByText(comment)).toBeVisible()
  await expect(entry.getByText('privat', { exact: true })).toBeVisible()
  await expectAccessible(page, 'reader with two documents and an annotation')

  // After a reload the tabs, the side-by-side view and the annotation are still there.
  await page.reload()
  await expect(page.locator('rt-reader-view #pane-main rt-pdf-viewer canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('rt-reader-view #pane-split rt-pdf-viewer canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('tab')).toHaveCount(2)
  await expect(page.getByRole('complementary', { name: /^Anmerkungen/ }).getByText(comment)).toBeVisible({ timeout: 15_000 })
  await expect(main.locator('rt-annotation-layer rect.highlight').first()).toBeVisible()

  // A sticky note at the page margin (no pointer needed) and a free-hand stroke.
  await main.getByRole('button', { name: 'Notiz', exact: true }).click()
  await main.getByRole('button', { name: 'Am Seitenrand einfügen' }).click()
  const noteText = page.getByRole('textbox', { name: 'Text der Notiz' })
  await expect(noteText).toBeFocused()
  await noteText.fill('Im Ausschuss nachfragen')
  await expect(main.getByRole('button', { name: 'Notiz: Im Ausschuss nachfragen' })).toBeVisible()
  await main.getByRole('button', { name: 'Freihand' }).click()
  const sheet = (await main.locator('.page').boundingBox())!
  await page.mouse.move(sheet.x + sheet.width * 0.2, sheet.y + sheet.height * 0.25)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(sheet.x + sheet.width * (0.2 + i * 0.03), sheet.y + sheet.height * (0.25 + (i % 2) * 0.02))
  await page.mouse.up()
  await main.getByRole('button', { name: 'Zeichnung speichern' }).click()
  await expect(main.locator('rt-annotation-layer polyline.ink')).toHaveCount(1)

  // Keyboard only: find a word, then "Treffer markieren".
  await main.locator('.stage').focus()
  await page.keyboard.press('Control+f')
  await page.keyboard.type(word)
  await page.keyboard.press('Enter')
  await expect(main.getByRole('status').filter({ hasText: /^Treffer 1 von/ })).toBeVisible()
  for (let i = 0; i < 6 && (await focusedElement(page)).text !== 'Treffer markieren'; i++) await page.keyboard.press('Tab')
  expect((await focusedElement(page)).text).toBe('Treffer markieren')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation')).toHaveCount(4)
  // the hit itself is the quote of the new highlight
  await expect(page.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation blockquote').filter({ hasText: new RegExp(`^„${word}“$`) })).toHaveCount(1)

  // On a 320 px phone nothing scrolls sideways (the panes stack, the page fits the width).
  await page.setViewportSize({ width: 320, height: 800 })
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await page.setViewportSize({ width: 1400, height: 900 })

  // "Meine Anmerkungen" of the meeting lists them all, and opens the file at the page.
  await page.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  await page.getByRole('link', { name: 'Meine Anmerkungen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Anmerkungen' })).toBeVisible()
  const list = page.locator('rt-annotations-view li.annotation')
  await expect(list).toHaveCount(4)
  await expect(list.filter({ hasText: comment })).toHaveCount(1)
  await expectAccessible(page, 'my annotations')
  await list.filter({ hasText: comment }).getByRole('link', { name: /^Auf Seite \d+ öffnen/ }).click()
  await expect(page).toHaveURL(/\/files\/[0-9a-f]{64}\?page=\d+&annotation=/)
  await expect(page.locator('rt-reader-view #pane-main rt-pdf-viewer rt-annotation-layer rect.active')).toHaveCount(1, { timeout: 30_000 })
  await context.close()
})
