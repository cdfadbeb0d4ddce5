/**
 * File names a person understands, e.g. "2026-03-12 Bauausschuss - Ö 3 Bebauungsplan Nr. 42.pdf".
 * Incumbent systems hand out "dokument(17).pdf"; this is one of the things users complain about.
 */
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g

export function safeFileName(name: string, maxLength = 150): string {
  const cleaned = name.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim()
  if (cleaned.length <= maxLength) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : ''
  return cleaned.slice(0, maxLength - ext.length).trimEnd() + ext
}

export interface FileNameContext {
  /** ISO date or date-time of the meeting */
  meetingStart?: string
  bodyName?: string
  /** e.g. "Ö 3" */
  itemNumber?: string
  /** agenda item title or paper name */
  title?: string
}

export function extensionFor(mime: string): string {
  switch (mime) {
    case 'application/pdf':
      return '.pdf'
    case 'image/png':
      return '.png'
    case 'image/jpeg':
      return '.jpg'
    case 'image/webp':
      return '.webp'
    case 'image/gif':
      return '.gif'
    default:
      return ''
  }
}

/** Builds "<date> <body> - <number> <title>.<ext>" from whatever context is known. */
export function displayFileName(ctx: FileNameContext, fileName: string, mime: string): string {
  const ext = extensionFor(mime)
  const base = fileName.replace(/\.[A-Za-z0-9]{2,5}$/, '')
  const head = [ctx.meetingStart?.slice(0, 10), ctx.bodyName].filter(Boolean).join(' ')
  const tail = [ctx.itemNumber, ctx.title ?? base].filter(Boolean).join(' ')
  const withAttachment = ctx.title && base && base !== ctx.title ? `${tail} - ${base}` : tail
  const full = head ? `${head} - ${withAttachment}` : withAttachment
  return safeFileName(full + ext)
}
