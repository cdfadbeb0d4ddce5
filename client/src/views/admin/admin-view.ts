/**
 * Administration of the body's structure for the clerk's office: legislative terms, bodies with
 * their meeting settings, factions, departments, persons (portrait, consent to publication) and
 * memberships (ending one revokes access). One section at a time (`section` attribute, from the
 * URL); each shows a table and a form. The forms keep what was typed through errors, lost
 * connections and switching sections; errors are announced and linked to their fields.
 * Administration needs the relay: offline, the view says so and sends nothing.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { MAX_PORTRAIT_BYTES, PORTRAIT_TYPES, type StandardItemTemplate, type LegislativeTerm, type Organization, type Person, type StructureMembership } from '@ratstisch/domain'
import { ADMIN_SECTIONS, hrefFor, type AdminSection } from '../../app/routes.ts'
import { ti } from '../admin-import/admin-import-messages.ts'
import { themeStyles } from '../../app/theme.styles.ts'
import { townDay } from '../../i18n/format.ts'
import { currentLocale, t, type MessageKey } from '../../i18n/messages.ts'
import { isNetworkError } from '../../services/api-client.ts'
import type { Session } from '../../services/session.ts'
import { adminViewStyles } from './admin-view.styles.ts'
import { StructureApiError, StructureClient, portraitUrl, type Department } from './structure-client.ts'
import {
  SECTION_FIELDS,
  TEMPLATE_DEFAULT,
  TEMPLATE_KEY,
  addTemplateItem,
  moveTemplateItem,
  templateOfDraft,
  templateTitleKey,
  withTemplate,
  draftOf,
  formatDay,
  isEnded,
  labelOfClassification,
  labelOfMajority,
  labelOfQuorum,
  labelOfRole,
  payloadOf,
  rolesFor,
  validateDraft,
  votingRightFor,
  type Draft,
  type FieldSpec,
  type FormContext,
  type StructureRecord,
} from './structure-forms.ts'

const SECTION_TITLE: Record<AdminSection, MessageKey> = {
  terms: 'admin.terms.title',
  bodies: 'admin.bodies.title',
  factions: 'admin.factions.title',
  departments: 'admin.departments.title',
  persons: 'admin.persons.title',
  memberships: 'admin.memberships.title',
}
const SECTION_INTRO: Record<AdminSection, MessageKey> = {
  terms: 'admin.terms.intro',
  bodies: 'admin.bodies.intro',
  factions: 'admin.factions.intro',
  departments: 'admin.departments.intro',
  persons: 'admin.persons.intro',
  memberships: 'admin.memberships.intro',
}
const NEW_TITLE: Record<AdminSection, MessageKey> = {
  terms: 'admin.terms.new',
  bodies: 'admin.bodies.new',
  factions: 'admin.factions.new',
  departments: 'admin.departments.new',
  persons: 'admin.persons.new',
  memberships: 'admin.memberships.new',
}

interface Column<R> {
  header: MessageKey
  cell: (record: R) => TemplateResult | string
}

interface FormState {
  editingId: string | null
  draft: Draft
}

const fieldId = (key: string) => `f-${key.replace(/\./g, '-')}`
const errorId = (key: string) => `err-${key.replace(/\./g, '-')}`
const hintId = (key: string) => `hint-${key.replace(/\./g, '-')}`

export class AdminView extends LitElement {
  static override styles = [themeStyles, adminViewStyles]
  static override properties = {
    session: { attribute: false },
    section: { type: String, reflect: true },
    online: { state: true },
    loading: { state: true },
    loadError: { state: true },
    terms: { state: true },
    organizations: { state: true },
    departments: { state: true },
    persons: { state: true },
    memberships: { state: true },
    editingId: { state: true },
    draft: { state: true },
    fieldErrors: { state: true },
    formError: { state: true },
    status: { state: true },
    busy: { state: true },
    portraitFile: { state: true },
    portraitPreview: { state: true },
    filterOrganization: { state: true },
    filterCurrent: { state: true },
    filterPerson: { state: true },
    ending: { state: true },
    endDate: { state: true },
    endError: { state: true },
    endBusy: { state: true },
    templateNotice: { state: true },
  }

  declare session: Session | undefined
  declare section: AdminSection
  /** announcement of the last template change (moved, removed …) for screen readers */
  declare templateNotice: string
  declare online: boolean
  declare loading: boolean
  declare loadError: string
  declare terms: LegislativeTerm[]
  declare organizations: Organization[]
  declare departments: Department[]
  declare persons: Person[]
  declare memberships: StructureMembership[]
  declare editingId: string | null
  declare draft: Draft
  declare fieldErrors: Record<string, string>
  declare formError: string
  declare status: string
  declare busy: boolean
  declare portraitFile: File | null
  declare portraitPreview: string
  declare filterOrganization: string
  declare filterCurrent: boolean
  declare filterPerson: string
  declare ending: StructureMembership | null
  declare endDate: string
  declare endError: string
  declare endBusy: boolean

  /** forms of the other sections, kept while the clerk looks elsewhere */
  private readonly forms = new Map<AdminSection, FormState>()
  private shownSection: AdminSection | undefined
  private loadSeq = 0

  constructor() {
    super()
    this.section = 'terms'
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine
    this.loading = false
    this.loadError = ''
    this.terms = []
    this.organizations = []
    this.departments = []
    this.persons = []
    this.memberships = []
    this.editingId = null
    this.draft = {}
    this.fieldErrors = {}
    this.formError = ''
    this.status = ''
    this.busy = false
    this.portraitFile = null
    this.portraitPreview = ''
    this.filterOrganization = ''
    this.filterCurrent = true
    this.filterPerson = ''
    this.ending = null
    this.endDate = ''
    this.endError = ''
    this.endBusy = false
  }

  private get client(): StructureClient | undefined {
    return this.session ? new StructureClient(this.session.api) : undefined
  }

  private get allowed(): boolean {
    return !!this.session?.me.roles.some((r) => r === 'clerk' || r === 'admin')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOffline)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOffline)
    this.setPortraitFile(null)
  }

  private readonly onOnline = () => {
    this.online = true
    if (this.loadError) void this.load()
  }

  private readonly onOffline = () => {
    this.online = false
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!ADMIN_SECTIONS.includes(this.section)) this.section = 'terms'
    if (changed.has('section') && this.shownSection !== this.section) {
      // keep the form of the section we leave, restore (or start) the one we enter
      if (this.shownSection) this.forms.set(this.shownSection, { editingId: this.editingId, draft: this.draft })
      const saved = this.forms.get(this.section)
      this.editingId = saved?.editingId ?? null
      this.draft = saved?.draft ?? draftOf(this.section, null)
      this.fieldErrors = {}
      this.formError = ''
      this.status = ''
      this.setPortraitFile(null)
      this.shownSection = this.section
      document.title = `${t(SECTION_TITLE[this.section])} – ${t('admin.title')} – ${t('app.name')}`
      if (this.allowed) void this.load()
    } else if (changed.has('session') && this.session && this.allowed && !this.loading) {
      void this.load()
    }
  }

  // --- data ---------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const client = this.client
    if (!client) return
    const seq = ++this.loadSeq
    this.loading = true
    this.loadError = ''
    try {
      const s = this.section
      const needs = {
        terms: s === 'terms',
        organizations: s === 'bodies' || s === 'factions' || s === 'memberships',
        departments: s === 'departments',
        persons: s === 'persons' || s === 'memberships',
        memberships: s === 'memberships',
      }
      const [terms, organizations, departments, persons, memberships] = await Promise.all([
        needs.terms ? client.terms() : undefined,
        needs.organizations ? client.organizations() : undefined,
        needs.departments ? client.departments() : undefined,
        needs.persons ? client.persons() : undefined,
        needs.memberships ? client.memberships() : undefined,
      ])
      if (seq !== this.loadSeq) return
      if (terms) this.terms = terms
      if (organizations) this.organizations = organizations
      if (departments) this.departments = departments
      if (persons) this.persons = persons
      if (memberships) this.memberships = memberships
    } catch (e) {
      if (seq !== this.loadSeq) return
      this.loadError = this.messageOf(e)
    } finally {
      if (seq === this.loadSeq) this.loading = false
    }
  }

  private messageOf(e: unknown): string {
    if (isNetworkError(e)) return t('admin.error.offline')
    if (e instanceof StructureApiError) {
      if (e.status === 403) return t('admin.forbidden')
      return currentLocale() === 'en' ? e.messageEn : e.messageDe
    }
    console.error('admin', e)
    return t('admin.error.unexpected')
  }

  private recordsOf(section: AdminSection): StructureRecord[] {
    switch (section) {
      case 'terms':
        return this.terms
      case 'bodies':
        return this.organizations.filter((o) => o.organizationType === 'Gremium')
      case 'factions':
        return this.organizations.filter((o) => o.organizationType === 'Fraktion')
      case 'departments':
        return this.departments
      case 'persons':
        return this.persons
      case 'memberships':
        return this.memberships
    }
  }

  private nameOf(record: StructureRecord): string {
    if ('personName' in record) return `${record.personName} – ${record.organizationName}`
    return record.name
  }

  // --- form ---------------------------------------------------------------------------------

  private get formContext(): FormContext {
    return { persons: this.persons, organizations: this.organizations, draft: this.draft }
  }

  private setValue(key: string, value: string | boolean): void {
    const draft = { ...this.draft, [key]: value }
    if (this.section === 'memberships' && key === 'role' && typeof value === 'string') draft.votingRight = votingRightFor(value)
    if (this.section === 'memberships' && key === 'organizationId') {
      const org = this.organizations.find((o) => o.id === value)
      const roles = rolesFor(org)
      if (!roles.includes(String(draft.role))) {
        draft.role = roles[0]
        draft.votingRight = votingRightFor(roles[0])
      }
      if (org?.organizationType === 'Fraktion') draft.onBehalfOf = ''
    }
    this.draft = draft
    if (this.fieldErrors[key]) {
      const { [key]: _gone, ...rest } = this.fieldErrors
      this.fieldErrors = rest
    }
  }

  private async startEdit(record: StructureRecord): Promise<void> {
    this.editingId = record.id
    this.draft = draftOf(this.section, record)
    this.fieldErrors = {}
    this.templateNotice = ''
    this.formError = ''
    this.status = ''
    this.setPortraitFile(null)
    await this.updateComplete
    const heading = this.renderRoot.querySelector<HTMLElement>('#form-heading')
    heading?.scrollIntoView({ block: 'start' })
    heading?.focus()
  }

  private async startNew(): Promise<void> {
    this.editingId = null
    this.draft = draftOf(this.section, null)
    this.fieldErrors = {}
    this.formError = ''
    this.setPortraitFile(null)
    this.templateNotice = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus()
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault()
    const client = this.client
    if (this.busy || !client) return
    const section = this.section
    const mode = this.editingId === null ? 'create' : 'update'
    const errors = validateDraft(section, this.draft, mode)
    const portraitProblem = section === 'persons' ? this.portraitProblem() : ''
    if (portraitProblem) errors.portrait = portraitProblem
    this.status = ''
    if (Object.keys(errors).length) {
      this.fieldErrors = errors
      this.formError = t('admin.error.summary', { count: Object.keys(errors).length })
      await this.focusFirstError()
      return
    }
    this.busy = true
    this.fieldErrors = {}
    this.formError = ''
    const editingId = this.editingId
    const payload = payloadOf(section, this.draft, mode)
    try {
      let saved: StructureRecord
      switch (section) {
        case 'terms':
          saved = await client.saveTerm(editingId, payload)
          break
        case 'bodies':
        case 'factions':
          saved = await client.saveOrganization(editingId, payload)
          break
        case 'departments':
          saved = await client.saveDepartment(editingId, payload)
          break
        case 'persons':
          saved = await client.savePerson(editingId, payload)
          break
        case 'memberships':
          saved = await client.saveMembership(editingId, payload)
          break
      }
      if (section === 'persons' && this.portraitFile) {
        // the person exists now: a failed upload leaves the form on that person with the file chosen
        this.editingId = saved.id
        try {
          saved = await client.uploadPortrait(saved.id, this.portraitFile)
        } catch (err) {
          this.fieldErrors = { portrait: this.messageOf(err) }
          this.formError = t('admin.error.portraitAfterSave', { name: this.nameOf(saved) })
          this.busy = false
          void this.load()
          await this.focusFirstError()
          return
        }
      }
      this.status = t(mode === 'create' ? 'admin.status.created' : 'admin.status.saved', { name: this.nameOf(saved) })
      this.editingId = null
      this.draft = draftOf(section, null)
      this.setPortraitFile(null)
      const file = this.renderRoot.querySelector<HTMLInputElement>('#f-portrait')
      if (file) file.value = ''
      this.busy = false
      await this.load()
    } catch (err) {
      // nothing typed is lost: the draft stays as it is
      this.busy = false
      const field = err instanceof StructureApiError ? err.field : undefined
      if (field && (SECTION_FIELDS[section].some((f) => f.key === field) || (section === 'bodies' && field === TEMPLATE_KEY))) {
        // the relay's reason is announced (alert) and shown at the field it names
        this.fieldErrors = { [field]: this.messageOf(err) }
        this.formError = this.messageOf(err)
        await this.focusFirstError()
        return
      }
      this.formError = this.messageOf(err)
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('#form-error')?.focus()
    }
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete
    const templateKeys = this.section === 'bodies' ? templateOfDraft(this.draft).map((_, i) => templateTitleKey(i)) : []
    const keys = [...SECTION_FIELDS[this.section].map((f) => f.key), ...templateKeys, 'portrait']
    const target = keys
      .filter((k) => this.fieldErrors[k])
      .map((k) => this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(k)}`))
      .find((el) => el && !el.disabled)
    ;(target ?? this.renderRoot.querySelector<HTMLElement>('#form-error'))?.focus()
  }

  // --- portrait -----------------------------------------------------------------------------

  private portraitProblem(): string {
    const file = this.portraitFile
    if (!file) return ''
    if (!PORTRAIT_TYPES.includes(file.type)) return t('admin.portrait.wrongType')
    if (file.size > MAX_PORTRAIT_BYTES) return t('admin.portrait.tooLarge')
    return ''
  }

  private setPortraitFile(file: File | null): void {
    if (this.portraitPreview) URL.revokeObjectURL(this.portraitPreview)
    this.portraitFile = file
    this.portraitPreview = file && PORTRAIT_TYPES.includes(file.type) ? URL.createObjectURL(file) : ''
    if (this.fieldErrors?.portrait) {
      const { portrait: _gone, ...rest } = this.fieldErrors
      this.fieldErrors = rest
    }
    const problem = file ? this.portraitProblem() : ''
    if (problem) this.fieldErrors = { ...this.fieldErrors, portrait: problem }
  }

  private async removePortrait(person: Person): Promise<void> {
    const client = this.client
    if (!client || this.busy) return
    this.busy = true
    this.formError = ''
    try {
      await client.removePortrait(person.id)
      this.status = t('admin.portrait.removed', { name: person.name })
      await this.load()
    } catch (err) {
      this.formError = this.messageOf(err)
    } finally {
      this.busy = false
    }
  }

  // --- ending a membership ------------------------------------------------------------------

  private async openEnd(m: StructureMembership): Promise<void> {
    this.ending = m
    const today = townDay(new Date())
    this.endDate = m.startDate && m.startDate > today ? m.startDate : today
    this.endError = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLDialogElement>('#end-dialog')?.showModal()
    this.renderRoot.querySelector<HTMLInputElement>('#end-date')?.focus()
  }

  private closeEnd(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#end-dialog')?.close()
  }

  private onEndClosed(): void {
    this.ending = null
    this.endError = ''
    this.endBusy = false
  }

  private async confirmEnd(e: Event): Promise<void> {
    e.preventDefault()
    const m = this.ending
    const client = this.client
    if (!m || !client || this.endBusy) return
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.endDate)) {
      this.endError = t('admin.error.date', { field: t('admin.end.date') })
      this.renderRoot.querySelector<HTMLInputElement>('#end-date')?.focus()
      return
    }
    if (m.startDate && this.endDate < m.startDate) {
      this.endError = t('admin.error.endBeforeStart')
      this.renderRoot.querySelector<HTMLInputElement>('#end-date')?.focus()
      return
    }
    this.endBusy = true
    this.endError = ''
    try {
      await client.endMembership(m.id, this.endDate)
      this.status = t('admin.end.done', { person: m.personName, organization: m.organizationName, date: formatDay(this.endDate, currentLocale()) })
      this.closeEnd()
      await this.load()
      this.renderRoot.querySelector<HTMLElement>('#section-heading')?.focus()
    } catch (err) {
      this.endBusy = false
      this.endError = this.messageOf(err)
      this.renderRoot.querySelector<HTMLInputElement>('#end-date')?.focus()
    }
  }

  // --- rendering ----------------------------------------------------------------------------

  override render() {
    if (!this.allowed) {
      return html`<h1>${t('admin.title')}</h1>
        <p class="notice error">${t('admin.forbidden')}</p>`
    }
    const section = this.section
    return html`
      <h1>${t('admin.title')}</h1>
      <nav aria-label=${t('admin.nav')}>
        <ul class="sections">
          ${ADMIN_SECTIONS.map(
            (s) => html`<li>
              <a href=${hrefFor({ name: 'admin', section: s })} aria-current=${s === section ? 'page' : nothing}>${t(SECTION_TITLE[s])}</a>
            </li>`,
          )}
          ${this.session?.me.roles.includes('admin') ? html`<li><a href=${hrefFor({ name: 'admin-import' })}>${ti('import.nav')}</a></li>` : nothing}
        </ul>
      </nav>
      ${this.online ? nothing : html`<p class="notice warning" role="status">${t('admin.offline')}</p>`}
      <section aria-labelledby="section-heading">
        <h2 id="section-heading" tabindex="-1">${t(SECTION_TITLE[section])}</h2>
        <p class="intro">${t(SECTION_INTRO[section])}</p>
        <div class="status" role="status">${this.status ? html`<p class="notice success">${this.status}</p>` : nothing}</div>
        ${this.renderList()} ${this.renderForm()}
      </section>
      ${this.renderEndDialog()}
    `
  }

  private renderList() {
    if (this.loadError) {
      return html`<div class="notice error" role="alert">
        <p>${this.loadError}</p>
        <button type="button" @click=${() => void this.load()}>${t('admin.retry')}</button>
      </div>`
    }
    const records = this.visibleRecords()
    if (this.loading && !records.length) return html`<p role="status" class="muted">${t('admin.loading')}</p>`
    return html`
      ${this.renderFilters()}
      <div class="table-wrap" role="region" aria-labelledby="table-caption" tabindex="0">
        <table>
          <caption id="table-caption">${t('admin.table.caption', { title: t(SECTION_TITLE[this.section]), count: records.length })}</caption>
          <thead>
            <tr>
              ${this.columns().map((c) => html`<th scope="col">${t(c.header)}</th>`)}
              <th scope="col">${t('admin.table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${records.length
              ? records.map((r) => this.renderRow(r))
              : html`<tr>
                  <td colspan=${this.columns().length + 1}>${t('admin.table.empty')}</td>
                </tr>`}
          </tbody>
        </table>
      </div>
    `
  }

  private renderRow(record: StructureRecord) {
    const [first, ...rest] = this.columns()
    const name = this.nameOf(record)
    const membership = this.section === 'memberships' ? (record as StructureMembership) : undefined
    return html`<tr class=${this.editingId === record.id ? 'editing' : ''}>
      <th scope="row">${first.cell(record)}</th>
      ${rest.map((c) => html`<td>${c.cell(record)}</td>`)}
      <td class="actions">
        <button type="button" class="small" aria-label=${t('admin.editOf', { name })} @click=${() => void this.startEdit(record)}>${t('admin.edit')}</button>
        ${membership && !isEnded(membership, townDay(new Date()))
          ? html`<button type="button" class="small" aria-label=${t('admin.end.of', { name })} @click=${() => void this.openEnd(membership)}>
              ${t('admin.end.button')}
            </button>`
          : nothing}
      </td>
    </tr>`
  }

  private visibleRecords(): StructureRecord[] {
    const records = this.recordsOf(this.section)
    if (this.section === 'memberships') {
      const today = townDay(new Date())
      return (records as StructureMembership[]).filter(
        (m) => (!this.filterOrganization || m.organizationId === this.filterOrganization) && (!this.filterCurrent || (!isEnded(m, today) && !(m.startDate && m.startDate > today))),
      )
    }
    if (this.section === 'persons' && this.filterPerson.trim()) {
      const q = this.filterPerson.trim().toLowerCase()
      return (records as Person[]).filter((p) => p.name.toLowerCase().includes(q))
    }
    return records
  }

  private renderFilters() {
    if (this.section === 'persons') {
      return html`<div class="filters">
        <label for="filter-person">${t('admin.filter.person')}</label>
        <input id="filter-person" type="search" .value=${this.filterPerson} @input=${(e: Event) => (this.filterPerson = (e.target as HTMLInputElement).value)} />
      </div>`
    }
    if (this.section !== 'memberships') return nothing
    return html`<div class="filters">
      <div class="field">
        <label for="filter-organization">${t('admin.filter.organization')}</label>
        <select id="filter-organization" @change=${(e: Event) => (this.filterOrganization = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.filterOrganization}>${t('admin.filter.all')}</option>
          ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${o.id === this.filterOrganization}>${o.name}</option>`)}
        </select>
      </div>
      <div class="check">
        <input
          id="filter-current"
          type="checkbox"
          .checked=${this.filterCurrent}
          @change=${(e: Event) => (this.filterCurrent = (e.target as HTMLInputElement).checked)}
        />
        <label for="filter-current">${t('admin.filter.current')}</label>
      </div>
    </div>`
  }

  private columns(): Column<StructureRecord>[] {
    const locale = currentLocale()
    const day = (d: string | null) => (d ? formatDay(d, locale) : '–')
    const yesNo = (v: boolean) => t(v ? 'admin.yes' : 'admin.no')
    switch (this.section) {
      case 'terms':
        return [
          { header: 'admin.field.termName', cell: (r) => (r as LegislativeTerm).name },
          { header: 'admin.field.startDate', cell: (r) => day((r as LegislativeTerm).startDate) },
          { header: 'admin.field.endDate', cell: (r) => day((r as LegislativeTerm).endDate) },
        ]
      case 'bodies':
        return [
          { header: 'admin.field.name', cell: (r) => (r as Organization).name },
          { header: 'admin.field.shortName', cell: (r) => (r as Organization).shortName },
          { header: 'admin.field.classification', cell: (r) => labelOfClassification((r as Organization).classification) },
          {
            header: 'admin.column.invitation',
            cell: (r) => {
              const s = (r as Organization).settings
              return s ? t('admin.column.invitationDays', { days: s.invitationPeriodDays, urgent: s.urgentInvitationPeriodDays }) : '–'
            },
          },
          { header: 'admin.field.quorum', cell: (r) => labelOfQuorum((r as Organization).settings?.quorum ?? '') },
          { header: 'admin.field.majority', cell: (r) => labelOfMajority((r as Organization).settings?.majority ?? '') },
          { header: 'admin.column.public', cell: (r) => yesNo((r as Organization).settings?.public ?? true) },
        ]
      case 'factions':
        return [
          { header: 'admin.field.name', cell: (r) => (r as Organization).name },
          { header: 'admin.field.shortName', cell: (r) => (r as Organization).shortName },
          { header: 'admin.field.startDate', cell: (r) => day((r as Organization).startDate) },
          { header: 'admin.field.endDate', cell: (r) => day((r as Organization).endDate) },
        ]
      case 'departments':
        return [
          { header: 'admin.field.name', cell: (r) => (r as Department).name },
          { header: 'admin.field.shortName', cell: (r) => (r as Department).shortName },
          { header: 'admin.column.state', cell: (r) => t((r as Department).active ? 'admin.state.active' : 'admin.state.inactive') },
        ]
      case 'persons':
        return [
          { header: 'admin.field.name', cell: (r) => (r as Person).name },
          { header: 'admin.field.email', cell: (r) => (r as Person).email ?? '–' },
          { header: 'admin.column.portrait', cell: (r) => yesNo(!!(r as Person).portraitSha256) },
          { header: 'admin.column.consent', cell: (r) => t((r as Person).publishConsent ? 'admin.consent.yes' : 'admin.consent.no') },
        ]
      case 'memberships':
        return [
          { header: 'admin.field.person', cell: (r) => (r as StructureMembership).personName },
          { header: 'admin.field.organization', cell: (r) => (r as StructureMembership).organizationName },
          { header: 'admin.field.role', cell: (r) => labelOfRole((r as StructureMembership).role) },
          { header: 'admin.field.votingRight', cell: (r) => yesNo((r as StructureMembership).votingRight) },
          { header: 'admin.field.onBehalfOf', cell: (r) => (r as StructureMembership).onBehalfOfName ?? '–' },
          { header: 'admin.field.substituteFor', cell: (r) => (r as StructureMembership).substituteForName ?? '–' },
          { header: 'admin.field.startDate', cell: (r) => day((r as StructureMembership).startDate) },
          { header: 'admin.field.endDate', cell: (r) => day((r as StructureMembership).endDate) },
        ]
    }
  }

  private renderForm() {
    const section = this.section
    const editing = this.editingId === null ? undefined : this.recordsOf(section).find((r) => r.id === this.editingId)
    const mode = this.editingId === null ? 'create' : 'update'
    const fields = SECTION_FIELDS[section]
    const main = fields.filter((f) => f.group !== 'settings')
    const settings = fields.filter((f) => f.group === 'settings')
    const heading = editing ? t('admin.form.edit', { name: this.nameOf(editing) }) : t(NEW_TITLE[section])
    return html`
      <form class="editor" @submit=${this.submit} novalidate aria-labelledby="form-heading">
        <h3 id="form-heading" tabindex="-1">${heading}</h3>
        <p class="hint">${t('admin.form.required')}</p>
        <div class="grid">${main.map((f) => this.renderField(f, mode))}</div>
        ${settings.length
          ? html`<fieldset>
              <legend>${t('admin.bodies.settings')}</legend>
              <div class="grid">${settings.map((f) => this.renderField(f, mode))}</div>
            </fieldset>`
          : nothing}
        ${section === 'bodies' ? this.renderTemplate() : nothing}
        ${section === 'persons' ? this.renderPortrait(editing as Person | undefined) : nothing}
        <div id="form-error" class="form-error" role="alert" tabindex="-1">
          ${this.formError ? html`<p class="notice error">${this.formError}</p>` : nothing}
        </div>
        <div class="buttons">
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? t('admin.form.saving') : t(mode === 'create' ? 'admin.form.create' : 'admin.form.save')}
          </button>
          ${mode === 'update' ? html`<button type="button" @click=${() => void this.startNew()}>${t('admin.form.cancel')}</button>` : nothing}
        </div>
      </form>
    `
  }

  private renderField(field: FieldSpec, mode: 'create' | 'update') {
    const id = fieldId(field.key)
    const error = this.fieldErrors[field.key]
    const value = this.draft[field.key]
    const disabled = !!field.createOnly && mode === 'update'
    const describedBy = [field.hint ? hintId(field.key) : '', errorId(field.key)].filter(Boolean).join(' ')
    // the asterisk stays outside the <label>: the accessible name is the plain label text
    const marker = field.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing
    const label = t(field.label)
    const hint = field.hint ? html`<p id=${hintId(field.key)} class="hint">${t(field.hint)}</p>` : nothing
    const errorText = html`<p id=${errorId(field.key)} class="field-error">${error ?? ''}</p>`
    if (field.type === 'checkbox') {
      return html`<div class="field check-field">
        <div class="check">
          <input
            id=${id}
            type="checkbox"
            .checked=${value === true}
            ?disabled=${disabled}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy}
            @change=${(e: Event) => this.setValue(field.key, (e.target as HTMLInputElement).checked)}
          />
          <span class="label-line"><label for=${id}>${label}</label>${marker}</span>
        </div>
        ${hint} ${errorText}
      </div>`
    }
    if (field.type === 'select') {
      const options = field.options?.(this.formContext) ?? []
      const groups = [...new Set(options.map((o) => o.group))]
      const option = (o: { value: string; label: string }) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`
      return html`<div class="field">
        <span class="label-line"><label for=${id}>${label}</label>${marker}</span>
        <select
          id=${id}
          .value=${typeof value === 'string' ? value : ''}
          ?disabled=${disabled}
          ?required=${field.required}
          aria-required=${field.required ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @change=${(e: Event) => this.setValue(field.key, (e.target as HTMLSelectElement).value)}
        >
          ${groups.map((g) =>
            g ? html`<optgroup label=${g}>${options.filter((o) => o.group === g).map(option)}</optgroup>` : options.filter((o) => !o.group).map(option),
          )}
        </select>
        ${hint} ${errorText}
      </div>`
    }
    return html`<div class="field">
      <span class="label-line"><label for=${id}>${label}</label>${marker}</span>
      <input
        id=${id}
        type=${field.type}
        .value=${typeof value === 'string' ? value : ''}
        ?disabled=${disabled}
        ?required=${field.required}
        aria-required=${field.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        min=${field.min ?? nothing}
        max=${field.max ?? nothing}
        inputmode=${field.type === 'number' ? 'numeric' : nothing}
        autocomplete=${field.autocomplete ?? nothing}
        @input=${(e: Event) => this.setValue(field.key, (e.target as HTMLInputElement).value)}
      />
      ${hint} ${errorText}
    </div>`
  }

  // --- standard items template (Regel-TOPs) ---------------------------------------------------

  /**
   * The body's standard items as an ordered list of rows: title, part and position per row; moving
   * and removing by buttons (no drag and drop needed, so it works by keyboard and switch access).
   * After each change the focus stays on the moved row's button (or the next sensible control) and
   * a status line says what happened.
   */
  private renderTemplate() {
    const template = templateOfDraft(this.draft)
    const isDefault = this.draft[TEMPLATE_KEY] === '' || this.draft[TEMPLATE_KEY] === TEMPLATE_DEFAULT || this.draft[TEMPLATE_KEY] === undefined
    const listError = this.fieldErrors[TEMPLATE_KEY]
    const name = (title: string) => title.trim() || t('admin.template.untitled')
    return html`<fieldset class="template" aria-describedby="template-intro">
      <legend>${t('admin.template.legend')}</legend>
      <p id="template-intro" class="hint">${t('admin.template.intro')} ${t(isDefault ? 'admin.template.isDefault' : 'admin.template.isOwn')}</p>
      ${template.length === 0 ? html`<p class="muted">${t('admin.template.empty')}</p>` : nothing}
      <ol class="template-list">
        ${template.map((item, i) => {
          const key = templateTitleKey(i)
          const id = fieldId(key)
          const error = this.fieldErrors[key]
          return html`<li><div class="template-row" role="group" aria-label=${t('admin.template.rowLabel', { n: i + 1 })}>
            <div class="field">
              <label for=${id}>${t('admin.template.title')}</label>
              <input
                id=${id}
                type="text"
                maxlength="300"
                .value=${item.title}
                aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${errorId(key)}
                @input=${(e: Event) => this.editTemplate(i, { title: (e.target as HTMLInputElement).value }, key)}
              />
              <p id=${errorId(key)} class="field-error">${error ?? ''}</p>
            </div>
            <div class="field">
              <label for=${`${id}-part`}>${t('admin.template.part')}</label>
              <select id=${`${id}-part`} .value=${item.public ? 'public' : 'confidential'} @change=${(e: Event) => this.editTemplate(i, { public: (e.target as HTMLSelectElement).value === 'public' })}>
                <option value="public" ?selected=${item.public}>${t('admin.template.public')}</option>
                <option value="confidential" ?selected=${!item.public}>${t('admin.template.confidential')}</option>
              </select>
            </div>
            <div class="field">
              <label for=${`${id}-position`}>${t('admin.template.position')}</label>
              <select id=${`${id}-position`} .value=${item.position} @change=${(e: Event) => this.editTemplate(i, { position: (e.target as HTMLSelectElement).value === 'start' ? 'start' : 'end' })}>
                <option value="start" ?selected=${item.position === 'start'}>${t('admin.template.start')}</option>
                <option value="end" ?selected=${item.position === 'end'}>${t('admin.template.end')}</option>
              </select>
            </div>
            <div class="template-buttons">
              <button type="button" id=${`${id}-up`} aria-label=${t('admin.template.upNamed', { title: name(item.title) })} ?disabled=${i === 0} @click=${() => void this.moveTemplate(i, -1)}>
                ${t('admin.template.up')}
              </button>
              <button
                type="button"
                id=${`${id}-down`}
                aria-label=${t('admin.template.downNamed', { title: name(item.title) })}
                ?disabled=${i === template.length - 1}
                @click=${() => void this.moveTemplate(i, 1)}
              >
                ${t('admin.template.down')}
              </button>
              <button type="button" id=${`${id}-remove`} aria-label=${t('admin.template.removeNamed', { title: name(item.title) })} @click=${() => void this.removeTemplate(i)}>
                ${t('admin.template.remove')}
              </button>
            </div>
          </div></li>`
        })}
      </ol>
      <p id=${errorId(TEMPLATE_KEY)} class="field-error">${listError ?? ''}</p>
      <div class="buttons">
        <button type="button" id="template-add" @click=${() => void this.addTemplate()}>${t('admin.template.add')}</button>
        ${isDefault ? nothing : html`<button type="button" id="template-reset" @click=${() => void this.resetTemplate()}>${t('admin.template.reset')}</button>`}
      </div>
      <p class="hint template-status" role="status">${this.templateNotice ?? ''}</p>
    </fieldset>`
  }

  private editTemplate(index: number, change: Partial<StandardItemTemplate>, errorKey?: string): void {
    const template = templateOfDraft(this.draft).map((item, i) => (i === index ? { ...item, ...change } : item))
    this.draft = withTemplate(this.draft, template)
    if (errorKey && this.fieldErrors[errorKey]) {
      const { [errorKey]: _gone, ...rest } = this.fieldErrors
      this.fieldErrors = rest
    }
  }

  private async moveTemplate(index: number, delta: -1 | 1): Promise<void> {
    const before = templateOfDraft(this.draft)
    const moved = before[index]
    if (!moved) return
    const after = moveTemplateItem(before, index, delta)
    this.draft = withTemplate(this.draft, after)
    this.fieldErrors = {}
    const target = index + delta
    this.templateNotice = t('admin.template.moved', { title: moved.title.trim() || t('admin.template.untitled'), n: target + 1 })
    await this.updateComplete
    // keep the keyboard where it was: on the same button of the moved row, or its other one at the edge
    const base = fieldId(templateTitleKey(target))
    const same = this.renderRoot.querySelector<HTMLButtonElement>(`#${base}-${delta < 0 ? 'up' : 'down'}`)
    const other = this.renderRoot.querySelector<HTMLButtonElement>(`#${base}-${delta < 0 ? 'down' : 'up'}`)
    ;(same && !same.disabled ? same : other)?.focus()
  }

  private async removeTemplate(index: number): Promise<void> {
    const before = templateOfDraft(this.draft)
    const removed = before[index]
    if (!removed) return
    const after = before.filter((_, i) => i !== index)
    this.draft = withTemplate(this.draft, after)
    this.fieldErrors = {}
    this.templateNotice = t('admin.template.removed', { title: removed.title.trim() || t('admin.template.untitled') })
    await this.updateComplete
    const next = Math.min(index, after.length - 1)
    const focus = next >= 0 ? this.renderRoot.querySelector<HTMLElement>(`#${fieldId(templateTitleKey(next))}`) : this.renderRoot.querySelector<HTMLElement>('#template-add')
    focus?.focus()
  }

  private async addTemplate(): Promise<void> {
    const after = addTemplateItem(templateOfDraft(this.draft))
    this.draft = withTemplate(this.draft, after)
    this.templateNotice = t('admin.template.added', { n: after.length })
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`#${fieldId(templateTitleKey(after.length - 1))}`)?.focus()
  }

  private async resetTemplate(): Promise<void> {
    this.draft = { ...this.draft, [TEMPLATE_KEY]: TEMPLATE_DEFAULT }
    this.fieldErrors = {}
    this.templateNotice = t('admin.template.resetDone')
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>('#template-add')?.focus()
  }

  private renderPortrait(person: Person | undefined) {
    const current = person ? portraitUrl(person) : null
    const error = this.fieldErrors.portrait
    return html`<fieldset class="portrait">
      <legend>${t('admin.portrait.legend')}</legend>
      <div class="portrait-row">
        <div>
          ${current
            ? html`<img class="portrait-image" src=${current} alt=${t('admin.portrait.current', { name: person!.name })} width="120" height="150" />`
            : html`<p class="muted">${t('admin.portrait.none')}</p>`}
        </div>
        ${this.portraitPreview
          ? html`<div><img class="portrait-image" src=${this.portraitPreview} alt=${t('admin.portrait.preview')} width="120" height="150" /></div>`
          : nothing}
      </div>
      <div class="field">
        <label for="f-portrait">${t('admin.portrait.choose')}</label>
        <input
          id="f-portrait"
          type="file"
          accept=${PORTRAIT_TYPES.join(',')}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="hint-portrait err-portrait"
          @change=${(e: Event) => this.setPortraitFile((e.target as HTMLInputElement).files?.[0] ?? null)}
        />
        <p id="hint-portrait" class="hint">${t('admin.portrait.hint')}</p>
        <p id="err-portrait" class="field-error">${error ?? ''}</p>
      </div>
      ${person?.portraitSha256
        ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.removePortrait(person)}>${t('admin.portrait.remove')}</button>`
        : nothing}
    </fieldset>`
  }

  private renderEndDialog() {
    const m = this.ending
    return html`<dialog id="end-dialog" aria-labelledby="end-title" @close=${this.onEndClosed}>
      ${m
        ? html`<form @submit=${this.confirmEnd} novalidate>
            <h2 id="end-title">${t('admin.end.title')}</h2>
            <p>${t('admin.end.who', { person: m.personName, organization: m.organizationName, role: labelOfRole(m.role) })}</p>
            <div class="field">
              <label for="end-date">${t('admin.end.date')}</label>
              <input
                id="end-date"
                type="date"
                required
                aria-required="true"
                min=${m.startDate ?? nothing}
                .value=${this.endDate}
                aria-invalid=${this.endError ? 'true' : 'false'}
                aria-describedby="end-hint end-error"
                @input=${(e: Event) => (this.endDate = (e.target as HTMLInputElement).value)}
              />
              <p id="end-hint" class="hint">${t('admin.end.hint', { person: m.personName, organization: m.organizationName })}</p>
            </div>
            <div id="end-error" role="alert">${this.endError ? html`<p class="notice error">${this.endError}</p>` : nothing}</div>
            <div class="buttons">
              <button type="submit" class="primary danger" ?disabled=${this.endBusy}>${this.endBusy ? t('admin.form.saving') : t('admin.end.confirm')}</button>
              <button type="button" @click=${this.closeEnd}>${t('admin.form.cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`
  }
}

customElements.define('rt-admin-view', AdminView)

declare global {
  interface HTMLElementTagNameMap {
    'rt-admin-view': AdminView
  }
}
