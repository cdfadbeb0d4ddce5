/**
 * Faction colleagues read along: member-a (CDU) highlights a passage of a Stadtrat paper and shares
 * it with her faction from the reader; member-d (CDU) has the same paper open and sees it appear
 * without reloading, with member-a's name, read-only; member-b (SPD) has it open too and never
 * gets it — neither on the page nor the faction's document in his manifest. axe on the colleague's
 * reader.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, manifestOf, signIn } from './journey-helpers.ts'
import { selectTwoLines } from './reader-helpers.ts'

/** A Stadtrat meeting (every councillor reads it) with a file on its public agenda; its reader URL. */
async function stadtratFile(page: Page): Promise<{ meetingId: string; fileUrl: string }> {
  const now = new Date().toISOString()
  const ids = (await manifestOf(page.request))
    .filter((e) => e.type === 'meeting' && e.meeting && /Stadtrat/.test(e.meta?.organizationName ?? ''))
    .sort((a, b) => (a.meta!.start < now ? 1 : 0) - (b.meta!.start < now ? 1 : 0) || a.meta!.start.localeCompare(b.meta!.start))
    .map((e) => e.meeting!)
  for (const id of ids.slice(0, 8)) {
    await page.goto(`/app/meetings/${encodeURIComponent(id)}`)
    await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    const link = page.locator('rt-agenda-item').getByRole('link', { name: /^Öffnen/ }).first()
    if (await link.count()) return { meetingId: id, fileUrl: new URL((await link.getAttribute('href'))!, page.url()).pathname }
  }
  throw new Error('no Stadtrat meeting with files')
}

async function openReader(page: Page, fileUrl: string): Promise<void> {
  await page.goto(fileUrl)
  await expect(page.locator('rt-reader-view #pane-main rt-pdf-viewer canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect.poll(async () => (await page.locator('rt-reader-view #pane-main rt-pdf-viewer .textLayer').innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0)
}

test('a faction colleague sees a shared annotation live, another faction never does', async ({ browser }) => {
  test.setTimeout(150_000)
  const [a, d, b] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()])
  const [anna, dora, bernd] = await Promise.all([a.newPage(), d.newPage(), b.newPage()])
  await Promise.all([signIn(anna, 'member-a'), signIn(dora, 'member-d'), signIn(bernd, 'member-b')])
  const { meetingId, fileUrl } = await stadtratFile(anna)
  const annaName = ((await (await anna.request.get('/api/me')).json()) as { name: string }).name

  // The colleague and the member of another faction have the paper open already.
  await Promise.all([openReader(dora, fileUrl), openReader(bernd, fileUrl)])

  // member-a highlights and shares with her faction.
  await openReader(anna, fileUrl)
  const quote = (await selectTwoLines(anna, '#pane-main')).split('\n')[0].trim()
  await anna.locator('rt-reader-view #pane-main rt-pdf-viewer').getByRole('button', { name: 'Markieren', exact: true }).click()
  const annaPanel = anna.getByRole('complementary', { name: /^Anmerkungen/ })
  const mine = annaPanel.locator('li.annotation').filter({ hasText: quote.slice(0, 20) })
  await mine.getByRole('textbox', { name: 'Kommentar' }).fill('Bitte in der Fraktionssitzung besprechen')
  await mine.getByRole('button', { name: /^Mit Fraktion/ }).click()
  await expect(mine.getByText('Mit der Fraktion geteilt.')).toBeVisible()
  await expect(mine.getByText('mit Fraktion geteilt', { exact: true })).toBeVisible()

  // The colleague sees it appear, with the author's name and the highlight on the page.
  const doraPanel = dora.getByRole('complementary', { name: /^Anmerkungen/ })
  // (other journeys may share notes on the same Stadtrat paper: this one is told by its comment)
  const shared = doraPanel.locator('li.annotation').filter({ hasText: `geteilt von ${annaName}` }).filter({ hasText: 'Bitte in der Fraktionssitzung besprechen' })
  await expect(shared).toHaveCount(1, { timeout: 30_000 })
  await expect(dora.locator('rt-reader-view #pane-main rt-pdf-viewer rt-annotation-layer rect.highlight').first()).toBeVisible()
  await shared.getByRole('button', { name: /^Bearbeiten/ }).click()
  await expect(shared.getByText(`Nur ${annaName} kann diese Anmerkung ändern.`, { exact: false })).toBeVisible()
  await expect(shared.getByRole('button', { name: 'Löschen' })).toHaveCount(0)
  await expectAccessible(dora, 'reader with a colleague’s shared annotation')

  // The other faction: nothing on the page, and member-a's faction document is not his to sync.
  const factionDoc = (await manifestOf(anna.request)).find((e) => e.type === ('faction-notes' as string) && e.meeting === meetingId)
  expect(factionDoc).toBeTruthy()
  expect((await manifestOf(bernd.request)).some((e) => e.url === factionDoc!.url)).toBe(false)
  await expect(bernd.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation')).toHaveCount(0)
  await expect(bernd.locator('rt-reader-view rt-annotation-layer rect.highlight')).toHaveCount(0)
  await Promise.all([a.close(), d.close(), b.close()])
})
