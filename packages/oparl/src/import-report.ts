/**
 * What an import skipped, repaired or failed on, each with the object URL, and warnings the
 * administration should read (a restrictive licence, plain http). Entries carry a stable `code`
 * (one per known quirk, see QUIRKS) so reports of different runs and servers compare.
 */

export const REPORT_OUTCOMES = ['repaired', 'skipped', 'failed', 'warning'] as const
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number]

export interface ReportEntry {
  outcome: ReportOutcome
  code: QuirkCode
  /** the object (or list page, or file) concerned */
  url: string
  /** English, for the log and the report file; the admin view shows the German label of the code */
  message: string
}

/** Every code the importer reports, with what it means (English) and its German label for the admin view. */
export const QUIRKS = {
  // --- SD.NET RIM (STERNBERG) ---
  'body-legislative-term-missing': { en: 'Body.legislativeTerm (required) is missing: no legislative terms imported', de: 'Wahlperioden fehlen an der Körperschaft' },
  'ags-leading-zero-lost': { en: 'ags had 7 digits (leading zero lost): padded to 8', de: 'Gemeindeschlüssel ohne führende Null (ergänzt)' },
  'geojson-lat-lon-swapped': { en: 'GeoJSON coordinates in [lat, lon] order: swapped to [lon, lat]', de: 'Koordinaten vertauscht (korrigiert)' },
  'geojson-float-noise': { en: 'GeoJSON coordinates with float noise: rounded to 7 decimals', de: 'Koordinaten mit Rundungsrauschen (gerundet)' },
  'whitespace-trimmed': { en: 'text with leading/trailing (no-break) spaces: trimmed', de: 'Leerzeichen am Rand entfernt' },
  'embedded-without-timestamps': { en: 'embedded object without created/modified (allowed in 1.0 only): took the parent\'s', de: 'Eingebettetes Objekt ohne Zeitstempel (vom übergeordneten übernommen)' },
  'non-spec-property': { en: 'property not in the specification: ignored', de: 'Nicht spezifizierte Eigenschaft (ignoriert)' },
  'vendor-property': { en: 'vendor property (prefix:name): ignored', de: 'Herstellereigene Eigenschaft (ignoriert)' },
  'organization-type-nonstandard': { en: 'organizationType is not one of the spec\'s values: mapped', de: 'Unübliche Organisationsart (zugeordnet)' },
  // --- SOMACOS Session ---
  'other-oparl-versions-case': { en: 'otherOParlVersions (wrong case): read as otherOparlVersions', de: 'Eigenschaft falsch geschrieben (gelesen)' },
  'license-not-url': { en: 'license is a name or free text, not a URL: kept as text', de: 'Lizenz als Text statt URL' },
  'product-not-url': { en: 'product is a sentence, not a URL: kept as text', de: 'Produkt als Text statt URL' },
  'system-name-is-version': { en: 'System.name is the plug-in version, not the system\'s name: ignored', de: 'Systemname ist eine Versionsangabe (ignoriert)' },
  'body-placeholder-name': { en: 'Body named like a placeholder ("Instance 0001"): not used as the town\'s name', de: 'Platzhalter als Name der Körperschaft' },
  'equivalent-empty': { en: 'equivalent holds empty strings: dropped', de: 'Leere Verweise entfernt' },
  'placeholder-timestamp': { en: 'placeholder timestamp: 1970-01-01 treated as unknown; a bare midnight kept as the day', de: 'Platzhalter-Zeitstempel' },
  'timestamp-without-offset': { en: 'timestamp without UTC offset: read as Europe/Berlin', de: 'Zeitstempel ohne Zeitzone (als deutsche Zeit gelesen)' },
  'reference-not-found': { en: 'a referenced object answers 404 (or is not in any list)', de: 'Verwiesenes Objekt nicht abrufbar' },
  'placeholder-organization': { en: 'meeting/consultation of an organization that cannot be fetched: assigned to a placeholder body', de: 'Gremium nicht abrufbar (Platzhalter angelegt)' },
  'agenda-order-one-based': { en: 'AgendaItem.order starts at 1 instead of 0: shifted', de: 'Reihenfolge der TOPs beginnt bei 1 (verschoben)' },
  'meeting-end-before-start': { en: 'Meeting.end before start: end dropped', de: 'Sitzungsende vor Beginn (verworfen)' },
  'empty-string': { en: 'empty strings where a value or nothing is expected: treated as absent', de: 'Leere Angaben (als fehlend behandelt)' },
  'tombstone-not-modified': { en: 'deleted object with modified == created: deleted anyway', de: 'Gelöschtes Objekt ohne neues Änderungsdatum (trotzdem gelöscht)' },
  'duplicate-location-merged': { en: 'several locations with the same address (synthetic per-meeting locations): merged', de: 'Gleiche Orte zusammengeführt' },
  'foreign-host-id': { en: 'object id under another host than the API was reached at: fetched from the API\'s host', de: 'Objekt-URL mit fremdem Hostnamen (umgeleitet)' },
  'plain-http': { en: 'the server links plain http URLs: fetched as given', de: 'Unverschlüsselte http-Adressen' },
  // --- ALLRIS (CC e-gov) ---
  'not-available-placeholder': { en: '"N/A" where a value is expected: treated as absent', de: 'Platzhalter „N/A“ (als fehlend behandelt)' },
  'license-restrictive': { en: 'the licence restricts use ("only with permission"): make sure the town may import the data', de: 'Lizenz erlaubt Nutzung nur mit Genehmigung' },
  // --- general ---
  'invalid-object': { en: 'object without a usable id or type: skipped', de: 'Ungültiges Objekt (übersprungen)' },
  'missing-required': { en: 'a required property is missing: object skipped', de: 'Pflichtangabe fehlt (übersprungen)' },
  'missing-property-repaired': { en: 'a required property is missing: filled in from related data', de: 'Pflichtangabe fehlt (ergänzt)' },
  'invalid-value': { en: 'a value of the wrong type or format: ignored', de: 'Ungültiger Wert (ignoriert)' },
  'file-not-downloadable': { en: 'the file cannot be downloaded (HTTP error): imported without it', de: 'Datei nicht herunterladbar' },
  'file-checksum-mismatch': { en: 'downloaded file does not match its sha1Checksum: kept, flagged', de: 'Prüfsumme der Datei stimmt nicht' },
  'list-page-failed': { en: 'a list page could not be read after retries', de: 'Listenseite nicht lesbar' },
  'reference-unresolved': { en: 'a reference to an object that was not imported: link dropped', de: 'Verweis auf nicht importiertes Objekt (entfernt)' },
  'membership-in-department': { en: 'membership in an administrative department: not imported (staff are users, not members)', de: 'Mitgliedschaft in einer Dienststelle (nicht übernommen)' },
  'deleted-but-referenced': { en: 'deleted on the server but still used by imported meetings: kept', de: 'Gelöscht, aber noch verwendet (beibehalten)' },
  'multiple-bodies': { en: 'the system has several bodies: all imported into one town', de: 'Mehrere Körperschaften im System' },
} as const satisfies Record<string, { en: string; de: string }>

