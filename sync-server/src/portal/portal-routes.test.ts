/**
 * The portal pages over the seeded demo town: every page type with its expected content, the
 * consent rule for persons and portraits, downloads and the meeting ZIP, 404/400 pages, HTTP
 * caching (ETag/Last-Modified/304, compression, invalidation on a change of the public model),
 * hostile content, and a crawl over every reachable page for the page frame (lang, one h1,
 * unique titles, breadcrumb, skip link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { DocumentId } from '@automerge/automerge-repo'
import type { MeetingConfidentialDoc, MeetingDoc, MinutesDoc, PaperDoc } from '@ratstisch/domain'
import type { Relay } from '../relay.ts'
import { demoRelay } from '../testing/demo-relay.ts'
import { PORTAL_SEARCH_KINDS, type PortalSearch, type PortalSearchQuery, type PortalSearchResult } from '../public/portal-search-api.ts'
import { portalPaths } from '../public/public-urls.ts'
import { crawlPublic, readZip } from '../testing/public-crawl.ts'
import { portalRoutes } from './portal-routes.ts'

let relay: Relay
let dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-portal-'))
const PNG = fs.readFileSync(path.resolve(import.meta.dirname, '../../../public/icons/icon-192.png'))
/** the portal's own clock in these tests: a few days after the demo's anchor */
const NOW = new Date('2026-11-05T12:00:00+01:00')

beforeAll(async () => {
  relay = await demoRelay()
  dataDir = relay.config.dataDir
}, 180_000)
afterAll(async () => {
  await relay?.close()
})

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await relay.app.request(url, { headers })
  return { res, status: res.status, text: await res.text() }
}
const rows = <T>(sql: string, ...params: unknown[]) => relay.db.prepare(sql).all(...params) as T[]
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''
const h1s = (html: string) => [...html.matchAll(/<h1[\s>]/g)].length
/** a portal with a fixed clock (and other options) over the same public model */
const portalWith = (options: Partial<Parameters<typeof portalRoutes>[0]> = {}) =>
  portalRoutes({ publisher: relay.publisher, resolutions: relay.resolutions, blobStore: relay.blobStore, config: relay.config, now: () => NOW, ...options })

