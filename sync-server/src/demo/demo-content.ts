/**
 * German text material for the demo town: name pools, paper templates and annex generators.
 *
 * Kept apart from demo-town.ts so the structure (schedule, memberships, Beratungsfolge) stays
 * readable. Template strings use {placeholders} that demo-town.ts fills once per paper, so all
 * sentences of one paper talk about the same street, amount and year.
 */
import type { PaperType } from '@ratstisch/domain'

/** Subject areas; each committee covers one or more, papers are drawn from its areas. */
export type Area =
  | 'bau'
  | 'finanzen'
  | 'bks'
  | 'ordnung'
  | 'haupt'
  | 'rat'
  | 'ortschaft'
  | 'wirtschaft'
  | 'rpa'
  | 'abwasser'

/** Later steps of a Beratungsfolge after the originating body. */
export type RouteStep = 'bau' | 'haupt' | 'rat'

export type FinanceKind = 'budget' | 'funding' | 'none' | 'followup' | 'income' | 'unplanned'

export type AnnexKind =
  | 'lageplan'
  | 'planzeichnung'
  | 'bplan-begruendung'
  | 'kostenschaetzung'
  | 'satzung'
  | 'synopse'
  | 'spendenliste'
  | 'haushaltsplan'
  | 'stellungnahme-ffw'
  | 'preisspiegel'
  | 'bericht'
  | 'konzept'
  | 'vertrag'
  | 'stellenbeschreibung'

export interface PaperTemplate {
  key: string
  area: Area
  type: PaperType
  public: boolean
  route: RouteStep[]
  weight?: number
  /** months (1-12) in which this paper is typical, e.g. the budget in autumn */
  months?: number[]
  /** at most once per calendar year (annual reports, budget) */
  oncePerYear?: boolean
  /** at most once per calendar quarter (quarterly reports) */
  oncePerQuarter?: boolean
  /** subject area whose department is responsible, if not the template's own area */
  department?: Area
  /** Bebauungsplan procedure stage; the generator advances existing plans through the stages */
  bplanStage?: 1 | 2 | 3
  /** euro range for {amount} */
  amount?: [number, number]
  name: string
  facts: string[]
  reasons?: string[]
  finance?: FinanceKind
  /** resolution text after the deciding body, e.g. "beschließt …" */
  proposal?: string
  annexes?: AnnexKind[]
}

export interface MotionTopic {
  title: string
  /** continues "Der Stadtrat …" */
  motion: string
  reasons: string[]
}

export interface InquiryTopic {
  title: string
  context: string
  questions: string[]
  answers: string[]
}

// ---------------------------------------------------------------------------------------------
// Name pools
// ---------------------------------------------------------------------------------------------

export const FEMALE_GIVEN = [
  'Anja', 'Kathrin', 'Ines', 'Sandra', 'Heike', 'Susanne', 'Claudia', 'Petra', 'Manuela', 'Birgit',
  'Sabine', 'Nicole', 'Katja', 'Yvonne', 'Franziska', 'Juliane', 'Stefanie', 'Christin', 'Doreen', 'Antje',
  'Silke', 'Marion', 'Ute', 'Annett', 'Maria', 'Lena', 'Sophie', 'Jana', 'Carolin', 'Josephine',
  'Bärbel', 'Jördis', 'Grit', 'Kerstin', 'Madlen', 'Romy', 'Sarah', 'Luise', 'Elke', 'Monika',
] as const

export const MALE_GIVEN = [
  'Andreas', 'Frank', 'Jens', 'Steffen', 'Uwe', 'Thomas', 'Michael', 'Torsten', 'Ronny', 'Mario',
  'Dirk', 'Sven', 'René', 'Marcel', 'Heiko', 'Olaf', 'Ralf', 'Lars', 'Matthias', 'Christian',
  'Stefan', 'Daniel', 'Tobias', 'Philipp', 'Martin', 'Rüdiger', 'Jörg', 'Holger', 'Björn', 'Kai',
  'Karsten', 'Maik', 'Enrico', 'Hans-Jürgen', 'Klaus', 'Peter', 'Lukas', 'Felix', 'Jan', 'Sebastian',
] as const

export const FAMILY_NAMES = [
  'Müller', 'Schmidt', 'Schulze', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann',
  'Schäfer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
  'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Herrmann',
  'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller',
  'Weiß', 'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger',
  'Winkler', 'Roth', 'Beck', 'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig',
  'Böhm', 'Winter', 'Kraus', 'Martin', 'Schumacher', 'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto',
  'Sommer', 'Groß', 'Seidel', 'Heinrich', 'Brandt', 'Haas', 'Schreiber', 'Graf', 'Schulte', 'Dietrich',
  'Ziegler', 'Kuhn', 'Kühn', 'Pohl', 'Engel', 'Horn', 'Busch', 'Bergmann', 'Thomas', 'Voigt',
  'Sauer', 'Arnold', 'Wolff', 'Pfeiffer', 'Böttcher', 'Fröhlich', 'Strauß', 'Preuß', 'Thiele', 'Schenk',
  'Gräfe', 'Wendt', 'Hübner', 'Reinhardt', 'Kästner', 'Rößler', 'Förster', 'Große', 'Matthes', 'Nitzsche',
] as const

/** Street names that take "der" without inflection ("in der Lindenstraße", "Ausbau der Magdeburger Straße"). */
export const STREETS = [
  'Lindenstraße', 'Bahnhofstraße', 'Schulstraße', 'Magdeburger Straße', 'Köthener Straße', 'Bernburger Straße',
  'Goethestraße', 'Friedensstraße', 'Karl-Marx-Straße', 'Rosa-Luxemburg-Straße', 'Thomas-Müntzer-Straße', 'Feldstraße',
  'Straße der Einheit', 'Poststraße', 'Brunnenstraße', 'Lutherstraße', 'Schillerstraße', 'Heinrich-Heine-Straße',
  'Schloßstraße', 'Fließstraße', 'Töpferstraße', 'Hospitalstraße', 'Weinbergstraße', 'Rüdigerstraße', 'Parkstraße',
  'Ringstraße', 'Gartenstraße', 'Wiesenstraße', 'Mühlenstraße', 'Kirchstraße', 'Jahnstraße', 'Lessingstraße', 'Mittelstraße',
] as const

/** Areas for Bebauungspläne in the Ortschaften. */
export const VILLAGE_AREAS = ['Wohnen am Dorfanger', 'Am Gutshof', 'Hinter den Gärten', 'An der Windmühle', 'Am Pfarracker', 'Alte Schmiede'] as const

/** Quarters of the core town (the Ortschaften are added per town). */
export const DISTRICTS = ['Innenstadt', 'Nordviertel', 'Südstadt', 'Bahnhofsviertel', 'Lindenhof', 'Am Weinberg'] as const

export const BPLAN_AREAS = [
  'Wohngebiet Am Mühlenberg', 'Gewerbegebiet Nord', 'Am Sportplatz', 'Wohnen am Stadtpark', 'Gewerbegebiet An der B 6',
  'Quartier Alte Zuckerfabrik', 'Am Feldrain', 'Sondergebiet Einzelhandel Köthener Straße', 'Wohngebiet Lindenhof II',
  'Solarpark Am Kiesgrund', 'Ehemalige Gärtnerei Weinbergstraße', 'Mischgebiet Bahnhofsumfeld', 'Wohnpark An der Fließstraße',
  'Gewerbepark Süd', 'Seniorenwohnen Am Anger', 'Kita-Standort Gartenweg',
] as const

export const SCHOOLS = ['Grundschule „Am Lindenhof“', 'Grundschule „Thomas Müntzer“', 'Grundschule Südstadt'] as const
export const KITAS = ['Kita „Sonnenschein“', 'Kita „Pusteblume“', 'Kita „Zwergenland“', 'Kita „Regenbogen“', 'Hort „Weltentdecker“'] as const
/** genitive, as used after "Beschaffung eines …" */
export const VEHICLES = [
  'Hilfeleistungslöschgruppenfahrzeugs HLF 10', 'Tragkraftspritzenfahrzeugs mit Wassertank (TSF-W)', 'Mittleren Löschfahrzeugs (MLF)',
  'Einsatzleitwagens ELW 1', 'Mannschaftstransportwagens (MTW)',
] as const
/** Building projects and the trades (Gewerke) that fit them. */
const BUILDING_TRADES = [
  'Rohbauarbeiten', 'Dachdecker- und Klempnerarbeiten', 'Elektroinstallation', 'Heizung, Lüftung, Sanitär', 'Fenster und Außentüren',
  'Trockenbauarbeiten', 'Maler- und Bodenbelagsarbeiten', 'Gerüstbau',
] as const
const CIVIL_TRADES = ['Straßen- und Tiefbauarbeiten', 'Garten- und Landschaftsbau', 'Kanalbauarbeiten', 'Straßenbeleuchtung', 'Markierungs- und Beschilderungsarbeiten'] as const
export const PROJECTS: ReadonlyArray<{ name: string; trades: readonly string[] }> = [
  { name: 'Sanierung der Grundschule „Am Lindenhof“', trades: BUILDING_TRADES },
  { name: 'Neubau Kita „Pusteblume“', trades: BUILDING_TRADES },
  { name: 'Grundhafter Ausbau der Lindenstraße', trades: CIVIL_TRADES },
  { name: 'Neubau Feuerwehrgerätehaus Musterdorf', trades: BUILDING_TRADES },
  { name: 'Sanierung der Sporthalle Schulstraße', trades: BUILDING_TRADES },
  { name: 'Umbau des Bürgerhauses am Markt', trades: BUILDING_TRADES },
  { name: 'Sanierung der Stadtbibliothek', trades: BUILDING_TRADES },
  { name: 'Erneuerung des Spielplatzes im Stadtpark', trades: ['Garten- und Landschaftsbau', 'Spielgeräte und Ausstattung'] },
  { name: 'Ausbau des Radweges an der Magdeburger Straße', trades: CIVIL_TRADES },
]
export const PROGRAMS = [
  'Lebendige Zentren (Städtebauförderung)', 'STARK III plus EFRE', 'Feuerwehrförderung des Landes Sachsen-Anhalt',
  'Kommunalrichtlinie (Nationale Klimaschutzinitiative)', 'GRW-Infrastruktur', 'Sportstättenförderung Sachsen-Anhalt',
  'Richtlinie Kommunaler Straßenbau',
] as const
export const CLUBS = [
  'SV Blau-Weiß Musterstadt e. V.', 'Heimatverein Musterstadt e. V.', 'Musterstädter Carnevalsclub e. V.',
  'Förderverein der Grundschule „Am Lindenhof“ e. V.', 'Schützengilde 1848 Musterstadt e. V.', 'Kulturverein Alte Brauerei e. V.',
] as const
/** Positions with their pay grade (Entgeltgruppe). */
export const POSITIONS: ReadonlyArray<readonly [string, string]> = [
  ['Sachbearbeitung Bauverwaltung', 'EG 9b TVöD'], ['Sachbearbeitung Kämmerei/Steuern', 'EG 9a TVöD'],
  ['Leitung Kita „Sonnenschein“', 'S 15 TVöD SuE'], ['Sachbearbeitung Ordnungsamt', 'EG 8 TVöD'],
  ['Gerätewart/in Feuerwehr', 'EG 6 TVöD'], ['Sachbearbeitung Personal', 'EG 9a TVöD'],
  ['Fachkraft für Digitalisierung', 'EG 10 TVöD'], ['Bauhofmitarbeiter/in', 'EG 5 TVöD'],
]

/** Used to name additional Ortschaften when the town is scaled up. */
export const VILLAGE_STEMS = [
  'Linden', 'Birken', 'Eichen', 'Buchen', 'Erlen', 'Wiesen', 'Mühlen', 'Rosen', 'Sonnen', 'Weiden',
  'Heide', 'Bruch', 'Stein', 'Hohen', 'Fichten', 'Kirch', 'Wendel', 'Gold', 'Schön', 'Klee',
] as const
export const VILLAGE_SUFFIXES = ['au', 'dorf', 'hausen', 'leben', 'stedt', 'feld', 'rode', 'thal', 'hagen', 'werder'] as const
export const VILLAGE_STREETS = ['Dorfstraße', 'Am Anger', 'Kirchweg', 'Hauptstraße', 'Lindenplatz'] as const

// ---------------------------------------------------------------------------------------------
// Paper templates
// ---------------------------------------------------------------------------------------------

