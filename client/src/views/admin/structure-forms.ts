/**
 * The admin forms as data: which fields each section edits, how a record becomes a form draft and a
 * draft becomes the JSON the relay expects, and the checks the form makes before sending (the
 * relay checks again and has the last word). No DOM here, so it is tested in Node.
 */
import type { AdminSection } from '../../app/routes.ts'
import { t, type MessageKey } from '../../i18n/messages.ts'
import {
  ADVISORY_ROLES,
  BODY_CLASSIFICATIONS,
  BODY_ONLY_ROLES,
  DEFAULT_BODY_SETTINGS,
  FACTION_ONLY_ROLES,
  FORMS_OF_ADDRESS,
  MAJORITY_RULES,
  MEMBERSHIP_ROLES,
  QUORUM_RULES,
  MAX_STANDARD_ITEMS,
  MAX_STANDARD_ITEM_TITLE,
  TIE_BREAK_RULES,
  standardItemsFor,
  type BodySettings,
  type StandardItemTemplate,
  type LegislativeTerm,
  type Organization,
  type Person,
  type StructureMembership,
} from '@ratstisch/domain'
import type { Department, Payload } from './structure-client.ts'

/** Form values as the inputs hold them: text (numbers too) or checked. */
export type Draft = Record<string, string | boolean>

export interface FieldOption {
  value: string
  label: string
  /** optgroup label */
  group?: string
}

/** What option lists are drawn from. */
export interface FormContext {
  persons: readonly Person[]
  organizations: readonly Organization[]
  draft: Draft
}

export interface FieldSpec {
  /** draft key = API field; body settings as "settings.<key>" */
  key: string
  label: MessageKey
  type: 'text' | 'email' | 'date' | 'number' | 'checkbox' | 'select'
  required?: boolean
  hint?: MessageKey
  min?: number
  max?: number
  maxLength?: number
  /** shown in a fieldset "settings" */
  group?: 'settings'
  /** set when creating, fixed afterwards */
  createOnly?: boolean
  autocomplete?: string
  options?: (ctx: FormContext) => FieldOption[]
}

export type StructureRecord = LegislativeTerm | Organization | Department | Person | StructureMembership

const quorumLabel: Record<(typeof QUORUM_RULES)[number], MessageKey> = {
  'more-than-half': 'admin.quorum.more-than-half',
  half: 'admin.quorum.half',
  third: 'admin.quorum.third',
}
const majorityLabel: Record<(typeof MAJORITY_RULES)[number], MessageKey> = {
  simple: 'admin.majority.simple',
  absolute: 'admin.majority.absolute',
  'two-thirds': 'admin.majority.two-thirds',
}
const classificationLabel: Record<(typeof BODY_CLASSIFICATIONS)[number], MessageKey> = {
  Stadtrat: 'admin.classification.Stadtrat',
  Gemeinderat: 'admin.classification.Gemeinderat',
  Ausschuss: 'admin.classification.Ausschuss',
  Ortschaftsrat: 'admin.classification.Ortschaftsrat',
}
const roleLabel: Record<string, MessageKey> = {
  Mitglied: 'admin.role.member',
  Vorsitz: 'admin.role.chair',
  'stellv. Vorsitz': 'admin.role.deputyChair',
  Fraktionsvorsitz: 'admin.role.factionChair',
  'stellv. Fraktionsvorsitz': 'admin.role.deputyFactionChair',
  'sachkundige Einwohnerin': 'admin.role.expertResidentF',
  'sachkundiger Einwohner': 'admin.role.expertResidentM',
  'stellvertretendes Mitglied': 'admin.role.substitute',
  'beratendes Mitglied': 'admin.role.advisory',
}

const tieBreakLabel: Record<(typeof TIE_BREAK_RULES)[number], MessageKey> = {
  rejected: 'admin.tieBreak.rejected',
  chair: 'admin.tieBreak.chair',
}
export const labelOfTieBreak = (rule: string): string => (rule in tieBreakLabel ? t(tieBreakLabel[rule as keyof typeof tieBreakLabel]) : rule)
export const labelOfQuorum = (rule: string): string => (rule in quorumLabel ? t(quorumLabel[rule as keyof typeof quorumLabel]) : rule)
export const labelOfMajority = (rule: string): string => (rule in majorityLabel ? t(majorityLabel[rule as keyof typeof majorityLabel]) : rule)
export const labelOfClassification = (c: string): string =>
  c in classificationLabel ? t(classificationLabel[c as keyof typeof classificationLabel]) : c
