import { afterEach, describe, expect, it, vi } from 'vitest'
import { agendaNumber } from '@ratstisch/domain'
import { DEMO_PASSWORD, DEMO_USERNAMES, ORG_IDS, berlinOffset, generateDemoTown, type DemoMeeting, type DemoTown } from './demo-town.ts'

const ANCHOR = '2026-11-01'
const town = generateDemoTown({ anchorDate: ANCHOR })

function activeMemberships(t: DemoTown, orgId: string) {
  return t.memberships.filter((m) => m.organizationId === orgId && (!m.endDate || m.endDate >= ANCHOR) && m.startDate <= ANCHOR)
}
function orgIdsOf(t: DemoTown, personId: string): string[] {
  return t.memberships.filter((m) => m.personId === personId && !m.endDate).map((m) => m.organizationId)
}
function userPerson(t: DemoTown, username: string): string {
  const id = t.users.find((u) => u.username === username)?.personId
  if (!id) throw new Error(`${username} has no person`)
  return id
}
/** Offset of Europe/Berlin at that instant, computed independently by ICU. */
function icuOffset(iso: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value
  return (name ?? '').replace('GMT', '')
}
function berlinWallClock(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('generateDemoTown: determinism', () => {
  it('returns deep-equal output for equal options, without Math.random or the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used')
    })
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used')
    })
    const again = generateDemoTown({ anchorDate: ANCHOR })
    expect(again).toEqual(town)
    expect(JSON.stringify(again)).toBe(JSON.stringify(town))
  })

  it('varies content with the seed but keeps the demo accounts', () => {
    const other = generateDemoTown({ anchorDate: ANCHOR, seed: 7 })
    expect(other.papers.map((p) => p.name)).not.toEqual(town.papers.map((p) => p.name))
    expect(other.users).toEqual(town.users)
  })
})

describe('generateDemoTown: bodies and memberships', () => {
  it('has the Stadtrat with 28 councillors plus the mayor as voting chair', () => {
    const council = activeMemberships(town, ORG_IDS.stadtrat)
    expect(council).toHaveLength(29)
    const mayorId = userPerson(town, 'mayor')
    const mayor = council.find((m) => m.personId === mayorId)
    expect(mayor).toMatchObject({ role: 'Vorsitz', votingRight: true })
    const councillors = council.filter((m) => m.personId !== mayorId)
    expect(councillors.every((m) => m.votingRight && m.onBehalfOf?.startsWith('org-fraktion-'))).toBe(true)
  })

  it('has at least 5 committees, 1 Ortschaftsrat and 4 factions', () => {
    const by = (c: string) => town.organizations.filter((o) => o.classification === c)
    expect(by('Ausschuss').length).toBeGreaterThanOrEqual(5)
    expect(by('Ortschaftsrat')).toHaveLength(1)
    expect(by('Fraktion')).toHaveLength(4)
    expect(by('Fraktion').every((o) => o.organizationType === 'Fraktion')).toBe(true)
    expect(town.organizations.find((o) => o.id === ORG_IDS.bauausschuss)).toMatchObject({ name: 'Bau- und Vergabeausschuss', shortName: 'Bauausschuss' })
  })

  it('puts every councillor in exactly one faction, each faction with a leader', () => {
    const mayorId = userPerson(town, 'mayor')
    const councillorIds = activeMemberships(town, ORG_IDS.stadtrat).map((m) => m.personId).filter((id) => id !== mayorId)
    const factions = town.organizations.filter((o) => o.classification === 'Fraktion')
    for (const id of councillorIds) {
      const own = town.memberships.filter((m) => m.personId === id && factions.some((f) => f.id === m.organizationId))
      expect(own).toHaveLength(1)
      const seat = town.memberships.find((m) => m.personId === id && m.organizationId === ORG_IDS.stadtrat)
      expect(seat?.onBehalfOf).toBe(own[0].organizationId)
    }
    for (const f of factions) expect(activeMemberships(town, f.id).filter((m) => m.role === 'Fraktionsvorsitz')).toHaveLength(1)
  })

  it('staffs committees with 7-9 councillors and advising sachkundige Einwohner', () => {
    const councillorIds = new Set(activeMemberships(town, ORG_IDS.stadtrat).map((m) => m.personId))
    for (const org of town.organizations.filter((o) => o.classification === 'Ausschuss')) {
      const members = activeMemberships(town, org.id)
      const voting = members.filter((m) => m.votingRight)
      expect(voting.length, org.name).toBeGreaterThanOrEqual(7)
      expect(voting.length, org.name).toBeLessThanOrEqual(9)
      expect(voting.every((m) => councillorIds.has(m.personId)), org.name).toBe(true)
      expect(members.filter((m) => m.role === 'Vorsitz'), org.name).toHaveLength(1)
      for (const expert of members.filter((m) => !m.votingRight)) {
        expect(expert.role).toMatch(/^sachkundige[r]? Einwohner(in)?$/)
        expect(councillorIds.has(expert.personId)).toBe(false)
      }
    }
    expect(town.memberships.some((m) => m.endDate)).toBe(true)
  })

  it('staffs the Ortschaftsrat with its own members, not councillors', () => {
    const councillorIds = new Set(activeMemberships(town, ORG_IDS.stadtrat).map((m) => m.personId))
    const members = activeMemberships(town, ORG_IDS.ortschaftsratMusterdorf)
    expect(members.length).toBeGreaterThanOrEqual(5)
    expect(members.some((m) => councillorIds.has(m.personId))).toBe(false)
  })

  it('keeps ids and person names unique and references valid', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length
    expect(unique(town.persons.map((p) => p.id))).toBe(true)
    expect(unique(town.persons.map((p) => `${p.givenName} ${p.familyName}`))).toBe(true)
    expect(unique(town.memberships.map((m) => m.id))).toBe(true)
    expect(unique(town.organizations.map((o) => o.id))).toBe(true)
    const persons = new Set(town.persons.map((p) => p.id))
    const orgs = new Set(town.organizations.map((o) => o.id))
    for (const m of town.memberships) {
      expect(persons.has(m.personId)).toBe(true)
      expect(orgs.has(m.organizationId)).toBe(true)
      if (m.onBehalfOf) expect(orgs.has(m.onBehalfOf)).toBe(true)
    }
    expect(town.persons.find((p) => p.title)?.name).toMatch(/^Dr\. /)
  })
})

