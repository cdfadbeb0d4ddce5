/**
 * Commands made offline (or while the relay was unreachable), kept in IndexedDB and sent in order
 * once the relay answers. Each command's handler decides done/retry/stop/drop (outbox-policy.ts).
 * Commands can carry text (minutes sections, comments, file names): they are stored sealed with the
 * user's data key, next to a plain envelope of their ids (outboxEnvelope).
 */
import { Emitter } from './emitter.ts'
import { outboxEnvelope, type OutboxCommand, type OutboxRow, type UserDb } from './local-db.ts'
import { outcomeOfFailure, type OutboxOutcome } from './outbox-policy.ts'

export interface OutboxEvents extends Record<string, unknown> {
  change: number
}

export type CommandHandler = (command: OutboxCommand) => Promise<void>

export interface FlushResult {
  sent: number
  /** the outcome that ended the flush early, if any */
  haltedBy?: Exclude<OutboxOutcome, 'done' | 'drop'>
}

export class Outbox extends Emitter<OutboxEvents> {
  private size = 0
  private running: Promise<FlushResult> | undefined

  constructor(private readonly db: UserDb) {
    super()
  }

  async load(): Promise<void> {
    this.size = await this.db.outbox.count()
    this.emit('change', this.size)
  }

  get count(): number {
    return this.size
  }

  async add(command: OutboxCommand): Promise<void> {
    const sealed = await this.db.cipher.sealText(JSON.stringify(command))
    await this.db.outbox.add({ command: outboxEnvelope(command), sealed, createdAt: new Date().toISOString(), attempts: 0 })
    await this.refreshCount()
  }

  async pending(): Promise<OutboxRow[]> {
    const out: OutboxRow[] = []
    let dropped = false
    for (const { sealed, ...row } of await this.db.outbox.orderBy('id').toArray()) {
      if (!sealed) {
        // a command queued by the version before encryption at rest, not sealed yet: still sent
        out.push({ ...row, command: row.command as OutboxCommand })
        continue
      }
      try {
        out.push({ ...row, command: JSON.parse(await this.db.cipher.openText(sealed)) as OutboxCommand })
      } catch {
        // not sealed with this user's key (tampered with): it cannot be sent as theirs
        console.warn('outbox: dropping a command that does not open with this device key', row.command.kind)
        if (row.id !== undefined) await this.db.outbox.delete(row.id)
        dropped = true
      }
    }
    if (dropped) await this.refreshCount()
    return out
  }

  /** Sends pending commands in order; concurrent calls share one run. */
  flush(handler: CommandHandler): Promise<FlushResult> {
    this.running ??= this.run(handler).finally(() => (this.running = undefined))
    return this.running
  }

  private async run(handler: CommandHandler): Promise<FlushResult> {
    let sent = 0
    for (const row of await this.pending()) {
      if (row.id === undefined) continue
      let outcome: OutboxOutcome = 'done'
      let error: unknown
      try {
        await handler(row.command)
      } catch (e) {
        error = e
        outcome = outcomeOfFailure(e)
      }
      if (outcome === 'done' || outcome === 'drop') {
        if (outcome === 'drop') console.warn('outbox: relay refused command, dropping it', row.command, error)
        await this.db.outbox.delete(row.id)
        sent += outcome === 'done' ? 1 : 0
        await this.refreshCount()
        continue
      }
      await this.db.outbox.update(row.id, { attempts: row.attempts + 1, lastError: error instanceof Error ? error.message : String(error) })
      return { sent, haltedBy: outcome }
    }
    return { sent }
  }

  async maxAttempts(): Promise<number> {
    let max = 0
    await this.db.outbox.each((r) => (max = Math.max(max, r.attempts)))
    return max
  }

  private async refreshCount(): Promise<void> {
    this.size = await this.db.outbox.count()
    this.emit('change', this.size)
  }
}
