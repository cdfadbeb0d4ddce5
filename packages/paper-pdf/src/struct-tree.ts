/**
 * The logical structure of a tagged PDF (PDF 32000-1, 14.7-14.8): structure elements (Document,
 * H1, P, L, Table, Link …) whose leaves are marked-content sequences on pages (MCIDs) and link
 * annotations (OBJR), plus the parent tree that maps each page's MCIDs back to their elements.
 * pdf-lib has no tagging support, so the renderer records structure here while it draws and
 * writes it out at the end.
 */
import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFRef } from 'pdf-lib'

/** Standard structure types used by the paper PDF. */
export type StructType =
  | 'Document'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Link'

/** Attribute values are PDF names (e.g. { O: 'Table', Scope: 'Column' }). */
export type StructAttributes = Readonly<Record<string, string>>

interface MarkedContent {
  kind: 'mcid'
  page: number
  mcid: number
}

interface AnnotationKid {
  kind: 'annot'
  page: number
  annotation: number
}

type Kid = StructElement | MarkedContent | AnnotationKid

export class StructElement {
  readonly kids: Kid[] = []

  constructor(
    readonly type: StructType,
    readonly parent: StructElement | undefined,
    readonly attributes?: StructAttributes,
  ) {}

  add(type: StructType, attributes?: StructAttributes): StructElement {
    const child = new StructElement(type, this, attributes)
    this.kids.push(child)
    return child
  }
}

export interface LinkAnnotation {
  page: number
  element: StructElement
  /** [x1, y1, x2, y2] in points */
  rect: [number, number, number, number]
  uri: string
  /** description for assistive technology (the link text) */
  contents: string
}

export class StructTree {
  readonly root = new StructElement('Document', undefined)
  /** per page: MCID -> element */
  private readonly marks: StructElement[][] = []
  private readonly annotations: LinkAnnotation[] = []

  /** Allocates the next MCID on a page for content of `element`. */
  mark(element: StructElement, page: number): number {
    const list = (this.marks[page] ??= [])
    const mcid = list.length
    list.push(element)
    element.kids.push({ kind: 'mcid', page, mcid })
    return mcid
  }

  /** Records a link annotation as a kid of its Link element (written with the tree). */
  link(annotation: LinkAnnotation): void {
    annotation.element.kids.push({ kind: 'annot', page: annotation.page, annotation: this.annotations.length })
    this.annotations.push(annotation)
  }

  /**
   * Writes the structure tree, the link annotations and each page's /StructParents, and returns
   * the StructTreeRoot for the catalog.
   */
  write(context: PDFContext, pages: readonly { ref: PDFRef; node: PDFDict }[]): PDFRef {
    const rootRef = context.nextRef()
    const refs = new Map<StructElement, PDFRef>()
    const order: StructElement[] = []
    const collect = (element: StructElement) => {
      refs.set(element, context.nextRef())
      order.push(element)
      for (const kid of element.kids) if (kid instanceof StructElement) collect(kid)
    }
    collect(this.root)

    // Link annotations: one per line fragment of a link, in the page's /Annots.
    const annotationRefs: PDFRef[] = []
    const annotsOfPage = new Map<number, PDFRef[]>()
    this.annotations.forEach((a, index) => {
      const annotation = context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: a.rect.map((n) => Math.round(n * 100) / 100),
        Border: [0, 0, 0],
        F: 4,
        A: { Type: 'Action', S: 'URI' },
        StructParent: pages.length + index,
        P: pages[a.page].ref,
      })
      // context.obj turns plain strings into names: text values are set explicitly.
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(a.contents.length > 0 ? a.contents : a.uri))
      annotation.lookup(PDFName.of('A'), PDFDict).set(PDFName.of('URI'), uriString(a.uri))
      const ref = context.register(annotation)
      annotationRefs.push(ref)
      const list = annotsOfPage.get(a.page) ?? []
      list.push(ref)
      annotsOfPage.set(a.page, list)
    })

    for (const element of order) {
      const firstMark = element.kids.find((k): k is MarkedContent => !(k instanceof StructElement) && k.kind === 'mcid')
      const page = firstMark?.page
      const kids = context.obj([])
      for (const kid of element.kids) {
        if (kid instanceof StructElement) kids.push(refs.get(kid)!)
        else if (kid.kind === 'mcid') {
          if (kid.page === page) kids.push(PDFNumber.of(kid.mcid))
          else kids.push(context.obj({ Type: 'MCR', Pg: pages[kid.page].ref, MCID: kid.mcid }))
        } else kids.push(context.obj({ Type: 'OBJR', Obj: annotationRefs[kid.annotation], Pg: pages[kid.page].ref }))
      }
      // /Type /StructElem is optional; left out, as there are thousands of these.
      const dict = context.obj({
        S: element.type,
        P: element.parent ? refs.get(element.parent)! : rootRef,
        K: kids,
      })
      if (page !== undefined) dict.set(PDFName.of('Pg'), pages[page].ref)
      if (element.attributes) dict.set(PDFName.of('A'), context.obj({ ...element.attributes }))
      context.assign(refs.get(element)!, dict)
    }

    const nums = context.obj([])
    pages.forEach((page, index) => {
      nums.push(PDFNumber.of(index))
      nums.push(context.obj((this.marks[index] ?? []).map((e) => refs.get(e)!)))
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(index))
      // Tab order follows the structure (PDF/UA 7.18.3).
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
      const annots = annotsOfPage.get(index)
      if (annots) page.node.set(PDFName.of('Annots'), context.obj(annots))
    })
    this.annotations.forEach((a, index) => {
      nums.push(PDFNumber.of(pages.length + index))
      nums.push(refs.get(a.element)!)
    })
    const parentTree = context.register(context.obj({ Nums: nums }))
    context.assign(
      rootRef,
      context.obj({
        Type: 'StructTreeRoot',
        K: [refs.get(this.root)!],
        ParentTree: parentTree,
        ParentTreeNextKey: pages.length + this.annotations.length,
      }),
    )
    return rootRef
  }
}

/** URIs are 7-bit ASCII: anything else is percent-encoded; a hex string needs no escaping. */
function uriString(uri: string): PDFHexString {
  const ascii = uri.replace(/[^\x21-\x7e]+/g, (run) => {
    try {
      return encodeURIComponent(run)
    } catch {
      return ''
    }
  })
  let hex = ''
  for (let i = 0; i < ascii.length; i++) hex += ascii.charCodeAt(i).toString(16).padStart(2, '0')
  return PDFHexString.of(hex)
}
