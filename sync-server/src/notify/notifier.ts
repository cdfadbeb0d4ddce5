/**
 * Sends a body's notices (Einladung, Nachtrag, Absage, Umlaufverfahren) by e-mail and Web Push to
 * everyone whose membership in the body is active today: members, chairs, advisory members and
 * substitutes. Notices about changes (documents of a meeting, a note shared in a faction) go by
 * Web Push only, the faction's to its other members. Each user's push preferences per type are
 * respected. Each send is claimed in `notifications` first (UNIQUE key/channel/recipient), so a
 * repeated command never mails or pushes twice; failures are recorded and retried on the next call.
 * Logs and audit hold the notice key and counts only.
 */
import { randomUUID } from 'node:crypto'
import type https from 'node:https'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayConfig } from '../config.ts'
import type { RelayDatabase } from '../db/database.ts'
import { mailerFor, type Mailer } from './mailer.ts'
import { isMailedKind, noticeText, pushTypeOf, type BodyNotice } from './notice-text.ts'
import { PushPreferenceStore } from './push-preference-store.ts'
import { vapidKeys, WebPushSender, type PushSender } from './push-sender.ts'
import { isAllowedPushHost, PushSubscriptionStore } from './push-subscription-store.ts'

export { meetingNotice, pushTypeOf, type BodyNotice, type NoticeMeeting } from './notice-text.ts'

export interface NotifyResult {
  mails: number
  pushes: number
  failed: number
}

export interface NotifierDeps {
  db: RelayDatabase
  config: RelayConfig
  audit: AuditLog
  /** default: SMTP when config.smtpUrl is set, else .eml files in config.mailDir */
  mailer?: Mailer
  /** default: web-push with the VAPID keys from the settings table */
  push?: PushSender
  /** https.Agent for the default push sender (tests: trust a local push service) */
  pushAgent?: https.Agent
  /** day the memberships must be active on (YYYY-MM-DD, Europe/Berlin); default today */
  today?: () => string
}

interface Recipient {
  personId: string
  email: string | null
}

const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]+$/

function berlinToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300)
}

export class Notifier {
  readonly mailer: Mailer
  readonly push: PushSender
  readonly subscriptions: PushSubscriptionStore
  readonly preferences: PushPreferenceStore
  private readonly db: RelayDatabase
  private readonly config: RelayConfig
  private readonly audit: AuditLog
  private readonly today: () => string

  constructor(deps: NotifierDeps) {
    this.db = deps.db
    this.config = deps.config
    this.audit = deps.audit
    this.today = deps.today ?? berlinToday
    this.mailer = deps.mailer ?? mailerFor(deps.config)
    this.push = deps.push ?? new WebPushSender(vapidKeys(deps.db), deps.config.vapidSubject, deps.pushAgent)
    this.subscriptions = new PushSubscriptionStore(deps.db)
    this.preferences = new PushPreferenceStore(deps.db)
  }

  /** the push services subscriptions may point to (PUSH_HOSTS) */
  get pushHosts(): readonly string[] {
    return this.config.pushHosts
  }

  /** The public key browsers subscribe with (applicationServerKey). */
  get publicKey(): string {
    return this.push.publicKey
  }

  /** persons with a membership in the body active on `day` (start/end inclusive) */
  recipients(organizationId: string, day = this.today()): Recipient[] {
    return this.db
      .prepare(
        `SELECT DISTINCT p.id AS personId, p.email AS email FROM memberships m JOIN persons p ON p.id = m.person_id
         WHERE m.organization_id = ? AND (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)
         ORDER BY p.id`,
      )
      .all(organizationId, day, day) as Recipient[]
  }

