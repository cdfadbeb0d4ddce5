/**
 * Writes a mapping (oparl-mapping.ts) into the relay through its own stores: structure rows into
 * SQLite, documents into automerge storage with their audience in the access registry, then
 * through the projection (read model, blob references, paper catalogue) so the public model, the
 * portal, OParl, search and the member app see them.
 *
 * Idempotent: every written object's hash is kept in `import_sources`; an unchanged object is not
 * touched, a changed one is updated in place (same id, same document), an object deleted on the
 * server loses its public audience (documents) or is removed (structure rows).
 */
import * as A from '@automerge/automerge'
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from '@automerge/automerge-repo'
import { createHash } from 'node:crypto'
import { OFFICE_WRITERS, defaultAccess, validateDocument, type MeetingConfidentialDoc, type MeetingDoc, type PaperDoc, type RatstischDoc } from '@ratstisch/domain'
import type { ReportEntry } from '@ratstisch/oparl'
import type { Statement } from 'better-sqlite3'
import { getSetting, setSetting } from '../db/database.ts'
import type { Relay } from '../relay.ts'
import type { ImportStore, SourceRow } from './import-store.ts'
import type { LocalKind, Mapping, StructureRow } from './oparl-mapping.ts'

export type WriterRelay = Pick<Relay, 'db' | 'registry' | 'relayRepo' | 'projection' | 'meetings' | 'audit'>

export interface ApplyCounts {
  created: number
  updated: number
  unchanged: number
  deleted: number
  failed: number
}

export interface ApplyResult {
  structure: ApplyCounts
  documents: ApplyCounts
  byKind: Record<string, ApplyCounts>
  entries: ReportEntry[]
}

const hashOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url')
const zero = (): ApplyCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 })
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** Top-level fields the import owns in a document: absent in a new version means removed. */
const IMPORT_FIELDS = new Set(['end', 'invitation', 'files', 'locationId', 'cancelledReason', 'source'])

export class ImportWriter {
  private readonly sources: Map<string, SourceRow>
  private readonly statements = new Map<string, Statement<unknown[]>>()
  private readonly newDocuments = new Map<string, DocumentId>()

  constructor(
    private readonly relay: WriterRelay,
    private readonly store: ImportStore,
    private readonly systemUrl: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.sources = store.sources(systemUrl)
  }

  /** The Automerge URL of a paper's document: the one written before, or a fresh one used when it is created. */
  paperDocumentUrl = (paperUrl: string): string => {
    const existing = this.sources.get(paperUrl)?.documentId
    if (existing) return `automerge:${existing}`
    let documentId = this.newDocuments.get(paperUrl)
    if (!documentId) {
      documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId
      this.newDocuments.set(paperUrl, documentId)
    }
    return `automerge:${documentId}`
  }

  async apply(mapping: Mapping, onProgress: (done: number, total: number) => void = () => {}): Promise<ApplyResult> {
    const result: ApplyResult = { structure: zero(), documents: zero(), byKind: {}, entries: [] }
    const count = (kind: string, what: keyof ApplyCounts, bucket: ApplyCounts) => {
      bucket[what]++
      result.byKind[kind] ??= zero()
      result.byKind[kind][what]++
    }
    const total = mapping.papers.length + mapping.meetings.length
    this.writeStructure(mapping, result, count)
    let done = 0
    for (const p of mapping.papers) {
      await this.writePaper(p.url, p.id, p.doc, result, count)
      onProgress(++done, total)
    }
    for (const m of mapping.meetings) {
      await this.writeMeeting(m, result, count)
      onProgress(++done, total)
    }
    this.applyDeletions(mapping, result, count)
    return result
  }

  // ------------------------------------------------------------------ structure

