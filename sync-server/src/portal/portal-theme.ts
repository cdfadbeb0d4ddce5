/**
 * Theming of the public portal from configuration (PORTAL_THEME=<path to JSON>): town name, logo,
 * colours, fonts and header/footer links, so the portal fits the town's website. The file is
 * validated at start: a malformed theme stops the relay with every problem listed; colours that
 * miss the WCAG 2.1 AA contrast are adjusted (darkened or lightened until they pass) and reported
 * as warnings. Documented in docs/PORTAL.md, example in docs/portal-theme.example.json.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export interface PortalLink {
  label: string
  url: string
}

export interface PortalAsset {
  /** file name under portalPaths.asset(), content-hashed so it can be cached for good */
  name: string
  type: string
  bytes: Uint8Array
}

export interface PortalColors {
  primary: string
  /** text on the primary colour (header, buttons) */
  onPrimary: string
  text: string
  background: string
  link: string
  /** secondary text: still 4.5:1 on the background */
  muted: string
  /** form field borders, focus rings: 3:1 on the background (WCAG 1.4.11) */
  control: string
  /** decorative rules between rows */
  rule: string
  /** cancelled meetings, errors */
  alert: string
}

export interface PortalTheme {
  /** overrides the town's name from the structure data */
  townName: string | null
  logo: (PortalAsset & { alt: string; width: number | null; height: number | null }) | null
  colors: PortalColors
  fonts: { body: string; headings: string; file: (PortalAsset & { family: string; weight: string; style: string }) | null }
  headerLinks: PortalLink[]
  footerLinks: PortalLink[]
}

export class PortalThemeError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`PORTAL_THEME ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export const DEFAULT_COLORS = { primary: '#0b5394', text: '#1a1a1a', background: '#ffffff', link: '#0b5394' } as const
const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif'
const MAX_ASSET_BYTES = 2 * 1024 * 1024

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml', '.gif': 'image/gif' }
const FONT_TYPES: Record<string, { type: string; format: string }> = {
  '.woff2': { type: 'font/woff2', format: 'woff2' },
  '.woff': { type: 'font/woff', format: 'woff' },
  '.ttf': { type: 'font/ttf', format: 'truetype' },
  '.otf': { type: 'font/otf', format: 'opentype' },
}

/** The theme without a file: the portal's own colours and the system fonts. */
export function defaultPortalTheme(): PortalTheme {
  return resolveTheme({}, '', [], []).theme
}

/**
 * Loads and validates the theme file; `undefined` gives the default theme. Throws PortalThemeError
 * listing every problem; contrast adjustments come back as warnings.
 */
export function loadPortalTheme(file: string | undefined): { theme: PortalTheme; warnings: string[] } {
  if (!file) return { theme: defaultPortalTheme(), warnings: [] }
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new PortalThemeError(file, [`cannot read the file (${error instanceof Error ? error.message : String(error)})`])
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new PortalThemeError(file, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`])
  }
  return parsePortalTheme(json, path.dirname(path.resolve(file)), file)
}

/** Validates a parsed theme; relative file paths are taken from `baseDir`. */
export function parsePortalTheme(json: unknown, baseDir: string, label = 'theme'): { theme: PortalTheme; warnings: string[] } {
  const problems: string[] = []
  const warnings: string[] = []
  if (!isObject(json)) throw new PortalThemeError(label, ['the theme must be a JSON object'])
  const result = resolveTheme(json, baseDir, problems, warnings)
  if (problems.length) throw new PortalThemeError(label, problems)
  return { theme: result.theme, warnings }
}

// ------------------------------------------------------------------------------------------------

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function checkKeys(obj: Json, allowed: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) problems.push(`${where}: unknown key "${key}" (allowed: ${allowed.join(', ')})`)
}

function optionalString(obj: Json, key: string, where: string, problems: string[], max = 200): string | null {
  const v = obj[key]
  if (v === undefined || v === null) return null
  if (typeof v !== 'string' || !v.trim()) {
    problems.push(`${where}.${key} must be a non-empty string`)
    return null
  }
  if (v.length > max) {
    problems.push(`${where}.${key} must be at most ${max} characters`)
    return null
  }
  return v.trim()
}

