import { describe, expect, it } from 'vitest'
import { isAllowedLinkUrl, parseRichText, parseRichTextInlines, richTextToPlainText, type RichTextBlock, type RichTextDocument, type RichTextInline } from './rich-text.ts'

const plain = (text: string): RichTextInline => ({ text })

function only(source: string): RichTextBlock {
  const blocks = parseRichText(source)
  expect(blocks).toHaveLength(1)
  return blocks[0]
}

/** Every inline of a document, including list items and table cells. */
function allInlines(doc: RichTextDocument): RichTextInline[] {
  const out: RichTextInline[] = []
  for (const b of doc) {
    if (b.type === 'heading' || b.type === 'paragraph') out.push(...b.inlines)
    else if (b.type === 'list') for (const item of b.items) out.push(...item.inlines, ...(item.sublist?.items.flatMap((i) => i.inlines) ?? []))
    else for (const row of [b.header, ...b.rows]) for (const cell of row) out.push(...cell)
  }
  return out
}

describe('parseRichText: blocks', () => {
  it('gives an empty document for empty or non-string input', () => {
    expect(parseRichText('')).toEqual([])
    expect(parseRichText('\n\n   \n')).toEqual([])
    expect(parseRichText(undefined as unknown as string)).toEqual([])
    expect(parseRichText(42 as unknown as string)).toEqual([])
  })

  it('reads ATX headings of three levels; deeper ones count as level 3', () => {
    const doc = parseRichText('# Sachverhalt\n## Ausgangslage ##\n### Prüfung\n#### Einzelheiten\n#Kein Titel')
    expect(doc.slice(0, 4)).toEqual([
      { type: 'heading', level: 1, inlines: [plain('Sachverhalt')] },
      { type: 'heading', level: 2, inlines: [plain('Ausgangslage')] },
      { type: 'heading', level: 3, inlines: [plain('Prüfung')] },
      { type: 'heading', level: 3, inlines: [plain('Einzelheiten')] },
    ])
    // "#Kein Titel" has no space after the hash: a paragraph, as in CommonMark.
    expect(doc[4]).toEqual({ type: 'paragraph', inlines: [plain('#Kein Titel')] })
  })

  it('drops empty headings and keeps "C#" intact', () => {
    expect(parseRichText('#\n##   ')).toEqual([])
    expect(only('## Programmiersprache C#')).toEqual({ type: 'heading', level: 2, inlines: [plain('Programmiersprache C#')] })
  })

  it('separates paragraphs by blank lines; a single newline is a soft break', () => {
    const doc = parseRichText('Die Straße ist marode.\nSie wird saniert.\n\n\nDer Ausschuss berät im März.')
    expect(doc).toEqual([
      { type: 'paragraph', inlines: [plain('Die Straße ist marode. Sie wird saniert.')] },
      { type: 'paragraph', inlines: [plain('Der Ausschuss berät im März.')] },
    ])
  })

  it('keeps hard line breaks (two trailing spaces or a backslash) as "\\n"', () => {
    expect(only('Stadt Musterstadt  \nAmt 61\\\nRathausplatz 1')).toEqual({ type: 'paragraph', inlines: [plain('Stadt Musterstadt\nAmt 61\nRathausplatz 1')] })
  })

  it('normalises Windows and old Mac line endings', () => {
    expect(parseRichText('# Titel\r\nText\r\rMehr')).toEqual([
      { type: 'heading', level: 1, inlines: [plain('Titel')] },
      { type: 'paragraph', inlines: [plain('Text')] },
      { type: 'paragraph', inlines: [plain('Mehr')] },
    ])
  })

  it('reads bullet lists with "-" and "*" and their continuation lines', () => {
    expect(only('- Erstens\n- Zweitens, mit\n  Fortsetzung\n- **Drittens**')).toEqual({
      type: 'list',
      ordered: false,
      start: 1,
      items: [{ inlines: [plain('Erstens')] }, { inlines: [plain('Zweitens, mit Fortsetzung')] }, { inlines: [{ text: 'Drittens', bold: true }] }],
    })
    const star = only('* eins\n* zwei')
    expect(star.type === 'list' && star.items.map((i) => i.inlines[0].text)).toEqual(['eins', 'zwei'])
  })

  it('reads ordered lists with their start number', () => {
    expect(only('3. Drei\n4. Vier')).toEqual({ type: 'list', ordered: true, start: 3, items: [{ inlines: [plain('Drei')] }, { inlines: [plain('Vier')] }] })
    expect(only('1) Eins\n2) Zwei')).toMatchObject({ type: 'list', ordered: true, start: 1 })
  })

  it('supports one nesting level; deeper items join it', () => {
    const list = only('1. Haushalt\n   - Ergebnisplan\n   - Finanzplan\n       - Investitionen\n2. Stellenplan')
    expect(list).toEqual({
      type: 'list',
      ordered: true,
      start: 1,
      items: [
        {
          inlines: [plain('Haushalt')],
          sublist: { type: 'list', ordered: false, start: 1, items: [{ inlines: [plain('Ergebnisplan')] }, { inlines: [plain('Finanzplan')] }, { inlines: [plain('Investitionen')] }] },
        },
        { inlines: [plain('Stellenplan')] },
      ],
    })
  })

  it('continues a list across blank lines between items, and ends it before other text', () => {
    const doc = parseRichText('- a\n\n- b\n\nDanach ein Absatz.')
    expect(doc).toHaveLength(2)
    expect(doc[0]).toMatchObject({ type: 'list', items: [{ inlines: [plain('a')] }, { inlines: [plain('b')] }] })
    expect(doc[1]).toEqual({ type: 'paragraph', inlines: [plain('Danach ein Absatz.')] })
  })

  it('starts a new list when the marker kind changes', () => {
    const doc = parseRichText('- a\n1. b')
    expect(doc.map((b) => b.type === 'list' && b.ordered)).toEqual([false, true])
  })

  it('lets a list or heading interrupt a paragraph, but not a year at the start of a line', () => {
    const doc = parseRichText('Der Stadtrat beschließt:\n1. den Plan\n2. die Kosten')
    expect(doc.map((b) => b.type)).toEqual(['paragraph', 'list'])
    const year = parseRichText('Die Arbeiten enden im Jahr\n2026. Danach folgt die Abnahme.')
    expect(year).toEqual([{ type: 'paragraph', inlines: [plain('Die Arbeiten enden im Jahr 2026. Danach folgt die Abnahme.')] }])
    expect(parseRichText('Text\n## Abschnitt').map((b) => b.type)).toEqual(['paragraph', 'heading'])
  })

  it('treats a lone marker or a marker without space as text', () => {
    expect(only('-\n-nicht')).toEqual({ type: 'paragraph', inlines: [plain('- -nicht')] })
    expect(only('**fett** am Anfang')).toEqual({ type: 'paragraph', inlines: [{ text: 'fett', bold: true }, plain(' am Anfang')] })
  })

  it('reads GFM pipe tables with alignment and inline formatting in cells', () => {
    const table = only('| Maßnahme | Kosten (€) | Jahr |\n|:---|---:|:-:|\n| **Straßenbau** | 1.250.000 | 2026 |\n| Brücke _Mühlbach_ | 300.000 |')
    expect(table).toEqual({
      type: 'table',
      header: [[plain('Maßnahme')], [plain('Kosten (€)')], [plain('Jahr')]],
      align: ['left', 'right', 'center'],
      rows: [
        [[{ text: 'Straßenbau', bold: true }], [plain('1.250.000')], [plain('2026')]],
        // a missing cell is padded, so every row has one cell per column
        [[plain('Brücke '), { text: 'Mühlbach', italic: true }], [plain('300.000')], []],
      ],
    })
  })

  it('reads tables without outer pipes, drops surplus cells, keeps escaped pipes', () => {
    const table = only('a | b\n--|--\n1 \\| 2 | 3 | 4')
    expect(table).toEqual({ type: 'table', header: [[plain('a')], [plain('b')]], align: [undefined, undefined], rows: [[[plain('1 | 2')], [plain('3')]]] })
  })

  it('needs a separator row with as many cells as the header', () => {
    expect(parseRichText('| a | b |\n|---|\n| 1 | 2 |').map((b) => b.type)).toEqual(['paragraph'])
    expect(parseRichText('| a | b |\n| 1 | 2 |').map((b) => b.type)).toEqual(['paragraph'])
  })

  it('ends a table at a blank line, a heading or a line without pipes', () => {
    const doc = parseRichText('| a |\n|---|\n| 1 |\nDanach Text\n\n| x |\n|---|\n# Titel')
    expect(doc.map((b) => b.type)).toEqual(['table', 'paragraph', 'table', 'heading'])
    expect(doc[2]).toMatchObject({ rows: [] })
  })

  it('lets a table interrupt a paragraph', () => {
    expect(parseRichText('Kosten im Überblick:\n| Jahr | Betrag |\n|---|---|\n| 2026 | 5 € |').map((b) => b.type)).toEqual(['paragraph', 'table'])
  })
})

