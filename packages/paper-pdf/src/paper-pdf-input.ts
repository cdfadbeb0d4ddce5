/**
 * What the renderer needs to know about a paper, in display form: the mapping from a PaperDoc is
 * the only place that knows the document's shape, so the renderer stays a function of plain data.
 */
import type { PaperDoc } from '@ratstisch/domain'

export interface PaperPdfConsultation {
  /** the body, e.g. "Bau- und Vergabeausschuss" */
  organizationName: string
  /** "Vorberatung", "Entscheidung", "Kenntnisnahme" */
  role: string
  /** target meeting as shown, e.g. "Sitzung am 12.03.2026"; empty when none is known */
  meeting: string
  /** e.g. "beschlossen am 12.03.2026"; empty while open */
  result: string
}

export interface PaperPdfSection {
  title: string
  /** rich-text subset (see @ratstisch/domain rich-text.ts) */
  text: string
}

export interface PaperPdfAttachment {
  title: string
  /** file name of the current version; empty when the attachment has no file yet */
  fileName: string
  /** number of the current version; 0 without a file */
  version: number
}

export interface PaperPdfInput {
  townName: string
  /** the paper's name (Betreff) */
  title: string
  /** e.g. "Beschlussvorlage" */
  paperType: string
  /** e.g. "BV 160 (VIII/2024-2029)"; empty for a draft that has no number yet */
  reference: string
  /** ISO date (YYYY-MM-DD…); also fixes the PDF's creation date */
  date: string
  /** owning department (federführend) */
  department: string
  /** workflow state as shown in the app, e.g. "in Beratung" */
  stateLabel: string
  consultations: PaperPdfConsultation[]
  sections: PaperPdfSection[]
  attachments: PaperPdfAttachment[]
}

export interface PaperPdfInputOptions {
  /** how to show a consultation's target meeting; without it, meetings are not named */
  meetingLabel?: (meetingId: string) => string | undefined
}

/** "2026-03-12" or "2026-03-12T17:00:00+01:00" -> "12.03.2026"; anything else unchanged. */
export function germanDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso
}

/** How a consultation's target meeting is named in the PDF, on the relay and in the app alike. */
export function meetingLabel(start: string | undefined): string | undefined {
  return start ? `Sitzung am ${germanDate(start)}` : undefined
}

/** File name of a paper's PDF: "BV 160 (VIII-2024-2029) Radweg Mühlenstraße.pdf" or "Entwurf …". */
export function paperPdfFileName(paper: Pick<PaperDoc, 'reference' | 'name'>): string {
  const base = `${paper.reference || 'Entwurf'} ${paper.name}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim()
  return `${base.slice(0, 140)}.pdf`
}

/** Maps a paper document to renderer input. */
export function paperPdfInput(paper: PaperDoc, town: { name: string }, stateLabel: string, options: PaperPdfInputOptions = {}): PaperPdfInput {
  return {
    townName: town.name,
    title: paper.name,
    paperType: paper.paperType,
    reference: paper.reference ?? '',
    date: paper.date ?? '',
    department: paper.department ?? '',
    stateLabel,
    consultations: (paper.consultations ?? []).map((c) => ({
      organizationName: c.organizationName,
      role: c.role,
      meeting: (c.meetingId && options.meetingLabel?.(c.meetingId)) || '',
      result: c.result ? `${c.result}${c.resultAt ? ` am ${germanDate(c.resultAt)}` : ''}` : '',
    })),
    sections: (paper.sections ?? []).map((s) => ({ title: s.title, text: String(s.text ?? '') })),
    attachments: (paper.attachments ?? []).map((a) => {
      const current = a.versions?.[a.versions.length - 1]
      return { title: a.title, fileName: current?.name ?? '', version: current?.version ?? 0 }
    }),
  }
}
