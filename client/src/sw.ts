/**
 * Service worker: precaches the built app (including the Automerge wasm and the pdf.js worker,
 * see maximumFileSizeToCacheInBytes in vite.config.ts) so the app starts offline, and answers
 * navigations under /app/ with the precached index.html so deep links work offline.
 * /api/ and /sync are never cached: they always go to the relay.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

// The project's tsconfig has the DOM lib, not WebWorker: declare the parts of the
// ServiceWorkerGlobalScope used here.
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface ServiceWorkerScopeLike {
  __WB_MANIFEST: Array<PrecacheEntry | string>
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void
}
declare const self: ServiceWorkerScopeLike

const BASE = import.meta.env.BASE_URL // "/app/"

self.addEventListener('install', () => {
  void self.skipWaiting()
})
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

registerRoute(
  new NavigationRoute(createHandlerBoundToURL(`${BASE}index.html`), {
    allowlist: [new RegExp(`^${BASE}`)],
    denylist: [/^\/api\//, /^\/sync/],
  }),
)

// --- Web Push (notices of the relay: public facts only, see docs/MEETINGS.md "Notifications") ---
interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown; text(): string } | null
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: { data: unknown; close(): void }
}
interface WindowClientLike {
  url: string
  focus(): Promise<unknown>
  navigate(url: string): Promise<unknown>
}
interface PushScopeLike {
  location: Location
  registration: { showNotification(title: string, options: NotificationOptions & { data?: unknown }): Promise<void> }
  clients: { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>; openWindow(url: string): Promise<unknown> }
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void
}
const pushScope = self as unknown as PushScopeLike

/** only paths inside the app: a payload can never send the user elsewhere */
function appPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith(BASE) && !value.includes('//') && !value.includes('..') ? value : BASE
}

pushScope.addEventListener('push', (event) => {
  let payload: { title?: unknown; body?: unknown; path?: unknown; tag?: unknown } = {}
  try {
    payload = (event.data?.json() ?? {}) as typeof payload
  } catch {
    payload = {}
  }
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'Ratstisch'
  event.waitUntil(
    pushScope.registration.showNotification(title, {
      body: typeof payload.body === 'string' ? payload.body : '',
      tag: typeof payload.tag === 'string' ? payload.tag : undefined,
      icon: `${BASE}icons/icon-192.png`,
      lang: 'de',
      data: { path: appPath(payload.path) },
    }),
  )
})

pushScope.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const target = new URL(appPath((event.notification.data as { path?: unknown } | null)?.path), pushScope.location.origin).href
  event.waitUntil(
    (async () => {
      const windows = await pushScope.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const existing = windows.find((w) => w.url === target) ?? windows.find((w) => new URL(w.url).pathname.startsWith(BASE))
      if (existing) {
        await existing.focus()
        if (existing.url !== target) await existing.navigate(target).catch(() => undefined)
        return
      }
      await pushScope.clients.openWindow(target)
    })(),
  )
})
