/**
 * Everything that belongs to one signed-in user on this device, wired together: local database,
 * repo, catalogue, blob cache, outbox, notes, pinning and the sync status. Sync work runs in one
 * queue ("sync cycle"): refresh the manifest, delete what was revoked, send the outbox, reopen
 * documents with unconfirmed changes. A cycle runs at start, on every (re)connect to the relay and
 * when the browser comes back online.
 */
import { ApiError, isNetworkError, type ApiClient } from './api-client.ts'
import { Catalogue } from './catalogue.ts'
import { ChangeTracker } from './change-tracker.ts'
import { Emitter } from './emitter.ts'
import { FileCache } from './files.ts'
import type { LocalCipher } from './local-cipher.ts'
import { automergeDbName, clearObjectStore, deleteDatabase, type DeviceDb, type OutboxCommand, searchDbName, UserDb, userDbName } from './local-db.ts'
import { needsSealing, sealLegacyData } from './seal-legacy-data.ts'
import { MeetingCommandService } from './meeting-commands.ts'
import { MeetingPinner } from './meeting-pinner.ts'
import { AutoOffline } from './auto-offline.ts'
import { FileVersions } from './file-versions.ts'
import { PrivateUploads } from './private-uploads.ts'
import { NotesService } from './notes.ts'
import { Outbox } from './outbox.ts'
import { retryDelayMs } from './outbox-policy.ts'
import type { Me } from './relay-contract.ts'
import { PaperService } from './papers.ts'
import { RepoService } from './repo.ts'
import { SyncStatusService } from './sync-status.ts'
import { SearchService, type WatchedHandle } from '../search/search-service.ts'

export interface SessionEvents extends Record<string, unknown> {
  /** documents the user may no longer read were deleted from this device */
  revoked: string[]
}

