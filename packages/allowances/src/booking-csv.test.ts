import { describe, expect, it } from 'vitest'
import { bookingCsv, encodeBookingCsv, parseBookingCsvConfig, DEFAULT_BOOKING_CSV } from './booking-csv.ts'
import { calculate } from './calculate.ts'
import { buildPayout, type Payout } from './payout.ts'
import { attended, scenario, seat } from './testing/scenario.ts'

function payout(): Payout {
  const run = calculate(
    scenario({
      members: [
        { personId: 'anna', name: 'Anna Bäcker; "die Ältere"' },
        { personId: 'bernd', name: 'Bernd Krause' },
      ],
      memberships: [seat('anna', 'stadtrat'), seat('bernd', 'stadtrat', 'Vorsitz')],
      attendance: [attended('anna', 'stadtrat', '2026-03-12'), attended('anna', 'stadtrat', '2026-03-26'), attended('bernd', 'stadtrat', '2026-03-12')],
      claims: [{ id: 't1', personId: 'anna', kind: 'travel', date: '2026-03-12', mode: 'car', km: 24.5, inTown: false }],
    }),
  )
  return buildPayout({
    runs: [run],
    payees: [
      { personId: 'anna', name: 'Anna Bäcker', iban: 'DE89370400440532013000' },
      { personId: 'bernd', name: 'Bernd Krause', iban: 'DE89370400440532013000' },
    ],
    debtor: { name: 'Stadt Könnern', iban: 'DE02120300000000202051', town: 'Könnern', country: 'DE' },
    executionDate: '2026-04-02',
    createdAt: '2026-04-01T10:00:00',
  })
}

describe('booking CSV', () => {
  it('default layout: ";" separator, decimal comma, CRLF, one row per member and kind, quoted where needed', () => {
    const csv = bookingCsv(payout(), { ...DEFAULT_BOOKING_CSV, accounts: { monthlyFlat: '54110000', supplement: '54110000', sessionFee: '54120000', travel: '54130000' }, costCenter: '1110' })
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('Buchungsdatum;Personennummer;Name;IBAN;Sachkonto;Kostenstelle;Art;Monat;Betrag;Buchungstext;Ende-zu-Ende-Referenz')
    expect(lines).toHaveLength(1 + 3 + 3 + 1) // header, anna: flat, fees, travel; bernd: flat, supplement, fee; trailing ""
    expect(lines[lines.length - 1]).toBe('')
    const anna = lines.filter((l) => l.includes('anna'))
    expect(anna[0]).toMatch(/^2026-04-02;anna;"Anna Bäcker; ""die Ältere""";DE89370400440532013000;54110000;1110;Aufwandsentschädigung;03\/2026;120,00;"Aufwandsentschädigung 03\/2026 Anna Bäcker; ""die Ältere""";SG-[0-9a-f]{32}$/)
    expect(anna[1]).toContain(';Sitzungsgeld;03/2026;42,00;')
    expect(anna[2]).toContain(';54130000;1110;Fahrtkosten;03/2026;7,35;')
  })

  it('configurable columns, separator, decimal point and one row per item', () => {
    const csv = bookingCsv(payout(), {
      ...DEFAULT_BOOKING_CSV,
      columns: [
        { header: 'item', field: 'itemId' },
        { header: 'amount', field: 'amount' },
      ],
      separator: ',',
      decimal: '.',
      lineEnding: '\n',
      granularity: 'item',
    })
    expect(csv.split('\n').slice(0, 4)).toEqual(['item,amount', 'anna|monthlyFlat|flat-council|2026-03,120.00', 'anna|sessionFee|session-fee|2026-03-12,21.00', 'anna|sessionFee|session-fee|2026-03-26,21.00'])
  })

  it('encodes Windows-1252 for older import interfaces, UTF-8 with BOM for Excel', () => {
    const csv = bookingCsv(payout())
    const ansi = encodeBookingCsv(csv, 'windows-1252')
    expect(ansi.length).toBe(csv.length)
    expect([...ansi].includes(0xe4)).toBe(true) // ä
    expect(new TextDecoder('windows-1252').decode(ansi)).toBe(csv)
    expect([...encodeBookingCsv('€', 'windows-1252')]).toEqual([0x80])
    expect([...encodeBookingCsv('x', 'utf-8-bom')]).toEqual([0xef, 0xbb, 0xbf, 0x78])
    expect(() => encodeBookingCsv('Zeile 1\nŁukasz', 'windows-1252')).toThrowError(/Zeile 2: Zeichen "Ł" gibt es in Windows-1252 nicht/)
  })

  it('refuses invalid settings with the path of the problem', () => {
    expect(() => parseBookingCsvConfig({ columns: [{ header: 'x', field: 'salary' }] })).toThrowError(/columns\[0\]\.field: unzulässiger Wert/)
    expect(() => parseBookingCsvConfig({ separator: ',', decimal: ',' })).toThrowError(/Dezimalzeichen und Trennzeichen/)
    expect(parseBookingCsvConfig({ costCenter: '42' }).separator).toBe(';')
  })
})
