/**
 * The relay's side of the automerge-repo WebSocket protocol, with access control.
 *
 * automerge-repo trusts whatever peer id and messages arrive. This adapter replaces the stock
 * WebSocketServerAdapter and, per authenticated socket:
 *  - binds the announced peer id to the signed-in user (u-<userId>-<device>), never lets one
 *    socket take over another user's peer id;
 *  - answers requests for documents the user may not read with "doc-unavailable" (the repo never
 *    sees them);
 *  - drops every change from a read-only peer that the relay does not already have, closes the
 *    socket with 1008 (policy violation) and writes an audit entry;
 *  - closes sockets whose messages do not decode, without affecting anyone else;
 *  - sends a sync message only after the document is flushed to storage, so a change the relay
 *    acknowledges (heads in its reply) survives a crash;
 *  - sends nothing about a document to a peer that may not read it (defence in depth).
 */
import { NetworkAdapter, cbor, isValidDocumentId, type Message, type PeerId, type PeerMetadata, type DocumentId } from '@automerge/automerge-repo'
import { isPeerIdOf } from '@ratstisch/domain'
import type { WebSocket } from 'ws'
import { decodeSyncData, syncMessageEffect } from './sync-message-inspector.ts'
import type * as A from '@automerge/automerge'

export const CLOSE_POLICY = 1008
export const CLOSE_MALFORMED = 1007
export const CLOSE_REVOKED = 4401

/** What the adapter needs from the rest of the relay. */
export interface SyncGateHooks {
  level(userId: string, documentId: string): 'read' | 'write' | null
  /** the relay's current copy of a document, never waiting on the network (empty if it has none) */
  loadDoc(documentId: DocumentId): Promise<A.Doc<unknown>>
  /** resolves once the document's current state is on disk */
  persist(documentId: DocumentId): Promise<void>
  /** a writer's changes applied to a fork, before they reach the repo; throw to reject (schema validation) */
  validateWrite?(userId: string, documentId: DocumentId, fork: A.Doc<unknown>): Promise<void>
  audit(action: string, userId: string, target: string | null, detail?: Record<string, unknown>): void
  /**
   * a peer syncs a document (used to keep it in memory while someone follows it); a returned
   * promise holds the message back until the document may be handed to the repo (an eviction of
   * it that is under way has finished)
   */
  touched?(documentId: DocumentId, peerId: PeerId): Promise<void> | void
  /** a peer went away */
  peerGone?(peerId: PeerId): void
}

interface Connection {
  socket: WebSocket
  userId: string
  /** the signed-in session (hash of its token) the socket was opened with */
  sessionKey: string | undefined
  peerId?: PeerId
  alive: boolean
  incoming: Promise<void>
  outgoing: Promise<void>
  closed: boolean
}

type Wire = Record<string, unknown> & { type?: unknown; senderId?: unknown; targetId?: unknown }

