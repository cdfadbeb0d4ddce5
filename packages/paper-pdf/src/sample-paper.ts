/**
 * A realistic long paper for tests and the benchmark: a Beschlussvorlage on a road renewal
 * programme with every rich-text feature (headings, emphasis, links, nested lists, tables).
 * Deterministic: the same `sections` count gives the same text.
 */
import type { PaperPdfInput } from './paper-pdf-input.ts'

const STREETS = ['Am Mühlenberg', 'Bahnhofstraße', 'Schützenweg', 'Kirchgasse', 'Über den Höfen', 'Lindenallee', 'Grüner Winkel', 'Fährstraße', 'Zur Ölmühle', 'Weißdornweg']

const PARAGRAPHS = [
  'Die Verwaltung hat den Zustand der Gemeindestraßen im Jahr 2025 vollständig erfasst. Grundlage ist die **visuelle Zustandserfassung** nach den Empfehlungen der Forschungsgesellschaft für Straßen- und Verkehrswesen; die Ergebnisse liegen als Anlage bei.',
  'Für die Maßnahme „Erneuerung der Fahrbahn“ wurden drei Varianten geprüft. Die *Vorzugsvariante* sieht einen Vollausbau mit Erneuerung der Entwässerung vor – sie ist mittelfristig die wirtschaftlichste Lösung.',
  'Die Anliegerinnen und Anlieger wurden in einer Informationsveranstaltung am 4. Februar 2026 beteiligt. Hinweise zur Baustellenzufahrt, zur Müllabfuhr und zu Parkmöglichkeiten während der Bauzeit sind in die Planung eingeflossen; Einzelheiten stehen auf der [Projektseite der Stadt](https://www.musterstadt.de/strassenbau).',
  'Die Fördermittel des Landes (Gemeindeverkehrsfinanzierung) wurden fristgerecht beantragt. Ein Bewilligungsbescheid wird für das zweite Quartal erwartet. Bis dahin gilt ein **förderunschädlicher vorzeitiger Maßnahmebeginn** nur für Planungsleistungen.',
  'Die Baumaßnahme wird in Abschnitten ausgeführt, damit Rettungswege, Schulbusverkehr und die Zufahrt zum Seniorenzentrum jederzeit gewährleistet sind. Über Rückfragen gibt das Amt unter [bauamt@musterstadt.de](mailto:bauamt@musterstadt.de) Auskunft.',
]

function costTable(seed: number): string {
  const rows = STREETS.slice(0, 4 + (seed % 4)).map((street, i) => {
    const amount = 125_000 + ((seed * 7919 + i * 104_729) % 900_000)
    const euro = String(amount).replace(/\B(?=(\d{3})+$)/g, '.')
    return `| ${street} | ${2026 + (i % 3)} | ${euro} € | ${i % 2 === 0 ? '**Vollausbau**' : '_Deckensanierung_'} |`
  })
  return ['| Straße | Jahr | Kosten (brutto) | Art |', '|:---|:-:|--:|---|', ...rows].join('\n')
}

function sectionText(n: number): string {
  const p = (k: number) => PARAGRAPHS[(n + k) % PARAGRAPHS.length]
  return [
    `## ${n + 1}. Abschnitt: ${STREETS[n % STREETS.length]}`,
    p(0),
    p(1),
    '### Geprüfte Varianten',
    '1. Deckensanierung ohne Eingriff in den Unterbau\n2. Vollausbau mit neuer Entwässerung\n   - Kanal: Erneuerung in offener Bauweise\n   - Hausanschlüsse: auf Kosten der Stadtwerke\n3. Verschiebung um fünf Jahre mit Unterhaltungsaufwand',
    p(2),
    costTable(n),
    '- Bauzeit: etwa sechs Monate\n- Vollsperrung nur in den Sommerferien\n- Umleitung über die Kreisstraße K 12',
    p(3),
    p(4),
  ].join('\n\n')
}

/** A Beschlussvorlage whose sections fill roughly `pages` A4 pages. */
export function samplePaperInput(pages = 20): PaperPdfInput {
  const sectionCount = Math.max(1, Math.round(pages * 1.1))
  const sections = [
    { title: 'Beschlussvorschlag', text: 'Der Stadtrat beschließt das **Straßenerneuerungsprogramm 2026–2030** in der Fassung der Anlage 1 und beauftragt die Verwaltung, die Maßnahmen des Jahres 2026 auszuschreiben.' },
    ...Array.from({ length: sectionCount }, (_, n) => ({ title: n === 0 ? 'Sachverhalt' : `Sachverhalt (Fortsetzung ${n})`, text: sectionText(n) })),
    { title: 'Finanzielle Auswirkungen', text: 'Die Mittel stehen im Haushalt 2026 unter der Investitionsnummer **I-5410-001** zur Verfügung.\n\n| Haushaltsjahr | Ansatz | Verpflichtungsermächtigung |\n|---|--:|--:|\n| 2026 | 1.250.000 € | 800.000 € |\n| 2027 | 950.000 € | – |' },
  ]
  return {
    townName: 'Stadt Musterstadt',
    title: 'Straßenerneuerungsprogramm 2026–2030 „Sichere Wege“ – Beschluss über die Maßnahmen',
    paperType: 'Beschlussvorlage',
    reference: 'BV 160 (VIII/2024-2029)',
    date: '2026-03-12',
    department: 'Amt für Stadtentwicklung und Bauen',
    stateLabel: 'in Beratung',
    consultations: [
      { organizationName: 'Ortschaftsrat Musterdorf', role: 'Vorberatung', meeting: 'Sitzung am 02.03.2026', result: 'zur Kenntnis genommen am 02.03.2026' },
      { organizationName: 'Bau- und Vergabeausschuss', role: 'Vorberatung', meeting: 'Sitzung am 05.03.2026', result: 'beschlossen am 05.03.2026' },
      { organizationName: 'Hauptausschuss', role: 'Vorberatung', meeting: 'Sitzung am 09.03.2026', result: '' },
      { organizationName: 'Stadtrat', role: 'Entscheidung', meeting: 'Sitzung am 12.03.2026', result: '' },
    ],
    sections,
    attachments: [
      { title: 'Programmübersicht 2026–2030', fileName: 'Anlage 1 Programmübersicht.pdf', version: 2 },
      { title: 'Zustandserfassung der Gemeindestraßen', fileName: 'Zustandserfassung 2025.pdf', version: 1 },
      { title: 'Lageplan Bahnhofstraße', fileName: 'Lageplan Bahnhofstraße.pdf', version: 3 },
    ],
  }
}
