/**
 * Renders a paper's PDF on this device (also offline), with the same renderer, fonts and input as
 * the relay's GET /api/papers/:id/pdf, so both give the same bytes. Loaded on demand: the
 * renderer and fonts are only fetched when someone asks for a PDF.
 */
import type { PaperDoc } from '@ratstisch/domain'
import { meetingLabel, paperPdfFileName, paperPdfInput, renderPaperPdf } from '@ratstisch/paper-pdf'
import { loadPdfFonts } from '@ratstisch/paper-pdf/fonts-browser'

export async function renderPaperPdfInBrowser(
  paper: PaperDoc,
  stateLabel: string,
  townName: string,
  meetingStart: (meetingId: string) => string | undefined,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const input = paperPdfInput(paper, { name: townName }, stateLabel, { meetingLabel: (id) => meetingLabel(meetingStart(id)) })
  const bytes = await renderPaperPdf(input, await loadPdfFonts())
  return { bytes, fileName: paperPdfFileName(paper) }
}
