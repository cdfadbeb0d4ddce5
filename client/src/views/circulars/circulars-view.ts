/**
 * Umlaufverfahren (/app/circulars and /app/circulars/:id). The office starts a circular decision
 * (body, subject, motion, deadline, optional paper), follows the answers and may cancel it. A
 * voting member sees the open procedures they vote in and answers yes / no / abstain / objection
 * (an objection asks for confirmation: one objection ends the procedure). Answers go through the
 * outbox, so they can be given offline and are sent once the relay is reachable. Lists and the
 * circular are remembered on the device for offline reading.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { CIRCULAR_ANSWERS, type CircularAnswer, type CircularDecision, type CircularState, type Organization, type PaperListEntry } from '@ratstisch/domain'
import { hrefFor } from '../../app/routes.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { formatLongDate, formatShortDate, formatTime, townDay } from '../../i18n/format.ts'
import { tr, type ResolutionsKey } from '../../i18n/messages-resolutions.ts'
import { t } from '../../i18n/messages.ts'
import { isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { describeError, fetchCached, loadCircular, loadCirculars, townInstant } from '../resolutions/outcomes-data.ts'

const isOffice = (roles: readonly string[]) => roles.includes('clerk') || roles.includes('admin')
const answerLabel = (a: CircularAnswer) => tr(`circ.answer.${a}` as ResolutionsKey)
const stateLabel = (s: CircularState) => tr(`circ.state.${s}` as ResolutionsKey)
const when = (iso: string) => `${formatLongDate(iso)}, ${formatTime(iso)}`

export class CircularsView extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
      ul.list {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      ul.list li {
        border: 1px solid var(--rt-line);
        border-radius: var(--rt-radius);
        padding: 0.5rem 1rem;
        background: var(--rt-surface);
      }
      .meta {
        color: var(--rt-muted);
      }
      .badge {
        display: inline-block;
        border: 1px solid currentColor;
        border-radius: 0.8rem;
        padding: 0 0.5rem;
        font-size: 0.9rem;
      }
      .motion {
        white-space: pre-wrap;
        border-left: 4px solid var(--rt-line);
        padding-left: 0.8rem;
      }
      form.create {
        display: grid;
        gap: 0.5rem;
        max-width: 40rem;
        margin: 0.5rem 0 1rem;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      .row {
        display: flex;
        gap: 1rem;
        flex-wrap: wrap;
      }
      .check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      textarea {
        min-height: 6rem;
      }
      fieldset.vote {
        border: 1px solid var(--rt-line);
        border-radius: var(--rt-radius);
        padding: 0.5rem 1rem 0.8rem;
      }
      fieldset.vote .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
      }
      table {
        border-collapse: collapse;
      }
      th,
      td {
        text-align: left;
        padding: 0.2rem 1rem 0.2rem 0;
        border-bottom: 1px solid var(--rt-line);
      }
      details {
        margin: 0.6rem 0;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
    `,
  ]
  static override properties = {
    session: { attribute: false },
    circularId: { attribute: 'circular-id' },
    list: { state: true },
    current: { state: true },
    loadedAt: { state: true },
    stale: { state: true },
    loading: { state: true },
    loadError: { state: true },
    bodies: { state: true },
    papers: { state: true },
    pendingAnswer: { state: true },
    message: { state: true },
    busy: { state: true },
  }

  declare session: Session
  declare circularId: string
  declare list: CircularDecision[]
  declare current: CircularDecision | null
  declare loadedAt: string
  declare stale: boolean
  declare loading: boolean
  declare loadError: string
  declare bodies: { id: string; name: string }[]
  declare papers: PaperListEntry[]
  declare pendingAnswer: CircularAnswer | null
  declare message: { kind: 'success' | 'error'; text: string } | null
  declare busy: boolean

  private offAnswered: (() => void) | undefined

  constructor() {
    super()
    this.circularId = ''
    this.list = []
    this.current = null
    this.loadedAt = ''
    this.stale = false
    this.loading = true
    this.loadError = ''
    this.bodies = []
    this.papers = []
    this.pendingAnswer = null
    this.message = null
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.offAnswered = this.session.meetingCommands.on('circular-answered', ({ circularId, result }) => {
      if (circularId !== this.circularId) {
        if (!this.circularId) void this.load()
        return
      }
      this.pendingAnswer = null
      this.message = result.applied ? { kind: 'success', text: tr('circ.sent') } : { kind: 'error', text: tr('circ.refused', { reason: result.reason ?? '' }) }
      void this.load()
    })
    if (isOffice(this.session.me.roles)) void this.loadFormData()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.offAnswered?.()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('circularId')) {
      this.current = null
      this.message = null
      this.loading = true
      void this.load()
    }
  }

  private async loadFormData(): Promise<void> {
    const { api, db } = this.session
    try {
      const orgs = await fetchCached(api, db, 'outcomes:bodies', '/api/structure/organizations', (b) => (b as { organizations: Organization[] }).organizations)
      const today = townDay(new Date())
      this.bodies = orgs.value
        .filter((o) => o.organizationType === 'Gremium' && (!o.endDate || o.endDate >= today))
        .map((o) => ({ id: o.id, name: o.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de'))
    } catch {
      // offline without a remembered list: the form stays without bodies
    }
    try {
      const papers = await fetchCached(api, db, 'outcomes:papers', '/api/papers', (b) => (b as { papers: PaperListEntry[] }).papers)
      this.papers = papers.value.filter((p) => p.reference).sort((a, b) => a.reference.localeCompare(b.reference, 'de'))
    } catch {
      // optional
    }
  }

  private async load(): Promise<void> {
    const { api, db } = this.session
    try {
      if (this.circularId) {
        const id = this.circularId
        const result = await loadCircular(api, db, id)
        if (id !== this.circularId) return
        this.current = result.value
        this.loadedAt = result.at
        this.stale = result.stale
        const pending = (await this.session.meetingCommands.pendingAnswers()).find((c) => c.circularId === id)
        this.pendingAnswer = pending ? pending.command.answer : null
      } else {
        const result = await loadCirculars(api, db)
        this.list = result.value
        this.loadedAt = result.at
        this.stale = result.stale
      }
      this.loadError = ''
    } catch (e) {
      this.loadError = isNetworkError(e) ? t('error.offline') : tr('circ.error', { reason: describeError(e) })
    } finally {
      this.loading = false
    }
  }

  private async onCreate(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    this.busy = true
    this.message = null
    try {
      const { body } = await this.session.api.postJson('/api/circulars', {
        organizationId: data.get('organizationId'),
        title: data.get('title'),
        motion: data.get('motion'),
        deadline: townInstant(String(data.get('deadlineDate')), String(data.get('deadlineTime') || '12:00')),
        ...(data.get('paperId') ? { paperId: data.get('paperId') } : {}),
        public: data.get('public') === 'on',
      })
      const created = body as CircularDecision
      this.message = { kind: 'success', text: tr('circ.form.created') }
      form.reset()
      this.dispatchEvent(new CustomEvent('navigate', { detail: hrefFor({ name: 'circular', circularId: created.id }), bubbles: true, composed: true }))
    } catch (err) {
      this.message = { kind: 'error', text: isNetworkError(err) ? tr('res.needsConnection') : tr('res.refused', { reason: describeError(err) }) }
    } finally {
      this.busy = false
    }
  }

  private async answer(a: CircularAnswer): Promise<void> {
    const c = this.current
    if (!c) return
    if (a === 'objection' && !window.confirm(tr('circ.objection.confirm'))) return
    this.message = null
    this.pendingAnswer = a
    await this.session.meetingCommands.answerCircular(c.id, a)
  }

  private async cancel(): Promise<void> {
    const c = this.current
    if (!c || !window.confirm(tr('circ.cancel.confirm'))) return
    this.busy = true
    try {
      const { body } = await this.session.api.postJson(`/api/circulars/${encodeURIComponent(c.id)}/cancel`, {})
      this.current = (body as { circular: CircularDecision }).circular
    } catch (err) {
      this.message = { kind: 'error', text: isNetworkError(err) ? tr('res.needsConnection') : tr('res.refused', { reason: describeError(err) }) }
    } finally {
      this.busy = false
    }
  }

  private renderCreate() {
    const next = new Date(Date.now() + 7 * 86_400_000)
    return html`<details>
      <summary>${tr('circ.new')}</summary>
      <form class="create" @submit=${(e: SubmitEvent) => void this.onCreate(e)}>
        <div class="field">
          <label for="circ-body">${tr('circ.form.body')}</label>
          <select id="circ-body" name="organizationId" required>
            <option value="">${tr('circ.form.chooseBody')}</option>
            ${this.bodies.map((b) => html`<option value=${b.id}>${b.name}</option>`)}
          </select>
        </div>
        <label class="field">${tr('circ.form.title')} <input name="title" required maxlength="300" /></label>
        <label class="field">${tr('circ.form.motion')} <textarea name="motion" required maxlength="20000"></textarea></label>
        <div class="row">
          <label class="field">${tr('circ.form.deadlineDate')} <input name="deadlineDate" type="date" required .value=${townDay(next)} /></label>
          <label class="field">${tr('circ.form.deadlineTime')} <input name="deadlineTime" type="time" required value="12:00" /></label>
        </div>
        <div class="field">
          <label for="circ-paper">${tr('circ.form.paper')}</label>
          <select id="circ-paper" name="paperId">
            <option value="">${tr('circ.form.noPaper')}</option>
            ${this.papers.map((p) => html`<option value=${p.id}>${p.reference} – ${p.name}</option>`)}
          </select>
        </div>
        <label class="check"><input type="checkbox" name="public" />${tr('circ.form.public')}</label>
        <div><button type="submit" ?disabled=${this.busy}>${tr('circ.form.create')}</button></div>
      </form>
    </details>`
  }

  private renderItem(c: CircularDecision) {
    return html`<li>
      <a href=${hrefFor({ name: 'circular', circularId: c.id })}>${c.title}</a>
      <div class="meta">
        ${c.organizationName} · <span class="badge">${stateLabel(c.state)}</span> · ${tr('circ.deadline', { date: when(c.deadline) })}
        ${c.myAnswer ? html` · ${tr('circ.yourAnswer', { answer: answerLabel(c.myAnswer) })}` : nothing}
      </div>
    </li>`
  }

  private renderList() {
    const open = this.list.filter((c) => c.state === 'open')
    const closed = this.list.filter((c) => c.state !== 'open')
    return html`
      <h1>${tr('circ.title')}</h1>
      <p>${tr('circ.intro')}</p>
      ${this.renderNotices()} ${isOffice(this.session.me.roles) ? this.renderCreate() : nothing}
      ${this.loading
        ? html`<p role="status">${tr('circ.loading')}</p>`
        : this.list.length === 0
          ? html`<p>${tr('circ.empty')}</p>`
          : html`<h2>${tr('circ.open')}</h2>
              ${open.length ? html`<ul class="list">${open.map((c) => this.renderItem(c))}</ul>` : html`<p>${tr('circ.empty')}</p>`}
              ${closed.length ? html`<h2>${tr('circ.closed')}</h2><ul class="list">${closed.map((c) => this.renderItem(c))}</ul>` : nothing}`}
    `
  }

  private renderNotices() {
    return html`${this.stale ? html`<p class="notice" role="status">${tr('circ.offline', { time: when(this.loadedAt) })}</p>` : nothing}
    ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
    ${this.message ? html`<p class="notice ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</p>` : nothing}`
  }

  private renderDetail(c: CircularDecision) {
    const office = isOffice(this.session.me.roles)
    const answered = c.voters.filter((v) => v.answer).length
    return html`
      <p><a class="back" href=${hrefFor({ name: 'circulars' })}>${tr('circ.back')}</a></p>
      <h1>${c.title}</h1>
      ${this.renderNotices()}
      <dl class="facts">
        <dt>${tr('circ.body')}</dt>
        <dd>${c.organizationName}</dd>
        <dt>${tr('res.status')}</dt>
        <dd><span class="badge">${stateLabel(c.state)}</span></dd>
        <dt>${tr('res.due')}</dt>
        <dd>${when(c.deadline)}</dd>
        ${c.paperReference ? html`<dt>${tr('circ.form.paper')}</dt><dd>${c.paperReference}</dd>` : nothing}
      </dl>
      <p class="meta">${tr('circ.createdBy', { name: c.createdByName, date: formatShortDate(c.createdAt) })}</p>
      <h2>${tr('circ.motion')}</h2>
      <p class="motion">${c.motion}</p>
      ${c.resultText
        ? html`<h2>${tr('circ.result')}</h2>
            <p role="status" class="result">${c.resultText}</p>
            ${c.decidedAt ? html`<p class="meta">${tr('circ.decidedAt', { date: when(c.decidedAt) })}</p>` : nothing}`
        : nothing}
      ${this.renderVote(c)}
      <h2>${tr('circ.voters', { count: c.voters.length })}</h2>
      ${office
        ? html`<p>${tr('circ.answered', { count: answered, total: c.voters.length })}</p>
            <table>
              <caption class="visually-hidden">${tr('circ.answers')}</caption>
              <thead>
                <tr>
                  <th scope="col">${tr('circ.voters', { count: c.voters.length })}</th>
                  <th scope="col">${tr('circ.answers')}</th>
                </tr>
              </thead>
              <tbody>
                ${c.voters.map((v) => html`<tr><td>${v.name}</td><td>${v.answer ? answerLabel(v.answer) : tr('circ.noAnswer')}</td></tr>`)}
              </tbody>
            </table>
            ${c.state === 'open' ? html`<p><button type="button" ?disabled=${this.busy} @click=${() => void this.cancel()}>${tr('circ.cancel')}</button></p>` : nothing}`
        : html`<ul>
            ${c.voters.map((v) => html`<li>${v.name}</li>`)}
          </ul>`}
    `
  }

  private renderVote(c: CircularDecision) {
    if (this.pendingAnswer) return html`<p class="notice" role="status">${tr('circ.pending', { answer: answerLabel(this.pendingAnswer) })}</p>`
    if (c.myAnswer) return html`<p class="notice success">${tr('circ.yourAnswer', { answer: answerLabel(c.myAnswer) })}</p>`
    if (!c.canAnswer) return c.state === 'open' && !isOffice(this.session.me.roles) ? html`<p>${tr('circ.notVoter')}</p>` : nothing
    return html`<fieldset class="vote">
      <legend>${tr('circ.yourVote')}</legend>
      <p>${tr('circ.intro')}</p>
      <div class="buttons">
        ${CIRCULAR_ANSWERS.map((a) => html`<button type="button" @click=${() => void this.answer(a)}>${answerLabel(a)}</button>`)}
      </div>
    </fieldset>`
  }

  override render() {
    if (!this.circularId) return this.renderList()
    if (this.current) return this.renderDetail(this.current)
    return html`<p><a class="back" href=${hrefFor({ name: 'circulars' })}>${tr('circ.back')}</a></p>
      <h1>${tr('circ.title')}</h1>
      ${this.renderNotices()} ${this.loading ? html`<p role="status">${tr('circ.loading')}</p>` : nothing}`
  }
}

customElements.define('rt-circulars-view', CircularsView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-circulars-view': CircularsView
  }
}
