/**
 * Circular decisions (Umlaufverfahren, § 54 KVG LSA; docs/MEETINGS.md "Relay API (outcomes)").
 * The clerk puts a motion to the voting members of a body in writing; each answers once (yes, no,
 * abstain or objection) until the deadline. One objection ends the procedure at once (failed);
 * otherwise the result is determined by the body's majority rule when every voter has answered or
 * at the deadline (timer sweep every 30 s and on each read). A passed decision is recorded like a
 * meeting resolution (ResolutionStore, source key `circular:<id>`) and, with a paper, as the
 * consultation result of that paper.
 *
 * Voters are fixed when the circular is created: the body's members with a vote active that day
 * (no substitutes). A voter is identified by the person linked to the signed-in user — never by
 * anything the client sends.
 */
import { randomUUID } from 'node:crypto'
import {
  CIRCULAR_ANSWERS,
  evaluateCircular,
  type CircularAnswer,
  type CircularDecision,
  type CircularState,
  type CircularVoter,
  type ConsultationResult,
  type Principal,
} from '@ratstisch/domain'
import { todayInBerlin, type AccessRegistry } from '../access/access-registry.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import type { UserStore } from '../auth/user-store.ts'
import type { RelayDatabase } from '../db/database.ts'
import type { ResolutionStore } from '../resolutions/resolution-store.ts'
import { storedBodySettings } from '../structure/structure-store.ts'
import type { ConsultationRecorder } from '../papers/paper-service.ts'

export class CircularError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CircularError'
  }
}

/** H4's Notifier, as far as circulars use it (optional: without it nobody is notified). */
export interface CircularNotifier {
  notifyBody(notice: {
    key: string
    kind: 'circular'
    organizationId: string
    organizationName: string
    meetingName: string
    /** for circulars: the deadline (shown as "Frist") */
    start?: string
    path: string
  }): Promise<unknown>
}


export interface CircularServiceDeps {
  db: RelayDatabase
  users: UserStore
  registry: AccessRegistry
  audit: AuditLog
  resolutions: ResolutionStore
  notifier?: CircularNotifier
  consultations?: ConsultationRecorder
  /** injectable clock (tests) */
  now?: () => number
}

export interface AnswerResult {
  applied: boolean
  repeated: boolean
  circular: CircularDecision
}

interface CircularRow {
  id: string
  organization_id: string
  organization_name: string | null
  settings: string | null
  title: string
  motion: string
  paper_id: string | null
  paper_reference: string | null
  deadline: string
  public: number
  created_at: string
  created_by: string
  created_by_name: string
  state: CircularState
  result_text: string | null
  decided_at: string | null
}

interface VoterRow {
  person_id: string
  name: string
  user_id: string | null
  answer: CircularAnswer | null
  answered_at: string | null
  command_id: string | null
}

const SELECT = `SELECT c.*, o.name AS organization_name, o.settings AS settings FROM circulars c LEFT JOIN organizations o ON o.id = c.organization_id`
const OFFICE: readonly Principal[] = ['role:clerk', 'role:admin']
const MAX_DEADLINE_DAYS = 92
const SWEEP_MS = 30_000

