/**
 * Rules for annotations arriving from peers (see annotations.ts for the shapes): structure and
 * bounds, who may add or change an annotation in a shared (faction) document, and what a change
 * shared with colleagues (used to tell them, never what it says).
 *
 * Bounds are generous for real reading (hundreds of highlights per meeting, long sticky notes,
 * free-hand strokes) and small enough that a hostile client cannot bloat a document everyone syncs.
 */
import { ANNOTATION_COLORS, ANNOTATION_KINDS, type Annotation } from './annotations.ts'

export const MAX_ANNOTATIONS = 5000
const MAX_RECTS = 500
const MAX_STROKES = 200
/** numbers in all strokes of one annotation (x, y pairs) */
const MAX_INK_NUMBERS = 100_000
const MAX_TEXT = 20_000
const MAX_QUOTE = 5000
const MAX_CONTEXT = 200
const MAX_PAGE = 100_000
const MAX_OFFSET = 50_000_000

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isId = (v: unknown): v is string => isStr(v, 100) && v.length > 0
const isTime = (v: unknown): v is string => isStr(v, 40) && !Number.isNaN(Date.parse(v))
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OFFSET
/** normalised page coordinates are 0..1; text boxes may stick out of the page a little */
const isCoordinate = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= -1 && v <= 2

/** Problems with one annotation (English, for the audit log); empty = well-formed. */
export function annotationProblems(value: unknown, where: string): string[] {
  if (!isObj(value)) return [`${where} is not a map`]
  const a = value
  const problems: string[] = []
  if (!isId(a.id)) problems.push(`${where}: id must be text of 1 to 100 characters`)
  if (!(ANNOTATION_KINDS as readonly unknown[]).includes(a.kind)) problems.push(`${where}: unknown kind`)
  if (!(ANNOTATION_COLORS as readonly unknown[]).includes(a.color)) problems.push(`${where}: unknown colour`)
  const target = a.target
  if (!isObj(target) || !isStr(target.fileKey, 300) || !target.fileKey || !isSha(target.sha256) || !isStr(target.name, 300)) {
    problems.push(`${where}: target needs fileKey, sha256 (64 hex digits) and name`)
  }
  if (typeof a.page !== 'number' || !Number.isInteger(a.page) || a.page < 1 || a.page > MAX_PAGE) problems.push(`${where}: page must be a page number`)
  if (a.quote !== undefined) {
    const q = a.quote
    if (!isObj(q) || !isStr(q.exact, MAX_QUOTE) || !isStr(q.prefix, MAX_CONTEXT) || !isStr(q.suffix, MAX_CONTEXT)) {
      problems.push(`${where}: quote needs exact (up to ${MAX_QUOTE} characters), prefix and suffix`)
    }
  }
  if (a.start !== undefined || a.end !== undefined) {
    if (!isOffset(a.start) || !isOffset(a.end) || a.end < a.start) problems.push(`${where}: start and end must be character offsets, start ≤ end`)
  }
  if (a.rects !== undefined) {
    if (!Array.isArray(a.rects) || a.rects.length > MAX_RECTS) problems.push(`${where}: rects must be a list of at most ${MAX_RECTS}`)
    else if (!a.rects.every((r) => Array.isArray(r) && r.length === 4 && r.every(isCoordinate))) problems.push(`${where}: a rect is [x, y, width, height] in page coordinates`)
  }
  if (a.ink !== undefined) {
    if (!Array.isArray(a.ink) || a.ink.length > MAX_STROKES) problems.push(`${where}: ink must be a list of at most ${MAX_STROKES} strokes`)
    else {
      let numbers = 0
      for (const stroke of a.ink) {
        if (!Array.isArray(stroke) || stroke.length % 2 !== 0 || !stroke.every(isCoordinate)) {
          problems.push(`${where}: a stroke is a flat list of x, y pairs in page coordinates`)
          break
        }
        numbers += stroke.length
      }
      if (numbers > MAX_INK_NUMBERS) problems.push(`${where}: too many ink points`)
    }
  }
  if (a.text !== undefined && !isStr(a.text, MAX_TEXT)) problems.push(`${where}: text must be up to ${MAX_TEXT} characters`)
  if (a.detached !== undefined && typeof a.detached !== 'boolean') problems.push(`${where}: detached must be true or false`)
  if (!isId(a.author) || !isStr(a.authorName, 300)) problems.push(`${where}: author and authorName are required`)
  if (!isTime(a.createdAt) || (a.updatedAt !== undefined && !isTime(a.updatedAt))) problems.push(`${where}: createdAt (and updatedAt) must be ISO date-times`)
  return problems
}

