/**
 * Feeds what the services observe into the sync-status reducer and publishes the result for the
 * header indicator. Also drops the socket while the browser is offline (so local changes really
 * stay local and the status is honest) and reconnects when it comes back.
 */
import type { ChangeTracker } from './change-tracker.ts'
import { Emitter } from './emitter.ts'
import type { Outbox } from './outbox.ts'
import type { RepoService } from './repo.ts'
import { deriveSyncStatus, initialSyncState, reduceSyncState, type SyncEvent, type SyncState, type SyncStatus } from './sync-status-state.ts'

export interface SyncStatusEvents extends Record<string, unknown> {
  status: SyncStatus
  /** the browser came back online */
  online: void
}

/** How long we try to reach the relay before calling it unreachable. */
const CONNECT_GRACE_MS = 4000

export class SyncStatusService extends Emitter<SyncStatusEvents> {
  private state: SyncState
  private current: SyncStatus
  private graceTimer: ReturnType<typeof setTimeout> | undefined
  private readonly unsubscribers: (() => void)[] = []
  private tasks = 0

  constructor(
    private readonly repo: RepoService,
    tracker: ChangeTracker,
    outbox: Outbox,
  ) {
    super()
    this.state = initialSyncState(navigator.onLine)
    this.current = deriveSyncStatus(this.state)
    const onOnline = () => {
      this.dispatch({ type: 'browser', online: true })
      this.repo.resume()
      this.startGrace()
      this.emit('online', undefined)
    }
    const onOffline = () => {
      this.repo.pause()
      this.dispatch({ type: 'browser', online: false })
    }
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    this.unsubscribers.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      repo.on('relay', ({ connected }) => {
        this.dispatch({ type: 'relay', connected })
        if (!connected) this.startGrace()
      }),
      tracker.on('change', (count) => this.dispatch({ type: 'unconfirmed', count })),
      outbox.on('change', (count) => this.dispatch({ type: 'pending', count })),
    )
    this.dispatch({ type: 'unconfirmed', count: tracker.count })
    this.dispatch({ type: 'pending', count: outbox.count })
    this.dispatch({ type: 'relay', connected: repo.relayConnection.connected })
    if (!navigator.onLine) this.repo.pause()
    this.startGrace()
  }

  get status(): SyncStatus {
    return this.current
  }

  get snapshot(): Readonly<SyncState> {
    return this.state
  }

  /** Runs sync work and shows "Synchronisiere …" meanwhile. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.dispatch({ type: 'tasks', count: ++this.tasks })
    try {
      return await work()
    } finally {
      this.dispatch({ type: 'tasks', count: --this.tasks })
    }
  }

  private startGrace(): void {
    clearTimeout(this.graceTimer)
    this.graceTimer = setTimeout(() => this.dispatch({ type: 'connect-grace-over' }), CONNECT_GRACE_MS)
  }

  private dispatch(event: SyncEvent): void {
    this.state = reduceSyncState(this.state, event)
    const next = deriveSyncStatus(this.state)
    if (next !== this.current) {
      this.current = next
      this.emit('status', next)
    }
  }

  dispose(): void {
    clearTimeout(this.graceTimer)
    for (const off of this.unsubscribers) off()
    this.clear()
  }
}
