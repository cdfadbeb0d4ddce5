/**
 * Word-level difference between two versions of a PDF, page by page (pure). The page texts come
 * from pageText (packages/search/src/page-text.ts), so what is compared is exactly what search and
 * annotation anchors see. Page n of the older version is compared with page n of the newer one;
 * pages only one version has count as inserted or deleted as a whole.
 */
import { diffWords } from 'diff'

export type DiffPartKind = 'same' | 'ins' | 'del'

export interface DiffPart {
  kind: DiffPartKind
  text: string
}

export interface PageDiff {
  /** 1-based */
  page: number
  status: 'same' | 'changed' | 'added' | 'removed'
  parts: DiffPart[]
  /** words inserted and deleted on this page */
  inserted: number
  deleted: number
  /** the page was too long for a word diff in time: shown as replaced as a whole */
  approximate?: boolean
}

export interface VersionDiff {
  pages: PageDiff[]
  inserted: number
  deleted: number
  changedPages: number
  totalPages: number
  /** false when neither version has any text (scanned pages) */
  hasText: boolean
}

/** Words as a reader counts them: runs of letters and digits (Bebauungsplan-Nr. 42 is three). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

/** German word segmentation keeps numbers like "1,2" and "2.500" whole (jsdiff's regex would split them). */
const segmenter: Intl.Segmenter | undefined = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('de', { granularity: 'word' }) : undefined

function pushPart(parts: DiffPart[], kind: DiffPartKind, text: string): void {
  if (!text) return
  const last = parts[parts.length - 1]
  if (last && last.kind === kind) last.text += text
  else parts.push({ kind, text })
}

export function diffPage(page: number, older: string, newer: string, timeoutMs = 1500): PageDiff {
  if (collapse(older) === collapse(newer)) return { page, status: 'same', parts: newer ? [{ kind: 'same', text: newer }] : [], inserted: 0, deleted: 0 }
  const changes = diffWords(older, newer, { timeout: timeoutMs, ...(segmenter ? { intlSegmenter: segmenter } : {}) })
  if (!changes) {
    const parts: DiffPart[] = []
    pushPart(parts, 'del', older)
    pushPart(parts, 'ins', newer)
    return { page, status: 'changed', parts, inserted: countWords(newer), deleted: countWords(older), approximate: true }
  }
  const parts: DiffPart[] = []
  let inserted = 0
  let deleted = 0
  for (const c of changes) {
    const kind: DiffPartKind = c.added ? 'ins' : c.removed ? 'del' : 'same'
    if (kind === 'ins') inserted += countWords(c.value)
    if (kind === 'del') deleted += countWords(c.value)
    pushPart(parts, kind, c.value)
  }
  // only whitespace or punctuation moved: nothing a reader would call a change
  const status = inserted || deleted || parts.some((p) => p.kind !== 'same' && p.text.trim()) ? 'changed' : 'same'
  return { page, status, parts, inserted, deleted }
}

export function diffVersions(older: readonly string[], newer: readonly string[], timeoutMs?: number): VersionDiff {
  const pages: PageDiff[] = []
  const total = Math.max(older.length, newer.length)
  for (let i = 0; i < total; i++) {
    const a = older[i]
    const b = newer[i]
    if (a === undefined) pages.push({ page: i + 1, status: 'added', parts: b ? [{ kind: 'ins', text: b }] : [], inserted: countWords(b ?? ''), deleted: 0 })
    else if (b === undefined) pages.push({ page: i + 1, status: 'removed', parts: a ? [{ kind: 'del', text: a }] : [], inserted: 0, deleted: countWords(a) })
    else pages.push(diffPage(i + 1, a, b, timeoutMs))
  }
  return {
    pages,
    inserted: pages.reduce((s, p) => s + p.inserted, 0),
    deleted: pages.reduce((s, p) => s + p.deleted, 0),
    changedPages: pages.filter((p) => p.status !== 'same').length,
    totalPages: total,
    hasText: [...older, ...newer].some((t) => t.trim().length > 0),
  }
}
