/**
 * OParl's AgendaItem.result is free text ("Geändert beschlossen", "10 Ja-Stimmen, 2 Nein-Stimmen,
 * 0 Enthaltungen", "einstimmig", "zur Kenntnis genommen", "vertagt"). This reads what it clearly
 * says and nothing more: texts with several votes ("1. … 2. …") or tables give no result; the
 * original text is always kept by the caller.
 */

export interface ParsedResult {
  status?: 'behandelt' | 'vertagt' | 'zurückgezogen' | 'verwiesen'
  result?: 'angenommen' | 'abgelehnt' | 'zur Kenntnis genommen'
  /** only when the text states the counts of one vote */
  vote?: { yes: number; no: number; abstain: number; unanimous: boolean }
}

const one = (text: string, pattern: RegExp): number | undefined => {
  const all = [...text.matchAll(pattern)]
  return all.length === 1 ? Number(all[0][1]) : undefined
}

export function parseResultText(raw: string | null | undefined): ParsedResult {
  if (!raw) return {}
  const text = raw.toLowerCase().replace(/\s+/g, ' ').trim()
  if (!text || /^[-–.\s0]*$/.test(text) || /kein text|entfällt|^ohne$/.test(text)) return {}
  // several votes or a table of votes per faction: no single result
  if ((/(^|\D)1\.\s*\S/.test(text) && /(^|\D)2\.\s*\S/.test(text)) || /(^|\s)b\)|gesamt\d|janeinenthaltung/.test(text)) return {}
  if (/zurückgezogen/.test(text)) return { status: 'zurückgezogen' }
  if (/verwiesen|überwiesen/.test(text)) return { status: 'verwiesen' }
  if (/vertagt|zurückgestellt|abgesetzt|von der tagesordnung genommen/.test(text)) return { status: 'vertagt' }
  if (/kenntnis/.test(text)) return { status: 'behandelt', result: 'zur Kenntnis genommen' }
  const yes = one(text, /(\d+)\s*(?:x\s*)?ja(?:-| )?stimme/g) ?? one(text, /(\d+)\s*x\s*ja\b/g)
  const no = one(text, /(\d+)\s*(?:x\s*)?nein(?:-| )?stimme/g) ?? one(text, /(\d+)\s*x\s*nein\b/g)
  const abstain = one(text, /(\d+)\s*(?:x\s*)?enthaltung/g)
  const unanimous = /einstimmig/.test(text)
  const says = /abgelehnt|nicht (?:beschlossen|zugestimmt|angenommen)|nicht stattgegeben/.test(text)
    ? 'abgelehnt'
    : /beschlossen|angenommen|zugestimmt|stattgegeben|einstimmig/.test(text)
      ? 'angenommen'
      : undefined
  if (yes !== undefined && (no !== undefined || unanimous)) {
    const vote = { yes, no: no ?? 0, abstain: abstain ?? 0, unanimous }
    return { status: 'behandelt', result: says ?? (vote.yes > vote.no ? 'angenommen' : 'abgelehnt'), vote }
  }
  if (says) return { status: 'behandelt', result: says }
  return {}
}
