import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import { describe, expect, it } from 'vitest'
import { sharedPath } from '../../../scripts/shared-dir.ts'
import { calculate } from './calculate.ts'
import type { CalculationInput } from './calculation-input.ts'
import { ConfigError } from './config-problems.ts'
import { pain001Xml } from './pain001-xml.ts'
import { buildPayout, paidEntriesOf, type Debtor, type Payee, type PayoutInput } from './payout.ts'
import { toSepaText } from './sepa-text.ts'
import { attended, scenario, seat } from './testing/scenario.ts'

const DEBTOR: Debtor = { name: 'Stadt Könnern', iban: 'DE02 1203 0000 0000 2020 51', town: 'Könnern', postalCode: '06420', street: 'Marktplatz 1', country: 'DE' }
const PAYEES: Payee[] = [
  { personId: 'anna', name: 'Dr. Anna Bäcker-Müßig', iban: 'DE89370400440532013000', town: 'Könnern', country: 'DE' },
  { personId: 'bernd', name: 'Bernd Öztürk & Söhne', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
  { personId: 'chris', name: 'Chris Ungültig', iban: 'DE89370400440532013001' },
]

function march(): CalculationInput {
  return scenario({
    members: [
      { personId: 'anna', name: 'Dr. Anna Bäcker-Müßig' },
      { personId: 'bernd', name: 'Bernd Öztürk & Söhne' },
      { personId: 'chris', name: 'Chris Ungültig' },
      { personId: 'dora', name: 'Dora Ohnekonto' },
    ],
    memberships: [seat('anna', 'stadtrat'), seat('bernd', 'stadtrat', 'Vorsitz'), seat('chris', 'stadtrat'), seat('dora', 'stadtrat')],
    attendance: [attended('anna', 'stadtrat', '2026-03-12'), attended('bernd', 'stadtrat', '2026-03-12')],
  })
}

function payoutInput(overrides: Partial<PayoutInput> = {}): PayoutInput {
  return { runs: [calculate(march())], payees: PAYEES, debtor: DEBTOR, executionDate: '2026-04-02', createdAt: '2026-04-01T10:00:00', ...overrides }
}

describe('buildPayout', () => {
  it('makes one transfer per member with valid bank data, blocks the others with reasons', () => {
    const payout = buildPayout(payoutInput())
    expect(payout.transfers.map((t) => [t.personId, t.amountCents])).toEqual([
      ['anna', 14100],
      ['bernd', 29100],
    ])
    expect(payout.numberOfTransactions).toBe(2)
    expect(payout.controlSumCents).toBe(43200)
    const blocked = payout.settlements.filter((s) => s.status === 'blocked')
    expect(blocked.map((b) => [b.personId, b.problems])).toEqual([
      ['chris', ['IBAN DE89 3704 0044 0532 0130 01: Prüfziffer stimmt nicht (Tippfehler?)']],
      ['dora', ['keine Bankverbindung hinterlegt']],
    ])
    expect(payout.transfers[1].payee!.iban).toBe('DE89370400440532013000')
    expect(payout.transfers[1].payee!.bic).toBe('COBADEFFXXX')
    expect(payout.transfers[0].remittance).toBe('Aufwandsentschaedigung 03/2026')
  })

  it('is idempotent: after marking paid, building again pays nothing; rebuilding before keeps the EndToEndIds', () => {
    const first = buildPayout(payoutInput())
    const again = buildPayout(payoutInput())
    expect(again.transfers.map((t) => t.endToEndId)).toEqual(first.transfers.map((t) => t.endToEndId))
    expect(again.messageId).toBe(first.messageId)
    for (const t of first.transfers) expect(t.endToEndId).toMatch(/^SG-[0-9a-f]{32}$/)
    expect(new Set(first.transfers.map((t) => t.endToEndId)).size).toBe(2)

    const paid = paidEntriesOf(first, '2026-04-02')
    expect(paid.reduce((s, e) => s + e.amountCents, 0)).toBe(43200)
    const second = buildPayout(payoutInput({ paid }))
    expect(second.transfers).toEqual([])
    // the blocked ones are still open
    expect(second.settlements.map((s) => s.personId)).toEqual(['chris', 'dora'])
  })

  it('pays only the difference after a correction, and turns an overpayment into a reclaim', () => {
    const paid = paidEntriesOf(buildPayout(payoutInput()), '2026-04-02')
    const corrected = march()
    // anna also attended a committee; bernd's council attendance was recorded by mistake
    corrected.memberships.push(seat('anna', 'bau'))
    corrected.attendance = [attended('anna', 'stadtrat', '2026-03-12'), attended('anna', 'bau', '2026-03-19')]
    const payout = buildPayout(payoutInput({ runs: [calculate(corrected)], paid }))
    expect(payout.transfers.map((t) => [t.personId, t.amountCents, t.lines.map((l) => l.itemId)])).toEqual([['anna', 2100, ['anna|sessionFee|session-fee|2026-03-19']]])
    const reclaim = payout.settlements.find((s) => s.personId === 'bernd')!
    expect(reclaim.status).toBe('reclaim')
    expect(reclaim.amountCents).toBe(-2100)
    expect(reclaim.lines[0]).toMatchObject({ itemId: 'bernd|sessionFee|session-fee|2026-03-12', amountCents: -2100, label: 'Korrektur (Posten entfällt)' })
    // a reclaim is not recorded as paid: it stays open until the member repays
    expect(paidEntriesOf(payout, '2026-05-02').map((e) => e.personId)).toEqual(['anna'])
  })

  it('offsets a correction against new items of the same member', () => {
    const paid = paidEntriesOf(buildPayout(payoutInput()), '2026-04-02')
    const corrected = march()
    corrected.attendance = [attended('bernd', 'stadtrat', '2026-03-19'), attended('bernd', 'stadtrat', '2026-03-26'), attended('anna', 'stadtrat', '2026-03-12')]
    const payout = buildPayout(payoutInput({ runs: [calculate(corrected)], paid }))
    const bernd = payout.transfers.find((t) => t.personId === 'bernd')!
    expect(bernd.amountCents).toBe(2100)
    expect(bernd.lines.map((l) => l.amountCents)).toEqual([-2100, 2100, 2100])
  })

  it('only takes items due by the given day (monthly rates paid in advance)', () => {
    const payout = buildPayout(payoutInput({ dueBy: '2026-03-31' }))
    expect(payout.transfers).toEqual([])
    expect(buildPayout(payoutInput({ dueBy: '2026-04-01' })).transfers).toHaveLength(2)
  })

  it('refuses an invalid debtor account or dates with clear messages', () => {
    expect(() => buildPayout(payoutInput({ debtor: { ...DEBTOR, iban: 'DE02120300000000202052' } }))).toThrowError(/Auftraggeberkonto ungültig: debtor\.iban: IBAN DE02 1203 0000 0000 2020 52: Prüfziffer stimmt nicht/)
    expect(() => buildPayout(payoutInput({ debtor: { ...DEBTOR, iban: 'DE0212030000000020205' } }))).toThrowError(/falsche Länge/)
    expect(() => buildPayout(payoutInput({ debtor: { ...DEBTOR, iban: 'QQ02120300000000202051' } }))).toThrowError(/unbekanntes Länderkennzeichen QQ/)
    expect(() => buildPayout(payoutInput({ executionDate: '2026-04-31' }))).toThrowError(ConfigError)
    expect(() => buildPayout(payoutInput({ debtor: { ...DEBTOR, town: '' } }))).toThrowError(/debtor\.town/)
  })
})

describe('SEPA text', () => {
  it('transliterates German letters and keeps only the SEPA character set', () => {
    expect(toSepaText('Bäcker-Müßig, Jürgen', 70)).toBe('Baecker-Muessig, Juergen')
    expect(toSepaText('ÄÖÜ äöü ß', 70)).toBe('AeOeUe aeoeue ss')
    expect(toSepaText('Öztürk & Söhne', 70)).toBe('Oeztuerk + Soehne')
    expect(toSepaText('José Łukasz Ångström Øre', 70)).toBe('Jose Lukasz Angstroem Ore')
    expect(toSepaText('<b>"x"</b>; 5 €', 70)).toBe('.b..x../b.. 5 .')
    expect(toSepaText('  viel   Platz\n', 70)).toBe('viel Platz')
    expect(toSepaText('a'.repeat(200), 140)).toHaveLength(140)
  })
})

const xsdPath = sharedPath('sepa/pain.001.001.09.xsd')
const samplePath = sharedPath('sepa/sample-valid.pain.001.001.09.xml')

async function xsdErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'payout.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: readFileSync(xsdPath!, 'utf8') }] })
  return r.errors.map((e) => e.message)
}

