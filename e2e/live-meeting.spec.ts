/**
 * The live meeting: the clerk runs a released Bauausschuss meeting from the live view with the
 * network off — attendance (a late arrival, departures: the quorum line follows), a § 33 recusal,
 * a counted vote typed by keyboard and an "einstimmig" vote, end of the meeting — then goes online
 * and the changes sync. member-a (a member of the body) sees the results in the meeting view;
 * member-a has no live view. axe on the live view.
 */
import { expect, test, type Page } from '@playwright/test'
import { BODY, expectAccessible, manifestOf, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'

test.setTimeout(420_000)

/** "5 von 7 stimmberechtigten Mitgliedern anwesend" → 5 */
async function presentCount(page: Page): Promise<number> {
  const text = await page.locator('#quorum-line').innerText()
  const m = /(\d+) von (\d+) stimmberechtigten/.exec(text)
  expect(m, `quorum line: ${text}`).not.toBeNull()
  return Number(m![1])
}

/** Calls up the next public item (after `skip`) that takes a vote; returns its row. */
async function callUpVotingItem(page: Page, skip: Set<string>): Promise<{ id: string; title: string }> {
  // items on papers first (voting on "Eröffnung" would be odd), standard items as a fallback
  const papers = page.locator('rt-live-view ol.items li.public:not([data-kind="standard"])')
  const rows = (await papers.count()) >= 2 ? papers : page.locator('rt-live-view ol.items li.public')
  const count = await rows.count()
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i)
    const id = (await row.getAttribute('data-id'))!
    if (skip.has(id)) continue
    skip.add(id)
    const title = (await row.locator('.item-title').innerText()).trim()
    const button = row.getByRole('button', { name: /^Aufrufen/ })
    if (!(await button.count())) continue
    // keyboard: focus the button, Enter
    await button.focus()
    await page.keyboard.press('Enter')
    await expect(row).toHaveAttribute('aria-current', 'step')
    if (await page.locator('#take-note').count()) continue
    return { id, title }
  }
  throw new Error('no public item with a vote')
}

