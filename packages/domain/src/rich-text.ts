/**
 * The rich-text subset of paper sections (Vorlagentexte): a small Markdown dialect parsed into an
 * AST that the app renders to Lit templates and the PDF renderer lays out. No HTML is ever
 * produced or interpreted: `<script>` is just text.
 *
 * Supported: ATX headings `#`..`###` (deeper ones count as level 3), paragraphs separated by blank
 * lines (a single newline is a soft break and reads as a space; two trailing spaces or a trailing
 * backslash force a line break, carried as "\n" inside an inline's text), bullet lists (`-`, `*`,
 * `+`) and ordered lists (`1.`, `1)`) with one level of nesting, GFM pipe tables, `**bold**`,
 * `*italic*` / `_italic_`, `[text](url)` links and backslash escapes.
 *
 * The parser is total (every string gives an AST, nothing throws) and runs in linear time: lines
 * are looked at a bounded number of times, and emphasis uses one delimiter stack per marker
 * character, so no input can make it backtrack.
 */

export interface RichTextInline {
  /** may contain "\n" for a hard line break, nothing else */
  text: string
  bold?: true
  italic?: true
  /** only http:, https: and mailto: URLs (see isAllowedLinkUrl) */
  href?: string
}

export type RichTextAlign = 'left' | 'center' | 'right'

export interface RichTextListItem {
  inlines: RichTextInline[]
  /** the one nesting level: a list inside this item */
  sublist?: RichTextList
}

export interface RichTextList {
  type: 'list'
  ordered: boolean
  /** number of the first item of an ordered list */
  start: number
  items: RichTextListItem[]
}

export interface RichTextHeading {
  type: 'heading'
  level: 1 | 2 | 3
  inlines: RichTextInline[]
}

export interface RichTextParagraph {
  type: 'paragraph'
  inlines: RichTextInline[]
}

export interface RichTextTable {
  type: 'table'
  /** one entry per column: the header cells */
  header: RichTextInline[][]
  /** per column, from the separator row (`:--`, `:-:`, `--:`); undefined = not specified */
  align: (RichTextAlign | undefined)[]
  /** every row has exactly header.length cells */
  rows: RichTextInline[][][]
}

export type RichTextBlock = RichTextHeading | RichTextParagraph | RichTextList | RichTextTable

export type RichTextDocument = RichTextBlock[]

const ALLOWED_LINK = /^(?:https?:\/\/[^\s/?#]+|mailto:[^\s@]+@[^\s@]+)/i
// eslint-style: these are the characters a user may escape with a backslash (CommonMark's list)
const ESCAPABLE = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')
const WHITESPACE = /\s/u
const PUNCTUATION = /[\p{P}\p{S}]/u

/** Whether a link target may become a real link: http(s) with a host, or mailto with an address. */
export function isAllowedLinkUrl(url: string): boolean {
  // Control characters and whitespace never belong in a URL we hand to a viewer.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(url)) return false
  return ALLOWED_LINK.test(url)
}

/** Parses a section text into blocks. Never throws; non-string input gives an empty document. */
export function parseRichText(source: string): RichTextDocument {
  if (typeof source !== 'string' || source.length === 0) return []
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n')
  return new BlockParser(lines).parse()
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface ListMarker {
  indent: number
  ordered: boolean
  /** '-', '*', '+', '.' or ')' */
  bullet: string
  number: number
  text: string
}

const HEADING_LINE = /^ {0,3}(#{1,6})(?: (.*))?$/
const LIST_LINE = /^( *)(?:([-*+])|(\d{1,9})([.)]))(?: +(.*)|$)/
const SEPARATOR_CELL = /^:?-+:?$/

function isBlank(line: string): boolean {
  return line.trim().length === 0
}

function listMarker(line: string): ListMarker | undefined {
  const m = LIST_LINE.exec(line)
  if (!m) return undefined
  const indent = m[1].length
  const text = m[5] ?? ''
  if (m[2]) return { indent, ordered: false, bullet: m[2], number: 0, text }
  return { indent, ordered: true, bullet: m[4], number: Number(m[3]), text }
}

function isHeading(line: string): boolean {
  return HEADING_LINE.test(line)
}

function headingOf(line: string): RichTextHeading | undefined {
  const m = HEADING_LINE.exec(line)
  if (!m) return undefined
  const level = Math.min(3, m[1].length) as 1 | 2 | 3
  return { type: 'heading', level, inlines: parseRichTextInlines(withoutClosingHashes((m[2] ?? '').trim())) }
}

/** "Titel ##" -> "Titel": a closing sequence of #s is decoration unless escaped ("C\#"). */
function withoutClosingHashes(text: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === '#') end--
  if (end === text.length) return text
  if (end === 0) return ''
  if (text[end - 1] !== ' ') return text
  return text.slice(0, end).trimEnd()
}

/** Splits a table row at unescaped pipes; a leading and a trailing pipe are optional. */
function splitRow(line: string): string[] {
  const cells: string[] = []
  let current = ''
  let lastPipe = -1
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\' && i + 1 < line.length) {
      // Escapes stay for the inline parser, which turns "\|" into a literal pipe.
      current += c + line[i + 1]
      i++
    } else if (c === '|') {
      cells.push(current)
      current = ''
      lastPipe = i
    } else {
      current += c
    }
  }
  cells.push(current)
  const trimmed = cells.map((c) => c.trim())
  const body = line.trim()
  if (trimmed.length > 1 && body.startsWith('|')) trimmed.shift()
  if (trimmed.length > 1 && lastPipe >= 0 && line.slice(lastPipe + 1).trim() === '') trimmed.pop()
  return trimmed
}

