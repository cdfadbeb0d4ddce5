/**
 * Faction notes and push, against the real relay with the demo town: member-d (Fraktion CDU)
 * shares a note and an annotation in the faction's notes on a meeting; member-a, his faction
 * colleague, gets a Web Push with public facts only — the relay really encrypts and delivers to the
 * sink's push service, the journey decrypts it and hands it to member-a's service worker through
 * DevTools (`ServiceWorker.deliverPushMessage`), which shows it. member-b (Fraktion SPD) and the
 * author get nothing. member-a then turns faction notices off in the header's "Benachrichtigungsarten"
 * by keyboard, and the next shared note is not pushed to her.
 *
 * member-d writes like the app does (automerge-repo over the sync socket with his session), from
 * the journey's own process.
 */
import { expect, test, type Page } from '@playwright/test'
import { Repo, type AutomergeUrl, type PeerId } from '@automerge/automerge-repo'
import type { Annotation, FactionNotesDoc, MeetingDoc } from '@ratstisch/domain'
import Database from 'better-sqlite3'
import { createECDH, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { NodeSyncClientAdapter } from '../sync-server/src/testing/node-sync-client.ts'
import type { SunkPush } from './mail-sink.ts'
import { DEMO_PASSWORD, expectAccessible, focusedElement, signIn, waitForServiceWorker, type ManifestEntry } from './journey-helpers.ts'

const stamp = Date.now().toString(36)
const SECRET = `Vertagung beantragen ${stamp}`

const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ReturnType<typeof createECDH>; authSecret: string }): Buffer
}

interface Session {
  cookie: string
  me: { id: string; name: string }
}

async function api(origin: string, session: Session | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${origin}${path}`, {
    ...init,
    headers: { origin, 'content-type': 'application/json', ...(session ? { cookie: session.cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
  })
}

async function login(origin: string, username: string): Promise<Session> {
  const res = await api(origin, undefined, '/api/auth/login', { method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  expect(res.status, `login ${username}`).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const me = (await (await api(origin, { cookie, me: { id: '', name: '' } }, '/api/me')).json()) as Session['me']
  return { cookie, me }
}

interface Subscription {
  path: string
  ecdh: ReturnType<typeof createECDH>
  auth: string
}

/** A device's push subscription at the sink's push service (what PushManager.subscribe would make). */
function newSubscription(name: string): Subscription & { json: unknown } {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = randomBytes(16).toString('base64url')
  const path = `/push/faction-${name}-${stamp}`
  return { path, ecdh, auth, json: { endpoint: `${process.env.RATSTISCH_E2E_PUSH_ORIGIN}${path}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } } }
}

async function pushes(): Promise<SunkPush[]> {
  const res = await fetch(`${process.env.RATSTISCH_E2E_MAIL_SINK}/pushes`)
  return (await res.json()) as SunkPush[]
}

const decrypt = (push: SunkPush, sub: Subscription) =>
  JSON.parse(ece.decrypt(Buffer.from(push.body, 'base64url'), { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth }).toString('utf8')) as Record<string, string>

