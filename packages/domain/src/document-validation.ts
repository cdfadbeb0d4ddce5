/**
 * Runtime validation of documents as they arrive at the relay (on the fork the change would
 * produce). A writer's client, buggy or hostile, must not corrupt a document for everyone else or
 * break its audience rule (a non-public item in the public meeting document). Returns problems in
 * English for the audit log; empty = valid.
 */
import { annotationMapProblems } from './annotation-rules.ts'
import type { DocType } from './documents.ts'
import { CONSULTATION_ROLES } from './papers.ts'
import { ITEM_RESULTS, ITEM_STATUSES, VOTE_CHOICES } from './meetings.ts'

export interface ValidationContext {
  /** from the access registry, never from the document */
  meetingId?: string | null
  ownerId?: string | null
  /** faction notes: the faction whose members are the audience */
  factionId?: string | null
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max
const MEETING_STATES = ['planned', 'invited', 'running', 'held', 'cancelled']

function checkFiles(files: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(files)) return void problems.push(`${where}: files must be a list`)
  files.forEach((f, i) => {
    if (!isObj(f) || !isStr(f.sha256) || !/^[0-9a-f]{64}$/.test(f.sha256) || !isStr(f.name, 300) || !isStr(f.mime, 100) || typeof f.size !== 'number') {
      problems.push(`${where}: file ${i} is not {sha256, name, mime, size}`)
    }
  })
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000
const isTime = (v: unknown): v is string => isStr(v, 40) && !Number.isNaN(Date.parse(v))
const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v)

/** Bounds of the live-meeting fields: generous for real sessions, small enough that a hostile client cannot bloat a document. */
const MAX_RECUSALS = 200
const MAX_STATEMENTS = 100
const MAX_ROSTER = 300
const MAX_ATTENDANCE = 500
const MAX_PERIODS = 50
const MAX_RELEASES = 100

function checkVote(vote: unknown, where: string, problems: string[]): void {
  if (!isObj(vote)) return void problems.push(`${where}: vote must be a map`)
  if (vote.mode !== 'counts' && vote.mode !== 'roll-call' && vote.mode !== 'unanimous') problems.push(`${where}: unknown vote mode`)
  if (!isCount(vote.yes) || !isCount(vote.no) || !isCount(vote.abstain)) problems.push(`${where}: vote counts must be non-negative whole numbers`)
  if (!isTime(vote.at)) problems.push(`${where}: vote needs the time it was taken`)
  if (vote.roll !== undefined) {
    if (!isObj(vote.roll)) problems.push(`${where}: roll must be a map`)
    else {
      const entries = Object.entries(vote.roll)
      if (entries.length > MAX_ROSTER) problems.push(`${where}: roll too long`)
      else if (entries.some(([k, c]) => k.length > 100 || !(VOTE_CHOICES as readonly unknown[]).includes(c))) problems.push(`${where}: roll choices must be yes, no or abstain`)
    }
  }
}

function checkLiveFields(item: Obj, where: string, problems: string[]): void {
  if (!optional(item.status, (v) => (ITEM_STATUSES as readonly unknown[]).includes(v))) problems.push(`${where}: unknown status`)
  if (!optional(item.result, (v) => (ITEM_RESULTS as readonly unknown[]).includes(v))) problems.push(`${where}: unknown result`)
  if (item.kind !== undefined && !['standard', 'paper', 'motion', 'other'].includes(item.kind as string)) problems.push(`${where}: unknown kind`)
  for (const key of ['standardKey', 'consultationId', 'parentId'] as const) if (!optional(item[key], (v) => isStr(v, 100))) problems.push(`${where}: ${key} must be text`)
  if (!optional(item.resolutionProposal, (v) => isStr(v, 100_000))) problems.push(`${where}: resolutionProposal must be text up to 100,000 characters`)
  if (!optional(item.resolutionText, (v) => isStr(v, 100_000))) problems.push(`${where}: resolutionText must be text up to 100,000 characters`)
  if (!optional(item.minutesNote, (v) => isStr(v, 100_000))) problems.push(`${where}: minutesNote must be text up to 100,000 characters`)
  if (item.referredTo !== undefined && (!isObj(item.referredTo) || !isStr(item.referredTo.id, 100) || !isStr(item.referredTo.name, 300))) problems.push(`${where}: referredTo needs id and name`)
  if (item.vote !== undefined) checkVote(item.vote, where, problems)
  if (item.recusals !== undefined) {
    checkList(item.recusals, `${where} recusals`, MAX_RECUSALS, problems, (r, j) => {
      if (!isStr(r.personId, 100) || !isStr(r.name, 300) || !isTime(r.at) || !optional(r.reason, (v) => isStr(v, 2000))) problems.push(`${where}: recusal ${j} needs personId, name and time`)
    })
  }
  if (item.statements !== undefined) {
    checkList(item.statements, `${where} statements`, MAX_STATEMENTS, problems, (st, j) => {
      if (!isStr(st.id, 100) || !isStr(st.personId, 100) || !isStr(st.name, 300) || !isStr(st.text, 50_000)) problems.push(`${where}: statement ${j} needs id, personId, name and text (up to 50,000 characters)`)
    })
  }
}

