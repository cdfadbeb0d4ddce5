/**
 * The booking file for the finance system (INFOMA newsystem, H&H proDoppik, SAP, OK.FIS …): a
 * CSV whose columns, accounts and encoding are configuration, because every system imports its
 * own layout. Defaults follow German practice: separator ";", decimal comma, CRLF, a header row.
 *
 * Encoding: the text is a JS string; `encodeBookingCsv` gives the bytes in UTF-8 (optionally with
 * BOM, which Excel needs to detect UTF-8) or Windows-1252 ("ANSI"), which many older import
 * interfaces expect. Characters Windows-1252 lacks are refused, not replaced silently.
 */
import { z } from 'zod'
import { ConfigError, problem, problemsFromZod } from './config-problems.ts'
import { formatDecimalComma, formatDecimalPoint } from './money.ts'
import type { Payout, PayoutLine, Settlement } from './payout.ts'
import { ALLOWANCE_KINDS, type AllowanceKind } from './statute.ts'

export const BOOKING_FIELDS = [
  'personId',
  'name',
  'iban',
  'bic',
  'amount',
  'kind',
  'kindLabel',
  'label',
  'month',
  'itemId',
  'endToEndId',
  'account',
  'costCenter',
  'bookingText',
  'executionDate',
  'payoutId',
] as const
export type BookingField = (typeof BOOKING_FIELDS)[number]

export interface BookingCsvConfig {
  columns: { header: string; field: BookingField }[]
  separator: ';' | ',' | '\t'
  decimal: ',' | '.'
  lineEnding: '\r\n' | '\n'
  header: boolean
  /** `item`: one row per line item; `memberKind`: one row per member and kind (summed) */
  granularity: 'item' | 'memberKind'
  /** general ledger account (Sachkonto) per kind */
  accounts: Partial<Record<AllowanceKind, string>>
  costCenter?: string
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'
}

const KIND_LABELS: Record<AllowanceKind, string> = {
  monthlyFlat: 'Aufwandsentschädigung',
  supplement: 'Funktionszulage',
  sessionFee: 'Sitzungsgeld',
  lostEarnings: 'Verdienstausfall',
  travel: 'Fahrtkosten',
  care: 'Betreuungskosten',
}

export const DEFAULT_BOOKING_CSV: BookingCsvConfig = {
  columns: [
    { header: 'Buchungsdatum', field: 'executionDate' },
    { header: 'Personennummer', field: 'personId' },
    { header: 'Name', field: 'name' },
    { header: 'IBAN', field: 'iban' },
    { header: 'Sachkonto', field: 'account' },
    { header: 'Kostenstelle', field: 'costCenter' },
    { header: 'Art', field: 'kindLabel' },
    { header: 'Monat', field: 'month' },
    { header: 'Betrag', field: 'amount' },
    { header: 'Buchungstext', field: 'bookingText' },
    { header: 'Ende-zu-Ende-Referenz', field: 'endToEndId' },
  ],
  separator: ';',
  decimal: ',',
  lineEnding: '\r\n',
  header: true,
  granularity: 'memberKind',
  accounts: {},
  encoding: 'windows-1252',
}

const configSchema = z.strictObject({
  columns: z.array(z.strictObject({ header: z.string().max(100), field: z.enum(BOOKING_FIELDS) })).min(1),
  separator: z.enum([';', ',', '\t']),
  decimal: z.enum([',', '.']),
  lineEnding: z.enum(['\r\n', '\n']),
  header: z.boolean(),
  granularity: z.enum(['item', 'memberKind']),
  accounts: z.partialRecord(z.enum(ALLOWANCE_KINDS), z.string().max(40)),
  costCenter: z.string().max(40).optional(),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252']),
})

/** A booking configuration (defaults filled in for missing keys), or a ConfigError. */
export function parseBookingCsvConfig(value: unknown): BookingCsvConfig {
  const merged = typeof value === 'object' && value !== null ? { ...DEFAULT_BOOKING_CSV, ...value } : value
  const parsed = configSchema.safeParse(merged, { reportInput: true })
  if (!parsed.success) throw new ConfigError('Buchungsdatei-Einstellungen ungültig', problemsFromZod(parsed.error.issues))
  if (parsed.data.separator === parsed.data.decimal) {
    throw new ConfigError('Buchungsdatei-Einstellungen ungültig', [problem('decimal', 'Dezimalzeichen und Trennzeichen müssen sich unterscheiden', 'decimal mark and separator must differ')])
  }
  return parsed.data
}