function separatorAlign(line: string): (RichTextAlign | undefined)[] | undefined {
  if (!line.includes('-') || (!line.includes('|') && !/^\s*:?-+:?\s*$/.test(line))) return undefined
  const cells = splitRow(line)
  const align: (RichTextAlign | undefined)[] = []
  for (const cell of cells) {
    if (!SEPARATOR_CELL.test(cell)) return undefined
    const left = cell.startsWith(':')
    const right = cell.endsWith(':')
    align.push(left && right ? 'center' : right ? 'right' : left ? 'left' : undefined)
  }
  return align
}

class BlockParser {
  private i = 0
  private readonly blocks: RichTextBlock[] = []

  constructor(private readonly lines: string[]) {}

  parse(): RichTextDocument {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]
      if (isBlank(line)) {
        this.i++
        continue
      }
      const heading = headingOf(line)
      if (heading) {
        // An empty heading ("#") would be an empty landmark for screen readers: drop it.
        if (heading.inlines.length > 0) this.blocks.push(heading)
        this.i++
        continue
      }
      const table = this.tableAt(this.i)
      if (table) {
        this.blocks.push(this.readTable(table))
        continue
      }
      const marker = listMarker(line)
      if (marker && marker.text.trim().length > 0) {
        this.blocks.push(this.readList(marker))
        continue
      }
      this.blocks.push(this.readParagraph())
    }
    return this.blocks
  }

  /** A header row followed by a matching separator row starts a table. */
  private tableAt(index: number): { header: string[]; align: (RichTextAlign | undefined)[] } | undefined {
    const line = this.lines[index]
    const next = this.lines[index + 1]
    if (next === undefined || !line.includes('|')) return undefined
    const align = separatorAlign(next)
    if (!align) return undefined
    const header = splitRow(line)
    if (header.length !== align.length) return undefined
    return { header, align }
  }

  private readTable(start: { header: string[]; align: (RichTextAlign | undefined)[] }): RichTextTable {
    const columns = start.header.length
    const rows: RichTextInline[][][] = []
    this.i += 2
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]
      // The table ends at a blank line, a heading, or a line without any pipe.
      if (isBlank(line) || !line.includes('|') || isHeading(line)) break
      const cells = splitRow(line)
      const row: RichTextInline[][] = []
      for (let c = 0; c < columns; c++) row.push(parseRichTextInlines(cells[c] ?? ''))
      rows.push(row)
      this.i++
    }
    return { type: 'table', header: start.header.map(parseRichTextInlines), align: start.align, rows }
  }

  /** Does this line interrupt a running paragraph? */
  private interruptsParagraph(index: number): boolean {
    const line = this.lines[index]
    if (isHeading(line)) return true
    if (this.tableAt(index)) return true
    const marker = listMarker(line)
    // As in CommonMark: "2026. war ein gutes Jahr" on a continuation line is no list.
    return marker !== undefined && marker.text.trim().length > 0 && (!marker.ordered || marker.number === 1)
  }

  private readParagraph(): RichTextParagraph {
    const parts: string[] = [this.lines[this.i]]
    this.i++
    while (this.i < this.lines.length && !isBlank(this.lines[this.i]) && !this.interruptsParagraph(this.i)) {
      parts.push(this.lines[this.i])
      this.i++
    }
    return { type: 'paragraph', inlines: parseRichTextInlines(joinLines(parts)) }
  }

  private readList(first: ListMarker): RichTextList {
    const list: RichTextList = { type: 'list', ordered: first.ordered, start: first.ordered ? first.number : 1, items: [] }
    interface Draft {
      lines: string[]
      sub?: RichTextList
      /** lines of the nested item being read */
      subLines?: string[]
    }
    const drafts: Draft[] = []
    let item: Draft | undefined
    const closeSubItem = () => {
      if (item?.sub && item.subLines) item.sub.items.push({ inlines: parseRichTextInlines(joinLines(item.subLines)) })
      if (item) item.subLines = undefined
    }
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]
      if (isBlank(line)) {
        // A blank line ends the list unless another item of it (or a nested one) follows.
        let j = this.i + 1
        while (j < this.lines.length && isBlank(this.lines[j])) j++
        const next = j < this.lines.length ? listMarker(this.lines[j]) : undefined
        if (!next || next.text.trim().length === 0 || !(next.indent >= first.indent + 2 || sameKind(next, first))) break
        this.i = j
        continue
      }
      const marker = listMarker(line)
      if (marker && marker.text.trim().length > 0) {
        if (marker.indent >= first.indent + 2 && item) {
          // The one nesting level; deeper items join it, the sublist keeps its first item's kind.
          closeSubItem()
          item.sub ??= { type: 'list', ordered: marker.ordered, start: marker.ordered ? marker.number : 1, items: [] }
          item.subLines = [marker.text]
        } else {
          if (!sameKind(marker, first)) break
          closeSubItem()
          item = { lines: [marker.text] }
          drafts.push(item)
        }
        this.i++
        continue
      }
      if (!item || isHeading(line) || this.tableAt(this.i)) break
      // Continuation line (indented or lazy) of the current item or nested item.
      if (item.subLines) item.subLines.push(line)
      else item.lines.push(line)
      this.i++
    }
    closeSubItem()
    for (const draft of drafts) {
      const entry: RichTextListItem = { inlines: parseRichTextInlines(joinLines(draft.lines)) }
      if (draft.sub && draft.sub.items.length > 0) entry.sublist = draft.sub
      list.items.push(entry)
    }
    return list
  }
}

