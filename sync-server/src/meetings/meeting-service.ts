/**
 * Meetings on the relay (docs/MEETINGS.md): planning (create, series, conflicts, calendar) and the
 * server-checked commands `release` and `cancel`; the minutes commands go to the MinutesService.
 *
 * A meeting is two Automerge documents: the public `meeting` and the `meeting-confidential` one.
 * Until the release only the office reads them (draft audience); the release opens the public
 * document to everyone and the non-public one to the body. Every write here goes through the
 * relay's own handles, is persisted, projected into the read model and audited.
 *
 * Commands of one meeting run one after the other (a per-meeting queue), so two releases coming
 * back from two offline laptops at once produce versions n and n+1, never two versions n.
 */
import * as A from '@automerge/automerge'
import { decodeHeads, type DocHandle, type DocumentId, type UrlHeads } from '@automerge/automerge-repo'
import {
  MEETING_ACTIONS,
  agendaItemsFromTemplate,
  checkInvitationPeriod,
  defaultAccess,
  expandSeries,
  findConflicts,
  formatLocation,
  renumberAgenda,
  standardItemsFor,
  type AgendaItem,
  type AgendaRelease,
  type BodySettings,
  type CalendarEntry,
  type ConflictCandidate,
  type FileRef,
  type MeetingCommand,
  type MeetingCommandResult,
  type MeetingConfidentialDoc,
  type MeetingConflict,
  type MeetingDoc,
  type RosterEntry,
  type SeriesRule,
} from '@ratstisch/domain'
import { meetingPdfFileName, renderAgendaPdf, renderInvitationPdf, type PdfFonts } from '@ratstisch/paper-pdf'
import { randomUUID } from 'node:crypto'
import type { AccessRegistry } from '../access/access-registry.ts'
import { todayInBerlin } from '../access/access-registry.ts'
import type { BodyNotice } from '../notify/notice-text.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { BlobRegistry } from '../files/blob-registry.ts'
import type { BlobStore } from '../files/blob-store.ts'
import type { MeetingCatalogue, MeetingRow } from '../read-model/meeting-catalogue.ts'
import type { Projection } from '../read-model/projection.ts'
import { storedBodySettings } from '../structure/structure-store.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'
import { LocationStore, locationInfo } from './location-store.ts'

export class MeetingError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 501 | 503,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export interface BodyNotifier {
  notifyBody(notice: BodyNotice): Promise<{ mails: number; pushes: number; failed: number }>
}

/** H5's minutes commands. */
export interface MinutesCommands {
  command(userId: string, meetingId: string, cmd: MeetingCommand): Promise<MeetingCommandResult>
}

/** Marks a paper public (paper document `public = true`, audience follows). */
export interface PaperPublisher {
  markPublic(paperId: string, by: { meetingId: string }): Promise<boolean>
}


export interface MeetingServiceDeps {
  db: RelayDatabase
  users: UserStore
  registry: AccessRegistry
  audit: AuditLog
  relayRepo: RelayRepo
  catalogue: MeetingCatalogue
  projection: Projection
  blobStore: BlobStore
  blobs: BlobRegistry
  townName: () => string
  loadFonts: () => Promise<PdfFonts>
  papers?: PaperPublisher
  minutes?: MinutesCommands
  notifier?: BodyNotifier
  /** today's date in Europe/Berlin (tests move the clock) */
  today?: () => string
}

