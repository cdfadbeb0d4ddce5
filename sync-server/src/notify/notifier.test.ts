/**
 * Notices end to end with real servers: a local SMTP server (smtp-server) receives the mails, a local
 * HTTPS push service (self-signed certificate made with openssl) receives the Web Push requests, whose
 * aes128gcm payload is decrypted with the subscription's private key (RFC 8291).
 */
import type { MeetingConfidentialDoc, MeetingDoc } from '@ratstisch/domain'
import type { DocumentId } from '@automerge/automerge-repo'
import { execFileSync } from 'node:child_process'
import { createECDH, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type Fixture } from '../testing/relay-fixture.ts'
import { FileMailer } from './mailer.ts'
import { meetingNotice, Notifier, type BodyNotice } from './notifier.ts'
import { formatWhen } from './notice-text.ts'
import { isAllowedPushHost } from './push-subscription-store.ts'

const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ReturnType<typeof createECDH>; authSecret: string }): Buffer
}

const MARKER = 'GEHEIM-MARKER-4711'
const PUBLIC_TITLE = 'Bebauungsplan Nr. 42'

interface ReceivedMail {
  rcpt: string[]
  raw: string
  parsed: ParsedMail
}

interface PushRequest {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** a browser's subscription: P-256 key pair + auth secret; the endpoint points at the fake push service */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = randomBytes(16)
  return {
    ecdh,
    json: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
  }
}

let fx: Fixture
let smtp: SMTPServer
let smtpPort = 0
const mails: ReceivedMail[] = []
let pushServer: https.Server
let pushOrigin = ''
let pushAgent: https.Agent
const pushes: PushRequest[] = []
/** per endpoint path: the status the fake push service answers */
const pushStatus = new Map<string, number>()
let certDir = ''

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        simpleParser(raw)
          .then((parsed) => {
            mails.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: raw.toString('utf8'), parsed })
            callback()
          })
          .catch(callback)
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  smtpPort = (smtp.server.address() as AddressInfo).port

  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-push-cert-'))
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' })
  const cert = fs.readFileSync(path.join(certDir, 'cert.pem'))
  pushServer = https.createServer({ key: fs.readFileSync(path.join(certDir, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      pushes.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) })
      res.writeHead(pushStatus.get(req.url ?? '') ?? 201).end()
    })
  })
  await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', () => resolve()))
  pushOrigin = `https://127.0.0.1:${(pushServer.address() as AddressInfo).port}`
  // trust exactly this certificate (no rejectUnauthorized: false)
  pushAgent = new https.Agent({ ca: cert })

  // the fake push service on loopback is the only allowed push host of this relay
  fx = await startFixture({ pushHosts: ['127.0.0.1'], smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Ratstisch Musterstadt <ratstisch@musterstadt.example>', publicUrl: 'https://rats.musterstadt.example' })
  fx.relay.db.exec(`
    INSERT INTO persons (id, name, email) VALUES
      ('p-c','Carla Vogt','carla@example.org'),
      ('p-d','Dieter Alt','dieter@example.org'),
      ('p-e','Eva Neu','eva@example.org'),
      ('p-f','Frank Vorsitz','frank@example.org');
    UPDATE persons SET email = 'Anna.Becker@example.org' WHERE id = 'p-a';
    UPDATE persons SET email = 'bernd@example.org' WHERE id = 'p-b';
    INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, substitute_for_person_id) VALUES
      ('m-c-bau','p-c','org-bau','stellvertretendes Mitglied',0,'2024-07-01',NULL,'p-a'),
      ('m-d-bau','p-d','org-bau','Mitglied',1,'2019-07-01','2024-06-30',NULL),
      ('m-e-bau','p-e','org-bau','Mitglied',1,'2099-01-01',NULL,NULL),
      ('m-f-rat','p-f','org-rat','Vorsitz',1,'2024-07-01',NULL,NULL);
  `)
  // the non-public part carries the marker: it must never reach a mail or a push
  const confidential = fx.relay.relayRepo.repo.find<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId)
  ;(await confidential).change((d) => {
    d.agendaItems[0].title = `${MARKER} Grundstücksverkauf Flurstück 17`
  })
})

afterAll(async () => {
  await fx?.close()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
  await new Promise<void>((resolve) => pushServer?.close(() => resolve()))
  pushAgent?.destroy()
  if (certDir) fs.rmSync(certDir, { recursive: true, force: true })
})