describe.skipIf(!xsdPath || !samplePath)('pain.001.001.09 against the ISO XSD (shared/sepa)', () => {
  it('positive control: the shipped sample validates', async () => {
    expect(await xsdErrors(readFileSync(samplePath!, 'utf8'))).toEqual([])
  })

  it('negative controls: a decimal comma and a missing debtor each fail', async () => {
    const sample = readFileSync(samplePath!, 'utf8')
    const comma = await xsdErrors(sample.replace('<InstdAmt Ccy="EUR">183.00</InstdAmt>', '<InstdAmt Ccy="EUR">183,00</InstdAmt>'))
    expect(comma.join('\n')).toContain('InstdAmt')
    const noDebtor = await xsdErrors(sample.replace(/<Dbtr>[\s\S]*?<\/Dbtr>/, ''))
    expect(noDebtor.join('\n')).toContain('DbtrAcct')
  })

  it('a generated payout file validates, with umlauts transliterated, BIC optional, sums and counts right', async () => {
    const xml = pain001Xml(buildPayout(payoutInput()))
    expect(await xsdErrors(xml)).toEqual([])
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>')
    expect(xml).toContain('<CtrlSum>432.00</CtrlSum>')
    expect(xml).toContain('<InstdAmt Ccy="EUR">141.00</InstdAmt>')
    expect(xml).toContain('<Nm>Dr. Anna Baecker-Muessig</Nm>')
    expect(xml).toContain('<Nm>Bernd Oeztuerk + Soehne</Nm>')
    expect(xml).toContain('<BICFI>COBADEFFXXX</BICFI>')
    expect(xml).toContain('<TwnNm>Koennern</TwnNm>')
    expect(xml).toContain('<Id>NOTPROVIDED</Id>')
    expect(xml).not.toMatch(/[^\x20-\x7e\n]/)
    expect(xml).not.toContain('Ungültig')
    // byte-identical when built again
    expect(pain001Xml(buildPayout(payoutInput()))).toBe(xml)
  })

  it('a larger payout (200 members, amounts with cents) validates', async () => {
    const members = Array.from({ length: 200 }, (_, i) => ({ personId: `p${String(i).padStart(3, '0')}`, name: `Mitglied Nr. ${i} Größe` }))
    const input = scenario({
      members,
      memberships: members.map((m) => seat(m.personId, 'stadtrat')),
      attendance: members.flatMap((m, i) => (i % 3 === 0 ? [attended(m.personId, 'stadtrat', '2026-03-05', '09:00', '10:00'), attended(m.personId, 'stadtrat', '2026-03-05', '11:00', '12:00'), attended(m.personId, 'stadtrat', '2026-03-05', '13:00', '14:00')] : [])),
    })
    const payout = buildPayout({ ...payoutInput(), runs: [calculate(input)], payees: members.map((m) => ({ personId: m.personId, name: m.name, iban: 'DE89370400440532013000' })) })
    expect(payout.numberOfTransactions).toBe(200)
    expect(await xsdErrors(pain001Xml(payout))).toEqual([])
  })

  it('adversarial: markup in a name cannot inject elements, payees outside the runs are never paid', async () => {
    const run = calculate(march())
    const payout = buildPayout({
      ...payoutInput(),
      runs: [run],
      payees: [
        { ...PAYEES[0], name: 'Anna</Nm></Cdtr><CdtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></CdtrAcct><Cdtr><Nm>x' },
        { personId: 'mallory', name: 'Mallory', iban: 'DE02120300000000202051' },
      ],
    })
    expect(payout.transfers.map((t) => t.personId)).toEqual(['anna'])
    const xml = pain001Xml(payout)
    expect(await xsdErrors(xml)).toEqual([])
    expect(xml.match(/<IBAN>/g)).toHaveLength(2) // the debtor's and anna's, nothing injected
    expect(xml).not.toContain('Mallory')
  })

  it('refuses to write a file without transfers', () => {
    const paid = paidEntriesOf(buildPayout(payoutInput()), '2026-04-02')
    expect(() => pain001Xml(buildPayout(payoutInput({ paid })))).toThrowError(/keine Überweisungen/)
  })
})