const OFFICE = ['clerk', 'admin']
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CMD_ID = /^[A-Za-z0-9_-]{8,100}$/
const isStr = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max
/** JSON round trip: Automerge rejects `undefined` values. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const docId = (url: string) => url.replace(/^automerge:/, '') as DocumentId
const berlinDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(iso))

interface OrgRow {
  id: string
  name: string
  short_name: string | null
  settings: string | null
}

interface ReleaseSnapshot {
  version: number
  publicItems: Array<{ id: string; number: string; title: string }>
}

export class MeetingService {
  readonly locations: LocationStore
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(private readonly deps: MeetingServiceDeps) {
    this.locations = new LocationStore(deps.db)
  }

  /** the relay constructs the notifier after the services */
  setNotifier(notifier: BodyNotifier): void {
    this.deps.notifier = notifier
  }

  private today(): string {
    return (this.deps.today ?? todayInBerlin)()
  }

  isOffice(userId: string): boolean {
    return this.deps.users.roles(userId).some((r) => OFFICE.includes(r))
  }

  requireOffice(userId: string, what = 'Sitzungen planen'): void {
    if (!this.isOffice(userId)) throw new MeetingError(403, 'forbidden', `Nur das Sitzungsbüro darf ${what}`)
  }

  private organization(id: unknown): OrgRow {
    const row = isStr(id, 100)
      ? (this.deps.db.prepare(`SELECT id, name, short_name, settings FROM organizations WHERE id = ? AND organization_type = 'Gremium'`).get(id) as OrgRow | undefined)
      : undefined
    if (!row) throw new MeetingError(400, 'bad-request', 'Unbekanntes Gremium')
    return row
  }

  private settings(org: OrgRow): BodySettings {
    return storedBodySettings(org.settings)
  }

  /** Seats of the body on a day (members and substitutes), for the roster. */
  roster(organizationId: string, day: string): { roster: RosterEntry[]; chair?: { personId: string; name: string } } {
    const rows = this.deps.db
      .prepare(
        `SELECT m.person_id, p.name, m.role, m.voting_right, f.name AS faction, m.substitute_for_person_id
         FROM memberships m JOIN persons p ON p.id = m.person_id LEFT JOIN organizations f ON f.id = m.on_behalf_of
         WHERE m.organization_id = ? AND (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)
         ORDER BY p.name COLLATE NOCASE`,
      )
      .all(organizationId, day, day) as {
      person_id: string
      name: string
      role: string
      voting_right: number
      faction: string | null
      substitute_for_person_id: string | null
    }[]
    const roster: RosterEntry[] = []
    for (const r of rows) {
      if (roster.some((e) => e.personId === r.person_id)) continue
      const entry: RosterEntry = { personId: r.person_id, name: r.name, role: r.role, votingRight: !!r.voting_right }
      if (r.faction) entry.factionName = r.faction
      if (r.substitute_for_person_id) entry.substituteForPersonId = r.substitute_for_person_id
      roster.push(entry)
    }
    const chair = roster.find((e) => e.role === 'Vorsitz')
    return { roster, chair: chair ? { personId: chair.personId, name: chair.name } : undefined }
  }

  // -------------------------------------------------------------------------------------------
  // planning
  // -------------------------------------------------------------------------------------------

  async create(
    userId: string,
    input: unknown,
    extra: { seriesId?: string } = {},
  ): Promise<{ id: string; url: string; confidentialUrl: string; start: string; conflicts: MeetingConflict[] }> {
    this.requireOffice(userId)
    const v = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
    const org = this.organization(v.organizationId)
    if (!isStr(v.start, 40) || !ISO_WITH_OFFSET.test(v.start) || Number.isNaN(Date.parse(v.start)))
      throw new MeetingError(400, 'bad-request', 'Bitte Beginn als Datum mit Uhrzeit angeben (ISO mit Zeitzone, z. B. 2027-03-11T17:00:00+01:00)')
    const start = v.start
    let end: string | undefined
    if (v.end !== undefined && v.end !== null && v.end !== '') {
      if (!isStr(v.end, 40) || !ISO_WITH_OFFSET.test(v.end) || Number.isNaN(Date.parse(v.end))) throw new MeetingError(400, 'bad-request', 'Ungültiges Ende der Sitzung')
      if (Date.parse(v.end) <= Date.parse(start)) throw new MeetingError(400, 'bad-request', 'Das Ende muss nach dem Beginn liegen')
      end = v.end
    }
    let name = typeof v.name === 'string' ? v.name.trim() : ''
    if (name.length > 300) throw new MeetingError(400, 'bad-request', 'Der Name ist zu lang (höchstens 300 Zeichen)')
    const location = v.locationId !== undefined && v.locationId !== null && v.locationId !== '' ? (isStr(v.locationId, 100) ? this.locations.get(v.locationId) : undefined) : undefined
    if (v.locationId && !location) throw new MeetingError(400, 'bad-request', 'Unbekannter Sitzungsort')
    let invitationDate: string | undefined
    if (v.invitationDate !== undefined && v.invitationDate !== null && v.invitationDate !== '') {
      if (!isStr(v.invitationDate, 10) || !ISO_DATE.test(v.invitationDate)) throw new MeetingError(400, 'bad-request', 'Ungültiges Datum der Einladung')
      invitationDate = v.invitationDate
    }
    if (!name) {
      const count = (this.deps.db.prepare(`SELECT COUNT(*) AS n FROM meetings WHERE organization_id = ? AND start < ?`).get(org.id, start) as { n: number }).n
      name = `${count + 1}. Sitzung des Gremiums ${org.short_name || org.name}`
    }

    const id = `mtg-${randomUUID().replaceAll('-', '').slice(0, 20)}`
    const { roster, chair } = this.roster(org.id, berlinDay(start))
    const items = agendaItemsFromTemplate(standardItemsFor(this.settings(org)), () => `item-${randomUUID().replaceAll('-', '').slice(0, 16)}`)
    const numbers = renumberAgenda(items.public, items.confidential)
    for (const item of [...items.public, ...items.confidential]) item.number = numbers.get(item.id) ?? item.number
    const meeting: MeetingDoc = {
      type: 'meeting',
      id,
      organization: { id: org.id, name: org.name, shortName: org.short_name || org.name },
      name,
      start,
      location: location ? locationInfo(location) : { description: '' },
      state: 'planned',
      agendaItems: items.public,
      roster,
      releases: [],
    }
    if (end) meeting.end = end
    if (location) meeting.locationId = location.id
    if (location?.accessibility) meeting.accessibility = location.accessibility
    if (extra.seriesId) meeting.seriesId = extra.seriesId
    if (invitationDate) meeting.invitationDate = invitationDate
    if (chair) meeting.chair = chair
    const confidential: MeetingConfidentialDoc = { type: 'meeting-confidential', meetingId: id, agendaItems: items.confidential, releases: [] }

    const repo = this.deps.relayRepo.repo
    const pub = repo.create<MeetingDoc>(plain(meeting))
    const conf = repo.create<MeetingConfidentialDoc>(plain(confidential))
    this.deps.registry.register({ documentId: pub.documentId, type: 'meeting', meetingId: id, ownerId: null, ...defaultAccess('meeting', { draft: true }) })
    this.deps.registry.register({
      documentId: conf.documentId,
      type: 'meeting-confidential',
      meetingId: id,
      ownerId: null,
      ...defaultAccess('meeting-confidential', { draft: true, organizationIds: [org.id] }),
    })
    await Promise.all([this.deps.relayRepo.persist(pub.documentId), this.deps.relayRepo.persist(conf.documentId)])
    this.deps.projection.project(pub.documentId, pub.doc())
    this.deps.catalogue.setConfidentialDoc(id, conf.documentId)
    this.deps.projection.project(conf.documentId, conf.doc())
    this.deps.audit.write('meeting-created', userId, pub.documentId, { meetingId: id, organizationId: org.id, ...(extra.seriesId ? { seriesId: extra.seriesId } : {}) })
    const conflicts = this.conflictsFor({ organizationId: org.id, start, end, locationId: location?.id, meetingId: id })
    return { id, url: pub.url, confidentialUrl: conf.url, start, conflicts }
  }

  async createSeries(userId: string, input: unknown): Promise<{ seriesId: string; meetings: { id: string; url: string; start: string; conflicts: MeetingConflict[] }[] }> {
    this.requireOffice(userId)
    const v = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
    const org = this.organization(v.organizationId)
    const rule = parseSeriesRule(v.rule)
    if (v.locationId && !(isStr(v.locationId, 100) && this.locations.get(v.locationId))) throw new MeetingError(400, 'bad-request', 'Unbekannter Sitzungsort')
    const name = typeof v.name === 'string' && v.name.trim() ? v.name.trim().slice(0, 300) : `Sitzungsreihe ${org.short_name || org.name}`
    const occurrences = expandSeries(rule)
    if (occurrences.length === 0) throw new MeetingError(400, 'bad-request', 'Die Regel ergibt keinen Termin – bitte Beginn und „bis“ prüfen')
    if (occurrences.length > 60) throw new MeetingError(400, 'bad-request', 'Höchstens 60 Termine je Sitzungsreihe')
    const seriesId = `series-${randomUUID().replaceAll('-', '').slice(0, 16)}`
    this.deps.db
      .prepare('INSERT INTO meeting_series (id, organization_id, name, rule, location_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(seriesId, org.id, name, JSON.stringify(rule), (v.locationId as string) || null, new Date().toISOString(), userId)
    const meetings = []
    for (const o of occurrences) {
      const created = await this.create(userId, { organizationId: org.id, start: o.start, end: o.end, locationId: v.locationId || undefined }, { seriesId })
      meetings.push({ id: created.id, url: created.url, start: created.start, conflicts: created.conflicts })
    }
    this.deps.audit.write('meeting-series-created', userId, null, { seriesId, organizationId: org.id, meetings: meetings.length })
    return { seriesId, meetings }
  }

  conflicts(userId: string, query: { organizationId?: string; start?: string; end?: string; locationId?: string; exclude?: string }): MeetingConflict[] {
    this.requireOffice(userId)
    const org = this.organization(query.organizationId)
    if (!query.start || !ISO_WITH_OFFSET.test(query.start)) throw new MeetingError(400, 'bad-request', 'Bitte Beginn angeben (ISO mit Zeitzone)')
    if (query.end && !ISO_WITH_OFFSET.test(query.end)) throw new MeetingError(400, 'bad-request', 'Ungültiges Ende')
    return this.conflictsFor({ organizationId: org.id, start: query.start, end: query.end || undefined, locationId: query.locationId || undefined, meetingId: query.exclude || undefined })
  }

  private conflictsFor(candidate: { organizationId: string; start: string; end?: string; locationId?: string; meetingId?: string }): MeetingConflict[] {
    const from = new Date(Date.parse(candidate.start) - 2 * 86400_000).toISOString()
    const to = new Date(Date.parse(candidate.end ?? candidate.start) + 2 * 86400_000).toISOString()
    const others: ConflictCandidate[] = this.deps.catalogue
      .all()
      .filter((m) => m.state !== 'cancelled' && m.id !== candidate.meetingId && Date.parse(m.start) >= Date.parse(from) && Date.parse(m.start) <= Date.parse(to))
      .map((m) => {
        const c: ConflictCandidate = { meetingId: m.id, name: m.name, organizationId: m.organizationId, organizationName: m.organizationName, start: m.start }
        if (m.end) c.end = m.end
        if (m.locationId) c.locationId = m.locationId
        if (m.location) c.locationName = m.location
        return c
      })
    const day = berlinDay(candidate.start)
    const seats = new Map<string, Set<string>>()
    const names = new Map<string, string>()
    const rows = this.deps.db
      .prepare(
        `SELECT m.organization_id, m.person_id, p.name FROM memberships m JOIN persons p ON p.id = m.person_id
         WHERE (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)`,
      )
      .all(day, day) as { organization_id: string; person_id: string; name: string }[]
    for (const r of rows) {
      if (!seats.has(r.organization_id)) seats.set(r.organization_id, new Set())
      seats.get(r.organization_id)!.add(r.person_id)
      names.set(r.person_id, r.name)
    }
    const input: Parameters<typeof findConflicts>[0] = { organizationId: candidate.organizationId, start: candidate.start }
    if (candidate.end) input.end = candidate.end
    if (candidate.locationId) input.locationId = candidate.locationId
    if (candidate.meetingId) input.meetingId = candidate.meetingId
    return findConflicts(input, others, seats, names)
  }

  calendar(userId: string, query: { from?: string; to?: string; organizationId?: string }): CalendarEntry[] {
    this.requireOffice(userId, 'den Sitzungskalender sehen')
    for (const d of [query.from, query.to]) if (d && !ISO_DATE.test(d)) throw new MeetingError(400, 'bad-request', 'Zeitraum bitte als Datum (JJJJ-MM-TT) angeben')
    return this.deps.catalogue
      .all()
      .filter((m) => (!query.organizationId || m.organizationId === query.organizationId) && (!query.from || berlinDay(m.start) >= query.from) && (!query.to || berlinDay(m.start) <= query.to))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map((m) => calendarEntry(m))
  }

  // -------------------------------------------------------------------------------------------
  // commands
  // -------------------------------------------------------------------------------------------

  /**
   * Waits until the relay's copies contain the heads a command was made on. Heads may be given as
   * automerge-repo URL heads (base58, what `handle.heads()` returns) or as hex change hashes.
   */
  async waitForHeads(heads: Record<string, string[]> | undefined, timeoutMs: number): Promise<boolean> {
    if (!heads) return true
    const deadline = Date.now() + timeoutMs
    for (const [documentId, list] of Object.entries(heads)) {
      if (list.length === 0) continue
      let hex: string[]
      try {
        hex = list.every((h) => /^[0-9a-f]{64}$/.test(h)) ? list : (decodeHeads(list as UrlHeads) as string[])
      } catch {
        throw new MeetingError(400, 'bad-request', 'Ungültige Dokumentstände')
      }
      const handle = await this.deps.relayRepo.handle<unknown>(documentId as DocumentId)
      for (;;) {
        if (A.hasHeads(handle.doc() as A.Doc<unknown>, hex)) break
        if (Date.now() >= deadline) return false
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            handle.off('change', done)
            resolve()
          }
          const timer = setTimeout(done, Math.min(100, Math.max(0, deadline - Date.now())))
          handle.on('change', done)
        })
      }
    }
    return true
  }

  async command(userId: string, meetingId: string, input: unknown, timeoutMs = 5000): Promise<MeetingCommandResult> {
    const cmd = parseMeetingCommand(input)
    const row = this.deps.catalogue.get(meetingId)
    // an unreadable meeting is "not found" (a draft's existence is not revealed)
    if (!row || !row.publicDocId || !this.deps.registry.canRead(userId, row.publicDocId)) throw new MeetingError(404, 'not-found', 'Sitzung nicht gefunden')
    if (!this.isOffice(userId)) throw new MeetingError(403, 'forbidden', 'Nur das Sitzungsbüro darf diesen Schritt ausführen')
    const heads = cmd.heads
    if (heads) {
      const ours = new Set([row.publicDocId, row.confidentialDocId, ...this.deps.registry.documentsOfMeeting(meetingId).map((e) => e.documentId)])
      if (Object.keys(heads).some((id) => !ours.has(id))) throw new MeetingError(400, 'bad-request', 'Dokumentstände gehören nicht zu dieser Sitzung')
    }
    return this.serialized(meetingId, async () => {
      const previous = this.previous(cmd.id)
      if (previous) {
        if (previous.meetingId !== meetingId) throw new MeetingError(409, 'id-reused', 'Diese Befehls-ID wurde bereits für eine andere Sitzung verwendet')
        return { ...previous.result, repeated: true }
      }
      if (!(await this.waitForHeads(heads, timeoutMs)))
        throw new MeetingError(503, 'not-synced', 'Die Änderungen dieses Geräts sind noch nicht beim Server angekommen – bitte gleich erneut versuchen')
      let result: MeetingCommandResult
      let snapshot: ReleaseSnapshot | undefined
      if (cmd.action === 'release') ({ result, snapshot } = await this.release(userId, row, cmd))
      else if (cmd.action === 'cancel') result = await this.cancel(userId, row, cmd)
      else {
        if (!this.deps.minutes) throw new MeetingError(501, 'not-implemented', 'Niederschriften sind auf diesem Server nicht verfügbar')
        result = await this.deps.minutes.command(userId, meetingId, cmd)
      }
      this.deps.db
        .prepare('INSERT OR IGNORE INTO meeting_commands (id, meeting_id, user_id, action, at, result) VALUES (?, ?, ?, ?, ?, ?)')
        .run(cmd.id, meetingId, userId, cmd.action, new Date().toISOString(), JSON.stringify({ result: { ...result, repeated: false }, snapshot }))
      this.deps.audit.write('meeting-command', userId, row.publicDocId, { meetingId, action: cmd.action, commandId: cmd.id, applied: result.applied, ...(result.version ? { version: result.version } : {}) })
      return { ...result, repeated: false }
    })
  }

  private previous(commandId: string): { meetingId: string; result: MeetingCommandResult } | undefined {
    const row = this.deps.db.prepare('SELECT meeting_id, result FROM meeting_commands WHERE id = ?').get(commandId) as { meeting_id: string; result: string } | undefined
    if (!row) return undefined
    const parsed = JSON.parse(row.result) as { result?: MeetingCommandResult } & MeetingCommandResult
    return { meetingId: row.meeting_id, result: parsed.result ?? parsed }
  }

  private lastSnapshot(meetingId: string): ReleaseSnapshot | undefined {
    const rows = this.deps.db.prepare(`SELECT result FROM meeting_commands WHERE meeting_id = ? AND action = 'release' ORDER BY at DESC, rowid DESC`).all(meetingId) as { result: string }[]
    for (const r of rows) {
      const parsed = JSON.parse(r.result) as { snapshot?: ReleaseSnapshot }
      if (parsed.snapshot) return parsed.snapshot
    }
    return undefined
  }

  private serialized<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(meetingId) ?? Promise.resolve()
    const run = before.catch(() => {}).then(work)
    const tail = run.catch(() => {})
    this.queues.set(meetingId, tail)
    void tail.then(() => {
      if (this.queues.get(meetingId) === tail) this.queues.delete(meetingId)
    })
    return run
  }

  private async handles(row: MeetingRow): Promise<{ pub: DocHandle<MeetingDoc>; conf: DocHandle<MeetingConfidentialDoc> | undefined }> {
    const pub = await this.deps.relayRepo.handle<MeetingDoc>(row.publicDocId as DocumentId)
    const conf = row.confidentialDocId ? await this.deps.relayRepo.handle<MeetingConfidentialDoc>(row.confidentialDocId as DocumentId) : undefined
    return { pub, conf }
  }

  private async release(userId: string, row: MeetingRow, cmd: MeetingCommand): Promise<{ result: MeetingCommandResult; snapshot: ReleaseSnapshot }> {
    const { pub, conf } = await this.handles(row)
    const meeting = pub.doc()
    if (meeting.state === 'cancelled') throw new MeetingError(409, 'cancelled', 'Die Sitzung ist abgesagt – eine Einladung ist nicht mehr möglich')
    if (meeting.live?.endedAt) throw new MeetingError(409, 'ended', 'Die Sitzung ist bereits beendet')
    const org = this.organization(meeting.organization.id)
    const settings = this.settings(org)
    const today = this.today()
    const check = checkInvitationPeriod(meeting.start, today, settings)
    const urgencyReason = cmd.urgencyReason?.trim() || undefined
    if (!check.ok) {
      if (!urgencyReason)
        throw new MeetingError(
          409,
          'invitation-period',
          `Die Ladungsfrist von ${check.requiredDays} Tagen ist nicht eingehalten (letzter regulärer Versand: ${germanDate(check.latestRegular)}). Eine Einladung mit verkürzter Frist braucht eine Begründung der Dringlichkeit.`,
          { check },
        )
      if (!check.urgentOk)
        throw new MeetingError(409, 'invitation-period', `Auch die verkürzte Ladungsfrist von ${check.urgentDays} Tagen ist nicht mehr einzuhalten (letzter Versand: ${germanDate(check.latestUrgent)}).`, { check })
    }
    const releases = meeting.releases ?? []
    const version = releases.reduce((n, r) => Math.max(n, r.version), 0) + 1
    const kind: AgendaRelease['kind'] = version === 1 ? 'invitation' : 'nachtrag'
    const byName = this.deps.users.byId(userId)?.name ?? userId

    // numbers and roster as of now; the PDFs are rendered from this state
    const publicItems = plain(meeting.agendaItems ?? [])
    const confItems = plain(conf?.doc().agendaItems ?? [])
    const numbers = renumberAgenda(publicItems, confItems)
    for (const item of [...publicItems, ...confItems]) item.number = numbers.get(item.id) ?? item.number
    const { roster, chair } = this.roster(org.id, berlinDay(meeting.start))
    const snapshotMeeting: MeetingDoc = { ...plain(meeting), agendaItems: publicItems, roster, ...(chair ? { chair } : {}) }

    const previous = this.lastSnapshot(row.id)
    const changes = version === 1 ? [] : agendaChanges(previous?.publicItems ?? [], publicItems)

    const { letter, agenda, confAgenda } = await this.renderReleasePdfs({
      meeting: snapshotMeeting,
      confidentialItems: conf ? confItems : [],
      organizationName: org.name,
      date: today,
      kind,
      version,
      changes,
      ...(urgencyReason ? { urgencyReason } : {}),
      ...(chair ? { chairName: chair.name } : {}),
    })

    const at = new Date().toISOString()
    const release: AgendaRelease = { version, kind, at, byName, letter, agenda, changes }
    if (urgencyReason) release.urgencyReason = urgencyReason
    // --- apply: numbers (only where an edit did not renumber meanwhile), roster, release ---
    pub.change((d) => {
      for (const item of d.agendaItems) {
        const n = numbers.get(item.id)
        if (n && item.number !== n) item.number = n
      }
      d.roster = plain(roster)
      if (chair) d.chair = plain(chair)
      if (!d.releases) d.releases = []
      d.releases.push(plain(release))
      d.invitation = plain(letter)
      if (d.state === 'planned') d.state = 'invited'
    })
    if (conf) {
      conf.change((d) => {
        for (const item of d.agendaItems) {
          const n = numbers.get(item.id)
          if (n && item.number !== n) item.number = n
        }
        if (confAgenda) {
          if (!d.releases) d.releases = []
          d.releases.push({ version, agenda: plain(confAgenda) })
        }
      })
    }

    // --- audiences: public document to everyone, the non-public one to the body ---
    this.openAudience(row.publicDocId!, 'meeting', row.id, org.id)
    if (row.confidentialDocId) this.openAudience(row.confidentialDocId, 'meeting-confidential', row.id, org.id)
    await Promise.all([this.deps.relayRepo.persist(pub.documentId), ...(conf ? [this.deps.relayRepo.persist(conf.documentId)] : [])])
    this.deps.projection.project(pub.documentId, pub.doc())
    if (conf) this.deps.projection.project(conf.documentId, conf.doc())

    // --- papers on public items become public; those on non-public items stay as they are ---
    const published: string[] = []
    if (this.deps.papers) {
      for (const item of publicItems) {
        if (item.paper?.id && (await this.deps.papers.markPublic(item.paper.id, { meetingId: row.id }))) published.push(item.paper.id)
      }
    }
    this.deps.audit.write('meeting-released', userId, row.publicDocId, { meetingId: row.id, version, kind, urgent: !!urgencyReason, papersPublished: published.length })

    let notified: MeetingCommandResult['notified']
    if (this.deps.notifier) {
      const sent = await this.deps.notifier.notifyBody({
        key: `release:${row.id}:v${version}`,
        kind,
        organizationId: org.id,
        organizationName: org.name,
        meetingName: meeting.name,
        start: meeting.start,
        location: formatLocation(meeting.location) || undefined,
        path: `/app/meetings/${row.id}`,
      })
      notified = { mails: sent.mails, pushes: sent.pushes }
    }
    const result: MeetingCommandResult = { applied: true, repeated: false, version, ...(notified ? { notified } : {}) }
    return { result, snapshot: { version, publicItems: publicItems.map((i) => ({ id: i.id, number: i.number, title: i.title })) } }
  }

  /**
   * Renders and stores the PDFs of one release: the letter (invitation or Nachtrag), the public
   * agenda and, when the non-public part has items, the non-public agenda. `meeting` is the state
   * as released (numbers, roster and chair already refreshed). Used by the release command and by
   * the demo seeder, so seeded invitations are the same files a real release produces.
   */
  async renderReleasePdfs(input: {
    meeting: MeetingDoc
    confidentialItems: readonly AgendaItem[]
    organizationName: string
    /** date printed on the letter (ISO date) */
    date: string
    kind: AgendaRelease['kind']
    version: number
    changes: string[]
    urgencyReason?: string
    /** signs the letter */
    chairName?: string
  }): Promise<{ letter: FileRef; agenda: FileRef; confAgenda?: FileRef }> {
    const { meeting, kind, version } = input
    const fonts = await this.deps.loadFonts()
    const ctx = { townName: this.deps.townName(), organizationName: input.organizationName, date: input.date }
    const letterBytes = await renderInvitationPdf(
      meeting,
      { ...ctx, kind, version, changes: input.changes, ...(input.urgencyReason ? { urgencyReason: input.urgencyReason } : {}), ...(input.chairName ? { chairName: input.chairName } : {}) },
      fonts,
    )
    const agendaBytes = await renderAgendaPdf(meeting, meeting.agendaItems, 'public', { ...ctx, version }, fonts)
    const confItems = [...input.confidentialItems]
    const confBytes = confItems.length > 0 ? await renderAgendaPdf(meeting, confItems, 'confidential', { ...ctx, version }, fonts) : undefined
    const letter = await this.storePdf(letterBytes, meetingPdfFileName(meeting, kind, undefined, version))
    const agenda = await this.storePdf(agendaBytes, meetingPdfFileName(meeting, 'agenda', 'public', version))
    const confAgenda = confBytes ? await this.storePdf(confBytes, meetingPdfFileName(meeting, 'agenda', 'confidential', version)) : undefined
    return { letter, agenda, ...(confAgenda ? { confAgenda } : {}) }
  }

  /**
   * Notes a release made outside the command path (the demo seeder) the way the command does, so
   * that a later Nachtrag lists its changes against this version.
   */
  noteRelease(meetingId: string, userId: string, at: string, publicItems: readonly AgendaItem[], version = 1): void {
    const snapshot: ReleaseSnapshot = { version, publicItems: publicItems.map((i) => ({ id: i.id, number: i.number, title: i.title })) }
    const result: MeetingCommandResult = { applied: true, repeated: false, version }
    this.deps.db
      .prepare(`INSERT OR IGNORE INTO meeting_commands (id, meeting_id, user_id, action, at, result) VALUES (?, ?, ?, 'release', ?, ?)`)
      .run(`release-${meetingId}-v${version}`, meetingId, userId, at, JSON.stringify({ result, snapshot }))
  }

  private openAudience(documentId: string, type: 'meeting' | 'meeting-confidential', meetingId: string, organizationId: string): void {
    const current = this.deps.registry.get(documentId)
    const next = defaultAccess(type, { organizationIds: [organizationId] })
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
    if (current && same(current.readers, next.readers) && same(current.writers, next.writers)) return
    this.deps.registry.register({ documentId, type, meetingId, ownerId: null, ...next })
  }

  private async storePdf(bytes: Uint8Array, name: string): Promise<FileRef> {
    const { sha256, size } = await this.deps.blobStore.put(bytes)
    this.deps.blobs.add(sha256, size, 'application/pdf', null)
    return { sha256, name, mime: 'application/pdf', size }
  }

  private async cancel(userId: string, row: MeetingRow, cmd: MeetingCommand): Promise<MeetingCommandResult> {
    const reason = cmd.reason?.trim()
    if (!reason) throw new MeetingError(400, 'bad-request', 'Bitte einen Grund für die Absage angeben')
    const { pub } = await this.handles(row)
    const meeting = pub.doc()
    if (meeting.state === 'cancelled') throw new MeetingError(409, 'cancelled', 'Die Sitzung ist bereits abgesagt')
    if (meeting.live?.startedAt || meeting.live?.endedAt) throw new MeetingError(409, 'started', 'Eine begonnene Sitzung kann nicht abgesagt werden')
    pub.change((d) => {
      d.state = 'cancelled'
      d.cancelledReason = reason
    })
    await this.deps.relayRepo.persist(pub.documentId)
    this.deps.projection.project(pub.documentId, pub.doc())
    this.deps.audit.write('meeting-cancelled', userId, row.publicDocId, { meetingId: row.id })
    let notified: MeetingCommandResult['notified']
    // members only hear of meetings they were invited to
    if (this.deps.notifier && (meeting.releases ?? []).length > 0) {
      const sent = await this.deps.notifier.notifyBody({
        key: `cancel:${row.id}`,
        kind: 'cancellation',
        organizationId: meeting.organization.id,
        organizationName: meeting.organization.name,
        meetingName: meeting.name,
        start: meeting.start,
        location: formatLocation(meeting.location) || undefined,
        path: `/app/meetings/${row.id}`,
      })
      notified = { mails: sent.mails, pushes: sent.pushes }
    }
    return { applied: true, repeated: false, ...(notified ? { notified } : {}) }
  }
}

