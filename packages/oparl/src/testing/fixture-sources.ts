/**
 * Fixture sources for OParlFixtureServer, built from the reference data in ../shared/oparl (never
 * copied into the repository): the complete SD.NET RIM crawl of Hürtgenwald (OParl 1.0, from the
 * `.tar.zst`), the SOMACOS Wuppertal capture (a meeting whose organizations answer 404) and the
 * specification's example objects (1.0 and 1.1).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { decompress } from 'fzstd'
import { readTar } from './tar-reader.ts'
import type { FixtureSource } from './oparl-fixture-server.ts'

const SDNET_ORIGIN = 'https://sdnetrim.kdvz-frechen.de'
const SDNET_BASE = `${SDNET_ORIGIN}/rim4220/webservice/oparl/v1.0/`

/** The archive's members (`system.json`, `body/1/paper?page=2.json` …) as live URLs. */
export function sdnetSource(archivePath: string): FixtureSource {
  const members = readTar(decompress(new Uint8Array(readFileSync(archivePath))))
  const documents = new Map<string, unknown>()
  const texts = new Map<string, string>()
  const aliases = new Map<string, string>()
  const decoder = new TextDecoder()
  for (const m of members) {
    if (!m.name.endsWith('.json') || m.name === 'missing_ids.json') continue
    const url = SDNET_BASE + m.name.slice(0, -'.json'.length)
    const text = decoder.decode(m.bytes)
    documents.set(url, JSON.parse(text))
    texts.set(url, text)
    // lists link their first page as "?page=1"
    if (!url.includes('?')) aliases.set(`${url}?page=1`, url)
  }
  return {
    liveOrigin: SDNET_ORIGIN,
    documents,
    texts,
    aliases,
    systemUrl: `${SDNET_BASE}system`,
    isFile: (path) => path.includes('/files/'),
  }
}

/** Counts of the SD.NET crawl (list entries, tombstones included). */
export const SDNET_COUNTS = { papers: 2115, meetings: 367, persons: 49, organizations: 22 } as const

const listPage = (data: unknown[]) => ({ data, pagination: { totalElements: data.length, elementsPerPage: 100, currentPage: 1, totalPages: 1 }, links: {} })

/**
 * The specification's examples as a server: the System, a body list with Body-01 and each of the
 * body's lists holding the example of its type (empty where there is none).
 */
export function specExamplesSource(dir: string): FixtureSource {
  const read = (name: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(readFileSync(join(dir, `${name}-01.json`), 'utf8')) as Record<string, unknown>
    } catch {
      return undefined
    }
  }
  const system = read('System')!
  const body = read('Body')!
  const documents = new Map<string, unknown>()
  documents.set(String(system.id), system)
  documents.set(String(system.body), listPage([body]))
  const byList: Record<string, string> = {
    organization: 'Organization',
    person: 'Person',
    meeting: 'Meeting',
    paper: 'Paper',
    file: 'File',
    locationList: 'Location',
    agendaItem: '',
    consultation: '',
    membership: '',
    legislativeTermList: '',
  }
  for (const [property, type] of Object.entries(byList)) {
    const url = body[property]
    if (typeof url !== 'string') continue
    const example = type ? read(type) : undefined
    documents.set(url, listPage(example ? [example] : []))
  }
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('-01.json')) continue
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>
    if (typeof doc.id === 'string' && !documents.has(doc.id)) documents.set(doc.id, doc)
  }
  return {
    liveOrigin: 'https://oparl.example.org',
    documents,
    systemUrl: String(system.id),
    isFile: (path) => /\.pdf$/i.test(path),
  }
}

/**
 * SOMACOS Session of Stadt Wuppertal (OParl 1.0, captured 2020): System, the Body (served in a
 * body list), and one meeting in the meeting list; the other lists are empty and the meeting's
 * organizations answer 404, as on the real server.
 */
export function wuppertalSource(dir: string): FixtureSource {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>
  const system = read('system.json')
  const body = read('body.json')
  const meeting = read('meeting.json')
  const documents = new Map<string, unknown>()
  documents.set(String(system.id), system)
  documents.set(String(system.body), listPage([body]))
  for (const property of ['organization', 'person', 'paper']) documents.set(String(body[property]), listPage([]))
  documents.set(String(body.meeting), listPage([meeting]))
  return {
    liveOrigin: 'http://oparl.wuppertal.de',
    documents,
    systemUrl: String(system.id),
    isFile: (path) => path.includes('/downloadfiles/'),
  }
}

/**
 * The SD.NET capture cut to its first pages (fast tests): lists end after `pages[list]` pages
 * (their last kept page links no next page).
 */
export function sdnetSubset(source: FixtureSource, pages: { paper?: number; meeting?: number }): FixtureSource {
  const documents = new Map<string, unknown>()
  const texts = new Map<string, string>()
  for (const [url, doc] of source.documents) {
    const m = /\/body\/1\/(paper|meeting)(?:\?page=(\d+))?$/.exec(url)
    const limit = m ? pages[m[1] as 'paper' | 'meeting'] : undefined
    const page = m ? Number(m[2] ?? 1) : 0
    if (limit !== undefined && page > limit) continue
    if (limit !== undefined && page === limit) {
      const cut = structuredClone(doc) as { links?: Record<string, unknown> }
      if (cut.links) delete cut.links.next
      documents.set(url, cut)
      continue
    }
    documents.set(url, doc)
    const text = source.texts?.get(url)
    if (text !== undefined) texts.set(url, text)
  }
  return { ...source, documents, texts }
}