  private writeStructure(mapping: Mapping, result: ApplyResult, count: (kind: string, what: keyof ApplyCounts, bucket: ApplyCounts) => void): void {
    const { db } = this.relay
    const now = this.now()
    db.transaction(() => {
      if (mapping.town.name && !getSetting(db, 'town.name')) setSetting(db, 'town.name', mapping.town.name)
      if (mapping.town.shortName && !getSetting(db, 'town.shortName')) setSetting(db, 'town.shortName', mapping.town.shortName)
      if (mapping.town.ags && !getSetting(db, 'town.ags')) setSetting(db, 'town.ags', mapping.town.ags)
      const upsert = <T>(kind: LocalKind, rows: StructureRow<T>[], write: (row: StructureRow<T>, isNew: boolean) => void) => {
        for (const row of rows) {
          const hash = hashOf(row.row)
          const known = row.urls.map((u) => this.sources.get(u)).find(Boolean)
          if (known && known.hash === hash && !known.deleted && known.localId === row.id && row.urls.every((u) => this.sources.get(u)?.hash === hash)) {
            count(kind, 'unchanged', result.structure)
            continue
          }
          write(row, !known)
          count(kind, known ? 'updated' : 'created', result.structure)
          for (const url of row.urls) this.setSource({ url, kind, localId: row.id, documentId: null, confidentialDocumentId: null, hash, deleted: false }, now)
        }
      }
      upsert('term', mapping.terms, ({ id, row }) => {
        this.sql(
          `INSERT INTO legislative_terms (id, name, start_date, end_date) VALUES (?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, start_date = excluded.start_date, end_date = excluded.end_date`,
        ).run(id, row.name, row.startDate, row.endDate)
      })
      upsert('department', mapping.departments, ({ id, row }) => {
        this.sql(
          `INSERT INTO departments (id, name, short_name, active) VALUES (?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, active = excluded.active`,
        ).run(id, row.name, row.shortName, row.active ? 1 : 0)
      })
      upsert('organization', mapping.organizations, ({ id, row }) => {
        // settings (rules of procedure) stay as the office set them
        this.sql(
          `INSERT INTO organizations (id, name, short_name, organization_type, classification, start_date, end_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, organization_type = excluded.organization_type,
             classification = excluded.classification, start_date = excluded.start_date, end_date = excluded.end_date, updated_at = excluded.updated_at`,
        ).run(id, row.name, row.shortName, row.organizationType, row.classification, row.startDate, row.endDate, now)
      })
      upsert('person', mapping.persons, ({ id, row }, isNew) => {
        // published by the source, so public here too (publish_consent = 1) — but only when first
        // imported: if the office withdrew the consent later (the person objected), a re-run keeps that
        if (isNew || !this.sql('SELECT 1 FROM persons WHERE id = ?').get(id)) {
          this.sql(
            `INSERT INTO persons (id, name, given_name, family_name, form_of_address, title, publish_consent, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, given_name = excluded.given_name, family_name = excluded.family_name,
               form_of_address = excluded.form_of_address, title = excluded.title, updated_at = excluded.updated_at`,
          ).run(id, row.name, row.givenName, row.familyName, row.formOfAddress, row.title, now)
        } else {
          this.sql('UPDATE persons SET name = ?, given_name = ?, family_name = ?, form_of_address = ?, title = ?, updated_at = ? WHERE id = ?').run(
            row.name, row.givenName, row.familyName, row.formOfAddress, row.title, now, id,
          )
        }
      })
      upsert('membership', mapping.memberships, ({ id, row }) => {
        this.sql(
          `INSERT INTO memberships (id, person_id, organization_id, role, voting_right, start_date, end_date, on_behalf_of, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET person_id = excluded.person_id, organization_id = excluded.organization_id, role = excluded.role,
             voting_right = excluded.voting_right, start_date = excluded.start_date, end_date = excluded.end_date, on_behalf_of = excluded.on_behalf_of,
             updated_at = excluded.updated_at`,
        ).run(id, row.personId, row.organizationId, row.role, row.votingRight ? 1 : 0, row.startDate, row.endDate, row.onBehalfOf, now)
      })
      upsert('location', mapping.locations, ({ id, row }) => {
        this.sql(
          `INSERT INTO locations (id, description, room, street_address, postal_code, locality, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)
           ON CONFLICT(id) DO UPDATE SET description = excluded.description, room = excluded.room, street_address = excluded.street_address,
             postal_code = excluded.postal_code, locality = excluded.locality, active = 1, updated_at = excluded.updated_at`,
        ).run(id, row.description, row.room, row.streetAddress, row.postalCode, row.locality, now)
      })
    })()
  }

