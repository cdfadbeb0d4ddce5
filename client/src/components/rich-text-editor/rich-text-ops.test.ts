import * as A from '@automerge/automerge'
import { describe, expect, it } from 'vitest'
import {
  applyFormat,
  applySplice,
  applySplices,
  insertLink,
  insertTable,
  mapIndex,
  mapSelection,
  snapToCodePoint,
  spliceBetween,
  splicesFromPatches,
  toggleBold,
  toggleBulletList,
  toggleHeading,
  toggleItalic,
  toggleOrderedList,
  type EditorState,
  type FormatResult,
} from './rich-text-ops.ts'

/** "Te|xt" / "T[ex]t" notation: | is a caret, [ ] a selection. */
function state(marked: string): EditorState {
  const caret = marked.indexOf('|')
  if (caret >= 0) return { text: marked.replace('|', ''), selectionStart: caret, selectionEnd: caret }
  const start = marked.indexOf('[')
  const end = marked.indexOf(']') - 1
  return { text: marked.replace('[', '').replace(']', ''), selectionStart: start, selectionEnd: end }
}

function show(s: EditorState): string {
  const { text, selectionStart: a, selectionEnd: b } = s
  if (a === b) return `${text.slice(0, a)}|${text.slice(a)}`
  return `${text.slice(0, a)}[${text.slice(a, b)}]${text.slice(b)}`
}

const run = (marked: string, op: (s: EditorState) => FormatResult): string => show(applyFormat(state(marked), op(state(marked))))

const splitsSurrogate = (text: string, index: number): boolean =>
  index > 0 && index < text.length && /[\uD800-\uDBFF]/.test(text[index - 1]) && /[\uDC00-\uDFFF]/.test(text[index])

describe('spliceBetween', () => {
  it('finds typed, deleted and replaced text', () => {
    expect(spliceBetween('Sachverhalt', 'Sachverhalt')).toBeUndefined()
    expect(spliceBetween('Rat', 'Rats')).toEqual({ index: 3, deleteCount: 0, insert: 's' })
    expect(spliceBetween('Stadtrat', 'Stadt')).toEqual({ index: 5, deleteCount: 3, insert: '' })
    expect(spliceBetween('Der Rat tagt', 'Der Ausschuss tagt')).toEqual({ index: 4, deleteCount: 3, insert: 'Ausschuss' })
    expect(spliceBetween('', 'Neu')).toEqual({ index: 0, deleteCount: 0, insert: 'Neu' })
    expect(spliceBetween('Alt', '')).toEqual({ index: 0, deleteCount: 3, insert: '' })
  })

  it('counts umlauts and ß as one code unit each', () => {
    expect(spliceBetween('Grüße', 'Grüße aus Köln')).toEqual({ index: 5, deleteCount: 0, insert: ' aus Köln' })
    expect(spliceBetween('Maße', 'Masse')).toEqual({ index: 2, deleteCount: 1, insert: 'ss' })
  })

  it('uses the caret to place an edit among repeated characters', () => {
    // "aa" -> "aaa": typed at the start (caret 1), in the middle (2) or at the end (3)
    expect(spliceBetween('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' })
    expect(spliceBetween('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' })
    expect(spliceBetween('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' })
    expect(spliceBetween('aa', 'aaa')).toEqual({ index: 2, deleteCount: 0, insert: 'a' })
    // backspace in "Kaffee" after the first e leaves the caret at 4
    expect(spliceBetween('Kaffee', 'Kaffe', 4)).toEqual({ index: 4, deleteCount: 1, insert: '' })
    // pasting "ab" into "abab" at 2
    expect(spliceBetween('abab', 'ababab', 4)).toEqual({ index: 2, deleteCount: 0, insert: 'ab' })
  })

  it('never splits an emoji (surrogate pair), as Automerge keeps it as one element', () => {
    expect(spliceBetween('a😀b', 'a😁b')).toEqual({ index: 1, deleteCount: 2, insert: '😁' })
    expect(spliceBetween('😀', '😀😀', 2)).toEqual({ index: 0, deleteCount: 0, insert: '😀' })
    expect(spliceBetween('x😀', 'x')).toEqual({ index: 1, deleteCount: 2, insert: '' })
    expect(spliceBetween('👍🏽', '👍🏾')).toEqual({ index: 2, deleteCount: 2, insert: '🏾' })
  })

  it('turns any two strings into each other without splitting a pair (randomised)', () => {
    const alphabet = ['a', 'b', 'ä', 'ß', ' ', '\n', '😀', '😁', '🎉', '€']
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const word = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    for (let n = 0; n < 2000; n++) {
      const before = word()
      const after = random() < 0.5 ? word() : before.slice(0, 2) + word() + before.slice(2)
      const caret = Math.floor(random() * (after.length + 1))
      const splice = spliceBetween(before, after, random() < 0.5 ? caret : undefined)
      if (before === after) {
        expect(splice).toBeUndefined()
        continue
      }
      expect(applySplice(before, splice!)).toBe(after)
      expect(splitsSurrogate(before, splice!.index)).toBe(false)
      expect(splitsSurrogate(before, splice!.index + splice!.deleteCount)).toBe(false)
    }
  })
})

