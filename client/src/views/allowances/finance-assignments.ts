/**
 * Who receives which allowance type: the statute's defaults by body and role, the finance clerk's
 * additions and removals per person with dates (an expert resident only the Sitzungsgeld, a
 * second function's supplement from a given day), and absences (the monthly rate lapses beyond the
 * statute's limit). The effective result per person is shown as the engine computes it.
 */
import { html, nothing } from 'lit'
import { FinanceSection } from './finance-section.ts'
import { formatDay, sendWithProblems, type AssignmentsInfo } from './allowance-api.ts'
import { failure, renderFeedback } from './feedback.ts'
import { ta } from './messages-allowances.ts'

const span = (from: string | null | undefined, to: string | null | undefined) => `${from ? formatDay(from) : '…'} – ${to ? formatDay(to) : ta('assign.open')}`

export class FinanceAssignments extends FinanceSection {
  static override properties = {
    info: { state: true },
    busy: { state: true },
  }

  declare info: AssignmentsInfo | null
  declare busy: boolean

  constructor() {
    super()
    this.info = null
    this.busy = false
  }

  protected async fetch(): Promise<void> {
    this.info = await this.calls.get<AssignmentsInfo>('/assignments')
  }

  private async submit(e: SubmitEvent, path: '/assignments' | '/absences'): Promise<void> {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const body = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => typeof v === 'string' && v !== ''))
    this.busy = true
    this.feedback = null
    try {
      const result = await sendWithProblems(this.session.api, path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
      if (result.ok) {
        this.feedback = { kind: 'success', text: ta('common.saved') }
        form.reset()
        await this.load()
      } else this.feedback = { kind: 'error', text: ta('common.refused', { reason: result.message }), problems: result.problems }
    } catch (err) {
      this.feedback = failure(err)
    } finally {
      this.busy = false
    }
  }

  private async removeEntry(path: string): Promise<void> {
    this.feedback = null
    try {
      await this.calls.del(path)
      await this.load()
    } catch (e) {
      this.feedback = failure(e)
    }
  }

  private personSelect(id: string) {
    return html`<div class="field">
      <label for=${id}>${ta('common.person')}</label>
      <select id=${id} name="personId" required>
        <option value="">${ta('assign.choose')}</option>
        ${(this.info?.persons ?? []).map((p) => html`<option value=${p.personId}>${p.name}</option>`)}
      </select>
    </div>`
  }

  override render() {
    const info = this.info
    return html`
      <h2>${ta('assign.title')}</h2>
      <p>${ta('assign.intro')}</p>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing} ${renderFeedback(this.feedback)}
      ${this.loading ? html`<p role="status">${ta('common.loading')}</p>` : nothing}
      ${info
        ? html`
            <section aria-labelledby="assign-form-title">
              <h3 id="assign-form-title">${ta('assign.form')}</h3>
              <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e, '/assignments')}>
                ${this.personSelect('assign-person')}
                <div class="field">
                  <label for="assign-type">${ta('assign.type')}</label>
                  <select id="assign-type" name="typeId" required>
                    <option value="">${ta('assign.choose')}</option>
                    ${info.types.map((t) => html`<option value=${t.id}>${t.label}</option>`)}
                  </select>
                </div>
                <fieldset>
                  <legend>${ta('assign.action')}</legend>
                  <label class="check"><input type="radio" name="action" value="add" checked />${ta('assign.action.add')}</label>
                  <label class="check"><input type="radio" name="action" value="remove" />${ta('assign.action.remove')}</label>
                </fieldset>
                <div class="row">
                  <div class="field"><label for="assign-from">${ta('common.from')}</label><input id="assign-from" name="from" type="date" required /></div>
                  <div class="field"><label for="assign-to">${ta('common.to')}</label><input id="assign-to" name="to" type="date" /></div>
                </div>
                <div class="field">
                  <label for="assign-org">${ta('assign.organization')}</label>
                  <select id="assign-org" name="organizationId">
                    <option value="">–</option>
                    ${info.organizations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
                  </select>
                </div>
                <div class="field"><label for="assign-note">${ta('common.note')}</label><input id="assign-note" name="note" maxlength="500" /></div>
                <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${ta('assign.add')}</button></div>
              </form>
            </section>
            <section aria-labelledby="assign-overrides-title">
              <h3 id="assign-overrides-title">${ta('assign.overrides')}</h3>
              ${info.overrides.length === 0
                ? html`<p>${ta('assign.overrides.empty')}</p>`
                : html`<ul class="cards">
                    ${info.overrides.map(
                      (o) => html`<li>
                        <strong>${o.personName}</strong>: ${o.typeLabel} ${ta(o.action === 'add' ? 'assign.action.add' : 'assign.action.remove')} (${span(o.from, o.to)})
                        ${o.organizationName ? html` · ${o.organizationName}` : nothing} ${o.note ? html`<div class="meta">${o.note}</div>` : nothing}
                        <div>
                          <button type="button" @click=${() => void this.removeEntry(`/assignments/${encodeURIComponent(o.id)}`)} aria-label="${ta('common.remove')}: ${o.personName}, ${o.typeLabel}">
                            ${ta('common.remove')}
                          </button>
                        </div>
                      </li>`,
                    )}
                  </ul>`}
            </section>
            <section aria-labelledby="assign-absences-title">
              <h3 id="assign-absences-title">${ta('assign.absences')}</h3>
              <p class="hint">${ta('assign.absences.intro')}</p>
              <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e, '/absences')}>
                ${this.personSelect('absence-person')}
                <div class="row">
                  <div class="field"><label for="absence-from">${ta('common.from')}</label><input id="absence-from" name="from" type="date" required /></div>
                  <div class="field"><label for="absence-to">${ta('common.to')}</label><input id="absence-to" name="to" type="date" /></div>
                </div>
                <div class="field"><label for="absence-note">${ta('common.note')}</label><input id="absence-note" name="note" maxlength="500" /></div>
                <div class="actions"><button type="submit" ?disabled=${this.busy}>${ta('assign.absence.add')}</button></div>
              </form>
              ${info.absences.length === 0
                ? html`<p>${ta('assign.absences.empty')}</p>`
                : html`<ul>
                    ${info.absences.map(
                      (a) => html`<li>
                        ${a.personName}: ${span(a.from, a.to)} ${a.note ? html`(${a.note})` : nothing}
                        <button type="button" @click=${() => void this.removeEntry(`/absences/${encodeURIComponent(a.id)}`)} aria-label="${ta('common.remove')}: ${a.personName}, ${span(a.from, a.to)}">
                          ${ta('common.remove')}
                        </button>
                      </li>`,
                    )}
                  </ul>`}
            </section>
            <section aria-labelledby="assign-effective-title">
              <h3 id="assign-effective-title">${ta('assign.effective')}</h3>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${ta('common.person')}</th>
                      <th scope="col">${ta('assign.type')}</th>
                      <th scope="col">${ta('runs.period')}</th>
                      <th scope="col">${ta('assign.organization')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${info.effective.map(
                      (s) => html`<tr>
                        <td>${s.personName}</td>
                        <td>${s.typeLabel} <span class="meta">(${ta(s.source === 'statute' ? 'assign.source.statute' : 'assign.source.clerk')})</span></td>
                        <td>${span(s.from, s.to)}</td>
                        <td>${s.organizationName ?? '–'}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          `
        : nothing}
    `
  }
}

customElements.define('rt-finance-assignments', FinanceAssignments)

declare global {
  interface HTMLElementTagNameMap {
    'rt-finance-assignments': FinanceAssignments
  }
}
