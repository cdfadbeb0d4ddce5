/**
 * The Publisher: the one place that decides what is public (rules in public-model.ts). It keeps
 * the public model in SQLite (`public_objects`, with publication times and tombstones) and in
 * memory for reads, and updates it
 * - from the projection, on every change of a document whose audience includes `public`;
 * - by reconciling with the access registry (a document became public or stopped being public
 *   without changing itself, e.g. a paper opened by the release of an agenda);
 * - from the structure tables (bodies, persons with consent, memberships, terms, locations),
 *   recomputed and compared by hash.
 */
import { createHash } from 'node:crypto'
import type { DocumentId } from '@automerge/automerge-repo'
import {
  displayFileName,
  formatLocation,
  orderedAgenda,
  type FileRef,
  type MeetingDoc,
  type MinutesDoc,
  type PaperDoc,
  type RatstischDoc,
} from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import { getSetting, type RelayDatabase } from '../db/database.ts'
import type {
  ListFilter,
  PublicAgendaItem,
  PublicConsultation,
  PublicData,
  PublicFile,
  PublicFileRef,
  PublicKind,
  PublicMeeting,
  PublicMinutes,
  PublicPaper,
  PublicReader,
  PublicRecord,
} from './public-model.ts'

/** where an object comes from: a document id, or the structure tables */
const STRUCTURE = 'structure'
const FILES = 'files'

interface Stored {
  record: PublicRecord
  source: string
  hash: string
}

type Draft = { [K in PublicKind]: { kind: K; data: PublicData[K] } }[PublicKind]

/** file references one source contributes (sha256 -> where used, name) */
type Contribution = Map<string, { ref: PublicFileRef; usedBy: PublicFile['usedBy'] }>

export interface PublisherDeps {
  db: RelayDatabase
  registry: AccessRegistry
  /** loads a document for reconciliation (the relay's repo) */
  loadDoc: (documentId: string) => Promise<RatstischDoc | undefined>
  /** clock, for tests */
  now?: () => string
}

export class Publisher implements PublicReader {
  private readonly objects = new Map<PublicKind, Map<string, Stored>>()
  private readonly contributions = new Map<string, Contribution>()
  /** sha256 -> sources contributing it */
  private readonly fileSources = new Map<string, Set<string>>()
  /** consultation id -> public agenda item id handling it */
  private readonly itemOfConsultation = new Map<string, string>()
  private readonly listeners = new Set<() => void>()
  private timer: NodeJS.Timeout | undefined
  private reconciling: Promise<void> | undefined
  private changed = false
  generation = 0
  lastModified: string

  constructor(private readonly deps: PublisherDeps) {
    for (const kind of ['body', 'term', 'organization', 'person', 'membership', 'location', 'meeting', 'agenda-item', 'paper', 'consultation', 'file', 'minutes'] as const) {
      this.objects.set(kind, new Map())
    }
    this.lastModified = this.now()
    this.load()
    // a document that stops being public is unreadable at once (isLive); caches keyed on the
    // generation (portal pages, feeds) must not keep serving it until the next reconcile either
    deps.registry.onChange(() => this.onAudienceChange())
  }

  private onAudienceChange(): void {
    for (const source of this.seenSources) {
      if (this.isPublicDocument(source)) continue
      this.generation++
      this.lastModified = this.now()
      for (const listener of this.listeners) listener()
      this.reconcile().catch((error: unknown) => console.error(`[publisher] ${error instanceof Error ? error.message : String(error)}`))
      return
    }
  }

  private now(): string {
    return this.deps.now?.() ?? new Date().toISOString()
  }

  // ------------------------------------------------------------------ reading

  /** a source is live while its document is public (checked on every read: fail closed) */
  private isLive(stored: Stored): boolean {
    if (stored.record.deleted) return false
    if (stored.source === STRUCTURE) return true
    if (stored.source === FILES) {
      const usedBy = (stored.record.data as PublicFile).usedBy
      return [...this.sourcesOfFile(stored.record.id)].some((s) => this.isPublicDocument(s)) && usedBy.length > 0
    }
    return this.isPublicDocument(stored.source)
  }

  private isPublicDocument(documentId: string): boolean {
    return this.deps.registry.get(documentId)?.readers.includes('public') ?? false
  }

