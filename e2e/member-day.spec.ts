/**
 * A council member's day with the app, end to end (issue 5):
 * member-a (CDU) makes the next Stadtrat meeting available offline from the meeting list, loses the
 * network, restarts the app (lock screen, PIN), reads two documents side by side, highlights a
 * passage with a comment and shares it with her faction — all offline — and searches her offline
 * documents (a word, the same word with "ae" for "ä", a typo). Back online, her faction colleague
 * member-d sees the shared note; member-b (SPD) never gets it. The clerk uploads a new version of
 * the paper's attachment with a cover page in front: member-a's badge changes, the new version
 * arrives on her device, and her highlight is re-anchored one page further on. axe on every view.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { expectAccessible, manifestOf, paperAttachments, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'
import { selectTwoLines } from './reader-helpers.ts'

interface PaperEntry {
  id: string
  reference: string
  state: string
}

const reader = (page: Page) => page.locator('rt-reader-view')
const mainViewer = (page: Page) => reader(page).locator('#pane-main rt-pdf-viewer')

async function viewerReady(page: Page): Promise<void> {
  await expect(mainViewer(page).locator('canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect.poll(async () => (await mainViewer(page).locator('.textLayer').innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0)
}

/** "Bürger" -> "Buerger": how people type umlauts on keyboards without them. */
const withoutUmlauts = (word: string) => word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')

/** A typo: one letter in the middle of the word left out. */
const typo = (word: string) => word.slice(0, Math.floor(word.length / 2)) + word.slice(Math.floor(word.length / 2) + 1)

