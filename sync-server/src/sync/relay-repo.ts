/**
 * The relay's automerge-repo: filesystem storage, the gated WebSocket adapter, access answers
 * from the registry, acknowledged-means-durable flushing, and eviction of idle documents.
 */
import { Repo, type DocumentId, type PeerId, type DocHandle } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import type * as A from '@automerge/automerge'
import * as Automerge from '@automerge/automerge'
import path from 'node:path'
import { validateDocument } from '@ratstisch/domain'
import type { AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { GatedWebSocketAdapter } from './gated-websocket-adapter.ts'
import { SerializedStorageAdapter } from './serialized-storage.ts'

export const RELAY_PEER_ID = 'relay' as PeerId

export interface RelayRepoOptions {
  dataDir: string
  registry: AccessRegistry
  audit: AuditLog
  evictIdleMs: number
  findTimeoutMs?: number
  /**
   * Rules beyond the document's structure (e.g. who may edit which part of a paper in which
   * workflow state): problems with a writer's change, given the relay's copy before and the fork.
   */
  checkWrite?: (userId: string, type: string, before: A.Doc<unknown>, fork: A.Doc<unknown>, documentId: DocumentId) => string[] | Promise<string[]>
  /**
   * A writer's change passed every check and is handed to the repo now: side effects that depend
   * on what changed (notices to colleagues, refreshing meetings after a new file version).
   */
  afterWrite?: (userId: string, type: string, before: A.Doc<unknown>, fork: A.Doc<unknown>, documentId: DocumentId) => void
}

/** The faction of a faction-notes document: its one audience principal `org:<id>` (see defaultAccess). */
function factionOfAudience(entry: { type: string; writers: readonly string[] }): string | null {
  if (entry.type !== 'faction-notes' || entry.writers.length !== 1 || !entry.writers[0].startsWith('org:')) return null
  return entry.writers[0].slice('org:'.length)
}

export class RelayRepo {
  readonly repo: Repo
  readonly adapter: GatedWebSocketAdapter
  private readonly lastUsed = new Map<DocumentId, number>()
  private readonly followers = new Map<DocumentId, Set<PeerId>>()
  private readonly flushes = new Map<DocumentId, { running: Promise<void>; next?: Promise<void> }>()
  /** documents being evicted: requests for them wait until the eviction is over */
  private readonly evicting = new Map<DocumentId, Promise<void>>()
  private evictTimer?: NodeJS.Timeout
  private readonly findTimeoutMs: number

  constructor(private readonly options: RelayRepoOptions) {
    this.findTimeoutMs = options.findTimeoutMs ?? 15_000
    const { registry, audit } = options
    this.adapter = new GatedWebSocketAdapter({
      level: (userId, documentId) => registry.level(userId, documentId),
      loadDoc: (documentId) => this.localDoc(documentId),
      persist: (documentId) => this.persist(documentId),
      audit: (action, userId, target, detail) => audit.write(action, userId, target, detail),
      validateWrite: async (userId, documentId, fork) => {
        const entry = registry.get(documentId)
        if (!entry) throw new Error('unregistered document')
        const problems = validateDocument(entry.type, fork, { meetingId: entry.meetingId, ownerId: entry.ownerId, factionId: factionOfAudience(entry) })
        const before = problems.length || (!options.checkWrite && !options.afterWrite) ? undefined : await this.localDoc(documentId)
        if (before && options.checkWrite) problems.push(...(await options.checkWrite(userId, entry.type, before, fork, documentId)))
        if (problems.length) throw new Error(problems.slice(0, 5).join('; '))
        if (before) options.afterWrite?.(userId, entry.type, before, fork, documentId)
      },
      touched: (documentId, peerId) => {
        this.lastUsed.set(documentId, Date.now())
        let set = this.followers.get(documentId)
        if (!set) this.followers.set(documentId, (set = new Set()))
        set.add(peerId)
        return this.evicting.get(documentId)
      },
      peerGone: (peerId) => {
        for (const set of this.followers.values()) set.delete(peerId)
      },
    })
    this.repo = new Repo({
      storage: new SerializedStorageAdapter(new NodeFSStorageAdapter(path.join(options.dataDir, 'automerge'))),
      network: [this.adapter],
      peerId: RELAY_PEER_ID,
      // Clients ask for what their manifest lists; the relay pushes unrequested documents only to
      // the owner of a personal document (so a new note reaches the relay and the owner's devices).
      shareConfig: {
        announce: async (peerId, documentId) => {
          const userId = this.adapter.userOfPeer(peerId)
          return !!userId && !!documentId && registry.get(documentId)?.ownerId === userId
        },
        access: async (peerId, documentId) => {
          const userId = this.adapter.userOfPeer(peerId)
          return !!userId && registry.level(userId, documentId) !== null
        },
      },
    })
    if (options.evictIdleMs > 0) {
      this.evictTimer = setInterval(() => void this.evictIdle(), Math.min(options.evictIdleMs, 60_000))
      this.evictTimer.unref()
    }
    registry.onChange(() => this.repo.shareConfigChanged())
  }

  /** The relay's copy of a document, loaded from storage if needed. */
  async handle<T>(documentId: DocumentId): Promise<DocHandle<T>> {
    this.lastUsed.set(documentId, Date.now())
    await this.evicting.get(documentId)
    return this.repo.find<T>(documentId, { signal: AbortSignal.timeout(this.findTimeoutMs) })
  }

  async doc<T>(documentId: DocumentId): Promise<A.Doc<T> | undefined> {
    try {
      return (await this.handle<T>(documentId)).doc()
    } catch {
      return undefined
    }
  }

  /**
   * The relay's copy without asking the network: in memory, else from storage, else an empty
   * document (a personal document the relay has not received yet). Used by the sync gate, which must
   * not wait on the very peer whose message it is checking.
   */
  async localDoc(documentId: DocumentId): Promise<A.Doc<unknown>> {
    const handle = this.repo.handles[documentId]
    if (handle?.isReady()) return handle.doc() as A.Doc<unknown>
    const stored = await this.repo.storageSubsystem?.loadDoc<unknown>(documentId)
    return stored ?? Automerge.init()
  }

  /** Resolves when the document's current in-memory state is on disk (coalesces concurrent calls). */
  persist(documentId: DocumentId): Promise<void> {
    // A handle that is still loading or requesting has nothing of a client's to acknowledge yet.
    if (!this.repo.handles[documentId]?.isReady()) return Promise.resolve()
    const state = this.flushes.get(documentId)
    if (!state) {
      const running = this.repo.flush([documentId]).finally(() => {
        const s = this.flushes.get(documentId)
        if (s && s.running === running && !s.next) this.flushes.delete(documentId)
      })
      this.flushes.set(documentId, { running })
      return running
    }
    // A flush is under way but may have started before the latest change: queue exactly one more.
    state.next ??= state.running.then(() => {
      const s = this.flushes.get(documentId)
      if (s) s.next = undefined
      this.flushes.delete(documentId)
      return this.persist(documentId)
    })
    return state.next
  }

  /**
   * A document just registered by a client: ask the owner's connected devices for it. If none is
   * connected, the device sends it when it next syncs.
   */
  fetchFromPeers(documentId: DocumentId): void {
    this.repo.shareConfigChanged()
    void this.handle(documentId).catch(() => {})
  }

  /** Flushes and drops documents nobody follows and nobody used for a while. */
  async evictIdle(now = Date.now()): Promise<number> {
    let evicted = 0
    for (const documentId of Object.keys(this.repo.handles) as DocumentId[]) {
      if (this.evicting.has(documentId) || !this.isIdle(documentId, now)) continue
      // a failed eviction leaves the document loaded; whoever waits for it goes on either way
      const running = this.evict(documentId).catch((error: unknown) => {
        this.options.audit.write('evict-failed', null, documentId, { error: String(error) })
        return false
      })
      this.evicting.set(documentId, running.then(() => undefined))
      try {
        if (await running) evicted++
      } finally {
        this.evicting.delete(documentId)
      }
    }
    return evicted
  }

  private isIdle(documentId: DocumentId, now: number): boolean {
    if ((this.followers.get(documentId)?.size ?? 0) > 0) return false
    if (now - (this.lastUsed.get(documentId) ?? 0) < this.options.evictIdleMs) return false
    return !!this.repo.handles[documentId]?.isReady()
  }

  /**
   * Drops one idle document from memory once it is on disk. Someone who asks for it meanwhile
   * (a peer's message, `handle()`) waits for `evicting` and then gets a fresh copy from storage;
   * if they asked during the flush, the document stays.
   */
  private async evict(documentId: DocumentId): Promise<boolean> {
    const usedBefore = this.lastUsed.get(documentId)
    await this.repo.flush([documentId])
    if (this.lastUsed.get(documentId) !== usedBefore || (this.followers.get(documentId)?.size ?? 0) > 0) return false
    const handle = this.repo.handles[documentId]
    if (!handle?.isReady()) return false
    // Unloading replaces the handle's document with an empty one and announces that as a change:
    // the repo's save listener would then write the empty document over the stored one
    // (automerge-repo#435). The handle is dropped, so nobody needs to hear from it any more.
    handle.removeAllListeners()
    await this.repo.removeFromCache(documentId)
    this.lastUsed.delete(documentId)
    this.followers.delete(documentId)
    return true
  }

  get loadedDocuments(): number {
    return Object.keys(this.repo.handles).length
  }

  async shutdown(): Promise<void> {
    clearInterval(this.evictTimer)
    this.adapter.disconnect()
    // Repo.shutdown() flushes every handle and throws on ones still loading; flush the ready ones.
    const ready = Object.values(this.repo.handles).filter((h) => h.isReady()).map((h) => h.documentId)
    await this.repo.flush(ready)
  }
}
