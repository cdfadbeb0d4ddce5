/**
 * The live meeting (/app/meetings/:id/live, office only): the clerk records the meeting as it
 * happens — start and end, the current item, attendance with arrival and departure times,
 * substitutes, guests and staff, the live quorum, and per item status, § 33 recusals, the vote
 * (counts, roll call or "einstimmig"), the derived result, the resolution text, verbatim
 * statements and a note for the minutes.
 *
 * Everything is a direct edit of the meeting's two Automerge documents (public items, attendance
 * and live state in `meeting`; non-public items in `meeting-confidential`), so it works with the
 * network off and merges on reconnect; members see the changes live through sync. Rules
 * (quorum, majority, vote checks) come from @ratstisch/domain.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { updateText } from '@automerge/automerge'
import type { DocHandle } from '@automerge/automerge-repo'
import {
  checkVote,
  ITEM_STATUSES,
  orderedAgenda,
  presentAt,
  quorumFor,
  tallyRollCall,
  voteOutcome,
  type AgendaItem,
  type AttendanceEntry,
  type BodySettings,
  type ItemStatus,
  type MeetingDoc,
  type OrganizationRef,
  type QuorumState,
  type RosterEntry,
  type VoteChoice,
  type VoteRecord,
} from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { workspaceStyles } from '../../app/workspace.styles.ts'
import { MeetingDocsController, type MeetingDocsPhase } from '../../controllers/meeting-docs-controller.ts'
import { formatMeetingTime, formatTime } from '../../i18n/format.ts'
import { tl, type LiveKey } from '../../i18n/messages-live.ts'
import { t } from '../../i18n/messages.ts'
import type { PlanningBody } from '../../services/meeting-planning.ts'
import { instantOf, isNoticeItem } from './live-ops.ts'
import { isOfficeStaff } from '../../services/relay-contract.ts'
import type { Session } from '../../services/session.ts'
import { liveViewStyles } from './live-view.styles.ts'

type Part = 'public' | 'confidential'

interface Row {
  item: AgendaItem
  part: Part
}

function statementId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return `s-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

const isPresent = (entry: AttendanceEntry | undefined): boolean => !!entry?.periods?.some((p) => !p.left)

export class LiveView extends LitElement {
  static override styles = [themeStyles, workspaceStyles, liveViewStyles]
  static override properties = {
    session: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    time: { state: true },
    otherName: { state: true },
    otherKind: { state: true },
    otherError: { state: true },
    draft: { state: true },
    roll: { state: true },
    voteMode: { state: true },
    recusalPerson: { state: true },
    recusalReason: { state: true },
    statementPerson: { state: true },
    statementText: { state: true },
    statementError: { state: true },
    announcement: { state: true },
  }

  declare session: Session
  declare meetingId: string
  /** "hh:mm" for the next attendance record; empty = now */
  declare time: string
  declare otherName: string
  declare otherKind: 'guest' | 'staff'
  declare otherError: string
  /** vote counts being typed for the current item */
  declare draft: { itemId: string; yes: string; no: string; abstain: string }
  declare roll: { itemId: string; choices: Record<string, VoteChoice> }
  declare voteMode: 'counts' | 'roll-call'
  declare recusalPerson: string
  declare recusalReason: string
  declare statementPerson: string
  declare statementText: string
  declare statementError: string
  declare announcement: string

  private readonly docs = new MeetingDocsController(this, { label: 'live' })
  private get meeting() {
    return this.docs.meeting
  }
  private get confidential() {
    return this.docs.confidential
  }
  private get access() {
    return this.docs.access
  }
  private get phase(): MeetingDocsPhase {
    return this.docs.phase
  }
  private get settings(): BodySettings {
    return this.docs.settings
  }
  private get bodies(): PlanningBody[] {
    return this.docs.bodies
  }
  /** the meeting had its quorum while this view was open (so a loss is "no longer") */
  private wasQuorate = false

  constructor() {
    super()
    this.meetingId = ''
    this.time = ''
    this.otherName = ''
    this.otherKind = 'guest'
    this.otherError = ''
    this.draft = { itemId: '', yes: '', no: '', abstain: '' }
    this.roll = { itemId: '', choices: {} }
    this.voteMode = 'counts'
    this.recusalPerson = ''
    this.recusalReason = ''
    this.statementPerson = ''
    this.statementText = ''
    this.statementError = ''
    this.announcement = ''
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) {
      this.wasQuorate = false
      this.docs.open(this.meetingId)
    }
  }

  protected override updated(): void {
    document.title = `${tl('live.title')}: ${this.meeting.doc?.name ?? tl('live.loading')} – ${t('app.name')}`
  }

  // ---------------------------------------------------------------------------------------------
  // Reading
  // ---------------------------------------------------------------------------------------------

  private rows(): Row[] {
    const pub = orderedAgenda(this.meeting.doc?.agendaItems ?? []).map((item) => ({ item, part: 'public' as const }))
    const conf = orderedAgenda(this.confidential.doc?.agendaItems ?? []).map((item) => ({ item, part: 'confidential' as const }))
    return [...pub, ...conf]
  }

  private currentRow(): Row | undefined {
    const id = this.meeting.doc?.live?.currentItemId
    return id ? this.rows().find((r) => r.item.id === id) : undefined
  }

  private roster(): readonly RosterEntry[] {
    return this.meeting.doc?.roster ?? []
  }

  private attendance(): readonly AttendanceEntry[] {
    return this.meeting.doc?.attendance ?? []
  }

  private quorum(item: AgendaItem | undefined, at = new Date().toISOString()): QuorumState {
    return quorumFor({ roster: this.roster(), attendance: this.attendance(), recusals: item?.recusals ?? [], at, settings: this.settings })
  }

  private nameOf(personId: string): string {
    return (
      this.roster().find((r) => r.personId === personId)?.name ?? this.attendance().find((a) => a.personId === personId)?.name ?? personId
    )
  }

  // ---------------------------------------------------------------------------------------------
  // Writing
  // ---------------------------------------------------------------------------------------------

  private changeMeeting(fn: (d: MeetingDoc) => void): void {
    const handle = this.meeting.handle
    if (!handle || this.access.meeting !== 'write') return
    this.session.tracker.change(handle, fn)
  }

  private changeItem(row: Row, fn: (item: AgendaItem, index: number, doc: { agendaItems: AgendaItem[] }) => void): void {
    const handle = (row.part === 'public' ? this.meeting.handle : this.confidential.handle) as DocHandle<{ agendaItems: AgendaItem[] }> | undefined
    const access = row.part === 'public' ? this.access.meeting : this.access.confidential
    if (!handle || access !== 'write') return
    this.session.tracker.change(handle, (d) => {
      const index = d.agendaItems.findIndex((i) => i.id === row.item.id)
      if (index >= 0) fn(d.agendaItems[index], index, d)
    })
  }

  private start(): void {
    const at = new Date().toISOString()
    this.changeMeeting((d) => {
      if (!d.live) d.live = {}
      if (!d.live.startedAt) d.live.startedAt = at
      delete d.live.endedAt
      d.state = 'running'
      // the clerk who runs the meeting keeps the minutes unless somebody else is entered
      if (!d.minuteTaker) d.minuteTaker = this.session.me.name
    })
  }

  private setMinuteTaker(value: string): void {
    const name = value.trim().slice(0, 300)
    this.changeMeeting((d) => {
      if (name) d.minuteTaker = name
      else delete d.minuteTaker
    })
  }

  private endPublic(): void {
    const at = new Date().toISOString()
    this.changeMeeting((d) => {
      if (!d.live) d.live = {}
      d.live.publicEndedAt = at
    })
  }

  private end(): void {
    const at = new Date().toISOString()
    this.changeMeeting((d) => {
      if (!d.live) d.live = {}
      if (!d.live.startedAt) d.live.startedAt = at
      d.live.endedAt = at
      d.state = 'held'
    })
  }

  private setCurrent(row: Row): void {
    this.changeMeeting((d) => {
      if (!d.live) d.live = {}
      d.live.currentItemId = row.item.id
      if (!d.live.startedAt) {
        d.live.startedAt = new Date().toISOString()
        d.state = 'running'
      }
    })
    this.announcement = tl('live.announce.current', { number: row.item.number })
  }

  /** The instant typed in the time field (empty = now); the field is cleared afterwards. */
  private takeTime(): string {
    const at = instantOf(this.time)
    this.time = ''
    return at
  }

  private arrive(entry: RosterEntry, substituteFor?: string): void {
    const at = this.takeTime()
    this.changeMeeting((d) => {
      if (!d.attendance) d.attendance = []
      let a = d.attendance.find((x) => x.personId === entry.personId)
      const standsIn = substituteFor ?? entry.substituteForPersonId
      if (!a) {
        const created: AttendanceEntry = {
          personId: entry.personId,
          name: entry.name,
          kind: standsIn ? 'substitute' : 'member',
          votingRight: standsIn ? true : entry.votingRight,
          periods: [],
        }
        if (standsIn) created.substituteForPersonId = standsIn
        d.attendance.push(created)
        a = d.attendance[d.attendance.length - 1]
      } else if (substituteFor) {
        a.kind = 'substitute'
        a.votingRight = true
        a.substituteForPersonId = substituteFor
      }
      if (a.note) delete a.note
      if (!a.periods.some((p) => !p.left)) a.periods.push({ arrived: at })
    })
    this.announcement = tl('live.announce.arrived', { name: entry.name })
  }

  private leave(personId: string): void {
    const at = this.takeTime()
    this.changeMeeting((d) => {
      const a = d.attendance?.find((x) => x.personId === personId)
      const open = a?.periods.find((p) => !p.left)
      if (open) open.left = at
    })
    this.announcement = tl('live.announce.left', { name: this.nameOf(personId) })
  }

  private setExcused(entry: RosterEntry, excused: boolean): void {
    this.changeMeeting((d) => {
      if (!d.attendance) d.attendance = []
      let a = d.attendance.find((x) => x.personId === entry.personId)
      if (!a) {
        d.attendance.push({ personId: entry.personId, name: entry.name, kind: 'member', votingRight: entry.votingRight, periods: [] })
        a = d.attendance[d.attendance.length - 1]
      }
      if (excused) a.note = 'entschuldigt'
      else delete a.note
    })
  }

  /** A person (from the roster) stands in for an absent member. */
  private substitute(member: RosterEntry, personId: string): void {
    if (!personId) {
      // undo: whoever stood in for this member no longer does
      this.changeMeeting((d) => {
        for (const a of d.attendance ?? []) {
          if (a.substituteForPersonId === member.personId) {
            delete a.substituteForPersonId
            a.votingRight = false
          }
        }
      })
      return
    }
    const person = this.roster().find((r) => r.personId === personId)
    if (person) this.arrive(person, member.personId)
  }

  private addOther(e: Event): void {
    e.preventDefault()
    const name = this.otherName.trim()
    if (!name) {
      this.otherError = tl('live.other.nameMissing')
      this.renderRoot.querySelector<HTMLInputElement>('#other-name')?.focus()
      return
    }
    const at = this.takeTime()
    const kind = this.otherKind
    const personId = `${kind}-${statementId().slice(2)}`
    this.changeMeeting((d) => {
      if (!d.attendance) d.attendance = []
      d.attendance.push({ personId, name, kind, votingRight: false, periods: [{ arrived: at }] })
    })
    this.otherName = ''
    this.otherError = ''
    this.announcement = tl('live.announce.arrived', { name })
  }

  private setStatus(row: Row, value: string): void {
    this.changeItem(row, (item) => {
      if ((ITEM_STATUSES as readonly string[]).includes(value)) item.status = value as ItemStatus
      else delete item.status
      if (value !== 'verwiesen') delete item.referredTo
    })
  }

  private setReferredTo(row: Row, bodyId: string): void {
    const body = this.bodies.find((b) => b.id === bodyId)
    this.changeItem(row, (item) => {
      if (!body) {
        delete item.referredTo
        return
      }
      const ref: OrganizationRef = { id: body.id, name: body.name, shortName: body.shortName }
      item.referredTo = ref
      item.status = 'verwiesen'
    })
  }

  private addRecusal(e: Event, row: Row): void {
    e.preventDefault()
    const personId = this.recusalPerson
    if (!personId) return
    const reason = this.recusalReason.trim()
    const at = new Date().toISOString()
    const name = this.nameOf(personId)
    this.changeItem(row, (item) => {
      if (!item.recusals) item.recusals = []
      if (item.recusals.some((r) => r.personId === personId)) return
      item.recusals.push(reason ? { personId, name, reason, at } : { personId, name, at })
    })
    this.recusalPerson = ''
    this.recusalReason = ''
  }

  private removeRecusal(row: Row, personId: string): void {
    this.changeItem(row, (item) => {
      const i = item.recusals?.findIndex((r) => r.personId === personId) ?? -1
      if (i >= 0) item.recusals!.splice(i, 1)
    })
  }

  private draftFor(item: AgendaItem): { yes: string; no: string; abstain: string } {
    if (this.draft.itemId === item.id) return this.draft
    const v = item.vote
    return v ? { yes: String(v.yes), no: String(v.no), abstain: String(v.abstain) } : { yes: '', no: '', abstain: '' }
  }

  private setDraft(item: AgendaItem, field: 'yes' | 'no' | 'abstain', value: string): void {
    this.draft = { ...this.draftFor(item), [field]: value, itemId: item.id }
  }

  private recordVote(row: Row, vote: VoteRecord): void {
    const quorum = this.quorum(row.item, vote.at)
    const outcome = voteOutcome(vote, this.settings, quorum, this.meeting.doc?.chair?.personId)
    this.changeItem(row, (item) => {
      const stored: VoteRecord = { mode: vote.mode, yes: vote.yes, no: vote.no, abstain: vote.abstain, at: vote.at }
      if (vote.roll) stored.roll = { ...vote.roll }
      item.vote = stored
      item.result = outcome.result
      if (!item.status) item.status = 'behandelt'
      if (item.resolutionText === undefined && item.resolutionProposal) item.resolutionText = item.resolutionProposal
    })
    this.draft = { itemId: '', yes: '', no: '', abstain: '' }
    this.announcement = tl('live.vote.saved', { number: row.item.number, result: tl(`live.result.${outcome.result}` as LiveKey) })
  }

  private saveCounts(e: Event, row: Row): void {
    e.preventDefault()
    const d = this.draftFor(row.item)
    const n = (s: string) => (s.trim() === '' ? 0 : Math.trunc(Number(s)))
    const vote = { mode: 'counts' as const, yes: n(d.yes), no: n(d.no), abstain: n(d.abstain), at: new Date().toISOString() }
    if ([vote.yes, vote.no, vote.abstain].some((x) => !Number.isFinite(x) || x < 0)) return
    this.recordVote(row, vote)
  }

  private unanimous(row: Row): void {
    const at = new Date().toISOString()
    const yes = this.quorum(row.item, at).eligibleVoterIds.length
    this.recordVote(row, { mode: 'unanimous', yes, no: 0, abstain: 0, at })
  }

  private saveRoll(e: Event, row: Row): void {
    e.preventDefault()
    const choices = this.roll.itemId === row.item.id ? this.roll.choices : { ...(row.item.vote?.roll ?? {}) }
    const tally = tallyRollCall(choices)
    this.recordVote(row, { mode: 'roll-call', ...tally, roll: choices, at: new Date().toISOString() })
    this.roll = { itemId: '', choices: {} }
  }

  private setRoll(item: AgendaItem, personId: string, choice: string): void {
    const base = this.roll.itemId === item.id ? this.roll.choices : { ...(item.vote?.roll ?? {}) }
    const choices = { ...base }
    if (choice === 'yes' || choice === 'no' || choice === 'abstain') choices[personId] = choice
    else delete choices[personId]
    this.roll = { itemId: item.id, choices }
  }

  private clearVote(row: Row): void {
    this.changeItem(row, (item) => {
      delete item.vote
      delete item.result
    })
    this.draft = { itemId: '', yes: '', no: '', abstain: '' }
  }

  private takeNote(row: Row): void {
    this.changeItem(row, (item) => {
      delete item.vote
      item.result = 'zur Kenntnis genommen'
      item.status = 'behandelt'
    })
  }

  private editText(row: Row, field: 'resolutionText' | 'minutesNote', value: string): void {
    this.changeItem(row, (item, index, d) => {
      if (typeof item[field] === 'string') updateText(d, ['agendaItems', index, field], value)
      else item[field] = value
    })
  }

  private addStatement(e: Event, row: Row): void {
    e.preventDefault()
    const personId = this.statementPerson
    const text = this.statementText.trim()
    if (!personId || !text) {
      this.statementError = tl('live.statement.missing')
      return
    }
    const name = this.nameOf(personId)
    this.changeItem(row, (item) => {
      if (!item.statements) item.statements = []
      item.statements.push({ id: statementId(), personId, name, text })
    })
    this.statementPerson = ''
    this.statementText = ''
    this.statementError = ''
  }

  private removeStatement(row: Row, id: string): void {
    this.changeItem(row, (item) => {
      const i = item.statements?.findIndex((s) => s.id === id) ?? -1
      if (i >= 0) item.statements!.splice(i, 1)
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------------

  private renderControl(doc: MeetingDoc) {
    const live = doc.live ?? {}
    const ended = !!live.endedAt
    return html`<section aria-labelledby="control-heading">
      <h2 id="control-heading">${tl('live.control')}</h2>
      <ul class="plain">
        ${live.startedAt ? html`<li>${tl('live.startedAt', { time: formatTime(live.startedAt) })}</li>` : html`<li>${tl('live.notStarted')}</li>`}
        ${live.publicEndedAt ? html`<li>${tl('live.publicEndedAt', { time: formatTime(live.publicEndedAt) })}</li>` : nothing}
        ${live.endedAt ? html`<li>${tl('live.endedAt', { time: formatTime(live.endedAt) })}</li>` : nothing}
      </ul>
      <div class="row">
        ${!live.startedAt || ended
          ? html`<button type="button" class="primary" id="start" @click=${() => this.start()}>${ended ? tl('live.reopen') : tl('live.start')}</button>`
          : nothing}
        ${live.startedAt && !ended && !live.publicEndedAt
          ? html`<button type="button" id="end-public" @click=${() => this.endPublic()}>${tl('live.endPublic')}</button>`
          : nothing}
        ${!ended ? html`<button type="button" id="end" @click=${() => this.end()}>${tl('live.end')}</button>` : nothing}
      </div>
      <div class="field">
        <label for="minute-taker">${tl('live.minuteTaker')}</label>
        <input
          id="minute-taker"
          autocomplete="name"
          maxlength="300"
          .value=${doc.minuteTaker ?? ''}
          @change=${(e: Event) => this.setMinuteTaker((e.target as HTMLInputElement).value)}
        />
      </div>
    </section>`
  }

  private renderQuorum(doc: MeetingDoc, current: Row | undefined) {
    const q = this.quorum(current?.item)
    const started = !!doc.live?.startedAt
    // "no longer" only when this meeting had its quorum; before that it is "not yet"
    if (started && q.quorate) this.wasQuorate = true
    const state = q.quorate ? tl('live.quorum.ok') : this.wasQuorate ? tl('live.quorum.lost') : tl('live.quorum.notYet')
    return html`<section class="quorum ${q.quorate ? 'ok' : 'lost'}" aria-labelledby="quorum-heading">
      <h2 id="quorum-heading" class="visually-hidden">${tl('live.quorum')}</h2>
      <div aria-live="polite" aria-atomic="true" id="quorum-line">
        <strong>${state}${current ? html` <span>(${tl('live.quorum.forItem', { number: current.item.number })})</span>` : nothing}</strong>
        <span>${tl('live.quorum.line', { present: q.presentVoting, seats: q.votingSeats, required: q.required })}</span>
        ${q.recused ? html`<span> · ${tl('live.quorum.recused', { count: q.recused })}</span>` : nothing}
      </div>
      ${!q.quorate && this.wasQuorate ? html`<p class="lost-text" role="alert">${tl('live.quorum.lost')}</p>` : nothing}
    </section>`
  }

  private renderAttendance() {
    const roster = this.roster()
    const attendance = this.attendance()
    const substitutes = roster.filter((r) => !r.votingRight || r.substituteForPersonId)
    const others = attendance.filter((a) => a.kind === 'guest' || a.kind === 'staff')
    return html`<section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">${tl('live.attendance')}</h2>
      <div class="row">
        <div class="field">
          <label for="time">${tl('live.time')}</label>
          <input id="time" type="time" aria-describedby="time-hint" .value=${this.time} @input=${(e: Event) => (this.time = (e.target as HTMLInputElement).value)} />
        </div>
        <span class="hint" id="time-hint">${tl('live.offlineHint')}</span>
      </div>
      <table>
        <caption class="visually-hidden">${tl('live.attendance')}</caption>
        <thead>
          <tr>
            <th scope="col">${tl('live.attendance.name')}</th>
            <th scope="col">${tl('live.attendance.role')}</th>
            <th scope="col">${tl('live.attendance.state')}</th>
            <th scope="col">${tl('live.attendance.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${roster.map((r) => {
            const a = attendance.find((x) => x.personId === r.personId)
            const present = isPresent(a)
            const last = a?.periods[a.periods.length - 1]
            const standsInFor = a?.substituteForPersonId ?? r.substituteForPersonId
            const standIn = attendance.find((x) => x.substituteForPersonId === r.personId && isPresent(x))
            const state = present
              ? tl('live.presentSince', { time: formatTime(last!.arrived) })
              : last?.left
                ? tl('live.leftAt', { time: formatTime(last.left) })
                : tl('live.absent')
            return html`<tr data-person=${r.personId} data-voting=${r.votingRight && !r.substituteForPersonId ? 'true' : 'false'}>
              <th scope="row">${r.name}</th>
              <td>${r.role}${r.factionName ? html`, ${r.factionName}` : nothing}${standsInFor && a?.kind === 'substitute' ? html`<br /><span class="hint">${tl('live.substituteOf', { name: this.nameOf(standsInFor) })}</span>` : nothing}</td>
              <td>${state}${a?.note ? html` (${a.note})` : nothing}</td>
              <td class="actions">
                ${present
                  ? html`<button type="button" data-action="leave" @click=${() => this.leave(r.personId)}>${tl('live.leave')}<span class="visually-hidden"> ${tl('live.leaveRest', { name: r.name })}</span></button>`
                  : html`<button type="button" data-action="arrive" @click=${() => this.arrive(r)}>${tl('live.arrive')}<span class="visually-hidden"> ${tl('live.arriveRest', { name: r.name })}</span></button>`}
                ${!present
                  ? html`<label><input type="checkbox" data-action="excused" .checked=${a?.note === 'entschuldigt'} @change=${(e: Event) => this.setExcused(r, (e.target as HTMLInputElement).checked)} />
                      ${tl('live.excused')}<span class="visually-hidden"> (${r.name})</span></label>`
                  : nothing}
                ${!present && r.votingRight && !r.substituteForPersonId
                  ? html`<label
                      >${tl('live.substitute')}<span class="visually-hidden"> ${tl('live.substituteFor', { name: r.name })}</span>
                      <select data-action="substitute" @change=${(e: Event) => this.substitute(r, (e.target as HTMLSelectElement).value)}>
                        <option value="" ?selected=${!standIn}>${tl('live.substituteNone')}</option>
                        ${[...substitutes, ...roster.filter((x) => x.votingRight && !x.substituteForPersonId && x.personId !== r.personId && !isPresent(attendance.find((y) => y.personId === x.personId)))]
                          .filter((x, i, all) => all.findIndex((y) => y.personId === x.personId) === i && x.personId !== r.personId)
                          .map((x) => html`<option value=${x.personId} ?selected=${standIn?.personId === x.personId}>${x.name}</option>`)}
                      </select></label
                    >`
                  : nothing}
              </td>
            </tr>`
          })}
        </tbody>
      </table>
      <h3 id="others-heading">${tl('live.others')}</h3>
      ${others.length
        ? html`<ul class="plain" aria-labelledby="others-heading">
            ${others.map((o) => {
              const present = isPresent(o)
              return html`<li>
                ${o.name} (${o.kind === 'guest' ? tl('live.other.guest') : tl('live.other.staff')}) –
                ${present ? tl('live.present') : tl('live.absent')}
                ${present
                  ? html`<button type="button" @click=${() => this.leave(o.personId)}>${tl('live.leave')}<span class="visually-hidden"> ${tl('live.leaveRest', { name: o.name })}</span></button>`
                  : nothing}
              </li>`
            })}
          </ul>`
        : nothing}
      <form class="row" @submit=${this.addOther} aria-labelledby="others-heading">
        <div class="field">
          <label for="other-name">${tl('live.other.name')}</label>
          <input
            id="other-name"
            type="text"
            .value=${this.otherName}
            aria-invalid=${this.otherError ? 'true' : 'false'}
            aria-describedby=${this.otherError ? 'other-error' : nothing}
            @input=${(e: Event) => (this.otherName = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="other-kind">${tl('live.other.kind')}</label>
          <select id="other-kind" @change=${(e: Event) => (this.otherKind = (e.target as HTMLSelectElement).value === 'staff' ? 'staff' : 'guest')}>
            <option value="guest" ?selected=${this.otherKind === 'guest'}>${tl('live.other.guest')}</option>
            <option value="staff" ?selected=${this.otherKind === 'staff'}>${tl('live.other.staff')}</option>
          </select>
        </div>
        <button type="submit">${tl('live.other.add')}</button>
        ${this.otherError ? html`<p id="other-error" class="error" role="alert">${this.otherError}</p>` : nothing}
      </form>
    </section>`
  }

  private renderItems(rows: readonly Row[], currentId: string | undefined) {
    return html`<section aria-labelledby="items-heading">
      <h2 id="items-heading">${tl('live.items')}</h2>
      <ol class="items">
        ${rows.map(
          ({ item, part }) => html`<li class="${item.id === currentId ? 'current' : ''} ${part}" data-id=${item.id} data-kind=${item.kind ?? ''} aria-current=${item.id === currentId ? 'step' : nothing}>
            <span class="number">${item.number}</span>
            <span class="item-title">${item.title}</span>
            ${item.result ? html`<span class="badge">${tl(`live.result.${item.result}` as LiveKey)}</span>` : item.status ? html`<span class="badge">${tl(`live.status.${item.status}` as LiveKey)}</span>` : nothing}
            ${item.id === currentId
              ? html`<span class="badge">${tl('live.item.current')}</span>`
              : html`<button type="button" data-action="select" @click=${() => this.setCurrent({ item, part })}>
                  ${tl('live.item.select')}<span class="visually-hidden"> ${item.number}</span>
                </button>`}
          </li>`,
        )}
      </ol>
    </section>`
  }

  private renderVote(row: Row, q: QuorumState) {
    const item = row.item
    if (isNoticeItem(item)) {
      return html`<fieldset>
        <legend>${tl('live.vote')}</legend>
        <p class="hint">${tl('live.takeNoteHint')}</p>
        <button type="button" id="take-note" @click=${() => this.takeNote(row)}>${tl('live.takeNote')}</button>
      </fieldset>`
    }
    const d = this.draftFor(item)
    const n = (s: string) => (s.trim() === '' ? 0 : Number(s))
    const warnings = this.draft.itemId === item.id ? checkVote({ yes: n(d.yes), no: n(d.no), abstain: n(d.abstain) }, q) : []
    const choices = this.roll.itemId === item.id ? this.roll.choices : (item.vote?.roll ?? {})
    return html`<fieldset>
      <legend>${tl('live.vote')}</legend>
      <p>${tl('live.vote.eligible', { count: q.eligibleVoterIds.length })}</p>
      <div class="row" role="radiogroup" aria-label=${tl('live.vote.mode')}>
        <label><input type="radio" name="vote-mode" value="counts" .checked=${this.voteMode === 'counts'} @change=${() => (this.voteMode = 'counts')} /> ${tl('live.vote.counts')}</label>
        <label><input type="radio" name="vote-mode" value="roll-call" .checked=${this.voteMode === 'roll-call'} @change=${() => (this.voteMode = 'roll-call')} /> ${tl('live.vote.rollCall')}</label>
      </div>
      ${this.voteMode === 'counts'
        ? html`<form class="row" id="counts-form" @submit=${(e: Event) => this.saveCounts(e, row)}>
            ${(['yes', 'no', 'abstain'] as const).map(
              (f) => html`<div class="field">
                <label for="vote-${f}">${tl(`live.vote.${f}`)}</label>
                <input
                  id="vote-${f}"
                  type="number"
                  min="0"
                  step="1"
                  inputmode="numeric"
                  aria-describedby="vote-warnings"
                  .value=${d[f]}
                  @input=${(e: Event) => this.setDraft(item, f, (e.target as HTMLInputElement).value)}
                />
              </div>`,
            )}
            <button type="submit" class="primary">${tl('live.vote.save')}</button>
          </form>`
        : html`<form id="roll-form" @submit=${(e: Event) => this.saveRoll(e, row)}>
            <table>
              <caption class="visually-hidden">${tl('live.vote.rollCall')}</caption>
              <tbody>
                ${q.eligibleVoterIds.map(
                  (id) => html`<tr>
                    <th scope="row"><label for="roll-${id}">${this.nameOf(id)}</label></th>
                    <td>
                      <select id="roll-${id}" @change=${(e: Event) => this.setRoll(item, id, (e.target as HTMLSelectElement).value)}>
                        <option value="" ?selected=${!choices[id]}>${tl('live.vote.notVoted')}</option>
                        ${(['yes', 'no', 'abstain'] as const).map((c) => html`<option value=${c} ?selected=${choices[id] === c}>${tl(`live.vote.${c}`)}</option>`)}
                      </select>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <button type="submit" class="primary">${tl('live.vote.save')}</button>
          </form>`}
      <div id="vote-warnings" class="warnings" aria-live="polite">
        ${warnings.length ? html`<ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
      </div>
      <div class="row">
        <button type="button" id="unanimous" aria-describedby="unanimous-hint" @click=${() => this.unanimous(row)}>${tl('live.vote.unanimous')}</button>
        <span class="hint" id="unanimous-hint">${tl('live.vote.unanimousHint', { count: q.eligibleVoterIds.length })}</span>
        ${item.vote || item.result ? html`<button type="button" id="clear-vote" @click=${() => this.clearVote(row)}>${tl('live.vote.clear')}</button>` : nothing}
      </div>
    </fieldset>`
  }

  private renderResult(item: AgendaItem) {
    if (!item.result) return nothing
    const v = item.vote
    const q = v ? this.quorum(item, v.at) : undefined
    const explanation = v && q ? voteOutcome(v, this.settings, q, this.meeting.doc?.chair?.personId).explanation : ''
    return html`<div class="result-box" id="result">
      <p class="result">${tl('live.result')}: ${tl(`live.result.${item.result}` as LiveKey)}</p>
      ${v
        ? html`<p>
            ${v.mode === 'unanimous' ? tl('live.vote.recordedUnanimous', { yes: v.yes }) : tl('live.vote.recorded', { yes: v.yes, no: v.no, abstain: v.abstain })}
          </p>`
        : nothing}
      ${explanation ? html`<p class="hint">${explanation}</p>` : nothing}
    </div>`
  }

  private renderItem(row: Row) {
    const item = row.item
    const q = this.quorum(item)
    const recusals = item.recusals ?? []
    const candidates = this.roster().filter((r) => !recusals.some((x) => x.personId === r.personId))
    const speakers = [...this.roster(), ...this.attendance().filter((a) => a.kind === 'guest' || a.kind === 'staff')]
    return html`<section class="panel" aria-labelledby="item-heading">
      <h2 id="item-heading">${tl('live.item.heading', { number: item.number, title: item.title })}</h2>
      ${item.paper ? html`<p class="subtitle">${item.paper.reference} · ${item.paper.paperType}</p>` : nothing}
      <div class="row">
        <div class="field">
          <label for="status">${tl('live.status')}</label>
          <select id="status" @change=${(e: Event) => this.setStatus(row, (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!item.status}>${tl('live.status.none')}</option>
            ${ITEM_STATUSES.map((s) => html`<option value=${s} ?selected=${item.status === s}>${tl(`live.status.${s}` as LiveKey)}</option>`)}
          </select>
        </div>
        ${item.status === 'verwiesen'
          ? html`<div class="field">
              <label for="referred-to">${tl('live.referredTo')}</label>
              <select id="referred-to" @change=${(e: Event) => this.setReferredTo(row, (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!item.referredTo}>${tl('live.referredTo.choose')}</option>
                ${this.bodies
                  .filter((b) => b.id !== this.meeting.doc?.organization?.id)
                  .map((b) => html`<option value=${b.id} ?selected=${item.referredTo?.id === b.id}>${b.name}</option>`)}
              </select>
            </div>`
          : nothing}
      </div>

      <fieldset>
        <legend>${tl('live.recusals')}</legend>
        ${recusals.length
          ? html`<ul class="plain" id="recusals">
              ${recusals.map(
                (r) => html`<li>
                  ${tl('live.recusal.entry', { name: r.name, time: formatTime(r.at), reason: r.reason ? `: ${r.reason}` : '' })}
                  <button type="button" @click=${() => this.removeRecusal(row, r.personId)}>${tl('live.recusal.remove')}<span class="visually-hidden"> ${tl('live.recusal.removeRest', { name: r.name })}</span></button>
                </li>`,
              )}
            </ul>`
          : html`<p class="hint">${tl('live.recusal.none')}</p>`}
        <form class="row" @submit=${(e: Event) => this.addRecusal(e, row)}>
          <div class="field">
            <label for="recusal-person">${tl('live.recusal.person')}</label>
            <select id="recusal-person" @change=${(e: Event) => (this.recusalPerson = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.recusalPerson}>–</option>
              ${candidates.map((r) => html`<option value=${r.personId} ?selected=${this.recusalPerson === r.personId}>${r.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="recusal-reason">${tl('live.recusal.reason')}</label>
            <input id="recusal-reason" type="text" .value=${this.recusalReason} @input=${(e: Event) => (this.recusalReason = (e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" ?disabled=${!this.recusalPerson}>${tl('live.recusal.add')}</button>
        </form>
      </fieldset>

      ${this.renderVote(row, q)} ${this.renderResult(item)}

      <div class="field">
        <label for="resolution">${tl('live.resolution')}</label>
        <span class="hint" id="resolution-hint">${tl('live.resolutionHint')}</span>
        <textarea
          id="resolution"
          aria-describedby="resolution-hint"
          .value=${item.resolutionText ?? item.resolutionProposal ?? ''}
          @input=${(e: Event) => this.editText(row, 'resolutionText', (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>

      <fieldset>
        <legend>${tl('live.statements')}</legend>
        ${item.statements?.length
          ? html`<ul class="plain">
              ${item.statements.map(
                (s) => html`<li>
                  <strong>${s.name}:</strong> „${s.text}“
                  <button type="button" @click=${() => this.removeStatement(row, s.id)}>${tl('live.statement.remove')}<span class="visually-hidden"> ${s.name}</span></button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <form @submit=${(e: Event) => this.addStatement(e, row)}>
          <div class="field">
            <label for="statement-person">${tl('live.statement.person')}</label>
            <select id="statement-person" @change=${(e: Event) => (this.statementPerson = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.statementPerson}>–</option>
              ${speakers.map((p) => html`<option value=${p.personId} ?selected=${this.statementPerson === p.personId}>${p.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="statement-text">${tl('live.statement.text')}</label>
            <textarea id="statement-text" .value=${this.statementText} @input=${(e: Event) => (this.statementText = (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          ${this.statementError ? html`<p class="error" role="alert">${this.statementError}</p>` : nothing}
          <button type="submit">${tl('live.statement.add')}</button>
        </form>
      </fieldset>

      <div class="field">
        <label for="minutes-note">${tl('live.minutesNote')}</label>
        <textarea id="minutes-note" .value=${item.minutesNote ?? ''} @input=${(e: Event) => this.editText(row, 'minutesNote', (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
    </section>`
  }

  override render() {
    const back = html`<a class="back" href=${hrefFor({ name: 'meeting', meetingId: this.meetingId })}>← ${tl('live.back')}</a>`
    if (!isOfficeStaff(this.session.me))
      return html`${back}<h1 tabindex="-1">${tl('live.title')}</h1>
        <p class="notice" role="status">${tl('live.forbidden')}</p>`
    if (this.phase === 'loading') return html`${back}<h1 tabindex="-1">${tl('live.loading')}</h1>`
    const doc = this.meeting.doc
    if (this.phase === 'unavailable' || !doc)
      return html`${back}<h1 tabindex="-1">${tl('live.title')}</h1>
        <p class="notice" role="status">${tl('live.unavailable')}</p>
        <button type="button" @click=${() => this.docs.open(this.meetingId)}>${tl('live.retry')}</button>`
    const rows = this.rows()
    const current = this.currentRow()
    return html`
      ${back}
      <h1 tabindex="-1">${tl('live.title')}: ${doc.name}</h1>
      <p class="subtitle">${doc.organization?.name ?? ''} · ${formatMeetingTime(doc.start, doc.end)}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.renderQuorum(doc, current)} ${this.renderControl(doc)} ${this.renderAttendance()} ${this.renderItems(rows, current?.item.id)}
      ${current ? this.renderItem(current) : html`<p class="hint">${tl('live.item.none')}</p>`}
    `
  }
}

customElements.define('rt-live-view', LiveView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-live-view': LiveView
  }
}
