/**
 * Circular decisions (Umlaufverfahren, § 54 KVG LSA): a motion decided in writing or electronically
 * without a meeting. It passes only if no voting member objects (DOMAIN.md); otherwise the body's
 * majority rule applies to the answers.
 */
import type { CircularState, CircularVoter } from './meetings.ts'
import type { BodySettings } from './structure.ts'

export interface CircularOutcome {
  /** the result is final (an objection, everybody answered, or the deadline passed) */
  decided: boolean
  state: CircularState
  resultText: string
  yes: number
  no: number
  abstain: number
  objections: number
  /** voters without an answer */
  missing: number
}

/**
 * § 54: fails at once on any objection (one objection is enough to force a meeting, so waiting for
 * the others changes nothing). Otherwise decided when everybody answered or the deadline passed;
 * missing answers then count as not agreeing (like no votes: silence must not help a motion pass
 * that needed consent). Majority by the body's rule; a tie is rejected — there is no chair's vote
 * in writing. All abstaining means no yes vote: rejected.
 */
export function evaluateCircular(input: { voters: readonly CircularVoter[]; deadlinePassed: boolean; settings: BodySettings }): CircularOutcome {
  const count = { yes: 0, no: 0, abstain: 0, objection: 0 }
  let missing = 0
  for (const v of input.voters) {
    if (v.answer && v.answer in count) count[v.answer]++
    else missing++
  }
  const base = { yes: count.yes, no: count.no, abstain: count.abstain, objections: count.objection, missing }
  const counts = `${count.yes} Ja, ${count.no} Nein, ${count.abstain} ${count.abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`
  const missingText = missing ? `, ${missing} ohne Antwort` : ''
  if (count.objection > 0) {
    const who = count.objection === 1 ? '1 Mitglied' : `${count.objection} Mitglieder`
    return { ...base, decided: true, state: 'failed', resultText: `abgelehnt: Widerspruch gegen das Umlaufverfahren (${who}); die Angelegenheit muss in einer Sitzung beraten werden` }
  }
  if (missing > 0 && !input.deadlinePassed) {
    return { ...base, decided: false, state: 'open', resultText: `offen: ${input.voters.length - missing} von ${input.voters.length} haben geantwortet` }
  }
  const against = count.no + missing
  let passed: boolean
  let rule = ''
  switch (input.settings.majority) {
    case 'absolute': {
      const needed = Math.floor(input.voters.length / 2) + 1
      passed = count.yes >= needed
      rule = ` (absolute Mehrheit: ${needed} Ja-Stimmen nötig)`
      break
    }
    case 'two-thirds':
      passed = count.yes > 0 && count.yes * 3 >= (count.yes + against) * 2
      rule = ' (Zweidrittelmehrheit)'
      break
    default:
      passed = count.yes > against
  }
  const verdict = passed ? 'angenommen' : 'abgelehnt'
  return { ...base, decided: true, state: passed ? 'passed' : 'failed', resultText: `${verdict}: ${counts}${missingText}, kein Widerspruch${rule}` }
}