function sameKind(a: ListMarker, b: ListMarker): boolean {
  return a.ordered === b.ordered && a.bullet === b.bullet
}

/**
 * Joins the lines of one paragraph for the inline parser: a soft break becomes a space, a hard
 * break (two trailing spaces or a trailing unescaped backslash) becomes "\n".
 */
function joinLines(lines: string[]): string {
  let out = ''
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k]
    let line = raw.trim()
    if (k === lines.length - 1) {
      out += line
      break
    }
    let hard = raw.endsWith('  ') && line.length > 0
    let slashes = 0
    while (slashes < line.length && line[line.length - 1 - slashes] === '\\') slashes++
    if (slashes % 2 === 1) {
      hard = true
      line = line.slice(0, -1).trimEnd()
    }
    out += line + (hard ? '\n' : ' ')
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Inlines

interface TextToken {
  kind: 'text'
  text: string
}

interface DelimiterToken {
  kind: 'delim'
  char: '*' | '_'
  /** characters not (yet) used by a match: shown literally */
  count: number
  /** position in the token list, to tell inner from outer delimiters */
  index: number
  canOpen: boolean
  canClose: boolean
  /** emphasis started (+) / ended (-) here: bold = 2, italic = 1 */
  opens: number[]
  closes: number[]
}

interface LinkToken {
  kind: 'link'
  href: string | undefined
  inlines: RichTextInline[]
}

type Token = TextToken | DelimiterToken | LinkToken

/** Parses inline formatting of one block's text (blocks are handled by parseRichText). */
export function parseRichTextInlines(text: string): RichTextInline[] {
  return renderTokens(tokenize(text, true))
}

function charClass(c: string | undefined): 'space' | 'punct' | 'other' {
  if (c === undefined || WHITESPACE.test(c)) return 'space'
  if (PUNCTUATION.test(c)) return 'punct'
  return 'other'
}

/**
 * Finds the next unescaped "[" or "]" at or after a position. The tokenizer only asks for
 * positions that move forward, so remembering the last answer keeps all look-ups linear together.
 */
class BracketScanner {
  private closeFrom = -1
  private close = -1
  private openFrom = -1
  private open = -1

