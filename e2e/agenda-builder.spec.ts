/**
 * The clerk plans a committee meeting and builds its agenda: a new meeting from the planning view
 * (with the conflict check against the meeting just planned), two papers from the committee's
 * queue and a free item, reordering by keyboard (focus stays on the moved item) and by drag and
 * drop, a sub-item, an item moved to the non-public part, Ö/N numbering that survives a reload,
 * and the Ladungsfrist warning for an invitation date too close to the meeting. Both views pass axe.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectAccessible, focusedElement, signIn } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

const COMMITTEES = ['org-bauausschuss', 'org-finanzausschuss', 'org-sozialausschuss', 'org-ordnungsausschuss', 'org-hauptausschuss']

interface QueuePaper {
  id: string
  name: string
}

/** A committee of the demo town with at least two papers awaiting consultation. */
async function committeeWithQueue(page: Page): Promise<{ organizationId: string; papers: QueuePaper[] }> {
  for (const organizationId of COMMITTEES) {
    const res = await page.request.get(`/api/organizations/${organizationId}/queue`)
    expect(res.status()).toBe(200)
    const { papers } = (await res.json()) as { papers: QueuePaper[] }
    if (papers.length >= 2) return { organizationId, papers }
  }
  throw new Error('no committee of the demo town has two papers in its queue')
}

/** A date `days` from today (town time), "YYYY-MM-DD". */
function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

