/**
 * All user-visible strings of the app. German is the default and the source of the keys;
 * English shows the catalogue is complete and translatable. Placeholders: {name}.
 */
import { adminDe, adminEn } from './messages-admin.ts'
import { editorDe, editorEn } from './messages-editor.ts'
import { paperListsDe, paperListsEn } from './messages-paper-lists.ts'
import { papersDe, papersEn } from './messages-papers.ts'

const coreDe = {
  'app.name': 'Ratstisch',
  'app.skipLink': 'Zum Inhalt springen',
  'app.nav': 'Hauptnavigation',
  'app.nav.meetings': 'Sitzungen',
  'app.nav.papers': 'Vorlagen',
  'app.nav.overview': 'Führungsinfo',
  'app.nav.admin': 'Verwaltung',
  'app.signedInAs': 'Angemeldet als {name}',
  'app.logout': 'Abmelden',
  'app.logout.unsynced':
    'Es gibt Änderungen, die nur auf diesem Gerät gespeichert sind. Beim Abmelden werden alle lokalen Daten gelöscht. Trotzdem abmelden?',
  'app.starting': 'Ratstisch wird gestartet …',
  'app.update': 'Eine neue Version von Ratstisch ist aktiv.',
  'app.update.reload': 'Neu laden',
  'app.sessionExpired': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',

  'login.title': 'Anmelden',
  'login.intro': 'Melden Sie sich mit Ihrem Ratstisch-Zugang an.',
  'login.username': 'Benutzername',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.submitting': 'Anmeldung läuft …',
  'login.error.missing': 'Bitte Benutzername und Passwort eingeben',
  'login.error.invalid': 'Benutzername oder Passwort ist falsch',
  'login.error.throttled': 'Zu viele Versuche – bitte später erneut',
  'login.error.retryAfter': 'Neuer Versuch in etwa {minutes} Minuten möglich.',
  'login.error.network': 'Keine Verbindung zum Server – bitte prüfen Sie Ihre Internetverbindung',
  'login.error.server': 'Anmeldung fehlgeschlagen (Serverfehler {status}) – bitte später erneut versuchen',

  'sync.label': 'Synchronisation',
  'sync.synced': 'Synchronisiert',
  'sync.syncing': 'Synchronisiere …',
  'sync.offline': 'Offline',
  'sync.unreachable': 'Server nicht erreichbar',
  'sync.local-only': 'Änderungen nur auf diesem Gerät',

  'meetings.title': 'Sitzungen',
  'meetings.upcoming': 'Kommende Sitzungen',
  'meetings.past': 'Vergangene Sitzungen',
  'meetings.filter': 'Gremium',
  'meetings.filter.mine': 'Meine Gremien',
  'meetings.filter.all': 'Alle Gremien',
  'meetings.none': 'Keine Sitzungen.',
  'meetings.empty': 'Noch keine Sitzungen auf diesem Gerät. Sobald eine Verbindung zum Server besteht, werden sie geladen.',
  'meetings.loading': 'Sitzungen werden geladen …',
  'meetings.pinned': 'offline verfügbar',

  'state.planned': 'Geplant',
  'state.invited': 'Eingeladen',
  'state.running': 'Läuft',
  'state.held': 'Durchgeführt',
  'state.cancelled': 'Abgesagt',

  'meeting.back': 'Zurück zur Übersicht',
  'meeting.loading': 'Sitzung wird geladen …',
  'meeting.notFound': 'Sitzung nicht gefunden',
  'meeting.notFound.text': 'Diese Sitzung gibt es nicht, oder Sie haben keinen Zugriff darauf.',
  'meeting.unavailable':
    'Diese Sitzung ist noch nicht auf diesem Gerät gespeichert. Sobald eine Verbindung zum Server besteht, wird sie geladen.',
  'meeting.retry': 'Erneut versuchen',
  'meeting.details': 'Angaben zur Sitzung',
  'meeting.body': 'Gremium',
  'meeting.when': 'Datum und Zeit',
  'meeting.where': 'Ort',
  'meeting.state': 'Status',
  'meeting.agenda': 'Tagesordnung',
  'meeting.public': 'Öffentlicher Teil',
  'meeting.confidential': 'Nichtöffentlicher Teil',
  'meeting.noItems': 'Keine Tagesordnungspunkte.',
  'meeting.confidentialLoading': 'Nichtöffentlicher Teil wird geladen …',
  'meeting.confidentialUnavailable': 'Der nichtöffentliche Teil ist auf diesem Gerät nicht verfügbar.',
  'meeting.invitation': 'Einladung',
  'meeting.agendaPdf': 'Tagesordnung',
  'meeting.agendaPdfConfidential': 'Tagesordnung nichtöffentlicher Teil',

  'item.paper': 'Vorlage {reference}',
  'item.files': 'Dokumente zu {number}',
  'item.open': 'Öffnen',
  'item.openFile': '{name} öffnen',
  'item.pages.one': '1 Seite',
  'item.pages.other': '{count} Seiten',
  'item.editTitle': 'Titel bearbeiten',
  'item.editTitleOf': 'Titel von {number} bearbeiten',
  'item.titleInput': 'Neuer Titel von {number}',
  'item.save': 'Speichern',
  'item.cancel': 'Abbrechen',
  'item.titleEmpty': 'Der Titel darf nicht leer sein.',
  'item.note': 'Persönliche Notiz',
  'item.noteFor': 'zu {number}',
  'item.noteHint': 'Nur für Sie sichtbar, wird automatisch gespeichert.',
  'item.resolutionProposal': 'Beschlussvorschlag',

  'pin.make': 'Offline verfügbar machen',
  'pin.remove': 'Offline-Daten entfernen',
  'pin.working': 'Wird offline gespeichert …',
  'pin.progressLabel': 'Offline-Speicherung',
  'pin.progress': '{files} von {totalFiles} Dateien, {bytes} von {totalBytes}',
  'pin.done': 'Diese Sitzung ist offline verfügbar.',
  'pin.removed': 'Die Offline-Daten dieser Sitzung wurden entfernt.',
  'pin.failed': 'Offline-Speicherung fehlgeschlagen: {reason}',
  'pin.needsConnection': 'Dafür wird eine Verbindung zum Server benötigt.',

  'pdf.region': 'Dokument {name}',
  'pdf.close': 'Zurück zur Sitzung',
  'pdf.loading': 'Dokument wird geladen …',
  'pdf.error': 'Das Dokument konnte nicht geöffnet werden.',
  'pdf.notCached': 'Dieses Dokument ist nicht auf diesem Gerät gespeichert, und der Server ist nicht erreichbar.',
  'pdf.notFound': 'Dieses Dokument gehört nicht zu dieser Sitzung.',
  'pdf.prev': 'Vorherige Seite',
  'pdf.next': 'Nächste Seite',
  'pdf.pageInput': 'Seite',
  'pdf.pageOf': 'von {pages}',
  'pdf.pageStatus': 'Seite {page} von {pages}',
  'pdf.zoomIn': 'Vergrößern',
  'pdf.zoomOut': 'Verkleinern',
  'pdf.zoom': 'Zoom: {percent} %',
  'pdf.pageText': 'Text der Seite {page}',
  'pdf.download': 'Herunterladen',

  'notFound.title': 'Seite nicht gefunden',
  'notFound.text': 'Die Adresse {path} gibt es in Ratstisch nicht.',
  'notFound.home': 'Zur Sitzungsübersicht',
  'error.title': 'Es ist ein Fehler aufgetreten',
  'error.reload': 'Neu laden',

  'error.offline': 'Keine Verbindung zum Server',
  'error.notFound': 'Nicht gefunden',
  'error.integrity': 'Die heruntergeladene Datei ist beschädigt (Prüfsumme stimmt nicht)',
  'error.server': 'Serverfehler {status}',
} as const