  constructor(private readonly text: string) {}

  nextClose(from: number): number {
    if (this.closeFrom < 0 || from < this.closeFrom || (this.close >= 0 && from > this.close)) {
      this.closeFrom = from
      this.close = this.scan(from, ']')
    }
    return this.close
  }

  nextOpen(from: number): number {
    if (this.openFrom < 0 || from < this.openFrom || (this.open >= 0 && from > this.open)) {
      this.openFrom = from
      this.open = this.scan(from, '[')
    }
    return this.open
  }

  private scan(from: number, wanted: string): number {
    const text = this.text
    for (let k = from; k < text.length; k++) {
      const c = text[k]
      if (c === '\\' && k + 1 < text.length && ESCAPABLE.has(text[k + 1])) k++
      else if (c === wanted) return k
    }
    return -1
  }
}

function isSpecial(c: string): boolean {
  return c === '\\' || c === '[' || c === '*' || c === '_'
}

function tokenize(text: string, allowLinks: boolean): Token[] {
  const tokens: Token[] = []
  const stacks: Record<'*' | '_', DelimiterToken[]> = { '*': [], '_': [] }
  const brackets = allowLinks && text.includes('[') ? new BracketScanner(text) : undefined
  let buffer = ''
  let k = 0
  while (k < text.length) {
    // Copy plain stretches in one slice; only the four marker characters need a closer look.
    let plainEnd = k
    while (plainEnd < text.length && !isSpecial(text[plainEnd])) plainEnd++
    if (plainEnd > k) {
      buffer += text.slice(k, plainEnd)
      k = plainEnd
      continue
    }
    const c = text[k]
    if (c === '\\') {
      if (k + 1 < text.length && ESCAPABLE.has(text[k + 1])) {
        buffer += text[k + 1]
        k += 2
      } else {
        buffer += c
        k++
      }
      continue
    }
    if (c === '[') {
      const link = brackets ? linkAt(text, k, brackets) : undefined
      if (!link) {
        buffer += c
        k++
        continue
      }
      if (buffer) tokens.push({ kind: 'text', text: buffer })
      buffer = ''
      const label = renderTokens(tokenize(link.label, false))
      // "[](https://…)" still shows where it leads.
      if (label.length === 0 && link.href) label.push({ text: link.href })
      tokens.push({ kind: 'link', href: link.href, inlines: label })
      k = link.end
      continue
    }
    const char = c as '*' | '_'
    let end = k
    while (end < text.length && text[end] === char) end++
    const before = charClass(text[k - 1])
    const after = charClass(text[end])
    const leftFlanking = after !== 'space' && (after !== 'punct' || before !== 'other')
    const rightFlanking = before !== 'space' && (before !== 'punct' || after !== 'other')
    const canOpen = char === '*' ? leftFlanking : leftFlanking && (!rightFlanking || before === 'punct')
    const canClose = char === '*' ? rightFlanking : rightFlanking && (!leftFlanking || after === 'punct')
    if (buffer) tokens.push({ kind: 'text', text: buffer })
    buffer = ''
    const token: DelimiterToken = { kind: 'delim', char, count: end - k, index: tokens.length, canOpen, canClose, opens: [], closes: [] }
    tokens.push(token)
    if (canClose) matchCloser(token, stacks)
    if (canOpen && token.count > 0) stacks[char].push(token)
    k = end
  }
  if (buffer) tokens.push({ kind: 'text', text: buffer })
  return tokens
}

/** Matches a closing delimiter run against the openers on its stack (innermost first). */
function matchCloser(closer: DelimiterToken, stacks: Record<'*' | '_', DelimiterToken[]>): void {
  const own = stacks[closer.char]
  const other = stacks[closer.char === '*' ? '_' : '*']
  while (closer.count > 0 && own.length > 0) {
    const opener = own[own.length - 1]
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1
    opener.count -= use
    closer.count -= use
    opener.opens.push(use)
    closer.closes.push(use)
    // Emphasis must nest: openers of the other kind inside this pair can no longer match.
    while (other.length > 0 && other[other.length - 1].index > opener.index) other.pop()
    if (opener.count === 0) own.pop()
  }
}

/** Turns tokens into inlines, merging neighbours with the same formatting. */
class InlineWriter {
  readonly out: RichTextInline[] = []
  bold = 0
  italic = 0

