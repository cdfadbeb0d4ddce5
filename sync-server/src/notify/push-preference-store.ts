/** Per-user Web Push preferences by notice type (table push_preferences; no row = the default, on). */
import { DEFAULT_PUSH_PREFERENCES, PUSH_NOTICE_TYPES, type PushNoticeType, type PushPreferences } from '@ratstisch/domain'
import type { RelayDatabase } from '../db/database.ts'

export class PushPreferenceStore {
  constructor(private readonly db: RelayDatabase) {}

  get(userId: string): PushPreferences {
    const prefs: PushPreferences = { ...DEFAULT_PUSH_PREFERENCES }
    const rows = this.db.prepare('SELECT type, enabled FROM push_preferences WHERE user_id = ?').all(userId) as { type: string; enabled: number }[]
    for (const row of rows) if ((PUSH_NOTICE_TYPES as readonly string[]).includes(row.type)) prefs[row.type as PushNoticeType] = row.enabled === 1
    return prefs
  }

  /** Applies a validated update and returns the user's preferences after it. */
  update(userId: string, update: Partial<PushPreferences>): PushPreferences {
    const at = new Date().toISOString()
    const upsert = this.db.prepare(
      `INSERT INTO push_preferences (user_id, type, enabled, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(user_id, type) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
    )
    this.db.transaction(() => {
      for (const type of PUSH_NOTICE_TYPES) if (typeof update[type] === 'boolean') upsert.run(userId, type, update[type] ? 1 : 0, at)
    })()
    return this.get(userId)
  }

  /** The users among `userIds` who want pushes of this type. */
  wanting(userIds: readonly string[], type: PushNoticeType): Set<string> {
    const result = new Set(userIds)
    if (userIds.length === 0) return result
    const off = this.db
      .prepare(`SELECT user_id FROM push_preferences WHERE type = ? AND enabled = 0 AND user_id IN (SELECT value FROM json_each(?))`)
      .all(type, JSON.stringify(userIds)) as { user_id: string }[]
    for (const row of off) result.delete(row.user_id)
    return result
  }
}
