/**
 * Client-local data in IndexedDB (Dexie).
 *
 * `DeviceDb` is shared by everyone using this browser profile: the device id (part of the sync peer
 * id), the last signed-in account (so the app opens offline), databases to wipe on next start.
 * `UserDb` belongs to one user and is deleted on logout: catalogue, blob cache, outbox, unconfirmed
 * changes, pinned meetings, the user's notes documents and the last staff paper list.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { CircularAnswer, DocType, MeetingCommand } from '@ratstisch/domain'
import type { Me, MeetingMeta } from './relay-contract.ts'

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

export class DeviceDb extends Dexie {
  declare settings: EntityTable<SettingRow, 'key'>
  declare accounts: EntityTable<AccountRow, 'userId'>
  declare pendingWipes: EntityTable<PendingWipeRow, 'name'>

  constructor(name = 'ratstisch-device') {
    super(name)
    this.version(1).stores({ settings: '&key', accounts: '&userId', pendingWipes: '&name' })
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
  blob: Blob
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

export interface OutboxRow {
  id?: number
  command: OutboxCommand
  createdAt: string
  attempts: number
  lastError?: string
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

/** The last staff paper list (GET /api/papers) as received, shown offline with its time. */
export interface PaperListRow {
  key: 'staff'
  /** the relay's JSON text: one string stores and loads far faster than thousands of objects */
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

export class UserDb extends Dexie {
  declare catalogue: EntityTable<CatalogueRow, 'documentId'>
  declare blobs: EntityTable<BlobRow, 'sha256'>
  declare outbox: EntityTable<OutboxRow, 'id'>
  declare dirty: EntityTable<DirtyRow, 'documentId'>
  declare pins: EntityTable<PinRow, 'meetingId'>
  declare notes: EntityTable<NotesRow, 'meetingId'>
  declare kv: EntityTable<KeyValueRow, 'key'>
  declare paperLists: EntityTable<PaperListRow, 'key'>

  constructor(userId: string) {
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