describe('portal pages over the demo town', () => {
  it('home: upcoming meetings, latest papers and resolutions, links to every part', async () => {
    const portal = portalWith()
    const res = await portal.request('/')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('<html lang="de">')
    expect(title(html)).toBe('Bürgerinfo Stadt Musterstadt')
    const upcoming = relay.publisher.all('meeting').filter((m) => m.start.slice(0, 10) >= '2026-11-05').sort((a, b) => a.start.localeCompare(b.start))
    expect(html).toContain(`href="${portalPaths.meeting(upcoming[0].id)}"`)
    const newestDate = relay.publisher.all('paper').reduce((d, x) => (x.date > d ? x.date : d), '')
    const firstPaper = /<h2>Neue Vorlagen<\/h2>\s*<ul class="plain"><li><a href="\/vorlagen\/([^"]+)">/.exec(html)![1]
    expect(relay.publisher.get('paper', decodeURIComponent(firstPaper))!.date).toBe(newestDate)
    expect(html).toContain(relay.resolutions.publicList()[0].title.replace(/"/g, '&quot;'))
    for (const href of [portalPaths.meetings(), portalPaths.papers(), portalPaths.organizations(), portalPaths.factions(), portalPaths.search(), portalPaths.icsAll(), portalPaths.rssPapers(), portalPaths.resolutions()]) {
      expect(html).toContain(`href="${href}"`)
    }
  })

  it('calendar: upcoming and past lists with paging, month grid, body filter, iCal links', async () => {
    const portal = portalWith()
    const upcoming = await (await portal.request('/sitzungen')).text()
    const first = relay.publisher.all('meeting').filter((m) => m.start >= '2026-11-05').sort((a, b) => a.start.localeCompare(b.start))[0]
    expect(upcoming).toContain(first.name)
    expect(upcoming).toContain(`href="${portalPaths.icsAll()}"`)
    const past = await (await portal.request('/sitzungen?zeit=vergangen')).text()
    expect(past).toMatch(/Seite 1 von \d/)
    expect(past).toContain('href="/sitzungen?zeit=vergangen&amp;seite=2"')
    const page2 = await portal.request('/sitzungen?zeit=vergangen&seite=2')
    expect(page2.status).toBe(200)
    expect(title(await page2.text())).toContain('Seite 2')
    expect((await portal.request('/sitzungen?zeit=vergangen&seite=99')).status).toBe(404)
    expect((await portal.request('/sitzungen?seite=abc')).status).toBe(400)

    const month = await (await portal.request('/sitzungen?ansicht=monat&monat=2026-03')).text()
    expect(month).toContain('<caption>Sitzungen im März 2026</caption>')
    expect(month).toContain('<th scope="col"><abbr title="Montag">Mo</abbr></th>')
    expect(month).toContain('Donnerstag, 26. März') // Stadtrat on 2026-03-26, announced with the full date
    const march = relay.publisher.all('meeting').filter((m) => m.start.startsWith('2026-03'))
    for (const m of march) expect(month).toContain(`href="${portalPaths.meeting(m.id)}"`)
    expect(month).toContain('monat=2026-02')
    expect(month).toContain('monat=2026-04')

    const bau = await (await portal.request('/sitzungen?ansicht=monat&monat=2026-03&gremium=org-bauausschuss')).text()
    for (const m of march) expect(bau.includes(`href="${portalPaths.meeting(m.id)}"`)).toBe(m.organizationId === 'org-bauausschuss')
    expect(bau).toContain(`href="${portalPaths.icsOrganization('org-bauausschuss')}"`)

    for (const bad of ['2026-13', '26-03', '2026-3', '<script>']) {
      const res = await portal.request(`/sitzungen?ansicht=monat&monat=${encodeURIComponent(bad)}`)
      expect(res.status, bad).toBe(400)
      const html = await res.text()
      expect(html).toContain('<h1>Ungültiger Monat</h1>')
      expect(html).not.toContain('<script>')
    }
    expect((await portal.request('/sitzungen?gremium=org-gibt-es-nicht')).status).toBe(404)
  })

  it('meeting page: agenda with numbers and results, documents with size and pages, ZIP and iCal, attendance by consent', async () => {
    const p = relay.publisher
    const held = p.all('meeting').filter((m) => m.state === 'held' && m.attendance.length)
    // a held meeting where someone without consent attended
    const consenting = new Set(p.all('person').map((x) => x.id))
    const meeting = held.find((m) => m.attendance.some((a) => !consenting.has(a.personId)))!
    expect(meeting).toBeDefined()
    const { status, text } = await get(portalPaths.meeting(meeting.id))
    expect(status).toBe(200)
    expect(text).toContain(`<h1>${meeting.name}</h1>`)
    expect(text).toContain(meeting.organizationName)
    expect(text).toContain('Rathaus Musterstadt')
    expect(text).toContain('Barrierefreiheit')
    expect(text).toContain('Tagesordnung – öffentlicher Teil')
    const items = meeting.agendaItemIds.map((id) => p.get('agenda-item', id)!)
    for (const item of items) {
      expect(text).toContain(`<th scope="row" class="num">${item.number}</th>`)
      expect(text).toContain(`href="${portalPaths.agendaItem(meeting.id, item.id)}"`)
    }
    const voted = items.find((i) => i.vote && !i.vote.unanimous)
    if (voted) expect(text).toContain(`Ja ${voted.vote!.yes}, Nein ${voted.vote!.no}, Enthaltungen ${voted.vote!.abstain}`)
    const withFile = items.find((i) => i.files.length)!
    expect(text).toContain(`href="${portalPaths.file(withFile.files[0].sha256, withFile.files[0].fileName).replace(/&/g, '&amp;')}"`)
    expect(text).toMatch(/\(PDF, \d+ Seiten?, [\d,]+ KB\)/)
    expect(text).toContain(`href="${portalPaths.meetingZip(meeting.id)}"`)
    expect(text).toContain(`href="${portalPaths.meetingIcs(meeting.id)}"`)
    // attendance: names only of public persons, the others counted
    const hidden = meeting.attendance.filter((a) => !consenting.has(a.personId))
    expect(text).toMatch(/weitere Person/)
    for (const a of hidden) {
      const name = rows<{ name: string }>('SELECT name FROM persons WHERE id = ?', a.personId)[0].name
      const section = text.slice(text.indexOf('<h2>Anwesenheit</h2>'))
      expect(section).not.toContain(name)
      expect(text).not.toContain(portalPaths.person(a.personId) + '"')
    }
    for (const a of meeting.attendance.filter((x) => consenting.has(x.personId))) expect(text).toContain(`href="${portalPaths.person(a.personId)}"`)
  })

  it('meeting page: the invitation and agenda versions of an invited meeting, and a cancelled meeting with its reason', async () => {
    const p = relay.publisher
    const invited = p.all('meeting').find((m) => m.state === 'invited' && m.invitation && m.agendas.length)!
    const { text } = await get(portalPaths.meeting(invited.id))
    expect(text).toContain('>Einladung</a>')
    expect(text).toContain('Tagesordnung vom ')
    const cancelled = p.all('meeting').find((m) => m.state === 'cancelled')!
    const page = (await get(portalPaths.meeting(cancelled.id))).text
    expect(page).toContain('Diese Sitzung wurde abgesagt.')
    if (cancelled.cancelledReason) expect(page).toContain(cancelled.cancelledReason)
  })

  it('agenda item page: number, title, meeting, paper link, files, proposal, result, vote and resolution text', async () => {
    const p = relay.publisher
    const item = p.all('agenda-item').find((i) => i.vote && i.resolutionText && i.files.length && i.paperId && p.get('paper', i.paperId))!
    const meeting = p.get('meeting', item.meetingId)!
    const { status, text } = await get(portalPaths.agendaItem(meeting.id, item.id))
    expect(status).toBe(200)
    expect(text).toContain(`<h1>${item.number} ${item.title.replace(/"/g, '&quot;')}</h1>`)
    expect(text).toContain(`href="${portalPaths.meeting(meeting.id)}"`)
    expect(text).toContain(`href="${portalPaths.paper(item.paperId!)}"`)
    expect(text).toContain('<caption>Abstimmungsergebnis')
    expect(text).toContain(`<td>${item.vote!.yes}</td><td>${item.vote!.no}</td><td>${item.vote!.abstain}</td>`)
    expect(text).toContain('<h2>Beschluss</h2>')
    if (item.resolutionProposal) expect(text).toContain('<h2>Beschlussvorschlag</h2>')
    for (const f of item.files) expect(text).toContain(f.sha256)
    expect(title(text)).toContain(`${item.number} `)
    expect((await get(portalPaths.agendaItem(meeting.id, 'gibt-es-nicht'))).status).toBe(404)
  })

  it('papers: list with type/body/year filters, sorting and paging; paper page with sections, Beratungsfolge, versions and resolutions', async () => {
    const p = relay.publisher
    const list = (await get('/vorlagen')).text
    expect(list).toContain('<caption>Vorlagen</caption>')
    expect(list).toMatch(/\d+ Vorlagen, Seite 1 von \d+/)
    const anfragen = (await get('/vorlagen?art=Anfrage')).text
    const anfrage = p.all('paper').find((x) => x.paperType === 'Anfrage')!
    expect(anfragen).toContain('<h1>Vorlagen: Anfrage</h1>')
    expect(anfragen).not.toContain('>Beschlussvorlage</td>')
    expect(anfragen.includes(anfrage.reference) || anfragen.includes('Nächste Seite')).toBe(true)
    const oldest = (await get('/vorlagen?sortierung=aelteste')).text
    const first = [...p.all('paper')].sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference))[0]
    expect(oldest).toContain(first.reference)
    const ortschaft = (await get('/vorlagen?gremium=org-ortschaftsrat-musterdorf')).text
    const consultedThere = new Set(p.all('consultation').filter((c) => c.organizationId === 'org-ortschaftsrat-musterdorf').map((c) => c.paperId))
    expect(consultedThere.size).toBeGreaterThan(0)
    for (const paper of p.all('paper').filter((x) => !consultedThere.has(x.id))) expect(ortschaft).not.toContain(`href="${portalPaths.paper(paper.id)}"`)
    expect((await get('/vorlagen?art=%3Cscript%3E')).status).toBe(400)
    expect((await get('/vorlagen?jahr=20x6')).status).toBe(400)
    expect((await get('/vorlagen?sortierung=zufall')).status).toBe(400)

    const paper = p.all('paper').find((x) => x.consultationIds.length > 1 && x.attachments.some((a) => a.versions.length) && x.sections.some((s) => s.text.includes('\n')))!
    const { text } = await get(portalPaths.paper(paper.id))
    expect(text).toContain(`<h1>${paper.name.replace(/"/g, '&quot;')}</h1>`)
    expect(text).toContain(paper.reference)
    expect(text).toContain(paper.department)
    for (const s of paper.sections.filter((x) => x.text.trim())) expect(text).toContain(`<h2>${s.title}</h2>`)
    expect(text).toContain('<caption>Beratungsfolge mit Ergebnissen</caption>')
    for (const c of paper.consultationIds.map((id) => p.get('consultation', id)!)) {
      expect(text).toContain(c.organizationName)
      if (c.meetingId && p.get('meeting', c.meetingId)) expect(text).toContain(`href="${portalPaths.meeting(c.meetingId)}"`)
    }
    for (const a of paper.attachments) for (const v of a.versions) expect(text).toContain(v.sha256)
    expect(text).toContain('aktuelle Fassung')
  })

  it('paper page: several versions current first, rich text rendered, resolutions as configured (off hides them)', async () => {
    const p = relay.publisher
    const versioned = p.all('paper').find((x) => x.attachments.some((a) => a.versions.length > 1))
    if (versioned) {
      const text = (await get(portalPaths.paper(versioned.id))).text
      const a = versioned.attachments.find((x) => x.versions.length > 1)!
      const current = a.versions.at(-1)!
      const older = a.versions[0]
      expect(text.indexOf(current.sha256)).toBeLessThan(text.indexOf(older.sha256))
      expect(text).toContain('frühere Fassung')
    }
    const withList = p.all('paper').find((x) => x.sections.some((s) => /^\d\. /m.test(s.text)))!
    expect((await get(portalPaths.paper(withList.id))).text).toMatch(/<ol>\s*<li>/)
    const resolved = relay.resolutions.publicList().find((r) => r.paperId && p.get('paper', r.paperId))!
    const withResolutions = (await get(portalPaths.paper(resolved.paperId!))).text
    expect(withResolutions).toContain('<h2>Beschlüsse und ihre Umsetzung</h2>')
    expect(withResolutions).toContain(`Umsetzung: <span class="status">${resolved.status}</span>`)
    const off = portalWith({ config: { ...relay.config, portalResolutions: 'off' } })
    const hidden = await (await off.request(portalPaths.paper(resolved.paperId!))).text()
    expect(hidden).not.toContain('Beschlüsse und ihre Umsetzung')
    expect(hidden).not.toContain('href="/beschluesse"')
    expect((await off.request('/beschluesse')).status).toBe(404)
  })

  it('bodies, factions and the organization page with current members (public persons only, the others counted) and meetings', async () => {
    const p = relay.publisher
    const bodies = (await get('/gremien')).text
    const factions = (await get('/fraktionen')).text
    for (const o of p.all('organization')) {
      expect(o.organizationType === 'Fraktion' ? factions : bodies).toContain(`href="${portalPaths.organization(o.id)}"`)
      expect(o.organizationType === 'Fraktion' ? bodies : factions).not.toContain(`href="${portalPaths.organization(o.id)}"`)
    }
    const withHidden = p.all('organization').find((o) => o.membersWithoutConsent > 0)!
    expect(withHidden).toBeDefined()
    const text = (await get(portalPaths.organization(withHidden.id))).text
    expect(text).toMatch(/weitere(s)? Mitglied(er)?, die einer Veröffentlichung ihres Namens nicht zugestimmt haben/)
    const members = p.all('membership').filter((m) => m.organizationId === withHidden.id && !m.endDate)
    for (const m of members) expect(text).toContain(`href="${portalPaths.person(m.personId)}"`)
    for (const { id, name } of rows<{ id: string; name: string }>(
      'SELECT p.id, p.name FROM persons p JOIN memberships m ON m.person_id = p.id WHERE p.publish_consent = 0 AND m.organization_id = ?',
      withHidden.id,
    )) {
      expect(text).not.toContain(name)
      expect(text).not.toContain(portalPaths.person(id))
    }
    const rat = await (await portalWith().request(portalPaths.organization('org-stadtrat'))).text()
    expect(rat).toContain('<h2>Kommende Sitzungen</h2>')
    expect(rat).toContain('<h2>Letzte Sitzungen</h2>')
    expect(rat).toContain('<caption>Aktuelle Mitglieder')
    expect((await get(portalPaths.organization('org-gibt-es-nicht'))).status).toBe(404)
  })

  it('person page and portrait only for persons who consented; others are a 404 like a person that does not exist', async () => {
    const p = relay.publisher
    const { sha256 } = await relay.blobStore.put(PNG)
    const consenting = p.all('person').find((x) => (p.all('membership').some((m) => m.personId === x.id)))!
    const refusing = rows<{ id: string; name: string }>('SELECT id, name FROM persons WHERE publish_consent = 0')[0]
    relay.db.prepare('UPDATE persons SET portrait_sha256 = ? WHERE id IN (?, ?)').run(sha256, consenting.id, refusing.id)
    await p.reconcile()

    const page = await get(portalPaths.person(consenting.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain(`<h1>${consenting.name}</h1>`)
    expect(page.text).toContain(`src="${portalPaths.portrait(consenting.id)}" alt="Porträt von ${consenting.name}"`)
    expect(page.text).toContain('<caption>Aktuelle Mitgliedschaften</caption>')
    for (const m of p.all('membership').filter((x) => x.personId === consenting.id && !x.endDate)) expect(page.text).toContain(`href="${portalPaths.organization(m.organizationId)}"`)
    const portrait = await relay.app.request(portalPaths.portrait(consenting.id))
    expect(portrait.status).toBe(200)
    expect(portrait.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await portrait.arrayBuffer()).equals(PNG)).toBe(true)

    const refused = await get(portalPaths.person(refusing.id))
    const missing = await get(portalPaths.person('person-gibt-es-nicht'))
    expect(refused.status).toBe(404)
    expect(refused.text).not.toContain(refusing.name)
    expect(refused.text.replace(/person-[\w-]+/g, '')).toBe(missing.text.replace(/person-[\w-]+/g, ''))
    const refusedPortrait = await relay.app.request(portalPaths.portrait(refusing.id))
    expect(refusedPortrait.status).toBe(404)
    expect(refusedPortrait.headers.get('content-type')).toContain('text/html')
    // a person without a portrait has none
    const plain = p.all('person').find((x) => !x.portraitSha256)!
    expect((await relay.app.request(portalPaths.portrait(plain.id))).status).toBe(404)
    relay.db.prepare('UPDATE persons SET portrait_sha256 = NULL WHERE id IN (?, ?)').run(consenting.id, refusing.id)
    await p.reconcile()
  })

  it('static pages: accessibility statement with feedback contact and enforcement, imprint and privacy with the demo notice', async () => {
    const a11y = (await get('/barrierefreiheit')).text
    expect(a11y).toContain('<h1>Erklärung zur Barrierefreiheit</h1>')
    expect(a11y).toContain('teilweise mit der BITV 2.0')
    expect(a11y).toContain('href="mailto:barrierefreiheit@musterstadt.example"')
    expect(a11y).toContain('<h2>Durchsetzungsverfahren</h2>')
    expect(a11y).toContain('href="https://www.schlichtungsstelle-bgg.de/"')
    for (const url of ['/impressum', '/datenschutz']) {
      const text = (await get(url)).text
      expect(text).toContain('Demonstrationsinstallation')
      expect(h1s(text)).toBe(1)
    }
  })

  it('configured static pages replace the defaults; a production relay without them shows a placeholder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-content-'))
    fs.writeFileSync(path.join(dir, 'impressum.md'), '# Impressum\n\nStadt Beispielhausen <script>alert(1)</script>\n\n## Kontakt\n\n[Rathaus](https://beispielhausen.example/)')
    fs.writeFileSync(
      path.join(dir, 'a11y.json'),
      JSON.stringify({ compliance: 'vollständig', preparedOn: '2026-10-01', method: 'Prüfung durch BITV-Test', limitations: [], contact: { name: 'Hauptamt', email: 'web@beispielhausen.example' }, enforcement: { name: 'Schlichtungsstelle', url: 'https://schlichtung.example/' } }),
    )
    const configured = portalWith({ config: { ...relay.config, demo: false, portalImprint: path.join(dir, 'impressum.md'), portalAccessibility: path.join(dir, 'a11y.json') } })
    const imprint = await (await configured.request('/impressum')).text()
    expect(imprint).toContain('Stadt Beispielhausen &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(imprint).toContain('<h2>Kontakt</h2>')
    expect(imprint).toContain('<a href="https://beispielhausen.example/" rel="noopener noreferrer nofollow">Rathaus</a>')
    expect(await (await configured.request('/barrierefreiheit')).text()).toContain('vollständig vereinbar')
    expect(await (await configured.request('/datenschutz')).text()).toContain('noch nicht hinterlegt')
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ compliance: 'meistens', contact: {} }))
    expect(() => portalWith({ config: { ...relay.config, portalAccessibility: path.join(dir, 'bad.json') } })).toThrow(/compliance must be[\s\S]*contact.email/)
  })

  it('answers unknown pages with a themed 404 and bad parameters with a themed 400', async () => {
    for (const url of ['/gibt-es-nicht', '/sitzungen/gibt-es-nicht', '/vorlagen/gibt-es-nicht', '/gremien/x', '/personen/x', '/dokumente/abc/x.pdf', '/portal-assets/x.css']) {
      const { status, text, res } = await get(url)
      expect(status, url).toBe(404)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(text).toContain('<html lang="de">')
      expect(h1s(text)).toBe(1)
      expect(text).toContain('href="#inhalt"')
    }
    expect((await get('/sitzungen/gibt-es-nicht')).text).toContain('<h1>Sitzung nicht gefunden</h1>')
    const bad = await get('/sitzungen?ansicht=tabelle')
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('<h1>Ungültige Ansicht</h1>')
    // the private API keeps its JSON answers
    expect((await get('/api/gibt-es-nicht')).text).toContain('"code"')
  })
})

