/**
 * Deep links of the public portal, one definition for the portal pages, the feeds, the search,
 * the OParl `web` links and the ZIP/iCal exports. Paths are German (the portal's language) and
 * stable: they use object ids, never positions or titles.
 */
const e = encodeURIComponent

export const portalPaths = {
  home: () => '/',
  meetings: () => '/sitzungen',
  meeting: (meetingId: string) => `/sitzungen/${e(meetingId)}`,
  agendaItem: (meetingId: string, itemId: string) => `/sitzungen/${e(meetingId)}/top/${e(itemId)}`,
  meetingZip: (meetingId: string) => `/sitzungen/${e(meetingId)}/dokumente.zip`,
  meetingIcs: (meetingId: string) => `/sitzungen/${e(meetingId)}/termin.ics`,
  papers: () => '/vorlagen',
  paper: (paperId: string) => `/vorlagen/${e(paperId)}`,
  /** bodies (Gremien) and factions alike */
  organizations: () => '/gremien',
  factions: () => '/fraktionen',
  organization: (organizationId: string) => `/gremien/${e(organizationId)}`,
  person: (personId: string) => `/personen/${e(personId)}`,
  portrait: (personId: string) => `/personen/${e(personId)}/bild`,
  /** a public file under a meaningful name */
  file: (sha256: string, fileName: string) => `/dokumente/${e(sha256)}/${e(fileName)}`,
  search: (query?: string) => (query ? `/suche?q=${e(query)}` : '/suche'),
  resolutions: () => '/beschluesse',
  icsAll: () => '/kalender.ics',
  icsOrganization: (organizationId: string) => `/kalender/${e(organizationId)}.ics`,
  rssPapers: () => '/feeds/vorlagen.rss',
  rssMeetings: () => '/feeds/sitzungen.rss',
  atomPapers: () => '/feeds/vorlagen.atom',
  atomMeetings: () => '/feeds/sitzungen.atom',
  accessibility: () => '/barrierefreiheit',
  imprint: () => '/impressum',
  privacy: () => '/datenschutz',
  oparlSystem: () => '/oparl/v1/system',
  /** the portal's stylesheet, logo and font (content-hashed names) */
  asset: (name: string) => `/portal-assets/${e(name)}`,
} as const
