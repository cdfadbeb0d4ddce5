/**
 * Keeps a Lit element up to date with an Automerge document: subscribes to the handle's `change`
 * and `delete` events while the host is connected and asks the host to re-render.
 */
import type { Doc } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import type { ReactiveController, ReactiveControllerHost } from 'lit'

export class DocController<T> implements ReactiveController {
  private current: DocHandle<T> | undefined
  private connected = false
  private readonly onChange = () => this.host.requestUpdate()
  private readonly onDelete = () => {
    this.unsubscribe()
    this.current = undefined
    this.host.requestUpdate()
  }

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  get handle(): DocHandle<T> | undefined {
    return this.current
  }

  /** The document, or undefined while there is no ready handle. */
  get doc(): Doc<T> | undefined {
    const h = this.current
    return h && h.isReady() ? h.doc() : undefined
  }

  setHandle(handle: DocHandle<T> | undefined): void {
    if (handle === this.current) return
    this.unsubscribe()
    this.current = handle
    if (this.connected) this.subscribe()
    this.host.requestUpdate()
  }

  hostConnected(): void {
    this.connected = true
    this.subscribe()
  }

  hostDisconnected(): void {
    this.connected = false
    this.unsubscribe()
  }

  private subscribe(): void {
    this.current?.on('change', this.onChange)
    this.current?.on('delete', this.onDelete)
  }

  private unsubscribe(): void {
    this.current?.off('change', this.onChange)
    this.current?.off('delete', this.onDelete)
  }
}
