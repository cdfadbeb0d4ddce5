/**
 * One TrueType font embedded as a subset (Type0 / CIDFontType2, Identity-H) with a ToUnicode map,
 * so that copied and extracted text keeps its umlauts, ß, „“, – and €.
 *
 * pdf-lib's own custom-font embedder runs fontkit's shaping engine on every string it measures
 * or encodes (about 1 ms per line of text); a paper needs plain left-to-right Latin text only, so
 * this maps characters straight through the font's cmap. Measured widths and the widths written
 * into /W come from the same rounded numbers, so text never drifts from where layout put it.
 * fontkit still does the hard part: parsing the font and writing the subset font file.
 */
import fontkit from '@pdf-lib/fontkit'
import type { Font, Glyph, Subset } from '@pdf-lib/fontkit'
import { sha256 } from '@noble/hashes/sha2'
import { PDFNumber, PDFString, type PDFContext, type PDFRef } from 'pdf-lib'

const parsedFonts = new WeakMap<Uint8Array, Font>()

/** Parses a font file once per byte array (the loaders hand out the same arrays every time). */
export function parseFont(bytes: Uint8Array): Font {
  let font = parsedFonts.get(bytes)
  if (!font) {
    font = fontkit.create(bytes)
    parsedFonts.set(bytes, font)
  }
  return font
}

const REPLACEMENT_CHARACTER = 0xfffd

/** One byte inside a PDF literal string: delimiters and line ends escaped, the rest as is. */
function literalByte(byte: number): string {
  switch (byte) {
    case 0x28:
      return '\\('
    case 0x29:
      return '\\)'
    case 0x5c:
      return '\\\\'
    case 0x0a:
      return '\\n'
    case 0x0d:
      return '\\r'
    default:
      return String.fromCharCode(byte)
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0')
}

/** UTF-16BE hex of one code point, for the ToUnicode map. */
function utf16Hex(codePoint: number): string {
  if (codePoint <= 0xffff) return hex4(codePoint)
  const v = codePoint - 0x10000
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff))
}

export class FontSubset {
  private readonly font: Font
  private readonly subset: Subset
  private readonly scale: number
  /** code point -> advance width in 1/1000 em (rounded, as written to /W) */
  private readonly advance = new Map<number, number>()
  /** code point -> subset glyph id as escaped literal-string bytes */
  private readonly codes = new Map<number, string>()
  /** subset glyph id -> code point it stands for */
  private readonly unicodes: number[] = []
  /** subset glyph id -> width in 1/1000 em */
  private readonly widths: number[] = []
  private readonly fallback: number
  /** "ABCDEF+DejaVuSans", known once embedded */
  baseFont = ''

  constructor(
    bytes: Uint8Array,
    /** resource name in the page's font dictionary, e.g. "F1" */
    readonly resourceName: string,
    /** reference the Type0 font dictionary will be written to */
    readonly ref: PDFRef,
  ) {
    this.font = parseFont(bytes)
    this.subset = this.font.createSubset()
    this.scale = 1000 / this.font.unitsPerEm
    this.fallback = this.font.hasGlyphForCodePoint(REPLACEMENT_CHARACTER) ? REPLACEMENT_CHARACTER : 0x3f
    // Glyph 0 (.notdef) is always part of a subset.
    this.widths[0] = Math.round(this.font.getGlyph(0).advanceWidth * this.scale)
  }

  /** Does the font draw this character (rather than the replacement)? */
  covers(codePoint: number): boolean {
    return this.font.hasGlyphForCodePoint(codePoint)
  }

  private glyphFor(codePoint: number): Glyph {
    return this.font.glyphForCodePoint(this.font.hasGlyphForCodePoint(codePoint) ? codePoint : this.fallback)
  }