describe('parseRichTextInlines', () => {
  it('reads bold, italic with both markers, and their combination', () => {
    expect(parseRichTextInlines('Der **Stadtrat** *beschließt* _einstimmig_.')).toEqual([
      plain('Der '),
      { text: 'Stadtrat', bold: true },
      plain(' '),
      { text: 'beschließt', italic: true },
      plain(' '),
      { text: 'einstimmig', italic: true },
      plain('.'),
    ])
    expect(parseRichTextInlines('***beides*** und **fett mit *kursiv* darin**')).toEqual([
      { text: 'beides', bold: true, italic: true },
      plain(' und '),
      { text: 'fett mit ', bold: true },
      { text: 'kursiv', bold: true, italic: true },
      { text: ' darin', bold: true },
    ])
  })

  it('leaves unbalanced or flanked-by-space markers as text', () => {
    expect(parseRichTextInlines('**offen und nie geschlossen')).toEqual([plain('**offen und nie geschlossen')])
    expect(parseRichTextInlines('3 * 4 * 5 = 60')).toEqual([plain('3 * 4 * 5 = 60')])
    expect(parseRichTextInlines('*halb**')).toEqual([{ text: 'halb', italic: true }, plain('*')])
    expect(parseRichTextInlines('**fett* und')).toEqual([plain('*'), { text: 'fett', italic: true }, plain(' und')])
    expect(parseRichTextInlines('***')).toEqual([plain('***')])
  })

  it('does not read underscores inside words as emphasis', () => {
    expect(parseRichTextInlines('datei_name_v2.pdf und snake_case')).toEqual([plain('datei_name_v2.pdf und snake_case')])
    expect(parseRichTextInlines('Stern*chen* im Wort')).toEqual([plain('Stern'), { text: 'chen', italic: true }, plain(' im Wort')])
  })

  it('never lets emphasis of the two marker kinds overlap', () => {
    expect(parseRichTextInlines('*a _b* c_')).toEqual([{ text: 'a _b', italic: true }, plain(' c_')])
  })

  it('reads links with an allowed scheme, formatted label and parentheses in the URL', () => {
    expect(parseRichTextInlines('Siehe [Bebauungsplan **Nr. 42**](https://musterstadt.de/bplan?id=42) und [Mail](mailto:bauamt@musterstadt.de).')).toEqual([
      plain('Siehe '),
      { text: 'Bebauungsplan ', href: 'https://musterstadt.de/bplan?id=42' },
      { text: 'Nr. 42', bold: true, href: 'https://musterstadt.de/bplan?id=42' },
      plain(' und '),
      { text: 'Mail', href: 'mailto:bauamt@musterstadt.de' },
      plain('.'),
    ])
    expect(parseRichTextInlines('[Wiki](https://de.wikipedia.org/wiki/Rat_(Gremium))')).toEqual([{ text: 'Wiki', href: 'https://de.wikipedia.org/wiki/Rat_(Gremium)' }])
    expect(parseRichTextInlines('**[fett verlinkt](http://a.de)**')).toEqual([{ text: 'fett verlinkt', bold: true, href: 'http://a.de' }])
    expect(parseRichTextInlines('[](https://a.de/x)')).toEqual([{ text: 'https://a.de/x', href: 'https://a.de/x' }])
  })

  it('keeps the label of a link with any other scheme as plain text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', 'file:///etc/passwd', '/relativ/pfad', 'anlage.pdf', 'https://', 'mailto:niemand', 'java\tscript:x']) {
      expect(parseRichTextInlines(`vorher [Klick](${url}) nachher`), url).toEqual([plain('vorher Klick nachher')])
    }
  })

  it('leaves broken link syntax as text', () => {
    expect(parseRichTextInlines('[kein Link] (https://a.de)')).toEqual([plain('[kein Link] (https://a.de)')])
    expect(parseRichTextInlines('[offen](https://a.de')).toEqual([plain('[offen](https://a.de')])
    expect(parseRichTextInlines('[[innen](https://a.de)]')).toEqual([plain('['), { text: 'innen', href: 'https://a.de' }, plain(']')])
  })

  it('applies backslash escapes', () => {
    expect(parseRichTextInlines('\\*kein kursiv\\* und \\[keine\\](Klammer) und C:\\Pfad')).toEqual([plain('*kein kursiv* und [keine](Klammer) und C:\\Pfad')])
    expect(parseRichTextInlines('\\\\*kursiv*')).toEqual([plain('\\'), { text: 'kursiv', italic: true }])
  })

  it('keeps HTML as literal text', () => {
    const inlines = allInlines(parseRichText('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)> & &amp;'))
    expect(inlines.map((i) => i.text)).toEqual(['<script>alert("x")</script>', '<img src=x onerror=alert(1)> & &amp;'])
    expect(inlines.every((i) => i.href === undefined)).toBe(true)
  })
})

