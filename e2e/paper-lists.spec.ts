/**
 * Staff work with the paper lists (Amtsinfo / Führungsinfo): the clerk opens "Vorlagen", switches
 * to all papers, filters by state and department, moves through the rows by keyboard, opens a
 * paper and comes back to the same filtered list, reads the overview and follows a count into the
 * filtered list, and still has the list offline with its date. An author sees the drafts of their
 * department but never another department's, and searches by keyboard. member-a, a council
 * member, has no "Vorlagen" navigation at all.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectAccessible, signIn, waitForServiceWorker } from './journey-helpers.ts'

interface PaperRow {
  id: string
  name: string
  reference: string
  state: string
  departmentId: string
  department: string
  paperType: string
  updatedAt: string
  cosigning: Record<string, string>
  cosigningDue: string | null
}

const IN_ADMINISTRATION = ['draft', 'cosigning', 'approval']
const STATE_LABEL: Record<string, string> = {
  draft: 'Entwurf',
  cosigning: 'Mitzeichnung',
  approval: 'Freigabe',
  released: 'freigegeben',
  consultation: 'in Beratung',
  done: 'erledigt',
  withdrawn: 'zurückgezogen',
}

async function papersOf(page: Page): Promise<PaperRow[]> {
  const res = await page.request.get('/api/papers')
  expect(res.status()).toBe(200)
  return ((await res.json()) as { papers: PaperRow[] }).papers
}

const view = (page: Page) => page.locator('rt-paper-lists-view')
const countLine = (page: Page) => view(page).locator('p.count')
const listNav = (page: Page) => page.getByRole('navigation', { name: 'Listen' })
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' })
const rowsOf = (list: Locator) => list.getByRole('listitem')

/** aria-posinset of the row whose link has keyboard focus (through shadow roots). */
async function focusedRow(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    const li = el?.closest('li[aria-posinset]')
    return el?.tagName === 'A' && li ? Number(li.getAttribute('aria-posinset')) : null
  })
}

const mostCommon = (values: string[]): string =>
  [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0]

