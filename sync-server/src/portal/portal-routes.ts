/**
 * The public portal (Bürgerinfo): server-rendered German pages that work without JavaScript,
 * themed from configuration, cached in memory and over HTTP. Every page reads only the public
 * model (PublicReader), the public resolutions and, for downloads, the bytes of public files:
 * nothing here opens a document, the access registry or a structure table.
 *
 * Mounted at "/" by the relay; `notFoundPage` answers every path nobody else handles.
 */
import { Hono, type Context, type NotFoundHandler } from 'hono'
import type { ResolutionEntry } from '@ratstisch/domain'
import { createHash } from 'node:crypto'
import type { RelayConfig } from '../config.ts'
import type { BlobStore } from '../files/blob-store.ts'
import type { PortalSearch } from '../public/portal-search-api.ts'
import type { PublicReader } from '../public/public-model.ts'
import { portalPaths } from '../public/public-urls.ts'
import { downloadRoutes } from './download-routes.ts'
import { homePage } from './home-page.ts'
import { resolutionsPage } from './resolutions-page.ts'
import { accessibilityPage, imprintPage, privacyPage } from './static-pages.ts'
import { agendaItemPage, calendarPage, meetingPage } from './meeting-pages.ts'
import { factionsPage, organizationPage, organizationsPage, personPage } from './organization-pages.ts'
import { chooseEncoding, encodedBody, isNotModified, makePage, PAGE_CACHE_CONTROL, PageCache, type CachedPage } from './page-cache.ts'
import { paperPage, papersPage } from './paper-pages.ts'
import { loadPortalContent } from './portal-content.ts'
import { PortalData } from './portal-data.ts'
import { berlinDate } from './portal-format.ts'
import { h, PortalHttpError } from './portal-html.ts'
import { renderPage, type PortalSite } from './portal-layout.ts'
import { loadPortalTheme, portalStylesheet, type PortalAsset } from './portal-theme.ts'
import type { PortalPage, PortalView } from './portal-view.ts'
import { searchPage } from './search-page.ts'

export interface PortalResolutionSource {
  publicList(): ResolutionEntry[]
  /** changes whenever a resolution or its tracking changes (cheap) */
  publicFingerprint(): string
}

export interface PortalDeps {
  publisher: PublicReader
  resolutions: PortalResolutionSource
  blobStore: BlobStore
  config: Pick<RelayConfig, 'portalResolutions' | 'demo' | 'portalTheme' | 'portalImprint' | 'portalPrivacy' | 'portalAccessibility'>
  /** the portal search (sync-server/src/portal-search/); without it /suche says it is unavailable */
  search?: PortalSearch
  /** clock, for tests */
  now?: () => Date
}

export type PortalApp = Hono & { notFoundPage: NotFoundHandler; cache: PageCache }

