/**
 * The SEPA credit transfer file (ISO 20022 pain.001.001.09, the version German banks accept since
 * 11/2025) for a payout: one payment information block (PmtInf) from the town's account, one
 * CdtTrfTxInf per member. All text passes the SEPA character set (sepa-text.ts), so the only markup
 * characters the serializer has to escape never occur in practice; it escapes them anyway.
 */
import { ConfigError, problem } from './config-problems.ts'
import { formatDecimalPoint } from './money.ts'
import type { Debtor, Payee, Payout } from './payout.ts'
import { isSepaIdentifier, toSepaText } from './sepa-text.ts'

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'

/** An element: name, then text or children. Attributes only where the schema has them (Ccy). */
type Node = { name: string; attrs?: Record<string, string>; text?: string; children?: Node[] }

const el = (name: string, content: string | (Node | null)[], attrs?: Record<string, string>): Node =>
  typeof content === 'string' ? { name, text: content, attrs } : { name, children: content.filter((c): c is Node => c !== null), attrs }

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function serialize(node: Node, indent: string, out: string[]): void {
  const attrs = node.attrs ? Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('') : ''
  if (node.text !== undefined) {
    out.push(`${indent}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`)
    return
  }
  out.push(`${indent}<${node.name}${attrs}>`)
  for (const c of node.children ?? []) serialize(c, `${indent}  `, out)
  out.push(`${indent}</${node.name}>`)
}

function address(a: { street?: string; postalCode?: string; town?: string; country?: string }): Node | null {
  if (!a.town || !a.country) return null
  return el('PstlAdr', [
    a.street ? el('StrtNm', toSepaText(a.street, 70)) : null,
    a.postalCode ? el('PstCd', toSepaText(a.postalCode, 16)) : null,
    el('TwnNm', toSepaText(a.town, 35)),
    el('Ctry', a.country),
  ])
}

function party(p: Debtor | Payee): Node[] {
  return [el('Nm', toSepaText(p.name, 70)), address(p)].filter((n): n is Node => n !== null)
}

function agent(bic: string | undefined, name: string, required: boolean): Node | null {
  if (bic) return el(name, [el('FinInstnId', [el('BICFI', bic.toUpperCase())])])
  return required ? el(name, [el('FinInstnId', [el('Othr', [el('Id', 'NOTPROVIDED')])])]) : null
}

/** The pain.001.001.09 XML of a payout (UTF-8 text). Throws when there is nothing to transfer. */
export function pain001Xml(payout: Payout): string {
  const problems = []
  if (payout.transfers.length === 0) problems.push(problem('transfers', 'keine Überweisungen in dieser Auszahlung', 'no transfers in this payout'))
  for (const id of [payout.messageId, payout.paymentInfoId, ...payout.transfers.map((t) => t.endToEndId ?? '')]) {
    if (!isSepaIdentifier(id)) problems.push(problem('id', `Kennung "${id}" ist für SEPA ungeeignet`, `identifier "${id}" is not valid for SEPA`))
  }
  if (problems.length > 0) throw new ConfigError('SEPA-Datei nicht erstellt', problems)

  const transactions = payout.transfers.map((t) =>
    el('CdtTrfTxInf', [
      el('PmtId', [el('EndToEndId', t.endToEndId!)]),
      el('Amt', [el('InstdAmt', formatDecimalPoint(t.amountCents), { Ccy: 'EUR' })]),
      agent(t.payee!.bic, 'CdtrAgt', false),
      el('Cdtr', party(t.payee!)),
      el('CdtrAcct', [el('Id', [el('IBAN', t.payee!.iban)])]),
      el('RmtInf', [el('Ustrd', t.remittance!)]),
    ]),
  )
  const count = String(payout.numberOfTransactions)
  const sum = formatDecimalPoint(payout.controlSumCents)
  const doc = el(
    'Document',
    [
      el('CstmrCdtTrfInitn', [
        el('GrpHdr', [
          el('MsgId', payout.messageId),
          el('CreDtTm', payout.createdAt),
          el('NbOfTxs', count),
          el('CtrlSum', sum),
          el('InitgPty', [el('Nm', toSepaText(payout.debtor.name, 70))]),
        ]),
        el('PmtInf', [
          el('PmtInfId', payout.paymentInfoId),
          el('PmtMtd', 'TRF'),
          el('BtchBookg', 'true'),
          el('NbOfTxs', count),
          el('CtrlSum', sum),
          el('PmtTpInf', [el('SvcLvl', [el('Cd', 'SEPA')])]),
          el('ReqdExctnDt', [el('Dt', payout.executionDate)]),
          el('Dbtr', party(payout.debtor)),
          el('DbtrAcct', [el('Id', [el('IBAN', payout.debtor.iban)])]),
          agent(payout.debtor.bic, 'DbtrAgt', true),
          el('ChrgBr', 'SLEV'),
          ...transactions,
        ]),
      ]),
    ],
    { xmlns: PAIN_001_NAMESPACE },
  )
  const out = ['<?xml version="1.0" encoding="UTF-8"?>']
  serialize(doc, '', out)
  return `${out.join('\n')}\n`
}
