/**
 * Two colleagues type into the same section on their own copies of a paper (A.from/A.clone) and
 * merge: every character both of them typed is kept, because the editor turns each textarea
 * change into a minimal splice of the Automerge text.
 */
import * as A from '@automerge/automerge'
import { describe, expect, it } from 'vitest'
import { applySplices, mapSelection, spliceBetween, splicesFromPatches, toggleBulletList } from './rich-text-ops.ts'

type Paper = {
  sections: { key: string; title: string; text: string }[]
}

const PATH = ['sections', 1, 'text']

function paper(text: string): A.Doc<Paper> {
  return A.from<Paper>({
    sections: [
      { key: 'beschlussvorschlag', title: 'Beschlussvorschlag', text: 'Der Rat beschließt.' },
      { key: 'sachverhalt', title: 'Sachverhalt', text },
    ],
  })
}

/** A user typing: a textarea value before and after one keystroke becomes one splice. */
function typeInto(doc: A.Doc<Paper>, at: number, keys: string): A.Doc<Paper> {
  let current = doc
  let caret = at
  for (const key of keys) {
    const before = current.sections[1].text
    const after = before.slice(0, caret) + key + before.slice(caret)
    caret += key.length
    const splice = spliceBetween(before, after, caret)!
    current = A.change(current, (d) => A.splice(d, PATH, splice.index, splice.deleteCount, splice.insert))
  }
  return current
}

function backspace(doc: A.Doc<Paper>, caret: number, times: number): A.Doc<Paper> {
  let current = doc
  for (let n = 0; n < times; n++) {
    const before = current.sections[1].text
    const after = before.slice(0, caret - 1) + before.slice(caret)
    caret--
    const splice = spliceBetween(before, after, caret)!
    current = A.change(current, (d) => A.splice(d, PATH, splice.index, splice.deleteCount, splice.insert))
  }
  return current
}

const countOf = (text: string, ch: string): number => [...text].filter((c) => c === ch).length

describe('concurrent editing of one section', () => {
  it('keeps every character both users typed at the same place', () => {
    const base = paper('Die Straße wird saniert.')
    const anna = typeInto(A.clone(base), 10, ' (Hauptstraße)')
    const bernd = typeInto(A.clone(base), 10, ' in Musterdorf 🚧')
    const merged = A.merge(A.clone(anna), bernd)
    const text = merged.sections[1].text
    expect(text).toContain(' (Hauptstraße)')
    expect(text).toContain(' in Musterdorf 🚧')
    expect(text.length).toBe('Die Straße wird saniert.'.length + ' (Hauptstraße)'.length + ' in Musterdorf 🚧'.length)
    // both orders of merging give the same text
    expect(A.merge(A.clone(bernd), anna).sections[1].text).toBe(text)
    // the other section is untouched
    expect(merged.sections[0].text).toBe('Der Rat beschließt.')
  })

  it('keeps all characters of long interleaved sessions with deletions of one\'s own text', () => {
    // Each user types unique characters (private use area) so that every keystroke can be found.
    const annaKeys = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0xe000 + i))
    const berndKeys = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0xe400 + i))
    let anna = paper('Ausgangstext mit Umlauten: äöü ß.')
    let bernd = A.clone(anna)
    const deleted = new Set<string>()
    for (let round = 0; round < 30; round++) {
      // both type 10 characters at positions of their own choosing, then sync halfway through
      const textA = anna.sections[1].text
      const textB = bernd.sections[1].text
      const atA = (round * 7) % (textA.length + 1)
      const atB = textB.length
      anna = typeInto(anna, atA, annaKeys.slice(round * 10, round * 10 + 10).join(''))
      bernd = typeInto(bernd, atB, berndKeys.slice(round * 10, round * 10 + 10).join(''))
      if (round % 3 === 2) {
        // Anna removes the last two characters she typed (still next to each other: no one saw them)
        const mine = anna.sections[1].text
        const last = annaKeys[round * 10 + 9]
        const at = mine.indexOf(last) + 1
        deleted.add(mine[at - 1]).add(mine[at - 2])
        anna = backspace(anna, at, 2)
      }
      if (round % 5 === 4) {
        anna = A.merge(anna, bernd)
        bernd = A.merge(bernd, anna)
      }
    }
    const merged = A.merge(A.clone(anna), bernd)
    const text = merged.sections[1].text
    expect(A.merge(A.clone(bernd), anna).sections[1].text).toBe(text)
    for (const key of [...annaKeys, ...berndKeys]) expect(countOf(text, key)).toBe(deleted.has(key) ? 0 : 1)
    expect(text).toContain('Ausgangstext mit Umlauten: äöü ß.'.slice(0, 5))
  })

  it('merges formatting with concurrent typing inside the formatted lines', () => {
    const base = paper('eins\nzwei\ndrei')
    const state = { text: base.sections[1].text, selectionStart: 0, selectionEnd: base.sections[1].text.length }
    const list = toggleBulletList(state)
    const anna = A.change(A.clone(base), (d) => {
      for (const s of list.splices) A.splice(d, PATH, s.index, s.deleteCount, s.insert)
    })
    const bernd = typeInto(A.clone(base), 'eins\nzwei'.length, 'undzwanzig')
    expect(A.merge(anna, bernd).sections[1].text).toBe('- eins\n- zweiundzwanzig\n- drei')
  })

  it('reconciles an editor that fell behind: changeAt at its heads, then the diff moves text and caret', () => {
    // The editor shows the text at `heads` (e.g. during IME composition it did not take remote changes).
    let doc = paper('Bebauungsplan Nr. 42')
    const heads = A.getHeads(doc)
    const shown = doc.sections[1].text
    // a colleague's change arrives meanwhile
    doc = A.change(doc, (d) => A.splice(d, PATH, 0, 0, 'Entwurf: '))
    // the user typed " (Nord)" at the end of what they saw; caret behind it
    const typed = `${shown} (Nord)`
    const splice = spliceBetween(shown, typed, typed.length)!
    const result = A.changeAt(doc, heads, (d) => A.splice(d, PATH, splice.index, splice.deleteCount, splice.insert))
    doc = result.newDoc
    // bring the editor up to date: from the state "what it saw + its own change" to now
    const patches = A.diff(doc, result.newHeads!, A.getHeads(doc))
    const splices = splicesFromPatches(patches, PATH)!
    expect(applySplices(typed, splices)).toBe(doc.sections[1].text)
    expect(doc.sections[1].text).toBe('Entwurf: Bebauungsplan Nr. 42 (Nord)')
    const caret = mapSelection({ start: typed.length, end: typed.length }, splices)
    expect(caret.start).toBe(doc.sections[1].text.length)
  })
})