/** How many faction notices the relay has processed for this document (its audit log; no content). */
function noticesFor(documentId: string): number {
  const db = new Database(join(process.env.RATSTISCH_E2E_DATA_DIR!, 'ratstisch.sqlite'), { readonly: true })
  try {
    db.pragma('busy_timeout = 5000')
    return (db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'notify' AND target LIKE ?`).get(`faction:${documentId}:%`) as { n: number }).n
  } finally {
    db.close()
  }
}

async function preferencesOf(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate(async () => ((await (await fetch('/api/push/preferences')).json()) as { preferences: Record<string, boolean> }).preferences)
}

test('a faction colleague gets a push about a shared note, another faction and the author do not', async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin
  const stefan = await login(origin, 'member-d')
  const bernd = await login(origin, 'member-b')

  // a released meeting with a public document to annotate; the furthest ahead, away from the other journeys
  const manifest = ((await (await api(origin, stefan, '/api/sync/manifest')).json()) as { documents: ManifestEntry[] }).documents
  const candidates = manifest.filter((d) => d.type === 'meeting' && d.meta?.state === 'invited').sort((a, b) => b.meta!.start.localeCompare(a.meta!.start))
  expect(candidates.length).toBeGreaterThan(0)
  const adapter = new NodeSyncClientAdapter(`${origin.replace(/^http/, 'ws')}/sync`, { cookie: stefan.cookie, origin })
  const repo = new Repo({ network: [adapter], peerId: `u-${stefan.me.id}-e2e${stamp}` as PeerId })
  try {
    let meeting: MeetingDoc | undefined
    for (const candidate of candidates) {
      const doc = (await repo.find<MeetingDoc>(candidate.url as AutomergeUrl, { signal: AbortSignal.timeout(15_000) })).doc()
      if (doc.agendaItems.some((i) => i.public && i.files.length > 0)) {
        meeting = doc
        break
      }
    }
    expect(meeting, 'an invited meeting with documents').toBeTruthy()
    const item = meeting!.agendaItems.find((i) => i.public && i.files.length > 0)!
    const file = item.files[0]

    const opened = await api(origin, stefan, `/api/meetings/${meeting!.id}/faction-notes`, { method: 'POST', body: '{}' })
    expect([200, 201]).toContain(opened.status)
    const { url, factionName } = (await opened.json()) as { url: string; factionName: string }
    expect(factionName).toBe('Fraktion CDU')
    const documentId = url.slice('automerge:'.length)
    // member-b's faction is another one: he gets the SPD's document, never this one
    const spd = (await (await api(origin, bernd, `/api/meetings/${meeting!.id}/faction-notes`, { method: 'POST', body: '{}' })).json()) as { url: string }
    expect(spd.url).not.toBe(url)

    // member-a's device: the app with its service worker, subscribed at the sink's push service
    const context = await browser.newContext()
    await context.grantPermissions(['notifications'], { origin })
    const page = await context.newPage()
    await signIn(page, 'member-a')
    await waitForServiceWorker(page)
    const anna = newSubscription('member-a')
    expect(await page.evaluate(async (body) => (await fetch('/api/push/subscriptions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status, anna.json)).toBe(201)
    const bern = newSubscription('member-b')
    const author = newSubscription('member-d')
    expect((await api(origin, bernd, '/api/push/subscriptions', { method: 'POST', body: JSON.stringify(bern.json) })).status).toBe(201)
    expect((await api(origin, stefan, '/api/push/subscriptions', { method: 'POST', body: JSON.stringify(author.json) })).status).toBe(201)
    expect(await preferencesOf(page)).toMatchObject({ faction: true })

    try {
      const notes = await repo.find<FactionNotesDoc>(url as AutomergeUrl, { signal: AbortSignal.timeout(15_000) })
      const annotation = (id: string): Annotation => ({
        id,
        kind: 'note',
        color: 'orange',
        target: { fileKey: file.attachmentId ? `${item.paper?.id}/${file.attachmentId}` : file.sha256, sha256: file.sha256, name: file.name },
        page: 1,
        text: SECRET,
        author: stefan.me.id,
        authorName: stefan.me.name,
        createdAt: new Date().toISOString(),
      })
      await test.step('member-d shares a note and an annotation: member-a gets a push, member-b and the author none', async () => {
        notes.change((d) => {
          d.annotations[`e2e-${stamp}-1`] = annotation(`e2e-${stamp}-1`)
          d.notes[item.id] = SECRET
        })
        await expect.poll(async () => (await pushes()).filter((p) => p.path === anna.path).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
        const mine = (await pushes()).filter((p) => p.path === anna.path).map((p) => decrypt(p, anna)).filter((p) => p.tag.includes(documentId))
        expect(mine).toHaveLength(1)
        const payload = mine[0]
        expect(payload.title).toMatch(/^Neue Notiz Ihrer Fraktion: .+ am .+, \d\d:\d\d Uhr$/)
        expect(payload.path).toBe(`/app/meetings/${meeting!.id}`)
        expect(JSON.stringify(payload)).not.toContain(SECRET)
        expect(JSON.stringify(payload)).not.toContain(item.title)
        expect(JSON.stringify(payload)).not.toContain(stefan.me.name)
        const others = (await pushes()).filter((p) => p.path === bern.path || p.path === author.path)
        expect(others).toEqual([])

        // the service worker shows it (delivered through DevTools, as the push service would)
        const cdp = await context.newCDPSession(page)
        const registrationId = new Promise<string>((resolve) => {
          cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
            const reg = event.registrations.find((r) => r.scopeURL.endsWith('/app/') && !r.isDeleted)
            if (reg) resolve(reg.registrationId)
          })
        })
        await cdp.send('ServiceWorker.enable')
        await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: JSON.stringify(payload) })
        await expect
          .poll(async () =>
            page.evaluate(async (tag) => {
              const reg = await navigator.serviceWorker.getRegistration()
              return ((await reg?.getNotifications({ tag })) ?? []).map((n) => ({ title: n.title, body: n.body, data: n.data as unknown }))
            }, payload.tag),
          )
          .toEqual([{ title: payload.title, body: payload.body, data: { path: payload.path } }])
      })

      await test.step('member-a turns faction notices off by keyboard on her phone; the next shared note is not pushed to her', async () => {
        // a 320 px wide phone: the open panel wraps, nothing scrolls sideways (WCAG 1.4.10)
        await page.setViewportSize({ width: 320, height: 800 })
        const settings = page.locator('rt-notification-settings')
        const disclosure = settings.getByRole('button', { name: 'Benachrichtigungsarten' })
        await disclosure.focus()
        await page.keyboard.press('Enter')
        await expect(disclosure).toHaveAttribute('aria-expanded', 'true')
        const group = settings.getByRole('group', { name: 'Push-Benachrichtigungen erhalten über' })
        const faction = group.getByRole('checkbox', { name: 'Anmerkungen und Notizen, die meine Fraktion teilt' })
        await expect(faction).toBeChecked()
        await expect(group.getByRole('checkbox')).toHaveCount(3)
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
        await expectAccessible(page, 'notification types')
        await faction.focus()
        await page.keyboard.press('Space')
        await expect(settings.getByRole('status')).toHaveText('Einstellung gespeichert.')
        await expect(faction).not.toBeChecked()
        expect(await preferencesOf(page)).toEqual({ invitation: true, documents: true, faction: false })
        await page.keyboard.press('Escape')
        await expect(disclosure).toHaveAttribute('aria-expanded', 'false')
        expect((await focusedElement(page)).text).toBe('Benachrichtigungsarten')

        const before = noticesFor(documentId)
        notes.change((d) => {
          d.annotations[`e2e-${stamp}-2`] = annotation(`e2e-${stamp}-2`)
        })
        // the relay processed the second notice (audit entry) and pushed nothing to member-a
        await expect.poll(() => noticesFor(documentId), { timeout: 20_000 }).toBeGreaterThan(before)
        const mine = (await pushes()).filter((p) => p.path === anna.path).map((p) => decrypt(p, anna)).filter((p) => p.tag.includes(documentId))
        expect(mine).toHaveLength(1)
      })
    } finally {
      // leave member-a as the other journeys expect her: faction notices on, no subscription of ours
      await page.evaluate(async () => {
        await fetch('/api/push/preferences', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faction: true }) })
      })
      await page.evaluate(async (body) => {
        await fetch('/api/push/subscriptions', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      }, { endpoint: (anna.json as { endpoint: string }).endpoint })
      for (const [session, sub] of [[bernd, bern], [stefan, author]] as const) {
        await api(origin, session, '/api/push/subscriptions', { method: 'DELETE', body: JSON.stringify({ endpoint: (sub.json as { endpoint: string }).endpoint }) })
      }
      await context.close()
    }
  } finally {
    adapter.disconnect()
    await repo.shutdown().catch(() => {})
  }
})
