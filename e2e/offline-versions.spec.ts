/**
 * Member keeps a meeting offline and follows a new file version: member-a makes an upcoming meeting
 * available offline with one click in the meeting list (progress in files and bytes), checks the
 * storage it takes, loses the network, opens a paper's file and adds her own document; the clerk
 * uploads a corrected version of that attachment; her badge says "neuere Version online" and
 * "geändert seit Sie es gelesen haben" until the app has fetched it, she compares both versions,
 * and frees the storage again. axe on every view this journey adds.
 */
import { createHash } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { expectAccessible, manifestOf, paperAttachments, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'

interface PaperEntry {
  id: string
  reference: string
  state: string
}

async function textPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage()
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 760 - i * 20, size: 12, font }))
  return Buffer.from(await doc.save())
}

/** The agenda item (public part) of the meeting that presents a paper the clerk may still update. */
async function itemWithPaper(page: Page, papers: Map<string, PaperEntry>): Promise<{ reference: string; paper: PaperEntry } | undefined> {
  const items = page.locator('rt-agenda-item')
  await expect(items.first()).toBeVisible({ timeout: 30_000 })
  for (const text of await items.locator('.paper').allInnerTexts()) {
    const reference = text.replace(/^Vorlage\s+/, '').trim()
    const paper = papers.get(reference)
    if (paper && (paper.state === 'consultation' || paper.state === 'released')) return { reference, paper }
  }
  return undefined
}

