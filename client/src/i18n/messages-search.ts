/**
 * Messages of the local full-text search (German first, English second; same keys), with their
 * own lookup `ts` so the core catalogue does not change for this feature.
 */
import { currentLocale, type MessageParams } from './messages.ts'

export const searchDe = {
  'search.title': 'Suche',
  'search.nav': 'Suche',
  'search.label': 'Suchbegriff',
  'search.hint':
    'Findet auch Wortteile (Sanierung findet Spielplatzsanierung), ae, oe, ue und ss statt ä, ö, ü und ß und kleine Tippfehler. Aktenzeichen wie „BV 160“ gehen auch.',
  'search.scope':
    'Durchsucht wird, was auf diesem Gerät ist – auch ohne Netz: alle Ihre Sitzungen mit Name, Gremium und Datum, und die offline verfügbaren Sitzungen mit Tagesordnung, Vorlagen und dem Text aller Dokumente.',
  'search.submit': 'Suchen',
  'search.filters': 'Eingrenzen',
  'search.body': 'Gremium',
  'search.body.all': 'Alle Gremien',
  'search.from': 'Datum von',
  'search.to': 'Datum bis',
  'search.type': 'Art',
  'search.type.all': 'Alles',
  'search.type.meeting': 'Sitzungen',
  'search.type.agenda-item': 'Tagesordnungspunkte',
  'search.type.paper': 'Vorlagen',
  'search.type.file': 'Dokumente (PDF)',
  'search.reset': 'Eingrenzung aufheben',
  'search.kind.meeting': 'Sitzung',
  'search.kind.agenda-item': 'Tagesordnungspunkt',
  'search.kind.paper': 'Vorlage',
  'search.kind.file': 'Dokument',
  'search.results': 'Ergebnisse',
  'search.empty': 'Geben Sie einen Suchbegriff ein.',
  'search.searching': 'Suche läuft …',
  'search.count.none': 'Keine Treffer für „{q}“.',
  'search.count.one': '1 Treffer für „{q}“.',
  'search.count.other': '{count} Treffer für „{q}“.',
  'search.count.shown': 'Die ersten {shown} werden angezeigt.',
  'search.relaxed': 'Kein Eintrag enthält alle Suchwörter; gezeigt werden Treffer mit einzelnen Wörtern.',
  'search.pageOf': 'Seite {page} von {pages}',
  'search.page': 'Seite {page}',
  'search.openPage': 'Seite {page} öffnen',
  'search.morePages': 'Weitere Treffer auf',
  'search.version': 'Version {version} von {count}',
  'search.versionOnly': 'Version {version}',
  'search.otherVersions': 'Andere Versionen dieser Datei:',
  'search.versionNotHere': 'Version {version} (nicht auf diesem Gerät)',
  'search.confidential': 'nichtöffentlich',
  'search.own': 'eigenes Dokument',
  'search.alsoIn': 'Auch vorgelegt in: {meetings}',
  'search.openPaper': 'Vorlage öffnen',
  'search.openMeeting': 'Zur Sitzung',
  'search.item': 'TOP {number}',
  'search.index.starting': 'Suchindex wird geladen …',
  'search.index.indexing': 'Suchindex wird aktualisiert – noch {count} Dokumente zu lesen …',
  'search.index.ready': 'Suchindex: {count} Einträge auf diesem Gerät.',
  'search.index.failed': 'Die Suche steht auf diesem Gerät nicht zur Verfügung: {error}',
  'search.failed': 'Die Suche ist fehlgeschlagen: {error}',
}

export type SearchMessageKey = keyof typeof searchDe

export const searchEn: Record<SearchMessageKey, string> = {
  'search.title': 'Search',
  'search.nav': 'Search',
  'search.label': 'Search term',
  'search.hint':
    'Also finds parts of words (Sanierung finds Spielplatzsanierung), ae, oe, ue and ss for ä, ö, ü and ß, and small typos. References such as “BV 160” work too.',
  'search.scope':
    'Searches what is on this device – also without a network: all your meetings by name, body and date, and the meetings available offline with agenda, papers and the text of every document.',
  'search.submit': 'Search',
  'search.filters': 'Narrow down',
  'search.body': 'Body',
  'search.body.all': 'All bodies',
  'search.from': 'Date from',
  'search.to': 'Date to',
  'search.type': 'Type',
  'search.type.all': 'Everything',
  'search.type.meeting': 'Meetings',
  'search.type.agenda-item': 'Agenda items',
  'search.type.paper': 'Papers',
  'search.type.file': 'Documents (PDF)',
  'search.reset': 'Clear filters',
  'search.kind.meeting': 'Meeting',
  'search.kind.agenda-item': 'Agenda item',
  'search.kind.paper': 'Paper',
  'search.kind.file': 'Document',
  'search.results': 'Results',
  'search.empty': 'Enter a search term.',
  'search.searching': 'Searching …',
  'search.count.none': 'No results for “{q}”.',
  'search.count.one': '1 result for “{q}”.',
  'search.count.other': '{count} results for “{q}”.',
  'search.count.shown': 'Showing the first {shown}.',
  'search.relaxed': 'Nothing contains all search words; showing results with some of them.',
  'search.pageOf': 'Page {page} of {pages}',
  'search.page': 'page {page}',
  'search.openPage': 'Open page {page}',
  'search.morePages': 'More hits on',
  'search.version': 'Version {version} of {count}',
  'search.versionOnly': 'Version {version}',
  'search.otherVersions': 'Other versions of this file:',
  'search.versionNotHere': 'Version {version} (not on this device)',
  'search.confidential': 'non-public',
  'search.own': 'own document',
  'search.alsoIn': 'Also presented in: {meetings}',
  'search.openPaper': 'Open paper',
  'search.openMeeting': 'Go to meeting',
  'search.item': 'Item {number}',
  'search.index.starting': 'Loading the search index …',
  'search.index.indexing': 'Updating the search index – {count} documents left to read …',
  'search.index.ready': 'Search index: {count} entries on this device.',
  'search.index.failed': 'Search is not available on this device: {error}',
  'search.failed': 'The search failed: {error}',
}

const catalogues = { de: searchDe, en: searchEn } as const

/** The search message for `key` in the app's current locale with `{placeholders}` filled in. */
export function ts(key: SearchMessageKey, params?: MessageParams): string {
  const template: string = catalogues[currentLocale()][key] ?? searchDe[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
