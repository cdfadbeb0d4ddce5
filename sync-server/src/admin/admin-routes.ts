/**
 * Administration endpoints of the foundation: ending a membership (which revokes access from the
 * day after its end date). Structure editing in the app follows with the papers issue.
 */
import { Hono } from 'hono'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { RelayEnv } from '../http/context.ts'

export function adminRoutes(db: RelayDatabase, users: UserStore, registry: AccessRegistry, audit: AuditLog): Hono<RelayEnv> {
  const app = new Hono<RelayEnv>()

  app.use('*', async (c, next) => {
    const roles = users.roles(c.get('userId'))
    if (!roles.includes('admin') && !roles.includes('clerk')) {
      audit.write('admin-denied', c.get('userId'), c.req.path)
      return c.json({ error: 'Nur für Verwaltung und Sitzungsdienst', code: 'forbidden' }, 403)
    }
    await next()
  })

  app.get('/memberships', (c) => {
    const organizationId = c.req.query('organization')
    const rows = db
      .prepare(
        `SELECT m.id, m.person_id AS personId, p.name AS personName, m.organization_id AS organizationId, m.role,
                m.voting_right AS votingRight, m.start_date AS startDate, m.end_date AS endDate
         FROM memberships m JOIN persons p ON p.id = m.person_id
         WHERE (? IS NULL OR m.organization_id = ?) ORDER BY p.family_name, p.given_name`,
      )
      .all(organizationId ?? null, organizationId ?? null)
    return c.json({ memberships: rows })
  })

  app.post('/memberships/:id/end', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { endDate?: unknown } | null
    const endDate = body?.endDate
    if (typeof endDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(endDate) || Number.isNaN(Date.parse(endDate))) {
      return c.json({ error: 'Enddatum im Format JJJJ-MM-TT angeben', code: 'bad-request' }, 400)
    }
    const id = c.req.param('id')
    const row = db.prepare('SELECT person_id, start_date FROM memberships WHERE id = ?').get(id) as
      | { person_id: string; start_date: string | null }
      | undefined
    if (!row) return c.json({ error: 'Mitgliedschaft nicht gefunden', code: 'not-found' }, 404)
    if (row.start_date && endDate < row.start_date) {
      return c.json({ error: 'Das Enddatum liegt vor dem Beginn der Mitgliedschaft', code: 'bad-request' }, 400)
    }
    db.prepare('UPDATE memberships SET end_date = ? WHERE id = ?').run(endDate, id)
    const affected = (db.prepare('SELECT id FROM users WHERE person_id = ?').all(row.person_id) as { id: string }[]).map((r) => r.id)
    audit.write('membership-ended', c.get('userId'), id, { endDate })
    registry.invalidateUsers(affected)
    return c.json({ id, endDate, affectedUsers: affected.length })
  })

  return app
}
