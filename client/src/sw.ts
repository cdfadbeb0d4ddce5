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