describe('mapIndex and mapSelection', () => {
  const insertAt = (index: number, insert: string) => [{ index, deleteCount: 0, insert }]

  it('moves positions behind an insertion and keeps the ones before it', () => {
    expect(mapIndex(2, insertAt(5, 'xyz'), 'before')).toBe(2)
    expect(mapIndex(7, insertAt(5, 'xyz'), 'before')).toBe(10)
    expect(mapIndex(5, insertAt(5, 'xyz'), 'before')).toBe(5)
    expect(mapIndex(5, insertAt(5, 'xyz'), 'after')).toBe(8)
  })

  it('collapses positions inside a deleted range to its start', () => {
    const del = [{ index: 3, deleteCount: 4, insert: '' }]
    expect(mapIndex(2, del, 'before')).toBe(2)
    expect(mapIndex(5, del, 'after')).toBe(3)
    expect(mapIndex(7, del, 'before')).toBe(3)
    expect(mapIndex(9, del, 'before')).toBe(5)
  })

  it('keeps a caret glued left and a range from growing at its edges', () => {
    expect(mapSelection({ start: 4, end: 4 }, insertAt(4, 'Hallo'))).toEqual({ start: 4, end: 4 })
    expect(mapSelection({ start: 4, end: 8 }, insertAt(4, 'ab'))).toEqual({ start: 6, end: 10 })
    expect(mapSelection({ start: 4, end: 8 }, insertAt(8, 'ab'))).toEqual({ start: 4, end: 8 })
    expect(mapSelection({ start: 4, end: 8 }, [{ index: 2, deleteCount: 10, insert: '' }])).toEqual({ start: 2, end: 2 })
  })

  it('follows several splices in order', () => {
    const text = 'Die Stadt baut.'
    const splices = [
      { index: 0, deleteCount: 0, insert: '» ' },
      { index: 6, deleteCount: 5, insert: 'Gemeinde' },
    ]
    expect(applySplices(text, splices)).toBe('» Die Gemeinde baut.')
    // caret before "baut"
    expect(mapIndex(10, splices, 'before')).toBe('» Die Gemeinde '.length)
  })

  it('snaps indexes out of surrogate pairs', () => {
    expect(snapToCodePoint('a😀b', 2)).toBe(1)
    expect(snapToCodePoint('a😀b', 3)).toBe(3)
    expect(snapToCodePoint('ab', 9)).toBe(2)
  })
})

