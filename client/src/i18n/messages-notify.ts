/**
 * Messages of the notification settings (German first, English second; same keys), with their
 * own lookup `tn` so the core catalogue does not change for this feature.
 */
import { currentLocale, type MessageParams } from './messages.ts'

export const notifyDe = {
  'notify.enable': 'Benachrichtigungen aktivieren',
  'notify.disable': 'Benachrichtigungen deaktivieren',
  'notify.working': 'Bitte warten …',
  'notify.enabled': 'Benachrichtigungen auf diesem Gerät sind aktiv. Welche Sie erhalten, wählen Sie unter „Benachrichtigungsarten“.',
  'notify.disabled': 'Benachrichtigungen auf diesem Gerät sind ausgeschaltet.',
  'notify.unsupported': 'Dieser Browser unterstützt keine Push-Benachrichtigungen. Einladungen erhalten Sie weiterhin per E-Mail.',
  'notify.denied':
    'Benachrichtigungen sind für Ratstisch im Browser blockiert. Sie können sie in den Website-Einstellungen des Browsers wieder erlauben.',
  'notify.subscribeFailed':
    'Benachrichtigungen konnten nicht aktiviert werden: Der Browser erreicht keinen Push-Dienst. Einladungen erhalten Sie weiterhin per E-Mail.',
  'notify.offline': 'Keine Verbindung zum Server – Benachrichtigungen können gerade nicht geändert werden.',
  'notify.serverError': 'Der Server hat die Anmeldung für Benachrichtigungen abgelehnt: {reason}',
  'notify.types': 'Benachrichtigungsarten',
  'notify.types.legend': 'Push-Benachrichtigungen erhalten über',
  'notify.type.invitation': 'Einladungen, Nachträge, Absagen und Umlaufverfahren meiner Gremien',
  'notify.type.documents': 'neue oder geänderte Unterlagen meiner Sitzungen',
  'notify.type.faction': 'Anmerkungen und Notizen, die meine Fraktion teilt',
  'notify.types.hint': 'Gilt für alle Ihre Geräte. Einladungen erhalten Sie weiterhin auch per E-Mail.',
  'notify.types.loading': 'Einstellungen werden geladen …',
  'notify.types.saved': 'Einstellung gespeichert.',
  'notify.types.loadFailed': 'Die Benachrichtigungsarten konnten nicht geladen werden: {reason}',
  'notify.types.saveFailed': 'Die Einstellung wurde nicht gespeichert: {reason}',
  'notify.types.badAnswer': 'unerwartete Antwort des Servers',
}

export type NotifyKey = keyof typeof notifyDe

export const notifyEn: Record<NotifyKey, string> = {
  'notify.enable': 'Turn on notifications',
  'notify.disable': 'Turn off notifications',
  'notify.working': 'Please wait …',
  'notify.enabled': 'Notifications are on for this device. Choose which ones you get under “Notification types”.',
  'notify.disabled': 'Notifications are off for this device.',
  'notify.unsupported': 'This browser does not support push notifications. You still receive invitations by e-mail.',
  'notify.denied': 'Notifications for Ratstisch are blocked in the browser. You can allow them again in the browser’s site settings.',
  'notify.subscribeFailed':
    'Notifications could not be turned on: the browser cannot reach a push service. You still receive invitations by e-mail.',
  'notify.offline': 'No connection to the server – notifications cannot be changed right now.',
  'notify.serverError': 'The server refused the notification subscription: {reason}',
  'notify.types': 'Notification types',
  'notify.types.legend': 'Send push notifications about',
  'notify.type.invitation': 'invitations, supplements, cancellations and circular decisions of my bodies',
  'notify.type.documents': 'new or changed documents of my meetings',
  'notify.type.faction': 'annotations and notes my faction shares',
  'notify.types.hint': 'Applies to all your devices. You still receive invitations by e-mail as well.',
  'notify.types.loading': 'Loading settings …',
  'notify.types.saved': 'Setting saved.',
  'notify.types.loadFailed': 'The notification types could not be loaded: {reason}',
  'notify.types.saveFailed': 'The setting was not saved: {reason}',
  'notify.types.badAnswer': 'unexpected answer from the server',
}

const catalogues = { de: notifyDe, en: notifyEn } as const

/** The notification message for `key` in the app's current locale with `{placeholders}` filled in. */
export function tn(key: NotifyKey, params?: MessageParams): string {
  const template: string = catalogues[currentLocale()][key] ?? notifyDe[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