function calendarEntry(m: MeetingRow): CalendarEntry {
  return {
    id: m.id,
    name: m.name,
    organizationId: m.organizationId,
    organizationName: m.organizationName,
    start: m.start,
    end: m.end,
    state: m.state,
    location: m.location,
    locationId: m.locationId,
    seriesId: m.seriesId,
    released: m.agendaVersion > 0,
    agendaVersion: m.agendaVersion,
    url: m.publicDocId ? `automerge:${m.publicDocId}` : null,
    confidentialUrl: m.confidentialDocId ? `automerge:${m.confidentialDocId}` : null,
  }
}

function germanDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-')
  return `${d}.${m}.${y}`
}

/** Nachtrag: what changed among the public items since the previous release (new, removed, renamed). */
export function agendaChanges(before: ReadonlyArray<{ id: string; number: string; title: string }>, after: readonly AgendaItem[]): string[] {
  const changes: string[] = []
  const old = new Map(before.map((i) => [i.id, i]))
  for (const item of after) {
    const was = old.get(item.id)
    if (!was) changes.push(`neu: ${item.number} ${item.title}`)
    else if (was.title !== item.title) changes.push(`geändert: ${item.number} „${was.title}“ → „${item.title}“`)
  }
  const now = new Set(after.map((i) => i.id))
  for (const item of before) if (!now.has(item.id)) changes.push(`entfallen: ${item.number} ${item.title}`)
  return changes
}

