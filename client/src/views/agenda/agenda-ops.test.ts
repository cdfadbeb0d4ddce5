import { describe, expect, it } from 'vitest'
import type { AgendaItem } from '@ratstisch/domain'
import { applyPlacements, indent, insert, layoutOf, moveBy, moveTo, outdent, placements, remove, type Layout } from './agenda-ops.ts'

const item = (id: string, order: number, pub = true, parentId?: string): AgendaItem => ({
  id,
  number: '',
  order,
  title: id.toUpperCase(),
  public: pub,
  files: [],
  ...(parentId ? { parentId } : {}),
})

const pub = [item('a', 1), item('b', 2), item('c', 3), item('b1', 1, true, 'b')]
const conf = [item('x', 1, false), item('y', 2, false)]
const flat = (l: Layout | undefined) =>
  l && {
    public: l.public.map((n) => (n.children.length ? `${n.id}[${n.children.join(',')}]` : n.id)).join(' '),
    confidential: l.confidential.map((n) => (n.children.length ? `${n.id}[${n.children.join(',')}]` : n.id)).join(' '),
  }

describe('agenda operations', () => {
  const layout = layoutOf(pub, conf)

  it('reads the layout in display order with sub-items under their parent', () => {
    expect(flat(layout)).toEqual({ public: 'a b[b1] c', confidential: 'x y' })
  })

  it('moves among siblings, a main item with its sub-items, and not past the ends', () => {
    expect(flat(moveBy(layout, 'b', -1))).toEqual({ public: 'b[b1] a c', confidential: 'x y' })
    expect(flat(moveBy(layout, 'c', -1))).toEqual({ public: 'a c b[b1]', confidential: 'x y' })
    expect(moveBy(layout, 'a', -1)).toBeUndefined()
    expect(moveBy(layout, 'y', 1)).toBeUndefined()
    expect(moveBy(layout, 'b1', 1)).toBeUndefined()
  })

  it('indents one level only and outdents right after the parent', () => {
    expect(flat(indent(layout, 'c'))).toEqual({ public: 'a b[b1,c]', confidential: 'x y' })
    expect(indent(layout, 'a')).toBeUndefined()
    expect(indent(layout, 'b')).toBeUndefined() // has sub-items
    expect(indent(layout, 'b1')).toBeUndefined()
    expect(flat(outdent(layout, 'b1'))).toEqual({ public: 'a b b1 c', confidential: 'x y' })
  })

  it('moves between the parts with the sub-items and drops before a target', () => {
    expect(flat(moveTo(layout, 'b', 'confidential'))).toEqual({ public: 'a c', confidential: 'x y b[b1]' })
    expect(flat(moveTo(layout, 'a', 'confidential', 'y'))).toEqual({ public: 'b[b1] c', confidential: 'x a y' })
    expect(flat(moveTo(layout, 'c', 'public', 'b1'))).toEqual({ public: 'a b[c,b1]', confidential: 'x y' })
    expect(flat(moveTo(layout, 'x', 'public', 'a'))).toEqual({ public: 'x a b[b1] c', confidential: 'y' })
    expect(moveTo(layout, 'b', 'public', 'b1')).toBeUndefined()
  })

  it('removing a main item promotes its sub-items', () => {
    expect(flat(remove(layout, 'b'))).toEqual({ public: 'a b1 c', confidential: 'x y' })
    expect(flat(insert(layout, 'n', 'confidential', 'start'))).toEqual({ public: 'a b[b1] c', confidential: 'n x y' })
  })

  it('numbers both parts and writes order, parent, number and moves into the documents', () => {
    const next = moveTo(indent(layout, 'c')!, 'a', 'confidential')!
    const placed = placements(next)
    expect(placed.get('b')).toMatchObject({ part: 'public', order: 1, number: 'Ö 1' })
    expect(placed.get('c')).toMatchObject({ part: 'public', order: 2, parentId: 'b', number: 'Ö 1.2' })
    expect(placed.get('a')).toMatchObject({ part: 'confidential', order: 3, number: 'N 3' })

    const pubDoc = pub.map((i) => ({ ...i }))
    const confDoc = conf.map((i) => ({ ...i }))
    applyPlacements(confDoc, 'confidential', placed, pubDoc.filter((i) => placed.get(i.id)?.part === 'confidential'))
    applyPlacements(pubDoc, 'public', placed, [])
    expect(pubDoc.map((i) => `${i.number}:${i.id}`).sort()).toEqual(['Ö 1.1:b1', 'Ö 1.2:c', 'Ö 1:b'])
    expect(confDoc.map((i) => `${i.number}:${i.id}:${i.public}`)).toEqual(['N 1:x:false', 'N 2:y:false', 'N 3:a:false'])
  })
})