function resolveTheme(json: Json, baseDir: string, problems: string[], warnings: string[]): { theme: PortalTheme } {
  checkKeys(json, ['$comment', 'townName', 'logo', 'colors', 'fonts', 'headerLinks', 'footerLinks'], 'theme', problems)
  const townName = optionalString(json, 'townName', 'theme', problems, 120)
  return {
    theme: {
      townName,
      logo: readLogo(json.logo, baseDir, problems),
      colors: readColors(json.colors, problems, warnings),
      fonts: readFonts(json.fonts, baseDir, problems),
      headerLinks: readLinks(json.headerLinks, 'headerLinks', problems),
      footerLinks: readLinks(json.footerLinks, 'footerLinks', problems),
    },
  }
}

function readAsset(file: unknown, where: string, types: Record<string, unknown>, baseDir: string, problems: string[]): { bytes: Uint8Array; ext: string } | null {
  if (typeof file !== 'string' || !file.trim()) {
    problems.push(`${where} must be the path of a file`)
    return null
  }
  const ext = path.extname(file).toLowerCase()
  if (!(ext in types)) {
    problems.push(`${where}: "${file}" has an unsupported type (allowed: ${Object.keys(types).join(', ')})`)
    return null
  }
  const full = path.resolve(baseDir, file)
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(full)
  } catch {
    problems.push(`${where}: file "${full}" cannot be read`)
    return null
  }
  if (bytes.length === 0 || bytes.length > MAX_ASSET_BYTES) {
    problems.push(`${where}: "${full}" must be between 1 byte and ${MAX_ASSET_BYTES / 1024 / 1024} MB`)
    return null
  }
  return { bytes: new Uint8Array(bytes), ext }
}

const hashName = (prefix: string, bytes: Uint8Array, ext: string) => `${prefix}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}${ext}`

function readLogo(value: unknown, baseDir: string, problems: string[]): PortalTheme['logo'] {
  if (value === undefined || value === null) return null
  if (!isObject(value)) {
    problems.push('logo must be an object { "path", "alt", "width", "height" }')
    return null
  }
  checkKeys(value, ['path', 'alt', 'width', 'height'], 'logo', problems)
  const asset = readAsset(value.path, 'logo.path', LOGO_TYPES, baseDir, problems)
  // An empty alt is allowed: the town's name stands next to the logo and says the same.
  const alt = value.alt === undefined ? '' : typeof value.alt === 'string' && value.alt.length <= 200 ? value.alt.trim() : (problems.push('logo.alt must be a string of at most 200 characters'), '')
  const dimension = (key: 'width' | 'height'): number | null => {
    const v = value[key]
    if (v === undefined || v === null) return null
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 8 || v > 600) {
      problems.push(`logo.${key} must be a whole number of pixels between 8 and 600`)
      return null
    }
    return v
  }
  const width = dimension('width')
  const height = dimension('height')
  if (!asset) return null
  return { name: hashName('logo', asset.bytes, asset.ext), type: LOGO_TYPES[asset.ext], bytes: asset.bytes, alt, width, height }
}

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/

function readColors(value: unknown, problems: string[], warnings: string[]): PortalColors {
  const input: Record<keyof typeof DEFAULT_COLORS, string> = { ...DEFAULT_COLORS }
  if (value !== undefined && value !== null) {
    if (!isObject(value)) problems.push('colors must be an object { "primary", "text", "background", "link" }')
    else {
      checkKeys(value, Object.keys(DEFAULT_COLORS), 'colors', problems)
      for (const key of Object.keys(DEFAULT_COLORS) as Array<keyof typeof DEFAULT_COLORS>) {
        const v = value[key]
        if (v === undefined) continue
        if (typeof v !== 'string' || !HEX.test(v)) problems.push(`colors.${key} must be a hex colour like "#0b5394" (got ${JSON.stringify(v)})`)
        else input[key] = normalizeHex(v)
      }
    }
  }
  return themeColors(input, warnings)
}