/** Problems with an annotations map keyed by annotation id. */
export function annotationMapProblems(value: unknown, where = 'annotations'): string[] {
  if (!isObj(value)) return [`${where} must be a map`]
  const entries = Object.entries(value)
  if (entries.length > MAX_ANNOTATIONS) return [`too many ${where} (at most ${MAX_ANNOTATIONS})`]
  const problems: string[] = []
  for (const [key, annotation] of entries) {
    const where1 = `annotation ${key.slice(0, 40)}`
    problems.push(...annotationProblems(annotation, where1))
    if (isObj(annotation) && annotation.id !== key) problems.push(`${where1}: the key must be the annotation's id`)
    if (problems.length >= 20) break
  }
  return problems
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * What the author made: never changed by anybody else. The anchor (version, page, offsets,
 * rectangles, the quote as the new version reads, `detached`) may follow a new file version.
 */
function authoredPart(a: Annotation | undefined): unknown[] {
  return [a?.id, a?.kind, a?.color, a?.text, a?.ink, a?.target?.fileKey, a?.author, a?.authorName, a?.createdAt]
}

/**
 * In a document several people write (the faction's notes), an annotation belongs to its author:
 * a new one must name the writer (id and name) as its author; only the author changes what it says
 * (kind, colour, text, ink) or removes it. Anybody's app may move its anchor to a newer
 * version of the file (page, offsets, rectangles, `detached`), which every reader's app does the same way.
 */
export function annotationAuthorshipProblems(
  before: Record<string, Annotation> | undefined,
  after: Record<string, Annotation> | undefined,
  writer: { userId: string; name: string },
): string[] {
  const problems: string[] = []
  const old = before ?? {}
  const now = after ?? {}
  for (const [id, annotation] of Object.entries(now)) {
    const previous = old[id]
    const where = `annotation ${id.slice(0, 40)}`
    if (!previous) {
      if (annotation?.author !== writer.userId) problems.push(`${where}: a new annotation must name its writer as author`)
      else if (annotation.authorName !== writer.name) problems.push(`${where}: authorName must be the writer's name`)
      continue
    }
    if (same(authoredPart(previous), authoredPart(annotation))) continue
    if (previous.author !== writer.userId) problems.push(`${where}: only its author changes what it says`)
    else if (annotation?.author !== previous.author || annotation?.authorName !== previous.authorName) problems.push(`${where}: the author stays`)
  }
  for (const [id, previous] of Object.entries(old)) {
    if (!(id in now) && previous?.author !== writer.userId) problems.push(`annotation ${id.slice(0, 40)}: only its author removes it`)
  }
  return problems
}

/**
 * What a change shares with colleagues: annotations that are new, and shared notes (per agenda
 * item) that were empty before and have text now. Edits of existing ones are not news.
 */
export function sharedAdditions(
  before: { annotations?: Record<string, Annotation>; notes?: Record<string, string> } | undefined,
  after: { annotations?: Record<string, Annotation>; notes?: Record<string, string> } | undefined,
): { annotations: string[]; notes: string[] } {
  const oldAnnotations = before?.annotations ?? {}
  const oldNotes = before?.notes ?? {}
  const annotations = Object.keys(after?.annotations ?? {}).filter((id) => !(id in oldAnnotations))
  const notes = Object.entries(after?.notes ?? {})
    .filter(([key, text]) => typeof text === 'string' && text.trim() !== '' && !String(oldNotes[key] ?? '').trim())
    .map(([key]) => key)
  return { annotations, notes }
}

/** Agenda item ids whose shared note text differs between two versions of a notes map. */
export function changedNoteKeys(before: Record<string, string> | undefined, after: Record<string, string> | undefined): string[] {
  const old = before ?? {}
  const now = after ?? {}
  const keys = new Set([...Object.keys(old), ...Object.keys(now)])
  return [...keys].filter((k) => old[k] !== now[k])
}
