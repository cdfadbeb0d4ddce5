/**
 * Minutes: the clerk opens a held Bauausschuss meeting, generates the minutes from the meeting
 * data, edits a section with the rich-text editor, signs as chair and as minute-taker (the text
 * locks), and downloads the PDF. A member of the body reads the minutes but cannot edit them.
 * axe on the minutes view; the steps are done by keyboard.
 */
import { expect, test } from '@playwright/test'
import { BODY, expectAccessible, manifestOf, signIn } from './journey-helpers.ts'

test.setTimeout(180_000)

test('the clerk generates, edits, signs the minutes and downloads the PDF; a member reads them', async ({ browser }) => {
  const clerkContext = await browser.newContext()
  const clerk = await clerkContext.newPage()
  await signIn(clerk, 'clerk')
  const manifest = await manifestOf(clerk.request)
  // the most recent held meeting of the Bauausschuss (in the past: the meeting journey holds one ahead of its date)
  const target = manifest
    .filter((e) => e.type === 'meeting' && e.meta?.state === 'held' && BODY.bauausschuss.test(e.meta?.organizationName ?? '') && Date.parse(e.meta.start) < Date.now())
    .sort((a, b) => b.meta!.start.localeCompare(a.meta!.start))[0]
  expect(target, 'a held Bauausschuss meeting').toBeTruthy()
  const meetingId = target.meeting!

  await clerk.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  await clerk.getByRole('link', { name: 'Niederschrift' }).click()
  await expect(clerk.getByRole('heading', { level: 1, name: 'Niederschrift' })).toBeVisible({ timeout: 30_000 })
  await expectAccessible(clerk, 'minutes (none yet)')

  // generate by keyboard
  const generate = clerk.getByRole('button', { name: 'Niederschrift erstellen' })
  await generate.focus()
  await clerk.keyboard.press('Enter')
  await expect(clerk.getByRole('heading', { level: 2, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(clerk.getByRole('heading', { level: 2, name: 'Nichtöffentlicher Teil' })).toBeVisible()
  const publicPart = clerk.locator('section.part').first()
  await expect(publicPart.getByText('Stand: Entwurf')).toBeVisible()

  // edit "Teilnehmende" of the public part
  const participants = publicPart.getByRole('textbox', { name: 'Teilnehmende' })
  await participants.click()
  await participants.press('Control+End')
  await participants.pressSequentially('\n\nDie Sitzung wurde im Livestream übertragen.')
  await expect(participants).toHaveValue(/im Livestream übertragen\.$/)
  await expectAccessible(clerk, 'minutes (draft)')

  // the edit reaches the relay before the signature (the command carries the heads)
  const sign = publicPart.getByRole('button', { name: 'Als Vorsitz unterschreiben' })
  await sign.focus()
  await clerk.keyboard.press('Enter')
  // the office records the chair's signature: the chair signs, the clerk is named as recorder
  await expect(publicPart.locator('ul.signatures li').first()).toContainText(/Vorsitz: .+\(erfasst von Sabine Krüger/, { timeout: 30_000 })
  await expect(publicPart.getByRole('textbox', { name: 'Teilnehmende' })).toHaveAttribute('readonly', '')
  await publicPart.getByRole('button', { name: 'Als Protokollführung unterschreiben' }).click()
  await expect(publicPart.getByText('Stand: unterschrieben', { exact: false })).toBeVisible({ timeout: 30_000 })
  await expectAccessible(clerk, 'minutes (signed)')

  // the PDF: the link of the public part
  const pdfLink = publicPart.getByRole('link', { name: 'PDF öffnen: Öffentlicher Teil' })
  const href = await pdfLink.getAttribute('href')
  const pdf = await clerk.request.get(href!)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect(decodeURIComponent(pdf.headers()['content-disposition'])).toMatch(/Niederschrift öffentlich\.pdf$/)
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

  // a member of the body reads the minutes, without editing
  const memberContext = await browser.newContext()
  const member = await memberContext.newPage()
  await signIn(member, 'member-a')
  await member.goto(`/app/meetings/${encodeURIComponent(meetingId)}/minutes`)
  await expect(member.getByRole('heading', { level: 2, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(member.getByRole('textbox', { name: 'Teilnehmende' }).first()).toHaveValue(/im Livestream übertragen\./, { timeout: 30_000 })
  await expect(member.getByRole('button', { name: 'Niederschrift erstellen' })).toHaveCount(0)
  await expect(member.getByRole('button', { name: /unterschreiben$/ })).toHaveCount(0)
  await expectAccessible(member, 'minutes (member)')
  await memberContext.close()
  await clerkContext.close()
})
