/**
 * Meetings end to end on a real relay: planning (locations, create, calendar, conflicts, series),
 * the release (audiences, PDFs, papers made public, Ladungsfrist, Nachtrag, notifications),
 * cancellation, idempotent commands, waiting for the client's heads, and clients that try to
 * cheat (members posting commands, reading the non-public part by URL or blob hash, writing the
 * meeting document themselves).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as A from '@automerge/automerge'
import { encodeHeads, type AutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import type { AgendaItem, MeetingConfidentialDoc, MeetingDoc, PaperDoc, PaperListEntry } from '@ratstisch/domain'
import fs from 'node:fs'
import path from 'node:path'
import { startFixture, TEST_PASSWORD, waitFor, type Fixture } from '../testing/relay-fixture.ts'
import { CLOSE_POLICY } from '../sync/gated-websocket-adapter.ts'
import type { CalendarEntry } from '@ratstisch/domain'

let fx: Fixture
const cookies: Record<string, string> = {}

beforeAll(async () => {
  fx = await startFixture()
  await fx.relay.users.create({ id: 'author', username: 'author', name: 'Bauamt', password: TEST_PASSWORD, roles: ['author'], departmentId: 'dept-bau' })
  await fx.relay.users.create({ id: 'mayor', username: 'mayor', name: 'Bürgermeisterin', password: TEST_PASSWORD, roles: ['approver'] })
  fx.relay.db.exec(`
    INSERT INTO persons (id, name, email) VALUES ('p-c', 'Clara Vogt', 'clara.vogt@example.org');
    UPDATE persons SET email = 'anna.becker@example.org' WHERE id = 'p-a';
    INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date) VALUES ('m-c-bau', 'p-c', 'org-bau', 'Vorsitz', 1, '2024-07-01');
  `)
  fx.relay.registry.invalidateUsers('all')
  for (const u of ['clerk', 'member-a', 'member-b', 'author', 'mayor']) cookies[u] = await fx.login(u)
}, 60_000)
afterAll(async () => {
  await fx.close()
})

async function api(user: string, method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fx.origin}/api${p}`, {
    method,
    headers: { cookie: cookies[user], origin: fx.origin, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> }
}

let seq = 0
const cmd = (action: string, extra: Record<string, unknown> = {}) => ({ id: `mcmd-${Date.now()}-${++seq}`, action, ...extra })

/** ISO date-time `days` from today at 17:00 Berlin time (offset of that day). */
function inDays(days: number, hour = 17): string {
  const d = new Date(Date.now() + days * 86400_000)
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d)
  const probe = new Date(`${day}T12:00:00Z`)
  const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(probe))
  const offset = berlinHour - 12
  return `${day}T${String(hour).padStart(2, '0')}:00:00+0${offset}:00`
}

async function manifestUrls(user: string): Promise<string[]> {
  const res = await api(user, 'GET', '/sync/manifest')
  return (res.json.documents as Array<{ url: string }>).map((d) => d.url)
}

async function relayDoc<T>(url: string): Promise<A.Doc<T>> {
  return (await fx.relay.relayRepo.doc<T>(url.replace('automerge:', '') as DocumentId))!
}

async function canFetch(user: string, url: string): Promise<boolean> {
  const client = await fx.client(user, { device: `probe-${++seq}` })
  try {
    const handle = await client.repo.find(url as AutomergeUrl, { signal: AbortSignal.timeout(3000) })
    return !!handle.doc()
  } catch {
    return false
  } finally {
    await client.close()
  }
}

async function releasedPaper(name: string): Promise<PaperListEntry> {
  const created = await api('author', 'POST', '/papers', { paperType: 'Beschlussvorlage', name })
  expect(created.status).toBe(201)
  const paper = created.json as unknown as PaperListEntry
  expect((await api('author', 'POST', `/papers/${paper.id}/commands`, cmd('request-approval'))).status).toBe(201)
  expect((await api('mayor', 'POST', `/papers/${paper.id}/commands`, cmd('release'))).status).toBe(201)
  return paper
}

const paperItem = (id: string, order: number, paper: PaperListEntry, isPublic: boolean): AgendaItem => ({
  id,
  number: '',
  order,
  title: paper.name,
  public: isPublic,
  files: [],
  kind: 'paper',
  paper: { url: paper.url, id: paper.id, reference: paper.reference, name: paper.name, paperType: 'Beschlussvorlage' },
})

