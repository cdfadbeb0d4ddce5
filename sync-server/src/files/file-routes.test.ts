import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { minimalPdf, startFixture, type Fixture } from '../testing/relay-fixture.ts'
import { contentDisposition, parseRange } from './file-routes.ts'

let fx: Fixture
let clerk: string
let memberA: string
let memberB: string
beforeAll(async () => {
  fx = await startFixture({ maxUploadBytes: 64 * 1024 })
  ;[clerk, memberA, memberB] = await Promise.all([fx.login('clerk'), fx.login('member-a'), fx.login('member-b')])
})
afterAll(async () => {
  await fx.close()
})

const upload = (cookie: string, doc: string, body: Uint8Array, name = 'Anlage.pdf') =>
  fetch(`${fx.origin}/api/files?doc=${doc}`, {
    method: 'POST',
    headers: { cookie, origin: fx.origin, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    body: body as BodyInit,
  })

const blobFiles = () =>
  fs
    .readdirSync(path.join(fx.dataDir, 'blobs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)

describe('upload', () => {
  it('stores a PDF by SHA-256 computed on the relay and dedupes', async () => {
    const pdf = minimalPdf('upload test')
    const res = await upload(clerk, fx.confidentialDocId, pdf)
    expect(res.status).toBe(201)
    const body = (await res.json()) as { sha256: string; mime: string; size: number }
    expect(body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'))
    expect(body.mime).toBe('application/pdf')
    const count = blobFiles().length
    expect((await upload(clerk, fx.confidentialDocId, pdf)).status).toBe(201)
    expect(blobFiles().length).toBe(count)
  })

  it('refuses uploads from readers (403) and stores nothing', async () => {
    const before = blobFiles().length
    expect((await upload(memberA, fx.meetingDocId, minimalPdf('sneaky'))).status).toBe(403)
    expect(blobFiles().length).toBe(before)
  })

  it('refuses oversized files with 413 and stores nothing, with or without Content-Length', async () => {
    const before = blobFiles().length
    const big = new Uint8Array(70 * 1024)
    big.set(minimalPdf('big'))
    expect((await upload(clerk, fx.meetingDocId, big)).status).toBe(413)
    // chunked, no Content-Length: the limit is enforced while streaming
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(minimalPdf('stream'))
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(16 * 1024))
        controller.close()
      },
    })
    const res = await fetch(`${fx.origin}/api/files?doc=${fx.meetingDocId}`, {
      method: 'POST',
      headers: { cookie: clerk, origin: fx.origin },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(blobFiles().length).toBe(before)
  })

  it('refuses non-PDF content with 415 whatever the name says', async () => {
    const before = blobFiles().length
    const exe = new TextEncoder().encode('MZ\u0090\u0000 this is not a pdf <script>alert(1)</script>')
    const res = await upload(clerk, fx.meetingDocId, exe, 'Vorlage.pdf')
    expect(res.status).toBe(415)
    expect(((await res.json()) as { error: string }).error).toMatch(/PDF/)
    expect(blobFiles().length).toBe(before)
  })
})

describe('download', () => {
  it('serves a public file to any member with a readable name, ETag and ranges', async () => {
    const res = await fetch(`${fx.origin}/api/files/${fx.publicSha}`, { headers: { cookie: memberB } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('2026-03-12 Bauausschuss - Ö 3 Bebauungsplan Nr. 42 - Vorlage.pdf')}`,
    )
    const etag = res.headers.get('etag')!
    expect(etag).toBe(`"${fx.publicSha}"`)
    const body = new Uint8Array(await res.arrayBuffer())
    expect(new TextDecoder().decode(body.slice(0, 5))).toBe('%PDF-')
    const notModified = await fetch(`${fx.origin}/api/files/${fx.publicSha}`, { headers: { cookie: memberB, 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
    const partial = await fetch(`${fx.origin}/api/files/${fx.publicSha}`, { headers: { cookie: memberB, range: 'bytes=0-3' } })
    expect(partial.status).toBe(206)
    expect(partial.headers.get('content-range')).toBe(`bytes 0-3/${body.byteLength}`)
    expect(new TextDecoder().decode(await partial.arrayBuffer())).toBe('%PDF')
  })

  it('gives outsiders 404 (not 403) for non-public files, and members of the body the file', async () => {
    const outsider = await fetch(`${fx.origin}/api/files/${fx.confidentialSha}`, { headers: { cookie: memberB } })
    expect(outsider.status).toBe(404)
    const unknown = await fetch(`${fx.origin}/api/files/${'0'.repeat(64)}`, { headers: { cookie: memberB } })
    expect(await outsider.text()).toBe(await unknown.text())
    const member = await fetch(`${fx.origin}/api/files/${fx.confidentialSha}`, { headers: { cookie: memberA } })
    expect(member.status).toBe(200)
    const anonymous = await fetch(`${fx.origin}/api/files/${fx.publicSha}`)
    expect(anonymous.status).toBe(401)
  })
})

describe('helpers', () => {
  it('parses single byte ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 })
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=100-', 100)).toBe('invalid')
    expect(parseRange('bytes=5-2', 100)).toBe('invalid')
    expect(parseRange(undefined, 100)).toBeNull()
  })

  it('encodes German file names with an ASCII fallback', () => {
    expect(contentDisposition('Ö 3 Straße "Nord".pdf', false)).toBe(
      `inline; filename="O 3 Strasse _Nord_.pdf"; filename*=UTF-8''${encodeURIComponent('Ö 3 Straße "Nord".pdf')}`,
    )
  })
})
