/** /api/push: the VAPID public key, the signed-in user's own Web Push subscriptions and preferences. */
import { Hono } from 'hono'
import { parsePushPreferencesUpdate } from '@ratstisch/domain'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayEnv } from '../http/context.ts'
import type { Notifier } from './notifier.ts'
import { parseSubscription } from './push-subscription-store.ts'

const MAX_BODY_BYTES = 4096

async function readJson(req: Request): Promise<unknown> {
  const raw = await req.text()
  if (raw.length > MAX_BODY_BYTES) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

export function pushRoutes(deps: { notifier: Notifier; audit: AuditLog }): Hono<RelayEnv> {
  const { notifier, audit } = deps
  const app = new Hono<RelayEnv>()

  app.get('/key', (c) => c.json({ publicKey: notifier.publicKey }))

  app.post('/subscriptions', async (c) => {
    const body = await readJson(c.req.raw)
    if (body === undefined) return c.json({ error: 'Ungültige Anfrage', code: 'bad-request' }, 400)
    const parsed = parseSubscription(body, notifier.pushHosts)
    if (typeof parsed === 'string') return c.json({ error: parsed, code: 'bad-subscription' }, 400)
    notifier.subscriptions.save(c.get('userId'), parsed)
    audit.write('push-subscribe', c.get('userId'), null)
    return c.json({ ok: true }, 201)
  })

  app.delete('/subscriptions', async (c) => {
    const body = (await readJson(c.req.raw)) as { endpoint?: unknown } | undefined
    if (!body || typeof body.endpoint !== 'string' || body.endpoint.length > 2048) {
      return c.json({ error: 'Ungültige Anfrage', code: 'bad-request' }, 400)
    }
    // only the user's own subscription; another user's endpoint is "not found", never deleted
    const removed = notifier.subscriptions.remove(c.get('userId'), body.endpoint)
    if (removed) audit.write('push-unsubscribe', c.get('userId'), null)
    return c.json({ ok: true, removed })
  })

  // which notice types the user wants pushed (all devices); mails of formal notices are not affected
  app.get('/preferences', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ preferences: notifier.preferences.get(c.get('userId')) })
  })

  app.put('/preferences', async (c) => {
    const body = await readJson(c.req.raw)
    if (body === undefined) return c.json({ error: 'Ungültige Anfrage: JSON erwartet', code: 'bad-request' }, 400)
    const update = parsePushPreferencesUpdate(body)
    if (typeof update === 'string') return c.json({ error: update, code: 'bad-preferences' }, 400)
    const preferences = notifier.preferences.update(c.get('userId'), update)
    audit.write('push-preferences', c.get('userId'), null, { ...update })
    return c.json({ preferences })
  })

  return app
}