function checkItems(items: unknown, isPublic: boolean, problems: string[]): void {
  if (!Array.isArray(items)) return void problems.push('agendaItems must be a list')
  if (items.length > 500) problems.push('too many agenda items')
  const byId = new Map<string, Obj>()
  for (const item of items) if (isObj(item) && isStr(item.id, 100)) byId.set(item.id, item)
  items.forEach((item, i) => {
    const where = `agenda item ${i}`
    if (!isObj(item) || !isStr(item.id, 100) || !isStr(item.number, 20) || !isStr(item.title, 2000) || typeof item.order !== 'number') {
      return void problems.push(`${where}: needs id, number, order and title`)
    }
    // one audience per document: public items only in the public part and vice versa
    if (item.public !== isPublic) problems.push(`${where}: ${isPublic ? 'non-public item in the public part' : 'public item in the non-public part'}`)
    checkFiles(item.files, where, problems)
    checkLiveFields(item, where, problems)
    // sub-items: the parent is an item of this document (same part) and itself top-level ("Ö 3.1", never "Ö 3.1.1")
    if (isStr(item.parentId, 100)) {
      const parent = byId.get(item.parentId)
      if (!parent || item.parentId === item.id) problems.push(`${where}: parentId must refer to another item of this document`)
      else if (isStr(parent.parentId) && parent.parentId !== '') problems.push(`${where}: sub-items go only one level deep`)
    }
  })
}

function checkMeetingFields(doc: Obj, problems: string[]): void {
  if (doc.roster !== undefined) {
    checkList(doc.roster, 'roster', MAX_ROSTER, problems, (r, i) => {
      if (!isStr(r.personId, 100) || !isStr(r.name, 300) || !isStr(r.role, 100) || typeof r.votingRight !== 'boolean') problems.push(`roster ${i} needs personId, name, role and votingRight`)
      if (!optional(r.factionName, (v) => isStr(v, 300)) || !optional(r.substituteForPersonId, (v) => isStr(v, 100))) problems.push(`roster ${i} has malformed faction or substitute`)
    })
  }
  if (doc.attendance !== undefined) {
    checkList(doc.attendance, 'attendance', MAX_ATTENDANCE, problems, (a, i) => {
      if (!isStr(a.personId, 100) || !isStr(a.name, 300) || typeof a.votingRight !== 'boolean') problems.push(`attendance ${i} needs personId, name and votingRight`)
      if (!['member', 'substitute', 'guest', 'staff'].includes(a.kind as string)) problems.push(`attendance ${i} has an unknown kind`)
      if (!optional(a.substituteForPersonId, (v) => isStr(v, 100)) || !optional(a.note, (v) => isStr(v, 1000)) || !optional(a.expelledAt, isTime)) {
        problems.push(`attendance ${i} has a malformed substitute, note or expulsion`)
      }
      checkList(a.periods, `attendance ${i} periods`, MAX_PERIODS, problems, (p, j) => {
        if (!isTime(p.arrived) || !optional(p.left, isTime)) problems.push(`attendance ${i} period ${j} needs arrival (and departure) times`)
        else if (p.left !== undefined && Date.parse(p.left as string) < Date.parse(p.arrived as string)) problems.push(`attendance ${i} period ${j} ends before it starts`)
      })
    })
  }
  if (doc.live !== undefined) {
    if (!isObj(doc.live)) problems.push('live must be a map')
    else {
      for (const key of ['startedAt', 'endedAt', 'publicEndedAt'] as const) if (!optional(doc.live[key], isTime)) problems.push(`live.${key} must be an ISO date-time`)
      if (!optional(doc.live.currentItemId, (v) => isStr(v, 100))) problems.push('live.currentItemId must be text')
    }
  }
  if (doc.releases !== undefined) {
    checkList(doc.releases, 'releases', MAX_RELEASES, problems, (r, i) => {
      if (!isCount(r.version) || (r.kind !== 'invitation' && r.kind !== 'nachtrag') || !isTime(r.at) || !isStr(r.byName, 300)) problems.push(`release ${i} needs version, kind, time and author`)
      if (!Array.isArray(r.changes) || r.changes.length > 500 || !r.changes.every((c) => isStr(c, 2000))) problems.push(`release ${i}: changes must be a list of text`)
      if (r.letter !== undefined) checkFiles([r.letter], `release ${i} letter`, problems)
      if (r.agenda !== undefined) checkFiles([r.agenda], `release ${i} agenda`, problems)
      if (!optional(r.urgencyReason, (v) => isStr(v, 5000))) problems.push(`release ${i}: urgencyReason must be text`)
    })
  }
  if (doc.chair !== undefined && (!isObj(doc.chair) || !isStr(doc.chair.personId, 100) || !isStr(doc.chair.name, 300))) problems.push('chair needs personId and name')
  if (!optional(doc.minuteTaker, (v) => isStr(v, 300))) problems.push('minuteTaker must be text')
  if (!optional(doc.cancelledReason, (v) => isStr(v, 5000))) problems.push('cancelledReason must be text')
  if (doc.files !== undefined) checkFiles(doc.files, 'meeting files', problems)
  checkImportSource(doc.source, problems)
}

