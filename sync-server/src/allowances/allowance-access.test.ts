/**
 * Adversarial tests of the allowance access rule on a real relay: allowance data is for users with
 * the finance role and for the member themself only. Another member, a clerk and an admin get
 * 403/404; members cannot decide claims, calculate or pay; a bad statute changes nothing. A marker
 * written into every allowance text (claim note, account holder, assignment and absence notes) and
 * the IBANs must never appear in the public model (portal, OParl, portal search, feeds), in any
 * sync manifest, in the audit log, in the relay's console output, in push or mail, nor in any
 * relay table outside the allowance tables.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { minimalPdf } from '../testing/relay-fixture.ts'
import { crawlPublic } from '../testing/public-crawl.ts'
import { portalPaths } from '../public/public-urls.ts'
import { KOENNERN, startAllowanceTown, type AllowanceTown } from './allowance-test-town.ts'

const MARKER = 'Geheimvermerk7Qx9'
const IBAN_A = 'DE89370400440532013000'
const IBAN_B = 'DE02120300000000202051'

let town: AllowanceTown
const api = (...args: Parameters<AllowanceTown['api']>) => town.api(...args)
let claimA = { id: '', sha256: '' }
let runId = ''
const logged: string[] = []
const pushes: string[] = []
let notificationsBefore = 0

beforeAll(async () => {
  town = await startAllowanceTown()
  const { relay } = town.fx
  // everything the relay prints while allowance data moves is kept for the leak checks
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[method].bind(console)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
      original(...args)
    })
  }
  vi.spyOn(relay.notifier.push, 'send').mockImplementation(async (_target, payload) => {
    pushes.push(payload)
    return { ok: true } as never
  })
  vi.spyOn(relay.notifier.mailer, 'send').mockImplementation(async (mail) => {
    pushes.push(JSON.stringify(mail))
  })
  notificationsBefore = (relay.db.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n

  // allowance data with the marker everywhere a text can go
  const { finance, memberA, memberB } = town.cookies
  const form = new FormData()
  form.set('claim', JSON.stringify({ kind: 'lostEarnings', meetingId: 'mtg-rat', basis: 'selfEmployed', minutes: 150, hourlyRateCents: 4000, note: `Praxis geschlossen ${MARKER}` }))
  form.append('files', new Blob([minimalPdf(`Nachweis ${MARKER}`) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), `Nachweis ${MARKER}.pdf`)
  const submitted = (await (await api(memberA, 'POST', '/api/allowances/me/claims', form)).json()) as { id: string; files: { sha256: string }[] }
  claimA = { id: submitted.id, sha256: submitted.files[0].sha256 }
  expect((await api(memberB, 'POST', '/api/allowances/me/claims', { kind: 'travel', meetingId: 'mtg-rat', mode: 'car', km: 12, inTown: false, note: `Umweg ${MARKER}` })).status).toBe(201)
  expect((await api(finance, 'PUT', '/api/allowances/payees/p-a', { iban: IBAN_A, accountHolder: `Anna Becker ${MARKER}`, taxId: '12345678901' })).status).toBe(200)
  expect((await api(finance, 'PUT', '/api/allowances/payees/p-b', { iban: IBAN_B })).status).toBe(200)
  expect((await api(finance, 'POST', '/api/allowances/assignments', { personId: 'p-b', typeId: 'supplement-council-chair', action: 'add', from: '2026-03-01', organizationId: 'org-rat', note: `Vertretung ${MARKER}` })).status).toBe(201)
  expect((await api(finance, 'POST', '/api/allowances/absences', { personId: 'p-b', from: '2025-01-01', to: '2025-01-31', note: `Kur ${MARKER}` })).status).toBe(201)
  expect((await api(finance, 'POST', `/api/allowances/claims/${claimA.id}/decision`, { decision: 'approve', reason: `geprüft ${MARKER}` })).status).toBe(200)
  expect((await api(finance, 'PUT', '/api/allowances/settings', { debtor: { name: 'Stadt Könnern', iban: 'DE75512108001245126199', town: 'Könnern', country: 'DE' } })).status).toBe(200)
  const run = (await (await api(finance, 'POST', '/api/allowances/runs', { from: '2026-03' })).json()) as { run: { id: string } }
  runId = run.run.id
  expect((await api(finance, 'POST', `/api/allowances/runs/${runId}/approve`)).status).toBe(200)
  expect((await api(finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' })).status).toBe(201)
  expect((await api(memberA, 'GET', '/api/allowances/me/statements/2026/pdf')).status).toBe(200)
  await relay.publisher.reconcile()
}, 90_000)

afterAll(async () => {
  vi.restoreAllMocks()
  await town.fx.close()
}, 30_000)

/** Every finance endpoint with a harmless body. */
const FINANCE_ENDPOINTS: [string, string, unknown?][] = [
  ['GET', '/api/allowances/statute'],
  ['PUT', '/api/allowances/statute', KOENNERN],
  ['GET', '/api/allowances/members'],
  ['GET', '/api/allowances/assignments'],
  ['POST', '/api/allowances/assignments', { personId: 'p-a', typeId: 'travel', action: 'remove', from: '2026-01-01' }],
  ['DELETE', '/api/allowances/assignments/as-x'],
  ['POST', '/api/allowances/absences', { personId: 'p-a', from: '2026-01-01' }],
  ['DELETE', '/api/allowances/absences/ab-x'],
  ['GET', '/api/allowances/payees'],
  ['PUT', '/api/allowances/payees/p-a', { iban: IBAN_B }],
  ['GET', '/api/allowances/settings'],
  ['PUT', '/api/allowances/settings', { remittancePrefix: 'x' }],
  ['GET', '/api/allowances/claims'],
  ['GET', '/api/allowances/claims?status=pending'],
  ['POST', '/api/allowances/claims/cl-x/decision', { decision: 'approve' }],
  ['GET', '/api/allowances/runs'],
  ['POST', '/api/allowances/runs', { from: '2026-03' }],
  ['GET', '/api/allowances/runs/run-x'],
  ['POST', '/api/allowances/runs/run-x/approve'],
  ['POST', '/api/allowances/payouts/preview', {}],
  ['POST', '/api/allowances/payouts', {}],
  ['GET', '/api/allowances/payouts'],
  ['GET', '/api/allowances/payouts/po-x'],
  ['GET', '/api/allowances/payouts/po-x/pain001.xml'],
  ['GET', '/api/allowances/payouts/po-x/booking.csv'],
  ['POST', '/api/allowances/payouts/po-x/cancel'],
  ['GET', '/api/allowances/tax/2026'],
  ['GET', '/api/allowances/tax/2026/report.csv'],
  ['GET', '/api/allowances/persons/p-a/statements/2026'],
  ['GET', '/api/allowances/persons/p-a/statements/2026/pdf'],
]

