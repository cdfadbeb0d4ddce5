/**
 * Collects notices about changes for a while and sends one per batch: a clerk uploading five
 * annexes, or a member highlighting a paper line by line, makes one push, not dozens. The window
 * opens with the first change and is not extended by later ones, so a busy document still
 * notifies within `delayMs`.
 */
import type { BodyNotice } from './notice-text.ts'

interface Batch<T> {
  timer: NodeJS.Timeout
  items: Set<T>
}

export class NoticeBatcher<T = string> {
  private readonly batches = new Map<string, Batch<T>>()
  private readonly sending = new Set<Promise<unknown>>()

  constructor(
    /** builds the notice for a batch when its window closes; undefined sends nothing */
    private readonly build: (batchKey: string, items: ReadonlySet<T>) => Promise<BodyNotice | undefined> | BodyNotice | undefined,
    private readonly send: (notice: BodyNotice) => Promise<unknown>,
    private readonly delayMs: number,
  ) {}

  /** Adds items (e.g. new annotation ids) to the batch `batchKey`, opening its window if needed. */
  add(batchKey: string, items: Iterable<T>): void {
    let batch = this.batches.get(batchKey)
    if (!batch) {
      const timer = setTimeout(() => void this.fire(batchKey), this.delayMs)
      timer.unref()
      batch = { timer, items: new Set() }
      this.batches.set(batchKey, batch)
    }
    for (const item of items) batch.items.add(item)
  }

  get pending(): number {
    return this.batches.size
  }

  /** Sends every open batch now and waits for all sends (tests, orderly shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.batches.keys()].map((key) => this.fire(key)))
    await Promise.all([...this.sending])
  }

  /** Drops open batches without sending (relay shutting down). */
  cancel(): void {
    for (const batch of this.batches.values()) clearTimeout(batch.timer)
    this.batches.clear()
  }

  private async fire(batchKey: string): Promise<void> {
    const batch = this.batches.get(batchKey)
    if (!batch) return
    clearTimeout(batch.timer)
    this.batches.delete(batchKey)
    const run = (async () => {
      const notice = await this.build(batchKey, batch.items)
      if (notice) await this.send(notice)
    })().catch((error: unknown) => {
      console.error(`[notify] batch ${batchKey.split(':')[0]}: ${error instanceof Error ? error.message : String(error)}`)
    })
    this.sending.add(run)
    await run
    this.sending.delete(run)
  }
}
