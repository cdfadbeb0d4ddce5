/**
 * Journey of a paper through the administration: an author drafts while a colleague edits the
 * same section offline, sends it to co-signing, one department returns it, the author fixes it,
 * all departments sign, the mayor approves, the relay assigns the number, and the paper waits in
 * the Bauausschuss queue. The history shows every step; every view passes axe.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expectAccessible, signIn } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

async function newUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

const sachverhalt = (page: Page) => page.getByRole('textbox', { name: 'Sachverhalt', exact: true })
const history = (page: Page) => page.getByRole('region', { name: 'Verlauf' }).getByRole('listitem')

async function typeAtEnd(page: Page, text: string): Promise<void> {
  const box = sachverhalt(page)
  await box.click()
  await box.press('Control+End')
  await box.pressSequentially(text, { delay: 15 })
}

test('a paper from the first draft to its number and the committee queue', async ({ browser }) => {
  test.setTimeout(240_000)
  const author = await newUser(browser, 'author')

  // --- draft ---
  await author.getByRole('link', { name: 'Vorlagen' }).click()
  await author.getByRole('link', { name: 'Neue Vorlage' }).click()
  await expect(author.getByRole('heading', { level: 1, name: 'Neue Vorlage' })).toBeVisible()
  await expectAccessible(author, 'new paper')
  await author.getByLabel('Vorlagenart').selectOption('Beschlussvorlage')
  await author.getByLabel('Titel').fill('Radweg an der Mühlenstraße – Ausführungsplanung')
  await author.getByRole('button', { name: 'Entwurf anlegen' }).click()
  await expect(author.getByRole('heading', { level: 1, name: /Radweg an der Mühlenstraße/ })).toBeVisible()
  const paperUrl = author.url()
  await expect(author.getByText('Entwurf – noch ohne Nummer').first()).toBeVisible()
  await typeAtEnd(author, 'Die Mühlenstraße hat keinen Radweg.')

  // --- a colleague edits the same section, offline for a while ---
  const colleague = await newUser(browser, 'author-2')
  await colleague.goto(paperUrl)
  await expect(sachverhalt(colleague)).toHaveValue(/keinen Radweg/)
  await colleague.context().setOffline(true)
  await typeAtEnd(colleague, ' Offline ergänzt: 1,2 km Lücke.')
  await typeAtEnd(author, ' Schulweg!')
  await colleague.context().setOffline(false)
  for (const page of [author, colleague]) {
    await expect(sachverhalt(page)).toHaveValue(/Offline ergänzt: 1,2 km Lücke\./, { timeout: 30_000 })
    await expect(sachverhalt(page)).toHaveValue(/Schulweg!/)
  }
  await expectAccessible(author, 'paper draft')

  // --- Beratungsfolge ---
  const consultations = author.getByRole('region', { name: 'Beratungsfolge' })
  await consultations.getByLabel('Gremium').selectOption({ label: 'Bau- und Vergabeausschuss' })
  await consultations.getByLabel('Beratungsart').selectOption('Vorberatung')
  await consultations.getByRole('button', { name: 'Beratung hinzufügen' }).click()
  await consultations.getByLabel('Gremium').selectOption({ label: 'Stadtrat' })
  await consultations.getByLabel('Beratungsart').selectOption('Entscheidung')
  await consultations.getByRole('button', { name: 'Beratung hinzufügen' }).click()
  await expect(consultations.getByRole('listitem')).toHaveCount(2)

  // --- an attachment, then a corrected version: both versions stay, with who and why ---
  const attachments = author.getByRole('region', { name: 'Anlagen' })
  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`)
  await attachments.getByLabel('Bezeichnung der Anlage').fill('Lageplan Radweg')
  await attachments.getByLabel('Datei (PDF oder Bild)').setInputFiles({ name: 'Lageplan.pdf', mimeType: 'application/pdf', buffer: pdf('v1') })
  await attachments.getByRole('button', { name: 'Hochladen' }).click()
  await expect(attachments.getByText('Version 1')).toBeVisible()
  const versionForm = attachments.getByRole('group', { name: 'Neue Version von „Lageplan Radweg“' })
  await versionForm.getByLabel('Datei (PDF oder Bild)').setInputFiles({ name: 'Lageplan-korrigiert.pdf', mimeType: 'application/pdf', buffer: pdf('v2') })
  await versionForm.getByLabel('Grund der neuen Version').fill('Trasse an der Schule korrigiert')
  await versionForm.getByRole('button', { name: 'Hochladen' }).click()
  await expect(attachments.getByText('Version 2')).toBeVisible()
  await expect(attachments.getByText('Version 1')).toBeVisible()
  await expect(attachments.getByText('„Trasse an der Schule korrigiert“')).toBeVisible()
  await expect(attachments.getByRole('link', { name: 'Lageplan.pdf' })).toBeVisible()

  // --- co-signing ---
  await author.getByRole('button', { name: 'Zur Mitzeichnung senden' }).click()
  await author.getByRole('checkbox', { name: 'Amt für Finanzen' }).check()
  await author.getByRole('checkbox', { name: 'Amt für Ordnung und Umwelt' }).check()
  await author.getByRole('button', { name: 'Bestätigen' }).click()
  await expect(author.getByText('Mitzeichnung', { exact: true }).first()).toBeVisible()
  await expect(sachverhalt(author)).toHaveAttribute('readonly', '')

  // the Kämmerei finds it in its inbox and returns it
  const kaemmerei = await newUser(browser, 'kaemmerei')
  await kaemmerei.getByRole('link', { name: 'Vorlagen' }).click()
  await kaemmerei.getByRole('link', { name: /Radweg an der Mühlenstraße/ }).first().click()
  await expect(kaemmerei.getByRole('heading', { level: 1, name: /Radweg an der Mühlenstraße/ })).toBeVisible()
  await expect(sachverhalt(kaemmerei)).toHaveAttribute('readonly', '')
  await expectAccessible(kaemmerei, 'paper for co-signing')
  await kaemmerei.getByRole('button', { name: 'Mit Anmerkung zurückgeben' }).click()
  await kaemmerei.getByLabel('Kommentar').fill('Bitte die Kostenschätzung ergänzen.')
  await kaemmerei.getByRole('button', { name: 'Bestätigen' }).click()
  await expect(kaemmerei.getByText('zurückgegeben').first()).toBeVisible()

  // the author fixes it and sends it again
  await expect(sachverhalt(author)).not.toHaveAttribute('readonly', '', { timeout: 15_000 })
  await typeAtEnd(author, ' Kosten: 380.000 €.')
  await author.getByRole('button', { name: 'Zur Mitzeichnung senden' }).click()
  await author.getByRole('checkbox', { name: 'Amt für Finanzen' }).check()
  await author.getByRole('checkbox', { name: 'Amt für Ordnung und Umwelt' }).check()
  await author.getByRole('button', { name: 'Bestätigen' }).click()

  await expect(author.getByText('„Zur Mitzeichnung senden“ wurde ausgeführt.')).toBeVisible({ timeout: 30_000 })
  // the Kämmerei's open page follows live
  await expect(sachverhalt(kaemmerei)).toHaveValue(/380\.000 €/)
  await kaemmerei.getByRole('button', { name: 'Mitzeichnen' }).click({ timeout: 30_000 })
  const ordnungsamt = await newUser(browser, 'ordnungsamt')
  await ordnungsamt.goto(paperUrl)
  await ordnungsamt.getByRole('button', { name: 'Mitzeichnen' }).click()
  await expect(ordnungsamt.getByText('Freigabe', { exact: true }).first()).toBeVisible()

  // --- the mayor approves: the relay assigns the number ---
  const mayor = await newUser(browser, 'mayor')
  await mayor.goto(paperUrl)
  await expectAccessible(mayor, 'paper for approval')
  await mayor.getByRole('button', { name: 'Freigeben' }).click()
  await expect(mayor.getByText(/^BV \d+ \(VIII\/2024-2029\)$/).first()).toBeVisible()
  const reference = (await mayor.getByText(/^BV \d+ \(VIII\/2024-2029\)$/).first().textContent())!.trim()

  // --- history shows every step, with actor ---
  await author.reload()
  await expect(author.getByText(reference).first()).toBeVisible()
  const steps = await history(author).allTextContents()
  const expected = [
    'Angelegt',
    'Zur Mitzeichnung senden',
    'Mit Anmerkung zurückgeben',
    'Zur Mitzeichnung senden',
    'Mitzeichnen',
    'Mitzeichnen',
    'Freigeben',
  ]
  expect(steps).toHaveLength(expected.length)
  expected.forEach((step, i) => expect(steps[i]).toContain(step))
  expect(steps[2]).toContain('Bitte die Kostenschätzung ergänzen.')
  expect(steps[6]).toContain(reference)
  await expectAccessible(author, 'released paper')

  // --- the PDF made in the browser is byte-identical to the relay's ---
  await author.getByRole('button', { name: 'PDF erzeugen' }).click()
  const pdfLink = author.getByRole('region', { name: 'PDF der Vorlage' }).getByRole('link', { name: /\.pdf$/ })
  const [download] = await Promise.all([author.waitForEvent('download'), pdfLink.click()])
  const local = readFileSync((await download.path())!)
  const fromRelay = await author.request.get(`/api/papers/${paperUrl.split('/').pop()}/pdf`)
  expect(fromRelay.status()).toBe(200)
  const remote = Buffer.from(await fromRelay.body())
  expect(local.subarray(0, 5).toString()).toBe('%PDF-')
  expect(createHash('sha256').update(local).digest('hex')).toBe(createHash('sha256').update(remote).digest('hex'))
  expect(download.suggestedFilename()).toContain(reference.split(' (')[0])

  // --- the paper waits in the Bauausschuss queue ---
  const clerk = await newUser(browser, 'clerk')
  const queue = await clerk.request.get('/api/organizations/org-bauausschuss/queue')
  expect(queue.status()).toBe(200)
  const queued = ((await queue.json()) as { papers: Array<{ reference: string }> }).papers.map((p) => p.reference)
  expect(queued).toContain(reference)
  await clerk.goto('/app/papers?view=all&body=org-bauausschuss')
  await expect(clerk.getByLabel('Wartet auf Beratung in')).toHaveValue('org-bauausschuss')
  await expect(clerk.getByRole('link', { name: new RegExp(reference.replace(/[()]/g, '\\$&')) })).toBeVisible()
  await expect(clerk.getByText('wartet auf Beratung: Bau- und Vergabeausschuss (Vorberatung)').first()).toBeVisible()
  await expectAccessible(clerk, 'queue of the Bauausschuss')
  // a member of the Bauausschuss can read it now; it is not public
  const member = await newUser(browser, 'member-a')
  const manifest = ((await (await member.request.get('/api/sync/manifest')).json()) as { documents: Array<{ url: string; type: string }> }).documents
  const paperEntry = (await (await clerk.request.get(`/api/papers/${paperUrl.split('/').pop()}`)).json()) as { url: string; public: boolean }
  expect(manifest.map((d) => d.url)).toContain(paperEntry.url)
  expect(paperEntry.public).toBe(false)

  for (const page of [author, colleague, kaemmerei, ordnungsamt, mayor, clerk, member]) await page.context().close()
})