/** Derives the full palette and fixes what misses WCAG 2.1 AA contrast (with a warning each). */
export function themeColors(input: { primary: string; text: string; background: string; link: string }, warnings: string[] = []): PortalColors {
  const background = input.background
  const fix = (name: string, color: string, against: string, min: number, what: string) => {
    const ratio = contrastRatio(color, against)
    if (ratio >= min) return color
    const fixed = ensureContrast(color, against, min)
    warnings.push(
      `theme colour ${name} ${color} has a contrast of ${ratio.toFixed(2)}:1 against ${against} (${what} needs ${min}:1); using ${fixed} (${contrastRatio(fixed, against).toFixed(2)}:1) instead`,
    )
    return fixed
  }
  const text = fix('text', input.text, background, 4.5, 'body text')
  const link = fix('link', input.link, background, 4.5, 'links')
  // the primary colour carries the header: it must stand out from the page (3:1) and carry text
  let primary = fix('primary', input.primary, background, 3, 'the header bar and focus rings')
  const onPrimary = contrastRatio('#ffffff', primary) >= contrastRatio('#000000', primary) ? '#ffffff' : '#000000'
  primary = fix('primary', primary, onPrimary, 4.5, `text in the header (${onPrimary})`)
  const muted = ensureContrast(mix(text, background, 0.25), background, 4.5)
  const control = ensureContrast(mix(text, background, 0.45), background, 3)
  const rule = mix(text, background, 0.8)
  const alert = ensureContrast('#b00020', background, 4.5)
  return { primary, onPrimary, text, background, link, muted, control, rule, alert }
}

function readFonts(value: unknown, baseDir: string, problems: string[]): PortalTheme['fonts'] {
  const fonts: PortalTheme['fonts'] = { body: SYSTEM_FONTS, headings: SYSTEM_FONTS, file: null }
  if (value === undefined || value === null) return fonts
  if (!isObject(value)) {
    problems.push('fonts must be an object { "body", "headings", "file" }')
    return fonts
  }
  checkKeys(value, ['body', 'headings', 'file'], 'fonts', problems)
  for (const key of ['body', 'headings'] as const) {
    const v = value[key]
    if (v === undefined) continue
    if (typeof v !== 'string' || !isFontStack(v)) problems.push(`fonts.${key} must be a CSS font-family list such as "\\"Source Sans 3\\", Arial, sans-serif" (letters, digits, spaces, quotes, commas and hyphens only)`)
    else fonts[key] = v.trim()
  }
  if (value.headings === undefined && typeof value.body === 'string' && isFontStack(value.body)) fonts.headings = fonts.body
  if (value.file !== undefined) {
    const f = value.file
    if (!isObject(f)) problems.push('fonts.file must be an object { "path", "family", "weight", "style" }')
    else {
      checkKeys(f, ['path', 'family', 'weight', 'style'], 'fonts.file', problems)
      const asset = readAsset(f.path, 'fonts.file.path', FONT_TYPES, baseDir, problems)
      const family = typeof f.family === 'string' && /^[\p{L}\p{N} _-]{1,60}$/u.test(f.family) ? f.family : (problems.push('fonts.file.family must be the family name the stacks use, e.g. "Source Sans 3"'), '')
      const weight = f.weight === undefined ? '400' : typeof f.weight === 'string' && /^\d{3}( \d{3})?$/.test(f.weight) ? f.weight : (problems.push('fonts.file.weight must be like "400" or "200 900"'), '400')
      const style = f.style === undefined ? 'normal' : f.style === 'normal' || f.style === 'italic' ? f.style : (problems.push('fonts.file.style must be "normal" or "italic"'), 'normal')
      if (asset && family) fonts.file = { name: hashName('font', asset.bytes, asset.ext), type: FONT_TYPES[asset.ext].type, bytes: asset.bytes, family, weight, style }
    }
  }
  return fonts
}

