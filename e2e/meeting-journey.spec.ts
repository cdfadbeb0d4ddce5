/**
 * A meeting from first plan to tracked resolution (issue 4), against the real relay and a real
 * local SMTP server (e2e/mail-sink.ts):
 *
 * the clerk plans a Bauausschuss meeting, builds the agenda from the body's queue (standard items
 * from the template, two papers, a non-public item) and releases it within the Ladungsfrist;
 * member-a receives the invitation mail (date and link, no non-public title), member-b (not in the
 * body) none; member-a sees both parts and downloads invitation and agendas, member-b only the
 * public part. The clerk runs the meeting offline (arrivals, a § 33 recusal, a counted vote, item
 * statuses, end), reconnects, member-a sees the results. The clerk generates the minutes; the PDF
 * holds the § 58 elements. The resolution appears in the Beschlusskontrolle, the clerk assigns it
 * and reports progress, member-a reads its status. Every view passes axe.
 *
 * Web Push: headless Chromium reaches no push service, so the members' devices are stood in for by
 * key pairs held here, subscribed through the relay's API to the sink's local push service; the
 * relay really encrypts and delivers, the journey decrypts (RFC 8291) and reads the payload. That
 * the service worker shows such a payload is the notifications journey's part.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { createECDH, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { inspectPdf } from '../packages/paper-pdf/src/testing/inspect-pdf.ts'
import type { SunkMail, SunkPush } from './mail-sink.ts'
import { expectAccessible, signIn, syncStatus, waitForServiceWorker } from './journey-helpers.ts'

const BODY_ID = 'org-bauausschuss'
const BODY_NAME = 'Bau- und Vergabeausschuss'
const stamp = Date.now().toString(36)
const secretTitle = `Grundstücksangelegenheit Flurstück 4711/${stamp}`
const resolutionText = `Der Bauausschuss beschließt die Maßnahme wie vorgeschlagen (Journey ${stamp}).`
const recusalReason = 'Eigentümer eines angrenzenden Grundstücks'

/** A date `days` from today (town time), "YYYY-MM-DD". */
function dayFromNow(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000))
}
const germanDate = (day: string) => day.split('-').reverse().join('.')
/** "17:42", town time */
const townTime = (d = new Date()) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const loose = (s: string) => new RegExp(escape(s).replace(/\s+/g, '\\s*'))

const part = (page: Page, name: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil') => page.getByRole('region', { name, exact: true })
const agendaItem = (scope: Page | Locator, title: string) => scope.getByRole('listitem', { name: new RegExp(escape(title)) })

async function newUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

// web-push's own decryption library (RFC 8188/8291), as in the notifier's unit test
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ReturnType<typeof createECDH>; authSecret: string }): Buffer
}

async function sunk<T>(what: 'mails' | 'pushes'): Promise<T[]> {
  const res = await fetch(`${process.env.RATSTISCH_E2E_MAIL_SINK}/${what}`)
  expect(res.status).toBe(200)
  return (await res.json()) as T[]
}
const mails = () => sunk<SunkMail>('mails')
const pushes = () => sunk<SunkPush>('pushes')

