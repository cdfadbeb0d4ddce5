/**
 * Agenda builder operations (pure): the two parts of an agenda as trees of one level (main items
 * with their sub-items), the clerk's moves on them, and the writes that bring a meeting document
 * in line with the result (order, parentId, number, public; items moved in or out of the part).
 */
import { orderedAgenda, renumberAgenda, type AgendaItem } from '@ratstisch/domain'

export type Part = 'public' | 'confidential'
export const PARTS: readonly Part[] = ['public', 'confidential']

export interface Node {
  id: string
  children: string[]
}
export type Layout = Record<Part, Node[]>

/** The layout of one part from its items, in display order (orderedAgenda). */
export function treeOf(items: readonly AgendaItem[]): Node[] {
  const nodes: Node[] = []
  const byId = new Map<string, Node>()
  for (const item of orderedAgenda(items)) {
    const parent = item.parentId ? byId.get(item.parentId) : undefined
    if (parent) parent.children.push(item.id)
    else {
      const node = { id: item.id, children: [] }
      nodes.push(node)
      byId.set(item.id, node)
    }
  }
  return nodes
}

export function layoutOf(publicItems: readonly AgendaItem[], confidentialItems: readonly AgendaItem[]): Layout {
  return { public: treeOf(publicItems), confidential: treeOf(confidentialItems) }
}

const clone = (layout: Layout): Layout => ({
  public: layout.public.map((n) => ({ id: n.id, children: [...n.children] })),
  confidential: layout.confidential.map((n) => ({ id: n.id, children: [...n.children] })),
})

export interface Position {
  part: Part
  /** index of the main item */
  index: number
  /** index among the sub-items of `index`, or -1 for the main item itself */
  child: number
}

export function find(layout: Layout, id: string): Position | undefined {
  for (const part of PARTS) {
    const nodes = layout[part]
    for (let index = 0; index < nodes.length; index++) {
      if (nodes[index].id === id) return { part, index, child: -1 }
      const child = nodes[index].children.indexOf(id)
      if (child >= 0) return { part, index, child }
    }
  }
  return undefined
}

/** Moves an item one place up (-1) or down (+1) among its siblings; a main item takes its sub-items along. */
export function moveBy(layout: Layout, id: string, delta: -1 | 1): Layout | undefined {
  const pos = find(layout, id)
  if (!pos) return undefined
  const next = clone(layout)
  const nodes = next[pos.part]
  const siblings: unknown[] = pos.child < 0 ? nodes : nodes[pos.index].children
  const from = pos.child < 0 ? pos.index : pos.child
  const to = from + delta
  if (to < 0 || to >= siblings.length) return undefined
  const [moved] = siblings.splice(from, 1)
  siblings.splice(to, 0, moved)
  return next
}

/** Makes a main item a sub-item of the main item above it (one level; not for items with sub-items). */
export function indent(layout: Layout, id: string): Layout | undefined {
  const pos = find(layout, id)
  if (!pos || pos.child >= 0 || pos.index === 0) return undefined
  const next = clone(layout)
  const nodes = next[pos.part]
  if (nodes[pos.index].children.length) return undefined
  nodes.splice(pos.index, 1)
  nodes[pos.index - 1].children.push(id)
  return next
}

/** Makes a sub-item a main item right after its former parent. */
export function outdent(layout: Layout, id: string): Layout | undefined {
  const pos = find(layout, id)
  if (!pos || pos.child < 0) return undefined
  const next = clone(layout)
  const nodes = next[pos.part]
  nodes[pos.index].children.splice(pos.child, 1)
  nodes.splice(pos.index + 1, 0, { id, children: [] })
  return next
}

/** Removes an item; its sub-items become main items in its place. */
export function remove(layout: Layout, id: string): Layout | undefined {
  const pos = find(layout, id)
  if (!pos) return undefined
  const next = clone(layout)
  const nodes = next[pos.part]
  if (pos.child >= 0) nodes[pos.index].children.splice(pos.child, 1)
  else {
    const [node] = nodes.splice(pos.index, 1)
    nodes.splice(pos.index, 0, ...node.children.map((c) => ({ id: c, children: [] })))
  }
  return next
}

/**
 * Moves an item (with its sub-items) before `beforeId` (at that item's level) or, without
 * `beforeId`, to the end of `part`. Works within a part and across parts (drag and drop, Ö ⇄ N).
 * An item with sub-items stays a main item; dropping onto its own sub-item does nothing.
 */
export function moveTo(layout: Layout, id: string, part: Part, beforeId?: string): Layout | undefined {
  if (beforeId === id) return undefined
  const pos = find(layout, id)
  if (!pos) return undefined
  const moving = pos.child < 0 ? layout[pos.part][pos.index] : { id, children: [] }
  if (beforeId && moving.children.includes(beforeId)) return undefined
  const next = remove(layout, id)
  if (!next) return undefined
  // remove() promoted the sub-items; take them back
  if (moving.children.length) next[pos.part] = next[pos.part].filter((n) => !moving.children.includes(n.id))
  const node = { id, children: [...moving.children] }
  const nodes = next[part]
  const target = beforeId ? find(next, beforeId) : undefined
  if (!target || target.part !== part) nodes.push(node)
  else if (target.child < 0 || node.children.length) nodes.splice(target.index + (target.child < 0 ? 0 : 1), 0, node)
  else nodes[target.index].children.splice(target.child, 0, id)
  return next
}

