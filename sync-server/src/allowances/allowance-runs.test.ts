/**
 * Sitzungsgeld on a real relay, end to end: statute versions, claims with proofs approved by the
 * finance clerk, a calculation run from the held meetings' attendance (golden case 3: 162,00 €),
 * a re-run with its difference, approval, a payout (SEPA pain.001.001.09 valid against the ISO
 * XSD, booking CSV) that never pays twice, and the member's statement as JSON and tagged PDF.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import '@ratstisch/paper-pdf/node-pdfjs-shim'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { minimalPdf } from '../testing/relay-fixture.ts'
import { pdfText } from '../testing/public-crawl.ts'
import { KOENNERN, startAllowanceTown, type AllowanceTown } from './allowance-test-town.ts'

let town: AllowanceTown
beforeAll(async () => {
  town = await startAllowanceTown()
}, 60_000)
afterAll(async () => {
  await town.fx.close()
}, 30_000)

const body = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return JSON.parse(text) as T
}

interface RunAnswer {
  run: { id: string; totalCents: number; approvedAt: string | null; superseded: boolean; label: string }
  result: { members: { personId: string; totalCents: number; items: { id: string; kind: string; amountCents: number; explanation: string }[] }[]; inputHash: string }
  diff: { differenceCents: number; members: { personId: string; changes: { change: string; differenceCents: number }[] }[] } | null
}

const xsdPath = sharedPath('sepa/pain.001.001.09.xsd')

describe('allowances: statute, claims, runs, payouts and statements on the relay', () => {
  const api = (...args: Parameters<AllowanceTown['api']>) => town.api(...args)
  let firstRun: RunAnswer
  let travelClaimId = ''

  it('keeps statute versions and names the current one', async () => {
    const info = await body<{ current: { version: number; statuteId: string }; versions: unknown[] }>(await api(town.cookies.finance, 'GET', '/api/allowances/statute'), 200)
    expect(info.current).toMatchObject({ version: 1, statuteId: 'koennern-2025' })
    // the same file again is no new version
    const again = await body<{ version: number; unchanged: boolean }>(await api(town.cookies.finance, 'PUT', '/api/allowances/statute', KOENNERN), 200)
    expect(again).toMatchObject({ version: 1, unchanged: true })
  })

  it('calculates March 2026 from the held meetings: golden case 3 (162,00 €) and a council-only member (141,00 €)', async () => {
    firstRun = await body<RunAnswer>(await api(town.cookies.finance, 'POST', '/api/allowances/runs', { from: '2026-03' }), 201)
    const a = firstRun.result.members.find((m) => m.personId === 'p-a')!
    const b = firstRun.result.members.find((m) => m.personId === 'p-b')!
    expect(a.totalCents).toBe(16200)
    expect(b.totalCents).toBe(14100)
    expect(a.items.find((i) => i.kind === 'sessionFee')?.explanation).toContain('2 × Sitzungsgeld 21,00 € am 12.03.')
    expect(firstRun.result.members.some((m) => m.personId === 'p-guest')).toBe(false)
    expect(firstRun.diff).toBeNull()
    expect(firstRun.run).toMatchObject({ label: 'März 2026', approvedAt: null, superseded: false })
  })

  it('a member submits claims (with proof where the statute needs one); the finance clerk approves or rejects with a reason', async () => {
    const car = await body<{ id: string; status: string }>(
      await api(town.cookies.memberA, 'POST', '/api/allowances/me/claims', { kind: 'travel', meetingId: 'mtg-rat', mode: 'car', km: 24, inTown: false, note: 'Anfahrt aus dem Ortsteil' }),
      201,
    )
    expect(car.status).toBe('pending')
    travelClaimId = car.id
    // public transport needs the ticket
    const missing = await body<{ code: string }>(await api(town.cookies.memberA, 'POST', '/api/allowances/me/claims', { kind: 'travel', date: '2026-03-12', mode: 'publicTransport', receiptCents: 560, inTown: false }), 400)
    expect(missing.code).toBe('proof-missing')
    const form = new FormData()
    form.set('claim', JSON.stringify({ kind: 'lostEarnings', meetingId: 'mtg-1', basis: 'employee', minutes: 90, hourlyRateCents: 2800 }))
    form.append('files', new Blob([minimalPdf('Arbeitgeberbescheinigung') as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'Bescheinigung.pdf')
    const earnings = await body<{ id: string; files: { sha256: string; name: string }[] }>(await api(town.cookies.memberA, 'POST', '/api/allowances/me/claims', form), 201)
    expect(earnings.files.map((f) => f.name)).toEqual(['Bescheinigung.pdf'])
    // a text file is no proof
    const bad = new FormData()
    bad.set('claim', JSON.stringify({ kind: 'care', date: '2026-03-12', minutes: 120, receiptCents: 3000 }))
    bad.append('files', new Blob(['hello'], { type: 'text/plain' }), 'beleg.txt')
    expect((await api(town.cookies.memberA, 'POST', '/api/allowances/me/claims', bad)).status).toBe(415)

    const queue = await body<{ claims: { id: string; personName: string }[] }>(await api(town.cookies.finance, 'GET', '/api/allowances/claims?status=pending'), 200)
    expect(queue.claims.map((c) => c.id).sort()).toEqual([car.id, earnings.id].sort())
    const file = await api(town.cookies.finance, 'GET', `/api/allowances/claims/${earnings.id}/files/${earnings.files[0].sha256}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('cache-control')).toContain('no-store')

    expect((await body<{ code: string }>(await api(town.cookies.finance, 'POST', `/api/allowances/claims/${earnings.id}/decision`, { decision: 'reject' }), 400)).code).toBe('invalid')
    expect((await body<{ status: string }>(await api(town.cookies.finance, 'POST', `/api/allowances/claims/${car.id}/decision`, { decision: 'approve' }), 200)).status).toBe('approved')
    const rejected = await body<{ status: string; reason: string }>(
      await api(town.cookies.finance, 'POST', `/api/allowances/claims/${earnings.id}/decision`, { decision: 'reject', reason: 'Bescheinigung ohne Stundensatz' }),
      200,
    )
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Bescheinigung ohne Stundensatz' })
    // decided is decided
    expect((await api(town.cookies.finance, 'POST', `/api/allowances/claims/${earnings.id}/decision`, { decision: 'approve' })).status).toBe(409)
    expect((await api(town.cookies.memberA, 'POST', `/api/allowances/me/claims/${car.id}/withdraw`)).status).toBe(409)
    const mine = await body<{ claims: { id: string; status: string; reason: string | null }[] }>(await api(town.cookies.memberA, 'GET', '/api/allowances/me/claims'), 200)
    expect(mine.claims.find((c) => c.id === earnings.id)).toMatchObject({ status: 'rejected', reason: 'Bescheinigung ohne Stundensatz' })
  })

  it('a re-run of the period is stored as a new run and shows the difference (the approved travel claim: 24 km × 0,30 €)', async () => {
    const rerun = await body<RunAnswer>(await api(town.cookies.finance, 'POST', '/api/allowances/runs', { from: '2026-03' }), 201)
    expect(rerun.run.id).not.toBe(firstRun.run.id)
    expect(rerun.result.inputHash).not.toBe(firstRun.result.inputHash)
    expect(rerun.diff?.differenceCents).toBe(720)
    expect(rerun.diff?.members).toEqual([expect.objectContaining({ personId: 'p-a', changes: [expect.objectContaining({ change: 'added', differenceCents: 720 })] })])
    const travel = rerun.result.members.find((m) => m.personId === 'p-a')!.items.find((i) => i.kind === 'travel')!
    expect(travel.amountCents).toBe(720)
    // the older run is superseded and can no longer be approved
    const runs = await body<{ runs: { id: string; superseded: boolean }[] }>(await api(town.cookies.finance, 'GET', '/api/allowances/runs'), 200)
    expect(runs.runs.find((r) => r.id === firstRun.run.id)?.superseded).toBe(true)
    expect((await api(town.cookies.finance, 'POST', `/api/allowances/runs/${firstRun.run.id}/approve`)).status).toBe(409)
    const approved = await body<{ approvedAt: string; approvedByName: string }>(await api(town.cookies.finance, 'POST', `/api/allowances/runs/${rerun.run.id}/approve`), 200)
    expect(approved.approvedByName).toBe('Petra Lange')
    expect((await api(town.cookies.finance, 'POST', `/api/allowances/runs/${rerun.run.id}/approve`)).status).toBe(409)
    // the same input again: same hash, no difference
    const same = await body<RunAnswer>(await api(town.cookies.finance, 'POST', '/api/allowances/runs', { from: '2026-03' }), 201)
    expect(same.result.inputHash).toBe(rerun.result.inputHash)
    expect(same.diff?.differenceCents).toBe(0)
    expect(travelClaimId).not.toBe('')
  })

  it('bank data is checked; a payout writes SEPA XML and CSV, marks items paid, and the second payout pays nothing', async () => {
    const bad = await body<{ problems: { path: string; message: string }[] }>(await api(town.cookies.finance, 'PUT', '/api/allowances/payees/p-a', { iban: 'DE89 3704 0044 0532 0130 01' }), 400)
    expect(bad.problems[0].path).toBe('iban')
    await body(await api(town.cookies.finance, 'PUT', '/api/allowances/payees/p-a', { iban: 'DE89 3704 0044 0532 0130 00', taxId: '12345678901' }), 200)
    // no town account yet
    expect((await body<{ code: string }>(await api(town.cookies.finance, 'POST', '/api/allowances/payouts', {}), 409)).code).toBe('no-debtor')
    await body(await api(town.cookies.finance, 'PUT', '/api/allowances/settings', { debtor: { name: 'Stadt Könnern', iban: 'DE02120300000000202051', town: 'Könnern', country: 'DE' } }), 200)

    const preview = await body<{ transfers: number; settlements: { personId: string; status: string; problems: string[] }[] }>(
      await api(town.cookies.finance, 'POST', '/api/allowances/payouts/preview', { executionDate: '2026-04-03' }),
      200,
    )
    expect(preview.transfers).toBe(1)
    expect(preview.settlements.find((s) => s.personId === 'p-b')).toMatchObject({ status: 'blocked', problems: ['keine Bankverbindung hinterlegt'] })

    const created = await body<{ payout: { id: string; transfers: number; controlSumCents: number } }>(await api(town.cookies.finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' }), 201)
    expect(created.payout).toMatchObject({ transfers: 1, controlSumCents: 16920 })
    const xmlRes = await api(town.cookies.finance, 'GET', `/api/allowances/payouts/${created.payout.id}/pain001.xml`)
    expect(xmlRes.headers.get('content-disposition')).toContain('attachment')
    const xml = await xmlRes.text()
    expect(xml).toContain('<CstmrCdtTrfInitn>')
    expect(xml).toContain('<InstdAmt Ccy="EUR">169.20</InstdAmt>')
    expect(xml).toContain('<IBAN>DE89370400440532013000</IBAN>')
    expect(xml).not.toContain('Schulz')
    const csv = new TextDecoder('windows-1252').decode(await (await api(town.cookies.finance, 'GET', `/api/allowances/payouts/${created.payout.id}/booking.csv`)).arrayBuffer())
    expect(csv.split('\r\n')[0]).toContain('Buchungsdatum;Personennummer;Name')
    expect(csv).toContain('Anna Becker')

    // the same again: nothing left to pay
    const again = await body<{ code: string }>(await api(town.cookies.finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' }), 409)
    expect(again.code).toBe('nothing-to-pay')
    const ledger = town.fx.relay.db.prepare('SELECT COUNT(*) AS n, SUM(amount_cents) AS sum FROM allowance_ledger').get() as { n: number; sum: number }
    expect(ledger.sum).toBe(16920)

    // member-b gets bank data: the next payout pays only her
    await body(await api(town.cookies.finance, 'PUT', '/api/allowances/payees/p-b', { iban: 'DE02 1203 0000 0000 2020 51' }), 200)
    const second = await body<{ payout: { id: string; transfers: number; controlSumCents: number } }>(await api(town.cookies.finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' }), 201)
    expect(second.payout).toMatchObject({ transfers: 1, controlSumCents: 14100 })
    expect((await api(town.cookies.finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' })).status).toBe(409)

    // the bank refused the second file: cancelled, its items are open again, and paid once more
    await body(await api(town.cookies.finance, 'POST', `/api/allowances/payouts/${second.payout.id}/cancel`), 200)
    const third = await body<{ payout: { controlSumCents: number } }>(await api(town.cookies.finance, 'POST', '/api/allowances/payouts', { executionDate: '2026-04-03' }), 201)
    expect(third.payout.controlSumCents).toBe(14100)
    const total = town.fx.relay.db.prepare("SELECT SUM(l.amount_cents) AS sum FROM allowance_ledger l JOIN allowance_payouts p ON p.id = l.payout_id WHERE p.status = 'created'").get() as { sum: number }
    expect(total.sum).toBe(16920 + 14100)
  })

  it.skipIf(!xsdPath)('the payout file validates against the ISO pain.001.001.09 XSD (shared/sepa)', async () => {
    const payouts = await body<{ payouts: { id: string; status: string }[] }>(await api(town.cookies.finance, 'GET', '/api/allowances/payouts'), 200)
    for (const p of payouts.payouts) {
      const xml = await (await api(town.cookies.finance, 'GET', `/api/allowances/payouts/${p.id}/pain001.xml`)).text()
      const result = await validateXML({ xml: [{ fileName: 'payout.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: readFileSync(xsdPath!, 'utf8') }] })
      expect(result.errors.map((e) => e.message)).toEqual([])
    }
    // negative control: the same file with a decimal comma fails
    const xml = await (await api(town.cookies.finance, 'GET', `/api/allowances/payouts/${payouts.payouts[0].id}/pain001.xml`)).text()
    const broken = await validateXML({ xml: [{ fileName: 'payout.xml', contents: xml.replace(/<InstdAmt Ccy="EUR">(\d+)\.(\d\d)</, '<InstdAmt Ccy="EUR">$1,$2<') }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: readFileSync(xsdPath!, 'utf8') }] })
    expect(broken.errors.length).toBeGreaterThan(0)
  })

  it("the member's statement: approved items with explanations, what was paid, the tax-free part; as a tagged PDF", async () => {
    const statement = await body<{
      name: string
      items: { kind: string; explanation: string; amountCents: number; paidCents: number }[]
      totalCents: number
      paidCents: number
      tax: { taxFreeCents: number; taxableCents: number; explanation: string } | null
    }>(await api(town.cookies.memberA, 'GET', '/api/allowances/me/statements/2026'), 200)
    expect(statement.totalCents).toBe(16920)
    expect(statement.paidCents).toBe(16920)
    expect(statement.items.map((i) => i.kind).sort()).toEqual(['monthlyFlat', 'sessionFee', 'travel'])
    expect(statement.tax).toMatchObject({ taxFreeCents: 16200, taxableCents: 0 })
    expect(statement.tax?.explanation).toContain('steuerfrei')

    const res = await api(town.cookies.memberA, 'GET', '/api/allowances/me/statements/2026/pdf')
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain('Sitzungsgeld 2026 - Anna Becker.pdf')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ')
    expect(text).toContain('Jahresübersicht 2026')
    expect(text).toContain('2 × Sitzungsgeld 21,00 € am 12.03.')
    expect(text).toContain('steuerfrei')
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const task = pdfjs.getDocument({ data: bytes, useSystemFonts: false })
    const doc = await task.promise
    const markInfo = (await doc.getMarkInfo()) as unknown as Map<string, unknown> | Record<string, unknown> | null
    expect(markInfo instanceof Map ? markInfo.get('Marked') : markInfo?.Marked).toBe(true)
    const tree = await (await doc.getPage(1)).getStructTree()
    const roles = new Set<string>()
    const walk = (node: { role?: string; children?: unknown[] }) => {
      if (node.role) roles.add(node.role)
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] })
    }
    walk(tree as unknown as { role?: string; children?: unknown[] })
    expect([...roles]).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'TH', 'TD']))
    const meta = await doc.getMetadata()
    expect((meta.info as { Language?: string }).Language).toBe('de-DE')
    await task.destroy()
  })

  it('the yearly tax list: who reaches 3,000 €, with the tax id, as CSV', async () => {
    const summary = await body<{ members: { personId: string; reportable: boolean }[]; report: unknown[] }>(await api(town.cookies.finance, 'GET', '/api/allowances/tax/2026'), 200)
    expect(summary.members.map((m) => m.personId).sort()).toEqual(['p-a', 'p-b'])
    expect(summary.report).toEqual([])
    const csv = await (await api(town.cookies.finance, 'GET', '/api/allowances/tax/2026/report.csv')).text()
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('Jahr;Personennummer;Name;Steuer-ID;Summe der Zahlungen (EUR)')
  })
})