  private sql(sql: string): Statement<unknown[]> {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.relay.db.prepare(sql)))
    return s
  }

  private setSource(row: SourceRow, now: string): void {
    this.sources.set(row.url, row)
    this.store.setSource(this.systemUrl, row, now)
  }

  // ------------------------------------------------------------------ documents

  private async writePaper(url: string, id: string, doc: PaperDoc, result: ApplyResult, count: (kind: string, what: keyof ApplyCounts, bucket: ApplyCounts) => void): Promise<void> {
    const problems = validateDocument('paper', doc, {})
    if (problems.length) {
      result.entries.push({ outcome: 'failed', code: 'invalid-object', url, message: `paper not imported: ${problems.slice(0, 3).join('; ')}` })
      count('paper', 'failed', result.documents)
      return
    }
    const hash = hashOf(doc)
    const known = this.sources.get(url)
    const access = { readers: ['public'], writers: [...OFFICE_WRITERS] }
    if (known?.documentId && this.relay.registry.get(known.documentId)) {
      if (known.hash === hash && !known.deleted) return void count('paper', 'unchanged', result.documents)
      await this.update(known.documentId as DocumentId, doc)
      if (known.deleted) this.register(known.documentId, 'paper', null, access)
      this.setSource({ ...known, hash, deleted: false }, this.now())
      return void count('paper', 'updated', result.documents)
    }
    const documentId = this.newDocuments.get(url) ?? parseAutomergeUrl(generateAutomergeUrl()).documentId
    await this.create(documentId, doc, null, access)
    this.setSource({ url, kind: 'paper', localId: id, documentId, confidentialDocumentId: null, hash, deleted: false }, this.now())
    count('paper', 'created', result.documents)
  }

  private async writeMeeting(m: Mapping['meetings'][number], result: ApplyResult, count: (kind: string, what: keyof ApplyCounts, bucket: ApplyCounts) => void): Promise<void> {
    const problems = [...validateDocument('meeting', m.public, {}), ...(m.confidential ? validateDocument('meeting-confidential', m.confidential, { meetingId: m.id }) : [])]
    if (problems.length) {
      result.entries.push({ outcome: 'failed', code: 'invalid-object', url: m.url, message: `meeting not imported: ${problems.slice(0, 3).join('; ')}` })
      count('meeting', 'failed', result.documents)
      return
    }
    const hash = hashOf([m.public, m.confidential])
    const known = this.sources.get(m.url)
    const publicAccess = defaultAccess('meeting', { draft: false })
    const confidentialAccess = defaultAccess('meeting-confidential', { draft: false, organizationIds: [m.organizationId] })
    if (known?.documentId && this.relay.registry.get(known.documentId)) {
      if (known.hash === hash && !known.deleted) return void count('meeting', 'unchanged', result.documents)
      await this.update(known.documentId as DocumentId, m.public)
      if (known.deleted) this.register(known.documentId, 'meeting', m.id, publicAccess)
      let confidentialDocumentId = known.confidentialDocumentId
      if (confidentialDocumentId && this.relay.registry.get(confidentialDocumentId)) {
        await this.update(confidentialDocumentId as DocumentId, m.confidential ?? { type: 'meeting-confidential', meetingId: m.id, agendaItems: [] })
        this.register(confidentialDocumentId, 'meeting-confidential', m.id, confidentialAccess)
      } else if (m.confidential) {
        confidentialDocumentId = parseAutomergeUrl(generateAutomergeUrl()).documentId
        await this.create(confidentialDocumentId as DocumentId, m.confidential, m.id, confidentialAccess)
        this.relay.meetings.setConfidentialDoc(m.id, confidentialDocumentId)
      }
      this.setSource({ ...known, confidentialDocumentId, hash, deleted: false }, this.now())
      return void count('meeting', 'updated', result.documents)
    }
    const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId
    await this.create(documentId, m.public, m.id, publicAccess)
    let confidentialDocumentId: string | null = null
    if (m.confidential) {
      confidentialDocumentId = parseAutomergeUrl(generateAutomergeUrl()).documentId
      await this.create(confidentialDocumentId as DocumentId, m.confidential, m.id, confidentialAccess)
      this.relay.meetings.setConfidentialDoc(m.id, confidentialDocumentId)
    }
    this.setSource({ url: m.url, kind: 'meeting', localId: m.id, documentId, confidentialDocumentId, hash, deleted: false }, this.now())
    count('meeting', 'created', result.documents)
  }

  /** Writes a new document straight to storage (as the demo seeder does: no handle kept in memory). */
  private async create(documentId: DocumentId, doc: RatstischDoc, meetingId: string | null, access: { readers: string[]; writers: string[] }): Promise<void> {
    const storage = this.relay.relayRepo.repo.storageSubsystem
    if (!storage) throw new Error('the relay has no storage')
    const content = plain(doc)
    await storage.saveDoc(documentId, A.from(content as unknown as Record<string, unknown>))
    this.relay.registry.register({ documentId, type: doc.type, meetingId, ownerId: null, ...access })
    this.relay.projection.project(documentId, content)
  }

  /** Changes the fields that differ, in the relay's copy (merges with anything the office added). */
  private async update(documentId: DocumentId, doc: RatstischDoc): Promise<void> {
    const handle = await this.relay.relayRepo.handle<Record<string, unknown>>(documentId)
    const next = plain(doc) as unknown as Record<string, unknown>
    handle.change((d) => {
      for (const [key, value] of Object.entries(next)) {
        if (JSON.stringify(d[key]) !== JSON.stringify(value)) d[key] = value
      }
      for (const key of Object.keys(d)) if (IMPORT_FIELDS.has(key) && !(key in next)) delete d[key]
    })
    await this.relay.relayRepo.persist(documentId)
    this.relay.projection.project(documentId, handle.doc() as unknown as RatstischDoc)
  }

  private register(documentId: string, type: RatstischDoc['type'], meetingId: string | null, access: { readers: string[]; writers: string[] }): void {
    const current = this.relay.registry.get(documentId)
    this.relay.registry.register({ documentId, type, meetingId: current?.meetingId ?? meetingId, ownerId: null, ...access })
  }

  // ------------------------------------------------------------------ deletions

  private applyDeletions(mapping: Mapping, result: ApplyResult, count: (kind: string, what: keyof ApplyCounts, bucket: ApplyCounts) => void): void {
    const { db } = this.relay
    const now = this.now()
    const office = { readers: [...OFFICE_WRITERS], writers: [...OFFICE_WRITERS] }
    for (const { url } of mapping.deleted) {
      const known = this.sources.get(url)
      if (!known || known.deleted) continue
      const bucket = known.kind === 'meeting' || known.kind === 'paper' ? result.documents : result.structure
      switch (known.kind) {
        case 'paper':
          // no longer public: the public model writes its tombstone; the office keeps the record
          if (known.documentId) this.register(known.documentId, 'paper', null, office)
          break
        case 'meeting':
          if (known.documentId) this.register(known.documentId, 'meeting', known.localId, office)
          if (known.confidentialDocumentId) this.register(known.confidentialDocumentId, 'meeting-confidential', known.localId, office)
          break
        case 'membership':
          db.prepare('DELETE FROM memberships WHERE id = ?').run(known.localId)
          break
        case 'person':
          // the person stays (memberships, minutes name them) but is no longer public
          db.prepare('UPDATE persons SET publish_consent = 0 WHERE id = ?').run(known.localId)
          break
        case 'location':
          db.prepare('UPDATE locations SET active = 0 WHERE id = ?').run(known.localId)
          break
        case 'department':
          db.prepare('UPDATE departments SET active = 0 WHERE id = ?').run(known.localId)
          break
        case 'term':
          db.prepare('DELETE FROM legislative_terms WHERE id = ? AND NOT EXISTS (SELECT 1 FROM paper_numbers WHERE term_id = ?)').run(known.localId, known.localId)
          break
        case 'organization': {
          const used = db.prepare('SELECT 1 FROM meetings WHERE organization_id = ? UNION SELECT 1 FROM meeting_series WHERE organization_id = ? UNION SELECT 1 FROM faction_notes WHERE faction_id = ? UNION SELECT 1 FROM circulars WHERE organization_id = ? LIMIT 1').get(known.localId, known.localId, known.localId, known.localId)
          if (used) {
            result.entries.push({ outcome: 'skipped', code: 'deleted-but-referenced', url, message: `organization ${known.localId} is still used by meetings: kept` })
            continue
          }
          db.transaction(() => {
            db.prepare('DELETE FROM memberships WHERE organization_id = ? OR on_behalf_of = ?').run(known.localId, known.localId)
            db.prepare('DELETE FROM organizations WHERE id = ?').run(known.localId)
          })()
          break
        }
      }
      this.setSource({ ...known, deleted: true, hash: 'deleted' }, now)
      count(known.kind, 'deleted', bucket)
    }
  }
}
