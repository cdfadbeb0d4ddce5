import { describe, expect, it } from 'vitest'
import { parseResultText } from './result-text.ts'

describe('result text of an agenda item', () => {
  it('reads one vote with counts', () => {
    expect(parseResultText('10 Ja-Stimmen, 2 Nein-Stimmen, 0 Enthaltungen')).toEqual({ status: 'behandelt', result: 'angenommen', vote: { yes: 10, no: 2, abstain: 0, unanimous: false } })
    expect(parseResultText('0x ja, 14x nein, 0 Enthaltungen')).toMatchObject({ result: 'abgelehnt', vote: { yes: 0, no: 14 } })
    expect(parseResultText('1 Ja-Stimme, 10 Nein-Stimmen, 1 Enthaltung')).toMatchObject({ result: 'abgelehnt', vote: { yes: 1, no: 10, abstain: 1 } })
  })

  it('reads words', () => {
    expect(parseResultText('Geändert beschlossen')).toEqual({ status: 'behandelt', result: 'angenommen' })
    expect(parseResultText(' Einstimmig, 0 Enthaltungen')).toEqual({ status: 'behandelt', result: 'angenommen' })
    expect(parseResultText('zur Kenntnis genommen')).toEqual({ status: 'behandelt', result: 'zur Kenntnis genommen' })
    expect(parseResultText('abgelehnt')).toEqual({ status: 'behandelt', result: 'abgelehnt' })
    expect(parseResultText('vertagt')).toEqual({ status: 'vertagt' })
    expect(parseResultText('in den Bauausschuss verwiesen')).toEqual({ status: 'verwiesen' })
    expect(parseResultText('Der Antrag wurde zurückgezogen')).toEqual({ status: 'zurückgezogen' })
  })

  it('claims nothing for several votes, vote tables or filler', () => {
    for (const text of [
      '1. einstimmig, 0 Enthaltungen2. einstimmig, 0 Enthaltungen',
      '1. 7 Ja-Stimmen / 1 Enthaltung2. Einstimmig3. Einstimmig',
      '1.JaNeinEnthaltungBM1CDU47SPD4Gesamt81302.',
      '-.-',
      '(kein Text vorhanden)',
      '         entfällt',
      '',
      null,
    ]) expect(parseResultText(text), String(text)).toEqual({})
  })
})
