/**
 * Server-checked meeting steps (release/invitation, cancel, minutes: generate, sign, approve,
 * correct) and circular-decision answers, queued in the outbox like paper steps: taken offline,
 * they are sent in order when the relay answers, each with an id the relay uses to answer a
 * repeated send with the first outcome. A meeting command carries the heads of the documents it
 * depends on, so the relay acts on the edits the clerk saw (it answers 503 until they arrived).
 */
import type { CircularAnswer, MeetingCommand, MeetingCommandResult } from '@ratstisch/domain'
import { ApiError, type ApiClient } from './api-client.ts'
import { Emitter } from './emitter.ts'
import type { OutboxCommand } from './local-db.ts'
import type { Outbox } from './outbox.ts'

export type MeetingCommandInput = Omit<MeetingCommand, 'id' | 'clientAt'>

export interface CircularAnswerResult {
  applied: boolean
  reason?: string
}

export interface MeetingCommandEvents extends Record<string, unknown> {
  /** a queued meeting command was answered by the relay (applied or refused with a reason) */
  answered: { meetingId: string; commandId: string; action: string; result: MeetingCommandResult }
  /** a queued circular answer was answered by the relay */
  'circular-answered': { circularId: string; commandId: string; result: CircularAnswerResult }
}

export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** Refusals the user must see (not failures to retry): 400 bad input, 403, 404, 409 conflict. */
const isRefusal = (e: unknown): e is ApiError => e instanceof ApiError && [400, 403, 404, 409].includes(e.status)

export class MeetingCommandService extends Emitter<MeetingCommandEvents> {
  constructor(
    private readonly api: ApiClient,
    private readonly outbox: Outbox,
  ) {
    super()
  }

  /** Queues a meeting step; resolves with the command id once stored on this device. */
  async command(meetingId: string, input: MeetingCommandInput): Promise<string> {
    const id = newCommandId()
    await this.outbox.add({ kind: 'meeting-command', meetingId, command: { ...input, id, clientAt: new Date().toISOString() } })
    return id
  }

  /** Queues a member's answer to a circular decision. */
  async answerCircular(circularId: string, answer: CircularAnswer): Promise<string> {
    const id = newCommandId()
    await this.outbox.add({ kind: 'circular-answer', circularId, command: { id, answer, clientAt: new Date().toISOString() } })
    return id
  }

  /** Meeting commands still waiting on this device. */
  async pending(meetingId: string): Promise<Array<Extract<OutboxCommand, { kind: 'meeting-command' }>>> {
    const rows = await this.outbox.pending()
    return rows
      .map((r) => r.command)
      .filter((c): c is Extract<OutboxCommand, { kind: 'meeting-command' }> => c.kind === 'meeting-command' && c.meetingId === meetingId)
  }

  /** Circular answers still waiting on this device. */
  async pendingAnswers(): Promise<Array<Extract<OutboxCommand, { kind: 'circular-answer' }>>> {
    const rows = await this.outbox.pending()
    return rows.map((r) => r.command).filter((c): c is Extract<OutboxCommand, { kind: 'circular-answer' }> => c.kind === 'circular-answer')
  }

  /** Outbox handler for meeting commands. */
  async send(command: Extract<OutboxCommand, { kind: 'meeting-command' }>): Promise<void> {
    let result: MeetingCommandResult
    try {
      const { body } = await this.api.postJson(`/api/meetings/${encodeURIComponent(command.meetingId)}/commands`, command.command)
      result = body as MeetingCommandResult
    } catch (e) {
      if (!isRefusal(e)) throw e
      result = { applied: false, reason: e.message, repeated: false }
    }
    this.emit('answered', { meetingId: command.meetingId, commandId: command.command.id, action: command.command.action, result })
  }

  /** Outbox handler for circular answers. */
  async sendAnswer(command: Extract<OutboxCommand, { kind: 'circular-answer' }>): Promise<void> {
    let result: CircularAnswerResult
    try {
      const { body } = await this.api.postJson(`/api/circulars/${encodeURIComponent(command.circularId)}/answer`, command.command)
      result = body as CircularAnswerResult
    } catch (e) {
      if (!isRefusal(e)) throw e
      result = { applied: false, reason: e.message }
    }
    this.emit('circular-answered', { circularId: command.circularId, commandId: command.command.id, result })
  }
}