export function parseSeriesRule(input: unknown): SeriesRule {
  const v = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  if (v.frequency !== 'weekly' && v.frequency !== 'monthly-nth') throw new MeetingError(400, 'bad-request', 'Bitte einen Rhythmus wählen (wöchentlich oder monatlich)')
  if (typeof v.interval !== 'number' || !Number.isInteger(v.interval) || v.interval < 1 || v.interval > 12) throw new MeetingError(400, 'bad-request', 'Der Abstand muss zwischen 1 und 12 liegen')
  if (!isStr(v.firstStart, 16) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v.firstStart)) throw new MeetingError(400, 'bad-request', 'Bitte den ersten Termin als Datum mit Uhrzeit angeben')
  if (typeof v.durationMinutes !== 'number' || !Number.isInteger(v.durationMinutes) || v.durationMinutes < 15 || v.durationMinutes > 24 * 60)
    throw new MeetingError(400, 'bad-request', 'Die Dauer muss zwischen 15 Minuten und 24 Stunden liegen')
  if (!isStr(v.until, 10) || !ISO_DATE.test(v.until) || v.until < v.firstStart.slice(0, 10)) throw new MeetingError(400, 'bad-request', 'Bitte ein Enddatum nach dem ersten Termin angeben')
  const rule: SeriesRule = { frequency: v.frequency, interval: v.interval, firstStart: v.firstStart, durationMinutes: v.durationMinutes, until: v.until }
  if (v.except !== undefined) {
    if (!Array.isArray(v.except) || v.except.length > 100 || !v.except.every((d) => isStr(d, 10) && ISO_DATE.test(d))) throw new MeetingError(400, 'bad-request', 'Ungültige Ausnahmetage')
    rule.except = v.except as string[]
  }
  return rule
}

