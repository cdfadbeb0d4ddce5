/**
 * Pure text logic of the section editor: turning two textarea values into the minimal splice that
 * goes into the Automerge text, moving a selection through splices (local or remote), and the
 * toolbar's Markdown transformations.
 *
 * Indexes are UTF-16 code units, the unit Automerge 3 uses for JavaScript strings (its wasm build
 * indexes text in UTF-16). Automerge keeps a character outside the BMP (an emoji) as one element
 * spanning two code units; a splice that starts or ends between the two halves of a surrogate pair
 * edits the whole character in surprising ways, so every splice made here starts and ends on a
 * code point boundary.
 *
 * Formatting results are lists of small splices rather than a new text: toggling a list over three
 * lines inserts three markers instead of replacing the three lines, so what colleagues type into
 * those lines at the same time survives the merge.
 */
import type { Patch, Prop } from '@automerge/automerge'

/** Replace `deleteCount` code units at `index` with `insert`. */
export interface TextSplice {
  index: number
  deleteCount: number
  insert: string
}

export interface EditorState {
  text: string
  selectionStart: number
  selectionEnd: number
}

/** A toolbar transformation: splices to apply one after the other, and the selection afterwards. */
export interface FormatResult {
  /** sequential: each index refers to the text after the previous splices */
  splices: TextSplice[]
  selectionStart: number
  selectionEnd: number
}

/**
 * Where an index goes when text is inserted exactly at it: 'before' stays in front of the new
 * text (a caret is glued to the character on its left), 'after' moves behind it.
 */
export type Bias = 'before' | 'after'

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** Moves an index that falls between the halves of a surrogate pair to the pair's start. */
export function snapToCodePoint(text: string, index: number): number {
  const i = Math.max(0, Math.min(index, text.length))
  if (i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i))) return i - 1
  return i
}

/**
 * The smallest splice that turns `before` into `after`, or undefined when they are equal.
 *
 * When the changed place is ambiguous ("aa" -> "aaa": which "a" was typed?), `caretAfter` (the
 * caret after the edit) decides: the edit is placed so that it ends at the caret, as typing and
 * deleting do. Without it the edit goes as far right as possible.
 */
export function spliceBetween(before: string, after: string, caretAfter?: number): TextSplice | undefined {
  if (before === after) return undefined
  const la = before.length
  const lb = after.length
  const shorter = Math.min(la, lb)
  let prefix = 0
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < shorter && before.charCodeAt(la - 1 - suffix) === after.charCodeAt(lb - 1 - suffix)) suffix++

  // Prefix and suffix may overlap (repeated characters): then the edit can slide between
  // `shorter - suffix` and `prefix`; pick the position the caret points at.
  let start = prefix
  if (prefix + suffix > shorter) {
    const lowest = shorter - suffix
    start = caretAfter === undefined ? prefix : Math.max(lowest, Math.min(prefix, caretAfter - (lb - shorter)))
    suffix = shorter - start
  }
  // Never start or end inside a surrogate pair (prefix and suffix are equal in both strings).
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(la - suffix))) suffix--
  return { index: start, deleteCount: la - suffix - start, insert: after.slice(start, lb - suffix) }
}

export function applySplice(text: string, splice: TextSplice): string {
  return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.deleteCount)
}

export function applySplices(text: string, splices: readonly TextSplice[]): string {
  return splices.reduce(applySplice, text)
}

/** Moves an index through sequential splices. Inside a deleted range it lands where the range was. */
export function mapIndex(index: number, splices: readonly TextSplice[], bias: Bias): number {
  let i = index
  for (const s of splices) {
    const end = s.index + s.deleteCount
    if (i < s.index || (i === s.index && bias === 'before' && s.deleteCount === 0)) continue
    if (i === s.index && s.deleteCount === 0) i += s.insert.length
    else if (i >= end) i += s.insert.length - s.deleteCount
    else i = bias === 'before' ? s.index : s.index + s.insert.length
  }
  return i
}

/**
 * Moves a selection through splices. A caret stays glued to the character on its left (what a
 * colleague types right at my caret appears behind it); a selected range does not grow when text
 * is inserted at its edges.
 */
export function mapSelection(
  selection: { start: number; end: number },
  splices: readonly TextSplice[],
): { start: number; end: number } {
  if (selection.start === selection.end) {
    const at = mapIndex(selection.start, splices, 'before')
    return { start: at, end: at }
  }
  const start = mapIndex(selection.start, splices, 'after')
  const end = Math.max(start, mapIndex(selection.end, splices, 'before'))
  return { start, end }
}

const samePath = (a: readonly Prop[], b: readonly Prop[]): boolean => a.length === b.length && a.every((p, i) => p === b[i])