/** Feature catalogues live in their own files (messages-<feature>.ts) and are merged here. */
export const de = { ...coreDe, ...adminDe, ...papersDe, ...paperListsDe, ...editorDe } as const

export type MessageKey = keyof typeof de
export type Messages = Record<MessageKey, string>

const coreEn: Record<keyof typeof coreDe, string> = {
  'app.name': 'Ratstisch',
  'app.skipLink': 'Skip to content',
  'app.nav': 'Main navigation',
  'app.nav.meetings': 'Meetings',
  'app.nav.papers': 'Papers',
  'app.nav.overview': 'Executive overview',
  'app.nav.admin': 'Administration',
  'app.signedInAs': 'Signed in as {name}',
  'app.logout': 'Sign out',
  'app.logout.unsynced':
    'Some changes are only stored on this device. Signing out deletes all local data. Sign out anyway?',
  'app.starting': 'Starting Ratstisch …',
  'app.update': 'A new version of Ratstisch is active.',
  'app.update.reload': 'Reload',
  'app.sessionExpired': 'Your session has expired. Please sign in again.',

  'login.title': 'Sign in',
  'login.intro': 'Sign in with your Ratstisch account.',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in …',
  'login.error.missing': 'Please enter user name and password',
  'login.error.invalid': 'User name or password is wrong',
  'login.error.throttled': 'Too many attempts – please try again later',
  'login.error.retryAfter': 'You can try again in about {minutes} minutes.',
  'login.error.network': 'No connection to the server – please check your internet connection',
  'login.error.server': 'Sign-in failed (server error {status}) – please try again later',

  'sync.label': 'Synchronisation',
  'sync.synced': 'Synchronised',
  'sync.syncing': 'Synchronising …',
  'sync.offline': 'Offline',
  'sync.unreachable': 'Server unreachable',
  'sync.local-only': 'Changes only on this device',

  'meetings.title': 'Meetings',
  'meetings.upcoming': 'Upcoming meetings',
  'meetings.past': 'Past meetings',
  'meetings.filter': 'Body',
  'meetings.filter.mine': 'My bodies',
  'meetings.filter.all': 'All bodies',
  'meetings.none': 'No meetings.',
  'meetings.empty': 'No meetings on this device yet. They are loaded as soon as the server can be reached.',
  'meetings.loading': 'Loading meetings …',
  'meetings.pinned': 'available offline',

  'state.planned': 'Planned',
  'state.invited': 'Invited',
  'state.running': 'In progress',
  'state.held': 'Held',
  'state.cancelled': 'Cancelled',

  'meeting.back': 'Back to the overview',
  'meeting.loading': 'Loading meeting …',
  'meeting.notFound': 'Meeting not found',
  'meeting.notFound.text': 'This meeting does not exist, or you have no access to it.',
  'meeting.unavailable': 'This meeting is not stored on this device yet. It is loaded as soon as the server can be reached.',
  'meeting.retry': 'Try again',
  'meeting.details': 'Meeting details',
  'meeting.body': 'Body',
  'meeting.when': 'Date and time',
  'meeting.where': 'Location',
  'meeting.state': 'State',
  'meeting.agenda': 'Agenda',
  'meeting.public': 'Public part',
  'meeting.confidential': 'Non-public part',
  'meeting.noItems': 'No agenda items.',
  'meeting.confidentialLoading': 'Loading the non-public part …',
  'meeting.confidentialUnavailable': 'The non-public part is not available on this device.',
  'meeting.invitation': 'Invitation',
  'meeting.agendaPdf': 'Agenda',
  'meeting.agendaPdfConfidential': 'Agenda of the non-public part',

  'item.paper': 'Paper {reference}',
  'item.files': 'Documents for {number}',
  'item.open': 'Open',
  'item.openFile': 'Open {name}',
  'item.pages.one': '1 page',
  'item.pages.other': '{count} pages',
  'item.editTitle': 'Edit title',
  'item.editTitleOf': 'Edit title of {number}',
  'item.titleInput': 'New title of {number}',
  'item.save': 'Save',
  'item.cancel': 'Cancel',
  'item.titleEmpty': 'The title must not be empty.',
  'item.note': 'Personal note',
  'item.noteFor': 'on {number}',
  'item.noteHint': 'Only visible to you, saved automatically.',
  'item.resolutionProposal': 'Proposed resolution',

  'pin.make': 'Make available offline',
  'pin.remove': 'Remove offline data',
  'pin.working': 'Saving for offline use …',
  'pin.progressLabel': 'Saving for offline use',
  'pin.progress': '{files} of {totalFiles} files, {bytes} of {totalBytes}',
  'pin.done': 'This meeting is available offline.',
  'pin.removed': 'The offline data of this meeting was removed.',
  'pin.failed': 'Saving for offline use failed: {reason}',
  'pin.needsConnection': 'This needs a connection to the server.',

  'pdf.region': 'Document {name}',
  'pdf.close': 'Back to the meeting',
  'pdf.loading': 'Loading document …',
  'pdf.error': 'The document could not be opened.',
  'pdf.notCached': 'This document is not stored on this device and the server cannot be reached.',
  'pdf.notFound': 'This document does not belong to this meeting.',
  'pdf.prev': 'Previous page',
  'pdf.next': 'Next page',
  'pdf.pageInput': 'Page',
  'pdf.pageOf': 'of {pages}',
  'pdf.pageStatus': 'Page {page} of {pages}',
  'pdf.zoomIn': 'Zoom in',
  'pdf.zoomOut': 'Zoom out',
  'pdf.zoom': 'Zoom: {percent} %',
  'pdf.pageText': 'Text of page {page}',
  'pdf.download': 'Download',

  'notFound.title': 'Page not found',
  'notFound.text': 'The address {path} does not exist in Ratstisch.',
  'notFound.home': 'To the meeting overview',
  'error.title': 'An error occurred',
  'error.reload': 'Reload',

  'error.offline': 'No connection to the server',
  'error.notFound': 'Not found',
  'error.integrity': 'The downloaded file is damaged (checksum mismatch)',
  'error.server': 'Server error {status}',
}

export const en: Messages = { ...coreEn, ...adminEn, ...papersEn, ...paperListsEn, ...editorEn }

const catalogues = { de, en } as const
export type Locale = keyof typeof catalogues
export const LOCALES: readonly Locale[] = ['de', 'en']

/** BCP 47 tags used for Intl formatting. */
export const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' }

let current: Locale = 'de'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function setLocale(locale: Locale): void {
  current = locale
}

export function currentLocale(): Locale {
  return current
}

export type MessageParams = Record<string, string | number>

/** The message for `key` in the current locale with `{placeholders}` filled in. */
export function t(key: MessageKey, params?: MessageParams, locale: Locale = current): string {
  const template: string = catalogues[locale][key] ?? de[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
