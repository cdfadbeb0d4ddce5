/**
 * Where an annotation goes in the version of a file that is open (pure). Made on this version: as
 * stored. Made on another version of the same file: re-anchored by its quote in the open
 * version's page texts (see reanchor), or detached when the quoted text is gone. Ink and notes keep
 * their position on the page their quote moved to (or their own page when they have no quote).
 */
import { reanchor, type Annotation, type TextQuote } from '@ratstisch/domain'

export type PlacementStatus = 'same' | 'moved' | 'changed' | 'detached'

export interface Placement {
  status: PlacementStatus
  page: number
  start?: number
  end?: number
  quote?: TextQuote
  /** stored rectangles are only valid on the version they were made on */
  rects?: number[][]
}

/** `pageTexts` of the open version; undefined while they are not extracted yet (→ undefined). */
export function placeAnnotation(a: Annotation, openSha: string, pageTexts: readonly string[] | undefined): Placement | undefined {
  if (a.target.sha256 === openSha) return { status: 'same', page: a.page, start: a.start, end: a.end, quote: a.quote, rects: a.rects }
  if (!pageTexts) return undefined
  const textKind = a.kind === 'highlight' || a.kind === 'underline'
  if (a.quote?.exact.trim()) {
    const match = reanchor(pageTexts, { page: a.page, start: a.start, end: a.end, quote: a.quote })
    if (!match) return { status: 'detached', page: a.page }
    const status = match.changed ? 'changed' : 'moved'
    if (textKind) return { status, page: match.page, start: match.start, end: match.end, quote: match.quote }
    return { status, page: match.page, start: match.start, end: match.end, quote: match.quote, rects: a.rects }
  }
  if (textKind || a.page > pageTexts.length) return { status: 'detached', page: a.page }
  return { status: 'moved', page: a.page, rects: a.rects }
}

/**
 * The anchor to store when the user edits an annotation shown on another version: the annotation
 * then belongs to the open version (target, page, offsets, quote); nothing for unchanged ones.
 */
export function anchorUpdate(a: Annotation, placement: Placement | undefined, open: { sha256: string; name: string }): Partial<Annotation> | undefined {
  if (!placement || placement.status === 'same' || placement.status === 'detached') return undefined
  return {
    target: { ...a.target, sha256: open.sha256, name: open.name },
    page: placement.page,
    start: placement.start,
    end: placement.end,
    quote: placement.quote,
    rects: placement.rects,
    detached: undefined,
  }
}