/** A font-family list that cannot break out of its CSS declaration. */
const isFontStack = (v: string) => v.trim().length > 0 && v.length <= 300 && /^[\p{L}\p{N} ,"'_-]+$/u.test(v)

function readLinks(value: unknown, key: string, problems: string[]): PortalLink[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    problems.push(`${key} must be a list of { "label", "url" }`)
    return []
  }
  if (value.length > 12) problems.push(`${key}: at most 12 links`)
  const links: PortalLink[] = []
  value.slice(0, 12).forEach((link, i) => {
    const where = `${key}[${i}]`
    if (!isObject(link)) return problems.push(`${where} must be an object { "label", "url" }`)
    checkKeys(link, ['label', 'url'], where, problems)
    const label = typeof link.label === 'string' && link.label.trim() && link.label.length <= 80 ? link.label.trim() : null
    if (!label) problems.push(`${where}.label must be a non-empty text of at most 80 characters`)
    const url = typeof link.url === 'string' && isThemeUrl(link.url) ? link.url : null
    if (!url) problems.push(`${where}.url must be an https:// or http:// address, a mailto: address or a path starting with "/" (got ${JSON.stringify(link.url)})`)
    if (label && url) links.push({ label, url })
  })
  return links
}

const isThemeUrl = (url: string) => /^(https?:\/\/[^\s"'<>]+|mailto:[^\s@"'<>]+@[^\s"'<>]+|\/(?!\/)[^\s"'<>]*)$/i.test(url) && url.length <= 500

// ------------------------------------------------------------------------------------------------
// colour arithmetic (WCAG 2.1 relative luminance)

export function normalizeHex(hex: string): string {
  const h = hex.toLowerCase()
  return h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h
}

function rgb(hex: string): [number, number, number] {
  const h = normalizeHex(hex)
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]
}

const toHex = (c: [number, number, number]) => `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`

export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const s = v / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a)
  const lb = relativeLuminance(b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/** `a` moved towards `b` by `amount` (0..1) */
export function mix(a: string, b: string, amount: number): string {
  const ca = rgb(a)
  const cb = rgb(b)
  return toHex([0, 1, 2].map((i) => ca[i] + (cb[i] - ca[i]) * amount) as [number, number, number])
}

/** The colour itself if it reaches `min` against `background`, else the nearest darker (or lighter) shade that does. */
export function ensureContrast(color: string, background: string, min: number): string {
  if (contrastRatio(color, background) >= min) return normalizeHex(color)
  const towards = relativeLuminance(background) > 0.18 ? '#000000' : '#ffffff'
  for (let step = 1; step <= 100; step++) {
    const candidate = mix(color, towards, step / 100)
    if (contrastRatio(candidate, background) >= min) return candidate
  }
  return towards
}

// ------------------------------------------------------------------------------------------------
// stylesheet

/** The portal's stylesheet for a theme: phone first, system fonts unless configured. */
export function portalStylesheet(theme: PortalTheme, fontUrl: string | null): string {
  const c = theme.colors
  const fontFace =
    theme.fonts.file && fontUrl
      ? `@font-face{font-family:"${theme.fonts.file.family}";src:url("${fontUrl}") format("${FONT_TYPES[path.extname(theme.fonts.file.name)]?.format ?? 'woff2'}");font-weight:${theme.fonts.file.weight};font-style:${theme.fonts.file.style};font-display:swap}\n`
      : ''
  return `${fontFace}:root{--primary:${c.primary};--on-primary:${c.onPrimary};--text:${c.text};--bg:${c.background};--link:${c.link};--muted:${c.muted};--control:${c.control};--rule:${c.rule};--alert:${c.alert};--font:${theme.fonts.body};--font-head:${theme.fonts.headings}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:var(--font);font-size:1rem;line-height:1.5;color:var(--text);background:var(--bg);overflow-wrap:anywhere}
h1,h2,h3,h4,h5{font-family:var(--font-head);line-height:1.25;margin:1.5rem 0 .5rem}
h1{font-size:1.6rem;margin-top:.5rem}h2{font-size:1.3rem}h3{font-size:1.1rem}h4,h5{font-size:1rem}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--primary);outline-offset:2px}
.wrap{max-width:66rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-10000px;top:.5rem;z-index:10;background:var(--bg);color:var(--link);padding:.5rem 1rem;border:2px solid var(--primary)}
.skip:focus{left:.5rem}
.site-header{background:var(--primary);color:var(--on-primary)}
.site-header a{color:var(--on-primary)}
.site-header :focus-visible{outline-color:var(--on-primary)}
.brand{display:flex;align-items:center;gap:.75rem;padding:.75rem 0;flex-wrap:wrap}
.brand a{text-decoration:none;display:flex;align-items:center;gap:.75rem}
.brand img{max-height:3rem;width:auto;height:auto}
.brand .town{font-size:1.2rem;font-weight:700;display:block}
.brand .portal{display:block;font-size:.95rem}
.town-links{list-style:none;margin:0 0 0 auto;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.95rem}
nav.main ul{list-style:none;margin:0;padding:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
nav.main a{display:inline-block;padding:.35rem 0;font-weight:600}
nav.main a[aria-current]{text-decoration-thickness:3px}
.crumbs ol{list-style:none;margin:.75rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.95rem}
.crumbs li{display:flex;gap:.25rem}
.crumbs [aria-current]{color:var(--text)}
main{display:block;padding-bottom:2rem}
main:focus{outline:none}
.lead{font-size:1.1rem}
.muted{color:var(--muted)}
.facts{margin:.5rem 0 1rem;display:grid;grid-template-columns:1fr;gap:.15rem 1rem}
.facts dt{font-weight:700}
.facts dd{margin:0 0 .5rem}
@media (min-width:40rem){.facts{grid-template-columns:max-content 1fr}.facts dd{margin:0}}
.notice{border-left:4px solid var(--primary);padding:.5rem 1rem;margin:1rem 0}
.notice.alert{border-left-color:var(--alert)}
.notice.alert strong{color:var(--alert)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:1rem 0;padding:0;list-style:none}
ul.plain,ol.plain{list-style:none;padding:0;margin:.5rem 0}
ul.plain>li,ol.plain>li{padding:.5rem 0;border-bottom:1px solid var(--rule)}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:700;font-size:1.1rem;padding:.25rem 0 .5rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--control)}
td.num,th.num{white-space:nowrap}
.sub td:first-child,.sub th:first-child{padding-left:1.5rem}
.month th{font-size:.9rem}
.month-list{display:none}
@media (max-width:40rem){.month-list{display:block}.month-grid{display:none}}
.month td{width:14.28%;height:4.5rem;font-size:.9rem;overflow-wrap:normal}
.month td.out{color:var(--muted)}
.month td.today{box-shadow:inset 0 0 0 2px var(--primary)}
.month .day{font-weight:700;display:block}
.month ul{list-style:none;margin:0;padding:0}
.month li{margin:.15rem 0}
form.filter,div.filter{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;margin:1rem 0}
form.filter label,form.search label{display:flex;flex-direction:column;gap:.2rem;font-weight:600}
input,select,button{font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--control);border-radius:.25rem;padding:.4rem .6rem;min-height:2.75rem;max-width:100%}
button{background:var(--primary);color:var(--on-primary);border-color:var(--primary);font-weight:600;cursor:pointer}
form.search .q{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
form.search .q label{flex:1 1 12rem}
form.filter>*,div.filter>*,form.search .q>*{min-width:0;max-width:100%}
form label>input,form label>select{width:100%}
fieldset{border:1px solid var(--rule);margin:1rem 0;padding:.5rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0;margin:1.5rem 0;align-items:center}
.pager a,.pager span{display:inline-block;padding:.35rem .5rem}
.tabs{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0;margin:1rem 0}
.tabs a{font-weight:600}
.tabs a[aria-current]{text-decoration-thickness:3px}
mark{background:#fff3a0;color:#1a1a1a;padding:0 .1em}
.hit{padding:.75rem 0;border-bottom:1px solid var(--rule)}
.hit p{margin:.25rem 0}
.rich table{margin:.5rem 0}
.status{display:inline-block;padding:0 .4rem;border:1px solid var(--control);border-radius:.25rem}
.persons{columns:16rem;padding-left:1.25rem}
.portrait{max-width:12rem;height:auto;border:1px solid var(--rule)}
.site-footer{border-top:4px solid var(--primary);margin-top:2rem;padding:1rem 0 2rem;font-size:.95rem}
.site-footer ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.site-footer p{margin:.75rem 0 0}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (min-width:48rem){h1{font-size:2rem}.brand{padding:1rem 0}}
@media print{.site-header nav,.skip,.pager,form{display:none}a{color:inherit}}
`
}
