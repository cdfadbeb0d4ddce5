import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startFixture, type Fixture } from './testing/relay-fixture.ts'

let fx: Fixture
let clientDir: string
beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-client-'))
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Ratstisch</title>')
  fs.mkdirSync(path.join(clientDir, 'assets'))
  fs.writeFileSync(path.join(clientDir, 'assets', 'index-AbCdEf12.js'), 'console.log(1)')
  fs.writeFileSync(path.join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  fx = await startFixture({ clientDir })
})
afterAll(async () => {
  await fx.close()
})

describe('relay HTTP surface', () => {
  it('reports health', async () => {
    const res = await fetch(`${fx.origin}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', documents: 2 })
  })

  it('sends security headers', async () => {
    const res = await fetch(`${fx.origin}/app/`)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('serves the app shell for deep links, assets with long caching, the service worker revalidated', async () => {
    const deep = await fetch(`${fx.origin}/app/meetings/mtg-1`)
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('<title>Ratstisch</title>')
    const asset = await fetch(`${fx.origin}/app/assets/index-AbCdEf12.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const sw = await fetch(`${fx.origin}/app/sw.js`)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${fx.origin}/app/missing.js`)).status).toBe(404)
  })

  it('does not serve files outside the app directory', async () => {
    for (const p of ['/app/../package.json', '/app/%2e%2e/%2e%2e/package.json', '/app/..%2fpackage.json']) {
      const res = await fetch(`${fx.origin}${p}`)
      expect(await res.text()).not.toContain('"workspaces"')
    }
  })

  it('shows the public portal placeholder with public meeting data only', async () => {
    const res = await fetch(`${fx.origin}/`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('Bürgerinfo')
    expect(html).not.toContain('Grundstücksverkauf')
  })

  it('answers unknown API paths with JSON 404', async () => {
    const res = await fetch(`${fx.origin}/api/nope`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'not-found' })
  })
})
