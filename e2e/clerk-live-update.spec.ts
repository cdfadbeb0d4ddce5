/**
 * Clerk edits the agenda, members follow live: the clerk renames an agenda item of a Bauausschuss
 * meeting; member-a, who has the meeting open, sees the new title within seconds. member-b, not in
 * the Bauausschuss, sees the public part but is never given its non-public part.
 */
import { expect, test } from '@playwright/test'
import { BODY, expectAccessible, manifestOf, signIn } from './journey-helpers.ts'

test('clerk renames an agenda item and members see it live, non-public part stays with the body', async ({ browser }) => {
  const clerkContext = await browser.newContext()
  const clerk = await clerkContext.newPage()
  await signIn(clerk, 'clerk')
  await expectAccessible(clerk, 'meeting list (clerk)')

  const clerkManifest = await manifestOf(clerk.request)
  // released meetings only: planned ones are the office's drafts and no member follows them
  const bauMeetings = clerkManifest.filter(
    (e) => e.type === 'meeting' && BODY.bauausschuss.test(e.meta?.organizationName ?? '') && e.meeting && e.meta?.state !== 'planned',
  )
  expect(bauMeetings.length).toBeGreaterThan(0)
  const confidentialOf = new Set(clerkManifest.filter((e) => e.type === 'meeting-confidential').map((e) => e.meeting))
  // meetings with a non-public part first, and among them the oldest held ones: the live meeting
  // journey runs the next invited meeting and the minutes journey the latest held one, in parallel
  const candidates = [...bauMeetings].sort(
    (a, b) =>
      Number(confidentialOf.has(b.meeting)) - Number(confidentialOf.has(a.meeting)) ||
      Number(b.meta!.state === 'held') - Number(a.meta!.state === 'held') ||
      a.meta!.start.localeCompare(b.meta!.start),
  )
  const confidentialPart = clerk.locator('rt-meeting-view section', { has: clerk.getByRole('heading', { level: 3, name: 'Nichtöffentlicher Teil' }) })
  let target = candidates[0]
  const confidentialTitles: string[] = []
  for (const candidate of candidates.slice(0, 6)) {
    target = candidate
    await clerk.goto(`/app/meetings/${encodeURIComponent(candidate.meeting!)}`)
    await expect(clerk.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    if (!confidentialOf.has(candidate.meeting)) break
    await expect(confidentialPart.locator('rt-agenda-item, p.muted:not(.loading), p.notice').first()).toBeVisible({ timeout: 30_000 })
    const titles = await confidentialPart.locator('rt-agenda-item .title').allInnerTexts()
    if (titles.length) {
      confidentialTitles.push(...titles.map((t) => t.trim()))
      break
    }
  }
  expect(target.access).toBe('write')
  const meetingUrl = `/app/meetings/${encodeURIComponent(target.meeting!)}`

  // member-a has the meeting open.
  const memberAContext = await browser.newContext()
  const memberA = await memberAContext.newPage()
  await signIn(memberA, 'member-a')
  await memberA.goto(meetingUrl)
  await expect(memberA.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(memberA.getByRole('button', { name: /^Titel bearbeiten/ })).toHaveCount(0)

  // The clerk, on the same meeting, renames the first public item.
  await expectAccessible(clerk, 'meeting (clerk)')
  const publicPart = clerk.locator('rt-meeting-view section', { has: clerk.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true }) })
  const firstItem = publicPart.locator('rt-agenda-item').first()
  await firstItem.getByRole('button', { name: /^Titel bearbeiten/ }).click()
  const newTitle = `Sanierung der Brücke am Mühlbach – geänderte Fassung ${Date.now()}`
  const input = firstItem.getByRole('textbox', { name: /^Neuer Titel von/ })
  await expect(input).toBeFocused()
  await input.fill(newTitle)
  await expectAccessible(clerk, 'agenda title editing')
  await input.press('Enter')
  await expect(firstItem.getByRole('heading', { name: newTitle })).toBeVisible()

  // member-a sees it within a few seconds, without reloading.
  await expect(memberA.getByRole('heading', { name: newTitle })).toBeVisible({ timeout: 10_000 })
  await expectAccessible(memberA, 'meeting (member-a, updated)')

  // member-b is not in the Bauausschuss: public part yes, non-public part never.
  const memberBContext = await browser.newContext()
  const memberB = await memberBContext.newPage()
  await signIn(memberB, 'member-b')
  const memberBManifest = await manifestOf(memberB.request)
  const bauIds = new Set(bauMeetings.map((e) => e.meeting))
  expect(memberBManifest.filter((e) => e.type === 'meeting-confidential' && bauIds.has(e.meeting))).toEqual([])
  await memberB.goto(meetingUrl)
  await expect(memberB.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(memberB.getByRole('heading', { name: newTitle })).toBeVisible()
  await expect(memberB.getByRole('heading', { level: 3, name: 'Nichtöffentlicher Teil' })).toHaveCount(0)
  const shown = await memberB.locator('rt-meeting-view').innerText()
  for (const title of confidentialTitles) expect(shown).not.toContain(title)
  await expectAccessible(memberB, 'meeting (member-b)')

  await memberBContext.close()
  await memberAContext.close()
  await clerkContext.close()
})
