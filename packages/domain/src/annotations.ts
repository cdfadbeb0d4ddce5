/**
 * Annotations on PDF pages (highlights, underlines, free-hand ink, sticky notes) and the faction's
 * shared notes document.
 *
 * A member's private annotations live in their own `notes` document (audience: the owner); the
 * ones shared with the faction live in the faction's `faction-notes` document of that meeting
 * (audience: the faction's members, nobody else — not even the office). One audience per document.
 *
 * An annotation is anchored to text twice: by quote (the selected text with some context before
 * and after) and by position (page, character offsets into the page text, rectangles). A new
 * version of the file moves the anchor by the quote; when the quote is gone the annotation is
 * shown as detached, never dropped.
 */

export const ANNOTATION_KINDS = ['highlight', 'underline', 'ink', 'note'] as const
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number]

export const ANNOTATION_COLORS = ['yellow', 'green', 'blue', 'pink', 'orange'] as const
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number]

/** The logical file an annotation belongs to, and the version it was made on. */
export interface AnnotationTarget {
  /**
   * Stable across versions: `<paperId>/<attachmentId>` for a paper's attachment, else the
   * SHA-256 of the file (agenda PDFs, uploads: they have no versions).
   */
  fileKey: string
  /** the version the anchor (page, offsets, rects) refers to */
  sha256: string
  name: string
}

/** W3C Web Annotation style text quote selector. */
export interface TextQuote {
  exact: string
  /** up to 32 characters before and after the quote on the page */
  prefix: string
  suffix: string
}

export interface Annotation {
  id: string
  kind: AnnotationKind
  color: AnnotationColor
  target: AnnotationTarget
  /** 1-based page number in target.sha256 */
  page: number
  quote?: TextQuote
  /** character offsets into the page text (pdf.js text items joined, see pageText) */
  start?: number
  end?: number
  /** normalised page rectangles [x, y, width, height], 0..1, origin top left */
  rects?: number[][]
  /** free-hand strokes: flat lists of normalised x, y pairs */
  ink?: number[][]
  /** sticky note text or a comment on a highlight */
  text?: string
  /** true when a newer version no longer contains the quote (set by the app on re-anchoring) */
  detached?: boolean
  author: string
  authorName: string
  createdAt: string
  updatedAt?: string
}

/** Notes a faction shares about one meeting. Audience: the faction's members (read and write). */
export interface FactionNotesDoc {
  type: 'faction-notes'
  factionId: string
  meetingId: string
  annotations: Record<string, Annotation>
  /** agenda item id -> shared note text */
  notes: Record<string, string>
}

/** A document a member uploaded into a meeting for themself (stored in their notes document). */
export interface PrivateUpload {
  id: string
  sha256: string
  name: string
  mime: string
  size: number
  pages?: number
  /** the agenda item it belongs to, if any */
  itemId?: string
  uploadedAt: string
}
