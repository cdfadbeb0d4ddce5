/**
 * A Node automerge-repo client adapter that can send a session cookie and an Origin header
 * (the stock client adapter cannot). Used by integration tests and benchmarks to act exactly
 * like a browser: same protocol, same messages.
 */
import { NetworkAdapter, cbor, type Message, type PeerId, type PeerMetadata } from '@automerge/automerge-repo'
import WebSocket from 'ws'

export class NodeSyncClientAdapter extends NetworkAdapter {
  socket?: WebSocket
  remotePeerId?: PeerId
  private ready = false
  private resolveReady!: () => void
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve))
  private resolveClosed!: (value: { code: number; reason: string }) => void
  /** resolves with the close code the relay sent */
  readonly closed = new Promise<{ code: number; reason: string }>((resolve) => (this.resolveClosed = resolve))

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
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
    this.peerMetadata = peerMetadata ?? {}
    const socket = new WebSocket(this.url, { headers: this.headers })
    this.socket = socket
    socket.binaryType = 'nodebuffer'
    socket.on('open', () => {
      socket.send(cbor.encode({ type: 'join', senderId: peerId, peerMetadata: this.peerMetadata, supportedProtocolVersions: ['1'] }))
    })
    socket.on('message', (data: Buffer) => {
      const message = cbor.decode(new Uint8Array(data)) as Message & { peerMetadata?: PeerMetadata }
      if (message.type === 'peer') {
        this.remotePeerId = message.senderId
        this.emit('peer-candidate', { peerId: message.senderId, peerMetadata: message.peerMetadata ?? {} })
        this.markReady()
        return
      }
      if (message.type === 'error') return
      this.emit('message', message)
    })
    socket.on('unexpected-response', (_req, res) => {
      this.markReady()
      this.resolveClosed({ code: res.statusCode ?? 0, reason: 'http' })
      socket.terminate()
    })
    socket.on('error', () => this.markReady())
    socket.on('close', (code, reason) => {
      this.markReady()
      this.resolveClosed({ code, reason: reason.toString() })
      if (this.remotePeerId) this.emit('peer-disconnected', { peerId: this.remotePeerId })
    })
  }

  send(message: Message): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(cbor.encode(message))
  }

  disconnect(): void {
    this.socket?.close()
  }

  private markReady(): void {
    if (this.ready) return
    this.ready = true
    this.resolveReady()
  }
}
