/**
 * Which Web Push notices a user wants, per type. Kept on the relay per user (all of the user's
 * devices), edited in the app's notification settings. Payloads carry public facts only, whatever
 * the type (see sync-server/src/notify/notice-text.ts).
 *
 *   invitation  Einladung, Nachtrag, Absage and Umlaufverfahren of my bodies
 *   documents   new or changed documents of my bodies' upcoming meetings (e.g. a new file version)
 *   faction     a colleague shared an annotation or note in my faction's notes on a meeting
 */
export const PUSH_NOTICE_TYPES = ['invitation', 'documents', 'faction'] as const
export type PushNoticeType = (typeof PUSH_NOTICE_TYPES)[number]

export type PushPreferences = Record<PushNoticeType, boolean>

/** Everything on until the user says otherwise: a member who turned push on wants to hear. */
export const DEFAULT_PUSH_PREFERENCES: Readonly<PushPreferences> = { invitation: true, documents: true, faction: true }

export function isPushNoticeType(value: unknown): value is PushNoticeType {
  return typeof value === 'string' && (PUSH_NOTICE_TYPES as readonly string[]).includes(value)
}

/**
 * Validates an untrusted update: a map of known types to booleans, at least one. Returns the
 * update or a German error for the user.
 */
export function parsePushPreferencesUpdate(input: unknown): Partial<PushPreferences> | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'Ungültige Einstellungen: erwartet {invitation, documents, faction}'
  const entries = Object.entries(input as Record<string, unknown>)
  if (entries.length === 0) return 'Keine Einstellung angegeben'
  const update: Partial<PushPreferences> = {}
  for (const [key, value] of entries) {
    if (!isPushNoticeType(key)) return `Unbekannte Benachrichtigungsart „${key.slice(0, 40)}“`
    if (typeof value !== 'boolean') return `Die Einstellung „${key}“ muss ein- oder ausgeschaltet sein (true/false)`
    update[key] = value
  }
  return update
}
