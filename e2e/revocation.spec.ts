/**
 * Membership ends, access ends — on the device too: member-b keeps a Finanzausschuss meeting
 * offline (public and non-public part with their files); the clerk's office ends her committee
 * membership; her app is disconnected, refetches its manifest and deletes the non-public documents
 * and their files from the device. (Uses member-b's Finanzausschuss seat, which no other journey needs.)
 */
import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, manifestOf, signIn } from './journey-helpers.ts'

/** Keys of an IndexedDB object store, read in the page (what is really on the device). */
function idbKeys(page: Page, dbName: string, store: string): Promise<string[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          if (!db.objectStoreNames.contains(storeName)) {
            db.close()
            resolve([])
            return
          }
          const all = db.transaction(storeName).objectStore(storeName).getAllKeys()
          all.onsuccess = () => {
            db.close()
            resolve(all.result.map((k) => (Array.isArray(k) ? String(k[0]) : String(k))))
          }
        }
      }),
    [dbName, store] as const,
  )
}

test('ending a membership removes the non-public documents and files from the member’s device', async ({ browser, baseURL }) => {
  const device = await browser.newContext()
  const page = await device.newPage()
  await signIn(page, 'member-b')
  const me = (await (await page.request.get('/api/me')).json()) as { id: string; name: string }

  const manifest = await manifestOf(page.request)
  const finance = manifest.filter((e) => e.type === 'meeting' && e.meta?.organizationName === 'Finanzausschuss' && e.meeting)
  const confidentialByMeeting = new Map(manifest.filter((e) => e.type === 'meeting-confidential').map((e) => [e.meeting, e.url]))
  const confidentialPart = page.locator('rt-meeting-view section', { has: page.getByRole('heading', { level: 3, name: 'Nichtöffentlicher Teil' }) })

  // A Finanzausschuss meeting whose non-public part has documents.
  let meetingId = ''
  let confidentialFiles: string[] = []
  for (const entry of finance.slice(0, 12)) {
    await page.goto(`/app/meetings/${encodeURIComponent(entry.meeting!)}`)
    await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    await expect(confidentialPart.locator('rt-agenda-item, p.muted:not(.loading), p.notice').first()).toBeVisible({ timeout: 30_000 })
    const hrefs = await confidentialPart.getByRole('link', { name: /^Öffnen/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    if (hrefs.length) {
      meetingId = entry.meeting!
      confidentialFiles = hrefs.map((h) => h.split('/').pop()!)
      break
    }
  }
  expect(meetingId, 'a Finanzausschuss meeting with non-public documents').not.toBe('')
  const confidentialDocId = confidentialByMeeting.get(meetingId)!.replace('automerge:', '')

  await page.getByRole('button', { name: 'Offline verfügbar machen' }).click()
  await expect(page.getByText('Diese Sitzung ist offline verfügbar.')).toBeVisible({ timeout: 60_000 })
  const automergeDb = `ratstisch-automerge-${me.id}`
  const userDb = `ratstisch-user-${me.id}`
  await expect.poll(() => idbKeys(page, automergeDb, 'documents')).toContain(confidentialDocId)
  const cachedBefore = await idbKeys(page, userDb, 'blobs')
  for (const sha of confidentialFiles) expect(cachedBefore).toContain(sha)

  // The clerk's office ends her Finanzausschuss membership as of yesterday.
  const office = await browser.newContext()
  const headers = { origin: new URL(baseURL!).origin }
  expect((await office.request.post('/api/auth/login', { data: { username: 'clerk', password: DEMO_PASSWORD }, headers })).status()).toBe(200)
  const list = (await (await office.request.get('/api/admin/memberships?organization=org-finanzausschuss')).json()) as {
    memberships: { id: string; personName: string }[]
  }
  const seat = list.memberships.find((m) => m.personName === me.name)
  expect(seat, `${me.name} sits in the Finanzausschuss`).toBeTruthy()
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const ended = await office.request.post(`/api/admin/memberships/${seat!.id}/end`, { data: { endDate: yesterday }, headers })
  expect(ended.status()).toBe(200)

  // Her device lets go of the non-public part and its files; the public part stays.
  await expect.poll(() => idbKeys(page, automergeDb, 'documents'), { timeout: 30_000 }).not.toContain(confidentialDocId)
  await expect.poll(async () => (await idbKeys(page, userDb, 'blobs')).filter((sha) => confidentialFiles.includes(sha)), { timeout: 30_000 }).toEqual([])
  await page.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
  await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(confidentialPart.locator('rt-agenda-item')).toHaveCount(0)
  for (const sha of confidentialFiles) expect((await page.request.get(`/api/files/${sha}`)).status()).toBe(404)
  await expectAccessible(page, 'meeting after revocation')

  await office.close()
  await device.close()
})