describe('generateDemoTown: users', () => {
  it('provides the demo accounts', () => {
    expect(DEMO_PASSWORD).toBe('ratstisch-demo')
    expect(town.users.map((u) => u.username).sort()).toEqual([...DEMO_USERNAMES].sort())
    const role = (u: string) => town.users.find((x) => x.username === u)?.roles
    expect(role('admin')).toEqual(['admin'])
    expect(role('clerk')).toEqual(['clerk'])
    expect(role('author')).toEqual(['author'])
    expect(role('mayor')).toEqual(['approver', 'member'])
    expect(town.users.find((u) => u.username === 'author')?.departmentId).toBe('dept-bau')
  })

  it('member-a sits in Stadtrat, Bauausschuss and a faction; member-b in another faction, not in the Bauausschuss', () => {
    const a = orgIdsOf(town, userPerson(town, 'member-a'))
    const b = orgIdsOf(town, userPerson(town, 'member-b'))
    expect(a).toEqual(expect.arrayContaining([ORG_IDS.stadtrat, ORG_IDS.bauausschuss]))
    expect(b).toContain(ORG_IDS.stadtrat)
    expect(b).not.toContain(ORG_IDS.bauausschuss)
    const factionA = a.filter((id) => id.startsWith('org-fraktion-'))
    const factionB = b.filter((id) => id.startsWith('org-fraktion-'))
    expect(factionA).toHaveLength(1)
    expect(factionB).toHaveLength(1)
    expect(factionA[0]).not.toBe(factionB[0])
  })

  it('member-c sits in the Ortschaftsrat only', () => {
    expect(orgIdsOf(town, userPerson(town, 'member-c'))).toEqual([ORG_IDS.ortschaftsratMusterdorf])
  })

  it('member-d is a faction colleague of member-a, member-b is not', () => {
    const factionsOf = (username: string) => orgIdsOf(town, userPerson(town, username)).filter((id) => id.startsWith('org-fraktion-'))
    expect(factionsOf('member-d')).toEqual([ORG_IDS.fraktionCdu])
    expect(factionsOf('member-a')).toEqual([ORG_IDS.fraktionCdu])
    expect(factionsOf('member-b')).toEqual([ORG_IDS.fraktionSpd])
    expect(orgIdsOf(town, userPerson(town, 'member-d'))).toContain(ORG_IDS.stadtrat)
  })
})

