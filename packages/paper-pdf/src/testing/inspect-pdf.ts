/**
 * Reads a rendered PDF back the way a reader or screen reader would (pdf.js), for tests: text per
 * page with artifacts told apart, structure roles, link annotations, fonts, metadata.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib'

import './node-pdfjs-shim.ts'

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')

export interface InspectedLine {
  text: string
  x: number
  y: number
  artifact: boolean
  /** innermost structure tag around the text */
  tag: string | undefined
  font: string
}

export interface InspectedPage {
  /** all text, lines joined with "\n" (artifacts included) */
  text: string
  /** text outside artifacts only */
  content: string
  artifacts: string[]
  items: InspectedLine[]
  roles: Set<string>
  links: { url: string | undefined; contents: string; rect: number[] }[]
  fonts: { name: string; embedded: boolean }[]
}

export interface InspectedPdf {
  pageCount: number
  pages: InspectedPage[]
  info: Record<string, unknown>
  xmpTitle: string | undefined
  marked: boolean
}

interface StructNode {
  role?: string
  children?: StructNode[]
}

function rolesOf(node: StructNode | null, into: Set<string>): void {
  if (!node) return
  if (node.role) into.add(node.role)
  for (const child of node.children ?? []) rolesOf(child, into)
}

export async function inspectPdf(bytes: Uint8Array): Promise<InspectedPdf> {
  const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, fontExtraProperties: true })
  const doc = await task.promise
  const pages: InspectedPage[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n)
    const ops = await page.getOperatorList()
    const fontIds = new Set<string>()
    ops.fnArray.forEach((fn, i) => {
      if (fn === pdfjs.OPS.setFont) fontIds.add(String((ops.argsArray[i] as unknown[])[0]))
    })
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean }
      return { name: font.name, embedded: !font.missingFile }
    })
    const textContent = await page.getTextContent({ includeMarkedContent: true })
    const stack: string[] = []
    const items: InspectedLine[] = []
    let text = ''
    let content = ''
    const artifacts: string[] = []
    for (const item of textContent.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push(String((item as { tag?: string }).tag))
        else if (item.type === 'endMarkedContent') stack.pop()
        continue
      }
      const artifact = stack.includes('Artifact')
      const line = item.str + (item.hasEOL ? '\n' : '')
      text += line
      if (artifact) {
        if (item.str.trim()) artifacts.push(item.str)
      } else content += line
      if (item.str) items.push({ text: item.str, x: item.transform[4], y: item.transform[5], artifact, tag: stack[stack.length - 1], font: item.fontName })
    }
    const roles = new Set<string>()
    rolesOf((await page.getStructTree()) as StructNode | null, roles)
    const annotations = (await page.getAnnotations()) as { subtype: string; url?: string; contentsObj?: { str: string }; rect: number[] }[]
    const links = annotations.filter((a) => a.subtype === 'Link').map((a) => ({ url: a.url, contents: a.contentsObj?.str ?? '', rect: a.rect }))
    pages.push({ text, content, artifacts, items, roles, links, fonts })
    page.cleanup()
  }
  const meta = await doc.getMetadata()
  const markInfo = await doc.getMarkInfo()
  const result: InspectedPdf = {
    pageCount: doc.numPages,
    pages,
    info: meta.info as Record<string, unknown>,
    xmpTitle: meta.metadata?.get('dc:title') ?? undefined,
    // pdf.js hands the MarkInfo dictionary over as a Map
    marked: (markInfo as unknown as Map<string, unknown> | null)?.get('Marked') === true,
  }
  await task.destroy()
  return result
}

export interface StructElementInfo {
  type: string
  /** indexes of the pages its own and its descendants' marked content is on */
  pages: Set<number>
  kids: StructElementInfo[]
  attributes: Record<string, string>
}

/** The structure tree as written (pdf-lib), with the pages each element's content lies on. */
export async function readStructTree(bytes: Uint8Array): Promise<StructElementInfo> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  const pageIndex = new Map<string, number>()
  doc.getPages().forEach((p, i) => pageIndex.set(p.ref.toString(), i))
  const rootDict = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)
  const walk = (dict: PDFDict): StructElementInfo => {
    const info: StructElementInfo = { type: String(dict.get(PDFName.of('S'))).slice(1), pages: new Set(), kids: [], attributes: {} }
    const pg = dict.get(PDFName.of('Pg'))
    const attrs = dict.lookup(PDFName.of('A'))
    if (attrs instanceof PDFDict) for (const [k, v] of attrs.entries()) info.attributes[k.decodeText()] = String(v).replace(/^\//, '')
    const k = dict.get(PDFName.of('K'))
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : []
    for (const kid of kids) {
      if (kid instanceof PDFNumber) {
        if (pg instanceof PDFRef) info.pages.add(pageIndex.get(pg.toString())!)
      } else if (kid instanceof PDFRef) {
        const child = doc.context.lookup(kid)
        if (child instanceof PDFDict && child.get(PDFName.of('S')) !== undefined) {
          const sub = walk(child)
          info.kids.push(sub)
          for (const p of sub.pages) info.pages.add(p)
        }
      } else if (kid instanceof PDFDict) {
        const kidPg = kid.get(PDFName.of('Pg'))
        if (kidPg instanceof PDFRef) info.pages.add(pageIndex.get(kidPg.toString())!)
      }
    }
    return info
  }
  const rootKids = rootDict.lookup(PDFName.of('K'), PDFArray)
  return walk(rootKids.lookup(0, PDFDict))
}

/** Every element of a type, depth first. */
export function elementsOfType(root: StructElementInfo, type: string): StructElementInfo[] {
  const out: StructElementInfo[] = []
  const visit = (e: StructElementInfo) => {
    if (e.type === type) out.push(e)
    e.kids.forEach(visit)
  }
  visit(root)
  return out
}