/** Adds a new main item at the start or the end of a part. */
export function insert(layout: Layout, id: string, part: Part, at: 'start' | 'end'): Layout {
  const next = clone(layout)
  if (at === 'start') next[part].unshift({ id, children: [] })
  else next[part].push({ id, children: [] })
  return next
}

export interface Placement {
  part: Part
  order: number
  parentId?: string
  number: string
}

/** Order, parent and display number of every item of the layout (numbers from renumberAgenda). */
export function placements(layout: Layout): Map<string, Placement> {
  const out = new Map<string, Placement>()
  const synthetic: Record<Part, AgendaItem[]> = { public: [], confidential: [] }
  for (const part of PARTS) {
    layout[part].forEach((node, i) => {
      out.set(node.id, { part, order: i + 1, number: '' })
      synthetic[part].push({ id: node.id, order: i + 1, number: '', title: '', public: part === 'public', files: [] })
      node.children.forEach((c, j) => {
        out.set(c, { part, order: j + 1, parentId: node.id, number: '' })
        synthetic[part].push({ id: c, order: j + 1, parentId: node.id, number: '', title: '', public: part === 'public', files: [] })
      })
    })
  }
  const numbers = renumberAgenda(synthetic.public, synthetic.confidential)
  for (const [id, p] of out) p.number = numbers.get(id) ?? ''
  return out
}

export interface PartWrites {
  /** field updates by index into the document's list (before deletions) */
  updates: { index: number; order?: number; number?: string; public?: boolean; parentId?: string | null }[]
  /** indexes to delete, highest first */
  deletes: number[]
  /** items to append (copies from the other document, or new ones) */
  inserts: AgendaItem[]
}

/**
 * What brings one part's items in line with the placements: items placed in the other part are
 * deleted, `incoming` items placed here are appended, and order, parentId, number and public are
 * written where they differ. Computed on the plain document outside the change, because reading
 * through Automerge's change proxies is slow (a 150-item list costs tens of milliseconds).
 */
export function planPlacements(items: readonly AgendaItem[], part: Part, placed: ReadonlyMap<string, Placement>, incoming: readonly AgendaItem[]): PartWrites {
  const writes: PartWrites = { updates: [], deletes: [], inserts: [] }
  const present = new Set<string>()
  items.forEach((item, index) => {
    present.add(item.id)
    const p = placed.get(item.id)
    if (!p || p.part !== part) {
      writes.deletes.unshift(index)
      return
    }
    const u: PartWrites['updates'][number] = { index }
    if (item.order !== p.order) u.order = p.order
    if (item.number !== p.number) u.number = p.number
    if (item.public !== (part === 'public')) u.public = part === 'public'
    if ((item.parentId ?? null) !== (p.parentId ?? null)) u.parentId = p.parentId ?? null
    if (Object.keys(u).length > 1) writes.updates.push(u)
  })
  for (const item of incoming) {
    const p = placed.get(item.id)
    if (p?.part === part && !present.has(item.id)) {
      const copy = plainItem(item)
      copy.order = p.order
      copy.number = p.number
      copy.public = part === 'public'
      if (p.parentId) copy.parentId = p.parentId
      else delete copy.parentId
      writes.inserts.push(copy)
    }
  }
  return writes
}

export const hasWrites = (w: PartWrites): boolean => w.updates.length > 0 || w.deletes.length > 0 || w.inserts.length > 0

/** Applies planned writes to a document's list (inside an Automerge change). */
export function applyWrites(items: AgendaItem[], w: PartWrites): void {
  for (const u of w.updates) {
    const item = items[u.index]
    if (u.order !== undefined) item.order = u.order
    if (u.number !== undefined) item.number = u.number
    if (u.public !== undefined) item.public = u.public
    if (u.parentId === null) delete item.parentId
    else if (u.parentId !== undefined) item.parentId = u.parentId
  }
  for (const index of w.deletes) items.splice(index, 1)
  for (const item of w.inserts) items.push(item)
}

/** planPlacements + applyWrites in one step (for plain lists). */
export function applyPlacements(items: AgendaItem[], part: Part, placed: ReadonlyMap<string, Placement>, incoming: readonly AgendaItem[]): void {
  applyWrites(items, planPlacements(items, part, placed, incoming))
}

/** A plain JSON copy of an item (to insert an item read from one document into another). */
export function plainItem(item: AgendaItem): AgendaItem {
  return JSON.parse(JSON.stringify(item)) as AgendaItem
}