async function meetingDoc(): Promise<MeetingDoc> {
  const handle = await fx.relay.relayRepo.repo.find<MeetingDoc>(fx.meetingDocId as DocumentId)
  return handle.doc() as MeetingDoc
}

const cookies = new Map<string, string>()
/** one login per user: password hashing is slow on a busy machine */
async function login(username: string): Promise<string> {
  if (!cookies.has(username)) cookies.set(username, await fx.login(username))
  return cookies.get(username)!
}

async function subscribe(username: string, json: unknown): Promise<Response> {
  const cookie = await login(username)
  return fetch(`${fx.origin}/api/push/subscriptions`, {
    method: 'POST',
    headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  })
}

function everything(m: ReceivedMail): string {
  return [m.raw, m.parsed.subject ?? '', m.parsed.text ?? '', typeof m.parsed.html === 'string' ? m.parsed.html : ''].join('\n')
}

describe('notices by e-mail', () => {
  it('mails the members and substitutes of the body, in German, with the link and no agenda titles', async () => {
    const meeting = await meetingDoc()
    expect(JSON.stringify(meeting)).toContain(PUBLIC_TITLE)
    const confidential = (await fx.relay.relayRepo.repo.find<MeetingConfidentialDoc>(fx.confidentialDocId as DocumentId)).doc()
    expect(JSON.stringify(confidential)).toContain(MARKER)
    const notice = meetingNotice(meeting, 'invitation', 'release:mtg-1:v1')
    const result = await fx.relay.notifier.notifyBody(notice)
    expect(result).toEqual({ mails: 2, pushes: 0, failed: 0 })
    await waitUntil(() => mails.length >= 2)

    // Anna (member, e-mail normalised) and Carla (her substitute); not Bernd (other body),
    // not Dieter (membership ended), not Eva (starts in 2099), not Frank (Stadtrat)
    expect(mails.flatMap((m) => m.rcpt).sort()).toEqual(['anna.becker@example.org', 'carla@example.org'])
    for (const mail of mails) {
      expect(mail.rcpt).toHaveLength(1) // one mail per person: no addresses of others
      expect(mail.parsed.to && 'text' in mail.parsed.to ? mail.parsed.to.text : '').toBe(mail.rcpt[0])
      expect(mail.parsed.from?.text).toContain('ratstisch@musterstadt.example')
      expect(mail.parsed.subject).toBe('Einladung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr')
      expect(mail.parsed.text).toContain('Ort: Rathaus, Ratssaal')
      expect(mail.parsed.text).toContain('Sitzung: 5. Sitzung des Bauausschusses')
      expect(mail.parsed.text).toContain('https://rats.musterstadt.example/app/meetings/mtg-1')
      expect(mail.parsed.html).toContain('href="https://rats.musterstadt.example/app/meetings/mtg-1"')
      const all = everything(mail)
      expect(all).not.toContain(MARKER)
      expect(all).not.toContain('Grundstücksverkauf')
      expect(all).not.toContain(PUBLIC_TITLE)
    }
    const rows = fx.relay.db.prepare("SELECT recipient, status, recipient_user_id FROM notifications WHERE key = 'release:mtg-1:v1' ORDER BY recipient").all()
    expect(rows).toEqual([
      { recipient: 'anna.becker@example.org', status: 'sent', recipient_user_id: 'ua' },
      { recipient: 'carla@example.org', status: 'sent', recipient_user_id: null },
    ])
  })

  it('never sends the same notice twice (idempotency key)', async () => {
    const before = mails.length
    const notice = meetingNotice(await meetingDoc(), 'invitation', 'release:mtg-1:v1')
    const [a, b] = await Promise.all([fx.relay.notifier.notifyBody(notice), fx.relay.notifier.notifyBody(notice)])
    expect(a.mails + b.mails).toBe(0)
    await new Promise((r) => setTimeout(r, 200))
    expect(mails.length).toBe(before)

    // a new key (Nachtrag) is a new notice; two concurrent calls still send it once
    const nachtrag = meetingNotice(await meetingDoc(), 'nachtrag', 'release:mtg-1:v2')
    const [c, d] = await Promise.all([fx.relay.notifier.notifyBody(nachtrag), fx.relay.notifier.notifyBody(nachtrag)])
    expect(c.mails + d.mails).toBe(2)
    await waitUntil(() => mails.length === before + 2)
    expect(mails.slice(before).map((m) => m.parsed.subject)).toEqual([
      'Nachtrag zur Tagesordnung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr',
      'Nachtrag zur Tagesordnung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr',
    ])
  })

  it('records a failed mail and retries it on the next call', async () => {
    const failing = new Notifier({
      db: fx.relay.db,
      config: fx.relay.config,
      audit: fx.relay.audit,
      mailer: { description: 'test', send: () => Promise.reject(new Error('connection refused')) },
    })
    const notice: BodyNotice = { ...meetingNotice(await meetingDoc(), 'cancellation', 'cancel:mtg-1'), organizationId: 'org-rat', organizationName: 'Stadtrat' }
    expect(await failing.notifyBody(notice)).toEqual({ mails: 0, pushes: 0, failed: 3 })
    const failed = fx.relay.db.prepare("SELECT status, error FROM notifications WHERE key = 'cancel:mtg-1'").all() as { status: string; error: string }[]
    expect(failed).toHaveLength(3)
    expect(failed.every((r) => r.status === 'failed' && r.error.includes('connection refused'))).toBe(true)

    const before = mails.length
    expect(await fx.relay.notifier.notifyBody(notice)).toEqual({ mails: 3, pushes: 0, failed: 0 })
    await waitUntil(() => mails.length === before + 3)
    expect(mails.slice(before).flatMap((m) => m.rcpt).sort()).toEqual(['anna.becker@example.org', 'bernd@example.org', 'frank@example.org'])
    expect(mails[before].parsed.subject).toBe('Absage: Stadtrat am Donnerstag, 12.03.2026, 17:00 Uhr')
    expect(await fx.relay.notifier.notifyBody(notice)).toEqual({ mails: 0, pushes: 0, failed: 0 })
  })

  it('refuses links outside the app', async () => {
    const notice = meetingNotice(await meetingDoc(), 'invitation', 'evil')
    await expect(fx.relay.notifier.notifyBody({ ...notice, path: 'https://evil.example/' })).rejects.toThrow()
    await expect(fx.relay.notifier.notifyBody({ ...notice, path: '//evil.example/app' })).rejects.toThrow()
    await expect(fx.relay.notifier.notifyBody({ ...notice, path: '/app/../api/admin' })).rejects.toThrow()
  })

  it('keeps header injection out of the subject', async () => {
    const before = mails.length
    const notice: BodyNotice = { ...meetingNotice(await meetingDoc(), 'invitation', 'inject'), organizationName: 'Bauausschuss\r\nBcc: spy@evil.example' }
    await fx.relay.notifier.notifyBody(notice)
    await waitUntil(() => mails.length === before + 2)
    for (const m of mails.slice(before)) {
      expect(m.rcpt).not.toContain('spy@evil.example')
      expect(m.parsed.bcc).toBeUndefined()
    }
  })

  it('BodyNotice has no room for agenda titles', () => {
    const notice: BodyNotice = {
      key: 'k',
      kind: 'invitation',
      organizationId: 'org-bau',
      organizationName: 'Bauausschuss',
      meetingName: 'Sitzung',
      path: '/app/meetings/mtg-1',
      // @ts-expect-error agenda items are not part of a notice (type check in `tsc`)
      agendaItems: [{ title: MARKER }],
    }
    expect(notice.key).toBe('k')
  })

  it('formats the time in Europe/Berlin across daylight saving time', () => {
    expect(formatWhen('2026-03-12T17:00:00+01:00')).toBe('Donnerstag, 12.03.2026, 17:00 Uhr')
    expect(formatWhen('2026-07-02T15:30:00Z')).toBe('Donnerstag, 02.07.2026, 17:30 Uhr')
  })
})

