/**
 * The local catalogue: what the relay's manifest says this user may sync, with enough metadata
 * (name, body, date, state) to draw the meeting list without opening any Automerge document.
 * A refresh returns the documents that disappeared from the manifest (revocation).
 */
import type { ApiClient } from './api-client.ts'
import { Emitter } from './emitter.ts'
import type { CatalogueRow, UserDb } from './local-db.ts'
import { diffManifest } from './manifest-diff.ts'
import { parseManifest } from './relay-contract.ts'

export interface CatalogueEvents extends Record<string, unknown> {
  change: void
}

export interface MeetingDocuments {
  meeting?: CatalogueRow
  confidential?: CatalogueRow
  notes?: CatalogueRow
  /** the member's faction's shared notes for the meeting (listed once somebody shared) */
  factionNotes?: CatalogueRow
}

export class Catalogue extends Emitter<CatalogueEvents> {
  /** document ids the relay knows and lets us read (kept in memory for the repo's share policy) */
  private readonly ids = new Set<string>()
  private refreshedAt: string | undefined

  constructor(private readonly db: UserDb) {
    super()
  }

  async load(): Promise<void> {
    for (const id of await this.db.catalogue.toCollection().primaryKeys()) this.ids.add(id)
    this.refreshedAt = (await this.db.kv.get('manifestAt'))?.value
  }

  has(documentId: string): boolean {
    return this.ids.has(documentId)
  }

  get lastRefresh(): string | undefined {
    return this.refreshedAt
  }

  /** Fetches the manifest and updates the catalogue; returns rows no longer readable. */
  async refresh(api: ApiClient): Promise<CatalogueRow[]> {
    const manifest = parseManifest(await api.getJson('/api/sync/manifest'))
    const current = await this.db.catalogue.toArray()
    const diff = diffManifest(current, manifest.documents)
    await this.db.transaction('rw', this.db.catalogue, this.db.kv, async () => {
      if (diff.removed.length) await this.db.catalogue.bulkDelete(diff.removed.map((r) => r.documentId))
      if (diff.upserts.length) await this.db.catalogue.bulkPut(diff.upserts)
      await this.db.kv.put({ key: 'manifestAt', value: manifest.serverTime })
    })
    this.refreshedAt = manifest.serverTime
    for (const r of diff.removed) this.ids.delete(r.documentId)
    for (const r of diff.next) this.ids.add(r.documentId)
    if (diff.removed.length || diff.upserts.length) this.emit('change', undefined)
    return diff.removed
  }

  /** Adds a document we just registered with the relay (before the next manifest lists it). */
  async put(row: CatalogueRow): Promise<void> {
    await this.db.catalogue.put(row)
    this.ids.add(row.documentId)
    this.emit('change', undefined)
  }

  async remove(documentId: string): Promise<void> {
    await this.db.catalogue.delete(documentId)
    this.ids.delete(documentId)
    this.emit('change', undefined)
  }

  async meetings(): Promise<CatalogueRow[]> {
    return this.db.catalogue.where('type').equals('meeting').toArray()
  }

  async forMeeting(meetingId: string): Promise<MeetingDocuments> {
    const rows = await this.db.catalogue.where('meeting').equals(meetingId).toArray()
    return {
      meeting: rows.find((r) => r.type === 'meeting'),
      confidential: rows.find((r) => r.type === 'meeting-confidential'),
      notes: rows.find((r) => r.type === 'notes'),
      factionNotes: rows.find((r) => r.type === 'faction-notes'),
    }
  }
}
