/**
 * Meeting planning for the office (clerks, admins): the calendar of planned and released
 * meetings, meeting places, conflict checks, new meetings and series (relay API "planning", see
 * docs/MEETINGS.md), the bodies' queues of papers awaiting consultation, and opening a meeting's
 * two documents for the agenda builder. Planning needs the relay (it creates the documents and
 * their audiences); editing the agenda afterwards works offline through the documents.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type {
  BodySettings,
  CalendarEntry,
  MeetingConfidentialDoc,
  MeetingConflict,
  MeetingDoc,
  MeetingLocation,
  Organization,
  PaperListEntry,
  SeriesRule,
} from '@ratstisch/domain'
import type { ApiClient } from './api-client.ts'
import type { Catalogue } from './catalogue.ts'
import type { UserDb } from './local-db.ts'
import { documentIdOf } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export interface NewMeetingInput {
  organizationId: string
  start: string
  end?: string
  name?: string
  locationId?: string
  invitationDate?: string
}

export interface CreatedMeeting {
  id: string
  url: string
  confidentialUrl: string
  conflicts: MeetingConflict[]
}

export interface CreatedSeries {
  seriesId: string
  meetings: { id: string; url: string; confidentialUrl?: string; start: string; conflicts: MeetingConflict[] }[]
}

/** A body (Gremium) with its settings, as the office's structure API returns it. */
export interface PlanningBody {
  id: string
  name: string
  shortName: string
  settings: BodySettings
}

export interface MeetingHandles {
  meeting: DocHandle<MeetingDoc>
  confidential: DocHandle<MeetingConfidentialDoc> | undefined
  access: { meeting: 'read' | 'write'; confidential: 'read' | 'write' | undefined }
}

const TOWN_TIME_ZONE = 'Europe/Berlin'

/** Offset of Europe/Berlin at a moment, e.g. "+01:00" / "+02:00". */
function berlinOffsetAt(utcMs: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TOWN_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(new Date(utcMs))
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00'
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name)
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00'
}

/** "2027-03-12" + "17:00" (town time) → "2027-03-12T17:00:00+01:00" (DST-aware). */
export function townDateTime(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number)
  const [h, mi] = time.split(':').map(Number)
  const naive = Date.UTC(y, mo - 1, d, h, mi)
  // the offset at the naive instant, then corrected once (the offset may differ across a switch)
  let offset = berlinOffsetAt(naive)
  const toMs = (o: string) => (o.startsWith('-') ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6))) * 60_000
  offset = berlinOffsetAt(naive - toMs(offset))
  return `${date}T${time.padStart(5, '0')}:00${offset}`
}

const urlsKey = (meetingId: string) => `meeting-urls:${meetingId}`

export class MeetingPlanningService {
  constructor(
    private readonly api: ApiClient,
    private readonly db: UserDb,
    private readonly repo: RepoService,
    private readonly catalogue: Catalogue,
  ) {}

