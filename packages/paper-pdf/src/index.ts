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