describe('allowance access: finance and the member themself only', () => {
  it('members, a clerk and an admin get 403 on every finance endpoint (and an audit entry with the path only)', async () => {
    const before = (town.fx.relay.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'allowance-denied'").get() as { n: number }).n
    for (const who of ['memberB', 'clerk', 'admin'] as const) {
      for (const [method, path, body] of FINANCE_ENDPOINTS) {
        // member-a may read her own statement by person id: that is not a finance endpoint for her
        const res = await api(town.cookies[who], method, path, body)
        expect(res.status, `${who} ${method} ${path}`).toBe(403)
        expect(await res.text()).not.toContain(MARKER)
      }
    }
    for (const [method, path, body] of FINANCE_ENDPOINTS.filter(([, p]) => !p.includes('/persons/p-a/'))) {
      expect((await api(town.cookies.memberA, method, path, body)).status, `member-a ${method} ${path}`).toBe(403)
    }
    const after = (town.fx.relay.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'allowance-denied'").get() as { n: number }).n
    expect(after - before).toBeGreaterThanOrEqual(3 * FINANCE_ENDPOINTS.length)
  })

  it('without a session: 401, nothing else', async () => {
    for (const path of ['/api/allowances/me', '/api/allowances/me/claims', '/api/allowances/claims', '/api/allowances/me/statements/2026']) {
      const res = await fetch(`${town.fx.origin}${path}`)
      expect(res.status).toBe(401)
    }
  })

  it("another member cannot read, withdraw or download my claims, nor see my statement or my IBAN", async () => {
    const { memberA, memberB } = town.cookies
    const bClaims = (await (await api(memberB, 'GET', '/api/allowances/me/claims')).json()) as { claims: { id: string; personId: string }[] }
    expect(bClaims.claims.every((c) => c.personId === 'p-b')).toBe(true)
    expect(bClaims.claims.some((c) => c.id === claimA.id)).toBe(false)
    expect((await api(memberB, 'POST', `/api/allowances/me/claims/${claimA.id}/withdraw`)).status).toBe(404)
    expect((await api(memberB, 'GET', `/api/allowances/claims/${claimA.id}/files/${claimA.sha256}`)).status).toBe(404)
    // nor through the file API by the content hash
    expect((await api(memberB, 'GET', `/api/files/${claimA.sha256}`)).status).toBe(404)
    expect((await api(town.cookies.clerk, 'GET', `/api/files/${claimA.sha256}`)).status).toBe(404)
    expect((await api(town.cookies.clerk, 'GET', `/api/allowances/claims/${claimA.id}/files/${claimA.sha256}`)).status).toBe(404)
    // the owner and finance can
    expect((await api(memberA, 'GET', `/api/allowances/claims/${claimA.id}/files/${claimA.sha256}`)).status).toBe(200)
    expect((await api(town.cookies.finance, 'GET', `/api/allowances/claims/${claimA.id}/files/${claimA.sha256}`)).status).toBe(200)

    for (const path of ['/api/allowances/persons/p-a/statements/2026', '/api/allowances/persons/p-a/statements/2026/pdf']) {
      expect((await api(memberB, 'GET', path)).status).toBe(403)
      expect((await api(memberA, 'GET', path)).status).toBe(200)
    }
    const meB = await (await api(memberB, 'GET', '/api/allowances/me')).text()
    expect(meB).not.toContain('0532')
    expect(meB).not.toContain(MARKER)
    const meA = (await (await api(memberA, 'GET', '/api/allowances/me')).json()) as { bankAccount: { iban: string } | null }
    expect(meA.bankAccount?.iban).toBe('DE89 3704 0044 0532 0130 00')
    const statementB = await (await api(memberB, 'GET', '/api/allowances/me/statements/2026')).text()
    expect(statementB).not.toContain('p-a')
    expect(statementB).not.toContain('Praxis')
  })

  it('a member cannot decide claims (not even their own), calculate, approve or pay', async () => {
    const { memberA } = town.cookies
    expect((await api(memberA, 'POST', `/api/allowances/claims/${claimA.id}/decision`, { decision: 'approve' })).status).toBe(403)
    expect((await api(memberA, 'POST', '/api/allowances/runs', { from: '2026-03' })).status).toBe(403)
    expect((await api(memberA, 'POST', `/api/allowances/runs/${runId}/approve`)).status).toBe(403)
    expect((await api(memberA, 'POST', '/api/allowances/payouts', {})).status).toBe(403)
  })

  it('a clerk without the finance role sees no allowance data (and has no own statement)', async () => {
    const { clerk, admin } = town.cookies
    for (const cookie of [clerk, admin]) {
      for (const path of ['/api/allowances/claims', '/api/allowances/payees', '/api/allowances/runs', `/api/allowances/runs/${runId}`, '/api/allowances/statute', '/api/allowances/members']) {
        const res = await api(cookie, 'GET', path)
        expect(res.status).toBe(403)
        const text = await res.text()
        expect(text).not.toContain(MARKER)
        expect(text).not.toContain('p-a')
      }
      expect((await api(cookie, 'GET', '/api/allowances/me')).status).toBe(404)
      expect((await api(cookie, 'GET', '/api/allowances/me/statements/2026')).status).toBe(404)
    }
  })

  it('a bad statute is refused with paths and changes nothing; runs keep working', async () => {
    const { finance } = town.cookies
    const before = (await (await api(finance, 'GET', '/api/allowances/statute')).json()) as { current: { version: number }; versions: unknown[] }
    const broken = structuredClone(KOENNERN) as { versions: Record<string, unknown>[] }
    broken.versions[0].validFrom = '2025-13-01'
    ;(broken.versions[0].types as Record<string, unknown>[])[0].amountCent = 12000
    const res = await api(finance, 'PUT', '/api/allowances/statute', broken)
    expect(res.status).toBe(400)
    const answer = (await res.json()) as { code: string; problems: { path: string; message: string }[] }
    expect(answer.code).toBe('invalid-statute')
    expect(answer.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['versions[0].validFrom', 'versions[0].types[0]']))
    expect(answer.problems.find((p) => p.path === 'versions[0].validFrom')?.message).toContain('kein gültiges Datum')
    const notJson = await api(finance, 'PUT', '/api/allowances/statute', undefined, { 'content-type': 'application/json' })
    expect(notJson.status).toBe(400)
    const garbage = await fetch(`${town.fx.origin}/api/allowances/statute`, { method: 'PUT', headers: { cookie: finance, origin: town.fx.origin, 'content-type': 'application/json' }, body: '{"schemaVersion": 1,' })
    expect(garbage.status).toBe(400)
    expect(((await garbage.json()) as { code: string }).code).toBe('invalid-statute')
    const after = (await (await api(finance, 'GET', '/api/allowances/statute')).json()) as { current: { version: number }; versions: unknown[] }
    expect(after.current.version).toBe(before.current.version)
    expect(after.versions).toHaveLength(before.versions.length)
    expect((await api(finance, 'POST', '/api/allowances/runs', { from: '2026-03' })).status).toBe(201)
  })

  it('a claim from another origin (CSRF) is refused', async () => {
    const res = await fetch(`${town.fx.origin}/api/allowances/me/claims`, {
      method: 'POST',
      headers: { cookie: town.cookies.memberA, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'travel', date: '2026-03-12', mode: 'car', km: 10, inTown: false }),
    })
    expect(res.status).toBe(403)
  })
})

