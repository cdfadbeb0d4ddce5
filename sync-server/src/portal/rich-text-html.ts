/**
 * Server-side HTML for the rich-text subset of paper sections, minutes and the configured static
 * pages (parsed by @ratstisch/domain's parseRichText). Every text is escaped by hono/html; links
 * are only the http(s)/mailto targets the parser allowed. Headings are shifted below the page's
 * own (a "#" inside a section under an <h2> becomes an <h3>).
 */
import { parseRichText, type RichTextBlock, type RichTextInline, type RichTextList } from '@ratstisch/domain'
import { h, type Html } from './portal-html.ts'

function inline(i: RichTextInline): Html {
  const lines = i.text.split('\n')
  let out: Html = h`${lines.map((line, n) => (n === 0 ? h`${line}` : h`<br>${line}`))}`
  if (i.italic) out = h`<em>${out}</em>`
  if (i.bold) out = h`<strong>${out}</strong>`
  if (i.href) {
    const external = /^https?:/i.test(i.href)
    out = external ? h`<a href="${i.href}" rel="noopener noreferrer nofollow">${out}</a>` : h`<a href="${i.href}">${out}</a>`
  }
  return out
}

const inlines = (list: readonly RichTextInline[]): Html => h`${list.map(inline)}`

function list(l: RichTextList): Html {
  const items = l.items.map((item) => h`<li>${inlines(item.inlines)}${item.sublist ? list(item.sublist) : ''}</li>`)
  return l.ordered ? h`<ol${l.start !== 1 ? h` start="${l.start}"` : ''}>${items}</ol>` : h`<ul>${items}</ul>`
}

function block(b: RichTextBlock, headingLevel: (level: number) => number): Html {
  switch (b.type) {
    case 'heading': {
      // the level is a number from our own arithmetic, never data
      const level = headingLevel(b.level)
      return h`<h${level}>${inlines(b.inlines)}</h${level}>`
    }
    case 'paragraph':
      return h`<p>${inlines(b.inlines)}</p>`
    case 'list':
      return list(b)
    case 'table':
      return h`<div class="table-wrap" role="region" aria-label="Tabelle" tabindex="0"><table><thead><tr>${b.header.map(
        (cell, c) => h`<th scope="col"${b.align[c] ? h` style="text-align:${b.align[c]}"` : ''}>${inlines(cell)}</th>`,
      )}</tr></thead><tbody>${b.rows.map((row) => h`<tr>${row.map((cell, c) => h`<td${b.align[c] ? h` style="text-align:${b.align[c]}"` : ''}>${inlines(cell)}</td>`)}</tr>`)}</tbody></table></div>`
    default:
      return h``
  }
}

/**
 * HTML of a rich-text source below a heading of level `headingBase - 1`: its highest heading
 * becomes `headingBase`, and no heading skips a level on the way down (WCAG 1.3.1), whatever
 * levels the author typed ("###" straight under a section title reads as the next level).
 */
export function richTextHtml(source: string, headingBase: number): Html {
  const blocks = parseRichText(source)
  const top = Math.min(...blocks.map((b) => (b.type === 'heading' ? b.level : 99)))
  let previous = headingBase - 1
  const headingLevel = (level: number) => {
    const wanted = Math.min(6, headingBase + level - top)
    previous = Math.min(wanted, previous + 1)
    return previous
  }
  return h`<div class="rich">${blocks.map((b) => block(b, headingLevel))}</div>`
}
