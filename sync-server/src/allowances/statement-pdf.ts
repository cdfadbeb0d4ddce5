/**
 * The yearly statement of one member (Jahresübersicht Aufwandsentschädigung) as a tagged,
 * accessible PDF, on paper-pdf's layout machinery: letterhead, facts, the line items as a table
 * with header cells (each with the engine's explanation), totals per kind, what was paid, and the
 * tax part per the state's rule. Deterministic: the date printed is the caller's `date`.
 */
import { formatEuro, type AllowanceKind } from '@ratstisch/allowances'
import {
  ACCENT,
  FOOTER_BASELINE,
  LEFT,
  LayoutWriter,
  MUTED,
  RULE,
  SMALL_SIZE,
  WIDTH,
  breakLines,
  germanDate,
  num,
  writeTaggedPdf,
  type FontSubset,
  type PdfFonts,
  type TextLine,
  type TextRun,
} from '@ratstisch/paper-pdf'
import type { FontStyle } from '@ratstisch/paper-pdf'
import type { Statement } from '@ratstisch/allowances'

export const KIND_LABELS: Record<AllowanceKind, string> = {
  monthlyFlat: 'Aufwandsentschädigung',
  supplement: 'Funktionszulage',
  sessionFee: 'Sitzungsgeld',
  lostEarnings: 'Verdienstausfall',
  travel: 'Fahrtkosten',
  care: 'Betreuungskosten',
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']

/** "März 2026" from "2026-03". */
export function monthName(month: string): string {
  const m = Number(month.slice(5, 7))
  return `${MONTHS[m - 1] ?? month} ${month.slice(0, 4)}`
}

class StatementWriter extends LayoutWriter {
  constructor(fonts: Record<FontStyle, FontSubset>) {
    super(fonts)
    this.newPage()
  }

  line(text: string, style: FontStyle = 'regular', color?: string): void {
    this.paragraph(this.tree.root, this.plainRuns(text, style), color ? { color } : {})
    this.y -= 4
  }

  h1(text: string): void {
    this.heading(this.tree.root, 'H1', this.plainRuns(text, 'bold'), 16, 0)
    this.page.graphics(`${RULE} RG 0.75 w ${num(LEFT)} ${num(this.y)} m ${num(LEFT + WIDTH)} ${num(this.y)} l S`)
    this.y -= 8
  }

  h2(text: string): void {
    this.heading(this.tree.root, 'H2', this.plainRuns(text, 'bold'), 13, 14)
  }

  facts(rows: readonly [string, string][]): void {
    for (const [label, value] of rows) this.fact(this.tree.root, label, value || '–', 120)
    this.y -= 6
  }

  grid(header: string[], rows: string[][], align: ('left' | 'right' | undefined)[]): void {
    const runs = (text: string, style: FontStyle = 'regular'): TextRun[] => this.plainRuns(text || '–', style)
    this.table(
      this.tree.root,
      header.map((h) => runs(h, 'bold')),
      rows.map((r) => r.map((cell) => runs(cell))),
      align,
      true,
    )
    this.y -= 8
  }

  footer(text: string): void {
    const total = this.pages.length
    const small = this.measure(SMALL_SIZE)
    const lineOf = (t: string): TextLine => breakLines(this.plainRuns(t), Infinity, small)[0] ?? { pieces: [], width: 0 }
    for (const page of this.pages) {
      this.page = page
      page.beginText()
      const left = lineOf(text.length > 80 ? `${text.slice(0, 79)}…` : text)
      const right = lineOf(`Seite ${page.index + 1} von ${total}`)
      if (left.width <= WIDTH - right.width - 12) this.drawLine(left, LEFT, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      this.drawLine(right, LEFT + WIDTH - right.width, FOOTER_BASELINE, SMALL_SIZE, MUTED, 'footer')
      page.endText()
      page.graphics(`${RULE} RG 0.5 w ${num(LEFT)} ${num(FOOTER_BASELINE + 12)} m ${num(LEFT + WIDTH)} ${num(FOOTER_BASELINE + 12)} l S`)
    }
  }
}

/** The file name offered for download: "Sitzungsgeld 2026 - Dr. Anna Becker.pdf". */
export function statementFileName(statement: Pick<Statement, 'year' | 'name'>): string {
  return `Sitzungsgeld ${statement.year} - ${statement.name.replace(/[\\/:*?"<>|]/g, ' ').trim()}.pdf`
}

export function renderStatementPdf(statement: Statement, ctx: { townName: string; date: string }, fonts: PdfFonts): Promise<Uint8Array> {
  const title = `Jahresübersicht ${statement.year}: Aufwandsentschädigung und Sitzungsgeld – ${statement.name}`
  const idSource = JSON.stringify(['allowance-statement', ctx, statement])
  return writeTaggedPdf(
    fonts,
    (subsets) => {
      const w = new StatementWriter(subsets)
      w.line(ctx.townName, 'bold', ACCENT)
      w.line('Finanzsachbearbeitung – Entschädigung der ehrenamtlich Tätigen', 'regular', MUTED)
      w.h1(`Jahresübersicht ${statement.year}`)
      w.facts([
        ['Empfänger/in', statement.name],
        ['Jahr', String(statement.year)],
        ['Stand', germanDate(ctx.date)],
        ['Abrechnungen', statement.runs.length === 0 ? 'keine freigegebene Abrechnung' : statement.runs.map((r) => `${r.label} (freigegeben am ${germanDate(r.approvedAt)})`).join('; ')],
      ])

      w.h2('Posten')
      if (statement.items.length === 0) w.line('Für dieses Jahr gibt es noch keine freigegebenen Posten.', 'italic')
      else
        w.grid(
          ['Monat / Tag', 'Art', 'Erläuterung', 'Betrag', 'ausgezahlt'],
          statement.items.map((i) => [
            i.date ? germanDate(i.date) : monthName(i.month),
            i.label,
            i.explanation,
            formatEuro(i.amountCents),
            formatEuro(i.paidCents),
          ]),
          [undefined, undefined, undefined, 'right', 'right'],
        )

      w.h2('Summen')
      w.grid(
        ['Art', 'Betrag'],
        [...statement.totalsByKind.filter((k) => k.amountCents !== 0).map((k) => [KIND_LABELS[k.kind], formatEuro(k.amountCents)]), ['Summe', formatEuro(statement.totalCents)], ['davon ausgezahlt', formatEuro(statement.paidCents)], ['noch offen', formatEuro(statement.openCents)]],
        [undefined, 'right'],
      )

      w.h2('Steuerliche Behandlung')
      if (statement.tax) {
        w.facts([
          ['Im Jahr ausgezahlt', formatEuro(statement.tax.totalCents)],
          ['steuerfrei', formatEuro(statement.tax.taxFreeCents + statement.tax.exemptCents)],
          ['steuerpflichtig', formatEuro(statement.tax.taxableCents)],
        ])
        w.line(statement.tax.explanation)
        if (statement.tax.rule) w.line(`Grundlage: ${statement.tax.rule}`, 'regular', MUTED)
        if (statement.tax.reportable) w.line('Die Zahlungen dieses Jahres erreichen 3.000 € und werden dem Finanzamt mitgeteilt (Mitteilungsverordnung).', 'bold')
      } else w.line('Im Jahr wurde noch nichts ausgezahlt.', 'italic')
      w.line('Steuerlich maßgeblich ist der Tag der Auszahlung. Bitte bewahren Sie diese Übersicht für Ihre Steuererklärung auf.', 'regular', MUTED)
      w.footer(`${ctx.townName} · ${title}`)
      return w
    },
    { title, author: ctx.townName, subject: `Sitzungsgeld ${statement.year}`, date: ctx.date, idSource },
  )
}
