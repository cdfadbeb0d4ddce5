/**
 * Runtime validation of a statute file (statute.ts): shapes with zod, then the rules between
 * fields (validity periods in order and without overlap, type ids stable in kind, defaults that
 * name existing types). Every problem has a path and a German message for the clerk.
 */
import { z } from 'zod'
import { dayNumber, isIsoDate } from './calendar-date.ts'
import { ConfigError, messageKey, problemsFromZod, type ConfigProblem } from './config-problems.ts'
import {
  ALLOWANCE_KINDS,
  DAY_KINDS,
  MEETING_KINDS,
  SUPPLEMENT_FUNCTIONS,
  type AllowanceKind,
  type Statute,
} from './statute.ts'

export const isoDateSchema = z.custom<string>(isIsoDate, { error: messageKey('date') })
export const centsSchema = z.number({ error: messageKey('cents') }).int({ error: messageKey('cents') }).min(0, { error: messageKey('cents') }).max(10_000_000, { error: messageKey('cents') })
const idSchema = z.string({ error: messageKey('id') }).regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: messageKey('id') })
const textSchema = (max: number) => z.string().trim().min(1, { error: messageKey('text') }).max(max)
const monthsSchema = z.number({ error: messageKey('months') }).int({ error: messageKey('months') }).min(1, { error: messageKey('months') }).max(60, { error: messageKey('months') })
const minutesSchema = z.number({ error: messageKey('minutes') }).int({ error: messageKey('minutes') }).min(0, { error: messageKey('minutes') }).max(1440, { error: messageKey('minutes') })
const multipleSchema = z
  .number({ error: messageKey('multiple') })
  .min(1, { error: messageKey('multiple') })
  .max(10, { error: messageKey('multiple') })
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { error: messageKey('multiple') })
const meetingKindSchema = z.enum(MEETING_KINDS)

const earningsCapSchema = z.strictObject({ hourlyCapCents: centsSchema, dailyCapCents: centsSchema.optional() })

const typeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('monthlyFlat'), id: idSchema, label: textSchema(120), amountCents: centsSchema }),
  z.strictObject({
    kind: z.literal('supplement'),
    id: idSchema,
    label: textSchema(120),
    amountCents: centsSchema,
    function: z.enum(SUPPLEMENT_FUNCTIONS),
    passesToDeputy: z.strictObject({ afterMonths: monthsSchema, role: textSchema(60) }).optional(),
  }),
  z.strictObject({
    kind: z.literal('sessionFee'),
    id: idSchema,
    label: textSchema(120),
    amountCents: centsSchema,
    amountCentsByMeetingKind: z.partialRecord(meetingKindSchema, centsSchema).optional(),
    mode: z.enum(['perMeeting', 'perDay']),
    meetingKinds: z.array(meetingKindSchema).min(1),
    conferencesOnlyIfOrdered: z.boolean(),
    dailyCapMultiple: multipleSchema.optional(),
    minimumPresenceMinutes: minutesSchema.optional(),
    paySubstitutes: z.boolean(),
    continuationCountsAsNewMeeting: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('lostEarnings'),
    id: idSchema,
    label: textSchema(120),
    employee: earningsCapSchema.optional(),
    selfEmployed: earningsCapSchema.optional(),
    household: z.strictObject({ hourlyRateCents: centsSchema, dailyCapCents: centsSchema.optional() }).optional(),
    rounding: z.strictObject({
      unitMinutes: z.number().int().min(1).max(60).refine((v) => 60 % v === 0, { error: messageKey('unitMinutes') }),
      mode: z.enum(['up', 'down', 'nearest']),
    }),
  }),
  z.strictObject({
    kind: z.literal('travel'),
    id: idSchema,
    label: textSchema(120),
    kmRateCents: centsSchema,
    inTownReimbursed: z.boolean(),
    publicTransport: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('care'),
    id: idSchema,
    label: textSchema(120),
    hourlyCapCents: centsSchema.optional(),
    dailyCapCents: centsSchema.optional(),
  }),
])

const versionSchema = z.strictObject({
  validFrom: isoDateSchema,
  validTo: isoDateSchema.optional(),
  label: textSchema(200).optional(),
  rules: z.strictObject({
    partMonth: z.enum(['thirtieths', 'calendarDays', 'fullMonth']),
    flatRatePayment: z.enum(['advance', 'arrears']),
    supplementCombination: z.enum(['cumulative', 'highest']),
    absenceLapseMonths: monthsSchema.nullable(),
    expulsionForfeits: z.array(z.enum(ALLOWANCE_KINDS)),
  }),
  types: z.array(typeSchema).min(1),
})

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const statuteShape = z.strictObject({
  schemaVersion: z.literal(1),
  id: idSchema,
  title: textSchema(300),
  municipality: textSchema(120),
  state: z.string().regex(/^[A-Z]{2}$/),
  inhabitants: z.number().int().min(1).max(5_000_000),
  source: textSchema(500).optional(),
  timeZone: z.string().refine(isTimeZone, { error: messageKey('timeZone') }).optional(),
  defaults: z.array(
    z.strictObject({
      roles: z.array(textSchema(60)).min(1).optional(),
      classifications: z.array(textSchema(60)).min(1).optional(),
      organizationIds: z.array(textSchema(100)).min(1).optional(),
      types: z.array(idSchema).min(1),
    }),
  ),
  versions: z.array(versionSchema).min(1),
})

