/**
 * The leak-test marker (RATSTISCH_DEMO_MARKER): when it is set, the demo town carries that exact
 * string in every non-public title, text and file, and nowhere else. A crawler of the portal and
 * the OParl API then only has to search for one string to prove that nothing non-public leaks.
 *
 * What counts as non-public is decided by the audience the seeder gives a document (readers
 * without `public`): non-public papers and everything about them, the non-public agenda items,
 * meetings still being planned (office only), drafts in the administration, non-public
 * resolutions and their reports, the contact details of persons without publication consent.
 * The marker is written the way such content reads anyway ("[marker] …" in front of a title, an
 * "Interner Vermerk" sentence in a text), so the demo stays readable.
 *
 * Without the marker none of these functions is called: the demo is byte-identical.
 */
import type { DemoAttachment, DemoMeeting, DemoPaper } from './demo-town.ts'
import { pagesNeeded } from './demo-layout.ts'

/**
 * The marker the leak tests use when none is given. It is never written by the demo on its own:
 * the tests check that a demo seeded without RATSTISCH_DEMO_MARKER does not contain it.
 */
export const LEAK_TEST_MARKER = 'RtLeakCheck-7f3a9c'

/**
 * "[marker] Bebauungsplan Nr. 47 …": in front, because titles are cut at the end (file names of
 * at most 150 characters, PDF title blocks, shortened lists), and a cut-off marker would hide a leak.
 */
export function markedTitle(title: string, marker: string): string {
  return `[${marker}] ${title}`
}

/** The sentence that carries the marker in texts. */
export function markerNote(marker: string): string {
  return `Interner Vermerk ${marker}: nur für den Dienstgebrauch, nicht zur Veröffentlichung bestimmt.`
}

/** A (Markdown) text with the marker sentence as its last paragraph; an empty text becomes the sentence. */
export function markedText(text: string, marker: string): string {
  return text.trim() ? `${text}\n\n${markerNote(marker)}` : markerNote(marker)
}

/** A summary or other one-paragraph text with the marker sentence appended. */
export function markedSentence(text: string, marker: string): string {
  return text.trim() ? `${text} ${markerNote(marker)}` : markerNote(marker)
}

/** The wording of a non-public resolution (proposal): confidential until it is announced. */
export function markedResolution(text: string, marker: string): string {
  return `${text} Der Beschluss bleibt bis zu seiner Bekanntgabe vertraulich (Vorgang ${marker}).`
}

/** "Anlage 1 Lageplan BV 160.pdf" -> "marker Anlage 1 Lageplan BV 160.pdf" (in front: long names are cut at the end) */
export function markedFileName(name: string, marker: string): string {
  return `${marker} ${name}`
}

/** "anna.becker@musterstadt.example" -> "anna.becker+marker@musterstadt.example" (sub-addressing: still deliverable). */
export function markedEmail(address: string, marker: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? `${address}+${marker}` : `${address.slice(0, at)}+${marker}${address.slice(at)}`
}

/**
 * A paper whose audience is not the public (non-public papers; drafts are marked where they are
 * written): name, summary, every section, the Beschlussvorschlag and every attachment (title,
 * file name, and a first paragraph that puts the marker on the first page of the PDF).
 */
export function markPaper(paper: DemoPaper, marker: string): DemoPaper {
  const marked: DemoPaper = {
    ...paper,
    name: markedTitle(paper.name, marker),
    summary: markedSentence(paper.summary, marker),
    sections: paper.sections.map((s) => ({ ...s, text: markedText(s.text, marker) })),
    attachments: paper.attachments.map((a) => markAttachment(a, marker)),
  }
  if (paper.resolutionProposal) marked.resolutionProposal = markedResolution(paper.resolutionProposal, marker)
  return marked
}

function markAttachment(attachment: DemoAttachment, marker: string): DemoAttachment {
  const paragraphs = [markerNote(marker), ...attachment.paragraphs]
  return {
    ...attachment,
    name: markedFileName(attachment.name, marker),
    title: markedTitle(attachment.title, marker),
    paragraphs,
    // the sentence may need another page: the renderer would otherwise cut text off
    pages: pagesNeeded(paragraphs),
  }
}

/**
 * A meeting as the seeder writes it: the non-public items always carry the marker (title,
 * Beschlussvorschlag); a meeting seen by the office only (still being planned) also in its name
 * and the titles of its public items.
 */
export function markMeeting(meeting: DemoMeeting, marker: string, options: { officeOnly: boolean }): DemoMeeting {
  return {
    ...meeting,
    name: options.officeOnly ? `${meeting.name} (in Vorbereitung, ${marker})` : meeting.name,
    items: meeting.items.map((item) => {
      if (item.public && !options.officeOnly) return item
      const marked = { ...item, title: markedTitle(item.title, marker) }
      if (!item.public && item.resolutionProposal) marked.resolutionProposal = markedResolution(item.resolutionProposal, marker)
      return marked
    }),
  }
}
