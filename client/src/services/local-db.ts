/**
 * Client-local data in IndexedDB (Dexie).
 *
 * `DeviceDb` is shared by everyone using this browser profile: the device id (part of the sync peer
 * id), the last signed-in account (so the app opens offline), databases to wipe on next start.
 * `UserDb` belongs to one user and is deleted on logout: catalogue, blob cache, outbox, unconfirmed
 * changes, pinned meetings, the user's notes documents and the last staff paper list.
 *
 * Encryption at rest: whatever holds content (file bytes, outbox commands, the paper list, copies of
 * relay answers in `cache`) is sealed with the user's data key (LocalCipher, unlocked by the app
 * lock); ids, hashes, sizes and dates stay plain so that lists, indexes and clean-up work without
 * it. `kv` is plain and therefore holds no content: settings and ids only.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { CircularAnswer, DocType, MeetingCommand } from '@ratstisch/domain'
import type { LocalCipher } from './local-cipher.ts'
import type { Me, MeetingMeta } from './relay-contract.ts'
import { SealedKeyValues, type SealedValueRow } from './sealed-key-values.ts'

export interface SettingRow {
  key: string
  value: string
}

export interface AccountRow {
  userId: string
  me: Me
  lastSignIn: string
}

export interface PendingWipeRow {
  name: string
}

/** Unlocking the data key with the platform authenticator (WebAuthn PRF). */
export interface DeviceUnlockRow {
  credentialId: Uint8Array<ArrayBuffer>
  /** PRF input; the PRF output derives the key that wraps the data key */
  salt: Uint8Array<ArrayBuffer>
  /** the data key wrapped by the PRF-derived key: 12-byte IV | AES-GCM ciphertext */
  wrapped: Uint8Array<ArrayBuffer>
}

/** One user's app lock on this device (services/app-lock.ts): the data key, wrapped, never in the clear. */
export interface AppLockRow {
  userId: string
  /** digits only or a passphrase (decides the keyboard on the lock screen) */
  kind: 'pin' | 'passphrase'
  /** PBKDF2-SHA-256 salt and iterations of the PIN key */
  salt: Uint8Array<ArrayBuffer>
  iterations: number
  /** the data key wrapped by the PIN key: 12-byte IV | AES-GCM ciphertext */
  wrapped: Uint8Array<ArrayBuffer>
  device?: DeviceUnlockRow
  /** wrong PINs in a row (an attempt counts as wrong until it succeeded) */
  failures: number
  /** no PIN attempt before this time (ms since the epoch) */
  notBefore: number
  autoLockMinutes: number
}

export class DeviceDb extends Dexie {
  declare settings: EntityTable<SettingRow, 'key'>
  declare accounts: EntityTable<AccountRow, 'userId'>
  declare pendingWipes: EntityTable<PendingWipeRow, 'name'>
  declare appLocks: EntityTable<AppLockRow, 'userId'>

  constructor(name = 'ratstisch-device') {
    super(name)
    this.version(1).stores({ settings: '&key', accounts: '&userId', pendingWipes: '&name' })
    this.version(2).stores({ appLocks: '&userId' })
  }

  async getSetting(key: string): Promise<string | undefined> {
    return (await this.settings.get(key))?.value
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.settings.put({ key, value })
  }
}

export interface CatalogueRow {
  documentId: string
  url: string
  type: DocType
  access: 'read' | 'write'
  meeting?: string
  meta?: MeetingMeta
}

export interface BlobRow {
  sha256: string
  /** the file's bytes sealed with the user's data key (FileCache opens them) */
  blob: Blob
  /** size of the file itself (not of the sealed bytes) */
  size: number
  mime: string
  /** documents whose file references made us download it; emptied by revocation or unpinning */
  documents: string[]
  storedAt: string
}

