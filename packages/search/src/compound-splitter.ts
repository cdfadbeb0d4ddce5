/**
 * German compounds found by their parts: "Spielplatzsanierung" is indexed also as "spielplatz"
 * and "sanierung", "Haushaltssatzung" as "haushalt" and "satzung" (with the Fugen-s between them).
 *
 * Design (chosen over a stemmer-based or n-gram approach; n-grams would triple the index and find
 * nonsense, and no maintained German decompounder runs in a browser worker):
 * - At index time only: queries stay whole words, so "Spielplatz" matches the part "spielplatz"
 *   exactly, and a query for the whole compound still matches the whole word.
 * - A word is split only into known parts. Known are (a) a lexicon of common word parts of
 *   municipal German (MUNICIPAL_WORD_PARTS: buildings, planning, finance, statutes, bodies …) and
 *   (b) the words that stand alone in the same document (at least five letters). (b) is what
 *   finds parts the lexicon lacks — a paper on the "Mühlgrabenbrücke" usually also says "Brücke" —
 *   while keeping splits a function of the document alone, so the same document always gets the
 *   same terms however the index was built up.
 * - Between parts a linking element (Fugenelement) may stand: s, es, n, en, e, er; after the last
 *   part an inflection ending: e, en, n, s, es, er, ern.
 * - Among all splits, the one with the fewest parts wins, then the one with the longest parts
 *   (sum of squared lengths), so "Bebauungsplanverfahren" becomes bebauung|plan|verfahren rather
 *   than a split into short fragments.
 * - Parts of three letters count only if the lexicon lists them (amt, bau, rat, ort …): short
 *   fragments from running text would split ordinary words.
 * Emitted terms: every part and every run of adjacent parts shorter than the whole word
 * ("bebauungsplan" from "bebauungsplanverfahren").
 * All strings here are folded (foldGerman).
 */
import { foldGerman } from './german-fold.ts'

const LINKERS = ['s', 'es', 'n', 'en', 'e', 'er'] as const
const ENDINGS = ['e', 'en', 'n', 's', 'es', 'er', 'ern'] as const
/** shortest word that is worth splitting (two parts of four letters, or three plus a linker) */
const MIN_COMPOUND = 7
const MIN_LOCAL_PART = 5
const MIN_PART = 4
/** splits of words longer than this are not attempted (hashes, URLs, run-together garbage) */
const MAX_COMPOUND = 48

/**
 * Common parts of municipal German compounds, written naturally; folded when loaded. Short words
 * (three letters) are only accepted as parts because they are listed here.
 */
const WORD_PARTS = `
abfall abgabe abschluss abschnitt abwasser abwehr abwägung amt analyse angebot anlage anliegen antrag anfrage anhörung
anordnung arbeit aufsicht aufstellung auftrag ausbau ausgabe auslegung ausschuss ausstattung auszahlung
bad bahn bau baum bauhof bebauung beirat beitrag beleuchtung belebung bericht bedarf beschaffung beschluss bestand beteiligung
betreuung betrieb betrag bewirtschaftung bilanz bildung billigung bibliothek brand breitband brücke budget bund bürger bus
dach darlehen denkmal dienst digital dorf
eigen einrichtung einwohner einzelhandel eltern energie entgelt entscheidung entschädigung entwicklung entwurf erneuerung
ersatz erschließung ertrag
fahrzeug fabrik fahrrad faser feld fest fenster feuer feuerwehr fläche flur förder förderung fortschreibung frei friedhof fuß
garten gebiet gebühr gebäude gefahr gelände geld gemeinde gemeinschaft gerät geschäft geschwindigkeit gesetz gewerbe glas
graben grund grundstück grün
hafen halle handel haupt haus haushalt heim heimat heizung hilfe hoch hof hund
innen investition jahr jugend
kanal kasse kauf kinder kirche kita klima kommunal konzept kontrolle kosten kredit kreis kultur kunst
laden land landschaft lärm leistung leiter leitung licht liste lokal löschwasser lösch
markt marketing maßnahme meister messung mittag mittel mitglied müll museum musik mühle
nachtrag natur netz neubau neufassung niederschlag niederschrift not nutzung
ordnung ort ortschaft ortswehr
park parkplatz person personal pflege plan planung platz preis priorität programm prüfung prüfbericht
quartal quartier rad rat raum rechnung recht regen reinigung richtlinie risiko
sanierung satzung schaden schätzung schenkung schieds schmutz schul schule schutz schwimm see senioren sicherheit
sitzung solar spende spiel sport stadt stätte stelle stellvertreter steuer strasse straße strom stundung
tag teil termin tief tor tourismus trink turm turn
umbau umwelt unterhaltung unterkunft
verband verein verfahren vergabe verkauf verkehr verordnung versammlung versorgung vertrag verwaltung vorlage vorplanung
wahl wald wärme wasser weg wehr werk wert wertstoff wiese winter wirtschaft wohn wohnung
zählung zentrum zucker zug zuschuss zuwendung zweck
`