describe('allowance data never leaves the allowance tables', () => {
  const leaks = (text: string) => [MARKER, IBAN_A, IBAN_B, 'DE89 3704', 'Praxis geschlossen'].filter((s) => text.includes(s))

  it('the public model (portal, OParl, portal search, feeds) shows none of it', async () => {
    const found: string[] = []
    const report = await crawlPublic({
      origin: town.fx.relay.config.publicUrl,
      fetch: async (p) => town.fx.relay.app.request(`${town.fx.relay.config.publicUrl}${p}`),
      start: [portalPaths.home(), portalPaths.meetings(), portalPaths.papers(), portalPaths.organizations(), ...[MARKER, 'Praxis geschlossen', IBAN_A].map((q) => portalPaths.search(q.toLowerCase())), portalPaths.oparlSystem(), portalPaths.rssMeetings(), portalPaths.icsAll()],
      maxRequests: 2000,
      // searched in lower case: the search folds case, so a leaked text would show in its own spelling,
      // while the page's echo of the query does not count as a finding
      inspect: (body) => {
        if (leaks(body.text).length > 0 || Buffer.from(body.bytes).includes(MARKER)) found.push(body.path)
      },
    })
    expect(report.requests).toBeGreaterThan(10)
    expect(found).toEqual([])
    // positive control: the portal search does find public text
    const hits = await (await town.fx.relay.app.request(`${town.fx.relay.config.publicUrl}${portalPaths.search('bebauungsplan')}`)).text()
    expect(hits).toContain('Bebauungsplan Nr. 42')
    const objects = town.fx.relay.db.prepare('SELECT data FROM public_objects').all() as { data: string | null }[]
    expect(objects.length).toBeGreaterThan(0)
    expect(objects.filter((o) => o.data && leaks(o.data).length > 0)).toEqual([])
  })

  it('no sync manifest names it (member-a, member-b, clerk, finance)', async () => {
    for (const who of ['memberA', 'memberB', 'clerk', 'finance'] as const) {
      const text = await (await api(town.cookies[who], 'GET', '/api/sync/manifest')).text()
      expect(leaks(text), who).toEqual([])
      expect(text).not.toMatch(/allowance|Sitzungsgeld|cl-[0-9a-f]{16}/)
    }
  })

  it('the audit log holds ids only: no amounts, IBANs or texts', async () => {
    const rows = town.fx.relay.db.prepare("SELECT action, target, detail FROM audit_log WHERE action LIKE 'allowance-%'").all() as { action: string; target: string | null; detail: string | null }[]
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['allowance-claim-submitted', 'allowance-claim-decided', 'allowance-payee-saved', 'allowance-run-calculated', 'allowance-run-approved', 'allowance-payout-created', 'allowance-denied']))
    for (const r of rows) {
      expect(leaks(JSON.stringify(r))).toEqual([])
      const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {}
      expect(Object.keys(detail).every((k) => ['personId', 'decision', 'runIds', 'file'].includes(k)), JSON.stringify(r)).toBe(true)
      expect(JSON.stringify(detail)).not.toMatch(/\d{3,}(?:[.,]\d\d)?\s*€|Cents/)
    }
    const all = town.fx.relay.db.prepare('SELECT action, target, detail FROM audit_log').all()
    expect(leaks(JSON.stringify(all))).toEqual([])
  })

  it('nothing is pushed or mailed, and nothing of it is printed to the console', () => {
    expect(pushes).toEqual([])
    expect((town.fx.relay.db.prepare('SELECT COUNT(*) AS n FROM notifications').get() as { n: number }).n).toBe(notificationsBefore)
    expect(logged.filter((line) => leaks(line).length > 0)).toEqual([])
  })

  it('no relay table outside the allowance tables holds it (documents, read model, search, settings)', () => {
    const { db } = town.fx.relay
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'allowance_%' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(['documents', 'meetings', 'public_objects', 'audit_log', 'settings']))
    const found: string[] = []
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all()
      const text = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))
      for (const hit of leaks(text)) found.push(`${table}: ${hit}`)
    }
    expect(found).toEqual([])
    // positive control: the scan finds the marker where it is
    const own = JSON.stringify(db.prepare('SELECT * FROM allowance_claims').all())
    expect(own).toContain(MARKER)
  })
})