/** Rules between fields; only run on a well-shaped statute. */
function crossFieldProblems(s: z.infer<typeof statuteShape>): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const add = (path: string, de: string, en: string) => problems.push({ path, message: de, messageEn: en })
  const kindOf = new Map<string, AllowanceKind>()

  s.versions.forEach((v, vi) => {
    const at = `versions[${vi}]`
    if (v.validTo !== undefined && v.validTo < v.validFrom) add(`${at}.validTo`, 'liegt vor validFrom', 'is before validFrom')
    if (vi > 0) {
      const prev = s.versions[vi - 1]
      if (v.validFrom <= prev.validFrom) {
        add(`${at}.validFrom`, 'Fassungen müssen nach validFrom aufsteigend sortiert sein', 'versions must be sorted by validFrom')
      } else if (prev.validTo !== undefined && dayNumber(prev.validTo) >= dayNumber(v.validFrom)) {
        add(`${at}.validFrom`, `überschneidet sich mit der vorigen Fassung (gültig bis ${prev.validTo})`, `overlaps the previous version (valid to ${prev.validTo})`)
      }
    }
    const seen = new Set<string>()
    v.types.forEach((t, ti) => {
      const tp = `${at}.types[${ti}]`
      if (seen.has(t.id)) add(`${tp}.id`, `Art "${t.id}" ist in dieser Fassung doppelt`, `type "${t.id}" appears twice in this version`)
      seen.add(t.id)
      const known = kindOf.get(t.id)
      if (known && known !== t.kind) add(`${tp}.kind`, `Art "${t.id}" war in einer früheren Fassung "${known}"`, `type "${t.id}" was "${known}" in an earlier version`)
      else kindOf.set(t.id, t.kind)
      if (t.kind === 'lostEarnings' && !t.employee && !t.selfEmployed && !t.household) {
        add(tp, 'Verdienstausfall braucht employee, selfEmployed oder household', 'lost earnings needs employee, selfEmployed or household')
      }
      if (t.kind === 'sessionFee' && t.amountCentsByMeetingKind) {
        for (const k of Object.keys(t.amountCentsByMeetingKind)) {
          if (!t.meetingKinds.includes(k as never)) {
            add(`${tp}.amountCentsByMeetingKind.${k}`, `Sitzungsart "${k}" steht nicht in meetingKinds`, `meeting kind "${k}" is not in meetingKinds`)
          }
        }
      }
    })
    v.rules.expulsionForfeits.forEach((k, ki) => {
      if (!DAY_KINDS.includes(k)) {
        add(`${at}.rules.expulsionForfeits[${ki}]`, `nur tageweise Arten entfallen (${DAY_KINDS.join(', ')})`, `only per-day kinds can be forfeited (${DAY_KINDS.join(', ')})`)
      }
    })
  })

  s.defaults.forEach((d, di) => {
    d.types.forEach((t, ti) => {
      if (!kindOf.has(t)) add(`defaults[${di}].types[${ti}]`, `unbekannte Art "${t}" (in keiner Fassung definiert)`, `unknown type "${t}" (defined in no version)`)
    })
  })
  return problems
}

export type StatuteValidation = { ok: true; statute: Statute } | { ok: false; problems: ConfigProblem[] }

/** Checks a parsed JSON value against the statute schema; never throws. */
export function validateStatute(value: unknown): StatuteValidation {
  const parsed = statuteShape.safeParse(value, { reportInput: true })
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error.issues) }
  const problems = crossFieldProblems(parsed.data)
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, statute: parsed.data as Statute }
}

/** The statute, or a ConfigError listing every problem ("Satzung ungültig: versions[0].validFrom: kein gültiges Datum"). */
export function parseStatute(value: unknown): Statute {
  const result = validateStatute(value)
  if (!result.ok) throw new ConfigError('Satzung ungültig', result.problems)
  return result.statute
}

// The schema and the documented types must describe the same thing (a compile-time check).
type Shape = z.infer<typeof statuteShape>
const sameShape: [Shape] extends [Statute] ? ([Statute] extends [Shape] ? true : false) : false = true
void sameShape
