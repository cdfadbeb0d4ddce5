/**
 * Messages of the app lock (PIN setup, lock screen, lock settings), German first, English second,
 * same keys, with their own lookup `tl`.
 */
import { currentLocale, type MessageParams } from './messages.ts'

export const lockDe = {
  'lock.setup.title': 'App-Sperre einrichten',
  'lock.setup.why':
    'Legen Sie eine PIN fest, bevor Ratstisch Sitzungsunterlagen auf diesem Gerät speichert: Damit werden die gespeicherten nichtöffentlichen Unterlagen verschlüsselt, und wer das Gerät in die Hand bekommt, kann sie ohne PIN nicht lesen.',
  'lock.setup.rules': 'Mindestens 6 Ziffern oder eine Passphrase mit mindestens 8 Zeichen.',
  'lock.setup.pin': 'Neue PIN',
  'lock.setup.repeat': 'PIN wiederholen',
  'lock.setup.device': 'Auch mit der Gerätesperre (Fingerabdruck, Gesicht oder Geräte-PIN) entsperren',
  'lock.setup.submit': 'PIN festlegen',
  'lock.setup.working': 'PIN wird eingerichtet …',
  'lock.setup.deviceFailed': 'Die PIN ist eingerichtet. Die Gerätesperre konnte nicht eingerichtet werden; Sie entsperren mit der PIN.',
  'lock.problem.too-short': 'Die PIN braucht mindestens 6 Ziffern.',
  'lock.problem.passphrase-too-short': 'Eine Passphrase braucht mindestens 8 Zeichen.',
  'lock.problem.trivial': 'Diese PIN ist zu leicht zu erraten (gleiche Ziffern oder eine Zahlenfolge). Bitte wählen Sie eine andere.',
  'lock.problem.mismatch': 'Die beiden Eingaben stimmen nicht überein.',
  'lock.locked.title': 'Ratstisch ist gesperrt',
  'lock.locked.account': 'Angemeldet als {name}',
  'lock.locked.pin': 'PIN',
  'lock.locked.submit': 'Entsperren',
  'lock.locked.working': 'Wird entsperrt …',
  'lock.locked.device': 'Mit Gerätesperre entsperren',
  'lock.locked.deviceCancelled': 'Entsperren mit der Gerätesperre abgebrochen. Sie können es erneut versuchen oder die PIN eingeben.',
  'lock.locked.deviceFailed': 'Die Gerätesperre konnte Ratstisch nicht entsperren. Bitte geben Sie die PIN ein.',
  'lock.locked.wrong': 'Die PIN ist falsch. Noch {left} Versuche – danach werden die Daten dieses Kontos auf diesem Gerät gelöscht.',
  'lock.locked.wrongLast': 'Die PIN ist falsch. Noch ein Versuch – danach werden die Daten dieses Kontos auf diesem Gerät gelöscht.',
  'lock.locked.wait': 'Der nächste Versuch ist in {seconds} Sekunden möglich.',
  'lock.locked.waitMinutes': 'Der nächste Versuch ist in {minutes} Minuten möglich.',
  'lock.locked.empty': 'Bitte geben Sie Ihre PIN ein.',
  'lock.forgot': 'PIN vergessen?',
  'lock.forgot.explain':
    'Ohne PIN lassen sich die gespeicherten Daten nicht mehr entschlüsseln. Sie werden abgemeldet, und die Daten dieses Kontos werden von diesem Gerät gelöscht. Danach melden Sie sich neu an, legen eine neue PIN fest, und Ratstisch lädt Ihre Sitzungen wieder vom Server.',
  'lock.forgot.unsynced': 'Achtung: {count} Änderungen auf diesem Gerät wurden noch nicht übertragen und gehen dabei verloren.',
  'lock.forgot.confirm': 'Abmelden und Daten löschen',
  'lock.forgot.cancel': 'Abbrechen',
  'lock.wiped':
    'Zehnmal wurde eine falsche PIN eingegeben. Zum Schutz der Unterlagen wurden die Daten Ihres Kontos von diesem Gerät gelöscht. Bitte melden Sie sich neu an und legen Sie eine neue PIN fest.',
  'lock.forgotten': 'Die Daten Ihres Kontos wurden von diesem Gerät gelöscht. Bitte melden Sie sich neu an.',
  'lock.button': 'Sperren',
  'lock.settings': 'App-Sperre',
  'lock.settings.autoLock': 'Automatisch sperren nach',
  'lock.settings.minutes': '{minutes} Min. ohne Eingabe',
  'lock.settings.saved': 'Gespeichert: Ratstisch sperrt sich nach {minutes} Minuten ohne Eingabe.',
  'lock.settings.change': 'PIN ändern',
  'lock.settings.current': 'Bisherige PIN',
  'lock.settings.changed': 'Die PIN wurde geändert.',
  'lock.settings.device': 'Entsperren mit Gerätesperre',
  'lock.settings.deviceOn': 'Gerätesperre einrichten',
  'lock.settings.deviceOff': 'Gerätesperre nicht mehr verwenden',
  'lock.settings.deviceIsOn': 'Ratstisch lässt sich mit der Gerätesperre entsperren.',
  'lock.settings.deviceEnabled': 'Die Gerätesperre ist eingerichtet.',
  'lock.settings.deviceDisabled': 'Ratstisch entsperrt jetzt nur noch mit der PIN.',
  'lock.settings.deviceUnsupported': 'Dieses Gerät bietet keine passende Gerätesperre an.',
  'lock.settings.deviceCancelled': 'Die Einrichtung der Gerätesperre wurde abgebrochen.',
  'lock.settings.deviceNeedsPin': 'Zur Einrichtung bitte die PIN eingeben.',
}

