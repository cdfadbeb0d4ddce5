/**
 * The frame of every portal page: <html lang="de">, a unique <title>, skip link, themed header
 * with logo and main navigation, breadcrumb, <main>, footer with the required links (accessibility
 * statement, imprint, privacy) and the feeds. Landmarks: banner, navigation (main, breadcrumb),
 * main, contentinfo.
 */
import type { PortalResolutions } from '../config.ts'
import { portalPaths } from '../public/public-urls.ts'
import { h, type Html } from './portal-html.ts'
import type { PortalTheme } from './portal-theme.ts'

export const PORTAL_NAME = 'Bürgerinfo'

export type PortalSection = 'home' | 'meetings' | 'papers' | 'organizations' | 'factions' | 'resolutions' | 'search' | 'info'

export interface PortalSite {
  theme: PortalTheme
  /** the town's name (theme override, else the structure data) */
  townName: () => string
  stylesheetUrl: string
  logoUrl: string | null
  portalResolutions: PortalResolutions
}

export interface Crumb {
  label: string
  href?: string
}

export interface PageSpec {
  /** the page's own title; the <title> adds portal and town */
  title: string
  /** the last breadcrumb entry when it should be shorter than the title */
  crumbLabel?: string
  /** path from the home page to this page (the home page itself is added) */
  breadcrumb: Crumb[]
  section: PortalSection
  body: Html
  /** extra <head> content (alternate links) */
  head?: Html
}

const NAV: Array<{ section: PortalSection; label: string; href: string }> = [
  { section: 'meetings', label: 'Sitzungen', href: portalPaths.meetings() },
  { section: 'papers', label: 'Vorlagen', href: portalPaths.papers() },
  { section: 'organizations', label: 'Gremien', href: portalPaths.organizations() },
  { section: 'factions', label: 'Fraktionen', href: portalPaths.factions() },
  { section: 'resolutions', label: 'Beschlüsse', href: portalPaths.resolutions() },
  { section: 'search', label: 'Suche', href: portalPaths.search() },
]

export function renderPage(site: PortalSite, spec: PageSpec): string {
  const town = site.townName()
  const theme = site.theme
  const isHome = spec.section === 'home' && spec.breadcrumb.length === 0
  const title = isHome ? `${PORTAL_NAME} ${town}` : `${spec.title} – ${PORTAL_NAME} ${town}`
  const crumbs: Crumb[] = [{ label: 'Startseite', href: portalPaths.home() }, ...spec.breadcrumb]
  const nav = NAV.filter((n) => n.section !== 'resolutions' || site.portalResolutions !== 'off')
  const logo = theme.logo && site.logoUrl
  const page = h`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${site.stylesheetUrl}">
<link rel="alternate" type="application/rss+xml" title="Neue Vorlagen (RSS)" href="${portalPaths.rssPapers()}">
<link rel="alternate" type="application/rss+xml" title="Kommende Sitzungen (RSS)" href="${portalPaths.rssMeetings()}">
${spec.head ?? ''}
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="site-header">
<div class="wrap">
<div class="brand">
<a href="${portalPaths.home()}">${
    logo
      ? h`<img src="${site.logoUrl}" alt="${theme.logo!.alt}"${theme.logo!.width ? h` width="${theme.logo!.width}"` : ''}${theme.logo!.height ? h` height="${theme.logo!.height}"` : ''}>`
      : ''
  }<span><span class="town">${town}</span><span class="portal">${PORTAL_NAME} – Ratsinformationssystem</span></span></a>
${theme.headerLinks.length ? h`<ul class="town-links" aria-label="Links der Stadt">${theme.headerLinks.map((l) => h`<li><a href="${l.url}">${l.label}</a></li>`)}</ul>` : ''}
</div>
<nav class="main" aria-label="Hauptnavigation"><ul>${nav.map(
    (n) => h`<li><a href="${n.href}"${n.section === spec.section ? h` aria-current="${spec.breadcrumb.length === 0 ? 'page' : 'true'}"` : ''}>${n.label}</a></li>`,
  )}</ul></nav>
</div>
</header>
${
  isHome
    ? ''
    : h`<nav class="crumbs wrap" aria-label="Brotkrumenpfad"><ol>${crumbs.map(
        (c, i) => h`<li>${i > 0 ? h`<span aria-hidden="true">›</span>` : ''}${c.href ? h`<a href="${c.href}">${c.label}</a>` : c.label}</li>`,
      )}<li><span aria-hidden="true">›</span><span aria-current="page">${spec.crumbLabel ?? spec.title}</span></li></ol></nav>`
}
<main id="inhalt" class="wrap" tabindex="-1">
${spec.body}
</main>
<footer class="site-footer">
<div class="wrap">
<ul>
<li><a href="${portalPaths.accessibility()}">Erklärung zur Barrierefreiheit</a></li>
<li><a href="${portalPaths.imprint()}">Impressum</a></li>
<li><a href="${portalPaths.privacy()}">Datenschutz</a></li>
<li><a href="${portalPaths.icsAll()}">Sitzungskalender (iCal)</a></li>
<li><a href="${portalPaths.rssPapers()}">Neue Vorlagen (RSS)</a></li>
<li><a href="${portalPaths.oparlSystem()}">Offene Daten (OParl)</a></li>
${theme.footerLinks.map((l) => h`<li><a href="${l.url}">${l.label}</a></li>`)}
</ul>
<p><a href="/app/">Zur Ratstisch-App</a> für Mitglieder der Gremien und die Verwaltung</p>
</div>
</footer>
</body>
</html>`
  return page.toString()
}