/** "2026-03-12T18:00:00+01:00" or "…Z": a date-time with a zone (a bare date would be ambiguous). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

const text = (v: unknown, field: string, label: string, max: number): string => {
  if (typeof v !== 'string' || !v.trim()) throw new CircularError(400, `bad-${field}`, `Bitte „${label}“ angeben.`)
  if (v.length > max) throw new CircularError(400, `bad-${field}`, `„${label}“ darf höchstens ${max} Zeichen lang sein.`)
  return v.trim()
}

const consultationResultOf = (state: CircularState): ConsultationResult => (state === 'passed' ? 'beschlossen' : 'abgelehnt')

export class CircularService {
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly now: () => number

  constructor(private readonly deps: CircularServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Sets (or removes) the notifier, e.g. once the relay's Notifier exists. */
  setNotifier(notifier: CircularNotifier | undefined): void {
    this.deps.notifier = notifier
  }

  /** Starts the deadline sweep (every 30 s). */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.sweep(), SWEEP_MS)
    this.timer.unref?.()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  private principals(userId: string): ReadonlySet<Principal> {
    return this.deps.registry.principals(userId)
  }

  private isOffice(userId: string): boolean {
    const p = this.principals(userId)
    return OFFICE.some((r) => p.has(r))
  }

  /** The person the signed-in user is (users.person_id), if any. */
  private personOf(userId: string): string | null {
    const user = this.deps.users.byId(userId)
    return user && !user.disabled ? user.personId : null
  }

  // -------------------------------------------------------------------------------------------
  // create / cancel (office)

  async create(userId: string, body: unknown): Promise<CircularDecision> {
    if (!this.isOffice(userId)) throw new CircularError(403, 'forbidden', 'Umlaufverfahren leitet nur das Sitzungsbüro ein.')
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CircularError(400, 'bad-request', 'Ungültige Anfrage: JSON-Objekt erwartet')
    const input = body as Record<string, unknown>
    const { db } = this.deps
    const organizationId = typeof input.organizationId === 'string' ? input.organizationId : ''
    const org = db.prepare('SELECT id, name, organization_type FROM organizations WHERE id = ?').get(organizationId) as
      | { id: string; name: string; organization_type: string }
      | undefined
    if (!org) throw new CircularError(400, 'bad-organization', 'Bitte ein Gremium wählen.')
    if (org.organization_type !== 'Gremium') throw new CircularError(400, 'bad-organization', 'Umlaufverfahren gibt es nur in Gremien, nicht in Fraktionen.')
    const title = text(input.title, 'title', 'Betreff', 300)
    const motion = text(input.motion, 'motion', 'Beschlussvorschlag', 20_000)
    if (typeof input.deadline !== 'string' || !ISO_DATE_TIME.test(input.deadline) || Number.isNaN(Date.parse(input.deadline))) {
      throw new CircularError(400, 'bad-deadline', 'Die Frist muss ein Zeitpunkt mit Datum und Uhrzeit sein.')
    }
    const deadlineMs = Date.parse(input.deadline)
    if (deadlineMs <= this.now()) throw new CircularError(400, 'bad-deadline', 'Die Frist muss in der Zukunft liegen.')
    if (deadlineMs > this.now() + MAX_DEADLINE_DAYS * 86_400_000) {
      throw new CircularError(400, 'bad-deadline', `Die Frist darf höchstens ${MAX_DEADLINE_DAYS} Tage in der Zukunft liegen.`)
    }
    if (input.public !== undefined && typeof input.public !== 'boolean') throw new CircularError(400, 'bad-public', '„öffentlich“ muss ja oder nein sein.')
    const isPublic = input.public === true
    let paperId: string | null = null
    let paperReference: string | null = null
    if (input.paperId !== undefined && input.paperId !== null && input.paperId !== '') {
      const paper = typeof input.paperId === 'string' ? (db.prepare('SELECT id, reference FROM papers WHERE id = ?').get(input.paperId) as { id: string; reference: string } | undefined) : undefined
      if (!paper) throw new CircularError(400, 'bad-paper', 'Die Vorlage ist unbekannt.')
      paperId = paper.id
      paperReference = paper.reference || null
    }

    // voters: voting members of the body active today, no substitutes
    const today = todayInBerlin(this.now())
    const voters = db
      .prepare(
        `SELECT m.person_id, p.name, (SELECT u.id FROM users u WHERE u.person_id = m.person_id AND u.disabled = 0 ORDER BY u.id LIMIT 1) AS user_id
         FROM memberships m JOIN persons p ON p.id = m.person_id
         WHERE m.organization_id = ? AND m.voting_right = 1 AND m.substitute_for_person_id IS NULL AND m.role <> 'stellvertretendes Mitglied'
           AND (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?)
         GROUP BY m.person_id ORDER BY p.name`,
      )
      .all(org.id, today, today) as { person_id: string; name: string; user_id: string | null }[]
    if (voters.length === 0) throw new CircularError(409, 'no-voters', 'Das Gremium hat heute keine stimmberechtigten Mitglieder.')

    const id = `circ-${randomUUID().replaceAll('-', '').slice(0, 20)}`
    const createdAt = new Date(this.now()).toISOString()
    const byName = this.deps.users.byId(userId)?.name ?? userId
    const deadline = new Date(deadlineMs).toISOString()
    db.transaction(() => {
      db.prepare(
        `INSERT INTO circulars (id, organization_id, title, motion, paper_id, paper_reference, deadline, public, created_at, created_by, created_by_name, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
      ).run(id, org.id, title, motion, paperId, paperReference, deadline, isPublic ? 1 : 0, createdAt, userId, byName)
      const add = db.prepare('INSERT INTO circular_voters (circular_id, person_id, name, user_id) VALUES (?, ?, ?, ?)')
      for (const v of voters) add.run(id, v.person_id, v.name, v.user_id)
    })()
    this.deps.audit.write('circular-create', userId, id, { organizationId: org.id, voters: voters.length, deadline })

    // public facts only: the title of a non-public circular never leaves the relay
    if (this.deps.notifier) {
      const notice = {
        key: `circular:${id}`,
        kind: 'circular' as const,
        organizationId: org.id,
        organizationName: org.name,
        meetingName: isPublic ? `Umlaufverfahren: ${title}` : `Neues Umlaufverfahren im ${org.name}`,
        start: deadline,
        path: `/app/circulars/${id}`,
      }
      this.deps.notifier.notifyBody(notice).catch((e: unknown) => {
        console.error(`[circulars] notification for ${id} failed: ${e instanceof Error ? e.message : String(e)}`)
      })
    }
    return this.decision(this.row(id)!, userId)
  }

  cancel(userId: string, circularId: string): { applied: boolean; repeated: boolean; circular: CircularDecision } {
    if (!this.isOffice(userId)) throw new CircularError(403, 'forbidden', 'Umlaufverfahren bricht nur das Sitzungsbüro ab.')
    const row = this.row(circularId)
    if (!row) throw new CircularError(404, 'not-found', 'Umlaufverfahren nicht gefunden')
    if (row.state === 'cancelled') return { applied: true, repeated: true, circular: this.decision(row, userId) }
    if (row.state !== 'open') throw new CircularError(409, 'decided', 'Das Umlaufverfahren ist bereits entschieden und kann nicht mehr abgebrochen werden.')
    const at = new Date(this.now()).toISOString()
    const changed = this.deps.db
      .prepare(`UPDATE circulars SET state = 'cancelled', result_text = ?, decided_at = ? WHERE id = ? AND state = 'open'`)
      .run(`Abgebrochen durch ${this.deps.users.byId(userId)?.name ?? 'das Sitzungsbüro'}`, at, circularId).changes
    if (changed === 0) return this.cancel(userId, circularId)
    this.deps.audit.write('circular-cancel', userId, circularId)
    return { applied: true, repeated: false, circular: this.decision(this.row(circularId)!, userId) }
  }

  // -------------------------------------------------------------------------------------------
  // answers (voters)

  answer(userId: string, circularId: string, body: unknown): AnswerResult {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CircularError(400, 'bad-request', 'Ungültige Anfrage: JSON-Objekt erwartet')
    const cmd = body as Record<string, unknown>
    if (typeof cmd.id !== 'string' || !/^[A-Za-z0-9_-]{6,80}$/.test(cmd.id)) throw new CircularError(400, 'bad-request', 'Die Befehlskennung („id“) fehlt oder ist ungültig.')
    if (typeof cmd.answer !== 'string' || !(CIRCULAR_ANSWERS as readonly string[]).includes(cmd.answer)) {
      throw new CircularError(400, 'bad-answer', 'Antwort muss Ja, Nein, Enthaltung oder Widerspruch sein.')
    }
    const answer = cmd.answer as CircularAnswer
    const row = this.row(circularId)
    if (!row) throw new CircularError(404, 'not-found', 'Umlaufverfahren nicht gefunden')
    const personId = this.personOf(userId)
    const voter = personId
      ? (this.deps.db.prepare('SELECT * FROM circular_voters WHERE circular_id = ? AND person_id = ?').get(circularId, personId) as VoterRow | undefined)
      : undefined
    if (!voter) {
      this.deps.audit.write('circular-answer-refused', userId, circularId, { reason: 'not-a-voter' })
      throw new CircularError(403, 'not-a-voter', 'Sie sind in diesem Umlaufverfahren nicht stimmberechtigt.')
    }
    // the same command again (outbox retry): the first outcome
    if (voter.command_id === cmd.id) return { applied: true, repeated: true, circular: this.decision(this.row(circularId)!, userId) }
    this.settleIfDue(row)
    const current = this.row(circularId)!
    if (current.state !== 'open') throw new CircularError(409, 'closed', 'Das Umlaufverfahren ist abgeschlossen; Antworten sind nicht mehr möglich.')
    if (Date.parse(current.deadline) <= this.now()) throw new CircularError(409, 'deadline', 'Die Frist ist abgelaufen; Antworten sind nicht mehr möglich.')
    if (voter.answer) throw new CircularError(409, 'already-answered', 'Sie haben bereits geantwortet; eine Antwort kann nicht geändert werden.')
    const at = new Date(this.now()).toISOString()
    const changed = this.deps.db
      .prepare('UPDATE circular_voters SET answer = ?, answered_at = ?, command_id = ? WHERE circular_id = ? AND person_id = ? AND answer IS NULL')
      .run(answer, at, cmd.id, circularId, voter.person_id).changes
    if (changed === 0) throw new CircularError(409, 'already-answered', 'Sie haben bereits geantwortet; eine Antwort kann nicht geändert werden.')
    // the answer itself is not audited (secret from everyone but the office), only that one came in
    this.deps.audit.write('circular-answer', userId, circularId, { clientAt: typeof cmd.clientAt === 'string' ? cmd.clientAt.slice(0, 40) : null })
    this.evaluate(circularId)
    return { applied: true, repeated: false, circular: this.decision(this.row(circularId)!, userId) }
  }

  // -------------------------------------------------------------------------------------------
  // reading

  list(userId: string): CircularDecision[] {
    this.sweep()
    const office = this.isOffice(userId)
    let rows: CircularRow[]
    if (office) {
      rows = this.deps.db.prepare(`${SELECT} ORDER BY c.created_at DESC`).all() as CircularRow[]
    } else {
      const personId = this.personOf(userId)
      if (!personId) return []
      rows = this.deps.db
        .prepare(`${SELECT} JOIN circular_voters v ON v.circular_id = c.id AND v.person_id = ? ORDER BY c.created_at DESC`)
        .all(personId) as CircularRow[]
    }
    return rows.map((r) => this.decision(r, userId))
  }

  get(userId: string, circularId: string): CircularDecision {
    const row = this.row(circularId)
    if (!row) throw new CircularError(404, 'not-found', 'Umlaufverfahren nicht gefunden')
    if (!this.isOffice(userId) && !this.voterRow(circularId, userId)) throw new CircularError(404, 'not-found', 'Umlaufverfahren nicht gefunden')
    this.settleIfDue(row)
    return this.decision(this.row(circularId)!, userId)
  }

  // -------------------------------------------------------------------------------------------
  // evaluation

  /** Settles every open circular whose deadline has passed (timer and reads). */
  sweep(): number {
    const due = this.deps.db.prepare(`SELECT id FROM circulars WHERE state = 'open' AND deadline <= ?`).all(new Date(this.now()).toISOString()) as { id: string }[]
    for (const { id } of due) {
      try {
        this.evaluate(id)
      } catch (e) {
        console.error(`[circulars] evaluating ${id} failed: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    return due.length
  }

  private settleIfDue(row: CircularRow): void {
    if (row.state === 'open' && Date.parse(row.deadline) <= this.now()) this.evaluate(row.id)
  }

  /** Decides the circular if § 54 allows a decision now; returns whether it was decided by this call. */
  evaluate(circularId: string): boolean {
    const { db } = this.deps
    const row = this.row(circularId)
    if (!row || row.state !== 'open') return false
    const voters = this.voters(circularId).map(
      (v): CircularVoter => ({ personId: v.person_id, name: v.name, ...(v.answer ? { answer: v.answer, answeredAt: v.answered_at ?? undefined } : {}) }),
    )
    const outcome = evaluateCircular({ voters, deadlinePassed: Date.parse(row.deadline) <= this.now(), settings: storedBodySettings(row.settings) })
    if (!outcome.decided || outcome.state === 'open') return false
    const at = new Date(this.now()).toISOString()
    const changed = db
      .prepare(`UPDATE circulars SET state = ?, result_text = ?, decided_at = ? WHERE id = ? AND state = 'open'`)
      .run(outcome.state, outcome.resultText, at, circularId).changes
    if (changed === 0) return false
    this.deps.audit.write('circular-decided', null, circularId, { state: outcome.state })
    if (outcome.state === 'passed') {
      this.deps.resolutions.record({
        source: 'circular',
        sourceKey: `circular:${circularId}`,
        organizationId: row.organization_id,
        decidedOn: todayInBerlin(this.now()),
        title: row.title,
        text: row.motion,
        public: row.public === 1,
        ...(row.paper_id ? { paperId: row.paper_id } : {}),
        ...(row.paper_reference ? { paperReference: row.paper_reference } : {}),
      })
    }
    if (row.paper_id && this.deps.consultations && (outcome.state === 'passed' || outcome.state === 'failed')) {
      this.deps.consultations
        .recordConsultationResult({
          paperId: row.paper_id,
          organizationId: row.organization_id,
          result: consultationResultOf(outcome.state),
          note: `Umlaufverfahren (§ 54 KVG LSA): ${outcome.resultText}`,
          commandId: `circular:${circularId}`,
        })
        .catch((e: unknown) => console.error(`[circulars] consultation result for ${circularId} failed: ${e instanceof Error ? e.message : String(e)}`))
    }
    return true
  }

  // -------------------------------------------------------------------------------------------

  private row(id: string): CircularRow | undefined {
    return this.deps.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CircularRow | undefined
  }

  private voters(circularId: string): VoterRow[] {
    return this.deps.db.prepare('SELECT * FROM circular_voters WHERE circular_id = ? ORDER BY name, person_id').all(circularId) as VoterRow[]
  }

  private voterRow(circularId: string, userId: string): VoterRow | undefined {
    const personId = this.personOf(userId)
    if (!personId) return undefined
    return this.deps.db.prepare('SELECT * FROM circular_voters WHERE circular_id = ? AND person_id = ?').get(circularId, personId) as VoterRow | undefined
  }

  /**
   * The circular as this user may see it: the office sees every answer; a voter sees the list of
   * voters (who has answered is not shown either) and only their own answer; counts come with the
   * result text once decided.
   */
  private decision(row: CircularRow, userId: string): CircularDecision {
    const office = this.isOffice(userId)
    const personId = this.personOf(userId)
    const voters = this.voters(row.id)
    const mine = personId ? voters.find((v) => v.person_id === personId) : undefined
    return {
      id: row.id,
      organizationId: row.organization_id,
      organizationName: row.organization_name ?? row.organization_id,
      title: row.title,
      motion: row.motion,
      paperId: row.paper_id,
      paperReference: row.paper_reference,
      deadline: row.deadline,
      createdAt: row.created_at,
      createdByName: row.created_by_name,
      state: row.state,
      resultText: row.result_text,
      decidedAt: row.decided_at,
      public: row.public === 1,
      voters: voters.map((v) =>
        office
          ? { personId: v.person_id, name: v.name, ...(v.answer ? { answer: v.answer, answeredAt: v.answered_at ?? undefined } : {}) }
          : v === mine && v.answer
            ? { personId: v.person_id, name: v.name, answer: v.answer, answeredAt: v.answered_at ?? undefined }
            : { personId: v.person_id, name: v.name },
      ),
      myAnswer: mine ? (mine.answer ?? null) : null,
      canAnswer: !!mine && !mine.answer && row.state === 'open' && Date.parse(row.deadline) > this.now(),
    }
  }
}