describe('splicesFromPatches', () => {
  const path = ['sections', 1, 'text']

  it('reads splices and deletions of the section text and skips the rest', () => {
    const splices = splicesFromPatches(
      [
        { action: 'splice', path: ['sections', 1, 'text', 3], value: 'Zü' },
        { action: 'del', path: ['sections', 1, 'text', 0], length: 2 },
        { action: 'del', path: ['sections', 1, 'text', 4] },
        { action: 'splice', path: ['sections', 0, 'text', 0], value: 'anderer Abschnitt' },
        { action: 'put', path: ['name'], value: 'Titel' },
        { action: 'insert', path: ['events', 3], values: [{}] },
      ],
      path,
    )
    expect(splices).toEqual([
      { index: 3, deleteCount: 0, insert: 'Zü' },
      { index: 0, deleteCount: 2, insert: '' },
      { index: 4, deleteCount: 1, insert: '' },
    ])
  })

  it('gives up when the text or a container was replaced or the section moved', () => {
    expect(splicesFromPatches([{ action: 'put', path: ['sections', 1, 'text'], value: 'neu' }], path)).toBeUndefined()
    expect(splicesFromPatches([{ action: 'put', path: ['sections'], value: [] }], path)).toBeUndefined()
    expect(splicesFromPatches([{ action: 'insert', path: ['sections', 0], values: [{}] }], path)).toBeUndefined()
    expect(splicesFromPatches([{ action: 'del', path: ['sections', 0] }], path)).toBeUndefined()
    expect(splicesFromPatches([{ action: 'insert', path: ['sections', 2], values: [{}] }], path)).toBeUndefined()
  })

  it('matches what Automerge reports for umlauts and emoji (UTF-16 indexes)', () => {
    let doc = A.from({ sections: [{ text: 'x' }, { text: 'Grüße 😀 aus Köln' }] })
    const before = doc.sections[1].text
    const heads = A.getHeads(doc)
    doc = A.change(doc, (d) => {
      A.splice(d, path, 6, 2, '🎉')
      A.splice(d, path, 0, 0, 'Liebe ')
      A.splice(d, path, doc.sections[1].text.length + 6, 0, '!')
    })
    const splices = splicesFromPatches(A.diff(doc, heads, A.getHeads(doc)), path)
    expect(splices).toBeDefined()
    expect(applySplices(before, splices!)).toBe(doc.sections[1].text)
    expect(doc.sections[1].text).toBe('Liebe Grüße 🎉 aus Köln!')
  })
})

describe('toolbar: headings', () => {
  it('makes the caret line a heading and toggles it off again', () => {
    expect(run('Ein|leitung\nText', (s) => toggleHeading(s))).toBe('## Ein|leitung\nText')
    expect(run('## Ein|leitung\nText', (s) => toggleHeading(s))).toBe('Ein|leitung\nText')
    expect(run('|', (s) => toggleHeading(s))).toBe('## |')
  })

  it('changes the level and works on every selected line, skipping blank ones', () => {
    expect(run('# Ti|tel', (s) => toggleHeading(s, 2))).toBe('## Ti|tel')
    expect(run('[Eins\n\nZwei]', (s) => toggleHeading(s, 3))).toBe('### [Eins\n\n### Zwei]')
  })

  it('replaces a list marker', () => {
    expect(run('- Pun|kt', (s) => toggleHeading(s))).toBe('## Pun|kt')
  })
})

describe('toolbar: lists', () => {
  it('turns lines into bullet items and back', () => {
    expect(run('[Äpfel\nBirnen]', toggleBulletList)).toBe('- [Äpfel\n- Birnen]')
    expect(run('- [Äpfel\n- Birnen]', toggleBulletList)).toBe('[Äpfel\nBirnen]')
    expect(run('|', toggleBulletList)).toBe('- |')
  })

  it('handles an empty first line', () => {
    expect(run('|\nzwei', toggleBulletList)).toBe('- |\nzwei')
    expect(run('[\nzwei]', toggleBulletList)).toBe('[\n- zwei]')
  })

  it('keeps the indentation of nested items', () => {
    expect(run('[a\n  b]', toggleBulletList)).toBe('- [a\n  - b]')
    expect(run('- [a\n  - b]', toggleBulletList)).toBe('[a\nb]')
  })

  it('does not take the line after a selection that ends at its start', () => {
    expect(run('[Eins\n]Zwei', toggleBulletList)).toBe('- [Eins\n]Zwei')
  })

  it('numbers lines, per indentation level, and switches from bullets', () => {
    expect(run('[Eins\nZwei\n- Drei]', toggleOrderedList)).toBe('1. [Eins\n2. Zwei\n3. Drei]')
    expect(run('[a\n  b\n  c\nd]', toggleOrderedList)).toBe('1. [a\n  1. b\n  2. c\n2. d]')
    expect(run('1. [a\n2. b]', toggleOrderedList)).toBe('[a\nb]')
    expect(run('1. [a\n2. b]', toggleBulletList)).toBe('- [a\n- b]')
  })

  it('only inserts markers, so concurrent edits inside the lines survive', () => {
    const result = toggleBulletList(state('[eins\nzwei\ndrei]'))
    expect(result.splices).toEqual([
      { index: 0, deleteCount: 0, insert: '- ' },
      { index: 7, deleteCount: 0, insert: '- ' },
      { index: 14, deleteCount: 0, insert: '- ' },
    ])
  })
})