export type OutboxCommand =
  | { kind: 'register-notes'; meetingId: string; url: string }
  | {
      kind: 'paper-command'
      paperId: string
      /** body of POST /api/papers/:id/commands */
      command: {
        id: string
        action: string
        clientAt: string
        comment?: string
        departments?: string[]
        dueDate?: string
        consultationId?: string
        result?: string
      }
    }
  | {
      kind: 'meeting-command'
      meetingId: string
      /** body of POST /api/meetings/:id/commands (MeetingCommand) */
      command: MeetingCommand
    }
  | {
      kind: 'circular-answer'
      circularId: string
      /** body of POST /api/circulars/:id/answer */
      command: { id: string; answer: CircularAnswer; clientAt: string }
    }
  | {
      /** a member's private document (PrivateUpload `uploadId` in their notes of the meeting); bytes wait in the blob cache */
      kind: 'upload-file'
      meetingId: string
      uploadId: string
      sha256: string
      name: string
      mime: string
      itemId?: string
    }

/** What the outbox hands out: the command opened. */
export interface OutboxRow {
  id?: number
  command: OutboxCommand
  createdAt: string
  attempts: number
  lastError?: string
}

/** The ids of a command, kept plain next to the sealed command (outboxEnvelope). */
export interface OutboxEnvelope {
  kind: OutboxCommand['kind']
  meetingId?: string
  paperId?: string
  circularId?: string
  uploadId?: string
  sha256?: string
  url?: string
}

/** An outbox row as stored: commands may carry text (minutes sections, comments, file names). */
export interface StoredOutboxRow {
  id?: number
  command: OutboxEnvelope
  /** the whole command, sealed (JSON) */
  sealed: Uint8Array<ArrayBuffer>
  createdAt: string
  attempts: number
  lastError?: string
}

/** The plain ids of a command: enough to find a meeting's or an upload's commands without the key. */
export function outboxEnvelope(command: OutboxCommand): OutboxEnvelope {
  const c = command as OutboxCommand & Partial<Record<'meetingId' | 'paperId' | 'circularId' | 'uploadId' | 'sha256' | 'url', string>>
  const envelope: OutboxEnvelope = { kind: c.kind }
  for (const field of ['meetingId', 'paperId', 'circularId', 'uploadId', 'sha256', 'url'] as const) if (typeof c[field] === 'string') envelope[field] = c[field]
  return envelope
}

export interface DirtyRow {
  documentId: string
  since: string
}

export interface PinRow {
  meetingId: string
  pinnedAt: string
  files: string[]
  bytes: number
  /** pinned by "keep upcoming meetings offline": unpinned again some days after the meeting */
  auto?: boolean
  /** sha256 -> size of the pinned files (several meetings may share one) */
  sizes?: Record<string, number>
  /** documents kept for the meeting and an estimate of their stored size */
  documents?: string[]
  documentBytes?: number
  /** files or documents the last run could not fetch (offline, removed) */
  missing?: number
  refreshedAt?: string
}

export interface NotesRow {
  meetingId: string
  url: string
  /** confirmed by POST /api/documents (or listed in the manifest) */
  registered: boolean
}

export interface KeyValueRow {
  key: string
  value: string
}

/**
 * The last staff paper list (GET /api/papers) as received, shown offline with its time. Its
 * content is sealed: `{ body, departmentNames }` as JSON, where `body` is the relay's JSON text (one
 * string stores and loads far faster than thousands of objects).
 */
export interface PaperListRow {
  key: 'staff'
  sealed: Uint8Array<ArrayBuffer>
  etag: string | null
  /** serverTime of the list */
  serverTime: string
  /** when the relay last confirmed it (200 or 304) */
  confirmedAt: string
}

/** A paper list row of a version before encryption at rest (sealed on the first unlock). */
export interface PlainPaperListRow {
  key: 'staff'
  body: string
  etag: string | null
  /** serverTime of the list */
  serverTime: string
  /** when the relay last confirmed it (200 or 304) */
  confirmedAt: string
  /** department id -> name (GET /api/structure/departments), for departments asked to co-sign */
  departmentNames?: Record<string, string>
}

export const userDbName = (userId: string): string => `ratstisch-user-${userId}`
export const automergeDbName = (userId: string): string => `ratstisch-automerge-${userId}`
/** the local search index (client/src/search), deleted with the user's other data */
export const searchDbName = (userId: string): string => `ratstisch-search-${userId}`

/** kv marker: this database comes from a version that stored content in the clear (seal-legacy-data.ts) */
export const PLAIN_DATA_MARKER = 'at-rest:plain-data'

