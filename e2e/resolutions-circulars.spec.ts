/**
 * Outcomes of the Sitzungsdienst in the browser: the clerk starts a circular decision (§ 54 KVG
 * LSA) in the Bauausschuss, a member answers it offline with an objection (queued in the outbox,
 * sent when the connection is back), the procedure fails at once and both see the result. Then the
 * clerk assigns a resolution in the Beschlusskontrolle and adds a progress report; a member of the
 * body reads it, a member of another body does not see the non-public one. Every view passes axe.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import type { ResolutionEntry } from '@ratstisch/domain'
import { expectAccessible, signIn } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

async function newUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

const stamp = Date.now().toString(36)
const circularTitle = `Umlauf Spielplatzgeräte ${stamp}`

test('a circular decision: created by the clerk, answered offline by a member, result shown', async ({ browser }) => {
  test.setTimeout(300_000)
  const clerk = await newUser(browser, 'clerk')
  await clerk.getByRole('link', { name: 'Umlaufverfahren' }).click()
  await expect(clerk.getByRole('heading', { level: 1, name: 'Umlaufverfahren' })).toBeVisible()
  await clerk.getByText('Neues Umlaufverfahren').click()
  await clerk.getByLabel('Gremium', { exact: true }).selectOption({ label: 'Bau- und Vergabeausschuss' })
  await clerk.getByLabel('Betreff', { exact: true }).fill(circularTitle)
  await clerk.getByLabel('Beschlussvorschlag', { exact: true }).fill('Der Bauausschuss beschließt die Beschaffung neuer Spielplatzgeräte für 12.000 €.')
  await expectAccessible(clerk, 'circulars (clerk, form open)')
  await clerk.getByRole('button', { name: 'Umlaufverfahren starten' }).click()
  await expect(clerk.getByRole('heading', { level: 1, name: circularTitle })).toBeVisible()
  await expect(clerk.getByText(/0 von \d+ haben geantwortet/)).toBeVisible()
  const circularUrl = clerk.url()
  await expectAccessible(clerk, 'circular (clerk)')

  // member-a sits in the Bauausschuss: sees the circular and answers, first offline
  const member = await newUser(browser, 'member-a')
  await member.getByRole('link', { name: 'Umlaufverfahren' }).click()
  await expect(member.getByRole('heading', { level: 1, name: 'Umlaufverfahren' })).toBeVisible()
  await expectAccessible(member, 'circulars (member)')
  await member.getByRole('link', { name: circularTitle }).click()
  await expect(member.getByRole('heading', { level: 1, name: circularTitle })).toBeVisible()
  await expect(member.getByRole('group', { name: 'Ihre Stimme' })).toBeVisible()
  await expectAccessible(member, 'circular (member)')

  await member.context().setOffline(true)
  let confirmText = ''
  member.once('dialog', (dialog) => {
    confirmText = dialog.message()
    void dialog.accept()
  })
  await member.getByRole('button', { name: 'Widerspruch' }).click()
  await expect(member.getByText('Ihre Antwort „Widerspruch“ wird gesendet, sobald eine Verbindung besteht.')).toBeVisible()
  expect(confirmText).toMatch(/Ein einziger Widerspruch beendet das Umlaufverfahren/)
  await member.context().setOffline(false)
  await expect(member.getByText('Ihre Antwort wurde übermittelt.')).toBeVisible({ timeout: 30_000 })
  await expect(member.getByText('Ihre Antwort: Widerspruch')).toBeVisible()
  await expect(member.locator('.badge', { hasText: 'abgelehnt' })).toBeVisible()
  await expect(member.locator('p.result')).toContainText(/Widerspruch/)
  await expectAccessible(member, 'circular (member, decided)')

  // the clerk sees the result and the answer
  await clerk.goto(circularUrl)
  await expect(clerk.locator('.badge', { hasText: 'abgelehnt' })).toBeVisible()
  await expect(clerk.getByRole('cell', { name: 'Widerspruch' })).toBeVisible()

  // member-b does not sit in the Bauausschuss: the circular is not there for them
  const other = await newUser(browser, 'member-b')
  await other.goto(circularUrl)
  await expect(other.getByRole('alert')).toBeVisible()
  await expect(other.getByRole('heading', { level: 1, name: circularTitle })).toHaveCount(0)
})

test('Beschlusskontrolle: the clerk assigns a resolution and adds a progress report', async ({ browser }) => {
  test.setTimeout(300_000)
  const clerk = await newUser(browser, 'clerk')
  // a non-public resolution of the Bauausschuss from the demo town's held meetings whose title
  // names it alone (the article is found by its title); an open one with few reports if there is one
  const listed = await clerk.request.get('/api/resolutions')
  expect(listed.status()).toBe(200)
  const { resolutions } = (await listed.json()) as { resolutions: ResolutionEntry[] }
  const candidate = resolutions
    .filter(
      (r) =>
        !r.public &&
        r.organizationName === 'Bau- und Vergabeausschuss' &&
        resolutions.filter((o) => o.title.toLowerCase().includes(r.title.toLowerCase())).length === 1,
    )
    .sort((a, b) => Number(a.status === 'erledigt') - Number(b.status === 'erledigt') || a.reports.length - b.reports.length)[0]
  expect(candidate, 'a non-public resolution of the Bauausschuss').toBeTruthy()
  const resolutionTitle = candidate.title

  await clerk.getByRole('link', { name: 'Beschlüsse' }).click()
  await expect(clerk.getByRole('heading', { level: 1, name: 'Beschlusskontrolle' })).toBeVisible()
  await clerk.getByLabel('Gremium', { exact: true }).selectOption({ label: 'Bau- und Vergabeausschuss' })
  const entry = clerk.getByRole('article', { name: resolutionTitle })
  await expect(entry).toBeVisible()
  await expectAccessible(clerk, 'resolutions (clerk)')

  await entry.getByText('Zuständigkeit und Frist').click()
  await entry.getByLabel('Zuständiges Amt').selectOption({ index: 1 })
  await entry.getByLabel('Zuständige Person (optional)').fill('Frau Lehmann')
  await entry.getByLabel('Frist (optional)').fill('2027-06-30')
  await expectAccessible(clerk, 'resolutions (assign form)')
  await entry.getByRole('button', { name: 'Zuständigkeit speichern' }).click()
  await expect(entry.getByText('Zuständigkeit gespeichert.')).toBeVisible()
  await expect(entry.getByText(/Frau Lehmann/)).toBeVisible()

  await entry.getByText('Sachstandsbericht', { exact: true }).click()
  await entry.getByLabel('Neuer Stand').selectOption('in Arbeit')
  await entry.getByLabel('Sachstand', { exact: true }).fill('Ingenieurbüro beauftragt, Ausschreibung im Frühjahr.')
  await entry.getByRole('button', { name: 'Bericht hinzufügen' }).click()
  await expect(entry.getByText('Sachstandsbericht gespeichert.')).toBeVisible()
  await entry.getByText(`Verlauf (${candidate.reports.length + 1})`).click()
  await expect(entry.getByText('Ingenieurbüro beauftragt, Ausschreibung im Frühjahr.')).toBeVisible()
  await expect(entry.getByText(/in Arbeit/).first()).toBeVisible()
  await expectAccessible(clerk, 'resolutions (history)')

  // keyboard: the filters and the entry's disclosure widgets are reachable and usable
  await clerk.getByLabel('Nur überfällige').focus()
  await clerk.keyboard.press('Space')
  await expect(clerk.getByRole('article', { name: resolutionTitle })).toHaveCount(0)
  await clerk.keyboard.press('Space')
  await expect(clerk.getByRole('article', { name: resolutionTitle })).toBeVisible()

  // a member of the Bauausschuss reads it (no forms); a member of another body does not see it
  const member = await newUser(browser, 'member-a')
  await member.getByRole('link', { name: 'Beschlüsse' }).click()
  const seen = member.getByRole('article', { name: resolutionTitle })
  await expect(seen).toBeVisible()
  await expect(seen.getByText('Zuständigkeit und Frist')).toHaveCount(0)
  await expectAccessible(member, 'resolutions (member)')
  const other = await newUser(browser, 'member-b')
  await other.getByRole('link', { name: 'Beschlüsse' }).click()
  await expect(other.getByRole('heading', { level: 1, name: 'Beschlusskontrolle' })).toBeVisible()
  await expect(other.getByRole('status').filter({ hasText: 'Beschlüsse' })).toBeVisible()
  await expect(other.getByRole('article', { name: resolutionTitle })).toHaveCount(0)
})
