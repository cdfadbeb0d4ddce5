/**
 * The relay's paper PDF: the same renderer, fonts and input mapping as the app uses offline, so
 * the bytes are identical. Fonts are read once.
 */
import { derivePaperWorkflow, workflowOf } from '@ratstisch/domain'
import { meetingLabel, paperPdfFileName, paperPdfInput, renderPaperPdf, type PdfFonts } from '@ratstisch/paper-pdf'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-node'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'
import type { PaperService } from './paper-service.ts'

export function paperPdfRenderer(papers: PaperService, meetings: MeetingCatalogue, townName: () => string) {
  let fonts: Promise<PdfFonts> | undefined
  return async (userId: string, paperId: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const { doc } = await papers.doc(userId, paperId)
    const derived = derivePaperWorkflow(doc)
    const input = paperPdfInput(doc, { name: townName() }, workflowOf(doc).states[derived.state]?.label ?? derived.state, {
      meetingLabel: (id) => meetingLabel(meetings.get(id)?.start),
    })
    fonts ??= loadPdfFonts()
    return { bytes: await renderPaperPdf(input, await fonts), fileName: paperPdfFileName(doc) }
  }
}