export const MUNICIPAL_WORD_PARTS: ReadonlySet<string> = new Set(WORD_PARTS.split(/\s+/).filter(Boolean).map(foldGerman))

interface Reach {
  /** [start, end) of each part in the word */
  parts: [number, number][]
  /** sum of squared part lengths (larger = longer parts) */
  weight: number
}

function better(a: Reach | undefined, b: Reach): boolean {
  if (!a) return true
  if (b.parts.length !== a.parts.length) return b.parts.length < a.parts.length
  return b.weight > a.weight
}

export class CompoundSplitter {
  private readonly cache = new Map<string, [number, number][]>()

  constructor(private readonly lexicon: ReadonlySet<string> = MUNICIPAL_WORD_PARTS) {}

  /**
   * The parts of a folded word (empty when it is not a compound of known parts). `local` adds the
   * document's own standalone words as parts.
   */
  split(word: string, local?: ReadonlySet<string>): string[] {
    return this.spans(word, local).map(([start, end]) => word.slice(start, end))
  }

  /**
   * Terms to index for the word besides itself: its parts and runs of adjacent parts, a run taken
   * from the word as written (with its linking elements: "gebuhrensatzung", not "gebuhrsatzung").
   */
  termsOf(word: string, local?: ReadonlySet<string>): string[] {
    const spans = this.spans(word, local)
    if (spans.length < 2) return []
    const out = new Set<string>()
    for (let i = 0; i < spans.length; i++) {
      for (let j = i; j < spans.length; j++) {
        if (j - i + 1 < spans.length) out.add(word.slice(spans[i][0], spans[j][1]))
      }
    }
    out.delete(word)
    return [...out]
  }

  private spans(word: string, local: ReadonlySet<string> | undefined): [number, number][] {
    if (word.length < MIN_COMPOUND || word.length > MAX_COMPOUND || /\d/.test(word)) return []
    if (local) return this.segment(word, local)
    let cached = this.cache.get(word)
    if (!cached) {
      cached = this.segment(word, undefined)
      // bounded: an index of a big town sees a few hundred thousand distinct words at most
      if (this.cache.size > 200_000) this.cache.clear()
      this.cache.set(word, cached)
    }
    return cached
  }

  private isPart(candidate: string, whole: string, local: ReadonlySet<string> | undefined): boolean {
    if (candidate === whole) return false
    if (this.lexicon.has(candidate)) return candidate.length >= 3
    return !!local && candidate.length >= MIN_LOCAL_PART && local.has(candidate)
  }

  private segment(word: string, local: ReadonlySet<string> | undefined): [number, number][] {
    const n = word.length
    // partEnd[i]: best way to cover word[0, i) ending with a part; start[i]: may a part start at i
    const partEnd: (Reach | undefined)[] = new Array(n + 1)
    const startAt: (Reach | undefined)[] = new Array(n + 1)
    startAt[0] = { parts: [], weight: 0 }
    for (let i = 0; i < n; i++) {
      const from = startAt[i]
      if (!from) continue
      for (let j = i + 3; j <= n; j++) {
        const candidate = word.slice(i, j)
        if (candidate.length < MIN_PART && !this.lexicon.has(candidate)) continue
        if (!this.isPart(candidate, word, local)) continue
        const reach: Reach = { parts: [...from.parts, [i, j]], weight: from.weight + candidate.length * candidate.length }
        if (better(partEnd[j], reach)) partEnd[j] = reach
        if (j < n && better(startAt[j], reach)) startAt[j] = reach
        for (const linker of LINKERS) {
          const k = j + linker.length
          if (k < n && word.startsWith(linker, j) && better(startAt[k], reach)) startAt[k] = reach
        }
      }
    }
    let best = partEnd[n]
    for (const ending of ENDINGS) {
      const k = n - ending.length
      const candidate = k > 0 && word.endsWith(ending) ? partEnd[k] : undefined
      if (candidate && better(best, candidate)) best = candidate
    }
    return best && best.parts.length >= 2 ? best.parts : []
  }
}