/** Roles are stored in German; the English UI shows them translated. */
export const labelOfRole = (role: string): string => (roleLabel[role] ? t(roleLabel[role]) : role)

const bodies = (ctx: FormContext) => ctx.organizations.filter((o) => o.organizationType === 'Gremium')
const factions = (ctx: FormContext) => ctx.organizations.filter((o) => o.organizationType === 'Fraktion')
const none = (): FieldOption => ({ value: '', label: t('admin.option.none') })

const FACTION_ROLES: readonly string[] = MEMBERSHIP_ROLES.filter((r) => !BODY_ONLY_ROLES.includes(r))
const BODY_ROLES: readonly string[] = MEMBERSHIP_ROLES.filter((r) => !FACTION_ONLY_ROLES.includes(r))

/** Roles that fit the chosen organization (faction or body). */
export function rolesFor(organization: Organization | undefined): string[] {
  if (!organization) return [...BODY_ROLES, ...FACTION_ROLES.filter((r) => !BODY_ROLES.includes(r))]
  return [...(organization.organizationType === 'Fraktion' ? FACTION_ROLES : BODY_ROLES)]
}

const period: FieldSpec[] = [
  { key: 'startDate', label: 'admin.field.startDate', type: 'date' },
  { key: 'endDate', label: 'admin.field.endDate', type: 'date' },
]