export class GatedWebSocketAdapter extends NetworkAdapter {
  private readonly connections = new Set<Connection>()
  private readonly byPeer = new Map<PeerId, Connection>()
  private ready = false
  private resolveReady!: () => void
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve))
  private keepAlive?: NodeJS.Timeout

  constructor(
    private readonly hooks: SyncGateHooks,
    private readonly keepAliveMs = 30_000,
  ) {
    super()
  }

  isReady(): boolean {
    return this.ready
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId
    this.peerMetadata = peerMetadata
    this.ready = true
    this.resolveReady()
    this.keepAlive = setInterval(() => {
      for (const conn of this.connections) {
        if (!conn.alive) {
          conn.socket.terminate()
          continue
        }
        conn.alive = false
        conn.socket.ping()
      }
    }, this.keepAliveMs)
    this.keepAlive.unref()
  }

  disconnect(): void {
    clearInterval(this.keepAlive)
    for (const conn of [...this.connections]) this.close(conn, 1001, 'relay shutting down')
  }

  /** Number of open sync sockets (for /health and tests). */
  get connectionCount(): number {
    return this.connections.size
  }

  /** Takes over an upgraded, authenticated socket. */
  accept(socket: WebSocket, userId: string, sessionKey?: string): void {
    const conn: Connection = {
      socket,
      userId,
      sessionKey,
      alive: true,
      incoming: Promise.resolve(),
      outgoing: Promise.resolve(),
      closed: false,
    }
    this.connections.add(conn)
    socket.binaryType = 'nodebuffer'
    socket.on('pong', () => (conn.alive = true))
    socket.on('close', () => this.forget(conn))
    socket.on('error', () => this.forget(conn))
    socket.on('message', (data, isBinary) => {
      const bytes = toBytes(data)
      // Process one message at a time per socket, in arrival order.
      conn.incoming = conn.incoming.then(() =>
        this.receive(conn, bytes, isBinary).catch((error: unknown) => {
          this.hooks.audit('sync-error', conn.userId, null, { error: String(error) })
          this.close(conn, 1011, 'internal error')
        }),
      )
    })
  }

  /** Closes every socket of these users (revocation, logout, disabled account). */
  closeUser(userId: string, code = CLOSE_REVOKED, reason = 'access changed'): number {
    let closed = 0
    for (const conn of [...this.connections]) {
      if (conn.userId !== userId) continue
      this.close(conn, code, reason)
      closed++
    }
    return closed
  }

  /** Closes the sockets of one session (logout on one device leaves the user's other devices alone). */
  closeSession(sessionKey: string, code = CLOSE_REVOKED, reason = 'signed out'): number {
    let closed = 0
    for (const conn of [...this.connections]) {
      if (conn.sessionKey !== sessionKey) continue
      this.close(conn, code, reason)
      closed++
    }
    return closed
  }

  userOfPeer(peerId: PeerId): string | undefined {
    return this.byPeer.get(peerId)?.userId
  }

  send(message: Message): void {
    const conn = this.byPeer.get(message.targetId)
    if (!conn || conn.closed) return
    const documentId = message.documentId
    if (documentId && !this.hooks.level(conn.userId, documentId)) return
    const encoded = cbor.encode(message)
    const flushFirst = message.type === 'sync' && documentId
    conn.outgoing = conn.outgoing
      .then(() => (flushFirst ? this.hooks.persist(documentId) : undefined))
      .then(() => {
        if (!conn.closed && conn.socket.readyState === conn.socket.OPEN) conn.socket.send(encoded)
      })
      .catch((error: unknown) => {
        this.hooks.audit('sync-error', conn.userId, documentId ?? null, { error: String(error) })
        this.close(conn, 1011, 'storage error')
      })
  }

  private async receive(conn: Connection, bytes: Uint8Array, isBinary: boolean): Promise<void> {
    if (conn.closed) return
    let message: Wire
    try {
      if (!isBinary) throw new Error('text frame')
      const decoded: unknown = cbor.decode(bytes)
      if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) throw new Error('not a map')
      message = decoded as Wire
      if (typeof message.type !== 'string' || typeof message.senderId !== 'string') throw new Error('missing type or sender')
    } catch (error) {
      this.reject(conn, CLOSE_MALFORMED, 'malformed-message', null, { error: String(error), bytes: bytes.byteLength })
      return
    }

    if (!conn.peerId) {
      if (message.type !== 'join') return this.reject(conn, CLOSE_POLICY, 'join-expected', null, { type: message.type })
      return this.join(conn, message)
    }
    if (message.senderId !== conn.peerId) {
      return this.reject(conn, CLOSE_POLICY, 'sender-mismatch', null, { claimed: message.senderId })
    }
    if (message.targetId !== this.peerId) return

    switch (message.type) {
      case 'request':
      case 'sync':
        return this.receiveSync(conn, message)
      case 'doc-unavailable': {
        const documentId = message.documentId
        if (typeof documentId === 'string' && isValidDocumentId(documentId) && this.hooks.level(conn.userId, documentId)) {
          this.emit('message', message as unknown as Message)
        }
        return
      }
      default:
        // Ephemeral and remote-heads gossip are not offered to clients: they would leak
        // presence and heads of documents across audiences.
        return
    }
  }

  private join(conn: Connection, message: Wire): void {
    const peerId = message.senderId as PeerId
    if (!isPeerIdOf(peerId, conn.userId)) {
      return this.reject(conn, CLOSE_POLICY, 'peer-id-rejected', null, { claimed: peerId })
    }
    const previous = this.byPeer.get(peerId)
    if (previous && previous !== conn) {
      // Same user, same device reconnecting: the newer socket wins.
      this.close(previous, 1000, 'replaced by a newer connection')
    }
    conn.peerId = peerId
    this.byPeer.set(peerId, conn)
    const versions = message.supportedProtocolVersions
    if (Array.isArray(versions) && !versions.includes('1')) {
      conn.socket.send(cbor.encode({ type: 'error', senderId: this.peerId, targetId: peerId, message: 'unsupported protocol version' }))
      this.close(conn, CLOSE_POLICY, 'unsupported protocol version')
      return
    }
    this.emit('peer-candidate', { peerId, peerMetadata: sanitizeMetadata(message.peerMetadata) })
    conn.socket.send(
      cbor.encode({
        type: 'peer',
        senderId: this.peerId,
        peerMetadata: this.peerMetadata,
        selectedProtocolVersion: '1',
        targetId: peerId,
      }),
    )
  }

  private async receiveSync(conn: Connection, message: Wire): Promise<void> {
    const documentId = message.documentId
    const data = message.data
    if (typeof documentId !== 'string' || !isValidDocumentId(documentId) || !(data instanceof Uint8Array)) {
      return this.reject(conn, CLOSE_MALFORMED, 'malformed-message', null, { type: message.type })
    }
    const level = this.hooks.level(conn.userId, documentId)
    if (!level) {
      // Same answer as for a document that does not exist: nothing to learn from probing.
      this.hooks.audit('sync-denied', conn.userId, documentId)
      conn.socket.send(cbor.encode({ type: 'doc-unavailable', senderId: this.peerId, targetId: conn.peerId, documentId }))
      return
    }
    // Before any await: from here the document counts as followed and is not evicted under us.
    const settled = this.hooks.touched?.(documentId, conn.peerId!)
    let decoded: A.DecodedSyncMessage
    try {
      decoded = decodeSyncData(data)
    } catch (error) {
      return this.reject(conn, CLOSE_MALFORMED, 'malformed-message', documentId, { error: String(error) })
    }
    if (decoded.changes.length > 0) {
      const doc = await this.hooks.loadDoc(documentId)
      let effect
      try {
        effect = syncMessageEffect(doc, decoded)
      } catch (error) {
        return this.reject(conn, CLOSE_MALFORMED, 'malformed-message', documentId, { error: String(error) })
      }
      if (effect.wouldChange && level === 'read') {
        return this.reject(conn, CLOSE_POLICY, 'write-denied', documentId, { changes: decoded.changes.length })
      }
      if (effect.wouldChange && effect.fork && this.hooks.validateWrite) {
        try {
          await this.hooks.validateWrite(conn.userId, documentId, effect.fork)
        } catch (error) {
          return this.reject(conn, CLOSE_POLICY, 'invalid-change', documentId, { error: String(error) })
        }
      }
    }
    if (settled) await settled
    if (conn.closed) return
    this.emit('message', message as unknown as Message)
  }

  private reject(conn: Connection, code: number, action: string, target: string | null, detail?: Record<string, unknown>): void {
    this.hooks.audit(action, conn.userId, target, { peerId: conn.peerId ?? null, ...detail })
    this.close(conn, code, action)
  }

  private close(conn: Connection, code: number, reason: string): void {
    if (!conn.closed) {
      conn.closed = true
      try {
        conn.socket.close(code, reason)
      } catch {
        conn.socket.terminate()
      }
    }
    this.forget(conn)
  }

  private forget(conn: Connection): void {
    conn.closed = true
    if (!this.connections.delete(conn)) return
    if (conn.peerId && this.byPeer.get(conn.peerId) === conn) {
      this.byPeer.delete(conn.peerId)
      this.hooks.peerGone?.(conn.peerId)
      this.emit('peer-disconnected', { peerId: conn.peerId })
    }
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]))
  return new Uint8Array()
}

/**
 * A client counts as ephemeral for the relay, whatever it says: the relay never stores or reloads
 * a client's sync state. A device may lose changes it had acknowledged (a reload before its
 * throttled save, a wiped store); a stored sync state would then tell the relay the device has
 * them, and the relay would never send them again.
 */
function sanitizeMetadata(value: unknown): PeerMetadata {
  const result: PeerMetadata = { isEphemeral: true }
  if (!value || typeof value !== 'object') return result
  const v = value as Record<string, unknown>
  if (typeof v.storageId === 'string' && v.storageId.length < 100) result.storageId = v.storageId as PeerMetadata['storageId']
  return result
}