describe('generateDemoTown: meetings', () => {
  const windowStart = '2026-02-01'
  const windowEnd = '2027-02-01'

  it('spans anchor - 9 months to anchor + 3 months with about 70 meetings', () => {
    expect(town.meetings.length).toBeGreaterThanOrEqual(60)
    expect(town.meetings.length).toBeLessThanOrEqual(85)
    for (const m of town.meetings) {
      expect(m.start.slice(0, 10) >= windowStart && m.start.slice(0, 10) < windowEnd, m.id).toBe(true)
      expect(m.start.slice(5, 7), 'summer break').not.toBe('08')
      const weekday = new Date(m.start).getUTCDay()
      expect(weekday >= 1 && weekday <= 4, m.id).toBe(true)
    }
    const council = town.meetings.filter((m) => m.organizationId === ORG_IDS.stadtrat)
    expect(council.length).toBeGreaterThanOrEqual(10)
    expect(town.meetings.filter((m) => m.organizationId === ORG_IDS.ortschaftsratMusterdorf).length).toBeGreaterThanOrEqual(5)
    expect(council[0].name).toMatch(/^\d+\. Sitzung des Stadtrates$/)
    expect(new Set(town.meetings.map((m) => m.id)).size).toBe(town.meetings.length)
  })

  it('uses the correct Europe/Berlin offsets (CET/CEST)', () => {
    for (const m of town.meetings) {
      for (const iso of [m.start, m.end]) {
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/)
        expect(iso.slice(19), iso).toBe(icuOffset(iso))
        expect(berlinWallClock(iso), iso).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 16)}`)
      }
      const hours = (new Date(m.end).getTime() - new Date(m.start).getTime()) / 3_600_000
      expect(hours >= 2 && hours <= 3, m.id).toBe(true)
      expect(['17:00', '18:00']).toContain(m.start.slice(11, 16))
    }
    expect(berlinOffset('2026-01-15')).toBe('+01:00')
    expect(berlinOffset('2026-07-15')).toBe('+02:00')
    expect(berlinOffset('2026-03-29')).toBe('+02:00') // last Sunday of March 2026
    expect(berlinOffset('2026-03-28')).toBe('+01:00')
    expect(berlinOffset('2026-10-25')).toBe('+01:00') // last Sunday of October 2026
    expect(berlinOffset('2026-10-24')).toBe('+02:00')
  })

  it('derives states from the anchor date, with one cancelled meeting', () => {
    const anchorMs = Date.parse(`${ANCHOR}T00:00:00+01:00`)
    for (const m of town.meetings) {
      const days = (Date.parse(m.start) - anchorMs) / 86_400_000
      if (m.state === 'held' || m.state === 'cancelled') expect(days, m.id).toBeLessThan(0)
      if (m.state === 'invited') expect(days >= 0 && days < 21, m.id).toBe(true)
      if (m.state === 'planned') expect(days, m.id).toBeGreaterThanOrEqual(20)
    }
    expect(town.meetings.filter((m) => m.state === 'cancelled')).toHaveLength(1)
    expect(town.meetings.some((m) => m.state === 'invited')).toBe(true)
    expect(town.meetings.some((m) => m.state === 'planned')).toBe(true)
  })

  it('has public items everywhere and non-public items in many meetings', () => {
    for (const m of town.meetings) {
      expect(m.items.some((i) => i.public), m.id).toBe(true)
      const paperItems = m.items.filter((i) => i.public && i.paperId).length
      expect(paperItems >= 3 && paperItems <= 8, `${m.id}: ${paperItems}`).toBe(true)
      expect(m.items.filter((i) => !i.public && i.paperId).length).toBeLessThanOrEqual(3)
    }
    const withConfidential = town.meetings.filter((m) => m.items.some((i) => !i.public))
    expect(withConfidential.length / town.meetings.length).toBeGreaterThan(0.4)
  })

  it('numbers agenda items consecutively per part, public before non-public', () => {
    const check = (m: DemoMeeting) => {
      expect(m.items.map((i) => i.order)).toEqual(m.items.map((_, i) => i + 1))
      const pub = m.items.filter((i) => i.public)
      const conf = m.items.filter((i) => !i.public)
      expect(pub.map((i) => i.number)).toEqual(pub.map((_, i) => agendaNumber(true, i + 1)))
      expect(conf.map((i) => i.number)).toEqual(conf.map((_, i) => agendaNumber(false, i + 1)))
      const lastPublic = Math.max(...pub.map((i) => i.order))
      expect(conf.every((i) => i.order > lastPublic)).toBe(true)
      expect(new Set(m.items.map((i) => i.id)).size).toBe(m.items.length)
      expect(m.items[0].title).toBe('Eröffnung und Begrüßung')
      expect(m.items[m.items.length - 1].title).toBe('Schließung der Sitzung')
    }
    town.meetings.forEach(check)
  })

  it('links non-public items only to non-public papers and public items only to public papers', () => {
    const papers = new Map(town.papers.map((p) => [p.id, p]))
    for (const m of town.meetings) {
      for (const item of m.items) {
        if (!item.paperId) continue
        const paper = papers.get(item.paperId)
        expect(paper, item.paperId).toBeDefined()
        expect(paper?.public, `${m.id} ${item.number}`).toBe(item.public)
        if (!item.public) expect(paper?.public).toBe(false)
      }
    }
  })
})

describe('generateDemoTown: papers', () => {
  it('produces 250-400 papers with valid references and attachments', () => {
    expect(town.papers.length).toBeGreaterThanOrEqual(250)
    expect(town.papers.length).toBeLessThanOrEqual(400)
    const prefix = { Beschlussvorlage: 'BV', Informationsvorlage: 'IV', Antrag: 'AN', Anfrage: 'AF', Mitteilung: 'MI' } as const
    const refs = new Set<string>()
    for (const p of town.papers) {
      const match = /^(BV|IV|AN|AF|MI) (\d+) \(VIII\/2024-2029\)$/.exec(p.reference)
      expect(match, p.reference).not.toBeNull()
      expect(match?.[1]).toBe(prefix[p.paperType])
      expect(p.id).toBe(`paper-${match?.[1].toLowerCase()}-${match?.[2]}`)
      refs.add(p.reference)
      expect(p.attachments.length >= 1 && p.attachments.length <= 3, p.id).toBe(true)
      expect(p.attachments[0].title).toBe(p.name)
      for (const a of p.attachments) {
        expect(a.name).toMatch(/\.pdf$/)
        expect(a.name).not.toMatch(/[\\/:*?"<>|]/)
        expect(a.pages).toBeGreaterThanOrEqual(1)
        expect(a.paragraphs.length).toBeGreaterThan(0)
      }
      expect(p.summary.length).toBeGreaterThan(40)
      expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(p.date < ANCHOR).toBe(true)
      if (p.paperType === 'Beschlussvorlage') expect(p.resolutionProposal, p.id).toBeTruthy()
    }
    expect(refs.size).toBe(town.papers.length)
    expect(town.papers.some((p) => p.attachments.some((a) => a.pages >= 2))).toBe(true)
  })

  it('writes German text with umlauts, ß and € and no unfilled placeholders', () => {
    const text = JSON.stringify(town.papers)
    expect(text).not.toMatch(/\{[a-zA-Z0-9]+\}/)
    expect(text).toMatch(/ä|ö|ü/)
    expect(text).toContain('ß')
    expect(text).toMatch(/\d{1,3}(\.\d{3})*,\d{2} €/)
  })

  it('places every paper on agendas that follow its Beratungsfolge in order', () => {
    const appearances = new Map<string, DemoMeeting[]>()
    for (const m of town.meetings) for (const i of m.items) if (i.paperId) appearances.set(i.paperId, [...(appearances.get(i.paperId) ?? []), m])
    let multi = 0
    for (const p of town.papers) {
      const meetings = appearances.get(p.id) ?? []
      expect(meetings.length, p.id).toBeGreaterThan(0)
      if (meetings.length > 1) multi++
      let step = 0
      for (const m of [...meetings].sort((a, b) => a.start.localeCompare(b.start))) {
        const at = p.consultationOrganizationIds.indexOf(m.organizationId, step)
        expect(at, `${p.id} in ${m.id}`).toBeGreaterThanOrEqual(0)
        step = at
      }
    }
    // Beratungsfolge: a good share of papers passes through several bodies.
    expect(multi).toBeGreaterThan(30)
  })
})

describe('generateDemoTown: scale', () => {
  it('multiplies meetings and papers roughly by the scale, users unchanged', () => {
    const big = generateDemoTown({ anchorDate: ANCHOR, scale: 10 })
    const ratio = (a: number, b: number) => a / b
    expect(ratio(big.meetings.length, town.meetings.length)).toBeGreaterThan(9)
    expect(ratio(big.meetings.length, town.meetings.length)).toBeLessThan(11)
    expect(ratio(big.papers.length, town.papers.length)).toBeGreaterThan(7)
    expect(big.users).toEqual(town.users)
    // The base town's people keep their ids at any scale.
    expect(big.persons.slice(0, town.persons.length)).toEqual(town.persons)
    expect(activeMemberships(big, ORG_IDS.stadtrat)).toHaveLength(29)
    expect(new Set(big.papers.map((p) => p.id)).size).toBe(big.papers.length)
    expect(new Set(big.meetings.map((m) => m.id)).size).toBe(big.meetings.length)
  }, 30_000)
})