describe('German text', () => {
  it('keeps umlauts, ß, typographic quotes, dashes and the euro sign', () => {
    const text = '## Öffentliche Straßenbeleuchtung\n\nDie Kosten betragen „rund“ 12.500 € – **inklusive** Übergröße; Maß: 3 × 4 m.'
    expect(richTextToPlainText(text)).toBe('Öffentliche Straßenbeleuchtung\n\nDie Kosten betragen „rund“ 12.500 € – inklusive Übergröße; Maß: 3 × 4 m.')
    // Emphasis flanked by umlauts and typographic punctuation
    expect(parseRichTextInlines('„*Änderung*“ und _Übersicht_')).toEqual([plain('„'), { text: 'Änderung', italic: true }, plain('“ und '), { text: 'Übersicht', italic: true }])
  })
})

describe('richTextToPlainText', () => {
  it('flattens every block kind', () => {
    const text = '# Titel\n\nAbsatz mit **fett** und [Link](https://a.de).\n\n- eins\n  - eins.a\n- zwei\n\n3. drei\n4. vier\n\n| A | B |\n|---|---|\n| 1 | 2 |'
    expect(richTextToPlainText(text)).toBe('Titel\n\nAbsatz mit fett und Link.\n\n• eins\n  • eins.a\n• zwei\n\n3. drei\n4. vier\n\nA | B\n1 | 2')
    expect(richTextToPlainText(parseRichText(text))).toBe(richTextToPlainText(text))
  })

  it('is empty for nothing', () => {
    expect(richTextToPlainText('')).toBe('')
    expect(richTextToPlainText(null as unknown as string)).toBe('')
  })
})