describe('locations', () => {
  it('lets the office keep places, with German messages for bad input; members only read them', async () => {
    const created = await api('clerk', 'POST', '/admin/locations', {
      description: 'Rathaus, Ratssaal',
      room: 'Ratssaal',
      streetAddress: 'Markt 1',
      postalCode: '06999',
      locality: 'Musterstadt',
      accessibility: 'Aufzug, induktive Höranlage',
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ description: 'Rathaus, Ratssaal', accessibility: 'Aufzug, induktive Höranlage' })
    const bad = await api('clerk', 'POST', '/admin/locations', { description: 'Bürgerhaus', postalCode: '123' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatch(/Postleitzahl/)
    expect((await api('clerk', 'POST', '/admin/locations', { room: 'ohne Bezeichnung' })).json.error).toMatch(/Bezeichnung/)
    expect((await api('member-a', 'POST', '/admin/locations', { description: 'Keller' })).status).toBe(403)
    const updated = await api('clerk', 'PUT', `/admin/locations/${created.json.id}`, { description: 'Rathaus Musterstadt, Ratssaal', room: 'Ratssaal' })
    expect(updated.json).toMatchObject({ description: 'Rathaus Musterstadt, Ratssaal' })
    expect(updated.json.accessibility).toBeUndefined()
    expect((await api('clerk', 'PUT', '/admin/locations/loc-missing', { description: 'x' })).status).toBe(404)
    const list = await api('member-a', 'GET', '/locations')
    expect((list.json.locations as Array<{ id: string }>).map((l) => l.id)).toContain(created.json.id)
    expect((await fetch(`${fx.origin}/api/locations`)).status).toBe(401)
  })
})

describe('planning and release', () => {
  let meeting: { id: string; url: string; confidentialUrl: string }
  let locationId: string
  let publicPaper: PaperListEntry
  let hiddenPaper: PaperListEntry
  let firstRelease: { id: string; result: Record<string, unknown> }

  it('creates both documents for the office only, with roster, chair and the standard items', async () => {
    locationId = (await api('clerk', 'POST', '/admin/locations', { description: 'Rathaus, Sitzungsraum 2.14', accessibility: 'Aufzug bis 2. OG' })).json.id as string
    expect((await api('member-a', 'POST', '/meetings', { organizationId: 'org-bau', start: inDays(30) })).status).toBe(403)
    expect((await api('clerk', 'POST', '/meetings', { organizationId: 'org-bau', start: '2027-03-11 17:00' })).status).toBe(400)
    expect((await api('clerk', 'POST', '/meetings', { organizationId: 'org-nope', start: inDays(30) })).status).toBe(400)
    const res = await api('clerk', 'POST', '/meetings', { organizationId: 'org-bau', start: inDays(30), end: inDays(30, 20), locationId })
    expect(res.status).toBe(201)
    meeting = res.json as unknown as typeof meeting
    expect(res.json.conflicts).toEqual([])

    const doc = await relayDoc<MeetingDoc>(meeting.url)
    expect(doc.state).toBe('planned')
    expect(doc.locationId).toBe(locationId)
    expect(doc.accessibility).toBe('Aufzug bis 2. OG')
    expect(doc.roster!.map((r) => r.name).sort()).toEqual(['Anna Becker', 'Clara Vogt'])
    expect(doc.chair).toEqual({ personId: 'p-c', name: 'Clara Vogt' })
    expect(doc.agendaItems.length).toBeGreaterThan(0)
    expect(doc.agendaItems.every((i) => i.kind === 'standard' && /^Ö \d+/.test(i.number))).toBe(true)
    expect(fx.relay.registry.get(meeting.url.slice(10))?.readers).toEqual(['role:clerk', 'role:admin'])

    // members (even of the body) do not see it: not in the manifest, the URL gives nothing
    expect(await manifestUrls('member-a')).not.toContain(meeting.url)
    expect(await manifestUrls('member-a')).not.toContain(meeting.confidentialUrl)
    expect(await manifestUrls('clerk')).toContain(meeting.confidentialUrl)
    expect(await canFetch('member-a', meeting.url)).toBe(false)
    expect(await canFetch('member-a', meeting.confidentialUrl)).toBe(false)
    // nor in the public portal
    expect(await (await fetch(`${fx.origin}/`)).text()).not.toContain(doc.name)
    // a member posting a command on a meeting they cannot see: the same 404 as for none
    expect((await api('member-a', 'POST', `/meetings/${meeting.id}/commands`, cmd('release'))).status).toBe(404)
  })

  it('lists planned meetings in the office calendar and reports room conflicts', async () => {
    const cal = await api('clerk', 'GET', '/meetings/calendar')
    const entry = (cal.json.meetings as CalendarEntry[]).find((m) => m.id === meeting.id)
    expect(entry).toMatchObject({ state: 'planned', released: false, agendaVersion: 0, locationId, url: meeting.url, confidentialUrl: meeting.confidentialUrl })
    expect((await api('member-a', 'GET', '/meetings/calendar')).status).toBe(403)

    const conflicts = await api('clerk', 'GET', `/meetings/conflicts?organizationId=org-rat&start=${encodeURIComponent(inDays(30, 18))}&locationId=${locationId}`)
    expect(conflicts.status).toBe(200)
    const kinds = (conflicts.json.conflicts as Array<{ kind: string; meetingId: string }>).filter((c) => c.meetingId === meeting.id).map((c) => c.kind)
    // same room, and Anna Becker sits in both bodies
    expect(kinds.sort()).toEqual(['members', 'room'])
  })

  it('releases: opens the audiences, renders the PDFs, makes papers of public items public — not those of non-public ones', async () => {
    publicPaper = await releasedPaper('Neubau Radweg Lindenallee')
    hiddenPaper = await releasedPaper('Grundstücksverkauf Flurstück 17')
    // the clerk edits the agenda on her device (sync) and releases with the heads she saw
    const clerk = await fx.client('clerk', { device: 'laptop' })
    const pub = await clerk.repo.find<MeetingDoc>(meeting.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const conf = await clerk.repo.find<MeetingConfidentialDoc>(meeting.confidentialUrl as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    pub.change((d) => {
      d.agendaItems.push(paperItem('item-radweg', 50, publicPaper, true))
    })
    conf.change((d) => {
      d.agendaItems.push(paperItem('item-grundstueck', 1, hiddenPaper, false))
    })
    const heads = { [meeting.url.slice(10)]: pub.heads(), [meeting.confidentialUrl.slice(10)]: conf.heads() }

    expect((await api('member-a', 'POST', `/meetings/${meeting.id}/commands`, cmd('release'))).status).toBe(404)
    const command = cmd('release', { heads })
    const res = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, command)
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ applied: true, repeated: false, version: 1 })
    firstRelease = { id: command.id, result: res.json }

    const doc = await relayDoc<MeetingDoc>(meeting.url)
    const confDoc = await relayDoc<MeetingConfidentialDoc>(meeting.confidentialUrl)
    expect(doc.state).toBe('invited')
    expect(doc.agendaItems.find((i) => i.id === 'item-radweg')?.number).toMatch(/^Ö \d+$/)
    expect(confDoc.agendaItems.find((i) => i.id === 'item-grundstueck')?.number).toMatch(/^N \d+$/)
    expect(doc.releases).toHaveLength(1)
    expect(doc.releases![0]).toMatchObject({ version: 1, kind: 'invitation', byName: 'Sabine Krüger', changes: [] })
    expect(doc.invitation?.sha256).toBe(doc.releases![0].letter!.sha256)
    expect(confDoc.releases).toHaveLength(1)
    const confAgenda = confDoc.releases![0].agenda
    const publicAgenda = doc.releases![0].agenda!
    expect(confAgenda.mime).toBe('application/pdf')
    expect(fx.relay.registry.get(meeting.url.slice(10))?.readers).toEqual(['public'])
    expect(fx.relay.registry.get(meeting.confidentialUrl.slice(10))?.readers).toEqual(['org:org-bau', 'role:clerk', 'role:admin'])

    // member of the body reads both parts; member of another body only the public one
    expect(await manifestUrls('member-a')).toEqual(expect.arrayContaining([meeting.url, meeting.confidentialUrl]))
    expect(await canFetch('member-a', meeting.confidentialUrl)).toBe(true)
    expect(await manifestUrls('member-b')).toContain(meeting.url)
    expect(await manifestUrls('member-b')).not.toContain(meeting.confidentialUrl)
    expect(await canFetch('member-b', meeting.url)).toBe(true)
    expect(await canFetch('member-b', meeting.confidentialUrl)).toBe(false)
    // adversarial: the blob hash of the non-public agenda PDF
    expect((await fetch(`${fx.origin}/api/files/${confAgenda.sha256}`, { headers: { cookie: cookies['member-b'] } })).status).toBe(404)
    const own = await fetch(`${fx.origin}/api/files/${confAgenda.sha256}`, { headers: { cookie: cookies['member-a'] } })
    expect(own.status).toBe(200)
    expect(Buffer.from(await own.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await fetch(`${fx.origin}/api/files/${publicAgenda.sha256}`, { headers: { cookie: cookies['member-b'] } })).status).toBe(200)

    // papers: the public item's paper is public now, the non-public item's paper is not
    const shown = await relayDoc<PaperDoc>(publicPaper.url)
    const hidden = await relayDoc<PaperDoc>(hiddenPaper.url)
    expect(shown.public).toBe(true)
    expect(fx.relay.registry.get(publicPaper.url.slice(10))?.readers).toEqual(['public'])
    expect(hidden.public).toBe(false)
    expect(fx.relay.registry.get(hiddenPaper.url.slice(10))?.readers).not.toContain('public')

    // calendar and audit
    const entry = ((await api('clerk', 'GET', '/meetings/calendar')).json.meetings as CalendarEntry[]).find((m) => m.id === meeting.id)
    expect(entry).toMatchObject({ state: 'invited', released: true, agendaVersion: 1 })
    expect(fx.relay.audit.recent('meeting-command').some((e) => e.actor === 'clerk')).toBe(true)

    // the real notifier: one mail to each member of the body with an address, public facts only
    const sent = fx.relay.db.prepare('SELECT recipient, channel FROM notifications WHERE key = ?').all(`release:${meeting.id}:v1`) as { recipient: string; channel: string }[]
    expect(sent.map((s) => s.recipient).sort()).toEqual(['anna.becker@example.org', 'clara.vogt@example.org'])
    const mailDir = fx.relay.config.mailDir || path.join(fx.dataDir, 'mail-outbox')
    const mails = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8')) : []
    expect(mails.length).toBeGreaterThan(0)
    for (const mail of mails) expect(mail).not.toContain('Flurstück')
    await clerk.close()
  }, 60_000)

  it('answers a repeated command with the first result and does not release again', async () => {
    const again = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, { id: firstRelease.id, action: 'release' })
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ applied: true, repeated: true, version: 1 })
    expect((await relayDoc<MeetingDoc>(meeting.url)).releases).toHaveLength(1)
    // the id belongs to that meeting
    const other = await api('clerk', 'POST', '/meetings', { organizationId: 'org-rat', start: inDays(40) })
    expect((await api('clerk', 'POST', `/meetings/${other.json.id}/commands`, { id: firstRelease.id, action: 'release' })).status).toBe(409)
  })

  it('refuses a member’s command on a released meeting (403) and drops a member’s change to the document', async () => {
    expect((await api('member-a', 'POST', `/meetings/${meeting.id}/commands`, cmd('cancel', { reason: 'keine Lust' }))).status).toBe(403)
    expect((await api('member-a', 'POST', `/meetings/${meeting.id}/commands`, { id: 'bad', action: 'release' })).status).toBe(400)
    expect((await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('open-doors'))).status).toBe(400)

    const a = await fx.client('member-a', { device: 'forger' })
    const handle = await a.repo.find<MeetingDoc>(meeting.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const before = A.getHeads(await relayDoc<MeetingDoc>(meeting.url))
    handle.change((d) => {
      d.state = 'cancelled'
      d.agendaItems[0].title = 'gefälscht'
    })
    const closed = await Promise.race([a.adapter.closed, new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 3000))])
    expect(closed.code).toBe(CLOSE_POLICY)
    expect(A.getHeads(await relayDoc<MeetingDoc>(meeting.url))).toEqual(before)
    expect((await relayDoc<MeetingDoc>(meeting.url)).state).toBe('invited')
  })

  it('releases a Nachtrag with the changes of the public items only', async () => {
    const clerk = await fx.client('clerk', { device: 'laptop-2' })
    const pub = await clerk.repo.find<MeetingDoc>(meeting.url as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    const conf = await clerk.repo.find<MeetingConfidentialDoc>(meeting.confidentialUrl as AutomergeUrl, { signal: AbortSignal.timeout(5000) })
    await waitFor(pub, (d) => (d.releases ?? []).length === 1)
    const renamed = pub.doc().agendaItems[0]
    pub.change((d) => {
      d.agendaItems.push({ id: 'item-spielplatz', number: '', order: 60, title: 'Sanierung Spielplatz Am Anger', public: true, files: [], kind: 'other' })
      d.agendaItems[0].title = `${renamed.title} (geändert)`
    })
    conf.change((d) => {
      d.agendaItems.push({ id: 'item-personal', number: '', order: 2, title: 'Personalangelegenheit Müller', public: false, files: [], kind: 'other' })
    })
    const heads = { [meeting.url.slice(10)]: pub.heads(), [meeting.confidentialUrl.slice(10)]: conf.heads() }
    const res = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('release', { heads }))
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json.version).toBe(2)
    const doc = await relayDoc<MeetingDoc>(meeting.url)
    const release = doc.releases![1]
    expect(release.kind).toBe('nachtrag')
    expect(release.changes.some((c) => c.startsWith('neu: Ö') && c.includes('Sanierung Spielplatz Am Anger'))).toBe(true)
    expect(release.changes.some((c) => c.startsWith('geändert:') && c.includes('(geändert)'))).toBe(true)
    expect(release.changes.join(' ')).not.toContain('Personalangelegenheit')
    expect((await relayDoc<MeetingConfidentialDoc>(meeting.confidentialUrl)).releases).toHaveLength(2)
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE key = ?').get(`release:${meeting.id}:v2`)).toMatchObject({ n: 2 })
    await clerk.close()
  }, 30_000)

  it('answers 503 while the relay lacks the heads the command was made on', async () => {
    const fake = '0'.repeat(64)
    const started = Date.now()
    const res = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('release', { heads: { [meeting.url.slice(10)]: encodeHeads([fake]) } }))
    expect(res.status).toBe(503)
    expect(res.json.code).toBe('not-synced')
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500)
    expect((await relayDoc<MeetingDoc>(meeting.url)).releases).toHaveLength(2)
    // heads of a document of another meeting are refused outright
    expect((await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('release', { heads: { [fx.meetingDocId]: [fake] } }))).status).toBe(400)
  }, 15_000)

  it('cancels with a reason and tells the members', async () => {
    expect((await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('cancel'))).status).toBe(400)
    const res = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('cancel', { reason: 'Beschlussunfähigkeit absehbar' }))
    expect(res.status).toBe(200)
    const doc = await relayDoc<MeetingDoc>(meeting.url)
    expect(doc).toMatchObject({ state: 'cancelled', cancelledReason: 'Beschlussunfähigkeit absehbar' })
    expect(fx.relay.db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE key = ?').get(`cancel:${meeting.id}`)).toMatchObject({ n: 2 })
    const again = await api('clerk', 'POST', `/meetings/${meeting.id}/commands`, cmd('release'))
    expect(again.status).toBe(409)
  })
})

