/**
 * The demo town's allowances: after seeding, the finance user calculates March of the anchor's
 * year from the recorded attendance, approves it and pays it out; the file validates against the
 * XSD; the full-time mayor gets nothing, the member without bank data is blocked, claims wait in the
 * queue with their proofs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { loadConfig } from '../config.ts'
import { seedDemoTown } from '../demo/seed.ts'
import { createRelay, type Relay } from '../relay.ts'

const ANCHOR = '2026-05-20'
let relay: Relay
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-allowance-demo-'))
const userId = (username: string) => relay.users.byUsername(username)!.id

beforeAll(async () => {
  relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0 })
  await seedDemoTown(relay, { anchorDate: ANCHOR })
  relay.allowances.clock = () => new Date(`${ANCHOR}T08:00:00Z`)
}, 300_000)
afterAll(async () => {
  await relay.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('demo town allowances', () => {
  it('seeds the Musterstadt statute, bank data, assignments and claims in every state', () => {
    const finance = userId('finance')
    expect(relay.users.roles(finance)).toEqual(['finance'])
    const statute = relay.allowances.statuteInfo(finance)
    expect(statute.current?.statuteId).toBe('musterstadt')
    const claims = relay.allowances.claims(finance)
    const states = new Set(claims.map((c) => c.status))
    expect([...states].sort()).toEqual(['approved', 'pending', 'rejected'])
    expect(claims.filter((c) => c.status === 'pending').every((c) => c.kind === 'travel' || c.files.length > 0 || c.kind === 'lostEarnings')).toBe(true)
    const overrides = relay.allowances.assignments(finance).overrides
    expect(overrides.some((o) => o.action === 'remove' && o.note?.includes('Bürgermeister'))).toBe(true)
    expect(overrides.some((o) => o.action === 'add')).toBe(true)
    const payees = relay.allowances.payees(finance)
    expect(payees.filter((p) => !p.payee)).toHaveLength(1)
  })

  it('the finance user calculates March for the demo town from the held meetings, approves and pays it out', async () => {
    const finance = userId('finance')
    const { run, result } = await relay.allowances.calculate(finance, { from: '2026-03' })
    expect(run.memberCount).toBeGreaterThan(20)
    const sessionFees = result.members.flatMap((m) => m.items).filter((i) => i.kind === 'sessionFee' && i.amountCents > 0)
    expect(sessionFees.length).toBeGreaterThan(10)
    expect(sessionFees[0].explanation).toMatch(/Sitzungsgeld 27,00 €/)
    // the full-time mayor gets nothing
    const mayor = relay.users.byUsername('mayor')!.personId!
    expect(result.members.find((m) => m.personId === mayor)?.totalCents ?? 0).toBe(0)
    // member-a's approved travel claim for the council meeting is in
    const memberA = relay.users.byUsername('member-a')!.personId!
    expect(result.members.find((m) => m.personId === memberA)!.items.some((i) => i.kind === 'travel' && i.amountCents === 420)).toBe(true)

    relay.allowances.approveRun(finance, run.id)
    const { payout } = relay.allowances.createPayout(finance, { executionDate: ANCHOR })
    expect(payout.transfers).toBeGreaterThan(20)
    const preview = relay.allowances.previewPayout(finance, { executionDate: ANCHOR })
    expect(preview.transfers).toBe(0)
    expect(preview.settlements.filter((s) => s.status === 'blocked')).toHaveLength(1)

    const xsd = sharedPath('sepa/pain.001.001.09.xsd')
    if (!xsd) return
    const xml = new TextDecoder().decode(relay.allowances.payoutFile(finance, payout.id, 'xml').bytes)
    expect(xml).toContain('<CstmrCdtTrfInitn>')
    const checked = await validateXML({ xml: [{ fileName: 'demo.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: readFileSync(xsd, 'utf8') }] })
    expect(checked.errors.map((e) => e.message)).toEqual([])
  }, 60_000)

  it("member-a sees her March statement with the explanations, member-b hers, neither the other's", () => {
    const a = relay.allowances.statement(userId('member-a'), 'me', 2026)
    expect(a.items.some((i) => i.month === '2026-03' && i.kind === 'monthlyFlat')).toBe(true)
    expect(a.paidCents).toBeGreaterThan(0)
    const b = relay.allowances.statement(userId('member-b'), 'me', 2026)
    expect(b.personId).not.toBe(a.personId)
    expect(() => relay.allowances.statement(userId('member-b'), a.personId, 2026)).toThrow(/Finanzsachbearbeitung/)
  })
})