export type LockKey = keyof typeof lockDe

export const lockEn: Record<LockKey, string> = {
  'lock.setup.title': 'Set up the app lock',
  'lock.setup.why':
    'Choose a PIN before Ratstisch stores meeting documents on this device: it encrypts the stored non-public documents, so whoever gets hold of the device cannot read them without the PIN.',
  'lock.setup.rules': 'At least 6 digits, or a passphrase of at least 8 characters.',
  'lock.setup.pin': 'New PIN',
  'lock.setup.repeat': 'Repeat PIN',
  'lock.setup.device': 'Also unlock with the device lock (fingerprint, face or device PIN)',
  'lock.setup.submit': 'Set PIN',
  'lock.setup.working': 'Setting up the PIN …',
  'lock.setup.deviceFailed': 'The PIN is set. The device lock could not be set up; you unlock with the PIN.',
  'lock.problem.too-short': 'The PIN needs at least 6 digits.',
  'lock.problem.passphrase-too-short': 'A passphrase needs at least 8 characters.',
  'lock.problem.trivial': 'This PIN is too easy to guess (repeated digits or a sequence). Please choose another one.',
  'lock.problem.mismatch': 'The two entries do not match.',
  'lock.locked.title': 'Ratstisch is locked',
  'lock.locked.account': 'Signed in as {name}',
  'lock.locked.pin': 'PIN',
  'lock.locked.submit': 'Unlock',
  'lock.locked.working': 'Unlocking …',
  'lock.locked.device': 'Unlock with device lock',
  'lock.locked.deviceCancelled': 'Unlocking with the device lock was cancelled. You can try again or enter the PIN.',
  'lock.locked.deviceFailed': 'The device lock could not unlock Ratstisch. Please enter the PIN.',
  'lock.locked.wrong': 'Wrong PIN. {left} attempts left – after that the data of this account is deleted from this device.',
  'lock.locked.wrongLast': 'Wrong PIN. One attempt left – after that the data of this account is deleted from this device.',
  'lock.locked.wait': 'You can try again in {seconds} seconds.',
  'lock.locked.waitMinutes': 'You can try again in {minutes} minutes.',
  'lock.locked.empty': 'Please enter your PIN.',
  'lock.forgot': 'Forgot PIN?',
  'lock.forgot.explain':
    'Without the PIN the stored data cannot be decrypted any more. You will be signed out and this account’s data is deleted from this device. Then sign in again, choose a new PIN, and Ratstisch loads your meetings from the server again.',
  'lock.forgot.unsynced': 'Note: {count} changes on this device have not been sent yet and will be lost.',
  'lock.forgot.confirm': 'Sign out and delete data',
  'lock.forgot.cancel': 'Cancel',
  'lock.wiped':
    'A wrong PIN was entered ten times. To protect the documents, your account’s data was deleted from this device. Please sign in again and choose a new PIN.',
  'lock.forgotten': 'Your account’s data was deleted from this device. Please sign in again.',
  'lock.button': 'Lock',
  'lock.settings': 'App lock',
  'lock.settings.autoLock': 'Lock automatically after',
  'lock.settings.minutes': '{minutes} min without input',
  'lock.settings.saved': 'Saved: Ratstisch locks after {minutes} minutes without input.',
  'lock.settings.change': 'Change PIN',
  'lock.settings.current': 'Current PIN',
  'lock.settings.changed': 'The PIN was changed.',
  'lock.settings.device': 'Unlock with device lock',
  'lock.settings.deviceOn': 'Set up device lock',
  'lock.settings.deviceOff': 'Stop using the device lock',
  'lock.settings.deviceIsOn': 'Ratstisch can be unlocked with the device lock.',
  'lock.settings.deviceEnabled': 'The device lock is set up.',
  'lock.settings.deviceDisabled': 'Ratstisch now unlocks with the PIN only.',
  'lock.settings.deviceUnsupported': 'This device offers no suitable device lock.',
  'lock.settings.deviceCancelled': 'Setting up the device lock was cancelled.',
  'lock.settings.deviceNeedsPin': 'Please enter the PIN to set it up.',
}

const catalogues = { de: lockDe, en: lockEn } as const

/** The app lock message for `key` in the current locale with `{placeholders}` filled in. */
export function tl(key: LockKey, params?: MessageParams): string {
  const template: string = catalogues[currentLocale()][key] ?? lockDe[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