/**
 * The splices that Automerge patches make to the text at `path`, in order. Patches elsewhere in the
 * document are skipped. Undefined when the text was replaced as a whole (or an enclosing object
 * changed), so that the caller falls back to comparing the strings.
 */
export function splicesFromPatches(patches: readonly Patch[], path: readonly Prop[]): TextSplice[] | undefined {
  const splices: TextSplice[] = []
  for (const patch of patches) {
    const p = patch.path
    const inside = p.length === path.length + 1 && samePath(p.slice(0, path.length), path)
    if (inside && typeof p[path.length] === 'number') {
      const index = p[path.length] as number
      if (patch.action === 'splice') {
        splices.push({ index, deleteCount: 0, insert: patch.value })
        continue
      }
      if (patch.action === 'del') {
        splices.push({ index, deleteCount: patch.length ?? 1, insert: '' })
        continue
      }
      if (patch.action === 'mark' || patch.action === 'unmark') continue
      return undefined
    }
    if (p.length > path.length || patch.action === 'mark' || patch.action === 'unmark' || patch.action === 'conflict') continue
    // The text itself or an object around it was replaced, or an element was inserted into or
    // removed from a list around it (the section may have moved): indexes no longer line up.
    if (samePath(p, path.slice(0, p.length))) return undefined
    const listEdit = (patch.action === 'insert' || patch.action === 'del') && typeof p[p.length - 1] === 'number'
    if (listEdit && samePath(p.slice(0, -1), path.slice(0, p.length - 1))) return undefined
  }
  return splices
}

/** Text and selection after a formatting result. */
export function applyFormat(state: EditorState, result: FormatResult): EditorState {
  return { text: applySplices(state.text, result.splices), selectionStart: result.selectionStart, selectionEnd: result.selectionEnd }
}

// ---------------------------------------------------------------------------------------------
// helpers of the transformations

/** Splices given in the original text's coordinates (ascending, not overlapping) made sequential. */
function sequential(splices: readonly TextSplice[]): TextSplice[] {
  let shift = 0
  return [...splices]
    .sort((a, b) => a.index - b.index)
    .map((s) => {
      const moved = { ...s, index: s.index + shift }
      shift += s.insert.length - s.deleteCount
      return moved
    })
}

function ordered(state: EditorState): { text: string; start: number; end: number } {
  const start = snapToCodePoint(state.text, Math.min(state.selectionStart, state.selectionEnd))
  const end = snapToCodePoint(state.text, Math.max(state.selectionStart, state.selectionEnd))
  return { text: state.text, start, end }
}

interface Line {
  start: number
  /** index of the line break or text end */
  end: number
  text: string
}

/**
 * The lines a selection touches. A selection that ends at the very start of a line does not take
 * that line along (as editors do when whole lines are selected).
 */
function touchedLines(text: string, start: number, end: number): Line[] {
  const first = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1
  let last = end
  if (end > start && end > 0 && text[end - 1] === '\n') last = end - 1
  const lines: Line[] = []
  let at = first
  for (;;) {
    const nl = text.indexOf('\n', at)
    const lineEnd = nl === -1 ? text.length : nl
    lines.push({ start: at, end: lineEnd, text: text.slice(at, lineEnd) })
    if (nl === -1 || lineEnd >= last) break
    at = nl + 1
  }
  return lines
}

const isBlank = (line: string): boolean => line.trim().length === 0

