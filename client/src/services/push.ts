/**
 * Web Push on this device: subscribes through the service worker's PushManager with the relay's
 * VAPID key (GET /api/push/key) and registers the subscription with the relay
 * (POST/DELETE /api/push/subscriptions). Payloads carry public facts only (see docs/MEETINGS.md).
 */
import { ApiError, type ApiClient } from './api-client.ts'

export type PushState = 'unsupported' | 'denied' | 'on' | 'off'

/** why enabling failed; the settings component turns it into a German message */
export class PushSetupError extends Error {
  constructor(
    readonly reason: 'unsupported' | 'denied' | 'no-push-service' | 'server',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'PushSetupError'
  }
}

const READY_TIMEOUT_MS = 10_000

export function pushSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window
}

/** base64url (VAPID public key) to the bytes PushManager.subscribe expects */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4)
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export class PushService {
  constructor(private readonly api: ApiClient) {}

  private async registration(): Promise<ServiceWorkerRegistration | undefined> {
    if (!pushSupported()) return undefined
    // no worker is registered in development builds: don't wait forever for `ready`
    const existing = await navigator.serviceWorker.getRegistration()
    if (!existing) return undefined
    return Promise.race([
      navigator.serviceWorker.ready,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), READY_TIMEOUT_MS)),
    ])
  }

  async state(): Promise<PushState> {
    if (!pushSupported()) return 'unsupported'
    if (Notification.permission === 'denied') return 'denied'
    const registration = await this.registration()
    if (!registration) return 'unsupported'
    const subscription = await registration.pushManager.getSubscription()
    return subscription && Notification.permission === 'granted' ? 'on' : 'off'
  }

  async enable(): Promise<void> {
    if (!pushSupported()) throw new PushSetupError('unsupported', 'push not supported')
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission()
    if (permission !== 'granted') throw new PushSetupError('denied', `permission ${permission}`)
    const registration = await this.registration()
    if (!registration) throw new PushSetupError('unsupported', 'no service worker')
    const { publicKey } = (await this.api.getJson('/api/push/key')) as { publicKey: string }
    let subscription: PushSubscription
    try {
      const existing = await registration.pushManager.getSubscription()
      subscription = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }))
    } catch (error) {
      // e.g. headless browsers without a push service, or a key change: AbortError / InvalidStateError
      throw new PushSetupError('no-push-service', error instanceof Error ? error.message : String(error), { cause: error })
    }
    try {
      await this.api.postJson('/api/push/subscriptions', subscription.toJSON())
    } catch (error) {
      await subscription.unsubscribe().catch(() => false)
      if (error instanceof ApiError) throw new PushSetupError('server', error.message, { cause: error })
      throw error
    }
  }

  async disable(): Promise<void> {
    const registration = await this.registration()
    const subscription = await registration?.pushManager.getSubscription()
    if (!subscription) return
    await this.api.request('/api/push/subscriptions', {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ endpoint: subscription.endpoint }),
    })
    await subscription.unsubscribe()
  }
}