export const SECTION_FIELDS: Record<AdminSection, FieldSpec[]> = {
  terms: [
    { key: 'name', label: 'admin.field.termName', type: 'text', required: true, maxLength: 60, hint: 'admin.terms.name.hint' },
    { key: 'startDate', label: 'admin.field.startDate', type: 'date', required: true },
    { key: 'endDate', label: 'admin.field.endDate', type: 'date', required: true },
  ],
  bodies: [
    { key: 'name', label: 'admin.field.name', type: 'text', required: true, maxLength: 120 },
    { key: 'shortName', label: 'admin.field.shortName', type: 'text', required: true, maxLength: 60, hint: 'admin.field.shortName.hint' },
    {
      key: 'classification',
      label: 'admin.field.classification',
      type: 'select',
      required: true,
      options: () => BODY_CLASSIFICATIONS.map((c) => ({ value: c, label: labelOfClassification(c) })),
    },
    ...period,
    {
      key: 'settings.invitationPeriodDays',
      label: 'admin.field.invitationPeriodDays',
      type: 'number',
      required: true,
      min: 0,
      max: 60,
      group: 'settings',
      hint: 'admin.field.invitationPeriodDays.hint',
    },
    {
      key: 'settings.urgentInvitationPeriodDays',
      label: 'admin.field.urgentInvitationPeriodDays',
      type: 'number',
      required: true,
      min: 0,
      max: 60,
      group: 'settings',
      hint: 'admin.field.urgentInvitationPeriodDays.hint',
    },
    {
      key: 'settings.quorum',
      label: 'admin.field.quorum',
      type: 'select',
      required: true,
      group: 'settings',
      options: () => QUORUM_RULES.map((q) => ({ value: q, label: labelOfQuorum(q) })),
    },
    {
      key: 'settings.majority',
      label: 'admin.field.majority',
      type: 'select',
      required: true,
      group: 'settings',
      options: () => MAJORITY_RULES.map((m) => ({ value: m, label: labelOfMajority(m) })),
    },
    {
      key: 'settings.minimumMembers',
      label: 'admin.field.minimumMembers',
      type: 'number',
      required: true,
      min: 0,
      max: 200,
      group: 'settings',
      hint: 'admin.field.minimumMembers.hint',
    },
    {
      key: 'settings.tieBreak',
      label: 'admin.field.tieBreak',
      type: 'select',
      required: true,
      group: 'settings',
      hint: 'admin.field.tieBreak.hint',
      options: () => TIE_BREAK_RULES.map((r) => ({ value: r, label: labelOfTieBreak(r) })),
    },
    { key: 'settings.public', label: 'admin.field.public', type: 'checkbox', group: 'settings', hint: 'admin.field.public.hint' },
  ],
  factions: [
    { key: 'name', label: 'admin.field.name', type: 'text', required: true, maxLength: 120 },
    { key: 'shortName', label: 'admin.field.shortName', type: 'text', required: true, maxLength: 60, hint: 'admin.field.shortName.hint' },
    ...period,
  ],
  departments: [
    { key: 'name', label: 'admin.field.name', type: 'text', required: true, maxLength: 120 },
    { key: 'shortName', label: 'admin.field.shortName', type: 'text', required: true, maxLength: 40, hint: 'admin.field.shortName.hint' },
    { key: 'active', label: 'admin.field.active', type: 'checkbox', hint: 'admin.field.active.hint' },
  ],
  persons: [
    {
      key: 'formOfAddress',
      label: 'admin.field.formOfAddress',
      type: 'select',
      options: () => [none(), ...FORMS_OF_ADDRESS.map((f) => ({ value: f, label: t(f === 'Frau' ? 'admin.address.Frau' : 'admin.address.Herr') }))],
    },
    { key: 'title', label: 'admin.field.title', type: 'text', maxLength: 40, autocomplete: 'off' },
    { key: 'givenName', label: 'admin.field.givenName', type: 'text', maxLength: 80, autocomplete: 'off' },
    { key: 'familyName', label: 'admin.field.familyName', type: 'text', required: true, maxLength: 80, autocomplete: 'off' },
    { key: 'email', label: 'admin.field.email', type: 'email', maxLength: 200, autocomplete: 'off' },
    { key: 'publishConsent', label: 'admin.field.publishConsent', type: 'checkbox', hint: 'admin.field.publishConsent.hint' },
  ],
  memberships: [
    {
      key: 'personId',
      label: 'admin.field.person',
      type: 'select',
      required: true,
      createOnly: true,
      options: (ctx) => [{ value: '', label: t('admin.option.choose') }, ...ctx.persons.map((p) => ({ value: p.id, label: p.name }))],
    },
    {
      key: 'organizationId',
      label: 'admin.field.organization',
      type: 'select',
      required: true,
      createOnly: true,
      options: (ctx) => [
        { value: '', label: t('admin.option.choose') },
        ...bodies(ctx).map((o) => ({ value: o.id, label: o.name, group: t('admin.group.bodies') })),
        ...factions(ctx).map((o) => ({ value: o.id, label: o.name, group: t('admin.group.factions') })),
      ],
    },
    {
      key: 'role',
      label: 'admin.field.role',
      type: 'select',
      required: true,
      options: (ctx) => {
        const org = ctx.organizations.find((o) => o.id === ctx.draft.organizationId)
        const roles = rolesFor(org)
        const current = String(ctx.draft.role ?? '')
        if (current && !roles.includes(current)) roles.push(current)
        return roles.map((r) => ({ value: r, label: labelOfRole(r) }))
      },
    },
    { key: 'votingRight', label: 'admin.field.votingRight', type: 'checkbox' },
    {
      key: 'onBehalfOf',
      label: 'admin.field.onBehalfOf',
      type: 'select',
      hint: 'admin.field.onBehalfOf.hint',
      options: (ctx) => [none(), ...factions(ctx).map((o) => ({ value: o.id, label: o.name }))],
    },
    {
      key: 'substituteForPersonId',
      label: 'admin.field.substituteFor',
      type: 'select',
      hint: 'admin.field.substituteFor.hint',
      options: (ctx) => [none(), ...ctx.persons.filter((p) => p.id !== ctx.draft.personId).map((p) => ({ value: p.id, label: p.name }))],
    },
    { key: 'startDate', label: 'admin.field.startDate', type: 'date', required: true, hint: 'admin.field.membershipStart.hint' },
    { key: 'endDate', label: 'admin.field.endDate', type: 'date', createOnly: true, hint: 'admin.field.membershipEnd.hint' },
  ],
}

const text = (v: string | null | undefined) => v ?? ''