const HEADING_PREFIX = /^ {0,3}(#{1,6})(?: +|$)/
const BULLET_PREFIX = /^( *)[-*+] +/
const ORDERED_PREFIX = /^( *)\d{1,9}[.)] +/
const ANY_BLOCK_PREFIX = /^( *)(?:#{1,6} +|[-*+] +|\d{1,9}[.)] +)/

/** Puts a list marker after a line's indentation, replacing a heading or another list marker. */
function listMarkerEdit(line: Line, marker: string): { line: Line; offset: number; remove: number; insert: string } {
  const m = ANY_BLOCK_PREFIX.exec(line.text)
  const indent = m?.[1].length ?? /^ */.exec(line.text)![0].length
  const existing = m ? m[0].slice(indent) : ''
  if (existing === marker) return { line, offset: indent, remove: 0, insert: '' }
  return { line, offset: indent, remove: existing.length, insert: marker }
}

const indentOf = (line: Line): number => /^ */.exec(line.text)![0].length

/**
 * Replaces a prefix of each target line; the selection moves with the text (a caret at the start
 * of a line lands behind a new prefix, one inside a removed prefix at the line start).
 */
function replacePrefixes(state: EditorState, edits: { line: Line; offset?: number; remove: number; insert: string }[]): FormatResult {
  const { start, end } = ordered(state)
  const splices = sequential(
    edits
      .filter((e) => e.remove > 0 || e.insert.length > 0)
      .map((e) => ({ index: e.line.start + (e.offset ?? 0), deleteCount: e.remove, insert: e.insert })),
  )
  return {
    splices,
    selectionStart: mapIndex(start, splices, 'after'),
    selectionEnd: mapIndex(end, splices, 'after'),
  }
}

/** Lines a block format applies to: the non-blank ones, or the caret's (empty) line. */
function targetLines(state: EditorState): Line[] {
  const { text, start, end } = ordered(state)
  const lines = touchedLines(text, start, end)
  const filled = lines.filter((l) => !isBlank(l.text))
  return filled.length ? filled : lines.slice(0, 1)
}

// ---------------------------------------------------------------------------------------------
// block formats

/** "Überschrift": makes the touched lines headings of `level`, or plain text if they already are. */
export function toggleHeading(state: EditorState, level: 1 | 2 | 3 = 2): FormatResult {
  const lines = targetLines(state)
  const all = lines.every((l) => HEADING_PREFIX.exec(l.text)?.[1].length === level)
  const marker = `${'#'.repeat(level)} `
  return replacePrefixes(
    state,
    lines.map((line) => {
      const existing = ANY_BLOCK_PREFIX.exec(line.text)?.[0].length ?? 0
      if (all) return { line, remove: HEADING_PREFIX.exec(line.text)![0].length, insert: '' }
      if (line.text.startsWith(marker) && existing === marker.length) return { line, remove: 0, insert: '' }
      return { line, remove: existing, insert: marker }
    }),
  )
}

/** "Aufzählung": bullet items, or back to paragraphs if all touched lines are bullet items. */
export function toggleBulletList(state: EditorState): FormatResult {
  const lines = targetLines(state)
  const all = lines.every((l) => BULLET_PREFIX.test(l.text))
  return replacePrefixes(
    state,
    lines.map((line) => {
      if (all) return { line, remove: BULLET_PREFIX.exec(line.text)![0].length, insert: '' }
      return listMarkerEdit(line, '- ')
    }),
  )
}

/** "Nummerierte Liste": items 1., 2., 3. … (numbered per indentation level), or back to paragraphs. */
export function toggleOrderedList(state: EditorState): FormatResult {
  const lines = targetLines(state)
  const all = lines.every((l) => ORDERED_PREFIX.test(l.text))
  const counters = new Map<number, number>()
  return replacePrefixes(
    state,
    lines.map((line) => {
      if (all) return { line, remove: ORDERED_PREFIX.exec(line.text)![0].length, insert: '' }
      const indent = indentOf(line)
      for (const depth of [...counters.keys()]) if (depth > indent) counters.delete(depth)
      const n = (counters.get(indent) ?? 0) + 1
      counters.set(indent, n)
      return listMarkerEdit(line, `${n}. `)
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// inline formats

const WORD_CHAR = /[\p{L}\p{N}_]/u

function wordAround(text: string, at: number): { start: number; end: number } {
  let start = at
  let end = at
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--
  while (end < text.length && WORD_CHAR.test(text[end])) end++
  return { start, end }
}

function runBefore(text: string, at: number, char: string): number {
  let n = 0
  while (at - n - 1 >= 0 && text[at - n - 1] === char) n++
  return n
}

function runAfter(text: string, at: number, char: string): number {
  let n = 0
  while (at + n < text.length && text[at + n] === char) n++
  return n
}

interface Segment {
  start: number
  end: number
}

/** The selected part of each touched line, without surrounding blanks and emphasis markers. */
function segmentsOf(text: string, start: number, end: number): Segment[] {
  const segments: Segment[] = []
  for (const line of touchedLines(text, start, end)) {
    let a = Math.max(start, line.start)
    let b = Math.min(end, line.end)
    while (a < b && /\s/.test(text[a])) a++
    while (b > a && /\s/.test(text[b - 1])) b--
    if (a >= b) continue
    // "**fett**" selected with its markers: look at the inside
    for (const ch of ['*', '_']) {
      const lead = runAfter(text, a, ch)
      const trail = runBefore(text, b, ch)
      if (a + lead < b - trail) {
        a += lead
        b -= trail
      }
    }
    segments.push({ start: a, end: b })
  }
  return segments
}

type Emphasis = 'bold' | 'italic'

/** How many marker characters around a segment make up the emphasis, 0 if it is not there. */
function markersAround(text: string, seg: Segment, kind: Emphasis): { char: string; count: number } {
  const stars = Math.min(runBefore(text, seg.start, '*'), runAfter(text, seg.end, '*'))
  if (kind === 'bold') return { char: '*', count: stars >= 2 ? 2 : 0 }
  if (stars % 2 === 1) return { char: '*', count: 1 }
  const lines = Math.min(runBefore(text, seg.start, '_'), runAfter(text, seg.end, '_'))
  return { char: '_', count: lines % 2 === 1 ? 1 : 0 }
}

function toggleEmphasis(state: EditorState, kind: Emphasis): FormatResult {
  const marker = kind === 'bold' ? '**' : '*'
  const { text, start, end } = ordered(state)
  let from = start
  let to = end
  const caret = start === end ? start : undefined
  if (caret !== undefined) {
    const word = wordAround(text, caret)
    if (word.start === word.end) {
      // Nothing to wrap: remove an empty pair around the caret, or insert one.
      const before = runBefore(text, caret, '*')
      const after = runAfter(text, caret, '*')
      const count = Math.min(before, after)
      const present = kind === 'bold' ? count >= 2 : count % 2 === 1
      if (present) {
        const n = marker.length
        return { splices: [{ index: caret - n, deleteCount: 2 * n, insert: '' }], selectionStart: caret - n, selectionEnd: caret - n }
      }
      return { splices: [{ index: caret, deleteCount: 0, insert: marker + marker }], selectionStart: caret + marker.length, selectionEnd: caret + marker.length }
    }
    from = word.start
    to = word.end
  }
  const segments = segmentsOf(text, from, to)
  if (segments.length === 0) return { splices: [], selectionStart: start, selectionEnd: end }
  const found = segments.map((seg) => markersAround(text, seg, kind))
  const remove = found.every((f) => f.count > 0)
  const raw: TextSplice[] = []
  segments.forEach((seg, i) => {
    if (remove) {
      const { count } = found[i]
      raw.push({ index: seg.start - count, deleteCount: count, insert: '' }, { index: seg.end, deleteCount: count, insert: '' })
    } else if (found[i].count === 0) {
      raw.push({ index: seg.start, deleteCount: 0, insert: marker }, { index: seg.end, deleteCount: 0, insert: marker })
    }
  })
  const splices = sequential(raw)
  if (caret !== undefined) {
    const at = mapIndex(caret, splices, caret === from ? 'after' : 'before')
    return { splices, selectionStart: at, selectionEnd: at }
  }
  const first = segments[0].start
  const last = segments[segments.length - 1].end
  return { splices, selectionStart: mapIndex(first, splices, 'after'), selectionEnd: mapIndex(last, splices, 'before') }
}

/** "Fett" (Strg+B): `**…**` around the selection or the word at the caret; again removes it. */
export function toggleBold(state: EditorState): FormatResult {
  return toggleEmphasis(state, 'bold')
}

/** "Kursiv" (Strg+I): `*…*` around the selection or the word at the caret; again removes it. */
export function toggleItalic(state: EditorState): FormatResult {
  return toggleEmphasis(state, 'italic')
}

// ---------------------------------------------------------------------------------------------
// link and table

/** Makes a URL safe inside `(…)`: no blanks, balanced parentheses. */
function linkTarget(url: string): string {
  return url.trim().replace(/\s/g, (c) => encodeURIComponent(c)).replace(/\(/g, '%28').replace(/\)/g, '%29')
}

function escapeLinkText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([[\]\\])/g, '\\$1')
}

/**
 * "Link" (Strg+K): `[Auswahl](url)`. Without a selection the address becomes the link text and
 * stays selected, so typing replaces it with a readable name.
 */
export function insertLink(state: EditorState, url: string): FormatResult {
  const { text, start, end } = ordered(state)
  const target = linkTarget(url)
  const selected = text.slice(start, end)
  const label = selected.trim() ? escapeLinkText(selected) : escapeLinkText(url.trim())
  const insert = `[${label}](${target})`
  if (selected.trim()) {
    const after = start + insert.length
    return { splices: [{ index: start, deleteCount: end - start, insert }], selectionStart: after, selectionEnd: after }
  }
  return { splices: [{ index: start, deleteCount: end - start, insert }], selectionStart: start + 1, selectionEnd: start + 1 + label.length }
}

export interface TableLabels {
  /** header cells, e.g. ["Spalte 1", "Spalte 2"] */
  headers: readonly [string, string]
}

/**
 * "Tabelle einfügen": a GFM table of two columns and two rows (header and one row) after the
 * caret's line, set apart by blank lines; the first header cell is selected for typing over.
 */
export function insertTable(state: EditorState, labels: TableLabels): FormatResult {
  const { text, end } = ordered(state)
  const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end)
  const before = text.slice(0, lineEnd)
  const after = text.slice(lineEnd)
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n'
  const [h1, h2] = labels.headers
  const table = `| ${h1} | ${h2} |\n| --- | --- |\n|  |  |`
  const insert = lead + table + trail
  const first = lineEnd + lead.length + 2
  return { splices: [{ index: lineEnd, deleteCount: 0, insert }], selectionStart: first, selectionEnd: first + h1.length }
}
