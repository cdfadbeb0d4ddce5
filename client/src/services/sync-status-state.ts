/**
 * The sync indicator in the header, as a pure reducer over what the services observe.
 *
 *   synced       connected to the relay, nothing waiting
 *   syncing      connecting, or connected with changes/commands not yet confirmed
 *   offline      the browser has no network, and no local changes are waiting
 *   unreachable  network is there but the relay does not answer, no local changes waiting
 *   local-only   offline or unreachable WITH changes only stored on this device
 */
export type SyncStatus = 'synced' | 'syncing' | 'offline' | 'unreachable' | 'local-only'

export interface SyncState {
  browserOnline: boolean
  relayConnected: boolean
  /** we have tried long enough without a connection to call the relay unreachable */
  connectGraceOver: boolean
  /** documents with local changes the relay has not acknowledged */
  unconfirmedDocuments: number
  /** outbox commands not yet accepted by the relay */
  pendingCommands: number
  /** running sync work (manifest refresh, outbox flush) */
  activeTasks: number
}

export type SyncEvent =
  | { type: 'browser'; online: boolean }
  | { type: 'relay'; connected: boolean }
  | { type: 'connect-grace-over' }
  | { type: 'unconfirmed'; count: number }
  | { type: 'pending'; count: number }
  | { type: 'tasks'; count: number }

export const initialSyncState = (browserOnline: boolean): SyncState => ({
  browserOnline,
  relayConnected: false,
  connectGraceOver: false,
  unconfirmedDocuments: 0,
  pendingCommands: 0,
  activeTasks: 0,
})

export function reduceSyncState(state: SyncState, event: SyncEvent): SyncState {
  switch (event.type) {
    case 'browser':
      // coming back online restarts the grace period for (re)connecting
      return { ...state, browserOnline: event.online, relayConnected: event.online && state.relayConnected, connectGraceOver: false }
    case 'relay':
      return { ...state, relayConnected: event.connected, connectGraceOver: false }
    case 'connect-grace-over':
      return state.relayConnected ? state : { ...state, connectGraceOver: true }
    case 'unconfirmed':
      return { ...state, unconfirmedDocuments: Math.max(0, event.count) }
    case 'pending':
      return { ...state, pendingCommands: Math.max(0, event.count) }
    case 'tasks':
      return { ...state, activeTasks: Math.max(0, event.count) }
  }
}

export function deriveSyncStatus(state: SyncState): SyncStatus {
  const localChanges = state.unconfirmedDocuments > 0 || state.pendingCommands > 0
  if (!state.browserOnline) return localChanges ? 'local-only' : 'offline'
  if (!state.relayConnected) {
    if (!state.connectGraceOver) return 'syncing'
    return localChanges ? 'local-only' : 'unreachable'
  }
  return localChanges || state.activeTasks > 0 ? 'syncing' : 'synced'
}

/** Whether every local head is among the heads the relay acknowledged. */
export function headsConfirmed(localHeads: readonly string[], relayHeads: readonly string[] | undefined): boolean {
  if (!relayHeads) return false
  return localHeads.every((h) => relayHeads.includes(h))
}
