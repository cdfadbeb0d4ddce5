import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClient, NetworkError } from '../../services/api-client.ts'
import { StructureApiError, StructureClient, StructureContractError, parseOrganization, portraitUrl } from './structure-client.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('StructureClient', () => {
  it('sends JSON with POST for new records and PATCH for changes', async () => {
    const fetchMock = vi.fn(async () => json(201, { term: { id: 'term-viii', name: 'VIII', startDate: '2024-07-01', endDate: '2029-06-30' } }))
    vi.stubGlobal('fetch', fetchMock)
    const client = new StructureClient(new ApiClient())
    expect((await client.saveTerm(null, { name: 'VIII' })).id).toBe('term-viii')
    expect(fetchMock).toHaveBeenLastCalledWith('/api/admin/structure/terms', expect.objectContaining({ method: 'POST', body: '{"name":"VIII"}' }))
    await client.saveTerm('term-viii', { name: 'VIII' })
    expect(fetchMock).toHaveBeenLastCalledWith('/api/admin/structure/terms/term-viii', expect.objectContaining({ method: 'PATCH' }))
  })

  it('turns refusals into errors with field and both languages, and reports 401 to the app', async () => {
    const onUnauthorized = vi.fn()
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: 'Bitte „Name“ angeben.', errorEn: 'Please enter the name.', code: 'bad-request', field: 'name' })))
    const client = new StructureClient(new ApiClient({ onUnauthorized }))
    const error = await client.saveDepartment(null, {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StructureApiError)
    expect(error).toMatchObject({ status: 400, field: 'name', messageDe: 'Bitte „Name“ angeben.', messageEn: 'Please enter the name.' })
    expect(onUnauthorized).not.toHaveBeenCalled()
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: 'Nicht angemeldet', code: 'unauthenticated' })))
    await expect(client.persons()).rejects.toBeInstanceOf(StructureApiError)
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('reports a lost connection as NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(new StructureClient(new ApiClient()).terms()).rejects.toBeInstanceOf(NetworkError)
  })

  it('refuses answers that break the contract', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { terms: [{ id: 7 }] })))
    await expect(new StructureClient(new ApiClient()).terms()).rejects.toBeInstanceOf(StructureContractError)
  })

  it('uploads a portrait as raw bytes with its type', async () => {
    const fetchMock = vi.fn(async () => json(200, { person: { id: 'p-a', name: 'Anna Becker', portraitSha256: 'ab'.repeat(32) } }))
    vi.stubGlobal('fetch', fetchMock)
    const person = await new StructureClient(new ApiClient()).uploadPortrait('p-a', new Blob([new Uint8Array([1, 2])], { type: 'image/png' }))
    expect(fetchMock).toHaveBeenLastCalledWith('/api/admin/structure/persons/p-a/portrait', expect.objectContaining({ method: 'PUT', headers: expect.objectContaining({ 'Content-Type': 'image/png' }) }))
    expect(portraitUrl(person)).toBe(`/api/structure/persons/p-a/portrait?v=${'ab'.repeat(6)}`)
  })
})

describe('parsing', () => {
  it('fills missing body settings with the defaults and drops settings of factions', () => {
    const body = parseOrganization({ id: 'o', name: 'Rat', organizationType: 'Gremium', settings: { quorum: 'third', invitationPeriodDays: 'x' } })
    expect(body.settings).toMatchObject({ quorum: 'third', invitationPeriodDays: 7 })
    expect(parseOrganization({ id: 'f', name: 'F', organizationType: 'Fraktion', settings: {} }).settings).toBeNull()
  })
})
