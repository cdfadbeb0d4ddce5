import { describe, expect, it } from 'vitest'
import { parseDepartmentNames, parsePaperList } from './paper-list-store.ts'

const entry = {
  id: 'paper-bv-1',
  url: 'automerge:abc',
  reference: 'BV 1/2026',
  name: 'Sanierung Grundschule',
  paperType: 'Beschlussvorlage',
  departmentId: 'dept-bau',
  department: 'Bauamt',
  state: 'cosigning',
  date: '2026-03-01',
  updatedAt: '2026-03-02T10:00:00Z',
  public: false,
  createdBy: 'user-author',
  cosigning: { 'dept-finanzen': 'pending', 'dept-x': 'maybe' },
  cosigningSince: '2026-03-01',
  cosigningDue: '2026-03-15',
  nextOrganizationId: null,
  nextRole: null,
  returnedAt: null,
  nextOrganizationName: null,
}

describe('parsePaperList', () => {
  it('keeps valid rows and drops unknown co-signing values', () => {
    const list = parsePaperList({ papers: [entry], serverTime: '2026-03-10T08:00:00Z' })
    expect(list.serverTime).toBe('2026-03-10T08:00:00Z')
    expect(list.papers).toEqual([{ ...entry, cosigning: { 'dept-finanzen': 'pending' } }])
  })

  it('leaves out rows without id, document url, state or department (fail closed)', () => {
    const broken = [{ ...entry, id: 1 }, { ...entry, url: 'https://x' }, { ...entry, state: undefined }, { ...entry, departmentId: null }, 'row', null]
    expect(parsePaperList({ papers: [...broken, entry] }).papers.map((p) => p.id)).toEqual(['paper-bv-1'])
  })

  it('fills optional fields with safe defaults', () => {
    const [p] = parsePaperList({ papers: [{ id: 'p', url: 'automerge:p', state: 'draft', departmentId: 'd', public: 'yes' }] }).papers
    expect(p).toMatchObject({ reference: '', name: '', department: 'd', public: false, cosigning: {}, cosigningDue: null, createdBy: null })
  })

  it('refuses an answer that is not a paper list', () => {
    expect(() => parsePaperList({ documents: [] })).toThrow(/paper list/)
    expect(() => parsePaperList(null)).toThrow()
  })
})

describe('parseDepartmentNames', () => {
  it('maps ids to names and skips unusable entries', () => {
    expect(parseDepartmentNames({ departments: [{ id: 'a', name: 'Bauamt' }, { id: 'b' }, { id: 'c', name: '' }, 7] })).toEqual({ a: 'Bauamt' })
    expect(parseDepartmentNames({ error: 'forbidden' })).toEqual({})
  })
})
