/**
 * Results flow into papers (docs/MEETINGS.md "Relay API (outcomes)"): once the clerk ended the
 * meeting (`live.endedAt` in the public meeting document), every item of both parts with a paper
 * and a status is recorded on the paper as a consultation result, by the relay, with a command id
 * derived from meeting, item and result: re-projection never records twice, a corrected result
 * records a new event. Accepted resolutions go to the Beschlusskontrolle. The meeting becomes
 * "held" (document and read model).
 *
 * Non-public items: the result moves the paper on, but the wording of the resolution never goes
 * into the paper (whose audience may be wider than the body) — it stays in the non-public part and
 * in the non-public resolution entry.
 */
import type { DocumentId } from '@automerge/automerge-repo'
import type { AgendaItem, ConsultationResult, MeetingConfidentialDoc, MeetingDoc } from '@ratstisch/domain'
import { createHash } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { ResolutionInput } from '../resolutions/resolution-store.ts'
import type { MeetingCatalogue } from '../read-model/meeting-catalogue.ts'
import type { RelayRepo } from '../sync/relay-repo.ts'
import type { ConsultationRecorder } from '../papers/paper-service.ts'


export interface MeetingOutcomesDeps {
  db: RelayDatabase
  relayRepo: RelayRepo
  meetings: MeetingCatalogue
  papers: ConsultationRecorder
  resolutions: { record(input: ResolutionInput): unknown }
  audit: AuditLog
}

/** The consultation result an item's status (and vote result) means for its paper; undefined = nothing to record. */
export function consultationResultOf(item: Pick<AgendaItem, 'status' | 'result'>): ConsultationResult | undefined {
  switch (item.status) {
    case 'behandelt':
      if (item.result === 'angenommen') return 'beschlossen'
      if (item.result === 'abgelehnt') return 'abgelehnt'
      if (item.result === 'zur Kenntnis genommen') return 'zur Kenntnis genommen'
      return undefined
    case 'vertagt':
      return 'vertagt'
    case 'verwiesen':
      return 'verwiesen'
    case 'zurückgezogen':
      return 'zurückgezogen'
    default:
      return undefined
  }
}

/** Deterministic command id of an item's result (valid paper command id: [A-Za-z0-9_-]{8,100}). */
export function outcomeCommandId(meetingId: string, itemId: string, result: string): string {
  return `mtg-result-${createHash('sha256').update(`${meetingId}\n${itemId}\n${result}`).digest('hex').slice(0, 40)}`
}

export class MeetingOutcomes {
  /** per meeting: the running pass and whether another one was asked for meanwhile */
  private readonly running = new Map<string, { pass: Promise<void>; again: boolean }>()

  constructor(private readonly deps: MeetingOutcomesDeps) {}

  /** Projection hook for 'meeting' and 'meeting-confidential' documents. */
  onMeeting(_documentId: string, doc: MeetingDoc | MeetingConfidentialDoc): void {
    const meetingId = doc.type === 'meeting' ? doc.id : doc.meetingId
    if (!meetingId) return
    // cheap checks first: most meeting changes happen before the end (planning, the live meeting)
    if (doc.type === 'meeting' && !doc.live?.endedAt) return
    if (doc.type === 'meeting-confidential' && !this.running.has(meetingId) && !this.endedInReadModel(meetingId)) return
    void this.settle(meetingId)
  }

  private endedInReadModel(meetingId: string): boolean {
    const row = this.deps.db.prepare('SELECT ended_at FROM meetings WHERE id = ?').get(meetingId) as { ended_at: string | null } | undefined
    return !!row?.ended_at
  }

  /** Records the outcomes of a meeting (serialized per meeting); resolves when done. */
  settle(meetingId: string): Promise<void> {
    const current = this.running.get(meetingId)
    if (current) {
      current.again = true
      return current.pass
    }
    const state = { pass: Promise.resolve(), again: false }
    state.pass = (async () => {
      try {
        do {
          state.again = false
          await this.pass(meetingId)
        } while (state.again)
      } catch (error) {
        console.error(`[outcomes] ${meetingId}: ${error instanceof Error ? error.message : String(error)}`)
      } finally {
        this.running.delete(meetingId)
      }
    })()
    this.running.set(meetingId, state)
    return state.pass
  }

  private async pass(meetingId: string): Promise<void> {
    const row = this.deps.meetings.get(meetingId)
    if (!row?.publicDocId) return
    const publicHandle = await this.deps.relayRepo.handle<MeetingDoc>(row.publicDocId as DocumentId)
    const meeting = publicHandle.doc()
    const endedAt = meeting?.live?.endedAt
    if (!meeting || !endedAt) return
    let confidential: MeetingConfidentialDoc | undefined
    if (row.confidentialDocId) confidential = (await this.deps.relayRepo.handle<MeetingConfidentialDoc>(row.confidentialDocId as DocumentId)).doc()

    const organizationId = meeting.organization.id
    const items = [...(meeting.agendaItems ?? []), ...(confidential?.agendaItems ?? [])]
    for (const item of items) {
      const result = consultationResultOf(item)
      if (!item.paper || !result) continue
      const note = item.public ? noteFor(item, result) : undefined
      const outcome = await this.deps.papers.recordConsultationResult({
        paperId: item.paper.id,
        organizationId,
        result,
        note,
        commandId: outcomeCommandId(meetingId, item.id, result),
        meetingId,
        consultationId: item.consultationId,
      })
      if (!outcome.repeated) {
        // ids only: a non-public item's title never reaches the log
        this.deps.audit.write('meeting-result', null, row.publicDocId, { meetingId, itemId: item.id, paperId: item.paper.id, result, applied: outcome.applied, reason: outcome.reason ?? null })
      }
    }
    for (const item of items) {
      if (item.status !== 'behandelt' || item.result !== 'angenommen') continue
      this.deps.resolutions.record({
        sourceKey: `meeting:${meetingId}:${item.id}`,
        source: 'meeting',
        organizationId,
        meetingId,
        itemId: item.id,
        itemNumber: item.number,
        decidedOn: meeting.start.slice(0, 10),
        title: item.title,
        text: item.resolutionText ?? item.resolutionProposal ?? '',
        public: item.public === true,
        ...(item.paper ? { paperId: item.paper.id, paperReference: item.paper.reference } : {}),
      })
    }

    this.deps.db.prepare(`UPDATE meetings SET ended_at = ?, state = 'held' WHERE id = ?`).run(endedAt, meetingId)
    if (meeting.state !== 'held' && meeting.state !== 'cancelled') {
      publicHandle.change((d) => {
        d.state = 'held'
      })
      await this.deps.relayRepo.persist(row.publicDocId as DocumentId)
    }
  }
}

function noteFor(item: AgendaItem, result: ConsultationResult): string | undefined {
  if (result === 'verwiesen' && item.referredTo) return `Verwiesen an: ${item.referredTo.name}`
  const text = item.resolutionText?.trim()
  return text || undefined
}
