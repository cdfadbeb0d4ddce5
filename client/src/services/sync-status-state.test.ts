import { describe, expect, it } from 'vitest'
import { deriveSyncStatus, headsConfirmed, initialSyncState, reduceSyncState, type SyncEvent, type SyncState } from './sync-status-state.ts'

const run = (events: SyncEvent[], start: SyncState = initialSyncState(true)) => events.reduce(reduceSyncState, start)

describe('sync status', () => {
  it('is syncing while connecting, synced once connected with nothing pending', () => {
    expect(deriveSyncStatus(run([]))).toBe('syncing')
    expect(deriveSyncStatus(run([{ type: 'relay', connected: true }]))).toBe('synced')
  })

  it('is offline without network and without local changes', () => {
    expect(deriveSyncStatus(initialSyncState(false))).toBe('offline')
  })

  it('is local-only when offline with unconfirmed changes or pending commands', () => {
    const start = initialSyncState(false)
    expect(deriveSyncStatus(run([{ type: 'unconfirmed', count: 1 }], start))).toBe('local-only')
    expect(deriveSyncStatus(run([{ type: 'pending', count: 2 }], start))).toBe('local-only')
  })

  it('calls the relay unreachable only after the grace period', () => {
    const s = run([{ type: 'relay', connected: false }])
    expect(deriveSyncStatus(s)).toBe('syncing')
    const late = reduceSyncState(s, { type: 'connect-grace-over' })
    expect(deriveSyncStatus(late)).toBe('unreachable')
    expect(deriveSyncStatus(reduceSyncState(late, { type: 'unconfirmed', count: 1 }))).toBe('local-only')
  })

  it('ignores a grace timeout that arrives after the connection', () => {
    const s = run([{ type: 'relay', connected: true }, { type: 'connect-grace-over' }])
    expect(deriveSyncStatus(s)).toBe('synced')
  })

  it('drops the relay connection when the browser goes offline and restarts the grace on return', () => {
    const s = run([{ type: 'relay', connected: true }, { type: 'browser', online: false }])
    expect(s.relayConnected).toBe(false)
    expect(deriveSyncStatus(s)).toBe('offline')
    const back = reduceSyncState(reduceSyncState(s, { type: 'connect-grace-over' }), { type: 'browser', online: true })
    expect(deriveSyncStatus(back)).toBe('syncing')
  })

  it('goes from local-only through syncing to synced when changes are confirmed', () => {
    let s = run([{ type: 'unconfirmed', count: 1 }], initialSyncState(false))
    expect(deriveSyncStatus(s)).toBe('local-only')
    s = run([{ type: 'browser', online: true }, { type: 'relay', connected: true }], s)
    expect(deriveSyncStatus(s)).toBe('syncing')
    s = reduceSyncState(s, { type: 'unconfirmed', count: 0 })
    expect(deriveSyncStatus(s)).toBe('synced')
    expect(deriveSyncStatus(reduceSyncState(s, { type: 'tasks', count: 1 }))).toBe('syncing')
  })
})

describe('headsConfirmed', () => {
  it('needs every local head among the relay heads', () => {
    expect(headsConfirmed(['a'], undefined)).toBe(false)
    expect(headsConfirmed(['a'], ['a'])).toBe(true)
    expect(headsConfirmed(['a'], ['a', 'b'])).toBe(true)
    expect(headsConfirmed(['a', 'c'], ['a', 'b'])).toBe(false)
  })
})
