/**
 * The user's automerge-repo: IndexedDB storage (sealed with the user's data key, see
 * encrypted-storage-adapter.ts) and one WebSocket to the relay at /sync.
 *
 * - The peer id is bound to the user ("u-<userId>-<device>", see peerIdPrefix): the relay closes
 *   sockets announcing anything else.
 * - Only documents the relay knows about (catalogue, registered notes) are announced; a freshly
 *   created notes document stays local until POST /api/documents registered it.
 * - `find` never waits unbounded (repo.find/whenReady can hang for a minute).
 */
import { Repo, type AutomergeUrl, type DocHandle, type DocumentId, type PeerId, type PeerMetadata, type StorageId } from '@automerge/automerge-repo'
import { BrowserWebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket'
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb'
import { peerIdPrefix } from '@ratstisch/domain'
import { Emitter } from './emitter.ts'
import { EncryptedStorageAdapter } from './encrypted-storage-adapter.ts'
import type { LocalCipher } from './local-cipher.ts'
import { documentIdOf } from './relay-contract.ts'

export interface RelayConnection {
  connected: boolean
  peerId?: PeerId
  storageId?: StorageId
}

export interface RepoServiceEvents extends Record<string, unknown> {
  relay: RelayConnection
}

export interface RepoServiceOptions {
  userId: string
  deviceId: string
  storageDbName: string
  /** seals every stored document chunk */
  cipher: LocalCipher
  syncUrl: string
  /** whether the relay may see/ask for this document (it is in the catalogue or registered) */
  isShared: (documentId: string) => boolean
  retryIntervalMs?: number
}

/**
 * The WebSocket adapter with an off switch: the stock adapter keeps reconnecting from timers even
 * after `disconnect()`, which would reopen the socket while we show "offline" or after logout.
 */
class RelaySocketAdapter extends BrowserWebSocketClientAdapter {
  held = false

  override connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    if (this.held) {
      // remember who we are for resume(); the repo calls connect once, possibly while held
      this.peerId = peerId
      this.peerMetadata = peerMetadata ?? this.peerMetadata
      return
    }
    super.connect(peerId, peerMetadata)
  }

  override disconnect(): void {
    if (this.socket && this.peerId) super.disconnect()
  }

  /**
   * The relay's sync state is kept in memory only (the relay counts as ephemeral for
   * persistence; its storage id still tells which heads the relay has stored). A persisted sync
   * state can outlive the document changes it vouches for: a reload or crash before the throttled
   * document save loses changes the saved sync state says we have, and neither side would send
   * them again. Starting each connection from the heads both sides really hold avoids that.
   */
  override peerCandidate(remotePeerId: PeerId, peerMetadata: PeerMetadata): void {
    super.peerCandidate(remotePeerId, { ...peerMetadata, isEphemeral: true })
  }
}

export class FindTimeoutError extends Error {
  constructor(url: string) {
    super(`document ${url} did not become ready in time`)
    this.name = 'FindTimeoutError'
  }
}

export class RepoService extends Emitter<RepoServiceEvents> {
  readonly repo: Repo
  readonly peerId: PeerId
  private readonly network: RelaySocketAdapter
  private relay: RelayConnection = { connected: false }

  constructor(options: RepoServiceOptions) {
    super()
    this.peerId = `${peerIdPrefix(options.userId)}${options.deviceId}` as PeerId
    this.network = new RelaySocketAdapter(options.syncUrl, options.retryIntervalMs ?? 2000)
    this.repo = new Repo({
      storage: new EncryptedStorageAdapter(new IndexedDBStorageAdapter(options.storageDbName), options.cipher),
      network: [this.network],
      peerId: this.peerId,
      shareConfig: {
        // announce only what the relay knows; an unregistered notes document would be refused
        announce: async (_peer, documentId) => !!documentId && options.isShared(documentId),
        // the relay is our only peer: answer whatever it asks for (e.g. right after registration)
        access: async () => true,
      },
    })
    this.network.on('peer-candidate', ({ peerId, peerMetadata }) => {
      this.relay = { connected: true, peerId, storageId: peerMetadata?.storageId }
      this.emit('relay', this.relay)
    })
    this.network.on('peer-disconnected', () => {
      this.relay = { connected: false }
      this.emit('relay', this.relay)
    })
  }

  get relayConnection(): RelayConnection {
    return this.relay
  }

  /** Drops the socket (browser reports offline) so nothing is sent while we show "offline". */
  pause(): void {
    if (this.network.held) return
    this.network.held = true
    this.network.disconnect()
    if (this.relay.connected) {
      this.relay = { connected: false }
      this.emit('relay', this.relay)
    }
  }

  resume(): void {
    if (!this.network.held) return
    this.network.held = false
    this.network.connect(this.peerId, this.network.peerMetadata)
  }

  /** Reconnects now instead of waiting for the adapter's retry timer. */
  reconnect(): void {
    if (this.network.held) return
    this.network.disconnect()
    this.network.connect(this.peerId, this.network.peerMetadata)
  }

  /**
   * The ready handle of a document, from local storage or the relay. Rejects after `timeoutMs`.
   * A document that was unavailable earlier (e.g. offline) is waited for again while connected.
   */
  async find<T>(url: string, timeoutMs = 20_000): Promise<DocHandle<T>> {
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      return await this.repo.find<T>(url as AutomergeUrl, { signal })
    } catch (e) {
      const cached = this.repo.handles[documentIdOf(url) as DocumentId] as DocHandle<T> | undefined
      if (!cached || !this.relay.connected || signal.aborted || cached.isDeleted()) throw this.translate(e, url)
      try {
        await cached.whenReady(['ready'], { signal })
        return cached
      } catch (e2) {
        throw this.translate(e2, url)
      }
    }
  }

  private translate(e: unknown, url: string): Error {
    if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return new FindTimeoutError(url)
    return e instanceof Error ? e : new Error(String(e))
  }

  create<T>(initial: T): DocHandle<T> {
    return this.repo.create<T>(initial)
  }

  /** The relay's acknowledged heads for a document, if it told us during this connection. */
  relayHeads(handle: DocHandle<unknown>): string[] | undefined {
    const storageId = this.relay.storageId
    if (!storageId) return undefined
    return handle.getSyncInfo(storageId)?.lastHeads as string[] | undefined
  }

  /** Re-evaluates which documents are shared with the relay (after registering a document). */
  sharingChanged(): void {
    this.repo.shareConfigChanged()
  }

  async flush(documentIds: string[]): Promise<void> {
    await this.repo.flush(documentIds as DocumentId[])
  }

  delete(documentId: string): void {
    this.repo.delete(documentId as DocumentId)
  }

  async shutdown(): Promise<void> {
    this.clear()
    this.network.held = true
    try {
      await this.repo.flush()
    } catch {
      // nothing left to save
    }
    await this.repo.shutdown()
  }
}