/** Strict parsing of a MeetingCommand (unknown fields ignored, known ones checked). */
export function parseMeetingCommand(input: unknown): MeetingCommand {
  const v = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>
  if (!isStr(v.id, 100) || !CMD_ID.test(v.id)) throw new MeetingError(400, 'bad-request', 'Ungültige Befehls-ID')
  if (!isStr(v.action, 50) || !(MEETING_ACTIONS as readonly string[]).includes(v.action)) throw new MeetingError(400, 'bad-request', 'Unbekannter Schritt')
  const cmd: MeetingCommand = { id: v.id, action: v.action as MeetingCommand['action'] }
  if (v.clientAt !== undefined) {
    if (!isStr(v.clientAt, 40) || Number.isNaN(Date.parse(v.clientAt))) throw new MeetingError(400, 'bad-request', 'Ungültige Zeitangabe')
    cmd.clientAt = v.clientAt
  }
  const text = (key: 'urgencyReason' | 'reason', max: number, label: string) => {
    if (v[key] === undefined || v[key] === null) return
    if (!isStr(v[key], max)) throw new MeetingError(400, 'bad-request', `${label}: höchstens ${max.toLocaleString('de-DE')} Zeichen`)
    cmd[key] = v[key] as string
  }
  text('urgencyReason', 2000, 'Begründung der Dringlichkeit')
  text('reason', 2000, 'Grund der Absage')
  if (v.part !== undefined) {
    if (v.part !== 'public' && v.part !== 'confidential') throw new MeetingError(400, 'bad-request', 'Ungültiger Teil (öffentlich/nichtöffentlich)')
    cmd.part = v.part
  }
  if (v.role !== undefined) {
    if (v.role !== 'chair' && v.role !== 'minute-taker') throw new MeetingError(400, 'bad-request', 'Ungültige Rolle der Unterschrift')
    cmd.role = v.role
  }
  for (const key of ['approvedInMeetingId', 'approvedInItemId'] as const) {
    if (v[key] === undefined) continue
    if (!isStr(v[key], 100)) throw new MeetingError(400, 'bad-request', 'Ungültige Angabe der genehmigenden Sitzung')
    cmd[key] = v[key] as string
  }
  if (v.sections !== undefined) {
    const s = v.sections
    if (!s || typeof s !== 'object' || Array.isArray(s) || Object.keys(s).length > 500 || !Object.entries(s).every(([k, t]) => isStr(k, 100) && isStr(t, 200_000)))
      throw new MeetingError(400, 'bad-request', 'Ungültige Abschnitte der Niederschrift')
    cmd.sections = s as Record<string, string>
  }
  if (v.heads !== undefined) {
    const h = v.heads
    if (
      !h ||
      typeof h !== 'object' ||
      Array.isArray(h) ||
      Object.keys(h).length > 10 ||
      !Object.entries(h).every(([k, list]) => isStr(k, 100) && Array.isArray(list) && list.length <= 100 && list.every((x) => isStr(x, 100) && /^[0-9A-Za-z]+$/.test(x)))
    )
      throw new MeetingError(400, 'bad-request', 'Ungültige Dokumentstände')
    cmd.heads = h as Record<string, string[]>
  }
  return cmd
}