  /** Meetings between two days (ISO dates, both inclusive; open when omitted). */
  async calendar(range: { from?: string; to?: string; organizationId?: string } = {}): Promise<CalendarEntry[]> {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(range)) if (v) q.set(k, v)
    const { meetings } = (await this.api.getJson(`/api/meetings/calendar?${q}`, { timeoutMs: 10_000 })) as { meetings: CalendarEntry[] }
    return meetings
  }

  async locations(): Promise<MeetingLocation[]> {
    const { locations } = (await this.api.getJson('/api/locations', { timeoutMs: 8000 })) as { locations: MeetingLocation[] }
    return locations
  }

  /** The bodies (not factions) with their settings; remembered for offline use of the builder. */
  async bodies(): Promise<PlanningBody[]> {
    try {
      const { organizations, defaultSettings } = (await this.api.getJson('/api/admin/structure/organizations?type=Gremium', { timeoutMs: 8000 })) as {
        organizations: Organization[]
        defaultSettings: BodySettings
      }
      const bodies = organizations
        .filter((o) => o.organizationType !== 'Fraktion')
        .map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, settings: { ...defaultSettings, ...(o.settings ?? {}) } }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de'))
      await this.db.kv.put({ key: 'planning:bodies', value: JSON.stringify(bodies) })
      return bodies
    } catch (e) {
      const remembered = await this.db.kv.get('planning:bodies')
      if (remembered) return JSON.parse(remembered.value) as PlanningBody[]
      throw e
    }
  }

  async conflicts(input: { organizationId: string; start: string; end?: string; locationId?: string; exclude?: string }, signal?: AbortSignal): Promise<MeetingConflict[]> {
    const q = new URLSearchParams({ organizationId: input.organizationId, start: input.start })
    if (input.end) q.set('end', input.end)
    if (input.locationId) q.set('locationId', input.locationId)
    if (input.exclude) q.set('exclude', input.exclude)
    const { conflicts } = (await this.api.getJson(`/api/meetings/conflicts?${q}`, { timeoutMs: 8000, signal })) as { conflicts: MeetingConflict[] }
    return conflicts
  }

  async create(input: NewMeetingInput): Promise<CreatedMeeting> {
    const { body } = await this.api.postJson('/api/meetings', input)
    const created = body as CreatedMeeting
    await this.remember(created.id, created.url, created.confidentialUrl)
    return created
  }

  async createSeries(input: { organizationId: string; rule: SeriesRule; locationId?: string; name?: string }): Promise<CreatedSeries> {
    const { body } = await this.api.postJson('/api/meetings/series', input)
    const created = body as CreatedSeries
    for (const m of created.meetings) await this.remember(m.id, m.url, m.confidentialUrl)
    return created
  }

  /** Papers whose next open consultation is this body (Wartet auf Beratung); cached for offline use. */
  async queue(organizationId: string): Promise<PaperListEntry[]> {
    const key = `queue:${organizationId}`
    try {
      const { papers } = (await this.api.getJson(`/api/organizations/${encodeURIComponent(organizationId)}/queue`, { timeoutMs: 8000 })) as { papers: PaperListEntry[] }
      await this.db.cache.put({ key, value: JSON.stringify(papers) })
      return papers
    } catch (e) {
      const remembered = await this.db.cache.get(key)
      if (remembered) return JSON.parse(remembered.value) as PaperListEntry[]
      throw e
    }
  }

  private async remember(meetingId: string, url: string, confidentialUrl: string | undefined): Promise<void> {
    await this.db.kv.put({ key: urlsKey(meetingId), value: JSON.stringify({ url, confidentialUrl }) })
  }

  /** The URLs of a meeting's documents: catalogue, remembered from creation, or the calendar. */
  private async urlsOf(meetingId: string): Promise<{ url?: string; confidentialUrl?: string; access: 'read' | 'write'; confidentialAccess?: 'read' | 'write' }> {
    const docs = await this.catalogue.forMeeting(meetingId)
    if (docs.meeting && docs.confidential)
      return { url: docs.meeting.url, confidentialUrl: docs.confidential.url, access: docs.meeting.access, confidentialAccess: docs.confidential.access }
    const remembered = await this.db.kv.get(urlsKey(meetingId))
    if (remembered) {
      const r = JSON.parse(remembered.value) as { url: string; confidentialUrl?: string }
      if (docs.confidential || r.confidentialUrl)
        return { url: docs.meeting?.url ?? r.url, confidentialUrl: docs.confidential?.url ?? r.confidentialUrl, access: 'write', confidentialAccess: 'write' }
    }
    // the calendar lists planned meetings with their document URLs (office only)
    const all = await this.calendar()
    const entry = all.find((m) => m.id === meetingId)
    if (!entry?.url) return { url: docs.meeting?.url, confidentialUrl: docs.confidential?.url, access: docs.meeting?.access ?? 'read', confidentialAccess: docs.confidential?.access }
    await this.remember(meetingId, entry.url, entry.confidentialUrl ?? undefined)
    return { url: entry.url, confidentialUrl: entry.confidentialUrl ?? undefined, access: 'write', confidentialAccess: 'write' }
  }

  /**
   * Both documents of a meeting. A meeting created a moment ago is not in the manifest yet: its
   * documents are added to the catalogue now (the repo asks the relay only for catalogue
   * documents), as PaperService.open does for new papers.
   */
  async open(meetingId: string, timeoutMs: number): Promise<MeetingHandles> {
    const urls = await this.urlsOf(meetingId)
    if (!urls.url) throw new Error('unknown meeting')
    let added = false
    for (const [url, type] of [
      [urls.url, 'meeting'],
      [urls.confidentialUrl, 'meeting-confidential'],
    ] as const) {
      if (!url) continue
      const documentId = documentIdOf(url)
      if (this.catalogue.has(documentId)) continue
      await this.catalogue.put({ documentId, url, type, access: 'write', meeting: meetingId })
      added = true
    }
    if (added) this.repo.sharingChanged()
    const [meeting, confidential] = await Promise.all([
      this.repo.find<MeetingDoc>(urls.url, timeoutMs),
      urls.confidentialUrl ? this.repo.find<MeetingConfidentialDoc>(urls.confidentialUrl, timeoutMs) : Promise.resolve(undefined),
    ])
    return { meeting, confidential, access: { meeting: urls.access, confidential: urls.confidentialAccess } }
  }
}
