/** Relay configuration from the environment. Every value has a working default for `npm start`. */
import path from 'node:path'

export type PortalResolutions = 'off' | 'status' | 'reports'

export interface RelayConfig {
  port: number
  host: string
  dataDir: string
  /** Public origin of this relay, e.g. https://rats.musterstadt.de; used for Origin checks. */
  publicUrl: string
  /** Extra origins allowed to call state-changing endpoints and open sync sockets. */
  allowedOrigins: string[]
  /** Seed the demo town into an empty data directory and allow demo accounts. */
  demo: boolean
  /** Reference date of the demo data (ISO date); default: first day of the current month. */
  demoAnchorDate?: string
  demoScale: number
  /**
   * Leak tests (RATSTISCH_DEMO_MARKER): the demo generator writes this string into every
   * non-public title, text and file of the demo town, and only there; null: not set.
   */
  demoMarker: string | null
  maxUploadBytes: number
  sessionTtlHours: number
  /** Idle time after which a document is flushed and evicted from the relay's memory. */
  evictIdleMs: number
  /** Directory of the built client (served at /app/). */
  clientDir: string
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean
  logRequests: boolean
  /** SMTP server for notices (SMTP_URL, e.g. smtp://user:pass@mail.example:587); absent: .eml files in mailDir */
  smtpUrl?: string
  /** sender of notices (MAIL_FROM) */
  mailFrom: string
  /** outbox of the file mailer (MAIL_DIR); empty = <dataDir>/mail-outbox, resolved by the notifier so a changed dataDir carries it along */
  mailDir: string
  /** VAPID subject for Web Push (VAPID_SUBJECT): a mailto: or https: URL */
  vapidSubject: string
  /**
   * What the public portal shows of resolution tracking (PORTAL_RESOLUTIONS): `status` (default)
   * public resolutions with owner, due date and status; `reports` also their progress reports;
   * `off` nothing.
   */
  portalResolutions: PortalResolutions
  /** portal theme JSON (PORTAL_THEME): town name, logo, colours, fonts, links; docs/PORTAL.md */
  portalTheme?: string
  /** portal imprint and privacy notice as Markdown files (PORTAL_IMPRINT, PORTAL_PRIVACY) */
  portalImprint?: string
  portalPrivacy?: string
  /** accessibility statement as JSON (PORTAL_ACCESSIBILITY); docs/PORTAL.md */
  portalAccessibility?: string
  /**
   * Hosts of the Web Push services the relay may deliver to (PUSH_HOSTS, comma-separated; a name
   * also allows its subdomains). Subscriptions to other hosts are refused, so a client cannot make
   * the relay send requests into the town's network.
   */
  pushHosts: string[]
  /**
   * Notices about changes (new file versions of a meeting, notes shared in a faction) are collected
   * for this long after the first change and sent as one (NOTICE_DELAY_MS, default one minute).
   */
  noticeDelayMs: number
  /** licence URL of the public data and files in the OParl API (OPARL_LICENSE); null: not stated */
  oparlLicense: string | null
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`)
  return n
}

/** The push services of Chrome/Edge/Android, Firefox, Windows and Safari. */
export const DEFAULT_PUSH_HOSTS = ['fcm.googleapis.com', 'push.services.mozilla.com', 'notify.windows.com', 'push.apple.com']

/** RFC 8292: the VAPID contact is a mailto: or https: URI; a wrong one fails at start, not at the first push. */
function vapidSubjectFrom(value: string | undefined): string | undefined {
  if (!value) return undefined
  if (/^mailto:[^\s@]+@[^\s@]+$/.test(value) || /^https:\/\/[^\s]+$/.test(value)) return value
  throw new Error(`VAPID_SUBJECT must be a mailto: address or an https: URL (got "${value}")`)
}

/** 6–64 characters of A–Z, a–z, 0–9, "_" and "-": survives file names, e-mail addresses, URLs and PDF strings unchanged. */
function demoMarkerFrom(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (/^[A-Za-z0-9_-]{6,64}$/.test(value)) return value
  throw new Error(`RATSTISCH_DEMO_MARKER must be 6 to 64 characters of A-Z, a-z, 0-9, "_" and "-" (got "${value}")`)
}

function licenseUrlFrom(value: string | undefined): string | null {
  if (!value) return null
  if (/^https?:\/\/[^\s]+$/.test(value)) return value
  throw new Error(`OPARL_LICENSE must be the URL of a licence, e.g. https://creativecommons.org/licenses/by/4.0/ (got "${value}")`)
}

function portalResolutionsFrom(value: string | undefined): PortalResolutions {
  const v = (value ?? 'status').trim()
  if (v === 'off' || v === 'status' || v === 'reports') return v
  throw new Error(`PORTAL_RESOLUTIONS must be off, status or reports (got "${v}")`)
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const port = intFrom(env.PORT, 8080, 'PORT')
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  const mailFrom = env.MAIL_FROM || `Ratstisch <ratstisch@${new URL(publicUrl).hostname}>`
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    publicUrl,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    demo: env.RATSTISCH_DEMO !== '0',
    demoAnchorDate: env.DEMO_ANCHOR_DATE || undefined,
    demoScale: intFrom(env.DEMO_SCALE, 1, 'DEMO_SCALE') || 1,
    demoMarker: demoMarkerFrom(env.RATSTISCH_DEMO_MARKER),
    maxUploadBytes: intFrom(env.MAX_UPLOAD_BYTES, 100 * 1024 * 1024, 'MAX_UPLOAD_BYTES'),
    sessionTtlHours: intFrom(env.SESSION_TTL_HOURS, 24 * 14, 'SESSION_TTL_HOURS'),
    evictIdleMs: intFrom(env.EVICT_IDLE_MS, 5 * 60_000, 'EVICT_IDLE_MS'),
    clientDir: path.resolve(env.CLIENT_DIR ?? path.join(import.meta.dirname, '../../dist/client')),
    secureCookies: publicUrl.startsWith('https://'),
    logRequests: env.LOG_REQUESTS === '1',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom,
    mailDir: env.MAIL_DIR ? path.resolve(env.MAIL_DIR) : '',
    portalResolutions: portalResolutionsFrom(env.PORTAL_RESOLUTIONS),
    portalTheme: env.PORTAL_THEME ? path.resolve(env.PORTAL_THEME) : undefined,
    portalImprint: env.PORTAL_IMPRINT ? path.resolve(env.PORTAL_IMPRINT) : undefined,
    portalPrivacy: env.PORTAL_PRIVACY ? path.resolve(env.PORTAL_PRIVACY) : undefined,
    portalAccessibility: env.PORTAL_ACCESSIBILITY ? path.resolve(env.PORTAL_ACCESSIBILITY) : undefined,
    pushHosts: env.PUSH_HOSTS
      ? env.PUSH_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
      : DEFAULT_PUSH_HOSTS,
    noticeDelayMs: intFrom(env.NOTICE_DELAY_MS, 60_000, 'NOTICE_DELAY_MS'),
    oparlLicense: licenseUrlFrom(env.OPARL_LICENSE),
    vapidSubject: vapidSubjectFrom(env.VAPID_SUBJECT) || (publicUrl.startsWith('https://') ? publicUrl : `mailto:${mailFrom.replace(/^.*<|>.*$/g, '')}`),
  }
}