export function syncUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`
}

export class Session extends Emitter<SessionEvents> {
  readonly repo: RepoService
  readonly catalogue: Catalogue
  readonly tracker: ChangeTracker
  readonly outbox: Outbox
  readonly files: FileCache
  readonly notes: NotesService
  readonly pinner: MeetingPinner
  /** which file versions the user opened (badges "geändert seit Sie es gelesen haben") */
  readonly fileVersions: FileVersions
  readonly autoOffline: AutoOffline
  readonly uploads: PrivateUploads
  readonly papers: PaperService
  readonly meetingCommands: MeetingCommandService
  readonly status: SyncStatusService
  /** local full-text search over what this device holds (index in a worker) */
  readonly search: SearchService
  private cycle: Promise<void> = Promise.resolve()
  private cycleQueued = false
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private probeTimer: ReturnType<typeof setInterval> | undefined
  private registeredNotes = new Set<string>()
  private stopped = false
  private readonly offs: (() => void)[] = []

  private constructor(
    readonly me: Me,
    readonly db: UserDb,
    readonly api: ApiClient,
    deviceId: string,
    /** encrypts what this user's session keeps at rest (documents, files, search index) */
    readonly cipher: LocalCipher,
  ) {
    super()
    this.catalogue = new Catalogue(db)
    this.repo = new RepoService({
      userId: me.id,
      deviceId,
      storageDbName: automergeDbName(me.id),
      cipher,
      syncUrl: syncUrl(),
      isShared: (id) => this.catalogue.has(id) || this.registeredNotes.has(id),
    })
    this.tracker = new ChangeTracker(db, this.repo)
    this.outbox = new Outbox(db)
    this.files = new FileCache(db, api)
    this.notes = new NotesService(me.id, db, this.repo, this.tracker, this.catalogue, this.outbox, api)
    this.pinner = new MeetingPinner(db, this.repo, this.catalogue, this.files, this.notes, api)
    this.fileVersions = new FileVersions(db)
    this.autoOffline = new AutoOffline(db, this.catalogue, this.pinner, me)
    this.uploads = new PrivateUploads(db, this.files, this.notes, this.tracker, this.outbox, this.repo, api)
    this.papers = new PaperService(db, api, this.repo, this.outbox, this.catalogue)
    this.meetingCommands = new MeetingCommandService(api, this.outbox)
    this.status = new SyncStatusService(this.repo, this.tracker, this.outbox)
    this.search = new SearchService({
      userId: me.id,
      cipher,
      catalogue: this.catalogue,
      pinner: this.pinner,
      repo: { find: <T>(url: string, timeoutMs?: number) => this.repo.find<T>(url, timeoutMs) as Promise<WatchedHandle<T>> },
      files: this.files,
    })
  }

  /** Opens the user's data with their data key (unlocked by the app lock: services/app-lock.ts). */
  static async open(me: Me, deviceId: string, api: ApiClient, device: DeviceDb, cipher: LocalCipher): Promise<Session> {
    // a sign-out whose database deletion is still pending must not delete the new session's data
    await device.pendingWipes.bulkDelete(userDatabases(me.id))
    const db = new UserDb(me.id, cipher)
    await db.open()
    // data of the version before encryption at rest: sealed before anything reads or syncs it
    if (await needsSealing(db)) console.info('sealed data left in the clear by the previous version', await sealLegacyData(db, automergeDbName(me.id)))
    const session = new Session(me, db, api, deviceId, cipher)
    await session.start()
    return session
  }

  private async start(): Promise<void> {
    await this.catalogue.load()
    this.registeredNotes = await this.notes.load()
    await this.tracker.load()
    await this.outbox.load()
    this.offs.push(
      this.repo.on('relay', ({ connected }) => connected && this.sync()),
      this.status.on('online', () => this.sync()),
      this.outbox.on('change', (count) => count > 0 && navigator.onLine && this.sync()),
      // a meeting part or paper that became readable may bring files a pinned meeting needs
      this.catalogue.on('change', () => this.pinner.refreshAll()),
      this.on('revoked', () => this.search.refresh()),
    )
    this.search.start()
    void this.tracker.reopenDirty()
    if (navigator.onLine) this.sync()
    // The socket hides why it fails (a 401 on the upgrade looks like any other failure): while the
    // relay seems unreachable, ask /api/me, whose 401 sends the user to the login view.
    this.probeTimer = setInterval(() => {
      if (this.stopped || !navigator.onLine || this.repo.relayConnection.connected) return
      this.api.request('/api/me', { timeoutMs: 5000 }).catch(() => undefined)
    }, 15_000)
  }

  /** Queues a sync cycle (at most one waiting behind the running one). */
  sync(): void {
    if (this.stopped || this.cycleQueued) return
    this.cycleQueued = true
    this.cycle = this.cycle.then(async () => {
      this.cycleQueued = false
      if (this.stopped || !navigator.onLine) return
      await this.status.track(() => this.runCycle()).catch((e) => console.warn('sync cycle failed', e))
    })
  }

  private async runCycle(): Promise<void> {
    clearTimeout(this.retryTimer)
    let removed
    try {
      removed = await this.catalogue.refresh(this.api)
    } catch (e) {
      if (isNetworkError(e) || (e instanceof ApiError && e.status === 401)) return
      throw e
    }
    if (removed.length) await this.revoke(removed.map((r) => r.documentId))
    const result = await this.outbox.flush((cmd) => this.execute(cmd))
    if (result.haltedBy === 'retry') {
      const delay = retryDelayMs(await this.outbox.maxAttempts())
      this.retryTimer = setTimeout(() => this.sync(), delay)
    }
    await this.tracker.reopenDirty()
    // pinned meetings stay current (their documents sync, new files follow); upcoming ones get pinned
    void this.pinner.watchAll()
    void this.autoOffline.run()
  }

  private execute(command: OutboxCommand): Promise<void> {
    switch (command.kind) {
      case 'register-notes':
        return this.notes.register(command)
      case 'paper-command':
        return this.papers.send(command)
      case 'meeting-command':
        return this.meetingCommands.send(command)
      case 'circular-answer':
        return this.meetingCommands.sendAnswer(command)
      case 'upload-file':
        return this.uploads.send(command)
    }
  }

  /** Deletes local copies of documents the user may no longer read, and their cached files. */
  private async revoke(documentIds: string[]): Promise<void> {
    const deleted: string[] = []
    for (const id of documentIds) {
      // unsynced own changes are never thrown away silently; without access they stay unshared
      if (this.tracker.isDirty(id)) continue
      this.repo.delete(id)
      deleted.push(id)
    }
    await this.files.dropDocuments(documentIds)
    const gone = new Set(documentIds.map((id) => `automerge:${id}`))
    await this.db.notes.filter((n) => n.registered && gone.has(n.url)).delete()
    this.emit('revoked', deleted)
  }

  /** Stops syncing; local data stays (e.g. the relay asked for a new sign-in). */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    clearTimeout(this.retryTimer)
    clearInterval(this.probeTimer)
    for (const off of this.offs) off()
    this.pinner.stopWatching()
    await this.search.dispose({ flush: true })
    this.status.dispose()
    this.tracker.dispose()
    await this.repo.shutdown().catch(() => undefined)
    this.db.close()
    this.clear()
  }

  /** Sign-out: stops and deletes everything this user had on this device. */
  async wipe(device: DeviceDb): Promise<void> {
    await this.stop()
    await wipeUserData(device, this.me.id)
  }
}

/** The IndexedDB databases that hold one user's data on this device. */
const userDatabases = (userId: string) => [userDbName(userId), automergeDbName(userId), searchDbName(userId)]

/**
 * Deletes everything a user had on this device (sign-out, "PIN vergessen", too many wrong PINs),
 * also when no session is open. The wrapped data key goes first: without it whatever could not
 * be deleted yet is unreadable.
 */
export async function wipeUserData(device: DeviceDb, userId: string): Promise<void> {
  await device.appLocks.delete(userId)
  await device.pendingWipes.bulkPut(userDatabases(userId).map((name) => ({ name })))
  // The storage adapter keeps its connection open; clearing through our own connection works
  // anyway, and the database itself is deleted on the next start (see wipePending).
  await clearObjectStore(automergeDbName(userId), 'documents').catch(() => undefined)
  for (const name of [userDbName(userId), searchDbName(userId)]) if (await deleteDatabase(name)) await device.pendingWipes.delete(name)
}

/** Deletes databases of signed-out users that could not be deleted while they were open. */
export async function wipePending(device: DeviceDb): Promise<void> {
  for (const { name } of await device.pendingWipes.toArray()) {
    if (await deleteDatabase(name, 2000)) await device.pendingWipes.delete(name)
  }
}
