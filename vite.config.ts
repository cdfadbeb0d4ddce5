/**
 * Build of the member/clerk PWA (client/) served by the relay at /app/.
 * Automerge ships a 3.6 MB wasm module and pdf.js a 1.3 MB worker: both must be precached by the
 * service worker or the app does not start offline, hence the raised precache size limit.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import wasm from 'vite-plugin-wasm'
import { VitePWA } from 'vite-plugin-pwa'

const publicDir = fileURLToPath(new URL('./public', import.meta.url))

export default defineConfig({
  root: 'client',
  base: '/app/',
  publicDir,
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'esnext',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  worker: {
    format: 'es',
    plugins: () => [wasm()],
  },
  plugins: [
    wasm(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      scope: '/app/',
      base: '/app/',
      // the glob below already precaches every icon; listing them again would duplicate entries
      includeAssets: [],
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,png,svg,webmanifest,ttf}'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        rollupFormat: 'es',
      },
      manifest: {
        name: 'Ratstisch',
        short_name: 'Ratstisch',
        description: 'Sitzungen, Vorlagen und persönliche Notizen für Ratsmitglieder – auch offline.',
        lang: 'de',
        dir: 'ltr',
        id: '/app/',
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b4f8a',
        background_color: '#ffffff',
        categories: ['government', 'productivity'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
    }),
  ],
})