test('clerk works through all papers by filter and keyboard, and follows the overview into the list', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'clerk')

  await mainNav(page).getByRole('link', { name: 'Vorlagen', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible()
  await expect(listNav(page).getByRole('link', { name: /^Meine Aufgaben/ })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('link', { name: 'Neue Vorlage' })).toHaveAttribute('href', '/app/papers/new')
  const papers = await papersOf(page)
  expect(papers.length, 'the demo town has papers').toBeGreaterThan(0)
  // papers in every workflow state of the administration are visible to the clerk's office
  await expect(countLine(page)).toBeVisible()
  await expectAccessible(page, 'paper lists: my tasks (clerk)')

  // All papers: the count, list semantics, and only a window of rows in the DOM
  await listNav(page).getByRole('link', { name: /^Alle Vorlagen/ }).click()
  await expect(page).toHaveURL(/\/app\/papers\?view=all$/)
  const list = page.getByRole('list', { name: /^Alle Vorlagen: \d+ Vorlagen$/ })
  await expect(rowsOf(list).first()).toBeVisible()
  await expect(countLine(page)).toHaveText(`${papers.length} von ${papers.length} Vorlagen`)
  await expect(rowsOf(list).first()).toHaveAttribute('aria-setsize', String(papers.length))
  await expect(rowsOf(list).first()).toHaveAttribute('aria-posinset', '1')
  const inDom = await rowsOf(list).count()
  expect(inDom).toBeLessThanOrEqual(Math.min(papers.length, 60))

  // Filter by the most common state, then by the department with most papers in it
  const state = mostCommon(papers.map((p) => p.state))
  const inState = papers.filter((p) => p.state === state)
  await view(page).getByLabel('Status').selectOption(state)
  await expect(countLine(page)).toHaveText(`${inState.length} von ${papers.length} Vorlagen`)
  await expect(page).toHaveURL(new RegExp(`state=${state}`))
  const dept = mostCommon(inState.map((p) => p.departmentId))
  const filtered = inState.filter((p) => p.departmentId === dept)
  await view(page).getByLabel('Federführendes Amt').selectOption(dept)
  await expect(countLine(page)).toHaveText(`${filtered.length} von ${papers.length} Vorlagen`)
  await expect(page).toHaveURL(new RegExp(`state=${state}&dept=${dept}`))
  // the live region tells screen-reader users the new count
  await expect(view(page).locator('[role="status"]')).toHaveText(`${filtered.length} von ${papers.length} Vorlagen`)
  const filteredList = page.getByRole('list', { name: /^Alle Vorlagen:/ })
  await expect(rowsOf(filteredList).first()).toHaveAttribute('aria-setsize', String(filtered.length))
  for (const text of await rowsOf(filteredList).allInnerTexts()) expect(text).toContain(STATE_LABEL[state] ?? state)
  await expectAccessible(page, 'paper lists: all papers, filtered (clerk)')

  // Keyboard: Tab from the filters into the list lands on the first row; arrows, End, Home move
  await view(page).getByRole('button', { name: 'Filter zurücksetzen' }).focus()
  await page.keyboard.press('Tab')
  expect(await focusedRow(page)).toBe(1)
  if (filtered.length > 2) {
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focusedRow(page)).toBe(3)
    await page.keyboard.press('ArrowUp')
    expect(await focusedRow(page)).toBe(2)
  }
  await page.keyboard.press('End')
  await expect.poll(() => focusedRow(page)).toBe(filtered.length)
  await page.keyboard.press('Home')
  await expect.poll(() => focusedRow(page)).toBe(1)
  // Tab leaves the list (one Tab stop), Shift+Tab comes back to the same row
  await page.keyboard.press('Tab')
  expect(await focusedRow(page)).toBeNull()
  await page.keyboard.press('Shift+Tab')
  expect(await focusedRow(page)).toBe(1)

  // Enter opens the paper; Back returns to the same filtered list
  const href = (await rowsOf(filteredList).first().getByRole('link').getAttribute('href'))!
  const opened = filtered.find((p) => href === `/app/papers/${encodeURIComponent(p.id)}`)
  expect(opened, `row ${href} is one of the filtered papers`).toBeDefined()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await page.goBack()
  await expect(countLine(page)).toHaveText(`${filtered.length} von ${papers.length} Vorlagen`)
  await expect(view(page).getByLabel('Status')).toHaveValue(state)

  // Führungsinfo: counts per department and state, each a link into the filtered list
  await mainNav(page).getByRole('link', { name: 'Führungsinfo' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Führungsinfo' })).toBeVisible()
  const table = page.getByRole('table', { name: /Anzahl der Vorlagen je federführendem Amt und Status/ })
  await expect(table).toBeVisible()
  await expect(table.getByRole('columnheader', { name: STATE_LABEL.draft, exact: true })).toBeVisible()
  const deptName = papers.find((p) => p.departmentId === dept)!.department
  await expect(table.getByRole('rowheader', { name: deptName })).toBeVisible()
  await expectAccessible(page, 'Führungsinfo (clerk)')
  const cell = table.getByRole('link', { name: `${filtered.length} Vorlagen: ${deptName}, ${STATE_LABEL[state] ?? state}`, exact: true })
  await cell.click()
  await expect(page).toHaveURL(new RegExp(`/app/papers\\?view=all&state=${state}&dept=${dept}$`))
  await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible()
  await expect(countLine(page)).toHaveText(`${filtered.length} von ${papers.length} Vorlagen`)

  // Overdue co-signings: the overview's per-department figure leads to the overdue list
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
  const overdue = papers.filter(
    (p) => p.state === 'cosigning' && p.cosigningDue && p.cosigningDue.slice(0, 10) < today && Object.values(p.cosigning).includes('pending'),
  )
  await expect(listNav(page).getByRole('link', { name: /^Überfällige Mitzeichnungen/ })).toHaveText(new RegExp(`Überfällige Mitzeichnungen\\s*${overdue.length}$`))
  await page.goto('/app/papers/overview')
  const overdueSection = view(page).locator('section', { has: page.getByRole('heading', { name: 'Überfällige Mitzeichnungen je Amt' }) })
  if (overdue.length) {
    const link = overdueSection.getByRole('link', { name: /überfällige Mitzeichnungen: / }).first()
    await link.click()
    await expect(page).toHaveURL(/view=overdue&waiting=/)
    await expect(page.getByRole('list', { name: /^Überfällige Mitzeichnungen:/ }).getByRole('listitem').first()).toBeVisible()
    await expectAccessible(page, 'paper lists: overdue co-signings (clerk)')
  } else {
    await expect(overdueSection.getByText('Keine überfälligen Mitzeichnungen.')).toBeVisible()
  }

  // Offline: the last list, with the time it was current
  await page.goto('/app/papers?view=all')
  await expect(countLine(page)).toHaveText(`${papers.length} von ${papers.length} Vorlagen`)
  await waitForServiceWorker(page)
  await context.setOffline(true)
  await page.reload()
  await expect(view(page).getByText(/^Offline – Stand: /)).toBeVisible({ timeout: 30_000 })
  await expect(countLine(page)).toHaveText(`${papers.length} von ${papers.length} Vorlagen`)
  await expectAccessible(page, 'paper lists offline (clerk)')
  await context.setOffline(false)
  await context.close()
})

test("author sees the department's drafts, never another department's, and searches by keyboard", async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'author')
  await expect(mainNav(page).getByRole('link', { name: 'Führungsinfo' })).toHaveCount(0)
  await mainNav(page).getByRole('link', { name: 'Vorlagen', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Neue Vorlage' })).toBeVisible()

  const me = (await (await page.request.get('/api/me')).json()) as { departmentId: string | null }
  expect(me.departmentId, 'the demo author belongs to a department').toBeTruthy()
  const papers = await papersOf(page)
  for (const p of papers.filter((p) => IN_ADMINISTRATION.includes(p.state))) {
    // unreleased papers of other departments only when this department is asked to co-sign
    expect(p.departmentId === me.departmentId || p.cosigning[me.departmentId!] !== undefined, `${p.id} (${p.departmentId}, ${p.state})`).toBe(true)
  }
  await expectAccessible(page, 'paper lists: my tasks (author)')

  await listNav(page).getByRole('link', { name: /^Alle Vorlagen/ }).click()
  await expect(countLine(page)).toHaveText(`${papers.length} von ${papers.length} Vorlagen`)

  // Search by keyboard for a word of the most recently changed paper's title
  const target = [...papers].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]
  const word = target.name.split(/\s+/).find((w) => w.length >= 5) ?? target.name
  const search = view(page).getByLabel('Suche (Nummer oder Betreff)')
  await search.focus()
  await page.keyboard.type(word.toLowerCase())
  const matching = papers.filter((p) => `${p.reference}\n${p.name}`.toLowerCase().includes(word.toLowerCase()))
  await expect(countLine(page)).toHaveText(matching.length === 1 ? `1 von ${papers.length} Vorlagen` : `${matching.length} von ${papers.length} Vorlagen`)
  await expect(page).toHaveURL(/q=/)
  const list = page.getByRole('list', { name: /^Alle Vorlagen:/ })
  await expect(list.getByRole('link', { name: new RegExp(target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toBeVisible()
  await expectAccessible(page, 'paper lists: search (author)')
  await context.close()
})

test('a council member has no paper lists in the navigation', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, 'member-a')
  await expect(mainNav(page).getByRole('link', { name: 'Sitzungen' })).toBeVisible()
  await expect(mainNav(page).getByRole('link', { name: 'Vorlagen', exact: true })).toHaveCount(0)
  await expect(mainNav(page).getByRole('link', { name: 'Führungsinfo' })).toHaveCount(0)
  // and the relay lists no paper still in the administration for her
  const papers = await papersOf(page)
  expect(papers.filter((p) => IN_ADMINISTRATION.includes(p.state))).toEqual([])
  await context.close()
})
