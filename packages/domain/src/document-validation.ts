/**
 * Runtime validation of documents as they arrive at the relay (on the fork the change would
 * produce). A writer's client, buggy or hostile, must not corrupt a document for everyone else or
 * break its audience rule (a non-public item in the public meeting document). Returns problems in
 * English for the audit log; empty = valid.
 */
import type { DocType } from './documents.ts'
import { CONSULTATION_ROLES } from './papers.ts'

export interface ValidationContext {
  /** from the access registry, never from the document */
  meetingId?: string | null
  ownerId?: string | null
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

function checkItems(items: unknown, isPublic: boolean, problems: string[]): void {
  if (!Array.isArray(items)) return void problems.push('agendaItems must be a list')
  if (items.length > 500) problems.push('too many agenda items')
  items.forEach((item, i) => {
    const where = `agenda item ${i}`
    if (!isObj(item) || !isStr(item.id, 100) || !isStr(item.number, 20) || !isStr(item.title, 2000) || typeof item.order !== 'number') {
      return void problems.push(`${where}: needs id, number, order and title`)
    }
    // one audience per document: public items only in the public part and vice versa
    if (item.public !== isPublic) problems.push(`${where}: ${isPublic ? 'non-public item in the public part' : 'public item in the non-public part'}`)
    checkFiles(item.files, where, problems)
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
      if (!isObj(doc.notes)) {
        problems.push('notes must be a map')
        break
      }
      const entries = Object.entries(doc.notes)
      if (entries.length > 1000) problems.push('too many notes')
      for (const [key, value] of entries) if (!isStr(value, 100_000)) problems.push(`note ${key.slice(0, 40)} must be text up to 100,000 characters`)
      break
    }
  }
  return problems
}