function quote(value: string, separator: string): string {
  if (value.includes(separator) || /["\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`
  return value
}

function mm(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`
}

/** Rows of the booking file: per line, or per member and kind. */
function rows(s: Settlement, granularity: BookingCsvConfig['granularity']): { kind: AllowanceKind; month: string; label: string; itemId: string; amountCents: number }[] {
  if (granularity === 'item') return s.lines.map((l) => ({ ...l }))
  const byKind = new Map<AllowanceKind, PayoutLine[]>()
  for (const l of s.lines) byKind.set(l.kind, [...(byKind.get(l.kind) ?? []), l])
  return ALLOWANCE_KINDS.filter((k) => byKind.has(k)).map((kind) => {
    const lines = byKind.get(kind)!
    const months = [...new Set(lines.map((l) => l.month))].sort()
    return {
      kind,
      month: months.length === 1 ? months[0] : `${months[0]}–${months[months.length - 1]}`,
      label: KIND_LABELS[kind],
      itemId: lines.map((l) => l.itemId).join(' '),
      amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
    }
  })
}

/** The CSV text of the payout's transfers (as a string; see encodeBookingCsv for the bytes). */
export function bookingCsv(payout: Payout, config: BookingCsvConfig = DEFAULT_BOOKING_CSV): string {
  const cfg = parseBookingCsvConfig(config)
  const money = cfg.decimal === ',' ? formatDecimalComma : formatDecimalPoint
  const lines: string[] = []
  if (cfg.header) lines.push(cfg.columns.map((c) => quote(c.header, cfg.separator)).join(cfg.separator))
  for (const s of payout.transfers) {
    for (const r of rows(s, cfg.granularity)) {
      const month = r.month.includes('–') ? r.month.split('–').map(mm).join('–') : mm(r.month)
      const values: Record<BookingField, string> = {
        personId: s.personId,
        name: s.name,
        iban: s.payee?.iban ?? '',
        bic: s.payee?.bic ?? '',
        amount: money(r.amountCents),
        kind: r.kind,
        kindLabel: KIND_LABELS[r.kind],
        label: r.label,
        month,
        itemId: r.itemId,
        endToEndId: s.endToEndId ?? '',
        account: cfg.accounts[r.kind] ?? '',
        costCenter: cfg.costCenter ?? '',
        bookingText: `${KIND_LABELS[r.kind]} ${month} ${s.name}`,
        executionDate: payout.executionDate,
        payoutId: payout.messageId,
      }
      lines.push(cfg.columns.map((c) => quote(values[c.field], cfg.separator)).join(cfg.separator))
    }
  }
  return lines.join(cfg.lineEnding) + cfg.lineEnding
}

/** Windows-1252 code points 0x80–0x9F (the rest of 0x00–0xFF equals Latin-1). */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, ƒ: 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, ˆ: 0x88, '‰': 0x89, Š: 0x8a, '‹': 0x8b, Œ: 0x8c, Ž: 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, š: 0x9a, '›': 0x9b, œ: 0x9c, ž: 0x9e, Ÿ: 0x9f,
}

/** The bytes of the booking file in the configured encoding. */
export function encodeBookingCsv(text: string, encoding: BookingCsvConfig['encoding']): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text)
  if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`)
  const bytes = new Uint8Array(text.length)
  let i = 0
  let line = 1
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (ch === '\n') line++
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i++] = code
    else if (CP1252_HIGH[ch] !== undefined) bytes[i++] = CP1252_HIGH[ch]
    else {
      throw new ConfigError('Buchungsdatei nicht erstellt', [
        problem(`Zeile ${line}`, `Zeichen "${ch}" gibt es in Windows-1252 nicht; UTF-8 als Kodierung wählen`, `character "${ch}" is not in Windows-1252; choose UTF-8`),
      ])
    }
  }
  return bytes.slice(0, i)
}