export const TEMPLATES: PaperTemplate[] = [
  // --- Bau ---
  {
    key: 'bplan-1', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], bplanStage: 1, weight: 3,
    name: 'Bebauungsplan Nr. {bplanNo} „{bplanArea}“ – Aufstellungsbeschluss',
    facts: [
      'Für den Bereich „{bplanArea}“ liegen mehrere Anfragen von Grundstückseigentümern und Investoren vor. Eine geordnete städtebauliche Entwicklung ist auf Grundlage des geltenden Planungsrechts nicht möglich, da sich die Flächen überwiegend im Außenbereich befinden.',
      'Der Geltungsbereich umfasst eine Fläche von rund {hectares} ha. Er wird im Norden durch die {street}, im Süden durch vorhandene Gartenflächen begrenzt. Die genaue Abgrenzung ist dem beigefügten Lageplan zu entnehmen.',
    ],
    reasons: [
      'Mit der Aufstellung des Bebauungsplans sollen die planungsrechtlichen Voraussetzungen für eine maßvolle Entwicklung geschaffen werden. Die Planung entspricht den Zielen des Integrierten Stadtentwicklungskonzepts.',
    ],
    finance: 'budget', amount: [15000, 60000],
    proposal: 'beschließt die Aufstellung des Bebauungsplans Nr. {bplanNo} „{bplanArea}“ gemäß § 2 Abs. 1 BauGB. Der Aufstellungsbeschluss ist ortsüblich bekannt zu machen.',
    annexes: ['lageplan'],
  },
  {
    key: 'bplan-2', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], bplanStage: 2, weight: 0,
    name: 'Bebauungsplan Nr. {bplanNo} „{bplanArea}“ – Billigung des Entwurfs und Beschluss über die öffentliche Auslegung',
    facts: [
      'Der Stadtrat hat die Aufstellung des Bebauungsplans Nr. {bplanNo} „{bplanArea}“ beschlossen. Das beauftragte Planungsbüro hat auf Grundlage der frühzeitigen Beteiligung der Öffentlichkeit und der Behörden den Entwurf erarbeitet.',
      'Im Rahmen der frühzeitigen Beteiligung gingen {count} Stellungnahmen ein. Hinweise des Landkreises zum Immissionsschutz sowie des Trink- und Abwasserzweckverbandes zur Erschließung wurden in den Entwurf eingearbeitet.',
    ],
    reasons: ['Der Entwurf soll gemäß § 3 Abs. 2 BauGB für die Dauer eines Monats, mindestens jedoch 30 Tage, im Internet veröffentlicht und zusätzlich im Rathaus zur Einsichtnahme ausgelegt werden.'],
    finance: 'none',
    proposal: 'billigt den Entwurf des Bebauungsplans Nr. {bplanNo} „{bplanArea}“ mit Begründung und Umweltbericht und beschließt die Veröffentlichung gemäß § 3 Abs. 2 BauGB sowie die Beteiligung der Behörden gemäß § 4 Abs. 2 BauGB.',
    annexes: ['planzeichnung', 'bplan-begruendung'],
  },
  {
    key: 'bplan-3', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], bplanStage: 3, weight: 0,
    name: 'Bebauungsplan Nr. {bplanNo} „{bplanArea}“ – Abwägungs- und Satzungsbeschluss',
    facts: [
      'Der Entwurf des Bebauungsplans Nr. {bplanNo} „{bplanArea}“ wurde öffentlich ausgelegt. Von Bürgerinnen und Bürgern gingen {count} Stellungnahmen ein, von den Trägern öffentlicher Belange weitere Hinweise, insbesondere zum Artenschutz und zur Niederschlagsentwässerung.',
      'Die Verwaltung hat die eingegangenen Stellungnahmen geprüft und einen Abwägungsvorschlag erarbeitet. Wesentliche Änderungen des Entwurfs, die eine erneute Auslegung erfordern würden, ergeben sich daraus nicht.',
    ],
    reasons: ['Mit dem Satzungsbeschluss und der anschließenden Bekanntmachung tritt der Bebauungsplan in Kraft. Danach können Bauanträge auf seiner Grundlage beschieden werden.'],
    finance: 'none',
    proposal: 'beschließt die Abwägung der eingegangenen Stellungnahmen entsprechend dem Abwägungsvorschlag und den Bebauungsplan Nr. {bplanNo} „{bplanArea}“ gemäß § 10 Abs. 1 BauGB als Satzung. Die Begründung wird gebilligt.',
    annexes: ['planzeichnung', 'bplan-begruendung'],
  },
  {
    key: 'fnp', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'],
    name: '{fnpNo}. Änderung des Flächennutzungsplans im Bereich „{bplanArea}“ – Aufstellungsbeschluss',
    facts: [
      'Der wirksame Flächennutzungsplan der Stadt Musterstadt stellt den Bereich „{bplanArea}“ als Fläche für die Landwirtschaft dar. Die beabsichtigte Entwicklung ist daraus nicht entwickelbar.',
      'Die Änderung soll im Parallelverfahren zum Bebauungsplan durchgeführt werden, um Zeit und Kosten zu sparen.',
    ],
    finance: 'budget', amount: [8000, 25000],
    proposal: 'beschließt die Aufstellung der {fnpNo}. Änderung des Flächennutzungsplans im Bereich „{bplanArea}“.',
    annexes: ['lageplan'],
  },
  {
    key: 'strassenausbau', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], weight: 3, amount: [380000, 2400000],
    name: 'Grundhafter Ausbau der {street} – Bestätigung der Entwurfsplanung und Baubeschluss',
    facts: [
      'Die {street} befindet sich in einem schlechten baulichen Zustand. Die Fahrbahn weist zahlreiche Risse und Verdrückungen auf, die Gehwege sind nicht barrierefrei und die Straßenbeleuchtung entspricht nicht mehr dem Stand der Technik.',
      'Die Entwurfsplanung sieht eine Fahrbahnbreite von 5,50 m, beidseitige Gehwege mit einer Breite von 2,00 m sowie die Umrüstung der Beleuchtung auf LED vor. Der Trink- und Abwasserzweckverband erneuert im gleichen Zuge den Schmutzwasserkanal.',
      'Die Anliegerinnen und Anlieger wurden am {meetingDate} in einer Informationsveranstaltung über die Planung unterrichtet. Straßenausbaubeiträge werden in Sachsen-Anhalt nicht mehr erhoben.',
    ],
    reasons: ['Die Bauzeit ist für den Zeitraum von April bis November {nextYear} vorgesehen. Die Baumaßnahme wird in zwei Bauabschnitten unter Vollsperrung durchgeführt; die Zufahrt für Rettungsdienste bleibt gewährleistet.'],
    finance: 'funding',
    proposal: 'bestätigt die Entwurfsplanung für den grundhaften Ausbau der {street} und beschließt die Durchführung der Baumaßnahme vorbehaltlich der Bewilligung der beantragten Fördermittel.',
    annexes: ['lageplan', 'kostenschaetzung'],
  },
  {
    key: 'schulsanierung', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], weight: 2, amount: [650000, 4800000],
    name: 'Sanierung der {school} – Baubeschluss',
    facts: [
      'Das Schulgebäude der {school} wurde 1974 in Plattenbauweise errichtet. Dach, Fenster und Haustechnik haben ihre Nutzungsdauer überschritten; der Brandschutz entspricht nicht mehr den heutigen Anforderungen.',
      'Die Planung sieht eine energetische Sanierung der Gebäudehülle, den Einbau eines Aufzugs, die Erneuerung der Sanitäranlagen sowie die Ausstattung aller Unterrichtsräume mit digitaler Präsentationstechnik vor.',
      'Während der Bauzeit wird der Unterricht abschnittsweise in Containern auf dem Schulgelände fortgeführt. Die Schulleitung und der Elternrat wurden beteiligt.',
    ],
    reasons: ['Die Stadt ist als Schulträger verpflichtet, die Schulgebäude in einem ordnungsgemäßen Zustand zu erhalten. Eine Sanierung ist gegenüber einem Ersatzneubau nach der Wirtschaftlichkeitsuntersuchung um rund 18 % günstiger.'],
    finance: 'funding',
    proposal: 'beschließt die Sanierung der {school} auf Grundlage der vorgelegten Entwurfsplanung mit Gesamtkosten in Höhe von {amount}.',
    annexes: ['kostenschaetzung', 'lageplan'],
  },
  {
    key: 'kita-neubau', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], amount: [1800000, 3900000],
    name: 'Ersatzneubau {kita} – Bestätigung der Vorplanung',
    facts: [
      'Das Gebäude der {kita} in der {street} ist stark sanierungsbedürftig. Eine Sanierung im laufenden Betrieb ist nach Einschätzung des Planungsbüros nicht wirtschaftlich.',
      'Die Vorplanung sieht einen eingeschossigen Holzbau für 90 Kinder mit Krippen- und Kindergartenbereich, Mehrzweckraum und Außenspielflächen vor.',
    ],
    finance: 'funding',
    proposal: 'bestätigt die Vorplanung für den Ersatzneubau der {kita} und beauftragt die Verwaltung mit der Fortführung der Planung bis zur Genehmigungsplanung.',
    annexes: ['lageplan', 'kostenschaetzung'],
  },
  {
    key: 'bruecke', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt'], amount: [180000, 900000],
    name: 'Instandsetzung der Brücke über den Mühlgraben im Zuge der {street}',
    facts: [
      'Bei der Bauwerksprüfung nach DIN 1076 wurde die Brücke über den Mühlgraben mit der Zustandsnote 3,0 bewertet. Festgestellt wurden Betonabplatzungen mit freiliegender Bewehrung sowie Schäden an den Geländern.',
      'Bis zur Instandsetzung wurde die zulässige Gesamtmasse auf 7,5 t beschränkt.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Instandsetzung der Brücke über den Mühlgraben im Zuge der {street} mit voraussichtlichen Kosten in Höhe von {amount}.',
    annexes: ['kostenschaetzung'],
  },
  {
    key: 'einvernehmen', area: 'bau', type: 'Beschlussvorlage', public: true, route: [], weight: 2,
    name: 'Einvernehmen der Stadt nach § 36 BauGB – Neubau eines Mehrfamilienhauses, {street} {houseNo}',
    facts: [
      'Der Landkreis als untere Bauaufsichtsbehörde hat die Stadt um Erteilung des gemeindlichen Einvernehmens zu einem Bauantrag gebeten. Geplant ist ein Mehrfamilienhaus mit {count} Wohneinheiten und Tiefgarage.',
      'Das Grundstück liegt im unbeplanten Innenbereich. Das Vorhaben fügt sich nach Art und Maß der baulichen Nutzung in die Eigenart der näheren Umgebung ein.',
    ],
    finance: 'none',
    proposal: 'erteilt das gemeindliche Einvernehmen nach § 36 BauGB zum Neubau eines Mehrfamilienhauses auf dem Grundstück {street} {houseNo}.',
    annexes: ['lageplan'],
  },
  {
    key: 'beleuchtung', area: 'bau', type: 'Beschlussvorlage', public: true, route: [], amount: [60000, 240000],
    name: 'Umrüstung der Straßenbeleuchtung auf LED – {n}. Bauabschnitt',
    facts: [
      'Im Stadtgebiet sind noch rund {count}0 Leuchten mit Natriumdampf- oder Quecksilberdampflampen in Betrieb. Für Quecksilberdampflampen sind seit 2015 keine Ersatzteile mehr erhältlich.',
      'Mit dem {n}. Bauabschnitt sollen die Leuchten in der {street} und der {street2} umgerüstet werden. Die Energieeinsparung beträgt nach Herstellerangaben rund 65 %.',
    ],
    finance: 'funding',
    proposal: 'beschließt die Umrüstung der Straßenbeleuchtung in der {street} und der {street2} auf LED-Technik.',
  },
  {
    key: 'isek', area: 'bau', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true,
    name: 'Fortschreibung des Integrierten Stadtentwicklungskonzepts (ISEK) Musterstadt 2035',
    facts: [
      'Das Integrierte Stadtentwicklungskonzept ist Voraussetzung für die Förderung aus der Städtebauförderung. Die letzte Fortschreibung stammt aus dem Jahr 2016.',
      'In drei Bürgerwerkstätten und einer Online-Beteiligung wurden über 400 Hinweise gesammelt. Schwerpunkte sind die Belebung der Innenstadt, bezahlbares Wohnen und die Anpassung an den Klimawandel.',
    ],
    finance: 'none',
    proposal: 'beschließt die Fortschreibung des Integrierten Stadtentwicklungskonzepts Musterstadt 2035 als Grundlage für die weitere Stadtentwicklung.',
    annexes: ['konzept'],
  },
  {
    key: 'radverkehr', area: 'bau', type: 'Informationsvorlage', public: true, route: [],
    name: 'Sachstand zur Umsetzung des Radverkehrskonzepts',
    facts: [
      'Der Stadtrat hat das Radverkehrskonzept im Jahr 2023 beschlossen. Von den 24 Maßnahmen wurden bisher neun umgesetzt, darunter die Markierung von Schutzstreifen in der {street} und 60 neue Fahrradbügel am Bahnhof.',
      'Für den Lückenschluss des Radweges an der Magdeburger Straße liegt der Förderbescheid vor. Baubeginn ist für das Frühjahr {nextYear} vorgesehen.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'breitband', area: 'bau', type: 'Informationsvorlage', public: true, route: [],
    name: 'Sachstand Glasfaserausbau im Stadtgebiet und in den Ortschaften',
    facts: [
      'Der eigenwirtschaftliche Glasfaserausbau durch den Netzbetreiber ist in der Innenstadt und im Nordviertel weitgehend abgeschlossen. Rund {percent} % der Haushalte können inzwischen einen Anschluss mit mindestens 1 Gbit/s buchen.',
      'In den Ortschaften erfolgt der Ausbau im Rahmen des geförderten Breitbandausbaus des Landkreises. Die Tiefbauarbeiten in {ortschaft} beginnen voraussichtlich im {season} {year}.',
    ],
  },
  {
    key: 'bau-baustellen', area: 'bau', type: 'Mitteilung', public: true, route: [],
    name: 'Übersicht der Baumaßnahmen im Stadtgebiet {year}',
    facts: [
      'Die Verwaltung informiert über die im laufenden Jahr geplanten Baumaßnahmen der Stadt und der Versorgungsträger. Zu Verkehrseinschränkungen kommt es insbesondere in der {street} und der {street2}.',
      'Die Baustellenkoordinierung erfolgt in einer monatlichen Runde mit den Stadtwerken, dem Abwasserzweckverband und dem Landkreis.',
    ],
  },
  {
    key: 'bau-vergabe', area: 'bau', type: 'Beschlussvorlage', public: false, route: [], weight: 4, amount: [90000, 780000],
    name: 'Vergabe der Bauleistungen Los {los} {gewerk} – {project}',
    facts: [
      'Die Leistungen für das Los {los} {gewerk} wurden öffentlich nach VOB/A ausgeschrieben. Bis zum Submissionstermin gingen {bidders} Angebote ein.',
      'Nach Prüfung und Wertung ist das Angebot der Firma {company} mit einer Bruttoangebotssumme von {amount} das wirtschaftlichste Angebot. Die Firma ist fachkundig, leistungsfähig und zuverlässig.',
    ],
    finance: 'budget',
    proposal: 'beschließt, den Auftrag für das Los {los} {gewerk} (Maßnahme: {project}) an die Firma {company} zum Bruttoangebotspreis von {amount} zu vergeben.',
    annexes: ['preisspiegel'],
  },
  {
    key: 'bau-vergabe-rat', area: 'bau', type: 'Beschlussvorlage', public: false, route: ['haupt', 'rat'], amount: [800000, 2600000],
    name: 'Vergabe der Generalunternehmerleistungen – {project}',
    facts: [
      'Die Generalunternehmerleistungen wurden europaweit im offenen Verfahren ausgeschrieben. Es gingen {bidders} Angebote ein.',
      'Das wirtschaftlichste Angebot liegt rund 6 % über der Kostenberechnung. Die Mehrkosten können durch Minderausgaben bei anderen Maßnahmen gedeckt werden.',
    ],
    finance: 'unplanned',
    proposal: 'beschließt die Vergabe der Generalunternehmerleistungen (Maßnahme: {project}) an die Firma {company} zum Bruttoangebotspreis von {amount}.',
    annexes: ['preisspiegel'],
  },
  {
    key: 'bau-nachtrag', area: 'bau', type: 'Beschlussvorlage', public: false, route: [], amount: [12000, 95000],
    name: 'Nachtragsangebot {gewerk} – {project}',
    facts: [
      'Bei der Ausführung der Arbeiten wurden nicht vorhersehbare Schäden an der Bausubstanz festgestellt. Die Firma {company} hat hierfür ein Nachtragsangebot in Höhe von {amount} vorgelegt.',
      'Das Planungsbüro hat den Nachtrag dem Grunde und der Höhe nach geprüft und empfiehlt die Beauftragung.',
    ],
    finance: 'unplanned',
    proposal: 'stimmt der Beauftragung des Nachtragsangebotes der Firma {company} in Höhe von {amount} zu.',
  },
  {
    key: 'bau-grunderwerb', area: 'bau', type: 'Beschlussvorlage', public: false, route: ['haupt'], amount: [8000, 60000],
    name: 'Grundstücksangelegenheit: Erwerb einer Teilfläche für den Ausbau der {street}',
    facts: [
      'Für den geplanten Ausbau der {street} wird eine Teilfläche von ca. {sqm} m² aus dem Flurstück {flurstueck} der Flur {flur}, Gemarkung {gemarkung}, benötigt.',
      'Mit dem Eigentümer wurde ein Kaufpreis auf Grundlage des Bodenrichtwertes vereinbart. Die Vermessungs- und Notarkosten trägt die Stadt.',
    ],
    finance: 'budget',
    proposal: 'beschließt den Erwerb einer Teilfläche von ca. {sqm} m² aus dem Flurstück {flurstueck} der Flur {flur}, Gemarkung {gemarkung}, zum Kaufpreis von {amount}.',
    annexes: ['lageplan'],
  },

  // --- Finanzen ---
  {
    key: 'haushalt', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], months: [11], oncePerYear: true, weight: 50, amount: [28000000, 36000000],
    name: 'Haushaltssatzung und Haushaltsplan {nextYear} der Stadt Musterstadt',
    facts: [
      'Der Entwurf der Haushaltssatzung {nextYear} wurde dem Stadtrat in seiner letzten Sitzung zur Beratung übergeben. Der Ergebnisplan weist ordentliche Erträge von {amount} aus; der Ausgleich gelingt nur unter Inanspruchnahme der Rücklage aus Überschüssen des ordentlichen Ergebnisses.',
      'Investitionen sind in Höhe von {amount2} vorgesehen, insbesondere für die Sanierung der {school}, den Straßenausbau und die Feuerwehr. Kredite für Investitionen werden nicht veranschlagt.',
      'Die Hebesätze der Grundsteuer A, der Grundsteuer B und der Gewerbesteuer bleiben unverändert.',
    ],
    reasons: ['Nach dem Beschluss ist die Haushaltssatzung der Kommunalaufsicht des Landkreises vorzulegen. Bis zur Bekanntmachung gelten die Regeln der vorläufigen Haushaltsführung.'],
    finance: 'none',
    proposal: 'beschließt die Haushaltssatzung der Stadt Musterstadt für das Haushaltsjahr {nextYear} mit ihren Anlagen einschließlich des Haushaltsplans und des Investitionsprogramms.',
    annexes: ['satzung', 'haushaltsplan'],
  },
  {
    key: 'jahresabschluss', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], months: [3, 4, 5, 6], oncePerYear: true, weight: 8, amount: [150000, 1900000],
    name: 'Feststellung des Jahresabschlusses {prevYear2} und Entlastung des Bürgermeisters',
    facts: [
      'Der Jahresabschluss {prevYear2} wurde vom Rechnungsprüfungsamt des Landkreises geprüft. Das ordentliche Ergebnis schließt mit einem Überschuss von {amount} ab.',
      'Der Schlussbericht enthält keine Beanstandungen, die einer Entlastung entgegenstehen.',
    ],
    finance: 'none',
    proposal: 'stellt den Jahresabschluss {prevYear2} fest, beschließt die Zuführung des Jahresüberschusses in Höhe von {amount} zur Rücklage und erteilt dem Bürgermeister Entlastung.',
    annexes: ['bericht'],
  },
  {
    key: 'spenden', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt'], weight: 3, oncePerQuarter: true, amount: [2500, 18000],
    name: 'Annahme von Spenden, Schenkungen und ähnlichen Zuwendungen – {quarter}. Quartal {quarterYear}',
    facts: [
      'Über die Annahme von Spenden mit einem Wert von mehr als 1.000 € entscheidet nach der Hauptsatzung der Hauptausschuss. Im {quarter}. Quartal {quarterYear} sind Zuwendungen mit einem Gesamtwert von {amount} eingegangen.',
      'Die Zuwendungen sind überwiegend für die Ortsfeuerwehren, die Kindertageseinrichtungen und das Stadtfest bestimmt. Anhaltspunkte für eine unzulässige Einflussnahme liegen nicht vor.',
    ],
    finance: 'income',
    proposal: 'beschließt die Annahme der in der Anlage aufgeführten Spenden, Schenkungen und ähnlichen Zuwendungen.',
    annexes: ['spendenliste'],
  },
  {
    key: 'apl', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt'], weight: 2, amount: [25000, 140000],
    name: 'Außerplanmäßige Auszahlung für die {purpose}',
    facts: [
      'Für die {purpose} sind im Haushaltsplan {year} keine Mittel veranschlagt. Die Maßnahme ist unabweisbar, da andernfalls die Verkehrssicherheit nicht gewährleistet werden kann.',
      'Die Deckung erfolgt durch Minderauszahlungen bei der Maßnahme {project}, deren Umsetzung sich in das Folgejahr verschiebt.',
    ],
    finance: 'unplanned',
    proposal: 'stimmt der außerplanmäßigen Auszahlung in Höhe von {amount} für die {purpose} zu.',
  },
  {
    key: 'hebesatz', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, amount: [40000, 260000],
    name: 'Satzung über die Festsetzung der Hebesätze für die Grund- und Gewerbesteuer (Hebesatzsatzung)',
    facts: [
      'Mit der Grundsteuerreform wurden die Grundstücke neu bewertet. Die Stadt hatte zugesagt, die Reform aufkommensneutral umzusetzen.',
      'Nach Auswertung der Messbescheide des Finanzamtes ergibt sich für die Grundsteuer B ein aufkommensneutraler Hebesatz von {hebesatz} %.',
    ],
    finance: 'income',
    proposal: 'beschließt die Satzung über die Festsetzung der Hebesätze für die Grund- und Gewerbesteuer in der vorliegenden Fassung.',
    annexes: ['satzung'],
  },
  {
    key: 'hundesteuer', area: 'finanzen', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, amount: [8000, 30000],
    name: 'Neufassung der Satzung über die Erhebung der Hundesteuer',
    facts: [
      'Die Hundesteuersatzung stammt aus dem Jahr 2011 und wurde seitdem nicht angepasst. Die Sätze liegen deutlich unter dem Durchschnitt vergleichbarer Städte im Land.',
      'Vorgeschlagen wird eine Anhebung für den ersten Hund von 60 € auf 84 € jährlich. Für Hunde aus dem Tierheim soll eine Steuerbefreiung für zwei Jahre eingeführt werden.',
    ],
    finance: 'income',
    proposal: 'beschließt die Neufassung der Satzung über die Erhebung der Hundesteuer.',
    annexes: ['satzung', 'synopse'],
  },
  {
    key: 'haushaltsvollzug', area: 'finanzen', type: 'Informationsvorlage', public: true, route: [], months: [7, 8, 9, 10], oncePerYear: true, weight: 6, amount: [200000, 900000],
    name: 'Bericht über den Haushaltsvollzug zum 30.06.{year}',
    facts: [
      'Die Erträge aus der Gewerbesteuer liegen zum Stichtag rund {amount} über dem Planansatz. Bei den Personalaufwendungen wirkt sich der Tarifabschluss im öffentlichen Dienst aus.',
      'Nach derzeitiger Prognose wird das ordentliche Ergebnis zum Jahresende ausgeglichen sein.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'beteiligungsbericht', area: 'finanzen', type: 'Informationsvorlage', public: true, route: ['rat'], oncePerYear: true,
    name: 'Beteiligungsbericht {prevYear}',
    facts: [
      'Die Stadt ist an der Stadtwerke Musterstadt GmbH, der Musterstädter Wohnungsbaugesellschaft mbH und dem Abwasserzweckverband beteiligt. Der Beteiligungsbericht gibt einen Überblick über Ziele, Organe und wirtschaftliche Lage.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'stundung', area: 'finanzen', type: 'Beschlussvorlage', public: false, route: [], weight: 3, amount: [12000, 85000],
    name: 'Antrag auf Stundung von Gewerbesteuerforderungen',
    facts: [
      'Ein ortsansässiges Unternehmen hat die Stundung fälliger Gewerbesteuerforderungen in Höhe von {amount} beantragt. Zur Begründung werden Liquiditätsengpässe infolge ausgefallener Kundenzahlungen angeführt.',
      'Die vorgelegten Unterlagen lassen eine vorübergehende Zahlungsschwierigkeit erkennen. Der Anspruch erscheint durch die Stundung nicht gefährdet; es wird eine Ratenzahlung über zwölf Monate vorgeschlagen.',
    ],
    finance: 'none',
    proposal: 'stimmt der Stundung der Gewerbesteuerforderungen in Höhe von {amount} gegen Ratenzahlung über zwölf Monate und unter Erhebung von Stundungszinsen zu.',
  },
  {
    key: 'niederschlagung', area: 'finanzen', type: 'Beschlussvorlage', public: false, route: ['haupt'], amount: [6000, 45000],
    name: 'Unbefristete Niederschlagung von Forderungen',
    facts: [
      'Die Vollstreckung von Forderungen in Höhe von insgesamt {amount} gegenüber einem Schuldner ist erfolglos geblieben. Über das Vermögen wurde das Insolvenzverfahren mangels Masse nicht eröffnet.',
    ],
    finance: 'none',
    proposal: 'stimmt der unbefristeten Niederschlagung der Forderungen in Höhe von {amount} zu.',
  },

  // --- Bildung, Kultur und Soziales ---
  {
    key: 'kita-kostenbeitrag', area: 'bks', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, weight: 2, amount: [40000, 180000],
    name: 'Satzung über die Erhebung von Kostenbeiträgen für die Inanspruchnahme von Kindertageseinrichtungen – {n}. Änderung',
    facts: [
      'Die Kostenbeiträge der Eltern sind nach dem Kinderförderungsgesetz des Landes regelmäßig zu überprüfen. Die Betriebskosten der städtischen Einrichtungen sind infolge der Tarif- und Energiepreisentwicklung deutlich gestiegen.',
      'Die Verwaltung schlägt eine moderate Anpassung der Beiträge ab dem 01.08.{nextYear} vor. Die Beiträge für Geschwisterkinder bleiben unverändert.',
    ],
    reasons: ['Die Elternvertretungen der Einrichtungen wurden angehört; ihre Stellungnahmen sind der Vorlage beigefügt.'],
    finance: 'income',
    proposal: 'beschließt die {n}. Satzung zur Änderung der Satzung über die Erhebung von Kostenbeiträgen für die Inanspruchnahme von Kindertageseinrichtungen.',
    annexes: ['satzung', 'synopse'],
  },
  {
    key: 'kita-bedarf', area: 'bks', type: 'Informationsvorlage', public: true, route: [], oncePerYear: true, weight: 2,
    name: 'Bedarfsplanung Kindertagesbetreuung {year}/{nextYear}',
    facts: [
      'In den sieben Kindertageseinrichtungen der Stadt werden derzeit {count}0 Kinder betreut. Aufgrund rückläufiger Geburtenzahlen sinkt der Bedarf an Krippenplätzen, während der Bedarf an Hortplätzen weiter steigt.',
      'Die Verwaltung empfiehlt, die Kapazität der {kita} ab dem kommenden Kitajahr anzupassen und frei werdende Räume für Hortgruppen zu nutzen.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'vereinsfoerderung', area: 'bks', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], amount: [30000, 90000],
    name: 'Neufassung der Richtlinie zur Förderung von Vereinen und Ehrenamt',
    facts: [
      'Die Vereinsförderrichtlinie wurde im Jahr 2014 beschlossen. Die Vereine haben mehrfach auf den hohen Verwaltungsaufwand bei der Antragstellung hingewiesen.',
      'Die Neufassung sieht eine vereinfachte Pauschalförderung für Kinder- und Jugendarbeit sowie ein Online-Antragsverfahren vor. Das jährliche Fördervolumen beträgt {amount}.',
    ],
    finance: 'followup',
    proposal: 'beschließt die Neufassung der Richtlinie zur Förderung von Vereinen und Ehrenamt in der Stadt Musterstadt mit Wirkung zum 01.01.{nextYear}.',
    annexes: ['satzung'],
  },
  {
    key: 'stadtfest', area: 'bks', type: 'Informationsvorlage', public: true, route: [], months: [2, 3, 4, 5], oncePerYear: true,
    name: 'Kulturprogramm und Stadtfest {year}',
    facts: [
      'Das Stadtfest findet vom {festDates} auf dem Markt und im Stadtpark statt. Erstmals wird ein Familienbereich mit Angeboten der Vereine eingerichtet.',
      'Das Kulturprogramm umfasst außerdem Sommerkino im Schloßhof, die Museumsnacht und den Weihnachtsmarkt. Das Budget beträgt unverändert 85.000 €.',
    ],
  },
  {
    key: 'bibliothek', area: 'bks', type: 'Informationsvorlage', public: true, route: [], oncePerYear: true,
    name: 'Jahresbericht der Stadtbibliothek {prevYear}',
    facts: [
      'Die Stadtbibliothek verzeichnete im Jahr {prevYear} rund {count}.000 Ausleihen und damit etwa 8 % mehr als im Vorjahr. Besonders nachgefragt sind die digitalen Angebote der Onleihe.',
      'Mit der Veranstaltungsreihe „Lesesommer“ wurden über 300 Kinder und Jugendliche erreicht.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'seniorenkonzept', area: 'bks', type: 'Beschlussvorlage', public: true, route: ['rat'],
    name: 'Seniorenpolitisches Konzept der Stadt Musterstadt',
    facts: [
      'Rund 31 % der Einwohnerinnen und Einwohner sind älter als 65 Jahre. Das Konzept wurde gemeinsam mit dem Seniorenbeirat, den Wohlfahrtsverbänden und der Wohnungsbaugesellschaft erarbeitet.',
      'Schwerpunkte sind barrierefreie Wege, Begegnungsangebote in den Ortschaften und die Unterstützung pflegender Angehöriger.',
    ],
    finance: 'followup', amount: [10000, 40000],
    proposal: 'beschließt das Seniorenpolitische Konzept als Handlungsgrundlage für Verwaltung und Stadtrat.',
    annexes: ['konzept'],
  },
  {
    key: 'entgeltordnung', area: 'bks', type: 'Beschlussvorlage', public: true, route: ['haupt'],
    name: 'Entgeltordnung für die Nutzung städtischer Räume und Sportstätten',
    facts: [
      'Die Nutzungsentgelte für das Bürgerhaus, die Sporthallen und die Dorfgemeinschaftshäuser decken weniger als 20 % der Betriebskosten. Die Entgelte wurden seit 2012 nicht angepasst.',
      'Gemeinnützige Vereine sollen für den Übungsbetrieb von Kindern und Jugendlichen weiterhin kein Entgelt zahlen.',
    ],
    finance: 'income', amount: [8000, 25000],
    proposal: 'beschließt die Entgeltordnung für die Nutzung städtischer Räume und Sportstätten.',
    annexes: ['satzung'],
  },
  {
    key: 'ehrenamtspreis', area: 'bks', type: 'Beschlussvorlage', public: true, route: [],
    name: 'Verleihung des Ehrenamtspreises der Stadt Musterstadt {year}',
    facts: [
      'Für den Ehrenamtspreis {year} gingen {count} Vorschläge ein. Die Jury aus Vertretern der Fraktionen und der Vereine hat drei Preisträger ausgewählt.',
      'Die Preisverleihung findet im Rahmen des Neujahrsempfangs statt.',
    ],
    finance: 'budget', amount: [1500, 3000],
    proposal: 'beschließt die Verleihung des Ehrenamtspreises {year} entsprechend dem Vorschlag der Jury.',
  },
  {
    key: 'bks-vergabe', area: 'bks', type: 'Beschlussvorlage', public: false, route: [], weight: 2, amount: [60000, 320000],
    name: 'Vergabe der Mittagsversorgung in den Kindertageseinrichtungen und Grundschulen ab {nextYear}',
    facts: [
      'Der Vertrag über die Mittagsversorgung läuft zum Ende des Schuljahres aus. Die Leistung wurde öffentlich ausgeschrieben; es gingen {bidders} Angebote ein.',
      'Neben dem Preis wurden Qualität, Regionalität und Bio-Anteil mit insgesamt 40 % gewichtet. Das wirtschaftlichste Angebot hat die Firma {company} abgegeben.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Vergabe der Mittagsversorgung an die Firma {company} mit einem jährlichen Auftragswert von {amount}.',
    annexes: ['preisspiegel'],
  },

  // --- Ordnung und Umwelt ---
  {
    key: 'feuerwehrbedarf', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, weight: 3,
    name: 'Fortschreibung des Risikoanalyse- und Bedarfsplans der Feuerwehr der Stadt Musterstadt {year}',
    facts: [
      'Nach dem Brandschutz- und Hilfeleistungsgesetz des Landes Sachsen-Anhalt hat die Stadt eine den örtlichen Verhältnissen entsprechende Feuerwehr aufzustellen. Grundlage ist der Risikoanalyse- und Bedarfsplan, der regelmäßig fortzuschreiben ist.',
      'Die Analyse zeigt, dass die Hilfsfrist von 12 Minuten tagsüber in den Ortschaften nicht durchgängig eingehalten wird. Ursache ist die geringe Tagesverfügbarkeit der ehrenamtlichen Einsatzkräfte.',
      'Die Fortschreibung sieht die Ersatzbeschaffung von zwei Fahrzeugen, den Neubau des Gerätehauses in Musterdorf und Maßnahmen zur Mitgliedergewinnung vor.',
    ],
    finance: 'followup', amount: [150000, 600000],
    proposal: 'beschließt die Fortschreibung des Risikoanalyse- und Bedarfsplans der Feuerwehr der Stadt Musterstadt.',
    annexes: ['konzept', 'stellungnahme-ffw'],
  },
  {
    key: 'ffw-fahrzeug', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['haupt'], weight: 2, amount: [180000, 520000],
    name: 'Beschaffung eines {vehicle} für die Ortsfeuerwehr {ffw}',
    facts: [
      'Das vorhandene Fahrzeug der Ortsfeuerwehr {ffw} ist 31 Jahre alt. Die Hauptuntersuchung wurde nur noch mit erheblichen Mängeln bestanden; Ersatzteile sind kaum noch erhältlich.',
      'Die Ersatzbeschaffung ist im Risikoanalyse- und Bedarfsplan vorgesehen. Der Förderantrag beim Land wurde fristgerecht gestellt.',
    ],
    finance: 'funding',
    proposal: 'beschließt die Beschaffung eines {vehicle} für die Ortsfeuerwehr {ffw} mit voraussichtlichen Kosten in Höhe von {amount}.',
    annexes: ['stellungnahme-ffw'],
  },
  {
    key: 'ortswehrleiter', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['rat'],
    name: 'Berufung des Ortswehrleiters und seines Stellvertreters der Ortsfeuerwehr {ffw}',
    facts: [
      'Die Mitgliederversammlung der Ortsfeuerwehr {ffw} hat am {meetingDate} einen Vorschlag für die Besetzung der Funktionen des Ortswehrleiters und seines Stellvertreters gewählt.',
      'Die vorgeschlagenen Kameraden erfüllen die erforderlichen Ausbildungsvoraussetzungen. Die Berufung erfolgt für die Dauer von sechs Jahren als Ehrenbeamte.',
    ],
    finance: 'none',
    proposal: 'beruft die vorgeschlagenen Kameraden zum Ortswehrleiter und zum stellvertretenden Ortswehrleiter der Ortsfeuerwehr {ffw}.',
  },
  {
    key: 'gefahrenabwehr', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true,
    name: 'Gefahrenabwehrverordnung der Stadt Musterstadt – Neufassung',
    facts: [
      'Die Gefahrenabwehrverordnung zum Schutz der öffentlichen Sicherheit und Ordnung tritt nach 20 Jahren außer Kraft und ist daher neu zu erlassen.',
      'Neu aufgenommen werden Regelungen zur Leinenpflicht im Stadtpark und zum Umgang mit Grillfeuern in öffentlichen Grünanlagen.',
    ],
    finance: 'none',
    proposal: 'beschließt die Gefahrenabwehrverordnung der Stadt Musterstadt in der vorliegenden Fassung.',
    annexes: ['satzung', 'synopse'],
  },
  {
    key: 'friedhof', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, amount: [20000, 70000],
    name: 'Friedhofsgebührensatzung – Neukalkulation der Gebühren',
    facts: [
      'Die Friedhofsgebühren sind kostendeckend zu kalkulieren. Die Nachkalkulation für den abgelaufenen Zeitraum ergab eine Unterdeckung von {amount}.',
      'Die Nachfrage nach Urnengemeinschaftsanlagen und Baumbestattungen steigt deutlich. Hierfür werden neue Gebührentatbestände geschaffen.',
    ],
    finance: 'income',
    proposal: 'beschließt die Satzung über die Erhebung von Gebühren für die Friedhöfe der Stadt Musterstadt.',
    annexes: ['satzung', 'bericht'],
  },
  {
    key: 'klimaschutz', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], oncePerYear: true, amount: [40000, 160000],
    name: 'Klimaschutzkonzept der Stadt Musterstadt – Maßnahmenplan {nextYear}',
    facts: [
      'Die Stadt hat im Jahr 2023 ein integriertes Klimaschutzkonzept beschlossen. Der Maßnahmenplan konkretisiert die Umsetzung für das kommende Jahr.',
      'Vorgesehen sind unter anderem Photovoltaikanlagen auf dem Dach der Sporthalle Schulstraße, ein Hitzeaktionsplan und die Umstellung des Fuhrparks des Bauhofs auf Elektrofahrzeuge.',
    ],
    finance: 'funding',
    proposal: 'beschließt den Maßnahmenplan {nextYear} zur Umsetzung des Klimaschutzkonzepts.',
    annexes: ['konzept'],
  },
  {
    key: 'baumschutz', area: 'ordnung', type: 'Beschlussvorlage', public: true, route: ['rat'],
    name: 'Satzung zum Schutz des Baumbestandes (Baumschutzsatzung) – Neufassung',
    facts: [
      'In den vergangenen Dürresommern sind zahlreiche Straßenbäume abgestorben. Die Neufassung der Baumschutzsatzung regelt Ersatzpflanzungen verbindlicher.',
      'Obstbäume in Hausgärten sind weiterhin vom Schutz ausgenommen.',
    ],
    finance: 'none',
    proposal: 'beschließt die Neufassung der Satzung zum Schutz des Baumbestandes in der Stadt Musterstadt.',
    annexes: ['satzung'],
  },
  {
    key: 'hochwasser', area: 'ordnung', type: 'Informationsvorlage', public: true, route: [],
    name: 'Sachstand Hochwasserschutz am Mühlgraben',
    facts: [
      'Nach dem Hochwasser im Winter hat der Landesbetrieb für Hochwasserschutz und Wasserwirtschaft die Deichanlagen am Mühlgraben begutachtet. Der Abschnitt zwischen der {street} und der Kläranlage muss ertüchtigt werden.',
      'Die Stadt hat Sandsackreserven aufgestockt und den Alarm- und Einsatzplan Hochwasser überarbeitet.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'tempo30', area: 'ordnung', type: 'Informationsvorlage', public: true, route: [],
    name: 'Ergebnis der Verkehrszählung und Geschwindigkeitsmessungen in der {street}',
    facts: [
      'Auf Wunsch der Anwohnerinnen und Anwohner hat die Stadt in der {street} über zwei Wochen eine Seitenradarmessung durchgeführt. Gemessen wurden durchschnittlich {count}00 Fahrzeuge am Tag.',
      'Rund 23 % der Fahrzeuge überschritten die zulässige Höchstgeschwindigkeit. Die Straßenverkehrsbehörde des Landkreises prüft die Anordnung von Tempo 30 vor der {school}.',
    ],
  },
  {
    key: 'ordnung-vergabe', area: 'ordnung', type: 'Beschlussvorlage', public: false, route: [], weight: 3, amount: [45000, 410000],
    name: 'Vergabe der Lieferung eines {vehicle} für die Ortsfeuerwehr {ffw}',
    facts: [
      'Die Lieferung des Fahrgestells und des feuerwehrtechnischen Aufbaus wurde im offenen Verfahren ausgeschrieben. Es gingen {bidders} Angebote ein.',
      'Das wirtschaftlichste Angebot hat die Firma {company} zum Bruttopreis von {amount} abgegeben.',
    ],
    finance: 'funding',
    proposal: 'beschließt die Vergabe der Lieferung eines {vehicle} an die Firma {company} zum Bruttopreis von {amount}.',
    annexes: ['preisspiegel'],
  },
  {
    key: 'winterdienst', area: 'ordnung', type: 'Beschlussvorlage', public: false, route: [], months: [6, 7, 8, 9], amount: [40000, 150000],
    name: 'Vergabe des Winterdienstes auf Gemeindestraßen {year}/{nextYear}',
    facts: [
      'Der Winterdienst auf den Gemeindestraßen der Ortschaften wird seit Jahren durch Dritte erbracht. Die Leistung wurde für zwei Winterperioden ausgeschrieben; es gingen {bidders} Angebote ein.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Vergabe des Winterdienstes an die Firma {company} mit einem Auftragswert von {amount} je Winterperiode.',
    annexes: ['preisspiegel'],
  },

  // --- Hauptausschuss ---
  {
    key: 'hauptsatzung', area: 'haupt', type: 'Beschlussvorlage', public: true, route: ['rat'], oncePerYear: true,
    name: '{n}. Satzung zur Änderung der Hauptsatzung der Stadt Musterstadt',
    facts: [
      'Mit der Änderung des Kommunalverfassungsgesetzes sind mehrere Regelungen der Hauptsatzung anzupassen. Unter anderem werden die Wertgrenzen für die Zuständigkeit des Bürgermeisters und der Ausschüsse an die Preisentwicklung angepasst.',
      'Zudem soll die öffentliche Bekanntmachung künftig im Internet erfolgen.',
    ],
    finance: 'none',
    proposal: 'beschließt die {n}. Satzung zur Änderung der Hauptsatzung der Stadt Musterstadt. Die Änderung bedarf der Mehrheit der Mitglieder des Stadtrates.',
    annexes: ['satzung', 'synopse'],
  },
  {
    key: 'geschaeftsordnung', area: 'haupt', type: 'Beschlussvorlage', public: true, route: ['rat'], oncePerYear: true,
    name: 'Änderung der Geschäftsordnung für den Stadtrat und seine Ausschüsse',
    facts: [
      'Mit der Einführung des digitalen Sitzungsdienstes sollen Einladungen und Sitzungsunterlagen künftig ausschließlich elektronisch über das Ratsinformationssystem zugestellt werden.',
      'Die Ladungsfrist bleibt unverändert bei sieben Tagen; in dringenden Fällen kann sie auf drei Tage verkürzt werden.',
    ],
    finance: 'none',
    proposal: 'beschließt die Änderung der Geschäftsordnung für den Stadtrat der Stadt Musterstadt und seine Ausschüsse.',
    annexes: ['synopse'],
  },
  {
    key: 'entschaedigung', area: 'haupt', type: 'Beschlussvorlage', public: true, route: ['rat'], oncePerYear: true, amount: [10000, 30000],
    name: 'Satzung über die Entschädigung der ehrenamtlich tätigen Stadträte und Ortschaftsräte – Änderung',
    facts: [
      'Die Aufwandsentschädigung für Mitglieder des Stadtrates beträgt derzeit 120,00 € monatlich, das Sitzungsgeld 21,00 € je Sitzung. Die Sätze wurden seit Beginn der vorletzten Wahlperiode nicht angepasst.',
      'Vorgeschlagen wird eine Anpassung innerhalb des Rahmens der Kommunal-Entschädigungsverordnung des Landes.',
    ],
    finance: 'followup',
    proposal: 'beschließt die Satzung zur Änderung der Entschädigungssatzung der Stadt Musterstadt.',
    annexes: ['satzung'],
  },
  {
    key: 'digitalisierung', area: 'haupt', type: 'Informationsvorlage', public: true, route: ['rat'],
    name: 'Sachstand Digitalisierung der Verwaltung und Umsetzung des Onlinezugangsgesetzes',
    facts: [
      'Inzwischen können {count} Verwaltungsleistungen vollständig online beantragt werden, darunter Wohnsitzanmeldung, Gewerbeanmeldung und Kita-Anmeldung.',
      'Im Bürgerbüro wurde eine Online-Terminvergabe eingeführt; die durchschnittliche Wartezeit sank auf unter zehn Minuten.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'zweckverband', area: 'haupt', type: 'Beschlussvorlage', public: true, route: ['rat'],
    name: 'Benennung eines Vertreters der Stadt in der Verbandsversammlung des Abwasserzweckverbandes',
    facts: [
      'Ein Vertreter der Stadt in der Verbandsversammlung hat sein Mandat niedergelegt. Die Stadt hat für die restliche Amtszeit einen Nachfolger zu benennen.',
    ],
    finance: 'none',
    proposal: 'benennt {councillorTitle} {councillor} als Vertreter der Stadt Musterstadt in der Verbandsversammlung des Abwasserzweckverbandes.',
  },
  {
    key: 'eilentscheidung', area: 'haupt', type: 'Mitteilung', public: true, route: ['rat'], weight: 2,
    name: 'Information über Eilentscheidungen des Bürgermeisters',
    facts: [
      'Der Bürgermeister hat in einer dringenden Angelegenheit, deren Erledigung nicht bis zur nächsten Sitzung aufgeschoben werden konnte, anstelle des zuständigen Gremiums entschieden.',
      'Betroffen war die Beauftragung der Notsicherung des Daches der Sporthalle Schulstraße nach einem Sturmschaden mit einem Auftragswert von {amount}.',
    ],
    amount: [18000, 60000],
  },
  {
    key: 'beschlusskontrolle', area: 'haupt', type: 'Mitteilung', public: true, route: [], weight: 2,
    name: 'Bericht zum Stand der Umsetzung von Beschlüssen (Beschlusskontrolle)',
    facts: [
      'Die Verwaltung berichtet halbjährlich über den Stand der Umsetzung der Beschlüsse des Stadtrates und seiner Ausschüsse. Von den {count}0 erfassten Beschlüssen der Wahlperiode sind 78 % vollständig umgesetzt.',
      'Verzögerungen gibt es bei Baumaßnahmen, für die noch keine Förderbescheide vorliegen.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'personal', area: 'haupt', type: 'Beschlussvorlage', public: false, route: [], weight: 4,
    name: 'Personalangelegenheit: Besetzung der Stelle {position} ({payGrade})',
    facts: [
      'Die Stelle {position} war intern und extern ausgeschrieben. Es gingen {count} Bewerbungen ein; sechs Bewerberinnen und Bewerber wurden zu Vorstellungsgesprächen eingeladen.',
      'Die Auswahlkommission unter Beteiligung des Personalrates und der Gleichstellungsbeauftragten empfiehlt die Einstellung der in der Anlage genannten Bewerberin.',
    ],
    finance: 'none',
    proposal: 'stimmt der Einstellung der in der Anlage genannten Bewerberin auf der Stelle {position} ({payGrade}) zu.',
    annexes: ['stellenbeschreibung'],
  },
  {
    key: 'hoehergruppierung', area: 'haupt', type: 'Beschlussvorlage', public: false, route: [],
    name: 'Personalangelegenheit: Übertragung einer höherwertigen Tätigkeit',
    facts: [
      'Einer Beschäftigten des Amtes für Finanzen soll dauerhaft die stellvertretende Leitung des Sachgebietes Steuern übertragen werden. Die Stellenbewertung ergab eine Eingruppierung in EG 9c TVöD.',
    ],
    finance: 'none',
    proposal: 'stimmt der dauerhaften Übertragung der höherwertigen Tätigkeit und der Höhergruppierung in EG 9c TVöD zu.',
  },
  {
    key: 'grundstueck-verkauf', area: 'haupt', type: 'Beschlussvorlage', public: false, route: ['rat'], weight: 3, amount: [35000, 420000],
    name: 'Grundstücksangelegenheit: Verkauf des Flurstücks {flurstueck} der Flur {flur}, Gemarkung {gemarkung}',
    facts: [
      'Die Stadt ist Eigentümerin des unbebauten Flurstücks {flurstueck} der Flur {flur}, Gemarkung {gemarkung}, mit einer Größe von {sqm} m². Das Grundstück wird für städtische Zwecke nicht benötigt.',
      'Nach öffentlicher Ausschreibung liegt das höchste Gebot bei {amount}. Das Gebot liegt über dem gutachterlich ermittelten Verkehrswert.',
    ],
    finance: 'income',
    proposal: 'beschließt den Verkauf des Flurstücks {flurstueck} der Flur {flur}, Gemarkung {gemarkung}, an den Höchstbietenden zum Kaufpreis von {amount}.',
    annexes: ['lageplan', 'vertrag'],
  },
  {
    key: 'vorkaufsrecht', area: 'haupt', type: 'Beschlussvorlage', public: false, route: [], amount: [20000, 160000],
    name: 'Grundstücksangelegenheit: Ausübung des Vorkaufsrechts für ein Grundstück in der {street}',
    facts: [
      'Der Stadt wurde ein Kaufvertrag über ein Grundstück im Sanierungsgebiet „Historische Altstadt“ angezeigt. Der Stadt steht ein gesetzliches Vorkaufsrecht nach dem Baugesetzbuch zu.',
      'Das Grundstück grenzt an den geplanten Erweiterungsbereich des Stadtparks. Die Ausübung des Vorkaufsrechts ist durch das Wohl der Allgemeinheit gerechtfertigt.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Ausübung des Vorkaufsrechts für das Grundstück in der {street} zum vereinbarten Kaufpreis von {amount}.',
    annexes: ['lageplan'],
  },
  {
    key: 'rechtsstreit', area: 'haupt', type: 'Beschlussvorlage', public: false, route: [], amount: [15000, 120000],
    name: 'Abschluss eines Vergleichs in einem Rechtsstreit über Werklohnforderungen',
    facts: [
      'Ein Auftragnehmer der Stadt klagt vor dem Landgericht auf Zahlung restlichen Werklohns. Das Gericht hat einen Vergleich vorgeschlagen, nach dem die Stadt einen Betrag von {amount} zahlt.',
      'Die beauftragte Rechtsanwaltskanzlei empfiehlt die Annahme des Vergleichs, da das Prozessrisiko als hoch eingeschätzt wird.',
    ],
    finance: 'unplanned',
    proposal: 'stimmt dem Abschluss des gerichtlichen Vergleichs zu.',
  },

  // --- Stadtrat (directly on the council's agenda) ---
  {
    key: 'sitzungsplan', area: 'rat', type: 'Mitteilung', public: true, route: [], months: [10, 11, 12], oncePerYear: true, weight: 20,
    name: 'Sitzungsplan des Stadtrates und seiner Ausschüsse für das Jahr {nextYear}',
    facts: [
      'Die Verwaltung legt den Sitzungsplan für das Jahr {nextYear} vor. Die Sitzungen des Stadtrates finden in der Regel am vierten Donnerstag eines Monats statt; im August ist sitzungsfrei.',
      'Die Termine werden im Ratsinformationssystem veröffentlicht und können als Kalenderdatei abonniert werden.',
    ],
  },
  {
    key: 'haushalt-einbringung', area: 'rat', type: 'Informationsvorlage', public: true, route: [], months: [9, 10], oncePerYear: true, weight: 30, amount: [28000000, 36000000],
    name: 'Einbringung des Entwurfs der Haushaltssatzung {nextYear}',
    facts: [
      'Der Bürgermeister bringt den Entwurf der Haushaltssatzung und des Haushaltsplans {nextYear} in den Stadtrat ein. Der Entwurf sieht ordentliche Erträge von {amount} vor.',
      'Die Beratung erfolgt in den Fachausschüssen, im Finanzausschuss und im Hauptausschuss. Der Beschluss ist für die Dezembersitzung vorgesehen.',
    ],
    annexes: ['haushaltsplan'],
  },
  {
    key: 'kommunalaufsicht', area: 'rat', type: 'Mitteilung', public: true, route: [], months: [2, 3, 4], oncePerYear: true, weight: 10,
    name: 'Genehmigung der Haushaltssatzung {year} durch die Kommunalaufsicht',
    facts: [
      'Die Kommunalaufsicht des Landkreises hat die Haushaltssatzung {year} genehmigt. Genehmigungspflichtige Teile waren nicht enthalten.',
      'Die Haushaltssatzung wurde öffentlich bekannt gemacht und ist damit in Kraft getreten.',
    ],
  },
  {
    key: 'schiedsperson', area: 'rat', type: 'Beschlussvorlage', public: true, route: [],
    name: 'Wahl einer Schiedsperson für die Schiedsstelle der Stadt Musterstadt',
    facts: [
      'Die Amtszeit der bisherigen Schiedsperson endet. Auf die öffentliche Ausschreibung gingen {bidders} Bewerbungen ein.',
      'Nach der Wahl bedarf es der Bestätigung durch den Direktor des Amtsgerichts.',
    ],
    finance: 'none',
    proposal: 'wählt die in der Anlage genannte Bewerberin für die Dauer von fünf Jahren zur Schiedsperson der Stadt Musterstadt.',
  },
  {
    key: 'rat-grundstueck', area: 'rat', type: 'Beschlussvorlage', public: false, route: [], amount: [120000, 900000],
    name: 'Grundstücksangelegenheit: Abschluss eines städtebaulichen Vertrages für das Quartier Alte Zuckerfabrik',
    facts: [
      'Der Vorhabenträger beabsichtigt, auf dem Gelände der Alten Zuckerfabrik rund 80 Wohneinheiten zu errichten. Der städtebauliche Vertrag regelt die Übernahme der Erschließungskosten und einen Anteil geförderten Wohnraums.',
    ],
    finance: 'income',
    proposal: 'stimmt dem Abschluss des städtebaulichen Vertrages mit dem Vorhabenträger zu.',
    annexes: ['vertrag'],
  },

  // --- Ortschaftsrat ---
  {
    key: 'or-budget', area: 'ortschaft', type: 'Beschlussvorlage', public: true, route: [], weight: 3, amount: [3000, 12000],
    name: 'Verwendung der Mittel des Ortschaftsbudgets {year} für {ortschaft}',
    facts: [
      'Nach der Hauptsatzung stehen dem Ortschaftsrat {ortschaft} im Jahr {year} Mittel in Höhe von {amount} zur eigenen Bewirtschaftung zur Verfügung.',
      'Vorgeschlagen wird die Förderung des Dorffestes, die Anschaffung neuer Tische für das Dorfgemeinschaftshaus und ein Zuschuss für die Jugendfeuerwehr.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Verwendung der Mittel des Ortschaftsbudgets {year} entsprechend der Anlage.',
  },
  {
    key: 'or-strassen', area: 'ortschaft', type: 'Beschlussvorlage', public: true, route: [],
    name: 'Prioritätenliste für die Straßenunterhaltung in {ortschaft} {nextYear}',
    facts: [
      'Der Bauhof hat die Gemeindestraßen in {ortschaft} begangen und die Schäden erfasst. Die Prioritätenliste berücksichtigt Verkehrsbedeutung, Schadensbild und Schulwege.',
    ],
    finance: 'none',
    proposal: 'beschließt die Prioritätenliste für die Straßenunterhaltung in {ortschaft} für das Jahr {nextYear}.',
    annexes: ['lageplan'],
  },
  {
    key: 'or-anhoerung-bplan', area: 'ortschaft', type: 'Beschlussvorlage', public: true, route: ['bau', 'haupt', 'rat'], weight: 2, department: 'bau', oncePerYear: true, amount: [8000, 30000],
    name: 'Bebauungsplan Nr. {bplanNo} „{villageArea}“ in {ortschaft} – Aufstellungsbeschluss',
    facts: [
      'Im Ortskern von {ortschaft} besteht Nachfrage nach Bauplätzen für Einfamilienhäuser. Die Fläche „{villageArea}“ ist über die Ortsstraße bereits teilweise erschlossen.',
      'Der Ortschaftsrat ist vor der Beschlussfassung des Stadtrates anzuhören.',
    ],
    finance: 'budget',
    proposal: 'beschließt die Aufstellung des Bebauungsplans Nr. {bplanNo} „{villageArea}“ in der Ortschaft {ortschaft}.',
    annexes: ['lageplan'],
  },
  {
    key: 'or-anhoerung-haushalt', area: 'ortschaft', type: 'Informationsvorlage', public: true, route: [], months: [9, 10, 11], oncePerYear: true, weight: 20,
    name: 'Anhörung des Ortschaftsrates {ortschaft} zum Entwurf des Haushaltsplans {nextYear}',
    facts: [
      'Der Ortschaftsrat ist zu den Ansätzen des Haushaltsplans, die die Ortschaft betreffen, anzuhören. Für {ortschaft} sind die Sanierung des Dorfgemeinschaftshauses und Mittel für die Ortsfeuerwehr vorgesehen.',
    ],
    annexes: ['haushaltsplan'],
  },
  {
    key: 'or-dorffest', area: 'ortschaft', type: 'Mitteilung', public: true, route: [], months: [3, 4, 5, 6], oncePerYear: true, weight: 4,
    name: 'Vorbereitung des Dorffestes {year} in {ortschaft}',
    facts: [
      'Das Dorffest findet vom {festDates} auf dem Festplatz statt. Die Vereine und die Ortsfeuerwehr beteiligen sich mit eigenen Ständen.',
    ],
  },
  {
    key: 'or-dgh', area: 'ortschaft', type: 'Informationsvorlage', public: true, route: [],
    name: 'Sachstand Sanierung des Dorfgemeinschaftshauses {ortschaft}',
    facts: [
      'Die Dacharbeiten am Dorfgemeinschaftshaus sind abgeschlossen. Die Erneuerung der Heizungsanlage erfolgt bis zum Beginn der Heizperiode.',
      'Während der Bauarbeiten finden die Sitzungen des Ortschaftsrates im Gerätehaus der Ortsfeuerwehr statt.',
    ],
  },
  {
    key: 'or-grundstueck', area: 'ortschaft', type: 'Beschlussvorlage', public: false, route: ['haupt'], amount: [6000, 40000],
    name: 'Grundstücksangelegenheit in der Gemarkung {ortschaft} – Anhörung des Ortschaftsrates',
    facts: [
      'Ein Landwirtschaftsbetrieb hat den Erwerb einer städtischen Ackerfläche von {sqm} m² in der Gemarkung {ortschaft} beantragt. Die Fläche ist derzeit an den Betrieb verpachtet.',
    ],
    finance: 'income',
    proposal: 'stimmt dem Verkauf der Ackerfläche in der Gemarkung {ortschaft} zum Verkehrswert von {amount} zu.',
    annexes: ['lageplan'],
  },

  // --- Wirtschaft (extra committee at larger scales) ---
  {
    key: 'wirtschaft-tourismus', area: 'wirtschaft', type: 'Informationsvorlage', public: true, route: [],
    name: 'Tourismusbilanz {prevYear} und Marketingplanung {year}',
    facts: [
      'Die Zahl der Übernachtungen in Musterstadt stieg im Jahr {prevYear} um 6 % auf rund {count}.000. Wichtigste Anziehungspunkte sind der Radweg an der Saale und das Schloss.',
      'Für {year} ist eine gemeinsame Kampagne mit dem Tourismusverband der Region geplant.',
    ],
    annexes: ['bericht'],
  },
  {
    key: 'wirtschaft-gewerbegebiet', area: 'wirtschaft', type: 'Beschlussvorlage', public: true, route: ['haupt', 'rat'], amount: [300000, 1400000],
    name: 'Erschließung des 2. Bauabschnitts im Gewerbegebiet Nord',
    facts: [
      'Im Gewerbegebiet Nord sind alle Flächen des ersten Bauabschnitts vermarktet. Für weitere Ansiedlungen liegen {count} Anfragen vor.',
      'Die Erschließung des zweiten Bauabschnitts soll mit Mitteln der GRW-Infrastrukturförderung erfolgen.',
    ],
    finance: 'funding',
    proposal: 'beschließt die Erschließung des 2. Bauabschnitts im Gewerbegebiet Nord vorbehaltlich der Förderung.',
    annexes: ['lageplan', 'kostenschaetzung'],
  },
  {
    key: 'wirtschaft-innenstadt', area: 'wirtschaft', type: 'Beschlussvorlage', public: true, route: [], amount: [20000, 80000],
    name: 'Förderprogramm zur Belebung leerstehender Ladenlokale in der Innenstadt',
    facts: [
      'In der Innenstadt stehen derzeit {count} Ladenlokale leer. Mit einem Mietzuschuss für Gründerinnen und Gründer sollen neue Nutzungen angeregt werden.',
    ],
    finance: 'budget',
    proposal: 'beschließt das Förderprogramm zur Belebung leerstehender Ladenlokale mit einem Volumen von {amount}.',
    annexes: ['konzept'],
  },
  {
    key: 'wirtschaft-vergabe', area: 'wirtschaft', type: 'Beschlussvorlage', public: false, route: [], amount: [30000, 140000],
    name: 'Vergabe der Erstellung eines Einzelhandels- und Zentrenkonzepts',
    facts: ['Die Leistung wurde beschränkt ausgeschrieben; es gingen {bidders} Angebote ein. Das wirtschaftlichste Angebot hat die Firma {company} abgegeben.'],
    finance: 'budget',
    proposal: 'beschließt die Vergabe an die Firma {company} zum Angebotspreis von {amount}.',
    annexes: ['preisspiegel'],
  },

  // --- Rechnungsprüfung ---
  {
    key: 'rpa-bericht', area: 'rpa', type: 'Informationsvorlage', public: true, route: [],
    name: 'Bericht über die unvermutete Prüfung der Stadtkasse',
    facts: ['Das Rechnungsprüfungsamt hat die Stadtkasse unvermutet geprüft. Der Kassenbestand stimmte mit dem Sollbestand überein; Beanstandungen ergaben sich nicht.'],
    annexes: ['bericht'],
  },
  {
    key: 'rpa-abschluss', area: 'rpa', type: 'Beschlussvorlage', public: true, route: ['rat'], oncePerYear: true, amount: [150000, 900000],
    name: 'Schlussbericht über die Prüfung des Jahresabschlusses {prevYear2}',
    facts: ['Der Rechnungsprüfungsausschuss hat den Schlussbericht über die Prüfung des Jahresabschlusses {prevYear2} beraten. Das Jahresergebnis beträgt {amount}.'],
    finance: 'none',
    proposal: 'nimmt den Schlussbericht zur Kenntnis und empfiehlt die Feststellung des Jahresabschlusses {prevYear2}.',
    annexes: ['bericht'],
  },
  {
    key: 'rpa-vergabepruefung', area: 'rpa', type: 'Informationsvorlage', public: false, route: [],
    name: 'Prüfbericht über Vergaben im Bereich Hochbau',
    facts: ['Das Rechnungsprüfungsamt hat stichprobenhaft {count} Vergabeverfahren geprüft. In zwei Fällen war die Dokumentation der Wertung unvollständig.'],
    annexes: ['bericht'],
  },

  // --- Eigenbetrieb Abwasser ---
  {
    key: 'abwasser-wirtschaftsplan', area: 'abwasser', type: 'Beschlussvorlage', public: true, route: ['rat'], months: [10, 11, 12], oncePerYear: true, weight: 10, amount: [2800000, 4600000],
    name: 'Wirtschaftsplan {nextYear} des Eigenbetriebes Abwasser Musterstadt',
    facts: ['Der Wirtschaftsplan sieht Umsatzerlöse von {amount} vor. Schwerpunkt der Investitionen ist die Sanierung des Hauptsammlers in der {street}.'],
    finance: 'none',
    proposal: 'beschließt den Wirtschaftsplan {nextYear} des Eigenbetriebes Abwasser Musterstadt.',
    annexes: ['haushaltsplan'],
  },
  {
    key: 'abwasser-gebuehren', area: 'abwasser', type: 'Beschlussvorlage', public: true, route: ['rat'], oncePerYear: true, amount: [40000, 180000],
    name: 'Gebührenkalkulation Schmutzwasser {nextYear}–{nextYear2} und Änderung der Abwassergebührensatzung',
    facts: ['Die Gebühren für die Schmutzwasserbeseitigung sind für den Kalkulationszeitraum neu zu bemessen. Die Überdeckung aus dem Vorzeitraum von {amount} wird gebührenmindernd berücksichtigt.'],
    finance: 'income',
    proposal: 'beschließt die Gebührenkalkulation und die Satzung zur Änderung der Abwassergebührensatzung.',
    annexes: ['satzung', 'bericht'],
  },
  {
    key: 'abwasser-vergabe', area: 'abwasser', type: 'Beschlussvorlage', public: false, route: [], amount: [120000, 700000],
    name: 'Vergabe der Kanalsanierung im Inliner-Verfahren, {street}',
    facts: ['Die Leistung wurde öffentlich ausgeschrieben; es gingen {bidders} Angebote ein. Das wirtschaftlichste Angebot hat die Firma {company} abgegeben.'],
    finance: 'budget',
    proposal: 'beschließt die Vergabe der Kanalsanierung an die Firma {company} zum Bruttoangebotspreis von {amount}.',
    annexes: ['preisspiegel'],
  },
]

// ---------------------------------------------------------------------------------------------
// Motions (Anträge) and questions (Anfragen) of the factions, per subject area
// ---------------------------------------------------------------------------------------------

export const MOTIONS: Partial<Record<Area, MotionTopic[]>> = {
  bau: [
    { title: 'Aufnahme der {street} in das Straßenausbauprogramm', motion: 'beauftragt den Bürgermeister, die {street} in das Straßenausbauprogramm aufzunehmen und die Planung bis zum {deadline} zu beginnen.', reasons: ['Die {street} ist seit Jahren in einem desolaten Zustand. Anwohnerinnen und Anwohner haben über 200 Unterschriften gesammelt.'] },
    { title: 'Sanierung des Spielplatzes in der {street}', motion: 'beauftragt den Bürgermeister, die Kosten für die Sanierung des Spielplatzes in der {street} zu ermitteln und in den Haushaltsplan {nextYear} einzustellen.', reasons: ['Mehrere Spielgeräte wurden aus Sicherheitsgründen gesperrt. Der Spielplatz ist der einzige im Wohngebiet.'] },
    { title: 'Photovoltaikanlagen auf städtischen Dächern', motion: 'beauftragt den Bürgermeister, bis zum {deadline} eine Potenzialanalyse für Photovoltaikanlagen auf allen städtischen Gebäuden vorzulegen.', reasons: ['Eigener Solarstrom senkt die Energiekosten der Stadt dauerhaft und leistet einen Beitrag zum Klimaschutz.'] },
    { title: 'Barrierefreie Bushaltestellen in der Innenstadt', motion: 'beauftragt den Bürgermeister, gemeinsam mit dem Landkreis einen Zeitplan für den barrierefreien Umbau der Bushaltestellen vorzulegen.', reasons: ['Nach dem Personenbeförderungsgesetz soll der ÖPNV vollständig barrierefrei sein. In Musterstadt ist dies erst an vier Haltestellen der Fall.'] },
  ],
  finanzen: [
    { title: 'Prüfung eines Bürgerhaushalts ab {nextYear}', motion: 'beauftragt den Bürgermeister zu prüfen, wie ab dem Haushaltsjahr {nextYear} ein Bürgerbudget von 50.000 € eingeführt werden kann.', reasons: ['Ein Bürgerbudget stärkt die Beteiligung und das Verständnis für kommunale Finanzen.'] },
    { title: 'Verzicht auf die Erhöhung der Grundsteuer', motion: 'beschließt, die Hebesätze der Grundsteuer im Haushaltsjahr {nextYear} nicht zu erhöhen.', reasons: ['Die Bürgerinnen und Bürger sind durch gestiegene Energie- und Lebenshaltungskosten bereits stark belastet.'] },
  ],
  bks: [
    { title: 'Einrichtung eines Kinder- und Jugendbeirates', motion: 'beauftragt den Bürgermeister, bis zum {deadline} einen Satzungsentwurf für einen Kinder- und Jugendbeirat vorzulegen.', reasons: ['Kinder und Jugendliche sollen an Entscheidungen, die sie betreffen, angemessen beteiligt werden.'] },
    { title: 'Ausweitung der Öffnungszeiten der Stadtbibliothek', motion: 'beauftragt den Bürgermeister, die Öffnungszeiten der Stadtbibliothek am Samstagvormittag zu erweitern und die Kosten darzustellen.', reasons: ['Berufstätige und Familien können die Bibliothek unter der Woche kaum nutzen.'] },
    { title: 'Ehrenamtskarte für die Stadt Musterstadt', motion: 'beauftragt den Bürgermeister, die Einführung einer Ehrenamtskarte mit Vergünstigungen in städtischen Einrichtungen zu prüfen.', reasons: ['Das Ehrenamt in Vereinen, Feuerwehr und Sozialverbänden verdient Anerkennung.'] },
    { title: 'Erhalt des Freibades – Sanierungskonzept', motion: 'beauftragt den Bürgermeister, bis zum {deadline} ein Sanierungskonzept für das Freibad mit Kostenschätzung und Fördermöglichkeiten vorzulegen.', reasons: ['Das Freibad ist für Schwimmunterricht, Vereine und Familien unverzichtbar.'] },
  ],
  ordnung: [
    { title: 'Tempo 30 vor Schulen und Kitas', motion: 'beauftragt den Bürgermeister, bei der Straßenverkehrsbehörde die Anordnung von Tempo 30 vor allen Schulen und Kitas im Stadtgebiet zu beantragen.', reasons: ['Die Änderung der Straßenverkehrs-Ordnung erleichtert die Anordnung von Tempo 30 vor sozialen Einrichtungen.'] },
    { title: 'Einrichtung einer Hundewiese im Stadtpark', motion: 'beauftragt den Bürgermeister, eine geeignete Fläche für eine eingezäunte Hundewiese zu benennen.', reasons: ['Die Leinenpflicht im Stadtpark führt zu Konflikten. Eine Hundewiese schafft einen Ausgleich.'] },
    { title: 'Baumpflanzprogramm „1000 Bäume für Musterstadt“', motion: 'beschließt, bis zum Ende der Wahlperiode 1.000 zusätzliche Bäume im Stadtgebiet und in den Ortschaften zu pflanzen.', reasons: ['Bäume spenden Schatten, kühlen die Stadt und verbessern die Luftqualität.'] },
    { title: 'Verbesserung der Beleuchtung am Bahnhof', motion: 'beauftragt den Bürgermeister, die Beleuchtung der Zuwegung zum Bahnhof und der Fahrradabstellanlage zu verbessern.', reasons: ['Viele Pendlerinnen und Pendler fühlen sich in den Abendstunden am Bahnhof unsicher.'] },
  ],
  haupt: [
    { title: 'Übertragung der Stadtratssitzungen im Livestream', motion: 'beauftragt den Bürgermeister, die technischen, rechtlichen und finanziellen Voraussetzungen für eine Übertragung der öffentlichen Stadtratssitzungen im Internet darzustellen.', reasons: ['Eine Übertragung macht die Arbeit des Stadtrates transparenter und erreicht mehr Menschen.'] },
    { title: 'Digitale Terminvergabe im Bürgerbüro', motion: 'beauftragt den Bürgermeister, eine digitale Terminvergabe für alle Leistungen des Bürgerbüros einzuführen.', reasons: ['Lange Wartezeiten im Bürgerbüro sind ein häufiger Grund für Beschwerden.'] },
    { title: 'Einführung eines digitalen Mängelmelders', motion: 'beauftragt den Bürgermeister, einen digitalen Mängelmelder für Hinweise zu Schäden im öffentlichen Raum einzuführen.', reasons: ['Schäden an Straßen, Beleuchtung und Spielplätzen können so schneller erfasst und behoben werden.'] },
  ],
  rat: [
    { title: 'Kostenfreies Parken an den Adventssamstagen', motion: 'beschließt, an den vier Adventssamstagen auf die Erhebung von Parkgebühren in der Innenstadt zu verzichten.', reasons: ['Der Einzelhandel in der Innenstadt steht unter Druck. Kostenfreies Parken macht den Einkauf vor Ort attraktiver.'] },
    { title: 'Trinkwasserbrunnen in der Innenstadt', motion: 'beauftragt den Bürgermeister, gemeinsam mit den Stadtwerken die Aufstellung von zwei Trinkwasserbrunnen am Markt und im Stadtpark zu prüfen.', reasons: ['Öffentliche Trinkwasserbrunnen sind ein Baustein zur Hitzevorsorge.'] },
    { title: 'Mehr Sitzbänke in der Innenstadt', motion: 'beauftragt den Bürgermeister, in der Fußgängerzone und entlang der {street} zusätzliche Sitzbänke aufzustellen.', reasons: ['Insbesondere ältere Menschen benötigen Möglichkeiten zum Ausruhen.'] },
  ],
  ortschaft: [
    { title: 'Geschwindigkeitsanzeige an der Ortseinfahrt {ortschaft}', motion: 'bittet den Bürgermeister, an der Ortseinfahrt {ortschaft} eine Geschwindigkeitsanzeigetafel aufzustellen.', reasons: ['An der Ortseinfahrt wird regelmäßig deutlich zu schnell gefahren.'] },
  ],
}

export const INQUIRIES: Partial<Record<Area, InquiryTopic[]>> = {
  bau: [
    {
      title: 'Stand der Sanierung der Sporthalle Schulstraße', context: 'Die Sporthalle Schulstraße ist seit Monaten gesperrt. Vereine und Schulen müssen auf andere Hallen ausweichen.',
      questions: ['Wann ist mit der Wiedereröffnung der Sporthalle zu rechnen?', 'Welche Mehrkosten sind bisher entstanden?', 'Wie wird der Sportunterricht bis dahin abgesichert?'],
      answers: ['Nach dem aktuellen Bauzeitenplan ist die Wiedereröffnung zum Beginn des zweiten Schulhalbjahres vorgesehen.', 'Die Mehrkosten belaufen sich derzeit auf {amountSmall}, im Wesentlichen durch zusätzliche Schadstoffsanierung.', 'Der Sportunterricht findet in der Halle des Vereins und im Freien statt; der Bustransfer wird von der Stadt organisiert.'],
    },
    {
      title: 'Baustellenkoordinierung in der {street}', context: 'In der {street} wurde die Fahrbahn innerhalb von zwei Jahren mehrfach aufgebrochen.',
      questions: ['Wie werden Baumaßnahmen der Versorgungsträger mit städtischen Maßnahmen abgestimmt?', 'Wer trägt die Kosten für die Wiederherstellung der Oberfläche?'],
      answers: ['Alle Maßnahmen werden in der monatlichen Baustellenkoordinierung abgestimmt; kurzfristige Störungsbeseitigungen sind davon ausgenommen.', 'Die Kosten trägt der jeweilige Versorgungsträger; die Stadt nimmt die Oberfläche ab.'],
    },
  ],
  finanzen: [
    {
      title: 'Auswirkungen der Grundsteuerreform', context: 'Seit Einführung der neuen Grundsteuer erreichen die Fraktion zahlreiche Beschwerden über gestiegene Beträge.',
      questions: ['Wie hat sich das Grundsteueraufkommen insgesamt entwickelt?', 'Wie viele Widersprüche sind bei der Stadt eingegangen?'],
      answers: ['Das Aufkommen der Grundsteuer B liegt mit rund {amountSmall} Mehrertrag nahezu auf Vorjahresniveau.', 'Bei der Stadt sind {count}0 Widersprüche eingegangen; die meisten richten sich gegen die Messbescheide des Finanzamtes und sind dort zu klären.'],
    },
    {
      title: 'Abruf von Fördermitteln', context: 'Die Stadt hat in den letzten Jahren mehrere Förderprogramme genutzt.',
      questions: ['Wie viele bewilligte Fördermittel wurden bisher nicht abgerufen?', 'Drohen Rückforderungen?'],
      answers: ['Bewilligte Mittel in Höhe von {amountSmall} sind noch nicht abgerufen, da die Maßnahmen noch nicht abgeschlossen sind.', 'Rückforderungen sind nach derzeitigem Stand nicht zu erwarten.'],
    },
  ],
  bks: [
    {
      title: 'Versorgung mit Kita- und Hortplätzen', context: 'Eltern berichten von Schwierigkeiten, zum Wunschtermin einen Hortplatz zu erhalten.',
      questions: ['Wie viele Kinder stehen aktuell auf der Warteliste?', 'Welche Maßnahmen plant die Verwaltung?'],
      answers: ['Derzeit sind {count} Kinder für einen Hortplatz vorgemerkt; alle Kinder mit Rechtsanspruch wurden versorgt.', 'Geplant ist die Nutzung frei werdender Krippenräume für zwei zusätzliche Hortgruppen.'],
    },
    {
      title: 'Zustand der Schultoiletten', context: 'Der Elternrat der {school} hat auf den schlechten Zustand der Sanitäranlagen hingewiesen.',
      questions: ['Wann werden die Sanitäranlagen saniert?', 'Welche Sofortmaßnahmen wurden ergriffen?'],
      answers: ['Die Sanierung ist im Rahmen der Gesamtsanierung vorgesehen.', 'Defekte Armaturen wurden kurzfristig durch den Bauhof ersetzt; die Reinigungsintervalle wurden erhöht.'],
    },
  ],
  ordnung: [
    {
      title: 'Einsatzbereitschaft der Ortsfeuerwehren am Tag', context: 'Die Tagesverfügbarkeit der ehrenamtlichen Einsatzkräfte ist landesweit ein Problem.',
      questions: ['Wie viele Einsatzkräfte stehen werktags zwischen 6 und 18 Uhr zur Verfügung?', 'Wie oft wurde die Hilfsfrist im vergangenen Jahr nicht eingehalten?'],
      answers: ['Werktags stehen im Durchschnitt {count} Einsatzkräfte zur Verfügung, überwiegend Beschäftigte der Stadt und örtlicher Betriebe.', 'Die Hilfsfrist wurde bei 14 von 112 Einsätzen nicht eingehalten.'],
    },
    {
      title: 'Vandalismus im Stadtpark', context: 'In den vergangenen Wochen wurden im Stadtpark wiederholt Bänke beschädigt und Papierkörbe in Brand gesetzt.',
      questions: ['Wie hoch ist der entstandene Schaden?', 'Welche Maßnahmen sind mit der Polizei abgestimmt?'],
      answers: ['Der Schaden beläuft sich auf rund {amountSmall}.', 'Die Polizei hat die Bestreifung verstärkt; der Ordnungsdienst kontrolliert in den Abendstunden.'],
    },
  ],
  haupt: [
    {
      title: 'Personalsituation in der Stadtverwaltung', context: 'Mehrere Stellen in der Verwaltung sind seit längerem unbesetzt.',
      questions: ['Wie viele Stellen sind derzeit unbesetzt?', 'Welche Maßnahmen ergreift die Verwaltung zur Personalgewinnung?'],
      answers: ['Zum Stichtag sind {count} Stellen unbesetzt, davon vier im technischen Bereich.', 'Die Stadt bildet verstärkt selbst aus, bietet mobiles Arbeiten an und zahlt eine Fachkräftezulage für Ingenieurstellen.'],
    },
  ],
  rat: [
    {
      title: 'Leerstand von Gewerbeflächen in der Innenstadt', context: 'Am Markt und in der {street} stehen mehrere Ladenlokale leer.',
      questions: ['Wie viele Ladenlokale stehen in der Innenstadt leer?', 'Welche Unterstützung bietet die Stadt Eigentümern und Gründern?'],
      answers: ['Nach der Erhebung der Wirtschaftsförderung stehen {count} Ladenlokale leer.', 'Die Wirtschaftsförderung vermittelt Flächen, berät zu Förderprogrammen und organisiert Pop-up-Nutzungen.'],
    },
    {
      title: 'Ausfälle der Straßenbeleuchtung', context: 'In mehreren Straßen fällt die Beleuchtung regelmäßig aus.',
      questions: ['Wie viele Störungen wurden in diesem Jahr gemeldet?', 'Wie lange dauert die Behebung im Durchschnitt?'],
      answers: ['Es wurden {count}0 Störungen gemeldet, überwiegend an Leuchten älterer Bauart.', 'Die durchschnittliche Behebungsdauer beträgt fünf Arbeitstage.'],
    },
    {
      title: 'Wartezeiten im Bürgerbüro', context: 'Bürgerinnen und Bürger berichten von langen Wartezeiten für Ausweisdokumente.',
      questions: ['Wie lang ist die durchschnittliche Wartezeit auf einen Termin?', 'Wird das Personal im Bürgerbüro verstärkt?'],
      answers: ['Die Wartezeit auf einen Termin beträgt derzeit etwa neun Werktage.', 'Eine zusätzliche Stelle wurde im Stellenplan {nextYear} vorgesehen.'],
    },
  ],
  ortschaft: [
    {
      title: 'Zustand des Feldweges zwischen {ortschaft} und der Kernstadt', context: 'Der Feldweg wird zunehmend als Schleichweg genutzt und ist stark beschädigt.',
      questions: ['Ist eine Instandsetzung geplant?', 'Kann der Weg für den Durchgangsverkehr gesperrt werden?'],
      answers: ['Eine Instandsetzung mit Recyclingmaterial ist für das Frühjahr vorgesehen.', 'Die Straßenverkehrsbehörde prüft eine Beschränkung auf landwirtschaftlichen Verkehr.'],
    },
  ],
}

/** Short notices (Mitteilungen) usable by any committee. */
export const GENERIC_NOTICES: PaperTemplate[] = [
  {
    key: 'mi-termine', area: 'rat', type: 'Mitteilung', public: true, route: [],
    name: 'Mitteilung der Verwaltung: Veranstaltungen und Termine im {season} {year}',
    facts: ['Die Verwaltung informiert über anstehende Veranstaltungen, Bürgerversammlungen und Sprechzeiten in den Ortschaften.'],
  },
  {
    key: 'mi-foerderbescheid', area: 'rat', type: 'Mitteilung', public: true, route: [], amount: [50000, 900000],
    name: 'Mitteilung: Eingang eines Förderbescheides – {project}',
    facts: ['Für die Maßnahme {project} ist ein Zuwendungsbescheid aus dem Programm „{program}“ über {amount} eingegangen. Mit der Umsetzung kann begonnen werden.'],
  },
]

export const COMPANIES = [
  'Bau-GmbH Mitteldeutschland', 'Tiefbau Krüger GmbH & Co. KG', 'Elektro Schulze GmbH', 'Haustechnik Böttcher GmbH',
  'Dachbau Anhalt GmbH', 'Garten- und Landschaftsbau Weiß', 'Straßenbau Saale-Unstrut GmbH', 'Fahrzeugbau Heinrich GmbH',
  'Gemeinschaftsverpflegung Mitteldeutschland GmbH', 'Kanaltechnik Nord GmbH', 'Planungsgruppe Stadt & Raum GmbH',
] as const

// ---------------------------------------------------------------------------------------------
// Fixed text fragments
// ---------------------------------------------------------------------------------------------

export const FINANCE_TEXT: Record<FinanceKind, string> = {
  budget: 'Die Kosten belaufen sich nach derzeitiger Kostenschätzung auf {amount} (brutto). Die Mittel sind im Haushaltsplan {year} im Produktkonto {account} veranschlagt.',
  funding: 'Die Gesamtkosten werden auf {amount} geschätzt. Für die Maßnahme wurden Fördermittel aus dem Programm „{program}“ beantragt; die Förderquote beträgt {percent} %. Der Eigenanteil der Stadt in Höhe von {ownShare} ist im Haushaltsplan {year} im Produktkonto {account} veranschlagt.',
  none: 'Mit der Beschlussfassung sind keine unmittelbaren finanziellen Auswirkungen verbunden.',
  followup: 'Für die Umsetzung entstehen jährliche Aufwendungen von voraussichtlich {amountSmall}, die in der Haushaltsplanung {nextYear} berücksichtigt werden.',
  income: 'Aus der Beschlussfassung ergeben sich voraussichtlich Mehrerträge von jährlich rund {amountSmall}. Die Erträge werden im Produktkonto {account} vereinnahmt.',
  unplanned: 'Die Aufwendungen in Höhe von {amount} sind nicht veranschlagt. Die Deckung erfolgt durch Minderaufwendungen im Produktkonto {account2}; die Voraussetzungen für eine über- bzw. außerplanmäßige Ausgabe liegen vor.',
}

export const PURPOSES = [
  'Notsicherung der Stützmauer am Kirchberg', 'Ersatzbeschaffung der Heizungsanlage im Bürgerhaus', 'Beseitigung von Sturmschäden an städtischen Bäumen',
  'Reparatur der Hubbrücke am Hafen', 'Sanierung der Trinkwasserleitung in der Kita „Zwergenland“',
] as const

// ---------------------------------------------------------------------------------------------
// Annexes (Anlagen)
// ---------------------------------------------------------------------------------------------

export interface Random {
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
}

export interface AnnexInput {
  kind: AnnexKind
  rng: Random
  /** fills {placeholders} with the paper's values */
  fill: (text: string) => string
  paperName: string
  /** the paper's main amount in euro, used to derive plausible tables */
  amountEuro: number
  facts: string[]
}

export interface AnnexContent {
  title: string
  /** used for the file name, e.g. "Lageplan" */
  label: string
  paragraphs: string[]
}

/** German number format with two decimals and a euro sign, e.g. "1.234.567,80 €". */
export function formatEuro(euro: number, decimals = 2): string {
  const fixed = Math.abs(euro).toFixed(decimals)
  const [int, frac] = fixed.split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${euro < 0 ? '-' : ''}${grouped}${frac ? ',' + frac : ''} €`
}

const PROCESS_SENTENCES = [
  'Die Verwaltung hat die Unterlagen fachlich geprüft und mit den beteiligten Ämtern abgestimmt.',
  'Die Stellungnahmen der Träger öffentlicher Belange wurden, soweit erforderlich, berücksichtigt.',
  'Der Personalrat und die Gleichstellungsbeauftragte wurden im Rahmen ihrer Zuständigkeit beteiligt.',
  'Die Umsetzung erfolgt unter Beachtung der Grundsätze der Wirtschaftlichkeit und Sparsamkeit.',
  'Über den weiteren Fortgang wird die Verwaltung in den zuständigen Gremien berichten.',
  'Die Ergebnisse der Bürgerbeteiligung sind in die Überarbeitung eingeflossen.',
  'Die Maßnahme ist mit den Zielen des Integrierten Stadtentwicklungskonzepts vereinbar.',
  'Die Belange von Menschen mit Behinderungen wurden im Sinne der Barrierefreiheit berücksichtigt.',
  'Die Ortschaftsräte wurden im Rahmen ihres Anhörungsrechts beteiligt, soweit ihre Ortschaften betroffen sind.',
  'Die Kommunalaufsicht des Landkreises wurde vorab informiert; Bedenken wurden nicht geäußert.',
  'Auswirkungen auf das Klima wurden geprüft; die Maßnahme trägt zur Verringerung des Energieverbrauchs bei.',
  'Ein Verzicht auf die Maßnahme würde zu höheren Folgekosten in den kommenden Haushaltsjahren führen.',
  'Die Vergabe der Leistungen erfolgt nach den Vorgaben des Landesvergabegesetzes und der Vergabeordnung der Stadt.',
  'Die Erfahrungen vergleichbarer Städte im Land wurden ausgewertet und in die Planung einbezogen.',
  'Die Öffentlichkeit wird über die Internetseite der Stadt und das Amtsblatt informiert.',
  'Mit den Versorgungsträgern und dem Abwasserzweckverband wurden die Schnittstellen frühzeitig abgestimmt.',
  'Der Zeitplan berücksichtigt die Ferienzeiten und die Belange der anliegenden Einrichtungen.',
  'Risiken ergeben sich insbesondere aus der Preisentwicklung im Bausektor und aus der Verfügbarkeit von Fachfirmen.',
  'Die Folgekosten für Unterhaltung und Betrieb wurden ermittelt und sind in der mittelfristigen Finanzplanung berücksichtigt.',
  'Die Verwaltung empfiehlt, der Vorlage zu folgen, da die Alternativen mit höheren Kosten oder Nachteilen für die Einwohnerschaft verbunden wären.',
]

/** Legal basis (Rechtsgrundlagen) per subject area, cited as on real Vorlagen. */
export const LEGAL_BASIS: Record<Area, string> = {
  bau: 'Baugesetzbuch (BauGB), Baunutzungsverordnung (BauNVO), Bauordnung des Landes Sachsen-Anhalt (BauO LSA), Straßengesetz für das Land Sachsen-Anhalt (StrG LSA), Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Hauptsatzung der Stadt Musterstadt',
  finanzen: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Kommunalhaushaltsverordnung (KomHVO), Kommunalabgabengesetz (KAG-LSA), Hauptsatzung der Stadt Musterstadt',
  bks: 'Kinderförderungsgesetz (KiFöG LSA), Schulgesetz des Landes Sachsen-Anhalt (SchulG LSA), Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Hauptsatzung der Stadt Musterstadt',
  ordnung: 'Brandschutz- und Hilfeleistungsgesetz (BrSchG LSA), Gesetz über die öffentliche Sicherheit und Ordnung (SOG LSA), Bestattungsgesetz (BestattG LSA), Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA)',
  haupt: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Tarifvertrag für den öffentlichen Dienst (TVöD), Hauptsatzung und Geschäftsordnung der Stadt Musterstadt',
  rat: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Hauptsatzung und Geschäftsordnung der Stadt Musterstadt',
  ortschaft: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Hauptsatzung der Stadt Musterstadt (Ortschaftsverfassung)',
  wirtschaft: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Richtlinien der Gemeinschaftsaufgabe „Verbesserung der regionalen Wirtschaftsstruktur“ (GRW)',
  rpa: 'Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA), Kommunalprüfungsordnung, Rechnungsprüfungsordnung der Stadt Musterstadt',
  abwasser: 'Eigenbetriebsgesetz des Landes Sachsen-Anhalt (EigBG LSA), Kommunalabgabengesetz (KAG-LSA), Wassergesetz für das Land Sachsen-Anhalt (WG LSA), Betriebssatzung des Eigenbetriebes',
}

const ALTERNATIVES = [
  'Auf die Maßnahme könnte verzichtet werden. In diesem Fall wären jedoch steigende Unterhaltungskosten und Einschränkungen für die Nutzerinnen und Nutzer zu erwarten.',
  'Alternativ könnte die Umsetzung um ein Jahr verschoben werden. Dies würde nach Einschätzung der Verwaltung zu Mehrkosten infolge der Baupreisentwicklung führen und bereits bewilligte Fördermittel gefährden.',
  'Eine Erledigung durch Dritte wurde geprüft. Sie wäre nach dem Wirtschaftlichkeitsvergleich teurer als die Umsetzung in eigener Verantwortung.',
  'Eine Teilumsetzung wurde geprüft, wird aber nicht empfohlen, da wesentliche Ziele dann nicht erreicht würden.',
]

const IMPACTS = [
  ['Klimaschutz', ['positiv – die Maßnahme senkt den Energieverbrauch und die CO2-Emissionen.', 'neutral – keine wesentlichen Auswirkungen.', 'geringfügig negativ – zusätzliche Versiegelung wird durch Pflanzungen ausgeglichen.']],
  ['Gleichstellung', ['keine geschlechtsspezifischen Auswirkungen.', 'Die Belange von Frauen und Männern wurden gleichermaßen berücksichtigt.']],
  ['Barrierefreiheit', ['Die Anforderungen der Barrierefreiheit werden berücksichtigt.', 'keine Auswirkungen.', 'Verbesserung für mobilitätseingeschränkte Menschen.']],
  ['Demografie', ['Die Maßnahme unterstützt die Ziele des Demografie-Checks der Stadt.', 'keine Auswirkungen.']],
] as const

/** Sections that real Vorlagen carry besides Sachverhalt and Begründung. */
export function standardSections(rng: Random, area: Area, withAlternatives: boolean): string[] {
  const impacts = IMPACTS.map(([label, options]) => `${label}: ${rng.pick(options)}`).join('\n')
  return [
    'Rechtsgrundlagen', LEGAL_BASIS[area] + '.',
    'Verfahren und Beteiligung', processText(rng, 4),
    ...(withAlternatives ? ['Alternativen', rng.pick(ALTERNATIVES)] : []),
    'Prüfung der Auswirkungen', impacts,
  ]
}

export function processText(rng: Random, sentences: number): string {
  const out: string[] = []
  for (let i = 0; i < sentences; i++) out.push(rng.pick(PROCESS_SENTENCES))
  return [...new Set(out)].join(' ')
}

function amountLines(total: number, parts: Array<[string, number]>): string {
  const sum = parts.reduce((s, [, share]) => s + share, 0)
  const lines = parts.map(([label, share]) => `${label}: ${formatEuro(Math.round((total * share) / sum))}`)
  return [...lines, `Summe: ${formatEuro(total)}`].join('\n')
}

export function annexContent(input: AnnexInput): AnnexContent {
  const { rng, fill, amountEuro } = input
  switch (input.kind) {
    case 'lageplan':
      return {
        label: 'Lageplan', title: 'Anlage: Lageplan',
        paragraphs: [
          'Lageplan',
          `Übersichtsplan zur Vorlage „${input.paperName}“.`,
          fill('Dargestellt ist die Lage des Vorhabens im Stadtgebiet, Gemarkung {gemarkung}, Flur {flur}. Maßstab 1:1.000 im Original; die Darstellung ist verkleinert.'),
          'Legende: rot umrandet – Geltungsbereich bzw. Vorhabenfläche; gelb – öffentliche Verkehrsflächen; grün – öffentliche Grünflächen; blau – Gewässer.',
          fill('Kartengrundlage: Liegenschaftskarte (ALKIS), © GeoBasis-DE / LVermGeo LSA, {year}.'),
        ],
      }
    case 'planzeichnung':
      return {
        label: 'Planzeichnung', title: 'Anlage: Planzeichnung (Teil A) und textliche Festsetzungen (Teil B)',
        paragraphs: [
          'Teil A – Planzeichnung',
          'Die Planzeichnung im Maßstab 1:500 liegt im Original im Amt für Stadtentwicklung und Bauen zur Einsichtnahme aus.',
          'Teil B – Textliche Festsetzungen',
          '1. Art der baulichen Nutzung: Allgemeines Wohngebiet (WA) gemäß § 4 BauNVO. Ausnahmen nach § 4 Abs. 3 BauNVO sind nicht zulässig.',
          '2. Maß der baulichen Nutzung: Grundflächenzahl 0,4; höchstens zwei Vollgeschosse; Firsthöhe höchstens 10,50 m über Geländeoberfläche.',
          '3. Bauweise: offene Bauweise; zulässig sind nur Einzel- und Doppelhäuser.',
          '4. Grünordnung: Je angefangene 300 m² Grundstücksfläche ist ein standortgerechter Laubbaum zu pflanzen und dauerhaft zu erhalten.',
          '5. Niederschlagswasser ist auf den Baugrundstücken zu versickern oder zu nutzen, soweit die Bodenverhältnisse dies zulassen.',
          'Verfahrensvermerke',
          'Der Aufstellungsbeschluss wurde gemäß § 2 Abs. 1 BauGB ortsüblich bekannt gemacht. Die frühzeitige Beteiligung der Öffentlichkeit erfolgte durch eine Informationsveranstaltung.',
        ],
      }
    case 'bplan-begruendung':
      return {
        label: 'Begründung', title: 'Anlage: Begründung mit Umweltbericht',
        paragraphs: [
          '1. Anlass und Ziel der Planung', ...input.facts,
          '2. Lage und Geltungsbereich', fill('Das Plangebiet liegt im Bereich {district} der Stadt Musterstadt und umfasst Teile der Flur {flur} der Gemarkung {gemarkung}. Es hat eine Größe von rund {hectares} ha. Die Fläche wird derzeit überwiegend als Acker- und Grünland genutzt; im Süden grenzen Hausgärten an.'),
          '3. Übergeordnete Planungen',
          '3.1 Landesentwicklungsplan', 'Der Landesentwicklungsplan Sachsen-Anhalt legt fest, dass die Siedlungsentwicklung vorrangig auf die zentralen Orte auszurichten ist. Musterstadt ist als Grundzentrum ausgewiesen.',
          '3.2 Regionaler Entwicklungsplan', 'Der Regionale Entwicklungsplan enthält für das Plangebiet keine entgegenstehenden Ziele. Vorranggebiete für Landwirtschaft oder Hochwasserschutz sind nicht betroffen.',
          '3.3 Flächennutzungsplan', 'Der wirksame Flächennutzungsplan stellt das Plangebiet überwiegend als Wohnbaufläche dar. Soweit die Festsetzungen abweichen, wird der Flächennutzungsplan im Parallelverfahren geändert.',
          '4. Planinhalt',
          '4.1 Art der baulichen Nutzung', 'Festgesetzt wird ein allgemeines Wohngebiet. Die ausnahmsweise zulässigen Nutzungen wie Tankstellen und Gartenbaubetriebe werden ausgeschlossen, da sie dem Charakter des Gebietes widersprechen würden.',
          '4.2 Maß der baulichen Nutzung', 'Die Grundflächenzahl wird auf 0,4 begrenzt. Zulässig sind höchstens zwei Vollgeschosse; die Firsthöhe wird auf 10,50 m beschränkt, um den Übergang zur freien Landschaft zu gestalten.',
          '4.3 Bauweise und überbaubare Grundstücksflächen', 'Es gilt die offene Bauweise. Die überbaubaren Grundstücksflächen werden durch Baugrenzen bestimmt, die einen Abstand von 3,00 m zu den öffentlichen Verkehrsflächen einhalten.',
          '4.4 Verkehrsflächen', fill('Die Erschließung erfolgt über eine neue Planstraße mit Anschluss an die {street}. Die Planstraße wird als verkehrsberuhigter Bereich mit einer Breite von 7,00 m hergestellt.'),
          '4.5 Grünordnerische Festsetzungen', 'Am Rand des Plangebietes wird eine 5 m breite Gehölzpflanzung festgesetzt. Stellplätze sind mit wasserdurchlässigen Belägen herzustellen.',
          '5. Umweltbericht',
          '5.1 Schutzgut Mensch', 'Erhebliche Lärmbelastungen sind nicht zu erwarten. Die Orientierungswerte der DIN 18005 für allgemeine Wohngebiete werden eingehalten.',
          '5.2 Schutzgut Boden', 'Durch die Planung werden bisher unversiegelte Böden in Anspruch genommen. Die Versiegelung wird durch die Begrenzung der Grundflächenzahl auf das notwendige Maß beschränkt.',
          '5.3 Schutzgut Wasser', 'Oberflächengewässer sind nicht betroffen. Das Niederschlagswasser soll auf den Grundstücken versickert werden; das Baugrundgutachten bestätigt eine ausreichende Versickerungsfähigkeit.',
          '5.4 Schutzgut Tiere und Pflanzen', 'Nach der faunistischen Kartierung sind geschützte Arten nicht erheblich betroffen. Zur Vermeidung von Verbotstatbeständen sind Gehölzrodungen nur außerhalb der Brutzeit zulässig.',
          '5.5 Schutzgut Klima und Luft', 'Das Plangebiet hat nur eine geringe Bedeutung für die Kaltluftentstehung. Durch die Durchgrünung werden nachteilige Auswirkungen gemindert.',
          '5.6 Eingriffs- und Ausgleichsbilanz', 'Der Eingriff wird durch Pflanzmaßnahmen im Plangebiet und eine externe Ausgleichsmaßnahme am Mühlgraben vollständig kompensiert. Die Umsetzung wird in einem städtebaulichen Vertrag gesichert.',
          '6. Erschließung und Ver- und Entsorgung', 'Die Versorgung mit Trinkwasser, Strom und Telekommunikation ist über die angrenzenden Straßen gesichert. Schmutzwasser wird in den öffentlichen Kanal des Abwasserzweckverbandes eingeleitet. Die Löschwasserversorgung ist über Hydranten gewährleistet.',
          '7. Flächenbilanz', fill('Allgemeines Wohngebiet: rund 78 %\nÖffentliche Verkehrsflächen: rund 14 %\nÖffentliche Grünflächen: rund 8 %\nGesamtfläche: {hectares} ha'),
          '8. Kosten', processText(rng, 3),
        ],
      }
    case 'kostenschaetzung':
      return {
        label: 'Kostenschätzung', title: 'Anlage: Kostenschätzung nach DIN 276',
        paragraphs: [
          'Kostenschätzung nach DIN 276',
          `Maßnahme: ${input.paperName}`,
          amountLines(amountEuro, [
            ['KG 200 Vorbereitende Maßnahmen', 4], ['KG 300 Bauwerk – Baukonstruktionen', 44], ['KG 400 Bauwerk – Technische Anlagen', 24],
            ['KG 500 Außenanlagen und Freiflächen', 9], ['KG 600 Ausstattung', 3], ['KG 700 Baunebenkosten', 16],
          ]),
          'Alle Beträge einschließlich 19 % Umsatzsteuer. Preisstand: aktuelles Quartal; eine Baupreissteigerung bis zur Ausführung ist nicht berücksichtigt.',
          processText(rng, 2),
        ],
      }
    case 'satzung': {
      const sections = rng.int(4, 7)
      const paragraphs = [
        fill('Aufgrund der §§ 8 und 45 des Kommunalverfassungsgesetzes des Landes Sachsen-Anhalt (KVG LSA) in der derzeit geltenden Fassung hat der Stadtrat der Stadt Musterstadt in seiner Sitzung am {meetingDate} folgende Satzung beschlossen:'),
      ]
      const titles = ['Geltungsbereich', 'Begriffsbestimmungen', 'Gegenstand', 'Höhe und Bemessung', 'Entstehung und Fälligkeit', 'Ermäßigungen und Befreiungen', 'Ordnungswidrigkeiten', 'Übergangsregelung']
      for (let i = 1; i < sections; i++) {
        paragraphs.push(`§ ${i} ${titles[(i - 1) % titles.length]}`)
        paragraphs.push(`(1) ${processText(rng, 2)}\n(2) Das Nähere regelt die Verwaltung durch Dienstanweisung, soweit diese Satzung keine abschließende Regelung trifft.`)
      }
      paragraphs.push(`§ ${sections} Inkrafttreten`, 'Diese Satzung tritt am Tag nach ihrer öffentlichen Bekanntmachung in Kraft.', fill('Musterstadt, den {meetingDate}'), 'Der Bürgermeister\n(Siegel)')
      return { label: 'Satzungsentwurf', title: 'Anlage: Satzungsentwurf', paragraphs }
    }
    case 'synopse':
      return {
        label: 'Synopse', title: 'Anlage: Synopse – Gegenüberstellung bisherige und neue Fassung',
        paragraphs: [
          'Gegenüberstellung',
          '§ 2 Abs. 1 – bisherige Fassung: Die Regelung gilt für das Gebiet der Kernstadt. – neue Fassung: Die Regelung gilt für das gesamte Stadtgebiet einschließlich der Ortschaften.',
          '§ 3 Abs. 2 – bisherige Fassung: Die Bekanntmachung erfolgt im Amtsblatt. – neue Fassung: Die Bekanntmachung erfolgt auf der Internetseite der Stadt; auf sie wird im Amtsblatt hingewiesen.',
          '§ 5 – bisherige Fassung: Beträge in der Höhe nach Anlage 1 (Stand 2014). – neue Fassung: Beträge nach Anlage 1 in der Fassung dieser Änderung.',
          'Erläuterung', processText(rng, 3),
        ],
      }
    case 'spendenliste': {
      const lines: string[] = []
      const donors = ['Stadtwerke Musterstadt GmbH', 'Kreissparkasse Musterkreis', 'Privatperson (dem Hauptausschuss namentlich bekannt)', 'Bäckerei Fröhlich', 'Autohaus Köhler GmbH', 'Musterstädter Wohnungsbaugesellschaft mbH', 'Förderverein der Ortsfeuerwehr e. V.']
      const purposes = ['Ortsfeuerwehr Musterstadt – Jugendfeuerwehr', 'Kita „Sonnenschein“ – Spielgeräte', 'Stadtfest', 'Grundschule „Am Lindenhof“ – Schulbibliothek', 'Seniorenweihnachtsfeier', 'Heimatmuseum']
      const count = rng.int(4, 9)
      let left = amountEuro
      for (let i = 0; i < count; i++) {
        const value = i === count - 1 ? left : Math.max(100, Math.round((left / (count - i)) * (0.5 + rng.next())))
        left = Math.max(0, left - value)
        lines.push(`${i + 1}. ${rng.pick(donors)} – Zweck: ${rng.pick(purposes)} – Wert: ${formatEuro(value)}`)
      }
      return {
        label: 'Spendenliste', title: 'Anlage: Übersicht der Spenden, Schenkungen und ähnlichen Zuwendungen',
        paragraphs: ['Übersicht der Zuwendungen', lines.join('\n'), `Gesamtwert: ${formatEuro(amountEuro)}`, 'Es bestehen keine Geschäftsbeziehungen der Zuwendungsgeber zur Stadt, die einer Annahme entgegenstehen.'],
      }
    }
    case 'haushaltsplan': {
      const areas: Array<[string, number]> = [
        ['11 Innere Verwaltung', 14], ['12 Sicherheit und Ordnung', 6], ['21–24 Schulträgeraufgaben', 7], ['25–29 Kultur und Wissenschaft', 3],
        ['31–35 Soziale Hilfen', 2], ['36 Kinder-, Jugend- und Familienhilfe', 22], ['42 Sportförderung', 2], ['51–52 Räumliche Planung und Bauen', 3],
        ['54 Verkehrsflächen und -anlagen, ÖPNV', 9], ['55–56 Natur- und Landschaftspflege, Umweltschutz', 3], ['57 Wirtschaft und Tourismus', 1],
        ['61 Allgemeine Finanzwirtschaft', 28],
      ]
      const planYear = Number(fill('{nextYear}'))
      const teilplaene = areas.flatMap(([label, share]) => {
        const expense = Math.round((amountEuro * share) / 100)
        const income = label.startsWith('61') ? Math.round(amountEuro * 0.8) : Math.round(expense * (0.1 + rng.next() * 0.5))
        const rows = [0, 1, 2, 3].map((k) => {
          const f = 1 + k * 0.018
          return `${planYear + k}: Erträge ${formatEuro(Math.round(income * f), 0)} · Aufwendungen ${formatEuro(Math.round(expense * f), 0)} · Ergebnis ${formatEuro(Math.round((income - expense) * f), 0)}`
        })
        return [`Produktbereich ${label}`, rows.join('\n')]
      })
      const invest = [fill('Sanierung der {school}'), fill('Ausbau der {street}'), 'Ersatzbeschaffung Feuerwehrfahrzeuge', 'Digitalisierung der Grundschulen',
        'LED-Straßenbeleuchtung, weiterer Bauabschnitt', 'Spielplatzprogramm', 'Erneuerung der Bushaltestellen', 'Ausstattung des Bauhofs']
      return {
        label: 'Haushaltsplan', title: fill('Anlage: Haushaltsplan {nextYear} – Ergebnisplan, Teilpläne und Investitionsprogramm'),
        paragraphs: [
          'Gesamtergebnisplan',
          amountLines(amountEuro, [
            ['Steuern und ähnliche Abgaben', 38], ['Zuwendungen und allgemeine Umlagen', 41], ['Sonstige Transfererträge', 1],
            ['Öffentlich-rechtliche Leistungsentgelte', 8], ['Privatrechtliche Leistungsentgelte', 3], ['Kostenerstattungen und Kostenumlagen', 5], ['Sonstige ordentliche Erträge', 4],
          ]),
          'Ordentliche Aufwendungen',
          amountLines(Math.round(amountEuro * 1.012), [
            ['Personalaufwendungen', 34], ['Aufwendungen für Sach- und Dienstleistungen', 21], ['Abschreibungen', 9],
            ['Transferaufwendungen (u. a. Kreisumlage)', 31], ['Sonstige ordentliche Aufwendungen', 5],
          ]),
          'Teilergebnispläne nach Produktbereichen',
          'Die Teilergebnispläne zeigen Erträge und Aufwendungen des Planjahres und der drei folgenden Jahre der mittelfristigen Ergebnis- und Finanzplanung.',
          ...teilplaene,
          'Investitionsprogramm',
          invest.map((m, i) => `${i + 1}. ${m}: ${formatEuro(Math.round((amountEuro * (0.004 + rng.next() * 0.02)) / 100) * 100, 0)}`).join('\n'),
          'Erläuterungen', processText(rng, 4),
        ],
      }
    }
    case 'stellungnahme-ffw':
      return {
        label: 'Stellungnahme Stadtwehrleitung', title: 'Anlage: Stellungnahme der Stadtwehrleitung',
        paragraphs: [
          'Stellungnahme',
          fill('Die Stadtwehrleitung unterstützt die Vorlage ausdrücklich. Die Ortsfeuerwehr {ffw} ist auf eine zuverlässige Ausstattung angewiesen, um die Hilfsfrist im Ausrückebereich einzuhalten.'),
          'Die Wehrleitung regt an, bei der Ausschreibung auf eine einheitliche Beladung mit den übrigen Ortsfeuerwehren zu achten, um Ausbildung und Wartung zu vereinfachen.',
          'gez. Stadtwehrleiter',
        ],
      }
    case 'preisspiegel': {
      const bidders = rng.int(2, 6)
      const lines: string[] = []
      for (let i = 0; i < bidders; i++) {
        const value = i === 0 ? amountEuro : Math.round(amountEuro * (1 + 0.03 + rng.next() * 0.35))
        lines.push(`Rang ${i + 1}: Bieter ${String.fromCharCode(65 + i)} – ${formatEuro(value)} (brutto)`)
      }
      return {
        label: 'Preisspiegel', title: 'Anlage: Preisspiegel und Vergabevorschlag',
        paragraphs: [
          'Preisspiegel', lines.join('\n'),
          fill('Vergabevorschlag: Der Zuschlag soll auf das Angebot des Bieters A ({company}) erteilt werden. Das Angebot ist vollständig, rechnerisch geprüft und wirtschaftlich.'),
          'Vertraulich: Die Angaben unterliegen dem Geheimwettbewerb und sind nicht zur Veröffentlichung bestimmt.',
        ],
      }
    }
    case 'bericht':
      return {
        label: 'Bericht', title: 'Anlage: Bericht',
        paragraphs: ['Ausgangslage', ...input.facts, 'Entwicklung im Berichtszeitraum', processText(rng, 4), 'Ausblick', processText(rng, 3)],
      }
    case 'konzept':
      return {
        label: 'Konzept', title: 'Anlage: Konzept',
        paragraphs: [
          '1. Ausgangssituation', ...input.facts, '2. Ziele', processText(rng, 3),
          '3. Handlungsfelder und Maßnahmen', 'Handlungsfeld 1: Bestandsaufnahme und Beteiligung.\nHandlungsfeld 2: Investive Maßnahmen.\nHandlungsfeld 3: Öffentlichkeitsarbeit und Kooperation.\nHandlungsfeld 4: Erfolgskontrolle.',
          '4. Beteiligung', 'In zwei öffentlichen Werkstätten, einer Online-Umfrage und Gesprächen mit Vereinen, Ortschaftsräten und Fachbehörden wurden Hinweise gesammelt und ausgewertet. ' + processText(rng, 3),
          '5. Umsetzung und Zeitplan', fill('Kurzfristig (bis Ende {year}): Abstimmung mit den Beteiligten und Beantragung von Fördermitteln.\nMittelfristig ({nextYear}–{nextYear2}): Umsetzung der investiven Maßnahmen in Abschnitten.\nLangfristig: Fortschreibung des Konzepts und Berichterstattung an den Stadtrat.'),
          '6. Kosten und Finanzierung', fill('Der Finanzbedarf wird auf {amount} geschätzt und über mehrere Haushaltsjahre verteilt.'), processText(rng, 3),
          '7. Erfolgskontrolle', 'Die Verwaltung berichtet jährlich über den Umsetzungsstand anhand festgelegter Kennzahlen. ' + processText(rng, 2),
        ],
      }
    case 'vertrag':
      return {
        label: 'Vertragsentwurf', title: 'Anlage: Vertragsentwurf',
        paragraphs: [
          'Vertragsentwurf (nichtöffentlich)',
          '§ 1 Vertragsgegenstand', fill('Gegenstand dieses Vertrages ist das Flurstück {flurstueck} der Flur {flur}, Gemarkung {gemarkung}.'),
          '§ 2 Kaufpreis', fill('Der Kaufpreis beträgt {amount}. Er ist innerhalb von vier Wochen nach Mitteilung des Notars über die Eintragung der Auflassungsvormerkung fällig.'),
          '§ 3 Besitzübergang', 'Besitz, Nutzen und Lasten gehen mit vollständiger Kaufpreiszahlung auf den Erwerber über.',
          '§ 4 Kosten', 'Die Kosten dieses Vertrages und seiner Durchführung trägt der Erwerber.',
        ],
      }
    case 'stellenbeschreibung':
      return {
        label: 'Bewerberübersicht', title: 'Anlage: Stellenbeschreibung und Auswahlvermerk',
        paragraphs: [
          'Stellenbeschreibung', fill('Stelle: {position}; Bewertung: {payGrade}; Umfang: Vollzeit (39 Wochenstunden).'),
          'Aufgaben: selbständige Sachbearbeitung, Vorbereitung von Entscheidungen, Zusammenarbeit mit anderen Ämtern und Behörden.',
          'Auswahlvermerk (vertraulich)', 'Die ausgewählte Bewerberin verfügt über die geforderte Qualifikation und mehrjährige Berufserfahrung. Sie hat im Auswahlgespräch am besten überzeugt.',
        ],
      }
  }
}