/** `source` of an imported document: where it came from (OParl import). */
function checkImportSource(source: unknown, problems: string[]): void {
  if (source === undefined) return
  if (!isObj(source) || !isStr(source.system, 2000) || !isStr(source.url, 2000) || !optional(source.type, (v) => isStr(v, 300))) problems.push('source needs system and url')
}

/** A member's own documents in one meeting: generous for a binder of papers, bounded against bloat. */
const MAX_UPLOADS = 200
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024
const MAX_NOTES = 1000

function checkNotesMap(notes: unknown, problems: string[]): void {
  if (!isObj(notes)) return void problems.push('notes must be a map')
  const entries = Object.entries(notes)
  if (entries.length > MAX_NOTES) return void problems.push('too many notes')
  for (const [key, value] of entries) {
    if (key.length > 100) problems.push('a note key must be an agenda item id')
    if (!isStr(value, 100_000)) problems.push(`note ${key.slice(0, 40)} must be text up to 100,000 characters`)
  }
}

function checkUploads(uploads: unknown, problems: string[]): void {
  checkList(uploads, 'uploads', MAX_UPLOADS, problems, (u, i) => {
    if (!isStr(u.id, 100) || !u.id) problems.push(`upload ${i} needs an id`)
    if (!isStr(u.sha256, 64) || !/^[0-9a-f]{64}$/.test(u.sha256)) problems.push(`upload ${i}: sha256 must be 64 hex digits`)
    if (!isStr(u.name, 300) || !u.name.trim()) problems.push(`upload ${i} needs a name (up to 300 characters)`)
    if (!isStr(u.mime, 100) || !/^[a-z]+\/[a-z0-9.+-]+$/.test(u.mime)) problems.push(`upload ${i}: mime must be a media type`)
    if (typeof u.size !== 'number' || !Number.isInteger(u.size) || u.size < 0 || u.size > MAX_UPLOAD_BYTES) problems.push(`upload ${i}: size must be a byte count`)
    if (u.pages !== undefined && !isCount(u.pages)) problems.push(`upload ${i}: pages must be a page count`)
    if (!optional(u.itemId, (v) => isStr(v, 100))) problems.push(`upload ${i}: itemId must be an agenda item id`)
    if (!isTime(u.uploadedAt)) problems.push(`upload ${i}: uploadedAt must be an ISO date-time`)
  })
}

const PAPER_TYPES = ['Beschlussvorlage', 'Informationsvorlage', 'Antrag', 'Anfrage', 'Mitteilung']

function checkList(value: unknown, where: string, max: number, problems: string[], each: (item: Obj, i: number) => void): void {
  if (!Array.isArray(value)) return void problems.push(`${where} must be a list`)
  if (value.length > max) return void problems.push(`too many ${where}`)
  value.forEach((item, i) => (isObj(item) ? each(item, i) : problems.push(`${where} ${i} is not a map`)))
}

