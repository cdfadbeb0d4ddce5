/**
 * A realistic meeting with `count` agenda items (papers, sub-items, standard items) and minutes
 * with the § 58 elements, for the meeting PDF tests and the benchmark (bench/meeting-pdf.ts).
 */
import type { AgendaItem, MeetingDoc, MinutesDoc, MinutesEvent } from '@ratstisch/domain'

const TOPICS = ['Bebauungsplan Nr. 42 „Am Mühlenberg“', 'Sanierung der Grundschule Süd', 'Radweg Mühlenstraße – Ausbau', 'Haushaltssatzung 2027', 'Straßenbeleuchtung: Umrüstung auf LED', 'Gebührenkalkulation Abwasser', 'Feuerwehrbedarfsplan', 'Spielplatz Große Wiese']

export function sampleAgendaItems(count: number, part: 'public' | 'confidential' = 'public'): AgendaItem[] {
  const prefix = part === 'public' ? 'Ö' : 'N'
  const items: AgendaItem[] = []
  let top = 0
  for (let n = 0; items.length < count; n++) {
    top++
    const id = `${part}-${n}`
    const withPaper = n % 3 !== 0
    items.push({
      id,
      number: `${prefix} ${top}`,
      order: top,
      title: `${TOPICS[n % TOPICS.length]} (${top})`,
      public: part === 'public',
      files: [],
      ...(withPaper ? { paper: { url: `automerge:paper${n}`, id: `paper-${n}`, reference: `BV ${100 + n} (VIII/2024-2029)`, name: TOPICS[n % TOPICS.length], paperType: 'Beschlussvorlage' } } : {}),
    })
    if (n % 5 === 4 && items.length < count) {
      for (let s = 1; s <= 2 && items.length < count; s++)
        items.push({ id: `${id}-${s}`, number: `${prefix} ${top}.${s}`, order: s, title: `Teilbereich ${s} – Größe ${s * 1000} m²`, public: part === 'public', files: [], parentId: id })
    }
  }
  return items
}

export function sampleMeeting(items: AgendaItem[] = sampleAgendaItems(12)): MeetingDoc {
  return {
    type: 'meeting',
    id: 'meeting-1',
    organization: { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'BVA' },
    name: '5. Sitzung des Bau- und Vergabeausschusses',
    start: '2026-03-12T17:00:00+01:00',
    end: '2026-03-12T19:30:00+01:00',
    location: { description: 'Rathaus Musterstadt', room: 'Großer Sitzungssaal', streetAddress: 'Marktplatz 1', postalCode: '12345', locality: 'Musterstadt' },
    accessibility: 'Stufenloser Zugang über den Hof; Induktionsschleife vorhanden.',
    state: 'invited',
    agendaItems: items,
    chair: { personId: 'p-chair', name: 'Dr. Jürgen Weiß' },
    minuteTaker: 'Sabine Groß',
  }
}

/** Minutes with one section per item (wording, vote, recusals, statements) plus the frame sections. */
export function sampleMinutes(meeting: MeetingDoc, part: 'public' | 'confidential' = 'public', events: MinutesEvent[] = []): MinutesDoc {
  const items = meeting.agendaItems
  const sections = [
    { key: 'time-place', title: 'Zeit und Ort', text: `Beginn: 17:00 Uhr, Ende: 19:30 Uhr\n\nOrt: Rathaus Musterstadt, Großer Sitzungssaal` },
    {
      key: 'participants',
      title: 'Teilnehmende',
      text: '**Anwesend:**\n\n- Dr. Jürgen Weiß (Vorsitz)\n- Änne Müller\n- Björn Schäfer\n\n**Entschuldigt:**\n\n- Ömer Yılmaz\n\n**Verwaltung:** Sabine Groß (Schriftführung)',
    },
    { key: 'agenda', title: 'Tagesordnung', text: items.map((i) => `- ${i.number} ${i.title}`).join('\n') },
    ...items.map((item) => ({
      key: `item:${item.id}`,
      title: `${item.number} ${item.title}`,
      text: [
        'Status: behandelt',
        '**Beschluss:** Der Ausschuss empfiehlt dem Stadtrat, die Maßnahme mit Kosten von 125.000 € umzusetzen.',
        '| Ja | Nein | Enthaltung |\n|--:|--:|--:|\n| 7 | 2 | 1 |',
        'Ergebnis: angenommen',
        'Befangen (§ 33): Björn Schäfer hat den Sitzungsraum verlassen.',
        'Wörtliche Erklärung von Änne Müller: „Wir stimmen zu.“',
      ].join('\n\n'),
    })),
    { key: 'closing', title: 'Schluss der Sitzung', text: 'Die Vorsitzende schließt die Sitzung um 19:30 Uhr.' },
  ]
  return {
    type: 'minutes',
    meetingId: meeting.id,
    part,
    title: `Niederschrift über die ${part === 'public' ? 'öffentliche' : 'nichtöffentliche'} Sitzung des Bau- und Vergabeausschusses am 12.03.2026`,
    sections,
    events,
    versions: [],
  }
}