test('the clerk records a meeting offline, it syncs, and members see the results', async ({ browser }) => {
  const memberContext = await browser.newContext()
  const member = await memberContext.newPage()
  await signIn(member, 'member-a')
  const memberManifest = await manifestOf(member.request)
  const visible = new Set(memberManifest.filter((e) => e.type === 'meeting' && BODY.bauausschuss.test(e.meta?.organizationName ?? '')).map((e) => e.meeting))

  const clerkContext = await browser.newContext()
  const clerk = await clerkContext.newPage()
  await signIn(clerk, 'clerk')
  await waitForServiceWorker(clerk)
  const clerkManifest = await manifestOf(clerk.request)
  // a released Bauausschuss meeting (member-a can see it) that has not been held yet
  const target = clerkManifest
    .filter((e) => e.type === 'meeting' && e.access === 'write' && visible.has(e.meeting) && e.meta?.state === 'invited')
    .sort((a, b) => a.meta!.start.localeCompare(b.meta!.start))[0]
  expect(target, 'a released Bauausschuss meeting').toBeTruthy()
  const meetingId = target.meeting!

  // The clerk opens the meeting and follows "Sitzung leiten".
  await clerk.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  await clerk.getByRole('link', { name: 'Sitzung leiten' }).click()
  await expect(clerk.getByRole('heading', { level: 1, name: /^Sitzung leiten: / })).toBeVisible({ timeout: 30_000 })
  await expect(clerk.locator('rt-live-view tr[data-person]').first()).toBeVisible()
  await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })
  await expectAccessible(clerk, 'live meeting (before start)')

  // Network off: everything from here on is recorded on the laptop.
  await clerkContext.setOffline(true)
  await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'offline', { timeout: 15_000 })

  await clerk.getByRole('button', { name: 'Sitzung eröffnen' }).click()
  await expect(clerk.getByText(/^Eröffnet um \d{2}:\d{2}/)).toBeVisible()

  const voting = clerk.locator('rt-live-view tr[data-person][data-voting="true"]')
  const seats = await voting.count()
  expect(seats).toBeGreaterThanOrEqual(3)
  // everyone but the last voting member is there at the start
  for (let i = 0; i < seats - 1; i++) await voting.nth(i).getByRole('button', { name: /^Ankunft von/ }).click()
  expect(await presentCount(clerk)).toBe(seats - 1)
  // late arrival of the last one
  const late = voting.nth(seats - 1)
  await late.getByRole('button', { name: /^Ankunft von/ }).click()
  await expect(late.getByRole('button', { name: /^Weggang von/ })).toBeVisible()
  expect(await presentCount(clerk)).toBe(seats)
  await expect(clerk.locator('.quorum.ok')).toBeVisible()
  // a guest
  await clerk.getByLabel('Name', { exact: true }).fill('Dr. Petra Gutachterin')
  await clerk.getByRole('button', { name: 'Hinzufügen' }).click()
  await expect(clerk.getByText(/Dr\. Petra Gutachterin \(Gast\)/)).toBeVisible()

  // First item: a recusal and a counted vote, typed by keyboard.
  const skip = new Set<string>()
  const first = await callUpVotingItem(clerk, skip)
  await expect(clerk.getByRole('heading', { level: 2, name: new RegExp(first.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible()
  const recusedName = (await voting.nth(0).locator('th').innerText()).trim()
  await clerk.locator('#recusal-person').selectOption({ label: recusedName })
  await clerk.locator('#recusal-reason').fill('Eigentümer eines angrenzenden Grundstücks')
  await clerk.getByRole('button', { name: 'Befangenheit erfassen' }).click()
  await expect(clerk.locator('#recusals')).toContainText(recusedName)
  await expect(clerk.locator('#quorum-line')).toContainText('1 wegen Befangenheit ausgeschlossen')
  expect(await presentCount(clerk)).toBe(seats - 1)
  await expect(clerk.getByText(`Stimmberechtigt anwesend: ${seats - 1}`)).toBeVisible()

  await clerk.locator('#vote-yes').focus()
  await clerk.keyboard.type(String(seats - 2))
  await clerk.keyboard.press('Tab')
  await expect(clerk.locator('#vote-no')).toBeFocused()
  await clerk.keyboard.type('1')
  await clerk.keyboard.press('Tab')
  await clerk.keyboard.type('0')
  // too many votes → warning from checkVote, nothing saved yet
  await clerk.locator('#vote-no').fill('5')
  await expect(clerk.locator('#vote-warnings')).toContainText('Stimmen eingetragen')
  await clerk.locator('#vote-no').fill('1')
  await expect(clerk.locator('#vote-warnings')).not.toContainText('Stimmen eingetragen')
  await clerk.locator('#vote-abstain').press('Enter')
  await expect(clerk.locator('#result')).toContainText('Ergebnis: angenommen')
  await expect(clerk.locator('#result')).toContainText(`${seats - 2} Ja, 1 Nein, 0 Enthaltungen`)
  const resolution = clerk.locator('#resolution')
  await resolution.fill('Der Bauausschuss beschließt wie vorgeschlagen, mit der Maßgabe einer Nachprüfung.')
  await expectAccessible(clerk, 'live meeting (item with vote)')

  // A departure: the quorum line follows.
  const leaving = voting.nth(1)
  await leaving.getByRole('button', { name: /^Weggang von/ }).click()
  await expect(leaving.getByText(/gegangen um/)).toBeVisible()

  // Second item: "einstimmig" fills yes with the present voters.
  const second = await callUpVotingItem(clerk, skip)
  expect(await presentCount(clerk)).toBe(seats - 1)
  await clerk.getByRole('button', { name: 'Einstimmig' }).click()
  await expect(clerk.locator('#result')).toContainText('Ergebnis: angenommen')
  await expect(clerk.locator('#result')).toContainText(`einstimmig (${seats - 1} Ja)`)

  // Departures until the body is no longer quorate: a clear alert, recording goes on.
  for (let i = 2; i < seats; i++) {
    if (await clerk.getByRole('alert').filter({ hasText: 'Beschlussfähigkeit nicht mehr gegeben' }).count()) break
    await voting.nth(i).getByRole('button', { name: /^Weggang von/ }).click()
  }
  await expect(clerk.getByRole('alert').filter({ hasText: 'Beschlussfähigkeit nicht mehr gegeben' })).toBeVisible()
  await expectAccessible(clerk, 'live meeting (quorum lost)')

  await clerk.getByRole('button', { name: 'Sitzung schließen' }).click()
  await expect(clerk.getByText(/^Geschlossen um/)).toBeVisible()
  await expect(syncStatus(clerk)).not.toHaveAttribute('data-status', 'synced')

  // Online again: the changes reach the relay.
  await clerkContext.setOffline(false)
  await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })

  // member-a sees the results in the meeting view (read-only) and cannot run the meeting.
  await member.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  await expect(member.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(member.locator('#live-state')).toContainText('Die Sitzung ist geschlossen.', { timeout: 20_000 })
  const items = member.locator('rt-agenda-item')
  const firstItem = items.filter({ has: member.getByRole('heading', { name: first.title }) })
  await expect(firstItem.locator('.live-result')).toContainText(`angenommen – Abstimmung: ${seats - 2} Ja, 1 Nein, 0 Enthaltungen`)
  await expect(firstItem.locator('.live-recusals')).toContainText(recusedName)
  await expect(firstItem.locator('.live-resolution')).toContainText('mit der Maßgabe einer Nachprüfung')
  const secondItem = items.filter({ has: member.getByRole('heading', { name: second.title }) })
  await expect(secondItem.locator('.live-result')).toContainText(`einstimmig (${seats - 1} Ja)`)
  await expect(member.getByRole('link', { name: 'Sitzung leiten' })).toHaveCount(0)
  await expectAccessible(member, 'meeting view with results (member)')

  await member.goto(`/app/meetings/${encodeURIComponent(meetingId)}/live`)
  await expect(member.getByText('Nur die Sitzungsdienst-Mitarbeitenden können eine Sitzung leiten.')).toBeVisible()

  // The devices keep no sync state with the relay: one saved ahead of its document changes (a
  // reload before the throttled save) would claim changes the device lost, and they would never
  // be sent again.
  for (const page of [clerk, member]) {
    const syncStates = await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('ratstisch-automerge-'))
      let count = 0
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name)
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const req = db.transaction('documents').objectStore('documents').getAllKeys()
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
        count += keys.filter((k) => Array.isArray(k) && k[1] === 'sync-state').length
        db.close()
      }
      return { databases: names.length, count }
    })
    expect(syncStates.databases).toBeGreaterThan(0)
    expect(syncStates.count).toBe(0)
  }

  await memberContext.close()
  await clerkContext.close()
})