  private sourcesOfFile(sha256: string): ReadonlySet<string> {
    return this.fileSources.get(sha256) ?? new Set()
  }

  get<K extends PublicKind>(kind: K, id: string): PublicData[K] | undefined {
    const stored = this.objects.get(kind)!.get(id)
    if (!stored || !this.isLive(stored)) return undefined
    return this.view(kind, stored.record.data as PublicData[K])
  }

  record<K extends PublicKind>(kind: K, id: string): PublicRecord<K> | undefined {
    const stored = this.objects.get(kind)!.get(id)
    if (!stored) return undefined
    if (stored.record.deleted || this.isLive(stored)) return this.viewRecord(kind, stored.record as PublicRecord<K>)
    // public a moment ago, not any more: a tombstone until the publisher writes one
    return { kind, id, created: stored.record.created, modified: stored.record.modified, deleted: true, data: null }
  }

  all<K extends PublicKind>(kind: K): PublicData[K][] {
    const result: PublicData[K][] = []
    for (const stored of this.objects.get(kind)!.values()) if (this.isLive(stored)) result.push(this.view(kind, stored.record.data as PublicData[K]))
    return result.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  list<K extends PublicKind>(kind: K, filter: ListFilter = {}): PublicRecord<K>[] {
    const result: PublicRecord<K>[] = []
    for (const stored of this.objects.get(kind)!.values()) {
      const live = this.isLive(stored)
      if (!live && !filter.includeDeleted) continue
      const r = stored.record
      if (filter.createdSince && r.created < filter.createdSince) continue
      if (filter.createdUntil && r.created > filter.createdUntil) continue
      if (filter.modifiedSince && r.modified < filter.modifiedSince) continue
      if (filter.modifiedUntil && r.modified > filter.modifiedUntil) continue
      result.push(live ? this.viewRecord(kind, r as PublicRecord<K>) : { kind, id: r.id, created: r.created, modified: r.modified, deleted: true, data: null })
    }
    return result.sort((a, b) => (a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** derived at read time: the agenda item that handles a consultation; files only where still used publicly */
  private view<K extends PublicKind>(kind: K, data: PublicData[K]): PublicData[K] {
    if (kind === 'consultation') {
      const c = data as PublicConsultation
      const itemId = this.itemOfConsultation.get(c.id) ?? null
      if (itemId !== c.agendaItemId) return Object.freeze({ ...c, agendaItemId: itemId && this.get('agenda-item', itemId) ? itemId : null }) as PublicData[K]
    }
    if (kind === 'file') {
      const f = data as PublicFile
      const usedBy = f.usedBy.filter((u) => this.get(u.kind, u.id) !== undefined)
      if (usedBy.length !== f.usedBy.length) return Object.freeze({ ...f, usedBy }) as PublicData[K]
    }
    return data
  }

  private viewRecord<K extends PublicKind>(kind: K, record: PublicRecord<K>): PublicRecord<K> {
    if (record.deleted || !record.data) return record
    const data = this.view(kind, record.data as PublicData[K])
    return data === record.data ? record : { ...record, data }
  }

  // ------------------------------------------------------------------ writing

  /** Called by the projection after a document changed (debounced). */
  onDocument(documentId: string, doc: RatstischDoc): void {
    const entry = this.deps.registry.get(documentId)
    if (!entry || !entry.readers.includes('public') || !doc) {
      this.unpublishSource(documentId)
    } else {
      this.publishSource(documentId, this.draftsOf(documentId, doc))
    }
    this.announce()
  }

  /**
   * Compares the public model with the registry and the structure tables: publishes documents that
   * became public (loading them), removes those that are not any more, refreshes the structure.
   */
  reconcile(): Promise<void> {
    this.reconciling ??= this.doReconcile().finally(() => (this.reconciling = undefined))
    return this.reconciling
  }

  private async doReconcile(): Promise<void> {
    this.publishSource(STRUCTURE, this.structureDrafts())
    const publicIds = new Set(this.deps.registry.publicDocuments().filter((e) => e.type === 'meeting' || e.type === 'paper' || e.type === 'minutes').map((e) => e.documentId))
    const published = this.publishedSources()
    for (const source of published) if (!publicIds.has(source)) this.unpublishSource(source)
    for (const documentId of publicIds) {
      if (published.has(documentId)) continue
      const doc = await this.deps.loadDoc(documentId)
      if (doc) this.onDocument(documentId, doc)
      else this.markSourceSeen(documentId)
    }
    this.announce()
  }

  /** Reconciles every `intervalMs` (structure edits, audience changes) until stop(). */
  start(intervalMs = 1000): void {
    const tick = () => {
      this.reconcile().then(
        () => (this.timer = setTimeout(tick, intervalMs).unref()),
        (error: unknown) => {
          console.error(`[publisher] ${error instanceof Error ? error.message : String(error)}`)
          this.timer = setTimeout(tick, intervalMs).unref()
        },
      )
    }
    tick()
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** sources (documents) that have published objects, or were seen empty */
  private readonly seenSources = new Set<string>()
  private publishedSources(): Set<string> {
    return new Set(this.seenSources)
  }
  private markSourceSeen(source: string): void {
    if (source !== STRUCTURE && source !== FILES) this.seenSources.add(source)
  }

  private publishSource(source: string, drafts: Draft[]): void {
    this.markSourceSeen(source)
    const now = this.now()
    const keep = new Set<string>()
    const upsert = this.deps.db.prepare(
      `INSERT INTO public_objects (kind, id, source, data, hash, created, modified, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT(kind, id) DO UPDATE SET source = excluded.source, data = excluded.data, hash = excluded.hash, modified = excluded.modified, deleted = 0`,
    )
    const write = this.deps.db.transaction(() => {
      const contribution: Contribution = new Map()
      for (const draft of drafts) {
        keep.add(`${draft.kind}\u0000${draft.data.id}`)
        const json = JSON.stringify(draft.data)
        const hash = createHash('sha1').update(json).digest('base64url')
        const map = this.objects.get(draft.kind)!
        const existing = map.get(draft.data.id)
        if (draft.kind === 'meeting' || draft.kind === 'agenda-item' || draft.kind === 'paper') collectFiles(contribution, draft)
        if (existing && existing.source !== source && !existing.record.deleted && this.isLive(existing)) {
          // another public document already shows an object with this id: the first one keeps it
          continue
        }
        if (existing && existing.hash === hash && existing.source === source && !existing.record.deleted) continue
        const created = existing?.record.created ?? now
        upsert.run(draft.kind, draft.data.id, source, json, hash, created, now)
        map.set(draft.data.id, { source, hash, record: { kind: draft.kind, id: draft.data.id, created, modified: now, deleted: false, data: deepFreeze(draft.data) } })
        this.changed = true
      }
      for (const [kind, map] of this.objects) {
        for (const stored of map.values()) {
          if (stored.source !== source || stored.record.deleted || keep.has(`${kind}\u0000${stored.record.id}`)) continue
          this.tombstone(kind, stored, now)
        }
      }
      if (source !== STRUCTURE) this.setContribution(source, contribution, now)
    })
    write()
  }

  private unpublishSource(source: string): void {
    if (!this.seenSources.has(source) && !this.contributions.has(source)) return
    this.seenSources.delete(source)
    const now = this.now()
    this.deps.db.transaction(() => {
      for (const [kind, map] of this.objects) {
        for (const stored of map.values()) if (stored.source === source && !stored.record.deleted) this.tombstone(kind, stored, now)
      }
      this.setContribution(source, new Map(), now)
    })()
  }

  private tombstone(kind: PublicKind, stored: Stored, now: string): void {
    this.deps.db.prepare('UPDATE public_objects SET data = NULL, hash = ?, modified = ?, deleted = 1 WHERE kind = ? AND id = ?').run('deleted', now, kind, stored.record.id)
    stored.record = { kind, id: stored.record.id, created: stored.record.created, modified: now, deleted: true, data: null }
    stored.hash = 'deleted'
    this.changed = true
  }

  /** replaces what a source contributes to the files and recomputes the files it touched */
  private setContribution(source: string, contribution: Contribution, now: string): void {
    const before = this.contributions.get(source) ?? new Map()
    if (contribution.size) this.contributions.set(source, contribution)
    else this.contributions.delete(source)
    for (const sha256 of before.keys()) this.fileSources.get(sha256)?.delete(source)
    for (const sha256 of contribution.keys()) {
      const sources = this.fileSources.get(sha256) ?? new Set<string>()
      sources.add(source)
      this.fileSources.set(sha256, sources)
    }
    const touched = new Set([...before.keys(), ...contribution.keys()])
    const files = this.objects.get('file')!
    const upsert = this.deps.db.prepare(
      `INSERT INTO public_objects (kind, id, source, data, hash, created, modified, deleted) VALUES ('file', ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT(kind, id) DO UPDATE SET source = excluded.source, data = excluded.data, hash = excluded.hash, modified = excluded.modified, deleted = 0`,
    )
    for (const sha256 of touched) {
      const uses: Array<{ ref: PublicFileRef; usedBy: PublicFile['usedBy'] }> = []
      for (const s of this.sourcesOfFile(sha256)) {
        const use = this.contributions.get(s)?.get(sha256)
        if (use) uses.push(use)
      }
      const existing = files.get(sha256)
      if (!uses.length) {
        if (existing && !existing.record.deleted) this.tombstone('file', existing, now)
        continue
      }
      // a paper's name for the file wins over an agenda snapshot's
      const ref = [...uses].sort((a, b) => Number(b.ref.attachmentId !== undefined) - Number(a.ref.attachmentId !== undefined))[0].ref
      const usedBy = uses.flatMap((u) => u.usedBy).sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1))
      const created = existing?.record.created ?? now
      const data: PublicFile = { ...ref, id: sha256, date: (existing?.record.data as PublicFile | null)?.date ?? created.slice(0, 10), usedBy }
      delete data.attachmentId
      delete data.version
      const json = JSON.stringify(data)
      const hash = createHash('sha1').update(json).digest('base64url')
      if (existing && existing.hash === hash && !existing.record.deleted) continue
      upsert.run(sha256, FILES, json, hash, created, now)
      files.set(sha256, { source: FILES, hash, record: { kind: 'file', id: sha256, created, modified: now, deleted: false, data: deepFreeze(data) } })
      this.changed = true
    }
  }

  private announce(): void {
    this.rebuildConsultationIndex()
    if (!this.changed) return
    this.changed = false
    this.generation++
    this.lastModified = this.now()
    for (const listener of this.listeners) listener()
  }

  private rebuildConsultationIndex(): void {
    this.itemOfConsultation.clear()
    for (const stored of this.objects.get('agenda-item')!.values()) {
      const item = stored.record.data as PublicAgendaItem | null
      if (item?.consultationId && this.isLive(stored)) this.itemOfConsultation.set(item.consultationId, item.id)
    }
  }

  private load(): void {
    const rows = this.deps.db.prepare('SELECT kind, id, source, data, hash, created, modified, deleted FROM public_objects').all() as Array<{
      kind: PublicKind
      id: string
      source: string
      data: string | null
      hash: string
      created: string
      modified: string
      deleted: number
    }>
    for (const row of rows) {
      const map = this.objects.get(row.kind)
      if (!map) continue
      const data = row.data && !row.deleted ? deepFreeze(JSON.parse(row.data)) : null
      map.set(row.id, { source: row.source, hash: row.hash, record: { kind: row.kind, id: row.id, created: row.created, modified: row.modified, deleted: row.deleted === 1, data } })
      if (data && row.source !== STRUCTURE && row.source !== FILES) {
        this.markSourceSeen(row.source)
        if (row.kind === 'meeting' || row.kind === 'agenda-item' || row.kind === 'paper') {
          const contribution = this.contributions.get(row.source) ?? new Map()
          collectFiles(contribution, { kind: row.kind, data } as Draft)
          this.contributions.set(row.source, contribution)
          for (const sha256 of contribution.keys()) {
            const sources = this.fileSources.get(sha256) ?? new Set<string>()
            sources.add(row.source)
            this.fileSources.set(sha256, sources)
          }
        }
      }
    }
    this.rebuildConsultationIndex()
  }

  // ------------------------------------------------------------------ what a document makes public

  private draftsOf(documentId: string, doc: RatstischDoc): Draft[] {
    switch (doc.type) {
      case 'meeting':
        return meetingDrafts(doc)
      case 'paper':
        return doc.public === true ? paperDrafts(doc) : []
      case 'minutes':
        return doc.part === 'public' ? minutesDrafts(doc, this.deps.registry.get(documentId)?.meetingId ?? doc.meetingId) : []
      default:
        // notes, faction notes and the non-public part of a meeting are never public
        return []
    }
  }

  private structureDrafts(): Draft[] {
    const db = this.deps.db
    const drafts: Draft[] = []
    const townName = getSetting(db, 'town.name') ?? 'Ratstisch'
    drafts.push({ kind: 'body', data: { id: 'body', name: townName, shortName: getSetting(db, 'town.shortName') ?? townName } })
    for (const t of db.prepare('SELECT id, name, start_date, end_date FROM legislative_terms ORDER BY start_date').all() as Array<Record<string, string>>) {
      drafts.push({ kind: 'term', data: { id: t.id, name: t.name, startDate: t.start_date, endDate: t.end_date } })
    }
    // members without consent are only counted; "current" moves with the calendar day, and the
    // reconcile loop compares by hash, so the count follows without a change event of its own
    const today = new Date(this.now()).toISOString().slice(0, 10)
    // imported organizations and persons: their URLs on the source system (OParl `equivalent`)
    const equivalents = new Map<string, string[]>()
    for (const r of db.prepare("SELECT kind, local_id, url FROM import_sources WHERE kind IN ('organization', 'person') AND deleted = 0 ORDER BY url").all() as Array<{ kind: string; local_id: string; url: string }>) {
      const key = `${r.kind}\u0000${r.local_id}`
      equivalents.set(key, [...(equivalents.get(key) ?? []), r.url])
    }
    const withoutConsent = new Map(
      (
        db
          .prepare(
            `SELECT m.organization_id AS id, COUNT(*) AS n FROM memberships m JOIN persons p ON p.id = m.person_id
             WHERE p.publish_consent = 0 AND (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)
             GROUP BY m.organization_id`,
          )
          .all(today, today) as Array<{ id: string; n: number }>
      ).map((r) => [r.id, r.n]),
    )
    for (const o of db.prepare('SELECT id, name, short_name, organization_type, classification, start_date, end_date FROM organizations').all() as Array<Record<string, string | null>>) {
      drafts.push({
        kind: 'organization',
        data: {
          id: o.id!,
          name: o.name!,
          shortName: o.short_name!,
          organizationType: o.organization_type === 'Fraktion' ? 'Fraktion' : 'Gremium',
          classification: o.classification!,
          startDate: o.start_date,
          endDate: o.end_date,
          membersWithoutConsent: withoutConsent.get(o.id!) ?? 0,
          equivalent: equivalents.get(`organization\u0000${o.id}`) ?? [],
        },
      })
    }
    // persons and their memberships only with consent (DSGVO); nothing else of a person (e-mail) is public
    for (const p of db.prepare('SELECT id, name, form_of_address, title, given_name, family_name, portrait_sha256 FROM persons WHERE publish_consent = 1').all() as Array<Record<string, string | null>>) {
      drafts.push({
        kind: 'person',
        data: { id: p.id!, name: p.name!, formOfAddress: p.form_of_address, title: p.title, givenName: p.given_name, familyName: p.family_name, portraitSha256: p.portrait_sha256, equivalent: equivalents.get(`person\u0000${p.id}`) ?? [] },
      })
    }
    const memberships = db
      .prepare(
        `SELECT m.id, m.person_id, m.organization_id, m.role, m.voting_right, m.start_date, m.end_date, m.on_behalf_of
         FROM memberships m JOIN persons p ON p.id = m.person_id WHERE p.publish_consent = 1`,
      )
      .all() as Array<Record<string, string | number | null>>
    for (const m of memberships) {
      drafts.push({
        kind: 'membership',
        data: {
          id: String(m.id),
          personId: String(m.person_id),
          organizationId: String(m.organization_id),
          role: String(m.role),
          votingRight: m.voting_right === 1,
          startDate: (m.start_date as string | null) ?? null,
          endDate: (m.end_date as string | null) ?? null,
          onBehalfOfId: (m.on_behalf_of as string | null) ?? null,
        },
      })
    }
    for (const l of db.prepare('SELECT id, description, room, street_address, postal_code, locality, accessibility FROM locations WHERE active = 1').all() as Array<Record<string, string | null>>) {
      drafts.push({
        kind: 'location',
        data: { id: l.id!, description: l.description!, room: l.room, streetAddress: l.street_address, postalCode: l.postal_code, locality: l.locality, accessibility: l.accessibility },
      })
    }
    return drafts
  }
}

function fileRef(file: FileRef, fileName: string): PublicFileRef {
  const ref: PublicFileRef = {
    sha256: String(file.sha256),
    name: String(file.name),
    fileName,
    mime: String(file.mime),
    size: Number(file.size) || 0,
    pages: typeof file.pages === 'number' ? file.pages : null,
  }
  if (typeof file.attachmentId === 'string') ref.attachmentId = file.attachmentId
  if (typeof file.version === 'number') ref.version = file.version
  return ref
}

const isFile = (f: unknown): f is FileRef =>
  typeof f === 'object' && f !== null && typeof (f as FileRef).sha256 === 'string' && /^[0-9a-f]{64}$/.test((f as FileRef).sha256) && typeof (f as FileRef).name === 'string'

function meetingDrafts(doc: MeetingDoc): Draft[] {
  if (typeof doc.id !== 'string' || !doc.organization) return []
  const bodyName = doc.organization.shortName || doc.organization.name
  const items = orderedAgenda((doc.agendaItems ?? []).filter((i) => i && i.public !== false && typeof i.id === 'string'))
  const name = (title: string, file: FileRef, itemNumber?: string) => displayFileName({ meetingStart: doc.start, bodyName, itemNumber, title }, file.name, file.mime)
  const releases = (Array.isArray(doc.releases) ? doc.releases : []).filter((r) => r && typeof r.version === 'number')
  const meeting: PublicMeeting = {
    id: doc.id,
    name: String(doc.name),
    organizationId: doc.organization.id,
    organizationName: doc.organization.name,
    organizationShortName: doc.organization.shortName,
    start: doc.start,
    end: doc.end ?? null,
    state: doc.state,
    cancelledReason: doc.state === 'cancelled' ? (doc.cancelledReason ?? null) : null,
    location: { ...(doc.location ?? { description: '' }) },
    locationId: doc.locationId ?? null,
    accessibility: doc.accessibility ?? null,
    agendaItemIds: items.map((i) => i.id),
    invitation: isFile(doc.invitation) ? fileRef(doc.invitation, name('Einladung', doc.invitation)) : null,
    agendas: releases
      .filter((r) => isFile(r.agenda))
      .map((r) => ({
        ...fileRef(r.agenda!, name(r.kind === 'nachtrag' ? `Tagesordnung Nachtrag ${r.version - 1}` : 'Tagesordnung', r.agenda!)),
        releaseVersion: r.version,
        kind: r.kind,
        at: r.at,
      })),
    releasedAt: releases.length ? releases[releases.length - 1].at : null,
    agendaVersion: releases.reduce((v, r) => Math.max(v, r.version), 0),
    attendance: (Array.isArray(doc.attendance) ? doc.attendance : [])
      .filter((a) => a && typeof a.personId === 'string' && Array.isArray(a.periods) && a.periods.length > 0)
      .map((a) => ({ personId: a.personId, kind: a.kind })),
    files: (Array.isArray(doc.files) ? doc.files : []).filter(isFile).map((f) => fileRef(f, displayFileName({ meetingStart: doc.start, bodyName }, f.name, f.mime))),
    equivalent: typeof doc.source?.url === 'string' ? [doc.source.url] : [],
  }
  if (!formatLocation(meeting.location)) meeting.location = { description: '' }
  const drafts: Draft[] = [{ kind: 'meeting', data: meeting }]
  for (const i of items) {
    const item: PublicAgendaItem = {
      id: i.id,
      meetingId: doc.id,
      number: String(i.number ?? ''),
      order: Number(i.order) || 0,
      title: String(i.title ?? ''),
      parentId: i.parentId ?? null,
      paperId: i.paper?.id ?? null,
      paperReference: i.paper?.reference ?? null,
      paperName: i.paper?.name ?? null,
      consultationId: i.consultationId ?? null,
      files: (i.files ?? []).filter(isFile).map((f) => fileRef(f, name(i.title, f, i.number))),
      resolutionProposal: i.resolutionProposal ?? null,
      status: i.status ?? null,
      result: i.result ?? null,
      vote: i.vote ? { yes: i.vote.yes, no: i.vote.no, abstain: i.vote.abstain, unanimous: i.vote.mode === 'unanimous' } : null,
      resolutionText: i.resolutionText ?? null,
      referredTo: i.referredTo?.name ?? null,
    }
    drafts.push({ kind: 'agenda-item', data: item })
  }
  return drafts
}

function paperDrafts(doc: PaperDoc): Draft[] {
  if (typeof doc.id !== 'string' || !doc.reference) return []
  const name = (file: FileRef, title: string) => displayFileName({ title: `${doc.reference} ${title}` }, file.name, file.mime)
  const paper: PublicPaper = {
    id: doc.id,
    reference: doc.reference,
    name: String(doc.name),
    paperType: String(doc.paperType),
    date: String(doc.date),
    department: String(doc.department),
    summary: String(doc.summary ?? ''),
    sections: (doc.sections ?? []).filter((s) => s && typeof s.text === 'string').map((s) => ({ key: s.key, title: s.title, text: s.text })),
    attachments: (doc.attachments ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      versions: (a.versions ?? []).filter(isFile).map((v) => ({
        ...fileRef({ ...v, attachmentId: a.id, version: v.version }, name(v, a.title)),
        version: v.version,
        uploadedAt: v.uploadedAt,
        comment: v.comment ?? '',
      })),
    })),
    consultationIds: (doc.consultations ?? []).map((c) => c.id),
    equivalent: typeof doc.source?.url === 'string' ? [doc.source.url] : [],
  }
  const drafts: Draft[] = [{ kind: 'paper', data: paper }]
  for (const c of doc.consultations ?? []) {
    const consultation: PublicConsultation = {
      id: c.id,
      paperId: doc.id,
      organizationId: c.organizationId,
      organizationName: c.organizationName,
      role: c.role,
      meetingId: c.meetingId ?? null,
      agendaItemId: null,
      result: c.result ?? null,
      resultAt: c.resultAt ?? null,
      resultNote: c.resultNote ?? null,
    }
    drafts.push({ kind: 'consultation', data: consultation })
  }
  return drafts
}

function minutesDrafts(doc: MinutesDoc, meetingId: string): Draft[] {
  const approved = (doc.events ?? []).filter((e) => e.kind === 'approved').at(-1)
  const minutes: PublicMinutes = {
    id: meetingId,
    meetingId,
    title: String(doc.title),
    approvedAt: approved?.at ?? null,
    sections: (doc.sections ?? []).map((s) => ({ key: s.key, title: s.title, text: s.text })),
  }
  return [{ kind: 'minutes', data: minutes }]
}

function collectFiles(contribution: Contribution, draft: Draft): void {
  const add = (ref: PublicFileRef, use: { kind: 'meeting' | 'agenda-item' | 'paper'; id: string }) => {
    const existing = contribution.get(ref.sha256)
    if (existing) {
      if (!existing.usedBy.some((u) => u.kind === use.kind && u.id === use.id)) existing.usedBy.push(use)
    } else contribution.set(ref.sha256, { ref, usedBy: [use] })
  }
  if (draft.kind === 'meeting') {
    const m = draft.data
    if (m.invitation) add(m.invitation, { kind: 'meeting', id: m.id })
    for (const a of m.agendas) add(a, { kind: 'meeting', id: m.id })
    for (const f of m.files ?? []) add(f, { kind: 'meeting', id: m.id })
  } else if (draft.kind === 'agenda-item') {
    for (const f of draft.data.files) add(f, { kind: 'agenda-item', id: draft.data.id })
  } else if (draft.kind === 'paper') {
    for (const a of draft.data.attachments) for (const v of a.versions) add(v, { kind: 'paper', id: draft.data.id })
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v)
  }
  return value
}
