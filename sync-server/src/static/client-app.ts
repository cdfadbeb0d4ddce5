/**
 * Serves the built PWA under /app/. Hashed assets are immutable; index.html, the service worker
 * and the manifest are revalidated so a new version reaches devices. Unknown paths that look like
 * routes (no file extension) get index.html so deep links work.
 */
import { Hono } from 'hono'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
}

const NO_CACHE = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js'])

export function clientApp(clientDir: string): Hono {
  const app = new Hono()
  const root = path.resolve(clientDir)

  app.get('/*', (c) => {
    const relative = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\/app\/?/, ''))
    let file = path.resolve(root, relative || 'index.html')
    if (!file.startsWith(root + path.sep) && file !== root) return c.notFound()
    let stat = statOrNull(file)
    if (!stat?.isFile()) {
      if (path.extname(relative)) return c.notFound()
      file = path.join(root, 'index.html')
      stat = statOrNull(file)
      if (!stat) return c.text('Die App wurde noch nicht gebaut: npm run build', 503)
    }
    const name = path.basename(file)
    const cache = NO_CACHE.has(name) ? 'no-cache' : /-[A-Za-z0-9_-]{8,}\.\w+$/.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600'
    const etag = `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`
    const headers = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cache,
      ETag: etag,
      'Content-Length': String(stat.size),
      ...(name === 'sw.js' ? { 'Service-Worker-Allowed': '/app/' } : {}),
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
    return c.body(Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>, 200, headers)
  })
  return app
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch {
    return null
  }
}
