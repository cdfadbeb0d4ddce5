/**
 * Remembers which documents have local changes the relay has not acknowledged yet.
 *
 * A document is dirty from a local change until the relay's heads (reported through the sync
 * protocol, keyed by the relay's storageId) contain all local heads. The relay acknowledges only
 * what is on its disk. The dirty set is persisted, so "Änderungen nur auf diesem Gerät" survives a
 * restart, and dirty documents are reopened on start so they sync without the user opening them.
 */
import type { ChangeFn, ChangeOptions } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import { Emitter } from './emitter.ts'
import type { UserDb } from './local-db.ts'
import type { RepoService } from './repo.ts'
import { headsConfirmed } from './sync-status-state.ts'

export interface ChangeTrackerEvents extends Record<string, unknown> {
  change: number
}

export class ChangeTracker extends Emitter<ChangeTrackerEvents> {
  private readonly dirty = new Set<string>()
  private readonly watched = new Map<string, { handle: DocHandle<unknown>; stop: () => void }>()

  constructor(
    private readonly db: UserDb,
    private readonly repo: RepoService,
  ) {
    super()
    repo.on('relay', () => this.recheckAll())
  }

  async load(): Promise<void> {
    for (const row of await this.db.dirty.toArray()) this.dirty.add(row.documentId)
    this.emit('change', this.dirty.size)
  }

  get count(): number {
    return this.dirty.size
  }

  isDirty(documentId: string): boolean {
    return this.dirty.has(documentId)
  }

  /** Makes a local change and tracks it until the relay confirms it. */
  change<T>(handle: DocHandle<T>, fn: ChangeFn<T>, options?: ChangeOptions<T>): void {
    handle.change(fn, options)
    this.markDirty(handle as DocHandle<unknown>)
  }

  markDirty(handle: DocHandle<unknown>): void {
    const id = handle.documentId
    this.watch(handle)
    if (!this.dirty.has(id)) {
      this.dirty.add(id)
      void this.db.dirty.put({ documentId: id, since: new Date().toISOString() })
      this.emit('change', this.dirty.size)
    }
  }

  /** Stops tracking a document (deleted, replaced by another one). */
  forget(documentId: string): void {
    this.watched.get(documentId)?.stop()
    this.watched.delete(documentId)
    if (this.dirty.delete(documentId)) {
      void this.db.dirty.delete(documentId)
      this.emit('change', this.dirty.size)
    }
  }

  /** Loads dirty documents so the repo syncs them with the relay. */
  async reopenDirty(timeoutMs = 10_000): Promise<void> {
    await Promise.all(
      [...this.dirty]
        .filter((id) => !this.watched.has(id))
        .map(async (id) => {
          try {
            this.watch(await this.repo.find<unknown>(`automerge:${id}`, timeoutMs))
          } catch {
            // not loadable right now (not stored locally, or deleted): try again on next sync
          }
        }),
    )
  }

  watch(handle: DocHandle<unknown>): void {
    if (this.watched.has(handle.documentId)) return
    const check = () => this.check(handle)
    handle.on('remote-heads', check)
    handle.on('heads-changed', check)
    this.watched.set(handle.documentId, {
      handle,
      stop: () => {
        handle.off('remote-heads', check)
        handle.off('heads-changed', check)
      },
    })
    check()
  }

  private check(handle: DocHandle<unknown>): void {
    const id = handle.documentId
    if (!this.dirty.has(id) || !handle.isReady()) return
    if (headsConfirmed(handle.heads(), this.repo.relayHeads(handle))) {
      this.dirty.delete(id)
      void this.db.dirty.delete(id)
      this.emit('change', this.dirty.size)
    }
  }

  private recheckAll(): void {
    for (const { handle } of this.watched.values()) this.check(handle)
  }

  dispose(): void {
    for (const w of this.watched.values()) w.stop()
    this.watched.clear()
    this.clear()
  }
}
