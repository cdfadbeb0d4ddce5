/**
 * @ratstisch/paper-pdf: a paper (Vorlage) and the meeting's invitation, agenda and minutes as
 * tagged, accessible PDFs, byte-identical on the relay and in the app. Font loading lives in the
 * environment-specific entry points `@ratstisch/paper-pdf/fonts-node` and
 * `@ratstisch/paper-pdf/fonts-browser`.
 */
export { renderPaperPdf } from './render-paper-pdf.ts'
export { CONFIDENTIAL_MARKER, germanWeekdayDate, meetingPdfFileName, renderAgendaPdf, renderInvitationPdf, renderMinutesPdf, type InvitationKind, type InvitationPdfContext, type MeetingPdfContext } from './meeting-pdf.ts'
export { germanDate, meetingLabel, paperPdfFileName, paperPdfInput, type PaperPdfAttachment, type PaperPdfConsultation, type PaperPdfInput, type PaperPdfInputOptions, type PaperPdfSection } from './paper-pdf-input.ts'
export { FONT_FILES, FONT_STYLES, type FontStyle, type PdfFonts } from './pdf-fonts.ts'
// the layout machinery, for further tagged documents rendered elsewhere (the allowance statement on the relay)
export { ACCENT, BODY_SIZE, FOOTER_BASELINE, HEADER_BASELINE, LEFT, LayoutWriter, MUTED, RULE, SMALL_SIZE, WIDTH, num, writeTaggedPdf, type TaggedPdfMeta } from './pdf-layout.ts'
export { breakLines, type TextLine, type TextRun } from './text-layout.ts'
export type { StructElement } from './struct-tree.ts'
export type { FontSubset } from './font-subset.ts'
