/** Entry point: locale, the app shell, and the service worker (offline start, updates). */
import { Workbox } from 'workbox-window'
import './app/app-shell.ts'
import { isLocale, setLocale } from './i18n/messages.ts'

const stored = localStorage.getItem('ratstisch.locale')
if (isLocale(stored)) {
  setLocale(stored)
  document.documentElement.lang = stored
}

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL, type: 'module' })
  wb.addEventListener('controlling', (event) => {
    // a new version took over (skipWaiting + clientsClaim): offer a reload instead of forcing it
    if (event.isUpdate) document.querySelector('rt-app-shell')?.setAttribute('update-ready', '')
  })
  wb.register().catch((e: unknown) => console.warn('service worker registration failed', e))
}