  emit(text: string, href?: string, extra?: RichTextInline): void {
    if (!text) return
    const isBold = this.bold > 0 || extra?.bold === true
    const isItalic = this.italic > 0 || extra?.italic === true
    const last = this.out[this.out.length - 1]
    if (last && last.bold === (isBold || undefined) && last.italic === (isItalic || undefined) && last.href === href) {
      last.text += text
      return
    }
    const inline: RichTextInline = { text }
    if (isBold) inline.bold = true
    if (isItalic) inline.italic = true
    if (href !== undefined) inline.href = href
    this.out.push(inline)
  }

  adjust(uses: number[], sign: 1 | -1): void {
    for (const use of uses) {
      if (use === 2) this.bold += sign
      else this.italic += sign
    }
  }
}

function renderTokens(tokens: Token[]): RichTextInline[] {
  const writer = new InlineWriter()
  for (const token of tokens) {
    if (token.kind === 'text') writer.emit(token.text)
    else if (token.kind === 'link') for (const inline of token.inlines) writer.emit(inline.text, token.href, inline)
    else {
      // Used characters sit on the inner side of a run: closes on its left, opens on its right.
      writer.adjust(token.closes, -1)
      writer.emit(token.char.repeat(token.count))
      writer.adjust(token.opens, 1)
    }
  }
  const out = writer.out
  // Spaces at the very ends of a block carry nothing.
  if (out.length === 0) return out
  const first = out[0]
  let from = 0
  while (first.text[from] === ' ') from++
  first.text = first.text.slice(from)
  const last = out[out.length - 1]
  let to = last.text.length
  while (to > 0 && last.text[to - 1] === ' ') to--
  last.text = last.text.slice(0, to)
  return first.text && last.text ? out : out.filter((inline) => inline.text.length > 0)
}

/** `[label](url)` starting at `start`; the label may not contain an unescaped "[" (innermost wins). */
function linkAt(text: string, start: number, brackets: BracketScanner): { label: string; href: string | undefined; end: number } | undefined {
  const close = brackets.nextClose(start + 1)
  if (close < 0 || text[close + 1] !== '(') return undefined
  const innerOpen = brackets.nextOpen(start + 1)
  if (innerOpen >= 0 && innerOpen < close) return undefined
  const label = text.slice(start + 1, close)
  let k = close + 2
  while (text[k] === ' ') k++
  const urlStart = k
  let depth = 0
  while (k < text.length) {
    const c = text[k]
    if (c === '\\' && k + 1 < text.length) {
      k += 2
      continue
    }
    // Brackets end the URL too: that keeps every scan between two brackets, so links stay linear.
    if (c === ' ' || c === '\n' || c === '<' || c === '>' || c === '[' || c === ']') break
    if (c === '(') depth++
    if (c === ')') {
      if (depth === 0) break
      depth--
    }
    k++
  }
  const url = text.slice(urlStart, k).replace(/\\(.)/g, (_, ch: string) => (ESCAPABLE.has(ch) ? ch : '\\' + ch))
  while (text[k] === ' ') k++
  if (text[k] !== ')') return undefined
  return { label, href: isAllowedLinkUrl(url) ? url : undefined, end: k + 1 }
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** The text of inlines without formatting (hard breaks stay "\n"). */
export function inlinesToPlainText(inlines: readonly RichTextInline[]): string {
  let out = ''
  for (const inline of inlines) out += inline.text
  return out
}

/**
 * Plain text for search indexes and list snippets: blocks separated by a blank line, list items on
 * their own lines ("• …", "1. …", nested ones indented), table rows with cells joined by " | ".
 */
export function richTextToPlainText(input: string | RichTextDocument): string {
  const blocks = typeof input === 'string' ? parseRichText(input) : Array.isArray(input) ? input : []
  const parts: string[] = []
  const listLines = (list: RichTextList, indent: string, lines: string[]) => {
    list.items.forEach((item, n) => {
      lines.push(`${indent}${list.ordered ? `${list.start + n}.` : '•'} ${inlinesToPlainText(item.inlines)}`)
      if (item.sublist) listLines(item.sublist, indent + '  ', lines)
    })
  }
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        parts.push(inlinesToPlainText(block.inlines))
        break
      case 'list': {
        const lines: string[] = []
        listLines(block, '', lines)
        parts.push(lines.join('\n'))
        break
      }
      case 'table':
        parts.push([block.header, ...block.rows].map((row) => row.map(inlinesToPlainText).join(' | ')).join('\n'))
        break
      default:
        break
    }
  }
  return parts.join('\n\n')
}