test('member keeps a meeting offline, follows a new version, compares it and frees the storage', async ({ browser }) => {
  test.setTimeout(150_000)
  const member = await browser.newContext()
  const page = await member.newPage()
  await signIn(page, 'member-a')
  await waitForServiceWorker(page)
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })

  const office = await browser.newContext()
  const clerk = await office.newPage()
  await signIn(clerk, 'clerk')
  const papers = new Map(
    ((await (await clerk.request.get('/api/papers')).json()) as { papers: PaperEntry[] }).papers.filter((p) => p.reference).map((p) => [p.reference, p]),
  )

  // An upcoming meeting of her bodies with a paper on its agenda.
  const now = new Date().toISOString()
  const me = (await (await page.request.get('/api/me')).json()) as { memberships: { organizationId: string; organizationType: string }[] }
  const bodies = new Set(me.memberships.filter((m) => m.organizationType === 'Gremium').map((m) => m.organizationId))
  const candidates = (await manifestOf(page.request))
    .filter((e) => e.type === 'meeting' && e.meta?.state === 'invited' && e.meta.start > now && bodies.has(e.meta.organizationId) && e.meeting)
    .sort((a, b) => a.meta!.start.localeCompare(b.meta!.start))
  let chosen: { meetingId: string; name: string; reference: string; paper: PaperEntry } | undefined
  for (const c of candidates.slice(0, 6)) {
    await page.goto(`/app/meetings/${encodeURIComponent(c.meeting!)}`)
    const found = await itemWithPaper(page, papers)
    if (found) {
      chosen = { meetingId: c.meeting!, name: c.meta!.name, ...found }
      break
    }
  }
  expect(chosen, 'an invited meeting of member-a presents a paper in consultation').toBeDefined()
  const { meetingId, name, paper } = chosen!

  // The attachment the clerk will correct (its title names the file on the agenda).
  const { attachments, title } = await paperAttachments(clerk, paper.id)

  // One click in the meeting list; downloads are slowed a little so the progress can be seen.
  await member.route('**/api/files/*', async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 60))
    await route.fallback()
  })
  await page.goto('/app/')
  const entry = page.locator('rt-meetings-view li', { has: page.getByRole('link', { name, exact: true }) }).first()
  await entry.getByRole('button', { name: /^Offline verfügbar machen/ }).click()
  const bar = entry.getByRole('progressbar', { name: 'Offline-Speicherung' })
  await expect(bar).toBeVisible()
  await expect(bar).toHaveAttribute('aria-valuetext', /\d+ von \d+ Dateien, .+ von .+/)
  await expect(entry.getByText('offline verfügbar', { exact: true })).toBeVisible({ timeout: 60_000 })
  await expectAccessible(page, 'meeting list with pin buttons')

  // Second click: the meeting. Its files are on this device, with their versions.
  await entry.getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('button', { name: 'Offline-Daten entfernen' })).toBeVisible()
  const status = page.getByRole('list', { name: `Status von ${title}` }).first()
  await expect(status).toContainText('aktuell auf diesem Gerät', { timeout: 30_000 })
  await expectAccessible(page, 'meeting with file badges')

  // Storage overview: the meeting and the bytes it takes.
  await page.getByRole('link', { name: 'Offline-Speicher' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Offline-Speicher' })).toBeVisible()
  const stored = page.getByRole('list', { name: 'Speicher je Sitzung' }).getByRole('listitem').filter({ hasText: name })
  await expect(stored).toContainText(/\d+ Dateien, [\d,.]+ (KB|MB)/)
  await expect(page.getByText(/belegen zusammen etwa/)).toBeVisible()
  await expectAccessible(page, 'offline storage')

  // Offline: the file opens from the device; an own document is kept and queued.
  await member.setOffline(true)
  await stored.getByRole('link', { name }).click()
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'offline')
  const fileRow = page.locator('rt-agenda-item .files li', { has: page.getByRole('list', { name: `Status von ${title}` }) }).first()
  await fileRow.getByRole('link', { name: /^Öffnen/ }).first().click()
  await expect(page.locator('rt-pdf-viewer canvas')).toBeVisible({ timeout: 30_000 })
  await page.goBack()
  const own = page.getByRole('region', { name: 'Eigene Dokumente zur Sitzung' })
  await own.getByText('Eigenes Dokument hinzufügen').click()
  await own.getByLabel('PDF-Datei').setInputFiles({ name: 'Stellungnahme Bürgerverein.pdf', mimeType: 'application/pdf', buffer: await textPdf(['Stellungnahme des Bürgervereins']) })
  await own.getByRole('button', { name: 'Hinzufügen' }).click()
  const ownDoc = own.getByRole('listitem').filter({ hasText: 'Stellungnahme Bürgerverein.pdf' })
  await expect(ownDoc).toContainText('wird hochgeladen, sobald eine Verbindung besteht')
  await member.setOffline(false)
  await expect(ownDoc).not.toContainText('wird hochgeladen', { timeout: 45_000 })
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })

  // The clerk corrects the attachment. Her device learns of it at once; the download is held back.
  const corrected = await textPdf([`${title}`, 'Korrigierte Fassung: Kostenschätzung 1,4 Mio. Euro', 'Ergänzt um den Lageplan der Zufahrt'])
  const newSha = createHash('sha256').update(corrected).digest('hex')
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await member.route(`**/api/files/${newSha}`, async (route) => {
    await held
    await route.fallback()
  })
  const versionForm = attachments.getByRole('group', { name: `Neue Version von „${title}“` })
  await versionForm.getByLabel('Datei (PDF oder Bild)').setInputFiles({ name: 'Korrigiert.pdf', mimeType: 'application/pdf', buffer: corrected })
  await versionForm.getByLabel('Grund der neuen Version').fill('Kostenschätzung aktualisiert')
  await versionForm.getByRole('button', { name: 'Hochladen' }).click()
  await expect(attachments.getByText('„Kostenschätzung aktualisiert“')).toBeVisible()

  const badges = page.getByRole('list', { name: `Status von ${title}` }).first()
  await expect(badges).toContainText('neuere Version online', { timeout: 30_000 })
  await expect(badges).toContainText('geändert seit Sie es gelesen haben')
  release()
  await expect(badges).toContainText('aktuell auf diesem Gerät', { timeout: 30_000 })
  await expect(badges).toContainText('geändert seit Sie es gelesen haben')

  // Compare the version she read with the new one.
  const versions = page.locator('rt-file-versions', { has: page.getByRole('list', { name: `Status von ${title}` }) }).first()
  await versions.getByText(/^Versionen \(\d+\)/).click()
  await versions.getByRole('link', { name: /^Mit Version \d+ vergleichen/ }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Versionen vergleichen' })).toBeVisible()
  await expect(page.getByText(/Wörter eingefügt und \d+ Wörter gelöscht/)).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('rt-compare-view ins').filter({ hasText: 'Korrigierte' }).first()).toBeVisible()
  await expect(page.getByText('„Kostenschätzung aktualisiert“')).toBeVisible()
  await expectAccessible(page, 'version comparison')

  // Free the storage again.
  await page.goto('/app/offline')
  const again = page.getByRole('list', { name: 'Speicher je Sitzung' }).getByRole('listitem').filter({ hasText: name })
  await again.getByRole('button', { name: /^Speicher freigeben/ }).click()
  await expect(page.getByRole('status').filter({ hasText: `Der Speicher der Sitzung „${name}“ wurde freigegeben.` })).toBeVisible()
  await expect(page.getByText('Noch keine Sitzung ist auf diesem Gerät offline verfügbar.')).toBeVisible()
  await expectAccessible(page, 'offline storage after freeing')

  await office.close()
  await member.close()
})
