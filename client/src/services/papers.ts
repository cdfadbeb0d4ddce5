/**
 * Papers in the app: find a paper's document by its id (remembered for offline use), create a
 * draft (needs the relay: it assigns the id and the audience), and workflow steps as commands
 * that go through the outbox — taken offline, they are sent when the relay answers, in order,
 * each with an id the relay uses to answer a repeated send with the first outcome.
 */
import type { DocHandle } from '@automerge/automerge-repo'
import type { PaperDoc, PaperListEntry } from '@ratstisch/domain'
import { ApiError, type ApiClient } from './api-client.ts'
import type { Catalogue } from './catalogue.ts'
import { Emitter } from './emitter.ts'
import type { OutboxCommand, UserDb } from './local-db.ts'
import { newCommandId } from './meeting-commands.ts'
import type { Outbox } from './outbox.ts'
import { documentIdOf } from './relay-contract.ts'
import type { RepoService } from './repo.ts'

export type PaperCommandInput = Omit<Extract<OutboxCommand, { kind: 'paper-command' }>['command'], 'id' | 'clientAt'>

export interface PaperCommandResult {
  applied: boolean
  reason?: string
  state: string
  reference: string
}

export interface PapersEvents extends Record<string, unknown> {
  /** a queued command was answered by the relay */
  answered: { paperId: string; commandId: string; action: string; result: PaperCommandResult }
}

const entryKey = (paperId: string) => `paper:${paperId}`


export class PaperService extends Emitter<PapersEvents> {
  constructor(
    private readonly db: UserDb,
    private readonly api: ApiClient,
    private readonly repo: RepoService,
    private readonly outbox: Outbox,
    private readonly catalogue: Catalogue,
  ) {
    super()
  }

  /** The list entry of a paper: from the relay when online, else the one remembered on this device. */
  async entry(paperId: string): Promise<PaperListEntry | undefined> {
    try {
      const entry = (await this.api.getJson(`/api/papers/${encodeURIComponent(paperId)}`, { timeoutMs: 8000 })) as PaperListEntry
      await this.db.cache.put({ key: entryKey(paperId), value: JSON.stringify(entry) })
      return entry
    } catch (e) {
      const remembered = await this.db.cache.get(entryKey(paperId))
      if (remembered) return JSON.parse(remembered.value) as PaperListEntry
      throw e
    }
  }

  /** The town's name for paper PDFs (GET /api/town), remembered for offline use. */
  async townName(): Promise<string> {
    try {
      const { name } = (await this.api.getJson('/api/town', { timeoutMs: 5000 })) as { name: string }
      await this.db.kv.put({ key: 'town:name', value: name })
      return name
    } catch (e) {
      const remembered = await this.db.kv.get('town:name')
      if (remembered) return remembered.value
      throw e
    }
  }

  /**
   * The paper's document. The repo asks the relay only for documents of the catalogue (the
   * manifest); a paper created or shared a moment ago is added now rather than at the next refresh.
   */
  async open(entry: PaperListEntry, timeoutMs: number): Promise<DocHandle<PaperDoc>> {
    const documentId = documentIdOf(entry.url)
    if (!this.catalogue.has(documentId)) {
      await this.catalogue.put({ documentId, url: entry.url, type: 'paper', access: 'read' })
      this.repo.sharingChanged()
    }
    return this.repo.find<PaperDoc>(entry.url, timeoutMs)
  }

  async create(input: { paperType: string; name: string; departmentId?: string }): Promise<PaperListEntry> {
    const { body } = await this.api.postJson('/api/papers', input)
    const entry = body as PaperListEntry
    await this.db.cache.put({ key: entryKey(entry.id), value: JSON.stringify(entry) })
    return entry
  }

  /** Queues a workflow step; resolves once it is stored on this device (not when the relay answered). */
  async command(paperId: string, input: PaperCommandInput): Promise<string> {
    const id = newCommandId()
    await this.outbox.add({ kind: 'paper-command', paperId, command: { ...input, id, clientAt: new Date().toISOString() } })
    return id
  }

  /** Commands of this paper still waiting on this device. */
  async pending(paperId: string): Promise<Array<Extract<OutboxCommand, { kind: 'paper-command' }>>> {
    const rows = await this.outbox.pending()
    return rows.map((r) => r.command).filter((c): c is Extract<OutboxCommand, { kind: 'paper-command' }> => c.kind === 'paper-command' && c.paperId === paperId)
  }

  /** Outbox handler: sends one command; a refusal is an answer shown to the user, not a failure to retry. */
  async send(command: Extract<OutboxCommand, { kind: 'paper-command' }>): Promise<void> {
    let result: PaperCommandResult
    try {
      const { body } = await this.api.postJson(`/api/papers/${encodeURIComponent(command.paperId)}/commands`, command.command)
      result = body as PaperCommandResult
    } catch (e) {
      // 409: recorded but not applied in the relay's state; 400/403/404: refused for good. Both are
      // answers the author must see; anything else (offline, 5xx, 401) stays queued.
      if (!(e instanceof ApiError) || ![400, 403, 404, 409].includes(e.status)) throw e
      result = { applied: false, reason: e.message, state: '', reference: '' }
    }
    this.emit('answered', { paperId: command.paperId, commandId: command.command.id, action: command.command.action, result })
  }
}