describe('isAllowedLinkUrl', () => {
  it('allows http, https and mailto only', () => {
    expect(isAllowedLinkUrl('https://musterstadt.de')).toBe(true)
    expect(isAllowedLinkUrl('HTTP://musterstadt.de/a b')).toBe(false)
    expect(isAllowedLinkUrl('mailto:rat@musterstadt.de')).toBe(true)
    expect(isAllowedLinkUrl('javascript:void(0)')).toBe(false)
    expect(isAllowedLinkUrl(' https://a.de')).toBe(false)
  })
})

describe('hostile and huge input', () => {
  // Structure, not time: the speed of this is shown by parsing it at all within the test timeout.
  it('parses 100 KB of mixed content completely', () => {
    const chunk =
      '## Abschnitt\n\nDie **Verwaltung** prüft _sorgfältig_ die [Unterlagen](https://a.de/x). Größere Maßnahmen folgen.\n\n- Punkt eins\n- Punkt zwei\n  - Unterpunkt\n\n| Jahr | Betrag |\n|---|--:|\n| 2026 | 5.000 € |\n| 2027 | 6.000 € |\n\n'
    const count = Math.ceil(100_000 / chunk.length)
    const doc = parseRichText(chunk.repeat(count))
    expect(doc).toHaveLength(count * 4)
    expect(doc.filter((b) => b.type === 'table')).toHaveLength(count)
    expect(doc.filter((b) => b.type === 'list').every((b) => b.type === 'list' && b.items.length === 2 && b.items[1].sublist?.items.length === 1)).toBe(true)
  })

  it('handles pathological runs without blowing up (each would be quadratic in a naive parser)', () => {
    const n = 100_000
    const cases = [
      '*'.repeat(n),
      '*a '.repeat(n),
      '**a '.repeat(n),
      '_a '.repeat(n),
      '['.repeat(n) + ']',
      '[a]('.repeat(n),
      '[' + 'x'.repeat(n) + '](' + 'y'.repeat(n),
      '# ' + 'a '.repeat(n) + '#',
      '# a' + ' '.repeat(n) + 'b',
      '\\'.repeat(n) + 'a',
      'a' + ' '.repeat(n) + 'b  \nc',
      '| a '.repeat(n) + '|\n' + '|---'.repeat(n) + '|',
      '- a\n'.repeat(n / 4),
      '  - b\n'.repeat(n / 4),
      '\n'.repeat(n / 4),
      '1. a\n\n'.repeat(n / 4),
    ]
    for (const source of cases) {
      const started = performance.now()
      const doc = parseRichText(source)
      const ms = performance.now() - started
      // A quadratic parser needs ≥ 10¹⁰ steps on these (minutes); a linear one well under a second.
      // The bound is loose on purpose so a busy machine cannot make it flaky.
      expect(ms, source.slice(0, 20)).toBeLessThan(10_000)
      if (process.env.RICH_TEXT_TIMES) console.log(JSON.stringify(source.slice(0, 12)), ms.toFixed(1))
      expect(Array.isArray(doc)).toBe(true)
    }
  }, 120_000)

  it('never throws on random input and keeps all non-marker characters', () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed / 0x7fffffff
    }
    const alphabet = ['*', '_', '[', ']', '(', ')', '\\', '|', '-', '#', ' ', '\n', '\n\n', 'ä', 'ß', '€', 'a', '1.', 'https://x.de', '`', '<', '>', ':', '\t', '\r']
    for (let round = 0; round < 500; round++) {
      let s = ''
      const len = Math.floor(random() * 80)
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(random() * alphabet.length)]
      const doc = parseRichText(s)
      const text = richTextToPlainText(doc)
      for (const ch of ['ä', 'ß', '€']) expect(text.split(ch).length, JSON.stringify(s)).toBe(s.split(ch).length)
      for (const inline of allInlines(doc)) {
        expect(inline.text.length).toBeGreaterThan(0)
        if (inline.href) expect(isAllowedLinkUrl(inline.href)).toBe(true)
      }
    }
  })
})
