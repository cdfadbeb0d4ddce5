/**
 * Web Push adapter (RFC 8030/8291/8292 via the web-push package). VAPID keys are generated on the
 * first start and kept in the settings table, so subscriptions survive restarts.
 */
import type https from 'node:https'
import webpush from 'web-push'
import { getSetting, setSetting, type RelayDatabase } from '../db/database.ts'

export interface PushTarget {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

export type PushResult = { ok: true } | { ok: false; gone: boolean; error: string }

export interface PushSender {
  readonly publicKey: string
  send(target: PushTarget, payload: string): Promise<PushResult>
}

export interface VapidKeys {
  publicKey: string
  privateKey: string
}

export function vapidKeys(db: RelayDatabase): VapidKeys {
  const publicKey = getSetting(db, 'push.vapidPublicKey')
  const privateKey = getSetting(db, 'push.vapidPrivateKey')
  if (publicKey && privateKey) return { publicKey, privateKey }
  const keys = webpush.generateVAPIDKeys()
  db.transaction(() => {
    setSetting(db, 'push.vapidPublicKey', keys.publicKey)
    setSetting(db, 'push.vapidPrivateKey', keys.privateKey)
  })()
  return keys
}

export class WebPushSender implements PushSender {
  readonly publicKey: string
  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
    /** an https.Agent, e.g. one trusting a test push service's self-signed certificate */
    private readonly agent?: https.Agent,
  ) {
    this.publicKey = keys.publicKey
  }

  async send(target: PushTarget, payload: string): Promise<PushResult> {
    try {
      await webpush.sendNotification(target, payload, {
        vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
        TTL: 24 * 3600,
        contentEncoding: 'aes128gcm',
        timeout: 10_000,
        ...(this.agent ? { agent: this.agent } : {}),
      })
      return { ok: true }
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode
      if (status === 404 || status === 410) return { ok: false, gone: true, error: `push service: ${status}` }
      return { ok: false, gone: false, error: status ? `push service: ${status}` : error instanceof Error ? error.message : String(error) }
    }
  }
}