  async notifyBody(notice: BodyNotice): Promise<NotifyResult> {
    const text = noticeText(notice, this.config.publicUrl)
    const result: NotifyResult = { mails: 0, pushes: 0, failed: 0 }
    // a faction's notice reaches the faction's members, never the colleague it is about
    const except = new Set(notice.exceptUserIds ?? [])
    const allUsersOf = (personIds: string[]) =>
      personIds.length === 0
        ? []
        : (this.db
            .prepare(`SELECT id, person_id AS personId FROM users WHERE disabled = 0 AND person_id IN (${personIds.map(() => '?').join(',')})`)
            .all(...personIds) as { id: string; personId: string }[])
    const everyone = this.recipients(notice.faction?.id ?? notice.organizationId)
    const excludedPersons = new Set(allUsersOf(everyone.map((p) => p.personId)).filter((u) => except.has(u.id)).map((u) => u.personId))
    const people = everyone.filter((p) => !excludedPersons.has(p.personId))
    const users = allUsersOf(people.map((p) => p.personId)).filter((u) => !except.has(u.id))
    const userByPerson = new Map(users.map((u) => [u.personId, u.id]))

    const mails = new Map<string, string | null>() // address -> user id
    for (const person of isMailedKind(notice.kind) ? people : []) {
      const address = person.email?.trim().toLowerCase()
      if (address && EMAIL.test(address) && !mails.has(address)) mails.set(address, userByPerson.get(person.personId) ?? null)
    }
    for (const [address, userId] of mails) {
      if (!this.claim(notice.key, 'mail', address, userId, text.subject)) continue
      try {
        await this.mailer.send({ from: this.config.mailFrom, to: address, subject: text.subject, text: text.text, html: text.html })
        this.finish(notice.key, 'mail', address, 'sent')
        result.mails++
      } catch (error) {
        this.finish(notice.key, 'mail', address, 'failed', errorText(error))
        result.failed++
      }
    }

    const payload = JSON.stringify({ title: text.subject, body: text.short, path: notice.path, tag: notice.key })
    const wanting = this.preferences.wanting(users.map((u) => u.id), pushTypeOf(notice.kind))
    for (const sub of this.subscriptions.forUsers([...wanting])) {
      // a subscription stored before PUSH_HOSTS was narrowed is not used
      if (!isAllowedPushHost(sub.endpoint, this.config.pushHosts)) continue
      if (!this.claim(notice.key, 'push', sub.endpoint, sub.userId, text.subject)) continue
      const sent = await this.push.send(sub, payload)
      if (sent.ok) {
        this.finish(notice.key, 'push', sub.endpoint, 'sent')
        result.pushes++
      } else {
        if (sent.gone) this.subscriptions.removeEndpoint(sub.endpoint)
        else this.subscriptions.markError(sub.endpoint, sent.error)
        this.finish(notice.key, 'push', sub.endpoint, 'failed', sent.gone ? `gone: ${sent.error}` : sent.error)
        result.failed++
      }
    }

    this.audit.write('notify', null, notice.key, { ...result })
    console.log(`[notify] ${notice.key}: ${result.mails} mails, ${result.pushes} pushes, ${result.failed} failed`)
    return result
  }

  /**
   * Claims one send: a new row, or a failed one to retry. False when it was sent (or is being
   * sent) already — the database's UNIQUE constraint decides, so concurrent calls cannot both win.
   */
  private claim(key: string, channel: 'mail' | 'push', recipient: string, userId: string | null, subject: string): boolean {
    const at = new Date().toISOString()
    const inserted = this.db
      .prepare(
        `INSERT INTO notifications (id, key, channel, recipient_user_id, recipient, subject, at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending')
         ON CONFLICT(key, channel, recipient) DO NOTHING`,
      )
      .run(randomUUID(), key, channel, userId, recipient, subject, at)
    if (inserted.changes > 0) return true
    return (
      this.db
        .prepare(`UPDATE notifications SET status = 'sending', error = NULL, at = ? WHERE key = ? AND channel = ? AND recipient = ? AND status = 'failed'`)
        .run(at, key, channel, recipient).changes > 0
    )
  }

  private finish(key: string, channel: 'mail' | 'push', recipient: string, status: 'sent' | 'failed', error?: string): void {
    this.db
      .prepare('UPDATE notifications SET status = ?, error = ?, at = ? WHERE key = ? AND channel = ? AND recipient = ?')
      .run(status, error ?? null, new Date().toISOString(), key, channel, recipient)
  }
}