export type QuirkCode = keyof typeof QUIRKS

export interface ReportSummaryLine {
  outcome: ReportOutcome
  code: QuirkCode
  count: number
  /** a few URLs (the report file has all of them) */
  examples: string[]
}

/** Counts entries by (outcome, code), keeping a few example URLs each. */
export class ReportTally {
  private readonly lines = new Map<string, ReportSummaryLine>()

  constructor(private readonly examples = 5) {}

  add(entry: Pick<ReportEntry, 'outcome' | 'code' | 'url'>, count = 1): void {
    const key = `${entry.outcome}\u0000${entry.code}`
    let line = this.lines.get(key)
    if (!line) this.lines.set(key, (line = { outcome: entry.outcome, code: entry.code, count: 0, examples: [] }))
    line.count += count
    if (line.examples.length < this.examples && !line.examples.includes(entry.url)) line.examples.push(entry.url)
  }

  summary(): ReportSummaryLine[] {
    const rank = (o: ReportOutcome) => REPORT_OUTCOMES.indexOf(o)
    return [...this.lines.values()].sort((a, b) => rank(a.outcome) - rank(b.outcome) || b.count - a.count || a.code.localeCompare(b.code))
  }
}

/** One readable block per outcome, for the CLI and the log. */
export function formatReport(lines: readonly ReportSummaryLine[]): string {
  if (!lines.length) return 'No quirks: nothing skipped, repaired or failed.'
  const out: string[] = []
  for (const outcome of REPORT_OUTCOMES) {
    const of = lines.filter((l) => l.outcome === outcome)
    if (!of.length) continue
    out.push(`${outcome} (${of.reduce((n, l) => n + l.count, 0)}):`)
    for (const l of of) out.push(`  ${String(l.count).padStart(6)}  ${l.code}: ${QUIRKS[l.code].en}${l.examples[0] ? `\n          e.g. ${l.examples[0]}` : ''}`)
  }
  return out.join('\n')
}