function checkPaper(doc: Obj, problems: string[]): void {
  if (!isStr(doc.id, 100) || !doc.id) problems.push('id is required')
  if (!isStr(doc.reference, 100)) problems.push('reference must be text')
  if (!isStr(doc.name, 1000) || !doc.name.trim()) problems.push('name is required')
  if (!isStr(doc.paperType) || !PAPER_TYPES.includes(doc.paperType)) problems.push('unknown paper type')
  if (!isStr(doc.date, 10) || !/^\d{4}-\d{2}-\d{2}$/.test(doc.date)) problems.push('date must be an ISO date')
  if (typeof doc.public !== 'boolean') problems.push('public must be true or false')
  if (!isStr(doc.departmentId, 100) || !isStr(doc.department, 300)) problems.push('department is required')
  if (!isStr(doc.summary, 20_000)) problems.push('summary must be text')
  if (!isStr(doc.workflowId, 100)) problems.push('workflowId is required')
  checkImportSource(doc.source, problems)
  checkList(doc.sections, 'sections', 50, problems, (s, i) => {
    if (!isStr(s.key, 100) || !isStr(s.title, 300) || !isStr(s.text, 500_000)) problems.push(`section ${i} needs key, title and text (up to 500,000 characters)`)
  })
  checkList(doc.attachments, 'attachments', 200, problems, (a, i) => {
    if (!isStr(a.id, 100) || !isStr(a.title, 500)) problems.push(`attachment ${i} needs id and title`)
    checkList(a.versions, `attachment ${i} versions`, 100, problems, (v, j) => {
      checkFiles([v], `attachment ${i} version ${j}`, problems)
      if (typeof v.version !== 'number' || !isStr(v.uploadedAt, 40) || !isStr(v.uploadedBy, 100) || !isStr(v.comment, 2000)) {
        problems.push(`attachment ${i} version ${j} needs version, uploadedAt, uploadedBy and comment`)
      }
    })
  })
  checkList(doc.consultations, 'consultations', 50, problems, (c, i) => {
    if (!isStr(c.id, 100) || !isStr(c.organizationId, 100) || !isStr(c.organizationName, 300)) problems.push(`consultation ${i} needs id and body`)
    if (!isStr(c.role) || !(CONSULTATION_ROLES as readonly string[]).includes(c.role)) problems.push(`consultation ${i} has an unknown role`)
    if (c.meetingId !== undefined && !isStr(c.meetingId, 100)) problems.push(`consultation ${i}: meetingId must be text`)
  })
  checkList(doc.sharedWith, 'sharedWith', 50, problems, (d, i) => {
    if (!isStr(d.id, 100) || !isStr(d.name, 300)) problems.push(`shared department ${i} needs id and name`)
  })
  checkList(doc.events, 'events', 10_000, problems, (e, i) => {
    if (!isStr(e.id, 100) || !isStr(e.at, 40) || !isStr(e.actor, 100) || !isStr(e.action, 100) || !Array.isArray(e.roles)) problems.push(`event ${i} is malformed`)
  })
}

export function validateDocument(type: DocType, doc: unknown, ctx: ValidationContext): string[] {
  const problems: string[] = []
  if (!isObj(doc)) return ['document is not a map']
  if (doc.type !== type) problems.push(`type must stay "${type}"`)
  switch (type) {
    case 'meeting': {
      if (ctx.meetingId && doc.id !== ctx.meetingId) problems.push('id must stay the meeting id')
      if (!isStr(doc.name, 500) || !doc.name.trim()) problems.push('name is required')
      if (!isStr(doc.start, 40) || Number.isNaN(Date.parse(doc.start))) problems.push('start must be an ISO date-time')
      if (!isObj(doc.organization) || !isStr(doc.organization.id, 100)) problems.push('organization is required')
      if (!isStr(doc.state) || !MEETING_STATES.includes(doc.state)) problems.push('unknown meeting state')
      checkItems(doc.agendaItems, true, problems)
      checkMeetingFields(doc, problems)
      break
    }
    case 'meeting-confidential':
      if (ctx.meetingId && doc.meetingId !== ctx.meetingId) problems.push('meetingId must stay the meeting id')
      checkItems(doc.agendaItems, false, problems)
      break
    case 'paper':
      checkPaper(doc, problems)
      break
    case 'minutes':
      if (ctx.meetingId && doc.meetingId !== ctx.meetingId) problems.push('meetingId must stay the meeting id')
      if (doc.part !== 'public' && doc.part !== 'confidential') problems.push('part must be public or confidential')
      checkList(doc.sections, 'sections', 600, problems, (s, i) => {
        if (!isStr(s.key, 100) || !isStr(s.title, 500) || !isStr(s.text, 500_000)) problems.push(`section ${i} needs key, title and text`)
      })
      if (!Array.isArray(doc.events)) problems.push('events must be a list')
      if (!Array.isArray(doc.versions)) problems.push('versions must be a list')
      break
    case 'notes': {
      if (ctx.ownerId && doc.owner !== ctx.ownerId) problems.push('owner must stay the registered owner')
      if (ctx.meetingId && doc.meetingId !== ctx.meetingId) problems.push('meetingId must stay the registered meeting')
      checkNotesMap(doc.notes, problems)
      if (doc.annotations !== undefined) problems.push(...annotationMapProblems(doc.annotations))
      if (doc.uploads !== undefined) checkUploads(doc.uploads, problems)
      break
    }
    case 'faction-notes': {
      // identity from the registry: a faction's document never turns into another faction's or meeting's
      if (!ctx.factionId || doc.factionId !== ctx.factionId) problems.push('factionId must stay the registered faction')
      if (!ctx.meetingId || doc.meetingId !== ctx.meetingId) problems.push('meetingId must stay the registered meeting')
      problems.push(...annotationMapProblems(doc.annotations))
      checkNotesMap(doc.notes, problems)
      break
    }
  }
  return problems
}