export function portalRoutes(deps: PortalDeps): PortalApp {
  const { theme, warnings } = loadPortalTheme(deps.config.portalTheme)
  const loaded = loadPortalContent({
    demo: deps.config.demo,
    accessibilityFile: deps.config.portalAccessibility,
    imprintFile: deps.config.portalImprint,
    privacyFile: deps.config.portalPrivacy,
  })
  for (const w of [...warnings, ...loaded.warnings]) console.warn(`[portal] ${w}`)
  const content = loaded.content

  // theme assets under content-hashed names: cached by browsers for good
  const assets = new Map<string, Pick<PortalAsset, 'type' | 'bytes'>>()
  if (theme.logo) assets.set(theme.logo.name, theme.logo)
  if (theme.fonts.file) assets.set(theme.fonts.file.name, theme.fonts.file)
  const css = new TextEncoder().encode(portalStylesheet(theme, theme.fonts.file ? portalPaths.asset(theme.fonts.file.name) : null))
  const cssName = `portal-${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`
  assets.set(cssName, { type: 'text/css; charset=utf-8', bytes: css })

  const site: PortalSite = {
    theme,
    townName: () => theme.townName ?? deps.publisher.get('body', 'body')?.name ?? 'Ratstisch',
    stylesheetUrl: portalPaths.asset(cssName),
    logoUrl: theme.logo ? portalPaths.asset(theme.logo.name) : null,
    portalResolutions: deps.config.portalResolutions,
  }
  const now = deps.now ?? (() => new Date())

  // one snapshot of the public model per change (generation) and per change of the resolutions
  let snapshot: { key: string; data: PortalData } | undefined
  const state = () => {
    const fingerprint = deps.config.portalResolutions === 'off' ? 'off' : deps.resolutions.publicFingerprint()
    const key = `${deps.publisher.generation}|${fingerprint}`
    if (snapshot?.key !== key) snapshot = { key, data: new PortalData(deps.publisher, deps.config.portalResolutions === 'off' ? [] : deps.resolutions.publicList()) }
    const lastModified = [deps.publisher.lastModified, fingerprint.split('|')[1] ?? ''].sort().at(-1)!
    return { key, data: snapshot.data, lastModified }
  }

  const cache = new PageCache()
  const viewOf = (data: PortalData): PortalView => {
    const at = now()
    return { site, data, content, search: deps.search, now: at, today: berlinDate(at) }
  }

  const send = (c: Context, page: CachedPage, status: number, cacheControl: string) => {
    const headers: Record<string, string> = {
      'Content-Type': 'text/html; charset=utf-8',
      ETag: page.etag,
      'Last-Modified': page.lastModified,
      'Cache-Control': cacheControl,
      Vary: 'Accept-Encoding',
    }
    if (status === 200 && isNotModified({ ifNoneMatch: c.req.header('If-None-Match'), ifModifiedSince: c.req.header('If-Modified-Since') }, page.etag, page.lastModified)) {
      return new Response(null, { status: 304, headers })
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    const body = encodedBody(page, encoding)
    if (body !== page.body && encoding) headers['Content-Encoding'] = encoding
    headers['Content-Length'] = String(body.length)
    return new Response(new Uint8Array(body), { status, headers })
  }

  const errorPage = (c: Context, status: 400 | 404 | 500, heading: string, detail: string) => {
    const s = state()
    const html = renderPage(site, {
      title: heading,
      breadcrumb: [],
      section: 'info',
      body: h`<h1>${heading}</h1>
<p>${detail}</p>
<p>${status === 404 ? 'Vielleicht hilft die Suche weiter:' : 'Weiter geht es hier:'}</p>
<ul>
<li><a href="${portalPaths.home()}">Zur Startseite</a></li>
<li><a href="${portalPaths.search()}">Zur Suche</a></li>
<li><a href="${portalPaths.meetings()}">Zum Sitzungskalender</a></li>
</ul>`,
    })
    return send(c, makePage(html, s.lastModified), status, 'no-cache')
  }

  /** `cache` may be a function giving a key part (search: the index's stamp), null = do not cache now */
  const render = (page: PortalPage, options: { cache: boolean | (() => string | null) }) => async (c: Context) => {
    const s = state()
    const url = new URL(c.req.url)
    const stamp = typeof options.cache === 'function' ? options.cache() : ''
    const cacheable = options.cache !== false && stamp !== null
    const key = `${url.pathname}${url.search}${stamp ? `#${stamp}` : ''}`
    const at = now()
    if (cacheable) {
      cache.validate(`${s.key}|${berlinDate(at)}`)
      const hit = cache.get(key)
      if (hit) return send(c, hit, 200, PAGE_CACHE_CONTROL)
    }
    try {
      const spec = page(viewOf(s.data), { param: (name) => c.req.param(name) ?? '', query: (name) => c.req.query(name) })
      const rendered = makePage(renderPage(site, spec), s.lastModified)
      if (cacheable) cache.set(key, rendered)
      return send(c, rendered, 200, cacheable ? PAGE_CACHE_CONTROL : 'no-cache')
    } catch (error) {
      if (error instanceof PortalHttpError) return errorPage(c, error.status, error.heading, error.detail)
      console.error(`[portal] ${key}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      return errorPage(c, 500, 'Ein Fehler ist aufgetreten', 'Die Seite konnte nicht angezeigt werden. Bitte versuchen Sie es später erneut.')
    }
  }

  const app = new Hono()
  app.get('/portal-assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'))
    if (!asset) return errorPage(c, 404, 'Seite nicht gefunden', 'Diese Datei gibt es nicht.')
    const etag = `"${c.req.param('name')}"`
    const headers = { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: etag }
    if (c.req.header('If-None-Match') === etag) return new Response(null, { status: 304, headers })
    return new Response(new Uint8Array(asset.bytes), { headers: { ...headers, 'Content-Length': String(asset.bytes.length) } })
  })
  app.route(
    '/',
    downloadRoutes({
      reader: deps.publisher,
      blobStore: deps.blobStore,
      data: () => state().data,
      notFound: (c, heading, detail) => errorPage(c, 404, heading, detail),
    }),
  )
  const cached = { cache: true }
  app.get('/', render(homePage, cached))
  app.get('/sitzungen', render(calendarPage, cached))
  app.get('/sitzungen/:meetingId', render(meetingPage, cached))
  app.get('/sitzungen/:meetingId/top/:itemId', render(agendaItemPage, cached))
  app.get('/vorlagen', render(papersPage, cached))
  app.get('/vorlagen/:paperId', render(paperPage, cached))
  app.get('/gremien', render(organizationsPage, cached))
  app.get('/fraktionen', render(factionsPage, cached))
  app.get('/gremien/:organizationId', render(organizationPage, cached))
  app.get('/personen/:personId', render(personPage, cached))
  app.get('/beschluesse', render(resolutionsPage, cached))
  app.get('/barrierefreiheit', render(accessibilityPage, cached))
  app.get('/impressum', render(imprintPage, cached))
  app.get('/datenschutz', render(privacyPage, cached))
  // results depend on the search index (PDF texts arrive in the background), not only the model:
  // cached per index state, never while it is still indexing
  app.get('/suche', render(searchPage, { cache: () => (deps.search?.stamp ? deps.search.stamp() : null) }))

  const notFoundPage: NotFoundHandler = (c) => errorPage(c, 404, 'Seite nicht gefunden', 'Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert.')
  return Object.assign(app, { notFoundPage, cache })
}