describe('file mailer', () => {
  it('writes RFC 822 .eml files to DATA_DIR/mail-outbox when no SMTP_URL is set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-outbox-'))
    try {
      const notifier = new Notifier({
        db: fx.relay.db,
        config: { ...fx.relay.config, smtpUrl: undefined, mailDir: '', dataDir },
        audit: fx.relay.audit,
      })
      expect(notifier.mailer).toBeInstanceOf(FileMailer)
      const result = await notifier.notifyBody(meetingNotice(await meetingDoc(), 'invitation', 'file:mtg-1'))
      expect(result.mails).toBe(2)
      const dir = path.join(dataDir, 'mail-outbox')
      const files = fs.readdirSync(dir)
      expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(2)
      expect(files.some((f) => f.endsWith('.tmp'))).toBe(false)
      const parsed = await Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))))
      expect(parsed.map((p) => (p.to && 'text' in p.to ? p.to.text : '')).sort()).toEqual(['anna.becker@example.org', 'carla@example.org'])
      for (const p of parsed) {
        expect(p.subject).toBe('Einladung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr')
        expect(p.messageId).toBeTruthy()
        expect(p.text).not.toContain(MARKER)
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('Web Push', { timeout: 30_000 }, () => {
  it('serves the VAPID public key, the same after a restart of the notifier', async () => {
    const cookie = await login('member-a')
    const res = await fetch(`${fx.origin}/api/push/key`, { headers: { cookie } })
    expect(res.status).toBe(200)
    const { publicKey } = (await res.json()) as { publicKey: string }
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65)
    expect(new Notifier({ db: fx.relay.db, config: fx.relay.config, audit: fx.relay.audit }).publicKey).toBe(publicKey)
    const settings = fx.relay.db.prepare("SELECT key FROM settings WHERE key LIKE 'push.%' ORDER BY key").all()
    expect(settings).toEqual([{ key: 'push.vapidPrivateKey' }, { key: 'push.vapidPublicKey' }])
    // signed out: nothing
    expect((await fetch(`${fx.origin}/api/push/key`)).status).toBe(401)
  })

  it('validates subscriptions (https endpoint, base64url keys, sizes, sign-in, origin)', async () => {
    const good = browserSubscription(`${pushOrigin}/push/validation`).json
    const bad = [
      { ...good, endpoint: 'http://push.example/x' },
      // not an allowed push service: the relay must not be made to POST into other networks
      { ...good, endpoint: 'https://169.254.169.254/latest/meta-data' },
      { ...good, endpoint: 'https://intranet.musterstadt.example/push' },
      { ...good, endpoint: 'https://127.0.0.1.evil.example/push' },
      { ...good, endpoint: 'javascript:alert(1)' },
      { ...good, endpoint: `https://user:pw@push.example/x` },
      { ...good, endpoint: `https://push.example/${'a'.repeat(3000)}` },
      { ...good, keys: { ...good.keys, p256dh: 'not base64url!' } },
      { ...good, keys: { ...good.keys, p256dh: Buffer.alloc(65, 5).toString('base64url') } },
      { ...good, keys: { ...good.keys, auth: Buffer.alloc(17).toString('base64url') } },
      { endpoint: good.endpoint },
      'text',
    ]
    for (const body of bad) expect((await subscribe('member-a', body)).status, JSON.stringify(body).slice(0, 80)).toBe(400)
    const cookie = await login('member-a')
    const huge = await fetch(`${fx.origin}/api/push/subscriptions`, {
      method: 'POST',
      headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ ...good, padding: 'x'.repeat(5000) }),
    })
    expect(huge.status).toBe(400)
    const anonymous = await fetch(`${fx.origin}/api/push/subscriptions`, {
      method: 'POST',
      headers: { origin: fx.origin, 'content-type': 'application/json' },
      body: JSON.stringify(good),
    })
    expect(anonymous.status).toBe(401)
    const crossSite = await fetch(`${fx.origin}/api/push/subscriptions`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(good),
    })
    expect(crossSite.status).toBe(403)
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM push_subscriptions').get()).toEqual({ n: 0 })
  })

  it('pushes an encrypted payload with public facts only; 410 removes the subscription', async () => {
    const pushing = new Notifier({ db: fx.relay.db, config: fx.relay.config, audit: fx.relay.audit, pushAgent })
    const anna = browserSubscription(`${pushOrigin}/push/anna`)
    const gone = browserSubscription(`${pushOrigin}/push/anna-old`)
    const bernd = browserSubscription(`${pushOrigin}/push/bernd`)
    pushStatus.set('/push/anna-old', 410)
    expect((await subscribe('member-a', anna.json)).status).toBe(201)
    expect((await subscribe('member-a', gone.json)).status).toBe(201)
    expect((await subscribe('member-b', bernd.json)).status).toBe(201)

    const result = await pushing.notifyBody(meetingNotice(await meetingDoc(), 'invitation', 'push:mtg-1:v1'))
    expect(result).toEqual({ mails: 2, pushes: 1, failed: 1 })
    // Bernd is not in the Bauausschuss: no push to his browser
    expect(pushes.map((p) => p.path).sort()).toEqual(['/push/anna', '/push/anna-old'])
    const request = pushes.find((p) => p.path === '/push/anna')!
    expect(request.headers['content-encoding']).toBe('aes128gcm')
    expect(String(request.headers.authorization)).toMatch(/^vapid t=.+, k=/)
    expect(request.body.includes(Buffer.from(MARKER))).toBe(false)
    const plain = ece.decrypt(request.body, { version: 'aes128gcm', privateKey: anna.ecdh, authSecret: anna.json.keys.auth }).toString('utf8')
    expect(JSON.parse(plain)).toEqual({
      title: 'Einladung: Bauausschuss am Donnerstag, 12.03.2026, 17:00 Uhr',
      body: '5. Sitzung des Bauausschusses – Ort: Rathaus, Ratssaal',
      path: '/app/meetings/mtg-1',
      tag: 'push:mtg-1:v1',
    })
    expect(plain).not.toContain(MARKER)
    expect(plain).not.toContain(PUBLIC_TITLE)

    const endpoints = fx.relay.db.prepare('SELECT endpoint FROM push_subscriptions ORDER BY endpoint').all() as { endpoint: string }[]
    expect(endpoints.map((e) => e.endpoint)).toEqual([bernd.json.endpoint, anna.json.endpoint].sort())
    const failed = fx.relay.db.prepare("SELECT status, error FROM notifications WHERE key = 'push:mtg-1:v1' AND channel = 'push' AND recipient = ?").get(gone.json.endpoint)
    expect(failed).toEqual({ status: 'failed', error: 'gone: push service: 410' })

    // repeated: nothing new
    const count = pushes.length
    expect(await pushing.notifyBody(meetingNotice(await meetingDoc(), 'invitation', 'push:mtg-1:v1'))).toEqual({ mails: 0, pushes: 0, failed: 0 })
    expect(pushes.length).toBe(count)
  })

  it('lets a user delete only their own subscription', async () => {
    const bernd = fx.relay.db.prepare("SELECT endpoint FROM push_subscriptions WHERE user_id = 'ub'").get() as { endpoint: string }
    const del = async (username: string, endpoint: string) => {
      const cookie = await login(username)
      const res = await fetch(`${fx.origin}/api/push/subscriptions`, {
        method: 'DELETE',
        headers: { cookie, origin: fx.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint }),
      })
      return (await res.json()) as { removed: boolean }
    }
    expect(await del('member-a', bernd.endpoint)).toEqual({ ok: true, removed: false })
    expect(fx.relay.db.prepare("SELECT COUNT(*) AS n FROM push_subscriptions WHERE user_id = 'ub'").get()).toEqual({ n: 1 })
    expect(await del('member-b', bernd.endpoint)).toEqual({ ok: true, removed: true })
    expect(fx.relay.db.prepare("SELECT COUNT(*) AS n FROM push_subscriptions WHERE user_id = 'ub'").get()).toEqual({ n: 0 })
  })

  it('never logs more than the key and counts', async () => {
    const audit = fx.relay.audit.recent('notify', 50)
    expect(audit.length).toBeGreaterThan(0)
    for (const entry of audit) expect(Object.keys(entry.detail ?? {}).sort()).toEqual(['failed', 'mails', 'pushes'])
    expect(JSON.stringify(audit)).not.toContain('@example.org')
  })
})

describe('push service hosts', () => {
  it('allows the configured hosts and their subdomains only', () => {
    const hosts = ['fcm.googleapis.com', 'push.apple.com']
    expect(isAllowedPushHost('https://fcm.googleapis.com/fcm/send/abc', hosts)).toBe(true)
    expect(isAllowedPushHost('https://web.push.apple.com/abc', hosts)).toBe(true)
    expect(isAllowedPushHost('https://evilpush.apple.com.example/abc', hosts)).toBe(false)
    expect(isAllowedPushHost('https://notpush.apple.com.attacker.example/abc', hosts)).toBe(false)
    expect(isAllowedPushHost('https://xpush.apple.com/abc', hosts)).toBe(false)
    expect(isAllowedPushHost('not a url', hosts)).toBe(false)
  })
})