const monthName = (month: string) =>
  new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`))

const part = (page: Page, name: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil') => page.getByRole('region', { name, exact: true })
const item = (scope: Page | Locator, title: string) => scope.getByRole('listitem', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
const numberOf = async (li: Locator) => ((await li.locator('.num').textContent()) ?? '').trim()

test('the clerk plans a meeting and builds its agenda', async ({ page }) => {
  test.setTimeout(180_000)
  await signIn(page, 'clerk')
  const { organizationId, papers } = await committeeWithQueue(page)
  const meetingDay = dayFromNow(40)

  // --- planning view ---
  await page.getByRole('link', { name: 'Sitzungsplanung' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungsplanung' })).toBeVisible()
  await page.getByRole('button', { name: 'Neue Sitzung' }).click()
  const form = page.getByRole('form', { name: 'Neue Sitzung' })
  await form.getByLabel('Gremium').selectOption(organizationId)
  await form.getByLabel('Datum').fill(meetingDay)
  await form.getByLabel('Beginn').fill('17:00')
  await form.getByLabel('Ende (optional)').fill('19:00')
  await form.getByLabel('Geplanter Einladungstag').fill(dayFromNow(38))
  await expect(form.getByText(/Keine Überschneidungen|Überschneidungen/).first()).toBeVisible()
  await expectAccessible(page, 'planning: new meeting')
  await form.getByRole('button', { name: 'Sitzung anlegen' }).click()

  // --- agenda builder ---
  await expect(page).toHaveURL(/\/app\/meetings\/[^/]+\/agenda$/)
  const agendaUrl = page.url()
  await expect(page.getByRole('heading', { level: 1, name: 'Tagesordnung bearbeiten' })).toBeVisible({ timeout: 30_000 })
  // two days before the meeting: the Ladungsfrist (7 days in the demo town) is violated
  await expect(page.getByRole('alert').filter({ hasText: 'Ladungsfrist nicht eingehalten' })).toBeVisible()

  const queue = page.getByRole('region', { name: 'Wartet auf Beratung' })
  // motions (papers of type Antrag) as a filter
  await queue.getByLabel('Anzeigen').selectOption('motions')
  await expect(queue.getByRole('heading', { name: 'Andere Vorlagen' })).toHaveCount(0)
  await queue.getByLabel('Anzeigen').selectOption('all')
  await expect(queue.getByRole('heading', { name: 'Andere Vorlagen' })).toBeVisible()
  const [first, second] = papers
  for (const paper of [first, second]) {
    await queue.getByRole('button', { name: `Hinzufügen: ${paper.name}` }).click()
    await expect(item(part(page, 'Öffentlicher Teil'), paper.name)).toBeVisible()
    // a paper on the agenda is not offered again
    await expect(queue.getByRole('button', { name: `Hinzufügen: ${paper.name}` })).toHaveCount(0)
  }
  const free = 'Bericht der Verwaltung zur Baustellenkoordination'
  await page.getByLabel('Titel des Tagesordnungspunkts').fill(free)
  await page.getByRole('button', { name: 'TOP hinzufügen' }).click()
  const freeItem = item(part(page, 'Öffentlicher Teil'), free)
  await expect(freeItem).toBeVisible()

  // --- keyboard: Alt+ArrowUp moves the free item above the second paper; focus stays on it ---
  const before = await numberOf(freeItem)
  await freeItem.focus()
  await page.keyboard.press('Alt+ArrowUp')
  await expect.poll(() => numberOf(freeItem)).not.toBe(before)
  const after = await numberOf(freeItem)
  expect(Number(after.slice(2))).toBe(Number(before.slice(2)) - 1)
  expect((await focusedElement(page)).tag).toBe('li')
  await expect(page.getByRole('status').filter({ hasText: `ist jetzt ${after}` })).toBeAttached()
  // the button does the same
  await freeItem.getByRole('button', { name: /^nach unten:/ }).click()
  await expect.poll(() => numberOf(freeItem)).toBe(before)

  // --- drag and drop: the second paper before the first ---
  const firstItem = item(part(page, 'Öffentlicher Teil'), first.name)
  const secondItem = item(part(page, 'Öffentlicher Teil'), second.name)
  const firstNumber = await numberOf(firstItem)
  await secondItem.dragTo(firstItem)
  await expect.poll(() => numberOf(secondItem)).toBe(firstNumber)

  // --- sub-item: the first paper under the second ---
  await firstItem.getByRole('button', { name: /^Unterpunkt:/ }).click()
  await expect.poll(() => numberOf(firstItem)).toBe(`${firstNumber}.1`)

  // --- Ö → N: the free item moves to the non-public part (the other document) ---
  await freeItem.getByRole('button', { name: /^in nichtöffentlichen Teil:/ }).click()
  const freeConfidential = item(part(page, 'Nichtöffentlicher Teil'), free)
  await expect(freeConfidential).toBeVisible()
  await expect(item(part(page, 'Öffentlicher Teil'), free)).toHaveCount(0)
  expect(await numberOf(freeConfidential)).toMatch(/^N \d+$/)

  const numbers = async (name: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil') => part(page, name).locator('li.item .num').allTextContents()
  const publicNumbers = await numbers('Öffentlicher Teil')
  expect(publicNumbers.every((n) => /^Ö \d+(\.\d+)?$/.test(n.trim()))).toBe(true)
  expect(new Set(publicNumbers).size).toBe(publicNumbers.length)
  expect((await numbers('Nichtöffentlicher Teil')).every((n) => /^N \d+(\.\d+)?$/.test(n.trim()))).toBe(true)
  await expectAccessible(page, 'agenda builder')

  // --- the agenda is in the documents: a reload shows the same numbers ---
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Tagesordnung bearbeiten' })).toBeVisible({ timeout: 30_000 })
  await expect.poll(() => numbers('Öffentlicher Teil')).toEqual(publicNumbers)
  await expect(item(part(page, 'Nichtöffentlicher Teil'), free)).toBeVisible()
  expect(await numberOf(item(part(page, 'Öffentlicher Teil'), first.name))).toBe(`${firstNumber}.1`)

  // --- a regular invitation date clears the warning ---
  await page.getByLabel('Geplanter Einladungstag').fill(dayFromNow(20))
  await page.getByLabel('Geplanter Einladungstag').blur()
  await expect(page.getByText(/Ladungsfrist eingehalten/)).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'Ladungsfrist nicht eingehalten' })).toHaveCount(0)

  // --- the calendar lists the meeting; a second meeting at the same time warns about it ---
  await page.goto('/app/planning')
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungsplanung' })).toBeVisible()
  await page.getByRole('radio', { name: 'Liste' }).check()
  const entry = page.locator(`a[href="${new URL(agendaUrl).pathname}"]`)
  const month = meetingDay.slice(0, 7)
  for (let i = 0; i < 3 && !(await page.getByRole('heading', { level: 2, name: monthName(month) }).count()); i++) await page.getByRole('button', { name: 'Nächster Monat' }).click()
  await expect(entry).toBeVisible()
  await expect(entry).toContainText('geplant')
  await page.getByRole('button', { name: 'Neue Sitzung' }).click()
  await form.getByLabel('Gremium').selectOption(organizationId)
  await form.getByLabel('Datum').fill(meetingDay)
  await form.getByLabel('Beginn').fill('18:00')
  await expect(form.getByText(/Gleiche Mitglieder/).first()).toBeVisible()
  await expectAccessible(page, 'planning: conflicts, list')
})
