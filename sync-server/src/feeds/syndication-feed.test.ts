import { describe, expect, it } from 'vitest'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { renderAtom, renderRss, rfc3339, rfc822, xmlText, type Feed } from './syndication-feed.ts'

const HOSTILE = '<script>alert("x")</script> & <![CDATA[ ]]> \'quoted\' A, B; C\u0001\u000b\ud800\uffff'
const CLEAN = '<script>alert("x")</script> & <![CDATA[ ]]> \'quoted\' A, B; C'
const LONG = 'Größenänderung äöüÄÖÜß '.repeat(10).slice(0, 200)

const feed: Feed = {
  title: 'Neue Vorlagen – Bürgerinfo <Musterstadt>',
  description: HOSTILE,
  selfUrl: 'https://rats.example/feeds/vorlagen.rss',
  pageUrl: 'https://rats.example/vorlagen',
  author: 'Musterstadt & Co',
  updated: '2026-03-01T09:00:00.000Z',
  entries: [
    { url: 'https://rats.example/vorlagen/p1?a=1&b=2', title: HOSTILE, summary: LONG, published: '2026-03-02T09:00:00.000Z', updated: '2026-03-05T10:00:00.000Z', categories: ['Beschluss"vorlage'] },
    { url: 'https://rats.example/vorlagen/p2', title: LONG, summary: '', published: '2026-03-01T09:00:00.000Z', updated: '2026-03-01T09:00:00.000Z', categories: [] },
  ],
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name) })

describe('RSS and Atom writers', () => {
  it('escapes markup and drops characters XML 1.0 does not allow', () => {
    expect(xmlText('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;')
    expect(xmlText('a\u0000\u0008\u001fb\ud800c\udfffd\ufffe😀\ud800\udfff')).toBe('abcd😀\ud800\udfff')
  })

  it('writes well-formed RSS 2.0 whose titles read back as written', () => {
    const xml = renderRss(feed)
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).not.toContain('<script>')
    const rss = parser.parse(xml).rss
    expect(rss['@version']).toBe('2.0')
    const channel = rss.channel
    expect(channel.title).toBe('Neue Vorlagen – Bürgerinfo <Musterstadt>')
    expect(channel['atom:link']).toMatchObject({ '@href': feed.selfUrl, '@rel': 'self', '@type': 'application/rss+xml' })
    expect(channel.lastBuildDate).toBe(rfc822('2026-03-05T10:00:00.000Z'))
    const [first, second] = channel.item
    expect(first.title).toBe(CLEAN)
    expect(first.link[0]).toBe('https://rats.example/vorlagen/p1?a=1&b=2')
    expect(first.guid).toMatchObject({ '#text': 'https://rats.example/vorlagen/p1?a=1&b=2', '@isPermaLink': 'true' })
    expect(first.pubDate).toBe('Mon, 02 Mar 2026 09:00:00 GMT')
    expect(first.category).toEqual(['Beschluss"vorlage'])
    expect(second.title).toBe(LONG)
  })

  it('writes well-formed Atom 1.0 with ids, self link, author and updated dates', () => {
    const xml = renderAtom(feed)
    expect(XMLValidator.validate(xml)).toBe(true)
    const atom = parser.parse(xml).feed
    expect(atom['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(atom.id).toBe(feed.selfUrl)
    expect(atom.updated).toBe('2026-03-05T10:00:00Z')
    expect(atom.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe(feed.selfUrl)
    expect(atom.author.name).toBe('Musterstadt & Co')
    const [first] = atom.entry
    expect(first.id).toBe('https://rats.example/vorlagen/p1?a=1&b=2')
    expect(first.title['#text']).toBe(CLEAN)
    expect(first.published).toBe(rfc3339('2026-03-02T09:00:00.000Z'))
    expect(first.updated).toBe('2026-03-05T10:00:00Z')
    expect(first.category[0]['@term']).toBe('Beschluss"vorlage')
  })

  it('an empty feed is still valid and dated', () => {
    const empty = { ...feed, entries: [] }
    expect(XMLValidator.validate(renderRss(empty))).toBe(true)
    expect(XMLValidator.validate(renderAtom(empty))).toBe(true)
    expect(parser.parse(renderAtom(empty)).feed.updated).toBe('2026-03-01T09:00:00Z')
  })
})