async function search(page: Page, query: string): Promise<void> {
  await page.goto(`/app/search?q=${encodeURIComponent(query)}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Suche' })).toBeVisible()
}

test('member works offline with a meeting, shares a note with her faction and follows a new version', async ({ browser }) => {
  test.setTimeout(240_000)
  const contexts: BrowserContext[] = []
  const device = async () => {
    const context = await browser.newContext()
    contexts.push(context)
    return { context, page: await context.newPage() }
  }
  const { context: annaDevice, page: anna } = await device()
  const { page: clerk } = await device()
  await Promise.all([signIn(anna, 'member-a'), signIn(clerk, 'clerk')])
  await waitForServiceWorker(anna)
  await expect(syncStatus(anna)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })

  // The next invited Stadtrat meeting that presents a paper the office may still give a new version.
  const papers = new Map(
    ((await (await clerk.request.get('/api/papers')).json()) as { papers: PaperEntry[] }).papers.filter((p) => p.reference).map((p) => [p.reference, p]),
  )
  const now = new Date().toISOString()
  const candidates = (await manifestOf(anna.request))
    .filter((e) => e.type === 'meeting' && e.meta?.state === 'invited' && e.meta.start > now && /^Stadtrat/.test(e.meta.organizationName) && e.meeting)
    .sort((a, b) => a.meta!.start.localeCompare(b.meta!.start))
  let chosen: { meetingId: string; name: string; paper: PaperEntry } | undefined
  for (const c of candidates.slice(0, 4)) {
    await anna.goto(`/app/meetings/${encodeURIComponent(c.meeting!)}`)
    const items = anna.locator('rt-agenda-item')
    await expect(items.first()).toBeVisible({ timeout: 30_000 })
    for (const text of await items.locator('.paper').allInnerTexts()) {
      const paper = papers.get(text.replace(/^Vorlage\s+/, '').trim())
      if (paper && (paper.state === 'consultation' || paper.state === 'released')) {
        chosen = { meetingId: c.meeting!, name: c.meta!.name, paper }
        break
      }
    }
    if (chosen) break
  }
  expect(chosen, 'an invited Stadtrat meeting presents a paper in consultation').toBeDefined()
  const { meetingId, name, paper } = chosen!

  // The paper's first attachment: its title, and the version on the agenda.
  const { attachments, title } = await paperAttachments(clerk, paper.id)

  // Click 1 in the meeting list: the meeting with all its documents and versions on this device.
  await anna.goto('/app/')
  const entry = anna.locator('rt-meetings-view li', { has: anna.getByRole('link', { name, exact: true }) }).first()
  await entry.getByRole('button', { name: /^Offline verfügbar machen/ }).click()
  await expect(entry.getByText('offline verfügbar', { exact: true })).toBeVisible({ timeout: 90_000 })

  // Offline, and the app restarted: the lock screen asks for the PIN (signIn's handler types it),
  // then the meeting list opens from the device.
  await annaDevice.setOffline(true)
  await anna.reload()
  await expect(anna.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible({ timeout: 30_000 })
  await expect(syncStatus(anna)).toHaveAttribute('data-status', 'offline')
  // Click 2: the meeting.
  await anna.locator('rt-meetings-view').getByRole('link', { name, exact: true }).first().click()
  const badges = anna.getByRole('list', { name: `Status von ${title}` }).first()
  await expect(badges).toContainText('aktuell auf diesem Gerät', { timeout: 30_000 })
  await expectAccessible(anna, 'meeting offline with file badges')

  // Two documents side by side.
  const fileRow = anna.locator('rt-agenda-item .files li', { has: badges }).first()
  await fileRow.getByRole('link', { name: /^Öffnen/ }).first().click()
  await viewerReady(anna)
  const attachmentUrl = new URL(anna.url())
  const oldSha = attachmentUrl.pathname.split('/').pop()!
  await anna.getByRole('button', { name: 'Dokument öffnen' }).click()
  const picker = anna.getByRole('region', { name: 'Dokumente der Sitzung' })
  const labels = await picker.locator('li').allInnerTexts()
  await picker.getByRole('button', { name: /^Daneben öffnen/ }).nth(labels.findIndex((l) => !l.includes('(geöffnet)'))).click()
  await expect(reader(anna).locator('#pane-split rt-pdf-viewer canvas.main')).toBeVisible({ timeout: 30_000 })
  await expect(anna.getByRole('tablist', { name: 'Geöffnete Dokumente' }).getByRole('tab')).toHaveCount(2)

  // A highlight with a comment, shared with the faction — offline.
  const page1 = await mainViewer(anna).locator('.textLayer').innerText()
  const quote = (await selectTwoLines(anna, '#pane-main')).split('\n')[0].trim()
  await mainViewer(anna).getByRole('button', { name: 'Markieren', exact: true }).click()
  const panel = anna.getByRole('complementary', { name: /^Anmerkungen/ })
  const mine = panel.locator('li.annotation').filter({ hasText: quote.slice(0, 20) })
  await mine.getByRole('textbox', { name: 'Kommentar' }).fill('Kosten in der Fraktion besprechen')
  await mine.getByRole('button', { name: /^Mit Fraktion/ }).click()
  await expect(mine.getByText('mit Fraktion geteilt', { exact: true })).toBeVisible()
  await expectAccessible(anna, 'reader offline, two documents and a shared highlight')

  // Local search, offline: a rare word of the page, one written with "ae" for "ä", and a typo.
  // Each finds the attachment (a hit linking to this file).
  const words = [...new Set(page1.split(/[^A-Za-zÄÖÜäöüß]+/))].filter((w) => w.length >= 8).sort((x, y) => y.length - x.length)
  const rare = words[0]
  const umlaut = words.find((w) => /[äöü]/.test(w)) ?? rare
  for (const query of [rare, withoutUmlauts(umlaut), typo(rare)]) {
    const hitsOnFile = anna.locator(`rt-search-view li.hit a[href*="${oldSha}"]`)
    // the index may still be taking in the files the pin just fetched: ask again until it has
    await expect(async () => {
      await search(anna, query)
      await expect(hitsOnFile.first()).toBeVisible({ timeout: 5000 })
    }, `offline search for "${query}" finds the attachment`).toPass({ timeout: 60_000 })
  }
  await expectAccessible(anna, 'search offline')

  // Online again: the highlight reaches the faction's document on the relay.
  await annaDevice.setOffline(false)
  await expect(syncStatus(anna)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 })

  // member-d (CDU) sees it; member-b (SPD) does not, and cannot sync the faction's document.
  const { page: dora } = await device()
  const { page: bernd } = await device()
  await Promise.all([signIn(dora, 'member-d'), signIn(bernd, 'member-b')])
  await dora.goto(attachmentUrl.pathname)
  await viewerReady(dora)
  const shared = dora.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation').filter({ hasText: 'Kosten in der Fraktion besprechen' })
  await expect(shared).toHaveCount(1, { timeout: 45_000 })
  const factionDoc = (await manifestOf(anna.request)).find((e) => e.type === ('faction-notes' as string) && e.meeting === meetingId)
  expect(factionDoc, 'the CDU document of the meeting').toBeTruthy()
  expect((await manifestOf(bernd.request)).some((e) => e.url === factionDoc!.url)).toBe(false)
  await bernd.goto(attachmentUrl.pathname)
  await viewerReady(bernd)
  await expect(bernd.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation')).toHaveCount(0)

  // The clerk uploads a new version: the same document behind a new cover page.
  const oldBytes = await (await clerk.request.get(`/api/files/${oldSha}`)).body()
  const revised = await PDFDocument.load(oldBytes)
  const cover = revised.insertPage(0)
  cover.drawText('Deckblatt: ergänzte Fassung', { x: 50, y: 760, size: 14, font: await revised.embedFont(StandardFonts.Helvetica) })
  const versionForm = attachments.getByRole('group', { name: `Neue Version von „${title}“` })
  await versionForm.getByLabel('Datei (PDF oder Bild)').setInputFiles({ name: 'Ergänzt.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await revised.save()) })
  await versionForm.getByLabel('Grund der neuen Version').fill('Deckblatt ergänzt')
  await versionForm.getByRole('button', { name: 'Hochladen' }).click()
  await expect(attachments.getByText('„Deckblatt ergänzt“')).toBeVisible()

  // member-a's meeting: the badge changes, then the app fetches the new version.
  await anna.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  const newBadges = anna.getByRole('list', { name: `Status von ${title}` }).first()
  await expect(newBadges).toContainText('geändert seit Sie es gelesen haben', { timeout: 45_000 })
  await expect(newBadges).toContainText('aktuell auf diesem Gerät', { timeout: 45_000 })
  await expectAccessible(anna, 'meeting after a new version')

  // The new version opens with her highlight re-anchored on the page after the cover.
  const newRow = anna.locator('rt-agenda-item .files li', { has: newBadges }).first()
  await newRow.getByRole('link', { name: /^Öffnen/ }).first().click()
  await viewerReady(anna)
  expect(new URL(anna.url()).pathname.split('/').pop()).not.toBe(oldSha)
  const moved = anna.getByRole('complementary', { name: /^Anmerkungen/ }).locator('li.annotation').filter({ hasText: 'Kosten in der Fraktion besprechen' })
  await expect(moved).toContainText('in dieser Version auf Seite 2', { timeout: 30_000 })
  await expectAccessible(anna, 'reader with a re-anchored highlight')

  for (const context of contexts) await context.close()
})