/** The form's starting values: a record to edit, or the defaults of a new one. */
export function draftOf(section: AdminSection, record: StructureRecord | null, defaults: BodySettings = DEFAULT_BODY_SETTINGS): Draft {
  switch (section) {
    case 'terms': {
      const r = record as LegislativeTerm | null
      return { name: text(r?.name), startDate: text(r?.startDate), endDate: text(r?.endDate) }
    }
    case 'bodies':
    case 'factions': {
      const r = record as Organization | null
      const draft: Draft = { name: text(r?.name), shortName: text(r?.shortName), startDate: text(r?.startDate), endDate: text(r?.endDate) }
      if (section === 'bodies') {
        const s = r?.settings ?? defaults
        Object.assign(draft, {
          classification: r?.classification ?? 'Ausschuss',
          'settings.invitationPeriodDays': String(s.invitationPeriodDays),
          'settings.urgentInvitationPeriodDays': String(s.urgentInvitationPeriodDays),
          'settings.quorum': s.quorum,
          'settings.majority': s.majority,
          'settings.minimumMembers': String(s.minimumMembers),
          'settings.public': s.public,
          'settings.tieBreak': s.tieBreak,
          [TEMPLATE_KEY]: s.standardItems ? JSON.stringify(s.standardItems) : '',
        })
      }
      return draft
    }
    case 'departments': {
      const r = record as Department | null
      return { name: text(r?.name), shortName: text(r?.shortName), active: r ? r.active : true }
    }
    case 'persons': {
      const r = record as Person | null
      return {
        formOfAddress: text(r?.formOfAddress),
        title: text(r?.title),
        givenName: text(r?.givenName),
        familyName: text(r?.familyName),
        email: text(r?.email),
        publishConsent: r?.publishConsent ?? false,
      }
    }
    case 'memberships': {
      const r = record as StructureMembership | null
      return {
        personId: text(r?.personId),
        organizationId: text(r?.organizationId),
        role: r?.role ?? 'Mitglied',
        votingRight: r ? r.votingRight : true,
        onBehalfOf: text(r?.onBehalfOf),
        substituteForPersonId: text(r?.substituteForPersonId),
        startDate: text(r?.startDate),
        endDate: text(r?.endDate),
      }
    }
  }
}

/**
 * The JSON to send: trimmed text, numbers, booleans, settings nested. Creating leaves out empty
 * optional fields; changing sends them as null (cleared) and leaves out fields fixed after creation.
 */
export function payloadOf(section: AdminSection, draft: Draft, mode: 'create' | 'update'): Payload {
  const payload: Payload = {}
  const settings: Payload = {}
  for (const field of SECTION_FIELDS[section]) {
    if (field.createOnly && mode === 'update') continue
    const raw = draft[field.key]
    let value: unknown
    if (field.type === 'checkbox') value = raw === true
    else {
      const s = typeof raw === 'string' ? raw.trim() : ''
      if (s === '') {
        if (mode === 'create') continue
        value = null
      } else value = field.type === 'number' ? Number(s) : s
    }
    if (field.key.startsWith('settings.')) settings[field.key.slice('settings.'.length)] = value
    else payload[field.key] = value
  }
  if (section === 'bodies') {
    // the template: untouched default = not sent (the body keeps following the default), reset = null
    const template = draft[TEMPLATE_KEY]
    if (template === TEMPLATE_DEFAULT) {
      if (mode === 'update') settings.standardItems = null
    } else if (typeof template === 'string' && template !== '') settings.standardItems = templateOfDraft(draft)
    payload.settings = settings
  }
  if (section === 'bodies' && mode === 'create') payload.organizationType = 'Gremium'
  if (section === 'factions' && mode === 'create') payload.organizationType = 'Fraktion'
  return payload
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Checks before sending; field key -> message (empty: nothing to correct). */
export function validateDraft(section: AdminSection, draft: Draft, mode: 'create' | 'update'): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const field of SECTION_FIELDS[section]) {
    if (field.createOnly && mode === 'update') continue
    const raw = draft[field.key]
    const value = typeof raw === 'string' ? raw.trim() : raw
    const label = t(field.label)
    if (field.required && (value === '' || value === undefined)) {
      errors[field.key] = t('admin.error.required', { field: label })
      continue
    }
    if (typeof value !== 'string' || value === '') continue
    if (field.type === 'number') {
      const n = Number(value)
      if (!Number.isInteger(n) || n < (field.min ?? 0) || n > (field.max ?? Number.MAX_SAFE_INTEGER)) {
        errors[field.key] = t('admin.error.range', { field: label, min: field.min ?? 0, max: field.max ?? '∞' })
      }
    }
    if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors[field.key] = t('admin.error.date', { field: label })
    if (field.type === 'email' && !EMAIL.test(value)) errors[field.key] = t('admin.error.email')
    if (field.maxLength && value.length > field.maxLength) errors[field.key] = t('admin.error.tooLong', { field: label, max: field.maxLength })
  }
  const start = typeof draft.startDate === 'string' ? draft.startDate : ''
  const end = typeof draft.endDate === 'string' ? draft.endDate : ''
  if (start && end && end < start && !errors.endDate && !(section === 'memberships' && mode === 'update')) {
    errors.endDate = t('admin.error.endBeforeStart')
  }
  if (section === 'bodies') {
    const full = Number(draft['settings.invitationPeriodDays'])
    const urgent = Number(draft['settings.urgentInvitationPeriodDays'])
    if (!errors['settings.urgentInvitationPeriodDays'] && Number.isFinite(full) && Number.isFinite(urgent) && urgent > full) {
      errors['settings.urgentInvitationPeriodDays'] = t('admin.error.urgentLonger')
    }
  }
  if (section === 'bodies') Object.assign(errors, validateTemplate(templateOfDraft(draft)))
  if (section === 'memberships' && draft.substituteForPersonId && draft.substituteForPersonId === draft.personId) {
    errors.substituteForPersonId = t('admin.error.selfSubstitute')
  }
  return errors
}

