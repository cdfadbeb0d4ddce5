/**
 * RSS 2.0 and Atom 1.0 for the portal's feeds (new papers, upcoming meetings). One description of
 * a feed, written in either format. Everything that comes from the public model passes `xmlText`:
 * markup is escaped and characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/F)
 * are dropped, so a hostile title cannot break the document or inject elements. URLs are absolute
 * (the relay's PUBLIC_URL); ids are the objects' stable portal URLs.
 */
export interface FeedEntry {
  /** absolute URL of the object's portal page: link and stable id */
  url: string
  title: string
  summary: string
  /** first publication (ISO) */
  published: string
  /** last change (ISO) */
  updated: string
  categories: string[]
}

export interface Feed {
  title: string
  description: string
  /** absolute URL of this feed */
  selfUrl: string
  /** absolute URL of the portal page listing the same */
  pageUrl: string
  author: string
  /** ISO; the newest entry's `updated` when there are entries */
  updated: string
  entries: FeedEntry[]
}

const XML_NOT_ALLOWED = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text or attribute content for XML 1.0. */
export function xmlText(value: string): string {
  return value
    .replace(XML_NOT_ALLOWED, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** RFC 822 date as RSS wants it ("Thu, 12 Mar 2026 16:00:00 GMT"). */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString()
}

/** RFC 3339 in UTC, as Atom wants it. */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function feedUpdated(feed: Feed): string {
  return feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), '') || feed.updated
}

export function renderRss(feed: Feed): string {
  const items = feed.entries.map(
    (e) => `    <item>
      <title>${xmlText(e.title)}</title>
      <link>${xmlText(e.url)}</link>
      <guid isPermaLink="true">${xmlText(e.url)}</guid>
      <pubDate>${rfc822(e.published)}</pubDate>
${e.categories.map((c) => `      <category>${xmlText(c)}</category>\n`).join('')}      <description>${xmlText(e.summary)}</description>
    </item>`,
  )
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xmlText(feed.title)}</title>
    <link>${xmlText(feed.pageUrl)}</link>
    <description>${xmlText(feed.description)}</description>
    <language>de-DE</language>
    <lastBuildDate>${rfc822(feedUpdated(feed))}</lastBuildDate>
    <generator>Ratstisch</generator>
    <atom:link href="${xmlText(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
  </channel>
</rss>
`
}

export function renderAtom(feed: Feed): string {
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xmlText(e.url)}</id>
    <title type="text">${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>
    <published>${rfc3339(e.published)}</published>
    <updated>${rfc3339(e.updated)}</updated>
${e.categories.map((c) => `    <category term="${xmlText(c)}"/>\n`).join('')}    <summary type="text">${xmlText(e.summary)}</summary>
  </entry>`,
  )
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <id>${xmlText(feed.selfUrl)}</id>
  <title type="text">${xmlText(feed.title)}</title>
  <subtitle type="text">${xmlText(feed.description)}</subtitle>
  <updated>${rfc3339(feedUpdated(feed))}</updated>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>
  <author><name>${xmlText(feed.author)}</name></author>
  <generator>Ratstisch</generator>
${entries.join('\n')}
</feed>
`
}