describe('Ladungsfrist', () => {
  it('refuses a release inside the Ladungsfrist without a reason and records the urgency with one', async () => {
    const created = await api('clerk', 'POST', '/meetings', { organizationId: 'org-bau', start: inDays(5) })
    expect(created.status).toBe(201)
    const id = created.json.id as string
    const refused = await api('clerk', 'POST', `/meetings/${id}/commands`, cmd('release'))
    expect(refused.status).toBe(409)
    expect(refused.json.code).toBe('invitation-period')
    expect(refused.json.error).toMatch(/Ladungsfrist/)
    expect((await relayDoc<MeetingDoc>(created.json.url as string)).state).toBe('planned')
    expect(fx.relay.registry.get((created.json.url as string).slice(10))?.readers).not.toContain('public')

    const urgent = await api('clerk', 'POST', `/meetings/${id}/commands`, cmd('release', { urgencyReason: 'Fördermittelfrist endet am Monatsende' }))
    expect(urgent.status, JSON.stringify(urgent.json)).toBe(200)
    const doc = await relayDoc<MeetingDoc>(created.json.url as string)
    expect(doc.releases![0].urgencyReason).toBe('Fördermittelfrist endet am Monatsende')

    // too late even for an urgent invitation
    const tooLate = await api('clerk', 'POST', '/meetings', { organizationId: 'org-bau', start: inDays(1) })
    const refusedUrgent = await api('clerk', 'POST', `/meetings/${tooLate.json.id}/commands`, cmd('release', { urgencyReason: 'dringend' }))
    expect(refusedUrgent.status).toBe(409)
  }, 30_000)
})

describe('series', () => {
  it('plans a series of meetings with the rule', async () => {
    const start = new Date(Date.now() + 60 * 86400_000)
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(start)
    const until = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(start.getTime() + 70 * 86400_000))
    const bad = await api('clerk', 'POST', '/meetings/series', { organizationId: 'org-rat', rule: { frequency: 'daily' } })
    expect(bad.status).toBe(400)
    const res = await api('clerk', 'POST', '/meetings/series', {
      organizationId: 'org-rat',
      rule: { frequency: 'weekly', interval: 4, firstStart: `${day}T18:00`, durationMinutes: 180, until },
    })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    const meetings = res.json.meetings as Array<{ id: string; start: string }>
    expect(meetings.length).toBe(3)
    expect(meetings[0].start.startsWith(`${day}T18:00`)).toBe(true)
    const cal = (await api('clerk', 'GET', '/meetings/calendar?organizationId=org-rat')).json.meetings as CalendarEntry[]
    expect(cal.filter((m) => m.seriesId === res.json.seriesId)).toHaveLength(3)
    expect((await api('member-b', 'POST', '/meetings/series', { organizationId: 'org-rat', rule: {} })).status).toBe(403)
  })
})
