/**
 * Portal theming: the documented example loads, a broken theme is refused with every problem
 * listed, colours that miss WCAG AA contrast are adjusted with a warning, and a themed portal
 * shows the town name, logo, colours and links.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import { portalPaths } from '../public/public-urls.ts'
import { contrastRatio, defaultPortalTheme, ensureContrast, loadPortalTheme, parsePortalTheme, PortalThemeError, themeColors } from './portal-theme.ts'
import { portalRoutes } from './portal-routes.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-theme-'))
const write = (name: string, json: unknown) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json))
  return file
}

describe('theme validation', () => {
  it('the default theme and the documented example meet WCAG AA contrast without adjustments', () => {
    const theme = defaultPortalTheme()
    const c = theme.colors
    expect(contrastRatio(c.text, c.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.link, c.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.muted, c.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.onPrimary, c.primary)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.control, c.background)).toBeGreaterThanOrEqual(3)
    const example = loadPortalTheme(path.join(ROOT, 'docs/portal-theme.example.json'))
    expect(example.warnings).toEqual([])
    expect(example.theme.townName).toBe('Stadt Musterstadt')
    expect(example.theme.logo?.type).toBe('image/svg+xml')
    expect(example.theme.colors.primary).toBe('#7a1f2b')
    expect(example.theme.fonts.headings).toContain('Georgia')
    expect(example.theme.footerLinks).toHaveLength(2)
  })

  it('refuses a broken theme and lists every problem', () => {
    const file = write('broken.json', {
      townName: '',
      colour: { primary: '#fff' },
      colors: { primary: 'red', text: '#12', link: '#00f' },
      logo: { path: 'fehlt.png', width: 5000 },
      fonts: { body: 'Arial; } body { display: none', file: { path: 'x.exe', family: 'A<b>' } },
      headerLinks: [{ label: '', url: 'javascript:alert(1)' }, { label: 'ok', url: '//evil.example/' }],
      footerLinks: 'nein',
    })
    let error: unknown
    try {
      loadPortalTheme(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PortalThemeError)
    const problems = (error as PortalThemeError).problems.join('\n')
    for (const expected of [
      'theme.townName must be a non-empty string',
      'theme: unknown key "colour"',
      'colors.primary must be a hex colour',
      'colors.text must be a hex colour',
      'logo.path: file',
      'logo.width must be a whole number',
      'fonts.body must be a CSS font-family list',
      'fonts.file.path: "x.exe" has an unsupported type',
      'fonts.file.family',
      'headerLinks[0].label',
      'headerLinks[0].url must be an https://',
      'headerLinks[1].url',
      'footerLinks must be a list',
    ]) {
      expect(problems).toContain(expected)
    }
    expect((error as Error).message).toContain(file)
    expect(() => loadPortalTheme(write('not-json.json', '{ "colors": '))).toThrow(/not valid JSON/)
    expect(() => loadPortalTheme(path.join(dir, 'missing.json'))).toThrow(/cannot read the file/)
  })

  it('adjusts colours that miss the contrast and says so', () => {
    const { theme, warnings } = parsePortalTheme({ colors: { primary: '#9ecbff', link: '#7fb3ff', text: '#999999', background: '#ffffff' } }, dir)
    expect(warnings).toHaveLength(3)
    expect(warnings.join('\n')).toMatch(/link #7fb3ff has a contrast of 2\.\d+:1 against #ffffff .* using #[0-9a-f]{6}/)
    const c = theme.colors
    expect(contrastRatio(c.link, c.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.text, c.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(c.onPrimary, c.primary)).toBeGreaterThanOrEqual(4.5)
    // the hue stays: a darker blue, not black
    expect(c.link).not.toBe('#000000')
    expect(parseInt(c.link.slice(5, 7), 16)).toBeGreaterThan(parseInt(c.link.slice(1, 3), 16))
    // a dark theme gets lighter colours instead
    const dark = themeColors({ primary: '#222244', text: '#dddddd', background: '#111111', link: '#3344aa' })
    expect(contrastRatio(dark.link, dark.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(dark.primary, dark.background)).toBeGreaterThanOrEqual(3)
    expect(contrastRatio(dark.onPrimary, dark.primary)).toBeGreaterThanOrEqual(4.5)
    expect(ensureContrast('#777777', '#ffffff', 4.5)).not.toBe('#777777')
  })
})

describe('a themed portal', () => {
  let relay: Relay
  beforeAll(() => {
    relay = createRelay({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'portal-themed-')), evictIdleMs: 0 })
  })
  afterAll(async () => {
    await relay.close()
  })

  it('shows the town name, the logo (served with its type), the colours, fonts and the links; warns at start about fixed colours', async () => {
    fs.copyFileSync(path.join(ROOT, 'public/icons/icon-192.png'), path.join(dir, 'wappen.png'))
    fs.writeFileSync(path.join(dir, 'schrift.woff2'), Buffer.from('wOF2 test font bytes'))
    const file = write('theme.json', {
      townName: 'Hansestadt Beispielburg',
      logo: { path: 'wappen.png', alt: 'Wappen der Hansestadt Beispielburg', width: 40, height: 40 },
      colors: { primary: '#005a4e', link: '#66ccff' },
      fonts: { body: '"Beispiel Sans", Arial, sans-serif', file: { path: 'schrift.woff2', family: 'Beispiel Sans', weight: '400 700' } },
      headerLinks: [{ label: 'beispielburg.example', url: 'https://beispielburg.example/' }],
      footerLinks: [{ label: 'Bürgerservice', url: '/buergerservice' }],
    })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const portal = portalRoutes({ publisher: relay.publisher, resolutions: relay.resolutions, blobStore: relay.blobStore, config: { ...relay.config, portalTheme: file } })
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/\[portal\] theme colour link #66ccff/)
    warn.mockRestore()
    const html = await (await portal.request('/')).text()
    expect(html).toContain('<title>Bürgerinfo Hansestadt Beispielburg</title>')
    expect(html).toContain('<span class="town">Hansestadt Beispielburg</span>')
    expect(html).toContain('alt="Wappen der Hansestadt Beispielburg" width="40" height="40"')
    expect(html).toContain('<a href="https://beispielburg.example/">beispielburg.example</a>')
    expect(html).toContain('<a href="/buergerservice">Bürgerservice</a>')
    const logoUrl = /<img src="([^"]+)"/.exec(html)![1]
    const logo = await portal.request(logoUrl)
    expect(logo.headers.get('content-type')).toBe('image/png')
    expect(logo.headers.get('cache-control')).toContain('immutable')
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]
    expect(cssUrl.startsWith(portalPaths.asset(''))).toBe(true)
    const css = await (await portal.request(cssUrl)).text()
    expect(css).toContain('--primary:#005a4e')
    expect(css).not.toContain('--link:#66ccff')
    expect(css).toContain('@font-face{font-family:"Beispiel Sans"')
    expect(css).toContain('format("woff2")')
    const fontUrl = /src:url\("([^"]+)"\)/.exec(css)![1]
    expect((await portal.request(fontUrl)).headers.get('content-type')).toBe('font/woff2')
    // a broken theme stops the start with the list of problems
    expect(() => portalRoutes({ publisher: relay.publisher, resolutions: relay.resolutions, blobStore: relay.blobStore, config: { ...relay.config, portalTheme: write('bad.json', { colors: { text: 'schwarz' } }) } })).toThrow(
      /colors\.text must be a hex colour/,
    )
  })
})