/** A device's push subscription at the sink's push service: what PushManager.subscribe would make. */
async function subscribePush(page: Page, name: string): Promise<{ path: string; ecdh: ReturnType<typeof createECDH>; auth: string }> {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = randomBytes(16).toString('base64url')
  const path = `/push/${name}-${stamp}`
  const subscription = { endpoint: `${process.env.RATSTISCH_E2E_PUSH_ORIGIN}${path}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } }
  const status = await page.evaluate(
    async (body) => (await fetch('/api/push/subscriptions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status,
    subscription,
  )
  expect(status, `push subscription of ${name}`).toBe(201)
  return { path, ecdh, auth }
}

/** The demo persons' e-mail addresses, from the relay's database (the demo seed gives every person one). */
function emailsOf(usernames: string[]): Map<string, string> {
  const db = new Database(join(process.env.RATSTISCH_E2E_DATA_DIR!, 'ratstisch.sqlite'), { readonly: true })
  try {
    db.pragma('busy_timeout = 5000')
    const out = new Map<string, string>()
    for (const username of usernames) {
      const row = db.prepare('SELECT p.email FROM users u JOIN persons p ON p.id = u.person_id WHERE u.username = ?').get(username) as { email: string | null } | undefined
      const email = row?.email?.trim().toLowerCase()
      expect(email, `${username} has an e-mail address in the demo town`).toBeTruthy()
      out.set(username, email!)
    }
    return out
  } finally {
    db.close()
  }
}

/** Two papers of the body's queue on which the body votes, from its end (the agenda-builder journey takes the first). */
async function queuePapers(page: Page): Promise<{ id: string; name: string }[]> {
  const res = await page.request.get(`/api/organizations/${BODY_ID}/queue`)
  expect(res.status()).toBe(200)
  const { papers } = (await res.json()) as { papers: { id: string; name: string; paperType: string }[] }
  const names = papers.map((p) => p.name)
  const chosen = papers
    .slice(2)
    .filter((p) => p.paperType === 'Beschlussvorlage' && names.indexOf(p.name) === names.lastIndexOf(p.name))
    .slice(-2)
  expect(chosen, 'two Beschlussvorlagen in the Bauausschuss queue').toHaveLength(2)
  return chosen
}

test('a meeting from plan to tracked resolution: clerk, member of the body, member of another body', async ({ browser, baseURL }) => {
  test.setTimeout(240_000)
  const meetingDay = dayFromNow(45)
  const email = emailsOf(['member-a', 'member-b'])

  const clerk = await newUser(browser, 'clerk')
  await waitForServiceWorker(clerk)
  const memberA = await newUser(browser, 'member-a')
  const memberB = await newUser(browser, 'member-b')
  const pushA = await subscribePush(memberA, 'member-a')
  const pushB = await subscribePush(memberB, 'member-b')
  const [paper, otherPaper] = await queuePapers(clerk)
  let meetingId = ''

  await test.step('the clerk plans the meeting', async () => {
    await clerk.getByRole('link', { name: 'Sitzungsplanung' }).click()
    await expect(clerk.getByRole('heading', { level: 1, name: 'Sitzungsplanung' })).toBeVisible()
    await clerk.getByRole('button', { name: 'Neue Sitzung' }).click()
    const form = clerk.getByRole('form', { name: 'Neue Sitzung' })
    await form.getByLabel('Gremium').selectOption(BODY_ID)
    await form.getByLabel('Datum').fill(meetingDay)
    await form.getByLabel('Beginn').fill('17:00')
    await form.getByLabel('Ende (optional)').fill('19:30')
    await form.getByLabel('Ort').selectOption({ index: 1 })
    await form.getByLabel('Geplanter Einladungstag').fill(dayFromNow(0))
    await expect(form.getByText(/Keine Überschneidungen|Überschneidungen/).first()).toBeVisible()
    await expectAccessible(clerk, 'planning: new meeting')
    await form.getByRole('button', { name: 'Sitzung anlegen' }).click()
    await expect(clerk).toHaveURL(/\/app\/meetings\/[^/]+\/agenda$/)
    meetingId = decodeURIComponent(/\/app\/meetings\/([^/]+)\/agenda$/.exec(clerk.url())![1])
  })

  await test.step('the clerk builds the agenda from the queue and releases it', async () => {
    await expect(clerk.getByRole('heading', { level: 1, name: 'Tagesordnung bearbeiten' })).toBeVisible({ timeout: 30_000 })
    // the body's standard items come from its template
    await expect(agendaItem(part(clerk, 'Öffentlicher Teil'), 'Eröffnung und Begrüßung')).toBeVisible()
    await expect(agendaItem(part(clerk, 'Nichtöffentlicher Teil'), 'Schließung der Sitzung')).toBeVisible()
    const queue = clerk.getByRole('region', { name: 'Wartet auf Beratung' })
    for (const p of [paper, otherPaper]) {
      await queue.getByRole('button', { name: `Hinzufügen: ${p.name}` }).click()
      await expect(agendaItem(part(clerk, 'Öffentlicher Teil'), p.name)).toBeVisible()
    }
    await clerk.getByLabel('Titel des Tagesordnungspunkts').fill(secretTitle)
    await clerk.locator('#free-nonpublic').check()
    await clerk.getByRole('button', { name: 'TOP hinzufügen' }).click()
    await expect(agendaItem(part(clerk, 'Nichtöffentlicher Teil'), secretTitle)).toBeVisible()
    await expect(agendaItem(part(clerk, 'Öffentlicher Teil'), secretTitle)).toHaveCount(0)
    // invited today, 45 days ahead: the Ladungsfrist is kept
    await expect(clerk.getByText(/Ladungsfrist eingehalten/)).toBeVisible()
    await expectAccessible(clerk, 'agenda builder')

    await clerk.getByRole('button', { name: 'Einladung versenden' }).click()
    const applied = clerk.getByRole('status').filter({ hasText: 'Version 1 wurde freigegeben' })
    await expect(applied).toBeVisible({ timeout: 30_000 })
    const notified = /benachrichtigt: (\d+) E-Mails, (\d+) Push-Nachrichten/.exec((await applied.textContent()) ?? '')
    expect(notified, 'the release reports its notices').not.toBeNull()
    expect(Number(notified![1])).toBeGreaterThanOrEqual(1)
    expect(Number(notified![2])).toBeGreaterThanOrEqual(1)
    await expect(clerk.getByRole('link', { name: /^Anschreiben/ })).toBeVisible()
    await expectAccessible(clerk, 'agenda builder (released)')
  })

  // the released PDFs, as the clerk's list of sent versions links them
  const shaOf = async (name: RegExp) => /[0-9a-f]{64}/.exec((await clerk.getByRole('link', { name }).getAttribute('href')) ?? '')![0]
  const letterSha = await shaOf(/^Anschreiben/)
  const agendaSha = await shaOf(/^Tagesordnung öffentlich/)
  const confAgendaSha = await shaOf(/^Tagesordnung nichtöffentlich/)

  await test.step('member-a gets the invitation mail, member-b none', async () => {
    const link = `${baseURL}/app/meetings/${meetingId}`
    await expect.poll(async () => (await mails()).filter((m) => m.to.includes(email.get('member-a')!) && m.text.includes(link)).length, { timeout: 20_000 }).toBe(1)
    const mail = (await mails()).find((m) => m.to.includes(email.get('member-a')!) && m.text.includes(link))!
    expect(mail.subject).toMatch(new RegExp(`^Einladung: ${escape(BODY_NAME)} am \\w+, ${escape(germanDate(meetingDay))}, 17:00 Uhr$`))
    expect(mail.text).toContain(`Termin: `)
    expect(mail.text).toContain(germanDate(meetingDay))
    expect(mail.text).not.toContain(secretTitle)
    expect(mail.text).not.toContain('Schließung der Sitzung')
    expect((await mails()).filter((m) => m.text.includes(link) && m.to.includes(email.get('member-b')!))).toEqual([])
  })

  await test.step('member-a gets a push notice with public facts only, member-b none', async () => {
    await expect.poll(async () => (await pushes()).filter((p) => p.path === pushA.path).length, { timeout: 20_000 }).toBe(1)
    const sent = (await pushes()).find((p) => p.path === pushA.path)!
    expect(sent.encoding).toBe('aes128gcm')
    const payload = JSON.parse(ece.decrypt(Buffer.from(sent.body, 'base64url'), { version: 'aes128gcm', privateKey: pushA.ecdh, authSecret: pushA.auth }).toString('utf8')) as Record<string, string>
    expect(payload.title).toMatch(new RegExp(`^Einladung: ${escape(BODY_NAME)} am \\w+, ${escape(germanDate(meetingDay))}, 17:00 Uhr$`))
    expect(payload.path).toBe(`/app/meetings/${meetingId}`)
    expect(payload.tag).toBe(`release:${meetingId}:v1`)
    expect(JSON.stringify(payload)).not.toContain(secretTitle)
    expect(JSON.stringify(payload)).not.toContain(paper.name)
    expect((await pushes()).filter((p) => p.path === pushB.path)).toEqual([])
  })

  await test.step('member-a sees both parts and downloads the documents; member-b only the public part', async () => {
    await memberA.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
    await expect(memberA.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    await expect(memberA.getByRole('heading', { name: paper.name })).toBeVisible()
    await expect(memberA.getByRole('heading', { level: 3, name: 'Nichtöffentlicher Teil' })).toBeVisible()
    await expect(memberA.getByRole('heading', { name: secretTitle })).toBeVisible({ timeout: 30_000 })
    // the meeting view offers the released documents
    const opens = (page: Page, name: RegExp) => page.getByRole('link', { name })
    await expect(opens(memberA, /^Öffnen .*Einladung\.pdf$/)).toHaveAttribute('href', new RegExp(letterSha))
    await expect(opens(memberA, /^Öffnen .*Tagesordnung öffentlich\.pdf$/)).toHaveAttribute('href', new RegExp(agendaSha))
    await expect(opens(memberA, /^Öffnen .*Tagesordnung nichtöffentlich\.pdf$/)).toHaveAttribute('href', new RegExp(confAgendaSha))
    await expectAccessible(memberA, 'meeting (member of the body)')
    for (const sha of [letterSha, agendaSha, confAgendaSha]) {
      const res = await memberA.request.get(`/api/files/${sha}`)
      expect(res.status(), `member-a: file ${sha}`).toBe(200)
      expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
    }

    await memberB.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
    await expect(memberB.getByRole('heading', { name: paper.name })).toBeVisible({ timeout: 30_000 })
    await expect(memberB.getByText(secretTitle)).toHaveCount(0)
    await expect(opens(memberB, /^Öffnen .*Tagesordnung öffentlich\.pdf$/)).toBeVisible()
    await expect(opens(memberB, /nichtöffentlich/)).toHaveCount(0)
    await expectAccessible(memberB, 'meeting (member of another body)')
    expect((await memberB.request.get(`/api/files/${agendaSha}`)).status()).toBe(200)
    expect([403, 404]).toContain((await memberB.request.get(`/api/files/${confAgendaSha}`)).status())
  })

  let recusedName = ''
  let early = ''
  let absentName = ''
  const present: string[] = []
  let seats = 0
  let lateArrival = ''
  let lateName = ''

  await test.step('the clerk runs the meeting offline and reconnects', async () => {
    await clerk.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
    await clerk.getByRole('link', { name: 'Sitzung leiten' }).click()
    await expect(clerk.getByRole('heading', { level: 1, name: /^Sitzung leiten: / })).toBeVisible({ timeout: 30_000 })
    await expect(clerk.locator('rt-live-view tr[data-person]').first()).toBeVisible()
    await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 })
    await expectAccessible(clerk, 'live meeting (before start)')

    await clerk.context().setOffline(true)
    await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'offline', { timeout: 15_000 })
    await clerk.getByRole('button', { name: 'Sitzung eröffnen' }).click()
    await expect(clerk.getByText(/^Eröffnet um \d{2}:\d{2}/)).toBeVisible()

    const voting = clerk.locator('rt-live-view tr[data-person][data-voting="true"]')
    seats = await voting.count()
    expect(seats, 'voting seats of the Bauausschuss').toBeGreaterThanOrEqual(4)
    const nameAt = async (i: number) => (await voting.nth(i).locator('th').innerText()).trim()
    // arrival times typed: all but the last two half an hour ago, one of them now (late), the last one absent
    const halfHourAgo = new Date(Date.now() - 30 * 60_000)
    early = dayFromNow(-30 / 1440) === dayFromNow(0) ? townTime(halfHourAgo) : '00:00'
    for (let i = 0; i < seats - 2; i++) {
      await clerk.getByLabel('Uhrzeit (leer = jetzt)').fill(early)
      await voting.nth(i).getByRole('button', { name: /^Ankunft von/ }).click()
      await expect(voting.nth(i)).toContainText(early)
      present.push(await nameAt(i))
    }
    lateArrival = townTime()
    await clerk.getByLabel('Uhrzeit (leer = jetzt)').fill(lateArrival)
    await voting.nth(seats - 2).getByRole('button', { name: /^Ankunft von/ }).click()
    lateName = await nameAt(seats - 2)
    present.push(lateName)
    await expect(voting.nth(seats - 2)).toContainText(lateArrival)
    absentName = await nameAt(seats - 1)
    await expect(clerk.locator('#quorum-line')).toContainText(`${seats - 1} von ${seats} stimmberechtigten Mitgliedern anwesend`)

    // the paper: a recusal and a counted vote
    const paperRow = clerk.locator('rt-live-view ol.items li', { hasText: paper.name })
    await paperRow.getByRole('button', { name: /^Aufrufen/ }).click()
    await expect(paperRow).toHaveAttribute('aria-current', 'step')
    recusedName = present[1]
    await clerk.locator('#recusal-person').selectOption({ label: recusedName })
    await clerk.locator('#recusal-reason').fill(recusalReason)
    await clerk.getByRole('button', { name: 'Befangenheit erfassen' }).click()
    await expect(clerk.locator('#recusals')).toContainText(recusedName)
    await expect(clerk.locator('#quorum-line')).toContainText('1 wegen Befangenheit ausgeschlossen')
    await clerk.locator('#vote-yes').fill(String(seats - 3))
    await clerk.locator('#vote-no').fill('1')
    await clerk.locator('#vote-abstain').fill('0')
    await clerk.locator('#vote-abstain').press('Enter')
    await expect(clerk.locator('#result')).toContainText('Ergebnis: angenommen')
    await expect(clerk.locator('#result')).toContainText(`${seats - 3} Ja, 1 Nein, 0 Enthaltungen`)
    await clerk.locator('#resolution').fill(resolutionText)
    await expect(clerk.locator('#status')).toHaveValue('behandelt')
    await expectAccessible(clerk, 'live meeting (vote recorded)')

    // the other paper is postponed, the non-public item dealt with
    const otherRow = clerk.locator('rt-live-view ol.items li', { hasText: otherPaper.name })
    await otherRow.getByRole('button', { name: /^Aufrufen/ }).click()
    await clerk.locator('#status').selectOption('vertagt')
    await expect(otherRow.locator('.badge').first()).toContainText('vertagt')
    const secretRow = clerk.locator('rt-live-view ol.items li', { hasText: secretTitle })
    await secretRow.getByRole('button', { name: /^Aufrufen/ }).click()
    await clerk.locator('#status').selectOption('behandelt')

    await clerk.getByRole('button', { name: 'Sitzung schließen' }).click()
    await expect(clerk.getByText(/^Geschlossen um/)).toBeVisible()
    await expect(syncStatus(clerk)).not.toHaveAttribute('data-status', 'synced')

    await clerk.context().setOffline(false)
    await expect(syncStatus(clerk)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })
  })

  await test.step('member-a sees the results', async () => {
    await memberA.reload()
    await expect(memberA.locator('#live-state')).toContainText('Die Sitzung ist geschlossen.', { timeout: 60_000 })
    const item = memberA.locator('rt-agenda-item').filter({ has: memberA.getByRole('heading', { name: paper.name }) })
    await expect(item.locator('.live-result')).toContainText(`angenommen – Abstimmung: ${seats - 3} Ja, 1 Nein, 0 Enthaltungen`)
    await expect(item.locator('.live-recusals')).toContainText(recusedName)
    await expect(item.locator('.live-resolution')).toContainText(resolutionText)
    await expectAccessible(memberA, 'meeting with results (member)')
  })

  await test.step('the clerk generates the minutes; the PDF holds the § 58 elements', async () => {
    await clerk.goto(`/app/meetings/${encodeURIComponent(meetingId)}`)
    await clerk.getByRole('link', { name: 'Niederschrift' }).click()
    await expect(clerk.getByRole('heading', { level: 1, name: 'Niederschrift' })).toBeVisible({ timeout: 30_000 })
    await clerk.getByRole('button', { name: 'Niederschrift erstellen' }).click()
    const publicPart = clerk.locator('section.part').first()
    await expect(publicPart.getByText('Stand: Entwurf')).toBeVisible({ timeout: 30_000 })
    await expectAccessible(clerk, 'minutes (draft)')
    // the clerk kept the minutes: signs as minute-taker
    await publicPart.getByRole('button', { name: 'Als Protokollführung unterschreiben' }).click()
    const signed = publicPart.locator('ul.signatures li').filter({ hasText: /^\s*Protokollführung: / })
    await expect(signed).toContainText(/\d{2}\.\d{2}\.\d{4}/, { timeout: 30_000 })
    const clerkName = /Protokollführung: (.+?), (?:\w+\.,? )?\d{2}\.\d{2}\.\d{4}/.exec(await signed.innerText())![1]

    const href = await publicPart.getByRole('link', { name: 'PDF öffnen: Öffentlicher Teil' }).getAttribute('href')
    const res = await clerk.request.get(href!)
    expect(res.status()).toBe(200)
    const pdf = await inspectPdf(new Uint8Array(await res.body()))
    const text = pdf.pages.map((p) => p.content).join('\n').replace(/\s+/g, ' ')
    // date, time and place; begin and end
    expect(text).toMatch(new RegExp(`Datum: ?${escape(germanDate(meetingDay))}`))
    expect(text).toMatch(/Beginn: ?\d{2}:\d{2} Uhr/)
    expect(text).toMatch(/Ende: ?\d{2}:\d{2} Uhr/)
    expect(text).toMatch(/Ort: ?\S/)
    expect(text).not.toContain('\\')
    // chair (in "Zeit und Ort" and under the signatures) and minute-taker (the clerk, signed)
    const chairName = /Vorsitz: ([^:–]+?) – noch nicht unterzeichnet/.exec(text)?.[1] ?? ''
    expect(chairName.length).toBeGreaterThan(0)
    expect(text.split(`Vorsitz: ${chairName}`).length - 1).toBeGreaterThanOrEqual(2)
    expect(text).toMatch(loose(`Schriftführung: ${clerkName} – unterzeichnet am`))
    // present (with arrival times) and absent members
    expect(text).toContain('Anwesende Mitglieder')
    for (const name of present.filter((n) => n !== lateName)) expect(text, `present: ${name}`).toMatch(loose(name))
    expect(text).toMatch(loose(`(anwesend ab ${early} Uhr)`))
    expect(text).toMatch(loose(`${lateName} (anwesend ab ${lateArrival} Uhr)`))
    expect(text).toMatch(new RegExp(`Abwesende Mitglieder: ?- ?${escape(absentName)}|Abwesende Mitglieder:.*${escape(absentName)}`))
    // agenda, motion and result with the vote counts, recusal, resolution
    expect(text).toContain('Tagesordnung')
    expect(text).toMatch(loose(paper.name))
    expect(text).toMatch(loose(otherPaper.name))
    expect(text).toMatch(loose(`Abstimmungsergebnis: ${seats - 3} Ja, 1 Nein, 0 Enthaltungen`))
    expect(text).toMatch(loose('Ergebnis: angenommen'))
    expect(text).toMatch(loose(`${recusedName} erklärte sich für befangen (§ 33 KVG LSA)`))
    expect(text).toMatch(loose(resolutionText))
    expect(text).toMatch(loose('Status: vertagt'))
    // the non-public item stays out of the public minutes
    expect(text).not.toContain(secretTitle)
  })

  await test.step('the resolution is assigned and tracked in the Beschlusskontrolle; member-a reads its status', async () => {
    await clerk.getByRole('link', { name: 'Beschlüsse' }).click()
    await expect(clerk.getByRole('heading', { level: 1, name: 'Beschlusskontrolle' })).toBeVisible()
    await clerk.getByLabel('Gremium', { exact: true }).selectOption({ label: BODY_NAME })
    const entry = clerk.getByRole('article', { name: paper.name })
    await expect(entry).toBeVisible({ timeout: 30_000 })
    await expect(entry).toContainText(resolutionText)
    await entry.getByText('Zuständigkeit und Frist').click()
    await entry.getByLabel('Zuständiges Amt').selectOption({ index: 1 })
    await entry.getByLabel('Zuständige Person (optional)').fill('Herr Bauer')
    await entry.getByLabel('Frist (optional)').fill(dayFromNow(120))
    await entry.getByRole('button', { name: 'Zuständigkeit speichern' }).click()
    await expect(entry.getByText('Zuständigkeit gespeichert.')).toBeVisible()
    await entry.getByText('Sachstandsbericht', { exact: true }).click()
    await entry.getByLabel('Neuer Stand').selectOption('in Arbeit')
    await entry.getByLabel('Sachstand', { exact: true }).fill('Planungsbüro beauftragt.')
    await entry.getByRole('button', { name: 'Bericht hinzufügen' }).click()
    await expect(entry.getByText('Sachstandsbericht gespeichert.')).toBeVisible()
    await expectAccessible(clerk, 'resolutions (clerk)')

    await memberA.getByRole('link', { name: 'Beschlüsse' }).click()
    const seen = memberA.getByRole('article', { name: paper.name })
    await expect(seen).toBeVisible({ timeout: 30_000 })
    await expect(seen).toContainText('in Arbeit')
    await expect(seen).toContainText('Herr Bauer')
    await expectAccessible(memberA, 'resolutions (member)')
  })

  // the stand-in subscriptions go, so later notices of the shared demo town do not reach them
  for (const [page, sub] of [[memberA, pushA], [memberB, pushB]] as const) {
    const endpoint = `${process.env.RATSTISCH_E2E_PUSH_ORIGIN}${sub.path}`
    const status = await page.evaluate(
      async (body) => (await fetch('/api/push/subscriptions', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status,
      { endpoint },
    )
    expect(status).toBe(200)
  }
  for (const page of [clerk, memberA, memberB]) await page.context().close()
})