// ---------------------------------------------------------------------------------------------
// Standard items template (Regel-TOPs) of a body: a list inside the flat draft, kept as JSON text
// under one key so that the draft stays a plain record that survives errors and section switches.
// ---------------------------------------------------------------------------------------------

export const TEMPLATE_KEY = 'settings.standardItems'
/** Draft marker: go back to the default template (sent as null). */
export const TEMPLATE_DEFAULT = 'default'
/** Field key of a template row's title (errors and focus). */
export const templateTitleKey = (index: number) => `${TEMPLATE_KEY}.${index}`

/** The template the draft holds: the body's own, or the default one while the clerk has not changed it. */
export function templateOfDraft(draft: Draft): StandardItemTemplate[] {
  const raw = draft[TEMPLATE_KEY]
  if (typeof raw === 'string' && raw !== '' && raw !== TEMPLATE_DEFAULT) {
    try {
      const list: unknown = JSON.parse(raw)
      if (Array.isArray(list)) return list as StandardItemTemplate[]
    } catch {
      // fall through to the default
    }
  }
  return standardItemsFor(DEFAULT_BODY_SETTINGS)
}

/** The draft with a changed template (always the body's own from here on). */
export function withTemplate(draft: Draft, template: readonly StandardItemTemplate[]): Draft {
  return { ...draft, [TEMPLATE_KEY]: JSON.stringify(template) }
}

/** Moves an entry up (-1) or down (+1); out of range leaves the list as it is. */
export function moveTemplateItem(template: readonly StandardItemTemplate[], index: number, delta: -1 | 1): StandardItemTemplate[] {
  const target = index + delta
  const list = [...template]
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return list
  ;[list[index], list[target]] = [list[target], list[index]]
  return list
}

/** A new, empty entry at the end (public, after the papers) with a key no other entry has. */
export function addTemplateItem(template: readonly StandardItemTemplate[]): StandardItemTemplate[] {
  const keys = new Set(template.map((t) => t.key))
  let n = 1
  while (keys.has(`eigener-top-${n}`)) n++
  return [...template, { key: `eigener-top-${n}`, title: '', public: true, position: 'end' }]
}

/** Per-row problems (key `settings.standardItems.<i>`) and list problems (key `settings.standardItems`). */
export function validateTemplate(template: readonly StandardItemTemplate[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (template.length > MAX_STANDARD_ITEMS) errors[TEMPLATE_KEY] = t('admin.template.tooMany', { max: MAX_STANDARD_ITEMS })
  template.forEach((item, i) => {
    const title = (item.title ?? '').trim()
    if (!title) errors[templateTitleKey(i)] = t('admin.template.titleRequired', { n: i + 1 })
    else if (title.length > MAX_STANDARD_ITEM_TITLE || /[\r\n]/.test(title)) errors[templateTitleKey(i)] = t('admin.template.titleTooLong', { n: i + 1, max: MAX_STANDARD_ITEM_TITLE })
  })
  return errors
}

/** A membership role changed: advisory roles have no vote unless the clerk says otherwise. */
export function votingRightFor(role: string): boolean {
  return !ADVISORY_ROLES.includes(role)
}

/** "2024-07-01" -> "01.07.2024" (de) / "01/07/2024" (en); dates are calendar days, no time zone. */
export function formatDay(iso: string | null | undefined, locale: 'de' | 'en' = 'de'): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return locale === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`
}

/** A membership is over when its last day is before today. */
export function isEnded(m: Pick<StructureMembership, 'endDate'>, today: string): boolean {
  return !!m.endDate && m.endDate < today
}