describe('toolbar: bold and italic', () => {
  it('wraps the selection and unwraps it again', () => {
    expect(run('Der [Rat] tagt', toggleBold)).toBe('Der **[Rat]** tagt')
    expect(run('Der **[Rat]** tagt', toggleBold)).toBe('Der [Rat] tagt')
    expect(run('Der [**Rat**] tagt', toggleBold)).toBe('Der [Rat] tagt')
    expect(run('Der [Rat] tagt', toggleItalic)).toBe('Der *[Rat]* tagt')
    expect(run('Der *[Rat]* tagt', toggleItalic)).toBe('Der [Rat] tagt')
    expect(run('Der _[Rat]_ tagt', toggleItalic)).toBe('Der [Rat] tagt')
  })

  it('keeps bold and italic apart', () => {
    expect(run('**[fett]**', toggleItalic)).toBe('***[fett]***')
    expect(run('***[beides]***', toggleBold)).toBe('*[beides]*')
    expect(run('***[beides]***', toggleItalic)).toBe('**[beides]**')
    expect(run('*[kursiv]*', toggleBold)).toBe('***[kursiv]***')
  })

  it('leaves surrounding blanks outside the markers', () => {
    expect(run('Der[ Rat ]tagt', toggleBold)).toBe('Der **[Rat]** tagt')
  })

  it('wraps the word at the caret, umlauts included, and keeps the caret in it', () => {
    expect(run('Die Bürger|meisterin', toggleBold)).toBe('Die **Bürger|meisterin**')
    expect(run('Die |Straße', toggleItalic)).toBe('Die *|Straße*')
    expect(run('Die Straße|', toggleItalic)).toBe('Die *Straße|*')
    expect(run('Die **Bürger|meisterin**', toggleBold)).toBe('Die Bürger|meisterin')
  })

  it('inserts an empty pair between words and removes it again', () => {
    expect(run('Text |', toggleBold)).toBe('Text **|**')
    expect(run('Text **|**', toggleBold)).toBe('Text |')
    expect(run('Text |', toggleItalic)).toBe('Text *|*')
  })

  it('wraps every selected line on its own', () => {
    expect(run('[eins\n\nzwei]', toggleBold)).toBe('**[eins**\n\n**zwei]**')
    expect(run('**[eins**\n\n**zwei]**', toggleBold)).toBe('[eins\n\nzwei]')
  })

  it('keeps emoji whole', () => {
    expect(run('Gut [😀]!', toggleBold)).toBe('Gut **[😀]**!')
  })
})

describe('toolbar: link and table', () => {
  it('links the selection', () => {
    expect(run('Siehe [Satzung] hier', (s) => insertLink(s, 'https://musterstadt.de/satzung'))).toBe(
      'Siehe [Satzung](https://musterstadt.de/satzung)| hier',
    )
  })

  it('uses the address as text when nothing is selected and selects it', () => {
    expect(run('Siehe |', (s) => insertLink(s, ' https://x.de/a b '))).toBe('Siehe [[https://x.de/a b]](https://x.de/a%20b)')
  })

  it('escapes brackets in the link text and encodes parentheses in the address', () => {
    const linked = applyFormat({ text: 'a [b]', selectionStart: 0, selectionEnd: 5 }, insertLink({ text: 'a [b]', selectionStart: 0, selectionEnd: 5 }, 'https://x.de/(1)'))
    expect(linked.text).toBe('[a \\[b\\]](https://x.de/%281%29)')
  })

  it('inserts a 2×2 table after the caret line, set apart by blank lines', () => {
    const labels = { headers: ['Spalte 1', 'Spalte 2'] } as const
    expect(run('Text|\nweiter', (s) => insertTable(s, labels))).toBe(
      'Text\n\n| [Spalte 1] | Spalte 2 |\n| --- | --- |\n|  |  |\n\nweiter',
    )
    expect(run('|', (s) => insertTable(s, labels))).toBe('| [Spalte 1] | Spalte 2 |\n| --- | --- |\n|  |  |')
    expect(run('Text\n\n|', (s) => insertTable(s, labels))).toBe('Text\n\n| [Spalte 1] | Spalte 2 |\n| --- | --- |\n|  |  |')
  })
})
