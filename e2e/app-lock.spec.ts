/**
 * The secure local store: member-a chooses a PIN on a new device, keeps a meeting with a
 * non-public part offline and writes a private note, then locks the app. Everything IndexedDB holds
 * for the origin is then read raw in the page — every database, store, key and value, Blobs and
 * binary chunks as bytes — and none of it shows the non-public agenda title, the non-public PDF or
 * the note, while a positive control shows the dump does read real content. A wrong PIN is refused
 * and announced; the right one unlocks offline and the documents are back. The app locks itself
 * after the chosen idle time, and ten wrong PINs delete the account's data from the device.
 * A second journey unlocks with the device's platform authenticator (WebAuthn PRF, virtual
 * authenticator over CDP).
 */
import * as A from '@automerge/automerge'
import { expect, test, type Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import { inspectPdf } from '../packages/paper-pdf/src/testing/inspect-pdf.ts'
import { DEMO_PASSWORD, DEMO_PIN, expectAccessible, manifestOf, setPin, syncStatus, unlock, waitForServiceWorker } from './journey-helpers.ts'

test.describe.configure({ mode: 'serial' })

interface RawDump {
  databases: string[]
  /** every string found anywhere: keys, values, nested fields */
  texts: string[]
  /** every binary value (Uint8Array, ArrayBuffer, Blob), base64 */
  binaries: string[]
  /** CryptoKey objects stored anywhere (there must be none: the data key never rests in the clear) */
  cryptoKeys: number
}

/** Reads every IndexedDB database of the origin, every object store, every key and value. */
async function dumpIndexedDb(page: Page): Promise<RawDump> {
  return page.evaluate(async () => {
    const out = { databases: [] as string[], texts: [] as string[], binaries: [] as string[], cryptoKeys: 0 }
    const latin1 = new TextDecoder('latin1')
    const utf8 = new TextDecoder('utf-8')
    const base64 = (bytes: Uint8Array) => {
      let s = ''
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return btoa(s)
    }
    const bytesOut = (bytes: Uint8Array) => {
      out.binaries.push(base64(bytes))
      out.texts.push(utf8.decode(bytes), latin1.decode(bytes))
    }
    const walk = async (v: unknown, depth = 0): Promise<void> => {
      if (v === null || v === undefined || depth > 20) return
      if (typeof v === 'string') out.texts.push(v)
      else if (v instanceof CryptoKey) out.cryptoKeys++
      else if (v instanceof Blob) bytesOut(new Uint8Array(await v.arrayBuffer()))
      else if (v instanceof ArrayBuffer) bytesOut(new Uint8Array(v))
      else if (ArrayBuffer.isView(v)) bytesOut(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
      else if (Array.isArray(v)) for (const x of v) await walk(x, depth + 1)
      else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) {
        out.texts.push(k)
        await walk(x, depth + 1)
      }
    }
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))))
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue
      out.databases.push(name)
      const db = await request(indexedDB.open(name))
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly')
        const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())])
        await walk(keys)
        await walk(values)
      }
      db.close()
    }
    return out
  })
}

/** Whatever a binary says when read as an Automerge document or change, as JSON text ('' if it is not Automerge). */
function automergeText(bytes: Uint8Array): string {
  for (const read of [() => A.load(bytes), () => A.loadIncremental(A.init(), bytes)]) {
    try {
      return JSON.stringify(A.toJS(read()))
    } catch {
      // not this kind of chunk
    }
  }
  return ''
}

/** Every way the dump could show `secret`: as text, inside a binary, or inside Automerge data. */
function findings(dump: RawDump, secrets: string[]): string[] {
  const found: string[] = []
  for (const secret of secrets) {
    if (dump.texts.some((t) => t.includes(secret))) found.push(`text: ${secret}`)
    for (const b of dump.binaries) if (automergeText(Buffer.from(b, 'base64')).includes(secret)) found.push(`automerge: ${secret}`)
  }
  return found
}

const confidentialPart = (page: Page) => page.locator('rt-meeting-view section', { has: page.getByRole('heading', { level: 3, name: 'Nichtöffentlicher Teil' }) })
const lockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Ratstisch ist gesperrt' })