describe('downloads and the meeting ZIP', () => {
  it('serves a public file with its meaningful name, type, ETag = sha256 and an immutable cache; 304 on If-None-Match', async () => {
    const file = relay.publisher.all('file').find((f) => /[äöüÄÖÜß]/.test(f.fileName) && f.mime === 'application/pdf')!
    const res = await relay.app.request(portalPaths.file(file.sha256, file.fileName))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('etag')).toBe(`"${file.sha256}"`)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(file.fileName)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.length).toBe(Number(res.headers.get('content-length')))
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const again = await relay.app.request(portalPaths.file(file.sha256, file.fileName), { headers: { 'If-None-Match': `"${file.sha256}"` } })
    expect(again.status).toBe(304)
    // a hand-made name keeps the file's extension
    const renamed = await relay.app.request(portalPaths.file(file.sha256, 'evil.html'))
    expect(renamed.headers.get('content-disposition')).toContain('filename="evil.pdf"')
  })

  it('never serves a file that is not public (a non-public item’s attachment, a draft paper’s PDF, an unknown hash)', async () => {
    const publicShas = new Set(relay.publisher.all('file').map((f) => f.id))
    const secret: string[] = []
    for (const m of relay.meetings.all()) {
      if (!m.confidentialDocId) continue
      const doc = await relay.relayRepo.doc<MeetingConfidentialDoc>(m.confidentialDocId as DocumentId)
      for (const item of doc?.agendaItems ?? []) for (const f of item.files) if (!publicShas.has(f.sha256)) secret.push(f.sha256)
    }
    for (const { doc_id } of rows<{ doc_id: string }>("SELECT doc_id FROM papers WHERE state = 'draft'")) {
      const doc = await relay.relayRepo.doc<PaperDoc>(doc_id as DocumentId)
      for (const a of doc?.attachments ?? []) for (const v of a.versions) if (!publicShas.has(v.sha256)) secret.push(v.sha256)
    }
    expect(secret.length).toBeGreaterThan(0)
    for (const sha of secret) {
      expect(await relay.blobStore.exists(sha)).toBe(true)
      const res = await relay.app.request(portalPaths.file(sha, 'x.pdf'))
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('text/html')
    }
    expect((await relay.app.request(portalPaths.file('0'.repeat(64), 'x.pdf'))).status).toBe(404)
    expect((await relay.app.request(portalPaths.file('../../etc/passwd', 'x.pdf'))).status).toBe(404)
  })

  it('zips all public documents of a meeting with meaningful names, a folder per item, valid CRCs (unzip -t)', async () => {
    const p = relay.publisher
    const meeting = p.all('meeting').find((m) => m.invitation && m.agendaItemIds.some((id) => (p.get('agenda-item', id)?.files.length ?? 0) > 1))!
    const res = await relay.app.request(portalPaths.meetingZip(meeting.id))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toMatch(/^\d{4}-\d{2}-\d{2} .+ - Sitzungsunterlagen\.zip$/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(bytes.length).toBe(Number(res.headers.get('content-length')))
    const entries = readZip(bytes)
    const names = entries.map((e) => e.name)
    expect(names).toContain('Einladung.pdf')
    expect(names).toContain('Tagesordnung.pdf')
    const items = meeting.agendaItemIds.map((id) => p.get('agenda-item', id)!).filter((i) => i.files.length)
    for (const item of items) {
      for (const f of item.files) {
        const entry = entries.find((e) => e.name.startsWith(`${item.number} `) && e.name.endsWith(`/${f.name}`))
        expect(entry, `${item.number} ${f.name}`).toBeDefined()
        expect(Buffer.from(entry!.data).equals(fs.readFileSync(path.join(dataDir, 'blobs', f.sha256.slice(0, 2), f.sha256)))).toBe(true)
      }
    }
    expect(names.some((n) => /^Ö \d+ .+\/.+\.pdf$/.test(n))).toBe(true)
    // nothing that is not public
    const publicShas = new Set(p.all('file').map((f) => f.id))
    expect(entries.length).toBe(items.reduce((n, i) => n + i.files.length, 0) + 1 + meeting.agendas.length)
    for (const e of entries) expect(publicShas.has(createHash('sha256').update(e.data).digest('hex')), e.name).toBe(true)
    const zipFile = path.join(dataDir, 'test.zip')
    fs.writeFileSync(zipFile, bytes)
    let unzip = true
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' })
    } catch {
      unzip = false
      console.log('unzip not installed: the ZIP is checked by parsing only')
    }
    if (unzip) {
      const out = execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })
      expect(out).toContain('No errors detected')
      expect(execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' })).toContain('Einladung.pdf')
    }
    const etag = res.headers.get('etag')!
    expect((await relay.app.request(portalPaths.meetingZip(meeting.id), { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect((await relay.app.request(portalPaths.meetingZip('gibt-es-nicht'))).status).toBe(404)
  })
})

describe('HTTP caching', () => {
  it('answers with a weak ETag, Last-Modified and Cache-Control, and 304 for If-None-Match and If-Modified-Since', async () => {
    const paper = relay.publisher.all('paper')[0]
    const first = await relay.app.request(portalPaths.paper(paper.id))
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[\w-]+"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const lastModified = first.headers.get('last-modified')!
    expect(new Date(lastModified).toUTCString()).toBe(lastModified)
    const notModified = await relay.app.request(portalPaths.paper(paper.id), { headers: { 'If-None-Match': etag } })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    expect((await relay.app.request(portalPaths.paper(paper.id), { headers: { 'If-None-Match': '"andere"' } })).status).toBe(200)
    expect((await relay.app.request(portalPaths.paper(paper.id), { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304)
    expect((await relay.app.request(portalPaths.paper(paper.id), { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } })).status).toBe(200)
  })

  it('compresses pages with brotli or gzip, once per cached page', async () => {
    const plain = await (await relay.app.request('/beschluesse')).text()
    const br = await relay.app.request('/beschluesse', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(plain) / 3)
    expect(brotliDecompressSync(brBytes).toString()).toBe(plain)
    const gz = await relay.app.request('/beschluesse', { headers: { 'Accept-Encoding': 'gzip;q=1, br;q=0' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain)
  })

  it('re-renders after a change of the public model and of the resolutions (new ETag)', async () => {
    const paper = relay.publisher.all('paper')[1]
    const row = rows<{ doc_id: string }>('SELECT doc_id FROM papers WHERE id = ?', paper.id)[0]
    const before = await relay.app.request(portalPaths.paper(paper.id))
    const etag = before.headers.get('etag')!
    const doc = await relay.relayRepo.doc<PaperDoc>(row.doc_id as DocumentId)
    relay.publisher.onDocument(row.doc_id, { ...doc!, summary: 'Neu gefasste Zusammenfassung für den Cache-Test' })
    const after = await relay.app.request(portalPaths.paper(paper.id), { headers: { 'If-None-Match': etag } })
    expect(after.status).toBe(200)
    expect(await after.text()).toContain('Neu gefasste Zusammenfassung für den Cache-Test')
    expect(after.headers.get('etag')).not.toBe(etag)
    relay.publisher.onDocument(row.doc_id, doc!)

    // a progress report changes /beschluesse although the public model did not change
    const list = await relay.app.request('/beschluesse')
    const resolution = relay.resolutions.publicList()[0]
    relay.db.prepare("UPDATE resolutions SET status = 'erledigt', updated_at = ? WHERE id = ?").run(new Date(Date.now() + 1000).toISOString(), resolution.id)
    const changed = await relay.app.request('/beschluesse', { headers: { 'If-None-Match': list.headers.get('etag')! } })
    expect(changed.status).toBe(200)
  })
})

describe('hostile content', () => {
  it('escapes HTML and script in titles of a public meeting, its items, a paper and minutes (no <script> from data)', async () => {
    const p = relay.publisher
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & "Zitat"'
    const base = relay.meetings.all().find((m) => m.publicDocId && relay.registry.get(m.publicDocId)!.readers.includes('public'))!
    const source = await relay.relayRepo.doc<MeetingDoc>(base.publicDocId as DocumentId)
    const meeting: MeetingDoc = {
      ...structuredClone(source!),
      id: 'mtg-hostile',
      name: `Sitzung ${hostile}`,
      organization: { ...source!.organization, name: `Gremium ${hostile}`, shortName: `G ${hostile}` },
      cancelledReason: hostile,
      accessibility: hostile,
      location: { description: hostile },
      agendaItems: source!.agendaItems.slice(0, 2).map((i, n) => ({ ...structuredClone(i), id: `hostile-${n}`, title: `TOP ${hostile}`, resolutionText: `**fett** ${hostile} [link](javascript:alert(1))` })),
    }
    relay.registry.register({ documentId: 'hostile-meeting-doc', type: 'meeting', meetingId: 'mtg-hostile', ownerId: null, readers: ['public'], writers: [] })
    p.onDocument('hostile-meeting-doc', meeting)
    const minutes: MinutesDoc = {
      type: 'minutes',
      meetingId: 'mtg-hostile',
      part: 'public',
      title: `Niederschrift ${hostile}`,
      sections: [{ key: 'a', title: `Abschnitt ${hostile}`, text: `# ${hostile}\n\n- ${hostile}` } as MinutesDoc['sections'][number]],
      events: [{ id: 'e1', kind: 'approved', at: '2026-11-01T10:00:00.000Z', by: 'clerk', byName: 'Clerk' } as MinutesDoc['events'][number]],
      versions: [],
    }
    relay.registry.register({ documentId: 'hostile-minutes-doc', type: 'minutes', meetingId: 'mtg-hostile', ownerId: null, readers: ['public'], writers: [] })
    p.onDocument('hostile-minutes-doc', minutes)
    const paperRow = rows<{ doc_id: string; id: string }>('SELECT doc_id, id FROM papers WHERE public = 1')[0]
    const paperDoc = await relay.relayRepo.doc<PaperDoc>(paperRow.doc_id as DocumentId)
    relay.registry.register({ documentId: 'hostile-paper-doc', type: 'paper', meetingId: null, ownerId: null, readers: ['public'], writers: [] })
    p.onDocument('hostile-paper-doc', {
      ...structuredClone(paperDoc!),
      id: 'paper-hostile',
      reference: `BV ${hostile}`,
      name: `Vorlage ${hostile}`,
      date: '2030-01-01',
      summary: hostile,
      sections: [{ key: 's', title: `Teil ${hostile}`, text: `${hostile}\n\n| a | b |\n|---|---|\n| ${hostile} | x |` } as PaperDoc['sections'][number]],
    })
    expect(p.get('meeting', 'mtg-hostile')).toBeDefined()
    expect(p.get('minutes', 'mtg-hostile')).toBeDefined()
    expect(p.get('paper', 'paper-hostile')).toBeDefined()

    const portal = portalWith({ now: () => new Date(meeting.start) })
    const pages = [
      portalPaths.meeting('mtg-hostile'),
      portalPaths.agendaItem('mtg-hostile', 'hostile-0'),
      portalPaths.paper('paper-hostile'),
      `/sitzungen?ansicht=monat&monat=${meeting.start.slice(0, 7)}`,
      '/',
      '/vorlagen',
    ]
    for (const url of pages) {
      const res = await portal.request(url)
      const html = await res.text()
      expect(res.status, url).toBe(200)
      expect(html, url).not.toMatch(/<script/i)
      expect(html, url).not.toMatch(/<img src=x/i)
      expect(html, url).not.toContain('javascript:')
      expect(html, url).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    }
    const meetingPage = await (await portal.request(portalPaths.meeting('mtg-hostile'))).text()
    expect(meetingPage).toContain('<h2>Niederschrift</h2>')
    expect(meetingPage).toContain('genehmigt am 01.11.2026')
    expect(await (await portal.request(portalPaths.agendaItem('mtg-hostile', 'hostile-0'))).text()).toContain('<strong>fett</strong>')
    // the meeting stops being public: its pages are gone at once
    relay.registry.register({ documentId: 'hostile-meeting-doc', type: 'meeting', meetingId: 'mtg-hostile', ownerId: null, readers: ['office'], writers: [] })
    expect((await portal.request(portalPaths.meeting('mtg-hostile'))).status).toBe(404)
    expect((await portal.request(portalPaths.agendaItem('mtg-hostile', 'hostile-0'))).status).toBe(404)
    relay.registry.register({ documentId: 'hostile-paper-doc', type: 'paper', meetingId: null, ownerId: null, readers: ['office'], writers: [] })
    expect((await portal.request(portalPaths.paper('paper-hostile'))).status).toBe(404)
    await p.reconcile()
  })
})

describe('search page', () => {
  /** a small real search over the public papers (substring match), standing in for the portal search */
  const paperSearch: PortalSearch = {
    search(q: PortalSearchQuery): PortalSearchResult {
      const needle = q.q.toLowerCase()
      const hits = relay.publisher
        .all('paper')
        .filter((paper) => (!q.kind || q.kind === 'paper') && `${paper.name} ${paper.summary}`.toLowerCase().includes(needle))
        .filter((paper) => (!q.from || paper.date >= q.from) && (!q.to || paper.date <= q.to))
        .map((paper) => {
          const text = `${paper.name} ${paper.summary}`
          const at = text.toLowerCase().indexOf(needle)
          return { kind: 'paper' as const, id: paper.id, title: paper.name, url: portalPaths.paper(paper.id), snippet: { text, marks: [[at, at + needle.length]] as Array<[number, number]> }, date: paper.date, organizationName: null }
        })
      return { query: q, total: hits.length, hits: hits.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), anyWord: false, indexing: false }
    },
  }

  it('renders the form, the count in a live region, highlighted snippets, paging and help when nothing is found', async () => {
    const portal = portalWith({ search: paperSearch })
    const empty = await (await portal.request('/suche')).text()
    expect(empty).toContain('<label>Suchbegriff<input type="search" name="q"')
    expect(empty).toContain('<legend>Suche eingrenzen</legend>')
    expect(PORTAL_SEARCH_KINDS.length).toBe(4)
    for (const value of ['sitzung', 'top', 'vorlage', 'dokument']) expect(empty).toContain(`<option value="${value}">`)
    const res = await portal.request('/suche?q=Bebauungsplan')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toMatch(/<p role="status" aria-live="polite">\d+ Treffer für „Bebauungsplan“/)
    expect(html).toContain('<mark>Bebauungsplan</mark>')
    expect(title(html)).toBe('Suche: Bebauungsplan – Bürgerinfo Stadt Musterstadt')
    const many = await (await portal.request('/suche?q=e')).text()
    expect(many).toContain('Nächste Seite')
    expect(many).toContain('href="/suche?q=e&amp;seite=2"')
    const none = await (await portal.request('/suche?q=Zzzyxgibtsnicht&art=vorlage')).text()
    expect(none).toContain('Keine Treffer')
    expect(none).toContain('Tipps für die Suche')
    expect(none).toContain('Ohne Einschränkungen suchen')
    const hostile = await (await portal.request(`/suche?q=${encodeURIComponent('<script>x</script>')}`)).text()
    expect(hostile).not.toContain('<script>x')
    expect(hostile).toContain('value="&lt;script&gt;x&lt;/script&gt;"')
    expect((await portal.request('/suche?q=a&von=2026-13-01')).status).toBe(400)
    expect((await portal.request('/suche?q=a&art=alles')).status).toBe(400)
    expect((await portal.request('/suche?q=a&von=2026-05-01&bis=2026-01-01')).status).toBe(400)
    // without a search the page says so instead of failing
    expect(await (await portalWith().request('/suche?q=Radweg')).text()).toContain('Die Suche ist derzeit nicht verfügbar')
  })
})

describe('every reachable page', () => {
  it('has lang, one h1, a skip link to main, a breadcrumb (except home) and a unique title', async () => {
    const portal = portalWith()
    const pages = new Map<string, { title: string; etag: string; path: string }[]>()
    const problems: string[] = []
    const report = await crawlPublic({
      origin: relay.config.publicUrl,
      fetch: async (url) => portal.request(url),
      start: ['/'],
      exclude: /^\/(app|api|sync|oparl|feeds|kalender|dokumente|portal-assets)(\/|$)|\.(zip|ics)$|^\/personen\/[^/]+\/bild$/,
      maxRequests: 700,
      maxVariantsPerPath: 4,
      inspect: (body) => {
        if (body.contentType !== 'text/html') return
        if (body.status >= 500) problems.push(`${body.path}: ${body.status}`)
        if (body.status !== 200) return
        const html = body.text
        if (!html.startsWith('<!doctype html>\n<html lang="de">')) problems.push(`${body.path}: no lang`)
        if (h1s(html) !== 1) problems.push(`${body.path}: ${h1s(html)} h1`)
        if (!html.includes('<a class="skip" href="#inhalt">') || !html.includes('<main id="inhalt"')) problems.push(`${body.path}: no skip link`)
        if (body.path !== '/' && !html.includes('aria-label="Brotkrumenpfad"')) problems.push(`${body.path}: no breadcrumb`)
        // headings never skip a level going down
        let level = 0
        for (const m of html.matchAll(/<h([1-6])[\s>]/g)) {
          const next = Number(m[1])
          if (next > level + 1) problems.push(`${body.path}: h${level} → h${next}`)
          level = next
        }
        const t = title(html)
        pages.set(t, [...(pages.get(t) ?? []), { title: t, etag: html.replace(/<nav class="crumbs[\s\S]*?<\/nav>/, ''), path: body.path }])
      },
    })
    expect(report.requests).toBeGreaterThan(200)
    expect(problems).toEqual([])
    // a title names one page: URLs sharing a title show the same content
    for (const [t, list] of pages) {
      const distinct = new Set(list.map((x) => x.etag))
      expect(distinct.size, `${t}: ${list.map((x) => x.path).join(', ')}`).toBe(1)
    }
  }, 120_000)
})

describe('architecture', () => {
  it('portal code reads only the public model: no document, registry or database access', () => {
    const dir = import.meta.dirname
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8')
      expect(source, file).not.toMatch(/from '\.\.\/(access|sync|db|read-model|structure|papers|meetings|minutes)\//)
      expect(source, file).not.toMatch(/relayRepo|\.prepare\(/)
    }
  })
})