  /** Width of a string at a font size, in points. */
  widthOf(text: string, size: number): number {
    let units = 0
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i)
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i) ?? cp
        i++
      }
      let w = this.advance.get(cp)
      if (w === undefined) {
        w = Math.round(this.glyphFor(cp).advanceWidth * this.scale)
        this.advance.set(cp, w)
      }
      units += w
    }
    return (units * size) / 1000
  }

  /**
   * The string as two-byte glyph ids, escaped for a PDF literal string (the body of "(…) Tj").
   * Half the size of hex, which is what the deflate step afterwards mostly pays for.
   */
  encode(text: string): string {
    let out = ''
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i)
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i) ?? cp
        i++
      }
      let code = this.codes.get(cp)
      if (code === undefined) {
        const drawn = this.font.hasGlyphForCodePoint(cp) ? cp : this.fallback
        const glyph = this.font.glyphForCodePoint(drawn)
        const id = this.subset.includeGlyph(glyph)
        // Two characters drawn with one glyph (e.g. a missing one and U+FFFD): the first one wins.
        if (this.unicodes[id] === undefined) this.unicodes[id] = drawn
        this.widths[id] = Math.round(glyph.advanceWidth * this.scale)
        code = literalByte(id >> 8) + literalByte(id & 0xff)
        this.codes.set(cp, code)
      }
      out += code
    }
    return out
  }

  /** Was any text set in this font? Unused fonts are not embedded at all. */
  get used(): boolean {
    return this.codes.size > 0
  }

  /** Writes the font dictionaries and the subset font file to `ref`. */
  async embed(context: PDFContext): Promise<void> {
    const file = await this.encodeSubset()
    const postscriptName = (this.font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '')
    const baseFont = `${this.subsetTag()}+${postscriptName}`
    this.baseFont = baseFont
    const s = this.scale
    const bbox = this.font.bbox
    const italic = this.font.italicAngle !== 0
    const fontFile = context.register(context.flateStream(file, { Length1: file.length }))
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // 32 = non-symbolic (Latin text), 64 = italic
        Flags: 32 + (italic ? 64 : 0),
        FontBBox: [bbox.minX * s, bbox.minY * s, bbox.maxX * s, bbox.maxY * s].map(Math.round),
        ItalicAngle: this.font.italicAngle,
        Ascent: Math.round(this.font.ascent * s),
        Descent: Math.round(this.font.descent * s),
        CapHeight: Math.round((this.font.capHeight || this.font.ascent) * s),
        XHeight: Math.round((this.font.xHeight || 0) * s),
        StemV: /bold/i.test(postscriptName) ? 120 : 80,
        FontFile2: fontFile,
      }),
    )
    const widths = context.obj([])
    for (let id = 0; id < this.widths.length; id++) widths.push(PDFNumber.of(this.widths[id] ?? 0))
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, widths],
        CIDToGIDMap: 'Identity',
      }),
    )
    const toUnicode = context.register(context.flateStream(this.toUnicodeCMap()))
    context.assign(
      this.ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    )
  }

  private encodeSubset(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      const parts: Uint8Array[] = []
      this.subset
        .encodeStream()
        .on('data', (bytes: Uint8Array) => parts.push(bytes))
        .on('end', () => {
          let length = 0
          for (const p of parts) length += p.length
          const out = new Uint8Array(length)
          let at = 0
          for (const p of parts) {
            out.set(p, at)
            at += p.length
          }
          resolve(out)
        })
    })
  }

  /** Six letters from the font and the glyphs in the subset (not random): same text, same name. */
  private subsetTag(): string {
    const digest = sha256(new TextEncoder().encode(`${this.font.postscriptName}:${this.unicodes.join(',')}`))
    let tag = ''
    for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26))
    return tag
  }

  private toUnicodeCMap(): string {
    const entries: string[] = []
    for (let id = 1; id < this.unicodes.length; id++) {
      const cp = this.unicodes[id]
      if (cp !== undefined) entries.push(`<${hex4(id)}> <${utf16Hex(cp)}>`)
    }
    let body = ''
    // At most 100 mappings per bfchar section (PDF 32000-1, 9.10.3).
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100)
      body += `${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`
    }
    return (
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
      '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      body +
      'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
    )
  }
}