/** The DOM of the page including shadow roots, as text. */
const deepText = (page: Page) =>
  page.evaluate(() => {
    const parts: string[] = []
    const visit = (root: Node) => {
      parts.push(root.textContent ?? '')
      root instanceof Element && root.shadowRoot && visit(root.shadowRoot)
      for (const el of (root as ParentNode).querySelectorAll?.('*') ?? []) if (el.shadowRoot) visit(el.shadowRoot)
    }
    visit(document.body)
    for (const input of document.querySelectorAll('input, textarea')) parts.push((input as HTMLInputElement).value)
    return parts.join('\n')
  })

test('locked, the device holds nothing readable of the non-public meeting; the PIN opens it again offline', async ({ browser }) => {
  const context = await browser.newContext()
  await context.clock.install()
  const page = await context.newPage()

  // Sign in: the app asks for a PIN before it keeps anything, and says why.
  await page.goto('/app/')
  await page.getByLabel('Benutzername').fill('member-a')
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })).toBeVisible()
  await expect(page.getByText('Legen Sie eine PIN fest, bevor Ratstisch Sitzungsunterlagen auf diesem Gerät speichert')).toBeVisible()
  await expect(page.getByLabel('Neue PIN')).toBeFocused()
  await expectAccessible(page, 'PIN setup')
  await page.getByLabel('Neue PIN').fill('123456')
  await page.getByLabel('PIN wiederholen').fill('123456')
  await page.getByRole('button', { name: 'PIN festlegen' }).click()
  await expect(page.getByRole('alert')).toContainText('zu leicht zu erraten')
  await expect(page.getByLabel('Neue PIN')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page, 'PIN setup with an error')
  await setPin(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  await waitForServiceWorker(page)
  const me = (await (await page.request.get('/api/me')).json()) as { id: string; name: string }

  // A meeting of her bodies whose non-public part has documents.
  const manifest = await manifestOf(page.request)
  const withConfidential = new Set(manifest.filter((e) => e.type === 'meeting-confidential').map((e) => e.meeting))
  const candidates = manifest.filter((e) => e.type === 'meeting' && e.meeting && withConfidential.has(e.meeting)).map((e) => e.meeting!)
  let meetingId = ''
  let confidentialFiles: string[] = []
  for (const id of candidates.slice(0, 15)) {
    await page.goto(`/app/meetings/${encodeURIComponent(id)}`)
    await unlockIfLocked(page)
    await expect(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true })).toBeVisible({ timeout: 30_000 })
    await expect(confidentialPart(page).locator('rt-agenda-item, p.muted:not(.loading), p.notice').first()).toBeVisible({ timeout: 30_000 })
    const hrefs = await confidentialPart(page).getByRole('link', { name: /^Öffnen/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    if (hrefs.length) {
      meetingId = id
      confidentialFiles = hrefs.map((h) => h.split('/').pop()!)
      break
    }
  }
  expect(meetingId, 'a meeting of member-a with non-public documents').not.toBe('')
  const meetingUrl = `/app/meetings/${encodeURIComponent(meetingId)}`
  const meetingName = (await page.getByRole('heading', { level: 1 }).innerText()).trim()
  const confidentialItem = confidentialPart(page).locator('rt-agenda-item').filter({ has: page.getByRole('link', { name: /^Öffnen/ }) }).first()
  const secretTitle = (await confidentialItem.locator('h4 .title').innerText()).trim()
  expect(secretTitle.length).toBeGreaterThan(8)

  // the text of one of its PDFs, as the relay serves it to her
  const pdfBytes = new Uint8Array(await (await page.request.get(`/api/files/${confidentialFiles[0]}`)).body())
  const pdf = await inspectPdf(pdfBytes)
  const pdfLine = pdf.pages
    .flatMap((p) => p.content.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length >= 20 && !l.includes(secretTitle))
    .sort((a, b) => b.length - a.length)[0]
  expect(pdfLine, 'a line of text in the non-public PDF').toBeTruthy()

  // Keep it offline and write a private note on the non-public item.
  await page.getByRole('button', { name: 'Offline verfügbar machen' }).click()
  await expect(page.getByText('Diese Sitzung ist offline verfügbar.')).toBeVisible({ timeout: 60_000 })
  const note = `Privat ${Date.now()}: Verhandlungsspielraum beim Kaufpreis`
  await confidentialItem.getByRole('textbox', { name: /^Persönliche Notiz/ }).fill(note)
  await expect(confidentialItem.getByRole('textbox', { name: /^Persönliche Notiz/ })).toHaveValue(note)

  // Lock with the button: the lock screen, and nothing of the meeting left in the page.
  await page.getByRole('button', { name: 'Sperren', exact: true }).click()
  await expect(lockHeading(page)).toBeVisible()
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused()
  const shown = await deepText(page)
  for (const secret of [secretTitle, note, meetingName]) expect(shown.includes(secret), `page still shows ${secret}`).toBe(false)

  // Raw IndexedDB after locking.
  const dump = await dumpIndexedDb(page)
  expect(dump.databases).toEqual(expect.arrayContaining([`ratstisch-user-${me.id}`, `ratstisch-automerge-${me.id}`, 'ratstisch-device']))
  expect(dump.cryptoKeys, 'no CryptoKey stored').toBe(0)
  expect(findings(dump, [secretTitle, note, pdfLine])).toEqual([])
  const buffers = dump.binaries.map((b) => Buffer.from(b, 'base64'))
  expect(buffers.filter((b) => b.includes('%PDF-')).length, 'no PDF stored in the clear').toBe(0)
  const fileHashes = new Set(buffers.map((b) => createHash('sha256').update(b).digest('hex')))
  for (const sha of confidentialFiles) expect(fileHashes.has(sha), `file ${sha} stored in the clear`).toBe(false)
  // positive controls: the dump reads real content (plain metadata; every sealed file, whole) and
  // the Automerge reader finds a title in plain Automerge data
  expect(dump.texts.some((t) => t.includes(me.name)), 'account name (device database)').toBe(true)
  expect(dump.texts.some((t) => t.includes(meetingName)), 'public meeting name (catalogue)').toBe(true)
  expect(buffers.filter((b) => b.length === pdfBytes.length + 29).length, 'the sealed PDF, read in full').toBeGreaterThan(0)
  expect(automergeText(A.save(A.from({ agendaItems: [{ title: secretTitle }] })))).toContain(secretTitle)
  expect(findings({ ...dump, texts: [], binaries: [Buffer.from(A.save(A.from({ note }))).toString('base64')] }, [note])).toEqual([`automerge: ${note}`])

  // A wrong PIN is refused and announced; the lock screen is accessible.
  await page.getByLabel('PIN', { exact: true }).fill('975310')
  await page.getByRole('button', { name: 'Entsperren', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Die PIN ist falsch. Noch 9 Versuche')
  await expect(page.getByLabel('PIN', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused()
  await expectAccessible(page, 'lock screen with an error')

  // Offline cold start: the lock screen first, then the meeting with its non-public part and files.
  await context.setOffline(true)
  await page.reload()
  await unlock(page)
  await expect(page).toHaveURL(new RegExp(`${meetingUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
  await expect(confidentialPart(page).getByRole('heading', { level: 4, name: new RegExp(escapeRegExp(secretTitle)) })).toBeVisible({ timeout: 30_000 })
  await expect(confidentialItem.getByRole('textbox', { name: /^Persönliche Notiz/ })).toHaveValue(note)
  await page.goto(`${meetingUrl}/files/${confidentialFiles[0]}`)
  await unlock(page)
  await expect(page.locator('rt-pdf-viewer canvas').first()).toBeVisible({ timeout: 30_000 })
  await context.setOffline(false)

  // Auto-lock after the chosen idle time (1 minute).
  await page.goto(meetingUrl)
  await unlock(page)
  await page.getByText('App-Sperre', { exact: true }).click()
  await page.getByLabel('Automatisch sperren nach').selectOption('1')
  await expect(page.getByRole('status').filter({ hasText: 'sperrt sich nach 1 Minuten' })).toBeVisible()
  await expectAccessible(page, 'app lock settings')
  await page.getByLabel('Automatisch sperren nach').focus()
  await page.clock.fastForward('00:50')
  await expect(lockHeading(page)).toBeHidden()
  await page.clock.fastForward('00:15')
  await expect(lockHeading(page)).toBeVisible()
  expect(await deepText(page)).not.toContain(secretTitle)

  // Ten wrong PINs (the waits in between fast-forwarded): the key and the data are gone.
  let attempts = 0
  const wrong = async () => {
    await page.getByLabel('PIN', { exact: true }).fill('975310')
    await page.getByRole('button', { name: 'Entsperren', exact: true }).click()
    attempts++
  }
  for (let i = 0; i < 9; i++) {
    await wrong()
    await expect(page.getByRole('alert')).toContainText(attempts === 9 ? 'Noch ein Versuch' : `Noch ${10 - attempts} Versuche`)
    await page.clock.fastForward('20:00')
  }
  await wrong()
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
  await expect(page.getByText('Zehnmal wurde eine falsche PIN eingegeben')).toBeVisible()
  await expectAccessible(page, 'sign-in after the data was deleted')
  const after = await dumpIndexedDb(page)
  expect(after.texts.some((t) => t === me.id), 'no lock or account row of member-a left').toBe(false)
  expect(after.binaries.length, 'no sealed data left').toBe(0)

  await context.close()
})

test('member unlocks with the device lock (platform authenticator with PRF)', async ({ browser, baseURL }) => {
  // WebAuthn needs a domain: the same relay under "localhost"
  const origin = baseURL!.replace('127.0.0.1', 'localhost')
  const context = await browser.newContext({ baseURL: origin })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true, automaticPresenceSimulation: true },
  })
  await page.goto('/app/')
  await page.getByLabel('Benutzername').fill('member-c')
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await expect(page.getByRole('checkbox', { name: /Auch mit der Gerätesperre/ })).toBeChecked()
  await setPin(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Gerätesperre konnte nicht' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Sperren', exact: true }).click()
  await expect(lockHeading(page)).toBeVisible()
  await page.getByRole('button', { name: 'Mit Gerätesperre entsperren' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()

  // after a reload too, and the PIN still works
  await page.reload()
  await expect(page.getByRole('button', { name: 'Mit Gerätesperre entsperren' })).toBeVisible()
  await unlock(page, DEMO_PIN)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()

  // signing out deletes the wrapped key with the data
  const me = (await (await page.request.get('/api/me')).json()) as { id: string }
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible()
  const dump = await dumpIndexedDb(page)
  expect(dump.texts.includes(me.id), 'no lock or account row left').toBe(false)
  expect(dump.binaries.length, 'no wrapped key, no sealed data left').toBe(0)
  await context.close()
})

test('data a previous version left in the clear is sealed at the first unlock, nothing unsynced is lost', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto('/app/')
  await page.getByLabel('Benutzername').fill('member-a')
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'App-Sperre einrichten' })).toBeVisible()
  const me = (await (await page.request.get('/api/me')).json()) as { id: string }

  // The device as the version before encryption at rest left it (Dexie schema version 2 = IndexedDB
  // version 20, the stock Automerge IndexedDB adapter), with unsynced content in every place.
  const tag = `Vertraulich${Date.now()}`
  const secrets = { kv: `${tag}-Beschlussliste`, outbox: `${tag}-Kommentar`, list: `${tag}-Vorlagenliste`, file: `${tag}-Datei`, doc: `${tag}-Dokument` }
  const docBytes = A.save(A.from({ title: secrets.doc }))
  const fileBytes = Buffer.from(`%PDF-1.7\n${secrets.file}\n%%EOF\n`)
  const fileSha = createHash('sha256').update(fileBytes).digest('hex')
  await page.evaluate(
    async ({ userId, secrets, doc, file, fileSha }) => {
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const open = (name: string, version: number, upgrade: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name, version)
          req.onupgradeneeded = () => upgrade(req.result)
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
      const write = (db: IDBDatabase, store: string, value: unknown, key?: IDBValidKey) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite')
          tx.objectStore(store).put(value, key)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        })
      const user = await open(`ratstisch-user-${userId}`, 20, (db) => {
        const catalogue = db.createObjectStore('catalogue', { keyPath: 'documentId' })
        catalogue.createIndex('type', 'type')
        catalogue.createIndex('meeting', 'meeting')
        db.createObjectStore('blobs', { keyPath: 'sha256' }).createIndex('documents', 'documents', { multiEntry: true })
        db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true })
        for (const [store, key] of [['dirty', 'documentId'], ['pins', 'meetingId'], ['notes', 'meetingId'], ['kv', 'key'], ['paperLists', 'key']])
          db.createObjectStore(store, { keyPath: key })
      })
      const at = new Date().toISOString()
      await write(user, 'kv', { key: 'outcomes:resolutions', value: JSON.stringify({ value: [{ title: secrets.kv }], at }) })
      await write(user, 'outbox', { command: { kind: 'paper-command', paperId: 'gibt-es-nicht', command: { id: 'c-legacy', action: 'comment', clientAt: at, comment: secrets.outbox } }, createdAt: at, attempts: 0 })
      const list = { papers: [{ id: 'p-legacy', url: 'automerge:legacy', name: secrets.list, state: 'draft', departmentId: 'dept' }], serverTime: at }
      await write(user, 'paperLists', { key: 'staff', body: JSON.stringify(list), etag: null, serverTime: at, confirmedAt: at, departmentNames: {} })
      const pdf = bytes(file)
      await write(user, 'blobs', { sha256: fileSha, blob: new Blob([pdf], { type: 'application/pdf' }), size: pdf.byteLength, mime: 'application/pdf', documents: ['legacy'], storedAt: at })
      await write(user, 'blobs', { sha256: 'f'.repeat(64), blob: new Blob([pdf]), size: pdf.byteLength, mime: 'application/pdf', documents: ['legacy'], storedAt: at })
      user.close()
      const automerge = await open(`ratstisch-automerge-${userId}`, 1, (db) => db.createObjectStore('documents'))
      const key = ['legacyDocument', 'snapshot', 'abc']
      await write(automerge, 'documents', { key, binary: bytes(doc) }, key)
      automerge.close()
    },
    { userId: me.id, secrets, doc: Buffer.from(docBytes).toString('base64'), file: fileBytes.toString('base64'), fileSha },
  )
  const before = await dumpIndexedDb(page)
  expect(findings(before, Object.values(secrets)).length, 'the planted data is readable before').toBeGreaterThanOrEqual(5)

  // Offline (the outbox must wait), the PIN is chosen and the data opened: sealed on the way.
  await context.setOffline(true)
  await setPin(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible()
  // the command queued by the old version is still waiting
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'local-only')
  await page.getByRole('button', { name: 'Sperren', exact: true }).click()
  await expect(lockHeading(page)).toBeVisible()

  const after = await dumpIndexedDb(page)
  expect(findings(after, Object.values(secrets))).toEqual([])
  const buffers = after.binaries.map((b) => Buffer.from(b, 'base64'))
  expect(buffers.filter((b) => b.includes('%PDF-')).length).toBe(0)
  // still there, sealed: the document chunk, the file (the damaged copy dropped), the command, the list, the cached answer
  expect(buffers.filter((b) => b.length === docBytes.length + 29).length, 'sealed document chunk').toBe(1)
  expect(buffers.filter((b) => b.length === fileBytes.length + 29).length, 'sealed file').toBe(1)
  expect(after.texts).toContain(fileSha)
  expect(after.texts).not.toContain('f'.repeat(64))
  expect(after.texts).toEqual(expect.arrayContaining(['outcomes:resolutions', 'gibt-es-nicht', 'paper-command']))
  expect(after.texts).not.toContain('at-rest:plain-data')

  // Unlocked and online, the command that waited is read and sent (the relay refuses it: no such paper).
  await unlock(page)
  await context.setOffline(false)
  await expect(syncStatus(page)).toHaveAttribute('data-status', 'synced', { timeout: 45_000 })
  expect(warnings.filter((w) => w.includes('does not open'))).toEqual([])
  await context.close()
})

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Page loads show the lock screen (the key lives in memory only): unlock when it is there. */
async function unlockIfLocked(page: Page): Promise<void> {
  await expect(lockHeading(page).or(page.getByRole('heading', { level: 3, name: 'Öffentlicher Teil', exact: true }))).toBeVisible({ timeout: 30_000 })
  if (await lockHeading(page).isVisible()) await unlock(page)
}