export class UserDb extends Dexie {
  declare catalogue: EntityTable<CatalogueRow, 'documentId'>
  declare blobs: EntityTable<BlobRow, 'sha256'>
  declare outbox: EntityTable<StoredOutboxRow, 'id'>
  declare dirty: EntityTable<DirtyRow, 'documentId'>
  declare pins: EntityTable<PinRow, 'meetingId'>
  declare notes: EntityTable<NotesRow, 'meetingId'>
  /** plain: settings and ids only, never content (see `cache`) */
  declare kv: EntityTable<KeyValueRow, 'key'>
  declare paperLists: EntityTable<PaperListRow, 'key'>
  declare sealedValues: EntityTable<SealedValueRow, 'key'>
  /** copies of relay answers that carry content (paper entries, queues, resolutions), sealed */
  readonly cache: SealedKeyValues

  constructor(
    userId: string,
    /** the user's data key: everything with content is sealed with it */
    readonly cipher: LocalCipher,
  ) {
    super(userDbName(userId))
    this.version(1).stores({
      catalogue: '&documentId, type, meeting',
      blobs: '&sha256, *documents',
      outbox: '++id',
      dirty: '&documentId',
      pins: '&meetingId',
      notes: '&meetingId',
      kv: '&key',
    })
    this.version(2).stores({ paperLists: '&key' })
    // Encryption at rest. Upgrades run without the key (and cannot await WebCrypto inside the
    // upgrade transaction): mark the database, Session.open seals the old plain content.
    this.version(3)
      .stores({ sealedValues: '&key' })
      .upgrade((tx) => tx.table('kv').put({ key: PLAIN_DATA_MARKER, value: new Date().toISOString() }))
    this.cache = new SealedKeyValues(this.sealedValues, cipher)
  }
}

/** Deletes an IndexedDB database; resolves false when other connections block it. */
export function deleteDatabase(name: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    const timer = setTimeout(() => resolve(false), timeoutMs)
    req.onsuccess = () => {
      clearTimeout(timer)
      resolve(true)
    }
    req.onerror = () => {
      clearTimeout(timer)
      resolve(false)
    }
    req.onblocked = () => {
      // stays pending until the blocking connections close; the caller retries on next start
    }
  })
}

/** Empties an object store through a connection of our own (works while other connections are open). */
export function clearObjectStore(dbName: string, store: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName)
    let absent = false
    open.onerror = () => (absent ? resolve() : reject(open.error))
    open.onupgradeneeded = () => {
      // The database did not exist: nothing to clear. Abort so we do not create it without its
      // object store (the storage adapter would then never get its upgrade).
      absent = true
      open.transaction?.abort()
    }
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains(store)) {
        db.close()
        resolve()
        return
      }
      const tx = db.transaction(store, 'readwrite')
      tx.objectStore(store).clear()
      tx.oncomplete = () => {
        db.close()
        resolve()
      }
      tx.onerror = () => {
        db.close()
        reject(tx.error)
      }
    }
  })
}

/** Opens a database only if it exists (an upgrade would create it empty, without its stores). */
export function openExistingDatabase(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    let absent = false
    open.onupgradeneeded = () => {
      absent = true
      open.transaction?.abort()
    }
    open.onerror = () => (absent ? resolve(undefined) : reject(open.error))
    open.onsuccess = () => resolve(open.result)
  })
}

/**
 * Changes of a user not yet confirmed by the relay (outbox commands and documents with local
 * changes), counted without the data key: the lock screen warns before "PIN vergessen" deletes them.
 */
export async function unsyncedChanges(userId: string): Promise<number> {
  const idb = await openExistingDatabase(userDbName(userId)).catch(() => undefined)
  if (!idb) return 0
  try {
    const stores = ['outbox', 'dirty'].filter((s) => idb.objectStoreNames.contains(s))
    if (!stores.length) return 0
    const tx = idb.transaction(stores, 'readonly')
    const counts = await Promise.all(
      stores.map(
        (s) =>
          new Promise<number>((resolve, reject) => {
            const req = tx.objectStore(s).count()
            req.onsuccess = () => resolve(req.result)
            req.onerror = () => reject(req.error)
          }),
      ),
    )
    return counts.reduce((a, b) => a + b, 0)
  } finally {
    idb.close()
  }
}
