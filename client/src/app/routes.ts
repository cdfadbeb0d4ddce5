/** URLs of the app under /app/ (History API; the service worker serves index.html for all of them). */
export const APP_BASE = '/app/'

export type Route =
  | { name: 'meetings' }
  | { name: 'meeting'; meetingId: string }
  | { name: 'file'; meetingId: string; sha256: string }
  | { name: 'papers' }
  | { name: 'papers-overview' }
  | { name: 'paper-new' }
  | { name: 'paper'; paperId: string }
  | { name: 'admin'; section: AdminSection }
  | { name: 'planning' }
  | { name: 'agenda'; meetingId: string }
  | { name: 'live'; meetingId: string }
  | { name: 'minutes'; meetingId: string }
  | { name: 'resolutions' }
  | { name: 'circulars' }
  | { name: 'circular'; circularId: string }
  | { name: 'not-found'; path: string }

export const ADMIN_SECTIONS = ['terms', 'bodies', 'factions', 'departments', 'persons', 'memberships'] as const
export type AdminSection = (typeof ADMIN_SECTIONS)[number]

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment)
    return value && !value.includes('/') ? value : null
  } catch {
    return null
  }
}

export function parseRoute(pathname: string): Route {
  if (pathname === '/app' || pathname === APP_BASE || pathname === `${APP_BASE}index.html` || pathname === `${APP_BASE}meetings` || pathname === `${APP_BASE}meetings/`)
    return { name: 'meetings' }
  if (!pathname.startsWith(APP_BASE)) return { name: 'not-found', path: pathname }
  const parts = pathname.slice(APP_BASE.length).replace(/\/$/, '').split('/')
  if (parts[0] === 'meetings' && parts.length === 2) {
    const meetingId = decode(parts[1])
    if (meetingId) return { name: 'meeting', meetingId }
  }
  if (parts[0] === 'meetings' && parts.length === 3 && (parts[2] === 'agenda' || parts[2] === 'live' || parts[2] === 'minutes')) {
    const meetingId = decode(parts[1])
    if (meetingId) return { name: parts[2], meetingId }
  }
  if (parts[0] === 'planning' && parts.length === 1) return { name: 'planning' }
  if (parts[0] === 'resolutions' && parts.length === 1) return { name: 'resolutions' }
  if (parts[0] === 'circulars' && parts.length === 1) return { name: 'circulars' }
  if (parts[0] === 'circulars' && parts.length === 2) {
    const circularId = decode(parts[1])
    if (circularId) return { name: 'circular', circularId }
  }
  if (parts[0] === 'meetings' && parts.length === 4 && parts[2] === 'files') {
    const meetingId = decode(parts[1])
    const sha = parts[3].toLowerCase()
    if (meetingId && /^[0-9a-f]{64}$/.test(sha)) return { name: 'file', meetingId, sha256: sha }
  }
  if (parts[0] === 'papers' && parts.length === 1) return { name: 'papers' }
  if (parts[0] === 'papers' && parts.length === 2) {
    if (parts[1] === 'overview') return { name: 'papers-overview' }
    if (parts[1] === 'new') return { name: 'paper-new' }
    const paperId = decode(parts[1])
    if (paperId) return { name: 'paper', paperId }
  }
  if (parts[0] === 'admin' && parts.length <= 2) {
    const section = parts[1] ?? 'terms'
    if ((ADMIN_SECTIONS as readonly string[]).includes(section)) return { name: 'admin', section: section as AdminSection }
  }
  return { name: 'not-found', path: pathname }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'meetings':
      return APP_BASE
    case 'meeting':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}`
    case 'file':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/files/${route.sha256}`
    case 'papers':
      return `${APP_BASE}papers`
    case 'papers-overview':
      return `${APP_BASE}papers/overview`
    case 'paper-new':
      return `${APP_BASE}papers/new`
    case 'paper':
      return `${APP_BASE}papers/${encodeURIComponent(route.paperId)}`
    case 'admin':
      return `${APP_BASE}admin/${route.section}`
    case 'planning':
      return `${APP_BASE}planning`
    case 'agenda':
    case 'live':
    case 'minutes':
      return `${APP_BASE}meetings/${encodeURIComponent(route.meetingId)}/${route.name}`
    case 'resolutions':
      return `${APP_BASE}resolutions`
    case 'circulars':
      return `${APP_BASE}circulars`
    case 'circular':
      return `${APP_BASE}circulars/${encodeURIComponent(route.circularId)}`
    case 'not-found':
      return route.path
  }
}
