/**
 * What the OParl API derives from the public model once per generation (the publisher bumps the
 * generation on every change): reverse references (memberships of a person, meetings of an
 * organization …), the effective `modified` time of every object and the sorted entries of every
 * list. The index only names candidates: whoever renders an object still reads it through the
 * PublicReader, which checks on every read that its source is public (fail closed).
 *
 * Effective `modified`: an OParl object shows more than its own public record — embedded objects
 * (Meeting → AgendaItem → File, Paper → Consultation, Person → Membership, Body → LegislativeTerm)
 * and references that disappear when their target stops being public. OParl 1.1 requires the
 * `modified` of an embedding object to change with what it embeds, and clients sync with
 * `modified_since`, so an object's `modified` is the latest `modified` of every record it is built
 * from. Where the model cannot say which object a deleted record belonged to (a membership's
 * tombstone has no person), the latest tombstone of that kind counts for every object that could
 * have shown it: a deletion may bump objects it did not touch, but never goes unnoticed.
 */
import type { PublicReader, PublicRecord } from '../public/public-model.ts'
import type { OparlKind } from './oparl-urls.ts'

export interface ListEntry {
  id: string
  created: string
  /** the effective modification time (see above) */
  modified: string
}

const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a >= b ? a : b)

const byModifiedThenId = (a: ListEntry, b: ListEntry) => (a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class OparlIndex {
  private generation = -1
  private membershipsByPerson = new Map<string, string[]>()
  private membershipsByOrganization = new Map<string, string[]>()
  private meetingsByOrganization = new Map<string, string[]>()
  private consultationsByOrganization = new Map<string, string[]>()
  private readonly modifiedMemo = new Map<string, string | undefined>()
  private readonly entriesMemo = new Map<OparlKind, ListEntry[]>()
  private readonly tombstoneMemo = new Map<OparlKind, string | undefined>()

  constructor(private readonly reader: PublicReader) {}

  private fresh(): void {
    if (this.reader.generation === this.generation) return
    this.generation = this.reader.generation
    this.modifiedMemo.clear()
    this.entriesMemo.clear()
    this.tombstoneMemo.clear()
    this.membershipsByPerson = new Map()
    this.membershipsByOrganization = new Map()
    this.meetingsByOrganization = new Map()
    this.consultationsByOrganization = new Map()
    for (const m of this.reader.all('membership')) {
      push(this.membershipsByPerson, m.personId, m.id)
      push(this.membershipsByOrganization, m.organizationId, m.id)
    }
    for (const m of this.reader.all('meeting')) push(this.meetingsByOrganization, m.organizationId, m.id)
    for (const c of this.reader.all('consultation')) push(this.consultationsByOrganization, c.organizationId, c.id)
  }

  /** ids of the memberships of a person (candidates, sorted by id) */
  membershipsOfPerson(personId: string): readonly string[] {
    this.fresh()
    return this.membershipsByPerson.get(personId) ?? []
  }

  membershipsOfOrganization(organizationId: string): readonly string[] {
    this.fresh()
    return this.membershipsByOrganization.get(organizationId) ?? []
  }

  meetingsOfOrganization(organizationId: string): readonly string[] {
    this.fresh()
    return this.meetingsByOrganization.get(organizationId) ?? []
  }

  consultationsOfOrganization(organizationId: string): readonly string[] {
    this.fresh()
    return this.consultationsByOrganization.get(organizationId) ?? []
  }

  /** every record of a kind, tombstones included, by (effective modified, id): the order of the lists */
  entries(kind: OparlKind): readonly ListEntry[] {
    this.fresh()
    let entries = this.entriesMemo.get(kind)
    if (!entries) {
      entries = this.reader
        .list(kind, { includeDeleted: true })
        .map((r) => ({ id: r.id, created: r.created, modified: this.modified(kind, r.id) ?? r.modified }))
        .sort(byModifiedThenId)
      this.entriesMemo.set(kind, entries)
    }
    return entries
  }

  /** the effective modification time of an object; undefined when it was never public */
  modified(kind: OparlKind, id: string): string | undefined {
    this.fresh()
    const key = `${kind}\u0000${id}`
    if (this.modifiedMemo.has(key)) return this.modifiedMemo.get(key)
    // guards against cycles (none exist today): a re-entrant call sees the record's own time
    const record = this.reader.record(kind, id)
    this.modifiedMemo.set(key, record?.modified)
    const value = record ? this.computeModified(kind, record) : undefined
    this.modifiedMemo.set(key, value)
    return value
  }

  private own(kind: OparlKind, id: string | null | undefined): string | undefined {
    return id ? this.reader.record(kind, id)?.modified : undefined
  }

  /** the latest deletion among the records of a kind */
  private latestTombstone(kind: OparlKind): string | undefined {
    if (this.tombstoneMemo.has(kind)) return this.tombstoneMemo.get(kind)
    let latest: string | undefined
    for (const r of this.reader.list(kind, { includeDeleted: true })) if (r.deleted) latest = later(latest, r.modified)
    this.tombstoneMemo.set(kind, latest)
    return latest
  }

  private computeModified(kind: OparlKind, record: PublicRecord): string {
    let m: string | undefined = record.modified
    if (record.deleted) return m
    const r = this.reader
    switch (kind) {
      case 'body':
        for (const t of r.list('term', { includeDeleted: true })) m = later(m, t.modified)
        break
      case 'organization':
        for (const id of this.membershipsOfOrganization(record.id)) m = later(m, this.own('membership', id))
        m = later(m, this.latestTombstone('membership'))
        break
      case 'person':
        for (const id of this.membershipsOfPerson(record.id)) m = later(m, this.modified('membership', id))
        m = later(m, this.latestTombstone('membership'))
        break
      case 'membership': {
        const ms = r.get('membership', record.id)
        if (ms) m = later(later(later(m, this.own('person', ms.personId)), this.own('organization', ms.organizationId)), this.own('organization', ms.onBehalfOfId))
        break
      }
      case 'meeting': {
        const meeting = r.get('meeting', record.id)
        if (!meeting) break
        m = later(later(m, this.own('organization', meeting.organizationId)), this.own('location', meeting.locationId))
        for (const a of meeting.attendance) m = later(m, this.own('person', a.personId))
        for (const id of meeting.agendaItemIds) m = later(m, this.modified('agenda-item', id))
        if (meeting.invitation) m = later(m, this.own('file', meeting.invitation.sha256))
        for (const a of meeting.agendas) m = later(m, this.own('file', a.sha256))
        break
      }
      case 'agenda-item': {
        const item = r.get('agenda-item', record.id)
        if (!item) break
        // the position comes from the meeting's agenda
        m = later(later(m, this.own('meeting', item.meetingId)), this.own('consultation', item.consultationId))
        for (const f of item.files) m = later(m, this.own('file', f.sha256))
        break
      }
      case 'paper': {
        const paper = r.get('paper', record.id)
        if (!paper) break
        for (const id of paper.consultationIds) m = later(m, this.modified('consultation', id))
        for (const a of paper.attachments) {
          const current = a.versions.at(-1)
          if (current) m = later(m, this.own('file', current.sha256))
        }
        break
      }
      case 'consultation': {
        const c = r.get('consultation', record.id)
        if (!c) break
        // the agenda item handling it is found through the meeting's agenda, which changes with it
        m = later(later(later(m, this.own('paper', c.paperId)), this.own('organization', c.organizationId)), this.own('meeting', c.meetingId))
        m = later(m, this.own('agenda-item', c.agendaItemId))
        const item = c.agendaItemId ? r.get('agenda-item', c.agendaItemId) : undefined
        if (item) m = later(m, this.own('meeting', item.meetingId))
        break
      }
      case 'term':
      case 'location':
      case 'file':
        // a file's record changes with the objects using it (the publisher recomputes `usedBy`)
        break
    }
    return m ?? record.modified
  }
}
